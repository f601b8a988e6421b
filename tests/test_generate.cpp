// The synthetic caseload generator (include/kanten/synth/generate.hpp): deterministic, sized like
// Lolland-Falster (seed 003_b82c162ee9c6e810.txt: 850 citizens, about 15 % with paid hours), and
// consistent with the rules: evaluated, it reaches every step and every exit, and no event is
// left unapplied except the deliberate ones.
#include "helpers.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <map>
#include <numeric>
#include <set>
#include <sstream>

using namespace kt;

namespace {

/// Default options: start 2019-01-01, 24 months, so the record's last day is 2020-12-31.
const Date kPeriodEnd = D("2020-12-31");

bool same_case(const Case& a, const Case& b) {
  return a.citizen == b.citizen && a.profile == b.profile && a.events == b.events && a.rejected == b.rejected;
}

bool same_caseload(const Caseload& a, const Caseload& b) {
  return a.cases.size() == b.cases.size() && std::equal(a.cases.begin(), a.cases.end(), b.cases.begin(), same_case);
}

/// The not-applied entries the generator does not put there on purpose. Deliberate are: the
/// visitation (and first conversation) of a citizen outside the target group
/// (outside_target_group, 004 KE3), and an employment goal for an uddannelseshjælp recipient
/// (education_goal_required, 004 KE4), which must also be listed as a violation.
std::string unexpected_not_applied(const Case& c, const Evaluation& e) {
  std::ostringstream out;
  for (const auto& n : e.not_applied) {
    const bool deliberate =
        (n.reason == NotAppliedReason::outside_target_group && !e.target_group.member) ||
        (n.reason == NotAppliedReason::education_goal_required && c.profile.benefit == Benefit::uddannelseshjaelp &&
         std::any_of(e.violations.begin(), e.violations.end(), [&](const Violation& v) { return v.index == n.index; }));
    if (!deliberate)
      out << c.citizen << ": event " << n.index << " (" << (n.kind ? name(*n.kind) : "?") << ", " << iso(n.date)
          << "): " << name(n.reason) << "\n";
  }
  return out.str();
}

bool has_ordinary_hours(const Evaluation& e) {
  return std::any_of(e.hours.begin(), e.hours.end(), [](const MonthHours& m) { return m.ordinary > 0; });
}

}  // namespace

TEST_CASE("generator: the same options give the same caseload", "[generate]") {
  const Caseload a = generate_caseload();
  const Caseload b = generate_caseload();
  CHECK(same_caseload(a, b));

  GeneratorOptions other;
  other.seed = 2019;
  const Caseload c = generate_caseload(other);
  REQUIRE(c.cases.size() == a.cases.size());
  CHECK_FALSE(same_caseload(a, c));
  const auto differing = std::inner_product(a.cases.begin(), a.cases.end(), c.cases.begin(), std::size_t{0},
                                            std::plus<>(), [](const Case& x, const Case& y) { return same_case(x, y) ? 0u : 1u; });
  CHECK(differing > a.cases.size() / 2);
}

TEST_CASE("generator: citizen i's record does not depend on the number of citizens", "[generate]") {
  GeneratorOptions small, large;
  small.citizens = 40;
  large.citizens = 300;
  const Caseload s = generate_caseload(small);
  const Caseload l = generate_caseload(large);
  REQUIRE(s.cases.size() == 40);
  REQUIRE(l.cases.size() == 300);
  for (std::size_t i = 0; i < s.cases.size(); ++i) {
    INFO("citizen " << i);
    CHECK(same_case(s.cases[i], l.cases[i]));
  }
}

TEST_CASE("generator: sized like Lolland-Falster by default, opaque ids (seed 003)", "[generate]") {
  const Caseload load = generate_caseload();
  REQUIRE(load.cases.size() == 850);
  CHECK(load.cases.front().citizen == "c-000001");
  CHECK(load.cases.back().citizen == "c-000850");
  std::set<std::string> ids;
  for (const auto& c : load.cases) ids.insert(c.citizen);
  CHECK(ids.size() == load.cases.size());

  std::set<std::string> companies;
  std::size_t events = 0;
  for (const auto& c : load.cases) {
    events += c.events.size();
    CHECK(c.rejected.empty());
    REQUIRE_FALSE(c.events.empty());
    // Appended in date order, within the period; Trin 1 starts within the enrolment period, the
    // first 18 of the 24 months (the shape over time: tests/test_generate_shapes.cpp).
    CHECK(std::is_sorted(c.events.begin(), c.events.end(), [](const Event& x, const Event& y) { return x.date < y.date; }));
    CHECK(c.events.front().kind() == EventKind::first_conversation);
    CHECK(c.events.front().date >= D("2019-01-01"));
    CHECK(c.events.front().date <= D("2020-06-30"));
    CHECK(c.events.back().date <= kPeriodEnd);
    std::string agreement_company;
    for (const auto& e : c.events) {
      if (const auto* a = std::get_if<AgreementMade>(&e.data)) {
        // 004 KE7: every agreement with its terms — company, tasks, weekly hours, sub-goals.
        REQUIRE(a->terms);
        CHECK(a->terms->company.rfind("co-", 0) == 0);
        CHECK_FALSE(a->terms->tasks.empty());
        CHECK_FALSE(a->terms->sub_goals.empty());
        CHECK(a->minutes_per_week > 0);
        CHECK(a->ordinary_minutes().has_value());  // the course of agreed ordinary hours is known (KE9)
        companies.insert(a->terms->company);
        agreement_company = a->terms->company;
      }
      // Trin 2's end: the fixed contact person is at the agreement's company.
      if (const auto* p = std::get_if<ContactPersonAssigned>(&e.data)) CHECK(p->company == agreement_company);
      // Written contact is never personal contact (004 KE5): no such attempt is generated.
      if (const auto* t = std::get_if<PersonalContactAttempt>(&e.data)) CHECK(is_personal(t->channel));
      if (const auto* h = std::get_if<HoursWorked>(&e.data)) {
        CHECK(h->minutes > 0);
        CHECK(h->minutes <= 24 * 60);
      }
    }
  }
  // "Two years of events": tens of events per citizen on average.
  const double per_citizen = static_cast<double>(events) / static_cast<double>(load.cases.size());
  CHECK(per_citizen >= 60.0);
  CHECK(per_citizen <= 120.0);
  CHECK(companies.size() > 200);  // of the 400 companies (seed 003)
  CHECK(companies.size() <= 400);
}

TEST_CASE("generator: evaluated at the end of the period, the caseload follows the rules", "[generate]") {
  const Caseload load = generate_caseload();
  const auto results = evaluate_all(load, {.as_of = kPeriodEnd});
  REQUIRE(results.size() == load.cases.size());

  // Seed 003's "ca. 15 %" with paid hours is the midterm's (tests/test_generate_shapes.cpp); paid
  // hours keep starting in the second year, so by the end of the period about a third have had them.
  const auto paid = std::count_if(results.begin(), results.end(), has_ordinary_hours);
  const double share = static_cast<double>(paid) / static_cast<double>(results.size());
  INFO("share with ordinary hours: " << share);
  CHECK(share >= 0.20);
  CHECK(share <= 0.45);

  // Every step is entered by someone, and every exit happens.
  std::set<Step> entered, final_steps;
  for (const auto& r : results) {
    for (const auto& h : r.history) entered.insert(h.to);
    final_steps.insert(r.step);
  }
  for (Step s : {Step::trin1_afklaring, Step::trin2_paa_vej_mod_job, Step::trin3_virksomhedsforloeb,
                 Step::exit_self_support, Step::exit_30_hours, Step::exit_rehabilitation_team}) {
    INFO("step " << name(s));
    CHECK(entered.count(s) == 1);
    CHECK(final_steps.count(s) == 1);
  }
  // Citizens outside the target group never start (004 KE3).
  CHECK(final_steps.count(Step::not_started) == 1);

  // Both ways into the rehabilitation team, and a return to Trin 2 after a break-off.
  std::set<std::string_view> rules;
  for (const auto& r : results)
    for (const auto& h : r.history) rules.insert(h.transition->rule);
  for (const auto& t : transitions) {
    INFO("transition " << t.rule);
    CHECK(rules.count(t.rule) == 1);
  }

  // No event is left unapplied except the deliberate ones, and each of those shows up.
  std::string unexpected;
  std::size_t outside = 0, wrong_goal = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    unexpected += unexpected_not_applied(load.cases[i], results[i]);
    outside += count_not_applied(results[i], NotAppliedReason::outside_target_group) > 0;
    wrong_goal += results[i].violations.size();
  }
  CHECK(unexpected.empty());
  if (!unexpected.empty()) FAIL_CHECK(unexpected.substr(0, 4000));
  CHECK(outside > 0);
  CHECK(wrong_goal > 0);

  // The demo shows all three sanction answers, follow-up breaches and the events counted.
  std::set<SanctionStatus> statuses;
  std::size_t breached = 0, applied = 0, events = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    for (const auto& s : results[i].sanctions) statuses.insert(s.status);
    breached += !results[i].followup.breached.empty();
    applied += results[i].events_applied;
    events += load.cases[i].events.size();
    CHECK(results[i].events_after_as_of == 0);
  }
  CHECK(statuses == std::set<SanctionStatus>{SanctionStatus::eligible, SanctionStatus::not_eligible,
                                             SanctionStatus::undecided});
  CHECK(breached > 0);
  CHECK(applied > events * 9 / 10);
}

TEST_CASE("generator: jobformidler changes, a dated profile, renegotiations, aftercare, bus trips and training tracks are in the record and applied",
          "[generate]") {
  const Caseload load = generate_caseload();
  const auto results = evaluate_all(load, {.as_of = kPeriodEnd});
  std::size_t changed_jobformidler = 0, left_group = 0, benefit_changed = 0, rising = 0, small_job_ended = 0, aftercare = 0;
  std::size_t attended = 0, missed = 0, tracks = 0, fitted = 0;
  for (std::size_t i = 0; i < results.size(); ++i) {
    const Evaluation& e = results[i];
    INFO(e.citizen);
    // KE5: continuity, with a change now and then.
    changed_jobformidler += e.jobformidler.changes > 0;
    if (e.jobformidler.changes > 0) CHECK(e.jobformidler.current != "");
    // KE3: the dated profile — a move out of the area or to job-ready ends membership; a benefit
    // changes to kontanthjælp. Only cases in the target group at first change.
    if (e.profile_periods.size() > 1) {
      CHECK(e.profile_periods.front().target_group.member);
      left_group += !e.profile_periods.back().target_group.member;
      benefit_changed += e.profile_periods.back().profile.benefit != load.cases[i].profile.benefit;
      if (e.profile_periods.back().profile.benefit != load.cases[i].profile.benefit)
        CHECK(e.profile_periods.back().profile.benefit == Benefit::kontanthjaelp);
    }
    // KE7 and KE9: every agreement complete; renegotiations at the same company for more ordinary
    // hours, or to internship only when the small job ends (none agreed any longer).
    bool rose = false, ended = false;
    for (std::size_t k = 0; k < e.agreements.size(); ++k) {
      const AgreementRecord& a = e.agreements[k];
      CHECK(a.missing_terms.empty());
      if (k == 0 || !a.renegotiation) continue;
      const AgreementRecord& before = e.agreements[k - 1];
      CHECK(a.company == before.company);
      REQUIRE(a.ordinary_minutes_per_week);
      REQUIRE(before.ordinary_minutes_per_week);
      if (*a.ordinary_minutes_per_week == 0) {
        CHECK(a.kind == AgreementKind::internship);
        CHECK(*before.ordinary_minutes_per_week > 0);
        ended = true;
        continue;
      }
      CHECK(*a.ordinary_minutes_per_week > *before.ordinary_minutes_per_week);
      rose = true;
    }
    rising += rose;
    small_job_ended += ended;
    // Efterværn after self-support only.
    if (!e.aftercare.empty()) {
      ++aftercare;
      REQUIRE(e.exit());
      CHECK(e.exit()->to == Step::exit_self_support);
      for (const auto& a : e.aftercare) CHECK(a.date > e.exit()->date);
    }
    // 002 and 001: within the course, before any exit.
    for (const auto& t : e.bus_trips) {
      (t.attended ? attended : missed) += 1;
      CHECK(t.companies.size() == 2);  // Model 1: two company visits
      CHECK(t.date.day_of_week() == boost::date_time::Thursday);
      if (e.exit()) CHECK(t.date < e.exit()->date);
    }
    for (const auto& t : e.training) {
      ++tracks;
      fitted += (t.end - t.start).days() + 1 != training_track_days;
      CHECK(t.start.day_of_week() == boost::date_time::Monday);
      CHECK_FALSE(t.mentor.empty());
      if (e.exit()) CHECK(t.start < e.exit()->date);
    }
  }
  // Every one of them occurs (and unexpected_not_applied() in the test above finds none unapplied).
  CHECK(changed_jobformidler > 0);
  CHECK(left_group > 0);
  CHECK(benefit_changed > 0);
  CHECK(rising > 0);
  CHECK(small_job_ended > 0);
  CHECK(aftercare > 0);
  CHECK(attended > 0);
  CHECK(missed > 0);
  CHECK(tracks > 0);
  CHECK(fitted > 0);
  CHECK(fitted < tracks);
  const ProgrammeFigures f = programme_figures(load, {.as_of = kPeriodEnd});
  CHECK(f.bus_trips.count == attended);
  CHECK(f.bus_trips.not_attended == missed);
  CHECK(f.training.count == tracks);
}

TEST_CASE("generator: hearings give 8-14 days to answer; personal contact comes after the deadline (004 KE5)", "[generate]") {
  GeneratorOptions o;
  o.citizens = 600;
  o.sanction_share = 0.5;
  const Caseload load = generate_caseload(o);
  std::size_t with_deadline = 0, without = 0, attempts = 0;
  for (const auto& c : load.cases) {
    std::map<std::string, Date> answer_by;
    for (const auto& e : c.events) {
      if (const auto* h = std::get_if<HearingSent>(&e.data)) {
        if (h->answer_by.is_special()) {
          ++without;  // deliberate: an old record without the deadline leaves the answer undecided
          continue;
        }
        ++with_deadline;
        const auto days = (h->answer_by - e.date).days();
        CHECK(days >= 8);
        CHECK(days <= 14);
        answer_by[h->failure_id] = h->answer_by;
      }
      if (const auto* a = std::get_if<PersonalContactAttempt>(&e.data)) {
        ++attempts;
        CHECK(is_personal(a->channel));
        if (const auto it = answer_by.find(a->failure_id); it != answer_by.end()) CHECK(it->second < e.date);
      }
    }
  }
  CHECK(with_deadline > 0);
  CHECK(without > 0);
  CHECK(attempts > 0);
  // The answers: all three, and "waiting for the deadline" only for the hearings without one.
  const auto results = evaluate_all(load, {.as_of = kPeriodEnd});
  std::set<SanctionStatus> statuses;
  std::size_t no_deadline = 0;
  for (const auto& r : results)
    for (const auto& s : r.sanctions) {
      statuses.insert(s.status);
      for (const auto& p : s.pending) no_deadline += p.rule == "sanction_hearing_deadline";
    }
  CHECK(statuses.size() == 3);
  CHECK(no_deadline == without);
}

TEST_CASE("generator: mid-period, some have not started and some need a contact this month", "[generate]") {
  const Caseload load = generate_caseload();
  const auto early = evaluate_all(load, {.as_of = D("2019-02-01")});
  CHECK(std::any_of(early.begin(), early.end(), [](const Evaluation& e) {
    return e.step == Step::not_started && e.target_group.member;
  }));
  const auto mid = evaluate_all(load, {.as_of = D("2019-11-12")});
  CHECK_FALSE(followup_worklist(mid).empty());
  std::string unexpected;
  for (std::size_t i = 0; i < mid.size(); ++i) unexpected += unexpected_not_applied(load.cases[i], mid[i]);
  CHECK(unexpected.empty());
  if (!unexpected.empty()) FAIL_CHECK(unexpected.substr(0, 4000));
}

TEST_CASE("generator: other starts and spans, and larger caseloads, stay consistent", "[generate]") {
  GeneratorOptions o;
  o.citizens = 2000;
  o.seed = 7;
  o.start = D("2024-02-29");
  o.months = 13;
  const Caseload load = generate_caseload(o);
  REQUIRE(load.cases.size() == 2000);
  const Date end = D("2025-03-28");  // 13 months after 2024-02-29, less one day
  std::string unexpected;
  for (const auto& c : load.cases) {
    for (const auto& e : c.events) {
      CHECK(e.date >= o.start);
      CHECK(e.date <= end);
    }
    unexpected += unexpected_not_applied(c, evaluate(c, {.as_of = end}));
  }
  CHECK(unexpected.empty());
  if (!unexpected.empty()) FAIL_CHECK(unexpected.substr(0, 4000));
}

TEST_CASE("generator: shares switch parts of the caseload on and off", "[generate]") {
  GeneratorOptions o;
  o.citizens = 300;
  o.outside_target_share = 0.0;
  o.rehabilitation_share = 0.0;
  o.sanction_share = 0.0;
  o.paid_hours_share = 0.0;
  const Caseload load = generate_caseload(o);
  for (const auto& c : load.cases) {
    CHECK(target_group(c.profile).member);
    for (const auto& e : c.events) {
      CHECK(e.kind() != EventKind::sanction_failure);
      if (const auto* v = std::get_if<Visitation>(&e.data)) CHECK(v->outcome == VisitationOutcome::project);
      if (const auto* h = std::get_if<HoursWorked>(&e.data)) CHECK(h->kind == HoursKind::internship);
    }
  }

  o.citizens = 500;
  o.paid_hours_share = 0.15;
  o.agreement_share = 1.0;
  o.missed_contact_share = 1.0;  // no contact in any month of the first year of Trin 3
  const auto results = evaluate_all(generate_caseload(o), {.as_of = kPeriodEnd});
  std::size_t applies = 0, breached = 0;
  for (const auto& r : results) {
    applies += r.followup.applies;
    breached += r.followup.applies && !r.followup.breached.empty();
  }
  CHECK(applies > 300);
  CHECK(breached > applies * 9 / 10);  // a contact from Trin 2 may fall in the month of entry
}

TEST_CASE("generator: options out of range are refused", "[generate]") {
  GeneratorOptions o;
  o.months = 0;
  CHECK_THROWS_AS(generate_caseload(o), Error);
  o = {};
  o.paid_hours_share = 1.5;
  CHECK_THROWS_AS(generate_caseload(o), Error);
  o = {};
  o.start = Date(boost::gregorian::not_a_date_time);
  CHECK_THROWS_AS(generate_caseload(o), Error);
  o = {};
  o.citizens = 0;
  CHECK(generate_caseload(o).cases.empty());
}
