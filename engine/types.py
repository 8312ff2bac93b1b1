"""The small annotated types every part of the file format shares: ids, tokens, labels, scales.

They live here, apart from ``engine.model``, so that modules ``engine.model`` itself imports
(``engine.network``, whose map is part of a workshop's settings) can use them without an import
cycle. ``engine.model`` re-exports them: ``from engine.model import Id, Labels, label`` keeps
working.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, StringConstraints

__all__ = ["SCALE", "MATRIX_SCALE", "Id", "Token", "JoinCode", "LangCode", "Text", "Labels",
           "Scale", "MatrixScore", "label"]

SCALE = (1, 5)  # importance and urgency are rated 1 (low) … 5 (high)
MATRIX_SCALE = (0, 5)  # matrix scoring: 0 (none) … 5 (very much) per item and criterion

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
Token = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{6,64}$")]
JoinCode = Annotated[str, StringConstraints(pattern=r"^[A-HJ-NP-Z2-9]{4,8}$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Labels = Annotated[dict[LangCode, Text], Field(min_length=1)]
Scale = Annotated[int, Field(ge=SCALE[0], le=SCALE[1])]
MatrixScore = Annotated[int, Field(ge=MATRIX_SCALE[0], le=MATRIX_SCALE[1])]


def label(labels: dict[str, str], lang: str) -> str:
    """The label in ``lang``, else in English, else in whichever language it has."""
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()))
