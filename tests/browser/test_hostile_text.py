"""What people type is text (issue 12): a workshop whose title, place, groups, items, a
participant's proposal, a map's actors and notes are Markdown, HTML and a spreadsheet formula
(``hostile.py``), through every page a phone and the facilitator open: join, vote,
facilitator, set-up, run, presenter, results.

On each page the typed characters are shown as typed, and nothing was made of them: no image
or link to another host, no bold word, no dialog, no request that leaves the laptop.
"""

from __future__ import annotations

import re

import pytest

pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")
import hostile
from browsing import LAPTOP, PHONE, Outside, choose, go, idle, profile_step, sign_in
from playwright.sync_api import Dialog, Page, expect, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

pytestmark = pytest.mark.browser
SETTLED = 5_000  # ms: for text on a page that has finished its run


# Is ``text`` on the page (or in ``selector``'s elements), with all its characters? Compared
# as a person reads it: invisible format characters (a word joiner an app may put in a typed
# address so it is not made a link) and runs of white space do not count.
SHOWN = r"""([text, selector]) => {
    const seen = s => s.replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
                       .replace(/\s+/g, " ");
    const roots = selector ? [...document.querySelectorAll(selector)] : [document.body];
    return roots.some(root => seen(selector ? root.textContent : root.innerText)
                                  .includes(seen(text)));
}"""


def literal(page: Page, text: str, where: str, found: list[str], selector: str | None = None
            ) -> None:
    """``text`` is on screen with all its characters, as typed; else that is added to
    ``found``. The page has finished its run (``inert`` before): a short wait."""
    try:
        page.wait_for_function(SHOWN, arg=[text, selector], timeout=SETTLED)
    except PlaywrightTimeout:
        found.append(f"{where}: not shown as typed: {text!r}")


def inert(page: Page, where: str, found: list[str], dialogs: list[str],
          outside: Outside) -> None:
    """Nothing on the page was made from the typed text: what was is added to ``found``."""
    idle(page)
    made = {
        "an image from another host": page.locator('img[src*="127.0.0.2"]'),
        "a link to another host": page.locator('a[href*="127.0.0.2"], a[href^="http://x"]'),
        "a bold word": page.locator("strong, b, em").filter(has_text=re.compile(r"^\W*bold\W*$")),
    }
    for what, elements in made.items():
        # All at once: a live view redraws itself while we look.
        for markup, around in elements.evaluate_all(
                "all => all.map(e => [e.outerHTML, e.parentElement.innerText])"):
            found.append(f"{where}: {what}: {markup} in «{around}»")
    found.extend(f"{where}: a dialog: {message}" for message in dialogs)
    found.extend(f"{where}: a request left: {url}" for url in outside.requests)
    dialogs.clear()
    outside.requests.clear()


def test_typed_text_stays_text_on_every_page(app_server, launch_options):
    code = hostile.store_hostile_workshop(app_server.store_url)
    outside, dialogs, found = Outside(), [], []

    def watched(context) -> Page:
        page = outside.new_page(outside.watch(context))

        def record(dialog: Dialog) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", record)
        return page

    def check(page: Page, where: str, anchor, texts: list[str], scope: str | None = None
              ) -> None:
        """The page is there (``anchor`` visible, its run finished), each of ``texts`` as
        typed, and nothing made of them."""
        expect(anchor).to_be_visible()
        inert(page, where, found, dialogs, outside)
        for text in texts:
            literal(page, text, where, found, scope)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(**launch_options)

        phone = watched(browser.new_context(**PHONE))
        phone.goto(f"{app_server.base_url}/?w={code}")
        check(phone, "join page", phone.get_by_role("button").filter(has_text="Panners"),
              [f"Welcome to {hostile.TITLE}", *hostile.GROUPS])
        phone.get_by_role("button").filter(has_text="Diggers").click()
        profile_step(phone, "beans left to place", gender=None)
        check(phone, "vote page", phone.get_by_text("beans left to place").first,
              [hostile.TITLE, hostile.GROUPS[0], hostile.EXERCISE, *hostile.ITEMS])

        laptop = watched(browser.new_context(**LAPTOP))
        laptop.goto(f"{app_server.base_url}/facilitator")
        check(laptop, "sign-in page", laptop.get_by_role("combobox", name="Workshop"), [])
        sign_in(laptop, app_server.base_url, code, hostile.PIN)
        check(laptop, "facilitator page", laptop.get_by_role("heading").first,
              [hostile.TITLE, hostile.PLACE])

        go(laptop, "Set-up")
        check(laptop, "set-up page", laptop.get_by_role("heading").filter(has_text="Set-up:"),
              [f"Set-up: {hostile.TITLE}", hostile.EXERCISE, hostile.MAP])
        # The map's own set-up: its actors, their goals and the link's note (notes) in tables.
        laptop.get_by_role("button", name="Set up", exact=True).nth(1).click()
        check(laptop, "set-up page, the map's set-up",
              laptop.get_by_role("heading", name="Set-up: Map **bold**"), [])

        go(laptop, "Run exercises")
        check(laptop, "run page", laptop.get_by_role("button", name="Close voting"),
              [hostile.EXERCISE, hostile.MAP, hostile.PROPOSAL, hostile.GROUPS[0]])
        laptop.get_by_role("button", name="Close voting").click()
        expect(laptop.get_by_role("button", name="Reopen voting")).to_be_visible()

        go(laptop, "Presenter view")
        # The ranking: the two items that have beans.
        check(laptop, "presenter view", laptop.get_by_text("Voting closed").first,
              [hostile.EXERCISE, *hostile.ITEMS[:2]])
        choose(laptop, "Exercise", "Map")
        check(laptop, "presenter view of the map",
              laptop.get_by_role("heading").filter(has_text="Map **bold**").first,
              [hostile.MAP])

        go(laptop, "Results")
        check(laptop, "results page", laptop.get_by_test_id("stPlotlyChart").first,
              [hostile.EXERCISE])
        for item in hostile.ITEMS[:2]:  # the chart's ranking
            literal(laptop, item, "results page, the chart", found,
                    "[data-testid=stPlotlyChart] svg")
        choose(laptop, "Exercise", "Map")
        check(laptop, "results page of the map",
              laptop.get_by_role("heading").filter(has_text="Map **bold**").first,
              [hostile.MAP, *hostile.ACTORS])
        browser.close()
    assert found == [], "typed text not kept as text:\n" + "\n".join(found)
