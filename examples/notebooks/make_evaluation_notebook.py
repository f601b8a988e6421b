#!/usr/bin/python3
"""Writes examples/notebooks/evaluation.ipynb (nbformat 4) from the cells below.

Run with Debian's interpreter after editing a cell: /usr/bin/python3 make_evaluation_notebook.py
The notebook is stored without outputs; the Python tests execute it (python/CMakeLists.txt).
"""

import pathlib

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

cells = [
    new_markdown_cell("""# Evaluating the indsatsmodel on the Lolland-Falster sample

This notebook evaluates kanten's synthetic caseload, sized like the Lolland-Falster project
(850 citizens, seed 003), month by month: where the citizens are in the model (Trin 1:
Afklaring, Trin 2: På vej mod job, Trin 3: Virksomhedsforløb, and the three exits), and the
share who have reached paid (ordinary) hours — about 15 % at the project's midterm evaluation
according to the seed.

Everything is computed by kanten's C++ rules engine; each evaluation comes back as a pandas
DataFrame with one row per citizen."""),
    new_code_cell("""import io

import matplotlib
matplotlib.use("Agg")  # no display needed: figures are shown as PNG images below
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import Image, display

import kanten

def show(fig):
    \"\"\"Displays a figure as a PNG image (works with any matplotlib backend).\"\"\"
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=90, bbox_inches="tight")
    plt.close(fig)
    display(Image(buf.getvalue()))

kanten.__version__"""),
    new_markdown_cell("## The sample: 850 citizens, two years of events each"),
    new_code_cell("""load = kanten.generate_caseload(citizens=850, seed=2018)
load"""),
    new_markdown_cell("""## Month by month

Evaluate the whole caseload at the end of every month. One call per month evaluates all 850
cases in C++; the result is a DataFrame with one row per citizen."""),
    new_code_cell("""months = pd.date_range("2019-01-31", "2020-12-31", freq="M")
per_step = {}
paid_share = {}
for month_end in months:
    s = kanten.evaluate(load, month_end)
    per_step[month_end] = s["step"].value_counts().reindex(kanten.STEPS)
    started = s[s["step"] != "not_started"]
    paid_share[month_end] = (started["ordinary_minutes"] > 0).mean() if len(started) else 0.0

per_step = pd.DataFrame(per_step).T
paid_share = pd.Series(paid_share, name="share with paid hours")
assert (per_step.sum(axis=1) == len(load)).all()  # every citizen is in exactly one step
per_step.tail()"""),
    new_markdown_cell("## Citizens per step over time"),
    new_code_cell("""fig, ax = plt.subplots(figsize=(10, 5))
ax.stackplot(per_step.index, per_step.T.values, labels=[kanten.STEP_LABELS[s] for s in per_step.columns])
ax.set_ylabel("citizens")
ax.set_title("Citizens per step, at the end of each month")
ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
show(fig)"""),
    new_markdown_cell("""## The share who reached paid hours

Of the citizens who have started Trin 1, the share with any ordinary (paid) hours so far.
Internship hours do not count."""),
    new_code_cell("""fig, ax = plt.subplots(figsize=(10, 4))
ax.plot(paid_share.index, paid_share.values * 100, marker="o", markersize=3, label="kanten sample")
ax.axhline(15, color="grey", linestyle="--", label="about 15 % (seed 003, midterm)")
ax.set_ylabel("% of citizens started")
ax.set_ylim(0, max(30, paid_share.max() * 110))
ax.set_title("Share of citizens who have reached paid hours")
ax.legend()
show(fig)
paid_share.iloc[[5, 11, 17, -1]]"""),
    new_markdown_cell("""## One date in detail

`evaluate_all` keeps every table of one evaluation: hours by month, follow-up breaches, the
worklist, sanction answers, and the events that were not applied with their reasons."""),
    new_code_cell("""ev = kanten.evaluate_all(load, "2020-06-30")
ev.summary[["citizen", "step", "since", "ordinary_minutes", "breaches", "due_this_month"]].head()"""),
    new_code_cell("""# Ordinary hours by month over the whole caseload, in hours.
(ev.hours.groupby("month")[["ordinary_minutes", "internship_minutes"]].sum() / 60).tail(6)"""),
    new_code_cell("""# The monthly follow-up worklist (KE7): who still needs a contact this month.
ev.worklist().head(10)"""),
    new_code_cell("""# Sanction questions and what the undecided ones wait for.
sanctions = ev.sanctions
display(sanctions["status"].value_counts())
sanctions.loc[sanctions["status"] == "undecided", ["citizen", "failure_id", "pending"]].head()"""),
    new_code_cell("""# Events not applied, by reason: nothing in the record is silently dropped.
ev.not_applied["reason"].value_counts().loc[lambda c: c > 0]"""),
    new_code_cell("""# One citizen's evaluation in words, with the source paragraphs.
print(ev.explain(ev.summary["citizen"].iloc[0]))"""),
    new_markdown_cell("""## Programme figures

`kanten.programme_figures` computes what an evaluator reads off a whole programme as of one
date (definitions in docs/programme.md): the funnel through the steps, the share of those who
entered with paid hours and with the 30-hour exit, retention 3, 6 and 12 months after entering
Trin 3, citizens per step at each month's end, and Kaplan–Meier curves of the days from entry
to the first paid hour and to the exit. First at the midterm, the end of the sample's first
year, where seed 003 reports about 15 % with paid hours."""),
    new_code_cell("""mid = kanten.programme_figures(load, "2019-12-31")
print(f"paid hours at the midterm: {mid.paid_hours_share:.1%} of those who entered (seed 003: about 15 %)")
print(f"the 30-hour exit:          {mid.thirty_hours_share:.1%}")
mid.funnel"""),
    new_code_cell("""end = kanten.programme_figures(load, "2020-12-31")
fig, ax = plt.subplots(figsize=(9, 4))
stages = end.funnel[end.funnel["stage"] != "caseload"]
ax.barh(stages["stage"].astype(str), stages["citizens"], color="tab:blue", alpha=0.8, label="2020-12-31")
mid_stages = mid.funnel[mid.funnel["stage"] != "caseload"]
ax.barh(mid_stages["stage"].astype(str), mid_stages["citizens"], color="tab:orange", alpha=0.8, height=0.4,
        label="2019-12-31 (midterm)")
ax.invert_yaxis()
ax.set_xlabel("citizens")
ax.set_title("The funnel: citizens who ever reached each stage")
ax.legend()
show(fig)"""),
    new_code_cell("""# Retention after entering Trin 3: ordinary hours in month N after entry, or left to work by then.
end.retention"""),
    new_markdown_cell("""### Time to the first paid hour and to the exit (Kaplan–Meier)

Days from entry (the first conversation). A citizen who has not had the event by the as-of
date is censored there; for the first paid hour, a citizen who left without any paid hours is
censored at the exit. The dotted lines mark the medians, where reached."""),
    new_code_cell("""fig, ax = plt.subplots(figsize=(10, 5))
for endpoint, curve in end.curves.groupby("endpoint", observed=True):
    days = [0] + curve["days"].tolist()
    survival = [1.0] + curve["survival"].tolist()
    ax.step(days, survival, where="post", label=f"{endpoint} (median: {end.medians[endpoint] or 'not reached'})")
    if end.medians[endpoint] is not None:
        ax.axvline(end.medians[endpoint], linestyle=":", color="grey")
ax.set_xlabel("days since entry")
ax.set_ylabel("share without the event")
ax.set_ylim(0, 1.02)
ax.set_title("Kaplan-Meier: time from entry, as of 2020-12-31")
ax.legend()
show(fig)"""),
    new_code_cell("""# The same numbers for one endpoint, with its totals.
km = kanten.kaplan_meier(load, "2020-12-31", endpoint="exit_30_hours")
print(km.attrs)
km.head()"""),
    new_markdown_cell("""### Citizens per step, from the programme figures

`steps_by_month` counts every case at each month's end — the same as evaluating the caseload
once per month above, in one call."""),
    new_code_cell("""steps = end.steps_by_month
assert (steps.loc[pd.Period("2019-06", "M")] == per_step.loc["2019-06-30"]).all()
fig, ax = plt.subplots(figsize=(10, 5))
shares = steps.div(steps.sum(axis=1), axis=0) * 100
ax.stackplot(shares.index.to_timestamp(how="end"), shares.T.values, labels=[kanten.STEP_LABELS[s] for s in shares.columns])
ax.set_ylabel("% of the caseload")
ax.set_ylim(0, 100)
ax.set_title("Citizens per step at each month's end (share of the caseload)")
ax.legend(loc="center left", bbox_to_anchor=(1.0, 0.5), fontsize="small")
show(fig)"""),
    new_markdown_cell("""### The person-month panel

One row per citizen and month from entry to the as-of month (or the exit): the step at the
month's end, ordinary and internship minutes, whether an agreement was in force, and the exit.
A panel like this feeds any further model an evaluator wants to fit."""),
    new_code_cell("""panel = kanten.person_months(load, "2020-12-31")
display(panel.head())
by_month = panel.groupby("month").agg(citizens=("citizen", "size"), with_agreement=("agreement", "sum"),
                                      paid_hours=("ordinary_minutes", lambda m: m.sum() / 60))
by_month.tail()"""),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
})
nbformat.validate(nb)
out = pathlib.Path(__file__).with_name("evaluation.ipynb")
nbformat.write(nb, out)
print(f"wrote {out}")
