// tests/helpers.hpp — a small builder for cases, and printers, shared by the rule, scenario and
// property tests.
//
//   CaseBuilder b;                        // kontanthjælp, activity-ready, designated area
//   b.first_conversation("2024-01-08").visit("2024-01-08").cv("2024-01-15");
//   auto r = b.eval("2024-01-31");
#pragma once

#include <kanten/kanten.hpp>

#include <catch2/catch.hpp>

#include <algorithm>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

// Printing: kanten's headers give every enum, YearMonth and Date an operator<<, so Catch prints
// failing checks by name in every test file alike (no per-file StringMaker specialisations).

namespace kt {

using namespace kanten;

/// A date from "YYYY-MM-DD"; a typo in a test is a test bug, so it throws.
inline Date D(std::string_view s) {
  auto d = parse_date(s);
  if (!d) throw std::invalid_argument("tests: bad date literal " + std::string(s));
  return *d;
}

/// A month from "YYYY-MM".
inline YearMonth M(std::string_view s) {
  auto m = parse_year_month(s);
  if (!m) throw std::invalid_argument("tests: bad month literal " + std::string(s));
  return *m;
}

/// Builds a Case event by event. Every method takes an ISO date string (or a Date).
class CaseBuilder {
 public:
  explicit CaseBuilder(std::string citizen = "citizen-1", Profile profile = {}) {
    c_.citizen = std::move(citizen);
    c_.profile = profile;
  }

  CaseBuilder& profile(Profile p) { c_.profile = p; return *this; }
  CaseBuilder& benefit(Benefit b) { c_.profile.benefit = b; return *this; }

  CaseBuilder& on(Date d, EventData data) {
    c_.events.push_back(Event{d, std::move(data)});
    return *this;
  }
  CaseBuilder& on(std::string_view d, EventData data) { return on(D(d), std::move(data)); }

  // Trin 1
  CaseBuilder& first_conversation(std::string_view d) { return on(d, FirstConversation{}); }
  CaseBuilder& visit(std::string_view d, VisitationOutcome o = VisitationOutcome::project) {
    return on(d, Visitation{o});
  }
  CaseBuilder& jobformidler(std::string_view d, std::string id = "jf-1") {
    return on(d, JobformidlerAssigned{std::move(id)});
  }
  CaseBuilder& cv(std::string_view d) { return on(d, CvCompleted{}); }
  CaseBuilder& direction(std::string_view d, Goal g = Goal::employment) {
    return on(d, JobDirectionSet{g, {"5131"}});
  }
  /// First conversation, visitation, jobformidler, CV and job direction, all on one date.
  CaseBuilder& trin1_complete(std::string_view d, Goal g = Goal::employment) {
    return first_conversation(d).visit(d).jobformidler(d).cv(d).direction(d, g);
  }

  // Trin 2
  static AgreementMade make_agreement(Date start, AgreementKind kind = AgreementKind::ordinary_hours,
                                      Minutes per_week = 10 * 60, std::string company = "company-a") {
    auto terms = std::make_shared<AgreementTerms>();
    terms->company = std::move(company);
    terms->tasks = {"kitchen"};
    terms->sub_goals = {"two more hours in three months"};
    return AgreementMade{kind, start, per_week, std::move(terms), std::nullopt};
  }
  /// An agreement recorded on `d`, starting on `d`.
  CaseBuilder& agreement(std::string_view d, AgreementKind kind = AgreementKind::ordinary_hours,
                         std::string company = "company-a") {
    return on(d, make_agreement(D(d), kind, 10 * 60, std::move(company)));
  }
  CaseBuilder& plan(std::string_view d) { return on(d, FollowUpPlanMade{}); }
  CaseBuilder& contact_person(std::string_view d, std::string company = "company-a") {
    return on(d, ContactPersonAssigned{std::move(company)});
  }
  /// Agreement, follow-up plan and contact person, all on one date.
  CaseBuilder& trin2_complete(std::string_view d, AgreementKind kind = AgreementKind::ordinary_hours,
                              std::string company = "company-a") {
    return agreement(d, kind, company).plan(d).contact_person(d, company);
  }

  // Trin 3
  CaseBuilder& hours(std::string_view d, Minutes m, HoursKind k = HoursKind::ordinary) {
    return on(d, HoursWorked{m, k});
  }
  CaseBuilder& contact(std::string_view d, Channel ch = Channel::in_person) { return on(d, Contact{ch}); }
  CaseBuilder& break_off(std::string_view d, bool rehabilitation = false) {
    return on(d, CourseBrokenOff{rehabilitation});
  }
  CaseBuilder& self_support(std::string_view d, SelfSupportKind via = SelfSupportKind::job) {
    return on(d, SelfSupport{via});
  }

  // Sanctions
  CaseBuilder& failure(std::string_view d, std::string id = "f1",
                       FailureKind k = FailureKind::refused_job_offer) {
    return on(d, SanctionFailure{std::move(id), k});
  }
  CaseBuilder& cause(std::string_view d, std::string id = "f1", CauseKind k = CauseKind::homelessness) {
    return on(d, ReasonableCause{std::move(id), k, "noted"});
  }
  CaseBuilder& vulnerability(std::string_view d, bool vulnerable, std::string id = "f1") {
    return on(d, VulnerabilityAssessed{std::move(id), vulnerable});
  }
  CaseBuilder& assessment(std::string_view d, bool promotes, bool considers_vulnerability = false,
                          std::string id = "f1") {
    return on(d, ConcreteAssessment{std::move(id), promotes, considers_vulnerability, "reasoning"});
  }
  /// The written hearing sent on `d`; the citizen may answer until `answer_by` (by default a
  /// week later; "" records no deadline).
  CaseBuilder& hearing_sent(std::string_view d, std::string id = "f1", std::string_view answer_by = "+7") {
    Date by;
    if (answer_by == "+7") by = D(d) + boost::gregorian::days(7);
    else if (!answer_by.empty()) by = D(answer_by);
    return on(d, HearingSent{std::move(id), by});
  }
  CaseBuilder& profile_change(std::string_view d, ProfileChanged p) { return on(d, std::move(p)); }
  CaseBuilder& hearing_answered(std::string_view d, std::string id = "f1") {
    return on(d, HearingAnswered{std::move(id)});
  }
  CaseBuilder& attempt(std::string_view d, Channel ch, bool reached, std::string id = "f1") {
    return on(d, PersonalContactAttempt{std::move(id), ch, reached});
  }

  [[nodiscard]] const Case& get() const { return c_; }
  [[nodiscard]] Case& get() { return c_; }

  [[nodiscard]] Evaluation eval(Date as_of, std::optional<std::int64_t> daily_rate = std::nullopt) const {
    EvaluateOptions o;
    o.as_of = as_of;
    o.daily_rate = daily_rate;
    return evaluate(c_, o);
  }
  [[nodiscard]] Evaluation eval(std::string_view as_of, std::optional<std::int64_t> daily_rate = std::nullopt) const {
    return eval(D(as_of), daily_rate);
  }

 private:
  Case c_;
};

// --- queries on an Evaluation -----------------------------------------------------------------

/// The rule ids of the history rows, oldest first.
inline std::vector<std::string> rules_of(const Evaluation& e) {
  std::vector<std::string> out;
  for (const auto& h : e.history) out.emplace_back(h.transition ? h.transition->rule : "<null>");
  return out;
}

/// The steps entered, oldest first.
inline std::vector<Step> steps_of(const Evaluation& e) {
  std::vector<Step> out;
  for (const auto& h : e.history) out.push_back(h.to);
  return out;
}

/// The missing list, sorted (the tests compare it as a set).
inline std::vector<Missing> missing_sorted(const Evaluation& e) {
  auto m = e.missing;
  std::sort(m.begin(), m.end());
  return m;
}

/// How many not-applied entries have this reason (and, if given, this kind).
inline std::size_t count_not_applied(const Evaluation& e, NotAppliedReason r,
                                     std::optional<EventKind> k = std::nullopt) {
  return static_cast<std::size_t>(std::count_if(e.not_applied.begin(), e.not_applied.end(), [&](const NotApplied& n) {
    return n.reason == r && (!k || n.kind == k);
  }));
}

/// The not-applied entry for the event at `index` in Case::events, if any.
inline const NotApplied* not_applied_at(const Evaluation& e, std::size_t index) {
  for (const auto& n : e.not_applied)
    if (n.reason != NotAppliedReason::unreadable && n.index == index) return &n;
  return nullptr;
}

/// The minutes of one month (zeros when the month has no hours).
inline MonthHours month_hours(const Evaluation& e, std::string_view month) {
  auto m = M(month);
  for (const auto& h : e.hours)
    if (h.month == m) return h;
  return MonthHours{m, 0, 0};
}

/// The sanction answer for a failure id (nullptr when there is none).
inline const SanctionAnswer* sanction_for(const Evaluation& e, std::string_view id) {
  for (const auto& s : e.sanctions)
    if (s.failure_id == id) return &s;
  return nullptr;
}

/// True when some pending item of the answer rests on `src`.
inline bool pending_rests_on(const SanctionAnswer& a, const Source& src) {
  return std::any_of(a.pending.begin(), a.pending.end(), [&](const SanctionReason& r) { return r.source == &src; });
}

/// True when some established reason of the answer rests on `src`.
inline bool reason_rests_on(const SanctionAnswer& a, const Source& src) {
  return std::any_of(a.reasons.begin(), a.reasons.end(), [&](const SanctionReason& r) { return r.source == &src; });
}

/// The month list as strings, for readable failures.
inline std::vector<std::string> months_str(const std::vector<YearMonth>& ms) {
  std::vector<std::string> out;
  for (auto m : ms) out.push_back(m.str());
  return out;
}


// --- comparing two evaluations (order independence) ------------------------------------------

namespace detail {
inline std::string na_key(const NotApplied& n) {
  std::string k = iso(n.date) + "|" + (n.kind ? std::string(name(*n.kind)) : std::string("-")) + "|" +
                  std::string(name(n.reason)) + "|" + n.field + "|" + n.value + "|" + n.detail;
  return k;
}
inline std::string reasons_key(const std::vector<SanctionReason>& rs) {
  std::string k;
  for (const auto& r : rs) k += r.rule + "#" + r.text + "#" + (r.source ? std::string(r.source->section) : "") + ";";
  return k;
}
inline std::string sanction_key(const SanctionAnswer& a) {
  std::string k = a.failure_id + "|" + std::string(name(a.failure)) + "|" + iso(a.failure_date) + "|" +
                  std::string(name(a.status)) + "|" + std::to_string(a.deduction_days) + "|" +
                  (a.daily_rate ? std::to_string(*a.daily_rate) : "-") + "|" +
                  (a.deduction ? std::to_string(*a.deduction) : "-") + "|" +
                  (a.excluded_by ? a.excluded_by->rule : std::string("-")) + "|R:" + reasons_key(a.reasons) +
                  "|P:" + reasons_key(a.pending);
  return k;
}
}  // namespace detail

/// The first difference between two evaluations of the same case, or "" when they agree on
/// everything that must not depend on the order of the events (not-applied and violations are
/// compared as multisets, without their indices).
inline std::string diff_results(const Evaluation& a, const Evaluation& b) {
  if (a.rule_set != b.rule_set) return "rule_set";
  if (a.step != b.step) return "step: " + std::string(name(a.step)) + " vs " + std::string(name(b.step));
  if (a.since != b.since) return "since: " + iso(a.since) + " vs " + iso(b.since);
  if (a.history.size() != b.history.size())
    return "history size: " + std::to_string(a.history.size()) + " vs " + std::to_string(b.history.size());
  for (std::size_t i = 0; i < a.history.size(); ++i) {
    const auto &x = a.history[i], &y = b.history[i];
    if (x.date != y.date || x.from != y.from || x.to != y.to || x.transition != y.transition)
      return "history[" + std::to_string(i) + "]: " + iso(x.date) + " " + std::string(name(x.to)) + " vs " +
             iso(y.date) + " " + std::string(name(y.to));
  }
  if ((a.exit() == nullptr) != (b.exit() == nullptr)) return "exit";
  if (a.target_group.member != b.target_group.member || a.target_group.reasons != b.target_group.reasons)
    return "target_group";
  if (a.missing != b.missing) return "missing";
  if (a.ordinary_this_month != b.ordinary_this_month) return "ordinary_this_month";
  if (a.thirty_hours_pending != b.thirty_hours_pending) return "thirty_hours_pending";
  if (a.hours != b.hours) return "hours";
  const auto &f = a.followup, &g = b.followup;
  if (f.applies != g.applies || f.start != g.start || f.first_month != g.first_month ||
      f.last_month != g.last_month || f.breached != g.breached || f.due_this_month != g.due_this_month ||
      f.deadline != g.deadline || f.last_contact != g.last_contact)
    return "followup";
  if (a.sanctions.size() != b.sanctions.size()) return "sanctions size";
  {
    std::vector<std::string> x, y;
    for (const auto& s : a.sanctions) x.push_back(detail::sanction_key(s));
    for (const auto& s : b.sanctions) y.push_back(detail::sanction_key(s));
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i] != y[i]) return "sanction: " + x[i] + " vs " + y[i];
  }
  {
    std::vector<std::string> x, y;
    for (const auto& v : a.violations) x.push_back(iso(v.date) + "|" + std::string(v.rule));
    for (const auto& v : b.violations) y.push_back(iso(v.date) + "|" + std::string(v.rule));
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    if (x != y) return "violations";
  }
  {
    std::vector<std::string> x, y;
    for (const auto& n : a.not_applied) x.push_back(detail::na_key(n));
    for (const auto& n : b.not_applied) y.push_back(detail::na_key(n));
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    if (x.size() != y.size()) return "not_applied size: " + std::to_string(x.size()) + " vs " + std::to_string(y.size());
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i] != y[i]) return "not_applied: " + x[i] + " vs " + y[i];
  }
  if (a.events_applied != b.events_applied) return "events_applied";
  if (a.events_after_as_of != b.events_after_as_of) return "events_after_as_of";
  {
    // Last, so that it masks nothing else: the date each not-applied reason refers to.
    std::vector<std::string> x, y;
    for (const auto& n : a.not_applied) x.push_back(detail::na_key(n) + "|related=" + iso(n.related));
    for (const auto& n : b.not_applied) y.push_back(detail::na_key(n) + "|related=" + iso(n.related));
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    for (std::size_t i = 0; i < x.size(); ++i)
      if (x[i] != y[i]) return "not_applied related date: " + x[i] + " vs " + y[i];
  }
  return {};
}

/// Runs `f` and returns the kanten::Error it throws (a failed check when it throws none).
template <class F>
Error error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  FAIL("no kanten::Error thrown");
  throw std::logic_error("unreachable");
}

}  // namespace kt
