// kanten/rules/events.hpp — a citizen's case: a profile and an append-only list of dated events.
//
// The case system records what happened; kanten folds the record into answers. Events may
// arrive in any order: the engine orders them by (date, kind, content), so the answer never
// depends on the order they were appended in. The kinds are listed in the order the engine
// applies events of one day.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/core/date.hpp"
#include "kanten/core/input.hpp"
#include "kanten/core/vocabulary.hpp"

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

/// How a contact or contact attempt took place.
#define KANTEN_CHANNEL_LIST(X)                                                                     \
  X(in_person, "in_person")   /* a meeting at the job centre or the company */                     \
  X(home_visit, "home_visit") /* in person where the citizen lives or stays */                     \
  X(phone, "phone")           /* a telephone call */                                               \
  X(video, "video")           /* a video call */                                                   \
  X(written, "written")       /* letter, e-mail or digital message */
KANTEN_VOCABULARY(Channel, std::uint8_t, KANTEN_CHANNEL_LIST)

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

/// The citizen's circumstances that decide membership of the target group (KE3).
struct Profile {
  Benefit benefit = Benefit::kontanthjaelp;  ///< the benefit received
  bool activity_ready = true;                ///< aktivitetsparat (not jobparat)
  bool lives_in_designated_area = true;      ///< lives in one of the designated housing areas
  bool in_integration_programme = false;     ///< covered by the integration programme
  friend bool operator==(const Profile&, const Profile&) = default;
};

// ---------------------------------------------------------------------------------------------
// Event payloads, in the order the engine applies one day's events
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

/// An agreement between citizen and company on ordinary hours and/or an internship (KE7).
struct AgreementMade {
  AgreementKind kind = AgreementKind::ordinary_hours;  ///< ordinary hours, internship or both
  Date start;                                          ///< first day of the agreement
  Minutes minutes_per_week = 0;                        ///< agreed working time per week
  std::shared_ptr<const AgreementTerms> terms;         ///< company, tasks, sub-goals, health (may be null)
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

/// The written hearing (partshøring) is sent.
struct HearingSent {
  std::string failure_id;  ///< the failure it concerns
  friend auto operator<=>(const HearingSent&, const HearingSent&) = default;
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

/// Any event's payload; the alternative's index is its kind (see EventKind).
using EventData =
    std::variant<FirstConversation, Visitation, JobformidlerAssigned, CvCompleted, JobDirectionSet,
                 CourseBrokenOff, AgreementMade, FollowUpPlanMade, ContactPersonAssigned, HoursWorked,
                 Contact, SanctionFailure, ReasonableCause, VulnerabilityAssessed, ConcreteAssessment,
                 HearingSent, HearingAnswered, PersonalContactAttempt, SelfSupport>;

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
  X(self_support, "self_support")                         /* SelfSupport */
KANTEN_VOCABULARY(EventKind, std::uint8_t, KANTEN_EVENT_KIND_LIST)

/// Number of event kinds.
inline constexpr std::size_t event_kind_count = enum_size<EventKind>;
static_assert(event_kind_count == std::variant_size_v<EventData>, "one EventKind per alternative of EventData");

/// One dated event of a case.
struct Event {
  Date date;       ///< the date it happened
  EventData data;  ///< what happened

  /// The event's kind.
  [[nodiscard]] EventKind kind() const noexcept { return static_cast<EventKind>(data.index()); }
  /// Total order: date, then kind (the order of EventData), then content. Evaluation uses it.
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
