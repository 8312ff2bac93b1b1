"""Run the exercises: open and close voting, and enter a group's tally for people without phones."""

import streamlit as st

from engine.errors import EngineError
from engine.model import label
from engine.prioritise import turnout
from ui import ballots, session

workshop = session.start_facilitator_page("run.page_title")
store = session.store()
lang = session.lang()
t = session.t

st.title(t("run.heading"))
if not workshop.exercises:
    st.info(t("run.no_exercises"))
    st.page_link("pages/setup.py", label=t("nav.setup"), icon=":material/tune:")
    st.stop()

NEXT_ACTION = {"draft": ("open", "run.open", ":material/play_arrow:"),
               "open": ("closed", "run.close", ":material/stop:"),
               "closed": ("open", "run.reopen", ":material/replay:")}

for exercise in workshop.exercises:
    counted = sum(row.voted for row in turnout(workshop, exercise))
    with st.container(border=True, horizontal=True, vertical_alignment="center",
                      horizontal_alignment="distribute"):
        st.markdown(f"**{label(exercise.title, lang)}**  \n{t('method.' + exercise.method)} · "
                    f"{t('status.' + exercise.status)} · {t('run.voters', count=counted)}")
        status, action, icon = NEXT_ACTION[exercise.status]
        if st.button(t(action), key=f"status_{exercise.id}", icon=icon,
                     type="primary" if exercise.status == "draft" else "secondary"):
            store.set_status(workshop.code, exercise.id, status)
            st.rerun()

proposals = [(e, item) for e in workshop.exercises for item in e.items if not item.approved]
if proposals:
    st.header(t("proposals.heading"), anchor=False)
    st.caption(t("proposals.explain"))
    for exercise, item in proposals:
        with st.container(border=True, horizontal=True, vertical_alignment="center",
                          horizontal_alignment="distribute"):
            st.markdown(t("proposals.line", item=session.plain(label(item.label, lang)),
                          exercise=session.plain(label(exercise.title, lang)),
                          group=label(workshop.group(item.proposed_by).label, lang)
                          if item.proposed_by else "?"))
            for approve, text, icon in ((True, "proposals.approve", ":material/check:"),
                                        (False, "proposals.reject", ":material/close:")):
                if st.button(t(text), key=f"review|{exercise.id}|{item.id}|{approve}", icon=icon):
                    try:
                        store.review_proposal(workshop.code, exercise.id, item.id, approve)
                    except EngineError as error:
                        session.show_error(error)
                    else:
                        st.rerun()

st.header(t("proxy.heading"), anchor=False)
st.caption(t("proxy.explain"))
# A pairwise vote is one answer per pair shown on a phone: it has no flipchart tally.
open_exercises = [e for e in workshop.exercises if e.status == "open" and e.method != "pairwise"]
if not open_exercises:
    st.info(t("proxy.none_open"))
    st.stop()

exercise = workshop.exercise(st.selectbox(
    t("proxy.exercise"), [e.id for e in open_exercises],
    format_func=lambda e: label(workshop.exercise(e).title, lang), key="proxy_exercise"))
group = st.selectbox(t("proxy.group"), [g.id for g in workshop.groups],
                     format_func=lambda g: label(workshop.group(g).label, lang), key="proxy_group")
voters = st.number_input(t("proxy.voters"), min_value=1, step=1, key="proxy_voters")
PROXY_INPUTS = {
    "tokens": lambda: ballots.bean_counts("proxy", exercise, exercise.beans * voters, lang),
    "importance-urgency": lambda: ballots.importance_urgency_ratings("proxy", exercise, lang),
    "ranking": lambda: ballots.ranking_taps("proxy", exercise, lang),
    "matrix": lambda: ballots.matrix_scores("proxy", exercise, lang),
}
answer = PROXY_INPUTS[exercise.method]()
if st.button(t("proxy.record"), type="primary", disabled=answer is None, key="proxy_record"):
    try:
        store.cast_proxy(workshop.code, exercise.id, group, voters, answer, session.now())
    except EngineError as error:
        session.show_error(error)
    else:
        st.success(t("proxy.recorded", group=label(workshop.group(group).label, lang), voters=voters))
