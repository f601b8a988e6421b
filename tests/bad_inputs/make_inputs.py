#!/usr/bin/env python3
"""Writes tests/bad_inputs/inputs/ (the bad-input corpus's files). The files are committed; run
this again only to change or add one (it rewrites every file it knows and touches no other).
Markers: FREETEXT-MARKER-7731 stands for free text that must never be echoed; 0101901234 and
010190-1234 stand for CPR numbers that must never be echoed."""
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "inputs")
EXAMPLES = os.path.join(HERE, "..", "..", "examples", "data")
FREE = "FREETEXT-MARKER-7731"
FILES = {}


def raw(name, data):
    FILES[name] = data if isinstance(data, bytes) else data.encode("utf-8")


def doc(name, value):
    raw(name, json.dumps(value, ensure_ascii=False))


def case(events=None, citizen="c-0001", **extra):
    d = {"citizen": citizen, "events": events if events is not None else []}
    d.update(extra)
    return d


def ev(date, kind, **fields):
    d = {"date": date, "kind": kind}
    d.update(fields)
    return d


START = [ev("2024-01-08", "first_conversation"), ev("2024-01-08", "visitation", outcome="project")]

# --- not JSON / not text ------------------------------------------------------------------------
raw("empty.json", b"")
raw("whitespace.json", b" \n\t \r\n")
raw("nul-end.json", b'{"citizen": "c-0001", "events": []}\x00')
raw("nul-in-string.json", b'{"citizen": "c-00\x0001", "events": []}')
raw("nul-start.json", b'\x00{"citizen": "c-0001"}')
raw("trailing-garbage.json", b'{"citizen": "c-0001", "events": []} x')
raw("trailing-second-document.json", b'{"citizen": "c-0001"}{"citizen": "c-0002"}')
raw("trailing-comma.json", b'{"citizen": "c-0001", "events": [],}')
raw("truncated.json", b'{"citizen": "c-0001", "events": [{"date": "2024-01-08", "kind": "first_conv')
raw("truncated-after-key.json", b'{"citizen":')
raw("single-quotes.json", b"{'citizen': 'c-0001'}")
raw("comment.json", b'// a comment\n{"citizen": "c-0001"}')
raw("nan.json", b'{"citizen": "c-0001", "events": [{"date": "2024-01-08", "kind": "hours_worked", "minutes": NaN, "type": "ordinary"}]}')
raw("invalid-utf8-id.json", b'{"citizen": "c-\xff\xfe", "events": []}')
raw("invalid-utf8-text.json", b'{"citizen": "c-0001", "events": [{"date": "2024-03-14", "kind": "reasonable_cause", "failure_id": "F1", "cause": "other", "text": "FREETEXT-MARKER-7731 \xc3\x28"}]}')
raw("overlong-utf8.json", b'{"citizen": "c-\xc0\xaf", "events": []}')
raw("lone-surrogate.json", b'{"citizen": "c-\\ud800", "events": []}')
raw("bom.json", b'\xef\xbb\xbf{"citizen": "c-0001", "events": []}')
raw("control-char-in-string.json", b'{"citizen": "c-\x01", "events": []}')
raw("binary.bin", bytes(range(256)) * 4)

# --- the case document ----------------------------------------------------------------------------
doc("root-array-of-numbers.json", [1, 2, 3])
doc("root-string.json", "c-0001")
doc("root-number.json", 42)
doc("root-null.json", None)
doc("citizen-missing.json", {"events": []})
doc("citizen-null.json", {"citizen": None, "events": []})
doc("citizen-empty.json", {"citizen": "", "events": []})
doc("citizen-number.json", {"citizen": 1001, "events": []})
doc("citizen-array.json", {"citizen": ["c-1"], "events": []})
doc("citizen-long.json", {"citizen": "c-" + "x" * 10000, "events": []})
doc("cpr-10-digits.json", case(citizen="0101901234"))
doc("cpr-dash.json", case(citizen="010190-1234"))
doc("cpr-space.json", case(citizen="010190 1234"))
doc("cpr-jobformidler.json", case(START + [ev("2024-01-10", "jobformidler_assigned", jobformidler="0101901234")]))
doc("cpr-company.json", case(START + [ev("2024-01-10", "contact_person", company="010190-1234")]))
doc("cpr-failure-id.json", case(START + [ev("2024-03-11", "sanction_failure", failure_id="0101901234", failure="refused_job_offer")]))
doc("not-cpr-9-digits.json", case(citizen="010190123"))
doc("not-cpr-11-digits.json", case(citizen="01019012345"))
doc("profile-string.json", case(profile="kontanthjaelp"))
doc("profile-benefit-unknown.json", case(profile={"benefit": "dagpenge"}))
doc("profile-bool-string.json", case(profile={"activity_ready": "yes"}))
doc("profile-bool-number.json", case(profile={"lives_in_designated_area": 1}))
doc("events-object.json", {"citizen": "c-0001", "events": {"date": "2024-01-08", "kind": "first_conversation"}})
doc("events-string.json", {"citizen": "c-0001", "events": FREE})
raw("duplicate-key-citizen.json", b'{"citizen": "c-0001", "citizen": "c-0002", "events": []}')
raw("duplicate-key-minutes.json", b'{"citizen": "c-0001", "events": [{"date": "2024-01-08", "kind": "first_conversation"}, {"date": "2024-01-08", "kind": "visitation", "outcome": "project"}, {"date": "2024-02-01", "kind": "hours_worked", "minutes": 60, "minutes": 6000, "type": "ordinary"}]}')

# --- events: kept, reported in not_applied with their input position ------------------------------
doc("event-not-object.json", case(START + [42, "first_conversation", None]))
doc("event-kind-unknown.json", case(START + [ev("2024-01-09", "coffee_break")]))
doc("event-kind-missing.json", case(START + [{"date": "2024-01-09"}]))
doc("event-kind-number.json", case(START + [ev("2024-01-09", 3)]))
doc("event-date-missing.json", case(START + [{"kind": "cv_completed"}]))
doc("event-date-invalid.json", case(START + [ev("2024-02-30", "cv_completed")]))
doc("event-date-not-iso.json", case(START + [ev("2024-2-1", "cv_completed")]))
doc("event-date-number.json", case(START + [ev(20240201, "cv_completed")]))
doc("event-date-year-0.json", case(START + [ev("0000-01-01", "cv_completed")]))
doc("event-date-year-99999.json", case(START + [ev("99999-01-01", "cv_completed")]))
doc("event-channel-unknown.json", case(START + [ev("2024-01-10", "contact", channel="pigeon")]))
doc("event-minutes-fraction.json", case(START + [ev("2024-01-11", "hours_worked", minutes=90.5, type="ordinary")]))
raw("event-minutes-1e30.json", b'{"citizen": "c-0001", "events": [{"date": "2024-01-08", "kind": "first_conversation"}, {"date": "2024-01-08", "kind": "visitation", "outcome": "project"}, {"date": "2024-01-11", "kind": "hours_worked", "minutes": 1e30, "type": "ordinary"}]}')
raw("event-minutes-2e63.json", b'{"citizen": "c-0001", "events": [{"date": "2024-01-08", "kind": "first_conversation"}, {"date": "2024-01-08", "kind": "visitation", "outcome": "project"}, {"date": "2024-01-11", "kind": "hours_worked", "minutes": 9223372036854775808, "type": "ordinary"}]}')
raw("event-minutes-huge-int.json", b'{"citizen": "c-0001", "events": [{"date": "2024-01-08", "kind": "first_conversation"}, {"date": "2024-01-08", "kind": "visitation", "outcome": "project"}, {"date": "2024-01-11", "kind": "hours_worked", "minutes": 123456789012345678901234567890, "type": "ordinary"}]}')
doc("event-minutes-int32-overflow.json", case(START + [ev("2024-01-11", "hours_worked", minutes=2147483648, type="ordinary")]))
doc("event-minutes-negative.json", case(START + [ev("2024-01-11", "hours_worked", minutes=-30, type="ordinary")]))
doc("event-minutes-zero.json", case(START + [ev("2024-01-11", "hours_worked", minutes=0, type="ordinary")]))
doc("event-minutes-string.json", case(START + [ev("2024-01-11", "hours_worked", minutes="90", type="ordinary")]))
doc("event-minutes-over-24h.json", case(START + [ev("2024-01-11", "hours_worked", minutes=1441, type="ordinary")]))
doc("event-hours-999999999.json", case(START + [ev("2024-01-11", "hours_worked", hours="999999999:00", type="ordinary")]))
doc("event-hours-bad-minutes.json", case(START + [ev("2024-01-11", "hours_worked", hours="1:60", type="ordinary")]))
doc("event-hours-text.json", case(START + [ev("2024-01-11", "hours_worked", hours="one hour", type="ordinary")]))
doc("event-hours-disagree.json", case(START + [ev("2024-01-11", "hours_worked", hours="1:00", minutes=90, type="ordinary")]))
doc("event-hours-missing.json", case(START + [ev("2024-01-11", "hours_worked", type="ordinary")]))
doc("event-type-missing.json", case(START + [ev("2024-01-11", "hours_worked", minutes=60)]))
raw("event-weekly-1e30.json", b'{"citizen": "c-0001", "events": [{"date": "2024-01-08", "kind": "first_conversation"}, {"date": "2024-01-08", "kind": "visitation", "outcome": "project"}, {"date": "2024-02-05", "kind": "agreement", "agreement_kind": "internship", "minutes_per_week": 1e30}]}')
doc("event-weekly-negative.json", case(START + [ev("2024-02-05", "agreement", agreement_kind="internship", minutes_per_week=-60)]))
doc("event-start-invalid.json", case(START + [ev("2024-02-05", "agreement", agreement_kind="internship", start="2024-13-01")]))
doc("event-health-unknown.json", case(START + [ev("2024-02-05", "agreement", agreement_kind="internship", health=["no_mondays"])]))
doc("event-text-array.json", case(START + [ev("2024-03-14", "reasonable_cause", failure_id="F1", cause="other", text=[FREE])]))
doc("event-text-object.json", case(START + [ev("2024-03-14", "reasonable_cause", failure_id="F1", cause="other", text={"note": FREE})]))
doc("event-wishes-string.json", case(START + [ev("2024-01-22", "job_direction_set", goal="employment", wishes=FREE)]))
doc("event-wishes-number-element.json", case(START + [ev("2024-01-22", "job_direction_set", goal="employment", wishes=["9412", 9412, FREE])]))
doc("event-tasks-object.json", case(START + [ev("2024-02-05", "agreement", agreement_kind="internship", tasks={"t": FREE})]))
doc("event-failure-id-empty.json", case(START + [ev("2024-03-11", "sanction_failure", failure_id="", failure="refused_job_offer")]))
doc("event-failure-id-number.json", case(START + [ev("2024-03-11", "sanction_failure", failure_id=1, failure="refused_job_offer")]))
doc("event-reached-string.json", case(START + [ev("2024-03-11", "sanction_failure", failure_id="F1", failure="refused_job_offer"),
                                              ev("2024-03-12", "personal_contact_attempt", failure_id="F1", channel="phone", reached="no")]))
doc("event-jobformidler-missing.json", case(START + [ev("2024-01-10", "jobformidler_assigned")]))
doc("bad-events-mixed.json", json.load(open(os.path.join(EXAMPLES, "bad-events.json"))))

# --- the case model of issue 12: hearing deadlines, profile changes, bus trips, training tracks,
# agreed ordinary hours, aftercare -------------------------------------------------------------
TRIN1 = START + [ev("2024-01-10", "jobformidler_assigned", jobformidler="jf-1"), ev("2024-01-15", "cv_completed"),
                 ev("2024-01-15", "job_direction_set", goal="employment")]
FAILURE = [ev("2024-03-11", "sanction_failure", failure_id="F1", failure="refused_job_offer")]
doc("event-answer-by-invalid.json", case(START + FAILURE + [ev("2024-03-12", "hearing_sent", failure_id="F1", answer_by="2024-02-30")]))
doc("event-answer-by-number.json", case(START + FAILURE + [ev("2024-03-12", "hearing_sent", failure_id="F1", answer_by=20240322)]))
doc("event-answer-by-free-text.json", case(START + FAILURE + [ev("2024-03-12", "hearing_sent", failure_id="F1", answer_by=FREE + " in two weeks")]))
doc("event-answer-by-before-hearing.json", case(START + FAILURE + [ev("2024-03-12", "hearing_sent", failure_id="F1", answer_by="2024-03-01")]))
doc("event-contact-attempt-written.json", case(START + FAILURE + [
    ev("2024-03-12", "hearing_sent", failure_id="F1", answer_by="2024-03-22"),
    ev("2024-03-25", "personal_contact_attempt", failure_id="F1", channel="written", reached=True)]))
doc("event-trip-missing.json", case(TRIN1 + [ev("2024-01-25", "bus_trip", attended=True, companies=["co-1"])]))
doc("event-companies-not-array.json", case(TRIN1 + [ev("2024-01-25", "bus_trip", trip="bus-1", companies="co-1")]))
doc("event-companies-cpr.json", case(TRIN1 + [ev("2024-01-25", "bus_trip", trip="bus-1", companies=["co-1", "0101901234"])]))
doc("event-companies-number.json", case(TRIN1 + [ev("2024-01-25", "bus_trip", trip="bus-1", companies=[17])]))
doc("event-attended-string.json", case(TRIN1 + [ev("2024-01-25", "bus_trip", trip="bus-1", attended="yes")]))
doc("event-profile-changed-empty.json", case(START + [ev("2024-02-01", "profile_changed")]))
doc("event-profile-changed-null-only.json", case(START + [ev("2024-02-01", "profile_changed", benefit=None)]))
doc("event-profile-changed-benefit-unknown.json", case(START + [ev("2024-02-01", "profile_changed", benefit="dagpenge")]))
doc("event-profile-changed-bool-string.json", case(START + [ev("2024-02-01", "profile_changed", activity_ready="no")]))
AGREEMENT = dict(agreement_kind="both", company="co-1", tasks=["t"], sub_goals=["g"])
doc("event-ordinary-above-weekly.json", case(TRIN1 + [ev("2024-02-05", "agreement", minutes_per_week=600, ordinary_minutes_per_week=900, **AGREEMENT)]))
doc("event-ordinary-negative.json", case(TRIN1 + [ev("2024-02-05", "agreement", minutes_per_week=600, ordinary_minutes_per_week=-60, **AGREEMENT)]))
doc("event-ordinary-hours-text.json", case(TRIN1 + [ev("2024-02-05", "agreement", minutes_per_week=600, ordinary_hours_per_week="two hours", **AGREEMENT)]))
doc("event-ordinary-disagree.json", case(TRIN1 + [ev("2024-02-05", "agreement", minutes_per_week=600, ordinary_minutes_per_week=120, ordinary_hours_per_week="3:00", **AGREEMENT)]))
doc("event-agreement-no-terms.json", case(TRIN1 + [ev("2024-02-05", "agreement", agreement_kind="internship"),
                                                   ev("2024-02-05", "followup_plan"), ev("2024-02-05", "contact_person", company="co-1")]))
doc("event-track-missing.json", case(TRIN1 + [ev("2024-02-05", "training_track", workplace="wp-1")]))
doc("event-track-end-invalid.json", case(TRIN1 + [ev("2024-02-05", "training_track", track="tt-1", end="2024-13-01")]))
doc("event-track-end-before-start.json", case(TRIN1 + [ev("2024-02-05", "training_track", track="tt-1", end="2024-01-31")]))
doc("event-track-mentor-cpr.json", case(TRIN1 + [ev("2024-02-05", "training_track", track="tt-1", mentor="010190-1234")]))
doc("event-aftercare-before-self-support.json", case(TRIN1 + [ev("2024-02-05", "aftercare_contact", channel="phone")]))
doc("event-aftercare-channel-unknown.json", case(TRIN1 + [ev("2024-02-05", "self_support", via="job"),
                                                          ev("2024-03-05", "aftercare_contact", channel="pigeon")]))

# --- unknown fields (warnings; errors under strict) --------------------------------------------
doc("unknown-event-field.json", case(START + [ev("2024-02-05", "agreement", agreement_kind="internship", strat="2024-02-12")]))
doc("unknown-top-field.json", {"citizen": "c-0001", "profil": {"benefit": "kontanthjaelp"}, "events": []})
doc("unknown-profile-field.json", case(profile={"benefit": "kontanthjaelp", "activity_redy": False}))
doc("unknown-field-free-text-value.json", case(START, note=FREE))
raw("unknown-field-cpr-name.json", b'{"citizen": "c-0001", "events": [], "0101901234": true}')

# --- caseloads ---------------------------------------------------------------------------------
doc("caseload-duplicate.json", {"cases": [case(citizen="c-1"), case(citizen="c-2"), case(citizen="c-1")]})
doc("caseload-duplicate-bare.json", [case(citizen="c-1"), case(citizen="c-1")])
doc("caseload-cases-object.json", {"cases": {"citizen": "c-1"}})
doc("caseload-cases-null.json", {"cases": None})
doc("caseload-case-not-object.json", {"cases": [case(citizen="c-1"), "c-2"]})
doc("caseload-cpr.json", {"cases": [case(citizen="c-1"), case(citizen="0101901234")]})
doc("caseload-citizen-missing.json", {"cases": [case(citizen="c-1"), case(citizen="c-2"), {"events": []}]})
doc("caseload-bad-profile.json", {"cases": [case(citizen="c-1"), case(citizen="c-2", profile={"benefit": 7})]})
doc("caseload-unknown-field.json", {"case": [case(citizen="c-1")], "cases": [case(citizen="c-1")]})
doc("caseload-empty.json", {"cases": []})
doc("caseload-ok.json", json.load(open(os.path.join(EXAMPLES, "caseload.json"))))

# --- sanction questions --------------------------------------------------------------------------
SQ = json.load(open(os.path.join(EXAMPLES, "sanction.json")))


def sq(**changes):
    d = json.loads(json.dumps(SQ))
    for k, v in changes.items():
        if v is ...:
            d.pop(k, None)
        else:
            d[k] = v
    return d


doc("sanction-failure-id-empty.json", sq(failure_id=""))
doc("sanction-failure-id-number.json", sq(failure_id=7))
doc("sanction-failure-id-unknown.json", sq(failure_id="F7"))
doc("sanction-daily-rate-above.json", sq(daily_rate=100000001))
doc("sanction-daily-rate-max.json", sq(daily_rate=100000000))
doc("sanction-daily-rate-negative.json", sq(daily_rate=-1))
doc("sanction-daily-rate-fraction.json", sq(daily_rate=491.5))
doc("sanction-daily-rate-string.json", sq(daily_rate="49100"))
raw("sanction-daily-rate-1e400.json", json.dumps(sq(daily_rate=0)).replace('"daily_rate": 0', '"daily_rate": 1e400').encode())
raw("sanction-daily-rate-2e64.json", json.dumps(sq(daily_rate=0)).replace('"daily_rate": 0', '"daily_rate": 36893488147419103232').encode())
doc("sanction-case-missing.json", sq(case=...))
doc("sanction-case-string.json", sq(case="c-0201"))
doc("sanction-as-of-missing.json", sq(as_of=...))
doc("sanction-as-of-invalid.json", sq(as_of="2024-02-30"))
doc("sanction-unknown-field.json", dict(sq(), failur_id="F1"))
doc("sanction-case-cpr.json", sq(case=dict(SQ["case"], citizen="010190-1234")))
doc("sanction-no-failures.json", sq(case=case(START), failure_id=...))

# --- markets -------------------------------------------------------------------------------------
M = json.load(open(os.path.join(EXAMPLES, "market.json")))


def market(mutate):
    d = json.loads(json.dumps(M))
    mutate(d)
    return d


doc("market-duplicate-citizen.json", market(lambda d: d["citizens"].append(dict(d["citizens"][0]))))
doc("market-duplicate-company.json", market(lambda d: d["companies"].append(dict(d["companies"][0]))))
doc("market-duplicate-task.json", market(lambda d: d["tasks"].append(dict(d["tasks"][0]))))
doc("market-task-unknown-company.json", market(lambda d: d["tasks"][0].update(company="co-999")))
doc("market-citizen-cpr.json", market(lambda d: d["citizens"][1].update(id="0101901234")))
doc("market-lat-out-of-range.json", market(lambda d: d["citizens"][0]["home"].update(lat=91.0)))
doc("market-lat-string.json", market(lambda d: d["citizens"][0]["home"].update(lat="54.7")))
doc("market-hours-999999999.json", market(lambda d: d["citizens"][0].update(hours_max="999999999:00")))
raw("market-travel-1e30.json", json.dumps(M).replace('"max_travel_m": 15000', '"max_travel_m": 1e30', 1).encode())
doc("market-slots-negative.json", market(lambda d: d["tasks"][0].update(slots=-1)))
doc("market-danish-huge.json", market(lambda d: d["citizens"][0].update(danish_level=2 ** 40)))
doc("market-citizens-object.json", market(lambda d: d.update(citizens={"id": "c-01"})))
doc("market-unknown-field.json", market(lambda d: d["citizens"][0].update(wishs=["9412"])))
doc("market-unknown-top-field.json", market(lambda d: d.update(companys=[])))
doc("market-wishes-free-text.json", market(lambda d: d["citizens"][0].update(wishes=FREE)))
doc("market-mode-unknown.json", market(lambda d: d["citizens"][0].update(mode="teleport")))

# --- weights ---------------------------------------------------------------------------------
doc("weights-wrong-type.json", {"version": "w-1", "wish": "high"})
doc("weights-version-missing.json", {"wish": 10})
doc("weights-ok.json", json.load(open(os.path.join(EXAMPLES, "weights.json"))))

# --- bus requests -------------------------------------------------------------------------------
# Small requests built on examples/data/market.json (the examples' requests are 40 kB each).
B = json.loads(json.dumps(M))
B["referrals"] = [{"citizen": c["id"], "activity_ready": True, "age": 30 + i, "vocational_education": False}
                  for i, c in enumerate(M["citizens"])]
B["bus"] = {"model": "model-1-guldborgsund", "staff_dkk_per_hour": 350}


def bus(mutate):
    d = json.loads(json.dumps(B))
    mutate(d)
    return d


doc("bus-duplicate-referral.json", bus(lambda d: d["referrals"].append(dict(d["referrals"][0]))))
doc("bus-referral-unknown-citizen.json", bus(lambda d: d["referrals"].append({"citizen": "c-999999", "activity_ready": True, "age": 30})))
doc("bus-referral-cpr.json", bus(lambda d: d["referrals"][0].update(citizen="010190-1234")))
doc("bus-age-negative.json", bus(lambda d: d["referrals"][0].update(age=-5)))
doc("bus-age-huge.json", bus(lambda d: d["referrals"][0].update(age=1000)))
doc("bus-age-string.json", bus(lambda d: d["referrals"][0].update(age="42")))
doc("bus-referrals-object.json", bus(lambda d: d.update(referrals={"citizen": "c-000001"})))
doc("bus-model-unknown.json", bus(lambda d: d["bus"].update(model="model-3")))
doc("bus-staff-rate-above.json", bus(lambda d: d["bus"].update(staff_dkk_per_hour=10001)))
doc("bus-max-groups-negative.json", bus(lambda d: d["bus"].update(max_groups=-1)))
doc("bus-duplicate-citizen.json", bus(lambda d: d["citizens"].append(dict(d["citizens"][0]))))
doc("bus-invite-first-unknown.json", bus(lambda d: d["bus"].update(invite_first=["c-777777"])))
doc("bus-ok.json", B)

# --- training requests --------------------------------------------------------------------------
T = json.loads(json.dumps(M))
T["training"] = {"start": "2026-02-02", "requests": [{"citizen": c["id"], "weeks": 13} for c in M["citizens"]],
                 "ongoing": [{"citizen": "c-900001", "company": "co-101", "task": "t-1", "start": "2025-12-01",
                              "end": "2026-02-28"}]}


def training(mutate):
    d = json.loads(json.dumps(T))
    mutate(d)
    return d


doc("training-duplicate-request.json", training(lambda d: d["training"]["requests"].append(dict(d["training"]["requests"][0]))))
doc("training-weeks-zero.json", training(lambda d: d["training"]["requests"][0].update(weeks=0)))
doc("training-weeks-huge.json", training(lambda d: d["training"]["requests"][0].update(weeks=100000)))
doc("training-start-invalid.json", training(lambda d: d["training"].update(start="2026-02-30")))
doc("training-start-missing.json", training(lambda d: d["training"].pop("start")))
doc("training-request-unknown-citizen.json", training(lambda d: d["training"]["requests"].append({"citizen": "c-999999", "weeks": 13})))
doc("training-request-cpr.json", training(lambda d: d["training"]["requests"][0].update(citizen="0101901234")))
doc("training-ongoing-end-before-start.json", training(lambda d: d["training"]["ongoing"][0].update(end="2025-11-01")))
doc("training-ok.json", T)

# --- valid documents the surfaces are called with bad arguments on -------------------------------
doc("case-ok.json", json.load(open(os.path.join(EXAMPLES, "case.json"))))
doc("sanction-ok.json", SQ)
doc("market-ok.json", M)

# --- one citizen upserted into the persistent matcher (the C ABI's kanten_matcher_upsert_*) -------
doc("matcher-citizen-cpr.json", {"id": "0101901234", "home": {"lat": 54.7, "lon": 11.8}})
doc("matcher-citizen-bad-home.json", {"id": "c-new", "home": {"lat": "north", "lon": 11.8}})
raw("matcher-citizen-truncated.json", '{"id": "c-new", "home": {"lat": 54.7, ')

# --- the query stream of `kanten match FILE --serve` (one request a line) ------------------------
raw("serve-hostile.jsonl", "\n".join([
    '{"id": 1, "top_tasks": "0101901234"}',                                      # a CPR number as id
    '{"id": 2, "upsert_citizen": {"id": "010190-1234", "home": {"lat": 54.7, "lon": 11.8}}}',
    '{"id": 3, "top_tasks": null}',                                              # a request as null
    '{"id": 4, "top_tasks": "c-01", "k": 18446744073709551616}',                 # 2**64
    '{"id": 5, "set_capacity": {"company": "co-101", "capacity": -1}}',
    '{"id": 6, "top_tasks": "c-01", "k": 1, "explain": false}',                  # still answered
    '{"id": 7, "top_tasks": "c-none"}',                                          # unknown id
    '{"id": 8, "top_tasks": "c-01"',                                             # truncated
]) + "\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, data in sorted(FILES.items()):
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(data)
    print(f"{len(FILES)} files in {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
