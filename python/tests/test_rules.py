"""The rules through Python, against the same expectations as the C++ tests
(tests/test_scenarios.cpp, tests/test_rules.cpp)."""

import datetime as dt

import pandas as pd
import pytest

import kanten
from conftest import Events


def amira() -> Events:
    """The Amira story of tests/test_scenarios.cpp: Trin 1, 2 and 3, then 30 ordinary hours in May 2024."""
    b = Events("amira")
    b.on("2024-01-08", "first_conversation").on("2024-01-08", "visitation", outcome="project")
    b.on("2024-01-15", "jobformidler_assigned", jobformidler="jf-1").on("2024-01-22", "cv_completed")
    b.on("2024-02-05", "job_direction_set", goal="employment", wishes=["9412"])
    b.on("2024-02-20", "agreement", agreement_kind="both", start="2024-03-01", minutes_per_week=480, company="bakery",
         tasks=["baking"], sub_goals=["ordinary hours from May"])
    b.on("2024-02-26", "followup_plan").on("2024-03-01", "contact_person", company="bakery")
    b.on("2024-03-05", "contact", channel="in_person").on("2024-04-03", "contact", channel="phone")
    b.on("2024-05-06", "contact", channel="video")
    for d in ("2024-03-04", "2024-03-11", "2024-03-18", "2024-03-25"):
        b.hours(d, 300)
    for d in ("2024-03-05", "2024-03-12", "2024-03-19", "2024-03-26"):
        b.hours(d, 600, "internship")
    for d in ("2024-04-01", "2024-04-08", "2024-04-15", "2024-04-22", "2024-04-29"):
        b.hours(d, 300)
    for d in ("2024-05-02", "2024-05-06", "2024-05-08", "2024-05-13", "2024-05-15", "2024-05-17"):
        b.hours(d, 300)
    return b


def test_a_case_through_every_step_mid_may_trin3_with_the_exit_pending():
    row = kanten.evaluate(amira().caseload(), "2024-05-20").iloc[0]
    assert row["step"] == "trin3_virksomhedsforloeb"
    assert row["since"] == pd.Timestamp("2024-03-01")
    assert bool(row["thirty_hours_pending"])
    assert row["ordinary_this_month"] == 1800
    assert row["missing"] == ("ordinary_hours",)
    assert row["not_applied"] == 0


def test_a_case_through_every_step_exits_at_the_end_of_may():
    ev = kanten.evaluate_all(amira().caseload(), dt.date(2024, 6, 15))
    row = ev.summary.iloc[0]
    assert row["step"] == "exit_30_hours"
    assert row["exit"] == "exit_30_hours"
    assert row["exit_from"] == "trin3_virksomhedsforloeb"
    assert row["since"] == row["exit_date"] == pd.Timestamp("2024-05-31")
    assert list(ev.history["rule"]) == ["trin1_start", "trin1_to_trin2", "trin2_to_trin3", "trin3_exit_30_hours"]
    assert list(ev.history["date"].dt.strftime("%Y-%m-%d")) == ["2024-01-08", "2024-02-05", "2024-03-01", "2024-05-31"]
    hours = ev.hours.assign(month=ev.hours["month"].astype(str))
    assert hours[["month", "ordinary_minutes", "internship_minutes"]].values.tolist() == [
        ["2024-03", 1200, 2400], ["2024-04", 1500, 0], ["2024-05", 1800, 0]]
    assert bool(row["followup"]) and row["followup_start"] == pd.Timestamp("2024-03-01")
    assert row["breaches"] == 0 and row["breached_months"] == ()
    assert not row["due_this_month"] and pd.isna(row["deadline"])
    assert row["last_contact"] == pd.Timestamp("2024-05-06")
    assert row["missing"] == ()
    assert row["events_after_as_of"] == 0
    assert "Trin 3" in ev.explain("amira")


@pytest.mark.parametrize("last, step, exit_date", [
    (600, "exit_30_hours", pd.Timestamp("2024-03-31")),   # exactly 1800 minutes exits
    (599, "trin3_virksomhedsforloeb", pd.NaT),           # 1799 minutes (29:59) does not
])
def test_the_30_hour_exit_is_at_1800_minutes_not_1799(last, step, exit_date):
    b = Events().trin1_complete("2024-01-08").trin2_complete("2024-02-01")
    b.hours("2024-03-05", 600).hours("2024-03-12", 600).hours("2024-03-19", last)
    ev = kanten.evaluate_all(b.caseload(), "2024-04-15")
    row = ev.summary.iloc[0]
    assert row["step"] == step
    assert (pd.isna(row["exit_date"]) and pd.isna(exit_date)) or row["exit_date"] == exit_date
    march = ev.hours[ev.hours["month"] == pd.Period("2024-03", "M")]
    assert int(march["ordinary_minutes"].iloc[0]) == 1200 + last
    assert not row["thirty_hours_pending"]


def test_internship_hours_never_count_toward_the_30_hours():
    b = Events().trin1_complete("2024-01-08").trin2_complete("2024-02-01", "both")
    b.hours("2024-03-05", 900).hours("2024-03-06", 899).hours("2024-03-07", 1200, "internship")
    b.hours("2024-03-08", 1200, "internship")
    row = kanten.evaluate(b.caseload(), "2024-04-15").iloc[0]
    assert row["step"] == "trin3_virksomhedsforloeb"
    assert row["ordinary_minutes"] == 1799 and row["internship_minutes"] == 2400


def test_the_monthly_follow_up_breach_at_month_end():
    b = Events().trin1_complete("2024-01-08").trin2_complete("2024-04-10")
    b.on("2024-04-30", "contact", channel="phone")
    load = b.caseload()
    may31 = kanten.evaluate(load, "2024-05-31").iloc[0]
    assert may31["breaches"] == 0 and bool(may31["due_this_month"])
    assert may31["deadline"] == pd.Timestamp("2024-05-31")
    assert may31["last_contact"] == pd.Timestamp("2024-04-30")
    jun1 = kanten.evaluate_all(load, "2024-06-01")
    assert jun1.summary.iloc[0]["breached_months"] == ("2024-05",)
    assert list(jun1.breaches["month"].astype(str)) == ["2024-05"]
    assert jun1.summary.iloc[0]["deadline"] == pd.Timestamp("2024-06-30")

    b.on("2024-06-30", "contact", channel="in_person")
    jul1 = kanten.evaluate_all(b.caseload(), "2024-07-01")
    w = jul1.worklist()
    assert w.to_dict("records") == [{"citizen": "citizen-1", "jobformidler": "jf-1",
                                     "step": "trin3_virksomhedsforloeb", "followup_due": True,
                                     "deadline": pd.Timestamp("2024-07-31"),
                                     "last_contact": pd.Timestamp("2024-06-30"), "breaches": 1,
                                     "alerts": ()}]
    assert kanten.followup_worklist(b.caseload(), "2024-07-01").equals(w)


SANCTION_QUESTION = {
    "case": {
        "citizen": "c-0201",
        "profile": {"benefit": "kontanthjaelp", "activity_ready": True, "lives_in_designated_area": True,
                    "in_integration_programme": False},
        "events": [
            {"date": "2024-01-08", "kind": "first_conversation"},
            {"date": "2024-01-08", "kind": "visitation", "outcome": "project"},
            {"date": "2024-01-08", "kind": "jobformidler_assigned", "jobformidler": "jf-017"},
            {"date": "2024-01-15", "kind": "cv_completed"},
            {"date": "2024-01-15", "kind": "job_direction_set", "goal": "employment", "wishes": ["kitchen work"]},
            {"date": "2024-03-18", "kind": "sanction_failure", "failure_id": "F1", "failure": "refused_job_offer"},
            {"date": "2024-03-20", "kind": "vulnerability_assessed", "failure_id": "F1", "vulnerable": True},
            {"date": "2024-03-22", "kind": "hearing_sent", "failure_id": "F1", "answer_by": "2024-04-05"},
            {"date": "2024-04-08", "kind": "personal_contact_attempt", "failure_id": "F1", "channel": "phone",
             "reached": False},
        ],
    },
    "failure_id": "F1",
    "as_of": "2024-05-01",
    "daily_rate": 49100,
}


def test_a_sanction_answer_from_a_json_file(tmp_path):
    import json

    path = tmp_path / "sanction.json"
    path.write_text(json.dumps(SANCTION_QUESTION))
    a = kanten.answer_sanction_json(path)
    assert a.citizen == "c-0201" and a.failure_id == "F1" and a.failure == "refused_job_offer"
    assert a.status == "undecided" and not a.decided and not a.eligible
    assert a.step == "trin2_paa_vej_mod_job"
    assert a.failure_date == dt.date(2024, 3, 18) and a.as_of == dt.date(2024, 5, 1)
    assert [r.rule for r in a.reasons] == ["sanction_punktsanktion", "sanction_recipients", "sanction_in_steps",
                                           "sanction_reasonable_cause", "sanction_vulnerable"]
    # The hearing's deadline has passed unanswered; a phone call that did not reach the citizen
    # is not yet the personal contact.
    assert [p.rule for p in a.pending] == ["sanction_concrete_assessment", "sanction_personal_contact"]
    assert a.pending[0].source.seed == "004_3897fdd271fa8a38.txt"
    assert a.excluded_by is None and a.deduction_days == 0
    assert a.daily_rate == 49100 and a.deduction is None
    assert kanten.answer_sanction_json(json.dumps(SANCTION_QUESTION)) == a


def test_the_example_sanction_question_is_answered(examples):
    a = kanten.answer_sanction_json(examples / "data" / "sanction.json")
    assert a.citizen == "c-0201" and a.failure_id == "F1" and a.failure == "refused_job_offer"
    assert a.reasons and a.reasons[0].rule == "sanction_punktsanktion"
    assert a.pending or a.excluded_by or a.eligible


def test_a_sanction_answer_eligible_with_the_deduction():
    b = Events("c-9").trin1_complete("2024-01-08")
    b.on("2024-03-18", "sanction_failure", failure_id="F2", failure="refused_job_offer")
    b.on("2024-03-20", "vulnerability_assessed", failure_id="F2", vulnerable=False)
    b.on("2024-03-21", "concrete_assessment", failure_id="F2", promotes_availability=True)
    b.on("2024-03-22", "hearing_sent", failure_id="F2")
    b.on("2024-04-05", "hearing_answered", failure_id="F2")
    a = kanten.answer_sanction(b.caseload(), "c-9", "2024-05-01", daily_rate=49100)
    assert a.status == "eligible", a
    assert a.deduction_days == 3 and a.deduction == 3 * 49100
    ev = kanten.evaluate_all(b.caseload(), "2024-05-01", daily_rate=49100)
    s = ev.sanctions.iloc[0]
    assert s["status"] == "eligible" and s["deduction"] == 3 * 49100 and s["pending"] == ()
    assert ev.sanction("c-9") == a


def test_an_unknown_failure_or_citizen_is_a_kanten_error():
    load = Events("c-9").trin1_complete("2024-01-08").caseload()
    with pytest.raises(kanten.KantenError, match="failure_id.*F7"):
        kanten.answer_sanction(load, "c-9", "2024-05-01", "F7")
    with pytest.raises(kanten.KantenError, match="citizen.*nobody"):
        kanten.answer_sanction(load, "nobody", "2024-05-01")


def test_the_documented_caseload_example(examples):
    load = kanten.read_caseload(examples / "data" / "caseload.json")
    before = kanten.evaluate(load, "2024-03-30").set_index("citizen")
    assert before.loc["c-0101", "step"] == "trin3_virksomhedsforloeb" and before.loc["c-0101", "thirty_hours_pending"]
    ev = kanten.evaluate_all(load, "2024-03-31")
    s = ev.summary.set_index("citizen")
    assert s.loc["c-0101", "step"] == "exit_30_hours" and s.loc["c-0101", "exit_date"] == pd.Timestamp("2024-03-31")
    assert not s.loc["c-0103", "target_group"]
    assert s.loc["c-0104", "step"] == "exit_rehabilitation_team"
    assert list(ev.violations["citizen"]) == ["c-0102"]
    assert ev.violations.iloc[0]["rule"] == "education_goal_for_uddannelseshjaelp"


def test_answer_sanction_refuses_none_and_extreme_rates():
    # answer_sanction(None, ...) segfaulted (a null caseload dereferenced in the bindings).
    with pytest.raises(TypeError, match="answer_sanction: parameter 'caseload' must be a kanten.Caseload, not NoneType"):
        kanten.answer_sanction(None, "c-9", "2024-05-01")
    load = Events("c-9").trin1_complete("2024-01-08").caseload()
    with pytest.raises(TypeError, match="answer_sanction: parameter 'citizen' must be a str, not int"):
        kanten.answer_sanction(load, 9, "2024-05-01")
    for rate in (2**63, -1, kanten.MAX_DAILY_RATE + 1):
        with pytest.raises(kanten.KantenError) as e:
            kanten.answer_sanction(load, "c-9", "2024-05-01", daily_rate=rate)
        assert e.value.field == "daily_rate" and e.value.code == "invalid_argument"
