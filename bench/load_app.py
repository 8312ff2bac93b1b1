"""A room of phones on the project's app and on the floor app, side by side (not a test).

    python bench/load_app.py [--participants 100] [--arrival-rate 0] [--think 0] [--timeout 300]
                             [--only project|floor] [--no-presenter] [--floor-app PATH]

One invocation runs the same journey on two servers, one after the other on the same machine:

- the floor, ``../shared/bench/floor_app`` (``streamlit run app.py``, its store in a temporary
  folder through ``FLOOR_DB``): the phone's journey as plainly as Streamlit allows;
- the project, ``python -m streamlit run serve.py`` (the README's start command) with a fresh
  SQLite store, which fills itself with the samples.

On a shared machine absolute times are noise; the ratios between the two runs are the result.

Each participant is a small client speaking Streamlit's websocket protocol (``/_stcore/stream``:
``BackMsg`` out, ``ForwardMsg`` in) as Chromium does (checked against Chromium's own frames):
every rerun request carries the widget states the page holds (the number boxes' integers, the
language control's labels), a tap on a widget drawn inside a fragment carries that fragment's id
(so the server reruns the fragment alone), and a fragment with ``run_every`` is rerun at the
interval the server announces (``AutoRerun``), for as long as the phone stays connected. The
project's phone page carries a watcher (``ui.room_watch``) that, in a browser, asks the laptop
for the room's open stamp by a plain web request every few seconds and asks for a run of the
page when it changes: the client does the same, on one kept-alive connection. A
participant:

1. opens ``/?w=KAHUZ`` and waits for the join page (its group buttons);
2. taps a group (groups taken in turn) and waits for the vote page; on the project, which then
   asks the optional profile (gender, age band), it taps "Skip" first (one tap more than the
   floor, counted in the vote page's time);
3. places the 10 beans of the open ``actions`` exercise on random items, one tap each, waiting
   for the page to show it: on the project, the "+" of an item's number box (the box's new
   integer, sent with the vote fragment's id) until "N of 10 beans left to place" shows; on the
   floor, the item's "+" button until the item's count shows;
4. taps "Send my vote" and waits for the confirmation.

Every phone stays connected (and polling, where the page polls) until the whole room is
through, and 10 s more: what the room costs the server while nobody taps. Before the room
arrives one phone does the journey alone (the facilitator trying the link): it warms the server
up and gives the messages and bytes each step costs, polls included.
With the project, a real headless Chromium presenter (signed in on /facilitator with the PIN the
README gives) watches the room vote; the longest its voter count stood still while votes arrived
and its lag behind the last confirmation are printed. Its reruns are part of the project's server
CPU, as in a room (the CPU it costs alone is printed); ``--no-presenter`` leaves it out.

Printed: the side-by-side table (server CPU per participant, send → confirmation median and
p95, bean tap, join and vote page times, the room through, peak RSS, messages per step, the
store check: every ballot stored exactly once), the presenter's figures, each server's
tracebacks, and the load average at each start. Exit status 1 if a phone did not finish, a
phone's watcher stopped checking, or a store check fails. Only 127.0.0.1 is ever contacted;
the servers are stopped in every case.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import resource
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from collections.abc import Awaitable, Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import psutil
import streamlit
import websockets
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ClientState_pb2 import ClientState, ContextInfo
from streamlit.proto.Common_pb2 import StringArray
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState, WidgetStates

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from engine.core.file_format import read_workshop  # noqa: E402
from engine.core.store import Store  # noqa: E402

HOST = "127.0.0.1"
WATCHER = "asm_room_watch"  # the component that follows the room on the project's phone page
CODE = "KAHUZ"
EXERCISE = "actions"
SAMPLE = REPO / "sample_workshops" / "drc-south-kivu-tin.json"
FLOOR_APP = REPO.parent / "shared" / "bench" / "floor_app"
SUBMIT = "submit_vote"
GROUP_PREFIX = "group_"
PROFILE_SKIP = "profile_skip"  # the project's optional profile step, after the group
HEALTH_TIMEOUT = 60  # s
CLOSE_TIMEOUT = 5  # s
PRESENTER_TIMEOUT = 60  # s for each step of signing in and opening the presenter view
PRESENTER_GRACE = 30  # s the presenter has, after the last confirmation, to show the last vote
PRESENTER_ALONE = 6  # s the presenter watches before the room arrives (its own CPU cost)
IDLE = 10  # s the room stays connected, nobody tapping, once everyone is through
PRESENTER_SAMPLE_MS = 100  # how often the presenter's page is read for its count
PRESENTER_COUNT = r"·\s*(\d+)\s+voters?\b"  # "Voting open · 17 voters"
README_PIN = re.compile(r"PIN[^`\n]{0,30}`([^`]+)`")  # "type its PIN, `1234`"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--no-proxy-server"]
TEXT_FIELDS = {"markdown": "body", "alert": "body", "heading": "body", "toast": "body",
               "progress": "text", "button": "label", "number_input": "label"}
# Never through a proxy from the environment: every request stays on this machine.
LOCAL_ONLY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class AppError(Exception):
    """The app showed an error, an exception or an unexpected page on a phone."""


class JourneyFailed(Exception):
    """A participant could not get through: where it stopped, and why."""


# ---- one phone -----------------------------------------------------------------------------

@dataclass
class Drawn:
    """One element on a phone's page, as the last run that drew it left it."""

    kind: str
    key: str  # the widget's user key ("" for an element that is not a widget)
    widget_id: str
    fragment: str  # the fragment that drew it ("" outside fragments)
    run: str  # the script run that drew it
    text: str
    proto: Any


class Phone:
    """One participant's browser tab, reduced to Streamlit's websocket protocol.

    A reader task applies what the server sends as the frontend does: the page's elements by
    their place (a fragment's run replaces the fragment's elements), the page and query string
    the server sets, the widget states the browser holds, and the fragments' automatic reruns.
    The journey waits on what the page shows.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.stage = "arriving"  # what it is doing now, for the error report
        self.query_string = f"w={CODE}"
        self.page_hash = ""  # empty: the page at "/", the default one
        self.page: dict[tuple[int, ...], Drawn] = {}
        self.held: dict[str, WidgetState] = {}  # widget id -> the value the browser holds
        self.received = 0  # messages and their bytes, since the tab opened
        self.received_bytes = 0
        self.placed: Counter[str] = Counter()  # beans placed per item (the floor's journey)
        self._run = ""
        self._run_fragments: tuple[str, ...] = ()
        self.run_size = (0, 0)  # messages and bytes since the run before the last one ended
        self._at_last_end = (0, 0)
        self._waiters: list[tuple[str, Callable[[Any], bool],
                                  asyncio.Future[tuple[int, int]]]] = []
        self._polls: dict[str, tuple[float, asyncio.Task[None]]] = {}
        self._watcher: asyncio.Task[None] | None = None
        self._watched = ""  # the open stamp the page was drawn with
        self.checks = (0, 0)  # the watcher's requests, and the bytes of their answers
        self.watch_failed: BaseException | None = None  # why the watcher stopped, if it did
        self._failure: BaseException | None = None
        self._ws: Any = None
        self._reader: asyncio.Task[None] | None = None

    async def open(self) -> None:
        """Open the websocket the page opens (no proxy, no ping: a browser sends none)."""
        self._ws = await websockets.connect(
            f"ws://{HOST}:{self.port}/_stcore/stream", subprotocols=["streamlit"], proxy=None,
            open_timeout=None, ping_interval=None, close_timeout=CLOSE_TIMEOUT, max_size=2**24)
        self._reader = asyncio.create_task(self._read())

    async def close(self) -> None:
        """Close the tab."""
        for _, poll in self._polls.values():
            poll.cancel()
        if self._watcher is not None:
            self._watcher.cancel()
        if self._reader is not None:
            self._reader.cancel()
        if self._ws is not None:
            with suppress(Exception):
                await self._ws.close()

    @property
    def polling(self) -> bool:
        """Whether the page reruns a fragment by itself every few seconds."""
        return bool(self._polls)

    @property
    def watching(self) -> bool:
        """Whether the page has a watcher asking the laptop what is open every few seconds."""
        return self._watcher is not None

    @property
    def token(self) -> str:
        """The participant token the app put in the URL (empty before joining, or on the floor,
        which keeps it in the session)."""
        return parse_qs(self.query_string).get("p", [""])[0]

    def widgets(self) -> dict[str, Drawn]:
        """The widgets on the page, by user key."""
        return {drawn.key: drawn for drawn in self.page.values() if drawn.key}

    def shows(self, text: str) -> bool:
        """Whether an element on the page says ``text`` (case-blind)."""
        wanted = text.casefold()
        return any(wanted in drawn.text.casefold() for drawn in self.page.values())

    def texts(self) -> str:
        """What the page says, for an error report."""
        return " | ".join(drawn.text for drawn in self.page.values() if drawn.text)[:200]

    # ---- what the phone sends --------------------------------------------------------------

    async def tap(self, key: str) -> None:
        """Tap the button ``key``: a rerun with its trigger (of its fragment, if it is in one)."""
        drawn = self.widgets()[key]
        await self.rerun(WidgetState(id=drawn.widget_id, trigger_value=True), drawn.fragment)

    async def set_number(self, key: str, value: int) -> None:
        """Set the number box ``key`` to ``value`` (its "+" or "−"), as the browser commits it."""
        drawn = self.widgets()[key]
        self.held[drawn.widget_id] = WidgetState(id=drawn.widget_id, int_value=value)
        await self.rerun(None, drawn.fragment)

    async def rerun(self, trigger: WidgetState | None = None, fragment: str = "",
                    auto: bool = False) -> None:
        """Ask for a script run (of ``fragment`` alone, if given) with the held widget states."""
        states = list(self.held.values()) + ([trigger] if trigger is not None else [])
        state = ClientState(
            query_string=self.query_string, page_script_hash=self.page_hash,
            widget_states=WidgetStates(widgets=states), fragment_id=fragment, is_auto_rerun=auto,
            context_info=ContextInfo(timezone="Africa/Lubumbashi", timezone_offset=-120,
                                     locale="en-US", url=f"http://{HOST}:{self.port}/",
                                     color_scheme="light"))
        await self._ws.send(BackMsg(rerun_script=state).SerializeToString())

    # ---- waiting for the page --------------------------------------------------------------
    # Expected before the tap that causes it: messages that arrive together are applied at once,
    # and what happened before anyone waited for it is not seen again.

    def finished(self, check: Callable[[Phone], bool]) -> asyncio.Future[tuple[int, int]]:
        """The end of a run after which ``check(phone)`` holds: its messages and bytes."""
        return self._expect("finished", check)

    def checked(self) -> asyncio.Future[tuple[int, int]]:
        """The watcher's next check, answered."""
        return self._expect("checked", lambda p: True)

    def drawn(self, check: Callable[[Drawn], bool]) -> asyncio.Future[tuple[int, int]]:
        """An element for which ``check(element)`` holds, drawn."""
        return self._expect("drawn", check)

    def _expect(self, event: str, check: Callable[[Any], bool]
                ) -> asyncio.Future[tuple[int, int]]:
        done: asyncio.Future[tuple[int, int]] = asyncio.get_running_loop().create_future()
        if self._failure is not None:
            done.set_exception(self._failure)
        else:
            self._waiters.append((event, check, done))
        return done

    def _notify(self, event: str, subject: Any) -> None:
        for waiter in [w for w in self._waiters if w[0] == event]:
            if waiter[1](subject):
                self._waiters.remove(waiter)
                if not waiter[2].done():
                    waiter[2].set_result(self.run_size)

    # ---- what the phone receives -----------------------------------------------------------

    async def _read(self) -> None:
        try:
            async for raw in self._ws:
                message = ForwardMsg()
                message.ParseFromString(raw)
                self.received += 1
                self.received_bytes += len(raw)
                self._apply(message)
        except Exception as error:  # the connection or the page failed: tell whoever waits
            self._failure = error
        else:
            self._failure = ConnectionError("the server closed the connection")
        for _, _, done in self._waiters:
            if not done.done():
                done.set_exception(self._failure)
        self._waiters.clear()

    def _apply(self, message: ForwardMsg) -> None:
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self._run = message.metadata.run.script_run_id
            self._run_fragments = tuple(message.metadata.run.fragment_ids)
        elif kind == "navigation":
            self.page_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "auto_rerun":
            self._start_polling(message.auto_rerun.fragment_id, message.auto_rerun.interval)
        elif kind == "stop_auto_rerun":
            for fragment in message.stop_auto_rerun.fragment_ids:
                stopped = self._polls.pop(fragment, None)
                if stopped is not None:
                    stopped[1].cancel()
        elif kind == "delta":
            delta = message.delta
            path = tuple(message.metadata.delta_path)
            if delta.WhichOneof("type") == "new_element":
                self._draw(path, delta.new_element, delta.fragment_id)
            elif delta.WhichOneof("type") == "add_block":
                self.page[path] = Drawn("block", "", "", delta.fragment_id, self._run, "", None)
        elif kind == "script_finished":
            status = message.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise AppError("the script failed to compile")
            now = (self.received, self.received_bytes)
            self.run_size = (now[0] - self._at_last_end[0], now[1] - self._at_last_end[1])
            self._at_last_end = now
            if status in (ForwardMsg.FINISHED_SUCCESSFULLY,
                          ForwardMsg.FINISHED_FRAGMENT_RUN_SUCCESSFULLY):
                self._clear_stale(whole_page=status == ForwardMsg.FINISHED_SUCCESSFULLY)
                self._notify("finished", self)
            # Finished early for a rerun (st.switch_page, st.rerun): the next run follows.

    def _draw(self, path: tuple[int, ...], element: Any, fragment: str) -> None:
        """Note a drawn element and the widget state the browser would hold for it; fail on an
        error shown."""
        kind = element.WhichOneof("type")
        proto = getattr(element, kind)
        if kind == "exception":
            raise AppError(f"exception on the page: {proto.type} {proto.message}")
        if kind == "alert" and proto.format == Alert.ERROR:
            raise AppError(f"error on the page: {proto.body}")
        widget_id = getattr(proto, "id", "")
        if not (isinstance(widget_id, str) and widget_id.startswith("$$ID-")):
            widget_id = ""
        key = widget_id.split("-", 2)[-1]  # "$$ID-<hash>-<user key>"
        if kind == "number_input" and (proto.set_value or widget_id not in self.held):
            value = proto.value if proto.set_value else proto.default
            self.held[widget_id] = WidgetState(id=widget_id, int_value=int(value))
        elif kind == "button_group" and (proto.set_value or widget_id not in self.held):
            labels = (list(proto.raw_values) if proto.set_value
                      else [proto.options[i].content for i in proto.default])
            self.held[widget_id] = WidgetState(id=widget_id,
                                               string_array_value=StringArray(data=labels))
        if kind == "bidi_component" and proto.component_name == WATCHER:
            self._watch(json.loads(proto.json))
        text = str(getattr(proto, TEXT_FIELDS[kind])) if kind in TEXT_FIELDS else ""
        drawn = Drawn(kind, key, widget_id, fragment, self._run, text, proto)
        self.page[path] = drawn
        self._notify("drawn", drawn)

    def _clear_stale(self, whole_page: bool) -> None:
        """At the end of a run, what it did not draw again goes (as the frontend clears it): the
        whole page's after a full run, the fragment's after a fragment's run; so do the states of
        widgets no longer on the page."""
        self.page = {path: drawn for path, drawn in self.page.items()
                     if drawn.run == self._run
                     or not (whole_page or drawn.fragment in self._run_fragments)}
        if whole_page:
            drawn_ids = {drawn.widget_id for drawn in self.page.values()}
            self.held = {widget: state for widget, state in self.held.items()
                         if widget in drawn_ids}

    def _start_polling(self, fragment: str, interval: float) -> None:
        """Rerun ``fragment`` every ``interval`` seconds, as the browser's timer does."""
        if not fragment or self._polls.get(fragment, (None,))[0] == interval:
            return
        if fragment in self._polls:
            self._polls[fragment][1].cancel()

        async def poll() -> None:
            with suppress(websockets.ConnectionClosed):
                while True:
                    await asyncio.sleep(interval)
                    await self.rerun(fragment=fragment, auto=True)

        self._polls[fragment] = (interval, asyncio.create_task(poll()))

    def _watch(self, data: dict[str, Any]) -> None:
        """Run the page's watcher as the browser does: a GET of its address every ``every``
        seconds on one kept-alive connection; a run of the whole page when the answer is not
        the stamp the page was drawn with (its trigger has no callback: the run is the same)."""
        self._watched = data["stamp"]
        if self._watcher is not None:
            return
        request = (f"GET /{data['url']} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\n"
                   "Accept-Encoding: gzip, deflate\r\n\r\n").encode()

        async def check(connection: tuple[asyncio.StreamReader, asyncio.StreamWriter]) -> str:
            # The answer is the middleware's: a plain text with its Content-Length, never chunked.
            reader, writer = connection
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            found = re.search(rb"(?im)^content-length:\s*(\d+)", head)
            body = await reader.readexactly(int(found.group(1)) if found else 0)
            self.checks = (self.checks[0] + 1, self.checks[1] + len(head) + len(body))
            self._notify("checked", self)
            return body.decode().strip()

        async def watch() -> None:
            connection = None
            try:
                connection = await asyncio.open_connection(HOST, self.port)
                while True:
                    await asyncio.sleep(data["every"])
                    try:
                        stamp = await check(connection)
                    except (asyncio.IncompleteReadError, ConnectionError):
                        # The server closed the idle connection (after 5 s, as uvicorn does):
                        # the browser opens another and asks again.
                        connection[1].close()
                        connection = await asyncio.open_connection(HOST, self.port)
                        stamp = await check(connection)
                    if stamp != self._watched:
                        await self.rerun()
            except Exception as error:  # a phone that stopped checking would flatter the server
                self.watch_failed = error
            finally:
                if connection is not None:
                    connection[1].close()

        self._watcher = asyncio.create_task(watch())


# ---- the two apps --------------------------------------------------------------------------

@dataclass
class Timings:
    """One participant's journey: seconds per step, and when the vote was confirmed."""

    token: str
    join_page: float
    vote_page: float
    bean_taps: list[float]
    confirmation: float
    confirmed_at: float  # time.time()


@dataclass
class Plan:
    """What every simulated participant does."""

    port: int
    beans: int
    arrival_rate: float  # participants per second; 0: all at once
    think: float  # seconds before each tap


@dataclass
class App:
    """A server to run the journey on: how to start it, how its phone places a bean, what it
    says once a vote is sent, and how to check its store."""

    name: str
    script: str
    folder: Path
    confirmation: str
    place_bean: Callable[[Phone, random.Random, int, int], Awaitable[None]]
    env: dict[str, str] = field(default_factory=dict)
    store_url: str = ""


async def project_bean(phone: Phone, rng: random.Random, placed: int, beans: int) -> None:
    """The "+" of a random item's number box: the box's new integer, sent with the vote
    fragment's id; done when the page says how many beans are left."""
    boxes = [drawn for key, drawn in phone.widgets().items()
             if key.startswith(f"beans|{EXERCISE}|")
             and phone.held[drawn.widget_id].int_value < drawn.proto.max]
    box = rng.choice(boxes)
    left = f"{beans - placed} of {beans} beans left"
    shown = phone.finished(lambda p: p.shows(left))
    await phone.set_number(box.key, phone.held[box.widget_id].int_value + 1)
    await shown


async def floor_bean(phone: Phone, rng: random.Random, placed: int, beans: int) -> None:
    """A random item's "+" button; done when the page shows the item's new count."""
    plus = sorted(key for key in phone.widgets() if key.startswith(f"plus|vote|{EXERCISE}|"))
    key = rng.choice(plus)
    item = key.rsplit("|", 1)[1]
    phone.placed[item] += 1
    count = f"{item}: {phone.placed[item]}"
    shown = phone.finished(lambda p: any(drawn.text == count for drawn in p.page.values()))
    await phone.tap(key)
    await shown


async def open_join_page(phone: Phone) -> float:
    """Open ``/?w=KAHUZ``; the seconds until the join page, with its groups, is drawn."""
    start = time.perf_counter()
    phone.stage = "join page"
    await phone.open()
    shown = phone.finished(lambda p: any(k.startswith(GROUP_PREFIX) for k in p.widgets()))
    await phone.rerun()
    await shown
    return time.perf_counter() - start


async def journey(app: App, phone: Phone, index: int, plan: Plan,
                  steps: dict[str, tuple[int, int]] | None = None) -> Timings:
    """Join, pick a group, place every bean, send the vote. ``steps``, if given, gets the
    messages and bytes each step received."""
    def count(step: str, before: tuple[int, int]) -> tuple[int, int]:
        now = (phone.received, phone.received_bytes)
        if steps is not None:
            steps[step] = (now[0] - before[0], now[1] - before[1])
        return now

    mark = (0, 0)
    await asyncio.sleep(index / plan.arrival_rate if plan.arrival_rate else 0)
    join_page = await open_join_page(phone)
    mark = count("join page", mark)

    groups = sorted(key for key in phone.widgets() if key.startswith(GROUP_PREFIX))
    phone.stage = "vote page"
    await asyncio.sleep(plan.think)
    start = time.perf_counter()
    shown = phone.finished(lambda p: SUBMIT in p.widgets() or PROFILE_SKIP in p.widgets())
    await phone.tap(groups[index % len(groups)])
    await shown
    if PROFILE_SKIP in phone.widgets():
        shown = phone.finished(lambda p: SUBMIT in p.widgets())
        await phone.tap(PROFILE_SKIP)
        await shown
    vote_page = time.perf_counter() - start
    mark = count("group tap → vote page", mark)

    rng = random.Random(index)
    phone.stage = "bean taps"
    bean_taps = []
    for placed in range(1, plan.beans + 1):
        await asyncio.sleep(plan.think)
        start = time.perf_counter()
        await app.place_bean(phone, rng, placed, plan.beans)
        bean_taps.append(time.perf_counter() - start)
        if placed == 1:
            mark = count("bean tap", mark)
    mark = (phone.received, phone.received_bytes)

    await asyncio.sleep(plan.think)
    phone.stage = "confirmation"
    start = time.perf_counter()
    confirmed = phone.drawn(lambda drawn: app.confirmation.casefold() in drawn.text.casefold())
    finished = phone.finished(lambda p: p.shows(app.confirmation))
    await phone.tap(SUBMIT)
    await confirmed
    confirmation = time.perf_counter() - start
    confirmed_at = time.time()
    await finished
    count("send → confirmation (whole run)", mark)
    return Timings(phone.token, join_page, vote_page, bean_taps, confirmation, confirmed_at)


async def one_poll(phone: Phone, steps: dict[str, tuple[int, int]]) -> None:
    """Messages and bytes of the page's next automatic rerun, if the page polls; of the
    watcher's next check (one answer, its bytes), if the page has one."""
    if phone.watching:
        await phone.checked()
        steps["a check of what is open (idle phone; a web request)"] = (1, phone.checks[1]
                                                                        // phone.checks[0])
    elif phone.polling:
        steps["a poll (idle phone)"] = await phone.finished(lambda p: True)


# ---- the presenter -------------------------------------------------------------------------

SAMPLER = """([pattern, every]) => {
    const counting = new RegExp(pattern);
    window.__counts = [];
    let last = null;
    const sample = () => {
        const found = counting.exec(document.body.textContent || "");
        const count = found ? Number(found[1]) : null;
        if (count !== null && count !== last) {
            window.__counts.push([Date.now() / 1000, count]);
            last = count;
        }
    };
    sample();
    setInterval(sample, every);
}"""


def readme_pin() -> str:
    """The sample workshops' PIN, as the README's start section gives it."""
    found = README_PIN.search((REPO / "README.md").read_text(encoding="utf-8"))
    if found is None:
        raise RuntimeError("README.md gives no sample PIN (\"PIN, `....`\")")
    return found.group(1)


class Presenter:
    """A facilitator's laptop: headless Chromium signed in, showing the presenter view; the
    page itself notes every change of its voter count, with the time."""

    def __init__(self) -> None:
        self._playwright: Any = None
        self._browser: Any = None
        self.page: Any = None

    async def open(self, base_url: str, pin: str) -> None:
        from playwright.async_api import async_playwright  # only when a presenter is wanted

        self._playwright = await async_playwright().start()
        self._browser = await self._playwright.chromium.launch(executable_path=CHROMIUM,
                                                               args=CHROMIUM_ARGS)
        context = await self._browser.new_context(viewport={"width": 1920, "height": 1080})
        page = self.page = await context.new_page()
        page.set_default_timeout(PRESENTER_TIMEOUT * 1000)
        await page.goto(f"{base_url}/facilitator")
        workshop = page.get_by_role("combobox", name="Workshop")
        if not (await workshop.input_value()).endswith(f"({CODE})"):
            await workshop.click()
            await page.get_by_role("option", name=f"({CODE})").click()
        await page.get_by_label("Facilitator PIN", exact=True).fill(pin)
        await page.get_by_test_id("stFormSubmitButton").get_by_role("button", name="Open").click()
        await page.get_by_role("link", name="Presenter view").locator("visible=true").first.click()
        await page.get_by_text(re.compile(PRESENTER_COUNT)).first.wait_for()
        await page.evaluate(SAMPLER, [PRESENTER_COUNT, PRESENTER_SAMPLE_MS])

    async def counts(self) -> list[tuple[float, int]]:
        """Every change of the voter count so far: (time.time(), count)."""
        return [(moment, count) for moment, count in await self.page.evaluate("window.__counts")]

    async def wait_for(self, count: int, deadline: float) -> None:
        """Until the page shows ``count`` voters, or ``deadline`` (time.time())."""
        while time.time() < deadline and (await self.counts())[-1][1] < count:
            await asyncio.sleep(0.2)

    async def close(self) -> None:
        if self._browser is not None:
            await self._browser.close()
        if self._playwright is not None:
            await self._playwright.stop()


def chromium_cpu() -> float:
    """CPU seconds of the Chromium processes this process started (the presenter's)."""
    total = 0.0
    for child in psutil.Process().children(recursive=True):
        with suppress(psutil.Error):
            if "chrom" in child.name():
                times = child.cpu_times()
                total += times.user + times.system
    return total


@dataclass
class PresenterFigures:
    """What the presenter showed while the room voted."""

    alone_cpu: float  # server CPU per second with the presenter alone watching
    longest_still: float | None  # s its count stood still while votes arrived
    still_from: int | None  # the count it stood still at
    lag: float | None  # s from the last confirmation to the final count (None: never shown)
    final: int
    shown: int
    browser_cpu: float


def presenter_figures(counts: list[tuple[float, int]], confirmed: list[float], final: int,
                      alone_cpu: float, browser_cpu: float) -> PresenterFigures:
    """The longest the count stood still while a vote had arrived that it did not show yet, and
    how long after the last confirmation it showed the final count."""
    confirmed = sorted(confirmed)
    changes = [moment for moment, _ in counts]
    longest, still_at = None, None
    for index, (moment, count) in enumerate(counts):
        following = changes[index + 1] if index + 1 < len(changes) else None
        waiting = [c for c in confirmed if c >= moment and (following is None or c < following)]
        if not waiting:
            continue
        end = following if following is not None else time.time()
        still = end - waiting[0]
        if longest is None or still > longest:
            longest, still_at = still, count
    shown_final = next((moment for moment, count in counts if count >= final), None)
    lag = None if shown_final is None or not confirmed else max(0.0, shown_final - confirmed[-1])
    return PresenterFigures(alone_cpu, longest, still_at, lag, final, counts[-1][1] if counts
                            else 0, browser_cpu)


# ---- one server under the room -------------------------------------------------------------

@dataclass
class Run:
    """One app's run: everyone's outcome and the server's figures."""

    app: App
    outcomes: list[Timings | BaseException]
    through: float  # s from the room's start to the last confirmation
    cpu: float  # server CPU s while the room went through
    idle_cpu: float  # server CPU s per s with the whole room connected and nobody tapping
    peak_mb: float
    warm_up: float
    steps: dict[str, tuple[int, int]]
    load: tuple[float, float]  # load average at the start and at the end
    tracebacks: Counter[str] = field(default_factory=Counter)
    store_ok: bool = False
    store_text: str = ""
    presenter: PresenterFigures | None = None
    watchers_failed: list[str] = field(default_factory=list)  # phones whose watcher stopped

    @property
    def done(self) -> list[Timings]:
        return [outcome for outcome in self.outcomes if isinstance(outcome, Timings)]


async def participant(app: App, phone: Phone, index: int, plan: Plan, deadline: float
                      ) -> Timings:
    """One phone's journey by ``deadline`` (event-loop time)."""
    try:
        async with asyncio.timeout_at(deadline):
            return await journey(app, phone, index, plan)
    except TimeoutError as error:
        raise JourneyFailed(f"{phone.stage}: still waiting at the deadline") from error
    except Exception as error:
        raise JourneyFailed(f"{phone.stage}: {type(error).__name__}: {error}"[:150]) from error


async def room(app: App, server: subprocess.Popen[bytes], base_url: str, participants: int,
               plan: Plan, timeout: float, presenter_wanted: bool) -> Run:
    """The warm-up phone, the presenter (if wanted), then the room; the server's figures are
    read once everyone is through, before the phones close."""
    load_start = os.getloadavg()[0]
    steps: dict[str, tuple[int, int]] = {}
    first = Phone(plan.port)
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT):
            first_done = await journey(app, first, 0, Plan(plan.port, plan.beans, 0, 0), steps)
            await one_poll(first, steps)
    finally:
        await first.close()
    presenter, figures = None, None
    try:
        if presenter_wanted:
            presenter = Presenter()
            await presenter.open(base_url, readme_pin())
            before = server_usage(server.pid)[1]
            await asyncio.sleep(PRESENTER_ALONE)
            alone_cpu = (server_usage(server.pid)[1] - before) / PRESENTER_ALONE
            baseline = (await presenter.counts())[-1][1]
            browser_cpu = chromium_cpu()
        phones = [Phone(plan.port) for _ in range(participants)]
        deadline = asyncio.get_running_loop().time() + timeout
        cpu_before = server_usage(server.pid)[1]
        start = time.time()
        try:
            outcomes = await asyncio.gather(
                *(participant(app, phone, i + 1, plan, deadline) for i, phone in enumerate(phones)),
                return_exceptions=True)
            peak_mb, cpu_after = server_usage(server.pid)
            await asyncio.sleep(IDLE)  # every phone still there: what polling costs
            idle_cpu = (server_usage(server.pid)[1] - cpu_after) / IDLE
            watchers_failed = [repr(phone.watch_failed) for phone in phones
                               if phone.watch_failed is not None]
        finally:
            await asyncio.gather(*(phone.close() for phone in phones))
        confirmed = [o.confirmed_at for o in outcomes if isinstance(o, Timings)]
        last = max(confirmed, default=time.time())
        if presenter is not None:
            final = baseline + len(confirmed)
            await presenter.wait_for(final, last + PRESENTER_GRACE)
            figures = presenter_figures(await presenter.counts(), confirmed, final, alone_cpu,
                                        chromium_cpu() - browser_cpu)
    finally:
        if presenter is not None:
            await presenter.close()
    return Run(app, [*outcomes, first_done], last - start, cpu_after - cpu_before, idle_cpu,
               peak_mb, first_done.join_page, steps, (load_start, os.getloadavg()[0]),
               presenter=figures, watchers_failed=watchers_failed)


def free_port() -> int:
    """A TCP port nobody listens on at the moment."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start_server(app: App, port: int, log: Any) -> subprocess.Popen[bytes]:
    """``python -m streamlit run <script>`` on 127.0.0.1:``port``; output to ``log``."""
    command = [sys.executable, "-m", "streamlit", "run", app.script, "--server.address", HOST,
               "--server.port", str(port), "--server.headless", "true"]
    return subprocess.Popen(command, cwd=app.folder, env={**os.environ, **app.env},
                            stdout=log, stderr=subprocess.STDOUT)


def wait_until_healthy(server: subprocess.Popen[bytes], port: int) -> None:
    """Poll ``/_stcore/health`` until it answers; fail if the server exits or takes too long."""
    deadline = time.monotonic() + HEALTH_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"the server exited with status {server.returncode}")
        try:
            with LOCAL_ONLY.open(f"http://{HOST}:{port}/_stcore/health", timeout=1) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the server did not answer its health check within {HEALTH_TIMEOUT} s")


def stop_server(server: subprocess.Popen[bytes]) -> None:
    """Stop the server, killing it if it does not stop within 10 s."""
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def server_usage(pid: int) -> tuple[float, float]:
    """The process's peak resident memory (MB; Linux's VmHWM, else the current RSS) and its CPU
    time so far (s)."""
    process = psutil.Process(pid)
    times = process.cpu_times()
    status = Path(f"/proc/{pid}/status")
    if status.exists():
        peak_kb = next(int(line.split()[1]) for line in status.read_text().splitlines()
                       if line.startswith("VmHWM:"))
        return peak_kb / 1024, times.user + times.system
    return process.memory_info().rss / 2**20, times.user + times.system


def server_errors(log: str, folder: Path) -> Counter[str]:
    """The tracebacks in a server's log, as "error (at the innermost line of the app's code)"."""
    errors: Counter[str] = Counter()
    inside, where = False, "no line of the app's"
    for line in log.splitlines():
        if line.startswith("Traceback"):
            inside, where = True, "no line of the app's"
        elif inside and line.strip().startswith(f'File "{folder}/'):
            where = line.strip().removeprefix(f'File "{folder}/').replace('", line ', ":")
        elif inside and not line.startswith(" "):
            errors[f"{line.strip()[:100]} (at {where})"] += 1
            inside = False
    return errors


def check_project_store(app: App, tokens: list[str]) -> tuple[bool, str]:
    """Read the store directly: one new ballot per finished participant, no other new one."""
    sample = {b.participant for b in read_workshop(SAMPLE).exercise(EXERCISE).ballots}
    new = Counter(ballot.participant for _, ballot in Store(app.store_url).ballots(CODE, EXERCISE)
                  if ballot.participant not in sample)
    once = sum(new[token] == 1 for token in tokens)
    ok = once == len(tokens) == sum(new.values())
    return ok, (f"{sum(new.values())} new ballots, {once} of {len(tokens)} finished phones "
                f"exactly once")


def check_floor_store(database: Path, finished: int) -> tuple[bool, str]:
    """The floor's store: one ballot per finished participant, each from a different one."""
    with sqlite3.connect(database) as connection:
        ballots, tokens = connection.execute(
            "SELECT count(*), count(DISTINCT token) FROM ballots").fetchone()
    ok = ballots == tokens == finished
    return ok, f"{ballots} ballots from {tokens} participants, {finished} finished phones"


def run_app(app: App, args: argparse.Namespace, beans: int, folder: Path) -> Run:
    """Start ``app`` with its own store, send the room, stop it; its figures."""
    port = free_port()
    print(f"{app.name}: {app.folder / app.script} on port {port}, load average "
          f"{os.getloadavg()[0]:.1f}", flush=True)
    with open(folder / f"{app.name}.log", "w+") as log:
        server = start_server(app, port, log)
        try:
            wait_until_healthy(server, port)
            plan = Plan(port, beans, args.arrival_rate, args.think)
            run = asyncio.run(room(app, server, f"http://{HOST}:{port}", args.participants, plan,
                                   args.timeout, args.presenter and app.name == "project"))
        finally:
            stop_server(server)
        log.seek(0)
        run.tracebacks = server_errors(log.read(), app.folder)
    if app.name == "project":
        run.store_ok, run.store_text = check_project_store(app, [t.token for t in run.done])
    else:
        run.store_ok, run.store_text = check_floor_store(Path(app.env["FLOOR_DB"]),
                                                         len(run.done))
    return run


# ---- the report ----------------------------------------------------------------------------

def median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def p95(values: list[float]) -> float | None:
    """The 95th percentile, nearest rank."""
    return sorted(values)[math.ceil(0.95 * len(values)) - 1] if values else None


def seconds(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f} s"


def ratio(mine: float | None, floor: float | None) -> str:
    return "-" if mine is None or not floor else f"{mine / floor:.1f}×"


def report(runs: dict[str, Run], participants: int) -> None:
    """The side-by-side table (Markdown, ready for docs/hotspot.md), then each run's errors and
    the presenter's figures."""
    order = [name for name in ("project", "floor") if name in runs]
    both = len(order) == 2

    def row(title: str, cells: list[str], values: list[float | None] | None = None) -> None:
        compared = [ratio(values[0], values[1]) if values else ""] if both else []
        print(" | ".join([title, *cells, *compared]))

    def timed(title: str, measure: Callable[[Run], float | None]) -> None:
        values = [measure(runs[name]) for name in order]
        row(title, [seconds(value) for value in values], values)

    print()
    header = [f"{participants} phones", *order, *(["project / floor"] if both else [])]
    print(" | ".join(header))
    print(" | ".join(["---"] * len(header)))
    row("finished", [f"{len(runs[name].done) - 1} of {participants}" for name in order])
    cpu = [runs[name].cpu / participants for name in order]
    # Three decimals: the target compares the project's own at 300 with its own at 30.
    row("server CPU per participant", [f"{value:.3f} s" for value in cpu], [*cpu])
    timed("send → confirmation, median", lambda r: median([t.confirmation for t in r.done]))
    timed("send → confirmation, p95", lambda r: p95([t.confirmation for t in r.done]))
    timed("bean tap → shown, median", lambda r: median([s for t in r.done for s in t.bean_taps]))
    timed("bean tap → shown, p95", lambda r: p95([s for t in r.done for s in t.bean_taps]))
    timed("join page, median", lambda r: median([t.join_page for t in r.done]))
    timed("group tap → vote page, median", lambda r: median([t.vote_page for t in r.done]))
    timed("room through (to the last confirmation)", lambda r: r.through)
    idle = [runs[name].idle_cpu for name in order]
    row(f"room idle afterwards ({IDLE} s): server CPU s per s",
        [f"{value:.2f}" for value in idle])  # no ratio: the floor's phones do not poll
    peaks = [runs[name].peak_mb for name in order]
    row("peak RSS", [f"{peak:.0f} MB" for peak in peaks], [*peaks])
    steps = list(dict.fromkeys(step for name in order for step in runs[name].steps))
    for step in steps:
        cells = [runs[name].steps.get(step) for name in order]
        row(f"messages: {step}", ["-" if c is None else f"{c[0]} ({c[1] / 1024:.1f} KB)"
                                  for c in cells], [c[0] if c else None for c in cells])
    row("every ballot stored once", [f"{'OK' if runs[name].store_ok else 'MISMATCH'}"
                                     for name in order])
    row("load average, start → end", [f"{runs[name].load[0]:.1f} → {runs[name].load[1]:.1f}"
                                      for name in order])
    print("(messages: what the server sent one phone, alone on the server before the room, for "
          "each step; CPU and times: the room's phones)")
    for name in order:
        run = runs[name]
        errors = Counter(str(o) if isinstance(o, JourneyFailed) else repr(o)
                         for o in run.outcomes if not isinstance(o, Timings))
        print(f"\n{name}: store: {run.store_text}; first join page on a fresh server "
              f"{run.warm_up:.2f} s; {sum(errors.values())} phones failed, "
              f"{sum(run.tracebacks.values())} tracebacks in the server's log, "
              f"{len(run.watchers_failed)} phones stopped checking what is open")
        for error, count in [*errors.most_common(10), *run.tracebacks.most_common(10),
                             *Counter(run.watchers_failed).most_common(3)]:
            print(f"  {count:4d} x {error}")
        figures = run.presenter
        if figures is not None:
            still = ("-" if figures.longest_still is None else
                     f"{figures.longest_still:.1f} s (at {figures.still_from} voters)")
            lag = (f"{figures.lag:.1f} s" if figures.lag is not None else
                   f"not within {PRESENTER_GRACE} s (showed {figures.shown} of {figures.final})")
            print(f"presenter (Chromium, 1920×1080): longest stand-still while votes arrived "
                  f"{still}; the final count ({figures.final}) shown {lag} after the last "
                  f"confirmation. Alone, it costs the server {figures.alone_cpu:.2f} CPU s per "
                  f"second (inside the project's CPU above); its browser used "
                  f"{figures.browser_cpu:.1f} CPU s during the room.")
    client = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
    print(f"\nthis client: {client:.1f} CPU s in all (it shares the machine: phones and server "
          f"compete for {os.cpu_count()} cores)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100, help="phones (default 100)")
    parser.add_argument("--arrival-rate", type=float, default=0,
                        help="participants arriving per second (default 0: all at once)")
    parser.add_argument("--think", type=float, default=0,
                        help="seconds each phone waits before each tap (default 0)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds the whole room has to get through, per app (default 300)")
    parser.add_argument("--only", choices=("project", "floor"), help="run one app only")
    parser.add_argument("--no-presenter", dest="presenter", action="store_false",
                        help="no Chromium presenter during the project's run")
    parser.add_argument("--floor-app", type=Path, default=FLOOR_APP,
                        help=f"the floor app's folder (default {FLOOR_APP})")
    args = parser.parse_args()
    if args.presenter and args.only != "floor" and not Path(CHROMIUM).exists():
        parser.error(f"the presenter needs {CHROMIUM} (Debian's chromium): install it, or "
                     "run with --no-presenter")
    if args.only != "project" and not (args.floor_app / "app.py").is_file():
        parser.error(f"no floor app at {args.floor_app} (give its folder with --floor-app)")
    if args.participants < 1 or args.timeout <= 0 or args.arrival_rate < 0 or args.think < 0:
        parser.error("participants and timeout must be positive, arrival rate and think >= 0")
    beans = read_workshop(SAMPLE).exercise(EXERCISE).design.beans
    arrival = f"{args.arrival_rate:g} per second" if args.arrival_rate else "all at once"
    print(f"{args.participants} phones ({arrival}, think {args.think:g} s), {beans} bean taps "
          f"each; Streamlit {streamlit.__version__}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} before the start", flush=True)
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        apps = {
            "floor": App("floor", "app.py", args.floor_app.resolve(), "Your vote is recorded",
                         floor_bean, {"FLOOR_DB": str(folder / "floor.sqlite3")}),
            "project": App("project", "serve.py", REPO,
                           "Your answers are recorded. You can change them while voting is open.",
                           project_bean, store_url=f"sqlite:///{folder}/store.sqlite3"),
        }
        apps["project"].env = {"ASM_STORE_URL": apps["project"].store_url}
        runs = {name: run_app(app, args, beans, folder) for name, app in apps.items()
                if args.only in (None, name)}
    report(runs, args.participants)
    ok = all(run.store_ok and len(run.done) == args.participants + 1 and not run.watchers_failed
             for run in runs.values())
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
