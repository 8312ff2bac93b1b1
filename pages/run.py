"""Run the exercises: open and close voting, choose what the projector shows while voting is
open, see who has answered against who was expected, review what participants proposed, enter
a group's flipchart for people without phones, and remove a participant who does not belong."""

import streamlit as st

from engine.core.errors import EngineError
from engine.core.exercise import LIVE_RESULTS
from engine.core.types import label
from ui import attendance, session
from ui.exercises import Desk, kind_title, screens

workshop = session.start_facilitator_page("run.page_title")
store = session.store()
lang = session.lang()
t = session.t

st.title(t("run.heading"), anchor=False)
for address, joins in session.join_log().bursts(workshop.code, session.now()).items():
    st.warning(session.n("run.join_burst", joins, address=address), icon="⚠️")
if not workshop.exercises:
    st.info(t("run.no_exercises"))
    st.page_link("pages/setup.py", label=t("nav.setup"))
    st.stop()

NEXT_ACTION = {"draft": ("open", "run.open", ":material/play_arrow:"),
               "open": ("closed", "run.close", ":material/stop:"),
               "closed": ("open", "run.reopen", ":material/replay:")}
room = workshop.room()


def save_live_results(exercise_id: str) -> None:
    """Store the choice just made of what the projector shows while the exercise is open."""
    try:
        store.set_live_results(workshop.code, exercise_id,
                               st.session_state[f"live_results_{exercise_id}"])
    except EngineError as error:
        session.show_error(error)


for exercise in workshop.exercises:
    counted = sum(exercise.spec.voters_by_group(exercise, room).values())
    with st.container(border=True, horizontal=True, vertical_alignment="center",
                      horizontal_alignment="distribute"):
        st.markdown(f"**{session.plain(exercise.title_in(lang))}**  \n"
                    f"{kind_title(exercise.spec, lang)} · {t('status.' + exercise.status)} · "
                    f"{session.n('run.voters', counted)}")
        if exercise.status != "closed":
            st.segmented_control(
                t("run.live_results"), LIVE_RESULTS, default=exercise.live_results,
                required=True, format_func=lambda c: t(f"run.live_results_{c}"),
                key=f"live_results_{exercise.id}", help=t("run.live_results_help"),
                on_change=save_live_results, args=(exercise.id,))
        status, action, icon = NEXT_ACTION[exercise.status]
        if st.button(t(action), key=f"status_{exercise.id}", icon=icon,
                     type="primary" if exercise.status == "draft" else "secondary"):
            store.set_status(workshop.code, exercise.id, status)
            st.rerun()

attendance.participation_view(workshop)

waiting = [(exercise, proposal) for exercise in workshop.exercises
           for proposal in exercise.proposals]
if waiting:
    st.header(t("proposals.heading"), anchor=False)
    st.caption(t("proposals.explain"))
    for exercise, proposal in waiting:
        with st.container(border=True, horizontal=True, vertical_alignment="center",
                          horizontal_alignment="distribute"):
            st.markdown(t("proposals.line", item=session.plain(
                exercise.spec.proposal_text(exercise, proposal, lang)),
                exercise=session.plain(exercise.title_in(lang)),
                group=session.plain(label(workshop.group(proposal.proposed_by).label, lang))))
            for approve, text, icon in ((True, "proposals.approve", ":material/check:"),
                                        (False, "proposals.reject", ":material/close:")):
                if st.button(t(text), key=f"review|{exercise.id}|{proposal.id}|{approve}",
                             icon=icon):
                    try:
                        store.review_proposal(workshop.code, exercise.id, proposal.id, approve)
                    except EngineError as error:
                        session.show_error(error)
                    else:
                        st.rerun()

st.header(t("proxy.heading"), anchor=False)
st.caption(t("proxy.explain"))
open_now = [e for e in workshop.exercises
            if e.status == "open" and screens(e.kind).flipchart is not None
            and e.spec.accepts_proxy(e.design)]
if open_now:
    chosen = workshop.exercise(st.selectbox(
        t("proxy.exercise"), [e.id for e in open_now], key="proxy_exercise",
        format_func=lambda e: workshop.exercise(e).title_in(lang)))
    flipchart = screens(chosen.kind).flipchart
    assert flipchart is not None
    flipchart(Desk(workshop, chosen, lang))
else:
    st.info(t("proxy.none_open"))

attendance.removal(workshop)
