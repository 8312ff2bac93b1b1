"""A small stakeholder map worked by hand, in a workshop, for the map's tests.

Diggers sell gold to a buyer who sells it to an exporter; the buyer pays the diggers; the mining
administration licenses the buyer and informs the chief; the chief and the diggers get on
(synergy), herders and diggers are in conflict, and the herders have no other link, so they are
a rights holder with no channel to a duty bearer.

The workshop (``map_workshop_data``) has two groups (women, miners), a bean exercise ``beans``
and then the map, exercise ``gold-map``, open to phones, with no influence scores yet.
"""

from __future__ import annotations

import copy

from factories import beans, tokens_exercise, workshop_data

MAP_ID = "gold-map"
ACTORS = [
    {"id": "diggers", "label": {"en": "Diggers", "fr": "Orpailleurs"}, "kind": "miners",
     "hrba_role": "rights_holder", "influence": 1, "interest": 5, "legitimacy": True,
     "urgency": True},
    {"id": "buyer", "label": {"en": "Gold buyer", "fr": "Acheteur d'or"}, "kind": "traders",
     "influence": 4, "interest": 4, "power": True},
    {"id": "exporter", "label": {"en": "Exporter", "fr": "Comptoir"}, "kind": "exporters",
     "influence": 5, "interest": 1, "power": True},
    {"id": "mines", "label": {"en": "Mining administration", "fr": "Administration des mines"},
     "kind": "national_government", "hrba_role": "duty_bearer", "influence": 4, "interest": 2,
     "power": True, "legitimacy": True},
    {"id": "chief", "label": {"en": "Chief", "fr": "Chef"}, "kind": "customary",
     "influence": 3, "interest": 3, "power": True, "legitimacy": True},
    {"id": "herders", "label": {"en": "Herders", "fr": "Éleveurs"}, "kind": "farmers_herders",
     "hrba_role": "rights_holder", "influence": 1, "interest": 2, "urgency": True},
]
LINKS = [
    {"source": "diggers", "target": "buyer", "layer": "mineral"},
    {"source": "buyer", "target": "exporter", "layer": "mineral"},
    {"source": "buyer", "target": "diggers", "layer": "money", "note": "cash at the pit"},
    {"source": "mines", "target": "buyer", "layer": "authority"},
    {"source": "mines", "target": "chief", "layer": "information"},
    {"source": "chief", "target": "diggers", "layer": "relationship", "sign": "synergy"},
    {"source": "herders", "target": "diggers", "layer": "relationship", "sign": "conflict"},
]
NETWORK = {"question": {"en": "Who shapes the gold trade?",
                        "fr": "Qui façonne le commerce de l'or ?"},
           "actors": ACTORS, "links": LINKS}


def map_exercise(design: dict, ballots: list[dict] = (), *, exercise_id: str = MAP_ID,
                 status: str = "open") -> dict:
    """A stakeholder map as file data (format 2): its design and the phones' influence scores."""
    return {"id": exercise_id, "kind": "network", "status": status,
            "design": copy.deepcopy(design), "ballots": list(ballots), "shown": []}


def influence(token: str, **scores: int) -> dict:
    """A phone's influence ballot: ``influence("woman-1", chief=4)``."""
    return {"participant": token, "cast_at": "2026-03-01T10:00:00Z", "voters": 1,
            "answer": {"influence": scores}}


def map_workshop_data() -> dict:
    """The worked map's workshop as file data: a fresh dict, safe to change."""
    return workshop_data({"women": ["woman-1"], "miners": ["miner-1"]},
                         [tokens_exercise("beans", ["water", "roads"],
                                          [beans("woman-1", minute=1, water=10)]),
                          map_exercise(NETWORK)])
