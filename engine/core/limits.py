"""How big a workshop may be: every limit in one place, each far above what a real workshop uses.

A real workshop has 10–300 people, 5–20 exercises, 5–30 items per exercise, a file of a few
megabytes at most. The limits stop what no workshop needs and what would stall the laptop: a
file with 30 000 items once passed validation, and its results then ran for minutes and took
21 GB of memory. A file over a limit is refused when it is read, before anything is computed,
with a message naming where (``first_excess``); the store refuses the same growth from the
room (a join, a proposal) so that what it holds can always be saved and read back.
``docs/file-format.md`` (Limits) lists them, and a test keeps that list in step with ``LIMITS``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Final

__all__ = ["FILE_BYTES", "UPLOAD_MB", "NESTING", "NUMBER_CHARS", "LABEL_CHARS",
           "LONG_TEXT_CHARS", "NOTE_CHARS", "GROUPS", "PARTICIPANTS", "EXERCISES", "ITEMS",
           "DESIGN_ENTRIES", "BALLOTS", "SHOWN", "PROPOSALS", "LIMITS", "Excess", "first_excess"]

#: A workshop file, in bytes (the two samples, 30 people each: 0.6 MB).
FILE_BYTES: Final = 32 * 1024 * 1024
#: The same, in the unit Streamlit's file uploader counts (MB).
UPLOAD_MB: Final = FILE_BYTES // (1024 * 1024)
#: How deep lists and objects nest in a file (the samples: 9).
NESTING: Final = 32
#: Characters in one number of a file (the samples' longest: 4).
NUMBER_CHARS: Final = 30
#: Characters in a label, a title or a place (one line).
LABEL_CHARS: Final = 200
#: Characters in a longer text: a condition, a limitation, a goal (one paragraph).
LONG_TEXT_CHARS: Final = 1000
#: Characters in a note (several lines).
NOTE_CHARS: Final = 2000
#: Stakeholder groups in a workshop.
GROUPS: Final = 50
#: Participants in a workshop (people who joined, and the groups' proxy tallies).
PARTICIPANTS: Final = 5000
#: Exercises in a workshop.
EXERCISES: Final = 100
#: Things with a label in one list of a design: items, criteria, actors, instruments, land uses,
#: environmental values, actions…
ITEMS: Final = 100
#: Entries of any other list of a design: links between actors, risk assessments, conditions…
DESIGN_ENTRIES: Final = 2000
#: Ballots sent to one exercise (people who change their answer send several).
BALLOTS: Final = 50_000
#: What the app showed participants in one exercise (pairs of items).
SHOWN: Final = 50_000
#: Proposals waiting for the facilitator in one exercise.
PROPOSALS: Final = 500

#: Every limit by the name the docs give it.
LIMITS: Final[Mapping[str, int]] = {
    "file_bytes": FILE_BYTES, "nesting": NESTING, "number_chars": NUMBER_CHARS,
    "label_chars": LABEL_CHARS, "long_text_chars": LONG_TEXT_CHARS, "note_chars": NOTE_CHARS,
    "groups": GROUPS, "participants": PARTICIPANTS, "exercises": EXERCISES, "items": ITEMS,
    "design_entries": DESIGN_ENTRIES, "ballots": BALLOTS, "shown": SHOWN,
    "proposals": PROPOSALS,
}

# The workshop's own lists, and each exercise's, with the limit each is held to.
_WORKSHOP_LISTS = {"groups": GROUPS, "participants": PARTICIPANTS, "exercises": EXERCISES}
_EXERCISE_LISTS = {"ballots": BALLOTS, "shown": SHOWN, "proposals": PROPOSALS}


@dataclass(frozen=True)
class Excess:
    """A list longer than its limit: where it is (a path such as ``exercises[2].design.items``),
    how long it is, and the limit."""

    where: str
    count: int
    limit: int


def first_excess(document: object) -> Excess | None:
    """The first list of a workshop document (parsed JSON, before validation) that is longer
    than its limit, or None.

    Only lengths are read, so a document of any size is checked in a few milliseconds. A
    design's lists are the kind's business; the limit follows what their entries are: things
    with a ``label`` (items, actors…) at most ``ITEMS``, anything else ``DESIGN_ENTRIES``.
    """
    if not isinstance(document, dict):
        return None
    return next(_excesses(document), None)


def _excesses(document: Mapping[str, Any]) -> Iterator[Excess]:
    yield from _too_long(document, _WORKSHOP_LISTS, "")
    exercises = document.get("exercises")
    for index, exercise in enumerate(exercises if isinstance(exercises, list) else []):
        if isinstance(exercise, dict):
            where = f"exercises[{index}]"
            yield from _too_long(exercise, _EXERCISE_LISTS, f"{where}.")
            yield from _design_excesses(exercise.get("design"), f"{where}.design")


def _too_long(holder: Mapping[str, Any], limits: Mapping[str, int], prefix: str
              ) -> Iterator[Excess]:
    for field, limit in limits.items():
        value = holder.get(field)
        if isinstance(value, list) and len(value) > limit:
            yield Excess(f"{prefix}{field}", len(value), limit)


def _design_excesses(value: object, where: str) -> Iterator[Excess]:
    """Every over-long list anywhere in a design (nesting is bounded: ``NESTING``)."""
    if isinstance(value, dict):
        for field, inner in value.items():
            yield from _design_excesses(inner, f"{where}.{field}")
    elif isinstance(value, list):
        labelled = len(value) > ITEMS and any(
            isinstance(entry, dict) and "label" in entry for entry in value)
        limit = ITEMS if labelled else DESIGN_ENTRIES
        if len(value) > limit:
            yield Excess(where, len(value), limit)
            return
        for index, entry in enumerate(value):
            yield from _design_excesses(entry, f"{where}[{index}]")
