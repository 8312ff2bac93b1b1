"""The LIM as aligned text, for the command line (``python -m engine lim FILE``)."""

from __future__ import annotations

from engine.core import i18n
from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.tables import aligned, decimals, group_line, whole
from engine.core.types import label
from engine.exercises.lim.design import CRITERIA, IncentiveMatrix
from engine.exercises.lim.results import IncentiveResult, InstrumentResult

__all__ = ["lim_table"]

TEXT_COLUMNS = ("instrument", "kind", "not_ranked")


def lim_table(exercise: Exercise, room: Room, found: IncentiveResult, lang: str) -> str:
    """The ranking as text: a title with the formula, one row per instrument (ranked ones by
    rank, then the unranked and why), each shown group's ranking, the hidden groups and the
    disagreement between groups."""
    lim: IncentiveMatrix = exercise.design

    def name(instrument_id: str) -> str:
        return label(lim.instrument(instrument_id).label, lang)

    formula = found.formula
    title = (f"{exercise.id}: {found.weighting} weighting, {found.voters} voters; "
             f"{formula.expression} where {formula.normalisation}")
    header = ["rank", "instrument", "kind", "voters", "leverage", "effectiveness", "likelihood",
              "severity", "risk", "composite", "not_ranked"]
    rows = [[whole(line.rank), name(line.instrument), line.kind, str(line.voters),
             *(decimals(getattr(line, measure), 2) for measure in (*CRITERIA, "risk")),
             decimals(line.composite, 3), _unranked(line)]
            for line in found.instruments]
    groups = [group_line(room, group, [f"{whole(line.rank)} {name(line.instrument)} "
                                       f"{decimals(line.composite, 3)}" for line in lines], lang)
              for group, lines in found.groups.items()]
    spreads = [f"disagreement: {name(d.instrument)} spread {d.spread:.3f}, sd {d.sd:.3f} ("
               + ", ".join(f"{label(room.group(group).label, lang)} {composite:.3f}"
                           for group, composite in d.groups.items()) + ")"
               for d in found.disagreement]
    most = ", ".join(name(i) for i in found.most_disagreed) or "none"
    return "\n".join([title, *aligned(header, rows, TEXT_COLUMNS), *groups,
                      f"small groups hidden: {len(found.hidden_groups)}", *spreads,
                      f"most disagreed: {most}"])


def _unranked(line: InstrumentResult) -> str:
    """Why an instrument is not ranked, as the workbook says it (in English); empty when it is."""
    if line.unranked is None:
        return ""
    return i18n.t(f"lim.unranked.{line.unranked}", i18n.DEFAULT_LANGUAGE,
                  conditions=", ".join(line.unmet_conditions))
