"""Ranking, pairwise and matrix ballots on the phone; proposals; every method on the results page."""

import pytest

from engine.prioritise import AGGREGATIONS

from tests.app.helpers import CODE, join, sign_in, store, texts

RANKING, PAIRWISE, MATRIX = "issues-ranking", "actions-pairs", "solutions-matrix"


def open_only(exercise_id: str) -> None:
    """Open one exercise of the sample and close the others, as a facilitator would."""
    for exercise in store().load(CODE).exercises:
        store().set_status(CODE, exercise.id, "open" if exercise.id == exercise_id else "closed")


def mine(app, exercise_id: str):
    token = app.query_params["p"]
    return [b for b in store().load(CODE).exercise(exercise_id).ballots if b.participant == token]


def test_ranking_by_tapping_items_in_order():
    open_only(RANKING)
    items = [item.id for item in store().load(CODE).exercise(RANKING).votable_items()]
    app = join("youth")
    wanted = list(reversed(items))
    for item in wanted:
        assert app.button(key="submit_vote").disabled  # not until every item has its place
        app.button(key=f"rank|vote|{RANKING}|order|{item}").click().run()
    app.button(key="submit_vote").click().run()
    assert [b.answer.order for b in mine(app, RANKING)] == [wanted]
    assert texts(app, "success") == ["Your vote is recorded. You can change it while voting is open."]


def test_pairwise_one_pair_at_a_time():
    open_only(PAIRWISE)
    app = join("women-crushers")
    assert "0 of 10 pairs answered" in [p.proto.text for p in app.get("progress")]
    pair_buttons = [b for b in app.button if b.key and b.key.startswith(f"pair|{PAIRWISE}|")]
    assert len(pair_buttons) == 2
    chosen = pair_buttons[1].key.split("|")[-1]
    pair_buttons[1].click().run()

    (ballot,) = mine(app, PAIRWISE)
    assert ballot.answer.choice == chosen and chosen in ballot.answer.pair
    assert "1 of 10 pairs answered" in [p.proto.text for p in app.get("progress")]
    next_pair = {b.key.split("|")[-1] for b in app.button
                 if b.key and b.key.startswith(f"pair|{PAIRWISE}|")}
    assert next_pair != set(ballot.answer.pair)  # never the same pair twice


def test_matrix_scores_every_item_on_every_criterion():
    open_only(MATRIX)
    exercise = store().load(CODE).exercise(MATRIX)
    app = join("men-diggers")
    for item in exercise.votable_items():
        for criterion in exercise.criteria:
            app.segmented_control(key=f"vote|{MATRIX}|{item.id}|{criterion.id}").set_value(3)
    app.run()
    app.button(key="submit_vote").click().run()
    (ballot,) = mine(app, MATRIX)
    assert ballot.answer.scores == {item.id: {c.id: 3 for c in exercise.criteria}
                                    for item in exercise.votable_items()}


def test_a_proposal_from_a_phone_waits_for_the_facilitator():
    open_only(MATRIX)
    phone = join("youth")
    phone.text_input(key="proposal").input("=Clean water pumps")
    phone.button(key="propose_submit").click().run()
    assert texts(phone, "success")[-1] == "Thank you: the facilitator will look at your suggestion."
    proposed = store().load(CODE).exercise(MATRIX).items[-1]
    assert (proposed.label, proposed.approved, proposed.proposed_by) == (
        {"en": "=Clean water pumps"}, False, "youth")

    laptop = sign_in()
    laptop.switch_page("pages/run.py").run()
    laptop.button(key=f"review|{MATRIX}|{proposed.id}|True").click().run()
    assert store().load(CODE).exercise(MATRIX).item(proposed.id).approved


@pytest.mark.parametrize("exercise_id", [RANKING, PAIRWISE, MATRIX])
def test_results_page_shows_every_method_with_agreement_and_divergence(exercise_id):
    app = sign_in()
    app.switch_page("pages/results.py").run()
    app.selectbox(key="results_exercise").set_value(exercise_id).run()
    method = store().load(CODE).exercise(exercise_id).method
    control = app.segmented_control(key=f"results_aggregation_{method}")
    assert len(control.options) == len(AGGREGATIONS[method])
    for aggregation in AGGREGATIONS[method]:
        control.set_value(aggregation).run()
        table = app.dataframe[0].value
        assert list(table["Rank"])[0] == 1
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
