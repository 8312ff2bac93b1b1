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

from babel.numbers import format_decimal
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.series import SeriesLabel, StrRef
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from engine import i18n
from engine.errors import EngineError
from engine.model import Answer, Exercise, ExerciseDefinition, Workshop, label
from engine.network import LayerAnalysis, NetworkAnalysis, NetworkMap, analyse
from engine.prioritise import (AGGREGATIONS, BASIC_WEIGHTINGS, WEIGHTINGS, Agreement,
                               ExerciseResult, ItemResult, latest_ballots, results, turnout)

__all__ = ["Counts", "counts", "workbook", "export_workbook", "weightings", "measure_columns",
           "measure_value", "CRITERION_PREFIX"]

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
    header = [i18n.t(f"excel.col.{key}", lang)
              for key in ("ballot", "token", "group", "proxy", "voters", "cast_at", "latest")]
    _row(sheet, 1, header + _answer_headers(exercise, lang), bold=True)
    sheet.freeze_panes = "C2"
    participants = {p.token: p for p in workshop.participants}
    counted = {id(ballot) for ballot in latest_ballots(exercise)}
    voted = {row.group: row.voted for row in turnout(workshop, exercise)}
    for number, ballot in enumerate(exercise.ballots, start=1):
        who = participants[ballot.participant]
        row = number + 1
        # A group too small to be shown on its own is not named beside its members' ballots.
        group = (label(workshop.group(who.group).label, lang)
                 if voted[who.group] >= workshop.small_group_threshold
                 else i18n.t("excel.proposals.small_group", lang))
        _row(sheet, row, [number, ballot.participant, group,
                          _yes_no(who.proxy, lang), ballot.voters, ballot.cast_at,
                          _yes_no(id(ballot) in counted, lang)]
             + _answers(exercise, ballot.answer, lang))
        sheet.cell(row=row, column=6).number_format = DATETIME_FORMAT
    sheet.auto_filter.ref = sheet.dimensions


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
