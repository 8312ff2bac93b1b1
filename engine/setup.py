"""Setting a workshop up: a new workshop from a template, and the editable tables of the set-up page.

The set-up page edits groups and items as plain tables (one row per group or item, one column
per field and language). These functions turn rows into validated models and back, and name
the row and column of anything wrong, so the page never half-saves a table.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata

from pydantic import BaseModel, TypeAdapter, ValidationError

from engine import access
from engine.errors import SetupError, first_problem
from engine.incentives import CRITERIA, IncentiveMatrix, Instrument
from engine.model import Criterion, ExerciseDefinition, Group, Item, Workshop, label
from engine.network import Actor, Link, NetworkMap
from engine.emp import (Action, EnvironmentalPlan, EnvironmentalValue, LandUse, RiskAssessment,
                        RiskBand, cell_id, check_plan, matrix_cells, split_cell)

__all__ = ["STARTER_GROUPS", "STARTER_ISSUES", "new_workshop", "new_exercise", "revise",
           "group_rows", "groups_from_rows", "item_rows", "items_from_rows", "LABEL_LANGUAGES",
           "criterion_rows", "criteria_from_rows", "group_weights_from", "actor_rows", "link_rows",
           "network_from_rows", "instrument_rows", "condition_rows", "incentive_matrix_from_rows",
           "land_use_rows", "value_rows", "rated_cells", "environmental_plan_from_rows",
           "assessment_rows", "band_rows", "risks_from_rows", "action_rows", "actions_from_rows",
           "flipchart_scores", "flipchart_ratings", "setup_error"]

LABEL_LANGUAGES = ("en", "fr")

# The stakeholder groups the guide names (1.3, 2.1.1, 3.1), as a starting point to edit.
STARTER_GROUPS = [
    Group(id="men-diggers", label={"en": "Men diggers", "fr": "Creuseurs (hommes)"},
          hrba_role="rights_holder", pictogram="⛏️"),
    Group(id="women-crushers", label={"en": "Women crushers and panners",
                                      "fr": "Femmes concasseuses et orpailleuses"},
          hrba_role="rights_holder", pictogram="🪨"),
    Group(id="youth", label={"en": "Youth", "fr": "Jeunes"}, hrba_role="rights_holder",
          pictogram="🧑"),
    Group(id="landowners-chiefs", label={"en": "Landowners and chiefs",
                                         "fr": "Propriétaires terriens et chefs"},
          hrba_role="rights_holder", pictogram="🏡"),
    Group(id="pastoralists-farmers", label={"en": "Pastoralists and farmers",
                                            "fr": "Éleveurs et agriculteurs"},
          hrba_role="rights_holder", pictogram="🐄"),
    Group(id="local-government", label={"en": "Local government", "fr": "Mairie et services locaux"},
          hrba_role="duty_bearer", pictogram="🏛️"),
    Group(id="environment-agency", label={"en": "Forestry and environment agency",
                                          "fr": "Eaux et forêts, environnement"},
          hrba_role="duty_bearer", pictogram="🌳"),
    Group(id="traders", label={"en": "Gold buyers and traders", "fr": "Acheteurs et commerçants d'or"},
          hrba_role="other", pictogram="⚖️"),
    Group(id="cso", label={"en": "Civil society organisations", "fr": "Organisations de la société civile"},
          hrba_role="other", pictogram="🤝"),
]

# Criteria for matrix scoring, as a starting point: what it would take to act on each issue.
STARTER_CRITERIA = [
    Criterion(id="harm", label={"en": "Harm to people and nature", "fr": "Tort aux personnes et à la nature"}),
    Criterion(id="people-affected", label={"en": "Number of people affected",
                                           "fr": "Nombre de personnes touchées"}),
    Criterion(id="cost-to-act", label={"en": "Cost of acting", "fr": "Coût de l'action"},
              lower_is_better=True),
]

# Key environmental and social issues the guide names (1.2, 1.3, 2.3), as a starting point.
STARTER_ISSUES = [
    Item(id="mercury", label={"en": "Mercury use in gold amalgamation",
                              "fr": "Utilisation du mercure pour l'amalgamation"}, pictogram="☠️"),
    Item(id="river-siltation", label={"en": "River siltation and water pollution",
                                      "fr": "Ensablement et pollution des rivières"}, pictogram="💧"),
    Item(id="forest-clearance", label={"en": "Forest clearance", "fr": "Défrichement de la forêt"},
         pictogram="🌳"),
    Item(id="protected-area", label={"en": "Mining inside the protected area",
                                     "fr": "Exploitation dans l'aire protégée"}, pictogram="🦁"),
    Item(id="child-labour", label={"en": "Child labour", "fr": "Travail des enfants"}, pictogram="🧒"),
    Item(id="gender-violence", label={"en": "Gender-based violence and harassment",
                                      "fr": "Violences basées sur le genre et harcèlement"},
         pictogram="🚺"),
    Item(id="land-conflict", label={"en": "Land-use conflict with farmers and herders",
                                    "fr": "Conflits fonciers avec agriculteurs et éleveurs"},
         pictogram="🐄"),
    Item(id="no-licences", label={"en": "No licences: mining stays informal",
                                  "fr": "Pas de permis : l'orpaillage reste informel"}, pictogram="📄"),
    Item(id="no-credit", label={"en": "No access to credit", "fr": "Pas d'accès au crédit"},
         pictogram="💰"),
]


def setup_error(error: ValidationError, table: str | None = None,
                rows: list[int] | None = None) -> SetupError:
    """A validation error as one ``SetupError`` naming the field, or the table's row and column.

    ``rows`` maps the validated list's positions back to the table's rows (1-based), since
    blank rows are dropped before validation.
    """
    where, problem = first_problem(error)
    parts = where.split(".")
    if table is not None and parts[0].isdigit():
        row = rows[int(parts[0])] if rows else int(parts[0]) + 1
        parts = [f"{table} row {row}", *parts[1:]]
    return SetupError("setup.invalid", where=".".join(parts) or "-", problem=problem)


def new_workshop(*, title: str, place: str, date: dt.date, language: str, pin: str,
                 taken_codes: set[str], template: Workshop | None = None) -> Workshop:
    """A new, empty workshop: the template's groups and exercises (no one, no ballots), or the
    starter groups; a fresh join code not in ``taken_codes``; the PIN stored hashed."""
    access.check_pin_strength(pin)
    code = access.new_join_code()
    while code in taken_codes:
        code = access.new_join_code()
    groups = template.groups if template else STARTER_GROUPS
    exercises = [e.definition().model_dump() for e in template.exercises] if template else []
    try:
        return Workshop.model_validate({
            "code": code, "title": title, "place": place, "date": date, "language": language,
            "pin_hash": access.hash_pin(pin), "groups": [g.model_dump() for g in groups],
            "exercises": exercises})
    except ValidationError as error:
        raise setup_error(error) from None


def _label_columns(labels: dict[str, str]) -> dict[str, str]:
    return _texts_columns(labels, "label")


def _labels_from(row: dict) -> dict[str, str]:
    return _texts_from(row, "label") or {}


def _blank_to_none(value: object) -> object:
    """Empty cells from the table editor arrive as None, NaN or ''; they mean "not given"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


def group_rows(groups: list[Group]) -> list[dict]:
    """Groups as table rows: id, one label column per language, role, expected, pictogram."""
    return [{"id": g.id, **_label_columns(g.label), "hrba_role": g.hrba_role,
             "expected": g.expected, "pictogram": g.pictogram or ""} for g in groups]


def groups_from_rows(rows: list[dict]) -> list[Group]:
    """Validated groups from table rows; a bad row raises ``SetupError`` naming it."""
    return _models_from_rows(Group, rows, "groups", extra=("hrba_role", "expected"))


def item_rows(items: list[Item]) -> list[dict]:
    """Items as table rows: id, one label column per language, pictogram, and for a
    participant's proposal the proposing group and whether it is approved."""
    return [{"id": i.id, **_label_columns(i.label), "pictogram": i.pictogram or "",
             "proposed_by": i.proposed_by or "", "approved": i.approved} for i in items]


def items_from_rows(rows: list[dict]) -> list[Item]:
    """Validated items from table rows; a bad row raises ``SetupError`` naming it."""
    return _models_from_rows(Item, rows, "items", extra=("proposed_by", "approved"))


def criterion_rows(criteria: list[Criterion]) -> list[dict]:
    """Matrix criteria as table rows: id, labels, weight, lower is better."""
    return [{"id": c.id, **_label_columns(c.label), "weight": c.weight,
             "lower_is_better": c.lower_is_better} for c in criteria]


def criteria_from_rows(rows: list[dict]) -> list[Criterion]:
    """Validated criteria from table rows; a bad row raises ``SetupError`` naming it."""
    return _models_from_rows(Criterion, rows, "criteria", extra=("weight", "lower_is_better"),
                             pictogram=False)


def group_weights_from(weights: dict[str, object]) -> dict[str, float]:
    """Custom group weights from the set-up table: blank cells mean "no custom weight"."""
    return {group: float(value) for group, value in weights.items()
            if _blank_to_none(value) is not None}


ACTOR_FIELDS = ("kind", "hrba_role", "influence", "interest", "power", "legitimacy", "urgency",
                "goal")
LINK_FIELDS = ("source", "target", "layer", "sign", "note")


def actor_rows(actors: list[Actor]) -> list[dict]:
    """Stakeholder-map actors as table rows: id, labels, then every other field."""
    return [{"id": a.id, **_label_columns(a.label),
             **{field: getattr(a, field) for field in ACTOR_FIELDS}} for a in actors]


def link_rows(network: NetworkMap | None) -> list[dict]:
    """A stakeholder map's links as table rows."""
    links = network.links if network else []
    return [{field: getattr(link, field) for field in LINK_FIELDS} for link in links]


def network_from_rows(question: dict[str, str], actors: list[dict], links: list[dict]
                      ) -> NetworkMap:
    """A validated stakeholder map from the set-up tables; a bad row raises ``SetupError``
    naming the table, the row and the column (``links row 3.target: unknown actor 'x'``)."""
    actor_models = _models_from_rows(Actor, actors, "actors", extra=ACTOR_FIELDS, pictogram=False)
    link_models = _models_from_rows(Link, links, "links", extra=LINK_FIELDS, pictogram=False,
                                    labelled=False)
    try:
        return NetworkMap(question=question, actors=actor_models, links=link_models)
    except ValidationError as error:
        raise setup_error(error) from None


# What a LIM instrument says in each language beside its label (guide 3.1's questions).
INSTRUMENT_TEXTS = ("objective", "package", "limitations")


def instrument_rows(instruments: list[Instrument]) -> list[dict]:
    """LIM instruments as table rows: id, labels, kind, target, then objective, package and
    limitations in each language, and the pictogram. Conditions have a table of their own."""
    return [{"id": i.id, **_label_columns(i.label), "kind": i.kind, "target": i.target or "",
             **{f"{field}_{lang}": (getattr(i, field) or {}).get(lang, "")
                for field in INSTRUMENT_TEXTS for lang in LABEL_LANGUAGES},
             "pictogram": i.pictogram or ""} for i in instruments]


def condition_rows(instruments: list[Instrument]) -> list[dict]:
    """Every instrument's non-negotiable conditions as table rows: instrument, condition id,
    text in each language, and whether it is met (met / unmet / unknown)."""
    return [{"instrument": i.id, "id": c.id, **_texts_columns(c.text, "text"), "met": c.met}
            for i in instruments for c in i.conditions]


def incentive_matrix_from_rows(instruments: list[dict], conditions: list[dict],
                               weights: dict[str, float], open: bool) -> IncentiveMatrix:
    """A validated LIM from the set-up tables; a bad row raises ``SetupError`` naming the
    table, the row and the column (``conditions row 2.instrument: unknown instrument 'x'``).

    A condition row without an id gets one made from its text.
    """
    attached = _conditions_by_instrument(conditions, {_blank_to_none(row.get("id"))
                                                      for row in instruments})
    prepared = []
    for row in instruments:
        entry = {**row, **{field: _texts_from(row, field) for field in INSTRUMENT_TEXTS}}
        if attached.get(row.get("id")):
            entry["conditions"] = attached[row["id"]]
        prepared.append(entry)
    models = _models_from_rows(Instrument, prepared, "instruments",
                               extra=("kind", "target", *INSTRUMENT_TEXTS, "conditions"))
    try:
        return IncentiveMatrix(instruments=models, weights=weights, open=open)
    except ValidationError as error:
        raise setup_error(error) from None


def _conditions_by_instrument(rows: list[dict], instrument_ids: set) -> dict[str, list[dict]]:
    """The conditions table's rows as each instrument's list of conditions."""
    found: dict[str, list[dict]] = {}
    for number, row in enumerate(rows, start=1):
        if all(_blank_to_none(value) is None for value in row.values()):
            continue  # the editor's empty "add a row" line
        instrument = _blank_to_none(row.get("instrument"))
        if instrument not in instrument_ids:
            raise SetupError("setup.invalid", where=f"conditions row {number}.instrument",
                             problem=f"unknown instrument '{instrument or ''}'")
        text = _texts_from(row, "text")
        if text is None:
            raise SetupError("setup.invalid", where=f"conditions row {number}.text",
                             problem="the condition has no text")
        taken = {condition["id"] for condition in found.get(instrument, [])}
        found.setdefault(instrument, []).append({
            "id": _blank_to_none(row.get("id")) or unique_id(label(text, "en"), taken, "condition"),
            "text": text, "met": _blank_to_none(row.get("met")) or "unknown"})
    return found


def _texts_columns(texts: dict[str, str], field: str) -> dict[str, str]:
    return {f"{field}_{lang}": texts.get(lang, "") for lang in LABEL_LANGUAGES}


def _texts_from(row: dict, field: str) -> dict[str, str] | None:
    """``field``'s text in each language from its columns (``objective_en``…); None if blank."""
    texts = {lang: row[f"{field}_{lang}"] for lang in LABEL_LANGUAGES
             if isinstance(row.get(f"{field}_{lang}"), str) and row[f"{field}_{lang}"].strip()}
    return texts or None


def _models_from_rows(model: type[BaseModel], rows: list[dict], table: str,
                      extra: tuple[str, ...], pictogram: bool = True,
                      labelled: bool = True) -> list:
    data, table_rows = [], []
    for number, row in enumerate(rows, start=1):
        if all(_blank_to_none(value) is None for value in row.values()):
            continue  # the editor's empty "add a row" line
        entry = {"id": _blank_to_none(row.get("id")), "label": _labels_from(row)} if labelled else {}
        if pictogram:
            entry["pictogram"] = _blank_to_none(row.get("pictogram"))
        for field in extra:
            if _blank_to_none(row.get(field)) is not None:
                entry[field] = row[field]
        data.append(entry)
        table_rows.append(number)
    try:
        return TypeAdapter(list[model]).validate_python(data)
    except ValidationError as error:
        raise setup_error(error, table, table_rows) from None


def revise(model: BaseModel, **changes: object):
    """A copy of ``model`` with ``changes`` applied, the whole re-validated (``SetupError`` if not)."""
    try:
        return type(model).model_validate({**model.model_dump(), **changes})
    except ValidationError as error:
        raise setup_error(error) from None


def unique_id(text: str, taken: set[str], fallback: str) -> str:
    """A slug id made from ``text`` (accents dropped), made unique against ``taken``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:30] or fallback
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def new_exercise(title: str, method: str, taken_ids: set[str], lang: str) -> ExerciseDefinition:
    """A draft exercise with the guide's starter issues as items, ready to edit."""
    try:
        return ExerciseDefinition(id=unique_id(title, taken_ids, "exercise"), title={lang: title},
                                  method=method, items=STARTER_ISSUES,
                                  criteria=STARTER_CRITERIA if method == "matrix" else [])
    except ValidationError as error:
        raise setup_error(error) from None


# ---- the community Environmental Management Plan (guide 2.6) ----------------------------------

ACTION_FIELDS = ("cells", "hierarchy", "importance", "urgency", "responsible", "years", "review")
_LIST_SEPARATOR = re.compile(r"[,;\s]+")


def land_use_rows(land_uses: list[LandUse]) -> list[dict]:
    """The EMP matrix's land uses (its rows) as table rows: id, one label column per language,
    pictogram."""
    return [{"id": u.id, **_label_columns(u.label), "pictogram": u.pictogram or ""}
            for u in land_uses]


def value_rows(values: list[EnvironmentalValue]) -> list[dict]:
    """The EMP matrix's environmental values (its columns) as table rows: id, labels, category
    (``emp.VALUE_CATEGORIES``), pictogram."""
    return [{"id": v.id, **_label_columns(v.label), "category": v.category,
             "pictogram": v.pictogram or ""} for v in values]


def rated_cells(workshop: Workshop) -> set[str]:
    """The cells of the EMP matrix someone has rated (on a phone or by proxy)."""
    return {cell for ballot in workshop.interaction_ballots for cell in ballot.ratings}


def environmental_plan_from_rows(land_uses: list[dict], values: list[dict], start: dt.date,
                                 plan_years: int, current: EnvironmentalPlan | None = None,
                                 rated: set[str] = frozenset()) -> EnvironmentalPlan:
    """The EMP with the matrix, start and length from the set-up tables, everything else kept
    from ``current`` (open or not, bands, actions, and the assessments of cells still in the
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
    land_use_models = _unique_models(LandUse, land_uses, "land uses", extra=())
    value_models = _unique_models(EnvironmentalValue, values, "values", extra=("category",))
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
        land_uses=land_use_models, values=value_models, open=current.open if current else False,
        bands=current.bands if current else None,
        assessments=[a for a in current.assessments if a.cell in cells] if current else [],
        actions=current.actions if current else [], start=start, plan_years=plan_years)


def assessment_rows(plan: EnvironmentalPlan, negative: list[str]) -> list[dict]:
    """One row per cell to assess: the ``negative`` cells, then any other cell already assessed,
    in matrix order; likelihood and consequence as assessed, blank (None) if not yet."""
    given = {a.cell: a for a in plan.assessments}
    others = [cell for cell in matrix_cells(plan.land_uses, plan.values)
              if cell in given and cell not in negative]
    return [{"cell": cell,
             "likelihood": given[cell].likelihood if cell in given else None,
             "consequence": given[cell].consequence if cell in given else None}
            for cell in [*negative, *others]]


def band_rows(bands: list[RiskBand]) -> list[dict]:
    """Risk bands as table rows: name, lowest and highest product (likelihood × consequence)."""
    return [{"name": b.name, "low": b.low, "high": b.high} for b in bands]


def risks_from_rows(plan: EnvironmentalPlan, assessments: list[dict], bands: list[dict]
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
    given = []
    for number, row in enumerate(assessments, start=1):
        scores = {field: _blank_to_none(row.get(field)) for field in ("likelihood", "consequence")}
        if all(score is None for score in scores.values()):
            given.append({})  # not assessed yet: skipped like a blank row
            continue
        missing = next((field for field, score in scores.items() if score is None), None)
        if missing:
            raise SetupError("setup.invalid", where=f"risk assessments row {number}.{missing}",
                             problem="give both likelihood and consequence, or neither")
        given.append({"cell": row.get("cell"), **scores})
    assessment_models = _models_from_rows(RiskAssessment, given, "risk assessments",
                                          extra=("cell", "likelihood", "consequence"),
                                          pictogram=False, labelled=False)
    band_models = _models_from_rows(RiskBand, bands, "risk bands", extra=("name", "low", "high"),
                                    pictogram=False, labelled=False)
    return _checked_plan(**{**_plan_fields(plan), "assessments": assessment_models,
                            "bands": band_models})


def action_rows(actions: list[Action]) -> list[dict]:
    """Control measures as table rows: id, labels, cells (a list of cell ids), hierarchy,
    importance, urgency, responsible, years (a list of year numbers as text: ``["1", "2"]``)
    and review date."""
    return [{"id": a.id, **_label_columns(a.label), "cells": list(a.cells),
             "hierarchy": a.hierarchy, "importance": a.importance, "urgency": a.urgency,
             "responsible": a.responsible, "years": [str(year) for year in a.years],
             "review": a.review} for a in actions]


def actions_from_rows(plan: EnvironmentalPlan, rows: list[dict]) -> EnvironmentalPlan:
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
        entry["cells"] = _listed(row.get("cells")) or None
        years = _listed(row.get("years"))
        bad = next((year for year in years if not re.fullmatch(r"\d{1,2}", year)), None)
        if bad is not None:
            raise SetupError("setup.invalid", where=f"actions row {number}.years",
                             problem=f"'{bad}' is not a year number")
        entry["years"] = sorted({int(year) for year in years}) or None
        review = _blank_to_none(row.get("review"))
        entry["review"] = review.date() if isinstance(review, dt.datetime) else review
        prepared.append(entry)
    models = _models_from_rows(Action, prepared, "actions", extra=ACTION_FIELDS, pictogram=False)
    return _checked_plan(**{**_plan_fields(plan), "actions": models})


def _listed(value: object) -> list[str]:
    """A list column's value as a list of non-blank strings: from a list, or from text with
    commas (the editor may hand either; a blank cell is an empty list)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    parts = _LIST_SEPARATOR.split(value) if isinstance(value, str) else [str(v) for v in value]
    return [part.strip() for part in parts if part and part.strip()]


def _unique_models(model: type[BaseModel], rows: list[dict], table: str,
                   extra: tuple[str, ...]) -> list:
    """``_models_from_rows``, and no id twice (naming the second row that has it)."""
    models = _models_from_rows(model, rows, table, extra=extra)
    numbers = [number for number, row in enumerate(rows, start=1)
               if not all(_blank_to_none(value) is None for value in row.values())]
    seen: set[str] = set()
    for number, found in zip(numbers, models):
        if found.id in seen:
            raise SetupError("setup.invalid", where=f"{table} row {number}.id",
                             problem=f"duplicate id '{found.id}'")
        seen.add(found.id)
    return models


def _plan_fields(plan: EnvironmentalPlan) -> dict:
    return {name: getattr(plan, name) for name in EnvironmentalPlan.model_fields}


def _checked_plan(**fields: object) -> EnvironmentalPlan:
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


def flipchart_scores(rows: list[dict]) -> dict[str, dict[str, object]]:
    """A group's LIM flipchart, typed into a table (a row per ``instrument``, a column per
    criterion), as the scores of one proxy ballot. Blank cells are left out and so is a blank
    row: ``check_scores`` then names an instrument scored on some criteria only."""
    return {row["instrument"]: given for row in rows if (given := _given(row, CRITERIA))}


def flipchart_ratings(rows: list[dict], values: list[str]) -> dict[str, object]:
    """A group's EMP flipchart, typed into a table (a row per ``land_use``, a column per
    value holding +, N or -), as the ratings of one proxy ballot; blank cells are left out."""
    return {cell_id(row["land_use"], value): rating for row in rows
            for value, rating in _given(row, values).items()}


def _given(row: dict, columns) -> dict[str, object]:
    """The row's non-blank cells among ``columns``; a table's 4.0 as 4 (number columns hand
    back floats)."""
    given = {column: _blank_to_none(row.get(column)) for column in columns}
    return {column: int(value) if isinstance(value, float) and value.is_integer() else value
            for column, value in given.items() if value is not None}
