// kanten/match/caseload.hpp — matching the caseload that is: which citizens of an evaluated
// caseload get proposals, and a match for exactly them.
//
// Company matching belongs to Trin 2, "På vej mod job" (004_3897fdd271fa8a38.txt, Trin 2: "Formålet
// med det andet trin er, at borgeren kommer ud på en virksomhed"; Kerneelement 6: the individual
// job match "starter derfor her"). Trin 3 is the company course that follows a match, and a
// citizen who has left the model (self-support, 30 ordinary hours, the rehabilitation team) is no
// longer matched: decision "Matching proposes for the caseload in Trin 2" (docs/decisions.md).
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/match/matching.hpp"
#include "kanten/rules/evaluate.hpp"
#include "kanten/rules/model.hpp"

#include <array>
#include <span>
#include <string>
#include <vector>

namespace kanten::inline v1 {

/// The steps whose citizens are matched by default: Trin 2, På vej mod job (004, Trin 2, KE6).
inline constexpr std::array<Step, 1> default_match_steps{Step::trin2_paa_vej_mod_job};

/// The citizen ids of the evaluations whose step (as of their date) is one of `steps`, in the
/// evaluations' order. Example: `citizens_in_steps(kanten::evaluate_all(load, {.as_of = d}))`
/// gives the caseload in Trin 2.
[[nodiscard]] KANTEN_EXPORT std::vector<std::string> citizens_in_steps(
    std::span<const Evaluation> evaluations, std::span<const Step> steps = default_match_steps);

/// Proposes for the citizens of `evaluations` in `steps` (opts.citizens must be unset: the
/// evaluations choose; else kanten::Error naming "citizens"). A citizen of the caseload that the
/// market does not hold gets no proposal and is listed in MatchResult::not_in_market, in the
/// evaluations' order; every other option is match()'s.
[[nodiscard]] KANTEN_EXPORT MatchResult match_caseload(const Market& m, std::span<const Evaluation> evaluations,
                                                       MatchOptions opts = {},
                                                       std::span<const Step> steps = default_match_steps);

}  // namespace kanten::inline v1
