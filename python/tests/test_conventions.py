"""The package's conventions (issue 15, "Python conventions"): results are copies, reprs are
short, caseloads and evaluations pickle, one spelling per concept, real types in help(), an
as-of month, and the rule set's parameters readable from Python."""

import dataclasses
import datetime as dt
import inspect
import pathlib
import pickle
import re

import numpy as np
import pandas as pd
import pytest

import kanten

from conftest import EXAMPLES

DOCS = EXAMPLES.parent / "docs"
AS_OF = "2019-12-31"


@pytest.fixture(scope="module")
def load():
    return kanten.generate_caseload(citizens=120, seed=11, sanction_share=0.3)


@pytest.fixture(scope="module")
def ev(load):
    return kanten.evaluate_all(load, AS_OF, daily_rate=49_100, inactive_days=30, trin2_days=120, stagnation_months=3)


@pytest.fixture(scope="module")
def market():
    return kanten.generate_market(citizens=40, companies=20, seed=3)


@pytest.fixture(scope="module")
def proposal(market):
    return kanten.match(market)


@pytest.fixture(scope="module")
def bus(market):
    return kanten.plan_bus_trips(market, [{"citizen": c} for c in market.citizen_ids[:14]])


@pytest.fixture(scope="module")
def training(market):
    return kanten.plan_training_tracks(market, "2026-02-02")


@pytest.fixture(scope="module")
def figures(load):
    return kanten.programme_figures(load, AS_OF)


EVALUATION_TABLES = ("summary", "hours", "breaches", "history", "not_applied", "violations", "sanctions",
                     "profile_periods", "agreements", "aftercare", "bus_trips", "training", "alerts")


def with_rows(frame):
    assert len(frame) > 0, "a table without rows tests nothing here"
    return frame


def spoil(frame):
    """Changes a frame in every way a user might: a cell, a new column, a dropped column, rows."""
    frame.iloc[0, 0] = frame.iloc[-1, 0] if len(frame) > 1 else None
    frame["spoilt"] = 1
    frame.drop(columns=frame.columns[1], inplace=True)
    frame.drop(index=frame.index[:1], inplace=True)
    frame.attrs["spoilt"] = True


# --- results are copies ------------------------------------------------------------------------

def test_changing_the_summary_does_not_change_the_next_summary(ev):
    # The case: ev.summary changed in place, and every later call saw it.
    first = ev.summary
    before = first.copy()
    first.loc[0, "ordinary_minutes"] = 10**9
    first["step"] = "not_started"
    pd.testing.assert_frame_equal(ev.summary, before)
    assert ev.summary is not ev.summary


@pytest.mark.parametrize("name", EVALUATION_TABLES)
def test_every_evaluation_table_is_a_new_copy(ev, name):
    table = with_rows(getattr(ev, name))
    before = table.copy()
    spoil(table)
    pd.testing.assert_frame_equal(getattr(ev, name), before)


def test_the_worklist_and_the_wide_hours_are_copies(ev):
    for get in (lambda: ev.worklist(), lambda: ev.worklist(group_by_jobformidler=True), lambda: ev.hours_wide()):
        table = with_rows(get())
        before = table.copy()
        spoil(table)
        pd.testing.assert_frame_equal(get(), before)
    # The tables the package reads itself are not spoilt through a copy either.
    s = ev.summary
    s["citizen"] = "x"
    assert list(ev.hours_wide().index) == list(ev.caseload.citizens)


def test_programme_figures_hand_out_copies_and_refuse_assignment(figures):
    for name in ("funnel", "retention", "steps_by_month", "curves"):
        table = with_rows(getattr(figures, name))
        before = table.copy()
        spoil(table)
        pd.testing.assert_frame_equal(getattr(figures, name), before)
    medians = figures.medians
    medians["first_paid_hours"] = -1
    assert figures.medians["first_paid_hours"] != -1
    with pytest.raises(dataclasses.FrozenInstanceError):
        figures.funnel = pd.DataFrame()
    with pytest.raises(dataclasses.FrozenInstanceError):
        figures.paid_hours_share = 1.0


def test_match_results_and_plans_hand_out_copies(proposal, bus, training):
    tables = [(proposal, "matches"), (bus, "participants"), (bus, "visits"), (bus, "trips"), (bus, "eligibility"),
              (training, "tracks"), (training, "company_views"), (training, "mentors")]
    for obj, name in tables:
        table = with_rows(getattr(obj, name))
        before = table.copy()
        spoil(table)
        pd.testing.assert_frame_equal(getattr(obj, name), before, obj=f"{type(obj).__name__}.{name}")
    # A sequence in a cell is a tuple: a copied frame shares nothing that can change.
    for cell in (list(proposal.matches["reasons"]) + list(proposal.matches["concerns"]) + list(bus.visits["reasons"])
                 + list(training.tracks["reasons"]) + list(training.company_views["accommodations"])):
        assert isinstance(cell, tuple)
    assert isinstance(bus.notes, tuple) and isinstance(bus.qualifying_companies, tuple)


def test_arrays_and_dicts_handed_out_are_new(load, ev, market):
    for get in (lambda: load.citizens, lambda: market.citizen_ids, lambda: market.task_ids,
                lambda: market.company_ids):
        ids = get()
        first = ids[0]
        ids[0] = "changed"
        assert get()[0] == first
    options = ev.alert_options
    options["inactive_days"] = 1
    assert ev.alert_options["inactive_days"] == 30


def test_copied_and_copies_are_the_helpers_new_results_use():
    frame = pd.DataFrame({"a": [1, 2]})
    frame.attrs["median"] = 3
    out = kanten._checks.copied(frame)
    assert out is not frame and out.attrs == {"median": 3}
    out.loc[0, "a"] = 9
    assert frame.loc[0, "a"] == 1
    assert kanten._checks.copied((1, 2)) == (1, 2)

    @kanten._checks.copies("table")
    @dataclasses.dataclass(frozen=True)
    class Result:
        table: pd.DataFrame
        n: int

    r = Result(table=frame, n=1)
    r.table.loc[0, "a"] = 9
    assert r.table.loc[0, "a"] == 1 and r.n == 1
    with pytest.raises(AssertionError):
        kanten._checks.copies("nope")(Result)


# --- short reprs --------------------------------------------------------------------------------

def test_every_result_has_a_short_one_line_repr(load, ev, figures, proposal, bus, training):
    answer = ev.sanction(str(ev.sanctions["citizen"].iloc[0]))
    for obj in (load, ev, figures, proposal, bus, training, answer, kanten.RULES, kanten.RULES.parameters[0]):
        text = repr(obj)
        assert text.startswith("<kanten.") and "\n" not in text and len(text) <= 300, text
    # Key figures, not just a type name.
    assert "120 citizens as of 2019-12-31" in repr(ev) and "alerts inactive_days=30" in repr(ev)
    entered = int(figures.funnel.set_index("stage").loc["entered", "citizens"])
    assert f"as of {AS_OF}" in repr(figures) and f"{entered} entered" in repr(figures)
    assert "paid hours" in repr(figures) and "%" in repr(figures)
    assert repr(load) == "<kanten.Caseload: 120 citizens, %d events, 0 rejected>" % load.event_count
    assert answer.citizen in repr(answer) and answer.status.replace("_", " ") in repr(answer)


def test_evaluations_repr_counts_the_steps(ev):
    counts = ev.step_counts()
    assert list(counts.index) == list(kanten.STEPS) and counts.sum() == len(ev)
    assert counts.equals(ev.summary["step"].value_counts().reindex(kanten.STEPS).rename("citizens")
                         .rename_axis("step").astype("int64").set_axis(counts.index))
    for step, n in counts.items():
        if n:
            assert f"{step} {n}" in repr(ev)


def test_tables_show_in_a_notebook(ev, figures, proposal):
    html = ev._repr_html_()
    assert "<table" in html and ev.summary["citizen"].iloc[0] in html and f"… {len(ev) - 10} more rows" in html
    html = figures._repr_html_()
    assert "<table" in html and "exit_rehabilitation_team" in html  # the funnel, every stage
    assert "<table" in proposal._repr_html_() and "<table" in kanten.RULES._repr_html_()


# --- pickling -----------------------------------------------------------------------------------

def frames_caseload():
    """A caseload read from frames with an unreadable row (rejected, with its row) and an unknown
    column (a warning): what its JSON does not hold."""
    events = pd.DataFrame({
        "citizen": ["a", "a", "b", "a", "b"],
        "date": ["2024-01-08", "2024-01-08", "2024-01-09", "not a date", "2024-02-01"],
        "kind": ["first_conversation", "visitation", "first_conversation", "contact", "nonsense"],
        "outcome": [None, "project", None, None, None],
        "channel": [None, None, None, "phone", None],
    })
    events["strat"] = None
    with pytest.warns(kanten.KantenWarning):
        return kanten.caseload_from_frames(events)


def same_caseload(a, b):
    assert len(a) == len(b) and a.event_count == b.event_count
    assert a.to_json() == b.to_json()
    pd.testing.assert_frame_equal(a.rejected(), b.rejected())
    pd.testing.assert_frame_equal(a.warnings(), b.warnings())
    for x, y in zip(a.to_frames(), b.to_frames()):
        pd.testing.assert_frame_equal(x, y)


def test_a_caseload_pickles_with_what_its_json_leaves_out():
    load = frames_caseload()
    assert len(load.rejected()) == 2 and load.rejected()["row"].notna().all()
    back = pickle.loads(pickle.dumps(load))
    same_caseload(back, load)
    # Evaluations see the same rows: the DataFrame row of every input event survives.
    a, b = kanten.evaluate_all(load, "2024-03-31"), kanten.evaluate_all(back, "2024-03-31")
    pd.testing.assert_frame_equal(a.not_applied, b.not_applied)
    assert list(b.not_applied["row"].dropna()) == [3, 4]


def test_generated_and_empty_caseloads_pickle(load):
    same_caseload(pickle.loads(pickle.dumps(load, protocol=pickle.HIGHEST_PROTOCOL)), load)
    empty = kanten.Caseload.from_json('{"cases": []}')
    back = pickle.loads(pickle.dumps(empty))
    assert len(back) == 0 and back.to_json() == empty.to_json() and len(back.rejected()) == 0


def test_evaluations_pickle_as_what_made_them(ev):
    before = len(pickle.dumps(ev))
    for name in EVALUATION_TABLES:
        getattr(ev, name)  # built and kept
    text = pickle.dumps(ev)
    assert len(text) == before  # no table in the pickle
    back = pickle.loads(text)
    assert isinstance(back, kanten.Evaluations) and back.as_of == ev.as_of and len(back) == len(ev)
    assert back.alert_options == ev.alert_options and back.rule_set == ev.rule_set
    for name in EVALUATION_TABLES:
        pd.testing.assert_frame_equal(getattr(back, name), getattr(ev, name), obj=name)
    pd.testing.assert_frame_equal(back.worklist(), ev.worklist())
    assert back.to_json() == ev.to_json()


def test_an_empty_evaluation_pickles():
    ev = kanten.evaluate_all(kanten.Caseload.from_json("[]"), "2020-01-01")
    back = pickle.loads(pickle.dumps(ev))
    assert len(back) == 0 and list(back.summary.columns) == list(ev.summary.columns)


def test_a_state_that_is_not_kantens_is_refused():
    load = kanten.generate_caseload(citizens=2)
    for state in [("kanten.Caseload", 99, b"", [], [], np.zeros(0), np.zeros(0)), ("something else",), (1, 2, 3)]:
        obj = kanten.Caseload.__new__(kanten.Caseload)
        with pytest.raises(kanten.KantenError) as e:
            obj.__setstate__(state)
        assert e.value.field == "state" and e.value.code == "invalid_input"
    state = list(load.__getstate__())
    state[4] = [(5, [], [])]  # a case position the caseload does not have
    with pytest.raises(kanten.KantenError):
        kanten.Caseload.__new__(kanten.Caseload).__setstate__(tuple(state))


# --- one spelling per concept -------------------------------------------------------------------

def test_breaches_is_the_count_and_breached_months_the_months_everywhere(ev):
    s = ev.summary.set_index("citizen")
    assert (s["breaches"] == s["breached_months"].map(len)).all()
    assert all(isinstance(m, tuple) and all(re.fullmatch(r"\d{4}-\d{2}", x) for x in m) for m in s["breached_months"])
    w = with_rows(ev.worklist()).set_index("citizen")
    assert "breached_months" not in w.columns
    assert (w["breaches"] == s.loc[w.index, "breaches"]).all()
    assert s["breaches"].sum() == len(ev.breaches)


def every_frame(load, ev, figures, market, proposal, bus, training):
    """Every DataFrame the package hands out, by a name for the message."""
    out = {f"Evaluations.{n}": getattr(ev, n) for n in EVALUATION_TABLES}
    out["Evaluations.worklist"] = ev.worklist()
    out["Evaluations.hours_wide"] = ev.hours_wide()
    out["evaluate"] = kanten.evaluate(load, AS_OF)
    out["transitions"] = kanten.transitions()
    out["person_months"] = kanten.person_months(load, AS_OF)
    for n in ("funnel", "retention", "steps_by_month", "curves"):
        out[f"ProgrammeFigures.{n}"] = getattr(figures, n)
    out["kaplan_meier"] = kanten.kaplan_meier(load, AS_OF)
    out["kaplan_meier(data)"] = kanten.kaplan_meier([1, 2, 3], event=[True, False, True])
    events, profiles = load.to_frames()
    out["Caseload.to_frames.events"], out["Caseload.to_frames.profiles"] = events, profiles
    out["Caseload.rejected"] = frames_caseload().rejected()
    out["MatchProposal.matches"], out["MatchProposal.unmatched"] = proposal.matches, proposal.unmatched
    out["candidates"] = kanten.candidates(market)
    out["top_tasks"] = kanten.top_tasks(market, 0)
    out["top_citizens"] = kanten.top_citizens(market, 0)
    out["audit"] = kanten.audit(market, proposal, ["a" if i % 2 else "b" for i in range(len(market.citizen_ids))])
    for n in ("participants", "visits", "trips", "eligibility", "left_out"):
        out[f"BusPlan.{n}"] = getattr(bus, n)
    for n in ("tracks", "company_views", "unplaced", "mentors"):
        out[f"TrainingPlan.{n}"] = getattr(training, n)
    # Functions added alongside (issue 15): held to the same conventions when present.
    for name in ("observations", "cumulative_incidence"):
        if hasattr(kanten, name):
            out[name] = getattr(kanten, name)(load, AS_OF)
    return out


def test_every_integer_column_of_every_table_is_int64(load, ev, figures, market, proposal, bus, training):
    wrong = []
    for name, frame in every_frame(load, ev, figures, market, proposal, bus, training).items():
        for col in frame.columns:
            dtype = frame[col].dtype
            if pd.api.types.is_integer_dtype(dtype) and str(dtype) not in ("int64", "Int64"):
                wrong.append(f"{name}.{col}: {dtype}")
        if pd.api.types.is_integer_dtype(frame.index.dtype) and str(frame.index.dtype) not in ("int64", "Int64"):
            wrong.append(f"{name} index: {frame.index.dtype}")
    assert not wrong, wrong


def test_every_step_column_is_an_ordered_categorical_in_model_order(load, ev, figures, market, proposal, bus,
                                                                   training):
    seen = []
    for name, frame in every_frame(load, ev, figures, market, proposal, bus, training).items():
        for col in frame.columns:
            dtype = frame[col].dtype
            if isinstance(dtype, pd.CategoricalDtype) and set(dtype.categories) == set(kanten.STEPS):
                assert dtype.ordered and tuple(dtype.categories) == kanten.STEPS, f"{name}.{col}"
                seen.append(f"{name}.{col}")
    for expected in ("evaluate.step", "Evaluations.summary.exit_from", "Evaluations.history.from",
                     "Evaluations.history.to", "Evaluations.worklist.step", "person_months.step",
                     "transitions.from", "transitions.to"):
        assert expected in seen
    # Ordered: steps compare in model order.
    s = ev.summary
    assert ((s["step"] >= "trin2_paa_vej_mod_job") == s["step"].cat.codes.ge(2)).all()


def test_the_panel_is_named_as_docs_programme_md_names_it(load):
    text = (DOCS / "programme.md").read_text()
    section = text.split("## The person-month panel", 1)[1].split("\n## ", 1)[0]
    documented = re.findall(r"^\| `(\w+)` \|", section, flags=re.M)
    assert len(documented) >= 10
    panel = kanten.person_months(load, AS_OF)
    assert [c for c in panel.columns if c in documented] == documented, (documented, list(panel.columns))
    assert "ordinary_minutes" in documented and "ordinary" not in documented


# --- help() shows real types and the columns ----------------------------------------------------

def public_functions():
    for name in kanten.__all__:
        obj = getattr(kanten, name)
        if inspect.isfunction(obj):
            yield name, obj


def test_every_public_function_annotates_every_parameter_and_its_result():
    missing = []
    for name, fn in public_functions():
        sig = inspect.signature(fn)
        for p in sig.parameters.values():
            if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
                continue
            if p.annotation is inspect.Parameter.empty:
                missing.append(f"{name}({p.name})")
            if p.name in ("as_of", "start", "date") and "DateLike" not in str(p.annotation):
                missing.append(f"{name}({p.name}: {p.annotation}) is not a DateLike")
        if sig.return_annotation is inspect.Signature.empty:
            missing.append(f"{name} -> ?")
    assert not missing, missing


def test_the_date_alias_is_documented():
    assert kanten.DateLike.__args__ == (str, dt.date, dt.datetime, pd.Timestamp, pd.Period, np.datetime64)
    assert "DateLike" in kanten.__doc__ and "last day" in kanten.__doc__
    assert "DateLike" in str(inspect.signature(kanten.evaluate).parameters["as_of"].annotation)


def documented_columns(doc, frame, where):
    missing = [c for c in frame.columns if f"``{c}``" not in doc]
    assert not missing, f"{where}: columns not in its docstring: {missing}"


def test_every_returned_frame_has_its_columns_in_the_docstring(load, ev, figures, market, proposal, bus, training):
    for name in EVALUATION_TABLES:
        documented_columns(getattr(kanten.Evaluations, name).__doc__, getattr(ev, name), f"Evaluations.{name}")
    documented_columns(kanten.Evaluations.worklist.__doc__, ev.worklist(), "Evaluations.worklist")
    documented_columns(kanten.evaluate.__doc__, kanten.evaluate(load, AS_OF), "evaluate")
    documented_columns(kanten.transitions.__doc__, kanten.transitions(), "transitions")
    documented_columns(kanten.person_months.__doc__, kanten.person_months(load, AS_OF), "person_months")
    documented_columns(kanten.kaplan_meier.__doc__, kanten.kaplan_meier(load, AS_OF), "kaplan_meier")
    for name in ("funnel", "retention", "curves"):
        documented_columns(kanten.ProgrammeFigures.__doc__, getattr(figures, name), f"ProgrammeFigures.{name}")
    events, profiles = load.to_frames()
    documented_columns(kanten.Caseload.to_frames.__doc__, profiles, "Caseload.to_frames")
    documented_columns(kanten.Caseload.rejected.__doc__, frames_caseload().rejected(), "Caseload.rejected")
    documented_columns(kanten.Caseload.warnings.__doc__, load.warnings(), "Caseload.warnings")
    documented_columns(kanten.MatchProposal.matches.__doc__, proposal.matches, "MatchProposal.matches")
    documented_columns(kanten.MatchProposal.unmatched.__doc__, proposal.unmatched, "MatchProposal.unmatched")
    documented_columns(kanten.candidates.__doc__, kanten.candidates(market), "candidates")
    documented_columns(kanten.audit.__doc__, kanten.audit(market, proposal, ["a"] * len(market.citizen_ids)), "audit")
    for name in ("participants", "visits", "eligibility", "left_out"):
        documented_columns(getattr(kanten.BusPlan, name).__doc__, getattr(bus, name), f"BusPlan.{name}")
    for name in ("tracks", "company_views", "unplaced", "mentors"):
        documented_columns(getattr(kanten.TrainingPlan, name).__doc__, getattr(training, name), f"TrainingPlan.{name}")
    documented_columns(kanten.RuleParameters.to_frame.__doc__, kanten.RULES.to_frame(), "RuleParameters.to_frame")


def test_caseload_from_frames_documents_its_input_schema():
    doc = kanten.caseload_from_frames.__doc__
    for col in kanten.EVENT_COLUMNS + kanten.PROFILE_COLUMNS:
        assert f"``{col}``" in doc, col
    for word in ("required", "optional", "datetime64", "Int64", "bool", "list of str"):
        assert word in doc, word


# --- as_of: a month means its last day ----------------------------------------------------------

@pytest.mark.parametrize("month", ["2019-12", pd.Period("2019-12", "M"), np.datetime64("2019-12")])
def test_a_month_as_of_is_its_last_day(load, month):
    pd.testing.assert_frame_equal(kanten.evaluate(load, month), kanten.evaluate(load, "2019-12-31"))
    assert kanten.evaluate_all(load, month).as_of == dt.date(2019, 12, 31)
    pd.testing.assert_frame_equal(kanten.person_months(load, month), kanten.person_months(load, "2019-12-31"))
    pd.testing.assert_frame_equal(kanten.kaplan_meier(load, month), kanten.kaplan_meier(load, "2019-12-31"))
    assert kanten.programme_figures(load, month).as_of == dt.date(2019, 12, 31)


def test_a_month_follows_the_calendar_and_a_day_period_is_its_day(load, ev):
    assert kanten.evaluate_all(load, "2020-02").as_of == dt.date(2020, 2, 29)
    assert kanten.evaluate_all(load, "2019-02").as_of == dt.date(2019, 2, 28)
    assert kanten.evaluate_all(load, pd.Period("2019-11-05", "D")).as_of == dt.date(2019, 11, 5)
    december = kanten.evaluate_all(load, "2019-12")
    pd.testing.assert_frame_equal(kanten.followup_worklist(december, pd.Period("2019-12", "M")), december.worklist())
    citizen = str(ev.sanctions["citizen"].iloc[0])
    assert kanten.answer_sanction(load, citizen, "2019-12") == kanten.answer_sanction(load, citizen, "2019-12-31")
    assert kanten._checks.date_arg("2019-12", "f", "as_of") == "2019-12-31"
    assert kanten._checks.date_arg("2019-12", "f", "start") == "2019-12"  # a day is meant: the library refuses it


def test_a_bad_month_or_another_period_is_an_error_naming_as_of(load):
    for bad in ("2019-13", "2019-00", pd.Period("2019Q4", "Q"), pd.Period("2019", "Y"), pd.Period("2019-12-05 10:00", "H")):
        with pytest.raises(kanten.KantenError) as e:
            kanten.evaluate(load, bad)
        assert e.value.field == "as_of" and e.value.code == "invalid_argument", bad
    # A month is not a day where a day is meant (the generator's start, a trip's date).
    with pytest.raises(kanten.KantenError) as e:
        kanten.generate_caseload(citizens=2, start=pd.Period("2019-01", "M"))
    assert e.value.field == "start"
    assert len(kanten.generate_caseload(citizens=2, start=pd.Period("2019-01-07", "D"))) == 2
    with pytest.raises(TypeError, match="as_of"):
        kanten.evaluate(load, 2019)


# --- the rule set's parameters ------------------------------------------------------------------

def test_the_rule_parameters_are_readable_with_their_sources():
    r = kanten.RULES
    assert r.exit_ordinary_minutes_per_month == 1800 and r.exit_ordinary_hours_per_month == 30.0
    assert (r.followup_months, r.sanction_days, r.max_minutes_per_day, r.month) == (12, 3, 1440, "calendar")
    assert r.sanction_requires_written_hearing and r.personal_contact_needs_phone_and_visit
    assert r.version == kanten.evaluate_all(kanten.generate_caseload(citizens=1), AS_OF).rule_set
    thirty = r.parameter("exit_ordinary_minutes_per_month")
    assert thirty.source.seed.startswith("004_") and "mindst 30" in thirty.source.quote
    assert thirty.decision == "The 30-hour exit" and "Trin 3" in thirty.citation
    assert "en gang i måneden i det første år" in r.parameter("followup_months").source.quote
    assert "tre dage" in r.parameter("sanction_days").source.quote
    headings = set(re.findall(r"^## (.+)$", (DOCS / "decisions.md").read_text(), flags=re.M))
    for p in r.parameters:
        assert p.decision is None or p.decision in headings, p.decision
        assert getattr(r, p.name) == p.value
    table = r.to_frame()
    assert list(table["parameter"]) == [p.name for p in r.parameters] and len(table) == 7
    with pytest.raises(kanten.KantenError) as e:
        r.parameter("thirty_hours")
    assert e.value.field == "name"


def test_the_rule_parameters_are_read_only():
    with pytest.raises(dataclasses.FrozenInstanceError):
        kanten.RULES.followup_months = 6
    with pytest.raises(dataclasses.FrozenInstanceError):
        kanten.RULES.parameters[0].value = 60
    assert isinstance(kanten.RULES.parameters, tuple) and kanten.RULES.followup_months == 12


def test_the_threshold_is_the_one_the_rules_apply(events):
    # One minute short of RULES' threshold stays in Trin 3; the threshold itself exits.
    minutes = kanten.RULES.exit_ordinary_minutes_per_month
    for worked, step in ((minutes - 1, "trin3_virksomhedsforloeb"), (minutes, "exit_30_hours")):
        e = events("a").trin1_complete("2024-01-08").trin2_complete("2024-03-04")
        e.hours("2024-04-10", worked // 2).hours("2024-04-11", worked - worked // 2)  # at most 24 h a day
        assert kanten.evaluate(e.caseload(), "2024-05-31")["step"].iloc[0] == step
