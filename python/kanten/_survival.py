"""Survival analysis as DataFrames (kanten/programme/survival.hpp; definitions in
docs/programme.md): the observations table of a caseload, Kaplan–Meier curves with Greenwood
confidence limits and groups, the log-rank test between groups, and the cumulative incidence of
the competing exits (Aalen–Johansen).

The numbers are computed in C++ as statsmodels.duration.survfunc computes them (SurvfuncRight,
survdiff, CumIncidenceRight); python/tests/test_survival.py checks that they agree.

Imported by the kanten package; use it through ``kanten``, not directly.
"""

from __future__ import annotations

import dataclasses
import numbers
from typing import Any, Dict, Hashable, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _checks, _kanten
from . import _frame  # type: ignore[attr-defined]
from ._checks import DateLike
from ._kanten import Caseload

__all__ = [
    "OBSERVATION_COLUMNS",
    "LogRankTest",
    "cumulative_incidence",
    "kaplan_meier",
    "logrank",
    "observations",
]

_ENDPOINTS: Tuple[str, ...] = tuple(_kanten.vocabulary("endpoint"))
_EXITS: Tuple[str, ...] = tuple(_kanten.vocabulary("exit"))

OBSERVATION_COLUMNS: Tuple[str, ...] = (
    "citizen", "entry", "days", "event", "exit",
    "benefit", "activity_ready", "lives_in_designated_area", "in_integration_programme",
)
"""The columns of :func:`observations`, in order."""

Labels = Union[str, "pd.Series[Any]", Mapping[str, Hashable], Sequence[Hashable], np.ndarray]
"""What ``by=`` takes: a column name, a Series or mapping from citizen id to group, or one label per time."""


# ---------------------------------------------------------------------------------------------
# Arguments
# ---------------------------------------------------------------------------------------------

def _endpoint(value: Any, fn: str) -> str:
    name = _checks.text(value, fn, "endpoint")
    if name not in _ENDPOINTS:
        hint = _checks.nearest(name, _ENDPOINTS)
        raise _checks.error("invalid_argument", "endpoint", name,
                            "expected one of " + ", ".join(_ENDPOINTS) + (f"; did you mean '{hint}'?" if hint else ""))
    return name


def _alpha(value: Any, fn: str) -> float:
    """``alpha``: a real number strictly between 0 and 1 (the limits hold 1 − alpha)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise _checks.type_error(fn, "alpha", value, "a number")
    v = float(value)
    if not 0.0 < v < 1.0:
        raise _checks.error("invalid_argument", "alpha", v, "out of range: above 0 and below 1")
    return v


def _sequence_array(value: Any, fn: str, param: str, what: Optional[str] = None) -> np.ndarray:
    """A sequence or array argument as a numpy array; a scalar, a str, a mapping or None is a TypeError."""
    if value is None or isinstance(value, (str, bytes, Mapping, pd.DataFrame)) or np.ndim(value) == 0:
        expected = {"source": "a kanten.Caseload or a sequence of numbers, or an observations DataFrame",
                    "event": "a sequence of booleans", "cause": "a sequence of cause labels (None: censored)"}
        raise _checks.type_error(fn, param, value, what or expected.get(param, "a sequence"))
    if isinstance(value, pd.Series):
        value = value.to_numpy()
    try:
        out = np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        raise _checks.error("invalid_argument", param, "", "not a one-dimensional sequence") from None
    if out.ndim != 1:
        raise _checks.error("invalid_argument", param, out.ndim, "not a one-dimensional sequence (dimensions)")
    return out


def _days(value: Any, fn: str, field: str = "days") -> np.ndarray:
    """Times in whole days that fit in 32 bits, as int64 (a negative time is the library's error)."""
    days = _sequence_array(value, fn, "source") if not isinstance(value, np.ndarray) else value
    if days.dtype.kind not in "iuf":
        raise _checks.error("invalid_argument", field, str(days.dtype), "times must be whole days (numbers)")
    if days.size:
        if days.dtype.kind == "f" and not np.all(np.isfinite(days) & (np.mod(days, 1) == 0)):
            raise _checks.error("invalid_argument", field, str(days.dtype), "times must be whole days")
        low, high = days.min(), days.max()
        if high > _checks.INT32_MAX or low < -_checks.INT32_MAX - 1:
            bad = int(np.argmax(days > _checks.INT32_MAX)) if high > _checks.INT32_MAX else int(np.argmin(days))
            raise _checks.error("invalid_argument", f"{field}[{bad}]", days.flat[bad].item(),
                                "a time in days must fit in 32 bits")
    return days.astype(np.int64)


def _flags(value: Any, fn: str, field: str = "event") -> np.ndarray:
    flags = _sequence_array(value, fn, "event") if not isinstance(value, np.ndarray) else value
    if flags.dtype.kind != "b":
        raise _checks.error("invalid_argument", field, str(flags.dtype), "flags must be booleans")
    return flags


@dataclasses.dataclass
class _Data:
    """Observations of a source: days and event flags, and the observations table when there is one."""

    days: np.ndarray
    event: np.ndarray
    table: Optional[pd.DataFrame] = None
    caseload: bool = False


def _data(source: Any, as_of: Any, endpoint: Any, event: Any, fn: str) -> _Data:
    """The observations of ``source``: a caseload (with ``as_of`` and ``endpoint``), an
    observations DataFrame (``days`` and ``event`` columns), or a sequence of days with ``event``."""
    if isinstance(source, Caseload):
        if as_of is None:
            raise _checks.error("invalid_argument", "as_of", "", "missing: a caseload's observations need an as-of date")
        if event is not None:
            raise _checks.error("invalid_argument", "event", "", "a caseload's events come from the caseload")
        date = _checks.date_arg(as_of, fn, "as_of")
        table = _frame(_kanten._observations(source, date, _endpoint(endpoint, fn)))
        return _Data(table["days"].to_numpy(np.int64), table["event"].to_numpy(bool), table, caseload=True)
    if isinstance(source, pd.DataFrame):
        if as_of is not None:
            raise _checks.error("invalid_argument", "as_of", "", "an observations table takes no as-of date")
        if _checks.text(endpoint, fn, "endpoint") != "first_paid_hours":
            raise _checks.error("invalid_argument", "endpoint", endpoint,
                                "an observations table takes its events from its 'event' column, not an endpoint")
        if event is not None:
            raise _checks.error("invalid_argument", "event", "", "an observations table takes its events from its 'event' column")
        for column in ("days", "event"):
            if column not in source.columns:
                raise _checks.error("invalid_input", f"source.{column}", "",
                                    f"missing: an observations table needs a '{column}' column (see kanten.observations)")
        return _Data(_days(source["days"].to_numpy(), fn, "source.days"),
                     _flags(source["event"].to_numpy(), fn, "source.event"), source)
    days = _sequence_array(source, fn, "source")
    if as_of is not None:
        raise _checks.error("invalid_argument", "as_of", "", "a curve of your own data takes no as-of date")
    if _checks.text(endpoint, fn, "endpoint") != "first_paid_hours":
        raise _checks.error("invalid_argument", "endpoint", endpoint,
                            "your own data takes its events from 'event', not an endpoint")
    if event is None:
        raise _checks.error("invalid_argument", "event", "", "missing: give one event flag per time")
    flags = _sequence_array(event, fn, "event")
    days = _days(days, fn)
    flags = _flags(flags, fn)
    if len(flags) != len(days):
        raise _checks.error("invalid_argument", "event", len(flags), f"needs one flag per time ({len(days)} times)")
    return _Data(days, flags)


def _groups(by: Any, data: _Data, fn: str) -> pd.Categorical:
    """One group label per observation (NaN: none), as a categorical with only the groups present,
    in category order (a categorical's own order, else sorted)."""
    n = len(data.days)
    table = data.table
    if isinstance(by, str):
        if table is None:
            raise _checks.error("invalid_argument", "by", by,
                                "a column name needs a caseload or an observations table; give one label per time")
        if by not in table.columns:
            raise _checks.error("invalid_argument", "by", by,
                                "not a column of the observations; columns: " + ", ".join(map(str, table.columns)))
        labels: Any = table[by]
    elif table is not None and "citizen" in table.columns and (
            isinstance(by, Mapping) or (isinstance(by, pd.Series) and not by.index.equals(table.index))):
        # A citizen → group lookup (a Series by its index; one indexed like the table aligns with its rows).
        if isinstance(by, pd.Series) and not by.index.is_unique:
            raise _checks.error("invalid_argument", "by", "", "the Series' index (citizen ids) repeats an id")
        lookup = by if isinstance(by, pd.Series) else pd.Series(dict(by), dtype=object)
        labels = table["citizen"].map(lookup)
        if isinstance(by, pd.Series) and isinstance(by.dtype, pd.CategoricalDtype):
            labels = pd.Categorical(labels, categories=by.cat.categories, ordered=by.cat.ordered)
    elif isinstance(by, Mapping):
        raise _checks.error("invalid_argument", "by", "",
                            "a mapping from citizen to group needs a caseload or an observations table with a "
                            "'citizen' column")
    else:
        if isinstance(by, (bytes, pd.DataFrame)) or by is None or np.ndim(by) != 1:
            raise _checks.type_error(fn, "by", by, "a column name, a Series or mapping citizen → group, or a sequence")
        if data.caseload:
            raise _checks.error("invalid_argument", "by", "",
                                "for a caseload, give a column name of kanten.observations() or a Series or mapping "
                                "citizen → group (its observations' order is not yours to rely on)")
        if len(by) != n:
            raise _checks.error("invalid_argument", "by", len(by), f"needs one group label per time ({n} times)")
        labels = by.array if isinstance(by, pd.Series) else by
    try:
        cat = labels if isinstance(labels, pd.Categorical) else pd.Categorical(labels)
    except TypeError:
        raise _checks.error("invalid_argument", "by", "", "group labels must be of one kind that sorts") from None
    cat = cat.remove_unused_categories()
    missing = int((cat.codes < 0).sum())
    if missing:
        _checks.warn(f"{fn}: {missing} of {n} observations have no group in 'by'; they are left out", stacklevel=4)
    return cat


# ---------------------------------------------------------------------------------------------
# The observations table
# ---------------------------------------------------------------------------------------------

def observations(caseload: Caseload, as_of: DateLike, endpoint: str = "first_paid_hours") -> pd.DataFrame:
    """The observations table of a caseload for an ``endpoint`` (one of ``kanten.ENDPOINTS``):
    one row per citizen who entered the model, in caseload order — the table statsmodels'
    ``SurvfuncRight``, ``PHReg`` and any survival tool take (docs/programme.md, "The observations table").

    Columns: ``citizen``; ``entry`` (datetime64: the first conversation, Trin 1 starts);
    ``days`` (int64: from entry to the event, or to the censoring at another exit or at ``as_of``);
    ``event`` (bool: the endpoint happened; False: censored); ``exit`` (category of
    ``kanten.EXITS``: the exit taken on the observation's last day — the competing exit that
    ended the follow-up, or for ``endpoint="exit"`` the exit that is the event; NaN when none);
    and the profile in force on the day of entry: ``benefit`` (category), ``activity_ready``,
    ``lives_in_designated_area``, ``in_integration_programme`` (bool). kanten's events record no
    age, so there is no age band. The C++ work runs with the GIL released.

    Example::

        obs = kanten.observations(load, "2020-12-31")
        statsmodels.api.SurvfuncRight(obs["days"], obs["event"])
    """
    fn = "observations"
    _checks.need(caseload, Caseload, fn, "caseload")
    date = _checks.date_arg(as_of, fn, "as_of")
    return _frame(_kanten._observations(caseload, date, _endpoint(endpoint, fn)))


# ---------------------------------------------------------------------------------------------
# Kaplan–Meier
# ---------------------------------------------------------------------------------------------

def kaplan_meier(
    source: Union[Caseload, pd.DataFrame, Sequence[int], np.ndarray],
    as_of: Optional[DateLike] = None,
    *,
    endpoint: str = "first_paid_hours",
    event: Optional[Union[Sequence[bool], np.ndarray]] = None,
    by: Optional[Labels] = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """A Kaplan–Meier step function with right-censoring and pointwise confidence limits, as a DataFrame.

    ``source`` is one of:

    - a caseload — ``kaplan_meier(load, as_of, endpoint="first_paid_hours")``: days from entry
      to the ``endpoint`` (one of ``kanten.ENDPOINTS``), censored at the as-of date or at an exit
      that is not the event (see :func:`observations`);
    - an observations DataFrame (:func:`observations`, or any with ``days`` and ``event``
      columns): no ``as_of``, ``endpoint`` or ``event`` then;
    - your own data: ``kaplan_meier(days, event=flags)``, one time in days (≥ 0) and one flag
      (True: the event, False: censored) per subject (no ``as_of`` or ``endpoint``).

    An argument that does not apply is a :class:`KantenError`, not ignored.

    One row per distinct time, ascending: ``days``, ``at_risk``, ``events``, ``censored``,
    ``survival`` just after that time, ``std_err`` (Greenwood's; NaN once the survival is 0),
    and ``lower`` and ``upper``, the 1 − ``alpha`` pointwise limits on the log(−log) scale
    (docs/programme.md, "Confidence limits"). ``df.attrs`` holds ``median`` (the first time the
    survival is at most 0.5, or None), ``subjects``, ``events``, ``censored`` and ``alpha``.

    ``by`` gives one curve per group, stacked, with a ``group`` column first (a category, in
    the labels' order — a categorical's own, else sorted): a column name of the observations
    (``by="benefit"``), a Series or mapping from citizen id to group (for a caseload or an
    observations table with a ``citizen`` column), or, for your own data or a table, one label
    per time. Observations without a label are left out with a :class:`KantenWarning`. With
    ``by``, each ``df.attrs`` entry but ``alpha`` is a dict from group to value.

    ``alpha`` is a number strictly between 0 and 1 (0.05: 95 % limits). A wrong type is a
    ``TypeError``; times that are not whole days from 0 to 2**31 - 1, flags that are not
    booleans, or a bad ``alpha`` a :class:`KantenError`.

    Example::

        km = kanten.kaplan_meier(load, "2020-12-31", by="benefit")
        km.groupby("group").plot(x="days", y="survival", drawstyle="steps-post")
    """
    fn = "kaplan_meier"
    a = _alpha(alpha, fn)
    if by is None and isinstance(source, Caseload):
        if as_of is None:
            raise _checks.error("invalid_argument", "as_of", "", "missing: a caseload's curve needs an as-of date")
        if event is not None:
            raise _checks.error("invalid_argument", "event", "", "a caseload's curve takes its events from the caseload")
        raw = _kanten._kaplan_meier_caseload(source, _checks.date_arg(as_of, fn, "as_of"), _endpoint(endpoint, fn), a)
        return _curve(raw, a)
    data = _data(source, as_of, endpoint, event, fn)
    if by is None:
        return _curve(_kanten._kaplan_meier_data(data.days, data.event, a), a)
    groups = _groups(by, data, fn)
    parts, attrs = [], {"median": {}, "subjects": {}, "events": {}, "censored": {}}
    for code, label in enumerate(groups.categories):
        keep = groups.codes == code
        part = _curve(_kanten._kaplan_meier_data(data.days[keep], data.event[keep], a), a)
        for key in attrs:
            attrs[key][label] = part.attrs[key]
        part.insert(0, "group", pd.Categorical.from_codes(np.full(len(part), code), dtype=groups.dtype))
        parts.append(part)
    if parts:
        out = pd.concat(parts, ignore_index=True)
    else:
        out = _curve(_kanten._kaplan_meier_data(data.days[:0], data.event[:0], a), a)
        out.insert(0, "group", pd.Categorical([], dtype=groups.dtype))
    out.attrs = dict(attrs, alpha=a)
    return out


def _curve(raw: Mapping[str, Any], alpha: float) -> pd.DataFrame:
    df = _frame(raw["curve"])
    df.attrs.update(median=raw["median"], subjects=raw["subjects"], events=raw["events"], censored=raw["censored"],
                    alpha=alpha)
    return df


# ---------------------------------------------------------------------------------------------
# The log-rank test
# ---------------------------------------------------------------------------------------------

@_checks.copies("table")
@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class LogRankTest:
    """The log-rank test of equal survival in two or more groups (made by :func:`logrank`).

    Read-only: ``table`` is a new copy on each access. Compared by identity.
    """

    statistic: float
    """The chi-square statistic (O − E)ᵀ V⁻¹ (O − E) over the groups but the first."""
    df: int
    """Degrees of freedom: the number of groups less one."""
    p_value: float
    """P(χ²(df) ≥ statistic)."""
    table: pd.DataFrame
    """One row per group: ``group`` (a category), ``subjects``, ``observed`` (events, int64),
    ``expected`` (events expected under equal hazards) and ``variance`` (of observed − expected)."""

    @property
    def observed(self) -> "pd.Series[int]":
        """Events per group, indexed by group."""
        return self.__dict__["table"].set_index("group")["observed"].copy()

    @property
    def expected(self) -> "pd.Series[float]":
        """Events expected per group under equal hazards, indexed by group."""
        return self.__dict__["table"].set_index("group")["expected"].copy()

    def __repr__(self) -> str:
        return _checks.short_repr("LogRankTest", f"{len(self.__dict__['table'])} groups",
                                  f"chi2 {self.statistic:.4g} on {self.df} df", f"p {self.p_value:.4g}")

    def _repr_html_(self) -> str:
        return _checks.html_repr(repr(self), self.__dict__["table"])


def logrank(
    source: Union[Caseload, pd.DataFrame, Sequence[int], np.ndarray],
    as_of: Optional[DateLike] = None,
    *,
    by: Labels,
    endpoint: str = "first_paid_hours",
    event: Optional[Union[Sequence[bool], np.ndarray]] = None,
) -> LogRankTest:
    """The log-rank test that the groups of ``by`` have one survival function (docs/programme.md,
    "The log-rank test"); as statsmodels' ``survdiff`` computes it (no weights).

    ``source``, ``as_of``, ``endpoint`` and ``event`` as for :func:`kaplan_meier`; ``by`` as
    there, and required. Observations without a group are left out with a :class:`KantenWarning`.
    Fewer than two groups, no events at all, or a group with nobody at risk at any event time
    (the test is then undefined) is a :class:`KantenError`.

    Example::

        t = kanten.logrank(load, "2020-12-31", by="benefit")
        t.p_value, t.table
    """
    fn = "logrank"
    data = _data(source, as_of, endpoint, event, fn)
    groups = _groups(by, data, fn)
    if len(groups.categories) < 2:
        raise _checks.error("invalid_argument", "by", len(groups.categories),
                            "the log-rank test needs at least two groups with observations")
    keep = groups.codes >= 0
    raw = _kanten._logrank(data.days[keep], data.event[keep], groups.codes[keep].astype(np.int64),
                           len(groups.categories))
    table = _frame(raw["table"])
    table.insert(0, "group", pd.Categorical.from_codes(np.arange(len(groups.categories)), dtype=groups.dtype))
    return LogRankTest(statistic=float(raw["statistic"]), df=int(raw["df"]), p_value=float(raw["p_value"]), table=table)


# ---------------------------------------------------------------------------------------------
# Cumulative incidence of competing exits
# ---------------------------------------------------------------------------------------------

def cumulative_incidence(
    source: Union[Caseload, Sequence[int], np.ndarray],
    as_of: Optional[DateLike] = None,
    *,
    cause: Optional[Union[Sequence[Any], np.ndarray, "pd.Series[Any]"]] = None,
    alpha: float = 0.05,
) -> pd.DataFrame:
    """The cumulative incidence of competing causes (Aalen–Johansen), long: one row per cause
    and distinct time (docs/programme.md, "Cumulative incidence"); as statsmodels'
    ``CumIncidenceRight`` computes it.

    Of a caseload — ``cumulative_incidence(load, as_of)`` — the causes are the three exits, days
    from entry, censored at ``as_of``: the share of those who entered who have left through each
    exit by a time, where 1 − Kaplan–Meier of one exit would count the others as censored. Of
    your own data — ``cumulative_incidence(days, cause=labels)`` — one label per time, missing
    (None, NaN) for censored; the causes are the labels (a categorical's categories, else the
    sorted labels).

    Columns: ``cause`` (a category), ``days``, ``at_risk`` (subjects whose time is ≥ days),
    ``events`` (of this cause at this time), ``cif`` (the probability of this cause by the end of
    days), ``std_err`` (the delta method; NaN once nobody is left at risk), and ``lower`` and
    ``upper``, the 1 − ``alpha`` pointwise limits on the log(−log) scale. ``df.attrs`` holds
    ``subjects``, ``censored`` and ``alpha``.

    Example::

        ci = kanten.cumulative_incidence(load, "2020-12-31")
        ci.pivot(index="days", columns="cause", values="cif").plot(drawstyle="steps-post")
    """
    fn = "cumulative_incidence"
    a = _alpha(alpha, fn)
    if isinstance(source, Caseload):
        if as_of is None:
            raise _checks.error("invalid_argument", "as_of", "", "missing: a caseload's incidence needs an as-of date")
        if cause is not None:
            raise _checks.error("invalid_argument", "cause", "", "a caseload's causes are its exits")
        raw = _kanten._cumulative_incidence_caseload(source, _checks.date_arg(as_of, fn, "as_of"), a)
        categories: Sequence[Any] = _EXITS
        subjects = None
    else:
        days = _days(_sequence_array(source, fn, "source", "a kanten.Caseload or a sequence of numbers"), fn)
        if as_of is not None:
            raise _checks.error("invalid_argument", "as_of", "", "your own data takes no as-of date")
        if cause is None:
            raise _checks.error("invalid_argument", "cause", "", "missing: give one cause label per time (None: censored)")
        # A categorical (or a Series of one) keeps its categories and their order.
        labels = cause.array if isinstance(cause, pd.Series) else cause
        if not isinstance(labels, pd.Categorical):
            labels = _sequence_array(labels, fn, "cause")
        if len(labels) != len(days):
            raise _checks.error("invalid_argument", "cause", len(labels), f"needs one label per time ({len(days)} times)")
        try:
            cat = labels if isinstance(labels, pd.Categorical) else pd.Categorical(labels)
        except TypeError:
            raise _checks.error("invalid_argument", "cause", "", "cause labels must be of one kind that sorts") from None
        if len(cat.categories) == 0:
            raise _checks.error("invalid_argument", "cause", "", "no cause: every observation is censored")
        categories = list(cat.categories)
        raw = _kanten._cumulative_incidence_data(days, cat.codes.astype(np.int64) + 1, len(categories), a)
        subjects = len(days)
    df = _frame(raw)
    df["cause"] = pd.Categorical.from_codes(df["cause"].astype(np.int64), categories=list(categories))
    first = df.loc[df["cause"].cat.codes == 0]
    n = subjects if subjects is not None else (int(first["at_risk"].iloc[0]) if len(first) else 0)
    df.attrs.update(subjects=n, censored=n - int(df["events"].sum()), alpha=a)
    return df
