"""A plan to start from: the guide's tasks for each FRM phase (2.4) and the starting rates.

The tasks are the guide's checklist, phase by phase, with quantities for a site of one hectare
that the facilitator replaces with the site's own. The rates and costs are *starting values*
(``starting=True``), to be replaced by local ones: rules of thumb for labour-based earthworks
(a worker moves a few m³ of loose soil a day; a small excavator or loader a few hundred), not
measurements. ``docs/exercises/rehabilitation.md`` lists them and says where they come from.
"""

from __future__ import annotations

import datetime as dt

from engine.exercises.rehabilitation.design import (HandoverRecord, LandUseOption, Method,
                                                    PhaseName,
                                                    PlantSpecies, RehabilitationCosts,
                                                    RehabilitationPhase, RehabilitationPlan,
                                                    RehabilitationSite, RehabilitationTask,
                                                    TopsoilPlan, UnitRate)

__all__ = ["STARTING_RATES", "STARTING_COSTS", "STARTER_LAND_USES", "starter_plan"]


def _both(en: str, fr: str) -> dict[str, str]:
    return {"en": en, "fr": fr}


def _rate(unit: str, method: Method, person_days: float, equipment_days: float = 0
          ) -> UnitRate:
    return UnitRate(unit=unit, method=method, person_days=person_days,
                    equipment_days=equipment_days, starting=True)


# Person-days (and equipment-days) per unit of work: a worker infills 2.5 m³ of pit a day, moves
# 2 m³ of waste or earth, regrades 20 m², moves 4 m³ of loose topsoil, plants 100 seedlings or
# collects 2 kg of seed; a day of a manual team is 4 person-days. A machine (an excavator or
# loader with its operator and a helper) moves 400 m³ of fill a day (500 of topsoil) and
# regrades 4 000 m².
STARTING_RATES = (
    _rate("pit", "manual", 0.4), _rate("pit", "mechanised", 0.005, 0.0025),
    _rate("m3", "manual", 0.5), _rate("m3", "mechanised", 0.005, 0.0025),
    _rate("m2", "manual", 0.05), _rate("m2", "mechanised", 0.0005, 0.00025),
    _rate("topsoil", "manual", 0.25), _rate("topsoil", "mechanised", 0.004, 0.002),
    _rate("seedling", "manual", 0.01), _rate("seed_kg", "manual", 0.5),
    _rate("day", "manual", 4), _rate("day", "mechanised", 2, 1),
)
# A day's wage and an equipment-day's hire (fuel and operator's fee included), by the currency
# a workshop in that language most likely uses: starting values, to replace.
STARTING_COSTS = {
    "fr": RehabilitationCosts(currency="XOF", wage=2500, equipment_day=250000, starting=True),
    "en": RehabilitationCosts(currency="USD", wage=5, equipment_day=400, starting=True),
}
STARTER_LAND_USES = (
    LandUseOption(id="farming", label=_both("Fields and gardens", "Champs et jardins"),
                  pictogram="🌾"),
    LandUseOption(id="agroforestry", label=_both("Agroforestry (useful trees)",
                                                 "Agroforesterie (arbres utiles)"),
                  pictogram="🌳"),
    LandUseOption(id="grazing", label=_both("Grazing", "Pâturage"), pictogram="🐄"),
    LandUseOption(id="native", label=_both("Native bush and forest", "Brousse et forêt naturelles"),
                  pictogram="🌿"),
    LandUseOption(id="water", label=_both("Pond for fish or watering",
                                          "Mare pour le poisson ou l'abreuvement"),
                  pictogram="🐟"),
)
_SPECIES = (
    PlantSpecies(id="target-tree", label=_both("Native target tree (name it)",
                                               "Arbre cible local (à nommer)"), role="target"),
    PlantSpecies(id="coloniser-grass", label=_both("Local coloniser grass (name it)",
                                                   "Graminée colonisatrice locale (à nommer)"),
                 role="coloniser"),
)
_WHO = {"group": _both("ASM group", "Groupe d'orpailleurs"),
        "committee": _both("Rehabilitation committee", "Comité de réhabilitation"),
        "government": _both("Local government", "Mairie")}

# Per phase: the month it starts (from the plan's first month) and its tasks, as
# (id, English, French, quantity, unit, extra fields, who, first day, last day) with days
# counted from the phase's start.
_Task = tuple[str, str, str, float, str, dict[str, object], str, int, int]
_PHASES: tuple[tuple[PhaseName, int, tuple[_Task, ...]], ...] = (
    ("preparation", 0, (
        ("site-access", "Agree access to the site with the landowners",
         "Convenir de l'accès au site avec les propriétaires", 3, "day", {}, "committee", 0, 9),
        ("effort-cost", "Assess effort and costs: labour, equipment, mechanisation",
         "Évaluer l'effort et les coûts : main-d'œuvre, engins, mécanisation", 2, "day", {},
         "committee", 0, 19),
        ("resources", "Survey soil enhancement and biological resources",
         "Recenser les ressources pour le sol et les ressources biologiques", 3, "day", {},
         "committee", 5, 24),
        ("safety", "Agree health and safety protocols",
         "Convenir des règles de santé et de sécurité", 1, "day", {}, "group", 10, 24))),
    ("technical", 1, (
        ("waste", "Clear the site of waste and pollutants",
         "Débarrasser le site des déchets et des polluants", 30, "m3", {}, "group", 0, 13),
        ("hydrology", "Restore the hydrology to the agreed design",
         "Rétablir l'écoulement des eaux selon le plan convenu", 120, "m3", {}, "group", 14, 44),
        ("infill", "Infill shafts, pits and tunnels", "Remblayer les puits, fosses et galeries",
         25, "pit", {"depth": 4, "opening": 3}, "group", 0, 58),
        ("regrade", "Regrade and reprofile to the surrounding land",
         "Reprofiler et niveler selon le terrain environnant", 4000, "m2", {}, "group", 45, 74))),
    ("topsoil", 3, (
        ("win-topsoil", "Identify, win and stockpile the topsoil",
         "Repérer, prélever et mettre en tas la terre végétale", 800, "topsoil",
         {"step": "minimise"}, "group", 0, 19),
        ("protect-topsoil", "Protect the stockpile (cover, cover crop)",
         "Protéger le tas (couverture, plante de couverture)", 2, "day", {"step": "minimise"},
         "group", 20, 29),
        ("spread-topsoil", "Redistribute the topsoil to the right depth",
         "Remettre la terre végétale à la bonne épaisseur", 800, "topsoil", {}, "group", 30, 59))),
    ("biological", 5, (
        ("species-choice", "Agree target and coloniser species and the future land use",
         "Convenir des espèces cibles et colonisatrices et de l'usage futur", 2, "day", {},
         "committee", 0, 9),
        ("seed-collection", "Collect seed of the coloniser grass",
         "Récolter les semences de la graminée colonisatrice", 10, "seed_kg",
         {"species": "coloniser-grass"}, "group", 0, 29),
        ("sowing", "Sow seed into the topsoil", "Semer dans la terre végétale", 4000, "m2", {},
         "group", 30, 44),
        ("stabilise", "Stabilise the soil and keep its moisture (mulch, contour lines)",
         "Stabiliser le sol et garder l'humidité (paillage, courbes de niveau)", 2000, "m2", {},
         "group", 30, 59),
        ("planting", "Plant seedlings of the target species, water where needed",
         "Planter les plants des espèces cibles, arroser au besoin", 400, "seedling",
         {"species": "target-tree"}, "group", 45, 74))),
    ("handover", 11, (
        ("assessment", "Assess the site against the social acceptability standard",
         "Évaluer le site selon la norme d'acceptabilité sociale", 1, "day", {}, "government",
         0, 9),
        ("sign-off", "Sign-off by local government", "Validation par la mairie", 1, "day", {},
         "government", 10, 19),
        ("referral", "Refer to the national agency issuing licences and permits",
         "Transmettre au service national des permis et licences", 1, "day", {}, "government",
         20, 29))),
)


def _month(start: dt.date, months: int) -> dt.date:
    """The first day of the month ``months`` after ``start``'s."""
    index = start.year * 12 + start.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def starter_plan(lang: str, start: dt.date) -> RehabilitationPlan:
    """The guide's plan for a one-hectare site, from the first day of ``start``'s month."""
    pick = "fr" if lang == "fr" else "en"
    phases = []
    for name, month, tasks in _PHASES:
        first = _month(start, month)
        phases.append(RehabilitationPhase(phase=name, start=first, tasks=[
            RehabilitationTask.model_validate({
                "id": task_id, "label": _both(en, fr), "quantity": quantity, "unit": unit,
                **extra, "who": _WHO[who][pick], "start": first + dt.timedelta(days=begin),
                "end": first + dt.timedelta(days=finish)})
            for task_id, en, fr, quantity, unit, extra, who, begin, finish in tasks]))
    return RehabilitationPlan(
        site=RehabilitationSite(name=_both("Site to rehabilitate", "Site à réhabiliter")[pick],
                                area=1, area_unit="ha",
                                state=_both("Pits, spoil heaps and bare ground left by mining",
                                            "Fosses, tas de déblais et sol nu laissés par la "
                                            "mine"),
                                mineral=_both("Gold", "Or"), alluvial=False),
        costs=STARTING_COSTS[pick], rates=list(STARTING_RATES), species=list(_SPECIES),
        topsoil=TopsoilPlan(area=4000, depth=0.2), phases=phases,
        land_uses=list(STARTER_LAND_USES),
        handover=HandoverRecord(standard=_both(
            "Socially acceptable to all impacted stakeholders (FRM sign-off)",
            "Socialement acceptable pour toutes les parties prenantes concernées (validation "
            "FRM)")[pick]))
