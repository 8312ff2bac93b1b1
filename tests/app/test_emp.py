"""The community EMP (guide 2.6): the facilitator's set-up and results, and the phone's rating
card.

Every test runs on its own workshop (``PLANS``: the sample's groups and PIN, nobody joined, no
exercise) and adds its own plan (two land uses × two values), so it does not depend on the EMP
the sample workshops hold. AppTest cannot edit a data editor: the tables' logic is tested in
tests/engine/exercises/emp/test_emp_setup.py; here, the pages' reading and saving.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from streamlit.testing.v1 import AppTest

from engine.core.workshop import Workshop
from engine.exercises.emp.plan import Action, EnvironmentalValue, LandUse, RiskAssessment
from engine.exercises.emp.setup import environmental_plan_from_rows, land_use_rows, value_rows
from tests.app import helpers
from tests.app.helpers import answers_of, sign_in, store, texts

CODE = "PLANS"
EMP = "emp"

NOW = dt.datetime(2026, 5, 4, 10, 0, tzinfo=dt.UTC)
START = dt.date(2026, 6, 1)
LAND_USES = [LandUse(id="asm", label={"en": "Artisanal mining", "fr": "Orpaillage"},
                     pictogram="⛏️"),
             LandUse(id="farming", label={"en": "Farming", "fr": "Agriculture"}, pictogram="🌾")]
VALUES = [EnvironmentalValue(id="river", label={"en": "Rivers", "fr": "Rivières"},
                             category="natural_feature", pictogram="🏞️"),
          EnvironmentalValue(id="forest", label={"en": "Forest", "fr": "Forêt"},
                             category="habitat", pictogram="🌳")]


@pytest.fixture(autouse=True)
def plans_workshop(private_store):
    """A workshop of its own: the sample's groups and PIN, and nothing else yet."""
    sample = store().load(helpers.CODE)
    store().import_workshop(Workshop.model_validate({
        **sample.settings().model_dump(), "code": CODE}))


def join(group: str):
    return helpers.join(group, code=CODE)


def save_plan(is_open: bool = True, **changes) -> None:
    """The two-by-two plan, stored as the workshop's EMP (added the first time)."""
    plan = environmental_plan_from_rows(land_use_rows(LAND_USES), value_rows(VALUES), START, 5)
    plan = plan.model_copy(update=changes)
    if any(exercise.id == EMP for exercise in store().load(CODE).exercises):
        store().save_exercise(CODE, EMP, plan)
    else:
        store().add_exercise(CODE, "emp", EMP, None, plan)
    store().set_status(CODE, EMP, "open" if is_open else "closed")


def rate(group: str, **cells: str) -> str:
    """A new participant of ``group`` rates ``cells`` (``asm__river="-"``); their token."""
    person = store().join(CODE, group, "en", NOW)
    store().cast(CODE, EMP, person.token,
                 {"ratings": {cell.replace("__", ":"): r for cell, r in cells.items()}}, NOW)
    return person.token


def my_ratings(token: str) -> list[dict]:
    return [answer.ratings for answer in answers_of(token, EMP, code=CODE)]


def cell_texts(chart) -> list[str]:
    """What a matrix figure writes in its cells, row by row."""
    return json.loads(chart.proto.spec)["data"][0]["text"]


def table_with(app: AppTest, column: str):
    """The first table (not a data editor) that has ``column``."""
    return next(frame.value for frame in app.dataframe if column in frame.value.columns)


def results_page() -> AppTest:
    app = sign_in(code=CODE)
    app.switch_page("pages/results.py").run()
    return app.selectbox(key="results_exercise").set_value(EMP).run()


def _phone_card(code: str, token: str) -> None:
    """The rating card alone, as the vote page draws it. The exercise is read once and kept,
    as a fragment keeps the arguments of the page run that drew it."""
    import streamlit as st

    from ui import session
    from ui.exercises import Phone, screens

    if "card" not in st.session_state:
        workshop = session.current_workshop(code)
        st.session_state["card"] = (workshop.settings(), workshop.exercise("emp"))
    settings, exercise = st.session_state["card"]
    me = session.store().participant(code, token)
    screens(exercise.kind).phone(Phone(code, me, settings, exercise, "en"))


def phone_card(token: str) -> AppTest:
    return AppTest.from_function(_phone_card, args=(CODE, token), default_timeout=30).run()


# ---- the facilitator's page --------------------------------------------------------------------

def test_a_new_plan_starts_from_the_guides_lists():
    app = sign_in(code=CODE)
    app.switch_page("pages/setup.py").run()
    app.selectbox(key="new_exercise_kind").set_value("emp").run()
    app.button(key="add_exercise_submit").click().run()
    (exercise,) = store().load(CODE).exercises
    plan = exercise.design
    assert [u.id for u in plan.land_uses][:2] == ["asm", "farming"]
    assert len(plan.values) == 9 and plan.plan_years == 5 and exercise.status == "draft"
    assert "7 land uses × 9 values: 63 cells to rate." in texts(app, "caption")


def test_the_matrix_tab_shows_the_heat_map_and_the_counts():
    save_plan()
    for _ in range(3):
        rate("men-diggers", asm__river="-", asm__forest="-")
    # A youth, a landowner and a farmer: counted, but not shown on their own; together they
    # are 3, so none can be worked out as the room minus the men diggers, who are shown.
    rate("youth", asm__forest="N")
    rate("landowners-chiefs", farming__river="+")
    rate("pastoralists-farmers", farming__river="+")
    app = results_page()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics == {"People who rated": "6", "Consensus": "2", "Contested": "0",
                       "Mixed views": "0", "Too few ratings": "2"}
    charts = app.get("plotly_chart")
    assert len(charts) >= 2  # the room's matrix and one group's, plus the risk matrix
    # asm:river 3 −; asm:forest 3 − and 1 N; farming:river two +; nobody rated farming:forest.
    assert cell_texts(charts[0]) == ["<b>−</b><br>100%", "<b>−</b><br>75%", "<b>+</b><br>100%",
                                     "·"]
    assert cell_texts(charts[1]) == ["<b>−</b><br>100%", "<b>−</b><br>100%", "·", "·"]
    assert any("fewer than 3 people" in caption and "Youth" in caption
               for caption in texts(app, "caption"))
    assert app.selectbox(key="emp|emp_group").options == ["⛏️\u2002Men diggers (pit workers)"]


def test_a_contested_cell_is_marked_on_the_map():
    save_plan()
    for rating in ("+", "+", "-", "-", "N"):
        rate("men-diggers", asm__river=rating)
    app = results_page()
    assert {metric.label: metric.value for metric in app.metric}["Contested"] == "1"
    assert cell_texts(app.get("plotly_chart")[0])[0] == (
        "<b>±</b><br><span style='font-size:0.75em'>+40% −40%</span>")


def test_the_risk_register_names_the_band_of_an_assessed_cell():
    save_plan(assessments=[RiskAssessment(cell="asm:river", likelihood=4, consequence=4)])
    for _ in range(3):
        rate("men-diggers", asm__river="-", asm__forest="-")
    app = results_page()
    register = table_with(app, "Likelihood × consequence")
    assert register.to_dict("records") == [{
        "Rank": 1, "Land use": "⛏️\u2002Artisanal mining", "Environmental value": "🏞️\u2002Rivers",
        "Likelihood": 4, "Consequence": 4, "Likelihood × consequence": 16, "Band": "High"}]
    assert "**Not assessed yet**\n\n- ⛏️\u2002Artisanal mining → 🌳\u2002Forest" in texts(
        app, "markdown")


def test_the_action_plan_lists_actions_in_priority_order():
    def action(id: str, importance: float, urgency: float, hierarchy: str = "minimise"):
        return Action(id=id, label={"en": id.replace("-", " ").capitalize()}, cells=["asm:river"],
                      hierarchy=hierarchy, importance=importance, urgency=urgency,
                      responsible="local-government", years=[1], review=dt.date(2027, 6, 1))

    save_plan(actions=[action("settling-ponds", 2, 2), action("no-mercury", 5, 4, "avoid"),
                       action("replant-banks", 3, 3, "rehabilitate")])
    app = results_page()
    plan = table_with(app, "Importance × urgency")
    assert list(plan["Action"]) == ["No mercury", "Replant banks", "Settling ponds"]
    assert list(plan["Rank"]) == [1, 2, 3]
    assert list(plan["Importance × urgency"]) == [20, 9, 4]
    assert plan["Priority"].iloc[0] == "Act now"
    assert list(plan["Responsible"]) == ["Local government (commune)"] * 3
    by_year = table_with(app, "Year 5")
    assert list(by_year["Year 1"]) == ["●"] * 3 and list(by_year["Year 2"]) == [""] * 3


# ---- the phone ---------------------------------------------------------------------------------

def test_a_participant_rates_a_land_use_row_and_each_tap_is_stored_exactly():
    save_plan()
    phone = join("youth")
    assert "How does ⛏️\u2002Artisanal mining affect each of these?" in texts(phone, "subheader")
    assert "Land use 1 of 2 · 0 of 4 cells rated" in phone.get("progress")[0].proto.text
    phone.segmented_control(key="emp|emp|asm:river").set_value("-").run()
    token = helpers.token_of(phone)
    assert my_ratings(token) == [{"asm:river": "-"}]
    assert "Land use 1 of 2 · 1 of 4 cells rated" in phone.get("progress")[0].proto.text
    phone.button(key="emp_next|emp").click().run()
    assert "How does 🌾\u2002Farming affect each of these?" in texts(phone, "subheader")
    phone.segmented_control(key="emp|emp|farming:forest").set_value("N").run()
    assert my_ratings(token) == [{"asm:river": "-"}, {"farming:forest": "N"}]


def test_changing_an_answer_appends_and_the_latest_counts():
    save_plan()
    token = store().join(CODE, "youth", "en", NOW).token
    phone = phone_card(token)
    phone.segmented_control(key="emp|emp|asm:forest").set_value("-").run()
    phone.segmented_control(key="emp|emp|asm:forest").set_value("+").run()
    assert my_ratings(token) == [{"asm:forest": "-"}, {"asm:forest": "+"}]
    assert phone.segmented_control(key="emp|emp|asm:forest").value == "+"


def test_a_closed_matrix_refuses_the_rating_and_says_so():
    save_plan()
    token = store().join(CODE, "youth", "en", NOW).token
    phone = phone_card(token)
    save_plan(is_open=False)  # the facilitator closes it while the card is on the phone
    phone.segmented_control(key="emp|emp|asm:river").set_value("+").run()
    assert any("not open" in error for error in texts(phone, "error"))
    assert my_ratings(token) == []
    assert phone.segmented_control(key="emp|emp|asm:river").value is None  # not shown as sent
