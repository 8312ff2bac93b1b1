"""The stakeholder network maps of the two sample workshops, drawn by hand, not simulated.

Each is the Net-Map of its place's ASM system, from the guide's list of actors: the supply chain,
the money flowing back, information, authority and licensing, and relationships. No randomness
is drawn, so changing a map leaves every ballot of the samples as it is.
"""

from __future__ import annotations

from typing import Any

from engine.core.exercise import Exercise
from engine.core.samples import SampleRoom
from engine.exercises.network.design import Actor, Link, NetworkMap

__all__ = ["exercises"]

# Actors: id, kind, HRBA role, influence (0–5), interest (0–5), Mitchell–Agle–Wood attributes
# ticked (P power, L legitimacy, U urgency; "-" none assessed), English, French.
# Links: source, target, layer, then for relationships the sign; an optional note (English).
# Each map has a recognisable conflict and rights holders whose only ties are sales, payments
# and disputes: no channel through which a claim reaches a duty bearer.

PENDJ_ACTORS = [
    ("diggers", "miners", "rights_holder", 2, 5, "LU", "Diggers (pit workers)",
     "Creuseurs (ouvriers des puits)"),
    ("women-crushers", "processors", "rights_holder", 1, 5, "LU", "Women crushers and panners",
     "Femmes concasseuses et orpailleuses"),
    ("young-newcomers", "miners", "rights_holder", 1, 4, "U", "Young diggers from elsewhere",
     "Jeunes orpailleurs venus d'ailleurs"),
    ("pit-owners", "miners", "other", 4, 5, "PU", "Pit owners and sponsors",
     "Propriétaires de puits et financeurs"),
    ("gold-buyers", "traders", "other", 4, 4, "P", "Local gold buyers", "Acheteurs d'or locaux"),
    ("mercury-sellers", "traders", "other", 2, 3, "-", "Mercury sellers", "Vendeurs de mercure"),
    ("exporters", "exporters", "other", 4, 2, "PL", "Gold exporters (Cotonou)",
     "Comptoirs d'exportation de l'or (Cotonou)"),
    ("village-chief", "customary", "other", 4, 4, "PL", "Village chief", "Chef de village"),
    ("land-chiefs", "customary", "other", 3, 4, "PLU", "Land chiefs (landowners)",
     "Chefs de terre (propriétaires terriens)"),
    ("mayor", "local_government", "duty_bearer", 3, 3, "PL", "Mayor of Tanguiéta",
     "Maire de Tanguiéta"),
    ("mines-office", "national_government", "duty_bearer", 3, 3, "PL",
     "Departmental mines office", "Direction départementale des mines"),
    ("mines-ministry", "national_government", "duty_bearer", 5, 2, "PL",
     "Ministry of mines (Cotonou)", "Ministère des mines (Cotonou)"),
    ("forestry", "environment_agency", "duty_bearer", 3, 4, "PL", "Forestry service",
     "Service des eaux et forêts"),
    ("park-managers", "protected_area", "duty_bearer", 5, 5, "PLU", "Pendjari park managers",
     "Gestionnaires du parc de la Pendjari"),
    ("rangers", "protected_area", "duty_bearer", 3, 5, "PU", "Park rangers", "Écogardes"),
    ("gendarmerie", "national_government", "duty_bearer", 4, 2, "P", "Gendarmerie",
     "Brigade de gendarmerie"),
    ("health-centre", "other", "duty_bearer", 2, 4, "L", "Health centre", "Centre de santé"),
    ("mining-company", "large_scale_mining", "other", 5, 3, "P",
     "Industrial gold company (exploration permit)",
     "Société minière industrielle (permis de recherche)"),
    ("farmers", "farmers_herders", "rights_holder", 1, 4, "L", "Farmers", "Agriculteurs"),
    ("herders", "farmers_herders", "rights_holder", 1, 4, "LU", "Transhumant herders",
     "Éleveurs transhumants"),
    ("downstream-villages", "community", "rights_holder", 0, 4, "LU", "Downstream villages",
     "Villages en aval"),
    ("cso", "cso", "other", 2, 5, "L", "Local NGO supporting miners",
     "ONG locale d'appui aux orpailleurs"),
    ("radio", "cso", "other", 2, 3, "L", "Community radio", "Radio communautaire"),
]
PENDJ_LINKS = [
    # minerals, along the supply chain
    ("diggers", "pit-owners", "mineral", None, "ore, for a share of the gold"),
    ("pit-owners", "women-crushers", "mineral", None, "ore to crush and wash"),
    ("women-crushers", "gold-buyers", "mineral", None, "gold from the tailings"),
    ("pit-owners", "gold-buyers", "mineral"),
    ("young-newcomers", "gold-buyers", "mineral"),
    ("gold-buyers", "exporters", "mineral"),
    # money
    ("gold-buyers", "pit-owners", "money", None, "cash, and advances before the season"),
    ("gold-buyers", "women-crushers", "money"),
    ("gold-buyers", "young-newcomers", "money"),
    ("pit-owners", "diggers", "money", None, "a share of the gold, or food while digging"),
    ("exporters", "gold-buyers", "money", None, "pre-finance"),
    ("pit-owners", "land-chiefs", "money", None, "a fee for the land"),
    ("pit-owners", "village-chief", "money", None, "customary tribute"),
    ("diggers", "mercury-sellers", "money"),
    ("gold-buyers", "mines-office", "money", None, "buyer's card fee"),
    ("exporters", "mines-ministry", "money", None, "export tax"),
    ("pit-owners", "gendarmerie", "money", None, "informal payments at checkpoints"),
    # information
    ("radio", "diggers", "information"),
    ("radio", "farmers", "information"),
    ("radio", "herders", "information"),
    ("cso", "radio", "information"),
    ("cso", "diggers", "information", None, "safety and mercury-free processing"),
    ("cso", "mayor", "information"),
    ("health-centre", "diggers", "information", None, "mercury risks"),
    ("mines-office", "village-chief", "information"),
    ("mayor", "village-chief", "information"),
    ("village-chief", "land-chiefs", "information"),
    ("park-managers", "mayor", "information"),
    ("forestry", "mayor", "information"),
    ("mining-company", "mayor", "information", None, "exploration plans"),
    # authority and licensing
    ("mines-ministry", "mines-office", "authority"),
    ("mines-ministry", "mining-company", "authority", None, "exploration permit"),
    ("mines-office", "gold-buyers", "authority", None, "buyer's cards"),
    ("mines-office", "pit-owners", "authority", None, "artisanal permits"),
    ("park-managers", "rangers", "authority"),
    ("forestry", "pit-owners", "authority", None, "tree-clearing permits"),
    ("land-chiefs", "pit-owners", "authority", None, "access to the land"),
    ("village-chief", "diggers", "authority", None, "site rules"),
    ("rangers", "diggers", "authority", None, "evictions from the buffer zone"),
    ("gendarmerie", "diggers", "authority"),
    # relationships
    ("herders", "diggers", "relationship", "conflict", "cattle fall into open pits"),
    ("rangers", "diggers", "relationship", "conflict", "raids in the buffer zone"),
    ("farmers", "pit-owners", "relationship", "conflict", "fields dug up"),
    ("women-crushers", "pit-owners", "relationship", "conflict", "shares paid late or not at all"),
    ("mining-company", "diggers", "relationship", "conflict", "the permit covers the sites"),
    ("downstream-villages", "diggers", "relationship", "conflict", "muddy, polluted river"),
    ("young-newcomers", "land-chiefs", "relationship", "conflict"),
    ("farmers", "herders", "relationship", "neutral"),
    ("young-newcomers", "diggers", "relationship", "synergy"),
    ("village-chief", "pit-owners", "relationship", "synergy"),
    ("village-chief", "diggers", "relationship", "synergy", "he settles disputes at the pits"),
    ("village-chief", "land-chiefs", "relationship", "synergy"),
    ("mayor", "village-chief", "relationship", "synergy"),
    ("park-managers", "forestry", "relationship", "synergy"),
    ("gold-buyers", "pit-owners", "relationship", "synergy"),
    ("cso", "health-centre", "relationship", "synergy"),
    ("cso", "diggers", "relationship", "synergy"),
]

KAHUZ_ACTORS = [
    ("diggers", "miners", "rights_holder", 2, 5, "LU", "Diggers (creuseurs)", "Creuseurs"),
    ("women-porters", "processors", "rights_holder", 1, 5, "LU", "Women porters and crushers",
     "Femmes porteuses et concasseuses"),
    ("pit-managers", "miners", "other", 4, 5, "PU", "Pit managers and sponsors",
     "Responsables de puits et financeurs"),
    ("cooperative", "miners", "other", 4, 4, "PL", "Mining cooperative", "Coopérative minière"),
    ("negociants", "traders", "other", 4, 4, "P", "Mineral traders (négociants)",
     "Négociants en minerais"),
    ("comptoirs", "exporters", "other", 5, 3, "PL", "Export houses (comptoirs, Bukavu)",
     "Comptoirs d'exportation (Bukavu)"),
    ("traceability-agents", "other", "other", 3, 3, "PL", "Traceability agents (bag tags)",
     "Agents de traçabilité (étiquettes)"),
    ("mwami", "customary", "other", 4, 3, "PL", "Customary chief (mwami)",
     "Chef coutumier (mwami)"),
    ("landholders", "customary", "other", 3, 4, "PLU", "Customary landholders",
     "Ayants droit fonciers coutumiers"),
    ("territory-administrator", "local_government", "duty_bearer", 3, 3, "PL",
     "Territory administrator", "Administrateur du territoire"),
    ("saemape", "national_government", "duty_bearer", 3, 4, "PL",
     "Artisanal mining support service (SAEMAPE)",
     "Service d'assistance aux mines artisanales (SAEMAPE)"),
    ("mines-division", "national_government", "duty_bearer", 4, 3, "PL",
     "Provincial mines division", "Division provinciale des mines"),
    ("environment", "environment_agency", "duty_bearer", 2, 3, "L",
     "Provincial environment office", "Coordination provinciale de l'environnement"),
    ("park-managers", "protected_area", "duty_bearer", 5, 5, "PLU",
     "Kahuzi-Biega park managers", "Gestionnaires du parc de Kahuzi-Biega"),
    ("rangers", "protected_area", "duty_bearer", 3, 5, "PU", "Park rangers", "Écogardes"),
    ("mining-police", "national_government", "duty_bearer", 3, 2, "P", "Mining police",
     "Police des mines"),
    ("health-centre", "other", "duty_bearer", 2, 4, "L", "Health centre", "Centre de santé"),
    ("mining-company", "large_scale_mining", "other", 5, 3, "P",
     "Industrial tin company (exploitation permit)",
     "Société minière industrielle (permis d'exploitation)"),
    ("armed-group", "other", "other", 4, 4, "PU", "Armed group (roadblocks)",
     "Groupe armé (barrières)"),
    ("farmers", "farmers_herders", "rights_holder", 1, 4, "L", "Farmers", "Agriculteurs"),
    ("herders", "farmers_herders", "rights_holder", 1, 3, "L", "Cattle herders",
     "Éleveurs de bétail"),
    ("displaced-families", "community", "rights_holder", 0, 5, "LU",
     "Families displaced from the park", "Familles déplacées du parc"),
    ("cso", "cso", "other", 2, 5, "L", "Local human-rights CSO",
     "Organisation locale de défense des droits humains"),
    ("radio", "cso", "other", 2, 3, "L", "Community radio", "Radio communautaire"),
]
KAHUZ_LINKS = [
    # minerals
    ("diggers", "pit-managers", "mineral", None, "cassiterite and coltan ore"),
    ("women-porters", "pit-managers", "mineral", None, "ore carried and crushed"),
    ("pit-managers", "cooperative", "mineral"),
    ("cooperative", "negociants", "mineral", None, "tagged bags"),
    ("negociants", "comptoirs", "mineral"),
    ("diggers", "negociants", "mineral", None, "untagged ore, sold on the side"),
    # money
    ("negociants", "cooperative", "money"),
    ("cooperative", "pit-managers", "money", None, "after the cooperative's deductions"),
    ("pit-managers", "diggers", "money"),
    ("pit-managers", "women-porters", "money", None, "per load carried"),
    ("comptoirs", "negociants", "money", None, "pre-finance"),
    ("comptoirs", "traceability-agents", "money", None, "a levy per kilogram tagged"),
    ("cooperative", "saemape", "money", None, "fees"),
    ("pit-managers", "armed-group", "money", None, "illegal taxes at roadblocks"),
    ("negociants", "mining-police", "money", None, "informal payments"),
    ("pit-managers", "landholders", "money"),
    ("comptoirs", "mines-division", "money", None, "export tax"),
    # information
    ("saemape", "diggers", "information", None, "pit safety training"),
    ("saemape", "cooperative", "information"),
    ("radio", "diggers", "information"),
    ("radio", "farmers", "information"),
    ("cso", "radio", "information"),
    ("cso", "women-porters", "information", None, "rights and GBV support"),
    ("cso", "territory-administrator", "information"),
    ("health-centre", "women-porters", "information"),
    ("park-managers", "mwami", "information"),
    ("mwami", "landholders", "information"),
    ("traceability-agents", "mines-division", "information", None, "tag records"),
    ("environment", "territory-administrator", "information"),
    ("mining-company", "territory-administrator", "information"),
    # authority
    ("mines-division", "saemape", "authority"),
    ("mines-division", "cooperative", "authority", None, "artisanal mining zone permit"),
    ("mines-division", "negociants", "authority", None, "trader cards"),
    ("mines-division", "comptoirs", "authority", None, "export licences"),
    ("mines-division", "mining-company", "authority", None, "exploitation permit"),
    ("park-managers", "rangers", "authority"),
    ("rangers", "diggers", "authority", None, "evictions from the park"),
    ("mining-police", "diggers", "authority"),
    ("territory-administrator", "mwami", "authority"),
    ("mwami", "pit-managers", "authority", None, "access to the land"),
    ("environment", "cooperative", "authority", None, "environmental plan"),
    ("armed-group", "diggers", "authority", None, "rule by force at some sites"),
    # relationships
    ("rangers", "diggers", "relationship", "conflict", "arrests inside the park"),
    ("rangers", "displaced-families", "relationship", "conflict", "evicted without compensation"),
    ("herders", "farmers", "relationship", "conflict", "cattle in the fields"),
    ("mining-company", "diggers", "relationship", "conflict", "the permit covers their pits"),
    ("armed-group", "diggers", "relationship", "conflict"),
    ("cooperative", "diggers", "relationship", "conflict", "unfair deductions"),
    ("displaced-families", "mwami", "relationship", "conflict", "land lost to the park"),
    ("herders", "diggers", "relationship", "neutral"),
    ("mwami", "pit-managers", "relationship", "synergy"),
    ("cooperative", "negociants", "relationship", "synergy"),
    ("negociants", "diggers", "relationship", "synergy", "they buy what the cooperative refuses"),
    ("cso", "health-centre", "relationship", "synergy"),
    ("women-porters", "diggers", "relationship", "synergy"),
    ("park-managers", "environment", "relationship", "synergy"),
    ("herders", "mwami", "relationship", "synergy"),
]
#: Per sample, by join code: the map's question, its actors and its links.
MAPS: dict[str, tuple[dict[str, str], list[tuple[Any, ...]], list[tuple[Any, ...]]]] = {
    "PENDJ": ({"en": "Who shapes gold panning around the park, and how?",
               "fr": "Qui influence l'orpaillage autour du parc, et comment ?"},
              PENDJ_ACTORS, PENDJ_LINKS),
    "KAHUZ": ({"en": "Who shapes tin and coltan mining near Kahuzi-Biega, and how?",
               "fr": "Qui influence l'exploitation de l'étain et du coltan près de Kahuzi-Biega, "
                     "et comment ?"},
              KAHUZ_ACTORS, KAHUZ_LINKS),
}


def network_map(question: dict[str, str], actors: list[tuple[Any, ...]],
                links: list[tuple[Any, ...]]) -> NetworkMap:
    """A sample's Net-Map from its tables."""
    def flag(flags: str, letter: str) -> bool | None:
        return None if flags == "-" else letter in flags

    return NetworkMap(
        question=question,
        actors=[Actor(id=aid, kind=kind, hrba_role=role, influence=influence, interest=interest,
                      power=flag(flags, "P"), legitimacy=flag(flags, "L"),
                      urgency=flag(flags, "U"), label={"en": en, "fr": fr})
                for aid, kind, role, influence, interest, flags, en, fr in actors],
        links=[Link(source=row[0], target=row[1], layer=row[2],
                    sign=row[3] if len(row) > 3 else None, note=row[4] if len(row) > 4 else "")
               for row in links])


def exercises(sample: SampleRoom) -> list[Exercise]:
    """The sample's stakeholder map, drawn but not yet open to phones."""
    question, actors, links = MAPS[sample.code]
    return [Exercise(id="network", kind="network", status="draft",
                     design=network_map(question, actors, links))]
