"""The Rehabilitation Action Plan (guide 2.4–2.5): the FRM's five phases, costed, voted, signed off.

The facilitator sets up the plan: the site, the tasks of each FRM phase with their quantities,
methods, who and when, the unit rates and costs, the topsoil to conserve, the species, the
future land uses, the handover record. The engine turns it into effort and cost per phase and in
all, a timeline by month and the Whole Mine Cycle saving; phones vote on the future land use and
rate the plan's social acceptability, counted per group. ``design`` holds the models and rules,
``estimate`` the arithmetic, ``results`` the results, ``sheets``, ``table`` and ``document``
what the workbook, the command line and the printed plan show, ``setup`` the set-up tables,
``starter`` the guide's plan to start from.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from engine.core.errors import BallotError
from engine.core.exercise import (AnswerChecker, Command, Exercise, ExerciseKind, Ranked,
                                  References, register)
from engine.core.records import Room, Shown
from engine.core.samples import SampleRoom
from engine.core.sheets import Book
from engine.exercises.rehabilitation.design import RehabilitationPlan, Vote
from engine.exercises.rehabilitation.document import plan_document
from engine.exercises.rehabilitation.results import (RehabilitationResult,
                                                     rehabilitation_results)
from engine.exercises.rehabilitation.sheets import rehabilitation_sheets
from engine.exercises.rehabilitation.starter import starter_plan
from engine.methods.scales import competition_ranks
from engine.exercises.rehabilitation.table import rehabilitation_table

__all__ = ["KIND", "RehabilitationActionPlan"]


def _configure(parser: argparse.ArgumentParser) -> None:
    """The command takes no options of its own."""


def _run(args: argparse.Namespace, exercise: Exercise, room: Room) -> BaseModel:
    return rehabilitation_results(exercise, room)


class RehabilitationActionPlan(ExerciseKind):
    """The Rehabilitation Action Plan as an exercise kind."""

    name = "rehabilitation"
    order = 45  # after the EMP, which a RAP is best submitted as part of (guide 2.5)
    design_model = RehabilitationPlan
    locale_dir = Path(__file__).parent / "locale"
    commands = (Command("rap", "print the rehabilitation action plan: effort, cost and topsoil "
                               "per phase, the whole-mine-cycle saving and the room's votes",
                        _configure, _run),)
    has_document = True

    def new_design(self, lang: str, references: References) -> RehabilitationPlan:
        """The guide's plan, starting on the first day of next month."""
        today = dt.date.today()
        return starter_plan(lang, today.replace(day=28) + dt.timedelta(days=4))

    def parse_answer(self, data: object) -> Vote:
        return Vote.model_validate(data)

    def answer_checker(self, design: BaseModel, shown: Sequence[Shown]) -> AnswerChecker:
        assert isinstance(design, RehabilitationPlan)
        known = {option.id for option in design.land_uses}

        def check(answer: Any, participant: str, voters: int, complete: bool) -> None:
            if answer.land_use not in known:
                raise BallotError("rehabilitation.unknown_land_use", land_use=answer.land_use)

        return check

    def results(self, exercise: Exercise, room: Room, **options: str) -> RehabilitationResult:
        return rehabilitation_results(exercise, room)

    def ranking(self, exercise: Exercise, result: BaseModel) -> list[Ranked]:
        """The future land uses by the votes they had (the score: their share of the voters);
        an option nobody chose is not ranked."""
        assert isinstance(result, RehabilitationResult)
        plan: RehabilitationPlan = exercise.design
        chosen = [option for option in result.votes.land_uses if option.votes]
        ranks = competition_ranks([float(option.votes) for option in chosen])
        named = {option.id: option for option in plan.land_uses}
        return sorted((Ranked(id=option.land_use, rank=rank, score=option.share,
                              label=named[option.land_use].label,
                              pictogram=named[option.land_use].pictogram)
                       for option, rank in zip(chosen, ranks)), key=lambda entry: entry.rank)

    def sheets(self, book: Book, exercise: Exercise, room: Room) -> None:
        rehabilitation_sheets(book, exercise, room)

    def table(self, exercise: Exercise, room: Room, result: BaseModel, lang: str) -> str:
        assert isinstance(result, RehabilitationResult)
        return rehabilitation_table(exercise, room, result, lang)

    def document(self, exercise: Exercise, room: Room, lang: str) -> str:
        return plan_document(exercise, room, rehabilitation_results(exercise, room), lang)

    def sample_exercises(self, sample: SampleRoom) -> list[Exercise]:
        # imported here, so that the app does not load the sample plans
        from engine.exercises.rehabilitation import samples
        return samples.exercises(sample)


KIND = register(RehabilitationActionPlan())
