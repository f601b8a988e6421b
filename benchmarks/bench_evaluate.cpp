// kanten — the speed of evaluate() on a generated caseload, against the floor of reading it.
//
// Issue 2, "Speed": evaluate a generated caseload of 100,000 citizens with two years of events
// each; report events per second and, in the same run, the time of merely reading the same
// input bytes once — the floor no evaluation can beat. Target: the whole caseload in under
// 0.5 s on one core, within 20× of the floor.
//
// The caseloads are generated once per size (kanten::generate_caseload, default options but the
// number of citizens), outside any timing, and evaluated as of the record's last day
// (2020-12-31), so every event is considered.
//
//   BM_ReadFloor/N          one pass that reads every byte of every case: the Case object, the
//                           event array, and every string, vector and agreement terms the events
//                           point to (a checksum, kept alive with DoNotOptimize).
//   BM_EvaluateCaseload/N   evaluate() every case on one thread; items = events, so
//                           items_per_second is events/s. Counters: citizens, events.
//   BM_RatioToFloor/N       times both passes itself in each iteration, since Google Benchmark
//                           cannot relate two benchmarks; the fastest pass of each counts.
//                           Counters: floor_ms, evaluate_ms and ratio_to_floor in CPU time
//                           (std::clock: robust on a shared machine), and the same in wall time
//                           (floor_wall_ms, evaluate_wall_ms, ratio_to_floor_wall). The manual
//                           time of an iteration is the evaluation's wall time.
#include <benchmark/benchmark.h>

#include <kanten/rules/evaluate.hpp>
#include <kanten/synth/generate.hpp>

#include "bench_caseload.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <ctime>
#include <limits>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

using kanten_bench::caseload;
using kanten_bench::cpu_seconds;
using kanten_bench::kAsOf;

std::size_t event_count(const kanten::Caseload& load) {
  std::size_t n = 0;
  for (const auto& c : load.cases) n += c.events.size();
  return n;
}

/// Sums `n` bytes from `p`, eight at a time.
std::uint64_t sum_bytes(const void* p, std::size_t n) noexcept {
  const auto* b = static_cast<const unsigned char*>(p);
  std::uint64_t s = 0;
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, b + i, 8);
    s += w;
  }
  for (; i < n; ++i) s += b[i];
  return s;
}

std::uint64_t sum_string(const std::string& s) noexcept { return sum_bytes(s.data(), s.size()); }

std::uint64_t sum_strings(const std::vector<std::string>& v) noexcept {
  std::uint64_t s = sum_bytes(v.data(), v.size() * sizeof(std::string));
  for (const auto& x : v) s += sum_string(x);
  return s;
}

/// The bytes an event points to outside the event array (strings, vectors, agreement terms).
std::uint64_t sum_pointed_to(const kanten::Event& e) noexcept {
  using K = kanten::EventKind;
  const auto& d = e.data;
  switch (e.kind()) {
    case K::jobformidler_assigned: return sum_string(std::get_if<kanten::JobformidlerAssigned>(&d)->jobformidler);
    case K::job_direction_set: return sum_strings(std::get_if<kanten::JobDirectionSet>(&d)->wishes);
    case K::agreement: {
      const auto& t = std::get_if<kanten::AgreementMade>(&d)->terms;
      if (!t) return 0;
      return sum_string(t->company) + sum_strings(t->tasks) + sum_strings(t->sub_goals) +
             sum_bytes(t->health.data(), t->health.size());
    }
    case K::contact_person: return sum_string(std::get_if<kanten::ContactPersonAssigned>(&d)->company);
    case K::sanction_failure: return sum_string(std::get_if<kanten::SanctionFailure>(&d)->failure_id);
    case K::reasonable_cause: {
      const auto* r = std::get_if<kanten::ReasonableCause>(&d);
      return sum_string(r->failure_id) + sum_string(r->text);
    }
    case K::vulnerability_assessed: return sum_string(std::get_if<kanten::VulnerabilityAssessed>(&d)->failure_id);
    case K::concrete_assessment: {
      const auto* a = std::get_if<kanten::ConcreteAssessment>(&d);
      return sum_string(a->failure_id) + sum_string(a->text);
    }
    case K::hearing_sent: return sum_string(std::get_if<kanten::HearingSent>(&d)->failure_id);
    case K::hearing_answered: return sum_string(std::get_if<kanten::HearingAnswered>(&d)->failure_id);
    case K::personal_contact_attempt: return sum_string(std::get_if<kanten::PersonalContactAttempt>(&d)->failure_id);
    default: return 0;  // no pointers: the event's bytes are all in the array
  }
}

/// The floor: read every input byte once.
std::uint64_t read_floor(const kanten::Caseload& load) noexcept {
  std::uint64_t s = 0;
  for (const auto& c : load.cases) {
    s += sum_bytes(&c, sizeof c) + sum_string(c.citizen);
    s += sum_bytes(c.events.data(), c.events.size() * sizeof(kanten::Event));
    for (const auto& e : c.events) s += sum_pointed_to(e);
  }
  return s;
}

/// One evaluation pass over the caseload on this thread.
void evaluate_pass(const kanten::Caseload& load) {
  const kanten::EvaluateOptions opts{.as_of = kAsOf};
  for (const auto& c : load.cases) {
    kanten::Evaluation r = kanten::evaluate(c, opts);
    benchmark::DoNotOptimize(r);
  }
}

void set_size_counters(benchmark::State& state, const kanten::Caseload& load, std::size_t events) {
  state.counters["citizens"] = static_cast<double>(load.cases.size());
  state.counters["events"] = static_cast<double>(events);
  state.counters["events_per_citizen"] =
      load.cases.empty() ? 0.0 : static_cast<double>(events) / static_cast<double>(load.cases.size());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(events));
}

void BM_ReadFloor(benchmark::State& state) {
  const auto& load = caseload(static_cast<std::size_t>(state.range(0)));
  const std::size_t events = event_count(load);
  for (auto _ : state) {
    std::uint64_t s = read_floor(load);
    benchmark::DoNotOptimize(s);
  }
  set_size_counters(state, load, events);
}

void BM_EvaluateCaseload(benchmark::State& state) {
  const auto& load = caseload(static_cast<std::size_t>(state.range(0)));
  const std::size_t events = event_count(load);
  for (auto _ : state) evaluate_pass(load);
  set_size_counters(state, load, events);
}

void BM_RatioToFloor(benchmark::State& state) {
  const auto& load = caseload(static_cast<std::size_t>(state.range(0)));
  const std::size_t events = event_count(load);
  constexpr double inf = std::numeric_limits<double>::infinity();
  double floor_cpu = inf, eval_cpu = inf, floor_wall = inf, eval_wall = inf;
  for (auto _ : state) {
    const auto w0 = Clock::now();
    const std::clock_t c0 = std::clock();
    std::uint64_t s = read_floor(load);
    benchmark::DoNotOptimize(s);
    const std::clock_t c1 = std::clock();
    const auto w1 = Clock::now();
    evaluate_pass(load);
    const std::clock_t c2 = std::clock();
    const auto w2 = Clock::now();
    floor_cpu = std::min(floor_cpu, cpu_seconds(c0, c1));
    eval_cpu = std::min(eval_cpu, cpu_seconds(c1, c2));
    const double eval_s = std::chrono::duration<double>(w2 - w1).count();
    floor_wall = std::min(floor_wall, std::chrono::duration<double>(w1 - w0).count());
    eval_wall = std::min(eval_wall, eval_s);
    state.SetIterationTime(eval_s);
  }
  set_size_counters(state, load, events);
  state.counters["floor_ms"] = floor_cpu * 1e3;
  state.counters["evaluate_ms"] = eval_cpu * 1e3;
  state.counters["ratio_to_floor"] = floor_cpu > 0 ? eval_cpu / floor_cpu : 0.0;
  state.counters["floor_wall_ms"] = floor_wall * 1e3;
  state.counters["evaluate_wall_ms"] = eval_wall * 1e3;
  state.counters["ratio_to_floor_wall"] = floor_wall > 0 ? eval_wall / floor_wall : 0.0;
}

}  // namespace

BENCHMARK(BM_ReadFloor)->Arg(850)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EvaluateCaseload)->Arg(850)->Arg(100'000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_RatioToFloor)->Arg(850)->Arg(100'000)->UseManualTime()->Iterations(5)->Unit(benchmark::kMillisecond);
