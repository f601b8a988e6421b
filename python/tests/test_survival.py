"""Survival analysis (kanten/_survival.py; docs/programme.md): the observations table, Kaplan–Meier
with Greenwood limits and groups, the log-rank test, the Aalen–Johansen cumulative incidence —
each checked against statsmodels.duration.survfunc (Debian's python3-statsmodels) on the same
data: the generated sample of 850 citizens (seed 2018) as of 2020-12-31, and random data with
many ties. Then the arguments each function refuses."""

import dataclasses
import warnings

import numpy as np
import pandas as pd
import pytest
from scipy.stats import norm

import kanten

sm = pytest.importorskip("statsmodels.duration.survfunc")

AS_OF = "2020-12-31"


@pytest.fixture(scope="module")
def load():
    return kanten.generate_caseload(citizens=850, seed=2018)


@pytest.fixture(scope="module")
def tied():
    """300 subjects on 40 whole days (many ties of events and censorings), three groups, three causes."""
    rng = np.random.default_rng(15)
    n = 300
    return pd.DataFrame({
        "days": rng.integers(0, 40, n),
        "event": rng.random(n) < 0.6,
        "group": rng.choice(["a", "b", "c"], n),
        "cause": rng.choice([0, 1, 2, 3], n, p=[0.3, 0.4, 0.2, 0.1]),
    })


def loglog(p, se, alpha):
    """The log(−log) limits written out from statsmodels' own estimate and standard error."""
    z = norm.ppf(1 - alpha / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        c = z * se / (p * np.abs(np.log(p)))
        return p ** np.exp(c), p ** np.exp(-c)


def assert_km_matches_statsmodels(km, days, event, alpha=0.05):
    sf = sm.SurvfuncRight(np.asarray(days), np.asarray(event, dtype=float))
    at_events = km[km["events"] > 0]
    np.testing.assert_array_equal(at_events["days"], sf.surv_times)
    np.testing.assert_array_equal(at_events["at_risk"], sf.n_risk)
    np.testing.assert_array_equal(at_events["events"], sf.n_events)
    np.testing.assert_allclose(at_events["survival"], sf.surv_prob, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(at_events["std_err"], sf.surv_prob_se, rtol=1e-10, atol=1e-14, equal_nan=True)
    lower, upper = loglog(sf.surv_prob, sf.surv_prob_se, alpha)
    defined = (sf.surv_prob > 0) & (sf.surv_prob < 1)
    np.testing.assert_allclose(at_events["lower"][defined], lower[defined], rtol=1e-9)
    np.testing.assert_allclose(at_events["upper"][defined], upper[defined], rtol=1e-9)
    # statsmodels' quantile_ci with the cloglog transform inverts the same pointwise test: its
    # interval for the p-quantile runs from the first event time whose limits hold 1 − p to the
    # event time after the last such one.
    s, lo, hi = (at_events[c].to_numpy() for c in ("survival", "lower", "upper"))
    t = at_events["days"].to_numpy()
    checked = 0
    for p in (0.1, 0.2, 0.25, 0.3):
        with np.errstate(divide="ignore", invalid="ignore"):
            want = sf.quantile_ci(p, alpha=alpha, method="cloglog")
        inside = np.flatnonzero((lo <= 1 - p) & (1 - p <= hi) & (s > 0) & (s < 1))
        if not len(inside):
            assert np.isnan(want[0])
            continue
        got = (t[inside[0]], np.inf if inside[-1] == len(t) - 1 else t[inside[-1] + 1])
        assert got == pytest.approx(want), p
        checked += 1
    return checked


# ---------------------------------------------------------------------------------------------
# The observations table
# ---------------------------------------------------------------------------------------------

def test_observations_table_has_the_contract_columns_and_types(load):
    obs = kanten.observations(load, AS_OF)
    assert tuple(obs.columns) == kanten.OBSERVATION_COLUMNS
    assert str(obs["entry"].dtype).startswith("datetime64")
    assert obs["days"].dtype == np.int64
    for column in ("event", "activity_ready", "lives_in_designated_area", "in_integration_programme"):
        assert obs[column].dtype == bool, column
    assert list(obs["exit"].cat.categories) == list(kanten.EXITS)
    assert list(obs["benefit"].cat.categories) == list(kanten.VOCABULARIES["benefit"])
    # One row per citizen who entered, the same count the figures' curves have.
    figures = kanten.programme_figures(load, AS_OF)
    entered = int(figures.funnel.set_index("stage").loc["entered", "citizens"])
    assert len(obs) == entered == obs["citizen"].nunique()
    assert (obs["entry"] <= pd.Timestamp(AS_OF)).all()
    assert (obs["entry"] + pd.to_timedelta(obs["days"], unit="D") <= pd.Timestamp(AS_OF)).all()


def test_observations_exit_is_the_exit_that_ended_follow_up(load):
    ev = kanten.evaluate(load, AS_OF).set_index("citizen")
    obs = kanten.observations(load, AS_OF, endpoint="exit").set_index("citizen")
    left = obs["event"]
    assert left.sum() == ev["exit"].notna().sum()
    # For the exit endpoint the exit is the event: the evaluation's exit, on entry + days.
    assert (obs.loc[left, "exit"].astype(str) == ev.loc[left[left].index, "exit"].astype(str)).all()
    assert obs.loc[~left, "exit"].isna().all()
    end = obs["entry"] + pd.to_timedelta(obs["days"], unit="D")
    assert (end[left] == pd.to_datetime(ev.loc[left[left].index, "exit_date"])).all()
    # For the 30-hour exit, the other exits censor: they are the competing exit of the row.
    thirty = kanten.observations(load, AS_OF, endpoint="exit_30_hours").set_index("citizen")
    censored_by_exit = ~thirty["event"] & thirty["exit"].notna()
    assert censored_by_exit.any()
    assert (thirty.loc[censored_by_exit, "exit"] != "exit_30_hours").all()
    assert (thirty.loc[thirty["event"], "exit"] == "exit_30_hours").all()


def test_observations_profile_is_the_one_in_force_at_entry(events):
    # Uddannelseshjælp at entry (8 January); kontanthjælp from 1 March.
    frame = (events("a").on("2024-01-08", "first_conversation")
             .on("2024-03-01", "profile_changed", benefit="kontanthjaelp").frame())
    profiles = pd.DataFrame({"citizen": ["a"], "benefit": ["uddannelseshjaelp"]})
    load = kanten.caseload_from_frames(frame, profiles)
    obs = kanten.observations(load, "2024-06-30", endpoint="exit")
    assert obs["benefit"].tolist() == ["uddannelseshjaelp"]
    assert obs["days"].tolist() == [174]
    assert obs["event"].tolist() == [False]
    assert obs["entry"].tolist() == [pd.Timestamp("2024-01-08")]
    assert kanten.person_months(load, "2024-06-30")["benefit"].iloc[-1] == "kontanthjaelp"


# ---------------------------------------------------------------------------------------------
# Kaplan–Meier against statsmodels' SurvfuncRight
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("endpoint", ["first_paid_hours", "exit", "exit_30_hours"])
def test_kaplan_meier_of_the_sample_equals_statsmodels(load, endpoint):
    obs = kanten.observations(load, AS_OF, endpoint=endpoint)
    km = kanten.kaplan_meier(load, AS_OF, endpoint=endpoint)
    assert obs["event"].sum() > 20
    checked = assert_km_matches_statsmodels(km, obs["days"], obs["event"])
    assert checked >= 1 or endpoint == "exit_30_hours"
    # The observations table gives the same curve.
    pd.testing.assert_frame_equal(kanten.kaplan_meier(obs), km)


@pytest.mark.parametrize("alpha", [0.05, 0.2, 0.01])
def test_kaplan_meier_with_ties_equals_statsmodels(tied, alpha):
    km = kanten.kaplan_meier(tied["days"], event=tied["event"], alpha=alpha)
    assert km.attrs["alpha"] == alpha
    assert assert_km_matches_statsmodels(km, tied["days"], tied["event"], alpha) >= 2


def test_kaplan_meier_limits_widen_with_confidence_and_hold_the_estimate(tied):
    wide = kanten.kaplan_meier(tied["days"], event=tied["event"], alpha=0.01)
    narrow = kanten.kaplan_meier(tied["days"], event=tied["event"], alpha=0.2)
    ok = wide["std_err"].notna()
    assert (wide.loc[ok, "lower"] <= narrow.loc[ok, "lower"]).all()
    assert (wide.loc[ok, "upper"] >= narrow.loc[ok, "upper"]).all()
    assert (wide.loc[ok, "lower"] <= wide.loc[ok, "survival"]).all()
    assert (wide.loc[ok, "survival"] <= wide.loc[ok, "upper"]).all()
    assert ((wide[["lower", "upper"]] >= 0) & (wide[["lower", "upper"]] <= 1))[ok].all().all()


def test_kaplan_meier_by_group_is_each_group_alone(load, tied):
    km = kanten.kaplan_meier(tied["days"], event=tied["event"], by=tied["group"])
    assert list(km.columns[:2]) == ["group", "days"]
    assert list(km["group"].cat.categories) == ["a", "b", "c"]
    for g in ("a", "b", "c"):
        part = tied[tied["group"] == g]
        alone = kanten.kaplan_meier(part["days"], event=part["event"])
        got = km[km["group"] == g].drop(columns="group").reset_index(drop=True)
        pd.testing.assert_frame_equal(got, alone)
        assert km.attrs["subjects"][g] == len(part)
        assert_km_matches_statsmodels(got, part["days"], part["event"])

    # By a column of the observations, by a Series of citizen ids, by a mapping: the same curves.
    obs = kanten.observations(load, AS_OF)
    by_column = kanten.kaplan_meier(load, AS_OF, by="benefit")
    assert list(by_column["group"].cat.categories) == [b for b in kanten.VOCABULARIES["benefit"]
                                                       if b in set(obs["benefit"])]
    labels = obs.set_index("citizen")["benefit"]
    pd.testing.assert_frame_equal(kanten.kaplan_meier(load, AS_OF, by=labels), by_column)
    by_mapping = kanten.kaplan_meier(load, AS_OF, by=labels.astype(str).to_dict())
    assert list(by_mapping["group"].cat.categories) == sorted(by_column["group"].cat.categories)  # plain labels sort

    def in_label_order(df):
        return df.assign(group=df["group"].astype(str)).sort_values(["group", "days"]).reset_index(drop=True)

    pd.testing.assert_frame_equal(in_label_order(by_mapping), in_label_order(by_column))
    pd.testing.assert_frame_equal(kanten.kaplan_meier(obs, by="benefit"), by_column)
    # A Series indexed like the table aligns with its rows.
    pd.testing.assert_frame_equal(kanten.kaplan_meier(obs, by=obs["benefit"]), by_column)


def test_kaplan_meier_by_leaves_out_citizens_without_a_group_with_a_warning(load):
    obs = kanten.observations(load, AS_OF)
    some = dict(zip(obs["citizen"][:100], ["x"] * 50 + ["y"] * 50))
    with pytest.warns(kanten.KantenWarning, match=f"{len(obs) - 100} of {len(obs)} observations have no group"):
        km = kanten.kaplan_meier(load, AS_OF, by=some)
    assert km.attrs["subjects"] == {"x": 50, "y": 50}


# ---------------------------------------------------------------------------------------------
# The log-rank test against statsmodels' survdiff
# ---------------------------------------------------------------------------------------------

def assert_logrank_matches_statsmodels(test, days, event, group):
    stat, p = sm.survdiff(np.asarray(days), np.asarray(event, dtype=float), np.asarray(group))
    assert test.statistic == pytest.approx(stat, rel=1e-9)
    assert test.p_value == pytest.approx(p, rel=1e-7, abs=1e-15)
    assert test.df == len(np.unique(group)) - 1
    table = test.table
    assert table["observed"].sum() == int(np.sum(event))
    assert table["expected"].sum() == pytest.approx(table["observed"].sum())  # Σ E = Σ O


def test_logrank_of_the_sample_equals_statsmodels(load):
    obs = kanten.observations(load, AS_OF)
    test = kanten.logrank(load, AS_OF, by="benefit")
    assert_logrank_matches_statsmodels(test, obs["days"], obs["event"], obs["benefit"].astype(str))
    assert list(test.table.columns) == ["group", "subjects", "observed", "expected", "variance"]
    assert test.table["subjects"].sum() == len(obs)
    # Two groups by citizen: the statistic is (O − E)² / V of either group.
    halves = {c: ("early" if i % 2 else "late") for i, c in enumerate(obs["citizen"])}
    two = kanten.logrank(load, AS_OF, endpoint="exit", by=halves)
    exits = kanten.observations(load, AS_OF, endpoint="exit")
    assert_logrank_matches_statsmodels(two, exits["days"], exits["event"], exits["citizen"].map(halves))
    row = two.table.iloc[0]
    assert two.statistic == pytest.approx((row["observed"] - row["expected"]) ** 2 / row["variance"])
    assert two.df == 1


def test_logrank_with_ties_equals_statsmodels(tied):
    three = kanten.logrank(tied["days"], event=tied["event"], by=tied["group"])
    assert_logrank_matches_statsmodels(three, tied["days"], tied["event"], tied["group"])
    # The expected counts, summed over the times by hand: Σ d · n_g / n.
    exp = {g: 0.0 for g in "abc"}
    for t in np.unique(tied["days"]):
        at_risk = tied[tied["days"] >= t]
        d = (at_risk["event"] & (at_risk["days"] == t)).sum()
        for g in "abc":
            exp[g] += d * (at_risk["group"] == g).sum() / len(at_risk)
    assert three.expected.to_dict() == pytest.approx(exp)
    assert three.observed.to_dict() == tied[tied["event"]].groupby("group").size().to_dict()
    two = tied[tied["group"] != "c"]
    assert_logrank_matches_statsmodels(kanten.logrank(two["days"], event=two["event"], by=two["group"]),
                                       two["days"], two["event"], two["group"])


def test_logrank_result_is_read_only_with_a_short_repr(tied):
    test = kanten.logrank(tied["days"], event=tied["event"], by=tied["group"])
    assert repr(test).startswith("<kanten.LogRankTest: 3 groups; chi2 ")
    assert len(repr(test)) < 100
    with pytest.raises(dataclasses.FrozenInstanceError):
        test.statistic = 0.0
    test.table.loc[0, "observed"] = -1
    assert test.table.loc[0, "observed"] >= 0
    assert "<table" in test._repr_html_()


def test_logrank_undefined_is_an_error_naming_the_field():
    with pytest.raises(kanten.KantenError, match="no events") as e:
        kanten.logrank([1, 2, 3], event=[False, False, False], by=["a", "b", "b"])
    assert e.value.field == "observations"
    with pytest.raises(kanten.KantenError, match="at least two groups") as e:
        kanten.logrank([1, 2, 3], event=[True, False, True], by=["a", "a", "a"])
    assert e.value.field == "by"
    # Group b has left before the only event.
    with pytest.raises(kanten.KantenError, match="undefined"):
        kanten.logrank([1, 5, 6], event=[False, True, False], by=["b", "a", "a"])


# ---------------------------------------------------------------------------------------------
# Cumulative incidence against statsmodels' CumIncidenceRight
# ---------------------------------------------------------------------------------------------

def assert_incidence_matches_statsmodels(ci, days, status, alpha=0.05):
    with np.errstate(divide="ignore", invalid="ignore"):
        want = sm.CumIncidenceRight(np.asarray(days), np.asarray(status))
    causes = list(ci["cause"].cat.categories)
    for k, name in enumerate(causes):
        part = ci[ci["cause"] == name]
        np.testing.assert_array_equal(part["days"], want.times)
        if k >= len(want.cinc):  # statsmodels counts causes up to the largest seen
            assert (part["cif"] == 0).all() and (part["events"] == 0).all()
            continue
        np.testing.assert_allclose(part["cif"], want.cinc[k], rtol=1e-12, atol=1e-15)
        np.testing.assert_allclose(part["std_err"], want.cinc_se[k], rtol=1e-8, atol=1e-12, equal_nan=True)
        lower, upper = loglog(want.cinc[k], want.cinc_se[k], alpha)
        defined = (want.cinc[k] > 0) & (want.cinc[k] < 1) & np.isfinite(want.cinc_se[k])
        np.testing.assert_allclose(part["lower"][defined], lower[defined], rtol=1e-8)
        np.testing.assert_allclose(part["upper"][defined], upper[defined], rtol=1e-8)


def test_cumulative_incidence_of_the_sample_equals_statsmodels(load):
    ci = kanten.cumulative_incidence(load, AS_OF)
    assert list(ci.columns) == ["cause", "days", "at_risk", "events", "cif", "std_err", "lower", "upper"]
    assert list(ci["cause"].cat.categories) == list(kanten.EXITS)
    obs = kanten.observations(load, AS_OF, endpoint="exit")
    status = np.where(obs["event"], obs["exit"].cat.codes + 1, 0)
    assert len(np.unique(status)) == 4  # every exit happens in the sample
    assert_incidence_matches_statsmodels(ci, obs["days"], status)
    # The causes add up to 1 − Kaplan–Meier of any exit (Aalen–Johansen, not 1 − KM per cause).
    km = kanten.kaplan_meier(load, AS_OF, endpoint="exit").set_index("days")["survival"]
    total = ci.groupby("days")["cif"].sum()
    np.testing.assert_allclose(total.to_numpy(), 1 - km.loc[total.index].to_numpy(), atol=1e-12)
    assert ci.attrs["subjects"] == len(obs)
    assert ci.attrs["censored"] == int((~obs["event"]).sum())


def test_cumulative_incidence_with_ties_equals_statsmodels(tied):
    labels = tied["cause"].map({0: None, 1: "job", 2: "education", 3: "moved"})
    ci = kanten.cumulative_incidence(tied["days"], cause=labels, alpha=0.1)
    assert list(ci["cause"].cat.categories) == ["education", "job", "moved"]  # sorted labels
    status = labels.map({"education": 1, "job": 2, "moved": 3}).fillna(0).astype(int)
    assert_incidence_matches_statsmodels(ci, tied["days"], status, alpha=0.1)
    # A categorical keeps its own order of causes.
    ordered = pd.Categorical(labels, categories=["moved", "job", "education"])
    ci2 = kanten.cumulative_incidence(tied["days"], cause=ordered)
    assert list(ci2["cause"].cat.categories) == ["moved", "job", "education"]
    moved = ci2[ci2["cause"] == "moved"]["cif"].to_numpy()
    np.testing.assert_allclose(moved, ci[ci["cause"] == "moved"]["cif"].to_numpy())


# ---------------------------------------------------------------------------------------------
# Arguments refused
# ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad", [0, 1, -0.5, 1.5, float("nan"), float("inf")])
def test_alpha_out_of_range_is_a_kanten_error(load, bad):
    for call in (lambda: kanten.kaplan_meier([1, 2], event=[True, False], alpha=bad),
                 lambda: kanten.kaplan_meier(load, AS_OF, alpha=bad),
                 lambda: kanten.cumulative_incidence(load, AS_OF, alpha=bad)):
        with pytest.raises(kanten.KantenError, match="out of range") as e:
            call()
        assert e.value.field == "alpha"


def test_wrong_types_are_type_errors_naming_function_and_parameter(load):
    with pytest.raises(TypeError, match="kaplan_meier: parameter 'alpha' must be a number, not str"):
        kanten.kaplan_meier([1], event=[True], alpha="0.05")
    with pytest.raises(TypeError, match="kaplan_meier: parameter 'alpha' must be a number, not bool"):
        kanten.kaplan_meier([1], event=[True], alpha=True)
    with pytest.raises(TypeError, match="observations: parameter 'caseload' must be a kanten.Caseload, not list"):
        kanten.observations([1, 2], AS_OF)
    with pytest.raises(TypeError, match="observations: parameter 'endpoint' must be a str, not int"):
        kanten.observations(load, AS_OF, endpoint=3)
    with pytest.raises(TypeError, match="observations: parameter 'as_of' must be a date"):
        kanten.observations(load, 20201231)
    with pytest.raises(TypeError, match="logrank: parameter 'by' must be"):
        kanten.logrank([1, 2], event=[True, True], by=None)
    with pytest.raises(TypeError, match="logrank: parameter 'by' must be"):
        kanten.logrank([1, 2], event=[True, True], by=7)
    with pytest.raises(TypeError, match="cumulative_incidence: parameter 'source' must be a kanten.Caseload or a"):
        kanten.cumulative_incidence(pd.DataFrame({"days": [1]}))
    with pytest.raises(TypeError, match="cumulative_incidence: parameter 'cause' must be a sequence"):
        kanten.cumulative_incidence([1, 2], cause="job")


def test_bad_values_are_kanten_errors_naming_the_field(load, tied):
    with pytest.raises(kanten.KantenError, match="'endpoint'.*did you mean 'exit'") as e:
        kanten.observations(load, AS_OF, endpoint="exits")
    assert e.value.field == "endpoint"
    with pytest.raises(kanten.KantenError, match="not a column of the observations") as e:
        kanten.kaplan_meier(load, AS_OF, by="age")
    assert e.value.field == "by"
    with pytest.raises(kanten.KantenError, match="needs a caseload or an observations table"):
        kanten.kaplan_meier([1, 2], event=[True, False], by="benefit")
    with pytest.raises(kanten.KantenError, match="one group label per time") as e:
        kanten.kaplan_meier([1, 2], event=[True, False], by=["a"])
    assert e.value.field == "by"
    with pytest.raises(kanten.KantenError, match="order is not yours to rely on"):
        kanten.kaplan_meier(load, AS_OF, by=["a"] * 10)
    with pytest.raises(kanten.KantenError, match="one flag per time") as e:
        kanten.logrank([1, 2], event=[True], by=["a", "b"])
    assert e.value.field == "event"
    with pytest.raises(kanten.KantenError, match="source.days"):
        kanten.kaplan_meier(pd.DataFrame({"event": [True]}))
    with pytest.raises(kanten.KantenError, match="flags must be booleans") as e:
        kanten.kaplan_meier(pd.DataFrame({"days": [1], "event": [1]}))
    assert e.value.field == "source.event"
    with pytest.raises(kanten.KantenError, match="as_of"):
        kanten.kaplan_meier(tied, AS_OF)
    with pytest.raises(kanten.KantenError, match="as_of"):
        kanten.cumulative_incidence(load)
    with pytest.raises(kanten.KantenError, match="causes are its exits"):
        kanten.cumulative_incidence(load, AS_OF, cause=["x"])
    with pytest.raises(kanten.KantenError, match="every observation is censored"):
        kanten.cumulative_incidence([1, 2], cause=[None, np.nan])
    with pytest.raises(kanten.KantenError, match="one label per time"):
        kanten.cumulative_incidence([1, 2], cause=["job"])
    with pytest.raises(kanten.KantenError, match=r"observations\[1\]\.days"):
        kanten.cumulative_incidence([1, -2], cause=["job", None])
    with pytest.raises(kanten.KantenError, match="repeats an id"):
        kanten.kaplan_meier(load, AS_OF, by=pd.Series(["a", "b"], index=["c-000001", "c-000001"]))


def test_messages_never_show_free_text(load):
    free = "Borgeren fortæller om sin familie og sine smerter"
    with pytest.raises(kanten.KantenError) as e:
        kanten.kaplan_meier(load, AS_OF, by=free)
    assert "fortæller" not in str(e.value)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(kanten.KantenError) as e:
            kanten.observations(load, AS_OF, endpoint=free)
    assert "fortæller" not in str(e.value)
