"""Every pictogram the app ships (the starters a new workshop copies and the samples) is an
emoji that phones since Android 7 draw: Emoji 4.0 or older. Newer ones (🪷 lotus, Emoji 14;
🦺 safety vest, 12) show as empty boxes on the older phones a room has, to the very people who
read with the pictograms. Emoji versions come from the ``emoji`` package's data (Unicode's
emoji-test.txt)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import emoji
import pytest

from engine.core.exercise import References, kinds
from engine.core.setup import STARTER_GROUPS

SAMPLES = sorted((Path(__file__).resolve().parents[2] / "sample_workshops").glob("*.json"))
OLDEST_PHONES = 4.0  # Android 7.1 draws Emoji 4.0


def pictograms(data: object, where: str) -> Iterator[tuple[str, str]]:
    """Every ``pictogram`` value in ``data``, with where it was found."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "pictogram" and isinstance(value, str) and not value.startswith(":"):
                yield where, value
            else:
                yield from pictograms(value, f"{where}.{key}")
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from pictograms(value, f"{where}[{index}]")


def emoji_version(pictogram: str) -> float | None:
    """The Emoji version ``pictogram`` came in, with or without its variation selector."""
    for candidate in (pictogram, pictogram + "\ufe0f", pictogram.replace("\ufe0f", "")):
        if candidate in emoji.EMOJI_DATA:
            return float(emoji.EMOJI_DATA[candidate]["E"])
    return None


def shipped() -> list[tuple[str, str]]:
    found = list(pictograms([group.model_dump() for group in STARTER_GROUPS], "STARTER_GROUPS"))
    for spec in kinds():
        design = spec.new_design("en", References({}, {}))
        found += pictograms(design.model_dump(), f"{spec.name} starter")
    for sample in SAMPLES:
        found += pictograms(json.loads(sample.read_text(encoding="utf-8")), sample.name)
    return found


def test_the_check_knows_old_and_new_emoji():
    assert emoji_version("⛏️") == 0.7 and emoji_version("🪷") == 14.0


@pytest.mark.parametrize(("where", "pictogram"), shipped())
def test_every_shipped_pictogram_draws_on_older_phones(where, pictogram):
    version = emoji_version(pictogram)
    assert version is not None, f"{where}: {pictogram!r} is not an emoji"
    assert version <= OLDEST_PHONES, f"{where}: {pictogram} is Emoji {version}"
