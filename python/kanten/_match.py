"""Matching citizens to company tasks, with explanations as DataFrames (kanten/match/matching.hpp).

Imported by the kanten package; use it through ``kanten``, not directly.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Iterable, List, Optional, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import _checks, _kanten
from . import _frame, _prepared  # type: ignore[attr-defined]
from ._checks import DateLike
from ._kanten import Market

if TYPE_CHECKING:  # the package defines them, and imports this module first
    from . import Caseload, Evaluations

__all__ = [
    "CITIZEN_COLUMNS",
    "COMPANY_COLUMNS",
    "DEFAULT_MATCH_STEPS",
    "MAX_CANDIDATES_PER_CITIZEN",
    "Market",
    "MatchProposal",
    "TASK_COLUMNS",
    "audit",
    "candidates",
    "generate_market",
    "match",
    "market_from_frames",
    "score_pair",
    "top_citizens",
    "top_tasks",
]

CITIZEN_COLUMNS = (
    "id", "home_lat", "home_lon", "home", "mode", "max_travel_m", "max_travel_minutes", "hours_now", "hours_max",
    "wishes", "competences", "health", "danish_level", "driving_licence", "goal", "visited_companies",
)
"""The columns :func:`market_from_frames` reads from ``citizens``."""

COMPANY_COLUMNS = (
    "id", "location_lat", "location_lon", "location", "db07", "inclusion_internships", "inclusion_paid",
    "social_responsibility", "labour_shortage", "mentors", "capacity",
)
"""The columns :func:`market_from_frames` reads from ``companies``."""

TASK_COLUMNS = (
    "id", "company", "disco", "required_competences", "optional_competences", "demands", "min_per_week",
    "max_per_week", "ordinary_from_start", "internship", "slots", "min_danish_level", "needs_driving_licence",
)
"""The columns :func:`market_from_frames` reads from ``tasks``."""


def market_from_frames(citizens: pd.DataFrame, companies: pd.DataFrame, tasks: pd.DataFrame) -> Market:
    """Reads a market from three DataFrames, one row per citizen, company and task.

    Columns are the JSON fields of the market format (kanten/match/json.hpp), with a location
    as two columns: citizens ``home_lat``/``home_lon``, companies ``location_lat``/``location_lon``
    (degrees; or one ``home``/``location`` column of ``{"lat", "lon"}`` dicts). List fields
    (``wishes``, ``competences``, ``health``, ``disco``, ``required_competences``,
    ``optional_competences``, ``demands``) are lists per cell; hours are whole minutes or ``"H:MM"``.

    - ``citizens`` (:data:`CITIZEN_COLUMNS`): ``id`` and the home (required), ``mode``,
      ``max_travel_m``, ``max_travel_minutes``, ``hours_now``, ``hours_max``, ``wishes``,
      ``competences``, ``health``, ``danish_level``, ``driving_licence``, ``goal``, ``visited_companies``.
    - ``companies`` (:data:`COMPANY_COLUMNS`): ``id`` and the location (required), ``db07``,
      ``inclusion_internships``, ``inclusion_paid``, ``social_responsibility``,
      ``labour_shortage``, ``mentors``, ``capacity``.
    - ``tasks`` (:data:`TASK_COLUMNS`): ``id`` and ``company`` (required), ``disco``,
      ``required_competences``, ``optional_competences``, ``demands``, ``min_per_week``,
      ``max_per_week``, ``ordinary_from_start``, ``internship``, ``slots``, ``min_danish_level``,
      ``needs_driving_licence``.

    A missing required column is a :class:`KantenError` naming it (``tasks.company``); any
    other column is not read and a :class:`KantenWarning` names it with the nearest known name.
    Any fault of a cell raises :class:`KantenError` naming the table, row and column, e.g.
    ``tasks[3].min_per_week``. An argument that is not a DataFrame is a ``TypeError``.
    """
    fn = "market_from_frames"
    market = _kanten._market_from_columns(
        _prepared(citizens, "citizens", fn, (("id",), ("home_lat", "home"), ("home_lon", "home")), CITIZEN_COLUMNS),
        _prepared(companies, "companies", fn, (("id",), ("location_lat", "location"), ("location_lon", "location")),
                  COMPANY_COLUMNS),
        _prepared(tasks, "tasks", fn, (("id",), ("company",)), TASK_COLUMNS),
    )
    _checks.input_warnings(market, fn)
    return market


_market_json = Market.from_json
_market_file = Market.from_file
_market_to_json_compiled = Market.to_json


def _market_from_json(text: str, *, strict: bool = False) -> Market:
    """Reads a market from JSON text ``{"citizens": [...], "companies": [...], "tasks": [...]}``.
    Fields read but not used (an unknown field) are a :class:`KantenWarning`; ``warnings()`` lists them.
    With ``strict=True`` an unknown field is a :class:`KantenError` naming its path instead."""
    return _checks.read_document(_market_json, text, strict, "Market.from_json", is_path=False)


def _market_from_file(path: Any, *, strict: bool = False) -> Market:
    """Reads a market from a JSON file; warns, or with ``strict=True`` fails, as ``from_json``."""
    return _checks.read_document(_market_file, path, strict, "Market.from_file", is_path=True)


def _market_warnings(self: Market) -> pd.DataFrame:
    """What the reader read but did not use (e.g. an unknown field): ``field`` (its path, e.g.
    ``tasks[3].slotz``) and ``message``. Empty when everything was used."""
    _checks.need(self, Market, "Market.warnings", "self")
    return pd.DataFrame(self._warnings(), columns=["field", "message"])


def _market_to_json(self: Market, indent: Optional[int] = None) -> str:
    """The market as JSON text (readable back by from_json). ``indent``: None or -1 for compact
    text, 0 to 32 spaces."""
    _checks.need(self, Market, "Market.to_json", "self")
    return _market_to_json_compiled(self, _checks.indent(indent, "Market.to_json"))


Market.from_json = staticmethod(_market_from_json)  # type: ignore[assignment]
Market.from_file = staticmethod(_market_from_file)  # type: ignore[assignment]
Market.to_json = _market_to_json  # type: ignore[assignment]
Market.from_frames = staticmethod(market_from_frames)  # type: ignore[attr-defined]
Market.warnings = _market_warnings  # type: ignore[attr-defined]


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
    :func:`kanten.generate_caseload`'s (``"c-000001"``, ...).

    Ranges: ``citizens`` and ``companies`` 0 to 1,000,000 (as ``kanten generate-market``'s);
    ``seed`` 0 to 2**64 - 1; ``tasks_per_company`` above 0, at most 100; ``travel_m`` 0 to
    1,000,000 metres. Outside them: :class:`KantenError` naming the parameter."""
    fn = "generate_market"
    return _kanten._generate_market(
        _checks.integer(citizens, fn, "citizens", 0, 1_000_000),
        _checks.integer(companies, fn, "companies", 0, 1_000_000),
        _checks.integer(seed, fn, "seed", 0, _checks.UINT64_MAX),
        _checks.text(region, fn, "region"),
        _checks.number(tasks_per_company, fn, "tasks_per_company", 0.0, 100.0, lo_open=True),
        _checks.integer(travel_m, fn, "travel_m", 0, 1_000_000, unit=" metres"),
    )


def _market(market: Any, fn: str) -> Market:
    return _checks.need(market, Market, fn, "market")


def _who(value: Any, fn: str, param: str) -> Union[str, int]:
    """A citizen or a task: an id (str) or an index into the market (int, from 0)."""
    if isinstance(value, str):
        return str(value)
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise _checks.type_error(fn, param, value, "an id (str) or an index (int)")
    return _checks.integer(value, fn, param, 0, _checks.INT32_MAX)


def _k(value: Any, fn: str) -> int:
    return _checks.integer(value, fn, "k", 1, 10_000)


class MatchProposal:
    """A proposal for a market: the chosen matches with their score breakdowns and explanations.

    Made by :func:`match`. ``mode`` is ``"assignment"``, ``"stable"`` or ``"top_k"``;
    ``total_score`` sums the matched scores (assignment, stable); ``optimal`` says the
    assignment solver proved the optimum over the pairs it chose from (with a bound, the kept ones); ``candidates`` counts the pairs the proposal chose
    from (those that passed the hard filters; with ``max_candidates``, those kept);
    ``max_candidates`` is the bound on candidates per citizen used (0: none, the exact optimum)
    and ``citizens_at_bound`` the citizens whose kept candidates reached it (0: nothing was cut,
    the proposal is the exact optimum; otherwise only a pair cut from one of them can make the
    exact optimum differ);
    ``weights_version`` names the weight set used. ``selected`` counts the citizens proposed for
    (the selection, or every citizen); ``not_in_market`` holds the ids of the caseload's citizens
    the market does not hold (given ``evaluations`` or a ``caseload``), in caseload order.
    """

    def __init__(self, raw: Any) -> None:
        """Wraps the compiled module's proposal (use :func:`match`)."""
        raw = _checks.raw_object(raw, _kanten._Proposal, "MatchProposal")
        self._raw = raw
        self.mode: str = raw.mode
        self.weights_version: str = raw.weights_version
        self.total_score: int = raw.total_score
        self.candidates: int = raw.candidates
        self.max_candidates: int = raw.max_candidates
        self.citizens_at_bound: int = raw.citizens_at_bound
        self.optimal: bool = raw.optimal
        self.selected: int = raw.selected
        self.not_in_market: Tuple[str, ...] = tuple(raw.not_in_market)
        self._matches: Optional[pd.DataFrame] = None

    def _matches_kept(self) -> pd.DataFrame:
        if self._matches is None:
            self._matches = _frame(self._raw.match_columns())
        return self._matches

    def __repr__(self) -> str:
        return _checks.short_repr(f"MatchProposal {self.mode}", f"{len(self._matches_kept())} matches",
                                  f"total score {self.total_score}", f"weights {self.weights_version}")

    def _repr_html_(self) -> str:
        return _checks.html_repr(repr(self), self._matches_kept().drop(columns=["reasons", "concerns"]))

    @property
    def matches(self) -> pd.DataFrame:
        """One row per match (a new copy on each access): ``citizen``, ``task``, ``company`` (ids),
        ``score`` and its breakdown ``wish``, ``competences``, ``hours``, ``travel``,
        ``readiness``, ``ordinary`` (points), ``wish_level`` (shared DISCO digits),
        ``distance_m`` (int64 each); ``reasons`` and ``concerns`` (tuples of English sentences);
        ``citizen_index``, ``task_index`` (int64 positions in the market)."""
        return _checks.copied(self._matches_kept())

    @property
    def unmatched(self) -> pd.DataFrame:
        """Citizens left without a task: ``citizen``, ``citizen_index`` (int64)."""
        return _frame(self._raw.unmatched_columns())

    def to_json(self, indent: Optional[int] = None) -> str:
        """The proposal as JSON, as the ``kanten match`` command writes it. ``indent``: None or -1
        for compact text, 0 to 32 spaces."""
        return self._raw.to_json(_checks.indent(indent, "MatchProposal.to_json"))


MAX_CANDIDATES_PER_CITIZEN: int = int(_kanten.MAX_CANDIDATES_PER_CITIZEN)
"""The default of :func:`match`'s ``max_candidates``: each citizen's best 40 candidates (0 or
None: every candidate, the exact optimum; docs/matching.md measures the difference)."""

DEFAULT_MATCH_STEPS: Tuple[str, ...] = ("trin2_paa_vej_mod_job",)
"""The steps whose citizens :func:`match` proposes for, given ``evaluations`` or a ``caseload``:
Trin 2, På vej mod job, where company matching belongs (004, Trin 2, Kerneelement 6)."""


def _selection(fn: str, market: Market, citizens: Any, evaluations: Any, caseload: Any, as_of: Any,
               steps: Any) -> Tuple[Optional[List[str]], List[str]]:
    """The ids to propose for (None: every citizen) and the caseload's citizens not in the market."""
    from . import Caseload, Evaluations, evaluate_all  # the package imports this module first

    given = [name for name, v in (("citizens", citizens), ("evaluations", evaluations), ("caseload", caseload))
             if v is not None]
    if len(given) > 1:
        raise _checks.error("invalid_argument", given[1], "", f"give one of citizens, evaluations and caseload, "
                                                               f"not {' and '.join(given)}")
    if as_of is not None and caseload is None:
        raise _checks.error("invalid_argument", "as_of", "", "as_of is the date a caseload is evaluated at: give it "
                                                             "with caseload (evaluations carry their own date)")
    if _checks._not_a_sequence(steps):
        raise _checks.type_error(fn, "steps", steps, "a sequence of step names, e.g. ('trin2_paa_vej_mod_job',)")
    names = _checks.texts(steps, fn, "steps")
    if citizens is not None:
        return _checks.texts(citizens, fn, "citizens"), []
    if caseload is not None:
        _checks.need(caseload, Caseload, fn, "caseload")
        if as_of is None:
            raise _checks.error("invalid_argument", "as_of", "", "missing: a caseload is evaluated as of a date")
        evaluations = evaluate_all(caseload, as_of)
    if evaluations is None:
        return None, []
    _checks.need(evaluations, Evaluations, fn, "evaluations")
    chosen = evaluations._raw.citizens_in_steps(names)
    in_market = set(market.citizen_ids.tolist())
    return [c for c in chosen if c in in_market], [c for c in chosen if c not in in_market]


def match(
    market: Market,
    mode: str = "assignment",
    *,
    k: int = 5,
    per_company: int = 1,
    weights: Optional[str] = None,
    explain: bool = True,
    threads: int = 1,
    citizens: Optional[Sequence[str]] = None,
    evaluations: Optional[Evaluations] = None,
    caseload: Optional[Caseload] = None,
    as_of: Optional[DateLike] = None,
    steps: Sequence[str] = DEFAULT_MATCH_STEPS,
    max_candidates: Optional[int] = MAX_CANDIDATES_PER_CITIZEN,
) -> MatchProposal:
    """Proposes matches for the market: ``"assignment"`` (maximum total score under slots and
    capacities), ``"stable"`` (citizen-proposing deferred acceptance) or ``"top_k"`` (each
    citizen's best ``k`` tasks, at most ``per_company`` per company). ``weights`` is a weight
    set as JSON text (None: the documented defaults). ``threads`` (0: one per hardware thread)
    spreads the candidate search and the assignment's independent parts; the proposal is the
    same for any count. Deterministic; runs without the GIL.

    Whom to propose for (at most one of these; none: every citizen of the market). The others
    get no proposal and are not listed as unmatched; only the chosen enter candidate generation.

    - ``citizens``: a sequence of citizen ids, each in the market and listed once (else a
      :class:`KantenError` naming ``citizens[i]`` and the id); an empty one proposes for nobody.
    - ``evaluations`` (:func:`evaluate_all`) or ``caseload`` with ``as_of`` (evaluated here): the
      citizens whose step is one of ``steps`` (names of :data:`STEPS`; default
      :data:`DEFAULT_MATCH_STEPS`, Trin 2). Those the market does not hold are reported in
      :attr:`MatchProposal.not_in_market`, not dropped.

    ``max_candidates`` keeps each citizen's best N candidates (score, then task index) for the
    assignment and the stable matching (top-k has ``k``): the national match's speed at a
    measured cost to the optimum (docs/matching.md). None or 0: every candidate, the exact
    optimum. Default :data:`MAX_CANDIDATES_PER_CITIZEN`, 40; the proposal's
    ``citizens_at_bound`` counts the citizens it cut.

    Ranges (as the ``kanten match`` command's): ``k`` and ``per_company`` 1 to 10,000;
    ``threads`` 0 to 256; ``max_candidates`` 0 to 2**31 - 1. Outside them: :class:`KantenError`
    naming the parameter."""
    fn = "match"
    market = _market(market, fn)
    chosen, missing = _selection(fn, market, citizens, evaluations, caseload, as_of, steps)
    return MatchProposal(
        _kanten._match(
            market,
            _checks.text(mode, fn, "mode"),
            _k(k, fn),
            _checks.integer(per_company, fn, "per_company", 1, 10_000),
            _checks.optional_text(weights, fn, "weights"),
            _checks.flag(explain, fn, "explain"),
            _checks.integer(threads, fn, "threads", 0, 256),
            chosen,
            0 if max_candidates is None else _checks.integer(max_candidates, fn, "max_candidates", 0, _checks.INT32_MAX),
            missing,
        )
    )


def candidates(market: Market, *, weights: Optional[str] = None, threads: int = 1) -> pd.DataFrame:
    """Every pair passing the hard filters: ``citizen``, ``task`` (ids), ``score``,
    ``citizen_index``, ``task_index`` (int64); sorted by citizen, then score descending (the same
    for any ``threads``, 0 to 256)."""
    fn = "candidates"
    cols = _kanten._candidate_columns(
        _market(market, fn), _checks.optional_text(weights, fn, "weights"), _checks.integer(threads, fn, "threads", 0, 256)
    )
    return _frame({
        "citizen": market.citizen_ids[cols["citizen_index"]],
        "task": market.task_ids[cols["task_index"]],
        "score": cols["score"],
        "citizen_index": cols["citizen_index"],
        "task_index": cols["task_index"],
    })


def top_tasks(market: Market, citizen: Union[str, int], k: int = 5, per_company: int = 1, *,
              weights: Optional[str] = None) -> pd.DataFrame:
    """The best ``k`` tasks (1 to 10,000) for one citizen (id, or index from 0), at most
    ``per_company`` (1 to 10,000) of one company, explained; columns as :attr:`MatchProposal.matches`."""
    fn = "top_tasks"
    return _frame(_kanten._top_tasks(
        _market(market, fn), _who(citizen, fn, "citizen"), _k(k, fn),
        _checks.integer(per_company, fn, "per_company", 1, 10_000), _checks.optional_text(weights, fn, "weights"),
    ))


def top_citizens(market: Market, task: Union[str, int], k: int = 5, *, weights: Optional[str] = None) -> pd.DataFrame:
    """The best ``k`` citizens (1 to 10,000) for one task (id, or index from 0), explained;
    columns as :attr:`MatchProposal.matches`."""
    fn = "top_citizens"
    return _frame(_kanten._top_citizens(
        _market(market, fn), _who(task, fn, "task"), _k(k, fn), _checks.optional_text(weights, fn, "weights")
    ))


def score_pair(market: Market, citizen: Union[str, int], task: Union[str, int], *,
               weights: Optional[str] = None) -> Dict[str, Any]:
    """One pair's explanation: ids, ``score``, ``breakdown`` (dict of points), and ``rejected``
    (every hard filter that rejects the pair, ``{"filter", "text"}``; empty for a candidate)."""
    fn = "score_pair"
    return _kanten._score_pair(
        _market(market, fn), _who(citizen, fn, "citizen"), _who(task, fn, "task"),
        _checks.optional_text(weights, fn, "weights"),
    )


def audit(market: Market, proposal: MatchProposal, groups: Sequence[Union[str, int]]) -> pd.DataFrame:
    """Match rates by a group label per citizen of the market (never an input of the score):
    ``group``, ``citizens``, ``matched``, ``rate``, ``mean_score``. ``groups`` has one label
    (str, or a number, used as its text) per citizen, in market order."""
    fn = "audit"
    _market(market, fn)
    _checks.need(proposal, MatchProposal, fn, "proposal")
    if isinstance(groups, (str, bytes, dict, pd.DataFrame)) or not isinstance(groups, Iterable):
        raise _checks.type_error(fn, "groups", groups, "a sequence of labels, one per citizen")
    labels = []
    for i, g in enumerate(groups):
        if isinstance(g, (str, int, np.integer)):
            labels.append(str(g))
        else:
            raise TypeError(f"{fn}: parameter 'groups[{i}]' must be a str or an int, not {type(g).__name__}")
    if proposal._raw.market is not market and list(proposal._raw.market.citizen_ids) != list(market.citizen_ids):
        raise _checks.error("invalid_argument", "proposal", "", "the proposal was made for another market")
    return _frame(proposal._raw.audit_columns(labels))
