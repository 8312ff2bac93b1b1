"""The Excel workbook a coordinator takes home: cover, participation, then every exercise's sheets.

Sheets, in order:

- **Cover**: the workshop, its counts, the small-group threshold and the anonymity note.
- **Participation**: per stakeholder group, expected, joined and voters counted per exercise.
- Then each exercise's own sheets, in the workshop's order, as its kind writes them
  (``ExerciseKind.sheets``): a prioritisation's results and ballots; a stakeholder map's actors,
  links and power-interest grid; a LIM's results and ballots; an EMP's interactions, risks,
  action plan and ballots. Each kind's module says what its sheets hold.

Every number comes from the kinds' results; every label from the catalogues. Text from the file
is always written as text, never as a formula (``engine.core.sheets``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

import engine.exercises  # noqa: F401  (registers every kind)
from engine.core import i18n
from engine.core.errors import EngineError
from engine.core.sheets import HEADING, NOTE, Book, CellValue, line, put, row
from engine.core.types import label
from engine.core.workshop import Workshop

__all__ = ["Counts", "counts", "workbook", "export_workbook"]


@dataclass(frozen=True)
class Counts:
    """The head-line counts of a workshop, as the cover sheet and ``validate`` show them."""

    groups: int
    participants: int  # people who joined on a phone; proxy tallies are not people
    proxy_voters: int  # people counted through proxy tallies, most in any one exercise
    exercises: int
    ballots: int  # everything participants sent, changed votes included


def counts(workshop: Workshop) -> Counts:
    """Count the workshop's groups, participants, proxy voters, exercises and ballots."""
    room = workshop.room()
    proxies = room.only(p.token for p in workshop.participants if p.proxy)
    proxy_voters = max((sum(e.spec.voters_by_group(e, proxies).values())
                        for e in workshop.exercises), default=0)
    return Counts(groups=len(workshop.groups),
                  participants=len(workshop.participants) - len(proxies.participants),
                  proxy_voters=proxy_voters, exercises=len(workshop.exercises),
                  ballots=sum(len(e.ballots) for e in workshop.exercises))


def export_workbook(workshop: Workshop, path_or_stream: str | Path | IO[bytes],
                    lang: str | None = None) -> None:
    """Write the workbook to a file path or a binary stream."""
    book = workbook(workshop, lang)
    try:
        book.save(path_or_stream)
    except OSError as error:
        raise EngineError("excel.unwritable", path=str(path_or_stream),
                          problem=error.strerror or str(error)) from None


def workbook(workshop: Workshop, lang: str | None = None) -> Workbook:
    """The whole workbook, in ``lang`` (default: the workshop's language)."""
    book = Book(lang or workshop.language, workshop.names())
    room = workshop.room()
    _cover(book.sheet(book.t("excel.sheet.cover")), workshop, book.lang)
    _participation(book.sheet(book.t("excel.sheet.participation")), workshop, book.lang)
    for exercise in workshop.exercises:
        exercise.spec.sheets(book, exercise, room)
    return book.finish()


def _cover(sheet: Worksheet, workshop: Workshop, lang: str) -> None:
    """The workshop at a glance: what, where, when, how many, and how anonymity is kept."""
    at = line(sheet, 1, workshop.title, HEADING)
    if workshop.fictional:
        at = line(sheet, at, i18n.t("excel.cover.fictional", lang), NOTE)
    numbers = counts(workshop)
    language = workshop.language
    if language in i18n.LANGUAGES:
        language = f"{language} ({i18n.language_name(language)})"
    facts: list[tuple[str, CellValue]] = [
        ("place", workshop.place), ("date", workshop.date), ("language", language),
        ("code", workshop.code), ("groups", numbers.groups),
        ("participants", numbers.participants), ("proxy_voters", numbers.proxy_voters),
        ("exercises", numbers.exercises), ("ballots", numbers.ballots),
        ("threshold", workshop.small_group_threshold)]
    if workshop.note:
        facts.append(("note", workshop.note))
    at += 1
    for key, value in facts:
        put(sheet, at, 1, i18n.t(f"excel.cover.{key}", lang), bold=True)
        put(sheet, at, 2, value)
        at += 1
    at += 1
    at = line(sheet, at, i18n.t("excel.cover.threshold_note", lang,
                                threshold=workshop.small_group_threshold), NOTE)
    line(sheet, at, i18n.t("excel.cover.anonymous", lang), NOTE)


def _participation(sheet: Worksheet, workshop: Workshop, lang: str) -> None:
    """Per group: HRBA role, expected, joined, and voters counted in each exercise."""
    room = workshop.room()
    header = [i18n.t(f"excel.col.{key}", lang)
              for key in ("group", "hrba_role", "expected", "joined")]
    header += [i18n.t("excel.col.voters_in", lang, exercise=e.title_in(lang))
               for e in workshop.exercises]
    voted = [e.spec.voters_by_group(e, room) for e in workshop.exercises]
    row(sheet, 1, header, bold=True)
    sheet.freeze_panes = "B2"
    joined = Counter(p.group for p in workshop.participants if not p.proxy)
    totals = [0] * (len(header) - 2)
    for at, group in enumerate(workshop.groups, start=2):
        numbers = [group.expected, joined[group.id]] + [v.get(group.id, 0) for v in voted]
        row(sheet, at, [label(group.label, lang), i18n.t(f"hrba.{group.hrba_role}", lang),
                        *numbers])
        totals = [total + number for total, number in zip(totals, numbers)]
    row(sheet, len(workshop.groups) + 2, [i18n.t("excel.total", lang), None, *totals], bold=True)
