"""The Leverage and Incentives Matrix: scores, risk, composite, gates, weighting and disagreement.

The hand-worked room (``ROOM``) has three groups (small-group threshold 3):

- women: ``woman-1``, ``woman-2``, ``woman-3`` (3 voters: shown)
- miners: ``miner-1``, ``miner-2`` (who does not score) and a proxy tally for 3 people (4 voters)
- office: ``officer-1`` (1 voter: hidden, but counted)

Four instruments: ``licence``, ``zones``, ``royalty`` (condition ``traceable`` unmet, ``method``
unknown: gated) and ``credit`` (nobody scores it). Latest scores, as (leverage, effectiveness,
risk likelihood, risk severity)::

               licence        zones          royalty
    woman-1    4, 4, 2, 2     5, 3, 1, 3               (re-scored licence; zones kept)
    woman-2    2, 4, 4, 4     5, 5, 2, 2
    woman-3    3, 4, 3, 1
    miner-1    5, 2, 1, 1     3, 3, 3, 3     5, 5, 5, 5
    proxy ×3   1, 2, 5, 5     2, 2, 4, 4     4, 4, 1, 1
    officer-1  5, 5, 1, 1

Risk = the mean of each voter's likelihood × severity. Composite with the default weights:
C = (L − 1)/4 + (E − 1)/4 − (R − 1)/24.

In ``ROOM`` the office alone is below the threshold, so complementary suppression hides the
next smallest group with it, the women (3 voters), or the office's numbers would be the room's
minus the miners' and the women's. The tests of what each group shows use ``ELDERS_ROOM``: the
same room with a fourth group, two elders (``ELDER_BALLOTS``, licence only), so that the office
and the elders are hidden together (3 people) and the women and the miners are shown.
"""

from __future__ import annotations

import dataclasses
from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from pydantic import ValidationError

from engine.core.errors import BallotError, NotFoundError
from engine.core.exercise import Exercise, References
from engine.core.records import Ballot, Room, proxy_token
from engine.core.workshop import Workshop
from engine.exercises.lim import KIND
from engine.exercises.lim.design import (CRITERIA, DEFAULT_WEIGHTS, STARTER_INSTRUMENTS,
                                         Condition, IncentiveMatrix, Instrument, ScoreError,
                                         Scores, Weights, check_scores)
from engine.exercises.lim.results import composite, formula, incentive_results

from factories import at, small_workshop, workshop_data

PEOPLE = {"women": ["woman-1", "woman-2", "woman-3"], "miners": ["miner-1", "miner-2"],
          "office": ["officer-1"]}
PROXY = proxy_token("miners")


def instrument(instrument_id: str, *conditions: tuple[str, str], kind: str = "incentive"
               ) -> Instrument:
    """A bare instrument with conditions given as (id, met)."""
    return Instrument(id=instrument_id, label={"en": instrument_id.title()}, kind=kind,
                      objective={"en": "The change sought"}, package={"en": "The package"},
                      conditions=[Condition(id=c, text={"en": c}, met=met)
                                  for c, met in conditions])


def scored(token: str, voters: int = 1, minute: int = 0, **per: tuple[int, int, int, int]
           ) -> Ballot:
    """A ballot: ``scored("woman-1", licence=(4, 4, 2, 2))`` (leverage, effectiveness,
    likelihood, severity)."""
    return Ballot(participant=token, cast_at=at(minute), voters=voters,
                  answer=Scores(scores={i: dict(zip(CRITERIA, s)) for i, s in per.items()}))


def instruments(royalty_traceable: str = "unmet") -> list[Instrument]:
    return [instrument("licence"), instrument("zones"),
            instrument("royalty", ("traceable", royalty_traceable), ("method", "unknown")),
            instrument("credit", kind="disincentive")]


def lim(instruments: list[Instrument], ballots: list[Ballot], weights: Weights = DEFAULT_WEIGHTS
        ) -> Exercise:
    """A LIM exercise of ``instruments`` and ``ballots``, its ballots checked against them as a
    file's are."""
    return Exercise(id="lim", kind="lim", status="open",
                    design=IncentiveMatrix(instruments=instruments, weights=weights),
                    ballots=ballots)


ROOM = small_workshop(PEOPLE, proxies=("miners",)).room()
ELDERS_ROOM = small_workshop(PEOPLE | {"elders": ["elder-1", "elder-2"]},
                             proxies=("miners",)).room()


BALLOTS = [
    scored("woman-1", minute=1, licence=(1, 1, 1, 1), zones=(5, 3, 1, 3)),
    scored("woman-2", minute=2, licence=(2, 4, 4, 4), zones=(5, 5, 2, 2)),
    scored("woman-3", minute=3, licence=(3, 4, 3, 1)),
    scored("miner-1", minute=4, licence=(5, 2, 1, 1), zones=(3, 3, 3, 3), royalty=(5, 5, 5, 5)),
    scored(PROXY, 3, minute=5, licence=(1, 2, 5, 5), zones=(2, 2, 4, 4), royalty=(4, 4, 1, 1)),
    scored("officer-1", minute=6, licence=(5, 5, 1, 1)),
    scored("woman-1", minute=7, licence=(4, 4, 2, 2)),  # re-scores licence only
]
ELDER_BALLOTS = [scored("elder-1", minute=8, licence=(3, 3, 3, 3)),
                 scored("elder-2", minute=9, licence=(3, 3, 3, 3))]


def lines(rows) -> list[tuple]:
    """(instrument, rank, unranked, voters, leverage, effectiveness, likelihood, severity, risk,
    composite) of each line, in the order shown."""
    return [(r.instrument, r.rank, r.unranked, r.voters, r.leverage, r.effectiveness,
             r.risk_likelihood, r.risk_severity, r.risk, r.composite) for r in rows]


def approx(expected: list[tuple]) -> list:
    """Exact fractions compared with the engine's rounded floats."""
    return [tuple(pytest.approx(float(v), abs=1e-6) if isinstance(v, (F, float)) else v
                  for v in row) for row in expected]


# ---- hand-worked results ----------------------------------------------------------------------

def test_person_weighting_means_risk_composite_and_ranks():
    """licence (8 voters): L 22/8, E 25/8, P 26/8, S 24/8, risk (4+16+3+1+3·25+1)/8 = 100/8;
    C = 7/16 + 17/32 − 23/48 = 47/96.
    zones (6 voters): L 19/6, E 17/6, P 18/6, S 20/6, risk (3+4+9+3·16)/6 = 64/6;
    C = 13/24 + 11/24 − 29/72 = 43/72.
    royalty (4 voters): L 17/4, E 17/4, P 2, S 2, risk (25 + 3·1)/4 = 7; C = 11/8, the best
    composite, but a condition is unmet: listed, not ranked. credit: nobody scored it."""
    result = incentive_results(lim(instruments(), BALLOTS), ROOM, "person")
    assert result.voters == 8
    assert lines(result.instruments) == approx([
        ("zones", 1, None, 6, F(19, 6), F(17, 6), F(3), F(10, 3), F(32, 3), F(43, 72)),
        ("licence", 2, None, 8, F(11, 4), F(25, 8), F(13, 4), F(3), F(25, 2), F(47, 96)),
        ("royalty", None, "unmet_conditions", 4, F(17, 4), F(17, 4), F(2), F(2), F(7), F(11, 8)),
        ("credit", None, "no_scores", 0, None, None, None, None, None, None)])
    royalty = result.instruments[2]
    assert royalty.unmet_conditions == ["traceable"] and royalty.unknown_conditions == ["method"]
    assert [r.kind for r in result.instruments] == ["incentive"] * 3 + ["disincentive"]


def test_risk_is_the_mean_of_each_voters_product_not_the_product_of_means():
    """licence: mean likelihood 3.25 × mean severity 3 = 9.75, but the voters' own products
    average 12.5: the proxy's 5 × 5 risk is not diluted by others' separate answers."""
    licence = next(r for r in incentive_results(lim(instruments(), BALLOTS), ROOM).instruments
                   if r.instrument == "licence")
    assert licence.risk_likelihood * licence.risk_severity == pytest.approx(9.75)
    assert licence.risk == pytest.approx(12.5)


def test_group_weighting_averages_group_means_and_can_reorder():
    """Each group's means first, then their plain mean over the groups that scored it; the
    hidden groups' scores pooled, the pool counting once per hidden group that scored it.

    At threshold 1 every group is shown and counts alone:
    licence: women L 3, E 4, P 3, S 7/3, risk 23/3; miners 2, 2, 4, 4, risk 19; office 5, 5, 1, 1,
    risk 1 → L 10/3, E 11/3, P 8/3, S 22/9, risk 83/9, C = 49/54.
    zones: women 5, 4, 3/2, 5/2, risk 7/2; miners 9/4, 9/4, 15/4, 15/4, risk 57/4 (office did
    not score it) → L 29/8, E 25/8, P 21/8, S 25/8, risk 71/8, C = 55/64 < 49/54: licence first,
    where person weighting puts zones first.

    At ``ROOM``'s threshold of 3 the office and the women are hidden (module docstring): their
    licence scores pooled (4, 4, 2, 2; 2, 4, 4, 4; 3, 4, 3, 1; 5, 5, 1, 1): L 7/2, E 17/4, P 5/2,
    S 2, risk (4 + 16 + 3 + 1)/4 = 6, counting twice (both scored licence) beside the miners →
    L (2 + 7)/3 = 3, E (2 + 17/2)/3 = 7/2, P (4 + 5)/3 = 3, S (4 + 4)/3 = 8/3, risk
    (19 + 12)/3 = 31/3, C = 1/2 + 5/8 − (28/3)/24 = 53/72. zones: only the women of the pool
    scored it, the pool counts once: as above, 55/64 > 53/72, zones first. Either way the
    licence line counts its 8 voters and zones its 6.
    """
    every_group_shown = small_workshop(PEOPLE, proxies=("miners",),
                                       small_group_threshold=1).room()
    result = incentive_results(lim(instruments(), BALLOTS), every_group_shown, "group")
    assert result.voters == 8 and result.hidden_groups == []
    assert lines(result.instruments) == approx([
        ("licence", 1, None, 8, F(10, 3), F(11, 3), F(8, 3), F(22, 9), F(83, 9), F(49, 54)),
        ("zones", 2, None, 6, F(29, 8), F(25, 8), F(21, 8), F(25, 8), F(71, 8), F(55, 64)),
        ("royalty", None, "unmet_conditions", 4, F(17, 4), F(17, 4), F(2), F(2), F(7), F(11, 8)),
        ("credit", None, "no_scores", 0, None, None, None, None, None, None)])

    result = incentive_results(lim(instruments(), BALLOTS), ROOM, "group")
    assert result.voters == 8 and result.hidden_groups == ["women", "office"]
    assert [line[:3] + line[4:] for line in lines(result.instruments)] == [
        line[:3] + line[4:] for line in approx([
            ("zones", 1, None, 6, F(29, 8), F(25, 8), F(21, 8), F(25, 8), F(71, 8), F(55, 64)),
            ("licence", 2, None, 8, F(3), F(7, 2), F(3), F(8, 3), F(31, 3), F(53, 72)),
            ("royalty", None, "unmet_conditions", 4, F(17, 4), F(17, 4), F(2), F(2), F(7),
             F(11, 8)),
            ("credit", None, "no_scores", 0, None, None, None, None, None, None)])]
    # The head-counts are the people who scored each instrument, the pool's counted once.
    assert [r.voters for r in result.instruments] == [6, 8, 4, 0]


def test_small_groups_are_hidden_and_so_are_thinly_scored_instruments():
    """With the elders: office (1 voter) and elders (2) are hidden but counted; women show
    licence (3 scored it) but not zones (only 2 of them scored it), though both women's zones
    scores count overall."""
    for weighting in ("person", "group"):
        result = incentive_results(lim(instruments(), BALLOTS + ELDER_BALLOTS), ELDERS_ROOM,
                                   weighting)
        assert list(result.groups) == ["women", "miners"]
        assert result.hidden_groups == ["office", "elders"] and result.voters == 10
        assert lines(result.groups["women"]) == approx([
            ("licence", 1, None, 3, F(3), F(4), F(3), F(7, 3), F(23, 3), F(35, 36))])
        assert lines(result.groups["miners"]) == approx([
            ("zones", 1, None, 4, F(9, 4), F(9, 4), F(15, 4), F(15, 4), F(57, 4), F(7, 96)),
            ("licence", 2, None, 4, F(2), F(2), F(4), F(4), F(19), F(-1, 4)),
            ("royalty", None, "unmet_conditions", 4, F(17, 4), F(17, 4), F(2), F(2), F(7),
             F(11, 8))])


def test_a_single_small_group_is_hidden_with_the_next_smallest():
    """Without the elders the office would be the only hidden group, and its scores the room's
    minus the women's and the miners': the women (3 voters, fewer than the miners' 4) are
    hidden with it. Everyone still counts overall (8 voters, as hand-worked above)."""
    result = incentive_results(lim(instruments(), BALLOTS), ROOM)
    assert result.hidden_groups == ["women", "office"] and list(result.groups) == ["miners"]
    assert result.voters == 8 and result.disagreement == []  # nothing to compare it with


def test_complementary_suppression_groups_of_10_12_and_2():
    """Threshold 3, diggers 10, traders 12, elders 2 voters: the elders are hidden, and the
    diggers too (the next smallest), or the elders' scores would be the room's minus the
    diggers' and traders'. The overall result counts all 24: leverage
    (10·1 + 12·3 + 2·5) / 24 = 56/24 = 7/3."""
    people = {"diggers": [f"digger-{n}" for n in range(10)],
              "traders": [f"trader-{n}" for n in range(12)],
              "elders": ["elder-1", "elder-2"]}
    leverage = {"diggers": 1, "traders": 3, "elders": 5}
    ballots = [scored(token, licence=(leverage[g], 3, 1, 1))
               for g, tokens in people.items() for token in tokens]
    result = incentive_results(lim([instrument("licence")], ballots),
                               small_workshop(people).room())
    assert result.hidden_groups == ["diggers", "elders"] and list(result.groups) == ["traders"]
    assert result.voters == 24
    [licence] = result.instruments
    assert (licence.voters, licence.leverage) == (24, pytest.approx(7 / 3, abs=1e-6))
    assert lines(result.groups["traders"])[0][3:5] == (12, 3)  # the traders' 12, leverage 3


def test_the_hidden_groups_count_only_through_their_pooled_mean():
    """The privacy fix: the results by person and by group side by side give away no hidden
    group's own scores.

    Threshold 3: traders (3 voters, shown) score licence leverage 3; one elder and two officers
    are hidden together (3 people in two groups); everyone scores E 3, P 1, S 1. The elder's
    leverage is 5, the officers' 1 and 1. By person L = (9 + 5 + 1 + 1)/6 = 8/3: with the
    traders' 3 shown, the hidden people's leverages add up to 16 − 9 = 7. Had each hidden group
    weighed alone, L by group would have been (3 + 5 + 1)/3 = 3, so the elder's e and the
    office's mean o would solve e + 2o = 7 and e + o = 6: o = 1, e = 5, the elder's own score.
    Pooled (mean 7/3, counting twice: both hidden groups scored licence) L by group is
    (3 + 2·7/3)/3 = 23/9, C = (14/9)/4 + 1/2 − 0 = 8/9: from the person result and the traders'
    alone. Swapping (the elder 1, the officers 5 and 1) keeps the pool's total and every number
    (weighed alone, L would have become (3 + 1 + 3)/3 = 7/3)."""
    people = {"traders": ["trader-1", "trader-2", "trader-3"], "elders": ["elder-1"],
              "office": ["officer-1", "officer-2"]}
    room = small_workshop(people).room()

    def scored_by(elder: int, officers: tuple[int, int]) -> Exercise:
        leverage = {"trader-1": 3, "trader-2": 3, "trader-3": 3, "elder-1": elder,
                    "officer-1": officers[0], "officer-2": officers[1]}
        return lim([instrument("licence")],
                   [scored(token, licence=(value, 3, 1, 1)) for token, value in leverage.items()])

    before, after = scored_by(5, (1, 1)), scored_by(1, (5, 1))
    for exercise in (before, after):
        person = incentive_results(exercise, room, "person")
        assert person.hidden_groups == ["elders", "office"] and list(person.groups) == ["traders"]
        assert person.instruments[0].leverage == pytest.approx(8 / 3, abs=1e-6)
        [licence] = incentive_results(exercise, room, "group").instruments
        assert (licence.leverage, licence.effectiveness, licence.risk, licence.composite) == (
            pytest.approx(23 / 9, abs=1e-6), 3, 1, pytest.approx(8 / 9, abs=1e-6))
    for weighting in ("person", "group"):
        assert (incentive_results(before, room, weighting).model_dump()
                == incentive_results(after, room, weighting).model_dump())


def test_latest_scores_per_instrument_count():
    """woman-1 first scored licence 1, 1, 1, 1 with zones, then licence alone: her new licence
    scores replace the old ones and her zones scores stay."""
    without_rescore = BALLOTS[:-1]
    before = incentive_results(lim(instruments(), without_rescore), ROOM, "person")
    after = incentive_results(lim(instruments(), BALLOTS), ROOM, "person")
    licence = {r.instrument: r for r in before.instruments}["licence"]
    assert licence.leverage == pytest.approx(19 / 8)  # 22 − 4 + 1
    assert [r for r in before.instruments if r.instrument == "zones"] == \
        [r for r in after.instruments if r.instrument == "zones"]


def test_a_gate_lifted_ranks_the_instrument():
    """Once ``traceable`` is met (``method`` still unknown), royalty's 11/8 ranks first."""
    result = incentive_results(lim(instruments(royalty_traceable="met"), BALLOTS), ROOM)
    assert [(r.instrument, r.rank, r.unranked) for r in result.instruments] == [
        ("royalty", 1, None), ("zones", 2, None), ("licence", 3, None),
        ("credit", None, "no_scores")]
    assert result.instruments[0].unknown_conditions == ["method"]


def test_an_unmet_gate_wins_over_no_scores_as_the_reason():
    result = incentive_results(lim([instrument("credit", ("collateral", "unmet")),
                                    instrument("licence")], []), ROOM)
    assert [(r.instrument, r.rank, r.unranked, r.unmet_conditions) for r in result.instruments] == [
        ("credit", None, "unmet_conditions", ["collateral"]),
        ("licence", None, "no_scores", [])]
    assert result.voters == 0 and result.groups == {} and result.bubbles == []


def test_disagreement_between_groups():
    """Only shown groups, and only instruments at least two of them show, are compared.

    With the elders (hidden with the office), licence: women 35/36, miners −1/4: spread 11/9,
    standard deviation 11/18. zones and royalty are shown by miners alone."""
    result = incentive_results(lim(instruments(), BALLOTS + ELDER_BALLOTS), ELDERS_ROOM)
    assert [(d.instrument, d.groups, d.spread, d.sd) for d in result.disagreement] == [
        ("licence", {"women": pytest.approx(35 / 36, abs=1e-6), "miners": -0.25},
         pytest.approx(11 / 9, abs=1e-6), pytest.approx(11 / 18, abs=1e-6))]
    assert result.most_disagreed == ["licence"]


def test_disagreement_is_sorted_widest_first_and_ties_share_the_top():
    """Three groups of 3, unanimous inside. Composites (default weights), from L, E, P·S:

    a: g1 (5, 5, 1) → 2;  g2 (1, 1, 25) → −1;  g3 (3, 3, 1) → 1     spread 3, sd √14/3
    b: g1 (5, 5, 1) → 2;  g2 (5, 5, 1) → 2;    g3 (5, 5, 1) → 2     spread 0
    c: g1 (1, 1, 25) → −1; g2 (5, 5, 1) → 2;   g3 (1, 1, 1) → 0     spread 3
    """
    people = {g: [f"{g}-voter-{n}" for n in range(3)] for g in ("g1", "g2", "g3")}
    per_group = {"g1": {"a": (5, 5, 1, 1), "b": (5, 5, 1, 1), "c": (1, 1, 5, 5)},
                 "g2": {"a": (1, 1, 5, 5), "b": (5, 5, 1, 1), "c": (5, 5, 1, 1)},
                 "g3": {"a": (3, 3, 1, 1), "b": (5, 5, 1, 1), "c": (1, 1, 1, 1)}}
    ballots = [scored(token, **per_group[g]) for g, tokens in people.items() for token in tokens]
    result = incentive_results(lim([instrument(i) for i in "abc"], ballots),
                               small_workshop(people).room())
    assert [(d.instrument, d.spread) for d in result.disagreement] == [("a", 3), ("c", 3), ("b", 0)]
    assert result.disagreement[0].sd == pytest.approx(14 ** 0.5 / 3, abs=1e-6)
    assert result.most_disagreed == ["a", "c"]


def test_no_disagreement_is_flagged_when_groups_agree():
    people = {g: [f"{g}-voter-{n}" for n in range(3)] for g in ("g1", "g2")}
    ballots = [scored(token, a=(4, 4, 2, 2)) for tokens in people.values() for token in tokens]
    result = incentive_results(lim([instrument("a"), instrument("b")], ballots),
                               small_workshop(people).room())
    assert [(d.instrument, d.spread, d.sd) for d in result.disagreement] == [("a", 0, 0)]
    assert result.most_disagreed == []


def test_bubbles_are_leverage_risk_and_effectiveness():
    result = incentive_results(lim(instruments(), BALLOTS), ROOM)
    assert [(b.instrument, b.x, b.y, b.size, b.ranked) for b in result.bubbles] == approx([
        ("licence", F(11, 4), F(25, 2), F(25, 8), True),
        ("zones", F(19, 6), F(32, 3), F(17, 6), True),
        ("royalty", F(17, 4), F(7), F(17, 4), False)])


# ---- the composite formula ----------------------------------------------------------------------

@pytest.mark.parametrize("leverage, effectiveness, risk, expected", [
    (5, 5, 1, 2.0),      # the best instrument, default weights
    (1, 1, 25, -1.0),    # the worst
    (3, 3, 13, 0.5),     # the middle of every scale: 0.5 + 0.5 − 0.5
    (5, 3, 7, 1.25),
])
def test_composite_default_weights(leverage, effectiveness, risk, expected):
    assert composite(leverage, effectiveness, risk) == pytest.approx(expected)


def test_composite_with_facilitator_weights_and_the_formula_shown():
    """Weights 2, 0.5, −3: (5, 3, 7) → 2·1 + 0.5·0.5 − 3·0.25 = 1.5."""
    weights = Weights(leverage=2, effectiveness=0.5, risk=-3)
    assert composite(5, 3, 7, weights) == pytest.approx(1.5)
    shown = formula(weights)
    assert shown.expression == "C = 2·L′ + 0.5·E′ − 3·R′"
    assert shown.normalisation == "L′ = (L − 1)/4; E′ = (E − 1)/4; R = mean(P·S); R′ = (R − 1)/24"
    assert shown.symbols["R"] == "risk" and shown.weights == weights
    assert formula(Weights(leverage=0, effectiveness=0, risk=-1)).expression == \
        "C = 0·L′ + 0·E′ − 1·R′"


def test_the_result_carries_its_formula_and_weights_change_the_ranking():
    """Effectiveness alone: licence (25/8 − 1)/4 = 17/32 beats zones (17/6 − 1)/4 = 11/24."""
    weights = Weights(leverage=0, effectiveness=1, risk=0)
    result = incentive_results(lim(instruments(), BALLOTS, weights), ROOM)
    assert result.formula == formula(weights)
    assert [(r.instrument, r.rank, r.composite) for r in result.instruments[:2]] == [
        ("licence", 1, pytest.approx(17 / 32, abs=1e-6)),
        ("zones", 2, pytest.approx(11 / 24, abs=1e-6))]
    default = incentive_results(lim(instruments(), BALLOTS), ROOM)
    assert default.formula.expression == "C = 1·L′ + 1·E′ − 1·R′"


@pytest.mark.parametrize("weights", [
    {"leverage": float("nan")}, {"risk": float("-inf")},
    {"risk": 1},  # would reward risk
    {"leverage": -1},  # would punish leverage
    {"effectiveness": -0.5},
    {"leverage": 0, "effectiveness": 0, "risk": 0},  # every instrument would tie
])
def test_weights_must_count_for_leverage_and_effectiveness_and_against_risk(weights):
    with pytest.raises(ValidationError):
        Weights(**weights)


def test_tied_composites_share_a_rank_in_instrument_order():
    ballots = [scored("woman-1", c=(4, 4, 2, 2), a=(4, 4, 2, 2), b=(5, 5, 1, 1), d=(1, 1, 5, 5))]
    result = incentive_results(lim([instrument(i) for i in "abcd"], ballots),
                               small_workshop({"women": ["woman-1"]}).room())
    assert [(r.instrument, r.rank) for r in result.instruments] == [
        ("b", 1), ("a", 2), ("c", 2), ("d", 4)]


# ---- ballots and bad input ---------------------------------------------------------------------

FULL = {"leverage": 4, "effectiveness": 3, "risk_likelihood": 2, "risk_severity": 5}


BAD_SCORES = [
    ({}, "ballot.no_scores", "Score at least one instrument."),
    ({"zones": FULL, "nope": FULL, "also-nope": FULL}, "ballot.unknown_instruments",
     "This ballot scores instruments that are not in the exercise: also-nope, nope."),
    ({"licence": {**FULL, "cost": 3, "beauty": 2}}, "ballot.unknown_criteria",
     "Instrument licence has scores for unknown criteria: beauty, cost."),
    ({"licence": {"leverage": 3}}, "ballot.missing_criteria",
     ("Please score licence on every criterion. Not yet scored: effectiveness, "
      "risk_likelihood, risk_severity.")),
    ({"licence": FULL, "zones": 3}, "ballot.missing_criteria",
     ("Please score zones on every criterion. Not yet scored: leverage, effectiveness, "
      "risk_likelihood, risk_severity.")),
    ({"licence": {**FULL, "effectiveness": 0}}, "ballot.score_out_of_scale",
     "The effectiveness score of licence must be a whole number from 1 to 5, not 0."),
    ({"licence": {**FULL, "risk_severity": 6}}, "ballot.score_out_of_scale",
     "The risk_severity score of licence must be a whole number from 1 to 5, not 6."),
    ({"licence": {**FULL, "leverage": 3.5}}, "ballot.score_out_of_scale",
     "The leverage score of licence must be a whole number from 1 to 5, not 3.5."),
    ({"licence": {**FULL, "leverage": "3"}}, "ballot.score_out_of_scale",
     "The leverage score of licence must be a whole number from 1 to 5, not 3."),
    ({"licence": {**FULL, "leverage": True}}, "ballot.score_out_of_scale",
     "The leverage score of licence must be a whole number from 1 to 5, not True."),
]


@pytest.mark.parametrize("scores, key, sentence", BAD_SCORES)
def test_bad_scores_raise_a_typed_ballot_error(scores, key, sentence):
    with pytest.raises(ScoreError) as error:
        check_scores(scores, instruments())
    assert isinstance(error.value, BallotError)
    assert error.value.key == key
    assert error.value.rule("en") == sentence


@pytest.mark.parametrize("scores, key, sentence", BAD_SCORES)
def test_bad_scores_messages(scores, key, sentence):
    """What the participant reads: the rule broken, then that nothing was recorded."""
    with pytest.raises(ScoreError) as error:
        check_scores(scores, instruments())
    assert error.value.message("en") == f"{sentence} Nothing was recorded."
    assert str(error.value) == error.value.message("en")
    french = error.value.message("fr")
    assert french.endswith("Rien n'a été enregistré.") and french != error.value.message("en")


def test_check_scores_returns_the_scores_in_instrument_and_criterion_order():
    reordered = {"risk_severity": 5, "leverage": 4, "risk_likelihood": 2, "effectiveness": 3}
    checked = check_scores({"zones": reordered, "licence": FULL}, instruments())
    assert list(checked) == ["licence", "zones"]
    assert list(checked["zones"].items()) == list(FULL.items())


def test_the_kind_reads_a_ballots_scores_then_checks_them_against_the_instruments():
    """What the store does with a phone's or a flipchart's scores before appending them."""
    check = KIND.answer_checker(IncentiveMatrix(instruments=instruments()), [])
    answer = KIND.parse_answer({"scores": {"royalty": FULL}})
    assert answer == Scores(scores={"royalty": FULL})
    check(answer, PROXY, 4, True)  # fits: no error
    with pytest.raises(ScoreError) as error:
        check(KIND.parse_answer({"scores": {"nope": FULL}}), "woman-1", 1, True)
    assert error.value.key == "ballot.unknown_instruments"
    with pytest.raises(ScoreError) as error:
        KIND.parse_answer({"scores": {"royalty": {**FULL, "leverage": 9}}})
    assert error.value.key == "ballot.score_out_of_scale"


def test_an_answer_must_score_every_criterion_of_something():
    with pytest.raises(ScoreError) as error:
        Scores(scores={"zones": {"leverage": 3}})
    assert error.value.key == "ballot.missing_criteria"
    with pytest.raises(ScoreError) as error:
        Scores(scores={})
    assert error.value.key == "ballot.no_scores"


def test_an_exercise_checks_its_ballots_against_the_instruments():
    """As a workshop file is read: woman-1's first ballot scores zones, which is not there."""
    with pytest.raises(ValidationError, match=r"ballots\[0\]\.answer: This ballot scores "
                                              r"instruments that are not in the exercise: zones\."):
        lim([instrument("licence")], BALLOTS)
    stored = lim(instruments(), [scored("woman-1", zones=(1, 1, 1, 1))]).model_dump(mode="json")
    stored["ballots"][0]["answer"]["scores"]["zones"].pop("leverage")
    with pytest.raises(ValidationError, match=r"ballots\[0\]\.answer: Please score zones on "
                                              r"every criterion\. Not yet scored: leverage\."):
        Exercise.model_validate(stored)


def test_strangers_are_left_out_and_a_bad_weighting_or_duplicate_instrument_refused():
    """A room counts its own participants' ballots only, and a workshop file refuses a ballot by
    anyone else."""
    stranger = lim(instruments(), [scored("stranger-1", zones=(1, 1, 1, 1))])
    assert incentive_results(stranger, ROOM).voters == 0
    with pytest.raises(ValidationError, match=r"exercises\[0\]\.ballots\[0\]\.participant: "
                                              r"unknown participant 'stranger-1'"):
        Workshop.model_validate(workshop_data(PEOPLE, [stranger.model_dump(mode="json")]))
    with pytest.raises(NotFoundError) as error:
        incentive_results(lim(instruments(), BALLOTS), ROOM, "household")
    assert error.value.key == "weighting.unknown"
    with pytest.raises(ValidationError, match=r"instruments\[1\]\.id: duplicate id 'zones'"):
        IncentiveMatrix(instruments=[instrument("zones"), instrument("zones")])


def test_instrument_models_are_strict():
    with pytest.raises(ValidationError):
        instrument("zones", ("a", "met"), ("a", "unmet"))  # duplicate condition
    with pytest.raises(ValidationError):
        instrument("zones", ("a", "maybe"))
    with pytest.raises(ValidationError):
        instrument("zones", kind="bribe")
    with pytest.raises(ValidationError):
        Instrument.model_validate({**instrument("zones").model_dump(), "colour": "red"})


def test_starter_instruments_come_from_the_guide_in_english_and_french():
    ids = [i.id for i in STARTER_INSTRUMENTS]
    assert ids == ["conditional-licence", "land-access", "mercury-free-royalty",
                   "extension-training", "credit-access", "formalisation", "social-services"]
    for starter in STARTER_INSTRUMENTS:
        for text in (starter.label, starter.objective, starter.package, starter.limitations,
                     *(c.text for c in starter.conditions)):
            assert set(text) == {"en", "fr"}
        assert starter.conditions and all(c.met == "unknown" for c in starter.conditions)
    # Starters are ready to use: a new LIM starts from them and can be scored straight away.
    design = KIND.new_design("en", References({}, {}))
    assert design.instruments == STARTER_INSTRUMENTS
    ballot = Ballot(participant="woman-1", cast_at=at(0),
                    answer=Scores(scores={"land-access": FULL}))
    result = incentive_results(Exercise(id="lim", kind="lim", design=design, ballots=[ballot]),
                               small_workshop({"women": ["woman-1"]}).room())
    assert result.instruments[0].instrument == "land-access" and result.instruments[0].rank == 1


# ---- properties -------------------------------------------------------------------------------
#
# A random case: 1–3 groups of 1–3 people, some proxy tallies (1–4 voters), 1–12 ballots
# (re-scores included) over up to 4 instruments, some gated.

INSTRUMENT_IDS = ["licence", "zones", "royalty", "credit"]
GROUP_IDS = ["women", "miners", "office"]
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
SCORE = st.tuples(*[st.integers(1, 5)] * 4)


@dataclasses.dataclass
class Case:
    people: dict[str, list[str]]
    proxies: tuple[str, ...]
    threshold: int
    instruments: list[Instrument]
    ballots: list[Ballot]

    def room(self) -> Room:
        return small_workshop(self.people, proxies=self.proxies,
                              small_group_threshold=self.threshold).room()

    def group_of(self) -> dict[str, str]:
        mapping = {t: g for g, tokens in self.people.items() for t in tokens}
        return mapping | {proxy_token(g): g for g in self.proxies}


@st.composite
def cases(draw) -> Case:
    ids = INSTRUMENT_IDS[:draw(st.integers(1, len(INSTRUMENT_IDS)))]
    gated = draw(st.lists(st.sampled_from(ids), unique=True, max_size=len(ids) - 1))
    people = {g: [f"{g}-{n}" for n in range(draw(st.integers(1, 3)))]
              for g in GROUP_IDS[:draw(st.integers(1, len(GROUP_IDS)))]}
    proxies = tuple(draw(st.lists(st.sampled_from(list(people)), unique=True)))
    voters = [(t, 1) for tokens in people.values() for t in tokens]
    voters += [(proxy_token(g), draw(st.integers(1, 4))) for g in proxies]
    ballots = []
    for minute, (token, count) in enumerate(draw(st.lists(st.sampled_from(voters), min_size=1,
                                                          max_size=12))):
        chosen = draw(st.lists(st.sampled_from(ids), unique=True, min_size=1))
        ballots.append(scored(token, count, minute, **{i: draw(SCORE) for i in chosen}))
    return Case(people, proxies, draw(st.integers(1, 4)),
                [instrument(i, *((("c", "unmet"),) if i in gated else ())) for i in ids], ballots)


def numbers(rows) -> list[tuple]:
    """Every measure of every line but the head-count, in the order shown."""
    return [(r.instrument, r.rank, r.unranked, r.leverage, r.effectiveness, r.risk_likelihood,
             r.risk_severity, r.risk, r.composite) for r in rows]


@PROPERTY
@given(cases(), st.data())
def test_group_weighting_ignores_group_size(case, data):
    """Duplicating every ballot of one shown group (twins who score the same) changes no overall
    number under group weighting: every group counts the same, whatever its size."""
    group_of = case.group_of()
    group = data.draw(st.sampled_from(sorted({group_of[b.participant] for b in case.ballots})))
    before = incentive_results(lim(case.instruments, case.ballots), case.room(), "group")
    twins = [b for b in case.ballots if group_of[b.participant] == group]
    case.people[group] = case.people[group] + sorted({f"twin-{b.participant}" for b in twins})
    doubled = case.ballots + [b.model_copy(update={"participant": f"twin-{b.participant}"})
                              for b in twins]
    after = incentive_results(lim(case.instruments, doubled), case.room(), "group")
    # The hidden groups weigh as one pool: a shown group's size changes nothing as long as the
    # same groups stay hidden (a hidden group's size changes its share of the pool).
    assume(group not in before.hidden_groups and after.hidden_groups == before.hidden_groups)
    assert numbers(after.instruments) == numbers(before.instruments)


@PROPERTY
@given(cases(), st.permutations(INSTRUMENT_IDS), st.sampled_from(["person", "group"]))
def test_renaming_ids_changes_no_number(case, permutation, weighting):
    """Instrument, group and participant ids are names only: renaming them changes nothing."""
    rename = dict(zip(INSTRUMENT_IDS, permutation))
    before = incentive_results(lim(case.instruments, case.ballots), case.room(), weighting)
    renamed_people = {f"g-{g}": [f"p-{t}" for t in tokens] for g, tokens in case.people.items()}
    token = {t: f"p-{t}" for tokens in case.people.values() for t in tokens}
    token |= {proxy_token(g): proxy_token(f"g-{g}") for g in case.proxies}
    room = small_workshop(renamed_people, proxies=tuple(f"g-{g}" for g in case.proxies),
                          small_group_threshold=case.threshold).room()
    renamed = [i.model_copy(update={"id": rename[i.id]}) for i in case.instruments]
    ballots = [b.model_copy(update={"participant": token[b.participant], "answer": Scores(
        scores={rename[i]: s for i, s in b.answer.scores.items()})}) for b in case.ballots]
    after = incentive_results(lim(renamed, ballots), room, weighting)
    assert [(rename[i], *rest) for i, *rest in numbers(before.instruments)] == \
        numbers(after.instruments)
    assert {f"g-{g}": [(rename[i], *rest) for i, *rest in numbers(rows)]
            for g, rows in before.groups.items()} == \
        {g: numbers(rows) for g, rows in after.groups.items()}
    assert [f"g-{g}" for g in before.hidden_groups] == after.hidden_groups
    assert [rename[i] for i in before.most_disagreed] == after.most_disagreed
    assert before.voters == after.voters


@PROPERTY
@given(cases(), st.sampled_from(["person", "group"]))
def test_ranks_skip_gates_and_composites_stay_in_bounds(case, weighting):
    """Only scored, ungated instruments are ranked, with competition ranks of their composites;
    with the default weights every composite lies in [−1, 2]."""
    result = incentive_results(lim(case.instruments, case.ballots), case.room(), weighting)
    gated = {i.id for i in case.instruments if i.unmet()}
    ranked = [r for r in result.instruments if r.rank is not None]
    assert all(r.instrument not in gated and r.voters > 0 for r in ranked)
    assert [r.rank for r in ranked] == [1 + sum(o.composite > r.composite for o in ranked)
                                        for r in ranked]
    assert all(-1 <= r.composite <= 2 for r in result.instruments if r.composite is not None)
    assert {r.instrument for r in result.instruments} == {i.id for i in case.instruments}


@PROPERTY
@given(cases(), st.integers(2, 4))
def test_a_proxy_for_k_people_weighs_as_k_people(case, k):
    """Person weighting: one ballot standing for k voters equals k people scoring the same."""
    target = case.ballots[0]
    group = case.group_of()[target.participant]
    clones = [f"clone-{n}" for n in range(k)]
    case.people[group] = case.people[group] + clones
    as_proxy = [target.model_copy(update={"participant": "clone-0", "voters": k})]
    as_people = [target.model_copy(update={"participant": c, "voters": 1}) for c in clones]
    proxy = incentive_results(lim(case.instruments, as_proxy), case.room(), "person")
    people = incentive_results(lim(case.instruments, as_people), case.room(), "person")
    assert numbers(proxy.instruments) == numbers(people.instruments)
    assert proxy.voters == people.voters == k
