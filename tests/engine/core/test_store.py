"""The shared store: what is imported comes back unchanged, ballots are only appended, bad input
stores nothing, live views read only what changed, and a store of version 1 upgrades when
opened. Every test runs against SQLite (a file in tmp_path) and PostgreSQL.

PostgreSQL: ``$ASM_TEST_POSTGRES_URL`` or the local test server; the module works in a fresh
schema, dropped afterwards, and every test starts and ends with all tables empty. If the server
cannot be reached those tests are skipped, saying why.
"""

from __future__ import annotations

import datetime as dt
import gzip
import shutil
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select, text

from engine.core.errors import (BallotError, EngineError, NotFoundError, SetupError,
                                WorkshopFileError)
from engine.core.exercise import kind
from engine.core.file_format import dump_workshop, read_workshop
from engine.core.live import LiveWorkshop
from engine.core.records import proxy_token
from engine.core.store import Store, ballots, metadata
from engine.core.workshop import Workshop
from engine.exercises.prioritisation.results import ExerciseResult, results

from factories import CODE, at, beans, matrix_exercise, small_workshop, tokens_exercise

ROOT = Path(__file__).parents[3]
SAMPLES = sorted((ROOT / "sample_workshops").glob("*.json"))
PEOPLE = {"women": ["woman-1", "woman-2", "woman-3"], "miners": ["miner-1"],
          "office": ["officer-1"]}
WORKSHOP_TABLES = tuple(table for table in metadata.sorted_tables
                        if "code" in table.c)  # a workshop's rows


def store_workshop() -> Workshop:
    """Three groups, five people; ``beans`` and ``matrix`` open, ``later`` draft, ``done`` closed.

    ``beans`` already has two ballots (woman-1 for water and mercury, miner-1 for roads)."""
    return small_workshop(PEOPLE, [
        tokens_exercise("beans", ["water", "mercury", "roads"], [
            beans("woman-1", minute=1, water=6, mercury=4), beans("miner-1", minute=2, roads=10)]),
        matrix_exercise("matrix", ["training", "retort"]),
        tokens_exercise("later", ["water", "roads"], status="draft"),
        tokens_exercise("done", ["water", "roads"], status="closed"),
    ])


@pytest.fixture
def filled(store) -> Store:
    """The store holding ``store_workshop()`` under ``CODE``."""
    store.import_workshop(store_workshop())
    return store


# ---- helpers ----------------------------------------------------------------------------------

def ballot_rows(store: Store, exercise_id: str | None = None) -> list[tuple]:
    """(participant, voters, answer) of every ballot row, in append order."""
    query = select(ballots.c.participant, ballots.c.voters, ballots.c.answer).order_by(ballots.c.id)
    if exercise_id:
        query = query.where(ballots.c.exercise_id == exercise_id)
    with store.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(query)]


def row_counts(store: Store, code: str = CODE) -> dict[str, int]:
    """Rows of each table belonging to workshop ``code``."""
    with store.engine.connect() as conn:
        return {table.name: conn.scalar(select(func.count()).select_from(table)
                                        .where(table.c.code == code)) for table in WORKSHOP_TABLES}


def snapshot(store: Store, code: str = CODE) -> tuple[str, dict[str, int], tuple[str, int]]:
    """Everything a user could see of a stored workshop: its file text, row counts and revision."""
    return dump_workshop(store.load(code)), row_counts(store, code), store.revision(code)


def bean_answer(**counts: int) -> dict:
    return {"method": "tokens", "beans": counts}


def matrix_answer(**pairs: tuple[int, int]) -> dict:
    return {"method": "importance-urgency",
            "ratings": {item: {"importance": i, "urgency": u} for item, (i, u) in pairs.items()}}


def result_of(workshop: Workshop, exercise_id: str = "beans") -> ExerciseResult:
    """A prioritisation's person-weighted result, as the results page shows it."""
    return results(workshop.exercise(exercise_id), workshop.room())


def bean_counts(store: Store, exercise_id: str = "beans") -> dict[str, int]:
    """Person-weighted bean totals of the stored workshop, as the results page shows them."""
    return {r.item: r.beans for r in result_of(store.load(CODE), exercise_id).items}


# ---- whole workshops --------------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_sample_round_trips_byte_identical(store, path):
    """Import, load back, export: the file text is exactly the sample's."""
    workshop = read_workshop(path)
    store.import_workshop(workshop)
    assert dump_workshop(store.load(workshop.code)) == path.read_text(encoding="utf-8")
    assert store.codes() == [workshop.code]
    assert [s.code for s in store.list_settings()] == [workshop.code]


def test_list_settings_newest_first(store):
    older = store_workshop().model_copy(update={"code": "PASTE", "date": dt.date(2025, 3, 1)})
    store.import_workshop(older)
    store.import_workshop(store_workshop())
    assert [s.code for s in store.list_settings()] == [CODE, "PASTE"]
    assert store.codes() == ["PASTE", CODE]


def test_import_refuses_a_taken_code_and_changes_nothing(filled):
    before = snapshot(filled)
    retitled = store_workshop().model_copy(update={"title": "Another workshop"})
    with pytest.raises(WorkshopFileError) as error:
        filled.import_workshop(retitled)
    assert error.value.key == "store.code_taken"
    assert error.value.params == {"code": CODE}
    assert snapshot(filled) == before
    assert filled.codes() == [CODE]


def test_delete_removes_everything_and_only_that_workshop(filled):
    filled.import_workshop(read_workshop(SAMPLES[0]))
    other = read_workshop(SAMPLES[0]).code
    other_text = dump_workshop(filled.load(other))
    filled.delete(CODE)
    assert row_counts(filled, CODE) == {table.name: 0 for table in WORKSHOP_TABLES}
    assert filled.codes() == [other]
    with pytest.raises(NotFoundError) as error:
        filled.load(CODE)
    assert error.value.key == "workshop.unknown_code"
    assert dump_workshop(filled.load(other)) == other_text
    with pytest.raises(NotFoundError):
        filled.delete(CODE)


# ---- ballots ----------------------------------------------------------------------------------

def test_revote_appends_and_results_use_the_newer(filled):
    """Ballots are only inserted: the changed vote is a second row; results read the newer one."""
    woman = "woman-2"
    filled.cast(CODE, "beans", woman, bean_answer(water=10), at(10))
    filled.cast(CODE, "beans", woman, bean_answer(mercury=3, roads=7), at(11))
    assert [row for row in ballot_rows(filled, "beans") if row[0] == woman] == [
        (woman, 1, bean_answer(water=10)), (woman, 1, bean_answer(mercury=3, roads=7))]
    # woman-1: water 6, mercury 4; miner-1: roads 10; woman-2's newer ballot: mercury 3, roads 7
    assert bean_counts(filled) == {"water": 6, "mercury": 7, "roads": 17}
    assert result_of(filled.load(CODE)).voters == 3


def test_cast_returns_the_stored_ballot(filled):
    ballot = filled.cast(CODE, "matrix", "officer-1",
                         matrix_answer(training=(5, 4), retort=(2, 1)), at(12))
    assert (ballot.participant, ballot.voters, ballot.cast_at) == ("officer-1", 1, at(12))
    assert filled.load(CODE).exercise("matrix").ballots == [ballot]


BAD_BALLOTS = {
    # name: (exercise, participant, answer, error class, key)
    "over budget": ("beans", "woman-2", bean_answer(water=6, roads=5), BallotError,
                    "ballot.over_budget"),
    "under budget": ("beans", "woman-2", bean_answer(water=9), BallotError, "ballot.under_budget"),
    "unknown item": ("beans", "woman-2", bean_answer(water=5, gold=5), BallotError,
                     "ballot.unknown_items"),
    "wrong method": ("beans", "woman-2", matrix_answer(water=(3, 3)), BallotError,
                     "ballot.wrong_method"),
    "unrated item": ("matrix", "woman-2", matrix_answer(training=(3, 3)), BallotError,
                     "ballot.unrated_items"),
    "rating off scale": ("matrix", "woman-2", matrix_answer(training=(6, 3), retort=(1, 1)),
                         BallotError, "ballot.malformed"),
    "negative beans": ("beans", "woman-2", bean_answer(water=11, roads=-1), BallotError,
                       "ballot.malformed"),
    "malformed answer": ("beans", "woman-2", {"method": "tokens", "beens": {"water": 10}},
                         BallotError, "ballot.malformed"),
    "no method": ("beans", "woman-2", {"beans": {"water": 10}}, BallotError, "ballot.malformed"),
    "unknown participant": ("beans", "stranger-1", bean_answer(water=10), NotFoundError,
                            "participant.unknown"),
    "draft exercise": ("later", "woman-2", bean_answer(water=10), BallotError,
                       "ballot.exercise_not_open"),
    "closed exercise": ("done", "woman-2", bean_answer(water=10), BallotError,
                        "ballot.exercise_not_open"),
    "unknown exercise": ("nope", "woman-2", bean_answer(water=10), NotFoundError,
                         "exercise.unknown"),
}


@pytest.mark.parametrize("exercise_id, token, answer, error_class, key", BAD_BALLOTS.values(),
                         ids=BAD_BALLOTS.keys())
def test_bad_ballot_stores_nothing(filled, exercise_id, token, answer, error_class, key):
    before = snapshot(filled)
    with pytest.raises(error_class) as error:
        filled.cast(CODE, exercise_id, token, answer, at(20))
    assert error.value.key == key
    assert len(ballot_rows(filled)) == 2
    assert snapshot(filled) == before


def test_ballot_for_unknown_workshop_is_not_found(filled):
    with pytest.raises(NotFoundError) as error:
        filled.cast("ZZZZZ", "beans", "woman-2", bean_answer(water=10), at(20))
    assert error.value.key == "workshop.unknown_code"
    assert len(ballot_rows(filled)) == 2


def test_proxy_tally_twice_supersedes_and_keeps_both_rows(filled):
    """A corrected flipchart count supersedes the first (results count only the second), and both
    rows stay in the audit trail."""
    first = bean_answer(water=12, mercury=18)  # 3 people × 10 beans
    second = bean_answer(water=5, roads=15)  # recounted: 2 people
    filled.cast_proxy(CODE, "beans", "women", 3, first, at(30))
    filled.cast_proxy(CODE, "beans", "women", 2, second, at(31))
    proxy = proxy_token("women")
    assert [row for row in ballot_rows(filled, "beans") if row[0] == proxy] == [
        (proxy, 3, first), (proxy, 2, second)]
    workshop = filled.load(CODE)
    assert [p.token for p in workshop.participants if p.proxy] == [proxy]
    result = result_of(workshop)
    # woman-1 water 6 mercury 4; miner-1 roads 10; proxy ×2 water 5 roads 15 → 40 beans, 4 voters
    assert {r.item: r.beans for r in result.items} == {"water": 11, "mercury": 4, "roads": 25}
    assert result.voters == 4
    women = next(t for t in result.turnout if t.group == "women")
    assert (women.voted, women.joined) == (3, 3)  # woman-1 + 2 behind the tally; 3 phones joined


@pytest.mark.parametrize("group, voters, answer, error_class, key", [
    ("women", 2, bean_answer(water=10), BallotError, "ballot.under_budget"),  # 2 people: 20 beans
    ("women", 0, bean_answer(), BallotError, "ballot.no_voters"),
    ("elders", 1, bean_answer(water=10), NotFoundError, "group.unknown"),
])
def test_bad_proxy_tally_stores_nothing(filled, group, voters, answer, error_class, key):
    """Not even the proxy participant is created when the tally is refused."""
    before = snapshot(filled)
    with pytest.raises(error_class) as error:
        filled.cast_proxy(CODE, "beans", group, voters, answer, at(30))
    assert error.value.key == key
    assert snapshot(filled) == before


def test_a_phone_cannot_vote_as_the_proxy_tally(filled):
    """The proxy token is public knowledge (``proxy-<group>``); only ``cast_proxy`` may use it."""
    filled.cast_proxy(CODE, "beans", "women", 3, bean_answer(water=30), at(30))
    before = snapshot(filled)
    with pytest.raises(EngineError):
        filled.cast(CODE, "beans", proxy_token("women"), bean_answer(roads=10), at(31))
    assert snapshot(filled) == before


# ---- participants -----------------------------------------------------------------------------

def test_join_registers_an_anonymous_participant(filled):
    participant = filled.join(CODE, "office", "fr", at(40))
    assert (participant.group, participant.language, participant.proxy) == ("office", "fr", False)
    assert filled.participant(CODE, participant.token) == participant
    assert filled.load(CODE).participants[-1] == participant


@pytest.mark.parametrize("code, group, key", [
    (CODE, "elders", "group.unknown"), ("ZZZZZ", "women", "workshop.unknown_code")])
def test_join_refused(filled, code, group, key):
    before = snapshot(filled)
    with pytest.raises(NotFoundError) as error:
        filled.join(code, group, "en", at(40))
    assert error.value.key == key
    assert snapshot(filled) == before


def test_a_participant_who_has_sent_nothing_may_change_group(filled):
    """A wrong tap on the join page: the group changes, for the live views too."""
    live = LiveWorkshop(filled, CODE)
    participant = filled.join(CODE, "office", "fr", at(40))
    assert live.workshop().room().group_of[participant.token] == "office"
    moved = filled.change_group(CODE, participant.token, "women")
    assert moved == participant.model_copy(update={"group": "women"})
    assert filled.participant(CODE, participant.token).group == "women"
    assert live.workshop().room().group_of[participant.token] == "women"


@pytest.mark.parametrize("token, group, error_type, key", [
    ("woman-1", "miners", BallotError, "participant.group_fixed"),  # she has voted
    ("officer-1", "elders", NotFoundError, "group.unknown"),
    (proxy_token("women"), "miners", NotFoundError, "participant.unknown")])
def test_changing_group_refused(filled, token, group, error_type, key):
    before = snapshot(filled)
    with pytest.raises(error_type) as error:
        filled.change_group(CODE, token, group)
    assert error.value.key == key
    assert snapshot(filled) == before


def test_unknown_participant_token(filled):
    with pytest.raises(NotFoundError) as error:
        filled.participant(CODE, "nobody-at-all")
    assert error.value.key == "participant.unknown"


# ---- set-up and status ------------------------------------------------------------------------

def design_of(store: Store, exercise_id: str) -> dict:
    """An exercise's design as file data, ready to change."""
    return store.load(CODE).exercise(exercise_id).design.model_dump(mode="json")


def test_save_exercise_keeps_the_status_and_ballots(filled):
    design = design_of(filled, "beans")
    design["question"] = {"en": "Water first?"}
    filled.save_exercise(CODE, "beans", design, title={"en": "Water first"})
    filled.save_settings(filled.load(CODE).settings().model_copy(update={"title": "Renamed"}))
    saved = filled.load(CODE)
    assert saved.title == "Renamed"
    assert saved.exercise("beans").title == {"en": "Water first"}
    assert saved.exercise("beans").design.question == {"en": "Water first?"}
    assert [(e.id, e.status, len(e.ballots)) for e in saved.exercises] == [
        ("beans", "open", 2), ("matrix", "open", 0), ("later", "draft", 0), ("done", "closed", 0)]


def test_add_move_and_remove_exercises(filled):
    """A new exercise of any kind comes last, as a draft; the list can be reordered; one nobody
    answered can be removed."""
    starter = kind("lim").new_design("en", filled.load(CODE).references())
    added = filled.add_exercise(CODE, "lim", "incentives", None, starter)
    assert (added.id, added.kind, added.status) == ("incentives", "lim", "draft")
    filled.move_exercise(CODE, "incentives", -2)
    assert [e.id for e in filled.load(CODE).exercises] == [
        "beans", "matrix", "incentives", "later", "done"]
    filled.remove_exercise(CODE, "later")
    assert [e.id for e in filled.load(CODE).exercises] == ["beans", "matrix", "incentives", "done"]


def refused_changes(store: Store) -> dict[str, tuple]:
    """Set-up changes the store must refuse: (the change, key, what the message names)."""
    workshop = store.load(CODE)
    settings = workshop.settings()
    # The office group, left out, has officer-1 in it.
    fewer_groups = settings.model_copy(update={"groups": settings.groups[:2]})
    without_mercury = design_of(store, "beans")
    without_mercury["items"] = [i for i in without_mercury["items"] if i["id"] != "mercury"]
    smaller_budget = {**design_of(store, "beans"), "beans": 5}
    return {
        "item with ballots": (lambda: store.save_exercise(CODE, "beans", without_mercury),
                              "setup.invalid", "mercury"),
        "group with participants": (lambda: store.save_settings(fewer_groups), "setup.invalid",
                                    "office"),
        "exercise with ballots": (lambda: store.remove_exercise(CODE, "beans"),
                                  "setup.exercise_has_ballots", "beans"),
        "budget the ballots do not fit": (lambda: store.save_exercise(CODE, "beans",
                                                                      smaller_budget),
                                          "setup.invalid", "Too many beans: 10 placed"),
        "id taken": (lambda: store.add_exercise(CODE, "prioritisation", "beans", None,
                                                design_of(store, "beans")),
                     "setup.invalid", "duplicate id 'beans'"),
    }


@pytest.mark.parametrize("case", ["item with ballots", "group with participants",
                                  "exercise with ballots", "budget the ballots do not fit",
                                  "id taken"])
def test_set_up_refusal_changes_nothing(filled, case):
    """Removing what ballots or participants point at is refused, and nothing is written."""
    change, key, named = refused_changes(filled)[case]
    before = snapshot(filled)
    with pytest.raises(SetupError) as error:
        change()
    assert error.value.key == key
    assert named in str(error.value)
    assert snapshot(filled) == before


def test_set_status(filled):
    filled.set_status(CODE, "later", "open")
    filled.cast(CODE, "later", "woman-2", bean_answer(water=10), at(50))
    filled.set_status(CODE, "later", "closed")
    with pytest.raises(BallotError) as error:
        filled.cast(CODE, "later", "woman-3", bean_answer(water=10), at(51))
    assert error.value.key == "ballot.exercise_not_open"
    assert [(e.id, e.status) for e in filled.load(CODE).exercises][2] == ("later", "closed")


@pytest.mark.parametrize("exercise_id, status, error_class, key", [
    ("later", "finished", SetupError, "setup.bad_status"),
    ("nope", "open", NotFoundError, "exercise.unknown")])
def test_set_status_refused(filled, exercise_id, status, error_class, key):
    before = snapshot(filled)
    with pytest.raises(error_class) as error:
        filled.set_status(CODE, exercise_id, status)
    assert error.value.key == key
    assert snapshot(filled) == before


# ---- what live views read ---------------------------------------------------------------------

def test_the_revision_moves_with_the_set_up_only(filled):
    """Joins and ballots leave the revision alone (live views then read only the new rows); a
    status, a design or the settings move it."""
    revisions = [filled.revision(CODE)]
    person = filled.join(CODE, "women", "en", at(60))
    filled.cast(CODE, "beans", person.token, bean_answer(roads=10), at(61))
    revisions.append(filled.revision(CODE))
    filled.set_status(CODE, "beans", "closed")
    revisions.append(filled.revision(CODE))
    filled.save_settings(filled.load(CODE).settings().model_copy(update={"place": "Elsewhere"}))
    revisions.append(filled.revision(CODE))
    assert [revision for _, revision in revisions] == [0, 0, 1, 2]
    assert len({instance for instance, _ in revisions}) == 1
    with pytest.raises(NotFoundError):
        filled.revision("ZZZZZ")


def test_a_workshop_imported_again_is_a_new_instance(filled):
    """A live view keeping a workshop in memory knows its rows are gone when it comes back."""
    instance, _ = filled.revision(CODE)
    workshop = filled.load(CODE)
    filled.delete(CODE)
    filled.import_workshop(workshop)
    assert filled.revision(CODE)[0] != instance


def test_reads_after_a_row_return_only_the_newer_rows(filled):
    """Participants and ballots after the last row a live view saw, with their row numbers."""
    joined = filled.participants(CODE)
    cast = filled.new_ballots(CODE)
    assert [p.token for _, p in joined][-1] == "officer-1"
    assert [(exercise, b.participant) for _, exercise, b in cast] == [
        ("beans", "woman-1"), ("beans", "miner-1")]
    person = filled.join(CODE, "office", "en", at(70))
    filled.cast(CODE, "beans", person.token, bean_answer(water=10), at(71))
    assert [p for _, p in filled.participants(CODE, after=joined[-1][0])] == [person]
    newer = filled.new_ballots(CODE, after=cast[-1][0])
    assert [(exercise, b.participant, b.answer.beans) for _, exercise, b in newer] == [
        ("beans", person.token, {"water": 10})]
    assert [b.participant for _, b in filled.ballots(CODE, "beans", participant="woman-1")] == [
        "woman-1"]


def test_what_a_phone_reads_in_one_query(filled):
    """The revision and the open exercises with their designs, in order; what the checks
    watch."""
    revision, open_now = filled.open_view(CODE)
    assert revision == filled.revision(CODE)
    assert [(e.id, e.kind, e.status) for e in open_now] == [
        ("beans", "prioritisation", "open"), ("matrix", "prioritisation", "open")]
    assert open_now[0].design.items[0].id == "water" and open_now[0].ballots == []
    assert filled.open_everywhere() == {CODE: ("beans", "matrix")}
    filled.set_status(CODE, "beans", "closed")
    assert filled.open_everywhere() == {CODE: ("matrix",)}
    filled.set_status(CODE, "matrix", "closed")
    assert filled.open_everywhere() == {}
    with pytest.raises(NotFoundError):
        filled.open_view("ZZZZZ")


# ---- stores of older versions -----------------------------------------------------------------

@pytest.mark.parametrize("version", [1, 2])
def test_a_store_of_an_older_version_upgrades_when_opened(tmp_path, version):
    """A store written by version 1 or 2 (both samples imported) opens as today's: each workshop
    reads as that version's sample file upgraded, byte for byte; version 1's old tables are
    gone, and opening it again changes nothing."""
    folder = ROOT / "tests" / "data" / f"v{version}"
    path = tmp_path / "old.sqlite3"
    with gzip.open(folder / "store.sqlite3.gz") as packed, open(path, "wb") as unpacked:
        shutil.copyfileobj(packed, unpacked)
    store = Store(f"sqlite:///{path}")
    try:
        for sample in SAMPLES:
            expected = dump_workshop(read_workshop(folder / sample.name))
            assert dump_workshop(store.load(read_workshop(sample).code)) == expected
        with store.engine.connect() as conn:
            tables = {row[0] for row in conn.execute(text(
                "SELECT name FROM sqlite_master WHERE type = 'table'"))}
        assert {"offers", "influence_votes", "matrix_ballots"}.isdisjoint(tables)
        assert {"ballots", "shown", "proposals", "exclusions", "store_meta"} <= tables
    finally:
        store.engine.dispose()
    again = Store(f"sqlite:///{path}")
    try:
        assert sorted(again.codes()) == ["KAHUZ", "PENDJ"]
        participant = again.load("PENDJ").participants[0]
        again.join("PENDJ", participant.group, "fr", participant.joined_at)  # it still works
    finally:
        again.engine.dispose()


# ---- concurrency ------------------------------------------------------------------------------

def test_concurrent_joins_and_votes(sqlite_store):
    """8 threads × 25 (join + vote) on one SQLite store: no error, exactly 200 ballots."""
    store = sqlite_store
    store.import_workshop(small_workshop(PEOPLE, [tokens_exercise("beans", ["water", "roads"])]))
    errors: list[BaseException] = []

    def crowd(group: str) -> None:
        try:
            for n in range(25):
                person = store.join(CODE, group, "en", at(n))
                water = n % 11
                store.cast(CODE, "beans", person.token,
                           bean_answer(water=water, roads=10 - water), at(n))
        except BaseException as error:  # any failure in a thread is reported below
            errors.append(error)

    threads = [threading.Thread(target=crowd, args=(list(PEOPLE)[n % 3],)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    workshop = store.load(CODE)
    assert len(workshop.exercise("beans").ballots) == 200
    assert len(workshop.participants) == 5 + 200
    result = result_of(workshop)
    assert result.voters == 200
    # each thread: water 0…10, 0…10, 0, 1, 2 → 55 + 55 + 3 = 113 water beans of 250
    assert {r.item: r.beans for r in result.items} == {"water": 8 * 113, "roads": 8 * (250 - 113)}
