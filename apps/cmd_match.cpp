// kanten match FILE: citizens matched to company tasks, explained.
#include <kanten/match/json.hpp>
#include <kanten/match/matching.hpp>
#include <memory>

#include "cli.hpp"

namespace cli {

namespace {

/// The index of the item with id `id`; a kanten::Error naming `option` if there is none.
template <class T>
std::int32_t index_of(const std::vector<T>& items, const std::string& id, const char* option, const char* what) {
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<std::int32_t>(i);
  throw k::Error(k::Errc::invalid_input, option, id, std::string("the market has no ") + what + " with this id");
}

}  // namespace

void add_match(CLI::App& app) {
  struct Options {
    std::string file;
    std::optional<std::string> mode, k, per_company, weights, citizen, task, threads;
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
  add_compact(*cmd, o->flags);
  add_progress(*cmd, o->flags);
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

    if (citizen && task) {
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
    } else {
      write_out(k::to_json(k::match(market, opts), market, indent));
    }
  });
}

}  // namespace cli
