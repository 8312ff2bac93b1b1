"""The EMP as aligned text, for the command line (``python -m engine emp FILE``)."""

from __future__ import annotations

from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.tables import aligned, group_line, number
from engine.core.types import label
from engine.exercises.emp.plan import (INTERACTIONS, CellResult, EmpResult, EnvironmentalPlan,
                                       EnvironmentalValue, LandUse)
from engine.exercises.emp.sheets import fraction_text

__all__ = ["emp_table"]

TEXT_COLUMNS = ("cell", "land_use", "value", "majority", "status", "band", "action",
                "hierarchy", "quadrant", "responsible", "years", "review", "cells")


def emp_table(exercise: Exercise, room: Room, found: EmpResult, lang: str) -> str:
    """The EMP as text: the interaction matrix cell by cell (and each shown group's cells), the
    risk register and the action plan, overall and year by year."""
    emp: EnvironmentalPlan = exercise.design
    return "\n".join([*_interaction_lines(exercise.id, emp, room, found, lang), "",
                      *_risk_lines(exercise.id, found), "",
                      *_plan_lines(exercise.id, emp, found, lang)])


def _interaction_lines(exercise_id: str, emp: EnvironmentalPlan, room: Room, found: EmpResult,
                       lang: str) -> list[str]:
    """A title with the status rules, one row per cell, and each shown group's cells."""
    matrix = found.interactions
    things: list[LandUse | EnvironmentalValue] = [*emp.land_uses, *emp.values]
    names = {thing.id: label(thing.label, lang) for thing in things}
    title = (f"{exercise_id} interactions: {matrix.weighting} weighting, {matrix.voters} voters; "
             f"contested when + and - each have at least {fraction_text(matrix.contested_share)}, "
             f"consensus when one answer has at least {fraction_text(matrix.consensus_share)} "
             f"and {matrix.min_voters} people rated")
    header = ["cell", "land_use", "value", "voters", "+", "N", "-", "majority", "status"]
    rows = [[cell.cell, names[cell.land_use], names[cell.value], str(cell.voters),
             *(number("share", cell.shares[answer]) for answer in INTERACTIONS),
             _majority(cell), cell.status] for cell in matrix.cells]
    groups = [group_line(room, group, [f"{cell.cell} {_majority(cell)} {cell.status}"
                                       for cell in cells], lang)
              for group, cells in matrix.groups.items()]
    return [title, *aligned(header, rows, TEXT_COLUMNS), *groups,
            f"small groups hidden: {len(matrix.hidden_groups)}"]


def _majority(cell: CellResult) -> str:
    """The majority's answer (+, N or -), ``tie`` when two answers share the largest share, and
    nothing for a cell nobody rated."""
    return cell.majority or ("tie" if cell.voters else "")


def _risk_lines(exercise_id: str, found: EmpResult) -> list[str]:
    """The bands, the assessed cells by rank and the negative cells not assessed."""
    risks = found.risks
    bands = ", ".join(f"{band.name} {band.low}-{band.high}" for band in risks.bands)
    header = ["rank", "cell", "likelihood", "consequence", "product", "band"]
    rows = [[str(risk.rank), risk.cell, str(risk.likelihood), str(risk.consequence),
             str(risk.product), risk.band] for risk in risks.cells]
    return [f"{exercise_id} risks: likelihood x consequence; bands {bands}",
            *aligned(header, rows, TEXT_COLUMNS),
            "not assessed: " + (", ".join(risks.unassessed) or "none")]


def _plan_lines(exercise_id: str, emp: EnvironmentalPlan, found: EmpResult, lang: str
                ) -> list[str]:
    """The plan's period, its actions by priority, the actions of each year and the negative
    cells no action addresses."""
    plan = found.plan
    names = {action.id: label(action.label, lang) for action in emp.actions}
    header = ["rank", "action", "hierarchy", "importance", "urgency", "score", "quadrant",
              "responsible", "years", "review", "cells"]
    rows = [[str(line.rank), names[line.action], line.hierarchy, f"{line.importance:.2f}",
             f"{line.urgency:.2f}", f"{line.score:.2f}", line.quadrant, line.responsible,
             ", ".join(map(str, line.years)), line.review.isoformat(), ", ".join(line.cells)]
            for line in plan.actions]
    years = [f"year {year}: " + (", ".join(names[action] for action in due) or "nothing")
             for year, due in plan.by_year.items()]
    return [f"{exercise_id} plan: {plan.start.isoformat()} to {plan.end.isoformat()} "
            f"({plan.plan_years} years); priority = importance x urgency",
            *aligned(header, rows, TEXT_COLUMNS), *years,
            "not addressed: " + (", ".join(plan.unaddressed) or "none")]
