"""The sample workshops are built from each kind's own sample content
(``ExerciseKind.sample_exercises``): rebuilding them gives the files in ``sample_workshops/``
byte for byte, every registered kind contributes to each, and the kinds' exercises run in the
registry's order."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from engine.core.exercise import kinds
from engine.core.file_format import dump_workshop
from engine.core.workshop import Workshop

SAMPLES_DIR = Path(__file__).resolve().parents[2] / "sample_workshops"


def load_builder() -> ModuleType:
    """``sample_workshops/build_samples.py``, a script rather than a package, as a module."""
    spec = importlib.util.spec_from_file_location("build_samples", SAMPLES_DIR / "build_samples.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up as they are made
    spec.loader.exec_module(module)
    return module


BUILDER = load_builder()


@pytest.fixture(scope="module", params=BUILDER.SAMPLES, ids=lambda story: story.code)
def built(request: pytest.FixtureRequest) -> tuple[str, Workshop]:
    """A sample's file name and the workshop its story builds."""
    return request.param.filename, BUILDER.build_workshop(request.param)


def test_rebuilding_gives_the_files_byte_for_byte(built: tuple[str, Workshop]) -> None:
    filename, workshop = built
    expected = (SAMPLES_DIR / filename).read_bytes()
    assert dump_workshop(workshop).encode("utf-8") == expected


def test_every_kind_contributes_exercises(built: tuple[str, Workshop]) -> None:
    _, workshop = built
    contributed = {exercise.kind for exercise in workshop.exercises}
    assert [spec.name for spec in kinds() if spec.name not in contributed] == []


def test_the_kinds_exercises_run_in_registry_order(built: tuple[str, Workshop]) -> None:
    _, workshop = built
    order = [spec.name for spec in kinds()]
    positions = [order.index(exercise.kind) for exercise in workshop.exercises]
    assert positions == sorted(positions)
