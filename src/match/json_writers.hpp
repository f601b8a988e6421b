// Private: the matcher's JSON documents as values, for the writers of the modules built on it.
#pragma once

#include "core/json_text.hpp"
#include "kanten/match/matching.hpp"

namespace kanten::inline v1 {

/// A proposal's document (to_json(r, m)).
json_text::ojson result_ojson(const MatchResult& r, const Market& m);

/// A list of matches as in a proposal (ids, score, breakdown, reasons, concerns) of `m`.
json_text::ojson matches_ojson(const std::vector<Match>& top, const Market& m);

}  // namespace kanten::inline v1
