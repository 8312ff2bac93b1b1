"""A group's flipchart typed in by the facilitator, for the LIM and the EMP alike.

People without a phone agree their scores or ratings on paper; the facilitator picks the group,
says how many people agreed, types the table (each page draws its own), and records it as one
proxy ballot (``Store.cast_matrix_proxy``).
"""

from __future__ import annotations

import streamlit as st

from engine.errors import EngineError
from engine.model import Workshop, label
from ui import session


def group_and_people(workshop: Workshop, part: str) -> tuple[str, int]:
    """The group whose flipchart it is, and how many people agreed it."""
    lang = session.lang()
    left, right = st.columns(2)
    group = left.selectbox(session.t("proxy.group"), [g.id for g in workshop.groups],
                           format_func=lambda g: label(workshop.group(g).label, lang),
                           key=f"{part}_flipchart_group")
    people = right.number_input(session.t("proxy.voters"), min_value=1, value=1, step=1,
                                key=f"{part}_flipchart_people")
    return group, int(people)


def record(workshop: Workshop, part: str, group: str, people: int, answers: dict) -> None:
    """Store the flipchart as the group's proxy ballot; say so, or show why it was refused."""
    try:
        session.store().cast_matrix_proxy(workshop.code, part, group, people, answers,
                                          session.now())
    except EngineError as error:
        session.show_error(error)
    else:
        st.toast(session.t("proxy.recorded", group=label(workshop.group(group).label,
                                                          session.lang()), voters=people),
                 icon=":material/check:")
