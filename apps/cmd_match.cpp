// kanten match FILE: citizens matched to company tasks, explained.
#include <kanten/core/input.hpp>
#include <kanten/match/caseload.hpp>
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>
#include <memory>
#include <sstream>

#include "cli.hpp"

namespace cli {

namespace {

/// The index of the item with id `id`; a kanten::Error naming `option` if there is none.
template <class T>
std::int32_t index_of(const std::vector<T>& items, const std::string& id, const char* option, const char* what) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<std::int32_t>(i);
  throw k::unknown_id(k::Errc::invalid_input, option, id, std::string("the market has no ") + what + " with this id");
}

/// The comma-separated items of an option's value ("" is none).
std::vector<std::string> comma_list(const std::string& value) {
  std::vector<std::string> items;
  if (value.empty()) return items;
  std::stringstream in(value);
  for (std::string item; std::getline(in, item, ',');) items.push_back(item);
  if (value.back() == ',') items.emplace_back();
  return items;
}

/// The steps named in --steps (kanten's step names, e.g. trin2_paa_vej_mod_job).
std::vector<k::Step> steps_value(const std::string& value, const std::string& command) {
  std::vector<k::Step> steps;
  for (const auto& item : comma_list(value)) {
    k::Step s{};
    if (!k::parse_name(item, s)) {
      std::string names;
      for (std::size_t i = 0; i < k::step_count; ++i)
        names += std::string(i ? ", " : "") + std::string(k::name(static_cast<k::Step>(i)));
      throw UsageError("option '--steps': value '" + item + "': not a step; expected one or more of " + names, command);
    }
    steps.push_back(s);
  }
  return steps;
}

}  // namespace

void add_match(CLI::App& app) {
  struct Options {
    std::string file;
    std::optional<std::string> mode, k, per_company, weights, citizen, task, threads;
    std::optional<std::string> caseload, as_of, steps, citizens, max_candidates;
    bool serve = false;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "match",
      "match a market's citizens to company tasks, explained\n"
      "\n"
      "Matches the citizens of the market in FILE ({\"citizens\": [...], \"companies\": [...],\n"
      "\"tasks\": [...]}) to company tasks: hard filters, then explainable scores, then a proposal.\n"
      "Every match carries its score feature by feature, why it fits and what stands in the way.");
  add_file(*cmd, o->file, "the market");
  add_value(*cmd, "--mode", o->mode, "assignment|stable|top-k",
            "assignment: the maximum total score, each citizen at most one task, no\n"
            "task or company overfilled (default); stable: citizen-proposing deferred\n"
            "acceptance, no citizen and company both rather have each other; top-k:\n"
            "each citizen's best k tasks");
  add_value(*cmd, "--k", o->k, "N", "top-k, --citizen, --task: how many (default 5)");
  add_value(*cmd, "--per-company", o->per_company, "N", "top-k, --citizen: at most N tasks of one company (default 1)");
  add_value(*cmd, "--weights", o->weights, "FILE",
            "the score's weights (JSON, with a version of their own; default the\ndocumented weights)");
  add_value(*cmd, "--citizen", o->citizen, "ID", "only this citizen's best k tasks");
  add_value(*cmd, "--task", o->task, "ID",
            "only this task's best k citizens; with --citizen, that one pair explained:\n"
            "every hard filter that rejects it, or its score, reasons and concerns");
  add_value(*cmd, "--threads", o->threads, "N",
            "threads for the candidate search and the assignment's independent parts\n"
            "(default 1; 0: one per hardware thread); the proposal is the same for any N");
  add_value(*cmd, "--citizens", o->citizens, "ID,...",
            "propose only for these citizens (comma-separated ids, each in the market;\n"
            "'' for nobody); the others get no proposal and are not listed as unmatched");
  add_value(*cmd, "--caseload", o->caseload, "FILE",
            "propose only for the caseload in --steps as of --as-of (cases as JSON,\n"
            "JSON Lines or CSV by the file's extension); its citizens the market does not\n"
            "hold are reported in \"not_in_market\"");
  add_value(*cmd, "--as-of", o->as_of, "DATE", "with --caseload: the date its cases are evaluated at (YYYY-MM-DD)");
  add_value(*cmd, "--steps", o->steps, "STEP,...",
            "with --caseload: the steps whose citizens are matched (default\n"
            "trin2_paa_vej_mod_job: company matching belongs to Trin 2)");
  add_value(*cmd, "--max-candidates", o->max_candidates, "N",
            "keep each citizen's best N candidates for the assignment and the stable\n"
            "matching (0: every candidate, the exact optimum; default " +
                std::to_string(k::default_max_candidates_per_citizen) + "; docs/matching.md)");
  add_compact(*cmd, o->flags);
  add_progress(*cmd, o->flags);
  cmd->add_flag("--serve", o->serve,
                "answer top lists and updates from stdin, one JSON line out per line in,\n"
                "from an index built once (docs/matching.md, \"The persistent matcher and\n"
                "the query stream\"); FILE cannot be '-'");
  cmd->callback([o, cmd] {
    const std::string name = command_name(*cmd);
    const int indent = o->flags.indent();
    k::MatchOptions opts;
    opts.progress = progress_of(o->flags, name);
    if (const auto& mode = o->mode) {
      if (*mode == "assignment")
        opts.mode = k::MatchMode::assignment;
      else if (*mode == "stable")
        opts.mode = k::MatchMode::stable;
      else if (*mode == "top-k" || *mode == "top_k")
        opts.mode = k::MatchMode::top_k;
      else
        throw UsageError("option '--mode': value '" + *mode + "': expected assignment, stable or top-k", name);
    }
    if (auto n = number_value(o->k, "--k", 1, 10'000, name)) opts.k = static_cast<std::int32_t>(*n);
    if (auto n = number_value(o->per_company, "--per-company", 1, 10'000, name))
      opts.per_company = static_cast<std::int32_t>(*n);
    if (auto n = number_value(o->threads, "--threads", 0, 256, name)) opts.threads = static_cast<std::int32_t>(*n);
    const auto& citizen = o->citizen;
    const auto& task = o->task;
    if ((citizen || task) && opts.mode != k::MatchMode::top_k && o->mode)
      throw UsageError(
          std::string(citizen ? "--citizen" : "--task") + " lists the best k: it takes no --mode but top-k", name);
    if (task && o->per_company) throw UsageError("--per-company applies to --citizen and top-k, not --task", name);
    if (citizen && task && (o->k || o->per_company))
      throw UsageError("--citizen with --task explains one pair: it takes no --k or --per-company", name);
    if (o->serve && (o->mode || o->k || o->per_company || citizen || task || o->threads))
      throw UsageError("--serve takes its requests from stdin: no --mode, --k, --per-company, --citizen, --task or --threads", name);
    if (o->serve && (o->file == "-" || (o->weights && *o->weights == "-")))
      throw UsageError("--serve reads its requests from stdin: FILE and --weights cannot be '-'", name);
    if (o->as_of && !o->caseload) throw UsageError("--as-of is the date of --caseload: give --caseload FILE", name);
    if (o->steps && !o->caseload) throw UsageError("--steps chooses from --caseload: give --caseload FILE", name);
    if (o->caseload && !o->as_of) throw UsageError("--caseload needs --as-of DATE: the date its cases are evaluated at", name);
    if (o->caseload && o->citizens) throw UsageError("give one of --caseload and --citizens", name);
    if ((o->caseload || o->citizens || o->max_candidates) && (citizen || task || o->serve))
      throw UsageError("--citizens, --caseload and --max-candidates apply to a whole proposal, not --citizen, --task or --serve",
                       name);
    if (o->caseload && (*o->caseload == "-" ? 1 : 0) + (o->file == "-") + (o->weights && *o->weights == "-") > 1)
      throw UsageError("only one of FILE, --weights and --caseload can be '-' (stdin)", name);
    if (auto n = number_value(o->max_candidates, "--max-candidates", 0, INT32_MAX, name))
      opts.max_candidates_per_citizen = static_cast<std::int32_t>(*n);
    const std::optional<k::Date> as_of = date_value(o->as_of, "--as-of", name);
    const std::vector<k::Step> steps = o->steps ? steps_value(*o->steps, name)
                                                : std::vector<k::Step>(k::default_match_steps.begin(),
                                                                       k::default_match_steps.end());
    if (o->citizens) opts.citizens = comma_list(*o->citizens);
    const auto& weights_file = o->weights;
    if (weights_file && *weights_file == "-" && o->file == "-")
      throw UsageError("only one of FILE and --weights can be '-' (stdin)", name);

    const k::Market market = k::market_from_json(read_input(o->file), read_options);
    report_warnings(market.warnings);
    std::vector<k::InputWarning> weight_warnings;
    const k::MatchWeights weights =
        weights_file ? k::weights_from_json(read_input(*weights_file), read_options, &weight_warnings)
                     : k::default_weights();
    report_warnings(weight_warnings);
    opts.weights = &weights;

    if (o->serve) {
      serve_matcher(market, weights);
    } else if (citizen && task) {
      // One pair explained: every hard filter that rejects it, or its score, reasons and concerns.
      const std::int32_t ci = index_of(market.citizens, *citizen, "--citizen", "citizen");
      const std::int32_t ti = index_of(market.tasks, *task, "--task", "task");
      write_out(k::to_json(k::explain_pair(market, ci, ti, weights), market, indent));
    } else if (citizen) {
      const std::int32_t ci = index_of(market.citizens, *citizen, "--citizen", "citizen");
      write_out(k::top_tasks_json(market, ci, k::top_tasks(market, ci, opts.k, opts.per_company, weights), opts.k,
                                  opts.per_company, weights.version, indent));
    } else if (task) {
      const std::int32_t ti = index_of(market.tasks, *task, "--task", "task");
      write_out(k::top_citizens_json(market, ti, k::top_citizens(market, ti, opts.k, weights), opts.k, weights.version,
                                     indent));
    } else if (o->caseload) {
      bool single = false;
      const k::Caseload load = read_cases(*o->caseload, std::nullopt, single, name);
      k::EvaluateOptions eo;
      eo.as_of = *as_of;
      const auto evaluations = k::evaluate_all(load, eo);
      const k::MatchResult r = k::match_caseload(market, evaluations, opts, steps);
      if (!r.not_in_market.empty())
        report_warnings({{"not_in_market", std::to_string(r.not_in_market.size()) +
                                               " citizen(s) of the caseload in the chosen steps are not in the "
                                               "market: no proposal (listed in \"not_in_market\")"}});
      write_out(k::to_json(r, market, indent));
    } else {
      write_out(k::to_json(k::match(market, opts), market, indent));
    }
  });
}

}  // namespace cli
