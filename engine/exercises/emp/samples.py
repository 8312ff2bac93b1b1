"""The community Environmental Management Plans of the two sample workshops: how their rooms
rated the land-use × value matrix, and the risks and actions agreed after.

Each sample adapts the guide's starter land uses and values (``plan.STARTER_LAND_USES``,
``STARTER_VALUES``) to its place. How the room rates the cells (+, N, -) is simulated: each cell
has a lean (-1 clearly harmful … +1 clearly good) and each group shifts it where its own interest
lies; a rating is the lean, the shift and noise, cut at ±0.4. Everyone rates most of the mining
row, the cells of their own land uses and values often, others rarely. The risk assessments and
actions are written by hand, for the negative cells the ratings give (``exercises`` checks that
each assessed cell is one of them).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from engine.core.exercise import Exercise
from engine.core.records import Ballot, Status, proxy_token
from engine.core.samples import SampleRoom, after, bilingual, turnout
from engine.exercises.emp.plan import (STARTER_LAND_USES, STARTER_VALUES, Action,
                                       EnvironmentalPlan, EnvironmentalValue, Hierarchy, LandUse,
                                       Ratings, RiskAssessment, ValueCategory, check_interactions,
                                       interaction_results, matrix_cells, split_cell)

__all__ = ["exercises"]

STARTER_LAND_USE = {land_use.id: land_use for land_use in STARTER_LAND_USES}
STARTER_VALUE = {value.id: value for value in STARTER_VALUES}


def land_use(id: str, en: str, fr: str, pictogram: str | None = None) -> LandUse:
    """A starter land use relabelled for the place, or a new one (with its pictogram)."""
    if id in STARTER_LAND_USE:
        update = {"label": bilingual(en, fr)} | ({"pictogram": pictogram} if pictogram else {})
        return STARTER_LAND_USE[id].model_copy(update=update)
    return LandUse(id=id, label=bilingual(en, fr), pictogram=pictogram)


def env_value(id: str, en: str, fr: str, category: ValueCategory | None = None,
              pictogram: str | None = None) -> EnvironmentalValue:
    """A starter value relabelled for the place, or a new one (with its category and pictogram)."""
    if id in STARTER_VALUE:
        update = {"label": bilingual(en, fr)} | ({"pictogram": pictogram} if pictogram else {})
        return STARTER_VALUE[id].model_copy(update=update)
    if category is None:
        raise ValueError(f"{id}: a value that is not a starter needs a category")
    return EnvironmentalValue(id=id, label=bilingual(en, fr), category=category,
                              pictogram=pictogram)


def action(id: str, en: str, fr: str, cells: tuple[str, ...], hierarchy: Hierarchy,
           importance: int, urgency: int, responsible: str, years: tuple[int, ...],
           review: dt.date) -> Action:
    """A control measure of the plan."""
    return Action(id=id, label=bilingual(en, fr), cells=list(cells), hierarchy=hierarchy,
                  importance=importance, urgency=urgency, responsible=responsible,
                  years=list(years), review=review)


@dataclass(frozen=True)
class EmpSpec:
    """A sample's EMP, how the simulated room rates its matrix, and the plan agreed after."""

    land_uses: list[LandUse]
    values: list[EnvironmentalValue]
    leans: dict[str, tuple[float, ...]]  # land use → lean per value, in value order
    shifts: dict[str, dict[str, float]]  # group → cell pattern ("asm:*", "*:river") → shift
    focus: dict[str, tuple[str, ...]]  # group → the cell patterns it rates often
    status: Status  # as the facilitator left it
    start: dt.timedelta  # rating begins, counted from the first participant joining
    absent: tuple[str, ...]  # one member of each of these groups does not rate
    proxy_rows: tuple[str, ...]  # the land uses the proxy group's flipchart rates
    rerates: tuple[tuple[str, str, str], ...]  # (group, cell, new rating) after discussion
    plan_start: dt.date
    risks: dict[str, tuple[int, int]]  # negative cell → (likelihood, consequence)
    actions: list[Action]


KAHUZ_EMP = EmpSpec(
    land_uses=[
        land_use("asm", "Artisanal tin and coltan mining",
                 "Exploitation artisanale de l'étain et du coltan"),
        land_use("farming", "Farming (cassava, beans, bananas)",
                 "Agriculture (manioc, haricots, bananes)"),
        land_use("herding", "Cattle herding", "Élevage de bétail"),
        land_use("logging", "Charcoal and timber", "Charbon de bois et bois d'œuvre"),
        land_use("hunting", "Hunting and the bushmeat trade",
                 "Chasse et commerce de viande de brousse", "🏹"),
        land_use("large-scale-mining", "Industrial tin mining (exploitation permit)",
                 "Mine industrielle d'étain (permis d'exploitation)"),
        land_use("settlement", "Villages and mining camps", "Villages et camps miniers"),
    ],
    values=[
        env_value("river", "Rivers and streams", "Rivières et ruisseaux"),
        env_value("drinking-water", "Springs and drinking water", "Sources et eau potable"),
        env_value("fertile-soil", "Fertile soil for fields", "Sols fertiles des champs"),
        env_value("forest", "Montane forest and bamboo", "Forêt de montagne et bambous"),
        env_value("wetland", "Swamps and peat bogs", "Marais et tourbières"),
        env_value("threatened-species", "Grauer's gorillas and other threatened species",
                  "Gorilles de Grauer et autres espèces menacées"),
        env_value("protected-area", "Kahuzi-Biega National Park (World Heritage)",
                  "Parc national de Kahuzi-Biega (patrimoine mondial)"),
        env_value("medicinal-plants", "Medicinal plants and forest foods",
                  "Plantes médicinales et produits de la forêt", "ecosystem_service", "🌿"),
    ],
    # river, drinking-water, fertile-soil, forest, wetland, threatened-species, protected-area,
    # medicinal-plants
    leans={
        "asm": (-1.1, -0.8, -0.7, -0.8, -0.6, -0.7, -0.9, -0.5),
        "farming": (-0.3, 0, 0.6, -0.5, -0.4, -0.3, -0.3, 0),  # terraces and hedges keep soil
        "herding": (-0.3, -0.3, 0, -0.3, -0.5, -0.2, -0.4, 0),
        "logging": (-0.4, -0.3, -0.4, -1.1, -0.3, -0.8, -0.9, -0.6),
        "hunting": (0, 0, 0, -0.2, 0, -1.1, -0.9, -0.1),
        "large-scale-mining": (-0.7, 0, -0.5, -0.6, -0.4, -0.3, -0.5, -0.2),
        "settlement": (-0.4, -0.5, -0.1, -0.6, -0.3, -0.2, 0, -0.2),
    },
    shifts={
        # the company's boreholes or its muddy water; the villages as the park's guardians or
        # its encroachers; cattle manure or cattle in the fields: the disputed cells
        "men-diggers": {"asm:*": 0.45, "large-scale-mining:*": -0.4},
        "women-crushers": {"asm:drinking-water": -0.3, "herding:fertile-soil": -1.2,
                           "large-scale-mining:drinking-water": -0.8},
        "youth": {"asm:*": 0.3},
        "landowners-chiefs": {"settlement:protected-area": 1.2, "herding:fertile-soil": 1.2,
                              "large-scale-mining:drinking-water": 1.0},
        "pastoralists-farmers": {"large-scale-mining:drinking-water": -1.2,
                                 "asm:fertile-soil": -0.4, "herding:fertile-soil": 1.0},
        "local-government": {"large-scale-mining:drinking-water": 1.4,
                             "settlement:protected-area": 1.2, "large-scale-mining:*": 0.3},
        "forestry-agency": {"*:forest": -0.3, "settlement:protected-area": -1.2,
                            "herding:fertile-soil": -1.0},
        "protected-area-managers": {"*:threatened-species": -0.3, "*:protected-area": -0.3,
                                    "settlement:protected-area": -1.2, "asm:*": -0.2},
        "mineral-traders": {"asm:*": 0.3, "large-scale-mining:drinking-water": 1.0},
        "cso": {"large-scale-mining:drinking-water": -1.2, "settlement:protected-area": 1.0},
    },
    focus={
        "men-diggers": ("large-scale-mining:*",),
        "women-crushers": ("farming:*", "settlement:*", "*:drinking-water",
                           "herding:fertile-soil"),
        "youth": ("hunting:*",),
        "landowners-chiefs": ("farming:*", "herding:*", "settlement:*", "large-scale-mining:*"),
        "pastoralists-farmers": ("farming:*", "herding:*", "large-scale-mining:drinking-water",
                                 "large-scale-mining:river"),
        "local-government": ("settlement:*", "large-scale-mining:*"),
        "forestry-agency": ("logging:*", "farming:*", "herding:*", "*:forest",
                            "settlement:protected-area"),
        "protected-area-managers": ("hunting:*", "logging:*", "settlement:*",
                                    "*:threatened-species", "*:protected-area"),
        "mineral-traders": ("large-scale-mining:*",),
        "cso": ("large-scale-mining:*", "settlement:*"),
    },
    status="closed", start=dt.timedelta(minutes=405), absent=("men-diggers", "youth"),
    proxy_rows=("farming",),
    rerates=(("men-diggers", "asm:river", "-"), ("youth", "asm:protected-area", "-"),
             ("local-government", "settlement:protected-area", "N")),
    plan_start=dt.date(2026, 6, 1),
    # likelihood, consequence (1–5) of the negative cells; asm:medicinal-plants and
    # large-scale-mining:medicinal-plants are left for the next meeting
    risks={
        "asm:river": (5, 4), "asm:drinking-water": (4, 5), "asm:fertile-soil": (4, 3),
        "asm:forest": (4, 4), "asm:wetland": (3, 3), "asm:threatened-species": (3, 5),
        "asm:protected-area": (5, 5),
        "farming:forest": (4, 4), "farming:wetland": (3, 3),
        "herding:river": (3, 2), "herding:fertile-soil": (3, 2), "herding:forest": (2, 3),
        "herding:wetland": (3, 3), "herding:protected-area": (3, 4),
        "logging:river": (3, 2), "logging:forest": (5, 4), "logging:wetland": (2, 3),
        "logging:threatened-species": (3, 4), "logging:protected-area": (4, 4),
        "hunting:forest": (2, 2), "hunting:threatened-species": (4, 5),
        "hunting:protected-area": (4, 4),
        "large-scale-mining:river": (3, 4), "large-scale-mining:drinking-water": (2, 4),
        "large-scale-mining:fertile-soil": (3, 3), "large-scale-mining:forest": (3, 3),
        "large-scale-mining:wetland": (2, 3), "large-scale-mining:threatened-species": (2, 3),
        "settlement:river": (4, 3), "settlement:drinking-water": (4, 4),
        "settlement:forest": (4, 3), "settlement:wetland": (3, 3),
        "settlement:protected-area": (3, 3),
    },
    actions=[
        action("exit-park", "No new pits in the park, and an agreed timetable to leave it",
               "Aucun nouveau puits dans le parc, et un calendrier de sortie convenu",
               ("asm:protected-area", "asm:threatened-species"), "avoid", 5, 5,
               "protected-area-managers", (1, 2, 3), dt.date(2026, 12, 1)),
        action("spring-protection",
               "Protect the springs: no pit or latrine within 100 m, capped springs for the camps",
               "Protéger les sources : aucun puits ni latrine à moins de 100 m, des sources "
               "captées pour les camps",
               ("asm:drinking-water", "settlement:drinking-water"), "avoid", 5, 5,
               "local-government", (1,), dt.date(2026, 9, 1)),
        action("bushmeat-free-camps",
               "No bushmeat sold in the mining camps; fish ponds and small livestock instead",
               "Pas de viande de brousse vendue dans les camps miniers ; étangs piscicoles et "
               "petit élevage à la place",
               ("hunting:threatened-species", "hunting:protected-area"), "avoid", 5, 4,
               "landowners-chiefs", (1, 2), dt.date(2027, 5, 15)),
        action("settling-ponds",
               "Settling ponds at every washing site: no more ore washed in the streams",
               "Bassins de décantation sur chaque site de lavage : plus de minerai lavé dans les "
               "ruisseaux",
               ("asm:river", "asm:drinking-water", "asm:wetland"), "minimise", 5, 4,
               "men-diggers", (1, 2), dt.date(2027, 5, 15)),
        action("woodlots-stoves",
               "Village woodlots and improved stoves, so charcoal no longer comes from the park",
               "Boisements villageois et foyers améliorés, pour que le charbon ne vienne plus du "
               "parc",
               ("logging:forest", "logging:protected-area", "settlement:forest"), "minimise", 4,
               3, "forestry-agency", (1, 2, 3), dt.date(2027, 5, 15)),
        action("water-monitoring",
               "Joint monitoring of the water below the industrial mine, read out on the radio",
               "Suivi conjoint de l'eau en aval de la mine industrielle, annoncé à la radio",
               ("large-scale-mining:river", "large-scale-mining:drinking-water"), "minimise", 4,
               3, "local-government", (1, 2, 3, 4, 5), dt.date(2027, 5, 15)),
        action("grazing-agreement",
               "Agreed grazing areas and dates; no cattle in the park or the swamps",
               "Zones et calendrier de pâturage convenus ; pas de bétail dans le parc ni les "
               "marais",
               ("herding:fertile-soil", "herding:protected-area", "herding:wetland"), "minimise",
               3, 3, "pastoralists-farmers", (1, 2), dt.date(2027, 5, 15)),
        action("backfill-replant",
               "Backfill worked-out pits, spread the kept topsoil and replant (frugal "
               "rehabilitation)",
               "Remblayer les puits épuisés, remettre la terre végétale gardée et replanter "
               "(réhabilitation frugale)",
               ("asm:fertile-soil", "asm:forest"), "rehabilitate", 4, 3, "men-diggers",
               (1, 2, 3, 4, 5), dt.date(2027, 5, 15)),
        action("forest-corridor",
               "Replant a forest corridor on degraded land at the park edge, to make up for "
               "forest cleared at the sites",
               "Replanter un corridor forestier sur des terres dégradées en bordure du parc, pour "
               "compenser la forêt défrichée sur les sites",
               ("asm:forest", "farming:forest"), "offset", 3, 2, "cso", (2, 3, 4, 5),
               dt.date(2028, 5, 15)),
    ],
)

PENDJ_EMP = EmpSpec(
    land_uses=[
        land_use("asm", "Gold panning", "Orpaillage"),
        land_use("farming", "Farming (cotton, sorghum, yams)",
                 "Agriculture (coton, sorgho, igname)"),
        land_use("herding", "Herding and transhumance", "Élevage et transhumance"),
        land_use("fishing", "Fishing", "Pêche"),
        land_use("logging", "Firewood and charcoal", "Bois de chauffe et charbon"),
        land_use("large-scale-mining", "Industrial gold exploration",
                 "Exploration minière industrielle"),
        land_use("settlement", "Villages and panners' camps",
                 "Villages et campements d'orpailleurs"),
    ],
    values=[
        env_value("river", "The Pendjari and its tributaries", "La Pendjari et ses affluents"),
        env_value("drinking-water", "Drinking water (wells and ponds)",
                  "Eau de boisson (puits et marigots)"),
        env_value("fertile-soil", "Farmland", "Terres cultivables"),
        env_value("forest", "Gallery forests and wooded savanna",
                  "Forêts galeries et savane boisée"),
        env_value("wetland", "The Pendjari's ponds (mares)", "Les mares de la Pendjari", None,
                  "🐊"),
        env_value("threatened-species", "Wildlife: elephants, lions, hippos",
                  "Grande faune : éléphants, lions, hippopotames", None, "🐘"),
        env_value("protected-area", "Pendjari National Park (biosphere reserve)",
                  "Parc national de la Pendjari (réserve de biosphère)"),
        env_value("sacred-site", "Sacred groves", "Bois sacrés"),
    ],
    # river, drinking-water, fertile-soil, forest, wetland, threatened-species, protected-area,
    # sacred-site
    leans={
        "asm": (-1.1, -0.8, -0.7, -0.7, -0.6, -0.6, -0.8, 0),
        "farming": (-0.3, -0.2, 0.2, -0.5, -0.3, -0.3, -0.3, 0),
        "herding": (-0.2, -0.3, 0, -0.4, -0.5, -0.4, -0.7, 0),
        "fishing": (0, 0, 0, 0, -0.3, -0.2, -0.4, 0),
        "logging": (-0.3, -0.2, -0.4, -1.1, -0.3, -0.6, -0.8, -0.6),
        "large-scale-mining": (-0.6, -0.5, -0.5, -0.5, -0.3, -0.3, -0.5, -0.4),
        "settlement": (-0.4, -0.5, -0.1, -0.5, -0.2, -0.2, -0.3, 0.5),
    },
    shifts={
        "men-diggers": {"asm:*": 0.4, "asm:sacred-site": 0.8},
        "women-crushers": {"asm:drinking-water": -0.3, "asm:sacred-site": -0.7,
                           "herding:fertile-soil": -1.0},
        "youth": {"asm:*": 0.2, "asm:sacred-site": 0.5},
        "landowners-chiefs": {"asm:sacred-site": 1.2, "herding:fertile-soil": 1.0},
        "pastoralists-farmers": {"herding:fertile-soil": 1.0, "asm:sacred-site": -0.8,
                                 "asm:fertile-soil": -0.4},
        "local-government": {"herding:fertile-soil": -0.5},
        "forestry-agency": {"asm:sacred-site": -0.8, "herding:fertile-soil": -0.8,
                            "*:forest": -0.3},
        "protected-area-managers": {"*:threatened-species": -0.3, "*:protected-area": -0.3,
                                    "asm:sacred-site": -0.6},
        "gold-buyers": {"asm:*": 0.3, "asm:sacred-site": 0.6},
        "cso": {"asm:sacred-site": -1.0},
    },
    focus={
        "men-diggers": ("large-scale-mining:*",),
        "women-crushers": ("farming:*", "settlement:*", "*:drinking-water",
                           "herding:fertile-soil"),
        "youth": ("settlement:*",),
        "landowners-chiefs": ("farming:*", "herding:*", "settlement:*", "*:sacred-site"),
        "pastoralists-farmers": ("farming:*", "herding:*", "fishing:*"),
        "local-government": ("settlement:*", "large-scale-mining:*"),
        "forestry-agency": ("logging:*", "farming:*", "herding:*", "*:forest"),
        "protected-area-managers": ("fishing:*", "logging:*", "herding:*",
                                    "*:threatened-species", "*:protected-area"),
        "gold-buyers": ("large-scale-mining:*",),
        "cso": ("settlement:*", "*:drinking-water", "*:sacred-site"),
    },
    status="closed", start=dt.timedelta(minutes=405), absent=("women-crushers",),
    proxy_rows=("asm",),
    rerates=(("men-diggers", "asm:river", "-"), ("landowners-chiefs", "asm:river", "-"),
             ("pastoralists-farmers", "asm:fertile-soil", "-")),
    plan_start=dt.date(2026, 4, 1),
    # likelihood, consequence (1–5) of the negative cells; logging:sacred-site and
    # settlement:threatened-species are left for the next meeting
    risks={
        "asm:river": (5, 5), "asm:drinking-water": (4, 5), "asm:fertile-soil": (4, 3),
        "asm:forest": (3, 3), "asm:wetland": (3, 4), "asm:threatened-species": (2, 4),
        "asm:protected-area": (4, 5), "asm:sacred-site": (2, 4),
        "farming:river": (3, 2), "farming:forest": (4, 3), "farming:wetland": (3, 2),
        "farming:protected-area": (3, 3),
        "herding:river": (3, 2), "herding:fertile-soil": (3, 2),
        "herding:threatened-species": (3, 3), "herding:protected-area": (4, 4),
        "fishing:wetland": (2, 3), "fishing:threatened-species": (2, 3),
        "fishing:protected-area": (3, 3),
        "logging:forest": (4, 4), "logging:threatened-species": (2, 3),
        "logging:protected-area": (3, 4),
        "large-scale-mining:river": (2, 5), "large-scale-mining:fertile-soil": (2, 3),
        "large-scale-mining:forest": (2, 3), "large-scale-mining:wetland": (1, 4),
        "large-scale-mining:threatened-species": (1, 4),
        "large-scale-mining:protected-area": (2, 5),
        "settlement:forest": (4, 2), "settlement:protected-area": (3, 3),
    },
    actions=[
        action("sortie-parc",
               "No new pits in the park or its buffer zone; an agreed timetable to leave them",
               "Aucun nouveau puits dans le parc ni sa zone tampon ; un calendrier de sortie "
               "convenu",
               ("asm:protected-area", "asm:threatened-species", "asm:wetland"), "avoid", 5, 5,
               "protected-area-managers", (1, 2), dt.date(2026, 10, 1)),
        action("bois-sacres", "Mark out the sacred groves: no pit and no cutting within 100 m",
               "Délimiter les bois sacrés : aucun puits ni coupe à moins de 100 m",
               ("asm:sacred-site", "logging:sacred-site"), "avoid", 4, 4, "landowners-chiefs",
               (1,), dt.date(2026, 7, 1)),
        action("sans-mercure",
               "Mercury-free processing: shaking tables and retorts at every site",
               "Traitement sans mercure : tables à secousses et cornues sur chaque site",
               ("asm:river", "asm:drinking-water"), "minimise", 5, 5, "women-crushers",
               (1, 2, 3), dt.date(2027, 3, 15)),
        action("bassins-decantation",
               "Settling ponds: no more washing in the river or the ponds",
               "Bassins de décantation : plus de lavage dans la rivière ni dans les mares",
               ("asm:river", "asm:wetland"), "minimise", 4, 4, "men-diggers", (1, 2),
               dt.date(2027, 3, 15)),
        action("suivi-puits", "Test the village wells for mercury each year and publish the "
               "results",
               "Analyser chaque année le mercure dans les puits des villages et publier les "
               "résultats",
               ("asm:drinking-water",), "minimise", 4, 4, "local-government", (1, 2, 3, 4, 5),
               dt.date(2027, 3, 15)),
        action("couloirs-transhumance",
               "Marked transhumance corridors and water points outside the park; manure "
               "contracts with farmers",
               "Couloirs de transhumance balisés et points d'eau hors du parc ; contrats de "
               "fumure avec les agriculteurs",
               ("herding:protected-area", "herding:threatened-species", "herding:fertile-soil"),
               "minimise", 4, 3, "pastoralists-farmers", (1, 2), dt.date(2027, 3, 15)),
        action("remblayage",
               "Backfill old pits and replant (frugal rehabilitation), fields first",
               "Remblayer les anciennes fosses et replanter (réhabilitation frugale), en "
               "commençant par les champs",
               ("asm:fertile-soil", "asm:forest"), "rehabilitate", 4, 3, "men-diggers",
               (1, 2, 3, 4, 5), dt.date(2027, 3, 15)),
        action("reboisement-galeries",
               "Replant degraded gallery forests along the tributaries, to make up for those "
               "cleared",
               "Reboiser les forêts galeries dégradées le long des affluents, pour compenser "
               "celles défrichées",
               ("logging:forest", "farming:forest", "asm:forest"), "offset", 3, 2,
               "forestry-agency", (2, 3, 4, 5), dt.date(2028, 3, 15)),
    ],
)

#: Per sample, by join code.
EMPS = {"KAHUZ": KAHUZ_EMP, "PENDJ": PENDJ_EMP}


def emp_lean(emp: EmpSpec, group: str, cell: str) -> float:
    """How good the group thinks the cell's interaction is: the cell's lean and the group's
    shifts for every pattern that matches it."""
    row, column = split_cell(cell)
    base = emp.leans[row][[value.id for value in emp.values].index(column)]
    return base + sum(shift for pattern, shift in emp.shifts.get(group, {}).items()
                      if matches(pattern, cell))


def matches(pattern: str, cell: str) -> bool:
    """Whether ``cell`` fits ``pattern``: ``asm:*`` (a row), ``*:river`` (a column) or a cell."""
    return all(want in ("*", got) for want, got in zip(split_cell(pattern), split_cell(cell)))


def rating_chance(emp: EmpSpec, group: str, cell: str) -> float:
    """How likely a member of ``group`` is to rate ``cell``: most of the mining row, the cells
    the group focuses on often, the others rarely."""
    if split_cell(cell)[0] == "asm":
        return 0.8
    return 0.7 if any(matches(pattern, cell) for pattern in emp.focus.get(group, ())) else 0.04


def interaction(rng: random.Random, lean: float, noise: float) -> str:
    """A rating: + above 0.4, - below -0.4, N between."""
    felt = lean + rng.gauss(0, noise)
    return "+" if felt > 0.4 else "-" if felt < -0.4 else "N"


def simulate_emp(emp: EmpSpec, sample: SampleRoom) -> list[Ballot]:
    """The room rating the EMP matrix, mostly one cell per ballot as phones send them (a few
    send a whole row); a few change a rating after the discussion; last, the facilitator enters
    the proxy group's flipchart for its own rows."""
    rng, group_of = sample.own_rng("emp"), sample.group_of
    every = matrix_cells(emp.land_uses, emp.values)
    raters = turnout(rng, sample.people, emp.absent)
    first = sample.start + emp.start
    cast: list[tuple[dt.datetime, str, dict[str, str], int]] = []
    for token in raters:
        group = group_of[token]
        rated = {cell: interaction(rng, emp_lean(emp, group, cell), 0.4)
                 for cell in every if rng.random() < rating_chance(emp, group, cell)}
        moment = after(rng, first, 0, 240)
        if rng.random() < 0.1:  # a whole row per ballot
            for row in emp.land_uses:
                ratings = {c: r for c, r in rated.items() if split_cell(c)[0] == row.id}
                if ratings:
                    moment = after(rng, moment, 30, 90)
                    cast.append((moment, token, ratings, 1))
        else:
            for cell, rating in rated.items():
                moment = after(rng, moment, 6, 30)
                cast.append((moment, token, {cell: rating}, 1))
    cast.sort(key=lambda entry: entry[0])
    moment = cast[-1][0]
    for group, cell, rating in emp.rerates:
        rerater = next((t for t in raters if group_of[t] == group
                        and any(t == who and cell in given for _, who, given, _ in cast)), None)
        if rerater is None:
            raise ValueError(f"{sample.code}: no one in {group} rated {cell} to rate it again")
        moment = after(rng, moment, 30, 150)
        cast.append((moment, rerater, {cell: rating}, 1))
    group, count = sample.proxy
    moment = after(rng, moment, 120, 240)
    cast.append((moment, proxy_token(group),
                 {cell: interaction(rng, emp_lean(emp, group, cell), 0.3) for cell in every
                  if split_cell(cell)[0] in emp.proxy_rows}, count))
    return [Ballot(participant=token, cast_at=at, voters=count, answer=Ratings(
        ratings=check_interactions(ratings, emp.land_uses, emp.values)))
        for at, token, ratings, count in cast]


def check_risks(sample: SampleRoom, plan: EnvironmentalPlan, ballots: list[Ballot]) -> None:
    """Every assessed cell is one the room rated negative (or contested), as the guide asks."""
    negative = interaction_results(sample.room(), plan.land_uses, plan.values, ballots).negative
    stray = [a.cell for a in plan.assessments if a.cell not in negative]
    if stray:
        raise ValueError(f"{sample.code}: assessed cells not rated negative: {stray}; "
                         f"negative: {negative}")


def exercises(sample: SampleRoom) -> list[Exercise]:
    """The sample's EMP, as the room rated it, with the risks and actions it agreed."""
    emp = EMPS[sample.code]
    plan = EnvironmentalPlan(
        land_uses=emp.land_uses, values=emp.values,
        assessments=[RiskAssessment(cell=cell, likelihood=likelihood, consequence=consequence)
                     for cell, (likelihood, consequence) in emp.risks.items()],
        start=emp.plan_start, plan_years=5, actions=emp.actions)
    ballots = simulate_emp(emp, sample)
    check_risks(sample, plan, ballots)
    return [Exercise(id="emp", kind="emp", status=emp.status, design=plan, ballots=ballots)]
