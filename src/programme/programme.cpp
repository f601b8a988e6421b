// Evaluation figures of a programme: a fold over each case's evaluation (include/kanten/programme/programme.hpp).
//
// Each case is evaluated once, as of the date asked; the figures are read from the evaluation
// (step history, hours by month) and from the events the evaluation applied. An event dated on or
// before as_of is applied unless the evaluation lists it in not_applied, so the figures rest on
// exactly the record the rules accepted.
#include "kanten/programme/programme.hpp"
#include "kanten/programme/report.hpp"
#include "kanten/programme/survival.hpp"

#include "core/json_text.hpp"
#include "programme/json_writers.hpp"
#include "kanten/core/error.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <map>
#include <numeric>

namespace kanten::inline v1 {
namespace {

bool valid(Date d) noexcept { return !d.is_special(); }

/// An agreement's period as the evaluation applied it (last day inclusive; open: not-a-date).
struct Period {
  Date start, end;
  [[nodiscard]] bool overlaps(Date from, Date to) const {
    return start <= to && (end.is_special() || (from <= end && start <= end));
  }
};

/// What the figures need of one case: its evaluation and the dates read from its applied events.
struct Course {
  const Case* c = nullptr;
  Evaluation e;
  Date entry;        // Trin 1 starts (not-a-date: never entered)
  Date trin3;        // first entry into Trin 3
  Date first_paid;   // first day with ordinary hours applied
  Date last_paid;    // last day with ordinary hours applied
  const StepChange* exit = nullptr;
  std::vector<Period> agreements;

  [[nodiscard]] bool entered() const { return valid(entry); }

  /// The step at the end of `d`.
  [[nodiscard]] Step step_on(Date d) const {
    Step s = Step::not_started;
    for (const auto& h : e.history) {
      if (h.date > d) break;
      s = h.to;
    }
    return s;
  }
  [[nodiscard]] MonthHours hours(YearMonth m) const {
    for (const auto& h : e.hours)
      if (h.month == m) return h;
    return MonthHours{m, 0, 0};
  }
  [[nodiscard]] bool reached(Step s) const {
    return std::any_of(e.history.begin(), e.history.end(), [s](const StepChange& h) { return h.to == s; });
  }
  /// The profile period in force at the end of `d` (004, Kerneelement 3: the dated profile).
  [[nodiscard]] const ProfilePeriod* profile_on(Date d) const {
    const ProfilePeriod* p = e.profile_periods.empty() ? nullptr : &e.profile_periods.front();
    for (const auto& q : e.profile_periods) {
      if (!q.from.is_special() && q.from > d) break;
      p = &q;
    }
    return p;
  }
  /// Bus trips attended from `from` to `to` (002).
  [[nodiscard]] std::int32_t trips_attended(Date from, Date to) const {
    return static_cast<std::int32_t>(std::count_if(e.bus_trips.begin(), e.bus_trips.end(), [&](const BusTripRecord& b) {
      return b.attended && from <= b.date && b.date <= to;
    }));
  }
  /// On a training track at the end of `d` (001).
  [[nodiscard]] bool in_training(Date d) const {
    return std::any_of(e.training.begin(), e.training.end(),
                       [&](const TrainingRecord& t) { return t.start <= d && d <= t.end; });
  }
  /// An agreement recorded on or after `d`.
  [[nodiscard]] bool agreement_since(Date d) const {
    return std::any_of(e.agreements.begin(), e.agreements.end(), [&](const AgreementRecord& a) { return d <= a.date; });
  }
};

Course make_course(const Case& c, const EvaluateOptions& eo) {
  Course k;
  k.c = &c;
  k.e = evaluate(c, eo);
  for (const auto& h : k.e.history) {
    if (h.to == Step::trin1_afklaring && !valid(k.entry)) k.entry = h.date;
    if (h.to == Step::trin3_virksomhedsforloeb && !valid(k.trin3)) k.trin3 = h.date;
  }
  k.exit = k.e.exit();

  const std::vector<bool> rejected = not_applied_events(c, k.e);
  // Agreements and break-offs in the engine's order (date, kind, content; a break-off before an
  // agreement of the same day), for the periods below.
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < c.events.size(); ++i) {
    const Event& ev = c.events[i];
    if (rejected[i] || ev.date.is_special() || ev.date > eo.as_of) continue;
    if (const auto* h = std::get_if<HoursWorked>(&ev.data); h && h->kind == HoursKind::ordinary) {
      if (!valid(k.first_paid) || ev.date < k.first_paid) k.first_paid = ev.date;
      if (!valid(k.last_paid) || k.last_paid < ev.date) k.last_paid = ev.date;
    }
    if (ev.kind() == EventKind::agreement || ev.kind() == EventKind::course_broken_off) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    auto o = c.events[a] <=> c.events[b];
    return o != 0 ? o < 0 : a < b;
  });
  // The periods as src/rules/evaluate.cpp keeps them (004_3897fdd271fa8a38.txt, Kerneelement 7 and 9):
  // a new agreement replaces the open one from its start; a break-off (Trin 3) ends it that day.
  for (std::size_t i : order) {
    const Event& ev = c.events[i];
    if (const auto* a = std::get_if<AgreementMade>(&ev.data)) {
      for (auto& p : k.agreements)
        if (p.end.is_special()) p.end = (a->start <= p.start ? p.start : a->start) - boost::gregorian::days(1);
      k.agreements.push_back(Period{a->start, Date()});
    } else {
      for (auto& p : k.agreements)
        if (p.end.is_special()) p.end = ev.date;
    }
  }
  return k;
}

std::vector<Course> courses(const Caseload& load, const ProgrammeOptions& opts) {
  if (opts.as_of.is_special())
    throw Error(Errc::invalid_argument, "as_of", iso(opts.as_of), "the programme figures need a valid as-of date");
  EvaluateOptions eo;
  eo.as_of = opts.as_of;
  eo.rules = opts.rules;
  std::vector<Course> out;
  out.reserve(load.cases.size());
  for (const auto& c : load.cases) out.push_back(make_course(c, eo));
  return out;
}

/// The last day of month `m` that counts as of `as_of`.
Date month_end(YearMonth m, Date as_of) { return std::min(m.last_day(), as_of); }

/// The panel rows of one course.
void panel_rows(const Course& k, Date as_of, std::vector<PersonMonth>& out) {
  if (!k.entered()) return;
  const YearMonth last = k.exit ? YearMonth::of(k.exit->date) : YearMonth::of(as_of);
  for (YearMonth m = YearMonth::of(k.entry); m <= last; m = m.plus(1)) {
    const Date end = month_end(m, as_of);
    const MonthHours h = k.hours(m);
    PersonMonth row;
    row.citizen = k.e.citizen;
    row.month = m;
    row.step = k.step_on(end);
    row.ordinary = h.ordinary;
    row.internship = h.internship;
    const Date from = std::max(m.first_day(), k.entry);
    const Date to = k.exit ? std::min(end, k.exit->date) : end;
    row.agreement = std::any_of(k.agreements.begin(), k.agreements.end(),
                                [&](const Period& p) { return p.overlaps(from, to); });
    if (k.exit && YearMonth::of(k.exit->date) == m) row.exit = k.exit->to;
    // 004, Kerneelement 3: membership on the month's last day counted, by the dated profile.
    if (const ProfilePeriod* p = k.profile_on(end)) {
      row.in_target_group = p->target_group.member;
      row.benefit = p->profile.benefit;
      row.activity_ready = p->profile.activity_ready;
      row.lives_in_designated_area = p->profile.lives_in_designated_area;
      row.in_integration_programme = p->profile.in_integration_programme;
    }
    row.bus_trips = k.trips_attended(m.first_day(), end);
    row.in_training = k.in_training(end);
    out.push_back(std::move(row));
  }
}

/// The observation of one course for an endpoint (see Endpoint and docs/programme.md).
Observation observe(const Course& k, Date as_of, Endpoint endpoint) {
  auto days = [&](Date d) { return static_cast<std::int32_t>((d - k.entry).days()); };
  switch (endpoint) {
    case Endpoint::first_paid_hours:
      if (valid(k.first_paid)) return {days(k.first_paid), true};
      break;
    case Endpoint::exit:
      if (k.exit) return {days(k.exit->date), true};
      break;
    case Endpoint::exit_30_hours:
      if (k.exit && k.exit->to == Step::exit_30_hours) return {days(k.exit->date), true};
      break;
  }
  // Right-censored: at an exit that is not the event (the citizen is no longer followed), else at as_of.
  return {days(k.exit ? k.exit->date : as_of), false};
}

/// The activity figures of bus trips (002) and training tracks (001) in the courses' records.
void activity_figures(const std::vector<Course>& ks, Date as_of, ActivityFigures& bus, ActivityFigures& training) {
  for (const auto& k : ks) {
    Date first;
    for (const auto& b : k.e.bus_trips) {
      if (as_of < b.date) continue;
      if (!b.attended) {
        ++bus.not_attended;
        continue;
      }
      ++bus.count;
      if (!valid(first) || b.date < first) first = b.date;
    }
    // "Flere borgere, som deltager på busturene, opnår tilknytning til arbejdsmarkedet gennem
    // praktikker og småjobs" (002, Introduktion): what followed the first trip.
    if (valid(first)) {
      ++bus.citizens;
      if (k.agreement_since(first)) ++bus.agreement_after;
      if (valid(k.last_paid) && first <= k.last_paid) ++bus.paid_hours_after;
    }
    first = Date();
    bool running = false;
    for (const auto& t : k.e.training) {
      if (as_of < t.start) continue;
      ++training.count;
      if (!valid(first) || t.start < first) first = t.start;
      running = running || as_of <= t.end;
    }
    if (valid(first)) {
      ++training.citizens;
      if (running) ++training.in_progress;
      if (k.agreement_since(first)) ++training.agreement_after;
      if (valid(k.last_paid) && first <= k.last_paid) ++training.paid_hours_after;
    }
  }
}

std::optional<double> share(std::size_t n, std::size_t of) {
  if (of == 0) return std::nullopt;
  return static_cast<double>(n) / static_cast<double>(of);
}

}  // namespace

std::vector<PersonMonth> person_months(const Caseload& load, const ProgrammeOptions& opts) {
  std::vector<PersonMonth> out;
  for (const auto& k : courses(load, opts)) panel_rows(k, opts.as_of, out);
  return out;
}

std::vector<Observation> observations(const Caseload& load, const ProgrammeOptions& opts, Endpoint endpoint) {
  std::vector<Observation> out;
  for (const auto& k : courses(load, opts))
    if (k.entered()) out.push_back(observe(k, opts.as_of, endpoint));
  return out;
}

std::vector<ObservationRow> observation_table(const Caseload& load, const ProgrammeOptions& opts, Endpoint endpoint) {
  std::vector<ObservationRow> out;
  for (const auto& k : courses(load, opts)) {
    if (!k.entered()) continue;
    ObservationRow row;
    row.citizen = k.e.citizen;
    row.entry = k.entry;
    row.observation = observe(k, opts.as_of, endpoint);
    // The exit that ended the follow-up: taken on the observation's last day (docs/programme.md).
    if (k.exit && (k.exit->date - k.entry).days() == row.observation.days) row.exit = k.exit->to;
    // 004, Kerneelement 3: the dated profile in force on the day of entry.
    if (const ProfilePeriod* p = k.profile_on(k.entry)) row.profile = p->profile;
    else row.profile = k.c->profile;
    out.push_back(std::move(row));
  }
  return out;
}

KaplanMeierCurve kaplan_meier(std::span<const Observation> observations, double alpha) {
  const double z = normal_critical_value(alpha);
  for (std::size_t i = 0; i < observations.size(); ++i)
    if (observations[i].days < 0)
      throw Error(Errc::invalid_argument, "observations[" + std::to_string(i) + "].days",
                  std::to_string(observations[i].days), "a time must not be negative");
  std::vector<Observation> obs(observations.begin(), observations.end());
  std::sort(obs.begin(), obs.end(), [](const Observation& a, const Observation& b) { return a.days < b.days; });
  KaplanMeierCurve k;
  k.subjects = obs.size();
  double survival = 1.0;
  double greenwood = 0.0;  // Σ events / (at_risk · (at_risk − events)): Greenwood's variance over S²
  std::size_t at_risk = obs.size();
  for (std::size_t i = 0; i < obs.size();) {
    KaplanMeierStep s;
    s.days = obs[i].days;
    s.at_risk = at_risk;
    for (; i < obs.size() && obs[i].days == s.days; ++i) (obs[i].event ? s.events : s.censored) += 1;
    // S(t) = S(t−) · (1 − d/n): those censored at t are still at risk at t.
    survival *= 1.0 - static_cast<double>(s.events) / static_cast<double>(s.at_risk);
    s.survival = survival;
    // Greenwood's formula, as statsmodels' SurvfuncRight computes it: undefined (NaN) from the
    // time everyone left at risk has the event (the survival is then 0).
    if (s.events == s.at_risk) greenwood = std::numeric_limits<double>::quiet_NaN();
    else greenwood += static_cast<double>(s.events) / (static_cast<double>(s.at_risk) * static_cast<double>(s.at_risk - s.events));
    s.std_err = survival * std::sqrt(greenwood);
    const ConfidenceLimits ci = loglog_limits(survival, s.std_err, z);
    s.lower = ci.lower;
    s.upper = ci.upper;
    k.events += s.events;
    k.censored += s.censored;
    at_risk -= s.events + s.censored;
    if (!k.median && s.events > 0 && survival <= 0.5) k.median = s.days;
    k.steps.push_back(s);
  }
  return k;
}

ProgrammeFigures programme_figures(const Caseload& load, const ProgrammeOptions& opts) {
  for (std::size_t i = 0; i < opts.retention_months.size(); ++i)
    if (opts.retention_months[i] < 1 || opts.retention_months[i] > max_retention_months)
      throw Error(Errc::invalid_argument, "retention_months[" + std::to_string(i) + "]",
                  std::to_string(opts.retention_months[i]),
                  "out of range: from 1 to " + std::to_string(max_retention_months) + " months");
  const std::vector<Course> ks = courses(load, opts);
  ProgrammeFigures f;
  f.as_of = opts.as_of;
  f.rule_set = (opts.rules ? *opts.rules : default_rules()).version;

  auto add = [&](FunnelStage s) { ++f.funnel[static_cast<std::size_t>(s)]; };
  for (const auto& k : ks) {
    add(FunnelStage::caseload);
    if (!k.entered()) continue;
    add(FunnelStage::entered);
    if (k.reached(Step::trin2_paa_vej_mod_job)) add(FunnelStage::trin2);
    if (k.reached(Step::trin3_virksomhedsforloeb)) add(FunnelStage::trin3);
    if (valid(k.first_paid)) add(FunnelStage::paid_hours);
    if (k.exit && k.exit->to == Step::exit_30_hours) add(FunnelStage::exit_30_hours);
    if (k.exit && k.exit->to == Step::exit_self_support) add(FunnelStage::exit_self_support);
    if (k.exit && k.exit->to == Step::exit_rehabilitation_team) add(FunnelStage::exit_rehabilitation_team);
  }
  const std::size_t entered = f.count(FunnelStage::entered);
  f.paid_hours_share = share(f.count(FunnelStage::paid_hours), entered);
  f.thirty_hours_share = share(f.count(FunnelStage::exit_30_hours), entered);

  // Retention (004_3897fdd271fa8a38.txt, Kerneelement 9: "fokus på fastholdelse"; the measure is
  // kanten's own, docs/programme.md): in month M0 + N after the first entry into Trin 3.
  for (int n : opts.retention_months) {
    Retention r;
    r.months = n;
    for (const auto& k : ks) {
      if (!valid(k.trin3)) continue;
      const YearMonth m = YearMonth::of(k.trin3).plus(n);
      if (m.last_day() > opts.as_of) continue;
      ++r.eligible;
      const bool exited_to_work = k.exit && k.exit->date <= m.last_day() &&
                                  (k.exit->to == Step::exit_30_hours || k.exit->to == Step::exit_self_support);
      if (exited_to_work || k.hours(m).ordinary > 0) ++r.retained;
    }
    r.share = share(r.retained, r.eligible);
    f.retention.push_back(r);
  }

  // Citizens per step at each month's end, from the first month anyone entered.
  std::optional<YearMonth> first;
  for (const auto& k : ks)
    if (k.entered() && (!first || YearMonth::of(k.entry) < *first)) first = YearMonth::of(k.entry);
  if (first) {
    for (YearMonth m = *first; m <= YearMonth::of(opts.as_of); m = m.plus(1)) {
      MonthSteps row;
      row.month = m;
      const Date end = month_end(m, opts.as_of);
      for (const auto& k : ks) ++row.citizens[static_cast<std::size_t>(k.step_on(end))];
      f.steps_by_month.push_back(row);
    }
  }

  for (std::size_t e = 0; e < endpoint_count; ++e) {
    std::vector<Observation> obs;
    for (const auto& k : ks)
      if (k.entered()) obs.push_back(observe(k, opts.as_of, static_cast<Endpoint>(e)));
    f.curves[e] = kaplan_meier(obs);
  }
  activity_figures(ks, opts.as_of, f.bus_trips, f.training);
  return f;
}

json_text::ojson figures_ojson(const ProgrammeFigures& f) {
  using json_text::ojson;
  auto opt = [](const std::optional<double>& v) { return v ? ojson(*v) : ojson(nullptr); };
  // A standard error or limit that is undefined (NaN once the survival is 0) is null: JSON has no NaN.
  auto number_or_null = [](double v) { return std::isnan(v) ? ojson(nullptr) : ojson(v); };
  ojson j = ojson::object();
  j["as_of"] = iso(f.as_of);
  j["rule_set"] = f.rule_set;
  ojson funnel = ojson::object();
  for (std::size_t s = 0; s < funnel_stage_count; ++s) funnel[std::string(name(static_cast<FunnelStage>(s)))] = f.funnel[s];
  j["funnel"] = std::move(funnel);
  j["paid_hours_share"] = opt(f.paid_hours_share);
  j["thirty_hours_share"] = opt(f.thirty_hours_share);
  ojson retention = ojson::array();
  for (const auto& r : f.retention)
    retention.push_back({{"months", r.months}, {"eligible", r.eligible}, {"retained", r.retained}, {"share", opt(r.share)}});
  j["retention"] = std::move(retention);
  ojson months = ojson::array();
  for (const auto& m : f.steps_by_month) {
    ojson steps = ojson::object();
    for (std::size_t s = 0; s < step_count; ++s) steps[std::string(name(static_cast<Step>(s)))] = m.citizens[s];
    months.push_back({{"month", m.month.str()}, {"citizens", std::move(steps)}});
  }
  j["steps_by_month"] = std::move(months);
  ojson curves = ojson::object();
  for (std::size_t e = 0; e < endpoint_count; ++e) {
    const KaplanMeierCurve& k = f.curves[e];
    ojson steps = ojson::array();
    for (const auto& s : k.steps)
      steps.push_back({{"days", s.days}, {"at_risk", s.at_risk}, {"events", s.events}, {"censored", s.censored},
                       {"survival", s.survival}, {"std_err", number_or_null(s.std_err)},
                       {"lower", number_or_null(s.lower)}, {"upper", number_or_null(s.upper)}});
    curves[std::string(name(static_cast<Endpoint>(e)))] = {
        {"subjects", k.subjects}, {"events", k.events},   {"censored", k.censored},
        {"median_days", k.median ? ojson(*k.median) : ojson(nullptr)}, {"steps", std::move(steps)}};
  }
  j["curves"] = std::move(curves);
  auto activity = [](const ActivityFigures& a, bool bus) {
    ojson x = ojson::object();
    x["citizens"] = a.citizens;
    x[bus ? "attended" : "tracks"] = a.count;
    if (bus) x["not_attended"] = a.not_attended;
    else x["in_progress"] = a.in_progress;
    x["agreement_after"] = a.agreement_after;
    x["paid_hours_after"] = a.paid_hours_after;
    return x;
  };
  j["bus_trips"] = activity(f.bus_trips, true);
  j["training"] = activity(f.training, false);
  return j;
}

std::string to_json(const ProgrammeFigures& f, int indent) { return json_text::dump(figures_ojson(f), indent); }

// ---------------------------------------------------------------------------------------------
// A caseload's report (kanten/programme/report.hpp)
// ---------------------------------------------------------------------------------------------

std::vector<std::pair<std::string, std::size_t>> by_count(const Tally& t) {
  std::vector<std::pair<std::string, std::size_t>> v(t.begin(), t.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  return v;
}

CaseloadSummary summarise(const Caseload& load, const std::vector<Evaluation>& evaluations, Date as_of) {
  CaseloadSummary s;
  s.citizens = evaluations.size();
  for (const auto& c : load.cases) {
    s.events += c.events.size();
    s.events_unreadable += c.rejected.size();
  }
  const YearMonth this_month = YearMonth::of(as_of);
  for (const auto& e : evaluations) {
    s.events_applied += e.events_applied;
    s.events_after_as_of += e.events_after_as_of;
    ++s.steps[static_cast<std::size_t>(e.step)];
    if (const auto* x = e.exit()) {
      ++s.exits[std::string(name(x->to))];
      ++s.exit_rules[x->transition ? std::string(x->transition->rule) : "<no rule>"];
    }
    if (e.target_group.member) ++s.members;
    for (auto r : e.target_group.reasons) ++s.target_group_reasons[std::string(name(r))];
    for (const auto& n : e.not_applied) ++s.not_applied[std::string(name(n.reason))];
    for (const auto& v : e.violations) ++s.violations[std::string(v.rule)];
    for (const auto& a : e.alerts) ++s.alerts[std::string(name(a.kind))];
    if (e.thirty_hours_pending) ++s.thirty_hours_pending;
    if (e.followup.applies) {
      ++s.followup_citizens;
      if (e.followup.first_month <= this_month && this_month <= e.followup.last_month) ++s.in_followup_year;
      s.breached_months += e.followup.breached.size();
      if (!e.followup.breached.empty()) ++s.citizens_with_breach;
    }
    for (const auto& a : e.sanctions) {
      ++s.failures;
      ++s.sanction_status[std::string(name(a.status))];
      if (a.status == SanctionStatus::undecided) {
        std::set<std::string> rules;
        for (const auto& p : a.pending) rules.insert(p.rule);
        for (const auto& r : rules) ++s.undecided_wait_for[r];
      }
      if (a.excluded_by) ++s.not_eligible_because[a.excluded_by->rule];
    }
  }
  return s;
}

CaseloadReport caseload_report(const Caseload& load, const Market& market, const ReportOptions& options) {
  EvaluateOptions eval;
  eval.as_of = options.as_of;
  eval.progress = options.progress;
  return caseload_report(load, evaluate_all(load, eval), market, options);
}

CaseloadReport caseload_report(const Caseload& load, std::vector<Evaluation> evaluations, const Market& market,
                               const ReportOptions& options) {
  CaseloadReport r;
  r.as_of = options.as_of;
  r.options = options;
  r.evaluations = std::move(evaluations);
  r.rule_set = r.evaluations.empty() ? default_rules().version : r.evaluations.front().rule_set;
  r.worklist = followup_worklist(r.evaluations);
  r.summary = summarise(load, r.evaluations, options.as_of);

  // A proposed matching for everyone in Trin 2 (004, Kerneelement 6–7): the market's companies and
  // tasks, and the matcher's view of each citizen in Trin 2 (same ids as the caseload).
  r.market_citizens = market.citizens.size();
  r.trin2.companies = market.companies;
  r.trin2.tasks = market.tasks;
  {
    std::set<std::string> in_trin2;
    for (const auto& e : r.evaluations)
      if (e.step == Step::trin2_paa_vej_mod_job) in_trin2.insert(e.citizen);
    for (const auto& c : market.citizens)
      if (in_trin2.count(c.id)) r.trin2.citizens.push_back(c);
  }
  r.matching = match(r.trin2, {.mode = MatchMode::assignment, .progress = options.progress});

  // The programme's figures (003: about 15 % with paid hours at the midterm).
  r.figures = programme_figures(load, {.as_of = options.as_of});

  // Bus trips for the citizens in Trin 1 and Trin 2 (002, Model 1). A caseload holds no ages or
  // educations: every activity-ready citizen in Trin 1 or 2 is referred as one without a
  // vocational education, age unknown (§6.3 or §6.5) — an assumption, stated in the report. The
  // readiness is the dated profile's on the report's date.
  for (const auto& e : r.evaluations)
    if (e.step == Step::trin1_afklaring || e.step == Step::trin2_paa_vej_mod_job)
      r.referrals.push_back({e.citizen, e.profile.activity_ready, std::nullopt, false, false, false});
  BusPlanOptions bus;
  bus.model = &bus_model_1();
  r.bus = plan_bus_trips(market, r.referrals, bus);
  r.bus_assumption =
      "the sample holds no ages or educations: activity-ready citizens in Trin 1 and 2 are referred as without a "
      "vocational education, age unknown";
  return r;
}

}  // namespace kanten::inline v1
