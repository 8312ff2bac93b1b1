"""Participants' influence scores for the stakeholder map: the map's ballots, appended, checked
and summarised (each participant's latest score per actor)."""

import datetime as dt
from pathlib import Path

import pytest

from engine.core.errors import BallotError, SetupError
from engine.core.file_format import read_workshop
from engine.core.store import Store
from engine.exercises.network import MapResult

SAMPLE = Path(__file__).resolve().parents[4] / "sample_workshops" / "drc-south-kivu-tin.json"
NOW = dt.datetime(2026, 5, 20, 10, 0, tzinfo=dt.UTC)
CODE, MAP = "KAHUZ", "network"


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.import_workshop(read_workshop(SAMPLE))
    store.set_status(CODE, MAP, "open")
    yield store
    store.engine.dispose()


def phone(store, group="youth"):
    return store.join(CODE, group, "en", NOW).token


def score(store, token, scores):
    """A phone sends its influence scores: ``{actor: 0–5}``."""
    return store.cast(CODE, MAP, token, {"influence": scores}, NOW)


def results(store) -> MapResult:
    workshop = store.load(CODE)
    exercise = workshop.exercise(MAP)
    return exercise.spec.results(exercise, workshop.room())


def test_latest_score_per_participant_and_actor_gives_median_and_spread(store):
    actor = store.exercise(CODE, MAP).design.actors[0].id
    first, second, third = phone(store), phone(store), phone(store)
    score(store, first, {actor: 0})
    score(store, first, {actor: 2})  # changed: only this one counts
    score(store, second, {actor: 3})
    score(store, third, {actor: 5})
    found = results(store)
    summary = next(s for s in found.analysis.influence if s.actor == actor)
    assert (summary.votes, summary.median, summary.q1, summary.q3) == (3, 3, 2.5, 4)
    assert found.voters == 3


def test_a_later_ballot_for_other_actors_keeps_the_earlier_scores(store):
    first, second = (actor.id for actor in store.exercise(CODE, MAP).design.actors[:2])
    token = phone(store)
    score(store, token, {first: 4})
    score(store, token, {second: 1})
    rated = {s.actor: s.median for s in results(store).analysis.influence if s.votes}
    assert rated == {first: 4, second: 1}
    assert len(store.load(CODE).exercise(MAP).ballots) == 2  # both kept: the audit trail


@pytest.mark.parametrize(("scores", "key"), [
    ({"nobody": 3}, "ballot.unknown_actors"), ({"diggers": 6}, "ballot.malformed"),
    ({"diggers": True}, "ballot.malformed"), ({}, "ballot.malformed")])
def test_bad_scores_are_refused_and_nothing_is_stored(store, scores, key):
    token = phone(store)
    with pytest.raises(BallotError) as error:
        score(store, token, scores)
    assert error.value.key == key
    assert store.load(CODE).exercise(MAP).ballots == []


@pytest.mark.parametrize("status", ["closed", "draft"])
def test_a_map_not_open_takes_no_scores(store, status):
    store.set_status(CODE, MAP, status)
    with pytest.raises(BallotError) as error:
        score(store, phone(store), {"diggers": 3})
    assert error.value.key == "ballot.exercise_not_open"


def test_influence_is_not_entered_for_a_group(store):
    with pytest.raises(BallotError) as error:
        store.cast_proxy(CODE, MAP, "youth", 5, {"influence": {"diggers": 3}}, NOW)
    assert error.value.key == "ballot.no_proxy"


def test_an_actor_people_rated_cannot_leave_the_map(store):
    network = store.exercise(CODE, MAP).design
    actor = network.actors[-1].id
    score(store, phone(store), {actor: 4})
    smaller = network.model_copy(update={
        "actors": [a for a in network.actors if a.id != actor],
        "links": [link for link in network.links if actor not in (link.source, link.target)]})
    with pytest.raises(SetupError):
        store.save_exercise(CODE, MAP, smaller)
    assert store.exercise(CODE, MAP).design.actors[-1].id == actor


def test_a_median_of_two_and_a_half_becomes_a_tower_of_three(store):
    actor = store.exercise(CODE, MAP).design.actors[0].id
    for given in (2, 3):
        score(store, phone(store), {actor: given})
    assert results(store).influence_towers() == {actor: 3}
