// kanten — the optimal assignment solver against LEMON's NetworkSimplex, under every pivot rule, on
// the identical network (issue 14, "The solver, on instances it has not seen").
//
// BM_family/<family>/<size>: the instance families of benchmarks/families.hpp, each stated as a
// min-cost problem (an arc citizen → task costs c, an unassigned citizen the penalty P; kanten's score
// is P − c, and min cost = P × citizens − max score):
//   uniform         c in 0..1000, P = 2000
//   wide            c in 0..10^6, P = 2·10^6
//   ties            c in 0..3, P = 2000
//   ties_small_p    c in 0..3, P = 4
//   oversubscribed  companies of capacity 1, at most 2,000 of them; c in 0..1000, P = 2000
//   clustered       citizens reach only tasks of their own and the next town; P = 2000
//   balanced        as uniform, about as many places as citizens at 10kx2k
//   roomy           as uniform, each company taking as many as its tasks' slots
// at the sizes 850x400 (a municipality), 10kx2k (a region) and 100kx20k (national), about 50 arcs
// per citizen (every family of kanten_bench::k_families is run; families.hpp describes each). `kanten_gen_families FAMILY SIZE` writes any of them as a DIMACS file
// (docs/solve.md), for other solvers and `kanten solve`.
//
// Target: kanten at least 2× faster than LEMON's best pivot rule on every family at 10kx2k and
// 100kx20k, and not slower than LEMON at 850x400 (speedup >= 1), with the same optimum.
//
// kanten is timed on the whole solve_assignment call on one thread (thread CPU time; the machine is
// shared, so wall time would measure the neighbours), and once more on 2 threads (wall time: the
// time a caller waits). LEMON NetworkSimplex (Debian's liblemon-dev) solves the identical network:
// left (supply 1) → right (cap slots) → group (cap capacity) → sink (supply −L), a bypass arc left →
// sink of cost 0, left→right cost −score; the graph is built once, and only run() is timed (thread
// CPU time), under each pivot rule in turn. Every counter is the minimum over the iterations (3 at
// 850x400 and 10kx2k, 1 at 100kx20k); a LEMON rule that took more than 5 s is not repeated.
// BEST_ELIGIBLE scans every arc at each pivot: 0.2–0.7 s at 850x400, but 20–320 s per instance at
// 10kx2k (above 60 s on ties, ties_small_p, balanced and roomy) and never the fastest rule, and far
// more at 100kx20k. It is therefore run at 850x400 and on the municipality market only, and skipped
// from 10kx2k up (families and markets): its counter is then absent and lemon_best_eligible_skipped = 1.
//
// Counters: kanten_s, kanten_2t_wall_s, lemon_first_eligible_s, lemon_best_eligible_s,
// lemon_block_search_s, lemon_candidate_list_s, lemon_altering_list_s, lemon_best_s (the fastest
// rule), lemon_best_rule (its index: 0 FIRST_ELIGIBLE, 1 BEST_ELIGIBLE, 2 BLOCK_SEARCH,
// 3 CANDIDATE_LIST, 4 ALTERING_LIST), speedup = lemon_best_s / kanten_s, optimum (max score),
// min_cost (P × L − optimum), optimum_equal (1; the benchmark stops with SkipWithError when any
// optimum differs, when kanten's result is not feasible and optimal or fails the independent
// check_assignment, or when 2 threads give another assignment), phases and relabels (AssignmentStats).
// BM_kanten/<family>/<size> times kanten alone (one thread), for work on the solver.
//
// BM_market/market:N/threads:T: kanten::generate_market and candidates (the matcher's own instances),
// see the comment above it. Run e.g.
//   build/benchmarks/kanten_bench_assignment --benchmark_filter='BM_family/.*/(850x400|10kx2k)'
//     --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <lemon/network_simplex.h>
#include <lemon/smart_graph.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "families.hpp"
#include "markets.hpp"
#include "kanten/bipartite/assignment.hpp"
#include "kanten/match/matching.hpp"
#include "kanten/synth/market.hpp"

namespace km = kanten::bipartite;
namespace kb = kanten_bench;

namespace {

using graph = lemon::SmartDigraph;
using ns_type = lemon::NetworkSimplex<graph, std::int64_t, std::int64_t>;

constexpr std::array<ns_type::PivotRule, 5> k_rules = {ns_type::FIRST_ELIGIBLE, ns_type::BEST_ELIGIBLE,
                                                       ns_type::BLOCK_SEARCH, ns_type::CANDIDATE_LIST,
                                                       ns_type::ALTERING_LIST};
constexpr std::array<const char*, 5> k_rule_counters = {"lemon_first_eligible_s", "lemon_best_eligible_s",
                                                        "lemon_block_search_s", "lemon_candidate_list_s",
                                                        "lemon_altering_list_s"};
constexpr int k_best_eligible = 1;
constexpr double k_repeat_limit_s = 5.0;  // a rule slower than this is measured once
constexpr double k_none = std::numeric_limits<double>::infinity();

using kanten_bench::wall_seconds;
// CPU time of the calling thread: the machine is shared, so wall time would measure the neighbours.
double cpu_seconds() { return kanten_bench::thread_cpu_seconds(); }

struct lemon_result {
  double seconds = 0;
  std::int64_t score = 0;
  bool ok = false;
};

// The identical network for LEMON: left (supply 1) → right (cap slots) → group (cap capacity) → sink
// (supply −L), bypass left → sink (cost 0), left→right cost −score. Built once; run() under any rule.
class LemonNetwork {
 public:
  explicit LemonNetwork(const km::Instance& inst) : cap_(gr_), cost_(gr_), supply_(gr_, 0) {
    const std::int32_t nl = inst.num_left, nr = inst.num_right(), ng = inst.num_groups();
    gr_.reserveNode(nl + nr + ng + 1);
    gr_.reserveArc(static_cast<int>(inst.edges.size()) + nl + nr + ng);
    std::vector<graph::Node> nodes;
    nodes.reserve(static_cast<std::size_t>(nl) + nr + ng + 1);
    for (std::int32_t k = 0; k < nl + nr + ng + 1; ++k) nodes.push_back(gr_.addNode());
    const graph::Node sink = nodes.back();
    auto add = [&](graph::Node a, graph::Node b, std::int64_t c, std::int64_t w) {
      const graph::Arc arc = gr_.addArc(a, b);
      cap_.set(arc, c);
      cost_.set(arc, w);
    };
    for (const auto& x : inst.edges) add(nodes[x.left], nodes[nl + x.right], 1, -x.score);
    for (std::int32_t i = 0; i < nl; ++i) {
      add(nodes[i], sink, 1, 0);
      supply_.set(nodes[i], 1);
    }
    for (std::int32_t j = 0; j < nr; ++j)
      add(nodes[nl + j], nodes[nl + nr + inst.right_group[j]], inst.right_slots[j], 0);
    for (std::int32_t g = 0; g < ng; ++g) add(nodes[nl + nr + g], sink, inst.group_capacity[g], 0);
    supply_.set(sink, -static_cast<std::int64_t>(nl));
    ns_ = std::make_unique<ns_type>(gr_);
    ns_->upperMap(cap_).costMap(cost_).supplyMap(supply_);
  }

  // run() starts from scratch (init() rebuilds the spanning tree), so each rule is timed alike.
  lemon_result run(ns_type::PivotRule rule) {
    const double t0 = cpu_seconds();
    const auto status = ns_->run(rule);
    const double t1 = cpu_seconds();
    lemon_result r;
    r.seconds = t1 - t0;
    r.ok = status == ns_type::OPTIMAL;
    r.score = r.ok ? -ns_->totalCost() : 0;
    return r;
  }

 private:
  graph gr_;
  graph::ArcMap<std::int64_t> cap_, cost_;
  graph::NodeMap<std::int64_t> supply_;
  std::unique_ptr<ns_type> ns_;
};

// Every LEMON rule not skipped on `net`, the minimum time of each over the calls; the first error
// (an optimum other than `score`) as text.
struct LemonRules {
  std::array<double, 5> seconds{k_none, k_none, k_none, k_none, k_none};
  std::array<bool, 5> skip{};

  std::string run(LemonNetwork& net, std::int64_t score) {
    for (std::size_t r = 0; r < k_rules.size(); ++r) {
      if (skip[r] || (seconds[r] != k_none && seconds[r] > k_repeat_limit_s)) continue;
      const lemon_result lr = net.run(k_rules[r]);
      if (!lr.ok || lr.score != score)
        return std::string("optima differ: kanten ") + std::to_string(score) + ", " + k_rule_counters[r] +
               (lr.ok ? " " + std::to_string(lr.score) : std::string(" not optimal"));
      seconds[r] = std::min(seconds[r], lr.seconds);
    }
    return "";
  }

  // lemon_<rule>_s, lemon_best_s, lemon_best_rule, speedup against `ours`.
  void report(benchmark::State& state, double ours) const {
    std::size_t best = 0;
    for (std::size_t r = 0; r < k_rules.size(); ++r) {
      if (seconds[r] != k_none) state.counters[k_rule_counters[r]] = seconds[r];
      if (seconds[r] < seconds[best]) best = r;
    }
    if (skip[k_best_eligible]) state.counters["lemon_best_eligible_skipped"] = 1;
    if (seconds[best] == k_none) return;
    state.counters["lemon_best_s"] = seconds[best];
    state.counters["lemon_best_rule"] = static_cast<double>(best);
    state.counters["speedup"] = ours > 0 ? seconds[best] / ours : 0;
  }
};

km::AssignmentOptions on_threads(std::int32_t threads) {
  km::AssignmentOptions o;
  o.threads = threads;
  return o;
}

// --- the instance families -----------------------------------------------------------------------

void BM_family(benchmark::State& state, kb::Family f, std::size_t size) {
  const kb::SizeSpec& s = kb::k_family_sizes[size];
  const km::Instance inst = kb::make_family(f, s.citizens, kb::companies_for(f, s));
  const kb::CostRange cr = kb::cost_range(f);
  LemonNetwork net(inst);
  LemonRules lemon;
  lemon.skip[k_best_eligible] = size >= 1;  // from 10kx2k up: beyond 60 s (see the header)
  double ours = k_none, ours_2t = k_none;
  km::AssignmentResult res;
  for (auto _ : state) {
    const double t0 = cpu_seconds();
    res = km::solve_assignment(inst, on_threads(1));
    const double t = cpu_seconds() - t0;
    state.SetIterationTime(t);
    ours = std::min(ours, t);
    const double w0 = wall_seconds();
    const km::AssignmentResult res2 = km::solve_assignment(inst, on_threads(2));
    ours_2t = std::min(ours_2t, wall_seconds() - w0);
    if (!res.feasible || !res.optimal) {
      state.SkipWithError(("kanten's result is not feasible and optimal: " + res.message).c_str());
      break;
    }
    const km::AssignmentResult check = km::check_assignment(inst, res.right_of_left);
    if (!check.feasible || check.total_score != res.total_score) {
      state.SkipWithError(("kanten's assignment fails the independent check: " + check.message).c_str());
      break;
    }
    if (res2.total_score != res.total_score || res2.right_of_left != res.right_of_left) {
      state.SkipWithError("kanten on 2 threads gives another assignment than on 1");
      break;
    }
    if (const std::string error = lemon.run(net, res.total_score); !error.empty()) {
      state.SkipWithError(error.c_str());
      break;
    }
  }
  state.counters["kanten_s"] = ours;
  state.counters["kanten_2t_wall_s"] = ours_2t;
  lemon.report(state, ours);
  state.counters["optimum"] = static_cast<double>(res.total_score);
  state.counters["min_cost"] = static_cast<double>(cr.penalty * inst.num_left - res.total_score);
  state.counters["optimum_equal"] = 1;
  state.counters["phases"] = res.stats.phases;
  state.counters["relabels"] = static_cast<double>(res.stats.relabels);
  state.counters["edges"] = static_cast<double>(inst.edges.size());
}

void BM_kanten(benchmark::State& state, kb::Family f, std::size_t size) {
  const kb::SizeSpec& s = kb::k_family_sizes[size];
  const km::Instance inst = kb::make_family(f, s.citizens, kb::companies_for(f, s));
  double ours = k_none;
  km::AssignmentResult res;
  for (auto _ : state) {
    const double t0 = cpu_seconds();
    res = km::solve_assignment(inst, on_threads(1));
    const double t = cpu_seconds() - t0;
    state.SetIterationTime(t);
    ours = std::min(ours, t);
    benchmark::DoNotOptimize(res.total_score);
  }
  state.counters["kanten_s"] = ours;
  state.counters["optimum"] = static_cast<double>(res.total_score);
  state.counters["phases"] = res.stats.phases;
  state.counters["relabels"] = static_cast<double>(res.stats.relabels);
}

const bool k_families_registered = [] {
  for (std::size_t size = 0; size < std::size(kb::k_family_sizes); ++size)
    for (const kb::Family f : kb::k_families) {
      const std::string name = std::string(kb::family_name(f)) + "/" + kb::k_family_sizes[size].name;
      const int iterations = size == 2 ? 1 : 3;
      benchmark::RegisterBenchmark(("BM_family/" + name).c_str(), BM_family, f, size)
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond)
          ->Iterations(iterations);
      benchmark::RegisterBenchmark(("BM_kanten/" + name).c_str(), BM_kanten, f, size)
          ->UseManualTime()
          ->Unit(benchmark::kMillisecond)
          ->Iterations(iterations);
    }
  return true;
}();

// --- the matching engine on generated markets: the speed targets -------------------------------
// Sizes: municipality (850 citizens, 400 companies, Lolland-Falster), region (10,000 × 2,000) and
// national (100,000 × 20,000), Denmark-wide, at the library's default reach (20 km; about 220
// candidate tasks per national citizen) and at 8 km (about 50).
// Reports candidate generation + scoring, the solver alone, and LEMON NetworkSimplex under every
// pivot rule on the identical network (BEST_ELIGIBLE skipped from region size up), with optimum_equal;
// whole_match_s = candidates_s + kanten_s.
// The "threads" argument is the thread count of candidate generation and of the solver's independent
// parts (connected components); whole_match_wall_s is the wall-clock time of candidates and solver,
// the time a caller waits, with 1 and with 2 threads; match_wall_s is kanten::match (no
// explanations, otherwise the library's defaults) on that many threads, the target "whole national
// match < 2 s". With threads = 1 the solver alone (kanten_s) is compared with LEMON, one thread
// against one. Each counter is the minimum over the iterations (5 for municipality and region, 1
// national).
const kanten_bench::MarketSpec k_markets[] = {
    {"municipality", 850, 400, kanten::Region::lolland_falster, 20'000},
    {"region", 10'000, 2'000, kanten::Region::denmark, 20'000},
    {"national_8km", 100'000, 20'000, kanten::Region::denmark, 8'000},
    {"national_20km", 100'000, 20'000, kanten::Region::denmark},
};
const kanten::Market& cached_market(std::size_t size) { return kanten_bench::cached_market(k_markets[size]); }

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
  // range(1) is the thread count of candidate generation and of the solver; with 1 the CPU times
  // are measured and the solver is compared with LEMON, with more only the wall-clock times (the
  // solver and its LEMON ratios do not depend on it).
  const auto size = static_cast<std::size_t>(state.range(0));
  const auto threads = static_cast<std::int32_t>(state.range(1));
  const kanten_bench::MarketSpec& spec = k_markets[size];
  const kanten::Market& m = cached_market(size);
  double cand_s = k_none, ours = k_none, whole = k_none, cand_wall = k_none, whole_wall = k_none;
  double match_wall = k_none;
  std::size_t edges = 0;
  LemonRules lemon;
  lemon.skip[k_best_eligible] = spec.citizens >= 10'000;  // as for the families
  std::unique_ptr<LemonNetwork> net;
  for (auto _ : state) {
    const double w0 = wall_seconds(), t0 = cpu_seconds();
    const auto cands = kanten::candidates(m, kanten::default_weights(), threads);
    const double t1 = cpu_seconds(), w1 = wall_seconds();
    const km::Instance inst = market_instance(m, cands);
    const double w2 = wall_seconds(), t2 = cpu_seconds();
    const km::AssignmentResult res = km::solve_assignment(inst, on_threads(threads));
    const double t3 = cpu_seconds(), w3 = wall_seconds();
    state.SetIterationTime((w1 - w0) + (w3 - w2));
    cand_s = std::min(cand_s, t1 - t0);
    ours = std::min(ours, t3 - t2);
    whole = std::min(whole, (t1 - t0) + (t3 - t2));
    cand_wall = std::min(cand_wall, w1 - w0);
    whole_wall = std::min(whole_wall, (w1 - w0) + (w3 - w2));
    edges = inst.edges.size();
    if (!res.feasible || !res.optimal) {
      state.SkipWithError("the solver did not prove an optimum");
      break;
    }
    // The whole match as a caller runs it: candidates, the assignment by components, no explanations.
    kanten::MatchOptions match_options;
    match_options.explain = false;
    match_options.threads = threads;
    const double w4 = wall_seconds();
    const kanten::MatchResult mr = kanten::match(m, match_options);
    match_wall = std::min(match_wall, wall_seconds() - w4);
    state.counters["match_optimum"] = static_cast<double>(mr.total_score);
    // At the library's defaults match() may keep fewer candidates per citizen than candidates()
    // gives (MatchOptions::max_candidates_per_citizen); only the exact path must agree.
    if (match_options.max_candidates_per_citizen == 0 && mr.total_score != res.total_score) {
      state.SkipWithError("match() and the solver differ");
      break;
    }
    state.counters["optimum"] = static_cast<double>(res.total_score);
    state.counters["phases"] = res.stats.phases;
    state.counters["relabels"] = static_cast<double>(res.stats.relabels);
    state.counters["parts"] = res.stats.parts;
    if (threads != 1) continue;
    if (!net) net = std::make_unique<LemonNetwork>(inst);
    if (const std::string error = lemon.run(*net, res.total_score); !error.empty()) {
      state.SkipWithError(error.c_str());
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
    lemon.report(state, ours);
    state.counters["whole_match_s"] = whole;
    state.counters["optimum_equal"] = 1;
  }
  state.SetLabel(spec.name);
}

}  // namespace

BENCHMARK(BM_market)
    ->ArgsProduct({{0, 1}, {1, 2}})
    ->ArgNames({"market", "threads"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);
BENCHMARK(BM_market)
    ->ArgsProduct({{2, 3}, {1, 2}})
    ->ArgNames({"market", "threads"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1);

BENCHMARK_MAIN();
