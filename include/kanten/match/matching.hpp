// kanten/match/matching.hpp — citizens to company tasks: filters, explainable scores, candidates.
//
// Sources: 004_3897fdd271fa8a38.txt, Kerneelement 4, 6 and 7 (the citizen's own wish sets the
// direction; an individual match; ordinary hours from the start where possible);
// 003_b82c162ee9c6e810.txt ("Fra stillinger til opgaver": tasks, not positions);
// 001_8429fb4aa12981cf.txt (demand-led matching; mentor-trained contact persons).
// Protected attributes (age, gender, origin) are not fields of Citizen: they can never enter a
// score. audit() takes group labels from the caller to report match rates by group.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/core/progress.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanten::inline v1 {

/// A task's physical and social demands, index-aligned with Health: demand i conflicts with
/// health consideration i (heavy_lifting ↔ no_heavy_lifting, …).
#define KANTEN_DEMAND_LIST(X)                                                                      \
  X(heavy_lifting, "heavy_lifting")         /* ↔ Health::no_heavy_lifting */                       \
  X(long_standing, "long_standing")         /* ↔ Health::no_long_standing */                       \
  X(customer_contact, "customer_contact")   /* ↔ Health::no_customer_contact */                    \
  X(noise, "noise")                         /* ↔ Health::no_noise */                               \
  X(night_work, "night_work")               /* ↔ Health::no_night_work */                          \
  X(fast_pace, "fast_pace")                 /* ↔ Health::calm_pace */                              \
  X(changing_routines, "changing_routines") /* ↔ Health::fixed_routines */
KANTEN_VOCABULARY(Demand, std::uint8_t, KANTEN_DEMAND_LIST)
static_assert(enum_size<Demand> == enum_size<Health>, "Demand is index-aligned with Health");

/// How a citizen travels.
#define KANTEN_TRAVEL_MODE_LIST(X) \
  X(car, "car") X(public_transport, "public_transport") X(bicycle, "bicycle") X(walk, "walk")
KANTEN_VOCABULARY(TravelMode, std::uint8_t, KANTEN_TRAVEL_MODE_LIST)

/// A point in WGS84 degrees.
struct GeoPoint {
  double lat = 0;  ///< latitude, degrees north
  double lon = 0;  ///< longitude, degrees east
};

/// Distance in whole metres from `a` to `b` (equirectangular at a's latitude; exact enough within Denmark).
[[nodiscard]] KANTEN_EXPORT std::int32_t distance_m(GeoPoint a, GeoPoint b) noexcept;

/// A citizen as the matcher sees them: an opaque id and what the match needs, nothing more.
struct Citizen {
  std::string id;                        ///< opaque id (never a CPR number)
  GeoPoint home;                         ///< where the citizen lives
  TravelMode mode = TravelMode::public_transport;  ///< how the citizen travels
  std::int32_t max_travel_m = 20'000;    ///< farthest the citizen can travel, metres (0 = no limit by distance: 2,000 km)
  std::int32_t max_travel_minutes = 0;   ///< longest travel time, minutes (0 = no limit by time)
  Minutes hours_now = 6 * 60;            ///< hours per week the citizen can work now
  Minutes hours_max = 15 * 60;           ///< hours per week at most
  std::vector<std::string> wishes;       ///< job wishes as DISCO-08 codes (1–4 digits or the Danish 6-digit form)
  std::vector<std::string> competences;  ///< competences, in the caller's vocabulary
  std::vector<Health> health;            ///< health considerations
  std::int8_t danish_level = 2;          ///< Danish: 0 none, 1 basic, 2 everyday, 3 fluent
  bool driving_licence = false;          ///< holds a driving licence
  Goal goal = Goal::employment;          ///< long-term goal (KE4)
  std::vector<std::string> visited_companies;  ///< companies the citizen has visited, e.g. on a bus trip (002): a relation the score weighs
};

/// A company and how ready it is to take citizens from the edge of the labour market.
struct Company {
  std::string id;                         ///< opaque company id
  GeoPoint location;                      ///< where the work is
  std::string db07;                       ///< DB07 industry code
  std::int32_t inclusion_internships = 0; ///< vulnerable citizens it has had in internship
  std::int32_t inclusion_paid = 0;        ///< vulnerable citizens it has had in paid hours
  bool social_responsibility = false;     ///< known for social responsibility
  bool labour_shortage = false;           ///< short of labour
  std::int32_t mentors = 0;               ///< mentor-trained contact persons
  std::int32_t capacity = 1;              ///< citizens it can take at once
};

/// A task, not a position (003: "fra stillinger til opgaver"): work a citizen can do.
struct Task {
  std::string id;                                  ///< opaque task id
  std::string company;                             ///< the company's id
  std::vector<std::string> disco;                  ///< DISCO-08 codes the task spans
  std::vector<std::string> required_competences;   ///< competences the task cannot do without
  std::vector<std::string> optional_competences;   ///< competences that help
  std::vector<Demand> demands;                     ///< physical and social demands
  Minutes min_per_week = 0;                        ///< fewest hours per week the task needs
  Minutes max_per_week = 37 * 60;                  ///< most hours per week the task offers
  bool ordinary_from_start = false;                ///< ordinary (paid) hours possible from the start (KE7)
  bool internship = true;                          ///< can be done as an internship
  std::int32_t slots = 1;                          ///< citizens the task takes at once
  std::int8_t min_danish_level = 0;                ///< Danish level the task needs
  bool needs_driving_licence = false;              ///< the task needs a driving licence
};

/// The labour market side and the citizens to match.
struct Market {
  std::vector<Citizen> citizens;   ///< citizens to match
  std::vector<Company> companies;  ///< companies
  std::vector<Task> tasks;         ///< tasks, each naming its company
  std::vector<InputWarning> warnings;  ///< input fields the reader did not use (unknown names)
};

/// Throws kanten::Error(invalid_input) for the first id that repeats on its side (citizens,
/// companies or tasks), naming both positions: "companies[3].id": "duplicate company id: first at
/// companies[0]". The market reader and the bus and training planners call it.
KANTEN_EXPORT void check_unique_ids(const Market& m);

/// The score's weights: a documented, versioned parameter set (docs/matching.md).
struct MatchWeights {
  std::string version = "match-weights-2026.2";  ///< carried into every result
  std::array<std::int32_t, 5> wish_by_level{0, 6, 16, 28, 40};  ///< points by shared DISCO digits 0–4 (KE4, KE6)
  std::int32_t competences = 20;       ///< × share of the task's optional competences the citizen has
  std::int32_t hours = 15;             ///< the task can start at the citizen's hours now (small hours welcome)
  std::int32_t travel = 15;            ///< × (1 − distance / reach)
  std::int32_t inclusion_experience = 8;  ///< the company has had vulnerable citizens (002, 004)
  std::int32_t inclusion_paid = 4;     ///< … of them in paid hours
  std::int32_t social_responsibility = 4;  ///< known for social responsibility (002)
  std::int32_t labour_shortage = 4;    ///< short of labour (002)
  std::int32_t mentors = 6;            ///< has mentor-trained contact persons (001)
  std::int32_t relation = 6;           ///< the citizen has visited the company (002: "en relation til virksomhederne")
  std::int32_t ordinary_from_start = 10;  ///< ordinary hours possible from the start (004, KE7)
  std::int32_t min_wish_level = 2;     ///< candidate generation: a task shares at least this many DISCO digits with a wish
  std::int32_t car_kmh = 50;           ///< assumed speed by car, for travel minutes
  std::int32_t public_transport_kmh = 25;  ///< assumed door-to-door speed by public transport
  std::int32_t bicycle_kmh = 15;       ///< assumed speed by bicycle
  std::int32_t walk_kmh = 5;           ///< assumed walking speed
};

/// The weights with their documented defaults.
[[nodiscard]] KANTEN_EXPORT const MatchWeights& default_weights() noexcept;

/// Shared leading digits of two DISCO-08 codes, at most 4 (the ISCO-08 levels).
[[nodiscard]] KANTEN_EXPORT int disco_level(std::string_view a, std::string_view b) noexcept;

/// A score split into its features, in integer points.
struct ScoreBreakdown {
  std::int32_t wish = 0;         ///< wish fit through the DISCO hierarchy
  std::int32_t competences = 0;  ///< optional competences covered
  std::int32_t hours = 0;        ///< hours fit
  std::int32_t travel = 0;       ///< nearness
  std::int32_t readiness = 0;    ///< company readiness: experience, responsibility, shortage, mentors, and the citizen's visit
  std::int32_t ordinary = 0;     ///< ordinary hours possible from the start
  std::int32_t wish_level = 0;   ///< shared DISCO digits with the best wish (0–4)
  std::int32_t distance_m = 0;   ///< travel distance, metres
  /// Sum of the points.
  [[nodiscard]] std::int32_t total() const noexcept { return wish + competences + hours + travel + readiness + ordinary; }
};

/// Why a pair was filtered out.
#define KANTEN_REJECTION_LIST(X)                                                                   \
  X(health_conflict, "health_conflict")       /* a demand conflicts with a health consideration */ \
  X(too_far, "too_far")                       /* beyond the citizen's travel distance */           \
  X(too_long_travel, "too_long_travel")       /* beyond the citizen's travel time */               \
  X(too_many_hours, "too_many_hours")         /* the task's minimum exceeds the citizen's maximum hours */ \
  X(missing_competence, "missing_competence") /* a required competence is missing */               \
  X(danish_level, "danish_level")             /* the task needs more Danish */                     \
  X(driving_licence, "driving_licence")       /* the task needs a driving licence */               \
  X(no_capacity, "no_capacity")               /* the task or its company takes nobody */           \
  X(outside_wishes, "outside_wishes")         /* the task shares too few DISCO digits with the citizen's wishes (MatchWeights::min_wish_level) */
KANTEN_VOCABULARY(Rejection, std::uint8_t, KANTEN_REJECTION_LIST)

/// A rejection with its stated reason, e.g. "travel 34 km > 20 km".
struct RejectReason {
  Rejection kind;    ///< which filter
  std::string text;  ///< the reason in English, with the numbers
};

/// One citizen–task pair scored: its breakdown, or the reasons it was filtered out.
struct PairScore {
  std::int32_t citizen = -1;             ///< index into Market::citizens
  std::int32_t task = -1;                ///< index into Market::tasks
  ScoreBreakdown breakdown;              ///< the points (zero when rejected)
  std::vector<RejectReason> rejected;    ///< every hard filter that rejects the pair (empty: a candidate)
  /// The score, 0 when rejected.
  [[nodiscard]] std::int32_t score() const noexcept { return rejected.empty() ? breakdown.total() : 0; }
};

/// Scores one pair through every hard filter and feature (an explanation, not the fast path).
[[nodiscard]] KANTEN_EXPORT PairScore score_pair(const Market& m, std::int32_t citizen, std::int32_t task,
                                   const MatchWeights& w = default_weights());

/// One candidate edge: citizen, task, score (the fast path of candidate generation).
struct Candidate {
  std::int32_t citizen;  ///< index into Market::citizens
  std::int32_t task;     ///< index into Market::tasks
  std::int32_t score;    ///< positive score
  friend bool operator==(const Candidate&, const Candidate&) = default;
};

/// All candidate pairs passing the hard filters, found through a location grid and an
/// occupation index (never citizens × tasks); sorted by citizen, then score descending, then task.
/// Throws kanten::Error naming the field for a task whose company is unknown.
///
/// `threads` splits the citizens into that many contiguous chunks, each searched by its own
/// thread (0: one per hardware thread; 1: the calling thread only). The result is identical
/// whatever the thread count. Throws kanten::Error (field `threads`) for a negative count.
[[nodiscard]] KANTEN_EXPORT std::vector<Candidate> candidates(const Market& m, const MatchWeights& w = default_weights(),
                                                std::int32_t threads = 1);

/// A proposed citizen–task match with its explanation.
struct Match {
  std::int32_t citizen = -1;           ///< index into Market::citizens
  std::int32_t task = -1;              ///< index into Market::tasks
  ScoreBreakdown breakdown;            ///< the points, feature by feature
  std::vector<std::string> reasons;    ///< why it fits, one line a feature (e.g. "wish: 5120 matches 512 (3 digits) +28")
  std::vector<std::string> concerns;   ///< what stands in the way (e.g. "task starts at 10:00 h/week; citizen can do 6:00 now")
};

/// Which proposal to make for a market.
#define KANTEN_MATCH_MODE_LIST(X)                                                                  \
  X(assignment, "assignment") /* the maximum total score under slots and company capacities */     \
  X(stable, "stable")         /* citizen-proposing deferred acceptance: no citizen and company both rather have each other */ \
  X(top_k, "top_k")           /* each citizen's best k tasks, at most `per_company` from one company */
KANTEN_VOCABULARY(MatchMode, std::uint8_t, KANTEN_MATCH_MODE_LIST)

/// The default of MatchOptions::max_candidates_per_citizen: each citizen's best 40 candidates (0
/// would keep every candidate, the exact optimum). Its measured effect: docs/matching.md ("The
/// national match at the library's defaults, and the bound"); the choice: decision "A bound on
/// candidates per citizen" (docs/decisions.md).
inline constexpr std::int32_t default_max_candidates_per_citizen = 40;

/// Options of match().
struct MatchOptions {
  MatchMode mode = MatchMode::assignment;  ///< which proposal
  const MatchWeights* weights = nullptr;   ///< nullptr means default_weights()
  std::int32_t k = 5;                      ///< top_k: tasks per citizen
  std::int32_t per_company = 1;            ///< top_k: at most this many tasks of one company per citizen
  bool explain = true;                     ///< fill Match::reasons and concerns
  Progress progress{};                     ///< optional: stages "candidates" (citizens), "solve" (0 then 1), "explain" (matches)
  std::int32_t threads = 1;                ///< threads for candidate generation and the assignment's independent parts (0: one per hardware thread); the result is the same for any count
  /// The citizens to propose for, by id (e.g. the caseload in Trin 2: citizens_in_steps(),
  /// kanten/match/caseload.hpp); std::nullopt: every citizen of the market. Only these enter
  /// candidate generation; the others get no proposal and are not listed as unmatched. An empty
  /// list proposes for nobody. Each id must be a citizen of the market, listed once: otherwise
  /// kanten::Error(invalid_argument) naming "citizens" and the id.
  std::optional<std::vector<std::string>> citizens = std::nullopt;
  /// Keep each citizen's best N candidates (score descending, ties by task index) for the
  /// assignment and the stable matching (top-k has k and per_company); 0 keeps every candidate
  /// (the exact optimum over all pairs). Default 40: on the national market 98.8 % of the exact
  /// total score in a quarter of the time (docs/matching.md). Negative: kanten::Error naming
  /// "max_candidates_per_citizen".
  std::int32_t max_candidates_per_citizen = default_max_candidates_per_citizen;
};

/// A proposal for a whole market.
struct MatchResult {
  std::string weights_version;                  ///< version of the weights used
  MatchMode mode = MatchMode::assignment;       ///< which proposal
  std::vector<Match> matches;                   ///< assignment/stable: one per matched citizen; top_k: k per citizen
  std::vector<std::int32_t> unmatched;          ///< citizens proposed for but left without a task (or, top_k, without candidates)
  std::int64_t total_score = 0;                 ///< assignment/stable: sum of the matched scores
  std::size_t candidates = 0;                   ///< candidate pairs the proposal chose from: every pair that passed the hard filters, or with MatchOptions::max_candidates_per_citizen those kept
  bool optimal = false;                         ///< assignment: the solver proved the optimum over the pairs in `candidates` (with a bound, the kept ones)
  std::size_t selected = 0;                     ///< citizens proposed for: MatchOptions::citizens, or every citizen of the market
  std::vector<std::string> not_in_market;       ///< citizens of the caseload the market does not hold (match_caseload, kanten/match/caseload.hpp): no proposal, reported here
  std::int32_t max_candidates_per_citizen = 0;  ///< the bound the proposal used (MatchOptions::max_candidates_per_citizen; 0: none, the exact optimum over all pairs; top_k: 0)
  /// Citizens whose kept candidates reached the bound (they may have had more). 0 means nothing
  /// was cut and the proposal is the exact optimum over all pairs; otherwise only a pair cut from
  /// one of them can make the exact optimum differ. 0 when no bound was used.
  std::size_t citizens_at_bound = 0;
};

/// Makes a proposal for the market: candidates, scores, then the chosen solver. Deterministic:
/// ties are broken by index, whatever the thread count. Reports progress through `opts.progress` when set.
[[nodiscard]] KANTEN_EXPORT MatchResult match(const Market& m, const MatchOptions& opts = {});

/// The best k tasks for one citizen (at most `per_company` per company), explained.
[[nodiscard]] KANTEN_EXPORT std::vector<Match> top_tasks(const Market& m, std::int32_t citizen, std::int32_t k,
                                           std::int32_t per_company = 1, const MatchWeights& w = default_weights());
/// The best k citizens for one task, explained.
[[nodiscard]] KANTEN_EXPORT std::vector<Match> top_citizens(const Market& m, std::int32_t task, std::int32_t k,
                                              const MatchWeights& w = default_weights());

/// Fills a match's reasons and concerns from its breakdown and the market.
KANTEN_EXPORT void explain_match(const Market& m, Match& match, const MatchWeights& w = default_weights());

/// One citizen–task pair explained in full (`kanten match --citizen ID --task ID`): its score or
/// the filters that reject it, whether candidate generation finds it, and — when it passes the
/// filters — the reasons and concerns a match of it would carry.
struct PairExplanation {
  PairScore pair;                     ///< the score, breakdown and rejecting filters
  bool candidate = false;             ///< among candidates(m, w)
  std::vector<std::string> reasons;   ///< why it fits (explain_match), empty when rejected
  std::vector<std::string> concerns;  ///< what stands in the way, empty when rejected
  std::string weights_version;        ///< the weights it was scored with
};
/// Explains one pair (indices into the market's citizens and tasks) under the weights `w`.
[[nodiscard]] KANTEN_EXPORT PairExplanation explain_pair(const Market& m, std::int32_t citizen, std::int32_t task,
                                                         const MatchWeights& w = default_weights());

/// Match rates by a group label the caller gives per citizen (never an input of the score).
struct AuditRow {
  std::string group;           ///< the caller's label
  std::size_t citizens = 0;    ///< citizens with this label
  std::size_t matched = 0;     ///< of them, matched to a task
  double rate = 0;             ///< matched / citizens
  double mean_score = 0;       ///< mean score of the matched
};
/// Match rates by group; `group_of_citizen` has one label per citizen of the market.
/// Throws kanten::Error if its size differs from the number of citizens.
[[nodiscard]] KANTEN_EXPORT std::vector<AuditRow> audit(const Market& m, const MatchResult& r,
                                          const std::vector<std::string>& group_of_citizen);

}  // namespace kanten::inline v1
