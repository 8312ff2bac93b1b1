"""The stakeholder map: start from the guide's actors, the map and its findings, influence
scored from phones, actors proposed from phones."""

from engine.exercises.network.setup import network_from_rows
from tests.app.helpers import CODE, join, sign_in, store, texts


def setup_of(exercise_id: str = "network"):
    """The set-up page with the exercise's own set-up shown."""
    app = sign_in()
    app.switch_page("pages/setup.py").run()
    return app.button(key=f"edit|{exercise_id}").click().run()


def test_a_new_map_starts_from_the_guides_actors():
    app = sign_in()
    app.switch_page("pages/setup.py").run()
    app.selectbox(key="new_exercise_kind").set_value("network").run()
    app.button(key="add_exercise_submit").click().run()
    app.text_input(key="network-2|question_en").input("Who decides where we can mine?")
    app.button(key="network-2|save_actors").click().run()
    network = store().load(CODE).exercise("network-2").design
    assert network.question["en"] == "Who decides where we can mine?"
    assert len(network.actors) >= 10
    assert {"rights_holder", "duty_bearer"} <= {a.hrba_role for a in network.actors}


def test_the_results_name_what_the_analysis_finds():
    """Diggers sell to a buyer who pays the mayor: money and mineral flows only, so the diggers
    (rights holders) have no information, authority or relationship path to a duty bearer."""
    mapped = network_from_rows(
        {"en": "Who matters?"},
        [{"id": "diggers", "label_en": "Diggers", "hrba_role": "rights_holder", "influence": 1},
         {"id": "buyer", "label_en": "Buyer", "hrba_role": "other", "influence": 4},
         {"id": "mayor", "label_en": "Mayor", "hrba_role": "duty_bearer", "influence": 5}],
        [{"source": "diggers", "target": "buyer", "layer": "mineral"},
         {"source": "buyer", "target": "mayor", "layer": "money"}])
    store().add_exercise(CODE, "network", "small-map", {"en": "A small map"}, mapped)
    app = sign_in()
    app.switch_page("pages/results.py").run()
    app.selectbox(key="results_exercise").set_value("small-map").run()
    markdown = texts(app, "markdown")
    assert "**Rights holders with no path to any duty bearer**: Diggers" in markdown
    assert "**Brokers (many paths go through them)**: Buyer" in markdown
    tables = [frame.value for frame in app.dataframe if frame.key is None]
    assert list(tables[0]["Actor"]) == ["Diggers", "Buyer", "Mayor"]  # the centralities


def test_participants_rate_influence_and_the_facilitator_adopts_the_median():
    network = store().load(CODE).exercise("network").design
    first, second = network.actors[:2]
    store().set_status(CODE, "actions", "closed")
    store().set_status(CODE, "network", "open")
    for group, score in (("youth", 1), ("men-diggers", 4), ("women-crushers", 5)):
        phone = join(group)
        phone.segmented_control(key=f"influence|{first.id}").set_value(score)
        phone.run()
        phone.button(key="influence_submit").click().run()
        assert texts(phone, "success") == [
            "Your answers are recorded. You can change them while voting is open."]

    app = setup_of("network")
    table = next(frame.value for frame in app.dataframe if frame.key is None and "Median" in
                 frame.value.columns)
    row = table[table["Actor"] == first.label["en"]].iloc[0]
    assert (row["Scores"], row["Median"]) == (3, 4)
    app.button(key="network|use_medians").click().run()
    saved = store().load(CODE).exercise("network").design
    assert saved.actor(first.id).influence == 4
    assert saved.actor(second.id).influence == second.influence


def test_an_actor_proposed_from_a_phone_joins_the_map_once_approved():
    store().set_status(CODE, "actions", "closed")
    store().set_status(CODE, "network", "open")
    phone = join("women-crushers")
    phone.button(key="network|reveal|propose_actor|button").click().run()
    phone.text_input(key="proposed_actor").input("Water vendors")
    phone.button(key="propose_actor_submit").click().run()
    assert "Thank you: the facilitator will look at your suggestion." in texts(phone, "success")
    (proposal,) = store().load(CODE).exercise("network").proposals

    app = sign_in()
    app.switch_page("pages/run.py").run()
    assert any("Water vendors" in text and "Women crushers" in text
               for text in texts(app, "markdown"))
    app.button(key=f"review|network|{proposal.id}|True").click().run()
    network = store().load(CODE).exercise("network").design
    assert network.actor("water-vendors").label == {"en": "Water vendors"}
