"""Scoring the Leverage and Incentives Matrix from a phone: one instrument at a time.

Each instrument is shown with what it is for and what it offers (so people score the same
thing), then four 1–5 questions; a tap on "send" stores that instrument's scores and moves on
to the next one not yet scored. The phone never sees anyone else's scores.
"""

from __future__ import annotations

import streamlit as st

from engine.errors import EngineError
from engine.incentives import CRITERIA
from engine.model import SCALE, Participant, Workshop, label
from ui import session

SCORES = list(range(SCALE[0], SCALE[1] + 1))
CHOSEN = "lim_instrument"
REFUSED = "lim_refused"  # the engine's error for the last send, shown on the next run


def my_scores(workshop: Workshop, token: str) -> dict[str, dict[str, int]]:
    """This participant's latest scores of each instrument (later ballots replace earlier)."""
    mine: dict[str, dict[str, int]] = {}
    for ballot in workshop.score_ballots:
        if ballot.participant == token:
            mine.update(ballot.scores)
    return mine


@st.fragment
def incentive_scoring(workshop: Workshop, code: str, me: Participant, lang: str) -> None:
    """The LIM scoring card: pick an instrument (the next unscored one first), answer, send."""
    lim = workshop.lim
    mine = my_scores(session.current_workshop(code), me.token)
    ids = [i.id for i in lim.instruments]
    waiting = [i for i in ids if i not in mine]
    st.progress(len(mine) / len(ids), text=session.t("vote.lim_progress", done=len(mine),
                                                     total=len(ids)))
    if not waiting:
        st.success(session.t("vote.lim_done"), icon=":material/check_circle:")
    if st.session_state.get(CHOSEN) not in ids:
        st.session_state[CHOSEN] = (waiting or ids)[0]
    chosen = st.selectbox(session.t("vote.lim_instrument"), ids, key=CHOSEN,
                          format_func=lambda i: f"{'✓ ' if i in mine else ''}"
                          f"{label(lim.instrument(i).label, lang)}")
    instrument = lim.instrument(chosen)
    st.subheader(session.with_pictogram(instrument.pictogram, label(instrument.label, lang)),
                 anchor=False)
    st.markdown(f"**{session.t('lim.objective')}**: {session.plain(label(instrument.objective, lang))}"
                f"  \n**{session.t('lim.package')}**: {session.plain(label(instrument.package, lang))}")
    if instrument.conditions:
        st.caption("  \n".join([session.t("vote.lim_conditions")] + [
            f"• {session.plain(label(c.text, lang))}" for c in instrument.conditions]))
    st.caption(session.t("vote.lim_scale"))
    answers = {criterion: st.segmented_control(
        session.t(f"vote.lim_question.{criterion}"), SCORES, width="stretch",
        default=mine.get(chosen, {}).get(criterion), key=f"lim_score|{chosen}|{criterion}")
        for criterion in CRITERIA}
    complete = all(score is not None for score in answers.values())
    if REFUSED in st.session_state:
        session.show_error(st.session_state.pop(REFUSED))
    st.button(session.t("vote.lim_send"), type="primary", width="stretch", disabled=not complete,
              icon=":material/send:", key="lim_submit", on_click=send,
              args=(code, me.token, chosen, answers, [i for i in waiting if i != chosen]))
    if not complete:
        st.caption(session.t("vote.lim_incomplete", answered=sum(
            score is not None for score in answers.values()), total=len(CRITERIA)))


def send(code: str, token: str, instrument_id: str, answers: dict[str, int],
         still_waiting: list[str]) -> None:
    """Store one instrument's scores, then show the next unscored instrument.

    A button callback: it runs before the next run draws the card, the one moment the
    instrument picker's value can still be changed.
    """
    try:
        session.store().cast_scores(code, token, {instrument_id: answers}, session.now())
    except EngineError as error:
        st.session_state[REFUSED] = error
        return
    st.toast(session.t("vote.thanks"), icon=":material/check_circle:")
    if still_waiting:
        st.session_state[CHOSEN] = still_waiting[0]
