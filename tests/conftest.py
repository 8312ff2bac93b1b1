"""Shared fixtures: every test gets its own store, never the user's real one."""

import pytest
import streamlit as st

from engine.core.store import STORE_URL_VARIABLE


@pytest.fixture(autouse=True)
def private_store(tmp_path, monkeypatch):
    """Point the app and the engine at a fresh SQLite file, and forget cached stores.

    ``st.cache_resource`` outlives an AppTest instance within one process (DESIGN.md), so
    without the clears one test's store would leak into the next.
    """
    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv(STORE_URL_VARIABLE, url)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield url
    st.cache_resource.clear()
    st.cache_data.clear()
