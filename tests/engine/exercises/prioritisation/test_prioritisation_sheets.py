"""A prioritisation's sheets of the workbook: the numbers a coordinator reads, anonymity.

The workshops are the hand-worked ones of ``tests/engine/conftest.py``: every expected number
here is worked there.
"""

from __future__ import annotations

import datetime as dt
import io
from fractions import Fraction as F
import re
import zipfile

import pytest
from openpyxl.chart import BarChart, ScatterChart

from engine.core import i18n
from engine.core.workshop import Workshop
from engine.excel import workbook
from engine.exercises.prioritisation.results import AGGREGATIONS
from workbook_helpers import (block_lines, caption, first_item_row, group_headings, lines_below,
                              row_of, saved, sheet_strings, strings, table)

TOKENS, MATRIX = "water-priorities results", "actions results"
RANKING, PAIRWISE, SCORING = "order results", "pairs results", "scores results"



def test_token_results_under_both_weightings(workshop, formula):
    _, book = saved(workshop)
    sheet = book[TOKENS]
    person = table(sheet, "tokens", "person", 3, 5)
    assert person == [("Roads", None, 1, 34, pytest.approx(34 / 90, abs=1e-6)),
                      ("Clean water", "💧", 2, 29, pytest.approx(29 / 90, abs=1e-6)),
                      (formula["label"], formula["pictogram"], 3, 27, pytest.approx(0.3))]
    group = table(sheet, "tokens", "group", 3, 5)
    # The office (1 voter) is hidden, and the women (3) with it: pooled, 4 voters, 40 beans
    # (roads 5 + 10, mercury 18, water 7), the pool counting twice (two hidden groups) beside
    # the miners' shares of 50 beans.
    share = {item: pytest.approx(value, abs=1e-6) for item, value in (
        ("roads", (19 / 50 + 2 * 15 / 40) / 3), ("mercury", (9 / 50 + 2 * 18 / 40) / 3),
        ("water", (22 / 50 + 2 * 7 / 40) / 3))}  # 113/300, 9/25, 79/300
    assert group == [("Roads", None, 1, share["roads"], None),
                     (formula["label"], formula["pictogram"], 2, share["mercury"], None),
                     ("Clean water", "💧", 3, share["water"], None)]
    share_cell = sheet.cell(row=row_of(sheet, "Roads"), column=5)
    assert share_cell.number_format == "0.0%"


def test_importance_urgency_results_with_translated_quadrants(workshop):
    _, book = saved(workshop, "fr")
    sheet = book["actions résultats"]
    assert row_of(sheet, "Importance × urgence. Pondération\u00a0: par personne (chaque votant "
                         "compte autant)")  # French: a no-break space before the colon
    person = table(sheet, "importance-urgency", "person", 2, 7, "fr")
    assert person == [("Mercury retorts", None, 1, 4.2, 4.4, pytest.approx(18.48),
                       "Agir maintenant"),
                      ("Training", None, 2, 4.0, 2.6, pytest.approx(10.4), "Planifier")]
    # The women (1 voter) are hidden, and the miners (4) with them, or the women's ratings
    # would be the room's minus the miners': both hidden, pooled, every voter weighs alike and
    # the table by group is the table by person.
    group = table(sheet, "importance-urgency", "group", 2, 7, "fr")
    assert group == person


def test_groups_side_by_side_and_small_groups_only_counted(elders_workshop, formula):
    # The office (1 voter) and the elders (2) hidden together; see this folder's conftest.
    _, book = saved(elders_workshop)
    sheet = book[TOKENS]
    heading_row = row_of(sheet, "Women crushers (3 voters)", column=3)
    assert sheet.cell(row=heading_row, column=6).value == "Miners (5 voters)"
    # Each group's Kendall's W with ties: women's rank sums 6, 7, 5 → S = 2, ties 6 + 6, so
    # W = 12·2 / (9·24 − 3·12) = 2/15; miners' 4.5, 7.5, 6 → S = 4.5, ties 3 × 6, W = 1/3.
    assert [cell.value for cell in sheet[heading_row + 1]][:7] == [
        "Agreement within the group (Kendall's W)", None, pytest.approx(2 / 15, abs=1e-6),
        "very weak agreement", None, pytest.approx(1 / 3, abs=1e-6), "weak agreement"]
    assert sheet.cell(row=heading_row + 1, column=3).number_format == "0.000"
    lines = [tuple(c.value for c in line) for line in
             sheet.iter_rows(min_row=heading_row + 3, max_row=heading_row + 5, max_col=8)]
    assert [(line[0], line[2], line[3], line[5], line[6]) for line in lines] == [
        ("Clean water", 2, 7, 1, 22), (formula["label"], 1, 18, 3, 9), ("Roads", 3, 5, 2, 19)]
    hidden = i18n.n("excel.results.hidden", 3, hidden=2)  # the office and the elders
    assert sheet.cell(row=heading_row + 7, column=1).value == hidden
    texts = sheet_strings(sheet) + sheet_strings(book[MATRIX])
    # Matrix exercise: the women (1 voter) and the elders (2) are hidden, 3 people together.
    assert group_headings(texts) == ["Women crushers (3 voters)", "Miners (5 voters)",
                                     "Miners (4 voters)"]
    assert not any(formula["group"] in text for text in texts)  # the office: 1 voter
    assert not any(text.startswith("Elders") for text in texts)  # 2 voters


@pytest.mark.parametrize(("threshold", "shown", "hidden", "note"), [
    (1, 3, 0, "Small groups hidden: 0 (fewer than 1 voter each, or hidden with them so that "),
    # The office (1 voter) alone would be the room minus the women and the miners: the next
    # smallest group, the women (3 voters), is hidden with it; the miners (5) are shown.
    (3, 1, 2, "Small groups hidden: 2 (fewer than 3 voters each, or hidden with them so that "),
    (10, 0, 3, "Small groups hidden: 3 (fewer than 10 voters each, or hidden with them so ")])
def test_threshold_decides_which_groups_are_shown(workshop_data, threshold, shown, hidden, note):
    _, book = saved(Workshop.model_validate(workshop_data | {"small_group_threshold": threshold}))
    texts = sheet_strings(book[TOKENS])
    assert len(group_headings(texts)) == shown
    assert any(text.startswith(note) for text in texts)
    assert (i18n.t("excel.results.no_group_shown") in texts) == (shown == 0)


def test_ballots_sheet_lists_every_ballot_in_cast_order(workshop, formula):
    _, book = saved(workshop)
    sheet = book["water-priorities ballots"]
    rows = list(sheet.iter_rows(values_only=True))
    # The columns every ballots sheet starts with (then the profile's, if the workbook lists
    # any), and the answers last: one column per item.
    assert rows[0][:8] == ("Ballot no.", "Participant token", "Group", "Proxy tally?", "Voters",
                           "Cast at (UTC)", "Counted (latest)?", "Removed by the facilitator?")
    assert rows[0][-3:] == ("Clean water", formula["label"], "Roads")
    assert len(rows) - 1 == len(workshop.exercise("water-priorities").ballots) == 8
    assert [row[0] for row in rows[1:]] == list(range(1, 9))
    assert [row[6] for row in rows[1:]] == ["No"] + ["Yes"] * 7  # w1's first ballot was replaced
    assert [row[7] for row in rows[1:]] == ["No"] * 8  # nobody was removed
    assert rows[1][-3:] == (6, 4, 0) and rows[8][-3:] == (2, 8, 0)
    assert rows[6][:8] + rows[6][-3:] == (6, "proxy-miners", "Miners", "Yes", 3,
                                          dt.datetime(2026, 3, 1, 9, 6), "Yes", "No", 12, 9, 9)
    matrix = list(book["actions ballots"].iter_rows(values_only=True))
    assert matrix[0][-4:] == ("Training: importance", "Training: urgency",
                              "Mercury retorts: importance", "Mercury retorts: urgency")
    assert matrix[3][3:8] + matrix[3][-4:] == ("Yes", 3, dt.datetime(2026, 3, 1, 9, 22), "Yes",
                                               "No", 4, 2, 5, 5)
    assert sheet.freeze_panes == "C2" and sheet["A1"].font.b


def test_charts_plot_the_person_weighted_table(workshop):
    book = workbook(workshop)
    tokens, matrix = book[TOKENS], book[MATRIX]
    [bar], [scatter] = tokens._charts, matrix._charts
    assert isinstance(bar, BarChart) and isinstance(scatter, ScatterChart)
    first = first_item_row(tokens, "tokens", "person")
    assert bar.series[0].val.numRef.f == f"'{TOKENS}'!$D${first}:$D${first + 2}"
    assert bar.series[0].tx.strRef.f == f"'{TOKENS}'!D{first - 1}"
    assert bar.series[0].cat.numRef.f == f"'{TOKENS}'!$A${first}:$A${first + 2}"
    first = first_item_row(matrix, "importance-urgency", "person")
    assert [(s.tx.strRef.f, s.xVal.numRef.f, s.yVal.numRef.f) for s in scatter.series] == [
        (f"'{MATRIX}'!$A${row}", f"'{MATRIX}'!$D${row}", f"'{MATRIX}'!$E${row}")
        for row in (first, first + 1)]


def test_every_aggregation_under_every_weighting_that_applies(methods_workshop):
    book = workbook(methods_workshop)
    every = {caption(a, w): (a, w) for aggregations in AGGREGATIONS.values() for a in aggregations
             for w in ("person", "group", "custom")}
    blocks = {name: [every[text] for text in sheet_strings(book[name]) if text in every]
              for name in (RANKING, PAIRWISE, SCORING)}
    assert blocks[RANKING] == [(a, w) for a in ("borda", "copeland", "schulze")
                               for w in ("person", "group", "custom")]  # it has group weights
    assert blocks[PAIRWISE] == [(a, w) for a in ("wins", "copeland", "schulze", "schulze-margins",
                                                 "bradley-terry")
                                for w in ("person", "group")]
    assert blocks[SCORING] == [("matrix", "person"), ("matrix", "group")]


def test_borda_points_and_ranks_as_worked_by_hand(methods_workshop, proposed):
    _, book = saved(methods_workshop)
    sheet = book[RANKING]
    assert table(sheet, "borda", "person", 3, 4) == [
        ("Roads", None, 1, 9), ("Clean water", "💧", 2, 8), (proposed["label"], None, 3, 4)]
    def thirds(count):
        return pytest.approx(count / 3, abs=1e-6)
    # The office (1 voter) and the women (3) hidden, pooled: 4 voters with water 7, roads 4,
    # mercury 1 points; the miners 3 voters with water 1, roads 5, mercury 3. By group each
    # pooled voter weighs 2/4 (two groups), a miner 1/3: water 7/2 + 1/3 = 23/6, roads
    # 2 + 5/3 = 11/3, mercury 1/2 + 1 = 3/2. Custom (women 2): a pooled voter weighs (2 + 1)/4:
    # water 21/4 + 1/3 = 67/12, roads 3 + 5/3 = 14/3, mercury 3/4 + 1 = 7/4.
    def exactly(fraction):
        return pytest.approx(float(fraction), abs=1e-6)
    assert table(sheet, "borda", "group", 3, 4) == [
        ("Clean water", "💧", 1, exactly(F(23, 6))), ("Roads", None, 2, thirds(11)),
        (proposed["label"], None, 3, exactly(F(3, 2)))]
    assert table(sheet, "borda", "custom", 3, 4) == [
        ("Clean water", "💧", 1, exactly(F(67, 12))), ("Roads", None, 2, thirds(14)),
        (proposed["label"], None, 3, exactly(F(7, 4)))]
    for aggregation in ("copeland", "schulze"):
        assert [line[2:] for line in table(sheet, aggregation, "person", 3, 4)] == [
            (1, 2), (2, 1), (3, 0)]
    header = first_item_row(sheet, "borda", "person") - 1
    assert [cell.value for cell in sheet[header]][:4] == [
        "Item", "Pictogram", "Rank", "Borda points"]


def test_custom_weights_and_agreement_are_written(methods_workshop):
    _, book = saved(methods_workshop)
    sheet = book[RANKING]
    agreement = ("Agreement between voters (Kendall's W): W = 0.143, χ² = 2.00, df = 2, "
                 "p = 0.368: very weak agreement (7 voters).")  # W = 1/7, χ² = 2, p = e⁻¹
    assert block_lines(sheet, "borda", "person") == [agreement]
    # The women (weight 2) are hidden with the office (weight 1): the office alone would be the
    # room minus the miners and the women (3 voters each; the tie goes to the earlier group). The
    # hidden groups' weights are listed without their names.
    assert block_lines(sheet, "schulze", "custom") == [
        "Group weights used: Miners × 1; small groups not shown (2) × 1, 2.", agreement]
    french = saved(methods_workshop, "fr")[1]["order résultats"]
    assert block_lines(french, "borda", "custom", "fr") == [
        "Poids des groupes utilisés\u00a0: Orpailleurs × 1\u202f; petits groupes non montrés (2) "
        "× 1, 2.",  # French: a no-break space before ":", a narrow one before ";"
        ("Accord entre votants (W de Kendall)\u00a0: W = 0,143, χ² = 2,00, ddl = 2, "
         "p = 0,368\u00a0: accord très faible (7 votants).")]
    assert block_lines(book[PAIRWISE], "wins", "person") == []  # no W for pairwise answers


def test_groups_with_their_agreement_and_divergence(elders_methods_workshop, proposed,
                                                    formula):
    # The office (1 voter) and the elders (2) hidden together; see this folder's conftest.
    _, book = saved(elders_methods_workshop)
    sheet = book[RANKING]
    assert lines_below(sheet, "Women crushers (3 voters)", 5, 6, skip=0, column=3) == [
        (None, None, "Women crushers (3 voters)", None, "Miners (3 voters)", None),
        ("Agreement within the group (Kendall's W)", None, pytest.approx(4 / 9, abs=1e-6),
         "weak agreement", pytest.approx(4 / 9, abs=1e-6), "weak agreement"),
        ("Item", "Pictogram", "Rank", "Borda points", "Rank", "Borda points"),
        ("Clean water", "💧", 1, 5, 3, 1),
        ("Roads", None, 2, 3, 1, 5)]
    divergence = i18n.t("excel.divergence.caption",
                        aggregation=i18n.t("excel.aggregation.borda"))
    assert lines_below(sheet, divergence, 2, 7) == [
        ("Group A", "Group B", "Kendall's τ_b", "Spearman's ρ",
         "Items ranked most apart (rank in A vs in B)", None, None),
        ("Women crushers", "Miners", pytest.approx(-1 / 3, abs=1e-6), -0.5,
         "Clean water (1 vs 3)", "Roads (2 vs 1)", f"{proposed['label']} (3 vs 2)")]
    assert not any(formula["group"] in text  # the office: one voter, never shown nor named
                   for name in (RANKING, PAIRWISE, SCORING) for text in sheet_strings(book[name]))
    assert not group_headings(sheet_strings(book[SCORING]))  # one voter per group there
    assert i18n.t("excel.divergence.none") in sheet_strings(book[SCORING])


def test_pairwise_matrix_grid_with_a_colour_scale(methods_workshop, proposed):
    _, book = saved(methods_workshop)
    sheet = book[RANKING]
    person = i18n.t("excel.pairwise.caption", weighting=i18n.t("excel.weighting.person"))
    assert lines_below(sheet, person, 4, 4) == [
        ("Preferred ↓ to →", "Clean water", "Roads", proposed["label"]),
        ("Clean water", None, 3, 5), ("Roads", 4, None, 5), (proposed["label"], 2, 2, None)]
    top = row_of(sheet, person) + 2
    ranges = {str(rng.sqref): [rule.type for rule in rng.rules]
              for rng in sheet.conditional_formatting}
    assert ranges[f"B{top}:D{top + 2}"] == ["colorScale"]
    assert len(ranges) == 3  # person, group and custom weighting
    wins = i18n.t("excel.pairwise.caption", weighting=i18n.t("excel.weighting.person"))
    assert lines_below(book[PAIRWISE], wins, 4, 4)[1:] == [  # latest answer per pair
        ("Clean water", None, 2, 2), ("Roads", 1, None, 1), (proposed["label"], 0, 1, None)]
    assert not book[SCORING].conditional_formatting  # no pairwise matrix for matrix scoring


def test_pairwise_results_and_ballots(methods_workshop, proposed):
    _, book = saved(methods_workshop)
    assert table(book[PAIRWISE], "wins", "person", 3, 4) == [
        ("Clean water", "💧", 1, 4), ("Roads", None, 2, 2), (proposed["label"], None, 3, 1)]
    assert [line[2] for line in table(book[PAIRWISE], "bradley-terry", "person", 3, 4)] == [1, 2, 3]
    rows = list(book["pairs ballots"].iter_rows(values_only=True))
    assert rows[0][7] == "Removed by the facilitator?"
    assert rows[0][-3:] == ("Left item", "Right item", "Choice")
    assert rows[1][:8] + rows[1][-3:] == (  # changed at ballot 8
        1, "women-w1", "Women crushers", "No", 1, dt.datetime(2026, 3, 1, 9, 10), "No", "No",
        "Clean water", "Roads", "Clean water")
    assert rows[3][-3:] == ("Roads", proposed["label"], proposed["label"])
    assert rows[8][6:8] + rows[8][-3:] == ("Yes", "No", "Roads", "Clean water", "Roads")


def test_ranking_ballots_give_each_items_position(methods_workshop, proposed, formula):
    _, book = saved(methods_workshop)
    rows = list(book["order ballots"].iter_rows(values_only=True))
    assert rows[0][-3:] == ("Clean water: position (1 = first)", "Roads: position (1 = first)",
                            f"{proposed['label']}: position (1 = first)")
    # The women are hidden with the office in this exercise (complementary suppression), so
    # their group is not named beside their ballots.
    assert rows[2][1:3] + rows[2][-3:] == ("women-w2", "a group too small to be named", 1, 3, 2)
    assert rows[6][-3:] == (3, 2, 1)


def test_matrix_scoring_criteria_means_and_weighted_total(methods_workshop, proposed):
    _, book = saved(methods_workshop)
    sheet = book[SCORING]
    assert lines_below(sheet, "Criteria", 3, 3) == [
        ("Criterion", "Weight", "Lower is better?"), ("Health impact", 2, "No"), ("Cost", 1, "Yes")]
    assert row_of(sheet, "Criteria") < row_of(sheet, caption("matrix", "person"))
    header = first_item_row(sheet, "matrix", "person") - 1
    assert [cell.value for cell in sheet[header]][3:] == [
        "Health impact (mean, 0–5)", "Cost (mean, 0–5)",
        "Weighted total (0–5; lower-is-better criteria counted as 5 − mean)"]
    assert table(sheet, "matrix", "person", 2, 6) == [  # (2·4 + (5 − 3)) / 3, (2·3.5 + 2.5) / 3
        ("Clean water", "💧", 1, 4, 3, pytest.approx(10 / 3, abs=1e-6)),
        ("Roads", None, 2, 3.5, 2.5, pytest.approx(19 / 6, abs=1e-6))]
    assert sheet.cell(row=header + 1, column=6).number_format == "0.00"
    rows = list(book["scores ballots"].iter_rows(values_only=True))
    assert rows[0][-4:] == (  # the pending proposal has no column: nobody scores it
        "Clean water: Health impact", "Clean water: Cost", "Roads: Health impact", "Roads: Cost")
    assert rows[1][-4:] == (5, 2, 3, 4) and rows[2][-4:] == (3, 4, 4, 1)


def test_proposed_items_name_the_group_never_a_participant(methods_workshop, proposed):
    _, book = saved(methods_workshop)
    heading = i18n.t("excel.proposals.caption")
    assert lines_below(book[RANKING], heading, 2, 4) == [
        ("Item", "Pictogram", "Proposed by", "Approved?"),
        (proposed["label"], None, "Women crushers", "Yes")]
    assert lines_below(book[SCORING], heading, 2, 4)[1] == (  # the office has a single voter
        proposed["pending"], None, "a group too small to be named", "No")
    tokens = {p.token for p in methods_workshop.participants}
    for name in (RANKING, PAIRWISE, SCORING):
        assert not tokens & set(sheet_strings(book[name]))  # tokens only on ballots sheets


def test_participants_proposals_stay_text(methods_workshop, proposed):
    raw, book = saved(methods_workshop)
    texts = [cell for sheet in book.worksheets for line in sheet.iter_rows() for cell in line
             if isinstance(cell.value, str)]
    assert all(cell.data_type == "s" for cell in texts)
    found = [cell for cell in texts if cell.value.startswith(tuple(proposed.values()))]
    assert set(proposed.values()) <= {cell.value for cell in found}
    assert all(cell.quotePrefix for cell in found)  # "=SUM(1,2): position (1 = first)" too
    assert {cell.parent.title for cell in found} >= {RANKING, "order ballots", "pairs ballots",
                                                      SCORING}
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    assert not any(re.search(r"<f[ >]", xml) for xml in sheets)


def test_chart_of_a_ranking_plots_the_person_borda_points(methods_workshop):
    book = workbook(methods_workshop)
    sheet = book[RANKING]
    [bar] = sheet._charts
    first = first_item_row(sheet, "borda", "person")
    assert bar.series[0].val.numRef.f == f"'{RANKING}'!$D${first}:$D${first + 2}"
    assert bar.title.tx.rich.p[0].r[0].t == "Borda points (by person)"


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_every_method_label_comes_from_the_catalogue(methods_workshop, lang):
    _, book = saved(methods_workshop, lang)
    assert not [text for text in strings(book) if text.startswith("excel.")]
    assert all(len(name) <= 31 for name in book.sheetnames)
    assert all(sheet.freeze_panes for sheet in book.worksheets[1:])


def test_ballots_sheets_do_not_name_a_group_too_small_to_be_shown(workshop, formula):
    """The office has one voter: beside its ballot, its name would point at one person."""
    _, book = saved(workshop)
    for name in ("water-priorities ballots", "actions ballots"):
        groups = [row[2] for row in book[name].iter_rows(min_row=2, values_only=True)]
        assert formula["group"] not in groups
        assert "a group too small to be named" in groups
