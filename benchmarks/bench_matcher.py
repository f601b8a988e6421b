#!/usr/bin/python3
"""Page-view queries of the persistent matcher from Python against the same queries in C++ (issue 14,
"Answers in a page view": p50 under 0.5 ms and p99 under 5 ms per query at national size).

Builds kanten.Matcher over a generated market (100,000 citizens, 20,000 companies, region
Denmark by default), then asks many random citizens' best tasks and tasks' best citizens (k 10,
explained), each timed on its own:

- C++:            kanten._kanten._bench_matcher_cpp — kanten::Matcher::top_tasks / top_citizens in a
                  C++ loop over the same ids, GIL released, timed inside C++ in this same process;
- Python, frame:  Matcher.top_tasks(...) / top_citizens(...) returning a DataFrame (checks, query,
                  the two blocks, the frame);
- Python, records: the same with as_frame=False (a list of dicts);
- for reference, the free functions kanten.top_tasks / top_citizens (every query from scratch).

Prints p50, p90, p99 and max per call (each query's minimum over --repeat runs) and the ratios
Python / C++ (medians). Not a test: it times and never asserts. Run it against an optimised build:

    cmake --build build/python-rel --target _kanten
    /usr/bin/python3 benchmarks/bench_matcher.py --build build/python-rel
"""

import argparse
import gc
import pathlib
import random
import sys
import time


def percentiles(seconds):
    s = sorted(seconds)
    at = lambda q: s[min(len(s) - 1, int(q * len(s)))]  # noqa: E731
    return {"p50": at(0.50), "p90": at(0.90), "p99": at(0.99), "max": s[-1]}


def line(label, seconds):
    p = percentiles(seconds)
    return (f"{label:<42} p50 {p['p50'] * 1e3:7.3f} ms  p90 {p['p90'] * 1e3:7.3f} ms  "
            f"p99 {p['p99'] * 1e3:7.3f} ms  max {p['max'] * 1e3:7.2f} ms")


def timed(call, ids):
    out = []
    for i in ids:
        t0 = time.perf_counter()
        call(i)
        out.append(time.perf_counter() - t0)
    return out


def best_of(repeat, run):
    """Each query's smallest time over `repeat` runs of all of them (the same ids in the same order):
    on a shared machine a query's time is its own plus whatever else ran then, and the minimum
    keeps the first. The C++ and Python figures are taken the same way, so their ratios hold."""
    runs = [run() for _ in range(repeat)]
    return [min(times) for times in zip(*runs)]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build", default="build/python-rel", help="build tree holding python/kanten (default build/python-rel)")
    p.add_argument("--citizens", type=int, default=100_000)
    p.add_argument("--companies", type=int, default=20_000)
    p.add_argument("--region", default="denmark")
    p.add_argument("--seed", type=int, default=2018)
    p.add_argument("--queries", type=int, default=2000, help="random queries of each kind")
    p.add_argument("--free", type=int, default=20, help="queries of the free functions, for reference (0: none)")
    p.add_argument("--k", type=int, default=10)
    p.add_argument("--repeat", type=int, default=3, help="the best (smallest median) of this many runs each")
    a = p.parse_args()

    sys.path.insert(0, str(pathlib.Path(a.build, "python").resolve()))
    import kanten  # noqa: E402

    print(f"kanten {kanten.__version__} from {pathlib.Path(kanten.__file__).parent}")
    t0 = time.perf_counter()
    market = kanten.generate_market(a.citizens, a.companies, a.seed, region=a.region)
    print(f"generated {len(market.citizen_ids):,} citizens, {len(market.company_ids):,} companies, "
          f"{len(market.task_ids):,} tasks in {time.perf_counter() - t0:.2f} s")
    t0 = time.perf_counter()
    matcher = kanten.Matcher(market)
    print(f"built the matcher in {time.perf_counter() - t0:.2f} s: {matcher!r}")

    rng = random.Random(a.seed)
    citizens = [str(c) for c in rng.choices(list(market.citizen_ids), k=a.queries)]
    tasks = [str(t) for t in rng.choices(list(market.task_ids), k=a.queries)]
    sizes = [len(matcher.top_tasks(c, k=a.k, explain=False)) for c in citizens[:200]]
    print(f"{a.queries:,} queries of each kind, k {a.k}; top_tasks lists hold {sum(sizes) / len(sizes):.1f} "
          f"tasks on average")

    raw = matcher._raw
    gc.collect()
    results = {}
    for kind, ids in (("top_tasks", citizens), ("top_citizens", tasks)):
        is_tasks = kind == "top_tasks"
        cpp = best_of(a.repeat, lambda: list(kanten._kanten._bench_matcher_cpp(raw, ids, is_tasks, a.k, 1, True)))
        if is_tasks:
            frame = best_of(a.repeat, lambda: timed(lambda c: matcher.top_tasks(c, k=a.k), ids))
            records = best_of(a.repeat, lambda: timed(lambda c: matcher.top_tasks(c, k=a.k, as_frame=False), ids))
            free = timed(lambda c: kanten.top_tasks(market, c, k=a.k), ids[: a.free]) if a.free else []
        else:
            frame = best_of(a.repeat, lambda: timed(lambda t: matcher.top_citizens(t, k=a.k), ids))
            records = best_of(a.repeat, lambda: timed(lambda t: matcher.top_citizens(t, k=a.k, as_frame=False), ids))
            free = timed(lambda t: kanten.top_citizens(market, t, k=a.k), ids[: max(1, a.free // 10)]) if a.free else []
        results[kind] = (cpp, frame, records, free)

    for kind, (cpp, frame, records, free) in results.items():
        print()
        print(line(f"C++    Matcher::{kind}", cpp))
        print(line(f"Python Matcher.{kind} -> DataFrame", frame))
        print(line(f"Python Matcher.{kind} -> records", records))
        if free:
            print(line(f"Python kanten.{kind} (free function)", free))
        c50 = percentiles(cpp)["p50"]
        f, r = percentiles(frame), percentiles(records)
        print(f"ratio Python / C++ (p50): frame {f['p50'] / c50:.2f}x, records {r['p50'] / c50:.2f}x; "
              f"target p50 < 0.5 ms, p99 < 5 ms: frame {'met' if f['p50'] < 5e-4 and f['p99'] < 5e-3 else 'NOT met'}, "
              f"records {'met' if r['p50'] < 5e-4 and r['p99'] < 5e-3 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
