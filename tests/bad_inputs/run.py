#!/usr/bin/env python3
"""The bad-input corpus (issue 10): runs every case of cases.json on its surface and checks it.

    run.py --cli build/debug/kanten --driver build/debug/tests/bad_inputs/kanten_bad_input_driver \
           --python-path build/debug/python [--python /usr/bin/python3] [--surfaces cli,c,python]
           [--only SUBSTRING] [--show]

Each case names a surface — "cli" (the kanten program), "c" (the C ABI through driver.c) or
"python" (the kanten module, in a batch subprocess run by py_harness.py) — the input (a file of
inputs/, or `input_gen`, a Python expression giving the bytes, for inputs too big to store) and
what to expect (README.md here). Prints one line per failing case and ends with the line
"N passed, M failed"; exits 1 when any case failed. Cases marked "known_bug" that fail are
listed as XFAIL and counted in neither number.

Every case also checks what must hold for any input: no crash or sanitizer report; a failure
says why; nothing in the output contains the corpus's free-text marker or CPR-shaped ids
(unless the case allows it); Python messages are at most 300 characters and never contain
pybind11's "Invoked with"."""
import argparse
import concurrent.futures
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
INPUTS = os.path.join(HERE, "inputs")
# Never in any output: free text (the marker stands for it) and CPR numbers.
NEVER = ["FREETEXT-MARKER-7731", "0101901234", "010190-1234", "010190 1234"]
PY_MAX_MESSAGE = 300
TIMEOUT = 60
PY_BATCH = 60


def load_cases(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    cases = doc["cases"]
    seen = set()
    for c in cases:
        if c["id"] in seen:
            raise SystemExit(f"cases.json: duplicate case id {c['id']}")
        seen.add(c["id"])
        if c["surface"] not in ("cli", "c", "python"):
            raise SystemExit(f"cases.json: {c['id']}: unknown surface {c['surface']}")
    return cases


class Inputs:
    """Paths of the cases' inputs; generated ones are written once to a temporary directory."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.generated = {}

    def path(self, case):
        if "input" in case:
            p = os.path.join(INPUTS, case["input"])
            if not os.path.exists(p):
                raise FileNotFoundError(f"no input file {p}")
            return p
        if "input_gen" in case:
            expr = case["input_gen"]
            if expr not in self.generated:
                data = eval(expr, {"__builtins__": {}})  # noqa: S307 — the corpus's own expressions
                p = os.path.join(self.tmp, f"gen-{len(self.generated)}.json")
                with open(p, "wb") as f:
                    f.write(data)
                self.generated[expr] = p
            return self.generated[expr]
        return None


def subst(args, path):
    """{input}: the case's input file; {dir}: the inputs/ directory (for a second file)."""
    return [a.replace("{input}", path or "").replace("{dir}", INPUTS) for a in args]


def one_of(expected):
    return expected if isinstance(expected, list) else [expected]


def never_list(case):
    allowed = case.get("expect", {}).get("allow", [])
    return [n for n in NEVER if n not in allowed] + case.get("expect", {}).get("not_contains", [])


def check_fragments(problems, what, text, fragments):
    for frag in fragments or []:
        if frag not in text:
            problems.append(f"{what} lacks {frag!r}")


def check_never(problems, case, text):
    for n in never_list(case):
        if n in text:
            problems.append(f"output contains {n!r}")


def short(text, n=300):
    text = text.replace("\n", "\\n")
    return text if len(text) <= n else text[:n] + "…"


def run_cli(case, args, inputs):
    exp = case["expect"]
    path = inputs.path(case)
    argv = [args.cli] + subst(case["args"], path)
    stdin = open(path, "rb") if case.get("stdin") else subprocess.DEVNULL
    try:
        p = subprocess.run(argv, stdin=stdin, capture_output=True, timeout=case.get("timeout", TIMEOUT))
    except subprocess.TimeoutExpired:
        return [f"timed out after {case.get('timeout', TIMEOUT)} s"], ""
    finally:
        if stdin is not subprocess.DEVNULL:
            stdin.close()
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    problems = []
    if p.returncode < 0:
        problems.append(f"killed by signal {-p.returncode}")
    if p.returncode not in one_of(exp["exit"]):
        problems.append(f"exit {p.returncode}, expected {exp['exit']}")
    if 0 not in one_of(exp["exit"]) and not err.startswith("kanten: error: "):
        problems.append("stderr does not start with 'kanten: error: '")
    if "field" in exp:
        check_fragments(problems, "stderr", err, [f"field '{exp['field']}'"])
    check_fragments(problems, "stderr", err, exp.get("message"))
    check_fragments(problems, "stderr", err, ["kanten: warning: " + w for w in exp.get("warning", [])])
    check_fragments(problems, "stdout", out, exp.get("stdout"))
    if exp.get("no_warning") and "warning" in err:
        problems.append("stderr has a warning")
    check_never(problems, case, out + err)
    return problems, f"exit {p.returncode}; stderr: {short(err)}; stdout: {short(out, 120)}"


def run_c(case, args, inputs):
    exp = case["expect"]
    path = inputs.path(case)
    argv = [args.driver] + subst(case["args"], path)
    try:
        p = subprocess.run(argv, capture_output=True, timeout=case.get("timeout", TIMEOUT))
    except subprocess.TimeoutExpired:
        return [f"timed out after {case.get('timeout', TIMEOUT)} s"], ""
    out = p.stdout.decode("utf-8", "replace")
    err = p.stderr.decode("utf-8", "replace")
    problems = []
    if p.returncode != 0:
        problems.append(f"driver exit {p.returncode} (signal, sanitizer or broken invariant); stderr: {short(err)}")
    status = error = None
    for line in out.splitlines():
        if line.startswith("status "):
            status = line.split()[2]
        elif line.startswith("error "):
            error = line[len("error "):]
    if status is None:
        problems.append("no status line")
        error = ""
    elif status not in one_of(exp["status"]):
        problems.append(f"status {status}, expected {exp['status']}")
    if "field" in exp:
        check_fragments(problems, "error", error or "", [f"field '{exp['field']}'"])
    check_fragments(problems, "error", error or "", exp.get("message"))
    check_fragments(problems, "output", out, exp.get("output"))
    if "out-pointer not NULL on failure" in out:
        problems.append("the out-pointer is not NULL after a failure")
    check_never(problems, case, out + err)
    summary = " | ".join(l for l in out.splitlines() if not l.startswith(("stage ", "output ")))
    return problems, short(summary, 400)


def run_python_batch(batch, args, inputs):
    """Runs the batch's cases in one interpreter; returns {id: (problems, summary)}."""
    payload = [{"id": c["id"], "code": c["code"], "input": inputs.path(c)} for c in batch]
    env = dict(os.environ)
    env["PYTHONPATH"] = args.python_path + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        p = subprocess.run([args.python, os.path.join(HERE, "py_harness.py")], input=json.dumps(payload).encode(),
                           capture_output=True, timeout=max(TIMEOUT, 5 * len(batch)), env=env)
        stdout, stderr, rc = p.stdout, p.stderr, p.returncode
    except subprocess.TimeoutExpired as e:
        stdout, stderr, rc = e.stdout or b"", e.stderr or b"", "timeout"
    results = {}
    for line in stdout.decode("utf-8", "replace").splitlines():
        try:
            r = json.loads(line)
        except ValueError:
            continue
        results[r["id"]] = r
    verdicts = {}
    for c in batch:
        r = results.get(c["id"])
        if r is None:
            verdicts[c["id"]] = ([f"no result: the interpreter ended (rc {rc}): {short(stderr.decode('utf-8', 'replace'))}"], "")
            continue
        verdicts[c["id"]] = check_python(c, r)
    return verdicts


def check_python(case, r):
    exp = case["expect"]
    problems = []
    want = exp.get("exception")
    got = r["exception"]
    if got != want:
        problems.append(f"exception {got}, expected {want}" + (f": {short(r.get('message', ''))}" if got else ""))
    if got == "KantenError" and r.get("exception_module") != "kanten":
        problems.append(f"KantenError from module {r.get('exception_module')}, not kanten")
    msg = r.get("message", "")
    for attr in ("code", "field", "value"):
        if attr in exp and r.get(attr) != exp[attr]:
            problems.append(f".{attr} is {r.get(attr)!r}, expected {exp[attr]!r}")
    check_fragments(problems, "message", msg, exp.get("message"))
    if got is not None:
        if len(msg) > PY_MAX_MESSAGE:
            problems.append(f"message of {len(msg)} characters (at most {PY_MAX_MESSAGE})")
        if "Invoked with" in msg:
            problems.append("message contains 'Invoked with'")
    kw = [w["message"] for w in r["warnings"] if w["category"] == "KantenWarning"]
    for frag in exp.get("warning", []):
        if not any(frag in w for w in kw):
            problems.append(f"no KantenWarning with {frag!r} (warnings: {short(' / '.join(kw), 200)})")
    if exp.get("no_warning") and kw:
        problems.append(f"unexpected KantenWarning: {short(kw[0], 200)}")
    check_fragments(problems, "result", r.get("result", ""), exp.get("result"))
    everything = msg + "\n" + "\n".join(w["message"] for w in r["warnings"]) + "\n" + r.get("result", "")
    check_never(problems, case, everything)
    summary = f"{got}" + (f"(code={r.get('code')!r}, field={r.get('field')!r}): {msg}" if got else f": {r.get('result', '')}")
    if r["warnings"]:
        summary += " ; warnings: " + " / ".join(f"{w['category']}: {w['message']}" for w in r["warnings"])
    return problems, short(summary, 500)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", help="the kanten program (surface cli)")
    ap.add_argument("--driver", help="kanten_bad_input_driver, built from driver.c (surface c)")
    ap.add_argument("--python-path", help="the build tree's python/ directory, for PYTHONPATH (surface python)")
    ap.add_argument("--surfaces", default="cli,c,python", help="comma-separated surfaces to run (default: all)")
    ap.add_argument("--python", default=sys.executable, help="the interpreter of the Python cases")
    ap.add_argument("--cases", default=os.path.join(HERE, "cases.json"))
    ap.add_argument("--only", help="run only cases whose id contains this")
    ap.add_argument("--show", action="store_true", help="print what every case did")
    ap.add_argument("--jobs", type=int, default=2)
    args = ap.parse_args()

    cases = load_cases(args.cases)
    surfaces = [x for x in args.surfaces.split(",") if x]
    for surface, option, given in (("cli", "--cli", args.cli), ("c", "--driver", args.driver),
                                   ("python", "--python-path", args.python_path)):
        if surface in surfaces and not given:
            ap.error(f"surface {surface} needs {option}")
    for name in ("cli", "driver", "python_path"):
        if getattr(args, name):
            setattr(args, name, os.path.abspath(getattr(args, name)))
    cases = [c for c in cases if c["surface"] in surfaces]
    if args.only:
        cases = [c for c in cases if args.only in c["id"]]
    verdicts = {}
    with tempfile.TemporaryDirectory(prefix="kanten-bad-inputs-") as tmp:
        inputs = Inputs(tmp)
        # Generate inputs up front (not thread-safe otherwise).
        for c in cases:
            inputs.path(c)
        runners = {"cli": run_cli, "c": run_c}
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(runners[c["surface"]], c, args, inputs): c["id"]
                       for c in cases if c["surface"] in runners}
            py = [c for c in cases if c["surface"] == "python"]
            batches = [py[i:i + PY_BATCH] for i in range(0, len(py), PY_BATCH)]
            py_futures = [pool.submit(run_python_batch, b, args, inputs) for b in batches]
            for f, cid in futures.items():
                try:
                    verdicts[cid] = f.result()
                except Exception as e:  # a broken case (e.g. a missing input) fails, never stops the run
                    verdicts[cid] = ([f"runner error: {e}"], "")
            for f in py_futures:
                verdicts.update(f.result())

    passed = failed = xfail = 0
    by_surface = {}
    for c in cases:
        problems, summary = verdicts[c["id"]]
        s = by_surface.setdefault(c["surface"], [0, 0])
        if args.show:
            print(f"[{c['surface']}] {c['id']}: {summary}")
        if problems and c.get("known_bug"):
            xfail += 1
            print(f"XFAIL {c['id']} ({c['surface']}): known bug: {c['known_bug']} — {'; '.join(problems)}")
        elif problems:
            failed += 1
            s[1] += 1
            print(f"FAIL {c['id']} ({c['surface']}): {'; '.join(problems)} — got: {summary}")
        else:
            passed += 1
            s[0] += 1
            if c.get("known_bug"):
                print(f"XPASS {c['id']} ({c['surface']}): the known bug seems fixed; drop its known_bug: {c['known_bug']}")
    print("; ".join(f"{k}: {v[0]} passed, {v[1]} failed" for k, v in sorted(by_surface.items())))
    if xfail:
        print(f"{xfail} known bugs (XFAIL, counted in neither number)")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
