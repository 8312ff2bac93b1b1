"""The stakeholder map on the command line: ``network FILE``."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from engine.cli import main
from engine.core.errors import NotFoundError
from engine.core.file_format import dump_workshop
from engine.core.workshop import Workshop
from cli_helpers import broken_file, over_budget, parsed_csv, refusal, run, unknown_item

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def network_file(tmp_path) -> Path:
    """The worked network workshop of ``test_network_integration`` as a workshop file."""
    from test_network_integration import network_workshop_data

    path = tmp_path / "network.json"
    path.write_text(dump_workshop(Workshop.model_validate(network_workshop_data())),
                    encoding="utf-8")
    return path


def test_network_json_is_exactly_the_engine_analysis(capsys, network_file):
    status, out, err = run(capsys, "network", network_file, "--format", "json")
    assert (status, err) == (0, "")
    workshop = Workshop.model_validate(json.loads(network_file.read_text(encoding="utf-8")))
    assert json.loads(out) == analyse(workshop.network).model_dump(mode="json")


def test_network_table_lists_actors_balance_and_reach(capsys, network_file):
    status, out, err = run(capsys, "network", network_file)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("network: Who shapes the gold trade? (6 actors; links: mineral 2, "
                               "money 1, information 1, authority 1, relationship 2;")
    assert lines[1].split() == ["actor", "kind", "role", "influence", "interest", "degree",
                                "betweenness", "broker", "isolated", "quadrant"]
    rows = {line.split("  ")[0].strip(): line for line in lines[2:8]}
    assert re.fullmatch(r"Diggers +miners +rights_holder +1 +5 +0\.60 +0\.50 +cut point +"
                        r"keep_informed", rows["Diggers"])
    assert re.fullmatch(r"Chief +customary +other +3 +3 +0\.40 +0\.10 +yes +manage_closely",
                        rows["Chief"])
    assert re.fullmatch(r"Herders +farmers_herders +rights_holder +1 +2 +0\.20 +0\.00 +monitor",
                        rows["Herders"])
    assert ("balance: balanced (2 signed links, 0 neutral; no signed triangles; frustration 0)"
            in lines)
    assert "block 1: Diggers, Chief" in lines and "block 2: Herders" in lines
    assert "frustrated links: none" in lines
    assert lines[-1].endswith("rights holders with no path to a duty bearer: Herders")


def test_network_table_names_frustrated_links_and_isolated_actors(capsys, tmp_path):
    from test_network_integration import network_workshop_data

    data = network_workshop_data()
    network = data["network"]
    network["actors"].append({"id": "radio", "label": {"en": "Community radio"}, "kind": "cso"})
    network["links"] += [
        {"source": "chief", "target": "herders", "layer": "relationship", "sign": "synergy"}]
    path = tmp_path / "frustrated.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    status, out, _ = run(capsys, "network", path)
    assert status == 0
    assert "balance: not balanced (3 signed links, 0 neutral; 0 of 1 triangles balanced; " \
           "frustration 1)" in out
    assert re.search(r"^Community radio +cso +other +- +- +0\.00 +0\.00 +yes +-$", out, re.M)
    assert re.search(r"^frustrated links: .+ \((conflict inside a block|synergy between "
                     r"blocks)\)$", out, re.M)


def test_a_workshop_without_a_map_exits_2_with_one_line(capsys, workshop_file):
    status, out, err = run(capsys, "network", workshop_file)
    assert (status, out) == (2, "")
    assert err == "workshop.json has no stakeholder network map: nothing to analyse.\n"


def test_the_no_map_message_is_translated():
    from engine.i18n import t

    assert t("network.no_map", "fr", source="a.json") == (
        "a.json n'a pas de carte des acteurs : rien à analyser.")


@pytest.mark.parametrize("argv", [["network"], ["network", "f.json", "--format", "csv"]])
def test_network_usage_errors_exit_2(capsys, argv):
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err
