// Survival analysis of a programme's observations (include/kanten/programme/survival.hpp):
// log(−log) confidence limits, the log-rank test, and the Aalen–Johansen cumulative incidence.
//
// Each estimator is computed as statsmodels.duration.survfunc computes it (survdiff without
// weights; CumIncidenceRight without weights), so a notebook that checks kanten against
// statsmodels finds the same numbers; the definitions are in docs/programme.md.
#include "kanten/programme/survival.hpp"

#include "kanten/core/error.hpp"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <stdexcept>
#include <string>

namespace kanten::inline v1 {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

/// A number as an error shows it: the shortest text that reads back as the same double.
std::string number(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

void check_days(std::int32_t days, std::size_t i) {
  if (days < 0)
    throw Error(Errc::invalid_argument, "observations[" + std::to_string(i) + "].days", std::to_string(days),
                "a time must not be negative");
}

/// A square matrix of doubles, row by row.
struct Matrix {
  std::size_t n;
  std::vector<double> cells;
  explicit Matrix(std::size_t size) : n(size), cells(size * size, 0.0) {}
  double& operator()(std::size_t i, std::size_t j) { return cells[i * n + j]; }
  double operator()(std::size_t i, std::size_t j) const { return cells[i * n + j]; }
};

/// uᵀ A⁻¹ u for a symmetric positive semi-definite A, by Cholesky decomposition A = L Lᵀ
/// (then uᵀ A⁻¹ u = |L⁻¹ u|²); nullopt when A is singular: a pivot at most 1e-12 of A's largest
/// diagonal cell, that is zero but for rounding. (Boost 1.74's uBLAS does not build as C++20;
/// the matrices here are (k − 1) × (k − 1) for k groups.)
std::optional<double> quadratic_form_of_inverse(Matrix a, std::vector<double> u) {
  const std::size_t n = a.n;
  double scale = 0.0;
  for (std::size_t i = 0; i < n; ++i) scale = std::max(scale, a(i, i));
  for (std::size_t j = 0; j < n; ++j) {
    double pivot = a(j, j);
    for (std::size_t k = 0; k < j; ++k) pivot -= a(j, k) * a(j, k);
    if (!(pivot > 1e-12 * scale)) return std::nullopt;
    a(j, j) = std::sqrt(pivot);
    for (std::size_t i = j + 1; i < n; ++i) {
      double x = a(i, j);
      for (std::size_t k = 0; k < j; ++k) x -= a(i, k) * a(j, k);
      a(i, j) = x / a(j, j);
    }
  }
  double q = 0.0;  // forward substitution L y = u; q = |y|²
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t k = 0; k < i; ++k) u[i] -= a(i, k) * u[k];
    u[i] /= a(i, i);
    q += u[i] * u[i];
  }
  return q;
}

/// Indices of `n` observations ordered by time (stable: ties keep their order).
template <class Days>
std::vector<std::size_t> by_time(std::size_t n, Days days) {
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return days(a) < days(b); });
  return order;
}

}  // namespace

double normal_critical_value(double alpha) {
  if (!(alpha > 0.0 && alpha < 1.0))
    throw Error(Errc::invalid_argument, "alpha", number(alpha), "out of range: above 0 and below 1");
  try {
    // The upper alpha/2 point, from the complement: accurate for small alpha.
    return boost::math::quantile(boost::math::complement(boost::math::normal_distribution<double>(), alpha / 2.0));
  } catch (const std::exception&) {  // alpha/2 below the smallest double: no finite quantile
    throw Error(Errc::invalid_argument, "alpha", number(alpha), "too small: the normal quantile is not finite");
  }
}

ConfidenceLimits loglog_limits(double p, double std_err, double z) noexcept {
  if (std::isnan(p) || std::isnan(std_err) || std::isnan(z)) return {nan, nan};
  if (p <= 0.0) return {0.0, 0.0};
  if (p >= 1.0) return {1.0, 1.0};
  if (std_err == 0.0) return {p, p};
  // g(p) = ln(−ln p) has derivative 1 / (p ln p); the interval g(p) ± z·se·|g'(p)|, mapped back
  // by p = exp(−exp(g)), is p^exp(±c) (Kalbfleisch and Prentice; R's conf.type = "log-log").
  const double c = z * std_err / (p * std::fabs(std::log(p)));
  return {std::pow(p, std::exp(c)), std::pow(p, std::exp(-c))};
}

// ---------------------------------------------------------------------------------------------
// The log-rank test
// ---------------------------------------------------------------------------------------------

LogRankTest logrank(std::span<const Observation> observations, std::span<const std::size_t> group, std::size_t groups) {
  if (group.size() != observations.size())
    throw Error(Errc::invalid_argument, "group", std::to_string(group.size()),
                "needs one group per observation (" + std::to_string(observations.size()) + " observations)");
  if (groups < 2)
    throw Error(Errc::invalid_argument, "groups", std::to_string(groups), "the log-rank test needs at least two groups");
  LogRankTest t;
  t.groups.resize(groups);
  for (std::size_t i = 0; i < observations.size(); ++i) {
    check_days(observations[i].days, i);
    if (group[i] >= groups)
      throw Error(Errc::invalid_argument, "group[" + std::to_string(i) + "]", std::to_string(group[i]),
                  "out of range: from 0 to " + std::to_string(groups - 1));
    ++t.groups[group[i]].subjects;
  }
  for (std::size_t g = 0; g < groups; ++g)
    if (t.groups[g].subjects == 0)
      throw Error(Errc::invalid_argument, "group", std::to_string(g), "a group has no observations");

  // At each distinct time: at risk and events per group; E_g += d · n_g / n and, where n > 1,
  // V_gh += d (n − d) / (n − 1) · r_g (δ_gh − r_h) with r_g = n_g / n (statsmodels' _survdiff).
  const auto order = by_time(observations.size(), [&](std::size_t i) { return observations[i].days; });
  std::vector<std::size_t> at_risk(groups), events(groups);
  for (std::size_t g = 0; g < groups; ++g) at_risk[g] = t.groups[g].subjects;
  std::size_t n = observations.size();
  std::size_t total_events = 0;
  Matrix v(groups);
  std::vector<double> r(groups);
  for (std::size_t i = 0; i < order.size();) {
    const std::int32_t days = observations[order[i]].days;
    std::fill(events.begin(), events.end(), 0);
    std::vector<std::size_t> leaving(groups, 0);
    for (; i < order.size() && observations[order[i]].days == days; ++i) {
      const std::size_t j = order[i];
      ++leaving[group[j]];
      if (observations[j].event) ++events[group[j]];
    }
    const std::size_t d = std::accumulate(events.begin(), events.end(), std::size_t{0});
    if (d > 0) {
      const double nd = static_cast<double>(n);
      for (std::size_t g = 0; g < groups; ++g) {
        r[g] = static_cast<double>(at_risk[g]) / nd;
        t.groups[g].observed += events[g];
        t.groups[g].expected += static_cast<double>(d) * r[g];
      }
      if (n > 1) {
        const double f = static_cast<double>(d) * static_cast<double>(n - d) / (nd - 1.0);
        for (std::size_t g = 0; g < groups; ++g)
          for (std::size_t h = 0; h < groups; ++h) v(g, h) += f * r[g] * ((g == h ? 1.0 : 0.0) - r[h]);
      }
      total_events += d;
    }
    for (std::size_t g = 0; g < groups; ++g) at_risk[g] -= leaving[g];
    n -= std::accumulate(leaving.begin(), leaving.end(), std::size_t{0});
  }
  for (std::size_t g = 0; g < groups; ++g) t.groups[g].variance = v(g, g);
  if (total_events == 0)
    throw Error(Errc::invalid_argument, "observations", "", "no events: the log-rank test needs at least one event");

  // The statistic over groups 1 to k − 1 (the first is the reference, as in statsmodels):
  // u = (O − E) and V' of those groups; statistic = uᵀ V'⁻¹ u.
  const std::size_t m = groups - 1;
  Matrix a(m);
  std::vector<double> u(m);
  for (std::size_t g = 0; g < m; ++g) {
    u[g] = static_cast<double>(t.groups[g + 1].observed) - t.groups[g + 1].expected;
    for (std::size_t h = 0; h < m; ++h) a(g, h) = v(g + 1, h + 1);
  }
  const std::optional<double> q = quadratic_form_of_inverse(std::move(a), std::move(u));
  if (!q)
    throw Error(Errc::invalid_argument, "group", "",
                "the log-rank test is undefined: a group has nobody at risk at any event time, or the groups "
                "never share one");
  t.statistic = *q;
  t.df = static_cast<std::int32_t>(m);
  t.p_value = boost::math::cdf(boost::math::complement(boost::math::chi_squared_distribution<double>(static_cast<double>(m)),
                                                       t.statistic));
  return t;
}

// ---------------------------------------------------------------------------------------------
// Cumulative incidence (Aalen–Johansen)
// ---------------------------------------------------------------------------------------------

CumulativeIncidence cumulative_incidence(std::span<const CompetingObservation> observations, std::size_t causes,
                                         double alpha) {
  const double z = normal_critical_value(alpha);
  if (causes == 0) throw Error(Errc::invalid_argument, "causes", "0", "needs at least one cause");
  CumulativeIncidence ci;
  ci.subjects = observations.size();
  for (std::size_t i = 0; i < observations.size(); ++i) {
    check_days(observations[i].days, i);
    if (observations[i].cause > causes)
      throw Error(Errc::invalid_argument, "observations[" + std::to_string(i) + "].cause",
                  std::to_string(observations[i].cause), "out of range: from 0 (censored) to " + std::to_string(causes));
    ci.censored += observations[i].cause == 0;
  }
  ci.causes.resize(causes);

  // Per cause k, at each distinct time t_i with n_i at risk, d_ki events of cause k and d_i of
  // any, and S(t_i−) the all-cause Kaplan–Meier just before t_i:
  //   I_k(t) = Σ_{t_i ≤ t} S(t_i−) d_ki / n_i,
  //   Var I_k(t) = Σ [I_k(t) − I_k(t_i)]² d_i / (n_i (n_i − d_i))
  //              + Σ S(t_i−)² d_ki (n_i − d_ki) / n_i³
  //              − 2 Σ [I_k(t) − I_k(t_i)] S(t_i−) d_ki / n_i²,
  // expanded in running sums exactly as statsmodels' _calc_incidence_right does.
  struct Sums {
    double cif = 0, b = 0, c = 0, d = 0, e = 0, f = 0;
  };
  std::vector<Sums> sums(causes);
  double a = 0.0;          // Σ d_i / (n_i (n_i − d_i)), shared by the causes
  double survival = 1.0;   // all-cause S(t−)
  const auto order = by_time(observations.size(), [&](std::size_t i) { return observations[i].days; });
  std::size_t n = observations.size();
  std::vector<std::size_t> events(causes);
  for (std::size_t i = 0; i < order.size();) {
    const std::int32_t days = observations[order[i]].days;
    std::fill(events.begin(), events.end(), 0);
    std::size_t leaving = 0;
    for (; i < order.size() && observations[order[i]].days == days; ++i, ++leaving)
      if (const std::uint32_t c = observations[order[i]].cause; c > 0) ++events[c - 1];
    const std::size_t d = std::accumulate(events.begin(), events.end(), std::size_t{0});
    const double nd = static_cast<double>(n);
    const double s0 = survival;
    // Undefined (NaN) from the time everyone left at risk has an event (nobody is left after it).
    const double ra = d == n ? nan : static_cast<double>(d) / (nd * (nd - static_cast<double>(d)));
    a += ra;
    for (std::size_t k = 0; k < causes; ++k) {
      Sums& q = sums[k];
      const double dk = static_cast<double>(events[k]);
      q.cif += s0 * dk / nd;
      q.b += q.cif * ra;
      q.c += q.cif * q.cif * ra;
      q.d += s0 * s0 * dk * (nd - dk) / (nd * nd * nd);
      q.e += s0 * dk / (nd * nd);
      q.f += q.cif * s0 * dk / (nd * nd);
      const double var = q.cif * q.cif * a - 2.0 * q.cif * q.b + q.c + q.d - 2.0 * q.cif * q.e + 2.0 * q.f;
      IncidenceStep step;
      step.days = days;
      step.at_risk = n;
      step.events = events[k];
      step.cif = q.cif;
      step.std_err = std::isnan(var) ? nan : std::sqrt(std::max(0.0, var));  // ≥ 0 in exact arithmetic
      const ConfidenceLimits lim = loglog_limits(step.cif, step.std_err, z);
      step.lower = lim.lower;
      step.upper = lim.upper;
      ci.causes[k].push_back(step);
    }
    survival *= 1.0 - static_cast<double>(d) / nd;
    n -= leaving;
  }
  return ci;
}

std::vector<Step> exit_causes() {
  std::vector<Step> out;
  for (std::size_t s = 0; s < step_count; ++s)
    if (is_exit(static_cast<Step>(s))) out.push_back(static_cast<Step>(s));
  return out;
}

CumulativeIncidence cumulative_incidence(const Caseload& load, const ProgrammeOptions& opts, double alpha) {
  (void)normal_critical_value(alpha);  // alpha is checked before the caseload is evaluated
  const std::vector<Step> exits = exit_causes();
  std::vector<CompetingObservation> obs;
  for (const auto& row : observation_table(load, opts, Endpoint::exit)) {
    CompetingObservation o{row.observation.days, 0};
    if (row.observation.event && row.exit)
      o.cause = static_cast<std::uint32_t>(std::find(exits.begin(), exits.end(), *row.exit) - exits.begin()) + 1;
    obs.push_back(o);
  }
  return cumulative_incidence(obs, exits.size(), alpha);
}

}  // namespace kanten::inline v1
