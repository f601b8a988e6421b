// kanten — stable matching with task slots and company capacities (citizen-proposing deferred
// acceptance). Header-only.
//
// The stable notion implemented (matching with contracts, Hatfield–Milgrom):
//  * A contract is an edge (i, j) with score > 0; edges with score <= 0 are unacceptable to both
//    sides. Duplicate edges count once, with their best score.
//  * Citizen i (left) prefers contracts by higher score, ties by lower right id; being unmatched is
//    worse than any acceptable contract.
//  * Company g (group) is the hospital. It ranks the contracts for its tasks by higher score, then
//    lower left id, then lower right id. From a set of offered contracts it chooses greedily in that
//    order, taking a contract while its task has a free slot and the company has free capacity.
//    The feasible sets form a laminar matroid (task slots nested in the company capacity), so this
//    choice is substitutable and satisfies the law of aggregate demand; deferred acceptance then
//    yields a stable matching that every citizen weakly prefers to any other stable matching.
//  * A matching M is stable when it is feasible and no contract x = (i, j) outside M blocks it:
//    x blocks when i prefers x to its contract in M (or i is unmatched) and company g = group(j)
//    would choose x from M_g ∪ {x}: task j has a free slot and g has free capacity, or task j is full
//    and x ranks above the worst contract of task j, or task j has a free slot, g is full and x ranks
//    above the worst contract of g.
// Zero slots, zero capacities and unbalanced sides are allowed.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "kanten/bipartite/assignment.hpp"
#include "kanten/core/error.hpp"

namespace kanten::inline v1::bipartite {

/// Result of stable_matching.
struct StableResult {
  std::vector<std::int32_t> right_of_left;  ///< per left node: the matched right node, or -1
  std::vector<std::int64_t> edge_of_left;   ///< per left node: index into Instance::edges, or -1
  std::int64_t total_score = 0;             ///< sum of the scores of the matched contracts
  std::int32_t num_matched = 0;             ///< number of matched left nodes
  std::int64_t proposals = 0;               ///< number of proposals made
};

/// A contract that blocks a matching: left node, right node and the edge's score.
struct BlockingPair {
  std::int32_t left = -1;   ///< the citizen
  std::int32_t right = -1;  ///< the task
  std::int64_t score = 0;   ///< score of the blocking contract
};

namespace detail {

/// Company rank key of a contract: smaller is better (higher score, lower left id, lower right id).
using ContractKey = std::tuple<std::int64_t, std::int32_t, std::int32_t>;

/// Rank key of contract (left, right) with `score` for its company.
inline ContractKey make_key(std::int64_t score, std::int32_t left, std::int32_t right) { return {-score, left, right}; }

/// Per left node, its acceptable contracts as edge indices, best first for the citizen (duplicates removed).
inline std::vector<std::vector<std::int64_t>> citizen_lists(const Instance& inst) {
  std::vector<std::vector<std::int64_t>> lists(static_cast<std::size_t>(inst.num_left));
  for (std::size_t k = 0; k < inst.edges.size(); ++k)
    if (inst.edges[k].score > 0) lists[inst.edges[k].left].push_back(static_cast<std::int64_t>(k));
  const auto& ed = inst.edges;
  for (auto& l : lists) {
    std::sort(l.begin(), l.end(), [&](std::int64_t a, std::int64_t b) {
      if (ed[a].right != ed[b].right) return ed[a].right < ed[b].right;
      if (ed[a].score != ed[b].score) return ed[a].score > ed[b].score;
      return a < b;
    });
    l.erase(std::unique(l.begin(), l.end(), [&](std::int64_t a, std::int64_t b) { return ed[a].right == ed[b].right; }),
            l.end());
    std::stable_sort(l.begin(), l.end(), [&](std::int64_t a, std::int64_t b) {
      if (ed[a].score != ed[b].score) return ed[a].score > ed[b].score;
      return ed[a].right < ed[b].right;
    });
  }
  return lists;
}

}  // namespace detail

/// Citizen-proposing deferred acceptance with task slots and company capacities (see the file comment for the stable
/// notion).
inline StableResult stable_matching(const Instance& inst) {
  validate(inst);
  const auto lists = detail::citizen_lists(inst);
  const auto& ed = inst.edges;
  const std::int32_t nl = inst.num_left, nr = inst.num_right(), ng = inst.num_groups();
  std::vector<std::set<detail::ContractKey>> held_task(static_cast<std::size_t>(nr));
  std::vector<std::set<detail::ContractKey>> held_group(static_cast<std::size_t>(ng));
  std::vector<std::size_t> next(static_cast<std::size_t>(nl), 0);
  std::vector<std::int64_t> current(static_cast<std::size_t>(nl), -1);  // edge index held by the company
  StableResult res;
  std::vector<std::int32_t> free_stack;
  for (std::int32_t i = nl - 1; i >= 0; --i) free_stack.push_back(i);
  // Edge index of the current contract of a left node, looked up when that contract is rejected.
  auto reject = [&](std::int32_t left) {
    const Edge& x = ed[current[left]];
    held_task[x.right].erase(detail::make_key(x.score, x.left, x.right));
    held_group[inst.right_group[x.right]].erase(detail::make_key(x.score, x.left, x.right));
    current[left] = -1;
    free_stack.push_back(left);
  };
  while (!free_stack.empty()) {
    const std::int32_t i = free_stack.back();
    free_stack.pop_back();
    const auto& li = lists[i];
    while (current[i] < 0 && next[i] < li.size()) {
      const std::int64_t k = li[next[i]++];
      const Edge& x = ed[k];
      const std::int32_t j = x.right, g = inst.right_group[j];
      ++res.proposals;
      if (inst.right_slots[j] <= 0 || inst.group_capacity[g] <= 0) continue;
      const auto key = detail::make_key(x.score, i, j);
      auto& tj = held_task[j];
      auto& hg = held_group[g];
      std::int32_t victim = -1;
      if (static_cast<std::int64_t>(tj.size()) >= inst.right_slots[j]) {
        // Task full: the circuit is the task's contracts plus x; the worst one leaves.
        if (!(key < *tj.rbegin())) continue;
        victim = std::get<1>(*tj.rbegin());
      } else if (static_cast<std::int64_t>(hg.size()) >= inst.group_capacity[g]) {
        // Task has room, company full: the circuit is all the company's contracts plus x.
        if (!(key < *hg.rbegin())) continue;
        victim = std::get<1>(*hg.rbegin());
      }
      if (victim >= 0) reject(victim);
      tj.insert(key);
      hg.insert(key);
      current[i] = k;
    }
  }
  res.right_of_left.assign(static_cast<std::size_t>(nl), -1);
  res.edge_of_left.assign(static_cast<std::size_t>(nl), -1);
  for (std::int32_t i = 0; i < nl; ++i) {
    if (current[i] < 0) continue;
    res.edge_of_left[i] = current[i];
    res.right_of_left[i] = ed[current[i]].right;
    res.total_score += ed[current[i]].score;
    ++res.num_matched;
  }
  return res;
}

/// First contract (in edge order) that blocks `right_of_left`, or nothing if the matching is stable; throws
/// kanten::Error (Errc::invalid_argument, field "right_of_left") if the matching is infeasible.
inline std::optional<BlockingPair> find_blocking_pair(const Instance& inst,
                                                      std::span<const std::int32_t> right_of_left) {
  const AssignmentResult chk = check_assignment(inst, right_of_left);
  if (!chk.feasible) throw Error(Errc::invalid_argument, "right_of_left", "", "infeasible matching: " + chk.message);
  const auto& ed = inst.edges;
  const std::int32_t nl = inst.num_left;
  for (std::int32_t i = 0; i < nl; ++i)
    if (chk.edge_of_left[i] >= 0 && ed[chk.edge_of_left[i]].score <= 0)
      throw Error(Errc::invalid_argument, "right_of_left[" + std::to_string(i) + "]", std::to_string(right_of_left[i]),
                  "an unacceptable contract (score <= 0)");
  std::vector<std::int32_t> used_task(inst.right_slots.size(), 0), used_group(inst.group_capacity.size(), 0);
  std::vector<std::optional<detail::ContractKey>> worst_task(inst.right_slots.size()),
      worst_group(inst.group_capacity.size());
  for (std::int32_t i = 0; i < nl; ++i) {
    if (chk.edge_of_left[i] < 0) continue;
    const Edge& x = ed[chk.edge_of_left[i]];
    const auto key = detail::make_key(x.score, i, x.right);
    const std::int32_t g = inst.right_group[x.right];
    ++used_task[x.right];
    ++used_group[g];
    if (!worst_task[x.right] || *worst_task[x.right] < key) worst_task[x.right] = key;
    if (!worst_group[g] || *worst_group[g] < key) worst_group[g] = key;
  }
  for (const Edge& x : ed) {
    if (x.score <= 0 || right_of_left[x.left] == x.right) continue;
    const std::int32_t i = x.left, j = x.right, g = inst.right_group[j];
    if (inst.right_slots[j] <= 0 || inst.group_capacity[g] <= 0) continue;
    if (chk.edge_of_left[i] >= 0) {
      const Edge& cur = ed[chk.edge_of_left[i]];
      const bool prefers = x.score > cur.score || (x.score == cur.score && j < cur.right);
      if (!prefers) continue;
    }
    const auto key = detail::make_key(x.score, i, j);
    bool chosen;
    if (used_task[j] >= inst.right_slots[j])
      chosen = key < *worst_task[j];
    else if (used_group[g] >= inst.group_capacity[g])
      chosen = key < *worst_group[g];
    else
      chosen = true;
    if (chosen) return BlockingPair{i, j, x.score};
  }
  return std::nullopt;
}

}  // namespace kanten::inline v1::bipartite
