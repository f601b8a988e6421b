// kanten/programme/bus.hpp — bus trips to companies (002_35b99bd4972212c9.txt).
//
// Job centres take activity-ready citizens by bus to visit companies, "an eye-opener" with no demand
// to find an internship on the day. This header holds who may come, the two models the source
// describes as named presets, a planner that chooses companies and participants with the matcher's
// scores, the cost of a trip as a range, and attendance: who came, who is invited to the next trip,
// and the relation a visit leaves between a citizen and a company.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kanten/core/date.hpp"
#include "kanten/core/export.hpp"
#include "kanten/match/matching.hpp"
#include "kanten/rules/sources.hpp"

namespace kanten::inline v1 {

// ---------------------------------------------------------------------------------------------
// Who may come
// ---------------------------------------------------------------------------------------------

/// What the caseworker knows about a referred citizen that decides whether the offer covers them.
struct BusReferral {
  std::string citizen;                 ///< opaque citizen id (a citizen of the market planned for)
  bool activity_ready = true;          ///< visited as aktivitetsparat
  std::optional<std::int32_t> age;     ///< age in years on the trip's date, when known
  bool vocational_education = false;   ///< has an education that qualifies for a vocation
  bool exempt_from_activity = false;   ///< fritaget for aktivitet
  bool caseworker_finds_it_helps = false;  ///< the caseworker refers an exempt citizen because it helps them
  friend bool operator==(const BusReferral&, const BusReferral&) = default;
};

/// The answer of the eligibility check.
#define KANTEN_BUS_ELIGIBILITY_LIST(X)                                                             \
  X(eligible, "eligible")         /* covered by the offer */                                       \
  X(not_eligible, "not_eligible") /* not covered; the reason says why */                           \
  X(undecided, "undecided")       /* a fact is missing; the reason says which */
KANTEN_VOCABULARY(BusEligibility, std::uint8_t, KANTEN_BUS_ELIGIBILITY_LIST)

/// Under which provision a citizen comes.
#define KANTEN_BUS_CATEGORY_LIST(X)                                                                \
  X(none, "none")                       /* not covered */                                          \
  X(s6_3, "s6_3")                       /* §6.3: activity-ready, 30 or over */                     \
  X(s6_5, "s6_5")                       /* §6.5: activity-ready, under 30, without a vocational education */ \
  X(s6_3_or_s6_5, "s6_3_or_s6_5")       /* activity-ready without a vocational education, age unknown: covered either way */ \
  X(exempt_referred, "exempt_referred") /* exempt from activity, referred by the caseworker because it helps (Model 1) */
KANTEN_VOCABULARY(BusCategory, std::uint8_t, KANTEN_BUS_CATEGORY_LIST)

struct BusModel;

/// One citizen's eligibility answer with its reason and source.
struct BusEligibilityAnswer {
  BusEligibility answer = BusEligibility::not_eligible;  ///< the decision
  BusCategory category = BusCategory::none;              ///< the provision, when eligible
  std::string reason;                                    ///< why, in English
  Source source;                                         ///< the sentence the decision rests on
};

/// Whether `r` may come on a trip of `model` (002_35b99bd4972212c9.txt, Visitering af borgere).
[[nodiscard]] KANTEN_EXPORT BusEligibilityAnswer bus_eligibility(const BusReferral& r, const BusModel& model);

// ---------------------------------------------------------------------------------------------
// The two models
// ---------------------------------------------------------------------------------------------

/// A closed range [low, high] of whole units.
struct Range {
  std::int64_t low = 0;   ///< the lower end
  std::int64_t high = 0;  ///< the upper end
  friend bool operator==(const Range&, const Range&) = default;
};

/// The most job-centre staff on one trip that trip_cost() and plan_bus_trips() accept of a model:
/// 20, four times the text's largest crew (Model 1: "to virksomhedskonsulenter" and "to-tre
/// arbejdsmarkedskonsulenter", 4–5); a count typed in place of another number is refused.
inline constexpr std::int32_t max_trip_staff = 20;

/// How a municipality runs its trips; the two presets carry the source's numbers.
struct BusModel {
  std::string name;                          ///< e.g. "model-1-guldborgsund"
  std::int32_t min_participants = 6;         ///< fewest citizens on a trip
  std::int32_t max_participants = 12;        ///< most citizens on a trip
  std::int32_t trips_per_group = 1;          ///< trips one group takes (Model 2: two in the 13-week programme)
  std::int32_t visits_per_trip = 2;          ///< company visits on one trip
  std::int32_t min_experienced_per_trip = 1; ///< visits per trip to a company with inclusion experience
  Minutes start = 8 * 60 + 30;               ///< meeting time, minutes after midnight
  Minutes end = 13 * 60;                     ///< back at the start, minutes after midnight
  Range staff{3, 4};                         ///< job-centre staff on the trip, fewest to most (default: the overview's
                                             ///< "3-4 jobcentermedarbejdere", 002, Ressourceforbrug; 1 <= low <= high <= max_trip_staff)
  bool exempt_may_be_referred = true;        ///< caseworkers may refer citizens exempt from activity
  Source source;                             ///< where the numbers come from
};

/// The most trips one group takes that plan_bus_trips() accepts of a model: one a week over the
/// 13-week job club (002_35b99bd4972212c9.txt, Planlægning af bustur, Model 2: two trips in 13 weeks).
inline constexpr std::int32_t max_model_trips_per_group = 13;
/// The most company visits on one trip that plan_bus_trips() accepts of a model: a trip lasts three
/// to four and a half hours (002, Afvikling af bustur: 8:30–13:00, 13:00–16:00; the models make 1–2).
inline constexpr std::int32_t max_model_visits_per_trip = 5;

/// Model 1 (Guldborgsund): 6–12 citizens, two visits, one with inclusion experience, 08:30–13:00,
/// 4–5 staff (two company consultants and two–three labour-market consultants).
[[nodiscard]] KANTEN_EXPORT const BusModel& bus_model_1() noexcept;
/// Model 2 (Lolland): part of the 13-week job club, two trips of one visit, 12–15 citizens, 13:00–16:00,
/// typically 3 staff (job brokers).
[[nodiscard]] KANTEN_EXPORT const BusModel& bus_model_2() noexcept;
/// The preset named "model-1-guldborgsund" / "model-2-lolland" (also "1" and "2"); throws kanten::Error otherwise.
[[nodiscard]] KANTEN_EXPORT const BusModel& bus_model(std::string_view name);

// ---------------------------------------------------------------------------------------------
// Cost
// ---------------------------------------------------------------------------------------------

/// What one trip costs, as ranges from the source's figures (002_35b99bd4972212c9.txt, Ressourceforbrug).
struct TripCost {
  Range bus_dkk;                 ///< bus hire, DKK
  Range food_dkk;                ///< food for the participants, DKK
  Range planning_staff_minutes;  ///< planning: one staff member's time
  Range running_staff_minutes;   ///< running: staff × hours (fewest staff × 4 hours to most staff × 5 hours)
  Range staff;                   ///< job-centre staff on the trip: the model's, or the overview's 3–4
  Range total_dkk;               ///< bus + food + staff time at the given hourly rate (bus + food if none)
  friend bool operator==(const TripCost&, const TripCost&) = default;
};

/// The most citizens one trip takes: 100. A trip is one hired bus (002_35b99bd4972212c9.txt,
/// Ressourceforbrug: "Leje af bus: 2000-2500 kr. pr. gang"), and no coach seats more; the models
/// take 6–15. The bound of `trip_cost()`'s `participants` (and of a model's `max_participants`).
inline constexpr std::int32_t max_trip_participants = 100;
/// The highest hourly staff rate `trip_cost()` takes: 10,000 kr an hour, some twenty times a
/// job-centre consultant's full hourly cost. A monthly salary (~40,000 kr) or a rate in øre (350 kr
/// = 35,000 øre) typed in by mistake is above it and refused, not priced.
inline constexpr std::int64_t max_staff_dkk_per_hour = 10'000;

/// The cost of one trip with `participants` citizens; `staff_dkk_per_hour` prices the staff time
/// when given. Every amount is computed with checked arithmetic; within the bounds none overflows
/// and none is negative. Throws kanten::Error(invalid_argument) naming the field and value for
/// `participants` outside 0–max_trip_participants or `staff_dkk_per_hour` outside
/// 0–max_staff_dkk_per_hour.
[[nodiscard]] KANTEN_EXPORT TripCost trip_cost(std::int32_t participants, std::optional<std::int64_t> staff_dkk_per_hour = {});

/// The cost of one trip of `model` with `participants` citizens: as trip_cost() above, with the
/// running staff time from the model's own crew (`model.staff`, e.g. Model 1's 4–5: 16–25 staff
/// hours) for the overview's "4-5 timer". The plan's trips are priced with it. Throws as
/// trip_cost() above, and kanten::Error(invalid_argument, "model.staff") for a crew outside
/// 1 <= low <= high <= max_trip_staff.
[[nodiscard]] KANTEN_EXPORT TripCost trip_cost(const BusModel& model, std::int32_t participants,
                                               std::optional<std::int64_t> staff_dkk_per_hour = {});

// ---------------------------------------------------------------------------------------------
// The planner
// ---------------------------------------------------------------------------------------------

/// A company chosen for a visit and why.
struct BusVisit {
  std::int32_t company = -1;          ///< index into Market::companies
  std::vector<std::string> reasons;   ///< why it was chosen: the selection criteria it meets, the wishes it fits
  std::int32_t fitting_participants = 0;  ///< participants with at least one task of it that fits them
};

/// One trip: its date slot within the group and its visits.
struct BusTrip {
  std::vector<BusVisit> visits;  ///< in visiting order
  Minutes start = 0;             ///< meeting time
  Minutes end = 0;               ///< back
  TripCost cost;                 ///< for the group's participants
};

/// One participant of a group and the visit that fits them best.
struct BusParticipant {
  std::int32_t citizen = -1;     ///< index into Market::citizens
  std::int32_t best_company = -1;  ///< the visited company with the best-fitting task, or -1
  std::int32_t best_task = -1;   ///< that task, or -1 when no visited task fits
  std::int32_t score = 0;        ///< the matcher's score of that task (travel not counted: the bus takes them)
  std::string reason;            ///< e.g. "wish 5120 matches task 5120 (4 digits)"; or why nothing fits
  bool invited_again = false;    ///< did not come to an earlier trip: invited to this one first
};

/// A group of citizens travelling together, with its trips.
struct BusGroup {
  std::vector<BusParticipant> participants;  ///< by citizen index
  std::vector<BusTrip> trips;                ///< Model 1: one trip; Model 2: two
};

/// A citizen left out of the plan, and why (never silently dropped).
struct BusLeftOut {
  std::int32_t referral = -1;  ///< index into the referrals given
  std::string reason;          ///< e.g. "not eligible: job-ready" or "the plan has room for 36 citizens"
};

/// The planner's options.
struct BusPlanOptions {
  const BusModel* model = nullptr;          ///< nullptr means bus_model_1()
  std::int32_t max_groups = 0;              ///< at most this many groups (0: as many as the referrals need)
  const MatchWeights* weights = nullptr;    ///< nullptr means default_weights()
  std::vector<std::string> invite_first;    ///< citizen ids who missed an earlier trip: placed before the others
  std::optional<std::int64_t> staff_dkk_per_hour;  ///< prices staff time in the cost (0–max_staff_dkk_per_hour)
};

/// A plan: the groups with their trips and participants, the companies considered, who is left out.
struct BusPlan {
  std::string model;                          ///< the model's name
  std::string weights_version;                ///< the matcher's weights used for the fit
  std::vector<BusGroup> groups;               ///< the groups
  std::vector<BusEligibilityAnswer> eligibility;  ///< one answer per referral, in referral order
  std::vector<BusLeftOut> left_out;           ///< referrals without a place, each with its reason
  std::vector<std::int32_t> qualifying_companies;  ///< companies meeting the selection criteria (index order)
  std::vector<std::string> notes;             ///< plan-level remarks, e.g. too few eligible citizens for a trip
};

/// Plans trips for `referrals` (citizens of `m` by id) to companies of `m`.
///
/// Companies qualify as the source selects them (002_35b99bd4972212c9.txt, Udvælgelse af virksomheder):
/// inclusion experience, known for social responsibility, or short of labour with a task that fits an
/// eligible citizen. Eligible citizens are split into groups of the model's size; the visits are
/// chosen greedily for the most wish fit not yet covered (at least `min_experienced_per_trip` of
/// them with inclusion experience), and citizens are assigned to groups by the optimal assignment
/// of their fit to the groups' companies. Deterministic: ties by index.
/// Throws kanten::Error naming the field for a referral whose id is not a citizen of `m`; for a
/// citizen referred twice, naming both referrals ("referrals[4].citizen": "duplicate citizen id:
/// first at referrals[1]"); for an id repeated among the market's citizens, companies or tasks
/// ("companies[3].id"); for an `invite_first` id that is not referred; for a model outside the
/// bounds (1 <= min_participants <= max_participants <= max_trip_participants, 1 <= trips_per_group
/// <= max_model_trips_per_group, 1 <= visits_per_trip <= max_model_visits_per_trip, 1 <= staff.low
/// <= staff.high <= max_trip_staff) and for a
/// `staff_dkk_per_hour` outside 0–max_staff_dkk_per_hour.
[[nodiscard]] KANTEN_EXPORT BusPlan plan_bus_trips(const Market& m, std::span<const BusReferral> referrals,
                                     const BusPlanOptions& opts = {});

// ---------------------------------------------------------------------------------------------
// Attendance and the relation a visit leaves
// ---------------------------------------------------------------------------------------------

/// A citizen's visit to a company: the relation the matcher can weigh (Citizen::visited_companies).
struct CompanyVisit {
  std::string citizen;  ///< citizen id
  std::string company;  ///< company id
  Date date;            ///< the trip's date
  friend bool operator==(const CompanyVisit&, const CompanyVisit&) = default;
};

/// Who came to a trip, who is invited to the next one, and the visits it made.
struct Attendance {
  std::vector<std::string> came;             ///< participants who came (plan order)
  std::vector<std::string> invite_next;      ///< participants who did not come: invited to the next trip
  std::vector<CompanyVisit> visits;          ///< one per participant who came and company visited
  std::vector<std::string> not_participants; ///< ids reported present that are not participants of the trip (reported, not applied)
};

/// Records who came to trip `trip` of group `group` on `date` (002_35b99bd4972212c9.txt, Visitering
/// af borgere: attendance is compulsory; who does not come is invited to the next trip).
/// Throws kanten::Error naming the field for a group or trip out of range.
[[nodiscard]] KANTEN_EXPORT Attendance record_attendance(const Market& m, const BusPlan& plan, std::int32_t group,
                                           std::int32_t trip, Date date, std::span<const std::string> present);

/// Adds the visits to the citizens' `visited_companies` in `m` (each company once), so the matcher
/// weighs the relation (MatchWeights::relation). Returns the visits not applied: a citizen or
/// company that is not in `m` (reported, never dropped silently).
[[nodiscard]] KANTEN_EXPORT std::vector<CompanyVisit> add_visits(Market& m, std::span<const CompanyVisit> visits);

// ---------------------------------------------------------------------------------------------
// JSON
// ---------------------------------------------------------------------------------------------

/// A planning request as read from JSON: the market, the referrals and the planner's settings.
struct BusRequest {
  Market market;                     ///< citizens, companies and tasks (the market format)
  std::vector<BusReferral> referrals;  ///< the referred citizens
  std::string model = "model-1-guldborgsund";  ///< the model's name
  BusPlanOptions options;            ///< invite_first, max_groups, staff_dkk_per_hour (model and weights unset)
  std::vector<InputWarning> warnings;  ///< input fields not used (unknown names)
};

/// Reads {"citizens": [...], "companies": [...], "tasks": [...], "referrals": [...], "bus": {...}}
/// (docs/bus-and-training.md); throws kanten::Error naming the field and value.
/// Unknown fields are BusRequest::warnings (errors with ReadOptions::strict).
[[nodiscard]] KANTEN_EXPORT BusRequest bus_request_from_json(std::string_view text, const ReadOptions& options = {});
/// JSON of a plan, citizens and companies by id; the request's input warnings, when given and
/// not empty, as "input_warnings".
[[nodiscard]] KANTEN_EXPORT std::string to_json(const BusPlan& plan, const Market& m, std::span<const BusReferral> referrals,
                                  int indent = -1, std::span<const InputWarning> warnings = {});
/// JSON of an attendance record.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const Attendance& a, int indent = -1);
/// Writes what one trip of `participants` citizens costs (`kanten bus cost`): {"participants",
/// "bus_dkk", "food_dkk", "planning_staff_minutes", "running_staff_minutes", "staff", "total_dkk"
/// (each [low, high]), "source": {"seed", "section"}}.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const TripCost& c, std::int32_t participants, int indent = -1);

}  // namespace kanten::inline v1
