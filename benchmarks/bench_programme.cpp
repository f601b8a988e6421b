// kanten — the programme figures of a generated caseload, against evaluate_all() of the same.
//
// programme_figures() evaluates every case once and then reads the figures off the evaluations
// and the applied events; the baseline in the same run is evaluate_all() alone, so the ratio is
// the price of the figures themselves. Target: within 1.5× of evaluate_all().
//
//   BM_EvaluateAll/N        evaluate_all() as of 2020-12-31 (the record's last day).
//   BM_ProgrammeFigures/N   programme_figures() as of the same date.
//   BM_PersonMonths/N       person_months() as of the same date.
//   BM_FiguresOverEvaluate/N  both in each iteration; counters evaluate_ms, figures_ms and
//                           figures_over_evaluate (CPU time, the fastest pass of each).
#include <benchmark/benchmark.h>

#include <kanten/rules/evaluate.hpp>
#include <kanten/synth/generate.hpp>
#include <kanten/programme/programme.hpp>

#include "bench_caseload.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <limits>

namespace {

using kanten_bench::caseload;
using kanten_bench::cpu_seconds;
using kanten_bench::kAsOf;

void BM_EvaluateAll(benchmark::State& state) {
  const auto& load = caseload(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(kanten::evaluate_all(load, {.as_of = kAsOf}));
  state.counters["citizens"] = static_cast<double>(load.cases.size());
}

void BM_ProgrammeFigures(benchmark::State& state) {
  const auto& load = caseload(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(kanten::programme_figures(load, {.as_of = kAsOf}));
  state.counters["citizens"] = static_cast<double>(load.cases.size());
}

void BM_PersonMonths(benchmark::State& state) {
  const auto& load = caseload(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) benchmark::DoNotOptimize(kanten::person_months(load, {.as_of = kAsOf}));
  state.counters["citizens"] = static_cast<double>(load.cases.size());
}

void BM_FiguresOverEvaluate(benchmark::State& state) {
  const auto& load = caseload(static_cast<std::size_t>(state.range(0)));
  double eval_cpu = std::numeric_limits<double>::infinity(), figures_cpu = eval_cpu;
  for (auto _ : state) {
    const std::clock_t c0 = std::clock();
    benchmark::DoNotOptimize(kanten::evaluate_all(load, {.as_of = kAsOf}));
    const std::clock_t c1 = std::clock();
    benchmark::DoNotOptimize(kanten::programme_figures(load, {.as_of = kAsOf}));
    const std::clock_t c2 = std::clock();
    eval_cpu = std::min(eval_cpu, cpu_seconds(c0, c1));
    figures_cpu = std::min(figures_cpu, cpu_seconds(c1, c2));
  }
  state.counters["evaluate_ms"] = eval_cpu * 1e3;
  state.counters["figures_ms"] = figures_cpu * 1e3;
  state.counters["figures_over_evaluate"] = eval_cpu > 0 ? figures_cpu / eval_cpu : 0.0;
}

}  // namespace

BENCHMARK(BM_EvaluateAll)->Arg(850)->Arg(20'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ProgrammeFigures)->Arg(850)->Arg(20'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_PersonMonths)->Arg(850)->Arg(20'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_FiguresOverEvaluate)->Arg(850)->Arg(20'000)->Iterations(5)->Unit(benchmark::kMillisecond);
