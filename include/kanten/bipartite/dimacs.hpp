// kanten — DIMACS min-cost-flow ("p min") reader and writer for layered bipartite instances.
//
// Layout written (node ids are 1-based; docs/solve.md gives the shape with a worked example):
//   node 1 = source (supply L), node 2 = sink (supply −L),
//   nodes 3 .. L+2 = left nodes, then R right nodes, then G groups;
//   a 1 2 0 L P               bypass: a left node may stay unassigned, at the penalty P (0 unless given)
//   a source left 0 1 0       one per left node
//   a left right 0 1 P−score  one per edge (cost c = P − score: min cost = P × L − max score)
//   a right group 0 slots 0   one per right node
//   a group sink 0 cap 0      one per group
// The reader accepts any "p min" file of this shape (nodes in any numbering, lines in any order):
// it finds the source and sink by their supplies, groups as the tails of arcs into the sink, right
// nodes as the tails of arcs into groups and left nodes as the heads of arcs out of the source;
// within each layer ids follow the DIMACS node numbers. With no left nodes all supplies are 0; then
// the source and the sink are the nodes of the two 'n' lines, in that order. The bypass arc's cost is
// the penalty P of an unassigned left node; a left→right arc of cost c becomes an edge of score P − c,
// and an arc with c >= P is left out (taking it never costs less than leaving its left node
// unassigned, so the optimum is the same). Arithmetic is checked: a score P − c that does not fit in
// 64 bits or exceeds max_supported_score() is refused on its line. Malformed input raises DimacsError
// naming the line and the field. The problem line's counts must fit the text before anything is sized
// by them: ARCS at most one per 12 characters (an arc line and its newline), NODES at most 2 + 2 × ARCS
// (every node but the source and the sink lies on an arc).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kanten/bipartite/assignment.hpp"
#include "kanten/core/error.hpp"
#include "kanten/core/export.hpp"

namespace kanten::inline v1::bipartite {

/// Error in DIMACS input: a kanten::Error with code Errc::parse_error, field() the offending field
/// (e.g. "cost" or "node id"); what() reads "field 'F': dimacs line N: ..." ("dimacs: ..." when
/// the problem concerns the file as a whole).
class KANTEN_EXPORT DimacsError : public Error {
 public:
  /// Creates the error for 1-based `line` (0 when not tied to a line) and the offending `field`.
  DimacsError(std::int64_t line, std::string field, const std::string& detail);
  /// 1-based line number of the problem (0 if it concerns the file as a whole).
  [[nodiscard]] std::int64_t line() const noexcept { return line_; }

 private:
  std::int64_t line_;
};

/// A bipartite instance read from DIMACS, with what it takes to answer in the file's own terms:
/// the penalty and the file's node ids.
struct DimacsProblem {
  Instance instance;                     ///< the layers; an edge per arc cheaper than the penalty, score P − c
  std::int64_t penalty = 0;              ///< P: the cost of the bypass arc source→sink (an unassigned left node)
  std::int64_t source = 0;               ///< the source's node id in the file
  std::int64_t sink = 0;                 ///< the sink's node id in the file
  std::vector<std::int64_t> left_node;   ///< per left node (Instance id): its node id in the file
  std::vector<std::int64_t> right_node;  ///< per right node: its node id in the file
  std::vector<std::int64_t> group_node;  ///< per group: its node id in the file
  std::int64_t arcs_left_out = 0;        ///< left→right arcs with cost >= P, not in `instance` (never worth taking)
};

/// One line "f TAIL HEAD FLOW" of a DIMACS solution: the flow on an arc, node ids as in the file.
struct DimacsArcFlow {
  std::int64_t tail = 0;  ///< the arc's tail node id
  std::int64_t head = 0;  ///< the arc's head node id
  std::int64_t flow = 0;  ///< units on the arc (> 0)
};

/// An assignment as a min-cost flow in the file's own terms.
struct DimacsSolution {
  std::int64_t cost = 0;  ///< the flow's cost: P × L − total score (the min cost when the assignment is optimal)
  /// Every arc with positive flow: the bypass source→sink, then per left node in Instance order its
  /// source arc and its left→right arc, then right→group arcs, then group→sink arcs (layer order).
  std::vector<DimacsArcFlow> flow;
};

/// Writes `inst` as a DIMACS "p min" network in the layout described above, with penalty 0.
KANTEN_EXPORT void write_dimacs(std::ostream& out, const Instance& inst);

/// Writes `inst` with the bypass arc costing `penalty` and each edge costing penalty − score;
/// throws kanten::Error (Errc::invalid_argument, field "penalty") when a cost does not fit in 64 bits.
KANTEN_EXPORT void write_dimacs(std::ostream& out, const Instance& inst, std::int64_t penalty);

/// Returns `inst` as DIMACS "p min" text (penalty 0).
[[nodiscard]] KANTEN_EXPORT std::string to_dimacs(const Instance& inst);

/// Returns `inst` as DIMACS "p min" text with the given penalty (see write_dimacs).
[[nodiscard]] KANTEN_EXPORT std::string to_dimacs(const Instance& inst, std::int64_t penalty);

/// Reads a layered bipartite instance from DIMACS "p min" text; throws DimacsError on malformed input.
[[nodiscard]] KANTEN_EXPORT Instance read_dimacs(std::istream& in);

/// Parses a layered bipartite instance from DIMACS "p min" text; throws DimacsError on malformed input.
[[nodiscard]] KANTEN_EXPORT Instance parse_dimacs(std::string_view text);

/// Parses DIMACS "p min" text as parse_dimacs() does, keeping the penalty and the file's node ids.
[[nodiscard]] KANTEN_EXPORT DimacsProblem parse_dimacs_problem(std::string_view text);

/// The flow and its cost in `problem`'s own terms for an assignment of `problem.instance` (per left node
/// its right node or -1, e.g. AssignmentResult::right_of_left), re-checked with check_assignment().
/// Throws kanten::Error (Errc::invalid_argument) naming "right_of_left" when the assignment does not
/// fit the instance, and naming "optimum" when the cost does not fit in 64 bits.
[[nodiscard]] KANTEN_EXPORT DimacsSolution dimacs_solution(const DimacsProblem& problem,
                                                           std::span<const std::int32_t> right_of_left);

}  // namespace kanten::inline v1::bipartite
