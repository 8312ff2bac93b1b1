"""How phones follow the facilitator (ui.room_watch): the watcher the vote page carries and the
stamp the server answers it with agree, change when the facilitator opens or closes an
exercise, cost one query a second however many phones ask, and tell nothing to whoever asks.

The watcher's script itself runs in a browser: tests/browser/test_phones_follow.py has a phone
follow a close and an open, with serve.py and without it; tests/browser/test_room_journey.py,
two phones through a close, an open and a close again.
"""

import asyncio
import json

import pytest
from sqlalchemy.exc import OperationalError

from engine.core.store import Store
from ui import room_watch
from ui.room_watch import OpenStamps, open_stamp

from .helpers import CODE, join

PASSED_ON = b"passed on to Streamlit"


async def _streamlit(scope, receive, send):
    """What stands for Streamlit behind the middleware."""
    await send({"type": "http.response.start", "status": 200, "headers": []})
    await send({"type": "http.response.body", "body": PASSED_ON})


async def request(middleware: OpenStamps, path: str, method: str = "GET"
                  ) -> tuple[int, bytes, dict]:
    """One request through ``middleware``: its status, body and headers."""
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "raw_path": path.encode(),
             "query_string": b"", "headers": [], "root_path": ""}
    await middleware(scope, receive, send)
    start, body = sent[0], b"".join(m.get("body", b"") for m in sent[1:])
    return start["status"], body, {k.decode(): v.decode() for k, v in start["headers"]}


def ask(middleware: OpenStamps, path: str, method: str = "GET") -> tuple[int, bytes, dict]:
    return asyncio.run(request(middleware, path, method))


def watcher(app) -> dict:
    """What the vote page gave its watcher."""
    (element,) = app.get("bidi_component")
    assert element.proto.component_name == "asm_room_watch"
    return json.loads(element.proto.json)


@pytest.fixture
def always_read(monkeypatch):
    """Every request reads the store (no answer is kept for the next second)."""
    monkeypatch.setattr(room_watch, "FRESH_SECONDS", 0)


def test_the_page_and_the_server_agree_and_both_change_when_the_facilitator_closes(always_read):
    phone = join()
    watching = watcher(phone)
    assert watching["url"] == f"_room/{CODE}/open"
    assert watching["every"] == room_watch.CHECK_SECONDS
    server = OpenStamps(_streamlit)
    status, body, headers = ask(server, f"/{watching['url']}")
    assert status == 200 and body.decode() == watching["stamp"] == open_stamp(["actions"])
    assert headers["cache-control"] == "no-store"  # never an old answer from a phone's cache

    Store().set_status(CODE, "actions", "closed")
    _, closed, _ = ask(server, f"/{watching['url']}")
    assert closed.decode() != watching["stamp"]
    # What the watcher then asks for: the page again, which now waits, with the new stamp.
    phone.run()
    assert [info.value for info in phone.info] == [
        "Please wait: the facilitator will open the next exercise. "
        "This page will update by itself."]
    assert watcher(phone)["stamp"] == closed.decode() == open_stamp([])


def test_a_room_asking_at_once_costs_one_query(monkeypatch):
    join()  # the samples are in the store
    queries = []
    read = Store.open_everywhere
    monkeypatch.setattr(Store, "open_everywhere", lambda self: queries.append(1) or read(self))
    monkeypatch.setattr(room_watch, "FRESH_SECONDS", 3600)  # all within the same second
    server = OpenStamps(_streamlit)

    async def room() -> list[tuple[int, bytes, dict]]:
        return await asyncio.gather(*(request(server, f"/_room/{code}/open")
                                      for code in (CODE, "PENDJ", "ZZZZZ") * 100))

    answers = {(status, body.decode()) for status, body, _ in asyncio.run(room())}
    assert answers == {(200, open_stamp(["actions"])), (200, open_stamp([]))}
    assert len(queries) == 1


def test_a_store_that_cannot_answer_gets_a_503_the_phones_ignore(monkeypatch, always_read):
    join()

    def locked(self):
        raise OperationalError("SELECT …", {}, Exception("database is locked"))

    monkeypatch.setattr(Store, "open_everywhere", locked)
    status, body, headers = ask(OpenStamps(_streamlit), f"/_room/{CODE}/open")
    assert (status, body, headers["cache-control"]) == (503, b"", "no-store")


def test_an_unknown_code_looks_like_a_workshop_with_nothing_open(always_read):
    """A stamp cannot be used to find which codes exist."""
    join()
    server = OpenStamps(_streamlit)
    assert ask(server, "/_room/ZZZZZ/open")[1] == open_stamp([]).encode()


@pytest.mark.parametrize(("path", "method"), [
    (f"/_room/{CODE}/open", "POST"),
    (f"/_room/{CODE.lower()}/open", "GET"),  # not a join code
    ("/_room/../open", "GET"),
    (f"/_room/{CODE}/open/more", "GET"),
    (f"/_room/{CODE}", "GET"),
    ("/vote", "GET"),
])
def test_any_other_request_goes_to_streamlit(path, method):
    assert ask(OpenStamps(_streamlit), path, method)[1] == PASSED_ON
