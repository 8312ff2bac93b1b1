"""The EMP's set-up tables: the matrix's land uses and values, the risk assessments and bands,
the actions, and a group's flipchart, as rows."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence, Set
from typing import Any

from pydantic import ValidationError

from engine.core.errors import SetupError
from engine.core.exercise import Exercise
from engine.core.setup import (blank_to_none, given, label_columns, listed, models_from_rows,
                               setup_error, unique_models)
from engine.exercises.emp.plan import (Action, EnvironmentalPlan, EnvironmentalValue, LandUse,
                                       RiskAssessment, RiskBand, cell_id, check_plan,
                                       matrix_cells, split_cell)

__all__ = ["land_use_rows", "value_rows", "rated_cells", "environmental_plan_from_rows",
           "assessment_rows", "band_rows", "risks_from_rows", "action_rows", "actions_from_rows",
           "flipchart_ratings"]

Row = Mapping[str, Any]


ACTION_FIELDS = ("cells", "hierarchy", "importance", "urgency", "responsible", "years", "review")


def land_use_rows(land_uses: list[LandUse]) -> list[dict[str, Any]]:
    """The EMP matrix's land uses (its rows) as table rows: id, one label column per language,
    pictogram."""
    return [{"id": u.id, **label_columns(u.label), "pictogram": u.pictogram or ""}
            for u in land_uses]


def value_rows(values: list[EnvironmentalValue]) -> list[dict[str, Any]]:
    """The EMP matrix's environmental values (its columns) as table rows: id, labels, category
    (``emp.VALUE_CATEGORIES``), pictogram."""
    return [{"id": v.id, **label_columns(v.label), "category": v.category,
             "pictogram": v.pictogram or ""} for v in values]


def rated_cells(exercise: Exercise) -> set[str]:
    """The cells of the EMP matrix someone has rated (on a phone or by proxy)."""
    return {cell for ballot in exercise.ballots for cell in ballot.answer.ratings}


def environmental_plan_from_rows(land_uses: Sequence[Row], values: Sequence[Row], start: dt.date,
                                 plan_years: int, current: EnvironmentalPlan | None = None,
                                 rated: Set[str] = frozenset()) -> EnvironmentalPlan:
    """The EMP with the matrix, start and length from the set-up tables, everything else kept
    from ``current`` (bands, actions, and the assessments of cells still in the
    matrix); a new plan has the default risk bands and no assessment or action yet.

    Parameters
    ----------
    land_uses, values : list of dict
        The tables' rows (``land_use_rows``, ``value_rows``); blank rows are skipped.
    start : date
        The first day of the plan.
    plan_years : int
        3 to 5 (guide 2.6).
    current : EnvironmentalPlan, optional
        The plan as stored, whose other parts are kept.
    rated : set of cell ids
        The cells people have rated (``rated_cells``): their land uses and values must stay.

    Raises
    ------
    SetupError
        ``setup.invalid`` naming the table, row and column of a bad or duplicate cell
        (``land uses row 4.id: duplicate id 'asm'``); ``emp.rated_land_use_removed`` or
        ``emp.rated_value_removed`` naming a row that people's ratings still need.
    PlanError
        ``emp.plan_years``; or an action of ``current`` that no longer fits (a cell no longer in
        the matrix, a year beyond a shorter plan), naming the action.
    """
    land_use_models = unique_models(LandUse, land_uses, "land uses", extra=())
    value_models = unique_models(EnvironmentalValue, values, "values", extra=("category",))
    kept_land_uses = {u.id for u in land_use_models}
    kept_values = {v.id for v in value_models}
    for cell in sorted(rated):
        land_use, value = split_cell(cell)
        if land_use not in kept_land_uses:
            raise SetupError("emp.rated_land_use_removed", land_use=land_use)
        if value not in kept_values:
            raise SetupError("emp.rated_value_removed", value=value)
    cells = set(matrix_cells(land_use_models, value_models))
    return _checked_plan(
        land_uses=land_use_models, values=value_models, bands=current.bands if current else None,
        assessments=[a for a in current.assessments if a.cell in cells] if current else [],
        actions=current.actions if current else [], start=start, plan_years=plan_years)


def assessment_rows(plan: EnvironmentalPlan, negative: list[str]) -> list[dict[str, Any]]:
    """One row per cell to assess: the ``negative`` cells, then any other cell already assessed,
    in matrix order; likelihood and consequence as assessed, blank (None) if not yet."""
    given = {a.cell: a for a in plan.assessments}
    others = [cell for cell in matrix_cells(plan.land_uses, plan.values)
              if cell in given and cell not in negative]
    return [{"cell": cell,
             "likelihood": given[cell].likelihood if cell in given else None,
             "consequence": given[cell].consequence if cell in given else None}
            for cell in [*negative, *others]]


def band_rows(bands: list[RiskBand]) -> list[dict[str, Any]]:
    """Risk bands as table rows: name, lowest and highest product (likelihood × consequence)."""
    return [{"name": b.name, "low": b.low, "high": b.high} for b in bands]


def risks_from_rows(plan: EnvironmentalPlan, assessments: Sequence[Row], bands: Sequence[Row]
                    ) -> EnvironmentalPlan:
    """``plan`` with the risk assessments and bands of the risk tables.

    An assessment row with neither likelihood nor consequence is a cell not assessed yet.

    Raises
    ------
    SetupError
        ``setup.invalid`` naming the table, row and column (``risk assessments row 2.consequence:
        give both likelihood and consequence, or neither``).
    PlanError
        A band problem (``emp.check_bands``) or a cell assessed twice.
    """
    given: list[dict[str, Any]] = []
    for number, row in enumerate(assessments, start=1):
        scores = {field: blank_to_none(row.get(field)) for field in ("likelihood", "consequence")}
        if all(score is None for score in scores.values()):
            given.append({})  # not assessed yet: skipped like a blank row
            continue
        missing = next((field for field, score in scores.items() if score is None), None)
        if missing:
            raise SetupError("setup.invalid", where=f"risk assessments row {number}.{missing}",
                             problem="give both likelihood and consequence, or neither")
        given.append({"cell": row.get("cell"), **scores})
    assessment_models = models_from_rows(RiskAssessment, given, "risk assessments",
                                          extra=("cell", "likelihood", "consequence"),
                                          pictogram=False, labelled=False)
    band_models = models_from_rows(RiskBand, bands, "risk bands", extra=("name", "low", "high"),
                                    pictogram=False, labelled=False)
    return _checked_plan(**{**_plan_fields(plan), "assessments": assessment_models,
                            "bands": band_models})


def action_rows(actions: list[Action]) -> list[dict[str, Any]]:
    """Control measures as table rows: id, labels, cells (a list of cell ids), hierarchy,
    importance, urgency, responsible, years (a list of year numbers as text: ``["1", "2"]``)
    and review date."""
    return [{"id": a.id, **label_columns(a.label), "cells": list(a.cells),
             "hierarchy": a.hierarchy, "importance": a.importance, "urgency": a.urgency,
             "responsible": a.responsible, "years": [str(year) for year in a.years],
             "review": a.review} for a in actions]


def actions_from_rows(plan: EnvironmentalPlan, rows: Sequence[Row]) -> EnvironmentalPlan:
    """``plan`` with the actions of the actions table.

    ``cells`` and ``years`` may be lists or text separated by commas (``"asm:river,
    asm:forest"``, ``"1, 2"``); ``review`` a date or ``YYYY-MM-DD``.

    Raises
    ------
    SetupError
        ``setup.invalid`` naming the row and column (``actions row 2.years: 'one' is not a year
        number``).
    PlanError
        An action that does not fit the plan (``emp.check_actions``), naming the action.
    """
    prepared = []
    for number, row in enumerate(rows, start=1):
        entry = dict(row)
        entry["cells"] = listed(row.get("cells")) or None
        years = listed(row.get("years"))
        bad = next((year for year in years if not re.fullmatch(r"\d{1,2}", year)), None)
        if bad is not None:
            raise SetupError("setup.invalid", where=f"actions row {number}.years",
                             problem=f"'{bad}' is not a year number")
        entry["years"] = sorted({int(year) for year in years}) or None
        review = blank_to_none(row.get("review"))
        entry["review"] = review.date() if isinstance(review, dt.datetime) else review
        prepared.append(entry)
    models = models_from_rows(Action, prepared, "actions", extra=ACTION_FIELDS, pictogram=False)
    return _checked_plan(**{**_plan_fields(plan), "actions": models})


def _plan_fields(plan: EnvironmentalPlan) -> dict[str, Any]:
    return {name: getattr(plan, name) for name in EnvironmentalPlan.model_fields}


def _checked_plan(**fields: Any) -> EnvironmentalPlan:
    """The plan, checked first with ``emp.check_plan`` so that a problem is raised as the
    engine's own ``PlanError`` (shown in the facilitator's language), then validated whole."""
    if fields.get("bands") is None:
        fields.pop("bands", None)
    bands = fields.get("bands", EnvironmentalPlan.model_fields["bands"].default)
    check_plan(fields["land_uses"], fields["values"], bands, fields["assessments"],
               fields["actions"], fields["start"], fields["plan_years"])
    try:
        return EnvironmentalPlan(**fields)
    except ValidationError as error:
        raise setup_error(error) from None


def flipchart_ratings(rows: Sequence[Row], values: Sequence[str]) -> dict[str, object]:
    """A group's EMP flipchart, typed into a table (a row per ``land_use``, a column per
    value holding +, N or -), as the ratings of one proxy ballot; blank cells are left out."""
    return {cell_id(row["land_use"], value): rating for row in rows
            for value, rating in given(row, values).items()}


