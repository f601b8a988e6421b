// kanten/events.hpp — a citizen's case: a profile and an append-only list of dated events.
//
// The case system records what happened; kanten folds the record into answers. Events may
// arrive in any order: the engine orders them by (date, kind, content), so the answer never
// depends on the order they were appended in. The kinds are listed in the order the engine
// applies events of one day.
#pragma once

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

/// The benefit the citizen receives (004_3897fdd271fa8a38.txt, Kerneelement 3).
enum class Benefit : std::uint8_t {
  kontanthjaelp,            ///< social assistance
  uddannelseshjaelp,        ///< education assistance (under 30, no vocational education)
  integrationsydelse,       ///< integration benefit
  ressourceforloebsydelse,  ///< resource-course benefit (outside the target group)
  other,                    ///< any other benefit (outside the target group)
  none,                     ///< no public benefit (outside the target group)
};

/// The outcome of the visitation in Trin 1 (004_3897fdd271fa8a38.txt, Trin 1: group 1 or 2).
enum class VisitationOutcome : std::uint8_t {
  project,              ///< group 1: visited to the project
  rehabilitation_team,  ///< group 2: target group for ressourceforløb, fleksjob or førtidspension
};

/// The long-term goal of the citizen's plan (004_3897fdd271fa8a38.txt, Kerneelement 4).
enum class Goal : std::uint8_t { employment, education };

/// What an agreement with a company covers (004_3897fdd271fa8a38.txt, Kerneelement 7).
enum class AgreementKind : std::uint8_t {
  ordinary_hours,  ///< employment in ordinary (paid) hours
  internship,      ///< virksomhedspraktik
  both,            ///< ordinary hours combined with an internship
};

/// Whether hours worked were ordinary (paid) or internship hours.
enum class HoursKind : std::uint8_t { ordinary, internship };

/// How a contact or contact attempt took place.
enum class Channel : std::uint8_t {
  in_person,  ///< a meeting at the job centre or the company
  home_visit, ///< in person where the citizen lives or stays
  phone,      ///< a telephone call
  video,      ///< a video call
  written,    ///< letter, e-mail or digital message
};

/// How the citizen became self-supporting (004_3897fdd271fa8a38.txt, Trin 3).
enum class SelfSupportKind : std::uint8_t { job, education };

/// The failures a punktsanktion may follow (004_3897fdd271fa8a38.txt, Kerneelement 5).
enum class FailureKind : std::uint8_t {
  refused_job_offer,          ///< "afviser tilbud om arbejde"
  did_not_apply_for_jobs,     ///< "undlader efter krav fra jobcentret at søge konkrete job"
  did_not_report_illness,     ///< "undlader at give meddelelse om sygdom til jobcentret eller arbejdsgiver"
};

/// Reasonable causes named by the source (004_3897fdd271fa8a38.txt, Kerneelement 5).
enum class CauseKind : std::uint8_t {
  severe_mental_illness,  ///< "svær psykisk sygdom"
  homelessness,           ///< "hjemløshed"
  addiction,              ///< "misbrugsproblemer"
  other,                  ///< another reasonable cause, described in text
};

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

/// Health considerations an agreement or a task can name (shared vocabulary with matching).
enum class Health : std::uint8_t {
  no_heavy_lifting,
  no_long_standing,
  no_customer_contact,
  no_noise,
  no_night_work,
  calm_pace,
  fixed_routines,
};

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
  friend std::weak_ordering operator<=>(const AgreementMade& a, const AgreementMade& b);
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

/// The kind of an event: the index of its alternative in EventData.
enum class EventKind : std::uint8_t {
  first_conversation,
  visitation,
  jobformidler_assigned,
  cv_completed,
  job_direction_set,
  course_broken_off,
  agreement,
  followup_plan,
  contact_person,
  hours_worked,
  contact,
  sanction_failure,
  reasonable_cause,
  vulnerability_assessed,
  concrete_assessment,
  hearing_sent,
  hearing_answered,
  personal_contact_attempt,
  self_support,
};

/// Number of event kinds.
inline constexpr std::size_t event_kind_count = std::variant_size_v<EventData>;

/// One dated event of a case.
struct Event {
  Date date;       ///< the date it happened
  EventData data;  ///< what happened

  /// The event's kind.
  [[nodiscard]] EventKind kind() const noexcept { return static_cast<EventKind>(data.index()); }
  /// Total order: date, then kind (the order of EventData), then content. Evaluation uses it.
  friend std::weak_ordering operator<=>(const Event& a, const Event& b);
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
void check_unique_citizens(const Caseload& load, const std::string& path = "cases");

/// Snake-case name of an event kind, as used in JSON, e.g. "hours_worked".
[[nodiscard]] std::string_view name(EventKind k) noexcept;

/// Snake-case names of the vocabularies, as used in JSON and explanations.
[[nodiscard]] std::string_view name(Benefit v) noexcept;
[[nodiscard]] std::string_view name(VisitationOutcome v) noexcept;  ///< "project", "rehabilitation_team"
[[nodiscard]] std::string_view name(Goal v) noexcept;               ///< "employment", "education"
[[nodiscard]] std::string_view name(AgreementKind v) noexcept;      ///< "ordinary_hours", "internship", "both"
[[nodiscard]] std::string_view name(HoursKind v) noexcept;          ///< "ordinary", "internship"
[[nodiscard]] std::string_view name(Channel v) noexcept;            ///< e.g. "home_visit"
[[nodiscard]] std::string_view name(SelfSupportKind v) noexcept;    ///< "job", "education"
[[nodiscard]] std::string_view name(FailureKind v) noexcept;        ///< e.g. "refused_job_offer"
[[nodiscard]] std::string_view name(CauseKind v) noexcept;          ///< e.g. "homelessness"
[[nodiscard]] std::string_view name(Health v) noexcept;             ///< e.g. "no_heavy_lifting"

/// Number of values of each vocabulary enum (they are dense, starting at 0).
template <> inline constexpr std::size_t enum_size<Benefit> = 6;
template <> inline constexpr std::size_t enum_size<VisitationOutcome> = 2;
template <> inline constexpr std::size_t enum_size<Goal> = 2;
template <> inline constexpr std::size_t enum_size<AgreementKind> = 3;
template <> inline constexpr std::size_t enum_size<HoursKind> = 2;
template <> inline constexpr std::size_t enum_size<Channel> = 5;
template <> inline constexpr std::size_t enum_size<SelfSupportKind> = 2;
template <> inline constexpr std::size_t enum_size<FailureKind> = 3;
template <> inline constexpr std::size_t enum_size<CauseKind> = 4;
template <> inline constexpr std::size_t enum_size<Health> = 7;
template <> inline constexpr std::size_t enum_size<EventKind> = event_kind_count;

}  // namespace kanten::inline v1
