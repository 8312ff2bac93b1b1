"""A small workshop built in code, with the awkward cases the exports must get right.

Three groups: women crushers (3 people), miners (2 people plus a proxy tally standing for 3) and
the district office (1 person, below the small-group threshold of 3, so never shown alone).
Two exercises: ``water-priorities`` (beans, 10 each; one woman changes her vote) and
``actions`` (importance × urgency). Built with ``factories``, then given real-looking labels.
An item's label and pictogram, the office's label and the workshop's place look like
spreadsheet formulas: they must stay text.

Hand-computed results (each participant's latest ballot):

- ``water-priorities``, person weighting, 9 voters, 90 beans: roads 34 (rank 1), water 29 (2),
  mercury 27 (3). Group weighting (mean of group shares): roads 1, mercury 2, water 3.
- ``actions``, person weighting, 5 voters: retort importance 4.2, urgency 4.4, score 18.48,
  act now (rank 1); training 4.0, 2.6, 10.4, plan (rank 2). Group weighting: training 1, retort 2.
"""

from __future__ import annotations

import pytest

from engine.model import Workshop, proxy_token

from factories import beans, matrix_exercise, ratings, tokens_exercise, workshop_data as file_data

FORMULA = {"label": '=HYPERLINK("http://x","y")', "pictogram": "=1+1", "group": "@SUM(A1:A3)",
           "place": "-2+3"}  # an item's label and pictogram, a group's label, the workshop's place
GROUPS = {"women": {"label": {"en": "Women crushers", "fr": "Femmes concasseuses"},
                    "hrba_role": "rights_holder"},
          "miners": {"label": {"en": "Miners", "fr": "Orpailleurs"}, "hrba_role": "rights_holder"},
          "office": {"label": {"en": FORMULA["group"]}, "hrba_role": "duty_bearer"}}
TITLES = {"water-priorities": {"en": "Water priorities", "fr": "Priorités eau"},
          "actions": {"en": "Actions"}}
ITEMS = {"water": {"label": {"en": "Clean water", "fr": "Eau potable"}, "pictogram": "💧"},
         "mercury": {"label": {"en": FORMULA["label"]}, "pictogram": FORMULA["pictogram"]},
         "roads": {"label": {"en": "Roads", "fr": "Routes"}},
         "training": {"label": {"en": "Training"}},
         "retort": {"label": {"en": "Mercury retorts"}}}


def _workshop_data() -> dict:
    """The sample workshop as file data."""
    proxy = proxy_token("miners")
    data = file_data(
        {"women": ["women-w1", "women-w2", "women-w3"], "miners": ["miner-m1", "miner-m2"],
         "office": ["office-o1"]},
        [tokens_exercise("water-priorities", ["water", "mercury", "roads"], [
            beans("women-w1", minute=1, water=6, mercury=4),
            beans("women-w2", minute=2, water=5, roads=5),
            beans("women-w3", minute=3, mercury=10),
            beans("miner-m1", minute=4, water=10),
            beans("miner-m2", minute=5, roads=10),
            beans(proxy, 3, minute=6, water=12, mercury=9, roads=9),
            beans("office-o1", minute=7, roads=10),
            beans("women-w1", minute=8, water=2, mercury=8)]),  # w1 changes her vote
         matrix_exercise("actions", ["training", "retort"], [
             ratings("women-w1", minute=20, training=(5, 4), retort=(2, 2)),
             ratings("miner-m1", minute=21, training=(3, 3), retort=(4, 5)),
             ratings(proxy, 3, minute=22, training=(4, 2), retort=(5, 5))])],
        proxies=("miners",), expected={"women": 6, "miners": 5, "office": 2}, code="KDG24")
    data.update(title="Kédougou water and mercury workshop", place=FORMULA["place"])
    for group in data["groups"]:
        group.update(GROUPS[group["id"]])
    for exercise in data["exercises"]:
        exercise["title"] = TITLES[exercise["id"]]
        for item in exercise["items"]:
            item.update(ITEMS[item["id"]])
    return data


@pytest.fixture
def formula() -> dict[str, str]:
    """The formula-looking texts in the sample workshop, by where they are."""
    return dict(FORMULA)


@pytest.fixture
def workshop_data() -> dict:
    """The sample workshop as file data: a fresh dict, safe to change or break in a test."""
    return _workshop_data()


@pytest.fixture
def workshop() -> Workshop:
    """The sample workshop, validated."""
    return Workshop.model_validate(_workshop_data())
