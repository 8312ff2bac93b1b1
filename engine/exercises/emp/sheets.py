"""The EMP's sheets of the workbook: interactions, risks, action plan and ballots.

**EMP interactions**: the land-use × value matrix as a grid under person and group weighting,
each cell's majority shown by symbol, status and fill, with a legend; one row per cell with its
shares; each shown group's cells. **EMP risks**: the risk register and the negative cells not
assessed yet. **EMP action plan**: the actions by priority, then by year, and the negative cells
no action addresses. **EMP ballots**: one row per cell rated per ballot.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from babel.numbers import format_percent
from openpyxl.cell.cell import Cell
from openpyxl.styles import Border, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from engine.core import i18n
from engine.core.answers import BASIC_WEIGHTINGS
from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.sheets import (CAPTION, HEADING, NOTE, WRAPPED, Book, CellValue, answers_sheet,
                                block_caption, group_tables_stacked, line, put, row)
from engine.core.types import label
from engine.exercises.emp.plan import (INTERACTION_NAMES, INTERACTIONS, CellResult, EmpResult,
                                       EnvironmentalPlan, InteractionResult, LandUse, Ratings,
                                       EnvironmentalValue, cell_id, emp_results, plan_end)

__all__ = ["emp_sheets", "CELL_LOOKS", "CELL_SYMBOLS", "fraction_text"]

SHARE_FORMAT, MEAN_FORMAT = "0.0%", "0.00"
# How an interaction cell looks, from what the room said: the majority's answer (named as in
# ``INTERACTION_NAMES``), contested, two answers tied, or not rated yet. Colour is never the only
# signal: each look has its own symbol, and a contested cell also a dashed border.
CELL_LOOKS = ("plus", "neutral", "minus", "contested", "tie", "unrated")
CELL_SYMBOLS = {"plus": "+", "neutral": "N", "minus": "−", "contested": "±", "tie": "~",
                "unrated": ""}
# Okabe & Ito's colour-blind-safe bluish green, vermillion and yellow, lightened for black text.
CELL_FILLS = {look: PatternFill("solid", fgColor=colour) for look, colour in (
    ("plus", "99D8C7"), ("neutral", "D9D9D9"), ("minus", "EEBF99"), ("contested", "F9F4B3"))}
DASHED = Side(style="mediumDashed", color="000000")
CONTESTED_BORDER = Border(left=DASHED, right=DASHED, top=DASHED, bottom=DASHED)


def emp_sheets(book: Book, exercise: Exercise, room: Room) -> None:
    """The EMP's interactions, risks, action plan and ballots sheets. Risks and the plan take
    the negative cells found under person weighting."""
    lang, emp = book.lang, exercise.design
    found = [emp_results(exercise, room, weighting) for weighting in BASIC_WEIGHTINGS]
    default = found[0]
    _interactions_sheet(book.sheet(book.t("excel.sheet.emp_interactions")), room, emp,
                        [result.interactions for result in found], lang)
    _risks_sheet(book.sheet(book.t("excel.sheet.emp_risks")), emp, default, lang)
    _plan_sheet(book.sheet(book.t("excel.sheet.emp_plan")), book, emp, default)
    headers = [i18n.t(f"excel.col.{key}", lang) for key in ("cell", "land_use", "value",
                                                            "rating")]

    def rated(answer: Ratings) -> list[tuple[str, list[CellValue]]]:
        return [(cell, [cell, *_cell_names(emp, cell, lang),
                        CELL_SYMBOLS[INTERACTION_NAMES[rating]]])
                for cell, rating in answer.ratings.items()]

    answers_sheet(book.sheet(book.t("excel.sheet.ballots", exercise=book.t("excel.emp.short"))),
                  room, exercise.ballots, default.interactions.hidden_groups, headers, rated, lang)


def _cell_names(emp: EnvironmentalPlan, cell: str, lang: str) -> tuple[str, str]:
    """A cell's land use and value, by their labels."""
    land_use, value = emp.cell(cell)
    return label(land_use.label, lang), label(value.label, lang)


def _with_pictogram(thing: LandUse | EnvironmentalValue, lang: str) -> str:
    """A land use's or value's label, after its pictogram if it has one."""
    name = label(thing.label, lang)
    return f"{thing.pictogram} {name}" if thing.pictogram else name


def fraction_text(share: float) -> str:
    """A share as the simple fraction it stands for: 0.666667 → ``2/3``."""
    return str(Fraction(share).limit_denominator(12))


def _interactions_sheet(sheet: Worksheet, room: Room, emp: EnvironmentalPlan,
                        found: list[InteractionResult], lang: str) -> None:
    """The legend, the matrix as a grid under each weighting, one row per cell under each
    weighting, and each shown group's cells."""
    default = found[0]
    at = line(sheet, 1, i18n.t("excel.emp.title", lang), HEADING)
    at = line(sheet, at, i18n.t("excel.emp.voters", lang, voters=default.voters), NOTE)
    at = line(sheet, at, i18n.t("excel.emp.rules", lang, min_voters=default.min_voters,
                                   contested=fraction_text(default.contested_share),
                                   consensus=fraction_text(default.consensus_share)),
                NOTE) + 1
    at = _legend_block(sheet, at, lang) + 1
    for result in found:
        at = _interaction_grid(sheet, at, emp, result, lang) + 1
    for result in found:
        at = line(sheet, at, block_caption(i18n.t("excel.emp.cells", lang), result.weighting,
                                               lang), CAPTION)
        at = _cells_table(sheet, at, emp, result.cells, lang) + 1
    at = line(sheet, at, i18n.t("excel.emp.by_group", lang), CAPTION)
    group_tables_stacked(sheet, at, room, default.groups, default.hidden_groups,
                          lambda sheet, at, cells: _cells_table(sheet, at, emp, cells, lang),
                          lang)


def _look(cell: CellResult) -> str:
    """How a cell is drawn (one of ``CELL_LOOKS``): contested whatever the majority, not rated,
    a tie for the largest share, or the majority's answer."""
    if cell.contested:
        return "contested"
    if not cell.voters:
        return "unrated"
    if cell.majority is None:
        return "tie"
    return INTERACTION_NAMES[cell.majority]


def _paint(cell: Cell, look: str) -> None:
    """Fill and border a grid or legend cell as ``look`` is drawn; wrap its text."""
    if look in CELL_FILLS:
        cell.fill = CELL_FILLS[look]
    if look == "contested":
        cell.border = CONTESTED_BORDER
    cell.alignment = WRAPPED


def _legend_block(sheet: Worksheet, at: int, lang: str) -> int:
    """Each look's symbol, drawn as in the grid, and what it means. Return the next row."""
    at = line(sheet, at, i18n.t("excel.emp.legend", lang), CAPTION)
    for look in CELL_LOOKS:
        symbol = CELL_SYMBOLS[look] or i18n.t("excel.emp.not_rated", lang)
        _paint(put(sheet, at, 1, symbol), look)
        at = row(sheet, at, [i18n.t(f"excel.emp.legend.{look}", lang)], column=2)
    return at


def _percent(share: float, lang: str) -> str:
    """A share as a whole percentage, as ``lang`` writes it (67%, 67 %)."""
    return format_percent(share, locale=lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE)


def _grid_text(cell: CellResult, lang: str) -> str:
    """A grid cell's text: the look's symbol and the status, then each answer's share."""
    look = _look(cell)
    if look == "unrated":
        return i18n.t("excel.emp.not_rated", lang)
    shares = i18n.t("excel.emp.shares", lang, **{INTERACTION_NAMES[answer]: _percent(share, lang)
                                                 for answer, share in cell.shares.items()})
    return f"{CELL_SYMBOLS[look]} {i18n.t(f'emp.status.{cell.status}', lang)}\n{shares}"


def _interaction_grid(sheet: Worksheet, at: int, emp: EnvironmentalPlan,
                      result: InteractionResult, lang: str) -> int:
    """The matrix under one weighting: land uses down, values (and their categories) across,
    each cell drawn by its look. Return the next row."""
    at = line(sheet, at, block_caption(i18n.t("excel.emp.matrix", lang), result.weighting,
                                           lang), CAPTION)
    row(sheet, at, [i18n.t("excel.emp.corner", lang)]
         + [_with_pictogram(value, lang) for value in emp.values], bold=True)
    at = row(sheet, at + 1, [None] + [i18n.t(f"emp.category.{value.category}", lang)
                                         for value in emp.values])
    cells = {cell.cell: cell for cell in result.cells}
    for land_use in emp.land_uses:
        put(sheet, at, 1, _with_pictogram(land_use, lang), bold=True)
        for column, value in enumerate(emp.values, start=2):
            cell = cells[cell_id(land_use.id, value.id)]
            _paint(put(sheet, at, column, _grid_text(cell, lang)), _look(cell))
        at += 1
    return at


def _cells_table(sheet: Worksheet, at: int, emp: EnvironmentalPlan, cells: list[CellResult],
                 lang: str) -> int:
    """One row per cell: its id, land use and value, voters, each answer's share, the majority
    and the status. Return the next row."""
    at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang) for key in (
        "cell", "land_use", "value", "voters", "share_plus", "share_neutral", "share_minus",
        "majority", "status")], bold=True)
    for cell in cells:
        row(sheet, at, [cell.cell, *_cell_names(emp, cell.cell, lang), cell.voters])
        for column, answer in enumerate(INTERACTIONS, start=5):
            put(sheet, at, column, cell.shares[answer], SHARE_FORMAT)
        at = row(sheet, at, [_majority_text(cell, lang),
                                i18n.t(f"emp.status.{cell.status}", lang)], column=8)
    return at


def _majority_text(cell: CellResult, lang: str) -> str | None:
    """The majority's symbol and name, "no majority" for a tie, nothing for a cell not rated."""
    if cell.majority is not None:
        name = INTERACTION_NAMES[cell.majority]
        return f"{CELL_SYMBOLS[name]} {i18n.t(f'emp.interaction.{name}', lang)}"
    return i18n.t("excel.emp.no_majority", lang) if cell.voters else None


def _band_name(band: str, lang: str) -> str:
    """A risk band's name: translated for the default bands, as written for the others."""
    key = f"emp.band.{band}"
    text = i18n.t(key, lang)
    return band if text == key else text


def _cells_list(sheet: Worksheet, at: int, emp: EnvironmentalPlan, cells: list[str],
                caption: str, none: str, lang: str) -> int:
    """Under ``caption``, one row per cell (id, land use, value), or the note ``none``."""
    at = line(sheet, at, i18n.t(caption, lang), CAPTION)
    if not cells:
        return line(sheet, at, i18n.t(none, lang), NOTE)
    at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang)
                            for key in ("cell", "land_use", "value")], bold=True)
    for cell in cells:
        at = row(sheet, at, [cell, *_cell_names(emp, cell, lang)])
    return at


def _risks_sheet(sheet: Worksheet, emp: EnvironmentalPlan, found: EmpResult, lang: str) -> None:
    """The risk register, highest risk first, and the negative cells not assessed yet."""
    risks = found.risks
    bands = i18n.t("excel.separator", lang).join(
        i18n.t("excel.emp.band_range", lang, band=_band_name(band.name, lang), low=band.low,
               high=band.high) for band in risks.bands)
    at = line(sheet, 1, i18n.t("excel.emp.risks_title", lang), HEADING)
    at = line(sheet, at, i18n.t("excel.emp.bands", lang, bands=bands), NOTE) + 1
    if risks.cells:
        at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang) for key in (
            "cell", "land_use", "value", "likelihood", "consequence", "product", "band", "rank")],
            bold=True)
        for risk in risks.cells:
            at = row(sheet, at, [risk.cell, *_cell_names(emp, risk.cell, lang),
                                    risk.likelihood, risk.consequence, risk.product,
                                    _band_name(risk.band, lang), risk.rank])
    else:
        at = line(sheet, at, i18n.t("excel.emp.no_risks", lang), NOTE)
    _cells_list(sheet, at + 1, emp, risks.unassessed, "excel.emp.unassessed",
                "excel.emp.all_assessed", lang)


def _plan_sheet(sheet: Worksheet, book: Book, emp: EnvironmentalPlan, found: EmpResult) -> None:
    """The actions by priority, then year by year, then the negative cells no action covers."""
    lang, plan = book.lang, found.plan
    at = line(sheet, 1, i18n.t("excel.emp.plan_title", lang), HEADING)
    at = line(sheet, at, i18n.t("excel.emp.plan_period", lang, start=plan.start.isoformat(),
                                   end=plan.end.isoformat(), years=plan.plan_years), NOTE)
    at = line(sheet, at, i18n.t("excel.emp.plan_rule", lang), NOTE)
    at = line(sheet, at, i18n.t("excel.quadrant_rule", lang), NOTE) + 1
    actions = {action.id: action for action in emp.actions}
    if not plan.actions:
        at = line(sheet, at, i18n.t("excel.emp.no_actions", lang), NOTE)
    else:
        at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang) for key in (
            "rank", "action", "hierarchy", "cells", "action_importance", "action_urgency",
            "priority", "quadrant", "responsible", "years", "review")], bold=True)
    separator = i18n.t("excel.separator", lang)
    for entry in plan.actions:
        cells = separator.join(i18n.t("excel.emp.cell_name", lang, land_use=land_use, value=value)
                               for land_use, value in (_cell_names(emp, cell, lang)
                                                       for cell in entry.cells))
        row(sheet, at, [entry.rank, label(actions[entry.action].label, lang),
                          i18n.t(f"emp.hierarchy.{entry.hierarchy}", lang), cells])
        for column, value in enumerate((entry.importance, entry.urgency, entry.score), start=5):
            put(sheet, at, column, value, MEAN_FORMAT)
        at = row(sheet, at, [i18n.t(f"quadrant.{entry.quadrant}", lang),
                                book.name_of(entry.responsible),
                                ", ".join(map(str, entry.years)), entry.review], column=8)
    at = _by_year_block(sheet, at + 1, book, emp, found) + 1
    _cells_list(sheet, at, emp, plan.unaddressed, "excel.emp.unaddressed",
                "excel.emp.all_addressed", lang)


def _by_year_block(sheet: Worksheet, at: int, book: Book, emp: EnvironmentalPlan,
                   found: EmpResult) -> int:
    """Each year of the plan, its first and last day, and its actions in priority order."""
    lang, plan = book.lang, found.plan
    actions = {action.id: action for action in emp.actions}
    lines = {entry.action: entry for entry in plan.actions}
    at = line(sheet, at, i18n.t("excel.emp.by_year", lang), CAPTION)
    at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang) for key in (
        "year", "year_from", "year_to", "rank", "action", "hierarchy", "responsible")], bold=True)
    for year, due in plan.by_year.items():
        first = plan.start if year == 1 else plan_end(plan.start, year - 1) + dt.timedelta(days=1)
        period: list[CellValue] = [year, first, plan_end(plan.start, year)]
        if not due:
            at = row(sheet, at, period + [None, i18n.t("excel.emp.nothing_this_year", lang)])
        for action_id in due:
            entry = lines[action_id]
            at = row(sheet, at, period + [entry.rank, label(actions[action_id].label, lang),
                                             i18n.t(f"emp.hierarchy.{entry.hierarchy}", lang),
                                             book.name_of(entry.responsible)])
    return at
