"""Facilitator PINs (strength, salted PBKDF2-SHA256, the wait after wrong ones), join codes
and participant tokens."""

from __future__ import annotations

import random
import re

import pytest

from engine.core.access import (JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, PinThrottle, WeakPinError,
                               check_pin_strength, hash_pin, is_loopback, new_join_code,
                               new_pin_hash, new_token, verify_pin)
from engine.core.errors import AccessError, SetupError
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


WEAK_PINS = {
    "": "pin.too_short", "2468": "pin.too_short", "12345": "pin.too_short",
    "000000": "pin.repeated", "aaaaaaaa": "pin.repeated", "121212": "pin.repeated",
    "123123": "pin.repeated", "      ": "pin.repeated",
    "123456": "pin.run", "654321": "pin.run", "345678": "pin.run", "890123": "pin.run",
    "3210987": "pin.run", "abcdef": "pin.run", "FEDCBA": "pin.run",
    "azerty": "pin.common", "Password": "pin.common", "112233": "pin.common",
    "147258": "pin.common",
}


@pytest.mark.parametrize("pin, key", WEAK_PINS.items(), ids=[repr(p) for p in WEAK_PINS])
def test_weak_pins_are_refused_saying_why_and_what_a_good_pin_is(pin, key):
    with pytest.raises(WeakPinError) as error:
        check_pin_strength(pin)
    assert error.value.key == key
    assert str(error.value).endswith(
        "A good PIN has at least 6 characters with no pattern, and is not a date or a word "
        "people here could guess: for example 6 digits chosen at random.")


def test_the_weak_pin_messages_a_user_reads():
    said = {}
    for pin in ("975", "555555", "234567", "qwerty"):
        with pytest.raises(WeakPinError) as error:
            check_pin_strength(pin)
        said[pin] = error.value.message("en").split(" A good PIN")[0]
    assert said == {"975": "This PIN is too short: at least 6 characters.",
                    "555555": "This PIN repeats the same characters (like 111111 or 121212).",
                    "234567": "This PIN is a run (like 123456, 654321 or abcdef).",
                    "qwerty": "This PIN is one of the first anyone would try."}
    with pytest.raises(WeakPinError) as error:
        check_pin_strength("111111")
    assert error.value.message("fr").startswith(
        "Ce code PIN répète les mêmes caractères (comme 111111 ou 121212). Un bon code PIN")


@pytest.mark.parametrize("pin", ["507938", "482915", "135246", "sésame-9", "kandi 2026",
                                 "12345678a", "1234567 8"])
def test_strong_enough_pins_are_accepted(pin):
    check_pin_strength(pin)


def test_a_new_pin_is_typed_twice_differs_from_the_old_and_is_strong():
    assert verify_pin("507938", new_pin_hash("507938", "507938", old=PIN))
    for new, again, old, key in [("507938", "507939", PIN, "pin.mismatch"),
                                 ("507938", "507938", "507938", "pin.unchanged"),
                                 ("123456", "123456", PIN, "pin.run")]:
        with pytest.raises(SetupError) as error:
            new_pin_hash(new, again, old=old)
        assert error.value.key == key
    with pytest.raises(SetupError) as error:
        new_pin_hash("507938", "507930")
    assert str(error.value) == ("The two new PINs are not the same: type the new PIN twice. "
                                "Nothing was changed.")


@pytest.mark.parametrize("address, laptop", [
    ("127.0.0.1", True), ("127.5.6.7", True), ("::1", True), ("::ffff:127.0.0.1", True),
    ("192.168.137.23", False), ("10.42.0.5", False), ("::ffff:192.168.1.4", False),
    ("fe80::1", False), ("localhost", False), ("", False)])
def test_only_loopback_addresses_are_the_laptop(address, laptop):
    assert is_loopback(address) is laptop


# ---- the wait after wrong PINs -----------------------------------------------------------------

PHONE, OTHER_PHONE, LAPTOP = "192.168.137.23", "192.168.137.40", "127.0.0.1"


def refusal(throttle: PinThrottle, address: str, pin: str, now: float) -> str | None:
    """The message a try gets, or None if it opens the workshop."""
    try:
        throttle.check(address, pin, pin_hash(), now)
    except AccessError as error:
        return error.message("en")
    return None


def test_wrong_pins_make_one_address_wait_longer_and_longer():
    """Three typing mistakes are free; then 1 s, 2 s, 4 s… up to five minutes."""
    throttle = PinThrottle()
    assert [refusal(throttle, PHONE, "000000", now) for now in (0, 1, 2)] == [
        "Wrong PIN. No access.", "Wrong PIN. No access.",
        "Wrong PIN. No access. Try again in 1 s."]
    assert refusal(throttle, PHONE, PIN, 2.5) == (
        "Too many wrong PINs from this device: try again in 1 s. (On the laptop itself there "
        "is no wait.)")
    assert refusal(throttle, PHONE, "000000", 3) == "Wrong PIN. No access. Try again in 2 s."
    assert refusal(throttle, PHONE, "000000", 5) == "Wrong PIN. No access. Try again in 4 s."
    waits, now = [], 5.0
    for _ in range(12):
        waits.append(throttle.wait(PHONE, now))
        refusal(throttle, PHONE, "000000", now + waits[-1])
        now += waits[-1]
    assert waits == [4, 8, 16, 32, 64, 128, 256, 300, 300, 300, 300, 300]


def test_a_try_while_waiting_is_refused_before_the_pin_is_hashed(monkeypatch):
    throttle = PinThrottle(free=0)
    refusal(throttle, PHONE, "000000", 0)
    hashed = []
    monkeypatch.setattr("engine.core.access.verify_pin", lambda *args: hashed.append(args))
    assert refusal(throttle, PHONE, PIN, 0.5).startswith("Too many wrong PINs")
    assert hashed == []


def test_the_right_pin_after_the_wait_opens_and_forgets_the_wrong_ones():
    throttle = PinThrottle()
    for now in range(4):
        refusal(throttle, PHONE, "000000", now)
    assert throttle.wait(PHONE, 3) == 2
    assert refusal(throttle, PHONE, PIN, 5) is None
    assert throttle.wait(PHONE, 5) == 0
    assert refusal(throttle, PHONE, "000000", 5) == "Wrong PIN. No access."  # free again


def test_an_address_quiet_for_an_hour_starts_afresh():
    throttle = PinThrottle()
    for now in range(6):
        refusal(throttle, PHONE, "000000", now * 100)
    assert throttle.wait(PHONE, 500) > 0
    assert throttle.wait(PHONE, 500 + 3600) == 0
    assert refusal(throttle, PHONE, "000000", 500 + 3600) == "Wrong PIN. No access."


def test_nothing_a_phone_does_keeps_the_laptop_or_another_device_waiting():
    throttle = PinThrottle()
    for now in range(20):
        refusal(throttle, PHONE, "000000", now + throttle.wait(PHONE, now))
    assert throttle.wait(PHONE, 20) > 0
    assert refusal(throttle, LAPTOP, PIN, 20) is None
    assert refusal(throttle, OTHER_PHONE, PIN, 20) is None
    for now in range(10):  # the laptop itself: wrong PINs, never a wait
        assert refusal(throttle, LAPTOP, "000000", now) == "Wrong PIN. No access."
    assert refusal(throttle, "::1", PIN, 10) is None


def test_one_try_at_a_time_per_address():
    """A second try from the same address while the first is being hashed must wait: parallel
    tries would otherwise all skip the wait."""
    throttle = PinThrottle()
    inside = []

    def slow_verify(pin, pin_hash_):
        inside.append(refusal(throttle, PHONE, pin, 0))
        return False

    import engine.core.access as access
    original, access.verify_pin = access.verify_pin, slow_verify
    try:
        assert refusal(throttle, PHONE, "000000", 0) == "Wrong PIN. No access."
    finally:
        access.verify_pin = original
    assert inside == ["Too many wrong PINs from this device: try again in 1 s. (On the laptop "
                      "itself there is no wait.)"]


def test_the_memory_of_addresses_is_bounded():
    throttle = PinThrottle(remembered=3)
    for number in range(10):
        refusal(throttle, f"10.0.0.{number}", "000000", 0)
    assert len(throttle._records) == 3


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
