"""The small annotated types every part of the file format shares: ids, tokens, labels, scales.

Text people type or import (labels, titles, notes) is cleaned the same way wherever it comes
from, a file, a set-up table or a phone (``clean_text``):

- *stripped*: control characters (NUL, a terminal's ANSI colour codes, the invisible characters
  Excel leaves in cells), the bidirectional embeddings, overrides and isolates
  (U+202A–U+202E, U+2066–U+2069), and half surrogate pairs (which no file can hold). None of
  them is ever meant as text, and they do harm: an override left open turns the rest of a
  line, a table row or a spreadsheet cell around, and makes one label look like another.
  Removing them keeps the words people meant, so a file with a stray one still opens. Line
  breaks and tabs become a space in a one-line text; a note keeps its line breaks. The marks
  a right-to-left language needs inside a sentence (U+200E, U+200F, U+061C) and the joiners
  of emoji and some scripts (U+200C, U+200D) stay.
- *refused*: a text that is blank once the invisible characters are set aside (spaces,
  zero-width characters, direction marks, fillers), since it would show as nothing: an item
  nobody can see or tell apart.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field, StringConstraints

from engine.core import limits
from engine.core.errors import Problem

__all__ = ["SCALE", "ID_PATTERN", "TOKEN_PATTERN", "JOIN_CODE_PATTERN", "LANG_PATTERN", "Id",
           "Token", "JoinCode", "LangCode", "Text", "LongText", "Note", "Labels", "Scale",
           "label", "clean_text", "is_blank"]

SCALE = (1, 5)  # the guide's rating scale: 1 (low) … 5 (high), for importance, urgency, risk…

ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,39}$"
TOKEN_PATTERN = r"^[A-Za-z0-9_-]{6,64}$"
JOIN_CODE_PATTERN = r"^[A-HJ-NP-Z2-9]{4,8}$"
LANG_PATTERN = r"^[a-z]{2,3}$"

# A terminal escape sequence (CSI "ESC [ … letter", OSC "ESC ] … BEL or ESC \", or ESC and one
# character): removed whole, so "\x1b[31mRed" leaves "Red", not "[31mRed".
_ESCAPE = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-_]?)")
_BIDI_CONTROLS = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_LINE_BREAK = re.compile(r"\r\n|[\r\n\v\f\x1c-\x1e\x85\u2028\u2029]")
# Every C0 and C1 control character but the line break, DEL, the bidirectional controls, a
# byte-order mark inside a text, and half a surrogate pair (a JSON "\\ud800" alone), which no
# file or workbook could be written with.
_STRIPPED = re.compile(f"[\x00-\x09\x0b-\x1f\x7f-\x9f{_BIDI_CONTROLS}\ufeff\ud800-\udfff]")
# Characters that draw nothing though they are neither whitespace nor format characters.
_INVISIBLE = frozenset("\u115f\u1160\u2800\u3164\uffa0")


def clean_text(value: object, *, lines: bool = False) -> object:
    """``value`` without control characters, terminal escapes and bidirectional controls; a
    tab becomes a space, and a line break too unless ``lines`` (then it is ``\\n``).
    Anything but text is left as it is, for validation to refuse."""
    if not isinstance(value, str):
        return value
    text = _LINE_BREAK.sub("\n" if lines else " ", _ESCAPE.sub("", value)).replace("\t", " ")
    return _STRIPPED.sub("", text)


def is_blank(text: str) -> bool:
    """True when ``text`` shows nothing: only spaces and invisible characters (zero-width
    spaces and joiners, direction marks, fillers, combining marks with nothing to sit on)."""
    return all(character.isspace() or character in _INVISIBLE
               or unicodedata.category(character) in ("Cf", "Mn", "Me", "Cc")
               for character in text)


def _visible(text: str) -> str:
    if text and is_blank(text):
        raise Problem("problem.invisible_text")
    return text


def _one_line(value: object) -> object:
    return clean_text(value)


def _lines(value: object) -> object:
    return clean_text(value, lines=True)


Id = Annotated[str, StringConstraints(pattern=ID_PATTERN)]
Token = Annotated[str, StringConstraints(pattern=TOKEN_PATTERN)]
JoinCode = Annotated[str, StringConstraints(pattern=JOIN_CODE_PATTERN)]
LangCode = Annotated[str, StringConstraints(pattern=LANG_PATTERN)]
# The cleaning runs first, then the constraints (blanks stripped, lengths), then the check that
# something visible is left; the constraints come first in each list so that they stay the
# string's own (and its JSON schema's).
#: A label, a title, a place: one line, 1–200 characters.
Text = Annotated[str, StringConstraints(
    strip_whitespace=True, min_length=1, max_length=limits.LABEL_CHARS),
    BeforeValidator(_one_line), AfterValidator(_visible)]
#: A condition, a limitation, a goal: one paragraph, 1–1000 characters.
LongText = Annotated[str, StringConstraints(
    strip_whitespace=True, min_length=1, max_length=limits.LONG_TEXT_CHARS),
    BeforeValidator(_one_line), AfterValidator(_visible)]
#: Free notes: several lines, possibly empty, at most 2000 characters.
Note = Annotated[str, StringConstraints(strip_whitespace=True, max_length=limits.NOTE_CHARS),
                 BeforeValidator(_lines), AfterValidator(_visible)]
Labels = Annotated[dict[LangCode, Text], Field(min_length=1)]
Scale = Annotated[int, Field(ge=SCALE[0], le=SCALE[1])]


def label(labels: Mapping[str, str], lang: str) -> str:
    """The label in ``lang``, else in English, else in whichever language it has."""
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()))
