// Private: a source as JSON, for the rules' writers and those of the modules built on them.
#pragma once

#include "core/json_text.hpp"
#include "kanten/rules/sources.hpp"

namespace kanten::inline v1::json_text {

/// A source as {"seed", "section"} and, with `with_quote`, its "quote".
inline ojson source_json(const Source& s, bool with_quote = true) {
  ojson j;
  j["seed"] = str(s.seed);
  j["section"] = str(s.section);
  if (with_quote) j["quote"] = str(s.quote);
  return j;
}

}  // namespace kanten::inline v1::json_text
