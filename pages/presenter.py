"""The projected view: how to join, who has voted, and the live result, refreshed every 2 s.

It shows one exercise, whichever the facilitator picks (an open one first), as its kind draws
it; results are recomputed only when a ballot, a join or the set-up changed.
"""

import streamlit as st

from ui import join_link, session
from ui.exercises import Desk, screens

REFRESH_SECONDS = 2

workshop = session.start_facilitator_page("presenter.page_title")
code = workshop.code
t = session.t
lang = session.lang()

if not workshop.exercises:
    st.info(t("run.no_exercises"))
    st.stop()

ids = [e.id for e in workshop.exercises]
open_ids = [e.id for e in workshop.exercises if e.status == "open"]
view = st.sidebar.selectbox(t("presenter.exercise"), ids,
                            index=ids.index(open_ids[0]) if open_ids else 0,
                            format_func=lambda e: workshop.exercise(e).title_in(lang),
                            key="presenter_exercise")
chosen = workshop.exercise(view)
options = {option.name: st.sidebar.radio(
    t(option.label_key), option.choices, key=f"presenter|{chosen.kind}|{option.name}",
    format_func=lambda choice, option=option: t(f"{option.choice_key}.{choice}"))
    for option in chosen.spec.options(chosen)}


@st.fragment(run_every=REFRESH_SECONDS)
def live_view() -> None:
    """Everything that changes while people vote: one read of what changed, then the heading,
    the way to join and the kind's own view, all from the same result."""
    current = session.current_workshop(code)
    exercise = current.exercise(view)
    result = session.live(code).result(view, **options)
    heading_column, join_column = st.columns([3, 1], gap="large", vertical_alignment="center")
    with heading_column:
        st.title(session.plain(exercise.title_in(lang)), anchor=False)
        st.markdown(f"### {t('status.' + exercise.status)} · "
                    f"{session.n('presenter.voters', exercise.spec.voters(result))}")
    with join_column:
        url = join_link.join_url(code)
        st.image(join_link.qr_png(url), width="stretch", caption=t("presenter.qr_alt"))
        st.markdown(f"# {code}")
        st.caption(url)
    screens(exercise.kind).presenter(Desk(current, exercise, lang), result)


live_view()
