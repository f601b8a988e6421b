// kanten — DIMACS min-cost-flow ("p min") reader and writer for layered bipartite instances.
//
// Layout written (node ids are 1-based):
//   node 1 = source (supply L), node 2 = sink (supply −L),
//   nodes 3 .. L+2 = left nodes, then R right nodes, then G groups;
//   a 1 2 0 L 0               bypass: any flow value (a left node may stay unassigned)
//   a source left 0 1 0       one per left node
//   a left right 0 1 −score   one per edge (cost = −score: min cost = max score)
//   a right group 0 slots 0   one per right node
//   a group sink 0 cap 0      one per group
// The reader accepts any "p min" file of this shape (nodes in any numbering, lines in any order):
// it finds the source and sink by their supplies, groups as the tails of arcs into the sink, right
// nodes as the tails of arcs into groups and left nodes as the heads of arcs out of the source;
// within each layer ids follow the DIMACS node numbers. With no left nodes all supplies are 0; then
// the source and the sink are the nodes of the two 'n' lines, in that order. Malformed input raises DimacsError
// naming the line and the field. The problem line's counts must fit the text before anything is sized by them:
// ARCS at most one per 12 characters (an arc line and its newline), NODES at most 2 + 2 × ARCS (every node but
// the source and the sink lies on an arc).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>
#include <string_view>

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

/// Writes `inst` as a DIMACS "p min" network in the layout described above.
KANTEN_EXPORT void write_dimacs(std::ostream& out, const Instance& inst);

/// Returns `inst` as DIMACS "p min" text.
[[nodiscard]] KANTEN_EXPORT std::string to_dimacs(const Instance& inst);

/// Reads a layered bipartite instance from DIMACS "p min" text; throws DimacsError on malformed input.
[[nodiscard]] KANTEN_EXPORT Instance read_dimacs(std::istream& in);

/// Parses a layered bipartite instance from DIMACS "p min" text; throws DimacsError on malformed input.
[[nodiscard]] KANTEN_EXPORT Instance parse_dimacs(std::string_view text);

}  // namespace kanten::inline v1::bipartite
