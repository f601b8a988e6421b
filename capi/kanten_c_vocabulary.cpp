// capi/kanten_c_vocabulary.cpp — the C enums are the C++ vocabularies: same values, same counts.
//
// kanten.h is written by hand (it is the C specification); the C++ vocabularies come from their
// X-macro lists (core/vocabulary.hpp). One table per vocabulary pairs each C constant with its
// C++ enumerator, in order, and is checked exhaustively at compile time: an enumerator added to
// a C++ list without its constant in kanten.h (or a constant with the wrong value) stops the
// build here. This file holds no code; it only compiles.
#include "kanten.h"

#include <kanten/core/error.hpp>
#include <kanten/match/matching.hpp>
#include <kanten/programme/bus.hpp>
#include <kanten/programme/programme.hpp>
#include <kanten/programme/training.hpp>
#include <kanten/rules/evaluate.hpp>
#include <kanten/rules/events.hpp>
#include <kanten/rules/model.hpp>
#include <kanten/rules/sanction.hpp>

#include <cstddef>
#include <iterator>

namespace {

namespace k = kanten;

/// One row: a C constant and the C++ enumerator it stands for.
template <class Enum>
struct Row {
  long long c;
  Enum cpp;
};

/// True when row i pairs the i-th C++ enumerator with a C constant of the same value (times
/// `sign`: the C status codes are the negated Errc values).
template <class Enum, std::size_t N>
constexpr bool paired(const Row<Enum> (&table)[N], long long sign = 1) {
  for (std::size_t i = 0; i < N && i < k::enum_size<Enum>; ++i)
    if (table[i].cpp != k::Vocabulary<Enum>::values[i] || table[i].c != sign * static_cast<long long>(table[i].cpp))
      return false;
  return true;
}

}  // namespace

/// A table as long as its vocabulary, each row paired; and the header's *_COUNT constant.
#define KANTEN_C_CHECK(table, Enum)                                                                \
  static_assert(std::size(table) == k::enum_size<k::Enum>,                                         \
                "kanten.h and the C++ vocabulary " #Enum " differ in length: add the C constant"); \
  static_assert(paired(table), "a C constant of " #Enum " differs from its C++ enumerator")
#define KANTEN_C_CHECK_COUNT(count, Enum) \
  static_assert((count) == k::enum_size<k::Enum>, #count " differs from the C++ vocabulary " #Enum)

// --- kanten_status: the negated error codes -----------------------------------------------------
constexpr Row<k::Errc> errc[] = {
    {KANTEN_EINVAL, k::Errc::invalid_argument},
    {KANTEN_EPARSE, k::Errc::parse_error},
    {KANTEN_EINPUT, k::Errc::invalid_input},
    {KANTEN_EIO, k::Errc::io_error},
};
static_assert(std::size(errc) == k::enum_size<k::Errc>, "kanten.h lacks the status of an Errc");
static_assert(paired(errc, -1), "a KANTEN_E* status is not the negated Errc value");
// The C ABI's own statuses (KANTEN_ENOMEM, KANTEN_EINTERNAL, KANTEN_ECANCELED) are no negated Errc.
namespace {
constexpr bool own_status(long long status) {
  for (auto e : k::Vocabulary<k::Errc>::values)
    if (status == -static_cast<long long>(e)) return false;
  return true;
}
}  // namespace
static_assert(own_status(KANTEN_ENOMEM) && own_status(KANTEN_EINTERNAL) && own_status(KANTEN_ECANCELED),
              "a status of the C ABI's own is also a negated Errc: give it a new value");

// --- kanten_step --------------------------------------------------------------------------------
constexpr Row<k::Step> step[] = {
    {KANTEN_STEP_NOT_STARTED, k::Step::not_started},
    {KANTEN_STEP_TRIN1_AFKLARING, k::Step::trin1_afklaring},
    {KANTEN_STEP_TRIN2_PAA_VEJ_MOD_JOB, k::Step::trin2_paa_vej_mod_job},
    {KANTEN_STEP_TRIN3_VIRKSOMHEDSFORLOEB, k::Step::trin3_virksomhedsforloeb},
    {KANTEN_STEP_EXIT_SELF_SUPPORT, k::Step::exit_self_support},
    {KANTEN_STEP_EXIT_30_HOURS, k::Step::exit_30_hours},
    {KANTEN_STEP_EXIT_REHABILITATION_TEAM, k::Step::exit_rehabilitation_team},
};
KANTEN_C_CHECK(step, Step);
KANTEN_C_CHECK_COUNT(KANTEN_STEP_COUNT, Step);

// --- kanten_event_kind --------------------------------------------------------------------------
constexpr Row<k::EventKind> event_kind[] = {
    {KANTEN_EVENT_FIRST_CONVERSATION, k::EventKind::first_conversation},
    {KANTEN_EVENT_VISITATION, k::EventKind::visitation},
    {KANTEN_EVENT_JOBFORMIDLER_ASSIGNED, k::EventKind::jobformidler_assigned},
    {KANTEN_EVENT_CV_COMPLETED, k::EventKind::cv_completed},
    {KANTEN_EVENT_JOB_DIRECTION_SET, k::EventKind::job_direction_set},
    {KANTEN_EVENT_COURSE_BROKEN_OFF, k::EventKind::course_broken_off},
    {KANTEN_EVENT_AGREEMENT, k::EventKind::agreement},
    {KANTEN_EVENT_FOLLOWUP_PLAN, k::EventKind::followup_plan},
    {KANTEN_EVENT_CONTACT_PERSON, k::EventKind::contact_person},
    {KANTEN_EVENT_HOURS_WORKED, k::EventKind::hours_worked},
    {KANTEN_EVENT_CONTACT, k::EventKind::contact},
    {KANTEN_EVENT_SANCTION_FAILURE, k::EventKind::sanction_failure},
    {KANTEN_EVENT_REASONABLE_CAUSE, k::EventKind::reasonable_cause},
    {KANTEN_EVENT_VULNERABILITY_ASSESSED, k::EventKind::vulnerability_assessed},
    {KANTEN_EVENT_CONCRETE_ASSESSMENT, k::EventKind::concrete_assessment},
    {KANTEN_EVENT_HEARING_SENT, k::EventKind::hearing_sent},
    {KANTEN_EVENT_HEARING_ANSWERED, k::EventKind::hearing_answered},
    {KANTEN_EVENT_PERSONAL_CONTACT_ATTEMPT, k::EventKind::personal_contact_attempt},
    {KANTEN_EVENT_SELF_SUPPORT, k::EventKind::self_support},
    {KANTEN_EVENT_PROFILE_CHANGED, k::EventKind::profile_changed},
    {KANTEN_EVENT_AFTERCARE_CONTACT, k::EventKind::aftercare_contact},
    {KANTEN_EVENT_BUS_TRIP, k::EventKind::bus_trip},
    {KANTEN_EVENT_TRAINING_TRACK, k::EventKind::training_track},
};
KANTEN_C_CHECK(event_kind, EventKind);
KANTEN_C_CHECK_COUNT(KANTEN_EVENT_KIND_COUNT, EventKind);

// --- the event fields' vocabularies -------------------------------------------------------------
constexpr Row<k::Benefit> benefit[] = {
    {KANTEN_BENEFIT_KONTANTHJAELP, k::Benefit::kontanthjaelp},
    {KANTEN_BENEFIT_UDDANNELSESHJAELP, k::Benefit::uddannelseshjaelp},
    {KANTEN_BENEFIT_INTEGRATIONSYDELSE, k::Benefit::integrationsydelse},
    {KANTEN_BENEFIT_RESSOURCEFORLOEBSYDELSE, k::Benefit::ressourceforloebsydelse},
    {KANTEN_BENEFIT_OTHER, k::Benefit::other},
    {KANTEN_BENEFIT_NONE, k::Benefit::none},
};
KANTEN_C_CHECK(benefit, Benefit);
KANTEN_C_CHECK_COUNT(KANTEN_BENEFIT_COUNT, Benefit);

constexpr Row<k::VisitationOutcome> visitation_outcome[] = {
    {KANTEN_VISITATION_PROJECT, k::VisitationOutcome::project},
    {KANTEN_VISITATION_REHABILITATION_TEAM, k::VisitationOutcome::rehabilitation_team},
};
KANTEN_C_CHECK(visitation_outcome, VisitationOutcome);
KANTEN_C_CHECK_COUNT(KANTEN_VISITATION_OUTCOME_COUNT, VisitationOutcome);

constexpr Row<k::Goal> goal[] = {
    {KANTEN_GOAL_EMPLOYMENT, k::Goal::employment},
    {KANTEN_GOAL_EDUCATION, k::Goal::education},
};
KANTEN_C_CHECK(goal, Goal);
KANTEN_C_CHECK_COUNT(KANTEN_GOAL_COUNT, Goal);

constexpr Row<k::AgreementKind> agreement_kind[] = {
    {KANTEN_AGREEMENT_ORDINARY_HOURS, k::AgreementKind::ordinary_hours},
    {KANTEN_AGREEMENT_INTERNSHIP, k::AgreementKind::internship},
    {KANTEN_AGREEMENT_BOTH, k::AgreementKind::both},
};
KANTEN_C_CHECK(agreement_kind, AgreementKind);
KANTEN_C_CHECK_COUNT(KANTEN_AGREEMENT_KIND_COUNT, AgreementKind);

constexpr Row<k::HoursKind> hours_kind[] = {
    {KANTEN_HOURS_ORDINARY, k::HoursKind::ordinary},
    {KANTEN_HOURS_INTERNSHIP, k::HoursKind::internship},
};
KANTEN_C_CHECK(hours_kind, HoursKind);
KANTEN_C_CHECK_COUNT(KANTEN_HOURS_KIND_COUNT, HoursKind);

constexpr Row<k::Channel> channel[] = {
    {KANTEN_CHANNEL_IN_PERSON, k::Channel::in_person},
    {KANTEN_CHANNEL_HOME_VISIT, k::Channel::home_visit},
    {KANTEN_CHANNEL_PHONE, k::Channel::phone},
    {KANTEN_CHANNEL_VIDEO, k::Channel::video},
    {KANTEN_CHANNEL_WRITTEN, k::Channel::written},
};
KANTEN_C_CHECK(channel, Channel);
KANTEN_C_CHECK_COUNT(KANTEN_CHANNEL_COUNT, Channel);

constexpr Row<k::SelfSupportKind> self_support_kind[] = {
    {KANTEN_SELF_SUPPORT_JOB, k::SelfSupportKind::job},
    {KANTEN_SELF_SUPPORT_EDUCATION, k::SelfSupportKind::education},
};
KANTEN_C_CHECK(self_support_kind, SelfSupportKind);
KANTEN_C_CHECK_COUNT(KANTEN_SELF_SUPPORT_KIND_COUNT, SelfSupportKind);

constexpr Row<k::FailureKind> failure_kind[] = {
    {KANTEN_FAILURE_REFUSED_JOB_OFFER, k::FailureKind::refused_job_offer},
    {KANTEN_FAILURE_DID_NOT_APPLY_FOR_JOBS, k::FailureKind::did_not_apply_for_jobs},
    {KANTEN_FAILURE_DID_NOT_REPORT_ILLNESS, k::FailureKind::did_not_report_illness},
};
KANTEN_C_CHECK(failure_kind, FailureKind);
KANTEN_C_CHECK_COUNT(KANTEN_FAILURE_KIND_COUNT, FailureKind);

constexpr Row<k::CauseKind> cause_kind[] = {
    {KANTEN_CAUSE_SEVERE_MENTAL_ILLNESS, k::CauseKind::severe_mental_illness},
    {KANTEN_CAUSE_HOMELESSNESS, k::CauseKind::homelessness},
    {KANTEN_CAUSE_ADDICTION, k::CauseKind::addiction},
    {KANTEN_CAUSE_OTHER, k::CauseKind::other},
};
KANTEN_C_CHECK(cause_kind, CauseKind);
KANTEN_C_CHECK_COUNT(KANTEN_CAUSE_KIND_COUNT, CauseKind);

constexpr Row<k::Health> health[] = {
    {KANTEN_HEALTH_NO_HEAVY_LIFTING, k::Health::no_heavy_lifting},
    {KANTEN_HEALTH_NO_LONG_STANDING, k::Health::no_long_standing},
    {KANTEN_HEALTH_NO_CUSTOMER_CONTACT, k::Health::no_customer_contact},
    {KANTEN_HEALTH_NO_NOISE, k::Health::no_noise},
    {KANTEN_HEALTH_NO_NIGHT_WORK, k::Health::no_night_work},
    {KANTEN_HEALTH_CALM_PACE, k::Health::calm_pace},
    {KANTEN_HEALTH_FIXED_ROUTINES, k::Health::fixed_routines},
};
KANTEN_C_CHECK(health, Health);
KANTEN_C_CHECK_COUNT(KANTEN_HEALTH_COUNT, Health);

// --- evaluation ---------------------------------------------------------------------------------
constexpr Row<k::TargetGroupReason> target_group_reason[] = {
    {KANTEN_TARGET_NOT_ACTIVITY_READY, k::TargetGroupReason::not_activity_ready},
    {KANTEN_TARGET_BENEFIT_OUTSIDE, k::TargetGroupReason::benefit_outside},
    {KANTEN_TARGET_OUTSIDE_DESIGNATED_AREA, k::TargetGroupReason::outside_designated_area},
    {KANTEN_TARGET_IN_INTEGRATION_PROGRAMME, k::TargetGroupReason::in_integration_programme},
};
KANTEN_C_CHECK(target_group_reason, TargetGroupReason);
KANTEN_C_CHECK_COUNT(KANTEN_TARGET_GROUP_REASON_COUNT, TargetGroupReason);

constexpr Row<k::Missing> missing[] = {
    {KANTEN_MISSING_VISITATION, k::Missing::visitation},
    {KANTEN_MISSING_CV, k::Missing::cv},
    {KANTEN_MISSING_JOB_DIRECTION, k::Missing::job_direction},
    {KANTEN_MISSING_JOBFORMIDLER, k::Missing::jobformidler},
    {KANTEN_MISSING_AGREEMENT, k::Missing::agreement},
    {KANTEN_MISSING_FOLLOWUP_PLAN, k::Missing::followup_plan},
    {KANTEN_MISSING_CONTACT_PERSON, k::Missing::contact_person},
    {KANTEN_MISSING_ORDINARY_HOURS, k::Missing::ordinary_hours},
    {KANTEN_MISSING_AGREEMENT_COMPANY, k::Missing::agreement_company},
    {KANTEN_MISSING_AGREEMENT_TASKS, k::Missing::agreement_tasks},
    {KANTEN_MISSING_AGREEMENT_WEEKLY_HOURS, k::Missing::agreement_weekly_hours},
    {KANTEN_MISSING_AGREEMENT_SUB_GOALS, k::Missing::agreement_sub_goals},
    {KANTEN_MISSING_CONTACT_PERSON_COMPANY, k::Missing::contact_person_company},
};
KANTEN_C_CHECK(missing, Missing);
KANTEN_C_CHECK_COUNT(KANTEN_MISSING_COUNT, Missing);

constexpr Row<k::NotAppliedReason> not_applied_reason[] = {
    {KANTEN_NOT_APPLIED_UNREADABLE, k::NotAppliedReason::unreadable},
    {KANTEN_NOT_APPLIED_INVALID_DATE, k::NotAppliedReason::invalid_date},
    {KANTEN_NOT_APPLIED_INVALID_START_DATE, k::NotAppliedReason::invalid_start_date},
    {KANTEN_NOT_APPLIED_NON_POSITIVE_DURATION, k::NotAppliedReason::non_positive_duration},
    {KANTEN_NOT_APPLIED_DAY_OVER_24_HOURS, k::NotAppliedReason::day_over_24_hours},
    {KANTEN_NOT_APPLIED_NEGATIVE_WEEKLY_HOURS, k::NotAppliedReason::negative_weekly_hours},
    {KANTEN_NOT_APPLIED_OUTSIDE_TARGET_GROUP, k::NotAppliedReason::outside_target_group},
    {KANTEN_NOT_APPLIED_BEFORE_TRIN1, k::NotAppliedReason::before_trin1},
    {KANTEN_NOT_APPLIED_NOT_VISITED, k::NotAppliedReason::not_visited},
    {KANTEN_NOT_APPLIED_AFTER_EXIT, k::NotAppliedReason::after_exit},
    {KANTEN_NOT_APPLIED_TRIN1_ALREADY_STARTED, k::NotAppliedReason::trin1_already_started},
    {KANTEN_NOT_APPLIED_ALREADY_VISITED, k::NotAppliedReason::already_visited},
    {KANTEN_NOT_APPLIED_VISITATION_OUTSIDE_TRIN1, k::NotAppliedReason::visitation_outside_trin1},
    {KANTEN_NOT_APPLIED_EDUCATION_GOAL_REQUIRED, k::NotAppliedReason::education_goal_required},
    {KANTEN_NOT_APPLIED_NO_AGREEMENT_IN_FORCE, k::NotAppliedReason::no_agreement_in_force},
    {KANTEN_NOT_APPLIED_HOURS_KIND_NOT_AGREED, k::NotAppliedReason::hours_kind_not_agreed},
    {KANTEN_NOT_APPLIED_NO_COURSE_IN_PROGRESS, k::NotAppliedReason::no_course_in_progress},
    {KANTEN_NOT_APPLIED_EMPTY_FAILURE_ID, k::NotAppliedReason::empty_failure_id},
    {KANTEN_NOT_APPLIED_DUPLICATE_FAILURE, k::NotAppliedReason::duplicate_failure},
    {KANTEN_NOT_APPLIED_UNKNOWN_FAILURE, k::NotAppliedReason::unknown_failure},
    {KANTEN_NOT_APPLIED_BEFORE_FAILURE, k::NotAppliedReason::before_failure},
    {KANTEN_NOT_APPLIED_NOT_PERSONAL_CHANNEL, k::NotAppliedReason::not_personal_channel},
    {KANTEN_NOT_APPLIED_ANSWER_BY_BEFORE_HEARING, k::NotAppliedReason::answer_by_before_hearing},
    {KANTEN_NOT_APPLIED_NOT_SELF_SUPPORTING, k::NotAppliedReason::not_self_supporting},
    {KANTEN_NOT_APPLIED_INVALID_END_DATE, k::NotAppliedReason::invalid_end_date},
};
KANTEN_C_CHECK(not_applied_reason, NotAppliedReason);
KANTEN_C_CHECK_COUNT(KANTEN_NOT_APPLIED_REASON_COUNT, NotAppliedReason);

constexpr Row<k::SanctionStatus> sanction_status[] = {
    {KANTEN_SANCTION_ELIGIBLE, k::SanctionStatus::eligible},
    {KANTEN_SANCTION_NOT_ELIGIBLE, k::SanctionStatus::not_eligible},
    {KANTEN_SANCTION_UNDECIDED, k::SanctionStatus::undecided},
};
KANTEN_C_CHECK(sanction_status, SanctionStatus);
KANTEN_C_CHECK_COUNT(KANTEN_SANCTION_STATUS_COUNT, SanctionStatus);

constexpr Row<k::AlertKind> alert_kind[] = {
    {KANTEN_ALERT_INACTIVE, k::AlertKind::inactive},
    {KANTEN_ALERT_LONG_IN_TRIN2, k::AlertKind::long_in_trin2},
    {KANTEN_ALERT_STAGNATION, k::AlertKind::stagnation},
};
KANTEN_C_CHECK(alert_kind, AlertKind);
KANTEN_C_CHECK_COUNT(KANTEN_ALERT_KIND_COUNT, AlertKind);

// --- matching -----------------------------------------------------------------------------------
constexpr Row<k::MatchMode> match_mode[] = {
    {KANTEN_MATCH_ASSIGNMENT, k::MatchMode::assignment},
    {KANTEN_MATCH_STABLE, k::MatchMode::stable},
    {KANTEN_MATCH_TOP_K, k::MatchMode::top_k},
};
KANTEN_C_CHECK(match_mode, MatchMode);
KANTEN_C_CHECK_COUNT(KANTEN_MATCH_MODE_COUNT, MatchMode);

// --- bus trips and training tracks (no *_COUNT constants in kanten.h) ---------------------------
constexpr Row<k::BusEligibility> bus_answer_kind[] = {
    {KANTEN_BUS_ELIGIBLE, k::BusEligibility::eligible},
    {KANTEN_BUS_NOT_ELIGIBLE, k::BusEligibility::not_eligible},
    {KANTEN_BUS_UNDECIDED, k::BusEligibility::undecided},
};
KANTEN_C_CHECK(bus_answer_kind, BusEligibility);

constexpr Row<k::BusCategory> bus_category[] = {
    {KANTEN_BUS_CATEGORY_NONE, k::BusCategory::none},
    {KANTEN_BUS_CATEGORY_S6_3, k::BusCategory::s6_3},
    {KANTEN_BUS_CATEGORY_S6_5, k::BusCategory::s6_5},
    {KANTEN_BUS_CATEGORY_S6_3_OR_S6_5, k::BusCategory::s6_3_or_s6_5},
    {KANTEN_BUS_CATEGORY_EXEMPT_REFERRED, k::BusCategory::exempt_referred},
};
KANTEN_C_CHECK(bus_category, BusCategory);

constexpr Row<k::WorkplaceRoute> workplace_route[] = {
    {KANTEN_ROUTE_INTERNSHIP, k::WorkplaceRoute::internship},
    {KANTEN_ROUTE_TRAINING_TRACK, k::WorkplaceRoute::training_track},
};
KANTEN_C_CHECK(workplace_route, WorkplaceRoute);

// --- programme figures --------------------------------------------------------------------------
constexpr Row<k::FunnelStage> funnel_stage[] = {
    {KANTEN_FUNNEL_CASELOAD, k::FunnelStage::caseload},
    {KANTEN_FUNNEL_ENTERED, k::FunnelStage::entered},
    {KANTEN_FUNNEL_TRIN2, k::FunnelStage::trin2},
    {KANTEN_FUNNEL_TRIN3, k::FunnelStage::trin3},
    {KANTEN_FUNNEL_PAID_HOURS, k::FunnelStage::paid_hours},
    {KANTEN_FUNNEL_EXIT_30_HOURS, k::FunnelStage::exit_30_hours},
    {KANTEN_FUNNEL_EXIT_SELF_SUPPORT, k::FunnelStage::exit_self_support},
    {KANTEN_FUNNEL_EXIT_REHABILITATION_TEAM, k::FunnelStage::exit_rehabilitation_team},
};
KANTEN_C_CHECK(funnel_stage, FunnelStage);
KANTEN_C_CHECK_COUNT(KANTEN_FUNNEL_STAGE_COUNT, FunnelStage);

constexpr Row<k::Endpoint> endpoint[] = {
    {KANTEN_ENDPOINT_FIRST_PAID_HOURS, k::Endpoint::first_paid_hours},
    {KANTEN_ENDPOINT_EXIT, k::Endpoint::exit},
    {KANTEN_ENDPOINT_EXIT_30_HOURS, k::Endpoint::exit_30_hours},
};
KANTEN_C_CHECK(endpoint, Endpoint);
KANTEN_C_CHECK_COUNT(KANTEN_ENDPOINT_COUNT, Endpoint);

// Condition, Demand, TravelMode, Rejection, Region and MonthDefinition have no C constants: the
// C ABI passes them, if at all, as names.
