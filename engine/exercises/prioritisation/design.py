"""A prioritisation's design and answers: the items, the method, and what each ballot holds.

Five methods from the guide (3.1, 2.6) and PRA practice: ``tokens`` (spread beans),
``importance-urgency`` (rate each item 1–5 on both), ``ranking`` (order the items),
``pairwise`` (of two items shown, the one that matters more) and ``matrix`` (score each item
against weighted criteria, on the exercise's scale: 0–5 in whole points unless set otherwise).
An item a participant proposed from a phone waits as the exercise's proposal until the
facilitator approves it; then it is an item like any other, its ``proposed_by`` saying which
group proposed it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Annotated, Literal

from pydantic import Field, NonNegativeInt, PositiveInt, field_validator, model_validator

from engine.core.errors import BallotError
from engine.core.records import Strict
from engine.core.types import Id, Labels, Scale
from engine.methods.scales import on_scale, scale_points

__all__ = ["METHODS", "Method", "MATRIX_SCALE", "MATRIX_STEPS", "SAME_ITEMS_FOR_ALL", "Item",
           "Criterion", "MatrixScale", "TokenAnswer", "Rating", "ImportanceUrgencyAnswer",
           "RankingAnswer", "PairwiseAnswer", "MatrixAnswer", "Answer", "Prioritisation",
           "ItemProposal", "STARTER_ISSUES", "STARTER_CRITERIA"]

METHODS = ("tokens", "importance-urgency", "ranking", "pairwise", "matrix")
Method = Literal["tokens", "importance-urgency", "ranking", "pairwise", "matrix"]
MATRIX_SCALE = (0, 5)  # matrix scoring's default: 0 (none) … 5 (very much), whole points
MATRIX_STEPS = (1, 0.5)  # whole points or halves
MATRIX_LIMITS = (0, 100)  # the widest scale a facilitator may set
# Any number a scale could allow; the exercise's own scale is checked with the ballot.
MatrixScore = Annotated[int | float, Field(ge=MATRIX_LIMITS[0], le=MATRIX_LIMITS[1])]
# Ranking and pairwise ballots compare every item: a proposed item can join them only before
# the first vote, so all ballots compare the same set.
SAME_ITEMS_FOR_ALL = ("ranking", "pairwise")


class Item(Strict):
    """Something participants prioritise: an issue, an action. ``proposed_by`` is the group of
    the participant who proposed it from a phone, if one did."""

    id: Id
    label: Labels
    pictogram: str | None = Field(
        None, description="An emoji, or a Material icon written :material/name:, shown large.")
    proposed_by: Id | None = Field(
        None, description="The group of the participant who proposed it.")


class Criterion(Strict):
    """A criterion of matrix scoring, with its weight; ``lower_is_better`` for costs and risks."""

    id: Id
    label: Labels
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    lower_is_better: bool = False


class MatrixScale(Strict):
    """Matrix scoring's scale: scores run from ``minimum`` to ``maximum`` in whole points
    (``step`` 1) or halves (``step`` 0.5). The default, 0–5 in whole points, is the scale every
    exercise had before the scale could be set. PRA matrices are often scored with 0–10 stones
    or on 1–3."""

    minimum: Annotated[int, Field(ge=MATRIX_LIMITS[0], le=MATRIX_LIMITS[1])] = MATRIX_SCALE[0]
    maximum: Annotated[int, Field(ge=MATRIX_LIMITS[0], le=MATRIX_LIMITS[1])] = MATRIX_SCALE[1]
    step: int | float = Field(1, json_schema_extra={"enum": list(MATRIX_STEPS)},
                        description="1 (whole points) or 0.5 (halves).")

    @field_validator("step")
    @classmethod
    def _whole_or_halves(cls, step: int | float) -> int | float:
        if step not in MATRIX_STEPS:
            raise ValueError(f"must be 1 (whole points) or 0.5 (halves), got {step:g}")
        return step

    @model_validator(mode="after")
    def _ordered(self) -> MatrixScale:
        if self.maximum <= self.minimum:
            raise ValueError(f"maximum: {self.maximum} must be above the minimum "
                             f"({self.minimum})")
        return self

    def points(self) -> list[float]:
        """Every score the scale allows, lowest first (whole points as ``int``): what a phone
        offers, ``[0, 1, 2, 3, 4, 5]`` by default."""
        return scale_points(self.minimum, self.maximum, self.step)

    def allows(self, score: float) -> bool:
        """Whether ``score`` is one of :meth:`points`."""
        return on_scale(score, self.minimum, self.maximum, self.step)

    def reflected(self, score: float) -> float:
        """A score read the other way round (a "lower is better" criterion): the minimum for
        the maximum and the maximum for the minimum; 5 − score on 0–5."""
        return self.minimum + self.maximum - score


class TokenAnswer(Strict):
    """Bean/token distribution: how many beans each item gets (items left out get none)."""

    method: Literal["tokens"] = "tokens"
    beans: dict[Id, NonNegativeInt]

    def check(self, exercise: Prioritisation, voters: int = 1, complete: bool = True) -> None:
        """Every item known and all beans placed: ``beans`` per voter, no more, no fewer."""
        _check_known_items(self.beans, exercise)
        budget = exercise.beans * voters
        placed = sum(self.beans.values())
        if placed > budget:
            raise BallotError("ballot.over_budget", placed=placed, budget=budget)
        if placed < budget:
            raise BallotError("ballot.under_budget", left=budget - placed, budget=budget)


class Rating(Strict):
    """One item's importance and urgency, each 1 (low) to 5 (high)."""

    importance: Scale
    urgency: Scale


class ImportanceUrgencyAnswer(Strict):
    """Importance × urgency scoring (guide 2.6): every item rated on both scales."""

    method: Literal["importance-urgency"] = "importance-urgency"
    ratings: dict[Id, Rating]

    def check(self, exercise: Prioritisation, voters: int = 1, complete: bool = True) -> None:
        """Every item known, and (``complete``: when cast) every item rated."""
        _check_known_items(self.ratings, exercise)
        if complete:
            _check_all_answered(self.ratings, exercise)


class RankingAnswer(Strict):
    """Ranking: the items in order, most important first, each exactly once."""

    method: Literal["ranking"] = "ranking"
    order: list[Id]

    def check(self, exercise: Prioritisation, voters: int = 1, complete: bool = True) -> None:
        """Known items, none twice, and every item ranked."""
        seen: set[str] = set()
        for position, item_id in enumerate(self.order):
            if item_id in seen:
                raise BallotError("ballot.duplicate_item", item=item_id, position=position + 1)
            seen.add(item_id)
        _check_known_items(self.order, exercise)
        _check_all_answered(self.order, exercise)


class PairwiseAnswer(Strict):
    """Pairwise ranking (PRA): of the two items shown, the one that matters more."""

    method: Literal["pairwise"] = "pairwise"
    pair: tuple[Id, Id] = Field(description="The two items as shown, left then right.")
    choice: Id

    def check(self, exercise: Prioritisation, voters: int = 1, complete: bool = True) -> None:
        """Two different known items, and the choice is one of them."""
        _check_known_items(self.pair, exercise)
        if self.pair[0] == self.pair[1]:
            raise BallotError("ballot.same_pair", item=self.pair[0])
        if self.choice not in self.pair:
            raise BallotError("ballot.choice_not_in_pair", choice=self.choice)


class MatrixAnswer(Strict):
    """Matrix scoring: each item scored against each of the exercise's criteria, on the
    exercise's ``matrix_scale``."""

    method: Literal["matrix"] = "matrix"
    # Mappings, not dicts: a sample's whole-point scores (``dict[str, int]``) fit them too.
    scores: Mapping[Id, Mapping[Id, MatrixScore]]

    def check(self, exercise: Prioritisation, voters: int = 1, complete: bool = True) -> None:
        """Known items and criteria, every score on the exercise's scale; (``complete``) every
        item scored on every criterion."""
        _check_known_items(self.scores, exercise)
        criteria = {criterion.id for criterion in exercise.criteria}
        scale = exercise.matrix_scale
        for item_id, scores in self.scores.items():
            unknown = sorted(set(scores) - criteria)
            if unknown:
                raise BallotError("ballot.item_unknown_criteria", item=item_id,
                                  criteria=", ".join(unknown))
            missing = [c.id for c in exercise.criteria if c.id not in scores]
            if missing:
                raise BallotError("ballot.item_missing_criteria", item=item_id,
                                  criteria=", ".join(missing))
            for criterion_id, score in scores.items():
                if not scale.allows(score):
                    raise BallotError(
                        "ballot.off_scale", item=item_id, criterion=criterion_id,
                        score=f"{score:g}", minimum=scale.minimum, maximum=scale.maximum,
                        step=f"{scale.step:g}")
        if complete:
            _check_all_answered(self.scores, exercise)


Answer = Annotated[TokenAnswer | ImportanceUrgencyAnswer | RankingAnswer | PairwiseAnswer
                   | MatrixAnswer, Field(discriminator="method")]


def _check_known_items(answered: Iterable[str], exercise: Prioritisation) -> None:
    """Every item named exists."""
    known = {item.id for item in exercise.items}
    unknown = sorted(set(answered) - known)
    if unknown:
        raise BallotError("ballot.unknown_items", items=", ".join(unknown))


def _check_all_answered(answered: Iterable[str], exercise: Prioritisation) -> None:
    missing = [item.id for item in exercise.items if item.id not in answered]
    if missing:
        raise BallotError("ballot.unrated_items", items=", ".join(missing))


class Prioritisation(Strict):
    """What the facilitator sets up: the question, the method and the items."""

    question: Labels | None = None
    method: Method
    items: Annotated[list[Item], Field(min_length=2)]
    beans: PositiveInt = Field(10, description="Beans per participant (tokens method).")
    criteria: list[Criterion] = Field([], description="Matrix scoring's criteria (matrix only).")
    pairs_per_person: PositiveInt = Field(
        10, description="Pairs offered to each participant (pairwise method).")
    matrix_scale: MatrixScale = Field(
        MatrixScale(), description="Matrix scoring's scale (matrix only): 0–5 in whole points "
                                   "unless set.")
    group_weights: dict[Id, Annotated[float, Field(gt=0, le=1000)]] = Field(
        {}, description="Custom weight per group, set before voting opens (custom weighting).")

    @model_validator(mode="after")
    def _consistent(self) -> Prioritisation:
        _require_unique([item.id for item in self.items], "items")
        _require_unique([criterion.id for criterion in self.criteria], "criteria")
        if self.method == "matrix" and not self.criteria:
            raise ValueError("criteria: matrix scoring needs at least one criterion")
        return self

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        return next(item for item in self.items if item.id == item_id)


class ItemProposal(Strict):
    """An item a participant proposed from a phone, waiting for the facilitator's approval."""

    item: Item


def _require_unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise ValueError(f"{where}[{index}]: duplicate id '{item_id}'")
        seen.add(item_id)


# Criteria for matrix scoring, as a starting point: what it would take to act on each issue.
STARTER_CRITERIA = [
    Criterion(id="harm", label={"en": "Harm to people and nature",
                                "fr": "Tort aux personnes et à la nature"}),
    Criterion(id="people-affected", label={"en": "Number of people affected",
                                           "fr": "Nombre de personnes touchées"}),
    Criterion(id="cost-to-act", label={"en": "Cost of acting", "fr": "Coût de l'action"},
              lower_is_better=True),
]

# Key environmental and social issues the guide names (1.2, 1.3, 2.3), as a starting point.
STARTER_ISSUES = [
    Item(id="mercury", label={"en": "Mercury use in gold amalgamation",
                              "fr": "Utilisation du mercure pour l'amalgamation"}, pictogram="☠️"),
    Item(id="river-siltation", label={"en": "River siltation and water pollution",
                                      "fr": "Ensablement et pollution des rivières"},
         pictogram="💧"),
    Item(id="forest-clearance", label={"en": "Forest clearance", "fr": "Défrichement de la forêt"},
         pictogram="🌳"),
    Item(id="protected-area", label={"en": "Mining inside the protected area",
                                     "fr": "Exploitation dans l'aire protégée"}, pictogram="🦁"),
    Item(id="child-labour", label={"en": "Child labour", "fr": "Travail des enfants"},
         pictogram="🚸"),
    Item(id="gender-violence", label={"en": "Gender-based violence and harassment",
                                      "fr": "Violences basées sur le genre et harcèlement"},
         pictogram="🚺"),
    Item(id="land-conflict", label={"en": "Land-use conflict with farmers and herders",
                                    "fr": "Conflits fonciers avec agriculteurs et éleveurs"},
         pictogram="🐄"),
    Item(id="no-licences", label={"en": "No licences: mining stays informal",
                                  "fr": "Pas de permis : l'orpaillage reste informel"},
         pictogram="📄"),
    Item(id="no-credit", label={"en": "No access to credit", "fr": "Pas d'accès au crédit"},
         pictogram="💰"),
]


