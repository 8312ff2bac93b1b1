"""The rehabilitation action plan in the app: the phone's two questions, a group's flipchart, the
set-up saving (and refusing) a part of the plan, the results and the projector.

The tests use the English sample's plan (exercise ``rap`` of KAHUZ: a hillside of tin diggings,
35 voters, costs in US dollars), opened alone when phones need it. AppTest cannot edit a data
editor: the tables' logic is tested in tests/engine/exercises/rehabilitation/; here, the pages'
reading and saving.
"""

from __future__ import annotations

import re

from engine.exercises.rehabilitation.design import Vote
from tests.app.helpers import (CODE, answers_of, join, open_only, sign_in, store, texts,
                               token_of)

RAP = "rap"


def html_blocks(app) -> list[str]:
    return [element.proto.body for element in app.get("html")]


# ---- the phone ---------------------------------------------------------------------------------

def test_a_phone_chooses_a_land_use_rates_the_plan_and_sends_both():
    open_only(RAP)
    phone = join("youth")
    assert texts(phone, "subheader") == ["What should the land become?",
                                         "Is this plan acceptable to you?"]
    assert texts(phone, "caption")[-1] == (
        "🏞️ Mubondo hillside diggings (fictional site) · Jun 2026 – Oct 2027 · $10,586.40")
    assert phone.button(key=f"{RAP}|send").disabled
    phone.button(key=f"{RAP}|land_use|agroforestry").click().run()
    assert phone.button(key=f"{RAP}|land_use|agroforestry").proto.type == "primary"
    assert "1 of 2 answered" in phone.get("progress")[0].proto.text
    phone.segmented_control(key=f"{RAP}|acceptability").set_value(4).run()
    phone.button(key=f"{RAP}|send").click().run()
    token = token_of(phone)
    assert answers_of(token, RAP) == [Vote(land_use="agroforestry", acceptability=4)]
    # Sent all it will: the vote page's confirmation instead of the ballot.
    assert texts(phone, "success") == [
        "Your answers are recorded. You can change them while voting is open."]
    assert not [b for b in phone.button if b.key == f"{RAP}|send"]


def test_changing_an_answer_sends_a_new_ballot_and_the_latest_counts():
    open_only(RAP)
    phone = join("youth")
    phone.button(key=f"{RAP}|land_use|grazing").click().run()
    phone.segmented_control(key=f"{RAP}|acceptability").set_value(2).run()
    phone.button(key=f"{RAP}|send").click().run()
    phone.button(key="reopen").click().run()  # "Change my answers": back as they were sent
    assert phone.button(key=f"{RAP}|land_use|grazing").proto.type == "primary"
    assert phone.segmented_control(key=f"{RAP}|acceptability").value == 2
    phone.button(key=f"{RAP}|land_use|forest-buffer").click().run()
    assert phone.button(key=f"{RAP}|send").label == "Send my new answers"
    phone.button(key=f"{RAP}|send").click().run()
    assert answers_of(token_of(phone), RAP) == [
        Vote(land_use="grazing", acceptability=2),
        Vote(land_use="forest-buffer", acceptability=2)]


def test_a_groups_flipchart_is_recorded_for_its_people():
    open_only(RAP)
    app = sign_in()
    app.switch_page("pages/run.py").run()
    app.selectbox(key="proxy_exercise").set_value(RAP).run()
    app.selectbox(key=f"{RAP}|flipchart_group").set_value("cso")
    app.number_input(key=f"{RAP}|flipchart_people").set_value(5)
    app.selectbox(key=f"{RAP}|flipchart_land_use").set_value("forest-buffer")
    app.segmented_control(key=f"{RAP}|flipchart_rating").set_value(5)
    app.button(key=f"{RAP}|flipchart_send").click().run()
    last = store().load(CODE).exercise(RAP).ballots[-1]
    assert (last.participant, last.voters, last.answer) == (
        "proxy-cso", 5, Vote(land_use="forest-buffer", acceptability=5))


# ---- set-up ------------------------------------------------------------------------------------

def editing(app):
    app.switch_page("pages/setup.py").run()
    return app.button(key=f"edit|{RAP}").click().run()


def test_the_site_tab_saves_the_wage_and_refuses_a_wage_of_zero():
    app = editing(sign_in())
    app.number_input(key=f"{RAP}|wage|0").set_value(6.0)
    app.button(key=f"{RAP}|save_site|0").click().run()
    assert store().load(CODE).exercise(RAP).design.costs.wage == 6
    assert app.number_input(key=f"{RAP}|wage|1").value == 6  # the tab restarts from the store
    app.number_input(key=f"{RAP}|wage|1").set_value(0.0)
    app.button(key=f"{RAP}|save_site|1").click().run()
    assert "The wage of a person-day must be more than 0 (it is 0)." in texts(app, "error")
    assert store().load(CODE).exercise(RAP).design.costs.wage == 6


def test_a_new_plan_starts_from_the_guides_phases_and_tasks():
    app = sign_in()
    app.switch_page("pages/setup.py").run()
    app.selectbox(key="new_exercise_kind").set_value("rehabilitation").run()
    app.button(key="add_exercise_submit").click().run()
    added = store().load(CODE).exercises[-1]
    plan = added.design
    assert (added.kind, added.status) == ("rehabilitation", "draft")
    assert [phase.phase for phase in plan.phases] == ["preparation", "technical", "topsoil",
                                                      "biological", "handover"]
    assert len(plan.tasks()) == 19 and plan.costs.starting
    assert [tab.label for tab in app.tabs][:5] == [
        "1. Site, costs and topsoil", "2. Tasks", "3. Unit rates", "4. Species",
        "5. Land uses and handover"]


# ---- results and the projector -----------------------------------------------------------------

def test_results_show_the_costs_the_saving_and_who_does_not_accept_yet():
    app = sign_in()
    app.switch_page("pages/results.py").run()
    app.selectbox(key="results_exercise").set_value(RAP).run()
    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics == {"Person-days": "2,069.2", "Equipment-days": "0", "Cost": "$10,586.40",
                       "Topsoil (m³)": "2,400", "Whole Mine Cycle saving": "$4,387.50"}
    phases = app.dataframe[0].value
    assert list(phases["Person-days"]) == [40, 1187.7, 745, 81.5, 15, 2069.2]
    assert list(phases["Cost"])[-1] == 10586.4
    assert any(w.startswith("Not accepted yet by: Youth, Herders and farmers, Protected-area "
                            "managers and rangers.") for w in texts(app, "warning"))
    assert "Future land use chosen: Bananas and beans under useful trees  \n35 people counted" \
        in texts(app, "markdown")
    assert any(info.startswith("4 groups are not shown on their own (fewer than 3 voters each")
               for info in texts(app, "info"))
    assert len(app.get("download_button")) == 3  # workbook, file, and the printable plan


def test_the_projector_shows_the_plan_and_the_votes_in_large_text():
    app = sign_in()
    app.switch_page("pages/presenter.py").run()
    app.sidebar.selectbox(key="presenter_exercise").set_value(RAP).run()
    view = next(block for block in html_blocks(app) if "rap-screen" in block)
    assert "💰 $10,586.40 · 2,069 person-days" in view
    assert "🌱 Topsoil kept apart: 975 person-days and $4,387.50 saved" in view
    # The land uses by votes, the room's choice ticked.
    assert re.findall(r'rap-bar-name">([^<]*)</span>', view) == [
        "🍌 Bananas and beans under useful trees", "🐄 Grazing",
        "🌳 Native forest buffer for the park", "🐟 Fish ponds in the old pits"]
    assert '<span class="">✔</span><span class="rap-bar-name">🍌' in view
    assert "16 · 46%" in view and "4 · 11%" in view
    assert "Is the plan acceptable? Whole room: 3.43/5 ✓" in view
    assert view.count('class="rap-chip"') == 3 and view.count('class="rap-chip no"') == 3
    assert "🌾 2.43/5 ✗" in view  # the herders
    assert '<span class="rap-chip small">+ 4 small groups</span>' in view
    sizes = [int(size) for size in re.findall(r"font-size: max\((\d+)px", view)]
    assert sizes and min(sizes) >= 28
