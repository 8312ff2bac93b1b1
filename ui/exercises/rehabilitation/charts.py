"""The rehabilitation plan's timeline: its tasks as bars across the months, phase by phase.

It draws the engine's dates and numbers, never computes them. Each phase has its colour
(Okabe–Ito, colour-blind safe) and its name written on the axis, so colour is never the only
signal; each bar writes the task's person-days.
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from engine.core.types import label
from engine.exercises.rehabilitation.design import PHASES, RehabilitationPlan
from engine.exercises.rehabilitation.results import RehabilitationResult
from ui.charts import layout
from ui.exercises.rehabilitation.texts import number, phase_name
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
    for phase in plan.phases:
        if not phase.tasks:
            continue
        rows = [f"{phase_name(phase.phase, lang)} · "
                + textwrap.shorten(label(task.label, lang), 48, placeholder="…")
                for task in phase.tasks]
        names += rows
        figure.add_trace(go.Bar(
            base=[task.start.isoformat() for task in phase.tasks],
            x=[((task.end - task.start).days + 1) * DAY_MS for task in phase.tasks],
            y=rows, orientation="h", name=phase_name(phase.phase, lang),
            marker_color=PHASE_COLOURS[phase.phase],
            text=[t("rehabilitation.chart.person_days",
                    days=number(lines[task.id].person_days, lang)) for task in phase.tasks],
            textposition="outside", cliponaxis=False,
            hovertext=[f"{task.start.isoformat()} → {task.end.isoformat()}"
                       for task in phase.tasks], hoverinfo="text+y"))
    figure.update_xaxes(type="date", dtick="M1", tickformat="%b %Y", side="top",
                        gridcolor="#DDDDDD")
    figure.update_yaxes(categoryorder="array", categoryarray=list(reversed(names)),
                        automargin=True)
    figure = layout(figure, t("rehabilitation.chart.timeline"), font_size,
                    120 + 28 * max(1, len(names)))
    figure.update_layout(showlegend=True, legend={"orientation": "h", "y": -0.02,
                                                  "yanchor": "top"})
    return figure

