// kanten — what the matching benchmarks share: the generated markets at the three sizes (built
// once per process) and the clocks they read. Header-only; included by one benchmark program each.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <ctime>
#include <map>

#include "kanten/synth/market.hpp"

namespace kanten_bench {

/// A generated market: its label, size, region and reach (the generator's default reach unless given).
struct MarketSpec {
  const char* name;
  std::size_t citizens, companies;
  kanten::Region region;
  std::int32_t travel_m = kanten::MarketOptions{}.travel_m;
};

/// The municipality (seed 003's Lolland-Falster), a region and the national market, at the
/// library's default reach.
inline const MarketSpec k_market_sizes[] = {
    {"municipality 850x400", 850, 400, kanten::Region::lolland_falster},
    {"region 10k x 2k", 10'000, 2'000, kanten::Region::denmark},
    {"national 100k x 20k", 100'000, 20'000, kanten::Region::denmark},
};

/// The market of `spec` (the generator's default seed), generated on first use and kept.
inline const kanten::Market& cached_market(const MarketSpec& spec) {
  static std::map<const MarketSpec*, kanten::Market> cache;
  auto it = cache.find(&spec);
  if (it == cache.end()) {
    kanten::MarketOptions o;
    o.citizens = spec.citizens;
    o.companies = spec.companies;
    o.region = spec.region;
    o.travel_m = spec.travel_m;
    it = cache.emplace(&spec, kanten::generate_market(o)).first;
  }
  return it->second;
}

/// Wall seconds on a steady clock.
inline double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}
/// CPU seconds of the calling thread: its own work, without the time another process held the
/// core (the machine is shared).
inline double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}
/// CPU seconds of the whole process (every thread).
inline double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

}  // namespace kanten_bench
