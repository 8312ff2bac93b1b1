"""Each participant's latest answer: the one rule every exercise kind counts ballots by.

Ballots are appended, never edited. A ballot answers one or more *questions* (the kind says
which: a whole bean ballot is one question; a pairwise answer, its pair; a LIM ballot, each
instrument it scores), and for each participant and question the latest answer counts. A proxy
ballot (a group's flipchart) stands for ``voters`` people.

Weighting (guide 2.1.1, equity and non-discrimination) is how the people behind the counted
answers are added up: ``person``, every voter counts the same; ``group``, every stakeholder group
that answered counts the same, whatever its size, so a large group cannot drown a small one;
``custom``, each group by a weight the facilitator fixed before voting opened (kinds that offer it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, Literal, TypeVar

from engine.core.records import Ballot, Room

__all__ = ["Weighting", "WEIGHTINGS", "BASIC_WEIGHTINGS", "latest", "LatestAnswers",
           "latest_answers", "voters_by_group"]

Weighting = Literal["person", "group", "custom"]
WEIGHTINGS: tuple[Weighting, ...] = ("person", "group", "custom")
BASIC_WEIGHTINGS: tuple[Weighting, ...] = ("person", "group")  # what every kind offers


def _participant(ballot: Ballot) -> Hashable:
    return ballot.participant


def latest(ballots: Sequence[Ballot], key: Callable[[Ballot], Hashable] = _participant
           ) -> list[Ballot]:
    """Each ``key``'s most recent ballot (each participant's, by default), in the order those
    latest ballots were cast."""
    found: dict[Hashable, Ballot] = {}
    for ballot in ballots:
        k = key(ballot)
        found.pop(k, None)  # re-insert, so the order follows the newest ballot
        found[k] = ballot
    return list(found.values())


Answer = TypeVar("Answer")


@dataclass(frozen=True)
class LatestAnswers(Generic[Answer]):
    """Per group: the people who answered (each participant's latest ballot's voters), and per
    question the (voters, answer) of each participant's latest answer to it."""

    voters: dict[str, int]
    entries: dict[str, dict[str, list[tuple[int, Answer]]]]

    def group_units(self, hidden: Collection[str]
                    ) -> list[dict[str, list[tuple[int, Answer]]]]:
        """The answers as group weighting averages them, per question: each shown group's,
        then the ``hidden`` groups' pooled into one, listed once per hidden group that answered
        the question (together they keep their weight).

        Why pooled: a result by person and one by group are two different sums over the same
        groups; shown side by side, a hidden group's own answers could be worked out from the
        two (``engine.core.suppression``). The pool's answers are the room's minus the shown
        groups', which the result by person already gives away, so nothing more is.
        """
        units = [per for group, per in self.entries.items() if group not in hidden]
        pool: dict[str, list[tuple[int, Answer]]] = defaultdict(list)
        answered: dict[str, int] = defaultdict(int)
        for group in hidden:
            for question, entries in self.entries.get(group, {}).items():
                pool[question] += entries
                answered[question] += 1
        for repeat in range(max(answered.values(), default=0)):
            units.append({q: pool[q] for q, count in answered.items() if count > repeat})
        return units


def latest_answers(ballots: Sequence[Ballot], room: Room,
                   questions: Callable[[Ballot], Mapping[str, Answer]]) -> LatestAnswers[Answer]:
    """Each participant's latest answer to each question, grouped by the participant's group.

    ``questions(ballot)`` gives the ballot's {question: answer}; ballots are in the order cast,
    and a later answer to a question replaces the earlier one. Ballots by people not in
    ``room`` are left out (a room may be a part of the workshop's).
    """
    group_of = room.group_of
    answer_of: dict[str, dict[str, tuple[int, Answer]]] = defaultdict(dict)
    for ballot in ballots:
        if ballot.participant in group_of:
            for question, answer in questions(ballot).items():
                answer_of[ballot.participant][question] = (ballot.voters, answer)
    entries: dict[str, dict[str, list[tuple[int, Answer]]]] = defaultdict(
        lambda: defaultdict(list))
    for participant, answered in answer_of.items():
        for question, entry in answered.items():
            entries[group_of[participant]][question].append(entry)
    return LatestAnswers(voters_by_group(ballots, room),
                         {g: dict(per) for g, per in entries.items()})


def voters_by_group(ballots: Sequence[Ballot], room: Room) -> dict[str, int]:
    """Per group, the people who answered: each participant of ``room`` counts the ``voters`` of
    their latest ballot (one for a phone, the head-count for a group's proxy tally)."""
    group_of = room.group_of
    last = {ballot.participant: ballot.voters for ballot in ballots
            if ballot.participant in group_of}
    voters: dict[str, int] = defaultdict(int)
    for participant, people in last.items():
        voters[group_of[participant]] += people
    return dict(voters)
