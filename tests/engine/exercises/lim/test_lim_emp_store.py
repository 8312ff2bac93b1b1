"""The store's LIM and EMP: scores and ratings appended from phones, designs saved whole, and
bad input refused with nothing stored. On SQLite and PostgreSQL (the fixtures of test_store)."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import func, select

from engine import store as store_module

from engine.errors import BallotError, NotFoundError, SetupError
from engine.incentives import Weights
from engine.store import Store, matrix_ballots
from engine.workshop_file import dump_workshop

from factories import at
from plans_workshop import plans_workshop
from test_store import postgresql_store, store  # noqa: F401 - the fixtures, on both backends

CODE = plans_workshop().code
ZONES = {"leverage": 5, "effectiveness": 4, "risk_likelihood": 2, "risk_severity": 3}


@pytest.fixture
def planned(store) -> Store:  # noqa: F811 - the imported fixture
    """The store holding ``plans_workshop()``, its LIM and EMP open to phones."""
    workshop = plans_workshop()
    store.import_workshop(workshop.model_copy(update={
        "lim": workshop.lim.model_copy(update={"open": True}),
        "emp": workshop.emp.model_copy(update={"open": True})}))
    return store


def matrix_rows(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.scalar(select(func.count()).select_from(matrix_ballots))


def test_scores_and_ratings_are_appended_and_move_the_stamp(planned):
    before = planned.stamp(CODE)
    ballot = planned.cast_scores(CODE, "officer-1", {"zones": ZONES}, at(30))
    rated = planned.cast_interactions(CODE, "officer-1", {"settlement:forest": "-"}, at(31))
    workshop = planned.load(CODE)
    assert workshop.score_ballots[-1] == ballot
    assert ballot.scores == {"zones": ZONES} and ballot.voters == 1
    assert workshop.interaction_ballots[-1] == rated
    assert rated.ratings == {"settlement:forest": "-"}
    after = planned.stamp(CODE)
    assert after[:4] == before[:4] and after[4] == before[4] + 2


@pytest.mark.parametrize("scores, key", [
    ({"nope": ZONES}, "ballot.unknown_instruments"),
    ({"zones": {**ZONES, "risk_severity": 6}}, "ballot.score_out_of_scale"),
    ({"zones": {"leverage": 5}}, "ballot.missing_criteria"),
    ({}, "ballot.no_scores"),
])
def test_bad_scores_store_nothing(planned, scores, key):
    before = dump_workshop(planned.load(CODE)), matrix_rows(planned)
    with pytest.raises(BallotError) as refused:
        planned.cast_scores(CODE, "woman-1", scores, at(30))
    assert refused.value.key == key
    assert (dump_workshop(planned.load(CODE)), matrix_rows(planned)) == before


@pytest.mark.parametrize("ratings, key", [
    ({"asm:moon": "-"}, "ballot.unknown_cells"),
    ({"asm:river": "x"}, "ballot.bad_interaction"),
    ({}, "ballot.no_cells"),
])
def test_bad_ratings_store_nothing(planned, ratings, key):
    before = matrix_rows(planned)
    with pytest.raises(BallotError) as refused:
        planned.cast_interactions(CODE, "woman-1", ratings, at(30))
    assert refused.value.key == key
    assert matrix_rows(planned) == before


def test_closed_matrices_and_strangers_are_refused(planned):
    workshop = planned.load(CODE)
    planned.save_part(CODE, "lim", workshop.lim.model_copy(update={"open": False}))
    planned.save_part(CODE, "emp", workshop.emp.model_copy(update={"open": False}))
    with pytest.raises(BallotError, match="not open for scoring"):
        planned.cast_scores(CODE, "woman-1", {"zones": ZONES}, at(30))
    with pytest.raises(BallotError, match="not open for rating"):
        planned.cast_interactions(CODE, "woman-1", {"asm:river": "-"}, at(30))
    with pytest.raises(NotFoundError):
        planned.cast_scores(CODE, "stranger-1", {"zones": ZONES}, at(30))
    assert matrix_rows(planned) == len(workshop.score_ballots) + len(workshop.interaction_ballots)


def test_a_scored_instrument_or_rated_cell_cannot_be_removed(planned):
    workshop = planned.load(CODE)
    before = dump_workshop(workshop)
    fewer = workshop.lim.model_copy(update={"instruments": [
        i for i in workshop.lim.instruments if i.id != "zones"]})
    with pytest.raises(SetupError, match="zones"):
        planned.save_part(CODE, "lim", fewer)
    no_river = workshop.emp.model_copy(update={"values": [
        v for v in workshop.emp.values if v.id != "river"], "assessments": [], "actions": []})
    with pytest.raises(SetupError, match="river"):
        planned.save_part(CODE, "emp", no_river)
    with pytest.raises(SetupError):
        planned.save_part(CODE, "lim", None)
    assert dump_workshop(planned.load(CODE)) == before


def test_saving_the_lim_keeps_the_emp_and_the_map(planned):
    workshop = planned.load(CODE)
    heavier_leverage = workshop.lim.model_copy(update={"weights": Weights(leverage=2)})
    planned.save_part(CODE, "lim", heavier_leverage)
    saved = planned.load(CODE)
    assert saved.lim.weights.leverage == 2
    assert saved.emp == workshop.emp and saved.network == workshop.network


def test_an_unknown_part_is_not_found(planned):
    with pytest.raises(NotFoundError):
        planned.save_part(CODE, "map", None)


def test_a_groups_flipchart_stands_for_its_people_and_a_second_replaces_it(planned):
    """Four women without phones agree their scores of the zones, then correct them."""
    planned.cast_matrix_proxy(CODE, "lim", "women", 4, {"zones": ZONES}, at(30))
    corrected = {**ZONES, "leverage": 3}
    planned.cast_matrix_proxy(CODE, "lim", "women", 4, {"zones": corrected}, at(31))
    rated = planned.cast_matrix_proxy(CODE, "emp", "women", 4, {"settlement:forest": "-"},
                                      at(32))
    workshop = planned.load(CODE)
    proxy = next(p for p in workshop.participants if p.proxy)
    assert (proxy.group, rated.participant, rated.voters) == ("women", proxy.token, 4)
    assert [(b.voters, b.scores) for b in workshop.score_ballots[-2:]] == [
        (4, {"zones": ZONES}), (4, {"zones": corrected})]
    assert sum(1 for p in workshop.participants if p.proxy) == 1


@pytest.mark.parametrize("group, voters, key", [("nobody", 3, "group.unknown"),
                                                ("women", 0, "ballot.no_voters")])
def test_a_bad_flipchart_stores_nothing(planned, group, voters, key):
    before = dump_workshop(planned.load(CODE))
    with pytest.raises((BallotError, NotFoundError)) as refused:
        planned.cast_matrix_proxy(CODE, "lim", group, voters, {"zones": ZONES}, at(30))
    assert refused.value.key == key
    assert dump_workshop(planned.load(CODE)) == before


def test_a_change_during_a_phones_send_waits_for_it_and_the_workshop_stays_whole(planned,
                                                                                 monkeypatch):
    """The facilitator removes ``credit`` (nobody scored it yet) just while a phone's score of
    it is being checked. The removal must wait for the phone's ballot, then be refused because
    of it: were the ballot checked against the matrix as it stood before the removal and
    written after it, the workshop would hold a ballot for no instrument and never load."""
    outcome = {}

    def remove_credit() -> None:
        lim = planned.load(CODE).lim
        try:
            planned.save_part(CODE, "lim", lim.model_copy(update={"instruments": [
                i for i in lim.instruments if i.id != "credit"]}))
        except SetupError as error:
            outcome["refused"] = error.message("en")

    remover = threading.Thread(target=remove_credit)
    checked = store_module.score_ballot

    def check_while_the_facilitator_saves(*args, **kwargs):
        remover.start()
        time.sleep(0.5)  # the save runs now, unless the phone's send holds the lock
        return checked(*args, **kwargs)

    monkeypatch.setattr(store_module, "score_ballot", check_while_the_facilitator_saves)
    planned.cast_scores(CODE, "woman-1", {"credit": ZONES}, at(30))
    remover.join()
    assert "credit" in outcome["refused"]
    assert "credit" in [i.id for i in planned.load(CODE).lim.instruments]


def test_opening_changes_the_open_flag_only(planned):
    workshop = planned.load(CODE)
    planned.set_open(CODE, "lim", False)
    planned.set_open(CODE, "emp", False)
    closed = planned.load(CODE)
    assert (closed.lim.open, closed.emp.open) == (False, False)
    assert closed.lim.instruments == workshop.lim.instruments
    assert closed.emp.actions == workshop.emp.actions
    with pytest.raises(NotFoundError):
        planned.set_open(CODE, "map", True)


def test_opening_the_map_changes_only_its_switch(planned):
    before = planned.load(CODE)
    planned.set_open(CODE, "network", True)
    after = planned.load(CODE)
    assert after.network_open and after.network == before.network and after.lim == before.lim
