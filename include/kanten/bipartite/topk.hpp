// kanten — top-k candidates: the best right nodes (tasks) for a left node with at most m per group
// (company), and the best left nodes (citizens) for a right node. Header-only.
//
// Every listed edge is a candidate, whatever its score (hard filters are applied before the edges
// are made); duplicate edges of one pair count once, with their best score. Order: higher score
// first, ties by lower id; deterministic.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "kanten/bipartite/assignment.hpp"
#include "kanten/core/error.hpp"

namespace kanten::inline v1::bipartite {

/// One ranked candidate: the other node's id, the score and the edge index in Instance::edges.
struct Candidate {
  std::int32_t id = -1;    ///< right node (for a left query) or left node (for a right query)
  std::int64_t score = 0;  ///< the edge's score
  std::int64_t edge = -1;  ///< index into Instance::edges
};

/// CSR adjacency of an instance in both directions, each list sorted best first (score desc, then id asc).
class BipartiteIndex {
 public:
  /// Builds the index of `inst` (validates it; O(E log E)).
  explicit BipartiteIndex(const Instance& inst) : inst_(&inst) {
    validate(inst);
    build(by_left_begin_, by_left_, inst.num_left, true);
    build(by_right_begin_, by_right_, inst.num_right(), false);
  }

  /// The instance this index was built from.
  [[nodiscard]] const Instance& source() const noexcept { return *inst_; }

  /// Up to `k` best right nodes for `left`, at most `max_per_group` per group (negative: no limit);
  /// throws kanten::Error (Errc::invalid_argument, field "left") when `left` is out of range.
  [[nodiscard]] std::vector<Candidate> top_rights(std::int32_t left, std::int32_t k,
                                                  std::int32_t max_per_group = -1) const {
    if (left < 0 || left >= inst_->num_left)
      throw Error(Errc::invalid_argument, "left", std::to_string(left),
                  "out of range (there are " + std::to_string(inst_->num_left) + " left nodes)");
    std::vector<Candidate> out;
    if (k <= 0) return out;
    std::vector<std::pair<std::int32_t, std::int32_t>> per_group;  // (group, count), small
    for (std::int64_t p = by_left_begin_[left]; p < by_left_begin_[left + 1]; ++p) {
      const Candidate& c = by_left_[p];
      if (max_per_group >= 0) {
        const std::int32_t g = inst_->right_group[c.id];
        auto it = std::find_if(per_group.begin(), per_group.end(), [&](const auto& e) { return e.first == g; });
        if (it == per_group.end()) it = per_group.insert(per_group.end(), {g, 0});
        if (it->second >= max_per_group) continue;
        ++it->second;
      }
      out.push_back(c);
      if (static_cast<std::int32_t>(out.size()) >= k) break;
    }
    return out;
  }

  /// Up to `k` best left nodes for `right`; throws kanten::Error (Errc::invalid_argument, field "right") when
  /// `right` is out of range.
  [[nodiscard]] std::vector<Candidate> top_lefts(std::int32_t right, std::int32_t k) const {
    if (right < 0 || right >= inst_->num_right())
      throw Error(Errc::invalid_argument, "right", std::to_string(right),
                  "out of range (there are " + std::to_string(inst_->num_right()) + " right nodes)");
    std::vector<Candidate> out;
    if (k <= 0) return out;
    const std::int64_t b = by_right_begin_[right], e = by_right_begin_[right + 1];
    for (std::int64_t p = b; p < e && static_cast<std::int32_t>(out.size()) < k; ++p) out.push_back(by_right_[p]);
    return out;
  }

 private:
  void build(std::vector<std::int64_t>& begin, std::vector<Candidate>& list, std::int32_t n, bool left_side) {
    const auto& ed = inst_->edges;
    begin.assign(static_cast<std::size_t>(n) + 1, 0);
    for (const Edge& x : ed) ++begin[(left_side ? x.left : x.right) + 1];
    for (std::int32_t v = 0; v < n; ++v) begin[v + 1] += begin[v];
    list.assign(ed.size(), Candidate{});
    std::vector<std::int64_t> pos(begin.begin(), begin.end() - 1);
    for (std::size_t k = 0; k < ed.size(); ++k) {
      const Edge& x = ed[k];
      list[pos[left_side ? x.left : x.right]++] = {left_side ? x.right : x.left, x.score, static_cast<std::int64_t>(k)};
    }
    std::vector<std::int64_t> new_begin(begin.size(), 0);
    std::int64_t w = 0;
    for (std::int32_t v = 0; v < n; ++v) {
      auto b = list.begin() + begin[v], e = list.begin() + begin[v + 1];
      // Deduplicate pairs (keep best score, lowest edge index), then order best first.
      std::sort(b, e, [](const Candidate& a, const Candidate& c) {
        if (a.id != c.id) return a.id < c.id;
        if (a.score != c.score) return a.score > c.score;
        return a.edge < c.edge;
      });
      e = std::unique(b, e, [](const Candidate& a, const Candidate& c) { return a.id == c.id; });
      std::stable_sort(b, e, [](const Candidate& a, const Candidate& c) { return a.score > c.score; });
      new_begin[v] = w;
      for (auto it = b; it != e; ++it) list[w++] = *it;
    }
    new_begin[n] = w;
    list.resize(static_cast<std::size_t>(w));
    begin = std::move(new_begin);
  }

  const Instance* inst_;
  std::vector<std::int64_t> by_left_begin_, by_right_begin_;
  std::vector<Candidate> by_left_, by_right_;
};

/// Up to `k` best right nodes for `left` in `inst`, at most `max_per_group` per group (negative: no limit); builds an
/// index, O(E log E).
inline std::vector<Candidate> top_rights_for_left(const Instance& inst, std::int32_t left, std::int32_t k,
                                                  std::int32_t max_per_group = -1) {
  return BipartiteIndex(inst).top_rights(left, k, max_per_group);
}

/// Up to `k` best left nodes for `right` in `inst`; builds an index, O(E log E).
inline std::vector<Candidate> top_lefts_for_right(const Instance& inst, std::int32_t right, std::int32_t k) {
  return BipartiteIndex(inst).top_lefts(right, k);
}

}  // namespace kanten::inline v1::bipartite
