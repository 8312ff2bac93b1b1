"""The small annotated types every part of the file format shares: ids, tokens, labels, scales."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from pydantic import Field, StringConstraints

__all__ = ["SCALE", "Id", "Token", "JoinCode", "LangCode", "Text", "Labels", "Scale", "label"]

SCALE = (1, 5)  # the guide's rating scale: 1 (low) … 5 (high), for importance, urgency, risk…

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,39}$")]
Token = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9_-]{6,64}$")]
JoinCode = Annotated[str, StringConstraints(pattern=r"^[A-HJ-NP-Z2-9]{4,8}$")]
LangCode = Annotated[str, StringConstraints(pattern=r"^[a-z]{2,3}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Labels = Annotated[dict[LangCode, Text], Field(min_length=1)]
Scale = Annotated[int, Field(ge=SCALE[0], le=SCALE[1])]


def label(labels: Mapping[str, str], lang: str) -> str:
    """The label in ``lang``, else in English, else in whichever language it has."""
    return labels.get(lang) or labels.get("en") or next(iter(labels.values()))
