// kanten evaluate FILE --as-of DATE: the evaluation of a case or a caseload, streamed.
#include <iostream>
#include <memory>

#include "cli.hpp"

namespace cli {

void add_evaluate(CLI::App& app) {
  struct Options {
    std::string file;
    std::optional<std::string> as_of, daily_rate, format, output_format, chunk;
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
      "source texts give no numbers, so there is no alert unless asked for.\n"
      "\n"
      "FILE may be JSON, JSON Lines (one case per line) or the CSV event table (docs/csv-format.md).\n"
      "Cases are read, evaluated and written one chunk at a time, so memory does not grow with the\n"
      "caseload; --output-format jsonl writes one evaluation per line, csv one summary row per citizen.");
  add_file(*cmd, o->file, "the case or caseload");
  add_value(*cmd, "--as-of", o->as_of, "DATE", "evaluate as of this date (required)")->required();
  add_value(*cmd, "--daily-rate", o->daily_rate, "ORE", "the daily benefit rate in øre, to state sanction deductions");
  add_output_format(*cmd, o->output_format,
                    "json ({\"evaluations\": [...]}, or one object for one case; the default), jsonl (one "
                    "evaluation per line) or csv (one summary row per citizen, docs/csv-format.md)");
  add_value(*cmd, "--chunk", o->chunk, "N", "cases read and evaluated together (default 2048; 1 to 1000000)");
  cmd->add_flag("--explain", o->explain, "English text instead of JSON");
  add_alerts(*cmd, o->alerts);
  add_format(*cmd, o->format);
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
    k::StreamOptions stream;
    if (auto n = number_value(o->chunk, "--chunk", 1, 1'000'000, name)) stream.chunk = static_cast<std::size_t>(*n);
    if (o->explain && o->output_format)
      throw UsageError("--explain writes English text: it takes no --output-format", name);
    const k::Format out_format = format_value(o->output_format, "--output-format", name).value_or(k::Format::json);

    k::CaseReader reader = case_reader(o->file, o->format, name);
    std::optional<k::EvaluationWriter> writer;
    bool first = true;
    char last = 0;  // --explain: the last character written
    k::evaluate_stream(
        reader, opts,
        [&](const k::Case& c, const k::Evaluation& e) {
          report_warnings(c.warnings);
          if (o->explain) {
            if (!first) std::cout << '\n';
            const std::string text = k::explain(e);
            std::cout << text;
            last = text.empty() ? (first ? char{0} : '\n') : text.back();
          } else {
            // The first case tells whether the input was one case (one evaluation object).
            if (!writer) writer.emplace(std::cout, out_format, o->flags.indent(), reader.single());
            writer->write(e);
          }
          first = false;
        },
        stream);
    report_warnings(reader.warnings());
    if (o->explain) {
      if (last != '\n') std::cout << '\n';
    } else {
      if (!writer) writer.emplace(std::cout, out_format, o->flags.indent(), false);  // no case: an empty list
      writer->finish();
      if (out_format == k::Format::json) std::cout << '\n';
    }
    std::cout.flush();
    if (!std::cout) throw k::Error(k::Errc::io_error, "stdout", "", "cannot be written");
  });
}

}  // namespace cli
