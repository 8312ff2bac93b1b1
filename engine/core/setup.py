"""Setting a workshop up: a new workshop from a template, and the editable tables of set-up.

The set-up pages edit groups, items, actors… as plain tables (one row per thing, one column per
field and language). These functions turn rows into validated models and back, and name the row
and column of anything wrong, so a page never half-saves a table. Each kind's own tables use
the helpers here (``models_from_rows``, ``label_columns``…).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, TypeVar, cast

from pydantic import BaseModel, TypeAdapter, ValidationError

from engine.core import access, profile
from engine.core.errors import SetupError
from engine.core.problems import describe
from engine.core.records import Group
from engine.core.workshop import Workshop

__all__ = ["LABEL_LANGUAGES", "STARTER_GROUPS", "EXPECTED_COLUMNS", "new_workshop", "revise",
           "group_rows", "groups_from_rows", "setup_error", "label_columns", "labels_from",
           "blank_to_none", "texts_columns", "texts_from", "models_from_rows", "unique_models",
           "unique_id", "given", "listed", "require_unique_ids"]

M = TypeVar("M", bound=BaseModel)
Value = TypeVar("Value")
Row = Mapping[str, Any]

LABEL_LANGUAGES = ("en", "fr")

# The stakeholder groups the guide names (1.3, 2.1.1, 3.1), as a starting point to edit: the
# people who work the pits, the women who process, the buyers, those who hold the land and
# custom, elders and youth, whom the guide asks to hear apart (1.3: "men, women, elderly,
# youth"), and the duty bearers and civil society who plan with them.
STARTER_GROUPS = [
    Group(id="pit-owners", label={"en": "Pit owners and sponsors",
                                  "fr": "Propriétaires de puits et financeurs"},
          hrba_role="rights_holder", pictogram="⛏️"),
    Group(id="diggers", label={"en": "Diggers and labourers",
                               "fr": "Creuseurs et manœuvres"},
          hrba_role="rights_holder", pictogram="👷"),
    Group(id="women-panners", label={"en": "Women panners and processors",
                                     "fr": "Femmes orpailleuses et transformatrices"},
          hrba_role="rights_holder", pictogram="👩"),
    Group(id="traders", label={"en": "Traders and buyers", "fr": "Commerçants et acheteurs"},
          hrba_role="other", pictogram="⚖️"),
    Group(id="customary-landowners", label={"en": "Customary authorities and landowners",
                                            "fr": "Autorités coutumières et propriétaires "
                                                  "terriens"},
          hrba_role="rights_holder", pictogram="🏡"),
    Group(id="elders", label={"en": "Elders", "fr": "Aînés"}, hrba_role="rights_holder",
          pictogram="⏳"),
    Group(id="youth", label={"en": "Youth", "fr": "Jeunes"}, hrba_role="rights_holder",
          pictogram="🙋"),
    Group(id="local-government", label={"en": "Local government",
                                        "fr": "Mairie et services locaux"},
          hrba_role="duty_bearer", pictogram="🏛️"),
    Group(id="environment-officers", label={"en": "Environment and forestry officers",
                                            "fr": "Agents de l'environnement et des forêts"},
          hrba_role="duty_bearer", pictogram="🌳"),
    Group(id="civil-society", label={"en": "Civil society organisations",
                                     "fr": "Organisations de la société civile"},
          hrba_role="other", pictogram="🤝"),
]


def setup_error(error: ValidationError, table: str | None = None,
                rows: Sequence[int] | None = None) -> SetupError:
    """A validation error as one ``SetupError`` naming the field, or the table's row and column.

    ``rows`` maps the validated list's positions back to the table's rows (1-based), since
    blank rows are dropped before validation.
    """
    where, problem = describe(error)  # said in the facilitator's language
    position = re.match(r"^\[(\d+)\]\.?", where)
    if table is not None and position:
        index = int(position[1])
        number = rows[index] if rows else index + 1
        rest = where[position.end():]
        where = f"{table} row {number}" + (f".{rest}" if rest else "")
    return SetupError("setup.invalid", where=where or "-", problem=problem)


def new_workshop(*, title: str, place: str, date: dt.date, language: str, pin: str,
                 taken_codes: set[str], template: Workshop | None = None) -> Workshop:
    """A new, empty workshop: the template's groups and exercises (their designs, as drafts,
    with nobody and nothing sent), or the starter groups; a fresh join code not in
    ``taken_codes``; the PIN stored hashed."""
    access.check_pin_strength(pin)
    code = access.new_join_code()
    while code in taken_codes:
        code = access.new_join_code()
    groups = template.groups if template else STARTER_GROUPS
    exercises = [{"id": e.id, "kind": e.kind, "title": e.title,
                  "design": e.design.model_dump(mode="json")}
                 for e in template.exercises] if template else []
    try:
        return Workshop.model_validate({
            "code": code, "title": title, "place": place, "date": date, "language": language,
            "pin_hash": access.hash_pin(pin), "groups": [g.model_dump() for g in groups],
            "exercises": exercises})
    except ValidationError as error:
        raise setup_error(error) from None


def label_columns(labels: Mapping[str, str]) -> dict[str, str]:
    """A label as one table column per language (``label_en``, ``label_fr``)."""
    return texts_columns(labels, "label")


def labels_from(row: Row) -> dict[str, str]:
    """A label from its columns; empty if every one is blank."""
    return texts_from(row, "label") or {}


def blank_to_none(value: Value) -> Value | None:
    """Empty cells from the table editor arrive as None, NaN or ''; they mean "not given"."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, str) and not value.strip():
        return None
    return value


#: The answers a group's head-count may be split by ("woman", "man"), a table column each
#: (``expected_woman``), by column.
EXPECTED_COLUMNS: dict[str, profile.Value] = {
    f"expected_{value.id}": value for attribute_id in profile.EXPECTED_BY
    for value in profile.attribute(attribute_id).values if value.id != profile.UNSAID}


def group_rows(groups: Iterable[Group]) -> list[dict[str, Any]]:
    """Groups as table rows: id, one label column per language, role, expected, the head-counts
    expected per answer (``EXPECTED_COLUMNS``, None where not known), pictogram."""
    return [{"id": g.id, **label_columns(g.label), "hrba_role": g.hrba_role,
             "expected": g.expected,
             **{column: g.expected_by.get(value.id) for column, value in EXPECTED_COLUMNS.items()},
             "pictogram": g.pictogram or ""} for g in groups]


def groups_from_rows(rows: Sequence[Row]) -> list[Group]:
    """Validated groups from table rows, their head-counts per answer gathered into
    ``expected_by``; a bad row raises ``SetupError`` naming it."""
    gathered = []
    for row in rows:
        counts = given(row, EXPECTED_COLUMNS)
        rest = {column: value for column, value in row.items() if column not in EXPECTED_COLUMNS}
        if counts:
            rest["expected_by"] = {EXPECTED_COLUMNS[c].id: n for c, n in counts.items()}
        gathered.append(rest)
    return models_from_rows(Group, gathered, "groups",
                            extra=("hrba_role", "expected", "expected_by"))


def texts_columns(texts: Mapping[str, str] | None, field: str) -> dict[str, str]:
    """A text in several languages as one column per language (``objective_en``…)."""
    texts = texts or {}
    return {f"{field}_{lang}": texts.get(lang, "") for lang in LABEL_LANGUAGES}


def texts_from(row: Row, field: str) -> dict[str, str] | None:
    """``field``'s text in each language from its columns (``objective_en``…); None if blank."""
    texts = {lang: row[f"{field}_{lang}"] for lang in LABEL_LANGUAGES
             if isinstance(row.get(f"{field}_{lang}"), str) and row[f"{field}_{lang}"].strip()}
    return texts or None


def models_from_rows(model: type[M], rows: Sequence[Row], table: str, extra: Sequence[str],
                     pictogram: bool = True, labelled: bool = True) -> list[M]:
    """Validated models from a table's rows (id, labels, pictogram and the ``extra`` columns);
    blank rows are skipped, and a bad row raises ``SetupError`` naming the table's row."""
    data, table_rows = [], []
    for number, row in enumerate(rows, start=1):
        if all(blank_to_none(value) is None for value in row.values()):
            continue  # the editor's empty "add a row" line
        entry: dict[str, Any] = ({"id": blank_to_none(row.get("id")), "label": labels_from(row)}
                                 if labelled else {})
        if pictogram:
            entry["pictogram"] = blank_to_none(row.get("pictogram"))
        for field in extra:
            if blank_to_none(row.get(field)) is not None:
                entry[field] = row[field]
        data.append(entry)
        table_rows.append(number)
    try:
        # The model class is an argument: mypy cannot read list[model] as a type.
        return TypeAdapter(list[model]).validate_python(data)  # type: ignore[valid-type]
    except ValidationError as error:
        raise setup_error(error, table, table_rows) from None


def unique_models(model: type[M], rows: Sequence[Row], table: str, extra: Sequence[str]
                  ) -> list[M]:
    """``models_from_rows``, and no id twice (naming the second row that has it)."""
    models = models_from_rows(model, rows, table, extra=extra)
    numbers = [number for number, row in enumerate(rows, start=1)
               if not all(blank_to_none(value) is None for value in row.values())]
    seen: set[str] = set()
    for number, found in zip(numbers, models):
        identifier = getattr(found, "id")  # noqa: B009 - every model read from rows has an id
        if identifier in seen:
            raise SetupError("setup.invalid", where=f"{table} row {number}.id",
                             problem=f"duplicate id '{identifier}'")
        seen.add(identifier)
    return models


def revise(model: M, **changes: object) -> M:
    """A copy of ``model`` with ``changes`` applied, the whole re-validated (``SetupError`` if
    not)."""
    try:
        return type(model).model_validate({**model.model_dump(), **changes})
    except ValidationError as error:
        raise setup_error(error) from None


def unique_id(text: str, taken: Iterable[str], fallback: str) -> str:
    """A slug id made from ``text`` (accents dropped), made unique against ``taken``."""
    taken = set(taken)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:30] or fallback
    candidate, counter = base, 2
    while candidate in taken:
        candidate, counter = f"{base}-{counter}", counter + 1
    return candidate


def given(row: Row, columns: Iterable[str]) -> dict[str, object]:
    """The row's non-blank cells among ``columns``; a table's 4.0 as 4 (number columns hand
    back floats)."""
    found = {column: blank_to_none(row.get(column)) for column in columns}
    return {column: int(value) if isinstance(value, float) and value.is_integer() else value
            for column, value in found.items() if value is not None}


_LIST_SEPARATOR = re.compile(r"[,;\s]+")


def listed(value: object) -> list[str]:
    """A list column's value as a list of non-blank strings: from a list, or from text with
    commas (the editor may hand either; a blank cell is an empty list)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return []
    # Not text: the list a multiselect column hands back.
    parts = (_LIST_SEPARATOR.split(value) if isinstance(value, str)
             else [str(v) for v in cast(Iterable[object], value)])
    return [part.strip() for part in parts if part and part.strip()]


def require_unique_ids(things: Sequence[Any], where: str) -> None:
    """No two of ``things`` share an ``id``; else ``setup.invalid`` naming the second one."""
    seen: set[str] = set()
    for index, thing in enumerate(things):
        if thing.id in seen:
            raise SetupError("setup.invalid", where=f"{where}[{index}].id",
                             problem=f"duplicate id '{thing.id}'")
        seen.add(thing.id)
