"""The community Environmental Management Plan: interaction matrix, risk matrix and action plan.

The hand-worked room (``ROOM``) has three groups (small-group threshold 3):

- women: ``woman-1``, ``woman-2``, ``woman-3`` (3 voters: shown)
- miners: ``miner-1``, ``miner-2`` and a proxy tally for 3 people (5 voters: shown)
- office: ``officer-1`` (1 voter: hidden, but counted)

Two land uses (asm, farming) × two values (river, forest). Latest ratings per cell::

                  woman-1  woman-2  woman-3  miner-1  miner-2  proxy ×3  officer-1
    asm:river     -        -        -        N                 +         -
    asm:forest    -        -                 -        N
    farming:river +                          N
    farming:forest (nobody)

woman-1 first rated asm:river ``+`` (with asm:forest ``-``), then asm:river alone ``-``.

In ``ROOM`` the office alone is below the threshold, so complementary suppression hides the
next smallest group with it, the women (3 voters), or the office's ratings would be the room's
minus the miners' and the women's. The tests of what each group shows use ``ELDERS_ROOM``: the
same room with a fourth group, two elders (``ELDER_BALLOTS``, asm:river only), so that the
office and the elders are hidden together (3 people) and the women and the miners are shown.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from fractions import Fraction as F

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st
from pydantic import ValidationError

from engine.core.errors import BallotError, NotFoundError, SetupError
from engine.core.records import Ballot, Room, proxy_token
from engine.core.workshop import Workshop
from engine.exercises.emp import KIND
from engine.exercises.emp.plan import (ACHIEVABLE_PRODUCTS, DEFAULT_BANDS, STARTER_LAND_USES,
                                       STARTER_VALUES, Action, EnvironmentalPlan,
                                       EnvironmentalValue, InteractionError, LandUse, PlanError,
                                       Ratings, RiskAssessment, RiskBand, action_plan, cell_id,
                                       cell_status, check_actions, check_bands,
                                       check_interactions, interaction_results, matrix_cells,
                                       plan_end, risk_matrix, split_cell)

from factories import at, small_workshop, workshop_data

PEOPLE = {"women": ["woman-1", "woman-2", "woman-3"], "miners": ["miner-1", "miner-2"],
          "office": ["officer-1"]}
PROXY = proxy_token("miners")
LAND_USES = [LandUse(id="asm", label={"en": "Mining"}),
             LandUse(id="farming", label={"en": "Farming"})]
VALUES = [EnvironmentalValue(id="river", label={"en": "River"}, category="natural_feature"),
          EnvironmentalValue(id="forest", label={"en": "Forest"}, category="habitat")]
PLAN = EnvironmentalPlan(land_uses=LAND_USES, values=VALUES, start=dt.date(2026, 4, 1))


def rated(token: str, voters: int = 1, minute: int = 0, **cells: str) -> Ballot:
    """A ballot: ``rated("woman-1", asm__river="-")`` rates cell asm:river ``-``."""
    return Ballot(participant=token, cast_at=at(minute), voters=voters, answer=Ratings(
        ratings={cell.replace("__", ":"): r for cell, r in cells.items()}))


ROOM = small_workshop(PEOPLE, proxies=("miners",)).room()
ELDERS_ROOM = small_workshop(PEOPLE | {"elders": ["elder-1", "elder-2"]},
                             proxies=("miners",)).room()


BALLOTS = [
    rated("woman-1", minute=1, asm__river="+", asm__forest="-"),
    rated("woman-2", minute=2, asm__river="-", asm__forest="-"),
    rated("woman-3", minute=3, asm__river="-"),
    rated("miner-1", minute=4, asm__river="N", asm__forest="-"),
    rated("miner-2", minute=5, asm__forest="N"),
    rated(PROXY, 3, minute=6, asm__river="+"),
    rated("officer-1", minute=7, asm__river="-"),
    rated("woman-1", minute=8, farming__river="+"),
    rated("woman-1", minute=9, asm__river="-"),  # changes her mind on one cell
    rated("miner-1", minute=10, farming__river="N"),
]
ELDER_BALLOTS = [rated("elder-1", minute=11, asm__river="N"),
                 rated("elder-2", minute=12, asm__river="N")]


def cells(rows) -> list[tuple]:
    """(cell, voters, shares +/N/-, counts, majority, status) of each cell."""
    return [(r.cell, r.voters, (r.shares["+"], r.shares["N"], r.shares["-"]),
             None if r.counts is None else (r.counts["+"], r.counts["N"], r.counts["-"]),
             r.majority, r.status) for r in rows]


def approx(expected: list[tuple]) -> list:
    return [(cell, voters, tuple(pytest.approx(float(s), abs=1e-6) for s in shares), *rest)
            for cell, voters, shares, *rest in expected]


# ---- the interaction matrix -------------------------------------------------------------------

def test_person_weighting_shares_majority_and_status():
    """asm:river: 4 ``-``, 1 ``N``, 3 ``+`` (the proxy) of 8: ``-`` is the majority, but ``+`` has
    3/8 ≥ 1/3 and ``-`` 1/2 ≥ 1/3: contested. asm:forest: 3 ``-``, 1 ``N``: 3/4 ≥ 2/3, consensus.
    farming:river: one ``+``, one ``N``: tied, and too few to agree. farming:forest: nobody."""
    result = interaction_results(ROOM, LAND_USES, VALUES, BALLOTS, "person")
    assert result.voters == 9  # 3 women, miner-1, miner-2, 3 behind the proxy, officer-1
    assert cells(result.cells) == approx([
        ("asm:river", 8, (F(3, 8), F(1, 8), F(1, 2)), (3, 1, 4), "-", "contested"),
        ("asm:forest", 4, (0, F(1, 4), F(3, 4)), (0, 1, 3), "-", "consensus"),
        ("farming:river", 2, (F(1, 2), F(1, 2), 0), (1, 1, 0), None, "too_few"),
        ("farming:forest", 0, (0, 0, 0), (0, 0, 0), None, "too_few")])
    assert [(r.consensus, r.contested) for r in result.cells] == [
        (False, True), (True, False), (False, False), (False, False)]
    assert [(r.land_use, r.value) for r in result.cells] == [
        ("asm", "river"), ("asm", "forest"), ("farming", "river"), ("farming", "forest")]
    assert result.negative == ["asm:river", "asm:forest"]


def test_group_weighting_averages_group_shares_and_can_change_the_status():
    """The office and the women are hidden (module docstring): their ratings are pooled, the
    pool counting once per hidden group that rated the cell.

    asm:river: the pool all ``-`` (the three women and the officer), counting twice; miners
    ``N`` 1/4 and ``+`` 3/4: the mean is ``-`` 2/3 exactly, ``N`` 1/12, ``+`` 1/4 < 1/3. Not
    contested any more: consensus. asm:forest: the pool (two women) ``-`` 1, once; miners ``-``
    1/2, ``N`` 1/2 → ``-`` 3/4. farming:river: the pool (woman-1) ``+``, miners ``N`` → 1/2
    each."""
    result = interaction_results(ROOM, LAND_USES, VALUES, BALLOTS, "group")
    assert cells(result.cells) == approx([
        ("asm:river", 8, (F(1, 4), F(1, 12), F(2, 3)), None, "-", "consensus"),
        ("asm:forest", 4, (0, F(1, 4), F(3, 4)), None, "-", "consensus"),
        ("farming:river", 2, (F(1, 2), F(1, 2), 0), None, None, "too_few"),
        ("farming:forest", 0, (0, 0, 0), None, None, "too_few")])
    assert result.negative == ["asm:river", "asm:forest"]


def test_harm_tied_for_the_lead_still_goes_to_the_risk_step():
    """farming:forest: two ``-`` and two ``N``: no majority, but harm is as common an answer as
    any, so the cell is assessed for risk (precaution). farming:river, ``+`` and ``N`` tied,
    is not."""
    ballots = [rated("woman-1", minute=1, farming__forest="-", farming__river="+"),
               rated("woman-2", minute=2, farming__forest="-", farming__river="N"),
               rated("miner-1", minute=3, farming__forest="N"),
               rated("miner-2", minute=4, farming__forest="N")]
    result = interaction_results(ROOM, LAND_USES, VALUES, ballots, "person")
    forest = next(c for c in result.cells if c.cell == "farming:forest")
    assert (forest.majority, forest.status) == (None, "mixed")
    assert result.negative == ["farming:forest"]


def test_small_groups_are_hidden_and_so_are_thinly_rated_cells():
    """With the elders: office (1 voter) and elders (2) are hidden, but counted. women show
    asm:river (3 rated it) but not asm:forest (2); miners (5 voters) show asm:river (miner-1 and
    the proxy's 3: 4 people) only."""
    for weighting in ("person", "group"):
        result = interaction_results(ELDERS_ROOM, LAND_USES, VALUES, BALLOTS + ELDER_BALLOTS,
                                     weighting)
        assert list(result.groups) == ["women", "miners"]
        assert result.hidden_groups == ["office", "elders"] and result.voters == 11
        assert cells(result.groups["women"]) == approx([
            ("asm:river", 3, (0, 0, 1), (0, 0, 3), "-", "consensus")])
        assert cells(result.groups["miners"]) == approx([
            ("asm:river", 4, (F(3, 4), F(1, 4), 0), (3, 1, 0), "+", "consensus")])


def test_a_single_small_group_is_hidden_with_the_next_smallest():
    """Without the elders the office would be the only hidden group, and its ratings the
    room's minus the women's and the miners': the women (3 voters, fewer than the miners' 5)
    are hidden with it. Everyone still counts overall (9 voters)."""
    result = interaction_results(ROOM, LAND_USES, VALUES, BALLOTS)
    assert result.hidden_groups == ["women", "office"] and list(result.groups) == ["miners"]
    assert result.voters == 9 and cells(result.cells)[0][1] == 8  # asm:river, as worked above


def test_complementary_suppression_groups_of_10_12_and_2():
    """Threshold 3, diggers 10 rate asm:river ``-``, traders 12 ``+``, elders 2 ``N``: the elders
    are hidden, and the diggers too (the next smallest), or the elders' ratings would be the
    room's minus the diggers' and traders'. The overall cell counts all 24: + 12/24, N 2/24,
    - 10/24; ``+`` is the majority but ``-`` has 5/12 ≥ 1/3: contested."""
    people = {"diggers": [f"digger-{n}" for n in range(10)],
              "traders": [f"trader-{n}" for n in range(12)],
              "elders": ["elder-1", "elder-2"]}
    answer = {"diggers": "-", "traders": "+", "elders": "N"}
    ballots = [rated(token, asm__river=answer[g]) for g, tokens in people.items()
               for token in tokens]
    result = interaction_results(small_workshop(people).room(), LAND_USES, VALUES, ballots)
    assert result.hidden_groups == ["diggers", "elders"] and list(result.groups) == ["traders"]
    assert result.voters == 24
    assert cells(result.cells)[0] == approx([
        ("asm:river", 24, (F(1, 2), F(1, 12), F(5, 12)), (12, 2, 10), "+", "contested")])[0]
    assert cells(result.groups["traders"]) == approx([
        ("asm:river", 12, (1, 0, 0), (12, 0, 0), "+", "consensus")])


def test_the_hidden_groups_count_only_through_their_pooled_shares():
    """The privacy fix: the results by person and by group side by side give away no hidden
    group's own rating.

    Threshold 3: traders (3 voters, shown) rate asm:river ``-``, ``-``, ``N``; one elder and two
    officers are hidden together (3 people in two groups). The elder rates ``+``, the officers
    ``-`` and ``-``. By person ``+`` is 1 of 6: the traders' none shown, the hidden people hold
    the one ``+``. Had each hidden group weighed alone, ``+`` by group would have been
    (0 + 1 + 0)/3 = 1/3, so the elder's e and the office's share o would solve e + 2o = 1 and
    e + o = 1: o = 0, e = 1, the elder's own ``+``. Pooled (``+`` 1/3, ``-`` 2/3, counting
    twice: both hidden groups rated the cell) ``+`` by group is (0 + 2/3)/3 = 2/9, ``N``
    (1/3)/3 = 1/9, ``-`` (2/3 + 4/3)/3 = 2/3: what the person result and the traders' shares
    already say. Swapping (the elder ``-``, an officer ``+``) keeps the pool's total and every
    number (weighed alone, ``+`` would have become (0 + 0 + 1/2)/3 = 1/6)."""
    room = small_workshop({"traders": ["trader-1", "trader-2", "trader-3"],
                           "elders": ["elder-1"], "office": ["officer-1", "officer-2"]}).room()

    def ballots(elder: str, officers: tuple[str, str]) -> list[Ballot]:
        answers = {"trader-1": "-", "trader-2": "-", "trader-3": "N", "elder-1": elder,
                   "officer-1": officers[0], "officer-2": officers[1]}
        return [rated(token, asm__river=answer) for token, answer in answers.items()]

    before, after = ballots("+", ("-", "-")), ballots("-", ("+", "-"))
    for cast in (before, after):
        person = interaction_results(room, LAND_USES, VALUES, cast, "person")
        assert person.hidden_groups == ["elders", "office"] and list(person.groups) == ["traders"]
        assert cells(person.cells)[0] == approx([
            ("asm:river", 6, (F(1, 6), F(1, 6), F(2, 3)), (1, 1, 4), "-", "consensus")])[0]
        group = interaction_results(room, LAND_USES, VALUES, cast, "group")
        assert cells(group.cells)[0] == approx([
            ("asm:river", 6, (F(2, 9), F(1, 9), F(2, 3)), None, "-", "consensus")])[0]
    for weighting in ("person", "group"):
        assert (interaction_results(room, LAND_USES, VALUES, before, weighting).model_dump()
                == interaction_results(room, LAND_USES, VALUES, after, weighting).model_dump())


def test_latest_rating_per_cell_counts():
    """Without woman-1's last ballot her asm:river ``+`` stands: 4 ``+``, 1 ``N``, 3 ``-``."""
    result = interaction_results(ROOM, LAND_USES, VALUES, BALLOTS[:-2] + BALLOTS[-1:])
    assert cells(result.cells)[0] == approx([
        ("asm:river", 8, (F(1, 2), F(1, 8), F(3, 8)), (4, 1, 3), "+", "contested")])[0]
    assert cells(result.cells)[1:3] == cells(
        interaction_results(ROOM, LAND_USES, VALUES, BALLOTS).cells)[1:3]


@pytest.mark.parametrize("plus, neutral, minus, voters, status", [
    (0, F(1, 3), F(2, 3), 3, "consensus"),      # two thirds is enough
    (F(1, 3), 0, F(2, 3), 3, "contested"),      # … unless a third sees the opposite sign
    (F(1, 3), F(1, 3), F(1, 3), 3, "contested"),
    (F(3, 10), F(1, 10), F(3, 5), 10, "mixed"),  # 3/10 < 1/3: not contested; 3/5 < 2/3
    (F(3, 5), F(2, 5), 0, 5, "mixed"),
    (F(1, 2), F(1, 2), 0, 4, "mixed"),
    (0, 0, 1, 3, "consensus"),
    (0, 1, 0, 3, "consensus"),                  # agreeing there is no interaction is consensus
    (1, 0, 0, 2, "too_few"),                    # unanimous, but only 2 people
    (F(1, 2), 0, F(1, 2), 2, "contested"),      # a dispute needs no quorum
    (0, 0, 0, 0, "too_few"),
])
def test_cell_status_rules(plus, neutral, minus, voters, status):
    assert cell_status({"+": F(plus), "N": F(neutral), "-": F(minus)}, voters) == status


def test_cell_status_min_voters():
    shares = {"+": F(1), "N": F(0), "-": F(0)}
    assert cell_status(shares, 1, min_voters=1) == "consensus"
    assert cell_status(shares, 4, min_voters=5) == "too_few"
    result = interaction_results(ROOM, LAND_USES, VALUES, BALLOTS, min_voters=5)
    assert [r.status for r in result.cells] == ["contested", "too_few", "too_few", "too_few"]
    assert result.min_voters == 5
    assert result.consensus_share == pytest.approx(2 / 3)
    assert result.contested_share == pytest.approx(1 / 3)


def test_a_proxy_rating_counts_for_its_voters():
    room = small_workshop({"miners": ["miner-1"]}, proxies=("miners",)).room()
    result = interaction_results(room, LAND_USES, VALUES, [
        rated("miner-1", asm__river="-"), rated(PROXY, 4, asm__river="+")])
    assert cells(result.cells)[:1] == approx([
        ("asm:river", 5, (F(4, 5), 0, F(1, 5)), (4, 0, 1), "+", "consensus")])


def test_cell_ids():
    assert cell_id("asm", "river") == "asm:river"
    assert split_cell("large-scale-mining:sacred-site") == ("large-scale-mining", "sacred-site")
    assert matrix_cells(LAND_USES, VALUES) == ["asm:river", "asm:forest", "farming:river",
                                               "farming:forest"]


# ---- interaction ballots and bad input --------------------------------------------------------

def check_message(error, sentence: str, suffix: tuple[str, str] = ("", "")) -> None:
    """The error reads ``sentence`` in English (then ``suffix``), and is translated in French."""
    assert error.message("en") == sentence + suffix[0]
    french = error.message("fr")
    assert french != error.message("en") and french.endswith(suffix[1])


@pytest.mark.parametrize("ratings, key, params, sentence", [
    ({}, "ballot.no_cells", {}, "Rate at least one cell of the matrix."),
    ({"asm:river": "-", "asm:sky": "+", "mars:river": "N"}, "ballot.unknown_cells",
     {"cells": "asm:sky, mars:river"},
     "This ballot rates cells that are not in the matrix: asm:sky, mars:river."),
    ({"asm:river": "-", "farming:forest": "maybe"}, "ballot.bad_interaction",
     {"cell": "farming:forest", "rating": "maybe"},
     "Rate cell farming:forest with +, N or -, not maybe."),
    ({"asm:river": "n"}, "ballot.bad_interaction", {"cell": "asm:river", "rating": "n"},
     "Rate cell asm:river with +, N or -, not n."),
    ({"asm:river": "−"}, "ballot.bad_interaction", {"cell": "asm:river", "rating": "−"},
     "Rate cell asm:river with +, N or -, not −."),  # a typographic minus is not "-"
])
def test_bad_ratings_raise_a_typed_ballot_error(ratings, key, params, sentence):
    with pytest.raises(InteractionError) as error:
        check_interactions(ratings, LAND_USES, VALUES)
    assert isinstance(error.value, BallotError)
    assert (error.value.key, error.value.params) == (key, params)
    check_message(error.value, sentence, (" Nothing was recorded.", "Rien n'a été enregistré."))


def test_check_interactions_returns_matrix_order():
    checked = check_interactions({"farming:forest": "N", "asm:river": "-"}, LAND_USES, VALUES)
    assert list(checked.items()) == [("asm:river", "-"), ("farming:forest", "N")]


def test_the_kind_reads_a_ballots_ratings_then_checks_them_against_the_matrix():
    """What the store does with a phone's or a flipchart's ratings before appending them."""
    check = KIND.answer_checker(PLAN, [])
    answer = KIND.parse_answer({"ratings": {"asm:forest": "+"}})
    assert answer == Ratings(ratings={"asm:forest": "+"})
    check(answer, PROXY, 3, True)  # fits: no error
    with pytest.raises(InteractionError) as error:
        check(KIND.parse_answer({"ratings": {"asm:sky": "+"}}), "woman-1", 1, True)
    assert error.value.key == "ballot.unknown_cells"
    with pytest.raises(InteractionError) as error:
        Ratings(ratings={})
    assert error.value.key == "ballot.no_cells"
    with pytest.raises(ValidationError):
        Ratings(ratings={"asm": "+"})


def test_results_check_ballots_participants_weighting_and_ids():
    """A room counts its own participants' ballots only, and a workshop file refuses a ballot by
    anyone else."""
    with pytest.raises(InteractionError) as error:
        interaction_results(ROOM, LAND_USES, VALUES[:1], BALLOTS)
    assert error.value.key == "ballot.unknown_cells"
    stranger = rated("stranger", asm__river="+")
    assert interaction_results(ROOM, LAND_USES, VALUES, [stranger]).voters == 0
    exercise = {"id": "emp", "kind": "emp", "design": PLAN.model_dump(mode="json"),
                "ballots": [stranger.model_dump(mode="json")]}
    with pytest.raises(ValidationError, match=r"exercises\[0\]\.ballots\[0\]\.participant: "
                                              r"unknown participant 'stranger'"):
        Workshop.model_validate(workshop_data(PEOPLE, [exercise]))
    with pytest.raises(NotFoundError) as error:
        interaction_results(ROOM, LAND_USES, VALUES, BALLOTS, "household")
    assert error.value.key == "weighting.unknown"
    with pytest.raises(SetupError) as error:
        interaction_results(ROOM, LAND_USES + LAND_USES[:1], VALUES, BALLOTS)
    assert error.value.params["where"] == "land_uses[2].id"
    with pytest.raises(SetupError) as error:
        interaction_results(ROOM, LAND_USES, VALUES, BALLOTS, min_voters=0)
    assert error.value.params["where"] == "min_voters"


def test_starter_land_uses_and_values():
    assert [u.id for u in STARTER_LAND_USES] == [
        "asm", "farming", "herding", "logging", "fishing", "large-scale-mining", "settlement"]
    assert {v.category for v in STARTER_VALUES} == {
        "natural_feature", "ecosystem_service", "habitat", "species", "protected_area",
        "sacred_place"}
    assert all(set(x.label) == {"en", "fr"} for x in [*STARTER_LAND_USES, *STARTER_VALUES])
    assert len(matrix_cells(STARTER_LAND_USES, STARTER_VALUES)) == 7 * 9
    with pytest.raises(ValidationError):
        EnvironmentalValue(id="gold", label={"en": "Gold"}, category="mineral")


# ---- risk bands and the risk matrix -----------------------------------------------------------

def test_achievable_products_and_the_default_bands():
    """11 (like 7, 13, 14, 17–19, 21–24) is no product of two numbers 1–5, so the default bands
    (low 1–4, medium 5–10, high 12–25) leave it out and still cover every product."""
    impossible = {7, 11, 13, 14, 17, 18, 19, 21, 22, 23, 24}
    assert set(range(1, 26)) - set(ACHIEVABLE_PRODUCTS) == impossible
    assert [(b.name, b.low, b.high) for b in check_bands(DEFAULT_BANDS)] == [
        ("low", 1, 4), ("medium", 5, 10), ("high", 12, 25)]


def test_the_grid_names_the_band_of_every_square():
    grid = risk_matrix(LAND_USES, VALUES, []).grid
    assert grid == [  # grid[likelihood − 1][consequence − 1]
        ["low", "low", "low", "low", "medium"],
        ["low", "low", "medium", "medium", "medium"],
        ["low", "medium", "medium", "high", "high"],
        ["low", "medium", "high", "high", "high"],
        ["medium", "medium", "high", "high", "high"]]
    flat = [band for row in grid for band in row]
    assert (flat.count("low"), flat.count("medium"), flat.count("high")) == (8, 9, 8)


def band(name: str, low: int, high: int) -> RiskBand:
    return RiskBand(name=name, low=low, high=high)


@pytest.mark.parametrize("bands", [
    [band("high", 12, 25), band("low", 1, 4), band("medium", 5, 10)],  # any order
    [band("low", 1, 4), band("medium", 5, 11), band("high", 12, 25)],
    [band("low", 1, 4), band("medium", 5, 10), band("high", 11, 25)],
    [band("acceptable", 1, 6), band("unacceptable", 7, 25)],
    [band("low", 1, 4), band("medium", 5, 9), band("high", 10, 14), band("extreme", 15, 25)],
    [band("all", 1, 25)],
])
def test_other_valid_bands(bands):
    assert [b.low for b in check_bands(bands)] == sorted(b.low for b in bands)


@pytest.mark.parametrize("bands, key, params, sentence", [
    ([band("low", 1, 4), band("low", 5, 10), band("high", 12, 25)], "emp.band_duplicate",
     {"band": "low"}, "Two risk bands are called low."),
    ([band("low", 1, 5), band("medium", 5, 10), band("high", 12, 25)], "emp.bands_overlap",
     {"band": "low", "other": "medium"}, "Risk bands low and medium overlap."),
    ([band("low", 1, 4), band("medium", 5, 10), band("odd", 11, 11), band("high", 12, 25)],
     "emp.band_empty", {"band": "odd", "low": 11, "high": 11},
     "Risk band odd (11–11) holds no possible likelihood × consequence."),
    ([band("low", 1, 4), band("medium", 6, 10), band("high", 12, 25)], "emp.bands_uncovered",
     {"products": "5"}, "No risk band holds these likelihood × consequence products: 5."),
    ([band("low", 1, 4), band("medium", 5, 9), band("high", 12, 25)], "emp.bands_uncovered",
     {"products": "10"}, "No risk band holds these likelihood × consequence products: 10."),
    ([band("medium", 5, 10), band("high", 12, 20)], "emp.bands_uncovered",
     {"products": "1, 2, 3, 4, 25"},
     "No risk band holds these likelihood × consequence products: 1, 2, 3, 4, 25."),
    ([], "emp.bands_uncovered", {"products": ", ".join(map(str, ACHIEVABLE_PRODUCTS))},
     ("No risk band holds these likelihood × consequence products: "
      "1, 2, 3, 4, 5, 6, 8, 9, 10, 12, 15, 16, 20, 25.")),
])
def test_bad_bands(bands, key, params, sentence):
    with pytest.raises(PlanError) as error:
        check_bands(bands)
    assert isinstance(error.value, SetupError)
    assert (error.value.key, error.value.params) == (key, {"field": "bands", **params})
    check_message(error.value, sentence)
    with pytest.raises(PlanError):
        risk_matrix(LAND_USES, VALUES, [], bands)


def test_a_band_runs_upwards_within_1_to_25():
    for low, high in [(5, 4), (0, 4), (12, 26)]:
        with pytest.raises(ValidationError):
            band("x", low, high)


def assessed(cell: str, likelihood: int, consequence: int) -> RiskAssessment:
    return RiskAssessment(cell=cell, likelihood=likelihood, consequence=consequence)


def test_risk_matrix_products_bands_and_order():
    """asm:river 4 × 4 = 16 high; asm:forest 2 × 3 and farming:forest 3 × 2 = 6 medium (tied,
    matrix order); farming:river 1 × 2 = 2 low."""
    result = risk_matrix(LAND_USES, VALUES, [
        assessed("farming:river", 1, 2), assessed("farming:forest", 3, 2),
        assessed("asm:forest", 2, 3), assessed("asm:river", 4, 4)],
        negative=["asm:river", "asm:forest"])
    assert [(c.cell, c.likelihood, c.consequence, c.product, c.band, c.rank)
            for c in result.cells] == [
        ("asm:river", 4, 4, 16, "high", 1), ("asm:forest", 2, 3, 6, "medium", 2),
        ("farming:forest", 3, 2, 6, "medium", 2), ("farming:river", 1, 2, 2, "low", 4)]
    assert (result.cells[0].land_use, result.cells[0].value) == ("asm", "river")
    assert result.unassessed == []
    assert [b.name for b in result.bands] == ["low", "medium", "high"]


def test_risk_matrix_with_own_bands_and_unassessed_negative_cells():
    bands = [band("acceptable", 1, 6), band("unacceptable", 8, 25)]
    result = risk_matrix(LAND_USES, VALUES,
                         [assessed("asm:forest", 2, 3), assessed("asm:river", 2, 4)], bands,
                         negative=["asm:river", "farming:river", "asm:forest", "farming:forest"])
    assert [(c.cell, c.band) for c in result.cells] == [("asm:river", "unacceptable"),
                                                         ("asm:forest", "acceptable")]
    assert result.unassessed == ["farming:river", "farming:forest"]


@pytest.mark.parametrize("assessments, key, cell, sentence", [
    ([assessed("asm:sky", 2, 2)], "emp.risk_unknown_cell", "asm:sky",
     "Cell asm:sky is not in the matrix."),
    ([assessed("asm:river", 2, 2), assessed("asm:river", 3, 3)], "emp.risk_duplicate_cell",
     "asm:river", "Cell asm:river is assessed twice."),
])
def test_bad_risk_assessments(assessments, key, cell, sentence):
    with pytest.raises(PlanError) as error:
        risk_matrix(LAND_USES, VALUES, assessments)
    assert (error.value.key, error.value.params) == (key, {"field": "cell", "cell": cell})
    check_message(error.value, sentence)


def test_risk_scores_are_1_to_5():
    for likelihood, consequence in [(0, 3), (3, 6)]:
        with pytest.raises(ValidationError):
            assessed("asm:river", likelihood, consequence)


# ---- the action plan --------------------------------------------------------------------------

START = dt.date(2026, 4, 1)


def action(action_id: str, cells: list[str], hierarchy: str, importance: float, urgency: float,
           years: list[int], review: dt.date = dt.date(2027, 3, 1), responsible: str = "miners"
           ) -> Action:
    return Action(id=action_id, label={"en": action_id}, cells=cells, hierarchy=hierarchy,
                  importance=importance, urgency=urgency, responsible=responsible, years=years,
                  review=review)


ACTIONS = [
    action("fence-river", ["asm:river"], "minimise", 5, 4, [1]),
    action("restock-fish", ["asm:river"], "offset", 2, 4, [3]),
    action("no-mining-forest", ["asm:forest"], "avoid", 4, 5, [3, 1, 2, 2],
           responsible="local-government"),
    action("tree-nursery", ["asm:forest", "farming:forest"], "rehabilitate", 4, 2, [2, 3]),
    action("buffer-strips", ["farming:river"], "minimise", 3, 3, [2]),
]


def test_action_plan_order_ranks_quadrants_and_years():
    """Scores: fence 5 × 4 = 20 and no-mining 4 × 5 = 20 tie for 1st (avoid listed before
    minimise), buffer 3 × 3 = 9 3rd, nursery 4 × 2 = 8 and restock 2 × 4 = 8 tie for 4th
    (rehabilitate before offset, though restock was entered first). Buffer's 3 and 3 are the
    middle of 1–5, which counts as high: act now (issue 13; shared with prioritisation)."""
    plan = action_plan(LAND_USES, VALUES, ACTIONS, START, plan_years=3)
    assert [(a.action, a.rank, a.score, a.quadrant, a.hierarchy) for a in plan.actions] == [
        ("no-mining-forest", 1, 20, "act_now", "avoid"),
        ("fence-river", 1, 20, "act_now", "minimise"),
        ("buffer-strips", 3, 9, "act_now", "minimise"),
        ("tree-nursery", 4, 8, "plan", "rehabilitate"),
        ("restock-fish", 4, 8, "respond_quickly", "offset")]
    assert plan.by_year == {1: ["no-mining-forest", "fence-river"],
                            2: ["no-mining-forest", "buffer-strips", "tree-nursery"],
                            3: ["no-mining-forest", "tree-nursery", "restock-fish"]}
    first = plan.actions[0]
    assert (first.years, first.cells, first.responsible, first.review) == (
        [1, 2, 3], ["asm:forest"], "local-government", dt.date(2027, 3, 1))
    assert (plan.start, plan.end, plan.plan_years) == (START, dt.date(2029, 3, 31), 3)
    assert plan.unaddressed == []


def test_action_plan_with_mean_ratings_and_unaddressed_cells():
    """Means from a prioritisation exercise work: 3.5 × 4.2 = 14.7, act now (both 3 or more)."""
    retorts = action("retorts", ["asm:river"], "minimise", 3.5, 4.2, [1])
    plan = action_plan(LAND_USES, VALUES, [retorts], START,
                       negative=["asm:river", "farming:river", "asm:forest"])
    assert [(a.action, a.rank, a.score, a.quadrant) for a in plan.actions] == [
        ("retorts", 1, pytest.approx(14.7), "act_now")]
    assert plan.unaddressed == ["farming:river", "asm:forest"]
    assert plan.plan_years == 5 and list(plan.by_year) == [1, 2, 3, 4, 5]
    assert action_plan(LAND_USES, VALUES, [], START).actions == []


@pytest.mark.parametrize("start, years, end", [
    (dt.date(2026, 4, 1), 3, dt.date(2029, 3, 31)),
    (dt.date(2026, 1, 1), 5, dt.date(2030, 12, 31)),
    (dt.date(2024, 2, 29), 3, dt.date(2027, 2, 28)),
    (dt.date(2024, 2, 29), 4, dt.date(2028, 2, 28)),
])
def test_plan_end(start, years, end):
    assert plan_end(start, years) == end


def with_action(**changes) -> list[Action]:
    """The test actions with one more, ``odd``, whose fields are ``changes``."""
    fields = {"action_id": "odd", "cells": ["asm:river"], "hierarchy": "avoid", "importance": 3,
              "urgency": 3, "years": [1], **changes}
    return [*ACTIONS, action(**fields)]


@pytest.mark.parametrize("actions, key, field, params, sentence", [
    (with_action(action_id="fence-river"), "emp.action_duplicate", "id", {},
     "Two actions have the id fence-river."),
    (with_action(cells=[]), "emp.action_no_cells", "cells", {},
     "Action odd addresses no cell of the matrix: link it to at least one."),
    (with_action(cells=["asm:river", "asm:sky", "mars:river"]), "emp.action_unknown_cells", "cells",
     {"cells": "asm:sky, mars:river"},
     "Action odd names cells that are not in the matrix: asm:sky, mars:river."),
    (with_action(years=[]), "emp.action_no_years", "years", {},
     "Action odd has no year: choose at least one year of the plan."),
    (with_action(years=[1, 4]), "emp.action_year_outside_plan", "years",
     {"year": 4, "plan_years": 3},
     "Action odd is set for year 4, but the plan lasts 3 years."),
    (with_action(years=[0]), "emp.action_year_outside_plan", "years",
     {"year": 0, "plan_years": 3},
     "Action odd is set for year 0, but the plan lasts 3 years."),
    (with_action(review=dt.date(2026, 3, 31)), "emp.action_review_before_start", "review",
     {"review": "2026-03-31", "start": "2026-04-01"},
     "Action odd is reviewed on 2026-03-31, before the plan starts on 2026-04-01."),
    (with_action(review=dt.date(2029, 4, 1)), "emp.action_review_after_end", "review",
     {"review": "2029-04-01", "end": "2029-03-31"},
     "Action odd is reviewed on 2029-04-01, after the plan ends on 2029-03-31."),
])
def test_bad_actions_name_the_action_and_the_field(actions, key, field, params,
                                                   sentence):
    action_id = actions[-1].id
    for check in (check_actions, action_plan):
        with pytest.raises(PlanError) as error:
            check(LAND_USES, VALUES, actions, START, 3)
        assert isinstance(error.value, SetupError)
        assert (error.value.key, error.value.params) == (
            key, {"action": action_id, "field": field, **params})
        check_message(error.value, sentence)


def test_review_on_the_first_and_last_day_is_fine():
    check_actions(LAND_USES, VALUES, with_action(review=START), START, 3)
    check_actions(LAND_USES, VALUES, with_action(review=dt.date(2029, 3, 31)), START, 3)


@pytest.mark.parametrize("plan_years", [2, 6, 0])
def test_plans_last_3_to_5_years(plan_years):
    with pytest.raises(PlanError) as error:
        action_plan(LAND_USES, VALUES, ACTIONS, START, plan_years)
    assert (error.value.key, error.value.params) == (
        "emp.plan_years", {"field": "plan_years", "plan_years": plan_years, "low": 3, "high": 5})
    check_message(error.value, f"A plan lasts 3 to 5 years, not {plan_years}.")


@pytest.mark.parametrize("changes", [
    {"importance": 6}, {"urgency": 0.5}, {"hierarchy": "compensate"}, {"responsible": " "},
])
def test_action_fields_are_validated_by_the_model(changes):
    with pytest.raises(ValidationError):
        with_action(**changes)


# ---- properties -------------------------------------------------------------------------------
#
# A random case: 1–3 groups of 1–3 people, some proxy tallies (1–4 voters), 1–12 ballots of
# 1–4 cells each, over a 2 × 2 matrix.

GROUP_IDS = ["women", "miners", "office"]
CELLS = matrix_cells(LAND_USES, VALUES)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@dataclasses.dataclass
class Case:
    people: dict[str, list[str]]
    proxies: tuple[str, ...]
    threshold: int
    ballots: list[Ballot]

    def room(self) -> Room:
        return small_workshop(self.people, proxies=self.proxies,
                              small_group_threshold=self.threshold).room()

    def group_of(self) -> dict[str, str]:
        mapping = {t: g for g, tokens in self.people.items() for t in tokens}
        return mapping | {proxy_token(g): g for g in self.proxies}


@st.composite
def cases(draw) -> Case:
    people = {g: [f"{g}-{n}" for n in range(draw(st.integers(1, 3)))]
              for g in GROUP_IDS[:draw(st.integers(1, len(GROUP_IDS)))]}
    proxies = tuple(draw(st.lists(st.sampled_from(list(people)), unique=True)))
    voters = [(t, 1) for tokens in people.values() for t in tokens]
    voters += [(proxy_token(g), draw(st.integers(1, 4))) for g in proxies]
    ballots = []
    for minute, (token, count) in enumerate(draw(st.lists(st.sampled_from(voters), min_size=1,
                                                          max_size=12))):
        ratings = draw(st.dictionaries(st.sampled_from(CELLS), st.sampled_from(["+", "N", "-"]),
                                       min_size=1))
        ballots.append(Ballot(participant=token, cast_at=at(minute), voters=count,
                              answer=Ratings(ratings=ratings)))
    return Case(people, proxies, draw(st.integers(1, 4)), ballots)


def numbers(rows) -> list[tuple]:
    return [(r.cell, r.shares, r.majority) for r in rows]


@PROPERTY
@given(cases(), st.sampled_from(["person", "group"]))
def test_shares_sum_to_one(case, weighting):
    result = interaction_results(case.room(), LAND_USES, VALUES, case.ballots, weighting)
    for rows in [result.cells, *result.groups.values()]:
        for row in rows:
            assert sum(row.shares.values()) == pytest.approx(1 if row.voters else 0, abs=1e-5)
            assert (row.majority is None) or row.shares[row.majority] == max(row.shares.values())
            if row.counts is not None:
                assert sum(row.counts.values()) == row.voters


@PROPERTY
@given(cases(), st.data())
def test_group_weighting_ignores_group_size(case, data):
    """Duplicating every ballot of a shown group changes no share or majority under group
    weighting (the status too, unless the cell had too few voters before)."""
    group_of = case.group_of()
    group = data.draw(st.sampled_from(sorted({group_of[b.participant] for b in case.ballots})))
    before = interaction_results(case.room(), LAND_USES, VALUES, case.ballots, "group")
    twins = [b for b in case.ballots if group_of[b.participant] == group]
    case.people[group] = case.people[group] + sorted({f"twin-{b.participant}" for b in twins})
    doubled = case.ballots + [b.model_copy(update={"participant": f"twin-{b.participant}"})
                              for b in twins]
    after = interaction_results(case.room(), LAND_USES, VALUES, doubled, "group")
    # The hidden groups weigh as one pool (LatestAnswers.group_units): a shown group's size
    # changes nothing as long as the same groups stay hidden.
    assume(group not in before.hidden_groups and after.hidden_groups == before.hidden_groups)
    assert numbers(after.cells) == numbers(before.cells)
    for old, new in zip(before.cells, after.cells):
        if old.status != "too_few":
            assert old.status == new.status


@PROPERTY
@given(cases(), st.sampled_from(["person", "group"]), st.booleans())
def test_renaming_ids_changes_no_number(case, weighting, swap):
    """Land-use, value, group and participant ids are names only."""
    use_name = {"asm": "mining", "farming": "crops"}
    value_name = ({"river": "forest", "forest": "river"} if swap
                  else {"river": "water", "forest": "trees"})

    def cell(c: str) -> str:
        land_use, value = split_cell(c)
        return cell_id(use_name[land_use], value_name[value])

    before = interaction_results(case.room(), LAND_USES, VALUES, case.ballots, weighting)
    people = {f"g-{g}": [f"p-{t}" for t in tokens] for g, tokens in case.people.items()}
    token = {t: f"p-{t}" for tokens in case.people.values() for t in tokens}
    token |= {proxy_token(g): proxy_token(f"g-{g}") for g in case.proxies}
    room = small_workshop(people, proxies=tuple(f"g-{g}" for g in case.proxies),
                          small_group_threshold=case.threshold).room()
    land_uses = [u.model_copy(update={"id": use_name[u.id]}) for u in LAND_USES]
    values = [v.model_copy(update={"id": value_name[v.id]}) for v in VALUES]
    ballots = [b.model_copy(update={"participant": token[b.participant], "answer": Ratings(
        ratings={cell(c): r for c, r in b.answer.ratings.items()})}) for b in case.ballots]
    after = interaction_results(room, land_uses, values, ballots, weighting)

    def full(rows, rename=lambda c: c):
        return [(rename(r.cell), r.voters, r.shares, r.counts, r.majority, r.status) for r in rows]

    assert full(before.cells, cell) == full(after.cells)
    assert {f"g-{g}": full(rows, cell) for g, rows in before.groups.items()} == \
        {g: full(rows) for g, rows in after.groups.items()}
    assert [cell(c) for c in before.negative] == after.negative
    assert [f"g-{g}" for g in before.hidden_groups] == after.hidden_groups


@PROPERTY
@given(cases(), st.integers(2, 4))
def test_a_proxy_for_k_people_weighs_as_k_people(case, k):
    target = case.ballots[0]
    group = case.group_of()[target.participant]
    clones = [f"clone-{n}" for n in range(k)]
    case.people[group] = case.people[group] + clones
    as_proxy = [target.model_copy(update={"participant": "clone-0", "voters": k})]
    as_people = [target.model_copy(update={"participant": c, "voters": 1}) for c in clones]
    proxy = interaction_results(case.room(), LAND_USES, VALUES, as_proxy)
    people = interaction_results(case.room(), LAND_USES, VALUES, as_people)
    assert [(r.cell, r.voters, r.shares, r.counts, r.status) for r in proxy.cells] == \
        [(r.cell, r.voters, r.shares, r.counts, r.status) for r in people.cells]


@PROPERTY
@given(st.lists(st.tuples(st.sampled_from(CELLS), st.integers(1, 5), st.integers(1, 5)),
                unique_by=lambda a: a[0]))
def test_every_assessed_cell_gets_the_band_of_its_product(assessments):
    result = risk_matrix(LAND_USES, VALUES, [assessed(*a) for a in assessments])
    for row in result.cells:
        assert row.band == result.grid[row.likelihood - 1][row.consequence - 1]
        assert row.product == row.likelihood * row.consequence
    products = [r.product for r in result.cells]
    assert products == sorted(products, reverse=True)


def test_a_repeated_action_id_is_reported_at_the_repeat():
    action = {"label": {"en": "x"}, "cells": ["asm:river"], "hierarchy": "avoid",
              "importance": 3, "urgency": 3, "responsible": "x", "years": [1],
              "review": dt.date(2026, 6, 1)}
    with pytest.raises(ValidationError, match=r"actions\[2\]\.id: Two actions have the id a"):
        EnvironmentalPlan(land_uses=LAND_USES, values=VALUES, start=dt.date(2026, 1, 1),
                          actions=[{"id": "a", **action}, {"id": "b", **action},
                                   {"id": "a", **action}])
