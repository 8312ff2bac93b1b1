"""What every kind's plotly figures share: palette, type, layout, and the turnout by group.

They draw numbers, never compute them.

Readable at three metres: large type, high contrast, the Okabe–Ito colour-blind-safe palette,
and every value also written as text on the chart, so colour is never the only signal.
"""

from __future__ import annotations

import plotly.graph_objects as go

from collections.abc import Mapping
from typing import Any

from engine.core.records import Room
from engine.core.types import label
from ui.session import t, with_pictogram

BLUE, ORANGE, GREY, TEXT = "#0072B2", "#E69F00", "#BBBBBB", "#111111"
PROJECTOR_FONT = 28  # px: the projected view's figures, read from 10 m
# The devices' own fonts, as the theme's (.streamlit/config.toml): no web font is fetched.
FONT = "Roboto, 'Segoe UI', 'Noto Sans', 'DejaVu Sans', Arial, sans-serif"


def layout(figure: go.Figure, title: str, font_size: int, height: float) -> go.Figure:
    """Type, colours and margins every figure shares; ``title`` on top."""
    figure.update_layout(
        title={"text": title, "font": {"size": font_size + 4}},
        font={"size": font_size, "color": TEXT, "family": FONT},
        height=height, margin={"l": 10, "r": 30, "t": 60 + font_size, "b": 10},
        plot_bgcolor="white", paper_bgcolor="white", showlegend=False)
    return figure


def name(labelled: Any, lang: str) -> str:
    """An item's or a group's chart label: its emoji (if any) and its label."""
    return with_pictogram(labelled.pictogram, label(labelled.label, lang), target="chart")


def turnout_figure(room: Room, voted: Mapping[str, int], lang: str, font_size: int = 18,
                   flag_low: bool = False) -> go.Figure:
    """Voters per group against the expected head-count: a filled bar inside an outline;
    ``flag_low`` (while voting is open) marks the groups not yet heard in full."""
    rows = [_Turnout(group.id, voted.get(group.id, 0), group.expected)
            for group in reversed(room.groups)]
    names = [name(room.group(r.group), lang) for r in rows]
    figure = go.Figure([
        go.Bar(x=[max(r.expected, r.voted) for r in rows], y=names, orientation="h",
               marker={"color": "white", "line": {"color": GREY, "width": 2}}, hoverinfo="skip",
               text=[t("chart.turnout_text", voted=r.voted, expected=r.expected)
                     + (f" {t('chart.below_expected')}" if r.below_expected and flag_low else "")
                     for r in rows],
               textposition="outside", cliponaxis=False),
        # Groups still short of their head-count are drawn in orange and marked in words.
        go.Bar(x=[r.voted for r in rows], y=names, orientation="h",
               marker_color=[ORANGE if r.below_expected and flag_low else BLUE for r in rows]),
    ])
    figure.update_layout(barmode="overlay")
    figure.update_xaxes(visible=False,
                        range=[0, max([max(r.expected, r.voted) for r in rows] + [1]) * 1.3])
    figure.update_yaxes(automargin=True)
    return layout(figure, t("chart.turnout_title"), font_size, 100 + 40 * len(rows))


class _Turnout:
    """One group's bar: voters counted against the head-count expected."""

    def __init__(self, group: str, voted: int, expected: int) -> None:
        self.group, self.voted, self.expected = group, voted, expected
        self.below_expected = voted < expected
