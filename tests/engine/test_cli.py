"""The command line: validate, export, results of any kind, each kind's command, refused files
and usage errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from engine.cli import main
from cli_helpers import broken_file, over_budget, parsed_csv, run, unknown_item

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "sample_workshops" / "drc-south-kivu-tin.json"


def test_validate_prints_a_summary(capsys, workshop_file):
    assert run(capsys, "validate", workshop_file) == (
        0, "valid: KDG24, 3 groups, 6 participants, 2 exercises, 11 ballots\n", "")


@pytest.mark.parametrize(("lang", "cover"), [([], "Cover"), (["--lang", "fr"], "Couverture")])
def test_export_writes_a_workbook(capsys, workshop_file, tmp_path, lang, cover):
    out = tmp_path / "out.xlsx"
    assert run(capsys, "export", workshop_file, "-o", out, *lang) == (0, "", "")
    book = openpyxl.load_workbook(out)
    # the cover and participation, 3 per prioritisation, and 5 cuts (by group, gender, age,
    # group and gender, group and age)
    assert book.sheetnames[0] == cover and len(book.sheetnames) == 13


@pytest.mark.parametrize(("change", "fragments"), [
    ('{"code": ', ["broken.json stops too early, at line 1, column 10"]),
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


BROKEN_BYTES = {
    # What crashed the command line with a traceback before (a RecursionError, a ValueError
    # from the 4 300-digit limit on integers), and what it answered in library words.
    "nested 10 000 deep": (b"[" * 10_000 + b"]" * 10_000,
                           "broken.json is not a valid workshop file: at line 1, column 33: "
                           "lists and objects are nested more than 32 deep"),
    "a 5 000-digit number": (b'{"format_version": ' + b"9" * 5000 + b"}",
                             "broken.json is not a valid workshop file: at line 1, column 20: "
                             "a number 5000 characters long"),
    "Windows-1252": ('{"title": "Kandi — Bénin"}'.encode("cp1252"),
                     "broken.json is not saved as UTF-8: it seems to be in Windows-1252, and "
                     "line 1, column 18 has a character this app cannot read as UTF-8. Open it "
                     "in Notepad"),
    "a key given twice": (b'{"title": "a", "title": "b"}',
                          "broken.json is not a valid workshop file: at the top level of the "
                          "file, the field \u201ctitle\u201d is given twice"),
    "a list": (b"[]", "broken.json is not a valid workshop file: at the top level of the file: "
                      "this must be an object: fields between curly brackets (1 problem in all)"),
}


@pytest.mark.parametrize(("raw", "message"), BROKEN_BYTES.values(), ids=BROKEN_BYTES.keys())
def test_a_broken_file_is_one_line_in_plain_words_never_a_traceback(capsys, tmp_path, raw,
                                                                     message):
    path = tmp_path / "broken.json"
    path.write_bytes(raw)
    status, out, err = run(capsys, "validate", path)
    assert (status, out) == (2, "")
    assert err.startswith(message) and err.endswith("Nothing was loaded.\n")
    assert err.count("\n") == 1


def test_python_dash_m_engine_answers_a_deeply_nested_file_without_a_traceback(tmp_path):
    path = tmp_path / "deep.json"
    path.write_bytes(b"{\"a\": " * 10_000 + b"1" + b"}" * 10_000)
    done = subprocess.run([sys.executable, "-m", "engine", "validate", str(path)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("deep.json is not a valid workshop file: at line 1, column "
                                  "193: lists and objects are nested more than 32 deep")
    assert "Traceback" not in done.stderr


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


def test_results_of_every_exercise_of_every_kind(capsys):
    """Without options, ``results`` gives every exercise, each as its kind reads it out; the
    JSON is a list of the kinds' own results, in the workshop's order."""
    status, out, _ = run(capsys, "results", SAMPLE, "--format", "json")
    found = json.loads(out)
    assert status == 0 and len(found) == 10
    assert [sorted(result)[:2] for result in found[6:]] == [
        ["analysis", "voters"], ["bubbles", "disagreement"], ["interactions", "plan"],
        ["currency", "handover"]]
    status, out, _ = run(capsys, "results", SAMPLE)
    assert out.count("\n\n") >= 9 and "lim: person weighting" in out and "emp plan:" in out


def test_an_option_keeps_the_exercises_that_take_it(capsys):
    """``--weighting`` leaves out the map (it has none); ``--method`` keeps the prioritisations
    that count that way."""
    _, out, _ = run(capsys, "results", SAMPLE, "--weighting", "group", "--format", "json")
    assert len(json.loads(out)) == 8
    _, out, _ = run(capsys, "results", SAMPLE, "--method", "schulze", "--format", "json")
    assert [result["exercise"] for result in json.loads(out)] == ["issues-ranking", "actions-pairs"]


def test_results_of_one_exercise_of_any_kind(capsys):
    status, out, _ = run(capsys, "results", SAMPLE, "--exercise", "lim", "--weighting", "group")
    assert status == 0 and out.startswith("lim: group weighting")


def test_an_option_an_exercise_does_not_take_is_refused(capsys):
    assert run(capsys, "results", SAMPLE, "--exercise", "network", "--weighting", "group") == (
        2, "", "Exercise network takes no --weighting.\n")


def test_csv_is_refused_for_a_kind_without_it_and_left_out_otherwise(capsys):
    assert run(capsys, "results", SAMPLE, "--exercise", "emp", "--format", "csv") == (
        2, "", "Exercise emp has no CSV form: use --format table or json.\n")
    _, out, _ = run(capsys, "results", SAMPLE, "--format", "csv")
    assert {row[0] for row in parsed_csv(out)[1:]} == {
        "issues", "issues-urgency", "actions", "issues-ranking", "actions-pairs",
        "solutions-matrix"}


def test_each_kind_adds_its_own_command(capsys):
    """``network``, ``lim`` and ``emp`` come from the kinds' registry, each with ``--exercise``."""
    for command in ("network", "lim", "emp"):
        status, out, _ = run(capsys, command, SAMPLE, "--format", "json")
        assert status == 0 and json.loads(out)
    assert run(capsys, "lim", SAMPLE, "--exercise", "issues") == (
        2, "", "Exercise issues is not of the kind “Leverage and Incentives Matrix”.\n")


def test_a_kinds_command_on_a_workshop_without_one_is_refused(capsys, workshop_file):
    assert run(capsys, "lim", workshop_file) == (
        2, "", "Workshop KDG24 has no exercise of the kind “Leverage and Incentives Matrix”.\n")
