"""The Leverage and Incentives Matrix on screen: the bubble chart and the lines that read it out.

They draw what ``engine.exercises.lim.results`` computed, never compute it themselves.
"""

from __future__ import annotations

import plotly.graph_objects as go

from engine.core.types import SCALE, label
from engine.core.workshop import Workshop
from engine.exercises.lim.design import IncentiveMatrix
from engine.exercises.lim.results import IncentiveResult
from ui.charts import BLUE, FONT, GREY, ORANGE, TEXT
from ui.session import t, with_pictogram

RISK_RANGE = (SCALE[0] * SCALE[0], SCALE[1] * SCALE[1])  # likelihood × severity: 1–25
GATED_TAG = "×"
# Marker area grows with effectiveness: 1 (least) to 5 (most) maps to these diameters (px).
SMALLEST, LARGEST = 18, 70


def instrument_name(lim: IncentiveMatrix, instrument_id: str, lang: str, target: str) -> str:
    """An instrument's label with its pictogram, escaped for ``target`` (see with_pictogram)."""
    instrument = lim.instrument(instrument_id)
    return with_pictogram(instrument.pictogram, label(instrument.label, lang), target=target)


def group_name(workshop: Workshop, group_id: str, lang: str, target: str = "table") -> str:
    """A stakeholder group's label with its pictogram."""
    group = workshop.group(group_id)
    return with_pictogram(group.pictogram, label(group.label, lang), target=target)


def formula_line(result: IncentiveResult) -> str:
    """The composite formula with the weights in use, as every result shows it."""
    return t("lim.formula_line", expression=result.formula.expression,
             normalisation=result.formula.normalisation)


def bubble_tag(result: IncentiveResult, instrument_id: str) -> str:
    """What a bubble carries: the instrument's rank, or × when its conditions are unmet."""
    rank = next(row.rank for row in result.instruments if row.instrument == instrument_id)
    return str(rank) if rank is not None else GATED_TAG


def bubble_figure(lim: IncentiveMatrix, result: IncentiveResult, lang: str, font_size: int = 16
                  ) -> go.Figure:
    """Instruments by mean leverage (x) and mean risk (y), sized by mean effectiveness.

    The best place is bottom right: much leverage, little risk. Incentives are blue and
    disincentives orange; each bubble carries its rank (× for an instrument whose conditions
    are unmet, drawn hollow), and ``bubble_key`` names them, so neither colour nor size is the
    only signal and names never pile up on each other when instruments score alike.
    """
    low, high = SCALE
    figure = go.Figure()
    # Hollow (gated) bubbles first, so they never hide a ranked one drawn at the same place.
    for point in sorted(result.bubbles, key=lambda point: point.ranked):
        colour = BLUE if point.kind == "incentive" else ORANGE
        figure.add_trace(go.Scatter(
            x=[point.x], y=[point.y], mode="markers+text", cliponaxis=False,
            text=[f"<b>{bubble_tag(result, point.instrument)}</b>"], textposition="middle center",
            textfont={"size": font_size, "color": "white" if point.ranked else colour},
            marker={"size": SMALLEST + (LARGEST - SMALLEST) * (point.size - low) / (high - low),
                    "color": colour if point.ranked else "white", "opacity": 0.85,
                    "line": {"color": colour, "width": 3}},
            hovertemplate=instrument_name(lim, point.instrument, lang, "chart") + "<br>"
            + t("lim.bubble_hover", leverage="%{x:.2f}", risk="%{y:.1f}",
                effectiveness=f"{point.size:.2f}") + "<extra></extra>"))
    risks = [point.y for point in result.bubbles] or list(RISK_RANGE)
    figure.update_xaxes(title=t("lim.criterion.leverage"), range=[low - 0.3, high + 0.3], dtick=1,
                        gridcolor="#EEEEEE", zeroline=False)
    # The risks people give cluster; a 1–25 axis would squeeze them into a strip.
    figure.update_yaxes(title=t("lim.risk_axis"), gridcolor="#EEEEEE", zeroline=False,
                        automargin=True, range=[max(0, min(risks) - 2), min(26, max(risks) + 2)])
    figure.add_annotation(x=1, y=0, xref="paper", yref="paper", xanchor="right",
                          yanchor="bottom", showarrow=False, text=t("lim.best_corner"),
                          font={"size": font_size - 2, "color": GREY})
    figure.update_layout(
        title={"text": t("lim.bubble_title"), "font": {"size": font_size + 2}},
        font={"size": font_size, "color": TEXT, "family": FONT}, showlegend=False, height=560,
        margin={"l": 10, "r": 30, "t": 60 + font_size, "b": 10}, plot_bgcolor="white",
        paper_bgcolor="white")
    return figure


def bubble_key(lim: IncentiveMatrix, result: IncentiveResult, lang: str) -> list[str]:
    """Markdown lines naming each bubble: its tag, pictogram and label, ranked ones first."""
    return [t("lim.bubble_key_line", tag=bubble_tag(result, row.instrument),
              instrument=instrument_name(lim, row.instrument, lang, "markdown"))
            + ("" if row.rank is not None else f" {t('lim.gated_tag')}")
            for row in result.instruments if row.voters]


def disagreement_lines(workshop: Workshop, lim: IncentiveMatrix, result: IncentiveResult,
                       lang: str) -> list[str]:
    """Markdown lines naming the instruments the shown groups disagree on most, with each
    group's composite: where the room should talk before it agrees."""
    widest = [d for d in result.disagreement if d.instrument in result.most_disagreed]
    return [t("lim.disagreement_line", instrument=instrument_name(lim, d.instrument, lang,
                                                                   "markdown"),
              spread=f"{d.spread:.2f}",
              groups=", ".join(f"{group_name(workshop, g, lang, 'markdown')} {c:.2f}"
                               for g, c in sorted(d.groups.items(), key=lambda gc: -gc[1])))
            for d in widest]
