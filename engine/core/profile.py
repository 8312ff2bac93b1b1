"""The participant profile: the attributes a workshop may ask beside the stakeholder group.

The guide asks that every affected sub-group be heard, naming "men, women, elderly, youth"
(1.3), and a human-rights-based approach puts the most marginalised first (2.1.1, equity and
non-discrimination): averages hide them. So a workshop may ask each participant, after their
group, their gender and their age band; both are optional and each offers "prefer not to say"
(``UNSAID``). They are asked once, on the phone, with large pictogram buttons; a facilitator's
proxy tally carries them too ("12 women panners").

- An attribute is *absent* from a participant when it was not asked (the workshop's profile
  leaves it out, or the file is older than version 3) or the participant skipped the step;
  ``UNSAID`` is an answer: "I prefer not to say". Results by attribute put both in the
  attribute's ``UNSAID`` cell (``value_of``): neither says anything about the person.
- Age bands follow the two conventions the workshops' countries use: youth as the African
  Youth Charter (African Union 2006, art. 1) defines it, 15 to 35 years (Benin's and Burkina
  Faso's youth policies use the same span), and older persons as the Protocol to the African
  Charter on the Rights of Older Persons (African Union 2016, art. 1) defines them, 60 and over.
  The middle band is everyone between. Three bands, not more: every extra band splits a room of
  30–80 people into more cells under the small-group threshold, and the guide's question is
  whether youth and elders are heard, not how a 42-year-old differs from a 52-year-old.
- Age bands have no pictogram: an age is a number, which people who read little still read,
  and no emoji old enough for older phones draws an age without a gender (👦 👴 would label
  every woman a man).
- Names come from the catalogues (``name_key`` and each value's ``key``), in every language.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from engine.core.errors import Phrase, Problem

__all__ = ["UNSAID", "Value", "Attribute", "GENDER", "AGE", "ATTRIBUTES", "ATTRIBUTE_IDS",
           "DEFAULT_PROFILE", "EXPECTED_BY", "attribute", "attribute_of_value", "value_of",
           "problem_with", "problem_with_expected"]

#: The answer "prefer not to say", which every attribute offers.
UNSAID = "unsaid"


@dataclass(frozen=True)
class Value:
    """One answer to an attribute: its id in files, its catalogue key and its pictogram."""

    id: str
    key: str
    pictogram: str | None = None


@dataclass(frozen=True)
class Attribute:
    """An attribute a workshop may ask: its id, its catalogue key, its answers in the order the
    phone shows them (``UNSAID`` last), and the letter that marks it in a proxy tally's token
    (``records.proxy_token``)."""

    id: str
    name_key: str
    values: tuple[Value, ...]
    marker: str

    @property
    def value_ids(self) -> tuple[str, ...]:
        """The ids of its answers, in order."""
        return tuple(value.id for value in self.values)

    def value(self, value_id: str) -> Value:
        """The answer with this id."""
        return next(value for value in self.values if value.id == value_id)


GENDER = Attribute("gender", "profile.gender", (
    Value("woman", "profile.gender_woman", "👩"),
    Value("man", "profile.gender_man", "👨"),
    Value(UNSAID, "profile.gender_unsaid", "🤐"),
), marker="G")
AGE = Attribute("age", "profile.age", (
    Value("up-to-35", "profile.age_up_to_35"),
    Value("36-59", "profile.age_36_59"),
    Value("60-plus", "profile.age_60_plus"),
    Value(UNSAID, "profile.age_unsaid", "🤐"),
), marker="A")

#: Every attribute, in the order the phone asks them and results list them.
ATTRIBUTES: tuple[Attribute, ...] = (GENDER, AGE)
ATTRIBUTE_IDS: tuple[str, ...] = tuple(a.id for a in ATTRIBUTES)
#: What a new workshop asks: every attribute.
DEFAULT_PROFILE: tuple[str, ...] = ATTRIBUTE_IDS
#: The attributes a group's expected head-count may be split by (``Group.expected_by``).
EXPECTED_BY: tuple[str, ...] = (GENDER.id,)


def attribute(attribute_id: str) -> Attribute:
    """The attribute with this id (``KeyError`` if there is none)."""
    for found in ATTRIBUTES:
        if found.id == attribute_id:
            return found
    raise KeyError(attribute_id)


def attribute_of_value(value_id: str) -> Attribute | None:
    """The attribute a head-count key (``woman``) is an answer of, among ``EXPECTED_BY``; None
    for any other key."""
    return next((attribute(a) for a in EXPECTED_BY if value_id in attribute(a).value_ids
                 and value_id != UNSAID), None)


def value_of(attributes: Mapping[str, str], attribute_id: str) -> str:
    """A participant's answer to ``attribute_id`` as results count it: ``UNSAID`` when absent."""
    return attributes.get(attribute_id, UNSAID)


def problem_with(attributes: Mapping[str, str], asked: tuple[str, ...] | None = None
                 ) -> Problem | None:
    """What is wrong with a participant's ``attributes``, or None: an attribute that does not
    exist (or, with ``asked``, that the workshop does not ask), or an answer it does not offer.
    Returned, not raised, so that a file's validation and a phone's request say it alike."""
    for attribute_id, value_id in attributes.items():
        if attribute_id not in ATTRIBUTE_IDS:
            return Problem("problem.attribute_unknown", attribute=attribute_id,
                           known=", ".join(ATTRIBUTE_IDS))
        asking = attribute(attribute_id)
        if asked is not None and attribute_id not in asked:
            return Problem("problem.attribute_not_asked", attribute=Phrase(asking.name_key))
        if value_id not in asking.value_ids:
            return Problem("problem.attribute_value", attribute=Phrase(asking.name_key),
                           value=value_id, offered=", ".join(asking.value_ids))
    return None


def problem_with_expected(expected: int, expected_by: Mapping[str, int]) -> Problem | None:
    """What is wrong with a group's head-counts by answer, or None: a key that is not an answer
    of an attribute head-counts may be split by (``EXPECTED_BY``; "prefer not to say" cannot be
    expected), or, when the group's ``expected`` is given (above 0), one attribute's counts
    adding up to more than it."""
    totals: dict[str, int] = {}
    for value_id, count in expected_by.items():
        owner = attribute_of_value(value_id)
        if owner is None:
            offered = ", ".join(v for a in EXPECTED_BY for v in attribute(a).value_ids
                                if v != UNSAID)
            return Problem("problem.expected_by_value", value=value_id, offered=offered)
        totals[owner.id] = totals.get(owner.id, 0) + count
    for attribute_id, total in totals.items():
        if expected and total > expected:
            return Problem("problem.expected_by_total",
                           attribute=Phrase(attribute(attribute_id).name_key), total=total,
                           expected=expected)
    return None
