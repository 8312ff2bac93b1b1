"""What every workshop is made of, whatever its exercises: groups, participants, labels, texts,
the settings part, and one ordered list of exercises of any kind. The file is strict and, once
read, never changes."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from engine.core import i18n
from engine.core.exercise import kind
from engine.core.file_format import read_workshop
from engine.core.records import proxy_token
from engine.core.types import label
from engine.core.workshop import Workshop, WorkshopSettings
from factories import beans, small_workshop, tokens_exercise, workshop_data

SAMPLE = Path(__file__).resolve().parents[3] / "sample_workshops" / "benin-atacora-gold.json"


@pytest.mark.parametrize("labels, lang, expected", [
    ({"en": "Water", "fr": "Eau"}, "fr", "Eau"),
    ({"en": "Water", "fr": "Eau"}, "sw", "Water"),   # no Swahili: English
    ({"fr": "Eau", "mos": "Koom"}, "en", "Eau"),     # no English: the first one given
])
def test_label_fallback(labels, lang, expected):
    assert label(labels, lang) == expected


def test_proxy_token_is_one_fixed_valid_token_per_group():
    assert proxy_token("women") == "proxy-women"
    small_workshop({"women": []}, proxies=("women",))  # a valid participant token


@pytest.mark.parametrize("title", ["", "   ", "x" * 201])
def test_text_fields_are_1_to_200_characters_after_stripping(title):
    with pytest.raises(ValidationError):
        Workshop.model_validate(workshop_data({"women": []}) | {"title": title})


def test_text_fields_are_stripped():
    workshop = Workshop.model_validate(workshop_data({"women": []}) | {"title": "  Padded  "})
    assert workshop.title == "Padded"


def test_models_are_frozen():
    """A workshop once read is shared by every session of the app: nothing in it changes."""
    workshop = small_workshop({"women": ["woman-1"]}, [tokens_exercise(
        "ex", ["water", "roads"], [beans("woman-1", water=10)])])
    for model, field, value in ((workshop, "title", "Changed"),
                                (workshop.groups[0], "expected", 9),
                                (workshop.participants[0], "group", "men"),
                                (workshop.exercise("ex"), "status", "closed"),
                                (workshop.exercise("ex").ballots[0], "voters", 2)):
        with pytest.raises(ValidationError):
            setattr(model, field, value)


def test_the_settings_part_is_the_workshop_without_people_and_exercises():
    workshop = small_workshop({"women": ["woman-1"]}, [tokens_exercise(
        "ex", ["water", "roads"], [beans("woman-1", water=10)], status="closed")])
    settings = workshop.settings()
    assert type(settings) is WorkshopSettings
    assert settings.model_dump() == workshop.model_dump(
        exclude={"participants", "exclusions", "exercises"})
    assert workshop.group("women").label == {"en": "Women"}


def test_the_room_is_the_groups_participants_and_threshold():
    workshop = small_workshop({"women": ["woman-1", "woman-2"], "miners": ["miner-1"]},
                              proxies=("miners",), small_group_threshold=2)
    room = workshop.room()
    assert (room.groups, room.participants, room.small_group_threshold) == (
        tuple(workshop.groups), tuple(workshop.participants), 2)
    assert dict(room.group_of) == {"woman-1": "women", "woman-2": "women", "miner-1": "miners",
                                   "proxy-miners": "miners"}
    part = room.only(["miner-1", "woman-2"])
    assert [p.token for p in part.participants] == ["woman-2", "miner-1"]  # in the room's order


def test_a_workshop_lists_exercises_of_several_kinds_in_order():
    """The sample: six prioritisations, then a stakeholder map, a LIM, an EMP and a
    rehabilitation plan, in the order the facilitator runs them; each read as its kind's design.
    An exercise without a title is called by its kind's name."""
    workshop = read_workshop(SAMPLE)
    assert [(e.id, e.kind) for e in workshop.exercises] == [
        ("issues", "prioritisation"), ("issues-urgency", "prioritisation"),
        ("actions", "prioritisation"), ("issues-ranking", "prioritisation"),
        ("actions-pairs", "prioritisation"), ("solutions-matrix", "prioritisation"),
        ("network", "network"), ("lim", "lim"), ("emp", "emp"), ("rap", "rehabilitation")]
    for exercise in workshop.exercises:
        assert exercise.spec is kind(exercise.kind)
        assert isinstance(exercise.design, exercise.spec.design_model)
    lim = workshop.exercise("lim")
    assert lim.title is None
    assert lim.title_in("fr") == i18n.t("lim.title", "fr") == "Matrice des leviers et incitations"
    assert workshop.exercise("issues").title_in("fr") == "Quels problèmes comptent le plus ?"
