"""A comparison design: subsets of a caseload, two or more caseloads through the same programme
figures side by side, and the person-month panel of the groups together (docs/programme.md,
"Comparing groups").

The sources ask for the programme's effects ("beskæftigelseseffekt", 003_b82c162ee9c6e810.txt,
Evaluering) but define no method. kanten gives the tables an evaluator fits a model to — the
panel with the group, the in-programme indicator and the profile covariates; the survival
observations with the group — and the same descriptive figures for every group. What a
difference between the groups means depends on how the groups were formed, which kanten cannot
know.

Imported by the kanten package; use it through ``kanten``, not directly.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from typing import Any, Dict, List, Mapping, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _checks, _programme, _survival
from ._checks import DateLike
from ._kanten import Caseload

__all__ = [
    "Comparison",
    "compare",
    "comparison_panel",
]

_BENEFITS: Tuple[str, ...] = tuple(_checks._kanten.vocabulary("benefit"))


# ---------------------------------------------------------------------------------------------
# Subsets of a caseload: Caseload.select and Caseload.filter
# ---------------------------------------------------------------------------------------------

def _caseload_select(self: Caseload, ids: Sequence[str]) -> Caseload:
    """The cases of the citizens ``ids`` (a sequence of citizen ids: a list, an array, a Series),
    in the order of ``ids``, as a new caseload.

    The cases are copied in C++ (no round trip through DataFrames); rejected input events and
    their DataFrame rows come along. An id without a case in the caseload, or an id given twice,
    is a :class:`KantenError` naming it (``ids[i]``); ``ids`` not a sequence of str (a single str
    too) is a ``TypeError``.

    Example::

        first_100 = load.select(load.citizens[:100])
    """
    fn = "Caseload.select"
    _checks.need(self, Caseload, fn, "self")
    return self._select(_checks.texts(ids, fn, "ids"))


def _caseload_filter(
    self: Caseload,
    *,
    benefit: Union[None, str, Sequence[str]] = None,
    activity_ready: Optional[bool] = None,
    lives_in_designated_area: Optional[bool] = None,
    in_integration_programme: Optional[bool] = None,
) -> Caseload:
    """The cases whose profile matches every criterion given, in caseload order, as a new caseload.

    The profile is the one each record starts with (the ``profiles`` table, the JSON case's
    ``profile``), not a later ``profile_changed`` event. ``benefit`` is a benefit name
    (``VOCABULARIES["benefit"]``) or a sequence of them (any of them matches); the flags match when
    equal; None leaves a criterion out. The cases are copied in C++, as by :meth:`select`.
    An unknown benefit is a :class:`KantenError` naming it; a flag that is not a bool a ``TypeError``.

    Example::

        ready = load.filter(activity_ready=True, benefit=["kontanthjaelp", "uddannelseshjaelp"])
    """
    fn = "Caseload.filter"
    _checks.need(self, Caseload, fn, "self")
    benefits: Optional[List[str]] = None
    if benefit is not None:
        one = isinstance(benefit, str)
        benefits = [benefit] if one else _checks.texts(benefit, fn, "benefit")
        for i, name in enumerate(benefits):
            if name not in _BENEFITS:
                raise _checks.error("invalid_argument", "benefit" if one else f"benefit[{i}]", name,
                                    "unknown benefit: expected one of " + ", ".join(_BENEFITS))
    flags = {
        name: None if value is None else _checks.flag(value, fn, name)
        for name, value in (("activity_ready", activity_ready),
                            ("lives_in_designated_area", lives_in_designated_area),
                            ("in_integration_programme", in_integration_programme))
    }
    return self._filter(benefits, **flags)


Caseload.select = _caseload_select  # type: ignore[attr-defined]
Caseload.filter = _caseload_filter  # type: ignore[attr-defined]


# ---------------------------------------------------------------------------------------------
# Groups
# ---------------------------------------------------------------------------------------------

def _groups_arg(groups: Any, fn: str) -> Dict[str, Caseload]:
    """``groups``: a mapping of at least two names (non-empty str) to caseloads that share no
    citizen; a KantenError names the group at fault, a TypeError the wrong type."""
    if not isinstance(groups, Mapping):
        raise _checks.type_error(fn, "groups", groups, "a mapping of group names to kanten.Caseload")
    out: Dict[str, Caseload] = {}
    for name, load in groups.items():
        if not isinstance(name, str):
            raise TypeError(f"{fn}: parameter 'groups' must have str keys (group names), not {type(name).__name__}")
        if not name.strip():
            raise _checks.error("invalid_argument", "groups", "", "a group name must not be empty")
        out[name] = _checks.need(load, Caseload, fn, f"groups[{_checks.shown(name)!r}]")
    if len(out) < 2:
        raise _checks.error("invalid_argument", "groups", len(out), "a comparison needs at least two groups")
    seen: Dict[str, str] = {}
    for name, load in out.items():
        for citizen in load.citizens:
            other = seen.setdefault(citizen, name)
            if other != name:
                raise _checks.error(
                    "invalid_argument", f"groups[{_checks.shown(name)!r}]", citizen,
                    f"the citizen is also in group '{_checks.shown(other)}': the groups must not share citizens")
    return out


def _group_column(names: Sequence[str], values: Any) -> pd.Categorical:
    """The ``group`` column: the group names as an ordered category, in the order given."""
    return pd.Categorical(values, categories=list(names), ordered=True)


def _programme_arg(programme: Any, names: Sequence[str], fn: str) -> str:
    if programme is None:
        return names[0]
    name = _checks.text(programme, fn, "programme")
    if name not in names:
        raise _checks.error("invalid_argument", "programme", name, "not one of the groups")
    return name


# ---------------------------------------------------------------------------------------------
# The panel of the groups
# ---------------------------------------------------------------------------------------------

def comparison_panel(groups: Mapping[str, Caseload], as_of: DateLike, *, programme: Optional[str] = None) -> pd.DataFrame:
    """The person-month panels of several groups in one DataFrame, ready for a
    difference-in-differences or any panel model (docs/programme.md, "Comparing groups").

    ``groups`` maps each group's name to its caseload (at least two; no citizen in two groups),
    e.g. ``{"programme": load, "comparison": other}``; ``programme`` names the programme group
    (None: the first). One row per citizen and month from entry to ``as_of`` (or the exit), as
    :func:`person_months` gives them, group after group, with these columns first:

    - ``group``: the group's name (an ordered category, in the order of ``groups``);
    - ``in_programme``: the row belongs to the programme group (bool);
    - ``citizen``, ``month`` (``period[M]``), ``entry_month`` (the month of entry, ``period[M]``)
      and ``months_since_entry`` (0 in the month of entry, int64);

    then the panel's own columns (``step``, ``ordinary_minutes``, ``internship_minutes``,
    ``agreement``, ``exit``, ``in_target_group``, ``benefit``, ``activity_ready``,
    ``lives_in_designated_area``, ``in_integration_programme``, ``bus_trips``, ``in_training``;
    the profile columns at the month's end), and last the outcome ``paid``: ordinary (paid)
    minutes in the month (bool).

    Example (a linear probability model of paid hours with citizen-clustered errors)::

        panel = kanten.comparison_panel({"programme": load, "comparison": other}, "2020-12-31")
        import statsmodels.formula.api as smf
        fit = smf.ols("paid ~ in_programme + C(months_since_entry) + activity_ready", data=panel)
        fit = fit.fit(cov_type="cluster", cov_kwds={"groups": panel["citizen"].cat.codes})
    """
    fn = "comparison_panel"
    loads = _groups_arg(groups, fn)
    date = _checks.date_arg(as_of, fn, "as_of")
    names = list(loads)
    treated = _programme_arg(programme, names, fn)
    parts = []
    for name, load in loads.items():
        part = _programme.person_months(load, date)
        month = part["month"].array.asi8
        # Rows run from the month of entry, so each citizen's first month is the entry month.
        entry = part.groupby("citizen", sort=False)["month"].transform("first").array.asi8 if len(part) else month
        front = pd.DataFrame({
            "group": _group_column(names, [name] * len(part)),
            "in_programme": np.full(len(part), name == treated),
            "citizen": part["citizen"].to_numpy(),
            "month": part["month"].array,
            "entry_month": pd.arrays.PeriodArray(entry, dtype=pd.PeriodDtype("M")),
            "months_since_entry": (month - entry).astype(np.int64),
        })
        rest = part.drop(columns=["citizen", "month"])
        rest["paid"] = part["ordinary_minutes"].to_numpy() > 0
        parts.append(pd.concat([front, rest], axis=1))
    panel = pd.concat(parts, ignore_index=True)
    panel["group"] = _group_column(names, panel["group"])
    return panel


# ---------------------------------------------------------------------------------------------
# The figures side by side
# ---------------------------------------------------------------------------------------------

@_checks.copies("figures", "summary", "funnel", "retention", "curves", "logrank", "incidence")
@dataclasses.dataclass(frozen=True, eq=False, repr=False)
class Comparison:
    """The programme figures of several groups as of one date, side by side (made by :func:`compare`).

    Read-only: each table (and ``figures``) is a new copy on every access, so changing one
    changes nothing else. Each group's figures are exactly :func:`programme_figures` of its
    caseload. Compared by identity. Its repr is one line per group; in a notebook it shows the
    summary, the funnels and the log-rank tests.
    """

    as_of: _dt.date
    """The date evaluated."""
    groups: Tuple[str, ...]
    """The group names, in order (the categories of every ``group`` column)."""
    programme: str
    """The programme group's name (``in_programme`` of :meth:`panel` and :meth:`observations`)."""
    figures: Dict[str, "_programme.ProgrammeFigures"]
    """Each group's :class:`ProgrammeFigures`, by name."""
    summary: pd.DataFrame
    """One row per group (the index, ``group``): ``citizens`` (the caseload), ``entered``,
    ``paid_hours`` (citizens with any paid hours), ``paid_hours_share``, ``exit_30_hours``,
    ``thirty_hours_share`` (shares of those who entered; NaN when nobody entered), and the median
    days from entry of each endpoint, ``median_days_<endpoint>`` (Int64; NA when the curve does
    not reach one half)."""
    funnel: pd.DataFrame
    """The funnels, long: ``group``, ``stage`` (funnel order), ``citizens``, ``share`` (of those
    who entered; NaN for ``caseload``)."""
    retention: pd.DataFrame
    """Retention in Trin 3, long: ``group``, ``months``, ``eligible``, ``retained``, ``share``."""
    curves: pd.DataFrame
    """The Kaplan–Meier curves, long: ``group``, ``endpoint``, then the columns of
    :func:`kaplan_meier` (``days``, ``at_risk``, ``events``, ``censored``, ``survival``,
    ``std_err``, ``lower``, ``upper``)."""
    logrank: pd.DataFrame
    """The log-rank test of one curve for every group, one row per endpoint: ``endpoint``,
    ``statistic``, ``df``, ``p_value`` (:func:`logrank`; NaN where the test is undefined, e.g.
    no event in any group)."""
    incidence: pd.DataFrame
    """The cumulative incidence of the exits, long: ``group``, then the columns of
    :func:`cumulative_incidence` (``cause``, ``days``, ``at_risk``, ``events``, ``cif``,
    ``std_err``, ``lower``, ``upper``)."""
    caseloads: Tuple[Caseload, ...] = dataclasses.field(repr=False)
    """The groups' caseloads, in the order of ``groups``."""

    def observations(self, endpoint: str = "first_paid_hours") -> pd.DataFrame:
        """The survival observations of every group (:func:`observations` of each caseload, one
        after the other), with ``group`` (an ordered category) and ``in_programme`` (bool) first:
        the table for a Cox model with the group as a covariate (statsmodels' ``PHReg``)."""
        return _pooled_observations(dict(zip(self.groups, self.caseloads)), self.as_of.isoformat(),
                                    _checks.text(endpoint, "Comparison.observations", "endpoint"), self.programme)

    def panel(self) -> pd.DataFrame:
        """The groups' person-month panel: :func:`comparison_panel` of the same groups and date."""
        return comparison_panel(dict(zip(self.groups, self.caseloads)), self.as_of, programme=self.programme)

    def __repr__(self) -> str:
        summary = self.__dict__["summary"]
        parts = [f"as of {self.as_of.isoformat()}"]
        for name in self.groups:
            row = summary.loc[name]
            share = row["paid_hours_share"]
            paid = "n/a" if pd.isna(share) else f"{share:.1%}"
            parts.append(f"{_checks.shown(name)}: {int(row['citizens'])} citizens, {int(row['entered'])} entered, "
                         f"{paid} with paid hours")
        test = self.__dict__["logrank"].set_index("endpoint")["p_value"]
        if pd.notna(test.get("first_paid_hours", np.nan)):
            parts.append(f"log-rank p (first paid hours) {test['first_paid_hours']:.3g}")
        return _checks.short_repr("Comparison", *parts)

    def _repr_html_(self) -> str:
        d = self.__dict__
        funnel = d["funnel"].pivot(index="stage", columns="group", values=["citizens", "share"])
        return (_checks.html_repr(repr(self), d["summary"].T)
                + "<p>Funnel</p>" + funnel.to_html()
                + "<p>Log-rank tests</p>" + d["logrank"].set_index("endpoint").to_html())


def _pooled_observations(loads: Mapping[str, Caseload], date: str, endpoint: str, treated: str) -> pd.DataFrame:
    """Every group's :func:`observations`, with ``group`` and ``in_programme`` first."""
    names = list(loads)
    parts = []
    for name, load in loads.items():
        obs = _survival.observations(load, date, endpoint=endpoint)
        obs.insert(0, "in_programme", name == treated)
        obs.insert(0, "group", _group_column(names, [name] * len(obs)))
        parts.append(obs)
    return _concat(parts, names)


def compare(
    groups: Mapping[str, Caseload],
    as_of: DateLike,
    *,
    programme: Optional[str] = None,
    retention_months: Sequence[int] = (3, 6, 12),
    alpha: float = 0.05,
) -> Comparison:
    """The programme figures of several groups as of ``as_of``, side by side (docs/programme.md,
    "Comparing groups").

    ``groups`` maps each group's name to its caseload — a programme cohort and a comparison
    cohort, or two cohorts of one programme (``load.select(...)``, ``load.filter(...)``) — at
    least two, sharing no citizen (else a :class:`KantenError` naming the group); ``programme``
    names the programme group (None: the first). Each group's figures are
    :func:`programme_figures` of its caseload with ``retention_months``; the Kaplan–Meier curves
    carry 1 − ``alpha`` pointwise confidence limits; the log-rank test compares the groups'
    curves of each endpoint; the cumulative incidence of the exits is per group. See
    :class:`Comparison` for the tables.

    Example::

        c = kanten.compare({"programme": load, "comparison": other}, "2020-12-31")
        c.summary
        kanten.plot.survival(c.curves, endpoint="first_paid_hours")
    """
    fn = "compare"
    loads = _groups_arg(groups, fn)
    date = _checks.date_arg(as_of, fn, "as_of")
    names = list(loads)
    treated = _programme_arg(programme, names, fn)
    alpha = _survival._alpha(alpha, fn)

    figures: Dict[str, _programme.ProgrammeFigures] = {}
    summary, funnel, retention, curves, incidence, tests = [], [], [], [], [], []
    pooled: Dict[str, List[pd.DataFrame]] = {endpoint: [] for endpoint in _programme.ENDPOINTS}
    for name, load in loads.items():
        f = _programme.programme_figures(load, date, retention_months=retention_months)
        figures[name] = f
        counts = f.funnel.set_index("stage")["citizens"]
        row: Dict[str, Any] = {
            "citizens": int(counts["caseload"]),
            "entered": int(counts["entered"]),
            "paid_hours": int(counts["paid_hours"]),
            "paid_hours_share": np.nan if f.paid_hours_share is None else f.paid_hours_share,
            "exit_30_hours": int(counts["exit_30_hours"]),
            "thirty_hours_share": np.nan if f.thirty_hours_share is None else f.thirty_hours_share,
        }
        medians = f.medians
        for endpoint in _programme.ENDPOINTS:
            row[f"median_days_{endpoint}"] = medians[endpoint]
        summary.append(row)
        funnel.append(_with_group(f.funnel, names, name))
        retention.append(_with_group(f.retention, names, name))
        for endpoint in _programme.ENDPOINTS:
            # One evaluation per endpoint serves the curve and the log-rank test.
            obs = _survival.observations(load, date, endpoint=endpoint)
            pooled[endpoint].append(_with_group(obs, names, name))
            km = _survival.kaplan_meier(obs, alpha=alpha)
            km.insert(0, "endpoint", pd.Categorical([endpoint] * len(km), categories=list(_programme.ENDPOINTS)))
            curves.append(_with_group(km, names, name))
        incidence.append(_with_group(_survival.cumulative_incidence(load, date, alpha=alpha), names, name))
    for endpoint in _programme.ENDPOINTS:
        tests.append(_logrank_row(_concat(pooled[endpoint], names), endpoint))

    table = pd.DataFrame(summary, index=pd.CategoricalIndex(names, categories=names, ordered=True, name="group"))
    for endpoint in _programme.ENDPOINTS:
        col = f"median_days_{endpoint}"
        table[col] = pd.array(table[col].tolist(), dtype="Int64")
    logrank = pd.DataFrame(tests, columns=["endpoint", "statistic", "df", "p_value"])
    logrank["endpoint"] = pd.Categorical(logrank["endpoint"], categories=list(_programme.ENDPOINTS))
    return Comparison(
        as_of=next(iter(figures.values())).as_of,
        groups=tuple(names),
        programme=treated,
        figures=figures,
        summary=table,
        funnel=_concat(funnel, names),
        retention=_concat(retention, names),
        curves=_concat(curves, names),
        logrank=logrank,
        incidence=_concat(incidence, names),
        caseloads=tuple(loads.values()),
    )


def _with_group(df: pd.DataFrame, names: Sequence[str], name: str) -> pd.DataFrame:
    out = df.copy()
    out.insert(0, "group", _group_column(names, [name] * len(out)))
    return out


def _concat(parts: List[pd.DataFrame], names: Sequence[str]) -> pd.DataFrame:
    out = pd.concat(parts, ignore_index=True)
    out["group"] = _group_column(names, out["group"])
    return out


def _logrank_row(obs: pd.DataFrame, endpoint: str) -> Dict[str, Any]:
    """The log-rank test of one endpoint between the groups of ``obs`` (NaN where the test is
    undefined: no event at all, or a group with nobody at risk at any event time)."""
    try:
        test = _survival.logrank(obs, by="group")
    except _checks.KantenError:
        return {"endpoint": endpoint, "statistic": np.nan, "df": len(obs["group"].cat.categories) - 1,
                "p_value": np.nan}
    return {"endpoint": endpoint, "statistic": test.statistic, "df": test.df, "p_value": test.p_value}
