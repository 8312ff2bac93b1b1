"""ASM Workshop Studio's engine: pure Python, no Streamlit, in three layers.

``engine.core`` (the workshop, the store, the file format, errors, texts), ``engine.methods``
(the mathematics), ``engine.exercises`` (one package per kind of exercise); ``engine.excel``
and ``engine.cli`` sit on top and iterate the registry of kinds. Imports point down only.
"""

# Every kind registered, whichever part of the engine is imported first (a workshop cannot be
# read without its kinds). Imported last: the kinds import core, which is ready by then.
import engine.exercises  # noqa: F401
