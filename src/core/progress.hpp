// Private: reports a stage's progress through an optional kanten::Progress, a bounded number of
// times (at 0, about every hundredth of the total, and at the total), never per unit.
#pragma once

#include "kanten/core/progress.hpp"

#include <cstddef>
#include <string_view>

namespace kanten::inline v1::detail {

/// One stage of `total` units; reports (0, total) on construction when a callback is set.
class StageProgress {
 public:
  /// Starts the stage; `p` may be empty (then every call is a no-op).
  StageProgress(const Progress& p, std::string_view stage, std::size_t total)
      : p_(p), stage_(stage), total_(total), step_(total > 100 ? (total + 99) / 100 : 1), next_(step_) {
    if (p_) p_(stage_, 0, total_);
  }
  /// `done` units are finished (non-decreasing); reports when it has passed the next step.
  void at(std::size_t done) {
    if (p_ && done >= next_ && done < total_) {
      p_(stage_, done, total_);
      next_ = done + step_;
    }
  }
  /// The stage is finished: reports (total, total) once.
  void finish() {
    if (p_ && !finished_ && total_ > 0) p_(stage_, total_, total_);  // an empty stage reported (0, 0) at the start
    finished_ = true;
  }

 private:
  const Progress& p_;
  std::string_view stage_;
  std::size_t total_, step_, next_;
  bool finished_ = false;
};

}  // namespace kanten::inline v1::detail
