"""Setting a workshop up: a new workshop (from the starter groups or a template), the groups
table of the set-up page, ids made from titles, and revising a model as a whole."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import pytest

from engine.core import setup
from engine.core.access import verify_pin
from engine.core.errors import SetupError, render
from engine.core.file_format import read_workshop
from engine.core.exercise import kinds
from engine.core.records import Group
from engine.core.setup import (STARTER_GROUPS, group_rows, groups_from_rows, new_workshop, revise,
                               unique_id)
from engine.core.workshop import Workshop

DATE = dt.date(2026, 4, 2)
SAMPLE = Path(__file__).resolve().parents[3] / "sample_workshops" / "benin-atacora-gold.json"


def create(**overrides) -> Workshop:
    options = {"title": "Atelier de Kédougou", "place": "Kédougou", "date": DATE,
               "language": "fr", "pin": "975318", "taken_codes": set()}
    return new_workshop(**(options | overrides))


def setup_error(call, *args) -> SetupError:
    with pytest.raises(SetupError) as error:
        call(*args)
    return error.value


# ---- new workshops ----------------------------------------------------------------------------

def test_new_workshop_starts_with_the_starter_groups_and_nothing_else():
    workshop = create()
    assert workshop.groups == STARTER_GROUPS
    assert (workshop.participants, workshop.exercises) == ([], [])
    assert (workshop.title, workshop.place, workshop.date, workshop.language) == (
        "Atelier de Kédougou", "Kédougou", DATE, "fr")
    assert workshop.fictional is False and workshop.small_group_threshold == 3


def test_new_workshop_pin_is_stored_hashed_and_verifies():
    workshop = create(pin="975318")
    assert "975318" not in workshop.pin_hash
    assert verify_pin("975318", workshop.pin_hash)
    assert not verify_pin("975319", workshop.pin_hash)


def test_new_workshop_refuses_a_short_pin():
    with pytest.raises(SetupError) as error:
        create(pin="97531")
    assert error.value.key == "pin.too_short"


def test_new_workshop_draws_again_until_the_code_is_free(monkeypatch):
    drawn = iter(["TAKEN", "ABCDE", "TAKEN", "FRESH"])
    monkeypatch.setattr(setup.access, "new_join_code", lambda: next(drawn))
    assert create(taken_codes={"TAKEN", "ABCDE"}).code == "FRESH"


def test_new_workshop_from_a_template_copies_every_exercise_as_a_draft_design():
    """The sample as a template: its groups, and each of its exercises (six prioritisations, a
    map, a LIM, an EMP) with its kind, title and design, as a draft to which nothing was sent:
    no participant, ballot, pair shown or proposal."""
    template = read_workshop(SAMPLE)
    workshop = create(template=template)
    assert workshop.groups == template.groups
    assert workshop.participants == []
    assert [(e.id, e.kind, e.title, e.design) for e in workshop.exercises] == [
        (e.id, e.kind, e.title, e.design) for e in template.exercises]
    assert {e.kind for e in workshop.exercises} == {spec.name for spec in kinds()}
    assert {e.status for e in template.exercises} > {"draft"}  # some were open or closed
    assert all(e.status == "draft" and (e.ballots, e.shown, e.proposals) == ([], [], [])
               for e in workshop.exercises)
    assert any(e.ballots for e in template.exercises)
    assert any(e.shown for e in template.exercises)
    assert workshop.pin_hash != template.pin_hash  # the new PIN, not the template's
    assert workshop.code != template.code


def test_new_workshop_bad_field_is_a_setup_error():
    error = setup_error(lambda: create(language="French"))
    assert (error.key, error.params["where"]) == ("setup.invalid", "language")


# ---- groups as table rows ---------------------------------------------------------------------

def test_the_starter_groups_are_the_guides_with_elders_youth_and_customary_landowners():
    """Issue 15: the guide's sub-groups (1.3, 2.1.1), duty bearers among them."""
    assert [group.id for group in STARTER_GROUPS] == [
        "pit-owners", "diggers", "women-panners", "traders", "customary-landowners", "elders",
        "youth", "local-government", "environment-officers", "civil-society"]
    assert {g.id for g in STARTER_GROUPS if g.hrba_role == "duty_bearer"} == {
        "local-government", "environment-officers"}


def test_group_rows_round_trip():
    rows = group_rows(STARTER_GROUPS)
    assert rows[0] == {"id": "pit-owners", "label_en": "Pit owners and sponsors",
                       "label_fr": "Propriétaires de puits et financeurs",
                       "hrba_role": "rights_holder", "expected": 0, "expected_woman": None,
                       "expected_man": None, "pictogram": "⛏️"}
    assert groups_from_rows(rows) == STARTER_GROUPS


def test_head_counts_expected_by_gender_are_columns_of_the_groups_table():
    women = Group(id="women-panners", label={"en": "Women panners"}, expected=12,
                  expected_by={"woman": 11, "man": 1})
    rows = group_rows([women])
    assert (rows[0]["expected_woman"], rows[0]["expected_man"]) == (11, 1)
    assert groups_from_rows(rows) == [women]
    rows[0].update(expected_woman=13.0, expected_man=None)  # a table hands back floats
    with pytest.raises(SetupError) as error:
        groups_from_rows(rows)
    assert error.value.params["where"] == "groups row 1"
    assert "the head-counts by gender add up to 13, more than the 12 expected" in str(error.value)
    assert ("les effectifs par genre" in error.value.message("fr")
            and "13" in error.value.message("fr"))


def group_row(group_id, label_en="A group", label_fr="", role="other", expected=2, pictogram=""):
    return {"id": group_id, "label_en": label_en, "label_fr": label_fr, "hrba_role": role,
            "expected": expected, "pictogram": pictogram}


BLANK_ROWS = [group_row(None, None, None, None, None, None),
              group_row(math.nan, math.nan, math.nan, math.nan, math.nan, math.nan),
              group_row("", "  ", "", "", "", "")]


def test_blank_editor_rows_are_ignored():
    """The editor's empty "add a row" line arrives as None, NaN or blank strings."""
    groups = groups_from_rows([group_row("women", "Women", "Femmes"), *BLANK_ROWS])
    assert [(g.id, g.label, g.hrba_role, g.expected, g.pictogram) for g in groups] == [
        ("women", {"en": "Women", "fr": "Femmes"}, "other", 2, None)]


def test_blank_cells_take_the_defaults():
    (group,) = groups_from_rows([group_row("women", label_fr=None, role=None, expected=math.nan,
                                           pictogram=" ")])
    assert (group.label, group.hrba_role, group.expected, group.pictogram) == (
        {"en": "A group"}, "other", 0, None)


@pytest.mark.parametrize("bad_row, where", [
    (group_row("Women Crushers"), "groups row 2.id"),
    (group_row(None), "groups row 2.id"),
    (group_row("women", label_en="", label_fr=None), "groups row 2.label"),
    (group_row("women", role="chief"), "groups row 2.hrba_role"),
    (group_row("women", expected=-1), "groups row 2.expected"),
])
def test_bad_group_row_is_named(bad_row, where):
    """The message names the table row as the facilitator counts them (from 1) and the column."""
    error = setup_error(groups_from_rows, [group_row("miners"), bad_row, group_row("office")])
    assert (error.key, error.params["where"]) == ("setup.invalid", where)
    assert "groups row 2" in str(error)


def test_duplicate_group_ids_are_refused_by_the_workshop():
    groups = groups_from_rows([group_row("women"), group_row("women")])
    error = setup_error(lambda: revise(create(), groups=[g.model_dump() for g in groups]))
    assert error.params["where"] == "groups[1]"
    assert render(error.params["problem"], "en") == "duplicate id 'women'"


def test_bad_row_after_a_blank_row_is_named_by_its_table_row():
    error = setup_error(groups_from_rows, [group_row("miners"), BLANK_ROWS[0], group_row("Bad Id")])
    assert error.params["where"] == "groups row 3.id"


# ---- ids made from titles ---------------------------------------------------------------------

@pytest.mark.parametrize("title, taken, expected_id", [
    ("Priorités environnementales et sociales", set(), "priorites-environnementales-et"),
    ("Priorités de l'équipe", set(), "priorites-de-l-equipe"),
    ("Priorités de l'équipe", {"priorites-de-l-equipe"}, "priorites-de-l-equipe-2"),
    ("Priorités de l'équipe", {"priorites-de-l-equipe", "priorites-de-l-equipe-2"},
     "priorites-de-l-equipe-3"),
    ("  Eaux & Forêts !  ", set(), "eaux-forets"),
    ("金矿", set(), "exercise"),
    ("金矿", {"exercise"}, "exercise-2"),
])
def test_unique_id_is_an_ascii_slug_not_taken(title, taken, expected_id):
    """How the set-up page names a new exercise from its title (accents dropped, at most 30
    characters, a number added if taken, the fallback if nothing is left)."""
    assert unique_id(title, taken, "exercise") == expected_id


# ---- revise -----------------------------------------------------------------------------------

def test_revise_revalidates_the_whole_model():
    workshop = create()
    assert revise(workshop, title="Nouveau titre").title == "Nouveau titre"
    error = setup_error(lambda: revise(workshop, small_group_threshold=0))
    assert error.params["where"] == "small_group_threshold"
