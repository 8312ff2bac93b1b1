"""What every page does first: set-up, the shared store, the language, and the role check.

Each page calls ``start_participant_page()`` or ``start_facilitator_page()`` as its first line.
That matters: on a freshly started server a page's URL can run the page file on its own,
without ``app.py`` (see DESIGN.md, platform facts), so no page may rely on ``app.py`` having run.
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import html
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

import engine.exercises  # noqa: F401  (registers every kind)
from engine.core import i18n
from engine.core.errors import EngineError, NotFoundError
from engine.core.file_format import read_workshop
from engine.core.joins import JoinLog
from engine.core.live import LiveWorkshop
from engine.core.records import Participant
from engine.core.store import Store
from engine.core.types import Labels
from engine.core.workshop import Workshop, WorkshopSettings

SAMPLES_DIR = Path(__file__).resolve().parent.parent / "sample_workshops"
# The browser tab's icon, as the page's own data (342 bytes): given a file, Streamlit would
# register it as a media file on every run of every page, and look through every session's files
# after each run (about 3% of the laptop's work with 300 phones).
ICON = "data:image/png;base64," + base64.b64encode(
    (Path(__file__).resolve().parent / "icon.png").read_bytes()).decode()
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


@st.cache_resource(show_spinner=False)
def live(code: str) -> LiveWorkshop:
    """The workshop as live views read it, shared by every session (see ``LiveWorkshop``)."""
    return LiveWorkshop(store(), code)


def current_workshop(code: str) -> Workshop:
    """The workshop now: only what changed since the last read is read again."""
    return live(code).workshop()


@st.cache_resource(max_entries=64, show_spinner=False)
def settings_at(code: str, revision: tuple[str, int]) -> WorkshopSettings:
    """The workshop's settings as of ``revision``, read once and shared (they are frozen)."""
    return store().settings(code)[1]


def now() -> dt.datetime:
    """The time a ballot or a join is recorded with (UTC)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def lang() -> str:
    """The language this browser chose (falls back to English)."""
    return str(st.session_state.get("lang", i18n.DEFAULT_LANGUAGE))


def t(key: str, **params: object) -> str:
    """The catalogue text for ``key`` in this browser's language."""
    return i18n.t(key, lang(), **params)


def n(key: str, count: int, **params: object) -> str:
    """The plural form of ``key`` that ``count`` takes in this browser's language."""
    return i18n.n(key, count, lang(), **params)


def show_error(error: EngineError) -> None:
    """An engine error, in this browser's language."""
    # As text: a message quotes file names, labels and backslashes people typed. An emoji
    # icon: no icon font on a phone.
    st.error(plain(error.message(lang())), icon="⚠️")


def start_page(title_key: str) -> None:
    """Set-up every page makes first: its title and the app's icon (the browser tab's)."""
    st.set_page_config(page_title=t(title_key), page_icon=ICON, layout="wide")


UI_FOLDER = Path(__file__).parent  # the style sheets beside this module


@functools.cache
def style(name: str) -> str:
    """The style sheet ``name`` beside this module, ready for ``st.html``: read once, not on
    every run of every phone (given a path, ``st.html`` reads the file each time)."""
    return f"<style>{(UI_FOLDER / name).read_text(encoding='utf-8')}</style>"


def start_participant_page(title_key: str) -> None:
    """Set-up for a page a participant's phone may open: its look for a phone (no top bar,
    44 px targets), which takes no room on the page."""
    start_page(title_key)
    st.html(style("phone.css"))


CONFIRMATION = "confirmation"  # a message for the next run of the page (after a save)


def confirm_after_rerun(text: str) -> None:
    """Say ``text`` at the top of the page's next run: a save reruns the page to show what was
    stored. (Not a toast: Streamlit's toast has no accessible name, which axe-core flags.)"""
    st.session_state[CONFIRMATION] = text


def start_facilitator_page(title_key: str) -> Workshop:
    """Set-up and the PIN check for a facilitator page; stops the page for anyone else.

    Returns the workshop this facilitator unlocked with its PIN.
    """
    start_page(title_key)
    from ui import organiser  # imported here: the organiser's module uses this one

    organiser.autosaver()  # copies resume after a restart, whichever page opens first
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
    confirmed = st.session_state.pop(CONFIRMATION, None)
    if confirmed is not None:
        st.success(confirmed, icon="✅")
    return workshop


def is_facilitator() -> bool:
    """True once this browser has unlocked a workshop with its PIN."""
    return "facilitator_code" in st.session_state


def language_picker(container: Any = None, *, compact: bool = False) -> None:
    """An English / Français switch, in the sidebar unless a container is given. ``compact``
    (a phone): one button naming the next language in its own words, which switches to it;
    one small element instead of a row of them.

    The choice lives under ``lang``, not under the widget's own key: Streamlit forgets a
    widget's state on a page that does not draw it, and the language must survive page changes.
    """
    place = container or st.sidebar
    if compact:
        following = i18n.LANGUAGES[(i18n.LANGUAGES.index(lang()) + 1) % len(i18n.LANGUAGES)] \
            if lang() in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE
        def switch() -> None:
            st.session_state["lang"] = following
            st.rerun()  # the whole page, when the button is inside a fragment (a phone's ballot)

        place.button(i18n.language_name(following), key="lang_switch",
                     help=t("language.choose"), on_click=switch)
        return

    def remember() -> None:
        st.session_state["lang"] = st.session_state["lang_picker"]

    st.session_state["lang_picker"] = lang()
    place.segmented_control(t("language.choose"), i18n.LANGUAGES, format_func=i18n.language_name,
                            key="lang_picker", required=True, on_change=remember)


def remember_participant(code: str, participant: Participant) -> None:
    """Keep who this phone is, in the session and in the URL (so a reload keeps it too)."""
    st.session_state["participant"] = {"code": code, "participant": participant}
    st.query_params.update({"w": code, "p": participant.token})


def cookie(name: str) -> str:
    """A cookie the browser sent, or "" (also where there is no browser: Streamlit's AppTest
    gives no cookies, only a stand-in object)."""
    value = st.context.cookies.get(name)
    return value if isinstance(value, str) else ""


def client_address() -> str | None:
    """The address this browser connects from (a phone's on the hotspot), if the server can
    tell."""
    address = st.context.ip_address
    return address if isinstance(address, str) else None


def participant_cookie(code: str) -> str:
    """The name of the cookie in which a phone keeps who it is in workshop ``code``."""
    return f"asm_participant_{code}"


def current_participant() -> tuple[str, Participant] | None:
    """The participant this phone joined as, or None: from the session, else (after a reload,
    a session that expired on a locked phone, or the join link opened again in a new tab) from
    the URL or the phone's cookie, checked once with the store."""
    known = st.session_state.get("participant")
    if known is not None:
        return known["code"], known["participant"]
    code = st.query_params.get("w", "").strip().upper()
    token = st.query_params.get("p", "") or cookie(participant_cookie(code))
    if not (code and token):
        return None
    try:
        participant = store().participant(code, token)
    except NotFoundError:
        return None
    st.session_state.setdefault("lang", participant.language)
    remember_participant(code, participant)
    return code, participant


@st.cache_resource
def join_log() -> JoinLog:
    """Recent joins by device address, shared by every session (in memory only)."""
    return JoinLog()


COOKIE_SECONDS = 7 * 24 * 3600  # a workshop lasts a day or two; a follow-up round a week later


COOKIE_WRITER = "cookie_writer"  # the key of the script that writes the participant's cookie


def keep_on_this_phone(code: str, participant: Participant) -> None:
    """Write who this phone is into its browser (a cookie), once per session: opening the join
    link again, in a new tab or by scanning the QR code twice, then returns the same participant
    instead of adding a voice. (A private window or another browser is another phone to the
    app: docs/hotspot.md says what an anonymous tool can and cannot prevent.)

    Streamlit's cookies are read-only, so a line of script in the page writes it; the name and
    the token are of the app's own making (``[A-Z2-9]`` and ``[A-Za-z0-9_-]``), never typed."""
    if participant.token in (st.session_state.get("cookie_written"),
                             cookie(participant_cookie(code))):
        return
    with st.container(key=COOKIE_WRITER):  # hidden by phone.css: no gap for an empty line
        st.html(f"<script>document.cookie = '{participant_cookie(code)}={participant.token}; "
                f"path=/; max-age={COOKIE_SECONDS}; SameSite=Strict';</script>",
                unsafe_allow_javascript=True)
    st.session_state["cookie_written"] = participant.token


def forget_participant() -> None:
    """This phone is no longer anyone (its workshop or participant is gone)."""
    st.session_state.pop("participant", None)
    st.query_params.clear()


MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~:$])")


# Where markdown would turn a typed address into a link by itself (GitHub's autolinks, which
# escaping cannot stop): after the scheme or the "www" a word joiner goes, unseen.
AUTOLINK_START = re.compile(r"(?i)\b(https?|ftp|mailto|www)(?=\\?[:.])")
WORD_JOINER = "\u2060"


def plain(text: str) -> str:
    """``text`` escaped for Streamlit's markdown, so typed text never becomes markup.

    Every ASCII punctuation mark that markdown (or Streamlit's ``:icon:`` and ``:color[]``
    syntax) could read is backslash-escaped; it still shows as itself. A typed web or mail
    address gets an invisible word joiner after its scheme, so that it is not made a link.
    """
    return AUTOLINK_START.sub(rf"\1{WORD_JOINER}", MARKDOWN_SPECIAL.sub(r"\\\1", text))


def with_pictogram(pictogram: str | None, text: str, *, target: str = "markdown") -> str:
    """``text`` with its pictogram in front, for people who read with difficulty.

    ``target`` says where it is shown, and so how typed text is kept from becoming markup:
    ``markdown`` (labels, buttons) escapes it (``plain``); ``phone`` too, but leaves out Material
    icons (``:material/name:``), which would make a phone download the icon font; ``chart``
    HTML-escapes its ``<`` and ``&`` and leaves icons out too, since plotly knows nothing of
    Streamlit's icon syntax (quotes stay as typed: plotly shows ``&quot;`` as those six
    characters); ``table`` (dataframes show text as it is) leaves it alone.
    """
    escapes: dict[str, Callable[[str], str]] = {
        "markdown": plain, "phone": plain, "chart": functools.partial(html.escape, quote=False),
        "table": str}
    escaped = escapes[target](text)
    if not pictogram or (target != "markdown" and pictogram.startswith(":material/")):
        return escaped
    return f"{pictogram}\u2002{escaped}"


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


def label_columns(width: int | None = None) -> dict[str, Any]:
    """Column settings for the label columns of the set-up tables, one per language (``width``
    in pixels, or Streamlit's own)."""
    return {f"label_{code}": st.column_config.TextColumn(
        t("setup.label_in", language=i18n.language_name(code)), required=code == "en",
        width=width) for code in i18n.LANGUAGES}


def label_inputs(text_key: str, current: Labels | None, key: str) -> Labels:
    """One text box per language of the app, side by side, for a label (a title, a question);
    what is typed replaces those languages' texts, a blank one removes its language, and any
    other language the label has (from an imported file) is kept."""
    current = dict(current or {})
    for column, code in zip(st.columns(len(i18n.LANGUAGES)), i18n.LANGUAGES):
        typed = column.text_input(t(text_key, language=i18n.language_name(code)),
                                  current.get(code, ""), key=f"{key}_{code}").strip()
        if typed:
            current[code] = typed
        else:
            current.pop(code, None)
    return current


def records(table: Any) -> list[dict[str, Any]]:
    """A data editor's rows as plain dicts keyed by column name, empty cells as None (what the
    engine's ``*_from_rows`` functions read)."""
    rows = table.astype(object).where(table.notna(), None).to_dict("records")
    return [{str(column): value for column, value in row.items()} for row in rows]
