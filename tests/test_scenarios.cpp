// tests/test_scenarios.cpp — whole cases from the text, one TEST_CASE per story.
// Source throughout: 004_3897fdd271fa8a38.txt (Trin 1–3, Kerneelement 3–9) and kanten's
// decisions (docs/decisions.md); the rule each assertion rests on is named in docs/rules.md.
#include "helpers.hpp"

#include <random>

using namespace kt;

namespace {

const Step T1 = Step::trin1_afklaring;
const Step T2 = Step::trin2_paa_vej_mod_job;
const Step T3 = Step::trin3_virksomhedsforloeb;

/// A citizen in Trin 3 from `entry` (all of Trin 1 on 2024-01-08 unless entry is earlier).
CaseBuilder trin3_from(std::string_view entry, AgreementKind kind = AgreementKind::ordinary_hours,
                       std::string id = "citizen-1", Profile p = {}) {
  CaseBuilder b(std::move(id), p);
  auto entry_date = D(entry);
  b.trin1_complete(entry_date < D("2024-01-08") ? entry : "2024-01-08");
  b.trin2_complete(entry, kind);
  return b;
}

/// The Amira story: kontanthjælp, Trin 1 over four weeks, an agreement combining ordinary hours
/// and an internship, hours growing month by month to 30 ordinary hours in May 2024.
CaseBuilder amira() {
  CaseBuilder b("amira");
  b.first_conversation("2024-01-08").visit("2024-01-08").jobformidler("2024-01-15").cv("2024-01-22")
      .direction("2024-02-05");
  b.on("2024-02-20", CaseBuilder::make_agreement(D("2024-03-01"), AgreementKind::both, 8 * 60, "bakery"));
  b.plan("2024-02-26").contact_person("2024-03-01", "bakery");
  b.contact("2024-03-05", Channel::in_person).contact("2024-04-03", Channel::phone).contact("2024-05-06", Channel::video);
  for (auto d : {"2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"}) b.hours(d, 300);
  for (auto d : {"2024-03-05", "2024-03-12", "2024-03-19", "2024-03-26"}) b.hours(d, 600, HoursKind::internship);
  for (auto d : {"2024-04-01", "2024-04-08", "2024-04-15", "2024-04-22", "2024-04-29"}) b.hours(d, 300);
  for (auto d : {"2024-05-02", "2024-05-06", "2024-05-08", "2024-05-13", "2024-05-15", "2024-05-17"}) b.hours(d, 300);
  return b;
}

}  // namespace

TEST_CASE("Scenario: Amira goes from the first conversation through Trin 1, 2 and 3 and exits on 30 ordinary hours "
          "in May 2024 — 004, Trin 1–3",
          "[scenario]") {
  auto b = amira();
  SECTION("as of mid-May: Trin 3, the exit pending") {
    auto e = b.eval("2024-05-20");
    CHECK(e.step == T3);
    CHECK(e.since == D("2024-03-01"));
    CHECK(e.thirty_hours_pending);
    CHECK(e.ordinary_this_month == 1800);
    CHECK(e.missing == std::vector<Missing>{Missing::ordinary_hours});
    CHECK(e.not_applied.empty());
  }
  SECTION("as of June: exited at the end of May; follow-up kept and cut at the exit") {
    auto e = b.eval("2024-06-15");
    CHECK(e.step == Step::exit_30_hours);
    CHECK(e.since == D("2024-05-31"));
    CHECK(rules_of(e) == std::vector<std::string>{"trin1_start", "trin1_to_trin2", "trin2_to_trin3",
                                                  "trin3_exit_30_hours"});
    REQUIRE(e.history.size() == 4);
    CHECK(e.history[0].date == D("2024-01-08"));
    CHECK(e.history[1].date == D("2024-02-05"));
    CHECK(e.history[2].date == D("2024-03-01"));
    CHECK(e.history[3].date == D("2024-05-31"));
    CHECK(month_hours(e, "2024-03") == MonthHours{M("2024-03"), 1200, 2400, 1200});
    CHECK(month_hours(e, "2024-04") == MonthHours{M("2024-04"), 1500, 0, 1500});
    CHECK(month_hours(e, "2024-05") == MonthHours{M("2024-05"), 1800, 0, 1800});
    CHECK(e.hours.size() == 3);
    CHECK(e.followup.applies);
    CHECK(e.followup.start == D("2024-03-01"));
    CHECK(e.followup.last_month == M("2024-05"));
    CHECK(e.followup.breached.empty());
    CHECK_FALSE(e.followup.due_this_month);
    CHECK_FALSE(e.followup.deadline.has_value());
    CHECK(e.followup.last_contact == D("2024-05-06"));
    CHECK(e.missing.empty());
    CHECK(e.events_applied == b.get().events.size());
    CHECK(e.events_after_as_of == 0);
    CHECK(e.rule_set == "indsatsmodel-2019.1");
    CHECK_FALSE(explain(e).empty());
  }
}

TEST_CASE("Scenario: 20 h on 31 January and 10 h on 1 February fall in two months: no exit — docs/decisions.md, "
          "Month means calendar month, 004 Trin 3",
          "[scenario][month_boundary]") {
  auto b = trin3_from("2024-01-02");
  b.hours("2024-01-31", 1200).hours("2024-02-01", 600).contact("2024-01-31").contact("2024-02-01");
  auto e = b.eval("2024-03-05");
  CHECK(e.step == T3);
  CHECK(month_hours(e, "2024-01").ordinary == 1200);
  CHECK(month_hours(e, "2024-02").ordinary == 600);
  // The contact on 31 January kept January, the one on 1 February kept February.
  CHECK(months_str(e.followup.breached) == std::vector<std::string>{});
  CHECK(e.followup.due_this_month);
  CHECK(e.followup.deadline == D("2024-03-31"));
}

TEST_CASE("Scenario: leap year — hours on 2024-02-29 count in February 2024 and the exit is dated 2024-02-29 — "
          "004 Trin 3 — docs/decisions.md, The 30-hour exit",
          "[scenario][leap_year]") {
  auto b = trin3_from("2024-02-01");
  b.hours("2024-02-26", 400).hours("2024-02-27", 400).hours("2024-02-28", 400).hours("2024-02-29", 600);
  auto before = b.eval("2024-02-28");
  CHECK(before.step == T3);
  CHECK(before.ordinary_this_month == 1200);
  CHECK_FALSE(before.thirty_hours_pending);
  auto e = b.eval("2024-02-29");
  CHECK(e.step == Step::exit_30_hours);
  CHECK(e.since == D("2024-02-29"));
  CHECK(month_hours(e, "2024-02").ordinary == 1800);
  CHECK(month_hours(e, "2024-03").ordinary == 0);
  CHECK(e.hours.size() == 1);
}

TEST_CASE("Scenario: leap year follow-up — as of 2024-02-29 February is not yet breached, as of 2024-03-01 it is — "
          "004 Kerneelement 7 — docs/decisions.md, Monthly follow-up",
          "[scenario][leap_year][followup]") {
  auto b = trin3_from("2024-01-15");
  b.contact("2024-01-20");
  auto last_day = b.eval("2024-02-29");
  CHECK(last_day.followup.breached.empty());
  CHECK(last_day.followup.due_this_month);
  CHECK(last_day.followup.deadline == D("2024-02-29"));
  auto next = b.eval("2024-03-01");
  CHECK(months_str(next.followup.breached) == std::vector<std::string>{"2024-02"});
  CHECK(next.followup.deadline == D("2024-03-31"));
}

TEST_CASE("Scenario: a common year — 30 h in February 2023 exits on 2023-02-28 — 2023-02-29 is no date, and an "
          "event without a valid date is reported, not applied — docs/rules.md, Bad input",
          "[scenario][leap_year][bad_input]") {
  CHECK_FALSE(parse_date("2023-02-29").has_value());
  CHECK(parse_date("2024-02-29").has_value());
  CHECK_THROWS(Date(2023, 2, 29));

  CaseBuilder b;
  b.trin1_complete("2023-01-09").trin2_complete("2023-02-01");
  b.hours("2023-02-27", 900).hours("2023-02-28", 900);
  b.on(Date(), HoursWorked{600, HoursKind::ordinary});  // index 10: the reader's "2023-02-29"
  auto e = b.eval("2023-03-10");
  CHECK(e.step == Step::exit_30_hours);
  CHECK(e.since == D("2023-02-28"));
  CHECK(month_hours(e, "2023-02").ordinary == 1800);
  REQUIRE(not_applied_at(e, 10) != nullptr);
  CHECK(not_applied_at(e, 10)->reason == NotAppliedReason::invalid_date);
  CHECK(not_applied_at(e, 10)->kind == EventKind::hours_worked);
  CHECK(not_applied_at(e, 10)->date.is_special());
}

TEST_CASE("Scenario: 29 h 59 min in a month is not 30 hours — 004 Trin 3 (\"mindst 30 timer månedligt\")",
          "[scenario][thirty_hours]") {
  auto b = trin3_from("2024-03-01");
  b.hours("2024-03-07", 900).hours("2024-03-14", 899);
  SECTION("one minute short stays in Trin 3") {
    auto e = b.eval("2024-04-10");
    CHECK(e.step == T3);
    CHECK(month_hours(e, "2024-03").ordinary == 1799);
    CHECK(hours_text(month_hours(e, "2024-03").ordinary) == "29:59");
  }
  SECTION("the missing minute in the next month does not help") {
    b.hours("2024-04-01", 1);
    auto e = b.eval("2024-05-10");
    CHECK(e.step == T3);
  }
  SECTION("the missing minute on the month's last day makes it") {
    b.hours("2024-03-31", 1);
    auto e = b.eval("2024-04-10");
    CHECK(e.step == Step::exit_30_hours);
    CHECK(e.since == D("2024-03-31"));
  }
}

TEST_CASE("Scenario: a citizen with internship hours only never reaches the 30-hour exit — renegotiated to ordinary "
          "hours she does — 004 Kerneelement 7 and 9 — docs/decisions.md, The 30-hour exit",
          "[scenario][internship]") {
  auto b = trin3_from("2024-03-01", AgreementKind::internship);
  for (int m = 3; m <= 5; ++m)
    for (int d = 1; d <= 20; ++d) {
      Date date(2024, static_cast<unsigned short>(m), static_cast<unsigned short>(d));
      b.on(date, HoursWorked{480, HoursKind::internship});
    }
  auto e = b.eval("2024-06-01");
  CHECK(e.step == T3);
  CHECK(month_hours(e, "2024-04").internship == 20 * 480);
  CHECK(month_hours(e, "2024-04").ordinary == 0);
  CHECK_FALSE(e.thirty_hours_pending);

  // KE9: between courses the agreement is renegotiated towards more ordinary hours.
  b.on("2024-06-01", CaseBuilder::make_agreement(D("2024-06-01"), AgreementKind::both, 10 * 60));
  b.hours("2024-06-03", 900).hours("2024-06-10", 900);
  auto f = b.eval("2024-06-30");
  CHECK(f.step == Step::exit_30_hours);
  CHECK(f.since == D("2024-06-30"));
  CHECK(f.not_applied.empty());
}

TEST_CASE("Scenario: a citizen breaks off at one company, is matched with another and reaches 30 hours there — "
          "004 Trin 3 (Kerneelement 9)",
          "[scenario][break_off]") {
  auto b = trin3_from("2024-03-01", AgreementKind::ordinary_hours, "yusuf");
  b.hours("2024-03-10", 900).contact("2024-03-12");
  b.break_off("2024-04-10");
  b.hours("2024-04-12", 300);  // index 11: the old agreement ended on 2024-04-10
  b.agreement("2024-04-20", AgreementKind::ordinary_hours, "garden-centre").plan("2024-04-22")
      .contact_person("2024-04-25", "garden-centre");
  b.contact("2024-04-26").contact("2024-05-03");
  b.hours("2024-05-06", 600).hours("2024-05-13", 600).hours("2024-05-20", 600);
  SECTION("between the companies: Trin 2 with the new facts missing") {
    auto e = b.eval("2024-04-21");
    CHECK(e.step == T2);
    CHECK(e.since == D("2024-04-10"));
    CHECK(e.missing == std::vector<Missing>{Missing::followup_plan, Missing::contact_person});
    REQUIRE(not_applied_at(e, 11) != nullptr);
    CHECK(not_applied_at(e, 11)->reason == NotAppliedReason::no_agreement_in_force);
  }
  SECTION("30 hours at the new company: exit at the end of May") {
    auto e = b.eval("2024-06-01");
    CHECK(e.step == Step::exit_30_hours);
    CHECK(e.since == D("2024-05-31"));
    CHECK(rules_of(e) == std::vector<std::string>{"trin1_start", "trin1_to_trin2", "trin2_to_trin3", "trin3_break_off",
                                                  "trin2_to_trin3", "trin3_exit_30_hours"});
    CHECK(e.history[3].date == D("2024-04-10"));
    CHECK(e.history[4].date == D("2024-04-25"));
    CHECK(e.followup.start == D("2024-03-01"));
    CHECK(e.followup.last_month == M("2024-05"));
    CHECK(e.followup.breached.empty());
    CHECK(month_hours(e, "2024-04").ordinary == 0);
  }
}

TEST_CASE("Scenario: a break-off and a new match on the same day — the break-off applies before the new agreement — "
          "docs/rules.md (order of one day's kinds) — 004 Trin 3",
          "[scenario][break_off]") {
  auto b = trin3_from("2024-03-01");
  b.break_off("2024-04-10").trin2_complete("2024-04-10", AgreementKind::both, "company-b");
  auto e = b.eval("2024-04-15");
  CHECK(e.step == T3);
  CHECK(e.since == D("2024-04-10"));
  CHECK(rules_of(e) == std::vector<std::string>{"trin1_start", "trin1_to_trin2", "trin2_to_trin3", "trin3_break_off",
                                                "trin2_to_trin3"});
  CHECK(e.not_applied.empty());
}

TEST_CASE("Scenario: 30 hours reached in mid-March, then the course is broken off before the month ends: back to "
          "Trin 2, no exit — docs/decisions.md, The 30-hour exit (exit at the end of the month during Trin 3)",
          "[scenario][thirty_hours][break_off]") {
  auto b = trin3_from("2024-03-01");
  b.hours("2024-03-05", 900).hours("2024-03-06", 900);
  CHECK(b.eval("2024-03-15").thirty_hours_pending);
  b.break_off("2024-03-20");
  auto e = b.eval("2024-04-05");
  CHECK(e.step == T2);
  CHECK(e.since == D("2024-03-20"));
  CHECK_FALSE(e.thirty_hours_pending);
}

TEST_CASE("Scenario: at visitation the consultant finds the citizen in the target group for førtidspension: the case "
          "goes to the rehabilitation team from Trin 1 — 004 Trin 1: Afklaring",
          "[scenario][rehabilitation]") {
  CaseBuilder b("ole");
  b.first_conversation("2024-01-08").cv("2024-01-10").visit("2024-01-15", VisitationOutcome::rehabilitation_team);
  b.jobformidler("2024-01-20");                   // 3
  b.failure("2024-01-25");                        // 4
  auto e = b.eval("2024-03-01");
  CHECK(e.step == Step::exit_rehabilitation_team);
  CHECK(e.since == D("2024-01-15"));
  CHECK(rules_of(e) == std::vector<std::string>{"trin1_start", "trin1_to_rehabilitation"});
  REQUIRE(not_applied_at(e, 3) != nullptr);
  CHECK(not_applied_at(e, 3)->reason == NotAppliedReason::after_exit);
  CHECK_FALSE(e.followup.applies);
  // The failure is after the exit, outside Trin 1–3; the citizen still receives kontanthjælp as
  // activity-ready, so the sanction rules for such recipients are applied — never "not eligible"
  // for being outside the steps (004, Kerneelement 5; decision "Failures outside Trin 1–3").
  REQUIRE(sanction_for(e, "f1") != nullptr);
  CHECK(sanction_for(e, "f1")->status == SanctionStatus::undecided);
  CHECK_FALSE(sanction_for(e, "f1")->excluded_by);
  CHECK(reason_rests_on(*sanction_for(e, "f1"), sources::sanction_recipients));
}

TEST_CASE("Scenario: a citizen breaks off the company course and the consultant assesses her for ressourceforløb: "
          "the course is interrupted and the case prepared for the rehabilitation team — 004 Trin 3",
          "[scenario][rehabilitation][break_off]") {
  auto b = trin3_from("2024-03-01");
  b.contact("2024-03-10").hours("2024-04-02", 600).break_off("2024-05-14", true);
  auto e = b.eval("2024-08-01");
  CHECK(e.step == Step::exit_rehabilitation_team);
  CHECK(e.since == D("2024-05-14"));
  REQUIRE(e.exit() != nullptr);
  CHECK(e.exit()->from == T3);
  CHECK(e.exit()->transition->rule == "trin3_break_off_rehabilitation");
  CHECK(e.followup.last_month == M("2024-04"));  // out of the model before May ended
  CHECK(months_str(e.followup.breached) == std::vector<std::string>{"2024-04"});
  CHECK_FALSE(e.followup.deadline.has_value());
  CHECK(e.missing.empty());
}

TEST_CASE("Scenario: the follow-up breach at month end — a contact on the last day keeps the month — without one the "
          "month is breached the next day, not on its last day — 004 Kerneelement 7 — docs/decisions.md, Monthly follow-up",
          "[scenario][followup][month_boundary]") {
  auto b = trin3_from("2024-04-10");
  b.contact("2024-04-30", Channel::phone);
  auto may31 = b.eval("2024-05-31");
  CHECK(may31.followup.breached.empty());
  CHECK(may31.followup.due_this_month);
  CHECK(may31.followup.deadline == D("2024-05-31"));
  CHECK(may31.followup.last_contact == D("2024-04-30"));
  auto jun1 = b.eval("2024-06-01");
  CHECK(months_str(jun1.followup.breached) == std::vector<std::string>{"2024-05"});
  CHECK(jun1.followup.due_this_month);
  CHECK(jun1.followup.deadline == D("2024-06-30"));
  b.contact("2024-06-30");
  auto jul1 = b.eval("2024-07-01");
  CHECK(months_str(jul1.followup.breached) == std::vector<std::string>{"2024-05"});
  CHECK(jul1.followup.deadline == D("2024-07-31"));
  // The worklist of this one-citizen caseload on 1 July lists her, with one breached month.
  auto w = followup_worklist({jul1});
  REQUIRE(w.size() == 1);
  CHECK(w[0].citizen == "citizen-1");
  CHECK(w[0].deadline == D("2024-07-31"));
  CHECK(w[0].last_contact == D("2024-06-30"));
  CHECK(w[0].breached_months == 1);
}

TEST_CASE("Scenario: a citizen finds an education place in Trin 1 and leaves as self-supporting — 004 Kerneelement 3 "
          "and Trin 3",
          "[scenario][self_support]") {
  CaseBuilder b;
  b.first_conversation("2024-01-08").visit("2024-01-08").cv("2024-01-12").self_support("2024-01-29",
                                                                                       SelfSupportKind::education);
  b.jobformidler("2024-02-01");  // 4: after the exit
  auto e = b.eval("2024-03-01");
  CHECK(e.step == Step::exit_self_support);
  CHECK(e.since == D("2024-01-29"));
  CHECK(rules_of(e) == std::vector<std::string>{"trin1_start", "self_support_trin1"});
  CHECK(e.missing.empty());
  REQUIRE(not_applied_at(e, 4) != nullptr);
  CHECK(not_applied_at(e, 4)->reason == NotAppliedReason::after_exit);
}

TEST_CASE("Scenario: a citizen gets an ordinary job while looking for a match in Trin 2 — 004 Kerneelement 3 and "
          "Trin 3",
          "[scenario][self_support]") {
  CaseBuilder b;
  b.trin1_complete("2024-01-08").agreement("2024-02-01").self_support("2024-02-15", SelfSupportKind::job);
  auto e = b.eval("2024-03-01");
  CHECK(e.step == Step::exit_self_support);
  CHECK(e.since == D("2024-02-15"));
  CHECK(rules_of(e) == std::vector<std::string>{"trin1_start", "trin1_to_trin2", "self_support_trin2"});
  CHECK_FALSE(e.followup.applies);
}

TEST_CASE("Scenario: a citizen becomes self-supporting from the company course — later hours are facts but change no "
          "step — 004 Trin 3 (Kerneelement 9)",
          "[scenario][self_support]") {
  auto b = trin3_from("2024-03-01");
  b.contact("2024-03-04").contact("2024-04-02").self_support("2024-04-15", SelfSupportKind::job);
  b.hours("2024-04-20", 900).hours("2024-04-27", 900);
  auto e = b.eval("2024-05-10");
  CHECK(e.step == Step::exit_self_support);
  CHECK(e.since == D("2024-04-15"));
  CHECK(rules_of(e) == std::vector<std::string>{"trin1_start", "trin1_to_trin2", "trin2_to_trin3",
                                                "trin3_exit_self_support"});
  CHECK(month_hours(e, "2024-04").ordinary == 1800);
  CHECK(e.followup.last_month == M("2024-03"));  // self-supporting before April ended
  CHECK(e.followup.breached.empty());
  CHECK_FALSE(e.thirty_hours_pending);
}

TEST_CASE("Scenario: the same record appended in any order gives the same answer — docs/rules.md, How a case is "
          "evaluated (1)",
          "[scenario][order]") {
  auto b = amira();
  b.hours("2024-03-20", -30);  // a bad event to follow through the shuffles
  b.failure("2024-04-10").vulnerability("2024-04-11", true).assessment("2024-04-12", true, true);
  const Case original = b.get();
  const auto as_of = D("2024-06-15");
  EvaluateOptions o;
  o.as_of = as_of;
  const auto reference = evaluate(original, o);
  REQUIRE(count_not_applied(reference, NotAppliedReason::non_positive_duration) == 1);

  Case reversed = original;
  std::reverse(reversed.events.begin(), reversed.events.end());
  CHECK(diff_results(reference, evaluate(reversed, o)) == "");

  std::mt19937 rng(20240615);
  for (int round = 0; round < 20; ++round) {
    Case shuffled = original;
    std::shuffle(shuffled.events.begin(), shuffled.events.end(), rng);
    auto e = evaluate(shuffled, o);
    CAPTURE(round);
    CHECK(diff_results(reference, e) == "");
    // The not-applied entry names the bad event's position in the shuffled record.
    std::size_t pos = 0;
    for (; pos < shuffled.events.size(); ++pos) {
      const auto* h = std::get_if<HoursWorked>(&shuffled.events[pos].data);
      if (h && h->minutes < 0) break;
    }
    REQUIRE(not_applied_at(e, pos) != nullptr);
    CHECK(not_applied_at(e, pos)->reason == NotAppliedReason::non_positive_duration);
  }
}

TEST_CASE("Scenario: an agreement recorded before any visitation is not applied, and does not count later — "
          "docs/rules.md rule 4 and Bad input",
          "[scenario][bad_input]") {
  SECTION("after the first conversation, before the visitation") {
    CaseBuilder b;
    b.first_conversation("2024-01-08").agreement("2024-01-09").plan("2024-01-09");
    b.visit("2024-01-10").cv("2024-01-12").direction("2024-01-12").jobformidler("2024-01-12");
    b.contact_person("2024-01-15");
    auto e = b.eval("2024-02-01");
    CHECK(e.step == T2);
    CHECK(e.since == D("2024-01-12"));
    CHECK(e.missing == std::vector<Missing>{Missing::agreement, Missing::followup_plan});
    REQUIRE(not_applied_at(e, 1) != nullptr);
    CHECK(not_applied_at(e, 1)->reason == NotAppliedReason::not_visited);
    CHECK(not_applied_at(e, 1)->kind == EventKind::agreement);
    CHECK(not_applied_at(e, 1)->date == D("2024-01-09"));
    REQUIRE(not_applied_at(e, 2) != nullptr);
    CHECK(not_applied_at(e, 2)->reason == NotAppliedReason::not_visited);
  }
  SECTION("before anything at all") {
    CaseBuilder b;
    b.agreement("2024-01-02");
    auto e = b.eval("2024-02-01");
    CHECK(e.step == Step::not_started);
    REQUIRE(not_applied_at(e, 0) != nullptr);
    CHECK((not_applied_at(e, 0)->reason == NotAppliedReason::not_visited ||
           not_applied_at(e, 0)->reason == NotAppliedReason::before_trin1));
    CHECK(e.events_applied == 0);
  }
}

TEST_CASE("Scenario: a negative duration is reported and not counted — docs/rules.md, Bad input",
          "[scenario][bad_input]") {
  auto b = trin3_from("2024-03-01");
  b.hours("2024-03-04", 900).hours("2024-03-06", 900).hours("2024-03-05", -120);  // 8, 9, 10
  auto e = b.eval("2024-04-01");
  CHECK(e.step == Step::exit_30_hours);
  CHECK(month_hours(e, "2024-03").ordinary == 1800);
  REQUIRE(e.not_applied.size() == 1);
  CHECK(e.not_applied[0].index == 10);
  CHECK(e.not_applied[0].reason == NotAppliedReason::non_positive_duration);
  CHECK(e.not_applied[0].date == D("2024-03-05"));
  CHECK(e.events_applied == 10);
  CHECK_FALSE(describe(e.not_applied[0]).empty());
}

TEST_CASE("Scenario: more than 24 hours on one day is reported and not counted — docs/rules.md, Bad input",
          "[scenario][bad_input]") {
  auto b = trin3_from("2024-03-01");
  b.hours("2024-03-04", 1500);                                    // 8: alone over 24 h
  b.hours("2024-03-05", 720).hours("2024-03-05", 720);             // 9, 10: exactly 24 h
  b.hours("2024-03-06", 100).hours("2024-03-06", 1341);            // 11, 12: the 1341 (applied second) would make 24 h 1 min
  auto e = b.eval("2024-04-01");
  CHECK(month_hours(e, "2024-03").ordinary == 1440 + 100);
  CHECK(e.step == T3);  // 1540 < 1800
  REQUIRE(not_applied_at(e, 8) != nullptr);
  CHECK(not_applied_at(e, 8)->reason == NotAppliedReason::day_over_24_hours);
  CHECK(not_applied_at(e, 9) == nullptr);
  CHECK(not_applied_at(e, 10) == nullptr);
  CHECK(not_applied_at(e, 11) == nullptr);
  REQUIRE(not_applied_at(e, 12) != nullptr);
  CHECK(not_applied_at(e, 12)->reason == NotAppliedReason::day_over_24_hours);
  CHECK(count_not_applied(e, NotAppliedReason::day_over_24_hours) == 2);
}

TEST_CASE("Scenario: events after an exit — hours are still facts, everything else is after_exit — the history does not "
          "move — docs/rules.md rule 5 and Bad input",
          "[scenario][after_exit]") {
  auto b = trin3_from("2024-03-01");
  b.hours("2024-03-04", 900).hours("2024-03-05", 900);                  // 8, 9
  b.hours("2024-04-04", 900).hours("2024-04-05", 900);                  // 10, 11: facts, change no step
  b.cv("2024-04-06");                                                    // 12
  b.agreement("2024-04-07", AgreementKind::both, "company-b");           // 13
  b.break_off("2024-04-08");                                             // 14
  b.self_support("2024-04-09");                                          // 15
  b.first_conversation("2024-04-10");                                    // 16
  auto before = b.eval("2024-04-01");
  auto e = b.eval("2024-06-01");
  CHECK(e.step == Step::exit_30_hours);
  CHECK(e.since == D("2024-03-31"));
  REQUIRE(e.history.size() == before.history.size());
  for (std::size_t i = 0; i < e.history.size(); ++i) {
    CHECK(e.history[i].date == before.history[i].date);
    CHECK(e.history[i].transition == before.history[i].transition);
  }
  CHECK(month_hours(e, "2024-04").ordinary == 1800);
  CHECK(not_applied_at(e, 10) == nullptr);
  CHECK(not_applied_at(e, 11) == nullptr);
  for (std::size_t i : {12u, 13u, 15u}) {
    CAPTURE(i);
    REQUIRE(not_applied_at(e, i) != nullptr);
    CHECK(not_applied_at(e, i)->reason == NotAppliedReason::after_exit);
    CHECK(not_applied_at(e, i)->related == D("2024-03-31"));
  }
  REQUIRE(not_applied_at(e, 14) != nullptr);  // after_exit or no_course_in_progress: both say why
  REQUIRE(not_applied_at(e, 16) != nullptr);  // after_exit or trin1_already_started
}

TEST_CASE("Scenario: an uddannelseshjælp recipient first sets an employment goal (a violation), then education, and "
          "reaches Trin 3 — 004 Kerneelement 4",
          "[scenario][education_goal]") {
  CaseBuilder b("sara", Profile{Benefit::uddannelseshjaelp, true, true, false});
  b.first_conversation("2024-01-08").visit("2024-01-08").jobformidler("2024-01-08").cv("2024-01-09");
  b.direction("2024-01-10", Goal::employment);  // 4
  b.direction("2024-01-15", Goal::education);   // 5
  b.trin2_complete("2024-02-01", AgreementKind::internship);
  auto e = b.eval("2024-02-10");
  CHECK(e.step == T3);
  CHECK(e.since == D("2024-02-01"));
  CHECK(e.history[1].date == D("2024-01-15"));
  REQUIRE(e.violations.size() == 1);
  CHECK(e.violations[0].index == 4);
  CHECK(e.violations[0].source == &sources::education_goal);
  REQUIRE(e.not_applied.size() == 1);
  CHECK(e.not_applied[0].reason == NotAppliedReason::education_goal_required);
  CHECK(e.target_group.member);
}

TEST_CASE("Scenario: an integrationsydelse recipient within the integration programme is outside the target group — "
          "004 Kerneelement 3",
          "[scenario][target_group]") {
  CaseBuilder b("ali", Profile{Benefit::integrationsydelse, true, true, true});
  b.first_conversation("2024-01-08").visit("2024-01-08").cv("2024-01-08").direction("2024-01-08")
      .jobformidler("2024-01-08");
  b.agreement("2024-02-01").plan("2024-02-01").contact_person("2024-02-01");  // 5, 6, 7
  auto e = b.eval("2024-03-01");
  CHECK_FALSE(e.target_group.member);
  CHECK(e.target_group.reasons == std::vector<TargetGroupReason>{TargetGroupReason::in_integration_programme});
  CHECK(e.step == Step::not_started);
  CHECK(e.missing == std::vector<Missing>{Missing::visitation});
  CHECK(count_not_applied(e, NotAppliedReason::outside_target_group) == 2);  // first conversation, visitation
  CHECK(count_not_applied(e, NotAppliedReason::before_trin1) == 3);          // CV, direction, jobformidler
  CHECK(count_not_applied(e, NotAppliedReason::not_visited) == 3);
  CHECK_FALSE(e.followup.applies);
}

TEST_CASE("Scenario: the whole sanction procedure of one citizen, from a refused job offer to an eligible "
          "punktsanktion — 004 Kerneelement 5 (sanktioner)",
          "[scenario][sanction]") {
  const std::int64_t rate = 51'600;  // øre a day, given by the caller
  auto b = trin3_from("2024-03-01", AgreementKind::ordinary_hours, "karim");
  b.failure("2024-04-02", "job-offer-17", FailureKind::refused_job_offer);
  auto at = [&](std::string_view d) {
    auto e = b.eval(d, rate);
    REQUIRE(e.sanctions.size() == 1);
    return e.sanctions[0];
  };
  auto a0 = at("2024-04-02");
  CHECK(a0.status == SanctionStatus::undecided);
  CHECK(pending_rests_on(a0, sources::sanction_vulnerable));
  CHECK(pending_rests_on(a0, sources::sanction_concrete_assessment));
  CHECK(a0.failure_date == D("2024-04-02"));

  b.vulnerability("2024-04-03", true, "job-offer-17");
  auto a1 = at("2024-04-03");
  CHECK(a1.status == SanctionStatus::undecided);
  CHECK(pending_rests_on(a1, sources::sanction_concrete_assessment));

  b.on("2024-04-05", ConcreteAssessment{"job-offer-17", true, true, "SECRET-FREE-TEXT about the citizen"});
  auto a2 = at("2024-04-05");
  CHECK(a2.status == SanctionStatus::undecided);
  CHECK(a2.pending.size() == 1);  // the written hearing

  b.hearing_sent("2024-04-06", "job-offer-17", "2024-04-12");
  auto a3 = at("2024-04-08");  // the citizen may still answer
  CHECK(a3.status == SanctionStatus::undecided);
  CHECK(pending_rests_on(a3, sources::sanction_personal_contact));
  CHECK(a3.pending.back().rule == "sanction_hearing_deadline");

  b.attempt("2024-04-13", Channel::phone, false, "job-offer-17");
  CHECK(at("2024-04-13").status == SanctionStatus::undecided);

  b.attempt("2024-04-15", Channel::home_visit, false, "job-offer-17");
  auto a5 = at("2024-04-15");
  CHECK(a5.status == SanctionStatus::eligible);
  CHECK(a5.pending.empty());
  CHECK(a5.deduction_days == 3);
  CHECK(a5.daily_rate == rate);
  CHECK(a5.deduction == 3 * rate);
  CHECK_FALSE(a5.reasons.empty());
  for (const auto& r : a5.reasons) {
    REQUIRE(r.source != nullptr);
    CHECK(r.source->seed == sources::indsatsmodel);
    CHECK(r.text.find("SECRET") == std::string::npos);
  }
  auto e = b.eval("2024-04-15", rate);
  CHECK(explain(e).find("SECRET") == std::string::npos);
  CHECK(e.step == T3);  // a sanction changes no step
}

TEST_CASE("Scenario: an invalid as-of date is an error, not an answer — evaluate.hpp", "[scenario][bad_input]") {
  CaseBuilder b;
  b.first_conversation("2024-01-08");
  EvaluateOptions o;
  o.as_of = Date();
  CHECK_THROWS_AS(evaluate(b.get(), o), kanten::Error);
  try {
    (void)evaluate(b.get(), o);
  } catch (const kanten::Error& err) {
    CHECK(err.code() == Errc::invalid_argument);
  }
}

TEST_CASE("Scenario: everything of Trin 1 and Trin 2 recorded on the first day takes the citizen to Trin 3 the same "
          "day — docs/rules.md rule 4 (recorded in Trin 1, counts when Trin 2 starts)",
          "[scenario]") {
  CaseBuilder b;
  b.trin1_complete("2024-01-08").trin2_complete("2024-01-08");
  auto e = b.eval("2024-01-08");
  CHECK(e.step == T3);
  CHECK(e.since == D("2024-01-08"));
  CHECK(steps_of(e) == std::vector<Step>{T1, T2, T3});
  for (const auto& h : e.history) CHECK(h.date == D("2024-01-08"));
  CHECK(e.followup.start == D("2024-01-08"));
  CHECK(e.followup.due_this_month);
  CHECK(e.followup.deadline == D("2024-01-31"));
}

TEST_CASE("Scenario: input events the reader could not read are reported as unreadable, never dropped — "
          "docs/rules.md, Bad input",
          "[scenario][bad_input]") {
  CaseBuilder b;
  b.first_conversation("2024-01-08");
  b.get().rejected.push_back(InputIssue{3, "date", "2024-13-01", "not a date"});
  b.get().rejected.push_back(InputIssue{5, "kind", "coffee_break", "unknown kind"});
  auto e = b.eval("2024-02-01");
  CHECK(e.step == T1);
  CHECK(count_not_applied(e, NotAppliedReason::unreadable) == 2);
  bool found = false;
  for (const auto& n : e.not_applied)
    if (n.reason == NotAppliedReason::unreadable && n.index == 3) {
      found = true;
      CHECK(n.field == "date");
      CHECK(n.value == "2024-13-01");
      CHECK(n.detail == "not a date");
      CHECK_FALSE(n.kind.has_value());
      CHECK(n.date.is_special());
    }
  CHECK(found);
}

TEST_CASE("Scenario: Trin 3 entered in December — the year boundary splits the hours and the obligation runs to "
          "November — docs/decisions.md: Month means calendar month, The 30-hour exit, Monthly follow-up",
          "[scenario][month_boundary]") {
  auto b = trin3_from("2024-12-16");
  b.hours("2024-12-31", 1200).hours("2025-01-01", 600);
  auto e = b.eval("2025-01-01");
  CHECK(e.step == T3);
  CHECK(e.followup.first_month == M("2024-12"));
  CHECK(e.followup.last_month == M("2025-11"));
  CHECK(months_str(e.followup.breached) == std::vector<std::string>{"2024-12"});
  CHECK(e.ordinary_this_month == 600);
  CHECK(month_hours(e, "2024-12").ordinary == 1200);
  auto f = b.eval("2025-02-01");
  CHECK(f.step == T3);
}

TEST_CASE("Scenario: events dated after the as-of date are counted and ignored — evaluate.hpp", "[scenario]") {
  auto b = trin3_from("2024-03-01");
  b.hours("2024-03-04", 900).hours("2024-03-05", 900).break_off("2024-05-02").self_support("2024-06-01");
  auto e = b.eval("2024-03-10");
  CHECK(e.step == T3);
  CHECK(e.events_after_as_of == 2);
  CHECK(e.events_applied == 10);
  CHECK(e.thirty_hours_pending);
}

TEST_CASE("Scenario: Sara's course as the case system records it — a move to kontanthjælp, a new jobformidler, an "
          "agreement signed before it starts, a renegotiation, a refused offer heard in writing with a deadline, "
          "self-support and aftercare — 004 Kerneelement 3, 5, 7 and 9, Trin 3",
          "[scenario][casework]") {
  CaseBuilder b("sara", Profile{Benefit::uddannelseshjaelp, true, true, false});
  b.first_conversation("2024-01-08").visit("2024-01-08").cv("2024-01-10").jobformidler("2024-01-10", "jf-3");
  b.direction("2024-01-12", Goal::education);
  b.profile_change("2024-01-20", ProfileChanged{Benefit::kontanthjaelp, {}, {}, {}});  // turns 30
  b.on("2024-01-26", BusTripAttended{"trip-4", true, {"bakery"}});
  b.on("2024-02-23", CaseBuilder::make_agreement(D("2024-03-04"), AgreementKind::ordinary_hours, 300, "bakery"));
  b.plan("2024-02-23").contact_person("2024-02-23", "bakery");
  b.jobformidler("2024-03-01", "jf-7");
  for (auto d : {"2024-03-05", "2024-03-12", "2024-03-19", "2024-03-26"}) b.hours(d, 300);
  b.contact("2024-03-20").contact("2024-04-15");
  b.on("2024-04-26", CaseBuilder::make_agreement(D("2024-05-01"), AgreementKind::ordinary_hours, 480, "bakery"));
  b.failure("2024-05-06", "offer-9").vulnerability("2024-05-07", false, "offer-9").assessment("2024-05-07", true, false, "offer-9");
  b.hearing_sent("2024-05-08", "offer-9", "2024-05-17");
  b.attempt("2024-05-10", Channel::written, true, "offer-9");  // a letter is not personal contact
  b.attempt("2024-05-21", Channel::phone, true, "offer-9");    // reached after the deadline
  for (auto d : {"2024-05-13", "2024-05-14", "2024-05-15"}) b.hours(d, 480);  // 24 h: no exit
  b.contact("2024-05-22").self_support("2024-06-10").on("2024-07-01", AftercareContact{Channel::phone});

  SECTION("in February: Trin 3 from the signing, but the follow-up year waits for the start in March") {
    auto e = b.eval("2024-02-29");
    CHECK(e.step == T3);
    CHECK(e.since == D("2024-02-23"));
    CHECK(e.followup.start == D("2024-03-04"));
    CHECK(e.followup.first_month == M("2024-03"));
    CHECK_FALSE(e.followup.due_this_month);
    CHECK(e.profile.benefit == Benefit::kontanthjaelp);
    CHECK(e.violations.empty());
    REQUIRE(e.bus_trips.size() == 1);
  }
  SECTION("in mid-May: waiting for the hearing's answer; 20 h in March is no exit") {
    auto e = b.eval("2024-05-15");
    CHECK(e.step == T3);
    CHECK(e.jobformidler.current == "jf-7");
    CHECK(e.jobformidler.changes == 1);
    REQUIRE(e.agreements.size() == 2);
    CHECK(e.agreements[1].renegotiation);
    CHECK(e.agreements[1].ordinary_minutes_per_week == 480);
    CHECK(month_hours(e, "2024-03").ordinary_in_trin3 == 1200);
    REQUIRE(e.sanctions.size() == 1);
    CHECK(e.sanctions[0].status == SanctionStatus::undecided);
    CHECK(e.sanctions[0].pending.back().rule == "sanction_hearing_deadline");
    CHECK(count_not_applied(e, NotAppliedReason::not_personal_channel) == 1);
  }
  SECTION("in July: eligible after the call, self-supporting, one aftercare contact, no breach") {
    auto e = b.eval("2024-07-31", 51'600);
    CHECK(e.step == Step::exit_self_support);
    CHECK(e.sanctions[0].status == SanctionStatus::eligible);
    CHECK(e.sanctions[0].deduction == 3 * 51'600);
    CHECK(e.followup.breached.empty());  // March, April, May each had a contact
    REQUIRE(e.aftercare.size() == 1);
    CHECK(e.aftercare[0].date == D("2024-07-01"));
  }
}
