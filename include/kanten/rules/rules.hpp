// kanten/rules.hpp — the policy numbers, in one dated, versioned rule set.
//
// The numbers the source gives (30 hours, 12 months, 3 days) and the choices it leaves open
// (DOMAIN.md, "Project decisions") live here and nowhere else. Every result names the
// version of the rule set it was computed with.
#pragma once

#include "kanten/core/date.hpp"

#include <string>

namespace kanten::inline v1 {

/// What "a month" means for the 30-hour exit and the monthly follow-up.
enum class MonthDefinition : std::uint8_t {
  calendar,  ///< calendar months (DOMAIN.md, project decision 1); the only one implemented
};

/// The policy numbers of the indsatsmodel, with their defaults from the source.
struct RuleSet {
  /// Version name carried into every result, e.g. "indsatsmodel-2019.1".
  std::string version = "indsatsmodel-2019.1";
  /// First date the rule set is in force.
  Date valid_from{2019, 1, 1};
  /// What a month is (DOMAIN.md, project decision 1).
  MonthDefinition month = MonthDefinition::calendar;
  /// Trin 3 ends at this many ordinary minutes in one month: 30 h
  /// (004_3897fdd271fa8a38.txt, Trin 3: "mindst 30 timer månedligt").
  Minutes exit_ordinary_minutes_per_month = 30 * 60;
  /// Months of monthly follow-up from entry into Trin 3
  /// (004_3897fdd271fa8a38.txt, KE7: "en gang i måneden i det første år").
  int followup_months = 12;
  /// Days of benefit a punktsanktion deducts
  /// (004_3897fdd271fa8a38.txt, KE5: "trække tre dage af kontanthjælpen").
  int sanction_days = 3;
  /// Most minutes one day can hold; more is not applied (a day has 24 hours).
  Minutes max_minutes_per_day = 24 * 60;
  /// A written hearing (partshøring) must be sent before a sanction (project decision: the text
  /// presupposes it, 004_3897fdd271fa8a38.txt, KE5).
  bool sanction_requires_written_hearing = true;
  /// When the hearing is not answered and the citizen is never reached, "all reasonable means of
  /// personal contact" means at least one attempt by phone and one in person where the citizen
  /// lives or stays (project decision from the text's two examples, 004_3897fdd271fa8a38.txt, KE5).
  bool personal_contact_needs_phone_and_visit = true;
};

/// The rule set with the source's defaults.
[[nodiscard]] const RuleSet& default_rules() noexcept;

}  // namespace kanten::inline v1
