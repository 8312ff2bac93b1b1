"""The Excel workbook a coordinator takes home: cover, participation, results and ballots.

Sheets, in order:

- **Cover**: the workshop, its counts, the small-group threshold and the anonymity note.
- **Participation**: per stakeholder group, expected, joined and voters counted per exercise.
- Per exercise, **results**: the overall result under person weighting and under group weighting,
  each group's own result side by side (groups below the small-group threshold are only
  counted, never shown), and a native chart of the person-weighted result.
- Per exercise, **ballots**: every ballot in the order cast, superseded ones included, by
  anonymous token only.

Every number comes from ``engine.prioritise``; every label from the ``excel`` catalogue.
Text from the file (labels, pictograms, titles) is always written as text, never as a formula:
a label typed as ``=HYPERLINK(...)`` shows as those characters and does nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.series import SeriesLabel, StrRef
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from engine import i18n
from engine.errors import EngineError
from engine.model import Answer, Exercise, Workshop, label
from engine.prioritise import WEIGHTINGS, ExerciseResult, ItemResult, latest_ballots, results, turnout

__all__ = ["Counts", "counts", "workbook", "export_workbook", "measure_columns", "measure_value"]

SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
EXERCISE_SHEETS = ("excel.sheet.results", "excel.sheet.ballots")  # name patterns, in sheet order
FORMULA_PREFIXES = ("=", "+", "-", "@")  # what a spreadsheet would read as the start of a formula
NUMBER_FORMATS = {"share": "0.0%", "importance": "0.00", "urgency": "0.00", "score": "0.00"}
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT = "yyyy-mm-dd"
COLUMN_WIDTH_MIN, COLUMN_WIDTH_MAX = 8, 50
CHART_SIZE_CM = (18, 9)  # width, height: about 18 rows tall
BOLD = Font(bold=True)
HEADING, CAPTION, NOTE = Font(bold=True, sz=14), Font(bold=True, i=True), Font(i=True)
SPILLING_FONTS = (HEADING, CAPTION, NOTE)
FIRST_MEASURE_COLUMN = 4  # result tables: item, pictogram, rank, then the measures


@dataclass(frozen=True)
class Counts:
    """The head-line counts of a workshop, as the cover sheet and ``validate`` show them."""

    groups: int
    participants: int  # people who joined on a phone; proxy tallies are not people
    proxy_voters: int  # people counted through proxy tallies, most in any one exercise
    exercises: int
    ballots: int  # every ballot cast, changed votes included


def counts(workshop: Workshop) -> Counts:
    """Count the workshop's groups, participants, proxy voters, exercises and ballots."""
    proxies = {p.token for p in workshop.participants if p.proxy}
    proxy_voters = max((sum(b.voters for b in latest_ballots(e) if b.participant in proxies)
                        for e in workshop.exercises), default=0)
    return Counts(groups=len(workshop.groups),
                  participants=len(workshop.participants) - len(proxies),
                  proxy_voters=proxy_voters, exercises=len(workshop.exercises),
                  ballots=sum(len(e.ballots) for e in workshop.exercises))


def measure_columns(method: str, weighting: str) -> tuple[str, ...]:
    """The measures a result table shows for ``method``: raw beans only under person weighting."""
    if method == "tokens":
        return ("beans", "share") if weighting == "person" else ("share",)
    return ("importance", "urgency", "score", "quadrant")


def measure_value(row: ItemResult, measure: str, lang: str) -> object:
    """One measure of an item's result; a quadrant as its translated name."""
    value = getattr(row, measure)
    return i18n.t(f"quadrant.{value}", lang) if measure == "quadrant" else value


def export_workbook(workshop: Workshop, path_or_stream: str | Path | IO[bytes],
                    lang: str | None = None) -> None:
    """Write the workbook to a file path or a binary stream."""
    book = workbook(workshop, lang)
    try:
        book.save(path_or_stream)
    except OSError as error:
        raise EngineError("excel.unwritable", path=str(path_or_stream),
                          problem=error.strerror or str(error)) from None


def workbook(workshop: Workshop, lang: str | None = None) -> Workbook:
    """The whole workbook, in ``lang`` (default: the workshop's language)."""
    lang = lang or workshop.language
    book = Workbook()
    taken: set[str] = set()
    _cover(_sheet(book, i18n.t("excel.sheet.cover", lang), taken, first=True), workshop, lang)
    _participation(_sheet(book, i18n.t("excel.sheet.participation", lang), taken), workshop, lang)
    stems = _exercise_stems(workshop, lang)
    for exercise in workshop.exercises:
        results_name, ballots_name = (i18n.t(key, lang, exercise=stems[exercise.id])
                                      for key in EXERCISE_SHEETS)
        _results_sheet(_sheet(book, results_name, taken), workshop, exercise, lang)
        _ballots_sheet(_sheet(book, ballots_name, taken), workshop, exercise, lang)
    for sheet in book.worksheets:
        _fit_columns(sheet)
    return book


# ---- cells, sheets and columns -----------------------------------------------------------------

def _text(cell: Cell, value: str) -> None:
    """Write ``value`` as plain text, never a formula, whatever it starts with.

    openpyxl turns a string starting with ``=`` into a formula on assignment, so the data type is
    set back to string; text that a spreadsheet would read as a formula once edited also gets
    the quote prefix (Excel's leading apostrophe). Characters XML cannot hold are dropped.
    """
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    cell.value = value
    cell.data_type = "s"
    if value.startswith(FORMULA_PREFIXES):
        cell.quotePrefix = True


def _put(sheet: Worksheet, row: int, column: int, value: object, number_format: str | None = None,
         bold: bool = False) -> Cell:
    """Write one value: text through ``_text``, datetimes as naive UTC, numbers with a format."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        _text(cell, value)
    elif isinstance(value, dt.datetime) and value.tzinfo is not None:
        cell.value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = BOLD
    return cell


def _row(sheet: Worksheet, row: int, values: list[object], column: int = 1,
         bold: bool = False) -> int:
    """Write ``values`` across one row from ``column``; return the next row."""
    for offset, value in enumerate(values):
        _put(sheet, row, column + offset, value, bold=bold)
    return row + 1


def _unique(name: str, taken: set[str], limit: int) -> str:
    """``name`` cut to ``limit`` characters and made unique among ``taken`` (compared without
    case, as Excel compares sheet names) with ``~2``, ``~3``… in place of its last characters."""
    base = name[:limit]
    name, number = base, 1
    while name.lower() in taken:
        number += 1
        suffix = f"~{number}"
        name = base[:limit - len(suffix)] + suffix
    taken.add(name.lower())
    return name


def _sheet(book: Workbook, name: str, taken: set[str], first: bool = False) -> Worksheet:
    """A new sheet (or the workbook's initial one) under a valid, unique version of ``name``:
    at most 31 characters, none of ``[]:*?/\\``."""
    sheet = book.active if first else book.create_sheet()
    sheet.title = _unique(SHEET_NAME_FORBIDDEN.sub("-", name), taken, SHEET_NAME_MAX)
    return sheet


def _exercise_stems(workshop: Workshop, lang: str) -> dict[str, str]:
    """Per exercise, the id shortened (and kept unique) to fit in every exercise sheet's name."""
    room = SHEET_NAME_MAX - max(len(i18n.t(key, lang, exercise="")) for key in EXERCISE_SHEETS)
    taken: set[str] = set()
    return {e.id: _unique(e.id, taken, room) for e in workshop.exercises}


def _fit_columns(sheet: Worksheet) -> None:
    """Set each column wide enough for its longest value, within sensible bounds.

    Headings, captions and notes may run over the empty cells to their right, so they do not
    widen their column.
    """
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
            if cell.value is not None and not _spills(cell):
                widths[cell.column] = max(widths.get(cell.column, 0), len(str(cell.value)))
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(
            COLUMN_WIDTH_MAX, max(COLUMN_WIDTH_MIN, width + 2))


def _spills(cell: Cell) -> bool:
    """Whether the cell holds a heading, caption or note (compared as ``proxy == font``: a
    ``Font`` does not compare equal to the cell's style proxy the other way round)."""
    return any(cell.font == font for font in SPILLING_FONTS)


def _line(sheet: Worksheet, row: int, text: str, font: Font, column: int = 1) -> int:
    """A heading, caption or note in one cell, free to run to the right; return the next row."""
    _put(sheet, row, column, text).font = font
    return row + 1


def _yes_no(value: bool, lang: str) -> str:
    """The word for yes or no in ``lang``."""
    return i18n.t("excel.yes" if value else "excel.no", lang)


# ---- cover and participation -------------------------------------------------------------------

def _cover(sheet: Worksheet, workshop: Workshop, lang: str) -> None:
    """The workshop at a glance: what, where, when, how many, and how anonymity is kept."""
    row = _line(sheet, 1, workshop.title, HEADING)
    if workshop.fictional:
        row = _line(sheet, row, i18n.t("excel.cover.fictional", lang), NOTE)
    numbers = counts(workshop)
    language = workshop.language
    if language in i18n.LANGUAGES:
        language = f"{language} ({i18n.language_name(language)})"
    facts: list[tuple[str, object]] = [
        ("place", workshop.place), ("date", workshop.date), ("language", language),
        ("code", workshop.code), ("groups", numbers.groups),
        ("participants", numbers.participants), ("proxy_voters", numbers.proxy_voters),
        ("exercises", numbers.exercises), ("ballots", numbers.ballots),
        ("threshold", workshop.small_group_threshold)]
    if workshop.note:
        facts.append(("note", workshop.note))
    row += 1
    for key, value in facts:
        _put(sheet, row, 1, i18n.t(f"excel.cover.{key}", lang), bold=True)
        _put(sheet, row, 2, value, DATE_FORMAT if key == "date" else None)
        row += 1
    row += 1
    row = _line(sheet, row, i18n.t("excel.cover.threshold_note", lang,
                                   threshold=workshop.small_group_threshold), NOTE)
    _line(sheet, row, i18n.t("excel.cover.anonymous", lang), NOTE)


def _participation(sheet: Worksheet, workshop: Workshop, lang: str) -> None:
    """Per group: HRBA role, expected, joined, and voters counted in each exercise."""
    header = [i18n.t(f"excel.col.{key}", lang) for key in ("group", "hrba_role", "expected", "joined")]
    header += [i18n.t("excel.col.voters_in", lang, exercise=label(e.title, lang))
               for e in workshop.exercises]
    _row(sheet, 1, header, bold=True)
    sheet.freeze_panes = "B2"
    voted = [{t.group: t.voted for t in turnout(workshop, e)} for e in workshop.exercises]
    joined = Counter(p.group for p in workshop.participants if not p.proxy)
    totals = [0] * (len(header) - 2)
    for row, group in enumerate(workshop.groups, start=2):
        numbers = [group.expected, joined[group.id]] + [v[group.id] for v in voted]
        _row(sheet, row, [label(group.label, lang), i18n.t(f"hrba.{group.hrba_role}", lang)]
             + numbers)
        totals = [total + number for total, number in zip(totals, numbers)]
    _row(sheet, len(workshop.groups) + 2, [i18n.t("excel.total", lang), None] + totals, bold=True)


# ---- results -----------------------------------------------------------------------------------

def _results_sheet(sheet: Worksheet, workshop: Workshop, exercise: Exercise, lang: str) -> None:
    """The exercise's result under each weighting, per group, and a chart of the person result."""
    row = _line(sheet, 1, label(exercise.title, lang), HEADING)
    if exercise.question:
        row = _line(sheet, row, label(exercise.question, lang), NOTE)
    row = _line(sheet, row, i18n.t(f"excel.method.{exercise.method}", lang, beans=exercise.beans),
                NOTE)
    sheet.freeze_panes = f"A{row}"
    by_weighting = [results(workshop, exercise.id, weighting) for weighting in WEIGHTINGS]
    person = by_weighting[0]
    row = _line(sheet, row, i18n.t("excel.results.voters", lang, voters=person.voters), NOTE) + 1
    person_first_row = row + 2
    for result in by_weighting:
        row = _overall_block(sheet, row, exercise, result, lang) + 1
    row = _groups_block(sheet, row, workshop, exercise, person, lang) + 1
    _chart(sheet, row, exercise, person_first_row, lang)


def _ranked_cells(sheet: Worksheet, row: int, column: int, line: ItemResult,
                  measures: tuple[str, ...], lang: str) -> None:
    """An item's rank and measures from ``column`` on, each measure in its number format."""
    _put(sheet, row, column, line.rank)
    for offset, measure in enumerate(measures, start=1):
        _put(sheet, row, column + offset, measure_value(line, measure, lang),
             NUMBER_FORMATS.get(measure))


def _item_cells(sheet: Worksheet, row: int, exercise: Exercise, item_id: str, lang: str) -> None:
    """An item's label and pictogram, the first two cells of a result line."""
    item = exercise.item(item_id)
    _row(sheet, row, [label(item.label, lang), item.pictogram])


def _overall_block(sheet: Worksheet, row: int, exercise: Exercise, result: ExerciseResult,
                   lang: str) -> int:
    """One weighting's overall result, best first, under a caption naming the weighting.

    The table's first line is two rows below ``row``; return the row after the table.
    """
    _line(sheet, row, i18n.t(f"excel.weighting.{result.weighting}", lang), CAPTION)
    measures = measure_columns(exercise.method, result.weighting)
    _row(sheet, row + 1, [i18n.t(f"excel.col.{key}", lang)
                          for key in ("item", "pictogram", "rank") + measures], bold=True)
    row += 2
    for line in result.items:
        _item_cells(sheet, row, exercise, line.item, lang)
        _ranked_cells(sheet, row, FIRST_MEASURE_COLUMN - 1, line, measures, lang)
        row += 1
    return row


def _groups_block(sheet: Worksheet, row: int, workshop: Workshop, exercise: Exercise,
                  result: ExerciseResult, lang: str) -> int:
    """Each shown group's own result side by side, items in exercise order; then how many groups
    were hidden for being small (never their results). Return the next row."""
    row = _line(sheet, row, i18n.t("excel.results.by_group", lang), CAPTION)
    if not result.groups:
        row = _line(sheet, row, i18n.t("excel.results.no_group_shown", lang), NOTE)
    else:
        row = _group_tables(sheet, row, workshop, exercise, result, lang)
    return _line(sheet, row + 1, i18n.t("excel.results.hidden", lang, count=len(result.hidden_groups),
                                         threshold=workshop.small_group_threshold), NOTE)


def _group_tables(sheet: Worksheet, row: int, workshop: Workshop, exercise: Exercise,
                  result: ExerciseResult, lang: str) -> int:
    """The shown groups' tables side by side, one line per item; return the next row."""
    measures = measure_columns(exercise.method, "person")
    voters = {t.group: t.voted for t in result.turnout}
    columns = [FIRST_MEASURE_COLUMN - 1 + index * (1 + len(measures))
               for index in range(len(result.groups))]
    _row(sheet, row + 1, [i18n.t("excel.col.item", lang), i18n.t("excel.col.pictogram", lang)],
         bold=True)
    for column, group_id in zip(columns, result.groups):
        _line(sheet, row, i18n.t("excel.results.group_heading", lang, voters=voters[group_id],
                                 group=label(workshop.group(group_id).label, lang)), CAPTION, column)
        _row(sheet, row + 1, [i18n.t(f"excel.col.{key}", lang) for key in ("rank",) + measures],
             column=column, bold=True)
    row += 2
    for item in exercise.items:
        _item_cells(sheet, row, exercise, item.id, lang)
        for column, lines in zip(columns, result.groups.values()):
            line = next(line for line in lines if line.item == item.id)
            _ranked_cells(sheet, row, column, line, measures, lang)
        row += 1
    return row


def _chart(sheet: Worksheet, row: int, exercise: Exercise, first: int, lang: str) -> None:
    """A native chart, anchored at ``row``, of the person-weighted table whose items start at
    row ``first``: beans per item as bars, or each item's importance against its urgency."""
    last = first + len(exercise.items) - 1
    if exercise.method == "tokens":
        chart = BarChart()
        chart.type = "bar"
        chart.add_data(Reference(sheet, min_col=FIRST_MEASURE_COLUMN, min_row=first - 1,
                                 max_row=last), titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
        chart.legend = None
        chart.title = i18n.t("excel.chart.tokens", lang)
    else:
        chart = _matrix_chart(sheet, first, last, lang)
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.width, chart.height = CHART_SIZE_CM
    sheet.add_chart(chart, f"A{row}")


def _matrix_chart(sheet: Worksheet, first: int, last: int, lang: str) -> ScatterChart:
    """Importance (x) against urgency (y) on the 1–5 scales, one marked point per item."""
    chart = ScatterChart()
    chart.title = i18n.t("excel.chart.matrix", lang)
    chart.style = 13
    chart.x_axis.title = i18n.t("excel.col.importance", lang)
    chart.y_axis.title = i18n.t("excel.col.urgency", lang)
    for axis in (chart.x_axis, chart.y_axis):
        axis.scaling.min, axis.scaling.max = 1, 5
    importance, urgency = FIRST_MEASURE_COLUMN, FIRST_MEASURE_COLUMN + 1
    for row in range(first, last + 1):
        series = Series(Reference(sheet, min_col=urgency, min_row=row),
                        Reference(sheet, min_col=importance, min_row=row))
        series.tx = SeriesLabel(strRef=StrRef(str(Reference(sheet, min_col=1, min_row=row))))
        series.marker.symbol = "circle"
        series.marker.size = 10
        series.graphicalProperties.line.noFill = True
        chart.series.append(series)
    return chart


# ---- ballots -----------------------------------------------------------------------------------

def _ballots_sheet(sheet: Worksheet, workshop: Workshop, exercise: Exercise, lang: str) -> None:
    """Every ballot in the order cast, by anonymous token, with whether it is the one counted."""
    header = [i18n.t(f"excel.col.{key}", lang)
              for key in ("ballot", "token", "group", "proxy", "voters", "cast_at", "latest")]
    for item in exercise.items:
        name = label(item.label, lang)
        header += ([name] if exercise.method == "tokens" else
                   [i18n.t(f"excel.col.item_{axis}", lang, item=name)
                    for axis in ("importance", "urgency")])
    _row(sheet, 1, header, bold=True)
    sheet.freeze_panes = "C2"
    participants = {p.token: p for p in workshop.participants}
    counted = {id(ballot) for ballot in latest_ballots(exercise)}
    for number, ballot in enumerate(exercise.ballots, start=1):
        who = participants[ballot.participant]
        row = number + 1
        _row(sheet, row, [number, ballot.participant, label(workshop.group(who.group).label, lang),
                          _yes_no(who.proxy, lang), ballot.voters, ballot.cast_at,
                          _yes_no(id(ballot) in counted, lang)] + _answers(exercise, ballot.answer))
        sheet.cell(row=row, column=6).number_format = DATETIME_FORMAT
    sheet.auto_filter.ref = sheet.dimensions


def _answers(exercise: Exercise, answer: Answer) -> list[int]:
    """A ballot's answer in item order: beans per item, or importance then urgency per item."""
    if exercise.method == "tokens":
        return [answer.beans.get(item.id, 0) for item in exercise.items]
    return [value for item in exercise.items
            for value in (answer.ratings[item.id].importance, answer.ratings[item.id].urgency)]
