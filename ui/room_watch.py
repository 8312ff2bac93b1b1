"""How a phone learns that the facilitator opened or closed an exercise, at the cost of a plain
web request, not a run of the page.

A phone's page holds a small script (a Streamlit component with no look) that asks the laptop
every few seconds for the room's *open stamp*: a short fingerprint of which exercises are open to
phones. The server that ``serve.py`` starts answers it before Streamlit does (``OpenStamps``), from
one query a second per workshop however many phones ask. Only when the stamp differs from the one
the page was drawn with does the script ask Streamlit to run the page again. A room of phones
waiting, or done with the open exercise, then costs the laptop a few bytes a check instead of a
run of the page each (about 3 ms of Streamlit's machinery even for a run that draws nothing).
Measured with ``bench/load_app.py``: with checks as runs of the page, the server's CPU per
participant at 300 phones was 1.3× its own at 30; with checks as web requests, 1.07×
(``docs/hotspot.md``).

The stamp tells whoever asks only whether something changed: not which exercises are open, nor
whether a workshop with that code exists (an unknown code has the stamp of a workshop with
nothing open).
"""

from __future__ import annotations

import hashlib
import re
import time
from collections.abc import Sequence

import streamlit as st
from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from engine.core.store import Store
from engine.core.types import JOIN_CODE_PATTERN

CHECK_SECONDS = 5  # how often a phone asks; the room follows the facilitator within this
FRESH_SECONDS = 1.0  # how long the server answers from the stamp it read last
ROUTE = re.compile(rf"/_room/({JOIN_CODE_PATTERN.strip('^$')})/open$")
KEY = "room_watch"  # the component's key on the page (phone.css hides its empty box)

# The page's script. It keeps its state on its element, so that it runs one timer however
# often Streamlit calls it again, and asks for one run per new stamp (a rerun still on its way
# is not asked for twice). A request the hotspot drops is asked again at the next check. An
# answer that is no stamp is Streamlit's page: the app was started without serve.py
# (``streamlit run app.py``), and the page then runs again at every check, as a timer would.
_SCRIPT = """
export default function ({ data, parentElement, setTriggerValue }) {
  const watch = parentElement.roomWatch ??= { asked: null };
  Object.assign(watch, { drawn: data.stamp, trigger: setTriggerValue });
  if (!watch.timer) {
    const url = new URL(data.url, document.baseURI);
    watch.timer = setInterval(async () => {
      try {
        const answer = (await (await fetch(url, { cache: "no-store" })).text()).trim();
        const stamp = /^[0-9a-f]{16}$/.test(answer) ? answer : String(Date.now());
        if (stamp !== watch.drawn && stamp !== watch.asked) {
          watch.asked = stamp;
          watch.trigger("changed", stamp);
        }
      } catch (dropped) {}
    }, data.every * 1000);
  }
  return () => { clearInterval(watch.timer); watch.timer = null; };
}
"""
_component = st.components.v2.component("asm_room_watch", js=_SCRIPT, isolate_styles=False)


def open_stamp(open_ids: Sequence[str]) -> str:
    """The fingerprint of the exercises open to phones, in order (the empty list's for none):
    16 hexadecimal digits, by which the page's script knows a stamp from anything else."""
    return hashlib.blake2b("\n".join(open_ids).encode(), digest_size=8).hexdigest()


def address(code: str) -> str:
    """Where a page asks for the room's stamp, relative to the page's own address."""
    return f"_room/{code}/open"


def watch_the_room(code: str, open_ids: Sequence[str]) -> None:
    """Put the watcher on the page: the page runs again once the exercises open to phones are
    no longer ``open_ids``. It draws nothing."""
    _component(key=KEY, data={"url": address(code), "stamp": open_stamp(open_ids),
                              "every": CHECK_SECONDS}, height=0)


class OpenStamps:
    """ASGI middleware: answers ``GET …/_room/<code>/open`` with the room's open stamp, from a
    store of its own (the one ``ASM_STORE_URL`` names, as the app's); every other request goes to
    Streamlit untouched."""

    MAX_REMEMBERED = 256  # workshops whose stamp is kept: a bound, whatever codes are asked for

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._store: Store | None = None
        self._read_at: dict[str, tuple[float, str]] = {}  # code -> (time.monotonic(), stamp)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        asked = ROUTE.search(scope["path"]) if scope["type"] == "http" else None
        if asked is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        stamp = await self.stamp(asked.group(1))
        await PlainTextResponse(stamp, headers={"Cache-Control": "no-store"})(scope, receive, send)

    async def stamp(self, code: str) -> str:
        now = time.monotonic()
        read = self._read_at.get(code)
        if read is not None and now - read[0] < FRESH_SECONDS:
            return read[1]
        # The query waits on the database: off the server's event loop, which serves the phones.
        stamp = open_stamp(await run_in_threadpool(self._open_ids, code))
        if len(self._read_at) >= self.MAX_REMEMBERED:
            self._read_at.clear()
        self._read_at[code] = (now, stamp)
        return stamp

    def _open_ids(self, code: str) -> tuple[str, ...]:
        if self._store is None:
            self._store = Store()
        return self._store.open_exercises(code)
