"""Build the two fictional sample workshops, deterministically.

    python sample_workshops/build_samples.py

writes ``benin-atacora-gold.json`` (French) and ``drc-south-kivu-tin.json`` (English) next to
this script, reads them back and prints each exercise's top items under both weightings.

Both workshops are invented: the villages do not exist and every participant and ballot is
simulated. Each stakeholder group votes from its own preference weights (below) plus random
noise, so the per-group results diverge the way they do in a real room. Everything random comes
from a seeded ``random.Random``, timestamps are fixed and the PIN hash uses a fixed salt, so a
rerun writes byte-identical files. The facilitator PIN of both samples is 1234.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from anywhere: the engine lives in the repo root

from engine.access import hash_pin  # noqa: E402
from engine.model import (Ballot, Exercise, Group, ImportanceUrgencyAnswer, Item,  # noqa: E402
                          Participant, Rating, TokenAnswer, Workshop, label, proxy_token)
from engine.prioritise import WEIGHTINGS, results  # noqa: E402
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

# ---- the three exercises every sample runs -------------------------------------------------------


@dataclass(frozen=True)
class ExercisePlan:
    """One exercise: what is asked, of which items, and how the simulated room votes on it."""

    id: str
    method: str
    status: str
    items: str  # "issues" or "actions": which of the workshop's item lists it uses
    title: dict[str, str]
    question: dict[str, str]
    start: dt.timedelta  # first ballot, counted from the first participant joining
    turnout: float  # share of the room that has voted
    revotes: int  # participants who vote a second time, superseding their first ballot
    proxy: bool  # whether the facilitator enters the proxy tally here


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
]
ITEM_KINDS = {"issues": (ISSUES, ISSUE_CONCERN), "actions": (ACTIONS, ACTION_SUPPORT)}

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


def cast_order(rng: random.Random, voters: list[str], revotes: int) -> list[str]:
    """Who casts each ballot, in order: the voters shuffled, and ``revotes`` of them voting again
    a little after their first ballot."""
    order = rng.sample(voters, len(voters))
    for token in rng.sample(voters, revotes):
        first = order.index(token)
        order.insert(rng.randint(min(first + 3, len(order)), len(order)), token)
    return order


def simulate_exercise(plan: ExercisePlan, spec: SampleSpec, people: list[Participant],
                      rng: random.Random) -> tuple[Exercise, Participant | None]:
    """The exercise with its ballots in cast order, and the proxy participant if it made one."""
    catalogue, preferences = ITEM_KINDS[plan.items]
    items = [catalogue[item_id] for item_id in getattr(spec, plan.items)]
    group_of = {person.token: person.group for person in people}
    tokens = [person.token for person in people]
    voters = rng.sample(tokens, round(len(tokens) * plan.turnout))

    def answer(group: str, people_counted: int = 1) -> TokenAnswer | ImportanceUrgencyAnswer:
        weights = item_weights(group, items, preferences)
        if plan.method == "tokens":
            return bean_answer(rng, weights, items, BEANS * people_counted)
        return rating_answer(rng, weights, items)

    ballots, moment = [], spec.start + plan.start
    for token in cast_order(rng, voters, plan.revotes):
        ballots.append(Ballot(participant=token, cast_at=moment, answer=answer(group_of[token])))
        moment = after(rng, moment, 15, 80)
    proxy = None
    if plan.proxy:  # the flipchart tally goes in once the phones are done
        group, count = spec.proxy
        moment = after(rng, moment, 120, 240)
        proxy = Participant(token=proxy_token(group), group=group, language=spec.language,
                            proxy=True, joined_at=moment)
        ballots.append(Ballot(participant=proxy.token, cast_at=moment, voters=count,
                              answer=answer(group, count)))
    exercise = Exercise(id=plan.id, title=plan.title, question=plan.question, method=plan.method,
                        items=items, beans=BEANS, status=plan.status, ballots=ballots)
    return exercise, proxy


def build_workshop(spec: SampleSpec) -> Workshop:
    """The whole simulated workshop, the same on every run."""
    rng = random.Random(spec.seed)
    people = simulate_participants(spec, rng)
    exercises, proxies = [], []
    for plan in EXERCISES:
        exercise, proxy = simulate_exercise(plan, spec, people, rng)
        exercises.append(exercise)
        proxies += [proxy] if proxy else []
    groups = [GROUPS[gid].model_copy(update={"expected": expected})
              for gid, (expected, _) in spec.attendance.items()]
    return Workshop(code=spec.code, title=spec.title, place=spec.place, date=spec.date,
                    language=spec.language, fictional=True, note=spec.note,
                    pin_hash=hash_pin(PIN, salt=PIN_SALT), groups=groups,
                    participants=people + proxies, exercises=exercises)


# ---- writing and checking ------------------------------------------------------------------------


def describe(item: Item, lang: str) -> str:
    """An item as the app shows it: pictogram and label."""
    return f"{item.pictogram} {label(item.label, lang)}"


def report(workshop: Workshop) -> None:
    """Print each exercise's top three items under both weightings, and each shown group's."""
    lang = workshop.language
    for exercise in workshop.exercises:
        print(f"  {exercise.id} ({exercise.method}, {exercise.status}): "
              f"{len(exercise.ballots)} ballots")
        for weighting in WEIGHTINGS:
            result = results(workshop, exercise.id, weighting)
            top = ", ".join(f"{describe(exercise.item(row.item), lang)} ({row.score:.3g})"
                            for row in result.items[:3])
            print(f"    {weighting:>6} weighting, {result.voters} voters: {top}")
        result = results(workshop, exercise.id)
        for group_id, rows in result.groups.items():
            firsts = ", ".join(exercise.item(row.item).pictogram for row in rows[:3])
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


if __name__ == "__main__":
    main()
