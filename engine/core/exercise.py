"""An exercise of a workshop, the kind that gives it meaning, and the registry of kinds.

Core knows every exercise the same way: an id, a kind, a title, a status (draft, open,
closed), a *design* the facilitator sets up, the *ballots* participants cast (appended, never
changed), what the app *showed* each participant, and *proposals* waiting for the facilitator.
What a design holds, what a ballot's answer looks like and what the results are is the kind's
business: each kind is one package under ``engine/exercises/`` that registers one
``ExerciseKind`` object here (as Decidim's components register a manifest). Core, the workbook,
the command line and the app list, check, count and export exercises through that interface
without knowing any kind by name (``docs/adding-an-exercise.md``).

The registry is filled when ``engine.exercises`` is imported (it imports every kind package);
the command line, the workbook and the app do so first.
"""

from __future__ import annotations

import argparse
import random
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

from engine.core import i18n
from engine.core.answers import voters_by_group
from engine.core.errors import BallotError, EngineError, NotFoundError, SetupError, first_problem
from engine.core.records import Ballot, Group, Proposal, Room, Shown, Status, Strict
from engine.core.samples import SampleRoom
from engine.core.sheets import Book
from engine.core.types import Id, Labels, label

__all__ = ["Exercise", "ExerciseKind", "AnswerChecker", "Option", "Command", "References",
           "Ranked", "LIVE_RESULTS", "LiveResults", "register", "kind", "kinds"]

#: When the projector may show an exercise's results while it is open: ``steps`` (moving only
#: once at least the small-group threshold's number of people have answered since the last
#: step, ``engine.core.live``), or ``after_close`` (nothing until voting closes).
LIVE_RESULTS = ("steps", "after_close")
LiveResults = Literal["steps", "after_close"]

#: Checks one answer against a design: ``check(answer, participant, voters, complete)`` raises
#: ``BallotError`` naming the rule broken. ``complete`` is True when a ballot is cast (every
#: question answered that must be) and False when a stored ballot is re-read (an item approved
#: after it was cast is simply not in it).
AnswerChecker = Callable[[Any, str, int, bool], None]


@dataclass(frozen=True)
class Option:
    """A choice a kind's results take, such as a counting method or a weighting.

    ``name`` is the keyword ``ExerciseKind.results`` takes and the command line's flag
    (``--weighting``); the first of ``choices`` is the default. ``label_key`` names the control
    in the catalogues and ``f"{choice_key}.{choice}"`` each choice.
    """

    name: str
    choices: tuple[str, ...]
    label_key: str
    choice_key: str

    @property
    def default(self) -> str:
        """The first choice."""
        return self.choices[0]


@dataclass(frozen=True)
class Command:
    """A command a kind adds to ``python -m engine`` (``lim FILE``): it analyses the workshop's
    first exercise of the kind (or the one ``--exercise`` names) and returns its result, which
    the command prints as JSON or as the kind's :meth:`ExerciseKind.table`. ``configure`` adds
    the command's own arguments to its parser."""

    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace, Exercise, Room], BaseModel]


@dataclass(frozen=True)
class References:
    """What a design may refer to elsewhere in its workshop: the stakeholder groups, and what
    other exercises offer as targets (the actors of a stakeholder map), by id."""

    groups: Mapping[str, Group]
    targets: Mapping[str, Labels]


class Ranked(BaseModel):
    """One thing a result ranks (an item, an instrument, an actor…), as results by group, gender
    and age compare them across the room: its id, its rank (1 = best; tied things share a rank:
    "1, 2, 2, 4"), the score the rank orders by (the kind's: a share of beans, a composite…), and
    its label and pictogram as the design has them."""

    id: str
    rank: int
    score: float | None = None
    label: Labels
    pictogram: str | None = None


class ExerciseKind(ABC):
    """What one kind of exercise is: its design, its answers and their checks, its results, and
    how the workbook, the command line and the file format's history handle it.

    Subclass it in the kind's package, fill in the class attributes, and ``register`` one
    instance. Methods with a body have a default that suits a kind without that capability.
    """

    #: The kind's id in files, the store and the registry ("lim"); also its catalogue prefix.
    name: ClassVar[str]
    #: Where the kind appears in lists (menus, the add-an-exercise choice): lower first.
    order: ClassVar[int] = 100
    #: The pydantic model of a design (what the facilitator sets up).
    design_model: ClassVar[type[BaseModel]]
    #: The kind's own catalogues (``<folder>/<lang>/LC_MESSAGES/<name>.po``).
    locale_dir: ClassVar[Path | None] = None

    @property
    def title_key(self) -> str:
        """The catalogue key of the kind's name ("Leverage and Incentives Matrix")."""
        return f"{self.name}.title"

    # ---- the design ----------------------------------------------------------------------------

    @abstractmethod
    def new_design(self, lang: str, references: References) -> BaseModel:
        """A design to start from: the guide's starter content, ready to edit."""

    def targets(self, design: BaseModel) -> Mapping[str, Labels]:
        """What other exercises may refer to in this one (a map's actors), by id."""
        return {}

    def check_references(self, design: BaseModel, references: References) -> None:
        """Every reference the design makes to the rest of the workshop exists; else
        ``SetupError("setup.invalid", where=..., problem=...)``."""

    def check_change(self, exercise: Exercise, design: BaseModel) -> None:
        """A design change allowed for the exercise as it stands (some rules of a vote are fixed
        once voting opens); else ``SetupError``. Every ballot cast is re-checked against the new
        design anyway, so nothing people answered can be removed."""

    # ---- answers -------------------------------------------------------------------------------

    @abstractmethod
    def parse_answer(self, data: object) -> BaseModel:
        """A ballot's answer read from its data (raises pydantic's ``ValidationError``)."""

    @abstractmethod
    def answer_checker(self, design: BaseModel, shown: Sequence[Shown]) -> AnswerChecker:
        """The check of answers against ``design`` (and what each participant was shown), made
        once for many ballots."""

    def questions(self, answer: Any) -> Mapping[str, object]:
        """Which questions an answer answers, with its answer to each: for each participant and
        question the latest answer counts (``engine.core.answers``). By default a ballot is one
        answer to the whole exercise."""
        return {"": answer}

    def accepts_proxy(self, design: BaseModel) -> bool:
        """Whether a group's flipchart can be entered as a proxy ballot."""
        return True

    def next_to_show(self, exercise: Exercise, participant: str, rng: random.Random
                     ) -> dict[str, Any] | None:
        """What to show ``participant`` next, when the app chooses their questions one at a
        time (a pair of items): a payload to record as shown, or None when they are done."""
        return None

    # ---- proposals -----------------------------------------------------------------------------

    def proposal(self, exercise: Exercise, data: Mapping[str, Any], lang: str
                 ) -> tuple[str, BaseModel]:
        """A participant's proposal, checked (it could join the design as it stands), with an
        id for it that no other thing of the exercise has. Raises ``BallotError``."""
        raise BallotError("ballot.no_proposals")

    def parse_proposal(self, data: object) -> BaseModel:
        """A stored proposal's payload read from its data."""
        raise ValueError("this kind of exercise takes no proposals")

    def proposal_text(self, exercise: Exercise, proposal: Proposal, lang: str) -> str:
        """What a proposal says, as its payload would read it (the text someone typed)."""
        return proposal.id

    def with_proposal(self, exercise: Exercise, proposal: Proposal) -> BaseModel:
        """The design once ``proposal`` is approved. Raises ``SetupError``."""
        raise SetupError("setup.no_proposals")

    # ---- results -------------------------------------------------------------------------------

    #: Every choice each result option can have in some exercise of the kind (the command line
    #: offers them all; ``options`` says which an exercise takes).
    option_choices: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    def options(self, exercise: Exercise) -> tuple[Option, ...]:
        """The choices the results of ``exercise`` take, each with its default first."""
        return ()

    @abstractmethod
    def results(self, exercise: Exercise, room: Room, **options: str) -> BaseModel:
        """The exercise's results for ``room`` (``options`` from ``options``)."""

    def voters(self, result: BaseModel) -> int:
        """How many people a result counts (the number the projector shows)."""
        # getattr: to the type checker a result is any BaseModel; a kind's result has voters.
        return int(getattr(result, "voters"))  # noqa: B009

    def voters_by_group(self, exercise: Exercise, room: Room) -> dict[str, int]:
        """Per group, the people counted in the exercise (proxy tallies by their head-count)."""
        return voters_by_group(exercise.ballots, room)

    def ranking(self, exercise: Exercise, result: BaseModel) -> list[Ranked] | None:
        """What ``result`` ranks, best first (``Ranked``), for comparing parts of the room
        (``engine.core.cuts``); None for a kind whose results rank nothing. Only what the
        result ranks is listed (an item nobody scored yet is left out)."""
        return None

    # ---- what it gives out ---------------------------------------------------------------------

    @abstractmethod
    def sheets(self, book: Book, exercise: Exercise, room: Room) -> None:
        """Add the exercise's sheets to the workbook."""

    @abstractmethod
    def table(self, exercise: Exercise, room: Room, result: BaseModel, lang: str) -> str:
        """A result as aligned text, for the command line."""

    def csv_rows(self, exercise: Exercise, room: Room, result: BaseModel, lang: str
                 ) -> list[dict[str, object]] | None:
        """A result as CSV rows (column → value), or None if the kind has no CSV form."""
        return None

    commands: ClassVar[tuple[Command, ...]] = ()

    #: Whether the kind makes a printable document (``document``): the Results page then
    #: offers it, and ``python -m engine document`` writes it.
    has_document: ClassVar[bool] = False

    def document(self, exercise: Exercise, room: Room, lang: str) -> str:
        """A printable document of the exercise: a whole HTML page, self-contained (no file
        or font from elsewhere), that the browser prints or saves as PDF. Every text people
        typed in it is escaped (``html.escape``)."""
        raise NotImplementedError(f"{self.name} exercises have no printable document")

    # ---- the file format's history -------------------------------------------------------------

    def from_v1(self, document: dict[str, Any]) -> list[dict[str, Any]]:
        """The kind's exercises, as version 2 writes them, from a version-1 workshop document
        (where each kind had fields of its own); the fields read are removed from it."""
        return []

    #: Version-1 stores kept some kinds' ballots in a shared table under a ``part`` name: per
    #: part, the version-1 field its ballots went to and the field their answer was under.
    v1_store_parts: ClassVar[Mapping[str, tuple[str, str]]] = {}

    # ---- sample content ------------------------------------------------------------------------

    def sample_exercises(self, sample: SampleRoom) -> list[Exercise]:
        """The kind's exercises in the sample workshop ``sample``
        (``sample_workshops/build_samples.py`` simulates the room), in the order they run; none
        by default."""
        return []


_KINDS: dict[str, ExerciseKind] = {}


def register(kind: ExerciseKind) -> ExerciseKind:
    """Add ``kind`` to the registry (and its catalogues to the texts); returns it."""
    if kind.name in _KINDS and type(_KINDS[kind.name]) is not type(kind):
        raise ValueError(f"two exercise kinds are called {kind.name!r}")
    _KINDS[kind.name] = kind
    if kind.locale_dir is not None:
        i18n.add_catalogue_dir(kind.locale_dir)
    return kind


def kind(name: str) -> ExerciseKind:
    """The registered kind called ``name``; ``NotFoundError`` naming the known ones if none."""
    found = _KINDS.get(name)
    if found is None:
        raise NotFoundError("exercise.unknown_kind", kind=name,
                            kinds=", ".join(k.name for k in kinds()) or "-")
    return found


def kinds() -> tuple[ExerciseKind, ...]:
    """Every registered kind, in their ``order``."""
    return tuple(sorted(_KINDS.values(), key=lambda k: (k.order, k.name)))


class Exercise(Strict):
    """One exercise as it ran: its kind, title, status, design, and everything sent to it.

    A title is optional: without one, the exercise is called by its kind's name.
    """

    id: Id
    kind: str
    title: Labels | None = None
    status: Status = "draft"
    live_results: LiveResults = Field(
        "steps", description="While open, the projector's results move in steps of at least the "
                             "small-group threshold's number of people, or wait for the close.")
    design: Any = Field(description="What the facilitator set up; its shape is the kind's.")
    ballots: list[Ballot] = Field([], description="Every ballot, in the order cast.")
    shown: list[Shown] = Field([], description="What the app showed each participant, in order.")
    proposals: list[Proposal] = Field(
        [], description="Participants' proposals waiting for the facilitator.")

    @model_validator(mode="before")
    @classmethod
    def _read_by_kind(cls, data: object) -> object:
        """The design, each ballot's answer and each proposal read as the kind defines them."""
        if not isinstance(data, dict) or not isinstance(data.get("kind"), str):
            return data
        try:
            spec = kind(data["kind"])
        except EngineError as error:
            raise ValueError(f"kind: {error.message('en')}") from None
        read = dict(data)
        read["design"] = _by_kind(spec.design_model.model_validate, data.get("design"), "design")
        if isinstance(data.get("ballots"), list):
            read["ballots"] = [
                {**b, "answer": _by_kind(spec.parse_answer, b.get("answer"),
                                         f"ballots[{i}].answer")} if isinstance(b, dict) else b
                for i, b in enumerate(data["ballots"])]
        if isinstance(data.get("proposals"), list):
            read["proposals"] = [
                {**p, "payload": _by_kind(spec.parse_proposal, p.get("payload"),
                                          f"proposals[{i}].payload")} if isinstance(p, dict) else p
                for i, p in enumerate(data["proposals"])]
        return read

    @model_validator(mode="after")
    def _answers_fit(self) -> Exercise:
        """Every ballot obeys the design as it stands; proposals have different ids."""
        check = self.spec.answer_checker(self.design, self.shown)
        for index, ballot in enumerate(self.ballots):
            try:
                check(ballot.answer, ballot.participant, ballot.voters, False)
            except BallotError as error:
                raise ValueError(f"ballots[{index}].answer: {error.rule('en')}") from None
        seen: set[str] = set()
        for index, proposal in enumerate(self.proposals):
            if proposal.id in seen:
                raise ValueError(f"proposals[{index}].id: duplicate id '{proposal.id}'")
            seen.add(proposal.id)
        return self

    @property
    def spec(self) -> ExerciseKind:
        """The exercise's kind."""
        return kind(self.kind)

    def title_in(self, lang: str) -> str:
        """The exercise's title in ``lang``, or its kind's name when it has none."""
        return label(self.title, lang) if self.title else i18n.t(self.spec.title_key, lang)


def _by_kind(read: Callable[[Any], Any], data: object, where: str) -> Any:
    """``read(data)``, a validation error reported under ``where`` (``design.items[2].id``)."""
    try:
        return read(data)
    except ValidationError as error:
        inner, problem = first_problem(error)
        raise ValueError(f"{where}.{inner}: {problem}" if inner else f"{where}: {problem}"
                         ) from None
    except EngineError as error:
        raise ValueError(f"{where}: {error.message('en')}") from None
