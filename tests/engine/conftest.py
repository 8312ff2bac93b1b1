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

``methods_workshop`` is a second workshop, for the ranking, pairwise and matrix methods: women
(w1–w3), miners (m1–m3) and the office (o1, below the threshold of 3). Worked by hand:

- ``order`` (ranking; ``mercury`` proposed by the women, its label a formula; custom weight 2
  for the women). Ballots (best first): w1 water roads mercury; w2 water mercury roads; w3 roads
  water mercury; m1 roads mercury water; m2 roads water mercury; m3 mercury roads water; o1 water
  roads mercury. Borda (2, 1, 0 points), person: roads 9 (rank 1), water 8 (2), mercury 4 (3).
  Custom (the office, 1 voter, is hidden, and so are the women, the next smallest: the two
  pooled, a voter of the pool weighs (2 + 1)/4 = 3/4, a miner 1/3): water 21/4 + 1/3 = 67/12
  (1), roads 14/3 (2), mercury 7/4 (3). Copeland and Schulze, person: roads 2, water 1,
  mercury 0. Pairwise matrix, person: water over roads 3, roads over water 4, water over mercury
  5, mercury over water 2, roads over mercury 5, mercury over roads 2. Kendall's W over the 7
  voters: rank sums 13, 12, 17 → S = 14, W = 12·14 / (7²·(3³ − 3)) = 1/7, χ² = 2, df = 2,
  p = e⁻¹ (very weak). Women alone: water 1, roads 2, mercury 3, W = 4/9; miners alone: roads 1,
  mercury 2, water 3, W = 4/9. Women vs miners: τ_b = −1/3, ρ = −1/2, water 1 vs 3 most apart.
- ``pairs`` (pairwise, latest answer per participant and pair): w1 chose water over roads, then
  changed to roads; w1 water over mercury; w2 mercury over roads; w3 water over roads; m1 water
  over mercury; m2 water over roads; m3 roads over mercury. Wins, person: water 4, roads 2,
  mercury 1.
- ``scores`` (matrix; criteria impact, weight 2, and cost, weight 1, lower is better; a pending
  proposal ``fence`` from the office): w1 water impact 5 cost 2, roads 3 and 4; m1 water 3 and
  4, roads 4 and 1. Means: water impact 4, cost 3, total (2·4 + (5 − 3)) / 3 = 10/3 (rank 1);
  roads impact 3.5, cost 2.5, total (2·3.5 + 2.5) / 3 = 19/6 (rank 2). Every group is below
  the threshold here: none is shown.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, delete, text
from sqlalchemy.exc import OperationalError

from engine.core.records import proxy_token
from engine.core.store import Store, metadata
from engine.core.workshop import Workshop

from factories import (beans, choice, matrix_exercise, pairwise_exercise, ranking,
                       ranking_exercise, ratings, scores, scoring_exercise, tokens_exercise,
                       workshop_data as file_data, written)

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
        for item in exercise["design"]["items"]:
            item.update(ITEMS[item["id"]])
    return data


PROPOSED = {"label": "=SUM(1,2)", "pending": "+fence"}  # participants' proposals
METHOD_ITEMS = {"water": ITEMS["water"], "roads": ITEMS["roads"],
                "mercury": {"label": {"en": PROPOSED["label"]}, "proposed_by": "women"},
                "impact": {"label": {"en": "Health impact", "fr": "Impact sur la santé"}},
                "cost": {"label": {"en": "Cost", "fr": "Coût"}}}


def _methods_workshop_data() -> dict:
    """The ranking, pairwise and matrix workshop as file data (see the module docstring)."""
    data = file_data(
        {"women": ["women-w1", "women-w2", "women-w3"],
         "miners": ["miner-m1", "miner-m2", "miner-m3"], "office": ["office-o1"]},
        [ranking_exercise("order", ["water", "roads", "mercury"], [
            ranking("women-w1", "water", "roads", "mercury", minute=1),
            ranking("women-w2", "water", "mercury", "roads", minute=2),
            ranking("women-w3", "roads", "water", "mercury", minute=3),
            ranking("miner-m1", "roads", "mercury", "water", minute=4),
            ranking("miner-m2", "roads", "water", "mercury", minute=5),
            ranking("miner-m3", "mercury", "roads", "water", minute=6),
            ranking("office-o1", "water", "roads", "mercury", minute=7)],
            group_weights={"women": 2}),
         pairwise_exercise("pairs", ["water", "roads", "mercury"], [
             choice("women-w1", "water", "roads", "water", minute=10),
             choice("women-w1", "water", "mercury", "water", minute=11),
             choice("women-w2", "roads", "mercury", "mercury", minute=12),
             choice("women-w3", "water", "roads", "water", minute=13),
             choice("miner-m1", "mercury", "water", "water", minute=14),
             choice("miner-m2", "roads", "water", "water", minute=15),
             choice("miner-m3", "roads", "mercury", "roads", minute=16),
             choice("women-w1", "roads", "water", "roads", minute=17)]),  # w1 changes her mind
         scoring_exercise("scores", ["water", "roads", "fence"],
                          [{"id": "impact", "weight": 2},
                           {"id": "cost", "weight": 1, "lower_is_better": True}], [
             scores("women-w1", water={"impact": 5, "cost": 2}, roads={"impact": 3, "cost": 4}),
             scores("miner-m1", water={"impact": 3, "cost": 4}, roads={"impact": 4, "cost": 1})])],
        code="MTHD3")
    for group in data["groups"]:
        group.update(GROUPS[group["id"]])
    for exercise in data["exercises"]:
        for item in exercise["design"]["items"]:
            item.update(METHOD_ITEMS.get(item["id"], {}))
        for criterion in exercise["design"].get("criteria", []):
            criterion["label"] = METHOD_ITEMS[criterion["id"]]["label"]
    scoring = data["exercises"][2]
    fence = scoring["design"]["items"].pop(2)  # still a proposal, waiting for approval
    scoring["proposals"] = [{"id": fence["id"], "proposed_by": "office",
                             "proposed_at": "2026-03-01T09:30:00Z",
                             "payload": {"item": {**fence, "label": {"en": PROPOSED["pending"]}}}}]
    return data


@pytest.fixture
def proposed() -> dict[str, str]:
    """The formula-looking labels participants proposed in the methods workshop."""
    return dict(PROPOSED)


@pytest.fixture
def methods_workshop_data() -> dict:
    """The ranking, pairwise and matrix workshop as file data: a fresh dict."""
    return _methods_workshop_data()


@pytest.fixture
def methods_workshop() -> Workshop:
    """The ranking, pairwise and matrix workshop, validated."""
    return Workshop.model_validate(_methods_workshop_data())


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


@pytest.fixture
def workshop_file(workshop, tmp_path) -> Path:
    """The sample workshop written as a workshop file."""
    return written(workshop, tmp_path / "workshop.json")


@pytest.fixture
def methods_file(methods_workshop, tmp_path) -> Path:
    """The ranking, pairwise and matrix workshop written as a workshop file."""
    return written(methods_workshop, tmp_path / "methods.json")


# ---- the store, on each backend ------------------------------------------------------------

PG_URL = os.environ.get("ASM_TEST_POSTGRES_URL",
                        "postgresql+psycopg://postgres@127.0.0.1:5432/test")
TABLES = tuple(metadata.sorted_tables)  # every table, emptied between PostgreSQL tests


def _sqlite_store(tmp_path: Path):
    store = Store(f"sqlite:///{tmp_path / 'workshops.sqlite3'}")
    yield store
    store.engine.dispose()


@pytest.fixture(scope="module")
def postgresql_store():
    """One store in a fresh PostgreSQL schema for this module (dropped at the end), since creating
    the tables takes a third of a second; ``store`` empties every table around each test."""
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(PG_URL)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except OperationalError as error:
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {PG_URL}: {error.orig}")
    store = Store(f"{PG_URL}?options=-csearch_path%3D{schema}")
    try:
        yield store
    finally:
        store.engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def _emptied(store: Store) -> Store:
    with store.engine.begin() as conn:
        for table in TABLES:
            conn.execute(delete(table))
    return store


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """An empty store, on each backend."""
    if request.param == "sqlite":
        yield from _sqlite_store(tmp_path)
    else:
        shared = request.getfixturevalue("postgresql_store")
        yield _emptied(shared)
        _emptied(shared)


@pytest.fixture
def sqlite_store(tmp_path):
    """An empty SQLite store only (the concurrency test is about SQLite's locking)."""
    yield from _sqlite_store(tmp_path)
