"""Rating the EMP's interaction matrix from a phone (guide 2.6): one land use at a time.

"How does ⛏️ Artisanal mining affect each of these?" Under it, each environmental value with
three answers, positive (+), neutral (N) and negative (−). A tap stores that one cell at once;
a value left alone is simply not rated (people rate what they know). "Next" moves to the next
land use: seven screens for a 7 × 8 matrix, not 56.

Kept light for cheap phones and a busy laptop: one element per value, no table, no chart, and
the participant's own answers kept in the phone's state (seeded once from their ballots, then
updated with each answer the store accepted) instead of re-reading the ballots on each tap.
"""

from __future__ import annotations

import streamlit as st

from engine.core.types import label
from engine.exercises.emp.plan import (INTERACTION_NAMES, INTERACTIONS, EnvironmentalPlan,
                                       matrix_cells)
from ui import session
from ui.exercises import Phone

SYMBOLS = {"+": "+", "N": "N", "-": "−"}  # a real minus sign: it reads better than a hyphen


def _answers(ctx: Phone) -> dict[str, str]:
    """This participant's latest rating of each cell, kept in the phone's state."""
    state = ctx.state()
    if "answers" not in state:
        answers: dict[str, str] = {}
        for ballot in ctx.mine():
            answers.update(ballot.answer.ratings)
        state["answers"] = answers
    return state["answers"]  # type: ignore[no-any-return]


def _rate(ctx: Phone, cell: str, key: str) -> None:
    """Send the cell's new rating (a widget callback). Tapping the chosen answer again clears
    the box, but a sent answer stays: the box shows it again."""
    rating = st.session_state[key]
    answers = _answers(ctx)
    if rating is None:
        st.session_state[key] = answers.get(cell)
    elif ctx.send({"ratings": {cell: rating}}):
        answers[cell] = rating
    else:
        st.session_state[key] = answers.get(cell)


def phone(ctx: Phone) -> None:
    """One land use's card: a + / N / − choice for each value, and the way to the next."""
    plan: EnvironmentalPlan = ctx.design
    lang = ctx.lang
    state, answers = ctx.state(), _answers(ctx)
    cells = matrix_cells(plan.land_uses, plan.values)
    at = min(state.get("land_use", 0), len(plan.land_uses) - 1)
    land_use = plan.land_uses[at]
    ctx.show_refusal()
    st.subheader(session.t("vote.emp_row_question", land_use=session.with_pictogram(
        land_use.pictogram, label(land_use.label, lang), target="phone")),
        anchor=False)
    st.caption(session.t("vote.emp_row_hint"))
    for value in plan.values:
        cell = f"{land_use.id}:{value.id}"
        key = f"emp|{ctx.exercise.id}|{cell}"
        st.session_state.setdefault(key, answers.get(cell))
        st.segmented_control(
            session.with_pictogram(value.pictogram, label(value.label, lang),
                                   target="phone"),
            INTERACTIONS, key=key, width="stretch", on_change=_rate, args=(ctx, cell, key),
            format_func=lambda rating: session.t(
                f"vote.emp_answer.{INTERACTION_NAMES[rating]}", symbol=SYMBOLS[rating]))

    def move(step: int) -> None:
        state["land_use"] = at + step

    with ctx.footer():
        rated = sum(cell in answers for cell in cells)
        st.progress(rated / len(cells), text=session.t(
            "vote.emp_row_progress", position=at + 1, total=len(plan.land_uses), rated=rated,
            cells=len(cells)))
        with st.container(horizontal=True, horizontal_alignment="distribute"):
            st.button(session.t("vote.previous"), key=f"emp_previous|{ctx.exercise.id}",
                      disabled=at == 0, on_click=move, args=(-1,))
            if at < len(plan.land_uses) - 1:
                st.button(session.t("vote.next"), key=f"emp_next|{ctx.exercise.id}",
                          type="primary", on_click=move, args=(1,))
            else:  # the last land use: what is rated is saved already; this says so
                st.button(session.t("vote.emp_done"), key=f"emp_done|{ctx.exercise.id}",
                          type="primary", on_click=ctx.finish)
