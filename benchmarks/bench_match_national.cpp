// kanten — the whole match at the library's defaults on generated markets (issue 14, part 3):
// the national market (100,000 citizens, 20,000 companies, region denmark, 20 km travel) matched
// by kanten::match(m, {.explain = false, .threads = T}) in under 2 s.
//
// BM_match/<market>/<threads>/<bound> runs match() and splits its wall time into its stages
// through the progress callback (the stages "candidates", "solve" and "explain" of match()):
//   search_s  — the candidate search (stage "candidates");
//   gather_s  — from the end of the search to the start of the solver (gathering the edges);
//   solve_s   — the solver (stage "solve");
//   rest_s    — the result: matches, scores and the unmatched (stage "explain");
//   match_s   — the whole call.
// and, in the same iteration, candidates() alone (cands_s). <bound> is
// MatchOptions::max_candidates_per_citizen (0: exact). For a bound, the exact match of the same
// market and thread count runs in the same iteration: exact_s, score_ratio (total score with the
// bound / exact) and matched_ratio (matched citizens with the bound / exact), and speedup
// (exact_s / match_s). Every time is the minimum over the iterations (the machine is shared).
// Not a test: it times and never asserts.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

#include "kanten/match/matching.hpp"
#include "kanten/synth/market.hpp"
#include "markets.hpp"

namespace {

using kanten_bench::k_market_sizes;
const kanten::Market& market(int size) { return kanten_bench::cached_market(k_market_sizes[size]); }
double now() { return kanten_bench::wall_seconds(); }
double cpu_now() { return kanten_bench::process_cpu_seconds(); }

/// match() with the wall time of each stage, taken from its progress reports.
struct Timed {
  kanten::MatchResult result;
  double search = 0, gather = 0, solve = 0, rest = 0, whole = 0;
  double search_cpu = 0, solve_cpu = 0, whole_cpu = 0;  // CPU seconds, every thread
};
Timed timed_match(const kanten::Market& m, std::int32_t threads, std::int32_t bound) {
  std::mutex mu;
  double t_search_end = 0, t_solve_start = 0, t_solve_end = 0;
  double c_search_end = 0, c_solve_start = 0, c_solve_end = 0;
  Timed t;
  kanten::MatchOptions o;
  o.explain = false;
  o.threads = threads;
  o.max_candidates_per_citizen = bound;
  o.progress = [&](std::string_view stage, std::size_t done, std::size_t total) {
    const std::lock_guard<std::mutex> lock(mu);
    const double x = now(), c = cpu_now();
    if (stage == "candidates" && done == total) t_search_end = x, c_search_end = c;
    if (stage == "solve" && done == 0) t_solve_start = x, c_solve_start = c;
    if (stage == "solve" && done == total) t_solve_end = x, c_solve_end = c;
  };
  const double c0 = cpu_now(), t0 = now();
  t.result = kanten::match(m, o);
  const double t1 = now(), c1 = cpu_now();
  t.search_cpu = c_search_end - c0;
  t.solve_cpu = c_solve_end - c_solve_start;
  t.whole_cpu = c1 - c0;
  t.whole = t1 - t0;
  t.search = t_search_end - t0;
  t.gather = t_solve_start - t_search_end;
  t.solve = t_solve_end - t_solve_start;
  t.rest = t1 - t_solve_end;
  return t;
}

/// The exact match of a market at a thread count, run once in this process (the reference of
/// every bound; its time is that one run's).
const Timed& exact_match(int size, std::int32_t threads) {
  static std::map<std::pair<int, std::int32_t>, Timed> cache;
  auto it = cache.find({size, threads});
  if (it == cache.end()) it = cache.emplace(std::pair{size, threads}, timed_match(market(size), threads, 0)).first;
  return it->second;
}

void BM_match(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  const auto threads = static_cast<std::int32_t>(state.range(1));
  const auto bound = static_cast<std::int32_t>(state.range(2));
  const kanten::Market& m = market(size);
  double search = 1e30, gather = 1e30, solve = 1e30, rest = 1e30, whole = 1e30, cands = 1e30, exact = 1e30;
  double search_cpu = 1e30, solve_cpu = 1e30, whole_cpu = 1e30;
  double score_ratio = 1, matched_ratio = 1;
  std::size_t edges = 0;
  for (auto _ : state) {
    const Timed t = timed_match(m, threads, bound);
    state.SetIterationTime(t.whole);
    search = std::min(search, t.search), gather = std::min(gather, t.gather), solve = std::min(solve, t.solve);
    rest = std::min(rest, t.rest), whole = std::min(whole, t.whole);
    search_cpu = std::min(search_cpu, t.search_cpu), solve_cpu = std::min(solve_cpu, t.solve_cpu);
    whole_cpu = std::min(whole_cpu, t.whole_cpu);
    edges = t.result.candidates;
    const double c0 = now();
    const auto c = kanten::candidates(m, kanten::default_weights(), threads);
    cands = std::min(cands, now() - c0);
    benchmark::DoNotOptimize(c.data());
    if (bound > 0) {
      const Timed& e = exact_match(size, threads);
      exact = std::min(exact, e.whole);
      score_ratio = static_cast<double>(t.result.total_score) / static_cast<double>(e.result.total_score);
      matched_ratio = static_cast<double>(t.result.matches.size()) / static_cast<double>(e.result.matches.size());
      state.counters["exact_score"] = static_cast<double>(e.result.total_score);
      state.counters["exact_matched"] = static_cast<double>(e.result.matches.size());
    }
    state.counters["score"] = static_cast<double>(t.result.total_score);
    state.counters["matched"] = static_cast<double>(t.result.matches.size());
  }
  state.counters["search_s"] = search;
  state.counters["gather_s"] = gather;
  state.counters["solve_s"] = solve;
  state.counters["rest_s"] = rest;
  state.counters["match_s"] = whole;
  state.counters["cands_s"] = cands;
  state.counters["search_cpu"] = search_cpu;
  state.counters["solve_cpu"] = solve_cpu;
  state.counters["match_cpu"] = whole_cpu;
  state.counters["edges"] = static_cast<double>(edges);
  if (bound > 0) {
    state.counters["exact_s"] = exact;
    state.counters["speedup"] = exact / whole;
    state.counters["score_ratio"] = score_ratio;
    state.counters["matched_ratio"] = matched_ratio;
  }
  state.SetLabel(k_market_sizes[size].name);
}

/// candidates() alone, one thread: the candidate search's CPU time (less disturbed by the other
/// work of a shared machine than the wall time).
void BM_candidates(benchmark::State& state) {
  const kanten::Market& m = market(static_cast<int>(state.range(0)));
  std::size_t n = 0;
  for (auto _ : state) {
    const auto c = kanten::candidates(m, kanten::default_weights(), 1);
    n = c.size();
  }
  state.counters["pairs"] = static_cast<double>(n);
  state.SetLabel(k_market_sizes[state.range(0)].name);
}

}  // namespace

BENCHMARK(BM_candidates)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->MeasureProcessCPUTime();
BENCHMARK(BM_match)
    ->ArgsProduct({{0, 1}, {1, 2}, {0, 10, 20, 30, 40, 60}})
    ->ArgNames({"market", "threads", "bound"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5);
BENCHMARK(BM_match)
    ->ArgsProduct({{2}, {1, 2}, {0, 10, 20, 30, 40, 60}})
    ->ArgNames({"market", "threads", "bound"})
    ->UseManualTime()
    ->Unit(benchmark::kMillisecond)
    ->Iterations(2);

BENCHMARK_MAIN();
