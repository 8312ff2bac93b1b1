"""How the rehabilitation plan's numbers and names read on screen, in the reader's language."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent

from engine.core import i18n
from engine.core.types import label
from engine.exercises.rehabilitation.design import RehabilitationPlan

__all__ = ["FACES", "money", "number", "share", "month", "land_use_name", "phase_name"]

# The acceptability scale as faces, so that it reads without words (1 not at all … 5 fully).
FACES = {1: "😠", 2: "🙁", 3: "😐", 4: "🙂", 5: "😀"}


def _locale(lang: str) -> str:
    return lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE


def money(value: float, currency: str, lang: str) -> str:
    """An amount as ``lang`` writes it in ``currency``: 7 391 160 F CFA, $10,586.40."""
    return format_currency(value, currency, locale=_locale(lang))


def number(value: float, lang: str) -> str:
    """A number with at most two decimals, grouped as ``lang`` groups it: 1 565,72."""
    return format_decimal(value, "#,##0.##", locale=_locale(lang))


def share(value: float, lang: str) -> str:
    """A share as a whole percentage: 58 %."""
    return format_percent(value, locale=_locale(lang))


def month(day: dt.date, lang: str) -> str:
    """A month and year: "avr. 2026", "Apr 2026"."""
    return format_date(day, "MMM y", locale=_locale(lang))


def phase_name(phase: str, lang: str) -> str:
    """One of the FRM's phases, by name."""
    return i18n.t(f"rehabilitation.phase.{phase}", lang)


def land_use_name(plan: RehabilitationPlan, land_use: str, lang: str) -> str:
    """A land-use option's label (as typed: the caller escapes it for where it goes)."""
    return label(plan.land_use(land_use).label, lang)
