"""The rehabilitation plan's sheets of the workbook: plan, tasks, quantities and costs,
timeline, votes and ballots.

**RAP plan**: the site, the costs and the starting values still in use, effort and cost per
phase and in all, the Whole Mine Cycle comparison, the mitigation hierarchy and the handover
record. **RAP tasks**: one row per task, with its work, rate and effort. **RAP quantities and
costs**: the site's quantities, the species, the unit rates and the day costs. **RAP timeline**:
effort and cost month by month, and the tasks running each month. **RAP votes**: the land-use
vote and the plan's acceptability, overall and per shown group. **RAP ballots**: every ballot.
"""

from __future__ import annotations

from collections.abc import Sequence

from openpyxl.worksheet.worksheet import Worksheet

from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.sheets import (CAPTION, HEADING, NOTE, Book, CellValue, answers_sheet,
                                hidden_note, line, put, row, yes_no)
from engine.core.types import label
from engine.exercises.rehabilitation.design import RehabilitationPlan, Vote, work_unit
from engine.exercises.rehabilitation.results import (RATINGS, Acceptance, EffortTotals,
                                                     OptionCount, RehabilitationResult,
                                                     rehabilitation_results)

__all__ = ["rehabilitation_sheets"]

DAYS, MONEY, SHARE, VOLUME = "#,##0.00", "#,##0.00", "0.0%", "#,##0.00"
EFFORT_COLUMNS = ("person_days", "equipment_days", "labour_cost", "equipment_cost",
                  "supplies_cost", "cost", "topsoil_m3")


def rehabilitation_sheets(book: Book, exercise: Exercise, room: Room) -> None:
    """The plan's six sheets."""
    plan: RehabilitationPlan = exercise.design
    found = rehabilitation_results(exercise, room)
    short = book.t("rehabilitation.short")
    _plan_sheet(book.sheet(book.t("rehabilitation.sheet.plan", exercise=short)), book, plan,
                found)
    _tasks_sheet(book.sheet(book.t("rehabilitation.sheet.tasks", exercise=short)), book, plan,
                 found)
    _quantities_sheet(book.sheet(book.t("rehabilitation.sheet.quantities", exercise=short)),
                      book, plan, found)
    _timeline_sheet(book.sheet(book.t("rehabilitation.sheet.timeline", exercise=short)), book,
                    plan, found)
    _votes_sheet(book.sheet(book.t("rehabilitation.sheet.votes", exercise=short)), book, plan,
                 room, found)
    headers = [book.t("rehabilitation.col.land_use"), book.t("rehabilitation.col.acceptability")]

    def answered(answer: Vote) -> list[tuple[str, list[CellValue]]]:
        return [("", [label(plan.land_use(answer.land_use).label, book.lang),
                      answer.acceptability])]

    answers_sheet(book.sheet(book.t("excel.sheet.ballots", exercise=short)), room,
                  exercise.ballots, found.votes.hidden_groups, headers, answered, book.lang)


def _headers(book: Book, keys: Sequence[str]) -> list[CellValue]:
    return [book.t(f"rehabilitation.col.{key}") for key in keys]


def _effort_cells(sheet: Worksheet, at: int, column: int, totals: EffortTotals) -> None:
    """The effort columns (``EFFORT_COLUMNS``) of one row, from ``column`` on."""
    for offset, name in enumerate(EFFORT_COLUMNS):
        put(sheet, at, column + offset, getattr(totals, name),
            MONEY if name.endswith("cost") else DAYS)


def _starting_note(book: Book, found: RehabilitationResult) -> str | None:
    """Which starting values are still in use, if any."""
    parts = ([book.t("rehabilitation.starting_costs")] if found.starting_costs else []) + [
        book.t("rehabilitation.starting_rate", unit=book.t(f"rehabilitation.unit.{unit}"),
               method=book.t(f"rehabilitation.method.{method}").lower())
        for unit, method in (name.split("/") for name in found.starting_rates)]
    if not parts:
        return None
    return book.t("rehabilitation.starting_note", values=book.t("excel.separator").join(parts))


def _plan_sheet(sheet: Worksheet, book: Book, plan: RehabilitationPlan,
                found: RehabilitationResult) -> None:
    lang, site, currency = book.lang, plan.site, found.currency
    at = line(sheet, 1, book.t("rehabilitation.plan_title", site=site.name), HEADING)
    note = _starting_note(book, found)
    if note:
        at = line(sheet, at, note, NOTE)
    at += 1
    facts: list[tuple[str, CellValue]] = [
        ("site", site.name),
        ("area", f"{site.area:g} {book.t(f'rehabilitation.area.{site.area_unit}')}"),
        ("state", label(site.state, lang)), ("mineral", label(site.mineral, lang)),
        ("alluvial", yes_no(site.alluvial, lang)), ("currency", currency),
        ("wage", plan.costs.wage), ("equipment_day", plan.costs.equipment_day)]
    for key, value in facts:
        put(sheet, at, 1, book.t(f"rehabilitation.col.{key}"), bold=True)
        put(sheet, at, 2, value, MONEY if key in ("wage", "equipment_day") else None)
        at += 1
    at = line(sheet, at + 1, book.t("rehabilitation.by_phase", currency=currency), CAPTION)
    at = row(sheet, at, _headers(book, ("phase", "start", "end", "tasks", *EFFORT_COLUMNS)),
             bold=True)
    for phase in found.phases:
        row(sheet, at, [book.t(f"rehabilitation.phase.{phase.phase}"), phase.start, phase.end,
                        phase.tasks])
        _effort_cells(sheet, at, 5, phase)
        at += 1
    row(sheet, at, [book.t("rehabilitation.total"), None, None, len(found.tasks)], bold=True)
    _effort_cells(sheet, at, 5, found.totals)
    at = _cycle_block(sheet, at + 2, book, found) + 1
    at = line(sheet, at, book.t("rehabilitation.hierarchy"), CAPTION)
    names = {task.id: label(task.label, lang) for _, task in plan.tasks()}
    for step, tasks in found.hierarchy.items():
        put(sheet, at, 1, book.t(f"rehabilitation.step.{step}"), bold=True)
        at = row(sheet, at, [book.t("excel.separator").join(names[t] for t in tasks)
                             or book.t("rehabilitation.none")], column=2)
    at = line(sheet, at + 1, book.t("rehabilitation.handover"), CAPTION)
    handover = plan.handover
    for key, value in (("assessed_by", handover.assessed_by),
                       ("assessed_on", handover.assessed_on), ("standard", handover.standard),
                       ("referred_to", handover.referred_to)):
        put(sheet, at, 1, book.t(f"rehabilitation.col.{key}"), bold=True)
        put(sheet, at, 2, value if value is not None else book.t("rehabilitation.not_yet"))
        at += 1


def _cycle_block(sheet: Worksheet, at: int, book: Book, found: RehabilitationResult) -> int:
    """The Whole Mine Cycle comparison: each scenario's topsoil handled, effort and cost."""
    cycle = found.whole_mine_cycle
    method = book.t(f"rehabilitation.method.{cycle.method}").lower()
    at = line(sheet, at, book.t("rehabilitation.cycle_title"), CAPTION)
    at = line(sheet, at, book.t("rehabilitation.cycle_note", volume=f"{cycle.topsoil_m3:g}",
                                share=f"{cycle.mixed_share:g}",
                                method=method), NOTE)
    at = row(sheet, at, [None, *_headers(book, EFFORT_COLUMNS)], bold=True)
    for key, totals in (("stored", cycle.stored), ("recovered", cycle.recovered),
                        ("saving", cycle.saving)):
        put(sheet, at, 1, book.t(f"rehabilitation.cycle.{key}"), bold=key == "saving")
        _effort_cells(sheet, at, 2, totals)
        at += 1
    return at


def _tasks_sheet(sheet: Worksheet, book: Book, plan: RehabilitationPlan,
                 found: RehabilitationResult) -> None:
    lang = book.lang
    tasks = {task.id: task for _, task in plan.tasks()}
    row(sheet, 1, _headers(book, ("phase", "task_id", "task", "quantity", "unit", "depth",
                                  "opening", "species", "method", "who", "start", "end", "step",
                                  "work", "work_unit", *EFFORT_COLUMNS, "starting_rate")),
        bold=True)
    sheet.freeze_panes = "C2"
    for at, entry in enumerate(found.tasks, start=2):
        task = tasks[entry.task]
        species = label(plan.species_named(task.species).label, lang) if task.species else None
        row(sheet, at, [book.t(f"rehabilitation.phase.{entry.phase}"), task.id,
                        label(task.label, lang), task.quantity,
                        book.t(f"rehabilitation.unit.{task.unit}"), task.depth, task.opening,
                        species, book.t(f"rehabilitation.method.{task.method}"),
                        book.name_of(task.who), task.start, task.end,
                        book.t(f"rehabilitation.step.{task.step}"), entry.work,
                        book.t(f"rehabilitation.work.{entry.work_unit}")])
        _effort_cells(sheet, at, 16, entry)
        put(sheet, at, 16 + len(EFFORT_COLUMNS), yes_no(entry.starting_rate, lang))
    sheet.auto_filter.ref = sheet.dimensions


def _quantities_sheet(sheet: Worksheet, book: Book, plan: RehabilitationPlan,
                      found: RehabilitationResult) -> None:
    lang, amounts = book.lang, found.quantities
    at = line(sheet, 1, book.t("rehabilitation.quantities"), HEADING) + 1
    for key, value in (("site_m2", amounts.site_m2), ("pits", amounts.pits),
                       ("pit_volume_m3", amounts.pit_volume_m3),
                       ("area_worked_m2", amounts.area_worked_m2),
                       ("topsoil_area_m2", plan.topsoil.area),
                       ("topsoil_depth_m", plan.topsoil.depth),
                       ("topsoil_m3", amounts.topsoil_m3),
                       ("topsoil_handled_m3", amounts.topsoil_handled_m3)):
        put(sheet, at, 1, book.t(f"rehabilitation.col.{key}"), bold=True)
        put(sheet, at, 2, value, VOLUME)
        at += 1
    at = line(sheet, at + 1, book.t("rehabilitation.species"), CAPTION)
    at = row(sheet, at, _headers(book, ("species_id", "species", "role", "seedlings", "seed_kg")),
             bold=True)
    for species in plan.species:
        at = row(sheet, at, [species.id, label(species.label, lang),
                             book.t(f"rehabilitation.role.{species.role}"),
                             amounts.seedlings[species.id], amounts.seed_kg[species.id]])
    at = line(sheet, at + 1, book.t("rehabilitation.rates", currency=found.currency), CAPTION)
    at = row(sheet, at, _headers(book, ("unit", "work_unit", "method", "rate_person_days",
                                        "rate_equipment_days", "rate_supplies", "starting")),
             bold=True)
    for rate in plan.rates:
        at = row(sheet, at, [book.t(f"rehabilitation.unit.{rate.unit}"),
                             book.t(f"rehabilitation.work.{work_unit(rate.unit)}"),
                             book.t(f"rehabilitation.method.{rate.method}"), rate.person_days,
                             rate.equipment_days, rate.supplies, yes_no(rate.starting, lang)])
    at = line(sheet, at + 1, book.t("rehabilitation.day_costs", currency=found.currency), CAPTION)
    costs: list[tuple[str, CellValue, str | None]] = [
        ("wage", plan.costs.wage, MONEY), ("equipment_day", plan.costs.equipment_day, MONEY),
        ("starting", yes_no(plan.costs.starting, lang), None)]
    for key, cost, number_format in costs:
        put(sheet, at, 1, book.t(f"rehabilitation.col.{key}"), bold=True)
        put(sheet, at, 2, cost, number_format)
        at += 1


def _timeline_sheet(sheet: Worksheet, book: Book, plan: RehabilitationPlan,
                    found: RehabilitationResult) -> None:
    """Month by month: effort and cost; then the tasks as rows, a mark in each month they run."""
    lang = book.lang
    at = line(sheet, 1, book.t("rehabilitation.timeline"), HEADING)
    at = line(sheet, at, book.t("rehabilitation.timeline_note"), NOTE) + 1
    at = row(sheet, at, _headers(book, ("month", "person_days", "equipment_days", "cost")),
             bold=True)
    for month in found.months:
        row(sheet, at, [month.month])
        for column, value in enumerate((month.person_days, month.equipment_days, month.cost),
                                       start=2):
            put(sheet, at, column, value, DAYS)
        at += 1
    at += 1
    months = [month.month for month in found.months]
    at = row(sheet, at, [*_headers(book, ("phase", "task")), *months], bold=True)
    running = {month.month: set(month.tasks) for month in found.months}
    for phase, task in plan.tasks():
        at = row(sheet, at, [book.t(f"rehabilitation.phase.{phase.phase}"),
                             label(task.label, lang),
                             *("●" if task.id in running[month] else None for month in months)])


def _votes_sheet(sheet: Worksheet, book: Book, plan: RehabilitationPlan, room: Room,
                 found: RehabilitationResult) -> None:
    lang, votes = book.lang, found.votes
    at = line(sheet, 1, book.t("rehabilitation.votes_title"), HEADING)
    at = line(sheet, at, book.t("rehabilitation.votes_note", voters=votes.voters), NOTE) + 1
    chosen = (label(plan.land_use(votes.chosen).label, lang) if votes.chosen
              else book.t("rehabilitation.no_choice"))
    at = line(sheet, at, book.t("rehabilitation.chosen", land_use=chosen), CAPTION)
    at = _options_table(sheet, at, book, plan, votes.land_uses) + 1
    at = line(sheet, at, book.t("rehabilitation.acceptability"), CAPTION)
    at = row(sheet, at, [None, *_acceptance_headers(book)], bold=True)
    at = _acceptance_row(sheet, at, book.t("rehabilitation.whole_room"), votes.acceptability,
                         lang)
    for group, shown in votes.groups.items():
        at = _acceptance_row(sheet, at, label(room.group(group).label, lang),
                             shown.acceptability, lang)
    at += 1
    for group, shown in votes.groups.items():
        at = line(sheet, at, book.t("rehabilitation.group_land_use",
                                    group=label(room.group(group).label, lang)), CAPTION)
        at = _options_table(sheet, at, book, plan, shown.land_uses) + 1
    hidden_note(sheet, at, room, votes.hidden_groups, lang)


def _options_table(sheet: Worksheet, at: int, book: Book, plan: RehabilitationPlan,
                   options: list[OptionCount]) -> int:
    at = row(sheet, at, _headers(book, ("land_use", "votes", "share")), bold=True)
    for option in options:
        row(sheet, at, [label(plan.land_use(option.land_use).label, book.lang), option.votes])
        put(sheet, at, 3, option.share, SHARE)
        at += 1
    return at


def _acceptance_headers(book: Book) -> list[CellValue]:
    return [*_headers(book, ("voters", "mean")),
            *(book.t("rehabilitation.col.rated", rating=rating) for rating in RATINGS),
            *_headers(book, ("acceptable_share", "accepts"))]


def _acceptance_row(sheet: Worksheet, at: int, name: str, found: Acceptance, lang: str) -> int:
    row(sheet, at, [name, found.voters, found.mean, *found.counts])
    put(sheet, at, 3 + len(RATINGS) + 1, found.acceptable_share, SHARE)
    put(sheet, at, 3 + len(RATINGS) + 2,
        yes_no(found.accepts, lang) if found.accepts is not None else None)
    return at + 1
