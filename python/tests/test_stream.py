"""Files of any size: evaluate_file in chunks, read_caseload of JSON, JSON Lines and CSV (issue 13)."""

import json
import math
import warnings

import numpy as np
import pandas as pd
import pytest

import kanten

AS_OF = "2020-06-30"
ALERTS = {"inactive_days": 60, "trin2_days": 120, "stagnation_months": 3}


@pytest.fixture(scope="module")
def load():
    return kanten.generate_caseload(citizens=150, seed=13, sanction_share=0.3, missed_contact_share=0.3)


def write_jsonl(load, path):
    """The caseload as JSON Lines: one case object per line, as docs/json-format.md writes a case."""
    cases = json.loads(load.to_json())["cases"]
    path.write_text("".join(json.dumps(c) + "\n" for c in cases))
    return path


@pytest.fixture(scope="module")
def jsonl(load, tmp_path_factory):
    return write_jsonl(load, tmp_path_factory.mktemp("stream") / "caseload.jsonl")


def _csv_cell(v):
    if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and math.isnan(v)):
        return ""
    if isinstance(v, (bool, np.bool_)):
        return "true" if v else "false"
    if isinstance(v, pd.Timestamp):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, list):
        return "|".join(x.replace("\\", "\\\\").replace("|", "\\|") for x in v)
    return str(v)


def write_csv(load, path):
    """The caseload as docs/csv-format.md's event table: a profile row, then the events, per citizen."""
    events, profiles = load.to_frames()
    columns = list(events.columns) + [c for c in profiles.columns if c not in events.columns]
    rows = []
    by_citizen = {c: g for c, g in events.groupby("citizen", sort=False)}
    for p in profiles.to_dict("records"):
        rows.append({"citizen": p["citizen"], "kind": "profile", **{k: v for k, v in p.items() if k != "citizen"}})
        if p["citizen"] in by_citizen:
            rows.extend(by_citizen[p["citizen"]].to_dict("records"))
    table = pd.DataFrame(rows, columns=columns).astype(object)
    table = table.apply(lambda col: col.map(_csv_cell))
    table.to_csv(path, index=False)
    return path


def concat(tables):
    return pd.concat(list(tables), ignore_index=True)


# --- the same answers as in memory, whatever the chunks ------------------------------------------


@pytest.mark.parametrize("chunk", [1, 7, 149, 150, 151, kanten.MAX_CHUNK])
def test_chunks_of_a_json_lines_file_give_the_in_memory_answers(load, jsonl, chunk):
    whole = kanten.evaluate_all(load, AS_OF, **ALERTS)
    parts = list(kanten.evaluate_file(jsonl, AS_OF, chunk=chunk, **ALERTS))
    assert [len(p) for p in parts] == [min(chunk, len(load) - i) for i in range(0, len(load), chunk)]
    assert all(isinstance(p, kanten.Evaluations) and p.as_of.isoformat() == AS_OF for p in parts)
    pd.testing.assert_frame_equal(concat(p.summary for p in parts), whole.summary)
    for table in ("not_applied", "alerts", "sanctions", "hours", "breaches"):
        got = concat(getattr(p, table) for p in parts)
        pd.testing.assert_frame_equal(got, getattr(whole, table).reset_index(drop=True), obj=table)
    assert sum(len(p.alerts) for p in parts) > 0  # the thresholds reached every chunk's evaluation
    # Each chunk's caseload holds its own cases, in the file's order.
    assert [c for p in parts for c in p.caseload.citizens] == list(load.citizens)


def test_a_json_document_and_a_csv_table_give_the_same_answers(load, tmp_path):
    whole = kanten.evaluate(load, AS_OF)
    doc = tmp_path / "caseload.json"
    doc.write_text(load.to_json())
    table = write_csv(load, tmp_path / "caseload.csv")
    for path in (doc, table):
        got = concat(p.summary for p in kanten.evaluate_file(path, AS_OF, chunk=40))
        pd.testing.assert_frame_equal(got, whole, obj=path.name)
    # The format by name, whatever the extension.
    named = tmp_path / "export.txt"
    named.write_text(table.read_text())
    got = concat(p.summary for p in kanten.evaluate_file(named, AS_OF, format="csv"))
    pd.testing.assert_frame_equal(got, whole)


def test_read_caseload_reads_every_format(load, jsonl, tmp_path):
    expected = load.to_json()
    assert kanten.read_caseload(jsonl).to_json() == expected
    assert kanten.read_caseload(str(jsonl), format="ndjson").to_json() == expected
    assert kanten.read_caseload(write_csv(load, tmp_path / "c.CSV")).to_json() == expected
    plain = tmp_path / "caseload.data"
    plain.write_text(load.to_json())
    assert kanten.read_caseload(plain).to_json() == expected  # any other name: JSON
    # JSON Lines as text.
    assert kanten.read_caseload(jsonl.read_text(), format="jsonl").to_json() == expected
    with pytest.raises(kanten.KantenError):
        kanten.read_caseload(jsonl, format="json")  # two documents on two lines are not one JSON document


def test_rejected_events_and_warnings_are_kept_per_chunk(tmp_path):
    lines = [
        {"citizen": "a", "events": [{"date": "2024-01-08", "kind": "first_conversation"},
                                    {"date": "2024-02-30", "kind": "cv_completed"}]},
        {"citizen": "b", "events": [{"date": "2024-01-08", "kind": "first_conversation"},
                                    {"date": "2024-01-09", "kind": "contact", "channel": "phone", "chanel": "x"}]},
    ]
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    with pytest.warns(kanten.KantenWarning, match=r"evaluate_file: input not used: '.*chanel'"):
        parts = list(kanten.evaluate_file(path, "2024-03-01", chunk=1))
    assert len(parts) == 2
    na = parts[0].not_applied
    assert list(na["reason"]) == ["unreadable"] and list(na["field"]) == ["date"]
    assert len(parts[1].not_applied) == 0 and list(parts[1].caseload.warnings()["field"])[0].endswith("chanel")
    with pytest.raises(kanten.KantenError, match="chanel"):
        list(kanten.evaluate_file(path, "2024-03-01", strict=True))


# --- faults in the file: named by line, raised when their chunk is read ----------------------------


def test_a_bad_line_is_an_error_naming_the_line_after_the_chunks_before_it(load, jsonl, tmp_path):
    lines = jsonl.read_text().splitlines()
    lines[44] = '{"citizen": "x", "events": [ not json'
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join(lines) + "\n")
    seen = []
    with pytest.raises(kanten.KantenError) as e:
        for part in kanten.evaluate_file(bad, AS_OF, chunk=10):
            seen.append(len(part))
    assert seen == [10, 10, 10, 10]  # read as it goes: the chunks before line 45 came first
    assert "line 45" in str(e.value) and e.value.code == "parse_error"
    # A case the reader cannot take (no citizen) names its line too.
    lines[44] = '{"events": []}'
    bad.write_text("\n".join(lines) + "\n")
    with pytest.raises(kanten.KantenError, match="line 45"):
        list(kanten.evaluate_file(bad, AS_OF, chunk=1000))


def test_two_cases_of_one_citizen_in_different_chunks_are_an_error(tmp_path):
    case = {"citizen": "same", "events": []}
    path = tmp_path / "twice.jsonl"
    path.write_text(json.dumps(case) + "\n" + json.dumps({"citizen": "other"}) + "\n" + json.dumps(case) + "\n")
    parts = kanten.evaluate_file(path, AS_OF, chunk=1)
    assert len(next(parts)) == 1 and len(next(parts)) == 1
    with pytest.raises(kanten.KantenError, match="duplicate citizen id.*line 1.*line 3"):
        next(parts)


def test_a_missing_file_is_an_io_error_when_evaluate_file_is_called(tmp_path):
    with pytest.raises(kanten.KantenError) as e:
        kanten.evaluate_file(tmp_path / "nope.jsonl", AS_OF)  # not only once iterated
    assert e.value.code == "io_error" and "nope.jsonl" in str(e.value)
    with pytest.raises(kanten.KantenError) as e:
        kanten.read_caseload(tmp_path / "nope.csv")
    assert e.value.code == "io_error"


# --- arguments checked at the boundary, before anything is read ------------------------------------


@pytest.mark.parametrize("kwargs, message", [
    ({"path": None}, r"^evaluate_file: parameter 'path' must be a str or an os.PathLike path, not NoneType$"),
    ({"path": 5}, r"parameter 'path' must be .*, not int"),
    ({"as_of": None}, r"^evaluate_file: parameter 'as_of' must be a date, a datetime, a pandas Timestamp or Period, or 'YYYY-MM-DD' or 'YYYY-MM', not NoneType$"),
    ({"chunk": None}, r"^evaluate_file: parameter 'chunk' must be an int, not NoneType$"),
    ({"chunk": 7.0}, r"parameter 'chunk' must be an int, not float"),
    ({"chunk": "7"}, r"parameter 'chunk' must be an int, not str"),
    ({"chunk": True}, r"parameter 'chunk' must be an int, not bool"),
    ({"format": 3}, r"^evaluate_file: parameter 'format' must be a str, not int$"),
    ({"strict": None}, r"^evaluate_file: parameter 'strict' must be a bool, not NoneType$"),
    ({"daily_rate": "100"}, r"parameter 'daily_rate' must be an int, not str"),
    ({"inactive_days": 1.5}, r"parameter 'inactive_days' must be an int or None, not float"),
])
def test_a_wrong_type_is_a_type_error_naming_the_parameter(jsonl, kwargs, message):
    args = {"path": jsonl, "as_of": AS_OF, **kwargs}
    with pytest.raises(TypeError, match=message):
        kanten.evaluate_file(**args)


@pytest.mark.parametrize("kwargs, field", [
    ({"chunk": 0}, "chunk"),
    ({"chunk": -1}, "chunk"),
    ({"chunk": kanten.MAX_CHUNK + 1}, "chunk"),
    ({"chunk": 2**64}, "chunk"),
    ({"format": "xml"}, "format"),
    ({"format": ""}, "format"),
    ({"as_of": "2023-02-29"}, "as_of"),
    ({"daily_rate": -1}, "daily_rate"),
    ({"inactive_days": 0}, "alerts.inactive_days"),
    ({"stagnation_months": 10**6}, "alerts.stagnation_months"),
])
def test_a_value_out_of_range_is_a_kanten_error_naming_the_parameter(jsonl, kwargs, field):
    args = {"path": jsonl, "as_of": AS_OF, **kwargs}
    with pytest.raises(kanten.KantenError) as e:
        kanten.evaluate_file(**args)  # at the call, not when iterated
    assert e.value.field == field and e.value.code == "invalid_argument"
    assert str(e.value).startswith(f"field '{field}': ")


def test_read_caseload_checks_its_arguments(jsonl):
    with pytest.raises(TypeError, match=r"^read_caseload: parameter 'format' must be a str, not int$"):
        kanten.read_caseload(jsonl, format=1)
    with pytest.raises(kanten.KantenError) as e:
        kanten.read_caseload(jsonl, format="yaml")
    assert e.value.field == "format" and e.value.code == "invalid_argument"
    with pytest.raises(TypeError, match=r"^read_caseload: parameter 'strict' must be a bool, not NoneType$"):
        kanten.read_caseload(jsonl, strict=None)
    with pytest.raises(TypeError, match=r"^read_caseload: parameter 'source' must be a str or an os.PathLike path"):
        kanten.read_caseload(None)


def test_the_iterator_can_be_left_early_and_chunks_evaluated_in_threads(load, jsonl):
    import concurrent.futures

    parts = kanten.evaluate_file(jsonl, AS_OF, chunk=50)
    first = next(parts)
    parts.close()  # closes the file
    assert len(first) == 50 and list(parts) == []
    whole = kanten.evaluate(load, AS_OF)

    def run(_):
        return concat(p.summary for p in kanten.evaluate_file(jsonl, AS_OF, chunk=13))

    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        for got in pool.map(run, range(3)):
            pd.testing.assert_frame_equal(got, whole)


def test_the_documented_surface():
    assert kanten.FORMATS == ("json", "jsonl", "csv") and kanten.MAX_CHUNK == 1_000_000
    assert "Evaluations" in kanten.evaluate_file.__doc__ and "chunk" in kanten.evaluate_file.__doc__
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert len(kanten.read_caseload('{"cases": []}')) == 0
