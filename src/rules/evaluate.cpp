// The fold: a case's events, in one total order, applied against the step table.
//
// Each handler below checks one event against the rules that govern it and either applies it
// or records why not. Step changes go only through rows of `transitions` (model.hpp).
#include "kanten/rules/evaluate.hpp"

#include "rules/fold.hpp"
#include "core/progress.hpp"
#include "kanten/core/error.hpp"

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
    out_.target_group = target_group(case_.profile);
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
        sorted = a.data.index() != b.data.index() ? a.data.index() < b.data.index() : !(b < a);
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
    if (t.to == Step::trin3_virksomhedsforloeb && !valid(trin3_entry_)) trin3_entry_ = d;
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
      // 004_3897fdd271fa8a38.txt, Kerneelement 8 (end of Trin 2): agreement, follow-up plan, contact person.
      case Condition::trin2_complete: return agreement_ && plan_ && contact_person_;
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

  /// The 30-hour exit: at the end of a calendar month in Trin 3 with enough ordinary minutes
  /// (004_3897fdd271fa8a38.txt, Trin 3; decision "The 30-hour exit" (docs/decisions.md)). A month has ended when
  /// `now` is after its last day.
  void close_month_if_ended(Date now) {
    if (out_.hours.empty() || checked_month_ == out_.hours.back().month) return;
    const MonthHours& m = out_.hours.back();
    const Date last = open_month_end_;
    if (!(last < now)) return;
    checked_month_ = m.month;
    if (step_ == Step::trin3_virksomhedsforloeb && m.ordinary >= rules_.exit_ordinary_minutes_per_month)
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
    if (!out_.target_group.member) {
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

  void apply(std::size_t i, const Event& e, const JobformidlerAssigned&) {
    // 004_3897fdd271fa8a38.txt, Kerneelement 5: every participant gets a jobformidler in Trin 1.
    if (!trin1_fact_allowed(i, e)) return;
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
    if (case_.profile.benefit == Benefit::uddannelseshjaelp && d.goal == Goal::employment) {
      out_.violations.push_back(Violation{i, e.date, "education_goal_for_uddannelseshjaelp",
                                          "for an uddannelseshjælp recipient the long-term goal of the plan must "
                                          "be education, not employment",
                                          &sources::education_goal});
      return reject(i, e, NotAppliedReason::education_goal_required);
    }
    direction_ = true;
    advance(e.date);
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
    for (auto& p : periods_) {
      if (!p.end.is_special()) continue;
      p.end = a.start <= p.start ? p.start - boost::gregorian::days(1) : a.start - boost::gregorian::days(1);
    }
    periods_.push_back(Period{a.kind, a.start, Date()});
    agreement_ = true;
    advance(e.date);
  }

  void apply(std::size_t i, const Event& e, const FollowUpPlanMade&) {
    // 004_3897fdd271fa8a38.txt, Kerneelement 7: a clear plan for follow-up.
    if (!trin2_fact_allowed(i, e)) return;
    plan_ = true;
    advance(e.date);
  }

  void apply(std::size_t i, const Event& e, const ContactPersonAssigned&) {
    // 004_3897fdd271fa8a38.txt, Kerneelement 7: a fixed contact person at the company.
    if (!trin2_fact_allowed(i, e)) return;
    contact_person_ = true;
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
    MonthHours& m = month_hours(YearMonth::of(e.date));
    (h.kind == HoursKind::ordinary ? m.ordinary : m.internship) += h.minutes;
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
    if (auto* f = failure_for(i, e, h.failure_id))
      if (!f->hearing_sent) f->hearing_sent = e.date;
  }
  void apply(std::size_t i, const Event& e, const HearingAnswered& h) {
    if (auto* f = failure_for(i, e, h.failure_id))
      if (!f->hearing_answered) f->hearing_answered = e.date;
  }
  void apply(std::size_t i, const Event& e, const PersonalContactAttempt& a) {
    if (auto* f = failure_for(i, e, a.failure_id)) f->attempts.push_back({e.date, a.channel, a.reached});
  }

  void apply(std::size_t i, const Event& e, const SelfSupport&) {
    if (exited()) return reject(i, e, NotAppliedReason::after_exit, exit_date_);
    if (step_ == Step::not_started) return reject(i, e, NotAppliedReason::before_trin1);
    // 004_3897fdd271fa8a38.txt, Trin 3 (and Kerneelement 3 for Trin 1–2): self-support ends the course.
    fire(Condition::self_supporting, e.date);
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
    const YearMonth now = YearMonth::of(opts_.as_of);
    for (const auto& m : out_.hours)
      if (m.month == now) out_.ordinary_this_month = m.ordinary;
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
        if (!plan_) out_.missing.push_back(Missing::followup_plan);
        if (!contact_person_) out_.missing.push_back(Missing::contact_person);
        break;
      case Step::trin3_virksomhedsforloeb:
        out_.missing.push_back(Missing::ordinary_hours);
        out_.thirty_hours_pending = out_.ordinary_this_month >= rules_.exit_ordinary_minutes_per_month;
        break;
      default:
        break;
    }
    finish_followup(now);
    for (const auto& f : failures_)
      out_.sanctions.push_back(detail::answer_sanction(f, rules_, opts_.daily_rate));
  }

  /// 004_3897fdd271fa8a38.txt, Kerneelement 7: at least one contact a month in the first year;
  /// decision "Monthly follow-up" (docs/decisions.md): from entry into Trin 3, calendar months.
  void finish_followup(YearMonth now) {
    FollowUp& f = out_.followup;
    if (!contact_months_.empty()) f.last_contact = last_contact_;
    if (!valid(trin3_entry_)) return;
    f.applies = true;
    f.start = trin3_entry_;
    f.first_month = YearMonth::of(trin3_entry_);
    f.last_month = f.first_month.plus(rules_.followup_months - 1);
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
  bool visited_ = false, cv_ = false, direction_ = false, jobformidler_ = false;
  Date visited_date_;
  bool agreement_ = false, plan_ = false, contact_person_ = false;
  std::vector<Period> periods_;
  Date trin3_entry_, exit_date_;
  Date day_;
  Minutes day_minutes_ = 0;
  YearMonth checked_month_{-1};
  Date open_month_end_;  // last day of out_.hours.back().month
  std::vector<YearMonth> contact_months_;
  Date last_contact_;
  std::vector<detail::FailureFacts> failures_;
};

}  // namespace

Evaluation evaluate(const Case& c, const EvaluateOptions& opts) {
  if (opts.as_of.is_special())
    throw Error(Errc::invalid_argument, "as_of", iso(opts.as_of), "evaluation needs a valid as-of date");
  if (opts.daily_rate) check_daily_rate(*opts.daily_rate);
  const RuleSet& rules = opts.rules ? *opts.rules : default_rules();
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

std::vector<WorklistEntry> followup_worklist(const std::vector<Evaluation>& evaluations) {
  std::vector<WorklistEntry> w;
  for (const auto& e : evaluations) {
    if (!e.followup.due_this_month || !e.followup.deadline) continue;
    w.push_back(WorklistEntry{e.citizen, *e.followup.deadline, e.followup.last_contact, e.followup.breached.size()});
  }
  std::sort(w.begin(), w.end(), [](const WorklistEntry& a, const WorklistEntry& b) {
    if (a.deadline != b.deadline) return a.deadline < b.deadline;
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
