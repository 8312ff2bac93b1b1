"""The stakeholder network map (Net-Map; guide 1.1, 2.2, 3.3): actors, flows, relationships.

The facilitator draws the map with the room: the question, the actors (with their HRBA roles),
the links layer by layer; phones rate each actor's influence (0–5) and propose actors and links,
which wait for the facilitator. The analysis (``engine.methods.network``) finds brokers,
isolated actors, conflict blocks, rights holders cut off from duty bearers, and the
power-interest grid. ``design`` holds the models, ``sheets`` and ``table`` what the workbook and
the command line show, ``setup`` the facilitator's tables.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from engine.core import i18n
from engine.core.answers import latest_answers
from engine.core.errors import BallotError, first_problem
from engine.core.exercise import (AnswerChecker, Command, Exercise, ExerciseKind, Ranked,
                                  References, register)
from engine.core.file_format import v1_part
from engine.core.records import Proposal, Room, Shown
from engine.core.samples import SampleRoom
from engine.core.setup import setup_error, unique_id
from engine.core.sheets import Book
from engine.core.types import Labels, label
from engine.exercises.network.design import (STARTER_ACTORS, Influence, Link, MapProposal,
                                             NetworkMap, with_proposal)
from engine.exercises.network.sheets import network_sheets
from engine.exercises.network.table import network_table
from engine.methods.network import MAX_BLOCKS, NetworkAnalysis, analyse
from engine.methods.scales import competition_ranks

__all__ = ["KIND", "StakeholderMap", "MapResult"]


class MapResult(BaseModel):
    """The map's analysis, with the participants' influence scores summarised, and how many
    people rated influence."""

    voters: int
    analysis: NetworkAnalysis

    def influence_towers(self) -> dict[str, int]:
        """Each rated actor's median score as a whole tower (0–5), halves rounded up: what the
        map takes when the facilitator adopts the participants' scores."""
        return {s.actor: int(s.median + 0.5) for s in self.analysis.influence or []
                if s.median is not None}


AUTOMATIC_BLOCKS = "auto"
DEFAULT_BLOCKS = 2  # the two camps of structural balance (Cartwright & Harary 1956)


def _configure(parser: argparse.ArgumentParser) -> None:
    """``--blocks K``: how many blocks to split the signed relationships into, or ``auto``."""
    parser.add_argument(
        "--blocks", choices=[*map(str, range(1, MAX_BLOCKS + 1)), AUTOMATIC_BLOCKS],
        default=str(DEFAULT_BLOCKS), metavar="K",
        help=f"split the actors with conflict or synergy links into at most K blocks "
             f"(1–{MAX_BLOCKS}), or '{AUTOMATIC_BLOCKS}': try each and keep the fewest that "
             f"break the fewest links (default: {DEFAULT_BLOCKS})")


def _run(args: argparse.Namespace, exercise: Exercise, room: Room) -> BaseModel:
    blocks = None if args.blocks == AUTOMATIC_BLOCKS else int(args.blocks)
    return analyse(exercise.design, blocks_k=blocks)


class StakeholderMap(ExerciseKind):
    """The stakeholder network map as an exercise kind."""

    name = "network"
    order = 20
    design_model = NetworkMap
    locale_dir = Path(__file__).parent / "locale"
    commands = (Command("network", "analyse the stakeholder network map", _configure, _run),)

    def new_design(self, lang: str, references: References) -> NetworkMap:
        question = {code: i18n.t("network.default_question", code) for code in i18n.LANGUAGES}
        return NetworkMap(question=question, actors=list(STARTER_ACTORS))

    def targets(self, design: BaseModel) -> Mapping[str, Labels]:
        """A map's actors: what a LIM instrument or an EMP action may name."""
        assert isinstance(design, NetworkMap)
        return {actor.id: actor.label for actor in design.actors}

    def parse_answer(self, data: object) -> Influence:
        return Influence.model_validate(data)

    def answer_checker(self, design: BaseModel, shown: Sequence[Shown]) -> AnswerChecker:
        assert isinstance(design, NetworkMap)
        actors = {actor.id for actor in design.actors}

        def check(answer: Any, participant: str, voters: int, complete: bool) -> None:
            unknown = sorted(set(answer.influence) - actors)
            if unknown:
                raise BallotError("ballot.unknown_actors", actors=", ".join(unknown))

        return check

    def questions(self, answer: Any) -> Mapping[str, object]:
        """Each actor a participant rates is a question of its own."""
        return dict(answer.influence)

    def accepts_proxy(self, design: BaseModel) -> bool:
        """Influence towers are built from phones' scores, not entered for a group."""
        return False

    def parse_proposal(self, data: object) -> MapProposal:
        return MapProposal.model_validate(data)

    def proposal(self, exercise: Exercise, data: Mapping[str, Any], lang: str
                 ) -> tuple[str, BaseModel]:
        """An actor (``{"actor_label": "Gold buyers"}``) or a link (``{"link": {...}}``) that
        could join the map as it stands (no unknown actor, no duplicate link or name)."""
        network: NetworkMap = exercise.design
        taken = {a.id for a in network.actors} | {p.id for p in exercise.proposals}
        try:
            if data.get("actor_label") is not None:
                text = str(data["actor_label"])
                payload = MapProposal.model_validate({"actor": {
                    "id": unique_id(text, taken, "actor"), "label": {lang: text}}})
                name = text
            else:
                link = Link.model_validate(data.get("link"))
                payload = MapProposal(link=link)
                name = f"{link.source}-{link.target}"
            with_proposal(network, payload)
        except ValidationError as error:
            where, problem = first_problem(error)
            raise BallotError("ballot.malformed", where=where or "-", problem=problem) from None
        return unique_id(name, taken, "proposal"), payload

    def proposal_text(self, exercise: Exercise, proposal: Proposal, lang: str) -> str:
        payload: MapProposal = proposal.payload
        if payload.actor is not None:
            return label(payload.actor.label, lang)
        network: NetworkMap = exercise.design
        assert payload.link is not None
        link = payload.link
        ends = [label(network.actor(end).label, lang) if end in {a.id for a in network.actors}
                else end for end in (link.source, link.target)]
        return f"{ends[0]} → {ends[1]}"

    def with_proposal(self, exercise: Exercise, proposal: Proposal) -> BaseModel:
        try:
            return with_proposal(exercise.design, proposal.payload)
        except ValidationError as error:
            raise setup_error(error) from None

    def results(self, exercise: Exercise, room: Room, **options: str) -> MapResult:
        """The map's analysis, with each participant's latest influence score per actor."""
        latest = latest_answers(exercise.ballots, room,
                                lambda ballot: dict(ballot.answer.influence))
        votes = [(actor, score) for per in latest.entries.values()
                 for actor, entries in per.items() for _, score in entries]
        return MapResult(voters=sum(latest.voters.values()),
                         analysis=analyse(exercise.design, votes))

    def ranking(self, exercise: Exercise, result: BaseModel) -> list[Ranked]:
        """The actors participants rated, by their median influence score (highest first; the
        score is the median, 0–5)."""
        assert isinstance(result, MapResult)
        network: NetworkMap = exercise.design
        rated = [s for s in result.analysis.influence or [] if s.median is not None]
        ranks = competition_ranks([float(s.median or 0) for s in rated])
        return sorted((Ranked(id=s.actor, rank=rank, score=s.median,
                              label=network.actor(s.actor).label)
                       for s, rank in zip(rated, ranks)), key=lambda entry: entry.rank)

    def sheets(self, book: Book, exercise: Exercise, room: Room) -> None:
        network_sheets(book, exercise, room)

    def table(self, exercise: Exercise, room: Room, result: BaseModel, lang: str) -> str:
        found = result.analysis if isinstance(result, MapResult) else result
        assert isinstance(found, NetworkAnalysis)
        return network_table(exercise.id, exercise.design, found, lang)

    def from_v1(self, document: dict[str, Any]) -> list[dict[str, Any]]:
        """Version 1's ``network`` (open to phones by ``network_open``), its proposals and the
        participants' ``influence_votes``."""
        waiting = document.pop("network_proposals", None) or []
        exercises = v1_part(document, self.name, design_field="network",
                            ballots_field="influence_votes", answer_field="influence",
                            v1_answer_field="scores", open_field="network_open")
        for exercise in exercises:
            exercise["proposals"] = [
                {"id": p.get("id"), "proposed_by": p.get("proposed_by"),
                 "proposed_at": p.get("proposed_at"),
                 "payload": {key: p[key] for key in ("actor", "link") if p.get(key) is not None}}
                if isinstance(p, dict) else p for p in waiting]
        return exercises

    def sample_exercises(self, sample: SampleRoom) -> list[Exercise]:
        # imported here, so that the app does not load the sample tables
        from engine.exercises.network import samples
        return samples.exercises(sample)


KIND = register(StakeholderMap())
