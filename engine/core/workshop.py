"""The workshop file format: a workshop, its stakeholder groups, participants and exercises.

These pydantic models *are* the format, with each exercise's design and answers defined by its
kind (``engine.core.exercise``): ``docs/workshop.schema.json`` is generated from them and
``docs/file-format.md`` explains it. A workshop that validates here is safe for every other
module: ids are unique, every reference (a participant's group, a ballot's participant, a
design's group or actor) points at something that exists, and every ballot obeys its exercise's
design. Older versions of the format are upgraded when read (``engine.core.file_format``).
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Final, Literal

from pydantic import Field, PositiveInt, StringConstraints, field_validator, model_validator

from engine.core import profile
from engine.core.errors import EngineError, NotFoundError, Problem
from engine.core.exercise import Exercise, References
from engine.core.records import Exclusion, Group, Participant, Room, Strict
from engine.core.types import JoinCode, LangCode, Labels, Text

__all__ = ["FORMAT_VERSION", "WorkshopSettings", "Workshop"]

FORMAT_VERSION: Final = 3


class WorkshopSettings(Strict):
    """The workshop itself: what, where, when, who is expected, and who may run it."""

    format_version: Literal[3] = FORMAT_VERSION
    code: JoinCode = Field(description="The short join code participants type or scan.")
    title: Text
    place: Text
    date: dt.date
    language: LangCode = "en"
    fictional: bool = Field(False, description="True for sample workshops: no real people.")
    note: Annotated[str, StringConstraints(max_length=2000)] = ""
    pin_hash: str = Field(description="The facilitator PIN, salted and hashed (PBKDF2-SHA256).")
    small_group_threshold: PositiveInt = Field(
        3, description="A group with fewer voters is never shown on its own (still counted).")
    groups: Annotated[list[Group], Field(min_length=1)]
    profile: list[str] = Field(
        list(profile.DEFAULT_PROFILE),
        description="What phones ask after the group: gender, age (each optional to answer).")
    export_profile: bool = Field(
        False, description="Whether the workbook's ballots sheets give each participant's "
                           "profile answers, where enough of their group share them.")

    @field_validator("profile")
    @classmethod
    def _known_attributes(cls, asked: list[str]) -> list[str]:
        for attribute_id in asked:
            if attribute_id not in profile.ATTRIBUTE_IDS:
                raise Problem("problem.attribute_unknown", attribute=attribute_id,
                              known=", ".join(profile.ATTRIBUTE_IDS))
        if len(set(asked)) < len(asked):
            raise ValueError("an attribute is listed twice")
        return asked

    @model_validator(mode="after")
    def _unique_groups(self) -> WorkshopSettings:
        _require_unique([group.id for group in self.groups], "groups")
        return self

    @property
    def asked(self) -> tuple[str, ...]:
        """The attributes phones ask, in the profile's order (whatever order ``profile`` has)."""
        return tuple(a for a in profile.ATTRIBUTE_IDS if a in self.profile)

    def group(self, group_id: str) -> Group:
        """The group with this id."""
        return next(group for group in self.groups if group.id == group_id)


class Workshop(WorkshopSettings):
    """A whole workshop file: settings, participants, and exercises with everything sent."""

    participants: list[Participant] = []
    exclusions: list[Exclusion] = Field(
        [], description="Participants the facilitator removed, in order: never counted.")
    exercises: list[Exercise] = []

    @model_validator(mode="after")
    def _references(self) -> Workshop:
        """Every reference points at something that exists."""
        group_ids = {group.id for group in self.groups}
        _require_unique([p.token for p in self.participants], "participants")
        _require_unique([e.id for e in self.exercises], "exercises")
        for index, participant in enumerate(self.participants):
            if participant.group not in group_ids:
                raise ValueError(f"participants[{index}].group: "
                                 f"unknown group '{participant.group}'")
        tokens = {p.token for p in self.participants}
        removed: set[str] = set()
        for index, exclusion in enumerate(self.exclusions):
            if exclusion.participant not in tokens:
                raise ValueError(f"exclusions[{index}].participant: unknown participant "
                                 f"'{exclusion.participant}'")
            if exclusion.participant in removed:
                raise ValueError(f"exclusions[{index}].participant: '{exclusion.participant}' "
                                 f"is already excluded")
            removed.add(exclusion.participant)
        references = self.references()
        for e_index, exercise in enumerate(self.exercises):
            where = f"exercises[{e_index}]"
            sent_by = {"ballots": [ballot.participant for ballot in exercise.ballots],
                       "shown": [shown.participant for shown in exercise.shown]}
            for name, senders in sent_by.items():
                for index, sender in enumerate(senders):
                    if sender not in tokens:
                        raise ValueError(f"{where}.{name}[{index}].participant: unknown "
                                         f"participant '{sender}'")
            for index, proposal in enumerate(exercise.proposals):
                if proposal.proposed_by not in group_ids:
                    raise ValueError(f"{where}.proposals[{index}].proposed_by: unknown group "
                                     f"'{proposal.proposed_by}'")
            try:
                exercise.spec.check_references(exercise.design, references)
            except EngineError as error:
                problem = error.params.get("problem", error.message("en"))
                raise ValueError(f"{where}.design.{error.params.get('where', '')}: {problem}"
                                 ) from None
        return self

    def exercise(self, exercise_id: str) -> Exercise:
        """The exercise with this id; ``NotFoundError`` if there is none."""
        found = next((e for e in self.exercises if e.id == exercise_id), None)
        if found is None:
            raise NotFoundError("exercise.unknown", exercise=exercise_id)
        return found

    def room(self) -> Room:
        """Who is in the room: groups, participants (those the facilitator removed apart) and
        the small-group threshold."""
        removed = {exclusion.participant for exclusion in self.exclusions}
        return Room(tuple(self.groups),
                    tuple(p for p in self.participants if p.token not in removed),
                    self.small_group_threshold,
                    tuple(p for p in self.participants if p.token in removed))

    def references(self) -> References:
        """What designs may refer to: the groups, and every exercise's targets."""
        targets: dict[str, Labels] = {}
        for exercise in self.exercises:
            targets.update(exercise.spec.targets(exercise.design))
        return References({group.id: group for group in self.groups}, targets)

    def names(self) -> dict[str, Labels]:
        """The label of everything a design may name by id: groups and targets."""
        references = self.references()
        return {**references.targets, **{g: group.label for g, group in references.groups.items()}}

    def settings(self) -> WorkshopSettings:
        """The settings part alone, without participants and exercises."""
        return WorkshopSettings(**self.model_dump(include=set(WorkshopSettings.model_fields)))


def _require_unique(ids: list[str], where: str) -> None:
    seen: set[str] = set()
    for index, item_id in enumerate(ids):
        if item_id in seen:
            raise ValueError(f"{where}[{index}]: duplicate id '{item_id}'")
        seen.add(item_id)
