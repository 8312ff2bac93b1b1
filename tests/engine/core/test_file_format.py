"""Workshop files: the samples read and write back byte for byte, files of version 1 upgrade to
the current version, and a bad file is refused with a message naming the field path and the
problem, loading nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from engine.core.errors import WorkshopFileError
from engine.core.file_format import (UPGRADES, dump_workshop, parse_workshop, read_workshop,
                                     schema, upgrade)
from engine.core.workshop import FORMAT_VERSION

from factories import beans, matrix_exercise, ratings, tokens_exercise, workshop_data

ROOT = Path(__file__).parents[3]
SAMPLES = sorted((ROOT / "sample_workshops").glob("*.json"))
VERSION_1 = ROOT / "tests" / "data" / "v1"  # the samples as version 1 wrote them
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
        lambda d: d["exercises"][0]["ballots"].append(
            ratings("miner-1", water=(1, 1), roads=(1, 1))),
        "exercises[0].ballots[3].answer", "'importance-urgency' ballot does not fit"),
    # A recorded ballot may leave an item out (it was approved later), but not rate one the
    # exercise does not have (a proposal is not an item until it is approved).
    "rating of an item the exercise has not": (
        lambda d: d["exercises"][1]["ballots"][0]["answer"]["ratings"].update(
            schools={"importance": 5, "urgency": 5}),
        "exercises[1].ballots[0].answer", "items that are not in the exercise: schools"),
    "participant in unknown group": (
        _set(["participants", 2, "group"], "elders"), "participants[2].group",
        "unknown group 'elders'"),
    "unknown extra field": (
        _set(["groups", 1, "colour"], "blue"), "groups[1].colour",
        "Extra inputs are not permitted"),
    "unknown field in a design": (
        _set(["exercises", 0, "design", "colour"], "blue"), "exercises[0].design.colour",
        "Extra inputs are not permitted"),
    "bad join code": (_set(["code"], "KO1IL"), "code", "String should match pattern"),
    "duplicate group id": (
        lambda d: d["groups"].append({"id": "women", "label": {"en": "Women again"}}),
        "groups[2]", "duplicate id 'women'"),
    "duplicate exercise id": (
        lambda d: d["exercises"].append(dict(d["exercises"][0])),
        "exercises[2]", "duplicate id 'beans'"),
    "duplicate item id": (
        lambda d: d["exercises"][0]["design"]["items"].append(
            {"id": "roads", "label": {"en": "Roads"}}),
        "exercises[0].design.items[2]", "duplicate id 'roads'"),
    "rating off the scale": (
        _set(["exercises", 1, "ballots", 0, "answer", "ratings", "water", "urgency"], 6),
        "exercises[1].ballots[0].answer.importance-urgency.ratings.water.urgency",
        "less than or equal to 5"),
    "unknown kind of exercise": (
        _set(["exercises", 1, "kind"], "quiz"), "exercises[1].kind",
        "Unknown kind of exercise 'quiz'"),
    "unknown status": (
        _set(["exercises", 0, "status"], "paused"), "exercises[0].status",
        "Input should be 'draft', 'open' or 'closed'"),
    "pair shown to a stranger": (
        _set(["exercises", 0, "shown"], [{"participant": "stranger-1",
                                          "shown_at": "2026-03-01T09:00:00Z",
                                          "payload": {"pair": ["water", "roads"]}}]),
        "exercises[0].shown[0].participant", "unknown participant 'stranger-1'"),
    "proposal by an unknown group": (
        _set(["exercises", 0, "proposals"], [{"id": "schools", "proposed_by": "elders", "payload":
                                              {"item": {"id": "schools",
                                                        "label": {"en": "Schools"}}}}]),
        "exercises[0].proposals[0].proposed_by", "unknown group 'elders'"),
    "missing title": (lambda d: d.pop("title"), "title", "Field required"),
    "one item only": (
        _set(["exercises", 1, "design", "items"], [{"id": "water", "label": {"en": "Water"}}]),
        "exercises[1].design.items", "at least 2 items"),
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


def test_schema_describes_the_format_and_each_kinds_design():
    generated = schema()
    assert {"code", "groups", "participants", "exercises"} <= set(generated["properties"])
    assert generated["additionalProperties"] is False
    exercise = generated["$defs"]["Exercise"]
    assert exercise["properties"]["kind"]["enum"] == ["prioritisation", "network", "lim", "emp"]
    designs = {rule["if"]["properties"]["kind"]["const"]: rule["then"]["properties"]["design"]
               for rule in exercise["allOf"]}
    assert designs["lim"] == {"$ref": "#/$defs/IncentiveMatrix"}
    assert "instruments" in generated["$defs"]["IncentiveMatrix"]["properties"]


# ---- versions ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["benin-atacora-gold.json", "drc-south-kivu-tin.json"])
def test_a_version_1_sample_upgrades_to_todays_sample(name):
    """Version 1 → 2 on the fixtures: the upgraded file is today's sample, byte for byte (the
    same people, designs and ballots, every exercise in one list)."""
    upgraded = read_workshop(VERSION_1 / name)
    assert dump_workshop(upgraded) == (ROOT / "sample_workshops" / name).read_text(encoding="utf-8")


def test_version_1_parts_become_exercises_of_their_kinds():
    """The map, the LIM and the EMP of a version-1 file become exercises after the
    prioritisations, closed when people had answered, a draft otherwise; an item waiting for
    approval becomes a proposal, and the pairs offered become what was shown."""
    document = json.loads((VERSION_1 / "drc-south-kivu-tin.json").read_text(encoding="utf-8"))
    upgraded = upgrade(document)
    assert upgraded["format_version"] == FORMAT_VERSION == 2
    assert [(e["id"], e["kind"], e["status"]) for e in upgraded["exercises"]][-3:] == [
        ("network", "network", "draft"), ("lim", "lim", "closed"), ("emp", "emp", "closed")]
    for gone in ("lim", "emp", "network", "score_ballots", "interaction_ballots",
                 "influence_votes", "network_open", "network_proposals"):
        assert gone not in upgraded
    matrix = next(e for e in upgraded["exercises"] if e["id"] == "solutions-matrix")
    assert [p["id"] for p in matrix["proposals"]] == ["motor-pumps-to-drain-flooded-p"]
    assert all("approved" not in item for item in matrix["design"]["items"])
    pairs = next(e for e in upgraded["exercises"] if e["id"] == "actions-pairs")
    assert len(pairs["shown"]) == len(document["exercises"][4]["offers"])
    assert "format_version" in document and document["format_version"] == 1  # left as it was


def test_every_step_of_the_chain_is_numbered_from_1():
    assert sorted(UPGRADES) == list(range(1, FORMAT_VERSION))


def test_a_file_from_a_newer_version_says_so():
    data = valid_data()
    data["format_version"] = FORMAT_VERSION + 1
    error = refusal(data)
    assert error.key == "file.newer_version"
    assert str(error) == ("test.json was written by a newer version of ASM Workshop Studio "
                          "(file format 3; this version reads formats up to 2). Update the app "
                          "to open it. Nothing was loaded.")


def test_a_broken_version_1_file_is_refused_with_the_path_of_its_upgrade():
    """A version-1 file is read through its upgrade: a problem is named where version 2 has it."""
    document = json.loads((VERSION_1 / "benin-atacora-gold.json").read_text(encoding="utf-8"))
    document["score_ballots"][0]["scores"]["land-access"]["leverage"] = 9
    error = refusal(document)
    assert error.key == "file.invalid"
    assert "at exercises[7].ballots[0].answer" in str(error)
