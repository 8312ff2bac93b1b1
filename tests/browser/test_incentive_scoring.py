"""Scoring the Leverage and Incentives Matrix from phones while the projector shows the bubbles.

Three phones in three groups score the first instrument at the same time, each tapping its four
1–5 answers; the facilitator's presenter view (the LIM, the only thing open) must count them
without a reload, and the store must hold exactly what each phone tapped.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from engine.core.file_format import read_workshop
from engine.core.store import Store
from engine.exercises.lim.design import CRITERIA
from engine.exercises.lim.results import incentive_results

pytest.importorskip("playwright.async_api", reason="the playwright package is not installed")
from browsing import skip_profile_step
from playwright.async_api import async_playwright, expect

from tests.browser.test_hotspot_voting import LAPTOP, PHONE, PIN, PROJECTOR_DELAY, STEP_TIMEOUT

pytestmark = pytest.mark.browser
WAIT = {"timeout": STEP_TIMEOUT}

SAMPLE = Path(__file__).resolve().parents[2] / "sample_workshops" / "drc-south-kivu-tin.json"
INSTRUMENT = "asm-zones"  # the first instrument: the one a phone is offered first
# (group button text, the four answers: leverage, effectiveness, likelihood, severity)
PHONES = [("Men diggers (pit workers)", (5, 4, 2, 2)),
          ("Youth", (4, 3, 3, 4)),
          ("Herders and farmers", (2, 2, 5, 5))]


def only_the_lim_open(store_url: str) -> tuple[str, int]:
    """The English sample with its exercises closed and its LIM open to phones, imported
    before the app first runs (so it is the store's only workshop). Returns its code and how
    many people had already scored."""
    sample = read_workshop(SAMPLE)
    workshop = sample.model_copy(update={"exercises": [
        e.model_copy(update={"status": "open" if e.kind == "lim" else "closed"})
        for e in sample.exercises]})
    Store(store_url).import_workshop(workshop)
    return workshop.code, incentive_results(workshop.exercise("lim"), workshop.room()).voters


async def open_lim_presenter(browser, base_url: str, code: str, voters: int):
    page = await (await browser.new_context(**LAPTOP)).new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    await page.goto(f"{base_url}/facilitator")
    await page.get_by_label("Facilitator PIN", exact=True).fill(PIN)
    await page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Open").click()
    await page.get_by_role("link", name="Presenter view").locator("visible=true").first.click()
    await expect(page.get_by_text(f"Voting open · {voters} voters")).to_be_visible(**WAIT)
    return page


async def score_from_a_phone(browser, base_url: str, code: str, group: str,
                             answers: tuple[int, ...]) -> tuple[str, float]:
    """Join, pick a group, tap the four answers for the first instrument, send."""
    page = await (await browser.new_context(**PHONE)).new_page()
    page.set_default_timeout(STEP_TIMEOUT)
    await page.goto(f"{base_url}/?w={code}")
    await page.get_by_role("button", name=group).click()
    await skip_profile_step(page, "0 of 8 instruments scored")
    await expect(page.get_by_text("0 of 8 instruments scored")).to_be_visible(**WAIT)
    for answered, (criterion, score) in enumerate(zip(CRITERIA, answers), start=1):
        await page.locator(f".st-key-lim_score-{INSTRUMENT}-{criterion}").get_by_role(
            "radio", name=str(score), exact=True).click()
        # One tap, one rerun: wait for the server's count, or a quick next tap could be lost.
        if answered < len(CRITERIA):
            await expect(page.get_by_text(f"{answered} of 4 questions answered")
                         ).to_be_visible(**WAIT)
    await page.get_by_role("button", name="Send my scores for this instrument").click()
    await expect(page.get_by_text("1 of 8 instruments scored")).to_be_visible(**WAIT)
    token = parse_qs(urlsplit(page.url).query)["p"][0]
    return token, time.monotonic()


async def run_the_room(base_url: str, code: str, voters: int, launch_options: dict, shots: Path):
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(**launch_options)
        try:
            presenter = await open_lim_presenter(browser, base_url, code, voters)
            scored = await asyncio.gather(*(score_from_a_phone(browser, base_url, code, group,
                                                               answers)
                                            for group, answers in PHONES))
            deadline = max(done for _, done in scored) + PROJECTOR_DELAY
            try:
                await expect(presenter.get_by_text(
                    f"Voting open · {voters + len(PHONES)} voters")).to_be_visible(
                    timeout=max(1, deadline - time.monotonic()) * 1000)
            except AssertionError:
                await presenter.screenshot(path=shots / "presenter.png")
                raise
            return [token for token, _ in scored]
        finally:
            await browser.close()


def test_phones_score_an_instrument_and_the_projector_counts_them(app_server, launch_options,
                                                                  tmp_path):
    code, voters = only_the_lim_open(app_server.store_url)
    tokens = asyncio.run(run_the_room(app_server.base_url, code, voters, launch_options, tmp_path))
    stored = {b.participant: b
              for b in Store(app_server.store_url).load(code).exercise("lim").ballots}
    for token, (_, answers) in zip(tokens, PHONES):
        assert stored[token].answer.scores == {INSTRUMENT: dict(zip(CRITERIA, answers))}
