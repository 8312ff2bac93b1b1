"""What each kind of exercise shows: one module (or package) per kind, found, not listed.

A kind's UI module defines ``SCREENS = Screens(...)``: the phone's ballot, the projector's live
view, the facilitator's set-up, the results, and (if people without phones can take part) the
flipchart a facilitator types in. The pages iterate the registry (``screens``) and name no
kind; each screen gets a context (``Desk`` for the facilitator and the projector, ``Phone``
for a participant) with what it needs and the few things it may do.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from types import EllipsisType
from typing import Any

import streamlit as st
from pydantic import BaseModel

from engine.core import i18n
from engine.core.errors import EngineError
from engine.core.exercise import Exercise, ExerciseKind, Option, References
from engine.core.records import Ballot, Participant, Room
from engine.core.types import Labels, label
from engine.core.workshop import Workshop, WorkshopSettings
from ui import session

__all__ = ["Screens", "Desk", "Phone", "screens", "all_screens"]


@dataclass(frozen=True)
class Desk:
    """One exercise as the facilitator's pages and the projector see it, in the workshop as it
    stands (a live snapshot), in the facilitator's language."""

    workshop: Workshop
    exercise: Exercise
    lang: str

    @property
    def code(self) -> str:
        return self.workshop.code

    @property
    def design(self) -> Any:
        return self.exercise.design

    @property
    def room(self) -> Room:
        return self.workshop.room()

    def key(self, name: str) -> str:
        """A widget key of this exercise's own (two exercises of a kind never share one)."""
        return f"{self.exercise.id}|{name}"

    def name_of(self, thing: str | None) -> str:
        """A group's or a target's label (a map's actor), else ``thing`` as written."""
        names = self.workshop.names()
        if thing is None:
            return ""
        return label(names[thing], self.lang) if thing in names else thing

    def save(self, build: Callable[[], BaseModel], title: Labels | EllipsisType | None = ...
             ) -> bool:
        """Build the design with the engine and store it (the title too, if given); the
        refusal is shown if there is one, and nothing is stored. True when saved: the page is
        then run again, showing what was stored."""
        try:
            session.store().save_exercise(self.code, self.exercise.id, build(), title)
        except EngineError as error:
            session.show_error(error)
            return False
        session.confirm_after_rerun(session.t("setup.saved"))
        st.rerun()
        return True  # not reached: st.rerun stops the run


@dataclass
class Phone:
    """One open exercise as a participant's phone sees it: who they are, the workshop's
    settings, and the exercise's design (never anyone else's ballots)."""

    code: str
    me: Participant
    settings: WorkshopSettings
    exercise: Exercise
    lang: str

    @property
    def design(self) -> Any:
        return self.exercise.design

    def key(self, name: str) -> str:
        """A widget key of this exercise's own."""
        return f"{self.exercise.id}|{name}"

    def state(self) -> dict[str, Any]:
        """This phone's working state for the exercise (answers being given, what was sent),
        kept across reruns in the session."""
        state: dict[str, Any] = st.session_state.setdefault(
            f"phone|{self.code}|{self.exercise.id}", {})
        return state

    def mine(self) -> list[Ballot]:
        """This participant's own ballots in the exercise, oldest first: read once per session,
        then kept up to date with what this phone sends (nobody else sends in their name)."""
        state = self.state()
        if "mine" not in state:
            state["mine"] = [ballot for _, ballot in session.store().ballots(
                self.code, self.exercise.id, participant=self.me.token)]
        mine: list[Ballot] = state["mine"]
        return mine

    def finish(self) -> None:
        """The participant has sent all they will (a vote, every instrument): from now on the
        phone shows a short confirmation instead of the ballot, until they ask to change it.
        Lighter for the laptop too: an idle phone's check of what is open redraws a few
        elements, not the whole ballot."""
        self.state()["finished"] = True

    @property
    def finished(self) -> bool:
        """Whether the phone shows the confirmation (see ``finish``). A phone opened again
        (a new session) after answering starts there, as it was left."""
        state = self.state()
        if "finished" not in state:
            state["finished"] = bool(self.mine())
        return bool(state["finished"])

    def reopen(self) -> None:
        """Back to the ballot, to change the answers sent."""
        self.state()["finished"] = False

    def send(self, answer: Any) -> bool:
        """Record an answer. Sending is a button's callback (drawing there would land outside
        the vote page's fragment), so a refusal is kept for :meth:`show_refusal`; nothing is
        stored."""
        try:
            ballot = session.store().cast(self.code, self.exercise.id, self.me.token, answer,
                                          session.now())
        except EngineError as error:
            self.state()["refused"] = error
            return False
        self.mine().append(ballot)
        self.state()["unsent"] = False
        return True

    def show_refusal(self) -> None:
        """Why the last answer sent was not recorded, if it was not (once)."""
        refused = self.state().pop("refused", None)
        if refused is not None:
            session.show_error(refused)

    def show_next(self) -> dict[str, Any] | None:
        """What the app shows this participant next (a pair), recorded as shown."""
        return session.store().show_next(self.code, self.exercise.id, self.me.token,
                                         session.now())

    def propose(self, data: dict[str, Any]) -> bool:
        """Send a proposal for the facilitator; a refusal is kept as :meth:`send`'s is."""
        try:
            session.store().propose(self.code, self.exercise.id, self.me.token, data, self.lang,
                                    session.now())
        except EngineError as error:
            self.state()["refused"] = error
            return False
        return True

    def footer(self) -> Any:
        """The ballot's last lines (progress, send, the confirmation), kept in view at the
        bottom of the screen (``ui/phone.css``): on a long ballot, where the thumb is."""
        return st.container(key=f"ballot_footer_{self.exercise.id}")

    def revealed(self, name: str, text: str) -> bool:
        """A quiet button that opens a part of the ballot few people need (a suggestion form):
        True once tapped. No expander: its arrow is an icon, and the icon font would be one
        more download for every phone."""
        key = self.key(f"reveal|{name}")
        if st.session_state.get(key):
            return True
        st.button(text, type="tertiary", key=key + "|button",
                  on_click=lambda: st.session_state.update({key: True}))
        return False

    def unsent(self, pending: bool = True) -> None:
        """Say that the phone holds answers not sent yet (or no longer): if voting closes
        meanwhile, the participant is told they were not recorded."""
        self.state()["unsent"] = pending


@dataclass(frozen=True)
class Screens:
    """What one kind shows. ``phone`` draws the ballot on a participant's phone; ``presenter``
    the projected view of a result; ``design`` the facilitator's set-up of one exercise;
    ``results`` the facilitator's reading of a result; ``flipchart`` (optional) the form a
    facilitator types a group's flipchart into, for people without phones; ``new_design``
    (optional) the choices to make when adding an exercise of the kind (drawn inside the
    add form), returning its first design."""

    kind: str
    phone: Callable[[Phone], None]
    presenter: Callable[[Desk, BaseModel], None]
    design: Callable[[Desk], None]
    results: Callable[[Desk, BaseModel], None]
    flipchart: Callable[[Desk], None] | None = None
    new_design: Callable[[ExerciseKind, str, References], BaseModel] | None = None


def _discover() -> dict[str, Screens]:
    found: dict[str, Screens] = {}
    for module in pkgutil.iter_modules(__path__):
        screens_of = importlib.import_module(f"{__name__}.{module.name}").SCREENS
        found[screens_of.kind] = screens_of
    return found


_SCREENS = _discover()


def screens(kind_name: str) -> Screens:
    """What the kind called ``kind_name`` shows."""
    return _SCREENS[kind_name]


def all_screens() -> dict[str, Screens]:
    """Every kind's screens, by kind name."""
    return dict(_SCREENS)


def choice_text(option: Option, choice: str) -> str:
    """A result option's choice in the browser's language ("each person equal")."""
    return session.t(f"{option.choice_key}.{choice}")


def kind_title(spec: ExerciseKind, lang: str) -> str:
    """A kind's name in ``lang`` ("Leverage and Incentives Matrix")."""
    return i18n.t(spec.title_key, lang)
