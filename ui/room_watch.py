"""How a phone learns that the facilitator opened or closed an exercise, at the cost of a plain
web request, not a run of the page.

A phone's page holds a small script (a Streamlit component with no look) that asks the laptop
every few seconds for the room's *open stamp*: a short fingerprint of which exercises are open to
phones. The server that ``serve.py`` starts answers it before Streamlit does (``OpenStamps``),
from one query a second for every workshop on the laptop, however many phones ask. Only when the
stamp differs from the one the page was drawn with does the script ask Streamlit to run the page
again. A room of phones waiting, or done with the open exercise, then costs the laptop a few
bytes a check instead of a run of the page each (about 3 ms of Streamlit's machinery even for a
run that draws nothing). Measured with ``bench/load_app.py``: with checks as runs of the page,
the server's CPU per participant at 300 phones was 1.3× its own at 30; with checks as web
requests, 0.9–1.07× over five runs (``docs/hotspot.md``).

Whoever asks learns no more than the join page tells: whether a workshop with that code has
something open (an unknown code has the stamp of a workshop with nothing open), and when that
changes.
"""

from __future__ import annotations

import hashlib
import re
import time
from asyncio import Lock
from collections.abc import Sequence

import streamlit as st
from sqlalchemy.exc import SQLAlchemyError
from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from engine.core.store import Store
from engine.core.types import JOIN_CODE_PATTERN

CHECK_SECONDS = 5  # how often a phone asks; the room follows the facilitator within this
FRESH_SECONDS = 1.0  # how long the server answers from the stamps it read last
NOT_KEPT = {"Cache-Control": "no-store"}  # never an old answer from a phone's cache
ROUTE = re.compile(rf"/_room/({JOIN_CODE_PATTERN.strip('^$')})/open$")
KEY = "room_watch"  # the component's key on the page (phone.css hides its empty box)

# The page's script. Streamlit calls it again whenever the page's data changes (a new stamp),
# so it keeps its state on its element and runs one chain of checks however often it is called;
# a cleanup ends the chain only if it belongs to the latest call (an earlier call's cleanup can
# come after it). Each check waits for the last one's answer, at most one interval: a hotspot
# that drops requests never piles them up. A stamp that differs from the one drawn asks for a
# run; so does Streamlit's own page where a stamp should be (the app started without serve.py,
# ``streamlit run app.py``: the page then runs at every check, as a timer would). Any other
# answer, or none, is ignored until the next check.
_SCRIPT = """
export default function ({ data, parentElement, setTriggerValue }) {
  const watch = (parentElement.roomWatch ??= { calls: 0, chain: null });
  const call = ++watch.calls;
  Object.assign(watch, { drawn: data.stamp, trigger: setTriggerValue });
  if (!watch.chain) {
    const chain = (watch.chain = {});
    const url = new URL(data.url, document.baseURI);
    const every = data.every * 1000;
    const check = async () => {
      try {
        const signal = AbortSignal.timeout?.(every);
        const answer = await fetch(url, { cache: "no-store", signal });
        const text = answer.ok ? (await answer.text()).trim() : "";
        const page = answer.ok && answer.headers.get("content-type")?.startsWith("text/html");
        const stamp = /^[0-9a-f]{16}$/.test(text) ? text : page ? String(Date.now()) : null;
        if (watch.chain === chain && stamp && stamp !== watch.drawn) {
          watch.trigger("changed", stamp);
        }
      } catch (dropped) {}
      if (watch.chain === chain) setTimeout(check, every);
    };
    setTimeout(check, every);
  }
  return () => { if (watch.calls === call) watch.chain = null; };
}
"""
_component = st.components.v2.component("asm_room_watch", js=_SCRIPT, isolate_styles=False)


def open_stamp(open_ids: Sequence[str]) -> str:
    """The fingerprint of the exercises open to phones, in order (the empty list's for none):
    16 hexadecimal digits, by which the page's script knows a stamp from anything else."""
    return hashlib.blake2b("\n".join(open_ids).encode(), digest_size=8).hexdigest()


NOTHING_OPEN = open_stamp([])


def watch_the_room(code: str, open_ids: Sequence[str]) -> None:
    """Put the watcher on the page: the page runs again once the exercises open to phones are
    no longer ``open_ids``. It draws nothing."""
    # The address is relative to the page's own: it works under any base path.
    _component(key=KEY, data={"url": f"_room/{code}/open", "stamp": open_stamp(open_ids),
                              "every": CHECK_SECONDS}, height=0)


class OpenStamps:
    """ASGI middleware: answers ``GET …/_room/<code>/open`` with the room's open stamp, from a
    store of its own (the one ``ASM_STORE_URL`` names, as the app's); every other request goes to
    Streamlit untouched. A store that cannot answer (locked, or every connection busy) gets a
    503, which the page's script ignores until its next check."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._store: Store | None = None
        self._stamps: dict[str, str] = {}  # join code -> stamp, for workshops with any open
        self._read_at = -FRESH_SECONDS  # time.monotonic() of the last read
        self._reading = Lock()  # requests that arrive together share one read

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        asked = ROUTE.search(scope["path"]) if scope["type"] == "http" else None
        if asked is None or scope["method"] not in ("GET", "HEAD"):
            await self.app(scope, receive, send)
            return
        try:
            stamps = await self.stamps()
        except SQLAlchemyError:
            answer = PlainTextResponse("", status_code=503, headers=NOT_KEPT)
        else:
            answer = PlainTextResponse(stamps.get(asked.group(1), NOTHING_OPEN), headers=NOT_KEPT)
        await answer(scope, receive, send)

    async def stamps(self) -> dict[str, str]:
        """Every workshop's stamp, read again if the last read is over a second old."""
        async with self._reading:
            if time.monotonic() - self._read_at >= FRESH_SECONDS:
                # The query waits on the database: off the event loop, which serves the phones.
                open_now = await run_in_threadpool(self._open_everywhere)
                self._stamps = {code: open_stamp(ids) for code, ids in open_now.items()}
                self._read_at = time.monotonic()
        return self._stamps

    def _open_everywhere(self) -> dict[str, tuple[str, ...]]:
        if self._store is None:  # made on first use (one at a time: under the lock)
            self._store = Store()
        return self._store.open_everywhere()
