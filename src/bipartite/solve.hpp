// kanten — internal entry points of the assignment solver for the matching engine, which keeps
// its edges in its own (huge-page) storage instead of an instance's vector.
#pragma once

#include <span>

#include "kanten/bipartite/assignment.hpp"

namespace kanten::inline v1::bipartite::detail {

/// Throws kanten::Error (Errc::invalid_argument) for the first structural problem of the instance's nodes (not its
/// edges).
void validate_nodes(const Instance& inst);

/// solve_assignment() on the nodes of `inst` with `edges` in place of inst.edges (which is not read).
[[nodiscard]] AssignmentResult solve_assignment(const Instance& inst, std::span<const Edge> edges,
                                                const AssignmentOptions& options);

}  // namespace kanten::inline v1::bipartite::detail
