"""The projected view: how to join, who has voted, and the live result, refreshed every 2 s.

It shows one exercise, or the workshop's Leverage and Incentives Matrix, or its environmental
interaction matrix, whichever the facilitator picks (an open one first).
"""

import streamlit as st

from engine.emp import EmpResult, workshop_emp_results
from engine.incentives import IncentiveResult, workshop_incentive_results
from engine.model import label
from engine.prioritise import AGGREGATIONS, BASIC_WEIGHTINGS, ExerciseResult, results
from engine.store import Stamp
from ui import charts, emp_charts, join_link, lim_charts, session

PROJECTOR_FONT = 22
REFRESH_SECONDS = 2
# The two workshop-wide matrices, offered beside the exercises ("@" never starts an exercise id).
LIM, EMP = "@lim", "@emp"

workshop = session.start_facilitator_page("presenter.page_title")
code = workshop.code
t = session.t

views = ([e.id for e in workshop.exercises] + ([LIM] if workshop.lim else [])
         + ([EMP] if workshop.emp else []))
if not views:
    st.info(t("run.no_exercises"))
    st.stop()

open_views = ([e.id for e in workshop.exercises if e.status == "open"]
              + ([LIM] if workshop.lim and workshop.lim.open else [])
              + ([EMP] if workshop.emp and workshop.emp.open else []))
titles = {LIM: t("lim.heading"), EMP: t("presenter.emp_heading"),
          **{e.id: label(e.title, session.lang()) for e in workshop.exercises}}
view = st.sidebar.selectbox(t("presenter.exercise"), views,
                            index=views.index(open_views[0]) if open_views else 0,
                            format_func=titles.get, key="presenter_exercise")
chosen = workshop.exercise(view) if view not in (LIM, EMP) else None
weighting = st.sidebar.radio(
    t("results.weighting"),
    [*BASIC_WEIGHTINGS, *(["custom"] if chosen is not None and chosen.group_weights else [])],
    key="presenter_weighting", format_func=lambda w: t("weighting." + w))
aggregation = None if chosen is None else st.sidebar.radio(
    t("results.aggregation"), AGGREGATIONS[chosen.method],
    key=f"presenter_aggregation_{chosen.method}", format_func=lambda a: t("aggregation." + a))


@st.cache_resource(max_entries=32, show_spinner=False)
def result_at(code: str, stamp: Stamp, view: str, weighting: str, aggregation: str | None
              ) -> ExerciseResult | IncentiveResult | EmpResult:
    """The result as of ``stamp``: recomputed only when a ballot, a join or the set-up changed."""
    workshop = session.workshop_at(code, stamp)
    if view == LIM:
        return workshop_incentive_results(workshop, weighting)
    if view == EMP:
        return workshop_emp_results(workshop, weighting)
    return results(workshop, view, weighting, aggregation)


def chart(figure, key: str) -> None:
    st.plotly_chart(figure, width="stretch", config={"displayModeBar": False}, key=key,
                    theme=None)


@st.fragment(run_every=REFRESH_SECONDS)
def live_view() -> None:
    """Everything that changes while people vote; re-drawn on each tick from the cached result."""
    lang = session.lang()
    stamp = session.store().stamp(code)
    current = session.workshop_at(code, stamp)
    result = result_at(code, stamp, view, weighting, aggregation)
    if view == LIM:
        title, subtitle = t("lim.heading"), None
        status, voters = "open" if current.lim.open else "closed", result.voters
    elif view == EMP:
        title, subtitle = t("presenter.emp_heading"), None
        status, voters = "open" if current.emp.open else "closed", result.interactions.voters
    else:
        exercise = current.exercise(view)
        title = label(exercise.title, lang)
        subtitle = label(exercise.question, lang) if exercise.question else None
        status, voters = exercise.status, result.voters
    heading_column, join_column = st.columns([3, 1], gap="large", vertical_alignment="center")
    with heading_column:
        st.title(session.plain(title), anchor=False)
        if subtitle:
            st.subheader(session.plain(subtitle), anchor=False)
        st.markdown(f"### {t('status.' + status)} · {t('presenter.voters_count', count=voters)}")
    with join_column:
        url = join_link.join_url(code)
        st.image(join_link.qr_png(url), width="stretch")
        st.markdown(f"# {code}")
        st.caption(url)
    if view == LIM:
        figure, key = st.columns([2, 1], vertical_alignment="center")
        with figure:
            chart(lim_charts.bubble_figure(current.lim, result, lang, PROJECTOR_FONT), "live_lim")
        key.markdown("\n".join(f"#### {line}"
                                for line in lim_charts.bubble_key(current.lim, result, lang)))
        st.markdown(f"#### {session.plain(lim_charts.formula_line(result))}")
        lines = lim_charts.disagreement_lines(current, current.lim, result, lang)
        if lines:
            st.markdown(f"### {t('lim.disagreement_heading')}\n" + "  \n".join(lines))
    elif view == EMP:
        chart(emp_charts.interaction_figure(current.emp, result.interactions, lang,
                                            PROJECTOR_FONT), "live_emp")
    else:
        chart(charts.result_figure(exercise, result, lang, PROJECTOR_FONT), "live_result")
        chart(charts.turnout_figure(current, result.turnout, lang, PROJECTOR_FONT,
                                    flag_low=exercise.status == "open"), "live_turnout")


live_view()
