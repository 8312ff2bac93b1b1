"""Steps the browser tests share: how a person waits, signs in, picks, answers the profile step;
the axe-core check; and the record of any request that would leave the laptop.

Imported by the test modules beside it as ``browsing`` (pytest puts this folder on the import
path: it has no ``__init__.py``). Waits are for what a person would see, never for a time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Page, Route, expect

LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
TIMEOUT = 30_000  # ms: one step on a busy 2-core machine
NAVIGATION = "App pages"  # Streamlit's name for the menu of pages
RECORDED = "Your answers are recorded. You can change them while voting is open."
LOCAL_HOSTS = {"127.0.0.1", "localhost"}  # the app's own host: the server listens on 127.0.0.1
_AXE = Axe()
expect.set_options(timeout=TIMEOUT)  # every expectation, in every browser test module


def idle(page: Page) -> None:
    """Until the page's script has finished its run: what it draws is on screen."""
    expect(page.get_by_test_id("stApp")).to_have_attribute(
        "data-test-script-state", "notRunning", timeout=TIMEOUT)


def accessible(page: Page, where: str) -> None:
    """axe-core finds nothing wrong with the page as it is now; else the violations' ids,
    impacts and first elements, printed and in the failure."""
    idle(page)
    violations = _AXE.run(page).response["violations"]
    found = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    if found:
        print(f"axe-core on {where}: {found}")
    assert found == [], f"axe-core violations on {where}: {[v[0] for v in found]}"


def choose(page: Page, box_name: str, option: str) -> None:
    """Pick ``option`` in a select box (open its list, take it), unless it is already shown."""
    idle(page)  # a run in progress redraws the box and closes its list
    box = page.get_by_role("combobox", name=box_name)
    if option in box.input_value():
        return
    box.click()
    page.get_by_role("option", name=option).click()
    expect(box).to_have_value(re.compile(re.escape(option)))


def go(page: Page, name: str) -> None:
    """A page of the facilitator's menu."""
    page.get_by_role("navigation", name=NAVIGATION).get_by_role(
        "link", name=name, exact=True).click()


def sign_in(page: Page, base_url: str, code: str, pin: str) -> None:
    """The facilitator opens workshop ``code`` on the laptop (the sign-in page's list)."""
    page.goto(f"{base_url}/facilitator")
    choose(page, "Workshop", f"({code})")
    page.get_by_label("Facilitator PIN", exact=True).fill(pin)
    page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Open").click()
    expect(page.get_by_role("navigation", name=NAVIGATION)).to_be_visible()


def join(phone: Page, base_url: str, code: str, group: str) -> None:
    """A phone opens the join link (the QR code) and taps its group."""
    phone.goto(f"{base_url}/?w={code}")
    phone.get_by_role("button", name=group).click()


def profile_step(phone: Page, ballot_shown: str, gender: str | None, age: str | None = None,
                 check=None) -> bool:
    """The optional profile step after the group (gender, then age band, large buttons, a Skip
    button), if this app shows it: the answers given (widget keys ``profile_gender_<gender>``,
    ``profile_age_<age>``), or Skip when ``gender`` is None (and for the age when ``age`` is
    None). ``check(phone)`` runs on the step's first screen (the axe check). True when the
    step was shown.

    Until the step is in the app, the phone goes straight from its group to the ballot
    (``ballot_shown`` appears) and this does nothing. Once the step is always there, make it
    required: expect ``.st-key-profile_skip`` instead of accepting either.
    """
    skip = phone.locator(".st-key-profile_skip")
    ballot = phone.get_by_text(ballot_shown).first
    expect(skip.or_(ballot).first).to_be_visible(timeout=TIMEOUT)
    if not skip.is_visible():
        return False
    if check is not None:
        check(phone)
    for attribute, answer in (("gender", gender), ("age", age)):
        asking = phone.locator(f".st-key-profile_{attribute}_unsaid")
        expect(asking.or_(ballot).first).to_be_visible(timeout=TIMEOUT)
        if not asking.is_visible():
            break  # the workshop does not ask this one
        if answer is None:
            skip.get_by_role("button").click()
            break
        phone.locator(f".st-key-profile_{attribute}_{answer}").get_by_role("button").click()
        expect(phone.locator(f".st-key-profile_{attribute}_unsaid")).to_have_count(0)
    return True


@dataclass
class Outside:
    """Every request a browser context makes to a host other than the app's own: recorded
    and stopped there (nothing leaves the machine during a test)."""

    requests: list[str] = field(default_factory=list)

    def watch(self, context: BrowserContext) -> BrowserContext:
        context.route("**/*", self._route)
        context.on("page", self._watch_page)
        return context

    def new_page(self, context: BrowserContext) -> Page:
        page = context.new_page()
        self._watch_page(page)
        page.set_default_timeout(TIMEOUT)
        return page

    def _watch_page(self, page: Page) -> None:
        # WebSockets do not go through routes: their addresses are checked as they open.
        page.on("websocket", lambda socket: self._check(socket.url, record_only=True))

    def _check(self, url: str, record_only: bool = False) -> bool:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS:
            if url not in self.requests:
                self.requests.append(url)
            return False
        return True

    def _route(self, route: Route) -> None:
        if self._check(route.request.url):
            route.continue_()
        else:
            route.abort()


async def skip_profile_step(page, ballot_shown: str) -> None:
    """The async tests' way through the optional profile step: Skip, if the app shows it.
    Until the step is in the app this does nothing (see ``profile_step``)."""
    from playwright.async_api import expect as expect_async

    skip = page.locator(".st-key-profile_skip")
    ballot = page.get_by_text(ballot_shown).first
    await expect_async(skip.or_(ballot).first).to_be_visible(timeout=TIMEOUT)
    if await skip.is_visible():
        await skip.get_by_role("button").click()
