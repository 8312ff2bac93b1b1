"""The effort and cost estimator of a rehabilitation plan: exact arithmetic, no rounding.

For each task, its *work* (``design.task_work``: pits count × opening × depth in m³, any other
unit its quantity) times the rate of its unit and method gives

    person-days    = work × rate.person_days
    equipment-days = work × rate.equipment_days
    cost           = person-days × wage + equipment-days × equipment_day + work × rate.supplies

and a phase's effort is the sum of its tasks', the plan's the sum of its phases'. Each task's
effort is spread evenly over its calendar days (start and end included) for the timeline, so
the months add up to the plan.

The Whole Mine Cycle comparison (guide 2.4: reduce "double-handling of materials") takes the
topsoil to conserve, V = area × depth m³, moved by the topsoil rate of the plan's method:

- *stored while mining*: stripped ahead of the digging and stockpiled apart, then respread:
  2 V m³ handled;
- *recovered afterwards*: dug out with the overburden, it lies mixed in the spoil, a share s of
  it topsoil; winning V back means moving V / s m³ of spoil, then respreading V: V / s + V m³.

The saving is the difference, V (1/s − 1) m³ of handling: never negative, since 0 < s ≤ 1, and
nothing when s = 1 (topsoil dumped apart by chance). Every number is a ``Fraction``, computed
from the numbers as typed (``design.exact``), so totals equal the sums of their parts exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields
from fractions import Fraction

from engine.exercises.rehabilitation.design import (PHASES, RehabilitationCosts,
                                                    RehabilitationPlan, RehabilitationTask,
                                                    UnitRate, exact, task_work)

__all__ = ["Effort", "Comparison", "Estimate", "handling", "task_effort", "whole_mine_cycle",
           "month_key", "spread_by_month", "estimate"]

ZERO = Fraction(0)


@dataclass(frozen=True)
class Effort:
    """Person-days, equipment-days, their costs, supplies and topsoil handled (m³): what a task,
    a phase or a plan takes. Efforts add up and subtract field by field."""

    person_days: Fraction = ZERO
    equipment_days: Fraction = ZERO
    labour: Fraction = ZERO  # person-days × wage
    equipment: Fraction = ZERO  # equipment-days × equipment-day rate
    supplies: Fraction = ZERO  # work × supplies per unit
    topsoil: Fraction = ZERO  # m³ of topsoil handled

    @property
    def cost(self) -> Fraction:
        """Labour, equipment and supplies."""
        return self.labour + self.equipment + self.supplies

    def __add__(self, other: Effort) -> Effort:
        return Effort(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))

    def __sub__(self, other: Effort) -> Effort:
        return Effort(*(getattr(self, f.name) - getattr(other, f.name) for f in fields(self)))

    def scaled(self, share: Fraction) -> Effort:
        """This effort × ``share`` (a task's part in one month)."""
        return Effort(*(getattr(self, f.name) * share for f in fields(self)))


def total(efforts: list[Effort]) -> Effort:
    """The sum of ``efforts`` (none: no effort)."""
    found = Effort()
    for effort in efforts:
        found = found + effort
    return found


def handling(work: Fraction, rate: UnitRate, costs: RehabilitationCosts, topsoil: bool = False
             ) -> Effort:
    """The effort of ``work`` units at ``rate`` (``topsoil``: the work is topsoil moved)."""
    person_days = work * exact(rate.person_days)
    equipment_days = work * exact(rate.equipment_days)
    return Effort(person_days=person_days, equipment_days=equipment_days,
                  labour=person_days * exact(costs.wage),
                  equipment=equipment_days * exact(costs.equipment_day),
                  supplies=work * exact(rate.supplies), topsoil=work if topsoil else ZERO)


def _rate(plan: RehabilitationPlan, unit: str, method: str) -> UnitRate:
    return next(r for r in plan.rates if r.unit == unit and r.method == method)


def task_effort(plan: RehabilitationPlan, task: RehabilitationTask) -> Effort:
    """A task's effort, from its work and the rate of its unit and method."""
    return handling(task_work(task), _rate(plan, task.unit, task.method), plan.costs,
                    topsoil=task.unit == "topsoil")


@dataclass(frozen=True)
class Comparison:
    """The Whole Mine Cycle comparison: the topsoil to conserve (m³), its share in the spoil,
    the effort of storing it while mining and of recovering it afterwards, and the saving."""

    volume: Fraction
    mixed_share: Fraction
    stored: Effort
    recovered: Effort

    @property
    def saving(self) -> Effort:
        """What storing the topsoil while mining saves."""
        return self.recovered - self.stored


def whole_mine_cycle(plan: RehabilitationPlan) -> Comparison:
    """The topsoil stored while mining (handled 2 V) against recovered afterwards from the spoil
    (V / s + V), with the plan's topsoil rate for its method (see the module docstring)."""
    volume = exact(plan.topsoil.area) * exact(plan.topsoil.depth)
    share = exact(plan.topsoil.mixed_share)
    rate = _rate(plan, "topsoil", plan.topsoil.method)
    return Comparison(volume=volume, mixed_share=share,
                      stored=handling(2 * volume, rate, plan.costs, topsoil=True),
                      recovered=handling(volume / share + volume, rate, plan.costs,
                                         topsoil=True))


def month_key(day: dt.date) -> str:
    """The month a day falls in: ``2026-03``."""
    return f"{day.year:04d}-{day.month:02d}"


def _next_month(day: dt.date) -> dt.date:
    return dt.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def spread_by_month(start: dt.date, end: dt.date, effort: Effort) -> dict[str, Effort]:
    """``effort`` spread evenly over the days from ``start`` to ``end`` (both included), summed
    by month: a task of 10 days from 28 March gives April 6/10 of it."""
    days = (end - start).days + 1
    found: dict[str, Effort] = {}
    first = start
    while first <= end:
        last = min(end, _next_month(first) - dt.timedelta(days=1))
        found[month_key(first)] = effort.scaled(Fraction((last - first).days + 1, days))
        first = last + dt.timedelta(days=1)
    return found


@dataclass(frozen=True)
class Estimate:
    """A plan's effort: each task's (by id, in plan order), each phase's (in FRM order), the
    whole plan's, each month's from the first task's start to the last task's end (months
    without work included, as zero), and the Whole Mine Cycle comparison."""

    tasks: dict[str, Effort]
    phases: dict[str, Effort]
    total: Effort
    months: dict[str, Effort]
    comparison: Comparison


def estimate(plan: RehabilitationPlan) -> Estimate:
    """The plan's effort and cost, task by task, phase by phase, month by month, and in all."""
    tasks = {task.id: task_effort(plan, task) for _, task in plan.tasks()}
    phases = {phase.phase: total([tasks[task.id] for task in phase.tasks])
              for phase in plan.phases}
    months: dict[str, Effort] = {}
    every = [task for _, task in plan.tasks()]
    if every:
        day = min(task.start for task in every).replace(day=1)
        last = max(task.end for task in every)
        while day <= last:
            months[month_key(day)] = Effort()
            day = _next_month(day)
    for task in every:
        for month, part in spread_by_month(task.start, task.end, tasks[task.id]).items():
            months[month] = months[month] + part
    return Estimate(tasks=tasks, phases={name: phases[name] for name in PHASES},
                    total=total(list(phases.values())), months=months,
                    comparison=whole_mine_cycle(plan))
