"""A participant's phone: join by link or code, vote, change the vote, reload, closed exercises."""

from engine.core.answers import latest

from tests.app.helpers import CODE, join, place_beans, start, store, texts


def actions_ballots():
    return store().load(CODE).exercise("actions").ballots


def test_join_by_link_shows_the_workshop_and_its_groups():
    app = start(w=CODE)
    assert texts(app, "caption")[0] == ("Welcome to Tin and coltan mining near the park: "
                                         "Mubondo's priorities")
    assert app.header[0].value == "Which group are you part of?"
    labels = [button.label for button in app.button]
    assert any(label.endswith("Youth") for label in labels)
    assert any("Women crushers" in label for label in labels)


def test_typing_the_code_joins_the_same_workshop():
    app = start()
    app.text_input(key="typed_code").input(CODE.lower())
    app.button(key="FormSubmitter:join_code_form-Join").click().run()
    assert "Mubondo" in texts(app, "caption")[0]


def test_an_unknown_code_says_so_and_offers_to_type_another():
    app = start(w="ZZZZZ")
    assert texts(app, "error") == ["No workshop has the code ZZZZZ. Check the code on the screen."]
    assert app.button[-1].label == "Type another code"


def test_vote_places_all_beans_and_is_stored_exactly():
    before = len(actions_ballots())
    app = join("youth")
    assert "10 of 10 beans left to place" in app.get("progress")[0].proto.text
    assert app.button(key="submit_vote").disabled  # cannot send until every bean is placed
    place_beans(app, {"pit-safety": 7, "asm-zones": 3})
    assert "0 of 10 beans left to place" in app.get("progress")[0].proto.text
    # No bean left to add: each box stops at what it holds.
    assert app.number_input(key="beans|actions|asm-zones").max == 3
    app.button(key="submit_vote").click().run()

    assert texts(app, "success") == [
        "Your answers are recorded. You can change them while voting is open."]
    ballots = actions_ballots()
    assert len(ballots) == before + 1
    assert ballots[-1].participant == app.query_params["p"]
    assert ballots[-1].answer.beans == {"pit-safety": 7, "asm-zones": 3}


def test_changing_the_vote_appends_and_the_latest_counts():
    app = place_beans(join("men-diggers"), {"asm-zones": 10})
    app.button(key="submit_vote").click().run()
    token = app.query_params["p"]
    # Sent: a short confirmation instead of the ballot, and the way back to it.
    assert texts(app, "success") == [
        "Your answers are recorded. You can change them while voting is open."]
    assert not app.get("number_input")
    app.button(key="reopen").click().run()
    assert app.number_input(key="beans|actions|asm-zones").value == 10  # the vote sent
    place_beans(app, {"asm-zones": 8, "pit-safety": 2})
    assert app.button(key="submit_vote").label == "Change my vote"
    app.button(key="submit_vote").click().run()

    mine = [b for b in actions_ballots() if b.participant == token]
    assert [b.answer.beans for b in mine] == [{"asm-zones": 10}, {"asm-zones": 8, "pit-safety": 2}]
    counted = next(b for b in latest(store().load(CODE).exercise("actions").ballots)
                   if b.participant == token)
    assert counted.answer.beans == {"asm-zones": 8, "pit-safety": 2}


def test_reloading_the_link_keeps_the_same_participant_and_their_vote():
    app = place_beans(join("youth"), {"asm-zones": 10})
    app.button(key="submit_vote").click().run()
    token = app.query_params["p"]
    joined = len(store().load(CODE).participants)

    reloaded = start(w=CODE, p=token)  # a new session, as after a locked phone
    assert texts(reloaded, "success") == [
        "Your answers are recorded. You can change them while voting is open."]
    reloaded.button(key="reopen").click().run()
    assert "0 of 10 beans left to place" in reloaded.get("progress")[0].proto.text
    assert len(store().load(CODE).participants) == joined  # nobody new joined
    assert reloaded.query_params["p"] == token


def test_a_ballot_sent_after_the_exercise_closed_is_not_stored_and_the_phone_waits():
    app = place_beans(join("youth"), {"asm-zones": 10})
    store().set_status(CODE, "actions", "closed")  # the facilitator closes voting meanwhile
    before = len(actions_ballots())
    app.button(key="submit_vote").click().run()
    assert texts(app, "info") == [
        "Please wait: the facilitator will open the next exercise. "
        "This page will update by itself."]
    assert len(actions_ballots()) == before


def test_with_nothing_open_the_phone_waits():
    store().set_status(CODE, "actions", "closed")
    app = join("youth")
    assert texts(app, "info") == [
        "Please wait: the facilitator will open the next exercise. "
        "This page will update by itself."]


def test_french_participants_see_french():
    app = start(w="PENDJ")  # the French sample workshop starts in French
    assert app.header[0].value == "De quel groupe faites-vous partie\u202f?"
    assert app.button(key="lang_switch").label == "English"
    app.button(key="lang_switch").click().run()
    assert app.header[0].value == "Which group are you part of?"
    assert app.button(key="lang_switch").label == "Français"


def test_a_wrong_group_can_be_changed_until_the_first_answer():
    app = join("youth")
    token = app.query_params["p"]
    app.button(key="change_group").click().run()
    assert app.header[0].value == "Which group are you part of?"
    app.button(key="group_women-crushers").click().run()
    assert store().participant(CODE, token).group == "women-crushers"
    assert "Women crushers, washers and panners" in texts(app, "caption")[0]

    place_beans(app, {"asm-zones": 10})
    app.button(key="submit_vote").click().run()
    app.run()  # the whole page again: the answer is in, so the group is fixed
    assert not [button for button in app.button if button.key == "change_group"]
