"""Reading and writing workshop files (JSON, versioned; see docs/file-format.md).

A file states its ``format_version``. One written by an older version of the app is upgraded
when read, by a chain of numbered steps (``UPGRADES``: version 1 → 2, then 2 → 3…), each tested
on a fixture of that version; a file is always written in the current version.

- Version 1 (until 2026-12): prioritisation exercises in ``exercises``, and one stakeholder map,
  LIM and EMP as fields of their own (``network``, ``lim``, ``emp``) with their ballots in
  ``influence_votes``, ``score_ballots`` and ``interaction_ballots``.
- Version 2: one ordered list of ``exercises`` of any kind, each with its ``kind``, ``status``,
  ``design``, ``ballots``, ``shown`` and ``proposals``. Each kind says how its version-1 fields
  become its exercises (``ExerciseKind.from_v1``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from copy import deepcopy
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.core.errors import WorkshopFileError, first_problem
from engine.core.exercise import Exercise, kinds
from engine.core.workshop import FORMAT_VERSION, Workshop

__all__ = ["parse_workshop", "read_workshop", "dump_workshop", "upgrade", "schema", "UPGRADES",
           "v1_part"]


def _v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
    """Version 1 → 2: every kind's exercises in the one list, each with its kind and status (an
    id two kinds would give is made unique: ``lim-2``)."""
    exercises: list[dict[str, Any]] = []
    taken: set[object] = set()
    for spec in kinds():
        for exercise in spec.from_v1(document):
            base, number = exercise.get("id"), 1
            while exercise.get("id") in taken:
                number += 1
                exercise["id"] = f"{base}-{number}"
            taken.add(exercise.get("id"))
            exercises.append(exercise)
    document["exercises"] = exercises
    document["format_version"] = 2
    return document


def v1_part(document: dict[str, Any], kind: str, *, design_field: str, ballots_field: str,
            answer_field: str, v1_answer_field: str | None = None,
            open_field: str | None = None) -> list[dict[str, Any]]:
    """A version-1 part of a workshop (the map, the LIM, the EMP: a design of its own with its
    ballots in a list of their own) as a version-2 exercise, its fields removed from
    ``document``; none if the document has neither.

    ``answer_field`` names where a version-2 answer keeps what a version-1 ballot kept under
    ``v1_answer_field`` (the same name if not given); whether the part was open to phones was
    in the design's ``open`` field, or in the document's ``open_field``. The exercise is called
    by its kind's name, open if it was, closed if it has ballots, a draft otherwise.
    """
    design = document.pop(design_field, None)
    ballots = document.pop(ballots_field, None) or []
    is_open = (document.pop(open_field, False) if open_field
               else design.pop("open", False) if isinstance(design, dict) else False)
    if design is None and not ballots:
        return []
    old = v1_answer_field or answer_field
    return [{"id": kind, "kind": kind,
             "status": "open" if is_open else "closed" if ballots else "draft",
             "design": design,
             "ballots": [{"participant": b.get("participant"), "cast_at": b.get("cast_at"),
                          "voters": b.get("voters", 1), "answer": {answer_field: b.get(old)}}
                         if isinstance(b, dict) else b for b in ballots]}]


#: Step from version n to n + 1, by n.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2}


def upgrade(data: object) -> object:
    """A workshop document (parsed JSON) in the current version, upgraded step by step from the
    version it states (1 when it states none). Anything that is not a JSON object, or states a
    version this app does not know, is returned as it is, for validation to report."""
    if not isinstance(data, dict):
        return data
    version = data.get("format_version", 1)
    if not isinstance(version, int) or version not in UPGRADES:
        return data
    document = deepcopy(data)
    while version in UPGRADES:
        document = UPGRADES[version](document)
        version += 1
    return document


def parse_workshop(text: str | bytes, source: str = "workshop file") -> Workshop:
    """Validate a workshop file's text; raise ``WorkshopFileError`` naming the field and the
    problem.

    Nothing is returned, and so nothing can be loaded, unless the whole file is valid.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise WorkshopFileError("file.not_json", source=source, problem=str(error)) from None
    if isinstance(data, dict) and isinstance(data.get("format_version"), int) \
            and data["format_version"] > FORMAT_VERSION:
        raise WorkshopFileError("file.newer_version", source=source,
                                version=data["format_version"], supported=FORMAT_VERSION)
    try:
        return Workshop.model_validate(upgrade(data))
    except ValidationError as error:
        where, problem = first_problem(error)
        raise WorkshopFileError("file.invalid", source=source, where=where, problem=problem,
                                count=error.error_count()) from None


def read_workshop(path: str | Path) -> Workshop:
    """Read and validate the workshop file at ``path``."""
    path = Path(path)
    try:
        text = path.read_bytes()
    except OSError as error:
        raise WorkshopFileError("file.unreadable", source=str(path),
                                problem=error.strerror) from None
    return parse_workshop(text, source=path.name)


def dump_workshop(workshop: Workshop) -> str:
    """The workshop as the canonical file text (2-space JSON, UTF-8, newline at the end)."""
    return json.dumps(workshop.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def schema() -> dict[str, Any]:
    """The JSON Schema of the file format, as written to docs/workshop.schema.json.

    An exercise's design, answers and proposals take the shape of its kind: the schema lists
    each kind's (under ``$defs``) and says which goes with which ``kind``.
    """
    document = Workshop.model_json_schema()
    definitions = document.setdefault("$defs", {})
    conditions = []
    for spec in kinds():
        design = spec.design_model.model_json_schema(ref_template="#/$defs/{model}")
        definitions.update(design.pop("$defs", {}))
        name = spec.design_model.__name__
        definitions[name] = design
        conditions.append({"if": {"properties": {"kind": {"const": spec.name}}},
                           "then": {"properties": {"design": {"$ref": f"#/$defs/{name}"}}}})
    exercise = definitions[Exercise.__name__]
    exercise["properties"]["kind"]["enum"] = [spec.name for spec in kinds()]
    exercise["allOf"] = conditions
    return document
