"""The Excel workbook a coordinator takes home: cover, participation, then every exercise's sheets.

Sheets, in order:

- **Cover**: the workshop, its counts, the small-group threshold and the anonymity note.
- **Participation**: per stakeholder group (and under it per gender, where the facilitator gave
  the head-counts expected), expected, joined and voters counted per exercise.
- Then each exercise's own sheets, in the workshop's order, as its kind writes them
  (``ExerciseKind.sheets``): a prioritisation's results and ballots; a stakeholder map's actors,
  links and power-interest grid; a LIM's results and ballots; an EMP's interactions, risks,
  action plan and ballots. Each kind's module says what its sheets hold.
- Then a sheet per cut of the room the workshop's profile allows (by group, gender, age band,
  group × gender, group × age band: ``engine.cuts``): for each exercise, each part's voters,
  its ranks and how far it is from the rest of the room; small parts hidden, with those they
  could be worked out from.

The ballots sheets list no profile answers unless the facilitator chose to (``export_profile``);
then a participant's gender and age band only where at least the small-group threshold's number
of voters of their group share that answer in every exercise they answered (``listed_room``): a
token beside "woman, 60 or older" in a group of two would be a person.

Every number comes from the kinds' results; every label from the catalogues. Text from the file
is always written as text, never as a formula (``engine.core.sheets``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

import engine.exercises  # noqa: F401  (registers every kind)
from engine.core import i18n, profile
from engine.core.errors import EngineError
from engine.core.exercise import Exercise
from engine.core.participation import participation
from engine.core.records import Room
from engine.core.sheets import CAPTION, HEADING, NOTE, Book, CellValue, line, put, row
from engine.core.types import label
from engine.core.workshop import Workshop
from engine.cuts import CutResult, cell_name, cut_name, cut_results, offered_cuts, value_name

__all__ = ["Counts", "counts", "workbook", "export_workbook", "listed_room"]


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
    listed = listed_room(workshop)
    _cover(book.sheet(book.t("excel.sheet.cover")), workshop, listed, book.lang)
    _participation(book.sheet(book.t("excel.sheet.participation")), workshop, book.lang)
    for exercise in workshop.exercises:
        exercise.spec.sheets(book, exercise, listed)
    for cut in offered_cuts(room, workshop.asked):
        _cut_sheet(book.sheet(cut_name(cut, book.lang)), workshop, cut, book.lang)
    return book.finish()


def listed_room(workshop: Workshop) -> Room:
    """The room as the ballots sheets list it: no profile answers unless the facilitator chose
    to export them (``export_profile``); then a column per attribute asked or answered, and
    each participant's answers only where at least the threshold's number of voters of their
    group gave the same answer in every exercise the participant answered."""
    room = workshop.room()
    asked = tuple(a for a in profile.ATTRIBUTE_IDS
                  if a in workshop.asked or any(a in p.attributes for p in room.participants))
    if not workshop.export_profile or not asked:
        return room
    people = {p.token: p for p in room.participants}
    # Voters per (exercise, group, attribute, answer), proxy tallies by their head-count.
    sharing: Counter[tuple[Hashable, ...]] = Counter()
    answered: dict[str, set[str]] = {}
    for exercise in workshop.exercises:
        for token, voters in {b.participant: b.voters for b in exercise.ballots
                              if b.participant in people}.items():
            who = people[token]
            answered.setdefault(token, set()).add(exercise.id)
            for attribute_id, value in who.attributes.items():
                sharing[exercise.id, who.group, attribute_id, value] += voters

    def shown(token: str, group: str, attributes: dict[str, str]) -> dict[str, str]:
        return {a: v for a, v in attributes.items()
                if all(sharing[e, group, a, v] >= room.small_group_threshold
                       for e in answered.get(token, ()))}

    def listed(participants: tuple) -> tuple:  # type: ignore[type-arg]
        return tuple(p.model_copy(update={"attributes": shown(p.token, p.group, p.attributes)})
                     for p in participants)

    return replace(room, participants=listed(room.participants), excluded=listed(room.excluded),
                   profile_columns=asked)


def _cover(sheet: Worksheet, workshop: Workshop, listed: Room, lang: str) -> None:
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
    if workshop.exclusions:
        facts.append(("excluded", len(workshop.exclusions)))
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
    at = line(sheet, at, i18n.t("excel.cover.anonymous", lang), NOTE)
    if listed.profile_columns:
        line(sheet, at, i18n.t("excel.cover.attributes_note", lang,
                               threshold=workshop.small_group_threshold), NOTE)


def _participation(sheet: Worksheet, workshop: Workshop, lang: str) -> None:
    """Per group (then, under it, per answer whose head-count the facilitator expected): HRBA
    role, expected, joined, and voters counted in each exercise."""
    room = workshop.room()
    header = [i18n.t(f"excel.col.{key}", lang)
              for key in ("group", "hrba_role", "expected", "joined")]
    header += [i18n.t("excel.col.voters_in", lang, exercise=e.title_in(lang))
               for e in workshop.exercises]
    row(sheet, 1, header, bold=True)
    sheet.freeze_panes = "B2"
    lines = participation(room)
    voted = [participation(room, exercise) for exercise in workshop.exercises]
    totals = [0] * (len(header) - 2)
    at = 2
    for index, attendance in enumerate(lines):
        numbers = [attendance.expected, attendance.joined,
                   *(by_exercise[index].voted or 0 for by_exercise in voted)]
        group = room.group(attendance.group)
        if attendance.attribute is None or attendance.value is None:
            at = row(sheet, at, [label(group.label, lang),
                                 i18n.t(f"hrba.{group.hrba_role}", lang), *numbers])
            totals = [total + number for total, number in zip(totals, numbers)]
        else:
            answer = value_name(attendance.attribute, attendance.value, room, lang)
            at = row(sheet, at, [f"{label(group.label, lang)} · {answer}", None, *numbers])
    row(sheet, at, [i18n.t("excel.total", lang), None, *totals], bold=True)


def _cut_sheet(sheet: Worksheet, workshop: Workshop, cut: tuple[str, ...], lang: str) -> None:
    """One cut of the room: for each exercise, each part's voters, how far its ranking is from
    the rest of the room's, the things ranked most differently, and its rank of each thing."""
    room = workshop.room()
    sheet.freeze_panes = "B1"  # the parts' names stay in view beside their long rows of ranks
    at = line(sheet, 1, cut_name(cut, lang), HEADING)
    at = line(sheet, at, i18n.t("excel.cuts.note", lang,
                                threshold=workshop.small_group_threshold), NOTE) + 1
    for exercise in workshop.exercises:
        at = _cut_block(sheet, at, exercise, room, cut_results(exercise, room, cut), lang) + 1


def _cut_block(sheet: Worksheet, at: int, exercise: Exercise, room: Room, result: CutResult,
               lang: str) -> int:
    """One exercise's block of a cut sheet; return the next free row."""
    at = line(sheet, at, i18n.t("excel.cuts.caption", lang, exercise=exercise.title_in(lang),
                                voters=result.voters), CAPTION)
    ranked = [cell for cell in result.cells if cell.ranking is not None]
    if not ranked and any(not cell.hidden for cell in result.cells):
        at = line(sheet, at, i18n.t("excel.cuts.no_ranking", lang), NOTE)
    # The things ranked, in the order the first shown part ranks them, then any others.
    things: dict[str, str] = {}
    for cell in ranked:
        for entry in cell.ranking or []:
            things.setdefault(entry.id, label(entry.label, lang))
    header = [i18n.t(f"excel.col.{key}", lang) for key in ("part", "voters")]
    if ranked:
        header += [i18n.t(f"excel.col.{key}", lang)
                   for key in ("kendall_tau", "spearman_rho", "most_different")]
        header += list(things.values())
    at = row(sheet, at, header, bold=True)
    for cell in result.cells:
        name = cell_name(cell.values, room, lang)
        if cell.hidden:
            at = row(sheet, at, [name, i18n.t("excel.cuts.hidden", lang)])
            continue
        values: list[CellValue] = [name, cell.voters]
        if ranked:
            apart = cell.divergence
            ranks = {entry.id: entry.rank for entry in cell.ranking or []}
            gaps = ", ".join(i18n.t("excel.cuts.gap", lang, item=things.get(gap.id, gap.id),
                                    rank=gap.rank, rest_rank=gap.rest_rank)
                             for gap in (apart.differences if apart else []))
            values += [apart.kendall_tau if apart else None,
                       apart.spearman_rho if apart else None, gaps or None,
                       *(ranks.get(thing) for thing in things)]
        at = row(sheet, at, values)
    return at
