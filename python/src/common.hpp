// python/src/common.hpp — what the bind_<module>.cpp files share: the register_<module>
// functions module.cpp calls, dates, numpy columns built in C++, vocabularies as Python names,
// DataFrame columns read for kanten's readers, and the not-None casters.
//
// Every helper here runs with the GIL held: it reads or creates Python objects.
#pragma once

#include "kanten/core/date.hpp"
#include "kanten/core/error.hpp"
#include "kanten/rules/events.hpp"
#include "kanten/core/input.hpp"
#include "kanten/core/vocabulary.hpp"
#include "kanten/rules/model.hpp"

#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanten_py {

namespace py = pybind11;
namespace k = kanten;
using json = nlohmann::json;

// ---------------------------------------------------------------------------------------------
// The rooms of the module: module.cpp calls these in this order (one per library module)
// ---------------------------------------------------------------------------------------------

void register_core(py::module_& m);       ///< bind_core.cpp: KantenError, version, vocabulary()
void register_rules(py::module_& m);      ///< bind_rules.cpp: Caseload, evaluations, sanctions, the model
void register_programme(py::module_& m);  ///< bind_programme.cpp: figures, Kaplan–Meier, bus trips, training
void register_match(py::module_& m);      ///< bind_match.cpp: Market, proposals, scores
void register_matcher(py::module_& m);    ///< bind_matcher.cpp: the persistent matcher (kanten.Matcher)
void register_synth(py::module_& m);      ///< bind_synth.cpp: the caseload and market generators
void register_stream(py::module_& m);     ///< bind_stream.cpp: files read a chunk of cases at a time

/// numpy's NaT as an int64.
inline constexpr std::int64_t nat = std::numeric_limits<std::int64_t>::min();

/// Days since 1970-01-01 (numpy's datetime64[D] epoch); NaT for a special date.
inline std::int64_t epoch_days(k::Date d) {
  if (d.is_special()) return nat;
  static const k::Date epoch(1970, 1, 1);
  return (d - epoch).days();
}
inline std::int64_t epoch_days(const std::optional<k::Date>& d) { return d ? epoch_days(*d) : nat; }

/// pandas' Period[M] ordinal of a month: months since 1970-01.
inline std::int64_t period_ordinal(k::YearMonth m) { return static_cast<std::int64_t>(m.index) - 1970 * 12; }

/// An argument's text as an error may show it: an id, a date or a number as given (at most 64
/// bytes, no white space or control characters, not shaped like a CPR number); anything else,
/// which may be free text from a case, only as its length. The package's _checks.shown does the same.
inline std::string shown_arg(std::string_view text) {
  bool plain = text.size() <= 64 && !k::looks_like_cpr(text);
  for (const char c : text)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) plain = false;
  if (plain) return std::string(text);
  std::size_t characters = 0;  // UTF-8 code points, as Python counts them
  for (const char c : text) characters += (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  return "<text of " + std::to_string(characters) + " characters>";
}

/// A date argument as ISO text (the Python side turns date, datetime, Timestamp into it);
/// throws kanten::Error naming `field` when it is not a real calendar date.
inline k::Date parse_date_arg(const std::string& text, const char* field) {
  auto d = k::parse_date(text);
  if (!d)
    throw k::Error(k::Errc::invalid_argument, field, shown_arg(text), "not a date: expected a real calendar date YYYY-MM-DD");
  return *d;
}

/// A column being filled: a numpy array of T with n elements.
template <class T>
struct Out {
  py::array_t<T> array;
  T* data;
  explicit Out(std::size_t n) : array(static_cast<py::ssize_t>(n)), data(array.mutable_data()) {}
};

/// A datetime64[D] column of n dates.
struct DateOut {
  py::array array;
  std::int64_t* data;
  explicit DateOut(std::size_t n)
      : array(py::dtype("M8[D]"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}),
        data(static_cast<std::int64_t*>(array.mutable_data())) {}
  void set(std::size_t i, k::Date d) { data[i] = epoch_days(d); }
  void set(std::size_t i, const std::optional<k::Date>& d) { data[i] = epoch_days(d); }
};

/// An object column of n Python objects (each slot owns one reference).
struct ObjOut {
  py::array array;
  PyObject** data;
  explicit ObjOut(std::size_t n)
      : array(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n)}),
        data(static_cast<PyObject**>(array.mutable_data())) {}
  /// Stores `o` (a new reference is taken).
  void set(std::size_t i, py::handle o) {
    PyObject* old = data[i];
    data[i] = o.inc_ref().ptr();
    Py_XDECREF(old);
  }
  void set(std::size_t i, std::string_view s) { set(i, py::str(s.data(), s.size())); }
  void none(std::size_t i) { set(i, py::none()); }
};

/// Strings interned for a vocabulary, so a column of names shares one object per name.
inline py::str str_of(std::string_view s) { return py::str(s.data(), s.size()); }

/// A tuple of Python strings.
template <class Range, class F>
py::tuple tuple_of(const Range& r, F&& to_text) {
  py::tuple t(r.size());
  std::size_t i = 0;
  for (const auto& x : r) t[i++] = str_of(to_text(x));
  return t;
}

/// A table under construction: column name → numpy array, in insertion order (a dict).
using Columns = py::dict;

// ---------------------------------------------------------------------------------------------
// Vocabularies: names from the library (kanten::enum_size<E>, kanten::name(E)), never by hand
// ---------------------------------------------------------------------------------------------

/// The names of a vocabulary enum, in enum order (kanten::Vocabulary<E>'s table).
template <class Enum>
py::tuple vocabulary_names() {
  static_assert(k::enum_size<Enum> > 0, "not a kanten vocabulary");
  py::tuple t(k::enum_size<Enum>);
  for (std::size_t i = 0; i < k::enum_size<Enum>; ++i) t[i] = str_of(name(k::Vocabulary<Enum>::values[i]));
  return t;
}

/// The names of a vocabulary as a message lists them: "a, b or c".
template <class Enum>
std::string names_or() {
  std::string out;
  for (std::size_t i = 0; i < k::enum_size<Enum>; ++i) {
    if (i > 0) out += i + 1 == k::enum_size<Enum> ? " or " : ", ";
    out += name(k::Vocabulary<Enum>::values[i]);
  }
  return out;
}

/// Makes `names` what _kanten.vocabulary(`vocabulary`) returns (bind_core.cpp keeps the table).
void add_vocabulary(py::module_& m, const char* vocabulary, py::tuple names);
/// Makes an enum's names what _kanten.vocabulary(`vocabulary`) returns.
template <class Enum>
void add_vocabulary(py::module_& m, const char* vocabulary) {
  add_vocabulary(m, vocabulary, vocabulary_names<Enum>());
}

/// Categories of a vocabulary enum, in enum order (the third element of a "category" column).
template <class Enum>
py::list categories() {
  return py::list(vocabulary_names<Enum>());
}
/// Whether a vocabulary's order means something, so that its columns are ordered categoricals
/// (``step < "trin3_virksomhedsforloeb"``, ``max()``): the steps, in model order. Other
/// vocabularies (kinds, reasons, exits) are unordered.
template <class Enum>
inline constexpr bool ordered_vocabulary = false;
template <>
inline constexpr bool ordered_vocabulary<k::Step> = true;

/// A "category" column of codes into a vocabulary (-1: missing): ("category", codes,
/// categories, ordered); ordered for the vocabularies of ordered_vocabulary.
template <class Enum>
py::tuple categorical(py::array_t<std::int8_t> codes) {
  return py::make_tuple("category", std::move(codes), categories<Enum>(), ordered_vocabulary<Enum>);
}
/// An "Int64" column: values, and a mask of the missing ones.
inline py::tuple nullable_int(py::array values, py::array_t<bool> mask) {
  return py::make_tuple("Int64", std::move(values), std::move(mask));
}

// ---------------------------------------------------------------------------------------------
// DataFrame columns → JSON documents for kanten's readers
// ---------------------------------------------------------------------------------------------

/// One column of a DataFrame as the Python side prepared it: a contiguous numpy array whose
/// dtype is int64, float64, bool, datetime64 (in days, seconds, milli-, micro- or nanoseconds)
/// or object.
class InColumn {
 public:
  /// The column's element type.
  enum class Kind { i64, f64, boolean, days, object };

  InColumn(std::string name, py::array a);
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// The cell at `row` as JSON; nullopt when absent (None, NaN, NaT).
  [[nodiscard]] std::optional<json> cell(std::size_t row) const;
  /// The cell as Python object (object columns only; nullptr otherwise).
  [[nodiscard]] PyObject* object(std::size_t row) const;
  [[nodiscard]] std::size_t size() const noexcept { return size_; }
  [[nodiscard]] Kind kind() const noexcept { return kind_; }
  /// The elements, read as T (std::int64_t for i64 and days, double, bool, PyObject*).
  template <class T>
  [[nodiscard]] const T* values() const noexcept {
    return static_cast<const T*>(data_);
  }
  /// A date column's cell as days since 1970-01-01, the day it falls in (NaT stays NaT).
  [[nodiscard]] std::int64_t day(std::size_t row) const noexcept {
    const std::int64_t v = static_cast<const std::int64_t*>(data_)[row];
    if (v == std::numeric_limits<std::int64_t>::min() || per_day_ == 1) return v;
    std::int64_t q = v / per_day_;
    if (v % per_day_ != 0 && v < 0) --q;  // the day it falls in, as numpy's cast to datetime64[D]
    return q;
  }

 private:
  std::string name_;
  py::array array_;
  Kind kind_;
  const void* data_;
  std::size_t size_;
  std::int64_t per_day_ = 1;  ///< a date column's units in a day
};

/// True when a cell of an object column is missing as pandas sees it (what
/// DataFrame.to_numpy(na_value=None) would replace by None): None, a float NaN, pd.NA, pd.NaT,
/// numpy's NaT, a Decimal NaN. Plain str, int, bool, list and tuple cells are never missing and
/// are told apart without calling into Python; other objects are asked of pandas.
bool is_missing(PyObject* o);

/// A Python value as JSON (None → null; integral floats → integers; dates → ISO text;
/// anything JSON cannot hold → an object {"python": repr}, which every reader refuses).
json to_json_value(py::handle o);

/// The columns of a prepared frame (a dict name → array, all the same length).
std::vector<InColumn> in_columns(const py::dict& frame, std::size_t& rows, const char* table);

/// Row `row` of `cols` as a JSON object of its present cells, skipping `skip`.
json row_object(const std::vector<InColumn>& cols, std::size_t row, std::string_view skip = {});

/// The text of a required string cell, e.g. the citizen id; throws naming table[row].column.
std::string required_id(const InColumn& col, std::size_t row, const char* table);

/// kanten::Error's own message, without the "field '…': value '…': " prefix what() adds.
std::string bare_message(const k::Error& e);

// ---------------------------------------------------------------------------------------------
// Arguments that must be an object of a bound class: never None
// ---------------------------------------------------------------------------------------------
//
// pybind11's caster of a bound class (and of its std::shared_ptr holder) takes None as a null
// pointer when it may convert; a function taking `const CaseloadPtr&` then dereferences null and
// the interpreter dies (kanten.match(None) did). These casters refuse None and an instance whose
// C++ object was never constructed (Cls.__new__(Cls)), so such a call is a TypeError ("incompatible
// function arguments", which the package words without the arguments). Every class bound with a
// holder declares them with KANTEN_PY_NOT_NONE, at global scope, right after its definition and
// before any use, so no function of the module can receive a null object.

/// The caster of `std::shared_ptr<T>` (arguments taking the holder). pybind11's holder caster
/// throws cast_error for an instance whose holder was never constructed; that is a refusal too.
template <class T>
class not_none_holder_caster : public py::detail::copyable_holder_caster<T, std::shared_ptr<T>> {
 public:
  bool load(py::handle src, bool convert) {
    if (!src || src.is_none()) return false;
    try {
      if (!py::detail::copyable_holder_caster<T, std::shared_ptr<T>>::load(src, convert)) return false;
    } catch (const py::cast_error&) {
      return false;
    }
    return this->value != nullptr && this->holder != nullptr;
  }
};

/// The caster of `T` itself (arguments `const T&`, `T*`, and a method's self). It loads through
/// the holder caster: pybind11's own would allocate uninitialised storage for an instance made
/// by Cls.__new__(Cls) and hand it to the function.
template <class T>
class not_none_caster : public py::detail::type_caster_base<T> {
 public:
  bool load(py::handle src, bool convert) {
    not_none_holder_caster<T> held;
    if (!held.load(src, convert)) return false;
    this->value = held.value;  // src, which owns the object, outlives the call
    return true;
  }
};

}  // namespace kanten_py

/// Declares the not-None casters of a class bound with a std::shared_ptr holder (see above).
/// Use at global scope after the class's definition, before any binding that takes it.
#define KANTEN_PY_NOT_NONE(T)                                                                          \
  namespace pybind11::detail {                                                                         \
  template <>                                                                                          \
  class type_caster<T> : public ::kanten_py::not_none_caster<T> {};                                    \
  template <>                                                                                          \
  class type_caster<std::shared_ptr<T>> : public ::kanten_py::not_none_holder_caster<T> {};            \
  }
