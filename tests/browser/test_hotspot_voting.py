"""A room on a hotspot: ten phones vote at the same time while the projector shows the result.

One Chromium, eleven browser contexts (ten phones, one facilitator laptop), driven with
Playwright's async API so the phones' clicks really overlap on the server.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from engine.core.store import Store
from engine.core.file_format import read_workshop

pytest.importorskip("playwright.async_api", reason="the playwright package is not installed")
from browsing import skip_profile_step
from playwright.async_api import async_playwright, expect

pytestmark = pytest.mark.browser

SAMPLE = Path(__file__).resolve().parents[2] / "sample_workshops" / "drc-south-kivu-tin.json"
CODE, PIN, EXERCISE, BEANS = "KAHUZ", "507938", "actions", 10
SAMPLE_VOTERS = 16
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
STEP_TIMEOUT = 30_000  # ms for one page step; generous, the phones share two cores
PROJECTOR_DELAY = 10  # s: the projector must show the last vote within this
CONFIRMATION = "Your answers are recorded. You can change them while voting is open."

# (group id, its button text, beans per item): ten phones over five groups, each different.
PHONES = [
    ("men-diggers", "Men diggers (pit workers)", {"pit-safety": 10}),
    ("men-diggers", "Men diggers (pit workers)", {"pit-safety": 6, "simple-permits": 4}),
    ("women-crushers", "Women crushers, washers and panners", {"savings-groups": 10}),
    ("women-crushers", "Women crushers, washers and panners", {"gbv-safe": 7, "savings-groups": 3}),
    ("youth", "Youth", {"back-to-school": 5, "asm-zones": 5}),
    ("youth", "Youth", {"asm-zones": 10}),
    ("pastoralists-farmers", "Herders and farmers", {"river-buffer": 8, "lmc": 2}),
    ("pastoralists-farmers", "Herders and farmers", {"rehabilitation": 10}),
    ("local-government", "Local government (commune)",
     {"traceability-scheme": 9, "exit-strategy": 1}),
    ("local-government", "Local government (commune)", {"lmc": 10}),
]


async def shows_voters(page, voters: int, timeout_ms: float) -> None:
    """The presenter view's voter count, beside the exercise status (it moves live; the
    ranking moves in steps of several people)."""
    await expect(page.get_by_text(f"Voting open · {voters} voters")
                 ).to_be_visible(timeout=timeout_ms)


async def open_presenter_view(browser, base_url: str):
    """The facilitator signs in and opens the presenter view (still the sample's votes)."""
    page = await (await browser.new_context(**LAPTOP)).new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    await page.goto(f"{base_url}/facilitator")
    workshop = page.get_by_role("combobox", name="Workshop")
    if not (await workshop.input_value()).endswith(f"({CODE})"):
        await workshop.click()
        await page.get_by_role("option", name=f"({CODE})").click()
    await page.get_by_label("Facilitator PIN", exact=True).fill(PIN)
    await page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Open").click()
    # The navigation menu's link, or the same link on the signed-in page (whichever shows first).
    await page.get_by_role("link", name="Presenter view").locator("visible=true").first.click()
    await shows_voters(page, SAMPLE_VOTERS, STEP_TIMEOUT)
    return page


async def vote_from_a_phone(browser, base_url: str, group: str, beans: dict[str, int]
                            ) -> tuple[str, float]:
    """Join from the QR link, pick a group, place the beans with "+", send.

    Returns the participant token (kept in the URL) and when the vote was confirmed.
    """
    context = await browser.new_context(**PHONE)
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    await page.goto(f"{base_url}/?w={CODE}")
    await page.get_by_role("button", name=group).click()
    await skip_profile_step(page, "beans left to place")
    send = page.get_by_role("button", name="Send my vote")
    await expect(send).to_be_disabled(timeout=STEP_TIMEOUT)
    placed = 0
    for item, count in beans.items():
        # The item's number box, and its "+".
        add = page.locator(f".st-key-beans-{EXERCISE}-{item}").get_by_test_id(
            "stNumberInputStepUp")
        for _ in range(count):
            await add.click()
            placed += 1
            # One click, one rerun: wait for it, or a quick second click could be merged away.
            await expect(page.get_by_text(f"{BEANS - placed} of {BEANS} beans left to place").first
                         ).to_be_visible(timeout=STEP_TIMEOUT)
    await send.click()
    await expect(page.get_by_text(CONFIRMATION)).to_be_visible(timeout=STEP_TIMEOUT)
    confirmed = time.monotonic()
    token = parse_qs(urlsplit(page.url).query)["p"][0]
    await context.close()
    return token, confirmed


async def run_the_room(base_url: str, launch_options: dict, shots: Path) -> list[tuple[str, float]]:
    """The projector up first, as a facilitator has it before the room joins; then every phone
    at once; then the projector must catch up without a reload."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options)
        try:
            presenter = await open_presenter_view(browser, base_url)
            votes = await asyncio.gather(*(vote_from_a_phone(browser, base_url, group, beans)
                                           for _, group, beans in PHONES))
            deadline = max(confirmed for _, confirmed in votes) + PROJECTOR_DELAY
            expected = SAMPLE_VOTERS + len(PHONES)
            try:
                await shows_voters(presenter, expected, max(1, deadline - time.monotonic()) * 1000)
            except AssertionError:
                await presenter.screenshot(path=shots / "presenter.png")
                raise
            return votes
        finally:
            await browser.close()


def test_ten_phones_vote_at_once_and_the_projector_follows(app_server, launch_options, tmp_path):
    votes = asyncio.run(run_the_room(app_server.base_url, launch_options, tmp_path))

    workshop = Store(app_server.store_url).load(CODE)
    sample_tokens = {b.participant for b in read_workshop(SAMPLE).exercise(EXERCISE).ballots}
    new = [b for b in workshop.exercise(EXERCISE).ballots if b.participant not in sample_tokens]
    assert len(new) == len(PHONES)
    by_token = {ballot.participant: ballot for ballot in new}
    assert len(by_token) == len(PHONES), "each new ballot comes from a different participant"
    groups = {p.token: p.group for p in workshop.participants}
    for (group_id, _, beans), (token, _) in zip(PHONES, votes):
        assert by_token[token].answer.beans == beans
        assert by_token[token].voters == 1
        assert groups[token] == group_id
