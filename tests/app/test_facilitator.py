"""The facilitator's pages: the PIN, opening and closing voting, proxy entry, presenter, set-up."""

import datetime as dt

import pytest

from engine.core.records import proxy_token

from streamlit.testing.v1 import AppTest

from ui import session
from tests.app.helpers import CODE, ROOT, sign_in, store, texts

FACILITATOR_PAGES = ["pages/setup.py", "pages/run.py", "pages/presenter.py", "pages/results.py"]


@pytest.mark.parametrize("page", FACILITATOR_PAGES)
def test_facilitator_pages_run_on_their_own_refuse_a_browser_without_the_pin(page):
    """As when a page's URL is the first visit on a fresh server: the page runs without app.py."""
    app = AppTest.from_file(str(ROOT / page), default_timeout=30).run()
    assert texts(app, "warning") == [
        "This page is for the facilitator. Open the workshop with its PIN first."]
    assert not app.image and not app.get("download_button") and not app.title


def test_a_wrong_pin_gives_no_access():
    app = sign_in(pin="0000")
    assert texts(app, "error") == ["Wrong PIN. No access."]
    assert "facilitator_code" not in app.session_state
    app.switch_page("pages/presenter.py").run()
    assert texts(app, "warning") == [
        "This page is for the facilitator. Open the workshop with its PIN first."]


def test_the_right_pin_opens_the_workshop():
    app = sign_in()
    assert app.session_state["facilitator_code"] == CODE
    assert app.title[0].value == session.plain(
        "Tin and coltan mining near the park: Mubondo's priorities")


def test_closing_and_reopening_an_exercise():
    app = sign_in()
    app.switch_page("pages/run.py").run()
    assert app.button(key="status_actions").label == "Close voting"
    app.button(key="status_actions").click().run()
    assert store().load(CODE).exercise("actions").status == "closed"
    assert app.button(key="status_actions").label == "Reopen voting"
    app.button(key="status_actions").click().run()
    assert store().load(CODE).exercise("actions").status == "open"


def test_proxy_entry_records_a_groups_tally_for_people_without_phones():
    app = sign_in()
    app.switch_page("pages/run.py").run()
    app.selectbox(key="actions|flipchart_group").set_value("landowners-chiefs")
    app.number_input(key="actions|flipchart_people").set_value(3).run()
    app.number_input(key="actions|proxy|asm-zones").set_value(20)
    app.number_input(key="actions|proxy|pit-safety").set_value(10).run()
    assert "30 of 30 beans entered" in texts(app, "caption")
    app.button(key="actions|proxy_record").click().run()

    assert texts(app, "success") == ["Recorded for Landowners and customary chiefs: 3 people."]
    ballot = store().load(CODE).exercise("actions").ballots[-1]
    assert ballot.participant == proxy_token("landowners-chiefs")
    assert (ballot.voters, ballot.answer.beans) == (3, {"asm-zones": 20, "pit-safety": 10})


def test_a_proxy_tally_over_the_budget_is_refused_and_nothing_stored():
    app = sign_in()
    app.switch_page("pages/run.py").run()
    before = len(store().load(CODE).exercise("actions").ballots)
    app.number_input(key="actions|flipchart_people").set_value(2).run()
    app.number_input(key="actions|proxy|asm-zones").set_value(25).run()
    app.button(key="actions|proxy_record").click().run()
    assert texts(app, "error") == [
        "Too many beans: 25 placed, but only 20 to give. Nothing was recorded."]
    assert len(store().load(CODE).exercise("actions").ballots) == before


def test_presenter_shows_the_join_code_the_qr_and_the_count_of_votes():
    app = sign_in()
    app.switch_page("pages/presenter.py").run()
    blocks = [element.proto.body for element in app.get("html")]
    join = next(block for block in blocks if "join-code" in block)
    assert f'<div class="join-code">{CODE}</div>' in join
    assert 'alt="QR code to join the workshop; or type the address below, then the code KAHUZ"' \
        in join and 'src="data:image/png;base64,' in join
    # The sample's open exercise has 16 voters so far: the heading and the turnout agree.
    assert "**Voting open · 16 voters** · each person equal" in texts(app, "markdown")
    turnout = next(block for block in blocks if "turnout-chip" in block)
    assert sum(int(chip.split("/")[0].rsplit(" ", 1)[-1])
               for chip in turnout.split("</span>") if "turnout-chip" in chip) == 16
    assert app.title[0].value == "What should we do first?"
    ranking = next(block for block in blocks if "rank-row" in block)
    assert ranking.count('class="rank-row"') == 6  # the first page of 11 actions


def test_results_offer_the_workbook_and_rank_the_items():
    app = sign_in()
    app.switch_page("pages/results.py").run()
    table = app.dataframe[0].value
    assert list(table["Rank"])[:1] == [1]
    assert table["Beans"].sum() == 36 * 10  # 36 voters (a proxy counts 4) placed 10 beans each
    assert len(app.get("download_button")) == 2


def test_adding_an_exercise_in_set_up():
    app = sign_in()
    app.switch_page("pages/setup.py").run()
    app.selectbox(key="new_exercise_kind").set_value("prioritisation").run()
    app.text_input(key="new_exercise_title").input("Which risks first?")
    app.selectbox(key="new_prioritisation_method").set_value("importance-urgency")
    app.button(key="add_exercise_submit").click().run()
    added = store().load(CODE).exercises[-1]
    assert (added.id, added.kind, added.design.method, added.status) == (
        "which-risks-first", "prioritisation", "importance-urgency", "draft")
    assert added.title == {"en": "Which risks first?"}
    assert app.session_state["setup_exercise"] == "which-risks-first"  # its set-up is shown


def test_an_exercise_added_without_a_title_is_called_by_its_kind():
    app = sign_in()
    app.switch_page("pages/setup.py").run()
    app.selectbox(key="new_exercise_kind").set_value("network").run()
    app.button(key="add_exercise_submit").click().run()
    added = store().load(CODE).exercises[-1]
    assert (added.id, added.kind, added.title) == ("network-2", "network", None)
    assert added.title_in("en") == "Stakeholder network map"


def test_workshop_details_without_a_title_say_where_and_save_nothing():
    before = store().load(CODE).settings()
    app = sign_in()
    app.switch_page("pages/setup.py").run()
    app.text_input(key="settings_title").input("   ")
    app.button(key="save_settings").click().run()
    assert texts(app, "error") == [
        "This change cannot be saved: at title: this text is too short: write at least 1 "
        "character. Nothing was changed."]
    assert store().load(CODE).settings() == before


def test_deleting_a_workshop_needs_a_confirmation_and_removes_everything():
    app = sign_in()
    assert app.button(key="delete_workshop").disabled
    app.checkbox(key="delete_confirm").check().run()
    app.button(key="delete_workshop").click().run()
    assert CODE not in store().codes()
    assert "facilitator_code" not in app.session_state


@pytest.mark.parametrize("exercise_id", ["issues", "actions-pairs", "solutions-matrix"])
def test_saving_an_exercise_unchanged_keeps_it_as_it_was(exercise_id):
    before = store().load(CODE).exercise(exercise_id)
    app = sign_in()
    app.switch_page("pages/setup.py").run()
    app.button(key=f"edit|{exercise_id}").click().run()
    app.button(key=f"{exercise_id}|save_design").click().run()
    assert not app.error
    after = store().load(CODE).exercise(exercise_id)
    assert after == before  # items, proposals, criteria, weights and ballots all kept


def test_a_second_facilitators_page_never_undoes_what_the_first_changed():
    first, second = sign_in(), sign_in()
    first.switch_page("pages/run.py").run()
    second.switch_page("pages/run.py").run()
    first.button(key="status_network").click().run()  # draft → open
    second.button(key="status_actions").click().run()  # a page drawn before: open → closed
    statuses = {e.id: e.status for e in store().load(CODE).exercises}
    assert (statuses["network"], statuses["actions"]) == ("open", "closed")
    assert second.button(key="status_network").label == "Close voting"  # it shows the store


def test_renaming_an_exercise_keeps_the_languages_the_page_does_not_show():
    store().save_exercise(CODE, "issues", store().load(CODE).exercise("issues").design,
                          {"en": "Issues", "sw": "Masuala"})
    app = sign_in()
    app.switch_page("pages/setup.py").run()
    app.button(key="edit|issues").click().run()
    app.text_input(key="issues|title_en").input("Which problems first?")
    app.text_input(key="issues|title_fr").input("Quels problèmes d'abord ?")
    app.button(key="issues|save_title").click().run()
    assert store().load(CODE).exercise("issues").title == {
        "en": "Which problems first?", "fr": "Quels problèmes d'abord ?", "sw": "Masuala"}


def test_a_burst_of_joins_from_one_device_is_flagged_on_the_run_page():
    app = sign_in()
    for minute in range(3):
        session.join_log().record(CODE, "192.168.137.23",
                                  session.now() - dt.timedelta(minutes=minute))
    session.join_log().record(CODE, "192.168.137.40", session.now())
    app.switch_page("pages/run.py").run()
    assert [text for text in texts(app, "warning") if "192.168" in text] == [
        "One device (192.168.137.23) joined 3 times in the last few minutes: someone may be "
        "taking part more than once. Look at the room; their extra answers can be removed."]
