"""A group's flipchart typed in by the facilitator, for every kind that takes one.

People without a phone agree their answer on paper (beans on a drawn matrix, scores, ratings);
the facilitator picks the group, says how many people agreed, types the answer (each kind draws
its own form), and records it as one proxy ballot (``Store.cast_proxy``).
"""

from __future__ import annotations

import streamlit as st

from engine.core.errors import EngineError
from engine.core.types import label
from ui import session
from ui.exercises import Desk


def group_and_people(desk: Desk) -> tuple[str, int]:
    """The group whose flipchart it is, and how many people agreed it."""
    left, right = st.columns(2)
    group = left.selectbox(session.t("proxy.group"), [g.id for g in desk.workshop.groups],
                           format_func=lambda g: label(desk.workshop.group(g).label, desk.lang),
                           key=desk.key("flipchart_group"))
    people = right.number_input(session.t("proxy.voters"), min_value=1, value=1, step=1,
                                key=desk.key("flipchart_people"))
    return group, int(people)


def record(desk: Desk, group: str, people: int, answer: object) -> None:
    """Store the flipchart as the group's proxy ballot; say so, or show why it was refused."""
    try:
        session.store().cast_proxy(desk.code, desk.exercise.id, group, people, answer,
                                   session.now())
    except EngineError as error:
        session.show_error(error)
    else:
        st.toast(session.n("proxy.recorded", people, group=label(desk.workshop.group(group).label,
                                                                  desk.lang)),
                 icon=":material/check:")
