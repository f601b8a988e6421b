// python/src/bind_workplace.cpp — bus trips (002) and social training tracks (001) for Python.
// The plans go through kanten's own JSON readers and writers (docs/bus-and-training.md); the
// package (kanten/_workplace.py) turns them into DataFrames. The C++ work runs without the GIL.
#include "common.hpp"

#include "kanten/programme/bus.hpp"
#include "kanten/programme/training.hpp"

namespace kanten_py {

namespace {

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

void bind_workplace(py::module_& m) {
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
        return k::to_json(k::plan_training_tracks(in.market, in.requests, o), in.market);
      },
      py::arg("request"));
}

}  // namespace kanten_py
