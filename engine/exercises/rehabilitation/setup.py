"""The rehabilitation plan's set-up: its parts as table rows and back, and a plan revised part
by part, checked before anything is stored.

Each set-up step changes one part of the stored plan (the site and costs, the tasks, the rates,
the species, the vote and handover) and keeps the others. ``revised`` checks the whole plan with
``design.check_plan`` first, so a problem is the engine's own ``RehabilitationError`` naming the
task and the field, in the facilitator's language, and nothing is saved.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from engine.core.errors import SetupError, first_problem
from engine.core.setup import blank_to_none, label_columns, models_from_rows, setup_error
from engine.exercises.rehabilitation.design import (PHASES, LandUseOption, PlantSpecies,
                                                    RehabilitationError, RehabilitationPhase,
                                                    RehabilitationPlan,
                                                    RehabilitationTask, UnitRate, check_plan)
from engine.exercises.rehabilitation.starter import STARTING_RATES

__all__ = ["TASK_FIELDS", "RATE_FIELDS", "revised", "part", "with_phase_starts", "task_rows",
           "tasks_from_rows", "rate_rows", "rates_from_rows", "species_rows",
           "species_from_rows", "land_use_rows", "land_uses_from_rows"]

M = TypeVar("M", bound=BaseModel)
Row = Mapping[str, Any]

TASK_FIELDS = ("quantity", "unit", "depth", "opening", "species", "method", "who", "start", "end",
               "step")
RATE_FIELDS = ("unit", "method", "person_days", "equipment_days", "supplies", "starting")
_STARTING = {(rate.unit, rate.method): rate for rate in STARTING_RATES}


def revised(plan: RehabilitationPlan, **parts: Any) -> RehabilitationPlan:
    """``plan`` with ``parts`` replaced (``site=…``, ``phases=…``), checked.

    Raises
    ------
    RehabilitationError
        The first rule the plan breaks (``design.check_plan``), naming the task and field.
    SetupError
        ``setup.invalid`` for anything else the model refuses.
    """
    fields = {**plan.parts(), **parts}
    check_plan(**fields)
    try:
        return RehabilitationPlan(**fields)
    except ValidationError as error:
        raise setup_error(error) from None


def part(model: type[M], where: str, data: Mapping[str, Any]) -> M:
    """One part of the plan from a form's fields (``RehabilitationSite`` at ``site``); a field
    the model refuses is named (``site.name``)."""
    try:
        return model.model_validate(dict(data))
    except ValidationError as error:
        inner, problem = first_problem(error)
        raise SetupError("setup.invalid", where=f"{where}.{inner}" if inner else where,
                         problem=problem) from None


def with_phase_starts(plan: RehabilitationPlan, starts: Mapping[str, object]
                      ) -> list[RehabilitationPhase]:
    """The plan's phases, each starting on the day ``starts`` gives it (the others unchanged)."""
    return [phase.model_copy(update={"start": _day(starts.get(phase.phase)) or phase.start})
            for phase in plan.phases]


def _day(value: object) -> dt.date | None:
    """A date from a table or form: a date, a datetime (a pandas timestamp) or blank."""
    value = blank_to_none(value)
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


# ---- tasks -------------------------------------------------------------------------------------

def task_rows(plan: RehabilitationPlan) -> list[dict[str, Any]]:
    """Every task as a table row, phase by phase: phase, id, one label column per language,
    then ``TASK_FIELDS`` (depth, opening and species blank where they do not apply)."""
    return [{"phase": phase.phase, "id": task.id, **label_columns(task.label),
             **{field: getattr(task, field) for field in TASK_FIELDS}}
            for phase, task in plan.tasks()]


def tasks_from_rows(plan: RehabilitationPlan, rows: Sequence[Row]) -> RehabilitationPlan:
    """``plan`` with the tasks of the tasks table, each in its row's phase (in the table's
    order within a phase).

    Raises
    ------
    RehabilitationError
        ``rehabilitation.error.row_phase`` for a row with no phase (or an unknown one); any rule
        a task breaks, naming it.
    SetupError
        ``setup.invalid`` naming the row and column of a value the model refuses.
    """
    kept, phases = [], []
    for number, row in enumerate(rows, start=1):
        if all(blank_to_none(value) is None for value in row.values()):
            continue
        if row.get("phase") not in PHASES:
            raise RehabilitationError("rehabilitation.error.row_phase",
                                      where=f"tasks row {number}.phase", row=number)
        entry = dict(row)
        for field in ("start", "end"):
            entry[field] = _day(row.get(field))
        kept.append(entry)
        phases.append(row["phase"])
    models = models_from_rows(RehabilitationTask, kept, "tasks", extra=TASK_FIELDS,
                              pictogram=False)
    return revised(plan, phases=[
        phase.model_copy(update={"tasks": [task for task, name in zip(models, phases)
                                           if name == phase.phase]})
        for phase in plan.phases])


# ---- rates -------------------------------------------------------------------------------------

def rate_rows(plan: RehabilitationPlan) -> list[dict[str, Any]]:
    """The unit rates as table rows (``RATE_FIELDS``)."""
    return [{field: getattr(rate, field) for field in RATE_FIELDS} for rate in plan.rates]


def rates_from_rows(plan: RehabilitationPlan, rows: Sequence[Row]) -> RehabilitationPlan:
    """``plan`` with the rates of the rates table. A row marked as a starting value whose
    numbers are no longer the starting ones is a local rate now: saved unmarked."""
    models = models_from_rows(UnitRate, rows, "rates", extra=RATE_FIELDS, pictogram=False,
                              labelled=False)
    return revised(plan, rates=[
        rate.model_copy(update={"starting": False})
        if rate.starting and _numbers(rate) != _numbers(_STARTING.get((rate.unit, rate.method)))
        else rate for rate in models])


def _numbers(rate: UnitRate | None) -> tuple[float, float, float] | None:
    return None if rate is None else (rate.person_days, rate.equipment_days, rate.supplies)


# ---- species and land uses ---------------------------------------------------------------------

def species_rows(plan: RehabilitationPlan) -> list[dict[str, Any]]:
    """The species as table rows: id, labels, role."""
    return [{"id": s.id, **label_columns(s.label), "role": s.role} for s in plan.species]


def species_from_rows(plan: RehabilitationPlan, rows: Sequence[Row]) -> RehabilitationPlan:
    """``plan`` with the species of the species table (a species a task plants cannot go)."""
    return revised(plan, species=models_from_rows(PlantSpecies, rows, "species", extra=("role",),
                                                  pictogram=False))


def land_use_rows(plan: RehabilitationPlan) -> list[dict[str, Any]]:
    """The future land uses as table rows: id, labels, pictogram."""
    return [{"id": u.id, **label_columns(u.label), "pictogram": u.pictogram or ""}
            for u in plan.land_uses]


def land_uses_from_rows(plan: RehabilitationPlan, rows: Sequence[Row]) -> RehabilitationPlan:
    """``plan`` with the land uses of the land-use table."""
    return revised(plan, land_uses=models_from_rows(LandUseOption, rows, "land uses", extra=()))
