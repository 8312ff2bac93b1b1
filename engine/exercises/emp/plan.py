"""The community Environmental Management Plan (guide 2.6): interactions, risks and the action plan.

A stakeholder-inclusive EMP maps the land uses and the environmental values of a place, asks
whether each land use's relationship with each value is positive, neutral or negative
(``+``/``N``/``-``), assesses the risk of the negative ones, and agrees control measures that
avoid and mitigate impacts and conflicts, prioritised by importance and urgency, for a plan of
3–5 years with annual review (guide 2.6). Three steps, three functions:

- ``interaction_results``: the land-use × value matrix as the room rated it, cell by cell;
- ``risk_matrix``: likelihood × consequence of the negative cells, in named bands;
- ``action_plan``: the control measures, each tied to the cells it addresses and to a step of
  the mitigation hierarchy, sorted by importance × urgency.

A cell is written ``land_use:value`` (``asm:river``; see ``cell_id``). Conventions on ballots,
weighting and small groups are every kind's (``engine.core.answers``): for each
participant and cell the latest rating counts (phones send one cell at a time); a proxy ballot
(a group's agreed rating) stands for ``voters`` people; weighting ``group`` averages each group's
shares over the groups that rated the cell (the hidden groups pooled, the pool counting once per
hidden group: ``LatestAnswers.group_units``); a group with fewer voters than the workshop's
``small_group_threshold`` is never shown on its own (nor a shown group's cell rated by fewer than
that many of it), but always counted overall. Ranks are competition ranks ("1224"), 1 = first.

References
----------
BBOP (2012). *Standard on Biodiversity Offsets*. Business and Biodiversity Offsets Programme,
Forest Trends, Washington, D.C. (the mitigation hierarchy: avoid, minimise, rehabilitate, offset).
IEC 31010:2019. *Risk management — Risk assessment techniques* (the consequence/likelihood matrix).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from functools import partial
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, StringConstraints, model_validator

from engine.core.answers import BASIC_WEIGHTINGS, Weighting, latest_answers
from engine.core.errors import BallotError, NotFoundError, SetupError
from engine.core.exercise import Exercise
from engine.core.records import Ballot, Room, Strict
from engine.core.suppression import hidden_groups
from engine.core.setup import require_unique_ids
from engine.core.types import SCALE, Id, Labels, Scale, Text
from engine.methods.scales import competition_ranks, quadrant

__all__ = ["VALUE_CATEGORIES", "ValueCategory", "INTERACTIONS", "Interaction", "CellStatus",
           "Hierarchy", "CONSENSUS_SHARE", "CONTESTED_SHARE", "STATUSES", "LandUse",
           "EnvironmentalValue", "STARTER_LAND_USES", "STARTER_VALUES", "cell_id", "split_cell",
           "calls_for_risk", "matrix_cells", "InteractionError", "Ratings", "check_interactions",
           "interaction_checker", "cell_status", "CellResult", "InteractionResult",
           "interaction_results", "PlanError", "RiskBand", "DEFAULT_BANDS", "ACHIEVABLE_PRODUCTS",
           "check_bands", "RiskAssessment", "RiskCell", "RiskMatrix", "risk_matrix",
           "MITIGATION_HIERARCHY", "PLAN_YEARS", "Action", "PlannedAction", "ActionPlan",
           "plan_end", "check_actions", "action_plan", "EnvironmentalPlan", "check_plan",
           "INTERACTION_NAMES", "EmpResult", "emp_results"]

ValueCategory = Literal["natural_feature", "ecosystem_service", "habitat", "species",
                        "protected_area", "sacred_place"]
VALUE_CATEGORIES: tuple[ValueCategory, ...] = ("natural_feature", "ecosystem_service", "habitat",
                                               "species", "protected_area", "sacred_place")
Interaction = Literal["+", "N", "-"]
INTERACTIONS: tuple[Interaction, ...] = ("+", "N", "-")
# Each answer's name, as catalogue keys spell it (``emp.interaction.minus``).
INTERACTION_NAMES = {"+": "plus", "N": "neutral", "-": "minus"}
CONSENSUS_SHARE = Fraction(2, 3)
CONTESTED_SHARE = Fraction(1, 3)
CellStatus = Literal["consensus", "contested", "mixed", "too_few"]
STATUSES: tuple[CellStatus, ...] = ("consensus", "contested", "mixed", "too_few")
Hierarchy = Literal["avoid", "minimise", "rehabilitate", "offset"]
MITIGATION_HIERARCHY: tuple[Hierarchy, ...] = ("avoid", "minimise", "rehabilitate", "offset")
PLAN_YEARS = (3, 5)  # local EMPs are developed for 3–5 years (guide 2.6)

_LOW, _HIGH = SCALE
CellId = Annotated[str, StringConstraints(
    pattern=r"^[a-z0-9][a-z0-9_-]{0,39}:[a-z0-9][a-z0-9_-]{0,39}$")]


class PlanError(SetupError):
    """A risk band, risk assessment or action that does not fit the plan.

    ``params`` always hold ``field`` (the field to fix) and, for an action, ``action`` (its id).
    """


# ---- what the matrix crosses -------------------------------------------------------------------

class LandUse(Strict):
    """A land use or economic activity with a stake in the local environment (a matrix row)."""

    id: Id
    label: Labels
    pictogram: str | None = None


class EnvironmentalValue(Strict):
    """An environmental attribute or value the community identified (a matrix column), guide 2.6:
    natural features, ecosystem services, habitats, species, protected areas and critical natural
    habitats, sacred places."""

    id: Id
    label: Labels
    category: ValueCategory
    pictogram: str | None = None


def _land_use(id: str, en: str, fr: str, pictogram: str) -> LandUse:
    return LandUse(id=id, label={"en": en, "fr": fr}, pictogram=pictogram)


def _value(id: str, category: ValueCategory, en: str, fr: str, pictogram: str
           ) -> EnvironmentalValue:
    return EnvironmentalValue(id=id, category=category, label={"en": en, "fr": fr},
                              pictogram=pictogram)


# The land uses and values the guide names (2.3, 2.6), as a starting point to edit.
STARTER_LAND_USES = [
    _land_use("asm", "Artisanal and small-scale mining", "Orpaillage et petite mine", "⛏️"),
    _land_use("farming", "Farming", "Agriculture", "🌾"),
    _land_use("herding", "Herding", "Élevage", "🐄"),
    _land_use("logging", "Logging and charcoal", "Coupe de bois et charbon", "🔥"),
    _land_use("fishing", "Fishing", "Pêche", "🎣"),
    _land_use("large-scale-mining", "Large-scale mining", "Mine industrielle", "🏭"),
    _land_use("settlement", "Villages and settlements", "Villages et habitations", "🏘️"),
]
STARTER_VALUES = [
    _value("river", "natural_feature", "Rivers and streams", "Rivières et ruisseaux", "🏞️"),
    _value("drinking-water", "ecosystem_service", "Drinking water", "Eau potable", "💧"),
    _value("fertile-soil", "ecosystem_service", "Fertile soil", "Sols fertiles", "🌱"),
    _value("forest", "habitat", "Forest", "Forêt", "🌳"),
    _value("wetland", "habitat", "Wetlands", "Zones humides", "🐸"),
    _value("fish", "species", "Fish", "Poissons", "🐟"),
    _value("threatened-species", "species", "Threatened species", "Espèces menacées", "🦍"),
    _value("protected-area", "protected_area", "Protected areas and critical habitats",
           "Aires protégées et habitats critiques", "🛡️"),
    _value("sacred-site", "sacred_place", "Sacred sites", "Sites sacrés", "🙏"),
]


def cell_id(land_use: str, value: str) -> str:
    """The id of a matrix cell: ``cell_id("asm", "river") == "asm:river"``."""
    return f"{land_use}:{value}"


def split_cell(cell: str) -> tuple[str, str]:
    """The land use and the value of a cell id: ``split_cell("asm:river") == ("asm", "river")``."""
    land_use, _, value = cell.partition(":")
    return land_use, value


def matrix_cells(land_uses: Sequence[LandUse], values: Sequence[EnvironmentalValue]) -> list[str]:
    """Every cell of the matrix, row by row (land-use order, then value order)."""
    return [cell_id(u.id, v.id) for u in land_uses for v in values]


# ---- interaction ballots -----------------------------------------------------------------------

class InteractionError(BallotError):
    """An interaction ballot that cannot be accepted (unknown cell, rating not +, N or -)."""


class Ratings(Strict):
    """An EMP ballot's answer: {cell: "+" | "N" | "-"} for one or more cells (a phone rates one
    cell at a time; a group's flipchart may rate many)."""

    ratings: Annotated[dict[CellId, Interaction], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _checked(cls, data: Any) -> Any:
        """Something rated, and each rating +, N or -, said with the engine's own messages."""
        if isinstance(data, Mapping) and isinstance(data.get("ratings"), Mapping):
            ratings = data["ratings"]
            if not ratings:
                raise InteractionError("ballot.no_cells")
            for cell, rating in ratings.items():
                if rating not in INTERACTIONS:
                    raise InteractionError("ballot.bad_interaction", cell=cell, rating=rating)
        return data


def check_interactions(ratings: Mapping[str, object], land_uses: Sequence[LandUse],
                       values: Sequence[EnvironmentalValue]) -> dict[str, Interaction]:
    """The ratings of a ballot, checked against the matrix, in matrix order.

    Raises
    ------
    InteractionError
        ``ballot.no_cells`` (nothing rated), ``ballot.unknown_cells``, or
        ``ballot.bad_interaction`` (a rating other than ``+``, ``N`` or ``-``), in that order.
    """
    return interaction_checker(land_uses, values)(ratings)


def interaction_checker(land_uses: Sequence[LandUse], values: Sequence[EnvironmentalValue]
                        ) -> Callable[[Mapping[str, object]], dict[str, Interaction]]:
    """``check_interactions`` for many ballots on one matrix, its cells listed only once.

    A room rates one cell per ballot, so a workshop holds thousands of ballots; listing every
    cell for each of them was most of the time it took to read a workshop.
    """
    position = {cell: index for index, cell in enumerate(matrix_cells(land_uses, values))}

    def check(ratings: Mapping[str, object]) -> dict[str, Interaction]:
        if not ratings:
            raise InteractionError("ballot.no_cells")
        unknown = sorted(str(cell) for cell in ratings if cell not in position)
        if unknown:
            raise InteractionError("ballot.unknown_cells", cells=", ".join(unknown))
        checked: dict[str, Interaction] = {}
        for cell in sorted(ratings, key=position.__getitem__):
            rating = ratings[cell]
            if rating not in INTERACTIONS:
                raise InteractionError("ballot.bad_interaction", cell=cell, rating=rating)
            checked[cell] = rating
        return checked

    return check


# ---- interaction results -----------------------------------------------------------------------

def cell_status(shares: Mapping[str, Fraction], voters: int, min_voters: int = 3
                ) -> CellStatus:
    """Whether the room agrees on a cell, from its shares of ``+``, ``N`` and ``-``.

    The first rule that applies:

    1. ``contested``: ``+`` and ``-`` each have at least 1/3 of the answers. A third of the room
       sees the opposite sign: the relationship itself is in dispute, whatever the majority, so
       it goes to discussion (guide 2.6: "conflicts, neutral relationships, positive synergies").
    2. ``too_few``: fewer than ``min_voters`` people rated the cell; no consensus can be claimed.
    3. ``consensus``: one answer has at least 2/3 of the answers (a two-thirds qualified majority).
    4. ``mixed``: otherwise.

    Examples
    --------
    Two of three say ``-`` and one says ``N``: consensus. Two say ``-`` and one ``+``: contested.

    >>> from fractions import Fraction as F
    >>> cell_status({"+": F(0), "N": F(1, 3), "-": F(2, 3)}, voters=3)
    'consensus'
    >>> cell_status({"+": F(1, 3), "N": F(0), "-": F(2, 3)}, voters=3)
    'contested'
    """
    if shares["+"] >= CONTESTED_SHARE and shares["-"] >= CONTESTED_SHARE:
        return "contested"
    if voters < min_voters:
        return "too_few"
    if max(shares.values()) >= CONSENSUS_SHARE:
        return "consensus"
    return "mixed"


class CellResult(BaseModel):
    """One cell of the interaction matrix.

    ``shares`` of ``+``, ``N`` and ``-`` sum to 1 (all 0 when nobody rated the cell). ``counts``
    are people per answer under person weighting (``None`` under group weighting). ``majority``
    is the answer with the largest share, ``None`` when two answers tie for it or nobody rated.
    ``status`` follows ``cell_status``; ``consensus`` and ``contested`` repeat it as flags.
    """

    cell: str
    land_use: str
    value: str
    voters: int
    shares: dict[str, float]
    counts: dict[str, int] | None = None
    majority: Interaction | None
    status: CellStatus
    consensus: bool
    contested: bool


class InteractionResult(BaseModel):
    """The interaction matrix under one weighting, overall and per group.

    ``cells`` are in matrix order (row by row). ``negative``: the cells to assess for risk
    (``calls_for_risk``: ``-`` leads, alone or tied, or the cell is contested), in matrix order.
    """

    weighting: Weighting
    voters: int
    min_voters: int
    consensus_share: float
    contested_share: float
    cells: list[CellResult]
    groups: dict[str, list[CellResult]]
    hidden_groups: list[str]
    negative: list[str]


def interaction_results(room: Room, land_uses: Sequence[LandUse],
                        values: Sequence[EnvironmentalValue], ballots: Sequence[Ballot],
                        weighting: str = "person", min_voters: int = 3) -> InteractionResult:
    """The land-use × value matrix as the room rated it: per cell, shares, majority and status.

    Parameters
    ----------
    room : Room
        Whose participants (their groups), groups (their order) and ``small_group_threshold``
        apply; ballots of anyone else are left out.
    land_uses, values : sequences
        The matrix's rows and columns, in display order.
    ballots : sequence of Ballot
        With ``Ratings`` answers.
        Every ballot in the order cast; each participant's latest rating of each cell counts.
    weighting : {"person", "group"}, default "person"
        ``person``: share = people giving the answer / people who rated the cell. ``group``: the
        plain mean of the share vectors of the groups that rated the cell.
    min_voters : int ≥ 1, default 3
        The fewest people who must rate a cell before it can show consensus (``cell_status``).

    Raises
    ------
    InteractionError
        A ballot that does not fit the matrix (``check_interactions``).
    NotFoundError
        ``weighting.unknown``.
    SetupError
        ``setup.invalid`` for duplicate land-use or value ids, or ``min_voters`` below 1.
    """
    if weighting not in BASIC_WEIGHTINGS:
        raise NotFoundError("weighting.unknown", weighting=weighting)
    if min_voters < 1:
        raise SetupError("setup.invalid", where="min_voters", problem="must be at least 1")
    require_unique_ids(land_uses, "land_uses")
    require_unique_ids(values, "values")
    check = interaction_checker(land_uses, values)
    latest = latest_answers(ballots, room, lambda b: check(b.answer.ratings))
    every = matrix_cells(land_uses, values)
    group_counts = {group: {cell: _counts(entries) for cell, entries in per.items()}
                    for group, per in latest.entries.items()}
    hidden = hidden_groups(room, latest.voters)
    units = latest.group_units(hidden)  # the hidden groups pooled (see there why)
    overall = []
    for cell in every:
        rated = [counts[cell] for counts in group_counts.values() if cell in counts]
        if weighting == "person":
            total: dict[str, int] = {r: sum(c[r] for c in rated) for r in INTERACTIONS}
            overall.append(_cell(cell, _shares(total), sum(total.values()), min_voters, total))
        else:
            averaged = [_counts(unit[cell]) for unit in units if cell in unit]
            shares: dict[str, Fraction] = {
                r: sum((_shares(c)[r] for c in averaged), Fraction(0)) / (len(averaged) or 1)
                for r in INTERACTIONS}
            overall.append(_cell(cell, shares, sum(sum(c.values()) for c in rated), min_voters))
    threshold = room.small_group_threshold
    shown: dict[str, list[CellResult]] = {}
    for group in room.groups:
        if group.id not in group_counts or group.id in hidden:
            continue
        counts = group_counts[group.id]
        shown[group.id] = [_cell(cell, _shares(counts[cell]), sum(counts[cell].values()),
                                 min_voters, counts[cell])
                           for cell in every
                           if cell in counts and sum(counts[cell].values()) >= threshold]
    return InteractionResult(
        weighting=weighting, voters=sum(latest.voters.values()), min_voters=min_voters,
        consensus_share=float(CONSENSUS_SHARE), contested_share=float(CONTESTED_SHARE),
        cells=overall, groups=shown, hidden_groups=hidden,
        negative=[c.cell for c in overall if calls_for_risk(c)])


def calls_for_risk(cell: CellResult) -> bool:
    """Whether a cell goes on to the risk assessment: its majority is ``-``, or ``-`` ties for
    the largest share (no majority, but harm is as likely an answer as any: precaution), or it
    is contested (a third of the room sees harm where another third sees benefit)."""
    harm_leads = cell.voters > 0 and cell.shares["-"] == max(cell.shares.values())
    return cell.majority == "-" or harm_leads or cell.contested


def _counts(entries: list[tuple[int, Interaction]]) -> dict[str, int]:
    """People per answer: each rating counts as many times as the people behind it."""
    counts: dict[str, int] = dict.fromkeys(INTERACTIONS, 0)
    for voters, rating in entries:
        counts[rating] += voters
    return counts


def _shares(counts: Mapping[str, int]) -> dict[str, Fraction]:
    total = sum(counts.values())
    return {r: Fraction(counts[r], total) if total else Fraction(0) for r in INTERACTIONS}


def _cell(cell: str, shares: dict[str, Fraction], voters: int, min_voters: int,
          counts: dict[str, int] | None = None) -> CellResult:
    top = max(shares.values())
    leaders = [r for r in INTERACTIONS if shares[r] == top]
    status = cell_status(shares, voters, min_voters)
    land_use, value = split_cell(cell)
    return CellResult(
        cell=cell, land_use=land_use, value=value, voters=voters,
        shares={r: round(float(s), 6) for r, s in shares.items()},
        counts=dict(counts) if counts is not None else None,
        majority=leaders[0] if voters and len(leaders) == 1 else None, status=status,
        consensus=status == "consensus", contested=status == "contested")


# ---- the risk matrix ---------------------------------------------------------------------------

#: Every product likelihood × consequence can take on a 5 × 5 grid. 7, 11, 13, 14, 17–19 and
#: 21–24 cannot occur (they are primes above 5 or need a factor above 5), so bands may skip them.
ACHIEVABLE_PRODUCTS = tuple(sorted({likelihood * consequence
                                    for likelihood in range(_LOW, _HIGH + 1)
                                    for consequence in range(_LOW, _HIGH + 1)}))


class RiskBand(Strict):
    """A named band of risk products, ``low`` to ``high`` inclusive (e.g. medium: 5–10)."""

    name: Id
    low: Annotated[int, Field(ge=_LOW * _LOW, le=_HIGH * _HIGH)]
    high: Annotated[int, Field(ge=_LOW * _LOW, le=_HIGH * _HIGH)]

    @model_validator(mode="after")
    def _ordered(self) -> RiskBand:
        if self.low > self.high:
            raise ValueError(f"low ({self.low}) is above high ({self.high})")
        return self


# Low 1–4, medium 5–10, high 12–25. 11 belongs to no band: no likelihood × consequence on a
# 5 × 5 grid makes 11, so the bands still cover every product that can occur.
DEFAULT_BANDS = (RiskBand(name="low", low=1, high=4), RiskBand(name="medium", low=5, high=10),
                 RiskBand(name="high", low=12, high=25))


def check_bands(bands: Sequence[RiskBand]) -> list[RiskBand]:
    """The bands from lowest to highest, checked: distinct names, no overlap, no band that no
    product can fall in, and every ``ACHIEVABLE_PRODUCTS`` in exactly one band.

    Gaps are allowed only where no product can occur (11 in the default bands): the bands are
    contiguous over the products that can occur.

    Raises
    ------
    PlanError
        ``emp.band_duplicate``, ``emp.bands_overlap``, ``emp.band_empty`` or
        ``emp.bands_uncovered``, in that order, with ``field="bands"``.
    """
    seen: set[str] = set()
    for band in bands:
        if band.name in seen:
            raise PlanError("emp.band_duplicate", field="bands", band=band.name)
        seen.add(band.name)
    ordered = sorted(bands, key=lambda band: band.low)
    for lower, upper in pairwise(ordered):
        if upper.low <= lower.high:
            raise PlanError("emp.bands_overlap", field="bands", band=lower.name, other=upper.name)
    for band in ordered:
        if not any(band.low <= p <= band.high for p in ACHIEVABLE_PRODUCTS):
            raise PlanError("emp.band_empty", field="bands", band=band.name, low=band.low,
                            high=band.high)
    uncovered = [p for p in ACHIEVABLE_PRODUCTS
                 if not any(band.low <= p <= band.high for band in ordered)]
    if uncovered:
        raise PlanError("emp.bands_uncovered", field="bands",
                        products=", ".join(map(str, uncovered)))
    return ordered


def _band_of(product: int, bands: Iterable[RiskBand]) -> str:
    """The band ``product`` falls in (``check_bands`` made sure there is one)."""
    return next(band.name for band in bands if band.low <= product <= band.high)


class RiskAssessment(Strict):
    """The room's assessment of a negative cell: likelihood and consequence, 1 (low) to 5 (high)."""

    cell: CellId
    likelihood: Scale
    consequence: Scale


class RiskCell(BaseModel):
    """One assessed cell: ``product`` = likelihood × consequence (1–25) and its ``band`` name,
    ranked by product (1 = the highest risk)."""

    cell: str
    land_use: str
    value: str
    likelihood: int
    consequence: int
    product: int
    band: str
    rank: int


class RiskMatrix(BaseModel):
    """Assessed cells, highest risk first (ties in matrix order), and the band of every square
    of the 5 × 5 grid: ``grid[likelihood - 1][consequence - 1]``. ``unassessed``: the negative
    cells given to ``risk_matrix`` that have no assessment yet."""

    bands: list[RiskBand]
    grid: list[list[str]]
    cells: list[RiskCell]
    unassessed: list[str]


def risk_matrix(land_uses: Sequence[LandUse], values: Sequence[EnvironmentalValue],
                assessments: Sequence[RiskAssessment], bands: Sequence[RiskBand] = DEFAULT_BANDS,
                negative: Sequence[str] = ()) -> RiskMatrix:
    """The risk matrix of the negative interactions: likelihood × consequence, in named bands.

    The classic qualitative risk matrix (IEC 31010:2019, the consequence/likelihood matrix):
    each square's risk is the product of its likelihood and consequence scores, and a band
    (low, medium, high) names it, so the presenter shows "high", not only "16".

    Parameters
    ----------
    land_uses, values : sequences
        The matrix's rows and columns.
    assessments : sequence of RiskAssessment
        At most one per cell.
    bands : sequence of RiskBand, default ``DEFAULT_BANDS`` (low 1–4, medium 5–10, high 12–25)
        Checked by ``check_bands``.
    negative : sequence of cell ids, default none
        The cells that call for an assessment (``InteractionResult.negative``).

    Raises
    ------
    PlanError
        A band problem (``check_bands``); ``emp.risk_unknown_cell`` or
        ``emp.risk_duplicate_cell`` with ``field="cell"``.
    """
    ordered = check_bands(bands)
    position = {cell: index for index, cell in enumerate(matrix_cells(land_uses, values))}
    seen: set[str] = set()
    for assessment in assessments:
        if assessment.cell not in position:
            raise PlanError("emp.risk_unknown_cell", field="cell", cell=assessment.cell)
        if assessment.cell in seen:
            raise PlanError("emp.risk_duplicate_cell", field="cell", cell=assessment.cell)
        seen.add(assessment.cell)
    assessed = sorted(assessments, key=lambda a: position[a.cell])
    products = [a.likelihood * a.consequence for a in assessed]
    rows = [RiskCell(cell=a.cell, land_use=split_cell(a.cell)[0], value=split_cell(a.cell)[1],
                     likelihood=a.likelihood, consequence=a.consequence, product=product,
                     band=_band_of(product, ordered), rank=rank)
            for a, product, rank in zip(assessed, products, competition_ranks(products))]
    scale = range(_LOW, _HIGH + 1)
    return RiskMatrix(
        bands=ordered, grid=[[_band_of(likelihood * consequence, ordered) for consequence in scale]
                             for likelihood in scale],
        cells=sorted(rows, key=lambda row: row.rank),
        unassessed=[cell for cell in negative if cell not in seen])


# ---- the action plan ---------------------------------------------------------------------------

Priority = Annotated[float, Field(ge=_LOW, le=_HIGH)]


class Action(Strict):
    """A control measure: what is done, about which cells, at which step of the mitigation
    hierarchy, how important and urgent (1–5; means from a prioritisation exercise are fine),
    who is responsible, in which plan years (1 = the first year), and when it is next reviewed.

    The mitigation hierarchy (BBOP 2012; guide 2.4, note 3): ``avoid`` impacts first, then
    ``minimise`` them, then ``rehabilitate`` (restore), and only then ``offset``. In ASM,
    like-for-like biodiversity offsets are not appropriate; ``offset`` here means targeted
    additional conservation or compensatory actions (guide, note 3).
    """

    id: Id
    label: Labels
    cells: list[str]
    hierarchy: Hierarchy
    importance: Priority
    urgency: Priority
    responsible: Text = Field(description="The actor responsible: a group id or a name.")
    years: list[int]
    review: dt.date


class PlannedAction(BaseModel):
    """An action's line in the plan: ``score`` = importance × urgency (1–25), its ``rank``
    (1 = do first) and its quadrant (``engine.methods.scales.quadrant``)."""

    action: str
    rank: int
    score: float
    importance: float
    urgency: float
    quadrant: str
    hierarchy: str
    cells: list[str]
    responsible: str
    years: list[int]
    review: dt.date


class ActionPlan(BaseModel):
    """The prioritised plan: actions by rank; ``by_year`` lists, for each plan year 1…n, the
    actions due that year in priority order; ``unaddressed``: negative cells no action covers."""

    start: dt.date
    end: dt.date
    plan_years: int
    actions: list[PlannedAction]
    by_year: dict[int, list[str]]
    unaddressed: list[str]


def plan_end(start: dt.date, plan_years: int) -> dt.date:
    """The last day of a plan of ``plan_years`` years from ``start`` (a 29 February start ends
    on the last day of February)."""
    year = start.year + plan_years
    try:
        anniversary = start.replace(year=year)
    except ValueError:  # 29 February in a year without one
        anniversary = dt.date(year, 3, 1)
    return anniversary - dt.timedelta(days=1)


def check_actions(land_uses: Sequence[LandUse], values: Sequence[EnvironmentalValue],
                  actions: Sequence[Action], start: dt.date, plan_years: int = 5) -> None:
    """Every action fits the plan: it addresses known cells, falls within the plan's years and
    is reviewed during the plan.

    Raises
    ------
    PlanError
        ``emp.plan_years`` (not 3–5, ``field="plan_years"``); then, for the first action at
        fault, naming it in ``action``: ``emp.action_duplicate`` (``id``),
        ``emp.action_no_cells`` / ``emp.action_unknown_cells`` (``cells``),
        ``emp.action_no_years`` / ``emp.action_year_outside_plan`` (``years``),
        ``emp.action_review_before_start`` / ``emp.action_review_after_end`` (``review``).
    """
    low, high = PLAN_YEARS
    if not low <= plan_years <= high:
        raise PlanError("emp.plan_years", field="plan_years", plan_years=plan_years, low=low,
                        high=high)
    known = set(matrix_cells(land_uses, values))
    end = plan_end(start, plan_years)
    seen: set[str] = set()
    for action in actions:
        fault = partial(_fault, action)
        if action.id in seen:
            raise fault("emp.action_duplicate", "id")
        seen.add(action.id)
        if not action.cells:
            raise fault("emp.action_no_cells", "cells")
        unknown = [cell for cell in action.cells if cell not in known]
        if unknown:
            raise fault("emp.action_unknown_cells", "cells", cells=", ".join(unknown))
        if not action.years:
            raise fault("emp.action_no_years", "years")
        outside = next((year for year in action.years if not 1 <= year <= plan_years), None)
        if outside is not None:
            raise fault("emp.action_year_outside_plan", "years", year=outside,
                        plan_years=plan_years)
        if action.review < start:
            raise fault("emp.action_review_before_start", "review",
                        review=action.review.isoformat(), start=start.isoformat())
        if action.review > end:
            raise fault("emp.action_review_after_end", "review",
                        review=action.review.isoformat(), end=end.isoformat())


def _fault(action: Action, key: str, field: str, **params: object) -> PlanError:
    """The error for ``action``'s ``field``."""
    return PlanError(key, action=action.id, field=field, **params)


def action_plan(land_uses: Sequence[LandUse], values: Sequence[EnvironmentalValue],
                actions: Sequence[Action], start: dt.date, plan_years: int = 5,
                negative: Sequence[str] = ()) -> ActionPlan:
    """The prioritised action plan: actions by importance × urgency, highest first.

    Actions are ranked like the items of an importance × urgency exercise (guide 2.6: prioritise
    actions "in terms of importance and urgency"): score = importance × urgency, competition
    ranks ("1224"), quadrant from ``engine.methods.scales.quadrant``. Tied actions are listed in
    mitigation-hierarchy order (avoid before minimise before rehabilitate before offset: the
    hierarchy prefers the earlier step, BBOP 2012), then in the order given.

    Parameters
    ----------
    land_uses, values : sequences
        The matrix's rows and columns, which the actions' cells must belong to.
    actions : sequence of Action
    start : date
        The first day of the plan.
    plan_years : int, 3–5, default 5
    negative : sequence of cell ids, default none
        The negative cells (``InteractionResult.negative``); those no action addresses are
        returned as ``unaddressed``.

    Raises
    ------
    PlanError
        See ``check_actions``.
    """
    check_actions(land_uses, values, actions, start, plan_years)
    scores = [round(a.importance * a.urgency, 6) for a in actions]
    ranks = competition_ranks(scores)
    order = sorted(range(len(actions)),
                   key=lambda i: (ranks[i], MITIGATION_HIERARCHY.index(actions[i].hierarchy), i))
    planned = [PlannedAction(
        action=a.id, rank=ranks[i], score=scores[i], importance=a.importance, urgency=a.urgency,
        quadrant=quadrant(a.importance, a.urgency), hierarchy=a.hierarchy, cells=list(a.cells),
        responsible=a.responsible, years=sorted(set(a.years)), review=a.review)
        for i, a in ((i, actions[i]) for i in order)]
    covered = {cell for a in actions for cell in a.cells}
    return ActionPlan(
        start=start, end=plan_end(start, plan_years), plan_years=plan_years, actions=planned,
        by_year={year: [p.action for p in planned if year in p.years]
                 for year in range(1, plan_years + 1)},
        unaddressed=[cell for cell in negative if cell not in covered])


# ---- the plan as the workshop file holds it ----------------------------------------------------

def check_plan(land_uses: Sequence[LandUse], values: Sequence[EnvironmentalValue],
               bands: Sequence[RiskBand], assessments: Sequence[RiskAssessment],
               actions: Sequence[Action], start: dt.date, plan_years: int) -> None:
    """Every part of a plan fits the others: unique rows and columns, sound bands, assessments
    of known cells (once each), and actions that fit the plan (``check_actions``).

    Raises
    ------
    SetupError
        ``setup.invalid`` for a duplicate land-use or value id; ``PlanError`` otherwise.
    """
    require_unique_ids(land_uses, "land_uses")
    require_unique_ids(values, "values")
    risk_matrix(land_uses, values, assessments, bands)
    check_actions(land_uses, values, actions, start, plan_years)


class EnvironmentalPlan(Strict):
    """A community EMP as the facilitator designs it: the matrix's land uses and values, the
    risk bands and assessments of the negative cells, and the action plan."""

    land_uses: Annotated[list[LandUse], Field(min_length=1)]
    values: Annotated[list[EnvironmentalValue], Field(min_length=1)]
    bands: list[RiskBand] = list(DEFAULT_BANDS)
    assessments: list[RiskAssessment] = Field(
        [], description="Likelihood and consequence of negative cells, as the room agreed them.")
    start: dt.date = Field(description="The first day of the plan.")
    plan_years: Annotated[int, Field(ge=PLAN_YEARS[0], le=PLAN_YEARS[1])] = 5
    actions: list[Action] = []

    @model_validator(mode="after")
    def _fits(self) -> EnvironmentalPlan:
        try:
            check_plan(self.land_uses, self.values, self.bands, self.assessments, self.actions,
                       self.start, self.plan_years)
        except PlanError as error:
            field = error.params["field"]
            if "action" in error.params:
                named = [i for i, a in enumerate(self.actions) if a.id == error.params["action"]]
                # A repeated id is the second action's fault; any other, the only one's.
                index = named[1] if error.key == "emp.action_duplicate" else named[0]
                field = f"actions[{index}].{field}"
            elif field == "cell":
                field = "assessments"
            raise ValueError(f"{field}: {error.message('en')}") from None
        except SetupError as error:
            raise ValueError(f"{error.params['where']}: {error.params['problem']}") from None
        return self

    def cell(self, cell: str) -> tuple[LandUse, EnvironmentalValue]:
        """The land use and the value a cell of the matrix crosses (``asm:river``)."""
        land_use, value = split_cell(cell)
        return (next(u for u in self.land_uses if u.id == land_use),
                next(v for v in self.values if v.id == value))


# ---- the whole plan of a workshop --------------------------------------------------------------

class EmpResult(BaseModel):
    """A workshop's EMP under one weighting: the interaction matrix, the risk matrix of its
    negative cells and the action plan (whose ``unaddressed`` are negative cells no action
    covers). "Negative" follows the interactions' weighting."""

    interactions: InteractionResult
    risks: RiskMatrix
    plan: ActionPlan


def emp_results(exercise: Exercise, room: Room, weighting: str = "person") -> EmpResult:
    """The three steps of an EMP, the negative cells found under ``weighting`` passed on to the
    risk matrix and the action plan.

    Raises
    ------
    NotFoundError
        ``weighting.unknown``.
    """
    emp: EnvironmentalPlan = exercise.design
    interactions = interaction_results(room, emp.land_uses, emp.values, exercise.ballots,
                                       weighting)
    negative = interactions.negative
    return EmpResult(
        interactions=interactions,
        risks=risk_matrix(emp.land_uses, emp.values, emp.assessments, emp.bands, negative),
        plan=action_plan(emp.land_uses, emp.values, emp.actions, emp.start, emp.plan_years,
                         negative))


def status_counts(cells: Sequence[CellResult]) -> dict[str, int]:
    """How many cells have each status, in ``STATUSES`` order (every status, 0 if none).

    >>> status_counts([])
    {'consensus': 0, 'contested': 0, 'mixed': 0, 'too_few': 0}
    """
    return {status: sum(1 for cell in cells if cell.status == status) for status in STATUSES}


__all__ += ["status_counts"]
