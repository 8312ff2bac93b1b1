"""The command line: check a workshop file, print its results, export its workbook.

    python -m engine validate FILE
    python -m engine results FILE [--exercise ID] [--weighting person|group] [--format table|json]
    python -m engine export FILE -o OUT.xlsx [--lang en|fr]

It only parses arguments and calls the engine. A file or request the engine refuses prints the
engine's English message on one line of stderr and exits with status 2, as usage errors do.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from engine import i18n
from engine.errors import EngineError
from engine.excel import counts, export_workbook, measure_columns, measure_value
from engine.model import Workshop, label
from engine.prioritise import WEIGHTINGS, ExerciseResult, results
from engine.workshop_file import read_workshop

__all__ = ["main"]

ERROR_STATUS = 2
CLI_LANGUAGE = "en"
TEXT_COLUMNS = ("item", "quadrant")  # left-aligned; numbers are right-aligned


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (0 success, 2 refused file or usage error)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help (0) and on usage errors (2)
        return int(exit_.code or 0)
    try:
        args.command(args)
    except EngineError as error:
        print(" ".join(error.message(CLI_LANGUAGE).splitlines()), file=sys.stderr)
        return ERROR_STATUS
    return 0


def _parser() -> argparse.ArgumentParser:
    """The argument parser, one sub-command per job."""
    parser = argparse.ArgumentParser(prog="python -m engine",
                                     description="ASM Workshop Studio workshop files.")
    commands = parser.add_subparsers(required=True, metavar="COMMAND")
    _command(commands, "validate", "check a workshop file and summarise it", _validate)
    show = _command(commands, "results", "print prioritisation results", _results)
    show.add_argument("--exercise", metavar="ID", help="only this exercise (default: all)")
    show.add_argument("--weighting", choices=WEIGHTINGS, default="person")
    show.add_argument("--format", choices=("table", "json"), default="table")
    export = _command(commands, "export", "write the Excel workbook", _export)
    export.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    export.add_argument("--lang", choices=i18n.LANGUAGES,
                        help="workbook language (default: the workshop's)")
    return parser


def _command(commands: argparse._SubParsersAction, name: str, help_: str,
             run: Callable[[argparse.Namespace], None]) -> argparse.ArgumentParser:
    """A sub-command taking the workshop FILE and running ``run``."""
    command = commands.add_parser(name, help=help_, description=help_)
    command.add_argument("file", metavar="FILE", help="workshop file (.json)")
    command.set_defaults(command=run)
    return command


def _validate(args: argparse.Namespace) -> None:
    """Print a one-line summary of a valid file."""
    workshop = read_workshop(args.file)
    numbers = counts(workshop)
    print(f"valid: {workshop.code}, {numbers.groups} groups, {numbers.participants} participants, "
          f"{numbers.exercises} exercises, {numbers.ballots} ballots")


def _results(args: argparse.Namespace) -> None:
    """Print each exercise's result (or one), as aligned text or as JSON."""
    workshop = read_workshop(args.file)
    ids = [args.exercise] if args.exercise else [e.id for e in workshop.exercises]
    found = [results(workshop, exercise_id, args.weighting) for exercise_id in ids]
    if args.format == "json":
        print(json.dumps([result.model_dump(mode="json") for result in found], indent=2,
                         ensure_ascii=False))
    else:
        print("\n\n".join(_table(workshop, result) for result in found))


def _export(args: argparse.Namespace) -> None:
    """Write the workbook."""
    export_workbook(read_workshop(args.file), args.output, args.lang)


def _table(workshop: Workshop, result: ExerciseResult) -> str:
    """One result as aligned text: a title line, then rank, item and the method's numbers."""
    exercise = workshop.exercise(result.exercise)
    lang = workshop.language
    measures = measure_columns(result.method, result.weighting)
    header = ["rank", "item", *measures]
    rows = [[str(line.rank), label(exercise.item(line.item).label, lang),
             *(_number(measure, measure_value(line, measure, CLI_LANGUAGE)) for measure in measures)]
            for line in result.items]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = ["  ".join(cell.ljust(width) if name in TEXT_COLUMNS else cell.rjust(width)
                       for name, cell, width in zip(header, row, widths)).rstrip()
             for row in [header, *rows]]
    title = (f"{exercise.id}: {label(exercise.title, lang)} ({result.method}, {result.weighting} "
             f"weighting, {result.voters} voters)")
    hidden = f"small groups hidden: {len(result.hidden_groups)}"
    return "\n".join([title, *lines, hidden])


def _number(measure: str, value: object) -> str:
    """A measure as text: a share as a percentage, a mean or score to two decimals."""
    if measure == "share":
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)
