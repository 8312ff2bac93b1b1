"""A prioritisation's result as aligned text or CSV rows, for the command line."""

from __future__ import annotations

from engine.core import i18n
from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.tables import aligned, csv_text, number
from engine.core.types import label
from engine.exercises.prioritisation.design import Prioritisation
from engine.exercises.prioritisation.results import ExerciseResult
from engine.exercises.prioritisation.sheets import CRITERION_PREFIX, measure_columns, measure_value

__all__ = ["prioritisation_table", "prioritisation_csv_rows"]

TEXT_COLUMNS = ("item", "quadrant")  # left-aligned; numbers are right-aligned


def prioritisation_table(exercise: Exercise, room: Room, result: ExerciseResult, lang: str
                         ) -> str:
    """One result as aligned text: a title line, the custom weights and the agreement, then rank,
    item and the method's numbers, and how many small groups were hidden."""
    design: Prioritisation = exercise.design
    english = i18n.DEFAULT_LANGUAGE
    measures = measure_columns(design, result.aggregation, result.weighting)
    header = ["rank", "item", *(m.removeprefix(CRITERION_PREFIX) for m in measures)]
    rows = [[str(line.rank), label(design.item(line.item).label, lang),
             *(number(m, measure_value(line, m, english)) for m in measures)]
            for line in result.items]
    lines = aligned(header, rows, TEXT_COLUMNS)
    how = (result.method if result.aggregation == result.method
           else f"{result.method} by {result.aggregation}")
    title = (f"{exercise.id}: {exercise.title_in(lang)} ({how}, {result.weighting} "
             f"weighting, {result.voters} voters)")
    notes = []
    if result.group_weights:
        notes.append("group weights: " + ", ".join(f"{group} {weight:g}" for group, weight
                                                   in result.group_weights.items()))
    if result.agreement is not None:
        a = result.agreement
        reading = i18n.t(f"excel.concordance.{a.reading}", english)
        notes.append(f"agreement: Kendall's W = {a.w:.3f}, chi2 = {a.chi2:.2f}, df = {a.df}, "
                     f"p = {a.p_value:.3f} ({reading}, {a.raters} voters)")
    notes += _method_notes(design, result)
    hidden = f"small groups hidden: {len(result.hidden_groups)}"
    return "\n".join([title, *notes, *lines, hidden])


def _method_notes(design: Prioritisation, result: ExerciseResult) -> list[str]:
    """What the method's numbers rest on: the quadrants' rule, the matrix's scale, which
    Bradley–Terry estimate."""
    if result.aggregation == "importance-urgency":
        return ["quadrants: an axis is high when its mean is 3 or more (the middle of 1–5 "
                "counts as high)"]
    if result.aggregation == "matrix":
        scale = design.matrix_scale
        steps = "whole points" if scale.step == 1 else "halves"
        return [f"scale: {scale.minimum}–{scale.maximum} in {steps}; a lower-is-better "
                f"criterion counts as {scale.minimum + scale.maximum} − score"]
    fit = result.working.bradley_terry
    if fit is None:
        return []
    if fit.estimate == "maximum_likelihood":
        return ["Bradley–Terry: maximum-likelihood estimate (every item beat every other "
                "through a chain of wins)"]
    why = {"never_lost": "{0} never lost", "never_won": "{0} never won",
           "no_chain": "no chain of wins leads from {0} to {1}"}[fit.reason or "no_chain"]
    items = [label(design.item(item).label, i18n.DEFAULT_LANGUAGE) for item in fit.reason_items]
    return [f"Bradley–Terry: no maximum-likelihood estimate ({why.format(*items)}): "
            f"regularised estimate, alpha = {fit.alpha:g}"]


def prioritisation_csv_rows(exercise: Exercise, room: Room, result: ExerciseResult, lang: str
                            ) -> list[dict[str, object]]:
    """One row per item: exercise, aggregation, weighting, rank, item, label and score, then the
    method's own measures (a quadrant as its key, a criterion's mean as ``criterion:<id>``)."""
    design: Prioritisation = exercise.design
    measures = [m for m in measure_columns(design, result.aggregation, result.weighting)
                if m != "score"]
    return [{"exercise": result.exercise, "aggregation": result.aggregation,
             "weighting": result.weighting, "rank": line.rank, "item": line.item,
             "label": csv_text(label(design.item(line.item).label, lang)), "score": line.score,
             **{m: measure_value(line, m, i18n.DEFAULT_LANGUAGE) if m != "quadrant"
                else line.quadrant for m in measures}}
            for line in result.items]
