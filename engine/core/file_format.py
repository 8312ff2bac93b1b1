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
- Version 3: a participant profile (``profile``: the attributes phones ask after the group,
  gender and age band; each participant's ``attributes``; each group's ``expected_by``),
  ``exclusions`` (participants the facilitator removed), and each exercise's ``live_results``.
  A version-2 file asked nothing: it reads with an empty profile and no attributes.
"""

from __future__ import annotations

import codecs
import json
import math
import re
from collections.abc import Callable, Iterator, Mapping
from copy import deepcopy
from dataclasses import dataclass
from functools import partial
from itertools import accumulate
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from engine.core import i18n, limits
from engine.core.errors import Phrase, WorkshopFileError
from engine.core.exercise import Exercise, kinds
from engine.core.problems import describe
from engine.core.types import is_blank, label
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


def _v2_to_v3(document: dict[str, Any]) -> dict[str, Any]:
    """Version 2 → 3: the workshop asked no profile (a new workshop asks gender and age by
    default, which a version-2 workshop never did), so its participants have no attributes;
    nobody was excluded, and its exercises take the default ``live_results`` (``steps``)."""
    document["profile"] = []
    document["format_version"] = 3
    return document


#: Step from version n to n + 1, by n.
UPGRADES: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _v1_to_v2, 2: _v2_to_v3}


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
    """Validate a workshop file's text; raise ``WorkshopFileError`` saying where the first
    problem is (a line and column, or a field path and the item's label), what it is and what
    to do, in any catalogue language.

    Bytes may be UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark;
    any other encoding is named. What would stall the laptop is refused before it is parsed or
    computed: a file over ``limits.FILE_BYTES``, nesting deeper than ``limits.NESTING``, a
    number longer than ``limits.NUMBER_CHARS``, a list longer than its limit
    (``limits.first_excess``). Nothing is returned, and so nothing can be loaded, unless the
    whole file is valid.
    """
    if len(text) > limits.FILE_BYTES:
        raise _too_big(source, len(text))
    data = _json(_decoded(text, source) if isinstance(text, bytes) else text.lstrip("\ufeff"),
                 source)
    if isinstance(data, dict) and isinstance(data.get("format_version"), int) \
            and data["format_version"] > FORMAT_VERSION:
        raise WorkshopFileError("file.newer_version", source=source,
                                version=data["format_version"], supported=FORMAT_VERSION)
    try:
        document = upgrade(data)
    except (AttributeError, KeyError, IndexError, TypeError, ValueError):
        # An older version's field holding what that version never wrote (a number where it
        # kept a list…): its upgrade cannot say where, only that the file is not of that shape.
        raise WorkshopFileError("file.not_upgradable", source=source,
                                version=data.get("format_version", 1)) from None
    excess = limits.first_excess(document)
    if excess is not None:
        raise WorkshopFileError("file.too_many", source=source,
                                where=_Where.of(document, excess.where),
                                count=excess.count, limit=excess.limit)
    try:
        return Workshop.model_validate(document)
    except ValidationError as error:
        where, problem = describe(error)
        raise WorkshopFileError(
            "file.invalid", source=source, where=_Where.of(document, where), problem=problem,
            problems=Phrase("file.problems_in_all", count=error.error_count())) from None


def read_workshop(path: str | Path) -> Workshop:
    """Read and validate the workshop file at ``path`` (one over ``limits.FILE_BYTES`` is
    refused before it is read)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > limits.FILE_BYTES:
            raise _too_big(path.name, size)
        text = path.read_bytes()
    except OSError as error:
        raise WorkshopFileError("file.unreadable", source=str(path),
                                problem=error.strerror) from None
    return parse_workshop(text, source=path.name)


def _too_big(source: str, size: int) -> WorkshopFileError:
    megabytes = 1024 * 1024
    return WorkshopFileError("file.too_big", source=source, size=f"{size / megabytes:.1f}",
                             limit=limits.FILE_BYTES // megabytes)


# ---- reading the JSON -------------------------------------------------------------------------

# Byte-order marks, longest first (UTF-32's begins as UTF-16's does): the encoding to read the
# text with, or None for one this app does not read.
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF32_LE, None, "UTF-32"), (codecs.BOM_UTF32_BE, None, "UTF-32"),
                     (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
                     (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
                     (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"))
_ZIP = b"PK\x03\x04"  # an Excel workbook (or any zip) renamed, or chosen by mistake


def _decoded(raw: bytes, source: str) -> str:
    """The file's text: UTF-8 with or without a byte-order mark, or UTF-16 with one; anything
    else is refused with the encoding it seems to be in and how to save it as UTF-8."""
    if not raw.strip():
        raise WorkshopFileError("file.empty", source=source)
    if raw.startswith(_ZIP):
        raise WorkshopFileError("file.workbook", source=source)
    codec, name = "utf-8", "UTF-8"
    for mark, reader, encoding in _BYTE_ORDER_MARKS:
        if raw.startswith(mark):
            if reader is None:
                raise WorkshopFileError("file.encoding", source=source, encoding=encoding,
                                        line=1, column=1)
            codec, name = reader, encoding
            break
    else:
        if _looks_utf16(raw):  # UTF-8 would read it, with a NUL in every other byte
            raise WorkshopFileError("file.encoding", source=source, encoding="UTF-16", line=1,
                                    column=1)
    try:
        return raw.decode(codec)
    except UnicodeDecodeError as error:
        before = raw[:error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        seems = name if codec != "utf-8" else _guess_encoding(raw, error.start)
        raise WorkshopFileError("file.encoding", source=source, encoding=seems, line=line,
                                column=column) from None


def _looks_utf16(raw: bytes) -> bool:
    """Every other byte 0, as plain text is in UTF-16 (a JSON text has no 0 byte)."""
    start = raw[:400]
    return start.count(0) * 4 >= len(start)


def _guess_encoding(raw: bytes, bad: int) -> str | Phrase:
    """What a file that is not UTF-8 seems to be written in, from the first byte UTF-8 cannot
    read (at ``bad``): Windows-1252 (what Notepad and Excel write on a Western European
    Windows), or unknown."""
    try:
        raw[bad:bad + 1].decode("cp1252")
    except UnicodeDecodeError:
        return Phrase("file.encoding_unknown")
    return "Windows-1252"


class _Refused(Exception):
    """Raised from inside the JSON parser: what it met, and the text of it to point at."""

    def __init__(self, key: str, found: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.found, self.params = key, found, params


_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_STRING_OR_BRACKET = re.compile(rf"{_STRING.pattern}|[\[\]{{}}]", re.DOTALL)
_NOT_BRACKETS = bytes(byte for byte in range(256) if byte not in b"[]{}")


def _json(text: str, source: str) -> Any:
    """The parsed JSON, or a ``WorkshopFileError`` with the line and column of what is wrong:
    a syntax error (with what to do about it), nesting deeper than ``limits.NESTING`` (found
    before parsing, so the parser never recurses that deep), a number too long or not finite,
    a key given twice in one object."""
    too_deep = _too_deep(text)
    if too_deep is not None:
        raise WorkshopFileError("file.at_line", source=source, **_line_column(text, too_deep),
                                problem=Phrase("problem.json_nesting",
                                               {"limit": limits.NESTING}))
    duplicates: list[_Duplicated] = []
    try:
        data = json.loads(text, object_pairs_hook=partial(_object, duplicates),
                          parse_int=_integer, parse_float=_decimal, parse_constant=_constant)
    except json.JSONDecodeError as error:
        raise _syntax_error(error, text, source) from None
    except _Refused as refused:
        raise WorkshopFileError("file.at_line", source=source,
                                **_line_column(text, max(text.find(refused.found), 0)),
                                problem=Phrase(refused.key, refused.params)) from None
    if duplicates:
        where = next(_paths_of(data, duplicates[0]), "")
        raise WorkshopFileError("file.duplicate_key", source=source,
                                where=_Where.of(data, where), field=duplicates[0].duplicate)
    return data


def _too_deep(text: str) -> int | None:
    """Where lists and objects first nest deeper than ``limits.NESTING`` (a character index),
    or None. Texts are set aside first: a bracket inside quotes is not nesting."""
    brackets = _STRING.sub("", text).encode("utf-8", "surrogatepass").translate(
        None, _NOT_BRACKETS)
    if max(accumulate(1 if b in b"[{" else -1 for b in brackets), default=0) <= limits.NESTING:
        return None
    depth = 0
    for match in _STRING_OR_BRACKET.finditer(text):
        if match[0] in "[{":
            depth += 1
            if depth > limits.NESTING:
                return match.start()
        elif match[0] in "]}":
            depth -= 1
    return None


def _line_column(text: str, index: int) -> dict[str, int]:
    line = text.count("\n", 0, index) + 1
    return {"line": line, "column": index - (text.rfind("\n", 0, index) + 1) + 1}


class _Duplicated(dict[str, Any]):
    """A JSON object in which a key came twice (the last value kept, as JSON readers do)."""

    duplicate: str


def _object(duplicates: list[_Duplicated], pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    marked = _Duplicated(found)
    seen: set[str] = set()
    marked.duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    duplicates.append(marked)
    return marked


def _paths_of(data: Any, target: object, where: str = "") -> Iterator[str]:
    """The path of ``target`` (an object, by identity) inside ``data``."""
    if data is target:
        yield where
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _paths_of(value, target, f"{where}.{key}" if where else key)
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _paths_of(value, target, f"{where}[{index}]")


def _integer(text: str) -> int:
    if len(text) > limits.NUMBER_CHARS:
        raise _Refused("problem.json_long_number", text, length=len(text),
                       limit=limits.NUMBER_CHARS)
    return int(text)


def _decimal(text: str) -> float:
    if len(text) > limits.NUMBER_CHARS:
        raise _Refused("problem.json_long_number", text, length=len(text),
                       limit=limits.NUMBER_CHARS)
    number = float(text)
    if not math.isfinite(number):
        raise _Refused("problem.json_not_finite", text, number=text)
    return number


def _constant(text: str) -> float:
    raise _Refused("problem.json_not_finite", text, number=text)


# The JSON parser's messages (CPython's, stable for years), and what each means for a person.
_SYNTAX = {"Expecting value": "problem.json_value",
           "Expecting ',' delimiter": "problem.json_comma",
           "Expecting ':' delimiter": "problem.json_colon",
           "Expecting property name enclosed in double quotes": "problem.json_name",
           "Unterminated string starting at": "problem.json_unterminated",
           "Invalid control character at": "problem.json_control",
           "Invalid \\escape": "problem.json_escape",
           "Invalid \\uXXXX escape": "problem.json_escape",
           "Extra data": "problem.json_extra"}


def _syntax_error(error: json.JSONDecodeError, text: str, source: str) -> WorkshopFileError:
    """A JSON syntax error as a message with its line and column and what to do; a file that
    stops before its end says it was cut off."""
    at_end = not text[error.pos:].strip() and error.msg != "Extra data"
    cut_in_a_text = error.msg.startswith("Unterminated") and not text.rstrip().endswith("}")
    if at_end or cut_in_a_text:
        return WorkshopFileError("file.truncated", source=source, **_line_column(text, error.pos))
    key = _SYNTAX.get(error.msg)
    problem = Phrase(key) if key else Phrase("problem.json_other", {"problem": error.msg})
    return WorkshopFileError("file.at_line", source=source, line=error.lineno,
                             column=error.colno, problem=problem)


@dataclass(frozen=True)
class _Where:
    """Where a problem is: its path in the file and the label (or title) of the innermost thing
    on that path that has one, said in the reader's language."""

    path: str
    labels: Mapping[str, str] | None = None

    @classmethod
    def of(cls, document: Any, path: str) -> _Where:
        named, node = None, document
        for name, index in _PATH_PART.findall(path):
            if isinstance(node, dict) and name not in ("label", "title"):
                named = _labels(node) or named
            try:
                node = node[int(index)] if index else node[name]
            except (KeyError, IndexError, TypeError):
                return cls(path, named)
        if isinstance(node, dict):
            named = _labels(node) or named
        return cls(path, named)

    def message(self, lang: str) -> str:
        if not self.path:
            return i18n.t("file.whole", lang)
        if not self.labels:
            return self.path
        name = label(self.labels, lang)
        name = name if len(name) <= _NAME_CHARS else f"{name[:_NAME_CHARS]}…"
        return i18n.t("file.where_named", lang, path=self.path, name=name)


_PATH_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")
_NAME_CHARS = 60  # a label longer than this is cut in a message


def _labels(node: Mapping[str, Any]) -> Mapping[str, str] | None:
    """The node's label or title, if it is one a message can show (non-blank text by
    language)."""
    for field in ("label", "title"):
        found = node.get(field)
        if isinstance(found, dict) and found and all(
                isinstance(text, str) and not is_blank(text) for text in found.values()):
            return found
    return None


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
        for model, definition in design.pop("$defs", {}).items():
            # Two different models of one name would silently replace each other's schema.
            if definitions.setdefault(model, definition) != definition:
                raise ValueError(f"two models named {model}: give one a name of its own")
        name = spec.design_model.__name__
        definitions[name] = design
        conditions.append({"if": {"properties": {"kind": {"const": spec.name}}},
                           "then": {"properties": {"design": {"$ref": f"#/$defs/{name}"}}}})
    exercise = definitions[Exercise.__name__]
    exercise["properties"]["kind"]["enum"] = [spec.name for spec in kinds()]
    exercise["allOf"] = conditions
    return document
