"""The ballot inputs for each method, shared by the phone ballot and the facilitator's proxy entry.

Each input keeps its values in ``st.session_state`` under ``<prefix>|<exercise>|<item>`` keys and
returns the answer as the engine expects it (``{"method": ..., ...}``), or ``None`` while it is
incomplete. Validation proper (budget, scale, known items) is the engine's, on submit.
"""

from __future__ import annotations

import streamlit as st

from engine.model import SCALE, Ballot, Exercise, Item, label
from ui.session import t, with_pictogram

SCALE_VALUES = list(range(SCALE[0], SCALE[1] + 1))
BUTTON_WIDTH = 72  # px: a thumb-sized target on a cheap phone


def item_heading(item: Item, lang: str) -> None:
    """The item's pictogram and label, large, above its inputs."""
    st.subheader(with_pictogram(item.pictogram, label(item.label, lang)), anchor=False)


def prefill(prefix: str, exercise: Exercise, ballot: Ballot | None) -> None:
    """Start the inputs from ``ballot`` (the participant's latest), once per exercise."""
    flag = f"{prefix}|{exercise.id}|prefilled"
    if st.session_state.get(flag):
        return
    st.session_state[flag] = True
    if ballot is None:
        return
    if exercise.method == "tokens":
        for item_id, count in ballot.answer.beans.items():
            st.session_state[f"{prefix}|{exercise.id}|{item_id}"] = count
    else:
        for item_id, rating in ballot.answer.ratings.items():
            st.session_state[f"{prefix}|{exercise.id}|{item_id}|importance"] = rating.importance
            st.session_state[f"{prefix}|{exercise.id}|{item_id}|urgency"] = rating.urgency


def _change(key: str, step: int) -> None:
    st.session_state[key] = st.session_state.get(key, 0) + step


def bean_steppers(prefix: str, exercise: Exercise, budget: int, lang: str) -> dict | None:
    """Big − / + buttons per item and a running count of beans left (the phone ballot)."""
    keys = {item.id: f"{prefix}|{exercise.id}|{item.id}" for item in exercise.items}
    counts = {item_id: st.session_state.get(key, 0) for item_id, key in keys.items()}
    left = budget - sum(counts.values())
    progress_slots = [st.empty()]
    for item in exercise.items:
        key, count = keys[item.id], counts[item.id]
        with st.container(border=True, key=f"box|{key}"):
            item_heading(item, lang)
            with st.container(horizontal=True, vertical_alignment="center", gap="medium"):
                # Text labels, not icons: a screen reader reads "−" and "+", and touch screens
                # never show a tooltip.
                st.button("−", key=f"minus|{key}", on_click=_change, args=(key, -1),
                          disabled=count == 0, width=BUTTON_WIDTH)
                st.metric(t("vote.beans_on_item"), count, label_visibility="collapsed")
                st.button("+", key=f"plus|{key}", on_click=_change, args=(key, 1),
                          disabled=left <= 0, width=BUTTON_WIDTH)
                st.markdown("●" * count)
    progress_slots.append(st.empty())
    for slot in progress_slots:  # above the items and again beside the send button
        slot.progress(min(1.0, (budget - left) / budget),
                      text=t("vote.beans_left", left=left, budget=budget))
    if left != 0:
        return None
    return {"method": "tokens", "beans": {item_id: n for item_id, n in counts.items() if n}}


def bean_counts(prefix: str, exercise: Exercise, budget: int, lang: str) -> dict:
    """A number box per item (the facilitator's proxy entry: counting beans on the flipchart)."""
    beans = {}
    for item in exercise.items:
        beans[item.id] = st.number_input(
            with_pictogram(item.pictogram, label(item.label, lang)), min_value=0, step=1,
            key=f"{prefix}|{exercise.id}|{item.id}")
    st.caption(t("proxy.beans_total", placed=sum(beans.values()), budget=budget))
    return {"method": "tokens", "beans": {item_id: n for item_id, n in beans.items() if n}}


def importance_urgency_ratings(prefix: str, exercise: Exercise, lang: str) -> dict | None:
    """Two 1–5 choices per item, importance then urgency, as large touch buttons."""
    ratings, missing = {}, False
    st.caption(t("vote.scale_hint"))
    for item in exercise.items:
        base = f"{prefix}|{exercise.id}|{item.id}"
        with st.container(border=True, key=f"box|{base}"):
            item_heading(item, lang)
            importance = st.segmented_control(t("vote.importance"), SCALE_VALUES,
                                              key=f"{base}|importance", width="stretch")
            urgency = st.segmented_control(t("vote.urgency"), SCALE_VALUES, key=f"{base}|urgency",
                                           width="stretch")
        if importance is None or urgency is None:
            missing = True
        else:
            ratings[item.id] = {"importance": importance, "urgency": urgency}
    return None if missing else {"method": "importance-urgency", "ratings": ratings}
