"""Ranks and the importance × urgency grid (``engine.methods.scales``), on cases worked by hand.

Competition ranking ("1224"): an item's rank is one more than the number of items scoring
strictly higher, so tied items share the best rank of their run and the next rank is skipped.
The grid (guide 2.6) calls an axis high when its mean is strictly above the middle of the scale
(3 on 1–5).
"""

from __future__ import annotations

import doctest

import pytest

from engine.methods import scales
from engine.methods.scales import QUADRANTS, competition_ranks, quadrant


@pytest.mark.parametrize("scores, ranks", [
    ([5, 9, 5, 1], [2, 1, 2, 4]),             # two tied for second: nobody is third
    ([3, 2, 1], [1, 2, 3]),
    ([1, 2, 3], [3, 2, 1]),                   # ranks follow the scores, not the order given
    ([7, 7, 7], [1, 1, 1]),
    ([18.48, 10.4], [1, 2]),                  # the sample workshop's two actions
    ([0.5, 2, 2, 2, 0.5], [4, 1, 1, 1, 4]),
    ([-1, 0], [2, 1]),
    ([4], [1]),
    ([], []),
])
def test_competition_ranks(scores, ranks):
    assert competition_ranks(scores) == ranks


@pytest.mark.parametrize("importance, urgency, expected", [
    (4.2, 4.4, "act_now"),      # the sample workshop's mercury retorts
    (4.0, 2.6, "plan"),         # its training
    (2, 5, "respond_quickly"),
    (1, 1, "monitor"),
    (5, 5, "act_now"),
    (3.01, 3.01, "act_now"),
])
def test_quadrant_on_the_one_to_five_scale(importance, urgency, expected):
    assert quadrant(importance, urgency) == expected


@pytest.mark.parametrize("importance, urgency, expected", [
    (3, 3, "monitor"), (3, 4, "respond_quickly"), (4, 3, "plan")])
def test_a_mean_of_exactly_three_is_not_high(importance, urgency, expected):
    """The midpoint counts low today (an open issue will change this on purpose)."""
    assert quadrant(importance, urgency) == expected


def test_quadrant_on_another_scale_uses_its_own_middle():
    assert quadrant(6, 5, scale=(0, 10)) == "plan"          # middle 5: 6 is high, 5 is not
    assert quadrant(3, 3, scale=(0, 5)) == "act_now"        # middle 2.5


def test_every_quadrant_is_named_in_the_order_acted_on():
    found = [quadrant(i, u) for i, u in ((5, 5), (5, 1), (1, 5), (1, 1))]
    assert found == list(QUADRANTS) == ["act_now", "plan", "respond_quickly", "monitor"]


def test_the_docstring_examples_hold():
    result = doctest.testmod(scales)
    assert result.attempted == 2 and result.failed == 0
