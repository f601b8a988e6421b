// The fold: a case's events, in one total order, applied against the step table.
//
// Each handler below checks one event against the rules that govern it and either applies it
// or records why not. Step changes go only through rows of `transitions` (model.hpp).
#include "kanten/rules/evaluate.hpp"

#include "rules/fold.hpp"
#include "core/progress.hpp"
#include "kanten/core/error.hpp"
#include "kanten/core/input.hpp"

#include <algorithm>
#include <numeric>

namespace kanten::inline v1 {

TargetGroup target_group(const Profile& p) {
  // 004_3897fdd271fa8a38.txt, Kerneelement 3: activity-ready unemployed living in the
  // designated housing areas receiving kontanthjælp, uddannelseshjælp or integrationsydelse
  // (not covered by the integration programme).
  TargetGroup g;
  if (!p.activity_ready) g.reasons.push_back(TargetGroupReason::not_activity_ready);
  const bool benefit_in = p.benefit == Benefit::kontanthjaelp || p.benefit == Benefit::uddannelseshjaelp ||
                          p.benefit == Benefit::integrationsydelse;
  if (!benefit_in) g.reasons.push_back(TargetGroupReason::benefit_outside);
  if (!p.lives_in_designated_area) g.reasons.push_back(TargetGroupReason::outside_designated_area);
  if (p.benefit == Benefit::integrationsydelse && p.in_integration_programme)
    g.reasons.push_back(TargetGroupReason::in_integration_programme);
  g.member = g.reasons.empty();
  return g;
}

namespace {

bool valid(Date d) noexcept { return !d.is_special(); }

/// One agreement's period, for checking which hours it covers.
struct Period {
  AgreementKind kind;
  Date start;
  Date end;  // inclusive; not-a-date while open
  std::optional<Minutes> ordinary;  // agreed ordinary minutes per week (unknown for `both` without them)
  [[nodiscard]] bool covers(Date d) const { return start <= d && (end.is_special() || d <= end); }
  [[nodiscard]] bool allows(HoursKind k) const {
    return kind == AgreementKind::both ||
           (k == HoursKind::ordinary ? kind == AgreementKind::ordinary_hours : kind == AgreementKind::internship);
  }
};

class Fold {
 public:
  Fold(const Case& c, const EvaluateOptions& opts, const RuleSet& rules, Evaluation& out)
      : case_(c), opts_(opts), rules_(rules), out_(out) {}

  void run() {
    profile_ = case_.profile;
    out_.profile_periods.push_back(ProfilePeriod{Date(), profile_, target_group(profile_)});
    for (const auto& issue : case_.rejected) {
      NotApplied n;
      n.index = issue.index;
      n.date = issue.date;
      n.kind = issue.kind;
      n.reason = NotAppliedReason::unreadable;
      n.field = issue.field;
      n.value = issue.value;
      n.detail = issue.reason;
      out_.not_applied.push_back(std::move(n));
    }
    const auto& ev = case_.events;
    // The total order (date, kind, content) makes the result independent of append order;
    // identical events fall back to their position. Most records arrive sorted: check first.
    bool sorted = true;
    for (std::size_t i = 1; i < ev.size() && sorted; ++i) {
      const Event &a = ev[i - 1], &b = ev[i];
      // Cheap keys first; the content only decides between events of one date and kind.
      if (a.date != b.date || a.date.is_special() || b.date.is_special())
        sorted = !(b < a);
      else
        sorted = a.data.index() != b.data.index() ? apply_rank(a.kind()) < apply_rank(b.kind()) : !(b < a);
    }
    if (sorted) {
      for (std::size_t i = 0; i < ev.size(); ++i) step_event(i);
    } else {
      std::vector<std::uint32_t> order(ev.size());
      std::iota(order.begin(), order.end(), 0u);
      std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
        auto c = ev[a] <=> ev[b];
        return c != 0 ? c < 0 : a < b;
      });
      for (auto i : order) step_event(i);
    }
    // As of the end of as_of: a month whose last day is as_of has ended.
    close_month_if_ended(opts_.as_of + boost::gregorian::days(1));
    finish();
    to_input_positions();
  }

 private:
  // ---- bookkeeping ------------------------------------------------------------------------

  /// The fold names readable events by their place in Case::events; the input had the unreadable
  /// ones (Case::rejected, by input position) among them. One index space: the input position.
  void to_input_positions() {
    const std::size_t unreadable = case_.rejected.size();
    if (unreadable == 0) return;
    std::vector<std::size_t> skipped;
    skipped.reserve(unreadable);
    for (const auto& r : case_.rejected) skipped.push_back(r.index);
    std::sort(skipped.begin(), skipped.end());
    // The i-th readable event is the i-th input position not taken by an unreadable one.
    auto position = [&](std::size_t i) {
      std::size_t p = i;
      for (std::size_t s : skipped) {
        if (s > p) break;
        ++p;
      }
      return p;
    };
    for (std::size_t k = unreadable; k < out_.not_applied.size(); ++k)
      out_.not_applied[k].index = position(out_.not_applied[k].index);
    for (auto& v : out_.violations) v.index = position(v.index);
  }

  void reject(std::size_t i, const Event& e, NotAppliedReason r, Date related = Date()) {
    NotApplied n;
    n.index = i;
    n.date = e.date;
    n.kind = e.kind();
    n.reason = r;
    n.related = related;
    out_.not_applied.push_back(std::move(n));
  }

  void move(const Transition& t, Date d) {
    out_.history.push_back(StepChange{d, step_, t.to, &t});
    step_ = t.to;
    since_ = d;
    if (t.to == Step::trin3_virksomhedsforloeb && !valid(trin3_entry_)) {
      trin3_entry_ = d;
      // The follow-up year runs from the start of the first agreement ("under ansættelsen").
      first_agreement_start_ = periods_.empty() ? d : periods_.back().start;
    }
    if (is_exit(t.to)) exit_date_ = d;
  }

  /// Fires the row for an event condition; false if the model has none from the current step.
  bool fire(Condition c, Date d) {
    if (const Transition* t = find_transition(step_, c)) {
      move(*t, d);
      return true;
    }
    return false;
  }

  [[nodiscard]] bool holds(Condition c) const noexcept {
    switch (c) {
      // 004_3897fdd271fa8a38.txt, Kerneelement 5 (end of Trin 1): visited, CV, job direction, jobformidler.
      case Condition::trin1_complete: return visited_ && cv_ && direction_ && jobformidler_;
      // 004_3897fdd271fa8a38.txt, Kerneelement 8 (end of Trin 2): agreement, follow-up plan, contact
      // person; the agreement with its terms (Kerneelement 7), the contact person at its company.
      case Condition::trin2_complete:
        return agreement_ && agreement_terms_missing_.empty() && plan_ && contact_person_ && contact_at_agreement_company();
      default: return false;  // event conditions are fired by their events, never held
    }
  }

  /// Fires every row whose state condition now holds (one day may cross several steps).
  void advance(Date d) {
    for (bool moved = true; moved;) {
      moved = false;
      for (const auto& t : transitions) {
        if (t.from == step_ && holds(t.condition)) {
          move(t, d);
          moved = true;
          break;
        }
      }
    }
  }

  MonthHours& month_hours(YearMonth m) {
    if (out_.hours.empty() || out_.hours.back().month != m) {
      out_.hours.push_back(MonthHours{m, 0, 0});
      open_month_end_ = m.last_day();
    }
    return out_.hours.back();
  }

  /// The contact person is at the agreement's company (both named, the same company).
  [[nodiscard]] bool contact_at_agreement_company() const noexcept {
    return agreement_company_.empty() || contact_company_ == agreement_company_;
  }

  /// The 30-hour exit: at the end of a calendar month in Trin 3 with enough ordinary minutes
  /// worked while in Trin 3 (004_3897fdd271fa8a38.txt, Trin 3; decision "The 30-hour exit"
  /// (docs/decisions.md)). A month has ended when `now` is after its last day.
  void close_month_if_ended(Date now) {
    if (out_.hours.empty() || checked_month_ == out_.hours.back().month) return;
    const MonthHours& m = out_.hours.back();
    const Date last = open_month_end_;
    if (!(last < now)) return;
    checked_month_ = m.month;
    if (step_ == Step::trin3_virksomhedsforloeb && m.ordinary_in_trin3 >= rules_.exit_ordinary_minutes_per_month)
      fire(Condition::thirty_ordinary_hours, last);
  }

  detail::FailureFacts* find_failure(std::string_view id) {
    for (auto& f : failures_)
      if (f.id == id) return &f;
    return nullptr;
  }

  // ---- the events ---------------------------------------------------------------------------

  void step_event(std::size_t i) {
    const Event& e = case_.events[i];
    if (!valid(e.date)) return reject(i, e, NotAppliedReason::invalid_date);
    if (opts_.as_of < e.date) {
      ++out_.events_after_as_of;
      return;
    }
    close_month_if_ended(e.date);
    const std::size_t before = out_.not_applied.size();
    std::visit([&](const auto& payload) { apply(i, e, payload); }, e.data);
    if (out_.not_applied.size() == before) ++out_.events_applied;
  }

  [[nodiscard]] bool exited() const noexcept { return is_exit(step_); }

  /// Trin 1 starts at the first conversation at visitation (004_3897fdd271fa8a38.txt, Trin 1);
  /// only citizens in the target group enter (Kerneelement 3).
  bool start_trin1(std::size_t i, const Event& e) {
    if (!out_.profile_periods.back().target_group.member) {
      reject(i, e, NotAppliedReason::outside_target_group);
      return false;
    }
    if (step_ == Step::not_started) fire(Condition::first_conversation, e.date);
    return true;
  }

  void apply(std::size_t i, const Event& e, const FirstConversation&) {
    if (exited()) return reject(i, e, NotAppliedReason::after_exit, exit_date_);
    if (step_ != Step::not_started) return reject(i, e, NotAppliedReason::trin1_already_started, trin1_start());
    start_trin1(i, e);
  }

  void apply(std::size_t i, const Event& e, const Visitation& v) {
    if (exited()) return reject(i, e, NotAppliedReason::after_exit, exit_date_);
    if (step_ != Step::not_started && step_ != Step::trin1_afklaring)
      return reject(i, e, NotAppliedReason::visitation_outside_trin1, since_);
    if (v.outcome == VisitationOutcome::project && visited_)
      return reject(i, e, NotAppliedReason::already_visited, visited_date_);
    if (!start_trin1(i, e)) return;
    if (v.outcome == VisitationOutcome::rehabilitation_team) {
      // 004_3897fdd271fa8a38.txt, Trin 1: group 2 goes to the rehabilitation team, not visited.
      fire(Condition::visited_to_rehabilitation, e.date);
      return;
    }
    visited_ = true;
    visited_date_ = e.date;
    advance(e.date);
  }

  /// CV, job direction and jobformidler belong to Trin 1 and need it to have started.
  bool trin1_fact_allowed(std::size_t i, const Event& e) {
    if (exited()) {
      reject(i, e, NotAppliedReason::after_exit, exit_date_);
      return false;
    }
    if (step_ == Step::not_started) {
      reject(i, e, NotAppliedReason::before_trin1);
      return false;
    }
    return true;
  }

  void apply(std::size_t i, const Event& e, const JobformidlerAssigned& j) {
    // 004_3897fdd271fa8a38.txt, Kerneelement 5: every participant gets a jobformidler in Trin 1;
    // "kontinuitet i forløbet, dvs. at borgeren har den samme jobformidler over tid": a later
    // assignment of another jobformidler is a change, counted (decision "Jobformidler changes"
    // (docs/decisions.md)).
    if (!trin1_fact_allowed(i, e)) return;
    JobformidlerContinuity& c = out_.jobformidler;
    if (c.current != j.jobformidler) {
      if (!c.current.empty()) ++c.changes;
      c.current = j.jobformidler;
      c.since = e.date;
    }
    jobformidler_ = true;
    advance(e.date);
  }

  void apply(std::size_t i, const Event& e, const CvCompleted&) {
    // 004_3897fdd271fa8a38.txt, Kerneelement 4: the citizen writes a CV.
    if (!trin1_fact_allowed(i, e)) return;
    cv_ = true;
    advance(e.date);
  }

  void apply(std::size_t i, const Event& e, const JobDirectionSet& d) {
    if (!trin1_fact_allowed(i, e)) return;
    // 004_3897fdd271fa8a38.txt, Kerneelement 4: for activity-ready uddannelseshjælp recipients the
    // long-term goal must be education. A goal of employment is a violation, not accepted.
    // The benefit is the one on the job direction's date (the dated profile).
    if (profile_.benefit == Benefit::uddannelseshjaelp && d.goal == Goal::employment) {
      education_goal_violation(i, e.date);
      return reject(i, e, NotAppliedReason::education_goal_required);
    }
    direction_ = true;
    goal_ = d.goal;
    advance(e.date);
  }

  void education_goal_violation(std::size_t i, Date d) {
    out_.violations.push_back(Violation{i, d, "education_goal_for_uddannelseshjaelp",
                                        "for an uddannelseshjælp recipient the long-term goal of the plan must "
                                        "be education, not employment",
                                        &sources::education_goal});
  }

  void apply(std::size_t i, const Event& e, const ProfileChanged& p) {
    // 004_3897fdd271fa8a38.txt, Kerneelement 3: membership follows the citizen's circumstances on
    // each date (decision "The dated profile" (docs/decisions.md)). A change is a fact at any
    // time, in the model or not.
    profile_ = p.applied_to(profile_);
    ProfilePeriod period{e.date, profile_, target_group(profile_)};
    if (out_.profile_periods.back().from == e.date) out_.profile_periods.back() = std::move(period);
    else out_.profile_periods.push_back(std::move(period));
    // Kerneelement 4: a citizen who moves to uddannelseshjælp with an employment goal needs an
    // education goal from now on; in Trin 1 the job direction is missing again.
    if (profile_.benefit == Benefit::uddannelseshjaelp && direction_ && goal_ == Goal::employment && !exited()) {
      education_goal_violation(i, e.date);
      if (step_ == Step::trin1_afklaring) direction_ = false;
      goal_.reset();
    }
  }

  /// Agreement, follow-up plan and contact person need the visitation into the project.
  bool trin2_fact_allowed(std::size_t i, const Event& e) {
    if (exited()) {
      reject(i, e, NotAppliedReason::after_exit, exit_date_);
      return false;
    }
    if (!visited_) {
      reject(i, e, NotAppliedReason::not_visited);
      return false;
    }
    return true;
  }

  void apply(std::size_t i, const Event& e, const CourseBrokenOff& b) {
    if (exited()) return reject(i, e, NotAppliedReason::after_exit, exit_date_);
    if (step_ != Step::trin3_virksomhedsforloeb) return reject(i, e, NotAppliedReason::no_course_in_progress);
    // 004_3897fdd271fa8a38.txt, Trin 3: a broken-off course returns the citizen to Trin 2 to find
    // a new match; the old agreement ends today and a new match needs a new agreement, plan and
    // contact person. With the rehabilitation assessment the course is interrupted instead.
    for (auto& p : periods_)
      if (p.end.is_special()) p.end = e.date;
    agreement_ = plan_ = contact_person_ = false;
    fire(b.rehabilitation_assessment ? Condition::course_broken_off_rehabilitation : Condition::course_broken_off,
         e.date);
  }

  void apply(std::size_t i, const Event& e, const AgreementMade& a) {
    if (!valid(a.start)) return reject(i, e, NotAppliedReason::invalid_start_date);
    if (a.minutes_per_week < 0) return reject(i, e, NotAppliedReason::negative_weekly_hours);
    if (!trin2_fact_allowed(i, e)) return;
    // 004_3897fdd271fa8a38.txt, Kerneelement 9: between courses the agreement is renegotiated;
    // the new agreement replaces the open one from its start.
    const std::string company = a.terms ? a.terms->company : std::string();
    bool renegotiation = false;
    for (auto& p : periods_) {
      if (!p.end.is_special()) continue;
      p.end = a.start <= p.start ? p.start - boost::gregorian::days(1) : a.start - boost::gregorian::days(1);
      renegotiation = !company.empty() && company == agreement_company_;
    }
    periods_.push_back(Period{a.kind, a.start, Date(), a.ordinary_minutes()});
    AgreementRecord r;
    r.index = i;
    r.date = e.date;
    r.start = a.start;
    r.kind = a.kind;
    r.minutes_per_week = a.minutes_per_week;
    r.ordinary_minutes_per_week = a.ordinary_minutes();
    r.company = company;
    r.renegotiation = renegotiation;
    // 004_3897fdd271fa8a38.txt, Kerneelement 7: "I aftalen fastlægges borgerens arbejdsopgaver,
    // arbejdstid, delmål for progression under forløbet samt eventuelle hensyn til borgerens
    // helbred" — with the company it is made with; health considerations only where there are any
    // (decision "The agreement's terms" (docs/decisions.md)).
    if (company.empty()) r.missing_terms.push_back(Missing::agreement_company);
    if (!a.terms || a.terms->tasks.empty()) r.missing_terms.push_back(Missing::agreement_tasks);
    if (a.minutes_per_week <= 0) r.missing_terms.push_back(Missing::agreement_weekly_hours);
    if (!a.terms || a.terms->sub_goals.empty()) r.missing_terms.push_back(Missing::agreement_sub_goals);
    agreement_terms_missing_ = r.missing_terms;
    agreement_company_ = company;
    out_.agreements.push_back(std::move(r));
    agreement_ = true;
    advance(e.date);
  }

  void apply(std::size_t i, const Event& e, const FollowUpPlanMade&) {
    // 004_3897fdd271fa8a38.txt, Kerneelement 7: a clear plan for follow-up.
    if (!trin2_fact_allowed(i, e)) return;
    plan_ = true;
    advance(e.date);
  }

  void apply(std::size_t i, const Event& e, const ContactPersonAssigned& c) {
    // 004_3897fdd271fa8a38.txt, Trin 2's end: "en fast kontaktperson for borger i virksomheden" —
    // at the company of the agreement.
    if (!trin2_fact_allowed(i, e)) return;
    contact_person_ = true;
    contact_company_ = c.company;
    advance(e.date);
  }

  void apply(std::size_t i, const Event& e, const HoursWorked& h) {
    if (h.minutes <= 0) return reject(i, e, NotAppliedReason::non_positive_duration);
    if (e.date != day_) {
      day_ = e.date;
      day_minutes_ = 0;
    }
    if (h.minutes > rules_.max_minutes_per_day - day_minutes_)
      return reject(i, e, NotAppliedReason::day_over_24_hours);
    // Hours need an agreement that covers the date and allows their kind
    // (004_3897fdd271fa8a38.txt, Kerneelement 7: ordinary hours and/or virksomhedspraktik).
    bool covered = false, allowed = false;
    for (const auto& p : periods_) {
      if (!p.covers(e.date)) continue;
      covered = true;
      allowed = allowed || p.allows(h.kind);
    }
    if (!covered) return reject(i, e, NotAppliedReason::no_agreement_in_force);
    if (!allowed) return reject(i, e, NotAppliedReason::hours_kind_not_agreed);
    day_minutes_ += h.minutes;
    last_hours_ = e.date;
    MonthHours& m = month_hours(YearMonth::of(e.date));
    (h.kind == HoursKind::ordinary ? m.ordinary : m.internship) += h.minutes;
    // Only hours worked in Trin 3 count toward its exit (004_3897fdd271fa8a38.txt, Trin 3).
    if (h.kind == HoursKind::ordinary && step_ == Step::trin3_virksomhedsforloeb) m.ordinary_in_trin3 += h.minutes;
  }

  void apply(std::size_t i, const Event& e, const Contact&) {
    // 004_3897fdd271fa8a38.txt, Kerneelement 7: contact between jobformidler and citizen.
    if (step_ == Step::not_started) return reject(i, e, NotAppliedReason::before_trin1);
    const YearMonth m = YearMonth::of(e.date);
    if (contact_months_.empty() || contact_months_.back() != m) contact_months_.push_back(m);
    last_contact_ = e.date;
  }

  void apply(std::size_t i, const Event& e, const SanctionFailure& f) {
    if (f.failure_id.empty()) return reject(i, e, NotAppliedReason::empty_failure_id);
    if (find_failure(f.failure_id)) return reject(i, e, NotAppliedReason::duplicate_failure);
    detail::FailureFacts facts;
    facts.id = f.failure_id;
    facts.kind = f.failure;
    facts.date = e.date;
    facts.step_at_failure = step_;
    facts.profile_at_failure = profile_;
    failures_.push_back(std::move(facts));
  }

  /// The failure a sanction-procedure event refers to, or nullptr after recording why not.
  detail::FailureFacts* failure_for(std::size_t i, const Event& e, const std::string& id) {
    if (id.empty()) {
      reject(i, e, NotAppliedReason::empty_failure_id);
      return nullptr;
    }
    if (auto* f = find_failure(id)) return f;
    // Not recorded yet: either it comes later in the record (the earliest such failure is
    // named, whatever the append order), or it does not exist.
    Date later;
    for (const auto& other : case_.events) {
      const auto* sf = std::get_if<SanctionFailure>(&other.data);
      if (sf && sf->failure_id == id && valid(other.date) && e.date < other.date && (later.is_special() || other.date < later))
        later = other.date;
    }
    reject(i, e, later.is_special() ? NotAppliedReason::unknown_failure : NotAppliedReason::before_failure, later);
    return nullptr;
  }

  void apply(std::size_t i, const Event& e, const ReasonableCause& c) {
    if (auto* f = failure_for(i, e, c.failure_id))
      if (!f->cause) f->cause = c.cause;
  }
  void apply(std::size_t i, const Event& e, const VulnerabilityAssessed& v) {
    if (auto* f = failure_for(i, e, v.failure_id)) f->vulnerable = v.vulnerable;
  }
  void apply(std::size_t i, const Event& e, const ConcreteAssessment& a) {
    if (auto* f = failure_for(i, e, a.failure_id)) {
      f->promotes_availability = a.promotes_availability;
      f->considers_vulnerability = a.considers_vulnerability;
      f->assessment_date = e.date;
    }
  }
  void apply(std::size_t i, const Event& e, const HearingSent& h) {
    auto* f = failure_for(i, e, h.failure_id);
    if (!f) return;
    if (valid(h.answer_by) && h.answer_by < e.date) return reject(i, e, NotAppliedReason::answer_by_before_hearing);
    if (!f->hearing_sent) {
      f->hearing_sent = e.date;
      f->hearing_answer_by = h.answer_by;
    }
  }
  void apply(std::size_t i, const Event& e, const HearingAnswered& h) {
    if (auto* f = failure_for(i, e, h.failure_id))
      if (!f->hearing_answered) f->hearing_answered = e.date;
  }
  void apply(std::size_t i, const Event& e, const PersonalContactAttempt& a) {
    auto* f = failure_for(i, e, a.failure_id);
    if (!f) return;
    // 004_3897fdd271fa8a38.txt, Kerneelement 5: personal contact is by phone or in person; a
    // letter or a message is the written hearing's channel, never personal contact.
    if (!is_personal(a.channel)) return reject(i, e, NotAppliedReason::not_personal_channel);
    f->attempts.push_back({e.date, a.channel, a.reached});
  }

  void apply(std::size_t i, const Event& e, const SelfSupport&) {
    if (exited()) return reject(i, e, NotAppliedReason::after_exit, exit_date_);
    if (step_ == Step::not_started) return reject(i, e, NotAppliedReason::before_trin1);
    // 004_3897fdd271fa8a38.txt, Trin 3 (and Kerneelement 3 for Trin 1–2): self-support ends the course.
    fire(Condition::self_supporting, e.date);
  }

  void apply(std::size_t i, const Event& e, const AftercareContact& a) {
    // 004_3897fdd271fa8a38.txt, Trin 3: "efterværn" for citizens who become self-supporting — an
    // encouragement, so recorded and reported, never a duty.
    if (step_ != Step::exit_self_support) return reject(i, e, NotAppliedReason::not_self_supporting);
    out_.aftercare.push_back(AftercareRecord{e.date, a.channel});
  }

  // Decision "Bus trips and training tracks in the case" (docs/decisions.md): one history.
  void apply(std::size_t i, const Event& e, const BusTripAttended& b) {
    // 002_35b99bd4972212c9.txt: a bus trip to companies is part of the course, not after it.
    if (exited()) return reject(i, e, NotAppliedReason::after_exit, exit_date_);
    out_.bus_trips.push_back(BusTripRecord{e.date, b.trip, b.attended, b.companies});
  }

  void apply(std::size_t i, const Event& e, const TrainingTrackStarted& t) {
    // 001_8429fb4aa12981cf.txt: a track of 13 weeks unless its end is recorded.
    if (exited()) return reject(i, e, NotAppliedReason::after_exit, exit_date_);
    Date end = t.end;
    if (end.is_special()) end = e.date + boost::gregorian::days(training_track_days - 1);
    else if (end < e.date) return reject(i, e, NotAppliedReason::invalid_end_date);
    out_.training.push_back(TrainingRecord{e.date, end, t.track, t.workplace, t.mentor});
  }

  // ---- the answers ------------------------------------------------------------------------

  [[nodiscard]] Date trin1_start() const {
    for (const auto& h : out_.history)
      if (h.to == Step::trin1_afklaring) return h.date;
    return Date();
  }

  void finish() {
    out_.step = step_;
    out_.since = since_;
    out_.profile = profile_;
    out_.target_group = out_.profile_periods.back().target_group;
    const YearMonth now = YearMonth::of(opts_.as_of);
    for (const auto& m : out_.hours)
      if (m.month == now) {
        out_.ordinary_this_month = m.ordinary;
        out_.ordinary_in_trin3_this_month = m.ordinary_in_trin3;
      }
    switch (step_) {
      case Step::not_started:
        out_.missing.push_back(Missing::visitation);
        break;
      case Step::trin1_afklaring:
        if (!visited_) out_.missing.push_back(Missing::visitation);
        if (!cv_) out_.missing.push_back(Missing::cv);
        if (!direction_) out_.missing.push_back(Missing::job_direction);
        if (!jobformidler_) out_.missing.push_back(Missing::jobformidler);
        break;
      case Step::trin2_paa_vej_mod_job:
        if (!agreement_) out_.missing.push_back(Missing::agreement);
        else out_.missing.insert(out_.missing.end(), agreement_terms_missing_.begin(), agreement_terms_missing_.end());
        if (!plan_) out_.missing.push_back(Missing::followup_plan);
        if (!contact_person_) out_.missing.push_back(Missing::contact_person);
        else if (agreement_ && !contact_at_agreement_company()) out_.missing.push_back(Missing::contact_person_company);
        break;
      case Step::trin3_virksomhedsforloeb:
        out_.missing.push_back(Missing::ordinary_hours);
        out_.thirty_hours_pending = out_.ordinary_in_trin3_this_month >= rules_.exit_ordinary_minutes_per_month;
        break;
      default:
        break;
    }
    finish_followup(now);
    for (const auto& f : failures_)
      out_.sanctions.push_back(detail::answer_sanction(f, rules_, opts_.as_of, opts_.daily_rate));
    finish_course();
  }

  static std::int32_t days_between(Date a, Date b) { return static_cast<std::int32_t>((b - a).days()); }

  /// Whole calendar months from `a` to `b` (b ≥ a): 31 January to 28 February is 0, to 1 March 1.
  static std::int32_t whole_months(Date a, Date b) {
    std::int32_t m = (b.year() - a.year()) * 12 + (b.month() - a.month());
    if (b.day() < a.day() && b != b.end_of_month()) --m;
    return std::max(m, 0);
  }

  /// Continuity, time in Trin 2, the course of agreed hours and the caller's alerts.
  void finish_course() {
    const Date as_of = opts_.as_of;
    JobformidlerContinuity& c = out_.jobformidler;
    if (!c.current.empty()) c.days_with_current = days_between(c.since, as_of);

    // Time in Trin 2 (004_3897fdd271fa8a38.txt, Trin 2: "hurtigst muligt matches").
    for (std::size_t k = 0; k < out_.history.size(); ++k) {
      if (out_.history[k].to != Step::trin2_paa_vej_mod_job) continue;
      const Date until = k + 1 < out_.history.size() ? out_.history[k + 1].date : as_of;
      out_.total_days_in_trin2 += days_between(out_.history[k].date, until);
    }
    if (step_ == Step::trin2_paa_vej_mod_job) out_.days_in_trin2 = days_between(since_, as_of);

    const Date start = trin1_start();
    // Inactivity "fra borgerens side" ends at any sign of the citizen's activity the record holds: a
    // contact, hours worked, an attended bus trip, the start of a training track (days on a track
    // are not recorded, so a planned track does not hide a citizen who stopped coming; decision
    // "Alert thresholds" (docs/decisions.md)).
    auto active_on = [&](Date d) {
      if (valid(d) && !(as_of < d) && (!out_.inactive_since || *out_.inactive_since < d)) out_.inactive_since = d;
    };
    active_on(start);
    if (!contact_months_.empty()) active_on(last_contact_);
    active_on(last_hours_);
    for (const auto& b : out_.bus_trips)
      if (b.attended) active_on(b.date);
    for (const auto& t : out_.training) active_on(t.start);
    if (!valid(start)) out_.inactive_since.reset();  // before Trin 1 nobody is inactive in the course

    // The texts give no numbers: every threshold is the caller's (decision "Alert thresholds"
    // (docs/decisions.md)).
    const AlertOptions& a = opts_.alerts;
    const bool in_course = step_ == Step::trin1_afklaring || step_ == Step::trin2_paa_vej_mod_job ||
                           step_ == Step::trin3_virksomhedsforloeb;
    // 004_3897fdd271fa8a38.txt, Kerneelement 5: "opsøgende i tilfælde af inaktivitet".
    if (a.inactive_days && in_course && out_.inactive_since) {
      const auto days = days_between(*out_.inactive_since, as_of);
      if (days > *a.inactive_days) out_.alerts.push_back({AlertKind::inactive, days, *a.inactive_days, &sources::inactivity});
    }
    if (a.trin2_days && out_.days_in_trin2 > *a.trin2_days)
      out_.alerts.push_back({AlertKind::long_in_trin2, out_.days_in_trin2, *a.trin2_days, &sources::trin2_duration});
    // 004_3897fdd271fa8a38.txt, Kerneelement 9: renegotiated "med henblik på at opnå flere ordinære
    // timer"; otherwise another company. Months since the agreed ordinary hours last rose in this
    // spell of Trin 3 (or since it began).
    if (a.stagnation_months && step_ == Step::trin3_virksomhedsforloeb) {
      Date last_rise = since_;
      std::optional<Minutes> before;
      bool known = true;
      for (const auto& p : periods_) {
        if (as_of < p.start || (!p.end.is_special() && p.end < since_)) continue;  // not in this spell
        if (!p.ordinary) {
          known = false;  // an agreement of both kinds that does not say its ordinary hours
          continue;
        }
        if (before && *p.ordinary > *before && since_ < p.start) last_rise = p.start;
        before = p.ordinary;
      }
      const auto months = whole_months(last_rise, as_of);
      if (known && months >= *a.stagnation_months)
        out_.alerts.push_back({AlertKind::stagnation, months, *a.stagnation_months, &sources::progression});
    }
  }

  /// 004_3897fdd271fa8a38.txt, Kerneelement 7: at least one contact a month in the first year;
  /// decision "Monthly follow-up" (docs/decisions.md): from entry into Trin 3, calendar months.
  void finish_followup(YearMonth now) {
    FollowUp& f = out_.followup;
    if (!contact_months_.empty()) f.last_contact = last_contact_;
    if (!valid(trin3_entry_)) return;
    f.applies = true;
    // "under ansættelsen … en gang i måneden i det første år": the year runs from the start of
    // the first agreement; months before it, and before Trin 3, need no contact (decision
    // "Monthly follow-up" (docs/decisions.md)).
    f.start = first_agreement_start_;
    f.trin3_entry = trin3_entry_;
    const YearMonth year_start = YearMonth::of(first_agreement_start_);
    f.first_month = std::max(year_start, YearMonth::of(trin3_entry_));
    f.last_month = year_start.plus(rules_.followup_months - 1);
    if (valid(exit_date_)) {
      // A month needs a contact only if the citizen was still in the model at its last day.
      const YearMonth em = YearMonth::of(exit_date_);
      const YearMonth last_in_model = exit_date_ == em.last_day() ? em : em.plus(-1);
      f.last_month = std::min(f.last_month, last_in_model);
    }
    auto contacted = [&](YearMonth m) {
      return std::binary_search(contact_months_.begin(), contact_months_.end(), m);
    };
    for (YearMonth m = f.first_month; m <= f.last_month && m <= now; m = m.plus(1))
      if (m.last_day() < opts_.as_of && !contacted(m)) f.breached.push_back(m);
    if (exited() || now < f.first_month || f.last_month < now) return;
    if (!contacted(now)) {
      f.due_this_month = true;
      f.deadline = now.last_day();
    } else if (now.plus(1) <= f.last_month) {
      f.deadline = now.plus(1).last_day();
    }
  }

  const Case& case_;
  const EvaluateOptions& opts_;
  const RuleSet& rules_;
  Evaluation& out_;

  Step step_ = Step::not_started;
  Date since_;
  Profile profile_;
  bool visited_ = false, cv_ = false, direction_ = false, jobformidler_ = false;
  std::optional<Goal> goal_;
  Date visited_date_;
  bool agreement_ = false, plan_ = false, contact_person_ = false;
  std::vector<Missing> agreement_terms_missing_;
  std::string agreement_company_, contact_company_;
  std::vector<Period> periods_;
  Date trin3_entry_, first_agreement_start_, exit_date_;
  Date day_;
  Minutes day_minutes_ = 0;
  YearMonth checked_month_{-1};
  Date open_month_end_;  // last day of out_.hours.back().month
  std::vector<YearMonth> contact_months_;
  Date last_contact_;
  Date last_hours_;  // the latest day with hours worked (applied)
  std::vector<detail::FailureFacts> failures_;
};

}  // namespace

void check_alert_options(const AlertOptions& a) {
  auto check = [](const char* field, const std::optional<int>& v, int most, const char* unit) {
    if (v && (*v < 1 || *v > most))
      throw Error(Errc::invalid_argument, field, std::to_string(*v),
                  std::string("out of range: from 1 to ") + std::to_string(most) + " " + unit);
  };
  check("alerts.inactive_days", a.inactive_days, max_alert_days, "days");
  check("alerts.trin2_days", a.trin2_days, max_alert_days, "days");
  check("alerts.stagnation_months", a.stagnation_months, max_alert_months, "months");
}

Evaluation evaluate(const Case& c, const EvaluateOptions& opts) {
  if (opts.as_of.is_special())
    throw Error(Errc::invalid_argument, "as_of", iso(opts.as_of), "evaluation needs a valid as-of date");
  if (opts.daily_rate) check_daily_rate(*opts.daily_rate);
  check_alert_options(opts.alerts);
  const RuleSet& rules = opts.rules ? *opts.rules : default_rules();
  // A rule set answers only for the dates it is in force.
  if (!rules.valid_from.is_special() && opts.as_of < rules.valid_from)
    throw Error(Errc::invalid_argument, "as_of", iso(opts.as_of),
                "before the rule set " + rules.version + " is in force (from " + iso(rules.valid_from) + ")");
  Evaluation out;
  out.citizen = c.citizen;
  out.as_of = opts.as_of;
  out.rule_set = rules.version;
  out.warnings = c.warnings;
  Fold(c, opts, rules, out).run();
  return out;
}

std::vector<bool> not_applied_events(const Case& c, const Evaluation& e) {
  std::vector<std::size_t> unreadable;
  unreadable.reserve(c.rejected.size());
  for (const auto& r : c.rejected) unreadable.push_back(r.index);
  std::sort(unreadable.begin(), unreadable.end());
  // The i-th event is the i-th input position that no unreadable one takes.
  std::vector<bool> out(c.events.size(), false);
  for (const auto& n : e.not_applied) {
    if (n.reason == NotAppliedReason::unreadable) continue;
    const auto before =
        static_cast<std::size_t>(std::lower_bound(unreadable.begin(), unreadable.end(), n.index) - unreadable.begin());
    if (n.index - before < out.size()) out[n.index - before] = true;
  }
  return out;
}

std::vector<Evaluation> evaluate_all(const Caseload& load, const EvaluateOptions& opts) {
  std::vector<Evaluation> out;
  out.reserve(load.cases.size());
  detail::StageProgress progress(opts.progress, "evaluate", load.cases.size());
  for (const auto& c : load.cases) {
    out.push_back(evaluate(c, opts));
    progress.at(out.size());
  }
  progress.finish();
  return out;
}

std::vector<WorklistEntry> followup_worklist(const std::vector<Evaluation>& evaluations, const WorklistOptions& options) {
  // Decision "No CPR numbers" (docs/decisions.md): an id shaped like one is refused, never echoed.
  if (looks_like_cpr(options.jobformidler))
    throw Error(Errc::invalid_argument, "jobformidler", "",
                "looks like a CPR number; kanten takes opaque ids only, never a CPR number");
  std::vector<WorklistEntry> w;
  for (const auto& e : evaluations) {
    const bool due = e.followup.due_this_month && e.followup.deadline;
    if (!due && e.alerts.empty()) continue;
    if (!options.jobformidler.empty() && e.jobformidler.current != options.jobformidler) continue;
    WorklistEntry x;
    x.citizen = e.citizen;
    x.jobformidler = e.jobformidler.current;
    x.step = e.step;
    x.followup_due = due;
    if (due) x.deadline = e.followup.deadline;
    x.last_contact = e.followup.last_contact;
    x.breached_months = e.followup.breached.size();
    x.alerts = e.alerts;
    w.push_back(std::move(x));
  }
  std::sort(w.begin(), w.end(), [&](const WorklistEntry& a, const WorklistEntry& b) {
    if (options.group_by_jobformidler && a.jobformidler != b.jobformidler) {
      if (a.jobformidler.empty() || b.jobformidler.empty()) return b.jobformidler.empty();  // none last
      return a.jobformidler < b.jobformidler;
    }
    if (a.deadline != b.deadline) {
      if (!a.deadline || !b.deadline) return bool(a.deadline);  // due before alerts only
      return *a.deadline < *b.deadline;
    }
    if (a.last_contact != b.last_contact) {
      if (!a.last_contact) return true;  // never contacted first
      if (!b.last_contact) return false;
      return *a.last_contact < *b.last_contact;
    }
    return a.citizen < b.citizen;
  });
  return w;
}

}  // namespace kanten::inline v1
