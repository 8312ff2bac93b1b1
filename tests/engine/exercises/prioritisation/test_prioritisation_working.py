"""The working behind a prioritisation's numbers (issue 13), through ``results`` and the workbook,
against published worked examples: Schulze's 45 voters (Wikipedia, "Schulze method" § Example;
Schulze 2011), Kendall's W with ties (Siegel 1956 as NAG's g08daf prints it), the
Bradley–Terry maximum-likelihood estimate (choix); Borda and Copeland worked by hand; the
matrix scoring scale and its refusals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from engine.core.errors import WorkshopFileError
from engine.core.file_format import parse_workshop
from engine.core.records import proxy_token
from engine.core.workshop import Workshop
from engine.exercises.prioritisation.results import ExerciseResult, results
from factories import (choice, pairwise_exercise, ranking, ranking_exercise, scores,
                       scoring_exercise, small_workshop, workshop_data)
from workbook_helpers import row_of, saved

DATA = Path(__file__).resolve().parents[3] / "data" / "social_choice"


def golden(name: str) -> dict:
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def results_of(workshop: Workshop, exercise_id: str, weighting: str = "person",
               aggregation: str | None = None) -> ExerciseResult:
    return results(workshop.exercise(exercise_id), workshop.room(), weighting, aggregation)


# ---- Schulze's 45 voters ------------------------------------------------------------------------

def lowered(table: dict) -> dict:
    """A published matrix with the candidates' letters as item ids ("A" → "a")."""
    return {a.lower(): {b.lower(): value for b, value in row.items()} for a, row in table.items()}


def schulze_workshop() -> Workshop:
    """The 45 voters as eight groups' flipchart tallies, one proxy ballot per ranking."""
    case = golden("schulze_wikipedia_45_voters")
    groups = [f"group-{n}" for n in range(len(case["weighted_rankings"]))]
    ballots = [ranking(proxy_token(group), *(c.lower() for c in order), voters=count)
               for group, (order, count) in zip(groups, case["weighted_rankings"])]
    items = [c.lower() for c in case["items"]]
    return small_workshop({group: [] for group in groups},
                          [ranking_exercise("vote", items, ballots)], proxies=groups)


def test_schulze_strongest_paths_are_the_published_ones():
    """Wikipedia's d and p tables for the 45 voters, number for number, and E > A > C > B > D."""
    case = golden("schulze_wikipedia_45_voters")
    result = results_of(schulze_workshop(), "vote", aggregation="schulze")
    assert result.voters == 45
    assert result.pairwise == lowered(case["expected"]["pairwise_matrix_rankings"])
    assert result.working.strength == "winning_votes"
    assert result.working.strongest_paths == lowered(case["expected"]["schulze_matrix"]["paths"])
    assert [row.item for row in result.items] == ["e", "a", "c", "b", "d"]


def test_the_workbook_has_the_strongest_paths_on_the_working_sheet():
    case = golden("schulze_wikipedia_45_voters")
    _, book = saved(schulze_workshop())
    sheet = book["vote working"]
    corner = row_of(sheet, "From ↓ to →")
    grid = [list(line) for line in sheet.iter_rows(
        min_row=corner + 1, max_row=corner + 5, max_col=6, values_only=True)]
    paths = case["expected"]["schulze_matrix"]["paths"]
    assert grid == [[a, *(paths[a].get(b) for b in case["items"])] for a in case["items"]]


# ---- Borda and Copeland by hand -----------------------------------------------------------------

WOMEN, MEN = ["woman-1", "woman-2", "woman-3"], ["miner-1", "miner-2", "miner-3"]
# Women: a>b>c, a>c>b, b>a>c; men, all three: c>b>a.
RANKINGS = [ranking("woman-1", "a", "b", "c"), ranking("woman-2", "a", "c", "b"),
            ranking("woman-3", "b", "a", "c")] + [ranking(m, "c", "b", "a") for m in MEN]


def ranked(aggregation: str) -> ExerciseResult:
    workshop = small_workshop({"women": WOMEN, "men": MEN},
                              [ranking_exercise("rank", ["a", "b", "c"], RANKINGS)])
    return results_of(workshop, "rank", aggregation=aggregation)


def test_borda_working_counts_each_place():
    """a: 1st twice (women 1, 2), 2nd once, 3rd three times (the men): 2·2 + 1 = 5 points;
    b: [1, 4, 1] → 2 + 4 = 6; c: [3, 1, 2] → 6 + 1 = 7."""
    result = ranked("borda")
    assert result.working.positions == {"a": [2, 1, 3], "b": [1, 4, 1], "c": [3, 1, 2]}
    assert {row.item: row.score for row in result.items} == {"a": 5, "b": 6, "c": 7}
    assert result.working.copeland is result.working.strongest_paths is None


def test_copeland_working_counts_wins_ties_and_losses():
    """b beats a 4–2, a and c tie 3–3, c beats b 4–2."""
    result = ranked("copeland")
    records = {item: (r.wins, r.ties, r.losses) for item, r in result.working.copeland.items()}
    assert records == {"a": (0, 1, 1), "b": (1, 0, 1), "c": (1, 1, 0)}
    assert {row.item: row.score for row in result.items} == {"a": 0.5, "b": 1, "c": 1.5}


# ---- Kendall's W with ties ----------------------------------------------------------------------

def siegel_workshop() -> Workshop:
    """Siegel's (1956) 3 raters of 10 objects with tied ranks, as NAG's g08daf example prints
    them: each rater scores the objects on a 0–10 scale in halves, 11 − their (mid-)rank, so
    the scores order the objects as the ranks do."""
    case = golden("kendall_w_nag_g08daf")
    items = [item.replace("object-", "o") for item in case["items"]]
    ballots = [scores(f"rater-{n}", **{item: {"c": 11 - rank} for item, rank
                                         in zip(items, rater.values())})
               for n, rater in enumerate(case["ranks"], start=1)]
    exercise = scoring_exercise("objects", items, [{"id": "c"}], ballots)
    exercise["design"]["matrix_scale"] = {"minimum": 0, "maximum": 10, "step": 0.5}
    return small_workshop({"raters": ["rater-1", "rater-2", "rater-3"]}, [exercise])


def test_kendall_w_with_ties_through_a_matrix_scored_in_halves():
    """NAG prints W = 0.828, significance 0.008; χ² and p are Friedman's (scipy)."""
    case = golden("kendall_w_nag_g08daf")
    agreement = results_of(siegel_workshop(), "objects").agreement
    assert (round(agreement.w, 3), round(agreement.p_value, 3)) == (0.828, 0.008)
    assert agreement.tie_correction == 114  # rater 1: 6 + 6; rater 2: 3 × 6; rater 3: 60 + 24
    assert agreement.w_uncorrected == pytest.approx(12 * agreement.s / (9 * 990), abs=1e-6)
    stats = pytest.importorskip("scipy.stats")
    friedman = stats.friedmanchisquare(*[[rater[item] for rater in case["ranks"]]
                                         for item in case["items"]])
    assert agreement.chi2 == pytest.approx(friedman.statistic, abs=1e-5)
    assert agreement.p_value == pytest.approx(friedman.pvalue, abs=1e-6)


# ---- Bradley–Terry ------------------------------------------------------------------------------

SIX_ANSWERS = [("a", "b", 3), ("b", "a", 1), ("a", "c", 2), ("a", "d", 3), ("a", "e", 2),
               ("f", "a", 1), ("b", "c", 2), ("c", "b", 1), ("b", "d", 2), ("b", "e", 1),
               ("e", "b", 1), ("b", "f", 2), ("c", "d", 1), ("d", "c", 1), ("c", "e", 2),
               ("c", "f", 1), ("d", "e", 1), ("e", "d", 1), ("d", "f", 2), ("e", "f", 1),
               ("f", "e", 1)]


def pairs_workshop(answers: list[tuple[str, str, int]], items: str = "abcdef") -> Workshop:
    """Each answer to a pair by a different participant (a participant's latest answer per pair
    counts), all in one group."""
    given: dict[frozenset[str], int] = {}
    ballots = []
    for winner, loser, count in answers:
        for _ in range(count):
            n = given[frozenset((winner, loser))] = given.get(frozenset((winner, loser)), 0) + 1
            ballots.append(choice(f"person-{n}", winner, loser, winner))
    people = sorted({b["participant"] for b in ballots})
    return small_workshop({"all": people}, [pairwise_exercise("pairs", list(items), ballots)])


def test_bradley_terry_is_the_maximum_likelihood_estimate_when_it_exists():
    """Every item beat every other through a chain of wins: the plain estimate, as choix's
    ``ilsr_pairwise(..., alpha=0)`` gives it, and the regularised one beside it."""
    choix = pytest.importorskip("choix")
    result = results_of(pairs_workshop(SIX_ANSWERS), "pairs", aggregation="bradley-terry")
    fit = result.working.bradley_terry
    assert (fit.estimate, fit.alpha, fit.reason, fit.regularised_alpha) == (
        "maximum_likelihood", 0.0, None, 0.1)
    index = {item: i for i, item in enumerate("abcdef")}
    theirs = choix.ilsr_pairwise(6, [(index[winner], index[loser])
                                     for winner, loser, n in SIX_ANSWERS for _ in range(n)],
                                 alpha=0, tol=1e-12)
    ours = {row.item: row.score for row in result.items}
    assert [ours[item] for item in "abcdef"] == pytest.approx(list(theirs), abs=2e-6)
    assert ours != pytest.approx(fit.regularised, abs=1e-3)
    # the one group (4 people) answered everything: its own fit is the same
    assert result.group_working["all"].bradley_terry == fit


def test_bradley_terry_falls_back_and_says_why():
    """a never lost: no maximum-likelihood estimate; the regularised one, with α, instead."""
    answers = [("a", "b", 2), ("a", "c", 1), ("b", "c", 1), ("c", "b", 1)]
    result = results_of(pairs_workshop(answers, "abc"), "pairs", aggregation="bradley-terry")
    fit = result.working.bradley_terry
    assert (fit.estimate, fit.alpha, fit.reason, fit.reason_items) == (
        "regularised", 0.1, "never_lost", ["a"])
    assert {row.item: row.score for row in result.items} == fit.regularised


def test_schulze_margins_is_offered_for_pairwise_answers():
    """The survey of ``test_social_choice``'s margins case: c > a > b by winning votes, a
    three-way tie by margins."""
    answers = [("a", "b", 6), ("b", "a", 4), ("b", "c", 3), ("c", "b", 1), ("c", "a", 11),
               ("a", "c", 9)]
    workshop = pairs_workshop(answers, "abc")
    votes = results_of(workshop, "pairs", aggregation="schulze")
    margins = results_of(workshop, "pairs", aggregation="schulze-margins")
    assert [(row.item, row.rank) for row in votes.items] == [("c", 1), ("a", 2), ("b", 3)]
    assert [row.rank for row in margins.items] == [1, 1, 1]
    assert margins.working.strength == "margins"
    assert margins.working.strongest_paths["c"] == {"a": 2, "b": 2}


# ---- the matrix scoring scale -------------------------------------------------------------------

def scale_file(scale: dict | None, score: float) -> bytes:
    exercise = scoring_exercise("scores", ["water", "roads"],
                                [{"id": "harm"}, {"id": "cost", "lower_is_better": True}],
                                [scores("woman-1", water={"harm": score, "cost": 1},
                                        roads={"harm": 2, "cost": 2})])
    if scale is not None:
        exercise["design"]["matrix_scale"] = scale
    return json.dumps(workshop_data({"women": ["woman-1"]}, [exercise])).encode()


def test_a_design_without_a_scale_keeps_zero_to_five_in_whole_points():
    workshop = parse_workshop(scale_file(None, 5))
    scale = workshop.exercise("scores").design.matrix_scale
    assert (scale.minimum, scale.maximum, scale.step, scale.points()) == (
        0, 5, 1, [0, 1, 2, 3, 4, 5])
    result = results_of(workshop, "scores")
    # water: harm 5, cost 1 counted as 5 − 1 = 4: (5 + 4) / 2
    assert {row.item: row.score for row in result.items} == {"water": 4.5, "roads": 2.5}


def test_a_scale_of_one_to_three_in_halves():
    workshop = parse_workshop(scale_file({"minimum": 1, "maximum": 3, "step": 0.5}, 2.5))
    assert workshop.exercise("scores").design.matrix_scale.points() == [1, 1.5, 2, 2.5, 3]
    result = results_of(workshop, "scores")
    # a "lower is better" score counts as 1 + 3 − score: water (2.5 + 3) / 2, roads (2 + 2) / 2
    assert {row.item: row.score for row in result.items} == {"water": 2.75, "roads": 2}


@pytest.mark.parametrize(("scale", "score", "problem"), [
    (None, 2.5, "The score 2.5 for water on harm is not on this exercise's scale: from 0 to 5 "
                "in steps of 1"),
    (None, 6, "from 0 to 5"),
    ({"minimum": 1, "maximum": 3, "step": 0.5}, 0.5, "from 1 to 3 in steps of 0.5"),
    ({"minimum": 1, "maximum": 3, "step": 0.5}, 2.25, "The score 2.25 for water on harm"),
])
def test_a_score_off_the_scale_or_its_step_is_refused_with_its_path(scale, score, problem):
    with pytest.raises(WorkshopFileError) as refused:
        parse_workshop(scale_file(scale, score))
    message = refused.value.message("en")
    assert "exercises[0].ballots[0].answer" in message and problem in message


@pytest.mark.parametrize(("scale", "field"), [
    ({"minimum": 3, "maximum": 3}, "maximum"), ({"step": 0.25}, "step"),
    ({"maximum": 101}, "maximum"), ({"minimum": -1}, "minimum")])
def test_a_scale_that_cannot_be_used_is_refused(scale, field):
    with pytest.raises(WorkshopFileError) as refused:
        parse_workshop(scale_file(scale, 1))
    assert f"design.matrix_scale.{field}" in refused.value.message("en")


def test_the_scale_model_itself_refuses_halves_of_halves():
    from engine.exercises.prioritisation.design import MatrixScale
    with pytest.raises(ValidationError, match=r"1 \(whole points\) or 0\.5 \(halves\)"):
        MatrixScale(step=0.25)


def test_the_workbook_works_kendalls_w_out():
    _, book = saved(siegel_workshop())
    sheet = book["objects working"]
    value = {sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value
             for r in range(1, sheet.max_row + 1)}
    assert round(value["W, corrected for ties"], 3) == 0.828
    assert value["Tie correction Σ (t³ − t)"] == 114 and value["Voters m"] == 3
    assert value["W without the tie correction"] < value["W, corrected for ties"]
    assert [value[f"O{n:02d}"] for n in (1, 2)] == [5.5, 6.5]  # rank sums: 1 + 2.5 + 2 …
