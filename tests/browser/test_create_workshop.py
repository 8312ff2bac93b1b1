"""A new facilitator creates a workshop in a real browser and lands on its set-up, signed in.

AppTest does not go through the browser's navigation, so only a browser catches a switch to a
page the current navigation does not list (DESIGN.md, platform facts).
"""

from __future__ import annotations

import pytest

from engine.core.store import Store

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
TIMEOUT = 30_000  # ms
NAVIGATION = "App pages"  # Streamlit's name for the menu of pages


def test_create_a_workshop_lands_on_its_set_up(app_server, launch_options):
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options)
        page = browser.new_context(**LAPTOP).new_page()
        page.set_default_timeout(TIMEOUT)
        page.goto(f"{app_server.base_url}/")
        # As in a workshop: the join page has run, so app.py's (participant) navigation is set.
        expect(page.get_by_text("Join the workshop").first).to_be_visible()
        page.goto(f"{app_server.base_url}/facilitator")
        page.get_by_role("tab", name="New workshop").click()
        form = page.get_by_test_id("stForm").filter(has=page.get_by_role(
            "button", name="Create the workshop"))
        form.get_by_label("Title").fill("Atelier de Kandi")
        form.get_by_label("Place").fill("Kandi")
        form.get_by_label("Choose a facilitator PIN (at least 6 characters)").fill("482619")
        form.get_by_role("button", name="Create the workshop").click()

        expect(page.get_by_role("heading", name="Set-up: Atelier de Kandi")).to_be_visible()
        expect(page.get_by_role("navigation", name=NAVIGATION).get_by_role(
            "link", name="Run exercises", exact=True)).to_be_visible()
        assert "This app has encountered an error" not in page.locator("body").inner_text()
        assert "StreamlitPageNotFoundError" not in app_server.log.read_text()
        browser.close()
    created = [s for s in Store(app_server.store_url).list_settings()
               if s.title == "Atelier de Kandi"]
    assert len(created) == 1
