"""Participation against expectation (issue 15: "women panners: 2 of 12"): per group and per
expected gender, who joined and who voted, with the gaps and the over-counts flagged.

The worked example is ``engine.core.participation.participation``'s docstring.
"""

from __future__ import annotations

from engine.core.participation import participation
from engine.core.records import proxy_token
from engine.core.workshop import Workshop

from factories import beans, joined, tokens_exercise, workshop_data

PHONES = ["panner-1", "panner-2", "panner-3"]


def panners_workshop(tally: int | None = 8, late: list[str] = ()) -> Workshop:
    """Women panners expect 12, 9 of them women; three women joined on phones and voted, then
    (if ``tally``) a flipchart tally of ``tally`` women; traders expect 4 and one joined without
    voting. ``late`` people joined the panners and have not voted."""
    ballots = [beans(token, minute=i, water=10) for i, token in enumerate(PHONES)]
    woman_tally = proxy_token("panners", {"gender": "woman"})
    if tally:
        ballots.append(beans(woman_tally, tally, minute=9, water=4 * tally, roads=6 * tally))
    data = workshop_data({"panners": [*PHONES, *late], "traders": ["trader-1"]},
                         [tokens_exercise("beans", ["water", "roads"], ballots)],
                         expected={"panners": 12, "traders": 4})
    data["groups"][0]["expected_by"] = {"woman": 9}
    for record in data["participants"]:
        if record["group"] == "panners":
            record["attributes"] = {"gender": "woman"}
    if tally:
        data["participants"].append({**joined(woman_tally, "panners", proxy=True),
                                     "attributes": {"gender": "woman"}})
    return Workshop.model_validate(data)


def lines(workshop: Workshop, exercise_id: str | None = "beans") -> dict:
    exercise = workshop.exercise(exercise_id) if exercise_id else None
    return {(a.group, a.value): (a.expected, a.joined, a.voted, a.missing, a.short, a.over)
            for a in participation(workshop.room(), exercise)}


def test_the_docstring_example_women_panners():
    # participation() docstring: the group 11 of 12 voted (short, 1 missing); its women 11 of 9
    # (over: were some counted twice?). The tally is not people who joined: joined stays 3.
    found = lines(panners_workshop())
    assert found[("panners", None)] == (12, 3, 11, 1, True, False)
    assert found[("panners", "woman")] == (9, 3, 11, 0, False, True)


def test_lines_come_per_group_in_order_then_per_expected_answer():
    found = participation(panners_workshop().room(), panners_workshop().exercise("beans"))
    assert [(a.group, a.attribute, a.value) for a in found] == [
        ("panners", None, None), ("panners", "gender", "woman"), ("traders", None, None)]


def test_before_the_tally_the_gap_is_the_facilitators_prompt():
    # "women panners: 3 of 9" while voting is open: 6 women and 9 panners missing
    found = lines(panners_workshop(tally=None))
    assert found[("panners", None)] == (12, 3, 3, 9, True, False)
    assert found[("panners", "woman")] == (9, 3, 3, 6, True, False)


def test_a_group_whose_one_member_joined_but_did_not_vote():
    found = lines(panners_workshop())
    assert found[("traders", None)] == (4, 1, 0, 4, True, False)


def test_without_an_exercise_joined_phones_are_counted():
    found = lines(panners_workshop(late=["panner-4", "panner-5"]), exercise_id=None)
    # 5 phones joined (the tally is no one who joined); voted unknown
    assert found[("panners", None)] == (12, 5, None, 7, True, False)
    assert found[("panners", "woman")] == (9, 5, None, 4, True, False)
    assert found[("traders", None)] == (4, 1, None, 3, True, False)


def test_people_who_joined_late_and_did_not_vote_are_not_counted_as_voters():
    found = lines(panners_workshop(tally=None, late=["panner-4"]))
    assert found[("panners", None)] == (12, 4, 3, 9, True, False)


def test_no_expectation_no_flag():
    data = workshop_data({"miners": ["miner-1", "miner-2"]},
                         [tokens_exercise("beans", ["water", "roads"],
                                          [beans("miner-1", water=10)])])
    workshop = Workshop.model_validate(data)
    found = lines(workshop)
    # expected 0: nothing is missing and nothing is over, whoever came
    assert found == {("miners", None): (0, 2, 1, 0, False, False)}


def test_excluded_participants_do_not_count():
    workshop = panners_workshop(tally=None)
    data = workshop.model_dump(mode="json")
    data["exclusions"] = [{"participant": "panner-2", "excluded_at": "2026-03-01T10:00:00Z"}]
    found = lines(Workshop.model_validate(data))
    assert found[("panners", None)] == (12, 2, 2, 10, True, False)
    assert found[("panners", "woman")] == (9, 2, 2, 7, True, False)


def test_a_tally_of_men_does_not_count_among_the_expected_women():
    workshop = panners_workshop(tally=None)
    data = workshop.model_dump(mode="json")
    men = proxy_token("panners", {"gender": "man"})
    data["participants"].append({**joined(men, "panners", proxy=True),
                                 "attributes": {"gender": "man"}})
    data["exercises"][0]["ballots"].append(beans(men, 2, minute=20, roads=20))
    found = lines(Workshop.model_validate(data))
    assert found[("panners", None)] == (12, 3, 5, 7, True, False)
    assert found[("panners", "woman")] == (9, 3, 3, 6, True, False)
