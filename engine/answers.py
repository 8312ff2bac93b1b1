"""Each participant's latest answer to each question: what the matrix exercises (LIM, EMP) share.

The Leverage and Incentives Matrix asks one question per instrument and the EMP one per
land-use × value cell. Phones send answers a few at a time and may change them; ballots are
appended, never edited, so the latest answer of each participant to each question is the one
that counts, and a proxy ballot stands for ``voters`` people.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from engine.errors import NotFoundError, SetupError

if TYPE_CHECKING:
    from engine.model import Participant

__all__ = ["LatestAnswers", "latest_answers", "voters_by_group", "require_unique_ids"]


@dataclass
class LatestAnswers:
    """Per group: the people who answered (each participant's latest ballot's voters), and per
    question (instrument, cell) the (voters, answer) of each participant's latest answer."""

    voters: dict[str, int]
    entries: dict[str, dict[str, list[tuple[int, object]]]]


def latest_answers(participants: Sequence[Participant], ballots: Sequence,
                   answers: Callable[[object], Mapping[str, object]]) -> LatestAnswers:
    """Each participant's latest answer to each question, grouped by the participant's group.

    ``answers(ballot)`` checks a ballot and returns its {question: answer}; ballots are in the
    order cast, and a later answer to a question replaces the earlier one.

    Raises
    ------
    NotFoundError
        ``participant.unknown`` for a ballot by someone not among ``participants``.
    """
    group_of = {p.token: p.group for p in participants}
    answer_of: dict[str, dict[str, tuple[int, object]]] = defaultdict(dict)
    for ballot in ballots:
        if ballot.participant not in group_of:
            raise NotFoundError("participant.unknown", participant=ballot.participant)
        for question, answer in answers(ballot).items():
            answer_of[ballot.participant][question] = (ballot.voters, answer)
    entries: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for participant, answered in answer_of.items():
        for question, entry in answered.items():
            entries[group_of[participant]][question].append(entry)
    return LatestAnswers(voters_by_group(participants, ballots),
                         {g: dict(per) for g, per in entries.items()})


def voters_by_group(participants: Sequence[Participant], ballots: Sequence) -> dict[str, int]:
    """Per group, the people who answered: each participant counts the ``voters`` of their
    latest ballot (one for a phone, the head-count for a group's proxy tally)."""
    group_of = {p.token: p.group for p in participants}
    latest = {ballot.participant: ballot.voters for ballot in ballots}
    voters: dict[str, int] = defaultdict(int)
    for participant, people in latest.items():
        voters[group_of[participant]] += people
    return dict(voters)


def require_unique_ids(things: Sequence, where: str) -> None:
    """No two of ``things`` share an ``id``; else ``setup.invalid`` naming the second one."""
    seen: set[str] = set()
    for index, thing in enumerate(things):
        if thing.id in seen:
            raise SetupError("setup.invalid", where=f"{where}[{index}].id",
                             problem=f"duplicate id '{thing.id}'")
        seen.add(thing.id)
