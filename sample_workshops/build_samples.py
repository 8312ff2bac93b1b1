"""Build the two fictional sample workshops, deterministically.

    python sample_workshops/build_samples.py

writes ``benin-atacora-gold.json`` (French) and ``drc-south-kivu-tin.json`` (English) next to
this script, reads them back and prints each exercise's top items under every aggregation and
weighting that applies to it, and what the analysis of each stakeholder network map shows.

Both workshops are invented: the villages do not exist and every participant and ballot is
simulated. Each stakeholder group votes from its own preference weights (below) plus random
noise, so the per-group results diverge the way they do in a real room. Each workshop runs one
exercise of every prioritisation method: bean distribution, importance × urgency, ranking,
pairwise comparison (pairs chosen by ``engine.social_choice.next_pair``, as the app chooses
them) and matrix scoring; and each has a stakeholder network map of its ASM system (the tables
below, written by hand, not simulated). Everything random comes from a seeded
``random.Random``, timestamps are fixed and the PIN hash uses a fixed salt, so a rerun writes
byte-identical files. The facilitator PIN of both samples is 1234.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from anywhere: the engine lives in the repo root

from engine.access import hash_pin  # noqa: E402
from engine.model import (Ballot, Criterion, Exercise, Group,  # noqa: E402
                          ImportanceUrgencyAnswer, Item, MatrixAnswer, PairOffer, PairwiseAnswer,
                          Participant, RankingAnswer, Rating, TokenAnswer, Workshop, label,
                          proxy_token)
from engine.network import Actor, Link, NetworkMap, analyse  # noqa: E402
from engine.prioritise import AGGREGATIONS, BASIC_WEIGHTINGS, results  # noqa: E402
from engine.setup import unique_id  # noqa: E402
from engine.social_choice import next_pair  # noqa: E402
from engine.workshop_file import dump_workshop, read_workshop  # noqa: E402

PIN = "1234"
PIN_SALT = b"asm-sample-salt!"  # fixed, so the pin_hash (and the file) never changes
BEANS = 10
TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
TOKEN_LENGTH = 16  # as long as engine.access.new_token's

# ---- stakeholder groups (guide 1.3 and 3.1): id, HRBA role, pictogram, English, French -----------

GROUP_TABLE = [
    ("men-diggers", "rights_holder", "⛏️", "Men diggers (pit workers)", "Creuseurs (hommes)"),
    ("women-crushers", "rights_holder", "👩🏾", "Women crushers, washers and panners",
     "Femmes concasseuses, laveuses et orpailleuses"),
    ("youth", "rights_holder", "🧑🏾", "Youth", "Jeunes"),
    ("landowners-chiefs", "rights_holder", "🏘️", "Landowners and customary chiefs",
     "Propriétaires terriens et chefs coutumiers"),
    ("pastoralists-farmers", "rights_holder", "🌾", "Herders and farmers",
     "Éleveurs et agriculteurs"),
    ("local-government", "duty_bearer", "🏛️", "Local government (commune)",
     "Collectivité locale (mairie)"),
    ("forestry-agency", "duty_bearer", "🌲", "Forestry and environment service",
     "Service des eaux, forêts et de l'environnement"),
    ("protected-area-managers", "duty_bearer", "🐘", "Protected-area managers and rangers",
     "Gestionnaires et écogardes de l'aire protégée"),
    ("gold-buyers", "other", "⚖️", "Gold buyers (traders)", "Acheteurs d'or (négociants)"),
    ("mineral-traders", "other", "⚖️", "Mineral traders (négociants)", "Négociants en minerais"),
    ("cso", "other", "🤝", "Civil society organisations", "Organisations de la société civile"),
]
GROUPS = {gid: Group(id=gid, hrba_role=role, pictogram=pictogram, label={"en": en, "fr": fr})
          for gid, role, pictogram, en, fr in GROUP_TABLE}

# ---- issues (guide 1.2, 1.3, 2.3): id, pictogram, English, French, acuteness ---------------------
# Acuteness (1–5) is how quickly harm follows if nothing is done; it pulls urgency ratings up.

ISSUE_TABLE = [
    ("mercury", "🧪", "Mercury used to amalgamate gold (health, water)",
     "Mercure utilisé pour amalgamer l'or (santé, eau)", 5),
    ("pit-collapse", "⛑️", "Pit collapses and accidents", "Éboulements de puits et accidents", 5),
    ("armed-groups", "🪖", "Illegal taxes and insecurity from armed men",
     "Taxes illégales et insécurité imposées par des hommes armés", 5),
    ("water-pollution", "💧", "Polluted water for drinking and livestock",
     "Eau polluée pour la boisson et le bétail", 4),
    ("siltation", "🌊", "Rivers silted up by ore washing",
     "Rivières envasées par le lavage du minerai", 3),
    ("forest-clearance", "🪓", "Forest cleared to reach the deposits",
     "Forêt défrichée pour atteindre les gisements", 3),
    ("pa-encroachment", "🏞️", "Mining inside the protected area",
     "Exploitation minière dans l'aire protégée", 4),
    ("bushmeat", "🐒", "Bushmeat hunting around the mining camps",
     "Chasse de viande de brousse autour des camps miniers", 3),
    ("child-labour", "🧒🏾", "Children working at the site instead of going to school",
     "Enfants travaillant sur le site au lieu d'aller à l'école", 4),
    ("gbv", "🆘", "Gender-based violence and harassment",
     "Violences basées sur le genre et harcèlement", 5),
    ("land-conflict", "⚔️", "Conflicts with farmers and herders over land and water",
     "Conflits avec les agriculteurs et les éleveurs pour la terre et l'eau", 3),
    ("informality", "📄", "No mining licences: the work stays informal",
     "Pas de permis : l'activité reste informelle", 2),
    ("land-access", "🚷", "No legal land to mine: miners are pushed towards the park",
     "Pas de terrain légal pour miner : les orpailleurs sont poussés vers le parc", 3),
    ("credit", "🏦", "No access to credit or savings", "Pas d'accès au crédit ni à l'épargne", 2),
    ("traceability", "🏷️", "No traceability: responsible buyers will not buy",
     "Pas de traçabilité : les acheteurs responsables n'achètent pas", 2),
    ("in-migration", "🚶🏾", "In-migration and new informal camps",
     "Afflux de migrants et nouveaux campements informels", 3),
]
ISSUES = {iid: Item(id=iid, pictogram=pictogram, label={"en": en, "fr": fr})
          for iid, pictogram, en, fr, _ in ISSUE_TABLE}
ACUTENESS = {iid: acuteness for iid, *_, acuteness in ISSUE_TABLE}

# ---- actions (guide 2.3, 2.4, 2.6, 3.1): id, pictogram, English, French --------------------------

ACTION_TABLE = [
    ("mercury-free", "⚗️", "Mercury-free processing (shaking tables, retorts)",
     "Traitement sans mercure (tables à secousses, cornues)"),
    ("pit-safety", "🦺", "Safer pits: timbering, helmets, first aid",
     "Puits plus sûrs : boisage, casques, premiers secours"),
    ("traceability-scheme", "🏷️", "Join a mineral traceability scheme (bag and tag)",
     "Adhérer à un système de traçabilité des minerais (étiquetage des sacs)"),
    ("asm-zones", "🗺️", "Mining zones set aside for artisanal miners, outside the park",
     "Zones réservées à l'exploitation artisanale, hors du parc"),
    ("simple-permits", "📝", "Simple, affordable permits for miners' cooperatives",
     "Permis simples et abordables pour les coopératives minières"),
    ("rehabilitation", "🌱", "Backfill and replant old pits (frugal rehabilitation)",
     "Remblayer et replanter les anciennes fosses (réhabilitation frugale)"),
    ("savings-groups", "💵", "Savings and credit groups for women",
     "Groupes d'épargne et de crédit pour les femmes"),
    ("back-to-school", "🎒", "Keep children in school (school meals, fees)",
     "Garder les enfants à l'école (cantine, frais scolaires)"),
    ("gbv-safe", "🛡️", "Safe spaces and help for survivors of gender-based violence",
     "Espaces sûrs et prise en charge des survivantes de violences basées sur le genre"),
    ("river-buffer", "🏊", "Settling ponds and a buffer strip along the river",
     "Bassins de décantation et bande tampon le long de la rivière"),
    ("lmc", "🗣️", "A local multi-stakeholder council to plan together",
     "Un conseil local multi-acteurs pour planifier ensemble"),
    ("exit-strategy", "🚪", "A containment and exit plan for mining inside the park",
     "Un plan de confinement et de sortie de l'exploitation minière dans le parc"),
    ("livestock-corridors", "🐄", "Agreed livestock corridors and water points",
     "Couloirs de passage et points d'eau convenus pour le bétail"),
]
ACTIONS = {aid: Item(id=aid, pictogram=pictogram, label={"en": en, "fr": fr})
           for aid, pictogram, en, fr in ACTION_TABLE}

# ---- matrix scoring (guide 2.4, 2.6): the criteria, and how each action really scores ------------
# Effectiveness counts double; the cost to the community is a cost (lower is better).

CRITERIA = [
    Criterion(id="effectiveness", weight=2,
              label={"en": "Effectiveness for people and nature",
                     "fr": "Efficacité pour les personnes et la nature"}),
    Criterion(id="cost", weight=1, lower_is_better=True,
              label={"en": "Cost to the community", "fr": "Coût pour la communauté"}),
    Criterion(id="feasibility", weight=1,
              label={"en": "Feasible with local means", "fr": "Faisable avec les moyens locaux"}),
]
# An action's scores (0–5) on the criteria, in CRITERIA order, before each group's bias and noise.
ACTION_PROFILE = {
    "mercury-free": (4, 4, 2), "pit-safety": (4, 2, 4), "traceability-scheme": (3, 3, 2),
    "asm-zones": (4, 2, 2), "simple-permits": (3, 2, 2), "rehabilitation": (4, 3, 3),
    "savings-groups": (3, 1, 4), "back-to-school": (4, 3, 3), "gbv-safe": (4, 2, 3),
    "river-buffer": (4, 2, 3), "lmc": (3, 1, 4), "exit-strategy": (4, 3, 1),
    "livestock-corridors": (3, 2, 3),
}

# ---- what each group cares about: weight per item (unlisted items weigh 1) -----------------------

ISSUE_CONCERN = {
    "men-diggers": {"land-access": 8, "informality": 7, "pit-collapse": 6, "armed-groups": 6,
                    "traceability": 4, "credit": 4,
                    "forest-clearance": 0.5, "pa-encroachment": 0.5},  # "not our problem"
    "women-crushers": {"mercury": 8, "gbv": 7, "credit": 6, "armed-groups": 5, "water-pollution": 4,
                       "child-labour": 3, "pit-collapse": 3},
    "youth": {"informality": 5, "credit": 5, "land-access": 4, "armed-groups": 4, "in-migration": 3,
              "child-labour": 3},
    "landowners-chiefs": {"in-migration": 7, "land-conflict": 6, "forest-clearance": 3,
                          "land-access": 3, "informality": 3},
    "pastoralists-farmers": {"land-conflict": 8, "water-pollution": 7, "siltation": 6,
                             "mercury": 3},
    "local-government": {"informality": 6, "in-migration": 5, "child-labour": 4,
                         "land-conflict": 4},
    "forestry-agency": {"forest-clearance": 8, "pa-encroachment": 6, "bushmeat": 5, "siltation": 3},
    "protected-area-managers": {"pa-encroachment": 9, "bushmeat": 7, "forest-clearance": 5,
                                "in-migration": 4, "armed-groups": 4},
    "gold-buyers": {"informality": 7, "traceability": 6, "credit": 4},
    "mineral-traders": {"traceability": 8, "informality": 6, "armed-groups": 4, "credit": 3},
    "cso": {"child-labour": 6, "gbv": 6, "mercury": 5, "informality": 3},
}

ACTION_SUPPORT = {
    "men-diggers": {"asm-zones": 8, "simple-permits": 8, "pit-safety": 5, "traceability-scheme": 3,
                    "exit-strategy": 0.5},
    "women-crushers": {"savings-groups": 8, "gbv-safe": 7, "mercury-free": 6, "back-to-school": 3},
    "youth": {"simple-permits": 6, "savings-groups": 4, "asm-zones": 4, "pit-safety": 3},
    "landowners-chiefs": {"lmc": 6, "asm-zones": 5, "rehabilitation": 4, "livestock-corridors": 3},
    "pastoralists-farmers": {"livestock-corridors": 8, "river-buffer": 7, "rehabilitation": 5},
    "local-government": {"lmc": 7, "simple-permits": 5, "back-to-school": 4, "asm-zones": 3},
    "forestry-agency": {"rehabilitation": 7, "exit-strategy": 6, "river-buffer": 4},
    "protected-area-managers": {"exit-strategy": 9, "asm-zones": 5, "rehabilitation": 4},
    "gold-buyers": {"simple-permits": 7, "mercury-free": 4, "savings-groups": 3},
    "mineral-traders": {"traceability-scheme": 8, "simple-permits": 6},
    "cso": {"lmc": 5, "back-to-school": 5, "gbv-safe": 5, "mercury-free": 4},
}

# ---- items participants proposed from their phones (matrix exercise) -----------------------------


@dataclass(frozen=True)
class Proposal:
    """An item a participant typed on their phone, in their own words (and language).

    An approved proposal was tidied up by the facilitator (a translation, a pictogram) before
    scoring began, and is scored like any action, from ``profile`` and ``support``; a pending one
    is exactly as typed, and nobody can score it until it is approved.
    """

    text: str  # as typed: the item's id is made from it, as the app makes it
    language: str
    group: str  # the proposer's group
    approved: bool
    translation: str = ""  # the other language's label (approved proposals)
    pictogram: str | None = None
    profile: tuple[int, int, int] = (0, 0, 0)  # as ACTION_PROFILE
    support: tuple[tuple[str, float], ...] = ()  # group → weight, as ACTION_SUPPORT (others 1)

    def item(self, taken: set[str]) -> Item:
        """The item as the app stores it."""
        labels = {self.language: self.text}
        if self.translation:
            labels[{"en": "fr", "fr": "en"}[self.language]] = self.translation
        return Item(id=unique_id(self.text, taken, "item"), label=dict(sorted(labels.items())),
                    pictogram=self.pictogram, proposed_by=self.group, approved=self.approved)

# ---- the exercises every sample runs -------------------------------------------------------------


@dataclass(frozen=True)
class ExercisePlan:
    """One exercise: what is asked, of which items, and how the simulated room votes on it."""

    id: str
    method: str
    status: str
    items: str  # "issues" or "actions": which catalogue, and the preference table, it uses
    title: dict[str, str]
    question: dict[str, str]
    start: dt.timedelta  # first ballot, counted from the first participant joining
    turnout: float  # share of the room that has voted
    revotes: int  # participants who vote a second time, superseding their first ballot
    proxy: bool  # whether the facilitator enters the proxy tally here
    pick: str = ""  # the SampleSpec field listing the items, when not the same as ``items``
    # Exercises after the first three draw from their own seeded random.Random, so adding one
    # never changes the ballots of the others.
    own_random: bool = False
    hrba_weights: bool = False  # custom weighting: rights-holders count double
    proposals: bool = False  # the sample's participant proposals are among the items
    pairs: tuple[int, int] = (6, 10)  # pairwise: how many pairs each voter answers, at least/most


EXERCISES = [
    ExercisePlan(
        id="issues", method="tokens", status="closed", items="issues",
        title={"en": "Which problems matter most?", "fr": "Quels problèmes comptent le plus ?"},
        question={"en": f"You have {BEANS} beans. Put more beans on the problems that matter most "
                        "to you and your family.",
                  "fr": f"Vous avez {BEANS} haricots. Mettez plus de haricots sur les problèmes "
                        "qui comptent le plus pour vous et votre famille."},
        start=dt.timedelta(minutes=60), turnout=1.0, revotes=2, proxy=True),
    ExercisePlan(
        id="issues-urgency", method="importance-urgency", status="closed", items="issues",
        title={"en": "How important? How urgent?", "fr": "Quelle importance ? Quelle urgence ?"},
        question={"en": "For each problem, say how important it is (1 = a little, 5 = very much) "
                        "and how urgent it is to act (1 = it can wait, 5 = now).",
                  "fr": "Pour chaque problème, dites son importance (1 = un peu, 5 = beaucoup) et "
                        "l'urgence d'agir (1 = cela peut attendre, 5 = maintenant)."},
        start=dt.timedelta(minutes=150), turnout=1.0, revotes=1, proxy=False),
    ExercisePlan(
        id="actions", method="tokens", status="open", items="actions",
        title={"en": "What should we do first?", "fr": "Que faire en premier ?"},
        question={"en": f"You have {BEANS} beans. Put them on the actions the local environmental "
                        "management plan should start with.",
                  "fr": f"Vous avez {BEANS} haricots. Placez-les sur les actions par lesquelles le "
                        "plan local de gestion environnementale doit commencer."},
        start=dt.timedelta(minutes=330), turnout=0.5, revotes=0, proxy=False),
    ExercisePlan(
        id="issues-ranking", method="ranking", status="closed", items="issues",
        pick="ranked_issues", own_random=True,
        title={"en": "Put the main problems in order", "fr": "Classer les principaux problèmes"},
        question={"en": "Put these problems in order: the one that matters most to you first, "
                        "the one that matters least last.",
                  "fr": "Classez ces problèmes : en premier celui qui compte le plus pour vous, "
                        "en dernier celui qui compte le moins."},
        start=dt.timedelta(minutes=195), turnout=0.95, revotes=1, proxy=True),
    ExercisePlan(
        id="actions-pairs", method="pairwise", status="closed", items="actions",
        pick="paired_actions", own_random=True,
        title={"en": "Which of the two first?", "fr": "Laquelle des deux d'abord ?"},
        question={"en": "Two actions at a time: tap the one the plan should do first.",
                  "fr": "Deux actions à la fois : touchez celle que le plan doit faire "
                        "en premier."},
        start=dt.timedelta(minutes=230), turnout=0.9, revotes=0, proxy=False),
    ExercisePlan(
        id="solutions-matrix", method="matrix", status="closed", items="actions",
        pick="scored_actions", own_random=True, hrba_weights=True, proposals=True,
        title={"en": "Scoring the solutions", "fr": "Noter les solutions"},
        question={"en": "Score each solution from 0 to 5: the good it does for people and nature, "
                        "what it would cost the community, and whether local means can do it.",
                  "fr": "Notez chaque solution de 0 à 5 : le bien qu'elle fait aux personnes et à "
                        "la nature, ce qu'elle coûterait à la communauté, et si on peut la faire "
                        "avec les moyens locaux."},
        start=dt.timedelta(minutes=255), turnout=0.85, revotes=0, proxy=False),
]
HRBA_WEIGHT = {"rights_holder": 2.0, "duty_bearer": 1.0, "other": 1.0}  # custom weighting
ITEM_KINDS = {"issues": (ISSUES, ISSUE_CONCERN), "actions": (ACTIONS, ACTION_SUPPORT)}

# ---- stakeholder network maps (guide 1.1, 2.2, 3.3; Net-Map) -------------------------------------
# Actors: id, kind, HRBA role, influence (0–5), interest (0–5), Mitchell–Agle–Wood attributes
# ticked (P power, L legitimacy, U urgency; "-" none assessed), English, French.
# Links: source, target, layer, then for relationships the sign; an optional note (English).
# Each map has a recognisable conflict and rights holders whose only ties are sales, payments
# and disputes: no channel through which a claim reaches a duty bearer.

BENIN_ACTORS = [
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
BENIN_LINKS = [
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

DRC_ACTORS = [
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
DRC_LINKS = [
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
NETWORK_QUESTIONS = {
    "benin": {"en": "Who shapes gold panning around the park, and how?",
              "fr": "Qui influence l'orpaillage autour du parc, et comment ?"},
    "drc": {"en": "Who shapes tin and coltan mining near Kahuzi-Biega, and how?",
            "fr": "Qui influence l'exploitation de l'étain et du coltan près de Kahuzi-Biega, "
                  "et comment ?"},
}


def network_map(question: dict[str, str], actors: list[tuple], links: list[tuple]) -> NetworkMap:
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


# ---- the two workshops ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleSpec:
    """Everything that differs between the two sample workshops."""

    filename: str
    seed: int
    code: str
    language: str
    title: str
    place: str
    date: dt.date
    note: str
    start: dt.datetime  # when the first participant joins (UTC)
    attendance: dict[str, tuple[int, int]]  # group id → (expected, joined with a phone)
    languages: dict[str, float]  # language → share of participants choosing it
    proxy: tuple[str, int]  # the group whose flipchart tally is entered, and how many it counts
    issues: tuple[str, ...]
    actions: tuple[str, ...]
    ranked_issues: tuple[str, ...]  # the ranking exercise's issues
    paired_actions: tuple[str, ...]  # the pairwise exercise's actions
    scored_actions: tuple[str, ...]  # the matrix exercise's actions (before proposals)
    proposals: tuple[Proposal, ...]  # typed on phones in the matrix exercise
    network: NetworkMap  # the stakeholder network map drawn in the workshop


SAMPLES = [
    SampleSpec(
        filename="benin-atacora-gold.json", seed=2026_03_12, code="PENDJ", language="fr",
        title="Orpaillage autour du parc : les priorités de Wandéga",
        place="Wandéga (village fictif), commune de Tanguiéta, Atacora, Bénin",
        date=dt.date(2026, 3, 12),
        note="Atelier FICTIF, pour la démonstration et la formation : le village de Wandéga "
             "n'existe pas, et tous les participants et tous les votes sont simulés "
             "(sample_workshops/build_samples.py). Le contexte s'inspire de l'orpaillage "
             "artisanal dans le nord du Bénin, en bordure du complexe W-Arly-Pendjari. "
             "Code PIN de l'animateur : 1234.",
        start=dt.datetime(2026, 3, 12, 8, 0, tzinfo=dt.UTC),  # 09:00 in Benin (UTC+1)
        attendance={"men-diggers": (10, 7), "women-crushers": (10, 5), "youth": (5, 3),
                    "landowners-chiefs": (3, 3), "pastoralists-farmers": (4, 3),
                    "local-government": (2, 2), "forestry-agency": (3, 3),
                    "protected-area-managers": (3, 3), "gold-buyers": (3, 2), "cso": (2, 2)},
        languages={"fr": 0.9, "en": 0.1},
        proxy=("women-crushers", 4),
        issues=("mercury", "water-pollution", "forest-clearance", "pa-encroachment", "bushmeat",
                "child-labour", "gbv", "land-conflict", "informality", "land-access", "credit",
                "in-migration"),
        actions=("mercury-free", "asm-zones", "simple-permits", "rehabilitation", "savings-groups",
                 "back-to-school", "gbv-safe", "river-buffer", "lmc", "exit-strategy",
                 "livestock-corridors"),
        ranked_issues=("mercury", "gbv", "land-access", "informality", "land-conflict",
                       "pa-encroachment", "forest-clearance"),
        paired_actions=("mercury-free", "asm-zones", "simple-permits", "rehabilitation",
                        "savings-groups", "river-buffer", "exit-strategy"),
        scored_actions=("mercury-free", "asm-zones", "rehabilitation", "savings-groups",
                        "river-buffer", "livestock-corridors"),
        proposals=(
            Proposal(text="Clôturer les trous ouverts, nos bœufs tombent dedans", language="fr",
                     group="pastoralists-farmers", approved=True,
                     translation="Fence the open pits, our cattle fall into them", pictogram="🚧",
                     profile=(3, 2, 4),
                     support=(("pastoralists-farmers", 8), ("landowners-chiefs", 4),
                              ("local-government", 2), ("forestry-agency", 2),
                              ("men-diggers", 0.7))),
            Proposal(text="Apprendre d'autres métiers aux jeunes", language="fr", group="youth",
                     approved=False),
        ),
        network=network_map(NETWORK_QUESTIONS["benin"], BENIN_ACTORS, BENIN_LINKS),
    ),
    SampleSpec(
        filename="drc-south-kivu-tin.json", seed=2026_05_20, code="KAHUZ", language="en",
        title="Tin and coltan mining near the park: Mubondo's priorities",
        place="Mubondo (fictional village), Kabare territory, South Kivu, DR Congo",
        date=dt.date(2026, 5, 20),
        note="FICTIONAL workshop, for demonstration and training: the village of Mubondo does "
             "not exist, and every participant and every vote is simulated "
             "(sample_workshops/build_samples.py). The setting is inspired by artisanal "
             "cassiterite and coltan mining in South Kivu, on the edge of Kahuzi-Biega "
             "National Park. It runs in English to show the app's English side; in a real "
             "South Kivu workshop most people would choose French or Swahili. "
             "Facilitator PIN: 1234.",
        start=dt.datetime(2026, 5, 20, 7, 0, tzinfo=dt.UTC),  # 09:00 in Bukavu (UTC+2)
        attendance={"men-diggers": (10, 7), "women-crushers": (8, 5), "youth": (5, 3),
                    "landowners-chiefs": (3, 2), "pastoralists-farmers": (4, 3),
                    "local-government": (3, 3), "forestry-agency": (2, 2),
                    "protected-area-managers": (3, 3), "mineral-traders": (3, 2), "cso": (2, 2)},
        languages={"en": 0.7, "fr": 0.3},
        proxy=("pastoralists-farmers", 4),
        issues=("pit-collapse", "armed-groups", "siltation", "forest-clearance", "pa-encroachment",
                "bushmeat", "child-labour", "gbv", "land-conflict", "informality", "traceability",
                "in-migration"),
        actions=("pit-safety", "traceability-scheme", "asm-zones", "simple-permits",
                 "rehabilitation", "savings-groups", "back-to-school", "gbv-safe", "river-buffer",
                 "lmc", "exit-strategy"),
        ranked_issues=("pit-collapse", "armed-groups", "gbv", "informality", "traceability",
                       "pa-encroachment", "land-conflict"),
        paired_actions=("pit-safety", "traceability-scheme", "asm-zones", "simple-permits",
                        "savings-groups", "gbv-safe", "exit-strategy"),
        scored_actions=("pit-safety", "traceability-scheme", "rehabilitation", "savings-groups",
                        "gbv-safe", "lmc"),
        proposals=(
            Proposal(text="A health post at the mine site", language="en", group="women-crushers",
                     approved=True, translation="Un poste de santé sur le site minier",
                     pictogram="🏥", profile=(4, 3, 2),
                     support=(("women-crushers", 7), ("cso", 5), ("men-diggers", 4),
                              ("local-government", 3), ("youth", 3))),
            Proposal(text="Motor pumps to drain flooded pits", language="en", group="men-diggers",
                     approved=False),
        ),
        network=network_map(NETWORK_QUESTIONS["drc"], DRC_ACTORS, DRC_LINKS),
    ),
]

# ---- simulation ----------------------------------------------------------------------------------


def new_token(rng: random.Random) -> str:
    """A participant token like ``engine.access.new_token``'s, but drawn from ``rng``."""
    return "".join(rng.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def after(rng: random.Random, moment: dt.datetime, low: int, high: int) -> dt.datetime:
    """A moment ``low``–``high`` seconds after ``moment``."""
    return moment + dt.timedelta(seconds=rng.randint(low, high))


def simulate_participants(spec: SampleSpec, rng: random.Random) -> list[Participant]:
    """Everyone who joined with a phone, in the order they joined, over about forty minutes."""
    seats = [gid for gid, (_, joined) in spec.attendance.items() for _ in range(joined)]
    rng.shuffle(seats)
    languages, shares = zip(*spec.languages.items())
    people, moment = [], spec.start
    for group in seats:
        people.append(Participant(token=new_token(rng), group=group, joined_at=moment,
                                  language=rng.choices(languages, shares)[0]))
        moment = after(rng, moment, 20, 110)
    return people


def item_weights(group: str, items: list[Item], table: dict[str, dict[str, float]]) -> list[float]:
    """The group's weight for each item, in item order."""
    return [table[group].get(item.id, 1.0) for item in items]


def bean_answer(rng: random.Random, weights: list[float], items: list[Item], beans: int
                ) -> TokenAnswer:
    """Place ``beans`` beans one by one, each on an item drawn from the voter's noisy weights."""
    noisy = [weight * rng.lognormvariate(0, 0.5) for weight in weights]
    placed = {item.id: 0 for item in items}
    for item in rng.choices(items, noisy, k=beans):
        placed[item.id] += 1
    return TokenAnswer(beans={item_id: count for item_id, count in placed.items() if count})


def rating_answer(rng: random.Random, weights: list[float], items: list[Item]
                  ) -> ImportanceUrgencyAnswer:
    """Rate every item: importance follows the group's weights (the group's top item near 5,
    unlisted items near 2), urgency half that and half the item's acuteness; both with noise."""
    spread = max(weights) - 1 or 1
    ratings = {}
    for item, weight in zip(items, weights):
        importance = 2 + 3 * max(weight - 1, 0) / spread
        urgency = (importance + ACUTENESS[item.id]) / 2
        ratings[item.id] = Rating(importance=to_scale(importance + rng.gauss(0, 0.7)),
                                  urgency=to_scale(urgency + rng.gauss(0, 0.7)))
    return ImportanceUrgencyAnswer(ratings=ratings)


def to_scale(value: float) -> int:
    """The nearest whole point on the 1–5 scale."""
    return min(5, max(1, round(value)))


def ranking_answer(rng: random.Random, weights: list[float], items: list[Item]) -> RankingAnswer:
    """Rank every item: pick the first from the voter's noisy weights, then the next from the
    rest, and so on (a Plackett–Luce draw), so a group's favourites usually come first."""
    remaining = [(item.id, weight ** 1.5 * rng.lognormvariate(0, 0.5))
                 for item, weight in zip(items, weights)]
    order = []
    while remaining:
        pick = rng.choices(range(len(remaining)), [weight for _, weight in remaining])[0]
        order.append(remaining.pop(pick)[0])
    return RankingAnswer(order=order)


def matrix_answer(rng: random.Random, weights: list[float], items: list[Item],
                  profiles: dict[str, tuple[int, int, int]]) -> MatrixAnswer:
    """Score every item on every criterion: its profile, pulled by how much the group wants it
    (what a group wants looks more effective, cheaper and easier to it; what it fears, the
    reverse), plus noise."""
    top = max(weights)
    scores = {}
    for item, weight in zip(items, weights):
        lean = (weight - 1) / (top - 1) if weight >= 1 and top > 1 else min(2 * (weight - 1), 0)
        pulls = (2 * lean, -lean, lean)  # in CRITERIA order
        scores[item.id] = {criterion.id: to_matrix(base + pull + rng.gauss(0, 0.8))
                           for criterion, base, pull in zip(CRITERIA, profiles[item.id], pulls)}
    return MatrixAnswer(scores=scores)


def to_matrix(value: float) -> int:
    """The nearest whole point on the matrix's 0–5 scale."""
    return min(5, max(0, round(value)))


def cast_order(rng: random.Random, voters: list[str], revotes: int) -> list[str]:
    """Who casts each ballot, in order: the voters shuffled, and ``revotes`` of them voting again
    a little after their first ballot."""
    order = rng.sample(voters, len(voters))
    for token in rng.sample(voters, revotes):
        first = order.index(token)
        order.insert(rng.randint(min(first + 3, len(order)), len(order)), token)
    return order


@dataclass(frozen=True)
class Setup:
    """An exercise's items (votable or not), the groups' weights for them and their profiles."""

    items: list[Item]
    preferences: dict[str, dict[str, float]]
    profiles: dict[str, tuple[int, int, int]]

    def votable(self) -> list[Item]:
        """The items ballots can name: every item but a proposal still waiting for approval."""
        return [item for item in self.items if item.approved]


def exercise_setup(plan: ExercisePlan, spec: SampleSpec) -> Setup:
    """The plan's items for this sample, with the sample's proposals if the plan takes them."""
    catalogue, preferences = ITEM_KINDS[plan.items]
    items = [catalogue[item_id] for item_id in getattr(spec, plan.pick or plan.items)]
    preferences = {group: dict(weights) for group, weights in preferences.items()}
    profiles = {item.id: ACTION_PROFILE[item.id] for item in items if item.id in ACTION_PROFILE}
    for proposal in spec.proposals if plan.proposals else ():
        item = proposal.item({item.id for item in items})
        items.append(item)
        profiles[item.id] = proposal.profile
        for group, weight in proposal.support:
            preferences[group][item.id] = weight
    return Setup(items, preferences, profiles)


def simulate_exercise(plan: ExercisePlan, spec: SampleSpec, people: list[Participant],
                      rng: random.Random) -> tuple[Exercise, Participant | None]:
    """The exercise with its ballots in cast order, and the proxy participant if it made one."""
    setup = exercise_setup(plan, spec)
    items = setup.votable()
    group_of = {person.token: person.group for person in people}
    tokens = [person.token for person in people]
    voters = rng.sample(tokens, round(len(tokens) * plan.turnout))

    def answer(group: str, people_counted: int = 1):
        weights = item_weights(group, items, setup.preferences)
        if plan.method == "tokens":
            return bean_answer(rng, weights, items, BEANS * people_counted)
        if plan.method == "ranking":  # a proxy's ranking is the flipchart's order, one for all
            return ranking_answer(rng, weights, items)
        if plan.method == "matrix":
            return matrix_answer(rng, weights, items, setup.profiles)
        return rating_answer(rng, weights, items)

    offers: list[PairOffer] = []
    if plan.method == "pairwise":
        ballots, offers = pairwise_session(plan, spec, voters, group_of, setup, rng)
        moment = ballots[-1].cast_at
    else:
        ballots, moment = [], spec.start + plan.start
        for token in cast_order(rng, voters, plan.revotes):
            ballots.append(Ballot(participant=token, cast_at=moment,
                                  answer=answer(group_of[token])))
            moment = after(rng, moment, 15, 80)
    proxy = None
    if plan.proxy:  # the flipchart tally goes in once the phones are done
        group, count = spec.proxy
        moment = after(rng, moment, 120, 240)
        proxy = Participant(token=proxy_token(group), group=group, language=spec.language,
                            proxy=True, joined_at=moment)
        ballots.append(Ballot(participant=proxy.token, cast_at=moment, voters=count,
                              answer=answer(group, count)))
    extra = {}
    if plan.method == "matrix":
        extra["criteria"] = CRITERIA
    if plan.method == "pairwise":
        extra["pairs_per_person"] = plan.pairs[1]
    if plan.hrba_weights:
        extra["group_weights"] = {group: HRBA_WEIGHT[GROUPS[group].hrba_role]
                                  for group in spec.attendance}
    exercise = Exercise(id=plan.id, title=plan.title, question=plan.question, method=plan.method,
                        items=setup.items, beans=BEANS, status=plan.status, ballots=ballots,
                        offers=offers, **extra)
    return exercise, proxy


def pairwise_session(plan: ExercisePlan, spec: SampleSpec, voters: list[str],
                     group_of: dict[str, str], setup: Setup, rng: random.Random
                     ) -> tuple[list[Ballot], list[PairOffer]]:
    """Everyone answering pairs at once, as in the room. Each phone asks for a pair, which the
    app chooses with ``next_pair`` from all the answers so far and records as shown; the
    participant taps one of the two a few seconds later, and the phone asks for the next, until
    they have answered ``pairs_per_person``. Most stop earlier (``plan.pairs``), leaving their
    last pair shown but unanswered, as a phone put down does."""
    items = setup.votable()
    ids = [item.id for item in items]
    start = spec.start + plan.start
    willing, taste, queue = {}, {}, []
    for n, token in enumerate(voters):
        willing[token] = rng.randint(*plan.pairs)
        weights = item_weights(group_of[token], items, setup.preferences)
        taste[token] = {i: w * rng.lognormvariate(0, 0.5) for i, w in zip(ids, weights)}
        heapq.heappush(queue, (after(rng, start, 0, 150), n, token, None))
    ballots: list[Ballot] = []
    offers: list[PairOffer] = []
    answered: dict[str, list[tuple[str, str]]] = {token: [] for token in voters}
    while queue:
        moment, n, token, pair = heapq.heappop(queue)
        if pair is None:  # the phone asks for a pair, and the app records it as shown
            comparisons = [(b.answer.choice, other(b.answer), b.voters) for b in ballots]
            pair = next_pair(ids, comparisons, answered[token], rng)
            if pair is None:
                continue
            offers.append(PairOffer(participant=token, pair=pair, offered_at=moment))
            if len(answered[token]) < willing[token]:
                heapq.heappush(queue, (after(rng, moment, 4, 25), n, token, pair))
            continue
        left, right = pair
        odds = taste[token][left] / (taste[token][left] + taste[token][right])
        choice = left if rng.random() < odds else right
        ballots.append(Ballot(participant=token, cast_at=moment,
                              answer=PairwiseAnswer(pair=pair, choice=choice)))
        answered[token].append(pair)
        if len(answered[token]) < plan.pairs[1]:  # the app shows the next pair straight away
            heapq.heappush(queue, (after(rng, moment, 1, 3), n, token, None))
    return ballots, offers


def other(answer: PairwiseAnswer) -> str:
    """The item of the pair that was not chosen."""
    return answer.pair[1] if answer.choice == answer.pair[0] else answer.pair[0]


def build_workshop(spec: SampleSpec) -> Workshop:
    """The whole simulated workshop, the same on every run."""
    rng = random.Random(spec.seed)
    people = simulate_participants(spec, rng)
    exercises, proxies = [], {}
    for plan in EXERCISES:
        own = random.Random(f"{spec.seed}/{plan.id}") if plan.own_random else rng
        exercise, proxy = simulate_exercise(plan, spec, people, own)
        exercises.append(exercise)
        if proxy:  # one proxy participant per group, from its first tally on
            proxies.setdefault(proxy.token, proxy)
    groups = [GROUPS[gid].model_copy(update={"expected": expected})
              for gid, (expected, _) in spec.attendance.items()]
    return Workshop(code=spec.code, title=spec.title, place=spec.place, date=spec.date,
                    language=spec.language, fictional=True, note=spec.note,
                    pin_hash=hash_pin(PIN, salt=PIN_SALT), groups=groups, network=spec.network,
                    participants=people + list(proxies.values()), exercises=exercises)


# ---- writing and checking ------------------------------------------------------------------------


def describe(item: Item, lang: str) -> str:
    """An item as the app shows it: pictogram and label."""
    return f"{item.pictogram or '·'} {label(item.label, lang)}"


def weightings(exercise: Exercise) -> tuple[str, ...]:
    """The weightings the exercise offers: custom only where it has group weights."""
    return (*BASIC_WEIGHTINGS, "custom") if exercise.group_weights else BASIC_WEIGHTINGS


def report(workshop: Workshop) -> None:
    """Print each exercise's top three items under every aggregation and weighting that applies,
    and each shown group's top three under the method's first aggregation."""
    lang = workshop.language
    for exercise in workshop.exercises:
        people = {ballot.participant for ballot in exercise.ballots}
        counts = f"{len(exercise.ballots)} ballots from {len(people)} participants"
        if exercise.method == "pairwise":
            counts += f", {len(exercise.offers)} pairs offered"
        pending = [item.id for item in exercise.items if not item.approved]
        proposed = [item.id for item in exercise.items if item.proposed_by and item.approved]
        print(f"  {exercise.id} ({exercise.method}, {exercise.status}): {counts}"
              + (f"; proposed and approved: {', '.join(proposed)}" if proposed else "")
              + (f"; pending: {', '.join(pending)}" if pending else ""))
        for aggregation in AGGREGATIONS[exercise.method]:
            for weighting in weightings(exercise):
                result = results(workshop, exercise.id, weighting, aggregation)
                top = ", ".join(f"{describe(exercise.item(row.item), lang)} ({row.score:.3g})"
                                for row in result.items[:3])
                print(f"    {aggregation:>13} {weighting:>6}, {result.voters} voters: {top}")
        result = results(workshop, exercise.id)
        for group_id, rows in result.groups.items():
            firsts = ", ".join(exercise.item(row.item).pictogram or "·" for row in rows[:3])
            print(f"      {group_id:<24} top 3: {firsts}")
        if result.hidden_groups:
            print(f"      hidden (fewer than {workshop.small_group_threshold} voters): "
                  f"{', '.join(result.hidden_groups)}")


def main() -> None:
    """Build, write, read back and summarise both samples."""
    for spec in SAMPLES:
        path = HERE / spec.filename
        path.write_text(dump_workshop(build_workshop(spec)), encoding="utf-8", newline="\n")
        workshop = read_workshop(path)
        people = [p for p in workshop.participants if not p.proxy]
        print(f"wrote {path.relative_to(HERE.parent)}: code {workshop.code}, "
              f"{len(people)} participants + {len(workshop.participants) - len(people)} proxy")
        report(workshop)
        report_network(workshop)


def report_network(workshop: Workshop) -> None:
    """Print the map's size, its conflicts and brokers, and who cannot reach a duty bearer."""
    network, lang = workshop.network, workshop.language
    found = analyse(network)
    names = {actor.id: label(actor.label, lang) for actor in network.actors}
    print(f"  network: {found.actors} actors, links "
          + ", ".join(f"{layer} {count}" for layer, count in found.links.items()))
    for scope in found.layers:
        if scope.scope in ("flows", "all") and scope.brokers:
            print(f"    brokers ({scope.scope}): "
                  + ", ".join(f"{names[b.actor]} ({b.betweenness:.2f}"
                              f"{', cut point' if b.cut_point else ''})" for b in scope.brokers))
    print(f"    balance: {'balanced' if found.balance.balanced else 'not balanced'}, "
          f"frustration {found.balance.frustration}; blocks: "
          + " | ".join(", ".join(names[a] for a in block) for block in found.blocks.blocks))
    print("    no channel to a duty bearer: "
          + (", ".join(names[a] for a in found.duty_bearer_reach.unreached) or "none"))


if __name__ == "__main__":
    main()
