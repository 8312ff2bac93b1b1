"""The facilitator's way in: open a workshop with its PIN; on the laptop itself, also create,
copy, import and restore workshops (``ui.organiser`` says why only there)."""

import datetime as dt

import streamlit as st

from engine.core import access, i18n
from engine.core.backups import restore
from engine.core.errors import EngineError
from engine.core.file_format import parse_workshop
from engine.core.limits import UPLOAD_MB
from engine.core.setup import new_workshop, revise
from ui import organiser, session

session.start_page("facilitator.page_title")
session.language_picker()
store = session.store()
laptop = organiser.on_laptop()
saver = organiser.autosaver()


def sign_in(code: str, pin: str) -> None:
    """Open workshop ``code`` with ``pin`` (each device waits longer after each wrong PIN); a
    workshop whose PIN is easy to guess is asked for a new one on the signed-in page."""
    try:
        settings = store.settings(code)[1]
        organiser.check_pin(pin, settings.pin_hash)
    except EngineError as error:
        session.show_error(error)
        return
    st.session_state["facilitator_code"] = code
    st.session_state["weak_pin"] = access.is_weak(pin)
    st.session_state.setdefault("lang", settings.language)
    session.enter_navigation(session.FACILITATOR_PAGE)


def change_pin_form(code: str) -> None:
    """The current PIN, and the new one twice."""
    with st.form("change_pin", clear_on_submit=True, enter_to_submit=False):
        old = st.text_input(session.t("facilitator.old_pin"), type="password", key="old_pin")
        new = st.text_input(session.t("facilitator.next_pin"), type="password", key="next_pin")
        again = st.text_input(session.t("facilitator.next_pin_again"), type="password",
                              key="next_pin_again")
        if not st.form_submit_button(session.t("facilitator.change_pin"), key="change_pin_submit"):
            return
    settings = store.settings(code)[1]
    try:
        organiser.check_pin(old, settings.pin_hash)
        store.save_settings(revise(settings, pin_hash=access.new_pin_hash(new, again, old)))
    except EngineError as error:
        session.show_error(error)
    else:
        st.session_state["weak_pin"] = False
        st.success(session.t("facilitator.pin_changed"), icon="✅")


if session.is_facilitator():
    code = st.session_state["facilitator_code"]
    workshop = session.current_workshop(code)
    st.title(session.plain(workshop.title), anchor=False)
    if st.session_state.get("weak_pin"):
        st.warning(session.t("facilitator.weak_pin"), icon="⚠️")
        change_pin_form(code)
    st.markdown(session.t("facilitator.signed_in", code=workshop.code,
                          place=session.plain(workshop.place), date=workshop.date.isoformat()))
    for path, key in (("pages/setup.py", "nav.setup"), ("pages/run.py", "nav.run"),
                      ("pages/presenter.py", "nav.presenter"), ("pages/results.py", "nav.results")):
        st.page_link(path, label=session.t(key))
    if st.button(session.t("facilitator.sign_out"), icon=":material/logout:", key="sign_out"):
        for key in ("facilitator_code", "weak_pin"):
            st.session_state.pop(key, None)
        st.rerun()
    if not st.session_state.get("weak_pin"):
        with st.expander(session.t("facilitator.change_pin"), icon=":material/password:"):
            change_pin_form(code)
    if laptop:
        with st.expander(session.t("facilitator.delete_heading"), icon=":material/delete:"):
            st.caption(session.t("facilitator.delete_explain"))
            sure = st.checkbox(session.t("facilitator.delete_confirm"), key="delete_confirm")
            if st.button(session.t("facilitator.delete"), disabled=not sure,
                         key="delete_workshop"):
                store.delete(workshop.code)
                saver.forget(workshop.code)
                st.session_state.pop("facilitator_code", None)
                st.rerun()
    st.stop()

st.title(session.t("facilitator.title"), anchor=False)

if not laptop:
    # A phone or a tablet on the hotspot: one workshop, by its code and PIN; nothing that lists
    # the workshops on the laptop or adds one.
    st.caption(session.t("facilitator.away_from_laptop"))
    with st.form("sign_in", enter_to_submit=False):
        typed_code = st.text_input(session.t("facilitator.code"), max_chars=8, key="sign_in_code")
        pin = st.text_input(session.t("facilitator.pin"), type="password", key="sign_in_pin")
        if st.form_submit_button(session.t("facilitator.open"), type="primary",
                                 key="sign_in_submit"):
            sign_in(typed_code.strip().upper(), pin)
    st.stop()

workshops = store.list_settings()
open_tab, create_tab, import_tab, restore_tab = st.tabs([
    session.t("facilitator.open_tab"), session.t("facilitator.create_tab"),
    session.t("facilitator.import_tab"), session.t("facilitator.restore_tab")])

with open_tab, st.form("sign_in", enter_to_submit=False):
    choice = st.selectbox(
        session.t("facilitator.workshop"), [w.code for w in workshops],
        format_func=lambda c: next(f"{w.title} · {w.place} · {w.date} ({w.code})"
                                   for w in workshops if w.code == c))
    pin = st.text_input(session.t("facilitator.pin"), type="password", key="sign_in_pin")
    if st.form_submit_button(session.t("facilitator.open"), type="primary",
                             key="sign_in_submit") and choice:
        sign_in(choice, pin)

with create_tab, st.form("create", enter_to_submit=False):
    title = st.text_input(session.t("setup.title"))
    place = st.text_input(session.t("setup.place"))
    date = st.date_input(session.t("setup.date"), value=dt.date.today())
    language = st.selectbox(session.t("setup.language"), i18n.LANGUAGES,
                            format_func=i18n.language_name)
    template = st.selectbox(session.t("facilitator.template"), [None, *[w.code for w in workshops]],
                            format_func=lambda c: session.t("facilitator.blank") if c is None else
                            next(w.title for w in workshops if w.code == c))
    new_pin = st.text_input(session.t("facilitator.new_pin"), type="password", key="create_pin")
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
    uploaded = st.file_uploader(session.t("facilitator.import_file"), type=["json"],
                                max_upload_size=UPLOAD_MB, key="import_file")
    if uploaded is not None and st.button(session.t("facilitator.import"), type="primary",
                                          key="import_submit"):
        try:
            store.import_workshop(parse_workshop(uploaded.getvalue(), source=uploaded.name))
        except EngineError as error:
            session.show_error(error)
        else:
            st.success(session.t("facilitator.imported", name=session.plain(uploaded.name)))

with restore_tab:
    folders = session.t("facilitator.copies_where", folder=saver.backups.folder)
    if saver.backups.second is not None:
        folders += " " + session.t("facilitator.copies_second", folder=saver.backups.second)
    st.caption(session.plain(folders))
    for copied in saver.last.values():
        if copied.second_copy_failed:
            st.warning(session.t("facilitator.second_copy_failed", code=copied.backup.code,
                                 problem=session.plain(copied.second_copy_failed)), icon="⚠️")
    copies = saver.backups.copies()
    if not copies:
        st.info(session.t("facilitator.no_copies"))
    else:
        chosen = st.selectbox(
            session.t("facilitator.copy"), copies, key="restore_choice",
            format_func=lambda c: session.t(
                "facilitator.copy_label", code=c.code, time=organiser.local_time(c.saved_at),
                reason=session.t(f"backup.reason.{c.reason}")))
        st.caption(session.t("facilitator.restore_explain"))
        sure = st.checkbox(session.t("facilitator.restore_confirm"), key="restore_confirm")
        if st.button(session.t("facilitator.restore"), disabled=not sure, key="restore_submit"):
            try:
                restore(store, saver, chosen, session.now())
            except EngineError as error:
                session.show_error(error)
            else:
                st.success(session.t("facilitator.restored", code=chosen.code,
                                     time=organiser.local_time(chosen.saved_at)))
