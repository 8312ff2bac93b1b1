"""The Excel workbook: cover, participation, sheet names, text that stays text."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from engine.core import i18n
from engine.core.errors import EngineError
from engine.core.file_format import read_workshop
from engine.core.workshop import Workshop
from engine.excel import counts, export_workbook, workbook
from workbook_helpers import (block_lines, row_of, saved, strings, table)

TOKENS = "water-priorities results"
# The sheets of the cuts a workshop asking gender and age offers, after the exercises'.
CUT_SHEETS = ["By group", "By gender", "By age", "By group and gender", "By group and age"]
SAMPLE = Path(__file__).parents[2] / "sample_workshops" / "drc-south-kivu-tin.json"


def test_formula_looking_text_is_stored_as_text(workshop, formula):
    raw, book = saved(workshop)
    found = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line
             if cell.value in set(formula.values())]
    assert {cell.value for cell in found} == set(formula.values())
    # The group's and the items' labels are also the names of the parts of the room and the
    # columns of the ranks on the cut sheets.
    assert {cell.parent.title for cell in found} == {"Cover", "Participation", TOKENS,
                                                      "water-priorities working",
                                                      "water-priorities ballots", *CUT_SHEETS}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    assert sheets and not any(re.search(r"<f[ >]", xml) for xml in sheets)


def test_characters_xml_cannot_hold_are_dropped_not_fatal(workshop_data):
    data = workshop_data
    data["exercises"][0]["design"]["items"][0]["label"] = {"en": "Clean\x07 water"}
    _, book = saved(Workshop.model_validate(data))
    assert row_of(book[TOKENS], "Clean water")


def test_cover_counts_and_notes(workshop, workshop_data, formula):
    _, book = saved(workshop)
    sheet = book["Cover"]
    facts = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    expected = {"place": formula["place"], "date": dt.datetime(2026, 3, 1),
                "language": "en (English)", "code": "KDG24", "groups": 3, "participants": 6,
                "proxy_voters": 3, "exercises": 2, "ballots": 11, "threshold": 3}
    assert {key: facts[i18n.t(f"excel.cover.{key}")] for key in expected} == expected
    assert sheet["A1"].value == workshop.title
    for note in ("excel.cover.fictional", "excel.cover.anonymous"):
        assert i18n.t(note) in facts
    assert i18n.t("excel.cover.threshold_note", threshold=3) in facts
    real = Workshop.model_validate(workshop_data | {"fictional": False})
    assert i18n.t("excel.cover.fictional") not in strings(saved(real)[1])


def test_counts_take_the_largest_proxy_tally_of_any_exercise(workshop, workshop_data):
    assert counts(workshop).proxy_voters == 3
    data = workshop_data
    data["exercises"][1]["ballots"] = []
    data["exercises"][0]["ballots"][5]["voters"] = 2
    data["exercises"][0]["ballots"][5]["answer"]["beans"] = {"water": 20}
    assert counts(Workshop.model_validate(data)).proxy_voters == 2


def test_participation_per_group(workshop, formula):
    _, book = saved(workshop, "fr")
    rows = list(book["Participation"].iter_rows(values_only=True))
    assert rows == [
        ("Groupe", "Rôle (approche fondée sur les droits)", "Attendus", "Ont rejoint",
         "Votants\u00a0: Priorités eau", "Votants\u00a0: Actions"),
        ("Femmes concasseuses", "Titulaire de droits", 6, 3, 3, 1),
        ("Orpailleurs", "Titulaire de droits", 5, 2, 5, 4),
        (formula["group"], "Débiteur d'obligations", 2, 1, 1, 0),
        ("Total", None, 13, 6, 9, 5)]


def test_sheet_names_are_valid_and_unique(workshop_data):
    data = workshop_data
    data["exercises"][0]["id"] = "a" * 40
    data["exercises"][1]["id"] = "a" * 39 + "b"
    names = workbook(Workshop.model_validate(data)).sheetnames
    assert len({name.lower() for name in names}) == len(names) == 8 + len(CUT_SHEETS)
    assert all(len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name) for name in names)
    assert names[2:] == ["aaaaaaaaaaaaaaaaaaaaaaa results", "aaaaaaaaaaaaaaaaaaaaaaa working",
                         "aaaaaaaaaaaaaaaaaaaaaaa ballots", "aaaaaaaaaaaaaaaaaaaaa~2 results",
                         "aaaaaaaaaaaaaaaaaaaaa~2 working", "aaaaaaaaaaaaaaaaaaaaa~2 ballots",
                         *CUT_SHEETS]


def test_each_exercise_writes_its_kinds_sheets_in_the_workshops_order():
    """Every kind's sheets, after the cover and the participation, as the exercises are
    listed: the sample's six prioritisations, then its map, LIM and EMP."""
    names = workbook(read_workshop(SAMPLE)).sheetnames
    assert names[:5] == ["Cover", "Participation", "issues results", "issues working",
                         "issues ballots"]
    assert names[20:29] == ["Actors", "Links", "Power-interest grid", "LIM results",
                            "LIM ballots", "EMP interactions", "EMP risks", "EMP action plan",
                            "EMP ballots"]


def test_participation_counts_every_kind_of_exercise():
    """The sample's participation sheet has a column per exercise, whatever its kind; its LIM
    column counts each person who scored anything once (a flipchart for its head-count)."""
    workshop = read_workshop(SAMPLE)
    rows = list(workbook(workshop)["Participation"].iter_rows(values_only=True))
    assert rows[0][4:] == tuple(f"Voters: {e.title_in('en')}" for e in workshop.exercises)
    lim = workshop.exercise("lim")
    voters = len({b.participant for b in lim.ballots if b.voters == 1}) + sum(
        {b.participant: b.voters for b in lim.ballots if b.voters > 1}.values())
    assert rows[-1][4 + [e.id for e in workshop.exercises].index("lim")] == voters


def test_language_defaults_to_the_workshop_language(workshop_data):
    french = Workshop.model_validate(workshop_data | {"language": "fr"})
    assert workbook(french).sheetnames[:2] == ["Couverture", "Participation"]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_label_comes_from_the_catalogue(workshop, lang):
    _, book = saved(workshop, lang)
    assert not [text for text in strings(book) if text.startswith("excel.")]


def test_the_workbooks_texts_are_really_translated():
    """Most of the workbook's French is not its English (the catalogue test checks keys)."""
    def read(lang):
        with open(i18n.CORE_LOCALE_DIR / lang / "LC_MESSAGES" / "excel.po", "rb") as po_file:
            return {m.id: m.string for m in read_po(po_file) if m.id}
    english, french = read("en"), read("fr")
    assert sum(english[key] != french[key] for key in english) > len(english) * 0.8


def test_an_exercise_without_ballots_still_exports(workshop_data):
    data = workshop_data
    data["exercises"][0]["ballots"] = []
    _, book = saved(Workshop.model_validate(data))
    sheet = book[TOKENS]
    assert [line[3:5] for line in table(sheet, "tokens", "person", 3, 5)] == [(0, 0)] * 3
    assert block_lines(sheet, "tokens", "person") == []  # no agreement without ballots
    assert i18n.t("excel.results.no_group_shown") in strings(book)
    assert book["water-priorities ballots"].max_row == 1


def test_unwritable_path_is_an_engine_error(workshop, tmp_path):
    with pytest.raises(EngineError) as caught:
        export_workbook(workshop, tmp_path / "missing" / "out.xlsx")
    assert caught.value.key == "excel.unwritable"



