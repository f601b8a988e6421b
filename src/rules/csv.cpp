// The CSV event table (docs/csv-format.md): read citizen by citizen, written case by case.
//
// The reader holds one block of input (1 MiB, grown only for a longer row) and the row being read:
// a row is split into cells in place (views into the block; a quoted cell with doubled quotes is
// undoubled in place once its row is complete), each field name maps to its column through a
// table built from the header, and the vectors are reused from row to row. Event rows are read by
// the one mapping of kinds to fields (rules/payload.hpp) through CsvFields, whose rules and
// messages mirror the JSON reader's (src/rules/json.cpp): a fault in an event row becomes an
// InputIssue, a fault in the table is a kanten::Error naming the line and the column. Free text is
// never shown; an id shaped like a CPR number is refused (decision "No CPR numbers",
// docs/decisions.md).
#include "rules/csv.hpp"

#include <array>
#include <charconv>
#include <cstring>
#include <exception>
#include <istream>
#include <limits>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <utility>

#include "core/json_text.hpp"
#include "kanten/core/error.hpp"
#include "rules/payload.hpp"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace kanten::inline v1::detail {
namespace {

// ---------------------------------------------------------------------------------------------
// The columns
// ---------------------------------------------------------------------------------------------

/// Every column of the table, in the order the writer writes them: the row's citizen, date and
/// kind; the profile's fields (also a profile_changed event's); then the events' fields in the
/// order of the kinds (docs/json-format.md).
// clang-format off
#define KANTEN_CSV_COLUMN_LIST(X)                                                                  \
  X(citizen) X(date) X(kind)                                                                       \
  X(benefit) X(activity_ready) X(lives_in_designated_area) X(in_integration_programme)             \
  X(outcome) X(jobformidler) X(goal) X(wishes) X(rehabilitation_assessment)                        \
  X(agreement_kind) X(start) X(minutes_per_week) X(hours_per_week) X(ordinary_minutes_per_week)    \
  X(ordinary_hours_per_week) X(company) X(tasks) X(sub_goals) X(health)                            \
  X(minutes) X(hours) X(type) X(channel) X(failure_id) X(failure) X(cause) X(text) X(vulnerable)   \
  X(promotes_availability) X(considers_vulnerability) X(answer_by) X(reached) X(via)               \
  X(trip) X(attended) X(companies) X(track) X(workplace) X(mentor) X(end)
// clang-format on

#define KANTEN_CSV_ENUMERATOR_(n) col_##n,
#define KANTEN_CSV_NAME_(n) std::string_view{#n},
enum Column : int { KANTEN_CSV_COLUMN_LIST(KANTEN_CSV_ENUMERATOR_) column_count };
constexpr std::string_view column_names[] = {KANTEN_CSV_COLUMN_LIST(KANTEN_CSV_NAME_)};
#undef KANTEN_CSV_ENUMERATOR_
#undef KANTEN_CSV_NAME_
static_assert(std::size(column_names) == column_count);
static_assert(column_count <= 64, "a row's used columns are one 64-bit mask");

/// The profile row's kind.
constexpr std::string_view profile_kind = "profile";

// A name → its position in a list of names (the columns, a vocabulary), by a small open-addressing
// table built at compile time: the hash is the name's length and its first and last characters,
// and one comparison with the name itself confirms it.
constexpr std::size_t name_slots = 128;
constexpr std::size_t name_hash(std::string_view n) noexcept {
  return (n.size() * 37 + static_cast<unsigned char>(n.front()) * 7 + static_cast<unsigned char>(n.back())) %
         name_slots;
}
template <std::size_t N>
constexpr std::array<std::int8_t, name_slots> name_table(const std::string_view (&names)[N]) {
  static_assert(N < name_slots / 2);
  std::array<std::int8_t, name_slots> t{};
  for (auto& s : t) s = -1;
  for (std::size_t i = 0; i < N; ++i) {
    std::size_t h = name_hash(names[i]);
    while (t[h] >= 0) h = (h + 1) % name_slots;
    t[h] = static_cast<std::int8_t>(i);
  }
  return t;
}
/// The position of `n` among `names` (hashed in `table`), or -1.
template <std::size_t N>
int find_name(const std::array<std::int8_t, name_slots>& table, const std::string_view (&names)[N],
              std::string_view n) noexcept {
  if (n.empty()) return -1;
  for (std::size_t h = name_hash(n);; h = (h + 1) % name_slots) {
    const int i = table[h];
    if (i < 0 || names[i] == n) return i;
  }
}

constexpr auto column_table = name_table(column_names);

/// The column named `n`, or -1.
int column_of(std::string_view n) noexcept { return find_name(column_table, column_names, n); }

/// parse_name through a hash table of the vocabulary's names.
template <class Enum>
struct Names {
  static constexpr auto table = name_table(Vocabulary<Enum>::names);
};
template <class Enum>
bool parse_vocab(std::string_view text, Enum& out) noexcept {
  const int i = find_name(Names<Enum>::table, Vocabulary<Enum>::names, text);
  if (i < 0) return false;
  out = Vocabulary<Enum>::values[i];
  return true;
}

/// The columns of the field names a reader asks for (string literals: rules/payload.hpp's and
/// this file's), remembered by the literal's address so that a row's lookups are one comparison.
class FieldColumns {
 public:
  int operator()(const char* key) {
    auto slot = static_cast<std::size_t>((reinterpret_cast<std::uintptr_t>(key) * 0x9E3779B97F4A7C15ULL) >> 56);
    for (; keys_[slot] != nullptr; slot = (slot + 1) % keys_.size())
      if (keys_[slot] == key) return columns_[slot];
    const int c = column_of(key);
    if (c < 0) throw std::logic_error(std::string("the CSV table has no column for the field ") + key);
    if (++count_ < keys_.size() / 2) {  // a few dozen literals: the table never fills
      keys_[slot] = key;
      columns_[slot] = c;
    }
    return c;
  }

 private:
  std::array<const char*, 256> keys_{};
  std::array<int, 256> columns_{};
  std::size_t count_ = 0;
};

/// parse_date, remembering the dates read: a table's dates span a few years, and the days of eight
/// years have a slot each (neighbouring days, neighbouring slots).
class Dates {
 public:
  std::optional<Date> operator()(std::string_view t) {
    if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
    std::uint32_t digit[8];
    for (std::size_t i = 0, k = 0; i < 10; ++i) {
      if (i == 4 || i == 7) continue;
      digit[k] = static_cast<std::uint32_t>(static_cast<unsigned char>(t[i]) - '0');
      if (digit[k++] > 9) return std::nullopt;
    }
    const std::uint32_t year = digit[0] * 1000 + digit[1] * 100 + digit[2] * 10 + digit[3];
    const std::uint32_t key = ((year * 16 + digit[4] * 10 + digit[5]) * 32) + digit[6] * 10 + digit[7];  // y, m, d
    Slot& s = slots_[key % slots_.size()];
    if (s.key == key) return s.date;
    const auto d = parse_date(t);
    if (d) s = Slot{key, *d};
    return d;
  }

 private:
  struct Slot {
    std::uint32_t key = 0;  // (year * 16 + month) * 32 + day; 0 is no date
    Date date;
  };
  std::array<Slot, 4096> slots_{};
};

/// The cells of a row: views into the block, kept between rows.
class Cells {
 public:
  [[nodiscard]] std::size_t size() const noexcept { return n_; }
  [[nodiscard]] const std::string_view* data() const noexcept { return v_.data(); }
  const std::string_view& operator[](std::size_t i) const noexcept { return v_[i]; }
  std::string_view& operator[](std::size_t i) noexcept { return v_[i]; }
  [[nodiscard]] const std::string_view* begin() const noexcept { return v_.data(); }
  [[nodiscard]] const std::string_view* end() const noexcept { return v_.data() + n_; }
  void clear() noexcept { n_ = 0; }
  void emplace_back(const char* p, std::size_t n) {
    if (n_ == v_.size()) v_.resize(2 * n_ + 8);
    v_[n_++] = std::string_view(p, n);
  }
  /// Room for `n` cells from the first: clears the row, returns where it is written.
  std::string_view* reserve(std::size_t n) {
    if (v_.size() < n) v_.resize(n);
    n_ = 0;
    return v_.data();
  }
  void resize(std::size_t n) noexcept { n_ = n; }

 private:
  std::vector<std::string_view> v_;
  std::size_t n_ = 0;
};

// ---------------------------------------------------------------------------------------------
// Cells: values, lists, messages
// ---------------------------------------------------------------------------------------------

using json_text::free_text_placeholder;
using json_text::names_of;

/// A cell's text as the JSON reader shows a string: quoted, cut at 64 bytes; a sentence (it has
/// whitespace) or a CPR-shaped value is only described.
std::string shown(std::string_view cell) { return json_text::shown(json_text::json(std::string(cell))); }

/// "true" or "false".
std::optional<bool> parse_flag(std::string_view s) noexcept {
  if (s == "true") return true;
  if (s == "false") return false;
  return std::nullopt;
}

/// Calls `item(i, text)` for each item of a list cell ("a|b|c"; "\|" and "\\" escape a bar and a
/// backslash); false when a backslash escapes anything else. An empty cell has no items.
template <class Item>
bool for_each_item(std::string_view cell, std::string& scratch, Item&& item) {
  if (cell.empty()) return true;
  if (cell.find('\\') == std::string_view::npos) {
    std::size_t i = 0;
    for (std::size_t from = 0;; ++i) {
      const std::size_t bar = cell.find('|', from);
      item(i, cell.substr(from, bar == std::string_view::npos ? std::string_view::npos : bar - from));
      if (bar == std::string_view::npos) return true;
      from = bar + 1;
    }
  }
  std::size_t i = 0;
  scratch.clear();
  for (std::size_t k = 0; k < cell.size(); ++k) {
    const char c = cell[k];
    if (c == '\\') {
      if (k + 1 == cell.size() || (cell[k + 1] != '|' && cell[k + 1] != '\\')) return false;
      scratch += cell[++k];
    } else if (c == '|') {
      item(i++, std::string_view(scratch));
      scratch.clear();
    } else {
      scratch += c;
    }
  }
  item(i, std::string_view(scratch));
  return true;
}

constexpr const char* bad_escape =
    "a backslash in a list escapes only \"|\" and \"\\\" (write \"\\\\\" for a backslash, \"\\|\" for a bar)";

/// A fault in one event row: becomes an InputIssue.
struct Fault {
  std::string field;
  std::string value;
  std::string reason;
};

/// A whole number at `field` within an event (minutes): the JSON reader's rules and messages.
Minutes parse_minutes(const char* field, std::string_view s);

/// The fields of one event row, read with the rules of docs/json-format.md: an empty cell (or a
/// column the table does not have) is an absent field; free text is never shown. Every field
/// asked for is noted in `used`, so the row's other cells can be reported.
class CsvFields {
 public:
  CsvFields(const std::string_view* cells, const std::array<int, column_count>& where, FieldColumns& columns,
            Dates& dates)
      : cells_(cells), where_(where), columns_(columns), dates_(dates) {}

  /// The columns asked for (a bit per Column).
  std::uint64_t used = 0;

  [[noreturn]] static void fault(std::string field, std::string value, std::string reason) {
    throw Fault{std::move(field), std::move(value), std::move(reason)};
  }

  /// The cell of field `key` ("" when absent).
  [[nodiscard]] std::string_view cell(const char* key) { return cell(columns_(key)); }
  [[nodiscard]] std::string_view cell(int column) {
    used |= std::uint64_t{1} << column;
    const int c = where_[static_cast<std::size_t>(column)];
    return c < 0 ? std::string_view() : cells_[static_cast<std::size_t>(c)];
  }

  [[nodiscard]] bool present(const char* key) { return !cell(key).empty(); }

  /// The cell of a required field; a fault when it is empty.
  [[nodiscard]] std::string_view need(const char* key) {
    const std::string_view v = cell(key);
    if (v.empty()) fault(key, "", "missing: required for this kind of event");
    return v;
  }

  template <class Enum>
  [[nodiscard]] Enum vocab(const char* key) {
    return as_vocab<Enum>(key, need(key));
  }
  template <class Enum>
  [[nodiscard]] std::vector<Enum> vocabs(const char* key) {
    std::vector<Enum> out;
    const bool ok = for_each_item(cell(key), scratch_, [&](std::size_t i, std::string_view item) {
      out.push_back(as_vocab<Enum>(indexed(key, i).c_str(), item));
    });
    if (!ok) fault(key, shown(cell(key)), bad_escape);
    return out;
  }

  [[nodiscard]] std::string id(const char* key) { return checked_id(key, need(key)); }
  [[nodiscard]] std::string opt_id(const char* key) {
    const std::string_view v = cell(key);
    return v.empty() ? std::string() : checked_id(key, v);
  }
  [[nodiscard]] std::vector<std::string> ids(const char* key) {
    std::vector<std::string> out;
    const bool ok = for_each_item(cell(key), scratch_, [&](std::size_t i, std::string_view item) {
      if (item.empty()) fault(indexed(key, i), "\"\"", "must not be empty: an opaque id");
      out.push_back(checked_id(indexed(key, i).c_str(), item));
    });
    if (!ok) fault(key, shown(cell(key)), bad_escape);
    return out;
  }

  [[nodiscard]] std::string text(const char* key) { return std::string(cell(key)); }
  [[nodiscard]] std::vector<std::string> texts(const char* key) {
    std::vector<std::string> out;
    const bool ok =
        for_each_item(cell(key), scratch_, [&](std::size_t, std::string_view item) { out.emplace_back(item); });
    if (!ok) fault(key, free_text_placeholder, bad_escape);
    return out;
  }

  [[nodiscard]] bool flag(const char* key) { return as_flag(key, need(key)); }
  [[nodiscard]] bool opt_flag(const char* key, bool otherwise) {
    const std::string_view v = cell(key);
    return v.empty() ? otherwise : as_flag(key, v);
  }

  [[nodiscard]] Date date(const char* key) { return as_date(key, need(key)); }
  [[nodiscard]] Date opt_date(const char* key, Date otherwise) {
    const std::string_view v = cell(key);
    return v.empty() ? otherwise : as_date(key, v);
  }

  /// Whole minutes under `minutes_key` or "H:MM" under `hours_key` (both if they agree);
  /// nullopt when neither is given.
  [[nodiscard]] std::optional<Minutes> duration(const char* minutes_key, const char* hours_key) {
    std::optional<Minutes> by_minutes, by_hours;
    if (const auto m = cell(minutes_key); !m.empty()) by_minutes = parse_minutes(minutes_key, m);
    const std::string_view h = cell(hours_key);
    if (!h.empty()) {
      by_hours = json_text::parse_hours_text(h, /*allow_negative=*/true);
      if (!by_hours) {
        if (json_text::hours_text_shape(h))
          fault(hours_key, shown(h),
                "out of range: at most " + std::to_string(std::numeric_limits<Minutes>::max() / 60) + " hours");
        fault(hours_key, shown(h), "must be hours and minutes \"H:MM\", e.g. \"7:30\"");
      }
    }
    if (by_minutes && by_hours && *by_minutes != *by_hours)
      fault(hours_key, shown(h), std::string("disagrees with \"") + minutes_key + "\": give one of them");
    return by_minutes ? by_minutes : by_hours;
  }

  template <class Enum>
  static Enum as_vocab(const char* field, std::string_view v) {
    Enum out{};
    if (!parse_vocab(v, out)) fault(field, shown(v), "unknown value; expected one of: " + names_of<Enum>());
    return out;
  }
  static bool as_flag(const char* field, std::string_view v) {
    const auto b = parse_flag(v);
    if (!b) fault(field, shown(v), "must be true or false");
    return *b;
  }
  Date as_date(const char* field, std::string_view v) {
    const auto d = dates_(v);
    if (!d) fault(field, shown(v), "not a valid date \"YYYY-MM-DD\"");
    return *d;
  }

 private:
  static std::string indexed(const char* key, std::size_t i) {
    return std::string(key) + "[" + std::to_string(i) + "]";
  }
  static std::string checked_id(const char* key, std::string_view id) {
    // Decision "No CPR numbers" (docs/decisions.md): refused, and the value is not echoed.
    if (looks_like_cpr(id)) fault(key, "", "looks like a CPR number; kanten takes opaque ids only, never a CPR number");
    return std::string(id);
  }

  const std::string_view* cells_;               // the row's cells
  const std::array<int, column_count>& where_;  // Column → the table's column, or -1
  FieldColumns& columns_;
  Dates& dates_;
  std::string scratch_;
};

Minutes parse_minutes(const char* field, std::string_view s) {
  std::size_t i = s.front() == '-' ? 1 : 0;
  if (i < s.size()) {
    std::int64_t v = 0;
    std::size_t k = i;
    for (; k < s.size() && s[k] >= '0' && s[k] <= '9'; ++k)
      if (v <= std::int64_t{1} << 40) v = v * 10 + (s[k] - '0');
    if (k == s.size()) {
      if (i == 1) v = -v;
      if (v < std::numeric_limits<Minutes>::min() || v > std::numeric_limits<Minutes>::max())
        CsvFields::fault(field, shown(s), "out of range for minutes");
      return static_cast<Minutes>(v);
    }
  }
  double d = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), d);
  if (end == s.data() + s.size() && ec == std::errc()) {
    if (!(d >= std::numeric_limits<Minutes>::min() && d <= std::numeric_limits<Minutes>::max()))
      CsvFields::fault(field, shown(s),
                       "out of range for minutes: from " + std::to_string(std::numeric_limits<Minutes>::min()) +
                           " to " + std::to_string(std::numeric_limits<Minutes>::max()));
    if (d != static_cast<double>(static_cast<std::int64_t>(d)))
      CsvFields::fault(field, shown(s),
                       "must be a whole number of minutes, not a fraction (hours are exact; or give \"H:MM\")");
    CsvFields::fault(field, shown(s), "must be a whole number of minutes written without a decimal point or exponent");
  }
  if (end == s.data() + s.size() && ec == std::errc::result_out_of_range)
    CsvFields::fault(field, shown(s), "out of range for minutes");
  CsvFields::fault(field, shown(s), "must be a whole number of minutes");
}

/// The first byte of `s` that is not valid UTF-8 (s.size() when all of it is).
std::size_t invalid_utf8(std::string_view s) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const std::size_t n = s.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF)
      len = 2;
    else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0) lo = 0xA0;
      if (c == 0xED) hi = 0x9F;  // no surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0) lo = 0x90;
      if (c == 0xF4) hi = 0x8F;
    } else {
      return i;
    }
    if (i + len > n) return i;
    if (p[i + 1] < lo || p[i + 1] > hi) return i;
    for (std::size_t k = 2; k < len; ++k)
      if (p[i + k] < 0x80 || p[i + k] > 0xBF) return i;
    i += len;
  }
  return n;
}

/// The bytes that end an unquoted cell or call for a closer look: , \n \r ".
constexpr auto special = [] {
  std::array<bool, 256> t{};
  t[static_cast<unsigned char>(',')] = t[static_cast<unsigned char>('\n')] = true;
  t[static_cast<unsigned char>('\r')] = t[static_cast<unsigned char>('"')] = true;
  return t;
}();

constexpr std::size_t block_size = std::size_t{1} << 20;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------

struct CsvCases::Impl {
  std::istream& in;
  std::string name;
  ReadOptions options;
  std::vector<InputWarning> warnings;

  // The block: buf[0, len) holds input; buf[pos, len) is not yet read. buf[0] is byte `base` of
  // the input.
  std::unique_ptr<char[]> buf;
  std::size_t cap = 0, len = 0, pos = 0;
  std::uint64_t base = 0;
  std::size_t nul = std::string_view::npos;  // the first NUL byte in buf[0, len)
  bool eof = false;
  std::uint64_t line_no = 1;  // the line at buf[pos]

  // The row read last: its cells (views into buf), its first line, its place in the input.
  Cells cells;
  std::vector<std::size_t> doubled;  // quoted cells with doubled quotes, undoubled when the row is complete
  std::size_t cell_bytes = 0;        // the bytes of the row's cells together
  std::uint64_t row_line = 0, row_begin = 0, row_end = 0;

  // The header.
  std::size_t columns = 0;
  std::vector<std::string> header;        // the names as given
  std::vector<int> column_field;          // the table's column → Column, or -1 (unknown)
  std::vector<std::size_t> unknown;       // the table's columns that kanten does not know
  std::array<int, column_count> where{};  // Column → the table's column, or -1
  std::size_t citizen_at = 0, kind_at = 0;

  // Between cases: a row of the next citizen, read but not yet taken.
  bool pending = false;
  std::uint64_t case_line = 0;
  std::uint64_t consumed = 0;
  std::exception_ptr failed;
  FieldColumns field_columns;
  Dates dates;

  Impl(std::istream& i, std::string n, const ReadOptions& o) : in(i), name(std::move(n)), options(o) {
    cap = block_size;
    buf = std::make_unique<char[]>(cap);
  }

  // --- messages --------------------------------------------------------------------------------

  /// "line 12, column 3 of caseload.csv" (column 0: the line only).
  [[nodiscard]] std::string where_text(std::uint64_t line, std::size_t column, bool with_name = true) const {
    std::string s = "line " + std::to_string(line);
    if (column > 0) s += ", column " + std::to_string(column);
    if (with_name && !name.empty()) s += " of " + name;
    return s;
  }
  /// The header's name of the table's column `i` (0-based) as it may be shown; "" when unknown.
  [[nodiscard]] std::string column_name(std::size_t i) const {
    return i < header.size() ? json_text::shown_name(header[i]) : std::string();
  }
  /// A fault in the table: kanten::Error naming the column (field) and the line and column.
  [[noreturn]] void table_fault(Errc code, std::uint64_t line, std::size_t column /*1-based; 0: none*/,
                                std::string value, const std::string& reason) const {
    throw Error(code, column > 0 ? column_name(column - 1) : std::string(), std::move(value),
                reason + " (" + where_text(line, column) + ")");
  }

  // --- the block -------------------------------------------------------------------------------

  /// Reads more input after what is left unread (moved to the front of the block).
  void refill() {
    if (pos > 0) {
      std::memmove(buf.get(), buf.get() + pos, len - pos);
      len -= pos;
      base += pos;
      if (nul != std::string_view::npos) nul -= pos;
      pos = 0;
    }
    if (len == cap) {  // a row longer than the block: a larger one
      auto bigger = std::make_unique<char[]>(cap * 2);
      std::memcpy(bigger.get(), buf.get(), len);
      buf = std::move(bigger);
      cap *= 2;
    }
    in.read(buf.get() + len, static_cast<std::streamsize>(cap - len));
    const auto n = static_cast<std::size_t>(in.gcount());
    if (in.bad()) throw Error(Errc::io_error, name, "", "the input could not be read");
    if (nul == std::string_view::npos)
      if (const void* z = std::memchr(buf.get() + len, 0, n))
        nul = static_cast<std::size_t>(static_cast<const char*>(z) - buf.get());
    if (base == 0 && len == 0 && n >= 3 && std::memcmp(buf.get(), "\xEF\xBB\xBF", 3) == 0) pos = 3;  // a UTF-8 BOM
    len += n;
    if (n < cap - (len - n)) eof = true;
  }

  // --- rows ------------------------------------------------------------------------------------

  enum class Parsed { row, more, end };

  /// The line of byte `at` of the row that begins at `start` (on line `line_no`).
  [[nodiscard]] std::uint64_t line_of(std::size_t start, std::size_t at) const {
    std::uint64_t l = line_no;
    for (std::size_t k = start; k < at && k < len; ++k) l += buf[k] == '\n';
    return l;
  }

  /// A fault found at byte `at` of the row beginning at `start`, in the row's `column` (1-based):
  /// a NUL byte before it is reported instead (the first byte that is not valid input).
  [[noreturn]] void syntax_fault(std::size_t start, std::size_t at, std::size_t column, const std::string& reason) {
    if (nul != std::string_view::npos && nul < at) nul_fault(start);
    table_fault(Errc::parse_error, line_of(start, at), column, "", "not valid CSV: " + reason);
  }
  [[noreturn]] void nul_fault(std::size_t start) {
    std::size_t column = 1;
    for (std::size_t k = start; k < nul; ++k) {
      if (buf[k] == ',') ++column;  // close enough inside quotes: it names the place
      if (buf[k] == '\n') column = 1;
    }
    table_fault(Errc::parse_error, line_of(start, nul), column, "", "not valid CSV: a NUL byte (CSV text has none)");
  }
  [[noreturn]] void lone_cr(std::size_t start, std::size_t at, std::size_t column) {
    syntax_fault(start, at, column,
                 "a carriage return not followed by a line feed (lines end with \"\\n\" or \"\\r\\n\")");
  }

  /// Splits the row at `pos` into `cells`. `more`: the block ends before the row does (and the
  /// input has more); `end`: no row is left.
  Parsed parse() {
    char* const b = buf.get();
    std::size_t i = pos;
    for (;;) {  // blank lines are skipped
      if (i == len) {
        if (!eof) return Parsed::more;
        if (nul != std::string_view::npos && nul < len) nul_fault(pos);
        return Parsed::end;
      }
      if (b[i] == '\n') {
        pos = ++i;
        ++line_no;
      } else if (b[i] == '\r') {
        if (i + 1 == len && !eof) return Parsed::more;
        if (i + 1 == len || b[i + 1] != '\n') lone_cr(i, i, 1);
        pos = i += 2;
        ++line_no;
      } else {
        break;
      }
    }
    const std::size_t start = i;
#if defined(__SSE2__)
    if (parse_plain(start)) return Parsed::row;
#endif
    cells.clear();
    doubled.clear();
    bool check_text = false;  // a quoted cell or a byte above 0x7F: the row's UTF-8 is checked
    unsigned char high = 0;
    std::uint64_t newlines = 0;
    for (;;) {
      const std::size_t column = cells.size() + 1;
      char delimiter = 0;  // what ends the cell: ',', '\n' or 0 for the end of the input
      if (i < len && b[i] == '"') {
        const std::size_t open = i;
        bool twice = false;
        std::size_t j = i + 1;
        for (;;) {
          const void* q = std::memchr(b + j, '"', len - j);
          if (q == nullptr) {
            if (!eof) return Parsed::more;
            syntax_fault(start, open, column, "a quoted cell is not closed before the end of the input");
          }
          const auto k = static_cast<std::size_t>(static_cast<const char*>(q) - b);
          if (k + 1 == len && !eof) return Parsed::more;
          if (k + 1 < len && b[k + 1] == '"') {
            twice = true;
            j = k + 2;
            continue;
          }
          for (std::size_t n = open + 1; n < k; ++n) newlines += b[n] == '\n';
          cells.emplace_back(b + open + 1, k - open - 1);
          if (twice) doubled.push_back(cells.size() - 1);
          i = k + 1;
          break;
        }
        check_text = true;
        if (i == len) break;  // the end of the input (eof: else `more` above)
        const char c = b[i];
        if (c == ',' || c == '\n') {
          delimiter = c;
          ++i;
        } else if (c == '\r') {
          if (i + 1 == len && !eof) return Parsed::more;
          if (i + 1 == len || b[i + 1] != '\n') lone_cr(start, i, column);
          delimiter = '\n';
          i += 2;
        } else {
          syntax_fault(start, i, column,
                       "text after the closing quote of a cell (a quoted cell ends at a comma or the end of the line; "
                       "a quote inside it is doubled)");
        }
      } else {
        std::size_t j = i;
        while (j < len && !special[static_cast<unsigned char>(b[j])]) high |= static_cast<unsigned char>(b[j++]);
        if (j == len) {
          if (!eof) return Parsed::more;
          cells.emplace_back(b + i, j - i);
          i = j;
          break;
        }
        const char c = b[j];
        if (c == '"')
          syntax_fault(start, j, column,
                       "a quote inside an unquoted cell (quote the whole cell, and double each quote inside it)");
        cells.emplace_back(b + i, j - i);
        if (c == '\r') {
          if (j + 1 == len && !eof) return Parsed::more;
          if (j + 1 == len || b[j + 1] != '\n') lone_cr(start, j, column);
          delimiter = '\n';
          i = j + 2;
        } else {
          delimiter = c;
          i = j + 1;
        }
      }
      if (delimiter == '\n') break;
    }
    complete(start, i, check_text || (high & 0x80U) != 0, newlines);
    for (std::size_t d : doubled) {  // "" → " in place
      char* p = const_cast<char*>(cells[d].data());
      std::size_t w = 0;
      for (std::size_t r = 0; r < cells[d].size(); ++r, ++w) {
        p[w] = p[r];
        if (p[r] == '"') ++r;
      }
      cells[d] = std::string_view(p, w);
    }
    cell_bytes = 0;
    for (const auto& c : cells) cell_bytes += c.size();
    return Parsed::row;
  }

  /// The row buf[start, end) is split into `cells`: checks it (no NUL byte, UTF-8 when
  /// `check_text`, not too long) and takes it.
  void complete(std::size_t start, std::size_t end, bool check_text, std::uint64_t newlines) {
    row_line = line_no;
    row_begin = base + start;
    row_end = base + end;
    if (nul != std::string_view::npos && nul < end) nul_fault(start);
    if (check_text) {
      const char* const b = buf.get();
      const std::string_view text(b + start, end - start);
      if (const std::size_t bad = invalid_utf8(text); bad < text.size()) {
        std::size_t column = 1;
        for (const auto& c : cells)
          if (c.data() + c.size() < b + start + bad) ++column;
        table_fault(Errc::parse_error, line_of(start, start + bad), column, "",
                    "not valid UTF-8 (the table is UTF-8 text)");
      }
    }
    if (end - start > options.max_bytes) too_long(row_line);
    line_no += 1 + newlines;
    pos = end;
  }

#if defined(__SSE2__)
  /// The common row — no quote, no carriage return but in its line end, the line end within the
  /// block — split 16 bytes at a time; false (nothing taken) for any other, which parse() reads
  /// byte by byte.
  bool parse_plain(std::size_t start) {
    const char* const b = buf.get();
    const __m128i comma = _mm_set1_epi8(','), newline = _mm_set1_epi8('\n');
    const __m128i quote = _mm_set1_epi8('"'), cr = _mm_set1_epi8('\r');
    // Room for the header's cells and one chunk more: a row with more cells than that is left to
    // parse(), which reports it.
    std::string_view* const first = cells.reserve(columns + 17);
    std::string_view* const last = first + columns + 1;
    std::string_view* out = first;
    unsigned high = 0;
    std::size_t from = start;  // the first byte of the cell being read
    for (std::size_t p = start; p + 16 <= len; p += 16) {
      if (out > last) return false;
      const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(b + p));
      const auto lines = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, newline)));
      const unsigned line_end = lines & (0U - lines);                  // the first line feed's bit, or 0
      const unsigned before = line_end != 0 ? line_end - 1 : 0xFFFFU;  // the bytes before it
      const auto crs = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, cr)));
      const unsigned crlf = crs & (line_end >> 1);  // a carriage return just before the line feed
      const auto quotes = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)));
      if (((quotes | (crs & ~crlf)) & before) != 0) return false;
      high |= static_cast<unsigned>(_mm_movemask_epi8(v)) & before;
      for (auto commas = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi8(v, comma))) & before; commas != 0;
           commas &= commas - 1) {
        const std::size_t to = p + static_cast<std::size_t>(__builtin_ctz(commas));
        *out++ = std::string_view(b + from, to - from);
        from = to + 1;
      }
      if (line_end != 0) {
        const std::size_t end = p + static_cast<std::size_t>(__builtin_ctz(lines));
        const std::size_t cells_end = crlf != 0 ? end - 1 : end;
        *out++ = std::string_view(b + from, cells_end - from);
        if (out > last) return false;
        const auto n = static_cast<std::size_t>(out - first);
        cells.resize(n);
        cell_bytes = cells_end - start - (n - 1);
        complete(start, end + 1, high != 0, 0);
        return true;
      }
    }
    return false;
  }
#endif

  [[noreturn]] void too_long(std::uint64_t line) const {
    throw Error(Errc::invalid_input, "input", "",
                "a row longer than the maximum input size of " + std::to_string(options.max_bytes) +
                    " bytes (ReadOptions::max_bytes) (" + where_text(line, 0) + ")");
  }

  /// The next row into `cells`; false at the end of the input.
  bool read_row() {
    for (;;) {
      switch (parse()) {
        case Parsed::row:
          return true;
        case Parsed::end:
          return false;
        case Parsed::more:
          if (len - pos > options.max_bytes) too_long(line_no);
          refill();
          break;
      }
    }
  }

  /// The next data row, checked: as many cells as the header, a citizen.
  bool read_data_row() {
    if (!read_row()) return false;
    if (cells.size() != columns)
      table_fault(Errc::parse_error, row_line, std::min(cells.size(), columns) + 1, "",
                  "not valid CSV: a row of " + std::to_string(cells.size()) + " cells; the header has " +
                      std::to_string(columns) + " columns");
    if (cells[citizen_at].empty())
      table_fault(Errc::invalid_input, row_line, citizen_at + 1, "", "missing: every row needs a citizen id");
    return true;
  }

  // --- the header ------------------------------------------------------------------------------

  void read_header() {
    if (!read_row())
      throw Error(Errc::parse_error, "", "",
                  "not a CSV event table: the input is empty (the first line names the columns)" +
                      (name.empty() ? std::string() : " (" + name + ")"));
    columns = cells.size();
    header.assign(cells.data(), cells.data() + cells.size());
    column_field.assign(columns, -1);
    where.fill(-1);
    std::vector<std::string_view> known(std::begin(column_names), std::end(column_names));
    for (std::size_t i = 0; i < columns; ++i) {
      const std::string& h = header[i];
      if (h.empty())
        table_fault(Errc::invalid_input, row_line, i + 1, "", "a column without a name: the header names every column");
      for (std::size_t k = 0; k < i; ++k)
        if (header[k] == h)
          table_fault(Errc::invalid_input, row_line, i + 1, "",
                      "a column named twice (also column " + std::to_string(k + 1) + "): which cell would count?");
      const int c = column_of(h);
      if (c < 0) {
        std::string message = "unknown column";
        if (auto near = nearest_name(h, known); !near.empty()) message += "; did you mean \"" + near + "\"?";
        if (options.strict)
          throw Error(Errc::invalid_input, column_name(i), "",
                      message + " (" + where_text(row_line, i + 1) + "; strict reading)");
        warnings.push_back(
            InputWarning{column_name(i), message + " (" + where_text(row_line, i + 1, false) + "; ignored)"});
        unknown.push_back(i);
        continue;
      }
      column_field[i] = c;
      where[static_cast<std::size_t>(c)] = static_cast<int>(i);
    }
    for (int required : {col_citizen, col_kind})
      if (where[static_cast<std::size_t>(required)] < 0)
        throw Error(Errc::invalid_input, std::string(column_names[required]), "",
                    "missing column: the header (" + where_text(row_line, 0) + ") names at least citizen and kind");
    citizen_at = static_cast<std::size_t>(where[col_citizen]);
    kind_at = static_cast<std::size_t>(where[col_kind]);
    consumed = row_end;
  }

  // --- cases -----------------------------------------------------------------------------------

  /// Reports the row's non-empty cells in known columns outside `used` (a bit per Column): a
  /// warning at "events[i].column" ("profile.column" for the profile row), or under strict
  /// reading an error.
  void unused_cells(std::uint64_t used, std::optional<std::size_t> event, std::optional<EventKind> kind, Case& out) {
    // Most rows: the cells asked for and the unknown columns' hold every byte of the row's cells.
    std::size_t bytes = 0;
    for (std::uint64_t u = used; u != 0; u &= u - 1)
      if (const int at = where[static_cast<std::size_t>(__builtin_ctzll(u))]; at >= 0)
        bytes += cells[static_cast<std::size_t>(at)].size();
    for (std::size_t i : unknown) bytes += cells[i].size();
    if (bytes == cell_bytes) return;
    for (std::size_t i = 0; i < columns; ++i) {
      const int c = column_field[i];
      if (c < 0 || ((used >> c) & 1U) != 0 || cells[i].empty()) continue;
      const std::string message =
          "a value in a column that " +
          (kind ? "kind \"" + std::string(kanten::name(*kind)) + "\"" : std::string("a profile row")) + " does not use";
      const std::string field = (event ? "events[" + std::to_string(*event) + "]" : std::string("profile")) + "." +
                                std::string(column_names[c]);
      if (options.strict)
        throw Error(Errc::invalid_input, field, "", message + " (" + where_text(row_line, i + 1) + "; strict reading)");
      out.warnings.push_back(InputWarning{field, message + " (" + where_text(row_line, i + 1, false) + "; ignored)"});
    }
  }

  void read_profile_row(Case& out) {
    const auto cell = [&](int c) {
      const int at = where[static_cast<std::size_t>(c)];
      return at < 0 ? std::string_view() : cells[static_cast<std::size_t>(at)];
    };
    const auto fail = [&](int c, std::string_view v, const std::string& reason) {
      throw Error(
          Errc::invalid_input, "profile." + std::string(column_names[c]), shown(v),
          reason + " (" + where_text(row_line, static_cast<std::size_t>(where[static_cast<std::size_t>(c)]) + 1) + ")");
    };
    Profile p;
    if (auto v = cell(col_benefit); !v.empty() && !parse_vocab(v, p.benefit))
      fail(col_benefit, v, "unknown benefit; expected one of: " + names_of<Benefit>());
    const auto flag = [&](int c, bool& to) {
      const std::string_view v = cell(c);
      if (v.empty()) return;
      const auto b = parse_flag(v);
      if (!b) fail(c, v, "must be true or false");
      to = *b;
    };
    flag(col_activity_ready, p.activity_ready);
    flag(col_lives_in_designated_area, p.lives_in_designated_area);
    flag(col_in_integration_programme, p.in_integration_programme);
    out.profile = p;
    constexpr std::uint64_t used = (std::uint64_t{1} << col_citizen) | (std::uint64_t{1} << col_kind) |
                                   (std::uint64_t{1} << col_benefit) | (std::uint64_t{1} << col_activity_ready) |
                                   (std::uint64_t{1} << col_lives_in_designated_area) |
                                   (std::uint64_t{1} << col_in_integration_programme);
    unused_cells(used, std::nullopt, std::nullopt, out);
  }

  void read_event_row(Case& out, std::size_t index) {
    InputIssue issue;
    issue.index = index;
    CsvFields f(cells.data(), where, field_columns, dates);
    try {
      const std::string_view date_cell = f.cell(col_date);
      std::optional<Date> date;
      if (!date_cell.empty()) date = dates(date_cell);
      if (date) issue.date = *date;
      const std::string_view kind_cell = f.cell(col_kind);
      if (kind_cell.empty()) CsvFields::fault("kind", "", "missing: required for this kind of event");
      EventKind kind{};
      if (!parse_vocab(kind_cell, kind))
        CsvFields::fault("kind", shown(kind_cell),
                         "unknown event kind; expected one of: " + names_of<EventKind>() +
                             " (or \"profile\" for the citizen's profile row)");
      issue.kind = kind;
      if (!date) (void)f.date("date");  // the fault: missing or not a date
      Event& ev = out.events.emplace_back();
      ev.date = *date;
      try {
        ev.data = read_payload(kind, f, ev.date);
      } catch (...) {
        out.events.pop_back();
        throw;
      }
      f.used |= std::uint64_t{1} << col_citizen;
      unused_cells(f.used, index, kind, out);
    } catch (Fault& x) {
      issue.field = std::move(x.field);
      issue.value = std::move(x.value);
      issue.reason = std::move(x.reason);
      out.rejected.push_back(std::move(issue));
    }
  }

  bool next(Case& out) {
    if (failed) std::rethrow_exception(failed);
    try {
      return next_case(out);
    } catch (...) {
      failed = std::current_exception();
      throw;
    }
  }

  bool next_case(Case& out) {
    if (!pending && !read_data_row()) return false;
    pending = false;
    out.citizen.assign(cells[citizen_at]);
    out.profile = Profile{};
    out.events.clear();
    out.rejected.clear();
    out.warnings.clear();
    if (looks_like_cpr(out.citizen))
      table_fault(Errc::invalid_input, row_line, citizen_at + 1, "",
                  "looks like a CPR number (ten digits, or DDMMYY-XXXX); kanten takes opaque ids only, never a CPR "
                  "number");
    case_line = row_line;
    const std::uint64_t case_begin = row_begin;
    std::uint64_t profile_line = 0;
    std::size_t index = 0;
    for (;;) {
      if (row_end - case_begin > options.max_bytes)
        throw Error(Errc::invalid_input, "input", "",
                    "the rows of citizen \"" + out.citizen + "\" are longer than the maximum input size of " +
                        std::to_string(options.max_bytes) + " bytes (ReadOptions::max_bytes; the bound is per case) (" +
                        where_text(case_line, 0) + " on)");
      if (cells[kind_at] == profile_kind) {
        if (profile_line != 0)
          table_fault(Errc::invalid_input, row_line, kind_at + 1, "",
                      "a second profile row for citizen \"" + out.citizen + "\" (the first is on line " +
                          std::to_string(profile_line) + "): a citizen has one profile row");
        profile_line = row_line;
        read_profile_row(out);
      } else {
        read_event_row(out, index++);
      }
      consumed = row_end;
      if (!read_data_row()) break;
      if (cells[citizen_at] != out.citizen) {
        pending = true;
        break;
      }
    }
    return true;
  }
};

CsvCases::CsvCases(std::istream& in, std::string name, const ReadOptions& options)
    : impl_(std::make_unique<Impl>(in, std::move(name), options)) {
  impl_->read_header();
}
CsvCases::~CsvCases() = default;

bool CsvCases::next(Case& out) { return impl_->next(out); }
std::uint64_t CsvCases::line() const noexcept { return impl_->case_line; }
std::uint64_t CsvCases::bytes() const noexcept { return impl_->consumed; }
const std::vector<InputWarning>& CsvCases::warnings() const noexcept { return impl_->warnings; }

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

namespace {

/// Writes rows into `out`, cell by cell in the order of the columns (the cells not written are
/// empty); a cell is quoted where it holds a comma, a quote or a line break.
class RowWriter {
 public:
  explicit RowWriter(std::string& out) : out_(out) {}

  void text(Column c, std::string_view s) {
    at(c);
    quoted(s);
  }
  void flag(Column c, bool b) { plain(c, b ? "true" : "false"); }
  void number(Column c, std::int64_t n) {
    char tmp[24];
    const auto r = std::to_chars(tmp, tmp + sizeof tmp, n);
    plain(c, std::string_view(tmp, static_cast<std::size_t>(r.ptr - tmp)));
  }
  void date(Column c, Date d) {
    if (d.is_special()) return;  // absent
    const auto ymd = d.year_month_day();
    const int y = ymd.year, m = ymd.month, day = ymd.day;
    const char tmp[10] = {char('0' + y / 1000),
                          char('0' + y / 100 % 10),
                          char('0' + y / 10 % 10),
                          char('0' + y % 10),
                          '-',
                          char('0' + m / 10),
                          char('0' + m % 10),
                          '-',
                          char('0' + day / 10),
                          char('0' + day % 10)};
    plain(c, std::string_view(tmp, sizeof tmp));
  }
  template <class Enum>
  void vocab(Column c, Enum e) {
    plain(c, name(e));
  }
  /// A list: the items joined by "|", a bar or a backslash in an item escaped with a backslash.
  template <class Range, class Text>
  void list(Column c, const Range& items, Text&& text_of) {
    if (items.empty()) return;
    item_.clear();
    bool first = true;
    for (const auto& item : items) {
      if (!first) item_ += '|';
      first = false;
      for (char ch : std::string_view(text_of(item))) {
        if (ch == '|' || ch == '\\') item_ += '\\';
        item_ += ch;
      }
    }
    text(c, item_);
  }
  /// Ends the row: the empty cells after the last written, and the line end.
  void end() {
    out_.append(static_cast<std::size_t>(column_count - 1 - commas_), ',');
    out_ += '\n';
    commas_ = 0;
  }

 private:
  /// Moves to column `c`: cell c begins after c commas.
  void at(Column c) {
    if (c < commas_ || (c == commas_ && c > 0 && out_.back() != ','))
      throw std::logic_error("the CSV writer's cells go in the order of the columns");
    out_.append(static_cast<std::size_t>(c - commas_), ',');
    commas_ = c;
  }
  /// A cell that needs no quotes (a name, a number, a date).
  void plain(Column c, std::string_view s) {
    at(c);
    out_ += s;
  }
  void quoted(std::string_view s) {
    if (s.find_first_of(",\"\r\n") == std::string_view::npos) {
      out_ += s;
      return;
    }
    out_ += '"';
    for (char ch : s) {
      if (ch == '"') out_ += '"';
      out_ += ch;
    }
    out_ += '"';
  }

  std::string& out_;
  int commas_ = 0;    // the commas written in the row so far
  std::string item_;  // a list's cell
};

template <class... F>
struct overloaded : F... {
  using F::operator()...;
};
template <class... F>
overloaded(F...) -> overloaded<F...>;

void event_row(RowWriter& w, const Event& ev) {
  w.date(col_date, ev.date);
  w.vocab(col_kind, ev.kind());
  const auto same = [](const std::string& s) -> const std::string& { return s; };
  std::visit(overloaded{
                 [](const FirstConversation&) {},
                 [&](const Visitation& v) { w.vocab(col_outcome, v.outcome); },
                 [&](const JobformidlerAssigned& v) { w.text(col_jobformidler, v.jobformidler); },
                 [](const CvCompleted&) {},
                 [&](const JobDirectionSet& v) {
                   w.vocab(col_goal, v.goal);
                   w.list(col_wishes, v.wishes, same);
                 },
                 [&](const CourseBrokenOff& v) { w.flag(col_rehabilitation_assessment, v.rehabilitation_assessment); },
                 [&](const AgreementMade& v) {
                   w.vocab(col_agreement_kind, v.kind);
                   w.date(col_start, v.start);
                   w.number(col_minutes_per_week, v.minutes_per_week);
                   if (v.ordinary_minutes_per_week)
                     w.number(col_ordinary_minutes_per_week, *v.ordinary_minutes_per_week);
                   if (v.terms) {
                     w.text(col_company, v.terms->company);
                     w.list(col_tasks, v.terms->tasks, same);
                     w.list(col_sub_goals, v.terms->sub_goals, same);
                     w.list(col_health, v.terms->health, [](Health h) { return name(h); });
                   }
                 },
                 [](const FollowUpPlanMade&) {},
                 [&](const ContactPersonAssigned& v) { w.text(col_company, v.company); },
                 [&](const HoursWorked& v) {
                   w.number(col_minutes, v.minutes);
                   w.vocab(col_type, v.kind);
                 },
                 [&](const Contact& v) { w.vocab(col_channel, v.channel); },
                 [&](const SanctionFailure& v) {
                   w.text(col_failure_id, v.failure_id);
                   w.vocab(col_failure, v.failure);
                 },
                 [&](const ReasonableCause& v) {
                   w.text(col_failure_id, v.failure_id);
                   w.vocab(col_cause, v.cause);
                   w.text(col_text, v.text);
                 },
                 [&](const VulnerabilityAssessed& v) {
                   w.text(col_failure_id, v.failure_id);
                   w.flag(col_vulnerable, v.vulnerable);
                 },
                 [&](const ConcreteAssessment& v) {
                   w.text(col_failure_id, v.failure_id);
                   w.text(col_text, v.text);
                   w.flag(col_promotes_availability, v.promotes_availability);
                   w.flag(col_considers_vulnerability, v.considers_vulnerability);
                 },
                 [&](const HearingSent& v) {
                   w.text(col_failure_id, v.failure_id);
                   w.date(col_answer_by, v.answer_by);
                 },
                 [&](const HearingAnswered& v) { w.text(col_failure_id, v.failure_id); },
                 [&](const PersonalContactAttempt& v) {
                   w.vocab(col_channel, v.channel);
                   w.text(col_failure_id, v.failure_id);
                   w.flag(col_reached, v.reached);
                 },
                 [&](const SelfSupport& v) { w.vocab(col_via, v.via); },
                 [&](const ProfileChanged& v) {
                   if (v.benefit) w.vocab(col_benefit, *v.benefit);
                   if (v.activity_ready) w.flag(col_activity_ready, *v.activity_ready);
                   if (v.lives_in_designated_area) w.flag(col_lives_in_designated_area, *v.lives_in_designated_area);
                   if (v.in_integration_programme) w.flag(col_in_integration_programme, *v.in_integration_programme);
                 },
                 [&](const AftercareContact& v) { w.vocab(col_channel, v.channel); },
                 [&](const BusTripAttended& v) {
                   w.text(col_trip, v.trip);
                   w.flag(col_attended, v.attended);
                   w.list(col_companies, v.companies, same);
                 },
                 [&](const TrainingTrackStarted& v) {
                   w.text(col_track, v.track);
                   w.text(col_workplace, v.workplace);
                   w.text(col_mentor, v.mentor);
                   w.date(col_end, v.end);
                 },
             },
             ev.data);
}

}  // namespace

void write_csv_header(std::ostream& out) {
  std::string line;
  for (int c = 0; c < column_count; ++c) {
    if (c > 0) line += ',';
    line += column_names[c];
  }
  line += '\n';
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
}

void write_csv_case(std::ostream& out, const Case& c) {
  thread_local std::string text;  // the case's rows, written to `out` at once
  text.clear();
  RowWriter w(text);
  w.text(col_citizen, c.citizen);
  w.text(col_kind, profile_kind);
  w.vocab(col_benefit, c.profile.benefit);
  w.flag(col_activity_ready, c.profile.activity_ready);
  w.flag(col_lives_in_designated_area, c.profile.lives_in_designated_area);
  w.flag(col_in_integration_programme, c.profile.in_integration_programme);
  w.end();
  for (const Event& ev : c.events) {
    w.text(col_citizen, c.citizen);
    event_row(w, ev);
    w.end();
  }
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (text.capacity() > (std::size_t{1} << 24)) std::string().swap(text);  // a very large case: not kept
}

}  // namespace kanten::inline v1::detail
