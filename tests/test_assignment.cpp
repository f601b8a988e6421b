// Tests of the optimal assignment solver (checked against Boost.Graph's successive shortest path),
// top-k candidates and the DIMACS reader/writer.
#include <catch2/catch.hpp>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>
// find_flow_cost.hpp is not self-contained in Boost 1.74: it must follow the SSP header.
#include <boost/graph/find_flow_cost.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "kanten/bipartite/assignment.hpp"
#include "kanten/bipartite/dimacs.hpp"
#include "kanten/bipartite/topk.hpp"
#include "kanten/core/error.hpp"

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
    std::int64_t in(std::int64_t lo, std::int64_t hi) {  // inclusive
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
};

// Random instance: zero slots and capacities, unbalanced sides, duplicate edges and scores,
// non-positive scores all occur.
km::Instance random_instance(std::uint64_t seed, std::int32_t max_left = 10, std::int32_t max_right = 8,
                             std::int32_t max_groups = 4, std::int64_t max_score = 12) {
    splitmix64 r{seed};
    km::Instance inst;
    inst.num_left = static_cast<std::int32_t>(r.in(0, max_left));
    const auto ng = static_cast<std::int32_t>(r.in(1, max_groups));
    const auto nr = static_cast<std::int32_t>(r.in(0, max_right));
    for (std::int32_t g = 0; g < ng; ++g) inst.group_capacity.push_back(static_cast<std::int32_t>(r.in(0, 4)));
    for (std::int32_t j = 0; j < nr; ++j) {
        inst.right_slots.push_back(static_cast<std::int32_t>(r.in(0, 3)));
        inst.right_group.push_back(static_cast<std::int32_t>(r.in(0, ng - 1)));
    }
    if (nr > 0 && inst.num_left > 0) {
        const std::int64_t density = r.in(1, 4);
        for (std::int32_t i = 0; i < inst.num_left; ++i)
            for (std::int32_t j = 0; j < nr; ++j)
                if (r.in(1, 4) <= density) {
                    inst.edges.push_back({i, j, r.in(-3, max_score)});
                    if (r.in(0, 9) == 0) inst.edges.push_back({i, j, r.in(-3, max_score)});  // duplicate pair
                }
    }
    return inst;
}

// Reference optimum with Boost's SSP. SSP finds a min-cost MAXIMUM flow, so every left node gets a
// bypass arc to the sink and all left arcs cost BIG − score >= 0 (bypass: BIG). Max flow is then
// exactly L (every left node can bypass), and among max flows cost = L·BIG − total score, so the
// min-cost max flow is the max-score assignment: optimum = L·BIG − cost. Costs are doubles
// (exact for these integers): Boost's SSP adds its "infinite" distances, which overflows a signed
// integer weight type (undefined behaviour that UBSan reports) but is harmless in floating point.
std::int64_t boost_optimum(const km::Instance& inst) {
    using traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
    using graph = boost::adjacency_list<
        boost::vecS, boost::vecS, boost::directedS, boost::no_property,
        boost::property<boost::edge_capacity_t, long,
                        boost::property<boost::edge_residual_capacity_t, long,
                                        boost::property<boost::edge_reverse_t, traits::edge_descriptor,
                                                        boost::property<boost::edge_weight_t, double>>>>>;
    const int nl = inst.num_left, nr = inst.num_right(), ng = inst.num_groups();
    const int s = nl + nr + ng, t = s + 1;
    graph g(static_cast<std::size_t>(t + 1));
    auto cap = boost::get(boost::edge_capacity, g);
    auto rev = boost::get(boost::edge_reverse, g);
    auto weight = boost::get(boost::edge_weight, g);
    auto add = [&](int u, int v, long c, double w) {
        const auto e = boost::add_edge(static_cast<std::size_t>(u), static_cast<std::size_t>(v), g).first;
        const auto r = boost::add_edge(static_cast<std::size_t>(v), static_cast<std::size_t>(u), g).first;
        cap[e] = c;
        cap[r] = 0;
        weight[e] = w;
        weight[r] = -w;
        rev[e] = r;
        rev[r] = e;
    };
    std::int64_t big = 1;
    for (const auto& x : inst.edges) big = std::max(big, (x.score < 0 ? -x.score : x.score) + 1);
    for (int i = 0; i < nl; ++i) {
        add(s, i, 1, 0);
        add(i, t, 1, static_cast<double>(big));
    }
    for (const auto& x : inst.edges) add(x.left, nl + x.right, 1, static_cast<double>(big - x.score));
    for (int j = 0; j < nr; ++j) add(nl + j, nl + nr + inst.right_group[j], inst.right_slots[j], 0);
    for (int k = 0; k < ng; ++k) add(nl + nr + k, t, inst.group_capacity[k], 0);
    boost::successive_shortest_path_nonnegative_weights(g, static_cast<std::size_t>(s), static_cast<std::size_t>(t));
    const double cost = boost::find_flow_cost(g);
    return static_cast<std::int64_t>(nl) * big - std::llround(cost);
}

// Feasibility and score, recomputed here without the library's checker.
struct recheck {
    bool feasible = true;
    std::int64_t total = 0;
    std::string why;
};
recheck independent_check(const km::Instance& inst, const std::vector<std::int32_t>& rol) {
    recheck r;
    if (static_cast<std::int32_t>(rol.size()) != inst.num_left) return {false, 0, "size"};
    std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t> best;
    for (const auto& x : inst.edges) {
        auto [it, fresh] = best.try_emplace({x.left, x.right}, x.score);
        if (!fresh) it->second = std::max(it->second, x.score);
    }
    std::vector<int> used_r(inst.right_slots.size(), 0), used_g(inst.group_capacity.size(), 0);
    for (std::int32_t i = 0; i < inst.num_left; ++i) {
        if (rol[i] == -1) continue;
        if (rol[i] < 0 || rol[i] >= inst.num_right()) return {false, 0, "bad right id"};
        auto it = best.find({i, rol[i]});
        if (it == best.end()) return {false, 0, "no edge"};
        if (it->second <= 0) return {false, 0, "non-positive edge chosen"};
        r.total += it->second;
        ++used_r[rol[i]];
        ++used_g[inst.right_group[rol[i]]];
    }
    for (std::size_t j = 0; j < used_r.size(); ++j)
        if (used_r[j] > inst.right_slots[j]) return {false, 0, "slots exceeded"};
    for (std::size_t g = 0; g < used_g.size(); ++g)
        if (used_g[g] > inst.group_capacity[g]) return {false, 0, "capacity exceeded"};
    return r;
}

bool same_instance(const km::Instance& a, const km::Instance& b) {
    if (a.num_left != b.num_left || a.right_slots != b.right_slots || a.right_group != b.right_group ||
        a.group_capacity != b.group_capacity || a.edges.size() != b.edges.size())
        return false;
    for (std::size_t k = 0; k < a.edges.size(); ++k)
        if (a.edges[k].left != b.edges[k].left || a.edges[k].right != b.edges[k].right || a.edges[k].score != b.edges[k].score)
            return false;
    return true;
}

}  // namespace

TEST_CASE("optimal assignment equals Boost successive shortest path on random small instances", "[assignment]") {
    for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
        const km::Instance inst = random_instance(seed);
        const km::AssignmentResult res = km::solve_assignment(inst);
        INFO("seed " << seed);
        REQUIRE(res.feasible);
        REQUIRE(res.optimal);
        REQUIRE(res.total_score == boost_optimum(inst));
        const recheck rc = independent_check(inst, res.right_of_left);
        INFO(rc.why);
        REQUIRE(rc.feasible);
        REQUIRE(rc.total == res.total_score);
    }
}

TEST_CASE("optimal assignment equals Boost on larger instances with many ties", "[assignment]") {
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const km::Instance inst = random_instance(1000 + seed, 120, 60, 15, seed % 2 == 0 ? 3 : 1000);
        const km::AssignmentResult res = km::solve_assignment(inst);
        INFO("seed " << seed);
        REQUIRE(res.feasible);
        REQUIRE(res.total_score == boost_optimum(inst));
        REQUIRE(independent_check(inst, res.right_of_left).feasible);
    }
}

TEST_CASE("an optimum proved before the last scaling phase equals Boost", "[assignment]") {
    // Small integer scores, as the matching engine produces: the shortest-path proof usually ends
    // the solver early; when it does, the optimum must still be Boost's.
    int early = 0;
    for (std::uint64_t seed = 1; seed <= 40; ++seed) {
        const km::Instance inst = random_instance(7000 + seed, 300, 120, 30, seed % 2 == 0 ? 5 : 130);
        km::AssignmentOptions scaling;
        scaling.start = km::AssignmentStart::cost_scaling;  // the proof belongs to cost scaling
        const km::AssignmentResult res = km::solve_assignment(inst, scaling);
        INFO("seed " << seed);
        REQUIRE(res.feasible);
        REQUIRE(res.optimal);
        REQUIRE(res.total_score == boost_optimum(inst));
        if (res.stats.proved_early) ++early;
    }
    REQUIRE(early > 0);
}

TEST_CASE("every returned assignment passes the independent feasibility check and edge_of_left matches", "[assignment]") {
    for (std::uint64_t seed = 5000; seed < 5300; ++seed) {
        const km::Instance inst = random_instance(seed, 15, 10, 5, 6);
        const km::AssignmentResult res = km::solve_assignment(inst);
        REQUIRE(independent_check(inst, res.right_of_left).feasible);
        std::int64_t sum = 0;
        for (std::int32_t i = 0; i < inst.num_left; ++i) {
            if (res.right_of_left[i] < 0) {
                REQUIRE(res.edge_of_left[i] == -1);
                continue;
            }
            const auto& x = inst.edges.at(static_cast<std::size_t>(res.edge_of_left[i]));
            REQUIRE(x.left == i);
            REQUIRE(x.right == res.right_of_left[i]);
            sum += x.score;
        }
        REQUIRE(sum == res.total_score);
        REQUIRE(res.num_assigned == std::count_if(res.right_of_left.begin(), res.right_of_left.end(), [](auto j) { return j >= 0; }));
    }
}

TEST_CASE("non-positive edges are never chosen and an all-negative instance assigns nobody", "[assignment]") {
    km::Instance inst;
    inst.num_left = 3;
    inst.right_slots = {2, 1};
    inst.right_group = {0, 0};
    inst.group_capacity = {3};
    inst.edges = {{0, 0, 0}, {1, 0, -4}, {2, 1, -1}};
    const auto res = km::solve_assignment(inst);
    REQUIRE(res.feasible);
    REQUIRE(res.total_score == 0);
    REQUIRE(res.num_assigned == 0);
    REQUIRE(res.right_of_left == std::vector<std::int32_t>{-1, -1, -1});
}

TEST_CASE("group capacity binds below the sum of task slots", "[assignment]") {
    km::Instance inst;
    inst.num_left = 4;
    inst.right_slots = {2, 2};
    inst.right_group = {0, 0};
    inst.group_capacity = {2};
    inst.edges = {{0, 0, 10}, {1, 0, 9}, {2, 1, 8}, {3, 1, 20}};
    const auto res = km::solve_assignment(inst);
    REQUIRE(res.total_score == 30);
    REQUIRE(res.right_of_left == std::vector<std::int32_t>{0, -1, -1, 1});
}

TEST_CASE("zero slots, zero capacities, empty sides and no edges are handled", "[assignment]") {
    km::Instance empty;
    auto r0 = km::solve_assignment(empty);
    REQUIRE(r0.feasible);
    REQUIRE(r0.total_score == 0);
    REQUIRE(r0.right_of_left.empty());

    km::Instance no_right;
    no_right.num_left = 5;
    auto r1 = km::solve_assignment(no_right);
    REQUIRE(r1.right_of_left == std::vector<std::int32_t>(5, -1));

    km::Instance zero;
    zero.num_left = 2;
    zero.right_slots = {0, 3};
    zero.right_group = {0, 1};
    zero.group_capacity = {5, 0};
    zero.edges = {{0, 0, 7}, {1, 1, 9}};
    auto r2 = km::solve_assignment(zero);
    REQUIRE(r2.total_score == 0);
    REQUIRE(r2.num_assigned == 0);
}

TEST_CASE("unbalanced sides: many more citizens than slots and many more slots than citizens", "[assignment]") {
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        km::Instance many_left = random_instance(seed * 77, 40, 3, 2, 50);
        km::Instance many_right = random_instance(seed * 91, 3, 40, 8, 50);
        for (const auto* inst : {&many_left, &many_right}) {
            const auto res = km::solve_assignment(*inst);
            REQUIRE(res.feasible);
            REQUIRE(res.total_score == boost_optimum(*inst));
        }
    }
}

TEST_CASE("the solver is deterministic: same input gives the same assignment", "[assignment]") {
    const km::Instance inst = random_instance(4242, 200, 80, 20, 5);
    const auto a = km::solve_assignment(inst);
    const auto b = km::solve_assignment(inst);
    REQUIRE(a.right_of_left == b.right_of_left);
    REQUIRE(a.edge_of_left == b.edge_of_left);
    REQUIRE(a.total_score == b.total_score);
}

namespace {
// Disjoint union of `blocks`: block b's left node i becomes i·B + b and its right nodes and groups
// are shifted past the earlier blocks', so the blocks' nodes interleave but never share an edge.
km::Instance disjoint_union(const std::vector<km::Instance>& blocks) {
    km::Instance u;
    const auto nb = static_cast<std::int32_t>(blocks.size());
    std::int32_t max_left = 0;
    for (const auto& b : blocks) max_left = std::max(max_left, b.num_left);
    u.num_left = max_left * nb;
    for (std::int32_t b = 0; b < nb; ++b) {
        const km::Instance& x = blocks[static_cast<std::size_t>(b)];
        const std::int32_t r0 = u.num_right(), g0 = u.num_groups();
        u.group_capacity.insert(u.group_capacity.end(), x.group_capacity.begin(), x.group_capacity.end());
        for (std::int32_t j = 0; j < x.num_right(); ++j) {
            u.right_slots.push_back(x.right_slots[j]);
            u.right_group.push_back(g0 + x.right_group[j]);
        }
        for (const auto& e : x.edges) u.edges.push_back({e.left * nb + b, r0 + e.right, e.score});
    }
    return u;
}

// A block of `left` citizens with 40 positive edges each (about left·40 arcs, all usable).
km::Instance dense_block(std::uint64_t seed, std::int32_t left) {
    splitmix64 r{seed};
    km::Instance x;
    x.num_left = left;
    const std::int32_t nr = left / 4, ng = left / 20;
    for (std::int32_t g = 0; g < ng; ++g) x.group_capacity.push_back(static_cast<std::int32_t>(r.in(5, 20)));
    for (std::int32_t j = 0; j < nr; ++j) {
        x.right_slots.push_back(static_cast<std::int32_t>(r.in(1, 3)));
        x.right_group.push_back(static_cast<std::int32_t>(r.in(0, ng - 1)));
    }
    for (std::int32_t i = 0; i < left; ++i)
        for (int k = 0; k < 40; ++k)
            x.edges.push_back({i, static_cast<std::int32_t>(r.in(0, nr - 1)), r.in(1, 30)});
    return x;
}
}  // namespace

TEST_CASE("independent parts: the optimum of a disjoint union is the sum of its blocks' optima, for any thread count", "[assignment][threads]") {
    // Three blocks large enough to be parts of their own, their nodes interleaved.
    const std::vector<km::Instance> blocks{dense_block(1, 1000), dense_block(2, 1200), dense_block(3, 900)};
    const km::Instance u = disjoint_union(blocks);
    std::int64_t sum = 0;
    for (const auto& b : blocks) {
        const auto rb = km::solve_assignment(b);
        REQUIRE(rb.optimal);
        REQUIRE(rb.stats.parts == 1);
        sum += rb.total_score;
    }
    const auto one = km::solve_assignment(u);
    REQUIRE(one.stats.parts == 3);
    REQUIRE(one.optimal);
    REQUIRE(one.total_score == sum);
    REQUIRE(independent_check(u, one.right_of_left).feasible);
    for (const std::int32_t threads : {2, 3, 0}) {
        INFO("threads " << threads);
        km::AssignmentOptions o;
        o.threads = threads;
        const auto r = km::solve_assignment(u, o);
        CHECK(r.right_of_left == one.right_of_left);
        CHECK(r.edge_of_left == one.edge_of_left);
        CHECK(r.total_score == one.total_score);
    }
}

TEST_CASE("independent parts: small components bundled into one part still give Boost's optimum", "[assignment][threads]") {
    for (std::uint64_t seed = 1; seed <= 60; ++seed) {
        std::vector<km::Instance> blocks;
        for (std::uint64_t b = 0; b < 4; ++b) blocks.push_back(random_instance(seed * 10 + b, 12, 8, 3, 12));
        const km::Instance u = disjoint_union(blocks);
        km::AssignmentOptions o;
        o.threads = 2;
        const auto r = km::solve_assignment(u, o);
        INFO("seed " << seed);
        REQUIRE(r.feasible);
        REQUIRE(r.stats.parts <= 1);
        REQUIRE(r.total_score == boost_optimum(u));
        REQUIRE(independent_check(u, r.right_of_left).feasible);
    }
}

TEST_CASE("the scaling factor does not change the optimum", "[assignment]") {
    for (std::uint64_t seed = 1; seed <= 50; ++seed) {
        const km::Instance inst = random_instance(seed * 13, 30, 20, 6, 100);
        const std::int64_t ref = km::solve_assignment(inst).total_score;
        for (int alpha : {2, 3, 16, 64}) {
            km::AssignmentOptions o;
            o.start = km::AssignmentStart::cost_scaling;
            o.scaling_factor = alpha;
            REQUIRE(km::solve_assignment(inst, o).total_score == ref);
        }
    }
}

TEST_CASE("greedy assignment is feasible and never beats the optimum", "[assignment]") {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        const km::Instance inst = random_instance(seed * 3 + 1);
        const auto greedy = km::greedy_assignment(inst);
        REQUIRE(greedy.feasible);
        REQUIRE(independent_check(inst, greedy.right_of_left).feasible);
        REQUIRE(greedy.total_score <= km::solve_assignment(inst).total_score);
    }
}

TEST_CASE("check_assignment reports violations", "[assignment]") {
    km::Instance inst;
    inst.num_left = 3;
    inst.right_slots = {1, 1};
    inst.right_group = {0, 0};
    inst.group_capacity = {1};
    inst.edges = {{0, 0, 5}, {1, 0, 4}, {2, 1, 3}};
    REQUIRE(km::check_assignment(inst, std::vector<std::int32_t>{0, -1, -1}).feasible);
    REQUIRE_FALSE(km::check_assignment(inst, std::vector<std::int32_t>{0, 0, -1}).feasible);   // slots
    REQUIRE_FALSE(km::check_assignment(inst, std::vector<std::int32_t>{0, -1, 1}).feasible);   // capacity
    REQUIRE_FALSE(km::check_assignment(inst, std::vector<std::int32_t>{1, -1, -1}).feasible);  // no edge
    REQUIRE_FALSE(km::check_assignment(inst, std::vector<std::int32_t>{0, -1}).feasible);      // size
}

TEST_CASE("invalid instances are rejected with kanten::Error naming the field and the value", "[assignment]") {
    km::Instance inst;
    inst.num_left = 1;
    inst.right_slots = {1};
    inst.right_group = {0};
    inst.group_capacity = {1};
    inst.edges = {{0, 0, 1}};
    // The solver's error: invalid_argument, the field at fault and its value.
    auto error_of = [](const km::Instance& bad) -> kanten::Error {
        try {
            (void)km::solve_assignment(bad);
        } catch (const kanten::Error& e) {
            return e;
        }
        FAIL("no kanten::Error");
        throw;  // not reached
    };
    auto require_error = [&](const km::Instance& bad, const std::string& field, const std::string& value) {
        const kanten::Error e = error_of(bad);
        INFO(e.what());
        CHECK(e.code() == kanten::Errc::invalid_argument);
        CHECK(e.field() == field);
        CHECK(e.value() == value);
        REQUIRE_THROWS_AS(km::validate(bad), kanten::Error);
    };
    auto bad = inst;
    bad.edges[0].left = 1;
    require_error(bad, "edges[0].left", "1");
    bad = inst;
    bad.edges[0].right = -1;
    require_error(bad, "edges[0].right", "-1");
    bad = inst;
    bad.right_group[0] = 3;
    require_error(bad, "right_group[0]", "3");
    bad = inst;
    bad.right_slots[0] = -2;
    require_error(bad, "right_slots[0]", "-2");
    bad = inst;
    bad.group_capacity[0] = -1;
    require_error(bad, "group_capacity[0]", "-1");
    bad = inst;
    bad.right_group.push_back(0);
    require_error(bad, "right_group", "2");
    bad = inst;
    bad.num_left = -1;
    require_error(bad, "num_left", "-1");
    bad = inst;
    bad.edges[0].score = km::max_supported_score(inst) + 1;
    const kanten::Error e = error_of(bad);
    CHECK(e.code() == kanten::Errc::invalid_argument);
    CHECK(e.field() == "edges[0].score");
    CHECK(e.value() == std::to_string(bad.edges[0].score));
    REQUIRE_NOTHROW(km::validate(bad));  // a structural check only; the score limit is the solver's
    REQUIRE_THROWS_AS(km::greedy_assignment(km::Instance{.num_left = -1}), kanten::Error);
}

TEST_CASE("top-k rights for a left node: best first, ties by lower id, at most m per group", "[topk]") {
    km::Instance inst;
    inst.num_left = 2;
    inst.right_slots = {1, 1, 1, 1, 1};
    inst.right_group = {0, 0, 0, 1, 2};
    inst.group_capacity = {1, 1, 1};
    inst.edges = {{0, 0, 5}, {0, 1, 9}, {0, 2, 9}, {0, 3, 7}, {0, 4, 1}, {0, 1, 3}, {1, 4, 2}};
    const km::BipartiteIndex idx(inst);
    auto ids = [](const std::vector<km::Candidate>& v) {
        std::vector<std::int32_t> out;
        for (const auto& c : v) out.push_back(c.id);
        return out;
    };
    REQUIRE(ids(idx.top_rights(0, 10)) == std::vector<std::int32_t>{1, 2, 3, 0, 4});
    REQUIRE(ids(idx.top_rights(0, 2)) == std::vector<std::int32_t>{1, 2});
    REQUIRE(ids(idx.top_rights(0, 10, 1)) == std::vector<std::int32_t>{1, 3, 4});
    REQUIRE(ids(idx.top_rights(0, 10, 2)) == std::vector<std::int32_t>{1, 2, 3, 4});
    REQUIRE(idx.top_rights(0, 10, 0).empty());
    REQUIRE(idx.top_rights(0, 0).empty());
    REQUIRE(idx.top_rights(0, 1)[0].score == 9);  // duplicate (0,1) counts with its best score
    REQUIRE(ids(km::top_rights_for_left(inst, 1, 3)) == std::vector<std::int32_t>{4});
    REQUIRE_THROWS_AS(idx.top_rights(2, 1), kanten::Error);
    try {
        (void)idx.top_rights(-1, 1);
        FAIL("no kanten::Error");
    } catch (const kanten::Error& e) {
        CHECK(e.code() == kanten::Errc::invalid_argument);
        CHECK(e.field() == "left");
        CHECK(e.value() == "-1");
    }
}

TEST_CASE("top-k lefts for a right node: best first, ties by lower left id", "[topk]") {
    km::Instance inst;
    inst.num_left = 4;
    inst.right_slots = {1, 1};
    inst.right_group = {0, 0};
    inst.group_capacity = {1};
    inst.edges = {{3, 0, 4}, {1, 0, 4}, {2, 0, 8}, {0, 1, 1}, {0, 0, -2}};
    const km::BipartiteIndex idx(inst);
    const auto top = idx.top_lefts(0, 3);
    REQUIRE(top.size() == 3);
    REQUIRE(top[0].id == 2);
    REQUIRE(top[1].id == 1);
    REQUIRE(top[2].id == 3);
    REQUIRE(top[1].edge == 1);
    REQUIRE(km::top_lefts_for_right(inst, 0, 10).size() == 4);
    REQUIRE(idx.top_lefts(1, 5).size() == 1);
    REQUIRE_THROWS_AS(idx.top_lefts(2, 1), kanten::Error);
}

TEST_CASE("DIMACS round trip preserves the instance and the optimum", "[dimacs]") {
    for (std::uint64_t seed = 1; seed <= 200; ++seed) {
        const km::Instance inst = random_instance(seed * 31);
        const std::string text = km::to_dimacs(inst);
        const km::Instance back = km::parse_dimacs(text);
        INFO("seed " << seed);
        // The reader leaves out arcs no cheaper than the bypass (score <= 0: never worth taking).
        km::Instance positive = inst;
        std::erase_if(positive.edges, [](const km::Edge& e) { return e.score <= 0; });
        REQUIRE(same_instance(positive, back));
        std::istringstream in(text);
        REQUIRE(same_instance(positive, km::read_dimacs(in)));
        REQUIRE(km::solve_assignment(back).total_score == km::solve_assignment(inst).total_score);
    }
}

TEST_CASE("DIMACS reader accepts another node numbering and line order", "[dimacs]") {
    // sink 1, source 7; left 4,5; right 3; group 2; node 6 a group without tasks — lines
    // shuffled, comments and blank lines.
    const std::string text =
        "c shuffled\n"
        "p min 7 7\n"
        "a 5 3 0 1 -4\n"
        "\n"
        "n 7 2\n"
        "a 7 4 0 1 0\n"
        "a 6 1 0 3 0\n"
        "a 3 2 0 2 0\n"
        "n 1 -2\n"
        "a 7 1 0 9 0\n"
        "a 2 1 0 1 0\n"
        "a 7 5 0 1 0\n";
    const km::Instance inst = km::parse_dimacs(text);
    REQUIRE(inst.num_left == 2);
    REQUIRE(inst.right_slots == std::vector<std::int32_t>{2});
    REQUIRE(inst.group_capacity == std::vector<std::int32_t>{1, 3});
    REQUIRE(inst.edges.size() == 1);
    REQUIRE(inst.edges[0].left == 1);
    REQUIRE(inst.edges[0].score == 4);
    REQUIRE(km::solve_assignment(inst).total_score == 4);
}

TEST_CASE("DIMACS reader reports malformed input with line and field", "[dimacs]") {
    const std::string head = "p min 5 5\nn 1 1\nn 2 -1\na 1 2 0 1 0\na 1 3 0 1 0\n";
    const std::string tail = "a 4 5 0 1 0\na 5 2 0 1 0\n";
    struct bad_case {
        std::string text;
        std::int64_t line;
        std::string field;
    };
    const std::vector<bad_case> cases = {
        {head + "a 3 4 0 1 x\n" + tail, 6, "cost"},
        {head + "a 3 4 0 1\n" + tail, 6, "a"},
        {head + "a 3 9 0 1 -3\n" + tail, 6, "destination node"},
        {head + "a 3 4 1 1 -3\n" + tail, 6, "low"},
        {head + "a 3 4 0 -1 -3\n" + tail, 6, "capacity"},
        {head + "a 3 4 0 2 -3\n" + tail, 6, "capacity"},
        {head + "x 3 4 0 1 -3\n" + tail, 6, "line type"},
        {"p max 5 5\n", 1, "problem type"},
        {"p min five 5\n", 1, "nodes"},
        {"n 1 1\np min 5 5\n", 1, "p"},
        {head + "a 3 4 0 1 -3\n" + tail + "a 3 4 0 1 -3\n", 9, "arcs"},
        {head + "a 3 4 0 1 -3\n" + "a 4 5 0 1 0\n", 7, "arcs"},
        {"p min 5 5\nn 1 1\nn 2 -1\na 1 2 0 1 0\na 1 3 0 1 0\na 3 4 0 1 -3\na 4 5 0 1 7\na 5 2 0 1 0\n", 7, "cost"},
        {"p min 5 5\nn 1 1\nn 2 -1\na 1 2 0 1 0\na 1 3 0 1 0\na 3 4 0 1 -3\na 4 5 0 1 0\na 5 2 0 1 0\nn 1 1\n", 9, "node id"},
    };
    for (const auto& c : cases) {
        INFO(c.text);
        try {
            (void)km::parse_dimacs(c.text);
            FAIL("no error");
        } catch (const km::DimacsError& e) {
            INFO(e.what());
            CHECK(e.line() == c.line);
            CHECK(e.field() == c.field);
            CHECK(e.code() == kanten::Errc::parse_error);
            CHECK(std::string(e.what()).find("line " + std::to_string(c.line)) != std::string::npos);
        }
    }
    // Structural errors concerning the file as a whole.
    REQUIRE_THROWS_AS(km::parse_dimacs(""), km::DimacsError);
    REQUIRE_THROWS_AS(km::parse_dimacs("p min 3 1\nn 1 1\nn 2 -1\na 1 3 0 1 0\n"), kanten::Error);  // no bypass
    REQUIRE(km::parse_dimacs(head + "a 3 4 0 1 -3\n" + tail).edges.size() == 1);
}

TEST_CASE("every start of the solver gives Boost's optimum: cost scaling, paths from the left, paths from the groups",
          "[assignment]") {
    // Roomy, balanced and oversubscribed shapes, with ties (scores 0..3) and wide scores.
    using km::AssignmentStart;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        const std::int32_t left = seed % 3 == 0 ? 40 : 12;
        const km::Instance inst = random_instance(9000 + seed, left, 10, 5, seed % 2 == 0 ? 3 : 100000);
        const std::int64_t ref = boost_optimum(inst);
        for (AssignmentStart start : {AssignmentStart::automatic, AssignmentStart::cost_scaling,
                                      AssignmentStart::paths_from_left, AssignmentStart::paths_from_groups}) {
            km::AssignmentOptions o;
            o.start = start;
            const km::AssignmentResult res = km::solve_assignment(inst, o);
            INFO("seed " << seed << " start " << static_cast<int>(start));
            REQUIRE(res.feasible);
            REQUIRE(res.optimal);
            REQUIRE(res.total_score == ref);
            REQUIRE(independent_check(inst, res.right_of_left).total == ref);
            if (start == AssignmentStart::cost_scaling) REQUIRE(res.stats.paths == 0);
            if (start == AssignmentStart::paths_from_left || start == AssignmentStart::paths_from_groups)
                REQUIRE(res.stats.phases == 0);
        }
    }
}

TEST_CASE("the shortest-path start past its work budget starts over with cost scaling and keeps the optimum",
          "[assignment]") {
    int fell_back = 0;
    for (std::uint64_t seed = 1; seed <= 30; ++seed) {
        const km::Instance inst = random_instance(9500 + seed, 200, 80, 30, 1000);
        km::AssignmentOptions o;
        o.path_budget = 1;  // one pass over the part: tight parts run out of it
        const km::AssignmentResult res = km::solve_assignment(inst, o);
        INFO("seed " << seed);
        REQUIRE(res.feasible);
        REQUIRE(res.total_score == boost_optimum(inst));
        if (res.stats.phases > 0 && res.stats.paths > 0) ++fell_back;
    }
    REQUIRE(fell_back > 0);
}

TEST_CASE("an oversubscribed instance starts from the groups' side: one search per place at most", "[assignment]") {
    // 60 left nodes all wanting the same 6 places (capacity 1 each): the groups' side needs at most
    // one search per place, where the left side would need one per left node.
    km::Instance inst;
    inst.num_left = 60;
    for (std::int32_t g = 0; g < 6; ++g) {
        inst.group_capacity.push_back(1);
        inst.right_slots.push_back(1);
        inst.right_group.push_back(g);
    }
    for (std::int32_t i = 0; i < 60; ++i)
        for (std::int32_t j = 0; j < 6; ++j) inst.edges.push_back({i, j, 1000 + (i * 7 + j * 13) % 50});
    const km::AssignmentResult res = km::solve_assignment(inst);
    REQUIRE(res.total_score == boost_optimum(inst));
    REQUIRE(res.num_assigned == 6);
    REQUIRE(res.stats.phases == 0);
    REQUIRE(res.stats.paths <= 6);
}
