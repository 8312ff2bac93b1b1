"""Social choice: aggregate rankings and pairwise comparisons; measure agreement and divergence.

Pure functions over plain lists and dicts (no workshop model, no I/O, no clock, no globals); the
caller builds the inputs from ballots and translates :class:`SocialChoiceError` at the edge.

Input shapes (each docstring points here)
-----------------------------------------
``Item``
    An item id (a string in the workshop file; any hashable works).
``Ranking``
    A list of item ids, best first, naming every item of ``items`` exactly once.
``WeightedRankings``
    A list of ``(ranking, weight)`` pairs. The weight is a finite number >= 0: 1 for a person's
    ballot, the number of people a proxy ballot stands for, or a group weighting.
``PairwiseMatrix``
    ``d[a][b]``: the (weighted) number of voters preferring ``a`` over ``b``. A missing entry is
    0 and the diagonal is ignored.
``WeightedComparisons``
    A list of ``(winner, loser, weight)`` triples: one answer to "which of these two?".
``RanksWithTies``
    One rater's ranks, ``{item: rank}``: lower is better (1 = best), tied items share a value.
    Any finite numbers that order the items will do: they are turned into mid-ranks
    (1, 2.5, 2.5, 4) before use.

Conventions
-----------
- Every method returns ``list[ItemScore]`` (see :func:`rank_scores`): competition ranks
  ("1224"), rank 1 = highest score, tied items share a rank and keep the order of ``items``.
- Scores within a relative (or, near zero, absolute) tolerance of ``1e-9`` tie, so that
  floating-point weights such as 0.1 + 0.2 against 0.3 do not break a tie at random.
- Indices in error messages are 0-based paths into the argument (``weighted_rankings[3][0][1]``
  is position 1 of the ranking of ballot 3).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Generic, Protocol, TypeAlias, TypeVar

import numpy as np

__all__ = [
    "CONCORDANCE_READINGS",
    "BradleyTerryFit",
    "ComparisonError",
    "Concordance",
    "ConvergenceError",
    "GroupDivergence",
    "Item",
    "ItemDifference",
    "ItemScore",
    "MatrixError",
    "PairwiseMatrix",
    "PairwiseRecord",
    "Ranking",
    "RankingError",
    "RanksWithTies",
    "SCHULZE_STRENGTHS",
    "SchulzeResult",
    "SocialChoiceError",
    "WeightedComparisons",
    "WeightedRankings",
    "borda_rankings",
    "bradley_terry_comparisons",
    "bradley_terry_fit",
    "concordance_reading",
    "copeland_matrix",
    "divergence_ranks",
    "kendall_tau_ranks",
    "kendall_w_ranks",
    "next_pair",
    "pairwise_matrix_comparisons",
    "pairwise_matrix_rankings",
    "pairwise_records_matrix",
    "positions_rankings",
    "rank_scores",
    "schulze_matrix",
    "spearman_rho_ranks",
    "wins_comparisons",
]

# Generic in the items: a method returns the very items it was given (str in, str out).
Item = TypeVar("Item", bound=Hashable)
Group = TypeVar("Group", bound=Hashable)
Chosen = TypeVar("Chosen")
Ranking: TypeAlias = Sequence[Item]
WeightedRankings: TypeAlias = Sequence[tuple[Ranking[Item], float]]
PairwiseMatrix: TypeAlias = Mapping[Item, Mapping[Item, float]]
WeightedComparisons: TypeAlias = Sequence[tuple[Item, Item, float]]
RanksWithTies: TypeAlias = Mapping[Item, float]

TOLERANCE = 1e-9
"""Two scores (or two pairwise counts) this close, relatively or absolutely, are equal."""

SCHULZE_STRENGTHS = ("winning_votes", "margins")
"""How strong a link of the Schulze method is (see :func:`schulze_matrix`); the first is the
default."""

CONCORDANCE_READINGS: tuple[tuple[float, str], ...] = (
    (0.9, "very_strong"), (0.7, "strong"), (0.5, "moderate"), (0.3, "weak"), (0.1, "very_weak"),
    (-math.inf, "none"))
"""Plain-language reading of Kendall's W: the first ``(lower bound, key)`` with W >= bound.

Schmidt (1997) reads W = 0.1 as very weak agreement, 0.3 weak, 0.5 moderate, 0.7 strong and
0.9 unusually strong; his values are taken as lower bounds (a W of 0.45 has reached "weak" but
not yet "moderate"), and a W below 0.1 reads as no agreement.
"""


# --------------------------------------------------------------------------------------------
# Errors


class SocialChoiceError(ValueError):
    """Input a social-choice method cannot use, or a computation that cannot finish.

    ``where`` is a path into the argument at fault (``"weighted_rankings[3][0][1]"``),
    ``item`` the item concerned, if any. The message says both.
    """

    def __init__(self, where: str, problem: str, *, item: Hashable | None = None) -> None:
        self.where = where
        self.problem = problem
        self.item = item
        super().__init__(f"{where}: {problem}")


class RankingError(SocialChoiceError):
    """A ranking (or a rater's ranks) that is not a complete ordering of the items."""


class ComparisonError(SocialChoiceError):
    """A pairwise comparison with an unknown item, an item against itself, or a bad weight."""


class MatrixError(SocialChoiceError):
    """A pairwise matrix with an unknown item or a count that is not a finite number >= 0."""


class ConvergenceError(SocialChoiceError):
    """An iterative estimate that did not converge (or has no finite solution)."""


# --------------------------------------------------------------------------------------------
# Result shapes


@dataclass(frozen=True)
class ItemScore(Generic[Item]):
    """One item's line in a result: its score under the method, and its competition rank."""

    item: Item
    score: float
    rank: int


@dataclass(frozen=True)
class SchulzeResult(Generic[Item]):
    """Schulze's ranking, and the strongest-path matrix ``paths[a][b]`` it was read from."""

    ranking: list[ItemScore[Item]]
    paths: dict[Item, dict[Item, float]]


@dataclass(frozen=True)
class Concordance:
    """Kendall's W for ``raters`` raters of ``items`` items, its χ² test and a plain reading,
    with the working: each item's rank sum ``R_i``, ``s`` = Σ (R_i − m(n + 1)/2)², the tie
    correction Σ_j T_j and W without it (``w_uncorrected``, Kendall & Babington Smith's 1939
    form, which ties pull down)."""

    w: float
    chi2: float
    df: int
    p_value: float
    raters: int
    items: int
    reading: str
    rank_sums: dict[Hashable, float]
    s: float
    tie_correction: float
    w_uncorrected: float


@dataclass(frozen=True)
class PairwiseRecord:
    """An item's record against every other item in a pairwise matrix: how many it beats,
    ties with (a pair nobody compared included) and loses to."""

    wins: int
    ties: int
    losses: int


@dataclass(frozen=True)
class BradleyTerryFit(Generic[Item]):
    """Bradley–Terry log-strengths, and which estimate they are (see :func:`bradley_terry_fit`).

    ``estimate`` is ``"maximum_likelihood"`` (``alpha`` 0) when the wins are strongly connected,
    else ``"regularised"`` with the ``alpha`` used; then ``reason`` says why the maximum-likelihood
    estimate does not exist: ``"never_lost"`` or ``"never_won"`` (an item, in ``reason_items``)
    or ``"no_chain"`` (no chain of wins leads from ``reason_items[0]`` to ``reason_items[1]``).
    ``regularised`` always holds the regularised log-strengths (the other convention).
    """

    ranking: list[ItemScore[Item]]
    estimate: str
    alpha: float
    reason: str | None
    reason_items: list[Item]
    regularised: list[ItemScore[Item]]


@dataclass(frozen=True)
class ItemDifference(Generic[Item]):
    """An item's rank in two groups (as given: 1 = best)."""

    item: Item
    rank_a: float
    rank_b: float

    @property
    def difference(self) -> float:
        """``rank_a - rank_b``: positive when group A puts the item further down."""
        return self.rank_a - self.rank_b


@dataclass(frozen=True)
class GroupDivergence(Generic[Item, Group]):
    """How two groups' rankings agree (τ_b, ρ; ``None`` if undefined) and where they differ most."""

    group_a: Group
    group_b: Group
    kendall_tau_b: float | None
    spearman_rho: float | None
    differences: list[ItemDifference[Item]]


class _Random(Protocol):
    def random(self) -> float: ...

    def choice(self, seq: Sequence[Chosen]) -> Chosen: ...


# --------------------------------------------------------------------------------------------
# Validation helpers (private)


def _index(items: Sequence[Item]) -> dict[Item, int]:
    """Item id → position in ``items``; duplicate ids are an error."""
    index: dict[Item, int] = {}
    for position, item in enumerate(items):
        try:
            first = index.setdefault(item, position)
        except TypeError:
            raise SocialChoiceError(f"items[{position}]", f"item id {item!r} is not hashable",
                                    item=item) from None
        if first != position:
            raise SocialChoiceError(f"items[{position}]",
                                    f"item {item!r} appears twice (first at items[{first}])",
                                    item=item)
    return index


def _weight(value: object, where: str, error: type[SocialChoiceError]) -> float:
    """A finite number >= 0, or the typed error."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise error(where, f"weight must be a number, got {value!r}")
    if not math.isfinite(value) or value < 0:
        raise error(where, f"weight must be a finite number >= 0, got {value!r}")
    return float(value)


def _check_ranking(ranking: object, index: Mapping[Item, int], where: str) -> None:
    """Raise the precise :class:`RankingError` for a ranking that is not a permutation of items."""
    if isinstance(ranking, (str, bytes)) or not isinstance(ranking, Sequence):
        raise RankingError(where, f"a ranking is a list of item ids, got {ranking!r}")
    seen: dict[Item, int] = {}
    for position, item in enumerate(ranking):
        try:
            known = item in index
        except TypeError:
            known = False
        if not known:
            raise RankingError(f"{where}[{position}]", f"unknown item {item!r}", item=item)
        if item in seen:
            raise RankingError(f"{where}[{position}]",
                               f"item {item!r} appears twice (first at position {seen[item]})",
                               item=item)
        seen[item] = position
    missing = [item for item in index if item not in seen]
    if missing:
        names = ", ".join(repr(item) for item in missing)
        raise RankingError(where, f"incomplete ranking: {names} missing (a ranking lists every "
                                  f"item exactly once)", item=missing[0])


def _codes(index: Mapping[Item, int], items: Iterable[Item]) -> np.ndarray:
    """The indices of many item ids, as a ``uint32`` array; ``KeyError`` for an unknown id.

    Each id maps to one character, the characters are joined into one string and numpy reads
    its UTF-32 encoding: twice as fast as ``np.fromiter`` over the indices, which matters for
    10 000 ballots × 30 items. Index ``i`` is ``chr(i)``, skipping the 2 048 surrogate code
    points (which cannot be encoded) for a profile of more than 55 295 items.
    """
    char = {item: chr(i if i < 0xD800 else i + 0x800) for item, i in index.items()}
    codes = np.frombuffer("".join(map(char.__getitem__, items)).encode("utf-32-le"),
                          dtype=np.uint32).copy()
    codes[codes >= 0xE000] -= 0x800
    return codes


def _ranking_array(index: Mapping[Item, int], weighted_rankings: WeightedRankings[Item],
                   ) -> tuple[np.ndarray, np.ndarray]:
    """Validated ``(order, weights)``: ``order[b, p]`` is the index of the item ballot ``b`` put
    at position ``p``.

    The fast path maps the whole profile in one pass and checks it with numpy; anything odd falls
    back to a ballot-by-ballot check that names the first problem.
    """
    n, m = len(index), len(weighted_rankings)
    try:
        rankings, weights = ([], []) if m == 0 else map(list, zip(*weighted_rankings, strict=True))
        ok = (set(map(type, weights)) <= {int, float} and str not in set(map(type, rankings))
              and all(len(r) == n for r in rankings))
        w = np.array(weights, dtype=float)
        ok = ok and w.shape == (m,) and bool(np.isfinite(w).all()) and bool((w >= 0).all())
        if ok and n:
            order = _codes(index, itertools.chain.from_iterable(rankings)).reshape(m, n)
            seen = np.zeros((m, n), dtype=bool)
            np.put_along_axis(seen, order, True, axis=1)
            ok = bool(seen.all())
        elif ok:
            order = np.zeros((m, 0), dtype=np.uint32)
    except (TypeError, ValueError, KeyError):
        ok = False
    if ok:
        return order, w
    rows, weights = [], []
    for b, pair in enumerate(weighted_rankings):
        if isinstance(pair, (str, bytes)) or not isinstance(pair, Sequence) or len(pair) != 2:
            raise RankingError(f"weighted_rankings[{b}]",
                               f"expected a (ranking, weight) pair, got {pair!r}")
        _check_ranking(pair[0], index, f"weighted_rankings[{b}][0]")
        rows.append([index[item] for item in pair[0]])
        weights.append(_weight(pair[1], f"weighted_rankings[{b}][1]", RankingError))
    return np.array(rows, dtype=np.intp).reshape(m, n), np.array(weights, dtype=float)


def _comparison_arrays(index: Mapping[Item, int], comparisons: WeightedComparisons[Item],
                       name: str = "comparisons") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Validated ``(winners, losers, weights)`` index arrays.

    The fast path converts the whole list at once; anything odd falls back to a
    comparison-by-comparison check that names the first problem.
    """
    try:
        if comparisons:
            winner_ids, loser_ids, weight_values = zip(*comparisons, strict=True)
        else:
            winner_ids = loser_ids = weight_values = ()
        if set(map(type, weight_values)) <= {int, float}:
            winners, losers = _codes(index, winner_ids), _codes(index, loser_ids)
            weights = np.array(weight_values, dtype=float)
            if ((winners != losers).all() and np.isfinite(weights).all()
                    and (weights >= 0).all()):
                return winners.astype(np.intp), losers.astype(np.intp), weights
    except (TypeError, ValueError, KeyError):
        pass
    winner_indices: list[int] = []
    loser_indices: list[int] = []
    checked_weights: list[float] = []
    for c, comparison in enumerate(comparisons):
        if (isinstance(comparison, (str, bytes)) or not isinstance(comparison, Sequence)
                or len(comparison) != 3):
            raise ComparisonError(f"{name}[{c}]",
                                  f"expected a (winner, loser, weight) triple, got {comparison!r}")
        winner, loser, weight = comparison
        for slot, item in ((0, winner), (1, loser)):
            try:
                known = item in index
            except TypeError:
                known = False
            if not known:
                raise ComparisonError(f"{name}[{c}][{slot}]", f"unknown item {item!r}", item=item)
        if winner == loser:
            raise ComparisonError(f"{name}[{c}]", f"item {winner!r} is compared with itself",
                                  item=winner)
        winner_indices.append(index[winner])
        loser_indices.append(index[loser])
        checked_weights.append(_weight(weight, f"{name}[{c}][2]", ComparisonError))
    return (np.array(winner_indices, dtype=np.intp), np.array(loser_indices, dtype=np.intp),
            np.array(checked_weights, dtype=float))


def _wins_matrix(index: Mapping[Item, int], comparisons: WeightedComparisons[Item]) -> np.ndarray:
    """``wins[i, j]``: total weight of comparisons item ``i`` won against item ``j``."""
    n = len(index)
    winners, losers, weights = _comparison_arrays(index, comparisons)
    return np.bincount(winners * n + losers, weights=weights, minlength=n * n).reshape(n, n)


def _matrix_array(index: Mapping[Item, int], matrix: PairwiseMatrix[Item]) -> np.ndarray:
    """A validated :data:`PairwiseMatrix` as an array with a zero diagonal."""
    n = len(index)
    d = np.zeros((n, n))
    if not isinstance(matrix, Mapping):
        raise MatrixError("matrix", f"expected a mapping d[a][b], got {type(matrix).__name__}")
    for a, row in matrix.items():
        if a not in index:
            raise MatrixError(f"matrix[{a!r}]", f"unknown item {a!r}", item=a)
        if not isinstance(row, Mapping):
            raise MatrixError(f"matrix[{a!r}]", f"expected a mapping, got {type(row).__name__}",
                              item=a)
        for b, count in row.items():
            if b not in index:
                raise MatrixError(f"matrix[{a!r}][{b!r}]", f"unknown item {b!r}", item=b)
            d[index[a], index[b]] = _weight(count, f"matrix[{a!r}][{b!r}]", MatrixError)
    np.fill_diagonal(d, 0.0)
    return d


def _nested(items: Sequence[Item], d: np.ndarray) -> dict[Item, dict[Item, float]]:
    """An array as a nested ``{a: {b: value}}`` dict without the diagonal."""
    rows = d.tolist()
    return {a: {b: rows[i][j] for j, b in enumerate(items) if j != i}
            for i, a in enumerate(items)}


def _greater(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """Elementwise ``x > y`` beyond :data:`TOLERANCE` (relative, or absolute near zero)."""
    greater: np.ndarray = x - y > TOLERANCE * np.maximum(1.0, np.maximum(np.abs(x), np.abs(y)))
    return greater


def _ranked(items: Sequence[Item], scores: np.ndarray) -> list[ItemScore[Item]]:
    return rank_scores(dict(zip(items, scores.tolist())))


# --------------------------------------------------------------------------------------------
# Ranks and pairwise matrices


def rank_scores(scores: Mapping[Item, float], tol: float = TOLERANCE) -> list[ItemScore[Item]]:
    """Competition ranks ("1224") of scores, highest score first.

    Parameters
    ----------
    scores : Mapping[Item, float]
        Each item's score, higher is better, in the order ties are to be listed.
    tol : float, default 1e-9
        Scores within ``tol`` of the first score of a tie group (relatively, or absolutely
        near zero) join that group.

    Returns
    -------
    list[ItemScore]
        Every item with its score and rank, best first; tied items share the best rank of their
        group, the next rank skips (1, 2, 2, 4), and they keep their order in ``scores``.

    Examples
    --------
    Water and roads tie for first place, so mercury is third:

    >>> [(r.item, r.rank) for r in rank_scores({"water": 5, "mercury": 2, "roads": 5})]
    [('water', 1), ('roads', 1), ('mercury', 3)]
    """
    entries = list(scores.items())
    order = sorted(range(len(entries)), key=lambda i: -entries[i][1])
    rank_of = [0] * len(entries)
    leader = math.nan
    for position, i in enumerate(order):
        score = entries[i][1]
        if not (position and abs(leader - score) <= tol * max(1.0, abs(leader), abs(score))):
            leader, rank = score, position + 1
        rank_of[i] = rank
    return [ItemScore(item, float(score), rank_of[i])
            for i, (item, score) in sorted(enumerate(entries), key=lambda e: (rank_of[e[0]], e[0]))]


def pairwise_matrix_rankings(items: Sequence[Item], weighted_rankings: WeightedRankings[Item],
                             ) -> dict[Item, dict[Item, float]]:
    """The pairwise matrix of a profile of complete rankings.

    ``d[a][b]`` is the total weight of the ballots that rank ``a`` above ``b``.

    Parameters
    ----------
    items : Sequence[Item]
        The items every ranking orders; their order is the order of the result.
    weighted_rankings : WeightedRankings
        The ballots (see the module docstring).

    Returns
    -------
    dict[Item, dict[Item, float]]
        The :data:`PairwiseMatrix` ``d``, without its diagonal.

    Raises
    ------
    RankingError
        A ranking with an unknown or repeated item, a missing item, or a bad weight.

    Examples
    --------
    Two voters put a above b, one puts b above a:

    >>> d = pairwise_matrix_rankings(["a", "b"], [(["a", "b"], 2), (["b", "a"], 1)])
    >>> d["a"]["b"], d["b"]["a"]
    (2.0, 1.0)
    """
    index = _index(items)
    return _nested(items, _matrix_from_rankings(index, weighted_rankings))


def _matrix_from_rankings(index: Mapping[Item, int], weighted_rankings: WeightedRankings[Item],
                          ) -> np.ndarray:
    order, w = _ranking_array(index, weighted_rankings)
    m, n = order.shape
    small = np.min_scalar_type(max(n - 1, 0))  # positions as bytes when they fit: less to scan
    position = np.empty((m, n), dtype=small)
    np.put_along_axis(position, order, np.broadcast_to(np.arange(n, dtype=small), (m, n)), axis=1)
    by_item = np.ascontiguousarray(position.T)  # by_item[i, b]: where ballot b put item i
    d = np.empty((n, n))
    for a in range(n):  # one row at a time: n × m booleans, not n × n × m
        d[a] = (by_item[a] < by_item) @ w
    return d


def pairwise_matrix_comparisons(items: Sequence[Item],
                                weighted_comparisons: WeightedComparisons[Item],
                                ) -> dict[Item, dict[Item, float]]:
    """The pairwise matrix of a list of pairwise comparisons.

    ``d[a][b]`` is the total weight of the comparisons ``a`` won against ``b``. A pair nobody
    was asked about has ``d[a][b] = d[b][a] = 0``.

    Parameters
    ----------
    items : Sequence[Item]
        The items compared.
    weighted_comparisons : WeightedComparisons
        The answers (see the module docstring).

    Returns
    -------
    dict[Item, dict[Item, float]]
        The :data:`PairwiseMatrix` ``d``, without its diagonal.

    Raises
    ------
    ComparisonError
        An unknown item, an item compared with itself, or a bad weight.

    Examples
    --------
    >>> pairwise_matrix_comparisons(["a", "b"], [("a", "b", 1), ("a", "b", 1.5)])
    {'a': {'b': 2.5}, 'b': {'a': 0.0}}
    """
    index = _index(items)
    return _nested(items, _wins_matrix(index, weighted_comparisons))


def positions_rankings(items: Sequence[Item], weighted_rankings: WeightedRankings[Item],
                       ) -> dict[Item, list[float]]:
    """How often each item was put at each position: the working of the Borda count.

    Parameters
    ----------
    items : Sequence[Item]
        The items every ranking orders.
    weighted_rankings : WeightedRankings
        The ballots (see the module docstring).

    Returns
    -------
    dict[Item, list[float]]
        ``positions[a][p]``: the total weight of the ballots that put ``a`` at position ``p``
        (0 = first). An item's Borda points are ``Σ_p positions[a][p] × (n − 1 − p)``.

    Raises
    ------
    RankingError
        A ranking with an unknown or repeated item, a missing item, or a bad weight.

    Examples
    --------
    >>> positions_rankings(["a", "b"], [(["a", "b"], 2), (["b", "a"], 1)])
    {'a': [2.0, 1.0], 'b': [1.0, 2.0]}
    """
    index = _index(items)
    order, w = _ranking_array(index, weighted_rankings)
    n = len(items)
    counts = np.zeros((n, n))
    for position in range(n):
        counts[:, position] = np.bincount(order[:, position], weights=w, minlength=n)
    return {item: counts[i].tolist() for i, item in enumerate(items)}


def pairwise_records_matrix(items: Sequence[Item], matrix: PairwiseMatrix[Item],
                            ) -> dict[Item, PairwiseRecord]:
    """Each item's wins, ties and losses against the others in a pairwise matrix.

    ``a`` beats ``b`` when ``d[a][b] > d[b][a]`` (beyond the module's tolerance), ties when
    they are equal, a pair nobody compared included: the working of :func:`copeland_matrix`.

    Parameters
    ----------
    items : Sequence[Item]
        The items of the matrix.
    matrix : PairwiseMatrix
        ``d[a][b]``, e.g. from :func:`pairwise_matrix_rankings`.

    Returns
    -------
    dict[Item, PairwiseRecord]

    Raises
    ------
    MatrixError
        An unknown item, or a count that is not a finite number >= 0.

    Examples
    --------
    >>> d = {"a": {"b": 3, "c": 2}, "b": {"a": 1, "c": 2}, "c": {"a": 1, "b": 2}}
    >>> pairwise_records_matrix(["a", "b", "c"], d)["b"]
    PairwiseRecord(wins=0, ties=1, losses=1)
    """
    index = _index(items)
    d = _matrix_array(index, matrix)
    wins, losses = _greater(d, d.T), _greater(d.T, d)
    ties = ~(wins | losses)
    np.fill_diagonal(ties, False)
    return {item: PairwiseRecord(int(wins[i].sum()), int(ties[i].sum()), int(losses[i].sum()))
            for i, item in enumerate(items)}


# --------------------------------------------------------------------------------------------
# Aggregation methods


def borda_rankings(items: Sequence[Item], weighted_rankings: WeightedRankings[Item],
                   ) -> list[ItemScore[Item]]:
    """Borda count of a profile of complete rankings.

    With ``n`` items, a ballot gives ``n - 1`` points to its first item, ``n - 2`` to its
    second, …, 0 to its last, times its weight; an item's score is its total.

    Parameters
    ----------
    items : Sequence[Item]
        The items every ranking orders.
    weighted_rankings : WeightedRankings
        The ballots (see the module docstring).

    Returns
    -------
    list[ItemScore]
        Items by Borda score, best first (see :func:`rank_scores`).

    Raises
    ------
    RankingError
        A ranking with an unknown or repeated item, a missing item, or a bad weight.

    Notes
    -----
    Borda (1781) proposed the count for elections to the Académie royale des sciences; this is
    the "n − 1 … 0" form, the one Saari (1995) analyses.

    References
    ----------
    .. [1] J.-C. de Borda, "Mémoire sur les élections au scrutin", Histoire de l'Académie
       Royale des Sciences, Paris, 1781.
    .. [2] D. G. Saari, *Basic Geometry of Voting*. Springer, 1995.
       doi:10.1007/978-3-642-57748-2

    Examples
    --------
    Two voters rank water first, one ranks it last; water scores 2 + 2 + 0 = 4:

    >>> ballots = [(["water", "roads", "mercury"], 2), (["roads", "mercury", "water"], 1)]
    >>> [(r.item, r.score, r.rank) for r in borda_rankings(["water", "roads", "mercury"], ballots)]
    [('water', 4.0, 1), ('roads', 4.0, 1), ('mercury', 1.0, 3)]
    """
    index = _index(items)
    order, w = _ranking_array(index, weighted_rankings)
    n = len(items)
    points = np.arange(n - 1, -1, -1, dtype=float)  # points by position
    scores = np.bincount(order.ravel(), weights=np.outer(w, points).ravel(), minlength=n)
    return _ranked(items, scores)


def copeland_matrix(items: Sequence[Item], matrix: PairwiseMatrix[Item]) -> list[ItemScore[Item]]:
    """Copeland's method from a pairwise matrix.

    An item scores 1 for every other item it beats (``d[a][b] > d[b][a]``), ½ for every tie
    (``d[a][b] = d[b][a]``, including a pair nobody compared) and 0 for every loss: the
    Copeland score with ties worth one half. Copeland's own score, wins − losses (Saari & Merlin
    1996), orders the items the same way (it is twice this score minus ``n − 1``); the counts
    are :func:`pairwise_records_matrix`.

    Parameters
    ----------
    items : Sequence[Item]
        The items of the matrix.
    matrix : PairwiseMatrix
        ``d[a][b]``, e.g. from :func:`pairwise_matrix_rankings`.

    Returns
    -------
    list[ItemScore]
        Items by Copeland score, best first (see :func:`rank_scores`).

    Raises
    ------
    MatrixError
        An unknown item, or a count that is not a finite number >= 0.

    References
    ----------
    .. [1] A. H. Copeland, "A 'reasonable' social welfare function", Seminar on Applications
       of Mathematics to the Social Sciences, University of Michigan, 1951.
    .. [2] D. G. Saari and V. R. Merlin, "The Copeland method I: relationships and the
       dictionary", Economic Theory 8(1):51–76, 1996. doi:10.1007/BF01212012

    Examples
    --------
    a beats b and c, b and c tie:

    >>> d = {"a": {"b": 3, "c": 2}, "b": {"a": 1, "c": 2}, "c": {"a": 1, "b": 2}}
    >>> [(r.item, r.score) for r in copeland_matrix(["a", "b", "c"], d)]
    [('a', 2.0), ('b', 0.5), ('c', 0.5)]
    """
    records = pairwise_records_matrix(items, matrix)
    return rank_scores({item: r.wins + 0.5 * r.ties for item, r in records.items()})


def schulze_matrix(items: Sequence[Item], matrix: PairwiseMatrix[Item],
                   strength: str = "winning_votes") -> SchulzeResult[Item]:
    """The Schulze method (beatpath) from a pairwise matrix.

    A link ``a → b`` exists when ``d[a][b] > d[b][a]``; its strength is ``d[a][b]`` (winning
    votes, the default) or ``d[a][b] − d[b][a]`` (margins); no link is 0. A path is as strong
    as its weakest link; ``p[a][b]`` is the strength of the
    strongest path from ``a`` to ``b``, computed as a widest path by Floyd–Warshall.
    ``a`` is better than ``b`` when ``p[a][b] > p[b][a]``; Schulze (2011) proves this relation
    transitive. An item's score is the number of items it is better than, so an item better
    than another always ranks above it; items with equal scores (which never beat each other,
    ``p[a][b] = p[b][a]``) tie.

    Parameters
    ----------
    items : Sequence[Item]
        The items of the matrix.
    matrix : PairwiseMatrix
        ``d[a][b]``, e.g. from :func:`pairwise_matrix_rankings`.
    strength : {"winning_votes", "margins"}, default "winning_votes"
        How strong a link is (:data:`SCHULZE_STRENGTHS`). Schulze (2011, §2.1) measures a
        defeat primarily by its winning votes, and the worked example on Wikipedia does too;
        margins are the usual alternative. The two agree whenever every pair was compared by
        the same total weight (complete rankings: ``d[a][b] + d[b][a]`` is then the same for
        every pair); they can differ in a pairwise survey, where pairs are asked unequally.

    Returns
    -------
    SchulzeResult
        ``ranking`` (best first, see :func:`rank_scores`) and the strongest-path matrix
        ``paths[a][b]`` (no diagonal).

    Raises
    ------
    MatrixError
        An unknown item, or a count that is not a finite number >= 0.
    SocialChoiceError
        A ``strength`` that is not one of :data:`SCHULZE_STRENGTHS`.

    References
    ----------
    .. [1] M. Schulze, "A new monotonic, clone-independent, reversal symmetric, and
       Condorcet-consistent single-winner election method", Social Choice and Welfare
       36(2):267–303, 2011. doi:10.1007/s00355-010-0475-4

    Examples
    --------
    A Condorcet cycle a > b (5:2), b > c (5:2), c > a (4:3): its weakest link is c → a,
    so a wins, then b:

    >>> d = {"a": {"b": 5, "c": 3}, "b": {"a": 2, "c": 5}, "c": {"a": 4, "b": 2}}
    >>> [(r.item, r.rank) for r in schulze_matrix(["a", "b", "c"], d).ranking]
    [('a', 1), ('b', 2), ('c', 3)]
    """
    if strength not in SCHULZE_STRENGTHS:
        raise SocialChoiceError("strength", f"must be one of {', '.join(SCHULZE_STRENGTHS)}, "
                                            f"got {strength!r}")
    index = _index(items)
    d = _matrix_array(index, matrix)
    p = np.where(_greater(d, d.T), d if strength == "winning_votes" else d - d.T, 0.0)
    for k in range(len(items)):  # widest paths through k; the diagonal never helps (it is 0)
        np.maximum(p, np.minimum(p[:, k, None], p[None, k, :]), out=p)
    np.fill_diagonal(p, 0.0)
    better = _greater(p, p.T)
    return SchulzeResult(ranking=_ranked(items, better.sum(axis=1).astype(float)),
                         paths=_nested(items, p))


def wins_comparisons(items: Sequence[Item], weighted_comparisons: WeightedComparisons[Item],
                     ) -> list[ItemScore[Item]]:
    """The PRA pairwise-ranking tally: how often each item was chosen.

    An item's score is the total weight of the comparisons it won, as on the pairwise ranking
    matrix of participatory rural appraisal, where the facilitator counts how many times each
    item was preferred.

    Parameters
    ----------
    items : Sequence[Item]
        The items compared.
    weighted_comparisons : WeightedComparisons
        The answers (see the module docstring).

    Returns
    -------
    list[ItemScore]
        Items by (weighted) number of wins, best first (see :func:`rank_scores`).

    Raises
    ------
    ComparisonError
        An unknown item, an item compared with itself, or a bad weight.

    Notes
    -----
    The tally is fair when every pair was asked equally often (the paper matrix); with an
    adaptive survey, where pairs are asked unequally, prefer :func:`bradley_terry_comparisons`.

    References
    ----------
    .. [1] R. Chambers, "The origins and practice of participatory rural appraisal", World
       Development 22(7):953–969, 1994. doi:10.1016/0305-750X(94)90141-4

    Examples
    --------
    >>> answers = [("water", "roads", 1), ("water", "mercury", 1), ("mercury", "roads", 1)]
    >>> [(r.item, r.score) for r in wins_comparisons(["water", "roads", "mercury"], answers)]
    [('water', 2.0), ('mercury', 1.0), ('roads', 0.0)]
    """
    index = _index(items)
    winners, _, weights = _comparison_arrays(index, weighted_comparisons)
    return _ranked(items, np.bincount(winners, weights=weights, minlength=len(items)))


def bradley_terry_comparisons(items: Sequence[Item], comparisons: WeightedComparisons[Item],
                              alpha: float = 0.1, tol: float = 1e-10, max_iter: int = 10_000,
                              ) -> list[ItemScore[Item]]:
    """Bradley–Terry log-strengths from pairwise comparisons (MM, accelerated).

    The model says ``a`` beats ``b`` with probability ``π_a / (π_a + π_b)``. The score is the
    log-strength ``θ = log π`` at the maximum of the (weighted) likelihood times a prior that
    keeps every strength finite: each item is given ``alpha`` virtual wins and ``alpha``
    virtual losses against a virtual opponent of strength 1. The scores are shifted to mean 0.

    Parameters
    ----------
    items : Sequence[Item]
        The items compared.
    comparisons : WeightedComparisons
        The answers (see the module docstring).
    alpha : float, default 0.1
        Virtual wins (and losses) per item; ``alpha = 0`` is the plain maximum-likelihood
        estimate, which exists only if the comparisons are strongly connected (Ford 1957).
    tol : float, default 1e-10
        Stop when an MM update moves no log-strength by more than ``tol``.
    max_iter : int, default 10_000
        At most this many MM updates.

    Returns
    -------
    list[ItemScore]
        Items by log-strength (mean 0), best first (see :func:`rank_scores`).

    Raises
    ------
    ComparisonError
        An unknown item, an item compared with itself, or a bad weight.
    ConvergenceError
        ``alpha = 0`` and some item never lost (or never won) through a chain of comparisons,
        so its maximum-likelihood strength is infinite; or ``max_iter`` updates did not reach
        ``tol``.

    Notes
    -----
    With ``W_ij`` the weight of comparisons ``i`` won against ``j``, ``N_ij = W_ij + W_ji``
    and ``W_i = Σ_j W_ij``, the MM (minorise–maximise) update of Hunter (2004), Zermelo's
    iteration with the prior's virtual comparisons added, is

    .. math:: π_i ← \\frac{W_i + α}{\\sum_j N_{ij} / (π_i + π_j) + 2α / (π_i + 1)}

    It increases the log-posterior

    .. math:: ℓ(θ) = \\sum_{ij} W_{ij} \\log σ(θ_i - θ_j) + α \\sum_i [\\log σ(θ_i) + \\log σ(-θ_i)]

    at every step but can be slow (thousands of steps when one item wins nearly everything),
    so the updates are extrapolated with SQUAREM (Varadhan & Roland 2008), falling back to the
    plain MM step whenever the extrapolated point would lower ℓ. The fixed point, and so the
    answer, is that of MM. With ``alpha = 0`` each update is normalised to mean 0 (Hunter 2004).

    References
    ----------
    .. [1] R. A. Bradley and M. E. Terry, "Rank analysis of incomplete block designs: I. The
       method of paired comparisons", Biometrika 39(3/4):324–345, 1952. doi:10.2307/2334029
    .. [2] D. R. Hunter, "MM algorithms for generalized Bradley–Terry models", Annals of
       Statistics 32(1):384–406, 2004. doi:10.1214/aos/1079120141
    .. [3] L. R. Ford, "Solution of a ranking problem from binary comparisons", American
       Mathematical Monthly 64(8):28–33, 1957. doi:10.2307/2308513
    .. [4] R. Varadhan and C. Roland, "Simple and globally convergent methods for accelerating
       the convergence of any EM algorithm", Scandinavian Journal of Statistics 35(2):335–353,
       2008. doi:10.1111/j.1467-9469.2007.00585.x

    Examples
    --------
    Water beat roads twice and lost once: the maximum-likelihood odds are 2 to 1, so the
    log-strengths are ± log(2) / 2 = ± 0.347; the default prior pulls them a little towards 0:

    >>> answers = [("water", "roads", 2), ("roads", "water", 1)]
    >>> [(r.item, round(r.score, 3))
    ...  for r in bradley_terry_comparisons(["water", "roads"], answers, alpha=0)]
    [('water', 0.347), ('roads', -0.347)]
    >>> [round(r.score, 3) for r in bradley_terry_comparisons(["water", "roads"], answers)]
    [0.334, -0.334]
    """
    index = _index(items)
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not (
            math.isfinite(alpha) and alpha >= 0):
        raise SocialChoiceError("alpha", f"must be a finite number >= 0, got {alpha!r}")
    wins = _wins_matrix(index, comparisons)
    n = len(items)
    if n < 2:
        return _ranked(items, np.zeros(n))
    if alpha == 0:
        _require_strongly_connected(items, wins > 0)
    theta = _bradley_terry_mm(wins, float(alpha), tol, max_iter)
    return _ranked(items, theta - theta.mean())


def bradley_terry_fit(items: Sequence[Item], comparisons: WeightedComparisons[Item],
                      alpha: float = 0.1, tol: float = 1e-10, max_iter: int = 10_000,
                      ) -> BradleyTerryFit[Item]:
    """Bradley–Terry log-strengths: the maximum-likelihood estimate when it exists, else the
    regularised one.

    The maximum-likelihood estimate exists, and is unique up to a constant, exactly when the
    directed graph of wins (``i → j`` when ``i`` beat ``j`` at least once) is strongly
    connected: every item beats every other through some chain of wins (Ford 1957; Hunter
    2004, assumption 1). Then the scores are :func:`bradley_terry_comparisons` with
    ``alpha = 0``, centred on 0, as choix's ``ilsr_pairwise(..., alpha=0)`` gives them.
    Otherwise some strength would be infinite (an item that never lost would be infinitely
    strong), so the scores are the regularised estimate with ``alpha``, and the fit says why.

    Parameters
    ----------
    items : Sequence[Item]
        The items compared.
    comparisons : WeightedComparisons
        The answers (see the module docstring).
    alpha : float, default 0.1
        The regularisation of the fallback (see :func:`bradley_terry_comparisons`), > 0.
    tol, max_iter
        As for :func:`bradley_terry_comparisons`.

    Returns
    -------
    BradleyTerryFit
        The ranking, which estimate it is, the ``alpha`` used (0 for maximum likelihood), why
        there is no maximum-likelihood estimate if there is none, and the regularised ranking.

    Raises
    ------
    ComparisonError
        An unknown item, an item compared with itself, or a bad weight.
    SocialChoiceError
        An ``alpha`` that is not a finite number > 0.
    ConvergenceError
        ``max_iter`` updates did not reach ``tol``.

    References
    ----------
    .. [1] L. R. Ford, "Solution of a ranking problem from binary comparisons", American
       Mathematical Monthly 64(8):28–33, 1957. doi:10.2307/2308513
    .. [2] D. R. Hunter, "MM algorithms for generalized Bradley–Terry models", Annals of
       Statistics 32(1):384–406, 2004. doi:10.1214/aos/1079120141

    Examples
    --------
    Water beat roads twice and lost once: strongly connected, so the plain estimate,
    ± log(2) / 2:

    >>> fit = bradley_terry_fit(["water", "roads"], [("water", "roads", 2), ("roads", "water", 1)])
    >>> fit.estimate, fit.alpha, [round(r.score, 3) for r in fit.ranking]
    ('maximum_likelihood', 0.0, [0.347, -0.347])

    If water had never lost, its strength would be infinite: the regularised estimate instead.

    >>> fit = bradley_terry_fit(["water", "roads"], [("water", "roads", 2)])
    >>> fit.estimate, fit.alpha, fit.reason, fit.reason_items
    ('regularised', 0.1, 'never_lost', ['water'])
    """
    if isinstance(alpha, bool) or not isinstance(alpha, (int, float)) or not (
            math.isfinite(alpha) and alpha > 0):
        raise SocialChoiceError("alpha", f"must be a finite number > 0, got {alpha!r}")
    index = _index(items)
    wins = _wins_matrix(index, comparisons)
    regularised = bradley_terry_comparisons(items, comparisons, alpha, tol, max_iter)
    failure = _not_strongly_connected(items, wins > 0) if len(items) > 1 else None
    if failure is not None:
        reason, at_fault = failure
        return BradleyTerryFit(regularised, "regularised", float(alpha), reason, at_fault,
                               regularised)
    plain = bradley_terry_comparisons(items, comparisons, 0, tol, max_iter)
    return BradleyTerryFit(plain, "maximum_likelihood", 0.0, None, [], regularised)


def _not_strongly_connected(items: Sequence[Item], beat: np.ndarray,
                            ) -> tuple[str, list[Item]] | None:
    """Why Ford's (1957) condition fails, or None when every item beats every other along a
    chain of "beat" edges: ``("never_lost", [item])``, ``("never_won", [item])`` or
    ``("no_chain", [winner, loser])`` (no chain in which ``winner`` beats ``loser``)."""
    for i, item in enumerate(items):
        for edges, never in ((beat[:, i], "never_lost"), (beat[i, :], "never_won")):
            if not edges.any():
                return never, [item]
    for graph, first_wins in ((beat, True), (beat.T, False)):
        reached = np.zeros(len(items), dtype=bool)
        reached[0] = True
        frontier = reached.copy()
        while frontier.any():
            frontier = graph[frontier].any(axis=0) & ~reached
            reached |= frontier
        if not reached.all():
            other = int(np.argmin(reached))
            winner, loser = items[0 if first_wins else other], items[other if first_wins else 0]
            return "no_chain", [winner, loser]
    return None


def _require_strongly_connected(items: Sequence[Item], beat: np.ndarray) -> None:
    """Ford's (1957) condition, or the :class:`ConvergenceError` that says which item fails."""
    failure = _not_strongly_connected(items, beat)
    if failure is None:
        return
    reason, (first, *rest) = failure
    if reason == "no_chain":
        raise ConvergenceError(
            "comparisons", f"no chain of comparisons in which {first!r} beats {rest[0]!r}: "
                           f"with alpha=0 the strengths have no finite maximum-likelihood "
                           f"estimate (use alpha > 0)",
            item=rest[0] if first == items[0] else first)
    raise ConvergenceError(
        "comparisons", f"item {first!r} {reason.replace('_', ' ')}: with alpha=0 its strength "
                       f"has no finite maximum-likelihood estimate (use alpha > 0)", item=first)


def _bradley_terry_mm(wins: np.ndarray, alpha: float, tol: float, max_iter: int) -> np.ndarray:
    """Hunter's MM for the model of :func:`bradley_terry_comparisons`, with SQUAREM (S3)."""
    counts = wins + wins.T
    numerator = np.log(wins.sum(axis=1) + alpha)

    def update(theta: np.ndarray) -> np.ndarray:
        pi = np.exp(theta)
        denominator = (counts / (pi[:, None] + pi[None, :])).sum(axis=1) + 2 * alpha / (pi + 1)
        new: np.ndarray = numerator - np.log(denominator)
        if alpha == 0:
            new = new - new.mean()
        return new

    def objective(theta: np.ndarray) -> float:
        log_sigma = -np.logaddexp(0.0, theta[None, :] - theta[:, None])  # log σ(θ_i − θ_j)
        prior = -np.logaddexp(0.0, -theta) - np.logaddexp(0.0, theta)
        return float((wins * log_sigma).sum() + alpha * prior.sum())

    theta = np.zeros(len(wins))
    steps = 0
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        while steps < max_iter:
            first = update(theta)
            step = first - theta
            if np.max(np.abs(step)) < tol:
                return first
            second = update(first)
            steps += 2
            curve = second - first - step
            norm = float(np.linalg.norm(curve))
            s = min(-float(np.linalg.norm(step)) / norm, -1.0) if norm > 0 else -1.0
            candidate = update(theta - 2 * s * step + s * s * curve)
            steps += 1
            if (not np.all(np.isfinite(candidate))
                    or objective(candidate) < objective(second)):
                candidate = second  # the extrapolation overshot: keep the monotone MM step
            theta = candidate
    raise ConvergenceError("comparisons",
                           f"Bradley–Terry strengths did not converge to {tol:g} in {max_iter} "
                           f"updates (raise max_iter or alpha)")


# --------------------------------------------------------------------------------------------
# Agreement and divergence


def _ranks_matrix(index: Mapping[Item, int], ranks: Sequence[RanksWithTies[Item]],
                  name: str = "ranks") -> np.ndarray:
    """Raters' values as an ``(m, n)`` array in ``index`` order, validated."""
    items = list(index)
    n, m = len(items), len(ranks)
    if n == 0:
        return np.zeros((m, 0))
    getter = itemgetter(*items) if n > 1 else (lambda r: (r[items[0]],))
    try:
        if all((type(r) is dict or isinstance(r, Mapping)) and len(r) == n for r in ranks):
            values = np.array(list(map(getter, ranks))).reshape(m, n)
            if values.dtype.kind in "iuf" and np.isfinite(values).all():
                return values.astype(float)
    except (KeyError, TypeError, ValueError):
        pass
    for j, rater in enumerate(ranks):
        where = f"{name}[{j}]"
        if not isinstance(rater, Mapping):
            raise RankingError(where, f"expected a mapping item → rank, got {rater!r}")
        for item, value in rater.items():
            if item not in index:
                raise RankingError(f"{where}[{item!r}]", f"unknown item {item!r}", item=item)
            if (isinstance(value, bool) or not isinstance(value, (int, float, np.integer,
                                                                   np.floating))
                    or not math.isfinite(value)):
                raise RankingError(f"{where}[{item!r}]",
                                   f"rank must be a finite number, got {value!r}", item=item)
        missing = [item for item in items if item not in rater]
        if missing:
            names = ", ".join(repr(item) for item in missing)
            raise RankingError(where, f"incomplete ranks: {names} missing (every rater ranks "
                                      f"every item; tied items share a rank)", item=missing[0])
    return np.array([[float(rater[item]) for item in items] for rater in ranks]).reshape(m, n)


def _mid_ranks(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row-wise mid-ranks (1-based, ties averaged) and each row's Σ(t³ − t) over tie groups."""
    m, n = values.shape
    if ((values == np.round(values)) & (values >= 1) & (values <= n)).all():
        seen = np.zeros((m, n), dtype=bool)
        np.put_along_axis(seen, values.astype(np.intp) - 1, True, axis=1)
        if seen.all():  # every row already ranks 1..n without ties: nothing to average
            return values, np.zeros(m)
    order = np.argsort(values, axis=1, kind="stable")
    ordered = np.take_along_axis(values, order, axis=1)
    positions = np.broadcast_to(np.arange(n), (m, n))
    new_group = np.ones((m, n), dtype=bool)
    new_group[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    ends_group = np.ones((m, n), dtype=bool)
    ends_group[:, :-1] = new_group[:, 1:]
    first = np.maximum.accumulate(np.where(new_group, positions, 0), axis=1)
    last = np.minimum.accumulate(np.where(ends_group, positions, n)[:, ::-1], axis=1)[:, ::-1]
    mid = np.empty((m, n))
    np.put_along_axis(mid, order, (first + last) / 2 + 1, axis=1)
    size = (last - first + 1).astype(float)
    return mid, (size ** 2 - 1).sum(axis=1)  # a group of t items adds t × (t² − 1) = t³ − t


def _chi2_sf(x: float, df: int) -> float:
    """P(χ²_df > x): the χ² survival function for a whole number of degrees of freedom.

    For whole ``df`` the regularised upper incomplete gamma ``Q(df/2, x/2)`` is a finite sum
    (Abramowitz & Stegun 1964, §26.4; it is the Poisson–gamma identity): with ``h = x / 2``,

    - ``df`` even: ``Q = e^{-h} Σ_{i=0}^{df/2 - 1} h^i / i!``
    - ``df`` odd: ``Q = erfc(√h) + e^{-h} Σ_{i=1}^{(df-1)/2} h^{i - 1/2} / Γ(i + 1/2)``

    All terms are positive (no cancellation); each is computed in logs so that large ``x`` or
    ``df`` neither overflow nor lose precision.
    """
    if df < 1:
        raise ValueError(f"df must be a whole number >= 1, got {df!r}")
    if x <= 0:
        return 1.0
    h = x / 2
    log_h = math.log(h)
    if df % 2 == 0:
        total = sum(math.exp(-h + i * log_h - math.lgamma(i + 1)) for i in range(df // 2))
    else:
        total = math.erfc(math.sqrt(h)) + sum(
            math.exp(-h + (i - 0.5) * log_h - math.lgamma(i + 0.5))
            for i in range(1, (df - 1) // 2 + 1))
    return min(1.0, total)


def concordance_reading(w: float) -> str:
    """The plain-language key for a Kendall's W (see :data:`CONCORDANCE_READINGS`).

    Examples
    --------
    >>> concordance_reading(0.05), concordance_reading(0.45), concordance_reading(0.95)
    ('none', 'weak', 'very_strong')
    """
    return next(key for bound, key in CONCORDANCE_READINGS if w >= bound)


def kendall_w_ranks(items: Sequence[Item], ranks: Sequence[RanksWithTies[Item]]) -> Concordance:
    """Kendall's coefficient of concordance W, corrected for ties, and its χ² test.

    Each rater's values are turned into mid-ranks ``r_ij`` (ties averaged). With ``m`` raters,
    ``n`` items, rank sums ``R_i = Σ_j r_ij``, ``S = Σ_i (R_i − m(n + 1)/2)²`` and, for rater
    ``j``, ``T_j = Σ (t³ − t)`` over its groups of ``t`` tied items:

    .. math:: W = \\frac{12 S}{m^2 (n^3 - n) - m \\sum_j T_j}

    W is 1 when every rater gives the same ranks and near 0 when they agree no more than
    chance. Under no agreement ``χ² = m (n − 1) W`` is approximately χ² with ``n − 1`` degrees
    of freedom (the Friedman statistic, with the same tie correction); ``p_value`` is its upper
    tail. The approximation wants ``n`` above about 7; below that, read ``w`` only.

    Parameters
    ----------
    items : Sequence[Item]
        The items ranked.
    ranks : Sequence[RanksWithTies]
        One mapping per rater (see the module docstring), each over every item.

    Returns
    -------
    Concordance
        ``w``, ``chi2``, ``df``, ``p_value``, the counts, ``reading`` (the plain-language key
        of :func:`concordance_reading`), and the working: ``rank_sums``, ``s``,
        ``tie_correction`` (Σ_j T_j) and ``w_uncorrected`` (the same ``12 S`` over
        ``m² (n³ − n)`` alone, as Kendall & Babington Smith first wrote it: lower than ``w``
        when raters tie items).

    Raises
    ------
    RankingError
        A rater with an unknown or missing item, or a rank that is not a finite number.
    SocialChoiceError
        Fewer than 2 raters or 2 items, or every rater tied every item (W is undefined).

    References
    ----------
    .. [1] M. G. Kendall and B. Babington Smith, "The problem of m rankings", Annals of
       Mathematical Statistics 10(3):275–287, 1939. doi:10.1214/aoms/1177732186
    .. [2] S. Siegel and N. J. Castellan, *Nonparametric Statistics for the Behavioral
       Sciences*, 2nd ed., McGraw-Hill, 1988 (the tie correction).
    .. [3] R. C. Schmidt, "Managing Delphi surveys using nonparametric statistical
       techniques", Decision Sciences 28(3):763–774, 1997.
       doi:10.1111/j.1540-5915.1997.tb01330.x (the reading of W).

    Examples
    --------
    Two raters who agree exactly have W = 1:

    >>> c = kendall_w_ranks(["a", "b", "c"], [{"a": 1, "b": 2, "c": 3}] * 2)
    >>> c.w, c.df, c.reading
    (1.0, 2, 'very_strong')
    """
    index = _index(items)
    values = _ranks_matrix(index, ranks)
    m, n = values.shape
    if m < 2:
        raise SocialChoiceError("ranks", f"concordance needs at least 2 raters, got {m}")
    if n < 2:
        raise SocialChoiceError("items", f"concordance needs at least 2 items, got {n}")
    mid, ties = _mid_ranks(values)
    sums = mid.sum(axis=0)
    s = float(((sums - m * (n + 1) / 2) ** 2).sum())
    denominator = m * m * (n ** 3 - n) - m * float(ties.sum())
    if denominator <= 0:
        raise SocialChoiceError("ranks", "every rater tied every item: concordance is undefined")
    w = min(1.0, 12 * s / denominator)
    chi2 = m * (n - 1) * w
    return Concordance(w=w, chi2=chi2, df=n - 1, p_value=_chi2_sf(chi2, n - 1), raters=m,
                       items=n, reading=concordance_reading(w),
                       rank_sums=dict(zip(items, sums.tolist())), s=s,
                       tie_correction=float(ties.sum()),
                       w_uncorrected=min(1.0, 12 * s / (m * m * (n ** 3 - n))))


def _two_rankings(items: Sequence[Item], first: RanksWithTies[Item], second: RanksWithTies[Item],
                  ) -> np.ndarray:
    index = _index(items)
    return np.vstack([_ranks_matrix(index, [first], "first"),
                      _ranks_matrix(index, [second], "second")])


def _tau_b(x: np.ndarray, y: np.ndarray) -> float | None:
    sx = np.sign(x[:, None] - x[None, :])
    sy = np.sign(y[:, None] - y[None, :])
    pairs = len(x) * (len(x) - 1) / 2
    untied_x = pairs - (sx == 0).sum(axis=None) / 2 + len(x) / 2  # the diagonal is not a pair
    untied_y = pairs - (sy == 0).sum(axis=None) / 2 + len(y) / 2
    if untied_x == 0 or untied_y == 0:
        return None
    return float((sx * sy).sum() / 2 / math.sqrt(untied_x * untied_y))


def _rho(x: np.ndarray, y: np.ndarray) -> float | None:
    mid, _ = _mid_ranks(np.vstack([x, y]))
    a, b = mid - mid.mean(axis=1, keepdims=True)
    norm = math.sqrt(float(a @ a) * float(b @ b))
    return None if norm == 0 else float(a @ b) / norm


def kendall_tau_ranks(items: Sequence[Item], first: RanksWithTies[Item],
                      second: RanksWithTies[Item]) -> float | None:
    """Kendall's τ_b between two rankings with ties.

    Over the ``n(n − 1)/2`` pairs of items, with ``C`` concordant and ``D`` discordant pairs and
    ``U_1``, ``U_2`` the pairs *not* tied in each ranking: ``τ_b = (C − D) / √(U_1 U_2)``.
    1 means the same order, −1 the reverse, 0 no association.

    Parameters
    ----------
    items : Sequence[Item]
        The items both rankings rank.
    first, second : RanksWithTies
        The two rankings (see the module docstring), e.g. two groups' result ranks.

    Returns
    -------
    float or None
        τ_b, or ``None`` when it is undefined (fewer than 2 items, or a ranking that ties every
        item).

    Raises
    ------
    RankingError
        An unknown or missing item, or a rank that is not a finite number.

    References
    ----------
    .. [1] M. G. Kendall, "The treatment of ties in ranking problems", Biometrika
       33(3):239–251, 1945. doi:10.1093/biomet/33.3.239

    Examples
    --------
    One swap among three items: 2 concordant pairs, 1 discordant, τ_b = 1/3:

    >>> round(kendall_tau_ranks("abc", {"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 3, "c": 2}), 4)
    0.3333
    """
    x, y = _two_rankings(items, first, second)
    return _tau_b(x, y)


def spearman_rho_ranks(items: Sequence[Item], first: RanksWithTies[Item],
                       second: RanksWithTies[Item]) -> float | None:
    """Spearman's ρ between two rankings with ties: Pearson's correlation of their mid-ranks.

    Parameters
    ----------
    items : Sequence[Item]
        The items both rankings rank.
    first, second : RanksWithTies
        The two rankings (see the module docstring).

    Returns
    -------
    float or None
        ρ in [−1, 1], or ``None`` when it is undefined (fewer than 2 items, or a ranking that
        ties every item).

    Raises
    ------
    RankingError
        An unknown or missing item, or a rank that is not a finite number.

    References
    ----------
    .. [1] C. Spearman, "The proof and measurement of association between two things",
       American Journal of Psychology 15(1):72–101, 1904. doi:10.2307/1412159

    Examples
    --------
    One swap among three items: ρ = 1 − 6 × 2 / (3 × 8) = 0.5:

    >>> spearman_rho_ranks("abc", {"a": 1, "b": 2, "c": 3}, {"a": 1, "b": 3, "c": 2})
    0.5
    """
    x, y = _two_rankings(items, first, second)
    return _rho(x, y)


def divergence_ranks(items: Sequence[Item], group_ranks: Mapping[Group, RanksWithTies[Item]],
                     top: int | None = 3) -> list[GroupDivergence[Item, Group]]:
    """Every pair of groups: how their rankings correlate and which items they rank most apart.

    Parameters
    ----------
    items : Sequence[Item]
        The items every group ranked.
    group_ranks : Mapping[Hashable, RanksWithTies]
        Each group's ranks (see the module docstring), e.g. the ranks of each group's own
        result; the ranks are compared as given (1 = best).
    top : int or None, default 3
        How many items to list per pair, those whose ranks differ most; ``None`` lists every
        item ranked differently.

    Returns
    -------
    list[GroupDivergence]
        One entry per pair of groups, in the order of ``group_ranks``; ``differences`` sorted
        by absolute rank difference, largest first (ties in the order of ``items``), without
        items both groups rank alike.

    Raises
    ------
    RankingError
        A group with an unknown or missing item, or a rank that is not a finite number.

    See Also
    --------
    kendall_tau_ranks, spearman_rho_ranks

    Examples
    --------
    Women put water first, miners put it last:

    >>> groups = {"women": {"water": 1, "roads": 2, "mercury": 3},
    ...           "miners": {"water": 3, "roads": 1, "mercury": 2}}
    >>> pair, = divergence_ranks(["water", "roads", "mercury"], groups, top=1)
    >>> pair.group_a, pair.group_b, pair.differences[0].item, pair.differences[0].difference
    ('women', 'miners', 'water', -2.0)
    """
    index = _index(items)
    groups = list(group_ranks)
    values = _ranks_matrix(index, [group_ranks[g] for g in groups], "group_ranks")
    result = []
    for (a, x), (b, y) in itertools.combinations(zip(groups, values), 2):
        gaps = sorted((i for i in range(len(items)) if x[i] != y[i]),
                      key=lambda i: (-abs(x[i] - y[i]), i))
        differences = [ItemDifference(items[i], float(x[i]), float(y[i]))
                       for i in (gaps if top is None else gaps[:top])]
        result.append(GroupDivergence(a, b, _tau_b(x, y), _rho(x, y), differences))
    return result


# --------------------------------------------------------------------------------------------
# Adaptive pairwise surveys


def next_pair(items: Sequence[Item], comparisons_so_far: WeightedComparisons[Item],
              seen_by_this_participant: Iterable[tuple[Item, Item]], rng: _Random,
              ) -> tuple[Item, Item] | None:
    """The next pair to show a participant in a pairwise survey, or ``None`` when done.

    The first item is one of the least compared so far (across all participants) among those
    this participant still has an unseen pair with; its partner is one of the least compared
    among its unseen partners; ties are broken at random, and which item is shown first (left)
    is random too. A pair this participant has answered is never offered again, in either
    order; ``None`` means they have seen every pair. So with few items (all pairs of 6 items
    are 15 questions) a participant who keeps answering sees every pair, and with many items
    the answers spread evenly over the items, as wiki surveys do (Salganik & Levy 2015).

    Parameters
    ----------
    items : Sequence[Item]
        The items of the survey.
    comparisons_so_far : WeightedComparisons
        Every answer recorded so far, by everyone (see the module docstring). Each counts once
        for both of its items, whatever its weight.
    seen_by_this_participant : Iterable[tuple[Item, Item]]
        The pairs this participant has already answered (or skipped), in any order.
    rng : random.Random
        The source of randomness (seed it for a reproducible sequence).

    Returns
    -------
    tuple[Item, Item] or None
        The pair, in the order to show it, or ``None``.

    Raises
    ------
    ComparisonError
        An unknown item, or an item compared with itself, in either argument.

    References
    ----------
    .. [1] M. J. Salganik and K. E. C. Levy, "Wiki surveys: open and quantifiable social
       data collection", PLoS ONE 10(5):e0123483, 2015. doi:10.1371/journal.pone.0123483

    Examples
    --------
    With three items and the pairs (a, b) and (a, c) already answered, only (b, c) is left:

    >>> import random
    >>> sorted(next_pair("abc", [], [("a", "b"), ("c", "a")], random.Random(0)))
    ['b', 'c']
    """
    index = _index(items)
    winners, losers, _ = _comparison_arrays(
        index, [(winner, loser, 1)
                for winner, loser, *_ in _pairs(comparisons_so_far, 3, "comparisons_so_far")],
        "comparisons_so_far")
    shown = np.bincount(np.concatenate([winners, losers]), minlength=len(items)).tolist()
    seen_pairs = _pairs(seen_by_this_participant, 2, "seen_by_this_participant")
    seen_w, seen_l, _ = _comparison_arrays(index, [(a, b, 1) for a, b in seen_pairs],
                                           "seen_by_this_participant")
    seen = {frozenset(pair) for pair in zip(seen_w.tolist(), seen_l.tolist())}
    n = len(items)
    partners = [[j for j in range(n) if j != i and frozenset((i, j)) not in seen]
                for i in range(n)]
    open_items = [i for i in range(n) if partners[i]]
    if not open_items:
        return None
    first = _least_shown(open_items, shown, rng)
    second = _least_shown(partners[first], shown, rng)
    if rng.random() < 0.5:
        first, second = second, first
    return items[first], items[second]


def _pairs(rows: Iterable[object], size: int, name: str) -> list[tuple[Any, ...]]:
    """Rows that must be sequences of ``size``, as tuples (or the typed error)."""
    result = []
    for r, row in enumerate(rows):
        if isinstance(row, (str, bytes)) or not isinstance(row, Sequence) or len(row) != size:
            shape = "(winner, loser, weight)" if size == 3 else "(item, item)"
            raise ComparisonError(f"{name}[{r}]", f"expected {shape}, got {row!r}")
        result.append(tuple(row))
    return result


def _least_shown(candidates: list[int], shown: list[int], rng: _Random) -> int:
    fewest = min(shown[i] for i in candidates)
    return rng.choice([i for i in candidates if shown[i] == fewest])
