"""The stakeholder map's design: what a map, a phone's influence scores and a proposal may be.

A map refuses what it cannot be (an unknown actor, a link to itself, a sign on a flow, a link
twice, two actors with one name), naming the item and its position; the guide's starter actors
make a valid map; and the models are maps the analyses of ``engine.methods.network`` read.
"""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from engine.core import i18n
from engine.core.errors import first_problem
from engine.core.exercise import References, kind
from engine.exercises.network.design import (
    STARTER_ACTORS,
    Actor,
    Influence,
    Link,
    MapProposal,
    NetworkMap,
    with_proposal,
)
from engine.methods.network import analyse, plain_map

QUESTION = {"en": "Who influences how gold is processed?"}


def problem(model, data: dict) -> tuple[str, str]:
    with pytest.raises(ValidationError) as error:
        model.model_validate(data)
    return first_problem(error.value)


def map_data(*links: dict, actors: list[dict] | None = None) -> dict:
    actors = actors if actors is not None else [
        {"id": i, "label": {"en": i.upper(), "fr": f"{i}-fr"}} for i in ("a", "b", "c")]
    return {"question": QUESTION, "actors": actors, "links": list(links)}


def flow(source: str, target: str, layer: str = "money", **extra) -> dict:
    return {"source": source, "target": target, "layer": layer, **extra}


# ---- the map refuses what it cannot be -------------------------------------------------------

@pytest.mark.parametrize("data, where, message", [
    (map_data(flow("a", "b"), flow("b", "c"), flow("c", "a"), flow("a", "x")),
     "links[3].target", "unknown actor 'x'"),
    (map_data(flow("y", "b")), "links[0].source", "unknown actor 'y'"),
    (map_data(flow("a", "b"), flow("b", "b")),
     "links[1].target", "'b' is also the source (an actor cannot link to itself)"),
    (map_data(flow("a", "b", "relationship")),
     "links[0].sign", "a relationship link needs a sign (conflict, neutral or synergy)"),
    (map_data(flow("a", "b", "information", sign="synergy")),
     "links[0].sign", "an information link has no sign (only relationship links do)"),
    (map_data(flow("a", "b", "mineral", sign="neutral")),
     "links[0].sign", "a mineral link has no sign (only relationship links do)"),
    (map_data(flow("a", "b"), flow("b", "a"), flow("a", "b")),
     "links[2]", "duplicate of links[0] ('a' → 'b', money)"),
    (map_data(flow("a", "b", "relationship", sign="synergy"),
              flow("b", "a", "relationship", sign="conflict")),
     "links[1]", "duplicate of links[0] ('b' – 'a', relationship)"),
    (map_data(actors=[{"id": "a", "label": {"en": "A"}}, {"id": "a", "label": {"en": "B"}}]),
     "actors[1].id", "duplicate id 'a' (as actors[0])"),
    (map_data(actors=[{"id": "a", "label": {"en": "Diggers", "fr": "Orpailleurs"}},
                      {"id": "b", "label": {"en": "Miners", "fr": "ORPAILLEURS"}}]),
     "actors[1].label.fr", "duplicate label 'ORPAILLEURS' (as actors[0])"),
    (map_data(actors=[{"id": "a", "label": {"en": "A"}},
                      {"id": "b", "label": {"en": "B"}, "influence": 7}]),
     "actors[1].influence", "Input should be less than or equal to 5"),
    (map_data(actors=[{"id": "a", "label": {"en": "A"}, "influence": -1}]),
     "actors[0].influence", "Input should be greater than or equal to 0"),
    (map_data(actors=[{"id": "a", "label": {"en": "A"}, "influence": True}]),
     "actors[0].influence", "a score is a whole number from 0 to 5, not true or false"),
    (map_data(actors=[{"id": "a", "label": {"en": "A"}, "influence": 2.5}]),
     "actors[0].influence",
     "Input should be a valid integer, got a number with a fractional part"),
    (map_data(actors=[{"id": "a", "label": {"en": "A"}, "interest": 6}]),
     "actors[0].interest", "Input should be less than or equal to 5"),
    (map_data(actors=[{"id": "A b", "label": {"en": "A"}}]),
     "actors[0].id", "String should match pattern '^[a-z0-9][a-z0-9_-]{0,39}$'"),
    (map_data(flow("a", "b", "gold")), "links[0].layer",
     "Input should be 'mineral', 'money', 'information', 'authority' or 'relationship'"),
    (map_data(flow("a", "b", "relationship", sign="hostile")), "links[0].sign",
     "Input should be 'conflict', 'neutral' or 'synergy'"),
    (map_data(actors=[{"id": "a", "label": {"en": "A"}, "colour": "red"}]),
     "actors[0].colour", "Extra inputs are not permitted"),
])
def test_a_bad_map_is_refused_naming_the_item_and_its_position(data, where, message):
    assert problem(NetworkMap, data) == (where, message)


def test_flows_both_ways_and_the_same_pair_in_other_layers_are_not_duplicates():
    links = [flow("a", "b"), flow("b", "a"), flow("a", "b", "mineral"),
             flow("a", "b", "relationship", sign="neutral")]
    assert len(NetworkMap.model_validate(map_data(*links)).links) == 4


def test_scores_may_come_from_a_table_as_numpy_integers():
    assert Actor(id="a", label={"en": "A"}, influence=np.int64(4)).influence == 4


def test_a_map_is_frozen():
    network = NetworkMap.model_validate(map_data())
    with pytest.raises(ValidationError):
        network.actors[0].influence = 3


def test_starter_actors_make_a_valid_bilingual_map_with_both_hrba_roles():
    starter = NetworkMap(question=QUESTION, actors=list(STARTER_ACTORS))
    assert all(set(a.label) == {"en", "fr"} for a in starter.actors)
    roles = {a.hrba_role for a in starter.actors}
    assert {"rights_holder", "duty_bearer"} <= roles
    assert {"diggers", "women-crushers", "buyers", "exporters", "chiefs", "local-government",
            "forestry-agency", "protected-area", "large-scale-miners",
            "farmers-herders"} <= {a.id for a in starter.actors}


def test_a_new_map_starts_from_the_starter_actors_and_asks_its_question_in_every_language():
    network = kind("network").new_design("en", References({}, {}))
    assert network.actors == list(STARTER_ACTORS) and network.links == []
    assert network.question == {lang: i18n.t("network.default_question", lang)
                                for lang in i18n.LANGUAGES}


def test_a_map_offers_its_actors_to_other_exercises_by_id():
    network = NetworkMap.model_validate(map_data())
    assert kind("network").targets(network) == {
        "a": {"en": "A", "fr": "a-fr"}, "b": {"en": "B", "fr": "b-fr"},
        "c": {"en": "C", "fr": "c-fr"}}


# ---- the models are maps the analyses read ---------------------------------------------------

def test_the_design_analyses_as_the_plain_map_of_the_same_actors_and_links():
    data = map_data(flow("a", "b", "mineral"), flow("b", "c", "information"),
                    flow("a", "c", "relationship", sign="conflict"))
    data["actors"][2]["hrba_role"] = "duty_bearer"
    network = NetworkMap.model_validate(data)
    plain = plain_map("abc", [("a", "b", "mineral", None), ("b", "c", "information", None),
                              ("a", "c", "relationship", "conflict")], {"c": "duty_bearer"})
    found, plain_found = analyse(network).model_dump(), analyse(plain).model_dump()
    assert (found.pop("question"), plain_found.pop("question")) == (QUESTION, {})
    assert found == plain_found


# ---- a phone's influence scores and a proposal -----------------------------------------------

@pytest.mark.parametrize("data, where, message", [
    ({"influence": {}}, "influence",
     "Dictionary should have at least 1 item after validation, not 0"),
    ({"influence": {"a": 6}}, "influence.a", "Input should be less than or equal to 5"),
    ({"influence": {"a": False}}, "influence.a",
     "a score is a whole number from 0 to 5, not true or false"),
    ({"scores": {"a": 3}}, "influence", "Field required"),
])
def test_bad_influence_scores_are_refused(data, where, message):
    assert problem(Influence, data) == (where, message)


@pytest.mark.parametrize("data", [
    {}, {"actor": {"id": "d", "label": {"en": "D"}}, "link": flow("a", "b")}])
def test_a_proposal_is_an_actor_or_a_link(data):
    assert problem(MapProposal, data) == ("", "a proposal is either an actor or a link")


def test_an_approved_proposal_joins_the_map_checked_as_a_whole():
    network = NetworkMap.model_validate(map_data())
    grown = with_proposal(network, MapProposal(actor=Actor(id="d", label={"en": "D"})))
    assert [a.id for a in grown.actors] == ["a", "b", "c", "d"] and network.actors[-1].id == "c"
    linked = with_proposal(network, MapProposal(link=Link(source="a", target="b", layer="money")))
    assert linked.links == [Link(source="a", target="b", layer="money")]
    with pytest.raises(ValidationError):  # the name is taken
        with_proposal(network, MapProposal(actor=Actor(id="d", label={"en": "a"})))
