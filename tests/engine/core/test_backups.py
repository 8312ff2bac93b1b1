"""Automatic copies: when they are made, where, which are kept, and putting one back."""

from __future__ import annotations

import datetime as dt
import os
import threading
from pathlib import Path

import pytest

from engine.core.backups import BACKUP_DIR_VARIABLE, Autosaver, Backups, backups_for, restore
from engine.core.file_format import dump_workshop, read_workshop
from engine.core.store import Store

from factories import at, beans, small_workshop, tokens_exercise

CODE = "TESTA"
NOON = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def minutes(count: float) -> dt.datetime:
    return NOON + dt.timedelta(minutes=count)


@pytest.fixture
def filled(sqlite_store) -> Store:
    """One workshop: ``beans`` open with a ballot, ``later`` a draft."""
    sqlite_store.import_workshop(small_workshop({"women": ["woman-1", "woman-2"]}, [
        tokens_exercise("beans", ["water", "roads"], [beans("woman-1", water=10)]),
        tokens_exercise("later", ["water", "roads"], status="draft")]))
    return sqlite_store


@pytest.fixture
def saver(filled, tmp_path) -> Autosaver:
    return Autosaver(filled, Backups(tmp_path / "autosave", tmp_path / "usb"))


def saved(saver: Autosaver, now: dt.datetime) -> list[tuple[str, str]]:
    """One round of the autosave: the (workshop, reason) of each copy made."""
    return [(s.backup.code, s.backup.reason) for s in saver.tick(now)]


def test_a_copy_every_five_minutes_while_voting_is_open_if_something_changed(saver, filled):
    assert saved(saver, minutes(0)) == [(CODE, "open")]
    assert saved(saver, minutes(4)) == []  # not yet five minutes
    assert saved(saver, minutes(6)) == []  # five minutes, but nothing new
    filled.cast(CODE, "beans", "woman-2", {"method": "tokens", "beans": {"roads": 10}}, at(1))
    assert saved(saver, minutes(7)) == [(CODE, "open")]
    assert saved(saver, minutes(9)) == []


def test_a_copy_when_an_exercise_closes(saver, filled):
    saved(saver, minutes(0))
    filled.set_status(CODE, "beans", "closed")
    assert saved(saver, minutes(1)) == [(CODE, "closed")]
    assert saved(saver, minutes(20)) == []  # nothing open: no copies on a timer
    filled.set_status(CODE, "later", "open")
    assert saved(saver, minutes(21)) == [(CODE, "open")]


def test_no_copy_of_a_workshop_where_nothing_is_open(filled, tmp_path):
    filled.set_status(CODE, "beans", "closed")
    saver = Autosaver(filled, Backups(tmp_path / "autosave"))
    assert saved(saver, minutes(0)) == []


def test_a_copy_is_a_workshop_file_named_by_code_time_and_reason(saver, filled, tmp_path):
    [copy] = saver.tick(minutes(0))
    name = f"{CODE}_2026-03-01_12-00-00Z_open.json"
    assert copy.backup.path == tmp_path / "autosave" / CODE / name
    assert copy.second_copy_failed is None
    assert read_workshop(copy.backup.path) == filled.load(CODE)
    second = tmp_path / "usb" / CODE / name
    assert second.read_bytes() == copy.backup.path.read_bytes()
    assert not list((tmp_path / "autosave").rglob("*.partial"))


def test_a_second_folder_that_fails_does_not_stop_the_copy_on_the_laptop(filled, tmp_path):
    stick = tmp_path / "usb"
    stick.write_text("not a folder: the stick was pulled out and a file took its name")
    saver = Autosaver(filled, Backups(tmp_path / "autosave", stick))
    [copy] = saver.tick(minutes(0))
    assert copy.backup.path.exists()
    assert copy.second_copy_failed  # the system's words, shown on the facilitator page


def test_an_app_started_again_does_not_copy_what_is_already_saved(filled, tmp_path):
    backups = Backups(tmp_path / "autosave")
    assert saved(Autosaver(filled, backups), minutes(0)) == [(CODE, "open")]
    assert saved(Autosaver(filled, backups), minutes(30)) == []


def test_old_copies_are_thinned_out(filled, tmp_path):
    """The 12 newest stay, then one an hour for two days, then one a day."""
    backups = Backups(tmp_path / "autosave")
    workshop = filled.load(CODE)
    start = NOON - dt.timedelta(days=4)
    for step in range(0, 4 * 24 * 12 + 1):  # every five minutes for four days
        backups.save(workshop, start + dt.timedelta(minutes=5 * step), "open")
    kept = backups.copies(CODE)
    newest = [copy.saved_at for copy in kept[:12]]
    assert newest == [NOON - dt.timedelta(minutes=5 * n) for n in range(12)]
    hourly = [copy.saved_at for copy in kept[12:]
              if NOON - copy.saved_at <= dt.timedelta(hours=48)]
    assert len(hourly) == len({t.strftime("%d %H") for t in hourly}) >= 46
    daily = [copy.saved_at for copy in kept if NOON - copy.saved_at > dt.timedelta(hours=48)]
    assert len(daily) == len({t.date() for t in daily}) == 3
    assert len(kept) <= 12 + 48 + 3


def test_restoring_puts_the_copy_back_and_saves_what_it_replaces(saver, filled):
    [copy] = saver.tick(minutes(0))
    filled.cast(CODE, "beans", "woman-2", {"method": "tokens", "beans": {"roads": 10}}, at(1))
    filled.delete(CODE)  # as if the store had lost it
    assert restore(filled, saver, copy.backup, minutes(1)) == filled.load(CODE)
    assert dump_workshop(filled.load(CODE)) == copy.backup.path.read_text(encoding="utf-8")

    filled.cast(CODE, "beans", "woman-2", {"method": "tokens", "beans": {"roads": 10}}, at(2))
    after_vote = dump_workshop(filled.load(CODE))
    restore(filled, saver, copy.backup, minutes(2))
    assert len(filled.load(CODE).exercise("beans").ballots) == 1
    before_restore = [c for c in saver.backups.copies(CODE) if c.reason == "before-restore"]
    assert [c.path.read_text(encoding="utf-8") for c in before_restore] == [after_vote]


def test_the_folders_are_beside_the_store_and_in_the_variable(tmp_path, monkeypatch):
    monkeypatch.delenv(BACKUP_DIR_VARIABLE, raising=False)
    (tmp_path / "data").mkdir()
    store = Store(f"sqlite:///{tmp_path / 'data' / 'workshops.sqlite3'}")
    assert backups_for(store).folder == tmp_path / "data" / "autosave"
    assert backups_for(store).second is None
    monkeypatch.setenv(BACKUP_DIR_VARIABLE, os.fspath(tmp_path / "stick"))
    assert backups_for(store).second == tmp_path / "stick"


def test_the_background_thread_saves_and_stops(saver):
    done = threading.Event()
    original = saver.tick

    def tick(now):
        found = original(now)
        done.set()
        return found

    saver.tick = tick
    saver.start(every=0.01, clock=lambda: NOON)
    assert done.wait(30)
    saver.stop()
    assert saver.last[CODE].backup.reason == "open"


def test_the_second_folder_is_documented():
    hotspot = (Path(__file__).resolve().parents[3] / "docs" / "hotspot.md").read_text(
        encoding="utf-8")
    assert f"set {BACKUP_DIR_VARIABLE}=" in hotspot and "Restore a copy" in hotspot
