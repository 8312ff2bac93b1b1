"""The LIM's design and answers: instruments with their conditions, the composite's weights,
and the scores phones send (guide 3.1; see ``engine.exercises.lim.results`` for the counting)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import Field, model_validator

from engine.core.errors import BallotError
from engine.core.records import Strict
from engine.core.types import SCALE, Id, LangCode, Labels, LongText, Scale

__all__ = ["CRITERIA", "Criterion", "KINDS", "CONDITION_STATES", "ConditionState", "ScoreShape",
           "Condition", "Instrument", "IncentiveMatrix", "STARTER_INSTRUMENTS", "Scores",
           "ScoreError", "check_scores", "Weights", "DEFAULT_WEIGHTS"]

Criterion = Literal["leverage", "effectiveness", "risk_likelihood", "risk_severity"]
CRITERIA: tuple[Criterion, ...] = ("leverage", "effectiveness", "risk_likelihood", "risk_severity")
KINDS = ("incentive", "disincentive")
ConditionState = Literal["met", "unmet", "unknown"]
CONDITION_STATES: tuple[ConditionState, ...] = ("met", "unmet", "unknown")

#: A score ballot's shape: instrument id → criterion → score 1–5 (every criterion of each
#: instrument scored). ``{"land-access": {"leverage": 5, "effectiveness": 4,
#: "risk_likelihood": 2, "risk_severity": 3}}``.
ScoreShape = dict[str, dict[Criterion, int]]

LongLabels = Annotated[dict[LangCode, LongText], Field(min_length=1)]

_LOW, _HIGH = SCALE


# ---- the instruments ---------------------------------------------------------------------------

class Condition(Strict):
    """A non-negotiable condition attached to an instrument, and whether it is met yet."""

    id: Id
    text: LongLabels
    met: ConditionState = "unknown"


class Instrument(Strict):
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


class Scores(Strict):
    """A LIM ballot's answer: one or more instruments, each scored 1–5 on every criterion
    (``ScoreShape``). Phones send one instrument at a time; a proxy ballot (a group's
    flipchart) may score them all."""

    scores: Annotated[dict[Id, dict[Criterion, Scale]], Field(min_length=1)]

    @model_validator(mode="before")
    @classmethod
    def _checked(cls, data: Any) -> Any:
        """What the criteria and scores must be, said with the engine's own messages."""
        if isinstance(data, Mapping) and isinstance(data.get("scores"), Mapping):
            return {**data, "scores": check_scores(data["scores"])}
        return data


def check_scores(scores: Mapping[str, object], instruments: Sequence[Instrument] | None = None
                 ) -> ScoreShape:
    """The scores of a ballot, checked, in instrument (then criterion) order.

    Parameters
    ----------
    scores : mapping
        What the phone sent, in the ``ScoreShape``: instrument id → criterion → score.
    instruments : sequence of Instrument, optional
        The instruments of the exercise; without them, only the shape and the scale are checked.

    Raises
    ------
    ScoreError
        ``ballot.no_scores`` (nothing scored), ``ballot.unknown_instruments``,
        ``ballot.unknown_criteria``, ``ballot.missing_criteria`` (an instrument scored on some
        criteria only) or ``ballot.score_out_of_scale`` (not a whole number 1–5), in that order.
    """
    if not scores:
        raise ScoreError("ballot.no_scores")
    order = [str(i) for i in scores] if instruments is None else [i.id for i in instruments]
    unknown = sorted(str(i) for i in set(scores) - set(order))
    if unknown:
        raise ScoreError("ballot.unknown_instruments", instruments=", ".join(unknown))
    checked: ScoreShape = {}
    for instrument_id in (i for i in order if i in scores):
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


# ---- the composite score -----------------------------------------------------------------------

class Weights(Strict):
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


class IncentiveMatrix(Strict):
    """A Leverage and Incentives Matrix as the facilitator designs it: the instruments, and the
    composite's weights (which the presenter shows with every result)."""

    instruments: Annotated[list[Instrument], Field(min_length=1)]
    weights: Weights = DEFAULT_WEIGHTS

    @model_validator(mode="after")
    def _unique_instruments(self) -> IncentiveMatrix:
        seen: set[str] = set()
        for index, instrument in enumerate(self.instruments):
            if instrument.id in seen:
                raise ValueError(f"instruments[{index}].id: duplicate id '{instrument.id}'")
            seen.add(instrument.id)
        return self

    def instrument(self, instrument_id: str) -> Instrument:
        """The instrument with this id."""
        return next(i for i in self.instruments if i.id == instrument_id)


