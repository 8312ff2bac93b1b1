"""Workshop files: the samples read and write back byte for byte, files of version 1 upgrade to
the current version, and a bad file is refused with a message naming the field path and the
problem, loading nothing."""

from __future__ import annotations

import codecs
import json
import time
from pathlib import Path

import pytest

from engine.core.errors import WorkshopFileError
from engine.core.exercise import kinds
from engine.core.file_format import (UPGRADES, dump_workshop, parse_workshop, read_workshop,
                                     schema, upgrade)
from engine.core.workshop import FORMAT_VERSION

from factories import beans, joined, matrix_exercise, ratings, tokens_exercise, workshop_data

ROOT = Path(__file__).parents[3]
SAMPLES = sorted((ROOT / "sample_workshops").glob("*.json"))
VERSION_1 = ROOT / "tests" / "data" / "v1"  # the samples as version 1 wrote them
VERSION_2 = ROOT / "tests" / "data" / "v2"  # the samples as version 2 wrote them
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
    # name: (change to valid data, where, problem): the message reads "at <where>: <problem>".
    # Where names the innermost thing on the path that has a label or a title.
    "ballot of unknown participant": (
        _set(["exercises", 0, "ballots", 2, "participant"], "stranger-1"),
        "exercises[0].ballots[2].participant (“Beans”)", "unknown participant 'stranger-1'"),
    "over budget ballot": (
        _set(["exercises", 0, "ballots", 1, "answer", "beans", "roads"], 7),
        "exercises[0].ballots[1].answer (“Beans”)",
        "Too many beans: 11 placed, but only 10 to give"),
    "matrix ballot in a bean exercise": (
        lambda d: d["exercises"][0]["ballots"].append(
            ratings("miner-1", water=(1, 1), roads=(1, 1))),
        "exercises[0].ballots[3].answer (“Beans”)",
        "A 'importance-urgency' ballot does not fit this exercise"),
    # A recorded ballot may leave an item out (it was approved later), but not rate one the
    # exercise does not have (a proposal is not an item until it is approved).
    "rating of an item the exercise has not": (
        lambda d: d["exercises"][1]["ballots"][0]["answer"]["ratings"].update(
            schools={"importance": 5, "urgency": 5}),
        "exercises[1].ballots[0].answer (“Matrix”)",
        "This ballot names items that are not in the exercise: schools"),
    "participant in unknown group": (
        _set(["participants", 2, "group"], "elders"), "participants[2].group",
        "unknown group 'elders'"),
    "unknown extra field": (
        _set(["groups", 1, "colour"], "blue"), "groups[1].colour (“Miners”)",
        "“colour” is not a field here: check its spelling against docs/file-format.md, or "
        "delete it"),
    "unknown field in a design": (
        _set(["exercises", 0, "design", "colour"], "blue"), "exercises[0].design.colour (“Beans”)",
        "“colour” is not a field here: check its spelling against docs/file-format.md, or "
        "delete it"),
    "bad join code": (_set(["code"], "KO1IL"), "code",
                      "a join code is 4 to 8 of A–Z and 2–9, without O, I, 0 or 1: correct it"),
    "bad item id": (
        _set(["exercises", 0, "design", "items", 0, "id"], "Water Supply"),
        "exercises[0].design.items[0].id (“Water”)",
        "an id is 1 to 40 of a–z, 0–9, - and _, starting with a letter or a digit "
        "(women-crushers): correct it"),
    "duplicate group id": (
        lambda d: d["groups"].append({"id": "women", "label": {"en": "Women again"}}),
        "groups[2] (“Women again”)", "duplicate id 'women'"),
    "duplicate exercise id": (
        lambda d: d["exercises"].append(dict(d["exercises"][0])),
        "exercises[2] (“Beans”)", "duplicate id 'beans'"),
    "duplicate item id": (
        lambda d: d["exercises"][0]["design"]["items"].append(
            {"id": "roads", "label": {"en": "Roads"}}),
        "exercises[0].design.items[2] (“Roads”)", "duplicate id 'roads'"),
    "rating off the scale": (
        _set(["exercises", 1, "ballots", 0, "answer", "ratings", "water", "urgency"], 6),
        "exercises[1].ballots[0].answer.importance-urgency.ratings.water.urgency (“Matrix”)",
        "this must be 5 or less"),
    "unknown kind of exercise": (
        _set(["exercises", 1, "kind"], "quiz"), "exercises[1].kind (“Matrix”)",
        "Unknown kind of exercise 'quiz' (known kinds: "),
    "unknown status": (
        _set(["exercises", 0, "status"], "paused"), "exercises[0].status (“Beans”)",
        "use one of: draft, open, closed"),
    "pair shown to a stranger": (
        _set(["exercises", 0, "shown"], [{"participant": "stranger-1",
                                          "shown_at": "2026-03-01T09:00:00Z",
                                          "payload": {"pair": ["water", "roads"]}}]),
        "exercises[0].shown[0].participant (“Beans”)", "unknown participant 'stranger-1'"),
    "proposal by an unknown group": (
        _set(["exercises", 0, "proposals"], [{"id": "schools", "proposed_by": "elders", "payload":
                                              {"item": {"id": "schools",
                                                        "label": {"en": "Schools"}}}}]),
        "exercises[0].proposals[0].proposed_by (“Beans”)", "unknown group 'elders'"),
    "missing title": (lambda d: d.pop("title"), "title", "this field is missing: add it"),
    "one item only": (
        _set(["exercises", 1, "design", "items"], [{"id": "water", "label": {"en": "Water"}}]),
        "exercises[1].design.items (“Matrix”)", "this list needs at least 2 entries: add them"),
    "a date that is no date": (_set(["date"], "2026-13-45"), "date",
                               "this must be a date written YYYY-MM-DD (2026-03-12)"),
    "a time that is no time": (
        _set(["participants", 0, "joined_at"], "not a time"), "participants[0].joined_at",
        "this must be a date and time written 2026-03-12T09:30:00Z"),
    "a text where a list goes": (_set(["groups"], "women, miners"), "groups",
                                 "this must be a list: entries between square brackets"),
    "a number where a text goes": (_set(["title"], 42), "title",
                                   "this must be a text in double quotes"),
    "a whole number with decimals": (
        _set(["exercises", 0, "ballots", 0, "voters"], 1.5),
        "exercises[0].ballots[0].voters (“Beans”)",
        "this must be a whole number, without decimals"),
    "a label of invisible characters only": (
        _set(["exercises", 0, "design", "items", 1, "label"], {"en": "\u200b\u200e\u2060 \u3164"}),
        "exercises[0].design.items[1].label.en (“Beans”)",
        "this text shows nothing once its invisible characters (zero-width spaces, direction "
        "marks) are set aside: write visible words"),
    "a title of control characters only": (
        _set(["title"], "\x00\x1b[31m\u202e"), "title",
        "this text is too short: write at least 1 character"),
    "a label too long": (
        _set(["groups", 0, "label", "en"], "w" * 201), "groups[0].label.en",
        "this text is too long: at most 200 characters; shorten it"),
}


@pytest.mark.parametrize("change, where, problem", INVALID.values(), ids=INVALID.keys())
def test_invalid_file_names_the_field_and_the_problem(change, where, problem):
    """The message says which file, where (the field path and the thing's label) and what is
    wrong; nothing loads."""
    error = refusal(mutated(change))
    assert error.key == "file.invalid"
    message = str(error)
    assert message.startswith(f"test.json is not a valid workshop file: at {where}: {problem}")
    assert message.endswith(" (1 problem in all). Nothing was loaded.")


def test_the_count_of_problems_takes_its_plural_form():
    def broken(data):
        data["title"] = ""
        data["place"] = ""
        data["groups"][0]["colour"] = "blue"
    error = refusal(mutated(broken))
    assert error.message("en").endswith("(3 problems in all). Nothing was loaded.")
    assert error.message("fr").endswith("(3 problèmes en tout). Rien n'a été chargé.")
    assert refusal(mutated(_set(["title"], ""))).message("fr").endswith(
        "(1 problème en tout). Rien n'a été chargé.")


def test_a_problem_is_said_in_the_readers_language():
    """In French, with French spacing (a no-break space before a colon, inside « »)."""
    error = refusal(mutated(_set(["exercises", 0, "ballots", 1, "answer", "beans", "roads"], 7)))
    assert error.message("fr").replace("\u00a0", " ") == (
        "test.json n'est pas un fichier d'atelier valide : à exercises[0].ballots[1].answer "
        "(« beans (fr) ») : Trop de haricots : 11 placés, mais seulement 10 à donner "
        "(1 problème en tout). Rien n'a été chargé.")
    error = refusal(mutated(_set(["exercises", 0, "status"], "paused")))
    assert error.message("fr").replace("\u00a0", " ") == (
        "test.json n'est pas un fichier d'atelier valide : à exercises[0].status "
        "(« beans (fr) ») : utilisez l'une de ces valeurs : draft, open, closed (1 problème en "
        "tout). Rien n'a été chargé.")


def test_text_is_cleaned_of_control_characters_and_direction_overrides():
    """Stripped, not refused: NUL, terminal escapes, bidirectional overrides and isolates, a
    stray byte-order mark, half a surrogate pair; a line break in a label becomes a space.
    The marks a right-to-left language needs stay."""
    def hostile(data):
        data["title"] = "\x1b[1;31mWater\x1b[0m \u202efirst\u202c\x00"
        data["place"] = "Kandi\r\nBenin\ufeff\ud800"
        data["groups"][0]["label"] = {"en": "\u2067Women\u2069", "fr": "\u200fFemmes\u200f"}
    workshop = parse_workshop(json.dumps(mutated(hostile)))
    assert workshop.title == "Water first"
    assert workshop.place == "Kandi Benin"
    assert workshop.groups[0].label == {"en": "Women", "fr": "\u200fFemmes\u200f"}


# ---- broken files: what people's files really look like ---------------------------------------

def file_text(change=None) -> str:
    """The valid workshop as a file would hold it (2-space JSON, 163 lines), changed."""
    return json.dumps(mutated(change) if change else valid_data(), indent=2, ensure_ascii=False)


def nested(depth: int) -> str:
    """The valid workshop with a ballot answer ``depth`` lists deep (the file nests 7 more)."""
    return file_text().replace('"water": 10', f'"water": {"[" * depth}{"]" * depth}', 1)


def with_duplicate(text: str, field: str, value: str) -> str:
    """``text`` with ``field`` given a second time, just before its first."""
    return text.replace(f'"{field}": ', f'"{field}": {value},\n  "{field}": ', 1)


CUT = file_text()[:1400]  # stops inside the exercises list
NOTEPAD = ("Open it in Notepad, choose File › Save as, set Encoding to “UTF-8”, save, and "
           "import the saved file. Nothing was loaded.")
INVALID_AT = "test.json is not a valid workshop file: at "
AT_LINE = INVALID_AT + "line "

BROKEN = {
    # name: (the file's bytes, the message a user reads)
    "cut off inside an object": (
        CUT.encode(), "test.json stops too early, at line 70, column 9: the file was cut off, "
        "perhaps by a copy or a download that did not finish. Copy or export it again, and "
        "import the new copy. Nothing was loaded."),
    "cut off inside a text": (
        CUT[:CUT.rindex('"') - 2].encode(), "test.json stops too early, at line 66, column 21: "
        "the file was cut off, perhaps by a copy or a download that did not finish. Copy or "
        "export it again, and import the new copy. Nothing was loaded."),
    "empty": (b"", "test.json is empty. Choose the workshop file itself (the .json from "
                   "Results › Download the workshop file). Nothing was loaded."),
    "only blank lines": (b"\r\n \r\n", "test.json is empty. Choose the workshop file itself "
                         "(the .json from Results › Download the workshop file). Nothing was "
                         "loaded."),
    "an Excel workbook renamed": (
        b"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml",
        "test.json is an Excel workbook (or another zipped file), not a workshop file. Choose "
        "the workshop file itself (the .json from Results › Download the workshop file). "
        "Nothing was loaded."),
    "saved by Notepad in Windows-1252": (
        file_text(_set(["place"], "Kandi — Bénin")).encode("cp1252"),
        "test.json is not saved as UTF-8: it seems to be in Windows-1252, and line 5, column 19 "
        "has a character this app cannot read as UTF-8. " + NOTEPAD),
    "UTF-16 without its byte-order mark": (
        file_text().encode("utf-16-le"),
        "test.json is not saved as UTF-8: it seems to be in UTF-16, and line 1, column 1 has a "
        "character this app cannot read as UTF-8. " + NOTEPAD),
    "UTF-32": (
        file_text().encode("utf-32"),
        "test.json is not saved as UTF-8: it seems to be in UTF-32, and line 1, column 1 has a "
        "character this app cannot read as UTF-8. " + NOTEPAD),
    "bytes no encoding can read": (
        file_text().encode().replace(b"Testville", b"Test\x81\x8dville"),
        "test.json is not saved as UTF-8: it seems to be in an encoding this app does not "
        "recognise, and line 5, column 17 has a character this app cannot read as UTF-8. "
        + NOTEPAD),
    "nested 10 000 deep": (
        nested(10_000).encode(), AT_LINE + "85, column 49: lists and objects "
        "are nested more than 32 deep; a workshop file never nests that deep: check the file "
        "was made by this app. Nothing was loaded."),
    "nested just past the limit": (
        nested(26).encode(), AT_LINE + "85, column 49: lists and objects are "
        "nested more than 32 deep; a workshop file never nests that deep: check the file was "
        "made by this app. Nothing was loaded."),
    "a 5 000-digit number": (
        file_text().replace('"beans": 10', '"beans": ' + "7" * 5000, 1).encode(),
        AT_LINE + "61, column 18: a number 5000 characters long; no number in "
        "a workshop file has more than 30: check the file was not damaged. Nothing was loaded."),
    "a number too big to hold": (
        file_text().replace('"beans": 10', '"beans": 1e999', 1).encode(),
        AT_LINE + "61, column 18: “1e999” is not a number a workshop file can "
        "hold: write an ordinary number. Nothing was loaded."),
    "NaN": (file_text().replace('"beans": 10', '"beans": NaN', 1).encode(),
            AT_LINE + "61, column 18: “NaN” is not a number a workshop file "
            "can hold: write an ordinary number. Nothing was loaded."),
    "-Infinity": (file_text().replace('"voters": 1', '"voters": -Infinity', 1).encode(),
                  AT_LINE + "81, column 21: “-Infinity” is not a number a "
                  "workshop file can hold: write an ordinary number. Nothing was loaded."),
    "a field given twice": (
        with_duplicate(file_text(), "title", '"Old title"').encode(),
        INVALID_AT + "the top level of the file, the field “title” is given twice, so it cannot "
        "be read either way. Keep the one you mean and delete the other. Nothing was loaded."),
    "an item's label given twice": (
        file_text().replace('"en": "Roads"', '"en": "Roads", "en": "Routes"', 1).encode(),
        INVALID_AT + "exercises[0].design.items[1].label (“Beans”), the field “en” is given "
        "twice, so it cannot be read either way. Keep the one you mean and delete the other. "
        "Nothing was loaded."),
    "a comma too many": (
        file_text().replace('"expected": 0\n    }\n  ],', '"expected": 0\n    },\n  ],', 1)
        .encode(), AT_LINE + "26, column 3: a value is missing here (a text "
        "in double quotes, a number, true, false, null, a list or an object); a comma just "
        "before a closing bracket is a common cause: remove it. Nothing was loaded."),
    "a comma missing": (
        file_text().replace('"place": "Testville",', '"place": "Testville"', 1).encode(),
        AT_LINE + "6, column 3: a comma is missing between two entries: add "
        "it. Nothing was loaded."),
    "single quotes": (
        file_text().replace('"title": "Test workshop"', "'title': 'Test workshop'", 1).encode(),
        AT_LINE + "4, column 3: a field name must be in double quotes "
        "(\"title\"), and no comma may come just before a closing curly bracket: correct it. "
        "Nothing was loaded."),
    "a line break typed inside a text": (
        file_text().replace("Test workshop", "Test\nworkshop", 1).encode(),
        AT_LINE + "4, column 17: a text holds a line break or another "
        "invisible control character: write a line break as \\n, or remove the character. "
        "Nothing was loaded."),
    "a NUL byte inside a text": (
        file_text().replace("Testville", "Test\x00ville", 1).encode(),
        AT_LINE + "5, column 17: a text holds a line break or another "
        "invisible control character: write a line break as \\n, or remove the character. "
        "Nothing was loaded."),
    "a Windows path with single backslashes": (
        file_text().replace("Testville", "C:\\\\Users\\\\ana", 1).replace("\\\\", "\\").encode(),
        AT_LINE + "5, column 15: a backslash in a text starts an escape JSON "
        "does not know: write a backslash as \\\\. Nothing was loaded."),
    "two workshops one after the other": (
        (file_text() + "\n" + file_text()).encode(),
        AT_LINE + "164, column 1: the workshop ends here but more text "
        "follows: a file holds one workshop, so delete what comes after. Nothing was loaded."),
    "a list instead of a workshop": (
        b"[]", INVALID_AT + "the top level of the file: this must be an object: fields between "
        "curly brackets (1 problem in all). Nothing was loaded."),
    "30 000 items": (
        file_text(_set(["exercises", 0, "design", "items"], [
            {"id": f"item-{n}", "label": {"en": f"Item {n}"}} for n in range(30_000)])).encode(),
        "test.json is more than this app runs: exercises[0].design.items (“Beans”) has 30000 "
        "entries, and at most 100 are allowed, far more than any workshop uses (see Limits in "
        "docs/file-format.md). Nothing was loaded."),
    "6 000 participants": (
        file_text(lambda d: d["participants"].extend(
            joined(f"extra-{n:05d}", "women") for n in range(6000))).encode(),
        "test.json is more than this app runs: participants has 6003 entries, and at most 5000 "
        "are allowed, far more than any workshop uses (see Limits in docs/file-format.md). "
        "Nothing was loaded."),
    "a file bigger than any workshop": (
        b" " * (32 * 1024 * 1024 + 1),
        "test.json is 32.0 MB: a workshop file is at most 32 MB, far more than any workshop "
        "needs. Check that it is a workshop file (the .json from Results › Download the "
        "workshop file). Nothing was loaded."),
    "an item whose label is invisible": (
        file_text(_set(["exercises", 0, "design", "items", 1, "label"],
                       {"en": "\u200b\u200d\u2062"})).encode(),
        INVALID_AT + "exercises[0].design.items[1].label.en (“Beans”): this text shows nothing "
        "once its invisible characters (zero-width spaces, direction marks) are set aside: "
        "write visible words (1 problem in all). Nothing was loaded."),
    "a newer format": (
        file_text(_set(["format_version"], 4)).encode(),
        "test.json was written by a newer version of ASM Workshop Studio (file format 4; this "
        "version reads formats up to 3). Update the app to open it. Nothing was loaded."),
    "no format_version, and not the shape of version 1": (
        file_text(lambda d: (d.pop("format_version"), d.update(score_ballots=7))).encode(),
        "test.json cannot be read as a workshop file of format version 1 (a file that states no "
        "format_version is read as version 1): its fields do not have the shape that version "
        "gave them. Check that it is a workshop file (the .json from Results › Download the "
        "workshop file). Nothing was loaded."),
    "a number instead of a date": (
        file_text(_set(["date"], "1 March 2026")).encode(),
        INVALID_AT + "date: this must be a date written YYYY-MM-DD (2026-03-12) (1 problem in "
        "all). Nothing was loaded."),
}


@pytest.mark.parametrize("raw, message", BROKEN.values(), ids=BROKEN.keys())
def test_a_broken_file_is_refused_with_a_message_that_says_where_and_what_to_do(raw, message):
    with pytest.raises(WorkshopFileError) as error:
        parse_workshop(raw, source="test.json")
    assert error.value.message("en") == message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be"])
def test_utf8_with_its_mark_and_utf16_with_its_mark_are_read(encoding):
    """What Notepad writes when told "UTF-8" (with a mark) or "Unicode" (UTF-16 with one)."""
    text = file_text(_set(["place"], "Kandi — Bénin"))
    raw = text.encode(encoding) if encoding != "utf-16-be" else codecs.BOM_UTF16_BE + \
        text.encode("utf-16-be")
    assert parse_workshop(raw).place == "Kandi — Bénin"


def test_30_000_items_are_refused_before_anything_is_computed():
    """The limits are checked on the parsed file, before validation: the refusal takes
    milliseconds (the issue measured 5 minutes and 21.5 GB of memory for results once loaded).
    Timed loosely: a busy machine must not make it fail."""
    raw = BROKEN["30 000 items"][0]
    started = time.perf_counter()
    with pytest.raises(WorkshopFileError):
        parse_workshop(raw)
    assert time.perf_counter() - started < 5


def test_a_broken_file_read_from_disk_is_refused_the_same(tmp_path):
    path = tmp_path / "atelier.json"
    path.write_bytes(BROKEN["a 5 000-digit number"][0])
    with pytest.raises(WorkshopFileError) as error:
        read_workshop(path)
    assert error.value.message("en").startswith("atelier.json is not a valid workshop file: at "
                                                "line 61, column 18: a number 5000 characters")


def test_a_file_too_big_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "huge.json"
    with open(path, "wb") as out:
        out.truncate(33 * 1024 * 1024)  # a sparse file: nothing written, nothing to read
    monkeypatch.setattr(Path, "read_bytes", lambda self: pytest.fail("the file was read"))
    with pytest.raises(WorkshopFileError) as error:
        read_workshop(path)
    assert error.value.key == "file.too_big"
    assert error.value.message("fr").replace("\u00a0", " ").startswith(
        "huge.json fait 33.0 Mo : un fichier d'atelier fait au plus 32 Mo")


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


def test_schema_describes_the_format_and_each_kinds_design():
    generated = schema()
    assert {"code", "groups", "participants", "exercises"} <= set(generated["properties"])
    assert generated["additionalProperties"] is False
    exercise = generated["$defs"]["Exercise"]
    assert exercise["properties"]["kind"]["enum"] == [spec.name for spec in kinds()]
    assert exercise["properties"]["kind"]["enum"][:4] == ["prioritisation", "network", "lim", "emp"]
    designs = {rule["if"]["properties"]["kind"]["const"]: rule["then"]["properties"]["design"]
               for rule in exercise["allOf"]}
    assert designs["lim"] == {"$ref": "#/$defs/IncentiveMatrix"}
    assert "instruments" in generated["$defs"]["IncentiveMatrix"]["properties"]


# ---- versions ----------------------------------------------------------------------------------

def without_profiles(document: dict) -> dict:
    """A workshop file as version 2 could have written it: no profile, no participant's
    attributes, no head-counts by gender, and no pictograms (the samples have since changed
    some for older phones)."""
    def strip(value):
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items()
                    if k not in ("pictogram", "attributes", "profile", "expected_by")}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value
    return strip(document)


@pytest.mark.parametrize("name", ["benin-atacora-gold.json", "drc-south-kivu-tin.json"])
def test_a_version_1_sample_upgrades_to_the_version_2_sample(name):
    """Version 1 → 3 gives what version 2 wrote, upgraded alike, for the kinds version 1 had (the
    same people, designs and ballots, every exercise in one list); both files are history."""
    from_v1 = json.loads(dump_workshop(read_workshop(VERSION_1 / name)))
    from_v2 = json.loads(dump_workshop(read_workshop(VERSION_2 / name)))
    # Since version 1 the samples have a stronger PIN (and their note says it), and a
    # rehabilitation plan, a kind version 1 did not have.
    from_v2["exercises"] = [e for e in from_v2["exercises"] if e["kind"] != "rehabilitation"]
    from_v1.update(pin_hash=from_v2["pin_hash"], note=from_v2["note"])
    assert from_v1 == from_v2


@pytest.mark.parametrize("name", ["benin-atacora-gold.json", "drc-south-kivu-tin.json"])
def test_a_version_2_sample_upgrades_to_todays_sample_before_profiles(name):
    """Version 2 → 3: the same workshop, asking no profile (``profile`` empty); today's sample is
    it with the profile asked and answered."""
    upgraded = read_workshop(VERSION_2 / name)
    assert upgraded.profile == [] and all(not p.attributes for p in upgraded.participants)
    today = read_workshop(ROOT / "sample_workshops" / name)
    assert today.profile == ["gender", "age"]
    assert (without_profiles(json.loads(dump_workshop(upgraded)))
            == without_profiles(json.loads(dump_workshop(today))))


def test_version_1_parts_become_exercises_of_their_kinds():
    """The map, the LIM and the EMP of a version-1 file become exercises after the
    prioritisations, closed when people had answered, a draft otherwise; an item waiting for
    approval becomes a proposal, and the pairs offered become what was shown."""
    document = json.loads((VERSION_1 / "drc-south-kivu-tin.json").read_text(encoding="utf-8"))
    upgraded = upgrade(document)
    assert upgraded["format_version"] == FORMAT_VERSION == 3
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
                          "(file format 4; this version reads formats up to 3). Update the app "
                          "to open it. Nothing was loaded.")


def test_a_broken_version_1_file_is_refused_with_the_path_of_its_upgrade():
    """A version-1 file is read through its upgrade: a problem is named where version 2 has it."""
    document = json.loads((VERSION_1 / "benin-atacora-gold.json").read_text(encoding="utf-8"))
    document["score_ballots"][0]["scores"]["land-access"]["leverage"] = 9
    error = refusal(document)
    assert error.key == "file.invalid"
    assert "at exercises[7].ballots[0].answer" in str(error)
