// tests/test_casework.cpp — the rules of the deeper case model (docs/rules.md rules 9–21): one
// TEST_CASE per rule, named after it and citing its source section; SECTIONs cover the edges and
// each case is a small scenario a caseworker would recognise.
#include "helpers.hpp"

using namespace kt;

namespace {

const Step T2 = Step::trin2_paa_vej_mod_job;
const Step T3 = Step::trin3_virksomhedsforloeb;

/// A citizen in Trin 3 from 2024-03-01 with a failure f1 on 2024-04-02, assessed (not vulnerable,
/// a sanction promotes availability) and heard in writing on 2024-04-03 with an answer deadline.
CaseBuilder heard(std::string_view answer_by = "2024-04-10") {
  CaseBuilder b("c-sanction");
  b.trin1_complete("2024-01-08").trin2_complete("2024-03-01");
  b.failure("2024-04-02").vulnerability("2024-04-02", false).assessment("2024-04-02", true);
  b.hearing_sent("2024-04-03", "f1", answer_by);
  return b;
}

const SanctionAnswer& only(const Evaluation& e) {
  REQUIRE(e.sanctions.size() == 1);
  return e.sanctions[0];
}

std::size_t count_reason(const Evaluation& e, NotAppliedReason r) {
  return static_cast<std::size_t>(std::count_if(e.not_applied.begin(), e.not_applied.end(),
                                                [&](const NotApplied& n) { return n.reason == r; }));
}

EvaluateOptions with_alerts(std::string_view as_of, AlertOptions a) {
  EvaluateOptions o;
  o.as_of = D(as_of);
  o.alerts = a;
  return o;
}

const Alert* alert_of(const Evaluation& e, AlertKind k) {
  for (const auto& a : e.alerts)
    if (a.kind == k) return &a;
  return nullptr;
}

}  // namespace

// =============================================================================================
// Rule 9 — personal contact channels
// =============================================================================================
TEST_CASE("Rule 9, KE5: personal contact is by phone, a home visit or a meeting in person — a written or video "
          "attempt never is, even when it reached the citizen — 004_3897fdd271fa8a38.txt, Kerneelement 5 "
          "(sanktioner): \"Den personlige kontakt kan fx være telefonisk eller personlig kontakt, hvor borgeren bor "
          "eller opholder sig\"",
          "[rules][sanction][casework]") {
  CHECK(is_personal(Channel::phone));
  CHECK(is_personal(Channel::home_visit));
  CHECK(is_personal(Channel::in_person));
  CHECK_FALSE(is_personal(Channel::written));
  CHECK_FALSE(is_personal(Channel::video));

  SECTION("a written attempt that 'reached' the citizen is reported, and the answer stays undecided") {
    auto b = heard();
    b.attempt("2024-04-12", Channel::written, true);
    auto e = b.eval("2024-04-20");
    CHECK(only(e).status == SanctionStatus::undecided);
    CHECK(count_reason(e, NotAppliedReason::not_personal_channel) == 1);
    CHECK(pending_rests_on(only(e), sources::sanction_personal_contact));
  }
  SECTION("a video call is not one either") {
    auto b = heard();
    b.attempt("2024-04-12", Channel::video, true);
    CHECK(only(b.eval("2024-04-20")).status == SanctionStatus::undecided);
  }
  SECTION("a call or a meeting in person that reached the citizen is personal contact") {
    for (auto ch : {Channel::phone, Channel::in_person, Channel::home_visit}) {
      CAPTURE(ch);
      auto b = heard();
      b.attempt("2024-04-12", ch, true);
      auto e = b.eval("2024-04-20");
      CHECK(only(e).status == SanctionStatus::eligible);
      CHECK(count_reason(e, NotAppliedReason::not_personal_channel) == 0);
    }
  }
}

// =============================================================================================
// Rule 10 — the hearing's answer period
// =============================================================================================
TEST_CASE("Rule 10, KE5: the written hearing has an answer period — until its deadline has passed the answer is "
          "undecided, and personal contact that stands in for an unanswered hearing comes after the deadline — "
          "004_3897fdd271fa8a38.txt, Kerneelement 5 (sanktioner): \"hvis denne ikke reagerer på en skriftlig "
          "partshøring forud for en sanktion\"",
          "[rules][sanction][casework]") {
  SECTION("the day after the hearing is sent: waiting for the answer, not eligible to sanction") {
    auto e = heard().eval("2024-04-04");
    CHECK(only(e).status == SanctionStatus::undecided);
    REQUIRE_FALSE(only(e).pending.empty());
    CHECK(only(e).pending.back().rule == "sanction_hearing_deadline");
    CHECK(only(e).pending.back().text.find("2024-04-10") != std::string::npos);
  }
  SECTION("on the deadline itself the citizen may still answer") {
    auto b = heard();
    b.attempt("2024-04-05", Channel::phone, false).attempt("2024-04-06", Channel::home_visit, false);
    CHECK(only(b.eval("2024-04-10")).status == SanctionStatus::undecided);
  }
  SECTION("attempts dated before the deadline do not count; the same attempts after it do") {
    auto early = heard();
    early.attempt("2024-04-05", Channel::phone, false).attempt("2024-04-06", Channel::home_visit, false);
    auto e = early.eval("2024-04-20");
    CHECK(only(e).status == SanctionStatus::undecided);
    CHECK(only(e).pending.back().text.find("2 attempts on or before the deadline do not count") != std::string::npos);

    auto late = heard();
    late.attempt("2024-04-11", Channel::phone, false).attempt("2024-04-12", Channel::home_visit, false);
    CHECK(only(late.eval("2024-04-20")).status == SanctionStatus::eligible);
  }
  SECTION("a contact that reached the citizen before the deadline does not stand in for the answer") {
    auto b = heard();
    b.attempt("2024-04-08", Channel::phone, true);
    CHECK(only(b.eval("2024-04-20")).status == SanctionStatus::undecided);
  }
  SECTION("an answer to the hearing settles it, before or after the deadline") {
    auto b = heard();
    b.hearing_answered("2024-04-09");
    CHECK(only(b.eval("2024-04-09")).status == SanctionStatus::eligible);
  }
  SECTION("a hearing without a recorded deadline leaves the answer undecided, saying why") {
    auto e = heard("").eval("2024-06-01");
    CHECK(only(e).status == SanctionStatus::undecided);
    CHECK(only(e).pending.back().rule == "sanction_hearing_deadline");
  }
  SECTION("a deadline before the day the hearing was sent is reported, not applied") {
    CaseBuilder b("c-x");
    b.trin1_complete("2024-01-08").failure("2024-02-01").on("2024-02-03", HearingSent{"f1", D("2024-02-02")});
    auto e = b.eval("2024-03-01");
    CHECK(count_reason(e, NotAppliedReason::answer_by_before_hearing) == 1);
    CHECK(only(e).status == SanctionStatus::undecided);
  }
}

// =============================================================================================
// Rule 11 — whose sanction rules
// =============================================================================================
TEST_CASE("Rule 11, KE5: the sanction rules are those for activity-ready recipients of the benefit — the benefit "
          "and readiness on the failure's date decide, not the step; where kanten cannot judge the answer is "
          "undecided, never not eligible — 004_3897fdd271fa8a38.txt, Kerneelement 5 (sanktioner)",
          "[rules][sanction][casework]") {
  SECTION("jobparat on the failure date (a dated change): undecided, naming why") {
    auto b = heard();
    b.profile_change("2024-03-20", ProfileChanged{{}, false, {}, {}});
    auto e = b.eval("2024-04-20");
    CHECK(only(e).status == SanctionStatus::undecided);
    REQUIRE(only(e).pending.size() == 1);
    CHECK(only(e).pending[0].rule == "sanction_recipients");
    CHECK(only(e).pending[0].source == &sources::sanction_recipients);
  }
  SECTION("activity-ready again before the failure: judged by the rules") {
    auto b = heard();
    b.profile_change("2024-03-20", ProfileChanged{{}, false, {}, {}})
        .profile_change("2024-03-25", ProfileChanged{{}, true, {}, {}})
        .attempt("2024-04-11", Channel::phone, true);
    CHECK(only(b.eval("2024-04-20")).status == SanctionStatus::eligible);
  }
  SECTION("a change after the failure does not rewrite the failure's date") {
    auto b = heard();
    b.profile_change("2024-04-05", ProfileChanged{Benefit::none, {}, {}, {}}).attempt("2024-04-11", Channel::phone, true);
    CHECK(only(b.eval("2024-04-20")).status == SanctionStatus::eligible);
  }
  SECTION("uddannelseshjælp and integrationsydelse recipients are judged by the same rules") {
    for (auto benefit : {Benefit::uddannelseshjaelp, Benefit::integrationsydelse}) {
      CAPTURE(benefit);
      auto b = heard();
      b.profile_change("2024-03-20", ProfileChanged{benefit, {}, {}, {}}).attempt("2024-04-11", Channel::phone, true);
      CHECK(only(b.eval("2024-04-20")).status == SanctionStatus::eligible);
    }
  }
}

// =============================================================================================
// Rule 12 — the follow-up year
// =============================================================================================
TEST_CASE("Rule 12, KE7: the monthly follow-up year runs from the start of the first agreement; months before it "
          "need no contact — 004_3897fdd271fa8a38.txt, Kerneelement 7: \"opfølgning under ansættelsen … en gang i "
          "måneden i det første år\"",
          "[rules][followup][casework]") {
  SECTION("an agreement signed on 26 January that starts on 2 February: January is not breached") {
    CaseBuilder b("c-jan");
    b.trin1_complete("2024-01-08");
    b.on("2024-01-26", CaseBuilder::make_agreement(D("2024-02-02"))).plan("2024-01-26").contact_person("2024-01-26");
    b.contact("2024-02-15");
    auto e = b.eval("2024-03-05");
    CHECK(e.step == T3);
    CHECK(e.followup.trin3_entry == D("2024-01-26"));
    CHECK(e.followup.start == D("2024-02-02"));
    CHECK(e.followup.first_month == M("2024-02"));
    CHECK(e.followup.last_month == M("2025-01"));
    CHECK(e.followup.breached.empty());
    CHECK(e.followup.due_this_month);
  }
  SECTION("an agreement that started before Trin 3: the year runs from its start, months before Trin 3 need nothing") {
    CaseBuilder b("c-early");
    b.trin1_complete("2024-01-08").agreement("2024-01-10").plan("2024-03-04").contact_person("2024-03-04");
    auto e = b.eval("2024-05-02");
    CHECK(e.followup.start == D("2024-01-10"));
    CHECK(e.followup.trin3_entry == D("2024-03-04"));
    CHECK(e.followup.first_month == M("2024-03"));
    CHECK(e.followup.last_month == M("2024-12"));
    CHECK(months_str(e.followup.breached) == std::vector<std::string>{"2024-03", "2024-04"});
  }
}

// =============================================================================================
// Rule 13 — hours in Trin 3
// =============================================================================================
TEST_CASE("Rule 13, Trin 3: only ordinary hours worked while in Trin 3 count toward the 30-hour exit — "
          "004_3897fdd271fa8a38.txt, Trin 3 (Kerneelement 9): \"Det tredje trin afsluttes, når borgeren har opnået "
          "ordinære timer på et omfang af mindst 30 timer månedligt\"",
          "[rules][thirty_hours][casework]") {
  SECTION("30 ordinary hours worked in Trin 2, then one day in Trin 3: no exit at the month's end") {
    CaseBuilder b("c-t2hours");
    b.trin1_complete("2024-01-08").agreement("2024-03-01");
    for (auto d : {"2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"}) b.hours(d, 450);
    b.plan("2024-03-31").contact_person("2024-03-31");
    auto e = b.eval("2024-04-02");
    CHECK(e.step == T3);
    CHECK(month_hours(e, "2024-03").ordinary == 1800);
    CHECK(month_hours(e, "2024-03").ordinary_in_trin3 == 0);
  }
  SECTION("hours on the day Trin 3 is entered count (the day's agreement, plan and contact person come first)") {
    CaseBuilder b("c-sameday");
    b.trin1_complete("2024-01-08").agreement("2024-03-01").plan("2024-03-01").contact_person("2024-03-01");
    b.hours("2024-03-01", 900).hours("2024-03-02", 900);
    auto e = b.eval("2024-03-31");
    CHECK(e.step == Step::exit_30_hours);
  }
  SECTION("pending in the month shows only Trin 3's hours") {
    CaseBuilder b("c-pend");
    b.trin1_complete("2024-01-08").agreement("2024-03-01").hours("2024-03-04", 1000);
    b.plan("2024-03-10").contact_person("2024-03-10").hours("2024-03-12", 900);
    auto e = b.eval("2024-03-20");
    CHECK(e.ordinary_this_month == 1900);
    CHECK(e.ordinary_in_trin3_this_month == 900);
    CHECK_FALSE(e.thirty_hours_pending);
  }
}

// =============================================================================================
// Rule 14 — the dated profile
// =============================================================================================
TEST_CASE("Rule 14, KE3 and KE4: the profile is dated — target-group membership and the education goal follow the "
          "dates — 004_3897fdd271fa8a38.txt, Kerneelement 3 and Kerneelement 4",
          "[rules][target_group][casework]") {
  SECTION("a move out of the designated area: a member before, not after; the periods show both") {
    CaseBuilder b("c-move");
    b.trin1_complete("2024-01-08").profile_change("2024-03-01", ProfileChanged{{}, {}, false, {}});
    auto before = b.eval("2024-02-15");
    CHECK(before.target_group.member);
    auto after = b.eval("2024-03-15");
    CHECK_FALSE(after.target_group.member);
    CHECK(after.target_group.reasons == std::vector<TargetGroupReason>{TargetGroupReason::outside_designated_area});
    REQUIRE(after.profile_periods.size() == 2);
    CHECK(after.profile_periods[0].from.is_special());
    CHECK(after.profile_periods[0].target_group.member);
    CHECK(after.profile_periods[1].from == D("2024-03-01"));
    CHECK_FALSE(after.profile_periods[1].target_group.member);
    CHECK(after.step == T2);  // the course is not ended by the move: no row of the model says so
  }
  SECTION("membership on the day of the first conversation decides entry") {
    CaseBuilder b("c-late", Profile{Benefit::none, true, true, false});
    b.first_conversation("2024-01-08");
    b.profile_change("2024-02-01", ProfileChanged{Benefit::kontanthjaelp, {}, {}, {}}).visit("2024-02-05");
    auto e = b.eval("2024-03-01");
    CHECK(count_reason(e, NotAppliedReason::outside_target_group) == 1);  // 8 January: no benefit
    CHECK(e.step == Step::trin1_afklaring);                             // entered at the visitation
    CHECK(e.since == D("2024-02-05"));
  }
  SECTION("KE4 on the job direction's date: employment is fine for kontanthjælp, then a move to uddannelseshjælp "
          "needs an education goal") {
    CaseBuilder b("c-kontant");
    b.first_conversation("2024-01-08").visit("2024-01-08").cv("2024-01-08").direction("2024-01-09", Goal::employment);
    b.profile_change("2024-01-10", ProfileChanged{Benefit::uddannelseshjaelp, {}, {}, {}}).jobformidler("2024-01-12");
    auto e = b.eval("2024-01-31");
    REQUIRE(e.violations.size() == 1);
    CHECK(e.violations[0].date == D("2024-01-10"));
    CHECK(e.violations[0].source == &sources::education_goal);
    CHECK(e.step == Step::trin1_afklaring);  // the job direction is missing again
    CHECK(std::count(e.missing.begin(), e.missing.end(), Missing::job_direction) == 1);
    b.direction("2024-01-15", Goal::education);
    CHECK(b.eval("2024-01-31").step == T2);
  }
  SECTION("an employment goal set while on kontanthjælp is no violation when the benefit was uddannelseshjælp "
          "only before") {
    CaseBuilder b("c-udd", Profile{Benefit::uddannelseshjaelp, true, true, false});
    b.first_conversation("2024-01-08").profile_change("2024-01-09", ProfileChanged{Benefit::kontanthjaelp, {}, {}, {}});
    b.visit("2024-01-10").cv("2024-01-10").jobformidler("2024-01-10").direction("2024-01-10", Goal::employment);
    auto e = b.eval("2024-01-31");
    CHECK(e.violations.empty());
    CHECK(e.step == T2);
  }
}

// =============================================================================================
// Rule 15 — the jobformidler
// =============================================================================================
TEST_CASE("Rule 15, KE5: the same jobformidler over time — the id is kept, a change of jobformidler is counted with "
          "the time with the current one, and an inactivity alert comes after a caller-given number of days — "
          "004_3897fdd271fa8a38.txt, Kerneelement 5: \"kontinuitet i forløbet\", \"opsøgende i tilfælde af "
          "inaktivitet\"",
          "[rules][jobformidler][casework]") {
  CaseBuilder b("c-jf");
  b.trin1_complete("2024-01-08");  // jf-1 from 8 January
  b.jobformidler("2024-02-01", "jf-1").jobformidler("2024-03-01", "jf-2").contact("2024-03-05");
  SECTION("continuity: one change, days with the current one") {
    auto e = b.eval("2024-03-31");
    CHECK(e.jobformidler.current == "jf-2");
    CHECK(e.jobformidler.since == D("2024-03-01"));
    CHECK(e.jobformidler.changes == 1);  // the same jobformidler again is no change
    CHECK(e.jobformidler.days_with_current == 30);
  }
  SECTION("no alert by default (the text gives no number); with a threshold, after it") {
    CHECK(b.eval("2024-06-30").alerts.empty());
    auto quiet = evaluate(b.get(), with_alerts("2024-04-04", {.inactive_days = 30}));
    CHECK(alert_of(quiet, AlertKind::inactive) == nullptr);  // exactly 30 days: not more than 30
    auto e = evaluate(b.get(), with_alerts("2024-04-05", {.inactive_days = 30}));
    const Alert* a = alert_of(e, AlertKind::inactive);
    REQUIRE(a != nullptr);
    CHECK(a->value == 31);
    CHECK(a->threshold == 30);
    CHECK(a->source == &sources::inactivity);
    CHECK(e.inactive_since == D("2024-03-05"));
  }
  SECTION("without any contact inactivity counts from the start of Trin 1; none after an exit") {
    CaseBuilder c("c-none");
    c.trin1_complete("2024-01-08");
    auto e = evaluate(c.get(), with_alerts("2024-02-20", {.inactive_days = 30}));
    REQUIRE(alert_of(e, AlertKind::inactive) != nullptr);
    CHECK(alert_of(e, AlertKind::inactive)->value == 43);
    c.self_support("2024-02-01");
    CHECK(evaluate(c.get(), with_alerts("2024-02-20", {.inactive_days = 30})).alerts.empty());
  }
  SECTION("inactivity is the citizen's: hours worked, an attended bus trip or a track's start end it; a missed "
          "trip does not, nor do the planned days of a track") {
    CaseBuilder c("c-act");
    c.trin1_complete("2024-01-08");
    c.on("2024-01-20", BusTripAttended{"trip-1", false, {}});                         // registered, did not come
    c.on("2024-01-25", TrainingTrackStarted{"track-1", "canteen", "m-1", D("2024-04-30")});
    auto e = evaluate(c.get(), with_alerts("2024-03-01", {.inactive_days = 30}));
    CHECK(e.inactive_since == D("2024-01-25"));  // the start, not the planned days after it
    REQUIRE(alert_of(e, AlertKind::inactive) != nullptr);
    CHECK(alert_of(e, AlertKind::inactive)->value == 36);
    c.on("2024-02-10", BusTripAttended{"trip-2", true, {"bakery"}});
    CHECK(evaluate(c.get(), with_alerts("2024-03-01", {.inactive_days = 30})).inactive_since == D("2024-02-10"));
    c.agreement("2024-02-12").hours("2024-02-14", 120);  // hours under an agreement, still in Trin 2
    auto f = evaluate(c.get(), with_alerts("2024-03-01", {.inactive_days = 30}));
    CHECK(f.inactive_since == D("2024-02-14"));
    CHECK(f.alerts.empty());
  }
  SECTION("the worklist filters and groups by jobformidler") {
    CaseBuilder x("c-x"), y("c-y"), z("c-z");
    x.trin1_complete("2024-01-08").trin2_complete("2024-02-01");
    y.trin1_complete("2024-01-08").jobformidler("2024-01-09", "jf-0").trin2_complete("2024-02-01");
    z.trin1_complete("2024-01-08").trin2_complete("2024-02-01");
    z.contact("2024-03-02");
    const std::vector<Evaluation> es{x.eval("2024-03-10"), y.eval("2024-03-10"),
                                     evaluate(z.get(), with_alerts("2024-03-10", {.inactive_days = 5}))};
    auto all = followup_worklist(es);
    REQUIRE(all.size() == 3);  // x and y due this month, z has an alert only
    CHECK(all[2].citizen == "c-z");
    CHECK_FALSE(all[2].followup_due);
    CHECK_FALSE(all[2].deadline);
    REQUIRE(all[2].alerts.size() == 1);
    auto jf1 = followup_worklist(es, {.jobformidler = "jf-1"});
    REQUIRE(jf1.size() == 2);
    CHECK(jf1[0].jobformidler == "jf-1");
    auto grouped = followup_worklist(es, {.group_by_jobformidler = true});
    REQUIRE(grouped.size() == 3);
    CHECK(grouped[0].citizen == "c-y");  // jf-0 before jf-1
    CHECK(grouped[0].jobformidler == "jf-0");
  }
  SECTION("alert thresholds are checked, naming the field") {
    for (int bad : {0, -1, max_alert_days + 1}) {
      CAPTURE(bad);
      try {
        (void)evaluate(b.get(), with_alerts("2024-03-31", {.inactive_days = bad}));
        FAIL("no error");
      } catch (const Error& err) {
        CHECK(err.field() == "alerts.inactive_days");
        CHECK(err.value() == std::to_string(bad));
      }
    }
    CHECK_THROWS_AS(evaluate(b.get(), with_alerts("2024-03-31", {.stagnation_months = max_alert_months + 1})), Error);
  }
}

// =============================================================================================
// Rule 16 — the agreement's terms
// =============================================================================================
TEST_CASE("Rule 16, KE7 and Trin 2's end: an agreement completes Trin 2 only with its terms — company, tasks, "
          "working time, sub-goals — and the fixed contact person must be at its company — "
          "004_3897fdd271fa8a38.txt, Kerneelement 7: \"I aftalen fastlægges borgerens arbejdsopgaver, arbejdstid, "
          "delmål for progression\"",
          "[rules][trin2][casework]") {
  SECTION("an agreement with no terms and 0 hours leaves Trin 2 incomplete, saying what is missing") {
    CaseBuilder b("c-bare");
    b.trin1_complete("2024-01-08").on("2024-02-01", AgreementMade{AgreementKind::ordinary_hours, D("2024-02-01"), 0, nullptr, {}});
    b.plan("2024-02-01").contact_person("2024-02-01");
    auto e = b.eval("2024-02-10");
    CHECK(e.step == T2);
    CHECK(missing_sorted(e) == std::vector<Missing>{Missing::agreement_company, Missing::agreement_tasks,
                                                    Missing::agreement_weekly_hours, Missing::agreement_sub_goals});
    REQUIRE(e.agreements.size() == 1);
    CHECK(e.agreements[0].missing_terms.size() == 4);
  }
  SECTION("health considerations are optional (\"eventuelle\"); the rest completes Trin 2") {
    CaseBuilder b("c-full");
    b.trin1_complete("2024-01-08").trin2_complete("2024-02-01");
    CHECK(b.eval("2024-02-10").step == T3);
  }
  SECTION("a contact person at another company does not complete Trin 2; one at the agreement's company does") {
    CaseBuilder b("c-other");
    b.trin1_complete("2024-01-08").agreement("2024-02-01", AgreementKind::ordinary_hours, "bakery")
        .plan("2024-02-01").contact_person("2024-02-01", "garage");
    auto e = b.eval("2024-02-10");
    CHECK(e.step == T2);
    CHECK(e.missing == std::vector<Missing>{Missing::contact_person_company});
    b.contact_person("2024-02-12", "bakery");
    auto f = b.eval("2024-02-20");
    CHECK(f.step == T3);
    CHECK(f.since == D("2024-02-12"));
  }
}

// =============================================================================================
// Rule 17 — progression
// =============================================================================================
TEST_CASE("Rule 17, KE9: renegotiations are recorded with their ordinary hours, the course of agreed hours is "
          "reported, and stagnation over a caller-given number of months is an alert — 004_3897fdd271fa8a38.txt, "
          "Trin 3 (Kerneelement 9): \"genforhandles aftalen med henblik på at opnå flere ordinære timer\"",
          "[rules][progression][casework]") {
  auto agreement = [](std::string_view start, Minutes week, Minutes ordinary, std::string company = "bakery") {
    auto a = CaseBuilder::make_agreement(D(start), AgreementKind::both, week, std::move(company));
    a.ordinary_minutes_per_week = ordinary;
    return a;
  };
  CaseBuilder b("c-prog");
  b.trin1_complete("2024-01-08").on("2024-02-01", agreement("2024-02-01", 600, 120)).plan("2024-02-01")
      .contact_person("2024-02-01", "bakery");
  SECTION("the course of agreed ordinary hours, renegotiation at the same company") {
    b.on("2024-04-01", agreement("2024-04-01", 600, 240));
    auto e = b.eval("2024-04-15");
    REQUIRE(e.agreements.size() == 2);
    CHECK_FALSE(e.agreements[0].renegotiation);
    CHECK(e.agreements[0].ordinary_minutes_per_week == 120);
    CHECK(e.agreements[1].renegotiation);
    CHECK(e.agreements[1].ordinary_minutes_per_week == 240);
    CHECK(e.agreements[1].company == "bakery");
  }
  SECTION("a new agreement at another company is no renegotiation") {
    b.on("2024-04-01", agreement("2024-04-01", 600, 240, "garage"));
    auto e = b.eval("2024-04-15");
    REQUIRE(e.agreements.size() == 2);
    CHECK_FALSE(e.agreements[1].renegotiation);
  }
  SECTION("stagnation: no more ordinary hours in the given months is an alert; a rise resets it") {
    auto e = evaluate(b.get(), with_alerts("2024-05-01", {.stagnation_months = 3}));
    const Alert* a = alert_of(e, AlertKind::stagnation);
    REQUIRE(a != nullptr);
    CHECK(a->value == 3);
    CHECK(a->source == &sources::progression);
    CHECK(evaluate(b.get(), with_alerts("2024-04-30", {.stagnation_months = 3})).alerts.empty());
    b.on("2024-04-01", agreement("2024-04-01", 600, 240));
    CHECK(evaluate(b.get(), with_alerts("2024-05-01", {.stagnation_months = 3})).alerts.empty());
    auto later = evaluate(b.get(), with_alerts("2024-07-01", {.stagnation_months = 3}));
    REQUIRE(alert_of(later, AlertKind::stagnation) != nullptr);
    CHECK(alert_of(later, AlertKind::stagnation)->value == 3);
  }
}

// =============================================================================================
// Rule 18 — time in Trin 2
// =============================================================================================
TEST_CASE("Rule 18, Trin 2: the time in Trin 2 is reported, with an alert after a caller-given number of days — "
          "004_3897fdd271fa8a38.txt, Trin 2: \"der skal altid arbejdes på, at borgeren hurtigst muligt matches med "
          "en virksomhed\"",
          "[rules][trin2][casework]") {
  CaseBuilder b("c-t2");
  b.trin1_complete("2024-01-08");
  auto e = evaluate(b.get(), with_alerts("2024-03-08", {.trin2_days = 45}));
  CHECK(e.days_in_trin2 == 60);
  CHECK(e.total_days_in_trin2 == 60);
  REQUIRE(alert_of(e, AlertKind::long_in_trin2) != nullptr);
  CHECK(alert_of(e, AlertKind::long_in_trin2)->value == 60);
  CHECK(alert_of(e, AlertKind::long_in_trin2)->source == &sources::trin2_duration);
  SECTION("two spells add up; the current spell counts from the break-off") {
    b.trin2_complete("2024-02-01").break_off("2024-03-01");
    auto f = evaluate(b.get(), with_alerts("2024-03-11", {.trin2_days = 45}));
    CHECK(f.days_in_trin2 == 10);
    CHECK(f.total_days_in_trin2 == 24 + 10);
    CHECK(f.alerts.empty());
  }
}

// =============================================================================================
// Rule 19 — aftercare
// =============================================================================================
TEST_CASE("Rule 19, Trin 3: aftercare contacts after self-support are recorded and reported, never a duty — "
          "004_3897fdd271fa8a38.txt, Trin 3 (Kerneelement 9): \"Kommunerne opfordres endvidere til at indarbejde "
          "efterværn\"",
          "[rules][aftercare][casework]") {
  CaseBuilder b("c-after");
  b.trin1_complete("2024-01-08").trin2_complete("2024-02-01").self_support("2024-03-10");
  b.on("2024-04-02", AftercareContact{Channel::phone});
  auto e = b.eval("2024-06-30");
  CHECK(e.step == Step::exit_self_support);
  REQUIRE(e.aftercare.size() == 1);
  CHECK(e.aftercare[0].date == D("2024-04-02"));
  CHECK(e.aftercare[0].channel == Channel::phone);
  CHECK(e.followup.breached.size() == 1);  // February only: months after the exit need nothing
  CHECK_FALSE(e.followup.due_this_month);
  SECTION("aftercare before self-support is reported, not applied") {
    CaseBuilder c("c-early");
    c.trin1_complete("2024-01-08").on("2024-01-20", AftercareContact{Channel::phone});
    CHECK(count_reason(c.eval("2024-02-01"), NotAppliedReason::not_self_supporting) == 1);
  }
}

// =============================================================================================
// Rule 20 — one history
// =============================================================================================
TEST_CASE("Rule 20, 001 and 002: bus-trip attendance and social training tracks are events of the case, seen by the "
          "evaluation — 002_35b99bd4972212c9.txt and 001_8429fb4aa12981cf.txt",
          "[rules][programme][casework]") {
  CaseBuilder b("c-bus");
  b.trin1_complete("2024-01-08");
  b.on("2024-01-20", BusTripAttended{"trip-1", true, {"bakery", "garage"}});
  b.on("2024-01-27", BusTripAttended{"trip-2", false, {}});
  b.on("2024-02-05", TrainingTrackStarted{"track-1", "canteen", "mentor-3", Date()});
  auto e = b.eval("2024-03-01");
  REQUIRE(e.bus_trips.size() == 2);
  CHECK(e.bus_trips[0].attended);
  CHECK(e.bus_trips[0].companies == std::vector<std::string>{"bakery", "garage"});
  CHECK_FALSE(e.bus_trips[1].attended);
  REQUIRE(e.training.size() == 1);
  CHECK(e.training[0].start == D("2024-02-05"));
  CHECK(e.training[0].end == D("2024-02-05") + boost::gregorian::days(training_track_days - 1));  // 13 weeks
  CHECK(e.training[0].mentor == "mentor-3");
  SECTION("a track ending before it starts is reported") {
    b.on("2024-02-10", TrainingTrackStarted{"track-2", "", "", D("2024-02-01")});
    CHECK(count_reason(b.eval("2024-03-01"), NotAppliedReason::invalid_end_date) == 1);
  }
}

// =============================================================================================
// Rule 21 — the rule set's validity
// =============================================================================================
TEST_CASE("Rule 21: a rule set answers only for the dates it is in force — evaluating before RuleSet::valid_from is "
          "an error saying so",
          "[rules][casework]") {
  CaseBuilder b("c-old");
  b.trin1_complete("2024-01-08");
  try {
    (void)b.eval("2018-12-31");
    FAIL("no error");
  } catch (const Error& err) {
    CHECK(err.field() == "as_of");
    CHECK(err.value() == "2018-12-31");
    CHECK(std::string(err.what()).find("2019-01-01") != std::string::npos);
  }
  CHECK_NOTHROW(b.eval("2019-01-01"));
  RuleSet later = default_rules();
  later.valid_from = D("2025-01-01");
  EvaluateOptions o;
  o.as_of = D("2024-06-01");
  o.rules = &later;
  CHECK_THROWS_AS(evaluate(b.get(), o), Error);
}
