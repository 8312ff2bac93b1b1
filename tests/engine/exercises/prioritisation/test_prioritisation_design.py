"""A prioritisation's design and ballots: every ballot obeys its exercise's rules (the bean
budget, every item rated, known items only), when cast and when a file is read."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings, strategies as st
from pydantic import ValidationError

from engine.core.errors import BallotError, WorkshopFileError, render
from engine.core.file_format import parse_workshop
from engine.core.workshop import Workshop
from engine.exercises.prioritisation.design import (ImportanceUrgencyAnswer, Prioritisation,
                                                    TokenAnswer)
from factories import (beans, choice, matrix_exercise, ranking, ratings, small_workshop,
                       tokens_exercise, workshop_data)

ITEMS = ["water", "mercury", "roads"]
BUDGET = 4


def design(method: str = "tokens") -> Prioritisation:
    """A design with the three ``ITEMS`` and a budget of ``BUDGET`` beans."""
    return Prioritisation(method=method, beans=BUDGET,
                          items=[{"id": item, "label": {"en": item}} for item in ITEMS])


def check_error(answer, voters: int = 1, method: str = "tokens") -> BallotError:
    with pytest.raises(BallotError) as error:
        answer.check(design(method), voters)
    return error.value


# ---- bean ballots -----------------------------------------------------------------------------

def test_bean_budget_is_per_voter():
    """A proxy tally for 3 people places exactly 3 × the budget."""
    TokenAnswer(beans={"water": 12}).check(design(), voters=3)
    assert check_error(TokenAnswer(beans={"water": 13}), voters=3).params == {"placed": 13,
                                                                             "budget": 12}
    assert check_error(TokenAnswer(beans={"water": 11}), voters=3).params == {"left": 1,
                                                                             "budget": 12}
    assert check_error(TokenAnswer(beans={"water": 4}), voters=3).key == "ballot.under_budget"


def test_unknown_items_are_named_sorted():
    error = check_error(TokenAnswer(beans={"zinc": 2, "gold": 2}))
    assert (error.key, error.params) == ("ballot.unknown_items", {"items": "gold, zinc"})


KNOWN_OR_NOT = st.sampled_from(ITEMS + ["gold", "zinc"])


@st.composite
def bean_dicts(draw, voters: int) -> dict[str, int]:
    """Any small bean dict, or one built to place exactly budget × voters (otherwise rare)."""
    placed = BUDGET * voters
    exact = draw(st.lists(st.sampled_from(ITEMS), min_size=placed, max_size=placed))
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
        answer.check(design(), voters)
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


def test_a_rating_ballot_re_read_need_not_rate_an_item_approved_after_it():
    """When cast, a ballot rates every item; a stored one is re-read against the design as it
    stands, where an item approved later is simply not in it."""
    workshop = small_workshop({"women": ["woman-1"]}, [matrix_exercise(
        "ex", ITEMS, [ratings("woman-1", water=(3, 2), mercury=(4, 4))])])
    answer = workshop.exercise("ex").ballots[0].answer
    answer.check(design("importance-urgency"), complete=False)
    assert check_error(answer, method="importance-urgency").params == {"items": "roads"}


# ---- a workshop file --------------------------------------------------------------------------

def over_budget(exercise: dict) -> None:
    exercise["ballots"] = [beans("woman-1", water=BUDGET + 1)]


def bad_item_id(exercise: dict) -> None:
    exercise["design"]["items"][1]["id"] = "Mercury"


def duplicate_item(exercise: dict) -> None:
    exercise["design"]["items"][2]["id"] = "water"


def matrix_without_criteria(exercise: dict) -> None:
    exercise["design"]["method"] = "matrix"


def other_method(exercise: dict) -> None:
    exercise["ballots"] = [ranking("woman-1", *ITEMS)]


def pair_never_shown(exercise: dict) -> None:
    exercise["design"]["method"] = "pairwise"
    exercise["ballots"] = [choice("woman-1", "water", "roads", "roads")]


def unknown_weighted_group(exercise: dict) -> None:
    exercise["design"]["group_weights"] = {"men": 2}


def unknown_proposing_group(exercise: dict) -> None:
    exercise["design"]["items"][0]["proposed_by"] = "men"


@pytest.mark.parametrize(("change", "where", "problem"), [
    (over_budget, "ballots[0].answer", "Too many beans: 5 placed, but only 4 to give"),
    (bad_item_id, "design.items[1].id", "an id is 1 to 40 of a–z"),  # plain words
    (duplicate_item, "design.items[2]", "duplicate id 'water'"),
    (matrix_without_criteria, "design.criteria", "matrix scoring needs at least one criterion"),
    (other_method, "ballots[0].answer", "A 'ranking' ballot does not fit this exercise"),
    (pair_never_shown, "ballots[0].answer", "This pair was not shown to you"),
    (unknown_weighted_group, "design.group_weights", "unknown group 'men'"),
    (unknown_proposing_group, "design.items[0].proposed_by", "unknown group 'men'"),
])
def test_a_file_breaking_a_prioritisations_rules_is_refused_naming_where(change, where,
                                                                        problem):
    data = workshop_data({"women": ["woman-1"]}, [tokens_exercise("ex", ITEMS, budget=BUDGET)])
    change(data["exercises"][0])
    with pytest.raises(WorkshopFileError) as error:
        parse_workshop(json.dumps(data))
    assert error.value.params["where"].path == f"exercises[0].{where}"
    assert problem in render(error.value.params["problem"], "en")  # a phrase, said in English


def test_the_design_is_what_the_facilitator_set_up(workshop):
    """Everything sent to an exercise is beside its design, never in it."""
    exercise = workshop.exercise("water-priorities")
    assert isinstance(exercise.design, Prioritisation)
    assert set(exercise.design.model_dump()) == {
        "question", "method", "items", "beans", "criteria", "pairs_per_person", "matrix_scale",
        "group_weights"}
    assert exercise.design.item("roads").label == {"en": "Roads", "fr": "Routes"}
