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
from ._checks import DateLike
from ._kanten import Caseload

__all__ = [
    "ENDPOINTS",
    "FUNNEL_STAGES",
    "MAX_RETENTION_MONTHS",
    "ProgrammeFigures",
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


def person_months(caseload: Caseload, as_of: DateLike) -> pd.DataFrame:
    """The person-month panel: one row per citizen and calendar month, from entry to ``as_of``.

    Rows run from the month of the citizen's entry (the first conversation: Trin 1 starts) to
    the month of ``as_of``, or to the month of the exit. Columns: ``citizen``, ``month``
    (``period[M]``), ``step`` (at the month's end; at ``as_of`` in its month; an ordered category),
    ``ordinary_minutes`` and ``internship_minutes`` (exact integers), ``agreement`` (an
    agreement with a company in force on at least one day of the month), ``exit`` (the exit
    taken in the month, a category; NaN when none), ``in_target_group`` (KE3 membership), the
    profile — ``benefit`` (a category), ``activity_ready``, ``lives_in_designated_area``,
    ``in_integration_programme`` — ``bus_trips`` (trips attended in the month) and
    ``in_training`` (on a training track); membership, the profile and ``in_training`` are
    those at the month's end (at ``as_of`` in its month), by the dated profile. Cases that never
    entered have no rows. For several groups together, see :func:`comparison_panel`.

    Example::

        panel = kanten.person_months(load, "2019-12-31")
        panel.groupby("month")["ordinary_minutes"].sum() / 60   # paid hours per month
    """
    _need_caseload(caseload, "person_months")
    return _frame(_kanten._person_months(caseload, _checks.date_arg(as_of, "person_months", "as_of")))


@_checks.copies("funnel", "retention", "steps_by_month", "curves", "medians")
@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class ProgrammeFigures:
    """The programme figures of a caseload as of one date (made by :func:`programme_figures`).

    Read-only: every table (and ``medians``) is a new copy on each access. Compared by identity:
    its tables are DataFrames. Its repr is one line of key figures; in a notebook it shows the funnel.

    - ``funnel``: one row per stage: ``stage`` (category of :data:`FUNNEL_STAGES`, in funnel
      order), ``citizens`` (int64) and ``share`` of those who entered (float; NaN for ``caseload``).
    - ``retention``: one row per month count: ``months``, ``eligible``, ``retained`` (int64),
      ``share`` (float, NaN when nobody is eligible).
    - ``steps_by_month``: citizens per step (int64, one column per step in model order) at each
      month's end, indexed by ``month`` (period[M]).
    - ``curves``: the three Kaplan–Meier step functions, long: ``endpoint`` (category of
      :data:`ENDPOINTS`), ``days``, ``at_risk``, ``events``, ``censored`` (int64), ``survival``,
      ``std_err``, ``lower`` and ``upper`` (float: Greenwood's error and the 95 % limits, as :func:`kaplan_meier`).
    - ``medians`` (dict: endpoint → median days or None), ``paid_hours_share`` and
      ``thirty_hours_share`` (float or None), ``as_of``, ``rule_set``, ``json`` (docs/json-format.md).
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

    def __repr__(self) -> str:
        funnel = self.__dict__["funnel"]
        counts = dict(zip(funnel["stage"].astype(str), funnel["citizens"]))
        share = lambda v: "n/a" if v is None else f"{v:.1%}"  # noqa: E731
        median = self.__dict__["medians"].get("first_paid_hours")
        return _checks.short_repr(
            "ProgrammeFigures", f"as of {self.as_of}",
            f"{counts.get('caseload', 0)} citizens, {counts.get('entered', 0)} entered",
            f"paid hours {share(self.paid_hours_share)}, 30-hour exit {share(self.thirty_hours_share)}",
            f"median days to first paid hours {'not reached' if median is None else median}")

    def _repr_html_(self) -> str:
        return _checks.html_repr(repr(self), self.__dict__["funnel"])


def programme_figures(
    caseload: Caseload, as_of: DateLike, *, retention_months: Sequence[int] = (3, 6, 12)
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
