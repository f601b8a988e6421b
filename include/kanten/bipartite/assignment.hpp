// kanten — optimal capacitated assignment (the pure combinatorial layer of the matching engine).
//
// The instance is a three-layer structure: left nodes (citizens, each at most one unit), right
// nodes (tasks, each at most `slots` units) and groups (companies, each at most `capacity`
// units; every right node belongs to exactly one group). Edges left→right carry an integer
// score. The solver maximises the total score of the chosen edges; a left node may stay
// unassigned, so edges with a score <= 0 are never chosen.
//
// As a network: source→left (cap 1) → right (cap slots) → group (cap capacity) → sink, with
// cost −score on the left→right arcs and any flow value. Each part starts with successive
// shortest augmenting paths (Dijkstra on reduced costs, exact on the integer scores) from the side
// that is scarce: one path per left node when there are at least as many places as left nodes,
// one per unit of group capacity when places are fewer. Where a market is roomy or oversubscribed
// the paths are short and this is the whole solve. Past a work budget (a tight, balanced market)
// the part starts over with the solver's own cost-scaling push–relabel (Goldberg) specialised to
// this layered structure, with auction-style double pushes at the left layer. Costs are scaled by
// (number of nodes + 1), so the final 1-optimal flow is an exact optimum; once ε is small, a
// shortest-path pass over the residual network can prove the flow optimal earlier (no negative
// cycle), and the solver stops there.
// The network's connected components are independent: they are solved as separate parts, on
// several threads when AssignmentOptions::threads asks for them, with the same result.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "kanten/core/error.hpp"
#include "kanten/core/export.hpp"

namespace kanten::inline v1::bipartite {

/// One candidate pair: a left node, a right node and its integer score.
struct Edge {
  std::int32_t left = 0;   ///< left node id (citizen), 0-based
  std::int32_t right = 0;  ///< right node id (task), 0-based
  std::int64_t score = 0;  ///< integer score; only positive scores are worth assigning
};

/// A bipartite instance with task slots and group (company) capacities.
struct Instance {
  std::int32_t num_left = 0;                 ///< number of left nodes (citizens)
  std::vector<std::int32_t> right_slots;     ///< per right node: how many left nodes it takes
  std::vector<std::int32_t> right_group;     ///< per right node: the group it belongs to
  std::vector<std::int32_t> group_capacity;  ///< per group: how many left nodes it takes in total
  std::vector<Edge> edges;                   ///< candidate edges (duplicates allowed; the best one counts)

  /// Number of right nodes (tasks).
  [[nodiscard]] std::int32_t num_right() const noexcept { return static_cast<std::int32_t>(right_slots.size()); }
  /// Number of groups (companies).
  [[nodiscard]] std::int32_t num_groups() const noexcept { return static_cast<std::int32_t>(group_capacity.size()); }
};

/// Throws kanten::Error (Errc::invalid_argument) naming the field, e.g. "edges[7].right", and the value of the
/// first structural problem of `inst` (ids out of range, negative slots or capacities).
KANTEN_EXPORT void validate(const Instance& inst);

/// Largest |score| the exact solver accepts for `inst`: 2^62 / (8 n²) with n = left + right + groups + 3 nodes
/// (1.2·10^7 at 100,000 citizens, 100,000 tasks and 20,000 companies; 5.4·10^10 at 850 × 2,000 × 400). Costs are
/// scores × (n + 1); cost scaling's prices and the shortest paths' distances stay within a few times n × the largest
/// scaled cost, which this bound keeps below 2^62 / 8, so no sum of them can overflow 64 bits.
[[nodiscard]] KANTEN_EXPORT std::int64_t max_supported_score(const Instance& inst) noexcept;

/// How the solver starts a part (every way ends in an exact optimum; they differ in speed).
enum class AssignmentStart : std::uint8_t {
  automatic,          ///< shortest paths from the side that is scarce, within a work budget; cost scaling beyond it
  cost_scaling,       ///< cost scaling only
  paths_from_left,    ///< shortest augmenting paths, one per left node, with no budget
  paths_from_groups,  ///< shortest augmenting paths, one per unit of group capacity, with no budget
};

/// Tuning knobs of the assignment solver; defaults are what the benchmarks use.
struct AssignmentOptions {
  AssignmentStart start = AssignmentStart::automatic;  ///< how each part starts
  /// The shortest-path start's work budget (automatic start), in multiples of the part's size (arcs + nodes); past
  /// it the part starts over with cost scaling.
  std::int32_t path_budget = 16;
  int scaling_factor = 16;  ///< ε is divided by this between cost-scaling phases (>= 2)
  /// Threads for the network's independent parts (its connected components); 0: one per hardware
  /// thread. The parts depend on the instance alone, so the result is the same for any count.
  std::int32_t threads = 1;
};

/// Counters describing a solver run (for benchmarks and diagnostics).
struct AssignmentStats {
  int phases = 0;                ///< cost-scaling phases (refines) of the part that needed the most
  std::int32_t parts = 0;        ///< independent parts solved (unions of connected components)
  std::int64_t left_pushes = 0;  ///< left-node discharges (bids)
  std::int64_t full_scans = 0;   ///< bids that had to scan all arcs of the left node
  std::int64_t relabels = 0;     ///< right/group relabel operations
  std::int64_t evictions = 0;    ///< units pushed back from a right node to a left node
  std::int64_t paths = 0;        ///< shortest augmenting path searches of the exact start (all parts)
  int proofs = 0;                ///< optimality proofs attempted before ε = 1 in one part (the most)
  bool proved_early = false;     ///< every part was solved by shortest paths or proved optimal before ε = 1
};

/// Result of solve_assignment and of check_assignment.
struct AssignmentResult {
  std::int64_t total_score = 0;             ///< sum of the scores of the chosen edges
  std::int32_t num_assigned = 0;            ///< number of assigned left nodes
  std::vector<std::int32_t> right_of_left;  ///< per left node: the assigned right node, or -1
  std::vector<std::int64_t> edge_of_left;   ///< per left node: index into Instance::edges of the chosen edge, or -1
  bool feasible = false;                    ///< independently re-checked: slots, capacities and edges respected
  bool optimal = false;   ///< the solver finished with an exactness guarantee (1-optimal scaled flow, or no negative
                          ///< residual cycle)
  std::string message;    ///< empty when feasible, otherwise the first violation found
  AssignmentStats stats;  ///< solver counters
};

/// Computes a maximum-score assignment of `inst`; deterministic (same input → same output, for any
/// `options.threads`). Throws kanten::Error (Errc::invalid_argument) naming the field and the value
/// for a malformed instance (as validate() does) and for a score beyond max_supported_score().
[[nodiscard]] KANTEN_EXPORT AssignmentResult solve_assignment(const Instance& inst,
                                                              const AssignmentOptions& options = {});

/// Re-checks `right_of_left` against `inst` independently of the solver: edge existence, slots, capacities, total
/// score.
[[nodiscard]] KANTEN_EXPORT AssignmentResult check_assignment(const Instance& inst,
                                                              std::span<const std::int32_t> right_of_left);

/// Greedy baseline: edges by score descending (ties by lower left, then lower right id), taken while feasible.
[[nodiscard]] KANTEN_EXPORT AssignmentResult greedy_assignment(const Instance& inst);

}  // namespace kanten::inline v1::bipartite
