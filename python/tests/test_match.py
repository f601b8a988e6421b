"""Matching through Python: proposals with explanations as DataFrames, markets from DataFrames.

Skipped when the module was built without the matching engine (kanten.HAS_MATCHING)."""

import pandas as pd
import pytest

import kanten

pytestmark = pytest.mark.skipif(not kanten.HAS_MATCHING, reason="built without the matching engine")


@pytest.fixture(scope="module")
def market():
    return kanten.generate_market(citizens=200, companies=100, seed=3)


def test_assignment_with_breakdown_reasons_and_concerns(market):
    p = kanten.match(market)
    m = p.matches
    assert p.mode == "assignment" and p.weights_version
    parts = ["wish", "competences", "hours", "travel", "readiness", "ordinary"]
    assert (m[parts].sum(axis=1) == m["score"]).all()
    assert int(m["score"].sum()) == p.total_score
    assert m["citizen"].is_unique
    assert all(isinstance(r, list) for r in m["reasons"]) and all(isinstance(c, list) for c in m["concerns"])
    assert len(m) + len(p.unmatched) == 200
    assert str(m["score"].dtype) == "int32"
    assert list(market.citizen_ids[m["citizen_index"].to_numpy()]) == list(m["citizen"])


def test_threads_give_the_same_proposal_and_candidates(market):
    one = kanten.match(market)
    for threads in (2, 0):
        assert kanten.match(market, threads=threads).to_json() == one.to_json()
        pd.testing.assert_frame_equal(kanten.candidates(market, threads=threads), kanten.candidates(market))
    with pytest.raises(kanten.KantenError, match="threads"):
        kanten.match(market, threads=-1)


def test_stable_and_top_k(market):
    s = kanten.match(market, "stable")
    assert s.mode == "stable" and s.matches["citizen"].is_unique
    t = kanten.match(market, "top_k", k=3, per_company=1)
    assert (t.matches.groupby("citizen").size() <= 3).all()
    assert (t.matches.groupby(["citizen", "company"]).size() <= 1).all()


def test_candidates_top_lists_and_pair_explanations(market):
    c = kanten.candidates(market)
    assert list(c.columns[:3]) == ["citizen", "task", "score"] and (c["score"] > 0).all()
    first = c["citizen"].iloc[0]
    top = kanten.top_tasks(market, first, k=2)
    assert len(top) <= 2 and (top["citizen"] == first).all()
    pair = kanten.score_pair(market, first, c["task"].iloc[0])
    assert pair["score"] == c["score"].iloc[0] and pair["rejected"] == []
    assert set(pair["breakdown"]) >= {"wish", "travel", "distance_m"}
    assert len(kanten.top_citizens(market, 0, k=4)) <= 4


def test_market_round_trips_through_json(market):
    again = kanten.Market.from_json(market.to_json())
    assert again.to_json() == market.to_json()


def test_market_from_frames_and_bad_input_names_the_row():
    citizens = pd.DataFrame({"id": ["c1", "c2"], "home_lat": [54.77, 54.66], "home_lon": [11.87, 11.36],
                             "wishes": [["5120"], ["9412"]], "hours_now": [360, "6:00"], "hours_max": [900, 900]})
    companies = pd.DataFrame({"id": ["k1"], "location_lat": [54.76], "location_lon": [11.88], "capacity": [2]})
    tasks = pd.DataFrame({"id": ["t1", "t2"], "company": ["k1", "k1"], "disco": [["5120"], ["9412"]],
                          "min_per_week": [300, 300], "slots": [1, 1]})
    m = kanten.market_from_frames(citizens, companies, tasks)
    assert list(m.citizen_ids) == ["c1", "c2"] and list(m.task_ids) == ["t1", "t2"]
    p = kanten.match(m)
    assert set(p.matches["citizen"]) <= {"c1", "c2"}
    bad = tasks.assign(min_per_week=[300, 2000], max_per_week=[600, 1000])
    with pytest.raises(kanten.KantenError) as e:
        kanten.Market.from_frames(citizens, companies, bad)
    assert e.value.field == "tasks[1].max_per_week"
    with pytest.raises(kanten.KantenError, match="mode.*fastest"):
        kanten.match(m, "fastest")


def test_audit_by_group(market):
    p = kanten.match(market)
    groups = ["a" if i % 2 else "b" for i in range(200)]
    a = kanten.audit(market, p, groups)
    assert set(a["group"]) == {"a", "b"} and a["citizens"].sum() == 200
    with pytest.raises(kanten.KantenError):
        kanten.audit(market, p, groups[:10])
