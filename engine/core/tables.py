"""Results as aligned text, for the command line: what every kind's table shares.

Numbers are right-aligned and text left-aligned; a value that is missing prints as ``-``. Text
from a workshop that would start a spreadsheet formula is written behind an apostrophe in CSV.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from engine.core.records import Room
from engine.core.sheets import FORMULA_PREFIXES
from engine.core.types import label

__all__ = ["aligned", "number", "decimals", "whole", "group_line", "csv_text", "blank"]

# What makes a spreadsheet opening a CSV file read a cell as a formula (OWASP, CSV injection).
CSV_FORMULA_PREFIXES = (*FORMULA_PREFIXES, "\t", "\r")


def aligned(header: Sequence[str], rows: Sequence[Sequence[str]], text_columns: Collection[str]
            ) -> list[str]:
    """The header and rows as lines of columns as wide as their widest cell, two spaces apart:
    the ``text_columns`` left-aligned, the others (numbers) right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(width) if name in text_columns else cell.rjust(width)
                      for name, cell, width in zip(header, row, widths)).rstrip()
            for row in [header, *rows]]


def number(measure: str, value: object) -> str:
    """A measure as text: a share as a percentage, a mean or score to two decimals."""
    if value is None:
        return "-"
    if measure == "share" and isinstance(value, float):
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def decimals(value: float | None, places: int) -> str:
    """A number to ``places`` decimals, ``-`` when there is none."""
    return "-" if value is None else f"{value:.{places}f}"


def whole(value: int | None) -> str:
    """A whole number, ``-`` when there is none."""
    return "-" if value is None else str(value)


def group_line(room: Room, group_id: str, parts: Sequence[str], lang: str) -> str:
    """One shown group's own result on one line, after the group's label."""
    return f"group {label(room.group(group_id).label, lang)}: " + "; ".join(parts)


def csv_text(text: str) -> str:
    """Text from the file as a CSV cell no spreadsheet runs: one that would start a formula
    (``=HYPERLINK(…)``, ``@SUM(…)``) gets a leading apostrophe, as Excel's own text prefix."""
    return f"'{text}" if text.startswith(CSV_FORMULA_PREFIXES) else text


def blank(value: object) -> object:
    """``None`` as an empty CSV cell."""
    return "" if value is None else value
