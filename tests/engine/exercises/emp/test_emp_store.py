"""The store's EMP (exercise ``emp`` of ``plans_workshop``): ratings appended from phones and
groups' flipcharts, the plan saved whole, and bad input refused with nothing stored. On SQLite
and PostgreSQL (the fixtures of the core store tests)."""

from __future__ import annotations

import pytest

from engine.core.errors import BallotError, NotFoundError, SetupError
from engine.core.file_format import dump_workshop
from engine.core.store import Store
from engine.exercises.emp.plan import Ratings

from factories import at
from plans_workshop import plans_workshop

CODE = plans_workshop().code


@pytest.fixture
def planned(store) -> Store:
    """The store holding ``plans_workshop()``, its LIM and EMP open to phones."""
    store.import_workshop(plans_workshop())
    return store


def rated(planned: Store) -> int:
    """How many rating ballots the store holds."""
    return len(planned.ballots(CODE, "emp"))


def test_ratings_are_appended_and_live_views_read_only_them(planned):
    """A ballot is no set-up change: the revision stays, and a live view that read up to the
    last row gets the new ballot alone."""
    revision = planned.revision(CODE)
    last = planned.ballots(CODE, "emp")[-1][0]
    ballot = planned.cast(CODE, "emp", "officer-1", {"ratings": {"settlement:forest": "-"}},
                          at(31))
    assert planned.load(CODE).exercise("emp").ballots[-1] == ballot
    assert (ballot.answer, ballot.voters) == (Ratings(ratings={"settlement:forest": "-"}), 1)
    assert [found for _, found in planned.ballots(CODE, "emp", after=last)] == [ballot]
    assert planned.revision(CODE) == revision


@pytest.mark.parametrize("ratings, key", [
    ({"asm:moon": "-"}, "ballot.unknown_cells"),
    ({"asm:river": "x"}, "ballot.bad_interaction"),
    ({}, "ballot.no_cells"),
])
def test_bad_ratings_store_nothing(planned, ratings, key):
    before = rated(planned)
    with pytest.raises(BallotError) as refused:
        planned.cast(CODE, "emp", "woman-1", {"ratings": ratings}, at(30))
    assert refused.value.key == key
    assert rated(planned) == before


def test_a_closed_emp_and_strangers_are_refused(planned):
    before = rated(planned)
    planned.set_status(CODE, "emp", "closed")
    with pytest.raises(BallotError) as refused:
        planned.cast(CODE, "emp", "woman-1", {"ratings": {"asm:river": "-"}}, at(30))
    assert refused.value.rule("en") == "Voting is not open for this exercise (it is closed)."
    planned.set_status(CODE, "emp", "open")
    with pytest.raises(NotFoundError) as refused:
        planned.cast(CODE, "emp", "stranger-1", {"ratings": {"asm:river": "-"}}, at(30))
    assert refused.value.key == "participant.unknown"
    assert rated(planned) == before


def test_a_rated_cell_cannot_be_removed(planned):
    workshop = planned.load(CODE)
    before = dump_workshop(workshop)
    emp = workshop.exercise("emp").design
    no_river = emp.model_copy(update={"values": [v for v in emp.values if v.id != "river"],
                                      "assessments": [], "actions": []})
    with pytest.raises(SetupError, match="river"):
        planned.save_exercise(CODE, "emp", no_river)
    assert dump_workshop(planned.load(CODE)) == before


def test_saving_the_emp_keeps_its_ratings_and_status_and_the_lim(planned):
    workshop = planned.load(CODE)
    emp = workshop.exercise("emp")
    shorter = emp.design.model_copy(update={"assessments": emp.design.assessments[:1]})
    planned.save_exercise(CODE, "emp", shorter)
    saved = planned.load(CODE)
    assert saved.exercise("emp").design == shorter
    assert (saved.exercise("emp").ballots, saved.exercise("emp").status) == (emp.ballots, "open")
    assert saved.exercise("lim") == workshop.exercise("lim")


def test_a_groups_flipchart_shares_the_groups_proxy_with_its_lim_flipchart(planned):
    """Four women without phones score the zones on the LIM's flipchart, then rate a cell on
    the EMP's: one proxy participant for the group, each ballot standing for the four."""
    scores = {"leverage": 5, "effectiveness": 4, "risk_likelihood": 2, "risk_severity": 3}
    planned.cast_proxy(CODE, "lim", "women", 4, {"scores": {"zones": scores}}, at(30))
    ballot = planned.cast_proxy(CODE, "emp", "women", 4, {"ratings": {"settlement:forest": "-"}},
                                at(32))
    workshop = planned.load(CODE)
    [proxy] = [p for p in workshop.participants if p.proxy]
    assert (proxy.group, ballot.participant, ballot.voters) == ("women", proxy.token, 4)
    assert workshop.exercise("emp").ballots[-1] == ballot


def test_the_status_changes_alone(planned):
    workshop = planned.load(CODE)
    planned.set_status(CODE, "emp", "closed")
    closed = planned.load(CODE)
    assert closed.exercise("emp") == workshop.exercise("emp").model_copy(
        update={"status": "closed"})
    assert closed.exercise("lim") == workshop.exercise("lim")
