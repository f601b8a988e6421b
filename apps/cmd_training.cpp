// kanten training plan|route: social training tracks at workplaces (001_8429fb4aa12981cf.txt).
#include <memory>

#include "cli.hpp"

namespace cli {

void add_training(CLI::App& app) {
  CLI::App* training = app.add_subcommand("training",
                                          "social training tracks at workplaces (001)\n"
                                          "\n"
                                          "Social training tracks at workplaces (001_8429fb4aa12981cf.txt).");

  struct PlanOptions {
    std::string file;
    std::optional<std::string> start, citizens_per_mentor;
    CommonFlags flags;
  };
  auto p = std::make_shared<PlanOptions>();
  CLI::App* plan = training->add_subcommand(
      "plan",
      "place citizens on 13-week social training tracks (001)\n"
      "\n"
      "FILE is a market ({\"citizens\", \"companies\", \"tasks\"}) with optional\n"
      "\"training\": {\"start\": DATE, \"requests\": [{\"citizen\": ID, \"weeks\": 13}], \"ongoing\": [tracks]}\n"
      "(all citizens of the market when no requests are given); see docs/bus-and-training.md. Places the\n"
      "citizens on tracks by the matcher's optimal assignment, each workplace taking no more citizens\n"
      "than it has mentor-trained contact persons free for the track's whole period (one citizen per\n"
      "mentor unless --citizens-per-mentor or \"citizens_per_mentor\" says otherwise); prints the\n"
      "tracks (13 weeks unless fitted, hours fitted to the citizen, the company-facing view), who\n"
      "could not be placed and why, and the mentor load.");
  add_file(*plan, p->file, "the market with the training requests");
  add_value(*plan, "--start", p->start, "DATE", "the tracks' first day (overrides the file's)");
  add_value(*plan, "--citizens-per-mentor", p->citizens_per_mentor, "N",
            "citizens one mentor takes at once, 1-10 (default 1, the project's decision; overrides the file's)");
  add_compact(*plan, p->flags);
  plan->callback([p, plan] {
    const std::string name = command_name(*plan);
    const k::TrainingInput in = k::training_input_from_json(read_input(p->file), read_options);
    report_warnings(in.warnings);
    k::TrainingOptions o;
    o.start = in.start;
    if (auto d = date_value(p->start, "--start", name)) o.start = *d;
    if (o.start.is_special()) throw UsageError("missing --start DATE (or \"training\": {\"start\"} in FILE)", name);
    o.ongoing = in.ongoing;
    o.citizens_per_mentor = in.citizens_per_mentor;
    if (auto n = number_value(p->citizens_per_mentor, "--citizens-per-mentor", 1,
                              static_cast<std::uint64_t>(k::max_citizens_per_mentor), name))
      o.citizens_per_mentor = static_cast<std::int32_t>(*n);
    write_out(
        k::to_json(k::plan_training_tracks(in.market, in.requests, o), in.market, p->flags.indent(), in.warnings));
  });

  struct RouteOptions {
    bool ordinary = false, special_terms = false;
    CommonFlags flags;
  };
  auto r = std::make_shared<RouteOptions>();
  CLI::App* route = training->add_subcommand(
      "route",
      "internship or training track, and why (001)\n"
      "\n"
      "Internship for a citizen close to an ordinary job or a job on special terms, the training\n"
      "track for the others, with the reason and its source.");
  route->add_flag("--close-to-ordinary-job", r->ordinary, "the caseworker finds the citizen close to an ordinary job");
  route->add_flag("--close-to-special-terms-job", r->special_terms, "… or to a job on special terms");
  add_compact(*route, r->flags);
  route->callback([r] {
    write_out(k::to_json(k::route_workplace({r->ordinary, r->special_terms}), r->flags.indent()));
  });
}

}  // namespace cli
