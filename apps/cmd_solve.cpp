// kanten solve FILE: a DIMACS min-cost-flow instance of the bipartite shape, solved exactly; the
// optimum, the flow and the solve time (reading excluded) out (docs/solve.md).
#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "cli.hpp"

namespace cli {

namespace {

namespace b = k::bipartite;

void append(std::string& out, std::int64_t v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

std::string seconds_text(double s) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6f", s);
  return buf;
}

/// The DIMACS solution format: comment lines, "s COST", then "f TAIL HEAD FLOW" per arc with flow.
std::string dimacs_text(const b::DimacsSolution& sol, const std::string& seconds, std::int32_t assigned,
                        std::int32_t threads, bool flow) {
  std::string out;
  out.reserve(64 + (flow ? sol.flow.size() * 24 : 0));
  out += "c kanten solve: min cost = penalty x left nodes - total score (docs/solve.md)\n";
  out += "c solve_seconds " + seconds + "\n";
  if (flow) {
    out += "c assigned " + std::to_string(assigned) + "\n";
    out += "c threads " + std::to_string(threads) + "\n";
  }
  out += "s ";
  append(out, sol.cost);
  out += '\n';
  if (flow)
    for (const b::DimacsArcFlow& f : sol.flow) {
      out += "f ";
      append(out, f.tail);
      out += ' ';
      append(out, f.head);
      out += ' ';
      append(out, f.flow);
      out += '\n';
    }
  return out;
}

/// {"optimum":..., "assigned":..., "solve_seconds":..., "threads":..., "flow":[[tail,head,flow],...]}
/// on one line; with `flow` false only the optimum and the time.
std::string json_text(const b::DimacsSolution& sol, const std::string& seconds, std::int32_t assigned,
                      std::int32_t threads, bool flow) {
  std::string out;
  out.reserve(96 + (flow ? sol.flow.size() * 24 : 0));
  out += "{\"optimum\":";
  append(out, sol.cost);
  if (flow) out += ",\"assigned\":" + std::to_string(assigned);
  out += ",\"solve_seconds\":" + seconds;
  if (flow) {
    out += ",\"threads\":" + std::to_string(threads) + ",\"flow\":[";
    for (std::size_t i = 0; i < sol.flow.size(); ++i) {
      if (i > 0) out += ',';
      out += '[';
      append(out, sol.flow[i].tail);
      out += ',';
      append(out, sol.flow[i].head);
      out += ',';
      append(out, sol.flow[i].flow);
      out += ']';
    }
    out += ']';
  }
  out += "}\n";
  return out;
}

}  // namespace

void add_solve(CLI::App& app) {
  struct Options {
    std::string file;
    std::optional<std::string> threads;
    bool json = false;
    bool no_flow = false;
  };
  auto o = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "solve",
      "solve a DIMACS min-cost-flow instance of the bipartite shape exactly\n"
      "\n"
      "Reads a DIMACS \"p min\" network of the bipartite shape (source -> left -> right -> group ->\n"
      "sink, a bypass arc source -> sink whose cost is the penalty of an unassigned left node;\n"
      "docs/solve.md) and solves it with kanten's assignment solver. Prints the optimum (the min\n"
      "cost in the file's own terms), the flow on every arc that carries any, and the solve time\n"
      "without reading, in the DIMACS solution format (\"s COST\", \"f TAIL HEAD FLOW\").");
  add_file(*cmd, o->file, "the DIMACS network");
  add_value(*cmd, "--threads", o->threads, "N",
            "threads for the network's independent parts (default 1; 0: one per\n"
            "hardware thread); the optimum and the flow are the same for any N");
  cmd->add_flag("--json", o->json,
                "JSON on one line: optimum, assigned, solve_seconds, threads and the flow\n"
                "as [tail, head, flow] triples");
  cmd->add_flag("--no-flow", o->no_flow, "only the optimum and the solve time");
  cmd->callback([o, cmd] {
    const std::string name = command_name(*cmd);
    std::int32_t threads = 1;
    if (auto n = number_value(o->threads, "--threads", 0, 256, name)) threads = static_cast<std::int32_t>(*n);
    const b::DimacsProblem problem = b::parse_dimacs_problem(read_input(o->file));
    b::AssignmentOptions options;
    options.threads = threads;
    const auto t0 = std::chrono::steady_clock::now();
    const b::AssignmentResult res = b::solve_assignment(problem.instance, options);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    if (!res.feasible || !res.optimal)
      throw k::Error(k::Errc::invalid_input, "optimum", "", "the solver did not prove an optimum: " + res.message);
    const b::DimacsSolution sol = b::dimacs_solution(problem, res.right_of_left);
    const std::int32_t used =
        threads > 0 ? threads : static_cast<std::int32_t>(std::max(1U, std::thread::hardware_concurrency()));
    const std::string t = seconds_text(seconds);
    write_out(o->json ? json_text(sol, t, res.num_assigned, used, !o->no_flow)
                      : dimacs_text(sol, t, res.num_assigned, used, !o->no_flow));
  });
}

}  // namespace cli
