"""Results by group, gender and age (issue 15): per cell its voters, its ranking and how far it is
from the rest of the room, small cells hidden with their complements, exclusions respected, and
the command line's ``results FILE --by``. Rules and the worked example from
``engine/cuts.py``'s docstrings; rank correlations checked against ``scipy.stats``.
"""

from __future__ import annotations

import json
import re

import pytest
from scipy.stats import kendalltau, spearmanr

from engine.cli import main
from engine.core.errors import NotFoundError
from engine.core.file_format import dump_workshop
from engine.core.records import proxy_token
from engine.core.workshop import Workshop
from engine.cuts import (CUTS, CutResult, cell_name, cut_name, cut_results, offered_cuts,
                         parse_cut)

from factories import beans, joined, tokens_exercise, workshop_data

ITEMS = ["water", "mercury", "roads"]
CUT_LIST = "group | gender | age | group,gender | group,age"

# ---- the docstring example: women 5, men 4, one unsaid ------------------------------------------

# engine/cuts.py cut_results docstring: threshold 3; the women cast 5 ballots, the men 4, one
# participant said nothing of their gender: "prefer not to say" (1) is hidden, and so is the men's
# cell, or it would be 10 - 5 - 4. Beans by hand: the women water 28, mercury 15, roads 7 (ranks
# 1, 2, 3); the rest (men and unsaid) roads 21, water 15, mercury 14 (ranks water 2, mercury 3,
# roads 1). Pairs: water/mercury concordant, water/roads and mercury/roads discordant:
# tau = (1 - 2) / 3 = -1/3; d = (-1, -1, 2), rho = 1 - 6 * 6 / (3 * 8) = -1/2.
GENDER_BALLOTS = [
    beans("woman-1", water=10), beans("woman-2", water=6, roads=4),
    beans("woman-3", water=5, mercury=5), beans("woman-4", mercury=10),
    beans("woman-5", water=7, roads=3),
    beans("man-0001", roads=10), beans("man-0002", roads=6, mercury=4),
    beans("man-0003", mercury=10), beans("man-0004", roads=5, water=5),
    beans("unsaid-1", water=10)]


def gender_workshop(exclusions: list[str] = ()) -> Workshop:
    tokens = [b["participant"] for b in GENDER_BALLOTS]
    data = workshop_data({"panners": tokens}, [tokens_exercise("beans", ITEMS, GENDER_BALLOTS)])
    for record in data["participants"]:
        record["attributes"] = {"gender": record["token"].split("-")[0]}
    data["exclusions"] = [{"participant": t, "excluded_at": "2026-03-01T10:00:00Z"}
                          for t in exclusions]
    return Workshop.model_validate(data)


def by(workshop: Workshop, cut: tuple[str, ...], exercise_id: str = "beans") -> CutResult:
    return cut_results(workshop.exercise(exercise_id), workshop.room(), cut)


def cells(result: CutResult) -> dict:
    return {tuple(cell.values.values()): cell for cell in result.cells}


def test_the_docstring_example_by_gender():
    result = by(gender_workshop(), ("gender",))
    assert (result.voters, result.small_group_threshold, result.hidden) == (10, 3, 2)
    found = cells(result)
    assert list(found) == [("woman",), ("man",), ("unsaid",)]
    women = found[("woman",)]
    assert (women.hidden, women.voters) == (False, 5)
    assert [(r.id, r.rank) for r in women.ranking] == [("water", 1), ("mercury", 2), ("roads", 3)]
    assert [r.score for r in women.ranking] == [0.56, 0.3, 0.14]  # 28, 15, 7 of 50 beans
    assert women.divergence.rest_voters == 5
    assert women.divergence.kendall_tau == pytest.approx(-1 / 3, abs=1e-6)
    assert women.divergence.spearman_rho == pytest.approx(-0.5, abs=1e-6)
    assert [(g.id, g.rank, g.rest_rank) for g in women.divergence.differences] == [
        ("roads", 3, 1), ("water", 1, 2), ("mercury", 2, 3)]
    for hidden in (found[("man",)], found[("unsaid",)]):
        assert hidden.hidden
        assert (hidden.voters, hidden.ranking, hidden.divergence) == (None, None, None)


def test_the_docstring_tau_agrees_with_scipy():
    women, rest = [1, 2, 3], [2, 3, 1]  # water, mercury, roads
    assert kendalltau(women, rest).statistic == pytest.approx(-1 / 3)
    assert spearmanr(women, rest).statistic == pytest.approx(-0.5)


def test_cells_nobody_is_in_are_left_out():
    # nobody answered the age question: one cell, "prefer not to say", the whole room
    result = by(gender_workshop(), ("age",))
    assert [(c.values, c.voters, c.hidden) for c in result.cells] == [
        ({"age": "unsaid"}, 10, False)]
    assert result.cells[0].divergence is None  # no rest to compare with


def test_the_pair_cut_hides_the_same_parts():
    found = cells(by(gender_workshop(), ("group", "gender")))
    assert [(k, c.hidden, c.voters) for k, c in found.items()] == [
        (("panners", "woman"), False, 5), (("panners", "man"), True, None),
        (("panners", "unsaid"), True, None)]


def test_excluded_people_are_not_counted_in_any_cell():
    # without the one unsaid person (excluded), women 5 and men 4: both shown
    result = by(gender_workshop(exclusions=["unsaid-1"]), ("gender",))
    assert result.voters == 9 and result.hidden == 0
    found = cells(result)
    assert list(found) == [("woman",), ("man",)]
    men = found[("man",)]
    assert men.voters == 4
    # the men: roads 21, mercury 14, water 5
    assert [(r.id, r.rank) for r in men.ranking] == [("roads", 1), ("mercury", 2), ("water", 3)]
    assert men.divergence.rest_voters == 5


# ---- a room of two groups, against an independent count ------------------------------------------

ROOM = {
    "panners": {"woman": [("pw-0001", 10, 0, 0, 0), ("pw-0002", 6, 4, 0, 0),
                          ("pw-0003", 4, 0, 6, 0), ("pw-0004", 5, 0, 0, 5)],
                "man": [("pm-0001", 0, 10, 0, 0), ("pm-0002", 0, 5, 5, 0),
                        ("pm-0003", 2, 2, 2, 4)]},
    "traders": {"woman": [("tw-0001", 0, 0, 0, 10), ("tw-0002", 3, 0, 0, 7),
                          ("tw-0003", 5, 5, 0, 0)],
                "man": [("tm-0001", 0, 0, 10, 0), ("tm-0002", 0, 4, 6, 0),
                        ("tm-0003", 1, 1, 8, 0), ("tm-0004", 0, 0, 5, 5)]},
}
FOUR = ["water", "mercury", "roads", "school"]


def room_workshop(exclusions: list[str] = ()) -> Workshop:
    people = {g: [t for gender in parts.values() for t, *_ in gender] for g, parts in ROOM.items()}
    ballots = [beans(t, **dict(zip(FOUR, counts))) for parts in ROOM.values()
               for gender in parts.values() for t, *counts in gender]
    data = workshop_data(people, [tokens_exercise("beans", FOUR, ballots)])
    gender_of = {t: g for parts in ROOM.values() for g, rows in parts.items() for t, *_ in rows}
    for record in data["participants"]:
        record["attributes"] = {"gender": gender_of[record["token"]],
                                "age": "up-to-35" if record["token"].endswith("1") else "36-59"}
    data["exclusions"] = [{"participant": t, "excluded_at": "2026-03-01T10:00:00Z"}
                          for t in exclusions]
    return Workshop.model_validate(data)


def oracle_ranks(tokens: set[str]) -> dict[str, int]:
    """Competition ranks (1, 2, 2, 4) of the bean totals of these people, counted here."""
    totals = dict.fromkeys(FOUR, 0)
    for parts in ROOM.values():
        for rows in parts.values():
            for token, *counts in rows:
                if token in tokens:
                    for item, n in zip(FOUR, counts):
                        totals[item] += n
    return {item: 1 + sum(other > total for other in totals.values())
            for item, total in totals.items()}


def tokens_of(group: str | None = None, gender: str | None = None) -> set[str]:
    return {t for g, parts in ROOM.items() for s, rows in parts.items() for t, *_ in rows
            if group in (None, g) and gender in (None, s)}


@pytest.mark.parametrize("cut, key, group, gender", [
    (("gender",), ("woman",), None, "woman"),
    (("gender",), ("man",), None, "man"),
    (("group",), ("panners",), "panners", None),
    (("group", "gender"), ("traders", "man"), "traders", "man"),
    (("group", "gender"), ("panners", "woman"), "panners", "woman"),
])
def test_each_cell_ranks_and_diverges_as_counted_by_hand(cut, key, group, gender):
    cell = cells(by(room_workshop(), cut))[key]
    inside = tokens_of(group, gender)
    rest = tokens_of() - inside
    mine, theirs = oracle_ranks(inside), oracle_ranks(rest)
    assert not cell.hidden and cell.voters == len(inside)
    assert {r.id: r.rank for r in cell.ranking} == mine
    assert [r.id for r in cell.ranking] == sorted(FOUR, key=lambda i: mine[i])
    assert cell.divergence.rest_voters == len(rest)
    a, b = [mine[i] for i in FOUR], [theirs[i] for i in FOUR]
    assert cell.divergence.kendall_tau == pytest.approx(kendalltau(a, b).statistic, abs=1e-6)
    assert cell.divergence.spearman_rho == pytest.approx(spearmanr(a, b).statistic, abs=1e-6)
    # largest gap first; equal gaps in the cell's ranking order
    in_order = sorted(FOUR, key=lambda i: mine[i])
    gaps = sorted((i for i in in_order if mine[i] != theirs[i]),
                  key=lambda i: -abs(mine[i] - theirs[i]))[:3]
    assert [(g.id, g.rank, g.rest_rank) for g in cell.divergence.differences] == [
        (i, mine[i], theirs[i]) for i in gaps]


def test_the_traders_men_by_hand():
    # traders' men: roads 10 + 6 + 8 + 5 = 29, mercury 5, school 5, water 1 -> roads 1,
    # mercury and school tied 2, water 4; the other 10 people: water 35, mercury 26, school 26,
    # roads 13 -> water 1, mercury and school tied 2, roads 4: only water and roads differ
    cell = cells(by(room_workshop(), ("group", "gender")))[("traders", "man")]
    assert [(r.id, r.rank) for r in cell.ranking] == [
        ("roads", 1), ("mercury", 2), ("school", 2), ("water", 4)]
    assert [(g.id, g.rank, g.rest_rank) for g in cell.divergence.differences] == [
        ("roads", 1, 4), ("water", 4, 1)]  # equal gaps: in the cell's order


def test_a_voter_excluded_makes_a_small_cell_hidden_with_its_complements():
    # without tw-0003 the traders' women are 2. In the 2 x 2 table of group x gender with its
    # margins shown (panners 7, traders 6, women 6, men 7), hiding the traders' women alone
    # gives them away (6 - 4), hiding their row too gives them away through the women's column
    # (6 - 4 panners' women): all four inner cells go, the classic pattern (Cox 1980).
    workshop = room_workshop(exclusions=["tw-0003"])
    pairs = by(workshop, ("group", "gender"))
    assert pairs.voters == 13
    assert [(k, c.hidden, c.voters) for k, c in cells(pairs).items()] == [
        (("panners", "woman"), True, None), (("panners", "man"), True, None),
        (("traders", "woman"), True, None), (("traders", "man"), True, None)]
    assert [(k, c.voters) for k, c in cells(by(workshop, ("gender",))).items()] == [
        (("woman",), 6), (("man",), 7)]
    assert [(k, c.voters) for k, c in cells(by(workshop, ("group",))).items()] == [
        (("panners",), 7), (("traders",), 6)]


def test_proxy_tallies_count_by_head_count_in_their_cell():
    data = room_workshop().model_dump(mode="json")
    token = proxy_token("traders", {"gender": "woman"})
    data["participants"].append({**joined(token, "traders", proxy=True),
                                 "attributes": {"gender": "woman"}})
    data["exercises"][0]["ballots"].append(beans(token, 12, water=120))
    result = by(Workshop.model_validate(data), ("group", "gender"))
    women = cells(result)[("traders", "woman")]
    assert women.voters == 3 + 12
    assert women.ranking[0].id == "water"
    assert result.voters == 14 + 12


# ---- cuts offered, named and refused ---------------------------------------------------------

def test_parse_cut():
    assert parse_cut("gender") == ("gender",)
    assert parse_cut(" group , age ") == ("group", "age")
    assert len(CUTS) == 5


@pytest.mark.parametrize("text", ["nonsense", "gender,group", "gender,age", "group,group"])
def test_a_cut_not_offered_names_the_cuts_there_are(text):
    with pytest.raises(NotFoundError) as error:
        parse_cut(text)
    assert error.value.message("en") == f"Unknown cut '{text}': use {CUT_LIST}."
    assert error.value.message("fr").replace("\u00a0", " ") == (
        f"Découpage inconnu « {text} » : utilisez {CUT_LIST}.")


def test_cut_results_refuses_a_cut_not_offered():
    with pytest.raises(NotFoundError, match="Unknown cut 'age,gender'"):
        by(gender_workshop(), ("age", "gender"))


def test_offered_cuts():
    room = gender_workshop().room()
    assert offered_cuts(room, ()) == [("group",), ("gender",), ("group", "gender")]
    assert offered_cuts(room, ("gender", "age")) == list(CUTS)
    nobody = workshop_data({"panners": ["person-1"]})
    assert offered_cuts(Workshop.model_validate(nobody).room(), ()) == [("group",)]


def test_names_in_both_languages():
    room = room_workshop().room()
    assert cut_name(("group", "gender"), "en") == "By group and gender"
    assert cut_name(("gender",), "en") == "By gender"
    assert cut_name(("gender",), "fr").replace("\u00a0", " ").lower().endswith("genre")
    assert cell_name({"group": "traders", "gender": "woman"}, room, "en") == "Traders · Woman"
    assert cell_name({"age": "60-plus"}, room, "en") == "60 or older"


# ---- the command line ---------------------------------------------------------------------------

@pytest.fixture
def gender_file(tmp_path):
    path = tmp_path / "gender.json"
    path.write_text(dump_workshop(gender_workshop()), encoding="utf-8")
    return path


def test_cli_results_by_gender(gender_file, capsys):
    assert main(["results", str(gender_file), "--by", "gender"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Beans — By gender: 10 voters (a part of fewer than 3 is hidden")
    assert re.search(r"^\s+Woman\s+5 voters", out, re.M)
    assert "first: 1 Water; 2 Mercury; 3 Roads" in out
    assert "Kendall's τ -0.33 against the rest (5 voters)" in out
    assert "Roads (3 / 1), Water (1 / 2), Mercury (2 / 3)" in out
    assert re.search(r"^\s+Man\s+hidden$", out, re.M)
    assert re.search(r"^\s+Prefer not to say\s+hidden$", out, re.M)
    assert "4 voters" not in out and "1 voter" not in out  # the hidden cells' sizes


def test_cli_results_by_group_and_gender(gender_file, capsys):
    assert main(["results", str(gender_file), "--by", "group,gender"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Beans — By group and gender: 10 voters")
    assert re.search(r"^\s+Panners · Woman\s+5 voters", out, re.M)
    assert re.search(r"^\s+Panners · Man\s+hidden$", out, re.M)


def test_cli_refuses_a_cut_not_offered(gender_file, capsys):
    assert main(["results", str(gender_file), "--by", "nonsense"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip() == f"Unknown cut 'nonsense': use {CUT_LIST}."


def test_cli_results_by_gender_as_json(gender_file, capsys):
    assert main(["results", str(gender_file), "--by", "gender", "--format", "json"]) == 0
    found = [CutResult.model_validate(item) for item in json.loads(capsys.readouterr().out)]
    assert found == [by(gender_workshop(), ("gender",))]
    assert [(c.values, c.hidden, c.voters) for c in found[0].cells] == [
        ({"gender": "woman"}, False, 5), ({"gender": "man"}, True, None),
        ({"gender": "unsaid"}, True, None)]
