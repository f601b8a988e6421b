# Hand-written stubs of the kanten package (python/kanten/__init__.py and the compiled
# kanten._kanten). Keep in step with both; tests/test_api.py checks every name of __all__.
import datetime as _dt
import os
from typing import Any, Dict, Iterable, Iterator, List, Literal, Mapping, Optional, Sequence, Tuple, Union, overload

import numpy as np
import numpy.typing as npt
import pandas as pd

DateLike = Union[str, _dt.date, _dt.datetime, pd.Timestamp, pd.Period, np.datetime64]
_DateLike = DateLike
_PathLike = Union[str, os.PathLike[str]]

__version__: str
HAS_MATCHING: bool
STEPS: Tuple[str, ...]
STEP_LABELS: Dict[str, str]
EXITS: Tuple[str, ...]
VOCABULARIES: Dict[str, Tuple[str, ...]]
EVENT_COLUMNS: Tuple[str, ...]
PROFILE_COLUMNS: Tuple[str, ...]
MAX_DAILY_RATE: int
FORMATS: Tuple[str, ...]
MAX_CHUNK: int
ALERT_KINDS: Tuple[str, ...]
MAX_ALERT_DAYS: int
MAX_ALERT_MONTHS: int
__all__: List[str]

class KantenError(ValueError):
    """An error kanten reports; the message names the field and the value at fault.

    ``code`` is "invalid_argument", "parse_error", "invalid_input" or "io_error"; ``field`` the
    field or parameter ("" when none); ``value`` the offending value as text ("" when none)."""
    code: str
    field: str
    value: str

class KantenWarning(UserWarning):
    """Something kanten read but did not use, e.g. a DataFrame column it does not know."""

class Caseload:
    """A caseload: one case per citizen, immutable once read."""
    @staticmethod
    def from_json(text: str, *, strict: bool = ...) -> Caseload: ...
    @staticmethod
    def from_file(path: _PathLike, *, strict: bool = ...) -> Caseload: ...
    @staticmethod
    def from_frames(events: pd.DataFrame, profiles: Optional[pd.DataFrame] = ...) -> Caseload: ...
    def to_json(self, indent: Optional[int] = ...) -> str: ...
    def to_frames(self) -> Tuple[pd.DataFrame, pd.DataFrame]: ...
    def rejected(self) -> pd.DataFrame: ...
    def warnings(self) -> pd.DataFrame: ...
    def select(self, ids: Sequence[str]) -> Caseload: ...
    def filter(
        self,
        *,
        benefit: Union[None, str, Sequence[str]] = ...,
        activity_ready: Optional[bool] = ...,
        lives_in_designated_area: Optional[bool] = ...,
        in_integration_programme: Optional[bool] = ...,
    ) -> Caseload: ...
    @property
    def citizens(self) -> npt.NDArray[np.object_]: ...
    @property
    def event_count(self) -> int: ...
    def __len__(self) -> int: ...

class Evaluations:
    """Every case of a caseload evaluated as of one date, with its tables."""
    def __init__(self, raw: Any) -> None: ...
    @property
    def as_of(self) -> _dt.date: ...
    @property
    def caseload(self) -> Caseload: ...
    def __len__(self) -> int: ...
    @property
    def summary(self) -> pd.DataFrame: ...
    @property
    def hours(self) -> pd.DataFrame: ...
    def hours_wide(self, kind: str = ...) -> pd.DataFrame: ...
    @property
    def breaches(self) -> pd.DataFrame: ...
    @property
    def history(self) -> pd.DataFrame: ...
    @property
    def not_applied(self) -> pd.DataFrame: ...
    @property
    def violations(self) -> pd.DataFrame: ...
    @property
    def sanctions(self) -> pd.DataFrame: ...
    @property
    def profile_periods(self) -> pd.DataFrame: ...
    @property
    def agreements(self) -> pd.DataFrame: ...
    @property
    def aftercare(self) -> pd.DataFrame: ...
    @property
    def bus_trips(self) -> pd.DataFrame: ...
    @property
    def training(self) -> pd.DataFrame: ...
    @property
    def alerts(self) -> pd.DataFrame: ...
    @property
    def alert_options(self) -> Dict[str, Optional[int]]: ...
    def worklist(self, *, jobformidler: Optional[str] = ..., group_by_jobformidler: bool = ...) -> pd.DataFrame: ...
    def explain(self, citizen: str) -> str: ...
    def to_json(self, citizen: Optional[str] = ..., indent: Optional[int] = ...) -> str: ...
    def sanction(self, citizen: str, failure_id: Optional[str] = ...) -> SanctionAnswer: ...
    @property
    def rule_set(self) -> str: ...
    def step_counts(self) -> pd.Series: ...
    def _repr_html_(self) -> str: ...

class Source:
    """A citation: seed file, section, and the Danish sentence a rule encodes."""
    seed: str
    section: str
    quote: str
    def __init__(self, seed: str, section: str, quote: str) -> None: ...

class SanctionReason:
    """One statement of a sanction answer."""
    rule: str
    text: str
    source: Source
    def __init__(self, rule: str, text: str, source: Source) -> None: ...

class SanctionAnswer:
    """The answer to "may this failure be sanctioned?"."""
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
    def eligible(self) -> bool: ...
    @property
    def decided(self) -> bool: ...

def read_caseload(source: _PathLike, *, format: Optional[str] = ..., strict: bool = ...) -> Caseload: ...
def caseload_from_frames(events: pd.DataFrame, profiles: Optional[pd.DataFrame] = ...) -> Caseload: ...
def generate_caseload(
    citizens: int = ...,
    seed: int = ...,
    *,
    start: _DateLike = ...,
    months: int = ...,
    paid_hours_share: float = ...,
    rehabilitation_share: float = ...,
    agreement_share: float = ...,
    break_off_share: float = ...,
    self_support_share: float = ...,
    missed_contact_share: float = ...,
    sanction_share: float = ...,
    outside_target_share: float = ...,
    comparison: bool = ...,
) -> Caseload: ...
def evaluate_all(
    caseload: Caseload,
    as_of: _DateLike,
    *,
    daily_rate: Optional[int] = ...,
    inactive_days: Optional[int] = ...,
    trin2_days: Optional[int] = ...,
    stagnation_months: Optional[int] = ...,
) -> Evaluations: ...
def evaluate(
    caseload: Caseload,
    as_of: _DateLike,
    *,
    daily_rate: Optional[int] = ...,
    inactive_days: Optional[int] = ...,
    trin2_days: Optional[int] = ...,
    stagnation_months: Optional[int] = ...,
) -> pd.DataFrame: ...
def evaluate_file(
    path: _PathLike,
    as_of: _DateLike,
    *,
    chunk: int = ...,
    format: Optional[str] = ...,
    daily_rate: Optional[int] = ...,
    strict: bool = ...,
    inactive_days: Optional[int] = ...,
    trin2_days: Optional[int] = ...,
    stagnation_months: Optional[int] = ...,
) -> Iterator[Evaluations]: ...
def followup_worklist(
    source: Union[Caseload, Evaluations],
    as_of: Optional[_DateLike] = ...,
    *,
    inactive_days: Optional[int] = ...,
    trin2_days: Optional[int] = ...,
    stagnation_months: Optional[int] = ...,
    jobformidler: Optional[str] = ...,
    group_by_jobformidler: bool = ...,
) -> pd.DataFrame: ...
def answer_sanction(
    caseload: Caseload,
    citizen: str,
    as_of: _DateLike,
    failure_id: Optional[str] = ...,
    *,
    daily_rate: Optional[int] = ...,
) -> SanctionAnswer: ...
def answer_sanction_json(source: _PathLike) -> SanctionAnswer: ...
def transitions() -> pd.DataFrame: ...
def model_dot() -> str: ...

class RuleParameter:
    """One parameter of the rule set, with its unit, meaning and citation."""
    name: str
    value: Any
    unit: str
    description: str
    source: Optional[Source]
    decision: Optional[str]
    @property
    def citation(self) -> str: ...

class RuleParameters:
    """The rule set's parameters, read-only (kanten.RULES)."""
    version: str
    valid_from: _dt.date
    exit_ordinary_minutes_per_month: int
    followup_months: int
    sanction_days: int
    max_minutes_per_day: int
    month: str
    sanction_requires_written_hearing: bool
    personal_contact_needs_phone_and_visit: bool
    parameters: Tuple[RuleParameter, ...]
    @property
    def exit_ordinary_hours_per_month(self) -> float: ...
    def parameter(self, name: str) -> RuleParameter: ...
    def to_frame(self) -> pd.DataFrame: ...

RULES: RuleParameters

# --- matching (present when HAS_MATCHING) ----------------------------------------------------

class Market:
    """Citizens to match, companies and their tasks; immutable once read."""
    @staticmethod
    def from_json(text: str, *, strict: bool = ...) -> Market: ...
    @staticmethod
    def from_file(path: _PathLike, *, strict: bool = ...) -> Market: ...
    @staticmethod
    def from_frames(citizens: pd.DataFrame, companies: pd.DataFrame, tasks: pd.DataFrame) -> Market: ...
    def to_json(self, indent: Optional[int] = ...) -> str: ...
    def warnings(self) -> pd.DataFrame: ...
    @property
    def citizen_ids(self) -> npt.NDArray[np.object_]: ...
    @property
    def company_ids(self) -> npt.NDArray[np.object_]: ...
    @property
    def task_ids(self) -> npt.NDArray[np.object_]: ...

CITIZEN_COLUMNS: Tuple[str, ...]
MAX_CANDIDATES_PER_CITIZEN: int
DEFAULT_MATCH_STEPS: Tuple[str, ...]
COMPANY_COLUMNS: Tuple[str, ...]
TASK_COLUMNS: Tuple[str, ...]

class MatchProposal:
    """A proposal for a market: the matches with their explanations."""
    def __init__(self, raw: Any) -> None: ...
    mode: str
    weights_version: str
    total_score: int
    candidates: int
    max_candidates: int
    citizens_at_bound: int
    optimal: bool
    selected: int
    not_in_market: Tuple[str, ...]
    @property
    def matches(self) -> pd.DataFrame: ...
    @property
    def unmatched(self) -> pd.DataFrame: ...
    def to_json(self, indent: Optional[int] = ...) -> str: ...

def market_from_frames(citizens: pd.DataFrame, companies: pd.DataFrame, tasks: pd.DataFrame) -> Market: ...
def generate_market(
    citizens: int = ...,
    companies: int = ...,
    seed: int = ...,
    *,
    region: str = ...,
    tasks_per_company: float = ...,
    travel_m: int = ...,
) -> Market: ...
def match(
    market: Market,
    mode: str = ...,
    *,
    k: int = ...,
    per_company: int = ...,
    weights: Optional[str] = ...,
    explain: bool = ...,
    threads: int = ...,
    citizens: Optional[Sequence[str]] = ...,
    evaluations: Optional[Evaluations] = ...,
    caseload: Optional[Caseload] = ...,
    as_of: Optional[DateLike] = ...,
    steps: Sequence[str] = ...,
    max_candidates: Optional[int] = ...,
) -> MatchProposal: ...
def candidates(market: Market, *, weights: Optional[str] = ..., threads: int = ...) -> pd.DataFrame: ...
def top_tasks(market: Market, citizen: Union[str, int], k: int = ..., per_company: int = ..., *, weights: Optional[str] = ...) -> pd.DataFrame: ...
def top_citizens(market: Market, task: Union[str, int], k: int = ..., *, weights: Optional[str] = ...) -> pd.DataFrame: ...
def score_pair(market: Market, citizen: Union[str, int], task: Union[str, int], *, weights: Optional[str] = ...) -> Dict[str, Any]: ...
def audit(market: Market, proposal: MatchProposal, groups: Sequence[Union[str, int]]) -> pd.DataFrame: ...

class Matcher:
    """A persistent matcher over its own copy of a market: top lists in a page view's time, updated in place."""
    def __init__(self, market: Market, weights: Optional[str] = ...) -> None: ...
    @overload
    def top_tasks(self, citizen: Union[str, int], k: int = ..., per_company: int = ..., *, explain: bool = ...,
                  as_frame: Literal[True] = ...) -> pd.DataFrame: ...
    @overload
    def top_tasks(self, citizen: Union[str, int], k: int = ..., per_company: int = ..., *, explain: bool = ...,
                  as_frame: Literal[False]) -> List[Dict[str, Any]]: ...
    @overload
    def top_citizens(self, task: Union[str, int], k: int = ..., *, explain: bool = ...,
                     as_frame: Literal[True] = ...) -> pd.DataFrame: ...
    @overload
    def top_citizens(self, task: Union[str, int], k: int = ..., *, explain: bool = ...,
                     as_frame: Literal[False]) -> List[Dict[str, Any]]: ...
    def upsert_citizen(self, citizen: Union[Mapping[str, Any], pd.Series, pd.DataFrame]) -> None: ...
    def upsert_company(self, company: Union[Mapping[str, Any], pd.Series, pd.DataFrame]) -> None: ...
    def upsert_task(self, task: Union[Mapping[str, Any], pd.Series, pd.DataFrame]) -> None: ...
    def remove_citizen(self, citizen: str) -> bool: ...
    def remove_company(self, company: str) -> bool: ...
    def remove_task(self, task: str) -> bool: ...
    def set_capacity(self, company: str, capacity: int) -> None: ...
    def set_slots(self, task: str, slots: int) -> None: ...
    @property
    def market(self) -> Market: ...
    @property
    def weights_version(self) -> str: ...
    def __len__(self) -> int: ...

# Bus trips (002) and social training tracks (001): kanten/_workplace.py

MAX_AGE: int
MAX_TRIP_PARTICIPANTS: int
MAX_STAFF_DKK_PER_HOUR: int
MAX_TRACK_WEEKS: int
MAX_CITIZENS_PER_MENTOR: int

def bus_eligibility(
    *,
    activity_ready: bool = ...,
    age: Optional[int] = ...,
    vocational_education: bool = ...,
    exempt_from_activity: bool = ...,
    caseworker_finds_it_helps: bool = ...,
    model: str = ...,
) -> Dict[str, Any]: ...
def trip_cost(participants: int, staff_dkk_per_hour: Optional[int] = ...) -> Dict[str, Any]: ...
def route_workplace(close_to_ordinary_job: bool = ..., close_to_special_terms_job: bool = ...) -> Dict[str, Any]: ...

class BusPlan:
    def __init__(self, planned: Any) -> None: ...
    model: str
    weights_version: str
    notes: Tuple[str, ...]
    qualifying_companies: Tuple[str, ...]
    @property
    def participants(self) -> pd.DataFrame: ...
    @property
    def visits(self) -> pd.DataFrame: ...
    @property
    def trips(self) -> pd.DataFrame: ...
    @property
    def eligibility(self) -> pd.DataFrame: ...
    @property
    def left_out(self) -> pd.DataFrame: ...
    @property
    def groups(self) -> int: ...
    def to_json(self) -> str: ...
    def record_attendance(self, group: int, trip: int, date: DateLike, present: Sequence[str]) -> Dict[str, Any]: ...

def plan_bus_trips(
    market: Market,
    referrals: Union[pd.DataFrame, Iterable[Mapping[str, Any]]],
    *,
    model: str = ...,
    max_groups: int = ...,
    invite_first: Sequence[str] = ...,
    staff_dkk_per_hour: Optional[int] = ...,
) -> BusPlan: ...

class TrainingPlan:
    def __init__(self, text: str) -> None: ...
    @property
    def tracks(self) -> pd.DataFrame: ...
    @property
    def company_views(self) -> pd.DataFrame: ...
    @property
    def unplaced(self) -> pd.DataFrame: ...
    @property
    def mentors(self) -> pd.DataFrame: ...
    def to_json(self) -> str: ...

def plan_training_tracks(
    market: Market,
    start: DateLike,
    *,
    citizens: Optional[Sequence[str]] = ...,
    weeks: Union[int, Mapping[str, int]] = ...,
    ongoing: Optional[Union[pd.DataFrame, Iterable[Mapping[str, Any]]]] = ...,
    citizens_per_mentor: int = ...,
) -> TrainingPlan: ...
# --- programme figures (python/kanten/_programme.py) -----------------------------------------
FUNNEL_STAGES: Tuple[str, ...]
ENDPOINTS: Tuple[str, ...]
MAX_RETENTION_MONTHS: int

class ProgrammeFigures:
    """The programme figures of a caseload as of one date."""
    as_of: _dt.date
    rule_set: str
    funnel: pd.DataFrame
    paid_hours_share: Optional[float]
    thirty_hours_share: Optional[float]
    retention: pd.DataFrame
    steps_by_month: pd.DataFrame
    curves: pd.DataFrame
    medians: Dict[str, Optional[int]]
    json: str

def person_months(caseload: Caseload, as_of: _DateLike) -> pd.DataFrame: ...
def programme_figures(
    caseload: Caseload, as_of: _DateLike, *, retention_months: Sequence[int] = ...
) -> ProgrammeFigures: ...

# Survival analysis (kanten/_survival.py).
_Labels = Union[str, pd.Series, Mapping[str, Any], Sequence[Any], npt.NDArray[Any]]
OBSERVATION_COLUMNS: Tuple[str, ...]
def observations(caseload: Caseload, as_of: _DateLike, endpoint: str = ...) -> pd.DataFrame: ...
def kaplan_meier(
    source: Union[Caseload, pd.DataFrame, Sequence[int], npt.NDArray[np.integer[Any]]],
    as_of: Optional[_DateLike] = ...,
    *,
    endpoint: str = ...,
    event: Optional[Union[Sequence[bool], npt.NDArray[np.bool_]]] = ...,
    by: Optional[_Labels] = ...,
    alpha: float = ...,
) -> pd.DataFrame: ...
class LogRankTest:
    """The log-rank test of equal survival in two or more groups."""
    statistic: float
    df: int
    p_value: float
    table: pd.DataFrame
    @property
    def observed(self) -> pd.Series: ...
    @property
    def expected(self) -> pd.Series: ...
def logrank(
    source: Union[Caseload, pd.DataFrame, Sequence[int], npt.NDArray[np.integer[Any]]],
    as_of: Optional[_DateLike] = ...,
    *,
    by: _Labels,
    endpoint: str = ...,
    event: Optional[Union[Sequence[bool], npt.NDArray[np.bool_]]] = ...,
) -> LogRankTest: ...
def cumulative_incidence(
    source: Union[Caseload, Sequence[int], npt.NDArray[np.integer[Any]]],
    as_of: Optional[_DateLike] = ...,
    *,
    cause: Optional[Union[Sequence[Any], npt.NDArray[Any], pd.Series]] = ...,
    alpha: float = ...,
) -> pd.DataFrame: ...

# Comparing groups (kanten/_compare.py) and the plots (kanten/_plot.py, kanten.plot).
class Comparison:
    """The programme figures of several groups as of one date, side by side."""
    as_of: _dt.date
    groups: Tuple[str, ...]
    programme: str
    figures: Mapping[str, ProgrammeFigures]
    @property
    def summary(self) -> pd.DataFrame: ...
    @property
    def funnel(self) -> pd.DataFrame: ...
    @property
    def retention(self) -> pd.DataFrame: ...
    @property
    def curves(self) -> pd.DataFrame: ...
    @property
    def logrank(self) -> pd.DataFrame: ...
    @property
    def incidence(self) -> pd.DataFrame: ...
    @property
    def caseloads(self) -> Tuple[Caseload, ...]: ...
    def observations(self, endpoint: str = ...) -> pd.DataFrame: ...
    def panel(self) -> pd.DataFrame: ...

def compare(
    groups: Mapping[str, Caseload],
    as_of: _DateLike,
    *,
    programme: Optional[str] = ...,
    retention_months: Sequence[int] = ...,
    alpha: float = ...,
) -> Comparison: ...
def comparison_panel(groups: Mapping[str, Caseload], as_of: _DateLike, *, programme: Optional[str] = ...) -> pd.DataFrame: ...

from . import _plot
plot = _plot
