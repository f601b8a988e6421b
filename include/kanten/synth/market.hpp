// kanten — a synthetic labour market: citizens, companies and tasks placed around real towns.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/core/progress.hpp"
#include "kanten/match/matching.hpp"
#include "kanten/synth/generate.hpp"

#include <cstdint>
#include <string_view>

namespace kanten::inline v1 {

/// Where a generated market lies.
#define KANTEN_REGION_LIST(X)                                                                      \
  X(lolland_falster, "lolland_falster") /* the towns of Lolland and Falster (seed 003) */          \
  X(denmark, "denmark")                 /* the larger towns of all Denmark (regional and national sizes) */
KANTEN_VOCABULARY(Region, std::uint8_t, KANTEN_REGION_LIST)

/// Parameters of a generated market; the numbers beside the source's are assumptions.
struct MarketOptions {
  std::size_t citizens = 850;             ///< seed 003: 850 citizens; ids "c-000001"… as in generate_caseload
  std::size_t companies = 400;            ///< seed 003: 400 companies
  std::uint64_t seed = 2018;              ///< PRNG seed
  Region region = Region::lolland_falster;  ///< where citizens and companies are placed
  double tasks_per_company = 2.5;         ///< assumption: tasks identified per company (003: "fra stillinger til opgaver")
  std::int32_t travel_m = 20'000;         ///< assumption: typical reach, metres (each citizen varies around it)
  Progress progress{};                    ///< optional: stages "companies" and "citizens" (generated of all)
};

/// Generates citizens, companies and tasks placed plausibly around real towns; deterministic.
/// Bounds (kanten::Error invalid_argument naming the field otherwise): citizens and companies 0 to
/// max_generated (1,000,000), tasks_per_company above 0 and at most 100, travel_m 0 to 1,000,000.
[[nodiscard]] KANTEN_EXPORT Market generate_market(const MarketOptions& opts = {});

}  // namespace kanten::inline v1
