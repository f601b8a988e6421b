"""Runs a batch of the bad-input corpus's Python cases in one interpreter (started by run.py).

Reads a JSON list of {"id", "code", "input"} on stdin. For each case, `code` (a Python statement
or expression) runs with `kanten` imported, `IN` the input file's path (or None), `TEXT` its
text (None when it is not UTF-8) and `warnings` recording every warning. Writes one JSON object
per case on stdout: the exception's class and module, its code/field/value attributes, its
message, the warnings (class and message) and a short repr of the result."""
import json
import sys
import traceback
import warnings

import kanten


def run(case):
    path = case.get("input")
    text = None
    if path is not None:
        with open(path, "rb") as f:
            data = f.read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = None
    ns = {"kanten": kanten, "IN": path, "TEXT": text, "__name__": "__bad_input__"}
    out = {"id": case["id"], "exception": None, "warnings": []}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            try:
                compiled = compile(case["code"], "<case " + case["id"] + ">", "eval")
            except SyntaxError:
                compiled = compile(case["code"], "<case " + case["id"] + ">", "exec")
            result = eval(compiled, ns)
            r = repr(result)
            out["result"] = r if len(r) <= 2000 else r[:2000] + "…"
        except Exception as e:  # the case's outcome, checked by run.py
            out["exception"] = type(e).__name__
            out["exception_module"] = type(e).__module__
            out["message"] = str(e)
            for attr in ("code", "field", "value"):
                if hasattr(e, attr):
                    out[attr] = str(getattr(e, attr))
            tb = traceback.extract_tb(e.__traceback__)
            out["where"] = "%s:%s" % (tb[-1].filename, tb[-1].lineno) if tb else ""
    out["warnings"] = [{"category": w.category.__name__, "message": str(w.message)} for w in caught]
    return out


def main():
    cases = json.load(sys.stdin)
    for case in cases:
        print(json.dumps(run(case), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
