"""Typed engine errors: each says what went wrong and where, in any catalogue language."""

from __future__ import annotations

import re

from pydantic import ValidationError

from engine.core import i18n

__all__ = ["EngineError", "WorkshopFileError", "BallotError", "AccessError", "NotFoundError",
           "SetupError", "StoreBusyError", "first_problem"]


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
        """The message in ``lang``."""
        return i18n.t(self.key, lang, **self.params)


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
    items[2].id``) and what it is.

    A check of a whole model reports its problem as ``"<path inside the model>: <problem>"``
    (``ballots[3].answer: unknown items``); that path is joined to where the model is.
    """
    first = error.errors()[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else f".{part}" if where else str(part)
    problem = first["msg"].removeprefix("Value error, ")
    inner = _INNER_PATH.match(problem)
    if inner:
        where = f"{where}.{inner[1]}" if where else inner[1]
        problem = inner[2]
    return where, problem


# A problem that starts with where it is: "ballots[3].answer: unknown items".
_INNER_PATH = re.compile(
    r"^([a-z_][a-z0-9_]*(?:\[\d+\])*(?:\.[a-z_][a-z0-9_-]*(?:\[\d+\])*)*): (.*)$", re.DOTALL)
