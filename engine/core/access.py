"""Facilitator PINs (strength, hashing, a wait after wrong ones), join codes and participant
tokens.

A PIN is checked with PBKDF2, which costs the laptop about 90 ms of CPU each time: that is what
makes guessing slow for someone who stole a workshop file, but it also means that unlimited
tries would let a phone both guess and load the laptop. ``PinThrottle`` makes each client
address wait longer after each wrong PIN, and says so *before* any hashing. The laptop itself
is never made to wait, and since a wait is per address (not per workshop), nothing a phone
does can keep the facilitator out.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import itertools
import math
import secrets
import threading
from collections import OrderedDict
from dataclasses import dataclass

from engine.core import i18n
from engine.core.errors import AccessError, SetupError

__all__ = ["hash_pin", "verify_pin", "new_join_code", "new_token", "check_pin_strength",
           "WeakPinError", "is_weak", "new_pin_hash", "is_loopback", "PinThrottle",
           "MIN_PIN_LENGTH"]

PBKDF2_ITERATIONS = 200_000
# No 0/O, 1/I: the code is read off a projector and typed on a phone.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 5
MIN_PIN_LENGTH = 6
# PINs anyone tries first that no rule below catches (compared in lower case).
COMMON_PINS = frozenset({
    "password", "motdepasse", "azerty", "azertyuiop", "qwerty", "qwertyuiop", "qwertz",
    "letmein", "admin", "secret", "welcome", "bienvenue", "bonjour", "iloveyou", "jetaime",
    "abc123", "123abc", "112233", "123321", "147258", "159753", "123654", "696969", "102030",
    "facilitator", "animateur", "workshop", "atelier"})


class WeakPinError(SetupError):
    """A PIN that is easy to guess: why, and then what a good PIN is."""

    def message(self, lang: str) -> str:
        return f"{super().message(lang)} {i18n.t('pin.advice', lang)}"


def check_pin_strength(pin: str) -> None:
    """Refuse a PIN that is quick to guess (``WeakPinError`` saying why): fewer than six
    characters, one short block repeated (``111111``, ``121212``), a run (``123456``,
    ``654321``, ``abcdef``, ``890123``), or one of the ``COMMON_PINS``."""
    if len(pin) < MIN_PIN_LENGTH:
        raise WeakPinError("pin.too_short", minimum=MIN_PIN_LENGTH)
    if any(pin == pin[:size] * (len(pin) // size)
           for size in range(1, len(pin) // 2 + 1) if len(pin) % size == 0):
        raise WeakPinError("pin.repeated")
    if _is_run(pin):
        raise WeakPinError("pin.run")
    if pin.lower() in COMMON_PINS:
        raise WeakPinError("pin.common")


def is_weak(pin: str) -> bool:
    """True for a PIN ``check_pin_strength`` refuses (a workshop set up with it before the rules
    were stricter is asked to change it at sign-in)."""
    try:
        check_pin_strength(pin)
    except WeakPinError:
        return True
    return False


def _is_run(pin: str) -> bool:
    """Each character one after the previous, or one before (digits going round: 890123)."""
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(pin)}
    if pin.isdigit():
        steps = {step % 10 for step in steps}
        return steps in ({1}, {9})
    return steps in ({1}, {-1})


def new_pin_hash(new: str, again: str, old: str | None = None) -> str:
    """The hash of a new PIN, typed twice; refused if the two differ, if it is weak, or if it is
    the ``old`` one."""
    if new != again:
        raise SetupError("pin.mismatch")
    if old is not None and new == old:
        raise SetupError("pin.unchanged")
    check_pin_strength(new)
    return hash_pin(new)


def hash_pin(pin: str, salt: bytes | None = None) -> str:
    """The PIN salted and hashed with PBKDF2-HMAC-SHA256 (RFC 8018), as
    ``pbkdf2_sha256$n$salt$hash``."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, PBKDF2_ITERATIONS)
    encode = base64.urlsafe_b64encode
    return f"pbkdf2_sha256${PBKDF2_ITERATIONS}${encode(salt).decode()}${encode(digest).decode()}"


def verify_pin(pin: str, pin_hash: str) -> bool:
    """True when ``pin`` is the one ``pin_hash`` was made from (constant-time comparison)."""
    try:
        scheme, iterations, salt, digest = pin_hash.split("$")
        if scheme != "pbkdf2_sha256" or not 0 < int(iterations) <= 10 * PBKDF2_ITERATIONS:
            return False  # unknown scheme, or a cost no PIN of ours was hashed with
        decode = base64.urlsafe_b64decode
        candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), decode(salt), int(iterations))
        return hmac.compare_digest(candidate, decode(digest))
    except ValueError:  # a malformed hash (from a hand-edited file) fits no PIN
        return False


def is_loopback(address: str) -> bool:
    """True for the laptop itself: ``127.0.0.0/8``, ``::1``, or IPv4 loopback written as IPv6.

    A phone cannot pass for it: the address is the one the connection comes from, and the
    server believes a forwarded address only from the laptop itself (uvicorn's default).
    """
    try:
        found = ipaddress.ip_address(address)
    except ValueError:
        return False
    mapped = getattr(found, "ipv4_mapped", None)
    return found.is_loopback or (mapped is not None and mapped.is_loopback)


@dataclass
class _Record:
    failures: int
    last: float


class PinThrottle:
    """Wrong PINs by client address, and how long each address must wait before it may try
    again: nothing for the first ``free`` wrong PINs (typing mistakes), then 1 s, doubling
    with each wrong PIN up to ``longest`` seconds. An address that has not got one wrong for
    ``forget_after`` seconds starts afresh, and so does one that gets it right. Loopback
    addresses (the laptop) never wait.

    With six characters and the defaults, one address can try about a dozen PINs an hour,
    where it could try 40 000 unthrottled. ``remembered`` bounds the memory it takes.
    Times are seconds on a monotonic clock (``time.monotonic()``), passed in by the caller.
    Safe to share between the server's threads.
    """

    def __init__(self, *, free: int = 3, longest: float = 300.0, forget_after: float = 3600.0,
                 remembered: int = 4096) -> None:
        self.free, self.longest, self.forget_after = free, longest, forget_after
        self.remembered = remembered
        self._records: OrderedDict[str, _Record] = OrderedDict()
        self._checking: set[str] = set()  # addresses whose PIN is being hashed
        self._lock = threading.Lock()

    def wait(self, address: str, now: float) -> int:
        """Whole seconds ``address`` must still wait before its next try (0: it may try)."""
        with self._lock:
            return self._waiting(address, now)

    def check(self, address: str, pin: str, pin_hash: str, now: float) -> None:
        """Let ``address`` try ``pin``: ``AccessError`` if it must wait first (the PIN is then
        not even hashed) or if the PIN is wrong (which lengthens its next wait)."""
        if is_loopback(address):
            if not verify_pin(pin, pin_hash):
                raise AccessError("pin.wrong")
            return
        with self._lock:
            left = self._waiting(address, now)
            if not left and address in self._checking:
                left = 1  # one try at a time: parallel tries would each skip the wait
            if left:
                raise AccessError("pin.wait", seconds=left)
            self._checking.add(address)
        try:
            right = verify_pin(pin, pin_hash)
        finally:
            with self._lock:
                self._checking.discard(address)
        if right:
            with self._lock:
                self._records.pop(address, None)
            return
        with self._lock:
            record = self._record(address, now) or _Record(0, now)
            record.failures, record.last = record.failures + 1, now
            self._records[address] = record
            self._records.move_to_end(address)
            while len(self._records) > self.remembered:
                self._records.popitem(last=False)  # the address quiet for longest
            left = self._waiting(address, now)
        if left:
            raise AccessError("pin.wrong_wait", seconds=left)
        raise AccessError("pin.wrong")

    def _waiting(self, address: str, now: float) -> int:
        """``wait``, with the lock held."""
        record = self._record(address, now)
        if record is None or record.failures < self.free:
            return 0
        delay = min(float(2 ** min(record.failures - self.free, 30)), self.longest)
        return max(0, math.ceil(record.last + delay - now))

    def _record(self, address: str, now: float) -> _Record | None:
        record = self._records.get(address)
        if record is not None and now - record.last >= self.forget_after:
            del self._records[address]
            return None
        return record


def new_join_code(rng: secrets.SystemRandom | None = None) -> str:
    """A fresh five-character join code, easy to read aloud and to type."""
    rng = rng or secrets.SystemRandom()
    return "".join(rng.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_token() -> str:
    """A random, anonymous participant token (96 bits, URL-safe)."""
    return secrets.token_urlsafe(12)
