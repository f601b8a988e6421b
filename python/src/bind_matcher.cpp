// python/src/bind_matcher.cpp — the persistent matcher (include/kanten/match/index.hpp) in
// kanten._kanten: a market held in memory, indexed, answering one citizen's best tasks and one
// task's best citizens, updated in place. kanten.Matcher (python/kanten/_matcher.py) wraps it.
//
// Same conventions as every bind_<module>.cpp (bind_core.cpp): arguments converted under the GIL,
// C++ work without it. A query's table comes as two blocks — the object columns and the int64
// columns, each one 2-D numpy array written here — that the Python side hands to pandas as they
// are: a page view's answer must not spend its time building a DataFrame column by column.
//
// kanten::Matcher allows concurrent queries and exclusive updates; Python threads run a query
// without the GIL, so the matcher carries a reader–writer lock: queries share it, updates take it
// alone. The lock is only ever waited for without the GIL, so a thread holding it can always get
// the GIL back.
#include "market.hpp"

#include "kanten/match/index.hpp"
#include "kanten/match/json.hpp"
#include "kanten/match/matching.hpp"

#include <chrono>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace kanten_py {
namespace {

struct MatcherData {
  k::Matcher index;
  mutable std::shared_mutex lock;  ///< queries shared, updates exclusive (see the top of this file)

  explicit MatcherData(k::Matcher m) : index(std::move(m)) {}
};
using MatcherPtr = std::shared_ptr<MatcherData>;

/// A top list with the ids it names, copied while the matcher was locked.
struct Top {
  std::vector<k::Match> matches;
  std::vector<std::string> citizen, task, company;  ///< per match
};

/// Whom a query is about: an id, or an index into the matcher's market (checked under the lock).
using Who = std::variant<std::string, std::int64_t>;

Who who_of(const py::object& who, const char* field) {
  if (py::isinstance<py::str>(who)) return who.cast<std::string>();
  if (PyBool_Check(who.ptr()) || !PyLong_Check(who.ptr()))  // the Python side passes ids and ints only
    throw py::type_error(std::string("parameter '") + field + "' must be an id (str) or an index (int)");
  int overflow = 0;
  const long long i = PyLong_AsLongLongAndOverflow(who.ptr(), &overflow);
  if (overflow != 0 || i < 0)
    throw k::Error(k::Errc::invalid_argument, field, overflow != 0 ? "<an integer beyond 64 bits>" : std::to_string(i),
                   "index out of range");
  return static_cast<std::int64_t>(i);
}

/// The id `who` names on a side of the market (`items`: citizens or tasks); an index out of range
/// is a kanten::Error naming `field`. Call with the lock held.
template <class T>
std::string id_at(const std::vector<T>& items, const Who& who, const char* field) {
  if (const auto* id = std::get_if<std::string>(&who)) return *id;
  const auto i = std::get<std::int64_t>(who);
  if (static_cast<std::uint64_t>(i) >= items.size())
    throw k::Error(k::Errc::invalid_argument, field, std::to_string(i),
                   "index out of range (the matcher holds " + std::to_string(items.size()) + ")");
  return items[static_cast<std::size_t>(i)].id;
}

/// Copies the ids a top list names (with the lock held).
Top with_ids(const k::Market& m, std::vector<k::Match> matches) {
  Top t;
  t.citizen.reserve(matches.size());
  t.task.reserve(matches.size());
  t.company.reserve(matches.size());
  for (const auto& x : matches) {
    t.citizen.push_back(m.citizens.at(static_cast<std::size_t>(x.citizen)).id);
    const auto& task = m.tasks.at(static_cast<std::size_t>(x.task));
    t.task.push_back(task.id);
    t.company.push_back(task.company);
  }
  t.matches = std::move(matches);
  return t;
}

Top query_tasks(const MatcherData& d, const Who& who, std::int32_t kk, std::int32_t per_company, bool explain) {
  py::gil_scoped_release release;
  std::shared_lock lock(d.lock);
  const auto id = id_at(d.index.market().citizens, who, "citizen");
  return with_ids(d.index.market(), d.index.top_tasks(id, kk, per_company, explain));
}

Top query_citizens(const MatcherData& d, const Who& who, std::int32_t kk, bool explain) {
  py::gil_scoped_release release;
  std::shared_lock lock(d.lock);
  const auto id = id_at(d.index.market().tasks, who, "task");
  return with_ids(d.index.market(), d.index.top_citizens(id, kk, explain));
}

/// The object columns of a top list, in this order (kanten.Matcher's frame puts them in place).
constexpr const char* object_columns[] = {"citizen", "task", "company", "reasons", "concerns"};
/// The int64 columns, in this order.
constexpr const char* int_columns[] = {"score",   "wish",       "competences", "hours",         "travel",    "readiness",
                                       "ordinary", "wish_level", "distance_m",  "citizen_index", "task_index"};
constexpr std::size_t n_object = std::size(object_columns), n_int = std::size(int_columns);

/// A tuple of Python strings (each cell of reasons and concerns: immutable, as every sequence in a
/// result's cell).
py::tuple strings(const std::vector<std::string>& v) {
  py::tuple t(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) t[i] = str_of(v[i]);
  return t;
}

/// A Python str per distinct text of a column (a top list names one citizen, or one task, k times).
struct Interned {
  const std::string* last = nullptr;
  py::str value;
  py::handle operator()(const std::string& s) {
    if (last == nullptr || *last != s) {
      value = str_of(s);
      last = &s;
    }
    return value;
  }
};

/// The top list as two blocks: (objects: 5 × n, ints: 11 × n int64), rows in the orders above.
py::tuple blocks(const Top& t) {
  const std::size_t n = t.matches.size();
  py::array objects(py::dtype("O"), std::vector<py::ssize_t>{static_cast<py::ssize_t>(n_object), static_cast<py::ssize_t>(n)});
  py::array_t<std::int64_t> ints(std::vector<py::ssize_t>{static_cast<py::ssize_t>(n_int), static_cast<py::ssize_t>(n)});
  auto** o = static_cast<PyObject**>(objects.mutable_data());
  std::int64_t* v = ints.mutable_data();
  auto put = [&](std::size_t row, std::size_t i, py::handle h) {
    PyObject*& slot = o[row * n + i];
    PyObject* old = slot;
    slot = h.inc_ref().ptr();
    Py_XDECREF(old);
  };
  Interned citizen, task, company;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& x = t.matches[i];
    const auto& b = x.breakdown;
    put(0, i, citizen(t.citizen[i]));
    put(1, i, task(t.task[i]));
    put(2, i, company(t.company[i]));
    put(3, i, strings(x.reasons));
    put(4, i, strings(x.concerns));
    const std::int64_t row[n_int] = {b.total(), b.wish,       b.competences, b.hours,   b.travel, b.readiness,
                                     b.ordinary, b.wish_level, b.distance_m,  x.citizen, x.task};
    for (std::size_t c = 0; c < n_int; ++c) v[c * n + i] = row[c];
  }
  return py::make_tuple(std::move(objects), std::move(ints));
}

/// The top list as a list of dicts, one per match, with the columns of the frame as keys.
py::list records(const Top& t) {
  static const auto* keys = [] {
    auto* k = new std::vector<py::str>;  // kept for the life of the process
    for (const char* name : {"citizen", "task", "company", "score", "wish", "competences", "hours", "travel",
                             "readiness", "ordinary", "wish_level", "distance_m", "reasons", "concerns", "citizen_index",
                             "task_index"})
      k->push_back(py::str(name));
    return k;
  }();
  const auto& key = *keys;
  py::list out(t.matches.size());
  Interned citizen, task, company;
  for (std::size_t i = 0; i < t.matches.size(); ++i) {
    const auto& x = t.matches[i];
    const auto& b = x.breakdown;
    py::dict d;
    d[key[0]] = citizen(t.citizen[i]);
    d[key[1]] = task(t.task[i]);
    d[key[2]] = company(t.company[i]);
    d[key[3]] = b.total();
    d[key[4]] = b.wish;
    d[key[5]] = b.competences;
    d[key[6]] = b.hours;
    d[key[7]] = b.travel;
    d[key[8]] = b.readiness;
    d[key[9]] = b.ordinary;
    d[key[10]] = b.wish_level;
    d[key[11]] = b.distance_m;
    d[key[12]] = strings(x.reasons);
    d[key[13]] = strings(x.concerns);
    d[key[14]] = x.citizen;
    d[key[15]] = x.task;
    out[i] = std::move(d);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Upserts: one row (a dict the Python side checked) → a JSON object → the market reader's
// per-object reader (kanten/match/json.hpp), so every fault is named as in a market file
// ---------------------------------------------------------------------------------------------

/// A row as a JSON object: missing cells (None, NaN, NA) left out, `point`_lat and `point`_lon
/// folded into {"lat", "lon"} under `point` (as market_from_frames reads them).
std::string row_text(const py::dict& row, const char* point) {
  const std::string lat = std::string(point) + "_lat", lon = std::string(point) + "_lon";
  json o = json::object(), p = json::object();
  for (auto [key, value] : row) {
    if (is_missing(value.ptr())) continue;
    const auto name = key.cast<std::string>();
    if (*point && name == lat) p["lat"] = to_json_value(value);
    else if (*point && name == lon) p["lon"] = to_json_value(value);
    else o[name] = to_json_value(value);
  }
  if (*point && !p.empty() && !o.contains(point)) o[point] = std::move(p);
  return o.dump();
}

/// The reader's input warnings as (field, message) pairs.
py::list warning_list(const std::vector<k::InputWarning>& warnings) {
  py::list out;
  for (const auto& w : warnings) out.append(py::make_tuple(w.field, w.message));
  return out;
}

/// Runs an update with the matcher locked alone, without the GIL.
template <class F>
auto update(MatcherData& d, F&& f) {
  py::gil_scoped_release release;
  std::unique_lock lock(d.lock);
  return f(d.index);
}

/// Times `n` queries in C++ (the same calls kanten.Matcher makes, without Python), each query's
/// wall time in seconds, for benchmarks/bench_matcher.py.
py::array_t<double> bench_queries(const MatcherPtr& d, const std::vector<std::string>& ids, bool tasks, std::int32_t kk,
                                  std::int32_t per_company, bool explain) {
  std::vector<double> seconds(ids.size());
  {
    py::gil_scoped_release release;
    std::shared_lock lock(d->lock);
    std::size_t sink = 0;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      const auto t0 = std::chrono::steady_clock::now();
      const auto top = tasks ? d->index.top_tasks(ids[i], kk, per_company, explain)
                             : d->index.top_citizens(ids[i], kk, explain);
      seconds[i] = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      sink += top.size();
    }
    if (sink == static_cast<std::size_t>(-1)) seconds.clear();  // keeps the queries from being optimised away
  }
  py::array_t<double> out(static_cast<py::ssize_t>(seconds.size()));
  std::copy(seconds.begin(), seconds.end(), out.mutable_data());
  return out;
}

}  // namespace
}  // namespace kanten_py

KANTEN_PY_NOT_NONE(kanten_py::MatcherData)

namespace kanten_py {

void register_matcher(py::module_& m) {
  py::class_<MatcherData, MatcherPtr>(m, "_Matcher", "The persistent matcher (kanten.Matcher wraps it).")
      .def(py::init([](const MarketPtr& md, const std::optional<std::string>& weights) {
             k::MatchWeights w = weights ? k::weights_from_json(*weights) : k::default_weights();
             py::gil_scoped_release release;
             return std::make_shared<MatcherData>(k::Matcher(md->market, w));
           }),
           py::arg("market"), py::arg("weights") = py::none())
      .def(
          "top_tasks",
          [](const MatcherData& d, const py::object& who, std::int32_t kk, std::int32_t per_company, bool explain,
             bool as_frame) -> py::object {
            const Top t = query_tasks(d, who_of(who, "citizen"), kk, per_company, explain);
            return as_frame ? py::object(blocks(t)) : py::object(records(t));
          },
          py::arg("citizen"), py::arg("k"), py::arg("per_company"), py::arg("explain"), py::arg("as_frame"))
      .def(
          "top_citizens",
          [](const MatcherData& d, const py::object& who, std::int32_t kk, bool explain, bool as_frame) -> py::object {
            const Top t = query_citizens(d, who_of(who, "task"), kk, explain);
            return as_frame ? py::object(blocks(t)) : py::object(records(t));
          },
          py::arg("task"), py::arg("k"), py::arg("explain"), py::arg("as_frame"))
      .def(
          "upsert_citizen",
          [](MatcherData& d, const py::dict& row) {
            std::vector<k::InputWarning> warnings;
            k::Citizen c = k::citizen_from_json(row_text(row, "home"), {}, &warnings);
            update(d, [&](k::Matcher& x) { x.upsert_citizen(std::move(c)); });
            return warning_list(warnings);
          },
          py::arg("row"))
      .def(
          "upsert_company",
          [](MatcherData& d, const py::dict& row) {
            std::vector<k::InputWarning> warnings;
            k::Company c = k::company_from_json(row_text(row, "location"), {}, &warnings);
            update(d, [&](k::Matcher& x) { x.upsert_company(std::move(c)); });
            return warning_list(warnings);
          },
          py::arg("row"))
      .def(
          "upsert_task",
          [](MatcherData& d, const py::dict& row) {
            std::vector<k::InputWarning> warnings;
            k::Task t = k::task_from_json(row_text(row, ""), {}, &warnings);
            update(d, [&](k::Matcher& x) { x.upsert_task(std::move(t)); });
            return warning_list(warnings);
          },
          py::arg("row"))
      .def("remove_citizen",
           [](MatcherData& d, const std::string& id) { return update(d, [&](k::Matcher& x) { return x.remove_citizen(id); }); })
      .def("remove_company",
           [](MatcherData& d, const std::string& id) { return update(d, [&](k::Matcher& x) { return x.remove_company(id); }); })
      .def("remove_task",
           [](MatcherData& d, const std::string& id) { return update(d, [&](k::Matcher& x) { return x.remove_task(id); }); })
      .def("set_capacity",
           [](MatcherData& d, const std::string& id, std::int32_t capacity) {
             update(d, [&](k::Matcher& x) { x.set_capacity(id, capacity); });
           })
      .def("set_slots",
           [](MatcherData& d, const std::string& id, std::int32_t slots) {
             update(d, [&](k::Matcher& x) { x.set_slots(id, slots); });
           })
      .def("market",
           [](const MatcherData& d) {
             k::Market copy;
             {
               py::gil_scoped_release release;
               std::shared_lock lock(d.lock);
               copy = d.index.market();
             }
             return make_market(std::move(copy));
           })
      .def("counts",
           [](const MatcherData& d) {
             std::size_t c, co, t;
             {
               py::gil_scoped_release release;
               std::shared_lock lock(d.lock);
               const auto& mk = d.index.market();
               c = mk.citizens.size();
               co = mk.companies.size();
               t = mk.tasks.size();
             }
             return py::make_tuple(c, co, t);
           })
      .def_property_readonly("weights_version", [](const MatcherData& d) { return d.index.weights().version; })
      .def_property_readonly_static("object_columns",
                                    [](const py::object&) {
                                      py::tuple t(n_object);
                                      for (std::size_t i = 0; i < n_object; ++i) t[i] = py::str(object_columns[i]);
                                      return t;
                                    })
      .def_property_readonly_static("int_columns", [](const py::object&) {
        py::tuple t(n_int);
        for (std::size_t i = 0; i < n_int; ++i) t[i] = py::str(int_columns[i]);
        return t;
      });
  m.def("_bench_matcher_cpp", &bench_queries, py::arg("matcher"), py::arg("ids"), py::arg("tasks"), py::arg("k"),
        py::arg("per_company"), py::arg("explain"));
}

}  // namespace kanten_py
