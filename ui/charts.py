"""Plotly figures for the projector and the results page. They draw numbers, never compute them.

Readable at three metres: large type, high contrast, the Okabe–Ito colour-blind-safe palette,
and every value also written as text on the chart, so colour is never the only signal.
"""

from __future__ import annotations

import plotly.graph_objects as go

from engine.model import SCALE, Exercise, Workshop, label
from engine.prioritise import ExerciseResult, GroupTurnout
from ui.session import t, with_pictogram

BLUE, ORANGE, GREY, TEXT = "#0072B2", "#E69F00", "#BBBBBB", "#111111"
FONT = "Source Sans, Source Sans Pro, sans-serif"  # the font Streamlit ships: no web font fetched
QUADRANT_CORNERS = {"act_now": (1, 1), "plan": (1, 0), "respond_quickly": (0, 1), "monitor": (0, 0)}


def _layout(figure: go.Figure, title: str, font_size: int, height: int) -> go.Figure:
    figure.update_layout(
        title={"text": title, "font": {"size": font_size + 4}},
        font={"size": font_size, "color": TEXT, "family": FONT},
        height=height, margin={"l": 10, "r": 30, "t": 60 + font_size, "b": 10},
        plot_bgcolor="white", paper_bgcolor="white", showlegend=False)
    return figure


def _name(labelled, lang: str) -> str:
    """An item's or a group's chart label: its emoji (if any) and its label."""
    return with_pictogram(labelled.pictogram, label(labelled.label, lang), emoji_only=True)


def weighting_note(result: ExerciseResult) -> str:
    """The line every chart carries: how many voted and how votes were weighted."""
    return t("chart.weighting_note", voters=result.voters, weighting=t("weighting." + result.weighting))


def result_figure(exercise: Exercise, result: ExerciseResult, lang: str, font_size: int = 18
                  ) -> go.Figure:
    """The exercise's live result: bean shares as bars, or the importance × urgency grid."""
    if exercise.method == "tokens":
        return _token_bars(exercise, result, lang, font_size)
    return _importance_urgency_grid(exercise, result, lang, font_size)


def _token_bars(exercise: Exercise, result: ExerciseResult, lang: str, font_size: int) -> go.Figure:
    """One bar per item, best first; the item's name sits above its bar, so long names never
    squeeze the bars or get cut off on a narrow projector."""
    rows = list(reversed(result.items))  # plotly draws the first bar at the bottom
    positions = list(range(len(rows)))
    texts = [t("chart.share_text", share=round(100 * (r.share or 0)),
               beans="" if r.beans is None else t("chart.beans_text", beans=r.beans)) for r in rows]
    figure = go.Figure(go.Bar(x=[r.share for r in rows], y=positions, orientation="h", text=texts,
                              textposition="outside", marker_color=BLUE, cliponaxis=False,
                              width=0.45, textfont={"size": font_size}))
    for position, row in zip(positions, rows):
        figure.add_annotation(x=0, y=position + 0.3, xanchor="left", yanchor="bottom",
                              showarrow=False, font={"size": font_size},
                              text=f"{row.rank}. {_name(exercise.item(row.item), lang)}")
    figure.update_xaxes(visible=False, range=[0, max([r.share or 0 for r in rows] + [0.01]) * 1.4])
    figure.update_yaxes(visible=False, range=[-0.5, len(rows) - 0.1])
    return _layout(figure, weighting_note(result), font_size, 100 + 2.6 * font_size * len(rows))


def _importance_urgency_grid(exercise: Exercise, result: ExerciseResult, lang: str, font_size: int
                             ) -> go.Figure:
    low, high = SCALE
    middle = (low + high) / 2
    figure = go.Figure()
    for quadrant, (right, top) in QUADRANT_CORNERS.items():
        figure.add_annotation(x=high + 0.4 if right else low - 0.4, y=high + 0.4 if top else low - 0.4,
                              text=f"<b>{t('quadrant.' + quadrant)}</b>", showarrow=False,
                              xanchor="right" if right else "left", yanchor="top" if top else "bottom",
                              font={"size": font_size, "color": ORANGE if quadrant == "act_now" else TEXT})
    figure.add_shape(type="line", x0=middle, x1=middle, y0=low - 0.5, y1=high + 0.5,
                     line={"color": GREY, "dash": "dash"})
    figure.add_shape(type="line", y0=middle, y1=middle, x0=low - 0.5, x1=high + 0.5,
                     line={"color": GREY, "dash": "dash"})
    figure.add_trace(go.Scatter(
        x=[r.importance for r in result.items], y=[r.urgency for r in result.items],
        mode="markers+text", marker={"size": 16, "color": BLUE, "symbol": "circle"},
        text=[_name(exercise.item(r.item), lang) for r in result.items], textposition="top center", cliponaxis=False))
    axis = {"range": [low - 0.5, high + 0.5], "dtick": 1, "gridcolor": "#EEEEEE", "zeroline": False}
    figure.update_xaxes(title=t("vote.importance"), **axis)
    figure.update_yaxes(title=t("vote.urgency"), **axis)
    return _layout(figure, weighting_note(result), font_size, 640)


def turnout_figure(workshop: Workshop, rows: list[GroupTurnout], lang: str, font_size: int = 18
                   ) -> go.Figure:
    """Voters per group against the expected head-count: a filled bar inside an outline."""
    rows = list(reversed(rows))
    names = [_name(workshop.group(r.group), lang) for r in rows]
    figure = go.Figure([
        go.Bar(x=[max(r.expected, r.voted) for r in rows], y=names, orientation="h",
               marker={"color": "white", "line": {"color": GREY, "width": 2}}, hoverinfo="skip",
               text=[t("chart.turnout_text", voted=r.voted, expected=r.expected) for r in rows],
               textposition="outside", cliponaxis=False),
        go.Bar(x=[r.voted for r in rows], y=names, orientation="h", marker_color=BLUE),
    ])
    figure.update_layout(barmode="overlay")
    figure.update_xaxes(visible=False,
                        range=[0, max([max(r.expected, r.voted) for r in rows] + [1]) * 1.3])
    figure.update_yaxes(automargin=True)
    return _layout(figure, t("chart.turnout_title"), font_size, 100 + 40 * len(rows))
