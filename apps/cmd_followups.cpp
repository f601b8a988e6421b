// kanten followups FILE --as-of DATE: the monthly follow-up worklist, with the alerts asked for,
// for one jobformidler or grouped by jobformidler.
#include <memory>

#include "cli.hpp"

namespace cli {

void add_followups(CLI::App& app) {
  struct Options {
    std::string file;
    std::optional<std::string> as_of;
    AlertFlags alerts;
    WorklistFlags worklist;
    std::optional<std::string> format;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "followups",
      "the monthly follow-up worklist of a caseload\n"
      "\n"
      "The monthly follow-up worklist (004_3897fdd271fa8a38.txt, Kerneelement 7): every citizen in\n"
      "FILE (a caseload or a case) whose month of DATE needs a contact between jobformidler and citizen\n"
      "and has none yet, soonest deadline first; with an alert option also every citizen with an alert\n"
      "(after those with a deadline). Each line names the citizen's jobformidler and step;\n"
      "--jobformidler keeps one jobformidler's citizens, --group-by-jobformidler orders by jobformidler.");
  add_file(*cmd, o->file, "the caseload or case");
  add_value(*cmd, "--as-of", o->as_of, "DATE", "the date (required)")->required();
  add_worklist_flags(*cmd, o->worklist);
  add_alerts(*cmd, o->alerts);
  add_format(*cmd, o->format);
  add_compact(*cmd, o->flags);
  add_progress(*cmd, o->flags);
  cmd->callback([o, cmd] {
    const std::string name = command_name(*cmd);
    k::EvaluateOptions opts;
    opts.as_of = required_date(o->as_of, "--as-of", name);
    opts.alerts = alert_options(o->alerts, name);
    const k::WorklistOptions which = worklist_options(o->worklist, name);
    opts.progress = progress_of(o->flags, name);
    bool single = false;
    const k::Caseload load = read_cases(o->file, o->format, single, name);
    write_out(k::to_json(k::followup_worklist(k::evaluate_all(load, opts), which), opts.as_of, o->flags.indent()));
  });
}

}  // namespace cli
