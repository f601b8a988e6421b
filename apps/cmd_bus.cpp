// kanten bus plan|cost|attendance: bus trips to companies (002_35b99bd4972212c9.txt).
#include <memory>
#include <sstream>

#include "cli.hpp"

namespace cli {

namespace {

struct PlanOptions {
  std::string file;
  std::optional<std::string> model, max_groups, staff_rate, group, trip, date, present;
  CommonFlags flags;
};

constexpr const char* model_help =
    "1 = model-1-guldborgsund: 6-12 citizens, two visits, one company with\n"
    "inclusion experience, 08:30-13:00 (default); 2 = model-2-lolland: 12-15\n"
    "citizens, two trips of one visit in the 13-week job club, 13:00-16:00";

std::optional<std::int64_t> staff_rate(const std::optional<std::string>& v, const std::string& name) {
  if (auto r = number_value(v, "--staff-rate", 0, static_cast<std::uint64_t>(k::max_staff_dkk_per_hour), name))
    return static_cast<std::int64_t>(*r);
  return std::nullopt;
}

/// The plan of the request in FILE (plan and attendance: the plan is deterministic, so the same
/// request gives the same groups to record attendance against).
void run_plan(const PlanOptions& o, const std::string& name, bool attendance) {
  k::BusRequest req = k::bus_request_from_json(read_input(o.file), read_options);
  report_warnings(req.warnings);
  const std::string model = o.model ? *o.model : req.model;
  const k::BusModel* m = nullptr;
  try {
    m = &k::bus_model(model);
  } catch (const k::Error&) {
    if (o.model) throw UsageError("option '--model': value '" + model + "': expected 1 or 2", name);
    throw;
  }
  req.options.model = m;
  if (auto g = number_value(o.max_groups, "--max-groups", 0, 100'000, name))
    req.options.max_groups = static_cast<std::int32_t>(*g);
  if (auto r = staff_rate(o.staff_rate, name)) req.options.staff_dkk_per_hour = r;
  const k::BusPlan plan = k::plan_bus_trips(req.market, req.referrals, req.options);
  if (!attendance) {
    write_out(k::to_json(plan, req.market, req.referrals, o.flags.indent(), req.warnings));
    return;
  }
  const auto group = number_value(o.group, "--group", 0, 1'000'000, name);
  const auto trip = number_value(o.trip, "--trip", 0, 1'000, name);
  const k::Date date = required_date(o.date, "--date", name);
  std::vector<std::string> present;
  if (o.present) {
    std::stringstream in(*o.present);
    for (std::string id; std::getline(in, id, ',');)
      if (!id.empty()) present.push_back(id);
  }
  write_out(k::to_json(k::record_attendance(req.market, plan, static_cast<std::int32_t>(*group),
                                            static_cast<std::int32_t>(*trip), date, present),
                       o.flags.indent()));
}

}  // namespace

void add_bus(CLI::App& app) {
  CLI::App* bus = app.add_subcommand(
      "bus",
      "bus trips to companies (002)\n"
      "\n"
      "Bus trips to companies for citizens on the edge of the labour market (002_35b99bd4972212c9.txt).");

  auto p = std::make_shared<PlanOptions>();
  CLI::App* plan = bus->add_subcommand(
      "plan",
      "plan bus trips to companies for referred citizens (002)\n"
      "\n"
      "FILE is a market ({\"citizens\", \"companies\", \"tasks\"}) with the referred citizens\n"
      "(\"referrals\": [{\"citizen\": ID, \"activity_ready\": true, \"age\": 34, \"vocational_education\": false,\n"
      "\"exempt_from_activity\": false, \"caseworker_finds_it_helps\": false}]) and optional settings\n"
      "(\"bus\": {\"model\", \"max_groups\", \"staff_dkk_per_hour\", \"invite_first\": [ID...]}); see\n"
      "docs/bus-and-training.md. Prints the plan as JSON: each referral's eligibility (§6.3, §6.5, exempt\n"
      "citizens referred under Model 1) with its source, the groups and their trips, the companies\n"
      "visited and why they were chosen, each participant's best-fitting visit, the cost of each\n"
      "trip, and every referral left out with its reason.");
  add_file(*plan, p->file, "the market with the referrals");
  add_value(*plan, "--model", p->model, "1|2", model_help);
  add_value(*plan, "--max-groups", p->max_groups, "N",
            "plan at most N groups (default: as many as the referrals need)");
  add_value(*plan, "--staff-rate", p->staff_rate, "DKK", "price staff time at DKK per hour in the cost");
  add_compact(*plan, p->flags);
  plan->callback([p, plan] { run_plan(*p, command_name(*plan), false); });

  struct CostOptions {
    std::optional<std::string> participants, staff_rate, model;
    CommonFlags flags;
  };
  auto c = std::make_shared<CostOptions>();
  CLI::App* cost =
      bus->add_subcommand("cost",
                          "what one bus trip costs, as ranges (002)\n"
                          "\n"
                          "What one bus trip costs: bus, food and staff time, as ranges from the source's figures\n"
                          "(002_35b99bd4972212c9.txt, Ressourceforbrug).");
  add_value(*cost, "--participants", c->participants, "N", "the number of citizens on the trip")->required();
  add_value(*cost, "--staff-rate", c->staff_rate, "DKK", "price staff time at DKK per hour in the cost");
  add_value(*cost, "--model", c->model, "1|2",
            "the model's own staff on the trip (1: 4-5, 2: 3); default: the overview's 3-4");
  add_compact(*cost, c->flags);
  cost->callback([c, cost] {
    const std::string name = command_name(*cost);
    const auto n =
        number_value(c->participants, "--participants", 0, static_cast<std::uint64_t>(k::max_trip_participants), name);
    const auto participants = static_cast<std::int32_t>(*n);
    const k::BusModel* m = nullptr;
    if (c->model) {
      try {
        m = &k::bus_model(*c->model);
      } catch (const k::Error&) {
        throw UsageError("option '--model': value '" + *c->model + "': expected 1 or 2", name);
      }
    }
    const auto rate = staff_rate(c->staff_rate, name);
    write_out(k::to_json(m ? k::trip_cost(*m, participants, rate) : k::trip_cost(participants, rate), participants,
                         c->flags.indent()));
  });

  auto a = std::make_shared<PlanOptions>();
  CLI::App* attendance = bus->add_subcommand(
      "attendance",
      "who came, who is invited next, the visits made (002)\n"
      "\n"
      "Records who came on one trip of the plan made from FILE: prints who came, who is invited to\n"
      "the next trip (attendance is compulsory, 002), the company visits made (the relation the\n"
      "matcher weighs) and ids that were not participants (reported, not applied).");
  add_file(*attendance, a->file, "the market with the referrals");
  add_value(*attendance, "--group", a->group, "G", "which group of the plan made from FILE (numbered from 0)")
      ->required();
  add_value(*attendance, "--trip", a->trip, "T", "which trip of the group (numbered from 0)")->required();
  add_value(*attendance, "--date", a->date, "DATE", "the trip's date")->required();
  add_value(*attendance, "--present", a->present, "IDS", "the citizens who came, comma-separated");
  add_value(*attendance, "--model", a->model, "1|2", model_help);
  add_value(*attendance, "--max-groups", a->max_groups, "N",
            "plan at most N groups (default: as many as the referrals need)");
  add_compact(*attendance, a->flags);
  attendance->callback([a, attendance] { run_plan(*a, command_name(*attendance), true); });
}

}  // namespace cli
