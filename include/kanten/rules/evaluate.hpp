// kanten/rules/evaluate.hpp — a case, as of a date: step, reasons, exits, follow-up, sanctions.
//
// evaluate() is a pure, deterministic fold over the case's events: thread-safe (it shares no
// mutable state), and independent of the order the events were appended in.
#pragma once

#include "kanten/core/export.hpp"
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
#define KANTEN_TARGET_GROUP_REASON_LIST(X)                                                         \
  X(not_activity_ready, "not_activity_ready")             /* jobparat, not aktivitetsparat */      \
  X(benefit_outside, "benefit_outside")                   /* receives none of kontanthjælp, uddannelseshjælp, integrationsydelse */ \
  X(outside_designated_area, "outside_designated_area")   /* does not live in a designated housing area */ \
  X(in_integration_programme, "in_integration_programme") /* integrationsydelse within the integration programme */
KANTEN_VOCABULARY(TargetGroupReason, std::uint8_t, KANTEN_TARGET_GROUP_REASON_LIST)

/// Membership of the target group, with the reasons when not a member.
struct TargetGroup {
  bool member = true;                      ///< in the target group
  std::vector<TargetGroupReason> reasons;  ///< every reason the citizen is outside
};

/// What is still missing to leave the current step.
#define KANTEN_MISSING_LIST(X)                                                                     \
  X(visitation, "visitation")         /* Trin 1: the visitation decision into the project */       \
  X(cv, "cv")                         /* Trin 1: the CV */                                         \
  X(job_direction, "job_direction")   /* Trin 1: the job direction */                              \
  X(jobformidler, "jobformidler")     /* Trin 1: a personal jobformidler */                        \
  X(agreement, "agreement")           /* Trin 2: an employment and/or internship agreement */      \
  X(followup_plan, "followup_plan")   /* Trin 2: a follow-up plan */                               \
  X(contact_person, "contact_person") /* Trin 2: a fixed contact person at the company */          \
  X(ordinary_hours, "ordinary_hours") /* Trin 3: 30 ordinary hours in one month (or self-support) */ \
  X(agreement_company, "agreement_company")             /* Trin 2: the agreement names no company (KE7) */ \
  X(agreement_tasks, "agreement_tasks")                 /* Trin 2: the agreement names no tasks (KE7) */ \
  X(agreement_weekly_hours, "agreement_weekly_hours")   /* Trin 2: the agreement gives no working time (KE7) */ \
  X(agreement_sub_goals, "agreement_sub_goals")         /* Trin 2: the agreement sets no sub-goals for progression (KE7) */ \
  X(contact_person_company, "contact_person_company")   /* Trin 2: the contact person is not at the agreement's company (Trin 2's end) */
KANTEN_VOCABULARY(Missing, std::uint8_t, KANTEN_MISSING_LIST)

/// A step change: when, from where to where, and the table row that made it.
struct StepChange {
  Date date;                     ///< the date it took effect
  Step from;                     ///< step before
  Step to;                       ///< step after
  const Transition* transition;  ///< the row of `transitions` that made it
};

/// Why an event was not applied.
#define KANTEN_NOT_APPLIED_REASON_LIST(X)                                                          \
  X(unreadable, "unreadable")                             /* the input could not be read into an event (see field/value/detail) */ \
  X(invalid_date, "invalid_date")                         /* the event's date is not a valid date */ \
  X(invalid_start_date, "invalid_start_date")             /* the agreement's start date is not a valid date */ \
  X(non_positive_duration, "non_positive_duration")       /* hours worked of zero or negative minutes */ \
  X(day_over_24_hours, "day_over_24_hours")               /* the day's hours would exceed 24 hours */ \
  X(negative_weekly_hours, "negative_weekly_hours")       /* an agreement with negative hours per week */ \
  X(outside_target_group, "outside_target_group")         /* a visitation into the project of a citizen outside the target group */ \
  X(before_trin1, "before_trin1")                         /* needs Trin 1 to have started (first conversation or visitation) */ \
  X(not_visited, "not_visited")                           /* needs the visitation into the project */ \
  X(after_exit, "after_exit")                             /* the citizen has left the model */     \
  X(trin1_already_started, "trin1_already_started")       /* a second first conversation */        \
  X(already_visited, "already_visited")                   /* a second visitation decision */       \
  X(visitation_outside_trin1, "visitation_outside_trin1") /* a visitation decision after Trin 1 */ \
  X(education_goal_required, "education_goal_required")   /* an employment goal for an uddannelseshjælp recipient (KE4) */ \
  X(no_agreement_in_force, "no_agreement_in_force")       /* hours with no agreement covering the date */ \
  X(hours_kind_not_agreed, "hours_kind_not_agreed")       /* e.g. ordinary hours under an internship-only agreement */ \
  X(no_course_in_progress, "no_course_in_progress")       /* a break-off outside Trin 3 */         \
  X(empty_failure_id, "empty_failure_id")                 /* a sanction event without a failure id */ \
  X(duplicate_failure, "duplicate_failure")               /* a second failure with the same id */  \
  X(unknown_failure, "unknown_failure")                   /* a sanction event naming no recorded failure */ \
  X(before_failure, "before_failure")                     /* a sanction event dated before its failure */ \
  X(not_personal_channel, "not_personal_channel")         /* a personal contact attempt by a channel that is not personal contact (written, video) */ \
  X(answer_by_before_hearing, "answer_by_before_hearing") /* a hearing whose answer deadline is before the day it was sent */ \
  X(not_self_supporting, "not_self_supporting")           /* aftercare for a citizen who has not left the model self-supporting */ \
  X(invalid_end_date, "invalid_end_date")                 /* a training track whose end is not a valid date on or after its start */
KANTEN_VOCABULARY(NotAppliedReason, std::uint8_t, KANTEN_NOT_APPLIED_REASON_LIST)

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
  Minutes ordinary_in_trin3 = 0;  ///< of `ordinary`, the minutes worked on days in Trin 3 (these decide the 30-hour exit)
  friend bool operator==(const MonthHours&, const MonthHours&) = default;
};

/// The profile from a date on, and the target group it makes (KE3).
struct ProfilePeriod {
  Date from;                ///< first day; not-a-date for the profile the record starts with
  Profile profile;          ///< the circumstances from then on
  TargetGroup target_group; ///< membership from then on
};

/// Continuity of the jobformidler (004_3897fdd271fa8a38.txt, Kerneelement 5: "kontinuitet i
/// forløbet, dvs. at borgeren har den samme jobformidler over tid").
struct JobformidlerContinuity {
  std::string current;              ///< opaque id of the current jobformidler ("" before one is assigned)
  Date since;                       ///< when the current one was assigned (not-a-date before)
  std::size_t changes = 0;          ///< assignments of a different jobformidler after the first
  std::int32_t days_with_current = 0;  ///< days from `since` to as_of (0 before one is assigned)
};

/// One agreement of the record, for the course of agreed hours (KE7, KE9).
struct AgreementRecord {
  std::size_t index = 0;             ///< the event's input position
  Date date;                         ///< the day it was recorded
  Date start;                        ///< its first day
  AgreementKind kind = AgreementKind::ordinary_hours;  ///< ordinary hours, internship or both
  Minutes minutes_per_week = 0;      ///< agreed working time per week
  std::optional<Minutes> ordinary_minutes_per_week;  ///< agreed ordinary minutes per week (unknown when not given for `both`)
  std::string company;               ///< opaque company id ("" when not given)
  bool renegotiation = false;        ///< it replaced an open agreement at the same company (KE9)
  std::vector<Missing> missing_terms;  ///< what of the KE7 terms it lacks (empty: complete)
};

/// Caller-given thresholds of the alerts; the source gives no numbers, so none is on by default.
struct AlertOptions {
  std::optional<int> inactive_days;      ///< alert when no activity (contact, hours, bus trip, training) for more than this many days (Trin 1–3; KE5 "opsøgende i tilfælde af inaktivitet")
  std::optional<int> trin2_days;         ///< alert when in Trin 2 for more than this many days (Trin 2: "hurtigst muligt matches")
  std::optional<int> stagnation_months;  ///< alert when in Trin 3 the agreed ordinary hours have not risen in this many months (KE9)
};

/// The largest alert threshold in days (100 years) and in months (600).
inline constexpr int max_alert_days = 36'500;
inline constexpr int max_alert_months = 600;

/// What an alert is about.
#define KANTEN_ALERT_KIND_LIST(X)                                                                  \
  X(inactive, "inactive")           /* no activity for more than inactive_days */                  \
  X(long_in_trin2, "long_in_trin2") /* in Trin 2 for more than trin2_days */                       \
  X(stagnation, "stagnation")       /* no more agreed ordinary hours in stagnation_months */
KANTEN_VOCABULARY(AlertKind, std::uint8_t, KANTEN_ALERT_KIND_LIST)

/// An alert: a threshold the caller set is passed.
struct Alert {
  AlertKind kind = AlertKind::inactive;  ///< what
  std::int32_t value = 0;                ///< days without contact, days in Trin 2, or months without more ordinary hours
  std::int32_t threshold = 0;            ///< the caller's threshold
  const Source* source = nullptr;        ///< the source paragraph
};

/// A contact in aftercare, after self-support.
struct AftercareRecord {
  Date date;                             ///< when
  Channel channel = Channel::in_person;  ///< how
};

/// A bus trip of the record (002).
struct BusTripRecord {
  Date date;             ///< the day of the trip
  std::string trip;      ///< opaque trip id
  bool attended = true;  ///< false: registered, did not come
  std::vector<std::string> companies;  ///< companies visited
};

/// A training track of the record (001).
struct TrainingRecord {
  Date start;             ///< first day
  Date end;               ///< last day
  std::string track;      ///< opaque track id
  std::string workplace;  ///< opaque workplace id
  std::string mentor;     ///< opaque mentor id
};

/// The monthly follow-up in the first year of Trin 3
/// (004_3897fdd271fa8a38.txt, Kerneelement 7; decision "Monthly follow-up" (docs/decisions.md)).
struct FollowUp {
  bool applies = false;               ///< the citizen has entered Trin 3
  Date start;                         ///< the start of the first agreement: the year runs from it ("under ansættelsen")
  Date trin3_entry;                   ///< entry into Trin 3 (first time); months before it need no contact
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
  TargetGroup target_group;                 ///< KE3 membership on as_of
  Profile profile;                          ///< the profile on as_of
  std::vector<ProfilePeriod> profile_periods;  ///< the profile and target group over time, oldest first
  Step step = Step::not_started;            ///< the step as of as_of
  Date since;                               ///< when that step began (not-a-date before Trin 1)
  std::vector<StepChange> history;          ///< every step change, oldest first
  std::vector<Missing> missing;             ///< what is still missing to leave the step
  Minutes ordinary_this_month = 0;          ///< ordinary minutes in as_of's month so far
  Minutes ordinary_in_trin3_this_month = 0; ///< of those, the minutes worked on days in Trin 3
  bool thirty_hours_pending = false;        ///< Trin 3 with ≥ 30 h worked in Trin 3 this month: exit at month end
  std::vector<MonthHours> hours;            ///< minutes by month (months with any hours)
  FollowUp followup;                        ///< the monthly follow-up
  std::vector<SanctionAnswer> sanctions;    ///< one answer per recorded failure
  JobformidlerContinuity jobformidler;      ///< who the jobformidler is, and for how long
  std::optional<Date> inactive_since;       ///< the latest sign of activity — contact, hours worked, attended bus trip, start of a training track — or the start of Trin 1: inactivity counts from it (none before Trin 1)
  std::int32_t days_in_trin2 = 0;           ///< days in the current spell of Trin 2 up to as_of (0 outside Trin 2)
  std::int32_t total_days_in_trin2 = 0;     ///< days in Trin 2 over every spell, up to as_of
  std::vector<AgreementRecord> agreements;  ///< the agreements applied, oldest first: the course of agreed hours
  std::vector<AftercareRecord> aftercare;   ///< aftercare contacts after self-support
  std::vector<BusTripRecord> bus_trips;     ///< bus trips of the record
  std::vector<TrainingRecord> training;     ///< training tracks of the record
  std::vector<Alert> alerts;                ///< thresholds of EvaluateOptions::alerts passed as of as_of
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
  AlertOptions alerts{};                       ///< the caller's alert thresholds (none by default)
  Progress progress{};                         ///< evaluate_all(): optional, stage "evaluate" (cases done of all)
};

/// Evaluates a case as of `opts.as_of`; throws kanten::Error if as_of is not a valid date, is
/// before the rule set is in force (RuleSet::valid_from), or an alert threshold is out of range.
/// Example: `auto r = kanten::evaluate(c, {.as_of = kanten::Date(2024, 6, 30)});`
[[nodiscard]] KANTEN_EXPORT Evaluation evaluate(const Case& c, const EvaluateOptions& opts);

/// For each of c.events, whether `e` (an evaluation of c) lists it as not applied. NotApplied::index
/// is an input position (Case::events and Case::rejected together); this maps it back.
[[nodiscard]] KANTEN_EXPORT std::vector<bool> not_applied_events(const Case& c, const Evaluation& e);

/// Evaluates every case of a caseload as of the same date, in caseload order; reports progress
/// through `opts.progress` when set.
[[nodiscard]] KANTEN_EXPORT std::vector<Evaluation> evaluate_all(const Caseload& load, const EvaluateOptions& opts);

/// KE3 membership for a profile (004_3897fdd271fa8a38.txt, Kerneelement 3).
[[nodiscard]] KANTEN_EXPORT TargetGroup target_group(const Profile& p);

/// One line of the worklist: a citizen who still needs a contact this month, or has an alert.
struct WorklistEntry {
  std::string citizen;               ///< opaque citizen id
  std::string jobformidler;          ///< the current jobformidler's opaque id ("" when none)
  Step step = Step::not_started;     ///< the step on as_of
  bool followup_due = false;         ///< the monthly follow-up needs a contact this month
  std::optional<Date> deadline;      ///< followup_due: last day to make the contact
  std::optional<Date> last_contact;  ///< latest follow-up contact so far, if any
  std::size_t breached_months = 0;   ///< months already breached
  std::vector<Alert> alerts;         ///< the evaluation's alerts
};

/// Which lines the worklist holds, and in what order.
struct WorklistOptions {
  std::string jobformidler;           ///< only this jobformidler's citizens ("" : everyone)
  bool group_by_jobformidler = false; ///< order by jobformidler first (those without one last)
};

/// Citizens who still need a contact in as_of's month or have an alert: soonest deadline first
/// (alerts without a deadline after), then longest since the last contact (never contacted
/// first), then citizen id; grouped by jobformidler first when asked. Throws kanten::Error
/// naming "jobformidler" (without the value) for a filter shaped like a CPR number.
[[nodiscard]] KANTEN_EXPORT std::vector<WorklistEntry> followup_worklist(const std::vector<Evaluation>& evaluations,
                                                                        const WorklistOptions& options = {});

/// The answer a sanction question asks for: the one for `failure_id`, or with an empty id the
/// latest failure's (the latest date; of one date, the last answer). Throws
/// kanten::Error(invalid_input) naming "failure_id" (or "case.events" with an empty id) when the
/// evaluation has no such answer, i.e. the case records no such failure on or before its as_of.
[[nodiscard]] KANTEN_EXPORT const SanctionAnswer& pick_sanction_answer(const Evaluation& e, std::string_view failure_id);

/// English sentences, free of personal data, for explanations.
[[nodiscard]] KANTEN_EXPORT std::string describe(TargetGroupReason r);
[[nodiscard]] KANTEN_EXPORT std::string describe(Missing m, const RuleSet& rules = default_rules());
[[nodiscard]] KANTEN_EXPORT std::string describe(const NotApplied& n);
[[nodiscard]] KANTEN_EXPORT std::string describe(const Alert& a);

/// Throws kanten::Error(invalid_argument) naming the field ("alerts.inactive_days", …) when a
/// threshold is below 1 or above max_alert_days / max_alert_months.
KANTEN_EXPORT void check_alert_options(const AlertOptions& a);

/// The whole evaluation as English text: step, reasons, sources, follow-up, sanctions.
[[nodiscard]] KANTEN_EXPORT std::string explain(const Evaluation& e);

}  // namespace kanten::inline v1
