"""The Excel workbook a coordinator takes home: cover, participation, results and ballots.

Sheets, in order:

- **Cover**: the workshop, its counts, the small-group threshold and the anonymity note.
- **Participation**: per stakeholder group, expected, joined and voters counted per exercise.
- Per exercise, **results**: the items participants proposed (if any) and, for matrix scoring,
  the criteria with their weights; then one block per aggregation of the method (Borda, Copeland
  and Schulze for a ranking…) and per weighting (person, group, and custom when the exercise has
  group weights, which are written out), each with its agreement line (Kendall's W); each group's
  own result side by side under the default aggregation, with its W (groups below the
  small-group threshold are only counted, never shown, never named); how the shown groups'
  rankings diverge; for ranking and pairwise exercises the pairwise matrix as a coloured grid;
  and a native chart of the person-weighted default result.
- Per exercise, **ballots**: every ballot in the order cast, superseded ones included, by
  anonymous token only, with its answer in the method's own shape (beans, ratings, positions,
  the pair shown and the choice, or scores per criterion).
- When the workshop has a stakeholder network map, **Actors** (one row per actor: kind, HRBA
  role, influence, interest, every centrality over all links and over the flows, broker,
  isolated, Mendelow quadrant and salience class), **Links** (one row per link) and the
  **Power-interest grid** (Mendelow's four quadrants with their actors); see docs/network.md.
- When the workshop has a Leverage and Incentives Matrix, **LIM results** (the composite formula
  with the weights in use; the instruments and their conditions; every instrument's means,
  composite and rank under person and group weighting, gated instruments listed unranked with
  their unmet conditions; each shown group's own table; the disagreement between groups) and
  **LIM ballots** (one row per instrument scored per ballot).
- When the workshop has a community EMP, **EMP interactions** (the land-use × value matrix as a
  grid under person and group weighting, each cell's majority shown by symbol, status and fill,
  with a legend; one row per cell with its shares; each shown group's cells), **EMP risks** (the
  risk register and the negative cells not assessed yet), **EMP action plan** (the actions by
  priority, then by year, and the negative cells no action addresses) and **EMP ballots**.

Every number comes from ``engine.prioritise``, ``engine.network``, ``engine.incentives`` and
``engine.emp``; every label from the catalogues.
Text from the file (labels, pictograms, titles) is always written as text, never as a formula:
a label typed as ``=HYPERLINK(...)`` shows as those characters and does nothing.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

from babel.numbers import format_decimal, format_percent
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.series import SeriesLabel, StrRef
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from engine import i18n
from engine.answers import voters_by_group
from engine.emp import (INTERACTION_NAMES, INTERACTIONS, CellResult, EmpResult, EnvironmentalPlan,
                        InteractionBallot, InteractionResult, cell_id, plan_end,
                        workshop_emp_results)
from engine.errors import EngineError
from engine.incentives import (CRITERIA, IncentiveMatrix, IncentiveResult, InstrumentResult,
                               ScoreBallot, workshop_incentive_results)
from engine.model import Answer, Ballot, Exercise, ExerciseDefinition, Participant, Workshop, label
from engine.network import LayerAnalysis, NetworkAnalysis, NetworkMap, analyse
from engine.prioritise import (AGGREGATIONS, BASIC_WEIGHTINGS, WEIGHTINGS, Agreement,
                               ExerciseResult, ItemResult, latest_ballots, results, turnout)

__all__ = ["Counts", "counts", "workbook", "export_workbook", "weightings", "measure_columns",
           "measure_value", "CRITERION_PREFIX", "fraction_text"]

SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
EXERCISE_SHEETS = ("excel.sheet.results", "excel.sheet.ballots")  # name patterns, in sheet order
FORMULA_PREFIXES = ("=", "+", "-", "@")  # what a spreadsheet would read as the start of a formula
NUMBER_FORMATS = {"share": "0.0%", "importance": "0.00", "urgency": "0.00"}
# A score's format by aggregation; counts of points, wins and paths stay General (5, 5.666667).
SCORE_FORMATS = {"importance-urgency": "0.00", "matrix": "0.00", "bradley-terry": "0.000"}
CRITERION_PREFIX = "criterion:"  # a matrix result's measure: one criterion's mean
W_FORMAT = "0.000"
# The pairwise grid's colour scale: white for the fewest preferences, green for the most.
SCALE_LOW, SCALE_HIGH = "FFFFFF", "63BE7B"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT = "yyyy-mm-dd"
COLUMN_WIDTH_MIN, COLUMN_WIDTH_MAX = 8, 50
CHART_SIZE_CM = (18, 9)  # width, height: about 18 rows tall
BOLD = Font(bold=True)
HEADING, CAPTION, NOTE = Font(bold=True, sz=14), Font(bold=True, i=True), Font(i=True)
SPILLING_FONTS = (HEADING, CAPTION, NOTE)
FIRST_MEASURE_COLUMN = 4  # result tables: item, pictogram, rank, then the measures
# The Actors sheet: the scopes whose positions it gives, and each scope's measures.
ACTOR_SCOPES = {"all": ("links", "degree", "betweenness", "closeness", "eigenvector"),
                "flows": ("links", "degree", "in_degree", "out_degree", "betweenness",
                          "closeness", "eigenvector")}
METRIC_FORMAT = "0.000"
# The power-interest grid as drawn: power high on top, interest high on the right.
GRID = (("high", ("keep_satisfied", "manage_closely")), ("low", ("monitor", "keep_informed")))
# Every ballots sheet starts with these columns.
BALLOT_COLUMNS = ("ballot", "token", "group", "proxy", "voters", "cast_at", "latest")
# The LIM's result tables: the mean of each criterion and of the risk, then the composite.
LIM_MEASURES = (*CRITERIA, "risk", "composite")
MEAN_FORMAT, COMPOSITE_FORMAT = "0.00", "0.000"
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
WRAPPED = Alignment(wrap_text=True, vertical="top")


@dataclass(frozen=True)
class Counts:
    """The head-line counts of a workshop, as the cover sheet and ``validate`` show them."""

    groups: int
    participants: int  # people who joined on a phone; proxy tallies are not people
    proxy_voters: int  # people counted through proxy tallies, most in any one exercise
    exercises: int
    ballots: int  # every ballot cast, changed votes included
    matrix_ballots: int  # LIM scores and EMP ratings sent, changed ones included


def counts(workshop: Workshop) -> Counts:
    """Count the workshop's groups, participants, proxy voters, exercises and ballots."""
    proxies = {p.token for p in workshop.participants if p.proxy}
    proxy_voters = max((sum(b.voters for b in latest_ballots(e) if b.participant in proxies)
                        for e in workshop.exercises), default=0)
    return Counts(groups=len(workshop.groups),
                  participants=len(workshop.participants) - len(proxies),
                  proxy_voters=proxy_voters, exercises=len(workshop.exercises),
                  ballots=sum(len(e.ballots) for e in workshop.exercises),
                  matrix_ballots=len(workshop.score_ballots) + len(workshop.interaction_ballots))


def weightings(exercise: ExerciseDefinition) -> tuple[str, ...]:
    """The weightings an exercise's results are shown under: custom only if it has weights."""
    return WEIGHTINGS if exercise.group_weights else BASIC_WEIGHTINGS


def measure_columns(exercise: ExerciseDefinition, aggregation: str, weighting: str
                    ) -> tuple[str, ...]:
    """The measures a result table shows for ``aggregation`` of ``exercise``.

    tokens: raw beans (person weighting only) and the share; importance-urgency: both means, the
    score and the quadrant; matrix: each criterion's mean (``criterion:<id>``), then the weighted
    total; the ranking and pairwise aggregations: their score.
    """
    if aggregation == "tokens":
        return ("beans", "share") if weighting == "person" else ("share",)
    if aggregation == "importance-urgency":
        return ("importance", "urgency", "score", "quadrant")
    if aggregation == "matrix":
        return (*(CRITERION_PREFIX + c.id for c in exercise.criteria), "score")
    return ("score",)


def measure_value(row: ItemResult, measure: str, lang: str) -> object:
    """One measure of an item's result; a quadrant as its translated name."""
    if measure.startswith(CRITERION_PREFIX):
        return (row.criteria or {}).get(measure.removeprefix(CRITERION_PREFIX))
    value = getattr(row, measure)
    if measure == "quadrant" and value is not None:
        return i18n.t(f"quadrant.{value}", lang)
    return value


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
    if workshop.network is not None:
        found = analyse(workshop.network)
        _actors_sheet(_sheet(book, i18n.t("excel.sheet.actors", lang), taken), workshop.network,
                      found, lang)
        _links_sheet(_sheet(book, i18n.t("excel.sheet.links", lang), taken), workshop.network,
                     lang)
        _grid_sheet(_sheet(book, i18n.t("excel.sheet.grid", lang), taken), workshop.network,
                    found, lang)
    if workshop.lim is not None:
        _lim_sheets(book, taken, workshop, lang)
    if workshop.emp is not None:
        _emp_sheets(book, taken, workshop, lang)
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
    """Write one value: text through ``_text``, datetimes as naive UTC, numbers with a format
    (dates and datetimes, unless told otherwise, with ``DATE_FORMAT`` or ``DATETIME_FORMAT``)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        _text(cell, value)
    elif isinstance(value, dt.datetime) and value.tzinfo is not None:
        cell.value = value.astimezone(dt.timezone.utc).replace(tzinfo=None)
    else:
        cell.value = value
    if number_format is None and isinstance(value, dt.date):
        number_format = DATETIME_FORMAT if isinstance(value, dt.datetime) else DATE_FORMAT
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
    """Set each column wide enough for its longest value (its longest line), within bounds.

    Headings, captions and notes may run over the empty cells to their right, so they do not
    widen their column.
    """
    widths: dict[int, int] = {}
    for row in sheet.iter_rows():
        for cell in row:
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


def _line(sheet: Worksheet, row: int, text: str, font: Font, column: int = 1) -> int:
    """A heading, caption or note in one cell, free to run to the right; return the next row."""
    _put(sheet, row, column, text).font = font
    return row + 1


def _yes_no(value: bool, lang: str) -> str:
    """The word for yes or no in ``lang``."""
    return i18n.t("excel.yes" if value else "excel.no", lang)


def _decimal(value: float, pattern: str, lang: str) -> str:
    """A number written out in a sentence, as ``lang`` writes it (0.143, 0,143)."""
    return format_decimal(value, format=pattern, locale=lang if lang in i18n.LANGUAGES
                          else i18n.DEFAULT_LANGUAGE)


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
        ("matrix_ballots", numbers.matrix_ballots),
        ("threshold", workshop.small_group_threshold)]
    if workshop.note:
        facts.append(("note", workshop.note))
    row += 1
    for key, value in facts:
        _put(sheet, row, 1, i18n.t(f"excel.cover.{key}", lang), bold=True)
        _put(sheet, row, 2, value)
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
    voted = [{t.group: t.voted for t in turnout(workshop, e)} for e in workshop.exercises]
    # The LIM and the EMP, when the workshop has them: people who scored or rated anything.
    for part, ballots in (("lim", workshop.score_ballots), ("emp", workshop.interaction_ballots)):
        if getattr(workshop, part) is not None:
            header.append(i18n.t("excel.col.voters_in", lang,
                                 exercise=i18n.t(f"excel.{part}.short", lang)))
            voted.append(defaultdict(int, voters_by_group(workshop.participants, ballots)))
    _row(sheet, 1, header, bold=True)
    sheet.freeze_panes = "B2"
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
    """Every aggregation under every weighting, the groups, their divergence, the pairwise grid
    and a chart of the person-weighted default result."""
    row = _line(sheet, 1, label(exercise.title, lang), HEADING)
    if exercise.question:
        row = _line(sheet, row, label(exercise.question, lang), NOTE)
    row = _line(sheet, row, i18n.t(f"excel.method.{exercise.method}", lang, beans=exercise.beans,
                                   pairs=exercise.pairs_per_person), NOTE)
    sheet.freeze_panes = f"A{row}"
    blocks = {(aggregation, weighting): results(workshop, exercise.id, weighting, aggregation)
              for aggregation in AGGREGATIONS[exercise.method]
              for weighting in weightings(exercise)}
    default = blocks[(AGGREGATIONS[exercise.method][0], "person")]
    row = _line(sheet, row, i18n.t("excel.results.voters", lang, voters=default.voters), NOTE) + 1
    if any(item.proposed_by for item in exercise.items):
        row = _proposals_block(sheet, row, workshop, exercise, default, lang) + 1
    if exercise.method == "matrix":
        row = _criteria_block(sheet, row, exercise, lang) + 1
    chart_first = row
    for result in blocks.values():
        row, first = _overall_block(sheet, row, workshop, exercise, result, lang)
        if result is default:
            chart_first = first
        row += 1
    row = _groups_block(sheet, row, workshop, exercise, default, lang) + 1
    row = _divergence_block(sheet, row, workshop, exercise, default, lang) + 1
    if default.pairwise is not None:
        for weighting in weightings(exercise):
            row = _pairwise_block(sheet, row, exercise, blocks[(default.aggregation, weighting)],
                                  lang) + 1
    _chart(sheet, row, exercise, default, chart_first, lang)


def _proposals_block(sheet: Worksheet, row: int, workshop: Workshop, exercise: Exercise,
                     result: ExerciseResult, lang: str) -> int:
    """The items participants proposed: by which group (never which participant) and whether
    approved. A group too small to be shown on its own is not named. Return the next row."""
    row = _line(sheet, row, i18n.t("excel.proposals.caption", lang), CAPTION)
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang)
                            for key in ("item", "pictogram", "proposed_by", "approved")], bold=True)
    voted = {t.group: t.voted for t in result.turnout}
    for item in exercise.items:
        if item.proposed_by is None:
            continue
        named = voted.get(item.proposed_by, 0) >= workshop.small_group_threshold
        group = (label(workshop.group(item.proposed_by).label, lang) if named
                 else i18n.t("excel.proposals.small_group", lang))
        row = _row(sheet, row, [label(item.label, lang), item.pictogram, group,
                                _yes_no(item.approved, lang)])
    return row


def _criteria_block(sheet: Worksheet, row: int, exercise: Exercise, lang: str) -> int:
    """Matrix scoring's criteria, their weights and "lower is better" flags; the next row."""
    row = _line(sheet, row, i18n.t("excel.criteria.caption", lang), CAPTION)
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang)
                            for key in ("criterion", "weight", "lower_is_better")], bold=True)
    for criterion in exercise.criteria:
        row = _row(sheet, row, [label(criterion.label, lang), criterion.weight,
                                _yes_no(criterion.lower_is_better, lang)])
    return row


def _measure_header(exercise: Exercise, aggregation: str, measure: str, lang: str) -> str:
    """A measure's column heading: a criterion's name, the aggregation's score, or the measure."""
    if measure.startswith(CRITERION_PREFIX):
        criterion = next(c for c in exercise.criteria
                         if c.id == measure.removeprefix(CRITERION_PREFIX))
        return i18n.t("excel.col.criterion_mean", lang, criterion=label(criterion.label, lang))
    if measure == "score":
        return i18n.t(f"excel.score.{aggregation}", lang)
    return i18n.t(f"excel.col.{measure}", lang)


def _number_format(aggregation: str, measure: str) -> str | None:
    if measure.startswith(CRITERION_PREFIX):
        return "0.00"
    if measure == "score":
        return SCORE_FORMATS.get(aggregation)
    return NUMBER_FORMATS.get(measure)


def _ranked_cells(sheet: Worksheet, row: int, column: int, line: ItemResult, aggregation: str,
                  measures: tuple[str, ...], lang: str) -> None:
    """An item's rank and measures from ``column`` on, each measure in its number format."""
    _put(sheet, row, column, line.rank)
    for offset, measure in enumerate(measures, start=1):
        _put(sheet, row, column + offset, measure_value(line, measure, lang),
             _number_format(aggregation, measure))


def _item_cells(sheet: Worksheet, row: int, exercise: Exercise, item_id: str, lang: str) -> None:
    """An item's label and pictogram, the first two cells of a result line."""
    item = exercise.item(item_id)
    _row(sheet, row, [label(item.label, lang), item.pictogram])


def _agreement_text(agreement: Agreement, lang: str) -> str:
    """Kendall's W, its χ² test and its plain reading, as one sentence."""
    p_value = (f"< {_decimal(0.001, '0.000', lang)}" if agreement.p_value < 0.001
               else _decimal(agreement.p_value, "0.000", lang))
    return i18n.t("excel.agreement.line", lang, w=_decimal(agreement.w, W_FORMAT, lang),
                  chi2=_decimal(agreement.chi2, "0.00", lang), df=agreement.df, p=p_value,
                  raters=agreement.raters,
                  reading=i18n.t(f"excel.concordance.{agreement.reading}", lang))


def _weights_text(workshop: Workshop, result: ExerciseResult, lang: str) -> str:
    """The custom weights used, per group; groups too small to be shown only as a count."""
    named = [i18n.t("excel.results.group_weight", lang, group=label(workshop.group(g).label, lang),
                    weight=_decimal(weight, "0.###", lang))
             for g, weight in result.group_weights.items() if g not in result.hidden_groups]
    hidden = sorted({weight for g, weight in result.group_weights.items()
                     if g in result.hidden_groups})
    if hidden:
        count = sum(g in result.hidden_groups for g in result.group_weights)
        named.append(i18n.t("excel.results.hidden_weights", lang, count=count, weights=", ".join(
            _decimal(weight, "0.###", lang) for weight in hidden)))
    return i18n.t("excel.results.group_weights", lang,
                  weights=i18n.t("excel.separator", lang).join(named))


def _overall_block(sheet: Worksheet, row: int, workshop: Workshop, exercise: Exercise,
                   result: ExerciseResult, lang: str) -> tuple[int, int]:
    """One aggregation and weighting's overall result, best first, under a caption naming both,
    the custom weights used and the agreement line. Return the row after the table and the row
    of its first item."""
    _line(sheet, row, i18n.t(
        "excel.results.block", lang,
        aggregation=i18n.t(f"excel.aggregation.{result.aggregation}", lang),
        weighting=i18n.t(f"excel.weighting.{result.weighting}", lang)), CAPTION)
    row += 1
    if result.weighting == "custom":
        row = _line(sheet, row, _weights_text(workshop, result, lang), NOTE)
    if result.agreement is not None:
        row = _line(sheet, row, _agreement_text(result.agreement, lang), NOTE)
    measures = measure_columns(exercise, result.aggregation, result.weighting)
    header = [i18n.t(f"excel.col.{key}", lang) for key in ("item", "pictogram", "rank")]
    header += [_measure_header(exercise, result.aggregation, m, lang) for m in measures]
    row = _row(sheet, row, header, bold=True)
    first = row
    for line in result.items:
        _item_cells(sheet, row, exercise, line.item, lang)
        _ranked_cells(sheet, row, FIRST_MEASURE_COLUMN - 1, line, result.aggregation, measures,
                      lang)
        row += 1
    return row, first


def _groups_block(sheet: Worksheet, row: int, workshop: Workshop, exercise: Exercise,
                  result: ExerciseResult, lang: str) -> int:
    """Each shown group's own result side by side, items in exercise order; then how many groups
    were hidden for being small (never their results). Return the next row."""
    row = _line(sheet, row, i18n.t("excel.results.by_group", lang, aggregation=i18n.t(
        f"excel.aggregation.{result.aggregation}", lang)), CAPTION)
    if not result.groups:
        row = _line(sheet, row, i18n.t("excel.results.no_group_shown", lang), NOTE)
    else:
        row = _group_tables(sheet, row, workshop, exercise, result, lang)
    return _line(sheet, row + 1, i18n.t("excel.results.hidden", lang,
                                        count=len(result.hidden_groups),
                                        threshold=workshop.small_group_threshold), NOTE)


def _group_tables(sheet: Worksheet, row: int, workshop: Workshop, exercise: Exercise,
                  result: ExerciseResult, lang: str) -> int:
    """The shown groups' tables side by side, one line per item, under each group's heading and
    its Kendall's W (not for pairwise answers, which have none); return the next row."""
    measures = measure_columns(exercise, result.aggregation, "person")
    voters = {t.group: t.voted for t in result.turnout}
    columns = [FIRST_MEASURE_COLUMN - 1 + index * (1 + len(measures))
               for index in range(len(result.groups))]
    for column, group_id in zip(columns, result.groups):
        heading = i18n.t("excel.results.group_heading", lang, voters=voters[group_id],
                         group=label(workshop.group(group_id).label, lang))
        _line(sheet, row, heading, CAPTION, column)
    row += 1
    if exercise.method != "pairwise":
        _put(sheet, row, 1, i18n.t("excel.results.group_agreement", lang), bold=True)
        for column, group_id in zip(columns, result.groups):
            agreement = result.group_agreement.get(group_id)
            if agreement is None:
                _put(sheet, row, column, i18n.t("excel.undefined", lang))
            else:
                _put(sheet, row, column, agreement.w, W_FORMAT)
                _put(sheet, row, column + 1, i18n.t(f"excel.concordance.{agreement.reading}", lang))
        row += 1
    _row(sheet, row, [i18n.t("excel.col.item", lang), i18n.t("excel.col.pictogram", lang)],
         bold=True)
    for column in columns:
        _row(sheet, row, [i18n.t("excel.col.rank", lang)]
             + [_measure_header(exercise, result.aggregation, m, lang) for m in measures],
             column=column, bold=True)
    row += 1
    for item in exercise.votable_items():
        _item_cells(sheet, row, exercise, item.id, lang)
        for column, lines in zip(columns, result.groups.values()):
            line = next(line for line in lines if line.item == item.id)
            _ranked_cells(sheet, row, column, line, result.aggregation, measures, lang)
        row += 1
    return row


def _rank_text(rank: float, lang: str) -> str:
    return _decimal(rank, "0.#", lang)


def _divergence_block(sheet: Worksheet, row: int, workshop: Workshop, exercise: Exercise,
                      result: ExerciseResult, lang: str) -> int:
    """Every pair of shown groups: Kendall's τ_b, Spearman's ρ and the items they rank most
    apart (rank in A vs rank in B). Return the next row."""
    row = _line(sheet, row, i18n.t("excel.divergence.caption", lang, aggregation=i18n.t(
        f"excel.aggregation.{result.aggregation}", lang)), CAPTION)
    if not result.divergence:
        return _line(sheet, row, i18n.t("excel.divergence.none", lang), NOTE)
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang) for key in
                            ("group_a", "group_b", "kendall_tau", "spearman_rho", "most_apart")],
               bold=True)
    undefined = i18n.t("excel.undefined", lang)
    for pair in result.divergence:
        values: list[object] = [label(workshop.group(pair.group_a).label, lang),
                                label(workshop.group(pair.group_b).label, lang)]
        values += [undefined if value is None else value
                   for value in (pair.kendall_tau, pair.spearman_rho)]
        values += [i18n.t("excel.divergence.difference", lang,
                          item=label(exercise.item(item).label, lang),
                          rank_a=_rank_text(rank_a, lang), rank_b=_rank_text(rank_b, lang))
                   for item, rank_a, rank_b in pair.differences]
        _row(sheet, row, values)
        for column in (3, 4):
            sheet.cell(row=row, column=column).number_format = W_FORMAT
        row += 1
    return row


def _pairwise_block(sheet: Worksheet, row: int, exercise: Exercise, result: ExerciseResult,
                    lang: str) -> int:
    """The weighted pairwise matrix as an items × items grid with a colour scale: each cell is
    how many voters preferred the row's item to the column's. Return the next row."""
    row = _line(sheet, row, i18n.t("excel.pairwise.caption", lang, weighting=i18n.t(
        f"excel.weighting.{result.weighting}", lang)), CAPTION)
    items = [item.id for item in exercise.votable_items()]
    _row(sheet, row, [i18n.t("excel.pairwise.corner", lang)]
         + [label(exercise.item(item).label, lang) for item in items], bold=True)
    values = [v for row_values in result.pairwise.values() for v in row_values.values()]
    number_format = "0" if all(float(v).is_integer() for v in values) else "0.00"
    for offset, a in enumerate(items, start=1):
        _put(sheet, row + offset, 1, label(exercise.item(a).label, lang), bold=True)
        for column, b in enumerate(items, start=2):
            if a != b:
                _put(sheet, row + offset, column, result.pairwise[a][b], number_format)
    grid = (f"{get_column_letter(2)}{row + 1}:"
            f"{get_column_letter(len(items) + 1)}{row + len(items)}")
    sheet.conditional_formatting.add(grid, ColorScaleRule(
        start_type="min", start_color=SCALE_LOW, end_type="max", end_color=SCALE_HIGH))
    return row + len(items) + 1


def _chart(sheet: Worksheet, row: int, exercise: Exercise, result: ExerciseResult, first: int,
           lang: str) -> None:
    """A native chart, anchored at ``row``, of the person-weighted default table whose items
    start at row ``first``: beans or the score per item as bars, or each item's importance
    against its urgency."""
    if not result.items:
        return
    last = first + len(result.items) - 1
    if result.aggregation == "importance-urgency":
        chart = _matrix_chart(sheet, first, last, lang)
    else:
        measures = measure_columns(exercise, result.aggregation, "person")
        measure = "beans" if result.aggregation == "tokens" else "score"
        column = FIRST_MEASURE_COLUMN + measures.index(measure)
        chart = BarChart()
        chart.type = "bar"
        chart.add_data(Reference(sheet, min_col=column, min_row=first - 1, max_row=last),
                       titles_from_data=True)
        chart.set_categories(Reference(sheet, min_col=1, min_row=first, max_row=last))
        chart.x_axis.scaling.orientation = "maxMin"  # rank 1 at the top
        chart.legend = None
        chart.title = (i18n.t("excel.chart.tokens", lang) if result.aggregation == "tokens" else
                       i18n.t("excel.chart.score", lang,
                              measure=_measure_header(exercise, result.aggregation, "score", lang)))
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
    _row(sheet, 1, _ballot_headers(lang) + _answer_headers(exercise, lang), bold=True)
    sheet.freeze_panes = "C2"
    participants = {p.token: p for p in workshop.participants}
    counted = {id(ballot) for ballot in latest_ballots(exercise)}
    voted = {row.group: row.voted for row in turnout(workshop, exercise)}
    for number, ballot in enumerate(exercise.ballots, start=1):
        who = participants[ballot.participant]
        # A group too small to be shown on its own is not named beside its members' ballots.
        named = voted[who.group] >= workshop.small_group_threshold
        _row(sheet, number + 1, _ballot_cells(workshop, who, named, number, ballot,
                                              id(ballot) in counted, lang)
             + _answers(exercise, ballot.answer, lang))
    sheet.auto_filter.ref = sheet.dimensions


def _ballot_headers(lang: str) -> list[str]:
    """The headings of the columns every ballots sheet starts with."""
    return [i18n.t(f"excel.col.{key}", lang) for key in BALLOT_COLUMNS]


def _ballot_cells(workshop: Workshop, who: Participant, named: bool, number: int,
                  ballot: Ballot | ScoreBallot | InteractionBallot, counted: bool, lang: str
                  ) -> list[object]:
    """The cells every ballots sheet starts with: number, token, the group (unless ``named`` is
    false: a group too small to be shown), proxy or not, voters, when, and whether counted."""
    group = (label(workshop.group(who.group).label, lang) if named
             else i18n.t("excel.proposals.small_group", lang))
    return [number, ballot.participant, group, _yes_no(who.proxy, lang), ballot.voters,
            ballot.cast_at, _yes_no(counted, lang)]


def _answer_headers(exercise: Exercise, lang: str) -> list[str]:
    """The answer columns' headings, in the order of ``_answers``."""
    if exercise.method == "pairwise":
        return [i18n.t(f"excel.col.{key}", lang) for key in ("left", "right", "choice")]
    headers = []
    for item in exercise.votable_items():
        name = label(item.label, lang)
        if exercise.method == "tokens":
            headers.append(name)
        elif exercise.method == "importance-urgency":
            headers += [i18n.t(f"excel.col.item_{axis}", lang, item=name)
                        for axis in ("importance", "urgency")]
        elif exercise.method == "ranking":
            headers.append(i18n.t("excel.col.item_position", lang, item=name))
        else:
            headers += [i18n.t("excel.col.item_criterion", lang, item=name,
                               criterion=label(criterion.label, lang))
                        for criterion in exercise.criteria]
    return headers


def _answers(exercise: Exercise, answer: Answer, lang: str) -> list[object]:
    """A ballot's answer: beans per item; importance then urgency per item; each item's position
    (1 = first); the pair shown (left, right) and the choice; or the scores per item and
    criterion. An item approved after the ballot was cast is left blank."""
    items = exercise.votable_items()
    if exercise.method == "tokens":
        return [answer.beans.get(item.id, 0) for item in items]
    if exercise.method == "importance-urgency":
        return [getattr(answer.ratings[item.id], axis) if item.id in answer.ratings else None
                for item in items for axis in ("importance", "urgency")]
    if exercise.method == "ranking":
        position = {item_id: place for place, item_id in enumerate(answer.order, start=1)}
        return [position.get(item.id) for item in items]
    if exercise.method == "pairwise":
        return [label(exercise.item(item_id).label, lang)
                for item_id in (*answer.pair, answer.choice)]
    return [answer.scores.get(item.id, {}).get(criterion.id)
            for item in items for criterion in exercise.criteria]


# ---- network map -------------------------------------------------------------------------------

def _broker_text(scope: LayerAnalysis, actor_id: str, lang: str) -> str:
    """Whether the actor is a broker in ``scope``: no, yes, or a cut point (a gatekeeper)."""
    broker = next((b for b in scope.brokers if b.actor == actor_id), None)
    if broker is None:
        return _yes_no(False, lang)
    return i18n.t("excel.network.cut_point" if broker.cut_point else "excel.yes", lang)


def _actors_sheet(sheet: Worksheet, network: NetworkMap, found: NetworkAnalysis,
                  lang: str) -> None:
    """One row per actor: who it is, what participants said, and its position in the map."""
    row = _line(sheet, 1, label(network.question, lang), HEADING)
    row = _line(sheet, row, i18n.t("excel.network.actors_note", lang), NOTE) + 1
    scopes = {layer.scope: layer for layer in found.layers if layer.scope in ACTOR_SCOPES}
    header = [i18n.t(f"excel.col.{key}", lang)
              for key in ("actor", "kind", "hrba_role", "influence", "interest")]
    header += [i18n.t("excel.col.metric_in", lang, metric=i18n.t(f"excel.metric.{metric}", lang),
                      scope=i18n.t(f"excel.scope.{scope}", lang))
               for scope, metrics in ACTOR_SCOPES.items() for metric in metrics]
    header += [i18n.t("excel.col.broker_in", lang, scope=i18n.t(f"excel.scope.{scope}", lang))
               for scope in ACTOR_SCOPES]
    header += [i18n.t(f"excel.col.{key}", lang) for key in ("isolated", "mendelow", "salience")]
    row = _row(sheet, row, header, bold=True)
    sheet.freeze_panes = f"B{row}"
    classes = {item.actor: item for item in found.stakeholders}
    isolated = set(found.isolated)
    for index, actor in enumerate(network.actors):
        values: list[object] = [label(actor.label, lang),
                                i18n.t(f"excel.kind.{actor.kind}", lang),
                                i18n.t(f"hrba.{actor.hrba_role}", lang), actor.influence,
                                actor.interest]
        ratios = []  # the columns of normalised measures (not link counts), shown to 3 decimals
        for scope, metrics in ACTOR_SCOPES.items():
            position = scopes[scope].actors[index]
            for metric in metrics:
                values.append(getattr(position, metric))
                if metric != "links":
                    ratios.append(len(values))
        values += [_broker_text(scopes[scope], actor.id, lang) for scope in ACTOR_SCOPES]
        stakeholder = classes[actor.id]
        values += [_yes_no(actor.id in isolated, lang),
                   i18n.t(f"excel.mendelow.{stakeholder.quadrant}", lang)
                   if stakeholder.quadrant else None,
                   i18n.t(f"excel.salience.{stakeholder.salience}", lang)
                   if stakeholder.salience else None]
        _row(sheet, row, values)
        for column in ratios:
            sheet.cell(row=row, column=column).number_format = METRIC_FORMAT
        row += 1


def _links_sheet(sheet: Worksheet, network: NetworkMap, lang: str) -> None:
    """One row per link, in the map's order: its ends, layer, sign and note."""
    _row(sheet, 1, [i18n.t(f"excel.col.{key}", lang)
                    for key in ("source", "target", "layer", "sign", "link_note")], bold=True)
    sheet.freeze_panes = "A2"
    for row, link in enumerate(network.links, start=2):
        _row(sheet, row, [label(network.actor(link.source).label, lang),
                          label(network.actor(link.target).label, lang),
                          i18n.t(f"excel.layer.{link.layer}", lang),
                          i18n.t(f"excel.sign.{link.sign}", lang) if link.sign else None,
                          link.note or None])
    sheet.auto_filter.ref = sheet.dimensions


def _grid_sheet(sheet: Worksheet, network: NetworkMap, found: NetworkAnalysis,
                lang: str) -> None:
    """Mendelow's power-interest grid: high power on top, high interest on the right, each
    quadrant's actors listed under its name; then the actors without both scores."""
    row = _line(sheet, 1, i18n.t("excel.grid.title", lang), HEADING)
    row = _line(sheet, row, i18n.t("excel.grid.note", lang), NOTE) + 1
    sheet.freeze_panes = f"A{row}"
    by_quadrant: dict[str | None, list[str]] = {}
    for item in found.stakeholders:
        by_quadrant.setdefault(item.quadrant, []).append(
            label(network.actor(item.actor).label, lang))
    for power, quadrants in GRID:
        _put(sheet, row, 1, i18n.t(f"excel.grid.power_{power}", lang), bold=True)
        for column, quadrant in enumerate(quadrants, start=2):
            _put(sheet, row, column, i18n.t(f"excel.mendelow.{quadrant}", lang), bold=True)
            for offset, name in enumerate(by_quadrant.get(quadrant, []), start=1):
                _put(sheet, row + offset, column, name)
        row += 1 + max(len(by_quadrant.get(quadrant, [])) for quadrant in quadrants) + 1
    _row(sheet, row, [None, *(i18n.t(f"excel.grid.interest_{level}", lang)
                              for level in ("low", "high"))], bold=True)
    unplaced = by_quadrant.get(None, [])
    if unplaced:
        row += 2
        _put(sheet, row, 1, i18n.t("excel.grid.unplaced", lang), bold=True)
        for offset, name in enumerate(unplaced):
            _put(sheet, row + offset, 2, name)


# ---- shared by the LIM and the EMP -------------------------------------------------------------

def _named(workshop: Workshop, who: str | None, lang: str) -> str | None:
    """Who an instrument targets or an action makes responsible: a group's or an actor's label
    when ``who`` is the id of one, else ``who`` as written."""
    if who in {group.id for group in workshop.groups}:
        return label(workshop.group(who).label, lang)
    if workshop.network is not None and who in {actor.id for actor in workshop.network.actors}:
        return label(workshop.network.actor(who).label, lang)
    return who


def _answers_sheet(sheet: Worksheet, workshop: Workshop,
                   ballots: Sequence[ScoreBallot | InteractionBallot], hidden: list[str],
                   headers: list[str], answers: Callable[[Any], list[tuple[str, list[object]]]],
                   lang: str) -> None:
    """Every ballot of the LIM or the EMP in the order cast, one row per question it answers
    (an instrument scored, a cell rated), by anonymous token, with whether that answer is the
    one counted (the participant's latest to the question). ``answers(ballot)`` gives each
    question's id and its cells; the groups in ``hidden`` are not named."""
    _row(sheet, 1, _ballot_headers(lang) + headers, bold=True)
    sheet.freeze_panes = "C2"
    participants = {p.token: p for p in workshop.participants}
    latest = {(ballot.participant, question): number
              for number, ballot in enumerate(ballots, start=1)
              for question, _ in answers(ballot)}
    row = 2
    for number, ballot in enumerate(ballots, start=1):
        who = participants[ballot.participant]
        for question, cells in answers(ballot):
            counted = latest[(ballot.participant, question)] == number
            row = _row(sheet, row, _ballot_cells(workshop, who, who.group not in hidden, number,
                                                 ballot, counted, lang) + cells)
    sheet.auto_filter.ref = sheet.dimensions


def _group_tables_stacked(sheet: Worksheet, row: int, workshop: Workshop,
                          groups: dict[str, list], hidden: list[str],
                          table: Callable[[Worksheet, int, list], int], lang: str) -> int:
    """Each shown group's own table, one under the other under the group's name (``table``
    writes one and returns the next row); then how many small groups were hidden."""
    if not groups:
        row = _line(sheet, row, i18n.t("excel.results.no_group_shown", lang), NOTE)
    for group_id, lines in groups.items():
        row = _line(sheet, row, label(workshop.group(group_id).label, lang), CAPTION)
        row = table(sheet, row, lines) + 1
    return _line(sheet, row, i18n.t("excel.results.hidden", lang, count=len(hidden),
                                    threshold=workshop.small_group_threshold), NOTE)


def _block_caption(what: str, weighting: str, lang: str) -> str:
    """A block's caption: what it shows, then the weighting in words."""
    return i18n.t("excel.results.block", lang, aggregation=what,
                  weighting=i18n.t(f"excel.weighting.{weighting}", lang))


# ---- Leverage and Incentives Matrix ------------------------------------------------------------

def _lim_sheets(book: Workbook, taken: set[str], workshop: Workshop, lang: str) -> None:
    """The LIM's results and ballots sheets."""
    short = i18n.t("excel.lim.short", lang)
    found = [workshop_incentive_results(workshop, weighting) for weighting in BASIC_WEIGHTINGS]
    _lim_results_sheet(_sheet(book, i18n.t("excel.sheet.results", lang, exercise=short), taken),
                       workshop, found, lang)
    lim = workshop.lim
    headers = [i18n.t("excel.col.instrument", lang)]
    headers += [i18n.t(f"lim.criterion.{criterion}", lang) for criterion in CRITERIA]

    def scored(ballot: ScoreBallot) -> list[tuple[str, list[object]]]:
        return [(instrument_id, [label(lim.instrument(instrument_id).label, lang),
                                 *(scores[criterion] for criterion in CRITERIA)])
                for instrument_id, scores in ballot.scores.items()]

    _answers_sheet(_sheet(book, i18n.t("excel.sheet.ballots", lang, exercise=short), taken),
                   workshop, workshop.score_ballots, found[0].hidden_groups, headers, scored,
                   lang)


def _lim_results_sheet(sheet: Worksheet, workshop: Workshop, found: list[IncentiveResult],
                       lang: str) -> None:
    """The formula, the instruments and their conditions, the ranking under each weighting, each
    shown group's own table and the disagreement between groups."""
    lim, default = workshop.lim, found[0]
    row = _line(sheet, 1, i18n.t("excel.lim.title", lang), HEADING)
    row = _line(sheet, row, i18n.t("excel.lim.voters", lang, voters=default.voters), NOTE) + 1
    row = _formula_lines(sheet, row, default, lang) + 1
    row = _instruments_block(sheet, row, workshop, lang) + 1
    row = _conditions_block(sheet, row, lim, lang) + 1
    for result in found:
        row = _line(sheet, row, _block_caption(i18n.t("lim.criterion.composite", lang),
                                               result.weighting, lang), CAPTION)
        row = _lim_table(sheet, row, lim, result.instruments, lang) + 1
    row = _line(sheet, row, i18n.t("excel.lim.by_group", lang), CAPTION)
    row = _group_tables_stacked(sheet, row, workshop, default.groups, default.hidden_groups,
                                lambda sheet, row, lines: _lim_table(sheet, row, lim, lines, lang),
                                lang) + 1
    _disagreement_block(sheet, row, workshop, default, lang)


def _formula_lines(sheet: Worksheet, row: int, result: IncentiveResult, lang: str) -> int:
    """The composite formula, how each criterion is rescaled, what each symbol stands for and
    the weights in use; then the rule that gates instruments. Return the next row."""
    formula = result.formula
    row = _line(sheet, row, i18n.t("excel.lim.formula", lang, expression=formula.expression),
                CAPTION)
    row = _line(sheet, row, i18n.t("excel.lim.normalisation", lang,
                                   normalisation=formula.normalisation), NOTE)
    symbols = i18n.t("excel.separator", lang).join(
        i18n.t("excel.lim.symbol", lang, symbol=symbol, name=i18n.t(f"lim.criterion.{name}", lang))
        for symbol, name in formula.symbols.items())
    row = _line(sheet, row, i18n.t("excel.lim.symbols", lang, symbols=symbols), NOTE)
    weights = {name: _decimal(weight, "0.###", lang)
               for name, weight in formula.weights.model_dump().items()}
    row = _line(sheet, row, i18n.t("excel.lim.weights", lang, **weights), NOTE)
    return _line(sheet, row, i18n.t("excel.lim.gating", lang), NOTE)


def _instruments_block(sheet: Worksheet, row: int, workshop: Workshop, lang: str) -> int:
    """What each instrument is: its kind, target, objective, package and limitations."""
    row = _line(sheet, row, i18n.t("excel.lim.instruments", lang), CAPTION)
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang) for key in (
        "instrument", "pictogram", "instrument_kind", "instrument_target", "objective", "package",
        "limitations")], bold=True)
    for instrument in workshop.lim.instruments:
        row = _row(sheet, row, [
            label(instrument.label, lang), instrument.pictogram,
            i18n.t(f"lim.kind.{instrument.kind}", lang),
            _named(workshop, instrument.target, lang), label(instrument.objective, lang),
            label(instrument.package, lang),
            label(instrument.limitations, lang) if instrument.limitations else None])
    return row


def _conditions_block(sheet: Worksheet, row: int, lim: IncentiveMatrix, lang: str) -> int:
    """Every instrument's non-negotiable conditions and whether each is met."""
    row = _line(sheet, row, i18n.t("excel.lim.conditions", lang), CAPTION)
    conditions = [(instrument, condition) for instrument in lim.instruments
                  for condition in instrument.conditions]
    if not conditions:
        return _line(sheet, row, i18n.t("excel.lim.no_conditions", lang), NOTE)
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang) for key in (
        "instrument", "condition", "condition_state")], bold=True)
    for instrument, condition in conditions:
        row = _row(sheet, row, [label(instrument.label, lang), label(condition.text, lang),
                                i18n.t(f"lim.condition.{condition.met}", lang)])
    return row


def _lim_table(sheet: Worksheet, row: int, lim: IncentiveMatrix, lines: list[InstrumentResult],
               lang: str) -> int:
    """A ranking: per instrument its rank, kind, voters, means and composite, then why it is not
    ranked (if it is not) and its conditions not known yet. Return the next row."""
    header = [i18n.t(f"excel.col.{key}", lang)
              for key in ("instrument", "pictogram", "rank", "instrument_kind", "voters")]
    header += [i18n.t("excel.col.mean", lang, measure=i18n.t(f"lim.criterion.{measure}", lang))
               for measure in LIM_MEASURES[:-1]]
    header += [i18n.t("lim.criterion.composite", lang), i18n.t("excel.col.not_ranked", lang),
               i18n.t("excel.col.unknown_conditions", lang)]
    row = _row(sheet, row, header, bold=True)
    first_measure = 6
    for line in lines:
        instrument = lim.instrument(line.instrument)
        _row(sheet, row, [label(instrument.label, lang), instrument.pictogram, line.rank,
                          i18n.t(f"lim.kind.{line.kind}", lang), line.voters])
        for column, measure in enumerate(LIM_MEASURES, start=first_measure):
            _put(sheet, row, column, getattr(line, measure),
                 COMPOSITE_FORMAT if measure == "composite" else MEAN_FORMAT)
        row = _row(sheet, row, [_unranked_text(line, lang),
                                ", ".join(line.unknown_conditions) or None],
                   column=first_measure + len(LIM_MEASURES))
    return row


def _unranked_text(line: InstrumentResult, lang: str) -> str | None:
    """Why an instrument is not ranked: its unmet conditions (their ids), or no scores yet."""
    if line.unranked is None:
        return None
    return i18n.t(f"lim.unranked.{line.unranked}", lang,
                  conditions=", ".join(line.unmet_conditions))


def _disagreement_block(sheet: Worksheet, row: int, workshop: Workshop, result: IncentiveResult,
                        lang: str) -> None:
    """Per instrument scored by two shown groups or more: the spread and standard deviation of
    their composites, widest first, and each group's composite; then the most disagreed."""
    row = _line(sheet, row, i18n.t("excel.lim.disagreement", lang), CAPTION)
    if not result.disagreement:
        _line(sheet, row, i18n.t("excel.divergence.none", lang), NOTE)
        return
    groups = list(result.groups)
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang) for key in ("instrument", "spread",
                                                                          "sd")]
               + [label(workshop.group(group).label, lang) for group in groups], bold=True)
    for found in result.disagreement:
        _put(sheet, row, 1, label(workshop.lim.instrument(found.instrument).label, lang))
        for column, value in enumerate([found.spread, found.sd]
                                       + [found.groups.get(group) for group in groups], start=2):
            _put(sheet, row, column, value, COMPOSITE_FORMAT)
        row += 1
    if result.most_disagreed:
        names = ", ".join(label(workshop.lim.instrument(i).label, lang)
                          for i in result.most_disagreed)
        _line(sheet, row + 1, i18n.t("excel.lim.most_disagreed", lang, instruments=names), NOTE)


# ---- community Environmental Management Plan ---------------------------------------------------

def _emp_sheets(book: Workbook, taken: set[str], workshop: Workshop, lang: str) -> None:
    """The EMP's interactions, risks, action plan and ballots sheets. Risks and the plan take
    the negative cells found under person weighting."""
    found = [workshop_emp_results(workshop, weighting) for weighting in BASIC_WEIGHTINGS]
    default = found[0]
    emp = workshop.emp
    _interactions_sheet(_sheet(book, i18n.t("excel.sheet.emp_interactions", lang), taken),
                        workshop, [result.interactions for result in found], lang)
    _risks_sheet(_sheet(book, i18n.t("excel.sheet.emp_risks", lang), taken), emp, default, lang)
    _plan_sheet(_sheet(book, i18n.t("excel.sheet.emp_plan", lang), taken), workshop, default,
                lang)
    headers = [i18n.t(f"excel.col.{key}", lang) for key in ("cell", "land_use", "value",
                                                            "rating")]

    def rated(ballot: InteractionBallot) -> list[tuple[str, list[object]]]:
        return [(cell, [cell, *_cell_names(emp, cell, lang),
                        CELL_SYMBOLS[INTERACTION_NAMES[rating]]])
                for cell, rating in ballot.ratings.items()]

    _answers_sheet(_sheet(book, i18n.t("excel.sheet.ballots", lang,
                                       exercise=i18n.t("excel.emp.short", lang)), taken),
                   workshop, workshop.interaction_ballots, default.interactions.hidden_groups,
                   headers, rated, lang)


def _cell_names(emp: EnvironmentalPlan, cell: str, lang: str) -> tuple[str, str]:
    """A cell's land use and value, by their labels."""
    land_use, value = emp.cell(cell)
    return label(land_use.label, lang), label(value.label, lang)


def _with_pictogram(thing, lang: str) -> str:
    """A land use's or value's label, after its pictogram if it has one."""
    name = label(thing.label, lang)
    return f"{thing.pictogram} {name}" if thing.pictogram else name


def fraction_text(share: float) -> str:
    """A share as the simple fraction it stands for: 0.666667 → ``2/3``."""
    return str(Fraction(share).limit_denominator(12))


def _interactions_sheet(sheet: Worksheet, workshop: Workshop, found: list[InteractionResult],
                        lang: str) -> None:
    """The legend, the matrix as a grid under each weighting, one row per cell under each
    weighting, and each shown group's cells."""
    emp, default = workshop.emp, found[0]
    row = _line(sheet, 1, i18n.t("excel.emp.title", lang), HEADING)
    row = _line(sheet, row, i18n.t("excel.emp.voters", lang, voters=default.voters), NOTE)
    row = _line(sheet, row, i18n.t("excel.emp.rules", lang, min_voters=default.min_voters,
                                   contested=fraction_text(default.contested_share),
                                   consensus=fraction_text(default.consensus_share)),
                NOTE) + 1
    row = _legend_block(sheet, row, lang) + 1
    for result in found:
        row = _interaction_grid(sheet, row, emp, result, lang) + 1
    for result in found:
        row = _line(sheet, row, _block_caption(i18n.t("excel.emp.cells", lang), result.weighting,
                                               lang), CAPTION)
        row = _cells_table(sheet, row, emp, result.cells, lang) + 1
    row = _line(sheet, row, i18n.t("excel.emp.by_group", lang), CAPTION)
    _group_tables_stacked(sheet, row, workshop, default.groups, default.hidden_groups,
                          lambda sheet, row, cells: _cells_table(sheet, row, emp, cells, lang),
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


def _legend_block(sheet: Worksheet, row: int, lang: str) -> int:
    """Each look's symbol, drawn as in the grid, and what it means. Return the next row."""
    row = _line(sheet, row, i18n.t("excel.emp.legend", lang), CAPTION)
    for look in CELL_LOOKS:
        symbol = CELL_SYMBOLS[look] or i18n.t("excel.emp.not_rated", lang)
        _paint(_put(sheet, row, 1, symbol), look)
        row = _row(sheet, row, [i18n.t(f"excel.emp.legend.{look}", lang)], column=2)
    return row


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


def _interaction_grid(sheet: Worksheet, row: int, emp: EnvironmentalPlan,
                      result: InteractionResult, lang: str) -> int:
    """The matrix under one weighting: land uses down, values (and their categories) across,
    each cell drawn by its look. Return the next row."""
    row = _line(sheet, row, _block_caption(i18n.t("excel.emp.matrix", lang), result.weighting,
                                           lang), CAPTION)
    _row(sheet, row, [i18n.t("excel.emp.corner", lang)]
         + [_with_pictogram(value, lang) for value in emp.values], bold=True)
    row = _row(sheet, row + 1, [None] + [i18n.t(f"emp.category.{value.category}", lang)
                                         for value in emp.values])
    cells = {cell.cell: cell for cell in result.cells}
    for land_use in emp.land_uses:
        _put(sheet, row, 1, _with_pictogram(land_use, lang), bold=True)
        for column, value in enumerate(emp.values, start=2):
            cell = cells[cell_id(land_use.id, value.id)]
            _paint(_put(sheet, row, column, _grid_text(cell, lang)), _look(cell))
        row += 1
    return row


def _cells_table(sheet: Worksheet, row: int, emp: EnvironmentalPlan, cells: list[CellResult],
                 lang: str) -> int:
    """One row per cell: its id, land use and value, voters, each answer's share, the majority
    and the status. Return the next row."""
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang) for key in (
        "cell", "land_use", "value", "voters", "share_plus", "share_neutral", "share_minus",
        "majority", "status")], bold=True)
    for cell in cells:
        _row(sheet, row, [cell.cell, *_cell_names(emp, cell.cell, lang), cell.voters])
        for column, answer in enumerate(INTERACTIONS, start=5):
            _put(sheet, row, column, cell.shares[answer], NUMBER_FORMATS["share"])
        row = _row(sheet, row, [_majority_text(cell, lang),
                                i18n.t(f"emp.status.{cell.status}", lang)], column=8)
    return row


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


def _cells_list(sheet: Worksheet, row: int, emp: EnvironmentalPlan, cells: list[str],
                caption: str, none: str, lang: str) -> int:
    """Under ``caption``, one row per cell (id, land use, value), or the note ``none``."""
    row = _line(sheet, row, i18n.t(caption, lang), CAPTION)
    if not cells:
        return _line(sheet, row, i18n.t(none, lang), NOTE)
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang)
                            for key in ("cell", "land_use", "value")], bold=True)
    for cell in cells:
        row = _row(sheet, row, [cell, *_cell_names(emp, cell, lang)])
    return row


def _risks_sheet(sheet: Worksheet, emp: EnvironmentalPlan, found: EmpResult, lang: str) -> None:
    """The risk register, highest risk first, and the negative cells not assessed yet."""
    risks = found.risks
    bands = i18n.t("excel.separator", lang).join(
        i18n.t("excel.emp.band_range", lang, band=_band_name(band.name, lang), low=band.low,
               high=band.high) for band in risks.bands)
    row = _line(sheet, 1, i18n.t("excel.emp.risks_title", lang), HEADING)
    row = _line(sheet, row, i18n.t("excel.emp.bands", lang, bands=bands), NOTE) + 1
    if risks.cells:
        row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang) for key in (
            "cell", "land_use", "value", "likelihood", "consequence", "product", "band", "rank")],
            bold=True)
        for risk in risks.cells:
            row = _row(sheet, row, [risk.cell, *_cell_names(emp, risk.cell, lang),
                                    risk.likelihood, risk.consequence, risk.product,
                                    _band_name(risk.band, lang), risk.rank])
    else:
        row = _line(sheet, row, i18n.t("excel.emp.no_risks", lang), NOTE)
    _cells_list(sheet, row + 1, emp, risks.unassessed, "excel.emp.unassessed",
                "excel.emp.all_assessed", lang)


def _plan_sheet(sheet: Worksheet, workshop: Workshop, found: EmpResult, lang: str) -> None:
    """The actions by priority, then year by year, then the negative cells no action covers."""
    emp, plan = workshop.emp, found.plan
    row = _line(sheet, 1, i18n.t("excel.emp.plan_title", lang), HEADING)
    row = _line(sheet, row, i18n.t("excel.emp.plan_period", lang, start=plan.start.isoformat(),
                                   end=plan.end.isoformat(), years=plan.plan_years), NOTE)
    row = _line(sheet, row, i18n.t("excel.emp.plan_rule", lang), NOTE) + 1
    actions = {action.id: action for action in emp.actions}
    if not plan.actions:
        row = _line(sheet, row, i18n.t("excel.emp.no_actions", lang), NOTE)
    else:
        row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang) for key in (
            "rank", "action", "hierarchy", "cells", "action_importance", "action_urgency",
            "priority", "quadrant", "responsible", "years", "review")], bold=True)
    separator = i18n.t("excel.separator", lang)
    for line in plan.actions:
        cells = separator.join(i18n.t("excel.emp.cell_name", lang, land_use=land_use, value=value)
                               for land_use, value in (_cell_names(emp, cell, lang)
                                                       for cell in line.cells))
        _row(sheet, row, [line.rank, label(actions[line.action].label, lang),
                          i18n.t(f"emp.hierarchy.{line.hierarchy}", lang), cells])
        for column, value in enumerate((line.importance, line.urgency, line.score), start=5):
            _put(sheet, row, column, value, MEAN_FORMAT)
        row = _row(sheet, row, [i18n.t(f"quadrant.{line.quadrant}", lang),
                                _named(workshop, line.responsible, lang),
                                ", ".join(map(str, line.years)), line.review], column=8)
    row = _by_year_block(sheet, row + 1, workshop, found, lang) + 1
    _cells_list(sheet, row, emp, plan.unaddressed, "excel.emp.unaddressed",
                "excel.emp.all_addressed", lang)


def _by_year_block(sheet: Worksheet, row: int, workshop: Workshop, found: EmpResult,
                   lang: str) -> int:
    """Each year of the plan, its first and last day, and its actions in priority order."""
    plan = found.plan
    actions = {action.id: action for action in workshop.emp.actions}
    lines = {line.action: line for line in plan.actions}
    row = _line(sheet, row, i18n.t("excel.emp.by_year", lang), CAPTION)
    row = _row(sheet, row, [i18n.t(f"excel.col.{key}", lang) for key in (
        "year", "year_from", "year_to", "rank", "action", "hierarchy", "responsible")], bold=True)
    for year, due in plan.by_year.items():
        first = plan.start if year == 1 else plan_end(plan.start, year - 1) + dt.timedelta(days=1)
        period = [year, first, plan_end(plan.start, year)]
        if not due:
            row = _row(sheet, row, period + [None, i18n.t("excel.emp.nothing_this_year", lang)])
        for action_id in due:
            line = lines[action_id]
            row = _row(sheet, row, period + [line.rank, label(actions[action_id].label, lang),
                                             i18n.t(f"emp.hierarchy.{line.hierarchy}", lang),
                                             _named(workshop, line.responsible, lang)])
    return row
