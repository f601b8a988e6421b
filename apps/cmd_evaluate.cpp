// kanten evaluate FILE --as-of DATE: the evaluation of a case or a caseload.
#include <memory>

#include "cli.hpp"

namespace cli {

void add_evaluate(CLI::App& app) {
  struct Options {
    std::string file;
    std::optional<std::string> as_of, daily_rate;
    bool explain = false;
    AlertFlags alerts;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "evaluate",
      "evaluate a case or a caseload (JSON on stdout)\n"
      "\n"
      "Evaluates the case or caseload in FILE as of the end of DATE: target group, step, history,\n"
      "what is missing, hours, follow-up, sanction answers, the jobformidler, the agreements, time in\n"
      "Trin 2, aftercare, bus trips, training tracks, violations and events not applied, each with its\n"
      "source. A case gives one evaluation object; a caseload ({\"cases\": [...]} or an array) gives\n"
      "{\"evaluations\": [...]}. The alert options add \"alerts\" when a threshold is passed; the\n"
      "source texts give no numbers, so there is no alert unless asked for.");
  add_file(*cmd, o->file, "the case or caseload");
  add_value(*cmd, "--as-of", o->as_of, "DATE", "evaluate as of this date (required)")->required();
  add_value(*cmd, "--daily-rate", o->daily_rate, "ORE", "the daily benefit rate in øre, to state sanction deductions");
  cmd->add_flag("--explain", o->explain, "English text instead of JSON");
  add_alerts(*cmd, o->alerts);
  add_compact(*cmd, o->flags);
  add_progress(*cmd, o->flags);
  cmd->callback([o, cmd] {
    const std::string name = command_name(*cmd);
    k::EvaluateOptions opts;
    opts.as_of = required_date(o->as_of, "--as-of", name);
    if (auto r = number_value(o->daily_rate, "--daily-rate", 0, k::max_daily_rate, name))
      opts.daily_rate = static_cast<std::int64_t>(*r);
    opts.alerts = alert_options(o->alerts, name);
    opts.progress = progress_of(o->flags, name);

    bool single = false;
    const k::Caseload load = read_cases(read_input(o->file), single);
    const auto evaluations = k::evaluate_all(load, opts);
    if (o->explain) {
      std::string out;
      for (std::size_t i = 0; i < evaluations.size(); ++i) {
        if (i) out += "\n";
        out += k::explain(evaluations[i]);
      }
      write_out(out);
    } else if (single) {
      write_out(k::to_json(evaluations.front(), o->flags.indent()));
    } else {
      write_out(k::to_json(evaluations, o->flags.indent()));
    }
  });
}

}  // namespace cli
