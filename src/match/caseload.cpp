// Matching the caseload that is: the citizens of an evaluated caseload in the chosen steps.
#include "kanten/match/caseload.hpp"

#include "kanten/core/error.hpp"

#include <algorithm>
#include <string_view>
#include <unordered_set>
#include <utility>

namespace kanten::inline v1 {

std::vector<std::string> citizens_in_steps(std::span<const Evaluation> evaluations, std::span<const Step> steps) {
  std::vector<std::string> out;
  for (const Evaluation& e : evaluations)
    if (std::find(steps.begin(), steps.end(), e.step) != steps.end()) out.push_back(e.citizen);
  return out;
}

MatchResult match_caseload(const Market& m, std::span<const Evaluation> evaluations, MatchOptions opts,
                           std::span<const Step> steps) {
  if (opts.citizens)
    throw Error(Errc::invalid_argument, "citizens", "",
                "the evaluations choose the citizens of a caseload match: leave MatchOptions::citizens unset");
  std::unordered_set<std::string_view> in_market;
  in_market.reserve(m.citizens.size());
  for (const auto& c : m.citizens) in_market.insert(c.id);
  std::vector<std::string> chosen, missing;
  for (auto& id : citizens_in_steps(evaluations, steps))
    (in_market.contains(id) ? chosen : missing).push_back(std::move(id));
  opts.citizens = std::move(chosen);
  MatchResult r = match(m, opts);
  r.not_in_market = std::move(missing);
  return r;
}

}  // namespace kanten::inline v1
