"""Matching through Python: proposals with explanations as DataFrames, markets from DataFrames."""

import pandas as pd
import pytest

import kanten



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
    assert all(isinstance(r, tuple) for r in m["reasons"]) and all(isinstance(c, tuple) for c in m["concerns"])
    assert len(m) + len(p.unmatched) == 200
    assert str(m["score"].dtype) == "int64"
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


# --- issue 10: None and wrong types, extreme integers, columns ---------------------------------

import warnings  # noqa: E402


@pytest.mark.parametrize("call", [
    lambda m: kanten.match(None),
    lambda m: kanten.candidates(None),
    lambda m: kanten.top_tasks(None, 0),
    lambda m: kanten.top_citizens(None, 0),
    lambda m: kanten.score_pair(None, 0, 0),
    lambda m: kanten.audit(m, None, []),
    lambda m: kanten.match(kanten.generate_caseload(citizens=2)),
])
def test_none_or_another_object_for_a_market_is_a_type_error(market, call):
    # These segfaulted the interpreter (a null shared_ptr dereferenced in the bindings).
    with pytest.raises(TypeError, match=r"parameter '(market|proposal)' must be a kanten\.(Market|MatchProposal), not"):
        call(market)


def test_citizen_and_task_by_id_or_index_only(market):
    with pytest.raises(TypeError, match="top_tasks: parameter 'citizen' must be an id"):
        kanten.top_tasks(market, None)
    with pytest.raises(TypeError, match="score_pair: parameter 'task' must be an id"):
        kanten.score_pair(market, 0, True)
    for index in (2**70, -1, 2**63):
        with pytest.raises(kanten.KantenError) as e:
            kanten.top_tasks(market, index)
        assert e.value.field == "citizen" and e.value.code == "invalid_argument"
    with pytest.raises(kanten.KantenError, match=r"field 'task': value '100000': index out of range"):
        kanten.top_citizens(market, 100_000)


@pytest.mark.parametrize("kwargs,field", [
    ({"k": 0}, "k"), ({"k": 2**64}, "k"), ({"per_company": 10**30}, "per_company"),
    ({"threads": 257}, "threads"), ({"threads": -2**63 - 1}, "threads"),
])
def test_match_parameters_out_of_range_name_the_parameter(market, kwargs, field):
    with pytest.raises(kanten.KantenError) as e:
        kanten.match(market, "top_k", **kwargs)
    assert e.value.field == field and e.value.code == "invalid_argument"


def test_generate_market_ranges():
    for kwargs, field in (({"citizens": 2**64}, "citizens"), ({"companies": -1}, "companies"),
                          ({"tasks_per_company": 1e300}, "tasks_per_company"), ({"travel_m": 2**31}, "travel_m")):
        with pytest.raises(kanten.KantenError) as e:
            kanten.generate_market(**kwargs)
        assert e.value.field == field


def test_market_frames_check_their_columns():
    citizens = pd.DataFrame({"id": ["c1"], "home_lat": [54.77], "home_lon": [11.87]})
    companies = pd.DataFrame({"id": ["k1"], "location_lat": [54.76], "location_lon": [11.88], "capacty": [2]})
    tasks = pd.DataFrame({"id": ["t1"], "company": ["k1"]})
    with pytest.warns(kanten.KantenWarning, match=r"companies: column 'capacty'.*did you mean 'capacity'\?"):
        kanten.market_from_frames(citizens, companies, tasks)
    with pytest.raises(kanten.KantenError) as e:
        kanten.market_from_frames(citizens, companies.drop(columns=["capacty"]), tasks.drop(columns=["company"]))
    assert e.value.field == "tasks.company"
    with pytest.raises(kanten.KantenError, match=r"citizens\.home_lat"):
        kanten.market_from_frames(citizens.drop(columns=["home_lat"]), companies, tasks)
    with pytest.raises(TypeError, match="market_from_frames: parameter 'tasks' must be a pandas DataFrame, not list"):
        kanten.market_from_frames(citizens, companies.drop(columns=["capacty"]), [])
    # A market's own JSON, as frames, has only known columns.
    import json
    doc = json.loads(kanten.generate_market(citizens=30, companies=10, seed=4).to_json())
    with warnings.catch_warnings():
        warnings.simplefilter("error", kanten.KantenWarning)
        m = kanten.Market.from_frames(*(pd.DataFrame(doc[k]) for k in ("citizens", "companies", "tasks")))
    assert len(m.citizen_ids) == 30


def test_market_unknown_fields_warn_and_strict_reading_refuses_them():
    text = '{"citizens": [], "companies": [], "tasks": [], "taks": []}'
    with pytest.warns(kanten.KantenWarning, match="taks"):
        market = kanten.Market.from_json(text)
    assert list(market.warnings()["field"]) == ["taks"]
    with pytest.raises(kanten.KantenError) as e:
        kanten.Market.from_json(text, strict=True)
    assert e.value.field == "taks" and e.value.code == "invalid_input"
