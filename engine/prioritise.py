"""Participatory prioritisation results: bean/token distribution and importance × urgency.

Every number the app, the workbook and the command line show for a prioritisation exercise
comes from ``results``. Conventions:

- Each participant's *latest* ballot counts (ballots are appended, never overwritten).
- A proxy ballot stands for ``voters`` people: under person weighting it counts that many times.
- Weighting ``person``: every voter counts the same. Weighting ``group``: every stakeholder group
  that voted counts the same, whatever its size (HRBA equity: a large group cannot drown a small
  one); each group's result is computed first, then the groups' results are averaged.
- Ranks are competition ranks ("1, 2, 2, 4"): rank 1 is the highest priority; tied items share
  a rank and are listed in the exercise's item order.
- A group with fewer voters than the workshop's ``small_group_threshold`` is never shown on its
  own (its people could be recognised), but its ballots still count in the overall result.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Literal

from pydantic import BaseModel

from engine.errors import NotFoundError
from engine.model import Ballot, Exercise, ImportanceUrgencyAnswer, TokenAnswer, Workshop, SCALE

__all__ = ["Weighting", "WEIGHTINGS", "ItemResult", "GroupTurnout", "ExerciseResult", "results",
           "latest_ballots", "turnout", "competition_ranks", "quadrant"]

Weighting = Literal["person", "group"]
WEIGHTINGS: tuple[Weighting, ...] = ("person", "group")
QUADRANTS = ("act_now", "plan", "respond_quickly", "monitor")


class ItemResult(BaseModel):
    """One item's line in a result.

    ``score`` is what the rank orders by: for tokens, the item's share of all beans (0–1); for
    importance × urgency, mean importance × mean urgency (1–25). ``beans`` is the raw bean count
    under person weighting (``None`` under group weighting, where counts are not comparable).
    """

    item: str
    rank: int
    score: float
    share: float | None = None
    beans: int | None = None
    importance: float | None = None
    urgency: float | None = None
    quadrant: str | None = None


class GroupTurnout(BaseModel):
    """How many of a group have voted in an exercise, against how many joined and were expected."""

    group: str
    voted: int
    joined: int
    expected: int


class ExerciseResult(BaseModel):
    """The result of one exercise under one weighting, overall and per group."""

    exercise: str
    method: str
    weighting: Weighting
    voters: int
    items: list[ItemResult]
    groups: dict[str, list[ItemResult]]
    hidden_groups: list[str]
    turnout: list[GroupTurnout]


def latest_ballots(exercise: Exercise) -> list[Ballot]:
    """Each participant's most recent ballot, in the order those ballots were cast."""
    latest: dict[str, Ballot] = {}
    for ballot in exercise.ballots:
        latest.pop(ballot.participant, None)  # re-insert so dict order follows the newest ballot
        latest[ballot.participant] = ballot
    return list(latest.values())


def turnout(workshop: Workshop, exercise: Exercise) -> list[GroupTurnout]:
    """Per group: voters counted in this exercise (proxy voters included), joined, expected."""
    group_of = {p.token: p.group for p in workshop.participants}
    voted: dict[str, int] = defaultdict(int)
    for ballot in latest_ballots(exercise):
        voted[group_of[ballot.participant]] += ballot.voters
    joined: dict[str, int] = defaultdict(int)
    for participant in workshop.participants:
        if not participant.proxy:
            joined[participant.group] += 1
    return [GroupTurnout(group=g.id, voted=voted[g.id], joined=joined[g.id], expected=g.expected)
            for g in workshop.groups]


def competition_ranks(scores: list[float]) -> list[int]:
    """Standard competition ranking ("1224") of scores, highest first."""
    return [1 + sum(other > score for other in scores) for score in scores]


def quadrant(importance: float, urgency: float) -> str:
    """Which quadrant of the importance × urgency grid a pair of means falls in.

    An axis counts as high when its mean is above the middle of the 1–5 scale (above 3):
    important and urgent → act now; important only → plan; urgent only → respond quickly;
    neither → monitor.
    """
    middle = (SCALE[0] + SCALE[1]) / 2
    high_importance, high_urgency = importance > middle, urgency > middle
    if high_importance and high_urgency:
        return "act_now"
    if high_importance:
        return "plan"
    if high_urgency:
        return "respond_quickly"
    return "monitor"


def results(workshop: Workshop, exercise_id: str, weighting: Weighting = "person") -> ExerciseResult:
    """The result of ``exercise_id`` under ``weighting``, overall and for each large-enough group."""
    try:
        exercise = workshop.exercise(exercise_id)
    except StopIteration:
        raise NotFoundError("exercise.unknown", exercise=exercise_id) from None
    if weighting not in WEIGHTINGS:
        raise NotFoundError("weighting.unknown", weighting=weighting)
    group_of = {p.token: p.group for p in workshop.participants}
    by_group: dict[str, list[Ballot]] = defaultdict(list)
    for ballot in latest_ballots(exercise):
        by_group[group_of[ballot.participant]].append(ballot)
    aggregate = _AGGREGATORS[exercise.method]
    group_means = {group: aggregate(exercise, group_ballots) for group, group_ballots in by_group.items()}
    if weighting == "person":
        overall = aggregate(exercise, [b for group in by_group.values() for b in group])
    else:
        overall = _average(exercise, list(group_means.values()))
    shown, hidden = {}, []
    for group in workshop.groups:  # in the workshop's group order
        if group.id not in by_group:
            continue
        if sum(b.voters for b in by_group[group.id]) < workshop.small_group_threshold:
            hidden.append(group.id)
        else:
            shown[group.id] = _ranked(exercise, group_means[group.id], counts=True)
    return ExerciseResult(
        exercise=exercise.id, method=exercise.method, weighting=weighting,
        voters=sum(b.voters for group in by_group.values() for b in group),
        items=_ranked(exercise, overall, counts=weighting == "person"),
        groups=shown, hidden_groups=hidden, turnout=turnout(workshop, exercise))


# ---- per-method aggregation: ballots → {item: {measure: value}} -------------------------------

def _tokens(exercise: Exercise, ballots: list[Ballot]) -> dict[str, dict[str, float]]:
    """Bean totals and shares: share = the item's beans / all beans placed."""
    beans = {item.id: 0 for item in exercise.items}
    for ballot in ballots:
        answer: TokenAnswer = ballot.answer
        for item_id, count in answer.beans.items():
            beans[item_id] += count
    placed = sum(beans.values())
    return {item: {"beans": count, "share": count / placed if placed else 0.0}
            for item, count in beans.items()}


def _importance_urgency(exercise: Exercise, ballots: list[Ballot]) -> dict[str, dict[str, float]]:
    """Mean importance and mean urgency per item, each ballot weighted by its voters."""
    people = sum(b.voters for b in ballots)
    sums = {item.id: [0.0, 0.0] for item in exercise.items}
    for ballot in ballots:
        answer: ImportanceUrgencyAnswer = ballot.answer
        for item_id, rating in answer.ratings.items():
            sums[item_id][0] += rating.importance * ballot.voters
            sums[item_id][1] += rating.urgency * ballot.voters
    return {item: {"importance": s[0] / people if people else 0.0,
                   "urgency": s[1] / people if people else 0.0} for item, s in sums.items()}


_AGGREGATORS = {"tokens": _tokens, "importance-urgency": _importance_urgency}


def _average(exercise: Exercise, per_group: list[dict[str, dict[str, float]]]
             ) -> dict[str, dict[str, float]]:
    """Group weighting: the plain mean of each group's measures (shares, or mean ratings)."""
    measures = ("share",) if exercise.method == "tokens" else ("importance", "urgency")
    count = len(per_group)
    return {item.id: {m: (sum(g[item.id][m] for g in per_group) / count if count else 0.0)
                      for m in measures} for item in exercise.items}


def _ranked(exercise: Exercise, measures: dict[str, dict[str, float]], counts: bool
            ) -> list[ItemResult]:
    """Score, rank and sort the items; ``counts`` keeps raw bean counts (person weighting)."""
    rows = []
    for item in exercise.items:
        m = measures[item.id]
        if exercise.method == "tokens":
            rows.append(ItemResult(item=item.id, rank=0, score=round(m["share"], 6),
                                   share=round(m["share"], 6),
                                   beans=int(m["beans"]) if counts else None))
        else:
            importance, urgency = round(m["importance"], 6), round(m["urgency"], 6)
            rows.append(ItemResult(item=item.id, rank=0, score=round(importance * urgency, 6),
                                   importance=importance, urgency=urgency,
                                   quadrant=quadrant(importance, urgency)))
    for row, rank in zip(rows, competition_ranks([row.score for row in rows])):
        row.rank = rank
    return sorted(rows, key=lambda row: row.rank)  # stable: ties keep item order
