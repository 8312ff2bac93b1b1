"""What every page does first: set-up, the shared store, the language, and the role check.

Each page calls ``start_participant_page()`` or ``start_facilitator_page()`` as its first line.
That matters: on a freshly started server a page's URL can run the page file on its own,
without ``app.py`` (see DESIGN.md, platform facts), so no page may rely on ``app.py`` having run.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import streamlit as st

from engine import i18n
from engine.errors import EngineError, NotFoundError
from engine.model import Workshop
from engine.store import Stamp, Store
from engine.workshop_file import read_workshop

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "sample_workshops"
FACILITATOR_PAGE = "pages/facilitator.py"
JOIN_PAGE = "pages/join.py"
VOTE_PAGE = "pages/vote.py"


@st.cache_resource
def store() -> Store:
    """The one store every session shares; filled with the bundled samples when it is empty."""
    shared = Store()
    if not shared.codes():
        for path in sorted(SAMPLES_DIR.glob("*.json")):
            shared.import_workshop(read_workshop(path))
    return shared


@st.cache_resource(max_entries=64, show_spinner=False)
def workshop_at(code: str, stamp: Stamp) -> Workshop:
    """The workshop as of ``stamp``: re-read from the store only when the stamp moved.

    A resource, not data: every session shares the one (frozen, so safe) object instead of
    unpickling its own copy on every rerun, which cost more than the page as rooms grew.
    """
    return store().load(code)


def current_workshop(code: str) -> Workshop:
    """The workshop now (one cheap stamp query; a full read only after a change)."""
    return workshop_at(code, store().stamp(code))


def now() -> dt.datetime:
    """The time a ballot or a join is recorded with (UTC)."""
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0)


def lang() -> str:
    """The language this browser chose (falls back to English)."""
    return st.session_state.get("lang", i18n.DEFAULT_LANGUAGE)


def t(key: str, **params: object) -> str:
    """The catalogue text for ``key`` in this browser's language."""
    return i18n.t(key, lang(), **params)


def show_error(error: EngineError) -> None:
    """An engine error, in this browser's language."""
    st.error(error.message(lang()), icon=":material/error:")


def _configure(title_key: str) -> None:
    st.set_page_config(page_title=t(title_key), page_icon=":material/groups:", layout="wide")


def start_participant_page(title_key: str) -> None:
    """Set-up for a page a participant's phone may open."""
    _configure(title_key)


def start_facilitator_page(title_key: str) -> Workshop:
    """Set-up and the PIN check for a facilitator page; stops the page for anyone else.

    Returns the workshop this facilitator unlocked with its PIN.
    """
    _configure(title_key)
    code = st.session_state.get("facilitator_code")
    if code is None:
        st.warning(t("guard.facilitator_only"), icon=":material/lock:")
        st.page_link(FACILITATOR_PAGE, label=t("guard.go_sign_in"), icon=":material/login:")
        st.stop()
    try:
        workshop = current_workshop(code)
    except NotFoundError as error:
        st.session_state.pop("facilitator_code", None)
        show_error(error)
        st.stop()
    language_picker()
    return workshop


def is_facilitator() -> bool:
    """True once this browser has unlocked a workshop with its PIN."""
    return "facilitator_code" in st.session_state


def language_picker(container=None) -> None:
    """An English / Français switch (in the sidebar unless a container is given).

    The choice lives under ``lang``, not under the widget's own key: Streamlit forgets a
    widget's state on a page that does not draw it, and the language must survive page changes.
    """
    def remember() -> None:
        st.session_state["lang"] = st.session_state["lang_picker"]

    st.session_state["lang_picker"] = lang()
    (container or st.sidebar).segmented_control(
        t("language.choose"), i18n.LANGUAGES, format_func=i18n.language_name,
        key="lang_picker", required=True, on_change=remember)


def remember_participant(code: str, token: str) -> None:
    """Keep who this phone is, in the session and in the URL (so a reload keeps it too)."""
    st.session_state["participant"] = {"code": code, "token": token}
    st.query_params.update({"w": code, "p": token})


def current_participant():
    """The participant this phone joined as (from the session, else from the URL), or None.

    Returns ``(code, Participant)``; a token the store does not know counts as none.
    """
    known = st.session_state.get("participant") or {}
    code = known.get("code") or st.query_params.get("w", "").strip().upper()
    token = known.get("token") or st.query_params.get("p", "")
    if not (code and token):
        return None
    try:
        participant = store().participant(code, token)
    except NotFoundError:
        st.session_state.pop("participant", None)
        return None
    st.session_state.setdefault("lang", participant.language)
    remember_participant(code, token)
    return code, participant


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


def plain(text: str) -> str:
    """``text`` escaped for Streamlit's markdown, so typed text never becomes markup.

    Every ASCII punctuation mark that markdown (or Streamlit's ``:icon:`` and ``:color[]``
    syntax) could read is backslash-escaped; it still shows as itself.
    """
    return MARKDOWN_SPECIAL.sub(r"\\\1", text)


def with_pictogram(pictogram: str | None, text: str, *, target: str = "markdown") -> str:
    """``text`` with its pictogram in front, for people who read with difficulty.

    ``target`` says where it is shown, and so how typed text is kept from becoming markup:
    ``markdown`` (labels, buttons) escapes it (``plain``); ``chart`` HTML-escapes it and leaves
    out Material icons (``:material/name:``), since plotly knows nothing of Streamlit's icon
    syntax; ``table`` (dataframes show text as it is) leaves it alone.
    """
    text = {"markdown": plain, "chart": html.escape, "table": str}[target](text)
    if not pictogram or (target != "markdown" and pictogram.startswith(":material/")):
        return text
    return f"{pictogram}\u2002{text}"


def mark_navigation_ready() -> None:
    """Called by app.py on every run: this session's pages now go through its navigation."""
    st.session_state["navigation_ready"] = True


def enter_navigation(page: str) -> None:
    """Go on to ``page`` through app.py's navigation, rebuilt for this session's new role.

    Called right after signing in: the navigation this run was built with is still the
    participant's, which does not list the facilitator's pages, so switching to one of them
    now would crash in a browser (``StreamlitPageNotFoundError``). A rerun rebuilds the
    navigation with them, and app.py then lands on ``page``. On a freshly started server a page
    URL opened first runs that page alone, without app.py (DESIGN.md, platform facts):
    switching to app.py once puts this session into the navigation.
    """
    st.session_state["land_on"] = page
    if st.session_state.get("navigation_ready"):
        st.rerun()
    st.switch_page("app.py")


def land_where_asked() -> None:
    """In app.py: finish an ``enter_navigation`` by going to the page it asked for."""
    page = st.session_state.pop("land_on", None)
    if page is not None:
        st.switch_page(page)


def label_columns() -> dict:
    """Column settings for the label columns of the set-up tables, one per language."""
    return {f"label_{code}": st.column_config.TextColumn(
        t("setup.label_in", language=i18n.language_name(code)), required=code == "en")
        for code in i18n.LANGUAGES}


def open_to_phones_toggle(text: str, code: str, part: str, stored: bool, **toggle) -> None:
    """The switch that opens the LIM, the EMP or the map (``part``) to phones: it always shows
    the stored value and saves a change the moment it is made (``Store.set_open``).

    A plain keyed toggle keeps this browser's last value: a second facilitator's page would
    show a stale switch, and comparing it with the store on a later rerun would write the stale
    value back, closing to phones what the other had opened. Set from the store on every run
    and saved only from its own change, it never does.
    """
    key = f"{part}_open_toggle"

    def flipped() -> None:
        try:
            store().set_open(code, part, st.session_state[key])
        except EngineError as error:
            show_error(error)

    st.session_state[key] = stored
    st.toggle(text, key=key, on_change=flipped, **toggle)
