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
    """zones: the miners' means beside the pool of the hidden women and office (4 voters),
    counting twice: L (3 + 2·7/2)/3 = 10/3, E (2 + 2·15/4)/3 = 19/6, P (8/3 + 2·3/2)/3 = 17/9,
    S (3 + 2·2)/3 = 7/3, R (25/3 + 2·13/4)/3 = 89/18, C = 415/432; the 7 who scored it."""
    sheet = book["LIM results"]
    first = row_of(sheet, f"Composite score. {GROUP}") + 2
    zones = values(sheet, first, 1, 11)[0]
    means = (approx(10 / 3, abs=1e-6), approx(19 / 6, abs=1e-6), approx(17 / 9, abs=1e-6),
             approx(7 / 3, abs=1e-6), approx(89 / 18, abs=1e-6), approx(415 / 432, abs=1e-6))
    assert zones[:4] + zones[5:] == ("Zones", "🗺️", 1, "Incentive", *means)
    assert zones[4] == 7


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


def test_each_shown_group_and_their_disagreement(elders_plans_workshop):
    # With two elders, hidden with the office (see tests/engine/exercises/conftest.py): the
    # women and the miners are shown, with plans_workshop's hand-worked numbers.
    book = saved(elders_plans_workshop)[1]
    sheet = book["LIM results"]
    women, miners = row_of(sheet, "Women"), row_of(sheet, "Miners")
    assert [(line[0], line[2], line[10]) for line in values(sheet, women + 2, 2, 11)] == [
        ("Zones", 1, 1.375), ("Fines", 2, approx(7 / 24, abs=1e-6))]
    assert [(line[0], line[2], line[10]) for line in values(sheet, miners + 2, 2, 11)] == [
        ("Zones", 1, approx(4 / 9, abs=1e-6)), ("Fines", 2, approx(-17 / 36, abs=1e-6))]
    texts = [text for name in SHEETS for text in sheet_strings(book[name])]
    assert "Office" not in texts and "Elders" not in texts
    assert i18n.n("excel.results.hidden", 3, hidden=2) in texts
    assert lines_below(sheet, "Disagreement between groups (each shown group's composite score)",
                       3, 5) == [
        ("Instrument", "Spread (highest − lowest)", "Standard deviation", "Women", "Miners"),
        ("Zones", approx(67 / 72, abs=1e-6), approx(67 / 144, abs=1e-6), 1.375,
         approx(4 / 9, abs=1e-6)),
        ("Fines", approx(55 / 72, abs=1e-6), approx(55 / 144, abs=1e-6), approx(7 / 24, abs=1e-6),
         approx(-17 / 36, abs=1e-6))]
    assert "Most disagreed: Zones" in texts


def test_a_small_group_alone_is_hidden_with_the_next_smallest(book):
    """Without the elders the office (1 voter) is hidden with the women (3, tied with the
    miners, listed first), so that no subtraction gives the office's scores: the miners alone
    are shown, and there is no disagreement to show."""
    sheet = book["LIM results"]
    texts = [text for name in SHEETS for text in sheet_strings(book[name])]
    assert "Office" not in texts and "Women" not in texts
    miners = row_of(sheet, "Miners")
    assert [(line[0], line[2], line[10]) for line in values(sheet, miners + 2, 2, 11)] == [
        ("Zones", 1, approx(4 / 9, abs=1e-6)), ("Fines", 2, approx(-17 / 36, abs=1e-6))]
    assert i18n.n("excel.results.hidden", 3, hidden=2) in texts
    assert "Most disagreed: Zones" not in texts


def test_lim_ballots_one_row_per_instrument_scored(book):
    rows = list(book["LIM ballots"].iter_rows(values_only=True))
    # The columns every ballots sheet starts with (then the profile's, if the workbook lists
    # any), and the instrument's scores last.
    assert rows[0][:8] == ("Ballot no.", "Participant token", "Group", "Proxy tally?", "Voters",
                           "Cast at (UTC)", "Counted (latest)?", "Removed by the facilitator?")
    assert rows[0][-5:] == ("Instrument", "Leverage", "Effectiveness",
                            "Likelihood of unintended consequences",
                            "Severity of unintended consequences")
    assert len(rows) == 1 + 15
    # The women are hidden with the office (complementary suppression): not named either.
    small = "a group too small to be named"
    assert [row[:8] + row[-5:] for row in rows[1:3]] == [
        (1, "woman-1", small, "No", 1, dt.datetime(2026, 3, 1, 9, 1), "Yes", "No",
         "Zones", 5, 4, 2, 3),
        (1, "woman-1", small, "No", 1, dt.datetime(2026, 3, 1, 9, 1), "No", "No",
         "Fines", 2, 2, 4, 4)]  # re-scored at 9:09
    assert rows[7][2] == "Miners"
    assert rows[14][:3] == (7, "officer-1", small)
    assert rows[15][6:8] + rows[15][-5:] == ("Yes", "No", "Fines", 4, 3, 2, 2)


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
    # French: a no-break space before a colon.
    assert row_of(book["MLI résultats"], "Score composite\u00a0: C = 1·L′ + 1·E′ − 1·R′")
    assert "Non classé\u00a0: conditions non remplies (traceable)" in strings(book)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_lim_label_comes_from_the_catalogue(lang):
    _, book = saved(plans_workshop(), lang)
    keys = re.compile(r"^(excel|lim)\.[a-z_.]+$")
    assert not [text for name in book.sheetnames[2:4] for text in sheet_strings(book[name])
                if keys.match(text)]
