"""A prioritisation's set-up tables: items and criteria as rows, custom group weights, and a new
design from the guide's starter issues."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from engine.core.setup import blank_to_none, label_columns, models_from_rows, setup_error
from engine.exercises.prioritisation.design import (STARTER_CRITERIA, STARTER_ISSUES, Criterion,
                                                    Item, Prioritisation)

__all__ = ["new_prioritisation", "item_rows", "items_from_rows", "criterion_rows",
           "criteria_from_rows", "group_weights_from"]

Row = Mapping[str, Any]


def new_prioritisation(method: str) -> Prioritisation:
    """A design with the guide's starter issues as items (and starter criteria for matrix
    scoring), ready to edit."""
    try:
        # Validated as data: ``method`` is any string the set-up page hands over.
        return Prioritisation.model_validate(
            {"method": method, "items": STARTER_ISSUES,
             "criteria": STARTER_CRITERIA if method == "matrix" else []})
    except ValidationError as error:
        raise setup_error(error) from None


def item_rows(items: Sequence[Item]) -> list[dict[str, Any]]:
    """Items as table rows: id, one label column per language, pictogram, and for an item a
    participant proposed, the proposing group."""
    return [{"id": i.id, **label_columns(i.label), "pictogram": i.pictogram or "",
             "proposed_by": i.proposed_by or ""} for i in items]


def items_from_rows(rows: Sequence[Row]) -> list[Item]:
    """Validated items from table rows; a bad row raises ``SetupError`` naming it."""
    return models_from_rows(Item, rows, "items", extra=("proposed_by",))


def criterion_rows(criteria: Sequence[Criterion]) -> list[dict[str, Any]]:
    """Matrix criteria as table rows: id, labels, weight, lower is better."""
    return [{"id": c.id, **label_columns(c.label), "weight": c.weight,
             "lower_is_better": c.lower_is_better} for c in criteria]


def criteria_from_rows(rows: Sequence[Row]) -> list[Criterion]:
    """Validated criteria from table rows; a bad row raises ``SetupError`` naming it."""
    return models_from_rows(Criterion, rows, "criteria", extra=("weight", "lower_is_better"),
                            pictogram=False)


def group_weights_from(weights: Mapping[str, float | str | None]) -> dict[str, float]:
    """Custom group weights from the set-up table: blank cells mean "no custom weight"."""
    return {group: float(weight) for group, value in weights.items()
            if (weight := blank_to_none(value)) is not None}
