"""The LIM's sheets of the workbook: results (under each weighting) and ballots.

**LIM results**: the composite formula with the weights in use; the instruments and their
conditions; every instrument's means, composite and rank under person and group weighting, gated
instruments listed unranked with their unmet conditions; each shown group's own table; the
disagreement between groups. **LIM ballots**: one row per instrument scored per ballot.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from engine.core.answers import BASIC_WEIGHTINGS
from engine.core.i18n import t
from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.sheets import (CAPTION, HEADING, NOTE, Book, CellValue, answers_sheet,
                                block_caption, decimal, group_tables_stacked, line, put, row)
from engine.core.types import label
from engine.exercises.lim.design import CRITERIA, IncentiveMatrix, Scores
from engine.exercises.lim.results import IncentiveResult, InstrumentResult, incentive_results

__all__ = ["lim_sheets"]

# The result tables: the mean of each criterion and of the risk, then the composite.
LIM_MEASURES = (*CRITERIA, "risk", "composite")
MEAN_FORMAT, COMPOSITE_FORMAT = "0.00", "0.000"


def lim_sheets(book: Book, exercise: Exercise, room: Room) -> None:
    """The LIM's results and ballots sheets."""
    lang, lim = book.lang, exercise.design
    short = book.t("excel.lim.short")
    found = [incentive_results(exercise, room, weighting) for weighting in BASIC_WEIGHTINGS]
    _results_sheet(book.sheet(book.t("excel.sheet.results", exercise=short)), book, lim, room,
                   found)
    headers = [book.t("excel.col.instrument")]
    headers += [book.t(f"lim.criterion.{criterion}") for criterion in CRITERIA]

    def scored(answer: Scores) -> list[tuple[str, list[CellValue]]]:
        return [(instrument_id, [label(lim.instrument(instrument_id).label, lang),
                                 *(scores[criterion] for criterion in CRITERIA)])
                for instrument_id, scores in answer.scores.items()]

    answers_sheet(book.sheet(book.t("excel.sheet.ballots", exercise=short)), room,
                  exercise.ballots, found[0].hidden_groups, headers, scored, lang)


def _results_sheet(sheet: Worksheet, book: Book, lim: IncentiveMatrix, room: Room,
                   found: list[IncentiveResult]) -> None:
    """The formula, the instruments and their conditions, the ranking under each weighting, each
    shown group's own table and the disagreement between groups."""
    lang, default = book.lang, found[0]
    at = line(sheet, 1, book.t("excel.lim.title"), HEADING)
    at = line(sheet, at, book.t("excel.lim.voters", voters=default.voters), NOTE) + 1
    at = _formula_lines(sheet, at, default, lang) + 1
    at = _instruments_block(sheet, at, book, lim) + 1
    at = _conditions_block(sheet, at, lim, lang) + 1
    for result in found:
        at = line(sheet, at, block_caption(book.t("lim.criterion.composite"), result.weighting,
                                           lang), CAPTION)
        at = _table(sheet, at, lim, result.instruments, lang) + 1
    at = line(sheet, at, book.t("excel.lim.by_group"), CAPTION)
    at = group_tables_stacked(sheet, at, room, default.groups, default.hidden_groups,
                              lambda sheet, at, lines: _table(sheet, at, lim, lines, lang),
                              lang) + 1
    _disagreement_block(sheet, at, room, lim, default, lang)


def _formula_lines(sheet: Worksheet, at: int, result: IncentiveResult, lang: str) -> int:
    """The composite formula, how each criterion is rescaled, what each symbol stands for and
    the weights in use; then the rule that gates instruments. Return the next row."""
    formula = result.formula
    at = line(sheet, at, t("excel.lim.formula", lang, expression=formula.expression), CAPTION)
    at = line(sheet, at, t("excel.lim.normalisation", lang,
                           normalisation=formula.normalisation), NOTE)
    symbols = t("excel.separator", lang).join(
        t("excel.lim.symbol", lang, symbol=symbol, name=t(f"lim.criterion.{name}", lang))
        for symbol, name in formula.symbols.items())
    at = line(sheet, at, t("excel.lim.symbols", lang, symbols=symbols), NOTE)
    weights = {name: decimal(weight, "0.###", lang)
               for name, weight in formula.weights.model_dump().items()}
    at = line(sheet, at, t("excel.lim.weights", lang, **weights), NOTE)
    return line(sheet, at, t("excel.lim.gating", lang), NOTE)


def _instruments_block(sheet: Worksheet, at: int, book: Book, lim: IncentiveMatrix) -> int:
    """What each instrument is: its kind, target, objective, package and limitations."""
    lang = book.lang
    at = line(sheet, at, book.t("excel.lim.instruments"), CAPTION)
    at = row(sheet, at, [book.t(f"excel.col.{key}") for key in (
        "instrument", "pictogram", "instrument_kind", "instrument_target", "objective", "package",
        "limitations")], bold=True)
    for instrument in lim.instruments:
        at = row(sheet, at, [
            label(instrument.label, lang), instrument.pictogram,
            book.t(f"lim.kind.{instrument.kind}"), book.name_of(instrument.target),
            label(instrument.objective, lang), label(instrument.package, lang),
            label(instrument.limitations, lang) if instrument.limitations else None])
    return at


def _conditions_block(sheet: Worksheet, at: int, lim: IncentiveMatrix, lang: str) -> int:
    """Every instrument's non-negotiable conditions and whether each is met."""
    at = line(sheet, at, t("excel.lim.conditions", lang), CAPTION)
    conditions = [(instrument, condition) for instrument in lim.instruments
                  for condition in instrument.conditions]
    if not conditions:
        return line(sheet, at, t("excel.lim.no_conditions", lang), NOTE)
    at = row(sheet, at, [t(f"excel.col.{key}", lang) for key in (
        "instrument", "condition", "condition_state")], bold=True)
    for instrument, condition in conditions:
        at = row(sheet, at, [label(instrument.label, lang), label(condition.text, lang),
                             t(f"lim.condition.{condition.met}", lang)])
    return at


def _table(sheet: Worksheet, at: int, lim: IncentiveMatrix, lines: list[InstrumentResult],
           lang: str) -> int:
    """A ranking: per instrument its rank, kind, voters, means and composite, then why it is not
    ranked (if it is not) and its conditions not known yet. Return the next row."""
    header = [t(f"excel.col.{key}", lang)
              for key in ("instrument", "pictogram", "rank", "instrument_kind", "voters")]
    header += [t("excel.col.mean", lang, measure=t(f"lim.criterion.{measure}", lang))
               for measure in LIM_MEASURES[:-1]]
    header += [t("lim.criterion.composite", lang), t("excel.col.not_ranked", lang),
               t("excel.col.unknown_conditions", lang)]
    at = row(sheet, at, header, bold=True)
    first_measure = 6
    for found in lines:
        instrument = lim.instrument(found.instrument)
        row(sheet, at, [label(instrument.label, lang), instrument.pictogram, found.rank,
                        t(f"lim.kind.{found.kind}", lang), found.voters])
        for column, measure in enumerate(LIM_MEASURES, start=first_measure):
            put(sheet, at, column, getattr(found, measure),
                COMPOSITE_FORMAT if measure == "composite" else MEAN_FORMAT)
        at = row(sheet, at,
                 [unranked_text(found, lang), ", ".join(found.unknown_conditions) or None],
                 column=first_measure + len(LIM_MEASURES))
    return at


def unranked_text(found: InstrumentResult, lang: str) -> str | None:
    """Why an instrument is not ranked: its unmet conditions (their ids), or no scores yet."""
    if found.unranked is None:
        return None
    return t(f"lim.unranked.{found.unranked}", lang, conditions=", ".join(found.unmet_conditions))


def _disagreement_block(sheet: Worksheet, at: int, room: Room, lim: IncentiveMatrix,
                        result: IncentiveResult, lang: str) -> None:
    """Per instrument scored by two shown groups or more: the spread and standard deviation of
    their composites, widest first, and each group's composite; then the most disagreed."""
    at = line(sheet, at, t("excel.lim.disagreement", lang), CAPTION)
    if not result.disagreement:
        line(sheet, at, t("excel.divergence.none", lang), NOTE)
        return
    groups = list(result.groups)
    at = row(sheet, at, [t(f"excel.col.{key}", lang) for key in ("instrument", "spread", "sd")]
             + [label(room.group(group).label, lang) for group in groups], bold=True)
    for found in result.disagreement:
        put(sheet, at, 1, label(lim.instrument(found.instrument).label, lang))
        for column, value in enumerate([found.spread, found.sd]
                                       + [found.groups.get(group) for group in groups], start=2):
            put(sheet, at, column, value, COMPOSITE_FORMAT)
        at += 1
    if result.most_disagreed:
        names = ", ".join(label(lim.instrument(i).label, lang) for i in result.most_disagreed)
        line(sheet, at + 1, t("excel.lim.most_disagreed", lang, instruments=names), NOTE)
