"""A workshop kept in memory for live views, brought up to date with only what changed.

Ballots and participants are appended, never changed, so a live view (the projector, the
facilitator's pages) need not re-read the whole workshop on every tick: it asks the store for
the rows after the last it saw, and for the set-up only when the workshop's revision moved.
One ``LiveWorkshop`` per workshop is shared by every session (it is thread-safe); each call to
``workshop()`` costs a few indexed queries, and the results of a kind are recomputed only when
something they depend on changed (``result``).
"""

from __future__ import annotations

import threading
from collections.abc import Hashable
from typing import Any

from pydantic import BaseModel

from engine.core.exercise import Exercise
from engine.core.records import Ballot, Participant
from engine.core.store import Store
from engine.core.workshop import Workshop, WorkshopSettings

__all__ = ["LiveWorkshop"]

RESULTS_KEPT = 64  # results remembered per workshop (options × exercises × states)


class LiveWorkshop:
    """One workshop as live views read it (see the module docstring)."""

    def __init__(self, store: Store, code: str) -> None:
        self.store = store
        self.code = code
        self._lock = threading.Lock()
        self._forget()

    def _forget(self) -> None:
        """Start from nothing: the next refresh reads the whole workshop."""
        self._revision: tuple[str, int] | None = None
        self._settings: WorkshopSettings | None = None
        self._bare: list[Exercise] = []
        self._participants: list[Participant] = []
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
        revision = self.store.revision(self.code)
        if revision[0] != (self._revision or ("",))[0]:  # deleted and imported again: start anew
            self._forget()
        if revision != self._revision:
            self._revision = revision
            self._settings = self.store.settings(self.code)[1]
            self._bare = self.store.exercises(self.code)
            # A participant may have changed group (Store.change_group moves the revision).
            self._participants, self._last_participant = [], 0
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
                                        exercises=exercises)

    def result(self, exercise_id: str, **options: str) -> BaseModel:
        """The exercise's results under ``options``, for the whole room, recomputed only when a
        ballot, a participant or the set-up changed since they were last asked for."""
        with self._lock:
            workshop, stamp = self._refresh()
            key = (stamp, exercise_id, *sorted(options.items()))
            found = self._results.get(key)
        if found is None:  # computed outside the lock: other sessions' reads go on meanwhile
            exercise = workshop.exercise(exercise_id)
            found = exercise.spec.results(exercise, workshop.room(), **options)
            with self._lock:
                if len(self._results) >= RESULTS_KEPT:
                    self._results.clear()
                self._results[key] = found
        return found
