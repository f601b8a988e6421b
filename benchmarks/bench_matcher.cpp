// kanten — the persistent matcher index (issue 14, part 2, "Answers in a page view"): one query
// of kanten::Matcher — a citizen's best tasks, a task's best citizens, explained, k = 10 — at
// national size (generate_market: 100,000 citizens, 20,000 companies, region denmark, 20 km
// travel). Target: p50 under 0.5 ms and p99 under 5 ms per query.
//
// BM_matcher/<size> builds the market once (not timed) and the index once per run:
//   build_s                      — Matcher(market): the index, once;
//   tasks_p50_ms, _p99_ms, _max_ms    — 2,000 top_tasks(random citizen, 10, 1, explain), each timed alone;
//   citizens_p50_ms, _p99_ms, _max_ms — 2,000 top_citizens(random task, 10, explain), each timed alone;
//   tasks_cpu_p99_ms, citizens_cpu_p99_ms — the same p99 in the thread's CPU time (the wall
//                      time of a query includes the time the shared machine gave another process);
// and, as the same run's baseline, the way the free functions answered before the index:
//   old_tasks_ms     — top_tasks through a one-citizen market's top-k proposal (candidate
//                      generation over every task; the median of 5 citizens);
//   old_citizens_ms  — candidates() of the whole market, the bulk of top_citizens before the
//                      index (1 call; at national size only with --old-citizens: it takes seconds);
//   free_tasks_ms, free_citizens_ms — the free kanten::top_tasks / top_citizens as they are now
//                      (one scan of the market; the median of 5 calls);
//   old_over_index   — old_tasks_ms / tasks_p50_ms; free_over_index likewise for top_citizens.
// Not a test: it times and never asserts. Run e.g.
//   build/jsonout-rel/benchmarks/kanten_bench_matcher --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "kanten/match/index.hpp"
#include "kanten/match/matching.hpp"
#include "kanten/synth/market.hpp"
#include "markets.hpp"

namespace {

using kanten_bench::k_market_sizes;

bool g_old_citizens = false;  // --old-citizens: time candidates() of the whole market once

const kanten::Market& market(int size) { return kanten_bench::cached_market(k_market_sizes[size]); }
double now() { return kanten_bench::wall_seconds(); }
/// A query's own CPU seconds (the calling thread's).
double cpu_now() { return kanten_bench::thread_cpu_seconds(); }

/// The q-quantile of `v` (sorted in place), by the nearest rank.
double quantile(std::vector<double>& v, double q) {
  std::sort(v.begin(), v.end());
  const auto i = static_cast<std::size_t>(std::min<double>(static_cast<double>(v.size()) - 1, q * static_cast<double>(v.size())));
  return v[i];
}

/// top_tasks as the free function computed it before the index: candidate generation over a
/// one-citizen market (copying the companies and tasks).
std::vector<kanten::Match> old_top_tasks(const kanten::Market& m, std::int32_t ci) {
  kanten::Market one;
  one.citizens = {m.citizens[static_cast<std::size_t>(ci)]};
  one.companies = m.companies;
  one.tasks = m.tasks;
  kanten::MatchOptions o;
  o.mode = kanten::MatchMode::top_k;
  o.k = 10;
  o.per_company = 1;
  return kanten::match(one, o).matches;
}

void BM_matcher(benchmark::State& state) {
  const int size = static_cast<int>(state.range(0));
  const kanten::Market& m = market(size);
  state.SetLabel(k_market_sizes[size].name);
  constexpr int queries = 2'000;
  for (auto _ : state) {
    double t = now();
    const kanten::Matcher index(m);
    state.counters["build_s"] = now() - t;

    std::mt19937_64 rng(2026);
    std::vector<double> tasks_ms, citizens_ms, tasks_cpu, citizens_cpu;
    std::size_t found = 0;
    for (int q = 0; q < queries; ++q) {
      const std::string& id = m.citizens[rng() % m.citizens.size()].id;
      t = now();
      const double c = cpu_now();
      const auto r = index.top_tasks(id, 10, 1, true);
      tasks_cpu.push_back((cpu_now() - c) * 1e3);
      tasks_ms.push_back((now() - t) * 1e3);
      found += r.size();
      benchmark::DoNotOptimize(r.data());
    }
    for (int q = 0; q < queries; ++q) {
      const std::string& id = m.tasks[rng() % m.tasks.size()].id;
      t = now();
      const double c = cpu_now();
      const auto r = index.top_citizens(id, 10, true);
      citizens_cpu.push_back((cpu_now() - c) * 1e3);
      citizens_ms.push_back((now() - t) * 1e3);
      found += r.size();
      benchmark::DoNotOptimize(r.data());
    }
    state.counters["tasks_cpu_p99_ms"] = quantile(tasks_cpu, 0.99);
    state.counters["citizens_cpu_p99_ms"] = quantile(citizens_cpu, 0.99);
    state.counters["matches_per_query"] = static_cast<double>(found) / (2.0 * queries);
    const double tasks_p50 = quantile(tasks_ms, 0.5), citizens_p50 = quantile(citizens_ms, 0.5);
    state.counters["tasks_p50_ms"] = tasks_p50;
    state.counters["tasks_p99_ms"] = quantile(tasks_ms, 0.99);
    state.counters["tasks_max_ms"] = tasks_ms.back();
    state.counters["citizens_p50_ms"] = citizens_p50;
    state.counters["citizens_p99_ms"] = quantile(citizens_ms, 0.99);
    state.counters["citizens_max_ms"] = citizens_ms.back();

    // The same run's baselines: a few calls each.
    std::vector<double> old_ms, free_tasks, free_citizens;
    for (int q = 0; q < 5; ++q) {
      const auto ci = static_cast<std::int32_t>(rng() % m.citizens.size());
      const auto ti = static_cast<std::int32_t>(rng() % m.tasks.size());
      t = now();
      benchmark::DoNotOptimize(old_top_tasks(m, ci).data());
      old_ms.push_back((now() - t) * 1e3);
      t = now();
      benchmark::DoNotOptimize(kanten::top_tasks(m, ci, 10, 1).data());
      free_tasks.push_back((now() - t) * 1e3);
      t = now();
      benchmark::DoNotOptimize(kanten::top_citizens(m, ti, 10).data());
      free_citizens.push_back((now() - t) * 1e3);
    }
    state.counters["old_tasks_ms"] = quantile(old_ms, 0.5);
    state.counters["free_tasks_ms"] = quantile(free_tasks, 0.5);
    state.counters["free_citizens_ms"] = quantile(free_citizens, 0.5);
    state.counters["old_over_index"] = quantile(old_ms, 0.5) / tasks_p50;
    state.counters["free_over_index"] = quantile(free_citizens, 0.5) / citizens_p50;
    if (g_old_citizens || size < 2) {
      t = now();
      benchmark::DoNotOptimize(kanten::candidates(m).data());
      state.counters["old_citizens_ms"] = (now() - t) * 1e3;
    }
  }
}
BENCHMARK(BM_matcher)->DenseRange(0, 2)->Iterations(1)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) {
  std::vector<char*> args;
  for (int i = 0; i < argc; ++i) {
    if (std::strcmp(argv[i], "--old-citizens") == 0)
      g_old_citizens = true;
    else
      args.push_back(argv[i]);
  }
  int n = static_cast<int>(args.size());
  benchmark::Initialize(&n, args.data());
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
