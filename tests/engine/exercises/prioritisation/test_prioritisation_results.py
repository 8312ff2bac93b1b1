"""Prioritisation results: the numbers a facilitator projects and a coordinator reports.

The hand-worked workshop (``field_workshop``) has three groups and five people with phones:

- women: ``woman-1``, ``woman-2`` (2 voters: below the small-group threshold of 3, never shown
  alone)
- miners: ``miner-1``, ``miner-2`` and a proxy tally standing for 3 more people (5 voters)
- office: ``officer-1`` (1 voter, hidden too)

Exercise ``beans`` (10 beans each, items water, mercury, roads)::

    woman-1     water 7  mercury 3
    woman-2     water 5             roads 5
    miner-1              mercury 10
    miner-2     water 4  mercury 6
    proxy ×3    water 6  mercury 12 roads 12   (30 beans: 3 people × 10)
    officer-1                       roads 10
    total       22       31         27         = 80 beans from 8 voters

Exercise ``matrix`` (importance, urgency; officer-1 and woman-2 do not vote)::

               training  retort  clinic  signs  fence
    woman-1    5, 4      3, 3    4, 1    3, 3   1, 5
    miner-1    3, 2      3, 3    4, 3    3, 3   2, 4
    proxy ×3   4, 4      3, 4    4, 3    3, 3   1, 5
"""

from __future__ import annotations

import dataclasses
import itertools
from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from engine.core.errors import NotFoundError
from engine.core.records import proxy_token
from engine.core.workshop import Workshop
from engine.exercises.prioritisation.results import ExerciseResult, latest_ballots, results

from factories import (beans, joined, matrix_exercise, proxy_beans, ratings, small_workshop,
                       tokens_exercise, workshop_data)

PEOPLE = {"women": ["woman-1", "woman-2"], "miners": ["miner-1", "miner-2"],
          "office": ["officer-1"]}
EXPECTED = {"women": 4, "miners": 6, "office": 2}
PROXY = proxy_token("miners")


def field_workshop(threshold: int = 3) -> Workshop:
    """The hand-worked workshop of this module's docstring (``threshold``: its small-group
    threshold)."""
    bean_ballots = [
        beans("woman-1", water=7, mercury=3),
        beans("woman-2", water=5, roads=5),
        beans("miner-1", mercury=10),
        beans("miner-2", water=4, mercury=6),
        proxy_beans("miners", 3, water=6, mercury=12, roads=12),
        beans("officer-1", roads=10)]
    matrix_ballots = [
        ratings("woman-1", training=(5, 4), retort=(3, 3), clinic=(4, 1), signs=(3, 3),
                fence=(1, 5)),
        ratings("miner-1", training=(3, 2), retort=(3, 3), clinic=(4, 3), signs=(3, 3),
                fence=(2, 4)),
        ratings(PROXY, 3, training=(4, 4), retort=(3, 4), clinic=(4, 3), signs=(3, 3),
                fence=(1, 5))]
    return small_workshop(PEOPLE, [
        tokens_exercise("beans", ["water", "mercury", "roads"], bean_ballots),
        matrix_exercise("matrix", ["training", "retort", "clinic", "signs", "fence"],
                        matrix_ballots),
    ], proxies=("miners",), expected=EXPECTED, small_group_threshold=threshold)


def results_of(workshop: Workshop, exercise_id: str, weighting: str = "person",
               aggregation: str | None = None) -> ExerciseResult:
    """The results of one of the workshop's exercises, for the whole room."""
    return results(workshop.exercise(exercise_id), workshop.room(), weighting, aggregation)


def rows(result_items) -> list[tuple]:
    """Each line of a result as (item, rank, beans, share), in the order shown."""
    return [(r.item, r.rank, r.beans, r.share) for r in result_items]


def matrix_rows(result_items) -> list[tuple]:
    """Each line of an importance × urgency result:
    (item, rank, importance, urgency, score, quadrant)."""
    return [(r.item, r.rank, r.importance, r.urgency, r.score, r.quadrant) for r in result_items]


def approx_rows(expected: list[tuple]) -> list:
    """Expected rows with exact fractions compared to the engine's (rounded) floats."""
    return [tuple(pytest.approx(float(v), abs=1e-6) if isinstance(v, F) else v for v in row)
            for row in expected]


# ---- bean distribution ------------------------------------------------------------------------

def test_person_weighting_counts_beans_and_proxy_voters():
    """Person weighting: share = item's beans / all beans; the proxy tally counts as its 3
    people."""
    result = results_of(field_workshop(), "beans", "person")
    assert result.voters == 8  # 5 phones + 3 people behind the proxy tally
    assert rows(result.items) == approx_rows([
        ("mercury", 1, 31, F(31, 80)),
        ("roads", 2, 27, F(27, 80)),
        ("water", 3, 22, F(22, 80))])
    assert [r.score for r in result.items] == [r.share for r in result.items]


def test_group_weighting_is_the_mean_of_group_share_vectors():
    """Group weighting: each group's shares first, then their plain mean (every group counts the
    same); the hidden groups count as one pool, once per hidden group.

    women 20 beans: water 12/20, mercury 3/20, roads 5/20
    miners 50 beans: water 10/50, mercury 28/50, roads 12/50
    office 10 beans: roads 10/10

    At threshold 1 every group is shown and weighs alone: the mean of the three. At the
    workshop's threshold of 3 the women (2 voters) and the office (1) are hidden: pooled, their
    3 voters' 30 beans are water 12/30, mercury 3/30, roads 15/30, and the pool counts twice (two
    hidden groups) beside the miners: water (10/50 + 2·12/30)/3 = 1/3, mercury
    (28/50 + 2·3/30)/3 = 19/75, roads (12/50 + 2·15/30)/3 = 31/75.
    """
    women = {"water": F(12, 20), "mercury": F(3, 20), "roads": F(5, 20)}
    miners = {"water": F(10, 50), "mercury": F(28, 50), "roads": F(12, 50)}
    office = {"water": F(0), "mercury": F(0), "roads": F(1)}
    mean = {item: (women[item] + miners[item] + office[item]) / 3 for item in women}
    assert mean == {"water": F(4, 15), "mercury": F(71, 300), "roads": F(149, 300)}

    result = results_of(field_workshop(threshold=1), "beans", "group")
    assert result.hidden_groups == []
    assert rows(result.items) == approx_rows([
        ("roads", 1, None, mean["roads"]),  # raw counts are not comparable between groups
        ("water", 2, None, mean["water"]),
        ("mercury", 3, None, mean["mercury"])])
    assert result.voters == 8

    pool = {"water": F(12, 30), "mercury": F(3, 30), "roads": F(15, 30)}
    pooled = {item: (miners[item] + 2 * pool[item]) / 3 for item in pool}
    assert pooled == {"water": F(1, 3), "mercury": F(19, 75), "roads": F(31, 75)}
    result = results_of(field_workshop(), "beans", "group")
    assert result.hidden_groups == ["women", "office"]
    assert rows(result.items) == approx_rows([
        ("roads", 1, None, pooled["roads"]),
        ("water", 2, None, pooled["water"]),
        ("mercury", 3, None, pooled["mercury"])])
    assert result.voters == 8


def test_small_groups_are_hidden_but_still_counted():
    """A group with fewer voters than ``small_group_threshold`` (3) is never shown on its own."""
    for weighting in ("person", "group"):
        result = results_of(field_workshop(), "beans", weighting)
        assert list(result.groups) == ["miners"]
        assert result.hidden_groups == ["women", "office"]  # in the workshop's group order
    # The hidden groups' beans are in the overall totals: 22 water beans, 12 of them women's.
    person = results_of(field_workshop(), "beans", "person")
    assert next(r.beans for r in person.items if r.item == "water") == 22
    assert rows(person.groups["miners"]) == approx_rows([
        ("mercury", 1, 28, F(28, 50)), ("roads", 2, 12, F(12, 50)), ("water", 3, 10, F(10, 50))])


def test_complementary_suppression_groups_of_10_12_and_2():
    """Threshold 3, diggers 10 voters (10 beans each on water), traders 12 (on roads), elders 2
    (on mercury): the elders are hidden, and the diggers too (the next smallest group), or the
    elders' beans would be the room's minus the diggers' and the traders'. The overall result
    counts all 24 voters, 240 beans: roads 120 (1/2), water 100 (5/12), mercury 20 (1/12)."""
    people = {"diggers": [f"digger-{n}" for n in range(10)],
              "traders": [f"trader-{n}" for n in range(12)],
              "elders": ["elder-1", "elder-2"]}
    item = {"diggers": "water", "traders": "roads", "elders": "mercury"}
    ballots = [beans(token, **{item[g]: 10}) for g, tokens in people.items() for token in tokens]
    workshop = small_workshop(people, [tokens_exercise("beans", ["water", "mercury", "roads"],
                                                       ballots)])
    for weighting in ("person", "group"):
        result = results_of(workshop, "beans", weighting)
        assert result.hidden_groups == ["diggers", "elders"]  # in the workshop's group order
        assert list(result.groups) == ["traders"] and result.voters == 24
    person = results_of(workshop, "beans")
    assert rows(person.items) == approx_rows([
        ("roads", 1, 120, F(1, 2)), ("water", 2, 100, F(5, 12)), ("mercury", 3, 20, F(1, 12))])
    assert rows(person.groups["traders"])[0] == approx_rows([("roads", 1, 120, 1)])[0]


def privacy_room(elder: dict[str, int], officers: list[dict[str, int]]) -> Workshop:
    """Threshold 3: traders (3 voters, shown: water, roads, mercury 10 beans each), one elder and
    two officers, hidden together (3 people in two groups); custom weights elders 3, office 1."""
    people = {"traders": ["trader-1", "trader-2", "trader-3"], "elders": ["elder-1"],
              "office": ["officer-1", "officer-2"]}
    ballots = [beans("trader-1", water=10), beans("trader-2", roads=10),
               beans("trader-3", mercury=10), beans("elder-1", **elder),
               *(beans(f"officer-{n}", **counts) for n, counts in enumerate(officers, 1))]
    exercise = tokens_exercise("beans", ["water", "roads", "mercury"], ballots)
    exercise["design"]["group_weights"] = {"elders": 3, "office": 1}
    return small_workshop(people, [exercise])


def test_the_hidden_groups_count_only_through_their_pooled_total():
    """The privacy fix: the results by person and by group side by side give away no hidden
    group's own beans.

    The elder puts her 10 beans on water, the two officers theirs on roads. By person water has
    20 of 60 beans, the traders' 10 shown: the hidden groups hold 10 together. Had each hidden
    group weighed alone, water by group would have been (1/3 + 10/10 + 0/20)/3 = 4/9, so the
    elder's water beans e and the office's o would solve e + o = 10 and e/10 + o/20 = 1: e = 10,
    o = 0, the elder's ballot. Pooled (3 voters, water 10, roads 20 of 30 beans, counting twice)
    water is (1/3 + 2·1/3)/3 = 1/3, roads (1/3 + 2·2/3)/3 = 5/9, mercury (1/3 + 0)/3 = 1/9:
    what the person result and the traders' shares already say. Swapping (the elder on roads,
    an officer on water) keeps the pool's total and every number by group or custom weight
    (weighed alone, water would have become (1/3 + 0 + 10/20)/3 = 5/18). Custom: a pooled
    voter weighs (3 + 1)/3, a trader 1/3: water (10/3 + 10·4/3)/(10 + 40) = 1/3, roads
    (10/3 + 20·4/3)/50 = 3/5, mercury (10/3)/50 = 1/15.
    """
    before = privacy_room({"water": 10}, [{"roads": 10}, {"roads": 10}])
    after = privacy_room({"roads": 10}, [{"water": 10}, {"roads": 10}])
    for workshop in (before, after):
        person = results_of(workshop, "beans", "person")
        assert person.hidden_groups == ["elders", "office"] and list(person.groups) == ["traders"]
        assert rows(person.items) == approx_rows([
            ("roads", 1, 30, F(1, 2)), ("water", 2, 20, F(1, 3)), ("mercury", 3, 10, F(1, 6))])
        assert rows(results_of(workshop, "beans", "group").items) == approx_rows([
            ("roads", 1, None, F(5, 9)), ("water", 2, None, F(1, 3)),
            ("mercury", 3, None, F(1, 9))])
        assert rows(results_of(workshop, "beans", "custom").items) == approx_rows([
            ("roads", 1, None, F(3, 5)), ("water", 2, None, F(1, 3)),
            ("mercury", 3, None, F(1, 15))])
    for weighting in ("person", "group", "custom"):
        assert (results_of(before, "beans", weighting).model_dump()
                == results_of(after, "beans", weighting).model_dump())


def test_threshold_one_shows_every_group_that_voted():
    data = workshop_data(PEOPLE, [tokens_exercise("beans", ["water", "roads"],
                                                  [beans("officer-1", water=4, roads=6)])],
                         small_group_threshold=1)
    result = results_of(Workshop.model_validate(data), "beans")
    # Groups that did not vote are neither shown nor hidden.
    assert list(result.groups) == ["office"]
    assert result.hidden_groups == []


def test_turnout_counts_proxy_voters_but_not_proxy_participants():
    """voted: people counted in the exercise (proxy voters included); joined: people with phones."""
    def turnout(exercise_id):
        result = results_of(field_workshop(), exercise_id)
        return [(t.group, t.voted, t.joined, t.expected) for t in result.turnout]

    assert turnout("beans") == [("women", 2, 2, 4), ("miners", 5, 2, 6), ("office", 1, 1, 2)]
    assert turnout("matrix") == [("women", 1, 2, 4), ("miners", 4, 2, 6), ("office", 0, 1, 2)]


def test_latest_ballot_per_participant_wins():
    """Ballots are appended, never edited: a changed vote is a newer ballot, and only it counts."""
    workshop = small_workshop({"women": ["woman-1", "woman-2"]}, [tokens_exercise(
        "beans", ["water", "mercury"], [
            beans("woman-1", minute=1, water=10),
            beans("woman-2", minute=2, water=5, mercury=5),
            beans("woman-1", minute=3, mercury=10)])])  # woman-1 changes her mind
    result = results_of(workshop, "beans")
    assert result.voters == 2
    assert rows(result.items) == approx_rows([("mercury", 1, 15, F(3, 4)),
                                              ("water", 2, 5, F(1, 4))])
    latest = latest_ballots(workshop.exercise("beans"))
    assert [(b.participant, b.cast_at.minute) for b in latest] == [("woman-2", 2), ("woman-1", 3)]


def test_no_ballots_gives_zero_shares_all_tied():
    workshop = small_workshop(PEOPLE, [tokens_exercise("beans", ["water", "mercury", "roads"])])
    result = results_of(workshop, "beans", "group")
    assert rows(result.items) == [("water", 1, None, 0.0), ("mercury", 1, None, 0.0),
                                  ("roads", 1, None, 0.0)]
    assert result.voters == 0 and result.groups == {} and result.hidden_groups == []


def test_unknown_exercise_or_weighting_is_not_found():
    with pytest.raises(NotFoundError) as error:
        field_workshop().exercise("nope")
    assert error.value.key == "exercise.unknown"
    with pytest.raises(NotFoundError) as error:
        results_of(field_workshop(), "beans", "household")
    assert error.value.key == "weighting.unknown"


# ---- ranks ------------------------------------------------------------------------------------

def test_tied_items_share_a_rank_and_keep_item_order():
    """Competition ranking "1224": x and z tie for 2nd; x is listed first because it comes first
    in the exercise's item order, whatever the order the beans were written in."""
    workshop = small_workshop({"women": ["woman-1"]}, [tokens_exercise(
        "beans", ["x", "y", "z", "w"], [beans("woman-1", z=3, y=4, x=3)])])
    result = results_of(workshop, "beans")
    assert [(r.item, r.rank, r.beans) for r in result.items] == [
        ("y", 1, 4), ("x", 2, 3), ("z", 2, 3), ("w", 4, 0)]


# ---- importance × urgency ---------------------------------------------------------------------

def test_matrix_person_weighting():
    """Means weighted by voters (proxy counts 3 times, 5 people); score = mean importance × mean
    urgency.

    training (5+3+3·4)/5 = 4, (4+2+3·4)/5 = 3.6 → 14.4; retort 3, 3.6 → 10.8; clinic 4, 2.6 → 10.4;
    signs 3, 3 → 9; fence 1.2, 4.8 → 5.76. An axis is high at 3 or more: a mean of exactly 3.0
    is high, so retort (3, 3.6) and signs (3, 3) are "act now" (issue 13).
    """
    result = results_of(field_workshop(), "matrix", "person")
    assert result.voters == 5
    assert matrix_rows(result.items) == approx_rows([
        ("training", 1, F(4), F(18, 5), F(72, 5), "act_now"),
        ("retort", 2, F(3), F(18, 5), F(54, 5), "act_now"),
        ("clinic", 3, F(4), F(13, 5), F(52, 5), "plan"),
        ("signs", 4, F(3), F(3), F(9), "act_now"),
        ("fence", 5, F(6, 5), F(24, 5), F(144, 25), "respond_quickly")])
    assert all(r.beans is None and r.share is None for r in result.items)


def test_matrix_group_weighting_averages_group_means():
    """Group weighting: women (woman-1 alone) and miners (miner-1 + proxy ×3: 4 people) count the
    same.

    miners: training (3+3·4)/4, (2+3·4)/4 = 15/4, 14/4; retort 3, 15/4; clinic 4, 3; signs 3, 3;
    fence 5/4, 19/4. At threshold 1 both groups are shown: the mean of the two, e.g. training
    (5 + 15/4)/2 = 35/8, (4 + 14/4)/2 = 15/4.

    At the workshop's threshold of 3 the women (1 voter) are hidden, and the miners (4) with
    them, or the women's ratings would be the room's minus the miners'. Both hidden: one pool of
    5 voters, each weighing 2/5 (2 groups over 5 voters), i.e. every voter alike: the result by
    group is the result by person, and shows nothing of either group's own means.
    """
    women = {"training": (5, 4), "retort": (3, 3), "clinic": (4, 1), "signs": (3, 3),
             "fence": (1, 5)}
    miners = {"training": (F(15, 4), F(14, 4)), "retort": (3, F(15, 4)), "clinic": (4, 3),
              "signs": (3, 3), "fence": (F(5, 4), F(19, 4))}

    def line(item: str, rank: int, quadrant_name: str) -> tuple:
        importance, urgency = ((F(w) + F(m)) / 2 for w, m in zip(women[item], miners[item]))
        return item, rank, importance, urgency, importance * urgency, quadrant_name

    result = results_of(field_workshop(threshold=1), "matrix", "group")
    assert matrix_rows(result.items) == approx_rows([
        line("training", 1, "act_now"),          # 35/8 × 15/4 = 16.40625
        line("retort", 2, "act_now"),            # 3 × 27/8 = 10.125: 3 is high
        line("signs", 3, "act_now"),             # 3 × 3 = 9
        line("clinic", 4, "plan"),               # 4 × 2 = 8
        line("fence", 5, "respond_quickly")])    # 9/8 × 39/8 = 5.484375
    assert [r.score for r in result.items] == pytest.approx([16.40625, 10.125, 9, 8, 5.484375])

    pooled = results_of(field_workshop(), "matrix", "group")
    assert pooled.hidden_groups == ["women", "miners"] and pooled.groups == {}
    assert matrix_rows(pooled.items) == matrix_rows(
        results_of(field_workshop(), "matrix", "person").items)
    assert matrix_rows(pooled.items)[0] == approx_rows([  # (5 + 3 + 3·4)/5, (4 + 2 + 3·4)/5
        ("training", 1, F(4), F(18, 5), F(72, 5), "act_now")])[0]


# ---- properties -------------------------------------------------------------------------------
#
# A random case: 1–3 groups of 1–3 people, some proxy tallies (1–4 voters), and up to 10 ballots
# (re-votes included) in each of two exercises, ``beans`` and ``matrix``.

ITEM_IDS = ["water", "mercury", "roads", "school"]
GROUP_IDS = ["women", "miners", "office"]
EXERCISES = ["beans", "matrix"]
PROPERTY = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclasses.dataclass
class Case:
    data: dict
    items: list[str]
    budget: int

    def workshop(self) -> Workshop:
        return Workshop.model_validate(self.data)

    def ballots(self, exercise_id: str) -> list[dict]:
        return next(e for e in self.data["exercises"] if e["id"] == exercise_id)["ballots"]

    def group_of(self) -> dict[str, str]:
        return {p["token"]: p["group"] for p in self.data["participants"]}


@st.composite
def bean_split(draw, items: list[str], total: int) -> dict[str, int]:
    """``total`` beans spread over ``items`` at random (items that get none are left out)."""
    picks = draw(st.lists(st.sampled_from(items), min_size=total, max_size=total))
    return {item: picks.count(item) for item in items if picks.count(item)}


def rating_pairs(items: list[str]):
    return st.fixed_dictionaries({item: st.tuples(st.integers(1, 5), st.integers(1, 5))
                                  for item in items})


@st.composite
def cases(draw, min_ballots: int = 0) -> Case:
    items = ITEM_IDS[:draw(st.integers(2, len(ITEM_IDS)))]
    budget = draw(st.integers(1, 6))
    people = {group: [f"{group}-{n}" for n in range(draw(st.integers(1, 3)))]
              for group in GROUP_IDS[:draw(st.integers(1, len(GROUP_IDS)))]}
    proxies = tuple(draw(st.lists(st.sampled_from(list(people)), unique=True)))
    voters = [(token, 1) for tokens in people.values() for token in tokens]
    voters += [(proxy_token(group), draw(st.integers(1, 4))) for group in proxies]

    def some_voters():
        return enumerate(draw(st.lists(st.sampled_from(voters), min_size=min_ballots, max_size=10)))

    bean_ballots = [beans(token, count, minute=minute, **draw(bean_split(items, budget * count)))
                    for minute, (token, count) in some_voters()]
    matrix_ballots = [ratings(token, count, minute=minute, **draw(rating_pairs(items)))
                      for minute, (token, count) in some_voters()]
    data = workshop_data(people, [tokens_exercise("beans", items, bean_ballots, budget=budget),
                                  matrix_exercise("matrix", items, matrix_ballots)],
                         proxies=proxies, small_group_threshold=draw(st.integers(1, 4)))
    return Case(data, items, budget)


def numbers(result: ExerciseResult) -> list[tuple]:
    """What a user reads off a result: every measure of every line, in the order shown."""
    return [(r.item, r.rank, r.score, r.share, r.beans, r.importance, r.urgency, r.quadrant)
            for r in result.items]


@PROPERTY
@given(cases(min_ballots=1), st.sampled_from(["person", "group"]))
def test_shares_sum_to_one(case, weighting):
    result = results_of(case.workshop(), "beans", weighting)
    assert sum(r.share for r in result.items) == pytest.approx(1, abs=1e-5)
    for group_items in result.groups.values():
        assert sum(r.share for r in group_items) == pytest.approx(1, abs=1e-5)
    if weighting == "person":
        assert sum(r.beans for r in result.items) == case.budget * result.voters


@PROPERTY
@given(cases(), st.permutations(ITEM_IDS), st.data())
def test_unanimous_ballots_give_that_order_under_both_weightings(case, order, data):
    """Everyone gives the same strictly decreasing split (beans n, n-1 … 1; ratings 5,5 then 4,4 …):
    ranks 1, 2, 3… in that order, under both weightings."""
    order = [item for item in order if item in case.items]
    split = {item: len(order) - position for position, item in enumerate(order)}
    people = [p["token"] for p in case.data["participants"]]
    voters = {p: data.draw(st.integers(1, 3)) for p in people}
    beans_exercise, matrix = case.data["exercises"]
    beans_exercise["design"]["beans"] = sum(split.values())
    beans_exercise["ballots"] = [beans(p, voters[p], **{i: n * voters[p] for i, n in split.items()})
                                 for p in people]
    matrix["ballots"] = [ratings(p, voters[p],
                                 **{i: (5 - pos, 5 - pos) for pos, i in enumerate(order)})
                         for p in people]
    expected = [(item, rank) for rank, item in enumerate(order, start=1)]
    for exercise_id, weighting in itertools.product(EXERCISES, ("person", "group")):
        result = results_of(case.workshop(), exercise_id, weighting)
        assert [(r.item, r.rank) for r in result.items] == expected


def renamed_items(data: dict, rename: dict[str, str]) -> dict:
    """The workshop data with every item id renamed, in the items and in every ballot."""
    def answer(a: dict) -> dict:
        key = "beans" if a["method"] == "tokens" else "ratings"
        return {**a, key: {rename[item]: value for item, value in a[key].items()}}

    return {**data, "exercises": [
        {**e, "design": {**e["design"], "items": [{**item, "id": rename[item["id"]]}
                                                  for item in e["design"]["items"]]},
         "ballots": [{**b, "answer": answer(b["answer"])} for b in e["ballots"]]}
        for e in data["exercises"]]}


@PROPERTY
@given(cases(), st.permutations(ITEM_IDS), st.sampled_from(EXERCISES),
       st.sampled_from(["person", "group"]))
def test_renaming_item_ids_changes_no_number(case, permutation, exercise_id, weighting):
    """Ids are names only: renaming them consistently (a permutation) leaves every number in
    place."""
    rename = dict(zip(ITEM_IDS, permutation))
    before = results_of(case.workshop(), exercise_id, weighting)
    renamed = Workshop.model_validate(renamed_items(case.data, rename))
    after = results_of(renamed, exercise_id, weighting)
    assert [(rename[item], *rest) for item, *rest in numbers(before)] == numbers(after)
    assert before.voters == after.voters


@PROPERTY
@given(cases(min_ballots=1), st.sampled_from(EXERCISES), st.data())
def test_group_weighting_ignores_group_size(case, exercise_id, data):
    """Group weighting: a shown group twice as big, voting the same way, weighs the same (HRBA
    equity)."""
    group_of = case.group_of()
    ballots = case.ballots(exercise_id)
    group = data.draw(st.sampled_from(sorted({group_of[b["participant"]] for b in ballots})))
    before = results_of(case.workshop(), exercise_id, "group")
    twins = [b for b in ballots if group_of[b["participant"]] == group]
    case.data["participants"] += [joined(f"twin-{token}", group)
                                  for token in sorted({b["participant"] for b in twins})]
    ballots.extend({**b, "participant": f"twin-{b['participant']}"} for b in twins)
    after = results_of(case.workshop(), exercise_id, "group")
    # The hidden groups weigh as one pool: a shown group's size changes nothing as long as the
    # same groups stay hidden.
    assume(group not in before.hidden_groups and after.hidden_groups == before.hidden_groups)
    assert numbers(after) == numbers(before)


@PROPERTY
@given(cases(), st.integers(1, 4), st.data())
def test_proxy_ballot_equals_that_many_individual_ballots(case, k, data):
    """Person weighting: one proxy tally for k people counts exactly as k people voting the same,
    whatever else was voted around it (beans: the tally places k × the split)."""
    split = data.draw(bean_split(case.items, case.budget))
    pairs = data.draw(rating_pairs(case.items))
    guests = [f"guest-{n}" for n in range(k)]
    tally = proxy_token("guests")

    def with_guests(participants: list[dict], *added_ballots: list[dict]) -> Workshop:
        """The case plus a "guests" group: these participants, these ballots in each exercise."""
        return Workshop.model_validate({
            **case.data,
            "groups": [*case.data["groups"], {"id": "guests", "label": {"en": "Guests"}}],
            "participants": case.data["participants"] + participants,
            "exercises": [{**exercise, "ballots": exercise["ballots"] + added}
                          for exercise, added in zip(case.data["exercises"], added_ballots)]})

    by_tally = with_guests([joined(tally, "guests", proxy=True)],
                           [beans(tally, k, **{item: n * k for item, n in split.items()})],
                           [ratings(tally, k, **pairs)])
    by_people = with_guests([joined(token, "guests") for token in guests],
                            [beans(token, **split) for token in guests],
                            [ratings(token, **pairs) for token in guests])
    for exercise_id in EXERCISES:
        tally_result = results_of(by_tally, exercise_id, "person")
        people_result = results_of(by_people, exercise_id, "person")
        assert numbers(tally_result) == numbers(people_result)
        assert tally_result.voters == people_result.voters
        assert [(t.group, t.voted) for t in tally_result.turnout] == \
            [(t.group, t.voted) for t in people_result.turnout]
