"""Shared fixtures of kanten's Python tests: the examples directory and a case builder."""

import os
import pathlib

import pandas as pd
import pytest

import kanten

EXAMPLES = pathlib.Path(
    os.environ.get("KANTEN_EXAMPLES_DIR", pathlib.Path(__file__).resolve().parents[2] / "examples")
)


@pytest.fixture
def examples() -> pathlib.Path:
    """The repository's examples/ directory."""
    return EXAMPLES


class Events:
    """Builds an events DataFrame row by row, as a case system's export would look."""

    def __init__(self, citizen: str = "citizen-1") -> None:
        self.citizen = citizen
        self.rows = []

    def on(self, date: str, kind: str, **fields) -> "Events":
        self.rows.append({"citizen": self.citizen, "date": date, "kind": kind, **fields})
        return self

    def trin1_complete(self, d: str) -> "Events":
        return (self.on(d, "first_conversation").on(d, "visitation", outcome="project")
                .on(d, "jobformidler_assigned", jobformidler="jf-1").on(d, "cv_completed")
                .on(d, "job_direction_set", goal="employment", wishes=["5120"]))

    def trin2_complete(self, d: str, agreement_kind: str = "ordinary_hours") -> "Events":
        """Trin 2 complete on ``d``: an agreement with its KE7 terms (company, tasks, weekly hours,
        sub-goals), a follow-up plan, and the contact person at the agreement's company."""
        return (self.on(d, "agreement", agreement_kind=agreement_kind, start=d, minutes_per_week=600,
                        company="company-a", tasks=["stocking shelves"], sub_goals=["more ordinary hours"])
                .on(d, "followup_plan").on(d, "contact_person", company="company-a"))

    def hours(self, d: str, minutes: int, type: str = "ordinary") -> "Events":
        return self.on(d, "hours_worked", minutes=minutes, type=type)

    def frame(self) -> pd.DataFrame:
        df = pd.DataFrame(self.rows)
        df["date"] = pd.to_datetime(df["date"])
        return df

    def caseload(self) -> kanten.Caseload:
        return kanten.caseload_from_frames(self.frame())


@pytest.fixture
def events():
    """A fresh Events builder for one citizen."""
    return Events
