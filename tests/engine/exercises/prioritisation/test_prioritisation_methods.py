"""Ranking, pairwise and matrix exercises through ``results``: numbers worked by hand,
weightings (person, group, custom), agreement and divergence. The store's rules for pairs,
proposals and weights are in ``test_prioritisation_kind.py``."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.core.errors import NotFoundError
from engine.core.workshop import Workshop
from engine.exercises.prioritisation.results import ExerciseResult, results
from factories import (choice, pairwise_exercise, ranking, ranking_exercise, scores,
                       scoring_exercise, small_workshop)

WOMEN, MEN = ["woman-1", "woman-2", "woman-3"], ["miner-1", "miner-2", "miner-3"]
# Women: a>b>c, a>c>b, b>a>c; men, all three: c>b>a.
RANKINGS = [ranking("woman-1", "a", "b", "c"), ranking("woman-2", "a", "c", "b"),
            ranking("woman-3", "b", "a", "c")] + [ranking(m, "c", "b", "a") for m in MEN]


def results_of(workshop: Workshop, exercise_id: str, weighting: str = "person",
               aggregation: str | None = None) -> ExerciseResult:
    """The results of one of the workshop's exercises, for the whole room."""
    return results(workshop.exercise(exercise_id), workshop.room(), weighting, aggregation)


def ranked(weighting="person", aggregation=None, **extra):
    workshop = small_workshop({"women": WOMEN, "men": MEN},
                              [ranking_exercise("rank", ["a", "b", "c"], RANKINGS, **extra)])
    return results_of(workshop, "rank", weighting, aggregation)


def scores_of(rows):
    return {row.item: row.score for row in rows}


def test_borda_points_by_hand():
    """Borda: 2, 1, 0 points per ranking. a: 2+2+1 = 5; b: 1+0+2+3×1 = 6; c: 0+1+0+3×2 = 7."""
    result = ranked()
    assert scores_of(result.items) == {"c": 7, "b": 6, "a": 5}
    assert [row.item for row in result.items] == ["c", "b", "a"]


def test_group_weighting_averages_the_groups():
    """Each group's Borda points over its 3 voters: women a 5/3, b 1, c 1/3; men a 0, b 1, c 2."""
    assert scores_of(ranked("group").items) == pytest.approx({"a": 5 / 3, "b": 2, "c": 7 / 3},
                                                             abs=1e-6)


def test_custom_weights_can_turn_the_result_round():
    """Women weigh 2, men 1: a = 5·2/3 = 3.33, b = 3·2/3 + 3/3 = 3, c = 1·2/3 + 6/3 = 2.67."""
    result = ranked("custom", group_weights={"women": 2, "men": 1})
    assert scores_of(result.items) == pytest.approx({"a": 10 / 3, "b": 3, "c": 8 / 3}, abs=1e-6)
    assert result.items[0].item == "a"
    assert result.group_weights == {"women": 2, "men": 1}


def test_custom_weighting_without_weights_is_refused():
    with pytest.raises(NotFoundError) as error:
        ranked("custom")
    assert error.value.key == "weighting.no_custom_weights"


def test_copeland_counts_pairwise_wins_and_half_ties():
    """b beats a 4–2, a and c tie 3–3, c beats b 4–2: a ½, b 1, c 1½."""
    result = ranked(aggregation="copeland")
    assert scores_of(result.items) == {"c": 1.5, "b": 1, "a": 0.5}
    assert result.pairwise["b"]["a"] == 4 and result.pairwise["a"]["c"] == 3


def test_schulze_agrees_here_and_a_method_that_does_not_apply_is_refused():
    assert [row.item for row in ranked(aggregation="schulze").items] == ["c", "b", "a"]
    with pytest.raises(NotFoundError) as error:
        ranked(aggregation="wins")
    assert error.value.params["allowed"] == "borda, copeland, schulze"


def test_agreement_and_divergence_between_groups():
    result = ranked()
    men = result.group_agreement["men"]
    assert (men.w, men.reading) == (1.0, "very_strong")  # all three men gave the same order
    (pair,) = result.divergence
    assert (pair.group_a, pair.group_b, pair.kendall_tau) == ("women", "men", -1.0)
    assert pair.differences[0][0] in {"a", "c"}  # ranked 1st by one group, 3rd by the other


def test_pairwise_wins_use_each_participants_latest_answer_per_pair():
    """p1: x over y, x over z; p2: x over y, then changed to y over x; y over z."""
    workshop = small_workshop({"village": ["person-1", "person-2", "person-3"]}, [pairwise_exercise(
        "pairs", ["x", "y", "z"], [
            choice("person-1", "x", "y", "x", minute=1),
            choice("person-1", "x", "z", "x", minute=2),
            choice("person-2", "x", "y", "x", minute=3),
            choice("person-2", "y", "z", "y", minute=4),
            choice("person-2", "y", "x", "y", minute=5)])])
    result = results_of(workshop, "pairs")
    assert scores_of(result.items) == {"x": 2, "y": 2, "z": 0}
    assert [row.rank for row in result.items] == [1, 1, 3]
    assert result.agreement is None  # pairwise answers are not whole rankings


def test_bradley_terry_gives_an_item_that_always_wins_a_finite_score():
    workshop = small_workshop({"village": ["person-1", "person-2", "person-3"]}, [pairwise_exercise(
        "pairs", ["x", "y", "z"], [choice(p, "x", other, "x", minute=i)
                                   for i, (p, other) in enumerate(
                                       [("person-1", "y"), ("person-2", "z"),
                                        ("person-3", "y")])])])
    result = results_of(workshop, "pairs", aggregation="bradley-terry")
    assert result.items[0].item == "x"
    assert all(abs(row.score) < 10 for row in result.items)


def test_matrix_weighted_total_counts_lower_is_better_as_five_minus():
    """p: harm mean 4, cost mean 2 → 5 − 2 = 3; (2·4 + 1·3)/3 = 3.667.
    q: harm 3, cost 2 → 3; (2·3 + 1·3)/3 = 3."""
    workshop = small_workshop({"village": ["scorer-1", "scorer-2"]}, [scoring_exercise(
        "matrix", ["p", "q"],
        [{"id": "harm", "weight": 2}, {"id": "cost", "lower_is_better": True}],
        [scores("scorer-1", p={"harm": 5, "cost": 1}, q={"harm": 2, "cost": 4}),
         scores("scorer-2", p={"harm": 3, "cost": 3}, q={"harm": 4, "cost": 0})])])
    result = results_of(workshop, "matrix")
    assert scores_of(result.items) == pytest.approx({"p": 11 / 3, "q": 3}, abs=1e-6)
    assert result.items[0].criteria == {"harm": 4, "cost": 2}


def test_groups_short_of_their_head_count_are_flagged():
    workshop = small_workshop({"women": WOMEN, "men": MEN},
                              [ranking_exercise("rank", ["a", "b", "c"], RANKINGS)],
                              expected={"women": 5, "men": 3})
    flags = {row.group: row.below_expected for row in results_of(workshop, "rank").turnout}
    assert flags == {"women": True, "men": False}


@settings(deadline=None, max_examples=25)
@given(st.permutations(["a", "b", "c", "d"]), st.sampled_from(["borda", "copeland", "schulze"]))
def test_unanimous_rankings_give_that_order(order, aggregation):
    workshop = small_workshop({"village": ["person-1", "person-2", "person-3"]}, [ranking_exercise(
        "rank", ["a", "b", "c", "d"],
        [ranking(p, *order) for p in ("person-1", "person-2", "person-3")])])
    assert [row.item for row in results_of(workshop, "rank", "person", aggregation).items] == order


@settings(deadline=None, max_examples=25)
@given(st.sampled_from(["borda", "copeland", "schulze"]), st.integers(2, 4))
def test_under_group_weighting_copying_a_groups_ballots_changes_nothing(aggregation, copies):
    bigger_men = [f"miner-{i}" for i in range(1, 3 * copies + 1)]
    copied = RANKINGS[:3] + [ranking(m, "c", "b", "a") for m in bigger_men]
    workshop = small_workshop({"women": WOMEN, "men": bigger_men},
                              [ranking_exercise("rank", ["a", "b", "c"], copied)])
    assert scores_of(results_of(workshop, "rank", "group", aggregation).items) == pytest.approx(
        scores_of(ranked("group", aggregation).items), abs=1e-6)
