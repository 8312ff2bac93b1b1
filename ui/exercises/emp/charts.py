"""Plotly figures for the community EMP (guide 2.6): the interaction matrix and the risk matrix.

They draw the engine's results, never compute them. Readable at three metres, and colour is never
the only signal: each cell of the interaction matrix writes its majority's symbol (+, N, −) and
share, a contested cell is marked ± with a thick dashed border, and each square of the risk
matrix writes its band's name (Okabe–Ito colour-blind-safe palette).
"""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

from engine.core.records import Group
from engine.core.types import label
from engine.exercises.emp.plan import (DEFAULT_BANDS, INTERACTION_NAMES, INTERACTIONS, CellResult,
                                       EnvironmentalPlan, InteractionResult, RiskMatrix)
from ui.charts import FONT, TEXT
from ui.session import n, t, with_pictogram

# Okabe–Ito: bluish green for +, grey for N, vermillion for −, yellow for a contested cell.
ANSWER_COLOURS = {"+": "#009E73", "N": "#999999", "-": "#D55E00"}
CONTESTED_COLOUR = "#F0E442"
TIE_COLOUR = "#DDDDDD"
SYMBOLS = {"+": "+", "N": "N", "-": "−", "contested": "±"}
# How strongly a cell shows its majority's colour: full for a consensus, lighter for mixed
# views, pale when too few people rated it.
STRENGTH = {"consensus": 1.0, "mixed": 0.55, "too_few": 0.25, "contested": 1.0}
# Risk bands from lowest to highest: green, (yellow,) orange, vermillion; more bands, more hues.
BAND_PALETTES = {1: ("#009E73",), 2: ("#009E73", "#D55E00"), 3: ("#009E73", "#E69F00", "#D55E00"),
                 4: ("#009E73", "#F0E442", "#E69F00", "#D55E00")}
MORE_BAND_COLOURS = ("#009E73", "#56B4E9", "#F0E442", "#E69F00", "#D55E00", "#CC79A7", "#0072B2")
GAP = 0.04  # white space between squares, in cell widths
SMALL = "0.75em"  # the second line of a crowded square


def _tint(colour: str, strength: float) -> str:
    """``colour`` mixed with white: 1 = the colour itself, 0 = white."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    mix = [round(255 - (255 - c) * strength) for c in (red, green, blue)]
    return "#" + "".join(f"{c:02X}" for c in mix)


def _wrap(text: str, width: int) -> str:
    """Long axis labels on several lines (plotly's ``<br>``), so columns stay narrow."""
    return "<br>".join(textwrap.wrap(text, width=width, break_long_words=False)) or text


def band_label(name: str) -> str:
    """A band's name as shown: the default bands (low, medium, high) in the reader's language,
    a band the facilitator named as it was typed."""
    return t(f"emp.band.{name}") if name in {b.name for b in DEFAULT_BANDS} else name


def interaction_label(rating: str) -> str:
    """"− Negative": the answer's symbol and its name."""
    name = t(f"emp.interaction.{INTERACTION_NAMES[rating]}")
    return f"{SYMBOLS[rating]} {name}"


def cell_names(plan: EnvironmentalPlan, cell: str, lang: str, target: str = "table"
               ) -> tuple[str, str]:
    """The land use's and the value's names, each with its pictogram (``target`` as for
    ``session.with_pictogram``)."""
    land_use, value = plan.cell(cell)
    return (with_pictogram(land_use.pictogram, label(land_use.label, lang), target=target),
            with_pictogram(value.pictogram, label(value.label, lang), target=target))


def cell_name(plan: EnvironmentalPlan, cell: str, lang: str, target: str = "table") -> str:
    """"⛏️ Artisanal mining → 🏞️ Rivers" (see ``session.with_pictogram`` for ``target``)."""
    return " → ".join(cell_names(plan, cell, lang, target))


def short_cell_name(plan: EnvironmentalPlan, cell: str) -> str:
    """"⛏️→🏞️" when both have an emoji pictogram, else the ids ("asm→river"), for small squares."""
    land_use, value = plan.cell(cell)
    pictograms = [p for p in (land_use.pictogram, value.pictogram)
                  if p and not p.startswith(":material/")]
    if len(pictograms) == 2:
        return "→".join(pictograms)
    return f"{land_use.id}→{value.id}"


def _cell_look(cell: CellResult | None) -> tuple[str, str, str]:
    """(fill colour, text written in the cell, text colour) for one cell of the matrix."""
    if cell is None or not cell.voters:
        return "white", "·", "#777777"
    percent = {r: round(100 * cell.shares[r]) for r in INTERACTIONS}
    if cell.contested:  # the shares of + and − in smaller type, to fit in the square
        return (CONTESTED_COLOUR, f"<b>{SYMBOLS['contested']}</b><br><span style='font-size:"
                f"{SMALL}'>+{percent['+']}% {SYMBOLS['-']}{percent['-']}%</span>", TEXT)
    if cell.majority is None:  # two answers tie for the largest share
        top = max(percent.values())
        tied = "=".join(SYMBOLS[r] for r in INTERACTIONS if percent[r] == top)
        return TIE_COLOUR, f"<b>{tied}</b><br>{top}%", TEXT
    colour = _tint(ANSWER_COLOURS[cell.majority], STRENGTH[cell.status])
    faint = cell.status == "too_few"
    return (colour, f"<b>{SYMBOLS[cell.majority]}</b><br>{percent[cell.majority]}%",
            "#555555" if faint else TEXT)


def _hover(plan: EnvironmentalPlan, cell: CellResult | None, cell_id: str, lang: str) -> str:
    name = cell_name(plan, cell_id, lang, target="chart")
    if cell is None or not cell.voters:
        return f"{name}<br>{t('emp.not_rated')}"
    if cell.counts is not None:
        tally = " · ".join(f"{SYMBOLS[r]} {cell.counts[r]}" for r in INTERACTIONS)
    else:
        tally = " · ".join(f"{SYMBOLS[r]} {round(100 * cell.shares[r])}%" for r in INTERACTIONS)
    return (f"{name}<br>{tally} ({n('emp.people', cell.voters)})"
            f"<br>{t(f'emp.status.{cell.status}')}")


def interaction_figure(plan: EnvironmentalPlan, result: InteractionResult, lang: str,
                       font_size: int = 18, group: Group | None = None, projected: bool = False
                       ) -> go.Figure:
    """The land-use × value matrix as the room rated it: rows land uses, columns values.

    Each cell is coloured by its majority (+ green, N grey, − vermillion; strong for a
    consensus, lighter for mixed views, pale when too few rated it) and writes the majority's
    symbol and share ("− 80%"); a contested cell is yellow, marked "±" with the shares of + and
    −, and has a thick dashed border. A cell nobody rated shows "·".

    ``group``: draw that group's own ratings (``result.groups[group.id]``, only the cells
    enough of its members rated) instead of the whole room's. ``projected``: for the projector,
    each column headed by its value's pictogram alone (in the legend's place, a key names them)
    and no fixed height, so the matrix fills the space it is given.
    """
    cells = result.groups.get(group.id, []) if group is not None else result.cells
    by_id = {cell.cell: cell for cell in cells}
    rows, columns = plan.land_uses, plan.values
    figure = go.Figure()
    xs, ys, texts, colours, hovers = [], [], [], [], []
    for row, land_use in enumerate(rows):
        for column, value in enumerate(columns):
            cell_id = f"{land_use.id}:{value.id}"
            cell = by_id.get(cell_id)
            fill, text, text_colour = _cell_look(cell)
            contested = cell is not None and cell.contested
            figure.add_shape(
                type="rect", x0=column - 0.5 + GAP, x1=column + 0.5 - GAP, y0=row - 0.5 + GAP,
                y1=row + 0.5 - GAP, fillcolor=fill, layer="below",
                line={"color": TEXT, "width": 4, "dash": "dash"} if contested
                else {"color": "#CCCCCC" if fill == "white" else fill, "width": 1})
            xs.append(column)
            ys.append(row)
            texts.append(text)
            colours.append(text_colour)
            hovers.append(_hover(plan, cell, cell_id, lang))
    figure.add_trace(go.Scatter(
        x=xs, y=ys, mode="text", text=texts, textfont={"size": font_size, "color": colours},
        hovertext=hovers, hoverinfo="text", showlegend=False))
    for key, colour in (("+", ANSWER_COLOURS["+"]), ("N", ANSWER_COLOURS["N"]),
                        ("-", ANSWER_COLOURS["-"]), ("contested", CONTESTED_COLOUR)):
        name = (f"{SYMBOLS['contested']} {t('emp.status.contested')}" if key == "contested"
                else interaction_label(key))
        figure.add_trace(go.Scatter(
            x=[None], y=[None], mode="markers", name=name,
            marker={"size": font_size, "symbol": "square", "color": colour,
                    "line": {"color": TEXT, "width": 2 if key == "contested" else 0}}))
    # Column names stay level, wrapped to their column's width in small type: tilted, long
    # names run into each other and off the edge. Projected, pictograms head the columns.
    pictograms_only = projected and all(v.pictogram and not v.pictogram.startswith(":")
                                        for v in columns)
    column_font = font_size + 6 if pictograms_only else max(11, min(font_size - 4, 14))
    wrap = max(8, 900 // (max(len(columns), 1) * column_font))
    figure.update_xaxes(
        side="top", tickmode="array", tickvals=list(range(len(columns))), showgrid=False,
        ticktext=[v.pictogram if pictograms_only else
                  _wrap(with_pictogram(v.pictogram, label(v.label, lang), target="chart"), wrap)
                  for v in columns], range=[-0.5, len(columns) - 0.5], zeroline=False,
        tickfont={"size": column_font}, fixedrange=True, tickangle=0, automargin=True)
    figure.update_yaxes(
        tickmode="array", tickvals=list(range(len(rows))), showgrid=False, zeroline=False,
        ticktext=[_wrap(with_pictogram(u.pictogram, label(u.label, lang), target="chart"), 22)
                  for u in rows], range=[len(rows) - 0.5, -0.5], automargin=True,
        tickfont={"size": max(11, font_size - 2)}, fixedrange=True)
    title = n("chart.weighting_note", result.voters,
              weighting=t("weighting." + result.weighting)) if group is None else with_pictogram(
        group.pictogram, label(group.label, lang), target="chart")
    # The title heads the legend, under the grid: above it, the tilted names would cover it.
    if pictograms_only:  # the key replaces the colours' legend: the cells say + N −
        title = " · ".join(with_pictogram(v.pictogram, label(v.label, lang), target="chart")
                           for v in columns)
    figure.update_layout(
        font={"size": font_size, "color": TEXT, "family": FONT},
        height=None if projected else 150 + round(2.9 * font_size) * len(rows) + 12 * font_size,
        margin={"l": 10, "r": 10, "t": 10, "b": 10},
        plot_bgcolor="white", paper_bgcolor="white",
        legend={"orientation": "h", "y": -0.02, "yanchor": "top", "x": 0,
                "title": {"text": f"<b>{title}</b>", "side": "top"},
                "font": {"size": max(12, font_size - 2)}})
    return figure


def band_colours(names: list[str]) -> dict[str, str]:
    """A colour per band, ``names`` from the lowest band (green) to the highest (vermillion)."""
    palette = BAND_PALETTES.get(len(names)) or tuple(
        MORE_BAND_COLOURS[i % len(MORE_BAND_COLOURS)] for i in range(len(names)))
    return dict(zip(names, palette))


def risk_figure(plan: EnvironmentalPlan, risks: RiskMatrix, lang: str, font_size: int = 18
                ) -> go.Figure:
    """The 5 × 5 risk matrix: consequence across, likelihood up. Each square is coloured by its
    band and writes the band's name; the assessed cells sit in their squares, by their rank in
    the risk register and their pictograms ("1. ⛏️→🏞️")."""
    colours = band_colours([band.name for band in risks.bands])
    placed: dict[tuple[int, int], list[str]] = {}
    for row in risks.cells:
        placed.setdefault((row.likelihood, row.consequence), []).append(
            f"{row.rank}. {short_cell_name(plan, row.cell)}")
    figure = go.Figure()
    xs, ys, texts, hovers = [], [], [], []
    size = len(risks.grid)
    for likelihood in range(1, size + 1):
        for consequence in range(1, size + 1):
            band = risks.grid[likelihood - 1][consequence - 1]
            figure.add_shape(type="rect", x0=consequence - 0.5 + GAP, x1=consequence + 0.5 - GAP,
                             y0=likelihood - 0.5 + GAP, y1=likelihood + 0.5 - GAP, layer="below",
                             fillcolor=_tint(colours.get(band, "#FFFFFF"), 0.9),
                             line={"width": 0})
            here = placed.get((likelihood, consequence), [])
            shown = here if len(here) <= 3 else [*here[:2], t("emp.risk_more",
                                                              more=len(here) - 2)]
            xs.append(consequence)
            ys.append(likelihood)
            band_text = band_label(band) if band else ""
            texts.append("<br>".join([f"<span style='font-size:{max(11, font_size - 5)}px'>"
                                      f"{band_text} · {likelihood * consequence}</span>",
                                      *(f"<b>{entry}</b>" for entry in shown)]))
            hovers.append("<br>".join([f"{band_text}: {t('emp.likelihood')} "
                                       f"{likelihood} × {t('emp.consequence')} "
                                       f"{consequence} = {likelihood * consequence}",
                                       *here]))
    figure.add_trace(go.Scatter(x=xs, y=ys, mode="text", text=texts, hovertext=hovers,
                                hoverinfo="text", textfont={"size": font_size, "color": TEXT},
                                showlegend=False))
    axis = {"tickmode": "array", "tickvals": list(range(1, size + 1)), "showgrid": False,
            "zeroline": False, "range": [0.5, size + 0.5], "fixedrange": True}
    figure.update_xaxes(title={"text": t("emp.consequence"), "standoff": 12},
                        automargin=True, **axis)
    figure.update_yaxes(title={"text": t("emp.likelihood"), "standoff": 12},
                        automargin=True, **axis)
    figure.update_layout(
        font={"size": font_size, "color": TEXT, "family": FONT}, height=160 + 25 * font_size,
        margin={"l": 20, "r": 10, "t": 20, "b": 20}, plot_bgcolor="white", paper_bgcolor="white",
        showlegend=False)
    return figure
