"""The persistent matcher: a market held in memory, indexed, answering one citizen's best tasks and
one task's best citizens in a page view's time, and updated in place (kanten/match/index.hpp).

Imported by the kanten package; use it through ``kanten``, not directly.
"""

from __future__ import annotations

from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _checks, _kanten
from ._match import CITIZEN_COLUMNS, COMPANY_COLUMNS, TASK_COLUMNS, Market, _k, _who

__all__ = ["Matcher"]

MATCH_COLUMNS: Tuple[str, ...] = (
    "citizen", "task", "company", "score", "wish", "competences", "hours", "travel", "readiness", "ordinary",
    "wish_level", "distance_m", "reasons", "concerns", "citizen_index", "task_index",
)
"""The columns of a top list, those of :func:`kanten.top_tasks` (:attr:`MatchProposal.matches`)."""

# ---------------------------------------------------------------------------------------------
# A top list's DataFrame from the compiled module's two blocks
# ---------------------------------------------------------------------------------------------

_OBJECT_COLUMNS: Tuple[str, ...] = tuple(_kanten._Matcher.object_columns)
_INT_COLUMNS: Tuple[str, ...] = tuple(_kanten._Matcher.int_columns)
_COLUMN_INDEX = pd.Index(MATCH_COLUMNS)
_OBJECT_PLACES = np.array([MATCH_COLUMNS.index(c) for c in _OBJECT_COLUMNS], dtype=np.intp)
_INT_PLACES = np.array([MATCH_COLUMNS.index(c) for c in _INT_COLUMNS], dtype=np.intp)


def _frame_by_columns(objects: np.ndarray, ints: np.ndarray) -> pd.DataFrame:
    """The frame through pandas' public constructor (one column at a time)."""
    columns: Dict[str, Any] = {}
    for i, name in enumerate(_OBJECT_COLUMNS):
        columns[name] = objects[i]
    for i, name in enumerate(_INT_COLUMNS):
        columns[name] = ints[i]
    return pd.DataFrame({name: columns[name] for name in MATCH_COLUMNS})


def _block_builder() -> Optional[Any]:
    """The frame from the two blocks as they are (about 30 µs against 150–250 µs column by column):
    pandas' block manager, whose ``make_block`` is pandas' API for libraries that hand it ready
    blocks (``pandas.core.internals.api``). None when this pandas lacks it, or builds another
    frame than the public constructor on a sample: then every frame goes column by column."""
    try:
        from pandas.core.internals import BlockManager  # type: ignore[attr-defined]
        from pandas.core.internals.api import make_block  # type: ignore[attr-defined]
    except ImportError:  # pragma: no cover - pandas without the internals API
        return None
    from_mgr = getattr(pd.DataFrame, "_from_mgr", None)

    def build(objects: np.ndarray, ints: np.ndarray) -> pd.DataFrame:
        n = objects.shape[1]
        mgr = BlockManager(
            (make_block(objects, placement=_OBJECT_PLACES, ndim=2), make_block(ints, placement=_INT_PLACES, ndim=2)),
            [_COLUMN_INDEX, pd.RangeIndex(n)], verify_integrity=False)
        return from_mgr(mgr, axes=mgr.axes) if from_mgr is not None else pd.DataFrame(mgr)

    sample_objects = np.empty((len(_OBJECT_COLUMNS), 2), dtype=object)
    for i in range(len(_OBJECT_COLUMNS)):
        sample_objects[i] = ["a", ("b", "c")]
    sample_ints = np.arange(2 * len(_INT_COLUMNS), dtype=np.int64).reshape(len(_INT_COLUMNS), 2)
    try:
        import warnings

        with warnings.catch_warnings():
            warnings.simplefilter("error")  # a deprecation of this path: take the public one
            fast = build(sample_objects, sample_ints)
            fast["score"] = fast["score"] + 1  # a frame that behaves as any other
        slow = _frame_by_columns(sample_objects, sample_ints)
        slow["score"] = slow["score"] + 1
        pd.testing.assert_frame_equal(fast, slow)
    except Exception:  # pragma: no cover - another pandas
        return None
    return build


_build_frame = _block_builder() or _frame_by_columns


# ---------------------------------------------------------------------------------------------
# Rows for the upserts
# ---------------------------------------------------------------------------------------------

def _row(value: Any, fn: str, param: str, known: Sequence[str],
         required: Sequence[Sequence[str]]) -> Dict[str, Any]:
    """One citizen, company or task as a dict of its columns: a dict, a pandas Series, or a
    DataFrame of one row; names checked as :func:`kanten.market_from_frames` checks its columns
    (a missing required one a KantenError naming ``param.column``, an unknown one a KantenWarning)."""
    if isinstance(value, pd.DataFrame):
        if len(value) != 1:
            raise _checks.error("invalid_argument", param, len(value), "a DataFrame of exactly one row is needed")
        if value.columns.duplicated().any():
            dup = value.columns[value.columns.duplicated()][0]
            raise _checks.error("invalid_input", f"{param}.{_checks.shown(dup)}", "", "duplicate column name")
        items: List[Tuple[Any, Any]] = [(c, value[c].iloc[0]) for c in value.columns]
    elif isinstance(value, pd.Series):
        if value.index.duplicated().any():
            dup = value.index[value.index.duplicated()][0]
            raise _checks.error("invalid_input", f"{param}.{_checks.shown(dup)}", "", "duplicate column name")
        items = list(value.items())
    elif isinstance(value, Mapping):
        items = list(value.items())
    else:
        raise _checks.type_error(fn, param, value, "a dict, a pandas Series or a one-row DataFrame")
    used = set(_checks.check_columns([name for name, _ in items], param, required, known, stacklevel=5))
    return {name: v for name, v in items if name in used}


# ---------------------------------------------------------------------------------------------
# The matcher
# ---------------------------------------------------------------------------------------------

class Matcher:
    """A persistent matcher over its own copy of a market: one citizen's best tasks and one task's
    best citizens, explained, each in well under a millisecond at national size, and updated in
    place when a citizen, company, task, capacity or slot count changes (kanten/match/index.hpp;
    docs/matching.md).

    The answers are those of :func:`kanten.top_tasks` and :func:`kanten.top_citizens` on the
    matcher's market as it is now (:attr:`market`), with the same columns. ``weights`` is a
    weight set as JSON text (None: the documented defaults)::

        matcher = kanten.Matcher(kanten.generate_market(100_000, 20_000, region="denmark"))
        matcher.top_tasks("c-000017", k=10)
        matcher.set_slots("t-00042-1", 0)

    Queries run without the GIL and may run from several threads at once; an update waits until
    no query runs. Built without the GIL (O(market)).
    """

    def __init__(self, market: Market, weights: Optional[str] = None) -> None:
        fn = "Matcher"
        self._raw = _kanten._Matcher(_checks.need(market, Market, fn, "market"),
                                     _checks.optional_text(weights, fn, "weights"))

    # --- queries ------------------------------------------------------------------------------

    def top_tasks(self, citizen: Union[str, int], k: int = 10, per_company: int = 1, *, explain: bool = True,
                  as_frame: bool = True) -> Union[pd.DataFrame, List[Dict[str, Any]]]:
        """The best ``k`` tasks (1 to 10,000) for one citizen (id, or index from 0 into
        :attr:`market`), at most ``per_company`` (1 to 10,000) of one company, best first (ties
        by task index): :func:`kanten.top_tasks` on the matcher's market. Columns as
        :attr:`MatchProposal.matches`; ``reasons`` and ``concerns`` are empty tuples unless
        ``explain``. ``as_frame=False`` gives a list of dicts with the same keys instead of a
        DataFrame (the quickest answer). An unknown id is a :class:`KantenError` naming ``citizen``."""
        fn = "Matcher.top_tasks"
        raw = self._raw.top_tasks(_who(citizen, fn, "citizen"), _k(k, fn),
                                  _checks.integer(per_company, fn, "per_company", 1, 10_000),
                                  _checks.flag(explain, fn, "explain"), _checks.flag(as_frame, fn, "as_frame"))
        return _build_frame(*raw) if as_frame else raw

    def top_citizens(self, task: Union[str, int], k: int = 10, *, explain: bool = True,
                     as_frame: bool = True) -> Union[pd.DataFrame, List[Dict[str, Any]]]:
        """The best ``k`` citizens (1 to 10,000) for one task (id, or index from 0 into
        :attr:`market`), best first (ties by citizen index): :func:`kanten.top_citizens` on the
        matcher's market; otherwise as :meth:`top_tasks`. An unknown id is a
        :class:`KantenError` naming ``task``."""
        fn = "Matcher.top_citizens"
        raw = self._raw.top_citizens(_who(task, fn, "task"), _k(k, fn), _checks.flag(explain, fn, "explain"),
                                     _checks.flag(as_frame, fn, "as_frame"))
        return _build_frame(*raw) if as_frame else raw

    # --- updates ------------------------------------------------------------------------------

    def _upsert(self, method: Any, row: Dict[str, Any], fn: str) -> None:
        found = method(row)
        if found:  # fields inside a cell the reader did not use (e.g. a key of "home")
            field, message = found[0]
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            _checks.warn(f"{fn}: input not used: '{field}': {message}{more}", stacklevel=4)

    def upsert_citizen(self, citizen: Union[Mapping[str, Any], pd.Series, pd.DataFrame]) -> None:
        """Adds a citizen, or replaces the one with the same id: a dict, Series or one-row
        DataFrame with the columns of :data:`kanten.CITIZEN_COLUMNS` (``id`` and the home
        required; the others take their defaults), read as :func:`kanten.market_from_frames`
        reads a row. A fault is a :class:`KantenError` naming the field (``citizen.hours_now``);
        a visited company the matcher does not hold is one too. A failed update changes nothing."""
        fn = "Matcher.upsert_citizen"
        row = _row(citizen, fn, "citizen", CITIZEN_COLUMNS, (("id",), ("home_lat", "home"), ("home_lon", "home")))
        self._upsert(self._raw.upsert_citizen, row, fn)

    def upsert_company(self, company: Union[Mapping[str, Any], pd.Series, pd.DataFrame]) -> None:
        """Adds a company, or replaces the one with the same id (its tasks stay and take its new
        location, readiness and capacity): columns of :data:`kanten.COMPANY_COLUMNS` (``id`` and
        the location required); otherwise as :meth:`upsert_citizen`."""
        fn = "Matcher.upsert_company"
        row = _row(company, fn, "company", COMPANY_COLUMNS,
                   (("id",), ("location_lat", "location"), ("location_lon", "location")))
        self._upsert(self._raw.upsert_company, row, fn)

    def upsert_task(self, task: Union[Mapping[str, Any], pd.Series, pd.DataFrame]) -> None:
        """Adds a task, or replaces the one with the same id: columns of
        :data:`kanten.TASK_COLUMNS` (``id`` and ``company`` required; the company must be in the
        matcher, else a :class:`KantenError` naming ``company``); otherwise as :meth:`upsert_citizen`."""
        fn = "Matcher.upsert_task"
        row = _row(task, fn, "task", TASK_COLUMNS, (("id",), ("company",)))
        self._upsert(self._raw.upsert_task, row, fn)

    def remove_citizen(self, citizen: str) -> bool:
        """Removes the citizen with this id: True, or False when the matcher holds no such citizen."""
        return bool(self._raw.remove_citizen(_checks.text(citizen, "Matcher.remove_citizen", "citizen")))

    def remove_company(self, company: str) -> bool:
        """Removes the company with this id and its tasks, and drops it from the citizens' visited
        companies: True, or False when unknown."""
        return bool(self._raw.remove_company(_checks.text(company, "Matcher.remove_company", "company")))

    def remove_task(self, task: str) -> bool:
        """Removes the task with this id: True, or False when unknown."""
        return bool(self._raw.remove_task(_checks.text(task, "Matcher.remove_task", "task")))

    def set_capacity(self, company: str, capacity: int) -> None:
        """Sets a company's capacity, 0 (it takes nobody now) to 2**31 - 1. An unknown company is
        a :class:`KantenError` naming ``company``."""
        fn = "Matcher.set_capacity"
        self._raw.set_capacity(_checks.text(company, fn, "company"),
                               _checks.integer(capacity, fn, "capacity", 0, _checks.INT32_MAX))

    def set_slots(self, task: str, slots: int) -> None:
        """Sets a task's slots, 0 (it takes nobody now) to 2**31 - 1. An unknown task is a
        :class:`KantenError` naming ``task``."""
        fn = "Matcher.set_slots"
        self._raw.set_slots(_checks.text(task, fn, "task"), _checks.integer(slots, fn, "slots", 0, _checks.INT32_MAX))

    # --- the market ---------------------------------------------------------------------------

    @property
    def market(self) -> Market:
        """A copy of the matcher's market as it is now (a new :class:`kanten.Market` on each
        access, O(market)): its ``citizen_ids`` and ``task_ids`` are what the indices of a top
        list point into, until the next update (a removal moves the last citizen, task or
        company into the removed one's place)."""
        return self._raw.market()

    @property
    def weights_version(self) -> str:
        """The version of the weights the matcher scores with."""
        return str(self._raw.weights_version)

    def __len__(self) -> int:
        """The number of citizens the matcher holds."""
        return int(self._raw.counts()[0])

    def __repr__(self) -> str:
        citizens, companies, tasks = self._raw.counts()
        return _checks.short_repr("Matcher", f"{citizens} citizens, {companies} companies, {tasks} tasks",
                                  f"weights {self.weights_version}")


Matcher.__module__ = "kanten"
