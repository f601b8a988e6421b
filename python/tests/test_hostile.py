"""Hostile arguments for every public function and method (issue 10: no crash, no wrong
number, nothing silently lost, nothing personal leaked).

Every callable of ``kanten.__all__`` and every public method of the classes the package returns
is called with each parameter in turn replaced by a hostile value: ``None``, a value of a wrong
type (an int, a dict, bytes, an object), an empty one (``""``, ``[]``, an empty DataFrame, a
compiled object that was never constructed), free text carrying a marker, and the extreme
integers -1, 2**63, 2**64, -2**63-1 and 10**30. The other parameters keep valid values, so each
call tests one parameter.

Each callable runs in its own subprocess (all of its variants there, one line of output per
variant), so a crash is seen as a signal instead of killing the test run. The test fails when a
subprocess dies by a signal; when a call raises anything but ``TypeError``, :class:`KantenError`
or :class:`KantenWarning` (turned into an error); when a message is longer than
``MAX_MESSAGE`` characters, repeats an argument (pybind11's "Invoked with"), or carries the
free-text marker; and when a KantenError lacks ``code``, ``field`` or ``value``.

Methods of the Python classes are not called with a hostile ``self`` (Python itself answers
that with an AttributeError, and no C++ is reached); those of the compiled classes
(``Caseload``, ``Market``) are.
"""

import concurrent.futures
import inspect
import json
import os
import subprocess
import sys
import textwrap

import pytest

import kanten

MARKER = "FRITEKST-7731"
"""Part of every free text the calls pass; it must never come back in an error message."""
MAX_MESSAGE = 300

# The compiled classes, whose methods take a hostile self too.
COMPILED_CLASSES = ("Caseload", "Market")

# Classes returned by the package whose public methods are called (besides those in __all__).
RETURNED_CLASSES = ("Caseload", "Market", "Evaluations", "MatchProposal", "BusPlan", "TrainingPlan",
                    "SanctionAnswer", "ProgrammeFigures", "RuleParameters", "Comparison", "Matcher")

# Valid arguments of each callable (its required parameters and any the fixtures make cheaper),
# as Python expressions over the fixtures of PRELUDE. A callable missing here fails the test.
VALID = {
    "KantenError": {},
    "KantenWarning": {},
    "Caseload": None,  # no constructor: every call is a TypeError
    "Market": None,
    "Evaluations": {"raw": "EV._raw"},
    "MatchProposal": {"raw": "PROPOSAL._raw"},
    "BusPlan": {"planned": "BUS._planned"},
    "TrainingPlan": {"text": "TRAINING.to_json()"},
    "SanctionAnswer": None,  # a plain record: any field values are taken
    "SanctionReason": None,
    "Source": None,
    "ProgrammeFigures": None,
    "read_caseload": {"source": "LOAD_JSON"},
    "caseload_from_frames": {"events": "EVENTS", "profiles": "PROFILES"},
    "generate_caseload": {"citizens": "5"},
    "evaluate": {"caseload": "LOAD", "as_of": "AS_OF"},
    "evaluate_all": {"caseload": "LOAD", "as_of": "AS_OF"},
    "evaluate_file": {"path": "LOAD_FILE", "as_of": "AS_OF"},
    "followup_worklist": {"source": "LOAD", "as_of": "AS_OF"},
    "answer_sanction": {"caseload": "LOAD", "citizen": "SANCTIONED", "as_of": "AS_OF"},
    "answer_sanction_json": {"source": "SANCTION_JSON"},
    "transitions": {},
    "model_dot": {},
    "market_from_frames": {"citizens": "CITIZENS", "companies": "COMPANIES", "tasks": "TASKS"},
    "generate_market": {"citizens": "7", "companies": "4"},
    "match": {"market": "MARKET"},
    "candidates": {"market": "MARKET"},
    "top_tasks": {"market": "MARKET", "citizen": "0"},
    "top_citizens": {"market": "MARKET", "task": "0"},
    "score_pair": {"market": "MARKET", "citizen": "0", "task": "0"},
    "Matcher": {"market": "MARKET"},
    "audit": {"market": "MARKET", "proposal": "PROPOSAL", "groups": "GROUPS"},
    "bus_eligibility": {},
    "trip_cost": {"participants": "10"},
    "route_workplace": {},
    "plan_bus_trips": {"market": "MARKET", "referrals": "REFERRALS"},
    "plan_training_tracks": {"market": "MARKET", "start": "'2026-02-02'"},
    "person_months": {"caseload": "LOAD", "as_of": "AS_OF"},
    "programme_figures": {"caseload": "LOAD", "as_of": "AS_OF"},
    "kaplan_meier": {"source": "[1, 2, 3]", "event": "[True, False, True]"},
    "observations": {"caseload": "LOAD", "as_of": "AS_OF"},
    "logrank": {"source": "[1, 2, 3, 4]", "event": "[True, False, True, True]", "by": "['a', 'b', 'a', 'b']"},
    "logrank@caseload": {"source": "LOAD", "as_of": "AS_OF", "endpoint": "'exit'",
                         "by": "{c: i % 2 for i, c in enumerate(LOAD.citizens)}"},
    "cumulative_incidence": {"source": "[1, 2, 3]", "cause": "['job', None, 'job']"},
    "cumulative_incidence@caseload": {"source": "LOAD", "as_of": "AS_OF"},
    "LogRankTest": None,
    "Comparison": None,
    "compare": {"groups": "HALVES", "as_of": "AS_OF"},
    "comparison_panel": {"groups": "HALVES", "as_of": "AS_OF"},
    # A second valid call ("name@what") where a callable takes another shape of argument.
    "kaplan_meier@caseload": {"source": "LOAD", "as_of": "AS_OF"},
    "kaplan_meier@by": {"source": "LOAD", "as_of": "AS_OF", "by": "'benefit'"},
    "followup_worklist@evaluations": {"source": "EV"},
    "read_caseload@file": {"source": "LOAD_FILE"},
    "answer_sanction_json@file": {"source": "SANCTION_FILE"},
    # Methods of the returned classes.
    "Caseload.from_json": {"text": "LOAD_JSON"},
    "Caseload.from_file": {"path": "LOAD_FILE"},
    "Caseload.from_frames": {"events": "EVENTS"},
    "Caseload.to_json": {"self": "LOAD"},
    "Caseload.to_frames": {"self": "LOAD"},
    "Caseload.rejected": {"self": "LOAD"},
    "Caseload.warnings": {"self": "LOAD"},
    "Caseload.select": {"self": "LOAD", "ids": "list(LOAD.citizens[:3])"},
    "Caseload.filter": {"self": "LOAD", "benefit": "'kontanthjaelp'"},
    "Comparison.observations": {"self": "kanten.compare(HALVES, AS_OF)"},
    "Comparison.panel": {"self": "kanten.compare(HALVES, AS_OF)"},
    "Market.from_json": {"text": "MARKET_JSON"},
    "Market.from_file": {"path": "MARKET_FILE"},
    "Market.from_frames": {"citizens": "CITIZENS", "companies": "COMPANIES", "tasks": "TASKS"},
    "Market.to_json": {"self": "MARKET"},
    "Market.warnings": {"self": "MARKET"},
    "Evaluations.hours_wide": {"self": "EV"},
    "Evaluations.worklist": {"self": "EV"},
    "Evaluations.explain": {"self": "EV", "citizen": "LOAD.citizens[0]"},
    "Evaluations.to_json": {"self": "EV"},
    "Evaluations.sanction": {"self": "EV", "citizen": "SANCTIONED"},
    "Evaluations.step_counts": {"self": "EV"},
    "RuleParameters.parameter": {"self": "kanten.RULES", "name": "'followup_months'"},
    "RuleParameters.to_frame": {"self": "kanten.RULES"},
    "MatchProposal.to_json": {"self": "PROPOSAL"},
    "BusPlan.to_json": {"self": "BUS"},
    "BusPlan.record_attendance": {"self": "BUS", "group": "0", "trip": "0", "date": "'2026-03-12'", "present": "[]"},
    "TrainingPlan.to_json": {"self": "TRAINING"},
    "Matcher.top_tasks": {"self": "kanten.Matcher(MARKET)", "citizen": "0"},
    "Matcher.top_citizens": {"self": "kanten.Matcher(MARKET)", "task": "0"},
    "Matcher.upsert_citizen": {"self": "kanten.Matcher(MARKET)",
                               "citizen": "{'id': 'c-new', 'home_lat': 54.77, 'home_lon': 11.87}"},
    "Matcher.upsert_company": {"self": "kanten.Matcher(MARKET)",
                               "company": "{'id': 'co-new', 'location_lat': 54.77, 'location_lon': 11.87}"},
    "Matcher.upsert_task": {"self": "kanten.Matcher(MARKET)",
                            "task": "{'id': 't-new', 'company': str(MARKET.company_ids[0])}"},
    "Matcher.remove_citizen": {"self": "kanten.Matcher(MARKET)", "citizen": "str(MARKET.citizen_ids[0])"},
    "Matcher.remove_company": {"self": "kanten.Matcher(MARKET)", "company": "str(MARKET.company_ids[0])"},
    "Matcher.remove_task": {"self": "kanten.Matcher(MARKET)", "task": "str(MARKET.task_ids[0])"},
    "Matcher.set_capacity": {"self": "kanten.Matcher(MARKET)", "company": "str(MARKET.company_ids[0])",
                             "capacity": "2"},
    "Matcher.set_slots": {"self": "kanten.Matcher(MARKET)", "task": "str(MARKET.task_ids[0])", "slots": "2"},
}

# Fixtures of every subprocess: small, so each variant is fast.
PRELUDE = textwrap.dedent(
    f"""
    import json, os, sys, tempfile, warnings
    import numpy as np
    import pandas as pd
    import kanten

    MARKER = {MARKER!r}
    FREE = "Borgeren fortæller " + MARKER + " om smerter i ryggen og om sin familie"
    AS_OF = "2019-12-31"
    LOAD = kanten.generate_caseload(citizens=40, seed=7, sanction_share=0.5)
    LOAD_JSON = LOAD.to_json()
    HALVES = {{"a": LOAD.select(LOAD.citizens[:20]), "b": LOAD.select(LOAD.citizens[20:])}}
    EVENTS, PROFILES = LOAD.to_frames()
    EV = kanten.evaluate_all(LOAD, AS_OF)
    _s = EV.sanctions
    SANCTIONED = str(_s["citizen"].iloc[0]) if len(_s) else str(LOAD.citizens[0])
    _examples = os.environ.get("KANTEN_EXAMPLES_DIR", "")
    _q = os.path.join(_examples, "data", "sanction.json")
    SANCTION_JSON = open(_q).read() if os.path.exists(_q) else "{{}}"
    SANCTION_FILE = _q
    _tmp = tempfile.mkdtemp()
    LOAD_FILE = os.path.join(_tmp, "load.json")
    open(LOAD_FILE, "w").write(LOAD_JSON)
    MARKET = kanten.generate_market(citizens=20, companies=10, seed=1)
    MARKET_JSON = MARKET.to_json()
    MARKET_FILE = os.path.join(_tmp, "market.json")
    open(MARKET_FILE, "w").write(MARKET_JSON)
    _doc = json.loads(MARKET_JSON)
    CITIZENS, COMPANIES, TASKS = (pd.DataFrame(_doc[k]) for k in ("citizens", "companies", "tasks"))
    PROPOSAL = kanten.match(MARKET)
    GROUPS = ["a" if i % 2 else "b" for i in range(len(MARKET.citizen_ids))]
    REFERRALS = [{{"citizen": c}} for c in MARKET.citizen_ids[:14]]
    BUS = kanten.plan_bus_trips(MARKET, REFERRALS)
    TRAINING = kanten.plan_training_tracks(MARKET, "2026-02-02")

    class _Odd:
        def __repr__(self):
            return "<odd " + FREE + ">"

    HOSTILE = [
        ("None", lambda: None),
        ("int", lambda: 7),
        ("bool", lambda: True),
        ("float_nan", lambda: float("nan")),
        ("dict", lambda: {{"note": FREE}}),
        ("bytes", lambda: FREE.encode()),
        ("object", lambda: _Odd()),
        ("free_text", lambda: FREE),
        ("empty_str", lambda: ""),
        ("empty_list", lambda: []),
        ("list_of_free_text", lambda: [FREE]),
        ("empty_frame", lambda: pd.DataFrame()),
        ("free_text_frame", lambda: pd.DataFrame({{"citizen": [FREE], "id": [FREE], "date": [FREE], "kind": [FREE],
                                                  "company": [FREE], FREE: [FREE]}})),
        ("unconstructed_caseload", lambda: kanten.Caseload.__new__(kanten.Caseload)),
        ("minus_one", lambda: -1),
        ("two_63", lambda: 2**63),
        ("two_64", lambda: 2**64),
        ("minus_two_63_minus_one", lambda: -2**63 - 1),
        ("ten_30", lambda: 10**30),
    ]
    """
)

RUNNER = textwrap.dedent(
    """
    import inspect

    def resolve(target):
        obj = kanten
        for part in target.split("@")[0].split("."):
            obj = getattr(obj, part) if not isinstance(obj, type) else vars(obj)[part]
            if isinstance(obj, staticmethod):
                obj = obj.__func__
        return obj

    def outcome(fn, kwargs, args=()):
        warnings.simplefilter("error", kanten.KantenWarning)
        try:
            fn(*args, **kwargs)
            return {"outcome": "ok"}
        except kanten.KantenWarning as e:
            return {"outcome": "KantenWarning", "message": str(e)}
        except kanten.KantenError as e:
            attrs = {a: getattr(e, a, None) for a in ("code", "field", "value")}
            return {"outcome": "KantenError", "message": str(e), "attrs": attrs}
        except TypeError as e:
            return {"outcome": "TypeError", "message": str(e)}
        except BaseException as e:  # noqa: B902 - the test reports it
            return {"outcome": "other", "type": type(e).__name__, "message": str(e)[:500]}

    def report(variant, result):
        result["variant"] = variant
        print("RESULT " + json.dumps(result), flush=True)

    def run(target, valid, hostile_self):
        fn = resolve(target)
        try:
            params = [p for p in inspect.signature(fn).parameters.values()
                      if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
        except (TypeError, ValueError):
            params = []  # a compiled class without a constructor: no signature
        base = {name: eval(expr) for name, expr in (valid or {}).items()}
        print(f"CALL {target} baseline", flush=True)
        report("baseline", outcome(fn, base))
        for label, make in HOSTILE:  # one positional argument too many, or for a signature-less callable
            print(f"CALL {target} extra={label}", flush=True)
            report(f"extra={label}", outcome(fn, {}, (make(),)) if not params else {"outcome": "skipped"})
        for p in params:
            if p.name == "self" and not hostile_self:
                continue
            for label, make in HOSTILE:
                kwargs = dict(base)
                kwargs[p.name] = make()
                print(f"CALL {target} {p.name}={label}", flush=True)
                report(f"{p.name}={label}", outcome(fn, kwargs))
    """
)


def _targets():
    """Every callable of kanten.__all__ and every public method of the returned classes."""
    names = []
    for name in kanten.__all__:
        if callable(getattr(kanten, name)):
            names.append(name)
    for cls_name in RETURNED_CLASSES:
        cls = getattr(kanten, cls_name, None)
        if cls is None:
            continue
        for attr, member in vars(cls).items():
            if attr.startswith("_") or isinstance(member, property):
                continue
            if isinstance(member, staticmethod) or inspect.isfunction(member) or callable(member):
                names.append(f"{cls_name}.{attr}")
    return sorted(set(names))


def _environment():
    env = dict(os.environ)
    env.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    return env


def _run(target):
    hostile_self = target.split(".")[0] in COMPILED_CLASSES and "." in target.split("@")[0]
    script = PRELUDE + RUNNER + f"\nrun({target!r}, {VALID[target]!r}, {hostile_self!r})\n"
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=_environment())
    return target, proc


def _problems(target, proc):
    """What is wrong with one callable's subprocess: a list of lines, empty when all is well."""
    out = []
    calls = [line for line in proc.stdout.splitlines() if line.startswith("CALL ")]
    if proc.returncode < 0:
        last = calls[-1] if calls else "(before the first call)"
        return [f"{target}: died by signal {-proc.returncode} in {last}"]
    if proc.returncode != 0:
        return [f"{target}: the subprocess failed (exit {proc.returncode}): {proc.stderr[-2000:]}"]
    results = [json.loads(line[len("RESULT "):]) for line in proc.stdout.splitlines() if line.startswith("RESULT ")]
    if not results:
        return [f"{target}: no results"]
    for r in results:
        where = f"{target}({r['variant']})"
        kind = r["outcome"]
        if kind in ("ok", "skipped"):
            continue
        message = r.get("message", "")
        if kind == "other":
            out.append(f"{where}: raised {r['type']}: {message[:300]}")
            continue
        if len(message) > MAX_MESSAGE:
            out.append(f"{where}: {kind} message of {len(message)} characters: {message[:120]}...")
        if MARKER in message or "fortæller" in message:
            out.append(f"{where}: {kind} message carries the free text: {message[:300]}")
        if "Invoked with" in message:
            out.append(f"{where}: {kind} message repeats the arguments: {message[:300]}")
        if kind == "KantenError":
            attrs = r["attrs"]
            if attrs["code"] not in ("invalid_argument", "parse_error", "invalid_input", "io_error"):
                out.append(f"{where}: KantenError without a code: {attrs}")
            if not isinstance(attrs["field"], str) or not isinstance(attrs["value"], str):
                out.append(f"{where}: KantenError without field/value: {attrs}")
            elif MARKER in attrs["value"] or MARKER in attrs["field"]:
                out.append(f"{where}: KantenError attributes carry the free text: {attrs}")
    baseline = next(r for r in results if r["variant"] == "baseline")
    if VALID[target] is not None and baseline["outcome"] != "ok":
        out.append(f"{target}: the valid call fails ({baseline}); fix VALID so the variants test one parameter each")
    return out


def test_every_public_callable_has_valid_arguments():
    missing = [t for t in _targets() if t not in VALID]
    assert not missing, f"add valid arguments to VALID for: {missing}"
    unknown = [t for t in VALID if t.split("@")[0] not in _targets()]
    assert not unknown or not kanten.HAS_MATCHING, f"VALID names what the package does not have: {unknown}"


def test_hostile_arguments_never_crash_leak_or_escape():
    targets = [t for t in VALID if t.split("@")[0] in _targets()]
    assert len(targets) > 40 or not kanten.HAS_MATCHING
    problems = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        for target, proc in pool.map(_run, targets):
            problems += _problems(target, proc)
    assert not problems, "\n".join(problems[:60]) + (f"\n... and {len(problems) - 60} more" if len(problems) > 60 else "")


def test_the_harness_sees_a_crash():
    # The check above must be able to fail: a subprocess killed by a signal is reported as such.
    proc = subprocess.run([sys.executable, "-c", "import os, signal; print('CALL x y', flush=True); "
                           "os.kill(os.getpid(), signal.SIGSEGV)"], capture_output=True, text=True)
    problems = _problems("x", proc)
    assert problems and "died by signal" in problems[0] and "CALL x y" in problems[0]


@pytest.mark.parametrize("message", [
    "x" * (MAX_MESSAGE + 1),
    f"field 'citizen': value '{MARKER}': unknown",
    "f(): incompatible function arguments.\n\nInvoked with: 1",
])
def test_the_harness_sees_a_bad_message(message):
    line = "RESULT " + json.dumps({"variant": "v", "outcome": "TypeError", "message": message})
    baseline = "RESULT " + json.dumps({"variant": "baseline", "outcome": "ok"})
    proc = subprocess.CompletedProcess([], 0, stdout=baseline + "\n" + line + "\n", stderr="")
    assert _problems("transitions", proc)
