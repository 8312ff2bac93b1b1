"""The command line: check a workshop file, print any exercise's results, export the workbook,
and each kind's own command (``network``, ``lim``, ``emp``…).

    python -m engine validate FILE
    python -m engine results FILE [--exercise ID] [--method METHOD] [--weighting WEIGHTING]
                                  [--by group|gender|age|group,gender|group,age]
                                  [--format table|json|csv]
    python -m engine export FILE -o OUT.xlsx [--lang en|fr]
    python -m engine <kind's command> FILE [--exercise ID] [its options] [--format table|json]

It only parses arguments and calls the engine: the commands and options come from the registry
of exercise kinds. A file or request the engine refuses prints the engine's English message on
one line of stderr and exits with status 2, as usage errors do.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path

from pydantic import BaseModel

import engine.exercises  # noqa: F401  (registers every kind)
from engine.core import i18n
from engine.core.errors import EngineError, NotFoundError
from engine.core.exercise import Command, Exercise, ExerciseKind, kinds
from engine.core.file_format import read_workshop
from engine.core.tables import blank
from engine.core.workshop import Workshop
from engine.cuts import CUTS, CutResult, cell_name, cut_results, cut_table, parse_cut
from engine.excel import counts, export_workbook

__all__ = ["main", "parser"]

ERROR_STATUS = 2
CLI_LANGUAGE = "en"
FORMATS = ("table", "json", "csv")
ANALYSIS_FORMATS = ("table", "json")  # a kind's own command: aligned text or the result as JSON


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (0 success, 2 refused file or usage error)."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exit_:  # argparse exits on --help (0) and on usage errors (2)
        return int(exit_.code or 0)
    try:
        args.command(args)
    except EngineError as error:
        print(" ".join(error.message(CLI_LANGUAGE).splitlines()), file=sys.stderr)
        return ERROR_STATUS
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser: validate, results, export, and each kind's own commands."""
    top = argparse.ArgumentParser(prog="python -m engine",
                                  description="ASM Workshop Studio workshop files.")
    commands = top.add_subparsers(required=True, metavar="COMMAND")
    _command(commands, "validate", "check a workshop file and summarise it", _validate)
    show = _command(commands, "results", "print the results of any exercise", _results)
    show.add_argument("--exercise", metavar="ID", help="only this exercise (default: every one "
                                                       "the options given apply to)")
    for name, choices in _option_choices().items():
        show.add_argument(f"--{name}", choices=choices, metavar=name.upper(),
                          help=f"{', '.join(choices)} (default: each exercise's first)")
    show.add_argument("--by", metavar="CUT",
                      help="each part of the room apart, compared with the rest: "
                           + " | ".join(",".join(cut) for cut in CUTS))
    show.add_argument("--format", choices=FORMATS, default="table")
    export = _command(commands, "export", "write the Excel workbook", _export)
    export.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    export.add_argument("--lang", choices=i18n.LANGUAGES,
                        help="workbook language (default: the workshop's)")
    document = _command(commands, "document",
                        "write an exercise's printable document (HTML, to print or save as PDF)",
                        _document)
    document.add_argument("--exercise", metavar="ID", required=True)
    document.add_argument("-o", "--output", required=True, metavar="OUT.html")
    document.add_argument("--lang", choices=i18n.LANGUAGES,
                          help="document language (default: the workshop's)")
    for spec in kinds():
        for extra in spec.commands:
            command = _command(commands, extra.name, extra.help,
                               partial(_analysis, spec=spec, command=extra))
            command.add_argument("--exercise", metavar="ID",
                                 help="which one (default: the workshop's first)")
            extra.configure(command)
            command.add_argument("--format", choices=ANALYSIS_FORMATS, default="table")
    return top


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str,
             help_: str, run: Callable[[argparse.Namespace], None]) -> argparse.ArgumentParser:
    """A sub-command taking the workshop FILE and running ``run``."""
    command: argparse.ArgumentParser = commands.add_parser(name, help=help_, description=help_)
    command.add_argument("file", metavar="FILE", help="workshop file (.json)")
    command.set_defaults(command=run)
    return command


def _option_choices() -> dict[str, tuple[str, ...]]:
    """Every result option any kind takes, with every choice it can have."""
    found: dict[str, dict[str, None]] = {}
    for spec in kinds():
        for name, choices in spec.option_choices.items():
            found.setdefault(name, {}).update(dict.fromkeys(choices))
    return {name: tuple(choices) for name, choices in found.items()}


def _validate(args: argparse.Namespace) -> None:
    """Print a one-line summary of a valid file."""
    workshop = read_workshop(args.file)
    numbers = counts(workshop)
    print(f"valid: {workshop.code}, {numbers.groups} groups, {numbers.participants} participants, "
          f"{numbers.exercises} exercises, {numbers.ballots} ballots")


def _export(args: argparse.Namespace) -> None:
    """Write the workbook."""
    export_workbook(read_workshop(args.file), args.output, args.lang)


def _document(args: argparse.Namespace) -> None:
    """Write the printable document of the exercise named."""
    workshop = read_workshop(args.file)
    exercise = workshop.exercise(args.exercise)
    if not exercise.spec.has_document:
        raise NotFoundError("cli.no_document", exercise=exercise.id,
                            kind=i18n.t(exercise.spec.title_key, CLI_LANGUAGE))
    page = exercise.spec.document(exercise, workshop.room(), args.lang or workshop.language)
    try:
        Path(args.output).write_text(page, encoding="utf-8")
    except OSError as error:
        raise EngineError("cli.unwritable", path=args.output, problem=error.strerror) from None


def _results(args: argparse.Namespace) -> None:
    """Print the results of the chosen exercises (or, with ``--by``, of each part of the room)
    as aligned text, JSON or CSV."""
    workshop = read_workshop(args.file)
    given = {name: getattr(args, name) for name in _option_choices()
             if getattr(args, name) is not None}
    cut = parse_cut(args.by) if args.by else None
    chosen = _chosen(workshop, args.exercise, given)
    room, lang = workshop.room(), workshop.language
    if cut is not None:
        by = [(exercise, cut_results(exercise, room, cut, **_options(exercise, given)))
              for exercise in chosen]
        if args.format == "json":
            print(json.dumps([result.model_dump(mode="json") for _, result in by], indent=2,
                             ensure_ascii=False))
        elif args.format == "csv":
            _cut_csv(workshop, by)
        else:
            print("\n\n".join(cut_table(exercise, room, result, lang) for exercise, result in by))
        return
    found = [(exercise, exercise.spec.results(exercise, room, **_options(exercise, given)))
             for exercise in chosen]
    if args.format == "json":
        print(json.dumps([result.model_dump(mode="json") for _, result in found], indent=2,
                         ensure_ascii=False))
    elif args.format == "csv":
        _csv(workshop, found, named=args.exercise is not None)
    else:
        print("\n\n".join(exercise.spec.table(exercise, room, result, lang)
                          for exercise, result in found))


def _chosen(workshop: Workshop, exercise_id: str | None, given: dict[str, str]
            ) -> list[Exercise]:
    """The exercise named, or every exercise that takes the options given with the values
    given. If that leaves none, the one that fits best (the first that takes the most of them),
    so that the engine refuses it and says why."""
    if exercise_id:
        return [workshop.exercise(exercise_id)]

    def fitting(exercise: Exercise) -> int:
        choices = {o.name: o.choices for o in exercise.spec.options(exercise)}
        return sum(value in choices.get(name, ()) for name, value in given.items())

    fits = [e for e in workshop.exercises if fitting(e) == len(given)]
    return fits or sorted(workshop.exercises, key=lambda e: -fitting(e))[:1]


def _options(exercise: Exercise, given: dict[str, str]) -> dict[str, str]:
    """The options given, each one the exercise's kind takes; else a refusal naming it."""
    names = {option.name for option in exercise.spec.options(exercise)}
    for name in given:
        if name not in names:
            raise NotFoundError("cli.option_not_for_exercise", option=name, exercise=exercise.id)
    return given


def _csv(workshop: Workshop, found: Sequence[tuple[Exercise, BaseModel]], named: bool) -> None:
    """One row per item per exercise: the columns every row has, then every measure any exercise
    has (blank where it has none). Exercises whose kind has no CSV form are left out, or refused
    when named."""
    rows: list[dict[str, object]] = []
    for exercise, result in found:
        given = exercise.spec.csv_rows(exercise, workshop.room(), result, workshop.language)
        if given is None and named:
            raise NotFoundError("cli.no_csv", exercise=exercise.id)
        rows += given or []
    columns = list(dict.fromkeys(column for found_row in rows for column in found_row))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for found_row in rows:
        writer.writerow([blank(found_row.get(column)) for column in columns])


def _cut_csv(workshop: Workshop, found: Sequence[tuple[Exercise, CutResult]]) -> None:
    """One row per thing ranked per part of the room (one row for a hidden part, or a part of
    an exercise that ranks nothing), with the part's voters and its distance from the rest."""
    room, lang = workshop.room(), workshop.language
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(["exercise", "cut", "part", "hidden", "voters", "kendall_tau",
                     "spearman_rho", "rank", "id", "score"])
    for exercise, result in found:
        for cell in result.cells:
            apart = cell.divergence
            start = [exercise.id, ",".join(result.cut), cell_name(cell.values, room, lang),
                     cell.hidden, blank(cell.voters), blank(apart and apart.kendall_tau),
                     blank(apart and apart.spearman_rho)]
            ranked = [[entry.rank, entry.id, blank(entry.score)] for entry in cell.ranking or []]
            for ranks in ranked or [["", "", ""]]:
                writer.writerow(start + ranks)


def _analysis(args: argparse.Namespace, spec: ExerciseKind, command: Command) -> None:
    """A kind's own command: its result for the exercise named (or the workshop's first of the
    kind), as JSON (the engine's model as it is) or as the kind's aligned text."""
    workshop = read_workshop(args.file)
    if args.exercise:
        exercise = workshop.exercise(args.exercise)
        if exercise.kind != spec.name:
            raise NotFoundError("cli.not_of_kind", exercise=exercise.id,
                                kind=i18n.t(spec.title_key, CLI_LANGUAGE))
    else:
        first = next((e for e in workshop.exercises if e.kind == spec.name), None)
        if first is None:
            raise NotFoundError("workshop.no_exercise_of_kind", code=workshop.code,
                                kind=i18n.t(spec.title_key, CLI_LANGUAGE))
        exercise = first
    room = workshop.room()
    found = command.run(args, exercise, room)
    if args.format == "json":
        print(json.dumps(found.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        print(spec.table(exercise, room, found, workshop.language))
