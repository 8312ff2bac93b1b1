"""The stakeholder map's sheets of the workbook: actors, links, the power-interest grid.

The map is the worked one of ``map_workshop``, with one more actor whose label looks like a
spreadsheet formula (and no influence or interest), linked to the diggers by a note that does too.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from map_workshop import MAP_ID, NETWORK, map_exercise, map_workshop_data
from workbook_helpers import NETWORK_SHEETS, lines_below, row_of, saved, strings

from engine.core import i18n
from engine.core.workshop import Workshop
from engine.cuts import CUTS, cut_name
from engine.excel import workbook
from engine.exercises.network.design import ACTOR_KINDS
from engine.methods.network import (
    LAYERS,
    MENDELOW_QUADRANTS,
    SALIENCE_CLASSES,
    SIGNS,
    analyse,
)


# The sheets of the cuts of the room ("By group"…, issue 15) that follow the exercises' sheets.
CUT_SHEETS = {cut_name(cut, lang) for cut in CUTS for lang in i18n.LANGUAGES}


def exercise_sheets(names: list[str]) -> list[str]:
    """The workbook's sheet names but the cuts'."""
    return [name for name in names if name not in CUT_SHEETS]


@pytest.fixture
def network_workshop() -> Workshop:
    """The worked map's workshop, one actor's label and one link's note formulas."""
    data = map_workshop_data()
    design = data["exercises"][1]["design"]
    design["actors"].append({"id": "radio", "label": {"en": '=HYPERLINK("x","y")'},
                             "kind": "cso"})
    design["links"].append({"source": "radio", "target": "diggers", "layer": "information",
                            "note": "@SUM(A1)"})
    return Workshop.model_validate(data)


def test_no_network_sheets_without_a_map(workshop):
    assert not set(NETWORK_SHEETS) & set(workbook(workshop).sheetnames)


def test_network_sheets_come_in_the_maps_place_among_the_exercises(network_workshop):
    assert exercise_sheets(workbook(network_workshop).sheetnames) == [
        "Cover", "Participation", "beans results", "beans working", "beans ballots",
        *NETWORK_SHEETS]
    data = map_workshop_data()
    data["exercises"].reverse()
    assert workbook(Workshop.model_validate(data)).sheetnames[2:5] == NETWORK_SHEETS


def test_a_second_map_has_sheets_of_its_own():
    data = map_workshop_data()
    data["exercises"].append(map_exercise(NETWORK, exercise_id="second-map"))
    names = exercise_sheets(workbook(Workshop.model_validate(data)).sheetnames)
    assert names[-6:] == [*NETWORK_SHEETS, *(f"{name}~2" for name in NETWORK_SHEETS)]


def test_actors_sheet_gives_every_metric_of_the_all_and_flows_scopes(network_workshop):
    network = network_workshop.exercise(MAP_ID).design
    _, book = saved(network_workshop)
    sheet = book["Actors"]
    assert sheet["A1"].value == NETWORK["question"]["en"]
    header_row = row_of(sheet, "Actor")
    header = [cell.value for cell in sheet[header_row]]
    assert header[:5] == ["Actor", "Kind of actor", "HRBA role", "Influence (0–5)",
                          "Interest (0–5)"]
    assert header[5:10] == [f"{m} (all links)" for m in
                            ("Links", "Degree", "Betweenness", "Closeness", "Eigenvector")]
    assert header[10:17] == [f"{m} (flows)" for m in ("Links", "Degree", "In-degree",
                                                      "Out-degree", "Betweenness", "Closeness",
                                                      "Eigenvector")]
    assert header[17:] == ["Broker (all links)", "Broker (flows)", "Isolated",
                           "Mendelow quadrant", "Salience class"]
    assert sheet.freeze_panes == f"B{header_row + 1}"
    found = analyse(network)
    scopes = {layer.scope: layer for layer in found.layers}
    rows = list(sheet.iter_rows(min_row=header_row + 1, values_only=True))
    assert len(rows) == len(network.actors)
    for index, row in enumerate(rows):
        everywhere = scopes["all"].actors[index]
        flows = scopes["flows"].actors[index]
        assert row[5:10] == pytest.approx((everywhere.links, everywhere.degree,
                                           everywhere.betweenness, everywhere.closeness,
                                           everywhere.eigenvector))
        assert row[10:17] == pytest.approx((flows.links, flows.degree, flows.in_degree,
                                            flows.out_degree, flows.betweenness,
                                            flows.closeness, flows.eigenvector))
    by_actor = {row[0]: row for row in rows}
    assert by_actor["Diggers"][:5] == ("Diggers", "Miners", "Rights holder", 1, 5)
    assert by_actor["Diggers"][17:] == ("Yes, cut point", "No", "No", "Keep informed",
                                        "Dependent")
    assert by_actor["Gold buyer"][17:19] == ("Yes, cut point", "Yes, cut point")
    assert by_actor["Herders"][19:] == ("No", "Monitor", "Demanding")
    radio = by_actor['=HYPERLINK("x","y")']
    assert radio[1:5] == ("Civil society", "Other", None, None)
    assert radio[19:] == ("No", None, None)
    assert sheet.cell(row=header_row + 1, column=8).number_format == "0.000"


def test_links_sheet_one_row_per_link(network_workshop):
    _, book = saved(network_workshop)
    rows = list(book["Links"].iter_rows(values_only=True))
    assert rows[0] == ("From", "To", "Layer", "Sign", "Note")
    assert rows[3] == ("Gold buyer", "Diggers", "Money", None, "cash at the pit")
    assert rows[7] == ("Herders", "Diggers", "Relationship", "Conflict", None)
    assert rows[8] == ('=HYPERLINK("x","y")', "Diggers", "Information", None, "@SUM(A1)")
    assert len(rows) == 1 + len(network_workshop.exercise(MAP_ID).design.links)
    assert book["Links"].auto_filter.ref == "A1:E9"


def test_power_interest_grid_places_each_actor_in_its_quadrant(network_workshop):
    _, book = saved(network_workshop)
    sheet = book["Power-interest grid"]
    assert sheet["A1"].value == "Power-interest grid (Mendelow 1981)"
    assert lines_below(sheet, "High power", 3, 3, skip=0) == [
        ("High power", "Keep satisfied", "Manage closely"),
        (None, "Exporter", "Gold buyer"), (None, "Mining administration", "Chief")]
    assert lines_below(sheet, "Low power", 2, 3, skip=0) == [
        ("Low power", "Monitor", "Keep informed"), (None, "Herders", "Diggers")]
    assert (None, "Low interest", "High interest") in list(sheet.iter_rows(values_only=True))
    assert lines_below(sheet, "Not placed (influence or interest not scored)", 1, 2, skip=0) == [
        ("Not placed (influence or interest not scored)", '=HYPERLINK("x","y")')]


def test_network_text_stays_text(network_workshop):
    data, _ = saved(network_workshop)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [archive.read(name).decode() for name in archive.namelist()
                  if name.startswith("xl/worksheets/sheet")]
    assert not any("<f>" in sheet for sheet in sheets)
    _, book = saved(network_workshop)
    cells = [cell for sheet in NETWORK_SHEETS for line in book[sheet].iter_rows()
             for cell in line if isinstance(cell.value, str) and cell.value[0] in "=@"]
    assert len(cells) >= 4 and all(cell.data_type == "s" and cell.quotePrefix for cell in cells)


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
def test_network_sheets_are_translated(network_workshop, lang):
    _, book = saved(network_workshop, lang)
    assert exercise_sheets(book.sheetnames)[-3:] == [i18n.t(f"excel.sheet.{key}", lang)
                                                     for key in ("actors", "links", "grid")]
    assert not [text for text in strings(book) if text.startswith("excel.")]


def test_every_network_value_has_a_translation():
    keys = ([f"excel.kind.{kind}" for kind in ACTOR_KINDS]
            + [f"excel.layer.{layer}" for layer in LAYERS]
            + [f"excel.sign.{sign}" for sign in SIGNS]
            + [f"excel.mendelow.{quadrant}" for quadrant in MENDELOW_QUADRANTS]
            + [f"excel.salience.{name}" for name in SALIENCE_CLASSES])
    for lang in i18n.LANGUAGES:
        assert [key for key in keys if not i18n.catalogue(lang).texts.get(key)] == []
