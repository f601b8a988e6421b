// Concurrency (built alone under ThreadSanitizer by the `tsan` preset, and in every other build as
// a plain test): kanten's evaluation and matching share no mutable state, so many threads may
// evaluate one const Caseload and match one const Market at once (include/kanten/rules/evaluate.hpp:
// "thread-safe (it shares no mutable state)"; include/kanten/match/matching.hpp: "Deterministic ...
// whatever the thread count"). Every thread's results must equal the single-threaded ones;
// ThreadSanitizer fails the run on any data race.
#include "helpers.hpp"

#include <kanten/synth/market.hpp>
#include <kanten/synth/generate.hpp>
#include <kanten/rules/json.hpp>
#include <kanten/match/json.hpp>
#include <kanten/bipartite/assignment.hpp>
#include <kanten/match/matching.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <thread>
#include <vector>

using namespace kt;

namespace {

constexpr int kThreads = 4;

/// Everything one thread computes, as text (compared with the single-threaded text).
struct Results {
  std::vector<std::string> parts;
  friend bool operator==(const Results&, const Results&) = default;
};

/// The evaluation work: every case as of two dates, explained, and the follow-up worklist.
Results evaluation_work(const Caseload& load) {
  Results r;
  for (const Date as_of : {D("2019-12-15"), D("2020-12-31")}) {
    const auto es = evaluate_all(load, {.as_of = as_of, .daily_rate = 49100});
    r.parts.push_back(to_json(es));
    r.parts.push_back(to_json(followup_worklist(es), as_of));
    for (std::size_t i = 0; i < es.size(); i += 37) r.parts.push_back(explain(es[i]));
  }
  return r;
}

/// The matching work: candidates, pair scores, every proposal mode, top lists and an audit.
Results matching_work(const Market& m) {
  Results r;
  std::string cands;
  for (const auto& c : candidates(m))
    cands += std::to_string(c.citizen) + ' ' + std::to_string(c.task) + ' ' + std::to_string(c.score) + '\n';
  r.parts.push_back(cands);
  for (std::int32_t i = 0; i < static_cast<std::int32_t>(m.citizens.size()); i += 23)
    r.parts.push_back(to_json(score_pair(m, i, i % static_cast<std::int32_t>(m.tasks.size())), m));
  for (const MatchMode mode : {MatchMode::assignment, MatchMode::stable, MatchMode::top_k}) {
    const MatchResult res = match(m, {.mode = mode, .k = 3});
    r.parts.push_back(to_json(res, m));
    if (mode == MatchMode::assignment) {
      std::vector<std::string> groups;
      for (std::size_t i = 0; i < m.citizens.size(); ++i) groups.push_back(i % 3 ? "a" : "b");
      r.parts.push_back(to_json(audit(m, res, groups)));
    }
  }
  r.parts.push_back(to_json(top_tasks(m, 0, 5), m));
  r.parts.push_back(to_json(top_citizens(m, 0, 5), m));
  return r;
}

/// Runs `work` on kThreads threads at once (each after all have started) and returns their results.
template <class Work>
std::vector<Results> on_threads(const Work& work) {
  std::vector<Results> out(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) threads.emplace_back([&, t] { out[static_cast<std::size_t>(t)] = work(); });
  for (auto& t : threads) t.join();
  return out;
}

}  // namespace

TEST_CASE("threads: evaluating one shared caseload on several threads gives the single-threaded results", "[threads]") {
  const Caseload load = generate_caseload({.citizens = 300});
  const Results expected = evaluation_work(load);
  for (const Results& r : on_threads([&] { return evaluation_work(load); })) CHECK(r == expected);
}

TEST_CASE("threads: matching one shared market on several threads gives the single-threaded results", "[threads]") {
  const Market market = generate_market({.citizens = 300, .companies = 120});
  const Results expected = matching_work(market);
  for (const Results& r : on_threads([&] { return matching_work(market); })) CHECK(r == expected);
}

TEST_CASE("threads: a match on threads of its own (candidate chunks, the assignment's parts) equals the one-thread match", "[threads]") {
  // Denmark-wide with a short reach: the network falls into several independent parts.
  const Market m = generate_market({.citizens = 10000, .companies = 2000, .region = Region::denmark, .travel_m = 8000});
  const auto cands = candidates(m);
  bipartite::Instance inst;
  inst.num_left = static_cast<std::int32_t>(m.citizens.size());
  std::map<std::string, std::int32_t> company;
  for (const auto& co : m.companies) {
    company.emplace(co.id, static_cast<std::int32_t>(inst.group_capacity.size()));
    inst.group_capacity.push_back(co.capacity);
  }
  for (const auto& t : m.tasks) {
    inst.right_slots.push_back(t.slots);
    inst.right_group.push_back(company.at(t.company));
  }
  for (const auto& c : cands) inst.edges.push_back({c.citizen, c.task, c.score});
  bipartite::AssignmentOptions two;
  two.threads = 2;
  const auto solved = bipartite::solve_assignment(inst, two);
  REQUIRE(solved.stats.parts >= 2);
  CHECK(solved.right_of_left == bipartite::solve_assignment(inst).right_of_left);
  const std::string one = to_json(match(m, {.explain = false}), m);
  CHECK(to_json(match(m, {.explain = false, .threads = 2}), m) == one);
  CHECK(to_json(match(m, {.explain = false, .threads = 3}), m) == one);
}

TEST_CASE("threads: evaluation, matching and the JSON readers at once on shared inputs", "[threads]") {
  const Caseload load = generate_caseload({.citizens = 120});
  const Market market = generate_market({.citizens = 120, .companies = 60});
  const std::string case_text = read_file(KANTEN_EXAMPLES_DIR "/data/case.json");
  const std::string market_text = read_file(KANTEN_EXAMPLES_DIR "/data/market.json");
  auto mixed = [&] {
    Results r = evaluation_work(load);
    for (auto& p : matching_work(market).parts) r.parts.push_back(std::move(p));
    r.parts.push_back(to_json(case_from_json(case_text)));
    r.parts.push_back(to_json(match(market_from_json(market_text)), market_from_json(market_text)));
    return r;
  };
  const Results expected = mixed();
  for (const Results& r : on_threads(mixed)) CHECK(r == expected);
}
