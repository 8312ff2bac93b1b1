"""Who has taken part against who was expected: per group, and per gender where the facilitator
knows how many to expect, with the gaps flagged while voting is open.

The guide asks facilitators to make sure every sub-group, women first, can make its voice
heard (1.3, 2.1.1): "women panners: 2 of 12" tells the facilitator whom to go and ask before
voting closes. A head-count larger than expected is flagged too: a flipchart tally entered for
people who had also voted on their phones counts them twice.

These are head-counts, which say who took part, never what anyone answered: they are for the
facilitator's screen and the workbook's participation sheet, whatever the group's size
(``engine.core.suppression`` protects answers, not attendance).
"""

from __future__ import annotations

from pydantic import BaseModel

from engine.core import profile
from engine.core.exercise import Exercise
from engine.core.records import Room

__all__ = ["Attendance", "participation"]


class Attendance(BaseModel):
    """One line of the participation view: a group (``value`` None), or its part with one
    answer (``attribute`` and ``value``: ``gender``, ``woman``).

    ``expected`` is 0 when not known. ``joined`` counts phones (proxy tallies are not people
    who joined); ``voted`` the people counted in the exercise (phones and tallies' head-counts),
    or None when no exercise is asked about. ``missing`` is how many expected people have not
    voted (joined, without an exercise); ``short`` flags a gap, ``over`` more than expected.
    """

    group: str
    attribute: str | None = None
    value: str | None = None
    expected: int
    joined: int
    voted: int | None
    missing: int
    short: bool
    over: bool


def participation(room: Room, exercise: Exercise | None = None) -> list[Attendance]:
    """Per group in the room's order, then under it per expected answer (``Group.expected_by``,
    in the profile's order): expected, joined and (for ``exercise``) voted, with the gaps.

    Examples
    --------
    The women panners expect 12, 9 of them women; 3 joined on phones and voted, then the
    facilitator entered a flipchart tally of 8 women: the group has 11 of 12 voted (``short``,
    1 ``missing``), its women 11 of 9 (``over``: were some counted twice?).
    """
    spec = exercise.spec if exercise is not None else None
    found = []
    for group in room.groups:
        members = [p for p in room.participants if p.group == group.id]
        parts: list[tuple[str | None, str | None, int]] = [(None, None, group.expected)]
        parts += [(a.id, v, group.expected_by[v]) for a in profile.ATTRIBUTES
                  for v in a.value_ids if v in group.expected_by]
        for attribute_id, value, expected in parts:
            inside = [p for p in members if attribute_id is None or value is None
                      or profile.value_of(p.attributes, attribute_id) == value]
            joined = sum(1 for p in inside if not p.proxy)
            voted = (None if spec is None or exercise is None else
                     sum(spec.voters_by_group(exercise, room.only(p.token for p in inside))
                         .values()))
            counted = joined if voted is None else voted
            found.append(Attendance(
                group=group.id, attribute=attribute_id, value=value, expected=expected,
                joined=joined, voted=voted, missing=max(0, expected - counted),
                short=counted < expected, over=bool(expected) and counted > expected))
    return found
