"""Actors and links proposed from phones are the map's proposals: they wait for the facilitator,
join the map only when approved, and bad ones store nothing."""

import datetime as dt
from pathlib import Path

import pytest

from engine.core.errors import BallotError, NotFoundError, SetupError
from engine.core.file_format import read_workshop
from engine.core.store import Store
from engine.exercises.network.design import Link

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


@pytest.fixture
def token(store):
    return store.join(CODE, "women-crushers", "en", NOW).token


def propose(store, token, lang="en", **data):
    """A phone proposes an actor (``actor_label=...``) or a link (``link={...}``)."""
    return store.propose(CODE, MAP, token, data, lang, NOW)


def waiting(store):
    return store.load(CODE).exercise(MAP).proposals


def test_a_proposed_actor_joins_the_map_only_when_approved(store, token):
    proposal = propose(store, token, "fr", actor_label="Vendeurs d'eau")
    assert proposal.id == "vendeurs-d-eau"
    assert "vendeurs-d-eau" not in {a.id for a in store.exercise(CODE, MAP).design.actors}
    [stored] = waiting(store)
    assert (stored.proposed_by, stored.payload.actor.label) == (
        "women-crushers", {"fr": "Vendeurs d'eau"})
    assert store.proposals(CODE)[MAP] == [stored]
    exercise = store.load(CODE).exercise(MAP)
    assert exercise.spec.proposal_text(exercise, stored, "en") == "Vendeurs d'eau"
    store.review_proposal(CODE, MAP, proposal.id, approve=True)
    network = store.exercise(CODE, MAP).design
    assert network.actor("vendeurs-d-eau").label == {"fr": "Vendeurs d'eau"}
    assert waiting(store) == []


def test_an_approved_link_joins_the_map_and_reads_as_its_two_actors(store, token):
    link = {"source": "diggers", "target": "health-centre", "layer": "relationship",
            "sign": "synergy"}
    proposal = propose(store, token, link=link)
    exercise = store.load(CODE).exercise(MAP)
    text = exercise.spec.proposal_text(exercise, proposal, "en")
    assert text == "Diggers (creuseurs) → Health centre"
    store.review_proposal(CODE, MAP, proposal.id, approve=True)
    assert store.exercise(CODE, MAP).design.links[-1] == Link(**link)


def test_a_rejected_link_leaves_the_map_as_it_was(store, token):
    before = store.exercise(CODE, MAP).design
    proposal = propose(store, token, link={"source": "diggers", "target": "health-centre",
                                           "layer": "relationship", "sign": "synergy"})
    store.review_proposal(CODE, MAP, proposal.id, approve=False)
    assert store.exercise(CODE, MAP).design == before
    assert waiting(store) == []


@pytest.mark.parametrize("link", [
    {"source": "diggers", "target": "nobody", "layer": "money"},
    {"source": "diggers", "target": "diggers", "layer": "money"},
    {"source": "diggers", "target": "health-centre", "layer": "relationship"},  # no sign
    {"source": "diggers", "target": "buyers", "layer": "gold"},
])
def test_a_link_that_could_not_join_the_map_is_refused_and_nothing_stored(store, token, link):
    with pytest.raises(BallotError) as error:
        propose(store, token, link=link)
    assert error.value.key == "ballot.malformed"
    assert waiting(store) == []


def test_an_actor_whose_name_is_on_the_map_is_refused_at_once(store, token):
    with pytest.raises(BallotError) as error:
        propose(store, token, actor_label="health centre")
    assert error.value.key == "ballot.malformed"
    assert waiting(store) == []


def test_an_actor_whose_name_is_taken_by_then_is_refused_on_approval(store, token):
    first = propose(store, token, actor_label="Water vendors")
    second = propose(store, token, actor_label="water vendors")
    assert first.id != second.id
    store.review_proposal(CODE, MAP, first.id, approve=True)
    with pytest.raises(SetupError):  # the map refuses two actors with the same name
        store.review_proposal(CODE, MAP, second.id, approve=True)
    assert [p.id for p in waiting(store)] == [second.id]


def test_an_unknown_proposal_cannot_be_reviewed(store):
    with pytest.raises(NotFoundError) as error:
        store.review_proposal(CODE, MAP, "nothing", approve=True)
    assert error.value.key == "proposal.unknown"


@pytest.mark.parametrize("status", ["closed", "draft"])
def test_a_map_not_open_takes_no_proposals(store, token, status):
    store.set_status(CODE, MAP, status)
    with pytest.raises(BallotError) as error:
        propose(store, token, actor_label="Water vendors")
    assert error.value.key == "ballot.exercise_not_open"


def test_a_map_saved_from_an_older_page_keeps_a_proposal_that_arrived_meanwhile(store, token):
    page = store.exercise(CODE, MAP)  # what the facilitator's page read
    propose(store, token, actor_label="Water vendors")
    store.save_exercise(CODE, MAP, page.design, title={"en": "Renamed"})
    exercise = store.load(CODE).exercise(MAP)
    assert exercise.title == {"en": "Renamed"} and len(exercise.proposals) == 1
