"""The comparison design from Python: cheap subsets of a caseload (Caseload.select, Caseload.filter),
the groups' person-month panel, compare() side by side, and the plots (docs/programme.md,
"Comparing groups")."""

import datetime as dt
import sys

import numpy as np
import pandas as pd
import pytest

import kanten

AS_OF = "2020-12-31"


@pytest.fixture(scope="module")
def programme():
    return kanten.generate_caseload(citizens=120, seed=7)


@pytest.fixture(scope="module")
def comparison():
    return kanten.generate_caseload(citizens=120, seed=7, comparison=True)


@pytest.fixture(scope="module")
def compared(programme, comparison):
    return kanten.compare({"programme": programme, "comparison": comparison}, AS_OF)


def frames_subset(load, ids):
    """The caseload of ``ids`` by the slow route: to DataFrames, rows kept, and back."""
    events, profiles = load.to_frames()
    return kanten.caseload_from_frames(events[events["citizen"].isin(ids)].reset_index(drop=True),
                                       profiles[profiles["citizen"].isin(ids)].reset_index(drop=True))


# ---------------------------------------------------------------------------------------------
# Caseload.select and Caseload.filter
# ---------------------------------------------------------------------------------------------

def test_select_holds_the_same_cases_as_a_round_trip_through_frames(programme):
    ids = list(programme.citizens[::7])
    picked = programme.select(ids)
    assert list(picked.citizens) == ids
    assert picked.to_json() == frames_subset(programme, ids).to_json()
    # Evaluations of the subset equal the whole caseload's rows of those citizens.
    whole = kanten.evaluate(programme, AS_OF).set_index("citizen").loc[ids].reset_index()
    pd.testing.assert_frame_equal(kanten.evaluate(picked, AS_OF), whole)


def test_select_keeps_the_order_of_the_ids_and_accepts_arrays_and_series(programme):
    ids = [programme.citizens[9], programme.citizens[2], programme.citizens[40]]
    assert list(programme.select(ids).citizens) == ids
    assert list(programme.select(np.array(ids, dtype=object)).citizens) == ids
    assert list(programme.select(pd.Series(ids)).citizens) == ids
    assert len(programme.select([])) == 0


def test_select_of_an_unknown_or_repeated_id_is_an_error_naming_it(programme):
    known = programme.citizens[3]
    with pytest.raises(kanten.KantenError) as e:
        programme.select([known, "no-such-citizen"])
    assert e.value.field == "ids[1]" and e.value.value == "no-such-citizen"
    with pytest.raises(kanten.KantenError, match=r"ids\[2\].*listed twice \(also ids\[0\]\)") as e:
        programme.select([known, programme.citizens[4], known])
    assert e.value.code == "invalid_argument"
    with pytest.raises(TypeError, match="Caseload.select: parameter 'ids' must be a sequence of str"):
        programme.select(known)  # one str would be read as its characters
    with pytest.raises(TypeError, match=r"ids\[0\]"):
        programme.select([3])


def test_select_carries_rejected_events_with_their_frame_rows(events):
    a = events("a").trin1_complete("2024-01-08").on("2024-02-01", "aftercare_contact", channel="pigeon")
    b = events("b").trin1_complete("2024-01-08")
    load = kanten.caseload_from_frames(pd.concat([b.frame(), a.frame()], ignore_index=True))
    rejected = load.rejected()
    assert list(rejected["row"]) == [10]  # b's five rows come first
    picked = load.select(["a"]).rejected()
    pd.testing.assert_frame_equal(picked, rejected)  # the row still points into the frames read
    assert load.select(["b"]).rejected().empty


def test_filter_by_profile_equals_the_frames_route(programme):
    events, profiles = programme.to_frames()
    cases = [
        (dict(activity_ready=True), profiles["activity_ready"]),
        (dict(benefit="kontanthjaelp"), profiles["benefit"] == "kontanthjaelp"),
        (dict(benefit=["uddannelseshjaelp", "integrationsydelse"]),
         profiles["benefit"].isin(["uddannelseshjaelp", "integrationsydelse"])),
        (dict(lives_in_designated_area=False, in_integration_programme=False),
         ~profiles["lives_in_designated_area"] & ~profiles["in_integration_programme"]),
    ]
    for criteria, mask in cases:
        ids = list(profiles.loc[mask, "citizen"])
        got = programme.filter(**criteria)
        assert list(got.citizens) == ids, criteria
        assert got.to_json() == frames_subset(programme, ids).to_json(), criteria
    assert len(programme.filter()) == len(programme)
    assert len(programme.filter(benefit=[])) == 0


def test_filter_reads_the_profile_the_record_starts_with(events):
    moved = events("moved").trin1_complete("2024-01-08").on("2024-03-01", "profile_changed", activity_ready=False)
    load = kanten.caseload_from_frames(moved.frame())
    assert list(load.filter(activity_ready=True).citizens) == ["moved"]
    assert len(load.filter(activity_ready=False)) == 0


def test_filter_refuses_unknown_benefits_and_non_bool_flags(programme):
    with pytest.raises(kanten.KantenError) as e:
        programme.filter(benefit="kontanthjælp")
    assert e.value.field == "benefit"
    with pytest.raises(kanten.KantenError) as e:
        programme.filter(benefit=["kontanthjaelp", "pension"])
    assert e.value.field == "benefit[1]" and e.value.value == "pension"
    with pytest.raises(TypeError, match="Caseload.filter: parameter 'activity_ready' must be a bool"):
        programme.filter(activity_ready=1)
    with pytest.raises(TypeError):
        programme.filter(True)  # the criteria are keywords


# ---------------------------------------------------------------------------------------------
# The groups' panel
# ---------------------------------------------------------------------------------------------

def test_comparison_panel_columns_group_and_indicator(programme, comparison):
    panel = kanten.comparison_panel({"programme": programme, "comparison": comparison}, AS_OF)
    own = kanten.person_months(programme, AS_OF)
    assert list(panel.columns) == (["group", "in_programme", "citizen", "month", "entry_month", "months_since_entry"]
                                   + [c for c in own.columns if c not in ("citizen", "month")] + ["paid"])
    assert panel["group"].dtype == pd.CategoricalDtype(["programme", "comparison"], ordered=True)
    assert (panel["in_programme"] == (panel["group"] == "programme")).all()
    # Each group's rows are its own panel, unchanged.
    for name, load in (("programme", programme), ("comparison", comparison)):
        rows = panel[panel["group"] == name].reset_index(drop=True)
        mine = kanten.person_months(load, AS_OF)
        pd.testing.assert_frame_equal(rows[mine.columns], mine)
    # Months since entry count from each citizen's first row; paid is ordinary minutes > 0.
    first = panel.groupby("citizen", sort=False)["month"].transform("first")
    assert (panel["entry_month"] == first).all()
    assert (panel["months_since_entry"] == (panel["month"] - panel["entry_month"]).apply(lambda d: d.n)).all()
    assert panel.loc[panel["month"] == panel["entry_month"], "months_since_entry"].eq(0).all()
    assert (panel["paid"] == (panel["ordinary_minutes"] > 0)).all()
    assert panel["months_since_entry"].dtype == np.int64


def test_comparison_panel_names_the_programme_group(programme, comparison):
    panel = kanten.comparison_panel({"a": comparison, "b": programme}, AS_OF, programme="b")
    assert (panel["in_programme"] == (panel["group"] == "b")).all()
    assert list(panel["group"].cat.categories) == ["a", "b"]


def test_panel_profile_columns_follow_the_dated_profile(events):
    a = events("a").trin1_complete("2024-01-08").on("2024-03-10", "profile_changed", activity_ready=False,
                                                   in_integration_programme=True)
    b = events("b").trin1_complete("2024-02-05")
    panel = kanten.comparison_panel({"x": kanten.caseload_from_frames(a.frame()),
                                     "y": kanten.caseload_from_frames(b.frame())}, "2024-04-30")
    rows = panel[panel["citizen"] == "a"].set_index("month")
    assert rows["activity_ready"].tolist() == [True, True, False, False]
    assert rows["in_integration_programme"].tolist() == [False, False, True, True]
    assert rows["months_since_entry"].tolist() == [0, 1, 2, 3]
    assert panel.loc[panel["citizen"] == "b", "months_since_entry"].tolist() == [0, 1, 2]


def test_groups_are_checked(programme, comparison):
    with pytest.raises(TypeError, match="comparison_panel: parameter 'groups' must be a mapping"):
        kanten.comparison_panel([programme, comparison], AS_OF)
    with pytest.raises(kanten.KantenError, match="at least two groups"):
        kanten.comparison_panel({"programme": programme}, AS_OF)
    with pytest.raises(kanten.KantenError, match="also in group 'a'") as e:
        kanten.compare({"a": programme, "b": programme.select(programme.citizens[:3])}, AS_OF)
    assert e.value.field == "groups['b']" and e.value.value == programme.citizens[0]
    with pytest.raises(TypeError, match=r"parameter 'groups\['b'\]' must be a kanten.Caseload"):
        kanten.compare({"a": programme, "b": None}, AS_OF)
    with pytest.raises(kanten.KantenError) as e:
        kanten.compare({"a": programme, "b": comparison}, AS_OF, programme="c")
    assert e.value.field == "programme"


# ---------------------------------------------------------------------------------------------
# compare()
# ---------------------------------------------------------------------------------------------

def test_compare_figures_equal_each_groups_programme_figures(compared, programme, comparison):
    assert compared.groups == ("programme", "comparison")
    assert compared.as_of == dt.date(2020, 12, 31)
    for name, load in (("programme", programme), ("comparison", comparison)):
        own = kanten.programme_figures(load, AS_OF)
        assert compared.figures[name].json == own.json
        row = compared.summary.loc[name]
        counts = own.funnel.set_index("stage")["citizens"]
        assert row["citizens"] == len(load) == counts["caseload"]
        assert row["entered"] == counts["entered"]
        assert row["paid_hours"] == counts["paid_hours"]
        assert row["paid_hours_share"] == pytest.approx(own.paid_hours_share)
        assert row["thirty_hours_share"] == pytest.approx(own.thirty_hours_share)
        for endpoint in kanten.ENDPOINTS:
            median = row[f"median_days_{endpoint}"]
            assert (None if pd.isna(median) else int(median)) == own.medians[endpoint]
        funnel = compared.funnel[compared.funnel["group"] == name].drop(columns="group").reset_index(drop=True)
        pd.testing.assert_frame_equal(funnel, own.funnel)
        retention = compared.retention[compared.retention["group"] == name].drop(columns="group").reset_index(drop=True)
        pd.testing.assert_frame_equal(retention, own.retention)
        for endpoint in kanten.ENDPOINTS:
            curve = compared.curves[(compared.curves["group"] == name) & (compared.curves["endpoint"] == endpoint)]
            km = kanten.kaplan_meier(load, AS_OF, endpoint=endpoint)
            pd.testing.assert_frame_equal(curve.drop(columns=["group", "endpoint"]).reset_index(drop=True), km,
                                          check_like=False)


def test_compare_logrank_is_the_test_of_the_pooled_observations(compared):
    for endpoint in kanten.ENDPOINTS:
        obs = compared.observations(endpoint)
        test = kanten.logrank(obs["days"].to_numpy(), event=obs["event"].to_numpy(), by=obs["group"].to_numpy())
        row = compared.logrank.set_index("endpoint").loc[endpoint]
        assert row["p_value"] == pytest.approx(test.p_value)
        assert row["statistic"] == pytest.approx(test.statistic)
        assert row["df"] == 1


def test_compare_observations_carry_group_and_covariates(compared, programme):
    obs = compared.observations("first_paid_hours")
    assert list(obs.columns[:2]) == ["group", "in_programme"]
    assert obs["group"].dtype == pd.CategoricalDtype(["programme", "comparison"], ordered=True)
    own = kanten.observations(programme, AS_OF, endpoint="first_paid_hours")
    mine = obs[obs["group"] == "programme"].drop(columns=["group", "in_programme"]).reset_index(drop=True)
    pd.testing.assert_frame_equal(mine, own)
    assert obs.loc[obs["group"] == "comparison", "in_programme"].eq(False).all()


def test_compare_tables_are_copies(compared):
    summary = compared.summary
    summary.loc["programme", "entered"] = -1
    compared.funnel.drop(compared.funnel.index, inplace=True)
    assert compared.summary.loc["programme", "entered"] > 0
    assert len(compared.funnel) == 2 * len(kanten.FUNNEL_STAGES)
    compared.figures.clear()
    assert list(compared.figures) == ["programme", "comparison"]
    with pytest.raises(AttributeError):
        compared.as_of = dt.date(2000, 1, 1)


def test_compare_repr_is_short_and_html_is_a_table(compared):
    text = repr(compared)
    assert text.startswith("<kanten.Comparison: as of 2020-12-31; programme: 120 citizens, 119 entered, ")
    assert len(text) < 400
    page = compared._repr_html_()
    assert page.count("<table") == 3 and "programme" in page and "comparison" in page


# ---------------------------------------------------------------------------------------------
# Plots
# ---------------------------------------------------------------------------------------------

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")


@pytest.fixture
def plt():
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def code_names():
    return set(kanten.STEPS) | set(kanten.FUNNEL_STAGES) | set(kanten.ENDPOINTS)


def texts_of(fig):
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


def test_survival_plot_has_bands_censoring_marks_at_risk_table_and_note(compared, plt):
    fig = kanten.plot.survival(compared.curves, endpoint="first_paid_hours", note=kanten.plot.SYNTHETIC_NOTE)
    main, table = fig.axes
    steps = [line for line in main.get_lines() if line.get_linestyle() == "-"]
    marks = [line for line in main.get_lines() if line.get_marker() == "|"]
    assert [line.get_label() for line in steps] == ["programme", "comparison"]
    assert len(marks) == 2
    assert len(main.collections) == 2  # one confidence band per group
    # The at-risk table: one row per group, one number per labelled day, starting with everyone who entered.
    numbers = [t for t in table.texts if t.get_gid() != "kanten-note"]
    ticks = sorted({t.get_position()[0] for t in numbers})
    assert len(numbers) == 2 * len(ticks) and ticks[0] == 0
    at_zero = [int(t.get_text()) for t in numbers if t.get_position()[0] == 0]
    assert at_zero == list(compared.summary["entered"])
    assert kanten.plot.SYNTHETIC_NOTE in texts_of(fig)
    assert not code_names() & set(texts_of(fig))


def test_survival_plot_of_programme_figures_names_the_endpoints(programme, plt):
    f = kanten.programme_figures(programme, AS_OF)
    fig = kanten.plot.survival(f, at_risk=False, ci=False, censored=False)
    assert len(fig.axes) == 1
    labels = [line.get_label() for line in fig.axes[0].get_lines()]
    assert labels == [kanten.plot.label(e) for e in kanten.ENDPOINTS]
    assert not code_names() & set(texts_of(fig))
    with pytest.raises(kanten.KantenError) as e:
        kanten.plot.survival(f.curves.assign(group="x"))
    assert e.value.field == "endpoint"


def test_funnel_plot_bars_side_by_side_and_labelled(compared, plt):
    fig = kanten.plot.funnel(compared, note=kanten.plot.SYNTHETIC_NOTE)
    ax = fig.axes[0]
    stages = len(kanten.FUNNEL_STAGES)
    bars = ax.patches
    assert len(bars) == 2 * stages
    # No bar hides another: the two groups' bars of a stage do not overlap vertically.
    first, second = bars[:stages], bars[stages:]
    for a, b in zip(first, second):
        assert a.get_y() + a.get_height() <= b.get_y() + 1e-9
    labels = [t.get_text() for t in ax.texts if t.get_gid() != "kanten-note"]
    counts = compared.funnel["citizens"].tolist()
    assert [int(t.split()[0].replace(",", "")) for t in labels] == counts
    assert [t.get_text() for t in ax.get_yticklabels()] == [kanten.plot.label(s) for s in kanten.FUNNEL_STAGES]
    assert not code_names() & set(texts_of(fig))


def test_cumulative_incidence_plot_lines_and_stacked(compared, programme, plt):
    fig = kanten.plot.cumulative_incidence(compared)
    lines = fig.axes[0].get_lines()
    assert len(lines) == 2 * len(kanten.EXITS)
    assert {line.get_linestyle() for line in lines} == {"-", "--"}  # one style per group
    one = kanten.cumulative_incidence(programme, AS_OF)
    fig = kanten.plot.cumulative_incidence(one, stacked=True, note="synthetic")
    assert len(fig.axes[0].collections) == len(kanten.EXITS)
    assert not code_names() & set(texts_of(fig))
    with pytest.raises(kanten.KantenError) as e:
        kanten.plot.cumulative_incidence(compared, stacked=True)
    assert e.value.field == "stacked"


def test_steps_plot_uses_display_names(programme, plt):
    fig = kanten.plot.steps(kanten.programme_figures(programme, AS_OF), share=True, language="da")
    legend = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert sorted(legend) == sorted(kanten.STEP_LABELS.values())


def test_plot_arguments_are_checked(compared, plt):
    with pytest.raises(TypeError, match="plot.survival: parameter 'curves' must be a DataFrame"):
        kanten.plot.survival(None)
    with pytest.raises(kanten.KantenError) as e:
        kanten.plot.funnel(compared, language="fr")
    assert e.value.field == "language"
    with pytest.raises(kanten.KantenError) as e:
        kanten.plot.survival(pd.DataFrame({"days": [1]}))
    assert e.value.field == "curves.survival"
    with pytest.raises(kanten.KantenError) as e:
        kanten.plot.funnel(compared, stages=["entered", "trin4"])
    assert e.value.field == "stages[1]"


def test_plots_without_matplotlib_say_how_to_install_it(compared, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib.pyplot", None)
    with pytest.raises(ImportError, match="needs matplotlib"):
        kanten.plot.funnel(compared)


def test_labels_in_both_languages():
    assert kanten.plot.label("trin2") == "Reached Trin 2"
    assert kanten.plot.label("trin2_paa_vej_mod_job", "da") == kanten.STEP_LABELS["trin2_paa_vej_mod_job"]
    assert kanten.plot.label("my group") == "my group"
    for lang in kanten.plot.LANGUAGES:
        for name in code_names() | set(kanten.VOCABULARIES["benefit"]):
            assert kanten.plot.label(name, lang) != name
