"""The command line: validate, results, export, and refused files."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from engine.cli import main
from engine.prioritise import results
from engine.workshop_file import dump_workshop

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def workshop_file(workshop, tmp_path) -> Path:
    """The sample workshop written as a workshop file."""
    path = tmp_path / "workshop.json"
    path.write_text(dump_workshop(workshop), encoding="utf-8")
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
    assert out.splitlines()[1].split() == ["rank", "item", "share"]
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
                                  ["export", "f.json"], ["export", "f.json", "-o", "o", "--lang", "xx"]])
def test_usage_errors_exit_2(capsys, argv):
    assert main(argv) == 2
    assert "usage:" in capsys.readouterr().err


def test_python_dash_m_engine_runs_the_command_line(workshop_file):
    done = subprocess.run([sys.executable, "-m", "engine", "validate", str(workshop_file)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (0, "valid: KDG24, 3 groups, 6 participants, "
                                                 "2 exercises, 11 ballots\n")
