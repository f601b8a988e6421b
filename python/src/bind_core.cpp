// python/src/bind_core.cpp — kanten's core in kanten._kanten: kanten::Error as
// kanten.KantenError, the version, and the vocabularies' names (_kanten.vocabulary).
//
// Conventions of every bind_<module>.cpp, after boost-histogram and contourpy:
// - arguments are converted while holding the GIL, then the C++ work runs under
//   py::gil_scoped_release;
// - bulk results are numpy arrays written directly from C++ (no Python loop per citizen),
//   returned as a dict of columns; a column may be a plain array or a tagged tuple that the
//   package turns into a pandas type: ("category", codes, categories[, ordered]), ("period",
//   ordinals), ("Int64", values, mask); every integer column is int64 (a count, minutes, days),
//   Int64 where a value may be absent (the package widens any other integer array);
// - kanten::Error becomes kanten.KantenError (a ValueError) with the same message, and its
//   code, field and value as attributes;
// - a vocabulary's names come from the library (vocabulary_names<E>, add_vocabulary), never
//   from a list kept here.
#include "common.hpp"

#include "kanten/core/error.hpp"
#include "kanten/core/version.hpp"

#include <stdexcept>

namespace kanten_py {
namespace {

// ---------------------------------------------------------------------------------------------
// kanten::Error → kanten.KantenError
// ---------------------------------------------------------------------------------------------

PyObject* kanten_error = nullptr;

/// A kanten.KantenError instance with its message and its code, field and value attributes.
py::object kanten_error_instance(std::string_view code, const std::string& field, const std::string& value,
                                 const std::string& message) {
  py::object inst = py::reinterpret_borrow<py::object>(kanten_error)(message);
  inst.attr("code") = str_of(code);
  inst.attr("field") = field;
  inst.attr("value") = value;
  return inst;
}

void register_error(py::module_& m) {
  // Class attributes: every instance has code, field and value, even one made without them.
  py::dict defaults;
  defaults["code"] = "invalid_argument";
  defaults["field"] = "";
  defaults["value"] = "";
  kanten_error = PyErr_NewExceptionWithDoc(
      "kanten.KantenError",
      "An error kanten reports: bad input or arguments, a parse or I/O fault.\n\n"
      "A ValueError. Its message names the field and the value at fault, as C++'s\n"
      "kanten::Error does: \"field 'F': value 'V': message\". ``code`` (\"invalid_argument\",\n"
      "\"parse_error\", \"invalid_input\", \"io_error\"), ``field`` (the field or parameter, may be\n"
      "\"\") and ``value`` (the offending value as text, may be \"\") are attributes of every instance.\n"
      "A value that may be free text from a case is never shown, only its length.",
      PyExc_ValueError, defaults.ptr());
  if (!kanten_error) throw py::error_already_set();
  m.add_object("KantenError", py::handle(kanten_error));  // the module keeps a reference
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const k::Error& e) {
      py::object inst = kanten_error_instance(k::name(e.code()), e.field(), e.value(), e.what());
      PyErr_SetObject(kanten_error, inst.ptr());
    } catch (const std::out_of_range& e) {
      // A range the library did not check before Boost.Date_Time or a container did (e.g. a month
      // beyond year 9999): still a KantenError, never an IndexError. The text is the library's
      // own (no input); the field is unknown here. The package checks its arguments first.
      py::object inst = kanten_error_instance("invalid_argument", "", "", std::string("out of range: ") + e.what());
      PyErr_SetObject(kanten_error, inst.ptr());
    } catch (const std::overflow_error& e) {
      py::object inst = kanten_error_instance("invalid_argument", "", "", std::string("overflow: ") + e.what());
      PyErr_SetObject(kanten_error, inst.ptr());
    } catch (const std::length_error& e) {
      py::object inst = kanten_error_instance("invalid_argument", "", "", std::string("too large: ") + e.what());
      PyErr_SetObject(kanten_error, inst.ptr());
    }
  });
}

/// The table of vocabularies: name → tuple of names (filled by every register_X). Made once
/// and kept for the life of the process, as the exception type is.
PyObject* vocabularies = nullptr;

py::dict vocabulary_table() {
  if (!vocabularies) vocabularies = py::dict().release().ptr();
  return py::reinterpret_borrow<py::dict>(vocabularies);
}

}  // namespace

void add_vocabulary(py::module_& /*m*/, const char* vocabulary, py::tuple names) {
  vocabulary_table()[vocabulary] = std::move(names);
}

void register_core(py::module_& m) {
  register_error(m);
  m.attr("__version__") = k::version_string;
  m.attr("VERSION_NUMBER") = KANTEN_VERSION_NUMBER;
  m.attr("HAS_MATCHING") = true;

  add_vocabulary<k::Errc>(m, "error_code");
  m.def(
      "vocabulary",
      [](const std::string& vocabulary) -> py::tuple {
        const py::dict table = vocabulary_table();
        if (!table.contains(vocabulary)) {
          std::string known;
          for (auto [key, value] : table) known += (known.empty() ? "" : ", ") + py::str(key).cast<std::string>();
          throw k::Error(k::Errc::invalid_argument, "vocabulary", shown_arg(vocabulary),
                         "no such vocabulary; expected one of: " + known);
        }
        return table[py::str(vocabulary)].cast<py::tuple>();
      },
      py::arg("vocabulary"),
      "The names of one of kanten's vocabularies (e.g. \"step\", \"event_kind\", \"funnel_stage\"), in the library's order.");
}

}  // namespace kanten_py
