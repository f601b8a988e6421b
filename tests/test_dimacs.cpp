// Tests of the DIMACS reader's penalty (the bypass arc's cost), the solution in the file's own terms
// (include/kanten/bipartite/dimacs.hpp, docs/solve.md) and the writer with a penalty. The optima are
// worked out by hand or by enumerating every assignment of the file's arcs, never by the formula
// under test (min cost = P × L − total score).
#include <catch2/catch.hpp>

#include <cstdint>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "kanten/bipartite/assignment.hpp"
#include "kanten/bipartite/dimacs.hpp"
#include "kanten/core/error.hpp"

namespace km = kanten::bipartite;

namespace {

/// The min-cost solution of `text` through the reader, the solver and dimacs_solution().
km::DimacsSolution solve_text(const std::string& text) {
  const km::DimacsProblem p = km::parse_dimacs_problem(text);
  const km::AssignmentResult r = km::solve_assignment(p.instance);
  REQUIRE(r.feasible);
  REQUIRE(r.optimal);
  return km::dimacs_solution(p, r.right_of_left);
}

using Flow = std::vector<std::tuple<std::int64_t, std::int64_t, std::int64_t>>;

Flow flow_of(const km::DimacsSolution& s) {
  Flow f;
  for (const auto& a : s.flow) f.emplace_back(a.tail, a.head, a.flow);
  return f;
}

/// The DimacsError `text` raises (fails the test if it raises none).
km::DimacsError error_of(const std::string& text) {
  try {
    (void)km::parse_dimacs_problem(text);
  } catch (const km::DimacsError& e) {
    return e;
  }
  FAIL("no DimacsError for: " << text);
  throw;  // not reached
}

// A file's arcs as a min-cost-flow network, for the brute force below.
struct Arc {
  std::int64_t tail, head, cap, cost;
};

/// The min cost of a bipartite DIMACS network by trying every assignment of its left nodes (each to
/// one of its arcs or to the bypass), on the file's own costs and capacities. Node layout as written
/// by to_dimacs: 1 source, 2 sink, left 3.., right, groups.
std::int64_t brute_min_cost(const std::vector<Arc>& arcs, std::int64_t nl) {
  std::int64_t penalty = 0;
  std::vector<std::vector<const Arc*>> choices(static_cast<std::size_t>(nl));
  std::map<std::int64_t, std::int64_t> cap, group_of;  // right and group capacities; right → group
  for (const Arc& a : arcs) {
    if (a.tail == 1 && a.head == 2) penalty = a.cost;
    else if (a.tail == 1) continue;
    else if (a.head == 2) cap[a.tail] = a.cap;
    else if (a.tail >= 3 && a.tail < 3 + nl) choices[static_cast<std::size_t>(a.tail - 3)].push_back(&a);
    else {
      cap[a.tail] = a.cap;
      group_of[a.tail] = a.head;
    }
  }
  std::int64_t best = std::numeric_limits<std::int64_t>::max();
  std::map<std::int64_t, std::int64_t> used;
  std::function<void(std::size_t, std::int64_t)> go = [&](std::size_t i, std::int64_t cost) {
    if (i == choices.size()) {
      best = std::min(best, cost);
      return;
    }
    go(i + 1, cost + penalty);  // left node i unassigned
    for (const Arc* a : choices[i]) {
      const std::int64_t g = group_of[a->head];
      if (used[a->head] >= cap[a->head] || used[g] >= cap[g]) continue;
      ++used[a->head];
      ++used[g];
      go(i + 1, cost + a->cost);
      --used[a->head];
      --used[g];
    }
  };
  go(0, 0);
  return best;
}

/// The cost of `s`'s flow on the file's arcs (the cheapest of parallel arcs), checking that the flow
/// respects every capacity and conserves flow at every node but the source (+L) and the sink (−L).
std::int64_t flow_cost(const std::vector<Arc>& arcs, const km::DimacsSolution& s, std::int64_t nl) {
  std::map<std::pair<std::int64_t, std::int64_t>, std::pair<std::int64_t, std::int64_t>> best;  // (cap, cost)
  for (const Arc& a : arcs) {
    auto [it, fresh] = best.emplace(std::pair{a.tail, a.head}, std::pair{a.cap, a.cost});
    if (!fresh && a.cost < it->second.second) it->second = {a.cap, a.cost};
  }
  std::map<std::int64_t, std::int64_t> balance;
  std::int64_t cost = 0;
  for (const auto& f : s.flow) {
    const auto it = best.find({f.tail, f.head});
    REQUIRE(it != best.end());
    REQUIRE(f.flow > 0);
    REQUIRE(f.flow <= it->second.first);
    cost += f.flow * it->second.second;
    balance[f.tail] += f.flow;
    balance[f.head] -= f.flow;
  }
  for (const auto& [node, b] : balance) REQUIRE(b == (node == 1 ? nl : node == 2 ? -nl : 0));
  return cost;
}

std::string text_of(const std::vector<Arc>& arcs, std::int64_t nodes, std::int64_t nl) {
  std::ostringstream o;
  o << "p min " << nodes << ' ' << arcs.size() << "\nn 1 " << nl << "\nn 2 " << -nl << "\n";
  for (const Arc& a : arcs) o << "a " << a.tail << ' ' << a.head << " 0 " << a.cap << ' ' << a.cost << "\n";
  return o.str();
}

}  // namespace

TEST_CASE("DIMACS penalty: the worked example of docs/solve.md has min cost 17", "[dimacs][solve]") {
  std::ifstream in(std::string(KANTEN_EXAMPLES_DIR) + "/bipartite.min");
  REQUIRE(in);
  std::stringstream text;
  text << in.rdbuf();
  const km::DimacsProblem p = km::parse_dimacs_problem(text.str());
  CHECK(p.penalty == 10);
  CHECK(p.source == 1);
  CHECK(p.sink == 2);
  CHECK(p.left_node == std::vector<std::int64_t>{3, 4, 5});
  CHECK(p.right_node == std::vector<std::int64_t>{6, 7, 8});
  CHECK(p.group_node == std::vector<std::int64_t>{9, 10});
  // a 5 8 costs 12 >= P = 10: left out; the others score 10 − c.
  CHECK(p.arcs_left_out == 1);
  REQUIRE(p.instance.edges.size() == 4);
  CHECK(p.instance.edges[0].score == 8);
  CHECK(p.instance.edges[3].score == 5);
  // By hand: citizen 3 → task 6 (2), citizen 4 → task 8 (5), citizen 5 unassigned (10).
  const km::DimacsSolution s = solve_text(text.str());
  CHECK(s.cost == 17);
  CHECK(flow_of(s) == Flow{{1, 2, 1}, {1, 3, 1}, {3, 6, 1}, {1, 4, 1}, {4, 8, 1}, {6, 9, 1}, {8, 10, 1}, {9, 2, 1},
                           {10, 2, 1}});
}

TEST_CASE("DIMACS penalty 0 keeps the layout without a penalty: min cost = −(max score)", "[dimacs][solve]") {
  // Two left nodes, one right node of one slot: the better arc (−7) wins, the other stays out.
  const std::string text =
      "p min 6 7\nn 1 2\nn 2 -2\na 1 2 0 2 0\na 1 3 0 1 0\na 1 4 0 1 0\n"
      "a 3 5 0 1 -4\na 4 5 0 1 -7\na 5 6 0 1 0\na 6 2 0 1 0\n";
  const km::DimacsSolution s = solve_text(text);
  CHECK(s.cost == -7);
  CHECK(flow_of(s) == Flow{{1, 2, 1}, {1, 4, 1}, {4, 5, 1}, {5, 6, 1}, {6, 2, 1}});
  CHECK(km::parse_dimacs(text).edges.size() == 2);
}

TEST_CASE("DIMACS penalty: an arc costing the penalty or more is left out, one below it scores 1",
          "[dimacs][solve]") {
  // P = 5: left 3 has an arc of cost 5 (= P), left 4 one of cost 4 (score 1) and one of cost 9.
  const std::string text =
      "p min 6 8\nn 1 2\nn 2 -2\na 1 2 0 2 5\na 1 3 0 1 0\na 1 4 0 1 0\n"
      "a 3 5 0 1 5\na 4 5 0 1 4\na 4 5 0 1 9\na 5 6 0 2 0\na 6 2 0 2 0\nc end\n";
  const km::DimacsProblem p = km::parse_dimacs_problem(text);
  CHECK(p.arcs_left_out == 2);
  REQUIRE(p.instance.edges.size() == 1);
  CHECK(p.instance.edges[0].left == 1);
  CHECK(p.instance.edges[0].score == 1);
  // By hand: left 3 unassigned (5), left 4 on its cost-4 arc: 9.
  CHECK(solve_text(text).cost == 9);
}

TEST_CASE("DIMACS penalty may be negative: min cost = P × L − total score", "[dimacs][solve]") {
  // P = −5; arcs of cost −8 (score 3) and −6 (score 1); one right node of 2 slots; group capacity 2.
  const std::string text =
      "p min 6 7\nn 1 2\nn 2 -2\na 1 2 0 5 -5\na 1 3 0 1 0\na 1 4 0 1 0\n"
      "a 3 5 0 1 -8\na 4 5 0 1 -6\na 5 6 0 2 0\na 6 2 0 2 0\n";
  // By hand: both assigned, cost −8 + −6 = −14 (versus −5 each for the bypass).
  const km::DimacsSolution s = solve_text(text);
  CHECK(s.cost == -14);
  CHECK(flow_of(s) == Flow{{1, 3, 1}, {3, 5, 1}, {1, 4, 1}, {4, 5, 1}, {5, 6, 2}, {6, 2, 2}});
}

TEST_CASE("DIMACS penalty: a score P − c that does not fit is refused on its line, naming the cost",
          "[dimacs][solve]") {
  const std::string head = "p min 5 5\nn 1 1\nn 2 -1\n";
  const std::string rest = "a 1 3 0 1 0\na 3 4 0 1 -1\na 4 5 0 1 0\na 5 2 0 1 0\n";
  {
    // INT64_MAX − (−1) wraps.
    const km::DimacsError e = error_of(head + "a 1 2 0 1 9223372036854775807\n" + rest);
    CHECK(e.line() == 6);
    CHECK(e.field() == "cost");
    CHECK(std::string(e.what()).find("does not fit in 64 bits") != std::string::npos);
  }
  {
    // Fits in 64 bits, but beyond what the solver accepts for an instance of this size.
    const km::DimacsError e = error_of(head + "a 1 2 0 1 4611686018427387904\n" + rest);
    CHECK(e.line() == 6);
    CHECK(e.field() == "cost");
    CHECK(std::string(e.what()).find("exceeds the solver's maximum") != std::string::npos);
  }
  // The lowest penalty: every arc costs at least as much, so none is kept and nothing wraps.
  const km::DimacsProblem p = km::parse_dimacs_problem(head + "a 1 2 0 1 -9223372036854775808\n" + rest);
  CHECK(p.instance.edges.empty());
  CHECK(p.arcs_left_out == 1);
}

TEST_CASE("DIMACS solution: a cost P × L beyond 64 bits is refused naming the optimum", "[dimacs][solve]") {
  // Three left nodes without arcs at P = 2^62: 3 × 2^62 does not fit.
  const std::string text =
      "p min 7 6\nn 1 3\nn 2 -3\na 1 2 0 3 4611686018427387904\na 1 3 0 1 0\na 1 4 0 1 0\na 1 5 0 1 0\n"
      "a 6 7 0 1 0\na 7 2 0 1 0\n";
  const km::DimacsProblem p = km::parse_dimacs_problem(text);
  const std::vector<std::int32_t> none{-1, -1, -1};
  try {
    (void)km::dimacs_solution(p, none);
    FAIL("no error");
  } catch (const kanten::Error& e) {
    CHECK(e.field() == "optimum");
    CHECK(e.code() == kanten::Errc::invalid_argument);
  }
  // At P = 2^61 the same network costs 3 × 2^61, which fits.
  const std::string half =
      "p min 7 6\nn 1 3\nn 2 -3\na 1 2 0 3 2305843009213693952" + text.substr(text.find("\na 1 3"));
  CHECK(km::dimacs_solution(km::parse_dimacs_problem(half), none).cost == 3 * (std::int64_t{1} << 61));
}

TEST_CASE("DIMACS solution: an assignment that does not fit the instance is refused naming right_of_left",
          "[dimacs][solve]") {
  const km::DimacsProblem p = km::parse_dimacs_problem(
      "p min 5 5\nn 1 1\nn 2 -1\na 1 2 0 1 0\na 1 3 0 1 0\na 3 4 0 1 -3\na 4 5 0 1 0\na 5 2 0 1 0\n");
  for (const std::vector<std::int32_t>& bad : {std::vector<std::int32_t>{}, std::vector<std::int32_t>{1},
                                               std::vector<std::int32_t>{0, 0}}) {
    try {
      (void)km::dimacs_solution(p, bad);
      FAIL("no error");
    } catch (const kanten::Error& e) {
      CHECK(e.field() == "right_of_left");
    }
  }
  CHECK(km::dimacs_solution(p, std::vector<std::int32_t>{0}).cost == -3);
}

TEST_CASE("DIMACS writer with a penalty: costs P − score, read back to the same scores and penalty",
          "[dimacs][solve]") {
  km::Instance inst;
  inst.num_left = 2;
  inst.right_slots = {1, 2};
  inst.right_group = {0, 0};
  inst.group_capacity = {2};
  inst.edges = {{0, 0, 7}, {1, 1, 3}, {1, 0, -2}};
  const std::string text = km::to_dimacs(inst, 100);
  CHECK(text.find("\na 1 2 0 2 100\n") != std::string::npos);
  CHECK(text.find("\na 3 5 0 1 93\n") != std::string::npos);
  CHECK(text.find("\na 4 5 0 1 102\n") != std::string::npos);  // score −2: costs more than the penalty
  const km::DimacsProblem back = km::parse_dimacs_problem(text);
  CHECK(back.penalty == 100);
  CHECK(back.arcs_left_out == 1);
  REQUIRE(back.instance.edges.size() == 2);
  CHECK(back.instance.edges[0].score == 7);
  CHECK(back.instance.edges[1].score == 3);
  // By hand: both assigned, 93 + 97 = 190.
  CHECK(solve_text(text).cost == 190);
  // penalty − score must fit: INT64_MIN − 7 wraps.
  try {
    (void)km::to_dimacs(inst, std::numeric_limits<std::int64_t>::min());
    FAIL("no error");
  } catch (const kanten::Error& e) {
    CHECK(e.field() == "penalty");
    CHECK(e.code() == kanten::Errc::invalid_argument);
  }
}

TEST_CASE("DIMACS penalty: the optimum equals the cheapest assignment found by trying all of them",
          "[dimacs][solve]") {
  // Small random networks in the file's own terms (costs around the penalty, negative penalties,
  // parallel arcs, zero slots and capacities); the cost of the returned flow, computed on the file's
  // arcs, must be the brute-force minimum, and the flow must be feasible.
  std::uint64_t state = 0x6b616e74656e;
  auto next = [&](std::int64_t lo, std::int64_t hi) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return lo + static_cast<std::int64_t>((state >> 33) % static_cast<std::uint64_t>(hi - lo + 1));
  };
  for (int round = 0; round < 300; ++round) {
    const std::int64_t nl = next(0, 5), nr = next(1, 4), ng = next(1, 3);
    const std::int64_t penalty = next(-6, 12);
    const std::int64_t right0 = 3 + nl, group0 = right0 + nr, nodes = group0 + ng - 1;  // 1-based, the last id
    std::vector<Arc> arcs{{1, 2, nl + next(0, 2), penalty}};
    for (std::int64_t i = 0; i < nl; ++i) arcs.push_back({1, 3 + i, 1, 0});
    for (std::int64_t i = 0; i < nl; ++i)
      for (std::int64_t j = 0; j < nr; ++j)
        for (std::int64_t copies = next(0, 2) - 1; copies >= 0; --copies)  // none, one or two parallel arcs
          arcs.push_back({3 + i, right0 + j, 1, next(-8, 14)});
    for (std::int64_t j = 0; j < nr; ++j) arcs.push_back({right0 + j, group0 + next(0, ng - 1), next(0, 2), 0});
    for (std::int64_t g = 0; g < ng; ++g) arcs.push_back({group0 + g, 2, next(0, 3), 0});
    const std::string text = text_of(arcs, nodes, nl);
    INFO(text);
    const km::DimacsSolution s = solve_text(text);
    CHECK(s.cost == brute_min_cost(arcs, nl));
    CHECK(flow_cost(arcs, s, nl) == s.cost);
  }
}
