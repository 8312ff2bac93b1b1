"""A workshop from nothing to its workbook, as the people in the room do it, in real Chromium:
the facilitator creates a workshop on the laptop, adds one exercise as it comes (a
prioritisation by beans) and opens it; the projector shows it; two phones (360×640) join by the
link in two groups and vote; the projector counts them and ranks the items; the facilitator
closes the vote, and the phones follow it closed, open again and closed, without a reload; the
Results page ranks the items and the workbook downloads.

AppTest does not go through the browser's navigation (DESIGN.md, platform facts): only this
catches a switch to a page the navigation does not list (creating a workshop crashed so).
Every page passes axe-core with no violation on the way, and no request leaves the laptop.
"""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest

from engine.core.store import Store

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
from browsing import (LAPTOP, NAVIGATION, PHONE, RECORDED, Outside, accessible, go, idle,
                      profile_step, sign_in)
from playwright.sync_api import Page, expect, sync_playwright

pytestmark = pytest.mark.browser

TITLE, PLACE, PIN = "Atelier de Kandi", "Kandi", "482619"
EXERCISE = "What first?"
BEANS = 10  # the default method's beans per participant
FIRST_ITEM = "Mercury use in gold amalgamation"  # the guide's first starter issue
CRASHED = "This app has encountered an error"
WAITING = "Please wait: the facilitator will open the next exercise."


def create_workshop(laptop: Page, base_url: str) -> None:
    # As in a workshop: the join page has run first (a page's address opened first on a fresh
    # server runs that page alone, without the app's menu: DESIGN.md, platform facts).
    laptop.goto(f"{base_url}/")
    expect(laptop.get_by_text("Join the workshop").first).to_be_visible()
    laptop.goto(f"{base_url}/facilitator")
    expect(laptop.get_by_role("tab", name="New workshop")).to_be_visible()
    accessible(laptop, "facilitator page")
    laptop.get_by_role("tab", name="New workshop").click()
    form = laptop.get_by_test_id("stForm").filter(
        has=laptop.get_by_role("button", name="Create the workshop"))
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Place").fill(PLACE)
    form.get_by_label("Choose a facilitator PIN (at least 6 characters)").fill(PIN)
    form.get_by_role("button", name="Create the workshop").click()
    # Signed in, on the set-up, with the facilitator's menu: no crash, no new sign-in.
    expect(laptop.get_by_role("heading", name=f"Set-up: {TITLE}")).to_be_visible()
    expect(laptop.get_by_role("navigation", name=NAVIGATION).get_by_role(
        "link", name="Run exercises", exact=True)).to_be_visible()


def add_exercise(laptop: Page, title: str) -> None:
    """The add form as it comes (the first kind, its default method), with a title."""
    adding = laptop.get_by_test_id("stExpander").filter(has_text="Add an exercise")
    add = adding.get_by_role("button", name="Add", exact=True)
    if add.is_hidden():
        adding.get_by_text("Add an exercise").click()
    adding.get_by_label("Title").fill(title)
    add.click()
    expect(laptop.get_by_text(title, exact=True).first).to_be_visible()
    expect(laptop.get_by_text("Prioritisation").first).to_be_visible()


def vote(phone: Page, beans_on_first: int) -> None:
    """The ballot as it comes: place the beans with "+" on the first two items, send."""
    left = phone.get_by_text(f"{BEANS} of {BEANS} beans left to place")
    expect(left).to_be_visible()
    accessible(phone, "vote page")
    plus = phone.get_by_test_id("stNumberInputStepUp")
    for placed in range(1, BEANS + 1):
        plus.nth(0 if placed <= beans_on_first else 1).click()
        # One tap, one rerun: wait for it, as the thumb would see it.
        expect(phone.get_by_text(f"{BEANS - placed} of {BEANS} beans left to place")
               ).to_be_visible()
    phone.get_by_role("button", name="Send my vote").click()
    expect(phone.get_by_text(RECORDED)).to_be_in_viewport()  # where the thumb is


def test_a_workshop_from_nothing_to_its_workbook(app_server, launch_options):
    outside = Outside()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options)
        laptop = outside.new_page(outside.watch(browser.new_context(**LAPTOP,
                                                                    accept_downloads=True)))
        create_workshop(laptop, app_server.base_url)
        assert CRASHED not in laptop.locator("body").inner_text()
        (settings,) = [s for s in Store(app_server.store_url).list_settings()
                       if s.title == TITLE]
        code = settings.code
        # Two of the starter groups the new workshop has (the first and the last).
        groups = [(g.id, g.label["en"]) for g in (settings.groups[0], settings.groups[-1])]
        accessible(laptop, "set-up page")
        add_exercise(laptop, EXERCISE)
        accessible(laptop, "set-up page, an exercise added")

        go(laptop, "Run exercises")
        row = laptop.get_by_test_id("stHorizontalBlock").filter(has_text=EXERCISE).last
        expect(row.get_by_role("button", name="Open voting")).to_be_visible()
        accessible(laptop, "run page")
        row.get_by_role("button", name="Open voting").click()
        expect(laptop.get_by_role("button", name="Close voting")).to_be_visible()

        projector = outside.new_page(outside.watch(browser.new_context(**LAPTOP)))
        sign_in(projector, app_server.base_url, code, PIN)
        go(projector, "Presenter view")
        projector.get_by_role("button", name="Full screen").click()
        expect(projector.get_by_role("navigation", name=NAVIGATION)).to_be_hidden()
        expect(projector.get_by_text("0 voters").first).to_be_visible()
        expect(projector.get_by_text(code).first).to_be_visible()  # how to join
        accessible(projector, "presenter view, full screen")

        phones, asked = [], []
        for (_, group), gender, beans_on_first in zip(groups, ("woman", None), (10, 7)):
            phone = outside.new_page(outside.watch(browser.new_context(**PHONE)))
            phone.goto(f"{app_server.base_url}/?w={code}")
            expect(phone.get_by_text(f"Welcome to {TITLE}")).to_be_visible()
            expect(phone.get_by_role("button", name=group)).to_be_visible()
            accessible(phone, "join page")
            phone.get_by_role("button", name=group).click()
            # The first phone answers "woman" (and an age band), the second skips.
            asked.append(profile_step(phone, "beans left to place", gender,
                                      "up_to_35" if gender else None,
                                      check=lambda page: accessible(page, "profile step")))
            expect(phone.get_by_text(group).first).to_be_visible()
            vote(phone, beans_on_first)
            phones.append(phone)

        expect(projector.get_by_text("2 voters").first).to_be_visible()  # counts both

        laptop.get_by_role("button", name="Close voting").click()
        expect(laptop.get_by_role("button", name="Reopen voting")).to_be_visible()
        expect(laptop.get_by_text("Voting closed").first).to_be_visible()
        for phone in phones:  # the phones follow without a reload
            expect(phone.get_by_text(WAITING)).to_be_visible()
        # And back: opened again, the phones show their answers as sent.
        laptop.get_by_role("button", name="Reopen voting").click()
        for phone in phones:
            expect(phone.get_by_text(RECORDED)).to_be_visible()
        laptop.get_by_role("button", name="Close voting").click()
        for phone in phones:
            expect(phone.get_by_text(WAITING)).to_be_visible()
        # Closed: the projector shows the result, the item with the most beans first.
        expect(projector.get_by_text("2 voters").first).to_be_visible()
        expect(projector.get_by_text(FIRST_ITEM).first).to_be_visible()
        accessible(projector, "presenter view, the result")

        go(laptop, "Results")
        expect(laptop.get_by_role("heading", name=EXERCISE)).to_be_visible()
        expect(laptop.get_by_text("2 voters · each person equal").first).to_be_visible()
        # The chart: the item with 10 + 7 beans first, with its share.
        chart = laptop.get_by_test_id("stPlotlyChart").first
        expect(chart.get_by_text(FIRST_ITEM).first).to_be_visible()
        expect(chart.get_by_text("85% · 17 beans")).to_be_visible()
        idle(laptop)
        accessible(laptop, "results page")
        button = laptop.get_by_role("button", name="Download the workbook (Excel)")
        expect(button).to_be_enabled()
        try:
            with laptop.expect_download() as downloading:
                button.click()
            download = downloading.value
        except Exception:
            # What the page and the server said instead (a deferred download that failed).
            print(laptop.locator("body").inner_text())
            print(app_server.log.read_text()[-5000:])
            raise
        assert download.failure() is None
        assert download.suggested_filename.endswith(".xlsx")
        data = download.path().read_bytes()
        assert data and zipfile.is_zipfile(io.BytesIO(data))
        book = openpyxl.load_workbook(io.BytesIO(data))
        cover = {row[0]: row[1] for row in book["Cover"].iter_rows(values_only=True) if row[0]}
        assert cover["Join code"] == code
        assert CRASHED not in laptop.locator("body").inner_text()
        browser.close()

    assert outside.requests == [], "requests that left the laptop"
    assert "StreamlitPageNotFoundError" not in app_server.log.read_text()
    stored = Store(app_server.store_url).load(code)
    (exercise,) = stored.exercises
    assert exercise.status == "closed"
    assert sorted(sum(b.answer.beans.values()) for b in exercise.ballots) == [BEANS, BEANS]
    group_of = {p.token: p.group for p in stored.participants}
    assert sorted(group_of[b.participant] for b in exercise.ballots) == sorted(
        group_id for group_id, _ in groups)
    attributes = {p.group: p.attributes for p in stored.participants}
    (first, _), (second, _) = groups
    print(f"the profile step was shown: {asked}")
    if asked[0]:
        assert attributes[first]["gender"] == "woman"
        assert attributes[first]["age"].replace("-", "_") == "up_to_35"
    else:
        assert attributes[first] == {}
    assert attributes[second] == {}  # skipped, or not asked
