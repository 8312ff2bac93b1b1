"""The rehabilitation plan's timeline: its tasks as bars across the months, phase by phase.

It draws the engine's dates and numbers, never computes them. Each phase has its colour
(Okabe–Ito, colour-blind safe) and its number, written before each task's name and in the
legend, so colour is never the only signal; each bar writes the task's person-days.
"""

from __future__ import annotations

import datetime as dt
import textwrap

import plotly.graph_objects as go

from engine.core.types import label
from engine.exercises.rehabilitation.design import PHASES, RehabilitationPlan
from engine.exercises.rehabilitation.results import RehabilitationResult
from ui.charts import layout
from ui.exercises.rehabilitation.texts import month, number, phase_name
from ui.session import t

PHASE_COLOURS = dict(zip(PHASES, ("#0072B2", "#E69F00", "#009E73", "#56B4E9", "#CC79A7")))
DAY_MS = 24 * 60 * 60 * 1000  # plotly measures a date axis in milliseconds


def timeline_figure(plan: RehabilitationPlan, found: RehabilitationResult, lang: str,
                    font_size: int = 14) -> go.Figure:
    """One bar per task from its first to its last day (both included), grouped by phase, the
    months marked along the top."""
    lines = {line.task: line for line in found.tasks}
    figure = go.Figure()
    names: list[str] = []
    for number_of_phase, phase in enumerate(plan.phases, start=1):
        if not phase.tasks:
            continue
        rows = [f"{number_of_phase}. "
                + textwrap.shorten(label(task.label, lang), 36, placeholder="…")
                for task in phase.tasks]
        names += rows
        figure.add_trace(go.Bar(
            base=[task.start.isoformat() for task in phase.tasks],
            x=[((task.end - task.start).days + 1) * DAY_MS for task in phase.tasks],
            y=rows, orientation="h",
            name=f"{number_of_phase}. {phase_name(phase.phase, lang)}",
            marker_color=PHASE_COLOURS[phase.phase],
            text=[t("rehabilitation.chart.person_days",
                    days=number(lines[task.id].person_days, lang)) for task in phase.tasks],
            textposition="outside", cliponaxis=False,
            hovertext=[f"{task.start.isoformat()} → {task.end.isoformat()}"
                       for task in phase.tasks], hoverinfo="text+y"))
    days = [day for _, task in plan.tasks() for day in (task.start, task.end)]
    ticks = _month_ticks(min(days), max(days)) if days else []
    # Month names from the catalogue's language (plotly's own would be English).
    figure.update_xaxes(type="date", tickvals=[tick.isoformat() for tick in ticks],
                        ticktext=[month(tick, lang).replace(" ", "<br>", 1) for tick in ticks],
                        side="top", gridcolor="#DDDDDD")
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)),
                        automargin=True)
    figure = layout(figure, t("rehabilitation.chart.timeline"), font_size,
                    120 + 28 * max(1, len(names)))
    # Room for the title above the month labels, which sit on top of the bars.
    figure.update_layout(showlegend=True, margin={"t": 70 + 3 * font_size},
                         legend={"orientation": "h", "y": -0.02, "yanchor": "top"})
    return figure



def _month_ticks(first: dt.date, last: dt.date) -> list[dt.date]:
    """The first day of every month from ``first``'s to the one after ``last``'s, or of every
    second or third month on a long plan, so that the names stay legible."""
    count = (last.year - first.year) * 12 + last.month - first.month + 2
    step = 1 + count // 10
    index = first.year * 12 + first.month - 1
    return [dt.date((index + k) // 12, (index + k) % 12 + 1, 1) for k in range(0, count, step)]
