// apps/cli.hpp — what every command of the `kanten` program shares: how input is read (--strict,
// --max-input-bytes), how warnings, output and --out files are written, the option values'
// checks and the usage errors, progress on stderr, and the help text's layout.
//
// Exit codes: 0 success, 1 bad input (unreadable file, invalid JSON, a field of the wrong type or
// value: a kanten::Error), 2 usage error (unknown command or option, missing or malformed argument:
// a cli::UsageError or CLI11's parse errors). Errors go to stderr as "kanten: error: ..." naming
// the field and the value at fault.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <iosfwd>
#include <kanten/kanten.hpp>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace cli {

namespace k = kanten;

/// A mistake on the command line: exit code 2.
struct UsageError : std::runtime_error {
  UsageError(const std::string& message, std::string for_command)
      : std::runtime_error(message), command(std::move(for_command)) {}
  std::string command;  ///< the command whose --help to point at ("" for the program)
};

// --- input -----------------------------------------------------------------------------------

/// How every command reads its input: the global --strict and --max-input-bytes (main.cpp).
extern k::ReadOptions read_options;

/// The text of FILE ('-' reads stdin), within --max-input-bytes and stopping at a NUL byte.
[[nodiscard]] std::string read_input(const std::string& path);
/// Each input warning on stderr: the field and what was not used (never a value).
void report_warnings(const std::vector<k::InputWarning>& warnings);
/// The reader of the cases in FILE ('-' reads stdin) in `format` ("json", "jsonl", "csv"), else
/// the format of the file's extension, else JSON.
[[nodiscard]] k::CaseReader case_reader(const std::string& path, const std::optional<std::string>& format,
                                        const std::string& command);
/// The whole caseload of FILE, read as case_reader() reads it (`single`: it held one case), its
/// warnings on stderr.
[[nodiscard]] k::Caseload read_cases(const std::string& path, const std::optional<std::string>& format, bool& single,
                                     const std::string& command);

// --- output ----------------------------------------------------------------------------------

/// `text` on stdout, ending with a newline; an io_error when stdout cannot be written.
void write_out(const std::string& text);
/// `text` and a newline to the file `path`, named in errors as `option` (e.g. "--out").
void write_file(const std::string& path, const std::string& text, const std::string& option);

// --- options ---------------------------------------------------------------------------------

/// The flags most commands take: --compact, and --progress / --no-progress.
struct CommonFlags {
  bool compact = false;
  bool progress = false;
  bool no_progress = false;
  /// The JSON indent: -1 with --compact, else 2.
  [[nodiscard]] int indent() const { return compact ? -1 : 2; }
};
/// Adds --compact.
void add_compact(CLI::App& app, CommonFlags& flags);
/// Adds --progress and --no-progress.
void add_progress(CLI::App& app, CommonFlags& flags);
/// Adds --format FORMAT: the input's format (json, jsonl, csv) when FILE's extension does not say it.
void add_format(CLI::App& app, std::optional<std::string>& format);
/// Adds --output-format FORMAT (json, jsonl, csv; default json).
void add_output_format(CLI::App& app, std::optional<std::string>& format, const std::string& what);
/// Adds the positional FILE ('-' reads stdin); `what` describes the file.
CLI::Option* add_file(CLI::App& app, std::string& file, const std::string& what);

/// Progress of long work on stderr: shown when stderr is a terminal, never in a pipe or a log
/// (CI logs and redirected output stay clean); --progress or --no-progress overrides. Stage names
/// and counts only, never an id. On a terminal each stage rewrites one line.
[[nodiscard]] k::Progress progress_of(const CommonFlags& flags, const std::string& command);

/// The value of a date option ("--as-of"), std::nullopt when not given.
[[nodiscard]] std::optional<k::Date> date_value(const std::optional<std::string>& v, std::string_view option,
                                                const std::string& command);
/// The value of a required date option: "missing --as-of DATE" when not given.
[[nodiscard]] k::Date required_date(const std::optional<std::string>& v, std::string_view option,
                                    const std::string& command);
/// The value of a whole-number option from `min` to `max`, std::nullopt when not given.
[[nodiscard]] std::optional<std::uint64_t> number_value(const std::optional<std::string>& v, std::string_view option,
                                                        std::uint64_t min, std::uint64_t max,
                                                        const std::string& command);

/// The value of a format option ("--format": json, jsonl or ndjson, csv), std::nullopt when not given.
[[nodiscard]] std::optional<k::Format> format_value(const std::optional<std::string>& v, std::string_view option,
                                                    const std::string& command);

/// Adds an option taking a value kept as text (checked by the command with the functions above).
CLI::Option* add_value(CLI::App& app, const std::string& name, std::optional<std::string>& value,
                       const std::string& type, const std::string& description);

/// The alert thresholds of the commands that evaluate cases (evaluate, followups, demo), as given.
/// The source texts give no numbers, so no alert is on unless its option is given.
struct AlertFlags {
  std::optional<std::string> inactive_days;      ///< --inactive-days N
  std::optional<std::string> trin2_days;         ///< --trin2-days N
  std::optional<std::string> stagnation_months;  ///< --stagnation-months N
};
/// Adds --inactive-days, --trin2-days and --stagnation-months, each citing its source.
void add_alerts(CLI::App& app, AlertFlags& flags);
/// The thresholds as EvaluateOptions::alerts: each a whole number from 1 to kanten::max_alert_days
/// (max_alert_months for --stagnation-months), else a usage error naming the option.
[[nodiscard]] k::AlertOptions alert_options(const AlertFlags& flags, const std::string& command);

/// The worklist's filter and order (followups, demo), as given.
struct WorklistFlags {
  std::optional<std::string> jobformidler;  ///< --jobformidler ID
  bool group_by_jobformidler = false;       ///< --group-by-jobformidler
};
/// Adds --jobformidler and --group-by-jobformidler.
void add_worklist_flags(CLI::App& app, WorklistFlags& flags);
/// The flags as WorklistOptions; an empty or CPR-shaped --jobformidler is a usage error (a
/// CPR-shaped value is never echoed).
[[nodiscard]] k::WorklistOptions worklist_options(const WorklistFlags& flags, const std::string& command);

// --- the commands ----------------------------------------------------------------------------

/// A command's name for its usage errors ("evaluate", "bus plan").
[[nodiscard]] std::string command_name(const CLI::App& app);

// Each cmd_<name>.cpp registers its command on the program's app and runs it from the app's callback.
void add_evaluate(CLI::App& app);
void add_followups(CLI::App& app);
void add_sanction(CLI::App& app);
void add_model(CLI::App& app);
void add_generate(CLI::App& app);
void add_demo(CLI::App& app);
void add_match(CLI::App& app);
/// `match FILE --serve` (cmd_serve.cpp): a matcher index over `market` answering the JSON lines of
/// stdin, one JSON line each on stdout, until the end of stdin.
void serve_matcher(const k::Market& market, const k::MatchWeights& weights);
void add_generate_market(CLI::App& app);
void add_bus(CLI::App& app);
void add_training(CLI::App& app);
void add_evaluate_programme(CLI::App& app);
void add_solve(CLI::App& app);

// --- text reports (demo, evaluate-programme) ---------------------------------------------------

using k::Tally;
/// "12.5 %" (one decimal); "" when `of` is 0.
[[nodiscard]] std::string percent(std::size_t n, std::size_t of);
/// A share as "12.5 %", "-" when there is none.
[[nodiscard]] std::string share_text(const std::optional<double>& s);
/// One row of a text report: the label in 44 columns, the count in 7, then `extra`.
void print_row(std::ostream& o, const std::string& label, std::size_t n, const std::string& extra = "");
/// A tally's rows, in kanten::by_count() order; `none` when it is empty.
void print_tally(std::ostream& o, const Tally& t, const std::string& none = "(none)");

// --- help ------------------------------------------------------------------------------------

/// The help text's layout: "usage: kanten COMMAND ..." made from the command's positionals and
/// options (required ones plain, the others in brackets), its description, then each option with
/// its description, and each subcommand with its synopsis.
class HelpFormatter : public CLI::Formatter {
 public:
  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override;
};

/// The synopsis of a command: its positionals and options, e.g. "FILE --as-of DATE [--explain]".
/// With `short_form`, only the positionals and required options, then "[options]" if it has others.
[[nodiscard]] std::string synopsis(const CLI::App& app, bool short_form);

/// "missing --as-of DATE" for the first required option or positional of the parsed commands that
/// was not given (CLI11 found one missing); "" when there is none.
[[nodiscard]] std::string missing_required(const CLI::App& app);

}  // namespace cli
