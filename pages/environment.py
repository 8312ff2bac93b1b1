"""The community Environmental Management Plan (guide 2.6): the matrix, its risks, the action plan.

Four steps in tabs, in the guide's order: the land uses and environmental values the room names;
how each land use affects each value (+ / N / −), rated from phones; the risk of the negative
interactions (likelihood × consequence); and the control measures, prioritised by importance
and urgency, for a plan of 3–5 years with annual review.
"""

import pandas as pd
import streamlit as st

from engine import i18n
from engine.emp import (INTERACTIONS, MITIGATION_HIERARCHY, PLAN_YEARS, STARTER_LAND_USES,
                        STARTER_VALUES, VALUE_CATEGORIES, matrix_cells, status_counts,
                        workshop_emp_results)
from engine.errors import EngineError
from engine.model import label
from engine.setup import (action_rows, actions_from_rows, assessment_rows, band_rows,
                          environmental_plan_from_rows, flipchart_ratings, land_use_rows,
                          rated_cells, risks_from_rows, value_rows)
from ui import flipchart, session
from ui.emp_charts import (band_label, cell_name, cell_names, interaction_figure,
                           interaction_label, risk_figure)

workshop = session.start_facilitator_page("nav.environment")
store = session.store()
lang = session.lang()
t = session.t
emp = workshop.emp
LABELS = [f"label_{code}" for code in i18n.LANGUAGES]
# The labels a little narrower than Streamlit would make them, so that every column of a table
# fits on a laptop's screen without scrolling sideways.
LABEL_COLUMNS = {key: {**column, "width": 160} for key, column in session.label_columns().items()}
PICTOGRAM_COLUMN = st.column_config.TextColumn(t("setup.pictogram"), help=t("setup.pictogram_help"),
                                               width=70)
ID_COLUMN = st.column_config.TextColumn(t("setup.id"), required=True, width=140)
LIVE_SECONDS = 3  # how often the open matrix looks for new ballots
# Each step's tables restart from the store after that step is saved (their keys change with
# the step's version); a save of one step leaves what is being typed in another alone.
VERSION = "emp_editor_version"

st.title(t("environment.heading"))
st.caption(t("environment.explain"))


def save(build, step: str) -> None:
    """Build the whole plan with the engine and store it; a problem is shown, nothing stored."""
    try:
        store.save_part(workshop.code, "emp", build())
    except EngineError as error:
        session.show_error(error)
    else:
        steps = STEPS if step == "setup" else (step,)  # new rows or columns change every step
        for name in steps:
            st.session_state[f"{VERSION}|{name}"] = version(name) + 1
        st.toast(t("setup.saved"), icon=":material/check:")
        st.rerun()


def records(table: pd.DataFrame) -> list[dict]:
    """An edited table's rows as plain dicts, its empty cells as None."""
    return table.astype(object).where(table.notna(), None).to_dict("records")


STEPS = ("setup", "risks", "actions")


def version(step: str) -> int:
    return st.session_state.get(f"{VERSION}|{step}", 0)


def editor_key(name: str, step: str) -> str:
    return f"{name}|{version(step)}"


def as_first_drawn(name: str, step: str, compute):
    """What a table offers (its rows, its choices), kept as first drawn until its step is
    saved. Computed afresh on each run, they would follow the ballots arriving meanwhile (and
    the weighting chosen), which changes the editor and drops what the facilitator typed."""
    key = f"{editor_key(name, step)}|drawn"
    if key not in st.session_state:
        st.session_state[key] = compute()
    return st.session_state[key]


tabs = st.tabs([t("environment.tab_setup"), t("environment.tab_interactions"),
                t("environment.tab_risks"), t("environment.tab_actions")])

# ---- 1. land uses and values -------------------------------------------------------------------
with tabs[0]:
    starter = emp is None and st.checkbox(t("environment.use_starter"), value=True,
                                          key="emp_use_starter")
    with st.form("emp_setup"):
        st.markdown(f"**{t('environment.land_uses')}**")
        land_uses = st.data_editor(
            pd.DataFrame(land_use_rows(emp.land_uses if emp else
                                       STARTER_LAND_USES if starter else []),
                         columns=["id", *LABELS, "pictogram"]),
            num_rows="dynamic", width="stretch", hide_index=True,
            key=editor_key("emp_land_uses", "setup"), column_order=["pictogram", "id", *LABELS],
            column_config={"id": ID_COLUMN, **LABEL_COLUMNS, "pictogram": PICTOGRAM_COLUMN})
        st.markdown(f"**{t('environment.values')}**")
        values = st.data_editor(
            pd.DataFrame(value_rows(emp.values if emp else STARTER_VALUES if starter else []),
                         columns=["id", *LABELS, "category", "pictogram"]),
            num_rows="dynamic", width="stretch", hide_index=True,
            key=editor_key("emp_values", "setup"),
            column_order=["pictogram", "id", *LABELS, "category"],
            column_config={"id": ID_COLUMN, **LABEL_COLUMNS,
                           "category": st.column_config.SelectboxColumn(
                               t("environment.category"), options=VALUE_CATEGORIES, width=150,
                               required=True, format_func=lambda c: t(f"emp.category.{c}")),
                           "pictogram": PICTOGRAM_COLUMN})
        left, right = st.columns(2)
        start = left.date_input(t("environment.start"), emp.start if emp else workshop.date,
                                key="emp_start")
        years = right.segmented_control(
            t("environment.plan_years"), list(range(PLAN_YEARS[0], PLAN_YEARS[1] + 1)),
            default=emp.plan_years if emp else PLAN_YEARS[1], required=True,
            key="emp_plan_years")
        if st.form_submit_button(t("setup.save"), type="primary", key="save_emp_setup"):
            save(lambda: environmental_plan_from_rows(
                records(land_uses), records(values), start, years, emp, rated_cells(workshop)),
                "setup")
    if emp is not None:
        st.caption(t("environment.matrix_size", land_uses=len(emp.land_uses),
                     values=len(emp.values),
                     cells=len(matrix_cells(emp.land_uses, emp.values))))

if emp is None:
    for tab in tabs[1:]:
        tab.info(t("environment.save_first"), icon=":material/arrow_back:")
    st.stop()

# ---- 2. the interaction matrix -----------------------------------------------------------------
with tabs[1]:
    session.open_to_phones_toggle(t("environment.open_to_phones"), workshop.code, "emp",
                                  emp.open, help=t("environment.open_explain"))
    if emp.open:
        with st.expander(t("environment.flipchart"), icon=":material/edit_note:"), \
                st.form("emp_flipchart", clear_on_submit=True):
            st.caption(t("environment.flipchart_explain"))
            group, people = flipchart.group_and_people(workshop, "emp")
            value_ids = [v.id for v in emp.values]
            table = st.data_editor(
                pd.DataFrame([{"land_use": u.id, **dict.fromkeys(value_ids)}
                              for u in emp.land_uses]),
                hide_index=True, width="stretch", key="emp_flipchart_table",
                disabled=["land_use"],
                column_config={
                    "land_use": st.column_config.SelectboxColumn(
                        t("environment.land_use"), options=[u.id for u in emp.land_uses],
                        format_func={u.id: label(u.label, lang) for u in emp.land_uses}.get),
                    **{v.id: st.column_config.SelectboxColumn(
                        label(v.label, lang), options=list(INTERACTIONS)) for v in emp.values}})
            if st.form_submit_button(t("environment.flipchart_send"), type="primary",
                                     key="emp_flipchart_send"):
                flipchart.record(workshop, "emp", group, people,
                                 flipchart_ratings(records(table), value_ids))
    weighting = st.segmented_control(
        t("results.weighting"), ["person", "group"], default="person", required=True,
        format_func=lambda w: t(f"weighting.{w}"), key="emp_weighting")
    try:
        results = workshop_emp_results(workshop, weighting)
    except EngineError as error:
        session.show_error(error)
        st.stop()

    def matrix_view() -> None:
        """The counts, the room's matrix and one group's, as of the latest ballot."""
        now = session.current_workshop(workshop.code)  # one cheap query unless a ballot came
        live = workshop_emp_results(now, weighting).interactions if now.emp else None
        if live is None:
            return
        with st.container(horizontal=True, gap="medium"):
            st.metric(t("environment.voters"), live.voters, border=True)
            for status, count in status_counts(live.cells).items():
                st.metric(t(f"emp.status.{status}"), count, border=True)
        st.plotly_chart(interaction_figure(now.emp, live, lang, font_size=16), width="stretch",
                        theme=None, key="emp_matrix", config={"displayModeBar": False})
        st.caption(t("environment.legend", min_voters=live.min_voters))

        st.subheader(t("environment.by_group"), anchor=False)
        threshold = now.small_group_threshold
        if live.hidden_groups:
            st.caption(t("environment.hidden_groups", threshold=threshold, groups=", ".join(
                session.plain(label(now.group(g).label, lang)) for g in live.hidden_groups)))
        if not live.groups:
            st.info(t("environment.no_group_shown", threshold=threshold))
            return
        shown = st.selectbox(t("environment.group"), list(live.groups), key="emp_group",
                             format_func=lambda g: session.with_pictogram(
                                 now.group(g).pictogram, label(now.group(g).label, lang),
                                 target="table"))
        st.plotly_chart(interaction_figure(now.emp, live, lang, font_size=14,
                                           group=now.group(shown)),
                        width="stretch", theme=None, key="emp_group_matrix",
                        config={"displayModeBar": False})
        st.caption(t("environment.group_cells_note", threshold=threshold))

    # While phones may rate, the matrix follows the ballots every few seconds (this part only,
    # so a table being edited in another tab is left alone); closed, it stays as drawn.
    st.fragment(matrix_view, run_every=LIVE_SECONDS if emp.open else None)()

# ---- 3. risks ----------------------------------------------------------------------------------
interactions = results.interactions
negative = interactions.negative
by_cell = {cell.cell: cell for cell in interactions.cells}


def room_view(cell: str) -> str:
    """What the room said of a cell: "Contested", or "− Negative · 80%"."""
    result = by_cell.get(cell)
    if result is None or not result.voters:
        return t("environment.not_rated")
    if result.contested or result.majority is None:
        return t(f"emp.status.{result.status}")
    return f"{interaction_label(result.majority)} · {round(100 * result.shares[result.majority])}%"


with tabs[2]:
    st.caption(t("environment.risk_explain"))
    risk_rows = as_first_drawn("emp_assessments", "risks", lambda: [
        {**row, **dict(zip(("land_use", "value"), cell_names(emp, row["cell"], lang))),
         "view": room_view(row["cell"])} for row in assessment_rows(emp, negative)])
    with st.form("emp_risks"):
        if risk_rows:
            scores = pd.DataFrame(risk_rows, columns=["cell", "land_use", "value", "view",
                                                      "likelihood", "consequence"])
            # Whole numbers; a cell not assessed yet has none.
            scores = scores.astype({"likelihood": "Int64", "consequence": "Int64"})
            assessed = st.data_editor(
                scores,
                width="stretch", hide_index=True, key=editor_key("emp_assessments", "risks"),
                placeholder="",  # not assessed yet: an empty square, not "None"
                disabled=["cell", "land_use", "value", "view"],
                column_order=["land_use", "value", "likelihood", "consequence", "view"],
                column_config={
                    "land_use": st.column_config.TextColumn(t("environment.land_use"),
                                                            width="medium"),
                    "value": st.column_config.TextColumn(t("environment.value"), width="medium"),
                    "view": st.column_config.TextColumn(t("environment.room_view")),
                    "likelihood": st.column_config.NumberColumn(
                        t("environment.likelihood"), min_value=1, max_value=5, step=1,
                        help=t("environment.likelihood_help"), width="small"),
                    "consequence": st.column_config.NumberColumn(
                        t("environment.consequence"), min_value=1, max_value=5, step=1,
                        help=t("environment.consequence_help"), width="small")})
        else:
            assessed = pd.DataFrame(columns=["cell", "likelihood", "consequence"])
            st.info(t("environment.no_negative"), icon=":material/info:")
        st.markdown(f"**{t('environment.bands')}**")
        bands = st.data_editor(
            pd.DataFrame(band_rows(emp.bands), columns=["name", "low", "high"]),
            num_rows="dynamic", width="stretch", hide_index=True, key=editor_key("emp_bands", "risks"),
            column_config={
                "name": st.column_config.TextColumn(t("environment.band"), required=True),
                "low": st.column_config.NumberColumn(t("environment.band_low"), min_value=1,
                                                     max_value=25, step=1, required=True),
                "high": st.column_config.NumberColumn(t("environment.band_high"), min_value=1,
                                                      max_value=25, step=1, required=True)})
        if st.form_submit_button(t("setup.save"), type="primary", key="save_emp_risks"):
            save(lambda: risks_from_rows(emp, records(assessed), records(bands)), "risks")

    risks = results.risks
    st.subheader(t("environment.risk_matrix"), anchor=False)
    st.plotly_chart(risk_figure(emp, risks, lang, font_size=16), width="stretch", theme=None,
                    key="emp_risk_matrix", config={"displayModeBar": False})
    st.subheader(t("environment.register"), anchor=False)
    if risks.cells:
        st.dataframe(pd.DataFrame([{
            t("environment.rank"): row.rank,
            **dict(zip((t("environment.land_use"), t("environment.value")),
                       cell_names(emp, row.cell, lang))),
            t("environment.likelihood"): row.likelihood,
            t("environment.consequence"): row.consequence, t("environment.product"): row.product,
            t("environment.band"): band_label(row.band)} for row in risks.cells]),
            hide_index=True, width="stretch", key="emp_register")
    else:
        st.caption(t("environment.nothing_assessed"))
    if risks.unassessed:
        st.markdown(f"**{t('environment.unassessed')}**\n\n" + "\n".join(
            f"- {cell_name(emp, cell, lang, target='markdown')}" for cell in risks.unassessed))

# ---- 4. actions --------------------------------------------------------------------------------
with tabs[3]:
    st.caption(t("environment.actions_explain"))
    every_cell = matrix_cells(emp.land_uses, emp.values)
    cell_options = as_first_drawn("emp_action_cells", "actions", lambda: [
        *negative, *(cell for cell in every_cell if cell not in negative)])
    columns = ["id", *LABELS, "cells", "hierarchy", "importance", "urgency", "responsible",
               "years", "review"]
    frame = pd.DataFrame(action_rows(emp.actions), columns=columns)
    frame["review"] = pd.to_datetime(frame["review"]).dt.date
    with st.form("emp_actions"):
        here = f"label_{lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE}"
        actions = st.data_editor(
            frame, num_rows="dynamic", width="stretch", hide_index=True,
            key=editor_key("emp_actions", "actions"),
            # What the room decides first, then who, when, and the other language's label.
            column_order=["id", here, "importance", "urgency", "hierarchy", "cells",
                          "responsible", "years", "review", *(c for c in LABELS if c != here)],
            column_config={
                "id": st.column_config.TextColumn(t("setup.id"), required=True, pinned=True),
                **LABEL_COLUMNS,
                "cells": st.column_config.MultiselectColumn(
                    t("environment.action_cells"), options=cell_options,
                    format_func=lambda cell: cell_name(emp, cell, lang), width="large"),
                "hierarchy": st.column_config.SelectboxColumn(
                    t("environment.hierarchy"), options=MITIGATION_HIERARCHY, required=True,
                    format_func=lambda h: t(f"emp.hierarchy.{h}"),
                    help=t("environment.hierarchy_help")),
                "importance": st.column_config.NumberColumn(
                    t("vote.importance"), min_value=1, max_value=5, step=0.5, required=True,
                    width="small"),
                "urgency": st.column_config.NumberColumn(
                    t("vote.urgency"), min_value=1, max_value=5, step=0.5, required=True,
                    width="small"),
                "responsible": st.column_config.TextColumn(
                    t("environment.responsible"), required=True,
                    help=t("environment.responsible_help")),
                "years": st.column_config.MultiselectColumn(
                    t("environment.years"),
                    options=[str(year) for year in range(1, emp.plan_years + 1)]),
                "review": st.column_config.DateColumn(
                    t("environment.review"), min_value=emp.start, max_value=results.plan.end,
                    format="YYYY-MM-DD")})
        st.caption(t("environment.responsible_hint", groups=", ".join(
            group.id for group in workshop.groups)))
        if st.form_submit_button(t("setup.save"), type="primary", key="save_emp_actions"):
            save(lambda: actions_from_rows(emp, records(actions)), "actions")

    plan = results.plan
    action = {a.id: a for a in emp.actions}
    groups = {group.id: group for group in workshop.groups}

    def responsible(text: str) -> str:
        group = groups.get(text)
        return label(group.label, lang) if group else text

    st.subheader(t("environment.plan_heading", start=plan.start.isoformat(),
                   end=plan.end.isoformat()), anchor=False)
    if plan.actions:
        st.dataframe(pd.DataFrame([{
            t("environment.rank"): row.rank,
            t("environment.action"): label(action[row.action].label, lang),
            t("environment.score"): row.score,
            t("environment.quadrant"): t(f"quadrant.{row.quadrant}"),
            t("environment.hierarchy"): t(f"emp.hierarchy.{row.hierarchy}"),
            t("environment.action_cells"): "; ".join(cell_name(emp, c, lang) for c in row.cells),
            t("environment.responsible"): responsible(row.responsible),
            t("environment.years"): ", ".join(map(str, row.years)),
            t("environment.review"): row.review.isoformat()} for row in plan.actions]),
            hide_index=True, width="stretch", key="emp_plan",
            column_config={t("environment.rank"): st.column_config.NumberColumn(width="small"),
                           t("environment.action"): st.column_config.TextColumn(width=300),
                           t("environment.score"): st.column_config.NumberColumn(
                               width="small", format="%g")})
        # The plan by year as a work plan: one row per action (in priority order), a mark in
        # each year it runs.
        st.markdown(f"**{t('environment.by_year')}**")
        years = list(plan.by_year)
        st.dataframe(pd.DataFrame([{
            t("environment.rank"): row.rank,
            t("environment.action"): label(action[row.action].label, lang),
            **{t("environment.year", year=year): "●" if row.action in plan.by_year[year] else ""
               for year in years}} for row in plan.actions]),
            hide_index=True, width="stretch", key="emp_by_year",
            column_config={t("environment.rank"): st.column_config.NumberColumn(width="small"),
                           t("environment.action"): st.column_config.TextColumn(width=300)})
    else:
        st.caption(t("environment.no_actions"))
    if plan.unaddressed:
        st.warning(t("environment.unaddressed") + "\n\n" + "\n".join(
            f"- {cell_name(emp, cell, lang, target='markdown')}" for cell in plan.unaddressed),
            icon=":material/warning:")
    elif negative:
        st.success(t("environment.all_addressed"), icon=":material/check_circle:")
