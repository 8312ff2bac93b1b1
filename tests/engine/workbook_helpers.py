"""Reading a workbook back as a coordinator would: its sheets, rows, blocks and strings."""

from __future__ import annotations

import io
import re

import openpyxl

from engine.core import i18n
from engine.core.workshop import Workshop
from engine.excel import export_workbook


def saved(workshop: Workshop, lang: str | None = None) -> tuple[bytes, openpyxl.Workbook]:
    """Export to bytes and load them back, as a coordinator opening the file would."""
    stream = io.BytesIO()
    export_workbook(workshop, stream, lang)
    return stream.getvalue(), openpyxl.load_workbook(io.BytesIO(stream.getvalue()))


def row_of(sheet, text: str, column: int = 1) -> int:
    """The first row whose cell in ``column`` holds exactly ``text``."""
    return next(cell.row for cell in next(sheet.iter_cols(min_col=column, max_col=column))
                if cell.value == text)


def caption(aggregation: str, weighting: str, lang: str = "en") -> str:
    """The heading line of one aggregation and weighting's block."""
    return i18n.t("excel.results.block", lang,
                  aggregation=i18n.t(f"excel.aggregation.{aggregation}", lang),
                  weighting=i18n.t(f"excel.weighting.{weighting}", lang))


def first_item_row(sheet, aggregation: str, weighting: str, lang: str = "en") -> int:
    """The row of the first item of a block: under its caption, notes and header line."""
    start = row_of(sheet, caption(aggregation, weighting, lang))
    header = next(row for row in range(start + 1, sheet.max_row + 1)
                  if sheet.cell(row=row, column=1).value == i18n.t("excel.col.item", lang))
    return header + 1


def block_lines(sheet, aggregation: str, weighting: str, lang: str = "en") -> list[str]:
    """The notes between a block's caption and its header line (weights, agreement)."""
    start = row_of(sheet, caption(aggregation, weighting, lang))
    end = first_item_row(sheet, aggregation, weighting, lang) - 1
    return [sheet.cell(row=row, column=1).value for row in range(start + 1, end)]


def table(sheet, aggregation: str, weighting: str, rows: int, columns: int,
          lang: str = "en") -> list[tuple]:
    """The ``rows`` lines of a block's table (its header line skipped)."""
    first = first_item_row(sheet, aggregation, weighting, lang)
    return [tuple(cell.value for cell in line) for line in
            sheet.iter_rows(min_row=first, max_row=first + rows - 1, max_col=columns)]


def lines_below(sheet, text: str, rows: int, columns: int, skip: int = 1,
                column: int = 1) -> list[tuple]:
    """The ``rows`` lines starting ``skip`` rows below the first cell in ``column`` holding
    ``text``."""
    first = row_of(sheet, text, column) + skip
    return [tuple(cell.value for cell in line) for line in
            sheet.iter_rows(min_row=first, max_row=first + rows - 1, max_col=columns)]


def sheet_strings(sheet) -> list[str]:
    """Every text value in a sheet, row by row."""
    return [value for line in sheet.iter_rows(values_only=True) for value in line
            if isinstance(value, str)]


def strings(book: openpyxl.Workbook) -> list[str]:
    """Every text value in the workbook."""
    return [text for sheet in book.worksheets for text in sheet_strings(sheet)]


def group_headings(texts: list[str]) -> list[str]:
    """The per-group table headings ("Miners (5 voters)") among ``texts``."""
    return [text for text in texts if re.fullmatch(r".+ \(\d+ voters?\)", text)]


NETWORK_SHEETS = ["Actors", "Links", "Power-interest grid"]
