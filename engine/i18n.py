"""Every user-facing string, looked up by key in gettext catalogues (English and French).

The catalogues are ordinary gettext ``.po`` files under ``engine/locale/<lang>/LC_MESSAGES/``,
one per domain (``app.po`` for the pages, ``engine.po`` for errors, ``excel.po`` for the
workbook), read with Babel, so a CSO can add Mooré or Fon with Poedit or Weblate: copy ``en``'s
folder, translate the ``msgstr`` lines, and add the language code to ``LANGUAGES``.

Message ids are stable keys (``join.title``), not English sentences, so that rewording the
English text never orphans a translation. Placeholders use ``str.format`` names: ``{code}``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "t", "catalogue", "language_name"]

LOCALE_DIR = Path(__file__).parent / "locale"
LANGUAGES = ("en", "fr")
DEFAULT_LANGUAGE = "en"


@cache
def catalogue(lang: str) -> dict[str, str]:
    """Key → translated text for one language, read once from its ``.po`` files."""
    texts: dict[str, str] = {}
    for path in sorted((LOCALE_DIR / lang / "LC_MESSAGES").glob("*.po")):
        with open(path, "rb") as po_file:
            texts.update({m.id: m.string for m in read_po(po_file) if m.id})
    return texts


def t(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: object) -> str:
    """The text for ``key`` in ``lang``, with ``params`` filled in.

    A language we have no catalogue for falls back to English; a key missing from a
    catalogue shows the key itself (the catalogue test keeps that from shipping).
    """
    lang = lang if lang in LANGUAGES else DEFAULT_LANGUAGE
    text = catalogue(lang).get(key) or catalogue(DEFAULT_LANGUAGE).get(key) or key
    return text.format(**params) if params else text


def language_name(lang: str) -> str:
    """The language's own name for itself ("Français"), for the language picker."""
    return t("language.self_name", lang)
