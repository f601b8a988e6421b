// kanten generate-market: a synthetic labour market.
#include <memory>

#include "cli.hpp"

namespace cli {

void add_generate_market(CLI::App& app) {
  struct Options {
    std::optional<std::string> citizens, companies, seed, region;
    CommonFlags flags;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "generate-market",
      "a synthetic labour market (JSON on stdout)\n"
      "\n"
      "A deterministic synthetic labour market, as JSON on stdout (readable by 'kanten match'):\n"
      "citizens, companies and their tasks, placed around real towns. Sized like Lolland-Falster by\n"
      "default (003_b82c162ee9c6e810.txt: 850 citizens, 400 companies).");
  add_value(*cmd, "--citizens", o->citizens, "N", "number of citizens (default 850)");
  add_value(*cmd, "--companies", o->companies, "N", "number of companies (default 400; about 2.5 tasks each)");
  add_value(*cmd, "--seed", o->seed, "S", "seed of the generator (default 2018)");
  add_value(*cmd, "--region", o->region, "lolland-falster|denmark",
            "lolland-falster (default) or denmark (the larger towns of all Denmark)");
  add_compact(*cmd, o->flags);
  add_progress(*cmd, o->flags);
  cmd->callback([o, cmd] {
    const std::string name = command_name(*cmd);
    k::MarketOptions m;
    m.progress = progress_of(o->flags, name);
    if (auto n = number_value(o->citizens, "--citizens", 0, 1'000'000, name)) m.citizens = static_cast<std::size_t>(*n);
    if (auto n = number_value(o->companies, "--companies", 0, 1'000'000, name))
      m.companies = static_cast<std::size_t>(*n);
    if (auto s = number_value(o->seed, "--seed", 0, UINT64_MAX, name)) m.seed = *s;
    if (const auto& r = o->region) {
      if (*r == "lolland-falster" || *r == "lolland_falster")
        m.region = k::Region::lolland_falster;
      else if (*r == "denmark")
        m.region = k::Region::denmark;
      else
        throw UsageError("option '--region': value '" + *r + "': expected lolland-falster or denmark", name);
    }
    write_out(k::to_json(k::generate_market(m), o->flags.indent()));
  });
}

}  // namespace cli
