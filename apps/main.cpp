// kanten — the command-line program: evaluate cases, list follow-ups, answer sanction questions,
// draw the step model, generate and evaluate a synthetic caseload, match citizens to company
// tasks and generate a synthetic labour market, plan bus trips and training tracks.
//
// The commands are CLI11 subcommands, one file each (cmd_*.cpp); their help is made from their
// option definitions (cli.hpp, HelpFormatter). Exit codes: 0 success, 1 bad input, 2 usage error.
#include <charconv>
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "cli.hpp"

namespace {

using cli::UsageError;
namespace k = kanten;

constexpr std::uint64_t max_input_bytes_limit = std::uint64_t{1} << 40;

/// The deepest command given (the program itself when none was).
const CLI::App& deepest(const CLI::App& app) {
  const CLI::App* a = &app;
  for (auto parsed = a->get_subcommands(); !parsed.empty(); parsed = a->get_subcommands()) a = parsed.front();
  return *a;
}

/// After parsing, before the command runs: what CLI11 left over is an unknown option, command or
/// argument; the global options are checked.
void check_parsed(const CLI::App& app, const std::optional<std::string>& max_input_bytes) {
  const CLI::App& cmd = deepest(app);
  const std::string name = cli::command_name(cmd);
  const bool has_subcommands = !cmd.get_subcommands([](const CLI::App*) { return true; }).empty();
  for (const std::string& arg : app.remaining()) {
    if (arg.size() > 1 && arg[0] == '-')
      throw UsageError("unknown option '" + arg.substr(0, arg.find('=')) + "'", name);
    if (&cmd == &app) throw UsageError("unknown command '" + arg + "'", "");
    if (has_subcommands) throw UsageError("unknown subcommand '" + arg + "'", name);
    throw UsageError("unexpected argument '" + arg + "'", name);
  }
  if (&cmd == &app) throw UsageError("missing command", "");
  if (has_subcommands) throw UsageError("missing subcommand", name);
  if (max_input_bytes) {
    const std::string& v = *max_input_bytes;
    std::uint64_t n = 0;
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (v.empty() || ec != std::errc() || p != v.data() + v.size() || n == 0 || n > max_input_bytes_limit)
      throw UsageError("option '--max-input-bytes': value '" + v + "': not a whole number from 1 to " +
                           std::to_string(max_input_bytes_limit),
                       name);
    cli::read_options.max_bytes = static_cast<std::size_t>(n);
  }
}

int run(std::vector<std::string> args) {
  CLI::App app(
      "The indsatsmodel's step model for job centres (004_3897fdd271fa8a38.txt), and the matching\n"
      "of citizens to company tasks (docs/matching.md).",
      "kanten");
  app.formatter(std::make_shared<cli::HelpFormatter>());
  app.set_help_flag("-h,--help", "help for the program or, after a command, for the command");
  // Options and arguments a command does not know fall through to the program: its global options,
  // or what check_parsed() reports as unknown.
  app.fallthrough();
  app.allow_extras();
  app.require_subcommand(0, 1);
  bool version = false;
  std::optional<std::string> max_input_bytes;
  app.add_flag("--version", version, "the version of kanten and of its rule set");
  app.add_flag("--strict", cli::read_options.strict,
               "with any command that reads a file: an unknown field is an error, not a warning");
  cli::add_value(app, "--max-input-bytes", max_input_bytes, "N",
                 "refuse input larger than N bytes (default " + std::to_string(k::default_max_input_bytes) + ")");
  app.footer(
      "Run 'kanten <command> --help' for a command's options. FILE may be '-' for stdin.\n"
      "evaluate, followups, generate, demo, match and generate-market show progress on stderr when it\n"
      "is a terminal (never in a pipe or a log); --progress or --no-progress overrides.\n"
      "Dates are ISO \"YYYY-MM-DD\". Exit codes: 0 success, 1 bad input, 2 usage error.");

  cli::add_evaluate(app);
  cli::add_followups(app);
  cli::add_sanction(app);
  cli::add_model(app);
  cli::add_generate(app);
  cli::add_demo(app);
  cli::add_match(app);
  cli::add_generate_market(app);
  cli::add_bus(app);
  cli::add_training(app);
  cli::add_evaluate_programme(app);
  cli::add_solve(app);

  // The checks run before any command's callback.
  app.parse_complete_callback([&] {
    if (!version) check_parsed(app, max_input_bytes);
  });

  // "kanten help [COMMAND]" and "kanten version", as "--help" and "--version".
  if (!args.empty() && (args.front() == "help" || args.front() == "--help" || args.front() == "-h")) {
    if (args.size() > 1) {
      CLI::App* cmd = &app;
      std::string prev = "kanten";
      for (std::size_t i = 1; i < args.size(); ++i) {
        try {
          CLI::App* sub = cmd->get_subcommand(args[i]);
          if (cmd != &app) prev += " " + cmd->get_name();
          cmd = sub;
        } catch (const CLI::OptionNotFound&) {
          throw UsageError("unknown command '" + args[i] + "'", "");
        }
      }
      std::cout << cmd->help(prev);
      return 0;
    }
    std::cout << app.help();
    return 0;
  }
  if (!args.empty() && args.front() == "version") args.front() = "--version";

  std::reverse(args.begin(), args.end());  // CLI11 takes the arguments last first
  try {
    app.parse(args);
  } catch (const CLI::CallForHelp&) {
    std::cout << app.help();
    return 0;
  } catch (const CLI::RequiredError& e) {
    const std::string missing = cli::missing_required(app);
    throw UsageError(missing.empty() ? e.what() : missing, cli::command_name(deepest(app)));
  } catch (const CLI::ParseError& e) {
    throw UsageError(e.what(), cli::command_name(deepest(app)));
  }
  if (version) std::cout << "kanten " << k::version_string << " (rule set " << k::default_rules().version << ")\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const UsageError& e) {
    std::cerr << "kanten: error: " << e.what() << "\n";
    if (e.command.empty())
      std::cerr << "Run 'kanten --help' for usage.\n";
    else
      std::cerr << "Run 'kanten " << e.command << " --help' for usage.\n";
    return 2;
  } catch (const k::Error& e) {
    std::cerr << "kanten: error: " << e.what() << "\n";
    return 1;
  } catch (const std::exception& e) {
    std::cerr << "kanten: error: " << e.what() << "\n";
    return 1;
  }
}
