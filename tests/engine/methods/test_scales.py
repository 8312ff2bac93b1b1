"""Ranks, the points of a scale and the importance × urgency grid (``engine.methods.scales``),
on cases worked by hand.

Competition ranking ("1224"): an item's rank is one more than the number of items scoring
strictly higher, so tied items share the best rank of their run and the next rank is skipped.
The grid (guide 2.6) calls an axis high when its mean is at or above the middle of the scale
(3 or more on 1–5): the middle counts as high.
"""

from __future__ import annotations

import doctest

import pytest

from engine.methods import scales
from engine.methods.scales import QUADRANTS, competition_ranks, on_scale, quadrant, scale_points


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
    (3, 3, "act_now"), (3, 2.99, "plan"), (2.99, 3, "respond_quickly"), (2.99, 2.99, "monitor"),
    (3, 4, "act_now"), (4, 3, "act_now")])
def test_a_mean_of_exactly_three_is_high(importance, urgency, expected):
    """The midpoint counts as high (issue 13): an item the room rated 3/3 is not "monitor"."""
    assert quadrant(importance, urgency) == expected


def test_quadrant_on_another_scale_uses_its_own_middle():
    assert quadrant(6, 4.9, scale=(0, 10)) == "plan"        # middle 5: 6 is high, 4.9 is not
    assert quadrant(5, 5, scale=(0, 10)) == "act_now"       # the middle itself is high
    assert quadrant(2.5, 2.4, scale=(0, 5)) == "plan"       # middle 2.5


@pytest.mark.parametrize("low, high, step, points", [
    (0, 5, 1, [0, 1, 2, 3, 4, 5]),                    # today's matrix scale
    (1, 3, 1, [1, 2, 3]),                             # the PRA 1–3 scale
    (0, 10, 1, list(range(11))),                      # ten stones
    (0, 2, 0.5, [0, 0.5, 1, 1.5, 2]),
])
def test_scale_points_list_every_allowed_score(low, high, step, points):
    found = scale_points(low, high, step)
    assert found == points
    assert [type(p) for p in found] == [int if float(p).is_integer() else float for p in points]


@pytest.mark.parametrize("value, allowed", [
    (0, True), (5, True), (2.5, True), (-0.5, False), (5.5, False), (2.4, False), (0.1, False)])
def test_on_scale_in_halves(value, allowed):
    assert on_scale(value, 0, 5, 0.5) is allowed
    assert on_scale(value, 0, 5, 1) is (allowed and float(value).is_integer())


@pytest.mark.parametrize("low, high, step", [(0, 5, 0), (5, 0, 1), (0, 5, 2)])
def test_a_scale_that_cannot_be_stepped_is_refused(low, high, step):
    with pytest.raises(ValueError, match="cannot go in steps"):
        scale_points(low, high, step)


def test_every_quadrant_is_named_in_the_order_acted_on():
    found = [quadrant(i, u) for i, u in ((5, 5), (5, 1), (1, 5), (1, 1))]
    assert found == list(QUADRANTS) == ["act_now", "plan", "respond_quickly", "monitor"]


def test_the_docstring_examples_hold():
    result = doctest.testmod(scales)
    assert result.attempted == 5 and result.failed == 0
