// kanten/programme/report.hpp — a caseload's report: every case evaluated and counted, this
// month's follow-up worklist, a proposed matching for everyone in Trin 2, the programme's figures
// and bus trips for the citizens in Trin 1 and Trin 2 (what `kanten demo` prints and writes).
//
// The report is a fold over the library's own results: evaluate_all(), followup_worklist(),
// match(), programme_figures() and plan_bus_trips(), each with its sources.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "kanten/core/export.hpp"
#include "kanten/match/matching.hpp"
#include "kanten/programme/bus.hpp"
#include "kanten/programme/programme.hpp"
#include "kanten/rules/evaluate.hpp"

namespace kanten::inline v1 {

/// Counts by name (a step, a rule, a reason …), in name order.
using Tally = std::map<std::string, std::size_t>;

/// A caseload's evaluations counted.
struct CaseloadSummary {
  std::size_t citizens = 0;                     ///< cases evaluated
  std::size_t events = 0;                       ///< events read
  std::size_t events_unreadable = 0;            ///< events that could not be read (Case::rejected)
  std::size_t events_applied = 0;               ///< events the fold applied
  std::size_t events_after_as_of = 0;           ///< events after the as-of date
  std::size_t members = 0;                      ///< in the target group (004, Kerneelement 3)
  Tally target_group_reasons;                   ///< why citizens are in or outside the target group
  std::array<std::size_t, step_count> steps{};  ///< citizens per step, by Step
  std::size_t thirty_hours_pending = 0;         ///< in Trin 3 with 30 hours this month (exit at month end)
  Tally exits;                                  ///< exits by the exit step
  Tally exit_rules;                             ///< exits by the rule that made them ("<no rule>" when none)
  Tally not_applied;                            ///< events not applied, by reason
  Tally violations;                             ///< violations, by rule
  Tally alerts;                                 ///< alerts passed (EvaluateOptions::alerts), by kind
  std::size_t followup_citizens = 0;            ///< citizens who entered Trin 3 (004, Kerneelement 7)
  std::size_t in_followup_year = 0;             ///< of them, in their follow-up year in the as-of month
  std::size_t breached_months = 0;              ///< months that ended without a contact
  std::size_t citizens_with_breach = 0;         ///< citizens with a breached month
  std::size_t failures = 0;                     ///< recorded sanction failures (004, Kerneelement 5)
  Tally sanction_status;                        ///< answers by status
  Tally not_eligible_because;                   ///< not-eligible answers by the excluding rule
  Tally undecided_wait_for;                     ///< undecided answers by what they wait for (once per answer)
};

/// Counts `evaluations` (of `load`'s cases, as of `as_of`).
[[nodiscard]] KANTEN_EXPORT CaseloadSummary summarise(const Caseload& load, const std::vector<Evaluation>& evaluations,
                                                      Date as_of);

/// A tally in descending count, then name order (how reports list it).
[[nodiscard]] KANTEN_EXPORT std::vector<std::pair<std::string, std::size_t>> by_count(const Tally& t);

/// What a report covers, and how the caseload was made (stated in the report).
struct ReportOptions {
  Date as_of;                          ///< evaluate as of the end of this date (required)
  std::size_t generated_citizens = 0;  ///< the generator's settings, stated in the report's "generator"
  std::uint64_t seed = 0;              ///< …
  Date start;                          ///< …
  int months = 0;                      ///< …
  Progress progress{};                 ///< optional: the stages of evaluate_all() and match()
};

/// A caseload's report (see the top of this file).
struct CaseloadReport {
  Date as_of;                           ///< as of the end of this date
  std::string rule_set;                 ///< the rule set's version
  ReportOptions options;                ///< what the report was asked for
  std::vector<Evaluation> evaluations;  ///< every case, in caseload order
  CaseloadSummary summary;              ///< the evaluations counted
  std::vector<WorklistEntry> worklist;  ///< this month's follow-up worklist
  Market trin2;                         ///< the market's companies and tasks, with the citizens in Trin 2
  std::size_t market_citizens = 0;      ///< citizens of the whole market
  MatchResult matching;                 ///< the optimal assignment of `trin2`
  ProgrammeFigures figures;             ///< the programme's figures (docs/programme.md)
  std::vector<BusReferral> referrals;   ///< the citizens in Trin 1 and Trin 2, referred to bus trips
  BusPlan bus;                          ///< their bus trips, Model 1 (002)
  std::string bus_assumption;           ///< what the referrals assume of the citizens
};

/// The report of `load` as of `options.as_of`, matched against `market` (whose citizens carry the
/// caseload's ids: the matcher's view of each citizen).
[[nodiscard]] KANTEN_EXPORT CaseloadReport caseload_report(const Caseload& load, const Market& market,
                                                           const ReportOptions& options);
/// The same of evaluations already made: `evaluations` are evaluate_all(load) as of `options.as_of`.
[[nodiscard]] KANTEN_EXPORT CaseloadReport caseload_report(const Caseload& load, std::vector<Evaluation> evaluations,
                                                           const Market& market, const ReportOptions& options);

/// Writes the report as JSON: {"kanten", "rule_set", "as_of", "generator", "summary", "worklist",
/// "evaluations", "matching", "programme", "bus_trips"} (`kanten demo --out`).
[[nodiscard]] KANTEN_EXPORT std::string to_json(const CaseloadReport& r, const Market& market, int indent = -1);

}  // namespace kanten::inline v1
