"""The Leverage and Incentives Matrix: the facilitator's page and scoring from a phone."""

import datetime as dt

import pytest

from engine.errors import BallotError

from engine.incentives import Condition, IncentiveMatrix, Instrument
from tests.app.helpers import CODE, join, replace_sample, sign_in, store, texts

WHEN = dt.datetime(2026, 11, 28, 10, tzinfo=dt.timezone.utc)


def instrument(id: str, en: str, conditions: list[Condition] = ()) -> Instrument:
    return Instrument(id=id, label={"en": en}, objective={"en": f"{en} changes practice."},
                      package={"en": f"{en}, as a package."}, conditions=list(conditions))


LAND = instrument("land-access", "Land access")
CREDIT = instrument("credit", "Credit")
ROYALTY = instrument("royalty", "Lower royalty", [
    Condition(id="traceable", text={"en": "Gold is traceable"}, met="unmet")])


def with_matrix(*instruments: Instrument, open: bool = True) -> None:
    """The sample workshop with this matrix instead of its own, and no scores yet."""
    replace_sample(lim=IncentiveMatrix(instruments=list(instruments), open=open), score_ballots=[])


def score(app, scores: dict[str, int]):
    """Answer questions about the instrument on screen."""
    shown = app.selectbox(key="lim_instrument").value
    for criterion, value in scores.items():
        app.segmented_control(key=f"lim_score|{shown}|{criterion}").set_value(value)
    return app.run()


def scores_of(token: str) -> list[dict]:
    return [b.scores for b in store().load(CODE).score_ballots if b.participant == token]


def test_a_phone_scores_one_instrument_then_is_offered_the_next():
    with_matrix(LAND, CREDIT)
    phone = join("youth")
    assert phone.selectbox(key="lim_instrument").value == "land-access"
    assert "0 of 2 instruments scored" in [p.text for p in phone.get("progress")][0]
    score(phone, {"leverage": 5, "effectiveness": 4, "risk_likelihood": 2, "risk_severity": 3})
    phone.button(key="lim_submit").click().run()
    token = phone.query_params["p"]
    assert scores_of(token) == [{"land-access": {"leverage": 5, "effectiveness": 4,
                                                 "risk_likelihood": 2, "risk_severity": 3}}]
    assert phone.selectbox(key="lim_instrument").value == "credit"
    assert "1 of 2 instruments scored" in [p.text for p in phone.get("progress")][0]


def test_the_send_button_waits_for_all_four_answers():
    with_matrix(LAND)
    phone = join("youth")
    score(phone, {"leverage": 5, "effectiveness": 4})
    assert phone.button(key="lim_submit").disabled
    assert "2 of 4 questions answered: answer them all to send." in texts(phone, "caption")


def test_a_closed_matrix_is_not_offered_and_refuses_scores():
    with_matrix(LAND, open=False)
    phone = join("youth")
    assert not [e for e in phone.expander if e.label.startswith("Incentives")]
    with pytest.raises(BallotError, match="not open for scoring"):
        store().cast_scores(CODE, phone.query_params["p"], {"land-access": {
            "leverage": 1, "effectiveness": 1, "risk_likelihood": 1, "risk_severity": 1}}, WHEN)
    assert scores_of(phone.query_params["p"]) == []


def test_the_facilitator_sees_ranks_gates_and_the_formula():
    with_matrix(LAND, CREDIT, ROYALTY)
    people = [join(group) for group in ("youth", "youth", "youth")]
    answers = {"land-access": (5, 4, 2, 3), "credit": (3, 3, 1, 1), "royalty": (5, 5, 1, 1)}
    for phone in people:
        token = phone.query_params["p"]
        for instrument_id, values in answers.items():
            store().cast_scores(CODE, token, {instrument_id: dict(zip(
                ("leverage", "effectiveness", "risk_likelihood", "risk_severity"), values))}, WHEN)
    app = sign_in().switch_page("pages/incentives.py").run()
    table = [frame.value for frame in app.dataframe if frame.key is None][0]
    # land access: 1·(5−1)/4 + 1·(4−1)/4 − 1·(6−1)/24 = 1.541667; credit: 0.5 + 0.5 − 0 = 1.
    assert list(table["Instrument"]) == ["Land access", "Credit"]
    assert list(table["Composite score"]) == [1.541667, 1.0]
    assert list(table["Rank"]) == [1, 2]
    warnings = texts(app, "warning")
    assert any("Not ranked: conditions unmet." in w and "Lower royalty" in w
               and "Gold is traceable" in w for w in warnings)
    assert any("C = 1·L′ + 1·E′ − 1·R′" in code.value for code in app.code)


def test_an_unknown_instrument_in_a_score_is_refused_and_nothing_stored():
    with_matrix(LAND)
    phone = join("youth")
    token = phone.query_params["p"]
    with pytest.raises(BallotError, match="not in the exercise: nope"):
        store().cast_scores(CODE, token, {"nope": {"leverage": 1, "effectiveness": 1,
                                                   "risk_likelihood": 1, "risk_severity": 1}}, WHEN)
    assert scores_of(token) == []


def test_an_empty_flipchart_is_refused_and_nothing_stored():
    with_matrix(LAND)
    app = sign_in().switch_page("pages/incentives.py").run()
    app.button(key="lim_flipchart_send").click().run()
    assert any("Score at least one instrument." in e for e in texts(app, "error"))
    assert store().load(CODE).score_ballots == []


def test_a_second_facilitators_page_never_closes_what_the_first_opened():
    with_matrix(LAND, open=False)
    first = sign_in().switch_page("pages/incentives.py").run()
    second = sign_in().switch_page("pages/incentives.py").run()
    first.toggle(key="lim_open_toggle").set_value(True).run()
    assert store().load(CODE).lim.open
    second.radio(key="lim_weighting").set_value("group").run()
    assert store().load(CODE).lim.open
    assert second.toggle(key="lim_open_toggle").value  # it shows what is stored

