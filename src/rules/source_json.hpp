// Private: a source as JSON, for the rules' writers and those of the modules built on them.
#pragma once

#include "core/json_out.hpp"
#include "core/json_text.hpp"
#include "kanten/rules/sources.hpp"

namespace kanten::inline v1::json_text {

/// A source as {"seed", "section"} and, with `with_quote`, its "quote".
inline void write_source(JsonOut& w, const Source& s, bool with_quote = true) {
  w.begin_object();
  w.key("seed").value(s.seed);
  w.key("section").value(s.section);
  if (with_quote) w.key("quote").value(s.quote);
  w.end_object();
}

/// The same as a value, for the writers that build one (the text above, parsed: one layout).
inline ojson source_json(const Source& s, bool with_quote = true) {
  std::string text;
  JsonOut w(text, -1);
  write_source(w, s, with_quote);
  w.flush();
  return ojson::parse(text);
}

}  // namespace kanten::inline v1::json_text
