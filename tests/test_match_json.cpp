// The matching engine's JSON (include/kanten/match/json.hpp, docs/matching.md): markets and
// weights read and written back exactly, defaults for absent fields, every fault a kanten::Error
// naming the field path and the value (a wish that is no DISCO code never shown), and the
// proposals, top lists, pair explanations and audits written with ids.
#include "helpers.hpp"

#include <kanten/synth/market.hpp>
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

using namespace kt;
using nlohmann::json;

namespace {

bool same_point(GeoPoint a, GeoPoint b) { return a.lat == b.lat && a.lon == b.lon; }

bool same_citizen(const Citizen& a, const Citizen& b) {
  return a.id == b.id && same_point(a.home, b.home) && a.mode == b.mode && a.max_travel_m == b.max_travel_m &&
         a.max_travel_minutes == b.max_travel_minutes && a.hours_now == b.hours_now && a.hours_max == b.hours_max &&
         a.wishes == b.wishes && a.competences == b.competences && a.health == b.health &&
         a.danish_level == b.danish_level && a.driving_licence == b.driving_licence && a.goal == b.goal;
}
bool same_company(const Company& a, const Company& b) {
  return a.id == b.id && same_point(a.location, b.location) && a.db07 == b.db07 &&
         a.inclusion_internships == b.inclusion_internships && a.inclusion_paid == b.inclusion_paid &&
         a.social_responsibility == b.social_responsibility && a.labour_shortage == b.labour_shortage &&
         a.mentors == b.mentors && a.capacity == b.capacity;
}
bool same_task(const Task& a, const Task& b) {
  return a.id == b.id && a.company == b.company && a.disco == b.disco &&
         a.required_competences == b.required_competences && a.optional_competences == b.optional_competences &&
         a.demands == b.demands && a.min_per_week == b.min_per_week && a.max_per_week == b.max_per_week &&
         a.ordinary_from_start == b.ordinary_from_start && a.internship == b.internship && a.slots == b.slots &&
         a.min_danish_level == b.min_danish_level && a.needs_driving_licence == b.needs_driving_licence;
}
bool same_market(const Market& a, const Market& b) {
  return std::equal(a.citizens.begin(), a.citizens.end(), b.citizens.begin(), b.citizens.end(), same_citizen) &&
         std::equal(a.companies.begin(), a.companies.end(), b.companies.begin(), b.companies.end(), same_company) &&
         std::equal(a.tasks.begin(), a.tasks.end(), b.tasks.begin(), b.tasks.end(), same_task);
}

std::string example_market() { return read_file(std::string(KANTEN_EXAMPLES_DIR) + "/data/market.json"); }

/// A market document with one citizen, one company and one task, each given `extra` fields (an
/// extra "home" or "location" replaces the default one: a key given twice is an error).
std::string doc(const std::string& citizen_extra, const std::string& company_extra = "",
                const std::string& task_extra = "") {
  const bool home = citizen_extra.find("\"home\"") != std::string::npos;
  const bool location = company_extra.find("\"location\"") != std::string::npos;
  return std::string(R"({"citizens": [{"id": "c-1")") + (home ? "" : R"(, "home": {"lat": 54.77, "lon": 11.87})") +
         citizen_extra + R"(}], "companies": [{"id": "co-1")" +
         (location ? "" : R"(, "location": {"lat": 54.78, "lon": 11.88})") + company_extra +
         R"(}], "tasks": [{"id": "t-1", "company": "co-1")" + task_extra + "}]}";
}

struct Bad {
  std::string text;   // the document
  std::string field;  // the field path named
  std::string value;  // the value shown
  std::string says;   // a part of the message
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reading markets
// ---------------------------------------------------------------------------------------------

TEST_CASE("match json: the example market is read with every field", "[match_json]") {
  const Market m = market_from_json(example_market());
  REQUIRE(m.citizens.size() == 6);
  REQUIRE(m.companies.size() == 3);
  REQUIRE(m.tasks.size() == 6);
  const Citizen& c1 = m.citizens[0];
  CHECK(c1.id == "c-01");
  CHECK(c1.home.lat == 54.772);
  CHECK(c1.home.lon == 11.87);
  CHECK(c1.mode == TravelMode::public_transport);
  CHECK(c1.max_travel_m == 15'000);
  CHECK(c1.hours_now == 360);  // "6:00"
  CHECK(c1.hours_max == 900);  // "15:00"
  CHECK(c1.wishes == std::vector<std::string>{"9412"});
  CHECK(c1.competences == std::vector<std::string>{"food_hygiene"});
  CHECK(m.citizens[1].hours_now == 300);  // whole minutes
  CHECK(m.citizens[1].health == std::vector<Health>{Health::no_heavy_lifting});
  CHECK(m.citizens[2].driving_licence);
  CHECK(m.citizens[3].mode == TravelMode::bicycle);
  CHECK(m.citizens[3].max_travel_minutes == 20);
  CHECK(m.citizens[3].goal == Goal::education);
  CHECK(m.citizens[5].wishes.empty());
  CHECK(m.citizens[5].mode == TravelMode::public_transport);  // absent: the default

  const Company& co = m.companies[0];
  CHECK(co.id == "co-101");
  CHECK(co.db07 == "561010");
  CHECK(co.inclusion_internships == 3);
  CHECK(co.inclusion_paid == 1);
  CHECK(co.social_responsibility);
  CHECK_FALSE(co.labour_shortage);
  CHECK(co.mentors == 2);
  CHECK(co.capacity == 2);

  const Task& t = m.tasks[0];
  CHECK(t.company == "co-101");
  CHECK(t.disco == std::vector<std::string>{"941200", "512010"});
  CHECK(t.demands == std::vector<Demand>{Demand::fast_pace});
  CHECK(t.min_per_week == 360);
  CHECK(t.max_per_week == 1200);
  CHECK(t.ordinary_from_start);
  CHECK(t.min_danish_level == 1);
  CHECK(m.tasks[3].required_competences == std::vector<std::string>{"forklift_certificate"});
  CHECK(m.tasks[3].needs_driving_licence);
  CHECK_FALSE(m.tasks[3].internship);
  CHECK(m.tasks[4].slots == 0);
}

TEST_CASE("match json: absent and null fields take the defaults; unknown fields are ignored", "[match_json]") {
  const Market m = market_from_json(R"({"citizens": [{"id": "c-1", "home": {"lat": 55, "lon": 12}, "mode": null,
      "age": 44, "note": "ignored"}],
    "companies": [{"id": "co-1", "location": {"lat": 55.1, "lon": 12.1}}],
    "tasks": [{"id": "t-1", "company": "co-1"}], "extra": {"a": 1}})");
  Citizen c;
  c.id = "c-1";
  c.home = {55, 12};
  Company co;
  co.id = "co-1";
  co.location = {55.1, 12.1};
  Task t;
  t.id = "t-1";
  t.company = "co-1";
  CHECK(same_citizen(m.citizens[0], c));
  CHECK(same_company(m.companies[0], co));
  CHECK(same_task(m.tasks[0], t));

  const Market empty = market_from_json(R"({"citizens": [], "companies": [], "tasks": []})");
  CHECK(empty.citizens.empty());
  CHECK(empty.companies.empty());
  CHECK(empty.tasks.empty());
}

TEST_CASE("match json: markets round-trip exactly", "[match_json]") {
  SECTION("the example") {
    const Market m = market_from_json(example_market());
    const std::string once = to_json(m);
    const Market back = market_from_json(once);
    CHECK(same_market(m, back));
    CHECK(to_json(back) == once);
    CHECK(to_json(back, 2) == to_json(m, 2));
  }
  SECTION("generated markets, both regions") {
    for (auto region : {Region::lolland_falster, Region::denmark}) {
      MarketOptions o;
      o.citizens = 120;
      o.companies = 40;
      o.seed = 77;
      o.region = region;
      const Market m = generate_market(o);
      const Market back = market_from_json(to_json(m, 2));
      CHECK(same_market(m, back));
      CHECK(to_json(back) == to_json(m));
      CHECK(candidates(back) == candidates(m));
    }
  }
  SECTION("every vocabulary value") {
    Market m = market_from_json(doc(""));
    for (std::size_t i = 0; i < enum_size<Health>; ++i) m.citizens[0].health.push_back(static_cast<Health>(i));
    for (std::size_t i = 0; i < enum_size<Demand>; ++i) m.tasks[0].demands.push_back(static_cast<Demand>(i));
    for (std::size_t i = 0; i < enum_size<TravelMode>; ++i) {
      m.citizens[0].mode = static_cast<TravelMode>(i);
      m.citizens[0].goal = static_cast<Goal>(i % 2);
      CHECK(same_market(market_from_json(to_json(m)), m));
    }
  }
}

TEST_CASE("match json: the market's output has every field, hours in minutes", "[match_json]") {
  const json j = json::parse(to_json(market_from_json(example_market())));
  const json& c = j["citizens"][0];
  CHECK(c["hours_now"] == 360);
  CHECK(c["home"]["lat"] == 54.772);
  CHECK(c["mode"] == "public_transport");
  CHECK(c["health"] == json::array());
  CHECK(c.size() == 13);
  CHECK(j["companies"][0].size() == 9);
  CHECK(j["tasks"][0].size() == 13);
  CHECK(j["tasks"][0]["demands"] == json::array({"fast_pace"}));
}

TEST_CASE("match json: faults in a market name the field and the value", "[match_json][errors]") {
  const std::vector<Bad> cases{
      {R"({"citizens": [], "companies": []})", "tasks", "", "missing"},
      {R"({"citizens": {}, "companies": [], "tasks": []})", "citizens", "<object>", "must be a JSON array"},
      {R"([1, 2])", "", "<array>", "must be a JSON object"},
      {R"({"citizens": [7], "companies": [], "tasks": []})", "citizens[0]", "7", "a citizen must be a JSON object"},
      {R"({"citizens": [{"home": {"lat": 1, "lon": 2}}], "companies": [], "tasks": []})", "citizens[0].id", "",
       "missing"},
      {doc("").replace(doc("").find("\"c-1\""), 5, "17"), "citizens[0].id", "17", "must be a string"},
      {doc("").replace(doc("").find("\"c-1\""), 5, "\"\""), "citizens[0].id", "\"\"", "must not be empty"},
      {R"({"citizens": [{"id": "c-1"}], "companies": [], "tasks": []})", "citizens[0].home", "", "missing"},
      {doc(R"(, "home": {"lat": "north", "lon": 11})"), "citizens[0].home.lat", "\"north\"", "degrees"},
      {doc(R"(, "home": {"lat": 91, "lon": 11})"), "citizens[0].home.lat", "91", "out of range"},
      {doc(R"(, "home": {"lat": 55})"), "citizens[0].home.lon", "", "missing"},
      {doc(R"(, "home": [55, 11])"), "citizens[0].home", "<array>", "location"},
      {doc(R"(, "mode": "rocket")"), "citizens[0].mode", "\"rocket\"", "expected one of: car, public_transport"},
      {doc(R"(, "max_travel_m": -5)"), "citizens[0].max_travel_m", "-5", "must not be negative"},
      {doc(R"(, "max_travel_m": 20.5)"), "citizens[0].max_travel_m", "20.5", "not a fraction"},
      {doc(R"(, "max_travel_m": 99999999999)"), "citizens[0].max_travel_m", "99999999999", "out of range"},
      {doc(R"(, "max_travel_minutes": "30")"), "citizens[0].max_travel_minutes", "\"30\"", "whole number"},
      {doc(R"(, "hours_now": 90.5)"), "citizens[0].hours_now", "90.5", "not a fraction"},
      {doc(R"(, "hours_now": "6.5")"), "citizens[0].hours_now", "\"6.5\"", "H:MM"},
      {doc(R"(, "hours_now": "-1:00")"), "citizens[0].hours_now", "\"-1:00\"", "H:MM"},
      {doc(R"(, "hours_now": -60)"), "citizens[0].hours_now", "-60", "must not be negative"},
      {doc(R"(, "hours_now": true)"), "citizens[0].hours_now", "true", "not a boolean"},
      {doc(R"(, "hours_now": "10:00", "hours_max": "8:00")"), "citizens[0].hours_max", "480", "less than hours_now"},
      {doc(R"(, "wishes": "9412")"), "citizens[0].wishes", "\"9412\"", "must be an array"},
      {doc(R"(, "wishes": ["9412", 5120])"), "citizens[0].wishes[1]", "5120", "as a string"},
      {doc(R"(, "wishes": ["12345"])"), "citizens[0].wishes[0]", "<text>", "DISCO-08 code"},
      {doc(R"(, "competences": ["a", null])"), "citizens[0].competences[1]", "null", "must be a string"},
      {doc(R"(, "health": ["no_lifting"])"), "citizens[0].health[0]", "\"no_lifting\"", "no_heavy_lifting"},
      {doc(R"(, "danish_level": 4)"), "citizens[0].danish_level", "4", "from 0 to 3"},
      {doc(R"(, "driving_licence": "yes")"), "citizens[0].driving_licence", "\"yes\"", "true or false"},
      {doc(R"(, "goal": "retirement")"), "citizens[0].goal", "\"retirement\"", "employment, education"},
      {doc("", R"(, "capacity": -1)"), "companies[0].capacity", "-1", "must not be negative"},
      {doc("", R"(, "db07": 561010)"), "companies[0].db07", "561010", "as a string"},
      {doc("", R"(, "mentors": "two")"), "companies[0].mentors", "\"two\"", "whole number"},
      {doc("", R"(, "location": null)"), "companies[0].location", "", "missing"},
      {doc("", "", R"(, "min_per_week": "ten hours")"), "tasks[0].min_per_week", "<text of 9 bytes>", "H:MM"},
      {doc("", "", R"(, "min_per_week": "12:00", "max_per_week": 600)"), "tasks[0].max_per_week", "600",
       "less than min_per_week"},
      {doc("", "", R"(, "slots": 1.5)"), "tasks[0].slots", "1.5", "not a fraction"},
      {doc("", "", R"(, "demands": ["lifting"])"), "tasks[0].demands[0]", "\"lifting\"", "heavy_lifting"},
      {doc("", "", R"(, "disco": ["94 12"])"), "tasks[0].disco[0]", "<text>", "DISCO-08 code"},
      {doc("", "", R"(, "min_danish_level": -1)"), "tasks[0].min_danish_level", "-1", "must not be negative"},
      {doc("", "", R"(, "ordinary_from_start": 1)"), "tasks[0].ordinary_from_start", "1", "true or false"},
  };
  for (const auto& b : cases) {
    INFO(b.text);
    const Error e = error_of([&] { (void)market_from_json(b.text); });
    CHECK(e.code() == Errc::invalid_input);
    CHECK(e.field() == b.field);
    CHECK(e.value() == b.value);
    CHECK_THAT(e.what(), Catch::Contains(b.says));
  }
}

TEST_CASE("match json: a task naming an unknown company is an error naming tasks[i].company", "[match_json][errors]") {
  const Error e = error_of(
      [] { (void)market_from_json(read_file(std::string(KANTEN_EXAMPLES_DIR) + "/data/invalid/market-unknown-company.json")); });
  CHECK(e.code() == Errc::invalid_input);
  CHECK(e.field() == "tasks[1].company");
  CHECK(e.value() == "co-999");
  CHECK_THAT(e.what(), Catch::Contains("not in the market"));
}

TEST_CASE("match json: duplicate ids are errors naming both", "[match_json][errors]") {
  const std::string two_citizens = R"({"citizens": [{"id": "c-1", "home": {"lat": 1, "lon": 1}},
      {"id": "c-2", "home": {"lat": 1, "lon": 1}}, {"id": "c-1", "home": {"lat": 1, "lon": 1}}],
    "companies": [{"id": "co-1", "location": {"lat": 1, "lon": 1}}, {"id": "co-1", "location": {"lat": 1, "lon": 1}}],
    "tasks": []})";
  Error e = error_of([&] { (void)market_from_json(two_citizens); });
  CHECK(e.field() == "citizens[2].id");
  CHECK(e.value() == "c-1");
  CHECK_THAT(e.what(), Catch::Contains("duplicate citizen id: first at citizens[0]"));

  e = error_of([&] {
    (void)market_from_json(R"({"citizens": [], "companies": [{"id": "co-1", "location": {"lat": 1, "lon": 1}},
      {"id": "co-1", "location": {"lat": 1, "lon": 1}}], "tasks": []})");
  });
  CHECK(e.field() == "companies[1].id");
  CHECK_THAT(e.what(), Catch::Contains("duplicate company id: first at companies[0]"));

  e = error_of([&] {
    (void)market_from_json(R"({"citizens": [], "companies": [{"id": "co-1", "location": {"lat": 1, "lon": 1}}],
      "tasks": [{"id": "t", "company": "co-1"}, {"id": "u", "company": "co-1"}, {"id": "t", "company": "co-1"}]})");
  });
  CHECK(e.field() == "tasks[2].id");
  CHECK(e.value() == "t");
  // The same id on different sides is fine: ids are per side.
  CHECK_NOTHROW(market_from_json(R"({"citizens": [{"id": "x", "home": {"lat": 1, "lon": 1}}],
      "companies": [{"id": "x", "location": {"lat": 1, "lon": 1}}], "tasks": [{"id": "x", "company": "x"}]})"));
}

TEST_CASE("match json: a wish that is no DISCO code is never shown", "[match_json][errors]") {
  const std::string path = std::string(KANTEN_EXAMPLES_DIR) + "/data/invalid/market-bad-field.json";
  const Error e = error_of([&] { (void)market_from_json(read_file(path)); });
  CHECK(e.field() == "citizens[0].wishes[0]");
  CHECK(e.value() == "<text>");
  CHECK_THAT(e.what(), !Catch::Contains("kitchen"));
}

TEST_CASE("match json: documents that are not JSON are parse errors", "[match_json][errors]") {
  Error e = error_of([] { (void)market_from_json(R"({"citizens": [)"); });
  CHECK(e.code() == Errc::parse_error);
  CHECK_THAT(e.what(), Catch::Contains("not valid JSON"));
  e = error_of([] { (void)weights_from_json("version: 1"); });
  CHECK(e.code() == Errc::parse_error);
}

// ---------------------------------------------------------------------------------------------
// Weights
// ---------------------------------------------------------------------------------------------

TEST_CASE("match json: weights round-trip, absent weights take the defaults", "[match_json][weights]") {
  const MatchWeights d = weights_from_json(to_json(default_weights()));
  CHECK(to_json(d) == to_json(default_weights()));

  MatchWeights w = weights_from_json(R"({"version": "mine-1", "wish_by_level": [0, 1, 2, 3, 60], "travel": 0,
    "min_wish_level": 3, "walk_kmh": 4, "comment": "ignored"})");
  CHECK(w.version == "mine-1");
  CHECK(w.wish_by_level == std::array<std::int32_t, 5>{0, 1, 2, 3, 60});
  CHECK(w.travel == 0);
  CHECK(w.min_wish_level == 3);
  CHECK(w.walk_kmh == 4);
  CHECK(w.competences == default_weights().competences);
  CHECK(w.mentors == default_weights().mentors);
  CHECK(to_json(weights_from_json(to_json(w, 2))) == to_json(w));

  const json j = json::parse(to_json(default_weights()));
  CHECK(j["version"] == "match-weights-2026.2");
  CHECK(j["wish_by_level"] == json::array({0, 6, 16, 28, 40}));
  CHECK(j.size() == 17);

  // The example file is a valid weight set, and it changes the result's version.
  const MatchWeights ex = weights_from_json(read_file(std::string(KANTEN_EXAMPLES_DIR) + "/data/weights.json"));
  CHECK(ex.version == "example-weights-1");
  const Market m = market_from_json(example_market());
  CHECK(match(m, {.weights = &ex}).weights_version == "example-weights-1");
}

TEST_CASE("match json: faults in weights name the field and the value", "[match_json][weights][errors]") {
  const std::vector<Bad> cases{
      {R"({"hours": 3})", "version", "", "missing"},
      {R"({"version": ""})", "version", "\"\"", "non-empty string"},
      {R"({"version": 2026})", "version", "2026", "non-empty string"},
      {R"({"version": "match-weights-2026.2", "travel": 99})", "version", "match-weights-2026.2",
       "a version of their own"},
      {R"({"version": "v", "wish_by_level": [0, 1, 2, 3]})", "wish_by_level", "<array>", "5 points"},
      {R"({"version": "v", "wish_by_level": [0, 1, 2.5, 3, 4]})", "wish_by_level[2]", "2.5", "not a fraction"},
      {R"({"version": "v", "wish_by_level": [0, 1, -2, 3, 4]})", "wish_by_level[2]", "-2", "must not be negative"},
      {R"({"version": "v", "competences": "20"})", "competences", "\"20\"", "whole number"},
      {R"({"version": "v", "car_kmh": 0})", "car_kmh", "0", "from 1 to 1000"},
      {R"({"version": "v", "min_wish_level": 5})", "min_wish_level", "5", "from 0 to 4"},
      {R"({"version": "v", "mentors": 2000000})", "mentors", "2000000", "out of range"},
      {R"([])", "", "<array>", "JSON object"},
  };
  for (const auto& b : cases) {
    INFO(b.text);
    const Error e = error_of([&] { (void)weights_from_json(b.text); });
    CHECK(e.code() == Errc::invalid_input);
    CHECK(e.field() == b.field);
    CHECK(e.value() == b.value);
    CHECK_THAT(e.what(), Catch::Contains(b.says));
  }
  // The default version with the default weights is fine.
  CHECK_NOTHROW(weights_from_json(R"({"version": "match-weights-2026.2", "travel": 15})"));
}

// ---------------------------------------------------------------------------------------------
// Writing results
// ---------------------------------------------------------------------------------------------

TEST_CASE("match json: a proposal is written with ids, breakdowns, reasons and concerns", "[match_json][output]") {
  const Market m = market_from_json(example_market());
  for (auto mode : {MatchMode::assignment, MatchMode::stable, MatchMode::top_k}) {
    const MatchResult r = match(m, {.mode = mode, .k = 3, .per_company = 1});
    const json j = json::parse(to_json(r, m, 2));
    INFO(name(mode));
    CHECK(j["weights_version"] == "match-weights-2026.2");
    CHECK(j["mode"] == std::string(name(mode)));
    CHECK(j["optimal"] == r.optimal);
    CHECK(j["candidates"] == r.candidates);
    CHECK(j["citizens"] == 6);
    CHECK(j["citizens_matched"] == 6 - r.unmatched.size());
    CHECK(j["total_score"] == r.total_score);
    REQUIRE(j["matches"].size() == r.matches.size());
    for (std::size_t i = 0; i < r.matches.size(); ++i) {
      const json& x = j["matches"][i];
      const Match& mx = r.matches[i];
      CHECK(x["citizen"] == m.citizens[mx.citizen].id);
      CHECK(x["task"] == m.tasks[mx.task].id);
      CHECK(x["company"] == m.tasks[mx.task].company);
      CHECK(x["score"] == mx.breakdown.total());
      const json& b = x["breakdown"];
      CHECK(b["wish"].get<int>() + b["competences"].get<int>() + b["hours"].get<int>() + b["travel"].get<int>() +
                b["readiness"].get<int>() + b["ordinary"].get<int>() ==
            x["score"].get<int>());
      CHECK(b["wish_level"] == mx.breakdown.wish_level);
      CHECK(b["distance_m"] == mx.breakdown.distance_m);
      CHECK(x["reasons"] == json(mx.reasons));
      CHECK(x["concerns"] == json(mx.concerns));
    }
    std::vector<std::string> unmatched;
    for (auto c : r.unmatched) unmatched.push_back(m.citizens[c].id);
    CHECK(j["unmatched"] == json(unmatched));
  }
  // The example's assignment: c-02 (no heavy lifting) and c-05 (too far; too little Danish) stay unmatched.
  const json a = json::parse(to_json(match(m), m));
  CHECK(a["unmatched"] == json::array({"c-02", "c-05"}));
  CHECK(a["optimal"] == true);
  CHECK(to_json(match(m), m) == to_json(match(m), m));
}

TEST_CASE("match json: top lists, pair explanations and audits", "[match_json][output]") {
  const Market m = market_from_json(example_market());
  const json top = json::parse(to_json(top_tasks(m, 5, 2), m));  // c-06: no wishes
  REQUIRE(top["matches"].size() == 2);
  CHECK(top["matches"][0]["citizen"] == "c-06");
  CHECK(top["matches"][0]["score"].get<int>() >= top["matches"][1]["score"].get<int>());

  const json tc = json::parse(to_json(top_citizens(m, 0, 5), m));  // t-1
  for (const auto& x : tc["matches"]) CHECK(x["task"] == "t-1");

  // c-02 and t-3: the task demands heavy lifting.
  const json p = json::parse(to_json(score_pair(m, 1, 2), m));
  CHECK(p["citizen"] == "c-02");
  CHECK(p["task"] == "t-3");
  CHECK(p["company"] == "co-102");
  CHECK(p["passes_filters"] == false);
  CHECK(p["score"] == 0);
  REQUIRE(p["rejected"].size() == 1);
  CHECK(p["rejected"][0]["filter"] == "health_conflict");
  CHECK(p["rejected"][0]["text"] == "task demands heavy_lifting; citizen has no_heavy_lifting");
  const json ok = json::parse(to_json(score_pair(m, 0, 0), m));
  CHECK(ok["passes_filters"] == true);
  CHECK(ok["score"] == ok["breakdown"]["wish"].get<int>() + ok["breakdown"]["competences"].get<int>() +
                           ok["breakdown"]["hours"].get<int>() + ok["breakdown"]["travel"].get<int>() +
                           ok["breakdown"]["readiness"].get<int>() + ok["breakdown"]["ordinary"].get<int>());
  CHECK(ok["rejected"] == json::array());

  const auto rows = audit(m, match(m), {"a", "b", "a", "b", "a", "b"});
  const json au = json::parse(to_json(rows));
  REQUIRE(au["audit"].size() == 2);
  CHECK(au["audit"][0]["group"] == "a");
  CHECK(au["audit"][0]["citizens"] == 3);
  CHECK(au["audit"][0]["matched"] == rows[0].matched);
  CHECK(au["audit"][0]["rate"].get<double>() == Approx(rows[0].rate));
  CHECK(au["audit"][1]["mean_score"].get<double>() == Approx(rows[1].mean_score));

  // A match whose index lies outside the market is a caller's error, not a crash.
  Match stray;
  stray.citizen = 99;
  stray.task = 0;
  CHECK_THROWS_AS(to_json(std::vector<Match>{stray}, m), Error);
}

TEST_CASE("match json: one citizen, company or task reads as in a market, paths rooted at its kind",
          "[match_json][objects]") {
  // Every object of the example market, read on its own, is the object the market reader reads.
  const Market m = market_from_json(example_market());
  const json doc = json::parse(example_market());
  for (std::size_t i = 0; i < m.citizens.size(); ++i)
    CHECK(same_citizen(citizen_from_json(doc["citizens"][i].dump()), m.citizens[i]));
  for (std::size_t i = 0; i < m.companies.size(); ++i)
    CHECK(same_company(company_from_json(doc["companies"][i].dump()), m.companies[i]));
  for (std::size_t i = 0; i < m.tasks.size(); ++i) CHECK(same_task(task_from_json(doc["tasks"][i].dump()), m.tasks[i]));

  // Faults name the field under "citizen", "company" or "task"; text that is not JSON is a parse error.
  CHECK(error_of([] { (void)citizen_from_json(R"({"id": "c-9", "home": {"lat": 54.7, "lon": 11.9}, "hours_now": -60})"); })
            .field() == "citizen.hours_now");
  CHECK(error_of([] { (void)citizen_from_json(R"({"id": "c-9"})"); }).field() == "citizen.home");
  CHECK(error_of([] { (void)citizen_from_json("[1]"); }).field() == "citizen");
  CHECK(error_of([] { (void)company_from_json(R"({"id": "co", "location": {"lat": 54.7, "lon": 11.9}, "capacity": -1})"); })
            .field() == "company.capacity");
  CHECK(error_of([] { (void)task_from_json(R"({"id": "t-9"})"); }).field() == "task.company");
  CHECK(error_of([] { (void)task_from_json("{"); }).code() == Errc::parse_error);
  // A task's company and a citizen's visits are ids of other objects: whoever takes the object checks them.
  CHECK(task_from_json(R"({"id": "t-9", "company": "co-elsewhere"})").company == "co-elsewhere");

  // Unknown fields: warnings naming them, or under strict reading an error.
  std::vector<InputWarning> warnings;
  const char* typo = R"({"id": "c-9", "home": {"lat": 54.7, "lon": 11.9}, "wishs": ["9"]})";
  CHECK(citizen_from_json(typo, {}, &warnings).id == "c-9");
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0].field == "citizen.wishs");
  ReadOptions strict;
  strict.strict = true;
  CHECK(error_of([&] { (void)citizen_from_json(typo, strict); }).field() == "citizen.wishs");
}
