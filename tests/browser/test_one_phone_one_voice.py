"""One device, one participant: a phone that opens the join link again (a new tab, the QR code
scanned twice) is the same participant, with its vote, not a new voice; another browser is a
new participant. The phone keeps who it is in a cookie the vote page writes."""

from __future__ import annotations

import pytest

from engine.core.store import Store

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
from browsing import profile_step
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
TIMEOUT = 30_000  # ms
CODE = "KAHUZ"


def joined(store_url: str) -> int:
    return len(Store(store_url).load(CODE).participants)


def test_the_join_link_opened_again_returns_the_same_participant(app_server, launch_options):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options)
        phone = browser.new_context(**PHONE)
        page = phone.new_page()
        page.set_default_timeout(TIMEOUT)
        page.goto(f"{app_server.base_url}/?w={CODE}")
        page.get_by_role("button", name="Youth").click()
        profile_step(page, "beans left to place", gender=None)
        expect(page.get_by_text("beans left to place").first).to_be_visible()
        page.wait_for_function(f"document.cookie.includes('asm_participant_{CODE}=')")
        before = joined(app_server.store_url)

        again = phone.new_page()  # the same phone: a new tab on the bare join link
        again.set_default_timeout(TIMEOUT)
        again.goto(f"{app_server.base_url}/?w={CODE}")
        expect(again.get_by_text("beans left to place").first).to_be_visible()
        expect(again.get_by_text("Youth").first).to_be_visible()
        assert joined(app_server.store_url) == before

        other = browser.new_context(**PHONE).new_page()  # another phone
        other.set_default_timeout(TIMEOUT)
        other.goto(f"{app_server.base_url}/?w={CODE}")
        expect(other.get_by_role("button", name="Youth")).to_be_visible()  # asked to join
        browser.close()
