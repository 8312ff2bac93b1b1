"""The participant profile (issue 15): gender and age band beside the group, "prefer not to
say", bad answers refused with a clear message in English and French, head-counts expected by
gender, proxy tokens carrying attributes, and the removal (exclusion) of participants as the
workshop file and the room hold them.

Rules from ``engine/core/profile.py``, ``engine/core/records.py`` and
``engine/core/workshop.py`` (their docstrings).
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from engine.core import i18n, profile
from engine.core.records import Group, Participant, proxy_token
from engine.core.workshop import Workshop

from factories import beans, tokens_exercise, workshop_data


def plain(text: str) -> str:
    """French typography puts no-break spaces around « » and before colons: compare words."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# ---- the attributes ---------------------------------------------------------------------------

def test_the_attributes_and_their_answers_in_the_phones_order():
    assert profile.ATTRIBUTE_IDS == ("gender", "age")
    assert profile.DEFAULT_PROFILE == ("gender", "age")  # a new workshop asks both
    assert profile.GENDER.value_ids == ("woman", "man", "unsaid")
    assert profile.AGE.value_ids == ("up-to-35", "36-59", "60-plus", "unsaid")
    assert profile.UNSAID == "unsaid"
    # "prefer not to say" is offered last by every attribute
    assert all(a.value_ids[-1] == profile.UNSAID for a in profile.ATTRIBUTES)


def test_answers_are_named_in_both_languages():
    names = {(v.id, lang): i18n.t(v.key, lang) for v in profile.GENDER.values
             for lang in ("en", "fr")}
    assert names[("woman", "en")] == "Woman"
    assert names[("man", "en")] == "Man"
    assert names[("unsaid", "en")] == "Prefer not to say"
    assert all(names[(v, "fr")] and names[(v, "fr")] != names[(v, "en")]
               for v in ("woman", "man", "unsaid"))
    assert i18n.t(profile.AGE.value("up-to-35").key, "en") == "35 or younger"
    assert i18n.t(profile.AGE.value("60-plus").key, "en") == "60 or older"
    assert i18n.t("profile.gender", "fr") == "genre"


def test_age_bands_have_no_pictogram_but_gender_answers_do():
    assert [v.pictogram for v in profile.AGE.values][:3] == [None, None, None]
    assert all(v.pictogram for v in profile.GENDER.values)


def test_an_absent_answer_counts_as_prefer_not_to_say():
    assert profile.value_of({}, "gender") == "unsaid"
    assert profile.value_of({"gender": "woman"}, "age") == "unsaid"
    assert profile.value_of({"gender": "woman"}, "gender") == "woman"


def test_attribute_lookup():
    assert profile.attribute("age") is profile.AGE
    with pytest.raises(KeyError):
        profile.attribute("colour")
    assert profile.attribute_of_value("woman") is profile.GENDER
    assert profile.attribute_of_value("unsaid") is None  # cannot be expected
    assert profile.attribute_of_value("60-plus") is None  # ages are not split by head-count


# ---- bad answers --------------------------------------------------------------------------------

def test_good_answers_are_no_problem():
    assert profile.problem_with({}) is None
    assert profile.problem_with({"gender": "woman", "age": "60-plus"}) is None
    assert profile.problem_with({"gender": "unsaid"}, asked=("gender",)) is None


def test_an_unknown_attribute_is_named_with_those_there_are():
    problem = profile.problem_with({"colour": "red"})
    assert problem.message("en") == "“colour” is not a question of the profile: it asks gender, age"
    assert plain(problem.message("fr")) == (
        "« colour » n'est pas une question du profil : il demande gender, age")
    assert str(problem) == problem.message("en")


def test_an_answer_not_offered_names_the_answers_offered():
    problem = profile.problem_with({"gender": "other"})
    assert problem.message("en") == ("“other” is not an answer offered for the question gender: "
                                     "choose one of woman, man, unsaid")
    assert plain(problem.message("fr")) == (
        "« other » n'est pas une réponse proposée à la question genre : "
        "choisissez parmi woman, man, unsaid")


def test_an_attribute_the_workshop_does_not_ask_is_refused():
    problem = profile.problem_with({"age": "60-plus"}, asked=("gender",))
    assert problem.message("en") == "this workshop does not ask this question (age)"
    assert plain(problem.message("fr")) == "cet atelier ne pose pas cette question (âge)"
    assert profile.problem_with({"age": "60-plus"}, asked=("gender", "age")) is None


@pytest.mark.parametrize("expected, by", [
    (12, {}), (12, {"woman": 9}), (12, {"woman": 9, "man": 3}), (0, {"woman": 9, "man": 5})])
def test_head_counts_by_gender_that_fit(expected, by):
    # with no group head-count (0), the split alone is the expectation: nothing to exceed
    assert profile.problem_with_expected(expected, by) is None


def test_head_counts_by_gender_larger_than_the_group_are_refused():
    problem = profile.problem_with_expected(12, {"woman": 9, "man": 5})
    assert problem.message("en") == ("the head-counts by gender add up to 14, more than the 12 "
                                     "expected in the group: correct one or the other")
    assert plain(problem.message("fr")) == ("les effectifs par genre font 14, plus que les 12 "
                                            "attendus dans le groupe : corrigez l'un ou l'autre")


@pytest.mark.parametrize("value", ["unsaid", "60-plus", "girls"])
def test_no_head_count_for_prefer_not_to_say_nor_an_age_band(value):
    problem = profile.problem_with_expected(12, {value: 2})
    assert problem.message("en") == (f"no head-count can be expected for “{value}”: "
                                     f"give them for woman, man")
    assert plain(problem.message("fr")) == (f"aucun effectif ne peut être attendu pour "
                                            f"« {value} » : donnez-les pour woman, man")


# ---- records -----------------------------------------------------------------------------------

def participant(**attributes: str) -> dict:
    return {"token": "woman-1", "group": "women", "language": "en",
            "joined_at": "2026-03-01T09:00:00Z", "attributes": attributes}


def test_a_participant_keeps_their_answers_and_older_records_have_none():
    assert Participant.model_validate(participant(gender="woman", age="36-59")).attributes == {
        "gender": "woman", "age": "36-59"}
    older = participant()
    del older["attributes"]
    assert Participant.model_validate(older).attributes == {}


@pytest.mark.parametrize("attributes, words", [
    ({"gender": "female"}, "“female” is not an answer offered for the question gender"),
    ({"height": "tall"}, "“height” is not a question of the profile"),
])
def test_a_participant_with_a_bad_answer_does_not_validate(attributes, words):
    with pytest.raises(ValidationError, match=words):
        Participant.model_validate(participant(**attributes))


def test_a_group_expected_by_gender():
    group = Group(id="panners", label={"en": "Women panners"}, expected=12,
                  expected_by={"woman": 9})
    assert group.expected_by == {"woman": 9}
    with pytest.raises(ValidationError, match="add up to 14, more than the 12 expected"):
        Group(id="panners", label={"en": "Panners"}, expected=12,
              expected_by={"woman": 9, "man": 5})
    with pytest.raises(ValidationError, match="no head-count can be expected for “unsaid”"):
        Group(id="panners", label={"en": "Panners"}, expected=12, expected_by={"unsaid": 1})


def test_proxy_tokens_carry_the_attributes_in_the_profiles_order():
    # records.proxy_token docstring: proxy-miners, proxy-miners-Gwoman, -Aup-to-35
    assert proxy_token("miners") == "proxy-miners"
    assert proxy_token("miners", {}) == "proxy-miners"
    assert proxy_token("miners", {"gender": "woman"}) == "proxy-miners-Gwoman"
    assert proxy_token("miners", {"age": "up-to-35"}) == "proxy-miners-Aup-to-35"
    assert proxy_token("miners", {"age": "up-to-35", "gender": "woman"}) == (
        "proxy-miners-Gwoman-Aup-to-35")


def test_no_two_groups_and_attributes_share_a_proxy_token():
    tokens = {proxy_token(group, attributes)
              for group in ("miners", "miners-g", "women")
              for attributes in ({}, *({"gender": g} for g in profile.GENDER.value_ids),
                                 *({"age": a} for a in profile.AGE.value_ids),
                                 *({"gender": g, "age": a} for g in profile.GENDER.value_ids
                                   for a in profile.AGE.value_ids))}
    assert len(tokens) == 3 * (1 + 3 + 4 + 12)


# ---- the workshop file ------------------------------------------------------------------------

PEOPLE = {"women": ["woman-1", "woman-2", "woman-3"], "miners": ["miner-1", "miner-2"]}


def data(**changes) -> dict:
    found = workshop_data(PEOPLE, [tokens_exercise("beans", ["water", "roads"], [
        beans("woman-1", water=10), beans("miner-1", roads=10), beans("miner-2", water=4, roads=6)
    ])])
    found.update(changes)
    return found


def test_a_workshop_asks_both_attributes_unless_told():
    assert Workshop.model_validate(data()).asked == ("gender", "age")
    assert Workshop.model_validate(data(profile=[])).asked == ()
    # whatever order the file lists them in, phones ask them in the profile's order
    assert Workshop.model_validate(data(profile=["age", "gender"])).asked == ("gender", "age")


def test_a_profile_naming_an_unknown_attribute_is_refused():
    with pytest.raises(ValidationError, match="“colour” is not a question of the profile"):
        Workshop.model_validate(data(profile=["gender", "colour"]))


def test_a_profile_listing_an_attribute_twice_is_refused():
    with pytest.raises(ValidationError, match="an attribute is listed twice"):
        Workshop.model_validate(data(profile=["gender", "gender"]))


def test_exclusions_of_unknown_participants_are_refused():
    with pytest.raises(ValidationError,
                       match=r"exclusions\[0\].participant: unknown participant 'stranger-1'"):
        Workshop.model_validate(data(exclusions=[
            {"participant": "stranger-1", "excluded_at": "2026-03-01T10:00:00Z"}]))


def test_excluding_a_participant_twice_is_refused():
    with pytest.raises(ValidationError,
                       match=r"exclusions\[1\].participant: 'miner-2' is already excluded"):
        Workshop.model_validate(data(exclusions=[
            {"participant": "miner-2", "excluded_at": "2026-03-01T10:00:00Z"},
            {"participant": "miner-2", "excluded_at": "2026-03-01T10:05:00Z"}]))


def test_the_room_leaves_the_excluded_out_of_every_count():
    workshop = Workshop.model_validate(data(exclusions=[
        {"participant": "miner-2", "excluded_at": "2026-03-01T10:00:00Z"}]))
    room = workshop.room()
    assert [p.token for p in room.participants] == ["woman-1", "woman-2", "woman-3", "miner-1"]
    assert [p.token for p in room.excluded] == ["miner-2"]
    assert room.is_excluded("miner-2") and not room.is_excluded("miner-1")
    assert not room.is_excluded("stranger-1")
    assert room.participant("miner-2").group == "miners"  # still known, for the ballots sheets
    exercise = workshop.exercise("beans")
    spec = exercise.spec
    assert spec.voters_by_group(exercise, room) == {"women": 1, "miners": 1}
    result = spec.results(exercise, room)
    assert result.voters == 2
    # miner-2's 4 water and 6 roads no longer count: water 10, roads 10
    assert {row.item: row.beans for row in result.items} == {"water": 10, "roads": 10}


def test_a_room_of_some_participants_keeps_the_excluded_aside():
    workshop = Workshop.model_validate(data(exclusions=[
        {"participant": "miner-2", "excluded_at": "2026-03-01T10:00:00Z"}]))
    part = workshop.room().only(["woman-1", "miner-2"])
    assert [p.token for p in part.participants] == ["woman-1"]
    assert part.is_excluded("miner-2")
    assert part.small_group_threshold == 3
