"""A prioritisation's plotly figures: bars by rank, the importance × urgency grid, and the
pairwise matrix as a heat map. They draw the engine's results, never compute them."""

from __future__ import annotations

import plotly.graph_objects as go

from engine.core.types import SCALE
from engine.exercises.prioritisation.design import Prioritisation
from engine.exercises.prioritisation.results import Agreement, ExerciseResult, ItemResult
from ui.charts import BLUE, GREY, ORANGE, TEXT, layout, name
from ui.session import n, t

QUADRANT_CORNERS = {"act_now": (1, 1), "plan": (1, 0), "respond_quickly": (0, 1), "monitor": (0, 0)}


def weighting_note(result: ExerciseResult) -> str:
    """The line every chart carries: how many voted and how votes were weighted."""
    return n("chart.weighting_note", result.voters, weighting=t("weighting." + result.weighting))


def weighting_note_full(result: ExerciseResult) -> str:
    """The chart title: the method, how many voted and how votes were weighted."""
    return f"{t('aggregation.' + result.aggregation)} · {weighting_note(result)}"


def agreement_text(agreement: Agreement) -> str:
    """Kendall's W in words: "Agreement: moderate (W = 0.52, χ² = 31.2, p = 0.003, 12 raters)"."""
    return t("results.agreement_text", reading=t("concordance." + agreement.reading),
             w=f"{agreement.w:.2f}", chi2=f"{agreement.chi2:.1f}", df=agreement.df,
             p=f"{agreement.p_value:.3f}", raters=agreement.raters)


def result_figure(exercise: Prioritisation, result: ExerciseResult, lang: str, font_size: int = 18
                  ) -> go.Figure:
    """The exercise's result: the importance × urgency grid, or one bar per item, best first."""
    if exercise.method == "importance-urgency":
        return _importance_urgency_grid(exercise, result, lang, font_size)
    return _score_bars(exercise, result, lang, font_size)


def _bar_text(result: ExerciseResult, row: ItemResult) -> str:
    """The number written beside a bar: the share (and beans), or the method's score."""
    if result.method == "tokens":
        return t("chart.share_text", share=round(100 * (row.share or 0)),
                 beans="" if row.beans is None else t("chart.beans_text", beans=row.beans))
    return f"{row.score:.3g}"


def _score_bars(exercise: Prioritisation, result: ExerciseResult, lang: str, font_size: int
                ) -> go.Figure:
    """One bar per item, best first; the item's name sits above its bar, so long names never
    squeeze the bars or get cut off on a narrow projector. Bradley–Terry log-strengths can be
    negative: bars then start from the lowest score."""
    rows = list(reversed(result.items))  # plotly draws the first bar at the bottom
    positions = list(range(len(rows)))
    floor = min([0.0] + [r.score for r in rows])
    lengths = [r.score - floor for r in rows]
    texts = [_bar_text(result, r) for r in rows]
    names = {item.id: name(item, lang) for item in exercise.items}
    # The names passed at once: adding annotations one by one copies the list each time,
    # which grows as the square of the items (312 items took seconds).
    figure = go.Figure(go.Bar(x=lengths, y=positions, orientation="h", text=texts,
                              textposition="outside", marker_color=BLUE, cliponaxis=False,
                              width=0.45, textfont={"size": font_size}),
                       layout={"annotations": [
                           {"x": 0, "y": position + 0.3, "xanchor": "left", "yanchor": "bottom",
                            "showarrow": False, "font": {"size": font_size},
                            "text": f"{row.rank}. {names[row.item]}"}
                           for position, row in zip(positions, rows)]})
    figure.update_xaxes(visible=False, range=[0, max(lengths + [0.01]) * 1.4])
    figure.update_yaxes(visible=False, range=[-0.5, len(rows) - 0.1])
    return layout(figure, weighting_note_full(result), font_size,
                   100 + 2.6 * font_size * len(rows))


def _importance_urgency_grid(exercise: Prioritisation, result: ExerciseResult, lang: str,
                             font_size: int) -> go.Figure:
    low, high = SCALE
    middle = (low + high) / 2
    figure = go.Figure()
    for quadrant, (right, top) in QUADRANT_CORNERS.items():
        figure.add_annotation(
            x=high + 0.4 if right else low - 0.4, y=high + 0.4 if top else low - 0.4,
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
        text=[name(exercise.item(r.item), lang) for r in result.items],
        textposition="top center", cliponaxis=False))
    axis = {"range": [low - 0.5, high + 0.5], "dtick": 1, "gridcolor": "#EEEEEE", "zeroline": False}
    figure.update_xaxes(title=t("vote.importance"), **axis)
    figure.update_yaxes(title=t("vote.urgency"), **axis)
    return layout(figure, weighting_note_full(result), font_size, 640)


def pairwise_heatmap(exercise: Prioritisation, result: ExerciseResult, lang: str,
                     font_size: int = 16) -> go.Figure:
    """The pairwise matrix as a heat map: row item preferred over column item, by how many
    (weighted) voters; the number is written in every cell (colour is never the only signal).

    Axes carry each item's rank and pictogram only (the ranking table above gives the names),
    so that long names do not squeeze the grid; hovering shows the names in full.
    """
    assert result.pairwise is not None  # drawn only for a method that has the matrix
    order = [row.item for row in result.items]
    short = [f"{row.rank}. {name(exercise.item(row.item), lang).split(chr(0x2002))[0]}"
             if exercise.item(row.item).pictogram else str(row.rank) for row in result.items]
    full = [name(exercise.item(i), lang) for i in order]
    values = [[None if a == b else result.pairwise[a][b] for b in order] for a in order]
    names = [[f"{full[r]} &gt; {full[c]}" for c in range(len(order))] for r in range(len(order))]
    figure = go.Figure(go.Heatmap(
        z=values, x=short, y=short, customdata=names, colorscale="Blues", texttemplate="%{z:.4~g}",
        textfont={"size": font_size}, hovertemplate="%{customdata}: %{z:.4~g}<extra></extra>",
        showscale=False))
    figure.update_yaxes(autorange="reversed", type="category", automargin=True)
    figure.update_xaxes(side="top", type="category")
    return layout(figure, "", font_size, 120 + 56 * len(order))  # the page captions it


