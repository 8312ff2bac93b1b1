"""Automatic copies of every workshop as a workshop file, so that nothing is lost if the laptop
fails: saved when an exercise closes and every few minutes while voting is open, kept in a
folder next to the store and, if ``$ASM_BACKUP_DIR`` names one, in a second folder (a USB
stick), with old copies thinned out.

A copy is an ordinary workshop file (``engine.core.file_format``): the facilitator page restores
one, the Import tab of another laptop opens it, and ``python -m engine`` reads it. Its name says
which workshop, when (UTC) and why: ``KAHUZ/KAHUZ_2026-05-20_09-35-00Z_open.json``.

``Autosaver.tick`` decides what to save from the exercises' statuses (one small query); the
app calls it from one background thread every few seconds, so no page run pays for it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import os
import re
import shutil
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy.engine import make_url

from engine.core.errors import NotFoundError
from engine.core.file_format import dump_workshop, read_workshop
from engine.core.store import Store, data_folder
from engine.core.workshop import Workshop

__all__ = ["BACKUP_DIR_VARIABLE", "PERIOD", "Reason", "Backup", "Saved", "Backups", "Autosaver",
           "backups_for", "restore"]

BACKUP_DIR_VARIABLE = "ASM_BACKUP_DIR"
PERIOD = 300.0  # seconds between copies while voting is open
KEEP_NEWEST = 12  # every copy of the last hour, at one every five minutes
HOURLY_FOR = dt.timedelta(hours=48)  # then one an hour for two days, then one a day
#: Why a copy was made: an exercise closed; voting is open (every ``PERIOD``); the workshop as
#: it was just before a restore replaced it.
Reason = Literal["closed", "open", "before-restore"]
_NAME = re.compile(r"^([A-Z0-9]{4,8})_(\d{4}-\d\d-\d\d_\d\d-\d\d-\d\d)Z_([a-z-]+)\.json$")
_TIME_FORMAT = "%Y-%m-%d_%H-%M-%S"
_log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Backup:
    """One saved copy of a workshop."""

    code: str
    saved_at: dt.datetime
    reason: str
    path: Path


@dataclass(frozen=True)
class Saved:
    """What one save did: the copy on the laptop, and why the second folder has none (the
    system's words), if it was asked for one and the copy failed."""

    backup: Backup
    second_copy_failed: str | None = None


class Backups:
    """The copies of every workshop: in ``folder``, one sub-folder per workshop, and the same
    in ``second`` if given."""

    def __init__(self, folder: Path, second: Path | None = None) -> None:
        self.folder, self.second = Path(folder), Path(second) if second else None

    def save(self, workshop: Workshop, now: dt.datetime, reason: Reason) -> Saved:
        """Write a copy of ``workshop`` (and into the second folder), then thin out the old
        ones. A copy is written whole or not at all: to a temporary file first, then renamed."""
        text = dump_workshop(workshop).encode("utf-8")
        stamp = now.astimezone(dt.UTC).replace(microsecond=0)
        name = f"{workshop.code}_{stamp.strftime(_TIME_FORMAT)}Z_{reason}.json"
        path = _write(self.folder / workshop.code / name, text)
        self.prune(self.folder, workshop.code, now)
        failed = None
        if self.second is not None:
            try:
                _write(self.second / workshop.code / name, text)
                self.prune(self.second, workshop.code, now)
            except OSError as error:  # the stick was pulled out, is full, is read-only…
                failed = error.strerror or str(error)
        return Saved(Backup(workshop.code, stamp, reason, path), failed)

    def copies(self, code: str | None = None) -> list[Backup]:
        """The copies in the laptop's folder (of one workshop, or of all), newest first."""
        return _listed(self.folder, code)

    def forget(self, code: str) -> None:
        """Delete every copy of a workshop, in both folders (the second one if it is there):
        a workshop deleted from the laptop is deleted for good."""
        for folder in (self.folder, self.second):
            if folder is not None:
                shutil.rmtree(folder / code, ignore_errors=True)

    def read(self, backup: Backup) -> Workshop:
        """The workshop a copy holds, validated as any workshop file is."""
        return read_workshop(backup.path)

    @staticmethod
    def prune(folder: Path, code: str, now: dt.datetime) -> None:
        """Keep the ``KEEP_NEWEST`` newest copies of the workshop, then the newest of each hour
        for ``HOURLY_FOR``, then the newest of each day; delete the rest."""
        kept: set[str] = set()
        for number, backup in enumerate(_listed(folder, code)):
            age = now - backup.saved_at
            bucket = (str(number) if number < KEEP_NEWEST
                      else backup.saved_at.strftime("%Y-%m-%d %H" if age <= HOURLY_FOR
                                                    else "%Y-%m-%d"))
            if bucket in kept:
                backup.path.unlink(missing_ok=True)
            kept.add(bucket)


def _write(path: Path, text: bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.partial")
    with open(partial, "wb") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())  # on disk before it takes the copy's name: power cuts happen
    os.replace(partial, path)
    return path


def _listed(folder: Path, code: str | None) -> list[Backup]:
    found = []
    for path in (folder / code).glob("*.json") if code else folder.glob("*/*.json"):
        match = _NAME.match(path.name)
        if match:
            saved_at = dt.datetime.strptime(match[2], _TIME_FORMAT).replace(tzinfo=dt.UTC)
            found.append(Backup(match[1], saved_at, match[3], path))
    return sorted(found, key=lambda backup: (backup.saved_at, backup.path.name), reverse=True)


def backups_for(store: Store) -> Backups:
    """The copies of ``store``'s workshops: in an ``autosave`` folder beside its SQLite file (in
    the app's data folder for another database), and in ``$ASM_BACKUP_DIR`` if it is set."""
    url = make_url(store.url)
    database = url.database if url.get_backend_name() == "sqlite" else None
    beside = (Path(database).resolve().parent if database and database != ":memory:"
              else data_folder())
    second = os.environ.get(BACKUP_DIR_VARIABLE)
    return Backups(beside / "autosave", Path(second) if second else None)


class Autosaver:
    """Saves each workshop when one of its exercises closes, and every ``period`` seconds while
    one is open (only if something changed since its last copy).

    ``tick`` does one round; ``start`` runs rounds in a background thread.
    """

    def __init__(self, store: Store, backups: Backups, period: float = PERIOD) -> None:
        self.store, self.backups, self.period = store, backups, period
        self.last: dict[str, Saved] = {}  # each workshop's last copy, for the facilitator page
        self._statuses: dict[str, dict[str, str]] = {}
        self._digests: dict[str, str] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()

    def tick(self, now: dt.datetime) -> list[Saved]:
        """One round: a copy of each workshop one of whose exercises closed since the last
        round, or that has one open and no copy for ``period`` seconds."""
        with self._lock:
            statuses = self.store.statuses()
            saved = []
            for code, exercises in statuses.items():
                before = self._statuses.get(code, {})
                closed = any(status == "closed" and before.get(exercise) == "open"
                             for exercise, status in exercises.items())
                last = self.last.get(code)
                due = "open" in exercises.values() and (
                    last is None or (now - last.backup.saved_at).total_seconds() >= self.period)
                if closed or due:
                    found = self._save(code, now, "closed" if closed else "open")
                    if found is not None:
                        saved.append(found)
            self._statuses = statuses
            return saved

    def save_now(self, code: str, now: dt.datetime, reason: Reason) -> Saved | None:
        """A copy of one workshop now (None if it is the same as its last copy)."""
        with self._lock:
            return self._save(code, now, reason)

    def forget(self, code: str) -> None:
        """Delete every copy of a workshop just deleted from the store (after any round under
        way, which could otherwise copy it once more)."""
        with self._lock:
            self.backups.forget(code)
            self.last.pop(code, None)
            self._digests.pop(code, None)
            self._statuses.pop(code, None)

    def _save(self, code: str, now: dt.datetime, reason: Reason) -> Saved | None:
        try:
            workshop = self.store.load(code)
        except NotFoundError:  # deleted since the statuses were read
            return None
        digest = hashlib.sha256(dump_workshop(workshop).encode("utf-8")).hexdigest()
        if digest == self._digests.get(code, self._newest_digest(code)):
            return None
        saved = self.backups.save(workshop, now, reason)
        self._digests[code] = digest
        self.last[code] = saved
        return saved

    def _newest_digest(self, code: str) -> str | None:
        """The digest of the newest copy on disk (an app started again does not copy what is
        already saved)."""
        newest = self.backups.copies(code)[:1]
        if not newest:
            return None
        return hashlib.sha256(newest[0].path.read_bytes()).hexdigest()

    def start(self, every: float = 10.0,
              clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> None:
        """Run ``tick`` every ``every`` seconds in a background thread until ``stop``. A round
        that fails (the disk is full…) is logged and the next one tries again."""
        def run() -> None:
            while not self._stop.wait(every):
                try:
                    self.tick(clock())
                except Exception:  # whatever failed (a full disk…), the next round tries again
                    _log.exception("autosave round failed")

        threading.Thread(target=run, name="autosave", daemon=True).start()

    def stop(self) -> None:
        """End the background thread (after its current round)."""
        self._stop.set()


def restore(store: Store, autosaver: Autosaver, backup: Backup, now: dt.datetime
            ) -> Workshop:
    """Put a copy back in the store in place of the workshop as it is (which is saved first,
    as ``before-restore``), or as a new workshop if the store has none with its code."""
    workshop = autosaver.backups.read(backup)
    if workshop.code in store.codes():
        autosaver.save_now(workshop.code, now, "before-restore")
    store.replace_workshop(workshop)
    return workshop
