"""Scoring the Leverage and Incentives Matrix from a phone: one instrument at a time.

Each instrument is shown with what it is for and what it offers (so people score the same
thing), then four 1–5 questions; a tap on "send" stores that instrument's scores and moves on
to the next one not yet scored. The phone never sees anyone else's scores.
"""

from __future__ import annotations

import streamlit as st

from engine.core.types import SCALE, label
from engine.exercises.lim.design import CRITERIA, IncentiveMatrix
from ui import session
from ui.exercises import Phone
from ui.session import t

SCORES = list(range(SCALE[0], SCALE[1] + 1))
SENT = "✅"


def _scores(ctx: Phone) -> dict[str, dict[str, int]]:
    """This participant's latest scores of each instrument, kept in the phone's state (read
    once, then updated with each instrument sent)."""
    state = ctx.state()
    if "scores" not in state:
        mine: dict[str, dict[str, int]] = {}
        for ballot in ctx.mine():
            mine.update(ballot.answer.scores)
        state["scores"] = mine
    return state["scores"]  # type: ignore[no-any-return]


def phone(ctx: Phone) -> None:
    """The scoring card: pick an instrument (the next unscored one first), answer, send."""
    lim: IncentiveMatrix = ctx.design
    state, lang = ctx.state(), ctx.lang
    mine = _scores(ctx)
    ids = [i.id for i in lim.instruments]
    waiting = [i for i in ids if i not in mine]
    st.progress(len(mine) / len(ids), text=t("vote.lim_progress", done=len(mine),
                                             total=len(ids)))
    if not waiting:
        st.success(t("vote.lim_done"), icon=SENT)
    chosen_key = ctx.key("instrument")
    if st.session_state.get(chosen_key) not in ids:
        st.session_state[chosen_key] = (waiting or ids)[0]
    chosen = st.selectbox(t("vote.lim_instrument"), ids, key=chosen_key,
                          format_func=lambda i: f"{'✓ ' if i in mine else ''}"
                          f"{label(lim.instrument(i).label, lang)}")
    instrument = lim.instrument(chosen)
    st.subheader(session.with_pictogram(instrument.pictogram, label(instrument.label, lang)),
                 anchor=False)
    st.markdown(f"**{t('lim.objective')}**: {session.plain(label(instrument.objective, lang))}"
                f"  \n**{t('lim.package')}**: {session.plain(label(instrument.package, lang))}")
    if instrument.conditions:
        st.caption("  \n".join([t("vote.lim_conditions")] + [
            f"• {session.plain(label(c.text, lang))}" for c in instrument.conditions]))
    st.caption(t("vote.lim_scale"))
    answers = {criterion: st.segmented_control(
        t(f"vote.lim_question.{criterion}"), SCORES, width="stretch",
        default=mine.get(chosen, {}).get(criterion), key=f"lim_score|{chosen}|{criterion}")
        for criterion in CRITERIA}
    complete = all(score is not None for score in answers.values())
    ctx.show_refusal()
    saved = state.get("saved")
    if saved in ids:  # where the thumb is: the instrument just sent was recorded
        st.success(t("vote.lim_saved", instrument=session.plain(
            label(lim.instrument(saved).label, lang))), icon=SENT)
    st.button(t("vote.lim_send"), type="primary", width="stretch", disabled=not complete,
              key="lim_submit", on_click=_send,
              args=(ctx, chosen, answers, [i for i in waiting if i != chosen]))
    if not complete:
        st.caption(t("vote.lim_incomplete", answered=sum(
            score is not None for score in answers.values()), total=len(CRITERIA)))


def _send(ctx: Phone, instrument_id: str, answers: dict[str, int], still_waiting: list[str]
          ) -> None:
    """Store one instrument's scores, then show the next unscored instrument.

    A button callback: it runs before the next run draws the card, the one moment the
    instrument picker's value can still be changed.
    """
    state = ctx.state()
    if not ctx.send({"scores": {instrument_id: answers}}):
        return
    _scores(ctx)[instrument_id] = dict(answers)
    state["saved"] = instrument_id
    if still_waiting:
        st.session_state[ctx.key("instrument")] = still_waiting[0]
    else:
        ctx.finish()
