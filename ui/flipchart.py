"""A group's flipchart typed in by the facilitator, for every kind that takes one.

People without a phone agree their answer on paper (beans on a drawn matrix, scores, ratings);
the facilitator picks the group, says how many people agreed and, if the workshop asks the
profile, who they are ("12 women panners"), types the answer (each kind draws its own form),
and records it as one proxy ballot (``Store.cast_proxy``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import streamlit as st

from engine.core import i18n, profile
from engine.core.errors import EngineError
from engine.cuts import GROUP, cell_name
from engine.core.types import label
from ui import session
from ui.exercises import Desk


@dataclass(frozen=True)
class Tally:
    """Who agreed a flipchart: their group, how many they are, and the profile answers they
    share (none given: an attribute absent)."""

    group: str
    people: int
    attributes: dict[str, str]


def who_agreed(desk: Desk) -> Tally:
    """The group whose flipchart it is, how many people agreed it and, for each attribute the
    workshop asks, optionally the answer they all share."""
    left, right = st.columns(2)
    group = left.selectbox(session.t("proxy.group"), [g.id for g in desk.workshop.groups],
                           format_func=lambda g: label(desk.workshop.group(g).label, desk.lang),
                           key=desk.key("flipchart_group"))
    people = right.number_input(session.t("proxy.voters"), min_value=1, value=1, step=1,
                                key=desk.key("flipchart_people"))
    attributes: dict[str, str] = {}
    for column, attribute_id in zip(st.columns(max(1, len(desk.workshop.asked))),
                                    desk.workshop.asked):
        attribute = profile.attribute(attribute_id)
        answers: list[str | None] = [None, *attribute.value_ids]
        chosen = column.selectbox(session.t(f"proxy.attribute_{attribute.id}"), answers,
                                  format_func=partial(_answer_name, attribute, desk.lang),
                                  key=desk.key(f"flipchart_{attribute.id}"))
        if chosen is not None:
            attributes[attribute.id] = chosen
    return Tally(group, int(people), attributes)


def _answer_name(attribute: profile.Attribute, lang: str, value_id: str | None) -> str:
    """An answer of a tally's attribute in words; None: not given, the people in it differ."""
    if value_id is None:
        return session.t("proxy.attribute_mixed")
    return i18n.t(attribute.value(value_id).key, lang)


def record(desk: Desk, tally: Tally, answer: object) -> None:
    """Store the flipchart as the proxy ballot of its group and attributes; say so, or show why
    it was refused."""
    try:
        session.store().cast_proxy(desk.code, desk.exercise.id, tally.group, tally.people, answer,
                                   session.now(), attributes=tally.attributes)
    except EngineError as error:
        session.show_error(error)
    else:
        who = cell_name({GROUP: tally.group, **tally.attributes}, desk.room, desk.lang)
        st.success(session.n("proxy.recorded", tally.people, group=session.plain(who)), icon="✅")
