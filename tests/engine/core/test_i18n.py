"""The catalogues: every key the code uses exists, translated, in every language."""

import re
import string
from pathlib import Path
from typing import get_args

import pytest

from engine import i18n
from engine.excel import CELL_LOOKS
from engine.incentives import CONDITION_STATES, CRITERIA, KINDS, InstrumentResult, Weights, formula
from engine.model import HRBA_ROLES, METHODS, STATUSES
from engine.prioritise import AGGREGATIONS, QUADRANTS, WEIGHTINGS
from engine.network import ACTOR_KINDS, LAYERS, MENDELOW_QUADRANTS, SALIENCE_CLASSES, SIGNS
from engine.social_choice import CONCORDANCE_READINGS
from engine.emp import (DEFAULT_BANDS, INTERACTION_NAMES, MITIGATION_HIERARCHY,
                        STATUSES as EMP_STATUSES, VALUE_CATEGORIES)

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py"),
           *(ROOT / "engine").glob("*.py")]
# A catalogue key written literally: t("join.title"), Error("ballot.over_budget"), ("run.open", …).
LITERAL_KEY = re.compile(r"""["']((?:[a-z]+_?)+\.[a-z_][a-z0-9_.-]*)["']""")
# Why an instrument is not ranked: the values of ``InstrumentResult.unranked`` (``X | None``).
UNRANKED_REASONS = get_args(get_args(InstrumentResult.model_fields["unranked"].annotation)[0])
# Keys built from a prefix and a value the model defines: t("method." + exercise.method).
FAMILIES = {"method": METHODS, "status": STATUSES, "hrba": HRBA_ROLES, "quadrant": QUADRANTS,
            "weighting": WEIGHTINGS,
            "aggregation": [a for aggregations in AGGREGATIONS.values() for a in aggregations],
            "concordance": [reading for _, reading in CONCORDANCE_READINGS],
            "network.kind": ACTOR_KINDS, "network.layer": LAYERS, "network.sign": SIGNS,
            "network.quadrant": MENDELOW_QUADRANTS, "network.salience": SALIENCE_CLASSES,
            "lim.kind": KINDS, "lim.condition": CONDITION_STATES,
            "lim.criterion": formula().symbols.values(),  # each criterion, risk and composite
            "lim.unranked": UNRANKED_REASONS, "excel.emp.legend": CELL_LOOKS,
            "lim.weight": Weights.model_fields, "vote.lim_question": CRITERIA}
# The EMP's families (guide 2.6): shared labels, the phone's answers, the default risk bands.
FAMILIES |= {"emp.hierarchy": MITIGATION_HIERARCHY, "emp.status": EMP_STATUSES,
             "emp.category": VALUE_CATEGORIES, "emp.interaction": INTERACTION_NAMES.values(),
             "vote.emp_answer": INTERACTION_NAMES.values(),
             "emp.band": [band.name for band in DEFAULT_BANDS]}


def keys_in_code() -> set[str]:
    found = set()
    for path in SOURCES:
        for key in LITERAL_KEY.findall(path.read_text(encoding="utf-8")):
            if key.split(".")[0] in {k.split(".")[0] for k in i18n.catalogue("en")}:
                found.add(key)
    found |= {f"{family}.{value}" for family, values in FAMILIES.items() for value in values}
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_finds_keys_from_pages_engine_and_families():
    found = keys_in_code()
    assert {"join.title", "ballot.over_budget", "run.open", "method.tokens"} <= found


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_key_used_in_the_code_is_translated(lang):
    catalogue = i18n.catalogue(lang)
    missing = sorted(key for key in keys_in_code() if not catalogue.get(key))
    assert missing == [], f"missing in {lang}: {missing}"


def test_languages_have_the_same_keys_and_placeholders():
    english, french = i18n.catalogue("en"), i18n.catalogue("fr")
    assert set(english) == set(french)
    mismatched = [key for key in english if placeholders(english[key]) != placeholders(french[key])]
    assert mismatched == []


def test_french_is_really_translated():
    assert i18n.t("join.which_group", "fr") == "De quel groupe faites-vous partie ?"
    assert i18n.t("ballot.under_budget", "fr", left=3, budget=10) == (
        "Placez tous vos haricots : il en reste 3 sur 10.")


def test_an_unknown_language_falls_back_to_english():
    assert i18n.t("join.title", "mos") == "Join the workshop"
