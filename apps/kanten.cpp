// kanten — the command-line program: evaluate cases, list follow-ups, answer sanction questions,
// draw the step model, generate and evaluate a synthetic caseload, match citizens to company
// tasks and generate a synthetic labour market.
//
// Exit codes: 0 success, 1 bad input (unreadable file, invalid JSON, a field of the wrong type
// or value), 2 usage error (unknown command or option, missing or malformed argument).
// Errors go to stderr as "kanten: error: ..." naming the field and the value at fault.
#include <kanten/kanten.hpp>
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <cstdint>
#include <exception>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>

namespace {

using ojson = nlohmann::ordered_json;
namespace k = kanten;

// ---------------------------------------------------------------------------------------------
// Usage and arguments
// ---------------------------------------------------------------------------------------------

/// A mistake on the command line: exit code 2.
struct UsageError : std::runtime_error {
  UsageError(const std::string& message, std::string for_command)
      : std::runtime_error(message), command(std::move(for_command)) {}
  std::string command;  ///< the command whose --help to point at ("" for the program)
};

constexpr const char* usage_main = R"(usage: kanten <command> [options]

The indsatsmodel's step model for job centres (004_3897fdd271fa8a38.txt), and the matching
of citizens to company tasks (docs/matching.md).

commands:
  evaluate FILE --as-of DATE      evaluate a case or a caseload (JSON on stdout)
  followups FILE --as-of DATE     the monthly follow-up worklist of a caseload
  sanction FILE                   answer a sanction question
  model [--dot]                   the step model: transition table (JSON) or Graphviz DOT
  generate [--citizens N] [--seed S]
                                  a synthetic caseload (JSON on stdout)
  demo [--citizens N] [--seed S] [--as-of DATE] [--out FILE]
                                  generate, evaluate and summarise a Lolland-Falster-sized sample
  match FILE [--mode assignment|stable|top-k] [--citizen ID] [--task ID]
                                  match a market's citizens to company tasks, explained
  generate-market [--citizens N] [--companies N] [--seed S] [--region R]
                                  a synthetic labour market (JSON on stdout)
  bus plan FILE [--model 1|2]     plan bus trips to companies for referred citizens (002)
  bus cost --participants N       what one bus trip costs, as ranges (002)
  bus attendance FILE --group G --trip T --date DATE --present IDS
                                  who came, who is invited next, the visits made (002)
  training plan FILE [--start DATE]
                                  place citizens on 13-week social training tracks (001)
  training route [--close-to-ordinary-job] [--close-to-special-terms-job]
                                  internship or training track, and why (001)
  evaluate-programme FILE [--as-of DATE] [--json OUT]
                                  a caseload's programme figures: funnel, shares, retention, curves

options:
  --help       help for the program or, after a command, for the command
  --version    the version of kanten and of its rule set
  --strict     with any command that reads a file: an unknown field is an error, not a warning
  --max-input-bytes N
               refuse input larger than N bytes (default 2147483648)

Run 'kanten <command> --help' for a command's options. FILE may be '-' for stdin.
evaluate, followups, generate, demo, match and generate-market show progress on stderr when it
is a terminal (never in a pipe or a log); --progress or --no-progress overrides.
Dates are ISO "YYYY-MM-DD". Exit codes: 0 success, 1 bad input, 2 usage error.
)";

const std::map<std::string, std::string, std::less<>> usage_commands{
    {"evaluate", R"(usage: kanten evaluate FILE --as-of DATE [--daily-rate ORE] [--explain] [--compact] [--[no-]progress]

Evaluates the case or caseload in FILE as of the end of DATE: target group, step, history,
what is missing, hours, follow-up, sanction answers, violations and events not applied, each
with its source. A case gives one evaluation object; a caseload ({"cases": [...]} or an array)
gives {"evaluations": [...]}.

  --as-of DATE        evaluate as of this date (required)
  --daily-rate ORE    the daily benefit rate in øre, to state sanction deductions
  --explain           English text instead of JSON
  --compact           JSON on one line
  --progress          progress on stderr even when it is not a terminal
  --no-progress       no progress on stderr even when it is a terminal
)"},
    {"followups", R"(usage: kanten followups FILE --as-of DATE [--compact] [--[no-]progress]

The monthly follow-up worklist (004_3897fdd271fa8a38.txt, Kerneelement 7): every citizen in
FILE (a caseload or a case) whose month of DATE needs a contact between jobformidler and citizen
and has none yet, soonest deadline first.

  --as-of DATE    the date (required)
  --compact       JSON on one line
  --progress      progress on stderr even when it is not a terminal
  --no-progress   no progress on stderr even when it is a terminal
)"},
    {"sanction", R"(usage: kanten sanction FILE [--compact]

Answers the sanction question in FILE: {"case": {...}, "failure_id": "F1", "as_of": "DATE",
"daily_rate": 49100}. The case is evaluated as of "as_of"; the answer is for the failure named
by "failure_id", or for the latest failure when none is named: eligible, not_eligible or
undecided, with every reason, what must happen first, and the sources.

  --compact    JSON on one line
)"},
    {"model", R"(usage: kanten model [--dot] [--compact]

The step model: the transition table as JSON, or with --dot a Graphviz DOT digraph
(e.g. 'kanten model --dot | dot -Tsvg > model.svg').

  --dot        Graphviz DOT instead of JSON
  --compact    JSON on one line
)"},
    {"generate", R"(usage: kanten generate [--citizens N] [--seed S] [--compact] [--[no-]progress]

A deterministic synthetic caseload sized like Lolland-Falster (003_b82c162ee9c6e810.txt),
as JSON on stdout.

  --citizens N    number of citizens (default 850)
  --seed S        seed of the generator (default 2018)
  --compact       JSON on one line
  --progress      progress on stderr even when it is not a terminal
  --no-progress   no progress on stderr even when it is a terminal
)"},
    {"demo", R"(usage: kanten demo [--citizens N] [--seed S] [--as-of DATE] [--out FILE] [--compact]
                  [--[no-]progress]

Generates the synthetic caseload and its market, evaluates every case as of DATE, prints a
summary (citizens per step, exits, target group, events not applied, violations, follow-up
breaches and this month's worklist, sanction answers and what undecided ones wait for, and a
proposed matching for everyone in Trin 2 with the reasons for each match) and writes the full
report as JSON to FILE.

  --citizens N    number of citizens (default 850)
  --seed S        seed of the generator (default 2018)
  --as-of DATE    evaluate as of this date (default: the 15th of the period's 12th month)
  --out FILE      where to write the report (default kanten-report.json)
  --compact       report JSON on one line
  --progress      progress on stderr even when it is not a terminal
  --no-progress   no progress on stderr even when it is a terminal
)"},
    {"match", R"(usage: kanten match FILE [--mode assignment|stable|top-k] [--k N] [--per-company N]
                  [--weights FILE] [--citizen ID] [--task ID] [--threads N] [--compact]
                  [--[no-]progress]

Matches the citizens of the market in FILE ({"citizens": [...], "companies": [...],
"tasks": [...]}) to company tasks: hard filters, then explainable scores, then a proposal.
Every match carries its score feature by feature, why it fits and what stands in the way.

  --mode M          assignment: the maximum total score, each citizen at most one task, no
                    task or company overfilled (default); stable: citizen-proposing deferred
                    acceptance, no citizen and company both rather have each other; top-k:
                    each citizen's best k tasks
  --k N             top-k, --citizen, --task: how many (default 5)
  --per-company N   top-k, --citizen: at most N tasks of one company (default 1)
  --weights FILE    the score's weights (JSON, with a version of their own; default the
                    documented weights)
  --citizen ID      only this citizen's best k tasks
  --task ID         only this task's best k citizens; with --citizen, that one pair explained:
                    every hard filter that rejects it, or its score, reasons and concerns
  --threads N       threads for the candidate search and the assignment's independent parts
                    (default 1; 0: one per hardware thread); the proposal is the same for any N
  --compact         JSON on one line
  --progress        progress on stderr even when it is not a terminal
  --no-progress     no progress on stderr even when it is a terminal
)"},
    {"generate-market", R"(usage: kanten generate-market [--citizens N] [--companies N] [--seed S]
                            [--region lolland-falster|denmark] [--compact] [--[no-]progress]

A deterministic synthetic labour market, as JSON on stdout (readable by 'kanten match'):
citizens, companies and their tasks, placed around real towns. Sized like Lolland-Falster by
default (003_b82c162ee9c6e810.txt: 850 citizens, 400 companies).

  --citizens N     number of citizens (default 850)
  --companies N    number of companies (default 400; about 2.5 tasks each)
  --seed S         seed of the generator (default 2018)
  --region R       lolland-falster (default) or denmark (the larger towns of all Denmark)
  --compact        JSON on one line
  --progress       progress on stderr even when it is not a terminal
  --no-progress    no progress on stderr even when it is a terminal
)"},
    {"bus", R"(usage: kanten bus plan FILE [--model 1|2] [--max-groups N] [--staff-rate DKK] [--compact]
       kanten bus cost --participants N [--staff-rate DKK] [--compact]
       kanten bus attendance FILE --group G --trip T --date DATE --present ID,ID,... [--model 1|2]

Bus trips to companies for citizens on the edge of the labour market (002_35b99bd4972212c9.txt).

plan: FILE is a market ({"citizens", "companies", "tasks"}) with the referred citizens
("referrals": [{"citizen": ID, "activity_ready": true, "age": 34, "vocational_education": false,
"exempt_from_activity": false, "caseworker_finds_it_helps": false}]) and optional settings
("bus": {"model", "max_groups", "staff_dkk_per_hour", "invite_first": [ID...]}); see
docs/bus-and-training.md. Prints the plan as JSON: each referral's eligibility (§6.3, §6.5, exempt
citizens referred under Model 1) with its source, the groups and their trips, the companies
visited and why they were chosen, each participant's best-fitting visit, the cost of each
trip, and every referral left out with its reason.

  --model M          1 = model-1-guldborgsund: 6-12 citizens, two visits, one company with
                     inclusion experience, 08:30-13:00 (default); 2 = model-2-lolland: 12-15
                     citizens, two trips of one visit in the 13-week job club, 13:00-16:00
  --max-groups N     plan at most N groups (default: as many as the referrals need)
  --staff-rate DKK   price staff time at DKK per hour in the cost
  --participants N   cost: the number of citizens on the trip
  --group, --trip    attendance: which trip of the plan made from FILE (numbered from 0)
  --date DATE        attendance: the trip's date
  --present IDS      attendance: the citizens who came, comma-separated; prints who came, who
                     is invited to the next trip (attendance is compulsory, 002), the company
                     visits made (the relation the matcher weighs) and ids that were not
                     participants (reported, not applied)
  --compact          JSON on one line
)"},
    {"training", R"(usage: kanten training plan FILE [--start DATE] [--compact]
       kanten training route [--close-to-ordinary-job] [--close-to-special-terms-job] [--compact]

Social training tracks at workplaces (001_8429fb4aa12981cf.txt).

plan: FILE is a market ({"citizens", "companies", "tasks"}) with optional
"training": {"start": DATE, "requests": [{"citizen": ID, "weeks": 13}], "ongoing": [tracks]}
(all citizens of the market when no requests are given); see docs/bus-and-training.md. Places the
citizens on tracks by the matcher's optimal assignment, each workplace taking no more citizens
than it has mentor-trained contact persons free; prints the tracks (13 weeks unless fitted,
hours fitted to the citizen, the company-facing view), who could not be placed and why, and
the mentor load.

route: internship for a citizen close to an ordinary job or a job on special terms, the
training track for the others, with the reason and its source.

  --start DATE                   plan: the tracks' first day (overrides the file's)
  --close-to-ordinary-job        route: the caseworker finds the citizen close to an ordinary job
  --close-to-special-terms-job   route: … or to a job on special terms
  --compact                      JSON on one line
)"},
    {"evaluate-programme", R"(usage: kanten evaluate-programme FILE [--as-of DATE] [--json OUT] [--compact]

The evaluation figures of a caseload (docs/programme.md): the funnel through the steps, the
share with paid hours (003_b82c162ee9c6e810.txt reports about 15 % at the midterm), retention
3, 6 and 12 months after entering Trin 3, and the Kaplan–Meier medians of the time from entry
to the first paid hour and to the exit. A summary in text on stdout.

  --as-of DATE    evaluate as of this date (default: the latest event date in FILE)
  --json OUT      also write every figure as JSON to OUT (curves, citizens per step by month);
                  '-' writes the JSON to stdout instead of the summary
  --compact       JSON on one line
)"},
};

/// A command's arguments: positionals, options with values, and flags.
struct Args {
  std::string command;
  std::vector<std::string> positional;
  std::map<std::string, std::string, std::less<>> values;
  std::set<std::string, std::less<>> flags;

  [[nodiscard]] bool flag(std::string_view f) const { return flags.count(f) > 0; }
  [[nodiscard]] const std::string* value(std::string_view o) const {
    auto it = values.find(o);
    return it == values.end() ? nullptr : &it->second;
  }
};

/// Parses `argv` for `command`: `valued` options take a value ("--opt V" or "--opt=V"),
/// `flag_names` do not; at most `max_positional` positionals.
Args parse_args(const std::string& command, const std::vector<std::string>& argv,
                std::initializer_list<std::string_view> valued, std::initializer_list<std::string_view> flag_names,
                std::size_t max_positional) {
  Args a;
  a.command = command;
  auto is = [](std::initializer_list<std::string_view> l, std::string_view s) {
    return std::find(l.begin(), l.end(), s) != l.end();
  };
  for (std::size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (arg.size() > 2 && arg.rfind("--", 0) == 0) {
      std::string opt = arg, val;
      bool has_val = false;
      if (auto eq = arg.find('='); eq != std::string::npos) {
        opt = arg.substr(0, eq);
        val = arg.substr(eq + 1);
        has_val = true;
      }
      if (is(flag_names, opt)) {
        if (has_val) throw UsageError("option '" + opt + "' takes no value", command);
        a.flags.insert(opt);
      } else if (is(valued, opt)) {
        if (!has_val) {
          if (i + 1 >= argv.size()) throw UsageError("option '" + opt + "' needs a value", command);
          val = argv[++i];
        }
        if (a.values.count(opt)) throw UsageError("option '" + opt + "' given twice", command);
        a.values[opt] = val;
      } else {
        throw UsageError("unknown option '" + opt + "'", command);
      }
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      throw UsageError("unknown option '" + arg + "'", command);
    } else {
      if (a.positional.size() >= max_positional) throw UsageError("unexpected argument '" + arg + "'", command);
      a.positional.push_back(arg);
    }
  }
  return a;
}

/// The FILE argument.
const std::string& file_arg(const Args& a) {
  if (a.positional.empty()) throw UsageError("missing FILE", a.command);
  return a.positional.front();
}

/// A date option ("--as-of"): required or optional.
std::optional<k::Date> date_option(const Args& a, std::string_view opt, bool required) {
  const std::string* v = a.value(opt);
  if (!v) {
    if (required) throw UsageError("missing " + std::string(opt) + " DATE", a.command);
    return std::nullopt;
  }
  auto d = k::parse_date(*v);
  if (!d) throw UsageError("option '" + std::string(opt) + "': value '" + *v + "': not a valid date YYYY-MM-DD", a.command);
  return d;
}

/// A non-negative integer option, at most `max`.
std::optional<std::uint64_t> number_option(const Args& a, std::string_view opt, std::uint64_t max) {
  const std::string* v = a.value(opt);
  if (!v) return std::nullopt;
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || p != v->data() + v->size() || n > max)
    throw UsageError("option '" + std::string(opt) + "': value '" + *v + "': not a whole number from 0 to " +
                         std::to_string(max),
                     a.command);
  return n;
}

int indent_of(const Args& a) { return a.flag("--compact") ? -1 : 2; }

/// Progress of long work on stderr: shown when stderr is a terminal, never in a pipe or a log
/// (CI logs and redirected output stay clean); --progress or --no-progress overrides. Stage names
/// and counts only, never an id. On a terminal each stage rewrites one line.
k::Progress progress_of(const Args& a) {
  if (a.flag("--progress") && a.flag("--no-progress"))
    throw UsageError("--progress and --no-progress exclude each other", a.command);
  const bool terminal = isatty(STDERR_FILENO) == 1;
  if (!(a.flag("--progress") || (terminal && !a.flag("--no-progress")))) return {};
  return [terminal](std::string_view stage, std::size_t done, std::size_t total) {
    if (terminal) std::cerr << "\r\033[K";
    std::cerr << "kanten: " << stage << ' ' << done << '/' << total;
    if (total > 0) std::cerr << " (" << done * 100 / total << " %)";
    if (!terminal || done == total) std::cerr << '\n';
    std::cerr.flush();
  };
}

// ---------------------------------------------------------------------------------------------
// Input
// ---------------------------------------------------------------------------------------------

/// How every command reads its input: --strict and --max-input-bytes (taken before the command's
/// own options, see run()).
k::ReadOptions read_options;

/// The text of FILE ('-' reads stdin), within --max-input-bytes and stopping at a NUL byte.
std::string read_input(const std::string& path) {
  if (path == "-") return k::read_stream(std::cin, "stdin", read_options.max_bytes);
  return k::read_file(path, read_options.max_bytes);
}

/// Each input warning on stderr: the field and what was not used (never a value).
void report_warnings(const std::vector<k::InputWarning>& warnings) {
  for (const auto& w : warnings) std::cerr << "kanten: warning: field '" << w.field << "': " << w.message << "\n";
}

/// A caseload from the text of a case or a caseload; `single` tells which it was.
k::Caseload read_cases(const std::string& text, bool& single) {
  k::Caseload load = k::cases_from_json(text, single, read_options);
  report_warnings(load.warnings);
  for (const auto& c : load.cases) report_warnings(c.warnings);
  return load;
}

void write_out(const std::string& text) {
  std::cout << text;
  if (text.empty() || text.back() != '\n') std::cout << '\n';
  std::cout.flush();
  if (!std::cout) throw k::Error(k::Errc::io_error, "stdout", "", "cannot be written");
}

ojson parse_ojson(const std::string& text) { return ojson::parse(text); }

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

int cmd_evaluate(const std::vector<std::string>& argv) {
  Args a = parse_args("evaluate", argv, {"--as-of", "--daily-rate"},
                      {"--explain", "--compact", "--progress", "--no-progress"}, 1);
  const std::string& file = file_arg(a);
  k::EvaluateOptions opts;
  opts.as_of = *date_option(a, "--as-of", true);
  if (auto r = number_option(a, "--daily-rate", k::max_daily_rate)) opts.daily_rate = static_cast<std::int64_t>(*r);
  opts.progress = progress_of(a);

  bool single = false;
  const k::Caseload load = read_cases(read_input(file), single);
  const auto evaluations = k::evaluate_all(load, opts);
  if (a.flag("--explain")) {
    std::string out;
    for (std::size_t i = 0; i < evaluations.size(); ++i) {
      if (i) out += "\n";
      out += k::explain(evaluations[i]);
    }
    write_out(out);
  } else if (single) {
    write_out(k::to_json(evaluations.front(), indent_of(a)));
  } else {
    write_out(k::to_json(evaluations, indent_of(a)));
  }
  return 0;
}

int cmd_followups(const std::vector<std::string>& argv) {
  Args a = parse_args("followups", argv, {"--as-of"}, {"--compact", "--progress", "--no-progress"}, 1);
  const std::string& file = file_arg(a);
  k::EvaluateOptions opts;
  opts.as_of = *date_option(a, "--as-of", true);
  opts.progress = progress_of(a);
  bool single = false;
  const k::Caseload load = read_cases(read_input(file), single);
  write_out(k::to_json(k::followup_worklist(k::evaluate_all(load, opts)), opts.as_of, indent_of(a)));
  return 0;
}

int cmd_sanction(const std::vector<std::string>& argv) {
  Args a = parse_args("sanction", argv, {}, {"--compact"}, 1);
  const auto q = k::sanction_question_from_json(read_input(file_arg(a)), read_options);
  report_warnings(q.warnings);
  report_warnings(q.case_data.warnings);
  k::EvaluateOptions opts;
  opts.as_of = q.as_of;
  opts.daily_rate = q.daily_rate;
  const k::Evaluation e = k::evaluate(q.case_data, opts);

  const k::SanctionAnswer* answer = nullptr;
  for (const auto& s : e.sanctions) {
    if (q.failure_id.empty()) {
      // The latest failure: the latest date; of one date, the last answer.
      if (!answer || !(s.failure_date < answer->failure_date)) answer = &s;
    } else if (s.failure_id == q.failure_id) {
      answer = &s;
    }
  }
  if (!answer) {
    if (q.failure_id.empty())
      throw k::Error(k::Errc::invalid_input, "case.events", "",
                     "the case records no sanction failure on or before as_of " + k::iso(q.as_of));
    throw k::Error(k::Errc::invalid_input, "failure_id", q.failure_id,
                   "the case records no sanction failure with this id on or before as_of " + k::iso(q.as_of));
  }
  ojson out;
  out["citizen"] = e.citizen;
  out["as_of"] = k::iso(e.as_of);
  out["rule_set"] = e.rule_set;
  out["step"] = std::string(k::name(e.step));
  out["answer"] = parse_ojson(k::to_json(*answer));
  write_out(out.dump(indent_of(a)));
  return 0;
}

int cmd_model(const std::vector<std::string>& argv) {
  Args a = parse_args("model", argv, {}, {"--dot", "--compact"}, 0);
  if (a.flag("--dot")) {
    write_out(k::to_dot());
    return 0;
  }
  ojson out;
  out["rule_set"] = k::default_rules().version;
  ojson steps = ojson::array();
  for (std::size_t i = 0; i < k::step_count; ++i) {
    const auto s = static_cast<k::Step>(i);
    ojson sj;
    sj["name"] = std::string(k::name(s));
    sj["label"] = std::string(k::label(s));
    sj["exit"] = k::is_exit(s);
    steps.push_back(std::move(sj));
  }
  out["steps"] = std::move(steps);
  ojson conditions = ojson::array();
  for (std::size_t i = 0; i < k::condition_count; ++i)
    conditions.push_back(std::string(k::name(static_cast<k::Condition>(i))));
  out["conditions"] = std::move(conditions);
  ojson rows = ojson::array();
  for (const auto& t : k::transitions) {
    ojson tj;
    tj["from"] = std::string(k::name(t.from));
    tj["condition"] = std::string(k::name(t.condition));
    tj["to"] = std::string(k::name(t.to));
    tj["rule"] = std::string(t.rule);
    tj["description"] = std::string(t.description);
    ojson src;
    src["seed"] = std::string(t.source->seed);
    src["section"] = std::string(t.source->section);
    src["quote"] = std::string(t.source->quote);
    tj["source"] = std::move(src);
    rows.push_back(std::move(tj));
  }
  out["transitions"] = std::move(rows);
  write_out(out.dump(indent_of(a)));
  return 0;
}

k::GeneratorOptions generator_options(const Args& a) {
  k::GeneratorOptions g;
  if (auto n = number_option(a, "--citizens", 1'000'000)) g.citizens = static_cast<std::size_t>(*n);
  if (auto s = number_option(a, "--seed", UINT64_MAX)) g.seed = *s;
  return g;
}

int cmd_generate(const std::vector<std::string>& argv) {
  Args a = parse_args("generate", argv, {"--citizens", "--seed"}, {"--compact", "--progress", "--no-progress"}, 0);
  k::GeneratorOptions g = generator_options(a);
  g.progress = progress_of(a);
  write_out(k::to_json(k::generate_caseload(g), indent_of(a)));
  return 0;
}

// --- demo ------------------------------------------------------------------------------------

/// Counts by name, printed in descending count, then name order.
using Tally = std::map<std::string, std::size_t>;

std::vector<std::pair<std::string, std::size_t>> by_count(const Tally& t) {
  std::vector<std::pair<std::string, std::size_t>> v(t.begin(), t.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& x, const auto& y) { return x.second > y.second; });
  return v;
}

ojson tally_json(const Tally& t) {
  ojson j = ojson::object();
  for (const auto& [name, n] : by_count(t)) j[name] = n;
  return j;
}

std::string percent(std::size_t n, std::size_t of) {
  if (of == 0) return "";
  std::ostringstream s;
  s << std::fixed << std::setprecision(1) << (100.0 * static_cast<double>(n) / static_cast<double>(of)) << " %";
  return s.str();
}

void print_row(std::ostream& o, const std::string& label, std::size_t n, const std::string& extra = "") {
  o << "  " << std::left << std::setw(44) << label << std::right << std::setw(7) << n;
  if (!extra.empty()) o << "   " << extra;
  o << '\n';
}

void print_tally(std::ostream& o, const Tally& t, const std::string& none = "(none)") {
  if (t.empty()) o << "  " << none << '\n';
  for (const auto& [name, n] : by_count(t)) print_row(o, name, n);
}

std::string share_text(const std::optional<double>& s) {
  if (!s) return "-";
  std::ostringstream o;
  o << std::fixed << std::setprecision(1) << 100.0 * *s << " %";
  return o.str();
}

int cmd_demo(const std::vector<std::string>& argv) {
  Args a = parse_args("demo", argv, {"--citizens", "--seed", "--as-of", "--out"},
                      {"--compact", "--progress", "--no-progress"}, 0);
  const k::Progress progress = progress_of(a);
  k::GeneratorOptions g = generator_options(a);
  // By default the programme's midterm, mid-month: the 15th of the period's 12th month, when many
  // citizens are in their follow-up year and this month's contacts are still being made.
  const k::Date as_of = date_option(a, "--as-of", false)
                            .value_or(k::YearMonth::of(g.start).plus(std::min(std::max(g.months, 1), 12) - 1).first_day() +
                                      boost::gregorian::days(14));
  const std::string out_path = a.value("--out") ? *a.value("--out") : "kanten-report.json";
  if (out_path.empty()) throw UsageError("option '--out': needs a file name", "demo");

  g.progress = progress;
  const k::Caseload load = k::generate_caseload(g);
  k::EvaluateOptions opts;
  opts.as_of = as_of;
  opts.progress = progress;
  const auto evaluations = k::evaluate_all(load, opts);
  const auto worklist = k::followup_worklist(evaluations);
  const std::string& rule_set = evaluations.empty() ? k::default_rules().version : evaluations.front().rule_set;

  // --- tallies ---
  std::size_t events = 0, rejected = 0, applied = 0, after = 0;
  for (const auto& c : load.cases) {
    events += c.events.size();
    rejected += c.rejected.size();
  }
  Tally steps, exits, exit_rules, not_applied, violations, tg_reasons, status, waits_for, excluded_by;
  std::size_t members = 0, followup_applies = 0, followup_running = 0, breached_months = 0, breached_citizens = 0,
              failures = 0, thirty_pending = 0;
  const k::YearMonth this_month = k::YearMonth::of(as_of);
  for (std::size_t i = 0; i < k::step_count; ++i) steps[std::string(k::name(static_cast<k::Step>(i)))] = 0;
  for (const auto& e : evaluations) {
    applied += e.events_applied;
    after += e.events_after_as_of;
    ++steps[std::string(k::name(e.step))];
    if (const auto* x = e.exit()) {
      ++exits[std::string(k::name(x->to))];
      ++exit_rules[x->transition ? std::string(x->transition->rule) : "<no rule>"];
    }
    if (e.target_group.member) ++members;
    for (auto r : e.target_group.reasons) ++tg_reasons[std::string(k::name(r))];
    for (const auto& n : e.not_applied) ++not_applied[std::string(k::name(n.reason))];
    for (const auto& v : e.violations) ++violations[std::string(v.rule)];
    if (e.thirty_hours_pending) ++thirty_pending;
    if (e.followup.applies) {
      ++followup_applies;
      if (e.followup.first_month <= this_month && this_month <= e.followup.last_month) ++followup_running;
      breached_months += e.followup.breached.size();
      if (!e.followup.breached.empty()) ++breached_citizens;
    }
    for (const auto& s : e.sanctions) {
      ++failures;
      ++status[std::string(k::name(s.status))];
      if (s.status == k::SanctionStatus::undecided) {
        std::set<std::string> rules;
        for (const auto& p : s.pending) rules.insert(p.rule);
        for (const auto& r : rules) ++waits_for[r];
      }
      if (s.excluded_by) ++excluded_by[s.excluded_by->rule];
    }
  }
  const std::size_t n = evaluations.size();

  // --- summary on stdout ---
  std::ostringstream o;
  o << "kanten " << k::version_string << " demo: rule set " << rule_set << "\n";
  o << "Synthetic caseload: " << n << " citizens, seed " << g.seed << ", from " << k::iso(g.start) << " over "
    << g.months << " months; evaluated as of " << k::iso(as_of) << ".\n";
  o << "Events: " << events << " read, " << rejected << " unreadable, " << applied << " applied, " << after
    << " after the as-of date.\n";

  o << "\nTarget group (004, Kerneelement 3)\n";
  print_row(o, "members", members, percent(members, n));
  print_row(o, "outside the target group", n - members, percent(n - members, n));
  for (const auto& [name, c] : by_count(tg_reasons)) print_row(o, "  reason: " + name, c);

  o << "\nCitizens per step\n";
  for (std::size_t i = 0; i < k::step_count; ++i) {
    const auto s = static_cast<k::Step>(i);
    const std::size_t c = steps[std::string(k::name(s))];
    print_row(o, std::string(k::name(s)), c, percent(c, n));
  }
  if (thirty_pending) print_row(o, "(in Trin 3 with 30 h this month: exit at month end)", thirty_pending);

  std::size_t exit_total = 0;
  for (const auto& [name, c] : exits) exit_total += c;
  o << "\nExits (" << exit_total << ")\n";
  print_tally(o, exits);
  for (const auto& [name, c] : by_count(exit_rules)) print_row(o, "  by rule: " + name, c);

  std::size_t na_total = 0;
  for (const auto& [name, c] : not_applied) na_total += c;
  o << "\nEvents not applied (" << na_total << "), by reason\n";
  print_tally(o, not_applied);

  std::size_t v_total = 0;
  for (const auto& [name, c] : violations) v_total += c;
  o << "\nViolations (" << v_total << ")\n";
  print_tally(o, violations);

  o << "\nFollow-up (004, Kerneelement 7: a contact every month in the first year of Trin 3)\n";
  print_row(o, "citizens who entered Trin 3", followup_applies);
  print_row(o, "  in their follow-up year in " + this_month.str(), followup_running);
  print_row(o, "months breached (ended without a contact)", breached_months);
  print_row(o, "  citizens with a breach", breached_citizens);
  print_row(o, "worklist for " + this_month.str() + ": need a contact", worklist.size());
  if (!worklist.empty()) {
    o << "    " << std::left << std::setw(16) << "citizen" << std::setw(12) << "deadline" << std::setw(14)
      << "last contact" << "breached months" << std::right << '\n';
    const std::size_t shown = std::min<std::size_t>(worklist.size(), 15);
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& w = worklist[i];
      o << "    " << std::left << std::setw(16) << w.citizen << std::setw(12) << k::iso(w.deadline) << std::setw(14)
        << (w.last_contact ? k::iso(*w.last_contact) : std::string("never")) << w.breached_months << std::right
        << '\n';
    }
    if (worklist.size() > shown) o << "    ... and " << worklist.size() - shown << " more (see the report)\n";
  }

  o << "\nSanction answers (004, Kerneelement 5): " << failures << " recorded failures\n";
  for (auto s : {k::SanctionStatus::eligible, k::SanctionStatus::not_eligible, k::SanctionStatus::undecided}) {
    const std::string nm(k::name(s));
    print_row(o, nm, status.count(nm) ? status.at(nm) : 0);
  }
  if (!excluded_by.empty()) {
    o << "  not eligible because:\n";
    for (const auto& [name, c] : by_count(excluded_by)) print_row(o, "  " + name, c);
  }
  if (!waits_for.empty()) {
    o << "  undecided answers wait for:\n";
    for (const auto& [name, c] : by_count(waits_for)) print_row(o, "  " + name, c);
  }

  // --- a proposed matching for everyone in Trin 2 (004, Kerneelement 6–7) ---
  // The market of the same seed: companies and tasks around Lolland-Falster's towns, and the
  // matcher's view of each citizen (same ids as the caseload).
  const k::Market market = k::generate_market({.citizens = g.citizens, .seed = g.seed, .progress = progress});
  k::Market trin2;
  trin2.companies = market.companies;
  trin2.tasks = market.tasks;
  {
    std::set<std::string> in_trin2;
    for (const auto& e : evaluations)
      if (e.step == k::Step::trin2_paa_vej_mod_job) in_trin2.insert(e.citizen);
    for (const auto& c : market.citizens)
      if (in_trin2.count(c.id)) trin2.citizens.push_back(c);
  }
  const k::MatchResult proposal = k::match(trin2, {.mode = k::MatchMode::assignment, .progress = progress});
  o << "\nProposed matching for the " << trin2.citizens.size() << " citizens in Trin 2 (optimal assignment, "
    << market.companies.size() << " companies, " << market.tasks.size() << " tasks, weights "
    << proposal.weights_version << ")\n";
  print_row(o, "candidate pairs after the hard filters", proposal.candidates);
  print_row(o, "citizens matched to a task", proposal.matches.size(),
            percent(proposal.matches.size(), trin2.citizens.size()));
  print_row(o, "total score", static_cast<std::size_t>(proposal.total_score), proposal.optimal ? "optimal" : "");
  const std::size_t shown = std::min<std::size_t>(proposal.matches.size(), 5);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& x = proposal.matches[i];
    o << "    " << trin2.citizens[x.citizen].id << " -> " << trin2.tasks[x.task].id << " (" << x.breakdown.total()
      << " points)\n";
    for (const auto& r : x.reasons) o << "      + " << r << "\n";
    for (const auto& c : x.concerns) o << "      ! " << c << "\n";
  }
  if (proposal.matches.size() > shown)
    o << "    ... and " << proposal.matches.size() - shown << " more matches, with reasons, in the report\n";

  // --- the programme's figures (003: about 15 % with paid hours at the midterm) ---
  const k::ProgrammeFigures figures = k::programme_figures(load, {.as_of = as_of});
  o << "\nProgramme figures as of " << k::iso(as_of) << " (docs/programme.md)\n";
  for (std::size_t i = 0; i < k::funnel_stage_count; ++i) {
    const auto stage = static_cast<k::FunnelStage>(i);
    print_row(o, std::string(k::name(stage)), figures.count(stage),
              i == 0 ? "" : percent(figures.count(stage), figures.count(k::FunnelStage::entered)));
  }
  o << "  share with paid hours: " << share_text(figures.paid_hours_share)
    << " of those who entered (003_b82c162ee9c6e810.txt reports about 15 % at the midterm)\n";

  // --- bus trips for the citizens in Trin 1 and Trin 2 (002, Model 1) ---
  // The sample holds no ages or educations: every activity-ready citizen in Trin 1 or 2 is
  // referred as one without a vocational education, age unknown (§6.3 or §6.5) — an assumption
  // of the demo, said in the report.
  std::vector<k::BusReferral> referrals;
  {
    std::map<std::string, const k::Case*> case_of;
    for (const auto& c : load.cases) case_of[c.citizen] = &c;
    for (const auto& e : evaluations)
      if (e.step == k::Step::trin1_afklaring || e.step == k::Step::trin2_paa_vej_mod_job)
        referrals.push_back({e.citizen, case_of.at(e.citizen)->profile.activity_ready, std::nullopt, false, false, false});
  }
  const k::BusPlan bus = k::plan_bus_trips(market, referrals, {.model = &k::bus_model_1()});
  o << "\nBus trips to companies (002, " << bus.model << ") for the " << referrals.size()
    << " citizens in Trin 1 and Trin 2\n";
  print_row(o, "groups (6-12 citizens, two visits each)", bus.groups.size());
  print_row(o, "companies meeting the selection criteria", bus.qualifying_companies.size());
  print_row(o, "citizens left out (each with its reason)", bus.left_out.size());
  k::Range cost{0, 0};
  for (const auto& grp : bus.groups)
    for (const auto& t : grp.trips) cost.low += t.cost.total_dkk.low, cost.high += t.cost.total_dkk.high;
  o << "  bus and food for all trips: " << cost.low << "-" << cost.high << " DKK (002, Ressourceforbrug)\n";
  if (!bus.groups.empty()) {
    const auto& t = bus.groups.front().trips.front();
    o << "  group 1, " << bus.groups.front().participants.size() << " citizens:\n";
    for (const auto& v : t.visits) {
      o << "    visits " << market.companies[static_cast<std::size_t>(v.company)].id << ":";
      for (const auto& r : v.reasons) o << " " << r << ";";
      o << "\n";
    }
  }

  // --- the report ---
  ojson report;
  report["kanten"] = k::version_string;
  report["rule_set"] = rule_set;
  report["as_of"] = k::iso(as_of);
  ojson gen;
  gen["citizens"] = g.citizens;
  gen["seed"] = g.seed;
  gen["start"] = k::iso(g.start);
  gen["months"] = g.months;
  report["generator"] = std::move(gen);
  ojson summary;
  summary["citizens"] = n;
  summary["events"] = events;
  summary["events_unreadable"] = rejected;
  summary["events_applied"] = applied;
  summary["events_after_as_of"] = after;
  summary["target_group"] = {{"members", members}, {"outside", n - members}, {"reasons", tally_json(tg_reasons)}};
  ojson steps_j = ojson::object();
  for (std::size_t i = 0; i < k::step_count; ++i) {
    const std::string nm(k::name(static_cast<k::Step>(i)));
    steps_j[nm] = steps[nm];
  }
  summary["steps"] = std::move(steps_j);
  summary["thirty_hours_pending"] = thirty_pending;
  summary["exits"] = {{"total", exit_total}, {"by_step", tally_json(exits)}, {"by_rule", tally_json(exit_rules)}};
  summary["not_applied"] = {{"total", na_total}, {"by_reason", tally_json(not_applied)}};
  summary["violations"] = {{"total", v_total}, {"by_rule", tally_json(violations)}};
  summary["followup"] = {{"citizens", followup_applies},
                         {"in_followup_year", followup_running},
                         {"breached_months", breached_months},
                         {"citizens_with_breach", breached_citizens},
                         {"worklist", worklist.size()}};
  summary["sanctions"] = {{"failures", failures},
                          {"by_status", tally_json(status)},
                          {"not_eligible_because", tally_json(excluded_by)},
                          {"undecided_wait_for", tally_json(waits_for)}};
  report["summary"] = std::move(summary);
  report["worklist"] = parse_ojson(k::to_json(worklist, as_of));
  report["evaluations"] = parse_ojson(k::to_json(evaluations))["evaluations"];
  report["matching"] = parse_ojson(k::to_json(proposal, trin2));
  report["programme"] = parse_ojson(k::to_json(figures));
  report["bus_trips"] = parse_ojson(k::to_json(bus, market, referrals));
  report["bus_trips"]["assumption"] =
      "the sample holds no ages or educations: activity-ready citizens in Trin 1 and 2 are referred as without a "
      "vocational education, age unknown";

  {
    std::ofstream f(out_path, std::ios::binary | std::ios::trunc);
    if (!f) throw k::Error(k::Errc::io_error, "--out", out_path, std::string("cannot be opened for writing: ") + std::strerror(errno));
    f << report.dump(indent_of(a), ' ', false, ojson::error_handler_t::replace) << '\n';
    f.close();
    if (!f) throw k::Error(k::Errc::io_error, "--out", out_path, std::string("cannot be written: ") + std::strerror(errno));
  }
  o << "\nFull report (every evaluation, with reasons and sources): " << out_path << "\n";
  write_out(o.str());
  return 0;
}

// --- match and generate-market ---------------------------------------------------------------

/// A positive integer option (at least 1, at most `max`), or `otherwise`.
/// The value of `opt` as a whole number from `min` to `max`, or `otherwise` when it is not given.
std::int32_t whole_option(const Args& a, std::string_view opt, std::int32_t otherwise, std::uint64_t min,
                          std::uint64_t max) {
  const std::string* v = a.value(opt);
  if (!v) return otherwise;
  std::uint64_t n = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
  if (v->empty() || ec != std::errc() || p != v->data() + v->size() || n < min || n > max)
    throw UsageError("option '" + std::string(opt) + "': value '" + *v + "': not a whole number from " +
                         std::to_string(min) + " to " + std::to_string(max),
                     a.command);
  return static_cast<std::int32_t>(n);
}

std::int32_t positive_option(const Args& a, std::string_view opt, std::int32_t otherwise, std::uint64_t max) {
  return whole_option(a, opt, otherwise, 1, max);
}

/// The index of the item with id `id`; a kanten::Error naming `option` if there is none.
template <class T>
std::int32_t index_of(const std::vector<T>& items, const std::string& id, const char* option, const char* what) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<std::int32_t>(i);
  throw k::Error(k::Errc::invalid_input, option, id, std::string("the market has no ") + what + " with this id");
}

int cmd_match(const std::vector<std::string>& argv) {
  Args a = parse_args("match", argv, {"--mode", "--k", "--per-company", "--weights", "--citizen", "--task", "--threads"},
                      {"--compact", "--progress", "--no-progress"}, 1);
  const std::string& file = file_arg(a);
  k::MatchOptions opts;
  opts.progress = progress_of(a);
  if (const std::string* mode = a.value("--mode")) {
    if (*mode == "assignment") opts.mode = k::MatchMode::assignment;
    else if (*mode == "stable") opts.mode = k::MatchMode::stable;
    else if (*mode == "top-k" || *mode == "top_k") opts.mode = k::MatchMode::top_k;
    else throw UsageError("option '--mode': value '" + *mode + "': expected assignment, stable or top-k", "match");
  }
  opts.k = positive_option(a, "--k", opts.k, 10'000);
  opts.per_company = positive_option(a, "--per-company", opts.per_company, 10'000);
  opts.threads = whole_option(a, "--threads", opts.threads, 0, 256);
  const std::string* citizen = a.value("--citizen");
  const std::string* task = a.value("--task");
  if ((citizen || task) && opts.mode != k::MatchMode::top_k && a.value("--mode"))
    throw UsageError(std::string(citizen ? "--citizen" : "--task") + " lists the best k: it takes no --mode but top-k",
                     "match");
  if (task && a.value("--per-company")) throw UsageError("--per-company applies to --citizen and top-k, not --task", "match");
  if (citizen && task && (a.value("--k") || a.value("--per-company")))
    throw UsageError("--citizen with --task explains one pair: it takes no --k or --per-company", "match");
  const std::string* weights_file = a.value("--weights");
  if (weights_file && *weights_file == "-" && file == "-")
    throw UsageError("only one of FILE and --weights can be '-' (stdin)", "match");

  const k::Market market = k::market_from_json(read_input(file), read_options);
  report_warnings(market.warnings);
  std::vector<k::InputWarning> weight_warnings;
  const k::MatchWeights weights =
      weights_file ? k::weights_from_json(read_input(*weights_file), read_options, &weight_warnings) : k::default_weights();
  report_warnings(weight_warnings);
  opts.weights = &weights;

  if (citizen && task) {
    // One pair explained: every hard filter that rejects it, or its score, reasons and concerns.
    const std::int32_t ci = index_of(market.citizens, *citizen, "--citizen", "citizen");
    const std::int32_t ti = index_of(market.tasks, *task, "--task", "task");
    const k::PairScore pair = k::score_pair(market, ci, ti, weights);
    const auto cands = k::candidates(market, weights);
    const bool candidate = std::any_of(cands.begin(), cands.end(),
                                       [&](const k::Candidate& c) { return c.citizen == ci && c.task == ti; });
    ojson out;
    out["weights_version"] = weights.version;
    const ojson explained = parse_ojson(k::to_json(pair, market));
    for (const auto& [key, value] : explained.items()) out[key] = value;
    out["candidate"] = candidate;
    k::Match x;
    x.citizen = ci;
    x.task = ti;
    x.breakdown = pair.breakdown;
    if (pair.rejected.empty()) k::explain_match(market, x, weights);
    out["reasons"] = x.reasons;
    out["concerns"] = x.concerns;
    write_out(out.dump(indent_of(a), ' ', false, ojson::error_handler_t::replace));
    return 0;
  }
  if (citizen || task) {
    ojson out;
    out["weights_version"] = weights.version;
    std::vector<k::Match> top;
    if (citizen) {
      const std::int32_t ci = index_of(market.citizens, *citizen, "--citizen", "citizen");
      top = k::top_tasks(market, ci, opts.k, opts.per_company, weights);
      out["citizen"] = *citizen;
      out["k"] = opts.k;
      out["per_company"] = opts.per_company;
    } else {
      const std::int32_t ti = index_of(market.tasks, *task, "--task", "task");
      top = k::top_citizens(market, ti, opts.k, weights);
      out["task"] = *task;
      out["company"] = market.tasks[static_cast<std::size_t>(ti)].company;
      out["k"] = opts.k;
    }
    out["matches"] = parse_ojson(k::to_json(top, market))["matches"];
    write_out(out.dump(indent_of(a), ' ', false, ojson::error_handler_t::replace));
    return 0;
  }
  write_out(k::to_json(k::match(market, opts), market, indent_of(a)));
  return 0;
}

int cmd_generate_market(const std::vector<std::string>& argv) {
  Args a = parse_args("generate-market", argv, {"--citizens", "--companies", "--seed", "--region"},
                      {"--compact", "--progress", "--no-progress"}, 0);
  k::MarketOptions o;
  o.progress = progress_of(a);
  if (auto n = number_option(a, "--citizens", 1'000'000)) o.citizens = static_cast<std::size_t>(*n);
  if (auto n = number_option(a, "--companies", 1'000'000)) o.companies = static_cast<std::size_t>(*n);
  if (auto s = number_option(a, "--seed", UINT64_MAX)) o.seed = *s;
  if (const std::string* r = a.value("--region")) {
    if (*r == "lolland-falster" || *r == "lolland_falster") o.region = k::Region::lolland_falster;
    else if (*r == "denmark") o.region = k::Region::denmark;
    else throw UsageError("option '--region': value '" + *r + "': expected lolland-falster or denmark", a.command);
  }
  write_out(k::to_json(k::generate_market(o), indent_of(a)));
  return 0;
}

// --- evaluate-programme ------------------------------------------------------------------------

/// The latest valid event date of a caseload (std::nullopt when it has none).
std::optional<k::Date> latest_event(const k::Caseload& load) {
  std::optional<k::Date> latest;
  for (const auto& c : load.cases)
    for (const auto& e : c.events)
      if (!e.date.is_special() && (!latest || *latest < e.date)) latest = e.date;
  return latest;
}

int cmd_evaluate_programme(const std::vector<std::string>& argv) {
  Args a = parse_args("evaluate-programme", argv, {"--as-of", "--json"}, {"--compact"}, 1);
  const std::string& file = file_arg(a);
  const std::string* json_out = a.value("--json");
  if (json_out && json_out->empty()) throw UsageError("option '--json': needs a file name or '-'", a.command);
  bool single = false;
  const k::Caseload load = read_cases(read_input(file), single);
  k::ProgrammeOptions opts;
  if (auto d = date_option(a, "--as-of", false)) {
    opts.as_of = *d;
  } else if (auto latest = latest_event(load)) {
    opts.as_of = *latest;
  } else {
    throw UsageError("the file has no dated event: give --as-of DATE", a.command);
  }
  const k::ProgrammeFigures f = k::programme_figures(load, opts);
  const std::string json = k::to_json(f, indent_of(a));
  if (json_out && *json_out == "-") {
    write_out(json);
    return 0;
  }
  if (json_out) {
    std::ofstream out(*json_out, std::ios::binary);
    out << json << '\n';
    if (!out.flush()) throw k::Error(k::Errc::io_error, "--json", *json_out, "cannot be written");
  }

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
  if (json_out) o << "\nEvery figure as JSON: " << *json_out << "\n";
  write_out(o.str());
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Bus trips and training tracks (002, 001)
// ---------------------------------------------------------------------------------------------

/// The subcommand word of `kanten bus` / `kanten training`.
std::string subcommand(const std::vector<std::string>& argv, const std::string& command,
                       std::initializer_list<std::string_view> known) {
  if (argv.empty() || argv.front().rfind("-", 0) == 0) throw UsageError("missing subcommand", command);
  if (std::find(known.begin(), known.end(), argv.front()) == known.end())
    throw UsageError("unknown subcommand '" + argv.front() + "'", command);
  return argv.front();
}

std::optional<std::int64_t> rate_option(const Args& a) {
  if (auto r = number_option(a, "--staff-rate", static_cast<std::uint64_t>(k::max_staff_dkk_per_hour)))
    return static_cast<std::int64_t>(*r);
  return std::nullopt;
}

ojson range_ojson(const k::Range& r) { return ojson::array({r.low, r.high}); }

int cmd_bus(const std::vector<std::string>& argv) {
  const std::string sub = subcommand(argv, "bus", {"plan", "cost", "attendance"});
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  if (sub == "cost") {
    Args a = parse_args("bus", rest, {"--participants", "--staff-rate"}, {"--compact"}, 0);
    const auto n = number_option(a, "--participants", static_cast<std::uint64_t>(k::max_trip_participants));
    if (!n) throw UsageError("missing --participants N", "bus");
    const k::TripCost c = k::trip_cost(static_cast<std::int32_t>(*n), rate_option(a));
    ojson out;
    out["participants"] = *n;
    out["bus_dkk"] = range_ojson(c.bus_dkk);
    out["food_dkk"] = range_ojson(c.food_dkk);
    out["planning_staff_minutes"] = range_ojson(c.planning_staff_minutes);
    out["running_staff_minutes"] = range_ojson(c.running_staff_minutes);
    out["total_dkk"] = range_ojson(c.total_dkk);
    out["source"] = {{"seed", std::string(k::sources::bus_costs.seed)}, {"section", std::string(k::sources::bus_costs.section)}};
    write_out(out.dump(indent_of(a), ' ', false, ojson::error_handler_t::replace));
    return 0;
  }
  const bool attendance = sub == "attendance";
  Args a = attendance ? parse_args("bus", rest, {"--model", "--max-groups", "--group", "--trip", "--date", "--present"},
                                   {"--compact"}, 1)
                      : parse_args("bus", rest, {"--model", "--max-groups", "--staff-rate"}, {"--compact"}, 1);
  k::BusRequest req = k::bus_request_from_json(read_input(file_arg(a)), read_options);
  report_warnings(req.warnings);
  const std::string model = a.value("--model") ? *a.value("--model") : req.model;
  const k::BusModel* m = nullptr;
  try {
    m = &k::bus_model(model);
  } catch (const k::Error&) {
    if (a.value("--model")) throw UsageError("option '--model': value '" + model + "': expected 1 or 2", "bus");
    throw;
  }
  req.options.model = m;
  if (auto g = number_option(a, "--max-groups", 100'000)) req.options.max_groups = static_cast<std::int32_t>(*g);
  if (auto r = rate_option(a)) req.options.staff_dkk_per_hour = r;
  const k::BusPlan plan = k::plan_bus_trips(req.market, req.referrals, req.options);
  if (attendance) {
    // The plan is deterministic: the same request gives the same groups to record against.
    const auto group = number_option(a, "--group", 1'000'000);
    const auto trip = number_option(a, "--trip", 1'000);
    const auto date = date_option(a, "--date", true);
    if (!group || !trip) throw UsageError("attendance needs --group N and --trip N (from 0)", "bus");
    std::vector<std::string> present;
    if (const std::string* p = a.value("--present")) {
      std::stringstream in(*p);
      for (std::string id; std::getline(in, id, ',');)
        if (!id.empty()) present.push_back(id);
    }
    write_out(k::to_json(k::record_attendance(req.market, plan, static_cast<std::int32_t>(*group),
                                              static_cast<std::int32_t>(*trip), *date, present),
                         indent_of(a)));
    return 0;
  }
  write_out(k::to_json(plan, req.market, req.referrals, indent_of(a), req.warnings));
  return 0;
}

int cmd_training(const std::vector<std::string>& argv) {
  const std::string sub = subcommand(argv, "training", {"plan", "route"});
  const std::vector<std::string> rest(argv.begin() + 1, argv.end());
  if (sub == "route") {
    Args a = parse_args("training", rest, {}, {"--close-to-ordinary-job", "--close-to-special-terms-job", "--compact"}, 0);
    const k::RouteAnswer r = k::route_workplace(
        {a.flag("--close-to-ordinary-job"), a.flag("--close-to-special-terms-job")});
    ojson out;
    out["route"] = std::string(k::name(r.route));
    out["private_employer_focus"] = r.private_employer_focus;
    out["reason"] = r.reason;
    out["source"] = {{"seed", std::string(r.source.seed)}, {"section", std::string(r.source.section)}};
    write_out(out.dump(indent_of(a), ' ', false, ojson::error_handler_t::replace));
    return 0;
  }
  Args a = parse_args("training", rest, {"--start"}, {"--compact"}, 1);
  const k::TrainingInput in = k::training_input_from_json(read_input(file_arg(a)), read_options);
  report_warnings(in.warnings);
  k::TrainingOptions o;
  o.start = in.start;
  if (auto d = date_option(a, "--start", false)) o.start = *d;
  if (o.start.is_special()) throw UsageError("missing --start DATE (or \"training\": {\"start\"} in FILE)", "training");
  o.ongoing = in.ongoing;
  write_out(k::to_json(k::plan_training_tracks(in.market, in.requests, o), in.market, indent_of(a), in.warnings));
  return 0;
}

// ---------------------------------------------------------------------------------------------
// Dispatch
// ---------------------------------------------------------------------------------------------

int run(const std::vector<std::string>& args) {
  if (args.empty()) throw UsageError("missing command", "");
  const std::string& cmd = args.front();
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    if (args.size() > 1) {
      auto it = usage_commands.find(args[1]);
      if (it == usage_commands.end()) throw UsageError("unknown command '" + args[1] + "'", "");
      std::cout << it->second;
    } else {
      std::cout << usage_main;
    }
    return 0;
  }
  if (cmd == "--version" || cmd == "version") {
    std::cout << "kanten " << k::version_string << " (rule set " << k::default_rules().version << ")\n";
    return 0;
  }
  auto usage = usage_commands.find(cmd);
  if (usage == usage_commands.end()) {
    if (cmd.rfind("-", 0) == 0) throw UsageError("unknown option '" + cmd + "'", "");
    throw UsageError("unknown command '" + cmd + "'", "");
  }
  // The reading options every command that reads input takes, in any position.
  std::vector<std::string> rest;
  for (std::size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--strict") {
      read_options.strict = true;
    } else if (arg == "--max-input-bytes" || arg.rfind("--max-input-bytes=", 0) == 0) {
      std::string v;
      if (arg.size() > 17) {
        v = arg.substr(18);
      } else {
        if (i + 1 >= args.size()) throw UsageError("option '--max-input-bytes' needs a value", cmd);
        v = args[++i];
      }
      std::uint64_t n = 0;
      auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
      if (v.empty() || ec != std::errc() || p != v.data() + v.size() || n == 0 || n > (std::uint64_t{1} << 40))
        throw UsageError("option '--max-input-bytes': value '" + v + "': not a whole number from 1 to 1099511627776", cmd);
      read_options.max_bytes = static_cast<std::size_t>(n);
    } else {
      rest.push_back(arg);
    }
  }
  if (std::find_if(rest.begin(), rest.end(), [](const std::string& s) { return s == "--help" || s == "-h"; }) !=
      rest.end()) {
    std::cout << usage->second;
    return 0;
  }
  if (cmd == "evaluate") return cmd_evaluate(rest);
  if (cmd == "followups") return cmd_followups(rest);
  if (cmd == "sanction") return cmd_sanction(rest);
  if (cmd == "model") return cmd_model(rest);
  if (cmd == "generate") return cmd_generate(rest);
  if (cmd == "match") return cmd_match(rest);
  if (cmd == "generate-market") return cmd_generate_market(rest);
  if (cmd == "bus") return cmd_bus(rest);
  if (cmd == "training") return cmd_training(rest);
  if (cmd == "evaluate-programme") return cmd_evaluate_programme(rest);
  return cmd_demo(rest);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return run(args);
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
