// kanten/evaluate.hpp — a case, as of a date: step, reasons, exits, follow-up, sanctions.
//
// evaluate() is a pure, deterministic fold over the case's events: thread-safe (it shares no
// mutable state), and independent of the order the events were appended in.
#pragma once

#include "kanten/rules/events.hpp"
#include "kanten/rules/model.hpp"
#include "kanten/core/progress.hpp"
#include "kanten/rules/rules.hpp"
#include "kanten/rules/sanction.hpp"

#include <optional>
#include <string>
#include <vector>

namespace kanten::inline v1 {

/// Why a citizen is outside the target group (004_3897fdd271fa8a38.txt, Kerneelement 3).
enum class TargetGroupReason : std::uint8_t {
  not_activity_ready,        ///< jobparat, not aktivitetsparat
  benefit_outside,           ///< receives none of kontanthjælp, uddannelseshjælp, integrationsydelse
  outside_designated_area,   ///< does not live in a designated housing area
  in_integration_programme,  ///< integrationsydelse within the integration programme
};

/// Membership of the target group, with the reasons when not a member.
struct TargetGroup {
  bool member = true;                      ///< in the target group
  std::vector<TargetGroupReason> reasons;  ///< every reason the citizen is outside
};

/// What is still missing to leave the current step.
enum class Missing : std::uint8_t {
  visitation,       ///< Trin 1: the visitation decision into the project
  cv,               ///< Trin 1: the CV
  job_direction,    ///< Trin 1: the job direction
  jobformidler,     ///< Trin 1: a personal jobformidler
  agreement,        ///< Trin 2: an employment and/or internship agreement
  followup_plan,    ///< Trin 2: a follow-up plan
  contact_person,   ///< Trin 2: a fixed contact person at the company
  ordinary_hours,   ///< Trin 3: 30 ordinary hours in one month (or self-support)
};

/// A step change: when, from where to where, and the table row that made it.
struct StepChange {
  Date date;                     ///< the date it took effect
  Step from;                     ///< step before
  Step to;                       ///< step after
  const Transition* transition;  ///< the row of `transitions` that made it
};

/// Why an event was not applied.
enum class NotAppliedReason : std::uint8_t {
  unreadable,                ///< the input could not be read into an event (see field/value/detail)
  invalid_date,              ///< the event's date is not a valid date
  invalid_start_date,        ///< the agreement's start date is not a valid date
  non_positive_duration,     ///< hours worked of zero or negative minutes
  day_over_24_hours,         ///< the day's hours would exceed 24 hours
  negative_weekly_hours,     ///< an agreement with negative hours per week
  outside_target_group,      ///< a visitation into the project of a citizen outside the target group
  before_trin1,              ///< needs Trin 1 to have started (first conversation or visitation)
  not_visited,               ///< needs the visitation into the project
  after_exit,                ///< the citizen has left the model
  trin1_already_started,     ///< a second first conversation
  already_visited,           ///< a second visitation decision
  visitation_outside_trin1,  ///< a visitation decision after Trin 1
  education_goal_required,   ///< an employment goal for an uddannelseshjælp recipient (KE4)
  no_agreement_in_force,     ///< hours with no agreement covering the date
  hours_kind_not_agreed,     ///< e.g. ordinary hours under an internship-only agreement
  no_course_in_progress,     ///< a break-off outside Trin 3
  empty_failure_id,          ///< a sanction event without a failure id
  duplicate_failure,         ///< a second failure with the same id
  unknown_failure,           ///< a sanction event naming no recorded failure
  before_failure,            ///< a sanction event dated before its failure
};

/// An event the engine could not apply, with the reason.
struct NotApplied {
  std::size_t index = 0;                       ///< position of the event in the input (Case::events and Case::rejected together)
  Date date;                                   ///< the event's date (not-a-date when unreadable and the date was too)
  std::optional<EventKind> kind;               ///< the event's kind (none when unreadable and the kind was too)
  NotAppliedReason reason = NotAppliedReason::unreadable;  ///< why
  Date related;                                ///< a date the reason refers to (exit date, start of Trin 1, …)
  std::string field;                           ///< unreadable: the field at fault
  std::string value;                           ///< unreadable: the offending value
  std::string detail;                          ///< unreadable: the reader's message
};

/// A recorded breach of a rule that the engine did not silently accept.
struct Violation {
  std::size_t index = 0;     ///< the event that breaks the rule (its position in the input, as NotApplied::index)
  Date date;                 ///< its date
  std::string_view rule;     ///< rule id, e.g. "education_goal_for_uddannelseshjaelp"
  std::string_view text;     ///< the rule in English
  const Source* source;      ///< the source paragraph
};

/// Ordinary and internship minutes in one calendar month.
struct MonthHours {
  YearMonth month;          ///< the calendar month
  Minutes ordinary = 0;     ///< ordinary (paid) minutes
  Minutes internship = 0;   ///< internship minutes (never count toward the 30-hour exit)
  friend bool operator==(const MonthHours&, const MonthHours&) = default;
};

/// The monthly follow-up in the first year of Trin 3
/// (004_3897fdd271fa8a38.txt, Kerneelement 7; DOMAIN.md, project decision 3).
struct FollowUp {
  bool applies = false;               ///< the citizen has entered Trin 3
  Date start;                         ///< entry into Trin 3 (first time)
  YearMonth first_month;              ///< first month that needs a contact
  YearMonth last_month;               ///< last month that needs a contact (cut short by an exit)
  std::vector<YearMonth> breached;    ///< months needing a contact whose last day is before as_of, without one
  bool due_this_month = false;        ///< as_of's month needs a contact and has none yet
  std::optional<Date> deadline;       ///< the next date by which a contact is due
  std::optional<Date> last_contact;   ///< the latest contact on or before as_of
};

/// Everything kanten answers about one case as of one date.
struct Evaluation {
  std::string citizen;                      ///< the case's opaque citizen id
  Date as_of;                               ///< the date evaluated
  std::string rule_set;                     ///< version of the rule set used
  TargetGroup target_group;                 ///< KE3 membership
  Step step = Step::not_started;            ///< the step as of as_of
  Date since;                               ///< when that step began (not-a-date before Trin 1)
  std::vector<StepChange> history;          ///< every step change, oldest first
  std::vector<Missing> missing;             ///< what is still missing to leave the step
  Minutes ordinary_this_month = 0;          ///< ordinary minutes in as_of's month so far
  bool thirty_hours_pending = false;        ///< Trin 3 with ≥ 30 h this month: exit at month end
  std::vector<MonthHours> hours;            ///< minutes by month (months with any hours)
  FollowUp followup;                        ///< the monthly follow-up
  std::vector<SanctionAnswer> sanctions;    ///< one answer per recorded failure
  std::vector<Violation> violations;        ///< rule breaches found in the record
  std::vector<NotApplied> not_applied;      ///< events not applied, each with its reason
  std::vector<InputWarning> warnings;       ///< the case's input fields not used (Case::warnings)
  std::size_t events_applied = 0;           ///< events dated on or before as_of that were applied
  std::size_t events_after_as_of = 0;       ///< events dated after as_of (not considered)

  /// The exit, when the step is one: the last step change.
  [[nodiscard]] const StepChange* exit() const noexcept {
    return is_exit(step) && !history.empty() ? &history.back() : nullptr;
  }
};

/// Options of evaluate(); `as_of` is required.
struct EvaluateOptions {
  Date as_of;                                  ///< evaluate as of the end of this date
  const RuleSet* rules = nullptr;              ///< the rule set; nullptr means default_rules()
  std::optional<std::int64_t> daily_rate;      ///< benefit per day in øre, for sanction deductions
  Progress progress{};                         ///< evaluate_all(): optional, stage "evaluate" (cases done of all)
};

/// Evaluates a case as of `opts.as_of`; throws kanten::Error if as_of is not a valid date.
/// Example: `auto r = kanten::evaluate(c, {.as_of = kanten::Date(2024, 6, 30)});`
[[nodiscard]] Evaluation evaluate(const Case& c, const EvaluateOptions& opts);

/// For each of c.events, whether `e` (an evaluation of c) lists it as not applied. NotApplied::index
/// is an input position (Case::events and Case::rejected together); this maps it back.
[[nodiscard]] std::vector<bool> not_applied_events(const Case& c, const Evaluation& e);

/// Evaluates every case of a caseload as of the same date, in caseload order; reports progress
/// through `opts.progress` when set.
[[nodiscard]] std::vector<Evaluation> evaluate_all(const Caseload& load, const EvaluateOptions& opts);

/// KE3 membership for a profile (004_3897fdd271fa8a38.txt, Kerneelement 3).
[[nodiscard]] TargetGroup target_group(const Profile& p);

/// One line of the follow-up worklist: a citizen who still needs a contact this month.
struct WorklistEntry {
  std::string citizen;               ///< opaque citizen id
  Date deadline;                     ///< last day to make the contact
  std::optional<Date> last_contact;  ///< latest contact so far, if any
  std::size_t breached_months = 0;   ///< months already breached
};

/// Citizens who still need a contact in as_of's month, soonest deadline first, then longest
/// since the last contact (never contacted first), then citizen id.
[[nodiscard]] std::vector<WorklistEntry> followup_worklist(const std::vector<Evaluation>& evaluations);

/// Snake-case names, as used in JSON.
[[nodiscard]] std::string_view name(TargetGroupReason r) noexcept;
[[nodiscard]] std::string_view name(Missing m) noexcept;           ///< e.g. "followup_plan"
[[nodiscard]] std::string_view name(NotAppliedReason r) noexcept;  ///< e.g. "after_exit"

template <> inline constexpr std::size_t enum_size<TargetGroupReason> = 4;
template <> inline constexpr std::size_t enum_size<Missing> = 8;
template <> inline constexpr std::size_t enum_size<NotAppliedReason> = 21;

/// English sentences, free of personal data, for explanations.
[[nodiscard]] std::string describe(TargetGroupReason r);
[[nodiscard]] std::string describe(Missing m, const RuleSet& rules = default_rules());
[[nodiscard]] std::string describe(const NotApplied& n);

/// The whole evaluation as English text: step, reasons, sources, follow-up, sanctions.
[[nodiscard]] std::string explain(const Evaluation& e);

}  // namespace kanten::inline v1
