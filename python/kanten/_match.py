"""Matching citizens to company tasks, with explanations as DataFrames (kanten/matching.hpp).

Imported by the kanten package when the compiled module has the matching engine
(``kanten.HAS_MATCHING``); use it through ``kanten``, not directly.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Sequence, Union

import pandas as pd

from . import _kanten
from . import _frame, _prepared  # type: ignore[attr-defined]
from ._kanten import KantenError, Market

__all__ = [
    "Market",
    "MatchProposal",
    "audit",
    "candidates",
    "generate_market",
    "match",
    "market_from_frames",
    "score_pair",
    "top_citizens",
    "top_tasks",
]


def market_from_frames(citizens: pd.DataFrame, companies: pd.DataFrame, tasks: pd.DataFrame) -> Market:
    """Reads a market from three DataFrames, one row per citizen, company and task.

    Columns are the JSON fields of the market format (kanten/match_json.hpp), with a location
    as two columns: citizens ``home_lat``/``home_lon``, companies ``location_lat``/``location_lon``
    (degrees). List fields (``wishes``, ``competences``, ``health``, ``disco``,
    ``required_competences``, ``optional_competences``, ``demands``) are lists per cell; hours
    are whole minutes or ``"H:MM"``. Any fault raises :class:`KantenError` naming the table,
    row and column, e.g. ``tasks[3].min_per_week``.
    """
    return _kanten._market_from_columns(
        _prepared(citizens, "citizens"), _prepared(companies, "companies"), _prepared(tasks, "tasks")
    )


Market.from_frames = staticmethod(market_from_frames)  # type: ignore[attr-defined]


def generate_market(
    citizens: int = 850,
    companies: int = 400,
    seed: int = 2018,
    *,
    region: str = "lolland_falster",
    tasks_per_company: float = 2.5,
    travel_m: int = 20_000,
) -> Market:
    """A deterministic synthetic market placed around real towns (seed 003: 850 citizens, 400
    companies); ``region`` is ``"lolland_falster"`` or ``"denmark"``. Citizen ids match
    :func:`kanten.generate_caseload`'s (``"c-000001"``, ...)."""
    return _kanten._generate_market(citizens, companies, seed, region, tasks_per_company, travel_m)


class MatchProposal:
    """A proposal for a market: the chosen matches with their score breakdowns and explanations.

    Made by :func:`match`. ``mode`` is ``"assignment"``, ``"stable"`` or ``"top_k"``;
    ``total_score`` sums the matched scores (assignment, stable); ``optimal`` says the
    assignment solver proved the optimum; ``candidates`` counts the pairs that passed the hard
    filters; ``weights_version`` names the weight set used.
    """

    def __init__(self, raw: Any) -> None:
        """Wraps the compiled module's proposal (use :func:`match`)."""
        self._raw = raw
        self.mode: str = raw.mode
        self.weights_version: str = raw.weights_version
        self.total_score: int = raw.total_score
        self.candidates: int = raw.candidates
        self.optimal: bool = raw.optimal
        self._matches: Optional[pd.DataFrame] = None

    def __repr__(self) -> str:
        return (f"<kanten.MatchProposal {self.mode}: {len(self.matches)} matches, "
                f"total score {self.total_score}, weights {self.weights_version}>")

    @property
    def matches(self) -> pd.DataFrame:
        """One row per match: ``citizen``, ``task``, ``company`` (ids), ``score`` and its breakdown
        ``wish``, ``competences``, ``hours``, ``travel``, ``readiness``, ``ordinary`` (points),
        ``wish_level`` (shared DISCO digits), ``distance_m``; ``reasons`` and ``concerns`` (lists
        of English sentences); ``citizen_index``, ``task_index`` (positions in the market)."""
        if self._matches is None:
            self._matches = _frame(self._raw.match_columns())
        return self._matches

    @property
    def unmatched(self) -> pd.DataFrame:
        """Citizens left without a task: ``citizen``, ``citizen_index``."""
        return _frame(self._raw.unmatched_columns())

    def to_json(self, indent: Optional[int] = None) -> str:
        """The proposal as JSON, as the ``kanten match`` command writes it."""
        return self._raw.to_json(indent)


def match(
    market: Market,
    mode: str = "assignment",
    *,
    k: int = 5,
    per_company: int = 1,
    weights: Optional[str] = None,
    explain: bool = True,
    threads: int = 1,
) -> MatchProposal:
    """Proposes matches for the market: ``"assignment"`` (maximum total score under slots and
    capacities), ``"stable"`` (citizen-proposing deferred acceptance) or ``"top_k"`` (each
    citizen's best ``k`` tasks, at most ``per_company`` per company). ``weights`` is a weight
    set as JSON text (None: the documented defaults). ``threads`` (0: one per hardware thread)
    spreads the candidate search and the assignment's independent parts; the proposal is the
    same for any count. Deterministic; runs without the GIL."""
    return MatchProposal(_kanten._match(market, mode, k, per_company, weights, explain, threads))


def candidates(market: Market, *, weights: Optional[str] = None, threads: int = 1) -> pd.DataFrame:
    """Every pair passing the hard filters: ``citizen``, ``task``, ``score``, ``citizen_index``,
    ``task_index``; sorted by citizen, then score descending (the same for any ``threads``)."""
    cols = _kanten._candidate_columns(market, weights, threads)
    return pd.DataFrame({
        "citizen": market.citizen_ids[cols["citizen_index"]],
        "task": market.task_ids[cols["task_index"]],
        "score": cols["score"],
        "citizen_index": cols["citizen_index"],
        "task_index": cols["task_index"],
    })


def top_tasks(market: Market, citizen: Union[str, int], k: int = 5, per_company: int = 1, *,
              weights: Optional[str] = None) -> pd.DataFrame:
    """The best ``k`` tasks for one citizen (id or index), explained; columns as :attr:`MatchProposal.matches`."""
    return _frame(_kanten._top_tasks(market, citizen, k, per_company, weights))


def top_citizens(market: Market, task: Union[str, int], k: int = 5, *, weights: Optional[str] = None) -> pd.DataFrame:
    """The best ``k`` citizens for one task (id or index), explained; columns as :attr:`MatchProposal.matches`."""
    return _frame(_kanten._top_citizens(market, task, k, weights))


def score_pair(market: Market, citizen: Union[str, int], task: Union[str, int], *,
               weights: Optional[str] = None) -> Dict[str, Any]:
    """One pair's explanation: ids, ``score``, ``breakdown`` (dict of points), and ``rejected``
    (every hard filter that rejects the pair, ``{"filter", "text"}``; empty for a candidate)."""
    return _kanten._score_pair(market, citizen, task, weights)


def audit(market: Market, proposal: MatchProposal, groups: Sequence[str]) -> pd.DataFrame:
    """Match rates by a group label per citizen of the market (never an input of the score):
    ``group``, ``citizens``, ``matched``, ``rate``, ``mean_score``."""
    if proposal._raw.market is not market and list(proposal._raw.market.citizen_ids) != list(market.citizen_ids):
        raise KantenError("field 'proposal': the proposal was made for another market")
    return _frame(proposal._raw.audit_columns([str(g) for g in groups]))
