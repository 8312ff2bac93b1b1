"""What a workshop is made of, whatever its exercises: groups, participants, and what they send.

Conventions
-----------
- Ids are short lowercase slugs (``women-crushers``); labels are ``{"en": ..., "fr": ...}``.
- Participants are anonymous: a random token, a stakeholder group and a language; never a name.
- Ballots are listed in the order they were cast and are never edited: a participant who changes
  their vote has a newer ballot, and results use each participant's latest one (per question:
  see ``engine.core.answers``).
- A *proxy* ballot is a facilitator's entry of a whole group's tally for people without phones
  (the beans on the flipchart); ``voters`` says how many people it stands for.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, NonNegativeInt, PositiveInt

from engine.core.types import Id, LangCode, Labels, Token

__all__ = ["Strict", "HRBA_ROLES", "STATUSES", "Status", "Group", "Participant", "Ballot", "Shown",
           "Proposal", "Room", "proxy_token"]

HRBA_ROLES = ("rights_holder", "duty_bearer", "other")
STATUSES = ("draft", "open", "closed")
Status = Literal["draft", "open", "closed"]


class Strict(BaseModel):
    """Unknown fields are an error (a typo in a file must not be silently ignored), and a model,
    once read, never changes: it can be shared between every session of the app."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def proxy_token(group_id: str) -> str:
    """The fixed participant token under which a group's proxy tally is recorded.

    One per group: entering the tally again replaces it (the newer ballot wins), as correcting
    the count on the flipchart would.
    """
    return f"proxy-{group_id}"


class Group(Strict):
    """A stakeholder group, with its place in a human-rights-based approach (guide 2.1.1)."""

    id: Id
    label: Labels
    hrba_role: Literal["rights_holder", "duty_bearer", "other"] = "other"
    expected: NonNegativeInt = Field(0, description="Head-count expected in the room.")
    pictogram: str | None = None


class Participant(Strict):
    """An anonymous participant: a random token, a group and a language; never a name."""

    token: Token
    group: Id
    language: LangCode
    proxy: bool = False
    joined_at: dt.datetime


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


@dataclass(frozen=True)
class Room:
    """Who is in the room, as every result needs it: the groups in their order, the participants
    (people on phones and groups' proxy tallies) and the small-group threshold.

    A result computed for a room counts the ballots of its participants only, so a room made of
    some participants (``only``) gives that part of the room's result.
    """

    groups: tuple[Group, ...]
    participants: tuple[Participant, ...]
    small_group_threshold: int = 3

    @cached_property
    def group_of(self) -> Mapping[str, str]:
        """Each participant's group, by token."""
        return {p.token: p.group for p in self.participants}

    def group(self, group_id: str) -> Group:
        """The group with this id."""
        return next(group for group in self.groups if group.id == group_id)

    def only(self, tokens: Iterable[str]) -> Room:
        """The same room with only these participants in it."""
        keep = set(tokens)
        return Room(self.groups, tuple(p for p in self.participants if p.token in keep),
                    self.small_group_threshold)
