"""The ``lim`` command, on the hand-worked workshop of ``plans_workshop`` (LIM exercise ``lim``)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine.core import i18n
from engine.core.file_format import dump_workshop
from engine.excel import workbook
from engine.exercises.lim.results import incentive_results

from cli_helpers import run
from plans_workshop import FORMULA_LABEL, plans_workshop
from workbook_helpers import row_of


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
    """The engine's own result for the workshop's LIM, as JSON data."""
    workshop = plans_workshop()
    return incentive_results(workshop.exercise("lim"), workshop.room(), weighting).model_dump(
        mode="json")


@pytest.mark.parametrize("weighting", ["person", "group"])
def test_lim_json_is_exactly_the_engine_result(capsys, plans_file, weighting):
    status, out, err = run(capsys, "lim", plans_file, "--format", "json",
                           "--weighting", weighting)
    assert (status, err) == (0, "")
    assert json.loads(out) == expected(weighting)
    # By group, zones: the miners' means beside the pool of the hidden women and office, counting
    # twice (see test_lim_table_under_group_weighting): C = 415/432.
    assert json.loads(out)["instruments"][0]["composite"] == pytest.approx(
        149 / 168 if weighting == "person" else 415 / 432, abs=1e-6)


@pytest.mark.parametrize("argv", [
    ["lim", "--exercise", "lim", "--format", "json"],
    ["results", "--exercise", "lim", "--format", "json"]])
def test_the_exercise_can_be_named(capsys, plans_file, argv):
    """``--exercise lim`` picks the same exercise; ``results`` gives its result in a list."""
    status, out, err = run(capsys, argv[0], plans_file, *argv[1:])
    assert (status, err) == (0, "")
    found = json.loads(out)
    assert (found[0] if argv[0] == "results" else found) == expected("person")


def test_lim_table_ranks_and_says_why_an_instrument_is_not_ranked(capsys, plans_file,
                                                                  elders_plans_file):
    lines = lines_of(capsys, "lim", plans_file)
    assert lines[0] == ("lim: person weighting, 7 voters; C = 1·L′ + 1·E′ − 1·R′ where "
                        "L′ = (L − 1)/4; E′ = (E − 1)/4; R = mean(P·S); R′ = (R − 1)/24")
    assert lines[1].split() == ["rank", "instrument", "kind", "voters", "leverage",
                                "effectiveness", "likelihood", "severity", "risk", "composite",
                                "not_ranked"]
    for row in (r"1  Zones +incentive +7 +3\.29 +3\.00 +2\.00 +2\.43 +5\.43 +0\.887",
                r"2  Fines +disincentive +6 +2\.33 +1\.83 +3\.83 +4\.00 +16\.17 +-0\.090",
                (r"-  Royalty +incentive +1 +5\.00 +5\.00 +1\.00 +1\.00 +1\.00 +2\.000  "
                 r"Not ranked: conditions unmet \(traceable\)"),
                (rf"-  {re.escape(FORMULA_LABEL)}  incentive +0( +-){{6}}  "
                 r"Not ranked: not scored yet")):
        assert matching(lines[2:6], row), row
    # The office (1 voter) is hidden, and the women with it (3 voters, tied with the miners but
    # listed first), or the office's scores would be the room's minus the two other groups'.
    assert lines[6:] == [
        "group Miners: 1 Zones 0.444; 2 Fines -0.472",
        "small groups hidden: 2",
        "most disagreed: none"]
    # With two elders (hidden with the office; see tests/engine/exercises/conftest.py) the women
    # and the miners are shown side by side, with plans_workshop's hand-worked numbers.
    assert lines_of(capsys, "lim", elders_plans_file)[6:] == [
        "group Women: 1 Zones 1.375; 2 Fines 0.292",
        "group Miners: 1 Zones 0.444; 2 Fines -0.472",
        "small groups hidden: 2",
        "disagreement: Zones spread 0.931, sd 0.465 (Women 1.375, Miners 0.444)",
        "disagreement: Fines spread 0.764, sd 0.382 (Women 0.292, Miners -0.472)",
        "most disagreed: Zones"]


def test_lim_table_under_group_weighting(capsys, plans_file):
    """zones: the office and the women are hidden, their scores pooled (5 4 2 3, 4 4 1 2,
    3 4 2 2, 2 3 1 1): L 7/2, E 15/4, P 3/2, S 2, R (6 + 2 + 4 + 1)/4 = 13/4; the miners L 3,
    E 2, P 8/3, S 3, R 25/3. The pool counts twice (both hidden groups scored zones): L
    (3 + 7)/3 = 10/3, E (2 + 15/2)/3 = 19/6, P (8/3 + 3)/3 = 17/9, S (3 + 4)/3 = 7/3,
    R (25/3 + 13/2)/3 = 89/18, C = 7/12 + 13/24 − (71/18)/24 = 415/432 = 0.961. Still the 7
    people who scored zones."""
    lines = lines_of(capsys, "lim", plans_file, "--weighting", "group")
    assert lines[0].startswith("lim: group weighting, 7 voters;")
    assert matching(lines, r"1  Zones +incentive +\d+ +3\.33 +3\.17 +1\.89 +2\.33 +4\.94 +0\.961")
    assert matching(lines, r"1  Zones +incentive +7 +3\.33 +3\.17 +1\.89 +2\.33 +4\.94 +0\.961")


def test_the_cli_prints_the_workbooks_numbers(capsys, plans_file):
    sheet = workbook(plans_workshop())["LIM results"]
    first = row_of(sheet, i18n.t("excel.results.block", aggregation="Composite score",
                                 weighting=i18n.t("excel.weighting.person"))) + 2
    in_workbook = {sheet.cell(row=row, column=1).value: sheet.cell(row=row, column=11).value
                   for row in range(first, first + 4)}
    _, out, _ = run(capsys, "lim", plans_file, "--format", "json")
    labels = {"zones": "Zones", "fines": "Fines", "royalty": "Royalty", "credit": FORMULA_LABEL}
    assert {labels[line["instrument"]]: line["composite"]
            for line in json.loads(out)["instruments"]} == in_workbook


@pytest.mark.parametrize("output", ["table", "json"])
def test_a_workshop_without_a_lim_exits_2_with_one_line(capsys, workshop_file, output):
    assert run(capsys, "lim", workshop_file, "--format", output) == (
        2, "", "Workshop KDG24 has no exercise of the kind “Leverage and Incentives Matrix”.\n")


def test_an_exercise_of_another_kind_is_refused(capsys, plans_file):
    assert run(capsys, "lim", plans_file, "--exercise", "emp") == (
        2, "", "Exercise emp is not of the kind “Leverage and Incentives Matrix”.\n")

def test_the_refusal_names_the_kind_in_french():
    """The command line speaks English; the app shows the same refusal in French."""
    french = i18n.t("workshop.no_exercise_of_kind", "fr", code="KDG24",
                    kind=i18n.t("lim.title", "fr"))
    assert french.startswith("L'atelier KDG24 ")
    assert "Matrice des leviers et incitations" in french


@pytest.mark.parametrize("argv", [["lim"], ["lim", "f.json", "--weighting", "custom"],
                                  ["lim", "f.json", "--format", "csv"]])
def test_usage_errors_exit_2(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("usage: python -m engine")
