"""Bus trips to companies (seed 002) and social training tracks (seed 001), as DataFrames.

Imported by the kanten package when the compiled module has the matching engine; use it
through ``kanten``, not directly. The plans are made in C++ (kanten/bus.hpp,
kanten/training.hpp) from kanten's JSON request format (docs/bus-and-training.md).
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Union

import numpy as np
import pandas as pd

from . import _date_text, _kanten  # type: ignore[attr-defined]
from ._kanten import Market

__all__ = [
    "BusPlan",
    "TrainingPlan",
    "bus_eligibility",
    "plan_bus_trips",
    "plan_training_tracks",
    "route_workplace",
    "trip_cost",
]

_REFERRAL_FIELDS = (
    "citizen",
    "activity_ready",
    "age",
    "vocational_education",
    "exempt_from_activity",
    "caseworker_finds_it_helps",
)


def bus_eligibility(
    *,
    activity_ready: bool = True,
    age: Optional[int] = None,
    vocational_education: bool = False,
    exempt_from_activity: bool = False,
    caseworker_finds_it_helps: bool = False,
    model: str = "model-1-guldborgsund",
) -> Dict[str, Any]:
    """Whether a referred citizen may come on a bus trip (002, Visitering af borgere).

    Returns ``{"answer": "eligible" | "not_eligible" | "undecided", "category": "s6_3" |
    "s6_5" | "s6_3_or_s6_5" | "exempt_referred" | "none", "reason": ..., "source": {...}}``.
    ``model`` is ``"model-1-guldborgsund"`` (or ``"1"``) or ``"model-2-lolland"`` (``"2"``).
    """
    return dict(
        _kanten._bus_eligibility(
            activity_ready, age, vocational_education, exempt_from_activity, caseworker_finds_it_helps, model
        )
    )


def trip_cost(participants: int, staff_dkk_per_hour: Optional[int] = None) -> Dict[str, Any]:
    """The cost of one bus trip as ``(low, high)`` ranges from the source's figures (002,
    Ressourceforbrug): bus 2,000–2,500 DKK, food 75–90 DKK a participant, planning 1–2 staff
    hours, running 3–4 staff for 4–5 hours; ``total_dkk`` adds staff time when a rate is given."""
    return dict(_kanten._trip_cost(participants, staff_dkk_per_hour))


def route_workplace(close_to_ordinary_job: bool = False, close_to_special_terms_job: bool = False) -> Dict[str, Any]:
    """Internship for a citizen close to an ordinary job or a job on special terms, the social
    training track for the others (001); returns ``route``, ``private_employer_focus``,
    ``reason`` and ``source``."""
    return dict(_kanten._route_workplace(close_to_ordinary_job, close_to_special_terms_job))


def _plain(value: Any) -> Any:
    """A cell as a JSON value: numpy scalars as Python ones, NaN/None/NA as absent (None)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (float, np.floating)) and math.isnan(float(value)):
        return None
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        f = float(value)
        return int(f) if f.is_integer() else f  # a NaN-holed integer column arrives as floats
    return value


def _records(rows: Union[pd.DataFrame, Iterable[Mapping[str, Any]]], fields: Sequence[str]) -> List[Dict[str, Any]]:
    records = rows.to_dict("records") if isinstance(rows, pd.DataFrame) else [dict(r) for r in rows]
    out = []
    for r in records:
        out.append({k: _plain(v) for k, v in r.items() if k in fields and _plain(v) is not None})
    return out


def _dates(values: Sequence[Optional[str]]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")


def _minutes(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    h, m = text.split(":")
    return int(h) * 60 + int(m)


class BusPlan:
    """A bus-trip plan (kanten/bus.hpp) as DataFrames.

    - ``participants``: one row per participant: ``group``, ``citizen``, ``best_company``,
      ``best_task``, ``score`` (the matcher's, travel not counted), ``reason``, ``invited_again``.
    - ``visits``: one row per company visit: ``group``, ``trip``, ``order``, ``company``,
      ``fitting_participants``, ``reasons`` (why the company was chosen).
    - ``trips``: one row per trip: ``group``, ``trip``, ``start``, ``end`` ("H:MM"),
      ``participants`` and the cost ranges as ``*_low``/``*_high`` columns.
    - ``eligibility``: one row per referral: ``citizen``, ``answer``, ``category``, ``reason``,
      ``seed``, ``section``.
    - ``left_out``: every referral without a place, with its ``reason``.
    - ``notes``, ``qualifying_companies``, ``model``; ``to_json()`` gives kanten's JSON.
    """

    def __init__(self, planned: Any) -> None:
        self._planned = planned  # the compiled plan with its request (record_attendance reads it)
        self._text = planned.to_json()
        d = json.loads(self._text)
        self.model: str = d["model"]
        self.weights_version: str = d["weights_version"]
        self.notes: List[str] = list(d["notes"])
        self.qualifying_companies: List[str] = list(d["qualifying_companies"])
        parts, visits, trips = [], [], []
        for g, grp in enumerate(d["groups"]):
            for p in grp["participants"]:
                parts.append({"group": g, **p})
            for t, trip in enumerate(grp["trips"]):
                row: Dict[str, Any] = {
                    "group": g,
                    "trip": t,
                    "start": trip["start"],
                    "end": trip["end"],
                    "participants": len(grp["participants"]),
                }
                for key, (lo, hi) in trip["cost"].items():
                    row[f"{key}_low"], row[f"{key}_high"] = lo, hi
                trips.append(row)
                for order, v in enumerate(trip["visits"]):
                    visits.append({"group": g, "trip": t, "order": order, **v})
        self.participants = pd.DataFrame(
            parts, columns=["group", "citizen", "best_company", "best_task", "score", "reason", "invited_again"]
        )
        self.visits = pd.DataFrame(
            visits, columns=["group", "trip", "order", "company", "fitting_participants", "reasons"]
        )
        self.trips = pd.DataFrame(trips)
        self.eligibility = pd.DataFrame(
            [
                {
                    "citizen": e["citizen"],
                    "answer": e["answer"],
                    "category": e["category"],
                    "reason": e["reason"],
                    "seed": e["source"]["seed"],
                    "section": e["source"]["section"],
                }
                for e in d["eligibility"]
            ],
            columns=["citizen", "answer", "category", "reason", "seed", "section"],
        )
        self.eligibility["answer"] = pd.Categorical(
            self.eligibility["answer"], categories=["eligible", "not_eligible", "undecided"]
        )
        self.left_out = pd.DataFrame(d["left_out"], columns=["citizen", "reason"])

    @property
    def groups(self) -> int:
        """The number of groups."""
        return int(self.participants["group"].nunique()) if len(self.participants) else 0

    def to_json(self) -> str:
        """The plan as kanten's JSON text."""
        return self._text

    def record_attendance(self, group: int, trip: int, date: Any, present: Sequence[str]) -> Dict[str, Any]:
        """Records who came to ``trip`` of ``group`` on ``date`` (002: attendance is compulsory;
        who does not come is invited to the next trip).

        Returns ``came`` and ``invite_next`` (citizen ids; pass ``invite_next`` as
        ``invite_first`` to the next plan), ``visits`` (a DataFrame: ``citizen``, ``company``,
        ``date`` — the relation the matcher weighs through a citizen's ``visited_companies``)
        and ``not_participants`` (ids reported present that were not on the trip).
        """
        d = json.loads(
            self._planned.record_attendance_json(
                int(group), int(trip), _date_text(date, "date"), [str(p) for p in present]
            )
        )
        visits = pd.DataFrame(d["visits"], columns=["citizen", "company", "date"])
        visits["date"] = pd.to_datetime(visits["date"], format="%Y-%m-%d")
        return {
            "came": d["came"],
            "invite_next": d["invite_next"],
            "visits": visits,
            "not_participants": d["not_participants"],
        }

    def __repr__(self) -> str:
        return (
            f"<kanten.BusPlan {self.model}: {self.groups} groups, {len(self.participants)} participants, "
            f"{len(self.left_out)} left out>"
        )


def plan_bus_trips(
    market: Market,
    referrals: Union[pd.DataFrame, Iterable[Mapping[str, Any]]],
    *,
    model: str = "model-1-guldborgsund",
    max_groups: int = 0,
    invite_first: Sequence[str] = (),
    staff_dkk_per_hour: Optional[int] = None,
) -> BusPlan:
    """Plans bus trips to the market's companies for the referred citizens (002).

    ``referrals`` has one row (or mapping) per referred citizen with ``citizen`` (an id of the
    market) and the facts the eligibility check needs: ``activity_ready``, ``age`` (missing or
    NaN when unknown), ``vocational_education``, ``exempt_from_activity``,
    ``caseworker_finds_it_helps``. ``invite_first`` lists citizens who missed an earlier trip.
    Any fault raises :class:`KantenError` naming the field, e.g. ``referrals[3].age``.
    """
    request = json.loads(market.to_json())
    request["referrals"] = _records(referrals, _REFERRAL_FIELDS)
    bus: Dict[str, Any] = {"model": model, "max_groups": int(max_groups), "invite_first": list(invite_first)}
    if staff_dkk_per_hour is not None:
        bus["staff_dkk_per_hour"] = int(staff_dkk_per_hour)
    request["bus"] = bus
    text = json.dumps(request)
    return BusPlan(_kanten._plan_bus_trips(text))


class TrainingPlan:
    """Social training tracks (kanten/training.hpp) as DataFrames.

    - ``tracks``: ``citizen``, ``company``, ``task``, ``start``, ``end`` (dates), ``weeks``,
      ``minutes_per_week``, ``reasons``.
    - ``company_views``: what each company sees of its track (``citizen``,
      ``minutes_per_week``, ``accommodations``) — never health considerations as such,
      benefits or barriers.
    - ``unplaced``: ``citizen``, ``reason``; ``mentors``: ``company``, ``mentors``, ``busy``,
      ``free`` on the start date.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        d = json.loads(text)
        t = d["tracks"]
        self.tracks = pd.DataFrame(
            {
                "citizen": [x["citizen"] for x in t],
                "company": [x["company"] for x in t],
                "task": [x["task"] for x in t],
                "start": _dates([x["start"] for x in t]),
                "end": _dates([x["end"] for x in t]),
                "weeks": pd.Series([x["weeks"] for x in t], dtype="int64"),
                "minutes_per_week": pd.Series([_minutes(x["hours_per_week"]) for x in t], dtype="int64"),
                "reasons": [x["reasons"] for x in t],
            }
        )
        views = [x["company_view"] for x in t]
        self.company_views = pd.DataFrame(
            {
                "company": [v["company"] for v in views],
                "task": [v["task"] for v in views],
                "citizen": [v.get("citizen") for v in views],
                "minutes_per_week": pd.Series([_minutes(v.get("hours_per_week")) for v in views], dtype="Int64"),
                "accommodations": [v.get("accommodations", []) for v in views],
            }
        )
        self.unplaced = pd.DataFrame(d["unplaced"], columns=["citizen", "reason"])
        self.mentors = pd.DataFrame(d["mentors"], columns=["company", "mentors", "busy", "free"])

    def to_json(self) -> str:
        """The plan as kanten's JSON text."""
        return self._text

    def __repr__(self) -> str:
        return f"<kanten.TrainingPlan: {len(self.tracks)} tracks, {len(self.unplaced)} unplaced>"


def plan_training_tracks(
    market: Market,
    start: Any,
    *,
    citizens: Optional[Sequence[str]] = None,
    weeks: Union[int, Mapping[str, int]] = 13,
    ongoing: Optional[Union[pd.DataFrame, Iterable[Mapping[str, Any]]]] = None,
) -> TrainingPlan:
    """Places citizens on social training tracks starting on ``start`` (001): the matcher's
    optimal assignment over workplaces with free mentor-trained contact persons, hours fitted
    to each citizen, 13 weeks unless ``weeks`` says otherwise (an int, or per citizen id).

    ``citizens`` are ids of the market (default: all); ``ongoing`` lists running tracks
    (``citizen``, ``company``, ``task``, ``start``, ``end``) whose mentors are busy.
    """
    request = json.loads(market.to_json())
    ids = list(citizens) if citizens is not None else list(market.citizen_ids)
    per = weeks if isinstance(weeks, Mapping) else {}
    default = 13 if isinstance(weeks, Mapping) else int(weeks)
    training: Dict[str, Any] = {
        "start": _date_text(start, "start"),
        "requests": [{"citizen": c, "weeks": int(per.get(c, default))} for c in ids],
    }
    if ongoing is not None:
        rows = _records(ongoing, ("citizen", "company", "task", "start", "end"))
        for r in rows:
            for key in ("start", "end"):
                if key in r:
                    r[key] = _date_text(r[key], f"ongoing.{key}")
        training["ongoing"] = rows
    request["training"] = training
    return TrainingPlan(_kanten._plan_training_tracks_json(json.dumps(request)))
