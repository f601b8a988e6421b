// kanten — DIMACS min-cost-flow reader/writer for layered bipartite instances.
#include "kanten/bipartite/dimacs.hpp"

#include <algorithm>
#include <charconv>
#include <istream>
#include <iterator>
#include <limits>
#include <ostream>
#include <sstream>
#include <vector>

namespace kanten::inline v1::bipartite {

DimacsError::DimacsError(std::int64_t line, std::string field, const std::string& detail)
    : Error(Errc::parse_error, std::move(field), "",
            (line > 0 ? "dimacs line " + std::to_string(line) : std::string("dimacs")) + ": " + detail),
      line_(line) {}

void write_dimacs(std::ostream& out, const Instance& inst) { write_dimacs(out, inst, 0); }

void write_dimacs(std::ostream& out, const Instance& inst, std::int64_t penalty) {
  validate(inst);
  // Each edge costs penalty − score; checked before anything is written.
  for (std::size_t k = 0; k < inst.edges.size(); ++k) {
    std::int64_t cost = 0;
    if (__builtin_sub_overflow(penalty, inst.edges[k].score, &cost))
      throw Error(Errc::invalid_argument, "penalty", std::to_string(penalty),
                  "penalty − score of edges[" + std::to_string(k) + "] (score " + std::to_string(inst.edges[k].score) +
                      ") does not fit in 64 bits");
  }
  const std::int64_t nl = inst.num_left, nr = inst.num_right(), ng = inst.num_groups();
  const std::int64_t nodes = 2 + nl + nr + ng;
  const std::int64_t arcs = 1 + nl + static_cast<std::int64_t>(inst.edges.size()) + nr + ng;
  const std::int64_t left0 = 3, right0 = 3 + nl, group0 = 3 + nl + nr;
  out << "c kanten layered bipartite instance (min-cost flow, cost = penalty - score; docs/solve.md)\n"
      << "c node 1 = source, node 2 = sink, left " << left0 << ".." << (right0 - 1) << ", right " << right0 << ".."
      << (group0 - 1) << ", group " << group0 << ".." << (nodes) << "\n"
      << "c kanten-layout " << nl << ' ' << nr << ' ' << ng << "\n"
      << "c penalty " << penalty << " (the bypass arc 1 -> 2: a left node left unassigned)\n"
      << "p min " << nodes << ' ' << arcs << "\n"
      << "n 1 " << nl << "\n"
      << "n 2 " << -nl << "\n"
      << "a 1 2 0 " << nl << ' ' << penalty << "\n";
  for (std::int64_t i = 0; i < nl; ++i) out << "a 1 " << left0 + i << " 0 1 0\n";
  for (const Edge& x : inst.edges)
    out << "a " << left0 + x.left << ' ' << right0 + x.right << " 0 1 " << penalty - x.score << "\n";
  for (std::int64_t j = 0; j < nr; ++j)
    out << "a " << right0 + j << ' ' << group0 + inst.right_group[j] << " 0 " << inst.right_slots[j] << " 0\n";
  for (std::int64_t g = 0; g < ng; ++g) out << "a " << group0 + g << " 2 0 " << inst.group_capacity[g] << " 0\n";
}

std::string to_dimacs(const Instance& inst) { return to_dimacs(inst, 0); }

std::string to_dimacs(const Instance& inst, std::int64_t penalty) {
  std::ostringstream os;
  write_dimacs(os, inst, penalty);
  return os.str();
}

namespace {

struct RawArc {
  std::int64_t line, tail, head, low, cap, cost;
};

class Parser {
 public:
  DimacsProblem parse(std::string_view text);

 private:
  std::int64_t number(std::string_view tok, std::int64_t line, const char* field) const {
    std::int64_t v = 0;
    const char* b = tok.data();
    const char* e = tok.data() + tok.size();
    if (!tok.empty() && *b == '+') ++b;
    const auto [p, ec] = std::from_chars(b, e, v);
    if (tok.empty() || ec != std::errc{} || p != e)
      throw DimacsError(line, field, "expected an integer, got '" + std::string(tok) + "'");
    return v;
  }
  std::int64_t node_id(std::string_view tok, std::int64_t line, const char* field) const {
    const std::int64_t v = number(tok, line, field);
    if (v < 1 || v > nodes_)
      throw DimacsError(line, field, "node id " + std::to_string(v) + " outside 1.." + std::to_string(nodes_));
    return v;
  }

  std::int64_t nodes_ = -1, arcs_ = -1;
};

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r')) ++i;
    if (i >= s.size()) break;
    std::size_t j = i;
    while (j < s.size() && s[j] != ' ' && s[j] != '\t' && s[j] != '\r') ++j;
    out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

DimacsProblem Parser::parse(std::string_view text) {
  std::vector<std::int64_t> supply;
  std::vector<std::int64_t> supply_line;
  std::vector<RawArc> arcs;
  std::int64_t line_no = 0, last_line = 0;
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const std::size_t nl = text.find('\n', pos);
    const std::string_view line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
    ++line_no;
    const auto tok = split(line);
    if (tok.empty()) continue;
    last_line = line_no;
    const std::string_view kind = tok[0];
    if (kind == "c") continue;
    if (kind == "p") {
      if (nodes_ >= 0) throw DimacsError(line_no, "p", "second problem line");
      if (tok.size() != 4) throw DimacsError(line_no, "p", "expected 'p min NODES ARCS'");
      if (tok[1] != "min")
        throw DimacsError(line_no, "problem type", "expected 'min', got '" + std::string(tok[1]) + "'");
      nodes_ = number(tok[2], line_no, "nodes");
      arcs_ = number(tok[3], line_no, "arcs");
      if (nodes_ < 2) throw DimacsError(line_no, "nodes", "need at least a source and a sink");
      if (nodes_ > (std::int64_t{1} << 31) - 16) throw DimacsError(line_no, "nodes", "too many nodes");
      if (arcs_ < 0) throw DimacsError(line_no, "arcs", "negative arc count");
      // The counts are checked against the text before anything is sized by them: an arc line
      // ("a 1 2 0 1 0") takes at least 11 characters and its newline, and every node but the
      // source and the sink lies on an arc, so ARCS arcs reach at most 2 + 2 × ARCS nodes.
      if (arcs_ > static_cast<std::int64_t>((text.size() + 1) / 12))
        throw DimacsError(line_no, "arcs",
                          "announced " + std::to_string(arcs_) + " arcs; the text has room for at most " +
                              std::to_string((text.size() + 1) / 12) + " arc lines");
      if (nodes_ > 2 + 2 * arcs_)
        throw DimacsError(line_no, "nodes",
                          std::to_string(nodes_) + " nodes, but " + std::to_string(arcs_) + " arcs reach at most " +
                              std::to_string(2 + 2 * arcs_) +
                              " (every node but the source and the sink lies on an arc)");
      supply.assign(static_cast<std::size_t>(nodes_) + 1, 0);
      supply_line.assign(static_cast<std::size_t>(nodes_) + 1, 0);
      arcs.reserve(static_cast<std::size_t>(arcs_));
      continue;
    }
    if (kind != "n" && kind != "a")
      throw DimacsError(line_no, "line type", "expected 'c', 'p', 'n' or 'a', got '" + std::string(kind) + "'");
    if (nodes_ < 0) throw DimacsError(line_no, "p", "'" + std::string(kind) + "' line before the problem line");
    if (kind == "n") {
      if (tok.size() != 3) throw DimacsError(line_no, "n", "expected 'n ID FLOW'");
      const std::int64_t id = node_id(tok[1], line_no, "node id");
      const std::int64_t flow = number(tok[2], line_no, "flow");
      if (supply_line[id] != 0)
        throw DimacsError(line_no, "node id",
                          "supply of node " + std::to_string(id) + " given twice (first on line " +
                              std::to_string(supply_line[id]) + ")");
      supply[id] = flow;
      supply_line[id] = line_no;
      continue;
    }
    if (tok.size() != 6) throw DimacsError(line_no, "a", "expected 'a SRC DST LOW CAP COST'");
    RawArc a{line_no,
             node_id(tok[1], line_no, "source node"),
             node_id(tok[2], line_no, "destination node"),
             number(tok[3], line_no, "low"),
             number(tok[4], line_no, "capacity"),
             number(tok[5], line_no, "cost")};
    if (a.low != 0) throw DimacsError(line_no, "low", "lower bounds must be 0, got " + std::to_string(a.low));
    if (a.cap < 0) throw DimacsError(line_no, "capacity", "negative capacity " + std::to_string(a.cap));
    if (a.tail == a.head) throw DimacsError(line_no, "destination node", "self-loop");
    if (static_cast<std::int64_t>(arcs.size()) >= arcs_)
      throw DimacsError(line_no, "arcs", "more arc lines than the " + std::to_string(arcs_) + " announced");
    arcs.push_back(a);
  }
  if (nodes_ < 0) throw DimacsError(0, "p", "no problem line");
  if (static_cast<std::int64_t>(arcs.size()) != arcs_)
    throw DimacsError(last_line, "arcs",
                      "announced " + std::to_string(arcs_) + " arcs, found " + std::to_string(arcs.size()));

  // Source and sink by supply.
  std::int64_t source = -1, sink = -1;
  for (std::int64_t v = 1; v <= nodes_; ++v) {
    if (supply[v] > 0) {
      if (source >= 0)
        throw DimacsError(supply_line[v], "flow", "second node with positive supply (node " + std::to_string(v) + ")");
      source = v;
    } else if (supply[v] < 0) {
      if (sink >= 0)
        throw DimacsError(supply_line[v], "flow", "second node with negative supply (node " + std::to_string(v) + ")");
      sink = v;
    }
  }
  if (source < 0 && sink < 0) {
    // No left nodes: the supplies are 0; the source and sink are the nodes of the two 'n' lines, in order.
    std::vector<std::pair<std::int64_t, std::int64_t>> declared;  // (line, node)
    for (std::int64_t v = 1; v <= nodes_; ++v)
      if (supply_line[v] != 0) declared.emplace_back(supply_line[v], v);
    std::sort(declared.begin(), declared.end());
    if (declared.size() == 2) {
      source = declared[0].second;
      sink = declared[1].second;
    }
  }
  if (source < 0 || sink < 0)
    throw DimacsError(0, "flow",
                      "need one source (positive supply) and one sink (negative supply); with zero supply, "
                      "exactly two 'n' lines, source first");
  if (supply[source] != -supply[sink])
    throw DimacsError(supply_line[sink], "flow",
                      "sink demand " + std::to_string(-supply[sink]) + " differs from source supply " +
                          std::to_string(supply[source]));

  enum node_role : std::int8_t { none, left_role, right_role, group_role };
  std::vector<std::int8_t> role(static_cast<std::size_t>(nodes_) + 1, none);
  std::vector<std::int64_t> role_line(static_cast<std::size_t>(nodes_) + 1, 0);
  auto assign = [&](std::int64_t v, node_role r, std::int64_t line, const char* field) {
    if (v == source || v == sink) throw DimacsError(line, field, "source or sink used inside the layered structure");
    if (role[v] != none && role[v] != r)
      throw DimacsError(
          line, field,
          "node " + std::to_string(v) + " has conflicting roles (see line " + std::to_string(role_line[v]) + ")");
    role[v] = r;
    role_line[v] = line;
  };
  bool bypass = false;
  std::int64_t penalty = 0;
  for (const RawArc& a : arcs) {
    if (a.tail == source && a.head == sink) {
      // The bypass arc's cost is the penalty of an unassigned left node (docs/solve.md).
      penalty = a.cost;
      if (a.cap < supply[source])
        throw DimacsError(a.line, "capacity",
                          "bypass arc source→sink must carry the whole supply " + std::to_string(supply[source]));
      if (bypass) throw DimacsError(a.line, "destination node", "second bypass arc");
      bypass = true;
    } else if (a.tail == source) {
      if (a.cap != 1 || a.cost != 0)
        throw DimacsError(a.line, a.cap != 1 ? "capacity" : "cost", "source→left arcs must be 'LOW 0 CAP 1 COST 0'");
      assign(a.head, left_role, a.line, "destination node");
    } else if (a.head == sink) {
      if (a.cost != 0) throw DimacsError(a.line, "cost", "group→sink arcs must cost 0");
      assign(a.tail, group_role, a.line, "source node");
    } else if (a.head == source || a.tail == sink) {
      throw DimacsError(a.line, a.head == source ? "destination node" : "source node",
                        "arc into the source or out of the sink");
    }
  }
  if (!bypass) throw DimacsError(0, "arcs", "no source→sink bypass arc (kanten instances allow any flow value)");
  for (const RawArc& a : arcs)
    if (a.tail != source && a.head != sink && role[a.head] == group_role) {
      if (a.cost != 0) throw DimacsError(a.line, "cost", "right→group arcs must cost 0");
      assign(a.tail, right_role, a.line, "source node");
    }
  // Ids per layer in DIMACS node order.
  std::vector<std::int32_t> id(static_cast<std::size_t>(nodes_) + 1, -1);
  std::int32_t nl = 0, nr = 0, ng = 0;
  for (std::int64_t v = 1; v <= nodes_; ++v) {
    if (v == source || v == sink) continue;
    switch (role[v]) {
      case left_role:
        id[v] = nl++;
        break;
      case right_role:
        id[v] = nr++;
        break;
      case group_role:
        id[v] = ng++;
        break;
      default:
        throw DimacsError(0, "node id", "node " + std::to_string(v) + " is not part of the layered structure");
    }
  }
  if (supply[source] != nl)
    throw DimacsError(
        supply_line[source], "flow",
        "source supply " + std::to_string(supply[source]) + " differs from the " + std::to_string(nl) + " left nodes");
  DimacsProblem problem;
  problem.penalty = penalty;
  problem.source = source;
  problem.sink = sink;
  problem.left_node.resize(static_cast<std::size_t>(nl));
  problem.right_node.resize(static_cast<std::size_t>(nr));
  problem.group_node.resize(static_cast<std::size_t>(ng));
  for (std::int64_t v = 1; v <= nodes_; ++v) {
    if (v == source || v == sink) continue;
    auto& layer = role[v] == left_role ? problem.left_node : role[v] == right_role ? problem.right_node : problem.group_node;
    layer[static_cast<std::size_t>(id[v])] = v;
  }
  Instance& inst = problem.instance;
  inst.num_left = nl;
  inst.right_slots.assign(static_cast<std::size_t>(nr), -1);
  inst.right_group.assign(static_cast<std::size_t>(nr), -1);
  inst.group_capacity.assign(static_cast<std::size_t>(ng), -1);
  std::vector<std::int64_t> seen_left(static_cast<std::size_t>(nl), 0);
  for (const RawArc& a : arcs) {
    if (a.tail == source) {
      if (a.head != sink) {
        if (seen_left[id[a.head]] != 0)
          throw DimacsError(a.line, "destination node", "second source arc to node " + std::to_string(a.head));
        seen_left[id[a.head]] = a.line;
      }
      continue;
    }
    if (a.head == sink) {
      auto& c = inst.group_capacity[id[a.tail]];
      if (c >= 0)
        throw DimacsError(a.line, "source node",
                          "second arc from group node " + std::to_string(a.tail) + " to the sink");
      if (a.cap > std::numeric_limits<std::int32_t>::max()) throw DimacsError(a.line, "capacity", "too large");
      c = static_cast<std::int32_t>(a.cap);
      continue;
    }
    const auto rt = role[a.tail], rh = role[a.head];
    if (rt == right_role && rh == group_role) {
      if (inst.right_group[id[a.tail]] >= 0)
        throw DimacsError(a.line, "source node", "right node " + std::to_string(a.tail) + " has a second group arc");
      if (a.cap > std::numeric_limits<std::int32_t>::max()) throw DimacsError(a.line, "capacity", "too large");
      inst.right_group[id[a.tail]] = id[a.head];
      inst.right_slots[id[a.tail]] = static_cast<std::int32_t>(a.cap);
    } else if (rt == left_role && rh == right_role) {
      if (a.cap != 1)
        throw DimacsError(a.line, "capacity", "left→right arcs must have capacity 1, got " + std::to_string(a.cap));
      // Score P − c; an arc with c >= P never costs less than leaving its left node unassigned: left out.
      if (a.cost >= penalty) {
        ++problem.arcs_left_out;
        continue;
      }
      std::int64_t score = 0;
      if (__builtin_sub_overflow(penalty, a.cost, &score))
        throw DimacsError(a.line, "cost",
                          "score = penalty " + std::to_string(penalty) + " − cost " + std::to_string(a.cost) +
                              " does not fit in 64 bits");
      inst.edges.push_back({id[a.tail], id[a.head], score});
    } else {
      throw DimacsError(a.line, "destination node",
                        "arc " + std::to_string(a.tail) + "→" + std::to_string(a.head) +
                            " does not fit the layers source→left→right→group→sink");
    }
  }
  // The solver's limit (max_supported_score), refused here on the arc's own line.
  const std::int64_t limit = max_supported_score(inst);
  if (std::none_of(inst.edges.begin(), inst.edges.end(), [&](const Edge& e) { return e.score > limit; }))
    return problem;
  std::size_t k = 0;
  for (const RawArc& a : arcs) {
    if (a.tail == source || a.head == sink || role[a.tail] != left_role || a.cost >= penalty) continue;
    if (inst.edges[k].score > limit)
      throw DimacsError(a.line, "cost",
                        "score = penalty " + std::to_string(penalty) + " − cost " + std::to_string(a.cost) + " = " +
                            std::to_string(inst.edges[k].score) + " exceeds the solver's maximum " +
                            std::to_string(limit) + " for an instance of this size");
    ++k;
  }
  return problem;
}

}  // namespace

DimacsProblem parse_dimacs_problem(std::string_view text) {
  Parser p;
  return p.parse(text);
}

Instance parse_dimacs(std::string_view text) { return parse_dimacs_problem(text).instance; }

DimacsSolution dimacs_solution(const DimacsProblem& problem, std::span<const std::int32_t> right_of_left) {
  const Instance& inst = problem.instance;
  const AssignmentResult check = check_assignment(inst, right_of_left);
  if (!check.feasible) throw Error(Errc::invalid_argument, "right_of_left", "", check.message);
  // cost = P × (unassigned) + Σ c = P × L − Σ (P − c) = P × L − total score, exactly (128 bits), then checked.
  __extension__ typedef __int128 wide;  // GCC and Clang: exact products of two 64-bit values
  const wide cost = static_cast<wide>(problem.penalty) * inst.num_left - check.total_score;
  if (cost < std::numeric_limits<std::int64_t>::min() || cost > std::numeric_limits<std::int64_t>::max())
    throw Error(Errc::invalid_argument, "optimum", "",
                "penalty " + std::to_string(problem.penalty) + " × " + std::to_string(inst.num_left) +
                    " left nodes − total score " + std::to_string(check.total_score) + " does not fit in 64 bits");
  DimacsSolution sol;
  sol.cost = static_cast<std::int64_t>(cost);
  const std::int32_t nl = inst.num_left, nr = inst.num_right(), ng = inst.num_groups();
  std::vector<std::int64_t> per_right(static_cast<std::size_t>(nr), 0), per_group(static_cast<std::size_t>(ng), 0);
  if (nl > check.num_assigned) sol.flow.push_back({problem.source, problem.sink, nl - check.num_assigned});
  for (std::int32_t i = 0; i < nl; ++i) {
    const std::int32_t j = right_of_left[static_cast<std::size_t>(i)];
    if (j < 0) continue;
    const std::int64_t left = problem.left_node[static_cast<std::size_t>(i)];
    sol.flow.push_back({problem.source, left, 1});
    sol.flow.push_back({left, problem.right_node[static_cast<std::size_t>(j)], 1});
    ++per_right[static_cast<std::size_t>(j)];
    ++per_group[static_cast<std::size_t>(inst.right_group[static_cast<std::size_t>(j)])];
  }
  for (std::int32_t j = 0; j < nr; ++j)
    if (per_right[static_cast<std::size_t>(j)] > 0)
      sol.flow.push_back({problem.right_node[static_cast<std::size_t>(j)],
                          problem.group_node[static_cast<std::size_t>(inst.right_group[static_cast<std::size_t>(j)])],
                          per_right[static_cast<std::size_t>(j)]});
  for (std::int32_t g = 0; g < ng; ++g)
    if (per_group[static_cast<std::size_t>(g)] > 0)
      sol.flow.push_back({problem.group_node[static_cast<std::size_t>(g)], problem.sink,
                          per_group[static_cast<std::size_t>(g)]});
  return sol;
}

Instance read_dimacs(std::istream& in) {
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_dimacs(text);
}

}  // namespace kanten::inline v1::bipartite
