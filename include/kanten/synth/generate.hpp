// kanten/synth/generate.hpp — a deterministic synthetic caseload, sized like Lolland-Falster.
//
// From the sources: seed 003_b82c162ee9c6e810.txt ("Rekruttering fra kanten") gives the 850
// citizens, the 400 companies and "about 15 %" with paid hours at the midterm evaluation; seed
// 004_3897fdd271fa8a38.txt gives the steps, what each needs, and the 30-hour exit. Everything
// else is an assumption, named in GeneratorOptions (marked there) and at the top of
// src/synth/generate.cpp: the start date and span (the programme ran 2018–2021; the generator takes
// two years from 2019-01-01), every share but paid_hours_share, the benefit mix, the pace.
//
// Calibration, measured with programme_figures() (include/kanten/programme/programme.hpp) as of the
// midterm, the end of the period's 12th month (2019-12-31): with the default options 142 of the
// 831 citizens who entered have had paid hours, 17.1 %; over seeds 2010–2029 the mean is 15.3 %
// (12.8–17.6 %). tests/test_programme.cpp holds the default sample to 12–18 %.
//
// Besides the steps, each record holds what a case system records around them: complete
// agreements (KE7) and renegotiations for more ordinary hours (KE9), hearings with their answer
// deadline and personal contact after it (KE5), jobformidler changes, profile changes (KE3),
// aftercare after self-support, bus trips (002) and training tracks (001). Their shares are
// assumptions, named at the top of src/synth/generate.cpp; they are drawn after the steps, so the
// calibration above holds with them.
//
// The same options give the same caseload on every platform (kanten's own PRNG, no std
// distributions).
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/core/progress.hpp"

#include <cstddef>
#include <cstdint>
#include <functional>

namespace kanten::inline v1 {

/// Parameters of the synthetic caseload; the shares are assumptions unless marked.
/// The most citizens (and, for markets, companies) a generator makes: 1,000,000, the bound of the
/// command line and Python too.
inline constexpr std::size_t max_generated = 1'000'000;

struct GeneratorOptions {
  std::size_t citizens = 850;         ///< seed 003: 850 citizens (at most max_generated)
  std::uint64_t seed = 2018;          ///< PRNG seed (not a source figure)
  Date start{2019, 1, 1};             ///< assumption: first possible visitation
  int months = 24;                    ///< assumption: span of each citizen's record ("two years of events")
  double paid_hours_share = 0.15;     ///< seed 003: about 15 % get paid (ordinary) hours (of all citizens, in expectation)
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
[[nodiscard]] KANTEN_EXPORT Caseload generate_caseload(const GeneratorOptions& opts = {});

/// The cases of generate_caseload(opts), made one at a time and handed to `sink` in the same order,
/// so that memory does not grow with the number of citizens (e.g. with a CaseWriter as the sink:
/// kanten/rules/stream.hpp). Returns the number of cases. An exception from `sink` stops it.
KANTEN_EXPORT std::size_t generate_cases(const GeneratorOptions& opts, const std::function<void(Case&&)>& sink);

}  // namespace kanten::inline v1
