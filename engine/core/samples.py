"""The room of a sample workshop, as every exercise kind's sample content needs it.

``sample_workshops/build_samples.py`` tells the story of two fictional workshops: who came, in
which groups, and when each phone joined. Each kind then simulates how that room answered its
exercises (``ExerciseKind.sample_exercises``) from a :class:`SampleRoom`, with the helpers below
that several kinds share. Everything random comes from seeded ``random.Random`` generators and
every moment is counted from the story's start, so a rerun writes byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from engine.core.records import Group, Participant, Room, proxy_token

__all__ = ["SampleRoom", "after", "bilingual", "to_scale", "turnout"]


@dataclass(frozen=True)
class SampleRoom:
    """A sample workshop's room before any exercise runs.

    ``code`` is the sample's join code (``PENDJ``, ``KAHUZ``): each kind keys its content on it.
    ``rng`` is the story's generator, already advanced by the participants joining; what a kind
    draws from it changes every later draw, so only the exercises that always drew from it do.
    Any other draws from :meth:`own_rng`, so that adding one leaves the others' ballots as they
    were.
    """

    code: str
    language: str  # the workshop's language (the proxy's too)
    seed: int
    start: dt.datetime  # when the first participant joins (UTC)
    groups: tuple[Group, ...]  # the workshop's groups, in its order, with their HRBA roles
    people: tuple[Participant, ...]  # who joined with a phone, in the order they joined
    proxy: tuple[str, int]  # the group whose flipchart tally is entered, and how many it counts
    rng: random.Random = field(compare=False, repr=False)

    @cached_property
    def group_of(self) -> Mapping[str, str]:
        """Each person's group, by token."""
        return {person.token: person.group for person in self.people}

    def own_rng(self, part: str) -> random.Random:
        """The generator of one part of the sample (an exercise's id), seeded from the sample's
        seed and the part alone."""
        return random.Random(f"{self.seed}/{part}")

    def proxy_participant(self, joined_at: dt.datetime) -> Participant:
        """The proxy group's flipchart tally as a participant, from its first tally on."""
        group, _ = self.proxy
        return Participant(token=proxy_token(group), group=group, language=self.language,
                           proxy=True, joined_at=joined_at)

    def room(self) -> Room:
        """The room as results count it: the groups, the people and the proxy group's tally
        (when the proxy joined counts for nothing in a result, so it joins at the start here)."""
        return Room(self.groups, (*self.people, self.proxy_participant(self.start)))


def after(rng: random.Random, moment: dt.datetime, low: int, high: int) -> dt.datetime:
    """A moment ``low``–``high`` seconds after ``moment``."""
    return moment + dt.timedelta(seconds=rng.randint(low, high))


def turnout(rng: random.Random, people: Sequence[Participant], absent: tuple[str, ...]
            ) -> list[str]:
    """Who takes part, in a random order: everyone but one member of each ``absent`` group."""
    away = {rng.choice([p.token for p in people if p.group == group]) for group in absent}
    return rng.sample([p.token for p in people if p.token not in away], len(people) - len(away))


def to_scale(value: float) -> int:
    """The nearest whole point on the 1–5 scale."""
    return min(5, max(1, round(value)))


def bilingual(en: str, fr: str) -> dict[str, str]:
    """A text in English and French."""
    return {"en": en, "fr": fr}
