// kanten demo: generate, evaluate and summarise a Lolland-Falster-sized sample.
#include <algorithm>
#include <iomanip>
#include <memory>
#include <sstream>

#include "cli.hpp"

namespace cli {

namespace {

/// True when any evaluation carries an alert (then the worklist holds alerts too).
bool has_alerts(const std::vector<k::Evaluation>& evaluations) {
  return std::any_of(evaluations.begin(), evaluations.end(), [](const k::Evaluation& e) { return !e.alerts.empty(); });
}

/// The report's summary as text (stdout of `kanten demo`).
std::string summary_text(const k::CaseloadReport& r) {
  const k::CaseloadSummary& s = r.summary;
  const auto& opt = r.options;
  const std::size_t n = s.citizens;
  const k::YearMonth this_month = k::YearMonth::of(r.as_of);
  auto total = [](const Tally& t) {
    std::size_t sum = 0;
    for (const auto& [name, c] : t) sum += c;
    return sum;
  };
  std::ostringstream o;
  o << "kanten " << k::version_string << " demo: rule set " << r.rule_set << "\n";
  o << "Synthetic caseload: " << n << " citizens, seed " << opt.seed << ", from " << k::iso(opt.start) << " over "
    << opt.months << " months; evaluated as of " << k::iso(r.as_of) << ".\n";
  o << "Events: " << s.events << " read, " << s.events_unreadable << " unreadable, " << s.events_applied << " applied, "
    << s.events_after_as_of << " after the as-of date.\n";

  o << "\nTarget group (004, Kerneelement 3)\n";
  print_row(o, "members", s.members, percent(s.members, n));
  print_row(o, "outside the target group", n - s.members, percent(n - s.members, n));
  for (const auto& [name, c] : k::by_count(s.target_group_reasons)) print_row(o, "  reason: " + name, c);

  o << "\nCitizens per step\n";
  for (std::size_t i = 0; i < k::step_count; ++i)
    print_row(o, std::string(k::name(static_cast<k::Step>(i))), s.steps[i], percent(s.steps[i], n));
  if (s.thirty_hours_pending)
    print_row(o, "(in Trin 3 with 30 h this month: exit at month end)", s.thirty_hours_pending);

  o << "\nExits (" << total(s.exits) << ")\n";
  print_tally(o, s.exits);
  for (const auto& [name, c] : k::by_count(s.exit_rules)) print_row(o, "  by rule: " + name, c);

  o << "\nEvents not applied (" << total(s.not_applied) << "), by reason\n";
  print_tally(o, s.not_applied);

  o << "\nViolations (" << total(s.violations) << ")\n";
  print_tally(o, s.violations);

  if (!s.alerts.empty()) {
    o << "\nAlerts (" << total(s.alerts) << ": thresholds given on the command line)\n";
    print_tally(o, s.alerts);
  }

  o << "\nFollow-up (004, Kerneelement 7: a contact every month in the first year of Trin 3)\n";
  print_row(o, "citizens who entered Trin 3", s.followup_citizens);
  print_row(o, "  in their follow-up year in " + this_month.str(), s.in_followup_year);
  print_row(o, "months breached (ended without a contact)", s.breached_months);
  print_row(o, "  citizens with a breach", s.citizens_with_breach);
  print_row(o, "worklist for " + this_month.str() + ": need a contact" + (has_alerts(r.evaluations) ? " or alert" : ""),
            r.worklist.size());
  if (!r.worklist.empty()) {
    o << "    " << std::left << std::setw(16) << "citizen" << std::setw(14) << "jobformidler" << std::setw(12)
      << "deadline" << std::setw(14) << "last contact" << std::setw(10) << "breached"
      << "alerts" << std::right << '\n';
    const std::size_t shown = std::min<std::size_t>(r.worklist.size(), 15);
    for (std::size_t i = 0; i < shown; ++i) {
      const auto& w = r.worklist[i];
      std::string alerts;
      for (const auto& a : w.alerts)
        alerts += (alerts.empty() ? "" : ", ") + std::string(k::name(a.kind)) + " " + std::to_string(a.value);
      o << "    " << std::left << std::setw(16) << w.citizen << std::setw(14)
        << (w.jobformidler.empty() ? std::string("-") : w.jobformidler) << std::setw(12)
        << (w.deadline ? k::iso(*w.deadline) : std::string("-")) << std::setw(14)
        << (w.last_contact ? k::iso(*w.last_contact) : std::string("never")) << std::setw(10) << w.breached_months
        << (alerts.empty() ? std::string("-") : alerts) << std::right << '\n';
    }
    if (r.worklist.size() > shown) o << "    ... and " << r.worklist.size() - shown << " more (see the report)\n";
  }

  o << "\nSanction answers (004, Kerneelement 5): " << s.failures << " recorded failures\n";
  for (auto st : {k::SanctionStatus::eligible, k::SanctionStatus::not_eligible, k::SanctionStatus::undecided}) {
    const std::string nm(k::name(st));
    print_row(o, nm, s.sanction_status.count(nm) ? s.sanction_status.at(nm) : 0);
  }
  if (!s.not_eligible_because.empty()) {
    o << "  not eligible because:\n";
    for (const auto& [name, c] : k::by_count(s.not_eligible_because)) print_row(o, "  " + name, c);
  }
  if (!s.undecided_wait_for.empty()) {
    o << "  undecided answers wait for:\n";
    for (const auto& [name, c] : k::by_count(s.undecided_wait_for)) print_row(o, "  " + name, c);
  }

  const k::MatchResult& proposal = r.matching;
  const k::Market& trin2 = r.trin2;
  o << "\nProposed matching for the " << trin2.citizens.size() << " citizens in Trin 2 (optimal assignment, "
    << trin2.companies.size() << " companies, " << trin2.tasks.size() << " tasks, weights " << proposal.weights_version
    << ")\n";
  print_row(o, "candidate pairs after the hard filters", proposal.candidates,
            proposal.max_candidates_per_citizen > 0
                ? "best " + std::to_string(proposal.max_candidates_per_citizen) + " per citizen"
                : "");
  if (proposal.citizens_at_bound > 0)  // 0: nothing was cut, the proposal is exact (docs/matching.md)
    print_row(o, "citizens at that bound", proposal.citizens_at_bound, "may have more candidates");
  print_row(o, "citizens matched to a task", proposal.matches.size(),
            percent(proposal.matches.size(), trin2.citizens.size()));
  print_row(o, "total score", static_cast<std::size_t>(proposal.total_score), proposal.optimal ? "optimal" : "");
  const std::size_t shown = std::min<std::size_t>(proposal.matches.size(), 5);
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& x = proposal.matches[i];
    o << "    " << trin2.citizens[x.citizen].id << " -> " << trin2.tasks[x.task].id << " (" << x.breakdown.total()
      << " points)\n";
    for (const auto& reason : x.reasons) o << "      + " << reason << "\n";
    for (const auto& concern : x.concerns) o << "      ! " << concern << "\n";
  }
  if (proposal.matches.size() > shown)
    o << "    ... and " << proposal.matches.size() - shown << " more matches, with reasons, in the report\n";

  const k::ProgrammeFigures& figures = r.figures;
  o << "\nProgramme figures as of " << k::iso(r.as_of) << " (docs/programme.md)\n";
  for (std::size_t i = 0; i < k::funnel_stage_count; ++i) {
    const auto stage = static_cast<k::FunnelStage>(i);
    print_row(o, std::string(k::name(stage)), figures.count(stage),
              i == 0 ? "" : percent(figures.count(stage), figures.count(k::FunnelStage::entered)));
  }
  o << "  share with paid hours: " << share_text(figures.paid_hours_share)
    << " of those who entered (003_b82c162ee9c6e810.txt reports about 15 % at the midterm)\n";

  const k::BusPlan& bus = r.bus;
  o << "\nBus trips to companies (002, " << bus.model << ") for the " << r.referrals.size()
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
      o << "    visits " << trin2.companies[static_cast<std::size_t>(v.company)].id << ":";
      for (const auto& reason : v.reasons) o << " " << reason << ";";
      o << "\n";
    }
  }
  return o.str();
}

struct Options {
  std::optional<std::string> citizens, seed, as_of, out;
  AlertFlags alerts;
  WorklistFlags worklist;
  CommonFlags flags;
};

void run_demo(const Options& opt, const std::string& name) {
  const k::Progress progress = progress_of(opt.flags, name);
  k::GeneratorOptions g;
  if (auto n = number_value(opt.citizens, "--citizens", 0, 1'000'000, name)) g.citizens = static_cast<std::size_t>(*n);
  if (auto s = number_value(opt.seed, "--seed", 0, UINT64_MAX, name)) g.seed = *s;
  // By default the programme's midterm, mid-month: the 15th of the period's 12th month, when many
  // citizens are in their follow-up year and this month's contacts are still being made.
  const k::Date as_of =
      date_value(opt.as_of, "--as-of", name)
          .value_or(k::YearMonth::of(g.start).plus(std::min(std::max(g.months, 1), 12) - 1).first_day() +
                    boost::gregorian::days(14));
  const std::string out_path = opt.out ? *opt.out : "kanten-report.json";
  if (out_path.empty()) throw UsageError("option '--out': needs a file name", name);
  const k::AlertOptions alerts = alert_options(opt.alerts, name);
  const k::WorklistOptions which = worklist_options(opt.worklist, name);

  // The caseload and the market of the same seed (the matcher's view of the same citizens), and
  // the report of the library made of them.
  g.progress = progress;
  const k::Caseload load = k::generate_caseload(g);
  k::EvaluateOptions eval;
  eval.as_of = as_of;
  eval.alerts = alerts;
  eval.progress = progress;
  auto evaluations = k::evaluate_all(load, eval);
  const k::Market market = k::generate_market({.citizens = g.citizens, .seed = g.seed, .progress = progress});
  k::CaseloadReport r = k::caseload_report(load, std::move(evaluations), market,
                                           {.as_of = as_of,
                                            .generated_citizens = g.citizens,
                                            .seed = g.seed,
                                            .start = g.start,
                                            .months = g.months,
                                            .progress = progress});
  // The report's worklist is everyone's, in deadline order; the options filter or group it.
  if (!which.jobformidler.empty() || which.group_by_jobformidler)
    r.worklist = k::followup_worklist(r.evaluations, which);
  write_file(out_path, k::to_json(r, market, opt.flags.indent()), "--out");
  write_out(summary_text(r) + "\nFull report (every evaluation, with reasons and sources): " + out_path + "\n");
}

}  // namespace

void add_demo(CLI::App& app) {
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "demo",
      "generate, evaluate and summarise a Lolland-Falster-sized sample\n"
      "\n"
      "Generates the synthetic caseload and its market, evaluates every case as of DATE, prints a\n"
      "summary (citizens per step, exits, target group, events not applied, violations, follow-up\n"
      "breaches and this month's worklist, sanction answers and what undecided ones wait for, and a\n"
      "proposed matching for everyone in Trin 2 with the reasons for each match) and writes the full\n"
      "report as JSON to FILE. The worklist names each citizen's jobformidler; the alert options add\n"
      "the citizens with an alert to it.");
  add_value(*cmd, "--citizens", o->citizens, "N", "number of citizens (default 850)");
  add_value(*cmd, "--seed", o->seed, "S", "seed of the generator (default 2018)");
  add_value(*cmd, "--as-of", o->as_of, "DATE",
            "evaluate as of this date (default: the 15th of the period's 12th month)");
  add_value(*cmd, "--out", o->out, "FILE", "where to write the report (default kanten-report.json)");
  add_alerts(*cmd, o->alerts);
  add_worklist_flags(*cmd, o->worklist);
  add_compact(*cmd, o->flags);
  add_progress(*cmd, o->flags);
  cmd->callback([o, cmd] { run_demo(*o, command_name(*cmd)); });
}

}  // namespace cli
