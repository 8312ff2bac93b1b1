"""The architecture holds: the engine's layers import downwards only, with no circle (type-checking
imports included), and no kind of exercise is named outside its own packages.

- ``engine.core`` imports nothing else of the engine; ``engine.methods`` nothing at all of it;
  a kind's package (``engine.exercises.<kind>``) core, methods and itself, never another kind.
- The app's pages and shared modules name no kind: they iterate the registry.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import engine.exercises  # noqa: F401  (registers every kind)
from engine.core.exercise import kinds
from engine.exercises.prioritisation.design import METHODS

ROOT = Path(__file__).resolve().parents[1]
ENGINE = ROOT / "engine"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def engine_imports(path: Path) -> set[str]:
    """Every engine module ``path`` imports, anywhere in it (``if TYPE_CHECKING`` blocks and
    functions included); ``from engine.x import y`` counts as ``engine.x.y`` when that is a
    module, else as ``engine.x``."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
            names = [name if (ENGINE.parent / (name.replace(".", "/") + ".py")).exists()
                     or (ENGINE.parent / name.replace(".", "/")).is_dir() else node.module
                     for name in names]
        found |= {name for name in names if name == "engine" or name.startswith("engine.")}
    return found


MODULES = {module_name(path): engine_imports(path) for path in ENGINE.rglob("*.py")}


def layer(module: str) -> str:
    """core, methods, a kind's package (``exercises.<kind>``), or top (excel, cli)."""
    parts = module.split(".")
    if parts[1:2] == ["exercises"] and len(parts) > 2:
        return f"exercises.{parts[2]}"
    return parts[1] if len(parts) > 1 and parts[1] in ("core", "methods") else "top"


ALLOWED = {"core": {"core"}, "methods": {"methods"}}


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down(module):
    own = layer(module)
    for imported in MODULES[module]:
        if imported in ("engine", "engine.exercises"):
            assert own == "top", f"{module} imports {imported}"
            continue
        target = layer(imported)
        if own in ALLOWED:
            assert target in ALLOWED[own], f"{module} imports {imported}"
        elif own.startswith("exercises."):
            assert target in ("core", "methods", own), f"{module} imports {imported}"


def test_no_import_circle():
    def visit(module: str, trail: tuple[str, ...]) -> None:
        for imported in MODULES.get(module, ()):
            if imported in trail:
                raise AssertionError(" → ".join((*trail[trail.index(imported):], imported)))
            if imported in MODULES:
                visit(imported, (*trail, imported))

    for module in MODULES:
        visit(module, (module,))


def kind_words() -> set[str]:
    """What names a kind: each kind's name, and the prioritisation's methods."""
    return {spec.name for spec in kinds()} | set(METHODS)


def named_kinds(path: Path) -> list[tuple[int, str]]:
    """Where ``path`` writes a kind's name as a string (not in a docstring or a comment)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef))
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    words = kind_words()
    return [(node.lineno, node.value) for node in ast.walk(tree)
            if isinstance(node, ast.Constant) and isinstance(node.value, str)
            and id(node) not in docstrings and node.value in words]


def outside_the_kinds() -> list[Path]:
    """Every source file but the kinds' own packages (engine and ui) and the methods, whose
    arguments share words with the kinds (a pairwise ``matrix``) without meaning them."""
    files = [ROOT / "app.py", *ROOT.glob("pages/*.py"), *ROOT.glob("ui/**/*.py"),
             *(path for path in ENGINE.rglob("*.py") if "methods" not in path.parts)]
    return [path for path in files
            if "exercises" not in path.relative_to(ROOT).parts[:-1]
            or path.parent.name == "exercises"]


@pytest.mark.parametrize("path", outside_the_kinds(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_kind_is_named_outside_its_packages(path):
    assert named_kinds(path) == []


def imports_of_a_kind(path: Path) -> list[str]:
    """The modules of one kind (``engine.exercises.<kind>``, ``ui.exercises.<kind>``) that
    ``path`` imports."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            found += [f"{node.module}.{alias.name}" for alias in node.names]
    return [name for name in found
            if name.split(".")[1:2] == ["exercises"] and len(name.split(".")) > 2
            and name.split(".")[2] in {spec.name for spec in kinds()}]


@pytest.mark.parametrize("path", outside_the_kinds(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_kind_is_imported_outside_its_packages(path):
    assert imports_of_a_kind(path) == []
