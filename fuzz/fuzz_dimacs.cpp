// fuzz/fuzz_dimacs.cpp — libFuzzer target: bytes → the DIMACS min-cost-flow reader
// (include/kanten/bipartite/dimacs.hpp) → the assignment solver, its checker, the greedy baseline,
// the stable matching, and the solution in the file's own terms (dimacs_solution, what
// `kanten solve` prints).
//
// Whatever text arrives, parse_dimacs either returns an instance or throws DimacsError; the solvers
// never crash, leak or trip a sanitizer on what it returns. Invariants checked (a failure traps, so
// libFuzzer records the input):
//   - what the reader returns passes validate();
//   - the solver's assignment is feasible when re-checked independently, with the same total, and
//     scores at least as much as the greedy baseline and the stable matching;
//   - an instance written with to_dimacs reads back to the same instance;
//   - the solution in the file's terms sends every left node's unit to the sink (the bypass
//     carries the unassigned), every arc's flow is positive, and its cost is P × L − the total
//     score — or dimacs_solution refuses a cost beyond 64 bits, naming "optimum".
#include "kanten/bipartite/dimacs.hpp"

#include "kanten/bipartite/assignment.hpp"
#include "kanten/bipartite/stable.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace b = kanten::bipartite;

namespace {

void require(bool ok) {
  if (!ok) __builtin_trap();
}

bool same(const b::Instance& x, const b::Instance& y) {
  if (x.num_left != y.num_left || x.right_slots != y.right_slots || x.right_group != y.right_group ||
      x.group_capacity != y.group_capacity || x.edges.size() != y.edges.size())
    return false;
  for (std::size_t i = 0; i < x.edges.size(); ++i)
    if (x.edges[i].left != y.edges[i].left || x.edges[i].right != y.edges[i].right ||
        x.edges[i].score != y.edges[i].score)
      return false;
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  b::DimacsProblem problem;
  try {
    problem = b::parse_dimacs_problem(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const b::DimacsError&) {
    return 0;  // a reader error: the input is not a kanten instance
  }
  const b::Instance& inst = problem.instance;
  b::validate(inst);
  require(same(b::parse_dimacs(b::to_dimacs(inst)), inst));

  // Scores beyond the solver's documented limit are refused with kanten::Error (invalid_argument).
  const std::int64_t limit = b::max_supported_score(inst);
  const bool in_range =
      std::all_of(inst.edges.begin(), inst.edges.end(), [&](const b::Edge& e) { return e.score <= limit; });
  if (!in_range) return 0;

  const b::AssignmentResult a = b::solve_assignment(inst);
  require(a.feasible && a.optimal);
  const b::AssignmentResult check = b::check_assignment(inst, a.right_of_left);
  require(check.feasible && check.total_score == a.total_score);
  require(b::greedy_assignment(inst).total_score <= a.total_score);
  const b::StableResult s = b::stable_matching(inst);
  require(b::check_assignment(inst, s.right_of_left).feasible && s.total_score <= a.total_score);

  // The solution in the file's own terms.
  try {
    const b::DimacsSolution sol = b::dimacs_solution(problem, a.right_of_left);
    std::int64_t bypass = 0, into_sink = 0;
    for (const b::DimacsArcFlow& f : sol.flow) {
      require(f.flow > 0);
      if (f.head == problem.sink) into_sink += f.flow;
      if (f.tail == problem.source && f.head == problem.sink) bypass += f.flow;
    }
    require(into_sink == inst.num_left);
    require(bypass == inst.num_left - a.num_assigned);
    std::int64_t cost = 0;
    if (!__builtin_mul_overflow(problem.penalty, static_cast<std::int64_t>(inst.num_left), &cost) &&
        !__builtin_sub_overflow(cost, a.total_score, &cost))
      require(sol.cost == cost);
  } catch (const kanten::Error& e) {
    require(e.field() == "optimum");  // the cost does not fit in 64 bits
  }
  return 0;
}
