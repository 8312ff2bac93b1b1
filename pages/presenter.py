"""The projected view: the results, who has voted, and how to join, on one screen.

One exercise at a time, whichever the facilitator picks (an open one first), as its kind draws
it, refreshed every 2 s from the results cache (recomputed only when a ballot, a join or the
set-up changed). While voting is open the count of who has answered moves live, but the
results move only in steps of several people, or wait for the close (the facilitator's choice
per exercise), so nobody can read a neighbour's vote from the chart's change. The facilitator
may show the parts of the room side by side instead (the women, the men…), from the same
ballots, small parts hidden. Full screen hides
the app's menu and the sidebar, so the projector shows the room's screen alone, readable from
10 m (``ui/presenter.css``); nothing on it scrolls.
"""

from functools import partial

import streamlit as st

from engine.cuts import CutResult, cut_name, offered_cuts, results_by
from ui import join_link, projected, session
from ui.exercises import Desk, choice_text, screens

# Every second: with a refresh every 2 s, the count stood still for up to 2.0 s while 300 phones
# voted (bench/load_app.py), as any refresh the busy laptop served late adds to the 2 s; every
# second, 0.9 s. Either way the presenter costs the laptop about 0.01 s of CPU a second.
REFRESH_SECONDS = 1
FULL_SCREEN = "presenter_full_screen"

workshop = session.start_facilitator_page("presenter.page_title")
code = workshop.code
t = session.t
lang = session.lang()

if not workshop.exercises:
    st.info(t("run.no_exercises"))
    st.stop()

ids = [e.id for e in workshop.exercises]
open_ids = [e.id for e in workshop.exercises if e.status == "open"]
view: str = st.sidebar.selectbox(t("presenter.exercise"), ids,
                            index=ids.index(open_ids[0]) if open_ids else 0,
                            format_func=lambda e: workshop.exercise(e).title_in(lang),
                            key="presenter_exercise")
chosen = workshop.exercise(view)
options: dict[str, str] = {option.name: str(st.sidebar.radio(
    t(option.label_key), list(option.choices), key=f"presenter|{chosen.kind}|{option.name}",
    format_func=partial(choice_text, option)))
    for option in chosen.spec.options(chosen)}
room_now = workshop.room()
cut = st.sidebar.selectbox(t("presenter.cut"), [None, *offered_cuts(room_now, workshop.asked)],
                           format_func=lambda c: t("presenter.no_cut") if c is None
                           else cut_name(c, lang), key="presenter_cut")
st.html(session.style("presenter.css"))
if st.session_state.get(FULL_SCREEN):
    st.html(session.style("full_screen.css"))
    st.button(t("presenter.leave_full_screen"), key="leave_full_screen", type="tertiary",
              on_click=lambda: st.session_state.update({FULL_SCREEN: False}))
else:
    st.sidebar.button(t("presenter.full_screen"), key="full_screen", type="primary",
                      help=t("presenter.full_screen_help"),
                      on_click=lambda: st.session_state.update({FULL_SCREEN: True}))
url = join_link.join_url(code)


@st.fragment(run_every=REFRESH_SECONDS)
def live_view() -> None:
    """Everything that changes while people vote: the heading with how many have answered (it
    moves live), the kind's view of the results the projector may show (while voting is open,
    counted up to the last step, or withheld: ``LiveWorkshop.projected``), and how to join."""
    current = session.current_workshop(code)
    exercise = current.exercise(view)
    # The parts of the room, if chosen, from the same stepped ballots as the whole room's.
    projection = (session.live(code).projected(view, results_by, by=",".join(cut), **options)
                  if cut is not None else session.live(code).projected(view, **options))
    with st.container(horizontal=True, key="presenter_screen", gap="large"):
        with st.container(key="presenter_main", height="stretch"):
            st.title(session.plain(exercise.title_in(lang)), anchor=False)
            st.markdown(f"**{t('status.' + exercise.status)} · "
                        f"{session.n('presenter.voters', projection.voters)}**"
                        + "".join(f" · {t(f'{option.choice_key}.{options[option.name]}')}"
                                  for option in exercise.spec.options(exercise)
                                  if len(option.choices) > 1))
            room = current.room()
            with st.container(key="presenter_view", height="stretch"):
                if projection.exercise is None or projection.result is None:
                    st.html(projected.withheld_html(projection))
                elif isinstance(projection.result, CutResult):
                    st.html(projected.cut_html(projection.result, room, lang))
                else:
                    screens(exercise.kind).presenter(Desk(current, projection.exercise, lang),
                                                     projection.result)
            st.html(projected.turnout_html(room, exercise.spec.voters_by_group(exercise, room),
                                           exercise.status == "open", lang)
                    + projected.step_html(projection))
        with st.container(key="presenter_join", width="content"):
            st.html(join_link.join_html(url, code, t("presenter.qr_alt", code=code),
                                        t("presenter.address")))


live_view()
