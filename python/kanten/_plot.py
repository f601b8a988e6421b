"""Plots of kanten's tables with matplotlib: ``kanten.plot.survival``, ``kanten.plot.funnel``,
``kanten.plot.cumulative_incidence`` and ``kanten.plot.steps``.

Each takes a table as kanten returns it (or the object holding it: a :class:`ProgrammeFigures`,
a :class:`Comparison`), draws on ``ax`` (a new figure when None) and returns the figure. Labels
are display names, never kanten's code names (:func:`label`; Danish with ``language="da"``),
and ``note`` puts a line of text under the figure — :data:`SYNTHETIC_NOTE` for the generated
sample, so a figure copied out of a notebook still says what it shows.

matplotlib is imported when a plot is drawn, not with kanten: without it, a plot is an
``ImportError`` that says how to install it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import _checks, _kanten

__all__ = [
    "SYNTHETIC_NOTE",
    "LANGUAGES",
    "label",
    "add_note",
    "survival",
    "funnel",
    "cumulative_incidence",
    "steps",
]

SYNTHETIC_NOTE = "Synthetic data (kanten.generate_caseload): no real citizens, not an estimate of the programme"
"""The note for a figure of a generated caseload: pass it as ``note=``."""

LANGUAGES: Tuple[str, ...] = ("en", "da")
"""The languages of the display names: English (the steps keep their Danish names) and Danish."""

_STEP_LABELS: Dict[str, str] = dict(_kanten._vocabularies()["step_label"])

# Display names of kanten's names (steps, exits, funnel stages, endpoints, benefits) and of the
# plots' own texts, per language. The steps and exits in Danish are the library's
# (kanten::label, 004_3897fdd271fa8a38.txt); the Trin keep their Danish names in English too.
_NAMES: Dict[str, Dict[str, str]] = {
    "en": {
        "not_started": "Not started",
        "trin1_afklaring": _STEP_LABELS["trin1_afklaring"],
        "trin2_paa_vej_mod_job": _STEP_LABELS["trin2_paa_vej_mod_job"],
        "trin3_virksomhedsforloeb": _STEP_LABELS["trin3_virksomhedsforloeb"],
        "exit_self_support": "Exit: self-supporting",
        "exit_30_hours": "Exit: 30 ordinary hours in a month",
        "exit_rehabilitation_team": "Exit: to the rehabilitation team",
        "caseload": "In the caseload",
        "entered": "Entered (Trin 1 started)",
        "trin2": "Reached Trin 2",
        "trin3": "Reached Trin 3",
        "paid_hours": "Had paid (ordinary) hours",
        "first_paid_hours": "First paid hour",
        "exit": "Any exit",
        "kontanthjaelp": "Kontanthjælp (social assistance)",
        "uddannelseshjaelp": "Uddannelseshjælp (education assistance)",
        "integrationsydelse": "Integrationsydelse (integration benefit)",
        "ressourceforloebsydelse": "Ressourceforløbsydelse",
        "other": "Other benefit",
        "none": "No benefit",
        "@days": "Days since entry (the first conversation)",
        "@survival": "Share who have not had the event",
        "@at_risk": "Number at risk",
        "@citizens": "Citizens",
        "@share_caseload": "% of the caseload",
        "@cif": "Cumulative incidence (share who have left by then)",
        "@funnel": "The funnel: citizens who ever reached each stage",
        "@steps": "Citizens per step at each month's end",
        "@km": "Kaplan–Meier: time from entry",
        "@km_to": "Kaplan–Meier: time from entry to: {}",
        "@incidence": "Cumulative incidence of the exits (Aalen–Johansen)",
        "@of_entered": "of those who entered",
    },
    "da": {
        **{name: text for name, text in _STEP_LABELS.items()},
        "caseload": "I sagsstammen",
        "entered": "Startet (Trin 1)",
        "trin2": "Nået Trin 2",
        "trin3": "Nået Trin 3",
        "paid_hours": "Har haft lønnede (ordinære) timer",
        "first_paid_hours": "Første lønnede time",
        "exit": "Afsluttet (alle udgange)",
        "kontanthjaelp": "Kontanthjælp",
        "uddannelseshjaelp": "Uddannelseshjælp",
        "integrationsydelse": "Integrationsydelse",
        "ressourceforloebsydelse": "Ressourceforløbsydelse",
        "other": "Anden ydelse",
        "none": "Ingen ydelse",
        "@days": "Dage siden start (den første samtale)",
        "@survival": "Andel uden hændelsen",
        "@at_risk": "Antal i risiko",
        "@citizens": "Borgere",
        "@share_caseload": "% af sagsstammen",
        "@cif": "Kumuleret incidens (andel afsluttet)",
        "@funnel": "Tragten: borgere der har nået hvert trin",
        "@steps": "Borgere pr. trin ved hver måneds udgang",
        "@km": "Kaplan–Meier: tid fra start",
        "@km_to": "Kaplan–Meier: tid fra start til: {}",
        "@incidence": "Kumuleret incidens af afslutningerne (Aalen–Johansen)",
        "@of_entered": "af de startede",
    },
}

# One color per step (and exit), the same in every plot; groups take matplotlib's cycle.
_STEP_COLORS: Dict[str, str] = {
    "not_started": "#bdbdbd",
    "trin1_afklaring": "#9ecae1",
    "trin2_paa_vej_mod_job": "#4292c6",
    "trin3_virksomhedsforloeb": "#08519c",
    "exit_self_support": "#74c476",
    "exit_30_hours": "#238b45",
    "exit_rehabilitation_team": "#fd8d3c",
}
_LINESTYLES = ("-", "--", ":", "-.")


def _language(value: Any, fn: str) -> str:
    lang = _checks.text(value, fn, "language")
    if lang not in LANGUAGES:
        raise _checks.error("invalid_argument", "language", lang, "expected one of " + ", ".join(LANGUAGES))
    return lang


def label(name: Any, language: str = "en") -> str:
    """The display name of one of kanten's names — a step, an exit, a funnel stage, an endpoint,
    a benefit — in ``language`` (``"en"`` or ``"da"``, :data:`LANGUAGES`); any other name (a
    group's own name) as it is. ``kanten.plot.label("trin2")`` is ``"Reached Trin 2"``."""
    lang = _language(language, "label")
    key = str(name)
    return _NAMES[lang].get(key, _NAMES["en"].get(key, key)) if not key.startswith("@") else key


def _text(key: str, lang: str) -> str:
    return _NAMES[lang][key]


def _pyplot() -> Any:
    """matplotlib.pyplot, imported on first use; an ImportError that says how to install it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError:
        raise ImportError(
            "kanten.plot needs matplotlib, which is not installed: "
            "apt-get install python3-matplotlib (Debian) or pip install matplotlib"
        ) from None
    return plt


def _table(source: Any, attr: str, fn: str, param: str, columns: Sequence[str]) -> pd.DataFrame:
    """The DataFrame to plot: ``source`` itself, or its ``attr`` (a ProgrammeFigures, a
    Comparison); a missing column is a KantenError naming it."""
    if not isinstance(source, pd.DataFrame):
        table = getattr(source, attr, None)
        if not isinstance(table, pd.DataFrame):
            raise _checks.type_error(fn, param, source, f"a DataFrame, or an object with a '{attr}' table")
        source = table
    for col in columns:
        if col not in source.columns:
            raise _checks.error("invalid_input", f"{param}.{col}", "", "missing column")
    return source


def _axes(ax: Any, fn: str, size: Tuple[float, float]) -> Any:
    plt = _pyplot()
    if ax is None:
        _, ax = plt.subplots(figsize=size)
        return ax
    from matplotlib.axes import Axes

    return _checks.need(ax, Axes, fn, "ax", "a matplotlib Axes")


def _note(fig: Any, below: Any, note: Optional[str], fn: str) -> None:
    """``note`` as a line of small grey text under ``below`` (the lowest axes), left-aligned,
    clear of its tick labels and axis label (placed against the axis label's box)."""
    if note is None:
        return
    text = _checks.text(note, fn, "note")
    anchor = below.xaxis.label if below.xaxis.label.get_text() else below
    below.annotate(text, xy=(0, 0), xycoords=("axes fraction", anchor), xytext=(0, -8 if anchor is not below else -28),
                   textcoords="offset points", ha="left", va="top", fontsize="small", style="italic",
                   color="0.35", annotation_clip=False, gid="kanten-note")


def add_note(ax: Any, text: str = SYNTHETIC_NOTE) -> Any:
    """Puts ``text`` (by default :data:`SYNTHETIC_NOTE`) as a line of small grey text under
    ``ax`` — a figure of your own gets the note kanten's plots take as ``note=``. Returns the figure."""
    from matplotlib.axes import Axes

    _checks.need(ax, Axes, "plot.add_note", "ax", "a matplotlib Axes")
    _note(ax.figure, ax, text, "plot.add_note")
    return ax.figure


def _series(df: pd.DataFrame, by: Optional[str]) -> List[Tuple[str, pd.DataFrame]]:
    """The frame split by ``by`` (categories in their order, those without rows left out)."""
    if by is None:
        return [("", df)]
    out = []
    col = df[by]
    keys = list(col.cat.categories) if isinstance(col.dtype, pd.CategoricalDtype) else list(pd.unique(col))
    for key in keys:
        part = df[col == key]
        if len(part):
            out.append((str(key), part))
    return out


def _group_colors(keys: Sequence[str], colors: Optional[Dict[str, Any]], fn: str) -> Dict[str, Any]:
    if colors is not None and not isinstance(colors, dict):
        raise _checks.type_error(fn, "colors", colors, "a dict of names to matplotlib colors")
    return {key: (colors or {}).get(key, f"C{i % 10}") for i, key in enumerate(keys)}


def _day_ticks(ax: Any, last: float) -> List[float]:
    """Ticks every 30, 60, 90, 180 or 365 days, at most 9 of them, from 0 to ``last``."""
    from matplotlib.ticker import MultipleLocator

    step = next((s for s in (30, 60, 90, 180, 365) if last / s <= 8), 730)
    ax.xaxis.set_major_locator(MultipleLocator(step))
    ax.set_xlim(0, max(last, step) * 1.02)
    return [float(t) for t in np.arange(0, last + 1, step)]


def _at_risk(part: pd.DataFrame, t: float) -> int:
    """Subjects still at risk at time ``t`` of a step function (time ≥ t): the at-risk count of
    the first time at or after ``t``, 0 after the last."""
    later = part.loc[part["days"] >= t, "at_risk"]
    return int(later.iloc[0]) if len(later) else 0


# ---------------------------------------------------------------------------------------------
# Kaplan–Meier
# ---------------------------------------------------------------------------------------------

def survival(
    curves: Any,
    ax: Any = None,
    *,
    endpoint: Optional[str] = None,
    ci: bool = True,
    censored: bool = True,
    at_risk: bool = True,
    language: str = "en",
    title: Optional[str] = None,
    note: Optional[str] = None,
    colors: Optional[Dict[str, Any]] = None,
) -> Any:
    """Kaplan–Meier curves as step functions, with confidence bands, censoring marks and a table
    of the numbers at risk under the plot; returns the figure.

    ``curves`` is a table of :func:`kaplan_meier` (one curve; with ``by=``, one per ``group``),
    :attr:`ProgrammeFigures.curves` (one per ``endpoint``) or :attr:`Comparison.curves` (one per
    group and endpoint: choose one with ``endpoint``), or the object holding it. One line per
    group, else one per endpoint. ``ci`` shades the pointwise limits (columns ``lower`` and
    ``upper``, when the table has them); ``censored`` marks the times subjects were censored
    with a tick; ``at_risk`` adds the table of the numbers at risk at each labelled day, one row
    per line. ``colors`` maps a line's name (a group, an endpoint) to a matplotlib color.
    ``note`` is a line under the figure (e.g. :data:`SYNTHETIC_NOTE`).
    """
    fn = "plot.survival"
    lang = _language(language, fn)
    df = _table(curves, "curves", fn, "curves", ("days", "survival"))
    flags = {name: _checks.flag(v, fn, name) for name, v in (("ci", ci), ("censored", censored), ("at_risk", at_risk))}
    if endpoint is not None:
        endpoint = _checks.text(endpoint, fn, "endpoint")
        if "endpoint" not in df.columns:
            raise _checks.error("invalid_argument", "endpoint", endpoint, "the table has one curve per subject set, no endpoint column")
        if endpoint not in set(df["endpoint"].astype(str)):
            raise _checks.error("invalid_argument", "endpoint", endpoint, "no curve of this endpoint in the table")
        df = df[df["endpoint"].astype(str) == endpoint]
    endpoints = sorted(set(df["endpoint"].astype(str))) if "endpoint" in df.columns else []
    if "group" in df.columns:
        if len(endpoints) > 1:
            raise _checks.error("invalid_argument", "endpoint", "",
                                "the table has curves of several endpoints per group: choose one with endpoint=")
        by: Optional[str] = "group"
    elif len(endpoints) > 1:
        by = "endpoint"
    else:
        by = None
    single = endpoints[0] if len(endpoints) == 1 else None
    parts = _series(df, by)
    names = [label(key, lang) if key else label(single or "Kaplan–Meier", lang) for key, _ in parts]
    palette = _group_colors([key for key, _ in parts], colors, fn) if by else {"": (colors or {}).get(single, "C0")}

    ax = _axes(ax, fn, (9, 5.5 if flags["at_risk"] else 4.5))
    fig = ax.figure
    last = 0.0
    for (key, part), name in zip(parts, names):
        part = part.sort_values("days")
        color = palette[key]
        x = np.concatenate([[0.0], part["days"].to_numpy(dtype=float)])
        y = np.concatenate([[1.0], part["survival"].to_numpy(dtype=float)])
        ax.step(x, y, where="post", color=color, label=name, linewidth=1.8)
        if flags["ci"] and {"lower", "upper"} <= set(part.columns):
            lo = np.concatenate([[1.0], part["lower"].to_numpy(dtype=float)])
            hi = np.concatenate([[1.0], part["upper"].to_numpy(dtype=float)])
            ax.fill_between(x, lo, hi, step="post", color=color, alpha=0.18, linewidth=0)
        if flags["censored"] and "censored" in part.columns:
            cens = part[part["censored"] > 0]
            ax.plot(cens["days"], cens["survival"], linestyle="none", marker="|", markersize=7,
                    markeredgewidth=1.1, color=color)
        last = max(last, float(part["days"].max()) if len(part) else 0.0)
    ticks = _day_ticks(ax, last)
    ax.set_ylim(0, 1.02)
    ax.set_xlabel(_text("@days", lang))
    ax.set_ylabel(_text("@survival", lang))
    ax.grid(True, alpha=0.3)
    if title is None:
        title = _text("@km_to", lang).format(label(single, lang).lower() if lang == "en" else label(single, lang)) \
            if single else _text("@km", lang)
    ax.set_title(_checks.text(title, fn, "title"))
    if flags["censored"]:
        from matplotlib.lines import Line2D

        handles, labels = ax.get_legend_handles_labels()
        handles.append(Line2D([], [], color="0.3", marker="|", linestyle="none", markersize=7))
        labels.append("censored" if lang == "en" else "censureret")
        ax.legend(handles, labels, loc="best", fontsize="small")
    elif by is not None or single:
        ax.legend(loc="best", fontsize="small")
    lowest = ax
    if flags["at_risk"]:
        lowest = _at_risk_table(ax, parts, names, palette, ticks, lang)
    _note(fig, lowest, note, fn)
    return fig


def _at_risk_table(ax: Any, parts: List[Tuple[str, pd.DataFrame]], names: List[str], palette: Dict[str, Any],
                   ticks: List[float], lang: str) -> Any:
    """The numbers at risk at each tick, one row per line, in an axes under ``ax``."""
    from mpl_toolkits.axes_grid1 import make_axes_locatable

    rows = len(parts)
    table = make_axes_locatable(ax).append_axes("bottom", size=0.25 * rows + 0.15, pad=0.75, sharex=ax)
    table.set_ylim(rows - 0.5, -0.5)
    for i, ((key, part), name) in enumerate(zip(parts, names)):
        part = part.sort_values("days")
        for t in ticks:
            table.text(t, i, f"{_at_risk(part, t)}", ha="center", va="center", fontsize="small", color=palette[key])
    table.set_yticks(range(rows))
    table.set_yticklabels(names, fontsize="small")
    for tick, (key, _) in zip(table.get_yticklabels(), parts):
        tick.set_color(palette[key])
    table.tick_params(axis="x", which="both", bottom=False, labelbottom=False)
    table.tick_params(axis="y", length=0, pad=16)  # clear of the numbers centred on day 0
    for side in ("top", "right", "bottom", "left"):
        table.spines[side].set_visible(False)
    table.set_title(_text("@at_risk", lang), loc="left", fontsize="small")
    return table


# ---------------------------------------------------------------------------------------------
# The funnel
# ---------------------------------------------------------------------------------------------

def funnel(
    table: Any,
    ax: Any = None,
    *,
    stages: Optional[Sequence[str]] = None,
    language: str = "en",
    title: Optional[str] = None,
    note: Optional[str] = None,
    colors: Optional[Dict[str, Any]] = None,
) -> Any:
    """The funnel as horizontal bars, stages from top to bottom, each bar labelled with its count
    and its share of those who entered; returns the figure.

    ``table`` is :attr:`ProgrammeFigures.funnel` (one bar per stage) or :attr:`Comparison.funnel`
    (one bar per group and stage, side by side, never over each other), or the object holding it.
    ``stages`` (names of :data:`FUNNEL_STAGES`) keeps those stages, in funnel order; ``colors``
    maps a group's name to a color. ``note`` is a line under the figure.
    """
    fn = "plot.funnel"
    lang = _language(language, fn)
    df = _table(table, "funnel", fn, "table", ("stage", "citizens"))
    order = [str(s) for s in (df["stage"].cat.categories if isinstance(df["stage"].dtype, pd.CategoricalDtype)
                              else pd.unique(df["stage"]))]
    if stages is not None:
        wanted = _checks.texts(stages, fn, "stages")
        for i, s in enumerate(wanted):
            if s not in order:
                raise _checks.error("invalid_argument", f"stages[{i}]", s, "not a stage of the funnel")
        order = [s for s in order if s in wanted]
    df = df[df["stage"].astype(str).isin(order)]
    parts = _series(df, "group" if "group" in df.columns else None)
    palette = _group_colors([key for key, _ in parts], colors, fn) if parts[0][0] else {"": (colors or {}).get("", "C0")}

    ax = _axes(ax, fn, (9, 0.45 * len(order) * max(1, len(parts)) ** 0.6 + 1.4))
    fig = ax.figure
    height = 0.8 / len(parts)
    y = np.arange(len(order), dtype=float)
    top = float(df["citizens"].max()) if len(df) else 1.0
    for i, (key, part) in enumerate(parts):
        part = part.set_index(part["stage"].astype(str)).reindex(order)
        counts = part["citizens"].fillna(0).to_numpy(dtype=float)
        offset = (i - (len(parts) - 1) / 2) * height
        bars = ax.barh(y + offset, counts, height=height * 0.92, color=palette[key], label=key or None)
        texts = []
        for stage, n in zip(order, counts):
            share = part.loc[stage, "share"] if "share" in part.columns else np.nan
            texts.append(f"{int(n):,}" + ("" if pd.isna(share) else f"  ({share:.1%})"))
        ax.bar_label(bars, labels=texts, padding=3, fontsize="small")
    ax.set_yticks(y)
    ax.set_yticklabels([label(s, lang) for s in order])
    ax.invert_yaxis()
    ax.set_xlim(0, top * 1.3)
    ax.set_xlabel(_text("@citizens", lang) + f" (% {_text('@of_entered', lang)})")
    ax.grid(True, axis="x", alpha=0.3)
    ax.set_axisbelow(True)
    ax.set_title(_checks.text(title, fn, "title") if title is not None else _text("@funnel", lang))
    if len(parts) > 1:
        ax.legend(loc="lower right", fontsize="small")
    _note(fig, ax, note, fn)
    return fig


# ---------------------------------------------------------------------------------------------
# Cumulative incidence of the exits
# ---------------------------------------------------------------------------------------------

def cumulative_incidence(
    table: Any,
    ax: Any = None,
    *,
    stacked: bool = False,
    ci: Optional[bool] = None,
    language: str = "en",
    title: Optional[str] = None,
    note: Optional[str] = None,
) -> Any:
    """The cumulative incidence of each exit over the days since entry (Aalen–Johansen, from
    :func:`cumulative_incidence`), one line per exit — per group a line style when the table has
    a ``group`` column (:attr:`Comparison.incidence`) — with confidence bands (``ci``, from
    ``lower`` and ``upper``; None: bands for one group, none for several, where they would
    cover each other); returns the figure. The legend names the exits by color and, for
    several groups, the groups by line style.

    ``stacked=True`` stacks the exits' curves (one group only): the top edge is the share who
    have left by any exit, and the gap to 1 those still in the model.
    """
    fn = "plot.cumulative_incidence"
    lang = _language(language, fn)
    df = _table(table, "incidence", fn, "table", ("cause", "days", "cif"))
    stacked = _checks.flag(stacked, fn, "stacked")
    groups = _series(df, "group" if "group" in df.columns else None)
    ci = len(groups) == 1 if ci is None else _checks.flag(ci, fn, "ci")
    if stacked and len(groups) > 1:
        raise _checks.error("invalid_argument", "stacked", "true", "stacks one group's curves: select one group first")
    causes = [str(c) for c in (df["cause"].cat.categories if isinstance(df["cause"].dtype, pd.CategoricalDtype)
                               else pd.unique(df["cause"]))]
    ax = _axes(ax, fn, (9, 4.8))
    fig = ax.figure
    last = float(df["days"].max()) if len(df) else 0.0
    if stacked:
        part = groups[0][1]
        grid = np.unique(np.concatenate([[0.0], part["days"].to_numpy(dtype=float)]))
        ys = []
        for cause in causes:
            c = part[part["cause"].astype(str) == cause].sort_values("days")
            idx = np.searchsorted(c["days"].to_numpy(dtype=float), grid, side="right") - 1
            values = np.where(idx >= 0, c["cif"].to_numpy(dtype=float)[np.clip(idx, 0, None)] if len(c) else 0.0, 0.0)
            ys.append(values)
        ax.stackplot(grid, ys, labels=[label(c, lang) for c in causes], colors=[_STEP_COLORS.get(c, f"C{i}") for i, c in enumerate(causes)],
                     step="post", alpha=0.85)
        ax.set_ylim(0, 1)
    else:
        for g, (key, part) in enumerate(groups):
            style = _LINESTYLES[g % len(_LINESTYLES)]
            for cause in causes:
                c = part[part["cause"].astype(str) == cause].sort_values("days")
                x = np.concatenate([[0.0], c["days"].to_numpy(dtype=float)])
                y = np.concatenate([[0.0], c["cif"].to_numpy(dtype=float)])
                color = _STEP_COLORS.get(cause, f"C{causes.index(cause)}")
                ax.step(x, y, where="post", color=color, linestyle=style, linewidth=1.6,
                        label=label(cause, lang) if g == 0 else "_nolegend_")
                if ci and {"lower", "upper"} <= set(c.columns):
                    lo = np.concatenate([[0.0], c["lower"].to_numpy(dtype=float)])
                    hi = np.concatenate([[0.0], c["upper"].to_numpy(dtype=float)])
                    ax.fill_between(x, lo, hi, step="post", color=color, alpha=0.15, linewidth=0)
        top = float(np.nanmax(df["upper"])) if ci and "upper" in df.columns and len(df) else float(df["cif"].max() or 0)
        ax.set_ylim(0, min(1.0, max(0.05, top * 1.15)))
    _day_ticks(ax, last)
    ax.set_xlabel(_text("@days", lang))
    ax.set_ylabel(_text("@cif", lang))
    ax.grid(True, alpha=0.3)
    ax.set_title(_checks.text(title, fn, "title") if title is not None else _text("@incidence", lang))
    exits = ax.legend(loc="upper left", fontsize="small")
    if len(groups) > 1 and not stacked:
        from matplotlib.lines import Line2D

        styles = [Line2D([], [], color="0.25", linestyle=_LINESTYLES[g % len(_LINESTYLES)]) for g in range(len(groups))]
        ax.legend(styles, [key for key, _ in groups], loc="upper center", fontsize="small")
        ax.add_artist(exits)
    _note(fig, ax, note, fn)
    return fig


# ---------------------------------------------------------------------------------------------
# Citizens per step by month
# ---------------------------------------------------------------------------------------------

def steps(
    table: Any,
    ax: Any = None,
    *,
    share: bool = False,
    language: str = "en",
    title: Optional[str] = None,
    note: Optional[str] = None,
) -> Any:
    """Citizens per step at each month's end as stacked areas, steps in model order with their
    display names; ``share=True`` in % of the caseload. ``table`` is
    :attr:`ProgrammeFigures.steps_by_month` (indexed by month, one column per step) or the object
    holding it. Returns the figure."""
    fn = "plot.steps"
    lang = _language(language, fn)
    df = _table(table, "steps_by_month", fn, "table", ())
    share = _checks.flag(share, fn, "share")
    values = df.div(df.sum(axis=1), axis=0) * 100 if share else df
    index = values.index
    x = index.to_timestamp(how="end") if isinstance(index, pd.PeriodIndex) else index
    ax = _axes(ax, fn, (10, 4.8))
    fig = ax.figure
    cols = [str(c) for c in values.columns]
    ax.stackplot(x, values.T.to_numpy(dtype=float), labels=[label(c, lang) for c in cols],
                 colors=[_STEP_COLORS.get(c, f"C{i}") for i, c in enumerate(cols)])
    ax.set_ylabel(_text("@share_caseload", lang) if share else _text("@citizens", lang))
    if share:
        ax.set_ylim(0, 100)
    if len(x):
        ax.set_xlim(x[0], x[-1])
    ax.set_title(_checks.text(title, fn, "title") if title is not None else _text("@steps", lang))
    handles, labels = ax.get_legend_handles_labels()
    ax.legend(handles[::-1], labels[::-1], loc="center left", bbox_to_anchor=(1.01, 0.5), fontsize="small")
    _note(fig, ax, note, fn)
    return fig
