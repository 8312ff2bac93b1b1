"""The Leverage and Incentives Matrix: scoring from a phone, the facilitator's results and the
flipchart. Each test adds a matrix of its own to the sample workshop (the only exercise open)."""

import datetime as dt

import pytest

from engine.core.errors import BallotError
from engine.exercises.lim.design import Condition, IncentiveMatrix, Instrument
from tests.app.helpers import (CODE, add_exercise, answers_of, join, sign_in, store, texts,
                               token_of)

WHEN = dt.datetime(2026, 11, 28, 10, tzinfo=dt.UTC)
LIM = "incentives"
CRITERIA = ("leverage", "effectiveness", "risk_likelihood", "risk_severity")


def instrument(id: str, en: str, conditions: list[Condition] = ()) -> Instrument:
    return Instrument(id=id, label={"en": en}, objective={"en": f"{en} changes practice."},
                      package={"en": f"{en}, as a package."}, conditions=list(conditions))


LAND = instrument("land-access", "Land access")
CREDIT = instrument("credit", "Credit")
ROYALTY = instrument("royalty", "Lower royalty", [
    Condition(id="traceable", text={"en": "Gold is traceable"}, met="unmet")])


def with_matrix(*instruments: Instrument, is_open: bool = True) -> None:
    add_exercise("lim", LIM, IncentiveMatrix(instruments=list(instruments)), is_open)


def score(app, scores: dict[str, int]):
    """Answer questions about the instrument on screen."""
    shown = app.selectbox(key=f"{LIM}|instrument").value
    for criterion, value in scores.items():
        app.segmented_control(key=f"lim_score|{shown}|{criterion}").set_value(value)
    return app.run()


def cast(token: str, instrument_id: str, values: tuple[int, ...]) -> None:
    store().cast(CODE, LIM, token, {"scores": {instrument_id: dict(zip(CRITERIA, values))}}, WHEN)


def test_a_phone_scores_one_instrument_then_is_offered_the_next():
    with_matrix(LAND, CREDIT)
    phone = join("youth")
    assert phone.selectbox(key=f"{LIM}|instrument").value == "land-access"
    assert "0 of 2 instruments scored" in phone.get("progress")[0].proto.text
    score(phone, {"leverage": 5, "effectiveness": 4, "risk_likelihood": 2, "risk_severity": 3})
    phone.button(key="lim_submit").click().run()
    assert [a.scores for a in answers_of(token_of(phone), LIM)] == [
        {"land-access": {"leverage": 5, "effectiveness": 4, "risk_likelihood": 2,
                         "risk_severity": 3}}]
    assert phone.selectbox(key=f"{LIM}|instrument").value == "credit"
    assert "1 of 2 instruments scored" in phone.get("progress")[0].proto.text


def test_the_send_button_waits_for_all_four_answers():
    with_matrix(LAND)
    phone = join("youth")
    score(phone, {"leverage": 5, "effectiveness": 4})
    assert phone.button(key="lim_submit").disabled
    assert "2 of 4 questions answered: answer them all to send." in texts(phone, "caption")


def test_a_closed_matrix_is_not_offered_and_refuses_scores():
    with_matrix(LAND, is_open=False)
    phone = join("youth")
    assert not phone.get("selectbox")  # the sample's open exercise only: beans, no picker
    with pytest.raises(BallotError, match="not open"):
        cast(token_of(phone), "land-access", (1, 1, 1, 1))
    assert answers_of(token_of(phone), LIM) == []


def test_the_facilitator_sees_ranks_gates_and_the_formula():
    with_matrix(LAND, CREDIT, ROYALTY)
    answers = {"land-access": (5, 4, 2, 3), "credit": (3, 3, 1, 1), "royalty": (5, 5, 1, 1)}
    for _ in range(3):
        token = store().join(CODE, "youth", "en", WHEN).token
        for instrument_id, values in answers.items():
            cast(token, instrument_id, values)
    app = sign_in()
    app.switch_page("pages/results.py").run()
    app.selectbox(key="results_exercise").set_value(LIM).run()
    table = next(frame.value for frame in app.dataframe if frame.key is None)
    # land access: 1·(5−1)/4 + 1·(4−1)/4 − 1·(6−1)/24 = 1.541667; credit: 0.5 + 0.5 − 0 = 1.
    assert list(table["Instrument"]) == ["Land access", "Credit"]
    assert list(table["Composite score"]) == [1.541667, 1.0]
    assert list(table["Rank"]) == [1, 2]
    warnings = texts(app, "warning")
    assert any("Not ranked: conditions unmet." in w and "Lower royalty" in w
               and "Gold is traceable" in w for w in warnings)
    assert any("C = 1·L′ + 1·E′ − 1·R′" in caption for caption in texts(app, "caption"))


def test_an_unknown_instrument_in_a_score_is_refused_and_nothing_stored():
    with_matrix(LAND)
    token = token_of(join("youth"))
    with pytest.raises(BallotError, match="nope"):
        cast(token, "nope", (1, 1, 1, 1))
    assert answers_of(token, LIM) == []


def test_an_empty_flipchart_is_refused_and_nothing_stored():
    with_matrix(LAND)
    app = sign_in()
    app.switch_page("pages/run.py").run()
    app.selectbox(key="proxy_exercise").set_value(LIM).run()
    app.button(key=f"{LIM}|flipchart_send").click().run()
    assert any("Score at least one instrument." in e for e in texts(app, "error"))
    assert store().load(CODE).exercise(LIM).ballots == []
