"""What a validation error says, in the user's language: where the first problem is, and what
it is and what to do, as a catalogue phrase rather than the validation library's wording.

pydantic names each problem by a type (``missing``, ``string_too_long``…) with its figures;
each type a file can meet has its own text under ``problem.<type>``. A problem the engine
found itself (an unknown participant, a ballot over its budget) is an engine error or a
``Problem`` that pydantic keeps beside its English text, and is said in the user's language
too; one that has only English text is shown as it is.
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from engine.core import i18n
from engine.core.errors import BallotError, EngineError, Phrase, Problem, inner_path, path_of
from engine.core.types import ID_PATTERN, JOIN_CODE_PATTERN, LANG_PATTERN, TOKEN_PATTERN

__all__ = ["describe"]

# pydantic's types that a type of ours names more precisely, by the pattern a text missed.
_PATTERNS = {ID_PATTERN: "problem.pattern_id", JOIN_CODE_PATTERN: "problem.pattern_join_code",
             TOKEN_PATTERN: "problem.pattern_token", LANG_PATTERN: "problem.pattern_language"}
# Types whose text takes a plural form, and the figure that chooses it.
_COUNTED = {"string_too_short": "min_length", "string_too_long": "max_length",
            "too_short": "min_length", "too_long": "max_length"}


def describe(error: ValidationError) -> tuple[str, Phrase | _Clause]:
    """Where the first problem of ``error`` is (a path such as ``exercises[0].design.items[2]
    .label.en``; empty for the document as a whole) and what it is, ready to be said in any
    language."""
    first = error.errors()[0]
    if first["type"] != "value_error":
        return path_of(first["loc"]), _builtin(first)
    raised = first.get("ctx", {}).get("error")
    where, text = inner_path(path_of(first["loc"]),
                             str(raised) if raised is not None else first["msg"])
    return where, _engine_problem(raised, text)


def _engine_problem(raised: object, text: str) -> Phrase | _Clause:
    """What an error a validator raised says: its own phrase, or the engine error or validation
    error it was raised from (a ``ValueError`` raised while handling one keeps it as its
    ``__context__``); its English text otherwise."""
    if isinstance(raised, Problem):
        return _Clause(raised)
    cause = getattr(raised, "__context__", None)
    if isinstance(cause, ValidationError):
        return describe(cause)[1]
    if isinstance(cause, EngineError) and "problem" not in cause.params:
        return _Clause(cause)
    return Phrase("problem.as_written", {"problem": text.rstrip(".")})


class _Clause:
    """An engine error or problem said as a clause inside another message: without its final
    full stop, and for a ballot, only the rule it broke (not the reassurance meant for a
    phone)."""

    def __init__(self, said: EngineError | Problem) -> None:
        self.said = said

    def message(self, lang: str) -> str:
        if isinstance(self.said, BallotError):
            return self.said.rule(lang).rstrip(".")
        return self.said.message(lang).rstrip(".")


def _builtin(first: ErrorDetails) -> Phrase:
    """A problem pydantic found, as its ``problem.<type>`` phrase (``problem.other`` with the
    library's words for a type no file is expected to meet)."""
    kind = first["type"]
    context: dict[str, Any] = dict(first.get("ctx") or {})
    if kind == "string_pattern_mismatch" and context.get("pattern") in _PATTERNS:
        return Phrase(_PATTERNS[context["pattern"]])
    key = f"problem.{kind}"
    if key not in i18n.catalogue(i18n.DEFAULT_LANGUAGE).texts \
            and key not in i18n.catalogue(i18n.DEFAULT_LANGUAGE).plurals:
        return Phrase("problem.other", {"problem": first["msg"]})
    if kind in ("literal_error", "enum"):
        context["expected"] = ", ".join(re.findall(r"'([^']*)'", str(context["expected"])))
    if kind == "extra_forbidden":
        context["field"] = first["loc"][-1] if first["loc"] else ""
    counted = _COUNTED.get(kind)
    return Phrase(key, context, int(context[counted]) if counted else None)
