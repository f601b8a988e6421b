// kanten/rules/events.hpp — a citizen's case: a profile and an append-only list of dated events.
//
// The case system records what happened; kanten folds the record into answers. Events may
// arrive in any order: the engine orders them by (date, kind, content), so the answer never
// depends on the order they were appended in. On one day, kinds apply in apply_rank() order.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/core/date.hpp"
#include "kanten/core/input.hpp"
#include "kanten/core/vocabulary.hpp"

#include <array>
#include <compare>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace kanten::inline v1 {

// ---------------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------------

// Each vocabulary is one X-macro list (core/vocabulary.hpp): X(enumerator, "JSON name"). The
// enumerators' values are their positions, which are also the C ABI's constants (capi/kanten.h).

/// The benefit the citizen receives (004_3897fdd271fa8a38.txt, Kerneelement 3).
#define KANTEN_BENEFIT_LIST(X)                                                                     \
  X(kontanthjaelp, "kontanthjaelp")                     /* social assistance */                    \
  X(uddannelseshjaelp, "uddannelseshjaelp")             /* education assistance (under 30, no vocational education) */ \
  X(integrationsydelse, "integrationsydelse")           /* integration benefit */                  \
  X(ressourceforloebsydelse, "ressourceforloebsydelse") /* resource-course benefit (outside the target group) */ \
  X(other, "other")                                     /* any other benefit (outside the target group) */ \
  X(none, "none")                                       /* no public benefit (outside the target group) */
KANTEN_VOCABULARY(Benefit, std::uint8_t, KANTEN_BENEFIT_LIST)

/// The outcome of the visitation in Trin 1 (004_3897fdd271fa8a38.txt, Trin 1: group 1 or 2).
#define KANTEN_VISITATION_OUTCOME_LIST(X)                                                          \
  X(project, "project")                         /* group 1: visited to the project */              \
  X(rehabilitation_team, "rehabilitation_team") /* group 2: target group for ressourceforløb, fleksjob or førtidspension */
KANTEN_VOCABULARY(VisitationOutcome, std::uint8_t, KANTEN_VISITATION_OUTCOME_LIST)

/// The long-term goal of the citizen's plan (004_3897fdd271fa8a38.txt, Kerneelement 4).
#define KANTEN_GOAL_LIST(X) X(employment, "employment") X(education, "education")
KANTEN_VOCABULARY(Goal, std::uint8_t, KANTEN_GOAL_LIST)

/// What an agreement with a company covers (004_3897fdd271fa8a38.txt, Kerneelement 7).
#define KANTEN_AGREEMENT_KIND_LIST(X)                                                              \
  X(ordinary_hours, "ordinary_hours") /* employment in ordinary (paid) hours */                    \
  X(internship, "internship")         /* virksomhedspraktik */                                     \
  X(both, "both")                     /* ordinary hours combined with an internship */
KANTEN_VOCABULARY(AgreementKind, std::uint8_t, KANTEN_AGREEMENT_KIND_LIST)

/// Whether hours worked were ordinary (paid) or internship hours.
#define KANTEN_HOURS_KIND_LIST(X) X(ordinary, "ordinary") X(internship, "internship")
KANTEN_VOCABULARY(HoursKind, std::uint8_t, KANTEN_HOURS_KIND_LIST)

/// How a contact or contact attempt took place. Personal contact before a sanction is by phone, in
/// person where the citizen lives or stays, or at a meeting in person (is_personal()).
#define KANTEN_CHANNEL_LIST(X)                                                                     \
  X(in_person, "in_person")   /* a meeting at the job centre or the company */                     \
  X(home_visit, "home_visit") /* in person where the citizen lives or stays */                     \
  X(phone, "phone")           /* a telephone call */                                               \
  X(video, "video")           /* a video call */                                                   \
  X(written, "written")       /* letter, e-mail or digital message */
KANTEN_VOCABULARY(Channel, std::uint8_t, KANTEN_CHANNEL_LIST)

/// True for the channels that are personal contact (004_3897fdd271fa8a38.txt, Kerneelement 5:
/// "Den personlige kontakt kan fx være telefonisk eller personlig kontakt, hvor borgeren bor eller
/// opholder sig"): phone, a home visit, a meeting in person. Written contact never is; a video call
/// is not either (decision "Personal contact channels" (docs/decisions.md)).
[[nodiscard]] constexpr bool is_personal(Channel c) noexcept {
  return c == Channel::phone || c == Channel::home_visit || c == Channel::in_person;
}

/// How the citizen became self-supporting (004_3897fdd271fa8a38.txt, Trin 3).
#define KANTEN_SELF_SUPPORT_KIND_LIST(X) X(job, "job") X(education, "education")
KANTEN_VOCABULARY(SelfSupportKind, std::uint8_t, KANTEN_SELF_SUPPORT_KIND_LIST)

/// The failures a punktsanktion may follow (004_3897fdd271fa8a38.txt, Kerneelement 5).
#define KANTEN_FAILURE_KIND_LIST(X)                                                                \
  X(refused_job_offer, "refused_job_offer")           /* "afviser tilbud om arbejde" */            \
  X(did_not_apply_for_jobs, "did_not_apply_for_jobs") /* "undlader efter krav fra jobcentret at søge konkrete job" */ \
  X(did_not_report_illness, "did_not_report_illness") /* "undlader at give meddelelse om sygdom til jobcentret eller arbejdsgiver" */
KANTEN_VOCABULARY(FailureKind, std::uint8_t, KANTEN_FAILURE_KIND_LIST)

/// Reasonable causes named by the source (004_3897fdd271fa8a38.txt, Kerneelement 5).
#define KANTEN_CAUSE_KIND_LIST(X)                                                                  \
  X(severe_mental_illness, "severe_mental_illness") /* "svær psykisk sygdom" */                    \
  X(homelessness, "homelessness")                   /* "hjemløshed" */                             \
  X(addiction, "addiction")                         /* "misbrugsproblemer" */                      \
  X(other, "other")                                 /* another reasonable cause, described in text */
KANTEN_VOCABULARY(CauseKind, std::uint8_t, KANTEN_CAUSE_KIND_LIST)

/// The citizen's circumstances that decide membership of the target group (KE3). A case holds
/// the profile at the start of its record; a `profile_changed` event changes it from its date.
struct Profile {
  Benefit benefit = Benefit::kontanthjaelp;  ///< the benefit received
  bool activity_ready = true;                ///< aktivitetsparat (not jobparat)
  bool lives_in_designated_area = true;      ///< lives in one of the designated housing areas
  bool in_integration_programme = false;     ///< covered by the integration programme
  friend bool operator==(const Profile&, const Profile&) = default;
};

// ---------------------------------------------------------------------------------------------
// Event payloads
// ---------------------------------------------------------------------------------------------

/// The job consultant's first conversation with the citizen at visitation: Trin 1 starts.
struct FirstConversation {
  friend auto operator<=>(const FirstConversation&, const FirstConversation&) = default;
};

/// The visitation decision: into the project, or to the rehabilitation team.
struct Visitation {
  VisitationOutcome outcome = VisitationOutcome::project;  ///< group 1 or group 2
  friend auto operator<=>(const Visitation&, const Visitation&) = default;
};

/// A personal jobformidler is assigned (KE5).
struct JobformidlerAssigned {
  std::string jobformidler;  ///< opaque staff id
  friend auto operator<=>(const JobformidlerAssigned&, const JobformidlerAssigned&) = default;
};

/// The citizen's CV is completed (KE4).
struct CvCompleted {
  friend auto operator<=>(const CvCompleted&, const CvCompleted&) = default;
};

/// The job direction is set: the goal and the citizen's own wishes (KE4).
struct JobDirectionSet {
  Goal goal = Goal::employment;     ///< long-term goal
  std::vector<std::string> wishes;  ///< the citizen's wishes, e.g. DISCO-08 codes
  friend auto operator<=>(const JobDirectionSet&, const JobDirectionSet&) = default;
};

/// The company course is broken off; with the consultant's rehabilitation assessment the case
/// goes to the rehabilitation team (004_3897fdd271fa8a38.txt, Trin 3).
struct CourseBrokenOff {
  bool rehabilitation_assessment = false;  ///< consultant assesses: ressourceforløb/fleksjob/førtidspension
  friend auto operator<=>(const CourseBrokenOff&, const CourseBrokenOff&) = default;
};

/// Health considerations an agreement or a task can name (shared vocabulary with matching:
/// Demand is index-aligned with it).
#define KANTEN_HEALTH_LIST(X)                                                                      \
  X(no_heavy_lifting, "no_heavy_lifting")                                                          \
  X(no_long_standing, "no_long_standing")                                                          \
  X(no_customer_contact, "no_customer_contact")                                                    \
  X(no_noise, "no_noise")                                                                          \
  X(no_night_work, "no_night_work")                                                                \
  X(calm_pace, "calm_pace")                                                                        \
  X(fixed_routines, "fixed_routines")
KANTEN_VOCABULARY(Health, std::uint8_t, KANTEN_HEALTH_LIST)

/// What an agreement says beyond its kind and start: company, tasks, sub-goals, health (KE7).
struct AgreementTerms {
  std::string company;                 ///< opaque company id
  std::vector<std::string> tasks;      ///< the agreed tasks
  std::vector<std::string> sub_goals;  ///< sub-goals for progression
  std::vector<Health> health;          ///< health considerations
  friend auto operator<=>(const AgreementTerms&, const AgreementTerms&) = default;
};

/// An agreement between citizen and company on ordinary hours and/or an internship (KE7). A new
/// agreement while one is open replaces it from its start: at the same company it is a
/// renegotiation (KE9: "genforhandles … med henblik på at opnå flere ordinære timer").
/// It completes Trin 2 only with its terms: company, tasks, weekly hours and sub-goals
/// (004_3897fdd271fa8a38.txt, Kerneelement 7; health considerations are "eventuelle").
struct AgreementMade {
  AgreementKind kind = AgreementKind::ordinary_hours;  ///< ordinary hours, internship or both
  Date start;                                          ///< first day of the agreement
  Minutes minutes_per_week = 0;                        ///< agreed working time per week
  std::shared_ptr<const AgreementTerms> terms;         ///< company, tasks, sub-goals, health (may be null)
  /// Agreed ordinary (paid) minutes per week; when absent: all of minutes_per_week for
  /// ordinary_hours, 0 for internship, unknown for both (ordinary_minutes()).
  std::optional<Minutes> ordinary_minutes_per_week;

  /// The agreed ordinary minutes per week, or nullopt when the agreement does not say.
  [[nodiscard]] std::optional<Minutes> ordinary_minutes() const noexcept {
    if (ordinary_minutes_per_week) return ordinary_minutes_per_week;
    if (kind == AgreementKind::ordinary_hours) return minutes_per_week;
    if (kind == AgreementKind::internship) return Minutes{0};
    return std::nullopt;
  }
  friend KANTEN_EXPORT std::weak_ordering operator<=>(const AgreementMade& a, const AgreementMade& b);
  friend bool operator==(const AgreementMade& a, const AgreementMade& b) { return (a <=> b) == 0; }
};

/// A follow-up plan is made (KE7).
struct FollowUpPlanMade {
  friend auto operator<=>(const FollowUpPlanMade&, const FollowUpPlanMade&) = default;
};

/// A fixed contact person at the company is appointed (KE7).
struct ContactPersonAssigned {
  std::string company;  ///< opaque company id
  friend auto operator<=>(const ContactPersonAssigned&, const ContactPersonAssigned&) = default;
};

/// Hours worked on one date, in whole minutes, ordinary or internship.
struct HoursWorked {
  Minutes minutes = 0;                 ///< duration; must be positive
  HoursKind kind = HoursKind::ordinary;  ///< ordinary (paid) or internship
  friend auto operator<=>(const HoursWorked&, const HoursWorked&) = default;
};

/// A contact between jobformidler and citizen (KE7 follow-up).
struct Contact {
  Channel channel = Channel::in_person;  ///< how
  friend auto operator<=>(const Contact&, const Contact&) = default;
};

/// A failure that may lead to a punktsanktion (KE5), identified by the caller's id.
struct SanctionFailure {
  std::string failure_id;                           ///< caller's id, referenced by the steps below
  FailureKind failure = FailureKind::refused_job_offer;  ///< what the citizen failed to do
  friend auto operator<=>(const SanctionFailure&, const SanctionFailure&) = default;
};

/// The caseworker records a reasonable cause for the failure.
struct ReasonableCause {
  std::string failure_id;           ///< the failure it excuses
  CauseKind cause = CauseKind::other;  ///< which cause
  std::string text;                 ///< the caseworker's description (never echoed in errors)
  friend auto operator<=>(const ReasonableCause&, const ReasonableCause&) = default;
};

/// The caseworker assesses whether the citizen is in a vulnerable situation.
struct VulnerabilityAssessed {
  std::string failure_id;  ///< the failure it concerns
  bool vulnerable = false;  ///< in a vulnerable situation ("udsat situation")
  friend auto operator<=>(const VulnerabilityAssessed&, const VulnerabilityAssessed&) = default;
};

/// The concrete assessment of whether a sanction would promote the citizen's availability.
struct ConcreteAssessment {
  std::string failure_id;               ///< the failure it concerns
  bool promotes_availability = false;   ///< a sanction is judged to promote availability
  bool considers_vulnerability = false; ///< the assessment takes the vulnerable situation into account
  std::string text;                     ///< the caseworker's reasoning (never echoed in errors)
  friend auto operator<=>(const ConcreteAssessment&, const ConcreteAssessment&) = default;
};

/// The written hearing (partshøring) is sent, with the date by which the citizen may answer.
struct HearingSent {
  std::string failure_id;  ///< the failure it concerns
  Date answer_by;          ///< the last day to answer; not-a-date when the record does not give it
  friend bool operator==(const HearingSent& a, const HearingSent& b) {
    return a.failure_id == b.failure_id && a.answer_by == b.answer_by;
  }
  friend KANTEN_EXPORT std::weak_ordering operator<=>(const HearingSent& a, const HearingSent& b);
};

/// The citizen answers the written hearing.
struct HearingAnswered {
  std::string failure_id;  ///< the failure it concerns
  friend auto operator<=>(const HearingAnswered&, const HearingAnswered&) = default;
};

/// An attempt at personal contact about the failure.
struct PersonalContactAttempt {
  std::string failure_id;              ///< the failure it concerns
  Channel channel = Channel::phone;    ///< how
  bool reached = false;                ///< whether the citizen was reached
  friend auto operator<=>(const PersonalContactAttempt&, const PersonalContactAttempt&) = default;
};

/// The citizen becomes self-supporting through a job or education.
struct SelfSupport {
  SelfSupportKind via = SelfSupportKind::job;  ///< job or education
  friend auto operator<=>(const SelfSupport&, const SelfSupport&) = default;
};

/// The citizen's circumstances change from the event's date (KE3): a new benefit, readiness,
/// residence or integration programme. Only the fields given change.
struct ProfileChanged {
  std::optional<Benefit> benefit;                 ///< the new benefit
  std::optional<bool> activity_ready;             ///< aktivitetsparat from now on (false: jobparat)
  std::optional<bool> lives_in_designated_area;   ///< lives in a designated area from now on
  std::optional<bool> in_integration_programme;   ///< covered by the integration programme from now on
  friend auto operator<=>(const ProfileChanged&, const ProfileChanged&) = default;
  /// `p` with this change applied.
  [[nodiscard]] Profile applied_to(Profile p) const noexcept {
    if (benefit) p.benefit = *benefit;
    if (activity_ready) p.activity_ready = *activity_ready;
    if (lives_in_designated_area) p.lives_in_designated_area = *lives_in_designated_area;
    if (in_integration_programme) p.in_integration_programme = *in_integration_programme;
    return p;
  }
};

/// A contact after the citizen became self-supporting: aftercare (efterværn, 004, Trin 3:
/// "Kommunerne opfordres endvidere til at indarbejde efterværn"). Recorded and reported, never a duty.
struct AftercareContact {
  Channel channel = Channel::in_person;  ///< how
  friend auto operator<=>(const AftercareContact&, const AftercareContact&) = default;
};

/// The citizen went on (or was registered for and missed) a bus trip to companies
/// (002_35b99bd4972212c9.txt, the method description).
struct BusTripAttended {
  std::string trip;                    ///< opaque trip id
  bool attended = true;                ///< false: registered, did not come
  std::vector<std::string> companies;  ///< opaque ids of the companies visited
  friend auto operator<=>(const BusTripAttended&, const BusTripAttended&) = default;
};

/// The citizen starts a social training track on one of the municipality's own workplaces
/// (001_8429fb4aa12981cf.txt: 13 weeks), dated its first day.
struct TrainingTrackStarted {
  std::string track;      ///< opaque track id
  std::string workplace;  ///< opaque workplace id (may be empty)
  std::string mentor;     ///< opaque mentor id (may be empty)
  Date end;               ///< last day; not-a-date: 13 weeks from the start (training_track_days)
  friend bool operator==(const TrainingTrackStarted& a, const TrainingTrackStarted& b) {
    return a.track == b.track && a.workplace == b.workplace && a.mentor == b.mentor && a.end == b.end;
  }
  friend KANTEN_EXPORT std::weak_ordering operator<=>(const TrainingTrackStarted& a, const TrainingTrackStarted& b);
};

/// A training track lasts 13 weeks (001_8429fb4aa12981cf.txt: "et forløb på 13 uger").
inline constexpr int training_track_days = 13 * 7;

/// Any event's payload; the alternative's index is its kind (see EventKind). New kinds are
/// appended (their values are the C ABI's constants); the order the engine applies one day's
/// events in is apply_rank().
using EventData =
    std::variant<FirstConversation, Visitation, JobformidlerAssigned, CvCompleted, JobDirectionSet,
                 CourseBrokenOff, AgreementMade, FollowUpPlanMade, ContactPersonAssigned, HoursWorked,
                 Contact, SanctionFailure, ReasonableCause, VulnerabilityAssessed, ConcreteAssessment,
                 HearingSent, HearingAnswered, PersonalContactAttempt, SelfSupport, ProfileChanged,
                 AftercareContact, BusTripAttended, TrainingTrackStarted>;

/// The kind of an event: the index of its alternative in EventData; name(k) is the JSON "kind".
#define KANTEN_EVENT_KIND_LIST(X)                                                                  \
  X(first_conversation, "first_conversation")             /* FirstConversation */                  \
  X(visitation, "visitation")                             /* Visitation */                         \
  X(jobformidler_assigned, "jobformidler_assigned")       /* JobformidlerAssigned */               \
  X(cv_completed, "cv_completed")                         /* CvCompleted */                        \
  X(job_direction_set, "job_direction_set")               /* JobDirectionSet */                    \
  X(course_broken_off, "course_broken_off")               /* CourseBrokenOff */                    \
  X(agreement, "agreement")                               /* AgreementMade */                      \
  X(followup_plan, "followup_plan")                       /* FollowUpPlanMade */                   \
  X(contact_person, "contact_person")                     /* ContactPersonAssigned */              \
  X(hours_worked, "hours_worked")                         /* HoursWorked */                        \
  X(contact, "contact")                                   /* Contact */                            \
  X(sanction_failure, "sanction_failure")                 /* SanctionFailure */                    \
  X(reasonable_cause, "reasonable_cause")                 /* ReasonableCause */                    \
  X(vulnerability_assessed, "vulnerability_assessed")     /* VulnerabilityAssessed */              \
  X(concrete_assessment, "concrete_assessment")           /* ConcreteAssessment */                 \
  X(hearing_sent, "hearing_sent")                         /* HearingSent */                        \
  X(hearing_answered, "hearing_answered")                 /* HearingAnswered */                    \
  X(personal_contact_attempt, "personal_contact_attempt") /* PersonalContactAttempt */             \
  X(self_support, "self_support")                         /* SelfSupport */                        \
  X(profile_changed, "profile_changed")                   /* ProfileChanged */                     \
  X(aftercare_contact, "aftercare_contact")               /* AftercareContact */                   \
  X(bus_trip, "bus_trip")                                 /* BusTripAttended */                    \
  X(training_track, "training_track")                     /* TrainingTrackStarted */
KANTEN_VOCABULARY(EventKind, std::uint8_t, KANTEN_EVENT_KIND_LIST)

/// Number of event kinds.
inline constexpr std::size_t event_kind_count = enum_size<EventKind>;
static_assert(event_kind_count == std::variant_size_v<EventData>, "one EventKind per alternative of EventData");

namespace events_detail {
/// The order of one day's events, by kind: a profile change first (it decides the target group
/// of that day), then the steps' events as the model runs, the programme's, the sanction
/// procedure, self-support, and aftercare last.
inline constexpr EventKind apply_order[] = {
    EventKind::profile_changed,   EventKind::first_conversation,   EventKind::visitation,
    EventKind::jobformidler_assigned, EventKind::cv_completed,     EventKind::job_direction_set,
    EventKind::course_broken_off, EventKind::agreement,            EventKind::followup_plan,
    EventKind::contact_person,    EventKind::hours_worked,         EventKind::contact,
    EventKind::bus_trip,          EventKind::training_track,       EventKind::sanction_failure,
    EventKind::reasonable_cause,  EventKind::vulnerability_assessed, EventKind::concrete_assessment,
    EventKind::hearing_sent,      EventKind::hearing_answered,     EventKind::personal_contact_attempt,
    EventKind::self_support,      EventKind::aftercare_contact};
static_assert(std::size(apply_order) == event_kind_count, "every event kind has its place in a day");
constexpr std::array<std::uint8_t, event_kind_count> make_ranks() {
  std::array<std::uint8_t, event_kind_count> r{};
  for (std::size_t i = 0; i < event_kind_count; ++i) r[static_cast<std::size_t>(apply_order[i])] = static_cast<std::uint8_t>(i);
  return r;
}
inline constexpr auto ranks = make_ranks();
}  // namespace events_detail

/// The place of an event kind in the order the engine applies one day's events (0 first).
[[nodiscard]] constexpr std::size_t apply_rank(EventKind k) noexcept {
  return events_detail::ranks[static_cast<std::size_t>(k)];
}

/// One dated event of a case.
struct Event {
  Date date;       ///< the date it happened
  EventData data;  ///< what happened

  /// The event's kind.
  [[nodiscard]] EventKind kind() const noexcept { return static_cast<EventKind>(data.index()); }
  /// Total order: date, then kind (apply_rank()), then content. Evaluation uses it.
  friend KANTEN_EXPORT std::weak_ordering operator<=>(const Event& a, const Event& b);
  /// Equal date, kind and content.
  friend bool operator==(const Event& a, const Event& b) { return (a <=> b) == 0; }
};

/// An input event that could not be read into an Event (unknown kind, invalid date, …).
struct InputIssue {
  std::size_t index = 0;          ///< position of the event in the input
  std::string field;              ///< the field at fault, e.g. "date"
  std::string value;              ///< the offending value as given (never free text)
  std::string reason;             ///< why it could not be read
  Date date;                      ///< the event's date when it was readable (not-a-date otherwise)
  std::optional<EventKind> kind;  ///< the event's kind when it was readable
  friend bool operator==(const InputIssue&, const InputIssue&) = default;
};

/// A citizen's case: opaque id, profile, events, and the input events that could not be read.
struct Case {
  std::string citizen;               ///< opaque citizen id (never a CPR number)
  Profile profile;                   ///< circumstances deciding the target group
  std::vector<Event> events;         ///< the record, in any order
  std::vector<InputIssue> rejected;  ///< input events that never became Events (reported, not dropped)
  std::vector<InputWarning> warnings;  ///< input fields not used (unknown names), reported by every evaluation
};

/// A caseload: many cases.
struct Caseload {
  std::vector<Case> cases;             ///< one per citizen; citizen ids are unique (the readers check)
  std::vector<InputWarning> warnings;  ///< document-level input fields not used (a case's own are in its Case)
};

/// Throws kanten::Error(invalid_input) naming both positions when two cases of `load` have the
/// same citizen id (decision "One case per citizen", docs/decisions.md); `path` prefixes the
/// positions, e.g. "cases" → "cases[7].citizen".
KANTEN_EXPORT void check_unique_citizens(const Caseload& load, const std::string& path = "cases");

}  // namespace kanten::inline v1
