"""The catalogues: every key the code uses exists, translated, in every language; each kind's
keys live in its own catalogue; plural forms follow each language's rule."""

import re
import string
from functools import cache
from pathlib import Path
from typing import get_args

import pytest
from babel.messages.pofile import read_po

import engine.exercises  # noqa: F401  (registers every kind, and their catalogues)
from engine.core import i18n
from engine.core.answers import WEIGHTINGS
from engine.core.exercise import kinds
from engine.core.records import HRBA_ROLES, STATUSES
from engine.exercises.emp.plan import (DEFAULT_BANDS, INTERACTION_NAMES, MITIGATION_HIERARCHY,
                                       VALUE_CATEGORIES)
from engine.exercises.emp.plan import STATUSES as EMP_STATUSES
from engine.exercises.emp.sheets import CELL_LOOKS
from engine.exercises.lim.design import CONDITION_STATES, CRITERIA, KINDS, Weights
from engine.exercises.lim.results import InstrumentResult, formula
from engine.exercises.network.design import ACTOR_KINDS
from engine.exercises.prioritisation.design import METHODS
from engine.exercises.prioritisation.results import AGGREGATIONS
from engine.methods.network import LAYERS, MENDELOW_QUADRANTS, SALIENCE_CLASSES, SIGNS
from engine.methods.scales import QUADRANTS
from engine.methods.social_choice import CONCORDANCE_READINGS

ROOT = Path(__file__).resolve().parents[3]
SOURCES = [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py"),
           *ROOT.glob("engine/**/*.py")]
# A catalogue key written literally: t("join.title"), Error("ballot.over_budget"), ("run.open", …).
LITERAL_KEY = re.compile(r"""["']((?:[a-z]+_?)+\.[a-z_][a-z0-9_.-]*)["']""")
# What ends a file's name ("presenter.css"), never a key's.
FILE_SUFFIXES = (".css", ".py", ".json", ".md", ".po", ".png", ".svg", ".xlsx")
# A key built in the code: t(f"excel.col.{key}") uses every "excel.col." key, and
# t(f"lim.{name}_in") every "lim." key ending "_in" (the text after the brace, up to the quote).
PREFIXED_KEY = re.compile(r"""f["']((?:[a-z_]+\.)+[a-z_]*)\{[^}]*\}([a-z_.]*)["']""")
# Why an instrument is not ranked: the values of ``InstrumentResult.unranked`` (``X | None``).
UNRANKED_REASONS = get_args(get_args(InstrumentResult.model_fields["unranked"].annotation)[0])
AGGREGATION_NAMES = [a for aggregations in AGGREGATIONS.values() for a in aggregations]
# Keys built from a prefix and a value the engine defines: t("method." + design.method).
FAMILIES = {"method": METHODS, "status": STATUSES, "hrba": HRBA_ROLES, "quadrant": QUADRANTS,
            "weighting": WEIGHTINGS,
            "aggregation": AGGREGATION_NAMES,
            "excel.aggregation": AGGREGATION_NAMES,
            "excel.method": METHODS,
            "excel.weighting": WEIGHTINGS,
            "concordance": [reading for _, reading in CONCORDANCE_READINGS],
            "excel.concordance": [reading for _, reading in CONCORDANCE_READINGS],
            "network.kind": ACTOR_KINDS, "excel.kind": ACTOR_KINDS, "network.layer": LAYERS,
            "excel.layer": LAYERS, "network.sign": SIGNS, "excel.sign": SIGNS,
            "network.quadrant": MENDELOW_QUADRANTS, "excel.mendelow": MENDELOW_QUADRANTS,
            "network.salience": SALIENCE_CLASSES, "excel.salience": SALIENCE_CLASSES,
            "lim.kind": KINDS, "lim.condition": CONDITION_STATES,
            "lim.criterion": formula().symbols.values(),  # each criterion, risk and composite
            "lim.unranked": UNRANKED_REASONS, "excel.emp.legend": CELL_LOOKS,
            "lim.weight": Weights.model_fields, "vote.lim_question": CRITERIA,
            "emp.hierarchy": MITIGATION_HIERARCHY, "emp.status": EMP_STATUSES,
            "emp.category": VALUE_CATEGORIES, "emp.interaction": INTERACTION_NAMES.values(),
            "vote.emp_answer": INTERACTION_NAMES.values(),
            "emp.band": [band.name for band in DEFAULT_BANDS],
            "excel.metric": ("links", "degree", "in_degree", "out_degree", "betweenness",
                             "closeness", "eigenvector"),
            "excel.scope": ("all", "flows"), "excel.grid": ("power_high", "power_low",
                                                            "interest_low", "interest_high")}


def owner(path: Path) -> str:
    """Which kind's package a source file belongs to, or ``core``."""
    match = re.match(r"(?:engine|ui)/exercises/([a-z_]+)/", path.relative_to(ROOT).as_posix())
    return match[1] if match else "core"


@cache
def catalogue_files(lang: str) -> dict[Path, set[str]]:
    """Every catalogue file of ``lang`` and the keys it holds."""
    found = {}
    for folder in i18n.catalogue_dirs():
        for path in sorted((folder / lang / "LC_MESSAGES").glob("*.po")):
            with open(path, "rb") as po_file:
                found[path] = {m.id[0] if isinstance(m.id, tuple) else m.id
                               for m in read_po(po_file) if m.id}
    return found


def all_keys(lang: str = "en") -> set[str]:
    return set().union(*catalogue_files(lang).values())


@cache
def keys_in_code() -> dict[str, set[str]]:
    """Each key the code uses, with the owners (kinds, or core) of the files that use it."""
    known = all_keys()
    found: dict[str, set[str]] = {}
    for path in SOURCES:
        text = path.read_text(encoding="utf-8")
        for key in LITERAL_KEY.findall(text):
            if key.split(".")[0] in {k.split(".")[0] for k in known} \
                    and not key.endswith(FILE_SUFFIXES):
                found.setdefault(key, set()).add(owner(path))
        for prefix, suffix in PREFIXED_KEY.findall(text):
            for key in known:
                if key.startswith(prefix) and key.endswith(suffix) \
                        and prefix.count(".") + suffix.count(".") == key.count("."):
                    found.setdefault(key, set()).add(owner(path))
    for family, values in FAMILIES.items():
        for value in values:
            found.setdefault(f"{family}.{value}", set())
    for spec in kinds():
        found.setdefault(spec.title_key, set()).add(spec.name)  # named through the registry
    return found


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_the_scan_finds_keys_from_pages_engine_kinds_and_families():
    found = keys_in_code()
    assert {"join.title", "ballot.over_budget", "run.open", "method.tokens", "lim.title",
            "vote.emp_row_question"} <= set(found)
    assert "presenter.css" not in found  # a file name is not a key


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_key_used_in_the_code_is_translated(lang):
    catalogue = i18n.catalogue(lang)
    missing = sorted(key for key in keys_in_code()
                     if not catalogue.texts.get(key) and not catalogue.plurals.get(key))
    assert missing == [], f"missing in {lang}: {missing}"


def test_every_key_in_the_catalogues_is_used():
    """No text left behind by a page or a feature that is gone."""
    used = set(keys_in_code())
    families = tuple(f"{family}." for family in FAMILIES)
    unused = sorted(key for key in all_keys() if key not in used and not key.startswith(families)
                    and key != "language.self_name")
    assert unused == []


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_a_key_lives_in_one_catalogue_only(lang):
    seen: dict[str, Path] = {}
    for path, keys in catalogue_files(lang).items():
        for key in keys:
            assert key not in seen, f"{key} is in {seen[key]} and {path}"
            seen[key] = path


def test_a_kinds_texts_live_in_its_own_catalogue():
    """A key only one kind's package uses is in that kind's catalogue (adding or removing a
    kind never touches core's); every key core's catalogues hold is used outside any kind, or
    by several."""
    where = {key: path for path, keys in catalogue_files("en").items() for key in keys}
    misplaced = []
    for key, owners in keys_in_code().items():
        if key not in where or not owners:
            continue
        in_kind = re.search(r"exercises/([a-z_]+)/locale", where[key].as_posix())
        if owners == {in_kind[1]} if in_kind else False:
            continue
        if (len(owners) == 1 and "core" not in owners) or (in_kind and owners != {in_kind[1]}):
            misplaced.append((key, sorted(owners), where[key].relative_to(ROOT).as_posix()))
    assert misplaced == []


def test_languages_have_the_same_keys_placeholders_and_plural_forms():
    english, french = i18n.catalogue("en"), i18n.catalogue("fr")
    assert set(english.texts) == set(french.texts)
    assert set(english.plurals) == set(french.plurals)
    mismatched = [key for key in english.texts
                  if placeholders(english.texts[key]) != placeholders(french.texts[key])]
    assert mismatched == []
    for key, forms in english.plurals.items():
        assert len(forms) == 2 and len(french.plurals[key]) == 3, key
        names = [placeholders(form) for form in (*forms, *french.plurals[key])]
        assert all(found == names[0] for found in names) and "count" in names[0], key


def test_plural_forms_follow_each_language():
    """English: 1 voter, 0 and 2 voters. French: 0 and 1 votant (singular), 2 votants."""
    assert [i18n.n("presenter.voters", count, "en") for count in (0, 1, 2, 21)] == [
        "0 voters", "1 voter", "2 voters", "21 voters"]
    assert [i18n.n("presenter.voters", count, "fr") for count in (0, 1, 2)] == [
        "0 votant", "1 votant", "2 votants"]


def test_french_is_really_translated():
    assert i18n.t("join.which_group", "fr") == "De quel groupe faites-vous partie\u202f?"
    assert i18n.t("ballot.under_budget", "fr", left=3, budget=10) == (
        "Placez tous vos haricots\u00a0: il en reste 3 sur 10.")


def test_french_punctuation_never_starts_a_line():
    """A space before ? ! ; : and inside « » cannot break in any French text (a "?" alone on
    the next line of a 360 px phone), whatever the catalogue file holds."""
    french = i18n.catalogue("fr")
    every = [*french.texts.values(), *(form for forms in french.plurals.values() for form in forms)]
    breakable = [text for text in every if re.search(r" [?!;:»]|« ", text)]
    assert breakable == []
    assert sum("\u202f?" in text for text in every) > 20  # the rule was applied, not avoided


def test_an_unknown_language_falls_back_to_english():
    assert i18n.t("join.title", "mos") == "Join the workshop"
    assert i18n.n("presenter.voters", 2, "mos") == "2 voters"
