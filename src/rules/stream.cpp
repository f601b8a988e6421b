// Caseloads of any size: CaseReader (JSON document, JSON Lines, the CSV event table) and
// evaluate_stream.
//
// The JSON formats are read in two layers. The first finds where each case begins and ends in a
// buffer of the input (1 MiB, grown only for a case larger than it), without building anything.
// The second reads that case: simdjson's DOM parser (fully validating, at the speed of the memory)
// with a fast path that takes every plainly valid case directly into kanten's Case through the
// one mapping of event fields (src/rules/payload.hpp). Anything the fast path does not take as
// plainly valid — a syntax error, a key given twice, a field it does not know, a value of another
// type, a CPR-shaped id, "H:MM" text — goes to the whole-document reader (src/rules/json.cpp) for
// that case alone, so every message, warning and InputIssue is that reader's, and the answers of
// the two readers cannot differ. Memory: the buffer, the case being read, and the citizen ids seen
// (to refuse a second case of one citizen, decision "One case per citizen").
#include "kanten/rules/stream.hpp"

#include "kanten/core/error.hpp"
#include "rules/csv.hpp"
#include "rules/json_reader.hpp"
#include "rules/payload.hpp"
#include "core/json_text.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <filesystem>
#include <cstring>
#include <fstream>
#include <future>
#include <iostream>
#include <limits>
#include <sstream>
#include <unordered_map>
#include <utility>

namespace kanten::inline v1 {
namespace {

constexpr std::size_t k_block = std::size_t{1} << 20;

std::string at(const std::string& base, std::size_t i) { return base + "[" + std::to_string(i) + "]"; }

// ---------------------------------------------------------------------------------------------
// The input: a buffer over a stream, with absolute offsets and line numbers
// ---------------------------------------------------------------------------------------------

/// A window [base_, base_ + len_) of the input; bytes before the caller's anchor may be dropped
/// when more are read. Every new byte is checked for NUL. The buffer is followed by
/// SIMDJSON_PADDING readable bytes, so simdjson parses a case where it lies. Line numbers come from
/// a cursor that only moves forward: the whole input is counted once.
class Input {
 public:
  Input(std::istream& in, std::string name, std::size_t max_record) : in_(in), name_(std::move(name)), max_(max_record) {
    data_.resize(k_block + simdjson::SIMDJSON_PADDING);
  }

  [[nodiscard]] std::uint64_t end() const noexcept { return base_ + len_; }
  [[nodiscard]] const char* ptr(std::uint64_t pos) const noexcept { return data_.data() + (pos - base_); }
  [[nodiscard]] char at(std::uint64_t pos) const noexcept { return data_[static_cast<std::size_t>(pos - base_)]; }
  [[nodiscard]] std::size_t max() const noexcept { return max_; }

  /// Reads more input, keeping the bytes from `anchor` on; false at the end of the input.
  bool fill(std::uint64_t anchor) {
    if (eof_) return false;
    if (anchor > base_) drop(anchor);
    std::size_t capacity = data_.size() - simdjson::SIMDJSON_PADDING;
    if (len_ == capacity) {
      if (len_ > max_) too_long(anchor);
      capacity = std::min<std::size_t>(capacity * 2, max_ + 1);
      data_.resize(capacity + simdjson::SIMDJSON_PADDING);
    }
    in_.read(data_.data() + len_, static_cast<std::streamsize>(capacity - len_));
    const auto got = static_cast<std::size_t>(in_.gcount());
    if (in_.bad()) throw Error(Errc::io_error, "file", name_, std::string("cannot be read: ") + std::strerror(errno));
    if (got == 0) {
      eof_ = true;
      return false;
    }
    if (const void* nul = std::memchr(data_.data() + len_, '\0', got)) {
      const std::uint64_t pos = base_ + static_cast<std::uint64_t>(static_cast<const char*>(nul) - data_.data());
      len_ += got;
      throw Error(Errc::parse_error, "file", name_,
                  "not text: a NUL byte at offset " + std::to_string(pos) + where(pos) + " (text has none)");
    }
    len_ += got;
    return true;
  }

  [[noreturn]] void too_long(std::uint64_t start) {
    throw Error(Errc::invalid_input, "file", name_,
                "a case larger than the maximum input size of " + std::to_string(max_) +
                    " bytes (ReadOptions::max_bytes, which bounds each case of a stream), beginning" + where(start));
  }

  /// The line of `pos` (1-based); `pos` is at or after every position asked before.
  [[nodiscard]] std::uint64_t line(std::uint64_t pos) {
    advance(pos);
    return lines_ + 1;
  }
  /// " at line L, column C" of `pos` (at or after every position asked before).
  [[nodiscard]] std::string where(std::uint64_t pos) {
    advance(pos);
    return " at line " + std::to_string(lines_ + 1) + ", column " + std::to_string(pos - line_start_ + 1);
  }

 private:
  /// Moves the line cursor to `pos` (never back, never past the bytes held).
  void advance(std::uint64_t pos) {
    pos = std::min(pos, end());
    if (pos <= cursor_) return;
    const char* p = ptr(cursor_);
    const char* e = ptr(pos);
    while (const void* q = std::memchr(p, '\n', static_cast<std::size_t>(e - p))) {
      ++lines_;
      p = static_cast<const char*>(q) + 1;
      line_start_ = base_ + static_cast<std::uint64_t>(p - data_.data());
    }
    cursor_ = pos;
  }
  void drop(std::uint64_t anchor) {
    advance(anchor);
    const std::size_t n = static_cast<std::size_t>(anchor - base_);
    std::memmove(data_.data(), data_.data() + n, len_ - n);
    len_ -= n;
    base_ = anchor;
  }

  std::istream& in_;
  std::string name_;
  std::size_t max_;
  std::vector<char> data_;
  std::uint64_t base_ = 0;        // offset of data_[0] in the input
  std::size_t len_ = 0;           // bytes held
  std::uint64_t cursor_ = 0;      // lines are counted up to here
  std::uint64_t lines_ = 0;       // '\n' before cursor_
  std::uint64_t line_start_ = 0;  // offset of the first byte of cursor_'s line
  bool eof_ = false;
};

/// The citizens read so far: a second case of one citizen is an error naming both (decision
/// "One case per citizen", docs/decisions.md).
class Citizens {
 public:
  /// Records the case at[base, index] (at `line`) of `citizen`; an error when it was seen before.
  void check(const std::string& citizen, const std::string& base, std::size_t index, std::uint64_t line) {
    auto [it, fresh] = seen_.try_emplace(citizen, Seen{index, line});
    if (!fresh)
      throw Error(Errc::invalid_input, at(base, index) + ".citizen", citizen,
                  "duplicate citizen id: the same citizen is at " + at(base, it->second.index) + " (line " +
                      std::to_string(it->second.line) + "); a caseload holds one case per citizen (this one is at line " +
                      std::to_string(line) + ")");
  }

 private:
  struct Seen {
    std::size_t index;
    std::uint64_t line;
  };
  std::unordered_map<std::string, Seen> seen_;
};

// ---------------------------------------------------------------------------------------------
// The fast path: a plainly valid case straight from simdjson's DOM
// ---------------------------------------------------------------------------------------------

/// Not plainly valid: the whole-document reader reads the case.
struct Fallback {};
[[noreturn]] void fallback() { throw Fallback{}; }

using simdjson::dom::element;
using simdjson::dom::element_type;

/// Equal names: the length and the first byte decide most comparisons without a call.
inline bool same_name(std::string_view a, std::string_view b) noexcept {
  return a.size() == b.size() && (a.empty() || a[0] == b[0]) && std::memcmp(a.data(), b.data(), a.size()) == 0;
}

/// The dates read most recently: a record holds few distinct dates, each on many events, and
/// a date string is compared faster than it is checked and converted.
class DateCache {
 public:
  std::optional<Date> get(std::string_view s) {
    if (s.size() != 10) return parse_date(s);
    std::uint64_t head = 0;
    std::uint16_t tail = 0;
    std::memcpy(&head, s.data(), 8);
    std::memcpy(&tail, s.data() + 8, 2);
    Slot& slot = slots_[((head + tail * 0x100000001B3ULL) * 0x9E3779B97F4A7C15ULL) >> 54];
    if (slot.valid && slot.head == head && slot.tail == tail) return slot.date;
    const auto d = parse_date(s);
    if (d) slot = Slot{head, tail, true, *d};
    return d;
  }

 private:
  struct Slot {
    std::uint64_t head = 0;
    std::uint16_t tail = 0;
    bool valid = false;
    Date date;
  };
  std::array<Slot, 1024> slots_{};
};

/// The members of one event object, read as the JSON reader's EventFields reads them; anything
/// but a plainly valid value is a Fallback. Marks which members were read.
class SimdFields {
 public:
  struct Member {
    std::string_view key;
    element value;
    bool used;
  };
  SimdFields(std::vector<Member>& members, DateCache& dates) : m_(members), dates_(dates) {}

  [[noreturn]] static void fault(const std::string&, const std::string&, const std::string&) { fallback(); }

  [[nodiscard]] bool present(std::string_view key) { return get(key) != nullptr; }

  template <class Enum>
  [[nodiscard]] Enum vocab(std::string_view key) {
    Enum out{};
    if (!parse_name(need_string(key), out)) fallback();
    return out;
  }
  template <class Enum>
  [[nodiscard]] std::vector<Enum> vocabs(std::string_view key) {
    return list<Enum>(key, [](std::string_view t) {
      Enum e{};
      if (!parse_name(t, e)) fallback();
      return e;
    });
  }
  [[nodiscard]] std::string id(std::string_view key) { return checked(need_string(key)); }
  [[nodiscard]] std::string opt_id(std::string_view key) {
    const element* v = get(key);
    return v ? checked(string_of(*v)) : std::string();
  }
  [[nodiscard]] std::vector<std::string> ids(std::string_view key) {
    return list<std::string>(key, [](std::string_view t) {
      if (t.empty()) fallback();
      return checked(t);
    });
  }
  [[nodiscard]] std::string text(std::string_view key) {
    const element* v = get(key);
    return v ? std::string(string_of(*v)) : std::string();
  }
  [[nodiscard]] std::vector<std::string> texts(std::string_view key) {
    return list<std::string>(key, [](std::string_view t) { return std::string(t); });
  }
  [[nodiscard]] bool flag(std::string_view key) {
    const element* v = get(key);
    if (!v) fallback();
    return bool_of(*v);
  }
  [[nodiscard]] bool opt_flag(std::string_view key, bool otherwise) {
    const element* v = get(key);
    return v ? bool_of(*v) : otherwise;
  }
  [[nodiscard]] Date date(std::string_view key) { return date_of(need_string(key)); }
  [[nodiscard]] Date opt_date(std::string_view key, Date otherwise) {
    const element* v = get(key);
    return v ? date_of(string_of(*v)) : otherwise;
  }
  /// Whole minutes; "H:MM" text is the JSON reader's to take.
  [[nodiscard]] std::optional<Minutes> duration(std::string_view minutes_key, std::string_view hours_key) {
    if (present(hours_key)) fallback();
    const element* v = get(minutes_key);
    if (!v) return std::nullopt;
    if (v->type() != element_type::INT64) fallback();
    const std::int64_t i = v->get_int64().value_unsafe();
    if (i < std::numeric_limits<Minutes>::min() || i > std::numeric_limits<Minutes>::max()) fallback();
    return static_cast<Minutes>(i);
  }

  /// The member `key` (marked as read), nullptr when absent or null.
  const element* get(std::string_view key) {
    for (auto& m : m_)
      if (same_name(m.key, key)) {
        m.used = true;
        return m.value.is_null() ? nullptr : &m.value;
      }
    return nullptr;
  }
  /// True when every member was read.
  [[nodiscard]] bool all_used() const {
    return std::all_of(m_.begin(), m_.end(), [](const Member& m) { return m.used; });
  }

 private:
  static std::string_view string_of(const element& v) {
    std::string_view s;
    if (v.get_string().get(s)) fallback();
    return s;
  }
  static bool bool_of(const element& v) {
    bool b = false;
    if (v.get_bool().get(b)) fallback();
    return b;
  }
  Date date_of(std::string_view s) {
    const auto d = dates_.get(s);
    if (!d) fallback();
    return *d;
  }
  static std::string checked(std::string_view id) {
    if (looks_like_cpr(id)) fallback();  // refused by the reader, with its message
    return std::string(id);
  }
  std::string_view need_string(std::string_view key) {
    const element* v = get(key);
    if (!v) fallback();
    return string_of(*v);
  }
  template <class T, class F>
  std::vector<T> list(std::string_view key, F&& f) {
    std::vector<T> out;
    const element* v = get(key);
    if (!v) return out;
    simdjson::dom::array a;
    if (v->get_array().get(a)) fallback();
    out.reserve(a.size());
    for (element e : a) out.push_back(f(string_of(e)));
    return out;
  }

  std::vector<Member>& m_;
  DateCache& dates_;
};

/// Collects the members of `o` into `out`; false when a key is given twice.
bool members_of(simdjson::dom::object o, std::vector<SimdFields::Member>& out) {
  out.clear();
  for (auto field : o) {
    for (const auto& m : out)
      if (same_name(m.key, field.key)) return false;
    out.push_back({field.key, field.value, false});
  }
  return true;
}

/// Reads `doc` into `out` when it is a plainly valid case; false (out partly filled) otherwise.
class FastCase {
 public:
  bool read(element doc, Case& out) {
    try {
      return read_case(doc, out);
    } catch (const Fallback&) {
      return false;
    }
  }

 private:
  bool read_case(element doc, Case& out) {
    simdjson::dom::object o;
    if (doc.get_object().get(o)) return false;
    if (!members_of(o, top_)) return false;
    bool citizen = false;
    for (const auto& m : top_) {
      if (m.key == "citizen") {
        std::string_view id;
        if (m.value.get_string().get(id) || id.empty() || looks_like_cpr(id)) return false;
        out.citizen.assign(id);
        citizen = true;
      } else if (m.key == "profile") {
        if (!m.value.is_null() && !read_profile(m.value, out.profile)) return false;
      } else if (m.key == "events") {
        if (!m.value.is_null() && !read_events(m.value, out.events)) return false;
      } else {
        return false;  // an unknown member: the reader's warning
      }
    }
    return citizen;
  }

  bool read_profile(element p, Profile& out) {
    simdjson::dom::object o;
    if (p.get_object().get(o) || !members_of(o, fields_)) return false;
    SimdFields f(fields_, dates_);
    if (f.present("benefit")) out.benefit = f.vocab<Benefit>("benefit");
    out.activity_ready = f.opt_flag("activity_ready", out.activity_ready);
    out.lives_in_designated_area = f.opt_flag("lives_in_designated_area", out.lives_in_designated_area);
    out.in_integration_programme = f.opt_flag("in_integration_programme", out.in_integration_programme);
    return f.all_used();
  }

  bool read_events(element e, std::vector<Event>& out) {
    simdjson::dom::array a;
    if (e.get_array().get(a)) return false;
    out.reserve(a.size());
    for (element x : a) {
      simdjson::dom::object o;
      if (x.get_object().get(o) || !members_of(o, fields_)) return false;
      SimdFields f(fields_, dates_);
      const auto kind = f.vocab<EventKind>("kind");
      const Date date = f.date("date");
      out.push_back(Event{date, detail::read_payload(kind, f, date)});
      if (!f.all_used()) return false;
    }
    return true;
  }

  std::vector<SimdFields::Member> top_, fields_;
  DateCache dates_;
};


// ---------------------------------------------------------------------------------------------
// JSON and JSON Lines: where each case lies, then the case
// ---------------------------------------------------------------------------------------------

bool is_space(char c) noexcept { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

/// The source of cases of every format.
class CaseSource {
 public:
  virtual ~CaseSource() = default;
  virtual bool next(Case& out) = 0;
  [[nodiscard]] virtual std::uint64_t bytes() const noexcept = 0;
  [[nodiscard]] virtual bool single() const noexcept { return false; }
  [[nodiscard]] virtual const std::vector<InputWarning>& warnings() const noexcept = 0;
};

class JsonCases final : public CaseSource {
 public:
  JsonCases(std::istream& in, std::string name, const ReadOptions& options, bool lines)
      : in_(in, std::move(name), options.max_bytes), options_(options), lines_(lines) {}

  bool next(Case& out) override { return lines_ ? next_line(out) : next_element(out); }
  [[nodiscard]] std::uint64_t bytes() const noexcept override { return pos_; }
  [[nodiscard]] bool single() const noexcept override { return single_; }
  [[nodiscard]] const std::vector<InputWarning>& warnings() const noexcept override { return warnings_; }

 private:
  enum class State { start, elements, done };

  // --- JSON Lines ---

  bool next_line(Case& out) {
    for (;;) {
      if (pos_ == in_.end() && !in_.fill(pos_)) return false;
      const std::uint64_t b = pos_;
      std::uint64_t scan = b, e = 0;
      for (;;) {
        const void* nl = std::memchr(in_.ptr(scan), '\n', static_cast<std::size_t>(in_.end() - scan));
        if (nl) {
          e = scan + static_cast<std::uint64_t>(static_cast<const char*>(nl) - in_.ptr(scan));
          pos_ = e + 1;
          break;
        }
        scan = in_.end();
        if (scan - b > in_.max()) in_.too_long(b);
        if (!in_.fill(b)) {
          e = pos_ = in_.end();
          break;
        }
      }
      std::uint64_t le = e;
      while (le > b && is_space(in_.at(le - 1))) --le;
      std::uint64_t lb = b;
      while (lb < le && is_space(in_.at(lb))) ++lb;
      if (lb == le) continue;  // a blank line
      read(lb, le, "", out);
      return true;
    }
  }

  // --- one JSON document ---

  bool next_element(Case& out) {
    switch (state_) {
      case State::start: {
        std::uint64_t p = pos_;
        char c = 0;
        if (!skip_space(p, c, p))
          throw Error(Errc::parse_error, "", "",
                      "not valid JSON: unexpected end of input; expected '[', '{', or a literal" + in_.where(p));
        if (c == '[') {
          pos_ = p + 1;
          state_ = State::elements;
          break;
        }
        if (c == '{') {
          if (open_object(p, out)) return true;  // one case
          break;                                 // the cases of {"cases": [...]}
        }
        // Neither a caseload nor a case object: the reader says what is wrong with it.
        single_ = true;
        const std::uint64_t e = scan_value(p, p);
        read(p, e, "", out);
        pos_ = e;
        finish_document();
        return true;
      }
      case State::elements: break;
      case State::done: return false;
    }
    if (state_ != State::elements) return false;
    std::uint64_t p = pos_;
    char c = 0;
    if (!skip_space(p, c, p)) end_of_input(p, "the array of cases is not closed");
    if (c == ']') {
      end_elements(p + 1);
      return false;
    }
    if (index_ > 0) {
      if (c != ',') syntax(p, "expected ',' or ']' after a case");
      ++p;
      if (!skip_space(p, c, p)) end_of_input(p, "the array of cases is not closed");
      if (c == ']' || c == ',') syntax(p, "expected a case after ','");
    }
    const std::uint64_t e = scan_value(p, p);
    read(p, e, base_, out);
    pos_ = e;
    return true;
  }

  /// The top-level object at `p`: true when it is one case (read into `out`), false when it is
  /// {"cases": [...]} (positioned at its first case). Until "cases" is found the object is kept
  /// whole (it may be one case, bounded by ReadOptions::max_bytes).
  bool open_object(std::uint64_t p, Case& out) {
    object_ = p;
    if (members(p + 1, p)) return false;
    single_ = true;
    read(p, pos_, "", out);
    finish_document();
    return true;
  }

  /// Reads the members of the top-level object from `q` (after '{' or after the cases' ']'),
  /// keeping the bytes from `anchor` on: true when it stops at the array of "cases" (pos_ at its
  /// first case), false at the object's end (pos_ after its '}').
  bool members(std::uint64_t q, std::uint64_t anchor) {
    bool need_comma = key_count_ > 0;
    for (;;) {
      char c = 0;
      if (!skip_space(q, c, anchor)) end_of_input(q, "an object is not closed");
      if (c == '}') {
        pos_ = q + 1;
        return false;
      }
      if (need_comma) {
        if (c != ',') syntax(q, "expected ',' or '}' after an object member");
        ++q;
        if (!skip_space(q, c, anchor)) end_of_input(q, "an object is not closed");
      }
      if (c != '"') syntax(q, "expected a member name (a string)");
      const std::uint64_t key_end = scan_string(q, anchor);
      const std::string key = decode_key(q, key_end);
      q = key_end;
      if (!skip_space(q, c, anchor)) end_of_input(q, "an object is not closed");
      if (c != ':') syntax(q, "expected ':' after a member name");
      ++q;
      if (!skip_space(q, c, anchor)) end_of_input(q, "an object is not closed");
      ++key_count_;
      need_comma = true;
      if (key == "cases") {
        if (cases_seen_)
          throw Error(Errc::invalid_input, "cases", "",
                      "duplicate key: an object names each field once (which value would count?)");
        cases_seen_ = true;
        if (c == '[') {
          pos_ = q + 1;
          base_ = "cases";
          state_ = State::elements;
          return true;
        }
        const std::uint64_t e = scan_value(q, anchor);
        std::string_view text(in_.ptr(q), static_cast<std::size_t>(e - q));
        const nlohmann::json v = nlohmann::json::parse(text, nullptr, false);
        if (v.is_null())
          throw Error(Errc::invalid_input, "cases", "", "missing: a caseload is {\"cases\": [...]} or a JSON array of cases");
        throw Error(Errc::invalid_input, "cases", v.is_discarded() ? "" : json_text::shown(v),
                    "the cases must be a JSON array, not " + (v.is_discarded() ? std::string("valid JSON") : json_text::a_type(v)));
      }
      for (const auto& k : other_keys_)
        if (k == key)
          throw Error(Errc::invalid_input, json_text::shown_name(key), "",
                      "duplicate key: an object names each field once (which value would count?)");
      other_keys_.push_back(key);
      // Not read, but checked: the document is valid JSON to its end (the first invalid byte stops
      // the reader wherever it is), as the whole-document reader checks it.
      const std::uint64_t e = scan_value(q, anchor);
      std::size_t error_byte = std::string_view::npos;
      try {
        (void)json_text::parse_document(std::string_view(in_.ptr(q), static_cast<std::size_t>(e - q)), in_.max(),
                                        &error_byte);
      } catch (const Error& err) {
        rethrow(err, q, error_byte, {});
      }
      q = e;
    }
  }

  /// After the array of cases: the rest of the document.
  void end_elements(std::uint64_t p) {
    if (cases_seen_) {
      members(p, p);
      detail::check_caseload_fields(other_keys_, options_, warnings_);
    } else {
      pos_ = p;
    }
    finish_document();
  }

  /// Nothing but whitespace may follow the document.
  void finish_document() {
    state_ = State::done;
    std::uint64_t p = pos_;
    char c = 0;
    if (skip_space(p, c, p))
      throw Error(Errc::parse_error, "", "", "not valid JSON: unexpected content" + in_.where(p) + "; expected end of input");
    pos_ = p;
  }

  // --- scanning ---

  /// Skips whitespace from `p`; false at the end of the input, else `c` is the byte at `p`.
  bool skip_space(std::uint64_t& p, char& c, std::uint64_t anchor) {
    for (;;) {
      while (p < in_.end() && is_space(in_.at(p))) ++p;
      if (p < in_.end()) {
        c = in_.at(p);
        return true;
      }
      if (!in_.fill(std::min(anchor, p))) return false;
    }
  }

  /// The end of the string that starts at `b` (its opening quote).
  std::uint64_t scan_string(std::uint64_t b, std::uint64_t anchor) {
    std::uint64_t p = b + 1;
    for (;;) {
      if (p >= in_.end() && !in_.fill(anchor)) end_of_input(b, "a string is not closed");
      const char* s = in_.ptr(p);
      const void* q = std::memchr(s, '"', static_cast<std::size_t>(in_.end() - p));
      if (!q) {
        p = in_.end();
        continue;
      }
      const std::uint64_t quote = p + static_cast<std::uint64_t>(static_cast<const char*>(q) - s);
      std::uint64_t backslashes = 0;
      while (quote - backslashes - 1 > b && in_.at(quote - backslashes - 1) == '\\') ++backslashes;
      if (backslashes % 2 == 0) return quote + 1;
      p = quote + 1;
    }
  }

  /// The end of the value that starts at `b` (a case, or any value): its brackets balanced,
  /// strings skipped. The parser checks the rest.
  std::uint64_t scan_value(std::uint64_t b, std::uint64_t anchor) {
    const char first = in_.at(b);
    if (first == '"') return scan_string(b, anchor);
    std::uint64_t p = b;
    if (first != '{' && first != '[') {  // a literal: up to the next delimiter
      for (;;) {
        while (p < in_.end()) {
          const char c = in_.at(p);
          if (is_space(c) || c == ',' || c == ']' || c == '}') return p;
          ++p;
        }
        if (!in_.fill(anchor)) return p;
      }
    }
    std::size_t depth = 0;
    for (;;) {
      if (p >= in_.end() && !in_.fill(anchor)) end_of_input(b, "a case is not closed");
      const char* s = in_.ptr(p);
      const char* e = in_.ptr(in_.end());
      const char* d = s;
      for (; d < e; ++d) {
        const char c = *d;
        if (c == '"') break;
        if (c == '{' || c == '[') {
          ++depth;
        } else if ((c == '}' || c == ']') && --depth == 0) {
          const std::uint64_t end = p + static_cast<std::uint64_t>(d - s) + 1;
          if (end - b > in_.max()) in_.too_long(b);
          return end;
        }
      }
      p += static_cast<std::uint64_t>(d - s);
      if (d < e) p = scan_string(p, anchor);  // pointers are not kept across a refill
      if (p - b > in_.max()) in_.too_long(b);
    }
  }

  std::string decode_key(std::uint64_t b, std::uint64_t e) {
    std::string_view raw(in_.ptr(b + 1), static_cast<std::size_t>(e - b - 2));
    if (raw.find('\\') == std::string_view::npos) return std::string(raw);
    const nlohmann::json k = nlohmann::json::parse(std::string_view(in_.ptr(b), static_cast<std::size_t>(e - b)), nullptr, false);
    if (!k.is_string()) syntax(b, "a member name is not a valid JSON string");
    return k.get<std::string>();
  }

  [[noreturn]] void syntax(std::uint64_t p, const std::string& what) {
    throw Error(Errc::parse_error, "", "", "not valid JSON: " + what + in_.where(p));
  }
  /// The input ended inside something that begins at `p`: both places are named.
  [[noreturn]] void end_of_input(std::uint64_t p, const std::string& what) {
    const std::string begins = in_.where(p);
    throw Error(Errc::parse_error, "", "", "not valid JSON: unexpected end of input" + in_.where(in_.end()) + ": " + what +
                                               " (it begins" + begins + ")");
  }

  // --- one case ---

  /// Reads the case at [b, e), the `index_`-th of the document under `base`.
  void read(std::uint64_t b, std::uint64_t e, const std::string& base, Case& out) {
    const std::size_t n = static_cast<std::size_t>(e - b);
    if (n > in_.max()) in_.too_long(b);
    const std::uint64_t line = in_.line(b);
    const std::string path = single_ ? std::string() : at(base, index_);
    const char* text = in_.ptr(b);
    out = Case{};
    element doc;
    const bool parsed = !parser_.parse(reinterpret_cast<const std::uint8_t*>(text), n, false).get(doc);
    if (!parsed || !fast_.read(doc, out)) {
      std::size_t error_byte = std::string_view::npos;
      try {
        out = detail::read_case_text(std::string_view(text, n), path, options_, &error_byte);
      } catch (const Error& err) {
        rethrow(err, b, error_byte, parsed ? citizen_of(doc) : std::string());
      }
    }
    if (!single_) citizens_.check(out.citizen, base, index_, line);
    ++index_;
  }

  /// The citizen id of a parsed case, when it is one that may be shown.
  static std::string citizen_of(element doc) {
    std::string_view id;
    if (doc["citizen"].get_string().get(id) || id.empty() || id.size() > 64 || looks_like_cpr(id) ||
        id.find_first_of(" \t\r\n") != std::string_view::npos)
      return {};
    return std::string(id);
  }

  /// `err` from the case at `b`, with where it is: a syntax error's own line and column in the
  /// input; any other error, the case's line and column and its citizen.
  [[noreturn]] void rethrow(const Error& err, std::uint64_t b, std::size_t error_byte, const std::string& citizen) {
    std::string message = err.message();
    const auto at_line = message.find(" at line ");
    if (err.code() == Errc::parse_error && error_byte != std::string_view::npos && at_line != std::string::npos) {
      const auto colon = message.find(':', at_line);
      const std::string here = in_.where(b + error_byte);
      message = message.substr(0, at_line) + here + (colon == std::string::npos ? "" : message.substr(colon));
    } else {
      message += " (in the case that begins" + in_.where(b) + (citizen.empty() ? "" : ", citizen " + citizen) + ")";
    }
    throw Error(err.code(), err.field(), err.value(), message);
  }

  Input in_;
  const ReadOptions& options_;
  bool lines_;
  State state_ = State::start;
  std::uint64_t pos_ = 0;
  std::uint64_t object_ = 0;
  std::string base_;
  std::size_t index_ = 0;
  std::size_t key_count_ = 0;
  bool single_ = false, cases_seen_ = false;
  std::vector<std::string> other_keys_;
  std::vector<InputWarning> warnings_;
  Citizens citizens_;
  simdjson::dom::parser parser_;
  FastCase fast_;
};

/// The CSV event table (src/rules/csv.cpp), with the check of one case per citizen.
class CsvSource final : public CaseSource {
 public:
  CsvSource(std::istream& in, std::string name, const ReadOptions& options) : csv_(in, std::move(name), options) {}
  bool next(Case& out) override {
    if (!csv_.next(out)) return false;
    citizens_.check(out.citizen, "", index_++, csv_.line());
    return true;
  }
  [[nodiscard]] std::uint64_t bytes() const noexcept override { return csv_.bytes(); }
  [[nodiscard]] const std::vector<InputWarning>& warnings() const noexcept override { return csv_.warnings(); }

 private:
  detail::CsvCases csv_;
  Citizens citizens_;
  std::size_t index_ = 0;
};

}  // namespace

// ---------------------------------------------------------------------------------------------
// CaseReader
// ---------------------------------------------------------------------------------------------

struct CaseReader::Impl {
  std::unique_ptr<std::istream> owned;
  ReadOptions options;
  Format format = Format::json;
  std::unique_ptr<CaseSource> source;
  std::size_t count = 0;
  std::exception_ptr failed;

  void open(std::istream& in, std::string name) {
    if (format == Format::csv)
      source = std::make_unique<CsvSource>(in, std::move(name), options);
    else
      source = std::make_unique<JsonCases>(in, std::move(name), options, format == Format::jsonl);
  }
};

CaseReader::CaseReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

CaseReader::CaseReader(const std::string& path, std::optional<Format> format, const ReadOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->format = format ? *format : format_of_path(path).value_or(Format::json);
  if (path == "-") {
    impl_->open(std::cin, "stdin");
    return;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw Error(Errc::io_error, "file", path, "cannot be read: it is a directory");
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!*file) throw Error(Errc::io_error, "file", path, std::string("cannot be opened: ") + std::strerror(errno));
  impl_->owned = std::move(file);
  impl_->open(*impl_->owned, path);
}

CaseReader::CaseReader(std::istream& in, std::string name, Format format, const ReadOptions& options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = options;
  impl_->format = format;
  impl_->open(in, std::move(name));
}

CaseReader CaseReader::from_text(std::string_view text, Format format, const ReadOptions& options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->format = format;
  impl->owned = std::make_unique<std::istringstream>(std::string(text));
  impl->open(*impl->owned, "text");
  return CaseReader(std::move(impl));
}

CaseReader::CaseReader(CaseReader&&) noexcept = default;
CaseReader& CaseReader::operator=(CaseReader&&) noexcept = default;
CaseReader::~CaseReader() = default;

bool CaseReader::next(Case& out) {
  if (impl_->failed) std::rethrow_exception(impl_->failed);
  try {
    Case c;
    if (!impl_->source->next(c)) return false;
    out = std::move(c);
    ++impl_->count;
    return true;
  } catch (...) {
    impl_->failed = std::current_exception();
    throw;
  }
}

std::size_t CaseReader::next(std::vector<Case>& out, std::size_t max) {
  std::size_t n = 0;
  Case c;
  while (n < max && next(c)) {
    out.push_back(std::move(c));
    ++n;
  }
  return n;
}

Format CaseReader::format() const noexcept { return impl_->format; }
bool CaseReader::single() const noexcept { return impl_->source->single(); }
std::size_t CaseReader::count() const noexcept { return impl_->count; }
std::uint64_t CaseReader::bytes() const noexcept { return impl_->source->bytes(); }
const std::vector<InputWarning>& CaseReader::warnings() const noexcept { return impl_->source->warnings(); }

Caseload read_caseload(const std::string& path, std::optional<Format> format, const ReadOptions& options, bool* single) {
  CaseReader reader(path, format, options);
  Caseload load;
  Case c;
  while (reader.next(c)) load.cases.push_back(std::move(c));
  load.warnings = reader.warnings();
  if (single) *single = reader.single();
  return load;
}

// ---------------------------------------------------------------------------------------------
// evaluate_stream
// ---------------------------------------------------------------------------------------------

std::size_t evaluate_stream(CaseReader& in, const EvaluateOptions& options,
                            const std::function<void(const Case&, const Evaluation&)>& sink,
                            const StreamOptions& stream) {
  if (stream.chunk < 1 || stream.chunk > 1'000'000)
    throw Error(Errc::invalid_argument, "chunk", std::to_string(stream.chunk), "out of range: from 1 to 1000000");
  if (!sink) throw Error(Errc::invalid_argument, "sink", "", "missing: a function to hand each evaluation to");
  std::vector<Case> current, ahead;
  in.next(current, stream.chunk);
  std::size_t done = 0;
  while (!current.empty()) {
    // Read the next chunk while this one is evaluated. The future's destructor waits for it, so
    // an exception from the evaluation or the sink never leaves the reader running.
    std::future<void> reading;
    if (stream.read_ahead)
      reading = std::async(std::launch::async, [&] { in.next(ahead, stream.chunk); });
    for (const Case& c : current) {
      const Evaluation e = evaluate(c, options);
      sink(c, e);
    }
    done += current.size();
    if (options.progress && !ahead.empty()) options.progress("evaluate", done, 0);  // the total is not known
    if (reading.valid())
      reading.get();
    else
      in.next(ahead, stream.chunk);
    current.swap(ahead);
    ahead.clear();
  }
  if (options.progress) options.progress("evaluate", done, done);  // the stage is finished
  return done;
}

}  // namespace kanten::inline v1
