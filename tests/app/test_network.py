"""The stakeholder map page: start from the guide's actors, then the map and its findings."""

from engine.setup import network_from_rows
from tests.app.helpers import CODE, join, replace_sample, sign_in, store, texts


def open_network_page():
    app = sign_in()
    return app.switch_page("pages/network.py").run()


def test_saving_the_starter_actors_creates_the_map():
    replace_sample(network=None, lim=None, score_ballots=[])  # the LIM targets the map's actors
    app = open_network_page()
    assert app.checkbox[0].value  # "start from the guide's list of actors"
    app.text_input[0].input("Who decides where we can mine?")
    app.button(key="save_actors").click().run()
    network = store().load(CODE).network
    assert network.question == {"en": "Who decides where we can mine?"}
    assert len(network.actors) >= 10
    assert {"rights_holder", "duty_bearer"} <= {a.hrba_role for a in network.actors}


def test_the_map_tab_names_what_the_analysis_finds():
    """Diggers sell to a buyer who pays the mayor: money and mineral flows only, so the diggers
    (rights holders) have no information, authority or relationship path to a duty bearer."""
    workshop = store().load(CODE)
    mapped = network_from_rows(
        {"en": "Who matters?"},
        [{"id": "diggers", "label_en": "Diggers", "hrba_role": "rights_holder", "influence": 1},
         {"id": "buyer", "label_en": "Buyer", "hrba_role": "other", "influence": 4},
         {"id": "mayor", "label_en": "Mayor", "hrba_role": "duty_bearer", "influence": 5}],
        [{"source": "diggers", "target": "buyer", "layer": "mineral"},
         {"source": "buyer", "target": "mayor", "layer": "money"}])
    replace_sample(network=mapped, lim=None, score_ballots=[])
    app = open_network_page()
    markdown = texts(app, "markdown")
    assert "**Rights holders with no path to any duty bearer**: Diggers" in markdown
    assert "**Brokers (many paths go through them)**: Buyer" in markdown
    tables = [frame.value for frame in app.dataframe if frame.key is None]
    assert list(tables[0]["Actor"]) == ["Diggers", "Buyer", "Mayor"]  # the centralities


def test_participants_rate_influence_and_the_facilitator_sees_the_median():
    workshop = store().load(CODE)
    first, second = workshop.network.actors[:2]
    store().save_setup(workshop.settings().model_copy(update={"network_open": True}),
                       [e.definition() for e in workshop.exercises])
    for group, score in (("youth", 1), ("men-diggers", 4), ("women-crushers", 5)):
        phone = join(group)
        phone.segmented_control(key=f"influence|{first.id}").set_value(score)
        phone.run()
        phone.button(key="influence_submit").click().run()
        assert "Thank you: your scores are recorded." in texts(phone, "success")

    app = open_network_page()
    table = next(frame.value for frame in app.dataframe if frame.key is None and "Median" in
                 frame.value.columns)
    row = table[table["Actor"] == first.label["en"]].iloc[0]
    assert (row["Scores"], row["Median"]) == (3, 4)
    app.button(key="use_medians").click().run()
    assert store().load(CODE).network.actor(first.id).influence == 4
    assert store().load(CODE).network.actor(second.id).influence == second.influence



def test_an_actor_proposed_from_a_phone_joins_the_map_once_approved():
    workshop = store().load(CODE)
    store().save_setup(workshop.settings().model_copy(update={"network_open": True}),
                       [e.definition() for e in workshop.exercises])
    phone = join("women-crushers")
    phone.text_input(key="proposed_actor").input("Water vendors")
    phone.button(key="propose_actor_submit").click().run()
    assert "Thank you: the facilitator will look at your suggestion." in texts(phone, "success")
    (proposal,) = store().load(CODE).network_proposals

    app = open_network_page()
    assert any("**Water vendors**" in text and "Women crushers" in text
               for text in texts(app, "markdown"))
    app.button(key=f"review_network|{proposal.id}|True").click().run()
    assert store().load(CODE).network.actor("water-vendors").label == {"en": "Water vendors"}


def test_a_second_facilitators_page_never_closes_the_map_the_first_opened():
    first = open_network_page()
    second = open_network_page()
    first.toggle(key="network_open_toggle").set_value(True).run()
    assert store().load(CODE).network_open
    second.run()
    assert store().load(CODE).network_open
    assert second.toggle(key="network_open_toggle").value  # it shows what is stored
