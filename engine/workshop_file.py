"""Reading and writing workshop files (JSON, versioned; see docs/file-format.md)."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from engine.errors import WorkshopFileError, first_problem
from engine.model import Workshop

__all__ = ["parse_workshop", "read_workshop", "dump_workshop", "schema"]


def parse_workshop(text: str | bytes, source: str = "workshop file") -> Workshop:
    """Validate a workshop file's text; raise ``WorkshopFileError`` naming the field and the problem.

    Nothing is returned, and so nothing can be loaded, unless the whole file is valid.
    """
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise WorkshopFileError("file.not_json", source=source, problem=str(error)) from None
    try:
        return Workshop.model_validate(data)
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
        raise WorkshopFileError("file.unreadable", source=str(path), problem=error.strerror) from None
    return parse_workshop(text, source=path.name)


def dump_workshop(workshop: Workshop) -> str:
    """The workshop as the canonical file text (2-space JSON, UTF-8, newline at the end)."""
    return json.dumps(workshop.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def schema() -> dict:
    """The JSON Schema of the file format, as written to docs/workshop.schema.json."""
    return Workshop.model_json_schema()
