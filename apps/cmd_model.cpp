// kanten model [--dot]: the step model.
#include <memory>

#include "cli.hpp"

namespace cli {

void add_model(CLI::App& app) {
  struct Options {
    bool dot = false;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("model",
                         "the step model: transition table (JSON) or Graphviz DOT\n"
                         "\n"
                         "The step model: the transition table as JSON, or with --dot a Graphviz DOT digraph\n"
                         "(e.g. 'kanten model --dot | dot -Tsvg > model.svg').");
  cmd->add_flag("--dot", o->dot, "Graphviz DOT instead of JSON");
  add_compact(*cmd, o->flags);
  cmd->callback([o] { write_out(o->dot ? k::to_dot() : k::step_model_json(o->flags.indent())); });
}

}  // namespace cli
