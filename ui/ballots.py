"""The ballot inputs for each method, shared by the phone ballot and the facilitator's proxy entry.

Each input keeps its values in ``st.session_state`` under ``<prefix>|<exercise>|<item>`` keys and
returns the answer as the engine expects it (``{"method": ..., ...}``), or ``None`` while it is
incomplete. Validation proper (budget, scale, known items) is the engine's, on submit.
"""

from __future__ import annotations

import streamlit as st

from engine.model import MATRIX_SCALE, SCALE, Ballot, Exercise, Item, label
from ui.session import plain, t, with_pictogram

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
    base = f"{prefix}|{exercise.id}"
    answer = ballot.answer
    if exercise.method == "tokens":
        for item_id, count in answer.beans.items():
            st.session_state[f"{base}|{item_id}"] = count
    elif exercise.method == "importance-urgency":
        for item_id, rating in answer.ratings.items():
            st.session_state[f"{base}|{item_id}|importance"] = rating.importance
            st.session_state[f"{base}|{item_id}|urgency"] = rating.urgency
    elif exercise.method == "ranking":
        st.session_state[f"{base}|order"] = list(answer.order)
    elif exercise.method == "matrix":
        for item_id, scores in answer.scores.items():
            for criterion, score in scores.items():
                st.session_state[f"{base}|{item_id}|{criterion}"] = score


def _change(key: str, step: int) -> None:
    st.session_state[key] = st.session_state.get(key, 0) + step


def bean_steppers(prefix: str, exercise: Exercise, budget: int, lang: str) -> dict | None:
    """Big − / + buttons per item and a running count of beans left (the phone ballot)."""
    keys = {item.id: f"{prefix}|{exercise.id}|{item.id}" for item in exercise.votable_items()}
    counts = {item_id: st.session_state.get(key, 0) for item_id, key in keys.items()}
    left = budget - sum(counts.values())
    progress_slots = [st.empty()]
    for item in exercise.votable_items():
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
    for item in exercise.votable_items():
        beans[item.id] = st.number_input(
            with_pictogram(item.pictogram, label(item.label, lang)), min_value=0, step=1,
            key=f"{prefix}|{exercise.id}|{item.id}")
    st.caption(t("proxy.beans_total", placed=sum(beans.values()), budget=budget))
    return {"method": "tokens", "beans": {item_id: n for item_id, n in beans.items() if n}}


def importance_urgency_ratings(prefix: str, exercise: Exercise, lang: str) -> dict | None:
    """Two 1–5 choices per item, importance then urgency, as large touch buttons."""
    ratings, missing = {}, False
    st.caption(t("vote.scale_hint"))
    for item in exercise.votable_items():
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


def _append(key: str, item_id: str) -> None:
    st.session_state[key] = [*st.session_state.get(key, []), item_id]


def ranking_taps(prefix: str, exercise: Exercise, lang: str) -> dict | None:
    """Tap the items from most to least important; each tap gives the next place.

    Tapping is easier than dragging on a cheap phone, and every item stays a large button.
    """
    key = f"{prefix}|{exercise.id}|order"
    order = [i for i in st.session_state.get(key, []) if i in {x.id for x in exercise.items}]
    items = exercise.votable_items()
    st.caption(t("vote.ranking_hint"))
    for place, item_id in enumerate(order, start=1):
        item = exercise.item(item_id)
        st.markdown(f"**{place}.** {with_pictogram(item.pictogram, label(item.label, lang))}")
    for item in items:
        if item.id not in order:
            st.button(with_pictogram(item.pictogram, label(item.label, lang)), width="stretch",
                      key=f"rank|{key}|{item.id}", on_click=_append, args=(key, item.id),
                      help=t("vote.ranking_next_place", place=len(order) + 1))
    if order:
        st.button(t("vote.ranking_restart"), key=f"restart|{key}", icon=":material/undo:",
                  on_click=st.session_state.__setitem__, args=(key, []))
    if len(order) < len(items):
        return None
    return {"method": "ranking", "order": order}


def pair_buttons(exercise: Exercise, pair: tuple[str, str], lang: str) -> str | None:
    """The two items of a pair as two large buttons; the one tapped, or None."""
    chosen = None
    for position, item_id in enumerate(pair):
        if position:
            st.caption(t("vote.or"))
        item = exercise.item(item_id)
        if st.button(with_pictogram(item.pictogram, label(item.label, lang)), width="stretch",
                     key=f"pair|{exercise.id}|{item_id}", type="primary" if position else "secondary"):
            chosen = item_id
    return chosen


def matrix_scores(prefix: str, exercise: Exercise, lang: str) -> dict | None:
    """Per item, a 0–5 score on each criterion, as large touch buttons."""
    scores, missing = {}, False
    st.caption(t("vote.matrix_hint"))
    values = list(range(MATRIX_SCALE[0], MATRIX_SCALE[1] + 1))
    for item in exercise.votable_items():
        base = f"{prefix}|{exercise.id}|{item.id}"
        with st.container(border=True, key=f"box|{base}"):
            item_heading(item, lang)
            for criterion in exercise.criteria:
                hint = t("vote.lower_is_better") if criterion.lower_is_better else ""
                score = st.segmented_control(f"{plain(label(criterion.label, lang))} {hint}",
                                             values, key=f"{base}|{criterion.id}", width="stretch")
                if score is None:
                    missing = True
                else:
                    scores.setdefault(item.id, {})[criterion.id] = score
    return None if missing else {"method": "matrix", "scores": scores}
