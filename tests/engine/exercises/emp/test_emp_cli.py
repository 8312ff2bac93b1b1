"""The ``emp`` command, on the hand-worked workshop of ``plans_workshop`` (EMP exercise ``emp``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.core import i18n
from engine.core.file_format import dump_workshop
from engine.core.workshop import Workshop
from engine.exercises.emp.plan import emp_results

from cli_helpers import run
from plans_workshop import plans_workshop, plans_workshop_data


@pytest.fixture
def plans_file(tmp_path) -> Path:
    """The LIM and EMP workshop written as a workshop file."""
    path = tmp_path / "plans.json"
    path.write_text(dump_workshop(plans_workshop()), encoding="utf-8")
    return path


def lines_of(capsys, *argv) -> list[str]:
    """The lines a successful command printed."""
    status, out, err = run(capsys, *argv)
    assert (status, err) == (0, "")
    return out.splitlines()


def matching(lines: list[str], pattern: str) -> bool:
    """Whether one whole line matches ``pattern``, leading spaces aside."""
    return any(re.fullmatch(r" *" + pattern, line) for line in lines)


def expected(weighting: str) -> dict:
    """The engine's own result for the workshop's EMP, as JSON data."""
    workshop = plans_workshop()
    return emp_results(workshop.exercise("emp"), workshop.room(), weighting).model_dump(
        mode="json")


@pytest.mark.parametrize("weighting", ["person", "group"])
def test_emp_json_is_the_interactions_risks_and_plan(capsys, plans_file, weighting):
    status, out, err = run(capsys, "emp", plans_file, "--format", "json", "--weighting", weighting)
    assert (status, err) == (0, "")
    found = json.loads(out)
    assert found == expected(weighting)
    assert list(found) == ["interactions", "risks", "plan"]
    # asm:river by person: − 4/5, + 1/5. By group: the miners' − 1 beside the pool of the hidden
    # women and office (− − − +: − 3/4, + 1/4) counting twice: − (1 + 3/2)/3 = 5/6, + 1/6.
    river = found["interactions"]["cells"][0]
    assert (river["cell"], river["status"], river["shares"]["+"]) == (
        "asm:river", "consensus", pytest.approx(1 / 5 if weighting == "person" else 1 / 6,
                                                abs=1e-6))
    assert [(cell["cell"], cell["product"], cell["band"]) for cell in found["risks"]["cells"]] \
        == [("asm:river", 16, "high"), ("farming:forest", 4, "low")]
    assert found["plan"]["by_year"] == {"1": ["buffer", "retort"], "2": ["buffer", "hedges"],
                                        "3": ["hedges"]}


@pytest.mark.parametrize("argv", [
    ["emp", "--exercise", "emp", "--format", "json"],
    ["results", "--exercise", "emp", "--format", "json"]])
def test_the_exercise_can_be_named(capsys, plans_file, argv):
    """``--exercise emp`` picks the same exercise; ``results`` gives its result in a list."""
    status, out, err = run(capsys, argv[0], plans_file, *argv[1:])
    assert (status, err) == (0, "")
    found = json.loads(out)
    assert (found[0] if argv[0] == "results" else found) == expected("person")


def test_emp_table_interactions_risks_and_plan(capsys, plans_file, elders_plans_file):
    lines = lines_of(capsys, "emp", plans_file)
    assert lines[0] == ("emp interactions: person weighting, 7 voters; contested when + and - "
                        "each have at least 1/3, consensus when one answer has at least 2/3 and "
                        "3 people rated")
    for row in (r"asm:river +Mining +River +5 +20\.0% +0\.0% +80\.0%  -  +consensus",
                r"asm:forest +Mining +Forest +5 +40\.0% +0\.0% +60\.0%  -  +contested",
                r"farming:river +Farming +River +4 +75\.0% +25\.0% +0\.0%  \+  +consensus",
                r"farming:forest +Farming +Forest +4 +25\.0% +75\.0% +0\.0%  N  +consensus",
                r"settlement:river +Villages +River +2 +50\.0% +50\.0% +0\.0%  tie  +too_few",
                r"settlement:forest +Villages +Forest +0 +0\.0% +0\.0% +0\.0% +too_few",
                r"1  asm:river +4 +4 +16  high", r"2  farming:forest +2 +2 +4  low",
                (r"1  River buffer +avoid +5\.00 +4\.00 +20\.00 +act_now +miners +1, 2 +"
                 r"2026-09-01 +asm:river"),
                (r"3  Plant hedges +rehabilitate +4\.00 +3\.00 +12\.00 +act_now +@village council +"
                 r"2, 3 +2027-03-01 +farming:forest")):
        assert matching(lines, row), row
    # The office (1 voter) is hidden, and the women with it (3 voters, tied with the miners but
    # listed first), or the office's ratings would be the room's minus the two other groups'.
    assert not any(line.startswith("group Women") for line in lines)
    for line in ("group Miners: asm:forest + contested", "small groups hidden: 2",
                 "emp risks: likelihood x consequence; bands low 1-4, medium 5-10, high 12-25",
                 "not assessed: asm:forest",
                 "emp plan: 2026-03-01 to 2029-02-28 (3 years); priority = importance x urgency",
                 "year 1: River buffer, Use retorts", "year 2: River buffer, Plant hedges",
                 "year 3: Plant hedges", "not addressed: asm:forest"):
        assert line in lines, line
    # With two elders (hidden with the office; see tests/engine/exercises/conftest.py) the women
    # and the miners are shown side by side, as plans_workshop works them.
    lines = lines_of(capsys, "emp", elders_plans_file)
    for line in ("group Women: asm:river - consensus", "group Miners: asm:forest + contested",
                 "small groups hidden: 2"):
        assert line in lines, line


def test_emp_table_under_group_weighting_finds_mining_on_the_river_contested(capsys, tmp_path,
                                                                            plans_file):
    """With every group shown (threshold 1) each weighs alone: women − 1, miners − 1, office + 1
    → + 1/3, − 2/3, contested. At the workshop's threshold of 3 the office is hidden with the
    women, and their pooled ratings (− − − +) count twice beside the miners': + (0 + 2·1/4)/3
    = 1/6, − (1 + 2·3/4)/3 = 5/6, consensus, and the office's own rating is nowhere to be
    read."""
    every_group_shown = tmp_path / "threshold-1.json"
    every_group_shown.write_text(dump_workshop(Workshop.model_validate(
        plans_workshop_data() | {"small_group_threshold": 1})), encoding="utf-8")
    lines = lines_of(capsys, "emp", every_group_shown, "--weighting", "group")
    assert matching(lines, r"asm:river +Mining +River +5 +33\.3% +0\.0% +66\.7%  -  +contested")
    lines = lines_of(capsys, "emp", plans_file, "--weighting", "group")
    assert matching(lines, r"asm:river +Mining +River +5 +16\.7% +0\.0% +83\.3%  -  +consensus")


@pytest.mark.parametrize("output", ["table", "json"])
def test_a_workshop_without_an_emp_exits_2_with_one_line(capsys, workshop_file, output):
    assert run(capsys, "emp", workshop_file, "--format", output) == (
        2, "", "Workshop KDG24 has no exercise of the kind "
               "“Community Environmental Management Plan (EMP)”.\n")


def test_an_exercise_of_another_kind_is_refused(capsys, plans_file):
    assert run(capsys, "emp", plans_file, "--exercise", "lim") == (
        2, "", "Exercise lim is not of the kind “Community Environmental Management Plan (EMP)”.\n")

def test_the_refusal_names_the_kind_in_french():
    """The command line speaks English; the app shows the same refusal in French."""
    french = i18n.t("workshop.no_exercise_of_kind", "fr", code="KDG24",
                    kind=i18n.t("emp.title", "fr"))
    assert french.startswith("L'atelier KDG24 ")
    assert "Plan communautaire de gestion environnementale (PGE)" in french


@pytest.mark.parametrize("argv", [["emp"], ["emp", "f.json", "--weighting", "custom"],
                                  ["emp", "f.json", "--format", "csv"]])
def test_usage_errors_exit_2(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("usage: python -m engine")
