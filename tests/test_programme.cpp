// Programme figures (include/kanten/programme/programme.hpp): the person-month panel, the funnel, retention,
// citizens per step by month, Kaplan–Meier curves, and the generated sample's share with paid
// hours at the midterm (seed 003_b82c162ee9c6e810.txt: "ca. 15 % er kommet i lønnede timer").
#include "helpers.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <numeric>

using namespace kt;

namespace {

ProgrammeOptions as_of(std::string_view d) {
  ProgrammeOptions o;
  o.as_of = D(d);
  return o;
}

Caseload load_of(std::initializer_list<const CaseBuilder*> bs) {
  Caseload l;
  for (const auto* b : bs) l.cases.push_back(b->get());
  return l;
}

/// Entered in January 2024, Trin 3 on `trin3` with an ordinary-hours agreement.
CaseBuilder in_trin3(std::string id, std::string_view trin3) {
  CaseBuilder b(std::move(id));
  b.trin1_complete("2024-01-08").trin2_complete(trin3);
  return b;
}

const PersonMonth& row(const std::vector<PersonMonth>& rows, std::string_view citizen, std::string_view month) {
  for (const auto& r : rows)
    if (r.citizen == citizen && r.month == M(month)) return r;
  throw std::invalid_argument("tests: no panel row for " + std::string(citizen) + " " + std::string(month));
}

}  // namespace

// --- the person-month panel --------------------------------------------------------------------

TEST_CASE("panel: entering Trin 3 in March with 31 ordinary hours in May exits in May (004, Trin 3)", "[programme]") {
  CaseBuilder b = in_trin3("c-1", "2024-03-04");
  b.hours("2024-03-11", 4 * 60).hours("2024-05-06", 16 * 60).hours("2024-05-13", 15 * 60);
  const auto rows = person_months(load_of({&b}), as_of("2024-08-15"));

  // January (entry) to May (the exit); nothing after the exit.
  REQUIRE(rows.size() == 5);
  CHECK(rows.front().month == M("2024-01"));
  CHECK(rows.back().month == M("2024-05"));
  CHECK(row(rows, "c-1", "2024-01").step == Step::trin2_paa_vej_mod_job);
  CHECK_FALSE(row(rows, "c-1", "2024-01").agreement);
  CHECK(row(rows, "c-1", "2024-03").step == Step::trin3_virksomhedsforloeb);
  CHECK(row(rows, "c-1", "2024-03").agreement);
  CHECK(row(rows, "c-1", "2024-03").ordinary == 240);
  CHECK(row(rows, "c-1", "2024-04").ordinary == 0);
  CHECK_FALSE(row(rows, "c-1", "2024-04").exit);

  const PersonMonth& may = row(rows, "c-1", "2024-05");
  CHECK(may.ordinary == 31 * 60);
  CHECK(may.internship == 0);
  CHECK(may.step == Step::exit_30_hours);
  REQUIRE(may.exit);
  CHECK(*may.exit == Step::exit_30_hours);
}

TEST_CASE("panel: the as-of month shows the step at the as-of date", "[programme]") {
  CaseBuilder b = in_trin3("c-1", "2024-03-04");
  b.hours("2024-05-06", 16 * 60).hours("2024-05-13", 15 * 60);
  const auto rows = person_months(load_of({&b}), as_of("2024-05-20"));
  REQUIRE(rows.size() == 5);
  // 31 hours by the 20th, but the exit takes effect at the end of May (decision "The 30-hour exit" (docs/decisions.md)).
  CHECK(rows.back().step == Step::trin3_virksomhedsforloeb);
  CHECK_FALSE(rows.back().exit);
}

TEST_CASE("panel: internship minutes apart, an agreement ends with a break-off (004, Trin 3)", "[programme]") {
  CaseBuilder b("c-2");
  b.trin1_complete("2024-01-08").trin2_complete("2024-03-04", AgreementKind::internship);
  b.hours("2024-03-05", 5 * 60, HoursKind::internship).hours("2024-04-02", 3 * 60, HoursKind::internship);
  b.break_off("2024-04-10");
  const auto rows = person_months(load_of({&b}), as_of("2024-06-30"));
  REQUIRE(rows.size() == 6);  // January to June: back in Trin 2, no exit
  CHECK(row(rows, "c-2", "2024-03").internship == 300);
  CHECK(row(rows, "c-2", "2024-03").ordinary == 0);
  CHECK(row(rows, "c-2", "2024-04").agreement);   // in force until the 10th
  CHECK(row(rows, "c-2", "2024-04").step == Step::trin2_paa_vej_mod_job);
  CHECK_FALSE(row(rows, "c-2", "2024-05").agreement);
  CHECK(row(rows, "c-2", "2024-06").step == Step::trin2_paa_vej_mod_job);
}

TEST_CASE("panel: a case that never entered has no rows; a rehabilitation visitation ends in its month", "[programme]") {
  CaseBuilder none("c-0");
  CaseBuilder rehab("c-3");
  rehab.first_conversation("2024-02-05").visit("2024-02-12", VisitationOutcome::rehabilitation_team);
  const auto rows = person_months(load_of({&none, &rehab}), as_of("2024-06-30"));
  REQUIRE(rows.size() == 1);
  CHECK(rows[0].citizen == "c-3");
  CHECK(rows[0].month == M("2024-02"));
  CHECK(rows[0].step == Step::exit_rehabilitation_team);
  CHECK(rows[0].exit == Step::exit_rehabilitation_team);
}

TEST_CASE("panel: an invalid as-of date is an error naming the field", "[programme]") {
  CaseBuilder b("c-1");
  ProgrammeOptions o;
  CHECK_THROWS_WITH(person_months(load_of({&b}), o), Catch::Contains("as_of"));
}

TEST_CASE("panel: target-group membership, the benefit and the profile follow the dated profile at each month's end (004, Kerneelement 3)",
          "[programme]") {
  // An uddannelseshjælp recipient with an education goal moves to kontanthjælp in March, out of
  // the designated area on the last day of April, back in on 2 May, and becomes job-ready in June.
  CaseBuilder b("c-1");
  b.benefit(Benefit::uddannelseshjaelp).trin1_complete("2024-01-08", Goal::education);
  ProfileChanged to_kontanthjaelp, out_of_area, back, job_ready;
  to_kontanthjaelp.benefit = Benefit::kontanthjaelp;
  out_of_area.lives_in_designated_area = false;
  back.lives_in_designated_area = true;
  job_ready.activity_ready = false;
  b.profile_change("2024-03-10", to_kontanthjaelp)
      .profile_change("2024-04-30", out_of_area)
      .profile_change("2024-05-02", back)
      .profile_change("2024-06-10", job_ready);

  // As of 9 June: June's row is the profile on 9 June, before the change of the 10th.
  const auto rows = person_months(load_of({&b}), as_of("2024-06-09"));
  REQUIRE(rows.size() == 6);
  CHECK(row(rows, "c-1", "2024-01").benefit == Benefit::uddannelseshjaelp);
  CHECK(row(rows, "c-1", "2024-02").benefit == Benefit::uddannelseshjaelp);
  CHECK(row(rows, "c-1", "2024-03").benefit == Benefit::kontanthjaelp);
  CHECK(row(rows, "c-1", "2024-03").in_target_group);
  CHECK_FALSE(row(rows, "c-1", "2024-04").in_target_group);  // moved out on the month's last day
  CHECK_FALSE(row(rows, "c-1", "2024-04").lives_in_designated_area);
  CHECK(row(rows, "c-1", "2024-05").lives_in_designated_area);
  CHECK(row(rows, "c-1", "2024-06").activity_ready);
  CHECK_FALSE(row(rows, "c-1", "2024-06").in_integration_programme);
  CHECK(row(rows, "c-1", "2024-05").in_target_group);        // back in on 2 May
  CHECK(row(rows, "c-1", "2024-06").in_target_group);
  // As of 12 June the change of the 10th counts: job-ready, outside the target group.
  const auto later = person_months(load_of({&b}), as_of("2024-06-12"));
  CHECK_FALSE(row(later, "c-1", "2024-06").in_target_group);
  CHECK(row(later, "c-1", "2024-06").benefit == Benefit::kontanthjaelp);
  CHECK_FALSE(row(later, "c-1", "2024-06").activity_ready);
  CHECK(row(later, "c-1", "2024-05").in_target_group);
}

TEST_CASE("panel: bus trips attended in the month, and a training track on the month's end (002, 001)", "[programme]") {
  CaseBuilder b("c-1");
  b.trin1_complete("2024-01-08");
  b.on("2024-02-08", BusTripAttended{"bus-1", true, {"co-1", "co-2"}})
      .on("2024-02-22", BusTripAttended{"bus-2", true, {"co-3"}})
      .on("2024-03-07", BusTripAttended{"bus-3", false, {"co-4"}})  // registered, did not come
      .on("2024-03-04", TrainingTrackStarted{"tt-1", "wp-1", "wp-1-m1", Date()});  // 13 weeks: to 2 June
  const auto rows = person_months(load_of({&b}), as_of("2024-06-30"));
  REQUIRE(rows.size() == 6);
  CHECK(row(rows, "c-1", "2024-01").bus_trips == 0);
  CHECK(row(rows, "c-1", "2024-02").bus_trips == 2);
  CHECK(row(rows, "c-1", "2024-03").bus_trips == 0);
  CHECK_FALSE(row(rows, "c-1", "2024-02").in_training);
  CHECK(row(rows, "c-1", "2024-03").in_training);
  CHECK(row(rows, "c-1", "2024-05").in_training);
  CHECK_FALSE(row(rows, "c-1", "2024-06").in_training);  // ended on 2 June
  // In the as-of month, the as-of date counts: on the track on 1 June.
  CHECK(row(person_months(load_of({&b}), as_of("2024-06-01")), "c-1", "2024-06").in_training);
}

TEST_CASE("figures: bus trips and training tracks of the record, and what followed them (002, 001)", "[programme]") {
  // a: a bus trip, then an agreement and paid hours.   b: missed a trip, came to the next one.
  // c: an agreement, then a training track (in progress) and paid hours.   d: a track that has ended.
  CaseBuilder a("a"), b("b"), c("c"), d("d");
  a.trin1_complete("2024-01-08").on("2024-02-08", BusTripAttended{"bus-1", true, {"co-1"}});
  a.trin2_complete("2024-03-04").hours("2024-03-11", 5 * 60);
  b.trin1_complete("2024-01-08")
      .on("2024-02-08", BusTripAttended{"bus-1", false, {"co-1"}})
      .on("2024-02-22", BusTripAttended{"bus-2", true, {"co-2"}});
  c.trin1_complete("2024-01-08").trin2_complete("2024-01-15");
  c.on("2024-02-05", TrainingTrackStarted{"tt-1", "wp-1", "wp-1-m1", Date()}).hours("2024-02-12", 4 * 60);
  d.trin1_complete("2024-01-08").on("2024-01-15", TrainingTrackStarted{"tt-2", "wp-1", "wp-1-m2", D("2024-02-25")});
  // A trip after the as-of date is not yet in the record.
  d.on("2024-05-16", BusTripAttended{"bus-9", true, {"co-9"}});
  const ProgrammeFigures f = programme_figures(load_of({&a, &b, &c, &d}), as_of("2024-04-30"));
  CHECK(f.bus_trips.citizens == 2);
  CHECK(f.bus_trips.count == 2);
  CHECK(f.bus_trips.not_attended == 1);
  CHECK(f.bus_trips.in_progress == 0);
  CHECK(f.bus_trips.agreement_after == 1);   // a
  CHECK(f.bus_trips.paid_hours_after == 1);  // a
  CHECK(f.training.citizens == 2);
  CHECK(f.training.count == 2);
  CHECK(f.training.not_attended == 0);
  CHECK(f.training.in_progress == 1);        // c: 5 February to 5 May
  CHECK(f.training.agreement_after == 0);    // c's agreement came before the track
  CHECK(f.training.paid_hours_after == 1);   // c
  const auto j = nlohmann::json::parse(to_json(f));
  CHECK(j["bus_trips"] == nlohmann::json::parse(
                             R"({"citizens": 2, "attended": 2, "not_attended": 1, "agreement_after": 1, "paid_hours_after": 1})"));
  CHECK(j["training"] == nlohmann::json::parse(
                             R"({"citizens": 2, "tracks": 2, "in_progress": 1, "agreement_after": 0, "paid_hours_after": 1})"));
}

// --- funnel, shares, retention, steps by month ------------------------------------------------

namespace {

/// A small programme, all entered in January 2024, as of 2024-05-31:
///   a: Trin 3 in January, ordinary hours in April (M0 + 3)          → retained at 3
///   b: Trin 3 in January, ordinary hours only in February           → not retained at 3
///   c: Trin 3 in January, 30 ordinary hours in February: exits then → retained at 3
///   d: Trin 3 in March: month 3 (June) has not ended                → not eligible at 3
///   e: Trin 3 in January, broken off to the rehabilitation team     → not retained at 3
///   g: Trin 1 only;  z: no events (never entered)
struct Programme {
  CaseBuilder a = in_trin3("a", "2024-01-15"), b = in_trin3("b", "2024-01-10"), c = in_trin3("c", "2024-01-09"),
              d = in_trin3("d", "2024-03-01"), e = in_trin3("e", "2024-01-20"), g{"g"}, z{"z"};
  Programme() {
    a.hours("2024-04-02", 6 * 60);
    b.hours("2024-02-06", 4 * 60);
    c.hours("2024-02-05", 20 * 60).hours("2024-02-12", 10 * 60);
    e.break_off("2024-02-10", true);
    g.first_conversation("2024-01-08");
  }
  [[nodiscard]] Caseload load() const { return load_of({&a, &b, &c, &d, &e, &g, &z}); }
};

}  // namespace

TEST_CASE("funnel: citizens per stage, paid hours counted once per citizen", "[programme]") {
  const Programme p;
  const ProgrammeFigures f = programme_figures(p.load(), as_of("2024-05-31"));
  CHECK(f.count(FunnelStage::caseload) == 7);
  CHECK(f.count(FunnelStage::entered) == 6);
  CHECK(f.count(FunnelStage::trin2) == 5);
  CHECK(f.count(FunnelStage::trin3) == 5);
  CHECK(f.count(FunnelStage::paid_hours) == 3);  // a, b, c
  CHECK(f.count(FunnelStage::exit_30_hours) == 1);
  CHECK(f.count(FunnelStage::exit_self_support) == 0);
  CHECK(f.count(FunnelStage::exit_rehabilitation_team) == 1);
  REQUIRE(f.paid_hours_share);
  CHECK(*f.paid_hours_share == Approx(3.0 / 6.0));
  REQUIRE(f.thirty_hours_share);
  CHECK(*f.thirty_hours_share == Approx(1.0 / 6.0));
  CHECK(f.rule_set == default_rules().version);
}

TEST_CASE("retention: ordinary hours in month N after entering Trin 3, or an exit to work by then (004, Kerneelement 9)",
          "[programme]") {
  const Programme p;
  ProgrammeOptions o = as_of("2024-05-31");
  o.retention_months = {1, 3, 6};
  const ProgrammeFigures f = programme_figures(p.load(), o);
  REQUIRE(f.retention.size() == 3);
  // Month 1 (February for a, b, c, e; April for d): b and c had ordinary hours in February.
  CHECK(f.retention[0].months == 1);
  CHECK(f.retention[0].eligible == 5);
  CHECK(f.retention[0].retained == 2);
  // Month 3 (April): a has hours, c left through the 30-hour exit; b and e not; d not eligible.
  CHECK(f.retention[1].months == 3);
  CHECK(f.retention[1].eligible == 4);
  CHECK(f.retention[1].retained == 2);
  REQUIRE(f.retention[1].share);
  CHECK(*f.retention[1].share == Approx(0.5));
  // Month 6 (July) has not ended for anyone.
  CHECK(f.retention[2].eligible == 0);
  CHECK_FALSE(f.retention[2].share);

  o.retention_months = {0};
  CHECK_THROWS_WITH(programme_figures(p.load(), o), Catch::Contains("retention_months[0]"));
}

TEST_CASE("steps by month: every case counted at each month's end", "[programme]") {
  const Programme p;
  const ProgrammeFigures f = programme_figures(p.load(), as_of("2024-05-20"));
  REQUIRE(f.steps_by_month.size() == 5);  // January to May
  for (const auto& m : f.steps_by_month)
    CHECK(std::accumulate(m.citizens.begin(), m.citizens.end(), std::size_t{0}) == 7);
  auto at = [&](std::size_t i, Step s) { return f.steps_by_month[i].citizens[static_cast<std::size_t>(s)]; };
  CHECK(f.steps_by_month[0].month == M("2024-01"));
  CHECK(at(0, Step::not_started) == 1);                // z
  CHECK(at(0, Step::trin1_afklaring) == 1);            // g
  CHECK(at(0, Step::trin2_paa_vej_mod_job) == 1);      // d
  CHECK(at(0, Step::trin3_virksomhedsforloeb) == 4);   // a, b, c, e
  CHECK(at(1, Step::exit_30_hours) == 1);              // c, at the end of February
  CHECK(at(1, Step::exit_rehabilitation_team) == 1);   // e
  CHECK(at(2, Step::trin3_virksomhedsforloeb) == 3);   // a, b, d
  CHECK(f.steps_by_month[4].month == M("2024-05"));
}

// --- Kaplan–Meier ------------------------------------------------------------------------------

TEST_CASE("Kaplan-Meier: a hand-worked example with censoring and a tie", "[programme][km]") {
  // (days, event): 2 ●, 3 ○, 5 ●, 5 ●, 5 ○, 8 ●, 10 ○, 12 ●   (● event, ○ censored), given unsorted.
  const std::vector<Observation> obs = {{5, true}, {2, true}, {10, false}, {5, false},
                                        {12, true}, {3, false}, {5, true}, {8, true}};
  const KaplanMeierCurve k = kaplan_meier(obs);
  // By hand, S(t) = S(t−) · (1 − d/n):
  //   t=2:  n=8, d=1        S = 7/8                 = 0.875
  //   t=3:  n=7, d=0, c=1   S = 0.875
  //   t=5:  n=6, d=2, c=1   S = 0.875 · 4/6         = 0.583333…  (censored at 5 still at risk at 5)
  //   t=8:  n=3, d=1        S = 0.583333 · 2/3      = 0.388888…
  //   t=10: n=2, d=0, c=1   S = 0.388888…
  //   t=12: n=1, d=1        S = 0
  // Median: the first time S ≤ 0.5 → 8.
  CHECK(k.subjects == 8);
  CHECK(k.events == 5);
  CHECK(k.censored == 3);
  REQUIRE(k.steps.size() == 6);
  const std::int32_t days[] = {2, 3, 5, 8, 10, 12};
  const std::size_t at_risk[] = {8, 7, 6, 3, 2, 1}, events[] = {1, 0, 2, 1, 0, 1}, censored[] = {0, 1, 1, 0, 1, 0};
  const double survival[] = {0.875, 0.875, 0.875 * 4 / 6, 0.875 * 4 / 6 * 2 / 3, 0.875 * 4 / 6 * 2 / 3, 0.0};
  for (std::size_t i = 0; i < 6; ++i) {
    INFO("step " << i);
    CHECK(k.steps[i].days == days[i]);
    CHECK(k.steps[i].at_risk == at_risk[i]);
    CHECK(k.steps[i].events == events[i]);
    CHECK(k.steps[i].censored == censored[i]);
    CHECK(k.steps[i].survival == Approx(survival[i]));
  }
  CHECK(k.median == 8);
}

TEST_CASE("Kaplan-Meier: ties of events at one time, and a survival of exactly one half", "[programme][km]") {
  // t=4: n=3, d=2, c=1 → S = 1/3; the median is 4.
  const KaplanMeierCurve k = kaplan_meier(std::vector<Observation>{{4, true}, {4, false}, {4, true}});
  REQUIRE(k.steps.size() == 1);
  CHECK(k.steps[0].at_risk == 3);
  CHECK(k.steps[0].events == 2);
  CHECK(k.steps[0].censored == 1);
  CHECK(k.steps[0].survival == Approx(1.0 / 3.0));
  CHECK(k.median == 4);
  // t=1: n=2, d=1 → S = 1/2, which is ≤ 0.5: the median is 1.
  const KaplanMeierCurve h = kaplan_meier(std::vector<Observation>{{1, true}, {2, false}});
  CHECK(h.steps[0].survival == Approx(0.5));
  CHECK(h.median == 1);
}

TEST_CASE("Kaplan-Meier: all censored, empty, and a negative time", "[programme][km]") {
  const KaplanMeierCurve k = kaplan_meier(std::vector<Observation>{{3, false}, {1, false}, {3, false}});
  CHECK(k.events == 0);
  CHECK(k.censored == 3);
  REQUIRE(k.steps.size() == 2);
  CHECK(k.steps[0].at_risk == 3);
  CHECK(k.steps[1].at_risk == 2);
  CHECK(k.steps[1].censored == 2);
  for (const auto& s : k.steps) CHECK(s.survival == 1.0);
  CHECK_FALSE(k.median);

  const KaplanMeierCurve e = kaplan_meier({});
  CHECK(e.subjects == 0);
  CHECK(e.steps.empty());
  CHECK_FALSE(e.median);

  CHECK_THROWS_WITH(kaplan_meier(std::vector<Observation>{{2, true}, {-1, false}}),
                    Catch::Contains("observations[1].days") && Catch::Contains("-1"));
}

TEST_CASE("Kaplan-Meier observations: from entry, censored at another exit or at the as-of date", "[programme][km]") {
  const Programme p;
  const Caseload load = p.load();
  const ProgrammeOptions o = as_of("2024-05-31");
  // In caseload order, the entered cases: a, b, c, d, e, g. All entered on 2024-01-08.
  const auto paid = observations(load, o, Endpoint::first_paid_hours);
  const std::vector<Observation> want_paid = {
      {85, true},    // a: 2024-04-02
      {29, true},    // b: 2024-02-06
      {28, true},    // c: 2024-02-05
      {144, false},  // d: censored at as_of (2024-05-31)
      {33, false},   // e: censored at the rehabilitation exit (2024-02-10)
      {144, false},  // g
  };
  CHECK(paid == want_paid);

  const auto exit = observations(load, o, Endpoint::exit);
  const std::vector<Observation> want_exit = {{144, false}, {144, false}, {52, true}, {144, false}, {33, true}, {144, false}};
  CHECK(exit == want_exit);  // c exits at the end of February (2024-02-29)

  const auto thirty = observations(load, o, Endpoint::exit_30_hours);
  CHECK(thirty[2] == Observation{52, true});
  CHECK(thirty[4] == Observation{33, false});  // the rehabilitation exit censors

  const ProgrammeFigures f = programme_figures(load, o);
  CHECK(f.curve(Endpoint::first_paid_hours).subjects == 6);
  CHECK(f.curve(Endpoint::first_paid_hours).events == 3);
  CHECK(f.curve(Endpoint::first_paid_hours).median == 85);  // S: 5/6, 4/6, then 4/6 · 2/3 = 4/9 at day 85
  CHECK(f.curve(Endpoint::exit).events == 2);
  CHECK_FALSE(f.curve(Endpoint::exit).median);
}

// --- the generated sample -----------------------------------------------------------------------

TEST_CASE("calibration: about 15 % of participants have paid hours at the midterm (seed 003)", "[programme][generate]") {
  // 003_b82c162ee9c6e810.txt, Evaluering: "Midtvejsevalueringen viser lovende takter, hvor ca. 15 %
  // er kommet i lønnede timer". The generated period is 24 months from 2019-01-01; its midterm is
  // the end of the 12th month. Band: 12–18 % of the citizens who entered.
  const Caseload load = generate_caseload();
  const ProgrammeFigures f = programme_figures(load, as_of("2019-12-31"));
  REQUIRE(f.paid_hours_share);
  INFO("paid-hours share at the midterm: " << *f.paid_hours_share);
  CHECK(*f.paid_hours_share >= 0.12);
  CHECK(*f.paid_hours_share <= 0.18);
}

TEST_CASE("panel and figures agree with the evaluations on a generated sample", "[programme][generate]") {
  GeneratorOptions g;
  g.citizens = 150;
  const Caseload load = generate_caseload(g);
  const ProgrammeOptions o = as_of("2020-06-30");
  const auto rows = person_months(load, o);
  const auto evaluations = evaluate_all(load, {.as_of = o.as_of});
  const ProgrammeFigures f = programme_figures(load, o);

  std::size_t paid = 0, trips = 0, tracks = 0;
  for (const auto& e : evaluations) {
    Minutes ordinary = 0, internship = 0, panel_ordinary = 0, panel_internship = 0;
    for (const auto& h : e.hours) {
      ordinary += h.ordinary;
      internship += h.internship;
    }
    std::size_t exits = 0;
    for (const auto& r : rows) {
      if (r.citizen != e.citizen) continue;
      panel_ordinary += r.ordinary;
      panel_internship += r.internship;
      exits += r.exit ? 1 : 0;
      // Hours need an agreement in force (004, Kerneelement 7).
      if (r.ordinary + r.internship > 0) CHECK(r.agreement);
    }
    INFO(e.citizen);
    CHECK(panel_ordinary == ordinary);
    CHECK(panel_internship == internship);
    CHECK(exits == (e.exit() ? 1u : 0u));
    paid += ordinary > 0 ? 1 : 0;
    // The generator's trips fall within the course: the panel holds every attended one.
    std::int32_t panel_trips = 0;
    for (const auto& r : rows)
      if (r.citizen == e.citizen) panel_trips += r.bus_trips;
    const auto attended = std::count_if(e.bus_trips.begin(), e.bus_trips.end(), [](const BusTripRecord& t) { return t.attended; });
    CHECK(panel_trips == attended);
    trips += static_cast<std::size_t>(attended);
    tracks += e.training.size();
  }
  CHECK(f.bus_trips.count == trips);
  CHECK(f.training.count == tracks);
  CHECK(trips > 0);
  CHECK(tracks > 0);
  CHECK(f.count(FunnelStage::paid_hours) == paid);
  CHECK(f.curve(Endpoint::first_paid_hours).events == paid);
  CHECK(f.steps_by_month.back().month == M("2020-06"));
  for (std::size_t s = 0; s < step_count; ++s) {
    const auto in_step = std::count_if(evaluations.begin(), evaluations.end(),
                                       [&](const Evaluation& e) { return e.step == static_cast<Step>(s); });
    CHECK(f.steps_by_month.back().citizens[s] == static_cast<std::size_t>(in_step));
  }
}

TEST_CASE("figures JSON: each curve step carries Greenwood's standard error and the 95 % limits (docs/programme.md)",
          "[programme][km]") {
  GeneratorOptions g;
  g.citizens = 120;
  const ProgrammeFigures f = programme_figures(generate_caseload(g), as_of("2020-12-31"));
  const auto j = nlohmann::json::parse(to_json(f));
  for (std::size_t e = 0; e < endpoint_count; ++e) {
    const KaplanMeierCurve& k = f.curves[e];
    const auto& steps = j["curves"][std::string(name(static_cast<Endpoint>(e)))]["steps"];
    REQUIRE(steps.size() == k.steps.size());
    REQUIRE_FALSE(k.steps.empty());
    for (std::size_t i = 0; i < k.steps.size(); ++i) {
      const KaplanMeierStep& s = k.steps[i];
      INFO(name(static_cast<Endpoint>(e)) << " step " << i);
      // The limits bracket the estimate, and the JSON holds the struct's values (null for an undefined error).
      if (!std::isnan(s.std_err)) {
        CHECK(steps[i]["std_err"].get<double>() == s.std_err);
        CHECK(s.lower <= s.survival);
        CHECK(s.survival <= s.upper);
      } else {
        CHECK(steps[i]["std_err"].is_null());
      }
      if (!std::isnan(s.lower)) CHECK(steps[i]["lower"].get<double>() == s.lower);
      if (!std::isnan(s.upper)) CHECK(steps[i]["upper"].get<double>() == s.upper);
    }
    // Greenwood's variance grows with each event: the last step with events has a positive error.
    if (k.events > 0) CHECK((std::isnan(k.steps.back().std_err) || k.steps.back().std_err > 0.0));
  }
}
