// python/src/bind_synth.cpp — kanten's generators in kanten._kanten: a synthetic caseload
// (include/kanten/synth/generate.hpp) and a synthetic labour market (synth/market.hpp), each
// made without the GIL. Conventions: bind_core.cpp.
#include "caseload.hpp"
#include "market.hpp"

#include "kanten/synth/generate.hpp"
#include "kanten/synth/market.hpp"

namespace kanten_py {
namespace {

CaseloadPtr generate(std::size_t citizens, std::uint64_t seed, const std::string& start, int months,
                     double paid_hours_share, double rehabilitation_share, double agreement_share,
                     double break_off_share, double self_support_share, double missed_contact_share,
                     double sanction_share, double outside_target_share, bool comparison) {
  k::GeneratorOptions o;
  o.citizens = citizens;
  o.seed = seed;
  o.start = parse_date_arg(start, "start");
  if (months < 1) throw k::Error(k::Errc::invalid_argument, "months", std::to_string(months), "must be at least 1");
  o.months = months;
  const std::pair<const char*, double*> shares[] = {
      {"paid_hours_share", &o.paid_hours_share},       {"rehabilitation_share", &o.rehabilitation_share},
      {"agreement_share", &o.agreement_share},         {"break_off_share", &o.break_off_share},
      {"self_support_share", &o.self_support_share},   {"missed_contact_share", &o.missed_contact_share},
      {"sanction_share", &o.sanction_share},           {"outside_target_share", &o.outside_target_share}};
  const double given[] = {paid_hours_share,   rehabilitation_share, agreement_share, break_off_share,
                          self_support_share, missed_contact_share, sanction_share,  outside_target_share};
  for (std::size_t i = 0; i < std::size(shares); ++i) {
    if (!(given[i] >= 0.0 && given[i] <= 1.0))
      throw k::Error(k::Errc::invalid_argument, shares[i].first, std::to_string(given[i]), "a share must be between 0 and 1");
    *shares[i].second = given[i];
  }
  o.comparison = comparison;
  k::Caseload load;
  {
    py::gil_scoped_release release;
    load = k::generate_caseload(o);
  }
  return make_caseload(std::move(load));
}

}  // namespace

void register_synth(py::module_& m) {
  const k::GeneratorOptions g;
  m.def("_generate_caseload", &generate, py::arg("citizens") = g.citizens, py::arg("seed") = g.seed,
        py::arg("start") = k::iso(g.start), py::arg("months") = g.months, py::arg("paid_hours_share") = g.paid_hours_share,
        py::arg("rehabilitation_share") = g.rehabilitation_share, py::arg("agreement_share") = g.agreement_share,
        py::arg("break_off_share") = g.break_off_share, py::arg("self_support_share") = g.self_support_share,
        py::arg("missed_contact_share") = g.missed_contact_share, py::arg("sanction_share") = g.sanction_share,
        py::arg("outside_target_share") = g.outside_target_share, py::arg("comparison") = g.comparison);
  const k::MarketOptions mg;
  m.def(
      "_generate_market",
      [](std::size_t citizens, std::size_t companies, std::uint64_t seed, const std::string& region,
         double tasks_per_company, std::int32_t travel_m) {
        k::MarketOptions o;
        o.citizens = citizens;
        o.companies = companies;
        o.seed = seed;
        if (!k::parse_name(region, o.region))
          throw k::Error(k::Errc::invalid_argument, "region", region, "must be " + names_or<k::Region>());
        if (!(tasks_per_company > 0))
          throw k::Error(k::Errc::invalid_argument, "tasks_per_company", std::to_string(tasks_per_company), "must be positive");
        o.tasks_per_company = tasks_per_company;
        o.travel_m = travel_m;
        k::Market mk;
        {
          py::gil_scoped_release release;
          mk = k::generate_market(o);
        }
        return make_market(std::move(mk));
      },
      py::arg("citizens") = mg.citizens, py::arg("companies") = mg.companies, py::arg("seed") = mg.seed,
      py::arg("region") = std::string(k::name(mg.region)), py::arg("tasks_per_company") = mg.tasks_per_company,
      py::arg("travel_m") = mg.travel_m);
  add_vocabulary<k::Region>(m, "region");
}

}  // namespace kanten_py
