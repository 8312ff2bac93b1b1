"""The command line: check a workshop file, print its results, export its workbook, analyse
its stakeholder network map, its Leverage and Incentives Matrix and its community EMP.

    python -m engine validate FILE
    python -m engine results FILE [--exercise ID] [--method METHOD]
                                  [--weighting person|group|custom] [--format table|json|csv]
    python -m engine export FILE -o OUT.xlsx [--lang en|fr]
    python -m engine network FILE [--format table|json]
    python -m engine lim FILE [--weighting person|group] [--format table|json]
    python -m engine emp FILE [--weighting person|group] [--format table|json]

It only parses arguments and calls the engine. A file or request the engine refuses prints the
engine's English message on one line of stderr and exits with status 2, as usage errors do.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from engine import i18n
from engine.emp import INTERACTIONS, CellResult, EmpResult, workshop_emp_results
from engine.errors import EngineError
from engine.excel import (CRITERION_PREFIX, FORMULA_PREFIXES, counts, export_workbook,
                          fraction_text, measure_columns, measure_value)
from engine.incentives import (CRITERIA, IncentiveResult, InstrumentResult,
                               workshop_incentive_results)
from engine.model import Exercise, Workshop, label
from engine.network import NetworkAnalysis, NetworkError, NetworkMap, SignedLink, analyse
from engine.prioritise import AGGREGATIONS, BASIC_WEIGHTINGS, WEIGHTINGS, ExerciseResult, results
from engine.workshop_file import read_workshop

__all__ = ["main", "METHODS"]

ERROR_STATUS = 2
CLI_LANGUAGE = "en"
TEXT_COLUMNS = ("item", "quadrant")  # left-aligned; numbers are right-aligned
FORMATS = ("table", "json", "csv")
ANALYSIS_FORMATS = ("table", "json")  # network, lim, emp: aligned text or the result as JSON
NETWORK_TEXT_COLUMNS = ("actor", "kind", "role", "broker", "isolated", "quadrant")
LIM_TEXT_COLUMNS = ("instrument", "kind", "not_ranked")
EMP_TEXT_COLUMNS = ("cell", "land_use", "value", "majority", "status", "band", "action",
                    "hierarchy", "quadrant", "responsible", "years", "review", "cells")
# Every way of counting an exercise, as --method takes it: the aggregations of every method.
METHODS = tuple(dict.fromkeys(a for aggregations in AGGREGATIONS.values() for a in aggregations))
CSV_COLUMNS = ("exercise", "aggregation", "weighting", "rank", "item", "label", "score")
# What makes a spreadsheet opening a CSV file read a cell as a formula (OWASP, CSV injection).
CSV_FORMULA_PREFIXES = (*FORMULA_PREFIXES, "\t", "\r")


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
    show.add_argument("--method", choices=METHODS, metavar="METHOD",
                      help="how to count: " + ", ".join(METHODS) + " (default: each exercise's "
                           "first; without --exercise, only the exercises it applies to)")
    show.add_argument("--weighting", choices=WEIGHTINGS, default="person")
    show.add_argument("--format", choices=FORMATS, default="table")
    export = _command(commands, "export", "write the Excel workbook", _export)
    export.add_argument("-o", "--output", required=True, metavar="OUT.xlsx")
    export.add_argument("--lang", choices=i18n.LANGUAGES,
                        help="workbook language (default: the workshop's)")
    network = _command(commands, "network", "analyse the stakeholder network map", _network)
    network.add_argument("--format", choices=ANALYSIS_FORMATS, default="table")
    for name, help_, run in (
            ("lim", "print the Leverage and Incentives Matrix's ranking", _lim),
            ("emp", "print the community EMP: interactions, risks and action plan", _emp)):
        command = _command(commands, name, help_, run)
        command.add_argument("--weighting", choices=BASIC_WEIGHTINGS, default="person")
        command.add_argument("--format", choices=ANALYSIS_FORMATS, default="table")
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
    """Print the results of the chosen exercises as aligned text, JSON or CSV."""
    workshop = read_workshop(args.file)
    found = [results(workshop, exercise_id, args.weighting, args.method)
             for exercise_id in _chosen(workshop, args)]
    if args.format == "json":
        print(json.dumps([result.model_dump(mode="json") for result in found], indent=2,
                         ensure_ascii=False))
    elif args.format == "csv":
        _csv(workshop, found)
    else:
        print("\n\n".join(_table(workshop, result) for result in found))


def _chosen(workshop: Workshop, args: argparse.Namespace) -> list[str]:
    """The ids of the exercises to show: the one named, or every exercise the method (if given)
    applies to and, under custom weighting, that has group weights. If that leaves none, the
    first candidate, so that the engine refuses it and says why."""
    if args.exercise:
        return [args.exercise]
    applicable = [e for e in workshop.exercises
                  if args.method is None or args.method in AGGREGATIONS[e.method]]
    chosen = [e for e in applicable if args.weighting != "custom" or e.group_weights]
    return [e.id for e in chosen or (applicable or workshop.exercises)[:1]]


def _export(args: argparse.Namespace) -> None:
    """Write the workbook."""
    export_workbook(read_workshop(args.file), args.output, args.lang)


def _csv_measures(exercise: Exercise, result: ExerciseResult) -> list[str]:
    """The method's own measures, after the columns every row has."""
    return [m for m in measure_columns(exercise, result.aggregation, result.weighting)
            if m != "score"]


def _csv(workshop: Workshop, found: list[ExerciseResult]) -> None:
    """One row per item per exercise: the common columns, then every measure any exercise has
    (blank where it has none); a quadrant as its key, a criterion's mean as ``criterion:<id>``,
    a label that would start a spreadsheet formula behind an apostrophe."""
    extra: dict[str, None] = {}
    for result in found:
        extra.update(dict.fromkeys(_csv_measures(workshop.exercise(result.exercise), result)))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow([*CSV_COLUMNS, *extra])
    for result in found:
        exercise = workshop.exercise(result.exercise)
        measures = _csv_measures(exercise, result)
        for line in result.items:
            values = {m: measure_value(line, m, CLI_LANGUAGE) if m != "quadrant" else line.quadrant
                      for m in measures}
            writer.writerow([result.exercise, result.aggregation, result.weighting, line.rank,
                             line.item, _csv_text(label(exercise.item(line.item).label,
                                                         workshop.language)),
                             line.score, *(_blank(values.get(m)) for m in extra)])


def _blank(value: object) -> object:
    return "" if value is None else value


def _csv_text(text: str) -> str:
    """Text from the file as a CSV cell no spreadsheet runs: one that would start a formula
    (``=HYPERLINK(…)``, ``@SUM(…)``) gets a leading apostrophe, as Excel's own text prefix."""
    return f"'{text}" if text.startswith(CSV_FORMULA_PREFIXES) else text


def _table(workshop: Workshop, result: ExerciseResult) -> str:
    """One result as aligned text: a title line, the custom weights and the agreement, then rank,
    item and the method's numbers, and how many small groups were hidden."""
    exercise = workshop.exercise(result.exercise)
    lang = workshop.language
    measures = measure_columns(exercise, result.aggregation, result.weighting)
    header = ["rank", "item", *(m.removeprefix(CRITERION_PREFIX) for m in measures)]
    rows = [[str(line.rank), label(exercise.item(line.item).label, lang),
             *(_number(m, measure_value(line, m, CLI_LANGUAGE)) for m in measures)]
            for line in result.items]
    lines = _aligned(header, rows, TEXT_COLUMNS)
    how = (result.method if result.aggregation == result.method
           else f"{result.method} by {result.aggregation}")
    title = (f"{exercise.id}: {label(exercise.title, lang)} ({how}, {result.weighting} "
             f"weighting, {result.voters} voters)")
    notes = []
    if result.group_weights:
        notes.append("group weights: " + ", ".join(f"{group} {weight:g}" for group, weight
                                                   in result.group_weights.items()))
    if result.agreement is not None:
        a = result.agreement
        reading = i18n.t(f"excel.concordance.{a.reading}", CLI_LANGUAGE)
        notes.append(f"agreement: Kendall's W = {a.w:.3f}, chi2 = {a.chi2:.2f}, df = {a.df}, "
                     f"p = {a.p_value:.3f} ({reading}, {a.raters} voters)")
    hidden = f"small groups hidden: {len(result.hidden_groups)}"
    return "\n".join([title, *notes, *lines, hidden])


def _aligned(header: list[str], rows: list[list[str]], text_columns: Collection[str]
             ) -> list[str]:
    """The header and rows as lines of columns as wide as their widest cell, two spaces apart:
    the ``text_columns`` left-aligned, the others (numbers) right-aligned."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    return ["  ".join(cell.ljust(width) if name in text_columns else cell.rjust(width)
                      for name, cell, width in zip(header, row, widths)).rstrip()
            for row in [header, *rows]]


def _number(measure: str, value: object) -> str:
    """A measure as text: a share as a percentage, a mean or score to two decimals."""
    if value is None:
        return "-"
    if measure == "share":
        return f"{value:.1%}"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


# ---- network, LIM and EMP: the analysis of one part of the workshop ----------------------------

def _analysis(args: argparse.Namespace, analyse_: Callable[[Workshop], BaseModel],
              table: Callable[[Workshop, Any], str]) -> None:
    """Read the file, analyse the workshop and print the result as JSON (the engine's model as
    it is) or as the aligned text ``table`` writes."""
    workshop = read_workshop(args.file)
    found = analyse_(workshop)
    if args.format == "json":
        print(json.dumps(found.model_dump(mode="json"), indent=2, ensure_ascii=False))
    else:
        print(table(workshop, found))


def _group_line(workshop: Workshop, group_id: str, parts: list[str]) -> str:
    """One shown group's own result on one line, after the group's label."""
    return f"group {label(workshop.group(group_id).label, workshop.language)}: " + "; ".join(parts)


# ---- network -----------------------------------------------------------------------------------

def _network(args: argparse.Namespace) -> None:
    """Print the analysis of the workshop's network map as aligned text or JSON."""
    def analysed(workshop: Workshop) -> NetworkAnalysis:
        if workshop.network is None:
            raise NetworkError("network.no_map", source=Path(args.file).name)
        return analyse(workshop.network)

    _analysis(args, analysed, lambda workshop, found: _network_table(
        workshop.network, found, workshop.language))


def _network_table(network: NetworkMap, found: NetworkAnalysis, lang: str) -> str:
    """The analysis as text: one row per actor (positions over all links, direction ignored),
    then the relationship layer's balance and blocks, then the rights holders no channel
    connects to a duty bearer."""
    def name(actor_id: str) -> str:
        return label(network.actor(actor_id).label, lang)

    scope = found.layers[-1]  # "all": every link, direction ignored
    brokers = {broker.actor: broker for broker in scope.brokers}
    isolated = set(found.isolated)
    quadrants = {row.actor: row.quadrant for row in found.stakeholders}
    header = ["actor", "kind", "role", "influence", "interest", "degree", "betweenness", "broker",
              "isolated", "quadrant"]
    rows = [[name(actor.id), actor.kind, actor.hrba_role, _score(actor.influence),
             _score(actor.interest), f"{position.degree:.2f}", f"{position.betweenness:.2f}",
             ("cut point" if brokers[actor.id].cut_point else "yes") if actor.id in brokers
             else "", "yes" if actor.id in isolated else "", quadrants[actor.id] or "-"]
            for actor, position in zip(network.actors, scope.actors)]
    lines = _aligned(header, rows, NETWORK_TEXT_COLUMNS)
    counts = ", ".join(f"{layer} {count}" for layer, count in found.links.items())
    title = (f"network: {label(network.question, lang)} ({found.actors} actors; links: {counts}; "
             "degree and betweenness over all links, direction ignored)")
    return "\n".join([title, *lines, "", *_balance_lines(found, name),
                      *_reach_lines(found, name)])


def _score(value: int | None) -> str:
    return "-" if value is None else str(value)


def _balance_lines(found: NetworkAnalysis, name: Callable[[str], str]) -> list[str]:
    """Balance, the two blocks and the frustrated links of the relationship layer."""
    balance, blocks = found.balance, found.blocks
    triangles = (f"{balance.balanced_triangles} of {balance.triangles} triangles balanced"
                 if balance.triangles else "no signed triangles")
    lines = [f"balance: {'balanced' if balance.balanced else 'not balanced'} "
             f"({balance.signed_links} signed links, {balance.neutral_links} neutral; {triangles}; "
             f"frustration {balance.frustration}{'' if balance.exact else ', best found'})"]
    for index, block in enumerate(blocks.blocks, start=1):
        lines.append(f"block {index}: " + ", ".join(name(actor) for actor in block))
    if blocks.unplaced:
        lines.append("no signed link: " + ", ".join(name(actor) for actor in blocks.unplaced))
    frustrated = blocks.frustrated
    lines.append("frustrated links: " + ("; ".join(_signed(link, name) for link in frustrated)
                                          if frustrated else "none"))
    return lines


def _signed(link: SignedLink, name: Callable[[str], str]) -> str:
    where = "inside a block" if link.sign == "conflict" else "between blocks"
    return f"{name(link.source)} – {name(link.target)} ({link.sign} {where})"


def _reach_lines(found: NetworkAnalysis, name: Callable[[str], str]) -> list[str]:
    """The rights holders with no path to a duty bearer, and the layers searched."""
    reach = found.duty_bearer_reach
    layers = ", ".join(reach.layers)
    if not reach.duty_bearers:
        return [f"HRBA reach ({layers}): the map has no duty bearer"]
    unreached = ", ".join(name(actor) for actor in reach.unreached) or "none"
    return [f"HRBA reach ({layers}; conflicts not counted): rights holders with no path to a "
            f"duty bearer: {unreached}"]


# ---- Leverage and Incentives Matrix ------------------------------------------------------------

def _lim(args: argparse.Namespace) -> None:
    """Print the LIM's ranking under one weighting as aligned text or JSON."""
    _analysis(args, lambda workshop: workshop_incentive_results(workshop, args.weighting),
              _lim_table)


def _lim_table(workshop: Workshop, found: IncentiveResult) -> str:
    """The ranking as text: a title with the formula, one row per instrument (ranked ones by
    rank, then the unranked and why), each shown group's ranking, the hidden groups and the
    disagreement between groups."""
    lim, lang = workshop.lim, workshop.language

    def name(instrument_id: str) -> str:
        return label(lim.instrument(instrument_id).label, lang)

    formula = found.formula
    title = (f"lim: {found.weighting} weighting, {found.voters} voters; {formula.expression} "
             f"where {formula.normalisation}")
    header = ["rank", "instrument", "kind", "voters", "leverage", "effectiveness", "likelihood",
              "severity", "risk", "composite", "not_ranked"]
    rows = [[_score(line.rank), name(line.instrument), line.kind, str(line.voters),
             *(_decimals(getattr(line, measure), 2) for measure in (*CRITERIA, "risk")),
             _decimals(line.composite, 3), _unranked(line)]
            for line in found.instruments]
    groups = [_group_line(workshop, group, [f"{_score(line.rank)} {name(line.instrument)} "
                                            f"{_decimals(line.composite, 3)}" for line in lines])
              for group, lines in found.groups.items()]
    spreads = [f"disagreement: {name(d.instrument)} spread {d.spread:.3f}, sd {d.sd:.3f} ("
               + ", ".join(f"{label(workshop.group(group).label, lang)} {composite:.3f}"
                           for group, composite in d.groups.items()) + ")"
               for d in found.disagreement]
    most = ", ".join(name(i) for i in found.most_disagreed) or "none"
    return "\n".join([title, *_aligned(header, rows, LIM_TEXT_COLUMNS), *groups,
                      f"small groups hidden: {len(found.hidden_groups)}", *spreads,
                      f"most disagreed: {most}"])


def _unranked(line: InstrumentResult) -> str:
    """Why an instrument is not ranked, as the workbook says it; empty when it is ranked."""
    if line.unranked is None:
        return ""
    return i18n.t(f"lim.unranked.{line.unranked}", CLI_LANGUAGE,
                  conditions=", ".join(line.unmet_conditions))


def _decimals(value: float | None, places: int) -> str:
    """A number to ``places`` decimals, ``-`` when there is none."""
    return "-" if value is None else f"{value:.{places}f}"


# ---- community Environmental Management Plan ---------------------------------------------------

def _emp(args: argparse.Namespace) -> None:
    """Print the EMP's interactions, risks and action plan as aligned text or JSON."""
    _analysis(args, lambda workshop: workshop_emp_results(workshop, args.weighting), _emp_table)


def _emp_table(workshop: Workshop, found: EmpResult) -> str:
    """The EMP as text: the interaction matrix cell by cell (and each shown group's cells), the
    risk register and the action plan, overall and year by year."""
    return "\n".join([*_interaction_lines(workshop, found), "", *_risk_lines(found), "",
                      *_plan_lines(workshop, found)])


def _interaction_lines(workshop: Workshop, found: EmpResult) -> list[str]:
    """A title with the status rules, one row per cell, and each shown group's cells."""
    emp, lang, matrix = workshop.emp, workshop.language, found.interactions
    names = {thing.id: label(thing.label, lang) for thing in (*emp.land_uses, *emp.values)}
    title = (f"emp interactions: {matrix.weighting} weighting, {matrix.voters} voters; contested "
             f"when + and - each have at least {fraction_text(matrix.contested_share)}, "
             f"consensus when one answer has at least {fraction_text(matrix.consensus_share)} "
             f"and {matrix.min_voters} people rated")
    header = ["cell", "land_use", "value", "voters", "+", "N", "-", "majority", "status"]
    rows = [[cell.cell, names[cell.land_use], names[cell.value], str(cell.voters),
             *(_number("share", cell.shares[answer]) for answer in INTERACTIONS),
             _majority(cell), cell.status] for cell in matrix.cells]
    groups = [_group_line(workshop, group, [f"{cell.cell} {_majority(cell)} {cell.status}"
                                            for cell in cells])
              for group, cells in matrix.groups.items()]
    return [title, *_aligned(header, rows, EMP_TEXT_COLUMNS), *groups,
            f"small groups hidden: {len(matrix.hidden_groups)}"]


def _majority(cell: CellResult) -> str:
    """The majority's answer (+, N or -), ``tie`` when two answers share the largest share, and
    nothing for a cell nobody rated."""
    return cell.majority or ("tie" if cell.voters else "")


def _risk_lines(found: EmpResult) -> list[str]:
    """The bands, the assessed cells by rank and the negative cells not assessed."""
    risks = found.risks
    bands = ", ".join(f"{band.name} {band.low}-{band.high}" for band in risks.bands)
    header = ["rank", "cell", "likelihood", "consequence", "product", "band"]
    rows = [[str(risk.rank), risk.cell, str(risk.likelihood), str(risk.consequence),
             str(risk.product), risk.band] for risk in risks.cells]
    return [f"emp risks: likelihood x consequence; bands {bands}",
            *_aligned(header, rows, EMP_TEXT_COLUMNS),
            "not assessed: " + (", ".join(risks.unassessed) or "none")]


def _plan_lines(workshop: Workshop, found: EmpResult) -> list[str]:
    """The plan's period, its actions by priority, the actions of each year and the negative
    cells no action addresses."""
    plan, lang = found.plan, workshop.language
    names = {action.id: label(action.label, lang) for action in workshop.emp.actions}
    header = ["rank", "action", "hierarchy", "importance", "urgency", "score", "quadrant",
              "responsible", "years", "review", "cells"]
    rows = [[str(line.rank), names[line.action], line.hierarchy, f"{line.importance:.2f}",
             f"{line.urgency:.2f}", f"{line.score:.2f}", line.quadrant, line.responsible,
             ", ".join(map(str, line.years)), line.review.isoformat(), ", ".join(line.cells)]
            for line in plan.actions]
    years = [f"year {year}: " + (", ".join(names[action] for action in due) or "nothing")
             for year, due in plan.by_year.items()]
    return [f"emp plan: {plan.start.isoformat()} to {plan.end.isoformat()} ({plan.plan_years} "
            "years); priority = importance x urgency",
            *_aligned(header, rows, EMP_TEXT_COLUMNS), *years,
            "not addressed: " + (", ".join(plan.unaddressed) or "none")]
