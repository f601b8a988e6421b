// python/src/frames.cpp — a caseload from DataFrames (one row per event, one row per profile),
// and a caseload as those DataFrames' columns.
//
// Reading: the package (kanten/__init__.py, _prepared) hands each column over as a numpy array:
// int64, float64, bool, datetime64[D] or object. Each case is built here directly from the typed
// columns — no JSON text in between — with the rules of kanten's JSON reader (docs/json-format.md):
// a DataFrame is read exactly as the JSON document of its rows would be. A row this direct
// path cannot take as plainly valid (a fault, a field its kind does not use, "H:MM" text, a
// value of an unusual Python type, …) goes through the JSON reader itself, alone in a case
// document of its own, so every rejection, warning and message stays the reader's.
//
// Writing (caseload_columns): every event's fields straight into numpy columns, the same cells
// the JSON writer (src/rules/json.cpp, event_json) would give each row: a vocabulary name as a
// str shared by every row that has it, an id or a text as a str, a flag as a bool, minutes as a
// nullable integer, a date as datetime64, a list as a list.
#include "caseload.hpp"

#include "kanten/rules/json.hpp"
#include "rules/payload.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <new>
#include <tuple>
#include <type_traits>
#include <unordered_map>
#include <variant>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace kanten_py {
namespace {

const InColumn* find_column(const std::vector<InColumn>& cols, std::string_view name) {
  for (const auto& c : cols)
    if (c.name() == name) return &c;
  return nullptr;
}

/// Thrown when a row is not plainly valid: the JSON reader reads it instead.
struct Fallback {};
[[noreturn]] void fallback() { throw Fallback{}; }

/// True when an object cell is absent as the JSON of the row would have it: missing as pandas
/// sees it (None, NaN, pd.NA, NaT; common.hpp, is_missing).
bool absent_object(PyObject* o) { return is_missing(o); }

/// The text of a str object (nullopt for anything else, or text Python cannot give as UTF-8).
std::optional<std::string_view> text_of(PyObject* o) {
  if (!PyUnicode_Check(o)) return std::nullopt;
  Py_ssize_t size = 0;
  const char* data = PyUnicode_AsUTF8AndSize(o, &size);
  if (!data) {
    PyErr_Clear();
    return std::nullopt;
  }
  return std::string_view(data, static_cast<std::size_t>(size));
}

/// A whole number as the JSON reader takes minutes: a float only when it holds an integer
/// (the package's from_double writes such a float as an integer), then within Minutes.
k::Minutes minutes_of(double v) {
  if (!(std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15)) fallback();
  const auto i = static_cast<std::int64_t>(v);
  if (i < std::numeric_limits<k::Minutes>::min() || i > std::numeric_limits<k::Minutes>::max()) fallback();
  return static_cast<k::Minutes>(i);
}

/// One row of a table's columns, read field by field as the JSON reader's Fields reads an
/// object; anything but a plainly valid value is a Fallback. Records which columns were read.
///
/// Which cells hold a value is worked out once, column by column (a pass down each column's
/// memory, not a jump across every column for every row), as one bit per cell.
class Row {
 public:
  explicit Row(const std::vector<InColumn>& cols)
      : cols_(cols), words_((cols.size() + 63) / 64), used_(words_) {
    static const k::Date epoch(1970, 1, 1);
    min_days_ = (k::Date(1400, 1, 1) - epoch).days();
    max_days_ = (k::Date(9999, 12, 31) - epoch).days();
    const std::size_t rows = cols.empty() ? 0 : cols.front().size();
    present_.assign(rows * words_, 0);
    // In runs of rows whose bits stay in the cache while every column adds its own.
    constexpr std::size_t run = 4096;
    for (std::size_t r0 = 0; r0 < rows; r0 += run) {
      const std::size_t r1 = std::min(rows, r0 + run);
      for (std::size_t c = 0; c < cols.size(); ++c) {
        std::uint64_t* word = present_.data() + r0 * words_ + c / 64;
        const std::uint64_t bit = std::uint64_t{1} << (c % 64);
        auto mark = [&](auto&& is_present) {
          for (std::size_t r = r0; r < r1; ++r, word += words_)
            if (is_present(r)) *word |= bit;
        };
        const InColumn& col = cols[c];
        switch (col.kind()) {
          case InColumn::Kind::i64:
          case InColumn::Kind::boolean: mark([](std::size_t) { return true; }); break;
          case InColumn::Kind::f64: mark([v = col.values<double>()](std::size_t r) { return !std::isnan(v[r]); }); break;
          case InColumn::Kind::days: mark([v = col.values<std::int64_t>()](std::size_t r) { return v[r] != nat; }); break;
          case InColumn::Kind::object:
            // None, by far the most common cell, without a call.
            mark([v = col.values<PyObject*>()](std::size_t r) { return v[r] != Py_None && !absent_object(v[r]); });
            break;
        }
      }
    }
    for (std::size_t c = 0; c < cols.size(); ++c)
      buckets_[bucket(cols[c].name())].push_back(static_cast<std::uint32_t>(c));
  }

  void start(std::size_t row) {
    row_ = row;
    std::fill(used_.begin(), used_.end(), std::uint64_t{0});
  }

  /// Throws Fallback when a column not read holds a value (the reader would name it).
  void check_unused(std::string_view skip) {
    find(skip);  // the skipped column counts as read
    const std::uint64_t* here = present_.data() + row_ * words_;
    for (std::size_t w = 0; w < words_; ++w)
      if (here[w] & ~used_[w]) fallback();
  }

  [[nodiscard]] std::string_view need_text(std::string_view key) {
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) fallback();
    return text_at(static_cast<std::size_t>(c));
  }
  [[nodiscard]] std::optional<std::string_view> opt_text(std::string_view key) {
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return std::nullopt;
    return text_at(static_cast<std::size_t>(c));
  }
  [[nodiscard]] std::string id(std::string_view key) { return checked_id(need_text(key)); }
  [[nodiscard]] std::string opt_id(std::string_view key) {
    const auto t = opt_text(key);
    return t ? checked_id(*t) : std::string();
  }
  [[nodiscard]] std::string text(std::string_view key) { return std::string(opt_text(key).value_or("")); }

  template <class Enum>
  [[nodiscard]] Enum vocab(std::string_view key) {
    Enum out{};
    if (!k::parse_name(need_text(key), out)) fallback();
    return out;
  }

  /// Not plainly valid: the JSON reader reads the row and reports the fault.
  [[noreturn]] static void fault(const std::string&, const std::string&, const std::string&) { fallback(); }

  [[nodiscard]] bool present(std::string_view key) {
    const auto c = find(key);
    return c >= 0 && !absent(static_cast<std::size_t>(c));
  }

  /// A list of strings (absent: empty), each turned by `f`.
  template <class T, class F>
  [[nodiscard]] std::vector<T> list(std::string_view key, F&& f) {
    std::vector<T> out;
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return out;
    if (cols_[c].kind() != InColumn::Kind::object) fallback();
    PyObject* o = cols_[c].values<PyObject*>()[row_];
    if (!PyList_Check(o) && !PyTuple_Check(o)) fallback();
    const Py_ssize_t n = PySequence_Fast_GET_SIZE(o);
    PyObject** items = PySequence_Fast_ITEMS(o);
    out.reserve(static_cast<std::size_t>(n));
    for (Py_ssize_t i = 0; i < n; ++i) {
      const auto t = text_of(items[i]);
      if (!t) fallback();
      out.push_back(f(*t));
    }
    return out;
  }
  [[nodiscard]] std::vector<std::string> texts(std::string_view key) {
    return list<std::string>(key, [](std::string_view t) { return std::string(t); });
  }
  /// A list of opaque ids (absent: empty); one shaped like a CPR number is the reader's to refuse.
  [[nodiscard]] std::vector<std::string> ids(std::string_view key) {
    return list<std::string>(key, [](std::string_view t) { return checked_id(t); });
  }
  template <class Enum>
  [[nodiscard]] std::vector<Enum> vocabs(std::string_view key) {
    return list<Enum>(key, [](std::string_view t) {
      Enum e{};
      if (!k::parse_name(t, e)) fallback();
      return e;
    });
  }

  [[nodiscard]] bool flag(std::string_view key) {
    const auto v = opt_bool(key);
    if (!v) fallback();
    return *v;
  }
  [[nodiscard]] bool opt_flag(std::string_view key, bool otherwise) { return opt_bool(key).value_or(otherwise); }

  [[nodiscard]] k::Date date(std::string_view key) {
    const auto d = maybe_date(key);
    if (!d) fallback();
    return *d;
  }
  [[nodiscard]] k::Date opt_date(std::string_view key, k::Date otherwise) { return maybe_date(key).value_or(otherwise); }
  [[nodiscard]] std::optional<k::Date> maybe_date(std::string_view key) {
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return std::nullopt;
    const InColumn& col = cols_[c];
    if (col.kind() == InColumn::Kind::days) {
      const std::int64_t v = col.day(row_);
      if (v < min_days_ || v > max_days_) fallback();
      static const k::Date epoch(1970, 1, 1);
      return epoch + boost::gregorian::date_duration(static_cast<long>(v));
    }
    if (col.kind() != InColumn::Kind::object) fallback();
    const auto t = text_of(col.values<PyObject*>()[row_]);
    if (!t) fallback();
    auto d = k::parse_date(*t);
    if (!d) fallback();
    return d;
  }

  /// Whole minutes under `minutes_key`; "H:MM" under `hours_key` is the reader's to take.
  [[nodiscard]] std::optional<k::Minutes> duration(std::string_view minutes_key, std::string_view hours_key) {
    if (present(hours_key)) fallback();
    const auto c = find(minutes_key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return std::nullopt;
    const InColumn& col = cols_[c];
    switch (col.kind()) {
      case InColumn::Kind::i64: {
        const std::int64_t v = col.values<std::int64_t>()[row_];
        if (v < std::numeric_limits<k::Minutes>::min() || v > std::numeric_limits<k::Minutes>::max()) fallback();
        return static_cast<k::Minutes>(v);
      }
      case InColumn::Kind::f64: return minutes_of(col.values<double>()[row_]);
      case InColumn::Kind::object: {
        PyObject* o = col.values<PyObject*>()[row_];
        if (PyBool_Check(o)) fallback();
        if (PyFloat_Check(o)) return minutes_of(PyFloat_AS_DOUBLE(o));
        if (!PyLong_Check(o)) fallback();
        int overflow = 0;
        const long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
        if (overflow != 0 || v < std::numeric_limits<k::Minutes>::min() || v > std::numeric_limits<k::Minutes>::max())
          fallback();
        return static_cast<k::Minutes>(v);
      }
      default: fallback();
    }
  }

 private:
  /// The column named `key` (marked as read), or -1.
  std::ptrdiff_t find(std::string_view key) {
    for (const std::uint32_t c : buckets_[bucket(key)])
      if (cols_[c].name() == key) {
        used_[c / 64] |= std::uint64_t{1} << (c % 64);
        return static_cast<std::ptrdiff_t>(c);
      }
    return -1;
  }

  /// A name's bucket of columns: by its length and its first and last characters.
  static std::size_t bucket(std::string_view key) {
    if (key.empty()) return 0;
    return (key.size() * 7 + static_cast<unsigned char>(key.front()) * 3 + static_cast<unsigned char>(key.back())) %
           bucket_count;
  }

  /// Absent as the JSON of the row would have it; "present" for a value of any other type,
  /// which the reader then reads.
  [[nodiscard]] bool absent(std::size_t c) const {
    return !((present_[row_ * words_ + c / 64] >> (c % 64)) & 1U);
  }

  [[nodiscard]] std::string_view text_at(std::size_t c) const {
    if (cols_[c].kind() != InColumn::Kind::object) fallback();
    const auto t = text_of(cols_[c].values<PyObject*>()[row_]);
    if (!t) fallback();
    return *t;
  }

  [[nodiscard]] std::optional<bool> opt_bool(std::string_view key) {
    const auto c = find(key);
    if (c < 0 || absent(static_cast<std::size_t>(c))) return std::nullopt;
    const InColumn& col = cols_[c];
    if (col.kind() == InColumn::Kind::boolean) return col.values<bool>()[row_];
    if (col.kind() != InColumn::Kind::object) fallback();
    PyObject* o = col.values<PyObject*>()[row_];
    if (o == Py_True) return true;
    if (o == Py_False) return false;
    fallback();
  }

  static std::string checked_id(std::string_view id) {
    if (k::looks_like_cpr(id)) fallback();  // refused by the reader, with its message
    return std::string(id);
  }

  static constexpr std::size_t bucket_count = 128;

  const std::vector<InColumn>& cols_;
  std::size_t words_;                  ///< 64-bit words of bits per row
  std::vector<std::uint64_t> used_;    ///< the columns read in this row
  std::vector<std::uint64_t> present_; ///< per row, the columns holding a value
  std::array<std::vector<std::uint32_t>, bucket_count> buckets_;
  std::size_t row_ = 0;
  std::int64_t min_days_ = 0, max_days_ = 0;
};

/// The profile of a profiles row, as the reader reads a case's "profile".
k::Profile read_profile(Row& f) {
  k::Profile p;
  if (f.present("benefit")) p.benefit = f.vocab<k::Benefit>("benefit");
  p.activity_ready = f.opt_flag("activity_ready", p.activity_ready);
  p.lives_in_designated_area = f.opt_flag("lives_in_designated_area", p.lives_in_designated_area);
  p.in_integration_programme = f.opt_flag("in_integration_programme", p.in_integration_programme);
  return p;
}

/// `field` with its leading `from` (e.g. "profile") replaced by `to` (e.g. "profiles[3]").
std::string renamed(const std::string& field, std::string_view from, const std::string& to) {
  return to + field.substr(from.size());
}

/// A case document read by the JSON reader without the GIL (the rows that take that path).
k::Case read_case_document(const json& doc) {
  const std::string text = doc.dump();
  py::gil_scoped_release release;
  return k::case_from_json(text);
}

}  // namespace

CaseloadPtr caseload_from_columns(const py::dict& events, const py::object& profiles) {
  std::size_t n_events = 0, n_profiles = 0;
  const auto ecols = in_columns(events, n_events, "events");
  const InColumn* ecit = find_column(ecols, "citizen");
  if (!ecit && n_events > 0)
    throw k::Error(k::Errc::invalid_input, "events.citizen", "", "missing: the events DataFrame needs a 'citizen' column");

  std::vector<InColumn> pcols;
  const InColumn* pcit = nullptr;
  if (!profiles.is_none()) {
    pcols = in_columns(profiles.cast<py::dict>(), n_profiles, "profiles");
    pcit = find_column(pcols, "citizen");
    if (!pcit && n_profiles > 0)
      throw k::Error(k::Errc::invalid_input, "profiles.citizen", "", "missing: the profiles DataFrame needs a 'citizen' column");
  }

  // The citizen id of a row: a str's text (owned by the column's object, alive during the
  // call), or as required_id reads it (which names the fault).
  std::string held;
  auto id_of = [&](const InColumn& col, std::size_t r, const char* table) -> std::string_view {
    if (col.kind() == InColumn::Kind::object) {
      const auto t = text_of(col.values<PyObject*>()[r]);
      if (t && !t->empty()) return *t;
    }
    held = required_id(col, r, table);
    return held;
  };

  // Cases in order: profiles first, then citizens seen only in events, by first appearance.
  struct Draft {
    std::string citizen;
    std::int64_t profile_row = -1;
    std::vector<std::int64_t> rows;
  };
  std::vector<Draft> drafts;
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t r = 0; r < n_profiles; ++r) {
    std::string id(id_of(*pcit, r, "profiles"));
    auto [it, fresh] = index.emplace(id, drafts.size());
    if (!fresh)
      throw k::Error(k::Errc::invalid_input, "profiles[" + std::to_string(r) + "].citizen", id,
                     "duplicate: the citizen already has a profile in row " + std::to_string(drafts[it->second].profile_row));
    drafts.push_back({std::move(id), static_cast<std::int64_t>(r), {}});
  }
  {
    std::string_view last;  // consecutive rows of one citizen: one look-up
    std::size_t last_case = 0;
    for (std::size_t r = 0; r < n_events; ++r) {
      const std::string_view id = id_of(*ecit, r, "events");
      // The same str object as the row before: the same citizen without comparing the text.
      const bool same = r > 0 && id.data() != held.data() && id.size() == last.size() &&
                        (id.data() == last.data() || id == last);
      if (!same) {
        auto it = index.find(std::string(id));
        if (it == index.end()) {
          it = index.emplace(std::string(id), drafts.size()).first;
          drafts.push_back({std::string(id), -1, {}});
        }
        last_case = it->second;
        last = id.data() == held.data() ? std::string_view{} : id;
      }
      drafts[last_case].rows.push_back(static_cast<std::int64_t>(r));
    }
  }

  // Each case: every row straight from the columns, or (when not plainly valid) through the
  // JSON reader, so a DataFrame is read exactly as a JSON document is.
  auto out = std::make_shared<CaseloadData>();
  out->load.cases.reserve(drafts.size());
  out->input_rows.reserve(drafts.size());
  Row erow(ecols), prow(pcols);
  for (auto& d : drafts) {
    k::Case c;
    c.citizen = d.citizen;
    try {
      if (k::looks_like_cpr(c.citizen)) (void)read_case_document({{"citizen", c.citizen}});  // throws the reader's error
      if (d.profile_row >= 0) {
        const auto r = static_cast<std::size_t>(d.profile_row);
        try {
          prow.start(r);
          c.profile = read_profile(prow);
          prow.check_unused("citizen");
        } catch (const Fallback&) {
          k::Case p = read_case_document({{"citizen", c.citizen}, {"profile", row_object(pcols, r, "citizen")}});
          c.profile = p.profile;
          for (auto& w : p.warnings) {
            if (w.field.rfind("profile", 0) == 0) w.field = renamed(w.field, "profile", "profiles[" + std::to_string(r) + "]");
            c.warnings.push_back(std::move(w));
          }
        }
      }
    } catch (const k::Error& e) {
      // Only the profile can fault a whole case here: name the profiles DataFrame's row.
      std::string field = e.field();
      if (field.rfind("profile", 0) == 0 && d.profile_row >= 0)
        field = renamed(field, "profile", "profiles[" + std::to_string(d.profile_row) + "]");
      throw k::Error(e.code(), field, e.value(), bare_message(e));
    }
    c.events.reserve(d.rows.size());
    for (std::size_t i = 0; i < d.rows.size(); ++i) {
      const auto r = static_cast<std::size_t>(d.rows[i]);
      try {
        erow.start(r);
        const auto kind = erow.vocab<k::EventKind>("kind");
        k::Event ev;
        ev.date = erow.date("date");
        ev.data = k::detail::read_payload(kind, erow, ev.date);
        erow.check_unused("citizen");
        c.events.push_back(std::move(ev));
      } catch (const Fallback&) {
        k::Case one = read_case_document({{"citizen", c.citizen}, {"events", json::array({row_object(ecols, r, "citizen")})}});
        for (auto& ev : one.events) c.events.push_back(std::move(ev));
        for (auto& x : one.rejected) {
          x.index = i;
          c.rejected.push_back(std::move(x));
        }
        // A warning's path names the one-event document's event ("events[0].x"): name the row
        // of the events DataFrame ("events[17].x") instead.
        for (auto& w : one.warnings) {
          if (w.field.rfind("events[0]", 0) == 0) w.field = renamed(w.field, "events[0]", "events[" + std::to_string(r) + "]");
          c.warnings.push_back(std::move(w));
        }
      }
    }
    out->load.cases.push_back(std::move(c));
    out->input_rows.push_back(std::move(d.rows));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Writing: a caseload as the columns of its events and profiles DataFrames
// ---------------------------------------------------------------------------------------------

namespace {

/// What a field's cells hold: a str (a vocabulary name, an id, a text), a bool, whole minutes
/// (a nullable integer column), a date (datetime64), or a list of str.
enum class Cell : std::uint8_t { name, id, text, flag, minutes, date, names, texts, ids };

// Every field of an event's JSON object besides date and kind (src/rules/json.cpp, event_json),
// with what its cells hold.
#define KANTEN_PY_EVENT_FIELDS(X)                                                                    \
  X(outcome, name) X(jobformidler, id) X(goal, name) X(wishes, texts) X(rehabilitation_assessment, flag) \
  X(agreement_kind, name) X(start, date) X(minutes_per_week, minutes) X(ordinary_minutes_per_week, minutes) \
  X(company, id) X(tasks, texts) X(sub_goals, texts) X(health, names) X(minutes, minutes) X(type, name)   \
  X(channel, name) X(failure_id, id) X(failure, name) X(cause, name) X(text, text) X(vulnerable, flag)     \
  X(promotes_availability, flag) X(considers_vulnerability, flag) X(answer_by, date) X(reached, flag)     \
  X(via, name) X(benefit, name) X(activity_ready, flag) X(lives_in_designated_area, flag)                 \
  X(in_integration_programme, flag) X(trip, id) X(attended, flag) X(companies, ids) X(track, id)          \
  X(workplace, id) X(mentor, id) X(end, date)

enum Field : unsigned {
#define KANTEN_PY_FIELD(f, c) f_##f,
  KANTEN_PY_EVENT_FIELDS(KANTEN_PY_FIELD)
#undef KANTEN_PY_FIELD
      field_count
};
static_assert(field_count <= 64, "the fields of an event are a 64-bit mask");

struct FieldSpec {
  std::string_view key;
  Cell cell;
};
constexpr FieldSpec field_specs[field_count] = {
#define KANTEN_PY_FIELD(f, c) {#f, Cell::c},
    KANTEN_PY_EVENT_FIELDS(KANTEN_PY_FIELD)
#undef KANTEN_PY_FIELD
};

constexpr std::uint64_t bit(Field f) { return std::uint64_t{1} << f; }

/// The fields in the byte order of their names: the order in which a JSON object of an event
/// lists them once parsed, and so the order of the columns a row adds first.
const std::array<Field, field_count>& fields_by_name() {
  static const auto sorted = [] {
    std::array<Field, field_count> out{};
    for (unsigned i = 0; i < field_count; ++i) out[i] = static_cast<Field>(i);
    std::sort(out.begin(), out.end(), [](Field a, Field b) { return field_specs[a].key < field_specs[b].key; });
    return out;
  }();
  return sorted;
}

/// Hands each field the JSON writer gives `data` (event_json, in src/rules/json.cpp) to `v`:
/// v.name(f, vocabulary value), v.id(f, s), v.text(f, s), v.flag(f, b), v.minutes(f, m), v.date(f, d),
/// v.names(f, enums), v.texts(f, strings), v.ids(f, strings).
template <class V>
void each_field(const k::EventData& data, V& v) {
  std::visit(
      [&](const auto& p) {
        using T = std::decay_t<decltype(p)>;
        if constexpr (std::is_same_v<T, k::Visitation>) {
          v.name(f_outcome, p.outcome);
        } else if constexpr (std::is_same_v<T, k::JobformidlerAssigned>) {
          v.id(f_jobformidler, p.jobformidler);
        } else if constexpr (std::is_same_v<T, k::JobDirectionSet>) {
          v.name(f_goal, p.goal);
          v.texts(f_wishes, p.wishes);
        } else if constexpr (std::is_same_v<T, k::CourseBrokenOff>) {
          v.flag(f_rehabilitation_assessment, p.rehabilitation_assessment);
        } else if constexpr (std::is_same_v<T, k::AgreementMade>) {
          v.name(f_agreement_kind, p.kind);
          v.date(f_start, p.start);
          v.minutes(f_minutes_per_week, p.minutes_per_week);
          if (p.ordinary_minutes_per_week) v.minutes(f_ordinary_minutes_per_week, *p.ordinary_minutes_per_week);
          if (p.terms) {
            v.id(f_company, p.terms->company);
            v.texts(f_tasks, p.terms->tasks);
            v.texts(f_sub_goals, p.terms->sub_goals);
            v.names(f_health, p.terms->health);
          }
        } else if constexpr (std::is_same_v<T, k::ContactPersonAssigned>) {
          v.id(f_company, p.company);
        } else if constexpr (std::is_same_v<T, k::HoursWorked>) {
          v.minutes(f_minutes, p.minutes);
          v.name(f_type, p.kind);
        } else if constexpr (std::is_same_v<T, k::Contact> || std::is_same_v<T, k::AftercareContact>) {
          v.name(f_channel, p.channel);
        } else if constexpr (std::is_same_v<T, k::SanctionFailure>) {
          v.id(f_failure_id, p.failure_id);
          v.name(f_failure, p.failure);
        } else if constexpr (std::is_same_v<T, k::ReasonableCause>) {
          v.id(f_failure_id, p.failure_id);
          v.name(f_cause, p.cause);
          v.text(f_text, p.text);
        } else if constexpr (std::is_same_v<T, k::VulnerabilityAssessed>) {
          v.id(f_failure_id, p.failure_id);
          v.flag(f_vulnerable, p.vulnerable);
        } else if constexpr (std::is_same_v<T, k::ConcreteAssessment>) {
          v.id(f_failure_id, p.failure_id);
          v.flag(f_promotes_availability, p.promotes_availability);
          v.flag(f_considers_vulnerability, p.considers_vulnerability);
          v.text(f_text, p.text);
        } else if constexpr (std::is_same_v<T, k::HearingSent>) {
          v.id(f_failure_id, p.failure_id);
          if (!p.answer_by.is_special()) v.date(f_answer_by, p.answer_by);
        } else if constexpr (std::is_same_v<T, k::HearingAnswered>) {
          v.id(f_failure_id, p.failure_id);
        } else if constexpr (std::is_same_v<T, k::PersonalContactAttempt>) {
          v.id(f_failure_id, p.failure_id);
          v.name(f_channel, p.channel);
          v.flag(f_reached, p.reached);
        } else if constexpr (std::is_same_v<T, k::SelfSupport>) {
          v.name(f_via, p.via);
        } else if constexpr (std::is_same_v<T, k::ProfileChanged>) {
          if (p.benefit) v.name(f_benefit, *p.benefit);
          if (p.activity_ready) v.flag(f_activity_ready, *p.activity_ready);
          if (p.lives_in_designated_area) v.flag(f_lives_in_designated_area, *p.lives_in_designated_area);
          if (p.in_integration_programme) v.flag(f_in_integration_programme, *p.in_integration_programme);
        } else if constexpr (std::is_same_v<T, k::BusTripAttended>) {
          v.id(f_trip, p.trip);
          v.flag(f_attended, p.attended);
          v.ids(f_companies, p.companies);
        } else if constexpr (std::is_same_v<T, k::TrainingTrackStarted>) {
          v.id(f_track, p.track);
          if (!p.workplace.empty()) v.id(f_workplace, p.workplace);
          if (!p.mentor.empty()) v.id(f_mentor, p.mentor);
          if (!p.end.is_special()) v.date(f_end, p.end);
        } else {
          // first_conversation, cv_completed, followup_plan: no fields. A new kind with fields
          // stops the build here until its columns are written.
          static_assert(std::is_empty_v<T>, "an event kind with fields needs its columns in each_field");
        }
      },
      data);
}

/// The fields an event has (a visitor of each_field).
struct Presence {
  std::uint64_t bits = 0;
  template <class E>
  void name(Field f, E) { bits |= bit(f); }
  void id(Field f, const std::string&) { bits |= bit(f); }
  void text(Field f, const std::string&) { bits |= bit(f); }
  void flag(Field f, bool) { bits |= bit(f); }
  void minutes(Field f, k::Minutes) { bits |= bit(f); }
  void date(Field f, k::Date) { bits |= bit(f); }
  template <class E>
  void names(Field f, const std::vector<E>&) { bits |= bit(f); }
  void texts(Field f, const std::vector<std::string>&) { bits |= bit(f); }
  void ids(Field f, const std::vector<std::string>&) { bits |= bit(f); }
};

/// A datetime64[ns] column: pandas' own unit, so that pandas need not convert days (which it
/// does per element, with an overflow check: half a second per column of a large caseload).
/// A date pandas cannot hold in it (before 1677-09-22 or after 2262-04-11) is an error naming
/// the field and the date.
struct NsOut {
  py::array array;
  std::int64_t* data;
  explicit NsOut(std::size_t n)
      : array(py::dtype("M8[ns]"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}),
        data(static_cast<std::int64_t*>(array.mutable_data())) {
    std::fill_n(data, n, nat);
  }
  /// Stores `d` at row `r`; throws naming `where()` when pandas cannot hold it.
  template <class Where>
  void set(std::size_t r, k::Date d, Where&& where) {
    static constexpr std::int64_t ns_per_day = 86'400'000'000'000;
    static constexpr std::int64_t first = -106'751, last = 106'751;  // 1677-09-22, 2262-04-11
    const std::int64_t days = epoch_days(d);
    if (days == nat) {
      data[r] = nat;
      return;
    }
    if (days < first || days > last)
      throw k::Error(k::Errc::invalid_input, where(), k::iso(d),
                     "outside the dates a pandas datetime64[ns] column holds (1677-09-22 to 2262-04-11)");
    data[r] = days * ns_per_day;
  }
};

/// A 2-D object array of `rows` × `cols` empty (NULL) cells. A large one (a caseload's events are
/// gigabytes of cells) is on Linux a mapping of its own advised as transparent huge pages: the
/// kernel then maps it 2 MiB at a time rather than 4 KiB, which halves the time to fill it. The
/// capsule owning such a mapping drops every cell's reference when the last view of the array
/// goes (numpy does that only for memory it allocated itself), then unmaps it.
py::array empty_object_block(std::size_t rows, std::size_t cols) {
  const std::vector<py::ssize_t> shape{static_cast<py::ssize_t>(rows), static_cast<py::ssize_t>(cols)};
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  const std::size_t cells = rows * cols;
  const std::size_t bytes = cells * sizeof(PyObject*);
  if (bytes >= (std::size_t{1} << 22)) {
    void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) throw std::bad_alloc();
    (void)madvise(p, bytes, MADV_HUGEPAGE);  // advice only: without it the pages are 4 KiB
    struct Mapping {
      void* base;
      std::size_t cells, bytes;
    };
    Mapping* m = nullptr;
    try {
      m = new Mapping{p, cells, bytes};
    } catch (...) {
      munmap(p, bytes);
      throw;
    }
    py::capsule owner(m, [](void* q) {
      auto* mm = static_cast<Mapping*>(q);
      auto** cell = static_cast<PyObject**>(mm->base);
      for (std::size_t i = 0; i < mm->cells; ++i) Py_XDECREF(cell[i]);
      munmap(mm->base, mm->bytes);
      delete mm;
    });
    return py::array(py::dtype("O"), shape, {}, p, owner);  // the anonymous mapping is zero: every cell NULL
  }
#endif
  return py::array(py::dtype("O"), shape);  // numpy zero-fills a new object array: every cell NULL
}

/// The event columns being filled, row by row (a visitor of each_field). Object cells start
/// empty (NULL) and become None at the end; a vocabulary name or an id is one str object shared
/// by all its rows.
class EventColumns {
 public:
  /// Columns for `rows` events with the fields `present`; the object fields' cells are handed
  /// over by object_cells().
  EventColumns(std::size_t rows, std::uint64_t present) {
    for (unsigned f = 0; f < field_count; ++f) {
      if (!(present & bit(static_cast<Field>(f)))) continue;
      switch (field_specs[f].cell) {
        case Cell::minutes:
          ints_[f].emplace(rows);
          missing_[f].emplace(rows);
          std::fill_n(ints_[f]->data, rows, std::int64_t{0});
          std::fill_n(missing_[f]->data, rows, true);
          break;
        case Cell::date: days_[f].emplace(rows); break;
        default: break;
      }
    }
  }

  /// Field f's cells, one per row, all empty (NULL): a row of the block of object columns.
  void object_cells(Field f, PyObject** cells) { objects_[f] = cells; }

  /// True when field f's cells are objects (a row of the block).
  [[nodiscard]] static bool is_object(Field f) {
    return field_specs[f].cell != Cell::minutes && field_specs[f].cell != Cell::date;
  }

  /// The next cells go to row `r`, event `event` of case `c` (for messages).
  void at(std::size_t r, std::size_t c, std::size_t event) {
    r_ = r;
    case_ = c;
    event_ = event;
  }

  template <class E>
  void name(Field f, E e) { put(f, vocab(e, f)); }
  void id(Field f, const std::string& s) { put(f, shared(s, f)); }
  void text(Field f, const std::string& s) { put(f, fresh(s, f)); }
  void flag(Field f, bool b) { put(f, b ? py::handle(Py_True).inc_ref().ptr() : py::handle(Py_False).inc_ref().ptr()); }
  void minutes(Field f, k::Minutes m) {
    ints_[f]->data[r_] = m;
    missing_[f]->data[r_] = false;
  }
  void date(Field f, k::Date d) {
    days_[f]->set(r_, d, [&] { return where(f); });
  }
  template <class E>
  void names(Field f, const std::vector<E>& v) {
    PyObject* l = new_list(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) PyList_SET_ITEM(l, static_cast<Py_ssize_t>(i), vocab(v[i], f));
    put(f, l);
  }
  void texts(Field f, const std::vector<std::string>& v) { put(f, list_of(v, f, false)); }
  void ids(Field f, const std::vector<std::string>& v) { put(f, list_of(v, f, true)); }

  /// Field f's column when it is not an object column: ("Int64", values, mask) or datetime64[ns].
  py::object column(Field f) {
    if (ints_[f]) return nullable_int(ints_[f]->array, missing_[f]->array);
    return days_[f]->array;
  }

 private:
  /// Stores a new reference in the row's (empty) cell; each field is written once per event.
  void put(Field f, PyObject* o) { objects_[f][r_] = o; }

  /// The field's path in the caseload, as the JSON reader names it: cases[3].events[7].text.
  [[nodiscard]] std::string where(Field f) const {
    return "cases[" + std::to_string(case_) + "].events[" + std::to_string(event_) + "]." + std::string(field_specs[f].key);
  }

  [[noreturn]] void not_text(Field f) const {
    PyErr_Clear();
    throw k::Error(k::Errc::invalid_input, where(f), "", "not valid UTF-8 text: a str cannot hold it");
  }

  /// A new str of `s` (a new reference).
  PyObject* fresh(std::string_view s, Field f) const {
    PyObject* o = PyUnicode_FromStringAndSize(s.data(), static_cast<Py_ssize_t>(s.size()));
    if (!o) not_text(f);
    return o;
  }

  /// The one str of `s` (a new reference to it). `s` lives as long as the caseload or the
  /// vocabulary it comes from, which outlive this call.
  PyObject* shared(std::string_view s, Field f) {
    auto it = shared_.find(s);
    if (it == shared_.end()) {
      py::object o = py::reinterpret_steal<py::object>(fresh(s, f));
      it = shared_.emplace(s, std::move(o)).first;
    }
    return it->second.inc_ref().ptr();
  }

  /// The one str of a vocabulary value's name (a new reference), found by the value.
  template <class E>
  PyObject* vocab(E e, Field f) {
    auto& strs = std::get<VocabStrs<E>>(vocab_).strs;
    const auto i = static_cast<std::size_t>(e);
    if (i >= strs.size()) return shared(k::name(e), f);
    if (!strs[i]) {
      strs[i] = shared(k::name(e), f);  // borrowed from shared_, which keeps it; this new reference is the cell's
      return strs[i];
    }
    Py_INCREF(strs[i]);
    return strs[i];
  }

  static PyObject* new_list(std::size_t n) {
    PyObject* l = PyList_New(static_cast<Py_ssize_t>(n));
    if (!l) throw py::error_already_set();
    return l;
  }

  PyObject* list_of(const std::vector<std::string>& v, Field f, bool share) {
    PyObject* l = new_list(v.size());
    for (std::size_t i = 0; i < v.size(); ++i) {
      PyObject* item = nullptr;
      try {
        item = share ? shared(v[i], f) : fresh(v[i], f);
      } catch (...) {
        Py_DECREF(l);
        throw;
      }
      PyList_SET_ITEM(l, static_cast<Py_ssize_t>(i), item);
    }
    return l;
  }

  std::size_t r_ = 0, case_ = 0, event_ = 0;
  std::array<PyObject**, field_count> objects_{};
  std::array<std::optional<Out<std::int64_t>>, field_count> ints_;
  std::array<std::optional<Out<bool>>, field_count> missing_;
  std::array<std::optional<NsOut>, field_count> days_;
  std::unordered_map<std::string_view, py::object> shared_;
  template <class E>
  struct VocabStrs {
    std::array<PyObject*, k::enum_size<E>> strs{};
  };
  std::tuple<VocabStrs<k::VisitationOutcome>, VocabStrs<k::Goal>, VocabStrs<k::AgreementKind>, VocabStrs<k::Health>,
             VocabStrs<k::HoursKind>, VocabStrs<k::Channel>, VocabStrs<k::FailureKind>, VocabStrs<k::CauseKind>,
             VocabStrs<k::SelfSupportKind>, VocabStrs<k::Benefit>>
      vocab_;
};

}  // namespace

py::dict caseload_columns(const CaseloadData& d) {
  const auto& cases = d.load.cases;

  // The rows, and the columns in the order the rows first give them (each row's fields by name).
  std::size_t n_events = 0;
  std::uint64_t present = 0;
  std::vector<Field> order;
  {
    py::gil_scoped_release release;
    for (const auto& c : cases) {
      n_events += c.events.size();
      for (const auto& ev : c.events) {
        Presence p;
        each_field(ev.data, p);
        if (const std::uint64_t fresh = p.bits & ~present) {
          for (Field f : fields_by_name())
            if (fresh & bit(f)) order.push_back(f);
          present |= fresh;
        }
      }
    }
  }

  // The object columns (citizen, kind, then the object fields in column order) are the rows of
  // one block, filled with the cells' new references; the cells left empty become None.
  std::vector<Field> object_fields;
  for (Field f : order)
    if (EventColumns::is_object(f)) object_fields.push_back(f);
  const std::size_t n_objects = 2 + object_fields.size();
  py::array block = empty_object_block(n_objects, n_events);
  auto* cells = static_cast<PyObject**>(block.mutable_data());
  PyObject** citizen = cells;
  PyObject** kind = cells + n_events;
  EventColumns cols(n_events, present);
  for (std::size_t i = 0; i < object_fields.size(); ++i) cols.object_cells(object_fields[i], cells + (2 + i) * n_events);
  NsOut date(n_events);
  std::vector<py::str> kinds;
  for (std::size_t i = 0; i < k::enum_size<k::EventKind>; ++i) kinds.push_back(str_of(k::name(static_cast<k::EventKind>(i))));
  std::size_t r = 0;
  for (std::size_t ci = 0; ci < cases.size(); ++ci) {
    const auto& c = cases[ci];
    if (c.events.empty()) continue;
    py::str id = str_of(c.citizen);
    for (std::size_t e = 0; e < c.events.size(); ++e, ++r) {
      const auto& ev = c.events[e];
      citizen[r] = id.inc_ref().ptr();
      kind[r] = kinds[static_cast<std::size_t>(ev.kind())].inc_ref().ptr();
      date.set(r, ev.date, [&] { return "cases[" + std::to_string(ci) + "].events[" + std::to_string(e) + "].date"; });
      cols.at(r, ci, e);
      each_field(ev.data, cols);
    }
  }
  Py_ssize_t nones = 0;
  for (std::size_t i = 0; i < n_objects * n_events; ++i)
    if (cells[i] == nullptr) {
      cells[i] = Py_None;
      ++nones;
    }
  // One reference to None per cell that holds it, taken at once (a no-op where None is immortal).
  Py_SET_REFCNT(Py_None, Py_REFCNT(Py_None) + nones);

  // {"objects": the block, "object_names": its rows' names, "typed": the other columns by name,
  //  "order": every column's name in column order}
  py::list object_names, names;
  object_names.append("citizen");
  object_names.append("kind");
  for (Field f : object_fields) object_names.append(str_of(field_specs[f].key));
  py::dict typed;
  typed["date"] = date.array;
  names.append("citizen");
  names.append("date");
  names.append("kind");
  for (Field f : order) {
    names.append(str_of(field_specs[f].key));
    if (!EventColumns::is_object(f)) typed[str_of(field_specs[f].key)] = cols.column(f);
  }
  py::dict events;
  events["objects"] = block;
  events["object_names"] = object_names;
  events["typed"] = typed;
  events["order"] = names;

  const std::size_t n = cases.size();
  ObjOut pcitizen(n);
  Out<std::int8_t> benefit(n);
  Out<bool> ready(n), area(n), integration(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& c = cases[i];
    pcitizen.set(i, c.citizen);
    benefit.data[i] = static_cast<std::int8_t>(c.profile.benefit);
    ready.data[i] = c.profile.activity_ready;
    area.data[i] = c.profile.lives_in_designated_area;
    integration.data[i] = c.profile.in_integration_programme;
  }
  py::dict profiles;
  profiles["citizen"] = pcitizen.array;
  profiles["benefit"] = categorical<k::Benefit>(benefit.array);
  profiles["activity_ready"] = ready.array;
  profiles["lives_in_designated_area"] = area.array;
  profiles["in_integration_programme"] = integration.array;

  py::dict out;
  out["events"] = events;
  out["profiles"] = profiles;
  return out;
}

}  // namespace kanten_py
