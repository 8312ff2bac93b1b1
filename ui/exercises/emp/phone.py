"""Rating the EMP's interaction matrix from a phone (guide 2.6): one cell at a time.

"How does ⛏️ Artisanal mining affect 🏞️ Rivers?" Three large buttons, positive (+), neutral (N)
and negative (−), and a skip button. Each tap sends that one cell to the store and shows the
next cell not yet rated or skipped; when every cell is done, the participant can go back and
change any answer.

Kept light for cheap phones and a busy laptop: drawn in the vote page's fragment (a tap reruns only the ballot), no
table, no chart, and the participant's own answers kept in the session (seeded once from the
workshop, then updated with each answer sent) instead of re-reading every ballot on each tap.
"""

from __future__ import annotations

import streamlit as st

from typing import Any

from engine.exercises.emp.plan import (INTERACTION_NAMES, INTERACTIONS, EnvironmentalPlan,
                                       matrix_cells)
from ui import session
from ui.exercises import Phone
from ui.exercises.emp.charts import cell_names

SYMBOLS = {"+": "+", "N": "N", "-": "−"}  # a real minus sign: it reads better than a hyphen


def _state(ctx: Phone) -> dict[str, Any]:
    """This phone's answers, skipped cells and the cell being changed, kept in the session.

    Seeded once per session from the participant's ballots, so a reloaded phone picks up where
    it was; afterwards updated with each answer the store accepted.
    """
    state = ctx.state()
    if "answers" not in state:
        answers: dict[str, str] = {}
        for ballot in ctx.mine():
            answers.update(ballot.answer.ratings)
        state.update({"answers": answers, "skipped": [], "editing": None, "last": None})
    return state


def _pictograms(plan: EnvironmentalPlan, cell: str) -> str | None:
    """"⛏️ → 🏞️" when both have a pictogram (shown large, for people who read with difficulty)."""
    land_use, value = plan.cell(cell)
    if not (land_use.pictogram and value.pictogram) or ":material/" in (
            land_use.pictogram + value.pictogram):
        return None
    return f"{land_use.pictogram}\u2002→\u2002{value.pictogram}"


def _answer(ctx: Phone, cell: str, rating: str) -> None:
    """Send one cell's rating (a button callback, so the card that follows already shows the
    next cell); a refusal is kept and shown on the card."""
    state = _state(ctx)
    if not ctx.send({"ratings": {cell: rating}}):
        return
    state["answers"][cell] = rating
    state["skipped"] = [c for c in state["skipped"] if c != cell]
    state["editing"] = None
    state["last"] = (cell, rating)


def _skip(state: dict[str, Any], cell: str) -> None:
    if cell not in state["skipped"] and cell not in state["answers"]:
        state["skipped"].append(cell)
    state["editing"] = None
    state["last"] = None


def _edit(state: dict[str, Any], cell: str | None) -> None:
    state["editing"] = cell
    state["last"] = None


def _rate_skipped(state: dict[str, Any]) -> None:
    state["skipped"] = []
    state["last"] = None


def phone(ctx: Phone) -> None:
    """The phone's rating card: one cell at a time, + / N / − or skip. Each tap stores one
    cell; an engine refusal (the EMP closed meanwhile…) is shown here."""
    plan: EnvironmentalPlan = ctx.design
    lang = ctx.lang
    state = _state(ctx)
    cells = matrix_cells(plan.land_uses, plan.values)
    answers = {cell: r for cell, r in state["answers"].items() if cell in cells}
    skipped = [cell for cell in state["skipped"] if cell in cells and cell not in answers]
    editing = state["editing"] if state["editing"] in cells else None
    current = editing or next((c for c in cells if c not in answers and c not in skipped), None)

    ctx.show_refusal()
    if current is None:
        _saved(plan, state, cells, lang)
        _all_done(plan, state, answers, skipped, cells, lang)
        return

    st.progress(len(answers) / len(cells), text=session.t(
        "vote.emp_progress", position=cells.index(current) + 1, total=len(cells),
        answered=len(answers)))
    pictograms = _pictograms(plan, current)
    if pictograms:
        st.title(session.plain(pictograms), anchor=False)
    land_use, value = cell_names(plan, current, lang)
    st.subheader(session.t("vote.emp_question", land_use=land_use, value=value), anchor=False)
    mine = answers.get(current)
    for rating in INTERACTIONS:
        name = INTERACTION_NAMES[rating]
        st.button(session.t(f"vote.emp_answer.{name}", symbol=session.plain(SYMBOLS[rating])),
                  width="stretch",
                  type="primary" if mine == rating else "secondary",
                  key=f"emp_rate|{current}|{name}", on_click=_answer,
                  args=(ctx, current, rating))
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        earlier = [c for c in cells[:cells.index(current)] if c in answers or c in skipped]
        if earlier:
            st.button(session.t("vote.emp_back"), type="tertiary",
                      key=f"emp_back|{current}", on_click=_edit, args=(state, earlier[-1]))
        if editing:
            st.button(session.t("vote.emp_cancel"), type="tertiary",
                      key=f"emp_cancel|{current}", on_click=_edit, args=(state, None))
        elif mine is None:
            st.button(session.t("vote.emp_skip"), type="tertiary",
                      key=f"emp_skip|{current}", on_click=_skip, args=(state, current))
    _saved(plan, state, cells, lang)


def _saved(plan: EnvironmentalPlan, state: dict[str, Any], cells: list[str], lang: str) -> None:
    """What the last tap stored, under the buttons (above them, it would push the buttons down
    just as the next tap comes)."""
    if state["last"] is None or state["last"][0] not in cells:
        return
    cell, rating = state["last"]
    land_use, value = cell_names(plan, cell, lang)
    answer = session.t(f"emp.interaction.{INTERACTION_NAMES[rating]}")
    st.caption(session.t("vote.emp_saved", land_use=land_use, value=value,
                         answer=f"{session.plain(SYMBOLS[rating])} {answer}"))


def _all_done(plan: EnvironmentalPlan, state: dict[str, Any], answers: dict[str, str], skipped: list[str],
              cells: list[str], lang: str) -> None:
    """Every cell rated or skipped: thanks, the skipped ones again, or change an answer."""
    st.success(session.t("vote.emp_done", answered=len(answers), total=len(cells)),
               icon="✅")
    if skipped:
        st.button(session.t("vote.emp_rate_skipped", skipped=len(skipped)), width="stretch",
                  key="emp_rate_skipped", on_click=_rate_skipped, args=(state,))
    if not answers:
        return

    def describe(cell: str) -> str:
        """The answer first: a long name is cut at its end on a narrow screen."""
        land_use, value = cell_names(plan, cell, lang, target="table")
        return f"{SYMBOLS[answers[cell]]}\u2003{land_use} → {value}"

    rated = [cell for cell in cells if cell in answers]
    chosen = st.selectbox(session.t("vote.emp_change_which"), rated, format_func=describe,
                          key="emp_change_cell")
    st.button(session.t("vote.emp_change"), width="stretch",
              key="emp_change", on_click=_edit, args=(state, chosen))
