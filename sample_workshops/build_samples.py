"""Build the two fictional sample workshops, deterministically.

    python sample_workshops/build_samples.py

writes ``benin-atacora-gold.json`` (French) and ``drc-south-kivu-tin.json`` (English) next to
this script, reads them back and prints each exercise's top items under every aggregation and
weighting that applies to it, what the analysis of each stakeholder network map shows, the
ranking of each Leverage and Incentives Matrix, and each community EMP's matrix, risk register
and action plan.

Both workshops are invented: the villages do not exist and every participant and ballot is
simulated. Each stakeholder group votes from its own preference weights (below) plus random
noise, so the per-group results diverge the way they do in a real room. Each workshop runs one
exercise of every prioritisation method: bean distribution, importance × urgency, ranking,
pairwise comparison (pairs chosen by ``engine.social_choice.next_pair``, as the app chooses
them) and matrix scoring; and each has a stakeholder network map of its ASM system (the tables
below, written by hand, not simulated). Each also has a Leverage and Incentives Matrix (guide
3.1: the guide's starter instruments fitted to the place, scored by the simulated room) and a
community Environmental Management Plan (guide 2.6: land uses × environmental values rated
+ / N / - by the simulated room; risk assessments and actions written by hand for the cells
rated negative). Everything random comes from a seeded ``random.Random``, timestamps are fixed
and the PIN hash uses a fixed salt, so a rerun writes byte-identical files. The facilitator PIN
of both samples is 1234.
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

import engine.exercises  # noqa: E402, F401  (registers every kind)
from engine.core.access import hash_pin  # noqa: E402
from engine.core.answers import BASIC_WEIGHTINGS  # noqa: E402
from engine.core.exercise import Exercise  # noqa: E402
from engine.core.file_format import dump_workshop, read_workshop  # noqa: E402
from engine.core.records import (Ballot, Group, Participant, Proposal as PendingProposal,  # noqa: E402
                                 Shown, proxy_token)
from engine.core.setup import unique_id  # noqa: E402
from engine.core.types import label  # noqa: E402
from engine.core.workshop import Workshop  # noqa: E402
from engine.exercises.emp.plan import (STARTER_LAND_USES, STARTER_VALUES, Action,  # noqa: E402
                                       EnvironmentalPlan, EnvironmentalValue, LandUse, Ratings,
                                       RiskAssessment, action_plan, check_interactions,
                                       interaction_results, matrix_cells, risk_matrix, split_cell)
from engine.exercises.lim.design import CRITERIA as LIM_CRITERIA  # noqa: E402
from engine.exercises.lim.design import (STARTER_INSTRUMENTS, Condition,  # noqa: E402
                                         IncentiveMatrix, Instrument, Scores, check_scores)
from engine.exercises.lim.results import incentive_results  # noqa: E402
from engine.exercises.network.design import Actor, Link, NetworkMap  # noqa: E402
from engine.exercises.prioritisation.design import (Criterion,  # noqa: E402
                                                    ImportanceUrgencyAnswer, Item, ItemProposal,
                                                    MatrixAnswer, PairwiseAnswer, Prioritisation,
                                                    RankingAnswer, Rating, TokenAnswer)
from engine.exercises.prioritisation.results import AGGREGATIONS, results  # noqa: E402
from engine.methods.network import analyse  # noqa: E402
from engine.methods.social_choice import next_pair  # noqa: E402

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
        """The item as the app stores it (an approved one; a pending one is only proposed)."""
        labels = {self.language: self.text}
        if self.translation:
            labels[{"en": "fr", "fr": "en"}[self.language]] = self.translation
        return Item(id=unique_id(self.text, taken, "item"), label=dict(sorted(labels.items())),
                    pictogram=self.pictogram, proposed_by=self.group if self.approved else None)

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


# ---- the Leverage and Incentives Matrix (guide 3.1) ----------------------------------------------
# Each sample adapts the guide's starter instruments (engine.incentives.STARTER_INSTRUMENTS) to its
# place: a target (a group or an actor of the sample's map), conditions marked met, unmet or not
# yet known, and limitations. How the room scores them is simulated like the exercises' ballots:
# each instrument has a profile (leverage, effectiveness, risk likelihood, risk severity, 1–5) and
# each group leans away from it, plus noise.

STARTER_INSTRUMENT = {instrument.id: instrument for instrument in STARTER_INSTRUMENTS}


def bilingual(en: str, fr: str) -> dict[str, str]:
    """A text in English and French."""
    return {"en": en, "fr": fr}


def adapt(starter: str, conditions: dict[str, str] | None = None,
          extra: tuple[Condition, ...] = (), **changes) -> Instrument:
    """A starter instrument fitted to the place: ``changes`` replace its fields, ``conditions``
    marks its own conditions met, unmet or unknown by id, and ``extra`` adds conditions."""
    base = STARTER_INSTRUMENT[starter]
    states = conditions or {}
    kept = [c.model_copy(update={"met": states[c.id]}) for c in base.conditions if c.id in states]
    copy = base.model_copy(update={"conditions": kept + list(extra), **changes})
    return Instrument.model_validate(copy.model_dump())  # model_copy does not check: check now


def condition(id: str, en: str, fr: str, met: str) -> Condition:
    """A condition the guide's starter set does not have."""
    return Condition(id=id, text=bilingual(en, fr), met=met)


@dataclass(frozen=True)
class LimSpec:
    """A sample's LIM and how the simulated room scores it."""

    instruments: list[Instrument]
    profile: dict[str, tuple[float, float, float, float]]  # instrument → criteria, CRITERIA order
    leanings: dict[str, dict[str, tuple[float, float, float, float]]]  # group → instrument → shift
    open: bool
    start: dt.timedelta  # scoring begins, counted from the first participant joining
    absent: tuple[str, ...]  # one member of each of these groups does not score
    one_by_one: float  # share of phones sending one instrument per ballot, the rest all at once
    # After the discussion, a member of the group scores the instrument again: (group,
    # instrument, shift of the group's view); the latest scores count.
    rescores: tuple[tuple[str, str, tuple[float, float, float, float]], ...]


KAHUZ_INSTRUMENTS = [
    adapt("land-access", id="asm-zones",
          label=bilingual("Artisanal mining zones (ZEA) outside the park",
                          "Zones d'exploitation artisanale (ZEA) hors du parc"),
          objective=bilingual(
              "Diggers leave Kahuzi-Biega park for artisanal mining zones set aside for them.",
              "Les creuseurs quittent le parc de Kahuzi-Biega pour des zones d'exploitation "
              "artisanale qui leur sont réservées."),
          package=bilingual(
              "Artisanal mining zones declared outside the park, carved out of the industrial "
              "permit where needed, with secure access for the cooperative for the life of its "
              "permit.",
              "Des zones d'exploitation artisanale déclarées hors du parc, détachées si besoin du "
              "permis industriel, avec un accès sûr pour la coopérative pendant la durée de son "
              "autorisation."),
          target="diggers",
          conditions={"leave-protected-area": "unknown"},
          extra=(condition("zone-has-ore", "SAEMAPE's survey finds cassiterite worth mining in "
                           "the zone.",
                           "La prospection du SAEMAPE trouve dans la zone de la cassitérite qui "
                           "vaut la peine d'être exploitée.", "met"),),
          limitations=bilingual(
              "The industrial company's permit covers the richest ground: a zone needs its "
              "consent and the ministry's.",
              "Le permis de la société industrielle couvre les terrains les plus riches : une "
              "zone demande son accord et celui du ministère.")),
    adapt("conditional-licence",
          label=bilingual("Cooperative permit tied to rehabilitation",
                          "Autorisation de la coopérative liée à la réhabilitation"),
          objective=bilingual(
              "The cooperative backfills and replants worked-out pits and keeps ore washing out "
              "of the streams.",
              "La coopérative remblaie et replante les puits épuisés et ne lave plus le minerai "
              "dans les ruisseaux."),
          package=bilingual(
              "The cooperative's permit is renewed each year only if the sites' rehabilitation "
              "plan is followed, as SAEMAPE and the environment office check; withdrawn if not.",
              "L'autorisation de la coopérative n'est renouvelée chaque année que si le plan de "
              "réhabilitation des sites est suivi, comme le vérifient le SAEMAPE et "
              "l'environnement ; sinon elle est retirée."),
          target="cooperative",
          conditions={"rehabilitation-plan": "unknown", "site-checks": "met"},
          limitations=bilingual(
              "Only as strong as the checks on site; the cooperative may pass the cost on to the "
              "diggers.",
              "Ne vaut que par les contrôles sur le site ; la coopérative peut en faire payer le "
              "coût aux creuseurs.")),
    adapt("mercury-free-royalty", id="tagged-ore",
          label=bilingual("Lower fees and a better price for tagged, conflict-free ore",
                          "Taxes réduites et meilleur prix pour le minerai étiqueté sans conflit"),
          objective=bilingual(
              "Ore leaves the sites in tagged bags through the legal chain, and no payment "
              "reaches armed groups.",
              "Le minerai quitte les sites en sacs étiquetés par la filière légale, et aucun "
              "paiement ne va aux groupes armés."),
          package=bilingual(
              "Lower provincial fees, and a premium from the export houses, for ore bagged and "
              "tagged at a site validated as conflict-free.",
              "Des taxes provinciales réduites, et une prime des comptoirs, pour le minerai mis en "
              "sac et étiqueté sur un site validé sans conflit."),
          target="negociants",
          extra=(condition("tags-at-site", "Traceability agents tag the ore at the site.",
                           "Les agents de traçabilité étiquettent le minerai sur le site.", "met"),
                 condition("no-armed-taxes",
                           "No armed group taxes the site or its roads, so the site can be "
                           "validated.",
                           "Aucun groupe armé ne taxe le site ni ses routes, pour que le site "
                           "puisse être validé.", "unmet")),
          limitations=bilingual(
              "Untagged ore still sells on the side; the levy per kilogram tagged falls on the "
              "diggers.",
              "Le minerai non étiqueté se vend toujours à côté ; la taxe par kilo étiqueté "
              "retombe sur les creuseurs."),
          pictogram="🏷️"),
    adapt("extension-training",
          label=bilingual("Pit safety and rehabilitation training",
                          "Formation à la sécurité des puits et à la réhabilitation"),
          objective=bilingual(
              "Fewer pit collapses, and worked-out pits backfilled and replanted.",
              "Moins d'éboulements, et des puits épuisés remblayés et replantés."),
          package=bilingual(
              "SAEMAPE and the CSO train pit teams on site: timbering, first aid, keeping the "
              "topsoil, backfilling and replanting.",
              "Le SAEMAPE et l'ONG forment les équipes sur le site : boisage, premiers secours, "
              "conservation de la terre végétale, remblayage et replantation."),
          target="men-diggers",
          conditions={"apply-training": "unknown"}),
    adapt("credit-access", id="savings-groups",
          label=bilingual("Savings and credit groups for women porters",
                          "Groupes d'épargne et de crédit pour les femmes porteuses"),
          objective=bilingual(
              "Women porters and crushers build savings and can start work outside the pits.",
              "Les femmes porteuses et concasseuses épargnent et peuvent travailler hors des "
              "puits."),
          package=bilingual(
              "Village savings and loan groups for women porters, with bookkeeping training and "
              "small loans for crushing tools or a trade.",
              "Des groupes villageois d'épargne et de crédit pour les porteuses, avec une "
              "formation en gestion et de petits prêts pour des outils de concassage ou un "
              "commerce."),
          target="women-crushers",
          conditions={"registered-association": "unknown"},
          limitations=bilingual(
              "Small sums; husbands or pit managers may take the money.",
              "De petites sommes ; les maris ou les responsables de puits peuvent prendre "
              "l'argent.")),
    adapt("formalisation",
          label=bilingual("Registration and a seat on the local council",
                          "Enregistrement et une place au conseil local"),
          package=bilingual(
              "Diggers registered with SAEMAPE; a seat for the cooperative and one for the women "
              "porters on the local multi-stakeholder council; recognition by the mwami and the "
              "territory.",
              "Les creuseurs enregistrés au SAEMAPE ; une place pour la coopérative et une pour "
              "les porteuses au conseil local multi-acteurs ; reconnaissance par le mwami et le "
              "territoire."),
          target="men-diggers",
          conditions={"code-of-conduct": "unknown"},
          extra=(condition("mwami-agrees", "The mwami and the landholders accept the miners' "
                           "seats.",
                           "Le mwami et les ayants droit acceptent les sièges des mineurs.",
                           "met"),)),
    adapt("social-services", id="health-fund",
          label=bilingual("A share of mining fees for the health centre and schools",
                          "Une part des taxes minières pour le centre de santé et les écoles"),
          package=bilingual(
              "Part of the cooperative's fees and the territory's mining revenue spent on "
              "Mubondo's health centre and schools, and announced each quarter on the community "
              "radio.",
              "Une part des cotisations de la coopérative et des recettes minières du territoire "
              "pour le centre de santé et les écoles de Mubondo, annoncée chaque trimestre à la "
              "radio communautaire."),
          conditions={"revenue-share": "unknown"}),
    Instrument(
        id="park-enforcement", kind="disincentive",
        label=bilingual("Stricter patrols and confiscation of ore from the park",
                        "Patrouilles renforcées et saisie du minerai du parc"),
        objective=bilingual("No more mining inside Kahuzi-Biega park.",
                            "Plus d'exploitation minière dans le parc de Kahuzi-Biega."),
        package=bilingual(
            "Joint ranger and mining-police patrols; ore and tools from the park confiscated; "
            "traders caught buying ore from the park lose their trader card.",
            "Des patrouilles conjointes des écogardes et de la police des mines ; saisie du "
            "minerai et des outils venant du parc ; les négociants qui achètent du minerai du "
            "parc perdent leur carte."),
        target="diggers",
        conditions=[condition("rights-respected",
                              "Patrols respect human rights: no beatings, no arrest without "
                              "charge, complaints heard.",
                              "Les patrouilles respectent les droits humains : pas de coups, pas "
                              "d'arrestation sans motif, plaintes entendues.", "unknown"),
                    condition("zone-first", "Diggers leaving the park are offered a place in an "
                              "artisanal mining zone first.",
                              "Les creuseurs qui quittent le parc se voient d'abord offrir une "
                              "place dans une zone d'exploitation artisanale.", "unknown")],
        limitations=bilingual(
            "Pushes diggers deeper into the forest or towards armed groups; bribes at "
            "checkpoints; past evictions without compensation still hurt.",
            "Pousse les creuseurs plus loin dans la forêt ou vers les groupes armés ; "
            "corruption aux barrières ; les expulsions passées sans indemnisation pèsent encore."),
        pictogram="🚨"),
]

KAHUZ_LIM = LimSpec(
    instruments=KAHUZ_INSTRUMENTS,
    profile={"asm-zones": (4, 3.4, 2.6, 3), "conditional-licence": (3.4, 3, 2.6, 2.6),
             "tagged-ore": (3.8, 3, 3, 3.4), "extension-training": (2.6, 3, 1.6, 1.6),
             "savings-groups": (3, 3.4, 2.4, 2.2), "formalisation": (3.4, 3, 2, 2),
             "health-fund": (2, 2.6, 1.8, 1.6), "park-enforcement": (3.4, 2.4, 3.8, 4)},
    leanings={
        "men-diggers": {"asm-zones": (1, 1, -1, -1), "conditional-licence": (-0.6, -0.4, 1, 0.6),
                        "park-enforcement": (-1.4, -1.4, 1, 1), "formalisation": (0.6, 0.6, 0, 0),
                        "tagged-ore": (0.4, 0.2, 0, 0)},
        "women-crushers": {"savings-groups": (1.4, 1, -1, -0.8),
                           "park-enforcement": (-1, -1, 0.6, 1), "health-fund": (1, 0.8, 0, 0)},
        "youth": {"asm-zones": (0.6, 0.6, -0.6, -0.6), "park-enforcement": (-1, -1, 0.8, 0.8)},
        "landowners-chiefs": {"formalisation": (0.6, 0.4, 0, 0), "asm-zones": (0, 0, 0.6, 0.6)},
        "pastoralists-farmers": {"asm-zones": (-1, -0.6, 1.2, 1), "health-fund": (0.6, 0.6, 0, 0),
                                 "conditional-licence": (0.6, 0.6, 0, 0)},
        "local-government": {"conditional-licence": (0.8, 0.6, -0.6, -0.4),
                             "formalisation": (0.8, 0.6, -0.4, -0.4),
                             "health-fund": (0.6, 0.4, 0, 0)},
        "forestry-agency": {"park-enforcement": (1, 1, -1, -1), "asm-zones": (-0.4, -0.6, 1, 1),
                            "conditional-licence": (0.6, 0.6, 0, 0)},
        "protected-area-managers": {"park-enforcement": (1.6, 1.6, -2, -1.6),
                                    "asm-zones": (-0.6, -1.2, 1.6, 1.4)},
        "mineral-traders": {"tagged-ore": (1, 1.2, -1, -1), "park-enforcement": (-0.6, 0, 0, 0)},
        "cso": {"tagged-ore": (-0.4, -1, 1, 1.2), "park-enforcement": (-0.8, -1, 1, 1),
                "savings-groups": (0.6, 0.6, 0, 0)},
    },
    open=False, start=dt.timedelta(minutes=360), absent=("men-diggers", "women-crushers"),
    one_by_one=0.45,
    rescores=(("men-diggers", "park-enforcement", (-1, -1, 1.4, 1.2)),
              ("protected-area-managers", "asm-zones", (0, 0.6, 0.6, 0.6)),
              ("women-crushers", "tagged-ore", (0, -0.6, 0.8, 0.8))),
)

PENDJ_INSTRUMENTS = [
    adapt("land-access",
          label=bilingual("Gold-panning zones outside the park's buffer zone",
                          "Couloirs d'orpaillage hors de la zone tampon du parc"),
          objective=bilingual(
              "Gold panners leave Pendjari park and its buffer zone for authorised zones.",
              "Les orpailleurs quittent le parc de la Pendjari et sa zone tampon pour des "
              "couloirs autorisés."),
          package=bilingual(
              "Gold-panning zones written into the Tanguiéta land-use plan, with a secure "
              "three-year authorisation for the pit owners' groups.",
              "Des couloirs d'orpaillage inscrits au schéma d'aménagement de la commune de "
              "Tanguiéta, avec une autorisation sûre de trois ans pour les groupements de "
              "propriétaires de puits."),
          target="pit-owners",
          conditions={"zone-has-gold": "unknown", "leave-protected-area": "unknown"},
          extra=(condition("land-chiefs-agree", "The land chiefs grant the use of the land.",
                           "Les chefs de terre cèdent l'usage des terres.", "met"),),
          limitations=bilingual(
              "The industrial company's exploration permit covers some of the best ground; "
              "newcomers may keep digging in the buffer zone.",
              "Le permis de recherche de la société industrielle couvre une partie des meilleurs "
              "terrains ; des nouveaux venus peuvent continuer à creuser dans la zone tampon.")),
    adapt("mercury-free-royalty",
          package=bilingual(
              "A lower royalty on gold sold to a licensed buyer with proof it was processed "
              "without mercury at a registered site.",
              "Une redevance plus faible sur l'or vendu à un acheteur agréé avec la preuve qu'il "
              "a été traité sans mercure sur un site enregistré."),
          target="gold-buyers",
          conditions={"traceable-gold": "unmet", "mercury-free-method": "unknown"}),
    adapt("extension-training",
          label=bilingual("Mercury-free processing training",
                          "Formation au traitement sans mercure"),
          objective=bilingual(
              "Women crushers and panners recover gold without mercury, and more of it.",
              "Les concasseuses et orpailleuses récupèrent l'or sans mercure, et en plus grande "
              "quantité."),
          package=bilingual(
              "Demonstrations of shaking tables and retorts by the NGO and the mines office; "
              "training on keeping topsoil and backfilling.",
              "Des démonstrations de tables à secousses et de cornues par l'ONG et la direction "
              "des mines ; une formation à la conservation de la terre végétale et au "
              "remblayage."),
          target="women-crushers",
          conditions={"apply-training": "met"}),
    adapt("credit-access",
          label=bilingual("Credit for retorts and shaking tables",
                          "Crédit pour cornues et tables à secousses"),
          target="men-diggers",
          conditions={"registered-association": "unknown"}),
    adapt("conditional-licence",
          label=bilingual("Artisanal permit tied to good practice",
                          "Autorisation artisanale liée aux bonnes pratiques"),
          target="pit-owners",
          conditions={"rehabilitation-plan": "unknown", "site-checks": "met"}),
    adapt("formalisation",
          package=bilingual(
              "Registered panners' groups, newcomers included; a seat on the local council of "
              "Tanguiéta; recognition by the village chief and the land chiefs.",
              "Des groupements d'orpailleurs enregistrés, nouveaux venus compris ; une place au "
              "conseil local de Tanguiéta ; la reconnaissance du chef de village et des chefs de "
              "terre."),
          target="young-newcomers",
          conditions={"code-of-conduct": "unknown"}),
    Instrument(
        id="mercury-seizure", kind="disincentive",
        label=bilingual("Stricter checks and seizure of mercury",
                        "Contrôles renforcés et saisie du mercure"),
        objective=bilingual("No more mercury sold in the villages or used at the sites.",
                            "Plus de mercure vendu dans les villages ni utilisé sur les sites."),
        package=bilingual(
            "Gendarmerie and forestry checks at markets and sites; mercury seized; fines for "
            "sellers, and a buyer's card withdrawn for buying amalgam gold.",
            "Des contrôles de la gendarmerie et des eaux et forêts sur les marchés et les sites ; "
            "saisie du mercure ; amendes pour les vendeurs, et carte retirée à l'acheteur d'or "
            "amalgamé."),
        target="mercury-sellers",
        conditions=[condition("alternative-first",
                              "A mercury-free method is available at the sites before seizures "
                              "begin.",
                              "Une méthode sans mercure est disponible sur les sites avant les "
                              "saisies.", "unknown"),
                    condition("no-racket", "Every seizure is recorded, with no informal "
                              "payments.",
                              "Chaque saisie fait l'objet d'un procès-verbal, sans paiement "
                              "informel.", "unknown")],
        limitations=bilingual(
            "Mercury crosses porous borders with Burkina Faso and Togo; checks can feed "
            "extortion and push amalgamation out of sight.",
            "Le mercure passe par des frontières poreuses avec le Burkina Faso et le Togo ; les "
            "contrôles peuvent nourrir le racket et cacher l'amalgamation."),
        pictogram="🚨"),
]

PENDJ_LIM = LimSpec(
    instruments=PENDJ_INSTRUMENTS,
    profile={"land-access": (4, 3.2, 2.6, 3), "mercury-free-royalty": (3.6, 2.8, 2.8, 2.6),
             "extension-training": (2.8, 3.2, 1.6, 1.6), "credit-access": (3.2, 3, 2.8, 2.6),
             "conditional-licence": (3.4, 3, 2.4, 2.4), "formalisation": (3.2, 3, 2.2, 2),
             "mercury-seizure": (3.2, 2.4, 3.6, 3.6)},
    leanings={
        "men-diggers": {"land-access": (1, 1, -1, -1), "mercury-seizure": (-1.4, -1.2, 1, 1),
                        "credit-access": (1, 0.6, -0.6, -0.4),
                        "conditional-licence": (-0.6, -0.4, 0.8, 0.6)},
        "women-crushers": {"extension-training": (1.2, 1, -0.6, -0.6),
                           "mercury-seizure": (-1, -1, 1, 1.2), "credit-access": (0.6, 0.4, 0, 0)},
        "youth": {"formalisation": (1, 1, -0.6, -0.6), "land-access": (0.6, 0.6, -0.4, -0.4)},
        "landowners-chiefs": {"land-access": (0.4, 0.4, 0.4, 0.4),
                              "formalisation": (-0.4, -0.4, 0.8, 0.6)},
        "pastoralists-farmers": {"land-access": (-0.8, -0.6, 1.2, 1.2),
                                 "conditional-licence": (0.8, 0.8, -0.4, 0)},
        "local-government": {"conditional-licence": (0.8, 0.6, -0.6, -0.4),
                             "formalisation": (0.6, 0.6, 0, 0)},
        "forestry-agency": {"mercury-seizure": (1, 1, -1, -1), "land-access": (-0.4, -0.6, 1, 1),
                            "conditional-licence": (0.6, 0.6, -0.4, -0.4)},
        "protected-area-managers": {"mercury-seizure": (1.2, 1.2, -1.4, -1.2),
                                    "land-access": (-0.8, -1.2, 1.6, 1.4)},
        "gold-buyers": {"mercury-free-royalty": (1, 0.8, -0.6, -0.6),
                        "mercury-seizure": (-1, -1, 1, 0.6)},
        "cso": {"extension-training": (1, 0.8, 0, 0), "mercury-seizure": (-0.6, -0.8, 1, 1)},
    },
    open=False, start=dt.timedelta(minutes=360), absent=("men-diggers",), one_by_one=0.4,
    rescores=(("men-diggers", "land-access", (0, -0.6, 0.6, 0.6)),
              ("forestry-agency", "mercury-seizure", (0, -0.6, 0.6, 0.6))),
)

# ---- the community Environmental Management Plan (guide 2.6) -------------------------------------
# Each sample adapts the guide's starter land uses and values (engine.emp.STARTER_LAND_USES,
# STARTER_VALUES) to its place. How the room rates the land-use × value cells (+, N, -) is
# simulated: each cell has a lean (-1 clearly harmful … +1 clearly good) and each group shifts it
# where its own interest lies; a rating is the lean, the shift and noise, cut at ±0.4. Everyone
# rates most of the mining row, the cells of their own land uses and values often, others
# rarely. The risk assessments and actions are written by hand, for the negative cells the
# ratings give (the builder checks that each assessed cell is one of them).

STARTER_LAND_USE = {land_use.id: land_use for land_use in STARTER_LAND_USES}
STARTER_VALUE = {value.id: value for value in STARTER_VALUES}


def land_use(id: str, en: str, fr: str, pictogram: str | None = None) -> LandUse:
    """A starter land use relabelled for the place, or a new one (with its pictogram)."""
    if id in STARTER_LAND_USE:
        update = {"label": bilingual(en, fr)} | ({"pictogram": pictogram} if pictogram else {})
        return STARTER_LAND_USE[id].model_copy(update=update)
    return LandUse(id=id, label=bilingual(en, fr), pictogram=pictogram)


def env_value(id: str, en: str, fr: str, category: str | None = None,
              pictogram: str | None = None) -> EnvironmentalValue:
    """A starter value relabelled for the place, or a new one (with its category and pictogram)."""
    if id in STARTER_VALUE:
        update = {"label": bilingual(en, fr)} | ({"pictogram": pictogram} if pictogram else {})
        return STARTER_VALUE[id].model_copy(update=update)
    return EnvironmentalValue(id=id, label=bilingual(en, fr), category=category,
                              pictogram=pictogram)


def action(id: str, en: str, fr: str, cells: tuple[str, ...], hierarchy: str, importance: int,
           urgency: int, responsible: str, years: tuple[int, ...], review: dt.date) -> Action:
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
    open: bool
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
    open=False, start=dt.timedelta(minutes=405), absent=("men-diggers", "youth"),
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
    open=False, start=dt.timedelta(minutes=405), absent=("women-crushers",),
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
    lim: LimSpec  # the Leverage and Incentives Matrix and how the room scores it
    emp: EmpSpec  # the community Environmental Management Plan and how the room rates it


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
        lim=PENDJ_LIM,
        emp=PENDJ_EMP,
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
        lim=KAHUZ_LIM,
        emp=KAHUZ_EMP,
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
    """An exercise's items, the groups' weights for them and their profiles, and the proposals
    still waiting for approval (with the group that made each)."""

    items: list[Item]
    preferences: dict[str, dict[str, float]]
    profiles: dict[str, tuple[int, int, int]]
    pending: list[tuple[str, Item]]


def exercise_setup(plan: ExercisePlan, spec: SampleSpec) -> Setup:
    """The plan's items for this sample, with the sample's proposals if the plan takes them."""
    catalogue, preferences = ITEM_KINDS[plan.items]
    items = [catalogue[item_id] for item_id in getattr(spec, plan.pick or plan.items)]
    preferences = {group: dict(weights) for group, weights in preferences.items()}
    profiles = {item.id: ACTION_PROFILE[item.id] for item in items if item.id in ACTION_PROFILE}
    pending: list[tuple[str, Item]] = []
    for proposal in spec.proposals if plan.proposals else ():
        item = proposal.item({item.id for item in items} | {item.id for _, item in pending})
        if not proposal.approved:
            pending.append((proposal.group, item))
            continue
        items.append(item)
        profiles[item.id] = proposal.profile
        for group, weight in proposal.support:
            preferences[group][item.id] = weight
    return Setup(items, preferences, profiles, pending)


def simulate_exercise(plan: ExercisePlan, spec: SampleSpec, people: list[Participant],
                      rng: random.Random) -> tuple[Exercise, Participant | None]:
    """The exercise with its ballots in cast order, and the proxy participant if it made one."""
    setup = exercise_setup(plan, spec)
    items = setup.items
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

    offers: list[Shown] = []
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
    design = Prioritisation(question=plan.question, method=plan.method, items=setup.items,
                            beans=BEANS, **extra)
    proposals = [PendingProposal(id=item.id, proposed_by=group, payload=ItemProposal(item=item))
                 for group, item in setup.pending]
    exercise = Exercise(id=plan.id, kind="prioritisation", title=plan.title, status=plan.status,
                        design=design, ballots=ballots, shown=offers, proposals=proposals)
    return exercise, proxy


def pairwise_session(plan: ExercisePlan, spec: SampleSpec, voters: list[str],
                     group_of: dict[str, str], setup: Setup, rng: random.Random
                     ) -> tuple[list[Ballot], list[Shown]]:
    """Everyone answering pairs at once, as in the room. Each phone asks for a pair, which the
    app chooses with ``next_pair`` from all the answers so far and records as shown; the
    participant taps one of the two a few seconds later, and the phone asks for the next, until
    they have answered ``pairs_per_person``. Most stop earlier (``plan.pairs``), leaving their
    last pair shown but unanswered, as a phone put down does."""
    items = setup.items
    ids = [item.id for item in items]
    start = spec.start + plan.start
    willing, taste, queue = {}, {}, []
    for n, token in enumerate(voters):
        willing[token] = rng.randint(*plan.pairs)
        weights = item_weights(group_of[token], items, setup.preferences)
        taste[token] = {i: w * rng.lognormvariate(0, 0.5) for i, w in zip(ids, weights)}
        heapq.heappush(queue, (after(rng, start, 0, 150), n, token, None))
    ballots: list[Ballot] = []
    offers: list[Shown] = []
    answered: dict[str, list[tuple[str, str]]] = {token: [] for token in voters}
    while queue:
        moment, n, token, pair = heapq.heappop(queue)
        if pair is None:  # the phone asks for a pair, and the app records it as shown
            comparisons = [(b.answer.choice, other(b.answer), b.voters) for b in ballots]
            pair = next_pair(ids, comparisons, answered[token], rng)
            if pair is None:
                continue
            offers.append(Shown(participant=token, shown_at=moment, payload={"pair": list(pair)}))
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


# ---- the LIM and the EMP, simulated --------------------------------------------------------------
# Each draws from its own seeded random.Random, so the exercises' ballots stay as they were.


def turnout(rng: random.Random, people: list[Participant], absent: tuple[str, ...]
            ) -> list[str]:
    """Who takes part, in a random order: everyone but one member of each ``absent`` group."""
    away = {rng.choice([p.token for p in people if p.group == group]) for group in absent}
    return rng.sample([p.token for p in people if p.token not in away], len(people) - len(away))


def lim_scores(rng: random.Random, lim: LimSpec, group: str, instrument: str, noise: float,
               shift: tuple[float, ...] = (0, 0, 0, 0)) -> dict[str, int]:
    """One person's scores of one instrument: its profile, the group's leaning, noise."""
    lean = lim.leanings.get(group, {}).get(instrument, (0, 0, 0, 0))
    return {criterion: to_scale(base + bias + extra + rng.gauss(0, noise))
            for criterion, base, bias, extra in zip(LIM_CRITERIA, lim.profile[instrument], lean,
                                                    shift)}


def simulate_lim(spec: SampleSpec, people: list[Participant]) -> list[Ballot]:
    """The room scoring the LIM's instruments. Some phones send every instrument in one ballot,
    others one instrument per ballot (now and then skipping one); after the discussion a few
    people score one instrument again; last, the facilitator enters the proxy group's flipchart."""
    lim, rng = spec.lim, random.Random(f"{spec.seed}/lim")
    ids = [instrument.id for instrument in lim.instruments]
    group_of = {person.token: person.group for person in people}
    voters = turnout(rng, people, lim.absent)
    first = spec.start + lim.start
    cast: list[tuple[dt.datetime, str, dict, int]] = []
    for token in voters:
        scores = {i: lim_scores(rng, lim, group_of[token], i, 0.7) for i in ids}
        moment = after(rng, first, 0, 180)
        if rng.random() < lim.one_by_one:
            for instrument in ids:
                if rng.random() < 0.08:
                    continue
                moment = after(rng, moment, 20, 75)
                cast.append((moment, token, {instrument: scores[instrument]}, 1))
        else:
            cast.append((after(rng, moment, 120, 360), token, scores, 1))
    cast.sort(key=lambda entry: entry[0])  # stable: a phone's ballots stay in order
    moment = cast[-1][0]
    for group, instrument, shift in lim.rescores:
        token = next((t for t in voters if group_of[t] == group
                      and any(t == who and instrument in given for _, who, given, _ in cast)),
                     None)
        if token is None:
            raise SystemExit(f"{spec.code}: no one in {group} scored {instrument} to score again")
        moment = after(rng, moment, 30, 150)
        cast.append((moment, token, {instrument: lim_scores(rng, lim, group, instrument, 0.5,
                                                            shift)}, 1))
    group, count = spec.proxy
    moment = after(rng, moment, 120, 240)
    cast.append((moment, proxy_token(group), {i: lim_scores(rng, lim, group, i, 0.3) for i in ids},
                 count))
    return [Ballot(participant=token, cast_at=at, voters=count,
                   answer=Scores(scores=check_scores(scores, lim.instruments)))
            for at, token, scores, count in cast]


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


def interaction(rng: random.Random, lean: float, noise: float) -> str:
    """A rating: + above 0.4, - below -0.4, N between."""
    felt = lean + rng.gauss(0, noise)
    return "+" if felt > 0.4 else "-" if felt < -0.4 else "N"


def simulate_emp(spec: SampleSpec, people: list[Participant]) -> list[Ballot]:
    """The room rating the EMP matrix, mostly one cell per ballot as phones send them (a few
    send a whole row); a few change a rating after the discussion; last, the facilitator enters
    the proxy group's flipchart for its own rows."""
    emp, rng = spec.emp, random.Random(f"{spec.seed}/emp")
    every = matrix_cells(emp.land_uses, emp.values)
    group_of = {person.token: person.group for person in people}
    raters = turnout(rng, people, emp.absent)
    first = spec.start + emp.start
    cast: list[tuple[dt.datetime, str, dict[str, str], int]] = []
    for token in raters:
        group = group_of[token]

        def chance(cell: str) -> float:
            if split_cell(cell)[0] == "asm":
                return 0.8
            return 0.7 if any(matches(p, cell) for p in emp.focus.get(group, ())) else 0.04

        rated = {cell: interaction(rng, emp_lean(emp, group, cell), 0.4)
                 for cell in every if rng.random() < chance(cell)}
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
        token = next((t for t in raters if group_of[t] == group
                      and any(t == who and cell in given for _, who, given, _ in cast)), None)
        if token is None:
            raise SystemExit(f"{spec.code}: no one in {group} rated {cell} to rate it again")
        moment = after(rng, moment, 30, 150)
        cast.append((moment, token, {cell: rating}, 1))
    group, count = spec.proxy
    moment = after(rng, moment, 120, 240)
    cast.append((moment, proxy_token(group),
                 {cell: interaction(rng, emp_lean(emp, group, cell), 0.3) for cell in every
                  if split_cell(cell)[0] in emp.proxy_rows}, count))
    return [Ballot(participant=token, cast_at=at, voters=count, answer=Ratings(
        ratings=check_interactions(ratings, emp.land_uses, emp.values)))
        for at, token, ratings, count in cast]


def network_exercise(spec: SampleSpec) -> Exercise:
    """The sample's stakeholder map, drawn but not yet open to phones."""
    return Exercise(id="network", kind="network", status="draft", design=spec.network)


def lim_exercise(spec: SampleSpec, people: list[Participant]) -> Exercise:
    """The sample's LIM, as the room scored it."""
    ballots = simulate_lim(spec, people)
    return Exercise(id="lim", kind="lim", status=_status(spec.lim.open, ballots),
                    design=IncentiveMatrix(instruments=spec.lim.instruments), ballots=ballots)


def emp_exercise(spec: SampleSpec, people: list[Participant]) -> Exercise:
    """The sample's EMP, as the room rated it and the risks and actions it agreed."""
    emp = spec.emp
    ballots = simulate_emp(spec, people)
    return Exercise(id="emp", kind="emp", status=_status(emp.open, ballots), ballots=ballots,
                    design=EnvironmentalPlan(
                        land_uses=emp.land_uses, values=emp.values,
                        assessments=[RiskAssessment(cell=cell, likelihood=likelihood,
                                                    consequence=consequence)
                                     for cell, (likelihood, consequence) in emp.risks.items()],
                        start=emp.plan_start, plan_years=5, actions=emp.actions))


def _status(is_open: bool, ballots: list[Ballot]) -> str:
    return "open" if is_open else "closed" if ballots else "draft"


def check_risks(workshop: Workshop) -> None:
    """Every assessed cell is one the room rated negative (or contested), as the guide asks."""
    exercise = workshop.exercise("emp")
    emp = exercise.design
    negative = interaction_results(workshop.room(), emp.land_uses, emp.values,
                                   exercise.ballots).negative
    stray = [a.cell for a in emp.assessments if a.cell not in negative]
    if stray:
        raise SystemExit(f"{workshop.code}: assessed cells not rated negative: {stray}; "
                         f"negative: {negative}")


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
    exercises += [network_exercise(spec), lim_exercise(spec, people), emp_exercise(spec, people)]
    workshop = Workshop(
        code=spec.code, title=spec.title, place=spec.place, date=spec.date,
        language=spec.language, fictional=True, note=spec.note,
        pin_hash=hash_pin(PIN, salt=PIN_SALT), groups=groups,
        participants=people + list(proxies.values()), exercises=exercises)
    check_risks(workshop)
    return workshop


# ---- writing and checking ------------------------------------------------------------------------


def describe(item: Item, lang: str) -> str:
    """An item as the app shows it: pictogram and label."""
    return f"{item.pictogram or '·'} {label(item.label, lang)}"


def weightings(design: Prioritisation) -> tuple[str, ...]:
    """The weightings the exercise offers: custom only where it has group weights."""
    return (*BASIC_WEIGHTINGS, "custom") if design.group_weights else BASIC_WEIGHTINGS


def report(workshop: Workshop) -> None:
    """Print each prioritisation's top three items under every aggregation and weighting that
    applies, and each shown group's top three under the method's first aggregation."""
    lang, room = workshop.language, workshop.room()
    for exercise in workshop.exercises:
        if exercise.kind != "prioritisation":
            continue
        design = exercise.design
        people = {ballot.participant for ballot in exercise.ballots}
        counts = f"{len(exercise.ballots)} ballots from {len(people)} participants"
        if design.method == "pairwise":
            counts += f", {len(exercise.shown)} pairs offered"
        pending = [proposal.id for proposal in exercise.proposals]
        proposed = [item.id for item in design.items if item.proposed_by]
        print(f"  {exercise.id} ({design.method}, {exercise.status}): {counts}"
              + (f"; proposed and approved: {', '.join(proposed)}" if proposed else "")
              + (f"; pending: {', '.join(pending)}" if pending else ""))
        for aggregation in AGGREGATIONS[design.method]:
            for weighting in weightings(design):
                result = results(exercise, room, weighting, aggregation)
                top = ", ".join(f"{describe(design.item(row.item), lang)} ({row.score:.3g})"
                                for row in result.items[:3])
                print(f"    {aggregation:>13} {weighting:>6}, {result.voters} voters: {top}")
        result = results(exercise, room)
        for group_id, rows in result.groups.items():
            firsts = ", ".join(design.item(row.item).pictogram or "·" for row in rows[:3])
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
        report_lim(workshop)
        report_emp(workshop)


def report_network(workshop: Workshop) -> None:
    """Print the map's size, its conflicts and brokers, and who cannot reach a duty bearer."""
    network, lang = workshop.exercise("network").design, workshop.language
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


def report_lim(workshop: Workshop) -> None:
    """Print the LIM's ranking under each weighting, the gated instruments, the most disagreed
    instrument's group composites and the groups too small to show."""
    exercise, lang, room = workshop.exercise("lim"), workshop.language, workshop.room()
    lim = exercise.design
    names = {i.id: f"{i.pictogram or '·'} {label(i.label, lang)}" for i in lim.instruments}
    people = {ballot.participant for ballot in exercise.ballots}
    print(f"  lim ({exercise.status}): {len(lim.instruments)} instruments, "
          f"{len(exercise.ballots)} score ballots from {len(people)} participants")
    for weighting in BASIC_WEIGHTINGS:
        result = incentive_results(exercise, room, weighting)
        ranked = [row for row in result.instruments if row.rank is not None]
        print(f"    {weighting:>6}, {result.voters} voters: "
              + ", ".join(f"{row.rank}. {names[row.instrument]} ({row.composite:.2f})"
                          for row in ranked))
    result = incentive_results(exercise, room)
    for row in result.instruments:
        if row.unranked == "unmet_conditions":
            print(f"      gated: {names[row.instrument]} ({row.composite:.2f}), unmet "
                  f"{', '.join(row.unmet_conditions)}")
    for instrument in result.most_disagreed:
        spread = next(d for d in result.disagreement if d.instrument == instrument)
        print(f"      most disagreed: {names[instrument]}, spread {spread.spread:.2f}: "
              + ", ".join(f"{group} {value:.2f}" for group, value in spread.groups.items()))
    if result.hidden_groups:
        print(f"      hidden (fewer than {workshop.small_group_threshold} voters): "
              f"{', '.join(result.hidden_groups)}")


def report_emp(workshop: Workshop) -> None:
    """Print the EMP matrix's consensus and contested cells, the risk register's top three and
    the action plan's top three."""
    exercise, lang = workshop.exercise("emp"), workshop.language
    emp, ballots = exercise.design, exercise.ballots
    found = interaction_results(workshop.room(), emp.land_uses, emp.values, ballots)
    statuses = {status: [c.cell for c in found.cells if c.status == status]
                for status in ("consensus", "contested", "mixed", "too_few")}
    rated = sum(1 for cell in found.cells if cell.voters)
    print(f"  emp ({exercise.status}): {len(emp.land_uses)} land uses × "
          f"{len(emp.values)} values, {len(ballots)} interaction ballots from "
          f"{len({b.participant for b in ballots})} participants, {rated} cells rated; "
          + ", ".join(f"{status} {len(cells)}" for status, cells in statuses.items()))
    consensus = [c for c in found.cells if c.consensus]
    print("    consensus: " + ", ".join(f"{c.cell} {c.majority}" for c in consensus
                                        if c.majority != "N"))
    print("    contested: " + ", ".join(
        f"{c.cell} ({c.counts['+']} +, {c.counts['N']} N, {c.counts['-']} -)"
        for c in found.cells if c.contested))
    risks = risk_matrix(emp.land_uses, emp.values, emp.assessments, emp.bands, found.negative)
    print(f"    risk register: {len(risks.cells)} of {len(found.negative)} negative cells "
          f"assessed; top 3: "
          + ", ".join(f"{r.rank}. {r.cell} {r.likelihood}×{r.consequence}={r.product} {r.band}"
                      for r in risks.cells[:3])
          + f"; unassessed: {', '.join(risks.unassessed) or 'none'}")
    plan = action_plan(emp.land_uses, emp.values, emp.actions, emp.start, emp.plan_years,
                       found.negative)
    names = {a.id: label(a.label, lang) for a in emp.actions}
    print(f"    action plan {plan.start}–{plan.end}: {len(plan.actions)} actions ("
          + ", ".join(f"{step} {sum(a.hierarchy == step for a in plan.actions)}"
                      for step in ("avoid", "minimise", "rehabilitate", "offset"))
          + f"), {len(plan.unaddressed)} negative cells no action covers; top 3:")
    for planned in plan.actions[:3]:
        print(f"      {planned.rank}. {names[planned.action]} ({planned.hierarchy}, "
              f"{planned.score:g}, {planned.responsible}, years "
              f"{', '.join(map(str, planned.years))}, review {planned.review})")


if __name__ == "__main__":
    main()
