// The step model as data: the transition table, its diagram, and that every step reaches an exit.
#include "kanten/rules/model.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/breadth_first_search.hpp>
#include <catch2/catch.hpp>

#include <set>
#include <vector>

using namespace kanten;

namespace {
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

Graph model_graph() {
  Graph g(step_count);
  for (const auto& t : transitions)
    boost::add_edge(static_cast<std::size_t>(t.from), static_cast<std::size_t>(t.to), g);
  return g;
}

std::vector<bool> reachable_from(const Graph& g, std::size_t start) {
  std::vector<bool> seen(boost::num_vertices(g), false);
  struct Visitor : boost::default_bfs_visitor {
    std::vector<bool>* seen;
    void discover_vertex(std::size_t v, const Graph&) const { (*seen)[v] = true; }
  } vis;
  vis.seen = &seen;
  boost::breadth_first_search(g, boost::vertex(start, g), boost::visitor(vis));
  return seen;
}
}  // namespace

TEST_CASE("Every step of the indsatsmodel reaches an exit (Boost.Graph) — 004_3897fdd271fa8a38.txt, Figur 1") {
  const Graph g = model_graph();
  for (std::size_t s = 0; s < step_count; ++s) {
    if (is_exit(static_cast<Step>(s))) continue;
    const auto seen = reachable_from(g, s);
    bool exit_reached = false;
    for (std::size_t t = 0; t < step_count; ++t) exit_reached = exit_reached || (seen[t] && is_exit(static_cast<Step>(t)));
    INFO("step " << name(static_cast<Step>(s)));
    CHECK(exit_reached);
  }
}

TEST_CASE("Each of the three exits is reachable from the start") {
  const auto seen = reachable_from(model_graph(), static_cast<std::size_t>(Step::not_started));
  CHECK(seen[static_cast<std::size_t>(Step::exit_self_support)]);
  CHECK(seen[static_cast<std::size_t>(Step::exit_30_hours)]);
  CHECK(seen[static_cast<std::size_t>(Step::exit_rehabilitation_team)]);
}

TEST_CASE("Exits are terminal and every other step has a way out") {
  std::set<Step> has_out;
  for (const auto& t : transitions) has_out.insert(t.from);
  for (std::size_t s = 0; s < step_count; ++s) {
    const auto step = static_cast<Step>(s);
    INFO("step " << name(step));
    CHECK(has_out.count(step) == (is_exit(step) ? 0u : 1u));
  }
}

TEST_CASE("Each (from, condition) pair has at most one row, and every row cites a source") {
  std::set<std::pair<Step, Condition>> seen;
  std::set<std::string_view> rules;
  for (const auto& t : transitions) {
    INFO("rule " << t.rule);
    CHECK(seen.insert({t.from, t.condition}).second);
    CHECK(rules.insert(t.rule).second);
    REQUIRE(t.source != nullptr);
    CHECK(t.source->seed == sources::indsatsmodel);
    CHECK_FALSE(t.source->quote.empty());
    CHECK(find_transition(t.from, t.condition) == &t);
  }
  CHECK(find_transition(Step::trin1_afklaring, Condition::thirty_ordinary_hours) == nullptr);
  CHECK(find_transition(Step::exit_30_hours, Condition::course_broken_off) == nullptr);
}

TEST_CASE("The step table's transitions follow the source: Trin 1 → 2 → 3 and the exits") {
  CHECK(find_transition(Step::trin1_afklaring, Condition::trin1_complete)->to == Step::trin2_paa_vej_mod_job);
  CHECK(find_transition(Step::trin2_paa_vej_mod_job, Condition::trin2_complete)->to == Step::trin3_virksomhedsforloeb);
  CHECK(find_transition(Step::trin3_virksomhedsforloeb, Condition::thirty_ordinary_hours)->to == Step::exit_30_hours);
  CHECK(find_transition(Step::trin3_virksomhedsforloeb, Condition::course_broken_off)->to ==
        Step::trin2_paa_vej_mod_job);
  CHECK(find_transition(Step::trin3_virksomhedsforloeb, Condition::course_broken_off_rehabilitation)->to ==
        Step::exit_rehabilitation_team);
  CHECK(find_transition(Step::trin1_afklaring, Condition::visited_to_rehabilitation)->to ==
        Step::exit_rehabilitation_team);
}

TEST_CASE("The model exports as Graphviz DOT with every step and every transition") {
  const std::string dot = to_dot();
  CHECK(dot.rfind("digraph", 0) == 0);
  for (std::size_t s = 0; s < step_count; ++s) CHECK(dot.find(std::string(label(static_cast<Step>(s)))) != std::string::npos);
  for (const auto& t : transitions) {
    const std::string edge = std::to_string(static_cast<int>(t.from)) + "->" + std::to_string(static_cast<int>(t.to));
    INFO(edge);
    CHECK(dot.find(edge) != std::string::npos);
    CHECK(dot.find(std::string(name(t.condition))) != std::string::npos);
  }
  CHECK(dot.find("\\\\n") == std::string::npos);  // labels break lines with \n, never a doubled escape
}
