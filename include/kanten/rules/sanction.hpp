// kanten/rules/sanction.hpp — may a punktsanktion be given? Eligible, not eligible, or undecided.
//
// Source: 004_3897fdd271fa8a38.txt, Kerneelement 5 (the text on sanctions). The answer carries
// every fact and rule it rests on, complete enough to draft the written justification a
// sanction decision needs, and — when undecided — exactly what must happen first.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/rules/sources.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kanten::inline v1 {

/// The three possible answers to a sanction question.
#define KANTEN_SANCTION_STATUS_LIST(X)                                                             \
  X(eligible, "eligible")         /* a punktsanktion may be given; the deduction is stated */      \
  X(not_eligible, "not_eligible") /* a rule excludes it; the rule is named */                      \
  X(undecided, "undecided")       /* something must happen first; each item is named */
KANTEN_VOCABULARY(SanctionStatus, std::uint8_t, KANTEN_SANCTION_STATUS_LIST)


/// One statement of a sanction answer, with the source paragraph it rests on.
struct SanctionReason {
  std::string rule;       ///< stable id, e.g. "sanction_personal_contact"
  std::string text;       ///< the statement in English, free of personal data
  const Source* source;   ///< the source paragraph
};

/// The answer to "may this failure be sanctioned?".
struct SanctionAnswer {
  std::string failure_id;                 ///< the caller's id of the failure
  FailureKind failure = FailureKind::refused_job_offer;  ///< what the citizen failed to do
  Date failure_date;                      ///< when
  SanctionStatus status = SanctionStatus::undecided;     ///< eligible, not eligible, undecided
  std::vector<SanctionReason> reasons;    ///< facts and rules established, in order
  std::vector<SanctionReason> pending;    ///< undecided: what must happen first
  std::optional<SanctionReason> excluded_by;  ///< not eligible: the rule that excludes the sanction
  int deduction_days = 0;                 ///< eligible: days of benefit to deduct (rule set)
  std::optional<std::int64_t> daily_rate; ///< the daily rate the caller gave, in øre
  std::optional<std::int64_t> deduction;  ///< eligible with a rate: days × rate, in øre
};

/// The largest daily benefit rate kanten takes: 100,000,000 øre (1,000,000 kr a day), on every
/// surface (EvaluateOptions::daily_rate, the JSON sanction question, C, Python, the command line).
/// Far above any Danish benefit, and small enough that every deduction fits 64 bits.
inline constexpr std::int64_t max_daily_rate = 100'000'000;

/// Throws kanten::Error(invalid_argument) naming `field` unless 0 <= rate <= max_daily_rate.
KANTEN_EXPORT void check_daily_rate(std::int64_t rate, const std::string& field = "daily_rate");

/// Options of a sanction question beyond the case itself.
struct SanctionOptions {
  std::optional<std::int64_t> daily_rate;  ///< the citizen's daily benefit rate in øre; kanten never guesses it
};

}  // namespace kanten::inline v1
