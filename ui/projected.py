"""What the projector shows as text rather than as a chart: a ranking as bars, the turnout by
group, why results are not shown yet, the parts of the room side by side, and pages of a long
list.

Drawn as one HTML block each (one message per refresh, whatever the number of rows), sized by
``ui/presenter.css`` to be read from 10 m, and never taller than the screen: a long ranking is
shown a page at a time, the top first. Every text people typed is escaped here.
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st

from engine.core.live import Projection
from engine.core.records import Room
from engine.core.types import label
from engine.cuts import CutResult, cell_name
from ui.session import n, t, with_pictogram

ROWS_PER_PAGE = 6  # ranked rows that fit one screen at 1280 × 800, at 28 px and more
CUT_FIRST = 3  # what each part of the room ranks first, on the projector


@dataclass(frozen=True)
class Bar:
    """One ranked row: its place ("1.", or "×" for what is not ranked), what it is, its bar's
    length (0–1, the longest 1) and the number written after the bar."""

    place: str
    name: str
    length: float
    text: str


def ranking_html(bars: Sequence[Bar]) -> str:
    """The rows as rank, name, then a bar with its number: the bar's length shows the share
    at a glance, the number says it, so colour is never the only signal."""
    rows = "".join(
        f'<div class="rank-row"><span class="rank">{html.escape(bar.place)}</span>'
        f'<span class="rank-name">{html.escape(bar.name)}</span>'
        f'<span class="rank-bar"><span class="rank-fill" style="width:{bar.length * 100:.1f}%">'
        f'</span><span class="rank-text">{html.escape(bar.text)}</span></span></div>'
        for bar in bars)
    return f'<div class="projected ranking">{rows}</div>'


def turnout_html(room: Room, voted: Mapping[str, int], flag_low: bool, lang: str) -> str:
    """Each group's pictogram (or name) with its voters out of those expected; while voting is
    open, a group not all heard yet is outlined in orange (the numbers say it too)."""
    chips = []
    for group in room.groups:
        count, expected = voted.get(group.id, 0), group.expected
        low = flag_low and count < expected
        name = group.pictogram if group.pictogram and not group.pictogram.startswith(":") \
            else label(group.label, lang)
        chips.append(f'<span class="turnout-chip{" low" if low else ""}" '
                     f'title="{html.escape(label(group.label, lang))}">'
                     f'{html.escape(name)} {count}/{expected}</span>')
    return (f'<div class="projected turnout"><span class="turnout-title">'
            f'{html.escape(t("presenter.turnout"))}</span> {"".join(chips)}</div>')


def withheld_html(projection: Projection) -> str:
    """Why no result is shown while voting is open: too few people have answered yet (and how
    many more it takes), or the exercise shows its results once voting closes."""
    text = (t("presenter.after_close") if projection.withheld == "after_close"
            else n("presenter.too_few", projection.to_next_step))
    return f'<div class="projected withheld">{html.escape(text)}</div>'


def step_html(projection: Projection) -> str:
    """Under a result shown while voting is open: how many answers it counts, and how many more
    it takes before it moves again (nothing once voting is closed, when every answer counts)."""
    if projection.withheld is not None or not projection.to_next_step:
        return ""
    text = n("presenter.next_step", projection.to_next_step, shown=projection.shown_voters)
    return f'<div class="projected step-note">{html.escape(text)}</div>'


def cut_html(result: CutResult, room: Room, lang: str) -> str:
    """Each part of the room (the women, the men…) with its people and what it ranks first, so
    the room sees whether its parts agree; a part too small to show says so, nothing more."""
    rows = []
    for cell in result.cells:
        name = html.escape(cell_name(cell.values, room, lang))
        if cell.hidden or cell.voters is None:
            said = html.escape(t("presenter.cut_hidden"))
        else:
            first = "; ".join(f"{entry.rank}. " + with_pictogram(
                entry.pictogram, label(entry.label, lang), target="chart")
                for entry in (cell.ranking or [])[:CUT_FIRST])
            said = html.escape(n("presenter.cut_people", cell.voters)) + (
                f" · {first}" if first else "")
        rows.append(f'<div class="cut-row"><span class="cut-name">{name}</span> {said}</div>')
    return f'<div class="projected cut">{"".join(rows)}</div>'


def one_page(rows: Sequence[Bar], key: str) -> Sequence[Bar]:
    """The page of ``rows`` the facilitator shows (the first unless they moved on), with the
    two small buttons that turn the pages when there is more than one."""
    pages = max(1, math.ceil(len(rows) / ROWS_PER_PAGE))
    page = min(st.session_state.get(key, 0), pages - 1)
    if pages > 1:
        with st.container(horizontal=True, key=f"{key}_turn", gap="small",
                          vertical_alignment="center"):
            st.button("◀", key=f"{key}_back", disabled=page == 0, type="tertiary",
                      on_click=lambda: st.session_state.update({key: page - 1}))
            st.caption(t("presenter.page", first=page * ROWS_PER_PAGE + 1,
                         last=min(len(rows), (page + 1) * ROWS_PER_PAGE), total=len(rows)))
            st.button("▶", key=f"{key}_next", disabled=page == pages - 1, type="tertiary",
                      on_click=lambda: st.session_state.update({key: page + 1}))
    return rows[page * ROWS_PER_PAGE:(page + 1) * ROWS_PER_PAGE]
