"""The network map as part of a workshop: in the file, in the store, on the command line and in
the workbook.

The map here is small and worked by hand: diggers sell gold to a buyer who sells it to an
exporter; the buyer pays the diggers; the mining administration licenses the buyer and informs
the chief; the chief and the diggers get on (synergy), herders and diggers are in conflict, and
the herders have no other link, so they are a rights holder with no channel to a duty bearer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import SetupError, WorkshopFileError
from engine.model import Workshop, WorkshopSettings
from engine.network import LAYERS, SIGNS, NetworkMap, analyse
from engine.store import Store
from engine.workshop_file import dump_workshop, parse_workshop, read_workshop

from factories import CODE, beans, tokens_exercise, workshop_data

ACTORS = [
    {"id": "diggers", "label": {"en": "Diggers", "fr": "Orpailleurs"}, "kind": "miners",
     "hrba_role": "rights_holder", "influence": 1, "interest": 5, "legitimacy": True,
     "urgency": True},
    {"id": "buyer", "label": {"en": "Gold buyer", "fr": "Acheteur d'or"}, "kind": "traders",
     "influence": 4, "interest": 4, "power": True},
    {"id": "exporter", "label": {"en": "Exporter", "fr": "Comptoir"}, "kind": "exporters",
     "influence": 5, "interest": 1, "power": True},
    {"id": "mines", "label": {"en": "Mining administration", "fr": "Administration des mines"},
     "kind": "national_government", "hrba_role": "duty_bearer", "influence": 4, "interest": 2,
     "power": True, "legitimacy": True},
    {"id": "chief", "label": {"en": "Chief", "fr": "Chef"}, "kind": "customary",
     "influence": 3, "interest": 3, "power": True, "legitimacy": True},
    {"id": "herders", "label": {"en": "Herders", "fr": "Éleveurs"}, "kind": "farmers_herders",
     "hrba_role": "rights_holder", "influence": 1, "interest": 2, "urgency": True},
]
LINKS = [
    {"source": "diggers", "target": "buyer", "layer": "mineral"},
    {"source": "buyer", "target": "exporter", "layer": "mineral"},
    {"source": "buyer", "target": "diggers", "layer": "money", "note": "cash at the pit"},
    {"source": "mines", "target": "buyer", "layer": "authority"},
    {"source": "mines", "target": "chief", "layer": "information"},
    {"source": "chief", "target": "diggers", "layer": "relationship", "sign": "synergy"},
    {"source": "herders", "target": "diggers", "layer": "relationship", "sign": "conflict"},
]
NETWORK = {"question": {"en": "Who shapes the gold trade?",
                        "fr": "Qui façonne le commerce de l'or ?"},
           "actors": ACTORS, "links": LINKS}


def network_workshop_data() -> dict:
    data = workshop_data({"women": ["woman-1"], "miners": ["miner-1"]},
                         [tokens_exercise("beans", ["water", "roads"],
                                          [beans("woman-1", minute=1, water=10)])])
    return {**data, "network": json.loads(json.dumps(NETWORK))}


@pytest.fixture
def network_workshop() -> Workshop:
    return Workshop.model_validate(network_workshop_data())


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'workshops.sqlite3'}")
    yield store
    store.engine.dispose()


# ---- the file ----------------------------------------------------------------------------------

def test_the_network_sits_in_the_settings_after_the_groups(network_workshop):
    text = dump_workshop(network_workshop)
    keys = list(json.loads(text))
    assert keys.index("network") == keys.index("groups") + 1
    assert isinstance(network_workshop.network, NetworkMap)
    assert network_workshop.settings().network == network_workshop.network


def test_a_workshop_without_a_map_is_written_without_one():
    data = network_workshop_data()
    del data["network"]
    workshop = Workshop.model_validate(data)
    assert workshop.network is None
    assert "network" not in json.loads(dump_workshop(workshop))
    assert "network" not in workshop.settings().model_dump()
    assert Workshop.model_validate({**data, "network": None}) == workshop


def test_the_file_round_trips_byte_identically(network_workshop):
    text = dump_workshop(network_workshop)
    assert dump_workshop(parse_workshop(text)) == text


def test_a_bad_link_in_the_file_is_named_by_its_path():
    data = network_workshop_data()
    data["network"]["links"][3]["target"] = "nobody"
    with pytest.raises(WorkshopFileError) as caught:
        parse_workshop(json.dumps(data))
    assert caught.value.params["where"] == "network.links[3].target"
    assert "unknown actor 'nobody'" in caught.value.params["problem"]


def test_a_bad_field_in_the_file_is_named_by_its_path():
    data = network_workshop_data()
    data["network"]["actors"][2]["influence"] = 7
    with pytest.raises(WorkshopFileError) as caught:
        parse_workshop(json.dumps(data))
    assert caught.value.params["where"] == "network.actors.2.influence"


# ---- the store ---------------------------------------------------------------------------------

def test_the_store_round_trips_the_map_byte_identically(store, network_workshop):
    store.import_workshop(network_workshop)
    assert dump_workshop(store.load(CODE)) == dump_workshop(network_workshop)
    assert [s.network for s in store.list_settings()] == [network_workshop.network]


def test_save_setup_keeps_changes_and_removes_the_map(store, network_workshop):
    store.import_workshop(network_workshop)
    definitions = [e.definition() for e in network_workshop.exercises]
    settings = network_workshop.settings()
    smaller = settings.network.model_copy(update={"links": settings.network.links[:2]})
    store.save_setup(settings.model_copy(update={"network": smaller}), definitions)
    assert store.load(CODE).network.links == smaller.links
    store.save_setup(settings.model_copy(update={"network": None}), definitions)
    loaded = store.load(CODE)
    assert loaded.network is None
    assert loaded.exercises[0].ballots == network_workshop.exercises[0].ballots


def test_save_setup_refuses_a_link_to_an_unknown_actor_and_stores_nothing(store,
                                                                           network_workshop):
    store.import_workshop(network_workshop)
    before = dump_workshop(store.load(CODE))
    revision = store.stamp(CODE)[0]
    network = network_workshop.network
    bad_link = network.links[0].model_copy(update={"target": "nobody"})
    bad = NetworkMap.model_construct(question=network.question, actors=network.actors,
                                     links=[*network.links, bad_link])
    settings = network_workshop.settings().model_copy(update={"network": bad, "title": "Changed"})
    with pytest.raises(SetupError) as caught:
        store.save_setup(settings, [e.definition() for e in network_workshop.exercises])
    assert caught.value.key == "setup.invalid"
    assert caught.value.params["where"] == f"network.links[{len(network.links)}].target"
    assert "nobody" in caught.value.message("en")
    assert dump_workshop(store.load(CODE)) == before
    assert store.stamp(CODE)[0] == revision


def test_settings_built_in_code_take_a_map_object(network_workshop):
    settings = WorkshopSettings(**{**network_workshop.settings().model_dump(),
                                   "network": network_workshop.network})
    assert settings.network is network_workshop.network


# ---- the analysis of the worked map -----------------------------------------------------------

def test_the_worked_map_analyses_as_worked_by_hand(network_workshop):
    found = analyse(network_workshop.network)
    assert found.duty_bearer_reach.unreached == ["herders"]
    assert found.duty_bearer_reach.paths["diggers"] == ["diggers", "chief", "mines"]
    assert found.links == {"mineral": 2, "money": 1, "information": 1, "authority": 1,
                           "relationship": 2}
    quadrants = {s.actor: s.quadrant for s in found.stakeholders}
    assert quadrants == {"diggers": "keep_informed", "buyer": "manage_closely",
                         "exporter": "keep_satisfied", "mines": "keep_satisfied",
                         "chief": "manage_closely", "herders": "monitor"}


# ---- the sample workshops ----------------------------------------------------------------------

SAMPLES = sorted((Path(__file__).parents[2] / "sample_workshops").glob("*.json"))


@pytest.mark.parametrize("path", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_each_sample_has_a_realistic_network_map(path):
    network = read_workshop(path).network
    assert len(network.actors) >= 20
    assert all({"en", "fr"} <= set(actor.label) for actor in network.actors)
    assert all(actor.influence is not None and actor.interest is not None
               for actor in network.actors)
    assert {actor.hrba_role for actor in network.actors} == {"rights_holder", "duty_bearer",
                                                             "other"}
    assert {"miners", "processors", "traders", "exporters", "customary", "local_government",
            "national_government", "environment_agency", "protected_area", "large_scale_mining",
            "farmers_herders", "cso"} <= {actor.kind for actor in network.actors}
    assert any(actor.power for actor in network.actors)
    assert {link.layer for link in network.links} == set(LAYERS)
    assert {link.sign for link in network.links if link.layer == "relationship"} == set(SIGNS)
    conflicts = {frozenset((link.source, link.target)) for link in network.links
                 if link.sign == "conflict"}
    assert frozenset(("rangers", "diggers")) in conflicts
    found = analyse(network)
    assert found.duty_bearer_reach.unreached  # a rights holder with no channel to a duty bearer
    assert not found.isolated
    assert found.balance.frustration >= 1


def test_the_benin_map_leaves_the_women_crushers_without_a_channel():
    network = read_workshop(SAMPLES[0]).network
    assert analyse(network).duty_bearer_reach.unreached == ["women-crushers",
                                                            "downstream-villages"]
    assert frozenset(("herders", "diggers")) in {frozenset((link.source, link.target))
                                                 for link in network.links
                                                 if link.sign == "conflict"}
