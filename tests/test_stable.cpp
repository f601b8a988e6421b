// Tests of citizen-proposing deferred acceptance with task slots and company capacities.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <tuple>
#include <utility>
#include <vector>

#include "kanten/bipartite/assignment.hpp"
#include "kanten/bipartite/stable.hpp"
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
    std::int64_t in(std::int64_t lo, std::int64_t hi) {
        return lo + static_cast<std::int64_t>(next() % static_cast<std::uint64_t>(hi - lo + 1));
    }
};

km::Instance random_instance(std::uint64_t seed, std::int32_t max_left, std::int32_t max_right, std::int32_t max_groups,
                             std::int64_t max_score) {
    splitmix64 r{seed};
    km::Instance inst;
    inst.num_left = static_cast<std::int32_t>(r.in(0, max_left));
    const auto ng = static_cast<std::int32_t>(r.in(1, max_groups));
    const auto nr = static_cast<std::int32_t>(r.in(0, max_right));
    for (std::int32_t g = 0; g < ng; ++g) inst.group_capacity.push_back(static_cast<std::int32_t>(r.in(0, 3)));
    for (std::int32_t j = 0; j < nr; ++j) {
        inst.right_slots.push_back(static_cast<std::int32_t>(r.in(0, 2)));
        inst.right_group.push_back(static_cast<std::int32_t>(r.in(0, ng - 1)));
    }
    for (std::int32_t i = 0; i < inst.num_left; ++i)
        for (std::int32_t j = 0; j < nr; ++j)
            if (r.in(0, 2) != 0) {
                inst.edges.push_back({i, j, r.in(-1, max_score)});
                if (r.in(0, 12) == 0) inst.edges.push_back({i, j, r.in(-1, max_score)});
            }
    return inst;
}

// Best score per acceptable pair (score > 0).
std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t> pair_scores(const km::Instance& inst) {
    std::map<std::pair<std::int32_t, std::int32_t>, std::int64_t> best;
    for (const auto& x : inst.edges) {
        auto [it, fresh] = best.try_emplace({x.left, x.right}, x.score);
        if (!fresh) it->second = std::max(it->second, x.score);
    }
    for (auto it = best.begin(); it != best.end();)
        it = it->second > 0 ? std::next(it) : best.erase(it);
    return best;
}

// Independent brute-force stability check: the company's choice is recomputed from scratch
// (greedy over M_g ∪ {x} in rank order subject to slots and capacity) for every acceptable pair.
bool feasible_and_stable(const km::Instance& inst, const std::vector<std::int32_t>& rol, std::string& why) {
    const auto scores = pair_scores(inst);
    std::vector<int> ur(inst.right_slots.size(), 0), ug(inst.group_capacity.size(), 0);
    for (std::int32_t i = 0; i < inst.num_left; ++i) {
        if (rol[i] < 0) continue;
        if (!scores.count({i, rol[i]})) {
            why = "unacceptable contract";
            return false;
        }
        ++ur[rol[i]];
        ++ug[inst.right_group[rol[i]]];
    }
    for (std::size_t j = 0; j < ur.size(); ++j)
        if (ur[j] > inst.right_slots[j]) {
            why = "slots";
            return false;
        }
    for (std::size_t g = 0; g < ug.size(); ++g)
        if (ug[g] > inst.group_capacity[g]) {
            why = "capacity";
            return false;
        }
    using contract = std::tuple<std::int64_t, std::int32_t, std::int32_t>;  // (-score, left, right): smaller ranks higher
    for (const auto& [pr, s] : scores) {
        const auto [i, j] = pr;
        if (rol[i] == j) continue;
        if (rol[i] >= 0) {
            const std::int64_t cur = scores.at({i, rol[i]});
            if (!(s > cur || (s == cur && j < rol[i]))) continue;  // citizen does not prefer x
        }
        const std::int32_t g = inst.right_group[j];
        std::vector<contract> offered{{-s, i, j}};
        for (std::int32_t k = 0; k < inst.num_left; ++k)
            if (rol[k] >= 0 && inst.right_group[rol[k]] == g) offered.push_back({-scores.at({k, rol[k]}), k, rol[k]});
        std::sort(offered.begin(), offered.end());
        std::map<std::int32_t, int> task_used;
        int group_used = 0;
        bool x_chosen = false;
        for (const auto& [ns, k, t] : offered) {
            if (task_used[t] < inst.right_slots[t] && group_used < inst.group_capacity[g]) {
                ++task_used[t];
                ++group_used;
                if (k == i && t == j) x_chosen = true;
            }
        }
        if (x_chosen) {
            why = "blocking pair (" + std::to_string(i) + ", " + std::to_string(j) + ")";
            return false;
        }
    }
    return true;
}

// All feasible matchings of a tiny instance (each left: unmatched or one acceptable right).
void all_matchings(const km::Instance& inst, const std::function<void(const std::vector<std::int32_t>&)>& visit) {
    const auto scores = pair_scores(inst);
    std::vector<std::vector<std::int32_t>> options(static_cast<std::size_t>(inst.num_left), std::vector<std::int32_t>{-1});
    for (const auto& [pr, s] : scores) options[pr.first].push_back(pr.second);
    std::vector<std::int32_t> cur(static_cast<std::size_t>(inst.num_left), -1);
    std::function<void(std::int32_t)> rec = [&](std::int32_t i) {
        if (i == inst.num_left) {
            if (km::check_assignment(inst, cur).feasible) visit(cur);
            return;
        }
        for (std::int32_t j : options[i]) {
            cur[i] = j;
            rec(i + 1);
        }
        cur[i] = -1;
    };
    rec(0);
}

}  // namespace

TEST_CASE("deferred acceptance has no blocking pair on random instances (brute force)", "[stable]") {
    for (std::uint64_t seed = 1; seed <= 1500; ++seed) {
        const km::Instance inst = random_instance(seed, 12, 8, 4, seed % 3 == 0 ? 3 : 30);
        const km::StableResult res = km::stable_matching(inst);
        std::string why;
        INFO("seed " << seed);
        REQUIRE(feasible_and_stable(inst, res.right_of_left, why));
        INFO(why);
        REQUIRE_FALSE(km::find_blocking_pair(inst, res.right_of_left).has_value());
        const auto chk = km::check_assignment(inst, res.right_of_left);
        REQUIRE(chk.feasible);
        REQUIRE(chk.total_score == res.total_score);
        REQUIRE(chk.num_assigned == res.num_matched);
    }
}

TEST_CASE("deferred acceptance is citizen-optimal among all stable matchings of tiny instances", "[stable]") {
    int checked = 0;
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        const km::Instance inst = random_instance(seed * 7 + 3, 5, 4, 2, 4);
        const auto scores = pair_scores(inst);
        const km::StableResult res = km::stable_matching(inst);
        // Citizen rank of a match: (score desc, right id asc), unmatched worst.
        auto rank = [&](std::int32_t i, std::int32_t j) {
            return j < 0 ? std::pair<std::int64_t, std::int32_t>{1, 0} : std::pair<std::int64_t, std::int32_t>{-scores.at({i, j}), j};
        };
        all_matchings(inst, [&](const std::vector<std::int32_t>& m) {
            std::string why;
            const bool stable = feasible_and_stable(inst, m, why);
            REQUIRE(stable == !km::find_blocking_pair(inst, m).has_value());
            if (!stable) return;
            ++checked;
            for (std::int32_t i = 0; i < inst.num_left; ++i) REQUIRE(rank(i, res.right_of_left[i]) <= rank(i, m[i]));
        });
    }
    // Both sides rank by the same edge score, so tiny instances mostly have a single stable matching.
    REQUIRE(checked >= 300);
}

TEST_CASE("with both sides ranking by the common score, deferred acceptance equals greedy by score", "[stable]") {
    // The greedy order (score desc, lower left id, lower right id) is exactly the tie rule of both
    // sides, so the greedy matching is stable and, preferences being aligned, the only stable one.
    for (std::uint64_t seed = 1; seed <= 300; ++seed) {
        const km::Instance inst = random_instance(seed * 29, 25, 12, 4, seed % 2 == 0 ? 3 : 50);
        REQUIRE(km::stable_matching(inst).right_of_left == km::greedy_assignment(inst).right_of_left);
    }
}

TEST_CASE("find_blocking_pair detects blocking contracts", "[stable]") {
    km::Instance inst;
    inst.num_left = 2;
    inst.right_slots = {1, 1};
    inst.right_group = {0, 1};
    inst.group_capacity = {1, 1};
    inst.edges = {{0, 0, 5}, {1, 0, 3}, {1, 1, 2}};
    const std::vector<std::int32_t> empty{-1, -1};
    const auto bp = km::find_blocking_pair(inst, empty);
    REQUIRE(bp.has_value());
    REQUIRE(bp->left == 0);
    REQUIRE(bp->right == 0);
    // Company 0 prefers citizen 0 (score 5) to citizen 1 (score 3): (0, 0) blocks {1→0}.
    const std::vector<std::int32_t> wrong{-1, 0};
    REQUIRE(km::find_blocking_pair(inst, wrong).has_value());
    const auto res = km::stable_matching(inst);
    REQUIRE(res.right_of_left == std::vector<std::int32_t>{0, 1});
    REQUIRE_THROWS_AS(km::find_blocking_pair(inst, std::vector<std::int32_t>{0, 0}), kanten::Error);
    try {
        (void)km::find_blocking_pair(inst, std::vector<std::int32_t>{0, 0});
        FAIL("no kanten::Error");
    } catch (const kanten::Error& e) {
        CHECK(e.code() == kanten::Errc::invalid_argument);
        CHECK(e.field() == "right_of_left");
    }
    REQUIRE_THROWS_AS(km::stable_matching(km::Instance{.num_left = -1}), kanten::Error);
}

TEST_CASE("company capacity below the task slots: the company keeps its best citizens", "[stable]") {
    km::Instance inst;
    inst.num_left = 4;
    inst.right_slots = {2, 2};
    inst.right_group = {0, 0};
    inst.group_capacity = {2};
    // Citizens 0,1 want task 0, citizens 2,3 want task 1; the company ranks 3 > 1 > 0 > 2 by score.
    inst.edges = {{0, 0, 6}, {1, 0, 8}, {2, 1, 5}, {3, 1, 9}};
    const auto res = km::stable_matching(inst);
    REQUIRE(res.right_of_left == std::vector<std::int32_t>{-1, 0, -1, 1});
    std::string why;
    REQUIRE(feasible_and_stable(inst, res.right_of_left, why));
}

TEST_CASE("ties: citizens prefer the lower task id, companies the lower citizen id", "[stable]") {
    km::Instance inst;
    inst.num_left = 2;
    inst.right_slots = {1, 1};
    inst.right_group = {0, 1};
    inst.group_capacity = {1, 1};
    inst.edges = {{1, 1, 4}, {1, 0, 4}, {0, 0, 4}};
    const auto res = km::stable_matching(inst);
    // Both want task 0 (citizen 1 by the lower id among equal scores); company 0 takes citizen 0.
    REQUIRE(res.right_of_left == std::vector<std::int32_t>{0, 1});
}

TEST_CASE("zero capacities, zero slots and unbalanced sides work in stable matching", "[stable]") {
    km::Instance zero;
    zero.num_left = 3;
    zero.right_slots = {0, 2, 1};
    zero.right_group = {0, 0, 1};
    zero.group_capacity = {1, 0};
    zero.edges = {{0, 0, 9}, {0, 1, 1}, {1, 2, 5}, {2, 1, 3}};
    const auto r = km::stable_matching(zero);
    std::string why;
    REQUIRE(feasible_and_stable(zero, r.right_of_left, why));
    REQUIRE(r.right_of_left == std::vector<std::int32_t>{-1, -1, 1});

    km::Instance empty;
    REQUIRE(km::stable_matching(empty).right_of_left.empty());

    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        const km::Instance many_left = random_instance(seed * 11, 40, 3, 2, 10);
        const km::Instance many_right = random_instance(seed * 17, 3, 30, 6, 10);
        for (const auto* inst : {&many_left, &many_right}) {
            const auto res = km::stable_matching(*inst);
            REQUIRE(feasible_and_stable(*inst, res.right_of_left, why));
        }
    }
}

TEST_CASE("stable matching is deterministic and never beats the optimal assignment", "[stable]") {
    for (std::uint64_t seed = 1; seed <= 100; ++seed) {
        const km::Instance inst = random_instance(seed * 5, 30, 15, 5, 20);
        const auto a = km::stable_matching(inst);
        const auto b = km::stable_matching(inst);
        REQUIRE(a.right_of_left == b.right_of_left);
        REQUIRE(a.edge_of_left == b.edge_of_left);
        REQUIRE(a.total_score <= km::solve_assignment(inst).total_score);
    }
}
