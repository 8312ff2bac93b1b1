"""A prioritisation's sheets of the workbook: results and ballots.

- **<id> results**: the items participants proposed (if any) and, for matrix scoring, the
  criteria with their weights; then one block per aggregation of the method (Borda, Copeland
  and Schulze for a ranking…) and per weighting (person, group, and custom when the exercise has
  group weights, which are written out), each with its agreement line (Kendall's W); each
  group's own result side by side under the default aggregation, with its W (groups below the
  small-group threshold are only counted, never shown, never named); how the shown groups'
  rankings diverge; for ranking and pairwise exercises the pairwise matrix as a coloured grid;
  and a native chart of the person-weighted default result.
- **<id> working**: how each aggregation reached its numbers, under each weighting: the Borda
  points by place, the Copeland records, the Schulze strongest paths, which Bradley–Terry
  estimate, and Kendall's W worked out (rank sums, S, the tie correction, W with and without
  it, χ² and p): the tables a methodologist checks against the results sheet.
- **<id> ballots**: every ballot in the order cast, superseded ones included, by anonymous token
  only, with its answer in the method's own shape (beans, ratings, positions, the pair shown and
  the choice, or scores per criterion).
"""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference, ScatterChart, Series
from openpyxl.chart.data_source import StrRef
from openpyxl.chart.series import SeriesLabel
from openpyxl.formatting.rule import ColorScaleRule
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from engine.core import i18n
from engine.core.answers import BASIC_WEIGHTINGS, WEIGHTINGS
from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.suppression import hidden_groups
from engine.core.sheets import (CAPTION, HEADING, NOTE, SHEET_NAME_MAX, Book, CellValue,
                                ballot_cells, ballot_headers, block_caption, decimal, hidden_note,
                                line, put, row, yes_no)
from engine.core.types import label
from engine.exercises.prioritisation.design import (Answer, ImportanceUrgencyAnswer,
                                                    PairwiseAnswer, Prioritisation, RankingAnswer,
                                                    TokenAnswer)
from engine.exercises.prioritisation.results import (AGGREGATIONS, Agreement,
                                                     BradleyTerryWorking, ExerciseResult,
                                                     ItemResult, latest_ballots, results, turnout)

__all__ = ["prioritisation_sheets", "weightings", "measure_columns", "measure_value",
           "CRITERION_PREFIX"]

# Sheet name patterns, in sheet order.
EXERCISE_SHEETS = ("excel.sheet.results", "excel.sheet.working", "excel.sheet.ballots")
NUMBER_FORMATS = {"share": "0.0%", "importance": "0.00", "urgency": "0.00"}
# A score's format by aggregation; counts of points, wins and paths stay General (5, 5.666667).
SCORE_FORMATS = {"importance-urgency": "0.00", "matrix": "0.00", "bradley-terry": "0.000"}
CRITERION_PREFIX = "criterion:"  # a matrix result's measure: one criterion's mean
W_FORMAT = "0.000"
# The pairwise grid's colour scale: white for the fewest preferences, green for the most.
SCALE_LOW, SCALE_HIGH = "FFFFFF", "63BE7B"
CHART_SIZE_CM = (18, 9)  # width, height: about 18 rows tall
FIRST_MEASURE_COLUMN = 4  # result tables: item, pictogram, rank, then the measures


def prioritisation_sheets(book: Book, exercise: Exercise, room: Room) -> None:
    """The exercise's results and ballots sheets, named after its id (shortened to fit)."""
    room_for = max(len(book.t(key, exercise="")) for key in EXERCISE_SHEETS)
    stem = book.stem(exercise.id, SHEET_NAME_MAX - room_for)
    results_name, working_name, ballots_name = (book.t(key, exercise=stem)
                                                for key in EXERCISE_SHEETS)
    _results_sheet(book.sheet(results_name), room, exercise, book.lang)
    _working_sheet(book.sheet(working_name), room, exercise, book.lang)
    _ballots_sheet(book.sheet(ballots_name), room, exercise, book.lang)


def weightings(exercise: Prioritisation) -> tuple[str, ...]:
    """The weightings an exercise's results are shown under: custom only if it has weights."""
    return WEIGHTINGS if exercise.group_weights else BASIC_WEIGHTINGS


def measure_columns(exercise: Prioritisation, aggregation: str, weighting: str
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


def measure_value(row: ItemResult, measure: str, lang: str) -> CellValue:
    """One measure of an item's result; a quadrant as its translated name."""
    if measure.startswith(CRITERION_PREFIX):
        return (row.criteria or {}).get(measure.removeprefix(CRITERION_PREFIX))
    value: CellValue = getattr(row, measure)
    if measure == "quadrant" and value is not None:
        return i18n.t(f"quadrant.{value}", lang)
    return value


def _results_sheet(sheet: Worksheet, room: Room, exercise: Exercise, lang: str) -> None:
    """Every aggregation under every weighting, the groups, their divergence, the pairwise grid
    and a chart of the person-weighted default result."""
    design: Prioritisation = exercise.design
    at = line(sheet, 1, exercise.title_in(lang), HEADING)
    if design.question:
        at = line(sheet, at, label(design.question, lang), NOTE)
    at = line(sheet, at, i18n.t(f"excel.method.{design.method}", lang, beans=design.beans,
                                pairs=design.pairs_per_person, **_scale_params(design, lang)),
              NOTE)
    if design.method == "importance-urgency":
        at = line(sheet, at, i18n.t("excel.quadrant_rule", lang), NOTE)
    sheet.freeze_panes = f"A{at}"
    blocks = {(aggregation, weighting): results(exercise, room, weighting, aggregation)
              for aggregation in AGGREGATIONS[design.method]
              for weighting in weightings(design)}
    default = blocks[(AGGREGATIONS[design.method][0], "person")]
    at = line(sheet, at, i18n.t("excel.results.voters", lang, voters=default.voters), NOTE) + 1
    if exercise.proposals or any(item.proposed_by for item in design.items):
        at = _proposals_block(sheet, at, room, exercise, default, lang) + 1
    if design.method == "matrix":
        at = _criteria_block(sheet, at, design, lang) + 1
    chart_first = at
    for result in blocks.values():
        at, first = _overall_block(sheet, at, room, design, result, lang)
        if result is default:
            chart_first = first
        at += 1
    at = _groups_block(sheet, at, room, design, default, lang) + 1
    at = _divergence_block(sheet, at, room, design, default, lang) + 1
    for weighting in weightings(design):
        pairwise = blocks[(default.aggregation, weighting)].pairwise
        if pairwise is not None:  # ranking and pairwise exercises
            at = _pairwise_block(sheet, at, design, weighting, pairwise, lang) + 1
    _chart(sheet, at, design, default, chart_first, lang)


def _proposals_block(sheet: Worksheet, at: int, room: Room, exercise: Exercise,
                     result: ExerciseResult, lang: str) -> int:
    """The items participants proposed: by which group (never which participant) and whether
    approved (the approved are items; the others still wait). A group too small to be shown on
    its own is not named. Return the next row."""
    design: Prioritisation = exercise.design
    at = line(sheet, at, i18n.t("excel.proposals.caption", lang), CAPTION)
    at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang)
                         for key in ("item", "pictogram", "proposed_by", "approved")], bold=True)
    voted = {t.group: t.voted for t in result.turnout}
    proposed = [(item, item.proposed_by, True) for item in design.items if item.proposed_by]
    proposed += [(p.payload.item, p.proposed_by, False) for p in exercise.proposals]
    for item, group_id, approved in proposed:
        named = voted.get(group_id, 0) >= room.small_group_threshold
        group = (label(room.group(group_id).label, lang) if named
                 else i18n.t("excel.proposals.small_group", lang))
        at = row(sheet, at, [label(item.label, lang), item.pictogram, group,
                             yes_no(approved, lang)])
    return at


def _criteria_block(sheet: Worksheet, at: int, exercise: Prioritisation, lang: str) -> int:
    """Matrix scoring's criteria, their weights and "lower is better" flags; the next row."""
    at = line(sheet, at, i18n.t("excel.criteria.caption", lang), CAPTION)
    at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang)
                            for key in ("criterion", "weight", "lower_is_better")], bold=True)
    for criterion in exercise.criteria:
        at = row(sheet, at, [label(criterion.label, lang), criterion.weight,
                                yes_no(criterion.lower_is_better, lang)])
    return at


def _scale_params(exercise: Prioritisation, lang: str) -> dict[str, object]:
    """The matrix scale as a text's parameters: its ends, the reflection of a "lower is better"
    criterion (``top`` − mean) and its steps in words."""
    scale = exercise.matrix_scale
    steps = "excel.scale.whole" if scale.step == 1 else "excel.scale.halves"
    return {"minimum": scale.minimum, "maximum": scale.maximum,
            "top": scale.minimum + scale.maximum, "steps": i18n.t(steps, lang)}


def _measure_header(exercise: Prioritisation, aggregation: str, measure: str, lang: str) -> str:
    """A measure's column heading: a criterion's name, the aggregation's score, or the measure."""
    if measure.startswith(CRITERION_PREFIX):
        criterion = next(c for c in exercise.criteria
                         if c.id == measure.removeprefix(CRITERION_PREFIX))
        return i18n.t("excel.col.criterion_mean", lang, criterion=label(criterion.label, lang),
                      **_scale_params(exercise, lang))
    if measure == "score":
        return i18n.t(f"excel.score.{aggregation}", lang, **_scale_params(exercise, lang))
    return i18n.t(f"excel.col.{measure}", lang)


def _number_format(aggregation: str, measure: str) -> str | None:
    if measure.startswith(CRITERION_PREFIX):
        return "0.00"
    if measure == "score":
        return SCORE_FORMATS.get(aggregation)
    return NUMBER_FORMATS.get(measure)


def _ranked_cells(sheet: Worksheet, at: int, column: int, entry: ItemResult, aggregation: str,
                  measures: tuple[str, ...], lang: str) -> None:
    """An item's rank and measures from ``column`` on, each measure in its number format."""
    put(sheet, at, column, entry.rank)
    for offset, measure in enumerate(measures, start=1):
        put(sheet, at, column + offset, measure_value(entry, measure, lang),
             _number_format(aggregation, measure))


def _item_cells(sheet: Worksheet, at: int, exercise: Prioritisation, item_id: str,
                lang: str) -> None:
    """An item's label and pictogram, the first two cells of a result line."""
    item = exercise.item(item_id)
    row(sheet, at, [label(item.label, lang), item.pictogram])


def _agreement_text(agreement: Agreement, lang: str) -> str:
    """Kendall's W, its χ² test and its plain reading, as one sentence."""
    p_value = (f"< {decimal(0.001, '0.000', lang)}" if agreement.p_value < 0.001
               else decimal(agreement.p_value, "0.000", lang))
    return i18n.t("excel.agreement.line", lang, w=decimal(agreement.w, W_FORMAT, lang),
                  chi2=decimal(agreement.chi2, "0.00", lang), df=agreement.df, p=p_value,
                  raters=agreement.raters,
                  reading=i18n.t(f"excel.concordance.{agreement.reading}", lang))


def _weights_text(room: Room, result: ExerciseResult, lang: str) -> str:
    """The custom weights used, per group; groups too small to be shown only as a count."""
    named = [i18n.t("excel.results.group_weight", lang, group=label(room.group(g).label, lang),
                    weight=decimal(weight, "0.###", lang))
             for g, weight in result.group_weights.items() if g not in result.hidden_groups]
    hidden = sorted({weight for g, weight in result.group_weights.items()
                     if g in result.hidden_groups})
    if hidden:
        count = sum(g in result.hidden_groups for g in result.group_weights)
        named.append(i18n.t("excel.results.hidden_weights", lang, count=count, weights=", ".join(
            decimal(weight, "0.###", lang) for weight in hidden)))
    return i18n.t("excel.results.group_weights", lang,
                  weights=i18n.t("excel.separator", lang).join(named))


def _overall_block(sheet: Worksheet, at: int, room: Room, exercise: Prioritisation,
                   result: ExerciseResult, lang: str) -> tuple[int, int]:
    """One aggregation and weighting's overall result, best first, under a caption naming both,
    the custom weights used and the agreement line. Return the row after the table and the row
    of its first item."""
    line(sheet, at, i18n.t(
        "excel.results.block", lang,
        aggregation=i18n.t(f"excel.aggregation.{result.aggregation}", lang),
        weighting=i18n.t(f"excel.weighting.{result.weighting}", lang)), CAPTION)
    at += 1
    if result.weighting == "custom":
        at = line(sheet, at, _weights_text(room, result, lang), NOTE)
    if result.agreement is not None:
        at = line(sheet, at, _agreement_text(result.agreement, lang), NOTE)
    measures = measure_columns(exercise, result.aggregation, result.weighting)
    header = [i18n.t(f"excel.col.{key}", lang) for key in ("item", "pictogram", "rank")]
    header += [_measure_header(exercise, result.aggregation, m, lang) for m in measures]
    at = row(sheet, at, header, bold=True)
    first = at
    for entry in result.items:
        _item_cells(sheet, at, exercise, entry.item, lang)
        _ranked_cells(sheet, at, FIRST_MEASURE_COLUMN - 1, entry, result.aggregation, measures,
                      lang)
        at += 1
    return at, first


def _groups_block(sheet: Worksheet, at: int, room: Room, exercise: Prioritisation,
                  result: ExerciseResult, lang: str) -> int:
    """Each shown group's own result side by side, items in exercise order; then how many groups
    were hidden for being small (never their results). Return the next row."""
    at = line(sheet, at, i18n.t("excel.results.by_group", lang, aggregation=i18n.t(
        f"excel.aggregation.{result.aggregation}", lang)), CAPTION)
    if not result.groups:
        at = line(sheet, at, i18n.t("excel.results.no_group_shown", lang), NOTE)
    else:
        at = _group_tables(sheet, at, room, exercise, result, lang)
    return hidden_note(sheet, at + 1, room, result.hidden_groups, lang)


def _group_tables(sheet: Worksheet, at: int, room: Room, exercise: Prioritisation,
                  result: ExerciseResult, lang: str) -> int:
    """The shown groups' tables side by side, one line per item, under each group's heading and
    its Kendall's W (not for pairwise answers, which have none); return the next row."""
    measures = measure_columns(exercise, result.aggregation, "person")
    voters = {t.group: t.voted for t in result.turnout}
    columns = [FIRST_MEASURE_COLUMN - 1 + index * (1 + len(measures))
               for index in range(len(result.groups))]
    for column, group_id in zip(columns, result.groups):
        heading = i18n.n("excel.results.group_heading", voters[group_id], lang,
                         group=label(room.group(group_id).label, lang))
        line(sheet, at, heading, CAPTION, column)
    at += 1
    if exercise.method != "pairwise":
        put(sheet, at, 1, i18n.t("excel.results.group_agreement", lang), bold=True)
        for column, group_id in zip(columns, result.groups):
            agreement = result.group_agreement.get(group_id)
            if agreement is None:
                put(sheet, at, column, i18n.t("excel.undefined", lang))
            else:
                put(sheet, at, column, agreement.w, W_FORMAT)
                put(sheet, at, column + 1, i18n.t(f"excel.concordance.{agreement.reading}", lang))
        at += 1
    row(sheet, at, [i18n.t("excel.col.item", lang), i18n.t("excel.col.pictogram", lang)],
         bold=True)
    for column in columns:
        row(sheet, at, [i18n.t("excel.col.rank", lang)]
             + [_measure_header(exercise, result.aggregation, m, lang) for m in measures],
             column=column, bold=True)
    at += 1
    for item in exercise.items:
        _item_cells(sheet, at, exercise, item.id, lang)
        for column, lines in zip(columns, result.groups.values()):
            entry = next(entry for entry in lines if entry.item == item.id)
            _ranked_cells(sheet, at, column, entry, result.aggregation, measures, lang)
        at += 1
    return at


def _rank_text(rank: float, lang: str) -> str:
    return decimal(rank, "0.#", lang)


def _divergence_block(sheet: Worksheet, at: int, room: Room, exercise: Prioritisation,
                      result: ExerciseResult, lang: str) -> int:
    """Every pair of shown groups: Kendall's τ_b, Spearman's ρ and the items they rank most
    apart (rank in A vs rank in B). Return the next row."""
    at = line(sheet, at, i18n.t("excel.divergence.caption", lang, aggregation=i18n.t(
        f"excel.aggregation.{result.aggregation}", lang)), CAPTION)
    if not result.divergence:
        return line(sheet, at, i18n.t("excel.divergence.none", lang), NOTE)
    at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang) for key in
                            ("group_a", "group_b", "kendall_tau", "spearman_rho", "most_apart")],
               bold=True)
    undefined = i18n.t("excel.undefined", lang)
    for pair in result.divergence:
        values: list[CellValue] = [label(room.group(pair.group_a).label, lang),
                                   label(room.group(pair.group_b).label, lang)]
        values += [undefined if value is None else value
                   for value in (pair.kendall_tau, pair.spearman_rho)]
        values += [i18n.t("excel.divergence.difference", lang,
                          item=label(exercise.item(item).label, lang),
                          rank_a=_rank_text(rank_a, lang), rank_b=_rank_text(rank_b, lang))
                   for item, rank_a, rank_b in pair.differences]
        row(sheet, at, values)
        for column in (3, 4):
            sheet.cell(row=at, column=column).number_format = W_FORMAT
        at += 1
    return at


def _pairwise_block(sheet: Worksheet, at: int, exercise: Prioritisation, weighting: str,
                    pairwise: dict[str, dict[str, float]], lang: str) -> int:
    """The ``weighting``'s pairwise matrix as an items × items grid with a colour scale: each
    cell is how many voters preferred the row's item to the column's. Return the next row."""
    at = line(sheet, at, i18n.t("excel.pairwise.caption", lang, weighting=i18n.t(
        f"excel.weighting.{weighting}", lang)), CAPTION)
    return _grid(sheet, at, exercise, pairwise, "excel.pairwise.corner", lang)


def _grid(sheet: Worksheet, at: int, exercise: Prioritisation,
          values: dict[str, dict[str, float]], corner: str, lang: str) -> int:
    """An items × items grid of ``values[row][column]`` (no diagonal) with a colour scale, under
    a header row whose first cell is the ``corner`` text. Return the next row."""
    items = [item.id for item in exercise.items]
    row(sheet, at, [i18n.t(corner, lang)]
         + [label(exercise.item(item).label, lang) for item in items], bold=True)
    every = [v for row_values in values.values() for v in row_values.values()]
    number_format = _count_format(every)
    for offset, a in enumerate(items, start=1):
        put(sheet, at + offset, 1, label(exercise.item(a).label, lang), bold=True)
        for column, b in enumerate(items, start=2):
            if a != b:
                put(sheet, at + offset, column, values[a][b], number_format)
    grid = (f"{get_column_letter(2)}{at + 1}:"
            f"{get_column_letter(len(items) + 1)}{at + len(items)}")
    sheet.conditional_formatting.add(grid, ColorScaleRule(
        start_type="min", start_color=SCALE_LOW, end_type="max", end_color=SCALE_HIGH))
    return at + len(items) + 1


def _count_format(values: list[float]) -> str:
    """Whole numbers of voters as such; weighted counts with two decimals."""
    return "0" if all(float(v).is_integer() for v in values) else "0.00"


# ---- working -----------------------------------------------------------------------------------

def _working_sheet(sheet: Worksheet, room: Room, exercise: Exercise, lang: str) -> None:
    """For each weighting, the pairwise matrix (ranking and pairwise exercises), then for each
    aggregation what its numbers rest on: the method's own table (places for Borda, records for
    Copeland, strongest paths for Schulze, the estimate for Bradley–Terry); then Kendall's W
    worked out."""
    design: Prioritisation = exercise.design
    at = line(sheet, 1, exercise.title_in(lang), HEADING)
    start = at = line(sheet, at, i18n.t("excel.working.intro", lang), NOTE) + 1
    sheet.freeze_panes = f"A{start}"
    for weighting in weightings(design):
        found = [results(exercise, room, weighting, aggregation)
                 for aggregation in AGGREGATIONS[design.method]]
        if found[0].pairwise is not None:  # what every pairwise method starts from
            at = _pairwise_block(sheet, at, design, weighting, found[0].pairwise, lang) + 1
        for result in found:
            at = _working_block(sheet, at, design, result, lang)
    # Kendall's W counts every voter's own ranking once, whatever the weighting.
    agreement = results(exercise, room).agreement
    if agreement is not None:
        at = _kendall_block(sheet, at, design, agreement, lang)
    if at == start:
        line(sheet, at, i18n.t("excel.working.nothing", lang), NOTE)


def _working_block(sheet: Worksheet, at: int, exercise: Prioritisation, result: ExerciseResult,
                   lang: str) -> int:
    """One aggregation's working under one weighting, under its caption; the next row (``at``
    itself when the aggregation has no working beyond the results sheet)."""
    working = result.working
    caption = block_caption(i18n.t(f"excel.aggregation.{result.aggregation}", lang),
                            result.weighting, lang)
    if working.positions is not None:
        line(sheet, at, caption, CAPTION)
        at = line(sheet, at + 1, i18n.t("excel.working.borda", lang), NOTE)
        at = _positions_table(sheet, at, exercise, result, working.positions, lang)
    elif working.copeland is not None:
        line(sheet, at, caption, CAPTION)
        at = line(sheet, at + 1, i18n.t("excel.working.copeland", lang), NOTE)
        at = row(sheet, at, [i18n.t(f"excel.col.{key}", lang) for key in
                             ("item", "wins", "ties", "losses")]
                 + [i18n.t("excel.score.copeland", lang)], bold=True)
        scores = {entry.item: entry.score for entry in result.items}
        for item in exercise.items:
            record = working.copeland[item.id]
            at = row(sheet, at, [label(item.label, lang), record.wins, record.ties,
                                 record.losses, scores[item.id]])
    elif working.strongest_paths is not None:
        line(sheet, at, caption, CAPTION)
        at = line(sheet, at + 1, i18n.t("excel.working.schulze", lang, strength=i18n.t(
            f"excel.working.strength.{working.strength}", lang)), NOTE)
        at = _grid(sheet, at, exercise, working.strongest_paths, "excel.working.paths_corner",
                   lang)
    elif working.bradley_terry is not None:
        line(sheet, at, caption, CAPTION)
        at = _bradley_terry_table(sheet, at + 1, exercise, result, working.bradley_terry, lang)
    else:
        return at
    return at + 1


def _positions_table(sheet: Worksheet, at: int, exercise: Prioritisation, result: ExerciseResult,
                     positions: dict[str, list[float]], lang: str) -> int:
    """Borda's working: per item, the (weighted) voters who put it at each place, and its
    points; the next row."""
    places = len(exercise.items)
    row(sheet, at, [i18n.t("excel.col.item", lang)]
        + [i18n.t("excel.working.place", lang, place=p, points=places - p)
           for p in range(1, places + 1)] + [i18n.t("excel.score.borda", lang)], bold=True)
    number_format = _count_format([c for counts in positions.values() for c in counts])
    scores = {entry.item: entry.score for entry in result.items}
    for offset, item in enumerate(exercise.items, start=1):
        put(sheet, at + offset, 1, label(item.label, lang))
        for column, count in enumerate(positions[item.id], start=2):
            put(sheet, at + offset, column, count, number_format)
        put(sheet, at + offset, places + 2, scores[item.id], number_format)
    return at + places + 1


def _bradley_terry_table(sheet: Worksheet, at: int, exercise: Prioritisation,
                         result: ExerciseResult, fit: BradleyTerryWorking, lang: str) -> int:
    """Which Bradley–Terry estimate, and why; each item's log-strength, and beside it the
    regularised one. The next row."""
    if fit.estimate == "maximum_likelihood":
        note = i18n.t("excel.working.bradley_terry_ml", lang)
    else:
        names = [label(exercise.item(item).label, lang) for item in fit.reason_items]
        reason = i18n.t(f"excel.working.reason.{fit.reason}", lang, item=names[0],
                        other=names[-1])
        note = i18n.t("excel.working.bradley_terry_regularised", lang, reason=reason,
                      alpha=decimal(fit.alpha, "0.0##", lang))
    at = line(sheet, at, note, NOTE)
    at = row(sheet, at, [i18n.t("excel.col.item", lang), i18n.t("excel.score.bradley-terry", lang),
                         i18n.t("excel.working.regularised", lang, alpha=decimal(
                             fit.regularised_alpha, "0.0##", lang))], bold=True)
    scores = {entry.item: entry.score for entry in result.items}
    for item in exercise.items:
        row(sheet, at, [label(item.label, lang)])
        put(sheet, at, 2, scores[item.id], SCORE_FORMATS["bradley-terry"])
        put(sheet, at, 3, fit.regularised[item.id], SCORE_FORMATS["bradley-terry"])
        at += 1
    return at


def _kendall_block(sheet: Worksheet, at: int, exercise: Prioritisation, agreement: Agreement,
                   lang: str) -> int:
    """Kendall's W worked out over every voter's own ranking: the rank sums, then S, the tie
    correction, W with and without it, χ², df and p. The next row."""
    line(sheet, at, i18n.t("excel.working.kendall", lang), CAPTION)
    at = line(sheet, at + 1, i18n.t("excel.working.kendall_note", lang), NOTE)
    at = row(sheet, at, [i18n.t("excel.col.item", lang), i18n.t("excel.working.rank_sum", lang)],
             bold=True)
    for item in exercise.items:
        if item.id in agreement.rank_sums:
            at = row(sheet, at, [label(item.label, lang), agreement.rank_sums[item.id]])
    for key, value, number_format in (
            ("raters", agreement.raters, None), ("s", agreement.s, "0.00"),
            ("tie_correction", agreement.tie_correction, "0.##"),
            ("w", agreement.w, W_FORMAT), ("w_uncorrected", agreement.w_uncorrected, W_FORMAT),
            ("chi2", agreement.chi2, "0.00"), ("df", agreement.df, None),
            ("p_value", agreement.p_value, "0.0000")):
        put(sheet, at, 1, i18n.t(f"excel.working.{key}", lang), bold=True)
        put(sheet, at, 2, value, number_format)
        at += 1
    return at


def _chart(sheet: Worksheet, at: int, exercise: Prioritisation, result: ExerciseResult, first: int,
           lang: str) -> None:
    """A native chart, anchored at row ``at``, of the person-weighted default table whose items
    start at row ``first``: beans or the score per item as bars, or each item's importance
    against its urgency."""
    if not result.items:
        return
    last = first + len(result.items) - 1
    chart: ScatterChart | BarChart
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
    sheet.add_chart(chart, f"A{at}")


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
    for at in range(first, last + 1):
        series = Series(Reference(sheet, min_col=urgency, min_row=at),
                        Reference(sheet, min_col=importance, min_row=at))
        series.tx = SeriesLabel(strRef=StrRef(str(Reference(sheet, min_col=1, min_row=at))))
        series.marker.symbol = "circle"
        series.marker.size = 10
        series.graphicalProperties.line.noFill = True
        chart.series.append(series)
    return chart


# ---- ballots -----------------------------------------------------------------------------------

def _ballots_sheet(sheet: Worksheet, room: Room, exercise: Exercise, lang: str) -> None:
    """Every ballot in the order cast, by anonymous token, with whether it is the one counted."""
    design: Prioritisation = exercise.design
    row(sheet, 1, ballot_headers(lang, room) + _answer_headers(design, lang), bold=True)
    sheet.freeze_panes = "C2"
    counted = {id(ballot) for ballot in latest_ballots(exercise)}
    hidden = set(hidden_groups(room, {t.group: t.voted for t in turnout(room, exercise)}))
    for number, ballot in enumerate(exercise.ballots, start=1):
        who = room.participant(ballot.participant)
        # A group hidden in the results is not named beside its members' ballots.
        named = who.group not in hidden
        row(sheet, number + 1, ballot_cells(room, who, named, number, ballot,
                                            id(ballot) in counted, lang)
            + _answers(design, ballot.answer, lang))
    sheet.auto_filter.ref = sheet.dimensions


def _answer_headers(exercise: Prioritisation, lang: str) -> list[str]:
    """The answer columns' headings, in the order of ``_answers``."""
    if exercise.method == "pairwise":
        return [i18n.t(f"excel.col.{key}", lang) for key in ("left", "right", "choice")]
    headers = []
    for item in exercise.items:
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


def _answers(exercise: Prioritisation, answer: Answer, lang: str) -> list[CellValue]:
    """A ballot's answer: beans per item; importance then urgency per item; each item's position
    (1 = first); the pair shown (left, right) and the choice; or the scores per item and
    criterion. An item approved after the ballot was cast is left blank."""
    items = exercise.items
    if isinstance(answer, TokenAnswer):
        return [answer.beans.get(item.id, 0) for item in items]
    if isinstance(answer, ImportanceUrgencyAnswer):
        return [getattr(answer.ratings[item.id], axis) if item.id in answer.ratings else None
                for item in items for axis in ("importance", "urgency")]
    if isinstance(answer, RankingAnswer):
        position = {item_id: place for place, item_id in enumerate(answer.order, start=1)}
        return [position.get(item.id) for item in items]
    if isinstance(answer, PairwiseAnswer):
        return [label(exercise.item(item_id).label, lang)
                for item_id in (*answer.pair, answer.choice)]
    return [answer.scores.get(item.id, {}).get(criterion.id)
            for item in items for criterion in exercise.criteria]


