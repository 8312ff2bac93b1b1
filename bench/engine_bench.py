"""Speed of the prioritisation results and of the store, printed as figures (not a test).

    python bench/engine_bench.py [--ballots 10000] [--items 30] [--postgres URL]

For one prioritisation exercise of N ballots over M items (format 3: an exercise with a kind
and a design), prints:

- the time ``results`` takes for every method, counting method and weighting (everything the
  Results page shows: per-group results, Kendall's W, divergence);
- on SQLite (and PostgreSQL with ``--postgres``): loading the whole workshop
  (``Store.load``, what exports and the command line read); what a phone reads on each rerun
  (``Store.open_view``, its own ballots) and what the phones' checks read once a second
  (``Store.open_everywhere``), which must not grow with N; the live view's first read and its
  refresh after one more ballot (``LiveWorkshop``), and the result recomputed after it;
- the votes per second ``Store.cast`` accepts (one writer, then 16), against the floor measured
  in the same run: the floor app's own insert (``../shared/bench/floor_app``: a fresh SQLite
  connection, WAL, ``synchronous=FULL``, one ``INSERT`` per vote), with the ratio. On SQLite
  both fsync every vote, so the disk sets the pace; the ratio is the store's own overhead.

The pure aggregation functions are timed against reference libraries in
``bench/social_choice_bench.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.core.access import hash_pin
from engine.core.answers import WEIGHTINGS
from engine.core.live import LiveWorkshop
from engine.core.store import Store
from engine.core.workshop import Workshop
from engine.exercises.prioritisation import KIND
from engine.exercises.prioritisation.results import AGGREGATIONS, results

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
GROUPS = 8
CRITERIA = ("harm", "reach", "cost")
EXERCISE = "e"
PER_RERUN_CALLS = 200  # calls timed for each read a phone makes on every rerun


def random_beans(rng: random.Random, items: list[str], budget: int) -> dict[str, int]:
    """``budget`` beans dropped one by one on random items."""
    beans: dict[str, int] = {}
    for _ in range(budget):
        item = rng.choice(items)
        beans[item] = beans.get(item, 0) + 1
    return beans


def random_answer(method: str, rng: random.Random, items: list[str]) -> dict[str, Any]:
    """One random ballot's answer for ``method``."""
    if method == "tokens":
        return {"method": method, "beans": random_beans(rng, items, 10)}
    if method == "importance-urgency":
        return {"method": method, "ratings": {i: {"importance": rng.randint(1, 5),
                                                  "urgency": rng.randint(1, 5)} for i in items}}
    if method == "ranking":
        return {"method": method, "order": rng.sample(items, len(items))}
    if method == "matrix":
        return {"method": method, "scores": {i: {c: rng.randint(0, 5) for c in CRITERIA}
                                             for i in items}}
    pair = rng.sample(items, 2)
    return {"method": method, "pair": pair, "choice": rng.choice(pair)}


def big_workshop(ballots: int, items: int, method: str = "tokens", seed: int = 1,
                 code: str = "BENCH") -> Workshop:
    """One open ``method`` exercise with ``ballots`` participants (one ballot each) over
    ``items`` items, as a version-3 workshop file holds it."""
    rng = random.Random(seed)
    item_ids = [f"item-{i}" for i in range(items)]
    people = [{"token": f"token{i:06d}", "group": f"g{i % GROUPS}", "language": "en",
               "joined_at": NOW} for i in range(ballots)]
    answers = [random_answer(method, rng, item_ids) for _ in people]
    design: dict[str, Any] = {
        "method": method, "items": [{"id": i, "label": {"en": i}} for i in item_ids],
        "group_weights": {"g0": 2.0}}
    if method == "matrix":
        design["criteria"] = [{"id": c, "label": {"en": c}, "lower_is_better": c == "cost"}
                              for c in CRITERIA]
    return Workshop.model_validate({
        "format_version": 3, "code": code, "title": "Bench", "place": "Here", "date": NOW.date(),
        "pin_hash": hash_pin("1234"),
        "groups": [{"id": f"g{g}", "label": {"en": f"G{g}"}} for g in range(GROUPS)],
        "participants": people,
        "exercises": [{
            "id": EXERCISE, "kind": KIND.name, "title": {"en": "E"}, "status": "open",
            "design": design,
            "ballots": [{"participant": p["token"], "cast_at": NOW, "answer": a}
                        for p, a in zip(people, answers)],
            "shown": [{"participant": p["token"], "shown_at": NOW, "payload": {"pair": a["pair"]}}
                      for p, a in zip(people, answers) if method == "pairwise"]}]})


def median_seconds(action: Callable[[], object], repeat: int = 5) -> float:
    """The median wall time of ``action()`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def in_threads(threads: int, votes: int, vote: Callable[[int, int], None]) -> float:
    """Votes per second when ``threads`` writers each call ``vote(writer, n)`` in turn."""
    def writer(number: int) -> None:
        for n in range(votes // threads):
            vote(number, n)

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(writer, range(threads)))
    return votes / (time.perf_counter() - start)


def floor_insert(database: Path) -> Callable[[int, int], None]:
    """The floor app's vote (``pages/vote.py`` there): connect, ``synchronous=FULL``, one
    insert, close."""
    connection = sqlite3.connect(database, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("CREATE TABLE IF NOT EXISTS ballots(token TEXT, answer TEXT)")
    connection.close()

    def vote(writer: int, n: int) -> None:
        con = sqlite3.connect(database, timeout=30, isolation_level=None)
        con.execute("PRAGMA synchronous=FULL")
        con.execute("INSERT INTO ballots VALUES (?, ?)", (f"w{writer}", f'{{"n": {n}}}'))
        con.close()

    return vote


def store_cast(store: Store, code: str, threads: int) -> Callable[[int, int], None]:
    """``Store.cast`` of a random bean ballot, one participant per writer."""
    items = [item.id for item in store.exercise(code, EXERCISE).design.items]
    tokens = [store.join(code, "g0", "en", NOW).token for _ in range(threads)]

    def vote(writer: int, n: int) -> None:
        answer = {"method": "tokens", "beans": random_beans(random.Random(n), items, 10)}
        store.cast(code, EXERCISE, tokens[writer], answer, NOW)

    return vote


def bench_store(name: str, url: str, workshop: Workshop, small: Workshop,
                floor: Path | None) -> None:
    """The store's reads and writes on ``url``; the workshops are removed afterwards."""
    store = Store(url)
    for code in (workshop.code, small.code):
        if code in store.codes():
            store.delete(code)
    try:
        store.import_workshop(workshop)
        ballots = len(workshop.exercises[0].ballots)
        code = workshop.code
        token = workshop.participants[-1].token
        print(f"{name}: load the whole workshop ({ballots} ballots): "
              f"{median_seconds(lambda: store.load(code), 3) * 1000:.0f} ms")
        for read, action in (
                ("open_view (every phone rerun)", lambda: store.open_view(code)),
                ("a phone's own ballots", lambda: store.ballots(code, EXERCISE,
                                                                participant=token)),
                ("open_everywhere (the phones' checks, once a second)",
                 lambda: store.open_everywhere())):
            each = median_seconds(lambda a=action: [a() for _ in range(PER_RERUN_CALLS)], 3)
            print(f"{name}: {read}: {each / PER_RERUN_CALLS * 1000:.2f} ms")
        live = LiveWorkshop(store, code)
        print(f"{name}: live view, first read: "
              f"{median_seconds(lambda: LiveWorkshop(store, code).workshop(), 3) * 1000:.0f} ms")
        live.result(EXERCISE)
        newcomer = store.join(code, "g1", "en", NOW)
        store.cast(code, EXERCISE, newcomer.token, random_answer(
            "tokens", random.Random(0), [i.id for i in workshop.exercises[0].design.items]), NOW)
        start = time.perf_counter()
        live.workshop()
        refreshed = time.perf_counter() - start
        start = time.perf_counter()
        live.result(EXERCISE)
        recomputed = time.perf_counter() - start
        print(f"{name}: live view, refresh after one more ballot: {refreshed * 1000:.1f} ms; "
              f"its result recomputed: {recomputed * 1000:.0f} ms")
        store.import_workshop(small)
        for threads in (1, 16):
            rate = in_threads(threads, 400, store_cast(store, small.code, threads))
            line = f"{name}: votes accepted, {threads:2d} writer(s): {rate:,.0f} per second"
            if floor is not None:
                base = in_threads(threads, 400, floor_insert(floor))
                line += (f"; the floor's insert {base:,.0f} per second (the store's rate is "
                         f"{rate / base:.2f}× the floor's)")
            print(line, flush=True)
    finally:
        for code in (workshop.code, small.code):
            if code in store.codes():
                store.delete(code)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--postgres", help="also measure this PostgreSQL URL")
    args = parser.parse_args()
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")

    for method, aggregations in AGGREGATIONS.items():
        workshop = big_workshop(args.ballots, args.items, method)
        exercise, room = workshop.exercise(EXERCISE), workshop.room()
        for aggregation in aggregations:
            for weighting in WEIGHTINGS:
                seconds = median_seconds(lambda e=exercise, r=room, w=weighting, a=aggregation:
                                         results(e, r, w, a), 3)
                print(f"results, {args.ballots} ballots x {args.items} items, {method} by "
                      f"{aggregation}, {weighting} weighting: {seconds * 1000:.0f} ms", flush=True)
    workshop = big_workshop(args.ballots, args.items)
    small = big_workshop(30, 10, seed=2, code="SMALL")
    with tempfile.TemporaryDirectory() as folder:
        bench_store("sqlite", f"sqlite:///{folder}/bench.sqlite3", workshop, small,
                    Path(folder) / "floor.sqlite3")
    if args.postgres:
        bench_store("postgresql", args.postgres, workshop, small, None)
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
