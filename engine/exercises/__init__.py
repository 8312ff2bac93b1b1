"""Every exercise kind, one package each; importing this package registers them all.

Each subpackage registers one ``ExerciseKind`` (``engine.core.exercise``) when imported. They
are found, not listed: adding a kind is adding its package (``docs/adding-an-exercise.md``).
"""

from __future__ import annotations

import importlib
import pkgutil

__all__: list[str] = []

for _module in pkgutil.iter_modules(__path__):
    if _module.ispkg:
        importlib.import_module(f"{__name__}.{_module.name}")
