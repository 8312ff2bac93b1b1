"""What a workshop is made of, whatever its exercises: groups, participants, and what they send.

Conventions
-----------
- Ids are short lowercase slugs (``women-crushers``); labels are ``{"en": ..., "fr": ...}``.
- Participants are anonymous: a random token, a stakeholder group, a language and, if the
  workshop asks, a gender and an age band (``engine.core.profile``); never a name.
- Ballots are listed in the order they were cast and are never edited: a participant who changes
  their vote has a newer ballot, and results use each participant's latest one (per question:
  see ``engine.core.answers``).
- A *proxy* ballot is a facilitator's entry of a whole group's tally for people without phones
  (the beans on the flipchart); ``voters`` says how many people it stands for. A tally may carry
  attributes too ("12 women panners"): each (group, attributes) pair has its own proxy.
- A participant the facilitator removed (an ``Exclusion``, appended, never undone by deletion)
  keeps their ballots in the file as the audit trail; the room leaves them out of every count
  and result (``Room.excluded``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pydantic import (BaseModel, ConfigDict, Field, NonNegativeInt, PositiveInt, field_validator,
                      model_validator)

from engine.core import profile
from engine.core.types import Id, LangCode, Labels, Token

__all__ = ["Strict", "HRBA_ROLES", "STATUSES", "Status", "Group", "Participant", "Ballot", "Shown",
           "Proposal", "Exclusion", "Room", "proxy_token"]

HRBA_ROLES = ("rights_holder", "duty_bearer", "other")
STATUSES = ("draft", "open", "closed")
Status = Literal["draft", "open", "closed"]


class Strict(BaseModel):
    """Unknown fields are an error (a typo in a file must not be silently ignored), and a model,
    once read, never changes: it can be shared between every session of the app."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def proxy_token(group_id: str, attributes: Mapping[str, str] | None = None) -> str:
    """The fixed participant token under which a group's proxy tally is recorded.

    One per group and attributes: ``proxy-miners`` for the miners' tally, and
    ``proxy-miners-Gwoman`` for the women miners' (``-Aup-to-35`` for an age band): each
    attribute's capital marker, then the answer, in the profile's order. Ids have no capitals,
    so no group and attributes can be written like another's. Entering the tally again replaces
    it (the newer ballot wins), as correcting the count on the flipchart would.
    """
    given = attributes or {}
    marks = "".join(f"-{a.marker}{given[a.id]}" for a in profile.ATTRIBUTES if a.id in given)
    return f"proxy-{group_id}{marks}"


class Group(Strict):
    """A stakeholder group, with its place in a human-rights-based approach (guide 2.1.1)."""

    id: Id
    label: Labels
    hrba_role: Literal["rights_holder", "duty_bearer", "other"] = "other"
    expected: NonNegativeInt = Field(0, description="Head-count expected in the room.")
    expected_by: dict[str, NonNegativeInt] = Field(
        {}, description="Head-count expected per answer where known ({\"woman\": 12}).")
    pictogram: str | None = None

    @model_validator(mode="after")
    def _expected_by_fits(self) -> Group:
        found = profile.problem_with_expected(self.expected, self.expected_by)
        if found is not None:
            raise found
        return self


class Participant(Strict):
    """An anonymous participant: a random token, a group, a language and the answers to the
    profile they gave (attribute → answer; an attribute not asked or skipped is absent); never
    a name."""

    token: Token
    group: Id
    language: LangCode
    proxy: bool = False
    joined_at: dt.datetime
    attributes: dict[str, str] = Field(
        {}, description="Profile answers: gender and age band, each absent if not asked.")

    @field_validator("attributes")
    @classmethod
    def _offered(cls, attributes: dict[str, str]) -> dict[str, str]:
        found = profile.problem_with(attributes)
        if found is not None:
            raise found
        return attributes


class Ballot(Strict):
    """One ballot as cast: appended, never changed. ``answer`` has the shape its exercise's
    kind defines (checked when the exercise is read)."""

    participant: Token
    cast_at: dt.datetime
    voters: PositiveInt = Field(1, description="People this ballot stands for (>1 only for proxy).")
    answer: Any


class Shown(Strict):
    """Something the app showed one participant before they answered it (a pair of items in a
    pairwise ranking): a ballot may have to answer something it was shown."""

    participant: Token
    shown_at: dt.datetime
    payload: dict[str, Any]


class Proposal(Strict):
    """Something a participant proposed for an exercise (an item, an actor, a link), waiting for
    the facilitator: approved, it joins the exercise's design; rejected, it is gone."""

    id: Id
    proposed_by: Id = Field(description="The proposing participant's group.")
    proposed_at: dt.datetime | None = Field(
        None, description="When it was proposed (version-1 files did not record it for items).")
    payload: Any


class Exclusion(Strict):
    """The facilitator removed a participant (a second phone of one person, someone who does not
    belong): appended, never deleted; their ballots stay in the file, never counted."""

    participant: Token
    excluded_at: dt.datetime


@dataclass(frozen=True)
class Room:
    """Who is in the room, as every result needs it: the groups in their order, the participants
    (people on phones and groups' proxy tallies) and the small-group threshold.

    A result computed for a room counts the ballots of its participants only, so a room made of
    some participants (``only``) gives that part of the room's result. The participants the
    facilitator removed are ``excluded``: never counted, kept for the ballots sheets.
    """

    groups: tuple[Group, ...]
    participants: tuple[Participant, ...]
    small_group_threshold: int = 3
    excluded: tuple[Participant, ...] = ()
    #: The profile attributes the workbook's ballots sheets list (none unless it was asked to;
    #: the participants' attributes then hold only what may be exported).
    profile_columns: tuple[str, ...] = ()

    @cached_property
    def group_of(self) -> Mapping[str, str]:
        """Each participant's group, by token."""
        return {p.token: p.group for p in self.participants}

    @cached_property
    def _everyone(self) -> Mapping[str, Participant]:
        return {p.token: p for p in (*self.participants, *self.excluded)}

    def participant(self, token: str) -> Participant:
        """The participant with this token, counted or excluded (``KeyError`` if neither)."""
        return self._everyone[token]

    def is_excluded(self, token: str) -> bool:
        """Whether the facilitator removed this participant."""
        return token in self._everyone and token not in self.group_of

    def group(self, group_id: str) -> Group:
        """The group with this id."""
        return next(group for group in self.groups if group.id == group_id)

    def only(self, tokens: Iterable[str]) -> Room:
        """The same room with only these participants in it."""
        keep = set(tokens)
        return Room(self.groups, tuple(p for p in self.participants if p.token in keep),
                    self.small_group_threshold, self.excluded, self.profile_columns)
