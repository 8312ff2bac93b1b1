"""The real app under a room-sized load: N phones join the sample workshop and vote (not a test).

    python bench/load_app.py [--participants 100] [--arrival-rate 0] [--think 0] [--timeout 300]

It starts the app (``streamlit run app.py``, the repository's ``.streamlit/config.toml``) on
127.0.0.1 with a fresh SQLite store, then simulates N participants from this one process. Real
browsers are too heavy for hundreds of phones (DESIGN.md, platform facts), so each participant is
a small client speaking Streamlit's own websocket protocol (``/_stcore/stream``: ``BackMsg`` out,
``ForwardMsg`` in), doing what the phone's page does:

1. open ``/?w=KAHUZ`` (a rerun with that query string) and wait for the join page;
2. press a group button (groups taken in turn), which registers the participant and switches to
   the vote page;
3. place the 10 beans of the open ``actions`` exercise with ten "+" clicks on random items (each
   click is a rerun, as on a phone), then press "Send my vote".

Each rerun sends the widget states a browser would send (the language picker's value, plus the
clicked button's trigger) and waits for the run to finish. It sends no cached-message hashes, so
the server sends every message in full (a browser may get some as references: slightly less).
The static files a browser loads once (HTML, JavaScript) are not fetched. A phone keeps its page
open until every participant is through. Before the crowd arrives, one phone opens the join page
(the facilitator testing the link), so the first page after start-up is measured apart.

Printed: median, 95th percentile and maximum of the time to the join page (from opening the
websocket), from the group click to the vote page, of each bean click until the page is redrawn,
and from the submit click to the confirmation ("Your vote is recorded"); how many finished; the
errors; the server's peak RSS (VmHWM) and CPU time; this client's CPU time (the client shares the
machine: if it is near the wall time, the client was part of the bottleneck). Last, the store is
read directly: the ``actions`` exercise must hold exactly N new ballots, one per participant.

Everything is bounded: the server must answer its health check within 60 s, the crowd must be
through within ``--timeout`` seconds (stragglers count as errors), and the server is stopped in
every case. Only 127.0.0.1 is ever contacted. Exit status 1 if anyone did not finish or the store
check fails.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import os
import random
import resource
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs

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

from engine.store import Store  # noqa: E402
from engine.workshop_file import read_workshop  # noqa: E402

HOST = "127.0.0.1"
CODE = "KAHUZ"
EXERCISE = "actions"
SAMPLE = REPO / "sample_workshops" / "drc-south-kivu-tin.json"
CONFIRMATION = "your vote is recorded"  # compared case-blind: the alert and the toast both say it
SUBMIT = "submit_vote"
HEALTH_TIMEOUT = 60  # s
CLOSE_TIMEOUT = 5  # s
TEXT_ELEMENTS = ("alert", "toast", "markdown", "heading")
# Never through a proxy from the environment: every request stays on this machine.
LOCAL_ONLY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


class AppError(Exception):
    """The app showed an error, an exception or an unexpected page on a phone."""


class JourneyFailed(Exception):
    """A participant could not get through: where it stopped, and why."""


class Phone:
    """One participant's browser tab, reduced to Streamlit's websocket protocol.

    It tracks what the frontend tracks: the current page and query string (both set by the
    server), and the widgets drawn by the latest script run, by user key.
    """

    def __init__(self, port: int) -> None:
        self.port = port
        self.stage = "arriving"  # what it is doing now, for the error report
        self.query_string = f"w={CODE}"
        self.page_hash = ""  # empty: the page at "/", the default one
        self.widgets: dict[str, str] = {}  # user key -> widget id
        self.choices: dict[str, list[str]] = {}  # segmented-control id -> selected labels
        self.texts: list[str] = []
        self._ws = None

    async def open(self) -> None:
        """Open the websocket the page opens (no proxy, no ping: a browser sends none)."""
        self._ws = await websockets.connect(
            f"ws://{HOST}:{self.port}/_stcore/stream", subprotocols=["streamlit"], proxy=None,
            open_timeout=None, ping_interval=None, close_timeout=CLOSE_TIMEOUT, max_size=2**24)

    async def close(self) -> None:
        """Close the tab."""
        if self._ws is not None:
            await self._ws.close()

    @property
    def token(self) -> str:
        """The participant token the app put in the URL (empty before joining)."""
        return parse_qs(self.query_string).get("p", [""])[0]

    async def rerun(self, click: str | None = None) -> None:
        """Ask for a script run, as the frontend does; ``click`` is the user key of a button."""
        states = [WidgetState(id=widget, string_array_value=StringArray(data=labels))
                  for widget, labels in self.choices.items()]
        if click is not None:
            states.append(WidgetState(id=self.widgets[click], trigger_value=True))
        state = ClientState(
            query_string=self.query_string, page_script_hash=self.page_hash,
            widget_states=WidgetStates(widgets=states),
            context_info=ContextInfo(timezone="Africa/Lubumbashi", timezone_offset=-120,
                                     locale="en-US", url=f"http://{HOST}:{self.port}/",
                                     color_scheme="light"))
        await self._ws.send(BackMsg(rerun_script=state).SerializeToString())

    async def finish_run(self, showing: str) -> None:
        """Read until a script run finishes; the page it drew must show the widget ``showing``."""
        while True:
            message = await self._receive()
            if message.WhichOneof("type") != "script_finished":
                continue
            status = message.script_finished
            if status == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                raise AppError("the script failed to compile")
            if status == ForwardMsg.FINISHED_SUCCESSFULLY:
                if showing not in self.widgets:
                    raise AppError(f"no {showing!r} on the page: {' | '.join(self.texts)[:200]}")
                return
            # Finished early for a rerun (st.switch_page, st.rerun): the next run follows.

    async def wait_for_text(self, text: str) -> None:
        """Read until the current run has drawn an element whose text contains ``text``."""
        while not any(text in seen.casefold() for seen in self.texts):
            await self._receive()

    async def _receive(self) -> ForwardMsg:
        """Read one ForwardMsg and apply it, as the frontend would."""
        message = ForwardMsg()
        message.ParseFromString(await self._ws.recv())
        kind = message.WhichOneof("type")
        if kind == "new_session":  # a script run starts: it redraws the page
            self.widgets, self.choices, self.texts = {}, {}, []
        elif kind == "navigation":
            self.page_hash = message.navigation.page_script_hash
        elif kind == "page_info_changed":
            self.query_string = message.page_info_changed.query_string
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._draw(message.delta.new_element)
        return message

    def _draw(self, element) -> None:
        """Note a drawn element: widgets by user key, visible texts; fail on an error shown."""
        kind = element.WhichOneof("type")
        if kind == "exception":
            error = element.exception
            raise AppError(f"exception on the page: {error.type} {error.message}")
        if kind == "alert" and element.alert.format == Alert.ERROR:
            raise AppError(f"error on the page: {element.alert.body}")
        if kind in ("button", "button_group"):
            widget = getattr(element, kind)
            self.widgets[widget.id.split("-", 2)[-1]] = widget.id  # "$$ID-<hash>-<user key>"
        if kind == "button_group":
            group = element.button_group
            self.choices[group.id] = (list(group.raw_values) if group.set_value
                                      else [group.options[i].content for i in group.default])
        if kind in TEXT_ELEMENTS:
            self.texts.append(getattr(element, kind).body)


@dataclass
class Timings:
    """One participant's journey, in seconds."""

    token: str
    join_page: float
    vote_page: float
    bean_clicks: list[float]
    confirmation: float


@dataclass
class Plan:
    """What every simulated participant does."""

    port: int
    beans: int
    arrival_rate: float  # participants per second; 0: all at once
    think: float  # seconds before each click


async def click(phone: Phone, key: str, think: float, showing: str) -> float:
    """Press the button ``key`` after ``think`` seconds; the seconds until the page is redrawn."""
    await asyncio.sleep(think)
    start = time.perf_counter()
    await phone.rerun(key)
    await phone.finish_run(showing)
    return time.perf_counter() - start


async def open_join_page(phone: Phone) -> float:
    """Open ``/?w=KAHUZ``; the seconds until the join page is drawn."""
    start = time.perf_counter()
    phone.stage = "join page"
    await phone.open()
    await phone.rerun()
    await phone.finish_run(showing="lang_picker")
    if not any(key.startswith("group_") for key in phone.widgets):
        raise AppError(f"no group buttons on the join page: {' | '.join(phone.texts)[:200]}")
    return time.perf_counter() - start


async def journey(phone: Phone, index: int, plan: Plan) -> Timings:
    """Join, pick a group, place every bean, send the vote."""
    await asyncio.sleep(index / plan.arrival_rate if plan.arrival_rate else 0)
    join_page = await open_join_page(phone)

    groups = [key for key in phone.widgets if key.startswith("group_")]
    phone.stage = "vote page"
    vote_page = await click(phone, groups[index % len(groups)], plan.think, showing=SUBMIT)

    rng = random.Random(index)
    plus = [key for key in phone.widgets if key.startswith(f"plus|vote|{EXERCISE}|")]
    phone.stage = "bean clicks"
    bean_clicks = [await click(phone, rng.choice(plus), plan.think, showing=SUBMIT)
                   for _ in range(plan.beans)]

    await asyncio.sleep(plan.think)
    phone.stage = "confirmation"
    start = time.perf_counter()
    await phone.rerun(SUBMIT)
    await phone.wait_for_text(CONFIRMATION)
    confirmation = time.perf_counter() - start
    await phone.finish_run(showing=SUBMIT)
    return Timings(phone.token, join_page, vote_page, bean_clicks, confirmation)


async def participant(index: int, plan: Plan, deadline: float,
                      everyone: asyncio.Barrier) -> Timings:
    """One phone's journey by ``deadline`` (event-loop time); its page stays open until everyone
    is through."""
    phone = Phone(plan.port)
    try:
        async with asyncio.timeout_at(deadline):
            return await journey(phone, index, plan)
    except TimeoutError as error:
        raise JourneyFailed(f"{phone.stage}: still waiting at the deadline") from error
    except Exception as error:
        raise JourneyFailed(f"{phone.stage}: {type(error).__name__}: {error}"[:150]) from error
    finally:
        await everyone.wait()
        await phone.close()


async def crowd(participants: int, plan: Plan,
                timeout: float) -> tuple[list[Timings | BaseException], float]:
    """Every participant's outcome (timings or the error) and the crowd's wall time; everyone
    must be through within ``timeout`` seconds."""
    deadline = asyncio.get_running_loop().time() + timeout
    everyone = asyncio.Barrier(participants)
    start = time.perf_counter()
    outcomes = await asyncio.gather(
        *(participant(i, plan, deadline, everyone) for i in range(participants)),
        return_exceptions=True)
    return outcomes, time.perf_counter() - start


async def warm_up(port: int) -> float:
    """One phone opens the join page on the fresh server (the facilitator testing the link)."""
    phone = Phone(port)
    try:
        async with asyncio.timeout(HEALTH_TIMEOUT):
            return await open_join_page(phone)
    finally:
        await phone.close()


def free_port() -> int:
    """A TCP port nobody listens on at the moment."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def start_server(port: int, store_url: str, log) -> subprocess.Popen:
    """``streamlit run app.py`` on 127.0.0.1:``port``, with its own store; output to ``log``."""
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", HOST,
               "--server.port", str(port), "--server.headless", "true"]
    return subprocess.Popen(command, cwd=REPO, env=dict(os.environ, ASM_STORE_URL=store_url),
                            stdout=log, stderr=subprocess.STDOUT)


def wait_until_healthy(server: subprocess.Popen, port: int) -> None:
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


def stop_server(server: subprocess.Popen) -> None:
    """Stop the server, killing it if it does not stop within 10 s."""
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def server_usage(pid: int) -> tuple[float, float]:
    """The process's peak resident memory (MB, VmHWM) and CPU time so far (s)."""
    status = Path(f"/proc/{pid}/status").read_text()
    peak_kb = next(int(line.split()[1]) for line in status.splitlines()
                   if line.startswith("VmHWM:"))
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu_ticks = int(fields[11]) + int(fields[12])  # utime, stime
    return peak_kb / 1024, cpu_ticks / os.sysconf("SC_CLK_TCK")


def spread(values: list[float]) -> str:
    """Median, 95th percentile (nearest rank) and maximum, in seconds."""
    if not values:
        return "no data"
    ordered = sorted(values)
    p95 = ordered[math.ceil(0.95 * len(ordered)) - 1]
    return (f"median {statistics.median(ordered):6.3f} s   p95 {p95:6.3f} s   "
            f"max {ordered[-1]:6.3f} s")


def report(outcomes: list[Timings | BaseException], wall: float) -> list[Timings]:
    """Print the timing figures and the errors; return the participants who finished."""
    done = [outcome for outcome in outcomes if isinstance(outcome, Timings)]
    errors = Counter(str(outcome) if isinstance(outcome, JourneyFailed) else repr(outcome)
                     for outcome in outcomes if not isinstance(outcome, Timings))
    print(f"finished: {len(done)} of {len(outcomes)} in {wall:.1f} s; "
          f"errors: {sum(errors.values())}")
    for error, count in errors.most_common(10):
        print(f"  {count:4d} x {error}")
    print(f"join page (connect → drawn)      {spread([t.join_page for t in done])}")
    print(f"group click → vote page          {spread([t.vote_page for t in done])}")
    print(f"bean click → page redrawn        {spread([s for t in done for s in t.bean_clicks])}")
    print(f"submit click → confirmation      {spread([t.confirmation for t in done])}")
    return done


def server_errors(log: str) -> Counter:
    """The tracebacks in the server's log, as "error (at the innermost line of our code)"."""
    errors: Counter = Counter()
    inside, where = False, "no line of ours"
    for line in log.splitlines():
        if line.startswith("Traceback"):
            inside, where = True, "no line of ours"
        elif inside and line.strip().startswith(f'File "{REPO}/'):
            where = line.strip().removeprefix(f'File "{REPO}/').replace('", line ', ":")
        elif inside and not line.startswith(" "):
            errors[f"{line.strip()[:100]} (at {where})"] += 1
            inside = False
    return errors


def check_store(store_url: str, tokens: set[str], expected: int) -> bool:
    """Read the store directly: exactly ``expected`` new ballots, from the finished participants."""
    before = len(read_workshop(SAMPLE).exercise(EXERCISE).ballots)
    ballots = Store(store_url).load(CODE).exercise(EXERCISE).ballots
    ours = sum(ballot.participant in tokens for ballot in ballots)
    ok = len(ballots) - before == expected and ours == expected
    print(f"store: {len(ballots) - before} new ballots in {CODE}/{EXERCISE} "
          f"({ours} from finished participants), expected {expected}: {'OK' if ok else 'MISMATCH'}")
    return ok


def run(args: argparse.Namespace) -> bool:
    """Start the app, warm it up, send the crowd, stop it, print the figures.

    True if every participant finished and the store holds their ballots.
    """
    beans = read_workshop(SAMPLE).exercise(EXERCISE).beans
    arrival = f"{args.arrival_rate:g} per second" if args.arrival_rate else "all at once"
    print(f"{args.participants} participants ({arrival}, think {args.think:g} s), {beans} bean "
          f"clicks each; Streamlit {streamlit.__version__}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} before the start")
    with tempfile.TemporaryDirectory() as folder:
        store_url = f"sqlite:///{folder}/store.sqlite3"
        port = free_port()
        with open(Path(folder) / "server.log", "w+") as log:
            server = start_server(port, store_url, log)
            try:
                wait_until_healthy(server, port)
                print(f"first join page on a fresh server: {asyncio.run(warm_up(port)):.3f} s")
                cpu_before = server_usage(server.pid)[1]
                plan = Plan(port, beans, args.arrival_rate, args.think)
                outcomes, wall = asyncio.run(crowd(args.participants, plan, args.timeout))
                peak_mb, cpu_after = server_usage(server.pid)
            finally:
                stop_server(server)
            log.seek(0)
            tracebacks = server_errors(log.read())
        done = report(outcomes, wall)
        client_cpu = sum(resource.getrusage(resource.RUSAGE_SELF)[:2])
        crowd_cpu = cpu_after - cpu_before
        print(f"server: peak RSS {peak_mb:.0f} MB; CPU {crowd_cpu:.1f} s during the crowd "
              f"({crowd_cpu / wall:.2f} cores, {crowd_cpu / args.participants:.2f} s per "
              f"participant); this client: CPU {client_cpu:.1f} s in all; load average "
              f"{os.getloadavg()[0]:.1f}")
        print(f"server log: {sum(tracebacks.values())} tracebacks")
        for error, count in tracebacks.most_common(10):
            print(f"  {count:4d} x {error}")
        store_ok = check_store(store_url, {t.token for t in done}, args.participants)
    return store_ok and len(done) == args.participants


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=100, help="phones (default 100)")
    parser.add_argument("--arrival-rate", type=float, default=0,
                        help="participants arriving per second (default 0: all at once)")
    parser.add_argument("--think", type=float, default=0,
                        help="seconds each phone waits before each click (default 0)")
    parser.add_argument("--timeout", type=float, default=300,
                        help="seconds the whole crowd has to get through (default 300)")
    args = parser.parse_args()
    if args.participants < 1 or args.timeout <= 0 or args.arrival_rate < 0 or args.think < 0:
        parser.error("participants and timeout must be positive, arrival rate and think >= 0")
    sys.exit(0 if run(args) else 1)


if __name__ == "__main__":
    main()
