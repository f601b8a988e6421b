#!/usr/bin/python3
"""A whole caseload through the Python bulk call against the same work in C++ (issue 4, Speed).

Evaluates a generated caseload (100,000 citizens by default) as of one date:

- C++:    kanten._kanten._bench_evaluate_cpp — evaluate_all in a pure C++ loop, GIL released,
          timed inside C++ in this same process;
- Python: kanten.evaluate — the same evaluate_all plus the per-citizen DataFrame built from
          numpy columns written in C++.

and prints both times and their ratio (target: Python within 1.5x of C++). Not a test: it
times and never asserts. Run it against an optimised build:

    cmake --preset release && cmake --build --preset release --target _kanten
    /usr/bin/python3 benchmarks/bench_python.py --build build/release
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
    p.add_argument("--seed", type=int, default=2018)
    p.add_argument("--as-of", default="2020-06-30")
    p.add_argument("--repeat", type=int, default=3, help="best of this many runs each")
    a = p.parse_args()

    sys.path.insert(0, str(pathlib.Path(a.build, "python").resolve()))
    import kanten  # noqa: E402

    print(f"kanten {kanten.__version__} from {pathlib.Path(kanten.__file__).parent}")
    t0 = time.perf_counter()
    load = kanten.generate_caseload(citizens=a.citizens, seed=a.seed)
    print(f"generated {len(load):,} citizens, {load.event_count:,} events in {time.perf_counter() - t0:.2f} s")

    cpp = kanten._kanten._bench_evaluate_cpp(load, a.as_of, a.repeat)

    py_times = []
    for _ in range(a.repeat):
        gc.collect()
        t0 = time.perf_counter()
        df = kanten.evaluate(load, a.as_of)
        py_times.append(time.perf_counter() - t0)
        assert len(df) == len(load)
        del df
    py = min(py_times)

    ratio = py / cpp
    print(f"C++    evaluate_all            {cpp:8.3f} s  ({len(load) / cpp:,.0f} citizens/s)")
    print(f"Python kanten.evaluate -> df   {py:8.3f} s  ({len(load) / py:,.0f} citizens/s)")
    print(f"ratio Python / C++             {ratio:8.2f}x  (target within 1.5x: {'met' if ratio <= 1.5 else 'NOT met'})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
