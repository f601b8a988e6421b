"""Matching the caseload that is (kanten/match/caseload.hpp): the citizens a caller chooses, by id
or by step from evaluations, and the bound on candidates per citizen (docs/matching.md)."""

import re

import numpy as np
import pytest

import kanten


@pytest.fixture(scope="module")
def market():
    # generate_market and generate_caseload share citizen ids ("c-000001", ...).
    return kanten.generate_market(citizens=300, companies=120, seed=5)


@pytest.fixture(scope="module")
def caseload():
    return kanten.generate_caseload(citizens=320, seed=5)


def proposed(p):
    return set(p.matches["citizen"]) | set(p.unmatched["citizen"])


def test_only_the_chosen_citizens_are_proposed_for(market):
    ids = list(market.citizen_ids[::4])
    for mode in ("assignment", "stable", "top_k"):
        p = kanten.match(market, mode, citizens=ids)
        assert proposed(p) == set(ids)
        assert p.selected == len(ids) and p.not_in_market == ()
    everyone = kanten.match(market)
    assert everyone.selected == 300 and proposed(everyone) == set(market.citizen_ids)
    assert kanten.match(market, citizens=ids).candidates < everyone.candidates
    none = kanten.match(market, citizens=[])
    assert none.selected == 0 and len(none.matches) == 0 and len(none.unmatched) == 0
    # numpy arrays and Series of ids are sequences too
    assert proposed(kanten.match(market, citizens=np.array(ids, dtype=object))) == set(ids)


def test_evaluations_choose_trin2_by_default_and_report_those_not_in_the_market(market, caseload):
    ev = kanten.evaluate_all(caseload, "2020-06-30")
    summary = ev.summary
    in_trin2 = list(summary.loc[summary["step"] == "trin2_paa_vej_mod_job", "citizen"])
    assert in_trin2, "the generated caseload has citizens in Trin 2"
    p = kanten.match(market, evaluations=ev)
    held = set(market.citizen_ids)
    assert proposed(p) == {c for c in in_trin2 if c in held}
    assert p.not_in_market == tuple(c for c in in_trin2 if c not in held)
    assert p.not_in_market, "caseload citizens beyond the market's 300 are reported, not dropped"
    exited = set(summary.loc[summary["exit"].notna(), "citizen"])
    assert exited and not (proposed(p) & exited)
    j = p.to_json()
    assert '"not_in_market":' in j and '"citizens_selected":' in j
    # a caseload and a date: the same proposal
    assert kanten.match(market, caseload=caseload, as_of="2020-06-30").to_json() == j
    # other steps
    t = kanten.match(market, evaluations=ev, steps=["trin1_afklaring", "trin2_paa_vej_mod_job"])
    assert proposed(t) >= proposed(p)
    assert kanten.match(market, evaluations=ev, steps=[]).selected == 0


def test_max_candidates_keeps_the_best_and_none_or_zero_is_exact(market):
    exact = kanten.match(market, max_candidates=0, explain=False)
    assert kanten.match(market, max_candidates=None, explain=False).to_json() == exact.to_json()
    one = kanten.match(market, max_candidates=1, explain=False)
    assert one.candidates <= 300 and one.total_score <= exact.total_score
    # the bound used and the citizens it cut: with one candidate each, every citizen that has one
    assert (exact.max_candidates, exact.citizens_at_bound) == (0, 0)
    assert (one.max_candidates, one.citizens_at_bound) == (1, one.candidates)
    assert '"max_candidates_per_citizen":1,"citizens_at_bound":' + str(one.citizens_at_bound) in one.to_json()
    assert kanten.MAX_CANDIDATES_PER_CITIZEN == 40
    assert kanten.match(market, explain=False).max_candidates == 40
    assert kanten.match(market, explain=False).to_json() == kanten.match(
        market, max_candidates=kanten.MAX_CANDIDATES_PER_CITIZEN, explain=False).to_json()
    # top-k has its own bound (k, per_company)
    assert kanten.match(market, "top_k", max_candidates=1).to_json() == kanten.match(market, "top_k").to_json()


@pytest.mark.parametrize("kwargs,field", [
    ({"citizens": ["c-000001", "nobody"]}, "citizens[1]"),
    ({"citizens": ["c-000002", "c-000003", "c-000002"]}, "citizens[2]"),
    ({"citizens": [""]}, "citizens[0]"),
    ({"max_candidates": -1}, "max_candidates"),
    ({"max_candidates": 2**31}, "max_candidates"),
    ({"max_candidates": 2**70}, "max_candidates"),
    ({"citizens": [], "evaluations": None, "caseload": None, "as_of": "2020-06-30"}, "as_of"),
])
def test_hostile_selections_name_the_parameter(market, kwargs, field):
    with pytest.raises(kanten.KantenError) as e:
        kanten.match(market, **kwargs)
    assert e.value.field == field and e.value.code == "invalid_argument"


def test_hostile_caseload_arguments(market, caseload):
    ev = kanten.evaluate_all(caseload, "2020-06-30")
    with pytest.raises(kanten.KantenError) as e:
        kanten.match(market, evaluations=ev, steps=["trin2"])
    assert e.value.field == "steps[0]" and "trin2" in str(e.value)
    with pytest.raises(kanten.KantenError) as e:
        kanten.match(market, citizens=["c-000001"], evaluations=ev)
    assert e.value.field == "evaluations"
    with pytest.raises(kanten.KantenError) as e:
        kanten.match(market, caseload=caseload)
    assert e.value.field == "as_of"
    with pytest.raises(kanten.KantenError) as e:
        kanten.match(market, caseload=caseload, as_of="2020-02-30")
    assert e.value.field == "as_of"
    for kwargs, param in (({"citizens": "c-000001"}, "citizens"), ({"citizens": [1]}, "citizens[0]"),
                          ({"citizens": {"c-000001": 1}}, "citizens"), ({"steps": "trin2_paa_vej_mod_job"}, "steps"),
                          ({"steps": [None]}, "steps[0]"), ({"evaluations": caseload}, "evaluations"),
                          ({"caseload": ev, "as_of": "2020-06-30"}, "caseload"),
                          ({"max_candidates": 2.5}, "max_candidates"), ({"max_candidates": True}, "max_candidates")):
        with pytest.raises(TypeError, match=re.escape(f"match: parameter '{param}'")):
            kanten.match(market, **kwargs)
