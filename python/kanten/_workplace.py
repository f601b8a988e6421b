"""Bus trips to companies (seed 002) and social training tracks (seed 001), as DataFrames.

Imported by the kanten package when the compiled module has the matching engine; use it
through ``kanten``, not directly. The plans are made in C++ (kanten/programme/bus.hpp,
kanten/programme/training.hpp) from kanten's JSON request format (docs/bus-and-training.md).
"""

from __future__ import annotations

import json
import math
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _checks, _date_text, _kanten  # type: ignore[attr-defined]
from ._checks import DateLike
from ._kanten import KantenError, Market

__all__ = [
    "MAX_AGE",
    "MAX_CITIZENS_PER_MENTOR",
    "MAX_STAFF_DKK_PER_HOUR",
    "MAX_TRACK_WEEKS",
    "MAX_TRIP_PARTICIPANTS",
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
_ONGOING_FIELDS = ("citizen", "company", "task", "start", "end")

MAX_AGE = 130
"""The highest age kanten takes (years), as its JSON reader of referrals does."""
MAX_TRIP_PARTICIPANTS = 100
"""The most citizens one bus trip takes (one hired bus; C++'s kanten::max_trip_participants)."""
MAX_STAFF_DKK_PER_HOUR = 10_000
"""The highest hourly staff rate a trip's cost takes, in kroner (C++'s kanten::max_staff_dkk_per_hour)."""
MAX_TRACK_WEEKS = 520
"""The longest social training track, in weeks (C++'s kanten::max_track_weeks)."""
MAX_CITIZENS_PER_MENTOR = 10
"""The most citizens one mentor takes at once (C++'s kanten::max_citizens_per_mentor); the default
is 1, kanten's decision "Citizens per mentor" (docs/decisions.md)."""


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
    The flags are bools (an int or None is a ``TypeError``); ``age`` None (unknown) or 0 to
    :data:`MAX_AGE`.
    """
    fn = "bus_eligibility"
    return dict(
        _kanten._bus_eligibility(
            _checks.flag(activity_ready, fn, "activity_ready"),
            _checks.optional_integer(age, fn, "age", 0, MAX_AGE, unit=" years"),
            _checks.flag(vocational_education, fn, "vocational_education"),
            _checks.flag(exempt_from_activity, fn, "exempt_from_activity"),
            _checks.flag(caseworker_finds_it_helps, fn, "caseworker_finds_it_helps"),
            _checks.text(model, fn, "model"),
        )
    )


def trip_cost(participants: int, staff_dkk_per_hour: Optional[int] = None) -> Dict[str, Any]:
    """The cost of one bus trip as ``(low, high)`` ranges from the source's figures (002,
    Ressourceforbrug): bus 2,000–2,500 DKK, food 75–90 DKK a participant, planning 1–2 staff
    hours, running 3–4 staff for 4–5 hours; ``total_dkk`` adds staff time when a rate is given.

    ``participants`` 0 to :data:`MAX_TRIP_PARTICIPANTS`; ``staff_dkk_per_hour`` None or 0 to
    :data:`MAX_STAFF_DKK_PER_HOUR` kroner (a rate in øre or a monthly salary is refused, not priced)."""
    fn = "trip_cost"
    return dict(
        _kanten._trip_cost(
            _checks.integer(participants, fn, "participants", 0, MAX_TRIP_PARTICIPANTS),
            _staff_rate(staff_dkk_per_hour, fn),
        )
    )


def _staff_rate(value: Any, fn: str) -> Optional[int]:
    return _checks.optional_integer(value, fn, "staff_dkk_per_hour", 0, MAX_STAFF_DKK_PER_HOUR, unit=" kroner")


def route_workplace(close_to_ordinary_job: bool = False, close_to_special_terms_job: bool = False) -> Dict[str, Any]:
    """Internship for a citizen close to an ordinary job or a job on special terms, the social
    training track for the others (001); returns ``route``, ``private_employer_focus``,
    ``reason`` and ``source``. Both flags are bools."""
    fn = "route_workplace"
    return dict(
        _kanten._route_workplace(
            _checks.flag(close_to_ordinary_job, fn, "close_to_ordinary_job"),
            _checks.flag(close_to_special_terms_job, fn, "close_to_special_terms_job"),
        )
    )


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


def _records(rows: Any, fields: Sequence[str], fn: str, param: str,
             required: Sequence[Sequence[str]] = ()) -> List[Dict[str, Any]]:
    """The rows of a DataFrame, or an iterable of mappings, as JSON objects of their known fields.

    Not a DataFrame nor an iterable of mappings: TypeError. A DataFrame's columns, or the keys of
    the mappings, are checked as :func:`kanten.caseload_from_frames` checks its columns: a
    missing required one is a KantenError (``referrals.citizen``), an unknown one a KantenWarning
    naming the nearest known field (once per name); neither is passed on silently.
    """
    if isinstance(rows, pd.DataFrame):
        if len(rows.columns) == 0 and len(rows) == 0:
            return []
        if rows.columns.duplicated().any():
            dup = rows.columns[rows.columns.duplicated()][0]
            raise _checks.error("invalid_input", f"{param}.{_checks.shown(dup)}", "", "duplicate column name")
        _checks.check_columns(rows.columns, param, required, fields, stacklevel=5)
        records = rows.to_dict("records")
    else:
        if isinstance(rows, (str, bytes, Mapping)) or not isinstance(rows, Iterable):
            raise _checks.type_error(fn, param, rows, "a pandas DataFrame or a sequence of mappings")
        records = []
        seen: set = set()
        for i, r in enumerate(rows):
            if not isinstance(r, Mapping):
                raise TypeError(f"{fn}: parameter '{param}[{i}]' must be a mapping, not {type(r).__name__}")
            fresh = [k for k in r if k not in seen]
            if fresh:
                _checks.check_columns(fresh, param, (), fields, stacklevel=5)
                seen.update(fresh)
            for alternatives in required:
                if not any(r.get(a) is not None for a in alternatives):
                    raise _checks.error("invalid_input", f"{param}[{i}].{alternatives[0]}", "", "missing: required")
            records.append(dict(r))
    out = []
    for r in records:
        out.append({k: _plain(v) for k, v in r.items() if k in fields and _plain(v) is not None})
    return out


def _json_value(value: Any) -> Any:
    """json.dumps' fallback: a cell JSON cannot hold is named by its type only, never shown."""
    raise _checks.error("invalid_input", "", f"<{type(value).__name__}>", "a cell must be a number, a str, a bool or empty")


def _request_text(request: Dict[str, Any], table: str) -> str:
    """The request as JSON text; a cell JSON cannot hold (a list holding itself) is a KantenError naming ``table``."""
    try:
        return json.dumps(request, default=_json_value)
    except (ValueError, RecursionError) as e:
        if isinstance(e, KantenError):
            raise
        failure = _checks.error("invalid_input", table, "", "a cell holds a value JSON cannot hold (a circular list)")
    raise failure


def _dates(values: Sequence[Optional[str]]) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype="object"), format="%Y-%m-%d")


def _minutes(text: Optional[str]) -> Optional[int]:
    if text is None:
        return None
    h, m = text.split(":")
    return int(h) * 60 + int(m)


def _kept_frame(name: str, doc: str) -> property:
    """A table a plan keeps, handed out as a new copy on each access (issue 15: results are copies)."""
    return property(lambda self: _checks.copied(self._frames[name]), doc=doc)


class BusPlan:
    """A bus-trip plan (kanten/programme/bus.hpp) as DataFrames, each a new copy on each access.

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
        """Wraps the compiled module's plan (use :func:`plan_bus_trips`)."""
        planned = _checks.raw_object(planned, _kanten._BusPlanned, "BusPlan", "planned")
        self._planned = planned  # the compiled plan with its request (record_attendance reads it)
        self._text = planned.to_json()
        d = json.loads(self._text)
        self.model: str = d["model"]
        self.weights_version: str = d["weights_version"]
        self.notes: Tuple[str, ...] = tuple(d["notes"])
        self.qualifying_companies: Tuple[str, ...] = tuple(d["qualifying_companies"])
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
                    visits.append({"group": g, "trip": t, "order": order, **v, "reasons": tuple(v["reasons"])})
        frames: Dict[str, pd.DataFrame] = {}
        frames["participants"] = pd.DataFrame(
            parts, columns=["group", "citizen", "best_company", "best_task", "score", "reason", "invited_again"]
        )
        frames["visits"] = pd.DataFrame(
            visits, columns=["group", "trip", "order", "company", "fitting_participants", "reasons"]
        )
        frames["trips"] = pd.DataFrame(trips)
        eligibility = pd.DataFrame(
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
        eligibility["answer"] = pd.Categorical(eligibility["answer"], categories=["eligible", "not_eligible", "undecided"])
        frames["eligibility"] = eligibility
        frames["left_out"] = pd.DataFrame(d["left_out"], columns=["citizen", "reason"])
        for frame in frames.values():  # one integer width for every table (a plan without rows has object columns)
            for name in frame.columns:
                if frame[name].dtype.kind in "iu":
                    frame[name] = frame[name].astype(np.int64)
        self._frames = frames

    participants = _kept_frame("participants", "One row per participant: ``group``, ``citizen``, ``best_company``, "
                               "``best_task``, ``score``, ``reason``, ``invited_again``.")
    visits = _kept_frame("visits", "One row per company visit: ``group``, ``trip``, ``order``, ``company``, "
                         "``fitting_participants``, ``reasons`` (a tuple).")
    trips = _kept_frame("trips", "One row per trip: ``group``, ``trip``, ``start``, ``end``, ``participants`` and "
                        "the cost ranges as ``*_low``/``*_high`` columns.")
    eligibility = _kept_frame("eligibility", "One row per referral: ``citizen``, ``answer`` (category), "
                              "``category``, ``reason``, ``seed``, ``section``.")
    left_out = _kept_frame("left_out", "Every referral without a place: ``citizen``, ``reason``.")

    @property
    def groups(self) -> int:
        """The number of groups."""
        parts = self._frames["participants"]
        return int(parts["group"].nunique()) if len(parts) else 0

    def to_json(self) -> str:
        """The plan as kanten's JSON text."""
        return self._text

    def record_attendance(self, group: int, trip: int, date: DateLike, present: Sequence[str]) -> Dict[str, Any]:
        """Records who came to ``trip`` of ``group`` on ``date`` (002: attendance is compulsory;
        who does not come is invited to the next trip).

        Returns ``came`` and ``invite_next`` (citizen ids; pass ``invite_next`` as
        ``invite_first`` to the next plan), ``visits`` (a DataFrame: ``citizen``, ``company``,
        ``date`` — the relation the matcher weighs through a citizen's ``visited_companies``)
        and ``not_participants`` (ids reported present that were not on the trip).
        """
        fn = "BusPlan.record_attendance"
        d = json.loads(
            self._planned.record_attendance_json(
                _checks.integer(group, fn, "group", 0, _checks.INT32_MAX),
                _checks.integer(trip, fn, "trip", 0, _checks.INT32_MAX),
                _checks.date_arg(date, fn, "date"),
                _checks.texts(present, fn, "present"),
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
        return _checks.short_repr(f"BusPlan {self.model}", f"{self.groups} groups",
                                  f"{len(self._frames['participants'])} participants",
                                  f"{len(self._frames['left_out'])} left out")

    def _repr_html_(self) -> str:
        return _checks.html_repr(repr(self), self._frames["trips"])


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
    ``caseworker_finds_it_helps``; a missing ``citizen`` column is a :class:`KantenError`, any
    other column (or key) a :class:`KantenWarning`. ``invite_first`` lists citizens who missed
    an earlier trip. ``max_groups`` 0 (as many as needed) to 100,000; ``staff_dkk_per_hour`` as
    for :func:`trip_cost`. Any fault raises :class:`KantenError` naming the field, e.g.
    ``referrals[3].age``.
    """
    fn = "plan_bus_trips"
    _checks.need(market, Market, fn, "market")
    bus: Dict[str, Any] = {
        "model": _checks.text(model, fn, "model"),
        "max_groups": _checks.integer(max_groups, fn, "max_groups", 0, 100_000),
        "invite_first": _checks.texts(invite_first, fn, "invite_first"),
    }
    staff = _staff_rate(staff_dkk_per_hour, fn)
    if staff is not None:
        bus["staff_dkk_per_hour"] = staff
    refs = _records(referrals, _REFERRAL_FIELDS, fn, "referrals", (("citizen",),))
    request = json.loads(market.to_json())
    request["referrals"] = refs
    request["bus"] = bus
    try:
        planned = _kanten._plan_bus_trips(_request_text(request, "referrals"))
    except KantenError as e:
        if getattr(e, "field", "") == "bus.model":  # the request's bus.model is this function's `model`
            raise _checks.error("invalid_argument", "model", model, str(e).split(": ", 2)[-1]) from None
        raise
    return BusPlan(planned)


class TrainingPlan:
    """Social training tracks (kanten/programme/training.hpp) as DataFrames, each a new copy on each access.

    - ``tracks``: ``citizen``, ``company``, ``task``, ``start``, ``end`` (dates), ``weeks``,
      ``minutes_per_week``, ``reasons``.
    - ``company_views``: what each company sees of its track (``citizen``,
      ``minutes_per_week``, ``accommodations``) — never health considerations as such,
      benefits or barriers.
    - ``unplaced``: ``citizen``, ``reason``; ``mentors``: ``company``, ``mentors``, ``busy``,
      ``free``: the places free for the whole track before the plan (the shortest track's weeks).
    """

    def __init__(self, text: str) -> None:
        """Reads a plan from kanten's JSON text (use :func:`plan_training_tracks`)."""
        self._text = _checks.text(text, "TrainingPlan", "text")
        try:
            self._read(json.loads(self._text))
        except json.JSONDecodeError as e:
            failure = _checks.error("parse_error", "text", "", f"not valid JSON: at line {e.lineno}, column {e.colno}")
        except (KeyError, TypeError, ValueError, AttributeError, IndexError):
            failure = _checks.error("invalid_input", "text", "", "not a training plan as kanten writes it")
        else:
            return
        raise failure

    def _read(self, d: Any) -> None:
        t = d["tracks"]
        frames: Dict[str, pd.DataFrame] = {}
        frames["tracks"] = pd.DataFrame(
            {
                "citizen": [x["citizen"] for x in t],
                "company": [x["company"] for x in t],
                "task": [x["task"] for x in t],
                "start": _dates([x["start"] for x in t]),
                "end": _dates([x["end"] for x in t]),
                "weeks": pd.Series([x["weeks"] for x in t], dtype="int64"),
                "minutes_per_week": pd.Series([_minutes(x["hours_per_week"]) for x in t], dtype="int64"),
                "reasons": [tuple(x["reasons"]) for x in t],
            }
        )
        views = [x["company_view"] for x in t]
        frames["company_views"] = pd.DataFrame(
            {
                "company": [v["company"] for v in views],
                "task": [v["task"] for v in views],
                "citizen": [v.get("citizen") for v in views],
                "minutes_per_week": pd.Series([_minutes(v.get("hours_per_week")) for v in views], dtype="Int64"),
                "accommodations": [tuple(v.get("accommodations", ())) for v in views],
            }
        )
        frames["unplaced"] = pd.DataFrame(d["unplaced"], columns=["citizen", "reason"])
        frames["mentors"] = pd.DataFrame(d["mentors"], columns=["company", "mentors", "busy", "free"])
        for name in ("mentors", "busy", "free"):
            frames["mentors"][name] = frames["mentors"][name].astype(np.int64)
        self._frames = frames

    tracks = _kept_frame("tracks", "``citizen``, ``company``, ``task``, ``start``, ``end`` (dates), ``weeks``, "
                         "``minutes_per_week`` (int64), ``reasons`` (a tuple).")
    company_views = _kept_frame("company_views", "What each company sees of its track: ``company``, ``task``, "
                                "``citizen``, ``minutes_per_week`` (Int64), ``accommodations`` (a tuple).")
    unplaced = _kept_frame("unplaced", "Citizens without a track: ``citizen``, ``reason``.")
    mentors = _kept_frame("mentors", "Per company: ``company``, ``mentors``, ``busy``, ``free`` (int64).")

    def to_json(self) -> str:
        """The plan as kanten's JSON text."""
        return self._text

    def __repr__(self) -> str:
        return _checks.short_repr("TrainingPlan", f"{len(self._frames['tracks'])} tracks",
                                  f"{len(self._frames['unplaced'])} unplaced")

    def _repr_html_(self) -> str:
        return _checks.html_repr(repr(self), self._frames["tracks"])


def plan_training_tracks(
    market: Market,
    start: DateLike,
    *,
    citizens: Optional[Sequence[str]] = None,
    weeks: Union[int, Mapping[str, int]] = 13,
    ongoing: Optional[Union[pd.DataFrame, Iterable[Mapping[str, Any]]]] = None,
    citizens_per_mentor: int = 1,
) -> TrainingPlan:
    """Places citizens on social training tracks starting on ``start`` (001): the matcher's
    optimal assignment over workplaces with free mentor-trained contact persons, hours fitted
    to each citizen, 13 weeks unless ``weeks`` says otherwise (an int, or per citizen id).

    ``citizens`` are ids of the market (default: all); ``weeks`` is 1 to
    :data:`MAX_TRACK_WEEKS` (a mapping's values too: ``weeks[<id>]`` names a bad one; an id not
    among ``citizens`` is a :class:`KantenError`, never ignored); ``ongoing`` lists running tracks
    (``citizen``, ``company``, ``start``, ``end`` required; ``task``) whose mentors are busy
    while they run; ``citizens_per_mentor`` is how many citizens one mentor takes at once, 1 to
    :data:`MAX_CITIZENS_PER_MENTOR` (default 1, kanten's decision: the source gives no number).
    """
    fn = "plan_training_tracks"
    _checks.need(market, Market, fn, "market")
    start_text = _checks.calendar_date(start, fn, "start")
    ids = _checks.texts(citizens, fn, "citizens") if citizens is not None else list(market.citizen_ids)
    per: Dict[str, int] = {}
    if isinstance(weeks, Mapping):
        default = 13
        wanted = set(ids)
        for c, w in weeks.items():
            if not isinstance(c, str):
                raise TypeError(f"{fn}: parameter 'weeks' must map citizen ids (str) to ints, not {type(c).__name__} keys")
            field = f"weeks[{_checks.shown(c)}]"
            per[c] = _checks.integer(w, fn, field, 1, MAX_TRACK_WEEKS, unit=" weeks")
            if c not in wanted:
                raise _checks.error("invalid_argument", field, "", "this citizen is not among the citizens to place")
    else:
        default = _checks.integer(weeks, fn, "weeks", 1, MAX_TRACK_WEEKS, unit=" weeks")
    training: Dict[str, Any] = {
        "start": start_text,
        "requests": [{"citizen": c, "weeks": per.get(c, default)} for c in ids],
        "citizens_per_mentor": _checks.integer(
            citizens_per_mentor, fn, "citizens_per_mentor", 1, MAX_CITIZENS_PER_MENTOR, unit=" citizens"
        ),
    }
    if ongoing is not None:
        rows = _records(ongoing, _ONGOING_FIELDS, fn, "ongoing", (("citizen",), ("company",), ("start",), ("end",)))
        for i, r in enumerate(rows):
            for key in ("start", "end"):
                if key in r:
                    r[key] = _date_text(r[key], f"ongoing[{i}].{key}")
        training["ongoing"] = rows
    request = json.loads(market.to_json())
    request["training"] = training
    return TrainingPlan(_kanten._plan_training_tracks_json(_request_text(request, "ongoing")))
