// Private: the market reader on a parsed document, for the readers of requests built on a market.
#pragma once

#include "core/json_text.hpp"
#include "kanten/match/matching.hpp"

namespace kanten::inline v1::json_text {

/// A market from a parsed document whose top-level members may be `known` (the market's three and
/// those of a request built on a market): match_json.cpp.
Market read_market_document(const json& doc, const ReadOptions& options,
                                   const std::vector<std::string_view>& known);

/// One citizen, company or task object at `path` (e.g. "upsert_citizen"), read and checked as the
/// market reader reads each of a market's objects: json.cpp.
Citizen read_market_citizen(const json& j, const std::string& path, const ReadContext& cx);
Company read_market_company(const json& j, const std::string& path, const ReadContext& cx);
Task read_market_task(const json& j, const std::string& path, const ReadContext& cx);

}  // namespace kanten::inline v1::json_text
