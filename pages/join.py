"""Join a workshop from a phone: the code (from the QR link or typed), a language, a group, then
the profile the workshop asks, if any (``ui.profile_step``: one optional step).

Compact for a small screen: the groups are what a participant came for, so they start high on
the page, under the workshop's name and the language switch.
"""

import streamlit as st

from engine.core.errors import EngineError
from engine.core.types import label
from ui import profile_step, session

session.start_participant_page("join.page_title")
t = session.t

if session.current_participant():
    st.switch_page(session.VOTE_PAGE, query_params=st.query_params.to_dict())

if "w" in st.query_params:
    st.session_state["join_code"] = st.query_params["w"].strip().upper()
code = st.session_state.get("join_code")

if not code:
    session.language_picker(st, compact=True)
    st.header(t("join.title"), anchor=False)
    with st.form("join_code_form", border=False, enter_to_submit=False):
        typed = st.text_input(t("join.code_label"), max_chars=8, key="typed_code",
                              placeholder="ABC23")
        if st.form_submit_button(t("join.code_button"), type="primary", width="stretch"):
            st.session_state["join_code"] = typed.strip().upper()
            st.rerun()
    st.divider()
    st.page_link(session.FACILITATOR_PAGE, label=t("join.facilitator_link"))
    st.stop()

try:
    settings = session.settings_at(code, session.store().revision(code))
except EngineError as error:
    session.show_error(error)
    if st.button(t("join.try_other_code"), width="stretch"):
        st.session_state.pop("join_code", None)
        st.query_params.clear()
        st.rerun()
    st.stop()

st.session_state.setdefault("lang", settings.language)
session.language_picker(st, compact=True)
st.caption(t("join.welcome", title=session.plain(settings.title)))
under_way = profile_step.joining(settings)
if under_way is None:
    st.header(t("join.which_group"), anchor=False)
    st.caption(t("join.anonymous"))
    for group in settings.groups:
        st.button(session.with_pictogram(group.pictogram, label(group.label, session.lang()),
                                         target="phone"),
                  key=f"group_{group.id}", width="stretch", on_click=profile_step.start,
                  args=(code, group.id))
    st.stop()

answers = profile_step.ask(settings, under_way)
if answers is None:
    st.stop()
profile_step.forget()
try:
    participant = session.store().join(code, under_way["group"], session.lang(), session.now(),
                                       attributes=answers)
except EngineError as error:
    session.show_error(error)
    st.button(t("join.try_again"), key="join_again", width="stretch")
else:
    session.join_log().record(code, session.client_address(), session.now())
    session.remember_participant(code, participant)
    st.switch_page(session.VOTE_PAGE, query_params=st.query_params.to_dict())
