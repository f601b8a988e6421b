// python/src/common.cpp — DataFrame columns into JSON for kanten's readers (see common.hpp).
#include "common.hpp"

#include <cmath>
#include <cstdio>

namespace kanten_py {

InColumn::InColumn(std::string name, py::array a) : name_(std::move(name)) {
  array_ = py::array::ensure(a, py::array::c_style);
  if (!array_ || array_.ndim() != 1)
    throw k::Error(k::Errc::invalid_argument, name_, "", "a column must be one-dimensional");
  size_ = static_cast<std::size_t>(array_.shape(0));
  const char kind = array_.dtype().kind();
  const auto item = array_.itemsize();
  if (kind == 'i' && item == 8) {
    kind_ = Kind::i64;
  } else if (kind == 'f' && item == 8) {
    kind_ = Kind::f64;
  } else if (kind == 'b') {
    kind_ = Kind::boolean;
  } else if (kind == 'M' && item == 8) {
    kind_ = Kind::days;
    // The unit: "<M8[D]", "<M8[ns]", ...; the Python side gives one of these.
    const auto unit = py::str(array_.dtype().attr("str")).cast<std::string>();
    if (unit.ends_with("[D]")) {
      per_day_ = 1;
    } else if (unit.ends_with("[s]")) {
      per_day_ = 86'400;
    } else if (unit.ends_with("[ms]")) {
      per_day_ = 86'400'000;
    } else if (unit.ends_with("[us]")) {
      per_day_ = 86'400'000'000;
    } else if (unit.ends_with("[ns]")) {
      per_day_ = 86'400'000'000'000;
    } else {
      throw k::Error(k::Errc::invalid_argument, name_, unit, "internal: a date column must be in days, s, ms, us or ns");
    }
  } else if (kind == 'O') {
    kind_ = Kind::object;
  } else {
    throw k::Error(k::Errc::invalid_argument, name_, std::string(1, kind),
                   "internal: a prepared column must be int64, float64, bool, datetime64[D] or object");
  }
  data_ = array_.data();
}

namespace {

json from_double(double v) {
  if (std::isfinite(v) && v == std::trunc(v) && std::fabs(v) < 9.0e15) return json(static_cast<std::int64_t>(v));
  return json(v);  // a fraction: the reader refuses it and names field and value
}

std::string iso_from_days(std::int64_t days) {
  static const k::Date epoch(1970, 1, 1);
  try {
    return k::iso(epoch + boost::gregorian::date_duration(static_cast<long>(days)));
  } catch (const std::exception&) {
    return std::to_string(days) + " days after 1970-01-01";  // outside Boost's range: the reader refuses it
  }
}

bool is_numpy(py::handle o, const char* type) {
  static py::object np = py::module_::import("numpy");
  return py::isinstance(o, np.attr(type));
}

}  // namespace

namespace {

/// A value JSON cannot hold: an object every reader refuses (shown only as "<object>"), naming
/// the Python type; never its repr, which runs the object's code and may hold free text.
json unreadable(py::handle o) {
  return json{{"python", std::string(Py_TYPE(o.ptr())->tp_name)}};
}

/// Lists, tuples and dicts nest at most this deep in one cell (a list holding itself would
/// recurse without end).
constexpr int max_cell_depth = 32;

json to_json_value(py::handle o, int depth) {
  if (o.is_none()) return nullptr;
  if (PyBool_Check(o.ptr())) return o.ptr() == Py_True;
  if (PyUnicode_Check(o.ptr())) return o.cast<std::string>();
  if (PyFloat_Check(o.ptr())) {
    const double v = PyFloat_AsDouble(o.ptr());
    return std::isnan(v) ? json(nullptr) : from_double(v);
  }
  if (PyLong_Check(o.ptr())) {
    int overflow = 0;
    const long long v = PyLong_AsLongLongAndOverflow(o.ptr(), &overflow);
    if (overflow == 0) return static_cast<std::int64_t>(v);
    return py::str(o).cast<std::string>();  // too large for any field: shown as given
  }
  if (depth >= max_cell_depth) return unreadable(o);
  try {
    if (is_numpy(o, "bool_")) return o.attr("item")().cast<bool>();
    if (is_numpy(o, "integer") || is_numpy(o, "floating")) return to_json_value(o.attr("item")(), depth + 1);
    if (is_numpy(o, "datetime64")) {
      py::object day = o.attr("astype")("datetime64[D]");
      const std::string text = py::str(day).cast<std::string>();
      return text == "NaT" ? json(nullptr) : json(text);
    }
    if (PyList_Check(o.ptr()) || PyTuple_Check(o.ptr()) || is_numpy(o, "ndarray")) {
      json a = json::array();
      for (py::handle x : o) a.push_back(to_json_value(x, depth + 1));
      return a;
    }
    if (PyDict_Check(o.ptr())) {
      json obj = json::object();
      for (auto [key, value] : py::reinterpret_borrow<py::dict>(o)) {
        if (!PyUnicode_Check(key.ptr())) return unreadable(o);  // JSON keys are text
        obj[key.cast<std::string>()] = to_json_value(value, depth + 1);
      }
      return obj;
    }
    // datetime.date, datetime.datetime, pandas.Timestamp: the calendar date.
    static const py::object date_type = py::module_::import("datetime").attr("date");
    if (py::isinstance(o, date_type)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", o.attr("year").cast<int>(), o.attr("month").cast<int>(),
                    o.attr("day").cast<int>());
      return std::string(buf);
    }
  } catch (const py::error_already_set&) {
    return unreadable(o);  // an object whose attributes raise: refused by the reader, not propagated
  } catch (const py::cast_error&) {
    return unreadable(o);
  }
  return unreadable(o);
}

}  // namespace

json to_json_value(py::handle o) { return to_json_value(o, 0); }

bool is_missing(PyObject* o) {
  if (o == nullptr || o == Py_None) return true;
  if (PyUnicode_CheckExact(o) || PyLong_CheckExact(o) || PyBool_Check(o) || PyList_CheckExact(o) || PyTuple_CheckExact(o))
    return false;
  if (PyFloat_Check(o)) return std::isnan(PyFloat_AS_DOUBLE(o));
  // Anything else (pd.NA, pd.NaT, numpy scalars, Decimal, dates, ...): pandas' own test of one value.
  // Kept for the life of the process (never destroyed after the interpreter has gone).
  static const py::object* checknull = [] {
    try {
      return new py::object(py::module_::import("pandas._libs.missing").attr("checknull"));
    } catch (const py::error_already_set&) {
      return new py::object(py::module_::import("pandas").attr("isna"));
    }
  }();
  try {
    py::object r = (*checknull)(py::handle(o));
    return PyBool_Check(r.ptr()) && r.ptr() == Py_True;  // an array answer (an array cell): not missing
  } catch (const py::error_already_set&) {
    return false;  // an object pandas cannot test: a value, read (and refused) as such
  }
}

std::optional<json> InColumn::cell(std::size_t row) const {
  switch (kind_) {
    case Kind::i64: return json(static_cast<const std::int64_t*>(data_)[row]);
    case Kind::f64: {
      const double v = static_cast<const double*>(data_)[row];
      if (std::isnan(v)) return std::nullopt;
      return from_double(v);
    }
    case Kind::boolean: return json(static_cast<const bool*>(data_)[row]);
    case Kind::days: {
      const std::int64_t v = day(row);
      if (v == nat) return std::nullopt;
      return json(iso_from_days(v));
    }
    case Kind::object: {
      PyObject* o = static_cast<PyObject* const*>(data_)[row];
      if (is_missing(o)) return std::nullopt;
      json v = to_json_value(o);
      if (v.is_null()) return std::nullopt;
      return v;
    }
  }
  return std::nullopt;
}

PyObject* InColumn::object(std::size_t row) const {
  return kind_ == Kind::object ? static_cast<PyObject* const*>(data_)[row] : nullptr;
}

std::vector<InColumn> in_columns(const py::dict& frame, std::size_t& rows, const char* table) {
  std::vector<InColumn> cols;
  bool first = true;
  for (auto [key, value] : frame) {
    cols.emplace_back(py::str(key).cast<std::string>(), py::reinterpret_borrow<py::array>(value));
    if (first) rows = cols.back().size();
    first = false;
    if (cols.back().size() != rows)
      throw k::Error(k::Errc::invalid_argument, std::string(table) + "." + cols.back().name(), "",
                     "every column must have the same length");
  }
  if (first) rows = 0;
  return cols;
}

json row_object(const std::vector<InColumn>& cols, std::size_t row, std::string_view skip) {
  json obj = json::object();
  for (const auto& c : cols) {
    if (c.name() == skip) continue;
    if (auto v = c.cell(row)) obj[c.name()] = std::move(*v);
  }
  return obj;
}

std::string required_id(const InColumn& col, std::size_t row, const char* table) {
  const std::string field = std::string(table) + "[" + std::to_string(row) + "]." + col.name();
  auto v = col.cell(row);
  if (!v) throw k::Error(k::Errc::invalid_input, field, "", "missing: every row needs a " + col.name() + " id");
  if (!v->is_string()) {
    std::string shown = v->dump();
    if (shown.size() > 64) shown = shown.substr(0, 61) + "...";
    throw k::Error(k::Errc::invalid_input, field, shown, "the " + col.name() + " id must be a string");
  }
  auto s = v->get<std::string>();
  if (s.empty()) throw k::Error(k::Errc::invalid_input, field, "", "the " + col.name() + " id must not be empty");
  return s;
}

std::string bare_message(const k::Error& e) {
  std::string m = e.what();
  std::string prefix;
  if (!e.field().empty()) prefix += "field '" + e.field() + "': ";
  if (!e.value().empty()) prefix += "value '" + e.value() + "': ";
  if (m.compare(0, prefix.size(), prefix) == 0) m.erase(0, prefix.size());
  return m;
}

}  // namespace kanten_py
