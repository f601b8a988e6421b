// The rule set with the source's defaults.
#include "kanten/rules/rules.hpp"

namespace kanten::inline v1 {

const RuleSet& default_rules() noexcept {
  static const RuleSet rules{};
  return rules;
}

}  // namespace kanten::inline v1
