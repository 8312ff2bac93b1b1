"""Speed of the engine and the store, printed as figures (not a test: these machines are noisy).

    python bench/engine_bench.py [--ballots 10000] [--items 30] [--postgres URL]

Prints, for N ballots over M items: the time ``prioritise.results`` takes for every method and
aggregation (everything the results page shows: per-group results, Kendall's W, divergence)
under each weighting; the time to load the workshop from the store; and how many votes per
second the store accepts (one thread, then 16 threads), on SQLite and optionally PostgreSQL.
The pure aggregation functions are timed against reference libraries in
``bench/social_choice_bench.py``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.access import hash_pin
from engine.model import Workshop
from engine.prioritise import AGGREGATIONS, WEIGHTINGS, results
from engine.store import Store, metadata

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)
GROUPS = 8


def random_beans(rng: random.Random, items: list[str], budget: int) -> dict[str, int]:
    """``budget`` beans dropped one by one on random items."""
    beans: dict[str, int] = {}
    for _ in range(budget):
        item = rng.choice(items)
        beans[item] = beans.get(item, 0) + 1
    return beans


def random_answer(method: str, rng: random.Random, items: list[str]) -> dict:
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


CRITERIA = ("harm", "reach", "cost")


def big_workshop(ballots: int, items: int, method: str = "tokens", seed: int = 1) -> Workshop:
    """One ``method`` exercise with ``ballots`` participants (one ballot each) over ``items``."""
    rng = random.Random(seed)
    item_ids = [f"item-{i}" for i in range(items)]
    people = [{"token": f"token{i:06d}", "group": f"g{i % GROUPS}", "language": "en",
               "joined_at": NOW} for i in range(ballots)]
    answers = [random_answer(method, rng, item_ids) for _ in people]
    return Workshop.model_validate({
        "code": "BENCH", "title": "Bench", "place": "Here", "date": NOW.date(),
        "pin_hash": hash_pin("1234"),
        "groups": [{"id": f"g{g}", "label": {"en": f"G{g}"}} for g in range(GROUPS)],
        "participants": people,
        "exercises": [{
            "id": "e", "title": {"en": "E"}, "method": method, "status": "open",
            "items": [{"id": i, "label": {"en": i}} for i in item_ids],
            "criteria": [{"id": c, "label": {"en": c}, "lower_is_better": c == "cost"}
                         for c in CRITERIA] if method == "matrix" else [],
            "group_weights": {"g0": 2.0},
            "ballots": [{"participant": p["token"], "cast_at": NOW, "answer": a}
                        for p, a in zip(people, answers)],
            "offers": [{"participant": p["token"], "pair": a["pair"], "offered_at": NOW}
                       for p, a in zip(people, answers) if method == "pairwise"]}]})


def median_seconds(action, repeat: int = 5) -> float:
    """The median wall time of ``action()`` over ``repeat`` runs."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def votes_per_second(store: Store, workshop: Workshop, threads: int, votes: int) -> float:
    """Votes the store accepts per second from ``threads`` concurrent writers."""
    items = [item.id for item in workshop.exercises[0].items]
    tokens = [store.join(workshop.code, "g0", "en", NOW).token for _ in range(threads)]

    def vote(token: str) -> None:
        rng = random.Random(token)
        for _ in range(votes // threads):
            store.cast(workshop.code, "e", token,
                       {"method": "tokens", "beans": random_beans(rng, items, 10)}, NOW)

    start = time.perf_counter()
    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(vote, tokens))
    return votes / (time.perf_counter() - start)


def bench_store(name: str, url: str, workshop: Workshop, small: Workshop) -> None:
    store = Store(url)
    metadata.drop_all(store.engine)
    metadata.create_all(store.engine)
    store.import_workshop(workshop)
    print(f"{name}: load {len(workshop.exercises[0].ballots)} ballots: "
          f"{median_seconds(lambda: store.load(workshop.code), 3) * 1000:.0f} ms")
    store.import_workshop(small)
    for threads in (1, 16):
        rate = votes_per_second(store, small, threads, votes=400)
        print(f"{name}: votes accepted, {threads:2d} thread(s): {rate:,.0f} per second")
    metadata.drop_all(store.engine)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=10_000)
    parser.add_argument("--items", type=int, default=30)
    parser.add_argument("--postgres", help="also measure this PostgreSQL URL")
    args = parser.parse_args()

    for method, aggregations in AGGREGATIONS.items():
        workshop = big_workshop(args.ballots, args.items, method)
        for aggregation in aggregations:
            for weighting in WEIGHTINGS:
                seconds = median_seconds(partial(results, workshop, "e", weighting, aggregation), 3)
                print(f"results, {args.ballots} ballots x {args.items} items, {aggregation}, "
                      f"{weighting} weighting: {seconds * 1000:.0f} ms")
    workshop = big_workshop(args.ballots, args.items)
    small = big_workshop(30, 10, seed=2).model_copy(update={"code": "SMALL"})
    with tempfile.TemporaryDirectory() as folder:
        bench_store("sqlite", f"sqlite:///{folder}/bench.sqlite3", workshop, small)
    if args.postgres:
        bench_store("postgresql", args.postgres, workshop, small)


if __name__ == "__main__":
    main()
