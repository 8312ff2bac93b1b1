"""The Results page with a big room, and the results bar chart as items grow (not a test).

    python bench/results_page.py [--participants 320] [--items 30]

Prints, for a workshop of N participants in eight groups with one closed bean exercise over M
items (everyone voted):

- the Results page's rerun, as a facilitator clicking on it sees it: the page run by Streamlit's
  AppTest after signing in, median of five reruns (the first run, which fills the caches, apart);
  the target is 0.5 s at 320 participants;
- the bar chart of a result (``result_figure``) at M and at 4 × M items, and the ratio: about 4
  when its time grows linearly with the items, about 16 when quadratically.

The workshop goes into a temporary SQLite store the app is pointed at (``ASM_STORE_URL``).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from engine_bench import big_workshop  # noqa: E402  (the same seeded workshop builder)

from engine.core.access import hash_pin  # noqa: E402
from engine.core.store import STORE_URL_VARIABLE, Store  # noqa: E402

PIN = "507938"
CODE = "BENCH"
RERUNS = 5


def page_rerun_seconds(participants: int, items: int) -> tuple[float, float]:
    """(first run, median rerun) of the Results page for the facilitator, in seconds."""
    from streamlit.testing.v1 import AppTest

    workshop = big_workshop(participants, items, code=CODE)
    exercise = workshop.exercises[0].model_copy(update={"status": "closed"})
    workshop = workshop.model_copy(update={"pin_hash": hash_pin(PIN), "exercises": [exercise]})
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'bench.sqlite3'}"
        Store(url).import_workshop(workshop)
        os.environ[STORE_URL_VARIABLE] = url
        app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        app.switch_page("pages/facilitator.py").run()
        app.selectbox[0].set_value(CODE)
        app.text_input(key="sign_in_pin").input(PIN)
        app.button(key="sign_in_submit").click().run()
        app.switch_page("pages/results.py")
        start = time.perf_counter()
        app.run()
        first = time.perf_counter() - start
        assert not app.exception, app.exception
        times = []
        for _ in range(RERUNS):
            start = time.perf_counter()
            app.run()
            times.append(time.perf_counter() - start)
        return first, statistics.median(times)


def chart_seconds(participants: int, items: int) -> float:
    """The median time of the result's bar chart for ``items`` items."""
    from engine.core.exercise import kind
    from ui.exercises.prioritisation.charts import result_figure

    workshop = big_workshop(participants, items)
    exercise = workshop.exercises[0]
    result = kind(exercise.kind).results(exercise, workshop.room())
    times = []
    for _ in range(RERUNS):
        start = time.perf_counter()
        result_figure(exercise.design, result, "en")
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, default=320)
    parser.add_argument("--items", type=int, default=30)
    args = parser.parse_args()
    first, rerun = page_rerun_seconds(args.participants, args.items)
    print(f"Results page, {args.participants} participants x {args.items} items: first run "
          f"{first:.2f} s, rerun {rerun:.2f} s (median of {RERUNS}; target 0.5 s)")
    small = chart_seconds(args.participants, args.items)
    large = chart_seconds(args.participants, 4 * args.items)
    print(f"bar chart: {args.items} items {small * 1000:.0f} ms, {4 * args.items} items "
          f"{large * 1000:.0f} ms: x{large / small:.1f} for 4x the items "
          f"(linear ~4, quadratic ~16)")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
