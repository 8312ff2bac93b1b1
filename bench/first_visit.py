"""A phone's first visit: the bytes it transfers and the time to a usable join page (not a test).

    python bench/first_visit.py [--repeat 1] [--timeout 180]

Starts the app twice, side by side, each with its own fresh SQLite store: ``streamlit run app.py``
(Streamlit as it is) and ``streamlit run serve.py`` (the README's server, which compresses the
front-end and leaves out the fonts a phone does not need). For each, a phone with an empty cache
(a new headless Chromium context, 360×640, touch) opens ``/?w=KAHUZ`` on two profiles:

- unthrottled;
- slow: a weak hotspot and a cheap phone, through the Chrome DevTools Protocol:
  ``Network.emulateNetworkConditions`` (400 kbit/s each way, 400 ms latency) and
  ``Emulation.setCPUThrottlingRate`` (CPU ×4).

Printed, per resource of 5 KB or more (``--all``: every one; HTTP, encoded as transferred,
headers included) and in total with the request count: the bytes of the unthrottled visit, the
visit being over once no request has been in flight for 2 s; then the websocket's (the page's
messages);
then the time from starting the visit to a usable join page (its group buttons drawn and
enabled) on each profile, with the ratio serve.py / app.py (median of ``--repeat`` visits). The
two servers are visited in turn, so a busy machine slows both alike: read the ratios. Each
server is tried once first (the facilitator testing the link), so no visit pays for a cold
start. Only 127.0.0.1 is contacted; the servers are stopped in every case.
"""

from __future__ import annotations

import argparse
import base64
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
HOST = "127.0.0.1"
CODE = "KAHUZ"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--no-proxy-server"]
PHONE = {"viewport": {"width": 360, "height": 640}, "is_mobile": True, "has_touch": True}
SERVERS = ("app.py", "serve.py")  # Streamlit as it is, then the project's server
SLOW_NETWORK = {"offline": False, "latency": 400, "downloadThroughput": 400_000 / 8,
                "uploadThroughput": 400_000 / 8}  # ms, bytes per second
SLOW_CPU = 4
QUIET = 2  # s without a request in flight after the page is usable: the visit is over
QUIET_CAP = 90  # s: stop waiting for quiet after this
SMALL = 5 * 1024  # bytes: smaller resources are summed on one line (``--all`` lists them)
HEALTH_TIMEOUT = 60  # s
GROUP_BUTTON = "[class*='st-key-group_'] button"
# Never through a proxy from the environment: every request stays on this machine.
LOCAL_ONLY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@dataclass
class Visit:
    """What one first visit transferred, and how long the join page took to be usable."""

    usable: float  # s
    resources: Counter[str] = field(default_factory=Counter)  # file name -> bytes
    encodings: dict[str, str] = field(default_factory=dict)  # file name -> content-encoding
    requests: int = 0
    websocket: int = 0  # bytes the server sent over the websocket

    @property
    def total(self) -> int:
        return sum(self.resources.values())


def visit(browser: Any, url: str, slow: bool, timeout: float) -> Visit:
    """One first visit of ``url`` from a phone with an empty cache."""
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        if slow:
            cdp.send("Network.emulateNetworkConditions", SLOW_NETWORK)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": SLOW_CPU})
        names: dict[str, tuple[str, str]] = {}  # request -> (file name, encoding)
        sizes: dict[str, int] = {}
        pending: set[str] = set()
        websocket = [0]

        def responded(event: dict[str, Any]) -> None:
            response = event["response"]
            headers = {k.lower(): v for k, v in response["headers"].items()}
            name = urlsplit(response["url"]).path.rsplit("/", 1)[-1] or "(the page)"
            names[event["requestId"]] = (name, headers.get("content-encoding", ""))

        def finished(event: dict[str, Any]) -> None:
            sizes[event["requestId"]] = int(event["encodedDataLength"])
            pending.discard(event["requestId"])

        def frame(event: dict[str, Any]) -> None:
            payload = event["response"]["payloadData"]
            binary = event["response"]["opcode"] == 2
            websocket[0] += len(base64.b64decode(payload)) if binary else len(payload.encode())

        cdp.on("Network.requestWillBeSent", lambda event: pending.add(event["requestId"]))
        cdp.on("Network.responseReceived", responded)
        cdp.on("Network.loadingFinished", finished)
        cdp.on("Network.loadingFailed", lambda event: pending.discard(event["requestId"]))
        cdp.on("Network.webSocketFrameReceived", frame)
        start = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout * 1000)
        page.locator(f"{GROUP_BUTTON}:enabled").first.wait_for(timeout=timeout * 1000)
        usable = time.perf_counter() - start
        quiet_since, cap = time.monotonic(), time.monotonic() + QUIET_CAP
        while time.monotonic() - quiet_since < QUIET and time.monotonic() < cap:
            page.wait_for_timeout(200)  # lets the events in
            if pending:
                quiet_since = time.monotonic()
        found = Visit(usable, requests=len(sizes), websocket=websocket[0])
        for request, size in sizes.items():
            name, encoding = names.get(request, ("(no response)", ""))
            found.resources[name] += size
            found.encodings[name] = encoding
        return found
    finally:
        context.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def start(script: str, folder: Path, stack: ExitStack) -> str:
    """``python -m streamlit run <script>`` with a fresh store, stopped when ``stack`` closes;
    its address once healthy."""
    port = free_port()
    log = stack.enter_context((folder / f"{script}.log").open("wb"))
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", script, "--server.address", HOST,
         "--server.port", str(port), "--server.headless", "true"],
        cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
        env={**os.environ, "ASM_STORE_URL": f"sqlite:///{folder / script}.sqlite3"})
    stack.callback(stop, server)
    deadline = time.monotonic() + HEALTH_TIMEOUT
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"{script}: the server exited with status {server.returncode}")
        try:
            with LOCAL_ONLY.open(f"http://{HOST}:{port}/_stcore/health", timeout=1):
                return f"http://{HOST}:{port}"
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{script}: no answer to the health check within {HEALTH_TIMEOUT} s")


def stop(server: subprocess.Popen[bytes]) -> None:
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(10)


def kb(size: float) -> str:
    return f"{size / 1024:,.1f} KB"


def report(fast: dict[str, list[Visit]], slow: dict[str, list[Visit]], everything: bool
           ) -> None:
    first = {script: visits[0] for script, visits in fast.items()}
    print(f"\nbytes of a first visit (unthrottled), per resource | {' | '.join(SERVERS)}")
    print("--- | " + " | ".join("---" for _ in SERVERS))
    names: Counter[str] = Counter()
    for found in first.values():
        names.update(found.resources)
    small: Counter[str] = Counter()
    small_files: Counter[str] = Counter()
    for name, _ in names.most_common():
        if not everything and all(f.resources.get(name, 0) < SMALL for f in first.values()):
            for script, found in first.items():
                if name in found.resources:
                    small[script] += found.resources[name]
                    small_files[script] += 1
            continue
        print(f"{name} | " + " | ".join(
            f"{kb(first[s].resources[name])} {first[s].encodings[name]}".rstrip()
            if name in first[s].resources else "-" for s in SERVERS))
    if small:
        print(f"files under {kb(SMALL)} | " + " | ".join(
            f"{kb(small[s])} in {small_files[s]} files" for s in SERVERS))
    print("**total over HTTP** | " + " | ".join(
        f"**{kb(first[s].total)}** in {first[s].requests} requests" for s in SERVERS))
    print("websocket (the page's messages) | " + " | ".join(kb(first[s].websocket)
                                                           for s in SERVERS))
    print(f"\ntime to a usable join page (median) | {' | '.join(SERVERS)} | "
          f"{SERVERS[1]} / {SERVERS[0]}")
    print("--- | --- | --- | ---")
    for profile, visits in (("unthrottled", fast), ("slow: 400 kbit/s, 400 ms, CPU ×4", slow)):
        times = [statistics.median(v.usable for v in visits[s]) for s in SERVERS]
        print(f"{profile} | " + " | ".join(f"{t:.1f} s" for t in times)
              + f" | {times[1] / times[0]:.2f}")
    slow_bytes = [statistics.median(v.total for v in slow[s]) for s in SERVERS]
    print("bytes on the slow profile | " + " | ".join(kb(b) for b in slow_bytes) + " |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="visits per profile (median)")
    parser.add_argument("--all", action="store_true", help="list every resource")
    parser.add_argument("--timeout", type=float, default=180,
                        help="seconds a visit may take to a usable page (default 180)")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start",
          flush=True)
    fast: dict[str, list[Visit]] = {script: [] for script in SERVERS}
    slow: dict[str, list[Visit]] = {script: [] for script in SERVERS}
    with tempfile.TemporaryDirectory() as temporary, ExitStack() as stack:
        urls = {script: f"{start(script, Path(temporary), stack)}/?w={CODE}"
                for script in SERVERS}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for url in urls.values():
                visit(browser, url, False, args.timeout)  # the facilitator tries the link
            for _ in range(args.repeat):
                for profile, slowed in ((fast, False), (slow, True)):
                    for script, url in urls.items():
                        profile[script].append(visit(browser, url, slowed, args.timeout))
                        print(f"  {script}, {'slow' if slowed else 'unthrottled'}: usable in "
                              f"{profile[script][-1].usable:.1f} s, "
                              f"{kb(profile[script][-1].total)}", flush=True)
            browser.close()
    report(fast, slow, args.all)
    print(f"\nload average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
