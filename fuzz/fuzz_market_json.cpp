// fuzz/fuzz_market_json.cpp — libFuzzer target: bytes → the market JSON reader
// (include/kanten/match/json.hpp) → candidates, pair scores, every proposal mode, top lists, audit
// and JSON out.
//
// Whatever text arrives, market_from_json either returns a market or throws kanten::Error; the
// matching engine never crashes, leaks or trips a sanitizer on what it returns. Invariants checked
// (a failure traps, so libFuzzer records the input):
//   - the candidates are exactly the pairs score_pair() accepts with a positive score, with that score;
//   - a proposal gives each citizen at most one task, fills no task beyond its slots and no company
//     beyond its capacity, and its total is the sum of its matches' scores;
//   - the optimal assignment scores at least as much as the stable matching;
//   - a market written with to_json reads back to the same JSON.
#include "kanten/match/json.hpp"

#include "kanten/core/error.hpp"
#include "kanten/match/matching.hpp"

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace k = kanten;

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

void check_proposal(const k::Market& m, const k::MatchResult& r) {
  std::vector<int> per_citizen(m.citizens.size(), 0), per_task(m.tasks.size(), 0);
  std::map<std::string, int> per_company;
  std::int64_t total = 0;
  for (const auto& x : r.matches) {
    require(x.citizen >= 0 && static_cast<std::size_t>(x.citizen) < m.citizens.size());
    require(x.task >= 0 && static_cast<std::size_t>(x.task) < m.tasks.size());
    require(++per_citizen[x.citizen] == 1);
    ++per_task[x.task];
    ++per_company[m.tasks[x.task].company];
    total += x.breakdown.total();
    require(!x.reasons.empty());
  }
  for (std::size_t t = 0; t < m.tasks.size(); ++t) require(per_task[t] <= std::max(0, m.tasks[t].slots));
  for (const auto& co : m.companies) require(per_company[co.id] <= std::max(0, co.capacity));
  require(total == r.total_score);
  require(r.matches.size() + r.unmatched.size() == m.citizens.size());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  k::Market m;
  try {
    m = k::market_from_json(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const k::Error&) {
    return 0;  // a reader error: the input is not a market
  }

  // The default weights, and weights that let every task in reach be a candidate.
  k::MatchWeights open = k::default_weights();
  open.version = "fuzz-open";
  open.min_wish_level = 0;
  for (const k::MatchWeights* w : {&k::default_weights(), static_cast<const k::MatchWeights*>(&open)}) {
    const auto cands = k::candidates(m, *w);
    for (const auto& c : cands) {
      const k::PairScore p = k::score_pair(m, c.citizen, c.task, *w);
      require(p.rejected.empty() && p.score() == c.score && c.score > 0);
    }
    // ... and every pair score_pair accepts with a positive score is a candidate: the index misses none.
    std::size_t accepted = 0;
    for (std::int32_t c = 0; c < static_cast<std::int32_t>(m.citizens.size()); ++c)
      for (std::int32_t t = 0; t < static_cast<std::int32_t>(m.tasks.size()); ++t)
        if (const k::PairScore p = k::score_pair(m, c, t, *w); p.rejected.empty() && p.score() > 0) ++accepted;
    require(accepted == cands.size());
    const k::MatchResult a = k::match(m, {.mode = k::MatchMode::assignment, .weights = w});
    check_proposal(m, a);
    require(a.candidates == cands.size());
    const k::MatchResult s = k::match(m, {.mode = k::MatchMode::stable, .weights = w});
    check_proposal(m, s);
    require(!a.optimal || a.total_score >= s.total_score);
    const k::MatchResult top = k::match(m, {.mode = k::MatchMode::top_k, .weights = w, .k = 2, .per_company = 1});
    require(top.matches.size() <= 2 * m.citizens.size());
    require(!k::to_json(a, m).empty() && !k::to_json(s, m, 2).empty() && !k::to_json(top, m).empty());
    std::vector<std::string> groups;
    for (std::size_t i = 0; i < m.citizens.size(); ++i) groups.push_back(i % 2 ? "odd" : "even");
    require(!k::to_json(k::audit(m, a, groups)).empty());
  }
  if (!m.citizens.empty()) require(k::top_tasks(m, 0, 3).size() <= 3);
  if (!m.tasks.empty()) require(k::top_citizens(m, 0, 3).size() <= 3);
  if (!m.citizens.empty() && !m.tasks.empty()) require(!k::to_json(k::score_pair(m, 0, 0), m).empty());

  // Round trip: what kanten writes, kanten reads back to the same text.
  const std::string out = k::to_json(m);
  require(k::to_json(k::market_from_json(out)) == out);
  return 0;
}
