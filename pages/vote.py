"""The phone ballot: the open exercise, the participant's inputs, submit, and change the vote."""

import streamlit as st

from engine.errors import EngineError
from engine.model import label
from engine.prioritise import latest_ballots
from ui import ballots, session

session.start_participant_page("vote.page_title")

joined = session.current_participant()
if joined is None:
    st.warning(session.t("vote.not_joined"), icon=":material/qr_code_2:")
    st.page_link(session.JOIN_PAGE, label=session.t("vote.go_join"), icon=":material/login:")
    st.stop()
code, me = joined
workshop = session.current_workshop(code)
lang = session.lang()

session.language_picker(st)
st.caption(f"{workshop.title} · {session.with_pictogram(workshop.group(me.group).pictogram, label(workshop.group(me.group).label, lang))}")

open_exercises = [e for e in workshop.exercises if e.status == "open"]
if not open_exercises:
    st.info(session.t("vote.waiting"), icon=":material/hourglass_top:")

    @st.fragment(run_every=5)
    def wait_for_an_open_exercise(revision: int) -> None:
        """A tiny poll (one indexed query): reload the page once the facilitator opens something."""
        if session.store().stamp(code)[0] != revision:
            st.rerun(scope="app")

    wait_for_an_open_exercise(session.store().stamp(code)[0])
    st.stop()

if len(open_exercises) > 1:
    chosen = st.segmented_control(
        session.t("vote.choose_exercise"), [e.id for e in open_exercises], required=True,
        default=open_exercises[0].id,
        format_func=lambda e: label(workshop.exercise(e).title, lang), key="chosen_exercise")
    exercise = workshop.exercise(chosen)
else:
    exercise = open_exercises[0]

st.header(label(exercise.title, lang), anchor=False)
if exercise.question:
    st.markdown(f"**{label(exercise.question, lang)}**")
mine = next((b for b in latest_ballots(exercise) if b.participant == me.token), None)
if mine is not None:
    st.success(session.t("vote.already_voted"), icon=":material/check_circle:")

ballots.prefill("vote", exercise, mine)
if exercise.method == "tokens":
    answer = ballots.bean_steppers("vote", exercise, exercise.beans, lang)
else:
    answer = ballots.importance_urgency_ratings("vote", exercise, lang)

submit_label = session.t("vote.change" if mine else "vote.submit")
if st.button(submit_label, type="primary", width="stretch", disabled=answer is None,
             icon=":material/send:", key="submit_vote"):
    try:
        session.store().cast(code, exercise.id, me.token, answer, session.now())
    except EngineError as error:
        session.show_error(error)
    else:
        st.session_state["just_voted"] = exercise.id
        st.rerun()
if answer is None:
    st.caption(session.t("vote.incomplete"))
if st.session_state.get("just_voted") == exercise.id:
    st.toast(session.t("vote.thanks"), icon=":material/check_circle:")
    del st.session_state["just_voted"]
