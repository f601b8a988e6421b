// English explanations of evaluations: free of personal data, each naming its source.
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/sources.hpp"

#include <sstream>

namespace kanten::inline v1 {

std::string describe(TargetGroupReason r) {
  switch (r) {
    case TargetGroupReason::not_activity_ready: return "the citizen is job-ready, not activity-ready";
    case TargetGroupReason::benefit_outside:
      return "the citizen receives none of kontanthjælp, uddannelseshjælp or integrationsydelse";
    case TargetGroupReason::outside_designated_area: return "the citizen does not live in a designated housing area";
    case TargetGroupReason::in_integration_programme:
      return "the citizen receives integrationsydelse within the integration programme";
  }
  return "unknown reason";
}

std::string describe(Missing m, const RuleSet& rules) {
  switch (m) {
    case Missing::visitation: return "the visitation decision into the project";
    case Missing::cv: return "a CV focused on the work functions the citizen can and wants to do";
    case Missing::job_direction: return "a job direction set from the citizen's own wishes";
    case Missing::jobformidler: return "a personal jobformidler";
    case Missing::agreement: return "an employment and/or internship agreement with a company";
    case Missing::followup_plan: return "a follow-up plan";
    case Missing::contact_person: return "a fixed contact person at the company";
    case Missing::ordinary_hours:
      return "at least " + hours_text(rules.exit_ordinary_minutes_per_month) +
             " ordinary hours worked in Trin 3 in one calendar month, or self-support";
    case Missing::agreement_company: return "the agreement must name the company it is made with";
    case Missing::agreement_tasks: return "the agreement must set the citizen's tasks";
    case Missing::agreement_weekly_hours: return "the agreement must set the working time per week";
    case Missing::agreement_sub_goals: return "the agreement must set sub-goals for progression";
    case Missing::contact_person_company: return "the fixed contact person must be at the agreement's company";
  }
  return "unknown";
}

std::string describe(const NotApplied& n) {
  const std::string related = n.related.is_special() ? std::string() : iso(n.related);
  switch (n.reason) {
    case NotAppliedReason::unreadable:
      return "the input event could not be read: " + n.detail;
    case NotAppliedReason::invalid_date: return "the event has no valid date";
    case NotAppliedReason::invalid_start_date: return "the agreement has no valid start date";
    case NotAppliedReason::non_positive_duration: return "hours worked must be a positive number of minutes";
    case NotAppliedReason::day_over_24_hours: return "the day's hours would exceed 24 hours";
    case NotAppliedReason::negative_weekly_hours: return "an agreement cannot have negative hours per week";
    case NotAppliedReason::outside_target_group:
      return "the citizen is outside the target group (Kerneelement 3) and cannot enter the model";
    case NotAppliedReason::before_trin1: return "Trin 1 has not started: no first conversation or visitation before it";
    case NotAppliedReason::not_visited: return "the citizen has not been visited into the project";
    case NotAppliedReason::after_exit: return "the citizen left the model on " + related;
    case NotAppliedReason::trin1_already_started: return "Trin 1 already started on " + related;
    case NotAppliedReason::already_visited: return "the citizen was already visited into the project on " + related;
    case NotAppliedReason::visitation_outside_trin1:
      return "the visitation decision belongs to Trin 1; the citizen has been past it since " + related;
    case NotAppliedReason::education_goal_required:
      return "for an uddannelseshjælp recipient the long-term goal must be education (Kerneelement 4)";
    case NotAppliedReason::no_agreement_in_force: return "no agreement with a company covers this date";
    case NotAppliedReason::hours_kind_not_agreed: return "the agreement in force does not cover this kind of hours";
    case NotAppliedReason::no_course_in_progress: return "the citizen is not in a company course (Trin 3)";
    case NotAppliedReason::empty_failure_id: return "the sanction event names no failure id";
    case NotAppliedReason::duplicate_failure: return "a failure with this id is already recorded";
    case NotAppliedReason::unknown_failure: return "no failure with this id is recorded";
    case NotAppliedReason::before_failure: return "the event is dated before its failure (" + related + ")";
    case NotAppliedReason::not_personal_channel:
      return "only a call or a meeting in person is personal contact (Kerneelement 5), not this channel";
    case NotAppliedReason::answer_by_before_hearing: return "the hearing's answer deadline is before the day it was sent";
    case NotAppliedReason::not_self_supporting:
      return "aftercare follows self-support; the citizen has not left the model self-supporting";
    case NotAppliedReason::invalid_end_date: return "the training track's end is before its start";
  }
  return "unknown reason";
}

std::string describe(const Alert& a) {
  switch (a.kind) {
    case AlertKind::inactive:
      return "no contact or other activity for " + std::to_string(a.value) + " days (alert after " +
             std::to_string(a.threshold) + ")";
    case AlertKind::long_in_trin2:
      return "in Trin 2 for " + std::to_string(a.value) + " days (alert after " + std::to_string(a.threshold) + ")";
    case AlertKind::stagnation:
      return "no more agreed ordinary hours for " + std::to_string(a.value) + " months (alert at " +
             std::to_string(a.threshold) + "): renegotiate, or find another company";
  }
  return "unknown alert";
}

std::string explain(const Evaluation& e) {
  std::ostringstream o;
  o << "Citizen " << e.citizen << " as of " << iso(e.as_of) << " (rule set " << e.rule_set << ")\n";
  if (!e.target_group.member) {
    o << "Outside the target group (" << citation(sources::target_group) << "):\n";
    for (auto r : e.target_group.reasons) o << "  - " << describe(r) << "\n";
  }
  o << "Step: " << label(e.step);
  if (!e.since.is_special()) o << " since " << iso(e.since);
  o << "\n";
  for (const auto& h : e.history)
    o << "  " << iso(h.date) << ": " << label(h.from) << " -> " << label(h.to) << " — " << h.transition->description
      << " [" << citation(*h.transition->source) << "]\n";
  if (!e.missing.empty()) {
    o << "Missing to leave the step:\n";
    for (auto m : e.missing) o << "  - " << describe(m) << "\n";
  }
  if (e.thirty_hours_pending)
    o << "Ordinary hours this month: " << hours_text(e.ordinary_this_month)
      << " — the 30-hour exit takes effect at the end of the month\n";
  if (e.profile_periods.size() > 1) {
    o << "Target group over time [" << citation(sources::target_group) << "]:\n";
    for (const auto& p : e.profile_periods)
      o << "  " << (p.from.is_special() ? std::string("from the start") : "from " + iso(p.from)) << ": "
        << name(p.profile.benefit) << (p.profile.activity_ready ? ", activity-ready" : ", jobparat")
        << (p.target_group.member ? " — in the target group" : " — outside the target group") << "\n";
  }
  if (!e.jobformidler.current.empty())
    o << "Jobformidler " << e.jobformidler.current << " since " << iso(e.jobformidler.since) << " ("
      << e.jobformidler.changes << (e.jobformidler.changes == 1 ? " change" : " changes") << ") ["
      << citation(sources::jobformidler_continuity) << "]\n";
  if (!e.agreements.empty()) {
    o << "Agreements [" << citation(sources::progression) << "]:\n";
    for (const auto& a : e.agreements) {
      o << "  from " << iso(a.start) << ": " << name(a.kind) << ", " << hours_text(a.minutes_per_week) << " a week";
      if (a.ordinary_minutes_per_week) o << " (" << hours_text(*a.ordinary_minutes_per_week) << " ordinary)";
      if (!a.company.empty()) o << " at " << a.company;
      if (a.renegotiation) o << " — renegotiated";
      if (!a.missing_terms.empty()) o << " — lacks " << a.missing_terms.size() << " of its terms";
      o << "\n";
    }
  }
  if (e.step == Step::trin2_paa_vej_mod_job) o << "In Trin 2 for " << e.days_in_trin2 << " days\n";
  for (const auto& a : e.alerts) o << "Alert: " << describe(a) << " [" << citation(*a.source) << "]\n";
  if (e.followup.applies) {
    o << "Monthly follow-up from " << iso(e.followup.start) << " (" << e.followup.first_month.str() << " to "
      << e.followup.last_month.str() << "): " << e.followup.breached.size() << " months breached";
    for (auto m : e.followup.breached) o << " " << m.str();
    if (e.followup.deadline) o << "; next contact due by " << iso(*e.followup.deadline);
    o << "\n";
  }
  for (const auto& s : e.sanctions) {
    o << "Sanction question " << s.failure_id << " (" << iso(s.failure_date) << "): " << name(s.status) << "\n";
    if (s.excluded_by) o << "  excluded by: " << s.excluded_by->text << "\n";
    for (const auto& p : s.pending) o << "  first: " << p.text << "\n";
  }
  if (!e.bus_trips.empty() || !e.training.empty())
    o << "Bus trips: " << e.bus_trips.size() << ", training tracks: " << e.training.size() << "\n";
  if (!e.aftercare.empty())
    o << "Aftercare contacts after self-support: " << e.aftercare.size() << " (latest " << iso(e.aftercare.back().date)
      << ") [" << citation(sources::aftercare) << "]\n";
  for (const auto& v : e.violations) o << "Violation on " << iso(v.date) << ": " << v.text << "\n";
  for (const auto& n : e.not_applied) {
    o << "Not applied: event " << n.index;
    if (n.kind) o << " (" << name(*n.kind) << ", " << iso(n.date) << ")";
    o << ": " << describe(n) << "\n";
  }
  return o.str();
}

}  // namespace kanten::inline v1
