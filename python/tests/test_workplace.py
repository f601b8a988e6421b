"""Bus trips (seed 002) and social training tracks (seed 001) through Python."""

import numpy as np
import pandas as pd
import pytest

import kanten



@pytest.fixture(scope="module")
def market():
    return kanten.generate_market(citizens=60, companies=30, seed=11)


def referrals(market, n=40):
    ids = list(market.citizen_ids[:n])
    ages = [35 + (i % 20) if i % 7 else np.nan for i in range(n)]  # every 7th age unknown
    return pd.DataFrame(
        {
            "citizen": ids,
            "activity_ready": [i % 13 != 5 for i in range(n)],  # a few job-ready
            "age": ages,
            "vocational_education": [i % 14 == 0 for i in range(n)],
        }
    )


def test_bus_eligibility_follows_6_3_and_6_5():
    assert kanten.bus_eligibility(age=30)["category"] == "s6_3"
    assert kanten.bus_eligibility(age=25)["category"] == "s6_5"
    a = kanten.bus_eligibility(age=25, vocational_education=True)
    assert a["answer"] == "not_eligible" and "neither" in a["reason"]
    assert kanten.bus_eligibility(vocational_education=True)["answer"] == "undecided"
    e = kanten.bus_eligibility(activity_ready=False, exempt_from_activity=True, caseworker_finds_it_helps=True)
    assert e["category"] == "exempt_referred" and e["source"]["seed"] == "002_35b99bd4972212c9.txt"
    assert kanten.bus_eligibility(activity_ready=False, exempt_from_activity=True, caseworker_finds_it_helps=True,
                                  model="2")["answer"] == "not_eligible"
    with pytest.raises(kanten.KantenError, match="model"):
        kanten.bus_eligibility(model="3")


def test_trip_cost_ranges():
    c = kanten.trip_cost(10, 300)
    assert c["bus_dkk"] == (2000, 2500) and c["food_dkk"] == (750, 900)
    assert c["total_dkk"] == (6650, 10000)
    with pytest.raises(kanten.KantenError, match="participants"):
        kanten.trip_cost(-1)


def test_plan_bus_trips_as_frames(market):
    refs = referrals(market)
    plan = kanten.plan_bus_trips(market, refs, staff_dkk_per_hour=350)
    assert plan.model == "model-1-guldborgsund"
    # Every referral is placed or left out with a reason: nothing is lost.
    placed = set(plan.participants["citizen"])
    left = set(plan.left_out["citizen"])
    assert placed | left == set(refs["citizen"]) and not (placed & left)
    assert len(plan.eligibility) == len(refs)
    assert set(plan.eligibility.loc[plan.eligibility["answer"] != "eligible", "citizen"]) <= left
    # Model 1: groups of 6-12, one trip of two visits each.
    sizes = plan.participants.groupby("group").size()
    assert ((sizes >= 6) & (sizes <= 12)).all()
    assert (plan.visits.groupby(["group", "trip"]).size() == 2).all()
    assert (plan.trips["start"] == "8:30").all() and (plan.trips["bus_dkk_low"] == 2000).all()
    assert all(len(r) > 0 for r in plan.visits["reasons"])

    two = kanten.plan_bus_trips(market, refs, model="model-2-lolland")
    assert (two.visits.groupby(["group", "trip"]).size() == 1).all()
    assert (two.trips.groupby("group").size() == 2).all()


def test_plan_bus_trips_bad_referral_names_the_field(market):
    with pytest.raises(kanten.KantenError, match=r"referrals\[0\]\.age"):
        kanten.plan_bus_trips(market, [{"citizen": market.citizen_ids[0], "age": -4}])
    with pytest.raises(kanten.KantenError, match=r"referrals\[0\]\.citizen"):
        kanten.plan_bus_trips(market, [{"citizen": "nobody"}])


def test_route_workplace():
    assert kanten.route_workplace(close_to_ordinary_job=True)["route"] == "internship"
    r = kanten.route_workplace()
    assert r["route"] == "training_track" and r["source"]["seed"] == "001_8429fb4aa12981cf.txt"


def test_plan_training_tracks_respects_mentors_and_hides_personal_data(market):
    plan = kanten.plan_training_tracks(market, "2026-02-02", weeks={market.citizen_ids[0]: 20})
    t = plan.tracks
    assert len(t) + len(plan.unplaced) == len(market.citizen_ids)
    assert (t["start"] == pd.Timestamp("2026-02-02")).all()
    assert ((t["end"] - t["start"]).dt.days == t["weeks"] * 7 - 1).all()
    # No workplace takes more citizens than it has mentors free.
    per_company = t.groupby("company").size()
    free = plan.mentors.set_index("company")["free"]
    assert (per_company <= free.reindex(per_company.index)).all()
    # The company's view: ids, hours, accommodations; never the health vocabulary.
    v = plan.company_views
    for acc in v["accommodations"]:
        assert not any("_" in a for a in acc)
    assert "health" not in v.columns and "benefit" not in v.columns
    with pytest.raises(kanten.KantenError, match="start"):
        kanten.plan_training_tracks(market, "2026-02-30")


def test_plan_training_tracks_citizens_per_mentor_is_a_bounded_parameter(market):
    one = kanten.plan_training_tracks(market, "2026-02-02")
    two = kanten.plan_training_tracks(market, "2026-02-02", citizens_per_mentor=2)
    # Decision "Citizens per mentor": one by default; two per mentor place at least as many.
    assert len(two.tracks) >= len(one.tracks)
    assert two.mentors["free"].sum() >= one.mentors["free"].sum()
    assert '"citizens_per_mentor": 2' in two.to_json() or '"citizens_per_mentor":2' in two.to_json()
    for bad in (0, kanten.MAX_CITIZENS_PER_MENTOR + 1):
        with pytest.raises(kanten.KantenError, match="citizens_per_mentor"):
            kanten.plan_training_tracks(market, "2026-02-02", citizens_per_mentor=bad)
    with pytest.raises(TypeError, match="citizens_per_mentor"):
        kanten.plan_training_tracks(market, "2026-02-02", citizens_per_mentor=1.5)


def test_attendance_invites_the_absent_and_records_visits(market):
    plan = kanten.plan_bus_trips(market, referrals(market))
    group0 = list(plan.participants.loc[plan.participants["group"] == 0, "citizen"])
    came = group0[1:]
    a = plan.record_attendance(0, 0, "2026-03-12", came + ["nobody"])
    assert a["came"] == came and a["invite_next"] == group0[:1]
    assert a["not_participants"] == ["nobody"]
    companies = list(plan.visits.loc[(plan.visits["group"] == 0) & (plan.visits["trip"] == 0), "company"])
    assert len(a["visits"]) == len(came) * len(companies)
    assert set(a["visits"]["company"]) == set(companies)
    # The next plan invites the absent citizen first.
    nxt = kanten.plan_bus_trips(market, referrals(market), invite_first=a["invite_next"])
    row = nxt.participants.loc[nxt.participants["citizen"] == group0[0]]
    assert len(row) == 1 and bool(row["invited_again"].iloc[0])
    with pytest.raises(kanten.KantenError, match="group"):
        plan.record_attendance(99, 0, "2026-03-12", came)


# --- issue 10: strict flags, ranges, referral columns ------------------------------------------

import warnings  # noqa: E402


def test_trip_cost_ranges_are_kanten_errors():
    for args, field in (((2**40,), "participants"), ((101,), "participants"), ((10, 2**64), "staff_dkk_per_hour"),
                        ((10, 10_001), "staff_dkk_per_hour"), ((-2**63 - 1,), "participants")):
        with pytest.raises(kanten.KantenError) as e:
            kanten.trip_cost(*args)
        assert e.value.field == field and e.value.code == "invalid_argument"
    assert kanten.trip_cost(kanten.MAX_TRIP_PARTICIPANTS, kanten.MAX_STAFF_DKK_PER_HOUR)["bus_dkk"] == (2000, 2500)


def test_flags_are_bools_not_none_or_ints():
    # pybind11 read None as False: bus_eligibility(activity_ready=None) answered as if not activity-ready.
    with pytest.raises(TypeError, match="bus_eligibility: parameter 'activity_ready' must be a bool, not NoneType"):
        kanten.bus_eligibility(activity_ready=None)
    with pytest.raises(TypeError, match="route_workplace: parameter 'close_to_ordinary_job' must be a bool, not int"):
        kanten.route_workplace(1)
    with pytest.raises(kanten.KantenError, match="field 'age'"):
        kanten.bus_eligibility(age=2**63)


def test_referral_columns_are_checked(market):
    refs = referrals(market).rename(columns={"activity_ready": "activty_ready"})
    with pytest.warns(kanten.KantenWarning, match=r"referrals: column 'activty_ready'.*did you mean 'activity_ready'\?"):
        kanten.plan_bus_trips(market, refs)
    with pytest.raises(kanten.KantenError) as e:
        kanten.plan_bus_trips(market, referrals(market).drop(columns=["citizen"]))
    assert e.value.field == "referrals.citizen"
    with pytest.warns(kanten.KantenWarning, match="did you mean 'age'"):
        kanten.plan_bus_trips(market, [{"citizen": market.citizen_ids[0], "agee": 40}])
    with pytest.raises(TypeError, match=r"plan_bus_trips: parameter 'invite_first' must be a sequence of str, not str"):
        kanten.plan_bus_trips(market, referrals(market), invite_first=market.citizen_ids[0])
    with warnings.catch_warnings():
        warnings.simplefilter("error", kanten.KantenWarning)
        kanten.plan_bus_trips(market, referrals(market))
    looped = []
    looped.append(looped)
    with pytest.raises(kanten.KantenError, match="field 'referrals'"):  # was json's ValueError
        kanten.plan_bus_trips(market, [{"citizen": market.citizen_ids[0], "age": looped}])


def test_training_weeks_and_attendance_arguments(market):
    first = market.citizen_ids[0]
    with pytest.raises(kanten.KantenError) as e:
        kanten.plan_training_tracks(market, "2026-02-02", weeks={first: 10**30})
    assert e.value.field == f"weeks[{first}]"
    with pytest.raises(kanten.KantenError, match="weeks"):
        kanten.plan_training_tracks(market, "2026-02-02", weeks=521)
    # A weeks entry for a citizen not being placed is an error, not ignored.
    with pytest.raises(kanten.KantenError, match=r"weeks\[nobody\]"):
        kanten.plan_training_tracks(market, "2026-02-02", weeks={"nobody": 13})
    plan = kanten.plan_bus_trips(market, referrals(market))
    with pytest.raises(kanten.KantenError) as e:
        plan.record_attendance(2**63, 0, "2026-03-12", [])
    assert e.value.field == "group"
    with pytest.raises(TypeError, match="record_attendance: parameter 'present' must be a sequence of str, not DataFrame"):
        plan.record_attendance(0, 0, "2026-03-12", pd.DataFrame({"c-000001": [1]}))
