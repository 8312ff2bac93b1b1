"""The stakeholder map's set-up tables: actors and links as rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from engine.core.setup import label_columns, models_from_rows, setup_error
from engine.exercises.network.design import Actor, Link, NetworkMap

__all__ = ["ACTOR_FIELDS", "LINK_FIELDS", "actor_rows", "link_rows", "network_from_rows"]

Row = Mapping[str, Any]

ACTOR_FIELDS = ("kind", "hrba_role", "influence", "interest", "power", "legitimacy", "urgency",
                "goal")
LINK_FIELDS = ("source", "target", "layer", "sign", "note")


def actor_rows(actors: Sequence[Actor]) -> list[dict[str, Any]]:
    """Stakeholder-map actors as table rows: id, labels, then every other field."""
    return [{"id": a.id, **label_columns(a.label),
             **{field: getattr(a, field) for field in ACTOR_FIELDS}} for a in actors]


def link_rows(network: NetworkMap | None) -> list[dict[str, Any]]:
    """A stakeholder map's links as table rows."""
    links = network.links if network else []
    return [{field: getattr(link, field) for field in LINK_FIELDS} for link in links]


def network_from_rows(question: Mapping[str, str], actors: Sequence[Row], links: Sequence[Row]
                      ) -> NetworkMap:
    """A validated stakeholder map from the set-up tables; a bad row raises ``SetupError``
    naming the table, the row and the column (``links row 3.target: unknown actor 'x'``)."""
    actor_models = models_from_rows(Actor, actors, "actors", extra=ACTOR_FIELDS, pictogram=False)
    link_models = models_from_rows(Link, links, "links", extra=LINK_FIELDS, pictogram=False,
                                    labelled=False)
    try:
        return NetworkMap(question=dict(question), actors=actor_models, links=link_models)
    except ValidationError as error:
        raise setup_error(error) from None
