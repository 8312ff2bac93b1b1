"""Every user-facing string, looked up by key in gettext catalogues (English and French).

The catalogues are ordinary gettext ``.po`` files, read with Babel, so a CSO can add Mooré or
Fon with Poedit or Weblate: copy ``en``'s folder, translate the ``msgstr`` lines, and add the
language code to ``LANGUAGES``. Core's own catalogues live under ``engine/core/locale/<lang>/
LC_MESSAGES/`` (``app.po`` for the pages, ``engine.po`` for errors, ``excel.po`` for the
workbook); each exercise kind keeps its texts in its own package
(``engine/exercises/<kind>/locale/<lang>/LC_MESSAGES/<kind>.po``) and registers that folder
(``add_catalogue_dir``), so adding a kind never edits core's catalogues. A key lives in exactly
one catalogue (a test checks it).

Message ids are stable keys (``join.title``), not English sentences, so that rewording the
English text never orphans a translation. Placeholders use ``str.format`` names: ``{code}``.
A text that depends on a number has plural forms (``msgid_plural``, one ``msgstr[n]`` per form
of the language's ``Plural-Forms`` rule): ask for it with ``n("presenter.voters", count)``.
"""

from __future__ import annotations

import gettext
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import cast

from babel.messages.pofile import read_po

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "t", "n", "catalogue", "language_name",
           "add_catalogue_dir", "catalogue_dirs"]

CORE_LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"

_dirs: list[Path] = [CORE_LOCALE_DIR]
_catalogues: dict[str, Catalogue] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class Catalogue:
    """One language's texts: key → text, key → plural forms, and the rule choosing a form."""

    texts: dict[str, str]
    plurals: dict[str, tuple[str, ...]]
    plural_form: Callable[[int], int]


def add_catalogue_dir(folder: Path) -> None:
    """Read the ``.po`` files under ``folder/<lang>/LC_MESSAGES/`` too (an exercise kind's)."""
    with _lock:
        if folder not in _dirs:
            _dirs.append(folder)
            _catalogues.clear()


def catalogue_dirs() -> tuple[Path, ...]:
    """Every folder whose catalogues are read: core's first, then each kind's."""
    return tuple(_dirs)


def catalogue(lang: str) -> Catalogue:
    """One language's catalogue, read once from every registered folder."""
    found = _catalogues.get(lang)
    if found is not None:
        return found
    texts: dict[str, str] = {}
    plurals: dict[str, tuple[str, ...]] = {}
    plural_form: Callable[[int], int] = _english_plural
    for folder in catalogue_dirs():
        for path in sorted((folder / lang / "LC_MESSAGES").glob("*.po")):
            with open(path, "rb") as po_file:
                read = read_po(po_file)
            plural_form = gettext.c2py(read.plural_expr)
            for message in read:
                if not message.id:
                    continue
                # Babel pairs a singular id with one string, a plural id (a tuple) with a tuple.
                if isinstance(message.id, str):
                    texts[message.id] = cast(str, message.string)
                else:
                    plurals[message.id[0]] = tuple(cast(tuple[str, ...], message.string))
    spacing = TYPOGRAPHY.get(lang)
    if spacing is not None:
        texts = {key: spacing(text) for key, text in texts.items()}
        plurals = {key: tuple(spacing(form) for form in forms) for key, forms in plurals.items()}
    found = Catalogue(texts, plurals, plural_form)
    _catalogues[lang] = found
    return found


# French sets a space before ? ! ; : and inside « », and that space must not break: a line may
# not start with "?" (on a 360 px phone it did). A narrow no-break space before ? ! ; and a
# no-break space before : and inside the guillemets, as the Imprimerie nationale's rules say.
_FRENCH_SPACES = [(re.compile(r" ([?!;])"), "\u202f\\1"), (re.compile(r" :"), "\u00a0:"),
                  (re.compile(r"« "), "«\u00a0"), (re.compile(r" »"), "\u00a0»")]


def _french_spacing(text: str) -> str:
    for pattern, replacement in _FRENCH_SPACES:
        text = pattern.sub(replacement, text)
    return text


#: A language's typographic rules, applied to its texts as they are read.
TYPOGRAPHY: dict[str, Callable[[str], str]] = {"fr": _french_spacing}


def _english_plural(count: int) -> int:
    return int(count != 1)


def _language(lang: str) -> str:
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in.

    A language we have no catalogue for falls back to English; a key missing from a
    catalogue shows the key itself (the catalogue test keeps that from shipping).
    """
    lang = _language(lang)
    text = catalogue(lang).texts.get(key) or catalogue(DEFAULT_LANGUAGE).texts.get(key) or key
    return text.format(**params) if params else text


def n(key: str, count: int, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The plural form of ``key`` that ``count`` takes in ``lang`` ("1 voter", "2 voters";
    "0 votant", "2 votants"), with ``count`` and ``params`` filled in."""
    for language in (_language(lang), DEFAULT_LANGUAGE):
        found = catalogue(language)
        forms = found.plurals.get(key)
        if forms:
            form = forms[min(found.plural_form(count), len(forms) - 1)]
            if form:
                return form.format(count=count, **params)
    return key


def language_name(lang: str) -> str:
    """The language's own name for itself ("Français"), for the language picker."""
    return t("language.self_name", lang)
