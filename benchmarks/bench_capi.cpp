// kanten — one evaluation through the C ABI against the same call in C++ (issue 4, "Speed":
// target within 10 %).
//
// The case is a typical generated one: of the default generated caseload (850 citizens, two
// years of events), the case with the median number of events. The C ABI's copy is built from
// the same case (through its JSON), outside any timing; both are evaluated as of 2020-12-31.
//
//   BM_EvaluateCpp           kanten::evaluate(case, {.as_of}) — the C++ call.
//   BM_EvaluateCapi          kanten_evaluate(c, &options, &e) + kanten_evaluation_free(e): the C
//                            call with its argument checks, the handle and its release.
//   BM_CapiOverCpp           both, interleaved in each iteration (many calls each, the fastest
//                            batch of each counts), since Google Benchmark cannot relate two
//                            benchmarks. Counters: cpp_ns and capi_ns per evaluation, and
//                            capi_over_cpp = capi_ns / cpp_ns (target ≤ 1.10).
#include <benchmark/benchmark.h>

#include "kanten.h"

#include <kanten/rules/evaluate.hpp>
#include <kanten/synth/generate.hpp>
#include <kanten/rules/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

const kanten::Date kAsOf(2020, 12, 31);

/// The generated case with the median number of events, made once.
const kanten::Case& typical_case() {
  static const kanten::Case c = [] {
    kanten::Caseload load = kanten::generate_caseload();
    std::vector<const kanten::Case*> by_size;
    for (const auto& x : load.cases) by_size.push_back(&x);
    std::sort(by_size.begin(), by_size.end(),
              [](const kanten::Case* a, const kanten::Case* b) { return a->events.size() < b->events.size(); });
    return *by_size[by_size.size() / 2];
  }();
  return c;
}

/// The same case as a C ABI handle (built through its JSON), made once.
const kanten_case* typical_c_case() {
  static kanten_case* c = [] {
    const std::string json = kanten::to_json(typical_case());
    kanten_case* out = nullptr;
    if (kanten_case_from_json(json.data(), json.size(), &out) != KANTEN_OK) {
      std::fprintf(stderr, "bench_capi: %s\n", kanten_last_error());
      std::abort();
    }
    return out;
  }();
  return c;
}

kanten_evaluate_options c_options() {
  kanten_evaluate_options o = KANTEN_EVALUATE_OPTIONS_INIT;
  o.as_of = {2020, 12, 31};
  return o;
}

void evaluate_cpp() {
  kanten::EvaluateOptions opts;
  opts.as_of = kAsOf;
  kanten::Evaluation e = kanten::evaluate(typical_case(), opts);
  benchmark::DoNotOptimize(e.step);
}

void evaluate_capi(const kanten_evaluate_options& o) {
  kanten_evaluation* e = nullptr;
  if (kanten_evaluate(typical_c_case(), &o, &e) != KANTEN_OK) std::abort();
  benchmark::DoNotOptimize(e);
  kanten_evaluation_free(e);
}

void set_events(benchmark::State& state) {
  state.counters["events"] = static_cast<double>(typical_case().events.size());
}

void BM_EvaluateCpp(benchmark::State& state) {
  for (auto _ : state) evaluate_cpp();
  set_events(state);
}
BENCHMARK(BM_EvaluateCpp);

void BM_EvaluateCapi(benchmark::State& state) {
  const kanten_evaluate_options o = c_options();
  (void)typical_c_case();
  for (auto _ : state) evaluate_capi(o);
  set_events(state);
}
BENCHMARK(BM_EvaluateCapi);

void BM_CapiOverCpp(benchmark::State& state) {
  constexpr int kBatch = 200;
  const kanten_evaluate_options o = c_options();
  (void)typical_c_case();
  double best_cpp = 1e300, best_capi = 1e300;
  for (auto _ : state) {
    auto t0 = Clock::now();
    for (int i = 0; i < kBatch; ++i) evaluate_cpp();
    auto t1 = Clock::now();
    for (int i = 0; i < kBatch; ++i) evaluate_capi(o);
    auto t2 = Clock::now();
    best_cpp = std::min(best_cpp, std::chrono::duration<double, std::nano>(t1 - t0).count() / kBatch);
    best_capi = std::min(best_capi, std::chrono::duration<double, std::nano>(t2 - t1).count() / kBatch);
  }
  state.counters["cpp_ns"] = best_cpp;
  state.counters["capi_ns"] = best_capi;
  state.counters["capi_over_cpp"] = best_capi / best_cpp;
  set_events(state);
}
BENCHMARK(BM_CapiOverCpp)->Iterations(50)->Unit(benchmark::kMillisecond);

}  // namespace
