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
from engine.model import Criterion, ExerciseDefinition, Group, Item, Workshop
from engine.network import Actor, Link, NetworkMap

__all__ = ["STARTER_GROUPS", "STARTER_ISSUES", "new_workshop", "new_exercise", "revise",
           "group_rows", "groups_from_rows", "item_rows", "items_from_rows", "LABEL_LANGUAGES",
           "criterion_rows", "criteria_from_rows", "group_weights_from", "actor_rows", "link_rows",
           "network_from_rows",
           "setup_error"]

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
    return {f"label_{lang}": labels.get(lang, "") for lang in LABEL_LANGUAGES}


def _labels_from(row: dict) -> dict[str, str]:
    return {lang: row[f"label_{lang}"] for lang in LABEL_LANGUAGES
            if isinstance(row.get(f"label_{lang}"), str) and row[f"label_{lang}"].strip()}


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
