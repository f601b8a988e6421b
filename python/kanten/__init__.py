"""kanten: the Danish *indsatsmodel* for job centres, from Python.

kanten encodes the indsatsmodel (Trin 1: Afklaring, Trin 2: På vej mod job, Trin 3:
Virksomhedsforløb, and the three exits) as a rules engine in C++. This package is its
interface for evaluators: read a caseload from JSON, JSON Lines, the CSV event table or pandas
DataFrames (or evaluate a file of any size a chunk of cases at a time), evaluate every
case as of a date into DataFrames (the step, the dated profile, the jobformidler's continuity,
the agreements, bus trips, training tracks and aftercare of the record), list the worklist (the
monthly follow-up and the alerts for thresholds the caller sets, by jobformidler), answer sanction
questions, and (when built with the matching engine) propose citizen–task matches with their
explanations.

Every table is built in C++ as numpy arrays and wrapped by pandas; the C++ work runs with the
GIL released, so evaluations in several Python threads run in parallel.

Errors and warnings, the same for every function of the package:

- an argument of the wrong type (``None`` for a caseload, a ``str`` for an int) is a
  ``TypeError`` naming the function and the parameter, e.g. ``"evaluate: parameter 'caseload'
  must be a kanten.Caseload, not NoneType"``;
- every other fault is a :class:`KantenError` (a ``ValueError``) whose message names the field
  and the value at fault, ``"field 'F': value 'V': message"``, and whose ``code``
  (``"invalid_argument"``, ``"parse_error"``, ``"invalid_input"``, ``"io_error"``), ``field``
  and ``value`` are attributes. An int parameter outside its documented range (an int beyond
  64 bits too) is a ``KantenError`` with ``code="invalid_argument"`` and ``field`` the parameter;
- no message shows free text: a value is shown when it is a short id, date or number, any other
  text only by its length (``<text of 41 characters>``), and never an argument's ``repr``;
- something read but not used — a DataFrame column kanten does not know — is a
  :class:`KantenWarning` naming it and the known name it was probably meant to be.

Example::

    import kanten
    load = kanten.generate_caseload(citizens=850, seed=2018)
    df = kanten.evaluate(load, "2020-06-30")
    df["step"].value_counts()

Dates: every date parameter takes a :data:`DateLike` — ``"YYYY-MM-DD"``, a ``datetime.date``
or ``datetime.datetime``, a ``pandas.Timestamp``, a ``numpy.datetime64`` or a day
``pandas.Period``; ``as_of`` also takes a month (``"2019-12"``, ``pd.Period("2019-12", "M")``),
meaning its last day.

Conventions of every table:

- ``citizen`` is the opaque citizen id (a string), in caseload order.
- Dates are ``datetime64[ns]`` columns (pandas' date type), ``NaT`` where there is none.
- Months are ``period[M]`` columns (e.g. ``2024-03``).
- Durations are whole minutes in integer columns (``1800`` is 30 hours).
- Every integer column (counts, minutes, days) is ``int64``; one whose value may be absent
  (e.g. ``deduction``) is pandas' nullable ``Int64``.
- Vocabulary values (steps, kinds, reasons) are ``category`` columns with every value of the
  vocabulary as a category, in kanten's order (so ``value_counts()`` lists zero counts too); a
  step column is an *ordered* categorical in model order (``df["step"] >= "trin2_paa_vej_mod_job"``).
- A sequence in a cell (``missing``, ``breached_months``, ``reasons``) is a tuple.
- A count of months is named for what it counts (``breaches``: the months breached), the
  months themselves ``<what>_months`` (``breached_months``).

Results are copies: every table a result object hands out (``Evaluations.summary``,
``ProgrammeFigures.funnel``, ``MatchProposal.matches``, ...) is a new copy on each access, so
changing it never changes the result. Results have short reprs, and ``Caseload`` and
:class:`Evaluations` pickle (an :class:`Evaluations` as what made it: it evaluates again when
unpickled). The rule set's parameters are :data:`RULES`.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import os
from typing import Any, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _checks, _kanten
from ._checks import DateLike, KantenWarning
from ._kanten import Caseload, KantenError

# Every function of the compiled module, from here on, raises no TypeError that repeats its
# arguments and no KantenError that shows free text (python/kanten/_checks.py).
_checks.guard_compiled(_kanten)

__version__: str = _kanten.__version__
"""The library's version, e.g. ``"0.1.0"``."""

HAS_MATCHING: bool = bool(_kanten.HAS_MATCHING)
"""Always True: the matching engine is part of every kanten build (kept for older callers)."""

__all__ = [
    "__version__",
    "HAS_MATCHING",
    "KantenError",
    "KantenWarning",
    "Caseload",
    "Evaluations",
    "SanctionAnswer",
    "SanctionReason",
    "Source",
    "STEPS",
    "STEP_LABELS",
    "EXITS",
    "VOCABULARIES",
    "EVENT_COLUMNS",
    "PROFILE_COLUMNS",
    "MAX_DAILY_RATE",
    "ALERT_KINDS",
    "MAX_ALERT_DAYS",
    "MAX_ALERT_MONTHS",
    "FORMATS",
    "MAX_CHUNK",
    "read_caseload",
    "caseload_from_frames",
    "generate_caseload",
    "evaluate",
    "evaluate_all",
    "evaluate_file",
    "followup_worklist",
    "answer_sanction",
    "answer_sanction_json",
    "transitions",
    "model_dot",
    "RULES",
]

# Every vocabulary's names come from the library (kanten::name of each enumerator, in enum order).
_VOCAB: Dict[str, Any] = _kanten._vocabularies()

STEPS: Tuple[str, ...] = tuple(_VOCAB["step"])
"""The steps in model order: ``not_started``, the three Trin, then the three exits."""

STEP_LABELS: Dict[str, str] = dict(_VOCAB["step_label"])
"""Danish display names of the steps, e.g. ``{"trin1_afklaring": "Trin 1: Afklaring", ...}``."""

EXITS: Tuple[str, ...] = _kanten.vocabulary("exit")
"""The three exits: ``exit_self_support``, ``exit_30_hours``, ``exit_rehabilitation_team``."""

VOCABULARIES: Dict[str, Tuple[str, ...]] = {
    k: tuple(v) for k, v in _VOCAB.items() if k != "step_label"
}
"""Every vocabulary kanten uses (event kinds, benefits, channels, reasons, alert kinds, ...), by name."""

ALERT_KINDS: Tuple[str, ...] = _kanten.vocabulary("alert_kind")
"""What an alert is about: ``inactive`` (no activity for more than ``inactive_days``),
``long_in_trin2`` (in Trin 2 for more than ``trin2_days``), ``stagnation`` (in Trin 3 the agreed
ordinary hours have not risen in ``stagnation_months``). See :func:`evaluate_all`."""

MAX_ALERT_DAYS: int = int(_kanten.MAX_ALERT_DAYS)
"""The largest ``inactive_days`` and ``trin2_days`` kanten takes (36,500 days: C++'s kanten::max_alert_days)."""

MAX_ALERT_MONTHS: int = int(_kanten.MAX_ALERT_MONTHS)
"""The largest ``stagnation_months`` kanten takes (600: C++'s kanten::max_alert_months)."""


# ---------------------------------------------------------------------------------------------
# Columns from C++ into pandas
# ---------------------------------------------------------------------------------------------

def _column(value: Any) -> Any:
    """One column from the compiled module as a pandas-ready array (see bind_core.cpp).

    Every integer array becomes int64 (one width for every count, minutes and days of every
    table); a "category" column is ordered when the compiled module says so (the steps)."""
    if isinstance(value, np.ndarray) and value.dtype.kind in "iu" and value.dtype != np.int64:
        return value.astype(np.int64)
    if isinstance(value, tuple):
        tag = value[0]
        if tag == "category":
            ordered = bool(value[3]) if len(value) > 3 else False
            return pd.Categorical.from_codes(value[1].astype(np.int64), categories=list(value[2]), ordered=ordered)
        if tag == "period":
            return pd.arrays.PeriodArray(value[1].astype(np.int64), dtype=pd.PeriodDtype("M"))
        if tag == "Int64":
            return pd.arrays.IntegerArray(value[1].astype(np.int64), value[2])
        raise AssertionError(f"unknown column tag {tag!r}")
    return value


def _frame(columns: Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame of the compiled module's columns (numpy arrays, no copy per row)."""
    return pd.DataFrame({name: _column(col) for name, col in columns.items()})


def _events_frame(columns: Mapping[str, Any]) -> pd.DataFrame:
    """The events DataFrame of ``Caseload._columns()``: its object columns come as the rows of one
    2-D object array, which becomes the frame's one object block as it is (no copy, no pass over
    the cells: pandas would otherwise copy every column into such a block, taking a reference to
    each of a large caseload's hundreds of millions of cells); the other columns go in at their places."""
    events = pd.DataFrame(columns["objects"].T, columns=list(columns["object_names"]), dtype=object, copy=False)
    order = list(columns["order"])
    for name, col in sorted(columns["typed"].items(), key=lambda item: order.index(item[0])):
        events.insert(order.index(name), name, _column(col))
    return events


def _date_text(value: Any, field: str) -> str:
    """A date in a table's cell (str, date, datetime, pandas.Timestamp, numpy.datetime64) as ISO
    text; another type is a KantenError (invalid_input) naming ``field``. Parameters use
    :func:`_checks.date_arg` (a wrong type is a TypeError there)."""
    try:
        return _checks.date_arg(value, "", field)
    except TypeError:
        raise _checks.error(
            "invalid_input", field, value, "not a date: expected a date, a datetime or 'YYYY-MM-DD'"
        ) from None


# ---------------------------------------------------------------------------------------------
# Caseloads: JSON, DataFrames, the generator
# ---------------------------------------------------------------------------------------------

FORMATS: Tuple[str, ...] = ("json", "jsonl", "csv")
"""The bulk formats a caseload file may be in: ``json`` (``{"cases": [...]}``, a bare array of
cases, or one case: docs/json-format.md), ``jsonl`` (JSON Lines, one case per line; ``ndjson`` is
taken as another name for it) and ``csv`` (the event table of docs/csv-format.md)."""

MAX_CHUNK: int = int(_kanten.MAX_CHUNK)
"""The most cases :func:`evaluate_file` reads and evaluates together (1,000,000)."""


def _format_arg(value: Any, fn: str) -> Optional[str]:
    """A ``format`` parameter: None (by the file's extension), or one of :data:`FORMATS` (or
    ``"ndjson"``), in any case; another str is a KantenError naming ``format``."""
    if value is None:
        return None
    name = _checks.text(value, fn, "format").lower()
    if name not in FORMATS and name != "ndjson":
        raise _checks.error("invalid_argument", "format", value, "unknown format: json, jsonl (or ndjson) or csv")
    return name


def read_caseload(source: Union[str, os.PathLike], *, format: Optional[str] = None, strict: bool = False) -> Caseload:
    """Reads a caseload from a file (JSON, JSON Lines or the CSV event table), or from JSON text.

    ``source`` (str or os.PathLike): a file path, or JSON text when it is a str that starts with
    ``{`` or ``[``. ``format`` (str or None): ``"json"``, ``"jsonl"`` (or ``"ndjson"``) or
    ``"csv"`` (:data:`FORMATS`); None takes it from the file's extension (``.json``, ``.jsonl`` or
    ``.ndjson``, ``.csv``, in any case) and reads any other name, and text, as JSON. JSON is
    docs/json-format.md's: ``{"cases": [...]}``, a bare array of cases, or one case; JSON Lines is
    one case object per line (blank lines skipped); CSV is the event table of docs/csv-format.md.
    A file is read case by case (kanten::CaseReader), so reading takes the memory of the caseload
    and not of its text.

    Events that cannot be read are kept and reported (``Caseload.rejected()`` and every
    evaluation's ``not_applied``); a fault in the document (bad syntax, a bad line, two cases of
    one citizen) raises :class:`KantenError` naming where it is (line, column and case), and an
    unreadable file one with ``code="io_error"``. An unknown field is a :class:`KantenWarning`, or
    with ``strict=True`` a :class:`KantenError` naming its path. ``source`` of another type, or
    ``format`` not a str, is a ``TypeError``; an unknown ``format`` a :class:`KantenError` naming it.

    For a file too large for memory, see :func:`evaluate_file`.
    """
    fn = "read_caseload"
    fmt = _format_arg(format, fn)
    strict = _checks.flag(strict, fn, "strict")
    if isinstance(source, str) and source.lstrip()[:1] in ("{", "["):
        if fmt in (None, "json"):
            return Caseload.from_json(source, strict=strict)
        load = _kanten._read_cases_text(source, fmt, strict)
    else:
        load = _kanten._read_cases(_checks.path(source, fn, "source"), fmt, strict)
    _checks.input_warnings(load, fn)
    return load


EVENT_COLUMNS: Tuple[str, ...] = (
    "citizen", "date", "kind",
    "outcome", "jobformidler", "goal", "wishes", "rehabilitation_assessment", "agreement_kind", "start",
    "minutes_per_week", "hours_per_week", "company", "tasks", "sub_goals", "health", "minutes", "hours",
    "type", "channel", "failure_id", "failure", "cause", "text", "vulnerable", "promotes_availability",
    "considers_vulnerability", "reached", "via",
    "answer_by", "ordinary_minutes_per_week", "ordinary_hours_per_week",
    "benefit", "activity_ready", "lives_in_designated_area", "in_integration_programme",
    "trip", "attended", "companies", "track", "workplace", "mentor", "end",
)
"""The columns :func:`caseload_from_frames` reads from ``events`` (the JSON fields of an event)."""

PROFILE_COLUMNS: Tuple[str, ...] = (
    "citizen", "benefit", "activity_ready", "lives_in_designated_area", "in_integration_programme",
)
"""The columns :func:`caseload_from_frames` reads from ``profiles``."""


# Id columns whose integer values become their decimal text (kanten's ids are strings).
_ID_COLUMNS = ("citizen", "id", "company", "trip", "track", "workplace", "mentor")


def _prepared(df: Any, table: str, fn: str, required: Sequence[Sequence[str]] = (),
              known: Optional[Sequence[str]] = None) -> Dict[str, np.ndarray]:
    """The DataFrame's columns as contiguous numpy arrays the C++ reader takes (one step per column).

    ``df`` not a DataFrame is a TypeError naming ``table`` (the parameter). Column names are
    checked (:func:`_checks.check_columns`): a missing ``required`` column is a KantenError named
    ``<table>.<column>``; one not in ``known`` a KantenWarning, and it is not passed on. A frame
    without rows and columns is an empty table.
    """
    if not isinstance(df, pd.DataFrame):
        raise _checks.type_error(fn, table, df, "a pandas DataFrame")
    if df.columns.duplicated().any():
        dup = df.columns[df.columns.duplicated()][0]
        raise _checks.error("invalid_input", f"{table}.{_checks.shown(dup)}", "", "duplicate column name")
    names = list(df.columns)
    if len(names) == 0 and len(df) == 0:
        return {}
    if known is not None:
        names = _checks.check_columns(names, table, required, known, stacklevel=5)
    out: Dict[str, np.ndarray] = {}
    for name in names:
        if not isinstance(name, str):
            raise _checks.error("invalid_argument", f"{table}.<{type(name).__name__}>", "", "column names must be strings")
        s = df[name]
        dtype = s.dtype
        if name in _ID_COLUMNS and pd.api.types.is_integer_dtype(dtype):
            # Numeric ids become their decimal text (kanten's ids are strings); a missing one stays missing.
            out[name] = s.astype("string").to_numpy(dtype=object, na_value=None)
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            if getattr(dtype, "tz", None) is not None:
                s = s.dt.tz_localize(None)
            values = s.to_numpy()
            if values.dtype not in _DATE_UNITS:  # the reader takes these as they are (the day of each)
                values = values.astype("datetime64[D]")
            out[name] = np.ascontiguousarray(values)
        elif isinstance(dtype, np.dtype) and dtype.kind == "i":
            out[name] = np.ascontiguousarray(s.to_numpy().astype(np.int64))
        elif isinstance(dtype, np.dtype) and dtype.kind == "u":
            values = s.to_numpy()
            if len(values) and int(values.max()) > np.iinfo(np.int64).max:
                out[name] = np.array([int(v) for v in values], dtype=object)  # the reader names the value
            else:
                out[name] = np.ascontiguousarray(values.astype(np.int64))
        elif isinstance(dtype, np.dtype) and dtype.kind == "f":
            out[name] = np.ascontiguousarray(s.to_numpy().astype(np.float64))
        elif isinstance(dtype, np.dtype) and dtype.kind == "b":
            out[name] = np.ascontiguousarray(s.to_numpy())
        elif isinstance(dtype, np.dtype) and dtype.kind == "O":
            # As it is (no copy): the reader takes None, NaN, pd.NA and NaT cells as missing itself.
            out[name] = np.ascontiguousarray(s.to_numpy())
        elif pd.api.types.is_integer_dtype(dtype) and (exact := _as_exact_floats(s)) is not None:
            # Nullable integers (Int64, ...): whole floats with NaN for <NA>, read as the integers they are.
            out[name] = exact
        else:  # string, categorical, nullable boolean, large nullable integers: missing values become None
            out[name] = np.ascontiguousarray(s.to_numpy(dtype=object, na_value=None))
    return out


_DATE_UNITS = tuple(np.dtype(f"datetime64[{u}]") for u in ("D", "s", "ms", "us", "ns"))


def _as_exact_floats(s: pd.Series) -> Optional[np.ndarray]:
    """A (nullable) integer column as floats, NaN where missing, when every value is a float
    exactly (below 2**53 in size); else None."""
    values = s.to_numpy(dtype=np.float64, na_value=np.nan)
    largest = np.fmax.reduce(np.abs(values)) if len(values) else 0.0  # NaN only when all are missing
    return None if largest >= 2.0**53 else np.ascontiguousarray(values)


def caseload_from_frames(events: pd.DataFrame, profiles: Optional[pd.DataFrame] = None) -> Caseload:
    """Reads a caseload from DataFrames: one row per event, and optionally one row per citizen's profile.

    ``events`` columns (names and values as the JSON fields of docs/json-format.md; the list is
    :data:`EVENT_COLUMNS`):

    - ``citizen`` (str, required): the opaque citizen id; integer ids become their text.
    - ``date`` (datetime64 or ``"YYYY-MM-DD"`` text, required): the event's date.
    - ``kind`` (str, required): the event kind, e.g. ``"hours_worked"`` (``VOCABULARIES["event_kind"]``).
    - one column per field any kind has, left empty (None/NaN/NaT) where a kind has no such
      field: ``outcome``, ``jobformidler``, ``goal``, ``wishes`` (list of str),
      ``rehabilitation_assessment``, ``agreement_kind``, ``start`` (date), ``minutes_per_week``
      or ``hours_per_week`` (``"H:MM"``), ``company``, ``tasks``, ``sub_goals`` (lists of str),
      ``health`` (list of names), ``minutes`` or ``hours`` (``"H:MM"``), ``type``
      (``"ordinary"``/``"internship"``), ``channel``, ``failure_id``, ``failure``, ``cause``,
      ``text``, ``vulnerable``, ``promotes_availability``, ``considers_vulnerability``,
      ``reached``, ``via``;
    - ``hearing_sent``'s ``answer_by`` (date: the last day to answer the hearing; without it a
      sanction stays undecided);
    - ``agreement``'s ``ordinary_minutes_per_week`` or ``ordinary_hours_per_week`` (``"H:MM"``):
      the agreed ordinary (paid) hours of the weekly working time;
    - ``profile_changed``'s ``benefit``, ``activity_ready``, ``lives_in_designated_area``,
      ``in_integration_programme`` (at least one; the profile changes from the row's date);
    - ``aftercare_contact``'s ``channel``;
    - ``bus_trip``'s ``trip`` (id, required), ``attended`` (bool, default True), ``companies``
      (list of ids);
    - ``training_track``'s ``track`` (id, required), ``workplace``, ``mentor`` (ids) and ``end``
      (date; 13 weeks from the start when empty).

    A missing required column is a :class:`KantenError` whose ``field`` names it, e.g.
    ``events.date`` (else every row would be rejected). Any other column is not read: a
    :class:`KantenWarning` names it and the column it was probably meant to be (``strat``: did you
    mean ``start``?). A frame with neither rows nor columns is an empty table.

    The dtypes each column takes (every column is optional but ``citizen``, ``date`` and
    ``kind``; a field a kind requires, such as ``bus_trip``'s ``trip``, is required in its rows):

    - text (names, ids, ``"H:MM"`` hours, free text): ``object`` of str, pandas ``string`` or
      ``category``; the id columns (``citizen``, ``company``, ``trip``, ``track``,
      ``workplace``, ``mentor``) also take integers (int64, ``Int64``, unsigned: their decimal text);
    - dates (``date``, ``start``, ``answer_by``, ``end``): ``datetime64`` of any unit (a
      time-zone-aware column: its local day), or ``object`` of ``datetime.date``,
      ``pandas.Timestamp`` or ``"YYYY-MM-DD"`` text;
    - minutes (``minutes``, ``minutes_per_week``, ``ordinary_minutes_per_week``): int64, nullable
      ``Int64``, or float64 of whole numbers;
    - flags (``vulnerable``, ``promotes_availability``, ``considers_vulnerability``,
      ``reached``, ``attended``, ``activity_ready``, ...): bool or nullable ``boolean``;
    - lists (``wishes``, ``tasks``, ``sub_goals``, ``health``, ``companies``): ``object``, a list
      (or tuple) of str per cell.

    An empty cell is None, NaN, NaT or ``pd.NA``. A float column holding whole numbers (as pandas
    makes of an integer column with gaps) is read as integers; a fraction such as ``90.5``
    minutes is refused like the JSON ``90.5``.

    ``profiles`` columns (:data:`PROFILE_COLUMNS`): ``citizen`` (required, once per citizen),
    and optionally ``benefit`` (text or category of ``VOCABULARIES["benefit"]``),
    ``activity_ready``, ``lives_in_designated_area``, ``in_integration_programme`` (bool);
    citizens without a profile row get the defaults. Cases come in profile order, then citizens
    seen only in ``events`` by first appearance.

    Nothing is dropped: a row that cannot be read becomes a rejected input event, listed by
    ``Caseload.rejected()`` and in every evaluation's ``not_applied`` with its ``row`` (the
    row's position in ``events``, as for ``.iloc``), field and value. A row without a citizen
    id, a bad profile, or a duplicated profile raises :class:`KantenError` naming the table,
    row and column, e.g. ``profiles[3].benefit``. ``events`` or ``profiles`` not a DataFrame is
    a ``TypeError``.
    """
    fn = "caseload_from_frames"
    prepared_events = _prepared(events, "events", fn, (("citizen",), ("date",), ("kind",)), EVENT_COLUMNS)
    prepared_profiles = None
    if profiles is not None:
        prepared_profiles = _prepared(profiles, "profiles", fn, (("citizen",),), PROFILE_COLUMNS)
    load = _kanten._caseload_from_columns(prepared_events, prepared_profiles)
    _checks.input_warnings(load, fn)
    return load


def _caseload_to_frames(self: Caseload) -> Tuple[pd.DataFrame, pd.DataFrame]:
    """The caseload as ``(events, profiles)`` DataFrames, readable back by ``Caseload.from_frames``.

    ``events`` has ``citizen``, ``date`` (datetime64), ``kind`` and one column per JSON field
    any event has (empty where a kind has none; ``start``, ``answer_by`` and ``end`` as
    datetime64; ``minutes``, ``minutes_per_week`` and ``ordinary_minutes_per_week`` as Int64;
    lists as lists).
    ``profiles`` has ``citizen``, ``benefit`` (category) and the flags ``activity_ready``,
    ``lives_in_designated_area`` and ``in_integration_programme`` (bool). Rejected input
    events are not written, as in ``to_json``.
    """
    _checks.need(self, Caseload, "Caseload.to_frames", "self")
    cols = self._columns()  # typed columns from C++: datetime64 dates, Int64 minutes, shared str names
    events = _events_frame(cols["events"])
    profiles = _frame(cols["profiles"])
    return events, profiles


def _caseload_rejected(self: Caseload) -> pd.DataFrame:
    """Input events the reader could not read: ``citizen``, ``index`` (position in the case's
    input events), ``row`` (position in the events DataFrame when read from frames, else
    ``<NA>``), ``field``, ``value`` and ``reason``."""
    _checks.need(self, Caseload, "Caseload.rejected", "self")
    return _frame(self._rejected_columns())


def _caseload_from_frames(events: pd.DataFrame, profiles: Optional[pd.DataFrame] = None) -> Caseload:
    """Reads a caseload from DataFrames; see :func:`caseload_from_frames`."""
    return caseload_from_frames(events, profiles)


_caseload_json = Caseload.from_json
_caseload_file = Caseload.from_file
_caseload_to_json_compiled = Caseload.to_json


def _caseload_from_json(text: str, *, strict: bool = False) -> Caseload:
    """Reads a caseload from JSON text: ``{"cases": [...]}``, a bare array of cases, or one case object.
    Fields read but not used (an unknown field) are a :class:`KantenWarning`; ``warnings()`` lists them.
    With ``strict=True`` an unknown field is a :class:`KantenError` naming its path instead."""
    return _checks.read_document(_caseload_json, text, strict, "Caseload.from_json", is_path=False)


def _caseload_from_file(path: Union[str, os.PathLike], *, strict: bool = False) -> Caseload:
    """Reads a caseload from a JSON file (the format of docs/json-format.md); warns, or with
    ``strict=True`` fails, as ``from_json``."""
    return _checks.read_document(_caseload_file, path, strict, "Caseload.from_file", is_path=True)


def _caseload_warnings(self: Caseload) -> pd.DataFrame:
    """What the reader read but did not use (e.g. an unknown field), one row each: ``field`` (its
    path, e.g. ``cases[3].events[7].strat``, or ``events[17].minutes`` for a DataFrame row) and
    ``message`` (e.g. ``unknown field; did you mean "start"?``). Empty when everything was used."""
    _checks.need(self, Caseload, "Caseload.warnings", "self")
    return pd.DataFrame(self._warnings(), columns=["field", "message"])


def _caseload_to_json(self: Caseload, indent: Optional[int] = None) -> str:
    """The caseload as JSON text ``{"cases": [...]}`` (rejected input events are not written).
    ``indent``: None or -1 for compact text, 0 to 32 spaces."""
    _checks.need(self, Caseload, "Caseload.to_json", "self")
    return _caseload_to_json_compiled(self, _checks.indent(indent, "Caseload.to_json"))


Caseload.from_json = staticmethod(_caseload_from_json)  # type: ignore[assignment]
Caseload.from_file = staticmethod(_caseload_from_file)  # type: ignore[assignment]
Caseload.to_json = _caseload_to_json  # type: ignore[assignment]
Caseload.from_frames = staticmethod(_caseload_from_frames)  # type: ignore[attr-defined]
Caseload.to_frames = _caseload_to_frames  # type: ignore[attr-defined]
Caseload.rejected = _caseload_rejected  # type: ignore[attr-defined]
Caseload.warnings = _caseload_warnings  # type: ignore[attr-defined]


def generate_caseload(
    citizens: int = 850,
    seed: int = 2018,
    *,
    start: DateLike = "2019-01-01",
    months: int = 24,
    paid_hours_share: float = 0.15,
    rehabilitation_share: float = 0.06,
    agreement_share: float = 0.55,
    break_off_share: float = 0.12,
    self_support_share: float = 0.04,
    missed_contact_share: float = 0.08,
    sanction_share: float = 0.04,
    outside_target_share: float = 0.02,
    comparison: bool = False,
) -> Caseload:
    """A deterministic synthetic caseload, sized like Lolland-Falster by default.

    The defaults follow seed 003 ("Rekruttering fra kanten": 850 citizens, about 15 % of those who
    entered with paid hours at the midterm, the end of the 12th month); the other shares are
    assumptions (kanten/synth/generate.hpp). Citizens enter throughout the enrolment period (the
    first 18 of the 24 months); paid hours start, grow and stop month by month. Citizen ids are
    ``"c-000001"``, ... The same arguments give the same caseload on every platform.

    ``comparison=True`` makes a comparison cohort under ordinary services instead: the same
    population and entry pattern, no bus trips, no training tracks, and half the monthly chance of
    starting paid hours (a synthetic assumption: docs/decisions.md, "A synthetic comparison
    cohort"); its ids are ``"cmp-000001"``, ..., so it can be analysed together with a programme
    cohort. ``comparison`` must be a bool (TypeError otherwise).

    Ranges (as the ``kanten generate`` command's): ``citizens`` 0 to 1,000,000; ``seed`` 0 to
    2**64 - 1; ``months`` 1 to 1200; every share a number from 0 to 1. Outside them:
    :class:`KantenError` naming the parameter.
    """
    fn = "generate_caseload"
    shares = {
        "paid_hours_share": paid_hours_share, "rehabilitation_share": rehabilitation_share,
        "agreement_share": agreement_share, "break_off_share": break_off_share,
        "self_support_share": self_support_share, "missed_contact_share": missed_contact_share,
        "sanction_share": sanction_share, "outside_target_share": outside_target_share,
    }
    return _kanten._generate_caseload(
        citizens=_checks.integer(citizens, fn, "citizens", 0, 1_000_000),
        seed=_checks.integer(seed, fn, "seed", 0, _checks.UINT64_MAX),
        start=_checks.date_arg(start, fn, "start"),
        months=_checks.integer(months, fn, "months", 1, 1200),
        **{name: _checks.number(value, fn, name, 0.0, 1.0) for name, value in shares.items()},
        comparison=_checks.flag(comparison, fn, "comparison"),
    )


# ---------------------------------------------------------------------------------------------
# Evaluations
# ---------------------------------------------------------------------------------------------

class Evaluations:
    """Every case of a caseload evaluated as of one date, with its tables.

    Made by :func:`evaluate_all`. Each table is built on first use from the C++ results, and
    every access hands out a new copy (``ev.summary["step"] = ...`` changes that copy only, never
    the next ``ev.summary``); keep it in a variable to use it more than once.

    Pickled as the caseload, the date, the daily rate and the alert thresholds it was made with;
    unpickling evaluates again, so the pickle holds no table.
    """

    def __init__(self, raw: Any) -> None:
        """Wraps the compiled module's results (use :func:`evaluate_all`)."""
        self._raw = _checks.raw_object(raw, _kanten._Evaluations, "Evaluations")
        self._cache: Dict[str, pd.DataFrame] = {}

    def _table(self, name: str) -> pd.DataFrame:
        """The table kept (not a copy: for the package's own use)."""
        if name not in self._cache:
            self._cache[name] = _frame(getattr(self._raw, name + "_columns")())
        return self._cache[name]

    def __getstate__(self) -> Dict[str, Any]:
        return {"_raw": self._raw}  # the compiled results pickle as what made them; no table

    def __setstate__(self, state: Dict[str, Any]) -> None:
        self._raw = _checks.raw_object(state.get("_raw"), _kanten._Evaluations, "Evaluations")
        self._cache = {}

    @property
    def as_of(self) -> _dt.date:
        """The date evaluated."""
        return _dt.date.fromisoformat(self._raw.as_of)

    @property
    def caseload(self) -> Caseload:
        """The caseload evaluated."""
        return self._raw.caseload

    def __len__(self) -> int:
        """The number of citizens evaluated."""
        return len(self._raw)

    @property
    def rule_set(self) -> str:
        """The version of the rule set used (see :data:`RULES`)."""
        return str(self._raw.rule_set)

    def step_counts(self) -> pd.Series:
        """Citizens per step as of as_of: a Series indexed by :data:`STEPS`, in model order (zeros too)."""
        return pd.Series(self._raw.step_counts(), index=pd.CategoricalIndex(STEPS, categories=STEPS, ordered=True,
                                                                             name="step"), name="citizens", dtype=np.int64)

    def __repr__(self) -> str:
        counts = dict(zip(STEPS, self._raw.step_counts()))
        steps = ", ".join(f"{name} {n}" for name, n in counts.items() if n)
        alerts = ", ".join(f"{k}={v}" for k, v in self.alert_options.items() if v is not None)
        return _checks.short_repr("Evaluations", f"{len(self)} citizens as of {self._raw.as_of}", steps,
                                  f"alerts {alerts}" if alerts else "")

    def _repr_html_(self) -> str:
        return _checks.html_repr(repr(self), self._table("summary"))

    @property
    def summary(self) -> pd.DataFrame:
        """One row per citizen, in caseload order. Columns:

        - ``citizen``; ``target_group`` (bool, KE3 membership)
        - ``step`` (ordered category of :data:`STEPS`) and ``since`` (date it began; NaT before Trin 1)
        - ``missing``: tuple of what is still missing to leave the step (``VOCABULARIES["missing"]``)
        - ``exit`` (category of :data:`EXITS`, NaN when not exited), ``exit_date``, ``exit_from`` (the step left)
        - ``ordinary_this_month`` (minutes in as_of's month), ``thirty_hours_pending`` (Trin 3
          with ≥ 30 h this month: the exit takes effect at the month's end)
        - ``ordinary_minutes``, ``internship_minutes``: totals over all months up to as_of
          (``ordinary_minutes > 0``: the citizen has had paid hours)
        - ``ordinary_in_trin3_this_month``: of ``ordinary_this_month``, the minutes worked on days
          in Trin 3 (these decide the 30-hour exit)
        - ``followup`` (the monthly follow-up applies), ``followup_start`` (the start of the first
          agreement: the follow-up year runs from it), ``breaches`` (count), ``breached_months``
          (tuple of ``"YYYY-MM"``), ``due_this_month``, ``deadline``
        - ``last_contact``: the latest contact between jobformidler and citizen (NaT when none);
          ``inactive_since``: that contact, or the start of Trin 1 when there is none (what the
          ``inactive`` alert counts from); NaT before Trin 1
        - the jobformidler's continuity (KE5, "den samme jobformidler over tid"): ``jobformidler``
          (the current one's id, None before one is assigned), ``jobformidler_since`` (when the
          current one was assigned), ``jobformidler_changes`` (assignments of another jobformidler
          after the first), ``days_with_jobformidler`` (days from ``jobformidler_since`` to as_of)
        - ``days_in_trin2`` (the current spell of Trin 2, 0 outside it), ``total_days_in_trin2``
          (every spell up to as_of)
        - ``agreements`` (count; see :attr:`agreements`), ``alerts`` (count; see :attr:`alerts`)
        - ``sanction_failures``, ``sanctions_undecided``, ``sanctions_eligible`` (counts)
        - ``violations``, ``not_applied`` (counts; see :attr:`violations`, :attr:`not_applied`)
        - ``events_applied``, ``events_after_as_of``
        """
        return _checks.copied(self._table("summary"))

    @property
    def hours(self) -> pd.DataFrame:
        """Minutes by citizen and calendar month, long form: one row per month with any hours.

        Columns ``citizen``, ``month`` (period[M]), ``ordinary_minutes``, ``internship_minutes``,
        ``ordinary_in_trin3_minutes`` (of ``ordinary_minutes``, those worked on days in Trin 3:
        only these count toward the 30-hour exit). For a citizen × month table: ``ev.hours.pivot(index="citizen", columns="month",
        values="ordinary_minutes")`` (or :meth:`hours_wide`).
        """
        return _checks.copied(self._table("hours"))

    def hours_wide(self, kind: str = "ordinary") -> pd.DataFrame:
        """Minutes as a citizen × month table (``kind`` ``"ordinary"`` or ``"internship"``),
        every citizen a row (0 where no hours), every month with any hours a column."""
        if _checks.text(kind, "Evaluations.hours_wide", "kind") not in ("ordinary", "internship"):
            raise _checks.error("invalid_argument", "kind", kind, "must be 'ordinary' or 'internship'")
        wide = self._table("hours").pivot(index="citizen", columns="month", values=f"{kind}_minutes")
        citizens = self._table("summary")["citizen"]
        return wide.reindex(citizens).fillna(0).astype(np.int64)

    @property
    def breaches(self) -> pd.DataFrame:
        """Follow-up breaches, one row per month without the required contact: ``citizen``, ``month`` (period[M])."""
        return _checks.copied(self._table("breach"))

    @property
    def history(self) -> pd.DataFrame:
        """Every step change, oldest first per citizen: ``citizen``, ``date``, ``from``, ``to``
        (ordered categories of :data:`STEPS`) and ``rule`` (the transition's rule id, see :func:`transitions`)."""
        return _checks.copied(self._table("history"))

    @property
    def not_applied(self) -> pd.DataFrame:
        """Events not applied, with the reason: ``citizen``, ``index``, ``row`` (the events
        DataFrame row when the caseload was read from frames, else <NA>), ``date``, ``kind``,
        ``reason`` (category, ``VOCABULARIES["not_applied_reason"]``), ``related`` (a date the
        reason refers to), ``field``/``value``/``detail`` (for ``unreadable`` input) and ``text``."""
        return _checks.copied(self._table("not_applied"))

    @property
    def violations(self) -> pd.DataFrame:
        """Rule breaches found in the records: ``citizen``, ``index``, ``date``, ``rule``, ``text``."""
        return _checks.copied(self._table("violation"))

    @property
    def sanctions(self) -> pd.DataFrame:
        """One row per recorded sanction failure: ``citizen``, ``failure_id``, ``failure``,
        ``failure_date``, ``status`` (eligible/not_eligible/undecided), ``reasons`` and
        ``pending`` (tuples of rule ids), ``pending_text`` (what must happen first, in English),
        ``excluded_by`` (rule id or None), ``deduction_days``, ``daily_rate`` and ``deduction`` (øre, Int64)."""
        return _checks.copied(self._table("sanction"))

    @property
    def profile_periods(self) -> pd.DataFrame:
        """The profile and target-group membership (KE3) over time, one row per period, oldest
        first per citizen: ``citizen``, ``from`` (the first day; NaT for the profile the record
        starts with), ``benefit`` (category), ``activity_ready``, ``lives_in_designated_area``,
        ``in_integration_programme``, ``member`` (bools) and ``reasons`` (tuple of
        ``VOCABULARIES["target_group_reason"]`` names why the citizen is outside). A
        ``profile_changed`` event starts a new period."""
        return _checks.copied(self._table("profile_period"))

    @property
    def agreements(self) -> pd.DataFrame:
        """The agreements applied, oldest first per citizen: the course of agreed hours (KE7, KE9).

        Columns ``citizen``, ``index`` (the event's input position), ``row`` (its events DataFrame
        row when read from frames, else <NA>), ``date`` (recorded), ``start``, ``agreement_kind``
        (category), ``company`` (None when not named), ``minutes_per_week``,
        ``ordinary_minutes_per_week`` (Int64; <NA> when an agreement of both kinds does not say),
        ``renegotiation`` (it replaced an open agreement at the same company) and
        ``missing_terms`` (tuple of ``VOCABULARIES["missing"]`` names: what of its terms it lacks;
        empty when complete — an agreement completes Trin 2 only with its terms)."""
        return _checks.copied(self._table("agreement"))

    @property
    def aftercare(self) -> pd.DataFrame:
        """Aftercare contacts after self-support (efterværn; recorded, never a duty): ``citizen``,
        ``date``, ``channel`` (category)."""
        return _checks.copied(self._table("aftercare"))

    @property
    def bus_trips(self) -> pd.DataFrame:
        """Bus trips of the record (002): ``citizen``, ``date``, ``trip`` (id), ``attended``
        (bool; False: registered, did not come), ``companies`` (tuple of company ids)."""
        return _checks.copied(self._table("bus_trip"))

    @property
    def training(self) -> pd.DataFrame:
        """Training tracks of the record (001): ``citizen``, ``start``, ``end`` (13 weeks from the
        start unless recorded), ``track`` (id), ``workplace`` and ``mentor`` (ids, None when not given)."""
        return _checks.copied(self._table("training"))

    @property
    def alerts(self) -> pd.DataFrame:
        """The alerts: thresholds given to :func:`evaluate_all` that are passed as of as_of, one row
        each: ``citizen``, ``alert`` (category of :data:`ALERT_KINDS`), ``value`` (days without
        contact, days in Trin 2, or months without more agreed ordinary hours), ``threshold`` (the
        one given) and ``text`` (in English). Empty when no threshold was given."""
        return _checks.copied(self._table("alert"))

    @property
    def alert_options(self) -> Dict[str, Optional[int]]:
        """The alert thresholds these evaluations were made with: ``inactive_days``,
        ``trin2_days``, ``stagnation_months`` (None: no alert of that kind)."""
        return dict(self._raw.alert_options)

    def worklist(self, *, jobformidler: Optional[str] = None, group_by_jobformidler: bool = False) -> pd.DataFrame:
        """The worklist: citizens who still need a follow-up contact in as_of's month, or have an alert.

        Soonest deadline first (alert-only rows, without a deadline, after), then longest since
        the last contact (never contacted first), then citizen id. ``jobformidler`` (an id) keeps
        only that jobformidler's citizens; ``group_by_jobformidler=True`` orders by jobformidler
        first (citizens without one last). Columns ``citizen``, ``jobformidler`` (None when
        none), ``step`` (ordered category), ``followup_due`` (the monthly follow-up needs a contact this
        month), ``deadline`` (NaT for a row with alerts only), ``last_contact`` (the latest
        contact, NaT when never contacted), ``breaches`` (the count of months that ended without
        the required contact, as in :attr:`summary`; the months themselves are the summary's
        ``breached_months``) and ``alerts`` (tuple of :data:`ALERT_KINDS` names).
        """
        fn = "Evaluations.worklist"
        who = _jobformidler_filter(jobformidler, fn)
        group = _checks.flag(group_by_jobformidler, fn, "group_by_jobformidler")
        key = f"worklist{(who, group)!r}"
        if key not in self._cache:
            self._cache[key] = _frame(self._raw.worklist_columns(who, group))
        return _checks.copied(self._cache[key])

    def _index(self, citizen: str, fn: str) -> int:
        return int(self._raw.index_of(_checks.text(citizen, fn, "citizen")))

    def explain(self, citizen: str) -> str:
        """One citizen's evaluation as English text: step, reasons, sources, follow-up, sanctions."""
        return self._raw.explain(self._index(citizen, "Evaluations.explain"))

    def to_json(self, citizen: Optional[str] = None, indent: Optional[int] = None) -> str:
        """The evaluations as JSON ``{"evaluations": [...]}``, or one citizen's evaluation.
        ``indent``: None or -1 for compact text, 0 to 32 spaces."""
        fn = "Evaluations.to_json"
        index = None if citizen is None else self._index(citizen, fn)
        return self._raw.to_json(index, _checks.indent(indent, fn))

    def sanction(self, citizen: str, failure_id: Optional[str] = None) -> "SanctionAnswer":
        """The answer to one citizen's sanction question (``failure_id`` None: the latest failure)."""
        fn = "Evaluations.sanction"
        index = self._index(citizen, fn)
        return SanctionAnswer._from_dict(self._raw.sanction(index, _checks.optional_text(failure_id, fn, "failure_id") or ""))


MAX_DAILY_RATE: int = 100_000_000
"""The largest daily benefit rate kanten takes, in øre (1,000,000 kr a day; C++'s kanten::max_daily_rate)."""


def _daily_rate(value: Any, fn: str) -> Optional[int]:
    return _checks.optional_integer(value, fn, "daily_rate", 0, MAX_DAILY_RATE, unit=" øre per day")


# The alert thresholds: parameter → (the library's field, its largest value, unit).
_ALERT_THRESHOLDS = {
    "inactive_days": ("alerts.inactive_days", MAX_ALERT_DAYS, "days"),
    "trin2_days": ("alerts.trin2_days", MAX_ALERT_DAYS, "days"),
    "stagnation_months": ("alerts.stagnation_months", MAX_ALERT_MONTHS, "months"),
}


def _alert_thresholds(fn: str, **given: Any) -> Dict[str, Optional[int]]:
    """The alert thresholds as the compiled module takes them (None: no alert of that kind).

    A value that is not an int (a bool, a float, a str) is a TypeError naming the parameter. The
    range is the library's (kanten::check_alert_options: from 1 to :data:`MAX_ALERT_DAYS` days or
    :data:`MAX_ALERT_MONTHS` months): a value outside it is the library's KantenError naming
    ``alerts.<parameter>``; one beyond a C int, which the library cannot be handed, is refused
    here with the same field and message.
    """
    out: Dict[str, Optional[int]] = {}
    for param, value in given.items():
        if value is None:
            out[param] = None
            continue
        if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
            raise _checks.type_error(fn, param, value, "an int or None")
        v = int(value)
        field, most, unit = _ALERT_THRESHOLDS[param]
        if not -_checks.INT32_MAX - 1 <= v <= _checks.INT32_MAX:
            raise _checks.error("invalid_argument", field, v, f"out of range: from 1 to {most} {unit}")
        out[param] = v
    return out


def _jobformidler_filter(value: Any, fn: str) -> str:
    """The worklist's jobformidler filter as the library takes it ("" : everyone)."""
    who = _checks.optional_text(value, fn, "jobformidler")
    if who == "":
        raise _checks.error("invalid_argument", "jobformidler", "",
                            "must not be empty: name the jobformidler, or pass None for everyone")
    return who or ""


def evaluate_all(
    caseload: Caseload,
    as_of: DateLike,
    *,
    daily_rate: Optional[int] = None,
    inactive_days: Optional[int] = None,
    trin2_days: Optional[int] = None,
    stagnation_months: Optional[int] = None,
) -> Evaluations:
    """Evaluates every case as of ``as_of`` (a :data:`DateLike`: ``"YYYY-MM-DD"``, a date, datetime,
    Timestamp or day Period; a month, ``"YYYY-MM"`` or a month Period, is its last day).

    ``daily_rate`` is the benefit per day in øre (0 to :data:`MAX_DAILY_RATE`), used to state
    sanction deductions; kanten never guesses it. The C++ work runs with the GIL released.

    Alerts (:attr:`Evaluations.alerts`, and the worklist) are on only for the thresholds given;
    the source texts give no numbers, so there is no default:

    - ``inactive_days``: a citizen in Trin 1–3 with no activity for more than this many days
      (KE5: "opsøgende i tilfælde af inaktivitet fra borgerens side"); counted from the latest
      contact, hours worked, attended bus trip or training-track start, or the start of Trin 1
      when there is none;
    - ``trin2_days``: in the current spell of Trin 2 for more than this many days (Trin 2:
      "hurtigst muligt matches");
    - ``stagnation_months``: in Trin 3, the agreed ordinary hours have not risen in this many
      whole months (KE9: renegotiated "med henblik på at opnå flere ordinære timer").

    Each is an int from 1 to :data:`MAX_ALERT_DAYS` (days) or :data:`MAX_ALERT_MONTHS` (months),
    or None; another type is a ``TypeError``, a value out of range a :class:`KantenError` whose
    ``field`` is ``alerts.inactive_days``, ``alerts.trin2_days`` or ``alerts.stagnation_months``.
    """
    fn = "evaluate_all"
    _checks.need(caseload, Caseload, fn, "caseload")
    date = _checks.date_arg(as_of, fn, "as_of")
    rate = _daily_rate(daily_rate, fn)
    alerts = _alert_thresholds(fn, inactive_days=inactive_days, trin2_days=trin2_days,
                               stagnation_months=stagnation_months)
    return Evaluations(_kanten._evaluate(caseload, date, rate, **alerts))


def evaluate(
    caseload: Caseload,
    as_of: DateLike,
    *,
    daily_rate: Optional[int] = None,
    inactive_days: Optional[int] = None,
    trin2_days: Optional[int] = None,
    stagnation_months: Optional[int] = None,
) -> pd.DataFrame:
    """Evaluates every case as of ``as_of``: one row per citizen (see :attr:`Evaluations.summary`).

    ``daily_rate`` and the alert thresholds (``inactive_days``, ``trin2_days``,
    ``stagnation_months``; the summary's ``alerts`` column counts them) as for
    :func:`evaluate_all`. For hours by month, breaches, events not applied, sanctions, agreements
    and the alerts themselves, use :func:`evaluate_all`.
    """
    fn = "evaluate"
    _checks.need(caseload, Caseload, fn, "caseload")
    date = _checks.date_arg(as_of, fn, "as_of")
    rate = _daily_rate(daily_rate, fn)
    alerts = _alert_thresholds(fn, inactive_days=inactive_days, trin2_days=trin2_days,
                               stagnation_months=stagnation_months)
    return _frame(_kanten._evaluate_summary(caseload, date, rate, **alerts))


def _summary_columns_doc() -> str:
    """The column list of :attr:`Evaluations.summary`'s docstring, indented for a function's docstring."""
    import textwrap

    doc = Evaluations.summary.__doc__ or ""
    first, _, rest = doc.partition("\n")
    return textwrap.indent(textwrap.dedent(rest), "    ")


evaluate.__doc__ = (evaluate.__doc__ or "").rstrip() + "\n\n    The table's columns, as :attr:`Evaluations.summary`'s:\n" + _summary_columns_doc()


def evaluate_file(
    path: Union[str, os.PathLike],
    as_of: DateLike,
    *,
    chunk: int = 2048,
    format: Optional[str] = None,
    daily_rate: Optional[int] = None,
    strict: bool = False,
    inactive_days: Optional[int] = None,
    trin2_days: Optional[int] = None,
    stagnation_months: Optional[int] = None,
) -> Iterator[Evaluations]:
    """Evaluates a caseload file of any size as of ``as_of``, ``chunk`` cases at a time: yields
    one :class:`Evaluations` per chunk, in the file's order.

    The file is read case by case (kanten::CaseReader), so memory holds one chunk of cases and
    their evaluations, never the whole caseload. Each yielded :class:`Evaluations` has every
    table of :func:`evaluate_all` for its chunk's cases (``.summary``, ``.not_applied``,
    ``.alerts``, ...; ``.caseload`` is the chunk); concatenated, the tables are those of
    evaluating the whole caseload at once::

        summary = pd.concat(ev.summary for ev in kanten.evaluate_file("caseload.jsonl", "2020-06-30"))

    Parameters:

    - ``path`` (str or os.PathLike): the file; ``"-"`` reads standard input.
    - ``as_of`` (:data:`DateLike`; a month is its last day): the date evaluated.
    - ``chunk`` (int, 1 to :data:`MAX_CHUNK`): the cases read and evaluated together (the last
      chunk may be smaller).
    - ``format`` (str or None): ``"json"``, ``"jsonl"`` (or ``"ndjson"``) or ``"csv"``; None
      takes it from the file's extension, JSON for any other name (see :func:`read_caseload`).
    - ``daily_rate`` (int or None), ``inactive_days``, ``trin2_days``, ``stagnation_months``
      (int or None): as for :func:`evaluate_all`.
    - ``strict`` (bool): an unknown field is a :class:`KantenError` instead of a
      :class:`KantenWarning` (one warning per chunk that has any; ``.caseload.warnings()`` of the
      chunk lists them).

    Every argument is checked when ``evaluate_file`` is called, and the file is opened then: a
    wrong type is a ``TypeError`` naming the parameter, a value out of range or an unknown
    format a :class:`KantenError` naming it, an unreadable file a :class:`KantenError` with
    ``code="io_error"``. A fault in the file (bad syntax, a bad line, two cases of one citizen)
    is a :class:`KantenError` naming its line, column and case, raised when the chunk holding it
    is read: the chunks before it have been yielded, and nothing follows it. Events that cannot
    be read are kept and reported, as by :func:`read_caseload`. The file stays open until the
    last chunk is read or the iterator is closed (``close()``, or garbage collection).

    Reading and evaluating a chunk run with the GIL released.
    """
    fn = "evaluate_file"
    source = _checks.path(path, fn, "path")
    date = _checks.date_arg(as_of, fn, "as_of")
    size = _checks.integer(chunk, fn, "chunk", 1, MAX_CHUNK, unit=" cases")
    fmt = _format_arg(format, fn)
    rate = _daily_rate(daily_rate, fn)
    strict = _checks.flag(strict, fn, "strict")
    alerts = _alert_thresholds(fn, inactive_days=inactive_days, trin2_days=trin2_days,
                               stagnation_months=stagnation_months)
    _kanten._check_evaluate_options(date, rate, **alerts)  # the library's checks, before any reading
    stream = _kanten._open_cases(source, fmt, strict)
    return _evaluate_chunks(stream, date, rate, alerts, size, fn)


def _evaluate_chunks(stream: Any, date: str, rate: Optional[int], alerts: Dict[str, Optional[int]], size: int,
                     fn: str) -> Iterator[Evaluations]:
    """The chunks of an open stream, evaluated (see :func:`evaluate_file`); closes the stream."""
    try:
        while True:
            load = stream.next(size)
            if load is None:
                break
            _checks.input_warnings(load, fn, stacklevel=4)  # points at the loop over the chunks
            yield Evaluations(_kanten._evaluate(load, date, rate, **alerts))
        _checks.input_warnings(stream, fn, stacklevel=4)  # the document's own unknown fields
    finally:
        stream.close()


def followup_worklist(
    source: Union[Caseload, Evaluations],
    as_of: Optional[DateLike] = None,
    *,
    inactive_days: Optional[int] = None,
    trin2_days: Optional[int] = None,
    stagnation_months: Optional[int] = None,
    jobformidler: Optional[str] = None,
    group_by_jobformidler: bool = False,
) -> pd.DataFrame:
    """The worklist as of a date: the monthly follow-up, and alerts (see :meth:`Evaluations.worklist`).

    ``source`` is a caseload (``as_of`` required) or an :class:`Evaluations` (``as_of`` None or
    its own date). The alert thresholds are those of :func:`evaluate_all`; for an
    :class:`Evaluations` they are the ones it was made with (a different value given here is a
    :class:`KantenError`). ``jobformidler`` keeps one jobformidler's citizens;
    ``group_by_jobformidler`` orders by jobformidler first.
    """
    fn = "followup_worklist"
    alerts = _alert_thresholds(fn, inactive_days=inactive_days, trin2_days=trin2_days,
                               stagnation_months=stagnation_months)
    who = _jobformidler_filter(jobformidler, fn)
    group = _checks.flag(group_by_jobformidler, fn, "group_by_jobformidler")
    if isinstance(source, Evaluations):
        if as_of is not None and _checks.date_arg(as_of, fn, "as_of") != source._raw.as_of:
            raise _checks.error("invalid_argument", "as_of", _checks.date_arg(as_of, fn, "as_of"),
                                f"the evaluations are as of {source._raw.as_of}; pass None or that date")
        made_with = source.alert_options
        for param, value in alerts.items():
            if value is not None and value != made_with[param]:
                raise _checks.error("invalid_argument", param, value,
                                    f"the evaluations were made with {param}={made_with[param]}; pass None or "
                                    "that value, or evaluate again with evaluate_all")
        return source.worklist(jobformidler=jobformidler, group_by_jobformidler=group)
    _checks.need(source, Caseload, fn, "source", "a kanten.Caseload or a kanten.Evaluations")
    if as_of is None:
        raise _checks.error("invalid_argument", "as_of", "", "missing: a caseload's worklist needs the date")
    ev = evaluate_all(source, _checks.date_arg(as_of, fn, "as_of"), **alerts)
    return ev.worklist(jobformidler=jobformidler, group_by_jobformidler=group)


# ---------------------------------------------------------------------------------------------
# Sanction questions
# ---------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class Source:
    """A citation: the seed file, its section, and the Danish sentence a rule encodes."""

    seed: str
    section: str
    quote: str


@dataclasses.dataclass(frozen=True)
class SanctionReason:
    """One statement of a sanction answer: rule id, the statement in English, its source."""

    rule: str
    text: str
    source: Source

    @classmethod
    def _from_dict(cls, d: Mapping[str, Any]) -> "SanctionReason":
        return cls(rule=d["rule"], text=d["text"], source=Source(**d["source"]))


@dataclasses.dataclass(frozen=True, repr=False)
class SanctionAnswer:
    """The answer to "may this failure be sanctioned?" (004, Kerneelement 5).

    ``status`` is ``"eligible"``, ``"not_eligible"`` or ``"undecided"``; ``reasons`` are the
    facts and rules established; ``pending`` (undecided) what must happen first;
    ``excluded_by`` (not eligible) the rule that excludes it; ``deduction_days`` (eligible)
    the days of benefit to deduct and ``deduction`` their amount in øre when a daily rate was given.
    """

    citizen: str
    as_of: _dt.date
    rule_set: str
    step: str
    failure_id: str
    failure: str
    failure_date: Optional[_dt.date]
    status: str
    reasons: List[SanctionReason]
    pending: List[SanctionReason]
    excluded_by: Optional[SanctionReason]
    deduction_days: int
    daily_rate: Optional[int]
    deduction: Optional[int]

    @property
    def eligible(self) -> bool:
        """True when a punktsanktion may be given."""
        return self.status == "eligible"

    @property
    def decided(self) -> bool:
        """True unless something must happen first."""
        return self.status != "undecided"

    def __repr__(self) -> str:
        when = f" of {self.failure_date}" if self.failure_date else ""
        if self.status == "eligible":
            amount = f" ({self.deduction} øre)" if self.deduction is not None else ""
            outcome = f"eligible, {self.deduction_days} days' deduction{amount}"
        elif self.status == "not_eligible":
            outcome = "not eligible" + (f" by {self.excluded_by.rule}" if self.excluded_by else "")
        else:
            outcome = f"undecided, {len(self.pending)} pending"
        return _checks.short_repr("SanctionAnswer", f"citizen {_checks.shown(self.citizen)} as of {self.as_of}",
                                  f"failure {_checks.shown(self.failure_id)} ({self.failure}{when})", outcome)

    @classmethod
    def _from_dict(cls, d: Mapping[str, Any]) -> "SanctionAnswer":
        fields = dict(d)
        fields["reasons"] = [SanctionReason._from_dict(r) for r in d["reasons"]]
        fields["pending"] = [SanctionReason._from_dict(r) for r in d["pending"]]
        fields["excluded_by"] = None if d["excluded_by"] is None else SanctionReason._from_dict(d["excluded_by"])
        return cls(**fields)


def answer_sanction(
    caseload: Caseload,
    citizen: str,
    as_of: DateLike,
    failure_id: Optional[str] = None,
    *,
    daily_rate: Optional[int] = None,
) -> SanctionAnswer:
    """Answers a sanction question for one citizen of a caseload as of a date.

    ``failure_id`` None asks about the latest failure (latest date; of one date, the last).
    ``daily_rate`` as for :func:`evaluate_all`. Raises :class:`KantenError` when the citizen or
    the failure is unknown.
    """
    fn = "answer_sanction"
    _checks.need(caseload, Caseload, fn, "caseload")
    if failure_id is not None and _checks.text(failure_id, fn, "failure_id") == "":
        # Ambiguous: "" is neither a failure nor "the latest" (None); as the JSON reader says.
        raise _checks.error("invalid_argument", "failure_id", "",
                            "must not be empty: name the failure, or pass None to ask about the latest")
    return SanctionAnswer._from_dict(
        _kanten._answer_sanction(
            caseload,
            _checks.text(citizen, fn, "citizen"),
            _checks.date_arg(as_of, fn, "as_of"),
            _checks.optional_text(failure_id, fn, "failure_id") or "",
            _daily_rate(daily_rate, fn),
        )
    )


def answer_sanction_json(source: Union[str, os.PathLike]) -> SanctionAnswer:
    """Answers a sanction question in JSON (text, or a file path): ``{"case": {...},
    "failure_id": "F1", "as_of": "YYYY-MM-DD", "daily_rate": 49100}`` as ``kanten sanction`` does."""
    if isinstance(source, str) and source.lstrip().startswith("{"):
        text = source
    else:
        text = _kanten._read_file(_checks.path(source, "answer_sanction_json", "source"))
    return SanctionAnswer._from_dict(_kanten._answer_sanction_json(text))


# ---------------------------------------------------------------------------------------------
# The step model
# ---------------------------------------------------------------------------------------------

def transitions() -> pd.DataFrame:
    """The step model as a table, one row per transition: ``from``, ``condition``, ``to``
    (ordered categories of :data:`STEPS`; ``condition`` a category), ``rule``, ``description``, and the
    source: ``seed``, ``section``, ``quote``."""
    return _frame(_kanten._transition_columns())


def model_dot() -> str:
    """The step model as a Graphviz DOT digraph (``kanten model --dot``)."""
    return _kanten.model_dot()


# ---------------------------------------------------------------------------------------------
# The rule set's parameters
# ---------------------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, repr=False)
class RuleParameter:
    """One parameter of the rule set (C++'s kanten::RuleSet): its ``name`` (the C++ field's),
    ``value``, ``unit`` (``"minutes"``, ``"months"``, ``"days"`` or ``""``), what it means
    (``description``), and its ground as include/kanten/rules/rules.hpp gives it: the
    ``source`` sentence (:class:`Source`), kanten's ``decision`` (a heading of
    docs/decisions.md), both, or neither (a fact: a day has 24 hours)."""

    name: str
    value: Any
    unit: str
    description: str
    source: Optional[Source]
    decision: Optional[str]

    @property
    def citation(self) -> str:
        """The ground in one line: ``"004_….txt, Trin 3 (Kerneelement 9); decision "The 30-hour
        exit" (docs/decisions.md)"``; empty when there is none."""
        parts = []
        if self.source is not None:
            parts.append(f"{self.source.seed}, {self.source.section}")
        if self.decision is not None:
            heading = f'"{self.decision}"'
            parts.append(f"decision {heading} (docs/decisions.md)")
        return "; ".join(parts)

    def __repr__(self) -> str:
        return _checks.short_repr("RuleParameter", f"{self.name} = {self.value}{' ' + self.unit if self.unit else ''}",
                                  self.citation)


@dataclasses.dataclass(frozen=True, repr=False)
class RuleParameters:
    """The parameters of the rule set every evaluation uses (C++'s kanten::default_rules(),
    include/kanten/rules/rules.hpp), read-only: :data:`RULES`.

    Each parameter is an attribute with its value, and :attr:`parameters` has each with its unit,
    meaning and citation (:class:`RuleParameter`); :meth:`to_frame` lists them as a table. The
    numbers come from the source (004: 30 hours a month, 12 months of follow-up, 3 days'
    deduction) and kanten's decisions (docs/decisions.md); every result names the
    ``version`` it was computed with (``Evaluations.rule_set``, ``ProgrammeFigures.rule_set``).
    """

    version: str
    """The rule set's version, e.g. ``"indsatsmodel-2019.1"``."""
    valid_from: _dt.date
    """The first day the rule set is in force."""
    exit_ordinary_minutes_per_month: int
    """Trin 3 ends at this many ordinary (paid) minutes in one calendar month while in Trin 3:
    1800, i.e. 30 hours (004, Trin 3: "mindst 30 timer månedligt"; decision "The 30-hour exit")."""
    followup_months: int
    """Calendar months of monthly follow-up (004, KE7: "en gang i måneden i det første år"; decision "Monthly follow-up")."""
    sanction_days: int
    """Days of benefit a punktsanktion deducts (004, KE5: "trække tre dage af kontanthjælpen")."""
    max_minutes_per_day: int
    """Most minutes one day can hold (1440: a day has 24 hours); more is not applied."""
    month: str
    """What a month is: ``"calendar"`` (decision "Month means calendar month")."""
    sanction_requires_written_hearing: bool
    """A written hearing must be sent before a sanction (decision "The written hearing"; 004, KE5)."""
    personal_contact_needs_phone_and_visit: bool
    """Personal contact before a sanction means a phone attempt and one in person (004, KE5;
    decision "Personal contact before a sanction")."""
    parameters: Tuple[RuleParameter, ...]
    """Every parameter with its unit, meaning and citation, in the order of kanten::RuleSet."""

    @property
    def exit_ordinary_hours_per_month(self) -> float:
        """The 30-hour exit's threshold in hours: :attr:`exit_ordinary_minutes_per_month` / 60 (30.0)."""
        return self.exit_ordinary_minutes_per_month / 60

    def parameter(self, name: str) -> RuleParameter:
        """The parameter ``name`` (e.g. ``"followup_months"``) with its citation; an unknown name
        is a :class:`KantenError` naming it."""
        wanted = _checks.text(name, "RuleParameters.parameter", "name")
        for p in self.parameters:
            if p.name == wanted:
                return p
        raise _checks.error("invalid_argument", "name", name,
                            "no such rule parameter; expected one of: " + ", ".join(p.name for p in self.parameters))

    def to_frame(self) -> pd.DataFrame:
        """The parameters as a table, one row each: ``parameter``, ``value`` (object: ints, a
        str, bools), ``unit``, ``description``, ``seed``, ``section``, ``quote`` (the source
        sentence; None when there is none) and ``decision`` (a heading of docs/decisions.md or None)."""
        return pd.DataFrame(
            [{"parameter": p.name, "value": p.value, "unit": p.unit, "description": p.description,
              "seed": p.source.seed if p.source else None, "section": p.source.section if p.source else None,
              "quote": p.source.quote if p.source else None, "decision": p.decision} for p in self.parameters],
            columns=["parameter", "value", "unit", "description", "seed", "section", "quote", "decision"])

    def __repr__(self) -> str:
        return _checks.short_repr(
            "RuleParameters", f"{self.version} from {self.valid_from}",
            f"30-hour exit at {self.exit_ordinary_minutes_per_month} minutes ({self.exit_ordinary_hours_per_month:g} h) "
            "a calendar month", f"follow-up {self.followup_months} months", f"punktsanktion {self.sanction_days} days",
            f"at most {self.max_minutes_per_day} minutes a day")

    def _repr_html_(self) -> str:
        return _checks.html_repr(repr(self), self.to_frame().drop(columns=["quote"]), rows=len(self.parameters))


def _rule_parameters() -> RuleParameters:
    raw = _kanten._rule_set()
    params = tuple(
        RuleParameter(name=p["name"], value=p["value"], unit=p["unit"], description=p["description"],
                      source=None if p["source"] is None else Source(**p["source"]), decision=p["decision"])
        for p in raw["parameters"])
    return RuleParameters(version=raw["version"], valid_from=_dt.date.fromisoformat(raw["valid_from"]),
                          parameters=params, **{p.name: p.value for p in params})


RULES: RuleParameters = _rule_parameters()
"""The rule set's parameters, read-only (:class:`RuleParameters`): ``RULES.exit_ordinary_minutes_per_month``
(1800), ``RULES.exit_ordinary_hours_per_month`` (30.0), ``RULES.followup_months`` (12),
``RULES.sanction_days`` (3), ...; ``RULES.to_frame()`` lists each with its source."""


# ---------------------------------------------------------------------------------------------
# Matching, bus trips and training tracks
# ---------------------------------------------------------------------------------------------

# Each submodule's __all__ is the list of what it adds to the package.
from . import _match, _matcher, _workplace  # noqa: E402
from ._match import *  # noqa: E402,F401,F403
from ._matcher import *  # noqa: E402,F401,F403
from ._workplace import *  # noqa: E402,F401,F403

__all__ += _match.__all__ + _matcher.__all__ + _workplace.__all__

# ---------------------------------------------------------------------------------------------
# Programme figures: the person-month panel, the funnel, retention, Kaplan–Meier curves
# ---------------------------------------------------------------------------------------------

from . import _programme  # noqa: E402
from ._programme import *  # noqa: E402,F401,F403

__all__ += _programme.__all__

# ---------------------------------------------------------------------------------------------
# Survival analysis: the observations table, Kaplan–Meier with limits and groups, the log-rank
# test, the cumulative incidence of the competing exits
# ---------------------------------------------------------------------------------------------

from . import _survival  # noqa: E402
from ._survival import *  # noqa: E402,F401,F403

__all__ += _survival.__all__

# ---------------------------------------------------------------------------------------------
# Comparing groups: Caseload.select and Caseload.filter, compare(), the groups' panel; plots
# ---------------------------------------------------------------------------------------------

from . import _compare  # noqa: E402
from ._compare import *  # noqa: E402,F401,F403
from . import _plot as plot  # noqa: E402

__all__ += _compare.__all__ + ["plot"]
