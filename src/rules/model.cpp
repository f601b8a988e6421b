// The step model drawn as Graphviz DOT through Boost.Graph.
#include "kanten/rules/model.hpp"

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/graphviz.hpp>

#include <sstream>

namespace kanten::inline v1 {
namespace {

struct VertexProps {
  std::string label;
  std::string shape;
};
struct EdgeProps {
  std::string label;
};
using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, VertexProps, EdgeProps>;

std::string dot_label(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '\\';
    out += c;
  }
  return out + '"';
}

}  // namespace

void write_dot(std::ostream& out) {
  Graph g(step_count);
  for (std::size_t i = 0; i < step_count; ++i) {
    const auto s = static_cast<Step>(i);
    g[i].label = std::string(label(s));
    g[i].shape = is_exit(s) ? "doublecircle" : (s == Step::not_started ? "point" : "box");
  }
  for (const auto& t : transitions) {
    auto [e, ok] = boost::add_edge(static_cast<std::size_t>(t.from), static_cast<std::size_t>(t.to), g);
    (void)ok;
    g[e].label = std::string(name(t.condition)) + "\\n(" + std::string(t.source->section) + ")";
  }
  boost::write_graphviz(
      out, g,
      [&](std::ostream& o, std::size_t v) {
        o << "[label=" << dot_label(g[v].label) << ", shape=" << g[v].shape << "]";
      },
      [&](std::ostream& o, const Graph::edge_descriptor& e) { o << "[label=" << dot_label(g[e].label) << "]"; },
      [](std::ostream& o) { o << "rankdir=LR;\nnode [fontname=\"Helvetica\"];\n"; });
}

std::string to_dot() {
  std::ostringstream s;
  write_dot(s);
  return s.str();
}

}  // namespace kanten::inline v1
