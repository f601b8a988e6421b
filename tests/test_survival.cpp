// Survival analysis (include/kanten/programme/survival.hpp; definitions in docs/programme.md):
// Greenwood's standard error and log(−log) confidence limits of the Kaplan–Meier curve, the
// log-rank test, the Aalen–Johansen cumulative incidence of competing exits, and the
// observations table. Every expected number is worked by hand in the comment beside it (and
// agrees with statsmodels.duration.survfunc, which python/tests/test_survival.py checks on
// larger data).
#include "helpers.hpp"

#include <cmath>

using namespace kt;

namespace {

constexpr double z95 = 1.959963984540054;  // the standard normal quantile 0.975

ProgrammeOptions as_of(std::string_view d) {
  ProgrammeOptions o;
  o.as_of = D(d);
  return o;
}

}  // namespace

// --- confidence limits ---------------------------------------------------------------------------

TEST_CASE("normal critical value: 1.96 for alpha 0.05, and alpha must lie strictly between 0 and 1", "[survival]") {
  CHECK(normal_critical_value(0.05) == Approx(z95).epsilon(1e-12));
  CHECK(normal_critical_value(0.10) == Approx(1.6448536269514722).epsilon(1e-12));
  CHECK(normal_critical_value(1e-10) == Approx(6.466951).epsilon(1e-6));  // from the complement: no cancellation
  for (double bad : {0.0, 1.0, -0.1, 1.5, std::nan("")}) {
    INFO(bad);
    CHECK_THROWS_WITH(normal_critical_value(bad), Catch::Contains("'alpha'") && Catch::Contains("out of range"));
  }
}

TEST_CASE("log(-log) limits: p^exp(±c) with c = z·se/(p·|ln p|), and the degenerate cases", "[survival]") {
  // p = 7/8, se = 0.116927 (below): c = 1.959964 · 0.116927 / (0.875 · 0.133531) = 1.96144,
  // lower = 0.875^exp(1.96144) = 0.875^7.1095 = 0.38700, upper = 0.875^0.14066 = 0.98139.
  const ConfidenceLimits ci = loglog_limits(0.875, 0.11692679333668568, z95);
  CHECK(ci.lower == Approx(0.38700001403202516).epsilon(1e-9));
  CHECK(ci.upper == Approx(0.981392965878966).epsilon(1e-9));
  CHECK(ci.lower < 0.875);
  CHECK(ci.upper > 0.875);
  CHECK(loglog_limits(1.0, 0.0, z95) == ConfidenceLimits{1.0, 1.0});
  CHECK(loglog_limits(0.0, 0.0, z95) == ConfidenceLimits{0.0, 0.0});
  CHECK(loglog_limits(0.4, 0.0, z95) == ConfidenceLimits{0.4, 0.4});
  const ConfidenceLimits undefined = loglog_limits(0.0, std::nan(""), z95);
  CHECK(std::isnan(undefined.lower));
  CHECK(std::isnan(undefined.upper));
  // A huge standard error: the limits stay within [0, 1].
  const ConfidenceLimits wide = loglog_limits(0.5, 10.0, z95);
  CHECK(wide.lower >= 0.0);
  CHECK(wide.upper <= 1.0);
}

// --- Kaplan–Meier: Greenwood and limits ------------------------------------------------------------

TEST_CASE("Kaplan-Meier: Greenwood's standard error and 95 % limits, worked by hand", "[survival][km]") {
  // (days, event): 2 ●, 3 ○, 5 ●, 5 ●, 5 ○, 8 ●, 10 ○, 12 ●  (tests/test_programme.cpp works S).
  // Greenwood: Var S(t) = S(t)² Σ d / (n (n − d)):
  //   t=2:  Σ = 1/(8·7)            = 1/56     S = 7/8   se = 7/8 · √(1/56)    = 0.116927
  //   t=5:  Σ += 2/(6·4) = 1/12    = 17/168   S = 7/12  se = 7/12 · √(17/168) = 0.185561
  //   t=8:  Σ += 1/(3·2) = 1/6     = 45/168   S = 7/18  se = 7/18 · √(45/168) = 0.201269
  //   t=12: n = d = 1: S = 0, Greenwood undefined (NaN), as statsmodels' SurvfuncRight has it.
  const std::vector<Observation> obs = {{5, true}, {2, true}, {10, false}, {5, false},
                                        {12, true}, {3, false}, {5, true}, {8, true}};
  const KaplanMeierCurve k = kaplan_meier(obs);
  REQUIRE(k.steps.size() == 6);
  const double se[] = {0.11692679333668568, 0.11692679333668568, 0.1855609613317693,
                       0.20126912147485332, 0.20126912147485332};
  const double lower[] = {0.38700001403202516, 0.38700001403202516, 0.1801888910128228,
                          0.06300281146885861, 0.06300281146885861};
  const double upper[] = {0.981392965878966, 0.981392965878966, 0.8440686916574577,
                          0.724222755536696, 0.724222755536696};
  for (std::size_t i = 0; i < 5; ++i) {
    INFO("step " << i << " at day " << k.steps[i].days);
    CHECK(k.steps[i].std_err == Approx(se[i]).epsilon(1e-9));
    CHECK(k.steps[i].lower == Approx(lower[i]).epsilon(1e-9));
    CHECK(k.steps[i].upper == Approx(upper[i]).epsilon(1e-9));
  }
  CHECK(k.steps[5].survival == 0.0);
  CHECK(std::isnan(k.steps[5].std_err));
  CHECK(std::isnan(k.steps[5].lower));
  CHECK(std::isnan(k.steps[5].upper));
}

TEST_CASE("Kaplan-Meier: a 90 % interval is narrower, and before any event the limits are 1", "[survival][km]") {
  const std::vector<Observation> obs = {{1, false}, {2, true}, {3, true}, {4, false}, {5, true},
                                        {6, false}, {7, true}, {8, false}, {9, false}};
  // t=2 with 90 %: z = 1.644854, S = 7/8 as above: limits 0.500288 and 0.974583.
  const std::vector<Observation> hand = {{5, true}, {2, true}, {10, false}, {5, false},
                                         {12, true}, {3, false}, {5, true}, {8, true}};
  const KaplanMeierCurve k90 = kaplan_meier(hand, 0.10);
  CHECK(k90.steps[0].lower == Approx(0.5002875589892715).epsilon(1e-9));
  CHECK(k90.steps[0].upper == Approx(0.9745830690091843).epsilon(1e-9));

  const KaplanMeierCurve k95 = kaplan_meier(obs, 0.05), k80 = kaplan_meier(obs, 0.20);
  // Day 1: only a censoring, S = 1, se = 0: the interval is the point.
  CHECK(k95.steps[0].survival == 1.0);
  CHECK(k95.steps[0].std_err == 0.0);
  CHECK(k95.steps[0].lower == 1.0);
  CHECK(k95.steps[0].upper == 1.0);
  for (std::size_t i = 1; i < k95.steps.size(); ++i) {
    INFO("step " << i);
    CHECK(k95.steps[i].std_err == k80.steps[i].std_err);  // alpha moves the limits, not the error
    CHECK(k95.steps[i].lower <= k80.steps[i].lower);
    CHECK(k95.steps[i].upper >= k80.steps[i].upper);
    CHECK(k95.steps[i].lower <= k95.steps[i].survival);
    CHECK(k95.steps[i].survival <= k95.steps[i].upper);
  }
  CHECK_THROWS_WITH(kaplan_meier(obs, 0.0), Catch::Contains("'alpha'"));
  CHECK_THROWS_WITH(kaplan_meier(obs, 1.0), Catch::Contains("'alpha'"));
}

// --- the log-rank test ------------------------------------------------------------------------------

TEST_CASE("log-rank: two groups worked by hand", "[survival][logrank]") {
  // A (group 0): 1 ●, 3 ●, 4 ○;  B (group 1): 2 ●, 5 ●, 6 ○.
  //   t=1: n=6 (3, 3), d=1: E_A += 3/6 = 0.5, V += 1·5/5 · ½·½    = 0.25
  //   t=2: n=5 (2, 3), d=1: E_A += 2/5 = 0.4, V += 1·4/4 · 0.4·0.6 = 0.24
  //   t=3: n=4 (2, 2), d=1: E_A += 0.5,       V += 0.25
  //   t=5: n=2 (0, 2), d=1: E_A += 0,         V += 0
  // O_A = 2, E_A = 1.4, O_B = 2, E_B = 2.6, V = 0.74: χ² = 0.6² / 0.74 = 0.486486, p = 0.485499.
  const std::vector<Observation> obs = {{1, true}, {3, true}, {4, false}, {2, true}, {5, true}, {6, false}};
  const std::vector<std::size_t> group = {0, 0, 0, 1, 1, 1};
  const LogRankTest t = logrank(obs, group, 2);
  CHECK(t.df == 1);
  CHECK(t.statistic == Approx(0.36 / 0.74).epsilon(1e-12));
  CHECK(t.p_value == Approx(0.48549880264428225).epsilon(1e-9));
  REQUIRE(t.groups.size() == 2);
  CHECK(t.groups[0].subjects == 3);
  CHECK(t.groups[0].observed == 2);
  CHECK(t.groups[0].expected == Approx(1.4));
  CHECK(t.groups[0].variance == Approx(0.74));
  CHECK(t.groups[1].observed == 2);
  CHECK(t.groups[1].expected == Approx(2.6));
  CHECK(t.groups[1].variance == Approx(0.74));

  // The labels swapped: the same test.
  const LogRankTest swapped = logrank(obs, std::vector<std::size_t>{1, 1, 1, 0, 0, 0}, 2);
  CHECK(swapped.statistic == Approx(t.statistic));
  CHECK(swapped.groups[1].expected == Approx(1.4));
}

TEST_CASE("log-rank: three groups worked by hand (df 2)", "[survival][logrank]") {
  // A: 1 ●, B: 2 ●, C: 3 ●.
  //   t=1: n=3 (1,1,1), d=1: E += (⅓, ⅓, ⅓); f = 1·2/2 = 1; V_gg += 2/9, V_gh += −1/9
  //   t=2: n=2 (0,1,1), d=1: E += (0, ½, ½); f = 1;          V_BB, V_CC += ¼, V_BC += −¼
  //   t=3: n=1: E_C += 1 (no variance: one at risk)
  // O − E for B, C = (1/6, −5/6); V' = [[17/36, −13/36], [−13/36, 17/36]], det = 5/54;
  // uᵀ adj(V') u = 13/54, so χ² = 13/5 = 2.6 and p = exp(−2.6/2) = 0.272532 (df 2).
  const std::vector<Observation> obs = {{1, true}, {2, true}, {3, true}};
  const LogRankTest t = logrank(obs, std::vector<std::size_t>{0, 1, 2}, 3);
  CHECK(t.df == 2);
  CHECK(t.statistic == Approx(2.6).epsilon(1e-12));
  CHECK(t.p_value == Approx(std::exp(-1.3)).epsilon(1e-12));
  CHECK(t.groups[2].expected == Approx(11.0 / 6.0));
  // Any group as the reference gives the same statistic.
  const LogRankTest again = logrank(obs, std::vector<std::size_t>{2, 0, 1}, 3);
  CHECK(again.statistic == Approx(2.6).epsilon(1e-12));
}

TEST_CASE("log-rank: undefined tests and bad input are errors naming the field", "[survival][logrank]") {
  const std::vector<Observation> obs = {{1, true}, {2, false}, {3, true}};
  CHECK_THROWS_WITH(logrank(obs, std::vector<std::size_t>{0, 1}, 2), Catch::Contains("'group'"));
  CHECK_THROWS_WITH(logrank(obs, std::vector<std::size_t>{0, 0, 0}, 1), Catch::Contains("'groups'"));
  CHECK_THROWS_WITH(logrank(obs, std::vector<std::size_t>{0, 3, 1}, 2),
                    Catch::Contains("'group[1]'") && Catch::Contains("out of range"));
  CHECK_THROWS_WITH(logrank(obs, std::vector<std::size_t>{0, 0, 0}, 2), Catch::Contains("no observations"));
  CHECK_THROWS_WITH(logrank(std::vector<Observation>{{1, true}, {-2, false}}, std::vector<std::size_t>{0, 1}, 2),
                    Catch::Contains("observations[1].days"));
  // No events at all.
  CHECK_THROWS_WITH(logrank(std::vector<Observation>{{1, false}, {2, false}}, std::vector<std::size_t>{0, 1}, 2),
                    Catch::Contains("no events"));
  // Group 1 has left before the only event: nobody of it is ever at risk at an event time.
  CHECK_THROWS_WITH(logrank(std::vector<Observation>{{1, false}, {5, true}, {6, false}},
                            std::vector<std::size_t>{1, 0, 0}, 2),
                    Catch::Contains("undefined"));
  // Three groups where A (the reference) leaves before the first event: r_B + r_C = 1 at every
  // event time, so V' = [[s, −s], [−s, s]] with s = ¼ + 2/9 is singular but for rounding.
  CHECK_THROWS_WITH(logrank(std::vector<Observation>{{0, false}, {1, true}, {2, true}, {3, false}, {3, false}},
                            std::vector<std::size_t>{0, 1, 2, 1, 2}, 3),
                    Catch::Contains("undefined"));
}

// --- cumulative incidence ---------------------------------------------------------------------------

TEST_CASE("Aalen-Johansen: two causes worked by hand", "[survival][incidence]") {
  // (days, cause): 1 → 1, 2 → 2, 3 censored, 4 → 1.
  //   t=1: n=4, S(t−)=1:   I1 = 1/4;              S = 3/4
  //   t=2: n=3, S(t−)=3/4: I2 = 3/4 · 1/3 = 1/4;  S = 1/2
  //   t=3: n=2, censored:  nothing changes
  //   t=4: n=1, S(t−)=1/2: I1 = 1/4 + 1/2 = 3/4;  S = 0      (I1 + I2 = 1 − S)
  // Variance: before any censoring each I is a binomial share of 4: 1/4 · 3/4 / 4 = 3/64
  // (se 0.216506); at t=4 everyone at risk has the event: undefined (NaN), as in statsmodels.
  const std::vector<CompetingObservation> obs = {{4, 1}, {1, 1}, {3, 0}, {2, 2}};
  const CumulativeIncidence ci = cumulative_incidence(obs, 2);
  CHECK(ci.subjects == 4);
  CHECK(ci.censored == 1);
  REQUIRE(ci.causes.size() == 2);
  REQUIRE(ci.causes[0].size() == 4);
  const double cif1[] = {0.25, 0.25, 0.25, 0.75}, cif2[] = {0.0, 0.25, 0.25, 0.25};
  const std::size_t at_risk[] = {4, 3, 2, 1}, events1[] = {1, 0, 0, 1}, events2[] = {0, 1, 0, 0};
  for (std::size_t i = 0; i < 4; ++i) {
    INFO("time " << i);
    CHECK(ci.causes[0][i].days == static_cast<std::int32_t>(i + 1));
    CHECK(ci.causes[0][i].at_risk == at_risk[i]);
    CHECK(ci.causes[1][i].at_risk == at_risk[i]);
    CHECK(ci.causes[0][i].events == events1[i]);
    CHECK(ci.causes[1][i].events == events2[i]);
    CHECK(ci.causes[0][i].cif == Approx(cif1[i]));
    CHECK(ci.causes[1][i].cif == Approx(cif2[i]));
  }
  const double binomial = std::sqrt(3.0) / 8.0;
  for (std::size_t i = 0; i < 3; ++i) CHECK(ci.causes[0][i].std_err == Approx(binomial).epsilon(1e-12));
  CHECK(ci.causes[1][0].std_err == 0.0);
  CHECK(ci.causes[1][0].lower == 0.0);
  CHECK(ci.causes[1][0].upper == 0.0);
  CHECK(ci.causes[1][1].std_err == Approx(binomial).epsilon(1e-12));
  CHECK(std::isnan(ci.causes[0][3].std_err));
  CHECK(std::isnan(ci.causes[1][3].std_err));
  // Limits of I = 1/4, se = √3/8 on the log(−log) scale: c = 1.959964 · 0.216506 / (0.25 · ln 4) = 1.22441,
  // lower = 0.25^exp(1.22441) = 0.008948, upper = 0.25^exp(−1.22441) = 0.665325.
  CHECK(ci.causes[0][0].lower == Approx(0.00894782441660316).epsilon(1e-9));
  CHECK(ci.causes[0][0].upper == Approx(0.6653253427888655).epsilon(1e-9));
}

TEST_CASE("Aalen-Johansen: one cause is one minus Kaplan-Meier; bad input is an error", "[survival][incidence]") {
  // With a single cause the cumulative incidence is 1 − S of the Kaplan–Meier curve.
  const std::vector<Observation> km_obs = {{5, true}, {2, true}, {10, false}, {5, false}, {3, false}, {8, true}};
  std::vector<CompetingObservation> obs;
  for (const auto& o : km_obs) obs.push_back({o.days, o.event ? 1u : 0u});
  const CumulativeIncidence ci = cumulative_incidence(obs, 1);
  const KaplanMeierCurve km = kaplan_meier(km_obs);
  REQUIRE(ci.causes[0].size() == km.steps.size());
  for (std::size_t i = 0; i < km.steps.size(); ++i) {
    INFO("step " << i);
    CHECK(ci.causes[0][i].cif == Approx(1.0 - km.steps[i].survival));
    CHECK(ci.causes[0][i].std_err == Approx(km.steps[i].std_err).margin(1e-12));  // the delta method gives Greenwood's
  }
  CHECK_THROWS_WITH(cumulative_incidence(obs, 0), Catch::Contains("'causes'"));
  CHECK_THROWS_WITH(cumulative_incidence(std::vector<CompetingObservation>{{1, 3}}, 2),
                    Catch::Contains("observations[0].cause"));
  CHECK_THROWS_WITH(cumulative_incidence(std::vector<CompetingObservation>{{-1, 1}}, 2),
                    Catch::Contains("observations[0].days"));
  CHECK_THROWS_WITH(cumulative_incidence(obs, 1, 1.5), Catch::Contains("'alpha'"));
  const CumulativeIncidence empty = cumulative_incidence(std::vector<CompetingObservation>{}, 3);
  CHECK(empty.subjects == 0);
  CHECK(empty.causes.size() == 3);
  CHECK(empty.causes[0].empty());
}

// --- the observations table and a caseload's exits ------------------------------------------------

namespace {

/// Entered 2024-01-08 (all but z), as of 2024-05-31:
///   a: Trin 3, 20 + 10 ordinary hours in February → first paid 2024-02-05 (day 28), the 30-hour exit 2024-02-29 (day 52)
///   e: Trin 3, broken off to the rehabilitation team on 2024-02-10 (day 33)
///   g: Trin 1 only; uddannelseshjælp at entry, kontanthjælp and jobparat from 2024-03-01
///   h: Trin 1 only; integrationsydelse from the day of entry
///   z: no events (never entered)
Caseload small_programme() {
  CaseBuilder a("a"), e("e"), g("g", Profile{.benefit = Benefit::uddannelseshjaelp}), h("h"), z("z");
  a.trin1_complete("2024-01-08").trin2_complete("2024-01-09").hours("2024-02-05", 20 * 60).hours("2024-02-12", 10 * 60);
  e.trin1_complete("2024-01-08").trin2_complete("2024-01-20").break_off("2024-02-10", true);
  g.first_conversation("2024-01-08").profile_change(
      "2024-03-01", ProfileChanged{.benefit = Benefit::kontanthjaelp, .activity_ready = false});
  h.first_conversation("2024-01-08").profile_change("2024-01-08", ProfileChanged{.benefit = Benefit::integrationsydelse});
  Caseload load;
  for (const auto* b : {&a, &e, &g, &h, &z}) load.cases.push_back(b->get());
  return load;
}

}  // namespace

TEST_CASE("observations table: entry, days, event, the exit that ended follow-up, the profile at entry",
          "[survival][observations]") {
  const Caseload load = small_programme();
  const ProgrammeOptions o = as_of("2024-05-31");
  const auto exit = observation_table(load, o, Endpoint::exit);
  REQUIRE(exit.size() == 4);  // z never entered
  CHECK(exit[0].citizen == "a");
  CHECK(exit[0].entry == D("2024-01-08"));
  CHECK(exit[0].observation == Observation{52, true});
  CHECK(exit[0].exit == Step::exit_30_hours);
  CHECK(exit[1].observation == Observation{33, true});
  CHECK(exit[1].exit == Step::exit_rehabilitation_team);
  CHECK(exit[2].observation == Observation{144, false});  // censored at as_of
  CHECK_FALSE(exit[2].exit);
  // The profile in force on the day of entry, not the later one.
  CHECK(exit[2].profile.benefit == Benefit::uddannelseshjaelp);
  CHECK(exit[2].profile.activity_ready);
  CHECK(exit[3].profile.benefit == Benefit::integrationsydelse);  // changed on the day of entry
  CHECK(exit[0].profile == Profile{});

  const auto paid = observation_table(load, o, Endpoint::first_paid_hours);
  CHECK(paid[0].observation == Observation{28, true});
  CHECK_FALSE(paid[0].exit);  // the paid hour ended a's follow-up, not the exit 24 days later
  CHECK(paid[1].observation == Observation{33, false});
  CHECK(paid[1].exit == Step::exit_rehabilitation_team);  // the competing exit censors e

  // The same observations as observations().
  for (Endpoint ep : {Endpoint::first_paid_hours, Endpoint::exit, Endpoint::exit_30_hours}) {
    const auto rows = observation_table(load, o, ep);
    const auto plain = observations(load, o, ep);
    REQUIRE(rows.size() == plain.size());
    for (std::size_t i = 0; i < rows.size(); ++i) CHECK(rows[i].observation == plain[i]);
  }
  CHECK_THROWS_WITH(observation_table(load, ProgrammeOptions{}, Endpoint::exit), Catch::Contains("as_of"));
}

TEST_CASE("cumulative incidence of a caseload's exits: the exits as causes, censored at as_of",
          "[survival][incidence]") {
  const std::vector<Step> exits = exit_causes();
  REQUIRE(exits.size() == 3);
  CHECK(exits[0] == Step::exit_self_support);
  CHECK(exits[1] == Step::exit_30_hours);
  CHECK(exits[2] == Step::exit_rehabilitation_team);

  // Days: e 33 (rehabilitation), a 52 (30 hours), g and h 144 (censored).
  //   t=33: n=4: I_rehab = 1/4;        S = 3/4
  //   t=52: n=3: I_30 = 3/4 · 1/3 = 1/4; S = 1/2
  //   t=144: n=2, both censored.
  const CumulativeIncidence ci = cumulative_incidence(small_programme(), as_of("2024-05-31"));
  CHECK(ci.subjects == 4);
  CHECK(ci.censored == 2);
  REQUIRE(ci.causes.size() == 3);
  REQUIRE(ci.causes[1].size() == 3);
  CHECK(ci.causes[0].back().cif == 0.0);  // nobody self-supporting
  CHECK(ci.causes[1][0].cif == 0.0);
  CHECK(ci.causes[1][1].days == 52);
  CHECK(ci.causes[1][1].cif == Approx(0.25));
  CHECK(ci.causes[2][0].days == 33);
  CHECK(ci.causes[2][0].events == 1);
  CHECK(ci.causes[2][0].cif == Approx(0.25));
  CHECK(ci.causes[2][2].at_risk == 2);
  CHECK_THROWS_WITH(cumulative_incidence(small_programme(), as_of("2024-05-31"), 0.0), Catch::Contains("'alpha'"));
}
