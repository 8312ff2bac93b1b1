"""Scores on rating scales: ranks, and where two ratings place something on a grid.

Pure functions over plain numbers; they know nothing of workshops.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["QUADRANTS", "competition_ranks", "quadrant"]

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

    An axis counts as high when its mean is above the middle of the scale (above 3 on 1–5):
    important and urgent → act now; important only → plan; urgent only → respond quickly;
    neither → monitor.

    >>> quadrant(4.5, 2)
    'plan'
    """
    middle = (scale[0] + scale[1]) / 2
    high_importance, high_urgency = importance > middle, urgency > middle
    if high_importance and high_urgency:
        return "act_now"
    if high_importance:
        return "plan"
    if high_urgency:
        return "respond_quickly"
    return "monitor"
