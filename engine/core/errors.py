"""Typed engine errors: each says what went wrong and where, in any catalogue language."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from pydantic import ValidationError

from engine.core import i18n

__all__ = ["EngineError", "WorkshopFileError", "BallotError", "AccessError", "NotFoundError",
           "SetupError", "StoreBusyError", "Phrase", "Problem", "render",
           "first_problem", "path_of", "inner_path"]


def render(value: object, lang: str) -> object:
    """A message's parameter as shown in ``lang``: something said (a ``Phrase``, an error) in
    that language; anything else as it is."""
    message = getattr(value, "message", None)
    return message(lang) if callable(message) else value


@dataclass(frozen=True)
class Phrase:
    """A catalogue text not yet put in a language: its key and parameters (which may be phrases
    themselves), and the number that chooses its plural form, if it has one."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)
    count: int | None = None

    def message(self, lang: str) -> str:
        """The text in ``lang``."""
        params = {name: render(value, lang) for name, value in self.params.items()}
        if self.count is None:
            return i18n.t(self.key, lang, **params)
        return i18n.n(self.key, self.count, lang, **params)


class Problem(ValueError):
    """What a validator found wrong, as a catalogue key and its parameters: pydantic keeps the
    exception, so the message reaches the user in their language (``engine.core.problems``).

    ``str()`` of it is the English text, for anything that reads it as a plain error.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.phrase = Phrase(key, params)
        super().__init__(self.phrase.message(i18n.DEFAULT_LANGUAGE))

    def message(self, lang: str) -> str:
        """The text in ``lang``."""
        return self.phrase.message(lang)


class EngineError(Exception):
    """Base of every error the engine raises on purpose.

    It carries an i18n key and its parameters rather than a finished sentence, so the app
    shows it in the participant's language and the command line in English.
    """

    def __init__(self, key: str, **params: object) -> None:
        self.key = key
        self.params = params
        super().__init__(self.message(i18n.DEFAULT_LANGUAGE))

    def message(self, lang: str) -> str:
        """The message in ``lang`` (a parameter that is itself a phrase or an error is said in
        ``lang`` too)."""
        return i18n.t(self.key, lang, **{name: render(value, lang)
                                          for name, value in self.params.items()})


class WorkshopFileError(EngineError):
    """A workshop file (or a setup edit) that does not validate: nothing was loaded."""


class SetupError(EngineError):
    """A facilitator's change to the workshop set-up that cannot be applied."""


class BallotError(EngineError):
    """A ballot that cannot be accepted: nothing was stored."""

    def rule(self, lang: str) -> str:
        """Only the rule the ballot broke, for a file's validation report."""
        return super().message(lang)

    def message(self, lang: str) -> str:
        """The rule broken, and the reassurance that nothing was recorded."""
        return f"{self.rule(lang)} {i18n.t('ballot.nothing_recorded', lang)}"


class AccessError(EngineError):
    """A wrong PIN, or a participant reaching for a facilitator action."""


class StoreBusyError(EngineError):
    """The store stayed locked by other writers after several tries: nothing was written."""


class NotFoundError(EngineError):
    """An unknown workshop code, participant token or exercise."""


def first_problem(error: ValidationError) -> tuple[str, str]:
    """Where the first problem of a validation error is (a path such as ``exercises[0].design.
    items[2].id``) and what it is, in the validation's English.

    A check of a whole model reports its problem as ``"<path inside the model>: <problem>"``
    (``ballots[3].answer: unknown items``); that path is joined to where the model is.
    """
    first = error.errors()[0]
    return inner_path(path_of(first["loc"]), first["msg"].removeprefix("Value error, "))


def path_of(location: tuple[int | str, ...]) -> str:
    """A validation error's location as a path: ``("exercises", 0, "design")`` →
    ``exercises[0].design``."""
    where = ""
    for part in location:
        where += f"[{part}]" if isinstance(part, int) else f".{part}" if where else str(part)
    return where


def inner_path(where: str, problem: str) -> tuple[str, str]:
    """``where`` and ``problem``, with the path a problem may start with
    (``ballots[3].answer: unknown items``) moved from the problem onto ``where``."""
    inner = _INNER_PATH.match(problem)
    if not inner:
        return where, problem
    return (f"{where}.{inner[1]}" if where else inner[1]), inner[2]


# A problem that starts with where it is: "ballots[3].answer: unknown items".
_INNER_PATH = re.compile(
    r"^([a-z_][a-z0-9_]*(?:\[\d+\])*(?:\.[a-z_][a-z0-9_-]*(?:\[\d+\])*)*): (.*)$", re.DOTALL)
