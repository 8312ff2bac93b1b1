"""The community Environmental Management Plan (guide 2.6): interactions, risks, the action plan.

The facilitator names the land uses and environmental values; phones rate each land use ×
value cell + / N / − one at a time; the room assesses the risk of the negative cells and agrees
actions on the mitigation hierarchy, prioritised by importance and urgency over 3–5 years.
``plan`` holds the models and the three steps' computations, ``sheets`` and ``table`` what the
workbook and the command line show, ``setup`` the facilitator's tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from engine.core.answers import BASIC_WEIGHTINGS
from engine.core.exercise import (AnswerChecker, Command, Exercise, ExerciseKind, Option,
                                  Ranked, References, register)
from engine.core.file_format import v1_part
from engine.core.records import Room, Shown
from engine.core.samples import SampleRoom
from engine.core.sheets import Book
from engine.core.types import label
from engine.exercises.emp.plan import (STARTER_LAND_USES, STARTER_VALUES, EmpResult,
                                       EnvironmentalPlan, Ratings, emp_results,
                                       interaction_checker)
from engine.exercises.emp.sheets import emp_sheets
from engine.exercises.emp.table import emp_table
from engine.methods.scales import competition_ranks

__all__ = ["KIND", "EnvironmentalManagementPlan"]

WEIGHTING = Option("weighting", BASIC_WEIGHTINGS, "results.weighting", "weighting")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--weighting", choices=BASIC_WEIGHTINGS, default="person")


def _run(args: argparse.Namespace, exercise: Exercise, room: Room) -> BaseModel:
    return emp_results(exercise, room, args.weighting)


class EnvironmentalManagementPlan(ExerciseKind):
    """The community EMP as an exercise kind."""

    name = "emp"
    order = 40
    design_model = EnvironmentalPlan
    locale_dir = Path(__file__).parent / "locale"
    option_choices = {"weighting": BASIC_WEIGHTINGS}
    commands = (Command("emp", "print the community EMP: interactions, risks and action plan",
                        _configure, _run),)
    v1_store_parts = {"emp": ("interaction_ballots", "ratings")}

    def new_design(self, lang: str, references: References) -> EnvironmentalPlan:
        return EnvironmentalPlan(land_uses=list(STARTER_LAND_USES), values=list(STARTER_VALUES),
                                 start=dt.date.today())

    def parse_answer(self, data: object) -> Ratings:
        return Ratings.model_validate(data)

    def answer_checker(self, design: BaseModel, shown: Sequence[Shown]) -> AnswerChecker:
        assert isinstance(design, EnvironmentalPlan)
        check_ratings = interaction_checker(design.land_uses, design.values)

        def check(answer: Any, participant: str, voters: int, complete: bool) -> None:
            check_ratings(answer.ratings)

        return check

    def questions(self, answer: Any) -> Mapping[str, object]:
        """Each cell a ballot rates is a question of its own."""
        return dict(answer.ratings)

    def options(self, exercise: Exercise) -> tuple[Option, ...]:
        return (WEIGHTING,)

    def results(self, exercise: Exercise, room: Room, **options: str) -> EmpResult:
        return emp_results(exercise, room, **options)

    def voters(self, result: BaseModel) -> int:
        assert isinstance(result, EmpResult)
        return result.interactions.voters

    def ranking(self, exercise: Exercise, result: BaseModel) -> list[Ranked]:
        """The rated land-use × value interactions, the most harmful first: the score is the
        share who rated it − (0–1), so a part of the room that sees harm where the rest does not
        stands out."""
        assert isinstance(result, EmpResult)
        emp: EnvironmentalPlan = exercise.design
        rated = [cell for cell in result.interactions.cells if cell.voters]
        ranks = competition_ranks([cell.shares["-"] for cell in rated])
        found = []
        for cell, rank in zip(rated, ranks):
            land_use, value = emp.cell(cell.cell)
            languages = {*land_use.label, *value.label}
            found.append(Ranked(
                id=cell.cell, rank=rank, score=cell.shares["-"],
                label={lang: f"{label(land_use.label, lang)} × {label(value.label, lang)}"
                       for lang in sorted(languages)},
                pictogram=land_use.pictogram))
        return sorted(found, key=lambda entry: entry.rank)

    def sheets(self, book: Book, exercise: Exercise, room: Room) -> None:
        emp_sheets(book, exercise, room)

    def table(self, exercise: Exercise, room: Room, result: BaseModel, lang: str) -> str:
        assert isinstance(result, EmpResult)
        return emp_table(exercise, room, result, lang)

    def from_v1(self, document: dict[str, Any]) -> list[dict[str, Any]]:
        """Version 1's ``emp`` (with its ``open`` flag) and ``interaction_ballots``."""
        return v1_part(document, self.name, design_field="emp", ballots_field="interaction_ballots",
                       answer_field="ratings")

    def sample_exercises(self, sample: SampleRoom) -> list[Exercise]:
        # imported here, so that the app does not load the sample tables
        from engine.exercises.emp import samples
        return samples.exercises(sample)


KIND = register(EnvironmentalManagementPlan())
