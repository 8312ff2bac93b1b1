"""The stakeholder network map's design and answers: actors, links, and the influence scores
phones send (Net-Map; guide 1.1, 2.2, 3.3). The analyses are ``engine.methods.network``'s."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, model_validator

from engine.core.records import Strict
from engine.core.types import Id, Labels, Note
from engine.methods.network import INFLUENCE, Layer, Sign

__all__ = ["ACTOR_KINDS", "STARTER_ACTORS", "Actor", "Link", "NetworkMap", "Influence",
           "MapProposal", "Score", "with_proposal"]

ACTOR_KINDS = ("miners", "processors", "traders", "exporters", "customary", "local_government",
               "national_government", "environment_agency", "protected_area",
               "large_scale_mining", "farmers_herders", "cso", "community", "other")


def _not_a_bool(value: object) -> object:
    """A tick is not a score: ``true`` would otherwise be read as 1."""
    if isinstance(value, bool):
        raise ValueError("a score is a whole number from 0 to 5, not true or false")
    return value


Score = Annotated[int, BeforeValidator(_not_a_bool), Field(ge=INFLUENCE[0], le=INFLUENCE[1])]


class Actor(Strict):
    """One card on the Net-Map: who it is, its HRBA role, and what participants said about it.

    ``influence`` is the height of its influence tower (0–5). ``interest`` (0–5) places it on the
    Mendelow grid with ``influence`` as power. ``power``, ``legitimacy`` and ``urgency`` are the
    three Mitchell–Agle–Wood attributes, ticked or not; ``None`` means nobody assessed it.
    """

    id: Id
    label: Labels
    kind: Literal["miners", "processors", "traders", "exporters", "customary", "local_government",
                  "national_government", "environment_agency", "protected_area",
                  "large_scale_mining", "farmers_herders", "cso", "community", "other"] = "other"
    hrba_role: Literal["rights_holder", "duty_bearer", "other"] = "other"
    influence: Score | None = None
    interest: Score | None = None
    power: bool | None = None
    legitimacy: bool | None = None
    urgency: bool | None = None
    goal: Note = Field("", description="The actor's goal or stance on the map's question.")


class Link(Strict):
    """One arrow (a flow layer, ``source`` → ``target``) or one line (``relationship``, signed)."""

    source: Id
    target: Id
    layer: Layer
    sign: Sign | None = Field(None, description="Relationship links only: conflict, neutral or "
                                                "synergy.")
    note: Note = ""


class NetworkMap(Strict):
    """A whole Net-Map: its question, its actors and its links.

    A map that validates has unique actor ids, labels no two actors share (case-insensitively,
    language by language), links only between two different known actors, a sign on exactly the
    relationship links, and no link twice (a relationship link is the same whichever way round).
    """

    question: Labels
    actors: list[Actor] = []
    links: list[Link] = []

    @model_validator(mode="after")
    def _consistent(self) -> NetworkMap:
        """Every reference points at an actor; nothing is there twice."""
        ids: dict[str, int] = {}
        labels: dict[tuple[str, str], int] = {}
        for index, actor in enumerate(self.actors):
            if actor.id in ids:
                raise ValueError(f"actors[{index}].id: duplicate id '{actor.id}' "
                                 f"(as actors[{ids[actor.id]}])")
            ids[actor.id] = index
            for lang, text in actor.label.items():
                key = (lang, text.casefold())
                if key in labels:
                    raise ValueError(f"actors[{index}].label.{lang}: duplicate label '{text}' "
                                     f"(as actors[{labels[key]}])")
                labels[key] = index
        seen: dict[tuple[str, str, str], int] = {}
        for index, link in enumerate(self.links):
            where = f"links[{index}]"
            for end in ("source", "target"):
                if getattr(link, end) not in ids:
                    raise ValueError(f"{where}.{end}: unknown actor '{getattr(link, end)}'")
            if link.source == link.target:
                raise ValueError(f"{where}.target: '{link.target}' is also the source "
                                 "(an actor cannot link to itself)")
            if link.layer == "relationship" and link.sign is None:
                raise ValueError(f"{where}.sign: a relationship link needs a sign "
                                 "(conflict, neutral or synergy)")
            if link.layer != "relationship" and link.sign is not None:
                article = "an" if link.layer[0] in "aeiou" else "a"
                raise ValueError(f"{where}.sign: {article} {link.layer} link has no sign "
                                 "(only relationship links do)")
            link_key = _link_key(link)
            if link_key in seen:
                raise ValueError(f"{where}: duplicate of links[{seen[link_key]}] "
                                 f"({_link_text(link)})")
            seen[link_key] = index
        return self

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id."""
        return next(actor for actor in self.actors if actor.id == actor_id)


def _link_key(link: Link) -> tuple[str, str, str]:
    """What makes a link the same link: its layer and ends (either way round for relationships)."""
    if link.layer == "relationship":
        first, second = sorted((link.source, link.target))
        return (link.layer, first, second)
    return (link.layer, link.source, link.target)


def _link_text(link: Link) -> str:
    arrow = "–" if link.layer == "relationship" else "→"
    return f"'{link.source}' {arrow} '{link.target}', {link.layer}"


def _starter(actor_id: str, en: str, fr: str, kind: str, role: str) -> Actor:
    return Actor.model_validate({"id": actor_id, "label": {"en": en, "fr": fr}, "kind": kind,
                                 "hrba_role": role})


#: The actors the guide names (sections 1.1, 2.2, 2.3, 3.3), to start a map from. The state
#: agencies are the duty bearers (guide 2.1.1: "duty bearers (state authorities)"); diggers,
#: crushers, farmers, herders and nearby communities are rights holders; everyone else (chiefs,
#: traders, companies, CSOs) is ``other``, which a workshop may change.
STARTER_ACTORS: tuple[Actor, ...] = tuple(_starter(*row) for row in (
    ("diggers", "Diggers (artisanal miners)", "Orpailleurs (creuseurs)", "miners", "rights_holder"),
    ("women-crushers", "Women crushers", "Femmes concasseuses", "processors", "rights_holder"),
    ("buyers", "Buyers (traders)", "Acheteurs (collecteurs)", "traders", "other"),
    ("exporters", "Exporters", "Exportateurs (comptoirs)", "exporters", "other"),
    ("chiefs", "Customary chiefs", "Chefs coutumiers", "customary", "other"),
    ("local-government", "Local government", "Collectivité territoriale", "local_government",
     "duty_bearer"),
    ("mining-administration", "Mining administration", "Administration des mines",
     "national_government", "duty_bearer"),
    ("forestry-agency", "Forestry agency", "Service des eaux et forêts", "environment_agency",
     "duty_bearer"),
    ("protected-area", "Protected-area managers", "Gestionnaires de l'aire protégée",
     "protected_area", "duty_bearer"),
    ("large-scale-miners", "Large-scale mining company", "Société minière industrielle",
     "large_scale_mining", "other"),
    ("farmers-herders", "Farmers and herders", "Agriculteurs et éleveurs", "farmers_herders",
     "rights_holder"),
    ("community", "Nearby communities", "Communautés riveraines", "community", "rights_holder"),
    ("cso", "Civil society organisations", "Organisations de la société civile", "cso", "other"),
))


class Influence(Strict):
    """A map's ballot: a participant's Net-Map influence towers, 0 (none) … 5 per actor. Each
    participant's latest score for each actor counts."""

    influence: Annotated[dict[Id, Score], Field(min_length=1)]


class MapProposal(Strict):
    """An actor or a link a participant proposed for the map: exactly one of the two."""

    actor: Actor | None = None
    link: Link | None = None

    @model_validator(mode="after")
    def _one_thing(self) -> MapProposal:
        if (self.actor is None) == (self.link is None):
            raise ValueError("a proposal is either an actor or a link")
        return self


def with_proposal(network: NetworkMap, proposal: MapProposal) -> NetworkMap:
    """The map with the proposal's actor or link added, validated as a whole."""
    grown: dict[str, Any] = network.model_dump()
    if proposal.actor is not None:
        grown["actors"].append(proposal.actor.model_dump())
    elif proposal.link is not None:
        grown["links"].append(proposal.link.model_dump())
    return NetworkMap.model_validate(grown)
