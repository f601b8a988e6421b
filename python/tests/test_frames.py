"""DataFrames in and out: shapes and dtypes, round trips, and bad input that is reported, not lost."""

import numpy as np
import pandas as pd
import pytest

import kanten
from conftest import Events


@pytest.fixture(scope="module")
def sample():
    return kanten.generate_caseload(citizens=120, seed=7)


def test_summary_has_one_row_per_citizen_with_documented_dtypes(sample):
    s = kanten.evaluate(sample, "2020-06-30")
    assert len(s) == len(sample) == 120
    assert list(s["citizen"]) == list(sample.citizens)
    expected = {
        "citizen": "object", "target_group": "bool", "step": "category", "since": "datetime64[ns]",
        "exit": "category", "exit_date": "datetime64[ns]", "ordinary_this_month": "int64",
        "thirty_hours_pending": "bool", "ordinary_minutes": "int64", "breaches": "int64",
        "breached_months": "object", "due_this_month": "bool", "deadline": "datetime64[ns]",
        "not_applied": "int64", "events_applied": "int64",
    }
    for col, dtype in expected.items():
        assert str(s[col].dtype) == dtype, col
    assert list(s["step"].cat.categories) == list(kanten.STEPS) and s["step"].cat.ordered
    assert list(s["exit"].cat.categories) == list(kanten.EXITS)
    # exit and exit_date are set exactly for the exits, since is NaT exactly before Trin 1.
    exited = s["step"].isin(kanten.EXITS)
    assert (s["exit"].notna() == exited).all() and (s["exit_date"].notna() == exited).all()
    assert (s["since"].isna() == (s["step"] == "not_started")).all()
    assert (s["breaches"] == s["breached_months"].map(len)).all()


def test_long_tables_agree_with_the_summary(sample):
    ev = kanten.evaluate_all(sample, "2020-06-30")
    s = ev.summary.set_index("citizen")
    assert str(ev.hours["month"].dtype) == "period[M]"
    by = ev.hours.groupby("citizen")[["ordinary_minutes", "internship_minutes"]].sum()
    joined = s[["ordinary_minutes", "internship_minutes"]].join(by, rsuffix="_h").fillna(0)
    assert (joined["ordinary_minutes"] == joined["ordinary_minutes_h"]).all()
    assert (joined["internship_minutes"] == joined["internship_minutes_h"]).all()
    assert ev.breaches.groupby("citizen").size().reindex(s.index, fill_value=0).equals(s["breaches"])
    assert ev.not_applied.groupby("citizen").size().reindex(s.index, fill_value=0).equals(s["not_applied"])
    assert len(ev.sanctions) == s["sanction_failures"].sum()
    assert set(ev.sanctions["status"].cat.categories) == {"eligible", "not_eligible", "undecided"}
    wide = ev.hours_wide()
    assert wide.shape[0] == len(sample) and (wide.sum(axis=1).values == s["ordinary_minutes"].values).all()
    last_step = ev.history.groupby("citizen")["to"].last()
    assert (last_step == s.loc[last_step.index, "step"]).all()
    w = ev.worklist()
    assert list(w.columns) == ["citizen", "jobformidler", "step", "followup_due", "deadline", "last_contact",
                               "breaches", "alerts"]
    # No alert thresholds given: no alerts, and the worklist is the follow-up's.
    assert len(ev.alerts) == 0 and (w["alerts"].map(len) == 0).all() and w["followup_due"].all()
    assert set(w["citizen"]) == set(s.index[s["due_this_month"]])
    assert (w["deadline"].diff().dropna() >= pd.Timedelta(0)).all()


def test_json_round_trip(sample, examples):
    again = kanten.Caseload.from_json(sample.to_json())
    assert again.to_json() == sample.to_json()
    one = kanten.read_caseload(examples / "data" / "case.json")
    assert len(one) == 1 and one.citizens[0] == "c-0001"
    assert kanten.read_caseload(one.to_json(indent=2)).to_json() == one.to_json()


def test_frames_round_trip(sample):
    events, profiles = sample.to_frames()
    assert len(events) == sample.event_count and len(profiles) == len(sample)
    assert str(events["date"].dtype) == "datetime64[ns]"
    assert list(events.columns[:3]) == ["citizen", "date", "kind"]
    again = kanten.Caseload.from_frames(events, profiles)
    assert again.to_json() == sample.to_json()
    # Shuffled rows: the same answers (the engine orders events itself).
    shuffled = kanten.caseload_from_frames(events.sample(frac=1.0, random_state=3), profiles)
    a = kanten.evaluate(sample, "2020-01-31")
    b = kanten.evaluate(shuffled, "2020-01-31")
    pd.testing.assert_frame_equal(a, b)


def test_frames_accept_strings_nullable_and_float_columns():
    df = Events().trin1_complete("2024-01-08").trin2_complete("2024-02-01").hours("2024-03-05", 900).hours("2024-03-06", 900).frame()
    df["date"] = df["date"].dt.strftime("%Y-%m-%d")            # dates as text
    df["minutes"] = df["minutes"].astype("float64")             # NaN-padded float column of whole numbers
    df["minutes_per_week"] = df["minutes_per_week"].astype("Int64")
    df["citizen"] = df["citizen"].astype("string")
    profiles = pd.DataFrame({"citizen": ["citizen-1"], "benefit": pd.Categorical(["integrationsydelse"])})
    load = kanten.caseload_from_frames(df, profiles)
    row = kanten.evaluate(load, "2024-04-01").iloc[0]
    assert row["step"] == "exit_30_hours" and row["not_applied"] == 0


def test_bad_rows_are_reported_with_row_field_and_value_not_dropped():
    df = (Events().trin1_complete("2024-01-08")
          .on("2024-01-09", "coffee_break")
          .on("2024-02-30", "cv_completed")
          .on("2024-01-10", "contact", channel="pigeon")
          .hours("2024-01-11", 90.5)
          .hours("2024-01-13", -30)).rows
    df = pd.DataFrame(df)  # dates as text: 2024-02-30 cannot be a datetime64
    load = kanten.caseload_from_frames(df)
    rejected = load.rejected()
    assert list(rejected["row"]) == [5, 6, 7, 8]
    assert list(rejected["field"]) == ["kind", "date", "channel", "minutes"]
    assert list(rejected["value"]) == ['"coffee_break"', '"2024-02-30"', '"pigeon"', "90.5"]
    ev = kanten.evaluate_all(load, "2024-03-01")
    na = ev.not_applied
    # Every input row is either applied or reported: nothing is lost.
    assert ev.summary.iloc[0]["events_applied"] + len(na) == len(df)
    unreadable = na[na["reason"] == "unreadable"]
    assert list(unreadable["row"]) == [5, 6, 7, 8]
    assert list(unreadable["field"]) == ["kind", "date", "channel", "minutes"]
    negative = na[na["reason"] == "non_positive_duration"]
    assert list(negative["row"]) == [9] and negative.iloc[0]["kind"] == "hours_worked"
    assert str(na["row"].dtype) == "Int64"


def test_a_row_without_a_citizen_names_the_row():
    df = Events().trin1_complete("2024-01-08").frame()
    df.loc[2, "citizen"] = None
    with pytest.raises(kanten.KantenError, match=r"events\[2\]\.citizen") as e:
        kanten.caseload_from_frames(df)
    assert e.value.field == "events[2].citizen" and e.value.code == "invalid_input"
    assert isinstance(e.value, ValueError)


def test_a_bad_profile_names_the_profiles_row_column_and_value():
    df = Events().trin1_complete("2024-01-08").frame()
    profiles = pd.DataFrame({"citizen": ["x", "citizen-1"], "benefit": ["kontanthjaelp", "lottery"]})
    with pytest.raises(kanten.KantenError) as e:
        kanten.caseload_from_frames(df, profiles)
    assert e.value.field == "profiles[1].benefit"
    assert "lottery" in str(e.value) and "profiles[1].benefit" in str(e.value)
    dup = pd.DataFrame({"citizen": ["a", "a"]})
    with pytest.raises(kanten.KantenError, match=r"profiles\[1\]\.citizen.*duplicate"):
        kanten.caseload_from_frames(df, dup)


def test_bad_arguments_are_kanten_errors_naming_field_and_value(sample, tmp_path):
    with pytest.raises(kanten.KantenError, match=r"field 'as_of': value '2023-02-29'"):
        kanten.evaluate(sample, "2023-02-29")
    with pytest.raises(kanten.KantenError, match=r"daily_rate.*-5"):
        kanten.evaluate(sample, "2023-02-28", daily_rate=-5)
    with pytest.raises(kanten.KantenError, match="not valid JSON") as e:
        kanten.Caseload.from_json("{ not json")
    assert e.value.code == "parse_error"
    missing = tmp_path / "nope.json"
    with pytest.raises(kanten.KantenError, match="nope.json") as e:
        kanten.read_caseload(missing)
    assert e.value.code == "io_error"
    with pytest.raises(kanten.KantenError, match="citizen"):
        kanten.Caseload.from_json('{"cases": [{"events": []}]}')


def test_the_same_message_as_the_cpp_error(examples):
    # The message is kanten::Error::what(), as the kanten program prints it.
    with pytest.raises(kanten.KantenError) as e:
        kanten.read_caseload(examples / "data" / "invalid" / "bad-profile.json")
    assert str(e.value).startswith(f"field '{e.value.field}': ")
    assert e.value.field == "cases[1].profile" and "kontanthjaelp" in str(e.value)


def test_generator_is_deterministic_and_sized():
    assert len(kanten.generate_caseload()) == 850
    a = kanten.generate_caseload(citizens=60)
    assert a.citizens[0] == "c-000001"
    assert a.to_json() == kanten.generate_caseload(citizens=60, seed=2018).to_json()
    assert a.to_json() != kanten.generate_caseload(citizens=60, seed=2019).to_json()
    with pytest.raises(kanten.KantenError, match="paid_hours_share"):
        kanten.generate_caseload(paid_hours_share=1.5)


def test_generator_comparison_cohort_has_its_own_ids_and_no_bus_trips_or_training():
    # docs/decisions.md, "A synthetic comparison cohort": ordinary services, ids "cmp-...".
    c = kanten.generate_caseload(citizens=200, comparison=True)
    assert c.citizens[0] == "cmp-000001" and c.citizens[-1] == "cmp-000200"
    assert c.to_json() == kanten.generate_caseload(citizens=200, seed=2018, comparison=True).to_json()
    p = kanten.generate_caseload(citizens=200)
    assert not set(c.citizens) & set(p.citizens)  # both can be analysed together
    events = c.to_frames()[0]
    assert not events["kind"].isin(["bus_trip", "training_track"]).any()
    assert p.to_frames()[0]["kind"].isin(["bus_trip", "training_track"]).any()
    assert kanten.generate_caseload(citizens=200, comparison=False).to_json() == p.to_json()
    with pytest.raises(TypeError, match=r"^generate_caseload: parameter 'comparison' must be a bool, not int$"):
        kanten.generate_caseload(citizens=3, comparison=1)
    with pytest.raises(TypeError, match=r"^generate_caseload: parameter 'comparison' must be a bool, not NoneType$"):
        kanten.generate_caseload(citizens=3, comparison=None)
    with pytest.raises(TypeError):  # keyword-only
        kanten.generate_caseload(3, 2018, "2019-01-01")


def test_the_step_model_as_a_table_and_dot():
    t = kanten.transitions()
    assert len(t) == 10
    assert list(t.columns) == ["from", "condition", "to", "rule", "description", "seed", "section", "quote"]
    row = t.set_index("rule").loc["trin3_exit_30_hours"]
    assert row["from"] == "trin3_virksomhedsforloeb" and row["to"] == "exit_30_hours"
    assert row["seed"] == "004_3897fdd271fa8a38.txt"
    assert kanten.model_dot().lstrip().startswith("digraph")
    assert kanten.STEP_LABELS["trin1_afklaring"] == "Trin 1: Afklaring"


# --- issue 10: columns are checked, ranges are documented, nothing is lost --------------------

import warnings  # noqa: E402


@pytest.mark.parametrize("column", ["date", "kind", "citizen"])
def test_a_missing_required_column_is_an_error_naming_it(column):
    # Before: a missing date or kind column loaded every row as rejected and nobody entered.
    df = Events().trin1_complete("2024-01-08").frame().drop(columns=[column])
    with pytest.raises(kanten.KantenError) as e:
        kanten.caseload_from_frames(df)
    assert e.value.field == f"events.{column}" and e.value.code == "invalid_input"
    assert str(e.value).startswith(f"field 'events.{column}': missing")


def test_a_misnamed_column_is_an_error_and_a_warning_with_the_name_meant():
    df = Events().trin1_complete("2024-01-08").frame().rename(columns={"date": "Date"})
    with pytest.warns(kanten.KantenWarning, match=r"events: column 'Date' .*did you mean 'date'\?"):
        with pytest.raises(kanten.KantenError, match=r"events\.date"):
            kanten.caseload_from_frames(df)


def test_an_unknown_column_is_a_warning_not_silently_ignored():
    df = Events().trin1_complete("2024-01-08").trin2_complete("2024-02-05").frame().rename(columns={"start": "strat"})
    with pytest.warns(kanten.KantenWarning, match=r"column 'strat' is not a column kanten reads.*did you mean 'start'\?"):
        load = kanten.caseload_from_frames(df)
    assert len(load) == 1
    profiles = pd.DataFrame({"citizen": ["citizen-1"], "benfit": ["kontanthjaelp"]})
    with pytest.warns(kanten.KantenWarning, match=r"profiles: column 'benfit'.*did you mean 'benefit'\?"):
        kanten.caseload_from_frames(df.rename(columns={"strat": "start"}), profiles)
    # Every documented column is read without a warning (the frames of a caseload included).
    with warnings.catch_warnings():
        warnings.simplefilter("error", kanten.KantenWarning)
        kanten.caseload_from_frames(*kanten.generate_caseload(citizens=20).to_frames())
        kanten.caseload_from_frames(pd.DataFrame(columns=list(kanten.EVENT_COLUMNS)),
                                    pd.DataFrame(columns=list(kanten.PROFILE_COLUMNS)))


def test_ids_and_integers_are_never_silently_wrong():
    df = Events().trin1_complete("2024-01-08").frame()
    # A nullable integer citizen column with a gap: the row names the missing id, it is not "<NA>".
    ints = df.assign(citizen=pd.array([7, 7, None, 7, 7], dtype="Int64"))
    with pytest.raises(kanten.KantenError, match=r"events\[2\]\.citizen"):
        kanten.caseload_from_frames(ints)
    # An unsigned column beyond int64 is refused by value, not wrapped to a negative number.
    hours = Events().trin1_complete("2024-01-08").hours("2024-02-01", 60).frame()
    hours["minutes"] = pd.array([0, 0, 0, 0, 0, 2**64 - 1], dtype="uint64")
    with pytest.warns(kanten.KantenWarning, match=r"'events\[0\]\.minutes'.*and 4 more"):  # the 0s of other kinds
        load = kanten.caseload_from_frames(hours.astype({"minutes": "uint64"}))
    bad = load.rejected()
    assert list(bad["field"]) == ["minutes"] and "-" not in bad["value"].iloc[0]


def test_generator_ranges_are_kanten_errors_naming_the_parameter():
    for kwargs, field in (({"citizens": -1}, "citizens"), ({"citizens": 2**64}, "citizens"),
                          ({"seed": 2**64}, "seed"), ({"seed": -1}, "seed"), ({"months": 0}, "months"),
                          ({"months": 10**30}, "months"), ({"sanction_share": float("nan")}, "sanction_share")):
        with pytest.raises(kanten.KantenError) as e:
            kanten.generate_caseload(**kwargs)
        assert e.value.field == field and e.value.code == "invalid_argument", kwargs
    assert len(kanten.generate_caseload(citizens=2, seed=2**64 - 1)) == 2
    with pytest.raises(TypeError, match="parameter 'seed' must be an int, not float"):
        kanten.generate_caseload(seed=1.5)


def test_input_the_reader_did_not_use_is_a_warning_and_listed():
    text = ('{"cases": [{"citizen": "a", "events": [{"date": "2024-01-08", "kind": "first_conversation",'
            ' "chanel": "phone"}]}]}')
    with pytest.warns(kanten.KantenWarning, match=r"input not used: 'cases\[0\]\.events\[0\]\.chanel'"):
        load = kanten.Caseload.from_json(text)
    w = load.warnings()
    assert list(w.columns) == ["field", "message"] and list(w["field"]) == ["cases[0].events[0].chanel"]
    assert len(kanten.generate_caseload(citizens=5).warnings()) == 0
    # From frames: a known column holding a value its row's kind does not read names the row.
    df = Events().trin1_complete("2024-01-08").frame()
    df["minutes"] = [None, None, 60, None, None]
    with pytest.warns(kanten.KantenWarning, match=r"'events\[2\]\.minutes'"):
        load = kanten.caseload_from_frames(df)
    assert list(load.warnings()["field"]) == ["events[2].minutes"]


def test_a_cell_python_cannot_show_is_rejected_not_a_crash():
    # A list holding itself recursed without end in the bindings; an object whose attributes
    # raise propagated its exception (with its text). Both are rejected rows now, shown by type.
    import datetime as dt

    class Odd(dt.date):
        def __getattribute__(self, name):
            if name.startswith("__"):
                return object.__getattribute__(self, name)
            raise RuntimeError("Borgeren fortæller om sin familie")

    looped = []
    looped.append(looped)
    df = pd.DataFrame({"citizen": ["a", "a"], "date": ["2024-01-08", Odd(2024, 1, 8)],
                       "kind": ["job_direction_set", "first_conversation"], "goal": ["employment", None],
                       "wishes": [looped, None]})
    bad = kanten.caseload_from_frames(df).rejected()
    assert list(bad["row"]) == [0, 1] and list(bad["field"]) == ["wishes[0]", "date"]
    assert not bad["value"].str.contains("familie").any()


def _as_json_document(events, profiles):
    """The JSON document of the rows: one case per citizen (profiles first), each row an event
    object of its non-empty cells, as docs/json-format.md writes it."""
    import json as _json

    def cell(v):
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and np.isnan(v)):
            return None
        if isinstance(v, np.bool_):
            return bool(v)
        if isinstance(v, pd.Timestamp):
            return v.strftime("%Y-%m-%d")
        if isinstance(v, (np.integer,)):
            return int(v)
        if isinstance(v, (list, tuple)):
            return [cell(x) for x in v]
        if isinstance(v, float) and v == int(v):
            return int(v)
        return v

    cases, order = {}, []
    for rec in profiles.to_dict("records"):
        cid = rec.pop("citizen")
        order.append(cid)
        cases[cid] = {"citizen": cid, "profile": {k: cell(v) for k, v in rec.items() if cell(v) is not None}, "events": []}
    for rec in events.to_dict("records"):
        cid = rec.pop("citizen")
        if cid not in cases:
            order.append(cid)
            cases[cid] = {"citizen": cid, "events": []}
        cases[cid]["events"].append({k: cell(v) for k, v in rec.items() if cell(v) is not None})
    return _json.dumps({"cases": [cases[c] for c in order]})


def test_frames_are_read_exactly_as_the_json_of_their_rows(sample):
    # The frames reader builds cases straight from the columns; a row it cannot take as plainly
    # valid goes through the JSON reader. Either way the caseload, the rejected rows and the
    # warnings are those of the JSON document of the same rows.
    events, profiles = sample.to_frames()
    events = events.iloc[:400].copy()
    rng = np.random.default_rng(5)
    odd = {
        "minutes": [90.5, "1:30", True, 10**12, -5, None, 45],
        "hours": ["1:30", "x", None],
        "kind": ["nope", 3, "contact", None],
        "channel": ["phone", "fax", 3, None],
        "failure_id": ["F1", "", 5, None],
        "wishes": [["a", "b"], ("a",), "a", [1], [], None],
        "health": [["calm_pace"], ["nope"], [], None],
        "reached": [True, False, 1, None, "yes"],
        "start": ["2020-01-01", "bad", None],
        "company": ["c1", 7, None],
        "text": ["free", 5, None],
        "minutes_per_week": [600, 600.5, "10:00", None],
    }
    for column, values in odd.items():
        if column not in events.columns:
            events[column] = None
        events[column] = events[column].astype(object)
        for i in rng.choice(len(events), size=25, replace=False):
            events.at[events.index[i], column] = values[rng.integers(len(values))]
    with pytest.warns(kanten.KantenWarning):
        from_frames = kanten.caseload_from_frames(events, profiles)
    with pytest.warns(kanten.KantenWarning):
        from_json = kanten.Caseload.from_json(_as_json_document(events, profiles))
    assert from_frames.to_json() == from_json.to_json()
    a, b = from_frames.rejected(), from_json.rejected()
    assert len(a) > 20
    cols = ["citizen", "index", "field", "value", "reason"]
    pd.testing.assert_frame_equal(a[cols].reset_index(drop=True), b[cols].reset_index(drop=True))
    assert list(from_frames.warnings()["message"]) == list(from_json.warnings()["message"])
    assert len(from_frames.warnings()) > 0


# --- issue 13: frames without text in between ---------------------------------------------------


def test_missing_cells_of_every_pandas_kind_are_absent_in_object_columns():
    # Object columns reach the reader as they are (no copy): None, NaN, pd.NA, NaT and numpy's NaT
    # are all an absent field, as DataFrame.to_numpy(na_value=None) would have them.
    import warnings

    missing = [None, np.nan, pd.NA, pd.NaT, np.datetime64("NaT"), np.float32("nan")]
    df = Events().trin1_complete("2024-01-08").trin2_complete("2024-02-01").frame().astype(object)
    rows = len(df)
    df["channel"] = [missing[i % len(missing)] for i in range(rows)]  # no kind of these rows has a channel
    df["start"] = [missing[i % len(missing)] if k == "agreement" else None for i, k in enumerate(df["kind"])]
    with warnings.catch_warnings():
        warnings.simplefilter("error", kanten.KantenWarning)
        load = kanten.caseload_from_frames(df)
    assert len(load.rejected()) == 0 and len(load.warnings()) == 0
    # The agreement without a start starts on its date.
    assert '"start":"2024-02-01"' in load.to_json()
    # A missing citizen id of any kind names its row.
    for m in missing:
        bad = df.copy()
        bad.loc[3, "citizen"] = m
        with pytest.raises(kanten.KantenError, match=r"events\[3\]\.citizen"):
            kanten.caseload_from_frames(bad)


def test_nullable_integer_minutes_are_read_exactly():
    df = Events().trin1_complete("2024-01-08").hours("2024-02-01", 60).hours("2024-02-02", 60).frame()
    df["minutes"] = pd.array([None] * 5 + [60, 2**53 + 1], dtype="Int64")  # <NA> where a kind has no minutes
    load = kanten.caseload_from_frames(df)
    bad = load.rejected()
    # The one value beyond what a float holds exactly is refused with its exact digits.
    assert list(bad["field"]) == ["minutes"] and list(bad["value"]) == [str(2**53 + 1)]
    assert '"minutes":60' in load.to_json()


def test_to_frames_hands_over_one_block_of_object_columns_that_lives_and_dies_with_the_frame():
    import gc
    import pickle
    import sys

    load = kanten.generate_caseload(citizens=300, seed=3)  # tens of megabytes of cells
    events, profiles = load.to_frames()
    assert len(events) == load.event_count
    objects = [c for c in events.columns if events[c].dtype == object]
    assert events._mgr.nblocks <= len(events.columns) - len(objects) + 1  # one block holds every object column
    kind = events["kind"].iloc[0]
    rows = int((events["kind"] == kind).sum())
    held = sys.getrefcount(kind)  # one reference per row, shared
    again = pickle.loads(pickle.dumps(events))
    pd.testing.assert_frame_equal(again, events)
    copy = events.copy()
    second = events.loc[1, "kind"]
    copy.loc[0, "kind"] = "cv_completed"  # a write into a copy, then into the frame itself
    events.loc[1, "kind"] = "cv_completed"
    assert events.loc[1, "kind"] == "cv_completed" and copy.loc[1, "kind"] == second
    del events, again, copy
    gc.collect()
    # Every cell's reference is dropped with the frame, and no more.
    assert rows >= 300 and sys.getrefcount(kind) == held - rows


@pytest.mark.parametrize("date, held", [("1600-01-05", False), ("1677-09-21", False), ("1677-09-22", True),
                                        ("2262-04-11", True), ("2262-04-12", False), ("9999-12-31", False)])
def test_a_date_pandas_cannot_hold_is_an_error_naming_it(date, held):
    text = ('{"cases": [{"citizen": "a", "events": [{"date": "2020-01-01", "kind": "first_conversation"},'
            f' {{"date": "2020-01-02", "kind": "agreement", "agreement_kind": "internship", "start": "{date}"}}]}}]}}')
    load = kanten.Caseload.from_json(text)
    if held:
        events, _ = load.to_frames()
        assert events["start"].iloc[1] == pd.Timestamp(date)
        return
    with pytest.raises(kanten.KantenError) as e:
        load.to_frames()
    assert e.value.field == "cases[0].events[1].start" and e.value.value == date
    assert "datetime64[ns]" in str(e.value)


def test_datetime_columns_are_read_as_the_day_each_time_falls_in():
    # Nanosecond columns reach the reader as they are; a time of day belongs to its day, before
    # 1970 as after it (numpy's cast to days floors; so does the reader).
    df = pd.DataFrame({"citizen": ["a"] * 3, "kind": ["first_conversation", "visitation", "cv_completed"],
                       "outcome": [None, "project", None],
                       "date": pd.to_datetime(["1969-12-31 23:59:59", "1970-01-01 00:00:01", "2024-02-29 12:00"])})
    text = kanten.caseload_from_frames(df).to_json()
    for day in ("1969-12-31", "1970-01-01", "2024-02-29"):
        assert f'"date":"{day}"' in text
    aware = df.assign(date=df["date"].dt.tz_localize("Europe/Copenhagen"))
    assert kanten.caseload_from_frames(aware).to_json() == text
    prepared = kanten._prepared(df, "events", "t")
    assert prepared["date"].dtype == np.dtype("datetime64[ns]")  # no conversion on the way
