"""Workshop set-up: details and stakeholder groups, the list of exercises, and each exercise's
own set-up, as its kind draws it."""

import pandas as pd
import streamlit as st

from engine.core import i18n, profile
from engine.core.errors import EngineError
from engine.core.exercise import kind, kinds
from engine.core.records import HRBA_ROLES, Group
from engine.core.setup import (EXPECTED_COLUMNS, group_rows, groups_from_rows, revise,
                               unique_id)
from ui import session
from ui.exercises import Desk, kind_title, screens

workshop = session.start_facilitator_page("setup.page_title")
store = session.store()
lang = session.lang()
t = session.t
EDITING = "setup_exercise"  # which exercise's set-up is shown


def groups_table(groups: list[Group]) -> pd.DataFrame:
    """The groups as the editor's rows; the head-counts per answer as whole numbers, blank
    where not known."""
    return pd.DataFrame(group_rows(groups)).astype(dict.fromkeys(EXPECTED_COLUMNS, "Int64"))


def saved() -> None:
    session.confirm_after_rerun(t("setup.saved"))
    st.rerun()


st.title(t("setup.heading", title=session.plain(workshop.title)), anchor=False)

with st.expander(t("setup.details"), expanded=not workshop.exercises), \
        st.form("settings", enter_to_submit=False):
    left, right = st.columns(2)
    title = left.text_input(t("setup.title"), workshop.title, key="settings_title")
    place = right.text_input(t("setup.place"), workshop.place)
    date = left.date_input(t("setup.date"), workshop.date)
    language = right.selectbox(t("setup.language"), i18n.LANGUAGES,
                               index=list(i18n.LANGUAGES).index(workshop.language)
                               if workshop.language in i18n.LANGUAGES else 0,
                               format_func=i18n.language_name)
    threshold = left.number_input(t("setup.threshold"), min_value=1, step=1,
                                  value=workshop.small_group_threshold,
                                  help=t("setup.threshold_help"))
    asked = st.pills(t("setup.profile"), profile.ATTRIBUTE_IDS, selection_mode="multi",
                     default=list(workshop.asked), format_func=lambda a: t(f"setup.profile_{a}"),
                     help=t("setup.profile_help"), key="settings_profile")
    export_profile = st.toggle(t("setup.export_profile"), workshop.export_profile,
                               help=t("setup.export_profile_help"), key="settings_export_profile")
    st.markdown(f"**{t('setup.groups')}**")
    edited_groups = st.data_editor(
        groups_table(workshop.groups), num_rows="dynamic", width="stretch",
        hide_index=True, key="groups_editor",
        column_config={
            "id": st.column_config.TextColumn(t("setup.id"), required=True,
                                              help=t("setup.id_help")),
            **session.label_columns(),
            "hrba_role": st.column_config.SelectboxColumn(
                t("setup.hrba_role"), options=HRBA_ROLES, required=True,
                format_func=lambda r: t(f"hrba.{r}")),
            "expected": st.column_config.NumberColumn(t("setup.expected"), min_value=0, step=1),
            **{column: st.column_config.NumberColumn(
                t("setup.expected_of", answer=i18n.t(value.key, lang)), min_value=0, step=1,
                help=t("setup.expected_of_help")) for column, value in EXPECTED_COLUMNS.items()},
            "pictogram": st.column_config.TextColumn(t("setup.pictogram"),
                                                     help=t("setup.pictogram_help"))})
    if st.form_submit_button(t("setup.save"), type="primary", key="save_settings"):
        try:
            store.save_settings(revise(
                workshop.settings(), title=title, place=place, date=date, language=language,
                small_group_threshold=threshold, profile=list(asked),
                export_profile=export_profile,
                groups=groups_from_rows(session.records(edited_groups))))
        except EngineError as error:
            session.show_error(error)
        else:
            saved()

st.header(t("setup.exercises"), anchor=False)
for position, exercise in enumerate(workshop.exercises):
    with st.container(border=True, horizontal=True, vertical_alignment="center",
                      horizontal_alignment="distribute"):
        st.markdown(f"**{session.plain(exercise.title_in(lang))}**  \n"
                    f"{kind_title(exercise.spec, lang)} · {t('status.' + exercise.status)} · "
                    f"{session.n('setup.ballots_count', len(exercise.ballots))}")
        with st.container(horizontal=True, horizontal_alignment="right", width="content"):
            if st.button(t("setup.edit"), key=f"edit|{exercise.id}", type="primary"
                         if st.session_state.get(EDITING) == exercise.id else "secondary"):
                st.session_state[EDITING] = exercise.id
            for step, text in ((-1, "setup.move_up"), (1, "setup.move_down")):
                last = position == (0 if step < 0 else len(workshop.exercises) - 1)
                if st.button(t(text), key=f"move|{exercise.id}|{step}", disabled=last):
                    store.move_exercise(workshop.code, exercise.id, step)
                    st.rerun()
            if st.button(t("setup.remove"), key=f"remove|{exercise.id}",
                         disabled=bool(exercise.ballots), help=t("setup.remove_help")):
                try:
                    store.remove_exercise(workshop.code, exercise.id)
                except EngineError as error:
                    session.show_error(error)
                else:
                    saved()

with st.expander(t("setup.add_exercise"), expanded=not workshop.exercises):
    kind_name = st.selectbox(t("setup.kind"), [k.name for k in kinds()],
                             format_func=lambda name: kind_title(kind(name), lang),
                             key="new_exercise_kind")
    spec = kind(kind_name)
    with st.form("add_exercise", enter_to_submit=False):
        new_title = st.text_input(t("setup.title"), key="new_exercise_title",
                                  placeholder=kind_title(spec, lang))
        adding = screens(kind_name).new_design
        first = (adding(spec, lang, workshop.references()) if adding is not None
                 else None)
        if st.form_submit_button(t("setup.add"), icon=":material/add:", key="add_exercise_submit"):
            exercise_id = unique_id(new_title or kind_name, {e.id for e in workshop.exercises},
                                    "exercise")
            try:
                added = store.add_exercise(
                    workshop.code, kind_name, exercise_id,
                    {lang: new_title.strip()} if new_title.strip() else None,
                    first if first is not None else spec.new_design(lang, workshop.references()))
            except EngineError as error:
                session.show_error(error)
            else:
                st.session_state[EDITING] = added.id
                saved()

editing = st.session_state.get(EDITING)
if editing in {e.id for e in workshop.exercises}:
    exercise = workshop.exercise(editing)
    desk = Desk(workshop, exercise, lang)
    st.header(t("setup.editing", exercise=session.plain(exercise.title_in(lang))),
                 anchor=False)
    with st.form(desk.key("title"), enter_to_submit=False):
        titles = session.label_inputs("setup.title_in", exercise.title, desk.key("title"))
        st.caption(t("setup.title_help", kind=kind_title(exercise.spec, lang)))
        if st.form_submit_button(t("setup.save"), key=desk.key("save_title")):
            desk.save(lambda: exercise.design, titles or None)
    screens(exercise.kind).design(desk)
