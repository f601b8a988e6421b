// Private: what the JSON readers and writers of every module share — showing values in messages
// without leaking free text, field paths, and parsing a whole document.
#pragma once

#include <nlohmann/json.hpp>
#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>
#include <vector>
#include <string>
#include <string_view>

#include "kanten/core/error.hpp"
#include "kanten/core/date.hpp"
#include "kanten/core/vocabulary.hpp"
#include "kanten/core/input.hpp"

namespace kanten::inline v1::json_text {

using json = nlohmann::json;           // input: lookups by key
using ojson = nlohmann::ordered_json;  // output: keys in the documented order

inline std::string str(std::string_view s) { return std::string(s); }

/// Placeholder shown instead of the content of a free-text field.
inline constexpr const char* free_text_placeholder = "<text>";

/// At most `max` bytes of `s`, cut on a UTF-8 character boundary, marked with "..." when cut.
inline std::string utf8_prefix(const std::string& s, std::size_t max) {
  if (s.size() <= max) return s;
  std::size_t n = max;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0U) == 0x80U) --n;
  return s.substr(0, n) + "...";
}

/// A value as shown in an InputIssue or an Error: scalars as compact JSON (strings cut at 64
/// bytes), objects and arrays only named, so a misplaced structure never leaks its content.
inline std::string shown(const json& v) {
  if (v.is_object()) return "<object>";
  if (v.is_array()) return "<array>";
  if (v.is_string()) {
    // A name, id, date or number has no whitespace; a string with some may be a sentence of
    // free text typed in the wrong field, and one shaped like a CPR number is never shown.
    const auto& s = v.get_ref<const std::string&>();
    if (s.find_first_of(" \t\n\r\f\v") != std::string::npos)
      return "<text of " + std::to_string(s.size()) + " bytes>";
    if (looks_like_cpr(s)) return "<CPR-shaped value>";
  }
  return utf8_prefix(v.dump(-1, ' ', false, json::error_handler_t::replace), 64);
}

/// "a string", "an object", … for messages.
inline std::string a_type(const json& v) {
  std::string t = v.type_name();
  const bool vowel = !t.empty() && std::string_view("aeiou").find(t[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + t;
}

/// "a, b, c": every name of a vocabulary, for "expected one of" messages.
template <class Enum>
std::string names_of() {
  std::string out;
  for (std::string_view n : Vocabulary<Enum>::names) {
    if (!out.empty()) out += ", ";
    out += n;
  }
  return out;
}

/// Joins a field path: "cases[3]" + "citizen" → "cases[3].citizen".
inline std::string join(const std::string& base, std::string_view key) {
  return base.empty() ? str(key) : base + "." + str(key);
}

/// Throws invalid_input naming the field and showing the value.
[[noreturn]] inline void invalid(const std::string& field, const json& v, const std::string& message) {
  throw Error(Errc::invalid_input, field, shown(v), message);
}

/// "tasks" + 3 → "tasks[3]".
inline std::string at(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

/// The member `key` of object `o`, or nullptr when absent or null (null counts as absent).
inline const json* member(const json& o, const char* key) {
  auto it = o.find(key);
  return it == o.end() || it->is_null() ? nullptr : &*it;
}

/// A whole number in [lo, hi] at `field`; a fraction, another type or a number outside the range
/// is an error naming the field ("must not be negative" when lo is 0 and it is below).
inline std::int64_t whole_number(const std::string& field, const json& v, std::int64_t lo, std::int64_t hi) {
  const std::string range = "out of range: from " + std::to_string(lo) + " to " + std::to_string(hi);
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (d != std::floor(d)) invalid(field, v, "must be a whole number, not a fraction");
    if (d < static_cast<double>(lo) || d > static_cast<double>(hi)) invalid(field, v, range);
    invalid(field, v, "must be a whole number written without a decimal point or exponent");
  }
  if (!v.is_number()) invalid(field, v, "must be a whole number, not " + a_type(v));
  const bool too_big = v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(hi);
  const std::int64_t i = too_big ? hi : v.get<std::int64_t>();
  if (too_big || i < lo || i > hi) {
    if (lo == 0 && i < 0) invalid(field, v, "must not be negative");
    invalid(field, v, range);
  }
  return i;
}

/// The optional boolean member `key` of `o` (at `path`) into `out`.
inline void flag_member(const json& o, const char* key, const std::string& path, bool& out) {
  const json* v = member(o, key);
  if (!v) return;
  if (!v->is_boolean()) invalid(join(path, key), *v, "must be true or false, not " + a_type(*v));
  out = v->get<bool>();
}

/// The required id member `key` of `o` (at `path`): a non-empty string (ids are opaque and may be
/// shown). `missing` says why it is needed, e.g. "every citizen needs an id".
inline std::string id_member(const json& o, const char* key, const std::string& path, const std::string& missing) {
  const json* v = member(o, key);
  if (!v) throw Error(Errc::invalid_input, join(path, key), "", "missing: " + missing);
  if (!v->is_string()) invalid(join(path, key), *v, "an id must be a string, not " + a_type(*v));
  std::string s = v->get<std::string>();
  if (s.empty()) invalid(join(path, key), *v, "an id must not be empty");
  check_id(join(path, key), s);  // decision "No CPR numbers" (docs/decisions.md)
  return s;
}

/// nlohmann's parse message without its id prefix and without the "last read" excerpt of the
/// input (which could be free text).
inline std::string parse_message(const json::parse_error& e) {
  std::string m = e.what();
  if (auto close = m.find("] "); m.rfind("[json.exception.", 0) == 0 && close != std::string::npos)
    m.erase(0, close + 2);
  if (auto lr = m.find("; last read: '"); lr != std::string::npos) {
    auto expected = m.rfind("'; expected ");
    if (expected != std::string::npos && expected >= lr)
      m.erase(lr, expected + 1 - lr);
    else
      m.erase(lr);
  }
  return m;
}

/// A member name as it may be shown in a path: at most 64 bytes; a name with whitespace or
/// shaped like a CPR number is never shown.
inline std::string shown_name(const std::string& key) {
  if (looks_like_cpr(key)) return "<CPR-shaped name>";
  if (key.find_first_of(" \t\n\r\f\v") != std::string::npos) return "<name of " + std::to_string(key.size()) + " bytes>";
  return utf8_prefix(key, 64);
}

/// Parses a whole document; throws parse_error with the position, never the input's text. A
/// document larger than `max_bytes` is refused before parsing; a NUL byte anywhere is an error
/// with its offset (nlohmann's lexer would take it for the end of the input and drop the rest).
/// When `error_byte` is given, a syntax error sets it to the offset in `text` where parsing stopped.
inline json parse_document(std::string_view text, std::size_t max_bytes = default_max_input_bytes,
                           std::size_t* error_byte = nullptr) {
  if (text.size() > max_bytes)
    throw Error(Errc::invalid_input, "input", std::to_string(text.size()) + " bytes",
                "larger than the maximum input size of " + std::to_string(max_bytes) +
                    " bytes (ReadOptions::max_bytes)");
  if (const auto nul = text.find('\0'); nul != std::string_view::npos)
    throw Error(Errc::parse_error, "", "",
                "not valid JSON: a NUL byte at offset " + std::to_string(nul) + " (JSON text has none)");
  try {
    // A key given twice in one object is an error: the parser would keep the last one and drop
    // the other without a word. Each open object keeps the keys seen so far (objects are small).
    // Frames are kept for reuse (a frame's strings keep their buffers), so the check costs no
    // allocation per object once the deepest level has been seen.
    struct Frame {
      bool object = false;
      std::size_t index = 0;          // arrays: the element being read
      std::size_t count = 0;          // objects: keys[0, count) are the keys so far
      std::vector<std::string> keys;  // objects: the last of them is the current key
    };
    std::vector<Frame> frames;
    std::size_t depth = 0;  // frames[0, depth) are open
    auto open = [&](bool object) {
      if (depth == frames.size()) frames.emplace_back();
      Frame& f = frames[depth++];
      f.object = object;
      f.index = f.count = 0;
    };
    auto path = [&](const std::string& key) {
      std::string p;
      for (std::size_t i = 0; i < depth; ++i) {
        const Frame& f = frames[i];
        if (!f.object) p += "[" + std::to_string(f.index) + "]";
        else if (i + 1 < depth && f.count > 0) p = join(p, shown_name(f.keys[f.count - 1]));
      }
      return join(p, shown_name(key));
    };
    const json::parser_callback_t check = [&](int, json::parse_event_t event, json& parsed) {
      switch (event) {
        case json::parse_event_t::object_start: open(true); break;
        case json::parse_event_t::array_start: open(false); break;
        case json::parse_event_t::key: {
          Frame& f = frames[depth - 1];
          const auto& key = parsed.get_ref<const std::string&>();
          for (std::size_t k = 0; k < f.count; ++k)
            if (f.keys[k] == key)
              throw Error(Errc::invalid_input, path(key), "",
                          "duplicate key: an object names each field once (which value would count?)");
          if (f.count == f.keys.size()) f.keys.emplace_back();
          f.keys[f.count++].assign(key);
          break;
        }
        case json::parse_event_t::object_end:
        case json::parse_event_t::array_end:
          --depth;
          if (depth > 0 && !frames[depth - 1].object) ++frames[depth - 1].index;
          break;
        case json::parse_event_t::value:
          if (depth > 0 && !frames[depth - 1].object) ++frames[depth - 1].index;
          break;
      }
      return true;
    };
    return json::parse(text.begin(), text.end(), check);
  } catch (const json::parse_error& e) {
    if (error_byte) *error_byte = e.byte > 0 ? e.byte - 1 : 0;
    throw Error(Errc::parse_error, "", "", "not valid JSON: " + parse_message(e));
  } catch (const json::out_of_range&) {
    // e.g. 1E400: a number JSON allows but no double holds.
    throw Error(Errc::parse_error, "", "", "not valid JSON: a number is out of range");
  }
}

/// What a reader carries while it reads: its options and the warnings it reports.
struct ReadContext {
  const ReadOptions& options;
  std::vector<InputWarning>& warnings;

  /// An unknown field at `field`: a warning, or under strict an error. `known` are the names the
  /// object takes, for a suggestion.
  void unknown(const std::string& field, std::string_view key, const std::vector<std::string_view>& known) const {
    std::string message = "unknown field";
    if (auto near = nearest_name(key, known); !near.empty()) message += "; did you mean \"" + near + "\"?";
    if (options.strict) throw Error(Errc::invalid_input, field, "", message + " (strict reading)");
    warnings.push_back(InputWarning{field, message + " (ignored)"});
  }

  /// Reports every member of object `o` (at `path`) whose name is not in `known`.
  void check_fields(const json& o, const std::string& path, const std::vector<std::string_view>& known) const {
    if (!o.is_object()) return;
    for (auto it = o.begin(); it != o.end(); ++it)
      if (std::find(known.begin(), known.end(), std::string_view(it.key())) == known.end())
        unknown(join(path, shown_name(it.key())), it.key(), known);
  }
};

// ---------------------------------------------------------------------------------------------
// The reader kit: the members of one JSON object, read with the rules every input shares
// ---------------------------------------------------------------------------------------------

/// How a reader reports a fault at a field: `field` is the path, `value` as shown, `message` the
/// reason. It must not return. The default throws kanten::Error(invalid_input); the event
/// reader's turns a fault into an InputIssue (a bad event is reported, not fatal).
using Raise = void (*)(std::string field, std::string value, std::string message);

[[noreturn]] inline void raise_error(std::string field, std::string value, std::string message) {
  throw Error(Errc::invalid_input, std::move(field), std::move(value), message);
}

/// The members of one JSON object at `path` ("citizens[2]"; "" for the document, or for an
/// event, whose faults name the field within it). A null member is the same as an absent one;
/// every name asked for is remembered, so check_unknown() reports the others; a value is shown
/// in a fault as shown() has it. The readers of each module add their own fields to it.
class Fields {
 public:
  explicit Fields(const json& o, std::string path = {}, Raise raise = raise_error)
      : o_(o), path_(std::move(path)), raise_(raise) {}

  /// The path of member `key`, e.g. "citizens[2].home".
  [[nodiscard]] std::string path(std::string_view key) const { return join(path_, key); }

  /// The member's value, or nullptr when absent or null.
  [[nodiscard]] const json* get(const char* key) const {
    used_.emplace_back(key);
    return member(o_, key);
  }

  /// Reports a fault at `field` (a whole path) showing `value` as given.
  [[noreturn]] void fail_at(std::string field, std::string value, std::string message) const {
    raise_(std::move(field), std::move(value), std::move(message));
    throw std::logic_error("a JSON reader's Raise returned");  // never reached: Raise throws
  }
  /// Reports a fault at member `key` showing its value `v`.
  [[noreturn]] void fail(std::string_view key, const json& v, std::string message) const {
    fail_at(path(key), shown(v), std::move(message));
  }

  /// Reports the members no reader asked for (unknown names): warnings, or under strict reading
  /// an error (ReadContext::check_fields).
  void check_unknown(const ReadContext& cx) const { cx.check_fields(o_, path_, used_); }

  /// An optional array member; nullptr when absent. `expected` names it in the fault, e.g.
  /// "an array of names".
  [[nodiscard]] const json* array(const char* key, const char* expected = "an array") const {
    const json* v = get(key);
    if (v && !v->is_array()) fail(key, *v, std::string("must be ") + expected + ", not " + a_type(*v));
    return v;
  }

  /// An optional object member; nullptr when absent.
  [[nodiscard]] const json* nested(const char* key) const {
    const json* v = get(key);
    if (v && !v->is_object()) fail(key, *v, "must be an object, not " + a_type(*v));
    return v;
  }

  /// A vocabulary value at `field`: a name (a string) of Enum.
  template <class Enum>
  [[nodiscard]] Enum as_vocab(const std::string& field, const json& v) const {
    if (!v.is_string()) fail_at(field, shown(v), "must be a name (a string), not " + a_type(v));
    Enum out{};
    if (!parse_name(v.get_ref<const std::string&>(), out))
      fail_at(field, shown(v), "unknown value; expected one of: " + names_of<Enum>());
    return out;
  }
  /// An optional vocabulary name into `out` (left as it is when absent).
  template <class Enum>
  void vocab(const char* key, Enum& out) const {
    if (const json* v = get(key)) out = as_vocab<Enum>(path(key), *v);
  }
  /// An optional array of vocabulary names into `out` (left as it is when absent).
  template <class Enum>
  void vocabs(const char* key, std::vector<Enum>& out, const char* expected = "an array") const {
    const json* v = array(key, expected);
    if (!v) return;
    out.clear();
    for (std::size_t i = 0; i < v->size(); ++i) out.push_back(as_vocab<Enum>(at(path(key), i), (*v)[i]));
  }

  /// A boolean at `field`.
  [[nodiscard]] bool as_flag(const std::string& field, const json& v) const {
    if (!v.is_boolean()) fail_at(field, shown(v), "must be true or false, not " + a_type(v));
    return v.get<bool>();
  }
  /// An optional boolean into `out`.
  void flag(const char* key, bool& out) const {
    if (const json* v = get(key)) out = as_flag(path(key), *v);
  }

  /// A date "YYYY-MM-DD" at `field`; `expected` names it when it is no string ("a date").
  [[nodiscard]] Date as_date(const std::string& field, const json& v, const char* expected = "a date") const {
    if (!v.is_string()) fail_at(field, shown(v), std::string("must be ") + expected + " \"YYYY-MM-DD\", not " + a_type(v));
    auto d = parse_date(v.get_ref<const std::string&>());
    if (!d) fail_at(field, shown(v), "not a valid date \"YYYY-MM-DD\"");
    return *d;
  }

  /// A required, non-empty id (ids are opaque and may be shown; one shaped like a CPR number is
  /// refused without being shown); `missing` says why it is needed, e.g. "every citizen needs an id".
  [[nodiscard]] std::string id(const char* key, const std::string& missing) const {
    const json* v = get(key);
    if (!v) fail_at(path(key), "", "missing: " + missing);
    if (!v->is_string()) fail(key, *v, "an id must be a string, not " + a_type(*v));
    std::string s = v->get<std::string>();
    if (s.empty()) fail(key, *v, "an id must not be empty");
    check_id(path(key), s);  // decision "No CPR numbers" (docs/decisions.md)
    return s;
  }

  /// An optional whole number in [lo, hi] (whole_number's rules and messages).
  [[nodiscard]] std::optional<std::int64_t> whole(const char* key, std::int64_t lo, std::int64_t hi) const {
    const json* v = get(key);
    if (!v) return std::nullopt;
    return whole_number(path(key), *v, lo, hi);
  }

 protected:
  /// The object read.
  [[nodiscard]] const json& object() const noexcept { return o_; }
  /// The names asked for so far.
  [[nodiscard]] const std::vector<std::string_view>& used_names() const noexcept { return used_; }

 private:
  const json& o_;
  std::string path_;
  Raise raise_;
  mutable std::vector<std::string_view> used_;  // the names asked for, for check_unknown
};

/// "H:MM" (hours may have any number of digits, minutes exactly two, below 60) → minutes;
/// nullopt if malformed. With `allow_negative`, an optional leading '-' as hours_text writes
/// negative durations (an event's hours; a market's weekly hours take none).
inline std::optional<Minutes> parse_hours_text(std::string_view s, bool allow_negative) {
  bool negative = false;
  if (allow_negative && !s.empty() && s.front() == '-') {
    negative = true;
    s.remove_prefix(1);
  }
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 7 || s.size() != colon + 3) return std::nullopt;
  std::int64_t h = 0;
  for (char c : s.substr(0, colon)) {
    if (c < '0' || c > '9') return std::nullopt;
    h = h * 10 + (c - '0');
  }
  const char m1 = s[colon + 1], m2 = s[colon + 2];
  if (m1 < '0' || m1 > '5' || m2 < '0' || m2 > '9') return std::nullopt;
  const std::int64_t total = h * 60 + (m1 - '0') * 10 + (m2 - '0');
  if (total > std::numeric_limits<Minutes>::max()) return std::nullopt;
  return static_cast<Minutes>(negative ? -total : total);
}

/// True when `s` has the shape "H:MM" (an optional '-', digits, ':', two digits below 60)
/// whatever the number of hour digits: parse_hours_text failing on such text means out of range.
inline bool hours_text_shape(std::string_view s) {
  if (!s.empty() && s.front() == '-') s.remove_prefix(1);
  const auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0 || s.size() != colon + 3) return false;
  for (char c : s.substr(0, colon))
    if (c < '0' || c > '9') return false;
  return s[colon + 1] >= '0' && s[colon + 1] <= '5' && s[colon + 2] >= '0' && s[colon + 2] <= '9';
}

/// Output text: compact for indent < 0, invalid UTF-8 replaced (ids are opaque bytes).
/// A date as "YYYY-MM-DD", null for a special value.
inline ojson date_json(Date d) { return d.is_special() ? ojson(nullptr) : ojson(iso(d)); }

/// Input warnings as [{"field": ..., "message": ...}].
inline ojson warnings_json(const std::vector<InputWarning>& warnings) {
  ojson a = ojson::array();
  for (const auto& w : warnings) a.push_back(ojson{{"field", w.field}, {"message", w.message}});
  return a;
}

inline std::string dump(const ojson& j, int indent) {
  check_indent(indent);
  return j.dump(indent < 0 ? -1 : indent, ' ', false, ojson::error_handler_t::replace);
}

}  // namespace kanten::inline v1::json_text
