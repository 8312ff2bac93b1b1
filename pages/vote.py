"""The phone: whatever the facilitator has opened, as its kind draws it, following the room.

A full run reads one row per open exercise (``Store.open_view``) and nothing else that is
shared. Everything a participant taps is in one fragment, so a tap reruns the ballot alone. The
page follows the facilitator without a reload: a watcher on it (``ui.room_watch``) asks the
laptop every few seconds, by a plain web request, whether the exercises open to phones changed,
and runs the whole page again only when they did. An answer not sent before voting closed is
never dropped silently. Until they have answered anything, a participant who tapped the wrong
group can change it. A phone with nothing to answer (waiting, or its answers sent) is drawn by
the page itself, outside the fragment.
"""

from collections.abc import Sequence

import streamlit as st

from engine.core.errors import EngineError, NotFoundError
from engine.core.exercise import Exercise
from engine.core.records import Participant
from engine.core.types import label
from engine.core.workshop import WorkshopSettings
from ui import session
from ui.exercises import Phone, screens
from ui.room_watch import watch_the_room

DRAWN = "phone_drawn"  # which exercise this phone showed, and its title, on its last run
CHANGING_GROUP = "changing_group"  # the participant asked to change group

session.start_participant_page("vote.page_title")
t = session.t

joined = session.current_participant()
if joined is None:
    st.warning(t("vote.not_joined"), icon="⚠️")
    st.page_link(session.JOIN_PAGE, label=t("vote.go_join"))
    st.stop()
code, me = joined
try:
    revision, open_now = session.store().open_view(code)
except NotFoundError:
    session.forget_participant()
    st.warning(t("vote.not_joined"), icon="⚠️")
    st.page_link(session.JOIN_PAGE, label=t("vote.go_join"))
    st.stop()
watch_the_room(code, [e.id for e in open_now])  # first: whatever the page does next, it follows
settings = session.settings_at(code, revision)
lang = session.lang()
session.keep_on_this_phone(code, me)

st.caption(f"{session.plain(settings.title)} · "
           + session.with_pictogram(settings.group(me.group).pictogram,
                                    label(settings.group(me.group).label, lang), target="phone"))

# Answers typed on this phone for an exercise closed since, never sent: say so, once.
drawn = st.session_state.pop(DRAWN, None)
if drawn is not None and drawn["id"] not in {e.id for e in open_now} \
        and st.session_state.get(f"phone|{code}|{drawn['id']}", {}).get("unsent"):
    st.warning(t("vote.closed_unsent", exercise=session.plain(drawn["title"])), icon="⚠️")
    st.session_state[f"phone|{code}|{drawn['id']}"]["unsent"] = False
refused = st.session_state.pop("group_refused", None)
if refused is not None:
    session.show_error(refused)


def change_group(group_id: str) -> None:
    """Move this participant to ``group_id`` (the store refuses once they have answered), then
    draw the whole page again: its caption names the group."""
    st.session_state.pop(CHANGING_GROUP, None)
    try:
        session.remember_participant(code, session.store().change_group(code, me.token, group_id))
    except EngineError as error:
        st.session_state["group_refused"] = error
    st.rerun()


def choose_group(settings: WorkshopSettings, me: Participant) -> None:
    st.header(t("join.which_group"), anchor=False)
    for group in settings.groups:
        st.button(session.with_pictogram(group.pictogram, label(group.label, lang), target="phone"),
                  key=f"group_{group.id}", width="stretch", on_click=change_group,
                  args=(group.id,), type="primary" if group.id == me.group else "secondary")


def ballot(exercises: Sequence[Exercise], settings: WorkshopSettings, me: Participant) -> None:
    """The open exercise's ballot (a choice first if several are open); nothing if none."""
    if not exercises:
        st.info(t("vote.waiting"), icon="⏳")
        session.language_picker(st, compact=True)
        return
    exercise = exercises[0]
    if len(exercises) > 1:
        chosen = st.segmented_control(
            t("vote.choose_exercise"), [e.id for e in exercises], required=True,
            default=exercise.id, key="chosen_exercise",
            format_func=lambda e: next(x.title_in(lang) for x in exercises if x.id == e))
        exercise = next(e for e in exercises if e.id == chosen)
    st.session_state[DRAWN] = {"id": exercise.id, "title": exercise.title_in(lang)}
    st.header(session.plain(exercise.title_in(lang)), anchor=False)
    phone = Phone(code, me, settings, exercise, lang)
    if phone.finished:
        st.success(t("vote.recorded"), icon="✅")
        st.button(t("vote.change_answers"), key="reopen", width="stretch", on_click=phone.reopen)
    else:
        screens(exercise.kind).phone(phone)
    with st.container(horizontal=True, horizontal_alignment="distribute"):
        if not phone.mine():  # once they have answered, their group stays
            st.button(t("vote.change_group"), type="tertiary", key="change_group",
                      on_click=lambda: st.session_state.update({CHANGING_GROUP: True}))
        session.language_picker(st, compact=True)


def quiet(exercises: Sequence[Exercise], settings: WorkshopSettings, me: Participant) -> bool:
    """Whether the phone has nothing to answer now: no exercise is open, or the one open has
    its answers sent. Such a phone is what a room is mostly made of between taps; nothing on it
    needs a fragment, so it is drawn by the page itself."""
    if st.session_state.get(CHANGING_GROUP):
        return False
    return not exercises or (len(exercises) == 1
                             and Phone(code, me, settings, exercises[0], lang).finished)


@st.fragment
def phone_view(exercises: Sequence[Exercise], settings: WorkshopSettings, me: Participant
               ) -> None:
    """What the participant taps."""
    if quiet(exercises, settings, me):  # just sent: the quiet page shows the confirmation
        st.rerun(scope="app")
    if st.session_state.get(CHANGING_GROUP):
        choose_group(settings, me)
    else:
        ballot(exercises, settings, me)


if quiet(open_now, settings, me):
    ballot(open_now, settings, me)
else:
    phone_view(open_now, settings, me)
