"""Who spoke: the phone's profile step, the profile and expected head-counts in set-up, tallies
with a gender and an age band, participation against expectation and the removal of a
participant on the Run page, the projector's results in steps, and results cut by group,
gender and age."""

from engine.core.exercise import kind
from engine.core.records import proxy_token
from engine.core.setup import revise
from engine.cuts import cut_results

from tests.app.helpers import (CODE, add_exercise, join, place_beans, sign_in, start, store,
                               texts, token_of)

GENDER_BUTTONS = ["profile_gender_woman", "profile_gender_man", "profile_gender_unsaid"]
AGE_BUTTONS = ["profile_age_up_to_35", "profile_age_36_59", "profile_age_60_plus",
               "profile_age_unsaid"]


def keys(app) -> list[str]:
    return [button.key for button in app.button]


def ask_only(*attributes: str) -> None:
    """The sample workshop asks only these profile questions."""
    settings = store().load(CODE).settings()
    store().save_settings(revise(settings, profile=list(attributes)))


# ---- the phone --------------------------------------------------------------------------------

def test_after_the_group_the_phone_asks_gender_then_age_and_joins_with_the_answers():
    joined = len(store().load(CODE).participants)
    app = start(w=CODE)
    app.button(key="group_women-crushers").click().run()
    assert app.header[0].value == "Are you a woman or a man?"
    assert [k for k in keys(app) if k.startswith("profile_")] == [*GENDER_BUTTONS,
                                                                 "profile_skip"]
    assert app.button(key="profile_gender_woman").label == "👩\u2002Woman"
    assert app.button(key="profile_gender_unsaid").label.endswith("Prefer not to say")
    assert app.button(key="profile_skip").label == "Skip"
    assert len(store().load(CODE).participants) == joined  # nobody joined yet

    app.button(key="profile_gender_woman").click().run()
    assert app.header[0].value == "How old are you?"
    assert [k for k in keys(app) if k.startswith("profile_")] == [*AGE_BUTTONS, "profile_skip"]
    app.button(key="profile_age_36_59").click().run()

    me = store().participant(CODE, token_of(app))
    assert (me.group, me.attributes) == ("women-crushers", {"gender": "woman", "age": "36-59"})
    assert len(store().load(CODE).participants) == joined + 1
    assert app.get("progress")  # on to the ballot, as before


def test_skip_joins_without_a_profile_and_goes_on_to_the_ballot():
    app = start(w=CODE)
    app.button(key="group_youth").click().run()
    app.button(key="profile_skip").click().run()
    me = store().participant(CODE, token_of(app))
    assert (me.group, me.attributes) == ("youth", {})
    assert app.get("progress")


def test_skipping_the_age_keeps_the_gender_given():
    app = start(w=CODE)
    app.button(key="group_youth").click().run()
    app.button(key="profile_gender_unsaid").click().run()
    app.button(key="profile_skip").click().run()
    assert store().participant(CODE, token_of(app)).attributes == {"gender": "unsaid"}


def test_a_workshop_that_asks_nothing_goes_from_the_group_to_the_ballot():
    ask_only()
    app = start(w=CODE)
    app.button(key="group_youth").click().run()
    assert not [k for k in keys(app) if k.startswith("profile_")]
    assert store().participant(CODE, token_of(app)).attributes == {}


def test_a_workshop_that_asks_the_age_only_shows_that_question():
    ask_only("age")
    app = start(w=CODE)
    app.button(key="group_youth").click().run()
    assert app.header[0].value == "How old are you?"
    app.button(key="profile_age_up_to_35").click().run()
    assert store().participant(CODE, token_of(app)).attributes == {"age": "up-to-35"}


def test_the_profile_step_speaks_french():
    app = start(w=CODE)
    app.button(key="lang_switch").click().run()  # English → Français
    app.button(key="group_youth").click().run()
    assert app.header[0].value == "Êtes-vous une femme ou un homme\u202f?"
    assert app.button(key="profile_gender_woman").label == "👩\u2002Femme"
    assert app.button(key="profile_skip").label == "Passer"


def test_a_question_dropped_while_a_phone_answers_is_refused_and_nothing_stored():
    joined = len(store().load(CODE).participants)
    app = start(w=CODE)
    app.button(key="group_youth").click().run()
    app.button(key="profile_gender_woman").click().run()
    ask_only("age")  # the facilitator changes the profile meanwhile
    app.button(key="profile_age_60_plus").click().run()
    (error,) = texts(app, "error")
    assert "does not ask this question (gender)" in error and "Nothing was recorded" in error
    assert len(store().load(CODE).participants) == joined
    app.button(key="join_again").click().run()
    assert app.header[0].value == "Which group are you part of?"


# ---- set-up -----------------------------------------------------------------------------------

def setup_page():
    app = sign_in()
    return app.switch_page("pages/setup.py").run()


def edit_group(app, row: int, **cells: object) -> None:
    """Type ``cells`` into the groups table's row ``row`` (0-based), as the editor would."""
    app.session_state["groups_editor"] = {"edited_rows": {row: cells}, "added_rows": [],
                                          "deleted_rows": []}


def test_set_up_chooses_the_profile_asked():
    app = setup_page()
    assert app.pills(key="settings_profile").value == ["gender", "age"]
    app.pills(key="settings_profile").set_value(["gender"])
    app.button(key="save_settings").click().run()
    assert texts(app, "success") == ["Saved."]
    assert store().load(CODE).profile == ["gender"]


def test_set_up_records_the_expected_women_and_men_of_a_group():
    app = setup_page()
    groups = store().load(CODE).groups
    row = [g.id for g in groups].index("men-diggers")
    edit_group(app, row, expected=12, expected_woman=2, expected_man=10)
    app.button(key="save_settings").click().run()
    saved = store().load(CODE).group("men-diggers")
    assert (saved.expected, saved.expected_by) == (12, {"woman": 2, "man": 10})


def test_more_women_expected_than_the_group_is_refused_and_nothing_saved():
    before = store().load(CODE).settings()
    app = setup_page()
    row = [g.id for g in before.groups].index("women-crushers")
    edit_group(app, row, expected_woman=20)  # the group expects 8
    app.button(key="save_settings").click().run()
    (error,) = texts(app, "error")
    assert "groups row" in error and "20" in error and "8 expected" in error
    assert error.endswith("Nothing was changed.")
    assert store().load(CODE).settings() == before


# ---- the Run page -----------------------------------------------------------------------------

def run_page():
    app = sign_in()
    return app.switch_page("pages/run.py").run()


def test_a_tally_carries_its_gender_and_age_band():
    app = run_page()
    app.selectbox(key="actions|flipchart_group").set_value("women-crushers")
    app.selectbox(key="actions|flipchart_gender").set_value("woman")
    app.selectbox(key="actions|flipchart_age").set_value("up-to-35")
    app.number_input(key="actions|flipchart_people").set_value(2).run()
    app.number_input(key="actions|proxy|asm-zones").set_value(20).run()
    app.button(key="actions|proxy_record").click().run()

    assert texts(app, "success") == [
        "Recorded for Women crushers, washers and panners · Woman · 35 or younger: 2 people."]
    attributes = {"gender": "woman", "age": "up-to-35"}
    token = proxy_token("women-crushers", attributes)
    stored = store().load(CODE)
    assert stored.exercise("actions").ballots[-1].participant == token
    assert next(p for p in stored.participants if p.token == token).attributes == attributes


def test_a_tally_without_a_gender_or_age_is_the_groups_own():
    app = run_page()
    assert app.selectbox(key="actions|flipchart_gender").value is None
    assert app.selectbox(key="actions|flipchart_gender").format_func(None) == "Not given (mixed)"
    app.number_input(key="actions|proxy|asm-zones").set_value(10).run()
    app.button(key="actions|proxy_record").click().run()
    group = app.selectbox(key="actions|flipchart_group").value
    assert store().load(CODE).exercise("actions").ballots[-1].participant == proxy_token(group)


def test_participation_against_expectation_flags_the_gaps_while_voting_is_open():
    app = run_page()
    assert "Who has answered" in [header.value for header in app.header]
    lines = "\n".join(texts(app, "markdown"))
    # The sample: the women crushers expect 8, all women; 3 have answered the open exercise.
    assert "⚠️ Women crushers, washers and panners: 3 of 8, 5 still missing" in lines
    assert "⚠️ Women crushers, washers and panners · Woman: 3 of 8, 5 still missing" in lines
    for _ in range(5):
        place_beans(join("youth"), {"asm-zones": 10}).button(key="submit_vote").click().run()
    app.run()
    lines = "\n".join(texts(app, "markdown"))
    assert "⚠️ Youth: 8 of 5, more than expected" in lines


def test_the_projectors_live_results_are_chosen_per_exercise():
    assert store().load(CODE).exercise("actions").live_results == "steps"
    app = run_page()
    control = app.segmented_control(key="live_results_actions")
    assert control.value == "steps"
    control.set_value("after_close").run()
    assert store().load(CODE).exercise("actions").live_results == "after_close"


def test_removing_a_participant_needs_a_confirmation_and_keeps_their_ballots_uncounted():
    phone = place_beans(join("youth"), {"asm-zones": 10})
    phone.button(key="submit_vote").click().run()
    token = token_of(phone)
    counted = store().load(CODE).room().group_of
    assert token in counted

    app = run_page()
    line = next(text for text in texts(app, "markdown") if text.startswith(f"Phone {token[:6]}"))
    assert "Youth" in line and "joined at" in line
    app.button(key=f"exclude_{token}").click().run()
    assert not store().is_excluded(CODE, token)  # not before the confirmation
    assert "Their ballots stay in the workshop file but are no longer counted" in \
        texts(app, "warning")[-1]
    app.button(key="exclude_confirm").click().run()

    assert store().is_excluded(CODE, token)
    assert texts(app, "success") == [
        f"Phone {token[:6]}… removed: its ballots stay in the workshop file but are not "
        "counted."]
    stored = store().load(CODE)
    assert any(b.participant == token for b in stored.exercise("actions").ballots)
    assert token not in stored.room().group_of
    assert not [b for b in app.button if b.key == f"exclude_{token}"]
    # The phone is told when it tries again.
    phone.button(key="reopen").click().run()
    phone.button(key="submit_vote").click().run()
    assert texts(phone, "error") == [
        "The facilitator has removed this phone from the workshop. Nothing was recorded."]


def test_cancelling_a_removal_removes_nobody():
    token = token_of(join("youth"))
    app = run_page()
    app.button(key=f"exclude_{token}").click().run()
    app.button(key="exclude_cancel").click().run()
    assert not store().is_excluded(CODE, token)
    assert not [b for b in app.button if b.key == "exclude_confirm"]


# ---- the projector ----------------------------------------------------------------------------

def presenter_blocks(app) -> str:
    """The projector's HTML blocks, without its style sheets."""
    return "\n".join(element.proto.body for element in app.get("html")
                     if not element.proto.body.startswith("<style"))


def test_results_kept_for_the_close_show_only_how_many_answered():
    store().set_live_results(CODE, "actions", "after_close")
    app = sign_in()
    app.switch_page("pages/presenter.py").run()
    assert "**Voting open · 16 voters** · each person equal" in texts(app, "markdown")
    blocks = presenter_blocks(app)
    assert "Results are shown when voting closes." in blocks and 'class="rank-row"' not in blocks
    store().set_status(CODE, "actions", "closed")
    app.run()
    assert 'class="rank-row"' in presenter_blocks(app)


def test_results_in_steps_wait_for_enough_people_and_say_how_many_more():
    add_exercise("prioritisation", "fresh", kind("prioritisation").new_design(
        "en", store().load(CODE).references()))
    app = sign_in()
    app.switch_page("pages/presenter.py").run()
    assert "Results appear once 3 more people have answered." in presenter_blocks(app)
    design = store().load(CODE).exercise("fresh").design
    first = design.items[0].id
    for _ in range(2):
        phone = join("youth")
        phone.number_input(key=f"beans|fresh|{first}").set_value(design.beans).run()
        phone.button(key="submit_vote").click().run()
    app.run()
    assert "**Voting open · 2 voters**" in texts(app, "markdown")[0]
    assert "Results appear once 1 more person has answered." in presenter_blocks(app)
    phone = join("youth")
    phone.number_input(key=f"beans|fresh|{first}").set_value(design.beans).run()
    phone.button(key="submit_vote").click().run()
    app.run()
    blocks = presenter_blocks(app)
    assert 'class="rank-row"' in blocks
    assert "The results count the first 3 answers; they move once 3 more people have " \
           "answered." in blocks


def test_the_projector_shows_the_parts_of_the_room_side_by_side_small_ones_hidden():
    store().set_status(CODE, "actions", "closed")  # every answer counts once closed
    workshop = store().load(CODE)
    expected = cut_results(workshop.exercise("actions"), workshop.room(), ("group", "gender"))
    app = sign_in()
    app.switch_page("pages/presenter.py").run()
    app.selectbox(key="presenter_exercise").set_value("actions").run()
    cuts = app.selectbox(key="presenter_cut")
    assert cuts.value is None and "By gender" in cuts.options
    cuts.set_value(("group", "gender")).run()
    blocks = presenter_blocks(app)
    assert 'class="rank-row"' not in blocks  # the parts instead of the whole room's ranking
    rows = blocks.count('class="cut-row"')
    assert rows == len(expected.cells) and expected.hidden > 0
    assert blocks.count("hidden (too few people)") == expected.hidden
    shown = next(cell for cell in expected.cells if not cell.hidden)
    assert f"{shown.voters} people · 1. " in blocks


# ---- the Results page -------------------------------------------------------------------------

def results_page():
    app = sign_in()
    return app.switch_page("pages/results.py").run()


def cut_table(app):
    """The table of the cut chosen (the one whose first column is the part of the room)."""
    return next(frame.value for frame in app.dataframe
                if list(frame.value.columns)[:1] == ["Part of the room"])


def test_results_are_cut_by_group_gender_and_age_small_cells_hidden():
    app = results_page()
    app.selectbox(key="results_exercise").set_value("actions").run()
    control = app.segmented_control(key="results_cut|actions")
    assert control.options == ["By group", "By gender", "By age", "By group and gender",
                               "By group and age"]
    control.set_value("gender").run()
    table = cut_table(app)
    rows = {row["Part of the room"]: row for row in table.to_dict("records")}
    assert set(rows) <= {"Woman", "Man", "Prefer not to say"}
    # In the sample each answer has 3 people or more: no cell is hidden, nor said to be.
    assert all(int(row["People"]) >= 3 for row in rows.values())
    assert all(row["Ranked first"].startswith("1. ") for row in rows.values())
    assert not any("hidden" in caption for caption in texts(app, "caption"))


def test_a_hidden_cell_shows_nothing_but_that_it_is_hidden():
    app = results_page()
    app.selectbox(key="results_exercise").set_value("actions").run()
    app.segmented_control(key="results_cut|actions").set_value("group,gender").run()
    table = cut_table(app)
    hidden = table[table["People"] == "hidden (too few people)"]
    assert len(hidden) > 0
    assert any(caption.startswith(f"{len(hidden)} parts hidden: fewer than 3 people")
               for caption in texts(app, "caption"))
    assert (hidden.drop(columns=["Part of the room", "People"]) == "").all().all()


def test_typed_labels_in_a_cut_are_shown_as_text():
    settings = store().load(CODE).settings()
    groups = [g.model_copy(update={"label": {"en": "**bold** [x](http://e.org)"}})
              if g.id == "youth" else g for g in settings.groups]
    store().save_settings(revise(settings, groups=groups))
    app = results_page()
    app.selectbox(key="results_exercise").set_value("actions").run()
    app.segmented_control(key="results_cut|actions").set_value("group").run()
    table = cut_table(app)
    assert "**bold** [x](http://e.org)" in set(table["Part of the room"])
