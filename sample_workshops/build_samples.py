"""Build the two fictional sample workshops, deterministically.

    python sample_workshops/build_samples.py

writes ``benin-atacora-gold.json`` (French, join code PENDJ) and ``drc-south-kivu-tin.json``
(English, KAHUZ) next to this script, reads them back and prints a summary of each exercise:
each prioritisation's top items under every aggregation and weighting that applies to it, what
the analysis of the stakeholder network map shows, the ranking of the Leverage and Incentives
Matrix, and the community EMP's matrix, risk register and action plan.

Both workshops are invented: the villages do not exist and every participant and ballot is
simulated. This script tells what the two stories share: the stakeholder groups, who came and
who joined with a phone (and when, in which language, of which gender and age band), the title,
place, date, note and PIN.
Each exercise kind then simulates its own exercises in that room
(``ExerciseKind.sample_exercises``, in ``engine/exercises/<kind>/samples.py``), and the
workshop runs them in the registry's order. Everything random comes from a seeded
``random.Random``, timestamps are fixed and the PIN hash uses a fixed salt, so a rerun writes
byte-identical files. The facilitator PIN of both samples is 507938.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))  # run from anywhere: the engine lives in the repo root

import engine.exercises  # noqa: F401  (registers every kind)
from engine.core.access import hash_pin
from engine.core.answers import BASIC_WEIGHTINGS
from engine.core.exercise import Exercise, kinds
from engine.core.file_format import dump_workshop, read_workshop
from engine.core.profile import UNSAID
from engine.core.records import Group, Participant, proxy_token
from engine.core.samples import SampleRoom, after
from engine.core.types import label
from engine.core.workshop import Workshop
from engine.exercises.emp.plan import action_plan, interaction_results, risk_matrix
from engine.exercises.lim.results import incentive_results
from engine.exercises.prioritisation.design import Item, Prioritisation
from engine.exercises.prioritisation.results import AGGREGATIONS, results
from engine.methods.network import analyse

PIN = "507938"
PIN_SALT = b"asm-sample-salt!"  # fixed, so the pin_hash (and the file) never changes
TOKEN_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
TOKEN_LENGTH = 16  # as long as engine.core.access.new_token's

# ---- stakeholder groups (guide 1.3 and 3.1): id, HRBA role, pictogram, English, French -----------

GROUP_TABLE = [
    ("men-diggers", "rights_holder", "⛏️", "Men diggers (pit workers)", "Creuseurs (hommes)"),
    ("women-crushers", "rights_holder", "👩🏾", "Women crushers, washers and panners",
     "Femmes concasseuses, laveuses et orpailleuses"),
    ("youth", "rights_holder", "🙋🏾", "Youth", "Jeunes"),
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


# ---- the participant profile: who tends to be in which group (gender and age band) -----------

# Per group: the share of women among those who say, and the shares of the age bands
# (up to 35, 36–59, 60 and over). Anyone else: half and half, and the middle of the room.
WOMEN_SHARE = {"women-crushers": 0.95, "men-diggers": 0.05, "youth": 0.45,
               "landowners-chiefs": 0.2, "local-government": 0.3, "forestry-agency": 0.3,
               "protected-area-managers": 0.2, "gold-buyers": 0.3, "mineral-traders": 0.3}
AGE_SHARES = {"youth": (0.95, 0.05, 0.0), "landowners-chiefs": (0.0, 0.35, 0.65),
              "men-diggers": (0.6, 0.35, 0.05), "women-crushers": (0.45, 0.45, 0.1)}
USUAL_AGES = (0.35, 0.5, 0.15)
UNSAID_SHARE = 0.08  # who prefer not to say, for each question
SKIPPED_SHARE = 0.05  # who skip the profile step altogether


def profile_of(group: str, rng: random.Random) -> dict[str, str]:
    """One participant's answers to the profile: a gender and an age band drawn from their
    group's shares, sometimes "prefer not to say", and nothing at all if they skip the step."""
    if rng.random() < SKIPPED_SHARE:
        return {}
    woman = rng.random() < WOMEN_SHARE.get(group, 0.5)
    band = rng.choices(("up-to-35", "36-59", "60-plus"), AGE_SHARES.get(group, USUAL_AGES))[0]
    return {"gender": UNSAID if rng.random() < UNSAID_SHARE else "woman" if woman else "man",
            "age": UNSAID if rng.random() < UNSAID_SHARE else band}


# ---- the two workshops ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SampleStory:
    """One sample workshop's story: what differs between the two samples, apart from each
    kind's content (which the kinds key on ``code``)."""

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


SAMPLES = [
    SampleStory(
        filename="benin-atacora-gold.json", seed=2026_03_12, code="PENDJ", language="fr",
        title="Orpaillage autour du parc : les priorités de Wandéga",
        place="Wandéga (village fictif), commune de Tanguiéta, Atacora, Bénin",
        date=dt.date(2026, 3, 12),
        note="Atelier FICTIF, pour la démonstration et la formation : le village de Wandéga "
             "n'existe pas, et tous les participants et tous les votes sont simulés "
             "(sample_workshops/build_samples.py). Le contexte s'inspire de l'orpaillage "
             "artisanal dans le nord du Bénin, en bordure du complexe W-Arly-Pendjari. "
             f"Code PIN de l'animateur : {PIN}.",
        start=dt.datetime(2026, 3, 12, 8, 0, tzinfo=dt.UTC),  # 09:00 in Benin (UTC+1)
        attendance={"men-diggers": (10, 7), "women-crushers": (10, 5), "youth": (5, 3),
                    "landowners-chiefs": (3, 3), "pastoralists-farmers": (4, 3),
                    "local-government": (2, 2), "forestry-agency": (3, 3),
                    "protected-area-managers": (3, 3), "gold-buyers": (3, 2), "cso": (2, 2)},
        languages={"fr": 0.9, "en": 0.1},
        proxy=("women-crushers", 4),
    ),
    SampleStory(
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
             f"Facilitator PIN: {PIN}.",
        start=dt.datetime(2026, 5, 20, 7, 0, tzinfo=dt.UTC),  # 09:00 in Bukavu (UTC+2)
        attendance={"men-diggers": (10, 7), "women-crushers": (8, 5), "youth": (5, 3),
                    "landowners-chiefs": (3, 2), "pastoralists-farmers": (4, 3),
                    "local-government": (3, 3), "forestry-agency": (2, 2),
                    "protected-area-managers": (3, 3), "mineral-traders": (3, 2), "cso": (2, 2)},
        languages={"en": 0.7, "fr": 0.3},
        proxy=("pastoralists-farmers", 4),
    ),
]

# ---- the room ------------------------------------------------------------------------------------


def new_token(rng: random.Random) -> str:
    """A participant token like ``engine.core.access.new_token``'s, but drawn from ``rng``."""
    return "".join(rng.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def simulate_participants(story: SampleStory, rng: random.Random) -> list[Participant]:
    """Everyone who joined with a phone, in the order they joined, over about forty minutes,
    with their answers to the profile. The profile is drawn from a generator of its own, so
    that it leaves every other draw, and so every ballot, as it was before profiles existed."""
    seats = [gid for gid, (_, joined) in story.attendance.items() for _ in range(joined)]
    rng.shuffle(seats)
    languages, shares = zip(*story.languages.items())
    profiles = random.Random(f"{story.seed}/profile")
    people, moment = [], story.start
    for group in seats:
        people.append(Participant(token=new_token(rng), group=group, joined_at=moment,
                                  language=rng.choices(languages, shares)[0],
                                  attributes=profile_of(group, profiles)))
        moment = after(rng, moment, 20, 110)
    return people


def sample_room(story: SampleStory) -> SampleRoom:
    """The story's room once everyone has joined, with the generator the joining advanced."""
    rng = random.Random(story.seed)
    people = simulate_participants(story, rng)
    # The women crushers' expected head-count is known by gender: all women.
    groups = [Group.model_validate({**GROUPS[gid].model_dump(), "expected": expected,
                                    "expected_by": {"woman": expected}
                                    if gid == "women-crushers" else {}})
              for gid, (expected, _) in story.attendance.items()]
    return SampleRoom(code=story.code, language=story.language, seed=story.seed,
                      start=story.start, groups=tuple(groups), people=tuple(people),
                      proxy=story.proxy, rng=rng)


def proxy_participants(room: SampleRoom, exercises: list[Exercise]) -> list[Participant]:
    """The proxy group's tally as a participant, from the first tally entered (if any is)."""
    token = proxy_token(room.proxy[0])
    tallies = [ballot.cast_at for exercise in exercises for ballot in exercise.ballots
               if ballot.participant == token]
    return [room.proxy_participant(min(tallies))] if tallies else []


def build_workshop(story: SampleStory) -> Workshop:
    """The whole simulated workshop, the same on every run: each kind's exercises in the
    registry's order."""
    room = sample_room(story)
    exercises = [exercise for spec in kinds() for exercise in spec.sample_exercises(room)]
    return Workshop(
        code=story.code, title=story.title, place=story.place, date=story.date,
        language=story.language, fictional=True, note=story.note,
        pin_hash=hash_pin(PIN, salt=PIN_SALT), groups=list(room.groups),
        participants=[*room.people, *proxy_participants(room, exercises)], exercises=exercises)


# ---- writing and checking ------------------------------------------------------------------------


def describe(item: Item, lang: str) -> str:
    """An item as the app shows it: pictogram and label."""
    return f"{item.pictogram or '·'} {label(item.label, lang)}"


def weightings(design: Prioritisation) -> tuple[str, ...]:
    """The weightings the exercise offers: custom only where it has group weights."""
    return (*BASIC_WEIGHTINGS, "custom") if design.group_weights else BASIC_WEIGHTINGS


def summarise_prioritisation(exercise: Exercise, workshop: Workshop) -> None:
    """Print the prioritisation's top three items under every aggregation and weighting that
    applies, and each shown group's top three under the method's first aggregation."""
    lang, room = workshop.language, workshop.room()
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


def summarise_network(exercise: Exercise, workshop: Workshop) -> None:
    """Print the map's size, its conflicts and brokers, and who cannot reach a duty bearer."""
    network, lang = exercise.design, workshop.language
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


def summarise_lim(exercise: Exercise, workshop: Workshop) -> None:
    """Print the LIM's ranking under each weighting, the gated instruments, the most disagreed
    instrument's group composites and the groups too small to show."""
    lang, room = workshop.language, workshop.room()
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


def summarise_emp(exercise: Exercise, workshop: Workshop) -> None:
    """Print the EMP matrix's consensus and contested cells, the risk register's top three and
    the action plan's top three."""
    lang = workshop.language
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


#: How the summary prints each kind's exercises; a kind not listed is built but not summarised.
SUMMARIES: dict[str, Callable[[Exercise, Workshop], None]] = {
    "prioritisation": summarise_prioritisation, "network": summarise_network,
    "lim": summarise_lim, "emp": summarise_emp}


def main() -> None:
    """Build, write, read back and summarise both samples."""
    for story in SAMPLES:
        path = HERE / story.filename
        path.write_text(dump_workshop(build_workshop(story)), encoding="utf-8", newline="\n")
        workshop = read_workshop(path)
        people = [p for p in workshop.participants if not p.proxy]
        print(f"wrote {path.relative_to(HERE.parent)}: code {workshop.code}, "
              f"{len(people)} participants + {len(workshop.participants) - len(people)} proxy")
        for exercise in workshop.exercises:
            summarise = SUMMARIES.get(exercise.kind)
            if summarise:
                summarise(exercise, workshop)


if __name__ == "__main__":
    main()
