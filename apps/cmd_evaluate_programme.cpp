// kanten evaluate-programme FILE: a caseload's programme figures.
#include <fstream>
#include <iomanip>
#include <memory>
#include <sstream>

#include "cli.hpp"

namespace cli {

namespace {

/// The latest valid event date of a caseload (std::nullopt when it has none).
std::optional<k::Date> latest_event(const k::Caseload& load) {
  std::optional<k::Date> latest;
  for (const auto& c : load.cases)
    for (const auto& e : c.events)
      if (!e.date.is_special() && (!latest || *latest < e.date)) latest = e.date;
  return latest;
}

/// The figures as text: funnel, shares, retention, Kaplan-Meier medians.
std::string summary_text(const k::ProgrammeFigures& f) {
  std::ostringstream o;
  const std::size_t entered = f.count(k::FunnelStage::entered);
  o << "Programme figures as of " << k::iso(f.as_of) << " (rule set " << f.rule_set << ")\n";
  o << "\nFunnel (share of those who entered)\n";
  for (std::size_t s = 0; s < k::funnel_stage_count; ++s) {
    const auto stage = static_cast<k::FunnelStage>(s);
    print_row(o, std::string(k::name(stage)), f.funnel[s],
              stage == k::FunnelStage::caseload ? "" : percent(f.funnel[s], entered));
  }
  o << "\nShares of those who entered\n";
  o << "  any paid (ordinary) hours              " << share_text(f.paid_hours_share) << "\n";
  o << "  the 30-hour exit                       " << share_text(f.thirty_hours_share) << "\n";
  o << "\nRetention after entering Trin 3 (ordinary hours in month N, or left to work by then)\n";
  for (const auto& r : f.retention)
    o << "  " << std::left << std::setw(10) << (std::to_string(r.months) + " months") << std::right << std::setw(6)
      << r.retained << " of " << std::setw(6) << r.eligible << "   " << share_text(r.share) << "\n";
  o << "\nKaplan-Meier from entry (days; median: the first time survival is at most 0.5)\n";
  for (std::size_t e = 0; e < k::endpoint_count; ++e) {
    const k::KaplanMeierCurve& c = f.curves[e];
    o << "  " << std::left << std::setw(18) << k::name(static_cast<k::Endpoint>(e)) << std::right << " events "
      << std::setw(6) << c.events << ", censored " << std::setw(6) << c.censored << ", median "
      << (c.median ? std::to_string(*c.median) + " days" : std::string("not reached")) << "\n";
  }
  o << "\nBus trips (002) and training tracks (001) in the record\n";
  o << "  bus trips:       citizens " << f.bus_trips.citizens << ", trips attended " << f.bus_trips.count
    << ", registrations not attended " << f.bus_trips.not_attended << "; after the first trip: an agreement "
    << f.bus_trips.agreement_after << ", paid hours " << f.bus_trips.paid_hours_after << "\n";
  o << "  training tracks: citizens " << f.training.citizens << ", tracks " << f.training.count
    << ", on a track on the date " << f.training.in_progress << "; after the first track: an agreement "
    << f.training.agreement_after << ", paid hours " << f.training.paid_hours_after << "\n";
  return o.str();
}

}  // namespace

void add_evaluate_programme(CLI::App& app) {
  struct Options {
    std::string file;
    std::optional<std::string> as_of, json;
    std::optional<std::string> format;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "evaluate-programme",
      "a caseload's programme figures: funnel, shares, retention, curves\n"
      "\n"
      "The evaluation figures of a caseload (docs/programme.md): the funnel through the steps, the\n"
      "share with paid hours (003_b82c162ee9c6e810.txt reports about 15 % at the midterm), retention\n"
      "3, 6 and 12 months after entering Trin 3, and the Kaplan–Meier medians of the time from entry\n"
      "to the first paid hour and to the exit. A summary in text on stdout.");
  add_file(*cmd, o->file, "the caseload");
  add_value(*cmd, "--as-of", o->as_of, "DATE", "evaluate as of this date (default: the latest event date in FILE)");
  add_value(*cmd, "--json", o->json, "OUT",
            "also write every figure as JSON to OUT (curves, citizens per step by month);\n"
            "'-' writes the JSON to stdout instead of the summary");
  add_format(*cmd, o->format);
  add_compact(*cmd, o->flags);
  cmd->callback([o, cmd] {
    const std::string name = command_name(*cmd);
    const auto& json_out = o->json;
    if (json_out && json_out->empty()) throw UsageError("option '--json': needs a file name or '-'", name);
    bool single = false;
    const k::Caseload load = read_cases(o->file, o->format, single, name);
    const auto as_of = date_value(o->as_of, "--as-of", name);
    k::ProgrammeOptions opts;
    if (as_of) {
      opts.as_of = *as_of;
    } else if (auto latest = latest_event(load)) {
      opts.as_of = *latest;
    } else {
      throw UsageError("the file has no dated event: give --as-of DATE", name);
    }
    const k::ProgrammeFigures f = k::programme_figures(load, opts);
    const std::string json = k::to_json(f, o->flags.indent());
    if (json_out && *json_out == "-") {
      write_out(json);
      return;
    }
    if (json_out) {
      std::ofstream out(*json_out, std::ios::binary);
      out << json << '\n';
      if (!out.flush()) throw k::Error(k::Errc::io_error, "--json", *json_out, "cannot be written");
    }
    std::string text = summary_text(f);
    if (json_out) text += "\nEvery figure as JSON: " + *json_out + "\n";
    write_out(text);
  });
}

}  // namespace cli
