"""Writing the workbook's sheets: what every kind's sheets share.

Text from a workshop (labels, pictograms, titles, what participants typed) is always written as
text, never as a formula: a label typed as ``=HYPERLINK(...)`` shows as those characters and does
nothing. Sheet names are made valid and unique. The ballots sheets of every kind start with the
same columns (``BALLOT_COLUMNS``, then the profile's answers where the workbook lists them:
``Room.profile_columns``) and never name a group too small to be shown on its own. A ballot of a
participant the facilitator removed stays, marked removed and not counted.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any, TypeAlias, cast

from babel.numbers import format_decimal
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from engine.core import i18n, profile
from engine.core.records import Ballot, Participant, Room
from engine.core.types import Labels, label

__all__ = ["Book", "CellValue", "SHEET_NAME_MAX", "put", "row", "line", "yes_no", "decimal",
           "fit_columns", "ballot_headers", "ballot_cells", "answers_sheet", "group_tables_stacked",
           "block_caption", "FORMULA_PREFIXES", "BOLD", "HEADING", "CAPTION", "NOTE", "WRAPPED",
           "DATE_FORMAT", "DATETIME_FORMAT"]

#: What ``put`` writes in a cell (what openpyxl can store).
CellValue: TypeAlias = str | float | Decimal | dt.date | dt.time | dt.timedelta | None

SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
FORMULA_PREFIXES = ("=", "+", "-", "@")  # what a spreadsheet would read as the start of a formula
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT = "yyyy-mm-dd"
COLUMN_WIDTH_MIN, COLUMN_WIDTH_MAX = 8, 50
BOLD = Font(bold=True)
HEADING, CAPTION, NOTE = Font(bold=True, sz=14), Font(bold=True, i=True), Font(i=True)
SPILLING_FONTS = (HEADING, CAPTION, NOTE)
WRAPPED = Alignment(wrap_text=True, vertical="top")
# Every ballots sheet starts with these columns.
BALLOT_COLUMNS = ("ballot", "token", "group", "proxy", "voters", "cast_at", "latest", "excluded")


class Book:
    """The workbook being written, in one language, with the names its sheets have taken.

    ``names`` gives the label of anything a design may name by id: a stakeholder group, or what
    another exercise offers as a target (a map's actor).
    """

    def __init__(self, lang: str, names: Mapping[str, Labels]) -> None:
        self.lang = lang
        self.workbook = Workbook()
        self._names = names
        self._taken: set[str] = set()
        self._stems: set[str] = set()
        self._first = True

    def sheet(self, name: str) -> Worksheet:
        """A new sheet (the workbook's initial one first) under a valid, unique version of
        ``name``: at most 31 characters, none of ``[]:*?/\\``."""
        sheet = self.workbook.active if self._first else self.workbook.create_sheet()
        assert sheet is not None  # a new workbook always has its active sheet
        self._first = False
        sheet.title = self.unique(SHEET_NAME_FORBIDDEN.sub("-", name), SHEET_NAME_MAX)
        return sheet

    def unique(self, name: str, limit: int, taken: set[str] | None = None) -> str:
        """``name`` cut to ``limit`` characters and made unique among the names taken (compared
        without case, as Excel compares sheet names) with ``~2``, ``~3``… in place of its last
        characters."""
        taken = self._taken if taken is None else taken
        base = name[:limit]
        name, number = base, 1
        while name.lower() in taken:
            number += 1
            suffix = f"~{number}"
            name = base[:limit - len(suffix)] + suffix
        taken.add(name.lower())
        return name

    def stem(self, name: str, limit: int) -> str:
        """A short name for an exercise's sheets (``<stem> results``, ``<stem> ballots``): at
        most ``limit`` characters, unique among the stems given so far."""
        return self.unique(name, limit, self._stems)

    def t(self, key: str, **params: object) -> str:
        """The catalogue text for ``key`` in the workbook's language."""
        return i18n.t(key, self.lang, **params)

    def name_of(self, thing: str | None) -> str | None:
        """Who a design names (an instrument's target, an action's responsible): a group's or an
        actor's label when ``thing`` is the id of one, else ``thing`` as written."""
        if thing is None or thing not in self._names:
            return thing
        return label(self._names[thing], self.lang)

    def finish(self) -> Workbook:
        """The workbook, each column as wide as its longest value (within bounds)."""
        for sheet in self.workbook.worksheets:
            fit_columns(sheet)
        return self.workbook


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


def put(sheet: Worksheet, row: int, column: int, value: CellValue, number_format: str | None = None,
        bold: bool = False) -> Cell:
    """Write one value: text through ``_text``, datetimes as naive UTC, numbers with a format
    (dates and datetimes, unless told otherwise, with ``DATE_FORMAT`` or ``DATETIME_FORMAT``)."""
    cell = cast(Cell, sheet.cell(row=row, column=column))  # the workbook merges no cells
    if isinstance(value, str):
        _text(cell, value)
    elif isinstance(value, dt.datetime) and value.tzinfo is not None:
        cell.value = value.astimezone(dt.UTC).replace(tzinfo=None)
    else:
        cell.value = value
    if number_format is None and isinstance(value, dt.date):
        number_format = DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
    if number_format:
        cell.number_format = number_format
    if bold:
        cell.font = BOLD
    return cell


def row(sheet: Worksheet, number: int, values: Sequence[CellValue], column: int = 1,
        bold: bool = False) -> int:
    """Write ``values`` across row ``number`` from ``column``; return the next row."""
    for offset, value in enumerate(values):
        put(sheet, number, column + offset, value, bold=bold)
    return number + 1


def line(sheet: Worksheet, number: int, text: str, font: Font, column: int = 1) -> int:
    """A heading, caption or note in one cell, free to run to the right; return the next row."""
    put(sheet, number, column, text).font = font
    return number + 1


def yes_no(value: bool, lang: str) -> str:
    """The word for yes or no in ``lang``."""
    return i18n.t("excel.yes" if value else "excel.no", lang)


def decimal(value: float, pattern: str, lang: str) -> str:
    """A number written out in a sentence, as ``lang`` writes it (0.143, 0,143)."""
    return format_decimal(value, format=pattern, locale=lang if lang in i18n.LANGUAGES
                          else i18n.DEFAULT_LANGUAGE)


def fit_columns(sheet: Worksheet) -> None:
    """Set each column wide enough for its longest value (its longest line), within bounds.

    Headings, captions and notes may run over the empty cells to their right, so they do not
    widen their column.
    """
    widths: dict[int, int] = {}
    for cells in sheet.iter_rows():
        for cell in cells:
            if cell.value is not None and not _spills(cell):
                longest = max(map(len, str(cell.value).splitlines() or [""]))
                widths[cell.column] = max(widths.get(cell.column, 0), longest)
    for column, width in widths.items():
        sheet.column_dimensions[get_column_letter(column)].width = min(
            COLUMN_WIDTH_MAX, max(COLUMN_WIDTH_MIN, width + 2))


def _spills(cell: Cell) -> bool:
    """Whether the cell holds a heading, caption or note (compared as ``proxy == font``: a
    ``Font`` does not compare equal to the cell's style proxy the other way round)."""
    return any(cell.font == font for font in SPILLING_FONTS)


# ---- ballots -----------------------------------------------------------------------------------

def ballot_headers(lang: str, room: Room) -> list[str]:
    """The headings of the columns every ballots sheet starts with, then one per profile
    attribute the workbook lists (``room.profile_columns``)."""
    return ([i18n.t(f"excel.col.{key}", lang) for key in BALLOT_COLUMNS]
            + [i18n.t(profile.attribute(a).name_key, lang).capitalize()
               for a in room.profile_columns])


def ballot_cells(room: Room, who: Participant, named: bool, number: int, ballot: Ballot,
                 counted: bool, lang: str) -> list[CellValue]:
    """The cells every ballots sheet starts with: number, token, the group (unless ``named`` is
    false: a group too small to be shown), proxy or not, voters, when, whether counted (never,
    once the facilitator removed the participant), whether removed, and the participant's
    answers to the profile the workbook lists (blank where not given or not exportable)."""
    group = (label(room.group(who.group).label, lang) if named
             else i18n.t("excel.proposals.small_group", lang))
    excluded = room.is_excluded(who.token)
    answers = [i18n.t(profile.attribute(a).value(who.attributes[a]).key, lang)
               if a in who.attributes else None for a in room.profile_columns]
    return [number, ballot.participant, group, yes_no(who.proxy, lang), ballot.voters,
            ballot.cast_at, yes_no(counted and not excluded, lang), yes_no(excluded, lang),
            *answers]


def answers_sheet(sheet: Worksheet, room: Room, ballots: Sequence[Ballot], hidden: Iterable[str],
                  headers: list[str], answers: Callable[[Any], list[tuple[str, list[CellValue]]]],
                  lang: str) -> None:
    """Every ballot in the order cast, one row per question it answers (an instrument scored, a
    cell rated), by anonymous token, with whether that answer is the one counted (the
    participant's latest to the question). ``answers(answer)`` gives each question's id and its
    cells; the groups in ``hidden`` are not named."""
    row(sheet, 1, ballot_headers(lang, room) + headers, bold=True)
    sheet.freeze_panes = "C2"
    hidden = set(hidden)
    latest = {(ballot.participant, question): number
              for number, ballot in enumerate(ballots, start=1)
              for question, _ in answers(ballot.answer)}
    at = 2
    for number, ballot in enumerate(ballots, start=1):
        who = room.participant(ballot.participant)
        for question, cells in answers(ballot.answer):
            counted = latest[(ballot.participant, question)] == number
            at = row(sheet, at, ballot_cells(room, who, who.group not in hidden, number, ballot,
                                             counted, lang) + cells)
    sheet.auto_filter.ref = sheet.dimensions


def group_tables_stacked(sheet: Worksheet, at: int, room: Room, groups: Mapping[str, Any],
                         hidden: Sequence[str], table: Callable[[Worksheet, int, Any], int],
                         lang: str) -> int:
    """Each shown group's own table, one under the other under the group's name (``table``
    writes one and returns the next row); then how many small groups were hidden."""
    if not groups:
        at = line(sheet, at, i18n.t("excel.results.no_group_shown", lang), NOTE)
    for group_id, lines in groups.items():
        at = line(sheet, at, label(room.group(group_id).label, lang), CAPTION)
        at = table(sheet, at, lines) + 1
    return hidden_note(sheet, at, room, hidden, lang)


def hidden_note(sheet: Worksheet, at: int, room: Room, hidden: Sequence[str], lang: str) -> int:
    """How many small groups were hidden, and why (never which)."""
    return line(sheet, at, i18n.n("excel.results.hidden", room.small_group_threshold, lang,
                                  hidden=len(hidden)), NOTE)


def block_caption(what: str, weighting: str, lang: str) -> str:
    """A block's caption: what it shows, then the weighting in words."""
    return i18n.t("excel.results.block", lang, aggregation=what,
                  weighting=i18n.t(f"excel.weighting.{weighting}", lang))
