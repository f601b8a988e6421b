// Snake-case names of kanten's vocabularies, as used in JSON, the CLI and explanations.
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/rules/model.hpp"
#include "kanten/rules/sanction.hpp"

#include <array>

namespace kanten::inline v1 {
namespace {
template <class Enum, std::size_t N>
std::string_view pick(const std::array<std::string_view, N>& names, Enum v) noexcept {
  auto i = static_cast<std::size_t>(v);
  return i < N ? names[i] : std::string_view{"unknown"};
}
}  // namespace

std::string_view name(EventKind k) noexcept {
  static constexpr std::array<std::string_view, event_kind_count> n{
      "first_conversation", "visitation",        "jobformidler_assigned", "cv_completed",
      "job_direction_set",  "course_broken_off", "agreement",             "followup_plan",
      "contact_person",     "hours_worked",      "contact",               "sanction_failure",
      "reasonable_cause",   "vulnerability_assessed", "concrete_assessment", "hearing_sent",
      "hearing_answered",   "personal_contact_attempt", "self_support"};
  return pick(n, k);
}
std::string_view name(Benefit v) noexcept {
  static constexpr std::array<std::string_view, 6> n{"kontanthjaelp", "uddannelseshjaelp", "integrationsydelse",
                                                     "ressourceforloebsydelse", "other", "none"};
  return pick(n, v);
}
std::string_view name(VisitationOutcome v) noexcept {
  static constexpr std::array<std::string_view, 2> n{"project", "rehabilitation_team"};
  return pick(n, v);
}
std::string_view name(Goal v) noexcept {
  static constexpr std::array<std::string_view, 2> n{"employment", "education"};
  return pick(n, v);
}
std::string_view name(AgreementKind v) noexcept {
  static constexpr std::array<std::string_view, 3> n{"ordinary_hours", "internship", "both"};
  return pick(n, v);
}
std::string_view name(HoursKind v) noexcept {
  static constexpr std::array<std::string_view, 2> n{"ordinary", "internship"};
  return pick(n, v);
}
std::string_view name(Channel v) noexcept {
  static constexpr std::array<std::string_view, 5> n{"in_person", "home_visit", "phone", "video", "written"};
  return pick(n, v);
}
std::string_view name(SelfSupportKind v) noexcept {
  static constexpr std::array<std::string_view, 2> n{"job", "education"};
  return pick(n, v);
}
std::string_view name(FailureKind v) noexcept {
  static constexpr std::array<std::string_view, 3> n{"refused_job_offer", "did_not_apply_for_jobs",
                                                     "did_not_report_illness"};
  return pick(n, v);
}
std::string_view name(CauseKind v) noexcept {
  static constexpr std::array<std::string_view, 4> n{"severe_mental_illness", "homelessness", "addiction", "other"};
  return pick(n, v);
}
std::string_view name(Health v) noexcept {
  static constexpr std::array<std::string_view, 7> n{"no_heavy_lifting", "no_long_standing", "no_customer_contact",
                                                     "no_noise", "no_night_work", "calm_pace", "fixed_routines"};
  return pick(n, v);
}
std::string_view name(Step s) noexcept {
  static constexpr std::array<std::string_view, step_count> n{
      "not_started",       "trin1_afklaring", "trin2_paa_vej_mod_job",   "trin3_virksomhedsforloeb",
      "exit_self_support", "exit_30_hours",   "exit_rehabilitation_team"};
  return pick(n, s);
}
std::string_view label(Step s) noexcept {
  static constexpr std::array<std::string_view, step_count> n{
      "Ikke startet",
      "Trin 1: Afklaring",
      "Trin 2: På vej mod job",
      "Trin 3: Virksomhedsforløb",
      "Afsluttet: selvforsørgelse",
      "Afsluttet: mindst 30 ordinære timer på en måned",
      "Afsluttet: rehabiliteringsteamet"};
  return pick(n, s);
}
std::string_view name(Condition c) noexcept {
  static constexpr std::array<std::string_view, condition_count> n{
      "first_conversation", "visited_to_rehabilitation", "trin1_complete",    "trin2_complete",
      "thirty_ordinary_hours", "self_supporting",        "course_broken_off", "course_broken_off_rehabilitation"};
  return pick(n, c);
}
std::string_view name(SanctionStatus s) noexcept {
  static constexpr std::array<std::string_view, 3> n{"eligible", "not_eligible", "undecided"};
  return pick(n, s);
}
std::string_view name(TargetGroupReason r) noexcept {
  static constexpr std::array<std::string_view, 4> n{"not_activity_ready", "benefit_outside", "outside_designated_area",
                                                     "in_integration_programme"};
  return pick(n, r);
}
std::string_view name(Missing m) noexcept {
  static constexpr std::array<std::string_view, 8> n{"visitation", "cv",           "job_direction",  "jobformidler",
                                                     "agreement",  "followup_plan", "contact_person", "ordinary_hours"};
  return pick(n, m);
}
std::string_view name(NotAppliedReason r) noexcept {
  static constexpr std::array<std::string_view, 21> n{
      "unreadable",         "invalid_date",          "invalid_start_date",       "non_positive_duration",
      "day_over_24_hours",  "negative_weekly_hours", "outside_target_group",     "before_trin1",
      "not_visited",        "after_exit",            "trin1_already_started",    "already_visited",
      "visitation_outside_trin1", "education_goal_required", "no_agreement_in_force", "hours_kind_not_agreed",
      "no_course_in_progress", "empty_failure_id",   "duplicate_failure",        "unknown_failure",
      "before_failure"};
  return pick(n, r);
}

// --- the total order of events (events.hpp) ---------------------------------------------------

std::weak_ordering operator<=>(const AgreementMade& a, const AgreementMade& b) {
  if (auto c = a.kind <=> b.kind; c != 0) return c;
  if (a.start != b.start) {
    if (a.start.is_special() || b.start.is_special())  // not-a-date sorts first
      return a.start.is_special() && !b.start.is_special() ? std::weak_ordering::less
             : !a.start.is_special() && b.start.is_special() ? std::weak_ordering::greater
                                                             : std::weak_ordering::equivalent;
    return a.start < b.start ? std::weak_ordering::less : std::weak_ordering::greater;
  }
  if (auto c = a.minutes_per_week <=> b.minutes_per_week; c != 0) return c;
  // Compare the terms by content, never by address, so the order is the same for copies.
  static const AgreementTerms empty{};
  const AgreementTerms& ta = a.terms ? *a.terms : empty;
  const AgreementTerms& tb = b.terms ? *b.terms : empty;
  return ta <=> tb;
}

std::weak_ordering operator<=>(const Event& a, const Event& b) {
  const bool sa = a.date.is_special(), sb = b.date.is_special();
  if (sa != sb) return sa ? std::weak_ordering::less : std::weak_ordering::greater;
  if (!sa && a.date != b.date) return a.date < b.date ? std::weak_ordering::less : std::weak_ordering::greater;
  return a.data <=> b.data;
}

}  // namespace kanten::inline v1
