"""The phone: whatever the facilitator has opened, as its kind draws it, following the room.

A run reads one row per open exercise (``Store.open_view``) and nothing else that is shared;
the ballot itself is the kind's (``ui.exercises``). A tiny fragment watches which exercises are
open and runs the page again when that changes, so phones move on with the facilitator without
a reload; answers not sent before voting closed are never dropped silently.
"""

import streamlit as st

from engine.core.errors import NotFoundError
from engine.core.types import label
from ui import session
from ui.exercises import Phone, screens

FOLLOW_SECONDS = 5  # how often a phone checks what is open (one small query)
DRAWN = "phone_drawn"  # which exercise this phone showed, and its title, on its last run

session.start_participant_page("vote.page_title")
t = session.t

joined = session.current_participant()
if joined is None:
    st.warning(t("vote.not_joined"))
    st.page_link(session.JOIN_PAGE, label=t("vote.go_join"))
    st.stop()
code, me = joined
try:
    revision, open_now = session.store().open_view(code)
except NotFoundError:
    session.forget_participant()
    st.warning(t("vote.not_joined"))
    st.page_link(session.JOIN_PAGE, label=t("vote.go_join"))
    st.stop()
settings = session.settings_at(code, revision)
lang = session.lang()
group = settings.group(me.group)

session.language_picker(st)
st.caption(f"{session.plain(settings.title)} · "
           f"{session.with_pictogram(group.pictogram, label(group.label, lang))}")

# Answers typed on this phone for an exercise closed since, never sent: say so, once.
drawn = st.session_state.pop(DRAWN, None)
if drawn is not None and drawn["id"] not in {e.id for e in open_now} \
        and st.session_state.get(f"phone|{code}|{drawn['id']}", {}).get("unsent"):
    st.warning(t("vote.closed_unsent", exercise=session.plain(drawn["title"])), icon="⚠️")
    st.session_state[f"phone|{code}|{drawn['id']}"]["unsent"] = False


@st.fragment(run_every=FOLLOW_SECONDS)
def follow_the_facilitator(shown: tuple[str, ...]) -> None:
    """Run the page again as soon as the exercises open to phones are not those shown."""
    if session.store().open_exercises(code) != shown:
        st.rerun(scope="app")


follow_the_facilitator(tuple(e.id for e in open_now))
if not open_now:
    st.info(t("vote.waiting"), icon="⏳")
    st.stop()

if len(open_now) > 1:
    chosen = st.segmented_control(
        t("vote.choose_exercise"), [e.id for e in open_now], required=True,
        default=open_now[0].id, key="chosen_exercise",
        format_func=lambda e: next(x.title_in(lang) for x in open_now if x.id == e))
    exercise = next(e for e in open_now if e.id == chosen)
else:
    exercise = open_now[0]
st.session_state[DRAWN] = {"id": exercise.id, "title": exercise.title_in(lang)}
st.header(session.plain(exercise.title_in(lang)), anchor=False)
screens(exercise.kind).phone(Phone(code, me, settings, exercise, lang))
