"""The store's LIM (exercise ``lim`` of ``plans_workshop``): scores appended from phones and
groups' flipcharts, the design saved whole, and bad input refused with nothing stored. On SQLite
and PostgreSQL (the fixtures of the core store tests)."""

from __future__ import annotations

import threading
import time

import pytest

from engine.core.errors import BallotError, NotFoundError, SetupError
from engine.core.file_format import dump_workshop
from engine.core.store import Store
from engine.exercises.lim import KIND
from engine.exercises.lim.design import Scores, Weights

from factories import at
from plans_workshop import plans_workshop

CODE = plans_workshop().code
ZONES = {"leverage": 5, "effectiveness": 4, "risk_likelihood": 2, "risk_severity": 3}


@pytest.fixture
def planned(store) -> Store:
    """The store holding ``plans_workshop()``, its LIM and EMP open to phones."""
    store.import_workshop(plans_workshop())
    return store


def scored(planned: Store) -> int:
    """How many score ballots the store holds."""
    return len(planned.ballots(CODE, "lim"))


def test_scores_are_appended_and_live_views_read_only_them(planned):
    """A ballot is no set-up change: the revision stays, and a live view that read up to the
    last row gets the new ballot alone."""
    revision = planned.revision(CODE)
    last = planned.ballots(CODE, "lim")[-1][0]
    ballot = planned.cast(CODE, "lim", "officer-1", {"scores": {"zones": ZONES}}, at(30))
    assert planned.load(CODE).exercise("lim").ballots[-1] == ballot
    assert (ballot.answer, ballot.voters) == (Scores(scores={"zones": ZONES}), 1)
    assert [found for _, found in planned.ballots(CODE, "lim", after=last)] == [ballot]
    assert planned.revision(CODE) == revision


@pytest.mark.parametrize("scores, key", [
    ({"nope": ZONES}, "ballot.unknown_instruments"),
    ({"zones": {**ZONES, "risk_severity": 6}}, "ballot.score_out_of_scale"),
    ({"zones": {"leverage": 5}}, "ballot.missing_criteria"),
    ({}, "ballot.no_scores"),
])
def test_bad_scores_store_nothing(planned, scores, key):
    before = dump_workshop(planned.load(CODE)), scored(planned)
    with pytest.raises(BallotError) as refused:
        planned.cast(CODE, "lim", "woman-1", {"scores": scores}, at(30))
    assert refused.value.key == key
    assert (dump_workshop(planned.load(CODE)), scored(planned)) == before


def test_a_closed_lim_and_strangers_are_refused(planned):
    before = scored(planned)
    planned.set_status(CODE, "lim", "closed")
    with pytest.raises(BallotError) as refused:
        planned.cast(CODE, "lim", "woman-1", {"scores": {"zones": ZONES}}, at(30))
    assert refused.value.rule("en") == "Voting is not open for this exercise (it is closed)."
    planned.set_status(CODE, "lim", "open")
    with pytest.raises(NotFoundError) as refused:
        planned.cast(CODE, "lim", "stranger-1", {"scores": {"zones": ZONES}}, at(30))
    assert refused.value.key == "participant.unknown"
    assert scored(planned) == before


def test_a_scored_instrument_cannot_be_removed(planned):
    workshop = planned.load(CODE)
    before = dump_workshop(workshop)
    lim = workshop.exercise("lim").design
    fewer = lim.model_copy(update={"instruments": [i for i in lim.instruments if i.id != "zones"]})
    with pytest.raises(SetupError, match="zones"):
        planned.save_exercise(CODE, "lim", fewer)
    with pytest.raises(SetupError):
        planned.save_exercise(CODE, "lim", None)
    assert dump_workshop(planned.load(CODE)) == before


def test_saving_the_lim_keeps_its_ballots_and_status_and_the_emp(planned):
    workshop = planned.load(CODE)
    lim = workshop.exercise("lim")
    heavier_leverage = lim.design.model_copy(update={"weights": Weights(leverage=2)})
    planned.save_exercise(CODE, "lim", heavier_leverage)
    saved = planned.load(CODE)
    assert saved.exercise("lim").design.weights.leverage == 2
    assert (saved.exercise("lim").ballots, saved.exercise("lim").status) == (lim.ballots, "open")
    assert saved.exercise("emp") == workshop.exercise("emp")


def test_an_unknown_exercise_is_not_found(planned):
    with pytest.raises(NotFoundError) as refused:
        planned.save_exercise(CODE, "map", None)
    assert refused.value.key == "exercise.unknown"


def test_a_groups_flipchart_stands_for_its_people_and_a_second_replaces_it(planned):
    """Four women without phones agree their scores of the zones, then correct them."""
    planned.cast_proxy(CODE, "lim", "women", 4, {"scores": {"zones": ZONES}}, at(30))
    corrected = {**ZONES, "leverage": 3}
    planned.cast_proxy(CODE, "lim", "women", 4, {"scores": {"zones": corrected}}, at(31))
    workshop = planned.load(CODE)
    proxy = next(p for p in workshop.participants if p.proxy)
    assert [(b.participant, b.voters, b.answer.scores)
            for b in workshop.exercise("lim").ballots[-2:]] == [
        (proxy.token, 4, {"zones": ZONES}), (proxy.token, 4, {"zones": corrected})]
    assert (proxy.group, sum(1 for p in workshop.participants if p.proxy)) == ("women", 1)


@pytest.mark.parametrize("group, voters, key", [("nobody", 3, "group.unknown"),
                                                ("women", 0, "ballot.no_voters")])
def test_a_bad_flipchart_stores_nothing(planned, group, voters, key):
    before = dump_workshop(planned.load(CODE))
    with pytest.raises((BallotError, NotFoundError)) as refused:
        planned.cast_proxy(CODE, "lim", group, voters, {"scores": {"zones": ZONES}}, at(30))
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
        lim = planned.load(CODE).exercise("lim").design
        try:
            planned.save_exercise(CODE, "lim", lim.model_copy(update={"instruments": [
                i for i in lim.instruments if i.id != "credit"]}))
        except SetupError as error:
            outcome["refused"] = error.message("en")

    remover = threading.Thread(target=remove_credit)
    checker = KIND.answer_checker

    def checker_while_the_facilitator_saves(design, shown):
        check = checker(design, shown)

        def check_while_the_facilitator_saves(answer, participant, voters, complete):
            if complete:  # the phone's send (the save re-checks stored ballots, not complete)
                remover.start()
                time.sleep(0.5)  # the save runs now, unless the phone's send holds the lock
            check(answer, participant, voters, complete)

        return check_while_the_facilitator_saves

    monkeypatch.setattr(KIND, "answer_checker", checker_while_the_facilitator_saves)
    ballot = planned.cast(CODE, "lim", "woman-1", {"scores": {"credit": ZONES}}, at(30))
    remover.join()
    assert "credit" in outcome["refused"]
    lim = planned.load(CODE).exercise("lim")
    assert "credit" in [i.id for i in lim.design.instruments]
    assert lim.ballots[-1] == ballot


def test_the_status_changes_alone(planned):
    workshop = planned.load(CODE)
    planned.set_status(CODE, "lim", "closed")
    closed = planned.load(CODE)
    assert closed.exercise("lim") == workshop.exercise("lim").model_copy(
        update={"status": "closed"})
    assert closed.exercise("emp") == workshop.exercise("emp")
    with pytest.raises(NotFoundError):
        planned.set_status(CODE, "map", "open")
