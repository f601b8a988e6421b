"""kanten.Matcher, the persistent matcher (kanten/match/index.hpp; docs/matching.md): its answers are
kanten.top_tasks / kanten.top_citizens on its market as it is now, updates show in the next query,
and every bad argument is a TypeError or a KantenError naming the parameter."""

import concurrent.futures
import warnings

import numpy as np
import pandas as pd
import pytest

import kanten


@pytest.fixture(scope="module")
def market():
    return kanten.generate_market(850, 400, seed=2018)


@pytest.fixture
def matcher(market):
    return kanten.Matcher(market)


def task_ids_listed(matcher, citizens):
    """Every task in the top lists (k 50, 50 per company) of the given citizens."""
    listed = set()
    for c in citizens:
        listed.update(matcher.top_tasks(c, k=50, per_company=50, explain=False)["task"])
    return listed


def a_listed_task(matcher, market):
    """A task some citizen's top list names, with that citizen."""
    for c in market.citizen_ids:
        top = matcher.top_tasks(c, k=1, explain=False)
        if len(top):
            return top["task"].iloc[0], top["company"].iloc[0], c
    raise AssertionError("no citizen has a candidate")


# --- the answers are those of the free functions ----------------------------------------------------


def test_top_tasks_equal_kanten_top_tasks_for_many_citizens(market, matcher):
    nonempty = 0
    for cid in market.citizen_ids[::6]:
        for k, per_company in ((10, 1), (3, 2), (1, 1)):
            expected = kanten.top_tasks(market, cid, k=k, per_company=per_company)
            got = matcher.top_tasks(cid, k=k, per_company=per_company)
            pd.testing.assert_frame_equal(got, expected)
            nonempty += len(got) > 0
    assert nonempty > 100  # the market gives most citizens a list


def test_top_citizens_equal_kanten_top_citizens_for_many_tasks(market, matcher):
    nonempty = 0
    for tid in market.task_ids[::5]:
        for k in (10, 2):
            expected = kanten.top_citizens(market, tid, k=k)
            got = matcher.top_citizens(tid, k=k)
            pd.testing.assert_frame_equal(got, expected)
            nonempty += len(got) > 0
    assert nonempty > 100


def test_an_index_names_the_same_citizen_or_task_as_its_id(market, matcher):
    for i in (0, 17, len(market.citizen_ids) - 1):
        pd.testing.assert_frame_equal(matcher.top_tasks(i, k=4), matcher.top_tasks(market.citizen_ids[i], k=4))
        pd.testing.assert_frame_equal(matcher.top_tasks(np.int32(i), k=4), kanten.top_tasks(market, i, k=4))
    for i in (0, 9, len(market.task_ids) - 1):
        pd.testing.assert_frame_equal(matcher.top_citizens(i, k=4), kanten.top_citizens(market, i, k=4))


def test_the_columns_are_those_of_a_proposal_with_int64_integers(market, matcher):
    got = matcher.top_tasks(market.citizen_ids[0], k=5)
    assert list(got.columns) == list(kanten.match(market, "top_k", k=1).matches.columns)
    for name in got.columns:
        if name in ("citizen", "task", "company", "reasons", "concerns"):
            assert got[name].dtype == object, name
        else:
            assert got[name].dtype == np.int64, name
    assert isinstance(got.index, pd.RangeIndex)
    assert all(isinstance(r, tuple) for r in got["reasons"])


def test_without_explanations_only_reasons_and_concerns_are_empty(market, matcher):
    cid, tid = market.citizen_ids[3], market.task_ids[3]
    for full, bare in ((matcher.top_tasks(cid, k=8), matcher.top_tasks(cid, k=8, explain=False)),
                       (matcher.top_citizens(tid, k=8), matcher.top_citizens(tid, k=8, explain=False))):
        assert (bare["reasons"] == ()).all() and (bare["concerns"] == ()).all()
        pd.testing.assert_frame_equal(bare.drop(columns=["reasons", "concerns"]),
                                      full.drop(columns=["reasons", "concerns"]))


def test_records_hold_what_the_frame_holds(market, matcher):
    for cid in market.citizen_ids[:40]:
        frame = matcher.top_tasks(cid, k=6, per_company=2)
        records = matcher.top_tasks(cid, k=6, per_company=2, as_frame=False)
        assert isinstance(records, list)
        assert records == frame.to_dict("records")
    tid = market.task_ids[0]
    assert matcher.top_citizens(tid, as_frame=False) == matcher.top_citizens(tid).to_dict("records")


def test_a_frame_handed_out_is_the_callers_own(market, matcher):
    cid = a_listed_task(matcher, market)[2]
    first = matcher.top_tasks(cid)
    first.loc[0, "score"] = -1
    first["citizen"] = "changed"
    again = matcher.top_tasks(cid)
    assert again.loc[0, "score"] != -1 and (again["citizen"] == cid).all()


def test_weights_are_those_of_the_free_functions(market, examples):
    weights = (examples / "data" / "weights.json").read_text()
    m = kanten.Matcher(market, weights=weights)
    assert m.weights_version == kanten.match(market, "top_k", k=1, weights=weights).weights_version
    for cid in market.citizen_ids[:60:3]:
        pd.testing.assert_frame_equal(m.top_tasks(cid, k=5), kanten.top_tasks(market, cid, k=5, weights=weights))


# --- updates ------------------------------------------------------------------------------------------


def test_slots_zero_takes_a_task_out_and_back(market, matcher):
    task, _, _ = a_listed_task(matcher, market)
    sample = list(market.citizen_ids)
    assert task in task_ids_listed(matcher, sample)
    matcher.set_slots(task, 0)
    assert task not in task_ids_listed(matcher, sample)
    assert len(matcher.top_citizens(task)) == 0
    matcher.set_slots(task, 2)
    assert task in task_ids_listed(matcher, sample)


def test_capacity_zero_takes_every_task_of_the_company_out(market, matcher):
    _, company, citizen = a_listed_task(matcher, market)
    matcher.set_capacity(company, 0)
    assert company not in set(matcher.top_tasks(citizen, k=100, per_company=100)["company"])
    matcher.set_capacity(company, 3)
    assert company in set(matcher.top_tasks(citizen, k=100, per_company=100)["company"])


def test_after_updates_the_answers_are_those_of_the_updated_market(market, matcher):
    task, company, citizen = a_listed_task(matcher, market)
    matcher.set_slots(task, 0)
    matcher.remove_citizen(market.citizen_ids[1])
    matcher.remove_task(market.task_ids[2])
    matcher.upsert_citizen({"id": "c-new", "home_lat": 54.77, "home_lon": 11.87, "wishes": ["9", "5", "4"],
                            "max_travel_m": 30_000})
    now = matcher.market
    assert "c-new" in set(now.citizen_ids) and market.citizen_ids[1] not in set(now.citizen_ids)
    assert len(now.task_ids) == len(market.task_ids) - 1
    for cid in list(now.citizen_ids[::15]) + ["c-new", citizen]:
        pd.testing.assert_frame_equal(matcher.top_tasks(cid, k=6), kanten.top_tasks(now, cid, k=6))
    for tid in now.task_ids[::15]:
        pd.testing.assert_frame_equal(matcher.top_citizens(tid, k=6), kanten.top_citizens(now, tid, k=6))


def test_an_upsert_takes_a_dict_a_series_or_a_one_row_frame(market):
    row = {"id": "c-new", "home_lat": 54.77, "home_lon": 11.87, "wishes": ["9"], "hours_now": 360,
           "hours_max": 900, "max_travel_m": 25_000, "danish_level": 3}
    answers = []
    for given in (row, pd.Series(row), pd.DataFrame([row]),
                  {**{k: v for k, v in row.items() if not k.startswith("home_")}, "home": {"lat": 54.77, "lon": 11.87}}):
        m = kanten.Matcher(market)
        m.upsert_citizen(given)
        assert len(m) == len(market.citizen_ids) + 1
        answers.append(m.top_tasks("c-new", k=5))
    assert len(answers[0]) > 0
    for a in answers[1:]:
        pd.testing.assert_frame_equal(a, answers[0])


def test_an_upsert_replaces_the_entity_with_the_same_id(market, matcher):
    cid = a_listed_task(matcher, market)[2]
    before = len(matcher)
    matcher.upsert_citizen({"id": cid, "home_lat": 55.9, "home_lon": 8.2, "max_travel_m": 1})
    assert len(matcher) == before
    assert len(matcher.top_tasks(cid)) == 0


def test_a_new_task_and_company_are_listed_and_removing_the_company_removes_them(market, matcher):
    matcher.upsert_company(pd.Series({"id": "co-new", "location_lat": 54.77, "location_lon": 11.87, "capacity": 5,
                                      "mentors": 2}))
    matcher.upsert_task(pd.DataFrame([{"id": "t-new", "company": "co-new", "slots": 3, "min_per_week": 0,
                                       "disco": ["941200", "933300", "522300", "411000", "834400"]}]))
    assert len(matcher.top_citizens("t-new")) > 0
    pd.testing.assert_frame_equal(matcher.top_citizens("t-new"), kanten.top_citizens(matcher.market, "t-new", k=10))
    assert matcher.remove_company("co-new") is True
    assert "t-new" not in set(matcher.market.task_ids)
    assert matcher.remove_company("co-new") is False
    assert matcher.remove_task("t-new") is False
    with pytest.raises(kanten.KantenError) as e:
        matcher.top_citizens("t-new")
    assert e.value.field == "task" and e.value.value == "t-new"


def test_a_failed_update_changes_nothing(market, matcher):
    cid = market.citizen_ids[5]
    before = matcher.top_tasks(cid)
    with pytest.raises(kanten.KantenError):
        matcher.upsert_citizen({"id": cid, "home_lat": 54.7, "home_lon": 11.9, "hours_now": "lots"})
    with pytest.raises(kanten.KantenError):
        matcher.upsert_task({"id": "t-x", "company": "co-unknown"})
    pd.testing.assert_frame_equal(matcher.top_tasks(cid), before)
    assert len(matcher.market.task_ids) == len(market.task_ids)


def test_the_market_is_a_copy_as_it_is_now(market, matcher):
    first = matcher.market
    assert first is not matcher.market and first is not market
    assert list(first.citizen_ids) == list(market.citizen_ids)
    matcher.remove_citizen(market.citizen_ids[0])
    assert len(first.citizen_ids) == len(market.citizen_ids)
    assert len(matcher.market.citizen_ids) == len(market.citizen_ids) - 1


def test_repr_and_len_are_short(market, matcher):
    assert len(matcher) == len(market.citizen_ids)
    text = repr(matcher)
    assert text.startswith("<kanten.Matcher: 850 citizens, 400 companies") and "\n" not in text
    assert "weights match-weights-" in text


def test_queries_from_threads_while_another_updates(market):
    m = kanten.Matcher(market)
    task, _, citizen = a_listed_task(m, market)
    expected = m.top_tasks(citizen, k=5, explain=False)
    stop = False

    def query(_):
        seen = 0
        while not stop and seen < 200:
            got = m.top_tasks(citizen, k=5, explain=False)
            # Either side of a set_slots toggle: the list with the task, or without it.
            assert len(got) <= 5 and set(got["citizen"]) <= {citizen}
            seen += 1
        return seen

    with concurrent.futures.ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(query, i) for i in range(2)]
        for i in range(100):
            m.set_slots(task, i % 2)
        m.set_slots(task, 1)
        stop = True
        assert all(f.result() > 0 for f in futures)
    pd.testing.assert_frame_equal(m.top_tasks(citizen, k=5, explain=False), expected)


# --- hostile arguments --------------------------------------------------------------------------------


@pytest.mark.parametrize("call, param", [
    (lambda m: kanten.Matcher(None), "market"),
    (lambda m: kanten.Matcher("market.json"), "market"),
    (lambda m: kanten.Matcher(kanten.generate_market(3, 2), weights=5), "weights"),
    (lambda m: m.top_tasks(None), "citizen"),
    (lambda m: m.top_tasks(True), "citizen"),
    (lambda m: m.top_tasks(1.0), "citizen"),
    (lambda m: m.top_tasks(b"c-000001"), "citizen"),
    (lambda m: m.top_tasks("c-000001", k=None), "k"),
    (lambda m: m.top_tasks("c-000001", k=True), "k"),
    (lambda m: m.top_tasks("c-000001", k=2.5), "k"),
    (lambda m: m.top_tasks("c-000001", per_company="1"), "per_company"),
    (lambda m: m.top_tasks("c-000001", explain=1), "explain"),
    (lambda m: m.top_tasks("c-000001", explain=None), "explain"),
    (lambda m: m.top_tasks("c-000001", as_frame="yes"), "as_frame"),
    (lambda m: m.top_citizens(None), "task"),
    (lambda m: m.top_citizens(False), "task"),
    (lambda m: m.top_citizens("t-1", k=None), "k"),
    (lambda m: m.upsert_citizen(None), "citizen"),
    (lambda m: m.upsert_citizen("c-1"), "citizen"),
    (lambda m: m.upsert_citizen([("id", "c-1")]), "citizen"),
    (lambda m: m.upsert_company(7), "company"),
    (lambda m: m.upsert_task(None), "task"),
    (lambda m: m.remove_citizen(None), "citizen"),
    (lambda m: m.remove_citizen(3), "citizen"),
    (lambda m: m.remove_company(None), "company"),
    (lambda m: m.remove_task(b"t"), "task"),
    (lambda m: m.set_capacity(None, 1), "company"),
    (lambda m: m.set_capacity("co-1", None), "capacity"),
    (lambda m: m.set_capacity("co-1", True), "capacity"),
    (lambda m: m.set_capacity("co-1", 1.0), "capacity"),
    (lambda m: m.set_slots("t-1", "2"), "slots"),
    (lambda m: m.set_slots(7, 2), "task"),
])
def test_a_wrong_type_is_a_type_error_naming_the_parameter(matcher, call, param):
    with pytest.raises(TypeError, match=rf"parameter '{param}' must be"):
        call(matcher)


@pytest.mark.parametrize("call, field, value", [
    (lambda m: m.top_tasks("nobody"), "citizen", "nobody"),
    (lambda m: m.top_tasks(""), "citizen", ""),
    (lambda m: m.top_tasks(-1), "citizen", "-1"),
    (lambda m: m.top_tasks(2**70), "citizen", None),
    (lambda m: m.top_tasks(850), "citizen", "850"),
    (lambda m: m.top_tasks(2**31 - 1), "citizen", None),  # ten digits: shown by its length (CPR-shaped)
    (lambda m: m.top_tasks("c-000001", k=0), "k", "0"),
    (lambda m: m.top_tasks("c-000001", k=-3), "k", "-3"),
    (lambda m: m.top_tasks("c-000001", k=2**70), "k", None),
    (lambda m: m.top_tasks("c-000001", k=10_001), "k", "10001"),
    (lambda m: m.top_tasks("c-000001", per_company=0), "per_company", "0"),
    (lambda m: m.top_tasks("c-000001", per_company=-2**63), "per_company", None),
    (lambda m: m.top_citizens("nobody"), "task", "nobody"),
    (lambda m: m.top_citizens(10**8), "task", "100000000"),
    (lambda m: m.top_citizens(0, k=0), "k", "0"),
    (lambda m: m.set_capacity("co-unknown", 1), "company", "co-unknown"),
    (lambda m: m.set_capacity("co-1", -1), "capacity", "-1"),
    (lambda m: m.set_capacity("co-1", 2**70), "capacity", None),
    (lambda m: m.set_slots("t-unknown", 1), "task", "t-unknown"),
    (lambda m: m.set_slots("t-1", -1), "slots", "-1"),
    (lambda m: m.set_slots("t-1", 2**31), "slots", None),
])
def test_a_bad_value_is_a_kanten_error_naming_the_parameter(matcher, call, field, value):
    with pytest.raises(kanten.KantenError) as e:
        call(matcher)
    assert e.value.code == "invalid_argument"
    assert e.value.field == field
    if value is not None:
        assert e.value.value == value
    assert len(str(e.value)) < 300


def test_k_at_its_largest_lists_every_candidate(market, matcher):
    cid = a_listed_task(matcher, market)[2]
    everything = matcher.top_tasks(cid, k=10_000, per_company=10_000, explain=False)
    assert len(everything) == len(kanten.candidates(market).query("citizen == @cid"))


@pytest.mark.parametrize("row, field", [
    ({"home_lat": 54.7, "home_lon": 11.9}, "citizen.id"),
    ({"id": "c-9"}, "citizen.home_lat"),
    ({"id": 12, "home_lat": 54.7, "home_lon": 11.9}, "citizen.id"),
    ({"id": "c-9", "home_lat": "north", "home_lon": 11.9}, "citizen.home.lat"),
    ({"id": "c-9", "home_lat": 54.7, "home_lon": 11.9, "hours_now": -60}, "citizen.hours_now"),
    ({"id": "c-9", "home_lat": 54.7, "home_lon": 11.9, "hours_now": 2**70}, "citizen.hours_now"),
    ({"id": "c-9", "home_lat": 54.7, "home_lon": 11.9, "mode": "rocket"}, "citizen.mode"),
    ({"id": "c-9", "home_lat": 54.7, "home_lon": 11.9, "danish_level": 9}, "citizen.danish_level"),
    ({"id": "c-9", "home_lat": 54.7, "home_lon": 11.9, "wishes": "9"}, "citizen.wishes"),
])
def test_a_bad_citizen_is_a_kanten_error_naming_the_field(matcher, row, field):
    with pytest.raises(kanten.KantenError) as e:
        matcher.upsert_citizen(row)
    assert e.value.field == field
    assert len(matcher) == 850


def test_a_bad_company_or_task_is_a_kanten_error_naming_the_field(matcher):
    cases = [
        (lambda: matcher.upsert_company({"id": "co-9", "location_lat": 54.7, "location_lon": 11.9, "capacity": -1}),
         "company.capacity"),
        (lambda: matcher.upsert_company({"id": "co-9", "location_lat": 54.7}), "company.location_lon"),
        (lambda: matcher.upsert_task({"id": "t-9"}), "task.company"),
        (lambda: matcher.upsert_task({"id": "t-9", "company": "co-unknown"}), "company"),
        (lambda: matcher.upsert_task({"id": "t-9", "company": "co-000001", "slots": 2**40}), "task.slots"),
        (lambda: matcher.upsert_task({"id": "t-9", "company": "co-000001", "min_per_week": 600,
                                      "max_per_week": 60}), "task.max_per_week"),
    ]
    for call, field in cases:
        with pytest.raises(kanten.KantenError) as e:
            call()
        assert e.value.field == field


def test_a_frame_of_other_than_one_row_is_refused(matcher):
    two = pd.DataFrame([{"id": "c-8", "home_lat": 54.7, "home_lon": 11.9}] * 2)
    with pytest.raises(kanten.KantenError, match="one row") as e:
        matcher.upsert_citizen(two)
    assert e.value.field == "citizen"
    with pytest.raises(kanten.KantenError, match="one row"):
        matcher.upsert_citizen(pd.DataFrame())


def test_an_unknown_column_is_a_warning_naming_it_and_is_not_read(market, matcher):
    with pytest.warns(kanten.KantenWarning, match=r"citizen: column 'wishs'.*did you mean 'wishes'"):
        matcher.upsert_citizen({"id": "c-9", "home_lat": 54.77, "home_lon": 11.87, "wishs": ["9"]})
    assert len(matcher) == 851
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        matcher.upsert_citizen({"id": "c-9", "home_lat": 54.77, "home_lon": 11.87, "wishes": ["9"],
                                "competences": None, "health": np.nan})  # missing cells are absent fields


def test_a_cpr_shaped_or_free_text_id_is_never_shown(matcher):
    free = "Borgeren fortæller om sin ryg"
    for call in (lambda: matcher.top_tasks(free), lambda: matcher.top_tasks("010190-1234"),
                 lambda: matcher.set_slots(free, 1)):
        with pytest.raises(kanten.KantenError) as e:
            call()
        assert "fortæller" not in str(e.value) and "010190-1234" not in str(e.value)
