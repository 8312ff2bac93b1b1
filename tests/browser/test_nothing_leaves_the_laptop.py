"""Nothing leaves the laptop (issue 12): every request the browsers make, on the phone's pages
(join, the profile step, vote) and on the facilitator's and the projector's (sign-in,
facilitator, set-up, run, presenter in full screen, results), goes to the app itself: no CDN,
no web font, no icon font, no telemetry, no call home. Each request is routed, and one to any
other host is recorded and stopped there.
"""

from __future__ import annotations

import datetime as dt

import pytest

from engine.core.exercise import kind
from engine.core.setup import new_workshop
from engine.core.store import Store

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
from browsing import (LAPTOP, NAVIGATION, PHONE, RECORDED, Outside, go, idle, profile_step,
                      sign_in)
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

PIN = "482619"
EXERCISE = "What first?"


def stored_workshop(store_url: str) -> tuple[str, str]:
    """A new workshop with one prioritisation (as it comes: beans) open. Its code, and the
    first group's name."""
    store = Store(store_url)
    workshop = new_workshop(title="Atelier de Kandi", place="Kandi", date=dt.date(2026, 3, 14),
                            language="en", pin=PIN, taken_codes=set(store.codes()))
    store.import_workshop(workshop)
    spec = kind("prioritisation")
    store.add_exercise(workshop.code, spec.name, "first", {"en": EXERCISE},
                       spec.new_design("en", workshop.references()))
    store.set_status(workshop.code, "first", "open")
    return workshop.code, workshop.groups[0].label["en"]


def test_no_request_leaves_the_laptop(app_server, launch_options):
    code, group = stored_workshop(app_server.store_url)
    outside = Outside()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options)

        phone = outside.new_page(outside.watch(browser.new_context(**PHONE)))
        phone.goto(f"{app_server.base_url}/?w={code}")
        phone.get_by_role("button", name=group).click()
        profile_step(phone, "beans left to place", gender="woman", age=None)
        expect(phone.get_by_role("heading", name=EXERCISE)).to_be_visible()
        phone.get_by_test_id("stNumberInputStepUp").first.click()
        expect(phone.get_by_text("9 of 10 beans left to place")).to_be_visible()
        idle(phone)
        assert outside.requests == [], "requests from the phone's join and vote pages"

        laptop = outside.new_page(outside.watch(browser.new_context(**LAPTOP)))
        sign_in(laptop, app_server.base_url, code, PIN)
        idle(laptop)
        for page, shown in (("Set-up", laptop.get_by_role("heading", name="Set-up:")),
                            ("Run exercises", laptop.get_by_role("button", name="Close voting")),
                            ("Results", laptop.get_by_role("heading", name=EXERCISE)),
                            ("Presenter view", laptop.get_by_role("heading", name=EXERCISE))):
            go(laptop, page)
            expect(shown).to_be_visible()
            idle(laptop)
        laptop.get_by_role("button", name="Full screen").click()
        expect(laptop.get_by_role("navigation", name=NAVIGATION)).to_be_hidden()
        expect(laptop.get_by_role("img", name=code)).to_be_visible()  # the QR code
        idle(laptop)

        # The phone sends its beans while the projector follows.
        for _ in range(9):
            left = int(phone.get_by_text("beans left to place").first.inner_text().split()[0])
            phone.get_by_test_id("stNumberInputStepUp").first.click()
            expect(phone.get_by_text(f"{left - 1} of 10 beans left to place")).to_be_visible()
        phone.get_by_role("button", name="Send my vote").click()
        expect(phone.get_by_text(RECORDED)).to_be_visible()
        expect(laptop.get_by_text("1 voter").first).to_be_visible()
        idle(laptop)
        assert outside.requests == [], "requests that left the laptop"

        # The control: a request to another host is seen (and stopped).
        phone.evaluate("fetch('http://127.0.0.2/control').catch(() => null)")
        assert outside.requests == ["http://127.0.0.2/control"]
        browser.close()
