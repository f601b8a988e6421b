// kanten/programme/training.hpp — social training tracks at workplaces (001_8429fb4aa12981cf.txt) and the
// company-facing view of kanten's records.
//
// A social training track ("social træningsbane") is a course of typically 13 weeks at a (municipal)
// workplace, with a mentor-trained contact person, its hours and length fitted to the citizen.
// Internship is for citizens close to an ordinary job or a job on special terms; the track is for
// the others. A workplace takes no more citizens at once than it has mentor-trained contact persons
// free. What a company sees of a citizen is only what it needs — and nothing personal once the
// course has ended.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kanten/core/date.hpp"
#include "kanten/core/export.hpp"
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/match/matching.hpp"
#include "kanten/rules/sources.hpp"

namespace kanten::inline v1 {

// ---------------------------------------------------------------------------------------------
// Routing: internship or training track
// ---------------------------------------------------------------------------------------------

/// Where a citizen goes to work training.
#define KANTEN_WORKPLACE_ROUTE_LIST(X)                                                             \
  X(internship, "internship")         /* virksomhedspraktik, with focus on private employers */    \
  X(training_track, "training_track") /* a social training track at a (municipal) workplace with a mentor */
KANTEN_VOCABULARY(WorkplaceRoute, std::uint8_t, KANTEN_WORKPLACE_ROUTE_LIST)

/// The caseworker's assessment the routing rests on.
struct RoutingAssessment {
  bool close_to_ordinary_job = false;     ///< "står lige foran at kunne få et ordinært job"
  bool close_to_special_terms_job = false;  ///< … "eller et job på særlige vilkår"
};

/// The route with its reason and source.
struct RouteAnswer {
  WorkplaceRoute route = WorkplaceRoute::training_track;  ///< where the citizen goes
  bool private_employer_focus = false;  ///< internship: look to private employers first
  std::string reason;                   ///< why, in English
  Source source;                        ///< the sentence the answer rests on
};

/// Internship only for a citizen close to an ordinary job or a job on special terms, the training
/// track for the others (001_8429fb4aa12981cf.txt, Fokus på job til de stærkeste ledige).
[[nodiscard]] KANTEN_EXPORT RouteAnswer route_workplace(const RoutingAssessment& a);

// ---------------------------------------------------------------------------------------------
// Training tracks and mentor capacity
// ---------------------------------------------------------------------------------------------

/// A social training track: who, where, when, how many hours, what the workplace must respect.
struct TrainingTrack {
  std::string citizen;               ///< citizen id
  std::string company;               ///< the workplace (company id)
  std::string task;                  ///< the task trained on (task id)
  Date start;                        ///< first day
  Date end;                          ///< last day (start + weeks × 7 − 1)
  std::int32_t weeks = 13;           ///< length in weeks
  Minutes per_week = 0;              ///< hours per week, fitted to the citizen
  std::vector<Health> health;        ///< the citizen's health considerations the workplace must respect
  std::vector<std::string> reasons;  ///< why this workplace and these hours
  friend bool operator==(const TrainingTrack&, const TrainingTrack&) = default;
};

/// The longest track plan_training_tracks() takes: 520 weeks (ten years). The source's tracks last
/// "typisk 13 uger" (001_8429fb4aa12981cf.txt); anything longer than this is an input error.
inline constexpr std::int32_t max_track_weeks = 520;

/// A citizen to place on a track: index into Market::citizens and the length fitted to them.
struct TrainingRequest {
  std::int32_t citizen = -1;  ///< index into Market::citizens
  std::int32_t weeks = 13;    ///< length in weeks (001: "typisk 13 uger"; fitted by the caseworker)
};

/// The most citizens one mentor may have on tracks at once that kanten accepts: 10. The source
/// gives each citizen a mentor and no number per mentor; one citizen per mentor is kanten's default
/// (decision "Citizens per mentor" (docs/decisions.md)). The bound refuses a count typed in place of
/// another number (a number of mentors, of weeks) rather than planning with it.
inline constexpr std::int32_t max_citizens_per_mentor = 10;

/// Throws kanten::Error(invalid_argument) naming `field` (e.g. "citizens_per_mentor") when `n` is
/// outside 1–max_citizens_per_mentor.
KANTEN_EXPORT void check_citizens_per_mentor(std::int64_t n, const std::string& field = "citizens_per_mentor");

/// A workplace's mentors over a period (or on one date).
struct MentorLoad {
  std::int32_t company = -1;           ///< index into Market::companies
  std::int32_t mentors = 0;            ///< mentor-trained contact persons
  std::int32_t citizens_per_mentor = 1;  ///< citizens one mentor takes at once (decision "Citizens per mentor")
  std::int32_t busy = 0;               ///< places taken: the most citizens on running tracks on any one day of the period
  /// Places free for a new citizen over the whole period: mentors × citizens_per_mentor − busy.
  [[nodiscard]] std::int32_t free() const noexcept {
    const std::int64_t places = std::int64_t{mentors} * citizens_per_mentor;
    return places > busy ? static_cast<std::int32_t>(places - busy) : 0;
  }
};

/// Mentors of every company of `m` on `on`, counting the `ongoing` tracks that run that day, one
/// citizen per mentor. Throws kanten::Error naming the field for an ongoing track at an unknown
/// company, or for a company id that repeats one before it ("companies[3].id").
[[nodiscard]] KANTEN_EXPORT std::vector<MentorLoad> mentor_load(const Market& m, std::span<const TrainingTrack> ongoing, Date on);

/// Mentors of every company of `m` over the days `from`–`to` (both included): `busy` is the most
/// `ongoing` tracks running at the company on any one of those days, so a mentor booked from the
/// period's second week is not free for it (001_8429fb4aa12981cf.txt: the citizen has the mentor
/// for the whole track). Throws as above, and kanten::Error(invalid_argument) for `to` before
/// `from`, a date that is not a date, or `citizens_per_mentor` outside 1–max_citizens_per_mentor.
[[nodiscard]] KANTEN_EXPORT std::vector<MentorLoad> mentor_load(const Market& m, std::span<const TrainingTrack> ongoing,
                                                                Date from, Date to, std::int32_t citizens_per_mentor = 1);

/// Options of plan_training_tracks().
struct TrainingOptions {
  Date start;                              ///< the tracks' first day (required)
  std::span<const TrainingTrack> ongoing;  ///< tracks already running: their mentors are busy while they run
  const MatchWeights* weights = nullptr;   ///< nullptr means default_weights()
  /// Citizens one mentor takes at once, 1–max_citizens_per_mentor (decision "Citizens per mentor"
  /// (docs/decisions.md): 1, the project's choice; the source gives no number).
  std::int32_t citizens_per_mentor = 1;
};

/// A citizen who got no track, and why.
struct TrainingUnplaced {
  std::int32_t citizen = -1;  ///< index into Market::citizens
  std::string reason;         ///< e.g. "no workplace with a free mentor has a task that fits"
};

/// The proposal: tracks and who could not be placed.
struct TrainingPlan {
  std::vector<TrainingTrack> tracks;        ///< one per placed citizen, in request order
  std::vector<TrainingUnplaced> unplaced;   ///< everyone else, with the reason
  std::vector<MentorLoad> mentors;          ///< the mentor load before the plan over the shortest requested track's weeks
                                            ///< (every track runs then: no workplace takes more than its free())
};

/// Places the requested citizens on training tracks: the matcher's optimal assignment over the tasks
/// of workplaces with mentor-trained contact persons, each workplace taking at most its places free
/// for the track's whole period (mentors × citizens_per_mentor, less the most ongoing tracks on any
/// day of it) and its capacity; hours fitted to the citizen (001_8429fb4aa12981cf.txt, Sociale
/// træningsbaner). Requests of different lengths are placed longest first, each length by its own
/// assignment, the tracks placed before counting as ongoing.
/// Throws kanten::Error naming the field for a citizen index out of range; for a citizen requested
/// twice, naming both requests ("requests[4].citizen": "duplicate citizen id: first at
/// requests[1]"): one citizen, one track; for weeks outside 1–max_track_weeks or a track ending
/// after 9999-12-31; for an id repeated among the market's citizens, companies or tasks
/// ("companies[3].id"); for citizens_per_mentor outside 1–max_citizens_per_mentor; or for no start.
[[nodiscard]] KANTEN_EXPORT TrainingPlan plan_training_tracks(const Market& m, std::span<const TrainingRequest> requests,
                                                const TrainingOptions& opts);

/// Hours per week for `c` on `t`: the citizen's hours now, raised to the task's minimum when the
/// citizen can do it, and never above the task's or the citizen's maximum.
[[nodiscard]] KANTEN_EXPORT Minutes fitted_hours(const Citizen& c, const Task& t) noexcept;

// ---------------------------------------------------------------------------------------------
// The company-facing view
// ---------------------------------------------------------------------------------------------

/// What a company sees of a citizen's course or match — these fields and nothing else:
///
/// | field            | what                                                                    |
/// |------------------|-------------------------------------------------------------------------|
/// | `company`        | the company's id                                                        |
/// | `task`           | the id of the task at the company, a task of the market; empty when not |
/// |                  | known (an agreement names its tasks in free text, never shown)          |
/// | `agreed_tasks`   | how many tasks the course covers: 1 for a track or a match, the number  |
/// |                  | the agreement names — "the tasks as agreed", without their wording      |
/// | `start`, `end`   | first and last day (not-a-date for a proposal; `end` not-a-date while   |
/// |                  | an agreement runs with no end in sight)                                 |
/// | `ended`          | the course has ended: the three fields below are empty                  |
/// | `citizen`        | the citizen's id, while the course runs or is proposed                  |
/// | `per_week`       | the hours per week                                                      |
/// | `accommodations` | work arrangements from the health considerations (accommodation()),     |
/// |                  | never diagnoses, barriers or benefit details (decision "Company views") |
///
/// Never free text: no task wording, no sub-goals, no reasons. A view closes — no citizen id, no
/// hours, no accommodations — once the course has ended (001_8429fb4aa12981cf.txt, Den svære
/// opfølgning: "Kommunen må ikke videregive personlige oplysninger om en borger til
/// arbejdspladsen, efter forløbet er slut."): after its last day; and, for an agreement of a case
/// (company_views()), from the day the course is broken off, from the start of a later agreement
/// (with another company, or with the same one, which then sees the later agreement's view), and
/// from the citizen's exit from the model.
struct CompanyView {
  std::string company;                       ///< the company's id
  std::string task;                          ///< the task's id at the company; empty when not known
  std::int32_t agreed_tasks = 0;             ///< tasks the course covers (their wording is never shown)
  Date start;                                ///< first day (not-a-date for a proposal)
  Date end;                                  ///< last day (not-a-date for a proposal or an open agreement)
  bool ended = false;                        ///< the course has ended: the fields below are empty
  std::optional<std::string> citizen;        ///< the citizen's id, while the course runs or is proposed
  Minutes per_week = 0;                      ///< agreed hours per week
  std::vector<std::string> accommodations;   ///< e.g. "no heavy lifting", "a calm pace"
};

/// The accommodation a health consideration asks of a workplace, worded as work arrangement.
[[nodiscard]] KANTEN_EXPORT std::string_view accommodation(Health h) noexcept;

/// The company's view of a track as of `as_of`: closed after the track's last day. Throws
/// kanten::Error(invalid_argument, "as_of") when `as_of` is not a date (whether the course has
/// ended could not be told).
[[nodiscard]] KANTEN_EXPORT CompanyView company_view(const TrainingTrack& t, Date as_of);
/// The company's view of a proposed match.
[[nodiscard]] KANTEN_EXPORT CompanyView company_view(const Market& m, const Match& x);

/// A training request as read from JSON: the market and the tracks to plan.
struct TrainingInput {
  Market market;                          ///< citizens, companies and tasks (the market format)
  std::vector<TrainingRequest> requests;  ///< whom to place (all citizens of the market when the file names none)
  std::vector<TrainingTrack> ongoing;     ///< tracks already running
  Date start;                             ///< the tracks' first day, when the file gives one
  std::int32_t citizens_per_mentor = 1;   ///< "training.citizens_per_mentor" (1–max_citizens_per_mentor; 1 when absent)
  std::vector<InputWarning> warnings;     ///< input fields not used (unknown names)
};

/// Reads {"citizens": [...], "companies": [...], "tasks": [...], "training": {"start": "YYYY-MM-DD",
/// "requests": [{"citizen": id, "weeks": 13}], "ongoing": [{"citizen", "company", "task", "start",
/// "end"}], "citizens_per_mentor": 1}} (docs/bus-and-training.md); throws kanten::Error naming the
/// field and value.
/// Unknown fields are TrainingInput::warnings (errors with ReadOptions::strict).
[[nodiscard]] KANTEN_EXPORT TrainingInput training_input_from_json(std::string_view text, const ReadOptions& options = {});

/// The company's view of every agreement in a case (004, Kerneelement 7) that the evaluation
/// applied and that names a company, as of the evaluation's date: no task wording (`task` empty,
/// `agreed_tasks` their number), start, hours per week and the accommodations from the agreement's
/// health considerations — never the sub-goals, the benefit or anything else of the case. The
/// course ends with the first of: a break-off (its day), a later agreement (its start), the
/// citizen's exit from the model (its date); `end` is the day before, and from that day on the view
/// holds nothing personal (001_8429fb4aa12981cf.txt, Den svære opfølgning). A later agreement or a break-off recorded on or before the evaluation's date
/// closes the view even when the evaluation did not apply it (it reports those in `not_applied`):
/// the record says the course is over. Agreements dated after the evaluation's date give no view.
/// Throws kanten::Error(invalid_argument) when `e` is not an evaluation of `c` (its citizen) or
/// has no valid date.
[[nodiscard]] KANTEN_EXPORT std::vector<CompanyView> company_views(const Case& c, const Evaluation& e);

/// JSON of a company view (the only fields a company gets).
[[nodiscard]] KANTEN_EXPORT std::string to_json(const CompanyView& v, int indent = -1);
/// Writes a route answer (`kanten training route`): {"route", "private_employer_focus", "reason",
/// "source": {"seed", "section"}}.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const RouteAnswer& r, int indent = -1);
/// JSON of a training plan, with the citizens by id; the request's input warnings, when given and
/// not empty, as "input_warnings".
[[nodiscard]] KANTEN_EXPORT std::string to_json(const TrainingPlan& p, const Market& m, int indent = -1,
                                  std::span<const InputWarning> warnings = {});

}  // namespace kanten::inline v1
