"""The workbook's LIM sheets, on the hand-worked workshop of ``plans_workshop`` (LIM exercise
``lim``, then EMP exercise ``emp``)."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile

import pytest
from pytest import approx

from engine.core import i18n
from engine.excel import workbook

from plans_workshop import FORMULA_LABEL, plans_workshop
from workbook_helpers import lines_below, row_of, saved, sheet_strings, strings

SHEETS = ["LIM results", "LIM ballots"]
RANKING_HEADER = ("Instrument", "Pictogram", "Rank", "Incentive or disincentive", "Voters",
                  "Leverage (mean)", "Effectiveness (mean)",
                  "Likelihood of unintended consequences (mean)",
                  "Severity of unintended consequences (mean)",
                  "Risk (likelihood × severity) (mean)", "Composite score", "Why not ranked",
                  "Conditions not known yet")
PERSON = "Weighting: by person (every voter counts the same)"
GROUP = "Weighting: by group (every stakeholder group that voted counts the same)"


@pytest.fixture(scope="module")
def book():
    """The workbook in English, saved and loaded back."""
    return saved(plans_workshop())[1]


def values(sheet, first: int, rows: int, columns: int) -> list[tuple]:
    """The values of ``rows`` lines from row ``first``."""
    return [tuple(line) for line in sheet.iter_rows(min_row=first, max_row=first + rows - 1,
                                                    max_col=columns, values_only=True)]


def test_the_lim_sheets_follow_the_cover_and_participation(book):
    """The LIM is the workshop's first exercise: its sheets come first, the EMP's after."""
    assert book.sheetnames[:4] == ["Cover", "Participation", *SHEETS]


def test_no_lim_sheets_without_a_lim(workshop):
    assert not set(SHEETS) & set(workbook(workshop).sheetnames)


def test_participation_and_cover_count_the_lim(book):
    """Everyone scored something; 8 score ballots and 8 rating ballots were sent."""
    assert values(book["Participation"], 1, 5, 5) == [
        ("Group", "HRBA role", "Expected", "Joined", "Voters: Leverage and Incentives Matrix"),
        ("Women", "Other", 0, 3, 3), ("Miners", "Other", 0, 3, 3),
        ("Office", "Other", 0, 1, 1), ("Total", None, 0, 7, 7)]
    cover = book["Cover"]
    sent = row_of(cover, "Ballots cast (changed votes included)")
    assert cover.cell(row=sent, column=2).value == 16


def test_the_formula_and_weights_are_written_above_the_ranking(book):
    sheet = book["LIM results"]
    formula = row_of(sheet, "Composite score: C = 1·L′ + 1·E′ − 1·R′")
    assert [sheet.cell(row=row, column=1).value for row in range(formula + 1, formula + 4)] == [
        "where L′ = (L − 1)/4; E′ = (E − 1)/4; R = mean(P·S); R′ = (R − 1)/24",
        ("Symbols: C = Composite score; L = Leverage; E = Effectiveness; P = Likelihood of "
         "unintended consequences; S = Severity of unintended consequences; R = Risk "
         "(likelihood × severity)"),
        ("Weights in use: leverage 1, effectiveness 1, risk -1. Scores run from 1 (low) to 5 "
         "(high); L, E, P and S are means over the voters.")]
    assert formula < row_of(sheet, f"Composite score. {PERSON}")


def test_person_ranking_with_gated_and_unscored_instruments(book):
    sheet = book["LIM results"]
    first = row_of(sheet, f"Composite score. {PERSON}") + 1
    assert values(sheet, first, 1, 13) == [RANKING_HEADER]
    assert values(sheet, first + 1, 4, 13) == [
        ("Zones", "🗺️", 1, "Incentive", 7, approx(23 / 7, abs=1e-6), 3, 2,
         approx(17 / 7, abs=1e-6), approx(38 / 7, abs=1e-6), approx(149 / 168, abs=1e-6), None,
         None),
        ("Fines", None, 2, "Disincentive", 6, approx(7 / 3, abs=1e-6), approx(11 / 6, abs=1e-6),
         approx(23 / 6, abs=1e-6), 4, approx(97 / 6, abs=1e-6), approx(-13 / 144, abs=1e-6),
         None, None),
        ("Royalty", None, None, "Incentive", 1, 5, 5, 1, 1, 1, 2,
         "Not ranked: conditions unmet (traceable)", "method"),
        (FORMULA_LABEL, None, None, "Incentive", 0, *[None] * 6, "Not ranked: not scored yet",
         None)]
    assert sheet.cell(row=first + 1, column=6).number_format == "0.00"
    assert sheet.cell(row=first + 1, column=11).number_format == "0.000"


def test_group_weighting_averages_the_groups_means(book):
    sheet = book["LIM results"]
    first = row_of(sheet, f"Composite score. {GROUP}") + 2
    zones = values(sheet, first, 1, 11)[0]
    assert zones == ("Zones", "🗺️", 1, "Incentive", 7, 3, 3, approx(16 / 9, abs=1e-6),
                     approx(19 / 9, abs=1e-6), approx(40 / 9, abs=1e-6),
                     approx(185 / 216, abs=1e-6))


def test_instruments_and_their_conditions(book):
    sheet = book["LIM results"]
    assert lines_below(sheet, "Instruments", 3, 7) == [
        ("Instrument", "Pictogram", "Incentive or disincentive", "Whose behaviour should change",
         "Objective (change desired)", "What it looks like (package)", "Limitations"),
        ("Zones", "🗺️", "Incentive", "Miners", "zones objective", "zones package",
         "zones limitations"),
        ("Royalty", None, "Incentive", None, "royalty objective", "royalty package", None)]
    assert lines_below(sheet, "Non-negotiable conditions", 4, 3) == [
        ("Instrument", "Condition", "Met?"), ("Zones", "gold condition", "Met"),
        ("Royalty", "traceable condition", "Unmet"),
        ("Royalty", "method condition", "Not known yet")]


def test_each_shown_group_and_their_disagreement(book):
    sheet = book["LIM results"]
    women, miners = row_of(sheet, "Women"), row_of(sheet, "Miners")
    assert [(line[0], line[2], line[10]) for line in values(sheet, women + 2, 2, 11)] == [
        ("Zones", 1, 1.375), ("Fines", 2, approx(7 / 24, abs=1e-6))]
    assert [(line[0], line[2], line[10]) for line in values(sheet, miners + 2, 2, 11)] == [
        ("Zones", 1, approx(4 / 9, abs=1e-6)), ("Fines", 2, approx(-17 / 36, abs=1e-6))]
    texts = [text for name in SHEETS for text in sheet_strings(book[name])]
    assert "Office" not in texts
    assert i18n.n("excel.results.hidden", 3, hidden=1) in texts
    assert lines_below(sheet, "Disagreement between groups (each shown group's composite score)",
                       3, 5) == [
        ("Instrument", "Spread (highest − lowest)", "Standard deviation", "Women", "Miners"),
        ("Zones", approx(67 / 72, abs=1e-6), approx(67 / 144, abs=1e-6), 1.375,
         approx(4 / 9, abs=1e-6)),
        ("Fines", approx(55 / 72, abs=1e-6), approx(55 / 144, abs=1e-6), approx(7 / 24, abs=1e-6),
         approx(-17 / 36, abs=1e-6))]
    assert "Most disagreed: Zones" in texts


def test_lim_ballots_one_row_per_instrument_scored(book):
    rows = list(book["LIM ballots"].iter_rows(values_only=True))
    assert rows[0] == ("Ballot no.", "Participant token", "Group", "Proxy tally?", "Voters",
                       "Cast at (UTC)", "Counted (latest)?", "Instrument", "Leverage",
                       "Effectiveness", "Likelihood of unintended consequences",
                       "Severity of unintended consequences")
    assert len(rows) == 1 + 15
    assert rows[1:3] == [
        (1, "woman-1", "Women", "No", 1, dt.datetime(2026, 3, 1, 9, 1), "Yes", "Zones", 5, 4, 2, 3),
        (1, "woman-1", "Women", "No", 1, dt.datetime(2026, 3, 1, 9, 1), "No", "Fines", 2, 2, 4,
         4)]  # re-scored at 9:09
    assert rows[14][:3] == (7, "officer-1", "a group too small to be named")
    assert rows[15][6:] == ("Yes", "Fines", 4, 3, 2, 2)


def test_typed_text_stays_text_in_the_lim_sheets():
    raw, book = saved(plans_workshop())
    found = [cell for name in SHEETS for line in book[name].iter_rows() for cell in line
             if cell.value == FORMULA_LABEL]
    assert {cell.parent.title for cell in found} == {"LIM results"}
    assert all(cell.data_type == "s" and cell.quotePrefix for cell in found)
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets)


def test_the_sheets_in_french():
    _, book = saved(plans_workshop(), "fr")
    assert book.sheetnames[2:4] == ["MLI résultats", "MLI bulletins"]
    assert row_of(book["MLI résultats"], "Score composite : C = 1·L′ + 1·E′ − 1·R′")
    assert "Non classé : conditions non remplies (traceable)" in strings(book)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_lim_label_comes_from_the_catalogue(lang):
    _, book = saved(plans_workshop(), lang)
    keys = re.compile(r"^(excel|lim)\.[a-z_.]+$")
    assert not [text for name in book.sheetnames[2:4] for text in sheet_strings(book[name])
                if keys.match(text)]
