"""The rehabilitation plan as aligned text, for the command line (``python -m engine rap FILE``).

Per phase and in all: person-days, equipment-days, cost (in the plan's currency) and topsoil
handled; the Whole Mine Cycle saving; the quantities; the mitigation hierarchy; the land-use
vote and acceptability, overall and per shown group.
"""

from __future__ import annotations

from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.tables import aligned, group_line, number
from engine.core.types import label
from engine.exercises.rehabilitation.design import RehabilitationPlan
from engine.exercises.rehabilitation.results import (Acceptance, EffortTotals, OptionCount,
                                                     RehabilitationResult)

__all__ = ["rehabilitation_table"]

TEXT_COLUMNS = ("phase", "start", "end")


def rehabilitation_table(exercise: Exercise, room: Room, found: RehabilitationResult, lang: str
                         ) -> str:
    """The plan's numbers and the room's votes as text."""
    plan: RehabilitationPlan = exercise.design
    site = plan.site
    currency = found.currency
    title = (f"{exercise.id} rehabilitation plan: {site.name} ({site.area:g} {site.area_unit}, "
             f"{label(site.mineral, lang)}, {'alluvial' if site.alluvial else 'not alluvial'}); "
             f"costs in {currency}")
    header = ["phase", "start", "end", "tasks", "person_days", "equipment_days",
              f"cost_{currency}", "topsoil_m3"]
    rows = [[line.phase, line.start.isoformat(), line.end.isoformat() if line.end else "-",
             str(line.tasks), *_effort(line)] for line in found.phases]
    rows.append(["total", "", "", str(len(found.tasks)), *_effort(found.totals)])
    return "\n".join([title, *_starting(found), *aligned(header, rows, TEXT_COLUMNS),
                      _cycle(found), _quantities(plan, found, lang), _hierarchy(found),
                      *_votes(plan, room, found, lang)])


def _effort(totals: EffortTotals) -> list[str]:
    return [f"{totals.person_days:.2f}", f"{totals.equipment_days:.2f}", f"{totals.cost:.2f}",
            f"{totals.topsoil_m3:.2f}"]


def _starting(found: RehabilitationResult) -> list[str]:
    """Which starting values are still in use, if any: they must be replaced by local ones."""
    parts = (["the wage and equipment-day rate"] if found.starting_costs else []) + (
        [f"the rates {', '.join(found.starting_rates)}"] if found.starting_rates else [])
    return [f"starting values, replace with local ones: {'; '.join(parts)}"] if parts else []


def _cycle(found: RehabilitationResult) -> str:
    cycle, currency = found.whole_mine_cycle, found.currency

    def scenario(name: str, totals: EffortTotals) -> str:
        return (f"{name} {totals.topsoil_m3:.2f} m3, {totals.person_days:.2f} person-days, "
                f"{totals.cost:.2f} {currency}")

    return (f"whole mine cycle: {cycle.topsoil_m3:.2f} m3 of topsoil, {cycle.mixed_share:g} of "
            f"the spoil, {cycle.method}: " + "; ".join([
                scenario("stored while mining", cycle.stored),
                scenario("recovered afterwards", cycle.recovered),
                scenario("saving", cycle.saving)]))


def _quantities(plan: RehabilitationPlan, found: RehabilitationResult, lang: str) -> str:
    amounts = found.quantities
    names = {s.id: label(s.label, lang) for s in plan.species}
    seedlings = ", ".join(f"{names[s]} {count}" for s, count in amounts.seedlings.items()
                          if count) or "none"
    seed = ", ".join(f"{names[s]} {kg:g} kg" for s, kg in amounts.seed_kg.items() if kg) or "none"
    return (f"quantities: site {amounts.site_m2:g} m2; pits {amounts.pits} "
            f"({amounts.pit_volume_m3:.2f} m3); ground worked {amounts.area_worked_m2:g} m2; "
            f"topsoil {amounts.topsoil_m3:.2f} m3 (handled {amounts.topsoil_handled_m3:.2f} m3); "
            f"seedlings: {seedlings}; seed: {seed}")


def _hierarchy(found: RehabilitationResult) -> str:
    return "mitigation hierarchy: " + "; ".join(
        f"{step}: {', '.join(tasks) or '-'}" for step, tasks in found.hierarchy.items())


def _options(options: list[OptionCount]) -> str:
    return ", ".join(f"{o.land_use} {o.votes} ({number('share', o.share)})" for o in options)


def _acceptance(found: Acceptance) -> str:
    if found.mean is None:
        return "no answers"
    verdict = "accepts" if found.accepts else "does not accept"
    return (f"mean {found.mean:.2f}, acceptable (4-5) {number('share', found.acceptable_share)}, "
            f"{verdict}")


def _votes(plan: RehabilitationPlan, room: Room, found: RehabilitationResult, lang: str
           ) -> list[str]:
    votes = found.votes
    groups = [group_line(room, group, [f"{shown.voters} voters", _acceptance(shown.acceptability),
                                       _options(shown.land_uses)], lang)
              for group, shown in votes.groups.items()]
    return [f"land use, {votes.voters} voters: {_options(votes.land_uses)}; chosen: "
            f"{votes.chosen or 'none'}",
            f"acceptability, {votes.voters} voters: {_acceptance(votes.acceptability)}; "
            f"not accepted by: {', '.join(votes.not_accepted_by) or 'no group shown'}",
            *groups, f"small groups hidden: {len(votes.hidden_groups)}"]
