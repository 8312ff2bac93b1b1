"""The rehabilitation action plan as the facilitator designs it (guide 2.4–2.5), and its rules.

A Rehabilitation Action Plan (RAP) is structured to the Frugal Rehabilitation Methodology (FRM):
a site degraded by ASM, and the FRM's five phases as its spine, each with its tasks. Each task
has a quantity in a unit, a method (manual or mechanised), who does it and when; unit rates
(person-days and equipment-days per unit, by method) and the local wage and equipment-day rate
turn the quantities into effort and cost (``estimate``). The plan also holds the topsoil to
conserve (for the Whole Mine Cycle comparison), the species to plant or sow, the future land
uses the room votes on, and the handover record.

Every rule of a plan is checked by ``check_plan``, which names the task (or rate, or part) and
the field at fault in a ``RehabilitationError`` the app shows in the facilitator's language;
a workshop file whose plan breaks a rule is refused with the field's path
(``phases[1].tasks[2].depth``).

Units, and what a task of each measures (its *work*, which the rates are per):

======== ================================================ =====================================
unit     quantity                                          work
======== ================================================ =====================================
pit      pits to infill, each ``depth`` m deep with an     count × opening × depth, m³ infilled
         ``opening`` of that many m²
m3       m³ of waste or earth moved                         m³
m2       m² of ground worked (regraded, cleared, sown)      m²
topsoil  m³ of topsoil stripped, moved or respread          m³ of topsoil
seedling seedlings of one ``species`` planted               seedlings
seed_kg  kg of seed of one ``species`` collected or sown    kg
day      working days of a team (surveys, meetings)          days
======== ================================================ =====================================
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from fractions import Fraction
from typing import Annotated, Any, Literal

from babel.numbers import list_currencies
from pydantic import Field, FiniteFloat, StringConstraints, model_validator

from engine.core.errors import SetupError
from engine.core.records import Strict
from engine.core.types import Id, Labels, Scale, Text

__all__ = ["PhaseName", "PHASES", "UNITS", "Unit", "Method", "METHODS", "Step", "STEPS",
           "AreaUnit", "SpeciesRole", "SPECIES_ROLES", "SPECIES_UNITS", "MAX_PIT_DEPTH",
           "MAX_TOPSOIL_DEPTH", "SEEDLINGS_PER_M2", "ACCEPTABLE", "RehabilitationError",
           "RehabilitationSite", "PlantSpecies", "RehabilitationTask", "RehabilitationPhase",
           "UnitRate", "RehabilitationCosts", "TopsoilPlan", "LandUseOption", "HandoverRecord",
           "RehabilitationPlan", "Vote", "check_plan", "exact", "task_work", "work_unit"]

PhaseName = Literal["preparation", "technical", "topsoil", "biological", "handover"]
#: The FRM's five phases, in their order (guide 2.4).
PHASES: tuple[PhaseName, ...] = ("preparation", "technical", "topsoil", "biological", "handover")
Unit = Literal["pit", "m3", "m2", "topsoil", "seedling", "seed_kg", "day"]
UNITS: tuple[Unit, ...] = ("pit", "m3", "m2", "topsoil", "seedling", "seed_kg", "day")
SPECIES_UNITS: tuple[Unit, ...] = ("seedling", "seed_kg")  # a task of these names its species
Method = Literal["manual", "mechanised"]
METHODS: tuple[Method, ...] = ("manual", "mechanised")
# The mitigation hierarchy (guide 2.4, note 3; BBOP 2012): avoid, minimise, restore, offset.
Step = Literal["avoid", "minimise", "restore", "offset"]
STEPS: tuple[Step, ...] = ("avoid", "minimise", "restore", "offset")
AreaUnit = Literal["m2", "ha"]
SpeciesRole = Literal["target", "coloniser"]
SPECIES_ROLES: tuple[SpeciesRole, ...] = ("target", "coloniser")

MAX_PIT_DEPTH = 200  # m: deeper than any artisanal shaft; a typing slip, not a pit
MAX_TOPSOIL_DEPTH = 1  # m: topsoil is a layer of centimetres to decimetres
SEEDLINGS_PER_M2 = 1  # at most one seedling per m² of site: trees and shrubs, not grass plugs
ACCEPTABLE = 4  # a rating of 4 or 5 (of 1–5) says the plan is acceptable
M2_PER_HA = 10_000

Currency = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]


def exact(value: float) -> Fraction:
    """A number as typed, exactly: ``exact(0.1) == Fraction(1, 10)`` (not the binary float)."""
    return Fraction(repr(value))


class RehabilitationError(SetupError):
    """A plan that breaks a rule, in the facilitator's language.

    ``params`` always hold ``where``, the path of the field at fault inside the design
    (``phases[1].tasks[2].depth``), and for a task ``task`` (its id).
    """


# ---- the parts of a plan -----------------------------------------------------------------------

class RehabilitationSite(Strict):
    """The site mining degraded: what it is called, how large, what state mining left it in,
    the mineral mined there, and whether it is alluvial (guide 2.4: hydrologically active
    alluvial soils recover well once their hydrology is restored)."""

    name: Text
    area: FiniteFloat = Field(description="The site's area, in ``area_unit``; more than 0.")
    area_unit: AreaUnit = "ha"
    state: Labels = Field(description="The site's current state, as the room describes it.")
    mineral: Labels
    alluvial: bool

    @property
    def area_m2(self) -> Fraction:
        """The site's area in m²."""
        return exact(self.area) * (M2_PER_HA if self.area_unit == "ha" else 1)


class PlantSpecies(Strict):
    """A species to plant or sow: a target (dominant or co-dominant) species of the vegetation
    community, or a successional coloniser (guide 2.4). Free text: local and scientific names."""

    id: Id
    label: Labels
    role: SpeciesRole


class RehabilitationTask(Strict):
    """One task of a phase: what, how much (``quantity`` in ``unit``), how (``method``), who,
    when, and at which step of the mitigation hierarchy. A pit task gives the pits' mean
    ``depth`` and ``opening``; a seedling or seed task its ``species``."""

    id: Id
    label: Labels
    quantity: FiniteFloat
    unit: str = Field(json_schema_extra={"enum": list(UNITS)})
    depth: FiniteFloat | None = Field(None, description="Pits only: their mean depth, m.")
    opening: FiniteFloat | None = Field(None, description="Pits only: a pit's mean opening, m².")
    species: Id | None = None
    method: Method = "manual"
    who: Text = Field(description="Who does it: a stakeholder group's id, a role or an "
                                  "organisation; never a person's name.")
    start: dt.date
    end: dt.date
    step: Step = "restore"


class RehabilitationPhase(Strict):
    """One of the FRM's five phases: when it starts, and its tasks."""

    phase: PhaseName
    start: dt.date
    tasks: list[RehabilitationTask] = []


class UnitRate(Strict):
    """The effort one unit of work takes by one method: person-days, equipment-days, and
    supplies bought (in the plan's currency). ``starting`` marks the app's starting value,
    to be replaced by a local rate."""

    unit: str = Field(json_schema_extra={"enum": list(UNITS)})
    method: Method
    person_days: FiniteFloat
    equipment_days: FiniteFloat = 0
    supplies: FiniteFloat = 0
    starting: bool = False


class RehabilitationCosts(Strict):
    """What a day costs: the local wage of a person-day and the hire of an equipment-day (with
    its fuel and operator's fee), in ``currency`` (ISO 4217: XOF, CDF, USD…). ``starting`` marks
    the app's starting values, to be replaced by local ones."""

    currency: Currency
    wage: FiniteFloat
    equipment_day: FiniteFloat
    starting: bool = False


class TopsoilPlan(Strict):
    """The topsoil to conserve: the area it is won from (m²) and its depth (m), so its volume is
    area × depth; and, for the Whole Mine Cycle comparison, the share of topsoil in the spoil
    it would be recovered from if it was not stored apart, and the method that moves it."""

    area: FiniteFloat
    depth: FiniteFloat
    mixed_share: FiniteFloat = 0.5
    method: Method = "manual"


class LandUseOption(Strict):
    """A future land use the room may choose (guide 2.4: agreement on future land-use)."""

    id: Id
    label: Labels
    pictogram: str | None = None


class HandoverRecord(Strict):
    """The site's handover (guide 2.4): which role or organisation assessed it (never a
    person's name), when, against which standard, and which authority it was referred to."""

    assessed_by: Text | None = None
    assessed_on: dt.date | None = None
    standard: Text | None = None
    referred_to: Text | None = None


class Vote(Strict):
    """A participant's answer: the future land use they choose, and how acceptable they find
    the plan, 1 (not at all) to 5 (fully)."""

    land_use: Id
    acceptability: Scale


# ---- the rules ---------------------------------------------------------------------------------

def work_unit(unit: str) -> str:
    """What a unit's rates are per: pits are infilled by the m³."""
    return "m3" if unit == "pit" else unit


def task_work(task: RehabilitationTask) -> Fraction:
    """The task's work, in ``work_unit(task.unit)``: for pits, count × opening × depth (m³);
    otherwise the quantity itself."""
    if task.unit == "pit":
        return exact(task.quantity) * exact(task.opening or 0) * exact(task.depth or 0)
    return exact(task.quantity)


def _number(value: float | Fraction) -> str:
    """A number in a message, without trailing zeros: 250, 0.25, 32000."""
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


def check_plan(site: RehabilitationSite, costs: RehabilitationCosts, rates: Sequence[UnitRate],
               species: Sequence[PlantSpecies], topsoil: TopsoilPlan,
               phases: Sequence[RehabilitationPhase], land_uses: Sequence[LandUseOption],
               handover: HandoverRecord) -> None:
    """Every part of a plan fits the rules and the others.

    Checked in this order, the first problem raised: the site's area; the costs (a currency
    babel knows, a wage and an equipment-day rate above 0); the rates (a known unit, one rate
    per unit and method, person-days above 0 (a rate of 0 is refused), equipment-days and
    supplies not negative, equipment-days above 0 for a mechanised rate); the species (ids
    unique); the topsoil (area above 0 and no larger than the site, depth above 0 and at most
    ``MAX_TOPSOIL_DEPTH`` m, a mixed share above 0 and at most 1, a topsoil rate for its
    method); the five phases in the FRM's order; each task (``_check_task``); the land uses
    (two or more, ids unique); the handover (not assessed before the handover phase starts).

    Raises
    ------
    RehabilitationError
        With ``where`` the field's path, and for a task ``task``.
    """
    if site.area <= 0:
        raise RehabilitationError("rehabilitation.error.site_area", where="site.area",
                                  area=_number(site.area))
    _check_costs(costs)
    _check_rates(rates)
    _unique([s.id for s in species], "species", "rehabilitation.error.species_duplicate")
    _check_topsoil(topsoil, site)
    known_rates: set[tuple[str, str]] = {(rate.unit, rate.method) for rate in rates}
    if ("topsoil", topsoil.method) not in known_rates:
        raise RehabilitationError("rehabilitation.error.topsoil_no_rate",
                                  where="topsoil.method", method=topsoil.method)
    if [phase.phase for phase in phases] != list(PHASES):
        raise RehabilitationError("rehabilitation.error.phases", where="phases",
                                  phases=", ".join(PHASES))
    known_species = {s.id for s in species}
    seen: set[str] = set()
    for p, phase in enumerate(phases):
        for t, task in enumerate(phase.tasks):
            where = f"phases[{p}].tasks[{t}]"
            if task.id in seen:
                raise RehabilitationError("rehabilitation.error.task_duplicate",
                                          where=f"{where}.id", task=task.id)
            seen.add(task.id)
            _check_task(task, where, phase, site, topsoil, known_rates, known_species)
    if len(land_uses) < 2:
        raise RehabilitationError("rehabilitation.error.land_uses_few", where="land_uses")
    _unique([u.id for u in land_uses], "land_uses", "rehabilitation.error.land_use_duplicate")
    handover_start = phases[-1].start
    if handover.assessed_on is not None and handover.assessed_on < handover_start:
        raise RehabilitationError("rehabilitation.error.assessed_before_handover",
                                  where="handover.assessed_on",
                                  assessed_on=handover.assessed_on.isoformat(),
                                  start=handover_start.isoformat())


def _unique(ids: Sequence[str], where: str, key: str) -> None:
    seen: set[str] = set()
    for index, found in enumerate(ids):
        if found in seen:
            raise RehabilitationError(key, where=f"{where}[{index}].id", id=found)
        seen.add(found)


def _check_costs(costs: RehabilitationCosts) -> None:
    if costs.currency not in list_currencies():
        raise RehabilitationError("rehabilitation.error.currency", where="costs.currency",
                                  currency=costs.currency)
    for field in ("wage", "equipment_day"):
        if getattr(costs, field) <= 0:
            raise RehabilitationError(f"rehabilitation.error.{field}_zero",
                                      where=f"costs.{field}",
                                      value=_number(getattr(costs, field)))


def _check_rates(rates: Sequence[UnitRate]) -> None:
    seen: set[tuple[str, str]] = set()
    for index, rate in enumerate(rates):
        where = f"rates[{index}]"
        if rate.unit not in UNITS:
            raise RehabilitationError("rehabilitation.error.rate_unit", where=f"{where}.unit",
                                      unit=rate.unit, units=", ".join(UNITS))
        if (rate.unit, rate.method) in seen:
            raise RehabilitationError("rehabilitation.error.rate_duplicate",
                                      where=f"{where}.method", unit=rate.unit,
                                      method=rate.method)
        seen.add((rate.unit, rate.method))
        if rate.person_days <= 0:
            raise RehabilitationError("rehabilitation.error.rate_zero",
                                      where=f"{where}.person_days", unit=rate.unit,
                                      method=rate.method, value=_number(rate.person_days))
        for field in ("equipment_days", "supplies"):
            if getattr(rate, field) < 0:
                raise RehabilitationError(f"rehabilitation.error.rate_negative_{field}",
                                          where=f"{where}.{field}", unit=rate.unit,
                                          method=rate.method, value=_number(getattr(rate, field)))
        if rate.method == "mechanised" and rate.equipment_days == 0:
            raise RehabilitationError("rehabilitation.error.rate_no_equipment",
                                      where=f"{where}.equipment_days", unit=rate.unit)


def _check_topsoil(topsoil: TopsoilPlan, site: RehabilitationSite) -> None:
    if not 0 < topsoil.area <= site.area_m2:
        raise RehabilitationError("rehabilitation.error.topsoil_area", where="topsoil.area",
                                  area=_number(topsoil.area), site=_number(site.area_m2))
    if not 0 < topsoil.depth <= MAX_TOPSOIL_DEPTH:
        raise RehabilitationError("rehabilitation.error.topsoil_depth", where="topsoil.depth",
                                  depth=_number(topsoil.depth), most=MAX_TOPSOIL_DEPTH)
    if not 0 < topsoil.mixed_share <= 1:
        raise RehabilitationError("rehabilitation.error.mixed_share", where="topsoil.mixed_share",
                                  share=_number(topsoil.mixed_share))


def _check_task(task: RehabilitationTask, where: str, phase: RehabilitationPhase,
                site: RehabilitationSite, topsoil: TopsoilPlan,
                rates: set[tuple[str, str]], species: set[str]) -> None:
    """One task's rules, the first problem raised (``check_plan``'s order, then): a known unit;
    a quantity not negative (a whole number of pits or seedlings); a pit's depth (above 0, at
    most ``MAX_PIT_DEPTH`` m) and opening (above 0, all the pits' openings no larger than the
    site), and neither for other units; an area no larger than the site; no more topsoil than
    the plan conserves; at most ``SEEDLINGS_PER_M2`` seedlings per m² of site; a species, known,
    for seedlings and seed, and none for others; no more working days than calendar days;
    the end not before the start, the start not before the phase's; a rate for the unit and
    method."""
    def fault(key: str, field: str, **params: object) -> RehabilitationError:
        return RehabilitationError(f"rehabilitation.error.{key}", where=f"{where}.{field}",
                                   task=task.id, **params)

    if task.unit not in UNITS:
        raise fault("unknown_unit", "unit", unit=task.unit, units=", ".join(UNITS))
    quantity = exact(task.quantity)
    if quantity < 0:
        raise fault("negative_quantity", "quantity", quantity=_number(quantity))
    if task.unit in ("pit", "seedling") and quantity.denominator != 1:
        raise fault("whole_quantity", "quantity", quantity=_number(quantity))
    if task.unit == "pit":
        if task.depth is None or task.depth <= 0:
            raise fault("pit_depth", "depth")
        if task.depth > MAX_PIT_DEPTH:
            raise fault("pit_too_deep", "depth", depth=_number(task.depth), most=MAX_PIT_DEPTH)
        if task.opening is None or task.opening <= 0:
            raise fault("pit_opening", "opening")
        if quantity * exact(task.opening) > site.area_m2:
            raise fault("pits_wider_than_site", "opening", pits=_number(quantity),
                        opening=_number(task.opening), site=_number(site.area_m2))
    else:
        for field in ("depth", "opening"):
            if getattr(task, field) is not None:
                raise fault(f"not_a_pit_{field}", field)
    if task.unit == "m2" and quantity > site.area_m2:
        raise fault("area_larger_than_site", "quantity", area=_number(quantity),
                    site=_number(site.area_m2))
    volume = exact(topsoil.area) * exact(topsoil.depth)
    if task.unit == "topsoil" and quantity > volume:
        raise fault("more_topsoil_than_plan", "quantity", volume=_number(quantity),
                    topsoil=_number(volume))
    if task.unit == "seedling" and quantity > site.area_m2 * SEEDLINGS_PER_M2:
        raise fault("too_many_seedlings", "quantity", seedlings=_number(quantity),
                    most=_number(site.area_m2 * SEEDLINGS_PER_M2))
    if task.unit in SPECIES_UNITS:
        if task.species is None:
            raise fault("needs_species", "species")
        if task.species not in species:
            raise fault("unknown_species", "species", species=task.species)
    elif task.species is not None:
        raise fault("species_not_for_unit", "species")
    if task.end < task.start:
        raise fault("end_before_start", "end", start=task.start.isoformat(),
                    end=task.end.isoformat())
    if task.unit == "day" and quantity > (task.end - task.start).days + 1:
        raise fault("more_days_than_dates", "quantity", days=_number(quantity),
                    calendar=(task.end - task.start).days + 1)
    if task.start < phase.start:
        raise fault("before_phase", "start", start=task.start.isoformat(),
                    phase_start=phase.start.isoformat())
    if (task.unit, task.method) not in rates:
        raise fault("no_rate", "method", unit=task.unit, method=task.method)


class RehabilitationPlan(Strict):
    """A Rehabilitation Action Plan (guide 2.5), structured to the FRM's five phases (2.4)."""

    site: RehabilitationSite
    costs: RehabilitationCosts
    rates: list[UnitRate]
    species: list[PlantSpecies] = []
    topsoil: TopsoilPlan
    phases: list[RehabilitationPhase]
    land_uses: list[LandUseOption]
    handover: HandoverRecord = HandoverRecord()

    @model_validator(mode="after")
    def _fits(self) -> RehabilitationPlan:
        try:
            check_plan(**self.parts())
        except RehabilitationError as error:
            raise ValueError(f"{error.params['where']}: {error.message('en')}") from None
        return self

    def parts(self) -> dict[str, Any]:
        """The plan's fields by name, as ``check_plan`` takes them."""
        return {name: getattr(self, name) for name in type(self).model_fields}

    def phase(self, name: str) -> RehabilitationPhase:
        """The phase called ``name``."""
        return next(phase for phase in self.phases if phase.phase == name)

    def tasks(self) -> list[tuple[RehabilitationPhase, RehabilitationTask]]:
        """Every task with its phase, phase by phase."""
        return [(phase, task) for phase in self.phases for task in phase.tasks]

    def land_use(self, land_use_id: str) -> LandUseOption:
        """The land-use option with this id."""
        return next(option for option in self.land_uses if option.id == land_use_id)

    def species_named(self, species_id: str) -> PlantSpecies:
        """The species with this id."""
        return next(found for found in self.species if found.id == species_id)
