"""Results by group, gender and age: any kind's results for each part of the room, compared with
the rest of it, with small parts protected.

The guide asks that every affected sub-group be heard and that women's, youth's and elders'
views do not vanish into averages (1.3, 2.1.1). A *cut* splits the room by one attribute or by
the group and one attribute (``CUTS``: group, gender, age, group × gender, group × age); a
*cell* is one combination of values (the women; the women panners aged 60 and over) with the
people in it who answered. ``cut_results`` gives, for each cell of a cut:

- its voters (the people it counts: a proxy tally of 12 women counts 12);
- what the kind's results rank for that part of the room alone
  (``spec.results(exercise, room.only(cell))``, read through ``ExerciseKind.ranking``), best
  first;
- how far it is from the rest of the room (everyone who answered and is not in the cell):
  Kendall's τ_b and Spearman's ρ between the two rankings over what both rank, and the three
  things ranked most differently (``engine.methods.social_choice``; Kendall 1945, Spearman
  1904).

It goes through the registry and names no kind: a kind whose results rank nothing gives each
cell's voters only.

Privacy (``engine.core.suppression``): the cells of all five cuts are protected together, since
they add up to each other and to the room's total: a cell of fewer people than the small-group
threshold is hidden, and so are as many others as it takes for no hidden cell to be worked out
by subtracting shown ones from a shown total. A hidden cell shows neither its voters nor its
ranking. The groups hidden are the same as in each kind's own results (``hidden_groups``).
An attribute not given counts as "prefer not to say" (``profile.value_of``).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from itertools import product

from pydantic import BaseModel

from engine.core import i18n, profile
from engine.core.errors import NotFoundError
from engine.core.exercise import Exercise, Ranked
from engine.core.records import Participant, Room
from engine.core.suppression import Cell, Sum, hidden_groups, suppress
from engine.core.types import label
from engine.methods import social_choice as sc

__all__ = ["GROUP", "DIMENSIONS", "CUTS", "Cut", "parse_cut", "offered_cuts", "RankGap",
           "Divergence", "CutCell", "CutResult", "cut_results", "cut_name", "cell_name",
           "value_name", "protected_cells", "cut_table", "results_by"]

GROUP = "group"
#: What a room can be split by: the stakeholder group, then each profile attribute.
DIMENSIONS: tuple[str, ...] = (GROUP, *profile.ATTRIBUTE_IDS)
Cut = tuple[str, ...]
#: The cuts offered: each dimension alone, and the group with each attribute.
CUTS: tuple[Cut, ...] = (*((d,) for d in DIMENSIONS),
                         *((GROUP, a) for a in profile.ATTRIBUTE_IDS))
#: How many things ranked most differently a cell's divergence lists.
TOP_DIFFERENCES = 3

CellKey = tuple[tuple[str, str], ...]  # ((dimension, value), …) in the cut's order


def parse_cut(text: str) -> Cut:
    """A cut from its written form (``group,gender``); ``NotFoundError`` naming the cuts offered
    if it is not one of ``CUTS``."""
    cut = tuple(part.strip() for part in text.split(","))
    if cut not in CUTS:
        raise NotFoundError("cut.unknown", cut=text, cuts=" | ".join(",".join(c) for c in CUTS))
    return cut


def offered_cuts(room: Room, asked: Iterable[str]) -> list[Cut]:
    """The cuts worth offering for a room: by group always; by an attribute (alone and with the
    group) when the workshop asks it or a participant has answered it."""
    answered = {a for p in room.participants for a in p.attributes}
    useful = {a for a in profile.ATTRIBUTE_IDS if a in set(asked) | answered}
    return [cut for cut in CUTS if all(d == GROUP or d in useful for d in cut)]


class RankGap(BaseModel):
    """One thing a cell and the rest of the room rank differently: its ranks in each."""

    id: str
    rank: int
    rest_rank: int


class Divergence(BaseModel):
    """How a cell's ranking compares with the rest of the room's, over what both rank: Kendall's
    τ_b and Spearman's ρ (1 the same order, −1 the reverse; None when undefined: fewer than two
    things, or one side ties them all), and the things ranked most differently, largest gap
    first."""

    rest_voters: int
    kendall_tau: float | None
    spearman_rho: float | None
    differences: list[RankGap]


class CutCell(BaseModel):
    """One cell of a cut: its values (dimension → value: ``{"group": "miners", "gender":
    "woman"}``), whether it is hidden, and, when shown, its voters, its ranking (None for a kind
    that ranks nothing) and its divergence from the rest of the room (None when the rest is too
    small to compare, or nothing is ranked)."""

    values: dict[str, str]
    hidden: bool
    voters: int | None = None
    ranking: list[Ranked] | None = None
    divergence: Divergence | None = None


class CutResult(BaseModel):
    """An exercise's results cut one way: every cell with at least one voter, in the workshop's
    group order and the profile's answer order; how many are hidden; the room's voters and the
    threshold."""

    exercise: str
    cut: list[str]
    voters: int
    small_group_threshold: int
    cells: list[CutCell]
    hidden: int


@dataclass(frozen=True)
class _Cells:
    """Every cell of every cut for one exercise and room, and which are hidden."""

    members: dict[CellKey, frozenset[str]]
    voters: dict[CellKey, int]
    hidden: set[Hashable]


def _value(participant: Participant, dimension: str) -> str:
    if dimension == GROUP:
        return participant.group
    return profile.value_of(participant.attributes, dimension)


def _values(room: Room, dimension: str) -> list[str]:
    if dimension == GROUP:
        return [group.id for group in room.groups]
    return list(profile.attribute(dimension).value_ids)


def _keys(room: Room, cut: Cut) -> list[CellKey]:
    """Every combination of the cut's values, in order."""
    return [tuple(zip(cut, combination))
            for combination in product(*(_values(room, d) for d in cut))]


def protected_cells(exercise: Exercise, room: Room) -> _Cells:
    """Every cell of every cut, with its members (the tokens of who answered), its voters, and
    which cells are hidden (``engine.core.suppression``, the groups as the kinds hide them)."""
    spec = exercise.spec
    answered = {b.participant for b in exercise.ballots} & set(room.group_of)
    people = [p for p in room.participants if p.token in answered]
    members: dict[CellKey, frozenset[str]] = {}
    voters: dict[CellKey, int] = {}
    for cut in CUTS:
        for key in _keys(room, cut):
            inside = frozenset(p.token for p in people
                               if all(_value(p, d) == v for d, v in key))
            members[key] = inside
            voters[key] = (sum(spec.voters_by_group(exercise, room.only(inside)).values())
                           if inside else 0)
    by_group = {g: voters[((GROUP, g),)] for g in _values(room, GROUP)}
    groups_hidden = hidden_groups(room, by_group)
    cells = [Cell(key, members[key], voters[key], fixed=len(key) == 1 and key[0][0] == GROUP)
             for key in members]
    sums = [Sum(None, tuple(_keys(room, (d,)))) for d in DIMENSIONS]
    for attribute_id in profile.ATTRIBUTE_IDS:
        for group in _values(room, GROUP):
            sums.append(Sum(((GROUP, group),), tuple(
                ((GROUP, group), (attribute_id, v)) for v in _values(room, attribute_id))))
        for value in _values(room, attribute_id):
            sums.append(Sum(((attribute_id, value),), tuple(
                ((GROUP, g), (attribute_id, value)) for g in _values(room, GROUP))))
    hidden = suppress(cells, sums, room.small_group_threshold,
                      hidden=[((GROUP, g),) for g in groups_hidden])
    return _Cells(members, voters, hidden)


def cut_results(exercise: Exercise, room: Room, cut: Sequence[str], **options: str
                ) -> CutResult:
    """The exercise's results for each cell of ``cut`` (one of ``CUTS``), under the kind's result
    ``options``; see the module docstring. Ballots of people not in ``room`` (or excluded) are
    left out, as in every result.

    Examples
    --------
    Threshold 3; the women cast 5 ballots, the men 4, one participant said nothing of their
    gender. The "prefer not to say" cell (1 person) is hidden, and so is the men's (the next
    smallest), or it would be the room's 10 minus the women's 5 and the men's 4: the cut shows
    the women's ranking and 5 voters, and two hidden cells.
    """
    chosen = tuple(cut)
    if chosen not in CUTS:
        raise NotFoundError("cut.unknown", cut=",".join(chosen),
                            cuts=" | ".join(",".join(c) for c in CUTS))
    spec = exercise.spec
    found = protected_cells(exercise, room)
    everyone = frozenset().union(*(found.members[((GROUP, g),)] for g in _values(room, GROUP)))
    total = sum(found.voters[((GROUP, g),)] for g in _values(room, GROUP))
    cells: list[CutCell] = []
    for key in _keys(room, chosen):
        if not found.members[key]:
            continue
        values = dict(key)
        if key in found.hidden:
            cells.append(CutCell(values=values, hidden=True))
            continue
        ranking = spec.ranking(exercise, spec.results(exercise, room.only(found.members[key]),
                                                      **options))
        rest = everyone - found.members[key]
        rest_voters = total - found.voters[key]
        divergence = None
        if ranking is not None and rest and rest_voters >= room.small_group_threshold:
            theirs = spec.ranking(exercise, spec.results(exercise, room.only(rest), **options))
            divergence = _divergence(ranking, theirs or [], rest_voters)
        cells.append(CutCell(values=values, hidden=False, voters=found.voters[key],
                             ranking=ranking, divergence=divergence))
    return CutResult(exercise=exercise.id, cut=list(chosen), voters=total,
                     small_group_threshold=room.small_group_threshold, cells=cells,
                     hidden=sum(cell.hidden for cell in cells))


def results_by(exercise: Exercise, room: Room, by: str, **options: str) -> CutResult:
    """``cut_results`` with the cut written as an option (``by="group,gender"``): the form a
    live view remembers a result by (``LiveWorkshop.result(exercise_id, results_by, by=…)``)."""
    return cut_results(exercise, room, parse_cut(by), **options)


def _divergence(ranking: list[Ranked], rest: list[Ranked], rest_voters: int) -> Divergence:
    """The correlation of two rankings over what both rank, and the largest rank gaps."""
    rest_rank = {entry.id: entry.rank for entry in rest}
    common = [entry.id for entry in ranking if entry.id in rest_rank]
    mine = {entry.id: entry.rank for entry in ranking if entry.id in rest_rank}
    theirs = {item: rest_rank[item] for item in common}
    if len(common) < 2:
        return Divergence(rest_voters=rest_voters, kendall_tau=None, spearman_rho=None,
                          differences=[])
    pair, = sc.divergence_ranks(common, {"cell": mine, "rest": theirs}, top=TOP_DIFFERENCES)
    return Divergence(
        rest_voters=rest_voters,
        kendall_tau=None if pair.kendall_tau_b is None else round(pair.kendall_tau_b, 6),
        spearman_rho=None if pair.spearman_rho is None else round(pair.spearman_rho, 6),
        differences=[RankGap(id=gap.item, rank=int(gap.rank_a), rest_rank=int(gap.rank_b))
                     for gap in pair.differences])


def value_name(dimension: str, value: str, room: Room, lang: str) -> str:
    """A value of a dimension in words: a group's label, or an answer's name."""
    if dimension == GROUP:
        return label(room.group(value).label, lang)
    return i18n.t(profile.attribute(dimension).value(value).key, lang)


def cell_name(values: dict[str, str], room: Room, lang: str) -> str:
    """A cell in words: its values joined (``Miners · Women``)."""
    return " · ".join(value_name(d, v, room, lang) for d, v in values.items())


def cut_name(cut: Sequence[str], lang: str) -> str:
    """A cut in words: ``By group and gender``."""
    names = [i18n.t("cuts.group", lang) if d == GROUP
             else i18n.t(profile.attribute(d).name_key, lang) for d in cut]
    if len(names) == 1:
        return i18n.t("cuts.by_one", lang, dimension=names[0])
    return i18n.t("cuts.by_two", lang, first=names[0], second=names[1])


def cut_table(exercise: Exercise, room: Room, result: CutResult, lang: str) -> str:
    """The cut as aligned text (the command line's ``results --by``): a heading, then per cell
    its name and voters, and under it its first three and how far it is from the rest."""
    lines = [i18n.t("cuts.table_heading", lang, exercise=exercise.title_in(lang),
                    cut=cut_name(result.cut, lang),
                    voters=i18n.n("cuts.voters", result.voters, lang),
                    threshold=result.small_group_threshold)]
    names = [cell_name(cell.values, room, lang) for cell in result.cells]
    width = max(map(len, names), default=0)
    for name, cell in zip(names, result.cells):
        if cell.hidden or cell.voters is None:
            lines.append(f"  {name:<{width}}  {i18n.t('cuts.hidden', lang)}")
            continue
        lines.append(f"  {name:<{width}}  {i18n.n('cuts.voters', cell.voters, lang)}")
        if cell.ranking is not None:
            lines.append("      " + i18n.t("cuts.first", lang, ranking="; ".join(
                f"{entry.rank} {label(entry.label, lang)}" for entry in cell.ranking[:3])))
        if cell.divergence is not None:
            gaps = ", ".join(f"{_label_of(cell.ranking or [], gap.id, lang)} "
                             f"({gap.rank} / {gap.rest_rank})"
                             for gap in cell.divergence.differences)
            lines.append("      " + i18n.t("cuts.against_rest", lang,
                                           tau=_number(cell.divergence.kendall_tau),
                                           rest=cell.divergence.rest_voters, gaps=gaps or "–"))
    return "\n".join(lines)


def _label_of(ranking: Sequence[Ranked], item: str, lang: str) -> str:
    return next((label(entry.label, lang) for entry in ranking if entry.id == item), item)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}"
