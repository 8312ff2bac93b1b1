"""Workshop files: the samples read and write back byte for byte, and a bad file is refused with
a message naming the field path and the problem, loading nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.errors import WorkshopFileError
from engine.model import Workshop
from engine.workshop_file import dump_workshop, parse_workshop, read_workshop, schema

from factories import beans, matrix_exercise, ratings, tokens_exercise, workshop_data

SAMPLES = sorted((Path(__file__).parents[2] / "sample_workshops").glob("*.json"))
PEOPLE = {"women": ["woman-1", "woman-2"], "miners": ["miner-1"]}


def valid_data() -> dict:
    """A small valid workshop with a bean exercise (3 ballots) and a matrix exercise."""
    return workshop_data(PEOPLE, [
        tokens_exercise("beans", ["water", "roads"], [
            beans("woman-1", water=10), beans("woman-2", water=4, roads=6),
            beans("miner-1", roads=10)]),
        matrix_exercise("matrix", ["water", "roads"], [
            ratings("woman-1", water=(5, 4), roads=(2, 2))])])


def refusal(data: dict | str) -> WorkshopFileError:
    """The error reading ``data`` (file data, or raw text) raises."""
    text = data if isinstance(data, str) else json.dumps(data)
    with pytest.raises(WorkshopFileError) as error:
        parse_workshop(text, source="test.json")
    return error.value


def test_samples_are_valid_and_canonical():
    """The samples are written in the canonical form: reading and dumping gives the same bytes."""
    assert len(SAMPLES) == 2
    for path in SAMPLES:
        workshop = read_workshop(path)
        assert workshop.fictional
        assert dump_workshop(workshop) == path.read_text(encoding="utf-8")


def test_valid_data_round_trips():
    workshop = parse_workshop(json.dumps(valid_data()))
    assert parse_workshop(dump_workshop(workshop)) == workshop
    assert dump_workshop(workshop).endswith("}\n")


def mutated(change) -> dict:
    data = valid_data()
    change(data)
    return data


def _set(path: list, value):
    """A change setting ``data[path…] = value``."""
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


INVALID = {
    # name: (change to valid data, field path, problem) — the message reads "at <path>: <problem>"
    "ballot of unknown participant": (
        _set(["exercises", 0, "ballots", 2, "participant"], "stranger-1"),
        "exercises[0].ballots[2].participant", "unknown participant 'stranger-1'"),
    "over budget ballot": (
        _set(["exercises", 0, "ballots", 1, "answer", "beans", "roads"], 7),
        "exercises[0].ballots[1].answer", "Too many beans: 11 placed, but only 10 to give"),
    "matrix ballot in a bean exercise": (
        lambda d: d["exercises"][0]["ballots"].append(ratings("miner-1", water=(1, 1), roads=(1, 1))),
        "exercises[0].ballots[3].answer", "a 'importance-urgency' answer in a 'tokens' exercise"),
    # A recorded ballot may leave an item out (it was approved later), but not rate a proposal
    # that was never approved.
    "rating of an unapproved proposal": (
        lambda d: (d["exercises"][1]["items"].append(
            {"id": "schools", "label": {"en": "Schools"}, "approved": False}),
            d["exercises"][1]["ballots"][0]["answer"]["ratings"].update(
                schools={"importance": 5, "urgency": 5})),
        "exercises[1].ballots[0].answer", "items that are not in the exercise: schools"),
    "participant in unknown group": (
        _set(["participants", 2, "group"], "elders"), "participants[2].group", "unknown group 'elders'"),
    "unknown extra field": (
        _set(["groups", 1, "colour"], "blue"), "groups.1.colour", "Extra inputs are not permitted"),
    "bad join code": (_set(["code"], "KO1IL"), "code", "String should match pattern"),
    "duplicate group id": (
        lambda d: d["groups"].append({"id": "women", "label": {"en": "Women again"}}),
        "groups[2]", "duplicate id 'women'"),
    "duplicate item id": (
        lambda d: d["exercises"][0]["items"].append({"id": "roads", "label": {"en": "Roads"}}),
        "exercises.0", "items[2]: duplicate id 'roads'"),
    "rating off the scale": (
        _set(["exercises", 1, "ballots", 0, "answer", "ratings", "water", "urgency"], 6),
        "exercises.1.ballots.0.answer.importance-urgency.ratings.water.urgency",
        "less than or equal to 5"),
    "missing title": (lambda d: d.pop("title"), "title", "Field required"),
    "newer format": (_set(["format_version"], 2), "format_version", "Input should be 1"),
    "one item only": (
        _set(["exercises", 1, "items"], [{"id": "water", "label": {"en": "Water"}}]),
        "exercises.1.items", "at least 2 items"),
}


@pytest.mark.parametrize("change, path, problem", INVALID.values(), ids=INVALID.keys())
def test_invalid_file_names_the_field_and_the_problem(change, path, problem):
    """The message says which file, where (the field path) and what is wrong; nothing loads."""
    error = refusal(mutated(change))
    assert error.key == "file.invalid"
    assert error.params["source"] == "test.json"
    message = str(error)
    assert message.startswith("test.json is not a valid workshop file: at ")
    assert f"{path}: " in message and problem in message
    assert message.index(path) < message.index(problem)
    assert message.endswith("Nothing was loaded.")


def test_not_json():
    error = refusal('{"code": "ABCDE",')
    assert error.key == "file.not_json"
    assert str(error).startswith("test.json is not a JSON file")


def test_not_utf8():
    with pytest.raises(WorkshopFileError) as error:
        parse_workshop(b"\xff\xfe{}")
    assert error.value.key == "file.not_json"


def test_unreadable_file(tmp_path):
    with pytest.raises(WorkshopFileError) as error:
        read_workshop(tmp_path / "missing.json")
    assert error.value.key == "file.unreadable"
    assert "missing.json" in str(error.value)


def test_read_workshop_names_the_file(tmp_path):
    path = tmp_path / "atelier.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(WorkshopFileError) as error:
        read_workshop(path)
    assert error.value.params["source"] == "atelier.json"


def test_error_message_in_french():
    error = refusal("nope")
    assert error.message("fr") != error.message("en")
    assert "test.json" in error.message("fr")


def test_schema_describes_the_format():
    generated = schema()
    assert generated == Workshop.model_json_schema()
    assert {"code", "groups", "participants", "exercises"} <= set(generated["properties"])
    assert generated["additionalProperties"] is False
