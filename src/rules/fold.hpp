// Private: what the fold hands to the sanction rules.
#pragma once

#include "kanten/rules/evaluate.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace kanten::inline v1::detail {

/// One attempt at personal contact about a failure.
struct Attempt {
  Date date;
  Channel channel;
  bool reached;
};

/// Everything recorded about one sanction failure, as the fold found it.
struct FailureFacts {
  std::string_view id;
  FailureKind kind = FailureKind::refused_job_offer;
  Date date;
  Step step_at_failure = Step::not_started;  ///< the step the citizen was in on the failure date
  std::optional<CauseKind> cause;            ///< first reasonable cause recorded
  std::optional<bool> vulnerable;            ///< latest vulnerability assessment
  std::optional<bool> promotes_availability; ///< latest concrete assessment
  bool considers_vulnerability = false;      ///< of the latest concrete assessment
  std::optional<Date> assessment_date;
  Profile profile_at_failure;                ///< the dated profile on the failure date
  std::optional<Date> hearing_sent;
  Date hearing_answer_by;                    ///< the hearing's answer deadline (not-a-date when not recorded)
  std::optional<Date> hearing_answered;
  std::vector<Attempt> attempts;             ///< attempts by personal channels only (the fold reports the others)
};

/// Answers the sanction question for one failure as of `as_of` (004_3897fdd271fa8a38.txt,
/// Kerneelement 5).
SanctionAnswer answer_sanction(const FailureFacts& f, const RuleSet& rules, Date as_of,
                               std::optional<std::int64_t> daily_rate);

}  // namespace kanten::inline v1::detail
