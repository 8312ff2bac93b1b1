"""A phone follows the facilitator without a reload (ui/room_watch.py), in real Chromium: the
exercise closes, the phone waits; it opens, the phone shows the ballot.

Started as the README says (``serve.py``), the phone's checks are plain web requests and, while
nothing changes, it sends Streamlit nothing at all. Started with ``streamlit run app.py``, the
address answers with Streamlit's page, not a stamp: the phone still follows, by running the page
at each check.
"""

from __future__ import annotations

import pytest

from engine.core.store import Store

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
from browsing import PHONE, Outside, join, profile_step
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = pytest.mark.browser

CODE, EXERCISE = "KAHUZ", "actions"  # the English sample: its bean exercise is open
GROUP = "Men diggers"
BALLOT = "beans left to place"
WAITING = "Please wait: the facilitator will open the next exercise."


def next_check(phone: Page) -> None:
    """Until the phone has asked the laptop what is open once more."""
    with phone.expect_response(lambda answer: f"/_room/{CODE}/open" in answer.url):
        pass


@pytest.mark.parametrize("app_server", ["serve.py", "app.py"], indirect=True)
def test_a_phone_follows_the_facilitator_without_a_reload(app_server, launch_options):
    outside = Outside()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options)
        phone = outside.new_page(outside.watch(browser.new_context(**PHONE)))
        sockets, sent = [], []  # the page's websocket, and what it sent Streamlit
        phone.on("websocket", lambda socket: (
            sockets.append(socket),
            socket.on("framesent", lambda frame: sent.append(frame))))
        join(phone, app_server.base_url, CODE, GROUP)
        profile_step(phone, BALLOT, gender=None)
        expect(phone.get_by_text(BALLOT).first).to_be_visible()

        next_check(phone)
        if app_server.script == "serve.py":
            before = len(sent)
            next_check(phone)
            assert len(sent) == before, "a check with nothing changed ran the page"
        else:  # a check runs the page: the page asks Streamlit for a run
            with sockets[-1].expect_event("framesent"):
                pass

        store = Store(app_server.store_url)
        store.set_status(CODE, EXERCISE, "closed")
        expect(phone.get_by_text(WAITING)).to_be_visible()
        store.set_status(CODE, EXERCISE, "open")
        expect(phone.get_by_text(BALLOT).first).to_be_visible()
        browser.close()
    assert outside.requests == [], "requests that left the laptop"
