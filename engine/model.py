"""The workshop file format: a workshop, its stakeholder groups, participants, exercises and ballots.

These pydantic models *are* the format: ``docs/workshop.schema.json`` is generated from them and
``docs/file-format.md`` explains it. A file that validates here is safe for every other module:
ids are unique, every reference (a participant's group, a ballot's participant and items) points
at something that exists, and every ballot obeys its exercise's rules (bean budget, 1–5 scales).

Conventions
-----------
- Ids are short lowercase slugs (``women-crushers``); labels are ``{"en": ..., "fr": ...}``.
- Ballots are listed in the order they were cast and are never edited: a participant who changes
  their vote has a newer ballot, and results use each participant's latest one.
- A *proxy* ballot is a facilitator's entry of a whole group's tally for people without phones
  (the beans on the flipchart); ``voters`` says how many people it stands for.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, Union

from pydantic import (BaseModel, ConfigDict, Field, NonNegativeInt, PositiveInt, StringConstraints,
                      SerializerFunctionWrapHandler, ValidationError, model_serializer,
                      model_validator)

from engine.emp import EnvironmentalPlan, InteractionBallot, interaction_checker
from engine.errors import BallotError, first_problem
from engine.incentives import IncentiveMatrix, ScoreBallot, check_scores
from engine.network import Actor, InfluenceSummary, Link, NetworkMap, aggregate_influence
from engine.types import (MATRIX_SCALE, SCALE, Id, JoinCode, LangCode, Labels,  # noqa: F401
                          MatrixScore, Scale, Text, Token, label)

__all__ = [
    "FORMAT_VERSION", "METHODS", "HRBA_ROLES", "STATUSES", "Labels", "label",
    "Group", "Item", "Criterion", "Participant", "TokenAnswer", "Rating", "ImportanceUrgencyAnswer",
    "RankingAnswer", "PairwiseAnswer", "MatrixAnswer", "Answer", "Ballot", "PairOffer",
    "ExerciseDefinition", "Exercise", "WorkshopSettings", "Workshop", "proxy_token",
    "InfluenceVote", "NetworkProposal",
]

FORMAT_VERSION = 1
METHODS = ("tokens", "importance-urgency", "ranking", "pairwise", "matrix")
Method = Literal["tokens", "importance-urgency", "ranking", "pairwise", "matrix"]
# Ranking and pairwise ballots compare every votable item: a proposed item can join them only
# before the first vote, so all ballots compare the same set.
SAME_ITEMS_FOR_ALL = ("ranking", "pairwise")
HRBA_ROLES = ("rights_holder", "duty_bearer", "other")
STATUSES = ("draft", "open", "closed")


class _Strict(BaseModel):
    """Unknown fields are an error: a typo in a file must not be silently ignored."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def proxy_token(group_id: str) -> str:
    """The fixed participant token under which a group's proxy tally is recorded.

    One per group: entering the tally again replaces it (the newer ballot wins), as correcting
    the count on the flipchart would.
    """
    return f"proxy-{group_id}"


class Group(_Strict):
    """A stakeholder group, with its place in a human-rights-based approach (guide 2.1.1)."""

    id: Id
    label: Labels
    hrba_role: Literal["rights_holder", "duty_bearer", "other"] = "other"
    expected: NonNegativeInt = Field(0, description="Head-count expected in the room.")
    pictogram: str | None = None


class Item(_Strict):
    """Something participants prioritise: an issue, an action.

    An item a participant proposed from a phone has ``proposed_by`` (their group) and stays
    ``approved: false`` until the facilitator approves it: until then nobody can vote on it.
    """

    id: Id
    label: Labels
    pictogram: str | None = Field(
        None, description="An emoji, or a Material icon written :material/name:, shown large.")
    proposed_by: Id | None = Field(None, description="The group of the participant who proposed it.")
    approved: bool = True


class Criterion(_Strict):
    """A criterion of matrix scoring, with its weight; ``lower_is_better`` for costs and risks."""

    id: Id
    label: Labels
    weight: Annotated[float, Field(gt=0, le=100)] = 1.0
    lower_is_better: bool = False


class Participant(_Strict):
    """An anonymous participant: a random token, a group and a language; never a name."""

    token: Token
    group: Id
    language: LangCode
    proxy: bool = False
    joined_at: dt.datetime


class TokenAnswer(_Strict):
    """Bean/token distribution: how many beans each item gets (items left out get none)."""

    method: Literal["tokens"] = "tokens"
    beans: dict[Id, NonNegativeInt]

    def check(self, exercise: ExerciseDefinition, voters: int = 1, complete: bool = True) -> None:
        """Every item known and all beans placed: ``beans`` per voter, no more, no fewer."""
        _check_known_items(self.beans, exercise)
        budget = exercise.beans * voters
        placed = sum(self.beans.values())
        if placed > budget:
            raise BallotError("ballot.over_budget", placed=placed, budget=budget)
        if placed < budget:
            raise BallotError("ballot.under_budget", left=budget - placed, budget=budget)


class Rating(_Strict):
    """One item's importance and urgency, each 1 (low) to 5 (high)."""

    importance: Scale
    urgency: Scale


class ImportanceUrgencyAnswer(_Strict):
    """Importance × urgency scoring (guide 2.6): every item rated on both scales."""

    method: Literal["importance-urgency"] = "importance-urgency"
    ratings: dict[Id, Rating]

    def check(self, exercise: ExerciseDefinition, voters: int = 1, complete: bool = True) -> None:
        """Every item known, and (``complete``: when cast) every votable item rated."""
        _check_known_items(self.ratings, exercise)
        if complete:
            _check_all_answered(self.ratings, exercise)


class RankingAnswer(_Strict):
    """Ranking: the items in order, most important first, each exactly once."""

    method: Literal["ranking"] = "ranking"
    order: list[Id]

    def check(self, exercise: ExerciseDefinition, voters: int = 1, complete: bool = True) -> None:
        """Known items, none twice, and every votable item ranked."""
        seen: set[str] = set()
        for position, item_id in enumerate(self.order):
            if item_id in seen:
                raise BallotError("ballot.duplicate_item", item=item_id, position=position + 1)
            seen.add(item_id)
        _check_known_items(self.order, exercise)
        _check_all_answered(self.order, exercise)


class PairwiseAnswer(_Strict):
    """Pairwise ranking (PRA): of the two items shown, the one that matters more."""

    method: Literal["pairwise"] = "pairwise"
    pair: tuple[Id, Id] = Field(description="The two items as shown, left then right.")
    choice: Id

    def check(self, exercise: ExerciseDefinition, voters: int = 1, complete: bool = True) -> None:
        """Two different known items, and the choice is one of them."""
        _check_known_items(self.pair, exercise)
        if self.pair[0] == self.pair[1]:
            raise BallotError("ballot.same_pair", item=self.pair[0])
        if self.choice not in self.pair:
            raise BallotError("ballot.choice_not_in_pair", choice=self.choice)


class MatrixAnswer(_Strict):
    """Matrix scoring: each item scored 0–5 against each of the exercise's criteria."""

    method: Literal["matrix"] = "matrix"
    scores: dict[Id, dict[Id, MatrixScore]]

    def check(self, exercise: ExerciseDefinition, voters: int = 1, complete: bool = True) -> None:
        """Known items and criteria; (``complete``) every votable item scored on every criterion."""
        _check_known_items(self.scores, exercise)
        criteria = {criterion.id for criterion in exercise.criteria}
        for item_id, scores in self.scores.items():
            unknown = sorted(set(scores) - criteria)
            if unknown:
                raise BallotError("ballot.item_unknown_criteria", item=item_id,
                                  criteria=", ".join(unknown))
            missing = [c.id for c in exercise.criteria if c.id not in scores]
            if missing:
                raise BallotError("ballot.item_missing_criteria", item=item_id,
                                  criteria=", ".join(missing))
        if complete:
            _check_all_answered(self.scores, exercise)


Answer = Annotated[Union[TokenAnswer, ImportanceUrgencyAnswer, RankingAnswer, PairwiseAnswer,
                         MatrixAnswer], Field(discriminator="method")]


def _check_known_items(answered, exercise: ExerciseDefinition) -> None:
    """Every item named exists and is votable (not a proposal waiting for approval)."""
    votable = {item.id for item in exercise.votable_items()}
    unknown = sorted(set(answered) - votable)
    if unknown:
        raise BallotError("ballot.unknown_items", items=", ".join(unknown))


def _check_all_answered(answered, exercise: ExerciseDefinition) -> None:
    missing = [item.id for item in exercise.votable_items() if item.id not in answered]
    if missing:
        raise BallotError("ballot.unrated_items", items=", ".join(missing))


class Ballot(_Strict):
    """One ballot as cast: appended, never changed."""

    participant: Token
    cast_at: dt.datetime
    voters: PositiveInt = Field(1, description="People this ballot stands for (>1 only for proxy).")
    answer: Answer


class ExerciseDefinition(_Strict):
    """What the facilitator sets up: the question, the method and the items."""

    id: Id
    title: Labels
    question: Labels | None = None
    method: Method
    items: Annotated[list[Item], Field(min_length=2)]
    beans: PositiveInt = Field(10, description="Beans per participant (tokens method).")
    criteria: list[Criterion] = Field([], description="Matrix scoring's criteria (matrix only).")
    pairs_per_person: PositiveInt = Field(
        10, description="Pairs offered to each participant (pairwise method).")
    group_weights: dict[Id, Annotated[float, Field(gt=0, le=1000)]] = Field(
        {}, description="Custom weight per group, set before voting opens (custom weighting).")

    @model_validator(mode="after")
    def _consistent(self) -> ExerciseDefinition:
        _require_unique([item.id for item in self.items], "items")
        _require_unique([criterion.id for criterion in self.criteria], "criteria")
        if self.method == "matrix" and not self.criteria:
            raise ValueError("criteria: matrix scoring needs at least one criterion")
        if len(self.votable_items()) < 2:
            raise ValueError("items: at least two approved items are needed")
        return self

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        return next(item for item in self.items if item.id == item_id)

    def votable_items(self) -> list[Item]:
        """The items participants can vote on: every item but proposals not yet approved."""
        return [item for item in self.items if item.approved]


class PairOffer(_Strict):
    """A pair of items the app showed a participant (pairwise method), before they chose."""

    participant: Token
    pair: tuple[Id, Id]
    offered_at: dt.datetime


class Exercise(ExerciseDefinition):
    """An exercise as it ran: its definition, its status and every ballot cast."""

    status: Literal["draft", "open", "closed"] = "draft"
    ballots: list[Ballot] = []
    offers: list[PairOffer] = Field([], description="Pairs shown to participants (pairwise).")

    def definition(self) -> ExerciseDefinition:
        """The set-up part alone, without status, ballots and offers."""
        return ExerciseDefinition(**self.model_dump(include=set(ExerciseDefinition.model_fields)))


class NetworkProposal(_Strict):
    """An actor or a link a participant proposed for the map, waiting for approval.

    Exactly one of ``actor`` and ``link``; the facilitator's approval moves it onto the map.
    """

    id: Id
    proposed_by: Id = Field(description="The proposing participant's group.")
    proposed_at: dt.datetime
    actor: Actor | None = None
    link: Link | None = None

    @model_validator(mode="after")
    def _one_thing(self) -> NetworkProposal:
        if (self.actor is None) == (self.link is None):
            raise ValueError("a proposal is either an actor or a link")
        return self


class WorkshopSettings(_Strict):
    """The workshop itself: what, where, when, who is expected, and who may run it."""

    format_version: Literal[1] = FORMAT_VERSION
    code: JoinCode = Field(description="The short join code participants type or scan.")
    title: Text
    place: Text
    date: dt.date
    language: LangCode = "en"
    fictional: bool = Field(False, description="True for sample workshops: no real people.")
    note: Annotated[str, StringConstraints(max_length=2000)] = ""
    pin_hash: str = Field(description="The facilitator PIN, salted and hashed (PBKDF2-SHA256).")
    small_group_threshold: PositiveInt = Field(
        3, description="A group with fewer voters is never shown on its own (still counted).")
    groups: Annotated[list[Group], Field(min_length=1)]
    network: NetworkMap | None = Field(
        None, description="The stakeholder network map (Net-Map) of the ASM system, if drawn.")
    network_open: bool = Field(
        False, description="Participants may rate influence and propose actors and links.")
    network_proposals: list[NetworkProposal] = Field(
        [], description="Actors and links participants proposed, waiting for the facilitator.")
    lim: IncentiveMatrix | None = Field(
        None, description="The Leverage and Incentives Matrix (guide 3.1), if designed.")
    emp: EnvironmentalPlan | None = Field(
        None, description="The community Environmental Management Plan (guide 2.6), if begun.")

    @model_validator(mode="before")
    @classmethod
    def _parts_first(cls, data: object) -> object:
        """A bad map, LIM or EMP is reported by its own path (``network.links[3].target``).

        Each part checks its references as a whole; left to pydantic, such a problem would be
        reported as ``network`` alone. Validated here first, it is named in full.
        """
        if not isinstance(data, dict):
            return data
        checked = dict(data)
        for name, model in _PARTS.items():
            if isinstance(data.get(name), dict):
                try:
                    checked[name] = model.model_validate(data[name])
                except ValidationError as error:
                    where, problem = first_problem(error)
                    raise ValueError(f"{name}.{where}: {problem}") from None
        return checked

    @model_serializer(mode="wrap")
    def _without_absent_parts(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """A workshop without a map, LIM or EMP is written without that key: older files stay
        the same."""
        data = handler(self)
        if isinstance(data, dict):
            for name in _PARTS:
                if data.get(name, ...) is None:
                    del data[name]
        return data

    @model_validator(mode="after")
    def _unique_groups(self) -> WorkshopSettings:
        _require_unique([group.id for group in self.groups], "groups")
        return self

    def group(self, group_id: str) -> Group:
        """The group with this id."""
        return next(group for group in self.groups if group.id == group_id)


# The optional parts of a workshop that check themselves as a whole (see ``_parts_first``).
_PARTS = {"network": NetworkMap, "lim": IncentiveMatrix, "emp": EnvironmentalPlan}


class InfluenceVote(_Strict):
    """A participant's Net-Map influence towers: 0 (none) … 5 per actor of the map, appended.

    Each participant's latest score for each actor counts.
    """

    participant: Token
    cast_at: dt.datetime
    scores: dict[Id, Annotated[int, Field(ge=0, le=5)]] = Field(min_length=1)


class Workshop(WorkshopSettings):
    """A whole workshop file: settings, participants, and exercises with their ballots."""

    participants: list[Participant] = []
    exercises: list[Exercise] = []
    influence_votes: list[InfluenceVote] = Field(
        [], description="Participants' influence scores for the network map's actors.")
    score_ballots: list[ScoreBallot] = Field(
        [], description="Participants' scores of the LIM's instruments, in the order cast.")
    interaction_ballots: list[InteractionBallot] = Field(
        [], description="Participants' + / N / - ratings of the EMP matrix's cells, in order.")

    @model_validator(mode="after")
    def _references(self) -> Workshop:
        """Every reference points at something that exists; every ballot obeys its exercise."""
        group_ids = {group.id for group in self.groups}
        _require_unique([p.token for p in self.participants], "participants")
        _require_unique([e.id for e in self.exercises], "exercises")
        for index, participant in enumerate(self.participants):
            if participant.group not in group_ids:
                raise ValueError(f"participants[{index}].group: unknown group '{participant.group}'")
        tokens = {p.token for p in self.participants}
        for e_index, exercise in enumerate(self.exercises):
            where = f"exercises[{e_index}]"
            _check_groups_named(exercise, group_ids, where)
            for o_index, offer in enumerate(exercise.offers):
                if offer.participant not in tokens:
                    raise ValueError(f"{where}.offers[{o_index}].participant: unknown participant "
                                     f"'{offer.participant}'")
            offered = {(o.participant, frozenset(o.pair)) for o in exercise.offers}
            for b_index, ballot in enumerate(exercise.ballots):
                _check_ballot(exercise, ballot, tokens, offered, f"{where}.ballots[{b_index}]")
        actors = {a.id for a in self.network.actors} if self.network else set()
        for v_index, vote in enumerate(self.influence_votes):
            where = f"influence_votes[{v_index}]"
            if vote.participant not in tokens:
                raise ValueError(f"{where}.participant: unknown participant '{vote.participant}'")
            unknown = sorted(set(vote.scores) - actors)
            if unknown:
                raise ValueError(f"{where}.scores: unknown actor(s) {', '.join(unknown)}")
        _check_targets(self, group_ids | actors)
        instruments = self.lim.instruments if self.lim else []
        _check_matrix_ballots(self.score_ballots, "score_ballots", tokens,
                              lambda b: check_scores(b.scores, instruments))
        check_ratings = interaction_checker(*((self.emp.land_uses, self.emp.values)
                                              if self.emp else ([], [])))
        _check_matrix_ballots(self.interaction_ballots, "interaction_ballots", tokens,
                              lambda b: check_ratings(b.ratings))
        return self

    def influence_summary(self) -> list[InfluenceSummary]:
        """Per actor of the map, the median and spread of participants' influence scores
        (each participant's latest score for that actor; see ``network.aggregate_influence``)."""
        latest: dict[tuple[str, str], int] = {}
        for vote in self.influence_votes:
            for actor, score in vote.scores.items():
                latest[(vote.participant, actor)] = score
        return aggregate_influence([(actor, score) for (_, actor), score in latest.items()],
                                   self.network)

    def influence_towers(self) -> dict[str, int]:
        """Each rated actor's median influence as a whole tower (0–5), halves rounded up:
        what the map takes when the facilitator adopts the participants' scores."""
        return {s.actor: int(s.median + 0.5) for s in self.influence_summary() if s.votes}

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id."""
        return next(exercise for exercise in self.exercises if exercise.id == exercise_id)

    def settings(self) -> WorkshopSettings:
        """The settings part alone, without participants and exercises."""
        return WorkshopSettings(**self.model_dump(include=set(WorkshopSettings.model_fields)))


def _check_groups_named(exercise: Exercise, group_ids: set[str], where: str) -> None:
    """Custom weights and proposals name groups of the workshop."""
    for group_id in exercise.group_weights:
        if group_id not in group_ids:
            raise ValueError(f"{where}.group_weights: unknown group '{group_id}'")
    for i_index, item in enumerate(exercise.items):
        if item.proposed_by is not None and item.proposed_by not in group_ids:
            raise ValueError(f"{where}.items[{i_index}].proposed_by: unknown group "
                             f"'{item.proposed_by}'")


def _check_targets(workshop: Workshop, known: set[str]) -> None:
    """Each LIM instrument's target is a stakeholder group or an actor of the map."""
    for index, instrument in enumerate(workshop.lim.instruments if workshop.lim else []):
        if instrument.target is not None and instrument.target not in known:
            raise ValueError(f"lim.instruments[{index}].target: '{instrument.target}' is neither "
                             "a group nor an actor of the map")


def _check_matrix_ballots(ballots: list, where: str, tokens: set[str], answers) -> None:
    """LIM or EMP ballots: a known participant, and answers that fit the matrix as it stands
    (``answers(ballot)`` raises ``BallotError`` when they do not)."""
    for index, ballot in enumerate(ballots):
        if ballot.participant not in tokens:
            raise ValueError(f"{where}[{index}].participant: unknown participant "
                             f"'{ballot.participant}'")
        try:
            answers(ballot)
        except BallotError as error:
            raise ValueError(f"{where}[{index}]: {error.rule('en')}") from None


def _check_ballot(exercise: Exercise, ballot: Ballot, tokens: set[str],
                  offered: set[tuple[str, frozenset]], where: str) -> None:
    """A recorded ballot: a known participant, the exercise's method, its rules, a shown pair.

    Completeness is not required: an item approved after a ballot was cast is simply not in it.
    """
    if ballot.participant not in tokens:
        raise ValueError(f"{where}.participant: unknown participant '{ballot.participant}'")
    if ballot.answer.method != exercise.method:
        raise ValueError(f"{where}.answer: a '{ballot.answer.method}' answer in a "
                         f"'{exercise.method}' exercise")
    try:
        ballot.answer.check(exercise, ballot.voters, complete=False)
    except BallotError as error:
        raise ValueError(f"{where}.answer: {error.rule('en')}") from None
    if (exercise.method == "pairwise"
            and (ballot.participant, frozenset(ballot.answer.pair)) not in offered):
        raise ValueError(f"{where}.answer.pair: this pair was never shown to this participant")


def _require_unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise ValueError(f"{where}[{index}]: duplicate id '{item_id}'")
        seen.add(item_id)
