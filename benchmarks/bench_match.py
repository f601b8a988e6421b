#!/usr/bin/python3
"""The whole national match through Python against the same call in C++ (issue 14, part 3).

Generates the national market at the library's defaults (100,000 citizens, 20,000 companies,
region denmark, 20 km travel) and times, in this one process:

- C++:    kanten._kanten._bench_match_cpp — match(market, {.explain = false, .threads = T,
          .max_candidates_per_citizen = N}) in a pure C++ loop, GIL released, timed inside C++;
- Python: kanten.match(market, threads=T, explain=False, max_candidates=N) — the same match and
          the MatchProposal around it;

for each thread count and bound, the best of --repeat runs each (C++ and Python alternating),
and prints both times, their
ratio (target: Python within 1.2x of C++) and the whole match against 2 s. Not a test: it times
and never asserts. Run it against an optimised build:

    cmake --build build/python-rel --target _kanten
    /usr/bin/python3 benchmarks/bench_match.py --build build/python-rel
"""

import argparse
import gc
import pathlib
import sys
import time


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build", default="build/release", help="build tree holding python/kanten (default build/release)")
    p.add_argument("--citizens", type=int, default=100_000)
    p.add_argument("--companies", type=int, default=20_000)
    p.add_argument("--region", default="denmark")
    p.add_argument("--threads", default="1,2", help="comma-separated thread counts (default 1,2)")
    p.add_argument("--bounds", default=None,
                   help="comma-separated max_candidates values (default: the library's default and 0, exact)")
    p.add_argument("--repeat", type=int, default=3, help="best of this many runs each")
    a = p.parse_args()

    sys.path.insert(0, str(pathlib.Path(a.build, "python").resolve()))
    import kanten  # noqa: E402

    print(f"kanten {kanten.__version__} from {pathlib.Path(kanten.__file__).parent}")
    t0 = time.perf_counter()
    market = kanten.generate_market(a.citizens, a.companies, region=a.region)
    print(f"generated {market!r} in {time.perf_counter() - t0:.2f} s")
    bounds = ([int(b) for b in a.bounds.split(",")] if a.bounds
              else sorted({kanten.MAX_CANDIDATES_PER_CITIZEN, 0}, reverse=True))
    for threads in (int(t) for t in a.threads.split(",")):
        for bound in bounds:
            # C++ and Python alternate, so a busy moment of the shared machine hits both alike.
            # CPU seconds of the process (every thread) too: less disturbed by the machine's other work.
            cpp_times, py_times, cpp_cpu, py_cpu = [], [], [], []
            for _ in range(a.repeat):
                c0 = time.process_time()
                cpp_times.append(kanten._kanten._bench_match_cpp(market, threads, bound, 1))
                cpp_cpu.append(time.process_time() - c0)
                gc.collect()
                c0, t0 = time.process_time(), time.perf_counter()
                proposal = kanten.match(market, threads=threads, explain=False, max_candidates=bound)
                del proposal
                py_times.append(time.perf_counter() - t0)
                py_cpu.append(time.process_time() - c0)
            cpp, py = min(cpp_times), min(py_times)
            ratio, cpu_ratio = py / cpp, min(py_cpu) / min(cpp_cpu)
            label = f"threads {threads}, max_candidates {bound}" + (" (exact)" if bound == 0 else "")
            print(f"{label:34s} C++ {cpp:7.3f} s ({min(cpp_cpu):.3f} CPU)  Python {py:7.3f} s ({min(py_cpu):.3f} CPU)  "
                  f"ratio {ratio:5.2f}x, CPU {cpu_ratio:5.2f}x "
                  f"(within 1.2x: {'met' if ratio <= 1.2 else 'NOT met'}; under 2 s: {'met' if py < 2 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
