"""The projector moves in steps (issue 15: "the results move in steps of at least the threshold's
number of new voters, or stay hidden until voting closes"), so nobody reads a neighbour's vote
from the chart's change after they tap send. Rules from ``engine/core/live.py``.
"""

from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from engine.core.live import LiveWorkshop, shown_prefix
from engine.core.records import Ballot, Group, Participant, Room
from engine.core.store import Store
from engine.cuts import results_by

from factories import CODE, at, small_workshop, tokens_exercise

PEOPLE = ["person-a", "person-b", "person-c", "person-d", "person-e", "person-f"]


def room_of(tokens: list[str], threshold: int = 3, excluded: list[str] = ()) -> Room:
    people = tuple(Participant(token=t, group="room", language="en", joined_at=at(0))
                   for t in tokens)
    return Room((Group(id="room", label={"en": "Room"}),),
                tuple(p for p in people if p.token not in excluded), threshold,
                tuple(p for p in people if p.token in excluded))


def ballot(token: str, minute: int = 0, voters: int = 1) -> Ballot:
    return Ballot(participant=token, cast_at=at(minute), voters=voters,
                  answer={"method": "tokens", "beans": {"water": 10 * voters}})


# ---- shown_prefix --------------------------------------------------------------------------------

def test_shown_prefix_docstring_example():
    # live.shown_prefix docstring: threshold 3; A, B, A again, C, D -> the step is at C (4
    # ballots); D alone does not make another.
    a, b, c, d = PEOPLE[:4]
    sent = [ballot(a, 1), ballot(b, 2), ballot(a, 3), ballot(c, 4), ballot(d, 5)]
    assert shown_prefix(sent, room_of(PEOPLE)) == 4


def test_no_step_before_the_threshold():
    assert shown_prefix([ballot("person-a"), ballot("person-b")], room_of(PEOPLE)) == 0
    assert shown_prefix([], room_of(PEOPLE)) == 0


def test_a_tally_counts_by_its_head_count():
    room = room_of([*PEOPLE, "proxy-room"])
    assert shown_prefix([ballot("person-a"), ballot("proxy-room", voters=2)], room) == 2
    assert shown_prefix([ballot("proxy-room", voters=5), ballot("person-a")], room) == 1


def test_ballots_of_people_not_in_the_room_do_not_make_a_step():
    room = room_of(PEOPLE, excluded=["person-b"])
    sent = [ballot("person-a"), ballot("person-b"), ballot("person-c")]
    assert shown_prefix(sent, room) == 0
    assert shown_prefix([*sent, ballot("person-d")], room) == 4


@settings(max_examples=150, deadline=None, database=None)
@given(st.integers(2, 5), st.lists(st.sampled_from(PEOPLE), max_size=25))
def test_every_step_holds_at_least_the_threshold_of_new_people(threshold, senders):
    """Between two prefixes the projector may show (the steps, found by growing the list one
    ballot at a time), at least ``threshold`` different people have sent something; what is
    counted never shrinks and depends only on the ballots so far."""
    sent = [ballot(token, minute) for minute, token in enumerate(senders)]
    room = room_of(PEOPLE, threshold)
    prefixes = [shown_prefix(sent[:n], room) for n in range(len(sent) + 1)]
    assert prefixes == sorted(prefixes)
    steps = sorted(set(prefixes))
    for before, after in pairwise(steps):
        assert len({b.participant for b in sent[before:after]}) >= threshold
    # after the last step, fewer than the threshold have sent: no step was missed
    assert len({b.participant for b in sent[steps[-1]:]}) < threshold


# ---- the projector on a store -------------------------------------------------------------------

@pytest.fixture
def room_store(sqlite_store) -> Store:
    """Six people in one group; ``beans`` open (water, roads; 10 beans), nobody has voted."""
    sqlite_store.import_workshop(small_workshop({"room": PEOPLE}, [
        tokens_exercise("beans", ["water", "roads"])]))
    return sqlite_store


def vote(store: Store, token: str, minute: int, water: int) -> None:
    store.cast(CODE, "beans", token, {"method": "tokens",
                                      "beans": {"water": water, "roads": 10 - water}}, at(minute))


def shown(projection) -> tuple:
    """What the screen says: voters now, voters counted, why withheld, people to the next step,
    and the water beans on the chart (None when no chart)."""
    water = None if projection.result is None else next(
        row.beans for row in projection.result.items if row.item == "water")
    return (projection.voters, projection.shown_voters, projection.withheld,
            projection.to_next_step, water)


def test_while_open_the_chart_moves_only_in_steps(room_store):
    live = LiveWorkshop(room_store, CODE)
    assert shown(live.projected("beans")) == (0, 0, "too_few", 3, None)
    vote(room_store, "person-a", 1, water=10)
    assert shown(live.projected("beans")) == (1, 0, "too_few", 2, None)
    vote(room_store, "person-b", 2, water=0)
    assert shown(live.projected("beans")) == (2, 0, "too_few", 1, None)
    vote(room_store, "person-c", 3, water=5)
    # the first step: a, b and c together, 15 water beans
    assert shown(live.projected("beans")) == (3, 3, None, 3, 15)
    vote(room_store, "person-d", 4, water=10)
    # d's 10 water beans are not on the chart: the count moves, the chart does not
    assert shown(live.projected("beans")) == (4, 3, None, 2, 15)
    vote(room_store, "person-a", 5, water=0)  # a changes her mind: still the old chart
    assert shown(live.projected("beans")) == (4, 3, None, 1, 15)
    vote(room_store, "person-e", 6, water=10)
    # d, a again and e: a step; a's newer ballot counts: 0 + 0 + 5 + 10 + 10 = 25
    assert shown(live.projected("beans")) == (5, 5, None, 3, 25)
    projection = live.projected("beans")
    assert len(projection.exercise.ballots) == 6


def test_once_closed_every_ballot_counts(room_store):
    live = LiveWorkshop(room_store, CODE)
    for minute, token in enumerate(PEOPLE[:4], start=1):
        vote(room_store, token, minute, water=10)
    assert shown(live.projected("beans")) == (4, 3, None, 2, 30)
    room_store.set_status(CODE, "beans", "closed")
    assert shown(live.projected("beans")) == (4, 4, None, 0, 40)


def test_a_single_voter_is_shown_once_closed(room_store):
    """Closing is the facilitator's decision; steps protect only the live chart."""
    live = LiveWorkshop(room_store, CODE)
    vote(room_store, "person-a", 1, water=7)
    room_store.set_status(CODE, "beans", "closed")
    assert shown(live.projected("beans")) == (1, 1, None, 0, 7)


def test_after_close_withholds_the_chart_until_voting_closes(room_store):
    live = LiveWorkshop(room_store, CODE)
    room_store.set_live_results(CODE, "beans", "after_close")
    for minute, token in enumerate(PEOPLE[:5], start=1):
        vote(room_store, token, minute, water=10)
    projection = live.projected("beans")
    assert shown(projection) == (5, 0, "after_close", 0, None)
    assert projection.exercise is None
    room_store.set_status(CODE, "beans", "closed")
    assert shown(live.projected("beans")) == (5, 5, None, 0, 50)


def test_a_tally_makes_a_step_by_its_head_count(room_store):
    live = LiveWorkshop(room_store, CODE)
    vote(room_store, "person-a", 1, water=10)
    room_store.cast_proxy(CODE, "beans", "room", 2, {"method": "tokens", "beans": {"roads": 20}},
                          at(2), attributes={"gender": "woman"})
    assert shown(live.projected("beans")) == (3, 3, None, 3, 10)


def test_an_excluded_persons_ballot_leaves_the_chart(room_store):
    live = LiveWorkshop(room_store, CODE)
    for minute, token in enumerate(PEOPLE[:3], start=1):
        vote(room_store, token, minute, water=10)
    assert shown(live.projected("beans")) == (3, 3, None, 3, 30)
    room_store.exclude(CODE, "person-b", at(9))
    # b's ballot is skipped: a and c alone make no step
    assert shown(live.projected("beans")) == (2, 0, "too_few", 1, None)


def test_a_profile_answered_after_a_view_opened_reaches_it(room_store):
    live = LiveWorkshop(room_store, CODE)
    person = room_store.join(CODE, "room", "en", at(1))
    assert live.workshop().room().participant(person.token).attributes == {}
    room_store.set_attributes(CODE, person.token, {"gender": "woman", "age": "60-plus"})
    assert live.workshop().room().participant(person.token).attributes == {
        "gender": "woman", "age": "60-plus"}


def test_results_by_part_of_the_room_follow_the_same_steps_and_are_remembered(room_store):
    """The projector's and the Results page's parts of the room come through the live view:
    from the stepped ballots, computed once per step however often the screen refreshes."""
    live = LiveWorkshop(room_store, CODE)
    for minute, token in enumerate(PEOPLE[:4], start=1):
        vote(room_store, token, minute, water=10)
    projection = live.projected("beans", results_by, by="group")
    (room,) = projection.result.cells
    assert (room.values, room.voters) == ({"group": "room"}, 3)  # the step, not the 4 voters
    assert live.projected("beans", results_by, by="group").result is projection.result
    assert live.result("beans", results_by, by="group").cells[0].voters == 4  # every ballot
    vote(room_store, "person-e", 5, water=0)
    vote(room_store, "person-f", 6, water=0)
    assert live.projected("beans", results_by, by="group").result.cells[0].voters == 6
