"""Programme figures as DataFrames (kanten/programme/programme.hpp; definitions in docs/programme.md).

Imported by the kanten package; use it through ``kanten``, not directly.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any, Dict, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _checks, _kanten
from . import _frame  # type: ignore[attr-defined]
from ._kanten import Caseload

__all__ = [
    "ENDPOINTS",
    "FUNNEL_STAGES",
    "MAX_RETENTION_MONTHS",
    "ProgrammeFigures",
    "kaplan_meier",
    "person_months",
    "programme_figures",
]

FUNNEL_STAGES: Tuple[str, ...] = _kanten.vocabulary("funnel_stage")
"""The funnel's stages, in order (docs/programme.md): ``caseload``, ``entered``, ``trin2``,
``trin3``, ``paid_hours``, then the three exits (C++'s kanten::FunnelStage)."""

ENDPOINTS: Tuple[str, ...] = _kanten.vocabulary("endpoint")
"""What a Kaplan–Meier curve of a caseload measures, in days from entry (docs/programme.md)."""


MAX_RETENTION_MONTHS = _kanten.MAX_RETENTION_MONTHS
"""The most months after entering Trin 3 that :func:`programme_figures` measures retention at (100 years)."""


def _need_caseload(caseload: Any, fn: str) -> None:
    _checks.need(caseload, Caseload, fn, "caseload")


def person_months(caseload: Caseload, as_of: Any) -> pd.DataFrame:
    """The person-month panel: one row per citizen and calendar month, from entry to ``as_of``.

    Rows run from the month of the citizen's entry (the first conversation: Trin 1 starts) to
    the month of ``as_of``, or to the month of the exit. Columns: ``citizen``, ``month``
    (``period[M]``), ``step`` (at the month's end; at ``as_of`` in its month, a category),
    ``ordinary_minutes`` and ``internship_minutes`` (exact integers), ``agreement`` (an
    agreement with a company in force on at least one day of the month) and ``exit`` (the exit
    taken in the month, a category; NaN when none). Cases that never entered have no rows.

    Example::

        panel = kanten.person_months(load, "2019-12-31")
        panel.groupby("month")["ordinary_minutes"].sum() / 60   # paid hours per month
    """
    _need_caseload(caseload, "person_months")
    return _frame(_kanten._person_months(caseload, _checks.date_arg(as_of, "person_months", "as_of")))


@dataclasses.dataclass(frozen=True, eq=False)
class ProgrammeFigures:
    """The programme figures of a caseload as of one date (made by :func:`programme_figures`).

    Compared by identity: its tables are DataFrames.
    """

    as_of: _dt.date
    """The date evaluated."""
    rule_set: str
    """The version of the rule set used."""
    funnel: pd.DataFrame
    """One row per stage (``stage``, in funnel order): ``citizens`` and ``share`` of those who entered."""
    paid_hours_share: Optional[float]
    """Citizens with any paid hours over those who entered; None when nobody entered."""
    thirty_hours_share: Optional[float]
    """Citizens who left through the 30-hour exit over those who entered; None when nobody entered."""
    retention: pd.DataFrame
    """One row per month count: ``months``, ``eligible``, ``retained``, ``share`` (NaN when nobody is eligible)."""
    steps_by_month: pd.DataFrame
    """Citizens per step (one column per step, in model order) at each month's end; indexed by month."""
    curves: pd.DataFrame
    """The three Kaplan–Meier step functions, long: ``endpoint``, ``days``, ``at_risk``, ``events``, ``censored``, ``survival``."""
    medians: Dict[str, Optional[int]]
    """The median days of each endpoint's curve; None when the survival never reaches 0.5."""
    json: str
    """Every figure as JSON text (docs/json-format.md, "Programme figures")."""


def programme_figures(
    caseload: Caseload, as_of: Any, *, retention_months: Sequence[int] = (3, 6, 12)
) -> ProgrammeFigures:
    """The evaluation figures of a caseload as of ``as_of`` (docs/programme.md).

    Every case is evaluated as of ``as_of``; the figures are the funnel through the steps, the
    shares of those who entered with paid hours and with the 30-hour exit, retention
    ``retention_months`` months after entering Trin 3 (each an int from 1 to
    :data:`MAX_RETENTION_MONTHS`; outside: :class:`KantenError` naming ``retention_months[i]``),
    citizens per step at each month's end, and Kaplan–Meier curves of the days from entry to
    the first paid hour, to any exit and to the 30-hour exit. The C++ work runs with the GIL released.

    Example::

        f = kanten.programme_figures(kanten.generate_caseload(), "2019-12-31")
        f.paid_hours_share           # seed 003 reports about 0.15 at the midterm
        f.steps_by_month.plot.area()
    """
    fn = "programme_figures"
    _need_caseload(caseload, fn)
    months = _checks.integers(retention_months, fn, "retention_months", 1, MAX_RETENTION_MONTHS)
    raw = _kanten._programme_figures(caseload, _checks.date_arg(as_of, fn, "as_of"), months)
    funnel = _frame(raw["funnel"])
    entered = int(funnel.loc[funnel["stage"] == "entered", "citizens"].iloc[0])
    funnel["share"] = funnel["citizens"] / entered if entered else np.nan
    funnel.loc[funnel["stage"] == "caseload", "share"] = np.nan
    steps = _frame(raw["steps_by_month"]).set_index("month")
    steps.columns.name = "step"
    return ProgrammeFigures(
        as_of=_dt.date.fromisoformat(raw["as_of"]),
        rule_set=raw["rule_set"],
        funnel=funnel,
        paid_hours_share=raw["paid_hours_share"],
        thirty_hours_share=raw["thirty_hours_share"],
        retention=_frame(raw["retention"]),
        steps_by_month=steps,
        curves=_frame(raw["curves"]),
        medians=dict(raw["medians"]),
        json=raw["json"],
    )


def kaplan_meier(
    source: Any,
    as_of: Any = None,
    *,
    endpoint: str = "first_paid_hours",
    event: Any = None,
) -> pd.DataFrame:
    """A Kaplan–Meier step function with right-censoring, as a DataFrame.

    Either of a caseload — ``kaplan_meier(load, as_of, endpoint="first_paid_hours")``, days from
    entry to the ``endpoint`` (one of :data:`ENDPOINTS`), censored at the as-of date or at an
    exit that is not the event — or of your own data: ``kaplan_meier(days, event=flags)`` with
    one time in days (≥ 0) and one flag (True: the event, False: censored) per subject (no
    ``as_of`` or ``endpoint`` then: given, they are a :class:`KantenError`, not ignored).

    One row per distinct time, ascending: ``days``, ``at_risk``, ``events``, ``censored`` and
    ``survival`` just after that time. ``df.attrs`` holds ``median`` (the first time the
    survival is at most 0.5, or None), ``subjects``, ``events`` and ``censored``.

    ``source`` neither a caseload nor a sequence (or array) of numbers, or ``endpoint`` not a
    str, is a ``TypeError``; times that are not whole days from 0 to 2**31 - 1, or flags that are
    not booleans, a :class:`KantenError`.
    """
    fn = "kaplan_meier"
    if isinstance(source, Caseload):
        if as_of is None:
            raise _checks.error("invalid_argument", "as_of", "", "missing: a caseload's curve needs an as-of date")
        if event is not None:
            raise _checks.error("invalid_argument", "event", "", "a caseload's curve takes its events from the caseload")
        raw = _kanten._kaplan_meier_caseload(
            source, _checks.date_arg(as_of, fn, "as_of"), _checks.text(endpoint, fn, "endpoint")
        )
    else:
        days = _sequence_array(source, fn, "source")
        if as_of is not None:
            raise _checks.error("invalid_argument", "as_of", "", "a curve of your own data takes no as-of date")
        if _checks.text(endpoint, fn, "endpoint") != "first_paid_hours":
            raise _checks.error("invalid_argument", "endpoint", endpoint,
                                "a curve of your own data takes its events from 'event', not an endpoint")
        if event is None:
            raise _checks.error("invalid_argument", "event", "", "missing: give one event flag per time")
        flags = _sequence_array(event, fn, "event")
        if days.dtype.kind not in "iuf":
            raise _checks.error("invalid_argument", "days", str(days.dtype), "times must be whole days (numbers)")
        if days.size:
            if days.dtype.kind == "f" and not np.all(np.isfinite(days) & (np.mod(days, 1) == 0)):
                raise _checks.error("invalid_argument", "days", str(days.dtype), "times must be whole days")
            low, high = days.min(), days.max()
            if high > _checks.INT32_MAX or low < -_checks.INT32_MAX - 1:
                bad = int(np.argmax(days > _checks.INT32_MAX)) if high > _checks.INT32_MAX else int(np.argmin(days))
                raise _checks.error("invalid_argument", f"days[{bad}]", days.flat[bad].item(),
                                    "a time in days must fit in 32 bits")
        if flags.dtype.kind != "b":
            raise _checks.error("invalid_argument", "event", str(flags.dtype), "flags must be booleans")
        raw = _kanten._kaplan_meier_data(days.astype(np.int64), flags)
    df = _frame(raw["curve"])
    df.attrs.update(median=raw["median"], subjects=raw["subjects"], events=raw["events"], censored=raw["censored"])
    return df


def _sequence_array(value: Any, fn: str, param: str) -> np.ndarray:
    """A sequence or array argument as a numpy array; a scalar, a str, a mapping or None is a TypeError."""
    if value is None or isinstance(value, (str, bytes, dict, pd.DataFrame)) or np.ndim(value) == 0:
        raise _checks.type_error(fn, param, value, "a kanten.Caseload or a sequence of numbers" if param == "source"
                                 else "a sequence of booleans")
    try:
        return np.asarray(value)
    except (ValueError, TypeError, OverflowError):
        raise _checks.error("invalid_argument", param, "", "not a one-dimensional sequence") from None
