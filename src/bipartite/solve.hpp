// kanten — internal entry points of the assignment solver for the matching engine, which keeps
// its edges in its own (huge-page) storage instead of an instance's vector.
#pragma once

#include "kanten/bipartite/assignment.hpp"

#include <span>

namespace kanten::inline v1::bipartite::detail {

/// Throws std::invalid_argument for the first structural problem of the instance's nodes (not its edges).
void validate_nodes(const instance& inst);

/// solve_assignment() on the nodes of `inst` with `edges` in place of inst.edges (which is not read).
[[nodiscard]] assignment_result solve_assignment(const instance& inst, std::span<const edge> edges,
                                                 const assignment_options& options);

}  // namespace kanten::inline v1::bipartite::detail
