"""The facilitator's way in: open a workshop with its PIN, create one, or import a workshop file."""

import datetime as dt

import streamlit as st

from engine.core import access, i18n
from engine.core.errors import AccessError, EngineError
from engine.core.file_format import parse_workshop
from engine.core.setup import new_workshop
from ui import session

session.start_page("facilitator.page_title")
session.language_picker()
store = session.store()

if session.is_facilitator():
    workshop = session.current_workshop(st.session_state["facilitator_code"])
    st.title(workshop.title)
    st.markdown(session.t("facilitator.signed_in", code=workshop.code, place=workshop.place,
                          date=workshop.date.isoformat()))
    for path, key in (("pages/setup.py", "nav.setup"), ("pages/run.py", "nav.run"),
                      ("pages/presenter.py", "nav.presenter"), ("pages/results.py", "nav.results")):
        st.page_link(path, label=session.t(key))
    if st.button(session.t("facilitator.sign_out"), icon=":material/logout:", key="sign_out"):
        del st.session_state["facilitator_code"]
        st.rerun()
    with st.expander(session.t("facilitator.delete_heading"), icon=":material/delete:"):
        st.caption(session.t("facilitator.delete_explain"))
        sure = st.checkbox(session.t("facilitator.delete_confirm"), key="delete_confirm")
        if st.button(session.t("facilitator.delete"), disabled=not sure, key="delete_workshop"):
            store.delete(workshop.code)
            del st.session_state["facilitator_code"]
            st.rerun()
    st.stop()

st.title(session.t("facilitator.title"))
workshops = store.list_settings()
open_tab, create_tab, import_tab = st.tabs([session.t("facilitator.open_tab"),
                                            session.t("facilitator.create_tab"),
                                            session.t("facilitator.import_tab")])

with open_tab, st.form("sign_in"):
    choice = st.selectbox(
        session.t("facilitator.workshop"), [w.code for w in workshops],
        format_func=lambda c: next(f"{w.title} · {w.place} · {w.date} ({w.code})"
                                   for w in workshops if w.code == c))
    pin = st.text_input(session.t("facilitator.pin"), type="password", key="sign_in_pin")
    if st.form_submit_button(session.t("facilitator.open"), type="primary", key="sign_in_submit") and choice:
        chosen = next(w for w in workshops if w.code == choice)
        if access.verify_pin(pin, chosen.pin_hash):
            st.session_state["facilitator_code"] = choice
            st.session_state.setdefault("lang", chosen.language)
            session.enter_navigation(session.FACILITATOR_PAGE)
        else:
            session.show_error(AccessError("pin.wrong"))

with create_tab, st.form("create"):
    title = st.text_input(session.t("setup.title"))
    place = st.text_input(session.t("setup.place"))
    date = st.date_input(session.t("setup.date"), value=dt.date.today())
    language = st.selectbox(session.t("setup.language"), i18n.LANGUAGES,
                            format_func=i18n.language_name)
    template = st.selectbox(session.t("facilitator.template"), [None, *[w.code for w in workshops]],
                            format_func=lambda c: session.t("facilitator.blank") if c is None else
                            next(w.title for w in workshops if w.code == c))
    new_pin = st.text_input(session.t("facilitator.new_pin"), type="password")
    if st.form_submit_button(session.t("facilitator.create"), type="primary", key="create_submit"):
        try:
            created = new_workshop(
                title=title, place=place, date=date, language=language, pin=new_pin,
                taken_codes=set(store.codes()),
                template=store.load(template) if template else None)
            store.import_workshop(created)
        except EngineError as error:
            session.show_error(error)
        else:
            st.session_state["facilitator_code"] = created.code
            session.enter_navigation("pages/setup.py")

with import_tab:
    uploaded = st.file_uploader(session.t("facilitator.import_file"), type=["json"])
    if uploaded is not None and st.button(session.t("facilitator.import"), type="primary", key="import_submit"):
        try:
            store.import_workshop(parse_workshop(uploaded.getvalue(), source=uploaded.name))
        except EngineError as error:
            session.show_error(error)
        else:
            st.success(session.t("facilitator.imported", name=uploaded.name))
