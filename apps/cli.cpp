// apps/cli.cpp — what the commands share (cli.hpp).
#include "cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace cli {

k::ReadOptions read_options;

// --- input -----------------------------------------------------------------------------------

std::string read_input(const std::string& path) {
  if (path == "-") return k::read_stream(std::cin, "stdin", read_options.max_bytes);
  return k::read_file(path, read_options.max_bytes);
}

void report_warnings(const std::vector<k::InputWarning>& warnings) {
  for (const auto& w : warnings) std::cerr << "kanten: warning: field '" << w.field << "': " << w.message << "\n";
}

k::CaseReader case_reader(const std::string& path, const std::optional<std::string>& format, const std::string& command) {
  return k::CaseReader(path, format_value(format, "--format", command), read_options);
}

k::Caseload read_cases(const std::string& path, const std::optional<std::string>& format, bool& single,
                       const std::string& command) {
  k::CaseReader reader = case_reader(path, format, command);
  k::Caseload load;
  k::Case c;
  while (reader.next(c)) load.cases.push_back(std::move(c));
  load.warnings = reader.warnings();
  single = reader.single();
  report_warnings(load.warnings);
  for (const auto& c : load.cases) report_warnings(c.warnings);
  return load;
}

// --- output ----------------------------------------------------------------------------------

void write_out(const std::string& text) {
  std::cout << text;
  if (text.empty() || text.back() != '\n') std::cout << '\n';
  std::cout.flush();
  if (!std::cout) throw k::Error(k::Errc::io_error, "stdout", "", "cannot be written");
}

void write_file(const std::string& path, const std::string& text, const std::string& option) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  if (!f)
    throw k::Error(k::Errc::io_error, option, path,
                   std::string("cannot be opened for writing: ") + std::strerror(errno));
  f << text << '\n';
  f.close();
  if (!f) throw k::Error(k::Errc::io_error, option, path, std::string("cannot be written: ") + std::strerror(errno));
}

// --- options ---------------------------------------------------------------------------------

void add_compact(CLI::App& app, CommonFlags& flags) { app.add_flag("--compact", flags.compact, "JSON on one line"); }

void add_progress(CLI::App& app, CommonFlags& flags) {
  app.add_flag("--progress", flags.progress, "progress on stderr even when it is not a terminal");
  app.add_flag("--no-progress", flags.no_progress, "no progress on stderr even when it is a terminal");
}

void add_format(CLI::App& app, std::optional<std::string>& format) {
  app.add_option("--format", format,
                 "FILE's format: json (a case, {\"cases\": [...]} or an array), jsonl (one case per line), csv (the "
                 "event table, docs/csv-format.md); default: from the extension (.json, .jsonl, .ndjson, .csv), else json")
      ->type_name("FORMAT");
}

void add_output_format(CLI::App& app, std::optional<std::string>& format, const std::string& what) {
  app.add_option("--output-format", format, what)->type_name("FORMAT");
}

CLI::Option* add_file(CLI::App& app, std::string& file, const std::string& what) {
  return app.add_option("FILE", file, what + " ('-' reads stdin)")->required();
}

CLI::Option* add_value(CLI::App& app, const std::string& name, std::optional<std::string>& value,
                       const std::string& type, const std::string& description) {
  return app.add_option(name, value, description)->type_name(type);
}

k::Progress progress_of(const CommonFlags& flags, const std::string& command) {
  if (flags.progress && flags.no_progress) throw UsageError("--progress and --no-progress exclude each other", command);
  const bool terminal = isatty(STDERR_FILENO) == 1;
  if (!(flags.progress || (terminal && !flags.no_progress))) return {};
  return [terminal](std::string_view stage, std::size_t done, std::size_t total) {
    if (terminal) std::cerr << "\r\033[K";
    std::cerr << "kanten: " << stage << ' ' << done;  // a stream's total is not known: its count alone
    if (total > 0) std::cerr << '/' << total << " (" << done * 100 / total << " %)";
    if (!terminal || done == total) std::cerr << '\n';
    std::cerr.flush();
  };
}

std::optional<k::Date> date_value(const std::optional<std::string>& v, std::string_view option,
                                  const std::string& command) {
  if (!v) return std::nullopt;
  auto d = k::parse_date(*v);
  if (!d)
    throw UsageError("option '" + std::string(option) + "': value '" + *v + "': not a valid date YYYY-MM-DD", command);
  return d;
}

k::Date required_date(const std::optional<std::string>& v, std::string_view option, const std::string& command) {
  auto d = date_value(v, option, command);
  if (!d) throw UsageError("missing " + std::string(option) + " DATE", command);
  return *d;
}

std::optional<std::uint64_t> number_value(const std::optional<std::string>& v, std::string_view option,
                                          std::uint64_t min, std::uint64_t max, const std::string& command) {
  if (!v) return std::nullopt;
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || p != v->data() + v->size() || n < min || n > max)
    throw UsageError("option '" + std::string(option) + "': value '" + *v + "': not a whole number from " +
                         std::to_string(min) + " to " + std::to_string(max),
                     command);
  return n;
}

std::optional<k::Format> format_value(const std::optional<std::string>& v, std::string_view option,
                                      const std::string& command) {
  if (!v) return std::nullopt;
  try {
    return k::parse_format(*v, std::string(option));
  } catch (const k::Error&) {
    throw UsageError("option '" + std::string(option) + "': value '" + *v + "': expected json, jsonl (or ndjson) or csv",
                     command);
  }
}

void add_alerts(CLI::App& app, AlertFlags& flags) {
  add_value(app, "--inactive-days", flags.inactive_days, "N",
            "alert when a citizen in Trin 1-3 has had no contact or other activity (hours\n"
            "worked, an attended bus trip, a training-track start) for over N days\n"
            "(004, Kerneelement 5: \"opsøgende i tilfælde af inaktivitet\"; no default)");
  add_value(app, "--trin2-days", flags.trin2_days, "N",
            "alert when a citizen has been in Trin 2 for more than N days\n"
            "(004, Trin 2: \"hurtigst muligt matches med en virksomhed\"; no default)");
  add_value(app, "--stagnation-months", flags.stagnation_months, "N",
            "alert when in Trin 3 the agreed ordinary hours have not risen for N months\n"
            "(004, Kerneelement 9: \"genforhandles … flere ordinære timer\"; no default)");
}

k::AlertOptions alert_options(const AlertFlags& flags, const std::string& command) {
  k::AlertOptions a;
  auto value = [&](const std::optional<std::string>& v, std::string_view option, int most) -> std::optional<int> {
    if (auto n = number_value(v, option, 1, static_cast<std::uint64_t>(most), command)) return static_cast<int>(*n);
    return std::nullopt;
  };
  a.inactive_days = value(flags.inactive_days, "--inactive-days", k::max_alert_days);
  a.trin2_days = value(flags.trin2_days, "--trin2-days", k::max_alert_days);
  a.stagnation_months = value(flags.stagnation_months, "--stagnation-months", k::max_alert_months);
  // The library's own check, so the program and the library never disagree on the range.
  try {
    k::check_alert_options(a);
  } catch (const k::Error& e) {
    throw UsageError(e.what(), command);
  }
  return a;
}

void add_worklist_flags(CLI::App& app, WorklistFlags& flags) {
  add_value(app, "--jobformidler", flags.jobformidler, "ID",
            "only the citizens whose current jobformidler is ID\n"
            "(004, Kerneelement 5: \"den samme jobformidler over tid\")");
  app.add_flag("--group-by-jobformidler", flags.group_by_jobformidler,
               "order the worklist by jobformidler first (citizens without one last)");
}

k::WorklistOptions worklist_options(const WorklistFlags& flags, const std::string& command) {
  k::WorklistOptions w;
  if (flags.jobformidler) {
    const std::string& id = *flags.jobformidler;
    if (id.empty()) throw UsageError("option '--jobformidler': needs an id", command);
    if (k::looks_like_cpr(id))
      throw UsageError("option '--jobformidler': the value is shaped like a CPR number (not shown); ids are opaque",
                       command);
    w.jobformidler = id;
  }
  w.group_by_jobformidler = flags.group_by_jobformidler;
  return w;
}

std::string command_name(const CLI::App& app) {
  std::string name;
  for (const CLI::App* a = &app; a && a->get_parent(); a = a->get_parent())
    name = name.empty() ? a->get_name() : a->get_name() + " " + name;
  return name;
}

// --- text reports ----------------------------------------------------------------------------

std::string percent(std::size_t n, std::size_t of) {
  if (of == 0) return "";
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << (100.0 * static_cast<double>(n) / static_cast<double>(of)) << " %";
  return s.str();
}

std::string share_text(const std::optional<double>& s) {
  if (!s) return "-";
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << 100.0 * *s << " %";
  return o.str();
}

void print_row(std::ostream& o, const std::string& label, std::size_t n, const std::string& extra) {
  o << "  " << std::left << std::setw(44) << label << std::right << std::setw(7) << n;
  if (!extra.empty()) o << "   " << extra;
  o << '\n';
}

void print_tally(std::ostream& o, const Tally& t, const std::string& none) {
  if (t.empty()) o << "  " << none << '\n';
  for (const auto& [name, n] : k::by_count(t)) print_row(o, name, n);
}

// --- help ------------------------------------------------------------------------------------

namespace {

bool is_flag(const CLI::Option* o) { return o->get_type_name().empty(); }

/// "--as-of DATE", "--compact", "FILE".
std::string shown(const CLI::Option* o) {
  if (o->get_positional()) return o->get_name();
  std::string s = o->get_name();
  if (!is_flag(o)) s += " " + o->get_type_name();
  return s;
}

/// The options of `app` in definition order: positionals first; the help flag only for the program.
std::vector<const CLI::Option*> listed(const CLI::App& app, bool with_help = false) {
  std::vector<const CLI::Option*> out;
  for (const auto* o : app.get_options([](const CLI::Option* o) { return o->get_positional(); })) out.push_back(o);
  for (const auto* o : app.get_options([&](const CLI::Option* o) { return !o->get_positional(); }))
    if (o != app.get_help_ptr() || with_help) out.push_back(o);
  return out;
}

/// `words` after `lead`, wrapped before column `width` with the lines after the first indented
/// to line up after `lead`.
std::string wrapped(const std::string& lead, const std::string& words, std::size_t width) {
  std::string out = lead, line = lead;
  std::size_t i = 0;
  while (i < words.size()) {
    // A bracketed part ("[--mode assignment|stable|top-k]") is one word.
    std::size_t end = words[i] == '[' ? words.find(']', i) + 1 : words.find(' ', i);
    if (end == std::string::npos || end > words.size()) end = words.size();
    const std::string word = words.substr(i, end - i);
    if (line.size() > lead.size() && line.size() + 1 + word.size() > width) {
      out += "\n" + std::string(lead.size(), ' ');
      line = std::string(lead.size(), ' ');
    } else if (line.size() > lead.size()) {
      out += ' ';
      line += ' ';
    }
    out += word;
    line += word;
    i = end;
    while (i < words.size() && words[i] == ' ') ++i;
  }
  return out;
}

std::vector<const CLI::App*> subcommands_of(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App*) { return true; });
}

/// Two columns: `left` indented by 2, then `text` at column `width` (on the next line when `left`
/// is wider); each further line of `text` at the same column.
void two_columns(std::ostream& o, const std::string& left, const std::string& text, std::size_t width) {
  o << "  " << left;
  std::size_t col = left.size() + 2;
  if (text.empty()) {
    o << '\n';
    return;
  }
  std::istringstream lines(text);
  std::string line;
  bool first = true;
  while (std::getline(lines, line)) {
    if (first && col + 2 > width) {
      o << '\n';
      col = 0;
    }
    if (!first) col = 0;
    o << std::string(width - col, ' ') << line << '\n';
    first = false;
  }
}

/// The first line of a command's description: what the program's help lists it with.
std::string summary(const CLI::App& app) {
  const std::string d = app.get_description();
  return d.substr(0, d.find('\n'));
}

}  // namespace

std::string synopsis(const CLI::App& app, bool short_form) {
  std::string s;
  bool more = false;
  auto add = [&](const std::string& part) { s += (s.empty() ? "" : " ") + part; };
  if (!subcommands_of(app).empty()) add("<command>");
  for (const auto* o : listed(app)) {
    if (o->get_required())
      add(shown(o));
    else if (short_form)
      more = true;
    else
      add("[" + shown(o) + "]");
  }
  if (more) add("[options]");
  return s;
}

std::string HelpFormatter::make_help(const CLI::App* app, std::string name, CLI::AppFormatMode) const {
  std::ostringstream o;
  o << wrapped("usage: " + name + " ", synopsis(*app, app->get_parent() == nullptr), 100) << "\n\n";
  if (!app->get_description().empty()) o << app->get_description() << "\n\n";

  const auto subs = subcommands_of(*app);
  if (!subs.empty()) {
    o << "commands:\n";
    for (const auto* sub : subs) {
      const auto nested = subcommands_of(*sub);
      if (nested.empty()) {
        two_columns(o, sub->get_name() + " " + synopsis(*sub, true), summary(*sub), 34);
        continue;
      }
      for (const auto* n : nested)
        two_columns(o, sub->get_name() + " " + n->get_name() + " " + synopsis(*n, true), summary(*n), 34);
    }
    o << '\n';
  }

  const bool program = app->get_parent() == nullptr;
  const auto opts = listed(*app, program);
  if (!opts.empty()) {
    std::size_t width = 0;
    for (const auto* x : opts) width = std::max(width, shown(x).size());
    width = std::min<std::size_t>(width + 6, 34);
    if (!subs.empty()) o << "options:\n";
    for (const auto* x : opts) two_columns(o, shown(x), x->get_description(), width);
  }
  if (program && !app->get_footer().empty()) o << '\n' << app->get_footer() << '\n';
  return o.str();
}

std::string missing_required(const CLI::App& app) {
  for (const CLI::App* a = &app; a;) {
    for (const auto* o : listed(*a))
      if (o->get_required() && o->count() == 0) return "missing " + shown(o);
    const auto parsed = a->get_subcommands();
    a = parsed.empty() ? nullptr : parsed.front();
  }
  return "";
}

}  // namespace cli
