"""The command line: validate, export, refused files and usage errors."""

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


def test_validate_prints_a_summary(capsys, workshop_file):
    assert run(capsys, "validate", workshop_file) == (
        0, "valid: KDG24, 3 groups, 6 participants, 2 exercises, 11 ballots\n", "")


@pytest.mark.parametrize(("lang", "cover"), [([], "Cover"), (["--lang", "fr"], "Couverture")])
def test_export_writes_a_workbook(capsys, workshop_file, tmp_path, lang, cover):
    out = tmp_path / "out.xlsx"
    assert run(capsys, "export", workshop_file, "-o", out, *lang) == (0, "", "")
    book = openpyxl.load_workbook(out)
    assert book.sheetnames[0] == cover and len(book.sheetnames) == 6


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
