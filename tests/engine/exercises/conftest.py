"""The hand-worked workshops of ``tests/engine/conftest.py`` and ``plans_workshop`` with a fourth
group, two elders.

In these workshops the office (one voter) is the only group below the small-group threshold of
3. Complementary suppression (``engine.core.suppression.hidden_groups``) then hides the next
smallest group too, the women (3 voters), or the office's result would be the room's minus the
other groups'. The tests whose point is "the small group hidden, the others side by side" use
these workshops instead: the elders (2 voters) are a second small group, the office and the
elders are hidden together (3 people in two groups), and the women and the miners are shown.
Each group's own results are those worked in ``tests/engine/conftest.py`` and
``plans_workshop``; only the room's overall results change (the elders' ballots count there).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.core.records import Ballot
from engine.core.workshop import Workshop
from engine.exercises.emp.plan import Ratings
from engine.exercises.lim.design import Scores
from factories import at, beans, joined, ranking, ratings, written
from plans_workshop import plans_workshop_data

ELDERS = ("elder-e1", "elder-e2")


def _elder_ballot(token: str, minute: int, answer: Scores | Ratings) -> dict:
    return Ballot(participant=token, cast_at=at(minute), answer=answer).model_dump(mode="json")


def with_elders(data: dict) -> Workshop:
    """``data`` with the elders, who voted in ``water-priorities`` (10 beans on water each),
    ``actions`` (training rated 3 and 3), ``order`` (water, roads, mercury), ``lim`` (zones
    scored 3, 3, 1, 1) and ``emp`` (asm:river rated ``-``)."""
    data["groups"].append({"id": "elders", "label": {"en": "Elders"}, "expected": 2})
    data["participants"] += [joined(token, "elders") for token in ELDERS]
    votes = {"water-priorities": [beans(e, minute=30, water=10) for e in ELDERS],
             "actions": [ratings(e, minute=31, training=(3, 3)) for e in ELDERS],
             "order": [ranking(e, "water", "roads", "mercury", minute=32) for e in ELDERS],
             "lim": [_elder_ballot(e, 33, Scores(scores={"zones": {
                 "leverage": 3, "effectiveness": 3, "risk_likelihood": 1, "risk_severity": 1}}))
                 for e in ELDERS],
             "emp": [_elder_ballot(e, 34, Ratings(ratings={"asm:river": "-"})) for e in ELDERS]}
    for exercise in data["exercises"]:
        exercise["ballots"] += votes.get(exercise["id"], [])
    return Workshop.model_validate(data)


@pytest.fixture
def elders_workshop(workshop_data) -> Workshop:
    """The sample workshop (beans, importance × urgency) with the elders."""
    return with_elders(workshop_data)


@pytest.fixture
def elders_methods_workshop(methods_workshop_data) -> Workshop:
    """The ranking, pairwise and matrix workshop with the elders (in ``order`` only)."""
    return with_elders(methods_workshop_data)


@pytest.fixture
def elders_methods_file(elders_methods_workshop, tmp_path) -> Path:
    """``elders_methods_workshop`` written as a workshop file."""
    return written(elders_methods_workshop, tmp_path / "methods-elders.json")


@pytest.fixture
def elders_plans_workshop() -> Workshop:
    """The LIM and EMP workshop of ``plans_workshop`` with the elders."""
    return with_elders(plans_workshop_data())


@pytest.fixture
def elders_plans_file(elders_plans_workshop, tmp_path) -> Path:
    """``elders_plans_workshop`` written as a workshop file."""
    return written(elders_plans_workshop, tmp_path / "plans-elders.json")
