"""Browser tests: the real app in a Streamlit subprocess, driven by Debian's headless Chromium.

Nothing here talks to any address but 127.0.0.1, and no browser is ever downloaded: without
``/usr/bin/chromium`` (or the ``playwright`` package) the tests are skipped with the reason.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--no-proxy-server"]
HEALTH_TIMEOUT = 60  # s
# Everything stays on this machine: a proxy from the environment must never see our requests.
_LOCAL_ONLY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "browser: drives the real app in headless Chromium (needs Debian's chromium)")


@dataclass(frozen=True)
class Server:
    """A running app: where browsers reach it, and the store it writes to."""

    base_url: str
    store_url: str
    log: Path
    script: str  # what ``streamlit run`` started


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with _LOCAL_ONLY.open(f"{base_url}/_stcore/health", timeout=2) as answer:
            return answer.read().decode().strip() == "ok"
    except OSError:
        return False


@pytest.fixture
def chromium_path() -> str:
    """Debian's Chromium, or a skip that says why; a failure instead when ``$ASM_REQUIRE_BROWSER``
    is set (``.ci/run`` installs Chromium and sets it)."""
    missing = pytest.fail if os.environ.get("ASM_REQUIRE_BROWSER") else pytest.skip
    if not CHROMIUM.exists():
        missing(f"{CHROMIUM} not found: install Debian's chromium to run the browser tests")
    return str(CHROMIUM)


@pytest.fixture
def launch_options(chromium_path) -> dict:
    """Keyword arguments for ``playwright.chromium.launch``."""
    return {"executable_path": chromium_path, "args": CHROMIUM_ARGS}


@pytest.fixture
def app_server(chromium_path, tmp_path, request):
    """A fresh app on a free local port with its own empty store (filled with the samples on
    first use), started as the README says (``serve.py``; another script through indirect
    parametrisation). Always stopped afterwards, killed if it does not stop."""
    script = getattr(request, "param", "serve.py")
    port = _free_port()
    base_url = f"http://127.0.0.1:{port}"
    store_url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    log = tmp_path / "streamlit.log"
    env = {**os.environ, "ASM_STORE_URL": store_url, "ASM_PUBLIC_URL": base_url}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", script, "--server.address", "127.0.0.1",
             "--server.port", str(port), "--server.headless", "true"],
            cwd=REPO, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + HEALTH_TIMEOUT
        while not _healthy(base_url):
            if process.poll() is not None:
                pytest.fail(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
            if time.monotonic() > deadline:
                pytest.fail(f"streamlit not healthy after {HEALTH_TIMEOUT} s:\n{log.read_text()}")
            time.sleep(0.2)
        yield Server(base_url, store_url, log, script)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
