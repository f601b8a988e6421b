// kanten benchmarks — what the evaluation benchmarks share: the generated caseloads and CPU time.
#pragma once

#include <kanten/synth/generate.hpp>

#include <cstddef>
#include <ctime>
#include <map>

namespace kanten_bench {

/// The last day of the default two-year record: evaluated as of it, every event is considered.
inline const kanten::Date kAsOf(2020, 12, 31);

/// The generated caseload with `citizens` citizens (default generator options otherwise), made on
/// first use outside any timing and kept for the run.
inline const kanten::Caseload& caseload(std::size_t citizens) {
  static std::map<std::size_t, kanten::Caseload> cache;
  auto it = cache.find(citizens);
  if (it == cache.end()) {
    kanten::GeneratorOptions o;
    o.citizens = citizens;
    it = cache.emplace(citizens, kanten::generate_caseload(o)).first;
  }
  return it->second;
}

/// Process CPU seconds between two std::clock() readings (robust on a shared machine).
inline double cpu_seconds(std::clock_t a, std::clock_t b) { return static_cast<double>(b - a) / CLOCKS_PER_SEC; }

}  // namespace kanten_bench
