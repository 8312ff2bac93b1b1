"""The worked example of docs/exercises/rehabilitation.md, as test data.

A 2 ha site (20 000 m²), costs in CFA francs: a person-day 2 500 XOF, an equipment-day
200 000 XOF. Rates (person-days, equipment-days, supplies per unit of work): pits by hand 0.4
per m³; pits by machine 0.005 and 0.0025 per m³; ground 0.05 per m²; topsoil 0.25 per m³;
seedlings 0.01 and 100 XOF each; a team's day 4. Topsoil to conserve: 8 000 m² × 0.25 m, in
spoil half topsoil, moved by hand. One or two tasks per phase:

========== ============== ======================================= =====================
phase      task           quantity                                dates (2026)
========== ============== ======================================= =====================
prep.      survey         2 team days                             2–6 March
technical  infill-hand    30 pits × 3 m² × 2 m = 180 m³           9 March – 7 April
technical  infill-machine 10 pits × 5 m² × 8 m = 400 m³ (machine) 16–20 March
technical  regrade        6 000 m²                                23 March – 21 April
topsoil    respread       2 000 m³ of topsoil                     1–30 April
biological plant          1 500 néré seedlings                    1–31 May
handover   sign-off       1 team day                              2–6 November
========== ============== ======================================= =====================

Worked by hand (person-days pd, equipment-days ed, cost in XOF):

- survey 2 × 4 = 8 pd, 20 000; infill-hand 180 × 0.4 = 72 pd, 180 000; infill-machine
  400 × 0.005 = 2 pd and 400 × 0.0025 = 1 ed, 2 × 2 500 + 200 000 = 205 000; regrade
  6 000 × 0.05 = 300 pd, 750 000; respread 2 000 × 0.25 = 500 pd, 1 250 000; plant
  1 500 × 0.01 = 15 pd, 37 500 + 1 500 × 100 = 187 500; sign-off 4 pd, 10 000.
- Phases: preparation 8 pd, 20 000; technical 374 pd, 1 ed, 1 135 000; topsoil 500 pd,
  1 250 000 (2 000 m³ of topsoil); biological 15 pd, 187 500; handover 4 pd, 10 000.
- Total: 901 pd, 1 ed, 2 602 500 XOF (labour 901 × 2 500 = 2 252 500, equipment 200 000,
  supplies 150 000).
- Whole Mine Cycle: V = 8 000 × 0.25 = 2 000 m³. Stored: 2 V = 4 000 m³ × 0.25 = 1 000 pd,
  2 500 000. Recovered: V / 0.5 + V = 6 000 m³, 1 500 pd, 3 750 000. Saving 2 000 m³, 500 pd,
  1 250 000 XOF.
- Months: infill-hand's 30 days are 23 in March, 7 in April (72 × 23/30 = 55.2 and 16.8);
  regrade's 30 days 9 in March, 21 in April (90 and 210). March 8 + 55.2 + 2 + 90 = 155.2 pd;
  April 16.8 + 210 + 500 = 726.8; May 15; June to October 0; November 4: 901 in all.

The room (small-group threshold 3): women w1–w3, miners m1–m4, the office o1 (one person, never
shown alone). Latest votes (w3 first voted farming 3, then changed to forest 2):
w1 farming 4, w2 farming 5, w3 forest 2; m1 farming 2, m2 forest 3, m3 farming 4, m4 farming 3;
o1 forest 5.

- Land use, 8 voters: farming 5 (5/8 = 0.625), forest 3 (0.375): farming chosen.
- Acceptability: ratings 4, 5, 2, 2, 3, 4, 3, 5: counts (1–5) 0, 2, 2, 2, 2; mean 28/8 = 3.5;
  acceptable 4/8 = 0.5, not more than half: the room as a whole does not accept.
- Women: farming 2, forest 1; ratings 4, 5, 2: mean 11/3 = 3.67, acceptable 2/3: accept.
  Miners: farming 3, forest 1; ratings 2, 3, 4, 3: mean 3, acceptable 1/4: do not accept.
  The office is hidden. Not accepted by: miners.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from engine.core.workshop import Workshop
from engine.exercises.rehabilitation.design import RehabilitationPlan

from factories import at, workshop_data

EXERCISE = "rap"
D = dt.date


def task(id: str, quantity: float, unit: str, start: dt.date, end: dt.date, **extra: Any
         ) -> dict[str, Any]:
    return {"id": id, "label": {"en": id.replace("-", " ").capitalize(), "fr": f"{id} (fr)"},
            "quantity": quantity, "unit": unit, "who": "miners", "start": start.isoformat(),
            "end": end.isoformat(), **extra}


def rate(unit: str, method: str, person_days: float, equipment_days: float = 0,
         supplies: float = 0) -> dict[str, Any]:
    return {"unit": unit, "method": method, "person_days": person_days,
            "equipment_days": equipment_days, "supplies": supplies}


def plan_data() -> dict[str, Any]:
    """The example plan as a workshop file holds it: a fresh dict, safe to break."""
    return {
        "site": {"name": "Kpéssou lowland", "area": 2, "area_unit": "ha",
                 "state": {"en": "Open pits and spoil heaps", "fr": "Fosses et déblais"},
                 "mineral": {"en": "Gold", "fr": "Or"}, "alluvial": True},
        "costs": {"currency": "XOF", "wage": 2500, "equipment_day": 200000},
        "rates": [rate("pit", "manual", 0.4), rate("pit", "mechanised", 0.005, 0.0025),
                  rate("m2", "manual", 0.05), rate("topsoil", "manual", 0.25),
                  rate("seedling", "manual", 0.01, supplies=100), rate("day", "manual", 4)],
        "species": [{"id": "nere", "label": {"en": "Néré (Parkia biglobosa)"},
                     "role": "target"}],
        "topsoil": {"area": 8000, "depth": 0.25, "mixed_share": 0.5, "method": "manual"},
        "phases": [
            {"phase": "preparation", "start": "2026-03-02", "tasks": [
                task("survey", 2, "day", D(2026, 3, 2), D(2026, 3, 6))]},
            {"phase": "technical", "start": "2026-03-09", "tasks": [
                task("infill-hand", 30, "pit", D(2026, 3, 9), D(2026, 4, 7), depth=2, opening=3),
                task("infill-machine", 10, "pit", D(2026, 3, 16), D(2026, 3, 20), depth=8,
                     opening=5, method="mechanised"),
                task("regrade", 6000, "m2", D(2026, 3, 23), D(2026, 4, 21))]},
            {"phase": "topsoil", "start": "2026-04-01", "tasks": [
                task("respread", 2000, "topsoil", D(2026, 4, 1), D(2026, 4, 30))]},
            {"phase": "biological", "start": "2026-05-01", "tasks": [
                task("plant", 1500, "seedling", D(2026, 5, 1), D(2026, 5, 31), species="nere")]},
            {"phase": "handover", "start": "2026-11-02", "tasks": [
                task("sign-off", 1, "day", D(2026, 11, 2), D(2026, 11, 6))]},
        ],
        "land_uses": [{"id": "farming", "label": {"en": "Farming", "fr": "Agriculture"},
                       "pictogram": "🌾"},
                      {"id": "forest", "label": {"en": "Forest", "fr": "Forêt"},
                       "pictogram": "🌳"}],
    }


def plan() -> RehabilitationPlan:
    return RehabilitationPlan.model_validate(plan_data())


def vote(token: str, land_use: str, rating: int, minute: int, voters: int = 1) -> dict[str, Any]:
    return {"participant": token, "cast_at": at(minute).isoformat(), "voters": voters,
            "answer": {"land_use": land_use, "acceptability": rating}}


VOTES = [vote("women-w1", "farming", 4, 1), vote("women-w2", "farming", 5, 2),
         vote("women-w3", "farming", 3, 3), vote("miners-m1", "farming", 2, 4),
         vote("miners-m2", "forest", 3, 5), vote("miners-m3", "farming", 4, 6),
         vote("miners-m4", "farming", 3, 7), vote("office-o1", "forest", 5, 8),
         vote("women-w3", "forest", 2, 9)]  # w3 changes her vote


def workshop_file_data(design: dict[str, Any] | None = None, ballots: list[dict] | None = None,
                       status: str = "open", proxies: tuple[str, ...] = ()) -> dict[str, Any]:
    """The example workshop as file data: the plan (or ``design``), the votes (or ``ballots``),
    and a proxy participant for each group in ``proxies``."""
    data = workshop_data({"women": ["women-w1", "women-w2", "women-w3"],
                          "miners": ["miners-m1", "miners-m2", "miners-m3", "miners-m4"],
                          "office": ["office-o1"]}, code="RAPEX", proxies=proxies)
    data["exercises"] = [{"id": EXERCISE, "kind": "rehabilitation",
                          "title": {"en": "Kpéssou plan", "fr": "Plan de Kpéssou"},
                          "status": status, "design": design or plan_data(),
                          "ballots": VOTES if ballots is None else ballots}]
    return data


def example_workshop(**options: Any) -> Workshop:
    return Workshop.model_validate(workshop_file_data(**options))
