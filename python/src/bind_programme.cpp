// python/src/bind_programme.cpp — kanten's programme tools in kanten._kanten: the person-month
// panel, the programme figures and Kaplan–Meier curves (include/kanten/programme/programme.hpp;
// the package's kanten/_programme.py makes DataFrames of them), survival analysis
// (kanten/programme/survival.hpp; kanten/_survival.py), and bus trips (002) and social
// training tracks (001) (docs/bus-and-training.md; kanten/_workplace.py), which go through
// kanten's own JSON readers and writers. Conventions: bind_core.cpp.
#include "caseload.hpp"

#include "kanten/programme/bus.hpp"
#include "kanten/programme/programme.hpp"
#include "kanten/programme/survival.hpp"
#include "kanten/programme/training.hpp"

#include <limits>
#include <unordered_map>

namespace kanten_py {
namespace {

// ---------------------------------------------------------------------------------------------
// Programme figures: the panel, the figures, Kaplan–Meier
// ---------------------------------------------------------------------------------------------

k::ProgrammeOptions programme_options(const std::string& as_of, std::vector<int> retention_months) {
  k::ProgrammeOptions o;
  o.as_of = parse_date_arg(as_of, "as_of");
  o.retention_months = std::move(retention_months);
  return o;
}

py::dict person_month_columns(const CaseloadPtr& load, const std::string& as_of) {
  const auto opts = programme_options(as_of, {});
  std::vector<k::PersonMonth> rows;
  {
    py::gil_scoped_release release;
    rows = k::person_months(load->load, opts);
  }
  const std::size_t n = rows.size();
  ObjOut citizen(n);
  Out<std::int64_t> month(n);
  Out<std::int8_t> step(n), exit(n), benefit(n);
  Out<std::int32_t> ordinary(n), internship(n), bus_trips(n);
  Out<bool> agreement(n), in_target_group(n), in_training(n), activity_ready(n), in_area(n), integration(n);
  std::unordered_map<std::string, py::str> ids;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = rows[i];
    auto it = ids.find(r.citizen);
    if (it == ids.end()) it = ids.emplace(r.citizen, str_of(r.citizen)).first;
    citizen.set(i, it->second);
    month.data[i] = period_ordinal(r.month);
    step.data[i] = static_cast<std::int8_t>(r.step);
    ordinary.data[i] = r.ordinary;
    internship.data[i] = r.internship;
    agreement.data[i] = r.agreement;
    exit.data[i] = exit_code(r.exit);
    in_target_group.data[i] = r.in_target_group;
    benefit.data[i] = static_cast<std::int8_t>(r.benefit);
    bus_trips.data[i] = r.bus_trips;
    in_training.data[i] = r.in_training;
    activity_ready.data[i] = r.activity_ready;
    in_area.data[i] = r.lives_in_designated_area;
    integration.data[i] = r.in_integration_programme;
  }
  py::dict c;
  c["citizen"] = citizen.array;
  c["month"] = py::make_tuple("period", month.array);
  c["step"] = categorical<k::Step>(step.array);
  c["ordinary_minutes"] = ordinary.array;
  c["internship_minutes"] = internship.array;
  c["agreement"] = agreement.array;
  c["exit"] = py::make_tuple("category", exit.array, exit_categories());
  c["in_target_group"] = in_target_group.array;
  c["benefit"] = categorical<k::Benefit>(benefit.array);
  c["activity_ready"] = activity_ready.array;
  c["lives_in_designated_area"] = in_area.array;
  c["in_integration_programme"] = integration.array;
  c["bus_trips"] = bus_trips.array;
  c["in_training"] = in_training.array;
  return c;
}

/// The step function of a curve as columns, with `endpoint` as a category column when given.
py::dict curve_columns(const std::vector<std::pair<k::Endpoint, const k::KaplanMeierCurve*>>& curves, bool with_endpoint) {
  std::size_t n = 0;
  for (const auto& [e, c] : curves) n += c->steps.size();
  Out<std::int8_t> endpoint(n);
  Out<std::int32_t> days(n);
  Out<std::int64_t> at_risk(n), events(n), censored(n);
  Out<double> survival(n), std_err(n), lower(n), upper(n);
  std::size_t r = 0;
  for (const auto& [e, c] : curves)
    for (const auto& s : c->steps) {
      endpoint.data[r] = static_cast<std::int8_t>(e);
      days.data[r] = s.days;
      at_risk.data[r] = static_cast<std::int64_t>(s.at_risk);
      events.data[r] = static_cast<std::int64_t>(s.events);
      censored.data[r] = static_cast<std::int64_t>(s.censored);
      survival.data[r] = s.survival;
      std_err.data[r] = s.std_err;
      lower.data[r] = s.lower;
      upper.data[r] = s.upper;
      ++r;
    }
  py::dict c;
  if (with_endpoint) c["endpoint"] = categorical<k::Endpoint>(endpoint.array);
  c["days"] = days.array;
  c["at_risk"] = at_risk.array;
  c["events"] = events.array;
  c["censored"] = censored.array;
  c["survival"] = survival.array;
  c["std_err"] = std_err.array;
  c["lower"] = lower.array;
  c["upper"] = upper.array;
  return c;
}

py::object optional_number(const std::optional<double>& v) { return v ? py::object(py::float_(*v)) : py::object(py::none()); }

py::dict programme_figures(const CaseloadPtr& load, const std::string& as_of, std::vector<int> retention_months) {
  const auto opts = programme_options(as_of, std::move(retention_months));
  k::ProgrammeFigures f;
  std::string json;
  {
    py::gil_scoped_release release;
    f = k::programme_figures(load->load, opts);
    json = k::to_json(f, 2);
  }
  py::dict out;
  out["as_of"] = k::iso(f.as_of);
  out["rule_set"] = f.rule_set;
  out["json"] = json;
  {
    Out<std::int8_t> stage(k::funnel_stage_count);
    Out<std::int64_t> citizens(k::funnel_stage_count);
    for (std::size_t s = 0; s < k::funnel_stage_count; ++s) {
      stage.data[s] = static_cast<std::int8_t>(s);
      citizens.data[s] = static_cast<std::int64_t>(f.funnel[s]);
    }
    py::dict c;
    c["stage"] = categorical<k::FunnelStage>(stage.array);
    c["citizens"] = citizens.array;
    out["funnel"] = c;
  }
  out["paid_hours_share"] = optional_number(f.paid_hours_share);
  out["thirty_hours_share"] = optional_number(f.thirty_hours_share);
  {
    const std::size_t n = f.retention.size();
    Out<std::int32_t> months(n);
    Out<std::int64_t> eligible(n), retained(n);
    Out<double> share(n);
    for (std::size_t i = 0; i < n; ++i) {
      const auto& r = f.retention[i];
      months.data[i] = r.months;
      eligible.data[i] = static_cast<std::int64_t>(r.eligible);
      retained.data[i] = static_cast<std::int64_t>(r.retained);
      share.data[i] = r.share.value_or(std::numeric_limits<double>::quiet_NaN());
    }
    py::dict c;
    c["months"] = months.array;
    c["eligible"] = eligible.array;
    c["retained"] = retained.array;
    c["share"] = share.array;
    out["retention"] = c;
  }
  {
    const std::size_t n = f.steps_by_month.size();
    Out<std::int64_t> month(n);
    std::vector<Out<std::int64_t>> per_step;
    for (std::size_t s = 0; s < k::step_count; ++s) per_step.emplace_back(n);
    for (std::size_t i = 0; i < n; ++i) {
      month.data[i] = period_ordinal(f.steps_by_month[i].month);
      for (std::size_t s = 0; s < k::step_count; ++s)
        per_step[s].data[i] = static_cast<std::int64_t>(f.steps_by_month[i].citizens[s]);
    }
    py::dict c;
    c["month"] = py::make_tuple("period", month.array);
    for (std::size_t s = 0; s < k::step_count; ++s) c[str_of(k::name(static_cast<k::Step>(s)))] = per_step[s].array;
    out["steps_by_month"] = c;
  }
  std::vector<std::pair<k::Endpoint, const k::KaplanMeierCurve*>> curves;
  py::dict medians;
  for (std::size_t e = 0; e < k::endpoint_count; ++e) {
    const auto endpoint = static_cast<k::Endpoint>(e);
    curves.emplace_back(endpoint, &f.curves[e]);
    const auto& m = f.curves[e].median;
    medians[str_of(k::name(endpoint))] = m ? py::object(py::int_(*m)) : py::object(py::none());
  }
  out["curves"] = curve_columns(curves, true);
  out["medians"] = medians;
  return out;
}

/// A curve's step function, median and totals, for kanten.kaplan_meier().
py::dict kaplan_meier_columns(const k::KaplanMeierCurve& c) {
  py::dict out;
  out["curve"] = curve_columns({{k::Endpoint::first_paid_hours, &c}}, false);
  out["median"] = c.median ? py::object(py::int_(*c.median)) : py::object(py::none());
  out["subjects"] = c.subjects;
  out["events"] = c.events;
  out["censored"] = c.censored;
  return out;
}

k::Endpoint endpoint_arg(const std::string& endpoint) {
  k::Endpoint e{};
  if (!k::parse_name(endpoint, e))
    throw k::Error(k::Errc::invalid_argument, "endpoint", shown_arg(endpoint), "expected " + names_or<k::Endpoint>());
  return e;
}

py::dict kaplan_meier_of_caseload(const CaseloadPtr& load, const std::string& as_of, const std::string& endpoint,
                                  double alpha) {
  const k::Endpoint e = endpoint_arg(endpoint);
  const auto opts = programme_options(as_of, {});
  k::KaplanMeierCurve c;
  {
    py::gil_scoped_release release;
    c = k::kaplan_meier(k::observations(load->load, opts, e), alpha);
  }
  return kaplan_meier_columns(c);
}

/// Observations of the caller's data: one time (int64, checked to fit in 32 bits) and one flag each.
std::vector<k::Observation> observations_of(const py::array_t<std::int64_t, py::array::c_style | py::array::forcecast>& days,
                                            const py::array_t<bool, py::array::c_style | py::array::forcecast>& events) {
  if (days.ndim() != 1 || events.ndim() != 1 || days.shape(0) != events.shape(0))
    throw k::Error(k::Errc::invalid_argument, "event", std::to_string(events.size()),
                   "needs one value per time (" + std::to_string(days.size()) + " times)");
  const std::size_t n = static_cast<std::size_t>(days.shape(0));
  std::vector<k::Observation> obs(n);
  const auto* d = days.data();
  const auto* ev = events.data();
  for (std::size_t i = 0; i < n; ++i) {
    if (d[i] < std::numeric_limits<std::int32_t>::min() || d[i] > std::numeric_limits<std::int32_t>::max())
      throw k::Error(k::Errc::invalid_argument, "days[" + std::to_string(i) + "]", std::to_string(d[i]),
                     "a time in days must fit in 32 bits");
    obs[i] = k::Observation{static_cast<std::int32_t>(d[i]), ev[i]};
  }
  return obs;
}

py::dict kaplan_meier_of_data(py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> days,
                              py::array_t<bool, py::array::c_style | py::array::forcecast> events, double alpha) {
  const std::vector<k::Observation> obs = observations_of(days, events);
  k::KaplanMeierCurve c;
  {
    py::gil_scoped_release release;
    c = k::kaplan_meier(obs, alpha);
  }
  return kaplan_meier_columns(c);
}

// ---------------------------------------------------------------------------------------------
// Survival analysis: the observations table, the log-rank test, cumulative incidence
// (kanten/programme/survival.hpp; the package's kanten/_survival.py makes frames of them)
// ---------------------------------------------------------------------------------------------

py::dict observation_columns(const CaseloadPtr& load, const std::string& as_of, const std::string& endpoint) {
  const k::Endpoint e = endpoint_arg(endpoint);
  const auto opts = programme_options(as_of, {});
  std::vector<k::ObservationRow> rows;
  {
    py::gil_scoped_release release;
    rows = k::observation_table(load->load, opts, e);
  }
  const std::size_t n = rows.size();
  ObjOut citizen(n);
  DateOut entry(n);
  Out<std::int64_t> days(n);
  Out<std::int8_t> exit(n), benefit(n);
  Out<bool> event(n), activity_ready(n), in_area(n), integration(n);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& r = rows[i];
    citizen.set(i, r.citizen);
    entry.set(i, r.entry);
    days.data[i] = r.observation.days;
    event.data[i] = r.observation.event;
    exit.data[i] = exit_code(r.exit);
    benefit.data[i] = static_cast<std::int8_t>(r.profile.benefit);
    activity_ready.data[i] = r.profile.activity_ready;
    in_area.data[i] = r.profile.lives_in_designated_area;
    integration.data[i] = r.profile.in_integration_programme;
  }
  py::dict c;
  c["citizen"] = citizen.array;
  c["entry"] = entry.array;
  c["days"] = days.array;
  c["event"] = event.array;
  c["exit"] = py::make_tuple("category", exit.array, exit_categories());
  c["benefit"] = categorical<k::Benefit>(benefit.array);
  c["activity_ready"] = activity_ready.array;
  c["lives_in_designated_area"] = in_area.array;
  c["in_integration_programme"] = integration.array;
  return c;
}

py::dict logrank_of_data(py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> days,
                         py::array_t<bool, py::array::c_style | py::array::forcecast> events,
                         py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> group, std::size_t groups) {
  const std::vector<k::Observation> obs = observations_of(days, events);
  if (group.ndim() != 1 || static_cast<std::size_t>(group.size()) != obs.size())
    throw k::Error(k::Errc::invalid_argument, "by", std::to_string(group.size()),
                   "needs one group per time (" + std::to_string(obs.size()) + " times)");
  std::vector<std::size_t> g(obs.size());
  for (std::size_t i = 0; i < g.size(); ++i) {
    const std::int64_t v = group.data()[i];
    if (v < 0) throw k::Error(k::Errc::invalid_argument, "by[" + std::to_string(i) + "]", std::to_string(v), "no group");
    g[i] = static_cast<std::size_t>(v);
  }
  k::LogRankTest t;
  {
    py::gil_scoped_release release;
    t = k::logrank(obs, g, groups);
  }
  const std::size_t m = t.groups.size();
  Out<std::int64_t> subjects(m), observed(m);
  Out<double> expected(m), variance(m);
  for (std::size_t i = 0; i < m; ++i) {
    subjects.data[i] = static_cast<std::int64_t>(t.groups[i].subjects);
    observed.data[i] = static_cast<std::int64_t>(t.groups[i].observed);
    expected.data[i] = t.groups[i].expected;
    variance.data[i] = t.groups[i].variance;
  }
  py::dict table;
  table["subjects"] = subjects.array;
  table["observed"] = observed.array;
  table["expected"] = expected.array;
  table["variance"] = variance.array;
  py::dict out;
  out["statistic"] = t.statistic;
  out["df"] = t.df;
  out["p_value"] = t.p_value;
  out["table"] = table;
  return out;
}

/// A cumulative incidence as long columns: `cause` (codes 0 to causes − 1), then the steps.
py::dict incidence_columns(const k::CumulativeIncidence& ci) {
  std::size_t n = 0;
  for (const auto& c : ci.causes) n += c.size();
  Out<std::int8_t> cause(n);
  Out<std::int32_t> days(n);
  Out<std::int64_t> at_risk(n), events(n);
  Out<double> cif(n), std_err(n), lower(n), upper(n);
  std::size_t r = 0;
  for (std::size_t k = 0; k < ci.causes.size(); ++k)
    for (const auto& s : ci.causes[k]) {
      cause.data[r] = static_cast<std::int8_t>(k);
      days.data[r] = s.days;
      at_risk.data[r] = static_cast<std::int64_t>(s.at_risk);
      events.data[r] = static_cast<std::int64_t>(s.events);
      cif.data[r] = s.cif;
      std_err.data[r] = s.std_err;
      lower.data[r] = s.lower;
      upper.data[r] = s.upper;
      ++r;
    }
  py::dict c;
  c["cause"] = cause.array;
  c["days"] = days.array;
  c["at_risk"] = at_risk.array;
  c["events"] = events.array;
  c["cif"] = cif.array;
  c["std_err"] = std_err.array;
  c["lower"] = lower.array;
  c["upper"] = upper.array;
  return c;
}

py::dict incidence_of_caseload(const CaseloadPtr& load, const std::string& as_of, double alpha) {
  const auto opts = programme_options(as_of, {});
  k::CumulativeIncidence ci;
  {
    py::gil_scoped_release release;
    ci = k::cumulative_incidence(load->load, opts, alpha);
  }
  return incidence_columns(ci);
}

py::dict incidence_of_data(py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> days,
                           py::array_t<std::int64_t, py::array::c_style | py::array::forcecast> cause, std::size_t causes,
                           double alpha) {
  if (days.ndim() != 1 || cause.ndim() != 1 || days.shape(0) != cause.shape(0))
    throw k::Error(k::Errc::invalid_argument, "cause", std::to_string(cause.size()),
                   "needs one cause per time (" + std::to_string(days.size()) + " times)");
  const std::size_t n = static_cast<std::size_t>(days.shape(0));
  std::vector<k::CompetingObservation> obs(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::int64_t d = days.data()[i], c = cause.data()[i];
    if (d < std::numeric_limits<std::int32_t>::min() || d > std::numeric_limits<std::int32_t>::max())
      throw k::Error(k::Errc::invalid_argument, "days[" + std::to_string(i) + "]", std::to_string(d),
                     "a time in days must fit in 32 bits");
    if (c < 0 || static_cast<std::uint64_t>(c) > causes)
      throw k::Error(k::Errc::invalid_argument, "cause[" + std::to_string(i) + "]", std::to_string(c), "no such cause");
    obs[i] = k::CompetingObservation{static_cast<std::int32_t>(d), static_cast<std::uint32_t>(c)};
  }
  k::CumulativeIncidence ci;
  {
    py::gil_scoped_release release;
    ci = k::cumulative_incidence(obs, causes, alpha);
  }
  return incidence_columns(ci);
}

// ---------------------------------------------------------------------------------------------
// Bus trips and social training tracks
// ---------------------------------------------------------------------------------------------

py::dict source_dict(const k::Source& s) {
  py::dict d;
  d["seed"] = std::string(s.seed);
  d["section"] = std::string(s.section);
  d["quote"] = std::string(s.quote);
  return d;
}

py::tuple range_tuple(const k::Range& r) { return py::make_tuple(r.low, r.high); }

/// A bus-trip plan with the request it was made from.
struct BusPlanned {
  k::BusRequest request;
  k::BusPlan plan;
};

}  // namespace
}  // namespace kanten_py

KANTEN_PY_NOT_NONE(kanten_py::BusPlanned)

namespace kanten_py {

void register_programme(py::module_& m) {
  m.attr("MAX_RETENTION_MONTHS") = k::max_retention_months;
  m.def("_person_months", &person_month_columns, py::arg("caseload"), py::arg("as_of"));
  m.def("_programme_figures", &programme_figures, py::arg("caseload"), py::arg("as_of"),
        py::arg("retention_months") = k::ProgrammeOptions{}.retention_months);
  m.def("_kaplan_meier_caseload", &kaplan_meier_of_caseload, py::arg("caseload"), py::arg("as_of"), py::arg("endpoint"),
        py::arg("alpha") = 0.05);
  m.def("_kaplan_meier_data", &kaplan_meier_of_data, py::arg("days"), py::arg("events"), py::arg("alpha") = 0.05);
  m.def("_observations", &observation_columns, py::arg("caseload"), py::arg("as_of"), py::arg("endpoint"));
  m.def("_logrank", &logrank_of_data, py::arg("days"), py::arg("events"), py::arg("group"), py::arg("groups"));
  m.def("_cumulative_incidence_caseload", &incidence_of_caseload, py::arg("caseload"), py::arg("as_of"),
        py::arg("alpha"));
  m.def("_cumulative_incidence_data", &incidence_of_data, py::arg("days"), py::arg("cause"), py::arg("causes"),
        py::arg("alpha"));
  add_vocabulary<k::FunnelStage>(m, "funnel_stage");
  add_vocabulary<k::Endpoint>(m, "endpoint");

  // Bus trips and social training tracks.
  m.def(
      "_bus_eligibility",
      [](bool activity_ready, std::optional<std::int32_t> age, bool vocational_education, bool exempt_from_activity,
         bool caseworker_finds_it_helps, const std::string& model) {
        k::BusReferral r;
        r.activity_ready = activity_ready;
        r.age = age;
        r.vocational_education = vocational_education;
        r.exempt_from_activity = exempt_from_activity;
        r.caseworker_finds_it_helps = caseworker_finds_it_helps;
        const auto a = k::bus_eligibility(r, k::bus_model(model));
        py::dict d;
        d["answer"] = std::string(k::name(a.answer));
        d["category"] = std::string(k::name(a.category));
        d["reason"] = a.reason;
        d["source"] = source_dict(a.source);
        return d;
      },
      py::arg("activity_ready"), py::arg("age"), py::arg("vocational_education"), py::arg("exempt_from_activity"),
      py::arg("caseworker_finds_it_helps"), py::arg("model"));
  m.def(
      "_trip_cost",
      [](std::int32_t participants, std::optional<std::int64_t> rate) {
        const auto c = k::trip_cost(participants, rate);
        py::dict d;
        d["bus_dkk"] = range_tuple(c.bus_dkk);
        d["food_dkk"] = range_tuple(c.food_dkk);
        d["planning_staff_minutes"] = range_tuple(c.planning_staff_minutes);
        d["running_staff_minutes"] = range_tuple(c.running_staff_minutes);
        d["total_dkk"] = range_tuple(c.total_dkk);
        return d;
      },
      py::arg("participants"), py::arg("staff_dkk_per_hour") = py::none());
  m.def(
      "_route_workplace",
      [](bool ordinary, bool special) {
        const auto a = k::route_workplace({ordinary, special});
        py::dict d;
        d["route"] = std::string(k::name(a.route));
        d["private_employer_focus"] = a.private_employer_focus;
        d["reason"] = a.reason;
        d["source"] = source_dict(a.source);
        return d;
      },
      py::arg("close_to_ordinary_job"), py::arg("close_to_special_terms_job"));
  // A plan kept with its request, so recording a trip's attendance does not plan again.
  py::class_<BusPlanned, std::shared_ptr<BusPlanned>>(m, "_BusPlanned")
      .def("to_json", [](const BusPlanned& p) { return k::to_json(p.plan, p.request.market, p.request.referrals); })
      .def(
          "record_attendance_json",
          [](const BusPlanned& p, std::int32_t group, std::int32_t trip, const std::string& date,
             const std::vector<std::string>& present) {
            const auto d = k::parse_date(date);
            if (!d) throw k::Error(k::Errc::invalid_argument, "date", date, "not a valid date YYYY-MM-DD");
            py::gil_scoped_release release;
            return k::to_json(k::record_attendance(p.request.market, p.plan, group, trip, *d, present));
          },
          py::arg("group"), py::arg("trip"), py::arg("date"), py::arg("present"));
  m.def(
      "_plan_bus_trips",
      [](const std::string& request) {
        py::gil_scoped_release release;
        auto p = std::make_shared<BusPlanned>();
        p->request = k::bus_request_from_json(request);
        p->request.options.model = &k::bus_model(p->request.model);
        p->plan = k::plan_bus_trips(p->request.market, p->request.referrals, p->request.options);
        return p;
      },
      py::arg("request"));
  m.def(
      "_plan_training_tracks_json",
      [](const std::string& request) {
        py::gil_scoped_release release;
        const k::TrainingInput in = k::training_input_from_json(request);
        if (in.start.is_special())
          throw k::Error(k::Errc::invalid_argument, "start", "", "a start date is required");
        k::TrainingOptions o;
        o.start = in.start;
        o.ongoing = in.ongoing;
        o.citizens_per_mentor = in.citizens_per_mentor;
        return k::to_json(k::plan_training_tracks(in.market, in.requests, o), in.market);
      },
      py::arg("request"));
}

}  // namespace kanten_py
