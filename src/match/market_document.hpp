// Private: the market reader on a parsed document, for the readers of requests built on a market.
#pragma once

#include "core/json_text.hpp"
#include "kanten/match/matching.hpp"

namespace kanten::inline v1::json_text {

/// A market from a parsed document whose top-level members may be `known` (the market's three and
/// those of a request built on a market): match_json.cpp.
Market read_market_document(const json& doc, const ReadOptions& options,
                                   const std::vector<std::string_view>& known);

}  // namespace kanten::inline v1::json_text
