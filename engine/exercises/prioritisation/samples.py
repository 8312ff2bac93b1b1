"""The prioritisation exercises of the two sample workshops, and how their rooms voted.

Each sample runs one exercise of every method: bean distribution, importance × urgency, ranking,
pairwise comparison (pairs chosen by ``engine.methods.social_choice.next_pair``, as the app
chooses them) and matrix scoring. Each stakeholder group votes from its own preference weights
(below) plus random noise, so the per-group results diverge the way they do in a real room.
"""

from __future__ import annotations

import datetime as dt
import heapq
import random
from dataclasses import dataclass
from typing import Any

from engine.core.exercise import Exercise
from engine.core.records import Ballot, Proposal as PendingProposal, Shown, Status, proxy_token
from engine.core.samples import SampleRoom, after, to_scale
from engine.core.setup import unique_id
from engine.exercises.prioritisation.design import (Answer, Criterion, ImportanceUrgencyAnswer,
                                                    Item, ItemProposal, MatrixAnswer, Method,
                                                    PairwiseAnswer, Prioritisation, RankingAnswer,
                                                    Rating, TokenAnswer)
from engine.methods.social_choice import next_pair

__all__ = ["exercises"]

BEANS = 10  # each voter's beans in a bean distribution

# ---- issues (guide 1.2, 1.3, 2.3): id, pictogram, English, French, acuteness ---------------------
# Acuteness (1–5) is how quickly harm follows if nothing is done; it pulls urgency ratings up.

ISSUE_TABLE = [
    ("mercury", "⚗️", "Mercury used to amalgamate gold (health, water)",
     "Mercure utilisé pour amalgamer l'or (santé, eau)", 5),
    ("pit-collapse", "⛑️", "Pit collapses and accidents", "Éboulements de puits et accidents", 5),
    ("armed-groups", "⚔️", "Illegal taxes and insecurity from armed men",
     "Taxes illégales et insécurité imposées par des hommes armés", 5),
    ("water-pollution", "💧", "Polluted water for drinking and livestock",
     "Eau polluée pour la boisson et le bétail", 4),
    ("siltation", "🌊", "Rivers silted up by ore washing",
     "Rivières envasées par le lavage du minerai", 3),
    ("forest-clearance", "🌳", "Forest cleared to reach the deposits",
     "Forêt défrichée pour atteindre les gisements", 3),
    ("pa-encroachment", "🏞️", "Mining inside the protected area",
     "Exploitation minière dans l'aire protégée", 4),
    ("bushmeat", "🐒", "Bushmeat hunting around the mining camps",
     "Chasse de viande de brousse autour des camps miniers", 3),
    ("child-labour", "🚸", "Children working at the site instead of going to school",
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
    ("pit-safety", "⛑️", "Safer pits: timbering, helmets, first aid",
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

ISSUE_CONCERN: dict[str, dict[str, float]] = {
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

ACTION_SUPPORT: dict[str, dict[str, float]] = {
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
    method: Method
    status: Status
    items: str  # "issues" or "actions": which catalogue, and the preference table, it uses
    title: dict[str, str]
    question: dict[str, str]
    start: dt.timedelta  # first ballot, counted from the first participant joining
    turnout: float  # share of the room that has voted
    revotes: int  # participants who vote a second time, superseding their first ballot
    proxy: bool  # whether the facilitator enters the proxy tally here
    pick: str = ""  # the SampleItems field listing the items, when not the same as ``items``
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
ITEM_KINDS: dict[str, tuple[dict[str, Item], dict[str, dict[str, float]]]] = {
    "issues": (ISSUES, ISSUE_CONCERN), "actions": (ACTIONS, ACTION_SUPPORT)}

# ---- what each sample asks about -----------------------------------------------------------------


@dataclass(frozen=True)
class SampleItems:
    """The issues and actions of one sample's exercises, and what its participants proposed."""

    issues: tuple[str, ...]
    actions: tuple[str, ...]
    ranked_issues: tuple[str, ...]  # the ranking exercise's issues
    paired_actions: tuple[str, ...]  # the pairwise exercise's actions
    scored_actions: tuple[str, ...]  # the matrix exercise's actions (before proposals)
    proposals: tuple[Proposal, ...]  # typed on phones in the matrix exercise


#: Per sample, by join code.
SAMPLE_ITEMS = {
    "PENDJ": SampleItems(
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
    ),
    "KAHUZ": SampleItems(
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
    ),
}

# ---- simulation ----------------------------------------------------------------------------------


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


def exercise_setup(plan: ExercisePlan, chosen: SampleItems) -> Setup:
    """The plan's items for this sample, with the sample's proposals if the plan takes them."""
    catalogue, preferences = ITEM_KINDS[plan.items]
    items = [catalogue[item_id] for item_id in getattr(chosen, plan.pick or plan.items)]
    preferences = {group: dict(weights) for group, weights in preferences.items()}
    profiles = {item.id: ACTION_PROFILE[item.id] for item in items if item.id in ACTION_PROFILE}
    pending: list[tuple[str, Item]] = []
    for proposal in chosen.proposals if plan.proposals else ():
        item = proposal.item({item.id for item in items} | {item.id for _, item in pending})
        if not proposal.approved:
            pending.append((proposal.group, item))
            continue
        items.append(item)
        profiles[item.id] = proposal.profile
        for group, weight in proposal.support:
            preferences[group][item.id] = weight
    return Setup(items, preferences, profiles, pending)


def simulate_exercise(plan: ExercisePlan, sample: SampleRoom, rng: random.Random) -> Exercise:
    """The exercise with its ballots in cast order (the proxy group's tally last, if it has
    one)."""
    setup = exercise_setup(plan, SAMPLE_ITEMS[sample.code])
    items = setup.items
    group_of = sample.group_of
    tokens = [person.token for person in sample.people]
    voters = rng.sample(tokens, round(len(tokens) * plan.turnout))

    def answer(group: str, people_counted: int = 1) -> Answer:
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
        ballots, offers = pairwise_session(plan, sample, voters, setup, rng)
        moment = ballots[-1].cast_at
    else:
        ballots, moment = [], sample.start + plan.start
        for token in cast_order(rng, voters, plan.revotes):
            ballots.append(Ballot(participant=token, cast_at=moment,
                                  answer=answer(group_of[token])))
            moment = after(rng, moment, 15, 80)
    if plan.proxy:  # the flipchart tally goes in once the phones are done
        group, count = sample.proxy
        moment = after(rng, moment, 120, 240)
        ballots.append(Ballot(participant=proxy_token(group), cast_at=moment, voters=count,
                              answer=answer(group, count)))
    extra: dict[str, Any] = {}
    if plan.method == "matrix":
        extra["criteria"] = CRITERIA
    if plan.method == "pairwise":
        extra["pairs_per_person"] = plan.pairs[1]
    if plan.hrba_weights:
        extra["group_weights"] = {group.id: HRBA_WEIGHT[group.hrba_role]
                                  for group in sample.groups}
    design = Prioritisation(question=plan.question, method=plan.method, items=setup.items,
                            beans=BEANS, **extra)
    proposals = [PendingProposal(id=item.id, proposed_by=group, payload=ItemProposal(item=item))
                 for group, item in setup.pending]
    return Exercise(id=plan.id, kind="prioritisation", title=plan.title, status=plan.status,
                    design=design, ballots=ballots, shown=offers, proposals=proposals)


def pairwise_session(plan: ExercisePlan, sample: SampleRoom, voters: list[str], setup: Setup,
                     rng: random.Random) -> tuple[list[Ballot], list[Shown]]:
    """Everyone answering pairs at once, as in the room. Each phone asks for a pair, which the
    app chooses with ``next_pair`` from all the answers so far and records as shown; the
    participant taps one of the two a few seconds later, and the phone asks for the next, until
    they have answered ``pairs_per_person``. Most stop earlier (``plan.pairs``), leaving their
    last pair shown but unanswered, as a phone put down does."""
    items = setup.items
    ids = [item.id for item in items]
    start = sample.start + plan.start
    willing: dict[str, int] = {}
    taste: dict[str, dict[str, float]] = {}
    queue: list[tuple[dt.datetime, int, str, tuple[str, str] | None]] = []
    for n, token in enumerate(voters):
        willing[token] = rng.randint(*plan.pairs)
        weights = item_weights(sample.group_of[token], items, setup.preferences)
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


def exercises(sample: SampleRoom) -> list[Exercise]:
    """The sample's prioritisations, in the order they run."""
    return [simulate_exercise(plan, sample, sample.own_rng(plan.id) if plan.own_random
                              else sample.rng)
            for plan in EXERCISES]
