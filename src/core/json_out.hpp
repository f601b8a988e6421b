// Private: JSON text written straight into a string, byte for byte as nlohmann's printer writes
// the same value (json_text::dump: ensure_ascii off, invalid UTF-8 replaced by U+FFFD), without
// building the value first. Objects and arrays are opened and closed in order; within an object
// each value follows its key(). The writers of documents too large to hold as a value twice
// (cases, evaluations) write with it, several times faster than building the value and printing
// it.
//
// nlohmann's layout, which this follows (nlohmann/detail/output/serializer.hpp):
//  - compact (indent < 0): {"a":1,"b":[1,2]};
//  - indent n ≥ 0: "{\n", each member on its own line indented n × (depth + 1) spaces as
//    "\"key\": value", ",\n" between members, then "\n", n × depth spaces and "}"; the same for
//    arrays; so indent 0 breaks lines without indenting them;
//  - an empty object or array is "{}" or "[]" on one line at every indent.
#pragma once

#include <nlohmann/json.hpp>

#include <array>
#include <charconv>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "kanten/core/date.hpp"

namespace kanten::inline v1 {

namespace json_out_detail {

/// The length of the well-formed UTF-8 sequence at p (Unicode Table 3-7: no overlong forms, no
/// surrogates, nothing above U+10FFFF; what nlohmann's decoder accepts), or 0.
inline std::size_t utf8_length(const unsigned char* p, const unsigned char* end) noexcept {
  const unsigned char c = p[0];
  const auto cont = [&](std::size_t i, unsigned char lo = 0x80, unsigned char hi = 0xBF) {
    return static_cast<std::size_t>(end - p) > i && p[i] >= lo && p[i] <= hi;
  };
  if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
  if (c == 0xE0) return cont(1, 0xA0) && cont(2) ? 3 : 0;
  if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
  if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0;
  if (c == 0xF0) return cont(1, 0x90) && cont(2) && cont(3) ? 4 : 0;
  if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
  if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0;
  return 0;
}

/// A byte copied as it is inside a string: printable ASCII (and DEL) but the quote and the
/// backslash.
inline constexpr bool plain(unsigned char c) noexcept { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

/// plain() of every byte, looked up.
inline constexpr auto plain_bytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c) t[static_cast<std::size_t>(c)] = plain(static_cast<unsigned char>(c));
  return t;
}();

/// The first byte of [p, end) that is not plain, or end: eight at a time while none of the eight
/// is a control character, a quote, a backslash or above ASCII.
inline const unsigned char* skip_plain(const unsigned char* p, const unsigned char* end) noexcept {
  constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
  while (end - p >= 8) {
    std::uint64_t x;
    std::memcpy(&x, p, 8);
    const std::uint64_t quote = x ^ (ones * '"'), backslash = x ^ (ones * '\\');
    // The high bit of a byte is set below when it is a control character, a quote, a backslash
    // or above ASCII (a borrow may mark a byte after one of those too: only "any" counts here).
    const std::uint64_t control = (x - ones * 0x20) & ~x;
    const std::uint64_t quotes = (quote - ones) & ~quote;
    const std::uint64_t backslashes = (backslash - ones) & ~backslash;
    if ((control | quotes | backslashes | x) & highs) break;
    p += 8;
  }
  while (p < end && plain_bytes[*p]) ++p;
  return p;
}

/// `value` printed by nlohmann at `depth` levels of `indent` (compact for indent < 0).
inline void print(std::string& out, const nlohmann::ordered_json& value, int indent, int depth) {
  nlohmann::detail::serializer<nlohmann::ordered_json> printer(
      nlohmann::detail::output_adapter<char, std::string>(out), ' ', nlohmann::ordered_json::error_handler_t::replace);
  if (indent < 0)
    printer.dump(value, false, false, 0, 0);
  else
    printer.dump(value, true, false, static_cast<unsigned>(indent), static_cast<unsigned>(indent * depth));
}

}  // namespace json_out_detail

/// A writer of one JSON value (usually an object or array) into `out`, as nlohmann's dump with
/// `indent` writes it (compact for indent < 0) when the value stands `depth` levels deep in a
/// document: an element of {"evaluations": [...]} is at depth 2. The first bracket is written
/// where `out` ends (the caller has written the line break and indent before it); the members
/// are indented depth + 1 levels and the closing bracket depth levels.
///
/// The text is gathered in a small buffer of the writer's own and appended to `out` in pieces:
/// it is all in `out` after flush() (or once the writer is destroyed), and `out` must not be
/// changed by anyone else in between, except after raw_value().
class JsonOut {
 public:
  JsonOut(std::string& out, int indent, int depth = 0) : out_(out), indent_(indent < 0 ? -1 : indent), level_(depth - 1) {}
  JsonOut(const JsonOut&) = delete;
  JsonOut& operator=(const JsonOut&) = delete;
  /// Hands on what is buffered. Every writer flushes on its normal path; this is for a writer
  /// left by an exception, whose text is then incomplete anyway.
  ~JsonOut() {
    try {
      flush();
    } catch (...) {  // NOLINT(bugprone-empty-catch): out of memory while unwinding; the text is cut short anyway
    }
  }

  /// Appends the buffered text to the string.
  void flush() {
    out_.append(buf_, used_);
    used_ = 0;
  }

  JsonOut& begin_object() {
    before_value();
    put('{');
    open();
    return *this;
  }
  JsonOut& end_object() {
    close('}');
    return *this;
  }
  JsonOut& begin_array() {
    before_value();
    put('[');
    open();
    return *this;
  }
  JsonOut& end_array() {
    close(']');
    return *this;
  }

  /// A member's name; its value follows.
  JsonOut& key(std::string_view k) {
    next();
    string(k);
    if (indent_ >= 0)
      put(": ", 2);
    else
      put(':');
    after_key_ = true;
    return *this;
  }

  void value(std::string_view s) {
    before_value();
    string(s);
  }
  void value(const std::string& s) { value(std::string_view(s)); }
  void value(const char* s) { value(std::string_view(s)); }
  void value(bool b) {
    before_value();
    if (b)
      put("true", 4);
    else
      put("false", 5);
  }
  template <std::integral T>
    requires(!std::same_as<T, bool> && !std::same_as<T, char>)
  void value(T n) {
    before_value();
    room(24);
    const auto r = std::to_chars(buf_ + used_, buf_ + used_ + 24, n);
    used_ = static_cast<std::size_t>(r.ptr - buf_);
  }
  /// A floating-point number, printed by nlohmann (its shortest round-trip form).
  void value(double d) { json_value(nlohmann::ordered_json(d)); }
  /// The value, or null when there is none.
  template <class T>
  void value(const std::optional<T>& v) {
    if (v)
      value(*v);
    else
      null();
  }
  /// A value built by nlohmann, printed at the depth it has here.
  void json_value(const nlohmann::ordered_json& v) {
    before_value();
    flush();
    json_out_detail::print(out_, v, indent_, level_ + 1);
  }
  void null() {
    before_value();
    put("null", 4);
  }
  /// A string, or null when it is empty (an id that is not given).
  void string_or_null(std::string_view s) {
    if (s.empty())
      null();
    else
      value(s);
  }

  /// "YYYY-MM-DD" (iso()), or null for not-a-date.
  void date(Date d) {
    if (d.is_special()) return null();
    const auto ymd = d.year_month_day();
    const int year = static_cast<int>(ymd.year);
    if (year < 1000 || year > 9999) return value(iso(d));
    before_value();
    room(12);
    char* p = buf_ + used_;
    p[0] = '"';
    digits(p + 1, year, 4);
    p[5] = '-';
    digits(p + 6, static_cast<int>(ymd.month), 2);
    p[8] = '-';
    digits(p + 9, static_cast<int>(ymd.day), 2);
    p[11] = '"';
    used_ += 12;
  }
  /// The date, or null when there is none.
  void date(const std::optional<Date>& d) {
    if (d)
      date(*d);
    else
      null();
  }
  /// "YYYY-MM" (YearMonth::str()).
  void month(YearMonth m) {
    const int year = m.year();
    if (year < 1000 || year > 9999) return value(m.str());
    before_value();
    room(9);
    char* p = buf_ + used_;
    p[0] = '"';
    digits(p + 1, year, 4);
    p[5] = '-';
    digits(p + 6, m.month(), 2);
    p[8] = '"';
    used_ += 9;
  }

  /// Makes room for a value that the caller appends to the string itself (a whole object or
  /// array written by another writer): writes the separator and line break before it, flushes,
  /// and returns the depth to write it at.
  [[nodiscard]] int raw_value() {
    before_value();
    flush();
    return level_ + 1;
  }

 private:
  static constexpr std::size_t buffer_size = 4096;

  /// Room for `n` more bytes in the buffer (n ≤ buffer_size).
  void room(std::size_t n) {
    if (buffer_size - used_ < n) flush();
  }
  void put(char c) {
    room(1);
    buf_[used_++] = c;
  }
  void put(const char* p, std::size_t n) {
    if (buffer_size - used_ < n) {
      flush();
      if (n > buffer_size) {
        out_.append(p, n);
        return;
      }
    }
    std::memcpy(buf_ + used_, p, n);
    used_ += n;
  }
  void spaces(std::size_t n) {
    while (n > 0) {
      room(1);
      const std::size_t k = std::min(n, buffer_size - used_);
      std::memset(buf_ + used_, ' ', k);
      used_ += k;
      n -= k;
    }
  }

  /// A quoted string with nlohmann's escapes: \" \\ \b \f \n \r \t, \u00xx (lower-case hex) for
  /// the other control characters, every other byte of valid UTF-8 as it is. Text that is not
  /// valid UTF-8 is printed by nlohmann itself, which replaces each invalid sequence by U+FFFD.
  void string(std::string_view s) {
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* const end = p + s.size();
    const std::size_t start = out_.size() + used_;  // where the string begins in the whole text
    put('"');
    const auto* run = p;  // the first byte not yet copied
    while ((p = json_out_detail::skip_plain(p, end)) < end) {
      const unsigned char c = *p;
      if (c >= 0x80) {
        const std::size_t n = json_out_detail::utf8_length(p, end);
        if (n == 0) {
          flush();
          out_.resize(start);
          json_out_detail::print(out_, nlohmann::ordered_json(std::string(s)), -1, 0);
          return;
        }
        p += n;
        continue;
      }
      put(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
      switch (c) {
        case '"': put("\\\"", 2); break;
        case '\\': put("\\\\", 2); break;
        case '\b': put("\\b", 2); break;
        case '\f': put("\\f", 2); break;
        case '\n': put("\\n", 2); break;
        case '\r': put("\\r", 2); break;
        case '\t': put("\\t", 2); break;
        default: {
          constexpr char hex[] = "0123456789abcdef";
          const char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xF]};
          put(u, sizeof u);
        }
      }
      run = ++p;
    }
    put(reinterpret_cast<const char*>(run), static_cast<std::size_t>(p - run));
    put('"');
  }

  static void digits(char* p, int v, int width) noexcept {
    for (int i = width - 1; i >= 0; --i) {
      p[i] = static_cast<char>('0' + v % 10);
      v /= 10;
    }
  }
  /// The separator and line break before a member or element of the open container.
  void next() {
    if (open_ == 0) return;  // the value itself
    if (!first_) put(',');
    first_ = false;
    if (indent_ >= 0) {
      put('\n');
      spaces(static_cast<std::size_t>(indent_ * (level_ + 1)));
    }
  }
  void before_value() {
    if (after_key_)
      after_key_ = false;
    else
      next();  // an element of an array, or the value itself
  }
  void open() {
    ++level_;
    ++open_;
    first_ = true;
  }
  /// An empty container is "{}" or "[]" on one line, as nlohmann prints it.
  void close(char bracket) {
    if (!first_ && indent_ >= 0) {
      put('\n');
      spaces(static_cast<std::size_t>(indent_ * level_));
    }
    put(bracket);
    --level_;
    --open_;
    first_ = false;  // the container just closed is a member of its parent
  }

  std::string& out_;
  int indent_;          // -1: compact
  int level_;           // the depth of the innermost open container
  int open_ = 0;        // containers open
  bool first_ = true;   // the innermost open container has no member yet
  bool after_key_ = false;
  std::size_t used_ = 0;  // bytes in buf_
  char buf_[buffer_size];
};

/// Appends `s` as a quoted JSON string, as nlohmann prints it (JsonOut's strings).
inline void append_json_string(std::string& out, std::string_view s) {
  JsonOut w(out, -1);
  w.value(s);
  w.flush();
}

}  // namespace kanten::inline v1
