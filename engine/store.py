"""Persistence: every workshop, participant and ballot, shared by all sessions (SQLAlchemy Core).

By default a SQLite file (``default_url()``); any SQLAlchemy URL scales out (PostgreSQL).
Ballots are only ever inserted: a changed vote is a newer row, and results read each
participant's latest. Every write is one transaction that validates first, so bad input
stores nothing.

SQLite runs in WAL mode with ``synchronous=FULL``: each vote is fsynced, so a field laptop
that loses power keeps every ballot it acknowledged. The cost (a few ms per vote) is far
below what a room of phones can send.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import random
import time
from collections.abc import Iterable
from pathlib import Path

from pydantic import TypeAdapter, ValidationError
from sqlalchemy import (JSON, Column, Integer, MetaData, String, Table, UniqueConstraint, create_engine,
                        delete, event, func, insert, select, update)
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import OperationalError

from engine.errors import (BallotError, NotFoundError, SetupError, StoreBusyError, WorkshopFileError,
                           first_problem)
from engine.model import (SAME_ITEMS_FOR_ALL, Answer, Ballot, Exercise, ExerciseDefinition,
                          InfluenceVote, Item, NetworkProposal, PairOffer, PairwiseAnswer,
                          Participant, Workshop, WorkshopSettings, proxy_token)
from engine.emp import EnvironmentalPlan, InteractionBallot, interaction_ballot
from engine.incentives import IncentiveMatrix, ScoreBallot, score_ballot
from engine.network import Link, NetworkMap
from engine.social_choice import next_pair
from engine.access import new_token
from engine.setup import setup_error, unique_id

__all__ = ["Store", "Stamp", "default_url", "STORE_URL_VARIABLE"]

STORE_URL_VARIABLE = "ASM_STORE_URL"
Stamp = tuple[int, int, int, int, int]
# The workshop-wide matrix exercises: which ballots each keeps, and under which answer field.
_MATRIX_PARTS = {"lim": ("score_ballots", "scores"), "emp": ("interaction_ballots", "ratings")}
_answer = TypeAdapter(Answer)

metadata = MetaData()
workshops = Table(
    "workshops", metadata,
    Column("code", String(8), primary_key=True),
    Column("settings", JSON, nullable=False),
    # Bumped by every set-up or status change, so live views know when to re-read.
    Column("revision", Integer, nullable=False, default=0),
)
exercises = Table(
    "exercises", metadata,
    Column("code", String(8), primary_key=True),
    Column("exercise_id", String(40), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("status", String(10), nullable=False),
    Column("definition", JSON, nullable=False),
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
    UniqueConstraint("code", "token"),
)
# The pairs shown to each participant in a pairwise exercise: a vote must answer one of them.
offers = Table(
    "offers", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # offer order
    Column("code", String(8), nullable=False, index=True),
    Column("exercise_id", String(40), nullable=False),
    Column("participant", String(64), nullable=False),
    Column("item_a", String(40), nullable=False),
    Column("item_b", String(40), nullable=False),
    Column("offered_at", String(40), nullable=False),
)
# Participants' influence scores for the network map's actors (appended, never changed).
influence_votes = Table(
    "influence_votes", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # cast order
    Column("code", String(8), nullable=False, index=True),
    Column("participant", String(64), nullable=False),
    Column("cast_at", String(40), nullable=False),
    Column("scores", JSON, nullable=False),
)
# LIM scores and EMP interaction ratings (appended, never changed): ``part`` says which
# ("lim" or "emp") and ``answer`` holds the ballot's scores or ratings.
matrix_ballots = Table(
    "matrix_ballots", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # cast order
    Column("code", String(8), nullable=False, index=True),
    Column("part", String(3), nullable=False),
    Column("participant", String(64), nullable=False),
    Column("cast_at", String(40), nullable=False),
    Column("voters", Integer, nullable=False),
    Column("answer", JSON, nullable=False),
)
ballots = Table(
    "ballots", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),  # append order
    Column("code", String(8), nullable=False, index=True),
    Column("exercise_id", String(40), nullable=False),
    Column("participant", String(64), nullable=False),
    Column("cast_at", String(40), nullable=False),
    Column("voters", Integer, nullable=False),
    Column("answer", JSON, nullable=False),
)


def _retry_when_busy(write):
    """Run a write again (up to 3 tries) when SQLite says the database is locked.

    Each write is one transaction, so a failed try left nothing behind. Under a burst of phones
    on a busy laptop, a writer can wait longer than SQLite's busy timeout; retrying beats losing
    the vote. If it still fails, the phone is asked to send again (``StoreBusyError``).
    """
    @functools.wraps(write)
    def retrying(*args, **kwargs):
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
    data_home = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    folder = data_home / "asm-workshop-studio"
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'workshops.sqlite3'}"


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
        metadata.create_all(self.engine)

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
            if conn.scalar(select(workshops.c.code).where(workshops.c.code == workshop.code)):
                raise WorkshopFileError("store.code_taken", code=workshop.code)
            conn.execute(insert(workshops).values(
                code=workshop.code, settings=workshop.settings().model_dump(mode="json"), revision=0))
            self._write_exercises(conn, workshop.code, workshop.exercises)
            self._insert_participants(conn, workshop.code, workshop.participants)
            rows = [self._ballot_row(workshop.code, exercise.id, ballot)
                    for exercise in workshop.exercises for ballot in exercise.ballots]
            if rows:
                conn.execute(insert(ballots), rows)
            shown = [_offer_row(workshop.code, exercise.id, offer)
                     for exercise in workshop.exercises for offer in exercise.offers]
            if shown:
                conn.execute(insert(offers), shown)
            votes = [_influence_row(workshop.code, vote) for vote in workshop.influence_votes]
            if votes:
                conn.execute(insert(influence_votes), votes)
            scored = [_matrix_row(workshop.code, part, ballot)
                      for part, (field, _) in _MATRIX_PARTS.items()
                      for ballot in getattr(workshop, field)]
            if scored:
                conn.execute(insert(matrix_ballots), scored)

    def load(self, code: str) -> Workshop:
        """The whole workshop, as its file would hold it."""
        with self.engine.connect() as conn:
            return self._load(conn, code)

    def _load(self, conn: Connection, code: str) -> Workshop:
        settings = self._settings(conn, code)
        people = [_participant(r) for r in conn.execute(
            select(participants).where(participants.c.code == code).order_by(participants.c.id))]
        by_exercise: dict[str, list[dict]] = {}
        for r in conn.execute(select(ballots).where(ballots.c.code == code).order_by(ballots.c.id)):
            by_exercise.setdefault(r.exercise_id, []).append(
                {"participant": r.participant, "cast_at": r.cast_at, "voters": r.voters,
                 "answer": r.answer})
        shown: dict[str, list[dict]] = {}
        for r in conn.execute(select(offers).where(offers.c.code == code).order_by(offers.c.id)):
            shown.setdefault(r.exercise_id, []).append(
                {"participant": r.participant, "pair": (r.item_a, r.item_b),
                 "offered_at": r.offered_at})
        exercise_rows = conn.execute(select(exercises).where(exercises.c.code == code)
                                     .order_by(exercises.c.position)).all()
        votes = [{"participant": r.participant, "cast_at": r.cast_at, "scores": r.scores}
                 for r in conn.execute(select(influence_votes).where(influence_votes.c.code == code)
                                       .order_by(influence_votes.c.id))]
        scored: dict[str, list[dict]] = {field: [] for field, _ in _MATRIX_PARTS.values()}
        for r in conn.execute(select(matrix_ballots).where(matrix_ballots.c.code == code)
                              .order_by(matrix_ballots.c.id)):
            field, answer = _MATRIX_PARTS[r.part]
            scored[field].append({"participant": r.participant, "cast_at": r.cast_at,
                                  "voters": r.voters, answer: r.answer})
        return Workshop.model_validate({
            **settings,
            **scored,
            "influence_votes": votes,
            "participants": [p.model_dump() for p in people],
            "exercises": [{**r.definition, "status": r.status,
                           "ballots": by_exercise.get(r.exercise_id, []),
                           "offers": shown.get(r.exercise_id, [])} for r in exercise_rows],
        })

    def delete(self, code: str) -> None:
        """Remove a workshop and everything recorded in it, for good."""
        with self.engine.begin() as conn:
            self._settings(conn, code)
            for table in (ballots, offers, influence_votes, matrix_ballots, participants,
                          exercises, workshops):
                conn.execute(delete(table).where(table.c.code == code))

    def stamp(self, code: str) -> Stamp:
        """A cheap fingerprint that changes whenever anything results depend on changes.

        (set-up revision, participant count, last ballot id, last influence vote id, last LIM
        or EMP ballot id): live views compare it on each tick and recompute results only when
        it moved.
        """
        with self.engine.connect() as conn:
            revision = conn.scalar(select(workshops.c.revision).where(workshops.c.code == code))
            if revision is None:
                raise NotFoundError("workshop.unknown_code", code=code)
            joined = conn.scalar(select(func.count()).where(participants.c.code == code))
            last = conn.scalar(select(func.max(ballots.c.id)).where(ballots.c.code == code))
            rated = conn.scalar(select(func.max(influence_votes.c.id))
                                .where(influence_votes.c.code == code))
            scored = conn.scalar(select(func.max(matrix_ballots.c.id))
                                 .where(matrix_ballots.c.code == code))
        return revision, joined, last or 0, rated or 0, scored or 0

    # ---- set-up ----------------------------------------------------------------------------

    @_retry_when_busy
    def save_setup(self, settings: WorkshopSettings, definitions: list[ExerciseDefinition]) -> None:
        """Replace the workshop's settings and exercise definitions, keeping statuses and ballots.

        The result is validated as a whole workshop first: removing a group that has
        participants, or an item that has ballots, is refused and nothing is written.
        """
        with self.engine.begin() as conn:
            # Bump the revision first: the write lock is then ours, so no ballot can slip in
            # between the check below and the write (SQLite starts a transaction at a write).
            bumped = conn.execute(update(workshops).where(workshops.c.code == settings.code)
                                  .values(revision=workshops.c.revision + 1))
            if bumped.rowcount == 0:
                raise NotFoundError("workshop.unknown_code", code=settings.code)
            current = self._load(conn, settings.code)
            # Proposals change only through propose/review: a page saving the settings it read
            # earlier must not drop one that arrived meanwhile.
            settings = settings.model_copy(update={"network_proposals": current.network_proposals})
            workshop = self._checked_setup(current, settings, definitions)
            conn.execute(update(workshops).where(workshops.c.code == settings.code).values(
                settings=workshop.settings().model_dump(mode="json")))
            conn.execute(delete(exercises).where(exercises.c.code == settings.code))
            self._write_exercises(conn, settings.code, workshop.exercises)

    @staticmethod
    def _checked_setup(current: Workshop, settings: WorkshopSettings,
                       definitions: list[ExerciseDefinition]) -> Workshop:
        """The workshop the set-up change would make, validated whole; ``SetupError`` if not."""
        statuses = {e.id: e for e in current.exercises}
        proposed = {
            **settings.model_dump(),
            "participants": [p.model_dump() for p in current.participants],
            # Kept to be checked: an actor people have rated cannot leave the map, nor a scored
            # instrument or rated cell the LIM or EMP.
            "influence_votes": [v.model_dump() for v in current.influence_votes],
            "score_ballots": [b.model_dump() for b in current.score_ballots],
            "interaction_ballots": [b.model_dump() for b in current.interaction_ballots],
            "exercises": [{**d.model_dump(),
                           "status": statuses[d.id].status if d.id in statuses else "draft",
                           "ballots": [b.model_dump() for b in statuses[d.id].ballots]
                           if d.id in statuses else [],
                           "offers": [o.model_dump() for o in statuses[d.id].offers]
                           if d.id in statuses else []} for d in definitions],
        }
        locked = [d.id for d in definitions if d.id in statuses
                  and (statuses[d.id].ballots or statuses[d.id].status != "draft")
                  and d.group_weights != statuses[d.id].group_weights]
        if locked:  # weights are part of the rules of a vote: fixed before voting opens
            raise SetupError("setup.weights_locked", exercise=", ".join(locked))
        kept = {d.id for d in definitions}
        dropped = [e.id for e in current.exercises if e.ballots and e.id not in kept]
        if dropped:
            raise SetupError("setup.exercise_has_ballots", exercise=", ".join(dropped))
        try:
            return Workshop.model_validate(proposed)
        except ValidationError as error:
            raise setup_error(error) from None

    @_retry_when_busy
    def set_status(self, code: str, exercise_id: str, status: str) -> None:
        """Open or close an exercise (or put it back to draft)."""
        if status not in ("draft", "open", "closed"):
            raise SetupError("setup.bad_status", status=status)
        with self.engine.begin() as conn:
            found = conn.execute(update(exercises).where(
                exercises.c.code == code, exercises.c.exercise_id == exercise_id).values(status=status))
            if found.rowcount == 0:
                raise NotFoundError("exercise.unknown", exercise=exercise_id)
            conn.execute(update(workshops).where(workshops.c.code == code)
                         .values(revision=workshops.c.revision + 1))

    # ---- participants and ballots ----------------------------------------------------------

    @_retry_when_busy
    def join(self, code: str, group_id: str, language: str, now: dt.datetime) -> Participant:
        """Register a new anonymous participant in ``group_id`` and return them."""
        with self.engine.begin() as conn:
            settings = WorkshopSettings.model_validate(self._settings(conn, code))
            if group_id not in {group.id for group in settings.groups}:
                raise NotFoundError("group.unknown", group=group_id)
            participant = Participant(token=new_token(), group=group_id, language=language,
                                      joined_at=now)
            self._insert_participants(conn, code, [participant])
        return participant

    def participant(self, code: str, token: str) -> Participant:
        """The participant with this token in this workshop (a group's proxy is not one)."""
        with self.engine.connect() as conn:
            return self._voter(conn, code, token)

    @_retry_when_busy
    def cast(self, code: str, exercise_id: str, token: str, answer: dict | Answer,
             now: dt.datetime) -> Ballot:
        """Append a participant's ballot, after checking the exercise is open and the answer valid."""
        return self._append(code, exercise_id, token, answer, now, voters=1)

    @_retry_when_busy
    def cast_proxy(self, code: str, exercise_id: str, group_id: str, voters: int,
                   answer: dict | Answer, now: dt.datetime) -> Ballot:
        """Append a group's proxy tally for ``voters`` people without phones.

        Recorded under the group's proxy participant; a later tally for the same group
        supersedes the earlier one (both stay in the audit trail).
        """
        if voters < 1:
            raise BallotError("ballot.no_voters")
        with self.engine.begin() as conn:
            self._hold(conn, code)
            token = self._proxy(conn, code, group_id, now)
            return self._append_in(conn, code, exercise_id, token, answer, now, voters)

    def _proxy(self, conn: Connection, code: str, group_id: str, now: dt.datetime) -> str:
        """The token of ``group_id``'s proxy participant, registered on its first tally."""
        settings = WorkshopSettings.model_validate(self._settings(conn, code))
        if group_id not in {group.id for group in settings.groups}:
            raise NotFoundError("group.unknown", group=group_id)
        token = proxy_token(group_id)
        known = conn.scalar(select(participants.c.token).where(
            participants.c.code == code, participants.c.token == token))
        if not known:
            proxy = Participant(token=token, group=group_id, language=settings.language,
                                proxy=True, joined_at=now)
            self._insert_participants(conn, code, [proxy])
        return token

    def _append(self, code, exercise_id, token, answer, now, voters) -> Ballot:
        with self.engine.begin() as conn:
            self._hold(conn, code)
            self._voter(conn, code, token)
            return self._append_in(conn, code, exercise_id, token, answer, now, voters)

    def _append_in(self, conn: Connection, code, exercise_id, token, answer, now, voters) -> Ballot:
        row = conn.execute(select(exercises).where(
            exercises.c.code == code, exercises.c.exercise_id == exercise_id)).first()
        if row is None:
            raise NotFoundError("exercise.unknown", exercise=exercise_id)
        if row.status != "open":
            raise BallotError("ballot.exercise_not_open", status=row.status)
        exercise = ExerciseDefinition.model_validate(row.definition)
        try:
            parsed = answer if not isinstance(answer, dict) else _answer.validate_python(answer)
        except ValidationError as error:
            where, problem = first_problem(error)
            raise BallotError("ballot.malformed", where=where, problem=problem) from None
        if parsed.method != exercise.method:
            raise BallotError("ballot.wrong_method", method=parsed.method)
        parsed.check(exercise, voters)
        if parsed.method == "pairwise" and not self._was_offered(conn, code, exercise_id, token,
                                                                 parsed.pair):
            raise BallotError("ballot.pair_not_offered")
        ballot = Ballot(participant=token, cast_at=now, voters=voters, answer=parsed)
        conn.execute(insert(ballots).values(self._ballot_row(code, exercise_id, ballot)))
        return ballot

    # ---- pairwise offers and proposed items -------------------------------------------------

    @_retry_when_busy
    def offer_pair(self, code: str, exercise_id: str, token: str, now: dt.datetime,
                   rng: random.Random | None = None) -> tuple[str, str] | None:
        """The pair this participant should answer next, recorded as shown; None when done.

        A pair shown but not answered yet is shown again (a reload keeps the same pair).
        Otherwise a new pair is chosen adaptively (``social_choice.next_pair``: items compared
        least so far first, never a pair this participant already answered), until the
        participant has answered ``pairs_per_person`` pairs or seen every pair.
        """
        with self.engine.begin() as conn:
            self._voter(conn, code, token)
            exercise = self._load(conn, code).exercise(exercise_id)
            if exercise.status != "open":
                raise BallotError("ballot.exercise_not_open", status=exercise.status)
            answered = {frozenset(b.answer.pair) for b in exercise.ballots if b.participant == token}
            mine = [o for o in exercise.offers if o.participant == token]
            waiting = [o.pair for o in mine if frozenset(o.pair) not in answered]
            if waiting:
                return waiting[-1]
            if len(answered) >= exercise.pairs_per_person:
                return None
            comparisons = [(b.answer.choice, _other(b.answer), b.voters) for b in exercise.ballots]
            pair = next_pair([i.id for i in exercise.votable_items()], comparisons,
                             [tuple(p) for p in answered], rng or random.Random())
            if pair is None:
                return None
            offer = PairOffer(participant=token, pair=pair, offered_at=now)
            conn.execute(insert(offers).values(_offer_row(code, exercise_id, offer)))
            return offer.pair

    @_retry_when_busy
    def cast_influence(self, code: str, token: str, scores: dict, now: dt.datetime
                       ) -> InfluenceVote:
        """Append a participant's influence scores (0–5) for actors of the network map."""
        with self.engine.begin() as conn:
            self._hold(conn, code)
            self._voter(conn, code, token)
            settings = WorkshopSettings.model_validate(self._settings(conn, code))
            if settings.network is None or not settings.network_open:
                raise BallotError("ballot.map_not_open")
            try:
                vote = InfluenceVote(participant=token, cast_at=now, scores=scores)
            except ValidationError as error:
                where, problem = first_problem(error)
                raise BallotError("ballot.malformed", where=where, problem=problem) from None
            unknown = sorted(set(vote.scores) - {a.id for a in settings.network.actors})
            if unknown:
                raise BallotError("ballot.unknown_actors", actors=", ".join(unknown))
            conn.execute(insert(influence_votes).values(_influence_row(code, vote)))
            return vote

    @_retry_when_busy
    def save_part(self, code: str, part: str, design: IncentiveMatrix | EnvironmentalPlan | None
                  ) -> None:
        """Replace the workshop's LIM (``part="lim"``) or EMP (``"emp"``), or remove it (None).

        Only that part of the settings changes, so a page saving the LIM never undoes a change
        to the map or the EMP made meanwhile. The workshop is validated whole first: an
        instrument someone scored, or a cell someone rated, cannot be removed.
        """
        if part not in _MATRIX_PARTS:
            raise NotFoundError("exercise.unknown", exercise=part)
        with self.engine.begin() as conn:
            settings = self._locked_settings(conn, code)
            current = self._load(conn, code)
            try:
                Workshop.model_validate({**current.model_dump(), part: design})
            except ValidationError as error:
                raise setup_error(error) from None
            self._write_settings(conn, code, settings.model_copy(update={part: design}))

    @_retry_when_busy
    def set_open(self, code: str, part: str, open: bool) -> None:
        """Open the LIM, the EMP or the stakeholder map (``part``: "lim", "emp", "network") to
        phones, or close it; nothing else changes.

        Read under the write lock, so a switch flipped on one page never undoes an edit saved
        from another meanwhile.
        """
        if part not in (*_MATRIX_PARTS, "network"):
            raise NotFoundError("exercise.unknown", exercise=part)
        with self.engine.begin() as conn:
            settings = self._locked_settings(conn, code)
            if part == "network":
                change = {"network_open": open}
            else:
                design = getattr(settings, part)
                if design is None:
                    raise NotFoundError({"lim": "lim.no_matrix", "emp": "emp.no_plan"}[part],
                                        code=code)
                change = {part: design.model_copy(update={"open": open})}
            self._write_settings(conn, code, settings.model_copy(update=change))

    def cast_scores(self, code: str, token: str, scores: dict, now: dt.datetime) -> ScoreBallot:
        """Append a participant's LIM scores (1–5 on every criterion) of one or more instruments.

        Refused, with nothing stored, unless the LIM is open and the scores fit it
        (``incentives.check_scores``).
        """
        return self._cast_matrix(code, "lim", token, scores, now)

    def cast_interactions(self, code: str, token: str, ratings: dict, now: dt.datetime
                          ) -> InteractionBallot:
        """Append a participant's + / N / - ratings of one or more cells of the EMP matrix.

        Refused, with nothing stored, unless the EMP is open and the ratings fit its matrix
        (``emp.check_interactions``).
        """
        return self._cast_matrix(code, "emp", token, ratings, now)

    def cast_matrix_proxy(self, code: str, part: str, group_id: str, voters: int,
                          answers: dict, now: dt.datetime) -> ScoreBallot | InteractionBallot:
        """Append a group's flipchart for ``voters`` people without phones: LIM scores
        (``part="lim"``) or EMP ratings (``"emp"``) they agreed together.

        Recorded under the group's proxy participant, as ``cast_proxy`` does for an exercise:
        a later tally of the same instrument or cell replaces the earlier one in the results.
        """
        if voters < 1:
            raise BallotError("ballot.no_voters")
        return self._cast_matrix(code, part, None, answers, now, group_id, voters)

    @_retry_when_busy
    def _cast_matrix(self, code: str, part: str, token: str | None, answers: dict,
                     now: dt.datetime, group_id: str | None = None, voters: int = 1
                     ) -> ScoreBallot | InteractionBallot:
        """Check and append one LIM or EMP ballot: a phone's (``token``) or a group's proxy."""
        if part not in _MATRIX_PARTS:
            raise NotFoundError("exercise.unknown", exercise=part)
        with self.engine.begin() as conn:
            self._hold(conn, code)
            if group_id is None:
                self._voter(conn, code, token)
            else:
                token = self._proxy(conn, code, group_id, now)
            settings = WorkshopSettings.model_validate(self._settings(conn, code))
            if part == "lim":
                if settings.lim is None or not settings.lim.open:
                    raise BallotError("ballot.lim_not_open")
                ballot = score_ballot(token, now, answers, settings.lim.instruments, voters)
            else:
                if settings.emp is None or not settings.emp.open:
                    raise BallotError("ballot.emp_not_open")
                ballot = interaction_ballot(token, now, answers, settings.emp.land_uses,
                                            settings.emp.values, voters)
            conn.execute(insert(matrix_ballots).values(_matrix_row(code, part, ballot)))
            return ballot

    @_retry_when_busy
    def propose_to_network(self, code: str, token: str, now: dt.datetime, *,
                           actor_label: str | None = None, lang: str = "en",
                           link: dict | None = None) -> NetworkProposal:
        """A participant proposes an actor (by name) or a link for the map; it waits for the
        facilitator (``review_network_proposal``). Nothing is stored if it could not join the
        map as it stands (an unknown actor, a duplicate link or name)."""
        with self.engine.begin() as conn:
            proposer = self._voter(conn, code, token)
            settings = self._locked_settings(conn, code)
            if settings.network is None or not settings.network_open:
                raise BallotError("ballot.map_not_open")
            taken = ({a.id for a in settings.network.actors}
                     | {p.id for p in settings.network_proposals})
            try:
                if actor_label is not None:
                    thing = {"actor": {"id": unique_id(actor_label, taken, "actor"),
                                       "label": {lang: actor_label}}}
                    name = actor_label
                else:
                    thing = {"link": Link.model_validate(link)}
                    name = f"{thing['link'].source}-{thing['link'].target}"
                proposal = NetworkProposal(id=unique_id(name, taken, "proposal"),
                                           proposed_by=proposer.group, proposed_at=now, **thing)
                _with_proposal(settings.network, proposal)
            except ValidationError as error:
                where, problem = first_problem(error)
                raise BallotError("ballot.malformed", where=where, problem=problem) from None
            self._write_settings(conn, code, settings.model_copy(update={
                "network_proposals": [*settings.network_proposals, proposal]}))
            return proposal

    @_retry_when_busy
    def review_network_proposal(self, code: str, proposal_id: str, approve: bool) -> None:
        """Approve a proposal (its actor or link joins the map, validated) or reject it."""
        with self.engine.begin() as conn:
            settings = self._locked_settings(conn, code)
            proposal = next((p for p in settings.network_proposals if p.id == proposal_id), None)
            if proposal is None:
                raise NotFoundError("proposal.unknown", item=proposal_id)
            network = settings.network
            if approve:
                try:
                    network = _with_proposal(network, proposal)
                except ValidationError as error:
                    raise setup_error(error) from None
            self._write_settings(conn, code, settings.model_copy(update={
                "network": network,
                "network_proposals": [p for p in settings.network_proposals
                                      if p.id != proposal_id]}))

    @staticmethod
    def _hold(conn: Connection, code: str) -> None:
        """Take the workshop's write lock before reading what a ballot is checked against.

        A no-op write: on SQLite the database's write lock, on PostgreSQL the workshop row's.
        A set-up change takes the same lock first (its revision bump), so a ballot can never
        be checked against a matrix or an exercise that a change commits before the ballot
        does: the ballot would then name an instrument, cell or item no longer there, and the
        workshop would no longer load. The revision is left alone, so live views do not reload.
        """
        held = conn.execute(update(workshops).where(workshops.c.code == code)
                            .values(code=workshops.c.code))
        if held.rowcount == 0:
            raise NotFoundError("workshop.unknown_code", code=code)

    def _locked_settings(self, conn: Connection, code: str) -> WorkshopSettings:
        """The settings, read after taking the write lock (a revision bump comes first)."""
        bumped = conn.execute(update(workshops).where(workshops.c.code == code)
                              .values(revision=workshops.c.revision + 1))
        if bumped.rowcount == 0:
            raise NotFoundError("workshop.unknown_code", code=code)
        return WorkshopSettings.model_validate(self._settings(conn, code))

    @staticmethod
    def _write_settings(conn: Connection, code: str, settings: WorkshopSettings) -> None:
        conn.execute(update(workshops).where(workshops.c.code == code).values(
            settings=settings.model_dump(mode="json")))

    @_retry_when_busy
    def propose_item(self, code: str, exercise_id: str, token: str, text: str, lang: str
                     ) -> Item:
        """A participant's suggestion of an item, waiting for the facilitator's approval."""
        with self.engine.begin() as conn:
            proposer = self._voter(conn, code, token)
            exercise = self._load(conn, code).exercise(exercise_id)
            if exercise.status == "closed":
                raise BallotError("ballot.exercise_not_open", status=exercise.status)
            try:
                item = Item(id=unique_id(text, {i.id for i in exercise.items}, "item"),
                            label={lang: text}, proposed_by=proposer.group, approved=False)
            except ValidationError as error:
                where, problem = first_problem(error)
                raise BallotError("ballot.malformed", where=where, problem=problem) from None
            self._replace_definition(conn, code, exercise.definition().model_copy(
                update={"items": [*exercise.items, item]}))
            return item

    @_retry_when_busy
    def review_proposal(self, code: str, exercise_id: str, item_id: str, approve: bool) -> None:
        """Approve a proposed item (it becomes votable) or reject it (it is removed)."""
        with self.engine.begin() as conn:
            exercise = self._load(conn, code).exercise(exercise_id)
            proposal = next((i for i in exercise.items if i.id == item_id and not i.approved), None)
            if proposal is None:
                raise NotFoundError("proposal.unknown", item=item_id)
            if approve and exercise.method in SAME_ITEMS_FOR_ALL and exercise.ballots:
                raise SetupError("setup.approve_before_votes")
            items = [i.model_copy(update={"approved": True}) if i.id == item_id else i
                     for i in exercise.items if approve or i.id != item_id]
            self._replace_definition(conn, code, exercise.definition().model_copy(
                update={"items": items}))

    def _replace_definition(self, conn: Connection, code: str,
                            definition: ExerciseDefinition) -> None:
        conn.execute(update(exercises).where(
            exercises.c.code == code, exercises.c.exercise_id == definition.id).values(
            definition=definition.model_dump(mode="json")))
        conn.execute(update(workshops).where(workshops.c.code == code)
                     .values(revision=workshops.c.revision + 1))

    @staticmethod
    def _voter(conn: Connection, code: str, token: str) -> Participant:
        """The participant behind a phone's token (never a group's proxy)."""
        row = conn.execute(select(participants).where(
            participants.c.code == code, participants.c.token == token)).first()
        if row is None or row.proxy:
            raise NotFoundError("participant.unknown")
        return _participant(row)

    @staticmethod
    def _was_offered(conn: Connection, code: str, exercise_id: str, token: str,
                     pair: tuple[str, str]) -> bool:
        return conn.scalar(select(func.count()).where(
            offers.c.code == code, offers.c.exercise_id == exercise_id,
            offers.c.participant == token,
            ((offers.c.item_a == pair[0]) & (offers.c.item_b == pair[1]))
            | ((offers.c.item_a == pair[1]) & (offers.c.item_b == pair[0])))) > 0

    # ---- helpers ---------------------------------------------------------------------------

    @staticmethod
    def _settings(conn: Connection, code: str) -> dict:
        settings = conn.scalar(select(workshops.c.settings).where(workshops.c.code == code))
        if settings is None:
            raise NotFoundError("workshop.unknown_code", code=code)
        return settings

    @staticmethod
    def _write_exercises(conn: Connection, code: str, items: Iterable[Exercise]) -> None:
        rows = [{"code": code, "exercise_id": e.id, "position": position, "status": e.status,
                 "definition": e.definition().model_dump(mode="json")}
                for position, e in enumerate(items)]
        if rows:
            conn.execute(insert(exercises), rows)

    @staticmethod
    def _insert_participants(conn: Connection, code: str, people: Iterable[Participant]) -> None:
        rows = [{"code": code, "token": p.token, "group_id": p.group, "language": p.language,
                 "proxy": int(p.proxy), "joined_at": p.model_dump(mode="json")["joined_at"]}
                for p in people]
        if rows:
            conn.execute(insert(participants), rows)

    @staticmethod
    def _ballot_row(code: str, exercise_id: str, ballot: Ballot) -> dict:
        data = ballot.model_dump(mode="json")
        return {"code": code, "exercise_id": exercise_id, "participant": data["participant"],
                "cast_at": data["cast_at"], "voters": data["voters"], "answer": data["answer"]}


def _other(answer: PairwiseAnswer) -> str:
    """The item of the pair that was not chosen."""
    return answer.pair[1] if answer.choice == answer.pair[0] else answer.pair[0]


def _with_proposal(network: NetworkMap, proposal: NetworkProposal) -> NetworkMap:
    """The map with the proposal's actor or link added, validated as a whole."""
    grown = network.model_dump()
    if proposal.actor is not None:
        grown["actors"].append(proposal.actor.model_dump())
    else:
        grown["links"].append(proposal.link.model_dump())
    return NetworkMap.model_validate(grown)


def _influence_row(code: str, vote: InfluenceVote) -> dict:
    data = vote.model_dump(mode="json")
    return {"code": code, "participant": data["participant"], "cast_at": data["cast_at"],
            "scores": data["scores"]}


def _matrix_row(code: str, part: str, ballot: ScoreBallot | InteractionBallot) -> dict:
    data = ballot.model_dump(mode="json")
    return {"code": code, "part": part, "participant": data["participant"],
            "cast_at": data["cast_at"], "voters": data["voters"],
            "answer": data[_MATRIX_PARTS[part][1]]}


def _offer_row(code: str, exercise_id: str, offer: PairOffer) -> dict:
    return {"code": code, "exercise_id": exercise_id, "participant": offer.participant,
            "item_a": offer.pair[0], "item_b": offer.pair[1],
            "offered_at": offer.model_dump(mode="json")["offered_at"]}


def _participant(row) -> Participant:
    return Participant(token=row.token, group=row.group_id, language=row.language,
                       proxy=bool(row.proxy), joined_at=row.joined_at)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    """WAL lets readers run beside a writer; busy_timeout queues writers instead of failing."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()
