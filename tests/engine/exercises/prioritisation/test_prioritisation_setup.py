"""Setting a prioritisation up: a new design from the guide's starter issues, and the set-up
page's tables of items, criteria and custom group weights."""

from __future__ import annotations

import math

import pytest

from engine.core.errors import SetupError
from engine.core.exercise import References
from engine.exercises.prioritisation import KIND
from engine.exercises.prioritisation.design import STARTER_CRITERIA, STARTER_ISSUES, Item
from engine.exercises.prioritisation.setup import (criteria_from_rows, criterion_rows,
                                                   group_weights_from, item_rows,
                                                   items_from_rows, new_prioritisation)


def setup_error(call, *args) -> SetupError:
    with pytest.raises(SetupError) as error:
        call(*args)
    return error.value


# ---- new designs ------------------------------------------------------------------------------

@pytest.mark.parametrize("method", ["tokens", "importance-urgency", "ranking", "pairwise"])
def test_a_new_design_has_the_starter_issues(method):
    design = new_prioritisation(method)
    assert (design.method, design.items, design.beans, design.criteria) == (
        method, STARTER_ISSUES, 10, [])
    assert (design.question, design.group_weights) == (None, {})


def test_a_new_matrix_scoring_has_the_starter_criteria():
    assert new_prioritisation("matrix").criteria == STARTER_CRITERIA


def test_a_new_design_with_a_bad_method_is_a_setup_error():
    error = setup_error(new_prioritisation, "dots")
    assert (error.key, error.params["where"]) == ("setup.invalid", "method")


def test_the_kinds_new_design_is_a_bean_distribution():
    """What "add an exercise" starts from when no method is chosen."""
    design = KIND.new_design("fr", References(groups={}, targets={}))
    assert design == new_prioritisation("tokens")


# ---- items, criteria and weights as table rows ------------------------------------------------

def test_item_rows_round_trip():
    rows = item_rows(STARTER_ISSUES)
    assert rows[0] == {"id": "mercury", "label_en": "Mercury use in gold amalgamation",
                       "label_fr": "Utilisation du mercure pour l'amalgamation",
                       "pictogram": "☠️", "proposed_by": ""}
    assert items_from_rows(rows) == STARTER_ISSUES


def test_an_item_a_participant_proposed_keeps_its_group():
    proposed = Item(id="fence", label={"en": "Fence the pits"}, proposed_by="women")
    (row,) = item_rows([proposed])
    assert row["proposed_by"] == "women"
    assert items_from_rows([row]) == [proposed]


def test_bad_item_row_is_named():
    rows = item_rows(STARTER_ISSUES[:2]) + [{"id": "gold", "label_en": None, "label_fr": None,
                                             "pictogram": "🪙"}]
    error = setup_error(items_from_rows, rows)
    assert error.params["where"] == "items row 3.label"


def test_criterion_rows_round_trip():
    rows = criterion_rows(STARTER_CRITERIA)
    assert rows[2] == {"id": "cost-to-act", "label_en": "Cost of acting",
                       "label_fr": "Coût de l'action", "weight": 1.0, "lower_is_better": True}
    assert criteria_from_rows(rows) == STARTER_CRITERIA


@pytest.mark.parametrize(("weight", "where"), [(0, "criteria row 1.weight"),
                                               (101, "criteria row 1.weight")])
def test_bad_criterion_row_is_named(weight, where):
    rows = [{"id": "harm", "label_en": "Harm", "label_fr": "", "weight": weight,
             "lower_is_better": False}]
    assert setup_error(criteria_from_rows, rows).params["where"] == where


def test_blank_weight_cells_mean_no_custom_weight():
    assert group_weights_from({"women": 2, "miners": None, "office": math.nan, "cso": " ",
                               "youth": "0.5"}) == {"women": 2.0, "youth": 0.5}
