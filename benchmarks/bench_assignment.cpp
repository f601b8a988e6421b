// kanten — benchmarks of the optimal assignment solver against LEMON's NetworkSimplex.
//
// Deterministic random instances (own splitmix64 PRNG) at three sizes:
//   municipality 850 left × 400 groups, region 10,000 × 2,000, national 100,000 × 20,000;
// about 5 tasks per group (1–9), 1–3 slots per task, group capacity 1–8 (at most the group's
// slots), about 50 distinct candidate tasks per left node, scores 1..1000, uniformly random.
//
// BM_compare/<size> solves the identical network with kanten and with LEMON NetworkSimplex under
// BLOCK_SEARCH and FIRST_ELIGIBLE (LEMON timed on run() only, graph building excluded; kanten timed
// on the whole solve_assignment call, including its input conversion; both as thread CPU time,
// which is also the manual iteration time). Counters: kanten_s, lemon_block_s, lemon_first_s,
// speedup (best LEMON / kanten) and optimum_equal (1 when all optima agree; the benchmark is
// aborted with SkipWithError otherwise). BM_kanten/<size> and BM_greedy/<size> time kanten alone.
#include <benchmark/benchmark.h>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kanten/synth/market.hpp"
#include "kanten/bipartite/assignment.hpp"
#include "kanten/match/matching.hpp"

#include <unordered_map>

namespace km = kanten::bipartite;

namespace {

struct splitmix64 {
    std::uint64_t state;
    std::uint64_t next() {
        std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) by multiply-high (Lemire), n > 0.
    std::uint64_t below(std::uint64_t n) {
        return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
    }
};

km::Instance generate(std::int32_t num_left, std::int32_t num_groups, std::int32_t edges_per_left, std::uint64_t seed) {
    splitmix64 rng{seed};
    km::Instance inst;
    inst.num_left = num_left;
    inst.group_capacity.resize(num_groups);
    for (std::int32_t g = 0; g < num_groups; ++g) {
        const auto tasks = static_cast<std::int32_t>(1 + rng.below(9));
        std::int32_t total = 0;
        for (std::int32_t t = 0; t < tasks; ++t) {
            const auto slots = static_cast<std::int32_t>(1 + rng.below(3));
            inst.right_slots.push_back(slots);
            inst.right_group.push_back(g);
            total += slots;
        }
        inst.group_capacity[g] = static_cast<std::int32_t>(1 + rng.below(static_cast<std::uint64_t>(std::min(total, 8))));
    }
    const std::int32_t nr = inst.num_right();
    const std::int32_t deg = std::min(edges_per_left, nr);
    inst.edges.reserve(static_cast<std::size_t>(num_left) * deg);
    std::vector<std::int32_t> picked;
    for (std::int32_t i = 0; i < num_left; ++i) {
        picked.clear();
        while (static_cast<std::int32_t>(picked.size()) < deg) {
            const auto j = static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(nr)));
            if (std::find(picked.begin(), picked.end(), j) != picked.end()) continue;
            picked.push_back(j);
            inst.edges.push_back({i, j, static_cast<std::int64_t>(1 + rng.below(1000))});
        }
    }
    return inst;
}

struct size_spec {
    const char* name;
    std::int32_t left, groups, degree;
};
constexpr size_spec k_sizes[] = {
    {"municipality", 850, 400, 50},
    {"region", 10000, 2000, 50},
    {"national", 100000, 20000, 50},
};

const km::Instance& cached(int size) {
    static std::map<int, km::Instance> cache;
    auto it = cache.find(size);
    if (it == cache.end()) {
        const auto& s = k_sizes[size];
        it = cache.emplace(size, generate(s.left, s.groups, s.degree, 0x6b616e74656e0000ULL + static_cast<unsigned>(size)))
                 .first;
    }
    return it->second;
}

// CPU time of the calling thread: the machine is shared, so wall time would measure the neighbours.
double wall_seconds() {
    return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

double cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

// Solves the identical network with LEMON: left (supply 1) → right (cap slots) → group (cap
// capacity) → sink (supply −L), bypass left → sink (cost 0), left→right cost −score.
struct lemon_result {
    double seconds = 0;
    std::int64_t score = 0;
    bool ok = false;
};

lemon_result solve_lemon(const km::Instance& inst, lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t>::PivotRule rule) {
    using graph = lemon::SmartDigraph;
    graph gr;
    const std::int32_t nl = inst.num_left, nr = inst.num_right(), ng = inst.num_groups();
    gr.reserveNode(nl + nr + ng + 1);
    gr.reserveArc(static_cast<int>(inst.edges.size()) + nl + nr + ng);
    std::vector<graph::Node> nodes;
    nodes.reserve(static_cast<std::size_t>(nl) + nr + ng + 1);
    for (std::int32_t k = 0; k < nl + nr + ng + 1; ++k) nodes.push_back(gr.addNode());
    const graph::Node sink = nodes.back();
    graph::ArcMap<std::int64_t> cap(gr), cost(gr);
    graph::NodeMap<std::int64_t> supply(gr, 0);
    auto add = [&](graph::Node a, graph::Node b, std::int64_t c, std::int64_t w) {
        const graph::Arc arc = gr.addArc(a, b);
        cap.set(arc, c);
        cost.set(arc, w);
    };
    for (const auto& x : inst.edges) add(nodes[x.left], nodes[nl + x.right], 1, -x.score);
    for (std::int32_t i = 0; i < nl; ++i) {
        add(nodes[i], sink, 1, 0);
        supply.set(nodes[i], 1);
    }
    for (std::int32_t j = 0; j < nr; ++j) add(nodes[nl + j], nodes[nl + nr + inst.right_group[j]], inst.right_slots[j], 0);
    for (std::int32_t g = 0; g < ng; ++g) add(nodes[nl + nr + g], sink, inst.group_capacity[g], 0);
    supply.set(sink, -static_cast<std::int64_t>(nl));

    lemon::NetworkSimplex<graph, std::int64_t, std::int64_t> ns(gr);
    ns.upperMap(cap).costMap(cost).supplyMap(supply);
    const double t0 = cpu_seconds();
    const auto status = ns.run(rule);
    const double t1 = cpu_seconds();
    lemon_result r;
    r.seconds = t1 - t0;
    r.ok = status == lemon::NetworkSimplex<graph, std::int64_t, std::int64_t>::OPTIMAL;
    r.score = r.ok ? -ns.totalCost() : 0;
    return r;
}

void BM_compare(benchmark::State& state) {
    const int size = static_cast<int>(state.range(0));
    const km::Instance& inst = cached(size);
    using ns_type = lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t>;
    double ours = 0, block = 0, first = 0;
    bool equal = true;
    std::int64_t opt = 0;
    for (auto _ : state) {
        const double t0 = cpu_seconds();
        const km::AssignmentResult res = km::solve_assignment(inst);
        const double s = cpu_seconds() - t0;
        state.SetIterationTime(s);
        ours += s;
        const lemon_result lb = solve_lemon(inst, ns_type::BLOCK_SEARCH);
        const lemon_result lf = solve_lemon(inst, ns_type::FIRST_ELIGIBLE);
        block += lb.seconds;
        first += lf.seconds;
        opt = res.total_score;
        if (!res.feasible || !lb.ok || !lf.ok || lb.score != res.total_score || lf.score != res.total_score) {
            equal = false;
            state.SkipWithError(("optima differ: kanten " + std::to_string(res.total_score) + " (feasible " +
                                 std::to_string(res.feasible) + "), LEMON block " + std::to_string(lb.score) +
                                 ", LEMON first " + std::to_string(lf.score))
                                    .c_str());
            break;
        }
    }
    const double n = static_cast<double>(std::max<benchmark::IterationCount>(1, state.iterations()));
    state.counters["kanten_s"] = ours / n;
    state.counters["lemon_block_s"] = block / n;
    state.counters["lemon_first_s"] = first / n;
    state.counters["speedup"] = ours > 0 ? std::min(block, first) / ours : 0;
    state.counters["optimum_equal"] = equal ? 1 : 0;
    state.counters["optimum"] = static_cast<double>(opt);
    state.counters["edges"] = static_cast<double>(inst.edges.size());
    state.SetLabel(k_sizes[size].name);
}

void BM_kanten(benchmark::State& state) {
    const km::Instance& inst = cached(static_cast<int>(state.range(0)));
    km::AssignmentResult res;
    for (auto _ : state) {
        res = km::solve_assignment(inst);
        benchmark::DoNotOptimize(res.total_score);
    }
    state.counters["optimum"] = static_cast<double>(res.total_score);
    state.counters["assigned"] = res.num_assigned;
    state.counters["phases"] = res.stats.phases;
    state.counters["bids"] = static_cast<double>(res.stats.left_pushes);
    state.counters["relabels"] = static_cast<double>(res.stats.relabels);
    state.SetLabel(k_sizes[state.range(0)].name);
}

void BM_greedy(benchmark::State& state) {
    const km::Instance& inst = cached(static_cast<int>(state.range(0)));
    km::AssignmentResult res;
    for (auto _ : state) {
        res = km::greedy_assignment(inst);
        benchmark::DoNotOptimize(res.total_score);
    }
    state.counters["score"] = static_cast<double>(res.total_score);
    state.SetLabel(k_sizes[state.range(0)].name);
}

// --- the matching engine on generated markets: the speed targets -------------------------------
// Sizes: municipality (850 citizens, 400 companies, Lolland-Falster), region (10,000 × 2,000) and
// national (100,000 × 20,000, reach ~8 km: about 50 candidate tasks per citizen), Denmark-wide.
// Reports candidate generation + scoring, the solver alone, and LEMON NetworkSimplex (best pivot
// rule) on the identical network, with optimum_equal; whole_match_s = candidates_s + kanten_s.
// The "threads" argument is the thread count of candidate generation and of the solver's independent
// parts (connected components); whole_match_wall_s is the wall-clock time of candidates and solver,
// the time a caller waits, with 1 and with 2 threads; match_wall_s is kanten::match (no
// explanations) on that many threads: candidates gathered straight into the solver's edges, the
// target "whole national match < 2 s". With threads = 1 the solver alone (kanten_s) is compared with
// LEMON, one thread against one.
// Each counter is the minimum over the iterations (5 for municipality and region, 2 national).
struct market_spec {
    const char* name;
    std::size_t citizens, companies;
    kanten::Region region;
    std::int32_t travel_m;
};
constexpr market_spec k_markets[] = {
    {"municipality", 850, 400, kanten::Region::lolland_falster, 20'000},
    {"region", 10'000, 2'000, kanten::Region::denmark, 20'000},
    {"national", 100'000, 20'000, kanten::Region::denmark, 8'000},
};

const kanten::Market& cached_market(int size) {
    static std::map<int, kanten::Market> cache;
    auto it = cache.find(size);
    if (it == cache.end()) {
        const auto& s = k_markets[size];
        it = cache.emplace(size, kanten::generate_market({.citizens = s.citizens, .companies = s.companies, .seed = 2018,
                                                          .region = s.region, .travel_m = s.travel_m}))
                 .first;
    }
    return it->second;
}

km::Instance market_instance(const kanten::Market& m, const std::vector<kanten::Candidate>& cands) {
    km::Instance inst;
    inst.num_left = static_cast<std::int32_t>(m.citizens.size());
    std::unordered_map<std::string, std::int32_t> company;
    for (std::size_t i = 0; i < m.companies.size(); ++i) {
        company.emplace(m.companies[i].id, static_cast<std::int32_t>(i));
        inst.group_capacity.push_back(m.companies[i].capacity);
    }
    for (const auto& t : m.tasks) {
        inst.right_slots.push_back(t.slots);
        inst.right_group.push_back(company.at(t.company));
    }
    for (const auto& c : cands) inst.edges.push_back({c.citizen, c.task, c.score});
    return inst;
}

void BM_market(benchmark::State& state) {
    // The machine is shared: every counter is the minimum over the iterations (least disturbed run).
    // range(1) is the thread count of candidate generation; with 1 the CPU times are measured and
    // the solver is compared with LEMON, with more only the wall-clock times (the solver and its
    // LEMON ratio do not depend on it).
    const int size = static_cast<int>(state.range(0));
    const auto threads = static_cast<std::int32_t>(state.range(1));
    const kanten::Market& m = cached_market(size);
    using ns_type = lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t>;
    double cand_s = 1e30, ours = 1e30, lemon_s = 1e30, whole = 1e30, cand_wall = 1e30, whole_wall = 1e30;
    double match_wall = 1e30;
    std::size_t edges = 0;
    for (auto _ : state) {
        const double w0 = wall_seconds(), t0 = cpu_seconds();
        const auto cands = kanten::candidates(m, kanten::default_weights(), threads);
        const double t1 = cpu_seconds(), w1 = wall_seconds();
        const km::Instance inst = market_instance(m, cands);
        const double w2 = wall_seconds(), t2 = cpu_seconds();
        km::AssignmentOptions solve_options;
        solve_options.threads = threads;  // the independent parts on as many threads as the candidates
        const km::AssignmentResult res = km::solve_assignment(inst, solve_options);
        const double t3 = cpu_seconds(), w3 = wall_seconds();
        state.SetIterationTime((w1 - w0) + (w3 - w2));
        cand_s = std::min(cand_s, t1 - t0);
        ours = std::min(ours, t3 - t2);
        whole = std::min(whole, (t1 - t0) + (t3 - t2));
        cand_wall = std::min(cand_wall, w1 - w0);
        whole_wall = std::min(whole_wall, (w1 - w0) + (w3 - w2));
        edges = inst.edges.size();
        // The whole match as a caller runs it: candidates, the assignment by components, no explanations.
        const double w4 = wall_seconds();
        const kanten::MatchResult mr = kanten::match(m, {.explain = false, .threads = threads});
        match_wall = std::min(match_wall, wall_seconds() - w4);
        if (mr.total_score != res.total_score) {
            state.SkipWithError("match() and the solver differ");
            break;
        }
        state.counters["optimum"] = static_cast<double>(res.total_score);
        state.counters["phases"] = res.stats.phases;
        state.counters["proved_early"] = res.stats.proved_early ? 1 : 0;
        state.counters["parts"] = res.stats.parts;
        if (!res.feasible || !res.optimal) {
            state.SkipWithError("the solver did not prove an optimum");
            break;
        }
        if (threads != 1) continue;
        const lemon_result lb = solve_lemon(inst, ns_type::BLOCK_SEARCH);
        const lemon_result lf = solve_lemon(inst, ns_type::FIRST_ELIGIBLE);
        lemon_s = std::min({lemon_s, lb.seconds, lf.seconds});
        if (!lb.ok || !lf.ok || lb.score != res.total_score || lf.score != res.total_score) {
            state.SkipWithError(("optima differ: kanten " + std::to_string(res.total_score) + ", LEMON block " +
                                 std::to_string(lb.score) + ", LEMON first " + std::to_string(lf.score))
                                    .c_str());
            break;
        }
    }
    state.counters["threads"] = threads;
    state.counters["candidates_wall_s"] = cand_wall;
    state.counters["whole_match_wall_s"] = whole_wall;
    state.counters["match_wall_s"] = match_wall;
    state.counters["edges_per_citizen"] = static_cast<double>(edges) / static_cast<double>(m.citizens.size());
    if (threads == 1) {
        state.counters["candidates_s"] = cand_s;
        state.counters["kanten_s"] = ours;
        state.counters["lemon_best_s"] = lemon_s;
        state.counters["speedup"] = ours > 0 ? lemon_s / ours : 0;
        state.counters["whole_match_s"] = whole;
        state.counters["optimum_equal"] = 1;
    }
    state.SetLabel(k_markets[size].name);
}

}  // namespace

BENCHMARK(BM_market)
    ->ArgsProduct({{0, 1}, {1, 2}})
    ->ArgNames({"market", "threads"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);
BENCHMARK(BM_market)
    ->ArgsProduct({{2}, {1, 2}})
    ->ArgNames({"market", "threads"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);
BENCHMARK(BM_compare)->Arg(0)->Arg(1)->Arg(2)->UseManualTime()->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_kanten)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_greedy)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
