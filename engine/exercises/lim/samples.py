"""The Leverage and Incentives Matrices of the two sample workshops, and how their rooms scored
them.

Each sample adapts the guide's starter instruments (``design.STARTER_INSTRUMENTS``) to its place:
a target (a group or an actor of the sample's map), conditions marked met, unmet or not yet
known, and limitations. How the room scores them is simulated like the prioritisations' ballots:
each instrument has a profile (leverage, effectiveness, risk likelihood, risk severity, 1–5) and
each group leans away from it, plus noise.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from engine.core.exercise import Exercise
from engine.core.records import Ballot, Status, proxy_token
from engine.core.samples import SampleRoom, after, bilingual, to_scale, turnout
from engine.exercises.lim.design import (CRITERIA, STARTER_INSTRUMENTS, Condition,
                                         ConditionState, Criterion, IncentiveMatrix, Instrument,
                                         Scores, ScoreShape, check_scores)

__all__ = ["exercises"]

STARTER_INSTRUMENT = {instrument.id: instrument for instrument in STARTER_INSTRUMENTS}


def adapt(starter: str, conditions: dict[str, str] | None = None,
          extra: tuple[Condition, ...] = (), **changes: object) -> Instrument:
    """A starter instrument fitted to the place: ``changes`` replace its fields, ``conditions``
    marks its own conditions met, unmet or unknown by id, and ``extra`` adds conditions."""
    base = STARTER_INSTRUMENT[starter]
    states = conditions or {}
    kept = [c.model_copy(update={"met": states[c.id]}) for c in base.conditions if c.id in states]
    copy = base.model_copy(update={"conditions": kept + list(extra), **changes})
    return Instrument.model_validate(copy.model_dump())  # model_copy does not check: check now


def condition(id: str, en: str, fr: str, met: ConditionState) -> Condition:
    """A condition the guide's starter set does not have."""
    return Condition(id=id, text=bilingual(en, fr), met=met)


@dataclass(frozen=True)
class LimSpec:
    """A sample's LIM and how the simulated room scores it."""

    instruments: list[Instrument]
    profile: dict[str, tuple[float, float, float, float]]  # instrument → criteria, CRITERIA order
    leanings: dict[str, dict[str, tuple[float, float, float, float]]]  # group → instrument → shift
    status: Status  # as the facilitator left it
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
    status="closed", start=dt.timedelta(minutes=360), absent=("men-diggers", "women-crushers"),
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
    status="closed", start=dt.timedelta(minutes=360), absent=("men-diggers",), one_by_one=0.4,
    rescores=(("men-diggers", "land-access", (0, -0.6, 0.6, 0.6)),
              ("forestry-agency", "mercury-seizure", (0, -0.6, 0.6, 0.6))),
)


#: Per sample, by join code.
LIMS = {"KAHUZ": KAHUZ_LIM, "PENDJ": PENDJ_LIM}


def lim_scores(rng: random.Random, lim: LimSpec, group: str, instrument: str, noise: float,
               shift: tuple[float, ...] = (0, 0, 0, 0)) -> dict[Criterion, int]:
    """One person's scores of one instrument: its profile, the group's leaning, noise."""
    lean = lim.leanings.get(group, {}).get(instrument, (0, 0, 0, 0))
    return {criterion: to_scale(base + bias + extra + rng.gauss(0, noise))
            for criterion, base, bias, extra in zip(CRITERIA, lim.profile[instrument], lean,
                                                    shift)}


def simulate_lim(lim: LimSpec, sample: SampleRoom) -> list[Ballot]:
    """The room scoring the LIM's instruments. Some phones send every instrument in one ballot,
    others one instrument per ballot (now and then skipping one); after the discussion a few
    people score one instrument again; last, the facilitator enters the proxy group's flipchart."""
    rng, group_of = sample.own_rng("lim"), sample.group_of
    ids = [instrument.id for instrument in lim.instruments]
    voters = turnout(rng, sample.people, lim.absent)
    first = sample.start + lim.start
    cast: list[tuple[dt.datetime, str, ScoreShape, int]] = []
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
        rescorer = next((t for t in voters if group_of[t] == group
                         and any(t == who and instrument in given for _, who, given, _ in cast)),
                        None)
        if rescorer is None:
            raise ValueError(f"{sample.code}: no one in {group} scored {instrument} to score "
                             "again")
        moment = after(rng, moment, 30, 150)
        cast.append((moment, rescorer, {instrument: lim_scores(rng, lim, group, instrument, 0.5,
                                                               shift)}, 1))
    group, count = sample.proxy
    moment = after(rng, moment, 120, 240)
    cast.append((moment, proxy_token(group), {i: lim_scores(rng, lim, group, i, 0.3) for i in ids},
                 count))
    return [Ballot(participant=token, cast_at=at, voters=count,
                   answer=Scores(scores=check_scores(scores, lim.instruments)))
            for at, token, scores, count in cast]


def exercises(sample: SampleRoom) -> list[Exercise]:
    """The sample's LIM, as the room scored it."""
    lim = LIMS[sample.code]
    return [Exercise(id="lim", kind="lim", status=lim.status,
                     design=IncentiveMatrix(instruments=lim.instruments),
                     ballots=simulate_lim(lim, sample))]
