// kanten/rules/rules.hpp — the policy numbers, in one dated, versioned rule set.
//
// The numbers the source gives (30 hours, 12 months, 3 days) and the choices it leaves open
// (kanten's decisions, docs/decisions.md) live here and nowhere else. Every result names the
// version of the rule set it was computed with.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/core/date.hpp"
#include "kanten/core/vocabulary.hpp"

#include <string>

namespace kanten::inline v1 {

/// What "a month" means for the 30-hour exit and the monthly follow-up.
#define KANTEN_MONTH_DEFINITION_LIST(X)                                                            \
  X(calendar, "calendar") /* calendar months (decision "Month means calendar month" (docs/decisions.md)); the only one implemented */
KANTEN_VOCABULARY(MonthDefinition, std::uint8_t, KANTEN_MONTH_DEFINITION_LIST)

/// The policy numbers of the indsatsmodel, with their defaults from the source.
struct RuleSet {
  /// Version name carried into every result, e.g. "indsatsmodel-2019.1".
  std::string version = "indsatsmodel-2019.1";
  /// First date the rule set is in force.
  Date valid_from{2019, 1, 1};
  /// What a month is (decision "Month means calendar month" (docs/decisions.md)).
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
  /// A written hearing (partshøring) must be sent before a sanction (decision "The written hearing"
  /// (docs/decisions.md): the text presupposes it, 004_3897fdd271fa8a38.txt, KE5).
  bool sanction_requires_written_hearing = true;
  /// When the hearing is not answered and the citizen is never reached, "all reasonable means of
  /// personal contact" means at least one attempt by phone and one in person where the citizen
  /// lives or stays, the text's two examples (004_3897fdd271fa8a38.txt, KE5;
  /// decision "Personal contact before a sanction" (docs/decisions.md)).
  bool personal_contact_needs_phone_and_visit = true;
};

/// The rule set with the source's defaults.
[[nodiscard]] KANTEN_EXPORT const RuleSet& default_rules() noexcept;

}  // namespace kanten::inline v1
