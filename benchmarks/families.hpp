// kanten — instance families for the assignment solver's benchmarks, built to hit a solver where
// it is weak rather than where it was tuned: wide cost ranges, ties, a penalty far above the
// costs, oversubscription and many small components. Header-only, deterministic (kanten's splitmix64).
//
// Every family is stated as a min-cost problem: an arc citizen → task costs c, a citizen left
// unassigned costs the penalty P. kanten maximises scores, so an arc's score is P − c (positive
// whenever c < P) and an unassigned citizen scores 0: both problems have the same optimal
// assignments, and min cost = P × citizens − max score.
//
//   uniform         c uniform in 0..1000, P = 2000
//   wide            c uniform in 0..10^6, P = 2·10^6
//   ties            c uniform in 0..3, P = 2000 (a penalty far above the costs: many equal optima)
//   ties_small_p    c uniform in 0..3, P = 4 (leaving a citizen out costs about as much as an arc)
//   oversubscribed  few companies, each of capacity 1 (at most 2,000 companies: 2 citizens a place
//                   at 850, 5 at 10,000, 50 at 100,000), c uniform in 0..1000, P = 2000
//   clustered       citizens and companies in towns along a line; a citizen reaches only tasks of
//                   its own town and the next; c = 0..1000 plus 200 per town away, P = 2000
//   balanced        as uniform, with one more place per company (about as many places as citizens
//                   at 10,000: the hardest regime for a start by shortest paths from either side)
//   roomy           as uniform, each company taking as many as its tasks' slots (about two places
//                   per citizen at 10,000: most citizens get their best task)
// Companies have 1–9 tasks of 1–3 slots and a capacity of 1–8 (at most their slots; 1 in the
// oversubscribed family): about 0.86 places per citizen at 10,000 (a tight market) and 2 at 850.
// Each citizen has `degree` distinct tasks (about 50).
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstdlib>  // std::abs
#include <string>
#include <vector>

#include "kanten/bipartite/assignment.hpp"
#include "synth/random.hpp"  // private: the benchmarks build with src/ on the include path

namespace kanten_bench {

/// The families' random numbers: kanten's own splitmix64 (src/synth/random.hpp), the same on every platform.
struct splitmix64 {
  std::uint64_t state;
  std::uint64_t next() { return kanten::detail::splitmix64(state); }
  /// Uniform in [0, n) by multiply-high (Lemire), n > 0.
  std::uint64_t below(std::uint64_t n) { return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64); }
};

enum class Family { uniform, wide, ties, ties_small_p, oversubscribed, clustered, balanced, roomy };
constexpr Family k_families[] = {Family::uniform,      Family::wide,           Family::ties,
                                 Family::ties_small_p, Family::oversubscribed, Family::clustered,
                                 Family::balanced,     Family::roomy};

inline const char* family_name(Family f) {
  switch (f) {
    case Family::uniform: return "uniform";
    case Family::wide: return "wide";
    case Family::ties: return "ties";
    case Family::ties_small_p: return "ties_small_p";
    case Family::oversubscribed: return "oversubscribed";
    case Family::clustered: return "clustered";
    case Family::balanced: return "balanced";
    case Family::roomy: return "roomy";
  }
  return "?";
}

/// The family's largest arc cost and its penalty P.
struct CostRange {
  std::int64_t max_cost, penalty;
};
inline CostRange cost_range(Family f) {
  switch (f) {
    case Family::wide: return {1'000'000, 2'000'000};
    case Family::ties: return {3, 2000};
    case Family::ties_small_p: return {3, 4};
    default: return {1000, 2000};
  }
}

/// One instance of family `f` with `citizens` left nodes and `companies` groups.
inline kanten::bipartite::Instance make_family(Family f, std::int32_t citizens, std::int32_t companies,
                                               std::int32_t degree = 50, std::uint64_t seed = 1) {
  splitmix64 rng{seed * 0x9E3779B97F4A7C15ULL + static_cast<std::uint64_t>(f) + 1};
  kanten::bipartite::Instance inst;
  inst.num_left = citizens;
  inst.group_capacity.resize(static_cast<std::size_t>(companies));
  std::vector<std::int32_t> first_task(static_cast<std::size_t>(companies) + 1, 0);
  for (std::int32_t g = 0; g < companies; ++g) {
    first_task[g] = inst.num_right();
    const auto tasks = static_cast<std::int32_t>(1 + rng.below(9));
    std::int32_t total = 0;
    for (std::int32_t t = 0; t < tasks; ++t) {
      const auto slots = static_cast<std::int32_t>(1 + rng.below(3));
      inst.right_slots.push_back(slots);
      inst.right_group.push_back(g);
      total += slots;
    }
    inst.group_capacity[g] = static_cast<std::int32_t>(1 + rng.below(static_cast<std::uint64_t>(std::min(total, 8))));
    if (f == Family::oversubscribed) inst.group_capacity[g] = 1;
    if (f == Family::balanced) inst.group_capacity[g] = std::min(total, inst.group_capacity[g] + 1);
    if (f == Family::roomy) inst.group_capacity[g] = total;
  }
  first_task[companies] = inst.num_right();
  const CostRange cr = cost_range(f);
  // Clustered: towns of about 50 companies; company g lies in town g / 50, citizen i in a town
  // drawn uniformly; a citizen's tasks come from its own town and the next one.
  const std::int32_t towns = std::max(1, companies / 50);
  std::vector<std::int32_t> picked;
  inst.edges.reserve(static_cast<std::size_t>(citizens) * static_cast<std::size_t>(degree));
  for (std::int32_t i = 0; i < citizens; ++i) {
    std::int32_t lo = 0, hi = inst.num_right();  // tasks [lo, hi) within reach
    std::int32_t town = 0;
    if (f == Family::clustered) {
      town = static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(towns)));
      const std::int32_t last = std::min(towns - 1, town + 1);
      lo = first_task[static_cast<std::size_t>(town) * companies / towns];
      hi = first_task[static_cast<std::size_t>(last + 1) * companies / towns];
    }
    const std::int32_t deg = std::min(degree, hi - lo);
    picked.clear();
    while (static_cast<std::int32_t>(picked.size()) < deg) {
      const auto j = lo + static_cast<std::int32_t>(rng.below(static_cast<std::uint64_t>(hi - lo)));
      if (std::find(picked.begin(), picked.end(), j) != picked.end()) continue;
      picked.push_back(j);
      std::int64_t cost = static_cast<std::int64_t>(rng.below(static_cast<std::uint64_t>(cr.max_cost + 1)));
      if (f == Family::clustered) {
        const std::int32_t task_town =
            static_cast<std::int32_t>(static_cast<std::int64_t>(inst.right_group[j]) * towns / companies);
        cost = std::min<std::int64_t>(cr.penalty - 1, cost + 200 * std::abs(task_town - town));
      }
      inst.edges.push_back({i, j, cr.penalty - cost});
    }
  }
  return inst;
}

/// The sizes of the table: municipality 850 × 400, region 10,000 × 2,000 and national
/// 100,000 × 20,000 (the oversubscribed family: at most 2,000 companies).
struct SizeSpec {
  const char* name;
  std::int32_t citizens, companies;
};
constexpr SizeSpec k_family_sizes[] = {{"850x400", 850, 400}, {"10kx2k", 10'000, 2'000}, {"100kx20k", 100'000, 20'000}};

inline std::int32_t companies_for(Family f, const SizeSpec& s) {
  return f == Family::oversubscribed ? std::min(s.companies, 2000) : s.companies;
}

}  // namespace kanten_bench
