"""A workshop kept in memory for live views, brought up to date with only what changed, and the
results the projector may show while voting is open.

Ballots and participants are appended, never changed, so a live view (the projector, the
facilitator's pages) need not re-read the whole workshop on every tick: it asks the store for
the rows after the last it saw, for the set-up only when the workshop's revision moved, and for
the participants and exclusions again only when the people revision moved (a change of group or
profile, an exclusion). One ``LiveWorkshop`` per workshop is shared by every session (it is
thread-safe); each call to ``workshop()`` costs a few indexed queries, and the results of a kind
are recomputed only when something they depend on changed (``result``).

**The projector in steps.** A chart that moves each time one phone sends gives that phone's
answer away to whoever watches it change. While an exercise is open, ``projected`` shows its
results counted over the ballots up to the last *step* only (``shown_prefix``): a step is taken
once at least the small-group threshold's number of people (a proxy tally by its head-count)
have sent something since the one before, so a change on the screen is always several people's.
The number of people who answered moves live. An exercise may instead keep its results hidden
until voting closes (``Exercise.live_results``). Once closed, every ballot counts.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel

from engine.core.exercise import Exercise
from engine.core.records import Ballot, Exclusion, Participant, Room
from engine.core.store import Store
from engine.core.workshop import Workshop, WorkshopSettings

__all__ = ["LiveWorkshop", "Projection", "Measure", "shown_prefix"]

RESULTS_KEPT = 64  # results remembered per workshop (options × exercises × states)
#: What a live view computes from an exercise and a room under its options, when not the kind's
#: own results: a function of the module, so that it can be part of what is remembered.
Measure = Callable[..., BaseModel]


def shown_prefix(ballots: Sequence[Ballot], room: Room) -> int:
    """How many of ``ballots`` (in the order cast) the projector counts while voting is open:
    up to the last step, a step being taken at the ballot that makes the people who sent
    something since the previous step (each participant once, a proxy tally by its head-count)
    at least the room's small-group threshold. Ballots of people not in the room are skipped.

    It depends on the ballots alone, not on when anyone looked: every screen, and a laptop
    restarted mid-vote, shows the same steps.

    Examples
    --------
    Threshold 3; A, B, A again, C, D send in that order: the first step is at C (A, B and C
    have sent, 4 ballots); D alone does not make another, so the projector counts 4 ballots.
    """
    counted, since = 0, {}
    group_of = room.group_of
    for index, ballot in enumerate(ballots, start=1):
        if ballot.participant not in group_of:
            continue
        since[ballot.participant] = ballot.voters
        if sum(since.values()) >= room.small_group_threshold:
            counted, since = index, {}
    return counted


@dataclass(frozen=True)
class Projection:
    """What the projector may show of an open (or closed) exercise.

    ``exercise`` holds only the ballots it may count (None while its results are withheld),
    ``result`` the results over them under the options asked; ``voters`` is how many people
    have answered now (it moves live), ``shown_voters`` how many the result counts. ``withheld``
    says why nothing is shown: ``too_few`` (fewer people than the threshold have answered) or
    ``after_close`` (the exercise shows its results once voting closes). ``to_next_step`` is
    how many more people must answer before the chart moves again (0 once closed). Results by
    part of the room come with ``engine.cuts.results_by`` as the measure.
    """

    exercise: Exercise | None
    result: BaseModel | None
    voters: int
    shown_voters: int
    withheld: Literal["too_few", "after_close"] | None
    to_next_step: int


class LiveWorkshop:
    """One workshop as live views read it (see the module docstring)."""

    def __init__(self, store: Store, code: str) -> None:
        self.store = store
        self.code = code
        self._lock = threading.Lock()
        self._forget()

    def _forget(self) -> None:
        """Start from nothing: the next refresh reads the whole workshop."""
        self._revision: tuple[str, int, int] | None = None
        self._settings: WorkshopSettings | None = None
        self._bare: list[Exercise] = []
        self._participants: list[Participant] = []
        self._exclusions: list[Exclusion] = []
        self._last_participant = 0
        self._ballots: dict[str, list[Ballot]] = {}
        self._last_ballot = 0
        self._snapshot: Workshop | None = None
        self._stamp: tuple[Hashable, ...] = ()
        self._results: dict[tuple[Hashable, ...], BaseModel] = {}

    def workshop(self) -> Workshop:
        """The workshop as it stands now (a snapshot: later changes make a new one)."""
        with self._lock:
            return self._refresh()[0]

    def _refresh(self) -> tuple[Workshop, tuple[Hashable, ...]]:
        """Read what changed (the lock held) and return the snapshot with its stamp."""
        revision = self.store.revisions(self.code)
        before = self._revision or ("", -1, -1)
        if revision[0] != before[0]:  # deleted and imported again: start anew
            self._forget()
            before = ("", -1, -1)
        if revision[1] != before[1]:
            self._settings = self.store.settings(self.code)[1]
            self._bare = self.store.exercises(self.code)
        if revision[1:] != before[1:]:
            # A participant may have changed group or profile, or been excluded (either
            # revision moves then): read the participants and the exclusions again.
            self._participants, self._last_participant = [], 0
            self._exclusions = self.store.exclusions(self.code)
        self._revision = revision
        joined = self.store.participants(self.code, after=self._last_participant)
        if joined:
            self._participants = [*self._participants, *(p for _, p in joined)]
            self._last_participant = joined[-1][0]
        cast = self.store.new_ballots(self.code, after=self._last_ballot)
        for _, exercise_id, ballot in cast:
            self._ballots[exercise_id] = [*self._ballots.get(exercise_id, []), ballot]
        if cast:
            self._last_ballot = cast[-1][0]
        waiting = self.store.proposals(self.code)
        stamp = (revision, self._last_participant, self._last_ballot,
                 tuple((e, tuple(p.id for p in found)) for e, found in waiting.items()))
        if self._snapshot is None or stamp != self._stamp:
            self._stamp = stamp
            self._snapshot = self._build(waiting)
        return self._snapshot, self._stamp

    def _build(self, waiting: dict[str, list[Any]]) -> Workshop:
        assert self._settings is not None
        exercises = [bare.model_copy(update={"ballots": self._ballots.get(bare.id, []),
                                             "proposals": waiting.get(bare.id, [])})
                     for bare in self._bare]
        return Workshop.model_construct(**dict(self._settings), participants=self._participants,
                                        exclusions=self._exclusions, exercises=exercises)

    def result(self, exercise_id: str, measure: Measure | None = None, /, **options: str
               ) -> BaseModel:
        """The exercise's results under ``options`` (or what ``measure`` makes of it: results
        by part of the room, ``engine.cuts.results_by``; positional, so that no option can take
        its name), for the whole room, recomputed only when a ballot, a participant or the
        set-up changed since they were last asked for."""
        with self._lock:
            workshop, stamp = self._refresh()
        exercise = workshop.exercise(exercise_id)
        return self._computed(("all", stamp, exercise_id), exercise, workshop.room(), options,
                              measure)

    def projected(self, exercise_id: str, measure: Measure | None = None, /, **options: str
                  ) -> Projection:
        """What the projector may show of the exercise now (``Projection``; the module
        docstring says why it moves in steps), its result made by ``measure`` if given."""
        with self._lock:
            workshop, stamp = self._refresh()
        exercise = workshop.exercise(exercise_id)
        room = workshop.room()
        spec = exercise.spec
        voters = sum(spec.voters_by_group(exercise, room).values())
        if exercise.status != "closed" and exercise.live_results == "after_close":
            return Projection(None, None, voters, 0, "after_close", 0)
        if exercise.status == "closed":
            counted, waiting = len(exercise.ballots), 0
        else:
            counted = shown_prefix(exercise.ballots, room)
            since = {b.participant: b.voters for b in exercise.ballots[counted:]
                     if b.participant in room.group_of}
            waiting = max(0, room.small_group_threshold - sum(since.values()))
        if counted == 0:
            return Projection(None, None, voters, 0, "too_few", waiting)
        shown = exercise.model_copy(update={"ballots": exercise.ballots[:counted]})
        # Only the set-up, the people and the step change what the shown ballots say: a new
        # ballot after the step does not, so the chart is not recomputed for it.
        result = self._computed(("shown", stamp[:2], exercise_id, counted), shown, room, options,
                                measure)
        return Projection(shown, result, voters, sum(spec.voters_by_group(shown, room).values()),
                          None, waiting)

    def _computed(self, key: tuple[Hashable, ...], exercise: Exercise, room: Room,
                  options: dict[str, str], measure: Measure | None) -> BaseModel:
        """The kind's results (or ``measure``'s), remembered under ``key``, the measure and the
        options."""
        key = (*key, measure, *sorted(options.items()))
        with self._lock:
            found = self._results.get(key)
        if found is None:  # computed outside the lock: other sessions' reads go on meanwhile
            found = (measure or exercise.spec.results)(exercise, room, **options)
            with self._lock:
                if len(self._results) >= RESULTS_KEPT:
                    self._results.clear()
                self._results[key] = found
        return found
