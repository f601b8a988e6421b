"""Programme figures from Python: the panel, the figures and Kaplan–Meier curves as DataFrames."""

import datetime as dt
import json
import threading

import numpy as np
import pandas as pd
import pytest

import kanten


def two_citizens(events):
    """a: Trin 3 in March 2024, 31 ordinary hours in May (the 30-hour exit at May's end);
    b: Trin 3 in March with an internship, broken off on 10 April (back in Trin 2)."""
    a = events("a").trin1_complete("2024-01-08").trin2_complete("2024-03-04")
    a.hours("2024-05-06", 16 * 60).hours("2024-05-13", 15 * 60)
    b = events("b").trin1_complete("2024-01-08").trin2_complete("2024-03-04", agreement_kind="internship")
    b.hours("2024-03-05", 300, type="internship").on("2024-04-10", "course_broken_off")
    return kanten.caseload_from_frames(pd.concat([a.frame(), b.frame()], ignore_index=True))


def test_person_months_one_row_per_citizen_and_month(events):
    panel = kanten.person_months(two_citizens(events), dt.date(2024, 6, 30))
    assert list(panel.columns) == ["citizen", "month", "step", "ordinary_minutes", "internship_minutes",
                                   "agreement", "exit", "in_target_group", "benefit", "activity_ready",
                                   "lives_in_designated_area", "in_integration_programme", "bus_trips", "in_training"]
    a = panel[panel["citizen"] == "a"].set_index("month")
    # January (entry) to May (the exit month); nothing after the exit.
    assert [str(m) for m in a.index] == ["2024-01", "2024-02", "2024-03", "2024-04", "2024-05"]
    assert a.loc[pd.Period("2024-05", "M"), "ordinary_minutes"] == 31 * 60
    assert a.loc[pd.Period("2024-05", "M"), "step"] == "exit_30_hours"
    assert a.loc[pd.Period("2024-05", "M"), "exit"] == "exit_30_hours"
    assert a["exit"].isna().sum() == 4
    assert not a.loc[pd.Period("2024-01", "M"), "agreement"]
    b = panel[panel["citizen"] == "b"].set_index("month")
    assert len(b) == 6  # January to June: no exit
    assert b.loc[pd.Period("2024-03", "M"), "internship_minutes"] == 300
    assert b.loc[pd.Period("2024-04", "M"), "agreement"]  # in force until the break-off
    assert not b.loc[pd.Period("2024-05", "M"), "agreement"]
    assert b.loc[pd.Period("2024-06", "M"), "step"] == "trin2_paa_vej_mod_job"
    assert isinstance(panel["step"].dtype, pd.CategoricalDtype)
    assert list(panel["step"].cat.categories) == list(kanten.STEPS)
    assert panel["month"].dtype == pd.PeriodDtype("M")


def test_programme_figures_funnel_shares_and_steps(events):
    f = kanten.programme_figures(two_citizens(events), "2024-06-30", retention_months=[1, 2])
    assert f.as_of == dt.date(2024, 6, 30)
    assert list(f.funnel["stage"]) == list(kanten.FUNNEL_STAGES)
    counts = dict(zip(f.funnel["stage"], f.funnel["citizens"]))
    assert counts == {"caseload": 2, "entered": 2, "trin2": 2, "trin3": 2, "paid_hours": 1,
                      "exit_30_hours": 1, "exit_self_support": 0, "exit_rehabilitation_team": 0}
    assert f.paid_hours_share == pytest.approx(0.5)
    assert f.thirty_hours_share == pytest.approx(0.5)
    # Month 1 after entering Trin 3 is April: neither has ordinary hours. Month 2 is May: a has.
    assert list(f.retention["months"]) == [1, 2]
    assert list(f.retention["eligible"]) == [2, 2]
    assert list(f.retention["retained"]) == [0, 1]
    assert f.retention["share"].tolist() == [0.0, 0.5]
    # Every month's counts sum to the caseload's size.
    assert (f.steps_by_month.sum(axis=1) == 2).all()
    assert f.steps_by_month.loc[pd.Period("2024-06", "M"), "exit_30_hours"] == 1
    assert f.steps_by_month.loc[pd.Period("2024-06", "M"), "trin2_paa_vej_mod_job"] == 1
    assert list(f.steps_by_month.columns) == list(kanten.STEPS)
    assert set(f.curves["endpoint"].unique()) <= set(kanten.ENDPOINTS)
    assert f.medians["exit"] == 144  # a exits on 31 May, day 144 of 2: the survival is 1/2
    assert f.medians["first_paid_hours"] == 119
    assert json.loads(f.json)["funnel"]["paid_hours"] == 1


def test_kaplan_meier_hand_worked_example():
    # (days, event): 2 ●, 3 ○, 5 ●, 5 ●, 5 ○, 8 ●, 10 ○, 12 ●. By hand, S = S− · (1 − d/n):
    # t=2: 7/8; t=3: 7/8; t=5: 7/8 · 4/6 = 0.5833; t=8: 0.5833 · 2/3 = 0.3889; t=10: same; t=12: 0.
    df = kanten.kaplan_meier([5, 2, 10, 5, 12, 3, 5, 8],
                             event=[True, True, False, False, True, False, True, True])
    assert df["days"].tolist() == [2, 3, 5, 8, 10, 12]
    assert df["at_risk"].tolist() == [8, 7, 6, 3, 2, 1]
    assert df["events"].tolist() == [1, 0, 2, 1, 0, 1]
    assert df["censored"].tolist() == [0, 1, 1, 0, 1, 0]
    assert df["survival"].tolist() == pytest.approx([0.875, 0.875, 0.875 * 4 / 6, 0.875 * 4 / 6 * 2 / 3,
                                                    0.875 * 4 / 6 * 2 / 3, 0.0])
    assert df.attrs["median"] == 8
    assert df.attrs["subjects"] == 8


def test_kaplan_meier_all_censored_and_bad_input():
    df = kanten.kaplan_meier(np.array([4, 1]), event=np.array([False, False]))
    assert (df["survival"] == 1.0).all()
    assert df.attrs["median"] is None
    with pytest.raises(kanten.KantenError, match=r"observations\[1\]\.days.*-3"):
        kanten.kaplan_meier([1, -3], event=[True, True])
    with pytest.raises(kanten.KantenError, match="event"):
        kanten.kaplan_meier([1, 2])
    with pytest.raises(kanten.KantenError, match="event"):
        kanten.kaplan_meier([1, 2], event=[True])
    with pytest.raises(kanten.KantenError, match="days"):
        kanten.kaplan_meier([1.5, 2], event=[True, False])


def test_kaplan_meier_of_a_caseload(events):
    load = two_citizens(events)
    df = kanten.kaplan_meier(load, "2024-06-30", endpoint="first_paid_hours")
    # a: first ordinary hours on 6 May, 119 days after entry on 8 January; b censored at as-of.
    assert df["days"].tolist() == [119, 174]
    assert df["events"].tolist() == [1, 0]
    assert df.attrs["median"] == 119
    with pytest.raises(kanten.KantenError, match="endpoint.*'sooner'"):
        kanten.kaplan_meier(load, "2024-06-30", endpoint="sooner")
    with pytest.raises(kanten.KantenError, match="as_of"):
        kanten.kaplan_meier(load)


def test_errors_name_the_field(events):
    load = two_citizens(events)
    with pytest.raises(kanten.KantenError, match="as_of.*2024-02-30"):
        kanten.person_months(load, "2024-02-30")
    with pytest.raises(kanten.KantenError, match=r"retention_months\[0\]"):
        kanten.programme_figures(load, "2024-06-30", retention_months=[0])
    with pytest.raises(TypeError, match="programme_figures: parameter 'caseload' must be a kanten.Caseload, not str"):
        kanten.programme_figures("not a caseload", "2024-06-30")


def test_generated_sample_at_the_midterm_and_in_threads():
    # Seed 003: about 15 % had paid hours at the midterm; the default sample is held to 12–18 %.
    load = kanten.generate_caseload()
    f = kanten.programme_figures(load, "2019-12-31")
    assert 0.12 <= f.paid_hours_share <= 0.18
    panel = kanten.person_months(load, "2019-12-31")
    assert panel.groupby("citizen")["ordinary_minutes"].sum().gt(0).sum() == \
        f.funnel.set_index("stage").loc["paid_hours", "citizens"]
    # The same figures from several threads at once (the GIL is released in C++).
    results = [None] * 4

    def work(i):
        results[i] = kanten.programme_figures(load, "2019-12-31").json

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == f.json for r in results)


# --- issue 10: extreme integers, wrong types --------------------------------------------------

@pytest.mark.parametrize("months", [10**6, 1201, 2**63, 2**70, -2**63 - 1])
def test_retention_months_out_of_range_is_a_kanten_error(events, months):
    # 10**6 months gave an IndexError from Boost ("Year is out of valid range"); 2**70 a pybind
    # TypeError repeating the caseload.
    with pytest.raises(kanten.KantenError) as e:
        kanten.programme_figures(two_citizens(events), "2024-06-30", retention_months=[3, months])
    assert e.value.field == "retention_months[1]" and e.value.code == "invalid_argument"
    assert len(str(e.value)) < 120


def test_a_range_cpp_did_not_check_is_still_a_kanten_error(events):
    # The bindings translate std::out_of_range (Boost.Date_Time's "Year is out of valid range")
    # into a KantenError, for any call that reaches C++ unchecked.
    load = two_citizens(events)
    with pytest.raises(kanten.KantenError) as e:
        kanten._kanten._programme_figures(load, "2024-06-30", [10**8])
    assert e.value.code == "invalid_argument"


def test_retention_months_are_whole_numbers(events):
    with pytest.raises(TypeError, match=r"parameter 'retention_months\[0\]' must be an int, not float"):
        kanten.programme_figures(two_citizens(events), "2024-06-30", retention_months=[3.7])
    with pytest.raises(TypeError, match="parameter 'retention_months' must be a sequence of int, not int"):
        kanten.programme_figures(two_citizens(events), "2024-06-30", retention_months=3)


def test_kaplan_meier_takes_no_silent_arguments_or_wrapped_numbers(events):
    with pytest.raises(TypeError, match="kaplan_meier: parameter 'source' must be a kanten.Caseload or a sequence"):
        kanten.kaplan_meier(None, event=[True])
    with pytest.raises(kanten.KantenError, match="as_of"):
        kanten.kaplan_meier([1, 2], "2024-06-30", event=[True, False])
    with pytest.raises(kanten.KantenError, match=r"days\[1\]"):
        kanten.kaplan_meier(np.array([1, 2**64 - 1], dtype=np.uint64), event=[True, False])
    with pytest.raises(kanten.KantenError, match="days"):
        kanten.kaplan_meier([1, 2**70], event=[True, False])
    with pytest.raises(TypeError, match="parameter 'endpoint' must be a str"):
        kanten.kaplan_meier(two_citizens(events), "2024-06-30", endpoint=None)
