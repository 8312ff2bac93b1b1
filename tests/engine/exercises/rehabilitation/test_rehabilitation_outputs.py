"""What the rehabilitation plan gives out, on the worked example of ``rap_example``: the ``rap``
command and the generic ``results`` (table and JSON), the workbook's sheets, and the printable
plan (self-contained, every typed text escaped, in English and French)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from engine.core import i18n
from engine.core.exercise import kind
from engine.core.file_format import dump_workshop
from engine.core.workshop import Workshop
from engine.cuts import CUTS, cut_name

from cli_helpers import run
from rap_example import EXERCISE, example_workshop, plan_data, workshop_file_data
from workbook_helpers import row_of, saved

SCRIPT = "<script>alert('x')</script>"
# The sheets of the cuts of the room ("By group"…, issue 15) that follow the exercises' sheets.
CUT_SHEETS = {cut_name(cut, lang) for cut in CUTS for lang in i18n.LANGUAGES}
FORMULA = '=HYPERLINK("http://x","y")'


def typed_workshop() -> Workshop:
    """The example, with a site name that is HTML and a task label that is a formula."""
    data = plan_data()
    data["site"]["name"] = f"Kpéssou {SCRIPT}"
    data["phases"][1]["tasks"][2]["label"] = {"en": FORMULA, "fr": FORMULA}
    return Workshop.model_validate(workshop_file_data(design=data))


@pytest.fixture
def example_file(tmp_path) -> Path:
    path = tmp_path / "rap.json"
    path.write_text(dump_workshop(example_workshop()), encoding="utf-8")
    return path


def test_the_kind_offers_its_command_and_a_document():
    spec = kind("rehabilitation")
    assert spec.has_document and [c.name for c in spec.commands] == ["rap"]


def test_rap_prints_each_phase_the_total_the_saving_and_the_votes(capsys, example_file):
    status, out, err = run(capsys, "rap", example_file)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == ("rap rehabilitation plan: Kpéssou lowland (2 ha, Gold, alluvial); "
                        "costs in XOF")
    assert re.fullmatch(r"technical +2026-03-09 +2026-04-21 +3 +374\.00 +1\.00 +1135000\.00 "
                        r"+0\.00", lines[3])
    assert re.fullmatch(r"total +7 +901\.00 +1\.00 +2602500\.00 +2000\.00", lines[7])
    assert ("whole mine cycle: 2000.00 m3 of topsoil, 0.5 of the spoil, manual: stored while "
            "mining 4000.00 m3, 1000.00 person-days, 2500000.00 XOF; recovered afterwards "
            "6000.00 m3, 1500.00 person-days, 3750000.00 XOF; saving 2000.00 m3, 500.00 "
            "person-days, 1250000.00 XOF") in lines
    assert ("land use, 8 voters: farming 5 (62.5%), forest 3 (37.5%); chosen: farming"
            in lines)
    assert ("acceptability, 8 voters: mean 3.50, acceptable (4-5) 50.0%, does not accept; "
            "not accepted by: miners") in lines
    # The office (one person) is hidden, and the women (3, fewer than the miners' 4) with it, so
    # that the room's votes minus the miners' are not the office's.
    assert "small groups hidden: 2" in lines


def test_rap_json_is_the_engines_result_and_results_gives_the_same(capsys, example_file):
    status, out, err = run(capsys, "rap", example_file, "--format", "json")
    assert (status, err) == (0, "")
    found = json.loads(out)
    workshop = example_workshop()
    expected = kind("rehabilitation").results(workshop.exercise(EXERCISE), workshop.room())
    assert found == expected.model_dump(mode="json")
    assert found["totals"]["cost"] == 2602500 and found["currency"] == "XOF"
    status, out, err = run(capsys, "results", example_file, "--exercise", EXERCISE,
                           "--format", "json")
    assert json.loads(out) == [found]


def test_the_document_is_self_contained_and_escapes_what_people_typed():
    workshop = typed_workshop()
    page = kind("rehabilitation").document(workshop.exercise(EXERCISE), workshop.room(), "en")
    assert page.startswith("<!DOCTYPE html>") and SCRIPT not in page
    assert "Kpéssou &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    # Nothing fetched from elsewhere (the typed formula's address is text, escaped).
    assert not re.search(r"<(script|link|img|iframe)|(src|href)=|@import|url\(", page)
    assert "rehabilitation." not in page and "{" not in page.split("</style>")[1]


@pytest.mark.parametrize("lang, words", [
    ("en", ["Rehabilitation Action Plan", "1. The site", "Technical rehabilitation",
            "F CFA2,602,500", "Future land use chosen: Farming", "For the local government",
            "Signature", "Miners", "Small groups not shown on their own: 2"]),  # office, women
    ("fr", ["Plan d'action de réhabilitation", "1. Le site", "Réhabilitation technique",
            "2 602 500 F CFA", "Usage futur choisi : Agriculture", "Pour la collectivité locale",
            "Signature", "Miners"]),
])
def test_the_document_holds_the_plan_the_votes_and_signature_lines(lang, words):
    workshop = example_workshop()
    page = kind("rehabilitation").document(workshop.exercise(EXERCISE), workshop.room(), lang)
    text = re.sub("[\u00a0\u202f]", " ", html.unescape(page))
    for word in words:
        assert word in text, word
    assert page.count('class="line"') >= 12  # four blocks of name, signature and date
    assert "Office" not in page  # one person: never named on its own


def test_the_workbook_has_the_plans_sheets_with_its_numbers():
    _, book = saved(example_workshop())
    assert [name for name in book.sheetnames[2:] if name not in CUT_SHEETS] == [
        "RAP plan", "RAP tasks", "RAP quantities and costs", "RAP timeline", "RAP votes",
        "RAP ballots"]
    plan = book["RAP plan"]
    total = row_of(plan, "Total")
    assert [plan.cell(total, column).value for column in (4, 5, 6, 10, 11)] == [
        7, 901, 1, 2602500, 2000]
    saving = row_of(plan, "Saving")
    assert [plan.cell(saving, column).value for column in (2, 7, 8)] == [500, 1250000, 2000]
    timeline = book["RAP timeline"]
    assert timeline.cell(row_of(timeline, "2026-04"), 2).value == 726.8
    votes = book["RAP votes"]
    assert votes.cell(row_of(votes, "Whole room"), 3).value == 3.5
    ballots = book["RAP ballots"]
    assert ballots.max_row == 10  # the header and nine ballots, w3's first one not counted


def test_the_workbook_keeps_typed_formulas_as_text_and_speaks_french():
    _, book = saved(typed_workshop(), "fr")
    assert [name for name in book.sheetnames[2:] if name not in CUT_SHEETS] == [
        "PAR plan", "PAR tâches", "PAR quantités et coûts", "PAR calendrier", "PAR votes",
        "PAR bulletins"]
    tasks = book["PAR tâches"]
    cell = tasks.cell(row_of(tasks, "regrade", column=2), 3)
    assert (cell.value, cell.data_type) == (FORMULA, "s")
    for sheet in book.worksheets[2:]:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and "rehabilitation." in v for v in row)
