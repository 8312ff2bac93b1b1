"""The EMP page's tables (guide 2.6): rows to a validated plan and back, and clear refusals.

The plan here: two land uses (asm, farming) × two values (river, forest), starting
2026-06-01 for 5 years (so it ends 2031-05-31). A bad row is refused with a message that names
the table, the row (1 = the first row of the table, blank rows counted) and the column, and
nothing reaches the store.
"""

from __future__ import annotations

import datetime as dt

import pytest

from engine.core.errors import EngineError, SetupError, render
from engine.core.records import Ballot
from engine.core.store import Store
from engine.core.workshop import Workshop
from engine.exercises.emp.plan import (DEFAULT_BANDS, STARTER_LAND_USES, STARTER_VALUES, Action,
                                       PlanError, Ratings, RiskAssessment, RiskBand)
from engine.exercises.emp.setup import (action_rows, actions_from_rows, assessment_rows,
                                        band_rows, environmental_plan_from_rows,
                                        flipchart_ratings, land_use_rows, rated_cells,
                                        risks_from_rows, value_rows)

from factories import at, workshop_data

START = dt.date(2026, 6, 1)
LAND_USES = [{"id": "asm", "label_en": "Artisanal mining", "label_fr": "Orpaillage",
              "pictogram": "⛏️"},
             {"id": "farming", "label_en": "Farming", "label_fr": "", "pictogram": ""}]
VALUES = [{"id": "river", "label_en": "Rivers", "label_fr": "Rivières",
           "category": "natural_feature", "pictogram": "🏞️"},
          {"id": "forest", "label_en": "Forest", "label_fr": None, "category": "habitat",
           "pictogram": None}]
BLANK = {"id": None, "label_en": None, "label_fr": None, "pictogram": None}  # "add a row"


def plan(**changes):
    """The two-by-two plan, with ``changes`` applied (already validated models)."""
    made = environmental_plan_from_rows(LAND_USES, VALUES, START, 5)
    return made.model_copy(update=changes)


def refusal(call, *args, **kwargs) -> EngineError:
    with pytest.raises(EngineError) as error:
        call(*args, **kwargs)
    return error.value


def action_row(**changes) -> dict:
    row = {"id": "no-mercury", "label_en": "Stop using mercury", "label_fr": "Arrêter le mercure",
           "cells": ["asm:river"], "hierarchy": "avoid", "importance": 5.0, "urgency": 4.0,
           "responsible": "local-government", "years": ["1", "2"],
           "review": dt.date(2027, 6, 1)}
    return {**row, **changes}


# ---- land uses and values ----------------------------------------------------------------------

def test_rows_make_the_matrix_with_labels_in_each_language_and_default_bands():
    made = environmental_plan_from_rows([*LAND_USES, BLANK], [*VALUES, {**BLANK, "category": None}],
                                        START, 4)
    assert [(u.id, u.label, u.pictogram) for u in made.land_uses] == [
        ("asm", {"en": "Artisanal mining", "fr": "Orpaillage"}, "⛏️"),
        ("farming", {"en": "Farming"}, None)]
    assert [(v.id, v.label, v.category, v.pictogram) for v in made.values] == [
        ("river", {"en": "Rivers", "fr": "Rivières"}, "natural_feature", "🏞️"),
        ("forest", {"en": "Forest"}, "habitat", None)]
    assert (made.start, made.plan_years) == (START, 4)
    assert made.bands == list(DEFAULT_BANDS)
    assert (made.assessments, made.actions) == ([], [])


def test_the_guides_lists_go_to_rows_and_back_unchanged():
    made = environmental_plan_from_rows(land_use_rows(STARTER_LAND_USES),
                                        value_rows(STARTER_VALUES), START, 5)
    assert made.land_uses == STARTER_LAND_USES
    assert made.values == STARTER_VALUES
    assert land_use_rows(made.land_uses)[0] == {
        "id": "asm", "label_en": "Artisanal and small-scale mining",
        "label_fr": "Orpaillage et petite mine", "pictogram": "⛏️"}
    assert value_rows(made.values)[-1] == {
        "id": "sacred-site", "label_en": "Sacred sites", "label_fr": "Sites sacrés",
        "category": "sacred_place", "pictogram": "🙏"}


def test_a_duplicate_id_names_the_table_and_the_second_row():
    error = refusal(environmental_plan_from_rows, [*LAND_USES, BLANK, dict(LAND_USES[0])], VALUES,
                    START, 5)
    assert (error.key, error.params) == ("setup.invalid", {
        "where": "land uses row 4.id", "problem": "duplicate id 'asm'"})


def test_an_unknown_category_names_the_row_and_the_column():
    values = [VALUES[0], {**VALUES[1], "category": "mountain"}]
    error = refusal(environmental_plan_from_rows, LAND_USES, values, START, 5)
    assert error.key == "setup.invalid"
    assert error.params["where"] == "values row 2.category"
    assert render(error.params["problem"], "en").startswith("use one of: natural_feature, ")


def test_an_id_that_is_not_a_slug_names_the_row_and_the_column():
    error = refusal(environmental_plan_from_rows, [{**LAND_USES[0], "id": "Gold Mining"}], VALUES,
                    START, 5)
    assert error.params["where"] == "land uses row 1.id"


def test_a_plan_of_more_than_five_years_is_refused():
    error = refusal(environmental_plan_from_rows, LAND_USES, VALUES, START, 6)
    assert isinstance(error, PlanError)
    assert error.message("en") == "A plan lasts 3 to 5 years, not 6."


def test_a_land_use_or_value_people_rated_cannot_be_removed_or_renamed():
    rated = {"asm:forest"}
    error = refusal(environmental_plan_from_rows, LAND_USES[1:], VALUES, START, 5, rated=rated)
    assert (error.key, error.params) == ("emp.rated_land_use_removed", {"land_use": "asm"})
    renamed = [VALUES[0], {**VALUES[1], "id": "woods"}]
    error = refusal(environmental_plan_from_rows, LAND_USES, renamed, START, 5, rated=rated)
    assert (error.key, error.params) == ("emp.rated_value_removed", {"value": "forest"})
    assert error.message("fr").startswith("La valeur environnementale forest ne peut pas")
    # A row nobody rated can go.
    kept = environmental_plan_from_rows(LAND_USES[:1], VALUES, START, 5, rated=rated)
    assert [u.id for u in kept.land_uses] == ["asm"]


def test_saving_the_matrix_keeps_the_rest_of_the_plan():
    current = plan(bands=[RiskBand(name="low", low=1, high=9),
                                     RiskBand(name="high", low=10, high=25)],
                   assessments=[RiskAssessment(cell="asm:river", likelihood=4, consequence=5),
                                RiskAssessment(cell="farming:forest", likelihood=2,
                                               consequence=2)],
                   actions=actions_from_rows(plan(), [action_row()]).actions)
    made = environmental_plan_from_rows(LAND_USES, [VALUES[0], {**VALUES[1], "id": "woods"}],
                                        dt.date(2026, 7, 1), 5, current)
    assert [b.name for b in made.bands] == ["low", "high"]
    # The assessment of a cell no longer in the matrix goes with it.
    assert made.assessments == [RiskAssessment(cell="asm:river", likelihood=4, consequence=5)]
    assert [a.id for a in made.actions] == ["no-mercury"]
    assert made.start == dt.date(2026, 7, 1)


def test_an_action_on_a_removed_cell_keeps_the_matrix_from_changing():
    current = plan(actions=actions_from_rows(plan(), [action_row()]).actions)
    error = refusal(environmental_plan_from_rows, LAND_USES[1:], VALUES, START, 5, current)
    assert (error.key, error.params["action"], error.params["field"]) == (
        "emp.action_unknown_cells", "no-mercury", "cells")


# ---- risks -------------------------------------------------------------------------------------

def test_assessment_rows_list_the_negative_cells_then_others_already_assessed():
    current = plan(assessments=[RiskAssessment(cell="farming:forest", likelihood=2, consequence=3),
                                RiskAssessment(cell="asm:forest", likelihood=5, consequence=4)])
    assert assessment_rows(current, ["asm:river", "asm:forest"]) == [
        {"cell": "asm:river", "likelihood": None, "consequence": None},
        {"cell": "asm:forest", "likelihood": 5, "consequence": 4},
        {"cell": "farming:forest", "likelihood": 2, "consequence": 3}]


def test_risk_rows_give_the_assessments_and_the_bands():
    rows = [{"cell": "asm:river", "likelihood": 4.0, "consequence": 5.0},
            {"cell": "asm:forest", "likelihood": None, "consequence": float("nan")}]
    bands = [*band_rows(list(DEFAULT_BANDS)), {"name": None, "low": None, "high": None}]
    made = risks_from_rows(plan(), rows, bands)
    assert made.assessments == [RiskAssessment(cell="asm:river", likelihood=4, consequence=5)]
    assert made.bands == list(DEFAULT_BANDS)
    assert band_rows(made.bands) == [{"name": "low", "low": 1, "high": 4},
                                     {"name": "medium", "low": 5, "high": 10},
                                     {"name": "high", "low": 12, "high": 25}]


def test_a_half_assessed_cell_names_the_missing_column():
    rows = [{"cell": "asm:river", "likelihood": 4, "consequence": 5},
            {"cell": "asm:forest", "likelihood": 3, "consequence": None}]
    error = refusal(risks_from_rows, plan(), rows, band_rows(list(DEFAULT_BANDS)))
    assert error.params == {"where": "risk assessments row 2.consequence",
                            "problem": "give both likelihood and consequence, or neither"}


def test_a_likelihood_off_the_scale_names_the_row_and_the_column():
    rows = [{"cell": "asm:river", "likelihood": 6, "consequence": 5}]
    error = refusal(risks_from_rows, plan(), rows, band_rows(list(DEFAULT_BANDS)))
    assert error.params["where"] == "risk assessments row 1.likelihood"


def test_overlapping_bands_are_refused_by_name():
    bands = [{"name": "low", "low": 1, "high": 6}, {"name": "high", "low": 5, "high": 25}]
    error = refusal(risks_from_rows, plan(), [], bands)
    assert isinstance(error, PlanError)
    assert error.message("en") == "Risk bands low and high overlap."


def test_a_band_whose_low_is_above_its_high_names_the_row():
    bands = [{"name": "low", "low": 1, "high": 4}, {"name": "rest", "low": 25, "high": 5}]
    error = refusal(risks_from_rows, plan(), [], bands)
    assert error.params["where"] == "risk bands row 2"
    assert render(error.params["problem"], "en") == "low (25) is above high (5)"


# ---- actions -----------------------------------------------------------------------------------

def test_action_rows_make_actions_and_go_back_to_rows_unchanged():
    rows = [action_row(), action_row(id="replant", label_en="Replant the banks", label_fr=None,
                                     cells="asm:river, asm:forest", hierarchy="rehabilitate",
                                     importance=3, urgency=2.5, years="2 3",
                                     review=dt.datetime(2028, 1, 15))]
    made = actions_from_rows(plan(), [*rows, dict.fromkeys(rows[0])])
    assert made.actions == [
        Action(id="no-mercury", label={"en": "Stop using mercury", "fr": "Arrêter le mercure"},
               cells=["asm:river"], hierarchy="avoid", importance=5, urgency=4,
               responsible="local-government", years=[1, 2], review=dt.date(2027, 6, 1)),
        Action(id="replant", label={"en": "Replant the banks"},
               cells=["asm:river", "asm:forest"], hierarchy="rehabilitate", importance=3,
               urgency=2.5, responsible="local-government", years=[2, 3],
               review=dt.date(2028, 1, 15))]
    assert action_rows(made.actions)[0] == action_row(importance=5.0, urgency=4.0)


def test_a_year_that_is_not_a_number_names_the_row_and_the_column():
    error = refusal(actions_from_rows, plan(), [action_row(), action_row(id="b", years="1, one")])
    assert error.params == {"where": "actions row 2.years", "problem": "'one' is not a year number"}


def test_an_importance_off_the_scale_names_the_row_and_the_column():
    error = refusal(actions_from_rows, plan(), [action_row(importance=7)])
    assert error.params["where"] == "actions row 1.importance"


def test_an_unknown_hierarchy_step_names_the_row_and_the_column():
    error = refusal(actions_from_rows, plan(), [action_row(hierarchy="pray")])
    assert error.params["where"] == "actions row 1.hierarchy"


def test_an_action_beyond_the_plan_is_refused_naming_the_action_in_either_language():
    error = refusal(actions_from_rows, plan(plan_years=3), [action_row(years=["1", "4"])])
    assert isinstance(error, PlanError)
    assert (error.params["action"], error.params["field"]) == ("no-mercury", "years")
    assert error.message("en") == "Action no-mercury is set for year 4, but the plan lasts 3 years."
    assert error.message("fr") == (
        "L'action no-mercury est prévue pour l'année 4, mais le plan dure 3 ans.")


def test_an_action_without_cells_or_reviewed_after_the_plan_is_refused():
    error = refusal(actions_from_rows, plan(), [action_row(cells=[])])
    assert error.params["where"] == "actions row 1.cells"
    error = refusal(actions_from_rows, plan(), [action_row(review=dt.date(2031, 6, 1))])
    assert (error.key, error.params["end"]) == ("emp.action_review_after_end", "2031-05-31")


def test_two_actions_with_one_id_are_refused():
    error = refusal(actions_from_rows, plan(), [action_row(), action_row()])
    assert (error.key, error.params["action"]) == ("emp.action_duplicate", "no-mercury")


# ---- a group's flipchart -----------------------------------------------------------------------

def test_a_flipchart_table_gives_one_rating_per_filled_cell():
    rows = [{"land_use": "asm", "river": "-", "forest": None},
            {"land_use": "farming", "river": "", "forest": "+"}]
    assert flipchart_ratings(rows, ["river", "forest"]) == {"asm:river": "-",
                                                            "farming:forest": "+"}


# ---- nothing stored ----------------------------------------------------------------------------

@pytest.fixture
def store(tmp_path) -> Store:
    """A store holding a workshop whose EMP (exercise ``emp``, open) someone has rated
    (asm:forest, by woman-1)."""
    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    rating = Ballot(participant="woman-1", cast_at=at(1),
                    answer=Ratings(ratings={"asm:forest": "-"}))
    store.import_workshop(Workshop.model_validate(workshop_data({"women": ["woman-1"]}, [
        {"id": "emp", "kind": "emp", "status": "open", "design": plan().model_dump(mode="json"),
         "ballots": [rating.model_dump(mode="json")]}])))
    return store


def test_a_refused_table_leaves_the_stored_plan_as_it_was(store):
    exercise = store.load("TESTA").exercise("emp")
    assert rated_cells(exercise) == {"asm:forest"}
    with pytest.raises(SetupError):
        store.save_exercise("TESTA", "emp", environmental_plan_from_rows(
            LAND_USES[1:], VALUES, START, 5, exercise.design, rated_cells(exercise)))
    # The store refuses it too, when the page's check is skipped.
    with pytest.raises(SetupError):
        store.save_exercise("TESTA", "emp", environmental_plan_from_rows(LAND_USES[1:], VALUES,
                                                                         START, 5))
    assert store.load("TESTA").exercise("emp") == exercise


def test_a_valid_table_is_stored_whole(store):
    made = actions_from_rows(store.load("TESTA").exercise("emp").design, [action_row()])
    store.save_exercise("TESTA", "emp", made)
    assert store.load("TESTA").exercise("emp").design == made
