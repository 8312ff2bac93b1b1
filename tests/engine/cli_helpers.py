"""Running the command line in a test: its status, output and one-line refusals."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from engine.cli import main
from engine.core.errors import NotFoundError


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the command line; return its status, stdout and stderr."""
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def broken_file(tmp_path: Path, data: dict, change) -> Path:
    """A workshop file broken by ``change``: a function changing the file data, or the text."""
    path = tmp_path / "broken.json"
    if isinstance(change, str):
        path.write_text(change)
    else:
        change(data)
        path.write_text(json.dumps(data))
    return path


def unknown_item(data: dict) -> None:
    data["exercises"][0]["ballots"][1]["answer"]["beans"]["nope"] = 0


def over_budget(data: dict) -> None:
    data["exercises"][0]["ballots"][2]["answer"]["beans"]["mercury"] = 11


def parsed_csv(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out)))


def refusal(key: str, **params: object) -> str:
    """The engine's English message, as the command line prints it."""
    return NotFoundError(key, **params).message("en") + "\n"
