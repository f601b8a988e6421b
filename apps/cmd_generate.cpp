// kanten generate: a synthetic caseload.
#include <memory>

#include "cli.hpp"

namespace cli {

void add_generate(CLI::App& app) {
  struct Options {
    std::optional<std::string> citizens, seed;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd =
      app.add_subcommand("generate",
                         "a synthetic caseload (JSON on stdout)\n"
                         "\n"
                         "A deterministic synthetic caseload sized like Lolland-Falster (003_b82c162ee9c6e810.txt),\n"
                         "as JSON on stdout.");
  add_value(*cmd, "--citizens", o->citizens, "N", "number of citizens (default 850)");
  add_value(*cmd, "--seed", o->seed, "S", "seed of the generator (default 2018)");
  add_compact(*cmd, o->flags);
  add_progress(*cmd, o->flags);
  cmd->callback([o, cmd] {
    const std::string name = command_name(*cmd);
    k::GeneratorOptions g;
    if (auto n = number_value(o->citizens, "--citizens", 0, 1'000'000, name)) g.citizens = static_cast<std::size_t>(*n);
    if (auto s = number_value(o->seed, "--seed", 0, UINT64_MAX, name)) g.seed = *s;
    g.progress = progress_of(o->flags, name);
    write_out(k::to_json(k::generate_caseload(g), o->flags.indent()));
  });
}

}  // namespace cli
