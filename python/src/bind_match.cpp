// python/src/bind_match.cpp — the matching engine in kanten._kanten (include/kanten/match/matching.hpp).
//
// Same conventions as every bind_<module>.cpp (bind_core.cpp): arguments converted under the
// GIL, C++ work without it, tables as dicts of numpy columns. The market generator is in
// bind_synth.cpp; the market object both use in market.hpp.
#include "market.hpp"

#include "kanten/rules/json.hpp"
#include "kanten/match/json.hpp"
#include "kanten/match/matching.hpp"

#include <algorithm>
#include <chrono>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace kanten_py {
namespace {

/// The weights: the defaults, or a weight set in JSON (kanten/match/json.hpp).
std::shared_ptr<const k::MatchWeights> weights_of(const std::optional<std::string>& text) {
  if (!text) return std::make_shared<k::MatchWeights>(k::default_weights());
  return std::make_shared<k::MatchWeights>(k::weights_from_json(*text));
}

/// A citizen or a task given by id (str) or by index (int, not bool); a wrong type is a
/// TypeError and an unknown id or an index out of range a kanten::Error, both naming `field`.
std::int32_t pick(const py::object& who, const std::unordered_map<std::string, std::int32_t>& ids, std::size_t n,
                  const char* field) {
  if (py::isinstance<py::str>(who)) {
    auto id = who.cast<std::string>();
    auto it = ids.find(id);
    if (it == ids.end()) throw k::Error(k::Errc::invalid_argument, field, shown_arg(id), "no such id in the market");
    return it->second;
  }
  static const py::object np_integer = py::module_::import("numpy").attr("integer");
  if (PyBool_Check(who.ptr()) || !(PyLong_Check(who.ptr()) || py::isinstance(who, np_integer)))
    throw py::type_error(std::string("parameter '") + field + "' must be an id (str) or an index (int), not " +
                         std::string(py::str(who.get_type().attr("__name__"))));
  int overflow = 0;
  const long long i = PyLong_AsLongLongAndOverflow(py::int_(who).ptr(), &overflow);
  if (overflow != 0 || i < 0 || static_cast<unsigned long long>(i) >= n)
    throw k::Error(k::Errc::invalid_argument, field, overflow != 0 ? "<an integer beyond 64 bits>" : std::to_string(i),
                   "index out of range (the market has " + std::to_string(n) + ")");
  return static_cast<std::int32_t>(i);
}

// ---------------------------------------------------------------------------------------------
// DataFrames → a market document: rows as objects, X_lat/X_lon columns as {"lat", "lon"}
// ---------------------------------------------------------------------------------------------

json table_rows(const py::dict& frame, const char* table, const char* point) {
  std::size_t n = 0;
  const auto cols = in_columns(frame, n, table);
  const std::string lat = std::string(point) + "_lat", lon = std::string(point) + "_lon";
  json rows = json::array();
  for (std::size_t r = 0; r < n; ++r) {
    json o = json::object();
    json p = json::object();
    for (const auto& c : cols) {
      auto v = c.cell(r);
      if (!v) continue;
      if (c.name() == lat) p["lat"] = std::move(*v);
      else if (c.name() == lon) p["lon"] = std::move(*v);
      else o[c.name()] = std::move(*v);
    }
    if (*point && !p.empty() && !o.contains(point)) o[point] = std::move(p);
    rows.push_back(std::move(o));
  }
  return rows;
}

MarketPtr market_from_columns(const py::dict& citizens, const py::dict& companies, const py::dict& tasks) {
  json doc = {{"citizens", table_rows(citizens, "citizens", "home")},
              {"companies", table_rows(companies, "companies", "location")},
              {"tasks", table_rows(tasks, "tasks", "")}};
  k::Market m;
  {
    py::gil_scoped_release release;
    m = k::market_from_json(doc.dump());  // errors name e.g. "tasks[3].min_per_week": row 3
  }
  return make_market(std::move(m));
}

// ---------------------------------------------------------------------------------------------
// Tables of matches
// ---------------------------------------------------------------------------------------------

/// A cell of texts: a tuple, as every sequence in a result's cell (immutable, so a copied frame
/// shares nothing that can change).
py::tuple strings(const std::vector<std::string>& v) {
  py::tuple t(v.size());
  for (std::size_t i = 0; i < v.size(); ++i) t[i] = str_of(v[i]);
  return t;
}

py::dict match_columns(const MarketData& md, const std::vector<k::Match>& ms) {
  const auto& m = md.market;
  const std::size_t n = ms.size();
  ObjOut citizen(n), task(n), company(n), reasons(n), concerns(n);
  Out<std::int32_t> ci(n), ti(n), score(n), wish(n), comp(n), hours(n), travel(n), ready(n), ordinary(n), level(n), dist(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& x = ms[i];
    citizen.set(i, m.citizens.at(static_cast<std::size_t>(x.citizen)).id);
    const auto& t = m.tasks.at(static_cast<std::size_t>(x.task));
    task.set(i, t.id);
    company.set(i, t.company);
    ci.data[i] = x.citizen;
    ti.data[i] = x.task;
    const auto& b = x.breakdown;
    score.data[i] = b.total();
    wish.data[i] = b.wish;
    comp.data[i] = b.competences;
    hours.data[i] = b.hours;
    travel.data[i] = b.travel;
    ready.data[i] = b.readiness;
    ordinary.data[i] = b.ordinary;
    level.data[i] = b.wish_level;
    dist.data[i] = b.distance_m;
    reasons.set(i, strings(x.reasons));
    concerns.set(i, strings(x.concerns));
  }
  py::dict c;
  c["citizen"] = citizen.array;
  c["task"] = task.array;
  c["company"] = company.array;
  c["score"] = score.array;
  c["wish"] = wish.array;
  c["competences"] = comp.array;
  c["hours"] = hours.array;
  c["travel"] = travel.array;
  c["readiness"] = ready.array;
  c["ordinary"] = ordinary.array;
  c["wish_level"] = level.array;
  c["distance_m"] = dist.array;
  c["reasons"] = reasons.array;
  c["concerns"] = concerns.array;
  c["citizen_index"] = ci.array;
  c["task_index"] = ti.array;
  return c;
}

struct Proposal {
  MarketPtr market;
  std::shared_ptr<const k::MatchWeights> weights;
  k::MatchResult result;
};
using ProposalPtr = std::shared_ptr<Proposal>;

}  // namespace
}  // namespace kanten_py

KANTEN_PY_NOT_NONE(kanten_py::Proposal)

namespace kanten_py {
namespace {

ProposalPtr propose(MarketPtr market, const std::string& mode, std::int32_t kk, std::int32_t per_company,
                    const std::optional<std::string>& weights, bool explain, std::int32_t threads,
                    std::optional<std::vector<std::string>> citizens, std::int32_t max_candidates,
                    std::vector<std::string> not_in_market) {
  k::MatchOptions o;
  if (!k::parse_name(mode, o.mode))
    throw k::Error(k::Errc::invalid_argument, "mode", mode, "must be one of assignment, stable, top_k");
  if (kk < 1) throw k::Error(k::Errc::invalid_argument, "k", std::to_string(kk), "must be at least 1");
  if (per_company < 1)
    throw k::Error(k::Errc::invalid_argument, "per_company", std::to_string(per_company), "must be at least 1");
  auto p = std::make_shared<Proposal>();
  p->market = std::move(market);
  p->weights = weights_of(weights);
  o.weights = p->weights.get();
  o.k = kk;
  o.per_company = per_company;
  o.explain = explain;
  o.threads = threads;  // a negative count is refused by match(), naming the field
  o.citizens = std::move(citizens);  // an unknown or repeated id is refused by match(), naming "citizens[i]"
  o.max_candidates_per_citizen = max_candidates;  // a negative bound is refused by match(), naming the field
  {
    py::gil_scoped_release release;
    p->result = k::match(p->market->market, o);
  }
  p->result.not_in_market = std::move(not_in_market);  // the caseload's citizens the market does not hold
  return p;
}

/// Seconds for match(market, {.explain = false}) in pure C++ (the best of `repeat` runs), with
/// the GIL released: the benchmark's reference for kanten.match (benchmarks/bench_match.py).
double bench_match_cpp(const MarketPtr& market, std::int32_t threads, std::int32_t max_candidates, int repeat) {
  k::MatchOptions o;
  o.explain = false;
  o.threads = threads;
  o.max_candidates_per_citizen = max_candidates;
  py::gil_scoped_release release;
  double best = 1e300;
  for (int r = 0; r < std::max(repeat, 1); ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    {
      const k::MatchResult result = k::match(market->market, o);
      if (result.selected != market->market.citizens.size()) throw std::logic_error("match lost a citizen");
    }  // the result is freed inside the timing, as the Python call frees it too
    best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  return best;
}

py::dict unmatched_columns(const Proposal& p) {
  const auto& u = p.result.unmatched;
  ObjOut citizen(u.size());
  Out<std::int32_t> index(u.size());
  for (std::size_t i = 0; i < u.size(); ++i) {
    citizen.set(i, p.market->market.citizens.at(static_cast<std::size_t>(u[i])).id);
    index.data[i] = u[i];
  }
  py::dict c;
  c["citizen"] = citizen.array;
  c["citizen_index"] = index.array;
  return c;
}

py::dict candidate_columns(const MarketPtr& md, const std::optional<std::string>& weights, std::int32_t threads) {
  const auto w = weights_of(weights);
  std::vector<k::Candidate> cs;
  {
    py::gil_scoped_release release;
    cs = k::candidates(md->market, *w, threads);
  }
  const std::size_t n = cs.size();
  Out<std::int32_t> ci(n), ti(n), score(n);
  for (std::size_t i = 0; i < n; ++i) {
    ci.data[i] = cs[i].citizen;
    ti.data[i] = cs[i].task;
    score.data[i] = cs[i].score;
  }
  py::dict c;
  c["citizen_index"] = ci.array;
  c["task_index"] = ti.array;
  c["score"] = score.array;
  return c;
}

py::dict score_pair_dict(const MarketPtr& md, const py::object& citizen, const py::object& task,
                         const std::optional<std::string>& weights) {
  const auto& m = md->market;
  const auto ci = pick(citizen, md->citizen_index, m.citizens.size(), "citizen");
  const auto ti = pick(task, md->task_index, m.tasks.size(), "task");
  const auto w = weights_of(weights);
  const k::PairScore p = k::score_pair(m, ci, ti, *w);
  py::dict d;
  d["citizen"] = m.citizens[static_cast<std::size_t>(ci)].id;
  d["task"] = m.tasks[static_cast<std::size_t>(ti)].id;
  d["company"] = m.tasks[static_cast<std::size_t>(ti)].company;
  d["score"] = p.score();
  py::dict b;
  b["wish"] = p.breakdown.wish;
  b["competences"] = p.breakdown.competences;
  b["hours"] = p.breakdown.hours;
  b["travel"] = p.breakdown.travel;
  b["readiness"] = p.breakdown.readiness;
  b["ordinary"] = p.breakdown.ordinary;
  b["wish_level"] = p.breakdown.wish_level;
  b["distance_m"] = p.breakdown.distance_m;
  d["breakdown"] = b;
  py::list rejected;
  for (const auto& r : p.rejected) {
    py::dict x;
    x["filter"] = str_of(k::name(r.kind));
    x["text"] = r.text;
    rejected.append(x);
  }
  d["rejected"] = rejected;
  return d;
}

py::dict audit_columns(const Proposal& p, const std::vector<std::string>& groups) {
  const auto rows = k::audit(p.market->market, p.result, groups);
  const std::size_t n = rows.size();
  ObjOut group(n);
  Out<std::int64_t> citizens(n), matched(n);
  Out<double> rate(n), mean(n);
  for (std::size_t i = 0; i < n; ++i) {
    group.set(i, rows[i].group);
    citizens.data[i] = static_cast<std::int64_t>(rows[i].citizens);
    matched.data[i] = static_cast<std::int64_t>(rows[i].matched);
    rate.data[i] = rows[i].rate;
    mean.data[i] = rows[i].mean_score;
  }
  py::dict c;
  c["group"] = group.array;
  c["citizens"] = citizens.array;
  c["matched"] = matched.array;
  c["rate"] = rate.array;
  c["mean_score"] = mean.array;
  return c;
}

py::array ids_of(const std::vector<std::string>& ids) {
  ObjOut out(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) out.set(i, ids[i]);
  return out.array;
}
template <class T>
std::vector<std::string> ids(const std::vector<T>& v) {
  std::vector<std::string> out;
  out.reserve(v.size());
  for (const auto& x : v) out.push_back(x.id);
  return out;
}

}  // namespace

void register_match(py::module_& m) {
  add_vocabulary<k::MatchMode>(m, "match_mode");
  add_vocabulary<k::Demand>(m, "demand");
  add_vocabulary<k::TravelMode>(m, "travel_mode");
  add_vocabulary<k::Rejection>(m, "rejection");
  py::class_<MarketData, MarketPtr>(m, "Market", R"doc(
A labour market to match: citizens, companies and their tasks (kanten/match/matching.hpp).

Read one with Market.from_json / from_file / from_frames, or generate_market(). Immutable.
)doc")
      .def_static(
          "from_json",
          [](const std::string& text, bool strict) {
            k::Market mk;
            {
              py::gil_scoped_release release;
              k::ReadOptions o;
              o.strict = strict;
              mk = k::market_from_json(text, o);
            }
            return make_market(std::move(mk));
          },
          py::arg("text"), py::arg("strict") = false, "Reads a market from JSON text {\"citizens\": [...], \"companies\": [...], \"tasks\": [...]}.")
      .def_static(
          "from_file",
          [](const std::string& path, bool strict) {
            k::Market mk;
            {
              py::gil_scoped_release release;
              k::ReadOptions o;
              o.strict = strict;
              mk = k::market_from_json(k::read_file(path), o);
            }
            return make_market(std::move(mk));
          },
          py::arg("path"), py::arg("strict") = false, "Reads a market from a JSON file.")
      .def(
          "to_json",
          [](const MarketData& d, std::optional<int> indent) {
            py::gil_scoped_release release;
            return k::to_json(d.market, indent.value_or(-1));
          },
          py::arg("indent") = py::none(), "The market as JSON text (readable back by from_json).")
      .def("_warnings",
           [](const MarketData& d) {
             py::list out;
             for (const auto& w : d.market.warnings) out.append(py::make_tuple(w.field, w.message));
             return out;
           })
      .def_property_readonly("citizen_ids", [](const MarketData& d) { return ids_of(ids(d.market.citizens)); },
                             "The citizens' ids, in market order.")
      .def_property_readonly("company_ids", [](const MarketData& d) { return ids_of(ids(d.market.companies)); },
                             "The companies' ids, in market order.")
      .def_property_readonly("task_ids", [](const MarketData& d) { return ids_of(ids(d.market.tasks)); },
                             "The tasks' ids, in market order.")
      .def("__repr__", [](const MarketData& d) {
        return "<kanten.Market: " + std::to_string(d.market.citizens.size()) + " citizens, " +
               std::to_string(d.market.companies.size()) + " companies, " + std::to_string(d.market.tasks.size()) + " tasks>";
      });

  py::class_<Proposal, ProposalPtr>(m, "_Proposal")
      .def_property_readonly("mode", [](const Proposal& p) { return std::string(k::name(p.result.mode)); })
      .def_property_readonly("weights_version", [](const Proposal& p) { return p.result.weights_version; })
      .def_property_readonly("total_score", [](const Proposal& p) { return p.result.total_score; })
      .def_property_readonly("candidates", [](const Proposal& p) { return p.result.candidates; })
      .def_property_readonly("max_candidates", [](const Proposal& p) { return p.result.max_candidates_per_citizen; })
      .def_property_readonly("citizens_at_bound", [](const Proposal& p) { return p.result.citizens_at_bound; })
      .def_property_readonly("optimal", [](const Proposal& p) { return p.result.optimal; })
      .def_property_readonly("selected", [](const Proposal& p) { return p.result.selected; })
      .def_property_readonly("not_in_market", [](const Proposal& p) { return p.result.not_in_market; })
      .def_property_readonly("market", [](const Proposal& p) { return p.market; })
      .def("match_columns", [](const Proposal& p) { return match_columns(*p.market, p.result.matches); })
      .def("unmatched_columns", &unmatched_columns)
      .def("audit_columns", &audit_columns, py::arg("groups"))
      .def(
          "to_json",
          [](const Proposal& p, std::optional<int> indent) {
            py::gil_scoped_release release;
            return k::to_json(p.result, p.market->market, indent.value_or(-1));
          },
          py::arg("indent") = py::none());

  m.def("_market_from_columns", &market_from_columns, py::arg("citizens"), py::arg("companies"), py::arg("tasks"));
  m.def("_match", &propose, py::arg("market"), py::arg("mode") = "assignment", py::arg("k") = 5,
        py::arg("per_company") = 1, py::arg("weights") = py::none(), py::arg("explain") = true,
        py::arg("threads") = 1, py::arg("citizens") = py::none(),
        py::arg("max_candidates") = k::default_max_candidates_per_citizen,
        py::arg("not_in_market") = std::vector<std::string>{});
  m.attr("MAX_CANDIDATES_PER_CITIZEN") = k::default_max_candidates_per_citizen;
  m.def("_bench_match_cpp", &bench_match_cpp, py::arg("market"), py::arg("threads") = 1,
        py::arg("max_candidates") = k::default_max_candidates_per_citizen, py::arg("repeat") = 1,
        "Seconds match(explain=false) takes in pure C++ (best of `repeat`), for the benchmark.");
  m.def("_candidate_columns", &candidate_columns, py::arg("market"), py::arg("weights") = py::none(),
        py::arg("threads") = 1);
  m.def(
      "_top_tasks",
      [](const MarketPtr& md, const py::object& citizen, std::int32_t kk, std::int32_t per_company,
         const std::optional<std::string>& weights) {
        const auto ci = pick(citizen, md->citizen_index, md->market.citizens.size(), "citizen");
        const auto w = weights_of(weights);
        std::vector<k::Match> top;
        {
          py::gil_scoped_release release;
          top = k::top_tasks(md->market, ci, kk, per_company, *w);
        }
        return match_columns(*md, top);
      },
      py::arg("market"), py::arg("citizen"), py::arg("k") = 5, py::arg("per_company") = 1, py::arg("weights") = py::none());
  m.def(
      "_top_citizens",
      [](const MarketPtr& md, const py::object& task, std::int32_t kk, const std::optional<std::string>& weights) {
        const auto ti = pick(task, md->task_index, md->market.tasks.size(), "task");
        const auto w = weights_of(weights);
        std::vector<k::Match> top;
        {
          py::gil_scoped_release release;
          top = k::top_citizens(md->market, ti, kk, *w);
        }
        return match_columns(*md, top);
      },
      py::arg("market"), py::arg("task"), py::arg("k") = 5, py::arg("weights") = py::none());
  m.def("_score_pair", &score_pair_dict, py::arg("market"), py::arg("citizen"), py::arg("task"),
        py::arg("weights") = py::none());
}

}  // namespace kanten_py
