"""Speed of the LIM and EMP results, printed as figures (not a test: these machines are noisy).

    python bench/matrices_bench.py [--people 300] [--instruments 10] [--land-uses 7]
                                   [--values 9] [--repeat 3]

Builds a seeded workshop (format 3) of ``people`` participants in ten groups with two
exercises: a Leverage and Incentives Matrix and a community EMP. Each participant scores every
instrument one instrument per ballot (as phones send them) and rates every land-use × value
cell one cell per ballot, then re-scores one instrument and re-rates one cell. Prints the
median time of: validating the whole workshop (every ballot checked against its exercise's
design), the LIM results under each weighting, the interaction matrix under each weighting, and
the EMP's three steps together (``emp_results``), plus the ballot counts.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.core.answers import BASIC_WEIGHTINGS
from engine.core.workshop import Workshop
from engine.exercises.emp import KIND as EMP
from engine.exercises.emp.plan import (INTERACTIONS, EnvironmentalPlan, EnvironmentalValue,
                                       LandUse, emp_results, interaction_results, matrix_cells)
from engine.exercises.lim import KIND as LIM
from engine.exercises.lim.design import CRITERIA, IncentiveMatrix, Instrument
from engine.exercises.lim.results import incentive_results

START = dt.datetime(2026, 11, 28, 9, tzinfo=dt.UTC)
GROUPS = 10


def workshop_data(people: int, instruments: int, land_uses: int, values: int, seed: int
                  ) -> dict[str, Any]:
    """A valid workshop's data with a LIM and an EMP and every participant's ballots, seeded."""
    rng = random.Random(seed)
    text = {"en": "x"}
    lim = IncentiveMatrix(instruments=[Instrument(id=f"i{n}", label={"en": f"Instrument {n}"},
                                                  objective=text, package=text)
                                       for n in range(instruments)])
    emp = EnvironmentalPlan(
        land_uses=[LandUse(id=f"u{n}", label={"en": f"Use {n}"}) for n in range(land_uses)],
        values=[EnvironmentalValue(id=f"v{n}", label={"en": f"Value {n}"}, category="habitat")
                for n in range(values)], start=START.date())
    cells = matrix_cells(emp.land_uses, emp.values)
    participants, scores, ratings = [], [], []
    for person in range(people):
        token = f"person-{person:05d}"
        participants.append({"token": token, "group": f"g{person % GROUPS}", "language": "en",
                             "joined_at": START})
        cast = START + dt.timedelta(seconds=person)
        for instrument in [*lim.instruments, lim.instruments[0]]:
            scores.append({"participant": token, "cast_at": cast, "answer": {"scores": {
                instrument.id: {c: rng.randint(1, 5) for c in CRITERIA}}}})
        for cell in [*cells, cells[0]]:
            ratings.append({"participant": token, "cast_at": cast,
                            "answer": {"ratings": {cell: rng.choice(INTERACTIONS)}}})
    return {"format_version": 3, "code": "BENCH", "title": "Bench", "place": "Here",
            "date": START.date(), "pin_hash": "x",
            "groups": [{"id": f"g{n}", "label": {"en": f"G{n}"}} for n in range(GROUPS)],
            "participants": participants,
            "exercises": [
                {"id": "lim", "kind": LIM.name, "status": "open",
                 "design": lim.model_dump(mode="json"), "ballots": scores},
                {"id": "emp", "kind": EMP.name, "status": "open",
                 "design": emp.model_dump(mode="json"), "ballots": ratings}]}


def median_seconds(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--instruments", type=int, default=10)
    parser.add_argument("--land-uses", type=int, default=7)
    parser.add_argument("--values", type=int, default=9)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = workshop_data(args.people, args.instruments, args.land_uses, args.values, args.seed)
    workshop = Workshop.model_validate(data)
    lim, emp = workshop.exercise("lim"), workshop.exercise("emp")
    room = workshop.room()
    design: EnvironmentalPlan = emp.design
    print(f"{args.people} people, {args.instruments} instruments ({len(lim.ballots)} score "
          f"ballots), {args.land_uses} × {args.values} cells ({len(emp.ballots)} interaction "
          f"ballots); {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    timings: dict[str, Callable[[], object]] = {
        "validate the workshop": lambda: Workshop.model_validate(data),
        **{f"LIM results, {w}": (lambda w=w: incentive_results(lim, room, w))
           for w in BASIC_WEIGHTINGS},
        **{f"interaction matrix, {w}": (lambda w=w: interaction_results(
            room, design.land_uses, design.values, emp.ballots, w))
           for w in BASIC_WEIGHTINGS},
        "EMP, all three steps": lambda: emp_results(emp, room),
    }
    for name, run in timings.items():
        print(f"  {name:<28} {median_seconds(run, args.repeat) * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
