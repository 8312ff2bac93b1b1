"""Participatory prioritisation (guide 3.1, 2.6): which issues or actions matter most, and to whom.

Participants spread beans, rate importance × urgency, rank, answer pairs (the PRA pairwise
ranking) or score against weighted criteria; the results count them by Borda, Copeland,
Schulze or Bradley–Terry, by group, with Kendall's W and where groups diverge. Participants may
propose items, which wait for the facilitator. ``design`` holds the models, ``results`` the
counting, ``sheets`` and ``table`` what the workbook and the command line show, ``setup`` the
facilitator's tables.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, TypeAdapter, ValidationError

from engine.core.answers import BASIC_WEIGHTINGS, WEIGHTINGS
from engine.core.errors import BallotError, SetupError, first_problem
from engine.core.exercise import (AnswerChecker, Exercise, ExerciseKind, Option, Ranked,
                                  References, register)
from engine.core.records import Proposal, Room, Shown
from engine.core.samples import SampleRoom
from engine.core.setup import unique_id
from engine.core.sheets import Book
from engine.core.types import label
from engine.exercises.prioritisation.design import (SAME_ITEMS_FOR_ALL, Answer, Item,
                                                    ItemProposal, PairwiseAnswer, Prioritisation)
from engine.exercises.prioritisation.results import AGGREGATIONS, ExerciseResult, results
from engine.exercises.prioritisation.setup import new_prioritisation
from engine.exercises.prioritisation.sheets import prioritisation_sheets
from engine.exercises.prioritisation.table import prioritisation_csv_rows, prioritisation_table
from engine.methods.social_choice import next_pair

__all__ = ["KIND", "PrioritisationKind"]

_answer: TypeAdapter[Answer] = TypeAdapter(Answer)
# The fields of a version-1 exercise that became the design's.
_V1_DESIGN = ("question", "method", "beans", "criteria", "pairs_per_person", "group_weights")
_V1_KNOWN = {"id", "title", "status", "items", "ballots", "offers", *_V1_DESIGN}


def _other(answer: PairwiseAnswer) -> str:
    """The item of the pair that was not chosen."""
    return answer.pair[1] if answer.choice == answer.pair[0] else answer.pair[0]


class PrioritisationKind(ExerciseKind):
    """Participatory prioritisation as an exercise kind."""

    name = "prioritisation"
    order = 10
    design_model = Prioritisation
    locale_dir = Path(__file__).parent / "locale"
    option_choices = {"method": tuple(dict.fromkeys(a for choices in AGGREGATIONS.values()
                                                    for a in choices)),
                      "weighting": WEIGHTINGS}

    def new_design(self, lang: str, references: References) -> Prioritisation:
        return new_prioritisation("tokens")

    def check_references(self, design: BaseModel, references: References) -> None:
        """Custom weights and proposed items name groups of the workshop."""
        assert isinstance(design, Prioritisation)
        for group_id in design.group_weights:
            if group_id not in references.groups:
                raise SetupError("setup.invalid", where="group_weights",
                                 problem=f"unknown group '{group_id}'")
        for index, item in enumerate(design.items):
            if item.proposed_by is not None and item.proposed_by not in references.groups:
                raise SetupError("setup.invalid", where=f"items[{index}].proposed_by",
                                 problem=f"unknown group '{item.proposed_by}'")

    def check_change(self, exercise: Exercise, design: BaseModel) -> None:
        """Custom group weights are part of the rules of a vote: fixed once voting opens."""
        assert isinstance(design, Prioritisation)
        started = exercise.ballots or exercise.status != "draft"
        if started and design.group_weights != exercise.design.group_weights:
            raise SetupError("setup.weights_locked", exercise=exercise.id)

    def parse_answer(self, data: object) -> BaseModel:
        return _answer.validate_python(data)

    def answer_checker(self, design: BaseModel, shown: Sequence[Shown]) -> AnswerChecker:
        """The method's rules (a bean budget, every item rated…); in a pairwise ranking, only a
        pair the app showed the participant can be answered."""
        assert isinstance(design, Prioritisation)
        offered = {(s.participant, frozenset(s.payload.get("pair", ()))) for s in shown}

        def check(answer: Any, participant: str, voters: int, complete: bool) -> None:
            if answer.method != design.method:
                raise BallotError("ballot.wrong_method", method=answer.method)
            answer.check(design, voters, complete)
            if design.method == "pairwise" and (participant, frozenset(answer.pair)) not in offered:
                raise BallotError("ballot.pair_not_offered")

        return check

    def questions(self, answer: Any) -> Mapping[str, object]:
        """A pairwise answer answers its pair; any other ballot, the whole exercise."""
        if isinstance(answer, PairwiseAnswer):
            return {"|".join(sorted(answer.pair)): answer}
        return {"": answer}

    def accepts_proxy(self, design: BaseModel) -> bool:
        """A flipchart tally can stand for a group, except in a pairwise ranking, where each
        answer is one person's to a pair the app showed them."""
        assert isinstance(design, Prioritisation)
        return design.method != "pairwise"

    def next_to_show(self, exercise: Exercise, participant: str, rng: random.Random
                     ) -> dict[str, Any] | None:
        """In a pairwise ranking, the pair this participant answers next: the pair they were
        shown and have not answered yet (unless the facilitator has since removed one of its
        items), else a new one chosen adaptively (``social_choice.next_pair``: items compared
        least so far first, never a pair they already answered), until they have answered
        ``pairs_per_person`` pairs or seen all."""
        design: Prioritisation = exercise.design
        if design.method != "pairwise":
            return None
        items = {item.id for item in design.items}
        answered = {frozenset(b.answer.pair) for b in exercise.ballots
                    if b.participant == participant}
        mine = [tuple(s.payload["pair"]) for s in exercise.shown if s.participant == participant]
        waiting = [pair for pair in mine if frozenset(pair) not in answered and set(pair) <= items]
        if waiting:
            return {"pair": list(waiting[-1])}
        if len(answered) >= design.pairs_per_person:
            return None
        comparisons = [(b.answer.choice, _other(b.answer), b.voters) for b in exercise.ballots]
        pair = next_pair([i.id for i in design.items], comparisons,
                         [tuple(p) for p in answered], rng)
        return None if pair is None else {"pair": list(pair)}

    def parse_proposal(self, data: object) -> ItemProposal:
        return ItemProposal.model_validate(data)

    def proposal(self, exercise: Exercise, data: Mapping[str, Any], lang: str
                 ) -> tuple[str, BaseModel]:
        """An item (``{"text": "Fence the open pits"}``), with an id no item has."""
        design: Prioritisation = exercise.design
        text = str(data.get("text", ""))
        taken = {item.id for item in design.items} | {p.id for p in exercise.proposals}
        try:
            item = Item(id=unique_id(text, taken, "item"), label={lang: text})
        except ValidationError as error:
            where, problem = first_problem(error)
            raise BallotError("ballot.malformed", where=where or "-", problem=problem) from None
        return item.id, ItemProposal(item=item)

    def proposal_text(self, exercise: Exercise, proposal: Proposal, lang: str) -> str:
        return label(proposal.payload.item.label, lang)

    def with_proposal(self, exercise: Exercise, proposal: Proposal) -> BaseModel:
        """The design with the proposed item, by the proposing group; in a ranking or pairwise
        ranking only before the first vote, so every ballot compares the same items."""
        design: Prioritisation = exercise.design
        if design.method in SAME_ITEMS_FOR_ALL and exercise.ballots:
            raise SetupError("setup.approve_before_votes")
        item = proposal.payload.item.model_copy(update={"proposed_by": proposal.proposed_by})
        return design.model_copy(update={"items": [*design.items, item]})

    def options(self, exercise: Exercise) -> tuple[Option, ...]:
        """The counting method (the first, the method's usual one) and the weighting (custom
        only when the exercise has group weights)."""
        design: Prioritisation = exercise.design
        return (Option("method", AGGREGATIONS[design.method], "results.aggregation",
                       "aggregation"),
                Option("weighting", WEIGHTINGS if design.group_weights else BASIC_WEIGHTINGS,
                       "results.weighting", "weighting"))

    def results(self, exercise: Exercise, room: Room, **options: str) -> ExerciseResult:
        return results(exercise, room, options.get("weighting", "person"), options.get("method"))

    def ranking(self, exercise: Exercise, result: BaseModel) -> list[Ranked]:
        """Every item, by its rank under the result's aggregation (its score: the share of beans,
        the importance × urgency product, the points…)."""
        assert isinstance(result, ExerciseResult)
        design: Prioritisation = exercise.design
        return [Ranked(id=row.item, rank=row.rank, score=row.score,
                       label=design.item(row.item).label,
                       pictogram=design.item(row.item).pictogram) for row in result.items]

    def sheets(self, book: Book, exercise: Exercise, room: Room) -> None:
        prioritisation_sheets(book, exercise, room)

    def table(self, exercise: Exercise, room: Room, result: BaseModel, lang: str) -> str:
        assert isinstance(result, ExerciseResult)
        return prioritisation_table(exercise, room, result, lang)

    def csv_rows(self, exercise: Exercise, room: Room, result: BaseModel, lang: str
                 ) -> list[dict[str, object]]:
        assert isinstance(result, ExerciseResult)
        return prioritisation_csv_rows(exercise, room, result, lang)

    def from_v1(self, document: dict[str, Any]) -> list[dict[str, Any]]:
        """Version 1's ``exercises``: each one's set-up became its design; its ``offers`` what
        was shown; its items not yet approved, its proposals."""
        found = document.pop("exercises", None)
        if not isinstance(found, list):
            return [] if found is None else [found]
        return [self._from_v1(exercise) if isinstance(exercise, dict) else exercise
                for exercise in found]

    def _from_v1(self, exercise: dict[str, Any]) -> dict[str, Any]:
        items = exercise.get("items")
        design: dict[str, Any] = {field: exercise[field] for field in _V1_DESIGN
                                  if field in exercise}
        proposals = []
        if isinstance(items, list):
            design["items"] = []
            for item in items:
                if not isinstance(item, dict) or item.get("approved", True):
                    design["items"].append(
                        {k: v for k, v in item.items() if k != "approved"}
                        if isinstance(item, dict) else item)
                else:
                    proposals.append({"id": item.get("id"), "proposed_by": item.get("proposed_by"),
                                      "payload": {"item": {k: v for k, v in item.items()
                                                           if k in ("id", "label", "pictogram")}}})
        else:
            design["items"] = items
        # Fields version 1 did not know are kept, for validation to name.
        unknown = {k: v for k, v in exercise.items() if k not in _V1_KNOWN}
        return {**unknown, "id": exercise.get("id"), "kind": self.name,
                "title": exercise.get("title"), "status": exercise.get("status", "draft"),
                "design": design, "ballots": exercise.get("ballots", []),
                "shown": [{"participant": o.get("participant"), "shown_at": o.get("offered_at"),
                           "payload": {"pair": o.get("pair")}} if isinstance(o, dict) else o
                          for o in exercise.get("offers", [])],
                "proposals": proposals}

    def sample_exercises(self, sample: SampleRoom) -> list[Exercise]:
        # imported here, so that the app does not load the sample tables
        from engine.exercises.prioritisation import samples
        return samples.exercises(sample)


KIND = register(PrioritisationKind())
