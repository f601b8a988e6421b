// kanten_gen_families — writes one instance of benchmarks/families.hpp as a DIMACS min-cost-flow
// file (docs/solve.md), so that other solvers and `kanten solve` can run on the very instances the
// benchmark bench_assignment.cpp times:
//   kanten_gen_families FAMILY SIZE [SEED] > FILE.min
// FAMILY: uniform, wide, ties, ties_small_p, oversubscribed, clustered, … (families.hpp); SIZE: 850x400, 10kx2k,
// 100kx20k (the benchmark's sizes) or CITIZENSxCOMPANIES (e.g. 2000x300); SEED: default 1, the
// benchmark's. The bypass arc source → sink costs the family's penalty P and each arc its cost c
// (score P − c), so the file's min cost is the family's own: P × citizens − the benchmark's optimum.
#include <charconv>
#include <cstdint>
#include <cstring>
#include <iostream>
#include <string>
#include <string_view>

#include "families.hpp"
#include "kanten/bipartite/dimacs.hpp"
#include "kanten/core/error.hpp"

namespace {

namespace kb = kanten_bench;

int usage(const std::string& problem) {
  std::cerr << "kanten_gen_families: error: " << problem << "\n"
            << "usage: kanten_gen_families FAMILY SIZE [SEED] > FILE.min\n"
            << "  FAMILY:";
  for (const kb::Family f : kb::k_families) std::cerr << ' ' << kb::family_name(f);
  std::cerr << "\n"
            << "  SIZE:   850x400, 10kx2k, 100kx20k or CITIZENSxCOMPANIES (each 1 to 1000000)\n"
            << "  SEED:   a whole number (default 1, the benchmark's)\n";
  return 2;
}

bool whole_number(std::string_view s, std::uint64_t max, std::uint64_t& out) {
  const auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc() && p == s.data() + s.size() && out <= max;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3 || argc > 4) return usage("expected FAMILY SIZE [SEED]");
  const std::string_view family_arg = argv[1], size_arg = argv[2];
  const kb::Family* family = nullptr;
  for (const kb::Family& f : kb::k_families)
    if (family_arg == kb::family_name(f)) family = &f;
  if (family == nullptr) return usage("FAMILY: unknown family '" + std::string(family_arg) + "'");
  std::int32_t citizens = 0, companies = 0;
  bool named = false;
  for (const kb::SizeSpec& s : kb::k_family_sizes)
    if (size_arg == s.name) {
      citizens = s.citizens;
      companies = kb::companies_for(*family, s);
      named = true;
    }
  if (!named) {
    const std::size_t x = size_arg.find('x');
    std::uint64_t c = 0, g = 0;
    if (x == std::string_view::npos || !whole_number(size_arg.substr(0, x), 1'000'000, c) ||
        !whole_number(size_arg.substr(x + 1), 1'000'000, g) || c == 0 || g == 0)
      return usage("SIZE: value '" + std::string(size_arg) + "' is not 850x400, 10kx2k, 100kx20k or CITIZENSxCOMPANIES");
    citizens = static_cast<std::int32_t>(c);
    companies = static_cast<std::int32_t>(g);
  }
  std::uint64_t seed = 1;
  if (argc == 4 && !whole_number(argv[3], UINT64_MAX, seed))
    return usage("SEED: value '" + std::string(argv[3]) + "' is not a whole number");
  try {
    const kanten::bipartite::Instance inst = kb::make_family(*family, citizens, companies, 50, seed);
    std::cout << "c family " << family_arg << ", " << citizens << " citizens x " << companies << " companies, seed "
              << seed << " (benchmarks/families.hpp)\n";
    kanten::bipartite::write_dimacs(std::cout, inst, kb::cost_range(*family).penalty);
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "kanten_gen_families: error: stdout cannot be written\n";
      return 1;
    }
  } catch (const kanten::Error& e) {
    std::cerr << "kanten_gen_families: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
