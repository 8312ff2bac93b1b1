"""The room's answers to a rehabilitation plan: the land-use vote and acceptability, overall and
per group, small groups hidden (the worked example of ``rap_example``), and their invariants."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from engine.core.records import Ballot, Group, Participant, Room, proxy_token
from engine.core.workshop import Workshop
from engine.exercises.rehabilitation.design import Vote
from engine.exercises.rehabilitation.results import count_votes, rehabilitation_results

from factories import T0, at
from rap_example import EXERCISE, VOTES, example_workshop, plan, vote, workshop_file_data


def results(**options):
    workshop = example_workshop(**options)
    return rehabilitation_results(workshop.exercise(EXERCISE), workshop.room()).votes


def test_the_land_use_vote_counts_each_persons_latest_choice():
    """8 voters (w3's first vote replaced): farming 5 (0.625), forest 3 (0.375)."""
    votes = results()
    assert votes.voters == 8
    assert [(o.land_use, o.votes, o.share) for o in votes.land_uses] == [
        ("farming", 5, 0.625), ("forest", 3, 0.375)]
    assert votes.chosen == "farming"


def with_elders() -> Workshop:
    """The example with a fourth group, two elders who both vote forest 1: the office (one
    person) and the elders (two) are hidden together, 3 people, and the women and the miners
    are shown. Without them the office alone would be the room's votes minus the women's and
    the miners', so the women (3, fewer than the miners' 4) are hidden with it."""
    data = workshop_file_data(ballots=[*VOTES, vote("elders-e1", "forest", 1, 10),
                                       vote("elders-e2", "forest", 1, 11)])
    data["groups"].append({"id": "elders", "label": {"en": "Elders"}, "expected": 0})
    data["participants"] += [{**data["participants"][0], "token": token, "group": "elders"}
                             for token in ("elders-e1", "elders-e2")]
    return Workshop.model_validate(data)


def test_acceptability_overall_and_by_group():
    """Ratings 4, 5, 2, 2, 3, 4, 3, 5: counts 0, 2, 2, 2, 2, mean 3.5, acceptable 4/8: exactly
    half is not more than half. The office (one person) is hidden, and the women with it.
    With the elders (hidden with the office), women 4, 5, 2: mean 3.67, 2/3 acceptable, accept;
    miners 2, 3, 4, 3: mean 3, 1/4, do not accept."""
    votes = results()
    room = votes.acceptability
    assert (room.counts, room.mean, room.acceptable_share, room.accepts) == (
        [0, 2, 2, 2, 2], 3.5, 0.5, False)
    assert list(votes.groups) == ["miners"]
    assert votes.hidden_groups == ["women", "office"] and votes.not_accepted_by == ["miners"]
    workshop = with_elders()
    votes = rehabilitation_results(workshop.exercise(EXERCISE), workshop.room()).votes
    assert votes.voters == 10  # the elders count in the room
    women, miners = votes.groups["women"], votes.groups["miners"]
    assert (women.voters, women.acceptability.mean, women.acceptability.acceptable_share,
            women.acceptability.accepts) == (3, 3.67, 0.6667, True)
    assert (miners.voters, miners.acceptability.mean, miners.acceptability.acceptable_share,
            miners.acceptability.accepts) == (4, 3.0, 0.25, False)
    assert [(o.land_use, o.votes) for o in women.land_uses] == [("farming", 2), ("forest", 1)]
    assert [(o.land_use, o.votes) for o in miners.land_uses] == [("farming", 3), ("forest", 1)]
    assert list(votes.groups) == ["women", "miners"]
    assert votes.hidden_groups == ["office", "elders"] and votes.not_accepted_by == ["miners"]


def test_a_groups_flipchart_counts_for_the_people_it_stands_for():
    """The office's three absent colleagues agree forest 5 on paper: the office now has 4
    voters and is shown; forest 3 + 3 = 6 of 11 people, ahead of farming 5."""
    votes = results(ballots=[*VOTES, vote(proxy_token("office"), "forest", 5, 20, voters=3)],
                    proxies=("office",))
    assert votes.voters == 11 and votes.chosen == "forest"
    assert [(o.land_use, o.votes) for o in votes.land_uses] == [("farming", 5), ("forest", 6)]
    assert votes.hidden_groups == [] and votes.groups["office"].voters == 4
    assert votes.groups["office"].acceptability.counts == [0, 0, 0, 0, 4]


def test_a_tie_or_no_vote_chooses_nothing():
    tie = [vote("women-w1", "farming", 3, 1), vote("miners-m1", "forest", 3, 2)]
    assert results(ballots=tie).chosen is None
    nobody = results(ballots=[])
    assert (nobody.voters, nobody.chosen, nobody.acceptability.mean,
            nobody.acceptability.accepts) == (0, None, None, None)
    assert [o.share for o in nobody.land_uses] == [0.0, 0.0] and nobody.groups == {}


def test_a_room_of_some_participants_counts_only_theirs():
    workshop = example_workshop()
    women = workshop.room().only(["women-w1", "women-w2", "women-w3"])
    votes = rehabilitation_results(workshop.exercise(EXERCISE), women).votes
    assert votes.voters == 3 and list(votes.groups) == ["women"]
    assert votes.acceptability.counts == [0, 1, 0, 1, 1]


# ---- invariants --------------------------------------------------------------------------------

GROUPS = (Group(id="a", label={"en": "A"}), Group(id="b", label={"en": "B"}),
          Group(id="c", label={"en": "C"}))
ANSWERS = st.lists(st.tuples(st.sampled_from(["a", "b", "c"]), st.integers(0, 5),
                             st.sampled_from(["farming", "forest"]), st.integers(1, 5),
                             st.integers(1, 4)), max_size=25)


@settings(max_examples=80, deadline=None)
@given(ANSWERS, st.integers(1, 4))
def test_counts_add_up_and_small_groups_never_show(answers, threshold):
    """Votes per option and ratings add up to the voters; shares to 1; a group shown has at
    least ``threshold`` voters; every group with voters is shown or hidden, never both."""
    people = {(group, person) for group, person, *_ in answers}
    participants = tuple(Participant(token=f"{group}-person{person}", group=group,
                                     language="en", joined_at=T0) for group, person in people)
    ballots = [Ballot(participant=f"{group}-person{person}", cast_at=at(minute),
                      answer=Vote(land_use=land_use, acceptability=rating))
               for minute, (group, person, land_use, rating, _) in enumerate(answers)]
    votes = count_votes(plan(), ballots, Room(GROUPS, participants, threshold))
    assert votes.voters == len(people)
    assert sum(o.votes for o in votes.land_uses) == votes.voters
    assert sum(votes.acceptability.counts) == votes.voters
    if votes.voters:
        assert abs(sum(o.share for o in votes.land_uses) - 1) < 1e-3
    for group, shown in votes.groups.items():
        assert shown.voters >= threshold and group not in votes.hidden_groups
        assert sum(shown.acceptability.counts) == shown.voters
    voting = {group for group, _ in people}
    assert voting == set(votes.groups) | set(votes.hidden_groups)
    assert set(votes.not_accepted_by) <= set(votes.groups)
