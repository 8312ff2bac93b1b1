"""The Excel workbook: the numbers a coordinator reads, anonymity, and text that stays text."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import openpyxl
import pytest
from babel.messages.pofile import read_po
from openpyxl.chart import BarChart, ScatterChart

from engine import i18n
from engine.errors import EngineError
from engine.excel import counts, export_workbook, workbook
from engine.model import Workshop

TOKENS, MATRIX = "water-priorities results", "actions results"


def saved(workshop: Workshop, lang: str | None = None) -> tuple[bytes, openpyxl.Workbook]:
    """Export to bytes and load them back, as a coordinator opening the file would."""
    stream = io.BytesIO()
    export_workbook(workshop, stream, lang)
    return stream.getvalue(), openpyxl.load_workbook(io.BytesIO(stream.getvalue()))


def row_of(sheet, text: str, column: int = 1) -> int:
    """The first row whose cell in ``column`` holds exactly ``text``."""
    return next(cell.row for cell in next(sheet.iter_cols(min_col=column, max_col=column))
                if cell.value == text)


def table(sheet, caption: str, rows: int, columns: int) -> list[tuple]:
    """The ``rows`` lines of the table under ``caption`` (its header line skipped)."""
    first = row_of(sheet, caption) + 2
    return [tuple(cell.value for cell in line) for line in
            sheet.iter_rows(min_row=first, max_row=first + rows - 1, max_col=columns)]


def sheet_strings(sheet) -> list[str]:
    """Every text value in a sheet, row by row."""
    return [value for line in sheet.iter_rows(values_only=True) for value in line
            if isinstance(value, str)]


def strings(book: openpyxl.Workbook) -> list[str]:
    """Every text value in the workbook."""
    return [text for sheet in book.worksheets for text in sheet_strings(sheet)]


def group_headings(texts: list[str]) -> list[str]:
    """The per-group table headings ("Miners (5 voters)") among ``texts``."""
    return [text for text in texts if re.fullmatch(r".+ \(\d+ voters\)", text)]


def test_token_results_under_both_weightings(workshop, formula):
    _, book = saved(workshop)
    sheet = book[TOKENS]
    person = table(sheet, i18n.t("excel.weighting.person"), 3, 5)
    assert person == [("Roads", None, 1, 34, pytest.approx(34 / 90, abs=1e-6)),
                      ("Clean water", "💧", 2, 29, pytest.approx(29 / 90, abs=1e-6)),
                      (formula["label"], formula["pictogram"], 3, 27, pytest.approx(0.3))]
    group = table(sheet, i18n.t("excel.weighting.group"), 3, 5)
    share = {item: pytest.approx(value, abs=1e-6) for item, value in (
        ("roads", (5 / 30 + 19 / 50 + 1) / 3), ("mercury", (18 / 30 + 9 / 50) / 3),
        ("water", (7 / 30 + 22 / 50) / 3))}  # the mean of the three groups' shares
    assert group == [("Roads", None, 1, share["roads"], None),
                     (formula["label"], formula["pictogram"], 2, share["mercury"], None),
                     ("Clean water", "💧", 3, share["water"], None)]
    share_cell = sheet.cell(row=row_of(sheet, "Roads"), column=5)
    assert share_cell.number_format == "0.0%"


def test_importance_urgency_results_with_translated_quadrants(workshop):
    _, book = saved(workshop, "fr")
    sheet = book["actions résultats"]
    person = table(sheet, i18n.t("excel.weighting.person", "fr"), 2, 7)
    assert person == [("Mercury retorts", None, 1, 4.2, 4.4, pytest.approx(18.48), "Agir maintenant"),
                      ("Training", None, 2, 4.0, 2.6, pytest.approx(10.4), "Planifier")]
    group = table(sheet, i18n.t("excel.weighting.group", "fr"), 2, 7)
    assert group == [("Training", None, 1, 4.375, 3.125, pytest.approx(13.671875), "Agir maintenant"),
                     ("Mercury retorts", None, 2, 3.375, 3.5, pytest.approx(11.8125), "Agir maintenant")]


def test_groups_side_by_side_and_small_groups_only_counted(workshop, formula):
    _, book = saved(workshop)
    sheet = book[TOKENS]
    heading_row = row_of(sheet, "Women crushers (3 voters)", column=3)
    assert sheet.cell(row=heading_row, column=6).value == "Miners (5 voters)"
    lines = [tuple(c.value for c in line) for line in
             sheet.iter_rows(min_row=heading_row + 2, max_row=heading_row + 4, max_col=8)]
    assert [(line[0], line[2], line[3], line[5], line[6]) for line in lines] == [
        ("Clean water", 2, 7, 1, 22), (formula["label"], 1, 18, 3, 9), ("Roads", 3, 5, 2, 19)]
    hidden = i18n.t("excel.results.hidden", count=1, threshold=3)
    assert sheet.cell(row=heading_row + 6, column=1).value == hidden
    texts = sheet_strings(sheet) + sheet_strings(book[MATRIX])
    assert group_headings(texts) == ["Women crushers (3 voters)", "Miners (5 voters)",
                                     "Miners (4 voters)"]  # women: 1 voter in the matrix exercise
    assert not any(formula["group"] in text for text in texts)  # the office: 1 voter


@pytest.mark.parametrize(("threshold", "shown", "hidden"), [(1, 3, 0), (10, 0, 3)])
def test_threshold_decides_which_groups_are_shown(workshop_data, threshold, shown, hidden):
    _, book = saved(Workshop.model_validate(workshop_data | {"small_group_threshold": threshold}))
    texts = sheet_strings(book[TOKENS])
    assert len(group_headings(texts)) == shown
    assert i18n.t("excel.results.hidden", count=hidden, threshold=threshold) in texts
    assert (i18n.t("excel.results.no_group_shown") in texts) == (shown == 0)


def test_ballots_sheet_lists_every_ballot_in_cast_order(workshop, formula):
    _, book = saved(workshop)
    sheet = book["water-priorities ballots"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("Ballot no.", "Participant token", "Group", "Proxy tally?", "Voters",
                       "Cast at (UTC)", "Counted (latest)?", "Clean water", formula["label"], "Roads")
    assert len(rows) - 1 == len(workshop.exercise("water-priorities").ballots) == 8
    assert [row[0] for row in rows[1:]] == list(range(1, 9))
    assert [row[6] for row in rows[1:]] == ["No"] + ["Yes"] * 7  # w1's first ballot was replaced
    assert rows[1][7:] == (6, 4, 0) and rows[8][7:] == (2, 8, 0)
    assert rows[6] == (6, "proxy-miners", "Miners", "Yes", 3, dt.datetime(2026, 3, 1, 9, 6),
                       "Yes", 12, 9, 9)
    matrix = list(book["actions ballots"].iter_rows(values_only=True))
    assert matrix[0][7:] == ("Training: importance", "Training: urgency",
                             "Mercury retorts: importance", "Mercury retorts: urgency")
    assert matrix[3][3:] == ("Yes", 3, dt.datetime(2026, 3, 1, 9, 22), "Yes", 4, 2, 5, 5)
    assert sheet.freeze_panes == "C2" and sheet["A1"].font.b


def test_formula_looking_text_is_stored_as_text(workshop, formula):
    raw, book = saved(workshop)
    found = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line
             if cell.value in set(formula.values())]
    assert {cell.value for cell in found} == set(formula.values())
    assert {cell.parent.title for cell in found} == {"Cover", "Participation", TOKENS,
                                                      "water-priorities ballots"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    assert sheets and not any(re.search(r"<f[ >]", xml) for xml in sheets)


def test_characters_xml_cannot_hold_are_dropped_not_fatal(workshop_data):
    data = workshop_data
    data["exercises"][0]["items"][0]["label"] = {"en": "Clean\x07 water"}
    _, book = saved(Workshop.model_validate(data))
    assert row_of(book[TOKENS], "Clean water")


def test_cover_counts_and_notes(workshop, workshop_data, formula):
    _, book = saved(workshop)
    sheet = book["Cover"]
    facts = {row[0]: row[1] for row in sheet.iter_rows(values_only=True)}
    expected = {"place": formula["place"], "date": dt.datetime(2026, 3, 1), "language": "en (English)",
                "code": "KDG24", "groups": 3, "participants": 6, "proxy_voters": 3,
                "exercises": 2, "ballots": 11, "threshold": 3}
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
         "Votants : Priorités eau", "Votants : Actions"),
        ("Femmes concasseuses", "Titulaire de droits", 6, 3, 3, 1),
        ("Orpailleurs", "Titulaire de droits", 5, 2, 5, 4),
        (formula["group"], "Débiteur d'obligations", 2, 1, 1, 0),
        ("Total", None, 13, 6, 9, 5)]


def test_charts_plot_the_person_weighted_table(workshop):
    book = workbook(workshop)
    tokens, matrix = book[TOKENS], book[MATRIX]
    [bar], [scatter] = tokens._charts, matrix._charts
    assert isinstance(bar, BarChart) and isinstance(scatter, ScatterChart)
    first = row_of(tokens, i18n.t("excel.weighting.person")) + 2
    assert bar.series[0].val.numRef.f == f"'{TOKENS}'!$D${first}:$D${first + 2}"
    assert bar.series[0].tx.strRef.f == f"'{TOKENS}'!D{first - 1}"
    assert bar.series[0].cat.numRef.f == f"'{TOKENS}'!$A${first}:$A${first + 2}"
    first = row_of(matrix, i18n.t("excel.weighting.person")) + 2
    assert [(s.tx.strRef.f, s.xVal.numRef.f, s.yVal.numRef.f) for s in scatter.series] == [
        (f"'{MATRIX}'!$A${row}", f"'{MATRIX}'!$D${row}", f"'{MATRIX}'!$E${row}")
        for row in (first, first + 1)]


def test_sheet_names_are_valid_and_unique(workshop_data):
    data = workshop_data
    data["exercises"][0]["id"] = "a" * 40
    data["exercises"][1]["id"] = "a" * 39 + "b"
    names = workbook(Workshop.model_validate(data)).sheetnames
    assert len({name.lower() for name in names}) == len(names) == 6
    assert all(len(name) <= 31 and not re.search(r"[\[\]:*?/\\]", name) for name in names)
    assert names[2:] == ["aaaaaaaaaaaaaaaaaaaaaaa results", "aaaaaaaaaaaaaaaaaaaaaaa ballots",
                         "aaaaaaaaaaaaaaaaaaaaa~2 results", "aaaaaaaaaaaaaaaaaaaaa~2 ballots"]


def test_language_defaults_to_the_workshop_language(workshop_data):
    french = Workshop.model_validate(workshop_data | {"language": "fr"})
    assert workbook(french).sheetnames[:2] == ["Couverture", "Participation"]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_label_comes_from_the_catalogue(workshop, lang):
    _, book = saved(workshop, lang)
    assert not [text for text in strings(book) if text.startswith("excel.")]


def test_catalogues_have_the_same_keys_and_placeholders():
    def read(lang):
        with open(i18n.LOCALE_DIR / lang / "LC_MESSAGES" / "excel.po", "rb") as po_file:
            return {m.id: m.string for m in read_po(po_file) if m.id}
    english, french = read("en"), read("fr")
    assert english.keys() == french.keys() and all(english.values()) and all(french.values())
    placeholders = re.compile(r"\{(\w+)\}")
    assert all(set(placeholders.findall(english[key])) == set(placeholders.findall(french[key]))
               for key in english)
    assert sum(english[key] != french[key] for key in english) > len(english) * 0.8


def test_an_exercise_without_ballots_still_exports(workshop_data):
    data = workshop_data
    data["exercises"][0]["ballots"] = []
    _, book = saved(Workshop.model_validate(data))
    sheet = book[TOKENS]
    assert [line[3:5] for line in table(sheet, i18n.t("excel.weighting.person"), 3, 5)] == [(0, 0)] * 3
    assert i18n.t("excel.results.no_group_shown") in strings(book)
    assert book["water-priorities ballots"].max_row == 1


def test_unwritable_path_is_an_engine_error(workshop, tmp_path):
    with pytest.raises(EngineError) as caught:
        export_workbook(workshop, tmp_path / "missing" / "out.xlsx")
    assert caught.value.key == "excel.unwritable"
