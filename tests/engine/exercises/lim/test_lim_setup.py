"""The LIM's set-up tables: instruments and conditions as rows and back, bad rows named."""

import pytest

from engine.core.errors import SetupError
from engine.exercises.lim.design import STARTER_INSTRUMENTS, Weights
from engine.exercises.lim.setup import (condition_rows, flipchart_scores,
                                        incentive_matrix_from_rows, instrument_rows)

WEIGHTS = {"leverage": 1, "effectiveness": 1, "risk": -1}


def row(**values) -> dict:
    """An instrument row with every required text, changed by ``values``."""
    return {"id": "land", "label_en": "Land access", "label_fr": "", "kind": "incentive",
            "target": "", "objective_en": "Leave the park.", "objective_fr": None,
            "package_en": "Zones with secure tenure.", "package_fr": "",
            "limitations_en": "", "limitations_fr": "", "pictogram": "", **values}


def test_the_starter_instruments_survive_the_tables_unchanged():
    matrix = incentive_matrix_from_rows(instrument_rows(STARTER_INSTRUMENTS),
                                        condition_rows(STARTER_INSTRUMENTS), WEIGHTS)
    assert matrix.instruments == STARTER_INSTRUMENTS
    assert matrix.weights == Weights()


def test_rows_become_an_instrument_with_its_conditions():
    matrix = incentive_matrix_from_rows(
        [row(target="miners", limitations_fr="Lent."), {"id": None, "label_en": ""}],
        [{"instrument": "land", "id": "", "text_en": "Zone has gold", "text_fr": "",
          "met": "unmet"},
         {"instrument": "land", "id": None, "text_en": "Zone has gold", "text_fr": "",
          "met": None}], {"leverage": 2, "effectiveness": 1, "risk": -0.5})
    [land] = matrix.instruments
    assert (land.id, land.label, land.target, land.limitations) == (
        "land", {"en": "Land access"}, "miners", {"fr": "Lent."})
    assert land.objective == {"en": "Leave the park."}
    assert [(c.id, c.met) for c in land.conditions] == [("zone-has-gold", "unmet"),
                                                        ("zone-has-gold-2", "unknown")]
    assert land.unmet() == ["zone-has-gold"]
    assert matrix.weights == Weights(leverage=2, risk=-0.5)


@pytest.mark.parametrize("instruments, conditions, weights, where", [
    ([row(objective_en="")], [], WEIGHTS, "instruments row 1.objective"),
    ([row(), row()], [], WEIGHTS, "instruments[1]"),
    ([row(kind="bribe")], [], WEIGHTS, "instruments row 1.kind"),
    ([row()], [{"instrument": "credit", "text_en": "Registered"}], WEIGHTS,
     "conditions row 1.instrument"),
    ([row()], [{"instrument": "land", "text_en": " ", "met": "met"}], WEIGHTS,
     "conditions row 1.text"),
    ([row()], [{"instrument": "land", "text_en": "x", "met": "maybe"}], WEIGHTS,
     "instruments row 1.conditions"),
    ([row()], [], {"leverage": 1, "effectiveness": 1, "risk": 2}, "weights.risk"),
])
def test_a_bad_row_is_named_by_table_row_and_column(instruments, conditions, weights, where):
    with pytest.raises(SetupError) as refused:
        incentive_matrix_from_rows(instruments, conditions, weights)
    assert where in refused.value.message("en")


def test_a_flipchart_table_becomes_one_proxy_ballot_blank_cells_left_out():
    rows = [{"instrument": "land", "leverage": 4.0, "effectiveness": 3, "risk_likelihood": 2.0,
             "risk_severity": 5},
            {"instrument": "credit", "leverage": float("nan"), "effectiveness": None,
             "risk_likelihood": None, "risk_severity": None},
            {"instrument": "training", "leverage": 2, "effectiveness": None,
             "risk_likelihood": None, "risk_severity": None}]
    assert flipchart_scores(rows) == {
        "land": {"leverage": 4, "effectiveness": 3, "risk_likelihood": 2, "risk_severity": 5},
        "training": {"leverage": 2}}  # check_scores then asks for the three missing
