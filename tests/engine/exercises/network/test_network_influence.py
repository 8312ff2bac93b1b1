"""Participants' influence scores for the network map: appended, checked, summarised."""

import datetime as dt
from pathlib import Path

import pytest

from engine.errors import BallotError, SetupError
from engine.store import Store
from engine.workshop_file import read_workshop

SAMPLE = Path(__file__).resolve().parents[2] / "sample_workshops" / "drc-south-kivu-tin.json"
NOW = dt.datetime(2026, 5, 20, 10, 0, tzinfo=dt.timezone.utc)


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    workshop = read_workshop(SAMPLE)
    store.import_workshop(workshop.model_copy(update={"network_open": True}))
    return store


def phone(store, group="youth"):
    return store.join("KAHUZ", group, "en", NOW).token


def test_latest_score_per_participant_and_actor_gives_median_and_spread(store):
    actor = store.load("KAHUZ").network.actors[0].id
    first, second, third = phone(store), phone(store), phone(store)
    store.cast_influence("KAHUZ", first, {actor: 0}, NOW)
    store.cast_influence("KAHUZ", first, {actor: 2}, NOW)  # changed: only this one counts
    store.cast_influence("KAHUZ", second, {actor: 3}, NOW)
    store.cast_influence("KAHUZ", third, {actor: 5}, NOW)
    summary = next(s for s in store.load("KAHUZ").influence_summary() if s.actor == actor)
    assert (summary.votes, summary.median, summary.q1, summary.q3) == (3, 3, 2.5, 4)


@pytest.mark.parametrize(("scores", "key"), [
    ({"nobody": 3}, "ballot.unknown_actors"), ({"diggers": 6}, "ballot.malformed"),
    ({}, "ballot.malformed")])
def test_bad_scores_are_refused_and_nothing_is_stored(store, scores, key):
    token = phone(store)
    with pytest.raises(BallotError) as error:
        store.cast_influence("KAHUZ", token, scores, NOW)
    assert error.value.key == key
    assert store.load("KAHUZ").influence_votes == []


def test_a_closed_map_takes_no_scores(store):
    workshop = store.load("KAHUZ")
    store.save_setup(workshop.settings().model_copy(update={"network_open": False}),
                     [e.definition() for e in workshop.exercises])
    with pytest.raises(BallotError) as error:
        store.cast_influence("KAHUZ", phone(store), {"diggers": 3}, NOW)
    assert error.value.key == "ballot.map_not_open"


def test_an_actor_people_rated_cannot_leave_the_map(store):
    workshop = store.load("KAHUZ")
    actor = workshop.network.actors[-1].id
    store.cast_influence("KAHUZ", phone(store), {actor: 4}, NOW)
    smaller = workshop.network.model_copy(update={
        "actors": [a for a in workshop.network.actors if a.id != actor],
        "links": [link for link in workshop.network.links if actor not in (link.source, link.target)]})
    with pytest.raises(SetupError):
        store.save_setup(workshop.settings().model_copy(update={"network": smaller}),
                         [e.definition() for e in workshop.exercises])
    assert store.load("KAHUZ").network.actors[-1].id == actor


def test_a_median_of_two_and_a_half_becomes_a_tower_of_three(store):
    actor = store.load("KAHUZ").network.actors[0].id
    for score in (2, 3):
        store.cast_influence("KAHUZ", phone(store), {actor: score}, NOW)
    assert store.load("KAHUZ").influence_towers() == {actor: 3}
