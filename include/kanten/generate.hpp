// kanten/generate.hpp — a deterministic synthetic caseload, sized like Lolland-Falster.
//
// The defaults follow seed 003_b82c162ee9c6e810.txt ("Rekruttering fra kanten": 850 citizens,
// about 15 % with paid hours at the midterm evaluation). Everything else about the generated
// citizens is an assumption, named in GeneratorOptions. The same options give the same
// caseload on every platform (kanten's own PRNG, no std distributions).
#pragma once

#include "kanten/events.hpp"
#include "kanten/progress.hpp"

#include <cstdint>

namespace kanten::inline v1 {

/// Parameters of the synthetic caseload; the shares are assumptions unless marked.
struct GeneratorOptions {
  std::size_t citizens = 850;         ///< seed 003: 850 citizens
  std::uint64_t seed = 2018;          ///< PRNG seed
  Date start{2019, 1, 1};             ///< first possible visitation
  int months = 24;                    ///< span of each citizen's record ("two years of events")
  double paid_hours_share = 0.15;     ///< seed 003: about 15 % get paid (ordinary) hours
  double rehabilitation_share = 0.06; ///< assumption: visited to the rehabilitation team in Trin 1
  double agreement_share = 0.55;      ///< assumption: reach an agreement (Trin 3)
  double break_off_share = 0.12;      ///< assumption: of those in Trin 3, break off a course
  double self_support_share = 0.04;   ///< assumption: become self-supporting
  double missed_contact_share = 0.08; ///< assumption: per month, no follow-up contact
  double sanction_share = 0.04;       ///< assumption: a sanction failure is recorded
  double outside_target_share = 0.02; ///< assumption: profile outside the target group
  Progress progress{};                ///< optional: stage "generate" (citizens generated of all)
};

/// Generates a caseload; deterministic for given options. Reports progress through `opts.progress` when set.
[[nodiscard]] Caseload generate_caseload(const GeneratorOptions& opts = {});

}  // namespace kanten::inline v1
