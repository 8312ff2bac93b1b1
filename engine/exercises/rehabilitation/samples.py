"""The rehabilitation plans of the two sample workshops, and how their rooms voted on them.

Both plans are invented, with numbers that add up: an alluvial gold site in a lowland of Atacora
(Benin, PENDJ, in CFA francs) and a hillside of tin diggings in South Kivu (DR Congo, KAHUZ, in
US dollars). Each takes the guide's FRM phases and tasks, adapts them to its site, replaces most
starting rates by local ones (a few are left as starting values, marked), names its species
(the starter list a real workshop would edit) and its future land uses. The votes are simulated
from the sample's room (``SampleRoom.own_rng("rehabilitation")``): each group leans towards some
land uses and finds the plan more or less acceptable; a few people change their vote after the
discussion; last, the facilitator enters the proxy group's flipchart.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from engine.core.exercise import Exercise
from engine.core.records import Ballot, proxy_token
from engine.core.samples import SampleRoom, after, bilingual, to_scale, turnout
from engine.exercises.rehabilitation.design import (HandoverRecord, LandUseOption,
                                                    PlantSpecies, RehabilitationCosts,
                                                    RehabilitationPhase, RehabilitationPlan,
                                                    RehabilitationSite, RehabilitationTask,
                                                    TopsoilPlan, UnitRate, Vote)

__all__ = ["exercises"]

D = dt.date


def task(id: str, en: str, fr: str, quantity: float, unit: str, who: str, start: dt.date,
         end: dt.date, **extra: object) -> RehabilitationTask:
    """A task of a sample plan (``extra``: method, depth, opening, species, step)."""
    return RehabilitationTask.model_validate({
        "id": id, "label": bilingual(en, fr), "quantity": quantity, "unit": unit, "who": who,
        "start": start, "end": end, **extra})


def rate(unit: str, method: str, person_days: float, equipment_days: float = 0,
         supplies: float = 0, starting: bool = False) -> UnitRate:
    return UnitRate.model_validate({"unit": unit, "method": method, "person_days": person_days,
                                    "equipment_days": equipment_days, "supplies": supplies,
                                    "starting": starting})


@dataclass(frozen=True)
class RoomLeaning:
    """How one group votes: its weight for each land use, and how acceptable it finds the plan
    on average (1–5)."""

    land_uses: dict[str, float]
    acceptability: float


@dataclass(frozen=True)
class PlanSpec:
    """A sample's plan, and how its room votes."""

    title: dict[str, str]
    plan: RehabilitationPlan
    leanings: dict[str, RoomLeaning]
    start: dt.timedelta  # voting begins, counted from the first participant joining
    absent: tuple[str, ...]  # one member of each of these groups does not vote
    changes: tuple[tuple[str, str, int], ...]  # (group, land use, rating) after discussion
    proxy_vote: tuple[str, int]  # the proxy group's flipchart: land use and rating


# ---- PENDJ: an alluvial gold lowland in Atacora, Benin ------------------------------------------

PENDJ_PLAN = RehabilitationPlan(
    site=RehabilitationSite(
        name="Bas-fond de Wandéga (chantier fictif)", area=3.2, area_unit="ha",
        state=bilingual("Flooded open pits, heaps of washed gravel, collapsed stream banks, bare "
                        "lowland",
                        "Fosses ouvertes et inondées, tas de graviers lavés, berges du marigot "
                        "effondrées, bas-fond dénudé"),
        mineral=bilingual("Alluvial gold", "Or alluvial"), alluvial=True),
    costs=RehabilitationCosts(currency="XOF", wage=3000, equipment_day=275000),
    rates=[rate("pit", "manual", 0.5), rate("pit", "mechanised", 0.005, 0.0025),
           rate("m3", "manual", 0.5), rate("m2", "manual", 0.04),
           rate("m2", "mechanised", 0.0005, 0.00025),
           rate("topsoil", "manual", 0.25, starting=True),
           rate("topsoil", "mechanised", 0.004, 0.002, starting=True),
           rate("seedling", "manual", 0.02, supplies=150),
           rate("seed_kg", "manual", 0.5, supplies=1500, starting=True),
           rate("day", "manual", 4)],
    species=[
        PlantSpecies(id="karite", label=bilingual("Shea tree (Vitellaria paradoxa)",
                                                  "Karité (Vitellaria paradoxa)"), role="target"),
        PlantSpecies(id="nere", label=bilingual("Néré, African locust bean (Parkia biglobosa)",
                                                "Néré (Parkia biglobosa)"), role="target"),
        PlantSpecies(id="cailcedrat", label=bilingual("African mahogany (Khaya senegalensis)",
                                                      "Caïlcédrat (Khaya senegalensis)"),
                     role="target"),
        PlantSpecies(id="andropogon", label=bilingual("Gamba grass (Andropogon gayanus)",
                                                      "Andropogon (Andropogon gayanus)"),
                     role="coloniser"),
        PlantSpecies(id="vetiver", label=bilingual("West African vetiver (Chrysopogon "
                                                   "nigritanus)",
                                                   "Vétiver africain (Chrysopogon nigritanus)"),
                     role="coloniser"),
    ],
    topsoil=TopsoilPlan(area=12000, depth=0.15, mixed_share=0.4),
    phases=[
        RehabilitationPhase(phase="preparation", start=D(2026, 4, 1), tasks=[
            task("acces", "Agree access to the lowland with the land chief and the owners",
                 "Convenir de l'accès au bas-fond avec le chef de terre et les propriétaires",
                 2, "day", "landowners-chiefs", D(2026, 4, 1), D(2026, 4, 10)),
            task("bande-marigot", "Mark a 30 m strip along the stream where nobody digs any more",
                 "Marquer une bande de 30 m le long du marigot où l'on ne creuse plus",
                 2, "day", "men-diggers", D(2026, 4, 6), D(2026, 4, 17), step="avoid"),
            task("couts", "Assess effort and costs with the miners",
                 "Évaluer l'effort et les coûts avec les orpailleurs", 2, "day", "cso",
                 D(2026, 4, 6), D(2026, 4, 17)),
            task("securite", "Mark the open pits, keep children off the site",
                 "Baliser les fosses ouvertes, pas d'enfants sur le chantier", 1, "day",
                 "men-diggers", D(2026, 4, 13), D(2026, 4, 17), step="minimise")]),
        RehabilitationPhase(phase="technical", start=D(2026, 4, 20), tasks=[
            task("dechets", "Pick up waste: mercury bags, drums, plastics",
                 "Ramasser les déchets : sachets de mercure, fûts, plastiques", 12, "m3",
                 "women-crushers", D(2026, 4, 20), D(2026, 4, 30)),
            task("marigot", "Restore the stream bed and its banks to the agreed design",
                 "Rétablir le lit du marigot et ses berges selon le plan convenu", 180, "m3",
                 "men-diggers", D(2026, 4, 27), D(2026, 5, 29)),
            task("grandes-fosses", "Backfill the large pits with the excavator",
                 "Remblayer les grandes fosses à la pelleteuse", 64, "pit", "men-diggers",
                 D(2026, 5, 4), D(2026, 5, 15), method="mechanised", depth=3.5, opening=6),
            task("petites-fosses", "Backfill the small pits by hand",
                 "Remblayer à la main les petites fosses", 110, "pit", "youth",
                 D(2026, 5, 4), D(2026, 6, 12), depth=1.5, opening=2),
            task("nivellement", "Regrade the lowland along its natural slope",
                 "Niveler le bas-fond selon sa pente naturelle", 18000, "m2", "men-diggers",
                 D(2026, 5, 18), D(2026, 5, 29), method="mechanised")]),
        RehabilitationPhase(phase="topsoil", start=D(2026, 5, 18), tasks=[
            task("terre-recuperee", "Recover the topsoil mixed in the old spoil heaps",
                 "Récupérer la terre végétale mêlée aux anciens tas de déblais", 1800, "topsoil",
                 "youth", D(2026, 5, 18), D(2026, 6, 12)),
            task("terre-etalee", "Spread the topsoil 15 cm deep",
                 "Étaler la terre végétale sur 15 cm", 1800, "topsoil", "youth",
                 D(2026, 6, 1), D(2026, 6, 26)),
            task("decapage", "From now on, strip and keep the topsoil apart before digging",
                 "Désormais, décaper et mettre à part la terre végétale avant de creuser",
                 4, "day", "men-diggers", D(2026, 6, 1), D(2026, 6, 30), step="minimise")]),
        RehabilitationPhase(phase="biological", start=D(2026, 6, 15), tasks=[
            task("especes", "Choose the species with the women and the herders",
                 "Choisir les espèces avec les femmes et les éleveurs", 1, "day",
                 "forestry-agency", D(2026, 6, 15), D(2026, 6, 19)),
            task("semis-andropogon", "Sow gamba grass (seed from the forestry service)",
                 "Semer l'andropogon (semences du service forestier)", 60, "seed_kg",
                 "pastoralists-farmers", D(2026, 6, 22), D(2026, 7, 3), species="andropogon"),
            task("vetiver-berges", "Plant vetiver on the stream banks",
                 "Planter le vétiver sur les berges", 2000, "seedling", "women-crushers",
                 D(2026, 6, 22), D(2026, 7, 10), species="vetiver"),
            task("plants-karite", "Plant shea seedlings and water them the first season",
                 "Planter les plants de karité et les arroser la première saison", 300,
                 "seedling", "women-crushers", D(2026, 7, 1), D(2026, 7, 24), species="karite"),
            task("plants-nere", "Plant néré seedlings", "Planter les plants de néré", 300,
                 "seedling", "women-crushers", D(2026, 7, 1), D(2026, 7, 24), species="nere"),
            task("plants-cailcedrat", "Plant African mahogany along the stream",
                 "Planter le caïlcédrat le long du marigot", 150, "seedling", "youth",
                 D(2026, 7, 6), D(2026, 7, 24), species="cailcedrat"),
            task("paillage", "Mulch and lay stone lines against erosion",
                 "Pailler et poser des cordons pierreux contre l'érosion", 6000, "m2",
                 "youth", D(2026, 6, 22), D(2026, 7, 17)),
            task("bosquet-sacre", "Enrich the nearby sacred grove (extra conservation action)",
                 "Enrichir le bois sacré voisin (action de conservation complémentaire)", 200,
                 "seedling", "landowners-chiefs", D(2026, 7, 13), D(2026, 7, 24),
                 species="karite", step="offset")]),
        RehabilitationPhase(phase="handover", start=D(2027, 6, 1), tasks=[
            task("evaluation", "Assessment visit with every stakeholder group",
                 "Visite d'évaluation avec tous les groupes de parties prenantes", 1, "day",
                 "local-government", D(2027, 6, 1), D(2027, 6, 4)),
            task("validation", "Sign-off by the commune council",
                 "Validation par le conseil communal", 1, "day", "local-government",
                 D(2027, 6, 7), D(2027, 6, 18)),
            task("transmission", "Referral to the national mines directorate",
                 "Transmission à la Direction générale des mines", 1, "day",
                 "local-government", D(2027, 6, 21), D(2027, 6, 30))]),
    ],
    land_uses=[
        LandUseOption(id="riziere", label=bilingual("Rice and vegetable gardens in the lowland",
                                                    "Riz et maraîchage dans le bas-fond"),
                      pictogram="🌾"),
        LandUseOption(id="parc-karite", label=bilingual("Shea and néré parkland",
                                                        "Parc à karité et néré"),
                      pictogram="🌳"),
        LandUseOption(id="paturage", label=bilingual("Dry-season grazing",
                                                     "Pâturage de saison sèche"), pictogram="🐄"),
        LandUseOption(id="galerie", label=bilingual("Riverine forest along the stream",
                                                    "Galerie forestière le long du marigot"),
                      pictogram="🌿"),
    ],
    handover=HandoverRecord(
        standard="Socialement acceptable pour toutes les parties prenantes concernées "
                 "(validation FRM)",
        referred_to="Direction générale des mines"),
)

PENDJ_RAP = PlanSpec(
    title=bilingual("Rehabilitation of the Wandéga lowland", "Réhabilitation du bas-fond de "
                                                             "Wandéga"),
    plan=PENDJ_PLAN,
    leanings={
        "men-diggers": RoomLeaning({"riziere": 3, "parc-karite": 2, "paturage": 0.5,
                                    "galerie": 0.5}, 3.8),
        # the washing women lose their water point in the plan: they want it kept
        "women-crushers": RoomLeaning({"riziere": 4, "parc-karite": 3, "paturage": 0.2,
                                       "galerie": 0.3}, 2.7),
        "youth": RoomLeaning({"riziere": 2, "parc-karite": 1, "paturage": 1, "galerie": 0.5}, 3.6),
        "landowners-chiefs": RoomLeaning({"riziere": 2, "parc-karite": 3, "galerie": 1}, 4.2),
        "pastoralists-farmers": RoomLeaning({"riziere": 1, "parc-karite": 1, "paturage": 4}, 3.1),
        "local-government": RoomLeaning({"riziere": 2, "parc-karite": 2}, 4.4),
        "forestry-agency": RoomLeaning({"parc-karite": 2, "galerie": 4}, 4.0),
        "protected-area-managers": RoomLeaning({"parc-karite": 1, "galerie": 5}, 3.9),
        "gold-buyers": RoomLeaning({"riziere": 1, "parc-karite": 1}, 3.5),
        "cso": RoomLeaning({"riziere": 2, "parc-karite": 2, "galerie": 2}, 3.8),
    },
    start=dt.timedelta(minutes=480), absent=("men-diggers",),
    changes=(("pastoralists-farmers", "parc-karite", 4), ("youth", "riziere", 4)),
    proxy_vote=("riziere", 2),
)

# ---- KAHUZ: a hillside of tin diggings in South Kivu, DR Congo -----------------------------------

KAHUZ_PLAN = RehabilitationPlan(
    site=RehabilitationSite(
        name="Mubondo hillside diggings (fictional site)", area=1.8, area_unit="ha",
        state=bilingual("Pits and trenches up to 12 m deep on the slope, gullies cutting down to "
                        "the stream, spoil on the hillside, bare soil",
                        "Puits et tranchées jusqu'à 12 m de profondeur dans la pente, ravines "
                        "jusqu'au ruisseau, déblais sur le versant, sol nu"),
        mineral=bilingual("Cassiterite (tin ore)", "Cassitérite (minerai d'étain)"),
        alluvial=False),
    costs=RehabilitationCosts(currency="USD", wage=4.5, equipment_day=350),
    rates=[rate("pit", "manual", 0.45), rate("pit", "mechanised", 0.005, 0.0025, starting=True),
           rate("m3", "manual", 0.6), rate("m2", "manual", 0.06),
           rate("topsoil", "manual", 0.3), rate("seedling", "manual", 0.015, supplies=0.25),
           rate("day", "manual", 5)],
    species=[
        PlantSpecies(id="markhamia", label=bilingual("Markhamia lutea (musambya)",
                                                     "Markhamia lutea (musambya)"),
                     role="target"),
        PlantSpecies(id="polyscias", label=bilingual("Polyscias fulva (parasol tree)",
                                                     "Polyscias fulva (arbre parasol)"),
                     role="target"),
        PlantSpecies(id="croton", label=bilingual("Croton megalocarpus", "Croton megalocarpus"),
                     role="target"),
        PlantSpecies(id="maesopsis", label=bilingual("Maesopsis eminii (umbrella tree)",
                                                     "Maesopsis eminii (arbre parapluie)"),
                     role="coloniser"),
        PlantSpecies(id="pennisetum", label=bilingual("Elephant grass (Pennisetum purpureum), "
                                                      "cuttings",
                                                      "Herbe à éléphant (Pennisetum "
                                                      "purpureum), boutures"),
                     role="coloniser"),
    ],
    topsoil=TopsoilPlan(area=7000, depth=0.25, mixed_share=0.35),
    phases=[
        RehabilitationPhase(phase="preparation", start=D(2026, 6, 1), tasks=[
            task("access", "Agree access with the landowner and the chief's representative",
                 "Convenir de l'accès avec le propriétaire et le représentant du chef", 2, "day",
                 "landowners-chiefs", D(2026, 6, 1), D(2026, 6, 5)),
            task("park-strip", "Stop digging in the 50 m strip along the park boundary",
                 "Arrêter de creuser dans la bande de 50 m le long de la limite du parc", 1,
                 "day", "protected-area-managers", D(2026, 6, 1), D(2026, 6, 5), step="avoid"),
            task("effort-cost", "Assess effort and costs with the cooperative",
                 "Évaluer l'effort et les coûts avec la coopérative", 2, "day", "cso",
                 D(2026, 6, 3), D(2026, 6, 12)),
            task("shafts-safety", "Fence and mark the open shafts",
                 "Clôturer et signaler les puits ouverts", 3, "day", "men-diggers",
                 D(2026, 6, 8), D(2026, 6, 12), step="minimise")]),
        RehabilitationPhase(phase="technical", start=D(2026, 6, 15), tasks=[
            task("waste", "Remove sluice boxes, plastic sheets and fuel cans",
                 "Enlever les sluices, les bâches et les bidons de carburant", 8, "m3",
                 "women-crushers", D(2026, 6, 15), D(2026, 6, 19)),
            task("gullies", "Fill the gullies and build check dams down to the stream",
                 "Combler les ravines et poser des seuils jusqu'au ruisseau", 260, "m3",
                 "youth", D(2026, 6, 15), D(2026, 7, 24)),
            task("pits", "Backfill the pits and trenches with the spoil",
                 "Remblayer les puits et tranchées avec les déblais", 46, "pit", "men-diggers",
                 D(2026, 6, 22), D(2026, 8, 14), depth=5, opening=4),
            task("shafts", "Backfill the deep shafts", "Remblayer les puits profonds", 6, "pit",
                 "men-diggers", D(2026, 7, 6), D(2026, 7, 24), depth=12, opening=2.25),
            task("terraces", "Reshape the slope into terraces along the contour",
                 "Façonner la pente en terrasses selon les courbes de niveau", 9000, "m2",
                 "men-diggers", D(2026, 7, 20), D(2026, 8, 28))]),
        RehabilitationPhase(phase="topsoil", start=D(2026, 8, 3), tasks=[
            task("win-topsoil", "Win the topsoil back from the old spoil heaps",
                 "Récupérer la terre végétale des anciens tas de déblais", 1200, "topsoil",
                 "youth", D(2026, 8, 3), D(2026, 8, 28)),
            task("spread-topsoil", "Respread the topsoil on the terraces",
                 "Étaler la terre végétale sur les terrasses", 1200, "topsoil", "youth",
                 D(2026, 8, 17), D(2026, 9, 11)),
            task("strip-first", "From now on, strip and stockpile the topsoil before opening "
                                "a pit",
                 "Désormais, décaper et mettre en tas la terre végétale avant d'ouvrir un puits",
                 5, "day", "men-diggers", D(2026, 8, 3), D(2026, 8, 31), step="minimise")]),
        RehabilitationPhase(phase="biological", start=D(2026, 9, 1), tasks=[
            task("species", "Choose the species with the forestry service and the women",
                 "Choisir les espèces avec le service forestier et les femmes", 1, "day",
                 "forestry-agency", D(2026, 9, 1), D(2026, 9, 4)),
            task("grass-risers", "Plant elephant grass cuttings on the terrace risers",
                 "Planter des boutures d'herbe à éléphant sur les talus des terrasses", 3000,
                 "seedling", "women-crushers", D(2026, 9, 14), D(2026, 10, 2),
                 species="pennisetum"),
            task("markhamia", "Plant Markhamia seedlings", "Planter les plants de Markhamia", 600,
                 "seedling", "women-crushers", D(2026, 9, 21), D(2026, 10, 16),
                 species="markhamia"),
            task("polyscias", "Plant Polyscias seedlings", "Planter les plants de Polyscias", 400,
                 "seedling", "youth", D(2026, 9, 21), D(2026, 10, 16), species="polyscias"),
            task("maesopsis", "Plant Maesopsis as nurse trees",
                 "Planter le Maesopsis comme arbre abri", 500, "seedling", "youth",
                 D(2026, 9, 21), D(2026, 10, 9), species="maesopsis"),
            task("croton", "Plant Croton on the upper terraces",
                 "Planter le Croton sur les terrasses du haut", 300, "seedling", "youth",
                 D(2026, 10, 5), D(2026, 10, 16), species="croton"),
            task("park-buffer", "Plant native trees in the degraded park buffer, with the rangers",
                 "Planter des arbres locaux dans la zone tampon dégradée du parc, avec les "
                 "écogardes", 300, "seedling", "protected-area-managers", D(2026, 10, 5),
                 D(2026, 10, 23), species="polyscias", step="offset")]),
        RehabilitationPhase(phase="handover", start=D(2027, 9, 1), tasks=[
            task("assessment", "Joint assessment with the local stakeholder platform",
                 "Évaluation conjointe avec la plateforme locale des parties prenantes", 1,
                 "day", "local-government", D(2027, 9, 1), D(2027, 9, 10)),
            task("sign-off", "Sign-off by the territory administration",
                 "Validation par l'administration du territoire", 1, "day", "local-government",
                 D(2027, 9, 13), D(2027, 9, 24)),
            task("referral", "Referral to SAEMAPE and the provincial mines division",
                 "Transmission au SAEMAPE et à la division provinciale des mines", 1, "day",
                 "local-government", D(2027, 9, 27), D(2027, 10, 8))]),
    ],
    land_uses=[
        LandUseOption(id="agroforestry", label=bilingual("Bananas and beans under useful trees",
                                                         "Bananiers et haricots sous arbres "
                                                         "utiles"), pictogram="🍌"),
        LandUseOption(id="forest-buffer", label=bilingual("Native forest buffer for the park",
                                                          "Forêt locale en zone tampon du parc"),
                      pictogram="🌳"),
        LandUseOption(id="grazing", label=bilingual("Grazing", "Pâturage"), pictogram="🐄"),
        LandUseOption(id="fish-ponds", label=bilingual("Fish ponds in the old pits",
                                                       "Étangs piscicoles dans les anciens puits"),
                      pictogram="🐟"),
    ],
    handover=HandoverRecord(
        standard="Socially acceptable to all impacted stakeholders (FRM sign-off)",
        referred_to="SAEMAPE and the provincial mines division"),
)

KAHUZ_RAP = PlanSpec(
    title=bilingual("Rehabilitation of the Mubondo hillside", "Réhabilitation du versant de "
                                                              "Mubondo"),
    plan=KAHUZ_PLAN,
    leanings={
        "men-diggers": RoomLeaning({"agroforestry": 3, "fish-ponds": 2}, 3.6),
        "women-crushers": RoomLeaning({"agroforestry": 4, "fish-ponds": 2}, 3.9),
        "youth": RoomLeaning({"agroforestry": 2, "fish-ponds": 3}, 3.4),
        "landowners-chiefs": RoomLeaning({"agroforestry": 3, "grazing": 1}, 4.1),
        # the herders lose a pasture they used on the hillside: grazing is not in the plan
        "pastoralists-farmers": RoomLeaning({"agroforestry": 2, "grazing": 4}, 2.6),
        "local-government": RoomLeaning({"agroforestry": 2, "forest-buffer": 2}, 4.3),
        "forestry-agency": RoomLeaning({"forest-buffer": 4, "agroforestry": 1}, 4.0),
        "protected-area-managers": RoomLeaning({"forest-buffer": 5}, 3.6),
        "mineral-traders": RoomLeaning({"agroforestry": 1, "fish-ponds": 1}, 3.4),
        "cso": RoomLeaning({"agroforestry": 2, "forest-buffer": 2}, 4.0),
    },
    start=dt.timedelta(minutes=480), absent=("women-crushers",),
    changes=(("youth", "agroforestry", 4), ("men-diggers", "agroforestry", 4)),
    proxy_vote=("grazing", 2),
)

#: Per sample, by join code.
PLANS = {"PENDJ": PENDJ_RAP, "KAHUZ": KAHUZ_RAP}


def vote(rng: random.Random, leaning: RoomLeaning) -> Vote:
    """One person's vote: a land use drawn by the group's weights, a rating around its mean."""
    options, weights = zip(*leaning.land_uses.items())
    return Vote(land_use=rng.choices(options, weights)[0],
                acceptability=to_scale(leaning.acceptability + rng.gauss(0, 0.8)))


def simulate_votes(spec: PlanSpec, sample: SampleRoom) -> list[Ballot]:
    """The room voting from its phones, a few changing their vote after the discussion, then
    the proxy group's flipchart."""
    rng, group_of = sample.own_rng("rehabilitation"), sample.group_of
    voters = turnout(rng, sample.people, spec.absent)
    moment = sample.start + spec.start
    ballots = []
    for token in voters:
        moment = after(rng, moment, 5, 40)
        ballots.append(Ballot(participant=token, cast_at=moment,
                              answer=vote(rng, spec.leanings[group_of[token]])))
    for group, land_use, rating in spec.changes:
        token = next(t for t in voters if group_of[t] == group)
        moment = after(rng, moment, 60, 180)
        ballots.append(Ballot(participant=token, cast_at=moment,
                              answer=Vote(land_use=land_use, acceptability=rating)))
    group, count = sample.proxy
    land_use, rating = spec.proxy_vote
    moment = after(rng, moment, 60, 180)
    ballots.append(Ballot(participant=proxy_token(group), cast_at=moment, voters=count,
                          answer=Vote(land_use=land_use, acceptability=rating)))
    return ballots


def exercises(sample: SampleRoom) -> list[Exercise]:
    """The sample's plan and its room's votes (closed: the vote is over)."""
    spec = PLANS[sample.code]
    return [Exercise(id="rap", kind="rehabilitation", title=spec.title, status="closed",
                     design=spec.plan, ballots=simulate_votes(spec, sample))]
