// The streaming writers (kanten/rules/stream.hpp) on generated evaluations and cases: bytes per
// second of EvaluationWriter and CaseWriter in each format, into a stream that counts and drops
// the bytes (the writer's own cost, not the disk's), beside the whole-document to_json() of the
// same evaluations. Run e.g.
//   build/release/benchmarks/kanten_bench_stream_write --benchmark_counters_tabular=true
#include "bench_caseload.hpp"

#include <kanten/rules/evaluate.hpp>
#include <kanten/rules/json.hpp>
#include <kanten/rules/stream.hpp>

#include <benchmark/benchmark.h>

#include <ostream>
#include <streambuf>
#include <vector>

namespace {

constexpr std::size_t kCitizens = 10'000;

/// Counts the bytes written and keeps none.
class Counter : public std::streambuf {
 public:
  std::size_t bytes = 0;

 protected:
  int_type overflow(int_type c) override {
    if (!traits_type::eq_int_type(c, traits_type::eof())) ++bytes;
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char*, std::streamsize n) override {
    bytes += static_cast<std::size_t>(n);
    return n;
  }
};

const std::vector<kanten::Evaluation>& evaluations() {
  static const std::vector<kanten::Evaluation> es = [] {
    kanten::EvaluateOptions o;
    o.as_of = kanten_bench::kAsOf;
    return kanten::evaluate_all(kanten_bench::caseload(kCitizens), o);
  }();
  return es;
}

void BM_EvaluationWriter(benchmark::State& state, kanten::Format format) {
  const auto& es = evaluations();
  std::size_t bytes = 0;
  for (auto _ : state) {
    Counter counter;
    std::ostream out(&counter);
    kanten::EvaluationWriter w(out, format);
    for (const auto& e : es) w.write(e);
    w.finish();
    bytes += counter.bytes;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(es.size() * state.iterations()));
}
BENCHMARK_CAPTURE(BM_EvaluationWriter, jsonl, kanten::Format::jsonl)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EvaluationWriter, json, kanten::Format::json)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_EvaluationWriter, csv, kanten::Format::csv)->Unit(benchmark::kMillisecond);

/// The whole-document writer of the same evaluations: one string of all of them.
void BM_to_json_whole(benchmark::State& state) {
  const auto& es = evaluations();
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string text = kanten::to_json(es, -1);
    bytes += text.size();
    benchmark::DoNotOptimize(text.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(es.size() * state.iterations()));
}
BENCHMARK(BM_to_json_whole)->Unit(benchmark::kMillisecond);

void BM_CaseWriter(benchmark::State& state, kanten::Format format) {
  const auto& load = kanten_bench::caseload(kCitizens);
  std::size_t bytes = 0;
  for (auto _ : state) {
    Counter counter;
    std::ostream out(&counter);
    kanten::CaseWriter w(out, format);
    for (const auto& c : load.cases) w.write(c);
    w.finish();
    bytes += counter.bytes;
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(bytes));
  state.SetItemsProcessed(static_cast<std::int64_t>(load.cases.size() * state.iterations()));
}
BENCHMARK_CAPTURE(BM_CaseWriter, jsonl, kanten::Format::jsonl)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CaseWriter, csv, kanten::Format::csv)->Unit(benchmark::kMillisecond);

}  // namespace
