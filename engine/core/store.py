"""Persistence: every workshop, participant and ballot, shared by all sessions (SQLAlchemy Core).

By default a SQLite file (``default_url()``); any SQLAlchemy URL scales out (PostgreSQL).
Everything participants send is appended to one table, ``ballots`` (exercise, kind,
participant, time, voters, answer), whatever the exercise's kind, and never changed: a changed
vote is a newer row, and results read each participant's latest (``engine.core.answers``).
Beside it, ``shown`` records what the app showed each participant (pairs of items) and
``proposals`` what they proposed, waiting for the facilitator; ``exclusions`` the participants
the facilitator removed (appended, never deleted: their ballots stay, uncounted). Every write is
one transaction that validates first, so bad input stores nothing.

Reads come in two sizes: ``load`` gives a whole workshop (exports, the command line); the live
pages read only what changed (``ballots`` and ``participants`` after the last row they saw,
``exercises`` when a revision moved): a room of phones must not make every rerun re-read
everyone's ballots.

SQLite runs in WAL mode with ``synchronous=FULL``: each vote is fsynced, so a field laptop
that loses power keeps every ballot it acknowledged. The cost (a few ms per vote) is far
below what a room of phones can send. A store written by an older version of the app is
upgraded when opened: version 1's is rewritten whole (``_upgrade_v1_store``); later ones are
brought up by numbered steps on their tables (``STORE_UPGRADES``), the schema version kept in
``store_meta``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
import random
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import EllipsisType
from typing import Any, ParamSpec, TypeVar

from pydantic import BaseModel, ValidationError
from sqlalchemy import (JSON, Column, Index, Integer, MetaData, String, Table, UniqueConstraint,
                        and_, create_engine, delete, event, func, insert, inspect, select, text,
                        update)
from sqlalchemy.engine import Connection, Engine, Row
from sqlalchemy.exc import OperationalError

from engine.core import limits, profile
from engine.core.access import new_token
from engine.core.errors import (BallotError, NotFoundError, SetupError,
                                StoreBusyError, WorkshopFileError, first_problem)
from engine.core.exercise import LIVE_RESULTS, Exercise, LiveResults, kind, kinds
from engine.core.file_format import UPGRADES, upgrade
from engine.core.records import (STATUSES, Ballot, Exclusion, Participant, Proposal, Shown,
                                 proxy_token)
from engine.core.types import Labels
from engine.core.workshop import Workshop, WorkshopSettings

__all__ = ["Store", "ExerciseState", "default_url", "data_folder", "STORE_URL_VARIABLE"]

STORE_URL_VARIABLE = "ASM_STORE_URL"
SCHEMA_VERSION = 3

metadata = MetaData()
workshops = Table(
    "workshops", metadata,
    Column("code", String(8), primary_key=True),
    Column("settings", JSON, nullable=False),
    # Bumped by every change to the settings or to the exercises' set-up (added, removed,
    # moved, changed, opened, closed), so live views know when to re-read them.
    Column("revision", Integer, nullable=False, default=0),
    # Made anew each time a workshop is imported: a live view that kept a deleted workshop in
    # memory knows its rows are gone even if the same code comes back.
    Column("instance", String(32), nullable=False),
    # Bumped when a participant's group or profile changes or one is excluded (schema 3), so
    # live views read the participants again without re-reading the set-up.
    Column("people_revision", Integer, nullable=False, default=0),
)
exercises = Table(
    "exercises", metadata,
    Column("code", String(8), primary_key=True),
    Column("exercise_id", String(40), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("status", String(10), nullable=False),
    Column("title", JSON, nullable=True),
    Column("design", JSON, nullable=False),
    # Bumped by every change to this exercise (design, title, status, live results).
    Column("revision", Integer, nullable=False, default=0),
    Column("live_results", String(20), nullable=True),  # schema 3; NULL: the default
)
participants = Table(
    "participants", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # join order
    Column("code", String(8), nullable=False),
    Column("token", String(64), nullable=False),
    Column("group_id", String(40), nullable=False),
    Column("language", String(3), nullable=False),
    Column("proxy", Integer, nullable=False),
    Column("joined_at", String(40), nullable=False),
    Column("attributes", JSON, nullable=True),  # schema 3; NULL: none given
    UniqueConstraint("code", "token"),
)
# Everything participants send, of every kind (appended, never changed).
ballots = Table(
    "ballots", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # cast order
    Column("code", String(8), nullable=False),
    Column("exercise_id", String(40), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("participant", String(64), nullable=False),
    Column("cast_at", String(40), nullable=False),
    Column("voters", Integer, nullable=False),
    Column("answer", JSON, nullable=False),
    Index("ix_ballots_exercise", "code", "exercise_id", "id"),
    Index("ix_ballots_participant", "code", "participant"),
)
# What the app showed each participant before they answered (appended, never changed).
shown = Table(
    "shown", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # show order
    Column("code", String(8), nullable=False),
    Column("exercise_id", String(40), nullable=False),
    Column("participant", String(64), nullable=False),
    Column("shown_at", String(40), nullable=False),
    Column("payload", JSON, nullable=False),
    Index("ix_shown_exercise", "code", "exercise_id", "participant"),
)
# Participants' proposals waiting for the facilitator (removed once approved or rejected).
proposals = Table(
    "proposals", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # proposal order
    Column("code", String(8), nullable=False),
    Column("exercise_id", String(40), nullable=False),
    Column("proposal_id", String(40), nullable=False),
    Column("proposed_by", String(40), nullable=False),
    Column("proposed_at", String(40), nullable=True),
    Column("payload", JSON, nullable=False),
    UniqueConstraint("code", "exercise_id", "proposal_id"),
)
# Participants the facilitator removed (appended, never changed; schema 3).
exclusions = Table(
    "exclusions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # exclusion order
    Column("code", String(8), nullable=False),
    Column("participant", String(64), nullable=False),
    Column("excluded_at", String(40), nullable=False),
    UniqueConstraint("code", "participant"),
)
store_meta = Table(
    "store_meta", metadata,
    Column("key", String(40), primary_key=True),
    Column("value", String(200), nullable=False),
)
_WORKSHOP_TABLES = (ballots, shown, proposals, exclusions, participants, exercises, workshops)

P = ParamSpec("P")
R = TypeVar("R")


@dataclass(frozen=True)
class ExerciseState:
    """An exercise as the list of exercises shows it: no ballots, just what it is and how it
    stands. ``revision`` moves whenever its design, title or status changes."""

    id: str
    kind: str
    status: str
    revision: int


def _retry_when_busy(write: Callable[P, R]) -> Callable[P, R]:
    """Run a write again (up to 3 tries) when SQLite says the database is locked.

    Each write is one transaction, so a failed try left nothing behind. Under a burst of phones
    on a busy laptop, a writer can wait longer than SQLite's busy timeout; retrying beats losing
    the vote. If it still fails, the phone is asked to send again (``StoreBusyError``).
    """
    @functools.wraps(write)
    def retrying(*args: P.args, **kwargs: P.kwargs) -> R:
        for attempt in range(3):
            try:
                return write(*args, **kwargs)
            except OperationalError as error:
                if "locked" not in str(error) and "busy" not in str(error):
                    raise
                time.sleep(0.2 * (attempt + 1))
        raise StoreBusyError("store.busy")
    return retrying


def default_url() -> str:
    """``$ASM_STORE_URL`` if set, else a SQLite file in the user's data folder.

    The default file is ``~/.local/share/asm-workshop-studio/workshops.sqlite3`` (or under
    ``$XDG_DATA_HOME``): outside the code, so updating the app never touches the data.
    """
    if os.environ.get(STORE_URL_VARIABLE):
        return os.environ[STORE_URL_VARIABLE]
    return f"sqlite:///{data_folder() / 'workshops.sqlite3'}"


def data_folder() -> Path:
    """The app's folder in the user's data folder (``~/.local/share/asm-workshop-studio``, or
    under ``$XDG_DATA_HOME``), made if missing."""
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folder = data_home / "asm-workshop-studio"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


class Store:
    """The shared state of every workshop. Safe to share between threads and sessions."""

    def __init__(self, url: str | None = None) -> None:
        self.url = url or default_url()
        # A room of phones means many page runs at once: enough pooled connections that none
        # waits for another page to hand one back.
        self.engine: Engine = create_engine(self.url, pool_size=10, max_overflow=50,
                                            pool_timeout=60)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._designs: dict[tuple[str, str, int], BaseModel] = {}
        self._designs_lock = threading.Lock()
        with self.engine.begin() as conn:
            if _is_v1_store(conn):
                _upgrade_v1_store(conn)
            else:
                _upgrade_store(conn)
            metadata.create_all(conn)
            conn.execute(delete(store_meta).where(store_meta.c.key == "schema_version"))
            conn.execute(insert(store_meta).values(key="schema_version",
                                                   value=str(SCHEMA_VERSION)))

    # ---- whole workshops -------------------------------------------------------------------

    def codes(self) -> list[str]:
        """Every workshop's join code."""
        with self.engine.connect() as conn:
            return list(conn.scalars(select(workshops.c.code).order_by(workshops.c.code)))

    def list_settings(self) -> list[WorkshopSettings]:
        """Every workshop's settings (no participants or ballots), newest date first."""
        with self.engine.connect() as conn:
            rows = conn.scalars(select(workshops.c.settings))
            found = [WorkshopSettings.model_validate(row) for row in rows]
        return sorted(found, key=lambda s: (s.date, s.title), reverse=True)

    def import_workshop(self, workshop: Workshop) -> None:
        """Store a whole validated workshop; refuse if its join code is already taken."""
        with self.engine.begin() as conn:
            _import(conn, workshop)

    def replace_workshop(self, workshop: Workshop) -> None:
        """Store a whole validated workshop in place of the one with its join code (a restored
        copy), in one transaction: the store holds one or the other, never half of each."""
        with self.engine.begin() as conn:
            for table in _WORKSHOP_TABLES:
                conn.execute(delete(table).where(table.c.code == workshop.code))
            _import(conn, workshop)

    def statuses(self) -> dict[str, dict[str, str]]:
        """Every workshop's exercises and their statuses, by join code: what the autosave
        watches (two small queries)."""
        found: dict[str, dict[str, str]] = {}
        with self.engine.connect() as conn:
            for code in conn.scalars(select(workshops.c.code)):
                found[code] = {}
            for row in conn.execute(select(exercises.c.code, exercises.c.exercise_id,
                                           exercises.c.status)):
                found.setdefault(row.code, {})[row.exercise_id] = row.status
        return found

    def load(self, code: str) -> Workshop:
        """The whole workshop, as its file would hold it."""
        with self.engine.connect() as conn:
            return Workshop.model_validate(self._document(conn, code))

    def _document(self, conn: Connection, code: str) -> dict[str, Any]:
        """The whole workshop as file data (validated by whoever reads it)."""
        settings = self._settings(conn, code)
        people = [_participant(r).model_dump() for r in conn.execute(
            select(participants).where(participants.c.code == code).order_by(participants.c.id))]
        cast: dict[str, list[dict[str, Any]]] = {}
        for r in conn.execute(select(ballots).where(ballots.c.code == code)
                              .order_by(ballots.c.id)):
            cast.setdefault(r.exercise_id, []).append(
                {"participant": r.participant, "cast_at": r.cast_at, "voters": r.voters,
                 "answer": r.answer})
        seen: dict[str, list[dict[str, Any]]] = {}
        for r in conn.execute(select(shown).where(shown.c.code == code).order_by(shown.c.id)):
            seen.setdefault(r.exercise_id, []).append(
                {"participant": r.participant, "shown_at": r.shown_at, "payload": r.payload})
        waiting: dict[str, list[dict[str, Any]]] = {}
        for r in conn.execute(select(proposals).where(proposals.c.code == code)
                              .order_by(proposals.c.id)):
            waiting.setdefault(r.exercise_id, []).append(_proposal_data(r))
        removed = [_exclusion(r).model_dump() for r in conn.execute(
            select(exclusions).where(exclusions.c.code == code).order_by(exclusions.c.id))]
        rows = conn.execute(select(exercises).where(exercises.c.code == code)
                            .order_by(exercises.c.position)).all()
        return {**settings, "participants": people, "exclusions": removed, "exercises": [
            {**_exercise_data(r), "ballots": cast.get(r.exercise_id, []),
             "shown": seen.get(r.exercise_id, []), "proposals": waiting.get(r.exercise_id, [])}
            for r in rows]}

    def delete(self, code: str) -> None:
        """Remove a workshop and everything recorded in it, for good."""
        with self.engine.begin() as conn:
            self._settings(conn, code)
            for table in _WORKSHOP_TABLES:
                conn.execute(delete(table).where(table.c.code == code))

    # ---- what live pages read --------------------------------------------------------------

    def revision(self, code: str) -> tuple[str, int]:
        """Which import of the workshop this is, and its revision, which moves with every
        set-up change (one indexed query)."""
        with self.engine.connect() as conn:
            found = conn.execute(select(workshops.c.instance, workshops.c.revision)
                                 .where(workshops.c.code == code)).first()
        if found is None:
            raise NotFoundError("workshop.unknown_code", code=code)
        return found.instance, found.revision

    def revisions(self, code: str) -> tuple[str, int, int]:
        """Which import of the workshop this is, its set-up revision, and its people revision,
        which moves when a participant changes group or profile or is excluded (one indexed
        query): what a live view checks on each tick."""
        with self.engine.connect() as conn:
            found = conn.execute(select(workshops.c.instance, workshops.c.revision,
                                        workshops.c.people_revision)
                                 .where(workshops.c.code == code)).first()
        if found is None:
            raise NotFoundError("workshop.unknown_code", code=code)
        return found.instance, found.revision, found.people_revision

    def exclusions(self, code: str) -> list[Exclusion]:
        """The participants the facilitator removed, in the order removed."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(exclusions).where(exclusions.c.code == code)
                                .order_by(exclusions.c.id)).all()
        return [_exclusion(r) for r in rows]

    def is_excluded(self, code: str, token: str) -> bool:
        """Whether the facilitator removed this participant (what their phone then says)."""
        with self.engine.connect() as conn:
            return _is_excluded(conn, code, token)

    def open_view(self, code: str) -> tuple[tuple[str, int], list[Exercise]]:
        """What a phone's page needs on each run, in one query: the workshop's import and
        revision (to read its settings again only when they changed) and the exercises open to
        phones, in order, with their designs (no ballots)."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(workshops.c.instance, workshops.c.revision, exercises)
                .select_from(workshops.outerjoin(exercises, and_(
                    exercises.c.code == workshops.c.code, exercises.c.status == "open")))
                .where(workshops.c.code == code).order_by(exercises.c.position)).all()
        if not rows:
            raise NotFoundError("workshop.unknown_code", code=code)
        return ((rows[0].instance, rows[0].revision),
                [self._bare(code, row) for row in rows if row.exercise_id is not None])

    def new_ballots(self, code: str, after: int = 0) -> list[tuple[int, str, Ballot]]:
        """Every ballot of the workshop cast after row ``after``: row number, exercise, ballot."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(ballots).where(ballots.c.code == code, ballots.c.id > after)
                                .order_by(ballots.c.id)).all()
        return [(r.id, r.exercise_id, _ballot(r)) for r in rows]

    def settings(self, code: str) -> tuple[int, WorkshopSettings]:
        """The workshop's revision and its settings (groups, title…)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(workshops.c.revision, workshops.c.settings)
                               .where(workshops.c.code == code)).first()
        if row is None:
            raise NotFoundError("workshop.unknown_code", code=code)
        return row.revision, WorkshopSettings.model_validate(row.settings)

    def states(self, code: str) -> list[ExerciseState]:
        """Every exercise in order, as the list of exercises shows it (no designs, no ballots)."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(exercises.c.exercise_id, exercises.c.kind,
                                       exercises.c.status, exercises.c.revision)
                                .where(exercises.c.code == code)
                                .order_by(exercises.c.position)).all()
        return [ExerciseState(r.exercise_id, r.kind, r.status, r.revision) for r in rows]

    def open_everywhere(self) -> dict[str, tuple[str, ...]]:
        """The ids of the exercises open to phones, in order, for each workshop with any open:
        what the phones' checks watch, read in one query for every workshop on the laptop."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(exercises.c.code, exercises.c.exercise_id)
                                .where(exercises.c.status == "open")
                                .order_by(exercises.c.code, exercises.c.position))
            found: dict[str, list[str]] = {}
            for code, exercise_id in rows:
                found.setdefault(code, []).append(exercise_id)
        return {code: tuple(ids) for code, ids in found.items()}

    def exercise(self, code: str, exercise_id: str) -> Exercise:
        """One exercise's design, title and status, without what was sent to it."""
        with self.engine.connect() as conn:
            row = self._exercise_row(conn, code, exercise_id)
        return self._bare(code, row)

    def exercises(self, code: str) -> list[Exercise]:
        """Every exercise's design, title and status, in order, without what was sent to them."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(exercises).where(exercises.c.code == code)
                                .order_by(exercises.c.position)).all()
        return [self._bare(code, row) for row in rows]

    def participants(self, code: str, after: int = 0) -> list[tuple[int, Participant]]:
        """The participants who joined after row ``after``, with their row numbers."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(participants).where(
                participants.c.code == code, participants.c.id > after)
                .order_by(participants.c.id)).all()
        return [(r.id, _participant(r)) for r in rows]

    def ballots(self, code: str, exercise_id: str, after: int = 0,
                participant: str | None = None) -> list[tuple[int, Ballot]]:
        """The exercise's ballots cast after row ``after`` (only ``participant``'s, if given),
        in cast order, with their row numbers; answers read as the kind defines them."""
        query = select(ballots).where(ballots.c.code == code, ballots.c.exercise_id == exercise_id,
                                      ballots.c.id > after)
        if participant is not None:
            query = query.where(ballots.c.participant == participant)
        with self.engine.connect() as conn:
            rows = conn.execute(query.order_by(ballots.c.id)).all()
        return [(r.id, _ballot(r)) for r in rows]

    def proposals(self, code: str) -> dict[str, list[Proposal]]:
        """The proposals waiting for the facilitator, by exercise, in the order proposed."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(proposals, exercises.c.kind).join(exercises, and_(
                exercises.c.code == proposals.c.code,
                exercises.c.exercise_id == proposals.c.exercise_id))
                .where(proposals.c.code == code).order_by(proposals.c.id)).all()
        found: dict[str, list[Proposal]] = {}
        for r in rows:
            found.setdefault(r.exercise_id, []).append(Proposal.model_validate(
                {**_proposal_data(r), "payload": kind(r.kind).parse_proposal(r.payload)}))
        return found

    # ---- set-up ----------------------------------------------------------------------------

    @_retry_when_busy
    def save_settings(self, settings: WorkshopSettings) -> None:
        """Replace the workshop's settings (title, groups…), keeping everything else.

        Validated with the whole workshop first: removing a group that has participants, or
        that an exercise names, is refused and nothing is written.
        """
        with self.engine.begin() as conn:
            self._bump(conn, settings.code)
            current = self._document(conn, settings.code)
            _checked(lambda: Workshop.model_validate({
                **current, **settings.model_dump(mode="json")}))
            conn.execute(update(workshops).where(workshops.c.code == settings.code).values(
                settings=settings.model_dump(mode="json")))

    @_retry_when_busy
    def add_exercise(self, code: str, kind_name: str, exercise_id: str, title: Labels | None,
                     design: BaseModel | dict[str, Any]) -> Exercise:
        """Add an exercise (a draft) at the end of the workshop's list."""
        with self.engine.begin() as conn:
            self._bump(conn, code)
            current = self._document(conn, code)
            if any(e["id"] == exercise_id for e in current["exercises"]):
                raise SetupError("setup.invalid", where="exercises.id",
                                 problem=f"duplicate id '{exercise_id}'")
            data = {"id": exercise_id, "kind": kind_name, "title": title, "status": "draft",
                    "design": _data(design)}
            workshop = _checked(lambda: Workshop.model_validate(
                {**current, "exercises": [*current["exercises"], data]}))
            added = workshop.exercises[-1]
            conn.execute(insert(exercises).values(_exercise_row(
                code, added, position=len(current["exercises"]))))
            return added

    @_retry_when_busy
    def save_exercise(self, code: str, exercise_id: str, design: BaseModel | dict[str, Any],
                      title: Labels | EllipsisType | None = ...) -> Exercise:
        """Replace an exercise's design (and its title, if given), keeping its status and
        everything sent to it.

        Validated first, with the workshop as a whole: a change that leaves a ballot naming
        something no longer there (an item people voted on, an instrument they scored), that
        the kind forbids once voting has opened, or that takes away what another exercise
        refers to, is refused and nothing is written.
        """
        with self.engine.begin() as conn:
            self._bump(conn, code)
            current = self._document(conn, code)
            index = _position(current, exercise_id)
            before = Workshop.model_validate(current).exercises[index]
            changed = {**current["exercises"][index], "design": _data(design)}
            if title is not ...:
                changed["title"] = title
            workshop = _checked(lambda: Workshop.model_validate({**current, "exercises": [
                *current["exercises"][:index], changed, *current["exercises"][index + 1:]]}))
            after = workshop.exercises[index]
            before.spec.check_change(before, after.design)
            conn.execute(update(exercises).where(
                exercises.c.code == code, exercises.c.exercise_id == exercise_id).values(
                design=after.design.model_dump(mode="json"),
                title=after.title, revision=exercises.c.revision + 1))
            return after

    @_retry_when_busy
    def remove_exercise(self, code: str, exercise_id: str) -> None:
        """Remove an exercise nobody has sent anything to yet (and that nothing refers to)."""
        with self.engine.begin() as conn:
            self._bump(conn, code)
            current = self._document(conn, code)
            index = _position(current, exercise_id)
            if current["exercises"][index]["ballots"]:
                raise SetupError("setup.exercise_has_ballots", exercise=exercise_id)
            _checked(lambda: Workshop.model_validate({**current, "exercises": [
                e for e in current["exercises"] if e["id"] != exercise_id]}))
            for table in (exercises, shown, proposals):
                conn.execute(delete(table).where(table.c.code == code,
                                                 table.c.exercise_id == exercise_id))
            self._renumber(conn, code, [e["id"] for e in current["exercises"]
                                        if e["id"] != exercise_id])

    @_retry_when_busy
    def move_exercise(self, code: str, exercise_id: str, step: int) -> None:
        """Move an exercise ``step`` places up (negative) or down the workshop's list."""
        with self.engine.begin() as conn:
            self._bump(conn, code)
            order = list(conn.scalars(select(exercises.c.exercise_id).where(
                exercises.c.code == code).order_by(exercises.c.position)))
            if exercise_id not in order:
                raise NotFoundError("exercise.unknown", exercise=exercise_id)
            index = order.index(exercise_id)
            target = max(0, min(len(order) - 1, index + step))
            order.insert(target, order.pop(index))
            self._renumber(conn, code, order)

    @staticmethod
    def _renumber(conn: Connection, code: str, order: Sequence[str]) -> None:
        for position, exercise_id in enumerate(order):
            conn.execute(update(exercises).where(
                exercises.c.code == code, exercises.c.exercise_id == exercise_id).values(
                position=position))

    @_retry_when_busy
    def set_status(self, code: str, exercise_id: str, status: str) -> None:
        """Open an exercise to phones, close it, or put it back to draft."""
        if status not in STATUSES:
            raise SetupError("setup.bad_status", status=status)
        self._change_exercise(code, exercise_id, status=status)

    @_retry_when_busy
    def set_live_results(self, code: str, exercise_id: str, choice: str) -> None:
        """How the projector shows the exercise's results while it is open: ``steps`` or
        ``after_close`` (``Exercise.live_results``)."""
        if choice not in LIVE_RESULTS:
            raise SetupError("setup.bad_live_results", choice=choice,
                             choices=", ".join(LIVE_RESULTS))
        self._change_exercise(code, exercise_id, live_results=choice)

    def _change_exercise(self, code: str, exercise_id: str, **values: str) -> None:
        """Set an exercise's ``values`` (its status, its live results), moving its revision and
        the workshop's."""
        with self.engine.begin() as conn:
            self._bump(conn, code)
            found = conn.execute(update(exercises).where(
                exercises.c.code == code, exercises.c.exercise_id == exercise_id).values(
                **values, revision=exercises.c.revision + 1))
            if found.rowcount == 0:
                raise NotFoundError("exercise.unknown", exercise=exercise_id)

    # ---- participants and ballots ----------------------------------------------------------

    @_retry_when_busy
    def join(self, code: str, group_id: str, language: str, now: dt.datetime,
             attributes: Mapping[str, str] | None = None) -> Participant:
        """Register a new anonymous participant in ``group_id`` (with the profile answers
        ``attributes``, if the phone asked them already) and return them. An attribute the
        workshop does not ask, or an answer it does not offer, is refused."""
        with self.engine.begin() as conn:
            settings = WorkshopSettings.model_validate(self._settings(conn, code))
            if group_id not in {group.id for group in settings.groups}:
                raise NotFoundError("group.unknown", group=group_id)
            given = _offered(attributes, settings)
            joined = conn.scalar(select(func.count()).select_from(participants)
                                 .where(participants.c.code == code))
            if joined is not None and joined >= limits.PARTICIPANTS:
                raise BallotError("workshop.full", limit=limits.PARTICIPANTS)
            participant = Participant(token=new_token(), group=group_id, language=language,
                                      joined_at=now, attributes=given)
            _insert_participants(conn, code, [participant])
        return participant

    @_retry_when_busy
    def set_attributes(self, code: str, token: str, attributes: Mapping[str, str]
                       ) -> Participant:
        """Record a participant's answers to the profile (the step after the group on the
        phone), replacing any given before; ``{}`` records that they skipped it. Allowed until
        they have sent anything, like a change of group. Live views read the participants
        again (the people revision moves), without re-reading the set-up."""
        with self.engine.begin() as conn:
            self._bump_people(conn, code)  # the write lock first
            settings = WorkshopSettings.model_validate(self._settings(conn, code))
            given = _offered(attributes, settings)
            me = self._before_first_answer(conn, code, token, "participant.profile_fixed",
                                           attributes=given)
        return me.model_copy(update={"attributes": given})

    @_retry_when_busy
    def exclude(self, code: str, token: str, now: dt.datetime) -> Exclusion:
        """Remove a participant (a second phone of one person, someone who does not belong):
        an appended record, never a deletion. Their ballots stay in the file and the workbook's
        ballots sheets, never counted again; what their phone sends next is refused. A group's
        flipchart tally is corrected by entering it again, not removed."""
        with self.engine.begin() as conn:
            self._bump_people(conn, code)  # the write lock first; live views re-read people
            row = conn.execute(select(participants).where(
                participants.c.code == code, participants.c.token == token)).first()
            if row is None:
                raise NotFoundError("participant.unknown_token", token=token)
            if row.proxy:
                raise SetupError("exclusion.proxy")
            if _is_excluded(conn, code, token):
                raise SetupError("exclusion.already")
            exclusion = Exclusion(participant=token, excluded_at=now)
            conn.execute(insert(exclusions).values(
                code=code, participant=token, excluded_at=_timestamp(now)))
        return exclusion

    @_retry_when_busy
    def change_group(self, code: str, token: str, group_id: str) -> Participant:
        """Move a participant to ``group_id`` (a wrong tap on the join page), as long as they
        have sent nothing: once they have, their answers count in their group for good. The
        people revision moves, so live views read the participants again."""
        with self.engine.begin() as conn:
            self._bump_people(conn, code)  # the write lock first
            settings = WorkshopSettings.model_validate(self._settings(conn, code))
            if group_id not in {group.id for group in settings.groups}:
                raise NotFoundError("group.unknown", group=group_id)
            me = self._before_first_answer(conn, code, token, "participant.group_fixed",
                                           group_id=group_id)
        return me.model_copy(update={"group": group_id})

    def participant(self, code: str, token: str) -> Participant:
        """The participant with this token in this workshop (a group's proxy is not one), even
        if excluded (``is_excluded`` says so)."""
        with self.engine.connect() as conn:
            return self._voter(conn, code, token, sending=False)

    @_retry_when_busy
    def cast(self, code: str, exercise_id: str, token: str, answer: object, now: dt.datetime
             ) -> Ballot:
        """Append a participant's ballot, once the exercise is open and the answer fits it."""
        with self.engine.begin() as conn:
            self._hold(conn, code)
            self._voter(conn, code, token)
            return self._append(conn, code, exercise_id, token, answer, now, 1)

    @_retry_when_busy
    def cast_proxy(self, code: str, exercise_id: str, group_id: str, voters: int,
                   answer: object, now: dt.datetime,
                   attributes: Mapping[str, str] | None = None) -> Ballot:
        """Append a group's flipchart for ``voters`` people without phones, who share the
        profile answers ``attributes`` if given ("12 women": ``{"gender": "woman"}``).

        Recorded under the proxy participant of that group and those attributes; a later tally
        for the same pair supersedes the earlier one (both stay in the audit trail). A tally
        larger than the head-count expected is accepted: ``participation`` flags it.
        """
        if voters < 1:
            raise BallotError("ballot.no_voters")
        with self.engine.begin() as conn:
            self._hold(conn, code)
            token = self._proxy(conn, code, group_id, now, attributes or {})
            return self._append(conn, code, exercise_id, token, answer, now, voters)

    def _append(self, conn: Connection, code: str, exercise_id: str, token: str, answer: object,
                now: dt.datetime, voters: int) -> Ballot:
        row = self._exercise_row(conn, code, exercise_id)
        if row.status != "open":
            raise BallotError("ballot.exercise_not_open", status=row.status)
        spec = kind(row.kind)
        design = self._design(code, row)
        if voters > 1 and not spec.accepts_proxy(design):
            raise BallotError("ballot.no_proxy")
        try:
            parsed = spec.parse_answer(answer.model_dump() if isinstance(answer, BaseModel)
                                       else answer)
        except ValidationError as error:
            where, problem = first_problem(error)
            raise BallotError("ballot.malformed", where=where or "-", problem=problem) from None
        seen = [_shown(r) for r in conn.execute(select(shown).where(
            shown.c.code == code, shown.c.exercise_id == exercise_id,
            shown.c.participant == token).order_by(shown.c.id))]
        spec.answer_checker(design, seen)(parsed, token, voters, True)
        ballot = Ballot(participant=token, cast_at=now, voters=voters, answer=parsed)
        conn.execute(insert(ballots).values(_ballot_row(code, exercise_id, row.kind, ballot)))
        return ballot

    @_retry_when_busy
    def show_next(self, code: str, exercise_id: str, token: str, now: dt.datetime,
                  rng: random.Random | None = None) -> dict[str, Any] | None:
        """What this participant should answer next, when the exercise's kind chooses it (a
        pair of items), recorded as shown; None when they are done.

        Something shown and not answered yet is shown again (a reload keeps the same pair).
        """
        with self.engine.begin() as conn:
            self._hold(conn, code)
            self._voter(conn, code, token)
            row = self._exercise_row(conn, code, exercise_id)
            if row.status != "open":
                raise BallotError("ballot.exercise_not_open", status=row.status)
            exercise = self._with_records(conn, code, row)
            payload = exercise.spec.next_to_show(exercise, token, rng or random.Random())
            already = [s.payload for s in exercise.shown if s.participant == token]
            if payload is not None and payload not in already:
                conn.execute(insert(shown).values(
                    code=code, exercise_id=exercise_id, participant=token,
                    shown_at=_timestamp(now), payload=payload))
            return payload

    @_retry_when_busy
    def propose(self, code: str, exercise_id: str, token: str, data: Mapping[str, Any],
                lang: str, now: dt.datetime) -> Proposal:
        """A participant proposes something for an open exercise (an item, an actor, a link);
        it waits for the facilitator (``review_proposal``). Nothing is stored if it could not
        join the exercise as it stands."""
        with self.engine.begin() as conn:
            self._hold(conn, code)
            proposer = self._voter(conn, code, token)
            row = self._exercise_row(conn, code, exercise_id)
            if row.status != "open":
                raise BallotError("ballot.exercise_not_open", status=row.status)
            exercise = self._with_records(conn, code, row)
            if len(exercise.proposals) >= limits.PROPOSALS:
                raise BallotError("proposal.too_many", limit=limits.PROPOSALS)
            proposal_id, payload = exercise.spec.proposal(exercise, data, lang)
            proposal = Proposal(id=proposal_id, proposed_by=proposer.group, proposed_at=now,
                                payload=payload)
            conn.execute(insert(proposals).values(
                code=code, exercise_id=exercise_id, proposal_id=proposal.id,
                proposed_by=proposal.proposed_by, proposed_at=_timestamp(now),
                payload=payload.model_dump(mode="json")))
            return proposal

    @_retry_when_busy
    def review_proposal(self, code: str, exercise_id: str, proposal_id: str, approve: bool
                        ) -> None:
        """Approve a proposal (it joins the exercise's design, validated) or reject it; either
        way it no longer waits."""
        with self.engine.begin() as conn:
            self._bump(conn, code)
            row = self._exercise_row(conn, code, exercise_id)
            exercise = self._with_records(conn, code, row)
            proposal = next((p for p in exercise.proposals if p.id == proposal_id), None)
            if proposal is None:
                raise NotFoundError("proposal.unknown", item=proposal_id)
            if approve:
                design = exercise.spec.with_proposal(exercise, proposal)
                current = self._document(conn, code)
                index = _position(current, exercise_id)
                changed = {**current["exercises"][index], "design": _data(design),
                           "proposals": []}
                workshop = _checked(lambda: Workshop.model_validate({**current, "exercises": [
                    *current["exercises"][:index], changed, *current["exercises"][index + 1:]]}))
                conn.execute(update(exercises).where(
                    exercises.c.code == code, exercises.c.exercise_id == exercise_id).values(
                    design=workshop.exercises[index].design.model_dump(mode="json"),
                    revision=exercises.c.revision + 1))
            conn.execute(delete(proposals).where(
                proposals.c.code == code, proposals.c.exercise_id == exercise_id,
                proposals.c.proposal_id == proposal_id))

    # ---- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _hold(conn: Connection, code: str) -> None:
        """Take the workshop's write lock before reading what a ballot is checked against.

        A no-op write: on SQLite the database's write lock, on PostgreSQL the workshop row's.
        A set-up change takes the same lock first (its revision bump), so a ballot can never
        be checked against a design that a change commits before the ballot does: the ballot
        would then name something no longer there, and the workshop would no longer load. The
        revision is left alone, so live views do not reload.
        """
        held = conn.execute(update(workshops).where(workshops.c.code == code)
                            .values(code=workshops.c.code))
        if held.rowcount == 0:
            raise NotFoundError("workshop.unknown_code", code=code)

    def _before_first_answer(self, conn: Connection, code: str, token: str, fixed_key: str,
                             **values: object) -> Participant:
        """Change a participant's row (their group, their profile), which is allowed only until
        they have sent something (else ``BallotError(fixed_key)``). The caller has moved the
        people revision (which takes the write lock)."""
        me = self._voter(conn, code, token)
        if conn.scalar(select(ballots.c.id).where(ballots.c.code == code,
                                                  ballots.c.participant == token).limit(1)):
            raise BallotError(fixed_key)
        conn.execute(update(participants).where(
            participants.c.code == code, participants.c.token == token).values(**values))
        return me

    @staticmethod
    def _bump_people(conn: Connection, code: str) -> None:
        """Move the workshop's people revision (a participant's group, profile or exclusion)."""
        conn.execute(update(workshops).where(workshops.c.code == code)
                     .values(people_revision=workshops.c.people_revision + 1))

    @staticmethod
    def _bump(conn: Connection, code: str) -> None:
        """Take the write lock by moving the workshop's revision (a set-up change)."""
        bumped = conn.execute(update(workshops).where(workshops.c.code == code)
                              .values(revision=workshops.c.revision + 1))
        if bumped.rowcount == 0:
            raise NotFoundError("workshop.unknown_code", code=code)

    @staticmethod
    def _settings(conn: Connection, code: str) -> dict[str, Any]:
        settings = conn.scalar(select(workshops.c.settings).where(workshops.c.code == code))
        if settings is None:
            raise NotFoundError("workshop.unknown_code", code=code)
        return dict(settings)

    @staticmethod
    def _exercise_row(conn: Connection, code: str, exercise_id: str) -> Row[Any]:
        row = conn.execute(select(exercises).where(
            exercises.c.code == code, exercises.c.exercise_id == exercise_id)).first()
        if row is None:
            if conn.scalar(select(workshops.c.code).where(workshops.c.code == code)) is None:
                raise NotFoundError("workshop.unknown_code", code=code)
            raise NotFoundError("exercise.unknown", exercise=exercise_id)
        return row

    def _design(self, code: str, row: Row[Any]) -> BaseModel:
        """The row's design, read once per revision of the exercise (designs are frozen, so
        every session shares the one object)."""
        key = (code, row.exercise_id, row.revision)
        found = self._designs.get(key)
        if found is None:
            found = kind(row.kind).design_model.model_validate(row.design)
            with self._designs_lock:
                if len(self._designs) > 256:
                    self._designs.clear()
                self._designs[key] = found
        return found

    def _bare(self, code: str, row: Row[Any]) -> Exercise:
        """An exercise's design, title and status, without what was sent to it."""
        return Exercise.model_construct(id=row.exercise_id, kind=row.kind, title=row.title,
                                        status=row.status, live_results=_live(row),
                                        design=self._design(code, row),
                                        ballots=[], shown=[], proposals=[])

    def _with_records(self, conn: Connection, code: str, row: Row[Any]) -> Exercise:
        """An exercise with its ballots, what was shown and its proposals (as stored: every
        one was checked when it was written)."""
        exercise_id = row.exercise_id
        spec = kind(row.kind)
        cast = [_ballot(r) for r in conn.execute(select(ballots).where(
            ballots.c.code == code, ballots.c.exercise_id == exercise_id).order_by(ballots.c.id))]
        seen = [_shown(r) for r in conn.execute(select(shown).where(
            shown.c.code == code, shown.c.exercise_id == exercise_id).order_by(shown.c.id))]
        waiting = [Proposal.model_validate({**_proposal_data(r),
                                            "payload": spec.parse_proposal(r.payload)})
                   for r in conn.execute(select(proposals).where(
                       proposals.c.code == code, proposals.c.exercise_id == exercise_id)
                       .order_by(proposals.c.id))]
        return Exercise.model_construct(id=exercise_id, kind=row.kind, title=row.title,
                                        status=row.status, live_results=_live(row),
                                        design=self._design(code, row),
                                        ballots=cast, shown=seen, proposals=waiting)

    @staticmethod
    def _voter(conn: Connection, code: str, token: str, sending: bool = True) -> Participant:
        """The participant behind a phone's token (never a group's proxy); when ``sending``,
        one the facilitator has not excluded."""
        row = conn.execute(select(participants).where(
            participants.c.code == code, participants.c.token == token)).first()
        if row is None or row.proxy:
            raise NotFoundError("participant.unknown")
        if sending and _is_excluded(conn, code, token):
            raise BallotError("participant.excluded")
        return _participant(row)

    @staticmethod
    def _proxy(conn: Connection, code: str, group_id: str, now: dt.datetime,
               attributes: Mapping[str, str]) -> str:
        """The token of the proxy participant of ``group_id`` and ``attributes``, registered on
        its first tally."""
        settings = WorkshopSettings.model_validate(Store._settings(conn, code))
        if group_id not in {group.id for group in settings.groups}:
            raise NotFoundError("group.unknown", group=group_id)
        given = _offered(attributes, settings)
        token = proxy_token(group_id, given)
        known = conn.scalar(select(participants.c.token).where(
            participants.c.code == code, participants.c.token == token))
        if not known:
            _insert_participants(conn, code, [Participant(
                token=token, group=group_id, language=settings.language, proxy=True,
                joined_at=now, attributes=given)])
        return token


# ---- rows ------------------------------------------------------------------------------------

def _import(conn: Connection, workshop: Workshop) -> None:
    """Write a whole validated workshop; refuse if its join code is already taken."""
    code = workshop.code
    if conn.scalar(select(workshops.c.code).where(workshops.c.code == code)):
        raise WorkshopFileError("store.code_taken", code=code)
    conn.execute(insert(workshops).values(
        code=code, settings=workshop.settings().model_dump(mode="json"), revision=0,
        instance=secrets.token_hex(8)))
    rows = [_exercise_row(code, e, position) for position, e in enumerate(workshop.exercises)]
    if rows:
        conn.execute(insert(exercises), rows)
    _insert_participants(conn, code, workshop.participants)
    removed = [{"code": code, "participant": e.participant,
                "excluded_at": _timestamp(e.excluded_at)} for e in workshop.exclusions]
    if removed:
        conn.execute(insert(exclusions), removed)
    cast = [_ballot_row(code, e.id, e.kind, ballot)
            for e in workshop.exercises for ballot in e.ballots]
    if cast:
        conn.execute(insert(ballots), cast)
    seen = [{"code": code, "exercise_id": e.id, "participant": s.participant,
             "shown_at": _timestamp(s.shown_at), "payload": s.payload}
            for e in workshop.exercises for s in e.shown]
    if seen:
        conn.execute(insert(shown), seen)
    waiting = [{"code": code, "exercise_id": e.id, "proposal_id": p.id,
                "proposed_by": p.proposed_by, "proposed_at": _maybe_timestamp(p.proposed_at),
                "payload": p.payload.model_dump(mode="json")}
               for e in workshop.exercises for p in e.proposals]
    if waiting:
        conn.execute(insert(proposals), waiting)


def _exercise_row(code: str, exercise: Exercise, position: int) -> dict[str, Any]:
    return {"code": code, "exercise_id": exercise.id, "position": position, "kind": exercise.kind,
            "status": exercise.status, "title": exercise.title,
            "design": exercise.design.model_dump(mode="json"), "revision": 0,
            "live_results": exercise.live_results}


def _exercise_data(row: Row[Any]) -> dict[str, Any]:
    return {"id": row.exercise_id, "kind": row.kind, "title": row.title, "status": row.status,
            "live_results": _live(row), "design": row.design}


def _live(row: Row[Any]) -> LiveResults:
    """An exercise row's live-results choice (rows written before schema 3 have none: the
    default, ``steps``)."""
    return "after_close" if row.live_results == "after_close" else "steps"


def _insert_participants(conn: Connection, code: str, people: Iterable[Participant]) -> None:
    rows = [{"code": code, "token": p.token, "group_id": p.group, "language": p.language,
             "proxy": int(p.proxy), "joined_at": _timestamp(p.joined_at),
             "attributes": dict(p.attributes)} for p in people]
    if rows:
        conn.execute(insert(participants), rows)


def _ballot_row(code: str, exercise_id: str, kind_name: str, ballot: Ballot) -> dict[str, Any]:
    answer = ballot.answer
    return {"code": code, "exercise_id": exercise_id, "kind": kind_name,
            "participant": ballot.participant, "cast_at": _timestamp(ballot.cast_at),
            "voters": ballot.voters,
            "answer": answer.model_dump(mode="json") if isinstance(answer, BaseModel) else answer}


def _ballot(row: Row[Any]) -> Ballot:
    """A stored ballot, its answer read as its kind defines it (it was checked when cast)."""
    return Ballot.model_construct(participant=row.participant,
                                  cast_at=dt.datetime.fromisoformat(row.cast_at),
                                  voters=row.voters, answer=kind(row.kind).parse_answer(row.answer))


def _shown(row: Row[Any]) -> Shown:
    return Shown.model_construct(participant=row.participant,
                                 shown_at=dt.datetime.fromisoformat(row.shown_at),
                                 payload=row.payload)


def _proposal_data(row: Row[Any]) -> dict[str, Any]:
    return {"id": row.proposal_id, "proposed_by": row.proposed_by,
            "proposed_at": row.proposed_at, "payload": row.payload}


def _participant(row: Row[Any]) -> Participant:
    return Participant(token=row.token, group=row.group_id, language=row.language,
                       proxy=bool(row.proxy), joined_at=row.joined_at,
                       attributes=_json(row.attributes) or {})


def _exclusion(row: Row[Any]) -> Exclusion:
    return Exclusion(participant=row.participant, excluded_at=row.excluded_at)


def _is_excluded(conn: Connection, code: str, token: str) -> bool:
    return conn.scalar(select(exclusions.c.id).where(
        exclusions.c.code == code, exclusions.c.participant == token)) is not None


def _offered(attributes: Mapping[str, str] | None, settings: WorkshopSettings
             ) -> dict[str, str]:
    """Profile answers a phone or a tally gives, each of an attribute the workshop asks and an
    answer it offers; else ``BallotError`` saying which (nothing is recorded)."""
    given = dict(attributes or {})
    problem = profile.problem_with(given, settings.asked)
    if problem is not None:
        raise BallotError("participant.profile_refused", problem=problem)
    return given


def _timestamp(moment: dt.datetime) -> str:
    """A time as the store keeps it: ISO 8601, UTC written ``Z``, as in workshop files."""
    return moment.isoformat().replace("+00:00", "Z")


def _maybe_timestamp(moment: dt.datetime | None) -> str | None:
    return None if moment is None else _timestamp(moment)


def _data(design: BaseModel | dict[str, Any]) -> dict[str, Any]:
    return design.model_dump(mode="json") if isinstance(design, BaseModel) else design


def _position(document: Mapping[str, Any], exercise_id: str) -> int:
    for index, exercise in enumerate(document["exercises"]):
        if exercise["id"] == exercise_id:
            return index
    raise NotFoundError("exercise.unknown", exercise=exercise_id)


def _checked(validate: Callable[[], Workshop]) -> Workshop:
    """The workshop a change would make, validated and within the limits a workshop file is
    held to (``engine.core.limits``: groups, exercises, what a design lists); a ``SetupError``
    naming the problem if not."""
    try:
        workshop = validate()
    except ValidationError as error:
        where, problem = first_problem(error)
        raise SetupError("setup.invalid", where=where or "-", problem=problem) from None
    excess = limits.first_excess({"groups": workshop.groups, "exercises": [
        {"design": exercise.design.model_dump(mode="json")} for exercise in workshop.exercises]})
    if excess is not None:
        raise SetupError("setup.too_many", where=excess.where, count=excess.count,
                         limit=excess.limit)
    return workshop


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    """WAL lets readers run beside a writer; busy_timeout queues writers instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


# ---- stores of older schemas -----------------------------------------------------------------

def _schema_version(conn: Connection) -> int | None:
    """The schema version a store states, or None for a new (empty) store."""
    if "store_meta" not in inspect(conn).get_table_names():
        return None
    value = conn.scalar(select(store_meta.c.value).where(store_meta.c.key == "schema_version"))
    return int(value) if value else None


def _schema_2_to_3(conn: Connection) -> None:
    """Schema 2 → 3: the participant profile, exclusions and live results. Columns are added
    (rows written before read as "no attributes", "the default live results"), the
    ``exclusions`` table is created (with the rest, by ``create_all``), and each workshop's
    settings take the file format's own step 2 → 3 (an empty profile: nothing was asked)."""
    json_type = JSON().compile(dialect=conn.dialect)
    conn.execute(text("ALTER TABLE workshops ADD COLUMN people_revision INTEGER NOT NULL "
                      "DEFAULT 0"))
    conn.execute(text(f"ALTER TABLE participants ADD COLUMN attributes {json_type}"))
    conn.execute(text("ALTER TABLE exercises ADD COLUMN live_results VARCHAR(20)"))
    for code, settings in conn.execute(text("SELECT code, settings FROM workshops")).all():
        conn.execute(update(workshops).where(workshops.c.code == code).values(
            settings=UPGRADES[2](dict(_json(settings)))))


#: Step from store schema n to n + 1, by n (schema 1 is rewritten whole: ``_upgrade_v1_store``).
STORE_UPGRADES: dict[int, Callable[[Connection], None]] = {2: _schema_2_to_3}


def _upgrade_store(conn: Connection) -> None:
    """Bring a store of an older schema up to ``SCHEMA_VERSION``, step by step, in the opening
    transaction: if a step fails, the store is left as it was."""
    version = _schema_version(conn)
    while version is not None and version in STORE_UPGRADES:
        STORE_UPGRADES[version](conn)
        version += 1


# ---- stores written by version 1 -------------------------------------------------------------

# Version 1's tables, and the version-1 document field each of the side tables' rows went to.
_V1_TABLES = ("ballots", "offers", "influence_votes", "matrix_ballots", "participants",
              "exercises", "workshops")


def _is_v1_store(conn: Connection) -> bool:
    """A store written by version 1: its ``exercises`` table has a ``definition`` column."""
    tables = inspect(conn)
    return ("exercises" in tables.get_table_names()
            and "definition" in {c["name"] for c in tables.get_columns("exercises")})


def _upgrade_v1_store(conn: Connection) -> None:
    """Read every workshop of a version-1 store as a version-1 document, drop its tables, and
    write each workshop back upgraded (``file_format.upgrade``), all in this one transaction:
    if any workshop fails to upgrade, nothing changes and the error says which."""
    documents = [_v1_document(conn, code) for code in conn.scalars(
        text("SELECT code FROM workshops ORDER BY code"))]
    upgraded = []
    for document in documents:
        try:
            upgraded.append(Workshop.model_validate(upgrade(document)))
        except ValidationError as error:
            where, problem = first_problem(error)
            raise WorkshopFileError("file.invalid", source=f"store {document['code']}",
                                    where=where, problem=problem,
                                    count=error.error_count()) from None
    for table in _V1_TABLES:
        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))
    metadata.create_all(conn)
    for workshop in upgraded:
        _import(conn, workshop)


def _v1_document(conn: Connection, code: str) -> dict[str, Any]:
    """One workshop of a version-1 store, as version 1 wrote its file."""
    def rows(query: str) -> list[Row[Any]]:
        return list(conn.execute(text(query), {"code": code}))

    settings = rows("SELECT settings FROM workshops WHERE code = :code")[0].settings
    document = dict(settings if isinstance(settings, dict) else _json(settings))
    document["participants"] = [
        {"token": r.token, "group": r.group_id, "language": r.language, "proxy": bool(r.proxy),
         "joined_at": r.joined_at}
        for r in rows("SELECT * FROM participants WHERE code = :code ORDER BY id")]
    cast: dict[str, list[dict[str, Any]]] = {}
    for r in rows("SELECT * FROM ballots WHERE code = :code ORDER BY id"):
        cast.setdefault(r.exercise_id, []).append(
            {"participant": r.participant, "cast_at": r.cast_at, "voters": r.voters,
             "answer": _json(r.answer)})
    offered: dict[str, list[dict[str, Any]]] = {}
    for r in rows("SELECT * FROM offers WHERE code = :code ORDER BY id"):
        offered.setdefault(r.exercise_id, []).append(
            {"participant": r.participant, "pair": [r.item_a, r.item_b],
             "offered_at": r.offered_at})
    document["exercises"] = [
        {**_json(r.definition), "status": r.status, "ballots": cast.get(r.exercise_id, []),
         "offers": offered.get(r.exercise_id, [])}
        for r in rows("SELECT * FROM exercises WHERE code = :code ORDER BY position")]
    document["influence_votes"] = [
        {"participant": r.participant, "cast_at": r.cast_at, "scores": _json(r.scores)}
        for r in rows("SELECT * FROM influence_votes WHERE code = :code ORDER BY id")]
    parts = {part: fields for spec in kinds() for part, fields in spec.v1_store_parts.items()}
    for field, _ in parts.values():
        document[field] = []
    for r in rows("SELECT * FROM matrix_ballots WHERE code = :code ORDER BY id"):
        field, answer = parts[r.part]
        document[field].append({"participant": r.participant, "cast_at": r.cast_at,
                                "voters": r.voters, answer: _json(r.answer)})
    return document


def _json(value: Any) -> Any:
    """A JSON column as read through plain SQL: text on SQLite, already decoded elsewhere."""
    return json.loads(value) if isinstance(value, str) else value
