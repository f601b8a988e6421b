// python/src/common.hpp — what module.cpp and bind_match.cpp share: dates, numpy columns built
// in C++, DataFrame columns read into JSON documents for kanten's readers, and the error type.
//
// Every helper here runs with the GIL held: it reads or creates Python objects.
#pragma once

#include "kanten/date.hpp"
#include "kanten/error.hpp"
#include "kanten/events.hpp"

#include <nlohmann/json.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kanten_py {

namespace py = pybind11;
namespace k = kanten;
using json = nlohmann::json;

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

/// A date argument as ISO text (the Python side turns date, datetime, Timestamp into it);
/// throws kanten::Error naming `field` when it is not a real calendar date.
inline k::Date parse_date_arg(const std::string& text, const char* field) {
  auto d = k::parse_date(text);
  if (!d) throw k::Error(k::Errc::invalid_argument, field, text, "not a date: expected a real calendar date YYYY-MM-DD");
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
// DataFrame columns → JSON documents for kanten's readers
// ---------------------------------------------------------------------------------------------

/// One column of a DataFrame as the Python side prepared it: a contiguous numpy array whose
/// dtype is int64, float64, bool, datetime64[D] or object.
class InColumn {
 public:
  InColumn(std::string name, py::array a);
  [[nodiscard]] const std::string& name() const noexcept { return name_; }
  /// The cell at `row` as JSON; nullopt when absent (None, NaN, NaT).
  [[nodiscard]] std::optional<json> cell(std::size_t row) const;
  /// The cell as Python object (object columns only; nullptr otherwise).
  [[nodiscard]] PyObject* object(std::size_t row) const;
  [[nodiscard]] std::size_t size() const noexcept { return size_; }

 private:
  enum class Kind { i64, f64, boolean, days, object };
  std::string name_;
  py::array array_;
  Kind kind_;
  const void* data_;
  std::size_t size_;
};

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

}  // namespace kanten_py
