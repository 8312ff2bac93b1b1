"""The projected view: how to join, who has voted, and the live result, refreshed every 2 s."""

import streamlit as st

from engine.model import label
from engine.prioritise import AGGREGATIONS, BASIC_WEIGHTINGS, ExerciseResult, results
from engine.store import Stamp
from ui import charts, join_link, session

PROJECTOR_FONT = 22
REFRESH_SECONDS = 2

workshop = session.start_facilitator_page("presenter.page_title")
code = workshop.code
t = session.t

if not workshop.exercises:
    st.info(t("run.no_exercises"))
    st.stop()

open_ids = [e.id for e in workshop.exercises if e.status == "open"]
exercise_id = st.sidebar.selectbox(
    t("presenter.exercise"), [e.id for e in workshop.exercises],
    index=[e.id for e in workshop.exercises].index(open_ids[0]) if open_ids else 0,
    format_func=lambda e: label(workshop.exercise(e).title, session.lang()), key="presenter_exercise")
chosen = workshop.exercise(exercise_id)
weighting = st.sidebar.radio(
    t("results.weighting"), [*BASIC_WEIGHTINGS, *(["custom"] if chosen.group_weights else [])],
    key="presenter_weighting", format_func=lambda w: t("weighting." + w))
aggregation = st.sidebar.radio(
    t("results.aggregation"), AGGREGATIONS[chosen.method], key=f"presenter_aggregation_{chosen.method}",
    format_func=lambda a: t("aggregation." + a))


@st.cache_resource(max_entries=32, show_spinner=False)
def result_at(code: str, stamp: Stamp, exercise_id: str, weighting: str,
              aggregation: str) -> ExerciseResult:
    """The result as of ``stamp``: recomputed only when a ballot, a join or the set-up changed."""
    return results(session.workshop_at(code, stamp), exercise_id, weighting, aggregation)


@st.fragment(run_every=REFRESH_SECONDS)
def live_view() -> None:
    """Everything that changes while people vote; re-drawn on each tick from the cached result."""
    lang = session.lang()
    stamp = session.store().stamp(code)
    current = session.workshop_at(code, stamp)
    exercise = current.exercise(exercise_id)
    result = result_at(code, stamp, exercise_id, weighting, aggregation)
    heading_column, join_column = st.columns([3, 1], gap="large", vertical_alignment="center")
    with heading_column:
        st.title(session.plain(label(exercise.title, lang)), anchor=False)
        if exercise.question:
            st.subheader(session.plain(label(exercise.question, lang)), anchor=False)
        st.markdown(f"### {t('status.' + exercise.status)} · "
                    f"{t('presenter.voters_count', count=result.voters)}")
    with join_column:
        url = join_link.join_url(code)
        st.image(join_link.qr_png(url), width="stretch")
        st.markdown(f"# {code}")
        st.caption(url)
    st.plotly_chart(charts.result_figure(exercise, result, lang, PROJECTOR_FONT), width="stretch",
                    config={"displayModeBar": False}, key="live_result", theme=None)
    st.plotly_chart(charts.turnout_figure(current, result.turnout, lang, PROJECTOR_FONT,
                                          flag_low=exercise.status == "open"),
                    width="stretch", config={"displayModeBar": False}, key="live_turnout", theme=None)

live_view()
