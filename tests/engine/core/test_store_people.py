"""The store's people (issue 15): joining with a profile, answering it later (until one has sent
anything), removing a participant (appended, their ballots kept but never counted), flipchart
tallies by group and gender, the projector's choice, and the people revision that tells live
views to read the participants again. Rules from ``engine/core/store.py``'s docstrings.
"""

from __future__ import annotations

import pytest

from engine.core.errors import BallotError, NotFoundError, SetupError
from engine.core.records import proxy_token
from engine.core.store import Store
from engine.core.workshop import Workshop

from factories import CODE, at, beans, tokens_exercise, workshop_data

PEOPLE = {"women": ["woman-1", "woman-2", "woman-3"], "miners": ["miner-1", "miner-2"]}


def people_workshop(profile: list[str] | None = None) -> Workshop:
    """Women (3) and miners (2); ``beans`` open, woman-1 has voted (water 10)."""
    data = workshop_data(PEOPLE, [tokens_exercise("beans", ["water", "roads"], [
        beans("woman-1", minute=1, water=10)])])
    if profile is not None:
        data["profile"] = profile
    return Workshop.model_validate(data)


@pytest.fixture
def people(sqlite_store) -> Store:
    sqlite_store.import_workshop(people_workshop())
    return sqlite_store


def answer(**counts: int) -> dict:
    return {"method": "tokens", "beans": counts}


def snapshot(store: Store) -> tuple:
    """What a user could see of the workshop: the whole file and its revisions."""
    return store.load(CODE).model_dump(mode="json"), store.revisions(CODE)


# ---- joining with a profile -----------------------------------------------------------------

def test_join_with_answers_keeps_them(people):
    person = people.join(CODE, "women", "fr", at(10), attributes={"gender": "woman",
                                                                  "age": "60-plus"})
    assert person.attributes == {"gender": "woman", "age": "60-plus"}
    assert people.participant(CODE, person.token).attributes == {"gender": "woman",
                                                                  "age": "60-plus"}
    assert people.load(CODE).participants[-1].attributes == {"gender": "woman", "age": "60-plus"}


def test_join_without_answers_records_none(people):
    person = people.join(CODE, "women", "en", at(10))
    assert person.attributes == {}
    people.cast(CODE, "beans", person.token, answer(roads=10), at(11))
    workshop = people.load(CODE)
    assert workshop.participants[-1].attributes == {}


@pytest.mark.parametrize("attributes, text", [
    ({"gender": "girl"}, "About yourself: “girl” is not an answer offered for the question "
                         "gender: choose one of woman, man, unsaid. Nothing was recorded."),
    ({"mood": "happy"}, "About yourself: “mood” is not a question of the profile: it asks "
                        "gender, age. Nothing was recorded."),
])
def test_join_with_a_bad_answer_is_refused_and_nothing_written(people, attributes, text):
    before = snapshot(people)
    with pytest.raises(BallotError) as error:
        people.join(CODE, "women", "en", at(10), attributes=attributes)
    assert error.value.key == "participant.profile_refused"
    assert error.value.message("en") == text
    assert snapshot(people) == before


def test_an_attribute_the_workshop_does_not_ask_is_refused(sqlite_store):
    sqlite_store.import_workshop(people_workshop(profile=["gender"]))
    with pytest.raises(BallotError) as error:
        sqlite_store.join(CODE, "women", "en", at(10), attributes={"age": "36-59"})
    assert error.value.message("en") == ("About yourself: this workshop does not ask this "
                                         "question (age). Nothing was recorded.")
    assert "cet atelier ne pose pas cette question (âge)" in error.value.message("fr")
    assert len(sqlite_store.load(CODE).participants) == 5


# ---- answering the profile later ----------------------------------------------------------------

def test_set_attributes_before_sending_anything(people):
    person = people.join(CODE, "miners", "en", at(10))
    assert person.attributes == {}
    changed = people.set_attributes(CODE, person.token, {"gender": "man", "age": "up-to-35"})
    assert changed.attributes == {"gender": "man", "age": "up-to-35"}
    # answered again (a wrong tap): the newer answers replace the first
    people.set_attributes(CODE, person.token, {"gender": "unsaid"})
    assert people.participant(CODE, person.token).attributes == {"gender": "unsaid"}
    # skipped: {} is recorded
    people.set_attributes(CODE, person.token, {})
    assert people.participant(CODE, person.token).attributes == {}


def test_the_profile_is_fixed_once_a_participant_has_sent_anything(people):
    before = snapshot(people)
    with pytest.raises(BallotError) as error:
        people.set_attributes(CODE, "woman-1", {"gender": "woman"})
    assert error.value.key == "participant.profile_fixed"
    assert error.value.message("en") == ("You have already answered: your answers about yourself "
                                         "no longer change. Nothing was recorded.")
    assert snapshot(people) == before


@pytest.mark.parametrize("attributes, key", [
    ({"gender": "other"}, "participant.profile_refused"),
    ({"height": "tall"}, "participant.profile_refused")])
def test_set_attributes_refused_writes_nothing(people, attributes, key):
    before = snapshot(people)
    with pytest.raises(BallotError) as error:
        people.set_attributes(CODE, "woman-2", attributes)
    assert error.value.key == key
    assert snapshot(people) == before


def test_set_attributes_of_a_proxy_or_an_unknown_token_is_refused(people):
    people.cast_proxy(CODE, "beans", "miners", 2, answer(roads=20), at(5))
    for token in (proxy_token("miners"), "stranger-1"):
        with pytest.raises(NotFoundError) as error:
            people.set_attributes(CODE, token, {"gender": "man"})
        assert error.value.key == "participant.unknown"


# ---- removing a participant ---------------------------------------------------------------------

def test_exclusion_is_appended_and_the_ballots_stay_uncounted(people):
    people.cast(CODE, "beans", "miner-1", answer(roads=10), at(5))
    exclusion = people.exclude(CODE, "miner-1", at(6))
    assert (exclusion.participant, exclusion.excluded_at) == ("miner-1", at(6))
    assert people.exclusions(CODE) == [exclusion]
    assert people.is_excluded(CODE, "miner-1") and not people.is_excluded(CODE, "miner-2")
    workshop = people.load(CODE)
    assert workshop.exclusions == [exclusion]
    exercise = workshop.exercise("beans")
    # the audit trail keeps miner-1's ballot ...
    assert [b.participant for b in exercise.ballots] == ["woman-1", "miner-1"]
    # ... and the results no longer count it: woman-1's 10 water alone
    result = exercise.spec.results(exercise, workshop.room())
    assert result.voters == 1
    assert {row.item: row.beans for row in result.items} == {"water": 10, "roads": 0}
    # still known (the ballots sheets), no longer a voter
    assert people.participant(CODE, "miner-1").group == "miners"


def test_an_excluded_phone_cannot_send_anything_more(people):
    people.exclude(CODE, "woman-2", at(6))
    before = snapshot(people)
    with pytest.raises(BallotError) as error:
        people.cast(CODE, "beans", "woman-2", answer(water=10), at(7))
    assert error.value.key == "participant.excluded"
    assert error.value.message("en") == ("The facilitator has removed this phone from the "
                                         "workshop. Nothing was recorded.")
    assert error.value.message("fr").startswith("L'animateur a retiré ce téléphone de l'atelier.")
    with pytest.raises(BallotError):
        people.set_attributes(CODE, "woman-2", {"gender": "woman"})
    with pytest.raises(BallotError):
        people.change_group(CODE, "woman-2", "miners")
    assert snapshot(people) == before


def test_excluding_twice_or_a_tally_or_a_stranger_is_refused(people):
    people.exclude(CODE, "woman-2", at(6))
    people.cast_proxy(CODE, "beans", "miners", 2, answer(roads=20), at(7))
    before = snapshot(people)
    with pytest.raises(SetupError) as twice:
        people.exclude(CODE, "woman-2", at(8))
    assert twice.value.message("en") == ("This participant has already been removed. "
                                         "Nothing was changed.")
    with pytest.raises(SetupError) as tally:
        people.exclude(CODE, proxy_token("miners"), at(8))
    assert tally.value.message("en") == (
        "A group's flipchart tally cannot be removed: enter the tally again to correct it. "
        "Nothing was changed.")
    with pytest.raises(NotFoundError) as stranger:
        people.exclude(CODE, "stranger-1", at(8))
    assert stranger.value.message("en") == "No participant of this workshop has the token " \
                                           "stranger-1."
    assert len(people.exclusions(CODE)) == 1
    assert snapshot(people) == before


def test_a_workshop_file_with_exclusions_round_trips(people):
    people.exclude(CODE, "miner-2", at(6))
    workshop = people.load(CODE)
    again = Workshop.model_validate(workshop.model_dump(mode="json"))
    assert again.exclusions == workshop.exclusions
    assert [p.token for p in again.room().excluded] == ["miner-2"]


# ---- flipchart tallies with attributes ----------------------------------------------------------

def test_a_tally_per_group_and_gender(people):
    people.cast_proxy(CODE, "beans", "women", 12, answer(water=80, roads=40), at(20),
                      attributes={"gender": "woman"})
    people.cast_proxy(CODE, "beans", "women", 2, answer(roads=20), at(21),
                      attributes={"gender": "man"})
    people.cast_proxy(CODE, "beans", "women", 3, answer(water=30), at(22))
    workshop = people.load(CODE)
    proxies = {p.token: p.attributes for p in workshop.participants if p.proxy}
    assert proxies == {"proxy-women-Gwoman": {"gender": "woman"},
                       "proxy-women-Gman": {"gender": "man"}, "proxy-women": {}}
    # recounted: the twelve women were eleven; the newer tally replaces theirs only
    people.cast_proxy(CODE, "beans", "women", 11, answer(water=110), at(23),
                      attributes={"gender": "woman"})
    workshop = people.load(CODE)
    exercise = workshop.exercise("beans")
    result = exercise.spec.results(exercise, workshop.room())
    # woman-1 10 water; women 11 × 10 water; 2 men 20 roads; 3 unsaid 30 water
    assert result.voters == 1 + 11 + 2 + 3
    assert {row.item: row.beans for row in result.items} == {"water": 150, "roads": 20}


def test_a_tally_with_an_answer_not_offered_is_refused_and_nothing_written(people):
    before = snapshot(people)
    with pytest.raises(BallotError) as error:
        people.cast_proxy(CODE, "beans", "women", 2, answer(water=20), at(20),
                          attributes={"gender": "women"})
    assert error.value.key == "participant.profile_refused"
    assert "“women” is not an answer offered for the question gender" in error.value.message("en")
    assert snapshot(people) == before


# ---- the projector's choice ---------------------------------------------------------------------

def test_set_live_results(people):
    assert people.exercise(CODE, "beans").live_results == "steps"
    people.set_live_results(CODE, "beans", "after_close")
    assert people.exercise(CODE, "beans").live_results == "after_close"
    assert people.load(CODE).exercise("beans").live_results == "after_close"
    before = snapshot(people)
    with pytest.raises(SetupError) as error:
        people.set_live_results(CODE, "beans", "live")
    assert error.value.message("en") == ("Unknown choice 'live' for results while voting is "
                                         "open: use steps, after_close.")
    with pytest.raises(NotFoundError):
        people.set_live_results(CODE, "nothing", "steps")
    assert snapshot(people) == before


# ---- the people revision ------------------------------------------------------------------------

def test_the_people_revision_moves_with_group_profile_and_exclusion(people):
    instance, set_up, folk = people.revisions(CODE)
    person = people.join(CODE, "women", "en", at(10))
    people.cast(CODE, "beans", "woman-2", answer(water=10), at(11))
    assert people.revisions(CODE) == (instance, set_up, folk)  # joins and ballots: neither moves
    people.set_attributes(CODE, person.token, {"gender": "woman"})
    assert people.revisions(CODE) == (instance, set_up, folk + 1)
    people.change_group(CODE, person.token, "miners")
    assert people.revisions(CODE)[2] == folk + 2
    people.exclude(CODE, person.token, at(12))
    assert people.revisions(CODE)[2] == folk + 3


def test_a_profile_answer_leaves_the_set_up_revision_alone(people):
    person = people.join(CODE, "women", "en", at(10))
    before = people.revisions(CODE)[1]
    people.set_attributes(CODE, person.token, {"gender": "woman"})
    assert people.revisions(CODE)[1] == before


def test_an_exclusion_or_a_change_of_group_leaves_the_set_up_revision_alone(people):
    """live.py: the set-up is read again only when its revision moves; people changes move the
    people revision only."""
    instance, set_up, folk = people.revisions(CODE)
    person = people.join(CODE, "women", "en", at(10))
    people.change_group(CODE, person.token, "miners")
    people.exclude(CODE, "woman-3", at(12))
    assert people.revisions(CODE) == (instance, set_up, folk + 2)
