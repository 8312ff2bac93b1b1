"""Who may do what on the facilitator page: the laptop organises, a phone or a tablet opens one
workshop with its code and PIN; wrong PINs make a device wait; weak PINs are refused or must be
changed; a broken file is answered in words; copies of a workshop can be put back."""

from __future__ import annotations

import datetime as dt

import pytest
from streamlit.testing.v1 import AppTest

from engine.core.access import hash_pin, verify_pin
from engine.core.file_format import dump_workshop
from engine.core.setup import revise
from ui import organiser

from tests.app.helpers import CODE, PIN, sign_in, start, store, texts

PHONE = "192.168.137.23"
TABLET = "192.168.137.40"
WAIT = ("Too many wrong PINs from this device: try again in {} s. (On the laptop itself there "
        "is no wait.)")


@pytest.fixture
def on(monkeypatch):
    """Put the next page runs on a device: ``on(PHONE)``; the laptop by default."""
    def device(address: str) -> None:
        monkeypatch.setattr(organiser, "client_address", lambda: address)
    return device


@pytest.fixture
def clock(monkeypatch):
    """A clock the test moves: ``clock.now += 5``."""
    class Clock:
        now = 1000.0
    monkeypatch.setattr(organiser, "clock", lambda: Clock.now)
    return Clock


def facilitator_page() -> AppTest:
    app = start()
    return app.switch_page("pages/facilitator.py").run()


def sign_in_by_code(app: AppTest, pin: str, code: str = CODE) -> AppTest:
    app.text_input(key="sign_in_code").input(code)
    app.text_input(key="sign_in_pin").input(pin)
    return app.button(key="sign_in_submit").click().run()


def shown(app: AppTest) -> str:
    """Everything a person reads on the page, in one text."""
    parts = [element.value for kind in ("title", "markdown", "caption", "error", "warning",
                                        "success", "info") for element in getattr(app, kind)]
    parts += [w.label for w in (*app.text_input, *app.selectbox, *app.button)]
    parts += [str(option) for box in app.selectbox for option in box.options]
    parts += [tab.label for tab in app.tabs]
    return "\n".join(parts)


# ---- the laptop organises; a phone opens one workshop ------------------------------------------

def test_the_laptop_lists_creates_imports_and_restores():
    app = facilitator_page()
    assert [tab.label for tab in app.tabs] == [
        "Open a workshop", "New workshop", "Import a workshop file", "Restore a copy"]
    assert f"({CODE})" in " ".join(app.selectbox[0].options)


def test_a_phone_sees_no_workshop_and_no_organiser_action(on):
    """Not the list of workshops, not their titles, not create, import or restore: only a code
    and a PIN to type."""
    on(PHONE)
    app = facilitator_page()
    page = shown(app)
    assert not app.tabs and not app.selectbox and not app.get("file_uploader")
    assert [box.label for box in app.text_input] == ["Workshop code", "Facilitator PIN"]
    assert "This device is not the laptop that runs the app: open one workshop with its code " \
           "and PIN." in page
    for workshop in store().list_settings():
        assert workshop.title not in page and workshop.code not in page
    for action in ("New workshop", "Import", "Restore", "Create the workshop"):
        assert action not in page


def test_a_tablet_opens_its_workshop_by_code_and_pin_and_gets_its_pages_only(on):
    on(TABLET)
    app = sign_in_by_code(facilitator_page(), PIN, code=CODE.lower())
    assert app.session_state["facilitator_code"] == CODE
    app = app.switch_page("pages/facilitator.py").run()
    links = [link.label for link in app.get("page_link")]
    assert links == ["Set-up", "Run exercises", "Presenter view", "Results"]
    assert not app.get("checkbox")  # no deleting the workshop from the hotspot
    assert "Delete this workshop" not in shown(app)
    assert [e.label for e in app.expander] == ["Change the PIN"]


def test_a_phone_typing_an_unknown_code_is_told(on, clock):
    on(PHONE)
    app = sign_in_by_code(facilitator_page(), PIN, code="ZZZZZ")
    assert texts(app, "error") == ["No workshop has the code ZZZZZ. Check the code on the screen."]
    assert "facilitator_code" not in app.session_state


# ---- wrong PINs ------------------------------------------------------------------------------

def test_wrong_pins_from_a_phone_make_it_wait_before_the_pin_is_even_checked(on, clock):
    on(PHONE)
    app = facilitator_page()
    said = []
    for _ in range(3):
        said += texts(sign_in_by_code(app, "000000"), "error")
    assert said == ["Wrong PIN. No access.", "Wrong PIN. No access.",
                    "Wrong PIN. No access. Try again in 1 s."]
    # The right PIN while it must wait: refused, and it does not count as a try.
    assert texts(sign_in_by_code(app, PIN), "error") == [WAIT.format(1)]
    assert "facilitator_code" not in app.session_state
    clock.now += 1
    assert texts(sign_in_by_code(app, "000000"), "error") == [
        "Wrong PIN. No access. Try again in 2 s."]
    clock.now += 2
    sign_in_by_code(app, PIN)
    assert app.session_state["facilitator_code"] == CODE


def test_a_phone_guessing_never_locks_out_the_laptop_or_a_tablet(on, clock):
    on(PHONE)
    app = facilitator_page()
    for _ in range(12):
        clock.now += 600  # each wrong PIN after the wait: the waits grow to five minutes
        sign_in_by_code(app, "000000")
    assert texts(sign_in_by_code(app, PIN), "error") == [WAIT.format(300)]
    on(TABLET)
    assert sign_in_by_code(facilitator_page(), PIN).session_state["facilitator_code"] == CODE
    on("127.0.0.1")
    assert sign_in().session_state["facilitator_code"] == CODE


def test_the_laptop_never_waits():
    for _ in range(10):
        assert texts(sign_in(pin="000000"), "error") == ["Wrong PIN. No access."]
    assert sign_in().session_state["facilitator_code"] == CODE


# ---- weak PINs ---------------------------------------------------------------------------------

def test_a_new_workshop_with_a_weak_pin_is_refused_saying_what_a_good_pin_is():
    app = facilitator_page()
    app.text_input(key="create_pin").input("123456")
    app.text_input[0].input("Atelier de Kandi")
    app.text_input[1].input("Kandi")
    app.button(key="create_submit").click().run()
    assert texts(app, "error") == [
        "This PIN is a run (like 123456, 654321 or abcdef). A good PIN has at least 6 "
        "characters with no pattern, and is not a date or a word people here could guess: for "
        "example 6 digits chosen at random."]
    assert not [w for w in store().list_settings() if w.title == "Atelier de Kandi"]


def weaken_the_samples_pin() -> None:
    """As a workshop set up before PINs had to be strong."""
    settings = store().settings(CODE)[1]
    store().save_settings(revise(settings, pin_hash=hash_pin("1234")))


def test_a_workshop_with_an_old_weak_pin_is_asked_for_a_new_one_at_sign_in():
    weaken_the_samples_pin()
    app = sign_in(pin="1234").switch_page("pages/facilitator.py").run()
    assert texts(app, "warning") == [
        "This workshop's PIN is easy to guess, and anyone on the hotspot can try PINs. Choose a "
        "new one now."]
    for new, again, message in [
            ("482619", "482610", "The two new PINs are not the same: type the new PIN twice. "
                                 "Nothing was changed."),
            ("111111", "111111", "This PIN repeats the same characters (like 111111 or 121212)."
                                 " A good PIN has at least 6 characters with no pattern, and is "
                                 "not a date or a word people here could guess: for example 6 "
                                 "digits chosen at random.")]:
        change_pin(app, "1234", new, again)
        assert texts(app, "error") == [message]
        assert verify_pin("1234", store().settings(CODE)[1].pin_hash)
    change_pin(app, "1234", "482619", "482619")
    assert texts(app, "success") == ["The PIN is changed: use the new one from now on."]
    assert verify_pin("482619", store().settings(CODE)[1].pin_hash)
    app.run()
    assert not app.warning


def change_pin(app: AppTest, old: str, new: str, again: str) -> AppTest:
    app.text_input(key="old_pin").input(old)
    app.text_input(key="next_pin").input(new)
    app.text_input(key="next_pin_again").input(again)
    return app.button(key="change_pin_submit").click().run()


def test_a_strong_pin_is_not_asked_to_change_but_can_be():
    app = sign_in().switch_page("pages/facilitator.py").run()
    assert not app.warning
    assert texts(change_pin(app, "000000", "482619", "482619"), "error") == [
        "Wrong PIN. No access."]
    change_pin(app, PIN, "482619", "482619")
    settings = store().settings(CODE)[1]
    assert verify_pin("482619", settings.pin_hash) and not verify_pin(PIN, settings.pin_hash)
    assert texts(sign_in(), "error") == ["Wrong PIN. No access."]


# ---- broken files in the Import tab ------------------------------------------------------------

BROKEN = {
    "deep.json": (b"[" * 10_000 + b"]" * 10_000,
                  "deep.json is not a valid workshop file: at line 1, column 33: lists and "
                  "objects are nested more than 32 deep; a workshop file never nests that deep: "
                  "check the file was made by this app. Nothing was loaded."),
    "number.json": (b'{"format_version": ' + b"9" * 5000 + b"}",
                    "number.json is not a valid workshop file: at line 1, column 20: a number "
                    "5000 characters long; no number in a workshop file has more than 30: check "
                    "the file was not damaged. Nothing was loaded."),
    "notepad.json": ('{"title": "Kandi — Bénin"}'.encode("cp1252"),
                     "notepad.json is not saved as UTF-8: it seems to be in Windows-1252, and "
                     "line 1, column 18 has a character this app cannot read as UTF-8. Open it "
                     "in Notepad, choose File › Save as, set Encoding to “UTF-8”, save, and "
                     "import the saved file. Nothing was loaded."),
}


@pytest.mark.parametrize("name", BROKEN)
def test_a_broken_file_in_the_import_tab_is_answered_in_words_and_stores_nothing(name):
    raw, message = BROKEN[name]
    before = store().codes()
    app = facilitator_page()
    app.file_uploader(key="import_file").set_value((name, raw, "application/json")).run()
    app.button(key="import_submit").click().run()
    assert not app.exception
    assert texts(app, "error") == [message]
    assert store().codes() == before


def test_a_workshop_file_in_utf16_from_notepad_is_imported():
    workshop = store().load(CODE)
    store().delete(CODE)
    app = facilitator_page()
    raw = dump_workshop(workshop).encode("utf-16")
    app.file_uploader(key="import_file").set_value(("unicode.json", raw, "application/json"))
    app.run()
    app.button(key="import_submit").click().run()
    assert texts(app, "success") == ["unicode.json was imported. Open it with its PIN."]
    assert store().load(CODE) == workshop


# ---- copies ------------------------------------------------------------------------------------

def test_a_copy_is_restored_from_the_laptop():
    saver = organiser.autosaver()
    now = dt.datetime(2026, 5, 20, 9, 30, tzinfo=dt.UTC)
    [copy] = [c for c in saver.tick(now) if c.backup.code == CODE]  # its exercise is open
    store().cast(CODE, "actions", store().load(CODE).participants[0].token,
                 {"method": "tokens", "beans": {"asm-zones": 10}}, now)
    app = facilitator_page()
    restore_tab = app.tabs[3]
    choice = app.selectbox(key="restore_choice")
    label = f"{CODE} · {organiser.local_time(copy.backup.saved_at)} · voting open"
    assert label in choice.options
    choice.select_index(choice.options.index(label)).run()
    assert app.button(key="restore_submit").disabled
    app.checkbox(key="restore_confirm").check().run()
    app.button(key="restore_submit").click().run()
    assert texts(app, "success") == [
        f"Workshop {CODE} is back as it was at {organiser.local_time(copy.backup.saved_at)}."]
    assert dump_workshop(store().load(CODE)) == copy.backup.path.read_text(encoding="utf-8")
    assert restore_tab.label == "Restore a copy"
    reasons = [c.reason for c in saver.backups.copies(CODE)]
    assert sorted(reasons) == ["before-restore", "open"]


def test_deleting_a_workshop_deletes_its_copies_too():
    saver = organiser.autosaver()
    [copy] = [c for c in saver.tick(dt.datetime(2026, 5, 20, 9, 30, tzinfo=dt.UTC))
              if c.backup.code == CODE]
    app = sign_in().switch_page("pages/facilitator.py").run()
    app.checkbox(key="delete_confirm").check().run()
    app.button(key="delete_workshop").click().run()
    assert CODE not in store().codes()
    assert not copy.backup.path.exists() and saver.backups.copies(CODE) == []
