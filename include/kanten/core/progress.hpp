// kanten/core/progress.hpp — an optional progress callback for long work (a big caseload or market).
//
// The library never prints: a caller that wants progress (the kanten program on a terminal) passes
// a callback in the options of evaluate_all(), match() or generate_market(). Each stage reports
// `done` of `total` units, starting at 0 and ending at `total`, never decreasing, and at most about
// a hundred times however large the input, so the callback is never on a hot path.
#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace kanten::inline v1 {

/// Progress of one stage: `stage` names it (e.g. "evaluate", "candidates"), `done` of `total` units.
using Progress = std::function<void(std::string_view stage, std::size_t done, std::size_t total)>;

}  // namespace kanten::inline v1
