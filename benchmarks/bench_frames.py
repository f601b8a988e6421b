#!/usr/bin/python3
"""DataFrames in and out, and a file in chunks, at the volume of a large municipality (issue 13).

Measures, each in a fresh process of its own (so one's memory is not another's):

- ``to_frames``:   Caseload.to_frames() of a generated caseload (100,000 citizens by default);
- ``from_frames``: kanten.caseload_from_frames(events, profiles) of those frames;
- ``evaluate_file``: kanten.evaluate_file over the same caseload written as JSON Lines, the
  summaries of every chunk kept, beside kanten.evaluate of the caseload in memory (with its
  reading, kanten.read_caseload of the same file).

For each: the wall time, the CPU time (user and system: on a shared machine the wall time is the
CPU time plus the wait for a core), the peak resident memory while the call ran (Linux's VmHWM,
reset just before the call) and the resident memory before it. The frames' own size is
``memory_usage(deep=True)`` of both DataFrames; the targets are each call under 3 s and its peak
at most 3x that size. Not a test: it times and never asserts. Run it against an optimised build:

    cmake --preset release -B build/release && cmake --build build/release --target _kanten
    /usr/bin/python3 benchmarks/bench_frames.py --build build/release
"""

import argparse
import json
import os
import pathlib
import subprocess
import sys
import tempfile
import textwrap

# Run in the child: MODE, CITIZENS, SEED, AS_OF, FILE, CHUNK come first.
CHILD = textwrap.dedent(
    """
    import ctypes, gc, json, resource, sys, time
    import kanten

    def status(key):
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) * 1024
        return 0

    def settle():
        gc.collect()
        ctypes.CDLL("libc.so.6").malloc_trim(0)  # freed heap back to the system: "before" is what is alive

    def measure(call):
        settle()
        before = status("VmRSS")
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")  # resets VmHWM, the peak resident memory
        r0 = resource.getrusage(resource.RUSAGE_SELF)
        t0 = time.perf_counter()
        result = call()
        wall = time.perf_counter() - t0
        r1 = resource.getrusage(resource.RUSAGE_SELF)
        return result, {"wall": wall, "user": r1.ru_utime - r0.ru_utime, "sys": r1.ru_stime - r0.ru_stime,
                        "before": before, "peak": status("VmHWM")}

    def frames_size(events, profiles):
        deep = int(events.memory_usage(deep=True).sum() + profiles.memory_usage(deep=True).sum())
        shallow = int(events.memory_usage(deep=False).sum() + profiles.memory_usage(deep=False).sum())
        return {"deep": deep, "shallow": shallow, "rows": len(events), "columns": len(events.columns)}

    out = {"mode": MODE, "load": open("/proc/loadavg").read().split()[0]}
    if MODE in ("to_frames", "from_frames"):
        load = kanten.generate_caseload(citizens=CITIZENS, seed=SEED)
        if MODE == "to_frames":
            (events, profiles), out["call"] = measure(load.to_frames)
        else:
            events, profiles = load.to_frames()
            del load
            again, out["call"] = measure(lambda: kanten.caseload_from_frames(events, profiles))
        out["frames"] = frames_size(events, profiles)
    elif MODE == "evaluate_file":
        parts, out["call"] = measure(lambda: [ev.summary for ev in kanten.evaluate_file(FILE, AS_OF, chunk=CHUNK)])
        out["rows"] = sum(len(p) for p in parts)
    elif MODE == "in_memory":
        summary, out["call"] = measure(lambda: kanten.evaluate(kanten.read_caseload(FILE), AS_OF))
        out["rows"] = len(summary)
    print("RESULT " + json.dumps(out))
    """
)


def run(python_path: str, mode: str, **settings) -> dict:
    prelude = "".join(f"{k.upper()} = {v!r}\n" for k, v in settings.items()) + f"MODE = {mode!r}\n"
    env = dict(os.environ, PYTHONPATH=python_path)
    proc = subprocess.run([sys.executable, "-c", prelude + CHILD], capture_output=True, text=True, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{proc.stderr[-3000:]}")
    line = next(x for x in proc.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT "):])


def write_jsonl(python_path: str, citizens: int, seed: int, path: pathlib.Path) -> None:
    """The generated caseload as JSON Lines, one case per line (in a process of its own)."""
    script = textwrap.dedent(
        f"""
        import json, kanten
        cases = json.loads(kanten.generate_caseload(citizens={citizens}, seed={seed}).to_json())["cases"]
        with open({str(path)!r}, "w") as f:
            for c in cases:
                f.write(json.dumps(c, separators=(",", ":")) + "\\n")
        """
    )
    subprocess.run([sys.executable, "-c", script], check=True, env=dict(os.environ, PYTHONPATH=python_path))


def gib(n: float) -> str:
    return f"{n / 2**30:.2f} GiB"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--build", default="build/release", help="build tree holding python/kanten (default build/release)")
    p.add_argument("--citizens", type=int, default=100_000)
    p.add_argument("--seed", type=int, default=2018)
    p.add_argument("--as-of", default="2020-06-30")
    p.add_argument("--chunk", type=int, default=2048, help="evaluate_file's chunk (default 2048)")
    p.add_argument("--no-file", action="store_true", help="skip evaluate_file (it writes the caseload as JSON Lines)")
    a = p.parse_args()
    python_path = str(pathlib.Path(a.build, "python").resolve())

    for mode in ("to_frames", "from_frames"):
        r = run(python_path, mode, citizens=a.citizens, seed=a.seed)
        c, f = r["call"], r["frames"]
        print(f"{mode:<14} {a.citizens:,} citizens, {f['rows']:,} rows x {f['columns']} columns: "
              f"wall {c['wall']:.2f} s, cpu {c['user'] + c['sys']:.2f} s (sys {c['sys']:.2f}), load {r['load']}; "
              f"peak {gib(c['peak'])} (before {gib(c['before'])}); frames {gib(f['deep'])} deep, "
              f"{gib(f['shallow'])} shallow; peak / frames {c['peak'] / f['deep']:.2f}x "
              f"(the call's own {(c['peak'] - c['before']) / f['deep']:.2f}x)")

    if not a.no_file:
        with tempfile.TemporaryDirectory() as tmp:
            path = pathlib.Path(tmp, "caseload.jsonl")
            write_jsonl(python_path, a.citizens, a.seed, path)
            size = path.stat().st_size
            for mode in ("evaluate_file", "in_memory"):
                r = run(python_path, mode, file=str(path), as_of=a.as_of, chunk=a.chunk)
                c = r["call"]
                what = f"evaluate_file chunk={a.chunk}" if mode == "evaluate_file" else "read_caseload+evaluate"
                print(f"{what:<26} {gib(size)} of JSON Lines, {r['rows']:,} summary rows: wall {c['wall']:.2f} s, "
                      f"cpu {c['user'] + c['sys']:.2f} s, load {r['load']}; peak {gib(c['peak'])} "
                      f"(before {gib(c['before'])})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
