"""The workshop model: ballots obey their exercise's rules, and the file is strict and immutable."""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st
from pydantic import ValidationError

from engine.errors import BallotError
from engine.model import (ExerciseDefinition, ImportanceUrgencyAnswer, TokenAnswer, Workshop, label,
                          proxy_token)

from factories import beans, small_workshop, tokens_exercise, workshop_data

ITEMS = ["water", "mercury", "roads"]
BUDGET = 4


def definition(method: str = "tokens") -> ExerciseDefinition:
    return ExerciseDefinition(id="ex", title={"en": "Ex"}, method=method, beans=BUDGET,
                              items=[{"id": item, "label": {"en": item}} for item in ITEMS])


def check_error(answer, voters: int = 1, method: str = "tokens") -> BallotError:
    with pytest.raises(BallotError) as error:
        answer.check(definition(method), voters)
    return error.value


# ---- bean ballots -----------------------------------------------------------------------------

def test_bean_budget_is_per_voter():
    """A proxy tally for 3 people places exactly 3 × the budget."""
    TokenAnswer(beans={"water": 12}).check(definition(), voters=3)
    assert check_error(TokenAnswer(beans={"water": 13}), voters=3).params == {"placed": 13, "budget": 12}
    assert check_error(TokenAnswer(beans={"water": 11}), voters=3).params == {"left": 1, "budget": 12}
    assert check_error(TokenAnswer(beans={"water": 4}), voters=3).key == "ballot.under_budget"


def test_unknown_items_are_named_sorted():
    error = check_error(TokenAnswer(beans={"zinc": 2, "gold": 2}))
    assert (error.key, error.params) == ("ballot.unknown_items", {"items": "gold, zinc"})


KNOWN_OR_NOT = st.sampled_from(ITEMS + ["gold", "zinc"])


@st.composite
def bean_dicts(draw, voters: int) -> dict[str, int]:
    """Any small bean dict, or one built to place exactly budget × voters (otherwise rare)."""
    exact = draw(st.lists(st.sampled_from(ITEMS), min_size=BUDGET * voters, max_size=BUDGET * voters))
    return draw(st.one_of(
        st.dictionaries(KNOWN_OR_NOT, st.integers(0, 10), max_size=5),
        st.just({item: exact.count(item) for item in set(exact)})))


@settings(max_examples=150, deadline=None)
@given(st.integers(1, 3).flatmap(lambda voters: st.tuples(bean_dicts(voters), st.just(voters))))
def test_bean_dict_accepted_iff_known_items_and_exact_budget(counts_and_voters):
    """A bean ballot is accepted exactly when every item is known and it places budget × voters."""
    counts, voters = counts_and_voters
    valid = set(counts) <= set(ITEMS) and sum(counts.values()) == BUDGET * voters
    answer = TokenAnswer(beans=counts)
    try:
        answer.check(definition(), voters)
        accepted = True
    except BallotError:
        accepted = False
    assert accepted == valid
    # …and a workshop file holding that ballot validates exactly then.
    data = workshop_data({"women": ["woman-1"]}, [tokens_exercise(
        "ex", ITEMS, [beans("woman-1", voters, **counts)], budget=BUDGET)])
    try:
        Workshop.model_validate(data)
        file_accepted = True
    except ValidationError:
        file_accepted = False
    assert file_accepted == valid


# ---- importance × urgency ballots -------------------------------------------------------------

def test_every_item_must_be_rated():
    answer = ImportanceUrgencyAnswer(ratings={"water": {"importance": 3, "urgency": 2}})
    error = check_error(answer, method="importance-urgency")
    assert (error.key, error.params) == ("ballot.unrated_items", {"items": "mercury, roads"})


@pytest.mark.parametrize("value", [0, 6, 2.5, "high"])
def test_ratings_are_whole_numbers_from_1_to_5(value):
    with pytest.raises(ValidationError):
        ImportanceUrgencyAnswer(ratings={"water": {"importance": value, "urgency": 3}})


@pytest.mark.parametrize("value", [1, 5])
def test_rating_scale_ends_are_allowed(value):
    ImportanceUrgencyAnswer(ratings={"water": {"importance": value, "urgency": value}})


# ---- the model itself -------------------------------------------------------------------------

def test_models_are_frozen():
    workshop = small_workshop({"women": ["woman-1"]})
    with pytest.raises(ValidationError):
        workshop.title = "Changed"


def test_settings_and_definition_parts():
    workshop = small_workshop({"women": ["woman-1"]}, [tokens_exercise(
        "ex", ITEMS, [beans("woman-1", water=10)], status="closed")])
    assert workshop.settings().model_dump() == workshop.model_dump(
        exclude={"participants", "exercises", "influence_votes", "score_ballots",
                 "interaction_ballots"})
    definition_ = workshop.exercise("ex").definition()
    assert type(definition_) is ExerciseDefinition
    assert definition_.model_dump() == workshop.exercise("ex").model_dump(
        exclude={"status", "ballots", "offers"})
    assert workshop.group("women").label == {"en": "Women"}
    assert workshop.exercise("ex").item("roads").label == {"en": "Roads"}


@pytest.mark.parametrize("labels, lang, expected", [
    ({"en": "Water", "fr": "Eau"}, "fr", "Eau"),
    ({"en": "Water", "fr": "Eau"}, "sw", "Water"),   # no Swahili: English
    ({"fr": "Eau", "mos": "Koom"}, "en", "Eau"),     # no English: the first one given
])
def test_label_fallback(labels, lang, expected):
    assert label(labels, lang) == expected


def test_proxy_token_is_one_fixed_valid_token_per_group():
    assert proxy_token("women") == "proxy-women"
    small_workshop({"women": []}, proxies=("women",))  # a valid participant token


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_text_fields_are_1_to_200_characters_after_stripping(title):
    with pytest.raises(ValidationError):
        Workshop.model_validate(workshop_data({"women": []}) | {"title": title})


def test_text_fields_are_stripped():
    workshop = Workshop.model_validate(workshop_data({"women": []}) | {"title": "  Padded  "})
    assert workshop.title == "Padded"


def test_the_shared_types_live_in_engine_types_and_model_re_exports_them():
    import engine.model
    import engine.network
    import engine.types

    for name in engine.types.__all__:
        assert getattr(engine.model, name) is getattr(engine.types, name), name
    assert engine.network.Id is engine.types.Id and engine.network.Labels is engine.types.Labels


def test_the_network_map_is_part_of_the_settings(workshop_data):
    network = {"question": {"en": "Who?"},
               "actors": [{"id": "a", "label": {"en": "A"}}, {"id": "b", "label": {"en": "B"}}],
               "links": [{"source": "a", "target": "b", "layer": "money"}]}
    workshop = Workshop.model_validate({**workshop_data, "network": network})
    assert workshop.settings().network.links[0].layer == "money"
    assert workshop.model_dump(mode="json")["network"]["links"][0] == {
        "source": "a", "target": "b", "layer": "money", "sign": None, "note": ""}
    assert "network" not in Workshop.model_validate(workshop_data).model_dump()
