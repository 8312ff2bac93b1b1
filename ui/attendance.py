"""Who is in the room, on the facilitator's Run page: who has answered against who was expected
(per group, and per gender where the facilitator knows how many to expect), with the gaps
flagged while voting is open so the facilitator can go and ask; and the removal of a
participant who does not belong (a second phone of one person).

The counts are the engine's (``engine.core.participation``); this module only words them.
"""

from __future__ import annotations

import streamlit as st

from engine.core.errors import EngineError
from engine.core.participation import Attendance, participation
from engine.core.records import Participant, Room
from engine.core.workshop import Workshop
from engine.cuts import GROUP, cell_name
from ui import session

FOLLOW_SECONDS = 5  # how often the participation view follows the phones while voting is open
RECENT_JOINS = 10  # the joins listed for removal, newest first
CONFIRMING = "confirm_exclusion"  # the participant whose removal waits for confirmation
TOKEN_SHOWN = 6  # characters of a token shown: enough to tell phones apart, not to be one


def attendance_line(line: Attendance, room: Room, lang: str) -> str:
    """One line in words, its gap flagged plainly: "⚠️ Women crushers · Woman: 3 of 8 · 5 still
    to answer". (Markdown: the names are escaped.)"""
    values = {GROUP: line.group, **({line.attribute: line.value}
                                    if line.attribute and line.value else {})}
    who = session.plain(cell_name(values, room, lang))
    counted = line.joined if line.voted is None else line.voted
    if not line.expected:
        return session.t("run.attendance_unexpected", who=who, counted=counted)
    if line.over:
        return "⚠️ " + session.t("run.attendance_over", who=who, counted=counted,
                                 expected=line.expected)
    if line.short:
        return "⚠️ " + session.n("run.attendance_short", line.missing, who=who, counted=counted,
                                 expected=line.expected)
    return "✅ " + session.t("run.attendance_complete", who=who, counted=counted,
                            expected=line.expected)


def participation_view(workshop: Workshop) -> None:
    """Per open exercise, who has answered against who was expected; with none open, who has
    joined. It follows the phones while voting is open."""
    is_open = any(e.status == "open" for e in workshop.exercises)

    @st.fragment(run_every=FOLLOW_SECONDS if is_open else None)
    def view() -> None:
        current = session.current_workshop(workshop.code)
        room = current.room()
        lang = session.lang()
        st.header(session.t("run.attendance_heading"), anchor=False)
        opened = [e for e in current.exercises if e.status == "open"]
        if not opened:
            st.caption(session.t("run.attendance_joined"))
            st.markdown("  \n".join(attendance_line(line, room, lang)
                                    for line in participation(room)))
        for exercise in opened:
            st.caption(session.t("run.attendance_answered",
                                 exercise=session.plain(exercise.title_in(lang))))
            st.markdown("  \n".join(attendance_line(line, room, lang)
                                    for line in participation(room, exercise)))

    view()


def _short(token: str) -> str:
    return token[:TOKEN_SHOWN] + "…"


def _describe(participant: Participant, room: Room, lang: str) -> str:
    """A join as the list shows it: its token shortened, its group and the time it joined (the
    laptop's clock). Never its profile: that is not shown per participant."""
    return session.t("run.join_line", token=session.plain(_short(participant.token)),
                     group=session.plain(cell_name({GROUP: participant.group}, room, lang)),
                     time=participant.joined_at.astimezone().strftime("%H:%M"))


def removal(workshop: Workshop) -> None:
    """The recent joins, newest first, each with a button that removes it once confirmed."""
    room = workshop.room()
    lang = session.lang()
    phones = sorted((p for p in room.participants if not p.proxy), key=lambda p: p.joined_at,
                    reverse=True)[:RECENT_JOINS]
    st.header(session.t("run.remove_heading"), anchor=False)
    st.caption(session.t("run.remove_explain"))
    confirming = st.session_state.get(CONFIRMING)
    if confirming is not None and confirming in room.group_of:
        _confirm(workshop.code, room.participant(confirming), room, lang)
    if not phones:
        st.info(session.t("run.remove_nobody"))
    for participant in phones:
        with st.container(horizontal=True, vertical_alignment="center",
                          horizontal_alignment="distribute"):
            st.markdown(_describe(participant, room, lang), width="content")
            st.button(session.t("run.remove"), key=f"exclude_{participant.token}",
                      on_click=lambda token=participant.token: st.session_state.update(
                          {CONFIRMING: token}))
    if workshop.exclusions:
        st.caption(session.n("run.removed_count", len(workshop.exclusions)))


def _confirm(code: str, participant: Participant, room: Room, lang: str) -> None:
    """Ask before removing: what it does, and the two answers."""
    with st.container(border=True):
        st.warning(session.t("run.remove_confirm", who=_describe(participant, room, lang)),
                   icon="⚠️")
        with st.container(horizontal=True):
            if st.button(session.t("run.remove_yes"), key="exclude_confirm", type="primary"):
                st.session_state.pop(CONFIRMING, None)
                try:
                    session.store().exclude(code, participant.token, session.now())
                except EngineError as error:
                    session.show_error(error)
                else:
                    session.confirm_after_rerun(session.t(
                        "run.removed", token=session.plain(_short(participant.token))))
                    st.rerun()
            st.button(session.t("run.remove_cancel"), key="exclude_cancel",
                      on_click=lambda: st.session_state.pop(CONFIRMING, None))
