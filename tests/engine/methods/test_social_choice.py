"""Social choice: published worked examples, independent computations, properties, bad input.

Golden cases are JSON files in ``tests/data/social_choice/``, each with its ``source``; one
helper, :func:`check_case`, runs every method a case has an ``expected`` section for, and each
golden test is that one call. Independent checks compare with scipy (the χ² tail, τ_b, ρ and a
direct maximisation of the Bradley–Terry posterior) and, when it is installed, choix.
"""

from __future__ import annotations

import itertools
import json
import math
import random
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.methods.social_choice import (
    CONCORDANCE_READINGS,
    ComparisonError,
    ConvergenceError,
    MatrixError,
    RankingError,
    SocialChoiceError,
    _chi2_sf,
    borda_rankings,
    bradley_terry_comparisons,
    bradley_terry_fit,
    concordance_reading,
    copeland_matrix,
    divergence_ranks,
    kendall_tau_ranks,
    kendall_w_ranks,
    next_pair,
    pairwise_matrix_comparisons,
    pairwise_matrix_rankings,
    pairwise_records_matrix,
    positions_rankings,
    rank_scores,
    schulze_matrix,
    spearman_rho_ranks,
    wins_comparisons,
)

DATA = Path(__file__).resolve().parents[2] / "data" / "social_choice"


# --------------------------------------------------------------------------------------------
# Golden cases


def _by_item(results) -> tuple[dict, dict]:
    return {r.item: r.score for r in results}, {r.item: r.rank for r in results}


def _check_ranking(results, expected: dict) -> None:
    scores, ranks = _by_item(results)
    if "scores" in expected:
        assert scores == pytest.approx(expected["scores"])
    assert ranks == expected["ranks"]
    assert [r.item for r in results] == sorted(ranks, key=ranks.get), "results are best first"


def _matrix(case: dict) -> dict:
    return pairwise_matrix_rankings(case["items"], case["weighted_rankings"])


def _check_matrix(case: dict, expected: dict) -> None:
    assert _matrix(case) == expected  # whole numbers of voters: exact


def _check_schulze(case: dict, expected: dict) -> None:
    result = schulze_matrix(case["items"], _matrix(case))
    if "paths" in expected:
        assert result.paths == expected["paths"]
    _check_ranking(result.ranking, expected)


def _check_concordance(case: dict, expected: dict) -> None:
    result = kendall_w_ranks(case["items"], case["ranks"])
    assert (result.df, result.raters, result.items) == (
        expected["df"], expected["raters"], len(case["items"]))
    for field, places in expected["places"].items():
        assert round(getattr(result, field), places) == expected[field], field
    assert result.chi2 == pytest.approx(result.raters * result.df * result.w)


CHECKS = {
    "pairwise_matrix_rankings": _check_matrix,
    "borda_rankings": lambda case, expected: _check_ranking(
        borda_rankings(case["items"], case["weighted_rankings"]), expected),
    "copeland_matrix": lambda case, expected: _check_ranking(
        copeland_matrix(case["items"], _matrix(case)), expected),
    "schulze_matrix": _check_schulze,
    "kendall_w_ranks": _check_concordance,
}


def check_case(name: str) -> None:
    """Run every method ``tests/data/social_choice/<name>.json`` has an expected result for."""
    case = json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))
    assert case["source"] and case["expected"]
    for method, expected in case["expected"].items():
        CHECKS[method](case, expected)


def test_every_golden_case_has_a_test():
    tested = {"schulze_wikipedia_45_voters", "tennessee_capital", "kendall_w_irr_anxiety",
              "kendall_w_nag_g08daf"}
    assert {path.stem for path in DATA.glob("*.json")} == tested


def test_schulze_45_voter_example():
    """Schulze's 45-voter example (Wikipedia, "Schulze method" § Example; Schulze's Example 1).

    Checks the pairwise matrix d, every strongest-path strength p and the order E > A > C > B > D.
    """
    check_case("schulze_wikipedia_45_voters")


def test_tennessee_capital_borda_copeland_schulze():
    """The Tennessee capital (Wikipedia, "Borda count" and "Condorcet method" § Example).

    Borda 194 / 173 / 126 / 107 (Nashville first); the pairwise percentages; Copeland and
    Schulze both put the Condorcet winner Nashville first.
    """
    check_case("tennessee_capital")


def test_kendall_w_with_ties_irr_anxiety():
    """Kendall's W with tie correction: irr's ``kendall(anxiety, TRUE)`` (Gamer et al., R package
    irr): Wt = 0.54, χ²(19) = 30.8, p = 0.0429.
    """
    check_case("kendall_w_irr_anxiety")


def test_kendall_w_with_ties_nag_g08daf():
    """Kendall's W with tied ranks: the NAG Library's g08daf example (after Siegel 1956):
    W = 0.828, significance 0.008.
    """
    check_case("kendall_w_nag_g08daf")


# --------------------------------------------------------------------------------------------
# χ² tail


@pytest.mark.parametrize("x, df, p", [
    (3.841, 1, 0.05), (6.635, 1, 0.01), (5.991, 2, 0.05), (7.815, 3, 0.05), (11.070, 5, 0.05),
    (18.307, 10, 0.05), (23.209, 10, 0.01), (30.144, 19, 0.05), (43.773, 30, 0.05)])
def test_chi2_tail_matches_printed_critical_values(x, df, p):
    """Upper critical values of χ² as printed in the NIST/SEMATECH e-Handbook of Statistical
    Methods, §1.3.6.7.4 (three decimals, so the tail agrees to about 1e-4).
    """
    assert _chi2_sf(x, df) == pytest.approx(p, abs=1e-4)


def test_chi2_tail_matches_scipy():
    stats = pytest.importorskip("scipy.stats")
    for df in [1, 2, 3, 4, 7, 19, 29, 30, 99, 500]:
        for x in [0.0, 1e-6, 0.3, 1.0, df / 2, df, df + 3 * math.sqrt(2 * df), 5 * df + 40]:
            assert _chi2_sf(x, df) == pytest.approx(stats.chi2.sf(x, df), rel=1e-9, abs=1e-300)


def test_chi2_tail_rejects_a_fractional_or_zero_df():
    with pytest.raises(ValueError):
        _chi2_sf(1.0, 0)


# --------------------------------------------------------------------------------------------
# Small hand-worked cases


def test_competition_ranks_share_a_rank_and_skip_the_next():
    results = rank_scores({"a": 3.0, "b": 5.0, "c": 3.0, "d": 1.0})
    assert [(r.item, r.rank) for r in results] == [("b", 1), ("a", 2), ("c", 2), ("d", 4)]


def test_floating_point_noise_does_not_break_a_tie():
    results = rank_scores({"a": 0.1 + 0.2, "b": 0.3, "c": 0.0})
    assert [(r.item, r.rank) for r in results] == [("a", 1), ("b", 1), ("c", 3)]


def test_copeland_counts_a_tie_as_one_half():
    """a beats b; a and c tie 2:2; b and c were never compared (0:0 is a tie too)."""
    d = {"a": {"b": 3, "c": 2}, "b": {"a": 1}, "c": {"a": 2}}
    assert _by_item(copeland_matrix(["a", "b", "c"], d))[0] == {"a": 1.5, "b": 0.5, "c": 1.0}


def test_wins_counts_weighted_choices():
    answers = [("water", "roads", 1), ("water", "mercury", 2.5), ("mercury", "roads", 1)]
    scores, ranks = _by_item(wins_comparisons(["water", "roads", "mercury"], answers))
    assert scores == {"water": 3.5, "roads": 0.0, "mercury": 1.0}
    assert ranks == {"water": 1, "mercury": 2, "roads": 3}


def test_pairwise_matrix_of_comparisons_adds_weights():
    d = pairwise_matrix_comparisons("abc", [("a", "b", 1), ("b", "a", 2), ("a", "b", 0.5)])
    assert d == {"a": {"b": 1.5, "c": 0.0}, "b": {"a": 2.0, "c": 0.0}, "c": {"a": 0.0, "b": 0.0}}


def test_schulze_with_equal_path_strengths_ties():
    """A perfect three-way cycle, every link 2:1: no item beats another, all three tie."""
    d = {"a": {"b": 2, "c": 1}, "b": {"a": 1, "c": 2}, "c": {"a": 2, "b": 1}}
    result = schulze_matrix(["a", "b", "c"], d)
    assert [r.rank for r in result.ranking] == [1, 1, 1]
    assert result.paths["a"] == {"b": 2, "c": 2}


def test_concordance_reading_follows_schmidt_thresholds():
    """Schmidt (1997): 0.1 very weak, 0.3 weak, 0.5 moderate, 0.7 strong, 0.9 unusually strong."""
    assert [concordance_reading(w) for w in [0, 0.099, 0.1, 0.3, 0.5, 0.69, 0.7, 0.9, 1]] == [
        "none", "none", "very_weak", "weak", "moderate", "moderate", "strong", "very_strong",
        "very_strong"]
    assert [key for _, key in CONCORDANCE_READINGS][-1] == "none"


def test_kendall_w_is_zero_when_raters_cancel_out():
    """Two raters with opposite orders: every rank sum is n + 1, so S = 0."""
    result = kendall_w_ranks("abcd", [{"a": 1, "b": 2, "c": 3, "d": 4},
                                      {"a": 4, "b": 3, "c": 2, "d": 1}])
    assert (result.w, result.chi2, result.p_value, result.reading) == (0.0, 0.0, 1.0, "none")


def test_kendall_w_turns_any_values_into_mid_ranks():
    """Competition ranks 1, 2, 2, 4 and scores 10, 7, 7, 1 (reversed) are the same ranking."""
    competition = {"a": 1, "b": 2, "c": 2, "d": 4}
    mid = {"a": 1, "b": 2.5, "c": 2.5, "d": 4}
    other = {"a": 2, "b": 1, "c": 4, "d": 3}
    assert (kendall_w_ranks("abcd", [competition, other]).w
            == pytest.approx(kendall_w_ranks("abcd", [mid, other]).w))


def test_divergence_lists_every_pair_of_groups_and_the_biggest_gaps():
    items = ["water", "roads", "mercury", "school"]
    groups = {"women": {"water": 1, "roads": 2, "mercury": 3, "school": 4},
              "miners": {"water": 4, "roads": 1, "mercury": 2, "school": 3},
              "office": {"water": 1, "roads": 2, "mercury": 3, "school": 4}}
    pairs = divergence_ranks(items, groups, top=2)
    assert [(p.group_a, p.group_b) for p in pairs] == [
        ("women", "miners"), ("women", "office"), ("miners", "office")]
    women_miners, women_office, _ = pairs
    assert [(d.item, d.difference) for d in women_miners.differences] == [
        ("water", -3.0), ("roads", 1.0)]
    assert women_miners.kendall_tau_b == pytest.approx(0.0)
    assert women_office.differences == [] and women_office.kendall_tau_b == 1.0
    assert women_office.spearman_rho == 1.0
    assert len(divergence_ranks(items, groups, top=None)[0].differences) == 4


def test_correlation_of_a_ranking_that_ties_everything_is_undefined():
    flat = {"a": 1, "b": 1, "c": 1}
    ordered = {"a": 1, "b": 2, "c": 3}
    assert kendall_tau_ranks("abc", flat, ordered) is None
    assert spearman_rho_ranks("abc", ordered, flat) is None


# --------------------------------------------------------------------------------------------
# Bradley–Terry against independent computations


def _random_comparisons(rng: random.Random, items: list[str], count: int, weights=True):
    strength = {item: rng.gauss(0, 1) for item in items}
    answers = []
    for _ in range(count):
        a, b = rng.sample(items, 2)
        weight = rng.choice([1, 1, 2, 0.5]) if weights else 1
        if rng.random() < 1 / (1 + math.exp(strength[b] - strength[a])):
            answers.append((a, b, weight))
        else:
            answers.append((b, a, weight))
    return answers


def _direct_map(items, answers, alpha):
    """Maximise the same log-posterior with scipy's BFGS, from the formula in the docstring."""
    optimize = pytest.importorskip("scipy.optimize")
    n = len(items)
    index = {item: i for i, item in enumerate(items)}
    wins = np.zeros((n, n))
    for winner, loser, weight in answers:
        wins[index[winner], index[loser]] += weight

    def negative(theta):
        log_sigma = -np.logaddexp(0.0, theta[None, :] - theta[:, None])
        prior = -np.logaddexp(0.0, -theta) - np.logaddexp(0.0, theta)
        sigma = 1 / (1 + np.exp(theta[None, :] - theta[:, None]))
        prior_gradient = 1 - 2 / (1 + np.exp(-theta))
        gradient = (wins * (1 - sigma)).sum(axis=1) - (wins.T * (1 - sigma.T)).sum(axis=1)
        return (-(wins * log_sigma).sum() - alpha * prior.sum(),
                -(gradient + alpha * prior_gradient))

    result = optimize.minimize(negative, np.zeros(n), jac=True, method="BFGS",
                               options={"gtol": 1e-10, "maxiter": 10_000})
    return dict(zip(items, result.x - result.x.mean()))


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_bradley_terry_matches_a_direct_maximisation(seed):
    rng = random.Random(seed)
    items = [f"item-{i}" for i in range(8)]
    answers = _random_comparisons(rng, items, 120)
    answers += [("item-0", other, 1) for other in items[1:]]  # one item never loses to some
    for alpha in (0.1, 1.0):
        scores, _ = _by_item(bradley_terry_comparisons(items, answers, alpha=alpha))
        assert scores == pytest.approx(_direct_map(items, answers, alpha), abs=1e-6)
        assert sum(scores.values()) == pytest.approx(0.0, abs=1e-9)


def test_bradley_terry_without_prior_matches_choix():
    choix = pytest.importorskip("choix")
    rng = random.Random(7)
    items = [f"item-{i}" for i in range(10)]
    answers = _random_comparisons(rng, items, 400, weights=False)
    ours, _ = _by_item(bradley_terry_comparisons(items, answers, alpha=0))
    index = {item: i for i, item in enumerate(items)}
    theirs = choix.ilsr_pairwise(len(items),
                                 [(index[winner], index[loser]) for winner, loser, _ in answers],
                                 alpha=0, tol=1e-12)
    assert [ours[item] for item in items] == pytest.approx(list(theirs), abs=1e-6)


def test_an_item_that_wins_every_time_gets_a_finite_top_score():
    items = ["water", "roads", "mercury", "school", "clinic"]
    answers = []
    for a, b in itertools.combinations(items, 2):
        answers += [(a, b, 1)] * 12  # water always wins; the others in a fixed order too
    results = bradley_terry_comparisons(items, answers)
    assert [r.item for r in results] == items
    assert all(math.isfinite(r.score) for r in results)


def test_bradley_terry_without_prior_and_an_undefeated_item_fails_loudly():
    with pytest.raises(ConvergenceError) as caught:
        bradley_terry_comparisons("abc", [("a", "b", 1), ("b", "c", 1), ("c", "b", 1)], alpha=0)
    assert caught.value.item == "a" and "'a' never lost" in str(caught.value)


def test_bradley_terry_without_prior_and_two_camps_fails_loudly():
    """a and b beat each other, so do c and d, and a beat c once: nothing leads back to a."""
    answers = [("a", "b", 1), ("b", "a", 1), ("c", "d", 1), ("d", "c", 1), ("a", "c", 1)]
    with pytest.raises(ConvergenceError, match="no chain of comparisons in which 'c' beats 'a'"):
        bradley_terry_comparisons("abcd", answers, alpha=0)
    assert len(bradley_terry_comparisons("abcd", answers)) == 4  # the prior makes it finite


def test_bradley_terry_that_runs_out_of_iterations_fails_loudly():
    with pytest.raises(ConvergenceError, match="did not converge"):
        bradley_terry_comparisons("abc", [("a", "b", 3), ("b", "c", 1), ("c", "a", 1)],
                                  max_iter=2)


def test_bradley_terry_rejects_a_negative_alpha():
    with pytest.raises(SocialChoiceError, match="alpha"):
        bradley_terry_comparisons("ab", [("a", "b", 1)], alpha=-1)


# --------------------------------------------------------------------------------------------
# Rank correlation against scipy

tie_prone_ranks = st.lists(st.integers(1, 4), min_size=2, max_size=9)


@given(tie_prone_ranks, st.randoms(use_true_random=False))
@settings(deadline=None)  # timings vary on shared machines
def test_tau_b_and_rho_match_scipy(first, rnd):
    stats = pytest.importorskip("scipy.stats")
    second = [rnd.randint(1, 4) for _ in first]
    items = [f"i{k}" for k in range(len(first))]
    tau = kendall_tau_ranks(items, dict(zip(items, first)), dict(zip(items, second)))
    rho = spearman_rho_ranks(items, dict(zip(items, first)), dict(zip(items, second)))
    undefined = len(set(first)) == 1 or len(set(second)) == 1
    if undefined:
        assert tau is None and rho is None
    else:
        assert tau == pytest.approx(stats.kendalltau(first, second).statistic, abs=1e-12)
        assert rho == pytest.approx(stats.spearmanr(first, second).statistic, abs=1e-12)


@given(st.integers(2, 12), st.integers(2, 6), st.randoms(use_true_random=False))
@settings(deadline=None)  # timings vary on shared machines
def test_kendall_w_chi2_is_friedmans_statistic(n, m, rnd):
    """χ² = m(n − 1)W is the tie-corrected Friedman statistic (compared with scipy's)."""
    stats = pytest.importorskip("scipy.stats")
    items = [f"i{k}" for k in range(n)]
    raters = [{item: rnd.randint(1, 3) for item in items} for _ in range(m)]
    if all(len(set(r.values())) == 1 for r in raters):
        return  # every rater tied everything: W is undefined (tested below)
    result = kendall_w_ranks(items, raters)
    if n >= 3:  # scipy's Friedman test wants 3 or more treatments
        friedman = stats.friedmanchisquare(*[[r[item] for r in raters] for item in items])
        assert result.chi2 == pytest.approx(friedman.statistic, rel=1e-9, abs=1e-9)
        assert result.p_value == pytest.approx(friedman.pvalue, rel=1e-7, abs=1e-12)
    assert 0 <= result.w <= 1


# --------------------------------------------------------------------------------------------
# Properties of the aggregation methods

item_names = st.lists(st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=4),
                      min_size=2, max_size=7, unique=True)


def profiles(draw_items=item_names):
    """(items, weighted rankings, weighted comparisons) with arbitrary positive weights."""
    @st.composite
    def build(draw):
        items = draw(draw_items)
        rankings = draw(st.lists(st.tuples(st.permutations(items),
                                           st.sampled_from([0.5, 1, 2, 3])),
                                 min_size=1, max_size=8))
        pairs = st.tuples(st.sampled_from(items), st.sampled_from(items)).filter(
            lambda p: p[0] != p[1])
        comparisons = draw(st.lists(st.tuples(pairs, st.sampled_from([0.5, 1, 2])),
                                    min_size=1, max_size=25))
        return (items, [(list(r), w) for r, w in rankings],
                [(a, b, w) for (a, b), w in comparisons])
    return build()


def all_methods(items, rankings, comparisons, alpha=0.1):
    """Every aggregation, as ``{method: results}``."""
    d = pairwise_matrix_rankings(items, rankings)
    return {"borda": borda_rankings(items, rankings), "copeland": copeland_matrix(items, d),
            "schulze": schulze_matrix(items, d).ranking,
            "wins": wins_comparisons(items, comparisons),
            "bradley_terry": bradley_terry_comparisons(items, comparisons, alpha=alpha)}


@given(item_names, st.lists(st.sampled_from([0.5, 1, 3]), min_size=1, max_size=4))
@settings(deadline=None)  # timings vary on shared machines
def test_a_unanimous_profile_gives_its_order_under_every_method(order, weights):
    rankings = [(order, w) for w in weights]
    comparisons = [(a, b, w) for w in weights for a, b in itertools.combinations(order, 2)]
    for method, results in all_methods(sorted(order), rankings, comparisons).items():
        assert [(r.item, r.rank) for r in results] == [
            (item, k + 1) for k, item in enumerate(order)], method


@given(profiles(), st.randoms(use_true_random=False))
@settings(deadline=None)  # timings vary on shared machines
def test_renaming_items_does_not_change_scores(profile, rnd):
    items, rankings, comparisons = profile
    names = [f"new-{k}" for k in range(len(items))]
    rnd.shuffle(names)
    rename = dict(zip(items, names))
    renamed = all_methods([rename[i] for i in items],
                          [([rename[i] for i in r], w) for r, w in rankings],
                          [(rename[a], rename[b], w) for a, b, w in comparisons])
    for method, results in all_methods(items, rankings, comparisons).items():
        scores = {rename[r.item]: (r.score, r.rank) for r in results}
        again = {r.item: (r.score, r.rank) for r in renamed[method]}
        assert again.keys() == scores.keys()
        for item, (score, rank) in scores.items():
            assert again[item][0] == pytest.approx(score, abs=1e-7), method
            assert again[item][1] == rank, method


@given(profiles())
@settings(deadline=None)  # timings vary on shared machines
def test_doubling_every_weight_does_not_change_ranks(profile):
    """For Bradley–Terry the prior's virtual wins double too: with them fixed, doubling the
    data would weaken the prior, which may reorder items with few comparisons.
    """
    items, rankings, comparisons = profile
    double = all_methods(items, [(r, 2 * w) for r, w in rankings],
                         [(a, b, 2 * w) for a, b, w in comparisons], alpha=0.2)
    for method, results in all_methods(items, rankings, comparisons).items():
        if method == "bradley_terry":
            # The same optimum, found iteratively: equal to the solver's tolerance, which is
            # coarser than the 1e-9 that decides ties, so compare scores rather than ranks.
            assert {r.item: r.score for r in results} == pytest.approx(
                {r.item: r.score for r in double[method]}, abs=1e-6), method
        else:
            assert [(r.item, r.rank) for r in results] == [
                (r.item, r.rank) for r in double[method]], method


@given(profiles())
@settings(deadline=None)  # timings vary on shared machines
def test_pairwise_matrix_matches_a_plain_count(profile):
    items, rankings, _ = profile
    d = pairwise_matrix_rankings(items, rankings)
    for a, b in itertools.permutations(items, 2):
        expected = sum(w for r, w in rankings if r.index(a) < r.index(b))
        assert d[a][b] == pytest.approx(expected)


@given(st.integers(2, 7), st.randoms(use_true_random=False))
@settings(deadline=None)  # timings vary on shared machines
def test_schulze_paths_match_the_textbook_triple_loop(n, rnd):
    """The textbook triple loop (Wikipedia, "Schulze method" § Implementation), written out
    over dicts, against the vectorised Floyd–Warshall.
    """
    items = list(range(n))
    d = {a: {b: rnd.randint(0, 6) for b in items if b != a} for a in items}
    p = {a: {b: d[a][b] if d[a][b] > d[b][a] else 0 for b in items if b != a} for a in items}
    for i in items:
        for j in items:
            for k in items:
                if len({i, j, k}) == 3:
                    p[j][k] = max(p[j][k], min(p[j][i], p[i][k]))
    assert schulze_matrix(items, d).paths == p


@given(st.lists(st.permutations("abcdef"), min_size=1, max_size=5), st.booleans())
@settings(deadline=None)  # timings vary on shared machines
def test_identical_rankings_have_w_of_one(rankings, with_ties):
    order = rankings[0]
    ranks = {item: (k // 2 + 1 if with_ties else k + 1) for k, item in enumerate(order)}
    result = kendall_w_ranks("abcdef", [ranks] * (len(rankings) + 1))
    assert result.w == pytest.approx(1.0) and result.reading == "very_strong"
    assert kendall_tau_ranks("abcdef", ranks, ranks) == pytest.approx(1.0)
    assert spearman_rho_ranks("abcdef", ranks, ranks) == pytest.approx(1.0)


# --------------------------------------------------------------------------------------------
# Adaptive pair selection


@given(st.integers(2, 9), st.integers(0, 10_000))
@settings(max_examples=40, deadline=None)
def test_a_participant_sees_every_pair_exactly_once_then_none(n, seed):
    """With few items (6 items are 15 pairs) a participant who keeps answering sees them all."""
    items = [f"i{k}" for k in range(n)]
    rng = random.Random(seed)
    answers: list[tuple[str, str, float]] = []
    seen: list[tuple[str, str]] = []
    while (pair := next_pair(items, answers, seen, rng)) is not None:
        assert frozenset(pair) not in {frozenset(p) for p in seen}
        seen.append(pair)
        answers.append((*pair, 1))
    assert len(seen) == n * (n - 1) // 2


@given(st.integers(2, 30), st.integers(0, 10_000))
@settings(max_examples=40, deadline=None)
def test_every_item_is_compared_after_half_as_many_answers_as_items(n, seed):
    items = [f"i{k}" for k in range(n)]
    rng = random.Random(seed)
    answers, seen = [], []
    for _ in range(math.ceil(n / 2)):
        pair = next_pair(items, answers, seen, rng)
        seen.append(pair)
        answers.append((*pair, 1))
    assert {item for pair in seen for item in pair} == set(items)


def test_many_participants_spread_answers_evenly():
    items = [f"i{k}" for k in range(12)]
    rng = random.Random(3)
    answers = []
    for _ in range(20):  # 20 participants, 5 answers each
        seen = []
        for _ in range(5):
            pair = next_pair(items, answers, seen, rng)
            seen.append(pair)
            answers.append((*pair, 1))
    shown = [sum(item in a[:2] for a in answers) for item in items]
    assert max(shown) - min(shown) <= 1


def test_next_pair_prefers_the_least_compared_items():
    answers = [("a", "b", 1), ("a", "c", 1), ("b", "c", 1), ("a", "d", 1)]
    assert set(next_pair("abcde", answers, [], random.Random(0))) == {"e", "d"}


def test_next_pair_is_reproducible_with_a_seed():
    draws = [[next_pair("abcdefgh", [], [], random.Random(42)) for _ in range(3)]
             for _ in range(2)]
    assert draws[0] == draws[1]


def test_next_pair_with_one_item_has_nothing_to_ask():
    assert next_pair(["only"], [], [], random.Random(0)) is None


# --------------------------------------------------------------------------------------------
# Bad input: typed errors that say what and where

ITEMS = ["water", "roads", "mercury"]


@pytest.mark.parametrize("ranking, where, item, says", [
    (["water", "roads", "water"], "weighted_rankings[1][0][2]", "water", "appears twice"),
    (["water", "rivers", "mercury"], "weighted_rankings[1][0][1]", "rivers", "unknown item"),
    (["water", "roads"], "weighted_rankings[1][0]", "mercury", "incomplete ranking"),
])
def test_a_bad_ranking_is_named_with_its_position(ranking, where, item, says):
    rankings = [(ITEMS, 1), (ranking, 1)]
    for method in (borda_rankings, pairwise_matrix_rankings):
        with pytest.raises(RankingError) as caught:
            method(ITEMS, rankings)
        assert (caught.value.where, caught.value.item) == (where, item)
        assert says in str(caught.value) and where in str(caught.value)
        assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("weight", [-1, math.nan, math.inf, "2", None, True])
def test_a_bad_weight_is_refused(weight):
    with pytest.raises(RankingError, match=r"weighted_rankings\[0\]\[1\]"):
        borda_rankings(ITEMS, [(ITEMS, weight)])
    with pytest.raises(ComparisonError, match=r"comparisons\[0\]\[2\]"):
        wins_comparisons(ITEMS, [("water", "roads", weight)])


def test_a_ballot_that_is_not_a_pair_is_refused():
    with pytest.raises(RankingError, match="pair"):
        borda_rankings(ITEMS, [ITEMS])


def test_a_ranking_written_as_one_string_is_refused():
    """Even when every item id is one letter: "cab" is not ["c", "a", "b"]."""
    with pytest.raises(RankingError, match=r"weighted_rankings\[0\]\[0\]: a ranking is a list"):
        borda_rankings(["a", "b", "c"], [("cab", 1)])


@pytest.mark.parametrize("comparison, where, item, says", [
    (("water", "water", 1), "comparisons[1]", "water", "compared with itself"),
    (("water", "rivers", 1), "comparisons[1][1]", "rivers", "unknown item"),
    (("water", "roads"), "comparisons[1]", None, "triple"),
])
def test_a_bad_comparison_is_named_with_its_position(comparison, where, item, says):
    comparisons = [("roads", "mercury", 1), comparison]
    for method in (wins_comparisons, bradley_terry_comparisons, pairwise_matrix_comparisons):
        with pytest.raises(ComparisonError) as caught:
            method(ITEMS, comparisons)
        assert (caught.value.where, caught.value.item) == (where, item)
        assert says in str(caught.value)


def test_duplicate_items_are_refused():
    with pytest.raises(SocialChoiceError, match=r"items\[2\]: item 'water' appears twice"):
        borda_rankings(["water", "roads", "water"], [])


@pytest.mark.parametrize("matrix, where", [
    ({"water": {"rivers": 1}}, "matrix['water']['rivers']"),
    ({"rivers": {"water": 1}}, "matrix['rivers']"),
    ({"water": {"roads": -2}}, "matrix['water']['roads']"),
])
def test_a_bad_matrix_is_refused(matrix, where):
    for method in (copeland_matrix, schulze_matrix):
        with pytest.raises(MatrixError) as caught:
            method(ITEMS, matrix)
        assert caught.value.where == where


@pytest.mark.parametrize("rater, where, says", [
    ({"water": 1, "roads": 2}, "ranks[1]", "incomplete ranks: 'mercury' missing"),
    ({"water": 1, "roads": 2, "mercury": 3, "rivers": 4}, "ranks[1]['rivers']", "unknown item"),
    ({"water": 1, "roads": "2", "mercury": 3}, "ranks[1]['roads']", "finite number"),
    ({"water": 1, "roads": math.nan, "mercury": 3}, "ranks[1]['roads']", "finite number"),
])
def test_bad_ranks_are_named(rater, where, says):
    with pytest.raises(RankingError) as caught:
        kendall_w_ranks(ITEMS, [{"water": 1, "roads": 2, "mercury": 3}, rater])
    assert caught.value.where == where and says in str(caught.value)


def test_concordance_needs_two_raters_and_some_order():
    with pytest.raises(SocialChoiceError, match="at least 2 raters"):
        kendall_w_ranks(ITEMS, [{"water": 1, "roads": 2, "mercury": 3}])
    with pytest.raises(SocialChoiceError, match="tied every item"):
        kendall_w_ranks(ITEMS, [dict.fromkeys(ITEMS, 1)] * 3)


def test_next_pair_refuses_an_unknown_item():
    with pytest.raises(ComparisonError, match=r"seen_by_this_participant\[0\]\[1\]"):
        next_pair(ITEMS, [], [("water", "rivers")], random.Random(0))
    with pytest.raises(ComparisonError, match=r"comparisons_so_far\[0\]\[0\]"):
        next_pair(ITEMS, [("rivers", "water", 1)], [], random.Random(0))


def test_numpy_numbers_are_accepted_as_weights_and_ranks():
    """The fast paths take Python numbers; numpy ones go the careful way to the same answer."""
    plain = borda_rankings(ITEMS, [(ITEMS, 2), (ITEMS[::-1], 1)])
    assert borda_rankings(ITEMS, [(ITEMS, np.int64(2)), (ITEMS[::-1], np.float32(1))]) == plain
    assert (wins_comparisons(ITEMS, [("water", "roads", np.float64(2))])
            == wins_comparisons(ITEMS, [("water", "roads", 2.0)]))
    ranks = [{"water": np.int64(1), "roads": 2, "mercury": 3}, {"water": 2, "roads": 1,
                                                                  "mercury": np.float64(3)}]
    # rank sums 3, 3, 6 around m(n + 1)/2 = 4: S = 6, W = 12 × 6 / (4 × 24) = 0.75
    assert kendall_w_ranks(ITEMS, ranks).w == pytest.approx(0.75)


# --------------------------------------------------------------------------------------------
# Bradley–Terry: the maximum-likelihood estimate when it exists, else the regularised one

# Six items, answers as a pairwise survey gives them: every pair asked, a few more than once.
# The wins are strongly connected (f beat a once, so every item beats every other through a
# chain), so the maximum-likelihood estimate exists.
SIX_ITEMS = ["a", "b", "c", "d", "e", "f"]
SIX_ANSWERS = [("a", "b", 3), ("b", "a", 1), ("a", "c", 2), ("a", "d", 3), ("a", "e", 2),
               ("f", "a", 1), ("b", "c", 2), ("c", "b", 1), ("b", "d", 2), ("b", "e", 1),
               ("e", "b", 1), ("b", "f", 2), ("c", "d", 1), ("d", "c", 1), ("c", "e", 2),
               ("c", "f", 1), ("d", "e", 1), ("e", "d", 1), ("d", "f", 2), ("e", "f", 1),
               ("f", "e", 1)]


def _choix_pairs(items, answers):
    index = {item: i for i, item in enumerate(items)}
    return [(index[winner], index[loser]) for winner, loser, count in answers
            for _ in range(count)]


def test_bradley_terry_fit_is_choix_maximum_likelihood_when_strongly_connected():
    """choix's ``ilsr_pairwise(..., alpha=0)`` (Maystre & Grossglauser 2015) gives the plain
    maximum-likelihood log-strengths, centred on 0; ours are the same to 1e-6."""
    choix = pytest.importorskip("choix")
    fit = bradley_terry_fit(SIX_ITEMS, SIX_ANSWERS)
    theirs = choix.ilsr_pairwise(6, _choix_pairs(SIX_ITEMS, SIX_ANSWERS), alpha=0, tol=1e-12)
    ours, _ = _by_item(fit.ranking)
    assert (fit.estimate, fit.alpha, fit.reason, fit.reason_items) == (
        "maximum_likelihood", 0.0, None, [])
    assert [ours[item] for item in SIX_ITEMS] == pytest.approx(list(theirs), abs=1e-6)
    # The regularised estimate (α = 0.1) keeps the order here but not the values: what the
    # results counted before issue 13.
    regularised, _ = _by_item(fit.regularised)
    gaps = [abs(ours[item] - regularised[item]) for item in SIX_ITEMS]
    assert 0.01 < max(gaps) < 0.2


def test_without_a_maximum_likelihood_estimate_the_fit_falls_back_and_says_why():
    """'a' never lost: its maximum-likelihood strength is infinite (Ford 1957). choix cannot fit
    it either with alpha=0 (its Markov chain has an absorbing item), which is why the fit falls
    back to the regularised estimate and names the reason."""
    choix = pytest.importorskip("choix")
    answers = [("a", "b", 2), ("a", "c", 1), ("b", "c", 1), ("c", "b", 1)]
    with pytest.raises((ValueError, RuntimeError)):
        choix.ilsr_pairwise(3, _choix_pairs("abc", answers), alpha=0)
    fit = bradley_terry_fit(list("abc"), answers)
    assert (fit.estimate, fit.alpha, fit.reason, fit.reason_items) == (
        "regularised", 0.1, "never_lost", ["a"])
    assert fit.ranking == fit.regularised == bradley_terry_comparisons("abc", answers, alpha=0.1)
    # c lost once to a and once to b, b twice to a and once to c: c above b
    assert [r.item for r in fit.ranking] == ["a", "c", "b"]


@pytest.mark.parametrize(("answers", "reason", "at_fault"), [
    ([("a", "b", 1), ("b", "c", 1), ("c", "b", 1), ("c", "a", 1), ("b", "d", 1)],
     "never_won", ["d"]),
    # two camps: a and b beat each other, so do c and d; a beat c once, nothing leads back
    ([("a", "b", 1), ("b", "a", 1), ("c", "d", 1), ("d", "c", 1), ("a", "c", 1)],
     "no_chain", ["c", "a"]),
])
def test_the_fit_names_what_breaks_strong_connection(answers, reason, at_fault):
    fit = bradley_terry_fit(list("abcd"), answers)
    assert (fit.estimate, fit.reason, fit.reason_items) == ("regularised", reason, at_fault)


def test_the_fit_wants_a_positive_alpha():
    with pytest.raises(SocialChoiceError, match="alpha"):
        bradley_terry_fit("ab", [("a", "b", 1)], alpha=0)


# --------------------------------------------------------------------------------------------
# The working of Borda, Copeland, Schulze (margins) and Kendall's W


def test_positions_add_up_to_the_borda_points():
    """Tennessee (Wikipedia, "Borda count"): Memphis is first for 42 voters and last for 58, so
    42 × 3 = 126 points; each place holds all 100 voters."""
    case = json.loads((DATA / "tennessee_capital.json").read_text(encoding="utf-8"))
    positions = positions_rankings(case["items"], case["weighted_rankings"])
    assert positions["Memphis"] == [42.0, 0.0, 0.0, 58.0]
    assert positions["Nashville"] == [26.0, 42.0, 32.0, 0.0]
    assert [sum(counts[p] for counts in positions.values()) for p in range(4)] == [100.0] * 4
    points, _ = _by_item(borda_rankings(case["items"], case["weighted_rankings"]))
    assert {item: sum(c * (3 - p) for p, c in enumerate(counts))
            for item, counts in positions.items()} == points


def test_copeland_records_by_hand():
    """a beats b (3:1), ties c (2:2); b and c were never compared (a tie); c beats nobody."""
    d = {"a": {"b": 3, "c": 2}, "b": {"a": 1}, "c": {"a": 2}}
    records = pairwise_records_matrix(["a", "b", "c"], d)
    assert [(r.wins, r.ties, r.losses) for r in records.values()] == [(1, 1, 0), (0, 1, 1),
                                                                      (0, 2, 0)]
    assert _by_item(copeland_matrix(["a", "b", "c"], d))[0] == {
        item: r.wins + r.ties / 2 for item, r in records.items()}


def test_schulze_margins_differ_from_winning_votes_when_pairs_are_asked_unequally():
    """A pairwise survey where a–b was asked 10 times, b–c 4 times and c–a 20 times:
    a beats b 6:4, b beats c 3:1, c beats a 11:9, a cycle. By winning votes its weakest link is
    b → c (3 votes): c beats a directly (11) and b through a (6), a beats b (6), so c > a > b.
    By margins every link is 2: no item beats another, all three tie."""
    d = {"a": {"b": 6, "c": 9}, "b": {"a": 4, "c": 3}, "c": {"a": 11, "b": 1}}
    votes = schulze_matrix("abc", d)
    margins = schulze_matrix("abc", d, strength="margins")
    assert votes.paths == {"a": {"b": 6, "c": 3}, "b": {"a": 3, "c": 3},
                           "c": {"a": 11, "b": 6}}
    assert [(r.item, r.rank) for r in votes.ranking] == [("c", 1), ("a", 2), ("b", 3)]
    assert margins.paths == {"a": {"b": 2, "c": 2}, "b": {"a": 2, "c": 2},
                             "c": {"a": 2, "b": 2}}
    assert [r.rank for r in margins.ranking] == [1, 1, 1]
    with pytest.raises(SocialChoiceError, match="strength"):
        schulze_matrix("abc", d, strength="ratio")


def test_schulze_margins_agree_with_winning_votes_on_complete_rankings():
    """Schulze's 45 voters (Wikipedia): every pair has 45 voters, so margins = 2 d − 45 and the
    strongest paths keep their order: the same E > A > C > B > D."""
    case = json.loads((DATA / "schulze_wikipedia_45_voters.json").read_text(encoding="utf-8"))
    d = pairwise_matrix_rankings(case["items"], case["weighted_rankings"])
    margins = schulze_matrix(case["items"], d, strength="margins")
    assert [r.item for r in margins.ranking] == ["E", "A", "C", "B", "D"]
    assert margins.paths["E"]["D"] == 2 * 31 - 45 and margins.paths["A"]["C"] == 2 * 28 - 45


def test_kendall_w_working_on_the_nag_example():
    """Siegel (1956) as NAG's g08daf prints it (3 raters, 10 objects, ties): W = 0.828. The
    working: T = Σ(t³ − t) per rater, 12 for rater 1's two pairs, and W without the correction
    is lower (ties lower it), S over the same denominator without the m ΣT term."""
    case = json.loads((DATA / "kendall_w_nag_g08daf.json").read_text(encoding="utf-8"))
    result = kendall_w_ranks(case["items"], case["ranks"])
    assert round(result.w, 3) == 0.828
    # rater 1: two pairs tied (6 each) = 12; rater 2: three pairs = 18; rater 3: four tied (60)
    # and three tied (24) = 84
    assert result.tie_correction == 12 + 18 + 84
    assert sum(result.rank_sums.values()) == 3 * 55
    assert result.s == pytest.approx(sum((r - 16.5) ** 2 for r in result.rank_sums.values()))
    assert result.w_uncorrected == pytest.approx(12 * result.s / (9 * 990))
    assert result.w_uncorrected < result.w
    assert result.w == pytest.approx(12 * result.s / (9 * 990 - 3 * 114))
