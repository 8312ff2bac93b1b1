"""Joins per device, to flag one device joining again and again.

A phone keeps who it is in a cookie, so opening the join link again returns the same
participant. Someone who wants several voices must clear it each time, or open private windows:
that shows as a burst of joins from one address on the hotspot, which the facilitator is told
about (the Run page), to look at the room and remove the extra participants if need be.
Addresses are kept in memory only, for the last few minutes, never stored or exported.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections import defaultdict, deque

__all__ = ["JoinLog", "BURST_JOINS", "BURST_WINDOW"]

BURST_JOINS = 3  # joins from one address within the window that make a burst
BURST_WINDOW = dt.timedelta(minutes=10)


class JoinLog:
    """The recent joins of each workshop, by the address they came from (thread-safe)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._joins: dict[str, dict[str, deque[dt.datetime]]] = defaultdict(
            lambda: defaultdict(deque))

    def record(self, code: str, address: str | None, now: dt.datetime) -> None:
        """A participant joined ``code`` from ``address`` (None when the server cannot tell)."""
        if address is None:
            return
        with self._lock:
            times = self._joins[code][address]
            times.append(now)
            self._forget_old(times, now)

    def bursts(self, code: str, now: dt.datetime) -> dict[str, int]:
        """The addresses that joined ``code`` at least ``BURST_JOINS`` times in the last
        ``BURST_WINDOW``, with how many times."""
        with self._lock:
            found = {}
            for address, times in self._joins[code].items():
                self._forget_old(times, now)
                if len(times) >= BURST_JOINS:
                    found[address] = len(times)
            return found

    @staticmethod
    def _forget_old(times: deque[dt.datetime], now: dt.datetime) -> None:
        while times and now - times[0] > BURST_WINDOW:
            times.popleft()
