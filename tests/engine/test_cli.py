"""The command line: validate, results, export, network, and refused files."""

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

from engine.cli import METHODS, main
from engine.errors import NotFoundError
from engine.model import Workshop
from engine.network import analyse
from engine.prioritise import AGGREGATIONS, results
from engine.workshop_file import dump_workshop

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def workshop_file(workshop, tmp_path) -> Path:
    """The sample workshop written as a workshop file."""
    path = tmp_path / "workshop.json"
    path.write_text(dump_workshop(workshop), encoding="utf-8")
    return path


@pytest.fixture
def methods_file(methods_workshop, tmp_path) -> Path:
    """The ranking, pairwise and matrix workshop written as a workshop file."""
    path = tmp_path / "methods.json"
    path.write_text(dump_workshop(methods_workshop), encoding="utf-8")
    return path


def run(capsys, *argv: str) -> tuple[int, str, str]:
    """Run the command line; return its status, stdout and stderr."""
    status = main([str(arg) for arg in argv])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def test_validate_prints_a_summary(capsys, workshop_file):
    assert run(capsys, "validate", workshop_file) == (
        0, "valid: KDG24, 3 groups, 6 participants, 2 exercises, 11 ballots\n", "")


@pytest.mark.parametrize("extra", [[], ["--exercise", "actions", "--weighting", "group"]])
def test_results_json_is_exactly_the_engine_result(capsys, workshop, workshop_file, extra):
    status, out, err = run(capsys, "results", workshop_file, "--format", "json", *extra)
    weighting = "group" if extra else "person"
    ids = ["actions"] if extra else ["water-priorities", "actions"]
    assert (status, err) == (0, "")
    assert json.loads(out) == [results(workshop, exercise_id, weighting).model_dump(mode="json")
                               for exercise_id in ids]


def test_results_table_shows_labels_ranks_and_numbers(capsys, workshop_file, formula):
    status, out, _ = run(capsys, "results", workshop_file)
    lines = out.splitlines()
    assert status == 0
    assert "water-priorities: Water priorities (tokens, person weighting, 9 voters)" in lines
    for expected in (r"1  Roads +34  37\.8%", r"2  Clean water +29  32\.2%",
                     rf"3  {re.escape(formula['label'])} +27  30\.0%",
                     r"1  Mercury retorts +4\.20 +4\.40 +18\.48  Act now",
                     r"2  Training +4\.00 +2\.60 +10\.40  Plan"):
        assert any(re.fullmatch(r" *" + expected, line) for line in lines), expected


def test_results_table_under_group_weighting_has_no_bean_counts(capsys, workshop_file):
    _, out, _ = run(capsys, "results", workshop_file, "--exercise", "water-priorities",
                    "--weighting", "group")
    assert out.splitlines()[2].split() == ["rank", "item", "share"]
    assert re.search(r"1  Roads +51\.6%", out)


@pytest.mark.parametrize(("lang", "cover"), [([], "Cover"), (["--lang", "fr"], "Couverture")])
def test_export_writes_a_workbook(capsys, workshop_file, tmp_path, lang, cover):
    out = tmp_path / "out.xlsx"
    assert run(capsys, "export", workshop_file, "-o", out, *lang) == (0, "", "")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == cover and len(book.sheetnames) == 6


def broken_file(tmp_path: Path, data: dict, change) -> Path:
    """A workshop file broken by ``change``: a function changing the file data, or the text."""
    path = tmp_path / "broken.json"
    if isinstance(change, str):
        path.write_text(change)
    else:
        change(data)
        path.write_text(json.dumps(data))
    return path


def unknown_item(data: dict) -> None:
    data["exercises"][0]["ballots"][1]["answer"]["beans"]["nope"] = 0


def over_budget(data: dict) -> None:
    data["exercises"][0]["ballots"][2]["answer"]["beans"]["mercury"] = 11


@pytest.mark.parametrize(("change", "fragments"), [
    ('{"code": ', ["broken.json is not a JSON file"]),
    (unknown_item, ["exercises[0].ballots[1].answer", "nope"]),
    (over_budget, ["exercises[0].ballots[2].answer", "Too many beans: 11 placed"]),
])
@pytest.mark.parametrize("command", [["validate"], ["results"], ["export", "-o"]])
def test_a_broken_file_is_refused_in_one_line(capsys, tmp_path, workshop_data, change, fragments,
                                              command):
    path = broken_file(tmp_path, workshop_data, change)
    output = [tmp_path / "x.xlsx"] if command[0] == "export" else []
    status, out, err = run(capsys, command[0], path, *command[1:], *output)
    assert (status, out) == (2, "")
    assert err.endswith("\n") and err.count("\n") == 1
    assert all(fragment in err for fragment in fragments), err
    assert not (tmp_path / "x.xlsx").exists()


@pytest.mark.parametrize(("argv", "message"), [
    (["results", "{file}", "--exercise", "nope"], "There is no exercise 'nope' in this workshop."),
    (["validate", "{missing}"], "Cannot read"),
    (["export", "{file}", "-o", "{missing_dir}/out.xlsx"], "Cannot write the workbook"),
])
def test_refused_requests_exit_2_with_one_line(capsys, workshop_file, tmp_path, argv, message):
    paths = {"file": workshop_file, "missing": tmp_path / "missing.json",
             "missing_dir": tmp_path / "missing"}
    status, out, err = run(capsys, *(arg.format(**paths) for arg in argv))
    assert (status, out) == (2, "")
    assert err.startswith(message) and err.count("\n") == 1


@pytest.mark.parametrize("argv", [[], ["results", "f.json", "--weighting", "loudest"],
                                  ["results", "f.json", "--method", "loudest"],
                                  ["results", "f.json", "--format", "xml"], ["export", "f.json"],
                                  ["export", "f.json", "-o", "o", "--lang", "xx"]])
def test_usage_errors_exit_2(capsys, argv):
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_python_dash_m_engine_runs_the_command_line(workshop_file):
    done = subprocess.run([sys.executable, "-m", "engine", "validate", str(workshop_file)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "valid: KDG24, 3 groups, 6 participants, "
                                                 "2 exercises, 11 ballots\n")


# ---- methods, weightings and formats ---------------------------------------------------------

def test_every_aggregation_is_a_method_choice():
    assert METHODS == ("tokens", "importance-urgency", "matrix", "borda", "copeland", "schulze",
                       "wins", "bradley-terry")
    assert set(METHODS) == {a for aggregations in AGGREGATIONS.values() for a in aggregations}


@pytest.mark.parametrize(("extra", "expected"), [
    ([], [("order", "borda", "person"), ("pairs", "wins", "person"),
          ("scores", "matrix", "person")]),
    (["--method", "copeland", "--weighting", "group"],
     [("order", "copeland", "group"), ("pairs", "copeland", "group")]),
    (["--method", "bradley-terry"], [("pairs", "bradley-terry", "person")]),
    (["--weighting", "custom"], [("order", "borda", "custom")]),  # the only one with weights
    (["--exercise", "order", "--method", "schulze", "--weighting", "custom"],
     [("order", "schulze", "custom")]),
])
def test_results_json_by_method_and_weighting(capsys, methods_workshop, methods_file, extra,
                                              expected):
    status, out, err = run(capsys, "results", methods_file, "--format", "json", *extra)
    assert (status, err) == (0, "")
    assert json.loads(out) == [
        results(methods_workshop, exercise, weighting, aggregation).model_dump(mode="json")
        for exercise, aggregation, weighting in expected]


def test_results_json_has_the_new_fields(capsys, methods_file):
    _, out, _ = run(capsys, "results", methods_file, "--format", "json", "--exercise", "order",
                    "--weighting", "custom")
    [order] = json.loads(out)
    assert order["aggregation"] == "borda"
    assert order["group_weights"] == {"women": 2.0, "miners": 1.0, "office": 1.0}
    assert order["agreement"] == {"w": 0.142857, "chi2": 2.0, "df": 2, "p_value": 0.367879,
                                  "raters": 7, "reading": "very_weak"}
    assert set(order["group_agreement"]) == {"women", "miners"}
    assert order["divergence"] == [{"group_a": "women", "group_b": "miners",
                                    "kendall_tau": -0.333333, "spearman_rho": -0.5,
                                    "differences": [["water", 1.0, 3.0], ["roads", 2.0, 1.0],
                                                    ["mercury", 3.0, 2.0]]}]
    assert order["pairwise"]["water"] == {"roads": pytest.approx(7 / 3, abs=1e-6),
                                          "mercury": pytest.approx(10 / 3, abs=1e-6)}
    assert {t["group"]: t["below_expected"] for t in order["turnout"]} == {
        "women": False, "miners": False, "office": False}


def parsed_csv(out: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(out)))


def test_results_csv_one_row_per_item_per_exercise(capsys, methods_file, proposed):
    status, out, err = run(capsys, "results", methods_file, "--format", "csv")
    assert (status, err) == (0, "")
    assert parsed_csv(out) == [
        ["exercise", "aggregation", "weighting", "rank", "item", "label", "score",
         "criterion:impact", "criterion:cost"],
        ["order", "borda", "person", "1", "roads", "Roads", "9.0", "", ""],
        ["order", "borda", "person", "2", "water", "Clean water", "8.0", "", ""],
        ["order", "borda", "person", "3", "mercury", "'" + proposed["label"], "4.0", "", ""],
        ["pairs", "wins", "person", "1", "water", "Clean water", "4.0", "", ""],
        ["pairs", "wins", "person", "2", "roads", "Roads", "2.0", "", ""],
        ["pairs", "wins", "person", "3", "mercury", "'" + proposed["label"], "1.0", "", ""],
        ["scores", "matrix", "person", "1", "water", "Clean water", "3.333333", "4.0", "3.0"],
        ["scores", "matrix", "person", "2", "roads", "Roads", "3.166667", "3.5", "2.5"]]


def test_results_csv_of_beans_and_ratings(capsys, workshop_file, formula):
    _, out, _ = run(capsys, "results", workshop_file, "--format", "csv")
    rows = parsed_csv(out)
    assert rows[0] == ["exercise", "aggregation", "weighting", "rank", "item", "label", "score",
                       "beans", "share", "importance", "urgency", "quadrant"]
    assert rows[3] == ["water-priorities", "tokens", "person", "3", "mercury",
                       "'" + formula["label"],  # a formula-looking label stays text
                       "0.3", "27", "0.3", "", "", ""]
    assert rows[4] == ["actions", "importance-urgency", "person", "1", "retort", "Mercury retorts",
                       "18.48", "", "", "4.2", "4.4", "act_now"]
    _, out, _ = run(capsys, "results", workshop_file, "--format", "csv", "--weighting", "group",
                    "--method", "tokens")
    rows = parsed_csv(out)
    assert rows[0][6:] == ["score", "share"]  # no beans under group weighting
    assert [row[4:] for row in rows[1:]] == [["roads", "Roads", "0.515556", "0.515556"],
                                             ["mercury", "'" + formula["label"], "0.26", "0.26"],
                                             ["water", "Clean water", "0.224444", "0.224444"]]


def test_results_table_with_agreement_and_custom_weights(capsys, methods_file, proposed):
    status, out, _ = run(capsys, "results", methods_file, "--method", "borda",
                         "--weighting", "custom")
    assert status == 0
    assert out.splitlines() == [
        "order: Order (ranking by borda, custom weighting, 7 voters)",
        "group weights: women 2, miners 1, office 1",
        ("agreement: Kendall's W = 0.143, chi2 = 2.00, df = 2, p = 0.368 "
         "(very weak agreement, 7 voters)"),
        "rank  item         score",
        "   1  Clean water   5.67",
        "   2  Roads         4.67",
        f"   3  {proposed['label']}     1.67",
        "small groups hidden: 1"]
    _, out, _ = run(capsys, "results", methods_file, "--exercise", "scores")
    assert out.splitlines()[2:5] == ["rank  item         impact  cost  score",
                                     "   1  Clean water    4.00  3.00   3.33",
                                     "   2  Roads          3.50  2.50   3.17"]


def refusal(key: str, **params: object) -> str:
    """The engine's English message, as the command line prints it."""
    return NotFoundError(key, **params).message("en") + "\n"


@pytest.mark.parametrize(("argv", "key", "params"), [
    (["--exercise", "water-priorities", "--method", "borda"], "aggregation.not_for_method",
     {"aggregation": "borda", "method": "tokens", "allowed": "tokens"}),
    (["--method", "borda"], "aggregation.not_for_method",  # no ranking exercise at all
     {"aggregation": "borda", "method": "tokens", "allowed": "tokens"}),
    (["--exercise", "actions", "--weighting", "custom"], "weighting.no_custom_weights",
     {"exercise": "actions"}),
    (["--weighting", "custom"], "weighting.no_custom_weights", {"exercise": "water-priorities"}),
])
def test_a_method_or_weighting_that_does_not_apply_is_refused(capsys, workshop_file, argv, key,
                                                              params):
    status, out, err = run(capsys, "results", workshop_file, *argv)
    assert (status, out, err) == (2, "", refusal(key, **params))
    assert err.count("\n") == 1 and not err.startswith(key)  # a sentence, not a bare key


def test_a_pairwise_method_on_a_ranking_exercise_names_the_allowed_ones(capsys, methods_file):
    status, _, err = run(capsys, "results", methods_file, "--exercise", "order", "--method", "wins")
    assert status == 2 and "borda, copeland, schulze" in err and "wins" in err


def test_export_of_every_method(capsys, methods_file, tmp_path):
    out = tmp_path / "methods.xlsx"
    assert run(capsys, "export", methods_file, "-o", out) == (0, "", "")
    assert openpyxl.load_workbook(out).sheetnames[2:] == [
        "order results", "order ballots", "pairs results", "pairs ballots", "scores results",
        "scores ballots"]


# ---- network -----------------------------------------------------------------------------------

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
