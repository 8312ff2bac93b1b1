"""The docs say what the code does: the schema is current, every command and setting documented."""

import json
import re
from pathlib import Path

import engine.exercises  # noqa: F401  (registers every kind, whose designs the schema lists)
from engine.cli import parser
from engine.core.exercise import kinds
from engine.core.file_format import parse_workshop, schema
from engine.core.store import STORE_URL_VARIABLE
from ui.join_link import PUBLIC_URL_VARIABLE

ROOT = Path(__file__).resolve().parents[1]


def read(path: str) -> str:
    return (ROOT / path).read_text(encoding="utf-8")


def test_the_json_schema_in_docs_is_generated_from_the_models():
    assert json.loads(read("docs/workshop.schema.json")) == schema(), (
        "regenerate docs/workshop.schema.json from engine.core.file_format.schema()")


def test_every_cli_command_is_in_the_readme_and_docs():
    commands = parser()._subparsers._group_actions[0].choices
    for command in commands:
        assert f"python -m engine {command}" in read("docs/cli.md")
        assert f"python -m engine {command}" in read("README.md")


def kind_definitions(spec) -> set[str]:
    """The names of the models a kind's design is made of (its ``$defs`` in the schema)."""
    design = spec.design_model.model_json_schema()
    return {spec.design_model.__name__, *design.get("$defs", {})}


def test_every_model_field_is_explained_where_its_reader_looks():
    """The workshop's own fields in the file-format doc; a kind's design on the kind's page."""
    owner = {name: f"docs/exercises/{spec.name}.md" for spec in kinds()
             for name in kind_definitions(spec)}
    for name, definition in schema()["$defs"].items():
        documented = read(owner.get(name, "docs/file-format.md"))
        for field in definition.get("properties", {}):
            assert f"`{field}`" in documented, f"{name}.{field} in {owner.get(name)}"


LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_link_between_the_docs_leads_somewhere():
    pages = [ROOT / "README.md", ROOT / "sample_workshops" / "README.md",
             *ROOT.glob("docs/**/*.md")]
    broken = [(page.relative_to(ROOT).as_posix(), target) for page in pages
              for target in LINK.findall(page.read_text(encoding="utf-8"))
              if "://" not in target and not (page.parent / target).exists()]
    assert broken == []


def test_the_file_format_example_is_a_valid_workshop():
    documented = read("docs/file-format.md")
    example = documented[documented.rindex("```json") + len("```json"):documented.rindex("```")]
    workshop = parse_workshop(example.encode("utf-8"))
    assert [exercise.kind for exercise in workshop.exercises] == ["prioritisation", "emp"]


def test_environment_variables_and_hotspot_settings_are_documented():
    hotspot = read("docs/hotspot.md")
    assert STORE_URL_VARIABLE in hotspot and PUBLIC_URL_VARIABLE in hotspot
    config = read(".streamlit/config.toml")
    for setting in ("postScriptGC", "gatherUsageStats", "disconnectedSessionTTL"):
        assert re.search(rf"^{setting} = ", config, re.MULTILINE), setting
        assert setting in hotspot, setting


def test_the_readme_gives_the_two_commands_and_ci_runs_the_test_one():
    readme = read("README.md")
    start = "python3 -m pip install -r requirements.txt && python3 -m streamlit run serve.py"
    tests = ("python3 -m pip install -r requirements-dev.txt && python3 -m ruff check . && "
             "python3 -m mypy && python3 -m pytest")
    assert start in readme and tests in readme
    assert tests.replace("pip install -r", "pip install -q -r") in read(".ci/run")
