// The matching engine (include/kanten/match/matching.hpp): every hard filter rejects with its stated
// reason, every feature gives its documented points, protected attributes cannot enter, the
// indexed candidate generation equals a brute-force scoring of all pairs, the proposals respect
// slots, capacities, k and per_company, and the same input gives the same output.
#include "helpers.hpp"

#include <kanten/synth/market.hpp>
#include <kanten/synth/generate.hpp>
#include <kanten/bipartite/assignment.hpp>
#include <kanten/bipartite/stable.hpp>
#include <kanten/match/caseload.hpp>
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>

#include <algorithm>
#include <array>
#include <climits>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace kt;

namespace {

constexpr double metres_per_degree = 111'320.0;

/// A point `north_m` metres north and `east_m` metres east of `p` (as distance_m measures from p).
GeoPoint offset(GeoPoint p, double north_m, double east_m) {
  const double cos_lat = std::cos(p.lat * 3.14159265358979323846 / 180.0);
  return {p.lat + north_m / metres_per_degree, p.lon + east_m / (metres_per_degree * cos_lat)};
}

const GeoPoint kHome{54.7691, 11.8743};  // Nykøbing Falster

/// One citizen, one company 5 km east, one task: every filter passes, no readiness, no
/// ordinary hours, so each test switches on exactly what it checks.
Market one_pair() {
  Market m;
  Citizen c;
  c.id = "c-1";
  c.home = kHome;
  c.mode = TravelMode::car;
  c.max_travel_m = 20'000;
  c.max_travel_minutes = 0;
  c.hours_now = 10 * 60;
  c.hours_max = 20 * 60;
  c.wishes = {"5120"};
  c.danish_level = 2;
  c.driving_licence = true;
  m.citizens.push_back(c);
  Company co;
  co.id = "co-1";
  co.location = offset(kHome, 0, 5'000);
  co.capacity = 1;
  m.companies.push_back(co);
  Task t;
  t.id = "t-1";
  t.company = "co-1";
  t.disco = {"512010"};
  t.min_per_week = 4 * 60;
  t.max_per_week = 20 * 60;
  t.slots = 1;
  m.tasks.push_back(t);
  return m;
}

/// The rejections of the only pair of `m`.
std::vector<RejectReason> rejections(const Market& m, const MatchWeights& w = default_weights()) {
  const PairScore p = score_pair(m, 0, 0, w);
  if (!p.rejected.empty()) {
    CHECK(p.score() == 0);
    CHECK(p.breakdown.total() == 0);
  }
  return p.rejected;
}

/// The only rejection of the only pair of `m`: its kind and text.
RejectReason only_rejection(const Market& m) {
  const auto r = rejections(m);
  REQUIRE(r.size() == 1);
  CHECK(candidates(m).empty());
  return r.front();
}

/// The breakdown of the only pair of `m`, which must pass every filter.
ScoreBreakdown breakdown(const Market& m, const MatchWeights& w = default_weights()) {
  const PairScore p = score_pair(m, 0, 0, w);
  INFO((p.rejected.empty() ? std::string() : p.rejected.front().text));
  REQUIRE(p.rejected.empty());
  CHECK(p.score() == p.breakdown.total());
  return p.breakdown;
}

/// The rule of candidate generation, written out from its documentation (matching.hpp,
/// MatchWeights::min_wish_level; Scorer::within_wishes): a citizen without wishes or a task
/// without codes is open; otherwise some wish shares at least min(min_wish_level, the wish's
/// length up to 4) leading digits with some code of the task.
bool within_wishes(const Citizen& c, const Task& t, int min_level) {
  if (c.wishes.empty() || t.disco.empty()) return true;
  for (const auto& wish : c.wishes) {
    const int need = std::min(min_level, static_cast<int>(std::min<std::size_t>(wish.size(), 4)));
    for (const auto& code : t.disco)
      if (disco_level(wish, code) >= need) return true;
  }
  return false;
}

/// Every pair's score by score_pair, one by one (0 when a hard filter rejects it).
std::vector<std::vector<std::int32_t>> score_all_pairs(const Market& m, const MatchWeights& w) {
  std::vector<std::vector<std::int32_t>> out(m.citizens.size(), std::vector<std::int32_t>(m.tasks.size(), 0));
  for (std::int32_t c = 0; c < static_cast<std::int32_t>(m.citizens.size()); ++c)
    for (std::int32_t t = 0; t < static_cast<std::int32_t>(m.tasks.size()); ++t) {
      const PairScore p = score_pair(m, c, t, w);
      out[c][t] = p.rejected.empty() ? p.score() : 0;
    }
  return out;
}

/// The candidates as candidates() must find them: every pair scored, kept when its score is
/// positive and the task lies within the citizen's wishes.
std::vector<Candidate> brute_force(const Market& m, const std::vector<std::vector<std::int32_t>>& scores,
                                   int min_wish_level) {
  std::vector<Candidate> out;
  for (std::int32_t c = 0; c < static_cast<std::int32_t>(m.citizens.size()); ++c)
    for (std::int32_t t = 0; t < static_cast<std::int32_t>(m.tasks.size()); ++t)
      if (scores[c][t] > 0 && within_wishes(m.citizens[c], m.tasks[t], min_wish_level))
        out.push_back({c, t, scores[c][t]});
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return std::tuple(a.citizen, -a.score, a.task) < std::tuple(b.citizen, -b.score, b.task);
  });
  return out;
}
std::vector<Candidate> brute_force(const Market& m, const MatchWeights& w) {
  return brute_force(m, score_all_pairs(m, w), w.min_wish_level);
}

/// A generated market with some citizens' wishes removed and some cut to their first digit.
Market varied_market(std::size_t citizens, std::size_t companies, std::uint64_t seed, Region region) {
  MarketOptions o;
  o.citizens = citizens;
  o.companies = companies;
  o.seed = seed;
  o.region = region;
  Market m = generate_market(o);
  for (std::size_t i = 0; i < m.citizens.size(); ++i) {
    auto& c = m.citizens[i];
    if (i % 7 == 3) c.wishes.clear();                                  // open to every task in reach
    if (i % 7 == 5) c.wishes = {c.wishes.front().substr(0, 1)};        // a major group only
    if (i % 11 == 4) c.wishes.push_back(c.wishes.empty() ? "9" : "5");  // a mix of precisions
    if (i % 13 == 6) c.max_travel_minutes = 25;                         // a time limit
  }
  return m;
}

std::string describe(const Candidate& c) {
  return "(" + std::to_string(c.citizen) + ", " + std::to_string(c.task) + ", " + std::to_string(c.score) + ")";
}

/// The first difference between two candidate lists, for the failure message.
std::string first_difference(const std::vector<Candidate>& got, const std::vector<Candidate>& want) {
  std::vector<Candidate> missing, extra;
  auto key = [](const Candidate& a, const Candidate& b) {
    return std::tuple(a.citizen, a.task, a.score) < std::tuple(b.citizen, b.task, b.score);
  };
  auto g = got, w = want;
  std::sort(g.begin(), g.end(), key);
  std::sort(w.begin(), w.end(), key);
  std::set_difference(w.begin(), w.end(), g.begin(), g.end(), std::back_inserter(missing), key);
  std::set_difference(g.begin(), g.end(), w.begin(), w.end(), std::back_inserter(extra), key);
  std::string s = std::to_string(missing.size()) + " missing, " + std::to_string(extra.size()) + " extra";
  if (!missing.empty()) s += "; first missing (citizen, task, score) " + describe(missing.front());
  if (!extra.empty()) s += "; first extra " + describe(extra.front());
  return s;
}

/// Task and company loads of a proposal, checked against slots and capacities.
void check_feasible(const Market& m, const MatchResult& r) {
  std::map<std::int32_t, int> per_task, per_citizen;
  std::map<std::string, int> per_company;
  for (const auto& x : r.matches) {
    ++per_task[x.task];
    ++per_citizen[x.citizen];
    ++per_company[m.tasks[x.task].company];
    // Every match is a pair that passes the hard filters.
    CHECK(score_pair(m, x.citizen, x.task).rejected.empty());
  }
  for (const auto& [t, n] : per_task) CHECK(n <= m.tasks[t].slots);
  for (const auto& co : m.companies) CHECK(per_company[co.id] <= co.capacity);
  for (const auto& [c, n] : per_citizen) CHECK(n == 1);
  // Matched and unmatched citizens partition the market.
  CHECK(per_citizen.size() + r.unmatched.size() == m.citizens.size());
  for (auto c : r.unmatched) CHECK(per_citizen.count(c) == 0);
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Hard filters: each rejects with its stated reason, numbers in the text
// ---------------------------------------------------------------------------------------------

TEST_CASE("matching: the one-pair market passes every filter", "[matching]") {
  const Market m = one_pair();
  CHECK(rejections(m).empty());
  REQUIRE(candidates(m).size() == 1);
}

TEST_CASE("matching: a demand that conflicts with a health consideration rejects the pair", "[matching][filters]") {
  Market m = one_pair();
  m.tasks[0].demands = {Demand::heavy_lifting, Demand::noise};
  m.citizens[0].health = {Health::no_heavy_lifting};
  const auto r = only_rejection(m);
  CHECK(r.kind == Rejection::health_conflict);
  CHECK(r.text == "task demands heavy_lifting; citizen has no_heavy_lifting");

  // Every demand is paired with its own consideration, and only with it.
  for (std::size_t i = 0; i < enum_size<Demand>; ++i) {
    Market x = one_pair();
    x.tasks[0].demands = {static_cast<Demand>(i)};
    for (std::size_t j = 0; j < enum_size<Health>; ++j) {
      x.citizens[0].health = {static_cast<Health>(j)};
      const auto rj = rejections(x);
      INFO("demand " << name(static_cast<Demand>(i)) << ", health " << name(static_cast<Health>(j)));
      CHECK(rj.size() == (i == j ? 1u : 0u));
    }
  }

  // Two conflicts: both named in the one reason.
  m.tasks[0].demands = {Demand::heavy_lifting, Demand::night_work};
  m.citizens[0].health = {Health::no_night_work, Health::no_heavy_lifting};
  CHECK(only_rejection(m).text ==
        "task demands heavy_lifting; citizen has no_heavy_lifting; task demands night_work; citizen has no_night_work");
}

TEST_CASE("matching: travel beyond the citizen's distance rejects the pair", "[matching][filters]") {
  Market m = one_pair();
  m.companies[0].location = offset(kHome, 34'000, 0);
  const auto r = only_rejection(m);
  CHECK(r.kind == Rejection::too_far);
  CHECK(r.text == "travel 34 km > 20 km");

  m.companies[0].location = offset(kHome, 20'400, 0);
  m.citizens[0].max_travel_m = 12'500;
  CHECK(only_rejection(m).text == "travel 20.4 km > 12.5 km");

  // At the limit exactly: still within reach.
  m.companies[0].location = offset(kHome, 12'500, 0);
  CHECK(rejections(m).empty());
  // No limit by distance (0).
  m.citizens[0].max_travel_m = 0;
  m.companies[0].location = offset(kHome, 150'000, 0);
  CHECK(rejections(m).empty());
}

TEST_CASE("matching: travel beyond the citizen's time rejects the pair", "[matching][filters]") {
  Market m = one_pair();
  m.citizens[0].mode = TravelMode::public_transport;  // 25 km/h door to door by default
  m.citizens[0].max_travel_m = 0;
  m.citizens[0].max_travel_minutes = 30;
  m.companies[0].location = offset(kHome, 15'000, 0);  // 36 minutes at 25 km/h
  const auto r = only_rejection(m);
  CHECK(r.kind == Rejection::too_long_travel);
  CHECK(r.text == "travel about 36 min by public_transport > 30 min");

  // The same trip by car takes 18 minutes.
  m.citizens[0].mode = TravelMode::car;
  CHECK(rejections(m).empty());
  // By bicycle (15 km/h) 60 minutes; the speeds are weights.
  m.citizens[0].mode = TravelMode::bicycle;
  CHECK(only_rejection(m).text == "travel about 60 min by bicycle > 30 min");
  MatchWeights fast;
  fast.version = "test";
  fast.bicycle_kmh = 30;
  CHECK(rejections(m, fast).empty());
}

TEST_CASE("matching: a task needing more hours than the citizen can do rejects the pair", "[matching][filters]") {
  Market m = one_pair();
  m.tasks[0].min_per_week = 10 * 60;
  m.citizens[0].hours_now = 4 * 60;
  m.citizens[0].hours_max = 6 * 60;
  const auto r = only_rejection(m);
  CHECK(r.kind == Rejection::too_many_hours);
  CHECK(r.text == "task needs at least 10:00 h/week; citizen can do 6:00");

  m.citizens[0].hours_max = 10 * 60;  // exactly enough
  CHECK(rejections(m).empty());
}

TEST_CASE("matching: a missing required competence rejects the pair", "[matching][filters]") {
  Market m = one_pair();
  m.tasks[0].required_competences = {"forklift_certificate", "food_hygiene"};
  m.citizens[0].competences = {"food_hygiene"};
  const auto r = only_rejection(m);
  CHECK(r.kind == Rejection::missing_competence);
  CHECK(r.text == "task requires 'forklift_certificate'; citizen lacks it");

  m.citizens[0].competences.push_back("forklift_certificate");
  CHECK(rejections(m).empty());
}

TEST_CASE("matching: too little Danish rejects the pair", "[matching][filters]") {
  Market m = one_pair();
  m.tasks[0].min_danish_level = 3;
  m.citizens[0].danish_level = 1;
  const auto r = only_rejection(m);
  CHECK(r.kind == Rejection::danish_level);
  CHECK(r.text == "task needs Danish level 3; citizen has 1");
  m.citizens[0].danish_level = 3;
  CHECK(rejections(m).empty());
}

TEST_CASE("matching: a task needing a driving licence rejects a citizen without one", "[matching][filters]") {
  Market m = one_pair();
  m.tasks[0].needs_driving_licence = true;
  m.citizens[0].driving_licence = false;
  const auto r = only_rejection(m);
  CHECK(r.kind == Rejection::driving_licence);
  CHECK(r.text == "task needs a driving licence; citizen has none");
}

TEST_CASE("matching: a task or company that takes nobody rejects every pair", "[matching][filters]") {
  Market m = one_pair();
  m.tasks[0].slots = 0;
  auto r = only_rejection(m);
  CHECK(r.kind == Rejection::no_capacity);
  CHECK(r.text == "the task or its company takes nobody now");

  m = one_pair();
  m.companies[0].capacity = 0;
  CHECK(only_rejection(m).kind == Rejection::no_capacity);
}

TEST_CASE("matching: score_pair lists every filter that rejects, in order", "[matching][filters]") {
  Market m = one_pair();
  m.tasks[0].slots = 0;
  m.tasks[0].demands = {Demand::noise};
  m.citizens[0].health = {Health::no_noise};
  m.companies[0].location = offset(kHome, 30'000, 0);
  m.tasks[0].min_per_week = 30 * 60;
  m.tasks[0].required_competences = {"care"};
  m.tasks[0].min_danish_level = 3;
  m.tasks[0].needs_driving_licence = true;
  m.citizens[0].driving_licence = false;
  m.citizens[0].max_travel_minutes = 20;
  const auto r = rejections(m);
  std::vector<Rejection> kinds;
  for (const auto& x : r) kinds.push_back(x.kind);
  CHECK(kinds == std::vector<Rejection>{Rejection::no_capacity, Rejection::health_conflict, Rejection::too_far,
                                        Rejection::too_long_travel, Rejection::too_many_hours,
                                        Rejection::missing_competence, Rejection::danish_level,
                                        Rejection::driving_licence});
  CHECK(r[2].text == "travel 30 km > 20 km");
  CHECK(r[3].text == "travel about 36 min by car > 20 min");
  CHECK(r[4].text == "task needs at least 30:00 h/week; citizen can do 20:00");
  for (std::size_t i = 0; i < r.size(); ++i) CHECK(name(r[i].kind) != "unknown");
}

// ---------------------------------------------------------------------------------------------
// Features: the documented points
// ---------------------------------------------------------------------------------------------

TEST_CASE("matching: wish fit through the DISCO hierarchy, 4 > 3 > 2 > 1 > 0 digits", "[matching][features]") {
  MatchWeights w;  // the points of every level: no candidate rule on shared digits here
  w.min_wish_level = 0;
  Market m = one_pair();  // the task: 512010 (cooks)
  const std::vector<std::pair<std::string, int>> wishes{
      {"5120", 4}, {"512010", 4}, {"5121", 3}, {"512", 3}, {"5131", 2}, {"51", 2}, {"5211", 1}, {"5", 1}, {"9412", 0}};
  std::int32_t previous = 1'000;
  int previous_level = 5;
  for (const auto& [wish, level] : wishes) {
    m.citizens[0].wishes = {wish};
    const auto b = breakdown(m, w);
    INFO("wish " << wish);
    CHECK(b.wish_level == level);
    CHECK(b.wish == w.wish_by_level[static_cast<std::size_t>(level)]);
    if (level < previous_level) CHECK(b.wish < previous);
    previous = b.wish;
    previous_level = level;
  }
  CHECK(w.wish_by_level == std::array<std::int32_t, 5>{0, 6, 16, 28, 40});
  // With the default candidate rule (2 shared digits) a 1-digit match is rejected, with its reason.
  m.citizens[0].wishes = {"5211"};
  const PairScore outside = score_pair(m, 0, 0);
  REQUIRE(outside.rejected.size() == 1);
  CHECK(outside.rejected[0].kind == Rejection::outside_wishes);
  CHECK(outside.rejected[0].text == "the task's DISCO codes share fewer than 2 digits with each of the citizen's wishes");

  // The best of several wishes and several codes counts.
  m.citizens[0].wishes = {"9412", "5131", "5120"};
  m.tasks[0].disco = {"941200", "512010"};
  CHECK(breakdown(m).wish_level == 4);
  CHECK(disco_level("5120", "512010") == 4);
  CHECK(disco_level("512010", "512020") == 4);  // at most the four ISCO-08 levels
  CHECK(disco_level("5", "5120") == 1);
  CHECK(disco_level("", "5120") == 0);
}

TEST_CASE("matching: competence coverage of the task's optional competences", "[matching][features]") {
  Market m = one_pair();
  m.tasks[0].optional_competences = {"a", "b", "c", "d"};
  m.citizens[0].competences = {};
  CHECK(breakdown(m).competences == 0);
  m.citizens[0].competences = {"b", "d", "x"};
  CHECK(breakdown(m).competences == 10);  // 20 × 2 / 4
  m.citizens[0].competences = {"a", "b", "c"};
  CHECK(breakdown(m).competences == 15);  // 20 × 3 / 4
  m.citizens[0].competences = {"d", "c", "b", "a"};
  CHECK(breakdown(m).competences == 20);
  m.tasks[0].optional_competences = {};  // nothing to cover: full points
  CHECK(breakdown(m).competences == 20);
}

TEST_CASE("matching: hours fit welcomes small starting hours", "[matching][features]") {
  Market m = one_pair();  // citizen: 10:00 now, 20:00 at most
  m.tasks[0].min_per_week = 4 * 60;
  CHECK(breakdown(m).hours == 15);
  m.tasks[0].min_per_week = 10 * 60;  // starts at the citizen's hours now
  CHECK(breakdown(m).hours == 15);
  m.tasks[0].min_per_week = 15 * 60;  // halfway from now to the most
  CHECK(breakdown(m).hours == 7);
  m.tasks[0].min_per_week = 18 * 60;
  CHECK(breakdown(m).hours == 3);
  m.tasks[0].min_per_week = 20 * 60;
  CHECK(breakdown(m).hours == 0);
}

TEST_CASE("matching: travel points fall with distance over the citizen's reach", "[matching][features]") {
  Market m = one_pair();  // reach 20 km by distance
  m.companies[0].location = kHome;
  CHECK(breakdown(m).travel == 15);
  CHECK(breakdown(m).distance_m == 0);
  m.companies[0].location = offset(kHome, 5'000, 0);
  CHECK(breakdown(m).distance_m == 5'000);
  CHECK(breakdown(m).travel == 11);  // 15 × 15 / 20
  m.companies[0].location = offset(kHome, 10'000, 0);
  CHECK(breakdown(m).travel == 7);
  m.companies[0].location = offset(kHome, 20'000, 0);
  CHECK(breakdown(m).travel == 0);
  // The tighter of distance and time is the reach: 30 min by car at 50 km/h is 25 km.
  m.citizens[0].max_travel_m = 0;
  m.citizens[0].max_travel_minutes = 30;
  m.companies[0].location = offset(kHome, 5'000, 0);
  CHECK(breakdown(m).travel == 12);  // 15 × 20 / 25
}

TEST_CASE("matching: company readiness sums experience, responsibility, shortage and mentors", "[matching][features]") {
  Market m = one_pair();
  auto& co = m.companies[0];
  CHECK(breakdown(m).readiness == 0);
  co.inclusion_internships = 2;
  CHECK(breakdown(m).readiness == 8);
  co.inclusion_paid = 1;
  CHECK(breakdown(m).readiness == 12);
  co.inclusion_internships = 0;  // paid hours alone are experience too
  CHECK(breakdown(m).readiness == 12);
  co.social_responsibility = true;
  CHECK(breakdown(m).readiness == 16);
  co.labour_shortage = true;
  CHECK(breakdown(m).readiness == 20);
  co.mentors = 3;  // mentors count once, however many
  CHECK(breakdown(m).readiness == 26);
}

TEST_CASE("matching: ordinary hours possible from the start earn points", "[matching][features]") {
  Market m = one_pair();
  CHECK(breakdown(m).ordinary == 0);
  m.tasks[0].ordinary_from_start = true;
  CHECK(breakdown(m).ordinary == 10);
}

TEST_CASE("matching: the score is the sum of its features, with the caller's weights", "[matching][features]") {
  Market m = one_pair();
  m.tasks[0].ordinary_from_start = true;
  m.tasks[0].optional_competences = {"a", "b"};
  m.citizens[0].competences = {"a"};
  m.companies[0].mentors = 1;
  const auto b = breakdown(m);
  CHECK(b.wish == 40);
  CHECK(b.competences == 10);
  CHECK(b.hours == 15);
  CHECK(b.travel == 11);
  CHECK(b.readiness == 6);
  CHECK(b.ordinary == 10);
  CHECK(b.total() == 92);
  REQUIRE(candidates(m).size() == 1);
  CHECK(candidates(m)[0].score == 92);

  MatchWeights w;
  w.version = "test-weights";
  w.wish_by_level = {0, 1, 2, 3, 100};
  w.competences = 0;
  w.hours = 1;
  w.travel = 0;
  w.mentors = 50;
  w.ordinary_from_start = 0;
  const auto b2 = breakdown(m, w);
  CHECK(b2.total() == 100 + 0 + 1 + 0 + 50 + 0);
}

TEST_CASE("matching: a match is explained feature by feature", "[matching][features]") {
  Market m = one_pair();
  m.tasks[0].min_per_week = 12 * 60;
  Match x;
  x.citizen = 0;
  x.task = 0;
  x.breakdown = breakdown(m);
  explain_match(m, x);
  REQUIRE(x.reasons.size() >= 5);
  CHECK(x.reasons[0] == "wish: the task's DISCO 512010 shares 4 digits with the citizen's wish 5120 +40");
  CHECK(x.reasons[3] == "travel: 5 km +11");
  const auto has = [&](const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
  };
  CHECK(has(x.concerns, "the task needs at least 12:00 h/week; the citizen can do 10:00 now (up to 20:00)"));
  CHECK(has(x.concerns, "no mentor-trained contact person at the company (001)"));
}

// ---------------------------------------------------------------------------------------------
// Protected attributes and the audit
// ---------------------------------------------------------------------------------------------

// Age, gender, origin and the like are not fields of Citizen: they cannot enter a score. If
// someone adds such a field, this stops compiling.
template <class C>
concept has_protected_field = requires(C c) { c.age; } || requires(C c) { c.gender; } ||
                              requires(C c) { c.sex; } || requires(C c) { c.origin; } ||
                              requires(C c) { c.nationality; } || requires(C c) { c.ethnicity; } ||
                              requires(C c) { c.birth_date; } || requires(C c) { c.cpr; } ||
                              requires(C c) { c.name; } || requires(C c) { c.religion; };
static_assert(!has_protected_field<Citizen>, "protected attributes must never be inputs of the score");

TEST_CASE("matching: the audit reports match rates by the caller's labels", "[matching][audit]") {
  Market m = varied_market(40, 12, 5, Region::lolland_falster);
  const MatchResult r = match(m);
  std::vector<std::string> labels;
  for (std::size_t i = 0; i < m.citizens.size(); ++i) labels.push_back(i % 3 == 0 ? "group-b" : "group-a");
  const auto rows = audit(m, r, labels);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].group == "group-a");  // sorted by label
  CHECK(rows[1].group == "group-b");
  CHECK(rows[0].citizens + rows[1].citizens == m.citizens.size());
  CHECK(rows[1].citizens == 14);

  // Recount by hand.
  std::map<std::string, std::pair<std::size_t, std::int64_t>> want;  // label → matched, score sum
  for (const auto& x : r.matches) {
    auto& [n, sum] = want[labels[x.citizen]];
    ++n;
    sum += x.breakdown.total();
  }
  for (const auto& row : rows) {
    INFO(row.group);
    CHECK(row.matched == want[row.group].first);
    CHECK(row.rate == Approx(static_cast<double>(row.matched) / static_cast<double>(row.citizens)));
    if (row.matched)
      CHECK(row.mean_score == Approx(static_cast<double>(want[row.group].second) / static_cast<double>(row.matched)));
  }

  // The labels are never an input: a different labelling leaves the proposal as it was.
  std::vector<std::string> one_label(m.citizens.size(), "everyone");
  const auto all = audit(m, r, one_label);
  REQUIRE(all.size() == 1);
  CHECK(all[0].citizens == m.citizens.size());
  CHECK(all[0].matched == m.citizens.size() - r.unmatched.size());
}

TEST_CASE("matching: the audit rejects a label list of the wrong size", "[matching][audit]") {
  const Market m = varied_market(10, 4, 1, Region::lolland_falster);
  const MatchResult r = match(m);
  const Error e = error_of([&] { (void)audit(m, r, std::vector<std::string>(9, "x")); });
  CHECK(e.code() == Errc::invalid_argument);
  CHECK(e.field() == "group_of_citizen");
  CHECK(e.value() == "9");
  CHECK_THROWS_AS(audit(m, r, std::vector<std::string>(11, "x")), Error);
  CHECK(audit(Market{}, MatchResult{}, {}).empty());
}

// ---------------------------------------------------------------------------------------------
// Candidate generation: the indexes find exactly what scoring every pair finds
// ---------------------------------------------------------------------------------------------

TEST_CASE("matching: candidates() equals a brute-force scoring of all pairs", "[matching][candidates]") {
  struct Size {
    std::size_t citizens, companies;
    std::uint64_t seed;
    Region region;
  };
  const std::vector<Size> sizes{{1, 1, 1, Region::lolland_falster},   {25, 6, 2, Region::lolland_falster},
                                {120, 40, 3, Region::lolland_falster}, {200, 60, 4, Region::lolland_falster},
                                {150, 80, 5, Region::denmark}};
  for (const auto& s : sizes) {
    const Market m = varied_market(s.citizens, s.companies, s.seed, s.region);
    for (int level : {2, 0, 1, 3, 4}) {
      MatchWeights w;
      w.version = "test";
      w.min_wish_level = level;
      const auto scores = score_all_pairs(m, w);  // score_pair rejects pairs outside the wish rule too
      const auto got = candidates(m, w);
      const auto want = brute_force(m, scores, level);
      INFO(s.citizens << " citizens, " << s.companies << " companies, seed " << s.seed << ", region "
                      << (s.region == Region::denmark ? "denmark" : "lolland_falster") << ", min_wish_level "
                      << level << ": " << first_difference(got, want));
      CHECK(got == want);
    }
  }
}

TEST_CASE("matching: candidates() covers citizens without wishes, 1-digit wishes and tasks without codes",
          "[matching][candidates]") {
  Market m = varied_market(60, 20, 9, Region::lolland_falster);
  for (std::size_t i = 0; i < m.citizens.size(); i += 4) m.citizens[i].wishes.clear();
  for (std::size_t i = 1; i < m.citizens.size(); i += 4) m.citizens[i].wishes = {"9"};
  for (std::size_t i = 0; i < m.tasks.size(); i += 5) m.tasks[i].disco.clear();
  const auto got = candidates(m);
  const auto want = brute_force(m, default_weights());
  INFO(first_difference(got, want));
  CHECK(got == want);
  // A citizen without wishes sees tasks of every occupation.
  std::set<std::string> seen;
  for (const auto& c : got)
    if (c.citizen == 0)
      for (const auto& code : m.tasks[c.task].disco) seen.insert(code.substr(0, 2));
  CHECK(seen.size() > 2);
}

TEST_CASE("matching: candidates() is sorted by citizen, then score descending, then task", "[matching][candidates]") {
  const Market m = varied_market(80, 30, 12, Region::lolland_falster);
  const auto c = candidates(m);
  REQUIRE_FALSE(c.empty());
  CHECK(std::is_sorted(c.begin(), c.end(), [](const Candidate& a, const Candidate& b) {
    return std::tuple(a.citizen, -a.score, a.task) < std::tuple(b.citizen, -b.score, b.task);
  }));
  for (const auto& x : c) CHECK(x.score > 0);
  CHECK(candidates(Market{}).empty());
}

// The location grid's cells are scaled at the companies' mean latitude; a citizen north of it
// needs more cells east and west. A task 19.8 km due east of a citizen at 57° N with a reach of
// 20 km (companies' mean latitude 55° N) must still be a candidate.
TEST_CASE("matching: a task within reach due east of a citizen north of the companies is a candidate",
          "[matching][candidates]") {
  Market m;
  Citizen c;
  c.id = "c-north";
  c.max_travel_m = 20'000;
  c.wishes = {};
  // The citizen sits at the east edge of its grid cell (10 km cells, scaled at 55° N).
  const double kx = std::cos(55.0 * 3.14159265358979323846 / 180.0) * metres_per_degree;
  c.home = {57.0, 64.9999 * 10'000.0 / kx};
  m.citizens.push_back(c);
  Company south;
  south.id = "co-south";
  south.location = {53.0, 10.0};
  Company east;
  east.id = "co-east";
  east.location = offset(c.home, 0, 19'800);
  m.companies = {south, east};
  Task t;
  t.id = "t-east";
  t.company = "co-east";
  Task u;
  u.id = "t-south";
  u.company = "co-south";
  m.tasks = {t, u};
  REQUIRE(score_pair(m, 0, 0).rejected.empty());
  CHECK(brute_force(m, default_weights()).size() == 1);
  CHECK(candidates(m) == brute_force(m, default_weights()));
}

// matching.hpp documents max_travel_m = 0 as "no limit by distance" (2,000 km, farther than
// Denmark spans), and score_pair applies no limit: a task 450 km away is a candidate.
TEST_CASE("matching: a citizen without a travel limit reaches a task 450 km away", "[matching][candidates]") {
  Market m = one_pair();
  m.citizens[0].max_travel_m = 0;
  m.citizens[0].max_travel_minutes = 0;
  m.companies[0].location = offset(kHome, 450'000, 0);
  REQUIRE(score_pair(m, 0, 0).rejected.empty());
  CHECK(candidates(m) == brute_force(m, default_weights()));
}

TEST_CASE("matching: a task naming an unknown company throws naming the field", "[matching]") {
  Market m = varied_market(5, 3, 1, Region::lolland_falster);
  m.tasks[1].company = "co-nowhere";
  for (const auto& f : std::vector<std::function<void()>>{[&] { (void)candidates(m); }, [&] { (void)match(m); },
                                                          [&] { (void)score_pair(m, 0, 1); }}) {
    const Error e = error_of(f);
    CHECK(e.code() == Errc::invalid_input);
    CHECK(e.field() == "tasks[1].company");
    CHECK(e.value() == "co-nowhere");
  }
}

// ---------------------------------------------------------------------------------------------
// Proposals
// ---------------------------------------------------------------------------------------------

TEST_CASE("matching: the assignment never overfills a task or a company; one task per citizen", "[matching][solve]") {
  for (std::uint64_t seed : {1u, 2u, 3u}) {
    Market m = varied_market(150, 25, seed, Region::lolland_falster);  // more citizens than places
    const MatchResult r = match(m);
    INFO("seed " << seed);
    CHECK(r.mode == MatchMode::assignment);
    CHECK(r.optimal);
    CHECK(r.weights_version == default_weights().version);
    CHECK(r.candidates == candidates(m).size());
    check_feasible(m, r);
    std::int64_t total = 0;
    for (const auto& x : r.matches) {
      total += x.breakdown.total();
      CHECK_FALSE(x.reasons.empty());
    }
    CHECK(total == r.total_score);
    CHECK(std::is_sorted(r.matches.begin(), r.matches.end(),
                         [](const Match& a, const Match& b) { return a.citizen < b.citizen; }));
    CHECK(std::is_sorted(r.unmatched.begin(), r.unmatched.end()));

    // The stable matching is feasible too, and never beats the optimum.
    const MatchResult s = match(m, {.mode = MatchMode::stable});
    CHECK(s.mode == MatchMode::stable);
    check_feasible(m, s);
    CHECK(s.total_score <= r.total_score);
  }
}

TEST_CASE("matching: the assignment is optimal on small markets (exhaustive search)", "[matching][solve]") {
  for (std::uint64_t seed = 1; seed <= 6; ++seed) {
    Market m = varied_market(7, 3, seed, Region::lolland_falster);
    for (auto& t : m.tasks) t.slots = 1;
    for (auto& co : m.companies) co.capacity = 2;
    const auto cands = candidates(m);
    std::vector<std::vector<Candidate>> of(m.citizens.size());
    for (const auto& c : cands) of[c.citizen].push_back(c);
    std::map<std::int32_t, int> task_load;
    std::map<std::string, int> company_load;
    std::int64_t best = 0;
    std::function<void(std::size_t, std::int64_t)> search = [&](std::size_t i, std::int64_t sum) {
      if (i == of.size()) {
        best = std::max(best, sum);
        return;
      }
      search(i + 1, sum);  // citizen i unassigned
      for (const auto& c : of[i]) {
        const Task& t = m.tasks[c.task];
        const auto co = std::find_if(m.companies.begin(), m.companies.end(),
                                     [&](const Company& k) { return k.id == t.company; });
        if (task_load[c.task] >= t.slots || company_load[t.company] >= co->capacity) continue;
        ++task_load[c.task];
        ++company_load[t.company];
        search(i + 1, sum + c.score);
        --task_load[c.task];
        --company_load[t.company];
      }
    };
    search(0, 0);
    const MatchResult r = match(m);
    INFO("seed " << seed << ", " << cands.size() << " candidates");
    CHECK(r.total_score == best);
    check_feasible(m, r);
  }
}

TEST_CASE("matching: top-k respects k and per_company and lists the best first", "[matching][solve]") {
  const Market m = varied_market(60, 30, 7, Region::lolland_falster);
  const auto cands = candidates(m);
  for (auto [k, per_company] : std::vector<std::pair<int, int>>{{1, 1}, {3, 1}, {5, 2}, {10, 10}}) {
    const MatchResult r = match(m, {.mode = MatchMode::top_k, .k = k, .per_company = per_company});
    INFO("k " << k << ", per_company " << per_company);
    CHECK(r.mode == MatchMode::top_k);
    CHECK(r.total_score == 0);
    std::map<std::int32_t, std::vector<const Match*>> by_citizen;
    for (const auto& x : r.matches) by_citizen[x.citizen].push_back(&x);
    for (const auto& [c, list] : by_citizen) {
      CHECK(list.size() <= static_cast<std::size_t>(k));
      std::map<std::string, int> per;
      std::set<std::int32_t> tasks;
      for (std::size_t i = 0; i < list.size(); ++i) {
        CHECK(++per[m.tasks[list[i]->task].company] <= per_company);
        CHECK(tasks.insert(list[i]->task).second);
        if (i) CHECK(list[i - 1]->breakdown.total() >= list[i]->breakdown.total());
      }
      // The list is the greedy pick from the citizen's candidates: best first, per company.
      std::vector<std::int32_t> want;
      std::map<std::string, int> taken;
      for (const auto& cand : cands)
        if (cand.citizen == c && static_cast<int>(want.size()) < k &&
            taken[m.tasks[cand.task].company] < per_company) {
          ++taken[m.tasks[cand.task].company];
          want.push_back(cand.task);
        }
      std::vector<std::int32_t> got;
      for (const auto* x : list) got.push_back(x->task);
      CHECK(got == want);
      // top_tasks gives the same list for the one citizen.
      const auto one = top_tasks(m, c, k, per_company);
      REQUIRE(one.size() == list.size());
      for (std::size_t i = 0; i < one.size(); ++i) {
        CHECK(one[i].citizen == c);
        CHECK(one[i].task == list[i]->task);
        CHECK(one[i].breakdown.total() == list[i]->breakdown.total());
      }
    }
    // Citizens without candidates are the unmatched.
    for (auto c : r.unmatched) CHECK(by_citizen.count(c) == 0);
    CHECK(by_citizen.size() + r.unmatched.size() == m.citizens.size());
  }
  CHECK_THROWS_AS(match(m, {.mode = MatchMode::top_k, .k = 0}), Error);
  CHECK_THROWS_AS(match(m, {.mode = MatchMode::top_k, .per_company = 0}), Error);
}

TEST_CASE("matching: top citizens for a task, best first", "[matching][solve]") {
  const Market m = varied_market(80, 10, 8, Region::lolland_falster);
  const auto cands = candidates(m);
  for (std::int32_t t = 0; t < static_cast<std::int32_t>(m.tasks.size()); ++t) {
    std::vector<Candidate> of_task;
    for (const auto& c : cands)
      if (c.task == t) of_task.push_back(c);
    std::stable_sort(of_task.begin(), of_task.end(), [](const Candidate& a, const Candidate& b) {
      return a.score != b.score ? a.score > b.score : a.citizen < b.citizen;
    });
    const auto top = top_citizens(m, t, 3);
    INFO("task " << t);
    REQUIRE(top.size() == std::min<std::size_t>(3, of_task.size()));
    for (std::size_t i = 0; i < top.size(); ++i) {
      CHECK(top[i].task == t);
      CHECK(top[i].citizen == of_task[i].citizen);
      CHECK(top[i].breakdown.total() == of_task[i].score);
      CHECK_FALSE(top[i].reasons.empty());
    }
  }
  CHECK_THROWS_AS(top_citizens(m, static_cast<std::int32_t>(m.tasks.size()), 3), Error);
  CHECK_THROWS_AS(top_tasks(m, -1, 3), Error);
  CHECK_THROWS_AS(top_citizens(m, 0, 0), Error);
}

namespace {

/// Two results agree in every field and every match, explanations included.
bool same_result(const MatchResult& a, const MatchResult& b) {
  if (a.weights_version != b.weights_version || a.mode != b.mode || a.unmatched != b.unmatched ||
      a.total_score != b.total_score || a.candidates != b.candidates || a.optimal != b.optimal ||
      a.matches.size() != b.matches.size())
    return false;
  for (std::size_t i = 0; i < a.matches.size(); ++i) {
    const Match &x = a.matches[i], &y = b.matches[i];
    if (x.citizen != y.citizen || x.task != y.task || x.breakdown.total() != y.breakdown.total() ||
        x.breakdown.distance_m != y.breakdown.distance_m || x.reasons != y.reasons || x.concerns != y.concerns)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("matching: the same input gives the same output", "[matching][determinism]") {
  const Market m = varied_market(200, 50, 21, Region::lolland_falster);
  for (auto mode : {MatchMode::assignment, MatchMode::stable, MatchMode::top_k}) {
    INFO(name(mode));
    CHECK(same_result(match(m, {.mode = mode}), match(m, {.mode = mode})));
  }
  CHECK(candidates(m) == candidates(m));
  // A generated market is itself deterministic.
  MarketOptions o;
  o.citizens = 50;
  o.companies = 10;
  const Market a = generate_market(o), b = generate_market(o);
  REQUIRE(a.citizens.size() == b.citizens.size());
  CHECK(candidates(a) == candidates(b));
}

TEST_CASE("matching: the vocabularies have names", "[matching]") {
  CHECK(name(Demand::heavy_lifting) == "heavy_lifting");
  CHECK(name(Demand::changing_routines) == "changing_routines");
  CHECK(name(TravelMode::public_transport) == "public_transport");
  CHECK(name(MatchMode::top_k) == "top_k");
  CHECK(name(Rejection::no_capacity) == "no_capacity");
  Demand d{};
  CHECK(parse_name("fast_pace", d));
  CHECK(d == Demand::fast_pace);
  MatchMode mm{};
  CHECK(parse_name("stable", mm));
  CHECK_FALSE(parse_name("top-k", mm));
}

TEST_CASE("matching: candidates() and match() are the same for any thread count", "[matching][determinism][threads]") {
  MarketOptions national;  // spread over the larger towns of all Denmark: many grid cells
  national.citizens = 3000;
  national.companies = 600;
  national.region = Region::denmark;
  national.seed = 7;
  const std::vector<Market> markets{generate_market(), generate_market(national),
                                    varied_market(300, 60, 21, Region::lolland_falster)};
  for (std::size_t i = 0; i < markets.size(); ++i) {
    const Market& m = markets[i];
    INFO("market " << i);
    const auto one = candidates(m, default_weights(), 1);
    REQUIRE(one.size() > m.citizens.size());  // a real workload: several candidates per citizen
    std::vector<MatchResult> single;
    for (auto mode : {MatchMode::assignment, MatchMode::stable, MatchMode::top_k})
      single.push_back(match(m, {.mode = mode, .threads = 1}));
    for (const std::int32_t threads : {2, 3, 8, 0}) {
      INFO("threads " << threads);
      CHECK(candidates(m, default_weights(), threads) == one);
      for (const auto& r : single) {
        INFO(name(r.mode));
        CHECK(same_result(match(m, {.mode = r.mode, .threads = threads}), r));
      }
    }
  }
  // More threads than citizens, and a market without citizens.
  const Market few = varied_market(3, 4, 2, Region::lolland_falster);
  CHECK(candidates(few, default_weights(), 8) == candidates(few));
  CHECK(candidates(Market{}, default_weights(), 8).empty());
}

TEST_CASE("matching: a negative thread count is rejected, naming the field", "[matching][threads]") {
  const Market m = varied_market(10, 4, 1, Region::lolland_falster);
  const Error e = error_of([&] { (void)candidates(m, default_weights(), -1); });
  CHECK(e.code() == Errc::invalid_argument);
  CHECK(e.field() == "threads");
  CHECK(e.value() == "-1");
  CHECK_THROWS_AS(match(m, {.threads = -2}), Error);
}

// ---------------------------------------------------------------------------------------------
// The citizens a caller chooses (MatchOptions::citizens; kanten/match/caseload.hpp) and the
// bound on candidates per citizen (MatchOptions::max_candidates_per_citizen)
// ---------------------------------------------------------------------------------------------

namespace {

/// Every `step`-th citizen id of the market, from `first`.
std::vector<std::string> every_nth_id(const Market& m, std::size_t first, std::size_t step) {
  std::vector<std::string> ids;
  for (std::size_t i = first; i < m.citizens.size(); i += step) ids.push_back(m.citizens[i].id);
  return ids;
}

/// The market with only the citizens `ids` (same companies and tasks).
Market only(const Market& m, const std::vector<std::string>& ids) {
  Market out = m;
  out.citizens.clear();
  for (const auto& c : m.citizens)
    if (std::find(ids.begin(), ids.end(), c.id) != ids.end()) out.citizens.push_back(c);
  return out;
}

/// (citizen id, task id, score) of every match, and the ids of the unmatched.
std::pair<std::vector<std::tuple<std::string, std::string, std::int32_t>>, std::vector<std::string>> by_id(
    const Market& m, const MatchResult& r) {
  std::pair<std::vector<std::tuple<std::string, std::string, std::int32_t>>, std::vector<std::string>> out;
  for (const auto& x : r.matches) out.first.emplace_back(m.citizens[x.citizen].id, m.tasks[x.task].id, x.breakdown.total());
  for (auto c : r.unmatched) out.second.push_back(m.citizens[c].id);
  std::sort(out.first.begin(), out.first.end());
  std::sort(out.second.begin(), out.second.end());
  return out;
}

/// The market's network with each citizen's best `bound` candidates (0: all), in candidates() order.
bipartite::Instance bounded_instance(const Market& m, const MatchWeights& w, std::size_t bound) {
  bipartite::Instance inst;
  inst.num_left = static_cast<std::int32_t>(m.citizens.size());
  std::map<std::string, std::int32_t> company;
  for (std::size_t i = 0; i < m.companies.size(); ++i) {
    company[m.companies[i].id] = static_cast<std::int32_t>(i);
    inst.group_capacity.push_back(std::max(0, m.companies[i].capacity));
  }
  for (const auto& t : m.tasks) {
    inst.right_slots.push_back(std::max(0, t.slots));
    inst.right_group.push_back(company.at(t.company));
  }
  std::vector<std::size_t> kept(m.citizens.size(), 0);
  for (const auto& c : candidates(m, w))  // sorted by citizen, then score descending, then task
    if (bound == 0 || kept[c.citizen]++ < bound) inst.edges.push_back({c.citizen, c.task, c.score});
  return inst;
}

}  // namespace

TEST_CASE("matching: only the selected citizens are proposed for; the others are neither matched nor unmatched",
          "[matching][selection]") {
  const Market m = varied_market(200, 50, 31, Region::lolland_falster);
  const auto ids = every_nth_id(m, 1, 3);
  for (auto mode : {MatchMode::assignment, MatchMode::stable, MatchMode::top_k}) {
    INFO(name(mode));
    MatchOptions o;
    o.mode = mode;
    o.citizens = ids;
    const MatchResult r = match(m, o);
    CHECK(r.selected == ids.size());
    std::set<std::string> proposed;
    for (const auto& x : r.matches) proposed.insert(m.citizens[x.citizen].id);
    for (auto c : r.unmatched) {
      CHECK(proposed.count(m.citizens[c].id) == 0);
      proposed.insert(m.citizens[c].id);
    }
    CHECK(proposed == std::set<std::string>(ids.begin(), ids.end()));  // each selected citizen: matched or unmatched
    // The same proposal as a market of the selected citizens alone (ids, tasks and scores).
    const Market alone = only(m, ids);
    const MatchResult a = match(alone, {.mode = mode});
    CHECK(by_id(m, r) == by_id(alone, a));
    CHECK(r.total_score == a.total_score);
    CHECK(r.candidates == a.candidates);
    CHECK(r.candidates < match(m, {.mode = mode}).candidates);  // only the selected entered candidate generation
  }
}

TEST_CASE("matching: an empty selection proposes for nobody; no selection proposes for everyone", "[matching][selection]") {
  const Market m = varied_market(40, 10, 5, Region::lolland_falster);
  MatchOptions o;
  o.citizens = std::vector<std::string>{};
  const MatchResult none = match(m, o);
  CHECK(none.matches.empty());
  CHECK(none.unmatched.empty());
  CHECK(none.candidates == 0);
  CHECK(none.selected == 0);
  const MatchResult all = match(m);
  CHECK(all.selected == m.citizens.size());
  CHECK(all.matches.size() + all.unmatched.size() == m.citizens.size());
}

TEST_CASE("matching: a selected id the market does not hold, or listed twice, is an error naming citizens",
          "[matching][selection]") {
  const Market m = varied_market(20, 6, 2, Region::lolland_falster);
  MatchOptions o;
  o.citizens = std::vector<std::string>{m.citizens[3].id, "c-nobody"};
  Error e = error_of([&] { (void)match(m, o); });
  CHECK(e.code() == Errc::invalid_argument);
  CHECK(e.field() == "citizens[1]");
  CHECK(e.value() == "c-nobody");
  o.citizens = std::vector<std::string>{m.citizens[3].id, m.citizens[4].id, m.citizens[3].id};
  e = error_of([&] { (void)match(m, o); });
  CHECK(e.field() == "citizens[2]");
  CHECK(e.value() == m.citizens[3].id);
  CHECK(std::string(e.what()).find("citizens[0]") != std::string::npos);
  o.citizens = std::vector<std::string>{""};
  CHECK(error_of([&] { (void)match(m, o); }).field() == "citizens[0]");
}

TEST_CASE("matching: max_candidates_per_citizen keeps each citizen's best N, ties by task index",
          "[matching][bound]") {
  MatchWeights zero_travel;
  zero_travel.version = "test";
  zero_travel.travel = 0;  // more ties
  MatchWeights heavy;
  heavy.version = "test";
  heavy.competences = 90;
  heavy.wish_by_level = {0, 0, 5, 50, 100};
  heavy.relation = 40;
  MatchWeights negative = heavy;  // a C++ caller's weights: no upper bound prunes, the result the same
  negative.hours = -3;
  for (const MatchWeights* w : std::vector<const MatchWeights*>{&default_weights(), &zero_travel, &heavy, &negative}) {
    Market m = varied_market(300, 60, 17, Region::lolland_falster);
    for (std::size_t i = 0; i < m.citizens.size(); i += 9)
      m.citizens[i].visited_companies = {m.companies[i % m.companies.size()].id};
    if (w == &heavy)  // more than 64 competence words: the scorer's competence sets are not masks
      for (std::size_t i = 0; i < m.tasks.size(); ++i) m.tasks[i].optional_competences.push_back("word-" + std::to_string(i));
    for (const std::int32_t bound : {1, 2, 5, 12}) {
      INFO(w->version << " " << w->travel << " bound " << bound);
      const bipartite::Instance inst = bounded_instance(m, *w, static_cast<std::size_t>(bound));
      const auto exact = bipartite::solve_assignment(inst);
      const MatchResult r = match(m, {.weights = w, .explain = false, .max_candidates_per_citizen = bound});
      CHECK(r.candidates == inst.edges.size());
      // The bound used, and the citizens whose kept candidates reached it.
      std::map<std::int32_t, std::int32_t> kept;
      for (const auto& e : inst.edges) ++kept[e.left];
      CHECK(r.max_candidates_per_citizen == bound);
      CHECK(r.citizens_at_bound == static_cast<std::size_t>(std::count_if(
                                       kept.begin(), kept.end(), [&](const auto& c) { return c.second == bound; })));
      CHECK(r.total_score == exact.total_score);
      for (const auto& x : r.matches) CHECK(exact.right_of_left[x.citizen] == x.task);
      CHECK(r.matches.size() == static_cast<std::size_t>(exact.num_assigned));
      const auto stable = bipartite::stable_matching(inst);
      const MatchResult s =
          match(m, {.mode = MatchMode::stable, .weights = w, .explain = false, .max_candidates_per_citizen = bound});
      for (const auto& x : s.matches) CHECK(stable.right_of_left[x.citizen] == x.task);
    }
  }
}

TEST_CASE("matching: a bound of 1 keeps the lowest task index among equal best scores", "[matching][bound]") {
  // Two identical citizens, two identical tasks at two companies of capacity 1: exact, both are
  // matched; keeping one candidate each, both keep task 0 and one stays unmatched.
  Market m = one_pair();
  m.citizens.push_back(m.citizens[0]);
  m.citizens[1].id = "c-2";
  m.companies.push_back(m.companies[0]);
  m.companies[1].id = "co-2";
  m.tasks.push_back(m.tasks[0]);
  m.tasks[1].id = "t-2";
  m.tasks[1].company = "co-2";
  REQUIRE(score_pair(m, 0, 0).score() == score_pair(m, 0, 1).score());
  CHECK(match(m).matches.size() == 2);
  const MatchResult r = match(m, {.max_candidates_per_citizen = 1});
  REQUIRE(r.matches.size() == 1);
  CHECK(r.matches[0].task == 0);
  CHECK(r.candidates == 2);
  CHECK(r.unmatched.size() == 1);
}

TEST_CASE("matching: a bound at least every citizen's candidate count is the exact match; top-k ignores it",
          "[matching][bound]") {
  const Market m = varied_market(150, 40, 23, Region::lolland_falster);
  std::map<std::int32_t, std::int32_t> per_citizen;
  for (const auto& c : candidates(m)) ++per_citizen[c.citizen];
  std::int32_t most = 0;
  for (const auto& [c, n] : per_citizen) most = std::max(most, n);
  for (auto mode : {MatchMode::assignment, MatchMode::stable}) {
    INFO(name(mode));
    const MatchResult exact = match(m, {.mode = mode, .max_candidates_per_citizen = 0});
    CHECK(exact.max_candidates_per_citizen == 0);
    CHECK(exact.citizens_at_bound == 0);
    CHECK(same_result(match(m, {.mode = mode, .max_candidates_per_citizen = most}), exact));
    const MatchResult roomy = match(m, {.mode = mode, .max_candidates_per_citizen = most + 1000});
    CHECK(same_result(roomy, exact));
    CHECK(roomy.citizens_at_bound == 0);  // nothing cut: the result says it is exact
    CHECK(match(m, {.mode = mode, .max_candidates_per_citizen = most}).citizens_at_bound > 0);
  }
  CHECK(same_result(match(m, {.mode = MatchMode::top_k, .max_candidates_per_citizen = 1}), match(m, {.mode = MatchMode::top_k})));
  // The same result for any thread count, with a bound too.
  CHECK(same_result(match(m, {.threads = 3, .max_candidates_per_citizen = 4}), match(m, {.max_candidates_per_citizen = 4})));
}

TEST_CASE("matching: the default keeps each citizen's best 40 candidates (decision: A bound on candidates per citizen)",
          "[matching][bound]") {
  // Decision "A bound on candidates per citizen" (docs/decisions.md): the default is 40, reported
  // back with the citizens it cut; 0 is the exact match over every pair.
  STATIC_REQUIRE(default_max_candidates_per_citizen == 40);
  CHECK(MatchOptions{}.max_candidates_per_citizen == 40);
  const Market m = varied_market(400, 80, 31, Region::lolland_falster);
  std::map<std::int32_t, std::int32_t> per_citizen;
  for (const auto& c : candidates(m)) ++per_citizen[c.citizen];
  const auto over = static_cast<std::size_t>(
      std::count_if(per_citizen.begin(), per_citizen.end(), [](const auto& c) { return c.second >= 40; }));
  REQUIRE(over > 0);  // the market has citizens the default cuts
  const MatchResult by_default = match(m, {.explain = false});
  CHECK(by_default.max_candidates_per_citizen == 40);
  CHECK(by_default.citizens_at_bound == over);
  CHECK(same_result(by_default, match(m, {.explain = false, .max_candidates_per_citizen = 40})));
  const MatchResult exact = match(m, {.explain = false, .max_candidates_per_citizen = 0});
  CHECK(exact.candidates == candidates(m).size());
  CHECK(by_default.candidates < exact.candidates);
  CHECK(by_default.total_score <= exact.total_score);
  // The JSON says both.
  const std::string j = to_json(by_default, m);
  CHECK(j.find("\"max_candidates_per_citizen\":40") != std::string::npos);
  CHECK(j.find("\"citizens_at_bound\":" + std::to_string(over)) != std::string::npos);
}

TEST_CASE("matching: a negative bound is an error naming max_candidates_per_citizen", "[matching][bound]") {
  const Market m = varied_market(10, 4, 1, Region::lolland_falster);
  const Error e = error_of([&] { (void)match(m, {.max_candidates_per_citizen = -1}); });
  CHECK(e.code() == Errc::invalid_argument);
  CHECK(e.field() == "max_candidates_per_citizen");
  CHECK(e.value() == "-1");
  CHECK(error_of([&] { (void)match(m, {.max_candidates_per_citizen = INT32_MIN}); }).value() == std::to_string(INT32_MIN));
  CHECK_NOTHROW(match(m, {.max_candidates_per_citizen = INT32_MAX}));
}

namespace {
Evaluation evaluation_of(std::string citizen, Step step) {
  Evaluation e;
  e.citizen = std::move(citizen);
  e.step = step;
  return e;
}
}  // namespace

// Company matching belongs to Trin 2 (004_3897fdd271fa8a38.txt, Trin 2, Kerneelement 6).
TEST_CASE("matching: citizens_in_steps picks the caseload in Trin 2 by default, in the evaluations' order",
          "[matching][caseload]") {
  const std::vector<Evaluation> evals{
      evaluation_of("c-3", Step::trin2_paa_vej_mod_job),   evaluation_of("c-1", Step::trin1_afklaring),
      evaluation_of("c-2", Step::trin2_paa_vej_mod_job),   evaluation_of("c-4", Step::trin3_virksomhedsforloeb),
      evaluation_of("c-5", Step::exit_30_hours),           evaluation_of("c-6", Step::exit_rehabilitation_team),
      evaluation_of("c-7", Step::exit_self_support),       evaluation_of("c-8", Step::not_started)};
  CHECK(citizens_in_steps(evals) == std::vector<std::string>{"c-3", "c-2"});
  const std::array<Step, 2> two{Step::trin3_virksomhedsforloeb, Step::trin1_afklaring};
  CHECK(citizens_in_steps(evals, two) == std::vector<std::string>{"c-1", "c-4"});
  CHECK(citizens_in_steps(evals, std::span<const Step>{}).empty());
  CHECK(citizens_in_steps(std::span<const Evaluation>{}).empty());
}

TEST_CASE("matching: match_caseload proposes for the caseload in Trin 2 and reports those not in the market",
          "[matching][caseload]") {
  const Market m = varied_market(30, 10, 4, Region::lolland_falster);
  std::vector<Evaluation> evals{evaluation_of(m.citizens[5].id, Step::trin2_paa_vej_mod_job),
                                evaluation_of("c-elsewhere", Step::trin2_paa_vej_mod_job),
                                evaluation_of(m.citizens[2].id, Step::exit_30_hours),
                                evaluation_of(m.citizens[9].id, Step::trin2_paa_vej_mod_job),
                                evaluation_of(m.citizens[11].id, Step::exit_rehabilitation_team)};
  const MatchResult r = match_caseload(m, evals);
  CHECK(r.selected == 2);
  CHECK(r.not_in_market == std::vector<std::string>{"c-elsewhere"});
  std::set<std::int32_t> proposed(r.unmatched.begin(), r.unmatched.end());
  for (const auto& x : r.matches) proposed.insert(x.citizen);
  CHECK(proposed == std::set<std::int32_t>{5, 9});
  MatchOptions o;
  o.citizens = std::vector<std::string>{m.citizens[0].id};
  CHECK(error_of([&] { (void)match_caseload(m, evals, o); }).field() == "citizens");
  // The JSON proposal reports the selection and the citizens not in the market.
  const std::string j = to_json(r, m, -1);
  CHECK(j.find("\"citizens_selected\":2") != std::string::npos);
  CHECK(j.find("\"not_in_market\":[\"c-elsewhere\"]") != std::string::npos);
}

TEST_CASE("matching: a generated caseload's exited citizens get no proposal", "[matching][caseload]") {
  // generate_caseload and generate_market share citizen ids ("c-000001", …).
  GeneratorOptions g;
  g.citizens = 300;
  const Caseload load = generate_caseload(g);
  MarketOptions mo;
  mo.citizens = 300;
  mo.companies = 120;
  const Market m = generate_market(mo);
  EvaluateOptions eo;
  eo.as_of = Date(2020, 6, 30);
  const auto evals = evaluate_all(load, eo);
  std::map<std::string, Step> step;
  for (const auto& e : evals) step[e.citizen] = e.step;
  const MatchResult r = match_caseload(m, evals);
  REQUIRE(r.selected > 0);
  CHECK(r.selected < m.citizens.size());
  CHECK(r.not_in_market.empty());
  for (const auto& x : r.matches) CHECK(step.at(m.citizens[x.citizen].id) == Step::trin2_paa_vej_mod_job);
  for (auto c : r.unmatched) CHECK(step.at(m.citizens[c].id) == Step::trin2_paa_vej_mod_job);
  std::size_t exited = 0;
  for (const auto& [id, s] : step) exited += is_exit(s);
  CHECK(exited > 0);
}
