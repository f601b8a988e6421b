// kanten/synth/generate.hpp — a deterministic synthetic caseload, sized like Lolland-Falster.
//
// From the sources: seed 003_b82c162ee9c6e810.txt ("Rekruttering fra kanten") gives the 850
// citizens, the 400 companies and "about 15 %" with paid hours at the midterm evaluation; seed
// 004_3897fdd271fa8a38.txt gives the steps, what each needs, and the 30-hour exit. Everything
// else is an assumption, named in GeneratorOptions (marked there) and at the top of
// src/synth/generate.cpp: the start date and span (the programme ran 2018–2021; the generator takes
// two years from 2019-01-01), the enrolment period (the first three quarters of the span: entries
// from 2019-01-01 to 2020-06-30 by default, evenly spread), every share but paid_hours_share, the
// benefit mix, the pace.
//
// The sample's shape: citizens enter throughout the enrolment period; in Trin 3 each month brings a
// chance of starting paid hours, so citizens start working at different times; then their hours
// grow (towards the 30-hour exit for some), and below the 30-hour track a small job may end and
// start again later; the exits (self-support, 30 hours, rehabilitation team) fall throughout the
// period.
//
// Calibration: the midterm is the end of the span's middle month (the 12th: 2019-12-31 by
// default). The monthly chance of starting paid hours is set from paid_hours_share so that, in
// expectation, that share of the citizens who entered by the midterm have had paid hours by then.
// Measured with programme_figures() (include/kanten/programme/programme.hpp) as of 2019-12-31: with
// the default options 75 of the 560 citizens who entered by then have had paid hours, 13.4 %; over
// seeds 2010–2029 the mean is 14.8 % (12.0–17.4 %). By the end of the period (2020-12-31) 285 of the
// 831 who entered have had them (34 %). tests/test_programme.cpp and tests/test_generate_shapes.cpp
// hold the default sample to 12–18 % at the midterm; the latter also checks the shape above.
//
// A comparison cohort (GeneratorOptions::comparison): the same population and entry pattern under
// ordinary services — no bus trips, no training tracks, and a lower monthly chance of starting paid
// hours (decision "A synthetic comparison cohort" (docs/decisions.md)) — with ids "cmp-000001", …,
// which never collide with a programme cohort's "c-000001", …
//
// Besides the steps, each record holds what a case system records around them: complete
// agreements (KE7) and their renegotiations (KE9: for more ordinary hours, or internship only
// when a small job ends), hearings with their answer deadline and personal contact after it
// (KE5), jobformidler changes, profile changes (KE3), aftercare after self-support, bus trips
// (002) and training tracks (001). Their shares are assumptions, named at the top of
// src/synth/generate.cpp; they are drawn after the steps, so the calibration above holds with them.
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
  double paid_hours_share = 0.15;     ///< seed 003: about 15 % of those who entered have had paid (ordinary) hours at the midterm (in expectation)
  double rehabilitation_share = 0.06; ///< assumption: visited to the rehabilitation team in Trin 1
  double agreement_share = 0.55;      ///< assumption: reach an agreement (Trin 3)
  double break_off_share = 0.12;      ///< assumption: of those in Trin 3, break off a course
  double self_support_share = 0.04;   ///< assumption: become self-supporting
  double missed_contact_share = 0.08; ///< assumption: per month, no follow-up contact
  double sanction_share = 0.04;       ///< assumption: a sanction failure is recorded
  double outside_target_share = 0.02; ///< assumption: profile outside the target group
  bool comparison = false;            ///< a comparison cohort under ordinary services instead (ids "cmp-…"; see above)
  Progress progress{};                ///< optional: stage "generate" (citizens generated of all)
};

/// Generates a caseload; deterministic for given options. Reports progress through `opts.progress` when set.
[[nodiscard]] KANTEN_EXPORT Caseload generate_caseload(const GeneratorOptions& opts = {});

/// The cases of generate_caseload(opts), made one at a time and handed to `sink` in the same order,
/// so that memory does not grow with the number of citizens (e.g. with a CaseWriter as the sink:
/// kanten/rules/stream.hpp). Returns the number of cases. An exception from `sink` stops it.
KANTEN_EXPORT std::size_t generate_cases(const GeneratorOptions& opts, const std::function<void(Case&&)>& sink);

}  // namespace kanten::inline v1
