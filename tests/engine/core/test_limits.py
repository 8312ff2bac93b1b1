"""The limits of a workshop: one table, documented, checked on every file read and on what the
room or the set-up would add to the store, with a message naming where."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.core import limits
from engine.core.errors import BallotError, SetupError
from engine.core.limits import Excess, first_excess

from factories import at, small_workshop, tokens_exercise, workshop_data

ROOT = Path(__file__).resolve().parents[3]
CODE = "TESTA"


def test_every_limit_is_in_the_docs_with_its_value():
    """docs/file-format.md lists each limit by name with the value the code enforces."""
    documented = (ROOT / "docs" / "file-format.md").read_text(encoding="utf-8")
    table = documented[documented.index("## Limits"):]
    for name, value in limits.LIMITS.items():
        row = re.search(rf"^\| `{name}` \| ([^|]+) \|", table, re.MULTILINE)
        assert row, f"{name} is not in the Limits table"
        shown = row[1].strip()
        expected = (f"{value // (1024 * 1024)} MB" if name == "file_bytes"
                    else f"{value:,}".replace(",", " "))
        assert shown == expected, (name, shown, expected)


def test_the_samples_are_far_within_every_limit():
    """A real workshop (the samples: 30 people, 9 exercises) uses a tenth of each or less."""
    for path in sorted((ROOT / "sample_workshops").glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        assert path.stat().st_size * 10 < limits.FILE_BYTES
        assert len(document["participants"]) * 10 < limits.PARTICIPANTS
        for exercise in document["exercises"]:
            assert len(exercise["ballots"]) * 10 < limits.BALLOTS
            for value in exercise["design"].values():
                labelled = isinstance(value, list) and value and "label" in value[0]
                if labelled:
                    assert len(value) * 3 <= limits.ITEMS
                elif isinstance(value, list):
                    assert len(value) * 10 <= limits.DESIGN_ENTRIES


@pytest.mark.parametrize("change, excess", [
    (lambda d: d["groups"].extend({"id": f"g{n}", "label": {"en": f"G{n}"}} for n in range(50)),
     Excess("groups", 51, limits.GROUPS)),
    (lambda d: d["exercises"][0]["ballots"].extend([{}] * (limits.BALLOTS + 1)),
     Excess("exercises[0].ballots", limits.BALLOTS + 1, limits.BALLOTS)),
    (lambda d: d["exercises"][0]["design"]["items"].extend(
        {"id": f"i{n}", "label": {"en": "I"}} for n in range(99)),
     Excess("exercises[0].design.items", 101, limits.ITEMS)),
    # Entries without a label (links, assessments…) may be more numerous.
    (lambda d: d["exercises"][0]["design"].update(links=[{"source": "a"}] * 101), None),
    (lambda d: d["exercises"][0]["design"].update(links=[{"source": "a"}] * 2001),
     Excess("exercises[0].design.links", 2001, limits.DESIGN_ENTRIES)),
    (lambda d: d["exercises"][0]["design"].update(nested={"deeper": [[{"label": {}}] * 101]}),
     Excess("exercises[0].design.nested.deeper[0]", 101, limits.ITEMS)),
])
def test_the_first_list_over_its_limit_is_found(change, excess):
    data = workshop_data({"women": ["w-1", "w-2"]}, [tokens_exercise("beans", ["a", "b"])])
    change(data)
    assert first_excess(data) == excess


def test_anything_but_a_workshop_object_has_nothing_to_measure():
    assert first_excess([[]] * 10_000) is None
    assert first_excess({"exercises": "many", "groups": {"a": 1}}) is None


# ---- the store refuses what a file could not hold -------------------------------------------

@pytest.fixture
def filled(store):
    store.import_workshop(small_workshop({"women": ["woman-1", "woman-2"]}, [
        tokens_exercise("beans", ["water", "roads"])]))
    return store


def test_a_join_past_the_participants_limit_is_refused(filled, monkeypatch):
    monkeypatch.setattr(limits, "PARTICIPANTS", 3)
    filled.join(CODE, "women", "en", at(1))
    with pytest.raises(BallotError) as error:
        filled.join(CODE, "women", "en", at(2))
    assert str(error.value) == ("This workshop already has 3 participants, the most it can "
                                "hold. Tell the facilitator. Nothing was recorded.")
    assert len(filled.load(CODE).participants) == 3


def test_a_proposal_past_the_waiting_limit_is_refused(filled, monkeypatch):
    monkeypatch.setattr(limits, "PROPOSALS", 2)
    filled.propose(CODE, "beans", "woman-1", {"text": "Schools"}, "en", at(1))
    filled.propose(CODE, "beans", "woman-2", {"text": "Clinics"}, "en", at(2))
    with pytest.raises(BallotError) as error:
        filled.propose(CODE, "beans", "woman-1", {"text": "Roads"}, "en", at(3))
    assert error.value.message("en") == (
        "This exercise already has 2 proposals waiting. Ask the facilitator to review them "
        "first. Nothing was recorded.")
    assert len(filled.load(CODE).exercise("beans").proposals) == 2


def test_a_set_up_change_past_the_items_limit_is_refused_and_changes_nothing(filled,
                                                                             monkeypatch):
    monkeypatch.setattr(limits, "ITEMS", 3)
    before = filled.load(CODE)
    design = before.exercise("beans").design.model_dump(mode="json")
    design["items"] += [{"id": f"more-{n}", "label": {"en": f"More {n}"}} for n in range(2)]
    with pytest.raises(SetupError) as error:
        filled.save_exercise(CODE, "beans", design)
    assert str(error.value) == ("This change cannot be saved: exercises[0].design.items would "
                                "have 4 entries, and at most 3 are allowed. Nothing was changed.")
    assert filled.load(CODE) == before


def test_the_participants_limit_counts_each_workshop_apart(store, monkeypatch):
    monkeypatch.setattr(limits, "PARTICIPANTS", 2)
    store.import_workshop(small_workshop({"women": ["woman-1", "woman-2"]}))  # full
    store.import_workshop(small_workshop({"women": []}, code="PLACE"))
    assert store.join("PLACE", "women", "en", at(1)).group == "women"
    with pytest.raises(BallotError):
        store.join(CODE, "women", "en", at(1))
