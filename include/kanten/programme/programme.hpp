// kanten/programme/programme.hpp — evaluation figures of a programme: a caseload, evaluated as of a date.
//
// What an evaluator of the indsatsmodel asks of a whole caseload: a person-month panel, citizens
// per step month by month, the funnel through the steps, the share with paid hours (seed
// 003_b82c162ee9c6e810.txt reports about 15 % at the midterm), retention in Trin 3, and
// Kaplan–Meier curves of the time to the first paid hour and to the exit. Every figure is a fold
// over evaluate(): the same rules, the same as-of date. The definitions the sources leave open are
// stated in docs/programme.md and next to each field below.
//
// All functions are pure and thread-safe (they share no mutable state).
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/model.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace kanten::inline v1 {

/// The longest retention horizon: 600 months (50 years), so every horizon is a calendar date.
inline constexpr int max_retention_months = 600;

/// Options of the programme figures; `as_of` is required.
struct ProgrammeOptions {
  Date as_of;                                  ///< evaluate every case as of the end of this date
  const RuleSet* rules = nullptr;              ///< the rule set; nullptr means default_rules()
  std::vector<int> retention_months{3, 6, 12}; ///< months after entering Trin 3 to measure retention at (1 to max_retention_months)
};

/// One citizen in one calendar month: a row of the person-month panel.
struct PersonMonth {
  std::string citizen;           ///< the case's opaque citizen id
  YearMonth month;               ///< the calendar month
  Step step = Step::not_started; ///< the step at the month's end (at as_of in as_of's month)
  Minutes ordinary = 0;          ///< ordinary (paid) minutes worked in the month
  Minutes internship = 0;        ///< internship minutes worked in the month
  bool agreement = false;        ///< an agreement with a company was in force on at least one day of the month
  std::optional<Step> exit;      ///< the exit taken in this month, if any
  bool in_target_group = true;   ///< KE3 membership at the month's end (at as_of in as_of's month), from the dated profile
  Benefit benefit = Benefit::kontanthjaelp;  ///< the benefit at the month's end (at as_of in as_of's month)
  bool activity_ready = true;    ///< aktivitetsparat at the month's end (at as_of in as_of's month), from the dated profile
  bool lives_in_designated_area = true;  ///< lives in a designated area at the month's end (at as_of in as_of's month)
  bool in_integration_programme = false; ///< covered by the integration programme at the month's end (at as_of in as_of's month)
  std::int32_t bus_trips = 0;    ///< bus trips attended in the month (002; registrations not attended do not count)
  bool in_training = false;      ///< on a social training track on the month's end (at as_of in as_of's month) (001)
  friend bool operator==(const PersonMonth&, const PersonMonth&) = default;
};

/// The person-month panel: for each case in caseload order, one row per calendar month from
/// the month of entry (the first conversation: Trin 1 starts) to as_of's month, or to the month
/// of the exit. Cases that never entered have no rows. Target-group membership and the profile
/// follow the dated profile (Evaluation::profile_periods); bus trips and training tracks are the
/// case's own events (Evaluation::bus_trips, Evaluation::training). Throws kanten::Error for an
/// invalid as_of.
/// Example: `auto rows = kanten::person_months(load, {.as_of = kanten::Date(2019, 12, 31)});`
[[nodiscard]] KANTEN_EXPORT std::vector<PersonMonth> person_months(const Caseload& load, const ProgrammeOptions& opts);

/// The stages of the funnel, in order.
#define KANTEN_FUNNEL_STAGE_LIST(X)                                                                \
  X(caseload, "caseload")                                 /* cases in the caseload */              \
  X(entered, "entered")                                   /* entered the model: Trin 1 started (004, Trin 1) */ \
  X(trin2, "trin2")                                       /* reached Trin 2 */                     \
  X(trin3, "trin3")                                       /* reached Trin 3 */                     \
  X(paid_hours, "paid_hours")                             /* worked any ordinary (paid) hours */   \
  X(exit_30_hours, "exit_30_hours")                       /* left through the 30-hour exit */      \
  X(exit_self_support, "exit_self_support")               /* left self-supporting */               \
  X(exit_rehabilitation_team, "exit_rehabilitation_team") /* left to the rehabilitation team */
KANTEN_VOCABULARY(FunnelStage, std::uint8_t, KANTEN_FUNNEL_STAGE_LIST)

/// Number of funnel stages.
inline constexpr std::size_t funnel_stage_count = enum_size<FunnelStage>;

/// Citizens per step at the end of one month (at as_of in as_of's month), indexed by Step.
struct MonthSteps {
  YearMonth month;                                 ///< the calendar month
  std::array<std::size_t, step_count> citizens{};  ///< citizens per step; the sum is the caseload's size
};

/// Retention N months after entering Trin 3 (004, Kerneelement 9: "fastholdelse"; the measure is
/// kanten's, the sources leave it open). Entry month M0 is the month of the first entry into
/// Trin 3; month N is M0 + N.
struct Retention {
  int months = 0;             ///< N
  std::size_t eligible = 0;   ///< entered Trin 3 and month N has ended on or before as_of
  std::size_t retained = 0;   ///< of the eligible: ordinary hours in month N, or left through the 30-hour exit or self-supporting by its end
  std::optional<double> share;  ///< retained / eligible (none when nobody is eligible)
};

/// One time of a Kaplan–Meier step function: the subjects whose time is `days`.
struct KaplanMeierStep {
  std::int32_t days = 0;      ///< the time, in days
  std::size_t at_risk = 0;    ///< subjects whose time is ≥ days
  std::size_t events = 0;     ///< events at this time
  std::size_t censored = 0;   ///< censored at this time (at risk at it: events come first)
  double survival = 1.0;      ///< the estimate just after this time: Π (1 − events / at_risk)
  double std_err = 0.0;       ///< Greenwood's standard error of `survival` (NaN once it is 0; docs/programme.md)
  double lower = 1.0;         ///< the lower pointwise confidence limit, log(−log) transform (kanten/programme/survival.hpp)
  double upper = 1.0;         ///< the upper pointwise confidence limit
};

/// A Kaplan–Meier curve with right-censoring.
struct KaplanMeierCurve {
  std::size_t subjects = 0;             ///< observations
  std::size_t events = 0;               ///< of them events
  std::size_t censored = 0;             ///< of them censored
  std::vector<KaplanMeierStep> steps;   ///< one per distinct time, ascending; survival is 1 before the first
  std::optional<std::int32_t> median;   ///< the first time the survival is ≤ 0.5; none when never reached
};

/// One subject of a survival analysis: a time and whether it ended in the event.
struct Observation {
  std::int32_t days = 0;  ///< time from the origin, in days (≥ 0)
  bool event = false;     ///< true: the event at `days`; false: censored at `days`
  friend bool operator==(const Observation&, const Observation&) = default;
};

/// The Kaplan–Meier estimate of the survival function, with Greenwood's standard error and
/// 1 − alpha pointwise confidence limits; throws kanten::Error naming the observation when a
/// time is negative, or `alpha` when it is not between 0 and 1 (both excluded).
/// Example: `std::vector<kanten::Observation> obs{{3, true}, {5, false}}; auto km = kanten::kaplan_meier(obs);`
[[nodiscard]] KANTEN_EXPORT KaplanMeierCurve kaplan_meier(std::span<const Observation> observations, double alpha = 0.05);

/// What a time-to-event curve measures, from entry into the model (Trin 1 starts).
#define KANTEN_ENDPOINT_LIST(X)                                                                    \
  X(first_paid_hours, "first_paid_hours") /* the first day with ordinary hours; censored at an exit without any, or at as_of */ \
  X(exit, "exit")                         /* any exit; censored at as_of */                        \
  X(exit_30_hours, "exit_30_hours")       /* the 30-hour exit; censored at another exit, or at as_of */
KANTEN_VOCABULARY(Endpoint, std::uint8_t, KANTEN_ENDPOINT_LIST)

/// Number of endpoints.
inline constexpr std::size_t endpoint_count = enum_size<Endpoint>;

/// One observation per case that entered the model, in caseload order. Throws for an invalid as_of.
[[nodiscard]] KANTEN_EXPORT std::vector<Observation> observations(const Caseload& load, const ProgrammeOptions& opts, Endpoint endpoint);

/// One row of the observations table: a citizen who entered, observed for an endpoint
/// (docs/programme.md, "The observations table"). The record holds no ages.
struct ObservationRow {
  std::string citizen;       ///< the case's opaque citizen id
  Date entry;                ///< the day of entry (Trin 1 starts)
  Observation observation;   ///< days from entry to the event or the censoring, and whether it was the event
  std::optional<Step> exit;  ///< the exit taken on the observation's last day, if any: the competing exit that ended follow-up, or the event itself
  Profile profile;           ///< the dated profile in force at the end of the day of entry
  friend bool operator==(const ObservationRow&, const ObservationRow&) = default;
};

/// The observations table of a caseload for an endpoint: one row per case that entered the
/// model, in caseload order (the same observations as observations()). Throws for an invalid as_of.
/// Example: `auto rows = kanten::observation_table(load, {.as_of = d}, kanten::Endpoint::exit);`
[[nodiscard]] KANTEN_EXPORT std::vector<ObservationRow> observation_table(const Caseload& load, const ProgrammeOptions& opts,
                                                                         Endpoint endpoint);

/// What the record says of one of the programme's activities — bus trips to companies (002) or
/// social training tracks (001) — recorded in the cases as events and applied by evaluate(), as
/// of as_of. "After" compares dates: an agreement or paid hours on or after the citizen's first
/// attended trip (first track start). Descriptive counts, not effects: the citizens chose or
/// were chosen for the activity.
struct ActivityFigures {
  std::size_t citizens = 0;          ///< cases with at least one (attended trip | track started) on or before as_of
  std::size_t count = 0;             ///< attended trips | tracks started, over all cases
  std::size_t not_attended = 0;      ///< bus trips: registrations the citizen did not come to (always 0 for tracks)
  std::size_t in_progress = 0;       ///< training tracks: citizens on a track on as_of (always 0 for bus trips)
  std::size_t agreement_after = 0;   ///< of `citizens`: an agreement with a company made on or after the first one
  std::size_t paid_hours_after = 0;  ///< of `citizens`: ordinary (paid) hours worked on or after the first one
};

/// Everything kanten answers about a programme as of one date.
struct ProgrammeFigures {
  Date as_of;                                             ///< the date evaluated
  std::string rule_set;                                   ///< version of the rule set used
  std::array<std::size_t, funnel_stage_count> funnel{};   ///< citizens per funnel stage, indexed by FunnelStage
  std::optional<double> paid_hours_share;                 ///< paid_hours / entered (none when nobody entered)
  std::optional<double> thirty_hours_share;               ///< exit_30_hours / entered (none when nobody entered)
  std::vector<Retention> retention;                       ///< one per ProgrammeOptions::retention_months
  std::vector<MonthSteps> steps_by_month;                 ///< from the first month anyone entered to as_of's month
  std::array<KaplanMeierCurve, endpoint_count> curves;    ///< indexed by Endpoint
  ActivityFigures bus_trips;                              ///< bus trips to companies in the record (002_35b99bd4972212c9.txt)
  ActivityFigures training;                               ///< social training tracks in the record (001_8429fb4aa12981cf.txt)

  /// The count of one funnel stage.
  [[nodiscard]] std::size_t count(FunnelStage s) const noexcept { return funnel[static_cast<std::size_t>(s)]; }
  /// The curve of one endpoint.
  [[nodiscard]] const KaplanMeierCurve& curve(Endpoint e) const noexcept { return curves[static_cast<std::size_t>(e)]; }
};

/// The programme figures of a caseload as of `opts.as_of`. Throws kanten::Error for an invalid
/// as_of or a retention month below 1.
/// Example: `auto f = kanten::programme_figures(load, {.as_of = kanten::Date(2019, 12, 31)});`
[[nodiscard]] KANTEN_EXPORT ProgrammeFigures programme_figures(const Caseload& load, const ProgrammeOptions& opts);

/// The figures as JSON text (indent < 0: one line); the format is in docs/json-format.md.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const ProgrammeFigures& f, int indent = 2);

}  // namespace kanten::inline v1
