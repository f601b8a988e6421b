// kanten/match/json.hpp — the matching engine's JSON in and out: markets, weights, proposals,
// top lists and audits.
//
// The format is documented with complete examples in docs/matching.md. The conventions are those
// of docs/json-format.md: a null field counts as absent, unknown fields are ignored, absent
// optional fields take the defaults of the C++ structs, hours are exact whole minutes (an integer,
// or a string "H:MM"), vocabulary values are snake-case names. Any fault throws kanten::Error
// naming the field path (e.g. "tasks[3].min_per_week") and the value; a string that should be a
// DISCO-08 code and is not (it may be free text) is never shown.
#pragma once

#include "kanten/core/export.hpp"
#include "kanten/match/matching.hpp"

#include <string>
#include "kanten/core/input.hpp"

#include <string_view>
#include <vector>

namespace kanten::inline v1 {

/// Reads a market: {"citizens": [...], "companies": [...], "tasks": [...]} (all three required,
/// possibly empty). Ids must be unique on each side, and every task must name a company of the market.
/// Unknown fields are Market::warnings (errors with ReadOptions::strict); see json.hpp for the rest
/// of what every reader checks.
[[nodiscard]] KANTEN_EXPORT Market market_from_json(std::string_view text, const ReadOptions& options = {});

/// Reads one citizen, company or task: a JSON object as in a market's "citizens", "companies" or
/// "tasks" (the persistent matcher's upserts, kanten/match/index.hpp). Fields are checked as in a
/// market, their paths rooted at "citizen", "company" or "task" ("citizen.hours_now"); ids of other
/// objects (a task's company, a citizen's visited companies) are checked by whoever takes the
/// object. Unknown fields go to `warnings` when given (errors with ReadOptions::strict).
[[nodiscard]] KANTEN_EXPORT Citizen citizen_from_json(std::string_view text, const ReadOptions& options = {},
                                                      std::vector<InputWarning>* warnings = nullptr);
/// Reads one company (see citizen_from_json).
[[nodiscard]] KANTEN_EXPORT Company company_from_json(std::string_view text, const ReadOptions& options = {},
                                                      std::vector<InputWarning>* warnings = nullptr);
/// Reads one task (see citizen_from_json).
[[nodiscard]] KANTEN_EXPORT Task task_from_json(std::string_view text, const ReadOptions& options = {},
                                                std::vector<InputWarning>* warnings = nullptr);

/// Reads a weight set: {"version": "...", "wish_by_level": [0, 6, 16, 28, 40], ...}. "version" is
/// required; absent weights take their defaults. Weights that differ from the defaults must carry
/// a version of their own, so a result never claims the default version for other weights.
/// Unknown fields go to `warnings` when given (errors with ReadOptions::strict).
[[nodiscard]] KANTEN_EXPORT MatchWeights weights_from_json(std::string_view text, const ReadOptions& options = {},
                                             std::vector<InputWarning>* warnings = nullptr);

/// Writes a market, every field (readable back by market_from_json).
[[nodiscard]] KANTEN_EXPORT std::string to_json(const Market& m, int indent = -1);

/// Writes a weight set, every field (readable back by weights_from_json).
[[nodiscard]] KANTEN_EXPORT std::string to_json(const MatchWeights& w, int indent = -1);

/// Writes a proposal for `m`: weights version, mode, counts, every match with citizen, task and
/// company ids, score, breakdown, reasons and concerns, and the unmatched citizens' ids.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const MatchResult& r, const Market& m, int indent = -1);

/// Writes a top list (top_tasks, top_citizens) of `m` as {"matches": [...]}, matches as in a proposal.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const std::vector<Match>& top, const Market& m, int indent = -1);

/// Writes one pair's explanation: the ids, the score and its breakdown, and every hard filter that
/// rejects the pair with its reason ({"filter": "too_far", "text": "travel 34 km > 20 km"}).
[[nodiscard]] KANTEN_EXPORT std::string to_json(const PairScore& p, const Market& m, int indent = -1);

/// Writes one pair explained (`kanten match --citizen ID --task ID`): {"weights_version", the pair's
/// fields as above, "candidate", "reasons", "concerns"}.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const PairExplanation& x, const Market& m, int indent = -1);
/// Writes a citizen's top list (`kanten match --citizen ID`): {"weights_version", "citizen", "k",
/// "per_company", "matches": [...]}; `citizen` indexes the market's citizens.
[[nodiscard]] KANTEN_EXPORT std::string top_tasks_json(const Market& m, std::int32_t citizen, const std::vector<Match>& top,
                                                       std::int32_t k, std::int32_t per_company,
                                                       const std::string& weights_version, int indent = -1);
/// Writes a task's top list (`kanten match --task ID`): {"weights_version", "task", "company", "k",
/// "matches": [...]}; `task` indexes the market's tasks.
[[nodiscard]] KANTEN_EXPORT std::string top_citizens_json(const Market& m, std::int32_t task, const std::vector<Match>& top,
                                                          std::int32_t k, const std::string& weights_version,
                                                          int indent = -1);
/// Writes an audit as {"audit": [{"group", "citizens", "matched", "rate", "mean_score"}, ...]}.
[[nodiscard]] KANTEN_EXPORT std::string to_json(const std::vector<AuditRow>& rows, int indent = -1);

}  // namespace kanten::inline v1
