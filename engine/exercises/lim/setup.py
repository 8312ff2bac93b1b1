"""The LIM's set-up tables: instruments and their conditions as rows, and a group's flipchart."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from engine.core.errors import SetupError
from engine.core.setup import (LABEL_LANGUAGES, blank_to_none, given, label_columns,
                               models_from_rows, setup_error, texts_columns, texts_from, unique_id)
from engine.core.types import label
from engine.exercises.lim.design import CRITERIA, IncentiveMatrix, Instrument

__all__ = ["INSTRUMENT_TEXTS", "instrument_rows", "condition_rows", "incentive_matrix_from_rows",
           "flipchart_scores"]

Row = Mapping[str, Any]

# What a LIM instrument says in each language beside its label (guide 3.1's questions).
INSTRUMENT_TEXTS = ("objective", "package", "limitations")


def instrument_rows(instruments: Sequence[Instrument]) -> list[dict[str, Any]]:
    """LIM instruments as table rows: id, labels, kind, target, then objective, package and
    limitations in each language, and the pictogram. Conditions have a table of their own."""
    return [{"id": i.id, **label_columns(i.label), "kind": i.kind, "target": i.target or "",
             **{f"{field}_{lang}": (getattr(i, field) or {}).get(lang, "")
                for field in INSTRUMENT_TEXTS for lang in LABEL_LANGUAGES},
             "pictogram": i.pictogram or ""} for i in instruments]


def condition_rows(instruments: Sequence[Instrument]) -> list[dict[str, Any]]:
    """Every instrument's non-negotiable conditions as table rows: instrument, condition id,
    text in each language, and whether it is met (met / unmet / unknown)."""
    return [{"instrument": i.id, "id": c.id, **texts_columns(c.text, "text"), "met": c.met}
            for i in instruments for c in i.conditions]


def incentive_matrix_from_rows(instruments: Sequence[Row], conditions: Sequence[Row],
                               weights: Mapping[str, float]) -> IncentiveMatrix:
    """A validated LIM from the set-up tables; a bad row raises ``SetupError`` naming the
    table, the row and the column (``conditions row 2.instrument: unknown instrument 'x'``).

    A condition row without an id gets one made from its text.
    """
    attached = _conditions_by_instrument(conditions, {blank_to_none(row.get("id"))
                                                      for row in instruments})
    prepared = []
    for row in instruments:
        entry = {**row, **{field: texts_from(row, field) for field in INSTRUMENT_TEXTS}}
        if attached.get(row.get("id")):
            entry["conditions"] = attached[row["id"]]
        prepared.append(entry)
    models = models_from_rows(Instrument, prepared, "instruments",
                               extra=("kind", "target", *INSTRUMENT_TEXTS, "conditions"))
    try:
        return IncentiveMatrix.model_validate({"instruments": models, "weights": weights})
    except ValidationError as error:
        raise setup_error(error) from None


def _conditions_by_instrument(rows: Sequence[Row], instrument_ids: set[object]
                              ) -> dict[str | None, list[dict[str, Any]]]:
    """The conditions table's rows as each instrument's list of conditions."""
    found: dict[str | None, list[dict[str, Any]]] = {}
    for number, row in enumerate(rows, start=1):
        if all(blank_to_none(value) is None for value in row.values()):
            continue  # the editor's empty "add a row" line
        instrument = blank_to_none(row.get("instrument"))
        if instrument not in instrument_ids:
            raise SetupError("setup.invalid", where=f"conditions row {number}.instrument",
                             problem=f"unknown instrument '{instrument or ''}'")
        text = texts_from(row, "text")
        if text is None:
            raise SetupError("setup.invalid", where=f"conditions row {number}.text",
                             problem="the condition has no text")
        taken = {condition["id"] for condition in found.get(instrument, [])}
        found.setdefault(instrument, []).append({
            "id": blank_to_none(row.get("id")) or unique_id(label(text, "en"), taken, "condition"),
            "text": text, "met": blank_to_none(row.get("met")) or "unknown"})
    return found


def flipchart_scores(rows: Sequence[Row]) -> dict[str, dict[str, object]]:
    """A group's LIM flipchart, typed into a table (a row per ``instrument``, a column per
    criterion), as the scores of one proxy ballot. Blank cells are left out and so is a blank
    row: ``check_scores`` then names an instrument scored on some criteria only."""
    return {row["instrument"]: scores for row in rows if (scores := given(row, CRITERIA))}


