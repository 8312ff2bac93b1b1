"""Workshop set-up: details, stakeholder groups, and exercises with their items."""

import pandas as pd
import streamlit as st

from engine import i18n
from engine.errors import EngineError
from engine.model import HRBA_ROLES, METHODS, label
from engine.setup import (criteria_from_rows, criterion_rows, group_rows, group_weights_from,
                          groups_from_rows, item_rows, items_from_rows, new_exercise, revise)
from ui import session

workshop = session.start_facilitator_page("setup.page_title")
store = session.store()
lang = session.lang()
t = session.t


def save(settings, definitions) -> None:
    """Write the whole set-up through the store (validated there); report the outcome."""
    try:
        store.save_setup(settings, definitions)
    except EngineError as error:
        session.show_error(error)
    else:
        st.toast(t("setup.saved"), icon=":material/check:")
        st.rerun()



definitions = [e.definition() for e in workshop.exercises]
st.title(t("setup.heading", title=workshop.title))

with st.form("workshop_settings"):
    st.subheader(t("setup.details"))
    left, right = st.columns(2)
    title = left.text_input(t("setup.title"), workshop.title)
    place = right.text_input(t("setup.place"), workshop.place)
    date = left.date_input(t("setup.date"), workshop.date)
    language = right.selectbox(t("setup.language"), i18n.LANGUAGES,
                               index=i18n.LANGUAGES.index(workshop.language)
                               if workshop.language in i18n.LANGUAGES else 0,
                               format_func=i18n.language_name)
    threshold = left.number_input(t("setup.threshold"), min_value=1, step=1,
                                  value=workshop.small_group_threshold, help=t("setup.threshold_help"))
    st.subheader(t("setup.groups"))
    groups_table = st.data_editor(
        pd.DataFrame(group_rows(workshop.groups)), num_rows="dynamic", width="stretch",
        hide_index=True, key="groups_editor",
        column_config={
            "id": st.column_config.TextColumn(t("setup.id"), required=True, help=t("setup.id_help")),
            **session.label_columns(),
            "hrba_role": st.column_config.SelectboxColumn(
                t("setup.hrba_role"), options=HRBA_ROLES, required=True,
                format_func=lambda role: t(f"hrba.{role}")),
            "expected": st.column_config.NumberColumn(t("setup.expected"), min_value=0, step=1),
            "pictogram": st.column_config.TextColumn(t("setup.pictogram"), help=t("setup.pictogram_help")),
        })
    if st.form_submit_button(t("setup.save"), type="primary"):
        try:
            settings = revise(workshop.settings(), title=title, place=place, date=date,
                              language=language, small_group_threshold=threshold,
                              groups=groups_from_rows(groups_table.to_dict("records")))
        except EngineError as error:
            session.show_error(error)
        else:
            save(settings, definitions)

st.subheader(t("setup.exercises"))
for index, exercise in enumerate(workshop.exercises):
    voted = bool(exercise.ballots)
    with st.expander(f"{label(exercise.title, lang)} · {t('method.' + exercise.method)} · "
                     f"{t('status.' + exercise.status)}"), st.form(f"exercise_{exercise.id}"):
        left, right = st.columns(2)
        title_en = left.text_input(t("setup.title_in", language="English"),
                                   exercise.title.get("en", ""))
        title_fr = right.text_input(t("setup.title_in", language="Français"),
                                    exercise.title.get("fr", ""))
        question = exercise.question or {}
        question_en = left.text_input(t("setup.question_in", language="English"), question.get("en", ""))
        question_fr = right.text_input(t("setup.question_in", language="Français"),
                                       question.get("fr", ""))
        beans = left.number_input(t("setup.beans"), min_value=1, step=1, value=exercise.beans,
                                  disabled=voted or exercise.method != "tokens")
        if voted:
            st.caption(t("setup.items_locked"))
        pairs = right.number_input(t("setup.pairs_per_person"), min_value=1, step=1,
                                   value=exercise.pairs_per_person,
                                   disabled=exercise.method != "pairwise")
        items_table = st.data_editor(
            pd.DataFrame(item_rows(exercise.items)), num_rows="dynamic", width="stretch",
            hide_index=True, key=f"items_{exercise.id}",
            column_config={"id": st.column_config.TextColumn(t("setup.id"), required=True),
                           **session.label_columns(),
                           "pictogram": st.column_config.TextColumn(t("setup.pictogram")),
                           "proposed_by": st.column_config.TextColumn(t("setup.proposed_by"),
                                                                      disabled=True),
                           "approved": st.column_config.CheckboxColumn(t("setup.approved"))})
        criteria_table = None
        if exercise.method == "matrix":
            st.markdown(f"**{t('setup.criteria')}**")
            criteria_table = st.data_editor(
                pd.DataFrame(criterion_rows(exercise.criteria)), num_rows="dynamic",
                width="stretch", hide_index=True, key=f"criteria_{exercise.id}",
                column_config={"id": st.column_config.TextColumn(t("setup.id"), required=True),
                               **session.label_columns(),
                               "weight": st.column_config.NumberColumn(t("setup.weight"),
                                                                       min_value=0.1),
                               "lower_is_better": st.column_config.CheckboxColumn(
                                   t("vote.lower_is_better"))})
        st.markdown(f"**{t('setup.group_weights')}**")
        st.caption(t("setup.group_weights_help"))
        weights_table = st.data_editor(
            pd.DataFrame({"weight": {g.id: exercise.group_weights.get(g.id) for g in workshop.groups}}),
            width="stretch", key=f"weights_{exercise.id}",
            disabled=exercise.status != "draft",  # fixed once voting opens
            column_config={"_index": st.column_config.TextColumn(t("setup.groups"), disabled=True),
                           "weight": st.column_config.NumberColumn(t("setup.weight"), min_value=0.1)})
        if st.form_submit_button(t("setup.save_exercise"), type="primary",
                                 key=f"save_exercise_{exercise.id}"):
            try:
                titles = {k: v for k, v in {"en": title_en, "fr": title_fr}.items() if v.strip()}
                questions = {k: v for k, v in {"en": question_en, "fr": question_fr}.items() if v.strip()}
                changes = {"title": titles, "question": questions or None, "beans": beans,
                           "pairs_per_person": pairs,
                           "items": items_from_rows(items_table.to_dict("records")),
                           "group_weights": group_weights_from(weights_table["weight"].to_dict())}
                if criteria_table is not None:
                    changes["criteria"] = criteria_from_rows(criteria_table.to_dict("records"))
                revised = revise(exercise.definition(), **changes)
            except EngineError as error:
                session.show_error(error)
            else:
                save(workshop.settings(), [*definitions[:index], revised, *definitions[index + 1:]])

with st.form("add_exercise"):
    st.markdown(f"**{t('setup.add_exercise')}**")
    new_title = st.text_input(t("setup.title"), key="new_exercise_title")
    method = st.selectbox(t("setup.method"), METHODS, format_func=lambda m: t("method." + m))
    if st.form_submit_button(t("setup.add"), icon=":material/add:", key="add_exercise_submit"):
        try:
            added = new_exercise(new_title, method, {d.id for d in definitions}, lang)
        except EngineError as error:
            session.show_error(error)
        else:
            save(workshop.settings(), [*definitions, added])
