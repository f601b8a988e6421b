// Domain decisions the command line, the C ABI and Python share, made once in the library: which
// failure a sanction question answers, the sanction reply and the step model as JSON, one pair
// explained, the top lists, a trip's cost and a route as JSON, and a caseload's report.
#include <fstream>
#include <kanten/match/json.hpp>
#include <kanten/programme/report.hpp>
#include <kanten/synth/generate.hpp>
#include <kanten/synth/market.hpp>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <string>

#include "helpers.hpp"

using namespace kt;
using nlohmann::json;
using ojson = nlohmann::ordered_json;

namespace {

std::string example(const std::string& name) {
  return kanten::read_file(std::string(KANTEN_EXAMPLES_DIR) + "/data/" + name);
}

std::vector<std::string> keys(const ojson& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

/// A sanction question with two failures, F1 before F2, as of `as_of`, asking about `failure`.
SanctionQuestion two_failures(const std::string& failure) {
  std::string text = R"({"case": {"citizen": "c-1", "profile": {}, "events": [
      {"date": "2024-01-08", "kind": "first_conversation"},
      {"date": "2024-03-18", "kind": "sanction_failure", "failure_id": "F1", "failure": "refused_job_offer"},
      {"date": "2024-04-02", "kind": "sanction_failure", "failure_id": "F2", "failure": "refused_job_offer"}]},
      "as_of": "2024-05-01")";
  if (!failure.empty()) text += R"(, "failure_id": ")" + failure + "\"";
  return sanction_question_from_json(text + "}");
}

}  // namespace

TEST_CASE("pick_sanction_answer: the named failure, else the latest; a missing one is an error naming it") {
  const auto named = two_failures("F1");
  const Evaluation e = evaluate(named);
  REQUIRE(e.sanctions.size() == 2);
  CHECK(pick_sanction_answer(e, "F1").failure_id == "F1");
  CHECK(pick_sanction_answer(e, "F2").failure_id == "F2");
  CHECK(pick_sanction_answer(e, "").failure_id == "F2");
  try {
    (void)pick_sanction_answer(e, "F7");
    FAIL("no error");
  } catch (const kanten::Error& err) {
    CHECK(err.code() == Errc::invalid_input);
    CHECK(err.field() == "failure_id");
    CHECK(err.value() == "F7");
    CHECK(std::string(err.what()).find("as_of 2024-05-01") != std::string::npos);
  }
  Evaluation none = e;
  none.sanctions.clear();
  try {
    (void)pick_sanction_answer(none, "");
    FAIL("no error");
  } catch (const kanten::Error& err) {
    CHECK(err.field() == "case.events");
  }
}

TEST_CASE("the sanction reply: the evaluation's citizen, date, rule set and step, then the answer") {
  const auto q = sanction_question_from_json(example("sanction.json"));
  const Evaluation e = evaluate(q);
  const auto& a = pick_sanction_answer(e, q.failure_id);
  const ojson reply = ojson::parse(to_json(e, a));
  CHECK(keys(reply) == std::vector<std::string>{"citizen", "as_of", "rule_set", "step", "answer"});
  CHECK(reply["citizen"] == "c-0201");
  CHECK(reply["as_of"] == "2024-05-01");
  CHECK(reply["answer"] == ojson::parse(to_json(a)));
  CHECK(to_json(e, a, 2).find("\n  \"answer\": {\n    \"failure_id\": \"F1\"") != std::string::npos);
}

TEST_CASE("the step model as JSON: every step, condition and transition with its source") {
  const json m = json::parse(step_model_json());
  CHECK(m["rule_set"] == default_rules().version);
  REQUIRE(m["steps"].size() == step_count);
  CHECK(m["steps"][0]["name"] == std::string(name(Step::not_started)));
  CHECK(m["conditions"].size() == condition_count);
  REQUIRE(m["transitions"].size() == transitions.size());
  for (std::size_t i = 0; i < transitions.size(); ++i) {
    CHECK(m["transitions"][i]["rule"] == std::string(transitions[i].rule));
    CHECK(m["transitions"][i]["source"]["quote"] == std::string(transitions[i].source->quote));
  }
}

TEST_CASE("one pair explained, and the top lists, as JSON") {
  const Market market = market_from_json(example("market.json"));
  const auto idx = [&](const auto& items, const std::string& id) {
    for (std::size_t i = 0; i < items.size(); ++i)
      if (items[i].id == id) return static_cast<std::int32_t>(i);
    return std::int32_t{-1};
  };
  const auto c1 = idx(market.citizens, "c-01");
  const auto t1 = idx(market.tasks, "t-1");
  const PairExplanation x = explain_pair(market, c1, t1);
  CHECK(x.weights_version == default_weights().version);
  CHECK(x.pair.rejected.empty());
  CHECK(x.candidate);
  CHECK_FALSE(x.reasons.empty());
  const ojson j = ojson::parse(to_json(x, market));
  CHECK(keys(j) == std::vector<std::string>{"weights_version", "citizen", "task", "company", "passes_filters", "score",
                                            "breakdown", "rejected", "candidate", "reasons", "concerns"});

  const PairExplanation rejected = explain_pair(market, idx(market.citizens, "c-02"), idx(market.tasks, "t-3"));
  CHECK_FALSE(rejected.candidate);
  CHECK(rejected.reasons.empty());

  const ojson top = ojson::parse(top_tasks_json(market, c1, top_tasks(market, c1, 3, 2), 3, 2, "w-1"));
  CHECK(keys(top) == std::vector<std::string>{"weights_version", "citizen", "k", "per_company", "matches"});
  const ojson topc = ojson::parse(top_citizens_json(market, t1, top_citizens(market, t1, 2), 2, "w-1"));
  CHECK(keys(topc) == std::vector<std::string>{"weights_version", "task", "company", "k", "matches"});
  CHECK(topc["company"] == market.tasks[static_cast<std::size_t>(t1)].company);
}

TEST_CASE("a trip's cost and a route as JSON, with their sources") {
  const json cost = json::parse(to_json(trip_cost(12), 12));
  CHECK(cost["participants"] == 12);
  CHECK(cost["bus_dkk"] == json::array({2000, 2500}));
  CHECK(cost["source"]["seed"] == std::string(sources::bus_costs.seed));
  CHECK_FALSE(cost["source"].contains("quote"));
  const json route = json::parse(to_json(route_workplace({true, false})));
  CHECK(route["route"] == "internship");
  CHECK(route["source"].contains("section"));
}

TEST_CASE("a caseload's report: the evaluations counted, and the report's JSON") {
  GeneratorOptions g;
  g.citizens = 80;
  g.seed = 5;
  const Caseload load = generate_caseload(g);
  const Market market = generate_market({.citizens = g.citizens, .seed = g.seed});
  const Date as_of = D("2019-12-15");
  const CaseloadReport r = caseload_report(
      load, market,
      {.as_of = as_of, .generated_citizens = g.citizens, .seed = g.seed, .start = g.start, .months = g.months});
  CHECK(r.summary.citizens == 80);
  CHECK(std::accumulate(r.summary.steps.begin(), r.summary.steps.end(), std::size_t{0}) == 80);
  std::size_t in_trin2 = 0;
  for (const auto& e : r.evaluations) in_trin2 += e.step == Step::trin2_paa_vej_mod_job;
  CHECK(r.trin2.citizens.size() == in_trin2);
  CHECK(r.trin2.tasks.size() == market.tasks.size());
  const ojson j = ojson::parse(to_json(r, market));
  CHECK(keys(j) == std::vector<std::string>{"kanten", "rule_set", "as_of", "generator", "summary", "worklist",
                                            "evaluations", "matching", "programme", "bus_trips"});
  CHECK(j["evaluations"].size() == 80);
  CHECK(j["worklist"] == ojson::parse(to_json(r.worklist, as_of)));
  CHECK(j["programme"] == ojson::parse(to_json(r.figures)));
  CHECK(j["bus_trips"]["assumption"] == r.bus_assumption);

  Tally t{{"a", 1}, {"b", 3}, {"c", 3}};
  const auto sorted = by_count(t);
  CHECK(sorted == std::vector<std::pair<std::string, std::size_t>>{{"b", 3}, {"c", 3}, {"a", 1}});
}
