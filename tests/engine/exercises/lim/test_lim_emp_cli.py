"""The ``lim`` and ``emp`` commands, on the hand-worked workshop of ``plans_workshop``."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from engine import i18n
from engine.emp import workshop_emp_results
from engine.excel import workbook
from engine.incentives import workshop_incentive_results
from engine.workshop_file import dump_workshop

from plans_workshop import FORMULA_LABEL, plans_workshop
from test_cli import run, workshop_file  # noqa: F401  (a fixture)
from test_excel import row_of


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


@pytest.mark.parametrize("weighting", ["person", "group"])
def test_lim_json_is_exactly_the_engine_result(capsys, plans_file, weighting):
    status, out, err = run(capsys, "lim", plans_file, "--format", "json",
                           "--weighting", weighting)
    assert (status, err) == (0, "")
    expected = workshop_incentive_results(plans_workshop(), weighting)
    assert json.loads(out) == expected.model_dump(mode="json")
    assert json.loads(out)["instruments"][0]["composite"] == pytest.approx(
        149 / 168 if weighting == "person" else 185 / 216, abs=1e-6)


@pytest.mark.parametrize("weighting", ["person", "group"])
def test_emp_json_is_the_interactions_risks_and_plan(capsys, plans_file, weighting):
    status, out, err = run(capsys, "emp", plans_file, "--format", "json", "--weighting", weighting)
    assert (status, err) == (0, "")
    found = json.loads(out)
    assert found == workshop_emp_results(plans_workshop(), weighting).model_dump(mode="json")
    assert list(found) == ["interactions", "risks", "plan"]
    river = found["interactions"]["cells"][0]
    assert (river["cell"], river["status"]) == (
        "asm:river", "consensus" if weighting == "person" else "contested")
    assert [(cell["cell"], cell["product"], cell["band"]) for cell in found["risks"]["cells"]] \
        == [("asm:river", 16, "high"), ("farming:forest", 4, "low")]
    assert found["plan"]["by_year"] == {"1": ["buffer", "retort"], "2": ["buffer", "hedges"],
                                        "3": ["hedges"]}


def test_lim_table_ranks_and_says_why_an_instrument_is_not_ranked(capsys, plans_file):
    lines = lines_of(capsys, "lim", plans_file)
    assert lines[0] == ("lim: person weighting, 7 voters; C = 1·L′ + 1·E′ − 1·R′ where "
                        "L′ = (L − 1)/4; E′ = (E − 1)/4; R = mean(P·S); R′ = (R − 1)/24")
    assert lines[1].split() == ["rank", "instrument", "kind", "voters", "leverage",
                                "effectiveness", "likelihood", "severity", "risk", "composite",
                                "not_ranked"]
    for row in (r"1  Zones +incentive +7 +3\.29 +3\.00 +2\.00 +2\.43 +5\.43 +0\.887",
                r"2  Fines +disincentive +6 +2\.33 +1\.83 +3\.83 +4\.00 +16\.17 +-0\.090",
                r"-  Royalty +incentive +1 +5\.00 +5\.00 +1\.00 +1\.00 +1\.00 +2\.000  "
                r"Not ranked: conditions unmet \(traceable\)",
                rf"-  {re.escape(FORMULA_LABEL)}  incentive +0( +-){{6}}  "
                r"Not ranked: not scored yet"):
        assert matching(lines[2:6], row), row
    assert lines[6:] == [
        "group Women: 1 Zones 1.375; 2 Fines 0.292",
        "group Miners: 1 Zones 0.444; 2 Fines -0.472",
        "small groups hidden: 1",
        "disagreement: Zones spread 0.931, sd 0.465 (Women 1.375, Miners 0.444)",
        "disagreement: Fines spread 0.764, sd 0.382 (Women 0.292, Miners -0.472)",
        "most disagreed: Zones"]


def test_lim_table_under_group_weighting(capsys, plans_file):
    lines = lines_of(capsys, "lim", plans_file, "--weighting", "group")
    assert lines[0].startswith("lim: group weighting, 7 voters;")
    assert matching(lines, r"1  Zones +incentive +7 +3\.00 +3\.00 +1\.78 +2\.11 +4\.44 +0\.856")


def test_emp_table_interactions_risks_and_plan(capsys, plans_file):
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
                r"1  River buffer +avoid +5\.00 +4\.00 +20\.00 +act_now +miners +1, 2 +"
                r"2026-09-01 +asm:river",
                r"3  Plant hedges +rehabilitate +4\.00 +3\.00 +12\.00 +plan +@village council +"
                r"2, 3 +2027-03-01 +farming:forest"):
        assert matching(lines, row), row
    for line in ("group Women: asm:river - consensus", "group Miners: asm:forest + contested",
                 "small groups hidden: 1",
                 "emp risks: likelihood x consequence; bands low 1-4, medium 5-10, high 12-25",
                 "not assessed: asm:forest",
                 "emp plan: 2026-03-01 to 2029-02-28 (3 years); priority = importance x urgency",
                 "year 1: River buffer, Use retorts", "year 2: River buffer, Plant hedges",
                 "year 3: Plant hedges", "not addressed: asm:forest"):
        assert line in lines, line


def test_emp_table_under_group_weighting_finds_mining_on_the_river_contested(capsys, plans_file):
    lines = lines_of(capsys, "emp", plans_file, "--weighting", "group")
    assert matching(lines, r"asm:river +Mining +River +5 +33\.3% +0\.0% +66\.7%  -  +contested")


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


@pytest.mark.parametrize(("command", "message"), [
    ("lim", "Workshop KDG24 has no Leverage and Incentives Matrix: nothing to rank.\n"),
    ("emp", "Workshop KDG24 has no community Environmental Management Plan: nothing to show.\n")])
@pytest.mark.parametrize("output", ["table", "json"])
def test_a_workshop_without_them_exits_2_with_one_line(capsys, workshop_file, command, message,
                                                       output):
    assert run(capsys, command, workshop_file, "--format", output) == (2, "", message)


def test_the_messages_are_translated():
    assert i18n.t("lim.no_matrix", "fr", code="KDG24") == (
        "L'atelier KDG24 n'a pas de matrice de levier et d'incitations : rien à classer.")
    assert i18n.t("emp.no_plan", "fr", code="KDG24") == (
        "L'atelier KDG24 n'a pas de plan de gestion environnementale communautaire : rien à "
        "montrer.")


@pytest.mark.parametrize("argv", [["lim"], ["emp", "f.json", "--weighting", "custom"],
                                  ["lim", "f.json", "--format", "csv"]])
def test_usage_errors_exit_2(capsys, argv):
    status, out, err = run(capsys, *argv)
    assert (status, out) == (2, "")
    assert err.startswith("usage: python -m engine")
