"""Facilitator PINs, join codes and participant tokens."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets

from engine.core.errors import SetupError

__all__ = ["hash_pin", "verify_pin", "new_join_code", "new_token", "check_pin_strength"]

PBKDF2_ITERATIONS = 200_000
# No 0/O, 1/I: the code is read off a projector and typed on a phone.
JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 5
MIN_PIN_LENGTH = 4


def check_pin_strength(pin: str) -> None:
    """A PIN must have at least four characters (digits are easiest on a laptop in the room)."""
    if len(pin) < MIN_PIN_LENGTH:
        raise SetupError("pin.too_short", minimum=MIN_PIN_LENGTH)


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


def new_join_code(rng: secrets.SystemRandom | None = None) -> str:
    """A fresh five-character join code, easy to read aloud and to type."""
    rng = rng or secrets.SystemRandom()
    return "".join(rng.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def new_token() -> str:
    """A random, anonymous participant token (96 bits, URL-safe)."""
    return secrets.token_urlsafe(12)
