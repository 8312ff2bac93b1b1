"""A burst of joins from one device is flagged; joins spread out, or from several devices, are
not; addresses are forgotten after the window."""

from __future__ import annotations

import datetime as dt

from engine.core.joins import BURST_JOINS, BURST_WINDOW, JoinLog

START = dt.datetime(2026, 5, 20, 9, 0, tzinfo=dt.UTC)


def minutes(n: float) -> dt.datetime:
    return START + dt.timedelta(minutes=n)


def test_three_joins_from_one_device_in_ten_minutes_are_a_burst():
    log = JoinLog()
    for n in range(BURST_JOINS):
        log.record("KAHUZ", "192.168.137.23", minutes(n))
    log.record("KAHUZ", "192.168.137.40", minutes(1))
    assert log.bursts("KAHUZ", minutes(3)) == {"192.168.137.23": 3}
    assert log.bursts("PENDJ", minutes(3)) == {}  # per workshop


def test_joins_spread_over_more_than_the_window_are_not():
    log = JoinLog()
    for n in range(BURST_JOINS):
        log.record("KAHUZ", "192.168.137.23", minutes(n * 6))  # 0, 6, 12 min
    assert log.bursts("KAHUZ", minutes(12)) == {}


def test_a_burst_is_forgotten_once_the_window_has_passed():
    log = JoinLog()
    for n in range(BURST_JOINS):
        log.record("KAHUZ", "192.168.137.23", minutes(n))
    later = minutes(2) + BURST_WINDOW + dt.timedelta(seconds=1)
    assert log.bursts("KAHUZ", later) == {}


def test_an_unknown_address_is_not_counted():
    log = JoinLog()
    for n in range(BURST_JOINS + 2):
        log.record("KAHUZ", None, minutes(n))
    assert log.bursts("KAHUZ", minutes(5)) == {}
