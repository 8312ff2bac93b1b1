"""A rehabilitation plan's results: its effort and cost, and what the room said of it.

The plan's numbers come from ``estimate`` (exact), rounded here to two decimals for people:
person-days, equipment-days, money and volumes. The room's answers are counted as every kind
counts them (``engine.core.answers``): each participant's latest ballot, a proxy ballot (a
group's flipchart) standing for its ``voters``. Two questions, one ballot:

- the **future land use**: votes per option, each one's share of the voters, and the room's
  choice (the option with the most votes; none when two lead together, or nobody voted);
- the **social acceptability** of the plan, 1 (not at all) to 5 (fully): how many gave each
  rating, the mean, and the share who find it acceptable (4 or 5, ``design.ACCEPTABLE``). A
  group *accepts* the plan when more than half of its voters find it acceptable: the FRM's
  sign-off standard is a plan "socially acceptable to all impacted stakeholders" (guide 2.4).

Per group as well; a group with fewer voters than the room's small-group threshold is never
shown on its own (``hidden_groups``, never named elsewhere), but counts in the room's totals;
nor is the next smallest when it would be the only one hidden, or the room minus the shown
groups would be the small group (``engine.core.suppression.hidden_groups``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction

from pydantic import BaseModel

from engine.core.answers import latest, voters_by_group
from engine.core.exercise import Exercise
from engine.core.records import Ballot, Room
from engine.core.suppression import hidden_groups
from engine.core.types import SCALE
from engine.exercises.rehabilitation.design import (ACCEPTABLE, STEPS, HandoverRecord,
                                                    RehabilitationPlan, Vote, exact, task_work,
                                                    work_unit)
from engine.exercises.rehabilitation.estimate import Effort, Estimate, estimate, month_key

__all__ = ["EffortTotals", "TaskLine", "PhaseLine", "Quantities", "WholeMineCycle",
           "MonthLine", "OptionCount", "Acceptance", "GroupVotes", "Votes",
           "RehabilitationResult", "count_votes", "rehabilitation_results"]

RATINGS = tuple(range(SCALE[0], SCALE[1] + 1))


def _r(value: Fraction) -> float:
    """Two decimals, for people (half to even, exactly)."""
    return float(round(value, 2))


def _share(value: Fraction) -> float:
    """A share to four decimals (a tenth of a percent, and a little more)."""
    return float(round(value, 4))


class EffortTotals(BaseModel):
    """Person-days, equipment-days, their costs, supplies, the cost in all (in the plan's
    currency) and topsoil handled (m³)."""

    person_days: float
    equipment_days: float
    labour_cost: float
    equipment_cost: float
    supplies_cost: float
    cost: float
    topsoil_m3: float

    @classmethod
    def of(cls, effort: Effort, **extra: object) -> dict[str, object]:
        """The fields of ``effort``, rounded, with ``extra`` ones (for a subclass)."""
        return {"person_days": _r(effort.person_days), "equipment_days": _r(effort.equipment_days),
                "labour_cost": _r(effort.labour), "equipment_cost": _r(effort.equipment),
                "supplies_cost": _r(effort.supplies), "cost": _r(effort.cost),
                "topsoil_m3": _r(effort.topsoil), **extra}


class TaskLine(EffortTotals):
    """One task's line: what, how much (its quantity, and its work in ``work_unit``), how, who,
    when, its step of the mitigation hierarchy, its effort, and whether its rate is a starting
    value."""

    task: str
    phase: str
    unit: str
    quantity: float
    work: float
    work_unit: str
    method: str
    who: str
    start: dt.date
    end: dt.date
    species: str | None
    step: str
    starting_rate: bool


class PhaseLine(EffortTotals):
    """One phase: its start, the end of its last task (none without tasks), how many tasks."""

    phase: str
    start: dt.date
    end: dt.date | None
    tasks: int


class Quantities(BaseModel):
    """The site's quantities: its area (m²); pits to infill (count and volume, m³); ground
    worked (m²); the topsoil to conserve (area × depth, m³) and the topsoil the tasks handle
    (m³); seedlings and seed (kg) per species (by id, in the plan's order)."""

    site_m2: float
    pits: int
    pit_volume_m3: float
    area_worked_m2: float
    topsoil_m3: float
    topsoil_handled_m3: float
    seedlings: dict[str, int]
    seed_kg: dict[str, float]


class WholeMineCycle(BaseModel):
    """The Whole Mine Cycle comparison (``estimate``): the topsoil to conserve, its share in
    the spoil, the method moving it; the m³ handled, person-days, equipment-days and cost of
    storing it while mining and of recovering it afterwards, and the saving."""

    topsoil_m3: float
    mixed_share: float
    method: str
    stored: EffortTotals
    recovered: EffortTotals
    saving: EffortTotals


class MonthLine(BaseModel):
    """One month of the timeline (``2026-03``): the effort and cost falling in it (each task's
    spread evenly over its days) and the tasks running in it."""

    month: str
    person_days: float
    equipment_days: float
    cost: float
    tasks: list[str]


class OptionCount(BaseModel):
    """A future land use's votes and share of the voters."""

    land_use: str
    votes: int
    share: float


class Acceptance(BaseModel):
    """How acceptable people find the plan: ``counts[r - 1]`` people rated it ``r`` (1–5); the
    mean rating; the share rating it 4 or 5; whether more than half did (``accepts``). Mean,
    share and ``accepts`` are none when nobody answered."""

    voters: int
    counts: list[int]
    mean: float | None
    acceptable_share: float | None
    accepts: bool | None


class GroupVotes(BaseModel):
    """One shown group's answers."""

    voters: int
    land_uses: list[OptionCount]
    acceptability: Acceptance


class Votes(BaseModel):
    """The room's answers: the land-use vote (options in the plan's order) and its choice,
    acceptability, each shown group's, the hidden groups, and the shown groups that do not
    accept the plan."""

    voters: int
    land_uses: list[OptionCount]
    chosen: str | None
    acceptability: Acceptance
    groups: dict[str, GroupVotes]
    hidden_groups: list[str]
    not_accepted_by: list[str]


class RehabilitationResult(BaseModel):
    """Everything the app, the workbook, the command line and the printed plan show: the plan's
    currency, its effort and cost by task, phase and month and in all, its quantities, the
    Whole Mine Cycle comparison, the mitigation hierarchy (task ids under each step), which
    starting values are still in use (the rates' ``unit/method``, and the wage and
    equipment-day rate), the handover record, and the room's votes."""

    currency: str
    voters: int
    tasks: list[TaskLine]
    phases: list[PhaseLine]
    totals: EffortTotals
    quantities: Quantities
    whole_mine_cycle: WholeMineCycle
    months: list[MonthLine]
    hierarchy: dict[str, list[str]]
    starting_rates: list[str]
    starting_costs: bool
    handover: HandoverRecord
    votes: Votes


def _acceptance(entries: Sequence[tuple[int, Vote]]) -> Acceptance:
    """Acceptability from (voters, vote) entries."""
    counts = [sum(people for people, vote in entries if vote.acceptability == rating)
              for rating in RATINGS]
    voters = sum(counts)
    if not voters:
        return Acceptance(voters=0, counts=counts, mean=None, acceptable_share=None,
                          accepts=None)
    acceptable = Fraction(sum(c for r, c in zip(RATINGS, counts) if r >= ACCEPTABLE), voters)
    mean = Fraction(sum(r * c for r, c in zip(RATINGS, counts)), voters)
    return Acceptance(voters=voters, counts=counts, mean=_r(mean),
                      acceptable_share=_share(acceptable), accepts=acceptable > Fraction(1, 2))


def _options(plan: RehabilitationPlan, entries: Sequence[tuple[int, Vote]]) -> list[OptionCount]:
    voters = sum(people for people, _ in entries)
    return [OptionCount(land_use=option.id, votes=(votes := sum(
        people for people, vote in entries if vote.land_use == option.id)),
        share=_share(Fraction(votes, voters)) if voters else 0.0) for option in plan.land_uses]


def count_votes(plan: RehabilitationPlan, ballots: Sequence[Ballot], room: Room) -> Votes:
    """The room's latest answers, counted (see the module docstring)."""
    group_of = room.group_of
    last = [b for b in latest(ballots) if b.participant in group_of]
    entries = [(b.voters, b.answer) for b in last]
    by_group = voters_by_group(ballots, room)
    options = _options(plan, entries)
    top = max((o.votes for o in options), default=0)
    leaders = [o.land_use for o in options if o.votes == top]
    hidden = hidden_groups(room, by_group)
    shown = [g.id for g in room.groups if by_group.get(g.id, 0) and g.id not in hidden]
    groups = {}
    for group in shown:
        mine = [(b.voters, b.answer) for b in last if group_of[b.participant] == group]
        groups[group] = GroupVotes(voters=by_group[group], land_uses=_options(plan, mine),
                                   acceptability=_acceptance(mine))
    return Votes(voters=sum(by_group.values()), land_uses=options,
                 chosen=leaders[0] if top and len(leaders) == 1 else None,
                 acceptability=_acceptance(entries), groups=groups, hidden_groups=hidden,
                 not_accepted_by=[g for g, found in groups.items()
                                  if not found.acceptability.accepts])


def _quantities(plan: RehabilitationPlan, found: Estimate) -> Quantities:
    tasks = [task for _, task in plan.tasks()]

    def per_species(unit: str) -> dict[str, Fraction]:
        return {s.id: sum((exact(t.quantity) for t in tasks
                           if t.unit == unit and t.species == s.id), Fraction(0))
                for s in plan.species}

    return Quantities(
        site_m2=_r(plan.site.area_m2),
        pits=int(sum(exact(t.quantity) for t in tasks if t.unit == "pit")),
        pit_volume_m3=_r(sum((task_work(t) for t in tasks if t.unit == "pit"), Fraction(0))),
        area_worked_m2=_r(sum((exact(t.quantity) for t in tasks if t.unit == "m2"), Fraction(0))),
        topsoil_m3=_r(found.comparison.volume), topsoil_handled_m3=_r(found.total.topsoil),
        seedlings={k: int(v) for k, v in per_species("seedling").items()},
        seed_kg={k: _r(v) for k, v in per_species("seed_kg").items()})


def rehabilitation_results(exercise: Exercise, room: Room) -> RehabilitationResult:
    """The plan's estimate and the room's answers, for ``room``."""
    plan: RehabilitationPlan = exercise.design
    found = estimate(plan)
    rates = {(r.unit, r.method): r for r in plan.rates}
    tasks = [TaskLine.model_validate(TaskLine.of(
        found.tasks[task.id], task=task.id, phase=phase.phase, unit=task.unit,
        quantity=task.quantity, work=_r(task_work(task)), work_unit=work_unit(task.unit),
        method=task.method, who=task.who, start=task.start, end=task.end, species=task.species,
        step=task.step, starting_rate=rates[(task.unit, task.method)].starting))
        for phase, task in plan.tasks()]
    phases = [PhaseLine.model_validate(PhaseLine.of(
        found.phases[phase.phase], phase=phase.phase, start=phase.start,
        end=max((t.end for t in phase.tasks), default=None), tasks=len(phase.tasks)))
        for phase in plan.phases]
    comparison = found.comparison
    used = [(t.unit, t.method) for _, t in plan.tasks()] + [("topsoil", plan.topsoil.method)]
    months = [MonthLine(month=month, person_days=_r(effort.person_days),
                        equipment_days=_r(effort.equipment_days), cost=_r(effort.cost),
                        tasks=[t.id for _, t in plan.tasks() if _runs_in(t.start, t.end, month)])
              for month, effort in found.months.items()]
    return RehabilitationResult(
        currency=plan.costs.currency,
        voters=sum(voters_by_group(exercise.ballots, room).values()),
        tasks=tasks, phases=phases,
        totals=EffortTotals.model_validate(EffortTotals.of(found.total)),
        quantities=_quantities(plan, found),
        whole_mine_cycle=WholeMineCycle(
            topsoil_m3=_r(comparison.volume), mixed_share=float(comparison.mixed_share),
            method=plan.topsoil.method,
            stored=EffortTotals.model_validate(EffortTotals.of(comparison.stored)),
            recovered=EffortTotals.model_validate(EffortTotals.of(comparison.recovered)),
            saving=EffortTotals.model_validate(EffortTotals.of(comparison.saving))),
        months=months,
        hierarchy={step: [t.id for _, t in plan.tasks() if t.step == step] for step in STEPS},
        starting_rates=[f"{unit}/{method}" for unit, method in dict.fromkeys(used)
                        if rates[(unit, method)].starting],
        starting_costs=plan.costs.starting, handover=plan.handover,
        votes=count_votes(plan, exercise.ballots, room))


def _runs_in(start: dt.date, end: dt.date, month: str) -> bool:
    """Whether a task from ``start`` to ``end`` has a day in ``month`` (``2026-03``)."""
    return month_key(start) <= month <= month_key(end)

