"""Participatory prioritisation results: every method, whose priorities they are, and agreement.

Every number the app, the workbook and the command line show for a prioritisation exercise
comes from ``results``. Conventions:

- Each participant's *latest* ballot counts (ballots are appended, never overwritten); in a
  pairwise exercise, each participant's latest answer *per pair*.
- A proxy ballot stands for ``voters`` people.
- Weighting (Guide 2.1.1, equity and non-discrimination) is a weight per ballot:
  ``person``: ``voters`` (every voter counts the same);
  ``group``: ``voters / N_g``, where ``N_g`` is how many of the ballot's group voted (in a
  pairwise exercise, how many answers the group gave) — every group that voted counts the same,
  whatever its size: a large group cannot drown a small one;
  ``custom``: ``voters × w_g / N_g`` with the exercise's ``group_weights`` (a group without one
  weighs 1), fixed before voting opened. The hidden groups (below) weigh as one pool holding
  their weights together (``voters × Σw_h / ΣN_h``), so that no hidden group's own answers can
  be worked out from the results by person and by group side by side.
  For bean shares and mean ratings this is exactly the average of the groups' own results.
- Ranks are competition ranks ("1, 2, 2, 4"): rank 1 is the highest priority; tied items share
  a rank and are listed in the exercise's item order.
- A group with fewer voters than the workshop's ``small_group_threshold`` is never shown on its
  own (its people could be recognised), but its ballots count in the overall result; nor is the
  next smallest group when it would be the only one hidden, or the overall result minus the
  shown groups' would be the small group's (``engine.core.suppression.hidden_groups``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, Literal, TypeAlias

from pydantic import BaseModel

from engine.core.answers import WEIGHTINGS, Weighting, latest
from engine.core.errors import NotFoundError
from engine.core.exercise import Exercise
from engine.core.records import Ballot, Room
from engine.core.suppression import hidden_groups
from engine.exercises.prioritisation.design import Prioritisation
from engine.methods import social_choice as sc
from engine.methods.scales import competition_ranks, quadrant

__all__ = ["AGGREGATIONS", "ItemResult", "GroupTurnout", "Agreement", "Divergence",
           "CopelandRecord", "BradleyTerryWorking", "Working", "ExerciseResult", "results",
           "latest_ballots", "turnout"]
# How each kind of ballot can be aggregated; the first is the default. Schulze by margins is
# offered for pairwise answers only: with complete rankings it always agrees with winning votes.
AGGREGATIONS = {
    "tokens": ("tokens",),
    "importance-urgency": ("importance-urgency",),
    "matrix": ("matrix",),
    "ranking": ("borda", "copeland", "schulze"),
    "pairwise": ("wins", "copeland", "schulze", "schulze-margins", "bradley-terry"),
}
# Bradley–Terry's regularisation when the maximum-likelihood estimate does not exist: virtual
# wins and losses per item against a unit opponent, so an item that wins every time still gets
# a finite score.
BRADLEY_TERRY_ALPHA = 0.1

#: Latest ballots with the weight each counts for (see the module docstring).
Weighted: TypeAlias = Sequence[tuple[Ballot, float]]
#: What one aggregation computes: per item id, the fields of its ``ItemResult`` but the rank.
Rows: TypeAlias = dict[str, dict[str, Any]]


class ItemResult(BaseModel):
    """One item's line in a result; ``score`` is what the rank orders by.

    tokens: the share of all beans (0–1), with ``beans`` under person weighting.
    importance-urgency: mean importance × mean urgency (1–25); ``quadrant`` calls an axis high
    at a mean of 3 or more. matrix: the weighted mean of the criteria on the exercise's scale (a
    "lower is better" criterion counted reflected, 5 − score on 0–5). borda: Borda points;
    copeland: pairwise wins (½ a tie); schulze, schulze-margins: items beaten by strongest
    path; wins: times chosen; bradley-terry: log-strength (mean 0).
    """

    item: str
    rank: int
    score: float
    share: float | None = None
    beans: int | None = None
    importance: float | None = None
    urgency: float | None = None
    quadrant: str | None = None
    criteria: dict[str, float] | None = None


class GroupTurnout(BaseModel):
    """How many of a group have voted in an exercise, against how many joined and were expected."""

    group: str
    voted: int
    joined: int
    expected: int
    below_expected: bool


class Agreement(BaseModel):
    """Kendall's W over the raters' own rankings (each latest ballot one rater, unweighted),
    with its working: each item's rank sum (mid-ranks, 1 = first), ``s`` = Σ (R_i − m(n+1)/2)²,
    the tie correction Σ_j Σ (t³ − t) and W without it (``w_uncorrected``)."""

    w: float
    chi2: float
    df: int
    p_value: float
    raters: int
    reading: str
    rank_sums: dict[str, float]
    s: float
    tie_correction: float
    w_uncorrected: float


class Divergence(BaseModel):
    """How two groups' rankings agree, and the items they rank most differently."""

    group_a: str
    group_b: str
    kendall_tau: float | None
    spearman_rho: float | None
    differences: list[tuple[str, float, float]]  # (item, rank in a, rank in b), largest first


class CopelandRecord(BaseModel):
    """An item's record in the pairwise matrix: items it beats, ties with, loses to."""

    wins: int
    ties: int
    losses: int


class BradleyTerryWorking(BaseModel):
    """Which Bradley–Terry estimate the scores are (``social_choice.bradley_terry_fit``).

    ``maximum_likelihood`` (``alpha`` 0) when every item beat every other through a chain of
    wins; else ``regularised`` with ``alpha``, ``reason`` saying why (``never_lost``,
    ``never_won``: ``reason_items`` is the item; ``no_chain``: no chain of wins leads from
    ``reason_items[0]`` to ``reason_items[1]``). ``regularised`` holds the regularised
    log-strengths (``regularised_alpha``) in any case, the other convention.
    """

    estimate: Literal["maximum_likelihood", "regularised"]
    alpha: float
    reason: Literal["never_lost", "never_won", "no_chain"] | None
    reason_items: list[str]
    regularised_alpha: float
    regularised: dict[str, float]


class Working(BaseModel):
    """How the overall scores were reached, for the aggregation counted (the rest ``None``).

    borda: ``positions[item][p]``, the (weighted) ballots that put the item at position ``p``
    (0 = first; points n − 1 − p each). copeland: each item's ``copeland`` record. schulze and
    schulze-margins: ``strength`` (``winning_votes`` or ``margins``) and ``strongest_paths[a][b]``,
    the strength of the strongest path from ``a`` to ``b``. bradley-terry: ``bradley_terry``.
    The pairwise matrix itself is the result's ``pairwise``.
    """

    positions: dict[str, list[float]] | None = None
    copeland: dict[str, CopelandRecord] | None = None
    strength: str | None = None
    strongest_paths: dict[str, dict[str, float]] | None = None
    bradley_terry: BradleyTerryWorking | None = None


class ExerciseResult(BaseModel):
    """The result of one exercise under one aggregation and weighting, overall and per group."""

    exercise: str
    method: str
    aggregation: str
    weighting: Weighting
    group_weights: dict[str, float]
    voters: int
    items: list[ItemResult]
    groups: dict[str, list[ItemResult]]
    hidden_groups: list[str]
    turnout: list[GroupTurnout]
    agreement: Agreement | None
    group_agreement: dict[str, Agreement | None]
    divergence: list[Divergence]
    pairwise: dict[str, dict[str, float]] | None
    working: Working
    group_working: dict[str, Working]  # each shown group's own (a group's Bradley–Terry may
    #                                    fall back where the whole room's does not)


def latest_ballots(exercise: Exercise) -> list[Ballot]:
    """Each participant's most recent ballot (per pair, in a pairwise exercise), in cast order."""
    if exercise.design.method == "pairwise":
        return latest(exercise.ballots, lambda b: (b.participant, frozenset(b.answer.pair)))
    return latest(exercise.ballots)


def _voters_by_participant(ballots: list[Ballot]) -> dict[str, int]:
    return {ballot.participant: ballot.voters for ballot in ballots}


def turnout(room: Room, exercise: Exercise) -> list[GroupTurnout]:
    """Per group: people counted in this exercise (proxy voters included), joined, expected;
    ``below_expected`` flags a group fewer of whom have voted than were expected."""
    group_of = room.group_of
    voted: dict[str, int] = defaultdict(int)
    for token, voters in _voters_by_participant(latest_ballots(exercise)).items():
        if token in group_of:
            voted[group_of[token]] += voters
    joined: dict[str, int] = defaultdict(int)
    for participant in room.participants:
        if not participant.proxy:
            joined[participant.group] += 1
    return [GroupTurnout(group=g.id, voted=voted[g.id], joined=joined[g.id], expected=g.expected,
                         below_expected=voted[g.id] < g.expected) for g in room.groups]


def results(exercise: Exercise, room: Room, weighting: str = "person",
            aggregation: str | None = None) -> ExerciseResult:
    """The result of a prioritisation by ``aggregation`` (default: its method's first) under
    ``weighting``, overall and for each large-enough group of ``room``, with agreement and
    divergence. Ballots of people not in ``room`` are left out."""
    design: Prioritisation = exercise.design
    aggregation = aggregation or AGGREGATIONS[design.method][0]
    if aggregation not in AGGREGATIONS[design.method]:
        raise NotFoundError("aggregation.not_for_method", aggregation=aggregation,
                            method=design.method, allowed=", ".join(AGGREGATIONS[design.method]))
    if weighting not in WEIGHTINGS:
        raise NotFoundError("weighting.unknown", weighting=weighting)
    if weighting == "custom" and not design.group_weights:
        raise NotFoundError("weighting.no_custom_weights", exercise=exercise.id)

    group_of = room.group_of
    by_group: dict[str, list[Ballot]] = defaultdict(list)
    for ballot in latest_ballots(exercise):
        if ballot.participant in group_of:
            by_group[group_of[ballot.participant]].append(ballot)
    group_voters = {g: sum(_voters_by_participant(b).values()) for g, b in by_group.items()}
    # What "each group counts the same" divides by: the group's voters, or in a pairwise
    # exercise its answers (a group whose members answered more pairs must not weigh more).
    shares_of = ({g: sum(b.voters for b in group) for g, group in by_group.items()}
                 if design.method == "pairwise" else group_voters)
    hidden = hidden_groups(room, group_voters)
    factor = _group_factors(design, weighting, shares_of, hidden)
    weighted = [(b, b.voters * factor[g]) for g, group in by_group.items() for b in group]
    overall, working = _aggregate(design, aggregation, weighted, counts=weighting == "person")

    votable = [item.id for item in design.items]
    raters = {g: [] if design.method == "pairwise" else
              [_rater_ranks(design, b, votable) for b in group] for g, group in by_group.items()}
    shown, group_working = {}, {}
    for group in room.groups:  # in the workshop's group order
        if group.id in by_group and group.id not in hidden:
            shown[group.id], group_working[group.id] = _aggregate(
                design, aggregation, [(b, b.voters) for b in by_group[group.id]], counts=True)
    return ExerciseResult(
        exercise=exercise.id, method=design.method, aggregation=aggregation, weighting=weighting,
        group_weights=({g: design.group_weights.get(g, 1.0) for g in by_group}
                       if weighting == "custom" else {}),
        voters=sum(group_voters.values()), items=overall, groups=shown, hidden_groups=hidden,
        turnout=turnout(room, exercise),
        agreement=_agreement(design, [r for g in by_group for r in raters[g]]),
        group_agreement={g: _agreement(design, raters[g]) for g in shown},
        divergence=_divergence(design, shown),
        pairwise=_pairwise_matrix(design, weighted), working=working,
        group_working=group_working)


def _group_factors(exercise: Prioritisation, weighting: str, group_sizes: dict[str, int],
                   hidden: Sequence[str]) -> dict[str, float]:
    """Each group's per-voter (per-answer, in pairwise) weight; see the module docstring.

    The ``hidden`` groups are weighed as one pool holding their weights together, every voter
    of the pool alike: weighed apart, a result by group (or custom) beside the one by person
    would be two different sums over the same groups, from which a hidden group's own answers
    could be worked out (``engine.core.suppression``)."""
    if weighting == "person":
        return dict.fromkeys(group_sizes, 1.0)
    custom = exercise.group_weights if weighting == "custom" else {}
    weight = {g: custom.get(g, 1.0) for g in group_sizes}
    pooled = [g for g in hidden if g in group_sizes]
    pool_factor = (sum(weight[g] for g in pooled) / sum(group_sizes[g] for g in pooled)
                   if pooled else 0.0)
    return {g: pool_factor if g in pooled else weight[g] / n for g, n in group_sizes.items()}


# ---- aggregation: weighted ballots → ranked ItemResults ---------------------------------------

def _aggregate(exercise: Prioritisation, aggregation: str, weighted: Weighted, counts: bool
               ) -> tuple[list[ItemResult], Working]:
    """One aggregation of ``(ballot, weight)`` pairs, and its working; ``counts`` keeps raw bean
    counts."""
    items = [item.id for item in exercise.items]
    found = _MEASURES[aggregation](exercise, items, weighted)
    rows, working = found if isinstance(found, tuple) else (found, Working())
    if not counts:
        for fields in rows.values():
            fields.pop("beans", None)
    ranked = [ItemResult(item=item, rank=0, **rows[item]) for item in items]
    for row, rank in zip(ranked, competition_ranks([row.score for row in ranked])):
        row.rank = rank
    return sorted(ranked, key=lambda row: row.rank), working  # stable: ties keep item order


def _tokens(exercise: Prioritisation, items: list[str], weighted: Weighted) -> Rows:
    """Bean totals and shares: share = the item's weighted beans / all weighted beans."""
    beans = dict.fromkeys(items, 0.0)
    raw = dict.fromkeys(items, 0)
    for ballot, weight in weighted:
        for item_id, count in ballot.answer.beans.items():
            beans[item_id] += count * weight / ballot.voters
            raw[item_id] += count
    placed = sum(beans.values())
    return {i: {"score": _round(beans[i] / placed if placed else 0.0),
                "share": _round(beans[i] / placed if placed else 0.0), "beans": raw[i]}
            for i in items}


def _weighted_means(items: list[str], weighted: Weighted,
                    values: Callable[[Ballot], dict[str, float]]) -> dict[str, float | None]:
    """Per item, the weighted mean of ``values(ballot)[item]`` over the ballots that have it."""
    sums, weights = dict.fromkeys(items, 0.0), dict.fromkeys(items, 0.0)
    for ballot, weight in weighted:
        for item_id, value in values(ballot).items():
            sums[item_id] += value * weight
            weights[item_id] += weight
    return {i: (sums[i] / weights[i] if weights[i] else None) for i in items}


def _importance_urgency(exercise: Prioritisation, items: list[str], weighted: Weighted
                        ) -> Rows:
    """Mean importance and mean urgency per item; score = their product (Guide 2.6)."""
    importance = _weighted_means(items, weighted,
                                 lambda b: {i: r.importance for i, r in b.answer.ratings.items()})
    urgency = _weighted_means(items, weighted,
                              lambda b: {i: r.urgency for i, r in b.answer.ratings.items()})
    rows: Rows = {}
    for i in items:
        imp, urg = _round(importance[i] or 0.0), _round(urgency[i] or 0.0)
        rows[i] = {"score": _round(imp * urg), "importance": imp, "urgency": urg,
                   "quadrant": quadrant(imp, urg) if importance[i] is not None else None}
    return rows


def _matrix_total(exercise: Prioritisation, scores: dict[str, float]) -> float:
    """The criteria's weighted mean of one item's scores, on the exercise's scale; a "lower is
    better" criterion (a cost, a risk) counts reflected: ``minimum + maximum − score``
    (``5 − score`` on 0–5)."""
    scale = exercise.matrix_scale
    total = sum(c.weight * (scale.reflected(scores[c.id]) if c.lower_is_better else scores[c.id])
                for c in exercise.criteria)
    return total / sum(c.weight for c in exercise.criteria)


def _matrix(exercise: Prioritisation, items: list[str], weighted: Weighted) -> Rows:
    """Weighted mean score per criterion, then the criteria's weighted mean (on the scale).

    Scores are added across criteria, never ranks (Chambers 2002: a matrix ranks on criteria,
    then scores). An item nobody scored yet (approved after voting began) has no total and
    ranks last, rather than being credited the best score on "lower is better" criteria.
    """
    means = {c.id: _weighted_means(items, weighted, partial(_criterion_scores, c.id))
             for c in exercise.criteria}
    rows: Rows = {}
    for i in items:
        item_means = {c.id: means[c.id][i] for c in exercise.criteria}
        per_criterion = {c: _round(mean) for c, mean in item_means.items() if mean is not None}
        if len(per_criterion) < len(item_means):
            rows[i] = {"score": 0.0, "criteria": {}}
            continue
        rows[i] = {"score": _round(_matrix_total(exercise, per_criterion)),
                   "criteria": per_criterion}
    return rows


def _criterion_scores(criterion_id: str, ballot: Ballot) -> dict[str, float]:
    """A matrix ballot's score of each item it scored, on one criterion."""
    return {i: s[criterion_id] for i, s in ballot.answer.scores.items()}


def _rankings(weighted: Weighted) -> list[tuple[list[str], float]]:
    return [(list(b.answer.order), w) for b, w in weighted]


def _comparisons(weighted: Weighted) -> list[tuple[str, str, float]]:
    return [(b.answer.choice, b.answer.pair[1] if b.answer.choice == b.answer.pair[0]
             else b.answer.pair[0], w) for b, w in weighted]


def _pairwise_counts(exercise: Prioritisation, items: list[str], weighted: Weighted
                     ) -> dict[str, dict[str, float]]:
    """The pairwise matrix ``d[a][b]`` from rankings or from pairwise answers."""
    if exercise.method == "ranking":
        return sc.pairwise_matrix_rankings(items, _rankings(weighted))
    return sc.pairwise_matrix_comparisons(items, _comparisons(weighted))


def _scored(ranking: list[sc.ItemScore[str]]) -> Rows:
    return {entry.item: {"score": _round(entry.score)} for entry in ranking}


def _no_votes(items: list[str]) -> Rows:
    return {i: {"score": 0.0} for i in items}


def _borda(exercise: Prioritisation, items: list[str], weighted: Weighted
           ) -> tuple[Rows, Working]:
    """Borda count (points n−1 … 0 per ranking, weighted), with how often each item was put
    at each position."""
    if not weighted:
        return _no_votes(items), Working()
    rankings = _rankings(weighted)
    return (_scored(sc.borda_rankings(items, rankings)),
            Working(positions={item: [_round(count) for count in counts] for item, counts
                               in sc.positions_rankings(items, rankings).items()}))


def _copeland(exercise: Prioritisation, items: list[str], weighted: Weighted
              ) -> tuple[Rows, Working]:
    """Copeland: pairwise wins (1), ties (½) and losses (0) in the weighted pairwise matrix,
    with each item's record."""
    counts = _pairwise_counts(exercise, items, weighted)
    records = sc.pairwise_records_matrix(items, counts)
    return (_scored(sc.copeland_matrix(items, counts)),
            Working(copeland={item: CopelandRecord(wins=r.wins, ties=r.ties, losses=r.losses)
                              for item, r in records.items()}))


def _schulze(exercise: Prioritisation, items: list[str], weighted: Weighted,
             strength: str = "winning_votes") -> tuple[Rows, Working]:
    """Schulze (2011), strongest paths over the weighted pairwise matrix, with those paths."""
    found = sc.schulze_matrix(items, _pairwise_counts(exercise, items, weighted), strength)
    paths = {a: {b: _round(value) for b, value in row.items()} for a, row in found.paths.items()}
    return _scored(found.ranking), Working(strength=strength, strongest_paths=paths)


def _wins(exercise: Prioritisation, items: list[str], weighted: Weighted) -> Rows:
    """The PRA pairwise-ranking rule: how many times (weighted) each item was chosen."""
    return _scored(sc.wins_comparisons(items, _comparisons(weighted)))


def _bradley_terry(exercise: Prioritisation, items: list[str], weighted: Weighted
                   ) -> tuple[Rows, Working]:
    """Bradley–Terry (1952) log-strengths: the maximum-likelihood estimate when the wins are
    strongly connected (Ford 1957), else regularised with ``BRADLEY_TERRY_ALPHA`` so that
    perfect records stay finite; which one, and why, in the working."""
    if not weighted:
        return _no_votes(items), Working()
    fit = sc.bradley_terry_fit(items, _comparisons(weighted), alpha=BRADLEY_TERRY_ALPHA)
    working = BradleyTerryWorking(
        estimate="maximum_likelihood" if fit.estimate == "maximum_likelihood" else "regularised",
        alpha=fit.alpha, reason=_bradley_terry_reason(fit.reason),
        reason_items=list(fit.reason_items), regularised_alpha=BRADLEY_TERRY_ALPHA,
        regularised={entry.item: _round(entry.score) for entry in fit.regularised})
    return _scored(fit.ranking), Working(bradley_terry=working)


def _bradley_terry_reason(reason: str | None
                          ) -> Literal["never_lost", "never_won", "no_chain"] | None:
    """``bradley_terry_fit``'s reason, as the result's closed set of values."""
    known: dict[str | None, Literal["never_lost", "never_won", "no_chain"] | None] = {
        None: None, "never_lost": "never_lost", "never_won": "never_won", "no_chain": "no_chain"}
    return known[reason]


_MEASURES: dict[str, Callable[[Prioritisation, list[str], Weighted], Rows | tuple[Rows, Working]]]
_MEASURES = {"tokens": _tokens, "importance-urgency": _importance_urgency, "matrix": _matrix,
             "borda": _borda, "copeland": _copeland, "schulze": _schulze,
             "schulze-margins": partial(_schulze, strength="margins"), "wins": _wins,
             "bradley-terry": _bradley_terry}


def _pairwise_matrix(exercise: Prioritisation, weighted: Weighted
                     ) -> dict[str, dict[str, float]] | None:
    """The weighted pairwise matrix, for the heat map (ranking and pairwise exercises)."""
    if exercise.method not in ("ranking", "pairwise"):
        return None
    items = [item.id for item in exercise.items]
    counts = _pairwise_counts(exercise, items, weighted)
    return {a: {b: _round(counts[a][b]) for b in items if b != a} for a in items}


# ---- agreement and divergence ----------------------------------------------------------------

def _rater_ranks(exercise: Prioritisation, ballot: Ballot, votable: list[str]) -> dict[str, float]:
    """One ballot as a ranking with ties (lower is better), over the items it answered."""
    answer = ballot.answer
    if exercise.method == "ranking":
        return {item: position for position, item in enumerate(answer.order)}
    if exercise.method == "tokens":
        return {i: -answer.beans.get(i, 0) for i in votable}
    if exercise.method == "importance-urgency":
        return {i: -(r.importance * r.urgency) for i, r in answer.ratings.items()}
    return {i: -_matrix_total(exercise, scores) for i, scores in answer.scores.items()}


def _agreement(exercise: Prioritisation, raters: list[dict[str, float]]) -> Agreement | None:
    """Kendall & Babington Smith (1939) W with tie correction, over the items every rater
    ranked; None for pairwise answers, or when W is undefined (one rater, all ties)."""
    if exercise.method == "pairwise" or not raters:
        return None
    answered_by_all = set.intersection(*(set(r) for r in raters))
    common = [i.id for i in exercise.items if i.id in answered_by_all]
    try:
        concordance = sc.kendall_w_ranks(common, [{i: r[i] for i in common} for r in raters])
    except sc.SocialChoiceError:
        return None
    return Agreement(w=_round(concordance.w), chi2=_round(concordance.chi2), df=concordance.df,
                     p_value=_round(concordance.p_value), raters=concordance.raters,
                     reading=concordance.reading,
                     rank_sums={str(i): _round(r) for i, r in concordance.rank_sums.items()},
                     s=_round(concordance.s), tie_correction=_round(concordance.tie_correction),
                     w_uncorrected=_round(concordance.w_uncorrected))


def _divergence(exercise: Prioritisation, shown: dict[str, list[ItemResult]]) -> list[Divergence]:
    """Every pair of shown groups: Kendall's τ_b and Spearman's ρ between their rankings, and
    the three items whose ranks differ most."""
    if len(shown) < 2:
        return []
    items = [item.id for item in exercise.items]
    ranks = {g: {row.item: row.rank for row in rows} for g, rows in shown.items()}
    return [Divergence(group_a=d.group_a, group_b=d.group_b,
                       kendall_tau=None if d.kendall_tau_b is None else _round(d.kendall_tau_b),
                       spearman_rho=None if d.spearman_rho is None else _round(d.spearman_rho),
                       differences=[(x.item, x.rank_a, x.rank_b) for x in d.differences[:3]])
            for d in sc.divergence_ranks(items, ranks)]


def _round(value: float) -> float:
    """Six decimals: what the app, the workbook and the command line all print."""
    return round(float(value), 6)
