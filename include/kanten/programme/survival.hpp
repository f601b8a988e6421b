// kanten/programme/survival.hpp — survival analysis of a programme's observations: pointwise
// confidence limits, the log-rank test between groups, and the cumulative incidence of competing
// exits (Aalen–Johansen).
//
// The Kaplan–Meier curve itself, with Greenwood's standard error and these limits, is
// kaplan_meier() in kanten/programme/programme.hpp; the observations come from observations() and
// observation_table() there. The sources (003_b82c162ee9c6e810.txt, Evaluering) ask for effects
// but define no method: the estimators are the textbook ones, computed as statsmodels'
// statsmodels.duration.survfunc computes them (SurvfuncRight, survdiff, CumIncidenceRight), and
// stated in docs/programme.md ("Confidence limits", "The log-rank test", "Cumulative incidence").
//
// All functions are pure and thread-safe.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/programme/programme.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace kanten::inline v1 {

/// Two-sided pointwise confidence limits of a probability.
struct ConfidenceLimits {
  double lower = 0.0;  ///< the lower limit
  double upper = 1.0;  ///< the upper limit
  friend bool operator==(const ConfidenceLimits&, const ConfidenceLimits&) = default;
};

/// z, the standard normal quantile 1 − alpha/2 (1.959964… for alpha 0.05), from Boost.Math.
/// Throws kanten::Error naming `alpha` when it is not strictly between 0 and 1.
[[nodiscard]] KANTEN_EXPORT double normal_critical_value(double alpha);

/// The limits of a probability p with standard error se on the log(−log) scale: with
/// c = z·se / (p·|ln p|), lower = p^exp(c) and upper = p^exp(−c), always within [0, 1].
/// p = 1 or se = 0 gives {p, p}; p = 0 gives {0, 0}; an se that is NaN gives NaN limits.
/// Example: `auto ci = kanten::loglog_limits(0.8, 0.05, kanten::normal_critical_value(0.05));`
[[nodiscard]] KANTEN_EXPORT ConfidenceLimits loglog_limits(double p, double std_err, double z) noexcept;

// ---------------------------------------------------------------------------------------------
// The log-rank test
// ---------------------------------------------------------------------------------------------

/// One group of a log-rank test.
struct LogRankGroup {
  std::size_t subjects = 0;  ///< observations in the group
  std::size_t observed = 0;  ///< events in the group (O)
  double expected = 0.0;     ///< events expected under equal hazards (E): Σ events · at_risk_in_group / at_risk
  double variance = 0.0;     ///< the variance of O − E (the diagonal of the covariance matrix)
};

/// The log-rank test of equal survival in k ≥ 2 groups.
struct LogRankTest {
  double statistic = 0.0;           ///< (O − E)ᵀ V⁻¹ (O − E) over the groups but the first
  std::int32_t df = 0;              ///< degrees of freedom: k − 1
  double p_value = 1.0;             ///< P(χ²(df) ≥ statistic), from Boost.Math's chi_squared
  std::vector<LogRankGroup> groups; ///< one per group, in group order
};

/// The log-rank test (no weights) between `groups` groups: `group[i]` (0 to groups − 1) is the
/// group of `observations[i]`. Throws kanten::Error naming the field when the spans differ in
/// size, when there are fewer than two groups, a group index is out of range, a group has no
/// observations, a time is negative, or the covariance matrix is singular (no events, or a group
/// with nobody at risk at any event time: the test is undefined).
/// Example: `auto t = kanten::logrank(obs, group_of_each, 2); t.p_value;`
[[nodiscard]] KANTEN_EXPORT LogRankTest logrank(std::span<const Observation> observations,
                                                std::span<const std::size_t> group, std::size_t groups);

// ---------------------------------------------------------------------------------------------
// Cumulative incidence of competing causes (Aalen–Johansen)
// ---------------------------------------------------------------------------------------------

/// One subject with competing causes: a time and the cause that ended it (0: censored).
struct CompetingObservation {
  std::int32_t days = 0;    ///< time from the origin, in days (≥ 0)
  std::uint32_t cause = 0;  ///< 0: censored at `days`; 1 to causes: the cause of the event at `days`
  friend bool operator==(const CompetingObservation&, const CompetingObservation&) = default;
};

/// One time of a cause's cumulative incidence function.
struct IncidenceStep {
  std::int32_t days = 0;     ///< the time, in days
  std::size_t at_risk = 0;   ///< subjects whose time is ≥ days
  std::size_t events = 0;    ///< events of this cause at this time
  double cif = 0.0;          ///< P(T ≤ days and the cause is this one), just after this time
  double std_err = 0.0;      ///< its standard error (the delta method; NaN once nobody is left at risk)
  double lower = 0.0;        ///< the lower pointwise confidence limit, log(−log) transform
  double upper = 0.0;        ///< the upper pointwise confidence limit
};

/// The cumulative incidence functions of every cause.
struct CumulativeIncidence {
  std::size_t subjects = 0;                      ///< observations
  std::size_t censored = 0;                      ///< of them censored
  std::vector<std::vector<IncidenceStep>> causes;  ///< causes[k − 1] is cause k's: one step per distinct time (of any subject), ascending
};

/// The Aalen–Johansen estimate of the cumulative incidence of `causes` competing causes, with
/// its standard error and 1 − alpha confidence limits. Throws kanten::Error naming the field
/// when `causes` is 0, a cause is above `causes`, a time is negative, or alpha is not strictly
/// between 0 and 1.
/// Example: `auto ci = kanten::cumulative_incidence(std::vector<kanten::CompetingObservation>{{3, 1}, {5, 2}, {6, 0}}, 2);`
[[nodiscard]] KANTEN_EXPORT CumulativeIncidence cumulative_incidence(std::span<const CompetingObservation> observations,
                                                                     std::size_t causes, double alpha = 0.05);

/// The exits in model order: cause k of a caseload's cumulative incidence is exit_causes()[k − 1].
[[nodiscard]] KANTEN_EXPORT std::vector<Step> exit_causes();

/// The cumulative incidence of the exits of a caseload, from entry (days), censored at as_of:
/// causes[k] is the exit exit_causes()[k]. Throws for an invalid as_of or alpha.
/// Example: `auto ci = kanten::cumulative_incidence(load, {.as_of = kanten::Date(2020, 12, 31)});`
[[nodiscard]] KANTEN_EXPORT CumulativeIncidence cumulative_incidence(const Caseload& load, const ProgrammeOptions& opts,
                                                                     double alpha = 0.05);

}  // namespace kanten::inline v1
