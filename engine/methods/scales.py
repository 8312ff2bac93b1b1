"""Scores on rating scales: ranks, the points a scale offers, and where two ratings place
something on a grid.

Pure functions over plain numbers; they know nothing of workshops.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

__all__ = ["QUADRANTS", "competition_ranks", "quadrant", "scale_points", "on_scale"]

#: The four quadrants of the importance × urgency grid (guide 2.6), in the order acted on.
QUADRANTS = ("act_now", "plan", "respond_quickly", "monitor")


def competition_ranks(scores: Sequence[float]) -> list[int]:
    """Standard competition ranking ("1224") of scores, highest first.

    >>> competition_ranks([5, 9, 5, 1])
    [2, 1, 2, 4]
    """
    return [1 + sum(other > score for other in scores) for score in scores]


def quadrant(importance: float, urgency: float, scale: tuple[int, int] = (1, 5)) -> str:
    """Which quadrant of the importance × urgency grid a pair of means falls in.

    An axis counts as high when its mean is at or above the middle of the scale (3 or more on
    1–5): important and urgent → act now; important only → plan; urgent only → respond quickly;
    neither → monitor. The middle itself counts as high, as a precaution: an item the room rated
    3 for urgency is not one to leave for later (guide 2.6 asks to act on what matters "in terms
    of importance and urgency", and the EMP sends a tie towards harm, ``calls_for_risk``).

    >>> quadrant(4.5, 2), quadrant(3, 3)
    ('plan', 'act_now')
    """
    middle = (scale[0] + scale[1]) / 2
    high_importance, high_urgency = importance >= middle, urgency >= middle
    if high_importance and high_urgency:
        return "act_now"
    if high_importance:
        return "plan"
    if high_urgency:
        return "respond_quickly"
    return "monitor"


def scale_points(minimum: float, maximum: float, step: float) -> list[float]:
    """Every score a scale allows, lowest first: ``minimum``, ``minimum + step``, … ``maximum``.

    Whole points come back as ``int`` (a phone shows 3, not 3.0). ``step`` must divide the
    range: a scale 0–5 in halves has 11 points.

    >>> scale_points(0, 5, 1)
    [0, 1, 2, 3, 4, 5]
    >>> scale_points(1, 3, 0.5)
    [1, 1.5, 2, 2.5, 3]
    """
    low, high, size = Fraction(minimum), Fraction(maximum), Fraction(step)
    if size <= 0 or high < low or (high - low) % size:
        raise ValueError(f"a scale {minimum}–{maximum} cannot go in steps of {step}")
    count = int((high - low) / size)
    points = (low + size * i for i in range(count + 1))
    return [int(p) if p.denominator == 1 else float(p) for p in points]


def on_scale(value: float, minimum: float, maximum: float, step: float) -> bool:
    """Whether ``value`` is one of ``scale_points(minimum, maximum, step)``.

    Exact arithmetic: 2.5 is on a scale in halves, 2.4 is not, whatever the binary rounding.

    >>> on_scale(2.5, 0, 5, 0.5), on_scale(2.5, 0, 5, 1), on_scale(6, 0, 5, 1)
    (True, False, False)
    """
    exact = Fraction(value)
    low = Fraction(minimum)
    return low <= exact <= Fraction(maximum) and (exact - low) % Fraction(step) == 0
