"""The phone's one optional step after the group: the profile questions the workshop asks
(gender, then age band), each as large buttons, with "prefer not to say" and a visible Skip.

The answers are kept in the session until the last question is answered or skipped; the phone
then joins with them in one write (``Store.join(..., attributes=)``), so the step is shown once:
a participant exists only after it. One question per run, a few buttons each: every element
costs the laptop on every phone's rerun.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from engine.core import i18n, profile
from engine.core.workshop import WorkshopSettings
from ui import session

JOINING = "joining"  # the group chosen and the answers given, while the step is shown


def start(code: str, group_id: str) -> None:
    """The group was tapped: the step begins (a callback, before the page's run)."""
    st.session_state[JOINING] = {"code": code, "group": group_id, "answers": {},
                                 "skipped": False}


def joining(settings: WorkshopSettings) -> dict[str, Any] | None:
    """The group and answers of a join of this workshop under way, or None (also when the
    group is gone from it meanwhile)."""
    found: dict[str, Any] | None = st.session_state.get(JOINING)
    if found is None or found["code"] != settings.code \
            or found["group"] not in {group.id for group in settings.groups}:
        return None
    return found


def forget() -> None:
    """The join is done, or refused: start again from the group."""
    st.session_state.pop(JOINING, None)


def _answer(attribute_id: str, value_id: str) -> None:
    answers: dict[str, str] = st.session_state[JOINING]["answers"]
    answers[attribute_id] = value_id


def _skip() -> None:
    st.session_state[JOINING]["skipped"] = True


def widget_key(attribute_id: str, value_id: str) -> str:
    """``profile_gender_woman``, ``profile_age_up_to_35``: keys a browser test can find."""
    return f"profile_{attribute_id}_{value_id.replace('-', '_')}"


def ask(settings: WorkshopSettings, under_way: dict[str, Any]) -> dict[str, str] | None:
    """The next question not answered yet, drawn, and None; or, once each is answered or the
    rest skipped, the answers to join with."""
    answers: dict[str, str] = under_way["answers"]
    pending = [] if under_way["skipped"] else [a for a in settings.asked if a not in answers]
    if not pending:
        return answers
    attribute = profile.attribute(pending[0])
    st.header(session.t(f"join.profile_question_{attribute.id}"), anchor=False)
    st.caption(session.t("join.profile_why"))
    lang = session.lang()
    for value in attribute.values:
        st.button(session.with_pictogram(value.pictogram, i18n.t(value.key, lang), target="phone"),
                  key=widget_key(attribute.id, value.id), width="stretch", on_click=_answer,
                  args=(attribute.id, value.id))
    st.button(session.t("join.profile_skip"), key="profile_skip", type="tertiary",
              width="stretch", on_click=_skip)
    return None
