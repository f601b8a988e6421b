"""What the case records and what the caseworker is told (issue 12), through Python: the new event
kinds and fields read from DataFrames, the new tables of Evaluations, the alert thresholds, and
the worklist by jobformidler. Every expected value is worked out by hand in the comments."""

import datetime as dt
import json

import numpy as np
import pandas as pd
import pytest

import kanten
from conftest import Events


def frames(*builders: Events) -> pd.DataFrame:
    return pd.concat([b.frame() for b in builders], ignore_index=True)


def load_of(*builders: Events) -> kanten.Caseload:
    return kanten.caseload_from_frames(frames(*builders))


# --- the jobformidler, time in Trin 2, inactivity -----------------------------------------------

def continuity_caseload() -> kanten.Caseload:
    """a: Trin 2 from 8 January; jobformidler jf-1, then jf-2 on 1 February (a change), jf-2 again
    on 1 March (not a change); one contact, 10 February.
    b: Trin 2 from 1 March with jf-1; no contact.
    c: Trin 3 from 1 February (jf-1), contact 20 February, none in March: the follow-up is due.
    d: Trin 1 since 8 January (visited, nothing else): no jobformidler, no contact."""
    a = Events("a").trin1_complete("2024-01-08")
    a.on("2024-02-01", "jobformidler_assigned", jobformidler="jf-2")
    a.on("2024-03-01", "jobformidler_assigned", jobformidler="jf-2")
    a.on("2024-02-10", "contact", channel="phone")
    b = Events("b").trin1_complete("2024-03-01")
    c = Events("c").trin1_complete("2024-01-08").trin2_complete("2024-02-01")
    c.on("2024-02-20", "contact", channel="in_person")
    d = Events("d").on("2024-01-08", "first_conversation").on("2024-01-08", "visitation", outcome="project")
    return load_of(a, b, c, d)


def test_a_change_of_jobformidler_is_counted_and_the_time_with_the_current_one_reported():
    s = kanten.evaluate(continuity_caseload(), "2024-03-31").set_index("citizen")
    assert s.loc["a", "jobformidler"] == "jf-2"
    assert s.loc["a", "jobformidler_since"] == pd.Timestamp("2024-02-01")
    assert s.loc["a", "jobformidler_changes"] == 1            # jf-1 → jf-2; jf-2 again is no change
    assert s.loc["a", "days_with_jobformidler"] == 29 + 30    # 1 Feb → 1 Mar (leap year) → 31 Mar
    assert s.loc["b", "jobformidler"] == "jf-1" and s.loc["b", "jobformidler_changes"] == 0
    assert s.loc["b", "days_with_jobformidler"] == 30
    assert s.loc["d", "jobformidler"] is None and pd.isna(s.loc["d", "jobformidler_since"])
    assert s.loc["d", "days_with_jobformidler"] == 0
    assert str(s["jobformidler_since"].dtype) == "datetime64[ns]"
    assert str(s["jobformidler_changes"].dtype) == "int64"


def test_time_in_trin2_counts_the_current_spell_and_every_spell():
    s = kanten.evaluate(continuity_caseload(), "2024-03-31").set_index("citizen")
    # a: 8 Jan → 31 Mar = 23 + 29 + 31 days.
    assert s.loc["a", "days_in_trin2"] == s.loc["a", "total_days_in_trin2"] == 83
    # c: in Trin 2 from 8 Jan to 1 Feb (24 days), in Trin 3 now.
    assert s.loc["c", "days_in_trin2"] == 0 and s.loc["c", "total_days_in_trin2"] == 24
    assert s.loc["d", "days_in_trin2"] == 0 and s.loc["d", "total_days_in_trin2"] == 0


def test_inactive_since_is_the_latest_contact_or_the_start_of_trin1():
    s = kanten.evaluate(continuity_caseload(), "2024-03-31").set_index("citizen")
    assert s.loc["a", "inactive_since"] == pd.Timestamp("2024-02-10")
    assert s.loc["b", "inactive_since"] == pd.Timestamp("2024-03-01")  # no contact: the first conversation
    assert pd.isna(s.loc["b", "last_contact"])                         # the follow-up's own: never contacted
    assert s.loc["c", "inactive_since"] == pd.Timestamp("2024-02-20")


@pytest.mark.parametrize("threshold, alerted", [
    (29, {"a": 50, "b": 30, "c": 40, "d": 83}),  # a: 10 Feb → 31 Mar is 50 days; b: 30; c: 40; d: 83
    (30, {"a": 50, "c": 40, "d": 83}),           # an alert only when more than the threshold
    (40, {"a": 50, "d": 83}),
    (50, {"d": 83}),
    (83, {}),
])
def test_an_inactivity_alert_when_no_contact_for_more_than_inactive_days(threshold, alerted):
    ev = kanten.evaluate_all(continuity_caseload(), "2024-03-31", inactive_days=threshold)
    al = ev.alerts
    assert list(al.columns) == ["citizen", "alert", "value", "threshold", "text"]
    assert dict(zip(al["citizen"], al["value"])) == alerted
    assert (al["alert"] == "inactive").all() and (al["threshold"] == threshold).all()
    assert list(al["alert"].cat.categories) == list(kanten.ALERT_KINDS)
    for _, row in al.iterrows():
        assert row["text"] == f"no contact or other activity for {row['value']} days (alert after {threshold})"
    s = ev.summary.set_index("citizen")
    assert {c: int(n) for c, n in s["alerts"].items() if n} == {c: 1 for c in alerted}
    assert ev.alert_options == {"inactive_days": threshold, "trin2_days": None, "stagnation_months": None}


def test_no_threshold_no_alert():
    ev = kanten.evaluate_all(continuity_caseload(), "2024-03-31")
    assert len(ev.alerts) == 0 and (ev.summary["alerts"] == 0).all()
    assert list(ev.worklist()["citizen"]) == ["c"]  # the follow-up only


def test_a_trin2_alert_after_trin2_days():
    ev = kanten.evaluate_all(continuity_caseload(), "2024-03-31", trin2_days=82)
    assert ev.alerts[["citizen", "alert", "value", "threshold"]].values.tolist() == [["a", "long_in_trin2", 83, 82]]
    ev = kanten.evaluate_all(continuity_caseload(), "2024-03-31", trin2_days=83)
    assert len(ev.alerts) == 0


# --- the worklist: alerts, filter and grouping by jobformidler ---------------------------------

def test_the_worklist_holds_follow_ups_then_alert_only_rows():
    w = kanten.followup_worklist(continuity_caseload(), "2024-03-31", inactive_days=30)
    assert list(w.columns) == ["citizen", "jobformidler", "step", "followup_due", "deadline", "last_contact",
                               "breaches", "alerts"]
    # c is due (deadline 31 March) and inactive; d (never contacted) and a (last 10 Feb) have alerts only.
    assert list(w["citizen"]) == ["c", "d", "a"]
    assert list(w["followup_due"]) == [True, False, False]
    assert w["deadline"].iloc[0] == pd.Timestamp("2024-03-31") and w["deadline"].iloc[1:].isna().all()
    assert list(w["alerts"]) == [("inactive",), ("inactive",), ("inactive",)]
    assert list(w["jobformidler"]) == ["jf-1", None, "jf-2"]
    assert list(w["step"]) == ["trin3_virksomhedsforloeb", "trin1_afklaring", "trin2_paa_vej_mod_job"]
    assert pd.isna(w["last_contact"].iloc[1]) and w["last_contact"].iloc[2] == pd.Timestamp("2024-02-10")


def test_the_worklist_filters_and_groups_by_jobformidler():
    ev = kanten.evaluate_all(continuity_caseload(), "2024-03-31", inactive_days=30)
    assert list(ev.worklist(jobformidler="jf-2")["citizen"]) == ["a"]
    assert list(ev.worklist(jobformidler="jf-1")["citizen"]) == ["c"]
    assert len(ev.worklist(jobformidler="jf-9")) == 0
    # Grouped: jf-1, then jf-2, then those without a jobformidler.
    grouped = ev.worklist(group_by_jobformidler=True)
    assert list(grouped["citizen"]) == ["c", "a", "d"]
    assert list(ev.worklist()["citizen"]) == ["c", "d", "a"]  # each call its own table
    same = kanten.followup_worklist(ev, jobformidler="jf-2", group_by_jobformidler=True)
    assert same.equals(ev.worklist(jobformidler="jf-2", group_by_jobformidler=True))
    # The same thresholds may be repeated for evaluations; different ones are refused.
    assert kanten.followup_worklist(ev, inactive_days=30).equals(ev.worklist())
    with pytest.raises(kanten.KantenError) as e:
        kanten.followup_worklist(ev, inactive_days=31)
    assert e.value.field == "inactive_days" and "inactive_days=30" in str(e.value)


def test_worklist_arguments_are_checked():
    ev = kanten.evaluate_all(continuity_caseload(), "2024-03-31")
    with pytest.raises(kanten.KantenError) as e:
        ev.worklist(jobformidler="")
    assert e.value.field == "jobformidler" and e.value.code == "invalid_argument"
    with pytest.raises(TypeError, match="Evaluations.worklist: parameter 'jobformidler' must be a str, not int"):
        ev.worklist(jobformidler=7)
    with pytest.raises(TypeError, match="parameter 'group_by_jobformidler' must be a bool, not str"):
        kanten.followup_worklist(ev, group_by_jobformidler="yes")
    with pytest.raises(TypeError):
        ev.worklist("jf-1")  # keyword-only


# --- alert thresholds at the boundary ----------------------------------------------------------

@pytest.mark.parametrize("param", ["inactive_days", "trin2_days", "stagnation_months"])
@pytest.mark.parametrize("fn", ["evaluate", "evaluate_all", "followup_worklist"])
def test_alert_thresholds_of_the_wrong_type_are_type_errors_naming_the_parameter(fn, param):
    load = continuity_caseload()
    for bad in ("3", True, np.bool_(False), 3.0, [3], {"days": 3}):
        with pytest.raises(TypeError, match=rf"^{fn}: parameter '{param}' must be an int or None, not "):
            getattr(kanten, fn)(load, "2024-03-31", **{param: bad})


@pytest.mark.parametrize("param, most, unit", [
    ("inactive_days", 36_500, "days"), ("trin2_days", 36_500, "days"), ("stagnation_months", 600, "months")])
def test_alert_thresholds_out_of_range_are_the_librarys_errors_naming_the_field(param, most, unit):
    load = continuity_caseload()
    for bad in (-1, 0, most + 1, 2**31, -2**31 - 1, 10**20, -10**22):
        for fn in (kanten.evaluate, kanten.evaluate_all):
            with pytest.raises(kanten.KantenError) as e:
                fn(load, "2024-03-31", **{param: bad})
            assert e.value.field == f"alerts.{param}" and e.value.code == "invalid_argument", bad
            assert e.value.value == str(bad)
            assert str(e.value) == f"field 'alerts.{param}': value '{bad}': out of range: from 1 to {most} {unit}"
    with pytest.raises(kanten.KantenError) as e:  # an integer too long to show is shown by its size
        kanten.evaluate(load, "2024-03-31", **{param: -10**30})
    assert e.value.field == f"alerts.{param}" and e.value.value == "<an integer of 31 digits>"
    # An empty caseload is checked too; the bounds themselves are taken, numpy ints as well.
    with pytest.raises(kanten.KantenError, match=rf"alerts\.{param}"):
        kanten.evaluate_all(kanten.caseload_from_frames(pd.DataFrame()), "2024-03-31", **{param: 0})
    assert len(kanten.evaluate_all(load, "2024-03-31", **{param: most})) == 4
    assert len(kanten.evaluate_all(load, "2024-03-31", **{param: np.int64(1)})) == 4
    assert (kanten.MAX_ALERT_DAYS, kanten.MAX_ALERT_MONTHS) == (36_500, 600)


def test_alert_kinds_are_a_vocabulary_from_the_library():
    from kanten import _kanten

    assert kanten.ALERT_KINDS == ("inactive", "long_in_trin2", "stagnation")
    assert _kanten.vocabulary("alert_kind") == kanten.ALERT_KINDS == kanten.VOCABULARIES["alert_kind"]


# --- the dated profile --------------------------------------------------------------------------

def test_a_profile_change_splits_target_group_membership_by_date():
    # kontanthjælp and in the area from the start; moves out on 15 February (outside the target
    # group); moves back on 1 March, now on uddannelseshjælp (a member again). The job direction
    # with an employment goal is a violation from 1 March (KE4).
    p = Events("p").trin1_complete("2024-01-08")
    p.on("2024-02-15", "profile_changed", lives_in_designated_area=False)
    p.on("2024-03-01", "profile_changed", benefit="uddannelseshjaelp", lives_in_designated_area=True)
    ev = kanten.evaluate_all(load_of(p), "2024-03-31")
    pp = ev.profile_periods
    assert list(pp.columns) == ["citizen", "from", "benefit", "activity_ready", "lives_in_designated_area",
                                "in_integration_programme", "member", "reasons"]
    assert pd.isna(pp["from"].iloc[0]) and list(pp["from"].iloc[1:]) == [pd.Timestamp("2024-02-15"),
                                                                       pd.Timestamp("2024-03-01")]
    assert list(pp["benefit"]) == ["kontanthjaelp", "kontanthjaelp", "uddannelseshjaelp"]
    assert list(pp["lives_in_designated_area"]) == [True, False, True]
    assert list(pp["member"]) == [True, False, True]
    assert list(pp["reasons"]) == [(), ("outside_designated_area",), ()]
    assert list(pp["benefit"].cat.categories) == list(kanten.VOCABULARIES["benefit"])
    assert bool(ev.summary.iloc[0]["target_group"])
    assert list(ev.violations["rule"]) == ["education_goal_for_uddannelseshjaelp"]
    assert ev.violations.iloc[0]["date"] == pd.Timestamp("2024-03-01")
    # As of 20 February the citizen is outside.
    assert not bool(kanten.evaluate(load_of(p), "2024-02-20").iloc[0]["target_group"])


# --- agreements: terms, ordinary hours, renegotiation, stagnation ------------------------------

def agreement_caseload() -> kanten.Caseload:
    """g: Trin 3 from 1 February at the bakery, 10 h a week of which 2 ordinary; renegotiated on
    1 April to 4 ordinary hours.
    h: an agreement without tasks or sub-goals at the shop, the contact person at the bakery."""
    g = Events("g").trin1_complete("2024-01-08")
    terms = dict(company="bakery", tasks=["baking"], sub_goals=["more ordinary hours"])
    g.on("2024-02-01", "agreement", agreement_kind="both", start="2024-02-01", minutes_per_week=600,
         ordinary_minutes_per_week=120, **terms)
    g.on("2024-02-01", "followup_plan").on("2024-02-01", "contact_person", company="bakery")
    g.on("2024-03-25", "agreement", agreement_kind="both", start="2024-04-01", minutes_per_week=600,
         ordinary_hours_per_week="4:00", **terms)
    h = Events("h").trin1_complete("2024-01-08")
    h.on("2024-02-01", "agreement", agreement_kind="ordinary_hours", start="2024-02-05", minutes_per_week=480,
         company="shop")
    h.on("2024-02-01", "followup_plan").on("2024-02-01", "contact_person", company="bakery")
    return load_of(g, h)


def test_agreements_with_their_terms_renegotiation_and_ordinary_hours():
    ev = kanten.evaluate_all(agreement_caseload(), "2024-04-30")
    a = ev.agreements
    assert list(a.columns) == ["citizen", "index", "row", "date", "start", "agreement_kind", "company",
                               "minutes_per_week", "ordinary_minutes_per_week", "renegotiation", "missing_terms"]
    g = a[a["citizen"] == "g"]
    # g's rows: 5 of Trin 1 (0-4), the agreement (5), plan (6), contact person (7), the renegotiation (8).
    assert list(g["index"]) == [5, 8] and list(g["row"]) == [5, 8]
    assert list(g["start"]) == [pd.Timestamp("2024-02-01"), pd.Timestamp("2024-04-01")]
    assert list(g["date"]) == [pd.Timestamp("2024-02-01"), pd.Timestamp("2024-03-25")]
    assert list(g["ordinary_minutes_per_week"]) == [120, 240] and list(g["minutes_per_week"]) == [600, 600]
    assert list(g["renegotiation"]) == [False, True]
    assert list(g["missing_terms"]) == [(), ()]
    assert list(g["agreement_kind"]) == ["both", "both"] and list(g["company"]) == ["bakery", "bakery"]
    assert str(a["ordinary_minutes_per_week"].dtype) == "Int64" and str(a["row"].dtype) == "Int64"
    h = a[a["citizen"] == "h"].iloc[0]
    assert h["missing_terms"] == ("agreement_tasks", "agreement_sub_goals")
    assert h["ordinary_minutes_per_week"] == 480  # ordinary_hours: all of the working time
    s = ev.summary.set_index("citizen")
    assert s.loc["g", "step"] == "trin3_virksomhedsforloeb" and s.loc["g", "agreements"] == 2
    # h's agreement lacks terms and the contact person is at another company: Trin 2 stays open.
    assert s.loc["h", "step"] == "trin2_paa_vej_mod_job"
    assert s.loc["h", "missing"] == ("agreement_tasks", "agreement_sub_goals", "contact_person_company")


@pytest.mark.parametrize("as_of, months, alerted", [
    ("2024-07-31", 3, True),   # the last rise on 1 April: 3 whole months by 31 July
    ("2024-07-31", 4, False),
    ("2024-06-30", 3, False),  # 2 whole months
])
def test_a_stagnation_alert_when_the_agreed_ordinary_hours_have_not_risen(as_of, months, alerted):
    ev = kanten.evaluate_all(agreement_caseload(), as_of, stagnation_months=months)
    got = ev.alerts[["citizen", "alert", "value", "threshold"]].values.tolist()
    assert got == ([["g", "stagnation", 3, months]] if alerted else [])


# --- hours in Trin 3 -----------------------------------------------------------------------------

def test_only_ordinary_hours_worked_in_trin3_count_toward_the_exit():
    # The agreement runs from 1 March; the plan and contact person on 28 March (Trin 3 from then).
    # 30 hours on 5 and 12 March (Trin 2), 1 hour on 29 March (Trin 3): no exit at March's end.
    t = Events("t").trin1_complete("2024-01-08")
    t.on("2024-03-01", "agreement", agreement_kind="ordinary_hours", start="2024-03-01", minutes_per_week=900,
         company="c1", tasks=["t"], sub_goals=["s"])
    t.on("2024-03-28", "followup_plan").on("2024-03-28", "contact_person", company="c1")
    t.hours("2024-03-05", 900).hours("2024-03-12", 900).hours("2024-03-29", 60)
    load = load_of(t)
    march = kanten.evaluate_all(load, "2024-03-31")
    row = march.summary.iloc[0]
    assert row["ordinary_this_month"] == 1860 and row["ordinary_in_trin3_this_month"] == 60
    assert not row["thirty_hours_pending"]
    h = march.hours
    assert list(h.columns) == ["citizen", "month", "ordinary_minutes", "internship_minutes",
                               "ordinary_in_trin3_minutes"]
    assert h[["ordinary_minutes", "ordinary_in_trin3_minutes"]].values.tolist() == [[1860, 60]]
    assert kanten.evaluate(load, "2024-04-15").iloc[0]["step"] == "trin3_virksomhedsforloeb"


# --- aftercare, bus trips, training tracks --------------------------------------------------------

def programme_events() -> Events:
    s = Events("s").trin1_complete("2024-01-08")
    s.on("2024-01-20", "bus_trip", trip="bus-1", attended=True, companies=["c1", "c2"])
    s.on("2024-01-27", "bus_trip", trip="bus-2", attended=False)
    s.on("2024-02-05", "training_track", track="tt-1", workplace="wp-1", mentor="m-1")
    s.on("2024-03-01", "training_track", track="tt-2", end="2024-03-29")
    s.on("2024-04-10", "aftercare_contact", channel="phone")   # before self-support: not applied
    s.on("2024-04-15", "self_support", via="job")
    s.on("2024-05-01", "aftercare_contact", channel="home_visit")
    s.on("2024-05-02", "bus_trip", trip="bus-3")                # after the exit: not applied
    return s


def test_bus_trips_training_and_aftercare_are_tables_of_the_case():
    ev = kanten.evaluate_all(load_of(programme_events()), "2024-06-30")
    b = ev.bus_trips
    assert list(b.columns) == ["citizen", "date", "trip", "attended", "companies"]
    assert b[["trip", "attended", "companies"]].values.tolist() == [["bus-1", True, ("c1", "c2")],
                                                                   ["bus-2", False, ()]]
    t = ev.training
    assert list(t.columns) == ["citizen", "start", "end", "track", "workplace", "mentor"]
    # tt-1 has no end: 13 weeks, 5 February + 90 days = 5 May (2024 is a leap year).
    assert list(t["end"]) == [pd.Timestamp("2024-05-05"), pd.Timestamp("2024-03-29")]
    assert list(t["workplace"]) == ["wp-1", None] and list(t["mentor"]) == ["m-1", None]
    a = ev.aftercare
    assert list(a.columns) == ["citizen", "date", "channel"]
    assert a[["date", "channel"]].values.tolist() == [[pd.Timestamp("2024-05-01"), "home_visit"]]
    na = ev.not_applied
    assert dict(zip(na["kind"].astype(str), na["reason"].astype(str))) == {
        "aftercare_contact": "not_self_supporting", "bus_trip": "after_exit"}
    assert list(na["row"]) == [9, 12]  # 5 rows of Trin 1, then the order above


# --- sanctions: the hearing's answer deadline, personal channels --------------------------------

def sanction_events(answer_by=None) -> Events:
    x = Events("x").trin1_complete("2024-01-08")
    x.on("2024-03-18", "sanction_failure", failure_id="F1", failure="refused_job_offer")
    x.on("2024-03-20", "vulnerability_assessed", failure_id="F1", vulnerable=False)
    x.on("2024-03-21", "concrete_assessment", failure_id="F1", promotes_availability=True)
    x.on("2024-03-22", "hearing_sent", failure_id="F1", **({"answer_by": answer_by} if answer_by else {}))
    x.on("2024-04-03", "personal_contact_attempt", failure_id="F1", channel="phone", reached=True)
    x.on("2024-04-09", "personal_contact_attempt", failure_id="F1", channel="written", reached=True)
    return x


def test_a_hearing_without_answer_by_leaves_the_sanction_undecided():
    ev = kanten.evaluate_all(load_of(sanction_events()), "2024-05-01")
    s = ev.sanctions.iloc[0]
    assert s["status"] == "undecided" and "sanction_hearing_deadline" in s["pending"]


def test_personal_contact_counts_only_after_the_answer_deadline_and_never_in_writing():
    # Deadline 5 April: the phone call on 3 April is before it; the written attempt is never
    # personal contact (not applied). Undecided.
    x = sanction_events("2024-04-05")
    ev = kanten.evaluate_all(load_of(x), "2024-05-01")
    assert ev.sanctions.iloc[0]["status"] == "undecided"
    na = ev.not_applied
    assert list(na["reason"].astype(str)) == ["not_personal_channel"] and list(na["row"]) == [10]
    # A home visit after the deadline that reaches the citizen: eligible.
    x.on("2024-04-08", "personal_contact_attempt", failure_id="F1", channel="home_visit", reached=True)
    assert kanten.answer_sanction(load_of(x), "x", "2024-05-01").status == "eligible"
    # answer_by read as a datetime64 column too.
    df = x.frame()
    df["answer_by"] = pd.to_datetime(df["answer_by"])
    assert kanten.answer_sanction(kanten.caseload_from_frames(df), "x", "2024-05-01").status == "eligible"


# --- reading and writing the new kinds and fields ---------------------------------------------

def every_new_kind() -> pd.DataFrame:
    p = Events("p").trin1_complete("2024-01-08")
    p.on("2024-02-15", "profile_changed", activity_ready=False, in_integration_programme=True)
    p.on("2024-03-01", "profile_changed", benefit="integrationsydelse")
    return frames(p, programme_events(), sanction_events("2024-04-05"),
                  Events("g").trin1_complete("2024-01-08").on(
                      "2024-02-01", "agreement", agreement_kind="both", start="2024-02-01", minutes_per_week=600,
                      ordinary_minutes_per_week=120, company="bakery", tasks=["baking"], sub_goals=["more"]))


def test_the_new_kinds_round_trip_through_frames_and_json():
    import warnings

    df = every_new_kind()
    with warnings.catch_warnings():
        warnings.simplefilter("error", kanten.KantenWarning)  # every new column is one kanten reads
        load = kanten.caseload_from_frames(df)
    assert len(load.rejected()) == 0 and len(load.warnings()) == 0
    doc = json.loads(load.to_json())
    events = {(c["citizen"], e["kind"]): e for c in doc["cases"] for e in c["events"]}
    assert events[("p", "profile_changed")]["benefit"] == "integrationsydelse"
    assert events[("s", "bus_trip")]["companies"] in (["c1", "c2"], [])
    assert events[("x", "hearing_sent")]["answer_by"] == "2024-04-05"
    assert events[("g", "agreement")]["ordinary_minutes_per_week"] == 120
    out, profiles = load.to_frames()
    for col in ("answer_by", "end"):
        assert str(out[col].dtype) == "datetime64[ns]", col
    assert str(out["ordinary_minutes_per_week"].dtype) == "Int64"
    for col in ("benefit", "activity_ready", "in_integration_programme", "trip", "attended", "companies",
                "track", "workplace", "mentor", "channel"):
        assert col in out.columns, col
    again = kanten.caseload_from_frames(out, profiles)
    assert again.to_json() == load.to_json()
    # The frames are read exactly as the JSON document of their rows.
    from test_frames import _as_json_document

    assert kanten.Caseload.from_json(_as_json_document(df, pd.DataFrame(columns=["citizen"]))).to_json() == \
        load.to_json()


@pytest.mark.parametrize("kind, fields, field", [
    ("bus_trip", {"trip": "b1", "attended": "yes"}, "attended"),
    ("bus_trip", {"trip": "b1", "companies": [1]}, "companies[0]"),
    ("bus_trip", {"companies": ["c1"]}, "trip"),
    ("hearing_sent", {"failure_id": "F1", "answer_by": "2024-02-30"}, "answer_by"),
    ("agreement", {"agreement_kind": "both", "minutes_per_week": 600, "ordinary_minutes_per_week": 601},
     "ordinary_minutes_per_week"),
    ("agreement", {"agreement_kind": "both", "minutes_per_week": 600, "ordinary_minutes_per_week": -5},
     "ordinary_minutes_per_week"),
    ("agreement", {"agreement_kind": "both", "minutes_per_week": 600, "ordinary_hours_per_week": "x"},
     "ordinary_hours_per_week"),
    ("profile_changed", {}, "benefit"),
    ("profile_changed", {"benefit": "lottery"}, "benefit"),
    ("profile_changed", {"activity_ready": "no"}, "activity_ready"),
    ("aftercare_contact", {"channel": "pigeon"}, "channel"),
    ("training_track", {"track": "t1", "end": "someday"}, "end"),
    ("training_track", {"workplace": "wp"}, "track"),
])
def test_a_bad_value_of_a_new_field_is_a_rejected_row_naming_row_and_column(kind, fields, field):
    rows = Events("z").trin1_complete("2024-01-08").on("2024-02-01", kind, **fields).rows
    df = pd.DataFrame(rows)  # dates as text
    load = kanten.caseload_from_frames(df)
    bad = load.rejected()
    assert list(bad["row"]) == [5] and list(bad["field"]) == [field], bad.to_dict("records")
    # The same row as JSON is rejected the same way (the reader's message).
    doc = {"citizen": "z", "events": [{k: v for k, v in r.items() if k != "citizen"} for r in rows]}
    same = kanten.Caseload.from_json(json.dumps(doc)).rejected()
    assert list(same["field"]) == [field] and list(same["reason"]) == list(bad["reason"])
    na = kanten.evaluate_all(load, "2024-03-01").not_applied
    assert list(na[na["reason"] == "unreadable"]["row"]) == [5]


def test_integer_ids_of_the_new_kinds_become_their_text():
    df = Events("z").trin1_complete("2024-01-08").on("2024-02-01", "training_track", track=7, workplace=8,
                                                       mentor=9).frame()
    df[["track", "workplace", "mentor"]] = df[["track", "workplace", "mentor"]].astype("Int64")
    t = kanten.evaluate_all(kanten.caseload_from_frames(df), "2024-03-01").training
    assert t[["track", "workplace", "mentor"]].values.tolist() == [["7", "8", "9"]]
    assert t["start"].iloc[0] == pd.Timestamp(dt.date(2024, 2, 1))
