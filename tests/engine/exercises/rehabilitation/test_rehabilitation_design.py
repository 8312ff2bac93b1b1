"""A plan's rules: each bad input the issue lists (a task dated before its phase, a negative or
absurd quantity, a rate of 0, an unknown species or unit) and the others, refused with a message
that names the task and the field, in the facilitator's language; in a workshop file, with the
field's path. The store refuses them too, on SQLite and PostgreSQL, with nothing written."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import TypeAdapter

from engine.core.errors import BallotError, SetupError, WorkshopFileError
from engine.core.file_format import dump_workshop, parse_workshop
from engine.core.store import Store
from engine.exercises.rehabilitation.design import (RehabilitationError, RehabilitationPlan,
                                                    check_plan)
from engine.exercises.rehabilitation.setup import (rate_rows, rates_from_rows, revised,
                                                   task_rows, tasks_from_rows)
from engine.exercises.rehabilitation.starter import STARTING_RATES, starter_plan

from factories import at
from rap_example import EXERCISE, example_workshop, plan, plan_data, workshop_file_data

Change = Callable[[dict[str, Any]], None]


def task_of(data: dict[str, Any], task_id: str) -> dict[str, Any]:
    return next(task for phase in data["phases"] for task in phase["tasks"]
                if task["id"] == task_id)


def setting(task_id: str, **fields: Any) -> Change:
    return lambda data: task_of(data, task_id).update(fields)


def rate_setting(index: int, **fields: Any) -> Change:
    return lambda data: data["rates"][index].update(fields)


# (what is wrong, the change, the key, the field's path, the task named, a word of the message)
CASES = [
    ("a task before its phase", setting("regrade", start="2026-03-01"), "before_phase",
     "phases[1].tasks[2].start", "regrade", "2026-03-09"),
    ("a negative quantity", setting("plant", quantity=-5), "negative_quantity",
     "phases[3].tasks[0].quantity", "plant", "-5"),
    ("a pit deeper than 200 m", setting("infill-machine", depth=250), "pit_too_deep",
     "phases[1].tasks[1].depth", "infill-machine", "250"),
    ("an area larger than the site", setting("regrade", quantity=25000), "area_larger_than_site",
     "phases[1].tasks[2].quantity", "regrade", "20000"),
    ("a rate of 0", rate_setting(2, person_days=0), "rate_zero", "rates[2].person_days", None,
     "m2"),
    ("an unknown species", setting("plant", species="baobab"), "unknown_species",
     "phases[3].tasks[0].species", "plant", "baobab"),
    ("an unknown unit", setting("regrade", unit="acre"), "unknown_unit",
     "phases[1].tasks[2].unit", "regrade", "acre"),
    ("pits wider than the site", setting("infill-hand", quantity=8000),
     "pits_wider_than_site", "phases[1].tasks[0].opening", "infill-hand", "8000"),
    ("a pit without depth", setting("infill-hand", depth=None), "pit_depth",
     "phases[1].tasks[0].depth", "infill-hand", "depth"),
    ("half a pit", setting("infill-hand", quantity=2.5), "whole_quantity",
     "phases[1].tasks[0].quantity", "infill-hand", "2.5"),
    ("a depth on ground work", setting("regrade", depth=1), "not_a_pit_depth",
     "phases[1].tasks[2].depth", "regrade", "depth"),
    ("more topsoil than conserved", setting("respread", quantity=2500),
     "more_topsoil_than_plan", "phases[2].tasks[0].quantity", "respread", "2500"),
    ("seedlings without species", setting("plant", species=None), "needs_species",
     "phases[3].tasks[0].species", "plant", "species"),
    ("an end before the start", setting("survey", end="2026-03-01"), "end_before_start",
     "phases[0].tasks[0].end", "survey", "2026-03-01"),
    ("more working days than dates", setting("survey", quantity=6), "more_days_than_dates",
     "phases[0].tasks[0].quantity", "survey", "5"),
    ("no rate for the method", setting("regrade", method="mechanised"), "no_rate",
     "phases[1].tasks[2].method", "regrade", "mechanised"),
    ("a task id twice", setting("plant", id="regrade"), "task_duplicate",
     "phases[3].tasks[0].id", "regrade", "regrade"),
    ("a wage of 0", lambda data: data["costs"].update(wage=0), "wage_zero", "costs.wage", None,
     "0"),
    ("an unknown currency", lambda data: data["costs"].update(currency="XYZ"), "currency",
     "costs.currency", None, "XYZ"),
    ("a mechanised rate without machine", rate_setting(1, equipment_days=0),
     "rate_no_equipment", "rates[1].equipment_days", None, "pit"),
    ("two rates for one unit and method", lambda data: data["rates"].append(
        dict(data["rates"][0])), "rate_duplicate", "rates[6].method", None, "pit"),
    ("topsoil larger than the site", lambda data: data["topsoil"].update(area=30000),
     "topsoil_area", "topsoil.area", None, "30000"),
    ("a topsoil 2 m deep", lambda data: data["topsoil"].update(depth=2), "topsoil_depth",
     "topsoil.depth", None, "2"),
    ("phases out of order", lambda data: data["phases"].reverse(), "phases", "phases", None,
     "preparation"),
    ("one land use only", lambda data: data["land_uses"].pop(), "land_uses_few", "land_uses",
     None, "two"),
    ("assessed before the handover", lambda data: data.update(
        handover={"assessed_by": "Commune environment office", "assessed_on": "2026-10-01"}),
     "assessed_before_handover", "handover.assessed_on", None, "2026-11-02"),
]
IDS = [case[0] for case in CASES]


def broken(change: Change) -> dict[str, Any]:
    data = plan_data()
    change(data)
    return data


def parts(data: dict[str, Any]) -> dict[str, Any]:
    """The plan's parts as models, each validated alone: what ``check_plan`` takes."""
    fields = RehabilitationPlan.model_fields
    given = {"handover": {}, "species": [], **data}
    return {name: TypeAdapter(fields[name].annotation).validate_python(value)
            for name, value in given.items()}


@pytest.mark.parametrize("what, change, key, where, task, word", CASES, ids=IDS)
def test_check_plan_names_the_task_and_the_field(what, change, key, where, task, word):
    with pytest.raises(RehabilitationError) as refused:
        check_plan(**parts(broken(change)))
    error = refused.value
    assert (error.key, error.params["where"]) == (f"rehabilitation.error.{key}", where)
    assert error.params.get("task") == task
    assert word in error.message("en")
    for lang, task_word in (("en", "Task"), ("fr", "Tâche")):
        message = error.message(lang)
        assert "rehabilitation." not in message and "{" not in message
        if task:
            assert task in message and message.startswith(task_word)


@pytest.mark.parametrize("what, change, key, where, task, word", CASES, ids=IDS)
def test_a_workshop_file_with_the_problem_is_refused_at_the_field(what, change, key, where,
                                                                  task, word):
    text = json.dumps(workshop_file_data(design=broken(change)))
    with pytest.raises(WorkshopFileError) as refused:
        parse_workshop(text.encode())
    found = refused.value.params["where"]
    assert getattr(found, "path", found) == f"exercises[0].design.{where}"
    message = refused.value.message("en")
    assert word in message and (task is None or task in message)


def spaced(text: str) -> str:
    """French text with its no-break spaces (French typography) as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def test_the_french_message_names_the_task_and_its_field():
    with pytest.raises(RehabilitationError) as refused:
        check_plan(**parts(broken(setting("infill-machine", depth=250))))
    assert spaced(refused.value.message("fr")) == (
        "Tâche « infill-machine » : sa profondeur de 250 m dépasse ce que peut être une fosse "
        "(200 m au plus).")
    assert refused.value.message("en") == (
        "Task 'infill-machine': its depth of 250 m is deeper than a pit can be (200 m at most).")


# ---- the set-up tables -------------------------------------------------------------------------

def test_the_tasks_table_round_trips_and_saves_each_task_in_its_phase():
    current = plan()
    rows = task_rows(current)
    assert [row["phase"] for row in rows] == ["preparation", "technical", "technical",
                                              "technical", "topsoil", "biological", "handover"]
    assert tasks_from_rows(current, rows) == current
    moved = [dict(row, phase="technical", start=dt.date(2026, 3, 10), end=dt.date(2026, 3, 13))
             if row["id"] == "survey" else row for row in rows]
    changed = tasks_from_rows(current, moved)
    assert changed.phase("technical").tasks[0].id == "survey"
    assert changed.phase("preparation").tasks == []


def test_a_bad_task_row_is_refused_in_french_naming_the_task():
    rows = task_rows(plan())
    rows[2] = {**rows[2], "depth": 250}
    with pytest.raises(RehabilitationError) as refused:
        tasks_from_rows(plan(), rows)
    assert "infill-machine" in refused.value.message("fr")
    assert refused.value.params["where"] == "phases[1].tasks[1].depth"


def test_a_task_row_without_a_phase_is_refused_naming_the_row():
    rows = task_rows(plan()) + [{"phase": None, "id": "extra", "label_en": "Extra",
                                 "quantity": 1, "unit": "day"}]
    with pytest.raises(RehabilitationError) as refused:
        tasks_from_rows(plan(), rows)
    assert refused.value.message("en") == "Tasks table, row 8: choose the task's phase."


def test_a_starting_rate_changed_is_saved_as_a_local_one():
    starter = starter_plan("en", dt.date(2026, 3, 1))
    rows = rate_rows(starter)
    assert all(row["starting"] for row in rows) and len(rows) == len(STARTING_RATES)
    rows[0] = {**rows[0], "person_days": 0.5}  # pits by hand, measured locally
    saved = rates_from_rows(starter, rows)
    assert [rate.starting for rate in saved.rates][:3] == [False, True, True]
    assert saved.rates[0].person_days == 0.5


def test_the_starter_plan_is_valid_and_marks_its_starting_values():
    for lang, currency in (("en", "USD"), ("fr", "XOF")):
        starter = starter_plan(lang, dt.date(2026, 3, 17))
        assert starter.costs.currency == currency and starter.costs.starting
        assert [phase.start.isoformat() for phase in starter.phases] == [
            "2026-03-01", "2026-04-01", "2026-06-01", "2026-08-01", "2027-02-01"]
        assert len(starter.tasks()) == 19 and len(starter.land_uses) == 5


def test_revising_a_part_keeps_the_others():
    current = plan()
    cheaper = revised(current, costs=current.costs.model_copy(update={"wage": 2000}))
    assert cheaper.costs.wage == 2000 and cheaper.phases == current.phases
    with pytest.raises(RehabilitationError):
        revised(current, costs=current.costs.model_copy(update={"wage": 0}))


# ---- the store, on SQLite and PostgreSQL -------------------------------------------------------

@pytest.fixture
def stored(store) -> Store:
    store.import_workshop(example_workshop())
    return store


@pytest.mark.parametrize("what, change, key, where, task, word", CASES, ids=IDS)
def test_the_store_refuses_a_bad_plan_and_writes_nothing(stored, what, change, key, where, task,
                                                         word):
    before = dump_workshop(stored.load("RAPEX"))
    with pytest.raises(SetupError) as refused:
        stored.save_exercise("RAPEX", EXERCISE, broken(change))
    message = refused.value.message("en")
    assert f"exercises[0].design.{where}" in message and word in message
    if task:
        assert f"Task '{task}'" in message
    assert dump_workshop(stored.load("RAPEX")) == before


def test_the_store_saves_a_good_plan_and_takes_votes(stored):
    cheaper = plan().model_copy(update={"costs": plan().costs.model_copy(update={"wage": 2000})})
    stored.save_exercise("RAPEX", EXERCISE, cheaper)
    assert stored.load("RAPEX").exercise(EXERCISE).design.costs.wage == 2000
    ballot = stored.cast("RAPEX", EXERCISE, "office-o1", {"land_use": "farming",
                                                          "acceptability": 1}, at(30))
    assert stored.load("RAPEX").exercise(EXERCISE).ballots[-1] == ballot


@pytest.mark.parametrize("answer, rule", [
    ({"land_use": "mine-again", "acceptability": 3},
     "'mine-again' is not one of the land uses on offer."),
    ({"land_use": "farming", "acceptability": 6}, "acceptability"),
    ({"land_use": "farming"}, "acceptability"),
])
def test_the_store_refuses_a_bad_vote_and_records_nothing(stored, answer, rule):
    count = len(stored.load("RAPEX").exercise(EXERCISE).ballots)
    with pytest.raises(BallotError) as refused:
        stored.cast("RAPEX", EXERCISE, "office-o1", answer, at(30))
    assert rule in refused.value.message("en")
    assert refused.value.message("en").endswith("Nothing was recorded.")
    assert len(stored.load("RAPEX").exercise(EXERCISE).ballots) == count


def test_a_closed_plan_takes_no_vote(stored):
    stored.set_status("RAPEX", EXERCISE, "closed")
    with pytest.raises(BallotError) as refused:
        stored.cast("RAPEX", EXERCISE, "office-o1", {"land_use": "farming",
                                                     "acceptability": 4}, at(30))
    assert refused.value.key == "ballot.exercise_not_open"


def test_a_land_use_people_voted_for_cannot_be_removed(stored):
    data = plan_data()
    data["land_uses"] = [*data["land_uses"][:1], {"id": "grazing", "label": {"en": "Grazing"}}]
    with pytest.raises(SetupError, match="forest"):
        stored.save_exercise("RAPEX", EXERCISE, data)
