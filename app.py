"""ASM Workshop Studio: the entry point. It only declares the pages and who may see them."""

import streamlit as st

from ui import session

PARTICIPANT_PAGES = [("pages/join.py", "nav.join", None), ("pages/vote.py", "nav.vote", "vote")]
SIGN_IN = ("pages/facilitator.py", "nav.facilitator", "facilitator")
FACILITATOR_PAGES = [("pages/setup.py", "nav.setup", "setup"), ("pages/run.py", "nav.run", "run"),
                     ("pages/presenter.py", "nav.presenter", "presenter"),
                     ("pages/results.py", "nav.results", "results")]


def page(path: str, title_key: str, url_path: str | None) -> st.Page:
    """A page of the menu. No icon: an icon becomes the browser tab's, fetched from the
    internet (DESIGN.md, platform facts); the app's own icon is set by each page."""
    return st.Page(path, title=session.t(title_key), url_path=url_path, default=url_path is None)


session.mark_navigation_ready()
participant_pages = [page(*entry) for entry in PARTICIPANT_PAGES]
sign_in = page(*SIGN_IN)
if session.is_facilitator():
    facilitator_pages = [page(*entry) for entry in FACILITATOR_PAGES]
    navigation = st.navigation([sign_in, *facilitator_pages, *participant_pages], position="top")
else:
    # A participant's phone sees no menu, and facilitator pages are not even registered.
    navigation = st.navigation([*participant_pages, sign_in], position="hidden")
session.land_where_asked()
navigation.run()
