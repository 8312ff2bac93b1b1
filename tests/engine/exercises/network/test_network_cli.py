"""The stakeholder map on the command line: ``network FILE`` analyses the workshop's first map
(or the one ``--exercise`` names), and ``results`` gives a map's result like any exercise's."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_helpers import parsed_csv, run
from map_workshop import MAP_ID, influence, map_exercise, map_workshop_data

from engine.cli import main
from engine.core.file_format import dump_workshop
from engine.core.workshop import Workshop
from engine.exercises.network import MapResult
from engine.methods.network import analyse


def written(tmp_path: Path, data: dict, name: str = "network.json") -> Path:
    """``data`` validated and written as a workshop file."""
    path = tmp_path / name
    path.write_text(dump_workshop(Workshop.model_validate(data)), encoding="utf-8")
    return path


@pytest.fixture
def network_file(tmp_path) -> Path:
    """The worked map's workshop (``map_workshop``) as a workshop file."""
    return written(tmp_path, map_workshop_data())


def test_network_json_is_exactly_the_engine_analysis(capsys, network_file):
    status, out, err = run(capsys, "network", network_file, "--format", "json")
    assert (status, err) == (0, "")
    workshop = Workshop.model_validate(json.loads(network_file.read_text(encoding="utf-8")))
    assert json.loads(out) == analyse(workshop.exercise(MAP_ID).design).model_dump(mode="json")


def test_network_table_lists_actors_balance_and_reach(capsys, network_file):
    status, out, err = run(capsys, "network", network_file)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].startswith("gold-map: Who shapes the gold trade? (6 actors; links: mineral 2, "
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
    data = map_workshop_data()
    network = data["exercises"][1]["design"]
    network["actors"].append({"id": "radio", "label": {"en": "Community radio"}, "kind": "cso"})
    network["links"] += [
        {"source": "chief", "target": "herders", "layer": "relationship", "sign": "synergy"}]
    status, out, _ = run(capsys, "network", written(tmp_path, data, "frustrated.json"))
    assert status == 0
    assert "balance: not balanced (3 signed links, 0 neutral; 0 of 1 triangles balanced; " \
           "frustration 1)" in out
    assert re.search(r"^Community radio +cso +other +- +- +0\.00 +0\.00 +yes +-$", out,
                     re.MULTILINE)
    assert re.search(r"^frustrated links: .+ \((conflict inside a block|synergy between "
                     r"blocks)\)$", out, re.MULTILINE)


def test_exercise_names_which_map_to_analyse(capsys, tmp_path):
    data = map_workshop_data()
    data["exercises"].append(map_exercise({
        "question": {"en": "Who sells mercury?"},
        "actors": [{"id": "sellers", "label": {"en": "Mercury sellers"}}]},
        exercise_id="mercury-map"))
    path = written(tmp_path, data)
    _, first, _ = run(capsys, "network", path)
    assert first.startswith("gold-map: Who shapes the gold trade? (6 actors;")
    status, named, err = run(capsys, "network", path, "--exercise", "mercury-map")
    assert (status, err) == (0, "")
    assert named.startswith("mercury-map: Who sells mercury? (1 actors;")


def test_an_unknown_exercise_or_one_of_another_kind_is_refused(capsys, network_file):
    assert run(capsys, "network", network_file, "--exercise", "nope") == (
        2, "", "There is no exercise 'nope' in this workshop.\n")
    assert run(capsys, "network", network_file, "--exercise", "beans") == (
        2, "", "Exercise beans is not of the kind “Stakeholder network map”.\n")


def test_a_workshop_without_a_map_exits_2_with_one_line(capsys, workshop_file):
    assert run(capsys, "network", workshop_file) == (
        2, "", "Workshop KDG24 has no exercise of the kind “Stakeholder network map”.\n")


@pytest.mark.parametrize("argv", [["network"], ["network", "f.json", "--format", "csv"]])
def test_network_usage_errors_exit_2(capsys, argv):
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


# ---- results: the map's result as any exercise's -------------------------------------------

def test_results_of_a_map_count_the_phones_influence_scores(capsys, tmp_path):
    data = map_workshop_data()
    data["exercises"][1]["ballots"] = [influence("woman-1", chief=5, herders=1),
                                       influence("miner-1", chief=4)]
    path = written(tmp_path, data)
    status, out, err = run(capsys, "results", path, "--exercise", MAP_ID, "--format", "json")
    assert (status, err) == (0, "")
    [found] = json.loads(out)
    assert found["voters"] == 2
    chief = next(s for s in found["analysis"]["influence"] if s["actor"] == "chief")
    assert (chief["votes"], chief["median"], chief["iqr"]) == (2, 4.5, 0.5)
    workshop = Workshop.model_validate(json.loads(path.read_text(encoding="utf-8")))
    exercise = workshop.exercise(MAP_ID)
    assert MapResult.model_validate(found) == exercise.spec.results(exercise, workshop.room())
    status, table, _ = run(capsys, "results", path, "--exercise", MAP_ID)
    assert status == 0 and table.startswith("gold-map: Who shapes the gold trade?")


def test_a_map_has_no_csv_form(capsys, network_file):
    assert run(capsys, "results", network_file, "--exercise", MAP_ID, "--format", "csv") == (
        2, "", f"Exercise {MAP_ID} has no CSV form: use --format table or json.\n")
    status, out, _ = run(capsys, "results", network_file, "--format", "csv")
    assert status == 0
    assert {row[0] for row in parsed_csv(out)[1:]} == {"beans"}  # the map is left out


def test_blocks_of_a_balanced_map_say_so(capsys, network_file):
    _, out, _ = run(capsys, "network", network_file)
    assert ("blocks: 2 blocks, perfectly balanced (no conflict inside a block, no synergy "
            "between blocks)") in out.splitlines()


@pytest.fixture
def unbalanced_file(tmp_path) -> Path:
    """The worked map with the herders allied to the chief, whose ally the diggers are in
    conflict with them: a cycle of two synergies and a conflict, which no split can balance."""
    data = map_workshop_data()
    data["exercises"][-1]["design"]["links"].append(
        {"source": "herders", "target": "chief", "layer": "relationship", "sign": "synergy"})
    return written(tmp_path, data)


def test_a_map_no_split_can_balance_says_so_and_gives_the_fewest_broken_links(
        capsys, unbalanced_file):
    status, out, err = run(capsys, "network", unbalanced_file)
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert ("blocks: no split into 2 blocks is perfectly balanced; the best breaks 1 link "
            "(the fewest possible)") in lines
    assert not any(line.startswith("blocks tried") for line in lines)  # K was given (default 2)


def test_blocks_auto_reports_the_frustration_of_each_number_tried(capsys, unbalanced_file):
    status, out, err = run(capsys, "network", unbalanced_file, "--blocks", "auto")
    assert (status, err) == (0, "")
    lines = out.splitlines()
    assert ("blocks tried, with the links each breaks at best: 1 block: 1; 2 blocks: 1; "
            "3 blocks: 1; 4 blocks: 1; kept 1, the fewest blocks that break the fewest links"
            ) in lines
    assert "block 1: Diggers, Chief, Herders" in lines
    assert "frustrated links: Herders – Diggers (conflict inside a block)" in lines
    _, out, _ = run(capsys, "network", unbalanced_file, "--blocks", "auto", "--format", "json")
    blocks = json.loads(out)["blocks"]
    assert (blocks["k"], blocks["chosen"], blocks["balanced"], blocks["error"]) == (
        1, "automatic", False, 1)
    assert [trial["error"] for trial in blocks["tried"]] == [1, 1, 1, 1]


def test_blocks_k_is_given_on_the_command_line(capsys, network_file):
    _, out, _ = run(capsys, "network", network_file, "--blocks", "3", "--format", "json")
    blocks = json.loads(out)["blocks"]
    assert (blocks["k"], blocks["chosen"], blocks["tried"]) == (
        3, "given", [{"k": 3, "error": 0, "exact": True}])
    status, _, err = run(capsys, "network", network_file, "--blocks", "5")
    assert status == 2 and "invalid choice: '5'" in err
