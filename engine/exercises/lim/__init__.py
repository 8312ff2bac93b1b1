"""The Leverage and Incentives Matrix (guide 3.1): instruments scored on leverage, effect and risk.

The facilitator writes the instruments (incentives and disincentives, with their non-negotiable
conditions) and the composite's weights; phones score one instrument at a time, 1–5 on leverage,
effectiveness, and the likelihood and severity of unintended consequences; the results rank the
instruments by a composite score, gate those with unmet conditions, and show where groups
disagree. ``design`` holds the models, ``results`` the counting, ``sheets`` and ``table`` what
the workbook and the command line show, ``setup`` the facilitator's tables.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from engine.core.answers import BASIC_WEIGHTINGS
from engine.core.errors import SetupError
from engine.core.exercise import (AnswerChecker, Command, Exercise, ExerciseKind, Option,
                                  Ranked, References, register)
from engine.core.file_format import v1_part
from engine.core.records import Room, Shown
from engine.core.samples import SampleRoom
from engine.core.sheets import Book
from engine.exercises.lim.design import STARTER_INSTRUMENTS, IncentiveMatrix, Scores, check_scores
from engine.exercises.lim.results import IncentiveResult, incentive_results
from engine.exercises.lim.sheets import lim_sheets
from engine.exercises.lim.table import lim_table

__all__ = ["KIND", "LeverageAndIncentives"]

WEIGHTING = Option("weighting", BASIC_WEIGHTINGS, "results.weighting", "weighting")


def _configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--weighting", choices=BASIC_WEIGHTINGS, default="person")


def _run(args: argparse.Namespace, exercise: Exercise, room: Room) -> BaseModel:
    return incentive_results(exercise, room, args.weighting)


class LeverageAndIncentives(ExerciseKind):
    """The Leverage and Incentives Matrix as an exercise kind."""

    name = "lim"
    order = 30
    design_model = IncentiveMatrix
    locale_dir = Path(__file__).parent / "locale"
    option_choices = {"weighting": BASIC_WEIGHTINGS}
    commands = (Command("lim", "print the Leverage and Incentives Matrix's ranking", _configure,
                        _run),)
    v1_store_parts = {"lim": ("score_ballots", "scores")}

    def new_design(self, lang: str, references: References) -> IncentiveMatrix:
        return IncentiveMatrix(instruments=list(STARTER_INSTRUMENTS))

    def check_references(self, design: BaseModel, references: References) -> None:
        """Each instrument's target is a stakeholder group or an actor of a map."""
        assert isinstance(design, IncentiveMatrix)
        for index, instrument in enumerate(design.instruments):
            target = instrument.target
            if target is not None and target not in references.groups \
                    and target not in references.targets:
                raise SetupError("setup.invalid", where=f"instruments[{index}].target",
                                 problem=f"'{target}' is neither a group nor an actor of the map")

    def parse_answer(self, data: object) -> Scores:
        return Scores.model_validate(data)

    def answer_checker(self, design: BaseModel, shown: Sequence[Shown]) -> AnswerChecker:
        assert isinstance(design, IncentiveMatrix)
        instruments = design.instruments

        def check(answer: Any, participant: str, voters: int, complete: bool) -> None:
            check_scores(answer.scores, instruments)

        return check

    def questions(self, answer: Any) -> Mapping[str, object]:
        """Each instrument a ballot scores is a question of its own."""
        return dict(answer.scores)

    def options(self, exercise: Exercise) -> tuple[Option, ...]:
        return (WEIGHTING,)

    def results(self, exercise: Exercise, room: Room, **options: str) -> IncentiveResult:
        return incentive_results(exercise, room, **options)

    def ranking(self, exercise: Exercise, result: BaseModel) -> list[Ranked]:
        """The ranked instruments by composite (those gated by an unmet condition, or scored by
        nobody, are not ranked and not listed)."""
        assert isinstance(result, IncentiveResult)
        design: IncentiveMatrix = exercise.design
        named = {instrument.id: instrument for instrument in design.instruments}
        return [Ranked(id=row.instrument, rank=row.rank, score=row.composite,
                       label=named[row.instrument].label,
                       pictogram=named[row.instrument].pictogram)
                for row in result.instruments if row.rank is not None]

    def sheets(self, book: Book, exercise: Exercise, room: Room) -> None:
        lim_sheets(book, exercise, room)

    def table(self, exercise: Exercise, room: Room, result: BaseModel, lang: str) -> str:
        assert isinstance(result, IncentiveResult)
        return lim_table(exercise, room, result, lang)

    def from_v1(self, document: dict[str, Any]) -> list[dict[str, Any]]:
        """Version 1's ``lim`` (with its ``open`` flag) and ``score_ballots``."""
        return v1_part(document, self.name, design_field="lim", ballots_field="score_ballots",
                       answer_field="scores")

    def sample_exercises(self, sample: SampleRoom) -> list[Exercise]:
        # imported here, so that the app does not load the sample tables
        from engine.exercises.lim import samples
        return samples.exercises(sample)


KIND = register(LeverageAndIncentives())
