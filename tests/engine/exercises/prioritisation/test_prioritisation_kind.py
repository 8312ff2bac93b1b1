"""What the store does for a prioritisation because of its kind: pairs shown one at a time in a
pairwise ranking, items proposed from phones, and custom group weights fixed once voting opens.

The store holds one workshop: women (3 phones) and men (3 phones); ``pairs`` (pairwise, items
x, y, z: three pairs), ``rank`` (ranking, items a, b, c) and ``beans`` (10 beans, items a, b),
all open and without ballots.
"""

from __future__ import annotations

import random

import pytest

from engine.core.errors import BallotError, SetupError
from engine.core.store import Store
from engine.core.workshop import Workshop
from engine.exercises.prioritisation.results import results
from factories import (CODE, at, pairwise_exercise, ranking_exercise, tokens_exercise,
                       workshop_data)

WOMEN, MEN = ["woman-1", "woman-2", "woman-3"], ["miner-1", "miner-2", "miner-3"]
PAIRS = [("x", "y"), ("x", "z"), ("y", "z")]


def stored_workshop(**pairwise: object) -> Workshop:
    """The module's workshop; ``pairwise`` changes the ``pairs`` exercise's design."""
    return Workshop.model_validate(workshop_data({"women": WOMEN, "men": MEN}, [
        pairwise_exercise("pairs", ["x", "y", "z"], **pairwise),
        ranking_exercise("rank", ["a", "b", "c"]),
        tokens_exercise("beans", ["a", "b"])]))


@pytest.fixture
def open_store(tmp_path):
    """Opens a SQLite store holding ``stored_workshop(**pairwise)``; closed after the test."""
    opened: list[Store] = []

    def open_(**pairwise: object) -> Store:
        store = Store(f"sqlite:///{tmp_path / f'store-{len(opened)}.sqlite3'}")
        opened.append(store)
        store.import_workshop(stored_workshop(**pairwise))
        return store

    yield open_
    for store in opened:
        store.engine.dispose()


@pytest.fixture
def store(open_store) -> Store:
    return open_store()


def answer(pair, choice) -> dict:
    """A pairwise answer: of ``pair`` as shown, ``choice`` matters more."""
    return {"method": "pairwise", "pair": list(pair), "choice": choice}


def vote(store: Store, exercise_id: str, token: str, minute: int) -> None:
    """``token``'s ballot in ``exercise_id``, naming the items it has (a pair shown first)."""
    design = store.load(CODE).exercise(exercise_id).design
    items = [item.id for item in design.items]
    if design.method == "pairwise":
        pair = store.show_next(CODE, exercise_id, token, at(minute))["pair"]
        store.cast(CODE, exercise_id, token, answer(pair, pair[0]), at(minute))
    elif design.method == "ranking":
        store.cast(CODE, exercise_id, token, {"method": "ranking", "order": items}, at(minute))
    else:
        store.cast(CODE, exercise_id, token, {"method": "tokens", "beans": {items[0]: 10}},
                   at(minute))


# ---- pairs shown one at a time ----------------------------------------------------------------

def test_a_pair_never_shown_is_refused(store):
    """Only a pair the app showed this participant can be answered: not another pair, and not
    a pair shown to someone else."""
    pair = store.show_next(CODE, "pairs", "woman-1", at(1))["pair"]
    other = next(p for p in PAIRS if set(p) != set(pair))
    for token, asked in (("woman-1", other), ("woman-2", pair)):
        with pytest.raises(BallotError) as error:
            store.cast(CODE, "pairs", token, answer(asked, asked[0]), at(2))
        assert error.value.key == "ballot.pair_not_offered"
    store.cast(CODE, "pairs", "woman-1", answer(reversed(pair), pair[1]), at(3))  # either side
    assert [b.participant for b in store.load(CODE).exercise("pairs").ballots] == ["woman-1"]


@pytest.mark.parametrize(("pairs_per_person", "answered"), [(10, 3), (2, 2)])
def test_the_same_pair_is_shown_until_answered_and_no_pair_twice(open_store, pairs_per_person,
                                                                 answered):
    """A reload shows the same pair again (recorded once); then a new pair each time, never
    one already answered, until ``pairs_per_person`` are answered or every pair is."""
    store = open_store(pairs_per_person=pairs_per_person)
    rng = random.Random(7)
    first = store.show_next(CODE, "pairs", "woman-1", at(1), rng)
    assert store.show_next(CODE, "pairs", "woman-1", at(2), rng) == first
    assert len(store.load(CODE).exercise("pairs").shown) == 1
    seen: list[frozenset[str]] = []
    shown = first
    while shown is not None:
        assert frozenset(shown["pair"]) not in seen
        seen.append(frozenset(shown["pair"]))
        store.cast(CODE, "pairs", "woman-1", answer(shown["pair"], shown["pair"][0]), at(3))
        shown = store.show_next(CODE, "pairs", "woman-1", at(4), rng)
    assert len(seen) == answered
    exercise = store.load(CODE).exercise("pairs")  # each pair shown once, answered as shown
    assert [s.payload["pair"] for s in exercise.shown] == [
        list(b.answer.pair) for b in exercise.ballots]


def test_a_pair_shown_with_an_item_since_removed_is_replaced(store):
    """Before the first vote the facilitator may still remove an item: a participant shown a
    pair with it is shown a pair of the items left, not stuck with one no answer can name."""
    pair = store.show_next(CODE, "pairs", "woman-1", at(1), random.Random(1))["pair"]
    design = store.load(CODE).exercise("pairs").design
    store.save_exercise(CODE, "pairs", design.model_copy(update={
        "items": [item for item in design.items if item.id != pair[0]]}))
    shown = store.show_next(CODE, "pairs", "woman-1", at(2))
    left = {"x", "y", "z"} - {pair[0]}
    assert set(shown["pair"]) == left
    store.cast(CODE, "pairs", "woman-1", answer(shown["pair"], shown["pair"][0]), at(3))
    assert store.show_next(CODE, "pairs", "woman-1", at(4)) is None  # the only pair left


def test_only_a_pairwise_ranking_shows_pairs_and_it_takes_no_proxy_tally(store):
    """In a ranking nothing is chosen for the participant; a pairwise answer is one person's
    to a pair they were shown, so a group's flipchart cannot stand for it."""
    assert store.show_next(CODE, "rank", "woman-1", at(1)) is None
    with pytest.raises(BallotError) as error:
        store.cast_proxy(CODE, "pairs", "women", 4, answer(("x", "y"), "x"), at(2))
    assert error.value.key == "ballot.no_proxy"


# ---- items proposed from phones ---------------------------------------------------------------

def test_a_proposal_waits_for_approval_before_anyone_votes_on_it(store):
    """A proposed item is the exercise's proposal, by the proposer's group, not yet an item:
    no ballot may name it. Approved, it is an item like the others, saying who proposed it."""
    proposal = store.propose(CODE, "rank", "woman-2", {"text": "Roads =1+1"}, "en", at(1))
    assert (proposal.id, proposal.proposed_by, proposal.proposed_at) == ("roads-1-1", "women",
                                                                          at(1))
    assert proposal.payload.item.label == {"en": "Roads =1+1"}
    exercise = store.load(CODE).exercise("rank")
    assert exercise.proposals == [proposal]
    assert [item.id for item in exercise.design.items] == ["a", "b", "c"]
    with pytest.raises(BallotError) as error:
        store.cast(CODE, "rank", "miner-1",
                   {"method": "ranking", "order": ["a", "b", "c", proposal.id]}, at(2))
    assert error.value.key == "ballot.unknown_items"

    store.review_proposal(CODE, "rank", proposal.id, approve=True)
    exercise = store.load(CODE).exercise("rank")
    assert exercise.proposals == []
    assert exercise.design.item(proposal.id).model_dump() == {
        "id": "roads-1-1", "label": {"en": "Roads =1+1"}, "pictogram": None,
        "proposed_by": "women"}
    store.cast(CODE, "rank", "miner-1",
               {"method": "ranking", "order": [proposal.id, "a", "b", "c"]}, at(3))
    workshop = store.load(CODE)
    assert results(workshop.exercise("rank"), workshop.room()).items[0].item == proposal.id


def test_a_proposal_gets_an_id_no_item_or_proposal_has(store):
    """Ids are made from the text; one taken by an item or a waiting proposal gets a number."""
    first = store.propose(CODE, "beans", "woman-1", {"text": "A"}, "en", at(1))
    second = store.propose(CODE, "beans", "miner-1", {"text": "a"}, "fr", at(2))
    assert (first.id, second.id) == ("a-2", "a-3")
    assert second.payload.item.label == {"fr": "a"}


def test_an_empty_proposal_is_refused_and_nothing_is_stored(store):
    with pytest.raises(BallotError) as error:
        store.propose(CODE, "rank", "woman-1", {"text": "  "}, "en", at(1))
    assert error.value.key == "ballot.malformed"
    assert store.load(CODE).exercise("rank").proposals == []


@pytest.mark.parametrize("exercise_id", ["rank", "pairs"])
def test_in_a_ranking_with_votes_a_proposal_can_no_longer_be_approved(store, exercise_id):
    """Ranking and pairwise ballots compare every item: a new one could only join before the
    first vote. Rejecting it is still possible, and removes it."""
    vote(store, exercise_id, "miner-1", 1)
    proposal = store.propose(CODE, exercise_id, "woman-1", {"text": "Schools"}, "en", at(2))
    with pytest.raises(SetupError) as error:
        store.review_proposal(CODE, exercise_id, proposal.id, approve=True)
    assert error.value.key == "setup.approve_before_votes"
    assert store.load(CODE).exercise(exercise_id).proposals == [proposal]
    store.review_proposal(CODE, exercise_id, proposal.id, approve=False)
    exercise = store.load(CODE).exercise(exercise_id)
    assert exercise.proposals == []
    assert "schools" not in [item.id for item in exercise.design.items]


def test_beans_can_go_to_an_item_approved_after_voting_began(store):
    """A bean ballot names only the items it gives beans to, so an item can join at any time."""
    vote(store, "beans", "miner-1", 1)
    proposal = store.propose(CODE, "beans", "woman-1", {"text": "Schools"}, "en", at(2))
    store.review_proposal(CODE, "beans", proposal.id, approve=True)
    store.cast(CODE, "beans", "woman-1", {"method": "tokens", "beans": {"schools": 10}}, at(3))
    workshop = store.load(CODE)
    result = results(workshop.exercise("beans"), workshop.room())
    assert [(line.item, line.beans) for line in result.items] == [
        ("a", 10), ("schools", 10), ("b", 0)]


# ---- custom group weights ---------------------------------------------------------------------

def save_weights(store: Store, weights: dict[str, float]) -> None:
    design = store.load(CODE).exercise("rank").design
    store.save_exercise(CODE, "rank", design.model_copy(update={"group_weights": weights}))


def test_group_weights_are_fixed_once_voting_opens(store):
    """Custom weights are part of the rules of the vote: set while the exercise is a draft
    nobody voted in, then refused once it is open (even with no ballot yet), or has ballots
    (even back in draft). Other changes are still allowed."""
    store.set_status(CODE, "rank", "draft")
    save_weights(store, {"women": 2.0})  # before voting: the facilitator may set them
    assert store.load(CODE).exercise("rank").design.group_weights == {"women": 2.0}
    store.set_status(CODE, "rank", "open")
    with pytest.raises(SetupError) as error:
        save_weights(store, {"women": 3.0})
    assert error.value.key == "setup.weights_locked"
    vote(store, "rank", "miner-1", 1)
    store.set_status(CODE, "rank", "draft")
    with pytest.raises(SetupError) as error:
        save_weights(store, {})
    assert error.value.key == "setup.weights_locked"
    design = store.load(CODE).exercise("rank").design
    assert design.group_weights == {"women": 2.0}
    store.save_exercise(CODE, "rank", design.model_copy(update={"question": {"en": "Which?"}}))
    assert store.load(CODE).exercise("rank").design.question == {"en": "Which?"}


def test_group_weights_name_groups_of_the_workshop(store):
    store.set_status(CODE, "rank", "draft")
    with pytest.raises(SetupError) as error:
        save_weights(store, {"chiefs": 2.0})
    assert (error.value.key, error.value.params) == ("setup.invalid", {
        "where": "exercises[1].design.group_weights", "problem": "unknown group 'chiefs'"})
    assert store.load(CODE).exercise("rank").design.group_weights == {}


# ---- ballots ----------------------------------------------------------------------------------

def test_a_ranking_naming_an_item_twice_is_refused_with_its_position(store):
    with pytest.raises(BallotError) as error:
        store.cast(CODE, "rank", "miner-1", {"method": "ranking", "order": ["a", "b", "a"]},
                   at(1))
    assert (error.value.key, error.value.params) == ("ballot.duplicate_item",
                                                     {"item": "a", "position": 3})
