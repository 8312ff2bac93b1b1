"""The stakeholder map as an exercise of a workshop: in the file, in the store, and analysed.

The map here is the one of ``map_workshop``, worked by hand: diggers sell gold to a buyer who
sells it to an exporter; the buyer pays the diggers; the mining administration licenses the
buyer and informs the chief; the chief and the diggers get on (synergy), herders and diggers are
in conflict, and the herders have no other link, so they are a rights holder with no channel to
a duty bearer.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from factories import CODE, joined
from map_workshop import MAP_ID, NETWORK, map_workshop_data

from engine.core.errors import SetupError, WorkshopFileError, render
from engine.core.file_format import (
    dump_workshop,
    parse_workshop,
    read_workshop,
    upgrade,
)
from engine.core.store import Store
from engine.core.workshop import Workshop
from engine.exercises.network import MapResult
from engine.exercises.network.design import NetworkMap
from engine.methods.network import LAYERS, SIGNS, analyse

SAMPLES = sorted((Path(__file__).parents[4] / "sample_workshops").glob("*.json"))


@pytest.fixture
def map_workshop() -> Workshop:
    return Workshop.model_validate(map_workshop_data())


@pytest.fixture
def store(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'workshops.sqlite3'}")
    yield store
    store.engine.dispose()


def the_map(workshop: Workshop):
    """The workshop's first stakeholder map."""
    return next(e for e in workshop.exercises if e.kind == "network")


# ---- the file ----------------------------------------------------------------------------------

def test_the_map_is_an_exercise_of_the_workshop(map_workshop):
    exercise = map_workshop.exercise(MAP_ID)
    assert (exercise.kind, exercise.status) == ("network", "open")
    assert isinstance(exercise.design, NetworkMap)
    written = json.loads(dump_workshop(map_workshop))["exercises"][1]
    assert list(written) == ["id", "kind", "title", "status", "live_results", "design",
                             "ballots", "shown", "proposals"]
    assert written["design"] == NetworkMap.model_validate(NETWORK).model_dump(mode="json")
    assert exercise.title_in("en") == "Stakeholder network map"  # untitled: its kind's name


def test_the_file_round_trips_byte_identically(map_workshop):
    text = dump_workshop(map_workshop)
    assert dump_workshop(parse_workshop(text)) == text


@pytest.mark.parametrize("change, where, problem", [
    (lambda design, ballots: design["links"][3].update(target="nobody"),
     "exercises[1].design.links[3].target", "unknown actor 'nobody'"),
    (lambda design, ballots: design["actors"][2].update(influence=7),
     "exercises[1].design.actors[2].influence", "this must be 5 or less"),  # plain words
    (lambda design, ballots: ballots.append({
        "participant": "woman-1", "cast_at": "2026-03-01T10:00:00Z", "voters": 1,
        "answer": {"influence": {"chief": 4, "nobody": 1}}}),
     "exercises[1].ballots[0].answer", "nobody"),
])
def test_a_bad_map_in_the_file_is_named_by_its_path(change, where, problem):
    data = map_workshop_data()
    change(data["exercises"][1]["design"], data["exercises"][1]["ballots"])
    with pytest.raises(WorkshopFileError) as caught:
        parse_workshop(json.dumps(data))
    assert caught.value.params["where"].path == where
    assert problem in render(caught.value.params["problem"], "en")  # a phrase, said in English


V1_SCORES = [{"participant": "woman-1", "cast_at": "2026-03-01T10:00:00Z",
              "scores": {"chief": 4}}]


def version_1(**fields) -> Workshop:
    """The worked workshop as version 1 wrote a map (and nothing else), upgraded: the map,
    whether it was open, the phones' scores and the proposals were fields of their own."""
    data = map_workshop_data()
    data.update(format_version=1, exercises=[], network=NETWORK, **fields)
    return Workshop.model_validate(upgrade(data))


def test_a_version_1_map_becomes_an_exercise_with_its_scores_and_proposals():
    workshop = version_1(network_open=True, influence_votes=V1_SCORES, network_proposals=[
        {"id": "radio", "proposed_by": "miners", "proposed_at": "2026-03-01T10:05:00Z",
         "actor": {"id": "radio", "label": {"en": "Radio"}}}])
    [exercise] = workshop.exercises
    assert (exercise.id, exercise.kind, exercise.status) == ("network", "network", "open")
    assert exercise.design == NetworkMap.model_validate(NETWORK)
    assert [b.answer.influence for b in exercise.ballots] == [{"chief": 4}]
    [proposal] = exercise.proposals
    assert (proposal.id, proposal.proposed_by, proposal.payload.actor.id) == (
        "radio", "miners", "radio")


@pytest.mark.parametrize("fields, status", [
    ({}, "draft"), ({"network_open": False, "influence_votes": V1_SCORES}, "closed")])
def test_a_version_1_map_not_open_is_a_draft_or_closed_once_scored(fields, status):
    assert [e.status for e in version_1(**fields).exercises] == [status]


# ---- the store ---------------------------------------------------------------------------------

def test_the_store_round_trips_the_map_byte_identically(store, map_workshop):
    store.import_workshop(map_workshop)
    assert dump_workshop(store.load(CODE)) == dump_workshop(map_workshop)
    assert store.exercise(CODE, MAP_ID).design == map_workshop.exercise(MAP_ID).design


def test_saving_the_map_keeps_its_status_and_the_other_exercises(store, map_workshop):
    store.import_workshop(map_workshop)
    network = map_workshop.exercise(MAP_ID).design
    smaller = network.model_copy(update={"links": network.links[:2]})
    store.save_exercise(CODE, MAP_ID, smaller, title={"en": "Gold map"})
    loaded = store.load(CODE)
    assert loaded.exercise(MAP_ID).design.links == network.links[:2]
    assert (loaded.exercise(MAP_ID).status, loaded.exercise(MAP_ID).title) == (
        "open", {"en": "Gold map"})
    assert loaded.exercises[0] == map_workshop.exercises[0]
    store.save_exercise(CODE, MAP_ID, NETWORK)  # file data will do as well as a model
    assert store.load(CODE).exercise(MAP_ID).design == network


def test_a_map_nobody_scored_can_be_removed(store, map_workshop):
    store.import_workshop(map_workshop)
    store.remove_exercise(CODE, MAP_ID)
    assert [e.id for e in store.load(CODE).exercises] == ["beans"]


def test_saving_a_link_to_an_unknown_actor_is_refused_and_stores_nothing(store, map_workshop):
    store.import_workshop(map_workshop)
    before = dump_workshop(store.load(CODE))
    revision = store.revision(CODE)
    network = map_workshop.exercise(MAP_ID).design
    bad_link = network.links[0].model_copy(update={"target": "nobody"})
    bad = NetworkMap.model_construct(question=network.question, actors=network.actors,
                                     links=[*network.links, bad_link])
    with pytest.raises(SetupError) as caught:
        store.save_exercise(CODE, MAP_ID, bad)
    assert caught.value.key == "setup.invalid"
    assert caught.value.params["where"] == f"exercises[1].design.links[{len(network.links)}].target"
    assert "nobody" in caught.value.message("en")
    assert dump_workshop(store.load(CODE)) == before
    assert store.revision(CODE) == revision


def test_an_actor_another_exercise_names_cannot_leave_the_map(store, map_workshop):
    """A LIM instrument may target an actor of the map (``ExerciseKind.targets``)."""
    text = {"en": "Licences"}
    lim = {"id": "lim", "kind": "lim", "design": {"instruments": [
        {"id": "licences", "label": text, "objective": text, "package": text,
         "target": "chief"}]}}
    data = map_workshop_data()
    data["exercises"].append(lim)
    store.import_workshop(Workshop.model_validate(data))
    network = store.exercise(CODE, MAP_ID).design
    without_chief = network.model_copy(update={
        "actors": [a for a in network.actors if a.id != "chief"],
        "links": [link for link in network.links if "chief" not in (link.source, link.target)]})
    with pytest.raises(SetupError) as caught:
        store.save_exercise(CODE, MAP_ID, without_chief)
    assert caught.value.params["where"] == "exercises[2].design.instruments[0].target"
    assert store.exercise(CODE, MAP_ID).design == network


# ---- the analysis of the worked map -----------------------------------------------------------

def test_the_worked_map_analyses_as_worked_by_hand(map_workshop):
    found = analyse(map_workshop.exercise(MAP_ID).design)
    assert found.question == NETWORK["question"]
    assert found.duty_bearer_reach.unreached == ["herders"]
    assert found.duty_bearer_reach.paths["diggers"] == ["diggers", "chief", "mines"]
    assert found.links == {"mineral": 2, "money": 1, "information": 1, "authority": 1,
                           "relationship": 2}
    quadrants = {s.actor: s.quadrant for s in found.stakeholders}
    assert quadrants == {"diggers": "keep_informed", "buyer": "manage_closely",
                         "exporter": "keep_satisfied", "mines": "keep_satisfied",
                         "chief": "manage_closely", "herders": "monitor"}


def test_the_results_of_a_map_nobody_scored_are_its_analysis(map_workshop):
    exercise = map_workshop.exercise(MAP_ID)
    found = exercise.spec.results(exercise, map_workshop.room())
    assert isinstance(found, MapResult) and found.voters == 0
    assert found.analysis == analyse(exercise.design, [])
    assert [(s.actor, s.votes) for s in found.analysis.influence] == [
        (actor["id"], 0) for actor in NETWORK["actors"]]
    assert exercise.spec.voters(found) == 0


def test_a_score_from_someone_outside_the_room_is_not_counted(map_workshop):
    data = map_workshop_data()
    data["participants"].append(joined("visitor-1", "women"))
    data["exercises"][1]["ballots"].append({
        "participant": "visitor-1", "cast_at": "2026-03-01T10:00:00Z", "voters": 1,
        "answer": {"influence": {"chief": 4}}})
    workshop = Workshop.model_validate(data)
    exercise = the_map(workshop)
    room = workshop.room()
    everyone = exercise.spec.results(exercise, room)
    assert everyone.voters == 1 and everyone.analysis.influence[4].median == 4
    others = room.only(["woman-1", "miner-1"])
    assert exercise.spec.results(exercise, others).voters == 0


# ---- the sample workshops ----------------------------------------------------------------------

@pytest.mark.parametrize("path", SAMPLES, ids=[path.stem for path in SAMPLES])
def test_each_sample_has_a_realistic_network_map(path):
    network = the_map(read_workshop(path)).design
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
    network = the_map(read_workshop(SAMPLES[0])).design
    assert analyse(network).duty_bearer_reach.unreached == ["women-crushers",
                                                            "downstream-villages"]
    assert frozenset(("herders", "diggers")) in {frozenset((link.source, link.target))
                                                 for link in network.links
                                                 if link.sign == "conflict"}
