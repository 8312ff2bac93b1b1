"""The community EMP on the facilitator's pages and the projector: design, results, flipchart.

The design follows the guide's steps (2.6): the land uses and environmental values the room
names; the risk of the negative interactions (likelihood × consequence, in bands); the control
measures, prioritised by importance and urgency, for a plan of 3–5 years with annual review.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import BaseModel

from engine.core import i18n
from engine.core.types import label
from engine.exercises.emp.plan import (INTERACTIONS, MITIGATION_HIERARCHY, PLAN_YEARS,
                                       VALUE_CATEGORIES, EmpResult, EnvironmentalPlan,
                                       matrix_cells, status_counts)
from engine.exercises.emp.setup import (action_rows, actions_from_rows, assessment_rows,
                                        band_rows, environmental_plan_from_rows,
                                        flipchart_ratings, land_use_rows, rated_cells,
                                        risks_from_rows, value_rows)
from ui import flipchart as flipchart_form
from ui import session
from ui.charts import PROJECTOR_FONT
from ui.exercises import Desk
from ui.exercises.emp.charts import (band_label, cell_name, cell_names, interaction_figure,
                                     interaction_label, risk_figure)
from ui.session import t

LABELS = [f"label_{code}" for code in i18n.LANGUAGES]
STEPS = ("setup", "risks", "actions")


class _Steps:
    """Each step's tables restart from the store after that step is saved (their keys change
    with the step's version), so a save of one step leaves what is typed in another alone."""

    def __init__(self, desk: Desk) -> None:
        self.desk = desk

    def version(self, step: str) -> int:
        return int(st.session_state.get(self.desk.key(f"version|{step}"), 0))

    def key(self, name: str, step: str) -> str:
        return self.desk.key(f"{name}|{self.version(step)}")

    def first_drawn(self, name: str, step: str, compute: Callable[[], Any]) -> Any:
        """What a table offers (its rows, its choices), kept as first drawn until its step is
        saved. Computed afresh on each run, they would follow the ballots arriving meanwhile,
        which changes the editor and drops what the facilitator typed."""
        key = f"{self.key(name, step)}|drawn"
        if key not in st.session_state:
            st.session_state[key] = compute()
        return st.session_state[key]

    def save(self, build: Callable[[], EnvironmentalPlan], step: str) -> None:
        """Store the plan the engine builds; on success the step's tables (all of them, after a
        change to the matrix) start again from the store."""
        for name in STEPS if step == "setup" else (step,):
            st.session_state[self.desk.key(f"version|{name}")] = self.version(name) + 1
        if not self.desk.save(build):
            for name in STEPS if step == "setup" else (step,):
                st.session_state[self.desk.key(f"version|{name}")] = self.version(name) - 1


def design(desk: Desk) -> None:
    """The matrix (land uses, values, the plan's years), the risks, and the actions."""
    emp: EnvironmentalPlan = desk.design
    steps = _Steps(desk)
    tabs = st.tabs([t("emp.tab_setup"), t("emp.tab_risks"),
                    t("emp.tab_actions")])
    with tabs[0]:
        _matrix_step(desk, emp, steps)
    result = desk_result(desk)
    with tabs[1]:
        _risk_step(desk, emp, steps, result)
    with tabs[2]:
        _action_step(desk, emp, steps, result)


def desk_result(desk: Desk) -> EmpResult:
    """The EMP's results under person weighting, as the risk and action steps use them."""
    found = session.live(desk.code).result(desk.exercise.id, weighting="person")
    assert isinstance(found, EmpResult)
    return found


def _matrix_step(desk: Desk, emp: EnvironmentalPlan, steps: _Steps) -> None:
    label_columns = session.label_columns(width=160)
    pictogram = st.column_config.TextColumn(t("setup.pictogram"), help=t("setup.pictogram_help"),
                                            width=70)
    id_column = st.column_config.TextColumn(t("setup.id"), required=True, width=140)
    with st.form(desk.key("emp_setup"), enter_to_submit=False):
        st.markdown(f"**{t('emp.land_uses')}**")
        land_uses = st.data_editor(
            pd.DataFrame(land_use_rows(emp.land_uses), columns=["id", *LABELS, "pictogram"]),
            num_rows="dynamic", width="stretch", hide_index=True,
            key=steps.key("land_uses", "setup"), column_order=["pictogram", "id", *LABELS],
            column_config={"id": id_column, **label_columns, "pictogram": pictogram})
        st.markdown(f"**{t('emp.values')}**")
        values = st.data_editor(
            pd.DataFrame(value_rows(emp.values), columns=["id", *LABELS, "category", "pictogram"]),
            num_rows="dynamic", width="stretch", hide_index=True, key=steps.key("values", "setup"),
            column_order=["pictogram", "id", *LABELS, "category"],
            column_config={"id": id_column, **label_columns,
                           "category": st.column_config.SelectboxColumn(
                               t("emp.category"), options=VALUE_CATEGORIES, width=150,
                               required=True, format_func=lambda c: t(f"emp.category.{c}")),
                           "pictogram": pictogram})
        left, right = st.columns(2)
        start = left.date_input(t("emp.start"), emp.start, key=desk.key("emp_start"))
        years = right.segmented_control(
            t("emp.plan_length"), list(range(PLAN_YEARS[0], PLAN_YEARS[1] + 1)),
            default=emp.plan_years, required=True, key=desk.key("emp_plan_years"))
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_emp_setup")):
            steps.save(lambda: environmental_plan_from_rows(
                session.records(land_uses), session.records(values), start, years, emp,
                rated_cells(desk.exercise)), "setup")
    st.caption(t("emp.matrix_size", land_uses=len(emp.land_uses), values=len(emp.values),
                 cells=len(matrix_cells(emp.land_uses, emp.values))))


def _room_view(result: EmpResult, cell: str) -> str:
    """What the room said of a cell: "Contested", or "− Negative · 80%"."""
    found = next((c for c in result.interactions.cells if c.cell == cell), None)
    if found is None or not found.voters:
        return t("emp.not_rated")
    if found.contested or found.majority is None:
        return t(f"emp.status.{found.status}")
    return f"{interaction_label(found.majority)} · {round(100 * found.shares[found.majority])}%"


def _risk_step(desk: Desk, emp: EnvironmentalPlan, steps: _Steps, result: EmpResult) -> None:
    lang = desk.lang
    negative = result.interactions.negative
    st.caption(t("emp.risk_explain"))
    risk_rows = steps.first_drawn("assessments", "risks", lambda: [
        {**row, **dict(zip(("land_use", "value"), cell_names(emp, row["cell"], lang))),
         "view": _room_view(result, row["cell"])} for row in assessment_rows(emp, negative)])
    with st.form(desk.key("emp_risks"), enter_to_submit=False):
        if risk_rows:
            scores = pd.DataFrame(risk_rows, columns=["cell", "land_use", "value", "view",
                                                      "likelihood", "consequence"])
            # Whole numbers; a cell not assessed yet has none.
            scores = scores.astype({"likelihood": "Int64", "consequence": "Int64"})
            assessed = st.data_editor(
                scores, width="stretch", hide_index=True, key=steps.key("assessments", "risks"),
                placeholder="",  # not assessed yet: an empty square, not "None"
                disabled=["cell", "land_use", "value", "view"],
                column_order=["land_use", "value", "likelihood", "consequence", "view"],
                column_config={
                    "land_use": st.column_config.TextColumn(t("emp.land_use"),
                                                            width="medium"),
                    "value": st.column_config.TextColumn(t("emp.value"), width="medium"),
                    "view": st.column_config.TextColumn(t("emp.room_view")),
                    "likelihood": st.column_config.NumberColumn(
                        t("emp.likelihood"), min_value=1, max_value=5, step=1,
                        help=t("emp.likelihood_help"), width="small"),
                    "consequence": st.column_config.NumberColumn(
                        t("emp.consequence"), min_value=1, max_value=5, step=1,
                        help=t("emp.consequence_help"), width="small")})
        else:
            assessed = pd.DataFrame(columns=["cell", "likelihood", "consequence"])
            st.info(t("emp.no_negative"), icon=":material/info:")
        st.markdown(f"**{t('emp.bands')}**")
        bands = st.data_editor(
            pd.DataFrame(band_rows(emp.bands), columns=["name", "low", "high"]),
            num_rows="dynamic", width="stretch", hide_index=True, key=steps.key("bands", "risks"),
            column_config={
                "name": st.column_config.TextColumn(t("emp.band"), required=True),
                "low": st.column_config.NumberColumn(t("emp.band_low"), min_value=1,
                                                     max_value=25, step=1, required=True),
                "high": st.column_config.NumberColumn(t("emp.band_high"), min_value=1,
                                                      max_value=25, step=1, required=True)})
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_emp_risks")):
            steps.save(lambda: risks_from_rows(emp, session.records(assessed),
                                               session.records(bands)), "risks")


def _action_step(desk: Desk, emp: EnvironmentalPlan, steps: _Steps, result: EmpResult) -> None:
    lang = desk.lang
    negative = result.interactions.negative
    st.caption(t("emp.actions_explain"))
    every_cell = matrix_cells(emp.land_uses, emp.values)
    cell_options = steps.first_drawn("action_cells", "actions", lambda: [
        *negative, *(cell for cell in every_cell if cell not in negative)])
    columns = ["id", *LABELS, "cells", "hierarchy", "importance", "urgency", "responsible",
               "years", "review"]
    frame = pd.DataFrame(action_rows(emp.actions), columns=columns)
    frame["review"] = pd.to_datetime(frame["review"]).dt.date
    with st.form(desk.key("emp_actions"), enter_to_submit=False):
        here = f"label_{lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE}"
        actions = st.data_editor(
            frame, num_rows="dynamic", width="stretch", hide_index=True,
            key=steps.key("actions", "actions"),
            # What the room decides first, then who, when, and the other language's label.
            column_order=["id", here, "importance", "urgency", "hierarchy", "cells",
                          "responsible", "years", "review", *(c for c in LABELS if c != here)],
            column_config={
                "id": st.column_config.TextColumn(t("setup.id"), required=True, pinned=True),
                **session.label_columns(width=160),
                "cells": st.column_config.MultiselectColumn(
                    t("emp.action_cells"), options=cell_options,
                    format_func=lambda cell: cell_name(emp, cell, lang), width="large"),
                "hierarchy": st.column_config.SelectboxColumn(
                    t("emp.hierarchy"), options=MITIGATION_HIERARCHY, required=True,
                    format_func=lambda h: t(f"emp.hierarchy.{h}"),
                    help=t("emp.hierarchy_help")),
                "importance": st.column_config.NumberColumn(
                    t("vote.importance"), min_value=1, max_value=5, step=0.5, required=True,
                    width="small"),
                "urgency": st.column_config.NumberColumn(
                    t("vote.urgency"), min_value=1, max_value=5, step=0.5, required=True,
                    width="small"),
                "responsible": st.column_config.TextColumn(
                    t("emp.responsible"), required=True,
                    help=t("emp.responsible_help")),
                "years": st.column_config.MultiselectColumn(
                    t("emp.years"),
                    options=[str(year) for year in range(1, emp.plan_years + 1)]),
                "review": st.column_config.DateColumn(
                    t("emp.review"), min_value=emp.start, max_value=result.plan.end,
                    format="YYYY-MM-DD")})
        st.caption(t("emp.responsible_hint", groups=", ".join(
            group.id for group in desk.workshop.groups)))
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_emp_actions")):
            steps.save(lambda: actions_from_rows(emp, session.records(actions)), "actions")


def results(desk: Desk, result: BaseModel) -> None:
    """The room's matrix and each group's, the risk matrix and register, and the plan."""
    assert isinstance(result, EmpResult)
    emp: EnvironmentalPlan = desk.design
    lang, workshop = desk.lang, desk.workshop
    live = result.interactions
    with st.container(horizontal=True, gap="medium"):
        st.metric(t("emp.voters"), live.voters, border=True)
        for status, count in status_counts(live.cells).items():
            st.metric(t(f"emp.status.{status}"), count, border=True)
    st.plotly_chart(interaction_figure(emp, live, lang, font_size=16), width="stretch",
                    theme=None, key=desk.key("emp_matrix"), config={"displayModeBar": False})
    st.caption(t("emp.legend", min_voters=live.min_voters))
    st.subheader(t("emp.by_group"), anchor=False)
    threshold = workshop.small_group_threshold
    if live.hidden_groups:
        st.caption(t("emp.hidden_groups", threshold=threshold, groups=", ".join(
            session.plain(label(workshop.group(g).label, lang)) for g in live.hidden_groups)))
    if not live.groups:
        st.info(t("emp.no_group_shown", threshold=threshold))
    else:
        shown = st.selectbox(t("emp.group"), list(live.groups), key=desk.key("emp_group"),
                             format_func=lambda g: session.with_pictogram(
                                 workshop.group(g).pictogram, label(workshop.group(g).label, lang),
                                 target="table"))
        st.plotly_chart(interaction_figure(emp, live, lang, font_size=14,
                                           group=workshop.group(shown)),
                        width="stretch", theme=None, key=desk.key("emp_group_matrix"),
                        config={"displayModeBar": False})
        st.caption(t("emp.group_cells_note", threshold=threshold))
    _risks(desk, emp, result)
    _plan(desk, emp, result)


def _risks(desk: Desk, emp: EnvironmentalPlan, result: EmpResult) -> None:
    lang, risks = desk.lang, result.risks
    st.subheader(t("emp.risk_matrix"), anchor=False)
    st.plotly_chart(risk_figure(emp, risks, lang, font_size=16), width="stretch", theme=None,
                    key=desk.key("emp_risk_matrix"), config={"displayModeBar": False})
    st.subheader(t("emp.register"), anchor=False)
    if risks.cells:
        st.dataframe(pd.DataFrame([{
            t("emp.rank"): row.rank,
            **dict(zip((t("emp.land_use"), t("emp.value")),
                       cell_names(emp, row.cell, lang))),
            t("emp.likelihood"): row.likelihood,
            t("emp.consequence"): row.consequence, t("emp.product"): row.product,
            t("emp.band"): band_label(row.band)} for row in risks.cells]),
            hide_index=True, width="stretch", key=desk.key("emp_register"))
    else:
        st.caption(t("emp.nothing_assessed"))
    if risks.unassessed:
        st.markdown(f"**{t('emp.unassessed')}**\n\n" + "\n".join(
            f"- {cell_name(emp, cell, lang, target='markdown')}" for cell in risks.unassessed))


def _plan(desk: Desk, emp: EnvironmentalPlan, result: EmpResult) -> None:
    lang, plan = desk.lang, result.plan
    negative = result.interactions.negative
    action = {a.id: a for a in emp.actions}
    st.subheader(t("emp.plan_heading", start=plan.start.isoformat(),
                   end=plan.end.isoformat()), anchor=False)
    if plan.actions:
        st.dataframe(pd.DataFrame([{
            t("emp.rank"): row.rank,
            t("emp.action"): label(action[row.action].label, lang),
            t("emp.score"): row.score,
            t("emp.quadrant"): t(f"quadrant.{row.quadrant}"),
            t("emp.hierarchy"): t(f"emp.hierarchy.{row.hierarchy}"),
            t("emp.action_cells"): "; ".join(cell_name(emp, c, lang) for c in row.cells),
            t("emp.responsible"): desk.name_of(row.responsible),
            t("emp.years"): ", ".join(map(str, row.years)),
            t("emp.review"): row.review.isoformat()} for row in plan.actions]),
            hide_index=True, width="stretch", key=desk.key("emp_plan"),
            column_config={t("emp.rank"): st.column_config.NumberColumn(width="small"),
                           t("emp.action"): st.column_config.TextColumn(width=300),
                           t("emp.score"): st.column_config.NumberColumn(
                               width="small", format="%g")})
        # The plan by year as a work plan: one row per action (in priority order), a mark in
        # each year it runs.
        st.markdown(f"**{t('emp.by_year')}**")
        st.dataframe(pd.DataFrame([{
            t("emp.rank"): row.rank,
            t("emp.action"): label(action[row.action].label, lang),
            **{t("emp.year", year=year): "●" if row.action in plan.by_year[year] else ""
               for year in plan.by_year}} for row in plan.actions]),
            hide_index=True, width="stretch", key=desk.key("emp_by_year"),
            column_config={t("emp.rank"): st.column_config.NumberColumn(width="small"),
                           t("emp.action"): st.column_config.TextColumn(width=300)})
    else:
        st.caption(t("emp.no_actions"))
    if plan.unaddressed:
        st.warning(t("emp.unaddressed") + "\n\n" + "\n".join(
            f"- {cell_name(emp, cell, lang, target='markdown')}" for cell in plan.unaddressed),
            icon=":material/warning:")
    elif negative:
        st.success(t("emp.all_addressed"), icon=":material/check_circle:")


def presenter(desk: Desk, result: BaseModel) -> None:
    """The room's interaction matrix, filling the screen's height, in projector type."""
    assert isinstance(result, EmpResult)
    st.plotly_chart(interaction_figure(desk.design, result.interactions, desk.lang,
                                       PROJECTOR_FONT, projected=True),
                    width="stretch", height="stretch", config={"displayModeBar": False},
                    key="live_emp", theme=None)


def flipchart(desk: Desk) -> None:
    """A group's agreed ratings (+, N or −), typed in from their flipchart as one proxy ballot."""
    emp: EnvironmentalPlan = desk.design
    lang = desk.lang
    land_use_names = {u.id: label(u.label, lang) for u in emp.land_uses}
    with st.form(desk.key("emp_flipchart"), clear_on_submit=True, enter_to_submit=False):
        st.caption(t("emp.flipchart_explain"))
        tally = flipchart_form.who_agreed(desk)
        value_ids = [v.id for v in emp.values]
        table = st.data_editor(
            pd.DataFrame([{"land_use": u.id, **dict.fromkeys(value_ids)} for u in emp.land_uses]),
            hide_index=True, width="stretch", key=desk.key("emp_flipchart_table"),
            disabled=["land_use"],
            column_config={
                "land_use": st.column_config.SelectboxColumn(
                    t("emp.land_use"), options=[u.id for u in emp.land_uses],
                    format_func=lambda land_use: land_use_names.get(str(land_use), "")),
                **{v.id: st.column_config.SelectboxColumn(
                    label(v.label, lang), options=list(INTERACTIONS)) for v in emp.values}})
        if st.form_submit_button(t("emp.flipchart_send"), type="primary",
                                 key=desk.key("emp_flipchart_send")):
            flipchart_form.record(desk, tally,
                                  {"ratings": flipchart_ratings(session.records(table),
                                                                value_ids)})
