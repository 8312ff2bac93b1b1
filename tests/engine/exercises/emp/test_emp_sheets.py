"""The workbook's EMP sheets, on the hand-worked workshop of ``plans_workshop`` (LIM exercise
``lim``, then EMP exercise ``emp``)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from pytest import approx

from engine.core import i18n
from engine.core.workshop import Workshop
from engine.excel import workbook

from plans_workshop import FORMULA_RESPONSIBLE, plans_workshop, plans_workshop_data
from workbook_helpers import lines_below, row_of, saved, sheet_strings

SHEETS = ["EMP interactions", "EMP risks", "EMP action plan", "EMP ballots"]
PERSON = "Weighting: by person (every voter counts the same)"
GROUP = "Weighting: by group (every stakeholder group that voted counts the same)"
CELLS_HEADER = ("Cell", "Land use", "Environmental value", "Voters", "Share +", "Share N",
                "Share −", "Majority", "Status")


@pytest.fixture(scope="module")
def book():
    """The workbook in English, saved and loaded back."""
    return saved(plans_workshop())[1]


def values(sheet, first: int, rows: int, columns: int) -> list[tuple]:
    """The values of ``rows`` lines from row ``first``."""
    return [tuple(line) for line in sheet.iter_rows(min_row=first, max_row=first + rows - 1,
                                                    max_col=columns, values_only=True)]


def test_the_emp_sheets_follow_the_lims(book):
    """The EMP is the workshop's second exercise: its sheets come after the LIM's (and before
    the cuts of the room, "By group"…)."""
    assert book.sheetnames[4:8] == SHEETS


def test_no_emp_sheets_without_an_emp(workshop):
    assert not set(SHEETS) & set(workbook(workshop).sheetnames)


def test_participation_counts_the_emp(book):
    """Everyone rated something."""
    assert [line[5] for line in values(book["Participation"], 1, 5, 6)] == [
        "Voters: Community Environmental Management Plan (EMP)", 3, 3, 1, 7]


def grid(sheet, weighting: str) -> list[tuple]:
    """The interaction grid under ``weighting``: its header, categories and three land uses."""
    return values(sheet, row_of(sheet, f"Interaction matrix. {weighting}") + 1, 5, 3)


def test_the_interaction_grid_shows_symbol_status_and_shares(book):
    sheet = book["EMP interactions"]
    assert grid(sheet, PERSON) == [
        ("Land use ↓ / value →", "River", "Forest"), (None, "Natural feature", "Habitat"),
        ("⛏️ Mining", "− Consensus\n+ 20% · N 0% · − 80%", "± Contested\n+ 40% · N 0% · − 60%"),
        ("Farming", "+ Consensus\n+ 75% · N 25% · − 0%", "N Consensus\n+ 25% · N 75% · − 0%"),
        ("Villages", "~ Too few ratings\n+ 50% · N 50% · − 0%", "not rated")]
    # Under group weighting the office is hidden with the women: their pooled ratings (− − − +)
    # count twice beside the miners' −: + (0 + 2·1/4)/3 = 1/6, − (1 + 2·3/4)/3 = 5/6.
    assert grid(sheet, GROUP)[2][1] == "− Consensus\n+ 17% · N 0% · − 83%"


def test_grid_cells_are_filled_and_contested_ones_bordered(book):
    sheet = book["EMP interactions"]
    mining = row_of(sheet, f"Interaction matrix. {PERSON}") + 3
    looks = {(row, column): sheet.cell(row=mining + row, column=2 + column)
             for row in range(3) for column in range(2)}
    fills = {place: (cell.fill.fill_type, cell.fill.fgColor.rgb[-6:])
             for place, cell in looks.items()}
    assert fills == {(0, 0): ("solid", "EEBF99"),  # − : vermillion
                     (0, 1): ("solid", "F9F4B3"),  # ± : yellow
                     (1, 0): ("solid", "99D8C7"),  # + : bluish green
                     (1, 1): ("solid", "D9D9D9"),  # N : grey
                     (2, 0): (None, "000000"), (2, 1): (None, "000000")}  # tie, not rated
    borders = {place: cell.border.left.style for place, cell in looks.items()}
    assert borders == {place: "mediumDashed" if place == (0, 1) else None for place in looks}
    assert all(cell.alignment.wrap_text for cell in looks.values())


def test_the_legend_draws_each_symbol_as_the_grid_does(book):
    sheet = book["EMP interactions"]
    first = row_of(sheet, "Legend: each cell shows the majority's symbol and the cell's status, "
                          "then the share of each answer.") + 1
    legend = [(sheet.cell(row=row, column=1), sheet.cell(row=row, column=2).value)
              for row in range(first, first + 6)]
    assert [(cell.value, cell.fill.fgColor.rgb[-6:] if cell.fill.fill_type else None)
            for cell, _ in legend] == [("+", "99D8C7"), ("N", "D9D9D9"), ("−", "EEBF99"),
                                      ("±", "F9F4B3"), ("~", None), ("not rated", None)]
    assert legend[3][0].border.left.style == "mediumDashed"
    assert legend[3][1].startswith("Contested: + and − each have at least a third")


def test_one_row_per_cell_with_shares_as_numbers(book):
    sheet = book["EMP interactions"]
    first = row_of(sheet, f"Each cell. {PERSON}") + 1
    assert values(sheet, first, 7, 9) == [
        CELLS_HEADER,
        ("asm:river", "Mining", "River", 5, 0.2, 0, 0.8, "− Negative", "Consensus"),
        ("asm:forest", "Mining", "Forest", 5, 0.4, 0, 0.6, "− Negative", "Contested"),
        ("farming:river", "Farming", "River", 4, 0.75, 0.25, 0, "+ Positive", "Consensus"),
        ("farming:forest", "Farming", "Forest", 4, 0.25, 0.75, 0, "N Neutral", "Consensus"),
        ("settlement:river", "Villages", "River", 2, 0.5, 0.5, 0, "No majority",
         "Too few ratings"),
        ("settlement:forest", "Villages", "Forest", 0, 0, 0, 0, None, "Too few ratings")]
    assert sheet.cell(row=first + 1, column=5).number_format == "0.0%"
    group = row_of(sheet, f"Each cell. {GROUP}") + 2
    assert values(sheet, group, 1, 9) == [  # the 5 people who rated it, pooled as above
        ("asm:river", "Mining", "River", 5, approx(1 / 6, abs=1e-6), 0, approx(5 / 6, abs=1e-6),
         "− Negative", "Consensus")]


BY_GROUP = "Each cell by stakeholder group (each group's own voters, unweighted)"


def test_each_shown_group_has_its_own_cells(elders_plans_workshop):
    # With two elders, hidden with the office (see tests/engine/exercises/conftest.py): the
    # women and the miners are shown, with plans_workshop's hand-worked cells.
    sheet = saved(elders_plans_workshop)[1]["EMP interactions"]
    start = row_of(sheet, BY_GROUP)
    assert values(sheet, start + 1, 7, 9) == [
        ("Women", *[None] * 8), CELLS_HEADER,
        ("asm:river", "Mining", "River", 3, 0, 0, 1, "− Negative", "Consensus"), (None,) * 9,
        ("Miners", *[None] * 8), CELLS_HEADER,
        ("asm:forest", "Mining", "Forest", 3, approx(2 / 3, abs=1e-6), 0,
         approx(1 / 3, abs=1e-6), "+ Positive", "Contested")]
    assert "Elders" not in sheet_strings(sheet)


def test_a_small_group_alone_is_hidden_with_the_next_smallest(book):
    """Without the elders the office (1 voter) is hidden with the women (3, tied with the
    miners, listed first), so that no subtraction gives the office's ratings."""
    sheet = book["EMP interactions"]
    assert values(sheet, row_of(sheet, BY_GROUP) + 1, 3, 9) == [
        ("Miners", *[None] * 8), CELLS_HEADER,
        ("asm:forest", "Mining", "Forest", 3, approx(2 / 3, abs=1e-6), 0,
         approx(1 / 3, abs=1e-6), "+ Positive", "Contested")]
    texts = sheet_strings(sheet)
    assert "Women" not in texts and i18n.n("excel.results.hidden", 3, hidden=2) in texts


def test_risk_register_and_the_negative_cells_not_assessed(book):
    sheet = book["EMP risks"]
    assert sheet["A2"].value == ("Risk = likelihood × consequence, each 1 (low) to 5 (high); rank "
                                 "1 = the highest risk. Bands: Low 1–4; Medium 5–10; High 12–25.")
    assert values(sheet, 4, 3, 8) == [
        ("Cell", "Land use", "Environmental value", "Likelihood (1–5)", "Consequence (1–5)",
         "Risk (likelihood × consequence)", "Band", "Rank"),
        ("asm:river", "Mining", "River", 4, 4, 16, "High", 1),
        ("farming:forest", "Farming", "Forest", 2, 2, 4, "Low", 2)]
    assert lines_below(sheet, "Negative or contested cells (person weighting) not assessed yet",
                       1, 3, skip=2) == [("asm:forest", "Mining", "Forest")]


def test_action_plan_by_priority_then_by_year(book):
    sheet = book["EMP action plan"]
    assert sheet["A2"].value == "From 2026-03-01 to 2029-02-28 (3 years), reviewed every year."
    assert sheet["A4"].value.startswith("Quadrants: an axis is high when its mean is 3 or more")
    assert values(sheet, 6, 4, 11) == [
        ("Rank", "Action", "Mitigation step", "Cells addressed", "Importance (1–5)",
         "Urgency (1–5)", "Priority (importance × urgency)", "Quadrant", "Responsible",
         "Plan years", "Next review"),
        (1, "River buffer", "Avoid", "Mining × River", 5, 4, 20, "Act now", "Miners", "1, 2",
         dt.datetime(2026, 9, 1)),
        (1, "Use retorts", "Minimise", "Mining × River", 4, 5, 20, "Act now", "Women", "1",
         dt.datetime(2026, 9, 1)),
        # urgency 3 is the middle of 1–5, which counts as high: act now, not plan (issue 13)
        (3, "Plant hedges", "Rehabilitate", "Farming × Forest", 4, 3, 12, "Act now",
         FORMULA_RESPONSIBLE, "2, 3", dt.datetime(2027, 3, 1))]
    assert sheet.cell(row=7, column=11).number_format == "yyyy-mm-dd"
    year = dt.datetime
    assert lines_below(sheet, "Actions by year of the plan", 5, 6, skip=2) == [
        (1, year(2026, 3, 1), year(2027, 2, 28), 1, "River buffer", "Avoid"),
        (1, year(2026, 3, 1), year(2027, 2, 28), 1, "Use retorts", "Minimise"),
        (2, year(2027, 3, 1), year(2028, 2, 29), 1, "River buffer", "Avoid"),
        (2, year(2027, 3, 1), year(2028, 2, 29), 3, "Plant hedges", "Rehabilitate"),
        (3, year(2028, 3, 1), year(2029, 2, 28), 3, "Plant hedges", "Rehabilitate")]
    assert lines_below(sheet, "Negative or contested cells (person weighting) that no action "
                              "addresses", 1, 3, skip=2) == [("asm:forest", "Mining", "Forest")]


def test_emp_ballots_one_row_per_cell_rated(book):
    rows = list(book["EMP ballots"].iter_rows(values_only=True))
    # The columns every ballots sheet starts with (then the profile's, if the workbook lists
    # any), and the cell rated last.
    assert rows[0][7] == "Removed by the facilitator?"
    assert rows[0][-4:] == ("Cell", "Land use", "Environmental value", "Rating")
    assert len(rows) == 1 + 21
    assert [row[-4:] for row in rows[1:4]] == [("asm:river", "Mining", "River", "−"),
                                               ("asm:forest", "Mining", "Forest", "−"),
                                               ("farming:river", "Farming", "River", "+")]
    woman_3 = [row for row in rows[1:] if row[1] == "woman-3"]
    assert [(row[0], row[6], row[7], row[-1]) for row in woman_3] == [
        (3, "No", "No", "+"), (8, "Yes", "No", "−")]
    # The office is hidden, and the women with it (complementary suppression): neither named.
    groups = {row[1]: row[2] for row in rows[1:]}
    assert groups["officer-1"] == groups["woman-3"] == "a group too small to be named"
    assert groups["miner-1"] == "Miners"


def test_typed_text_stays_text_in_the_emp_sheets():
    raw, book = saved(plans_workshop())
    found = [cell for name in SHEETS for line in book[name].iter_rows() for cell in line
             if cell.value == FORMULA_RESPONSIBLE]
    assert {cell.parent.title for cell in found} == {"EMP action plan"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets)


def test_the_sheets_in_french():
    _, book = saved(plans_workshop(), "fr")
    assert book.sheetnames[4:8] == ["PGE interactions", "PGE risques", "PGE plan d'action",
                                    "PGE bulletins"]
    sheet = book["PGE interactions"]
    person = row_of(sheet, "Matrice des interactions. Pondération\u00a0: par personne (chaque "
                           "votant compte autant)")  # a no-break space before the colon
    assert sheet.cell(row=person + 3, column=3).value == (
        "± Contesté\n+ 40\u00a0% · N 0\u00a0% · − 60\u00a0%")
    assert lines_below(book["PGE plan d'action"], "Rang", 1, 3, skip=1) == [
        (1, "River buffer (fr)", "Éviter")]


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_emp_label_comes_from_the_catalogue(lang):
    _, book = saved(plans_workshop(), lang)
    keys = re.compile(r"^(excel|emp|quadrant)\.[a-z_.]+$")
    assert not [text for name in book.sheetnames[4:] for text in sheet_strings(book[name])
                if keys.match(text)]


def test_custom_risk_bands_keep_their_own_names():
    data = plans_workshop_data()
    data["exercises"][1]["design"]["bands"] = [{"name": "acceptable", "low": 1, "high": 9},
                                               {"name": "intolerable", "low": 10, "high": 25}]
    _, book = saved(Workshop.model_validate(data))
    assert [line[6] for line in values(book["EMP risks"], 5, 2, 7)] == ["intolerable",
                                                                        "acceptable"]
