"""Start the app for a room: ``python -m streamlit run serve.py`` (the README's command).

It runs ``app.py`` as Streamlit does, and serves Streamlit's own front-end (the page, its
JavaScript and CSS) so that a phone's first visit over the hotspot stays well under 1 MB
(2.6 MB as Streamlit serves it; ``bench/first_visit.py`` measures it):

- gzip-compressed: Streamlit leaves these files uncompressed on purpose, expecting a proxy or a
  CDN in front; on a laptop's hotspot there is none. Each file is compressed once, on its first
  request, and kept in memory: the files never change while the server runs.
- without the fonts a phone does not need: the page preloads Streamlit's text font (166 KB),
  which the theme replaces by the device's own (``.streamlit/config.toml``), and the icon font
  (366 KB) is fetched ahead of any icon; here it is fetched only where an icon is drawn (the
  facilitator's pages), never on a phone's.

It also answers the phones' checks of what the facilitator has opened, before Streamlit does
(``ui.room_watch.OpenStamps``): a plain request each, not a run of the page.

If a later Streamlit changes these files, an edit that no longer applies is skipped (the file is
still served, compressed) and the first-visit benchmark shows the bytes.
"""

from __future__ import annotations

import gzip
import mimetypes
import re
from pathlib import Path

import streamlit as st
from starlette.datastructures import Headers
from starlette.middleware import Middleware
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from streamlit import file_util

from ui.room_watch import OpenStamps

STATIC_ROUTE = "/static/"  # where Streamlit serves its front-end files
COMPRESSIBLE = {".js", ".css", ".html", ".json", ".map", ".svg", ".txt", ".ttf"}
ONE_YEAR = 365 * 24 * 3600  # the files' names carry their hash: they never change
# (pattern, replacement) applied to the page Streamlit serves for every page address.
PAGE_EDITS = [(re.compile(rb'<link\s+rel="preload"[^>]*SourceSans[^>]*/>\s*'), b"")]
# Applied to the CSS files. A face's unicode-range decides when the browser downloads it: the
# icon font's without the space loads only when an icon is drawn (Streamlit's "preload" asks
# for a space); the text font's, only U+0, never (after the device's fonts comes the generic
# sans-serif, which always draws; without this, an emoji missing from them fetched the file).
STYLE_EDITS = [(re.compile(rb"(font-family:Material Symbols Rounded;[^}]*)}"),
                rb"\1;unicode-range:U+21-10FFFF}"),
               (re.compile(rb"(font-family:Source Sans;font-weight:100 900;"
                           rb"font-style:normal;[^}]*)}"), rb"\1;unicode-range:U+0}")]


def edited(body: bytes, edits: list[tuple[re.Pattern[bytes], bytes]]) -> bytes:
    for pattern, replacement in edits:
        body = pattern.sub(replacement, body)
    return body


class LightFrontEnd:
    """ASGI middleware: Streamlit's front-end files and its page, compressed and without the
    fonts a phone does not need; every other request goes to Streamlit untouched."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self.folder = Path(file_util.get_static_dir()).resolve()
        self.compressed: dict[Path, bytes] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD") \
                or b"gzip" not in Headers(scope=scope).get("accept-encoding", "").encode():
            await self.app(scope, receive, send)
        elif scope["path"].startswith(STATIC_ROUTE):
            await self._front_end_file(scope, receive, send)
        elif scope["method"] == "GET":
            await self.app(scope, receive, _PageEditor(send))
        else:
            await self.app(scope, receive, send)

    async def _front_end_file(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = (self.folder / scope["path"].lstrip("/")).resolve()
        # Only files inside Streamlit's folder: "..", links and absolute paths go to Streamlit,
        # which refuses them.
        if not path.is_relative_to(self.folder) or path.suffix not in COMPRESSIBLE \
                or not path.is_file():
            await self.app(scope, receive, send)
            return
        body = self.compressed.get(path)
        if body is None:
            content = path.read_bytes()
            if path.suffix == ".css":
                content = edited(content, STYLE_EDITS)
            body = self.compressed[path] = gzip.compress(content, 9, mtime=0)
        response = Response(body if scope["method"] == "GET" else b"",
                            media_type=mimetypes.guess_type(path.name)[0],
                            headers={**_GZIP_HEADERS, "Content-Length": str(len(body)),
                                     "Cache-Control": f"public, immutable, max-age={ONE_YEAR}"})
        await response(scope, receive, send)


_GZIP_HEADERS = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}


class _PageEditor:
    """Wraps ``send`` for a request Streamlit answers: an HTML page (its single page, under any
    address) is collected, edited and sent compressed; anything else passes through."""

    def __init__(self, send: Send) -> None:
        self.send = send
        self.start: Message | None = None
        self.gzipped = False
        self.body = bytearray()

    async def __call__(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = Headers(raw=message["headers"])
            if headers.get("content-type", "").startswith("text/html") \
                    and headers.get("content-encoding", "gzip") == "gzip":
                self.start = message
                self.gzipped = "content-encoding" in headers  # by Streamlit, for some addresses
                return
        if self.start is None:
            await self.send(message)
            return
        self.body += message.get("body", b"")
        if message.get("more_body"):
            return
        body = gzip.decompress(self.body) if self.gzipped else bytes(self.body)
        page = gzip.compress(edited(body, PAGE_EDITS), 9, mtime=0)
        headers = [(k, v) for k, v in self.start["headers"]
                   if k.lower() not in (b"content-length", b"content-encoding", b"vary")]
        headers += [(k.lower().encode(), v.encode()) for k, v in _GZIP_HEADERS.items()]
        headers.append((b"content-length", str(len(page)).encode()))
        await self.send({**self.start, "headers": headers})
        await self.send({"type": "http.response.body", "body": page})


app = st.App(Path(__file__).with_name("app.py"), middleware=[Middleware(OpenStamps),
                                                               Middleware(LightFrontEnd)])
