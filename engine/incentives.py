"""The Leverage and Incentives Matrix (guide 3.1): instruments scored on leverage, effect and risk.

Through consultation, a Leverage and Incentives Matrix (LIM) asks of each candidate incentive or
disincentive: what is the objective (the overall change desired)? What will the inducement look
like (often a package of values and regulations)? How much leverage does it have? What are the
risks of unintended consequences? What non-negotiable conditions must be attached? What are its
limitations? (guide 3.1). The facilitator writes the instruments (``STARTER_INSTRUMENTS`` is a
starting point); participants score each one, 1 (low) to 5 (high), on the four ``CRITERIA``:

- ``leverage``: how much the instrument can change behaviour;
- ``effectiveness``: how well it will work, given its limitations;
- ``risk_likelihood`` and ``risk_severity``: how likely and how serious unintended consequences are.

Conventions (as in ``engine.prioritise``):

- A ballot scores one or more instruments, each on all four criteria (``ScoreShape``). Ballots are
  appended, never edited; for each participant and instrument the *latest* scores count, so a
  phone can send one instrument at a time and re-scoring replaces only that instrument.
- A proxy ballot (a group's agreed scores, entered by the facilitator) stands for ``voters`` people.
- Weighting ``person`` counts every voter once; weighting ``group`` averages each group's means,
  over the groups that scored the instrument, so every group counts the same (HRBA equity).
- A group with fewer voters than the workshop's ``small_group_threshold`` is never shown on its
  own, but still counted overall; nor is a shown group's line for an instrument fewer than that
  many of its voters scored.
- Ranks are competition ranks ("1224"), rank 1 = the best composite; ties keep instrument order.
  An instrument with an ``unmet`` condition is listed but not ranked (*gated*): its conditions
  are what gives it real leverage (guide 3.1), so it cannot be recommended until they are met.

References
----------
Belton, V. & Stewart, T. J. (2002). *Multiple Criteria Decision Analysis: An Integrated
Approach*. Kluwer. https://doi.org/10.1007/978-1-4615-1495-4 (additive weighting of normalised
criteria, used by ``composite``).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import (BaseModel, ConfigDict, Field, PositiveInt, StringConstraints,
                      model_validator)

from engine.answers import latest_answers, require_unique_ids
from engine.errors import BallotError, NotFoundError, SetupError
from engine.types import SCALE, Id, LangCode, Labels, Scale, Token
from engine.prioritise import BASIC_WEIGHTINGS, Weighting, competition_ranks

if TYPE_CHECKING:
    from engine.model import Workshop

__all__ = ["CRITERIA", "Criterion", "KINDS", "CONDITION_STATES", "ScoreShape", "Condition",
           "Instrument", "IncentiveMatrix", "STARTER_INSTRUMENTS", "ScoreBallot", "ScoreError",
           "check_scores", "score_ballot", "Weights", "DEFAULT_WEIGHTS", "Formula", "formula", "composite",
           "InstrumentResult", "Disagreement", "BubblePoint", "IncentiveResult",
           "incentive_results", "workshop_incentive_results"]

CRITERIA = ("leverage", "effectiveness", "risk_likelihood", "risk_severity")
Criterion = Literal["leverage", "effectiveness", "risk_likelihood", "risk_severity"]
KINDS = ("incentive", "disincentive")
CONDITION_STATES = ("met", "unmet", "unknown")

#: A score ballot's shape: instrument id → criterion → score 1–5 (every criterion of each
#: instrument scored). ``{"land-access": {"leverage": 5, "effectiveness": 4,
#: "risk_likelihood": 2, "risk_severity": 3}}``.
ScoreShape = dict[str, dict[str, int]]

LongText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=1000)]
LongLabels = Annotated[dict[LangCode, LongText], Field(min_length=1)]

_LOW, _HIGH = SCALE
_RISK_LOW, _RISK_HIGH = _LOW * _LOW, _HIGH * _HIGH  # risk = likelihood × severity: 1–25


class _Strict(BaseModel):
    """Unknown fields are an error and models are immutable, as in ``engine.model``."""

    model_config = ConfigDict(extra="forbid", frozen=True)


# ---- the instruments ---------------------------------------------------------------------------

class Condition(_Strict):
    """A non-negotiable condition attached to an instrument, and whether it is met yet."""

    id: Id
    text: LongLabels
    met: Literal["met", "unmet", "unknown"] = "unknown"


class Instrument(_Strict):
    """An incentive or disincentive: the change sought, the package offered, its conditions."""

    id: Id
    label: Labels
    kind: Literal["incentive", "disincentive"] = "incentive"
    objective: LongLabels = Field(description="The overall change desired.")
    package: LongLabels = Field(description="What the inducement looks like (often a package).")
    target: Id | None = Field(None, description="The actor (group) whose behaviour should change.")
    conditions: list[Condition] = []
    limitations: LongLabels | None = Field(None, description="How effective can it be; why not.")
    pictogram: str | None = None

    @model_validator(mode="after")
    def _unique_conditions(self) -> Instrument:
        seen: set[str] = set()
        for index, condition in enumerate(self.conditions):
            if condition.id in seen:
                raise ValueError(f"conditions[{index}]: duplicate id '{condition.id}'")
            seen.add(condition.id)
        return self

    def unmet(self) -> list[str]:
        """The ids of conditions marked unmet: any one keeps the instrument out of the ranking."""
        return [c.id for c in self.conditions if c.met == "unmet"]


def _instrument(id: str, en: str, fr: str, objective: tuple[str, str], package: tuple[str, str],
                conditions: list[tuple[str, str, str]], limitations: tuple[str, str],
                pictogram: str) -> Instrument:
    return Instrument(
        id=id, label={"en": en, "fr": fr}, objective=dict(zip(("en", "fr"), objective)),
        package=dict(zip(("en", "fr"), package)), limitations=dict(zip(("en", "fr"), limitations)),
        conditions=[Condition(id=cid, text={"en": cen, "fr": cfr}) for cid, cen, cfr in conditions],
        pictogram=pictogram)


# The incentives the guide names (2.3, 2.5, 3.1), as a starting point to edit; no condition is
# marked met or unmet yet.
STARTER_INSTRUMENTS = [
    _instrument(
        "conditional-licence", "Conditional licence to operate",
        "Permis d'exploitation conditionnel",
        ("Miners adopt and keep good environmental practice.",
         "Les orpailleurs adoptent et gardent de bonnes pratiques environnementales."),
        ("A licence granted and renewed only on demonstrable good environmental practice; "
         "withdrawn if the practice stops.",
         "Un permis accordé et renouvelé seulement sur preuve de bonnes pratiques "
         "environnementales ; retiré si elles cessent."),
        [("rehabilitation-plan", "An agreed rehabilitation action plan for the site.",
          "Un plan de réhabilitation du site approuvé."),
         ("site-checks", "Local government can check practice on site.",
          "Les autorités locales peuvent vérifier les pratiques sur le site.")],
        ("Only as strong as the checks on site and the will to withdraw a licence.",
         "Ne vaut que par les contrôles sur le site et la volonté de retirer un permis."),
        "📜"),
    _instrument(
        "land-access", "Land access in ASM zones", "Accès à la terre dans des zones d'orpaillage",
        ("ASM moves out of protected areas onto land set aside for it.",
         "L'orpaillage quitte les aires protégées pour des terres qui lui sont réservées."),
        ("ASM zones in the land-use plan, with secure tenure for the licence period.",
         "Des zones d'orpaillage dans le plan d'affectation des terres, avec un droit sûr pour la "
         "durée du permis."),
        [("zone-has-gold", "The zone has gold worth mining.",
          "La zone contient de l'or qui vaut la peine d'être exploité."),
         ("leave-protected-area", "Miners leave the protected area.",
          "Les orpailleurs quittent l'aire protégée.")],
        ("Large-scale licences may already cover the best land.",
         "Des permis industriels couvrent parfois déjà les meilleures terres."),
        "🗺️"),
    _instrument(
        "mercury-free-royalty", "Reduced royalties for mercury-free gold",
        "Redevances réduites pour l'or sans mercure",
        ("Miners stop using mercury.", "Les orpailleurs cessent d'utiliser le mercure."),
        ("A lower royalty on gold sold through the official channel with proof it was produced "
         "without mercury.",
         "Une redevance plus faible sur l'or vendu par la filière officielle avec la preuve qu'il "
         "a été produit sans mercure."),
        [("traceable-gold", "Gold can be traced from the site to the buyer.",
          "L'or peut être suivi du site jusqu'à l'acheteur."),
         ("mercury-free-method", "A mercury-free processing method is available locally.",
          "Une méthode de traitement sans mercure est disponible sur place.")],
        ("Smuggling pays more when the official price is low; mercury-free origin is hard to "
         "prove.",
         "La contrebande rapporte plus si le prix officiel est bas ; l'origine sans mercure est "
         "difficile à prouver."),
        "🏷️"),
    _instrument(
        "extension-training", "Extension services and training", "Services d'appui et formation",
        ("Safer, cleaner and more productive mining.",
         "Une exploitation plus sûre, plus propre et plus productive."),
        ("Technical advice and training: mercury-free processing, topsoil care, rehabilitation, "
         "health and safety.",
         "Conseil technique et formation : traitement sans mercure, conservation de la terre "
         "végétale, réhabilitation, santé et sécurité."),
        [("apply-training", "Miners' groups commit to attend and apply the training.",
          "Les groupes d'orpailleurs s'engagent à suivre et appliquer la formation.")],
        ("Training alone rarely changes practice without equipment or a better price.",
         "La formation seule change rarement les pratiques sans équipement ni meilleur prix."),
        "🎓"),
    _instrument(
        "credit-access", "Access to credit", "Accès au crédit",
        ("Miners can invest in better equipment and in rehabilitation.",
         "Les orpailleurs peuvent investir dans un meilleur équipement et la réhabilitation."),
        ("Loans or savings groups for registered miners' associations, for equipment such as "
         "retorts.",
         "Des prêts ou groupes d'épargne pour les associations d'orpailleurs enregistrées, pour "
         "du matériel comme les cornues."),
        [("registered-association", "Miners are organised in a registered association.",
          "Les orpailleurs sont organisés en association enregistrée.")],
        ("Risk of debt; lenders ask for collateral miners rarely have.",
         "Risque d'endettement ; les prêteurs demandent des garanties que les orpailleurs ont "
         "rarement."),
        "💰"),
    _instrument(
        "formalisation", "Formalisation and a place in the community",
        "Formalisation et place dans la communauté",
        ("Miners are recognised as legitimate members and partners of the community.",
         "Les orpailleurs sont reconnus comme membres et partenaires légitimes de la communauté."),
        ("Registration, a seat on the local multi-stakeholder council, recognition by customary "
         "and local authorities.",
         "Enregistrement, une place au conseil local multi-acteurs, reconnaissance par les "
         "autorités coutumières et locales."),
        [("code-of-conduct", "Miners agree a code of conduct with the community.",
          "Les orpailleurs adoptent un code de conduite avec la communauté.")],
        ("Slow; depends on political will and on the cost of registering.",
         "Lent ; dépend de la volonté politique et du coût de l'enregistrement."),
        "🤝"),
    _instrument(
        "social-services", "Improved social services", "Meilleurs services sociaux",
        ("Better health, education and services in mining communities.",
         "Une meilleure santé, éducation et de meilleurs services dans les communautés minières."),
        ("Part of royalties and local taxes spent on clinics, schools and water points in "
         "mining areas.",
         "Une part des redevances et taxes locales consacrée aux centres de santé, écoles et "
         "points d'eau des zones minières."),
        [("revenue-share", "A share of local revenue is earmarked and published.",
          "Une part des recettes locales est réservée et publiée.")],
        ("Everyone benefits, so it gives little leverage over one miner's behaviour.",
         "Tout le monde en profite : peu de levier sur le comportement d'un orpailleur."),
        "🏥"),
]


# ---- ballots -----------------------------------------------------------------------------------

class ScoreError(BallotError):
    """A score ballot that cannot be accepted (unknown instrument or criterion, score off scale)."""


class ScoreBallot(_Strict):
    """One score ballot as cast: appended, never changed. ``scores`` has the ``ScoreShape``."""

    participant: Token
    cast_at: dt.datetime
    voters: PositiveInt = Field(1, description="People this ballot stands for (>1 only for proxy).")
    scores: Annotated[dict[Id, dict[Criterion, Scale]], Field(min_length=1)]

    @model_validator(mode="after")
    def _every_criterion(self) -> ScoreBallot:
        for instrument, given in self.scores.items():
            missing = [c for c in CRITERIA if c not in given]
            if missing:
                raise ValueError(f"scores.{instrument}: missing {', '.join(missing)}")
        return self


def check_scores(scores: Mapping[str, Mapping[str, object]], instruments: Sequence[Instrument]
                 ) -> ScoreShape:
    """The scores of a ballot, checked against the instruments, in instrument then criterion order.

    Parameters
    ----------
    scores : mapping
        What the phone sent, in the ``ScoreShape``: instrument id → criterion → score.
    instruments : sequence of Instrument
        The instruments of the exercise.

    Raises
    ------
    ScoreError
        ``ballot.no_scores`` (nothing scored), ``ballot.unknown_instruments``,
        ``ballot.unknown_criteria``, ``ballot.missing_criteria`` (an instrument scored on some
        criteria only) or ``ballot.score_out_of_scale`` (not a whole number 1–5), in that order.
    """
    if not scores:
        raise ScoreError("ballot.no_scores")
    known = [instrument.id for instrument in instruments]
    unknown = sorted(set(scores) - set(known))
    if unknown:
        raise ScoreError("ballot.unknown_instruments", instruments=", ".join(unknown))
    checked: ScoreShape = {}
    for instrument_id in (i for i in known if i in scores):
        given = scores[instrument_id]
        given = given if isinstance(given, Mapping) else {}
        strange = sorted(str(c) for c in set(given) - set(CRITERIA))
        if strange:
            raise ScoreError("ballot.unknown_criteria", instrument=instrument_id,
                             criteria=", ".join(strange))
        missing = [c for c in CRITERIA if c not in given]
        if missing:
            raise ScoreError("ballot.missing_criteria", instrument=instrument_id,
                             criteria=", ".join(missing))
        for criterion in CRITERIA:
            score = given[criterion]
            if isinstance(score, bool) or not isinstance(score, int) or not _LOW <= score <= _HIGH:
                raise ScoreError("ballot.score_out_of_scale", instrument=instrument_id,
                                 criterion=criterion, score=score, low=_LOW, high=_HIGH)
        checked[instrument_id] = {c: int(given[c]) for c in CRITERIA}
    return checked


def score_ballot(participant: str, cast_at: dt.datetime, scores: Mapping[str, Mapping[str, object]],
                 instruments: Sequence[Instrument], voters: int = 1) -> ScoreBallot:
    """A checked ballot, ready to append: ``check_scores`` first, so errors are typed."""
    return ScoreBallot(participant=participant, cast_at=cast_at, voters=voters,
                       scores=check_scores(scores, instruments))


# ---- the composite score -----------------------------------------------------------------------

class Weights(_Strict):
    """The facilitator's weights of the normalised criteria in the composite (see ``composite``).

    Leverage and effectiveness count for an instrument (weights ≥ 0) and risk against it
    (weight ≤ 0): a sign the other way would reward risk or punish leverage. At least one
    weight is not 0, or every instrument would tie.
    """

    leverage: Annotated[float, Field(ge=0, le=100)] = 1.0
    effectiveness: Annotated[float, Field(ge=0, le=100)] = 1.0
    risk: Annotated[float, Field(ge=-100, le=0)] = -1.0

    @model_validator(mode="after")
    def _not_all_zero(self) -> Weights:
        if self.leverage == self.effectiveness == self.risk == 0:
            raise ValueError("at least one weight must not be 0")
        return self


DEFAULT_WEIGHTS = Weights()


class IncentiveMatrix(_Strict):
    """A workshop's Leverage and Incentives Matrix: the instruments, the composite's weights
    (which the presenter shows with every result), and whether phones may score it now."""

    instruments: Annotated[list[Instrument], Field(min_length=1)]
    weights: Weights = DEFAULT_WEIGHTS
    open: bool = Field(False, description="Participants may score the instruments now.")

    @model_validator(mode="after")
    def _unique_instruments(self) -> IncentiveMatrix:
        try:
            require_unique_ids(self.instruments, "instruments")
        except SetupError as error:
            raise ValueError(f"{error.params['where']}: {error.params['problem']}") from None
        return self

    def instrument(self, instrument_id: str) -> Instrument:
        """The instrument with this id."""
        return next(i for i in self.instruments if i.id == instrument_id)


class Formula(BaseModel):
    """The composite formula as the presenter shows it, with the weights in use.

    ``expression`` and ``normalisation`` are written in symbols, the same in every language;
    ``symbols`` says which criterion (a catalogue key suffix) each letter stands for.
    """

    weights: Weights
    expression: str
    normalisation: str
    symbols: dict[str, str]


def _number(value: float) -> str:
    return f"{value:g}"


def formula(weights: Weights = DEFAULT_WEIGHTS) -> Formula:
    """The composite formula for ``weights``.

    Examples
    --------
    The default weights reward leverage and effectiveness and penalise risk equally:

    >>> formula().expression
    'C = 1·L′ + 1·E′ − 1·R′'
    """
    terms = [(weights.leverage, "L′"), (weights.effectiveness, "E′"), (weights.risk, "R′")]
    text = ""
    for index, (weight, symbol) in enumerate(terms):
        sign = "" if index == 0 else (" − " if weight < 0 else " + ")  # leverage is never < 0
        text += f"{sign}{_number(abs(weight))}·{symbol}"
    span = _HIGH - _LOW
    return Formula(
        weights=weights, expression=f"C = {text}",
        normalisation=(f"L′ = (L − {_LOW})/{span}; E′ = (E − {_LOW})/{span}; R = mean(P·S); "
                       f"R′ = (R − {_RISK_LOW})/{_RISK_HIGH - _RISK_LOW}"),
        symbols={"C": "composite", "L": "leverage", "E": "effectiveness", "P": "risk_likelihood",
                 "S": "risk_severity", "R": "risk"})


def composite(leverage: float, effectiveness: float, risk: float, weights: Weights = DEFAULT_WEIGHTS
              ) -> float:
    """The composite score of an instrument's mean leverage, mean effectiveness and mean risk.

    Each criterion is first rescaled to 0–1 so that the weights compare like with like:

    .. math::

        C = w_L \\frac{L - 1}{4} + w_E \\frac{E - 1}{4} + w_R \\frac{R - 1}{24}

    where ``L`` and ``E`` are mean scores on 1–5 and ``R`` is the mean risk on 1–25 (each voter's
    likelihood × severity, averaged). With the default weights (1, 1, −1) ``C`` runs from −1
    (no leverage, no effectiveness, the worst risk) to 2 (full leverage and effectiveness, the
    least risk). Linear additive weighting of normalised criteria, as in multi-criteria
    analysis (Belton & Stewart 2002).

    Examples
    --------
    Mean leverage 5, mean effectiveness 3 and mean risk 7 (one voter said likelihood 2 ×
    severity 3, another 2 × 4): 1·(5 − 1)/4 + 1·(3 − 1)/4 − 1·(7 − 1)/24 = 1 + 0.5 − 0.25.

    >>> composite(5, 3, 7)
    1.25
    """
    span, risk_span = _HIGH - _LOW, _RISK_HIGH - _RISK_LOW
    return (weights.leverage * (leverage - _LOW) / span
            + weights.effectiveness * (effectiveness - _LOW) / span
            + weights.risk * (risk - _RISK_LOW) / risk_span)


# ---- results -----------------------------------------------------------------------------------

class InstrumentResult(BaseModel):
    """One instrument's line in a result.

    Means are over the voters who scored it (``None`` when nobody did). ``risk`` is the mean of
    each voter's likelihood × severity (1–25). ``rank`` is ``None`` when the instrument is not
    ranked, and ``unranked`` says why: ``unmet_conditions`` (the ids are in ``unmet_conditions``)
    or ``no_scores``. ``unknown_conditions`` are those not yet known to be met or unmet.
    """

    instrument: str
    kind: str
    rank: int | None
    unranked: Literal["unmet_conditions", "no_scores"] | None = None
    unmet_conditions: list[str] = []
    unknown_conditions: list[str] = []
    voters: int
    leverage: float | None = None
    effectiveness: float | None = None
    risk_likelihood: float | None = None
    risk_severity: float | None = None
    risk: float | None = None
    composite: float | None = None


class Disagreement(BaseModel):
    """How far the shown groups' composites for one instrument are apart.

    ``spread`` is the range (highest group composite − lowest) and ``sd`` the population
    standard deviation of the group composites; both need at least two groups.
    """

    instrument: str
    groups: dict[str, float]
    spread: float
    sd: float


class BubblePoint(BaseModel):
    """One bubble of the leverage–risk chart: x = mean leverage (1–5), y = mean risk (1–25),
    size = mean effectiveness (1–5)."""

    instrument: str
    kind: str
    x: float
    y: float
    size: float
    ranked: bool


class IncentiveResult(BaseModel):
    """The Leverage and Incentives Matrix under one weighting, overall and per group.

    ``instruments``: ranked instruments by rank (ties in instrument order), then the unranked
    ones in instrument order. ``disagreement``: instruments scored by at least two shown groups,
    the widest spread first; ``most_disagreed``: those sharing the widest spread (if above 0).
    """

    weighting: Weighting
    voters: int
    formula: Formula
    instruments: list[InstrumentResult]
    groups: dict[str, list[InstrumentResult]]
    hidden_groups: list[str]
    disagreement: list[Disagreement]
    most_disagreed: list[str]
    bubbles: list[BubblePoint]


@dataclass(frozen=True)
class _Means:
    """Exact means of one instrument's scores over some voters."""

    voters: int
    leverage: Fraction
    effectiveness: Fraction
    risk_likelihood: Fraction
    risk_severity: Fraction
    risk: Fraction

    @classmethod
    def of(cls, entries: list[tuple[int, dict[str, int]]]) -> _Means:
        """Each entry is (voters, scores): scores weigh as many times as the people behind them."""
        people = sum(voters for voters, _ in entries)

        def mean(value) -> Fraction:
            return Fraction(sum(voters * value(scores) for voters, scores in entries), people)

        return cls(people, *(mean(lambda s, c=c: s[c]) for c in CRITERIA),
                   mean(lambda s: s["risk_likelihood"] * s["risk_severity"]))

    @classmethod
    def average(cls, groups: list[_Means]) -> _Means:
        """Group weighting: the plain mean of the groups' means."""
        count = len(groups)
        return cls(sum(g.voters for g in groups),
                   *(sum((getattr(g, c) for g in groups), Fraction(0)) / count
                     for c in (*CRITERIA, "risk")))


def incentive_results(workshop: Workshop, instruments: Sequence[Instrument],
                      ballots: Sequence[ScoreBallot], weighting: Weighting = "person",
                      weights: Weights = DEFAULT_WEIGHTS) -> IncentiveResult:
    """The Leverage and Incentives Matrix: every instrument's mean scores, composite and rank.

    Parameters
    ----------
    workshop : Workshop
        Whose participants (their groups), groups (their order) and ``small_group_threshold`` apply.
    instruments : sequence of Instrument
        The instruments, in the order they are listed.
    ballots : sequence of ScoreBallot
        Every ballot in the order cast; each participant's latest scores of each instrument count.
    weighting : {"person", "group"}, default "person"
    weights : Weights, default leverage 1, effectiveness 1, risk −1
        The composite's weights (``composite``); the formula is returned with the result.

    Returns
    -------
    IncentiveResult

    Raises
    ------
    ScoreError
        A ballot that does not fit the instruments (``check_scores``).
    NotFoundError
        ``weighting.unknown``, or ``participant.unknown`` for a ballot by a stranger.
    SetupError
        ``setup.invalid`` for two instruments with the same id.

    Notes
    -----
    Risk is the mean of each voter's likelihood × severity, not mean likelihood × mean severity:
    each person judges one risk, and their two answers belong together. Half the room at
    likelihood 5, severity 1 and half at 1, 5 see a risk of 5 each; the product of the means
    would report 9, a risk nobody described. It also keeps risk on the 1–25 grid of a risk matrix.
    (Importance × urgency in ``engine.prioritise`` multiplies means instead: there the two axes
    place an item in a quadrant rather than measure one quantity.)
    """
    if weighting not in BASIC_WEIGHTINGS:
        raise NotFoundError("weighting.unknown", weighting=weighting)
    require_unique_ids(instruments, "instruments")
    latest = latest_answers(workshop.participants, ballots,
                            lambda b: check_scores(b.scores, instruments))
    group_voters, by_group = latest.voters, latest.entries
    group_means = {group: {i: _Means.of(entries) for i, entries in per.items()}
                   for group, per in by_group.items()}
    overall: dict[str, _Means] = {}
    for instrument in instruments:
        if weighting == "person":
            entries = [e for per in by_group.values() for e in per.get(instrument.id, [])]
            if entries:
                overall[instrument.id] = _Means.of(entries)
        else:
            scored = [per[instrument.id] for per in group_means.values() if instrument.id in per]
            if scored:
                overall[instrument.id] = _Means.average(scored)
    threshold = workshop.small_group_threshold
    shown: dict[str, list[InstrumentResult]] = {}
    hidden: list[str] = []
    for group in workshop.groups:
        if group.id not in by_group:
            continue
        if group_voters[group.id] < threshold:
            hidden.append(group.id)
            continue
        enough = {i: m for i, m in group_means[group.id].items() if m.voters >= threshold}
        shown[group.id] = _ranked([i for i in instruments if i.id in enough], enough, weights)
    rows = _ranked(instruments, overall, weights)
    disagreement = _disagreement(instruments, shown)
    widest = disagreement[0].spread if disagreement else 0.0
    return IncentiveResult(
        weighting=weighting, voters=sum(group_voters.values()), formula=formula(weights),
        instruments=rows, groups=shown, hidden_groups=hidden, disagreement=disagreement,
        most_disagreed=[d.instrument for d in disagreement if widest > 0 and d.spread == widest],
        bubbles=[BubblePoint(instrument=r.instrument, kind=r.kind, x=r.leverage, y=r.risk,
                             size=r.effectiveness, ranked=r.rank is not None)
                 for r in sorted(rows, key=lambda r: _order(instruments)[r.instrument])
                 if r.voters])


def workshop_incentive_results(workshop: Workshop, weighting: Weighting = "person"
                               ) -> IncentiveResult:
    """``incentive_results`` of a workshop's own LIM: its instruments, score ballots and weights.

    Raises
    ------
    NotFoundError
        ``lim.no_matrix`` when the workshop has no LIM; otherwise as ``incentive_results``.
    """
    if workshop.lim is None:
        raise NotFoundError("lim.no_matrix", code=workshop.code)
    return incentive_results(workshop, workshop.lim.instruments, workshop.score_ballots, weighting,
                             workshop.lim.weights)


def _order(instruments: Sequence[Instrument]) -> dict[str, int]:
    return {instrument.id: index for index, instrument in enumerate(instruments)}


def _ranked(instruments: Sequence[Instrument], means: dict[str, _Means], weights: Weights
            ) -> list[InstrumentResult]:
    """Lines for ``instruments``: ranked ones by rank (ties in instrument order), then the rest."""
    rows = []
    for instrument in instruments:
        unmet = instrument.unmet()
        unknown = [c.id for c in instrument.conditions if c.met == "unknown"]
        m = means.get(instrument.id)
        line = dict(instrument=instrument.id, kind=instrument.kind, rank=None,
                    unmet_conditions=unmet, unknown_conditions=unknown, voters=0,
                    unranked="unmet_conditions" if unmet else "no_scores" if m is None else None)
        if m is not None:
            line.update(voters=m.voters, risk=_round(m.risk),
                        composite=round(composite(m.leverage, m.effectiveness, m.risk, weights), 6),
                        **{c: _round(getattr(m, c)) for c in CRITERIA})
        rows.append(line)
    eligible = [row for row in rows if row["unranked"] is None]
    for row, rank in zip(eligible, competition_ranks([row["composite"] for row in eligible])):
        row["rank"] = rank
    ranked = sorted(eligible, key=lambda row: row["rank"])  # stable: ties keep instrument order
    return [InstrumentResult(**row) for row in ranked + [r for r in rows if r["rank"] is None]]


def _round(value: Fraction) -> float:
    return round(float(value), 6)


def _disagreement(instruments: Sequence[Instrument], shown: dict[str, list[InstrumentResult]]
                  ) -> list[Disagreement]:
    """Per instrument, the spread of the shown groups' composites, widest first."""
    found = []
    for instrument in instruments:
        per_group = {group: row.composite for group, rows in shown.items() for row in rows
                     if row.instrument == instrument.id}
        if len(per_group) < 2:
            continue
        values = list(per_group.values())
        mean = sum(values) / len(values)
        found.append(Disagreement(
            instrument=instrument.id, groups=per_group, spread=round(max(values) - min(values), 6),
            sd=round(math.sqrt(sum((v - mean) ** 2 for v in values) / len(values)), 6)))
    return sorted(found, key=lambda d: -d.spread)  # stable: ties keep instrument order
