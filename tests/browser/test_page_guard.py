"""Facilitator pages refuse anyone without the PIN, even as the very first request to a server.

On a freshly started server, a page's URL can run the page file on its own, without ``app.py``
(DESIGN.md, platform facts), so each page must guard itself. Each case gets its own server.
"""

from __future__ import annotations

from contextlib import contextmanager

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
from playwright.sync_api import expect, sync_playwright

pytestmark = pytest.mark.browser

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
TIMEOUT = 30_000  # ms
REFUSED = "This page is for the facilitator"
JOIN_CODES = ("KAHUZ", "PENDJ")  # the two sample workshops the fresh store is filled with
FACILITATOR_LINKS = ("Set-up", "Run exercises", "Presenter view", "Results")
NAVIGATION = "App pages"  # Streamlit's name for the menu of pages


@contextmanager
def laptop_on(launch_options: dict, url: str):
    """A laptop browser showing ``url``; closed afterwards."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options)
        page = browser.new_context(**LAPTOP).new_page()
        page.set_default_timeout(TIMEOUT)
        page.goto(url)
        yield page


def wait_until_idle(page) -> None:
    """Until the script run has finished, so whatever the page would show is on screen."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT)


@pytest.mark.parametrize("path", ["presenter", "results", "setup", "run"])
def test_facilitator_page_as_first_request_is_refused(app_server, launch_options, path):
    with laptop_on(launch_options, f"{app_server.base_url}/{path}") as page:
        expect(page.get_by_text(REFUSED)).to_be_visible(timeout=TIMEOUT)
        wait_until_idle(page)
        text = page.locator("body").inner_text()
        assert "Download the workbook" not in text
        for code in JOIN_CODES:
            assert code not in text
        expect(page.locator("img")).to_have_count(0)  # no QR code
        expect(page.get_by_test_id("stPlotlyChart")).to_have_count(0)


def sign_in(page, pin: str) -> None:
    page.get_by_label("Facilitator PIN", exact=True).fill(pin)
    page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Open").click()


def test_wrong_pin_gives_no_access(app_server, launch_options):
    with laptop_on(launch_options, f"{app_server.base_url}/") as page:
        # As in a workshop: phones have opened the app (so app.py's navigation is set up).
        expect(page.get_by_text("Join the workshop").first).to_be_visible(timeout=TIMEOUT)
        page.goto(f"{app_server.base_url}/facilitator")
        sign_in(page, "9999")
        expect(page.get_by_text("Wrong PIN. No access.")).to_be_visible(timeout=TIMEOUT)
        wait_until_idle(page)
        expect(page.get_by_role("navigation", name=NAVIGATION)).to_have_count(0)
        for name in FACILITATOR_LINKS:
            expect(page.get_by_role("link", name=name, exact=True)).to_have_count(0)
        expect(page.get_by_role("button", name="Sign out")).to_have_count(0)

        sign_in(page, "507938")  # the control: the right PIN does bring the navigation
        expect(page.get_by_role("navigation", name=NAVIGATION).get_by_role(
            "link", name="Results", exact=True)).to_be_visible(timeout=TIMEOUT)


def test_facilitator_who_comes_first_gets_the_navigation(app_server, launch_options):
    with laptop_on(launch_options, f"{app_server.base_url}/facilitator") as page:
        sign_in(page, "507938")
        expect(page.get_by_role("button", name="Sign out")).to_be_visible(timeout=TIMEOUT)
        wait_until_idle(page)
        expect(page.get_by_role("navigation", name=NAVIGATION).get_by_role(
            "link", name="Results", exact=True)).to_be_visible(timeout=3_000)
