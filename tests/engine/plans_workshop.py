"""A small workshop with a Leverage and Incentives Matrix and a community EMP, worked by hand.

Three groups (small-group threshold 3): women (``woman-1`` … ``woman-3``), miners (``miner-1`` …
``miner-3``) and the office (``officer-1``: hidden, but counted).

LIM
---
Instruments: ``zones`` (incentive, targets the miners, one condition met), ``royalty`` (its
condition ``traceable`` unmet, ``method`` not known yet: gated), ``fines`` (disincentive) and
``credit`` (nobody scores it; its label looks like a spreadsheet formula). Scores (leverage L,
effectiveness E, likelihood P, severity S); woman-1 later re-scores the fines::

              zones       royalty     fines
    woman-1   5 4 2 3                 2 2 4 4, then 4 3 2 2
    woman-2   4 4 1 2                 3 2 4 5
    woman-3   3 4 2 2                 1 2 3 4
    miner-1   3 2 3 4     5 5 1 1     1 1 5 5
    miner-2   2 2 2 2                 2 2 4 4
    miner-3   4 2 3 3                 3 1 5 4
    officer-1 2 3 1 1

Composite C = (L − 1)/4 + (E − 1)/4 − (R − 1)/24, R the mean of each voter's P × S.

- Person weighting: zones L = 23/7, E = 3, P = 2, S = 17/7, R = 38/7, C = 4/7 + 1/2 − 31/168 =
  149/168 (rank 1); fines (6 voters) L = 7/3, E = 11/6, P = 23/6, S = 4, R = 97/6, C = 1/3 + 5/24
  − 91/144 = −13/144 (rank 2); royalty L = E = 5, P = S = R = 1, C = 2 but not ranked (conditions
  unmet: traceable); credit not ranked (not scored yet).
- Hidden groups: the office (1 voter), and the women with it (the next smallest), or the room
  minus the miners would be the office (``hidden_groups``). Group weighting averages the miners'
  means and the pool of women and office, the pool counting twice: zones L = 10/3, E = 19/6,
  P = 17/9, S = 7/3, R = 89/18, C = 415/432; fines as under person weighting.
- With the women shown beside the miners (tests/engine/exercises/conftest.py adds two elders
  who are hidden with the office): women zones C = 3/4 + 3/4 − 3/24 = 11/8, fines R = 12,
  C = 5/12 + 1/3 − 11/24 = 7/24; miners zones R = 25/3, C = 1/2 + 1/4 − 22/72 = 4/9,
  fines R = 61/3, C = −17/36 (royalty: one miner only, not shown). Disagreement: zones spread
  11/8 − 4/9 = 67/72, sd 67/144; fines spread 55/72, sd 55/144. Most disagreed: zones.

EMP
---
Land uses asm, farming, settlement × values river (natural feature), forest (habitat). Latest
ratings (woman-3 first rated asm:river ``+``, then ``-``)::

                     woman-1 woman-2 woman-3 miner-1 miner-2 miner-3 officer-1
    asm:river          -       -       -       -                       +
    asm:forest         -       -               +       +       -
    farming:river      +       +               +       N
    farming:forest     N       N               N       +
    settlement:river   +                       N
    settlement:forest  (nobody)

- Person weighting: asm:river − 4/5, + 1/5 (consensus, majority −); asm:forest + 2/5, − 3/5
  (contested, majority −); farming:river + 3/4 (consensus +); farming:forest N 3/4 (consensus N);
  settlement:river + 1/2, N 1/2 (no majority, too few); settlement:forest not rated. Negative:
  asm:river, asm:forest.
- Group weighting (the women and the office pooled, counting twice, beside the miners):
  asm:river pool − 3/4, + 1/4, miners − 1 → + 1/6, − 5/6: consensus.
- Groups shown with two elders added (cells at least 3 of the group rated): women asm:river
  (− 1, consensus); miners asm:forest (+ 2/3, − 1/3: contested).
- Risks: asm:river likelihood 4 × consequence 4 = 16, high (rank 1); farming:forest 2 × 2 = 4,
  low (rank 2). asm:forest is negative and not assessed.
- Plan from 2026-03-01, 3 years (to 2029-02-28): buffer (avoid, 5 × 4 = 20, act now, the miners,
  years 1–2) and retort (minimise, 4 × 5 = 20) tie at rank 1, avoid first; hedges (rehabilitate,
  4 × 3 = 12, plan, years 2–3) rank 3. By year: 1 buffer, retort; 2 buffer, hedges; 3 hedges.
  asm:forest is addressed by no action.
"""

from __future__ import annotations

import datetime as dt

from engine.core.records import Ballot
from engine.core.workshop import Workshop
from engine.exercises.emp.plan import (Action, EnvironmentalPlan, EnvironmentalValue, LandUse,
                                       Ratings, RiskAssessment)
from engine.exercises.lim.design import Condition, IncentiveMatrix, Instrument, Scores

from factories import at, workshop_data

PEOPLE = {"women": ["woman-1", "woman-2", "woman-3"], "miners": ["miner-1", "miner-2", "miner-3"],
          "office": ["officer-1"]}
FORMULA_LABEL = "=HYPERLINK(\"http://x\",\"credit\")"  # the credit instrument's label
FORMULA_RESPONSIBLE = "@village council"  # who is responsible for the hedges


def _text(en: str) -> dict[str, str]:
    return {"en": en, "fr": f"{en} (fr)"}


def _instrument(instrument_id: str, kind: str = "incentive", conditions=(), **extra) -> Instrument:
    return Instrument(id=instrument_id, label=_text(instrument_id.title()), kind=kind,
                      objective=_text(f"{instrument_id} objective"),
                      package=_text(f"{instrument_id} package"),
                      conditions=[Condition(id=c, text=_text(f"{c} condition"), met=met)
                                  for c, met in conditions], **extra)


LIM = IncentiveMatrix(instruments=[
    _instrument("zones", conditions=[("gold", "met")], target="miners",
                limitations=_text("zones limitations"), pictogram="🗺️"),
    _instrument("royalty", conditions=[("traceable", "unmet"), ("method", "unknown")]),
    _instrument("fines", kind="disincentive"),
    _instrument("credit").model_copy(update={"label": {"en": FORMULA_LABEL}})])


def _scored(token: str, minute: int, **instruments: tuple[int, int, int, int]) -> Ballot:
    return Ballot(participant=token, cast_at=at(minute), answer=Scores(scores={
        instrument: dict(zip(("leverage", "effectiveness", "risk_likelihood", "risk_severity"),
                             scores)) for instrument, scores in instruments.items()}))


SCORE_BALLOTS = [
    _scored("woman-1", 1, zones=(5, 4, 2, 3), fines=(2, 2, 4, 4)),
    _scored("woman-2", 2, zones=(4, 4, 1, 2), fines=(3, 2, 4, 5)),
    _scored("woman-3", 3, zones=(3, 4, 2, 2), fines=(1, 2, 3, 4)),
    _scored("miner-1", 4, zones=(3, 2, 3, 4), royalty=(5, 5, 1, 1), fines=(1, 1, 5, 5)),
    _scored("miner-2", 5, zones=(2, 2, 2, 2), fines=(2, 2, 4, 4)),
    _scored("miner-3", 6, zones=(4, 2, 3, 3), fines=(3, 1, 5, 4)),
    _scored("officer-1", 7, zones=(2, 3, 1, 1)),
    _scored("woman-1", 9, fines=(4, 3, 2, 2)),  # re-scores the fines only
]

EMP = EnvironmentalPlan(
    land_uses=[LandUse(id="asm", label=_text("Mining"), pictogram="⛏️"),
               LandUse(id="farming", label=_text("Farming")),
               LandUse(id="settlement", label=_text("Villages"))],
    values=[EnvironmentalValue(id="river", label=_text("River"), category="natural_feature"),
            EnvironmentalValue(id="forest", label=_text("Forest"), category="habitat")],
    assessments=[RiskAssessment(cell="asm:river", likelihood=4, consequence=4),
                 RiskAssessment(cell="farming:forest", likelihood=2, consequence=2)],
    start=dt.date(2026, 3, 1), plan_years=3,
    actions=[
        Action(id="hedges", label=_text("Plant hedges"), cells=["farming:forest"],
               hierarchy="rehabilitate", importance=4, urgency=3,
               responsible=FORMULA_RESPONSIBLE, years=[2, 3], review=dt.date(2027, 3, 1)),
        Action(id="retort", label=_text("Use retorts"), cells=["asm:river"],
               hierarchy="minimise", importance=4, urgency=5, responsible="women", years=[1],
               review=dt.date(2026, 9, 1)),
        Action(id="buffer", label=_text("River buffer"), cells=["asm:river"],
               hierarchy="avoid", importance=5, urgency=4, responsible="miners", years=[1, 2],
               review=dt.date(2026, 9, 1))])


def _rated(token: str, minute: int, **cells: str) -> Ballot:
    return Ballot(participant=token, cast_at=at(minute), answer=Ratings(
        ratings={cell.replace("__", ":"): r for cell, r in cells.items()}))


INTERACTION_BALLOTS = [
    _rated("woman-1", 1, asm__river="-", asm__forest="-", farming__river="+",
           farming__forest="N", settlement__river="+"),
    _rated("woman-2", 2, asm__river="-", asm__forest="-", farming__river="+",
           farming__forest="N"),
    _rated("woman-3", 3, asm__river="+"),
    _rated("miner-1", 4, asm__river="-", asm__forest="+", farming__river="+",
           farming__forest="N", settlement__river="N"),
    _rated("miner-2", 5, asm__forest="+", farming__river="N", farming__forest="+"),
    _rated("miner-3", 6, asm__forest="-"),
    _rated("officer-1", 7, asm__river="+"),
    _rated("woman-3", 9, asm__river="-"),  # changes her mind
]


def plans_workshop_data() -> dict:
    """The workshop as file data, with its LIM (exercise ``lim``), EMP (``emp``) and their
    ballots, both open to phones."""
    return workshop_data(PEOPLE, [
        {"id": "lim", "kind": "lim", "status": "open", "design": LIM.model_dump(mode="json"),
         "ballots": [b.model_dump(mode="json") for b in SCORE_BALLOTS]},
        {"id": "emp", "kind": "emp", "status": "open", "design": EMP.model_dump(mode="json"),
         "ballots": [b.model_dump(mode="json") for b in INTERACTION_BALLOTS]}], code="PLANS3")


def plans_workshop() -> Workshop:
    """The validated workshop."""
    return Workshop.model_validate(plans_workshop_data())
