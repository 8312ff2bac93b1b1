"""Facilitator PINs (salted PBKDF2-SHA256), join codes and participant tokens."""

from __future__ import annotations

import random
import re

import pytest

from engine.core.access import (JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, check_pin_strength,
                               hash_pin, new_join_code, new_token, verify_pin)
from engine.core.errors import SetupError
from engine.core.workshop import Workshop

from factories import PIN, pin_hash, workshop_data


def test_right_pin_verifies_wrong_pin_does_not():
    assert verify_pin(PIN, pin_hash())
    assert not verify_pin("2469", pin_hash())
    assert not verify_pin("", pin_hash())
    assert not verify_pin(PIN + " ", pin_hash())


def test_hash_format_and_salting():
    """``pbkdf2_sha256$iterations$salt$hash``: the same PIN hashes differently with each salt."""
    scheme, iterations, salt, _ = pin_hash().split("$")
    assert (scheme, iterations) == ("pbkdf2_sha256", "200000")
    assert salt == "Zml4ZWQtdGVzdC1zYWx0IQ=="  # urlsafe base64 of b"fixed-test-salt!"
    assert hash_pin(PIN, salt=b"fixed-test-salt!") == pin_hash()
    random_salted = hash_pin(PIN)
    assert random_salted != pin_hash() and verify_pin(PIN, random_salted)


def test_hash_with_fewer_iterations_still_verifies():
    """The iteration count is read from the hash (PBKDF2-HMAC-SHA256 of "2468", salt "salt", 1000
    rounds, computed independently), so older, cheaper hashes keep working."""
    assert verify_pin(PIN,
                      "pbkdf2_sha256$1000$c2FsdA==$xNg90BftMpb5ta2mgr_nZTlmGQdwrpkAKUJH2kf6sK0=")


@pytest.mark.parametrize("pin_hash_", [
    "", "1234", "md5$1$c2FsdA==$YQ==", "pbkdf2_sha256$1000$c2FsdA==",
    "pbkdf2_sha256$1000$c2FsdA==$YQ==$extra", "pbkdf2_sha256$1000$c2FsdA==$YQ==",
])
def test_malformed_or_foreign_hash_is_false(pin_hash_):
    assert verify_pin(PIN, pin_hash_) is False


@pytest.mark.parametrize("pin_hash_", [
    "pbkdf2_sha256$many$c2FsdA==$YQ==",    # iterations not a number: int() raises ValueError
    "pbkdf2_sha256$0$c2FsdA==$YQ==",       # zero iterations: hashlib raises ValueError
    "pbkdf2_sha256$1000$c2FsdA=$YQ==",     # bad base64 padding: binascii.Error
])
def test_malformed_pbkdf2_hash_is_false_not_an_exception(pin_hash_):
    """``pin_hash`` is any string in a workshop file: a hand-edited one must not crash the
    sign-in."""
    # The file loads:
    Workshop.model_validate(workshop_data({"women": []}) | {"pin_hash": pin_hash_})
    assert verify_pin(PIN, pin_hash_) is False


@pytest.mark.parametrize("pin, ok", [("123", False), ("", False), ("1234", True), ("sésame", True)])
def test_pin_strength(pin, ok):
    if ok:
        check_pin_strength(pin)
    else:
        with pytest.raises(SetupError) as error:
            check_pin_strength(pin)
        assert (error.value.key, error.value.params) == ("pin.too_short", {"minimum": 4})


def test_join_code_alphabet_has_no_ambiguous_characters():
    """No 0/O and no 1/I: the code is read off a projector and typed on a phone."""
    assert len(JOIN_CODE_ALPHABET) == len(set(JOIN_CODE_ALPHABET)) == 32
    assert set("0O1I") & set(JOIN_CODE_ALPHABET) == set()
    assert set(JOIN_CODE_ALPHABET) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")


def test_join_codes_use_only_the_alphabet_and_are_valid_codes():
    rng = random.Random(7)
    codes = [new_join_code(rng) for _ in range(500)] + [new_join_code() for _ in range(100)]
    for code in codes:
        assert len(code) == JOIN_CODE_LENGTH == 5
        assert set(code) <= set(JOIN_CODE_ALPHABET)
        Workshop.model_validate(workshop_data({"women": []}, code=code))
    assert set("".join(codes)) == set(JOIN_CODE_ALPHABET)  # every character is used
    assert len(set(codes)) > 590


def test_tokens_are_random_and_valid():
    tokens = {new_token() for _ in range(200)}
    assert len(tokens) == 200
    assert all(re.fullmatch(r"[A-Za-z0-9_-]{16}", token) for token in tokens)
