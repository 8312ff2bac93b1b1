"""ASM Workshop Studio: the entry point. It only declares the pages and who may see them."""

import streamlit as st

from ui import session

participant_pages = [
    st.Page("pages/join.py", title=session.t("nav.join"), icon=":material/qr_code_2:", default=True),
    st.Page("pages/vote.py", title=session.t("nav.vote"), icon=":material/how_to_vote:", url_path="vote"),
]
sign_in = st.Page("pages/facilitator.py", title=session.t("nav.facilitator"), icon=":material/lock:",
                  url_path="facilitator")
facilitator_pages = [
    st.Page("pages/setup.py", title=session.t("nav.setup"), icon=":material/tune:", url_path="setup"),
    st.Page("pages/run.py", title=session.t("nav.run"), icon=":material/play_circle:", url_path="run"),
    st.Page("pages/presenter.py", title=session.t("nav.presenter"), icon=":material/cast:",
            url_path="presenter"),
    st.Page("pages/results.py", title=session.t("nav.results"), icon=":material/leaderboard:", url_path="results"),
    st.Page("pages/network.py", title=session.t("nav.network"), icon=":material/hub:",
            url_path="network"),
    st.Page("pages/incentives.py", title=session.t("nav.incentives"), icon=":material/balance:",
            url_path="incentives"),
    st.Page("pages/environment.py", title=session.t("nav.environment"), icon=":material/forest:",
            url_path="environment"),
]

session.mark_navigation_ready()
if session.is_facilitator():
    navigation = st.navigation([sign_in, *facilitator_pages, *participant_pages], position="top")
else:
    # A participant's phone sees no menu, and facilitator pages are not even registered.
    navigation = st.navigation([*participant_pages, sign_in], position="hidden")
session.land_where_asked()
navigation.run()
