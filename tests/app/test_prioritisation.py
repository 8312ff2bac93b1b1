"""A prioritisation: ranking, pairwise and matrix ballots on the phone; proposals; every method
on the results page."""

import pytest

from engine.exercises.prioritisation.results import AGGREGATIONS

from ui.session import plain
from tests.app.helpers import CODE, join, open_only, sign_in, store, texts

RANKING, PAIRWISE, MATRIX = "issues-ranking", "actions-pairs", "solutions-matrix"


def mine(app, exercise_id: str):
    token = app.query_params["p"]
    return [b for b in store().load(CODE).exercise(exercise_id).ballots if b.participant == token]


def test_ranking_by_tapping_items_in_order():
    open_only(RANKING)
    items = [item.id for item in store().load(CODE).exercise(RANKING).design.items]
    app = join("youth")
    wanted = list(reversed(items))
    for item in wanted:
        assert app.button(key="submit_vote").disabled  # not until every item has its place
        app.button(key=f"rank|{RANKING}|{item}").click().run()
    app.button(key="submit_vote").click().run()
    assert [b.answer.order for b in mine(app, RANKING)] == [wanted]
    assert texts(app, "success") == [
        "Your answers are recorded. You can change them while voting is open."]


def test_pairwise_one_pair_at_a_time():
    open_only(PAIRWISE)
    app = join("women-crushers")
    assert "0 of 10 pairs answered" in texts(app, "caption")
    pair_buttons = [b for b in app.button if b.key and b.key.startswith(f"pair|{PAIRWISE}|")]
    assert len(pair_buttons) == 2
    assert {b.proto.type for b in pair_buttons} == {"secondary"}  # neither side is suggested
    shown = [b.label for b in pair_buttons]
    pair_buttons[1].click().run()

    (ballot,) = mine(app, PAIRWISE)
    design = store().load(CODE).exercise(PAIRWISE).design
    assert ballot.answer.choice == ballot.answer.pair[1]
    assert shown[1].endswith(plain(design.item(ballot.answer.choice).label["en"]))
    assert "1 of 10 pairs answered" in texts(app, "caption")
    next_pair = [b.label for b in app.button if b.key and b.key.startswith(f"pair|{PAIRWISE}|")]
    assert set(next_pair) != set(shown)  # never the same pair twice


def test_matrix_scores_every_item_on_every_criterion():
    open_only(MATRIX)
    design = store().load(CODE).exercise(MATRIX).design
    app = join("men-diggers")
    for position, item in enumerate(design.items):  # one item's card at a time
        assert any(text.startswith(f"{position + 1} of {len(design.items)} ·")
                   for text in texts(app, "caption"))
        for criterion in design.criteria:
            app.segmented_control(key=f"{MATRIX}|{item.id}|{criterion.id}").set_value(3)
        app.run()
        if position < len(design.items) - 1:
            app.button(key=f"next|{MATRIX}").click().run()
    app.button(key="submit_vote").click().run()
    (ballot,) = mine(app, MATRIX)
    assert ballot.answer.scores == {item.id: {c.id: 3 for c in design.criteria}
                                    for item in design.items}


def test_a_proposal_from_a_phone_waits_for_the_facilitator():
    open_only(MATRIX)
    phone = join("youth")
    phone.button(key=f"{MATRIX}|reveal|propose|button").click().run()
    phone.text_input(key="proposal").input("=Clean water pumps")
    phone.button(key="propose_submit").click().run()
    assert texts(phone, "success")[-1] == "Thank you: the facilitator will look at your suggestion."
    proposal = store().load(CODE).exercise(MATRIX).proposals[-1]
    assert (proposal.payload.item.label, proposal.proposed_by) == (
        {"en": "=Clean water pumps"}, "youth")

    laptop = sign_in()
    laptop.switch_page("pages/run.py").run()
    assert any("=Clean water pumps" in text for text in texts(laptop, "markdown"))
    laptop.button(key=f"review|{MATRIX}|{proposal.id}|True").click().run()
    design = store().load(CODE).exercise(MATRIX).design
    assert design.item(proposal.id).label == {"en": "=Clean water pumps"}


@pytest.mark.parametrize("exercise_id", [RANKING, PAIRWISE, MATRIX])
def test_results_page_shows_every_method_with_agreement_and_divergence(exercise_id):
    app = sign_in()
    app.switch_page("pages/results.py").run()
    app.selectbox(key="results_exercise").set_value(exercise_id).run()
    method = store().load(CODE).exercise(exercise_id).design.method
    control = app.segmented_control(key="results|prioritisation|method")
    assert len(control.options) == len(AGGREGATIONS[method])
    for aggregation in AGGREGATIONS[method]:
        control.set_value(aggregation).run()
        table = app.dataframe[0].value
        assert table["Rank"].iloc[0] == 1
        assert not app.exception
    if method != "pairwise":
        assert any(text.startswith("Agreement:") for text in texts(app, "info"))
    assert "Where groups disagree" in [h.value for h in app.subheader]


def test_importance_urgency_results_list_the_actions_by_quadrant():
    app = sign_in()
    app.switch_page("pages/results.py").run()
    app.selectbox(key="results_exercise").set_value("issues-urgency").run()
    assert "Action list: what to do first" in [h.value for h in app.subheader]
    lists = [text for text in texts(app, "markdown") if text.startswith("**Act now**")]
    assert len(lists) == 1 and "1. " in lists[0]
