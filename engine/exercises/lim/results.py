"""The Leverage and Incentives Matrix (guide 3.1): instruments scored on leverage, effect and risk.

Through consultation, a Leverage and Incentives Matrix (LIM) asks of each candidate incentive or
disincentive: what is the objective (the overall change desired)? What will the inducement look
like (often a package of values and regulations)? How much leverage does it have? What are the
risks of unintended consequences? What non-negotiable conditions must be attached? What are its
limitations? (guide 3.1). The facilitator writes the instruments (``STARTER_INSTRUMENTS`` is a
starting point); participants score each one, 1 (low) to 5 (high), on the four ``CRITERIA``:

- ``leverage``: how much the instrument can change behaviour;
- ``effectiveness``: how well it will work, given its limitations;
- ``risk_likelihood`` and ``risk_severity``: how likely and how serious unintended consequences are.

Conventions (as for every kind; ``engine.core.answers``):

- A ballot scores one or more instruments, each on all four criteria (``ScoreShape``). Ballots are
  appended, never edited; for each participant and instrument the *latest* scores count, so a
  phone can send one instrument at a time and re-scoring replaces only that instrument.
- A proxy ballot (a group's agreed scores, entered by the facilitator) stands for ``voters`` people.
- Weighting ``person`` counts every voter once; weighting ``group`` averages each group's means,
  over the groups that scored the instrument, so every group counts the same (HRBA equity); the
  hidden groups' scores are pooled first, the pool counting once per hidden group
  (``LatestAnswers.group_units``), so that no hidden group's own mean enters the result.
- A group with fewer voters than the workshop's ``small_group_threshold`` is never shown on its
  own, but still counted overall (nor the next smallest, when it would be the only one hidden:
  ``engine.core.suppression.hidden_groups``); nor is a shown group's line for an instrument
  fewer than that many of its voters scored.
- Ranks are competition ranks ("1224"), rank 1 = the best composite; ties keep instrument order.
  An instrument with an ``unmet`` condition is listed but not ranked (*gated*): its conditions
  are what gives it real leverage (guide 3.1), so it cannot be recommended until they are met.

References
----------
Belton, V. & Stewart, T. J. (2002). *Multiple Criteria Decision Analysis: An Integrated
Approach*. Kluwer. https://doi.org/10.1007/978-1-4615-1495-4 (additive weighting of normalised
criteria, used by ``composite``).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from operator import itemgetter
from typing import Any, Literal

from pydantic import BaseModel

from engine.core.answers import BASIC_WEIGHTINGS, Weighting, latest_answers
from engine.core.errors import NotFoundError
from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.suppression import hidden_groups
from engine.exercises.lim.design import (CRITERIA, DEFAULT_WEIGHTS, Criterion, IncentiveMatrix,
                                         Instrument, Scores, Weights)
from engine.core.types import SCALE
from engine.methods.scales import competition_ranks

__all__ = ["Formula", "formula", "composite", "InstrumentResult", "Disagreement", "BubblePoint",
           "IncentiveResult", "incentive_results"]

_LOW, _HIGH = SCALE
_RISK_LOW, _RISK_HIGH = _LOW * _LOW, _HIGH * _HIGH  # risk = likelihood × severity: 1–25


class Formula(BaseModel):
    """The composite formula as the presenter shows it, with the weights in use.

    ``expression`` and ``normalisation`` are written in symbols, the same in every language;
    ``symbols`` says which criterion (a catalogue key suffix) each letter stands for.
    """

    weights: Weights
    expression: str
    normalisation: str
    symbols: dict[str, str]


def _number(value: float) -> str:
    return f"{value:g}"


def formula(weights: Weights = DEFAULT_WEIGHTS) -> Formula:
    """The composite formula for ``weights``.

    Examples
    --------
    The default weights reward leverage and effectiveness and penalise risk equally:

    >>> formula().expression
    'C = 1·L′ + 1·E′ − 1·R′'
    """
    terms = [(weights.leverage, "L′"), (weights.effectiveness, "E′"), (weights.risk, "R′")]
    text = ""
    for index, (weight, symbol) in enumerate(terms):
        sign = "" if index == 0 else (" − " if weight < 0 else " + ")  # leverage is never < 0
        text += f"{sign}{_number(abs(weight))}·{symbol}"
    span = _HIGH - _LOW
    return Formula(
        weights=weights, expression=f"C = {text}",
        normalisation=(f"L′ = (L − {_LOW})/{span}; E′ = (E − {_LOW})/{span}; R = mean(P·S); "
                       f"R′ = (R − {_RISK_LOW})/{_RISK_HIGH - _RISK_LOW}"),
        symbols={"C": "composite", "L": "leverage", "E": "effectiveness", "P": "risk_likelihood",
                 "S": "risk_severity", "R": "risk"})


def composite(leverage: float | Fraction, effectiveness: float | Fraction, risk: float | Fraction,
              weights: Weights = DEFAULT_WEIGHTS) -> float:
    """The composite score of an instrument's mean leverage, mean effectiveness and mean risk.

    Each criterion is first rescaled to 0–1 so that the weights compare like with like:

    .. math::

        C = w_L \\frac{L - 1}{4} + w_E \\frac{E - 1}{4} + w_R \\frac{R - 1}{24}

    where ``L`` and ``E`` are mean scores on 1–5 and ``R`` is the mean risk on 1–25 (each voter's
    likelihood × severity, averaged). With the default weights (1, 1, −1) ``C`` runs from −1
    (no leverage, no effectiveness, the worst risk) to 2 (full leverage and effectiveness, the
    least risk). Linear additive weighting of normalised criteria, as in multi-criteria
    analysis (Belton & Stewart 2002).

    Examples
    --------
    Mean leverage 5, mean effectiveness 3 and mean risk 7 (one voter said likelihood 2 ×
    severity 3, another 2 × 4): 1·(5 − 1)/4 + 1·(3 − 1)/4 − 1·(7 − 1)/24 = 1 + 0.5 − 0.25.

    >>> composite(5, 3, 7)
    1.25
    """
    span, risk_span = _HIGH - _LOW, _RISK_HIGH - _RISK_LOW
    return (weights.leverage * (leverage - _LOW) / span
            + weights.effectiveness * (effectiveness - _LOW) / span
            + weights.risk * (risk - _RISK_LOW) / risk_span)


# ---- results -----------------------------------------------------------------------------------

class InstrumentResult(BaseModel):
    """One instrument's line in a result.

    Means are over the voters who scored it (``None`` when nobody did). ``risk`` is the mean of
    each voter's likelihood × severity (1–25). ``rank`` is ``None`` when the instrument is not
    ranked, and ``unranked`` says why: ``unmet_conditions`` (the ids are in ``unmet_conditions``)
    or ``no_scores``. ``unknown_conditions`` are those not yet known to be met or unmet.
    """

    instrument: str
    kind: str
    rank: int | None
    unranked: Literal["unmet_conditions", "no_scores"] | None = None
    unmet_conditions: list[str] = []
    unknown_conditions: list[str] = []
    voters: int
    leverage: float | None = None
    effectiveness: float | None = None
    risk_likelihood: float | None = None
    risk_severity: float | None = None
    risk: float | None = None
    composite: float | None = None


class Disagreement(BaseModel):
    """How far the shown groups' composites for one instrument are apart.

    ``spread`` is the range (highest group composite − lowest) and ``sd`` the population
    standard deviation of the group composites; both need at least two groups.
    """

    instrument: str
    groups: dict[str, float]
    spread: float
    sd: float


class BubblePoint(BaseModel):
    """One bubble of the leverage–risk chart: x = mean leverage (1–5), y = mean risk (1–25),
    size = mean effectiveness (1–5)."""

    instrument: str
    kind: str
    x: float
    y: float
    size: float
    ranked: bool


class IncentiveResult(BaseModel):
    """The Leverage and Incentives Matrix under one weighting, overall and per group.

    ``instruments``: ranked instruments by rank (ties in instrument order), then the unranked
    ones in instrument order. ``disagreement``: instruments scored by at least two shown groups,
    the widest spread first; ``most_disagreed``: those sharing the widest spread (if above 0).
    """

    weighting: Weighting
    voters: int
    formula: Formula
    instruments: list[InstrumentResult]
    groups: dict[str, list[InstrumentResult]]
    hidden_groups: list[str]
    disagreement: list[Disagreement]
    most_disagreed: list[str]
    bubbles: list[BubblePoint]


@dataclass(frozen=True)
class _Means:
    """Exact means of one instrument's scores over some voters."""

    voters: int
    leverage: Fraction
    effectiveness: Fraction
    risk_likelihood: Fraction
    risk_severity: Fraction
    risk: Fraction

    @classmethod
    def of(cls, entries: list[tuple[int, dict[Criterion, int]]]) -> _Means:
        """Each entry is (voters, scores): scores weigh as many times as the people behind them."""
        people = sum(voters for voters, _ in entries)

        def mean(value: Callable[[dict[Criterion, int]], int]) -> Fraction:
            return Fraction(sum(voters * value(scores) for voters, scores in entries), people)

        return cls(people, **{c: mean(itemgetter(c)) for c in CRITERIA},
                   risk=mean(lambda s: s["risk_likelihood"] * s["risk_severity"]))

    @classmethod
    def average(cls, groups: list[_Means], voters: int) -> _Means:
        """Group weighting: the plain mean of the groups' means, over ``voters`` people (the
        hidden groups' pool is listed once per hidden group, its people counted once)."""
        count = len(groups)
        return cls(voters, **{c: sum((getattr(g, c) for g in groups), Fraction(0)) / count
                              for c in (*CRITERIA, "risk")})


def incentive_results(exercise: Exercise, room: Room, weighting: str = "person"
                      ) -> IncentiveResult:
    """The Leverage and Incentives Matrix: every instrument's mean scores, composite and rank.

    Parameters
    ----------
    exercise : Exercise
        A LIM: its design's instruments (in the order they are listed) and weights, and every
        ballot in the order cast; each participant's latest scores of each instrument count.
    room : Room
        Whose participants (their groups), groups (their order) and ``small_group_threshold``
        apply; ballots of anyone else are left out.
    weighting : {"person", "group"}, default "person"

    Returns
    -------
    IncentiveResult
        With the composite's formula and the weights in use.

    Raises
    ------
    NotFoundError
        ``weighting.unknown``.

    Notes
    -----
    Risk is the mean of each voter's likelihood × severity, not mean likelihood × mean severity:
    each person judges one risk, and their two answers belong together. Half the room at
    likelihood 5, severity 1 and half at 1, 5 see a risk of 5 each; the product of the means
    would report 9, a risk nobody described. It also keeps risk on the 1–25 grid of a risk matrix.
    (Importance × urgency in a prioritisation multiplies means instead: there the two axes
    place an item in a quadrant rather than measure one quantity.)
    """
    if weighting not in BASIC_WEIGHTINGS:
        raise NotFoundError("weighting.unknown", weighting=weighting)
    design: IncentiveMatrix = exercise.design
    instruments, weights = design.instruments, design.weights

    def scores(answer: object) -> dict[str, dict[Criterion, int]]:
        assert isinstance(answer, Scores)
        return dict(answer.scores)

    latest = latest_answers(exercise.ballots, room, lambda ballot: scores(ballot.answer))
    group_voters, by_group = latest.voters, latest.entries
    group_means = {group: {i: _Means.of(entries) for i, entries in per.items()}
                   for group, per in by_group.items()}
    hidden = hidden_groups(room, group_voters)
    units = latest.group_units(hidden)
    overall: dict[str, _Means] = {}
    for instrument in instruments:
        if weighting == "person":
            entries = [e for per in by_group.values() for e in per.get(instrument.id, [])]
            if entries:
                overall[instrument.id] = _Means.of(entries)
        else:
            scored = [_Means.of(unit[instrument.id]) for unit in units if instrument.id in unit]
            if scored:
                people = sum(per[instrument.id].voters for per in group_means.values()
                             if instrument.id in per)
                overall[instrument.id] = _Means.average(scored, people)
    threshold = room.small_group_threshold
    shown: dict[str, list[InstrumentResult]] = {}
    for group in room.groups:
        if group.id not in by_group or group.id in hidden:
            continue
        enough = {i: m for i, m in group_means[group.id].items() if m.voters >= threshold}
        shown[group.id] = _ranked([i for i in instruments if i.id in enough], enough, weights)
    rows = _ranked(instruments, overall, weights)
    disagreement = _disagreement(instruments, shown)
    widest = disagreement[0].spread if disagreement else 0.0
    return IncentiveResult(
        weighting=weighting, voters=sum(group_voters.values()), formula=formula(weights),
        instruments=rows, groups=shown, hidden_groups=hidden, disagreement=disagreement,
        most_disagreed=[d.instrument for d in disagreement if widest > 0 and d.spread == widest],
        bubbles=[BubblePoint(instrument=r.instrument, kind=r.kind, x=r.leverage, y=r.risk,
                             size=r.effectiveness, ranked=r.rank is not None)
                 for r in sorted(rows, key=lambda r: _order(instruments)[r.instrument])
                 # scored by someone: its means are known
                 if r.leverage is not None and r.risk is not None and r.effectiveness is not None])


def _order(instruments: Sequence[Instrument]) -> dict[str, int]:
    return {instrument.id: index for index, instrument in enumerate(instruments)}


def _ranked(instruments: Sequence[Instrument], means: dict[str, _Means], weights: Weights
            ) -> list[InstrumentResult]:
    """Lines for ``instruments``: ranked ones by rank (ties in instrument order), then the rest."""
    rows = []
    for instrument in instruments:
        unmet = instrument.unmet()
        unknown = [c.id for c in instrument.conditions if c.met == "unknown"]
        m = means.get(instrument.id)
        line: dict[str, Any] = {
            "instrument": instrument.id, "kind": instrument.kind, "rank": None,
            "unmet_conditions": unmet, "unknown_conditions": unknown, "voters": 0,
            "unranked": "unmet_conditions" if unmet else "no_scores" if m is None else None}
        if m is not None:
            line.update(voters=m.voters, risk=_round(m.risk),
                        composite=round(composite(m.leverage, m.effectiveness, m.risk, weights), 6),
                        **{c: _round(getattr(m, c)) for c in CRITERIA})
        rows.append(line)
    eligible = [row for row in rows if row["unranked"] is None]
    for row, rank in zip(eligible, competition_ranks([row["composite"] for row in eligible])):
        row["rank"] = rank
    ranked = sorted(eligible, key=lambda row: row["rank"])  # stable: ties keep instrument order
    return [InstrumentResult(**row) for row in ranked + [r for r in rows if r["rank"] is None]]


def _round(value: Fraction) -> float:
    return round(float(value), 6)


def _disagreement(instruments: Sequence[Instrument], shown: dict[str, list[InstrumentResult]]
                  ) -> list[Disagreement]:
    """Per instrument, the spread of the shown groups' composites, widest first."""
    found = []
    for instrument in instruments:
        per_group = {group: row.composite for group, rows in shown.items() for row in rows
                     if row.instrument == instrument.id and row.composite is not None}
        if len(per_group) < 2:
            continue
        values = list(per_group.values())
        mean = sum(values) / len(values)
        found.append(Disagreement(
            instrument=instrument.id, groups=per_group, spread=round(max(values) - min(values), 6),
            sd=round(math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)), 6)))
    return sorted(found, key=lambda d: -d.spread)  # stable: ties keep instrument order
