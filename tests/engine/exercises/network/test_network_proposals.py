"""Actors and links proposed from phones wait for the facilitator; bad ones store nothing."""

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
    store.import_workshop(read_workshop(SAMPLE).model_copy(update={"network_open": True}))
    return store


@pytest.fixture
def token(store):
    return store.join("KAHUZ", "women-crushers", "en", NOW).token


def test_a_proposed_actor_joins_the_map_only_when_approved(store, token):
    proposal = store.propose_to_network("KAHUZ", token, NOW, actor_label="Water vendors")
    workshop = store.load("KAHUZ")
    assert "water-vendors" not in {a.id for a in workshop.network.actors}
    assert workshop.network_proposals[0].proposed_by == "women-crushers"
    store.review_network_proposal("KAHUZ", proposal.id, approve=True)
    workshop = store.load("KAHUZ")
    assert workshop.network.actor("water-vendors").label == {"en": "Water vendors"}
    assert workshop.network_proposals == []


def test_a_rejected_link_leaves_the_map_as_it_was(store, token):
    before = store.load("KAHUZ").network
    proposal = store.propose_to_network(
        "KAHUZ", token, NOW, link={"source": "diggers", "target": "health-centre",
                                   "layer": "relationship", "sign": "synergy"})
    store.review_network_proposal("KAHUZ", proposal.id, approve=False)
    assert store.load("KAHUZ").network == before


@pytest.mark.parametrize("link", [
    {"source": "diggers", "target": "nobody", "layer": "money"},
    {"source": "diggers", "target": "diggers", "layer": "money"},
    {"source": "diggers", "target": "health-centre", "layer": "relationship"},  # no sign
])
def test_a_link_that_could_not_join_the_map_is_refused_and_nothing_stored(store, token, link):
    with pytest.raises(BallotError) as error:
        store.propose_to_network("KAHUZ", token, NOW, link=link)
    assert error.value.key == "ballot.malformed"
    assert store.load("KAHUZ").network_proposals == []


def test_an_actor_whose_name_is_taken_by_then_is_refused_on_approval(store, token):
    first = store.propose_to_network("KAHUZ", token, NOW, actor_label="Water vendors")
    second = store.propose_to_network("KAHUZ", token, NOW, actor_label="water vendors")
    store.review_network_proposal("KAHUZ", first.id, approve=True)
    with pytest.raises(SetupError):  # the map refuses two actors with the same name
        store.review_network_proposal("KAHUZ", second.id, approve=True)
    assert [p.id for p in store.load("KAHUZ").network_proposals] == [second.id]


def test_a_closed_map_takes_no_proposals(store, token):
    workshop = store.load("KAHUZ")
    store.save_setup(workshop.settings().model_copy(update={"network_open": False}),
                     [e.definition() for e in workshop.exercises])
    with pytest.raises(BallotError):
        store.propose_to_network("KAHUZ", token, NOW, actor_label="Water vendors")


def test_a_set_up_save_from_an_older_page_keeps_a_proposal_that_arrived_meanwhile(store, token):
    page = store.load("KAHUZ")  # what the facilitator's page read
    store.propose_to_network("KAHUZ", token, NOW, actor_label="Water vendors")
    store.save_setup(page.settings().model_copy(update={"title": "Renamed"}),
                     [e.definition() for e in page.exercises])
    workshop = store.load("KAHUZ")
    assert workshop.title == "Renamed" and len(workshop.network_proposals) == 1
