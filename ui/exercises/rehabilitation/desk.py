"""The rehabilitation plan on the facilitator's pages and the projector: set-up, results,
flipchart.

The set-up follows the plan's parts, one tab each: the site, the costs and the topsoil (with
the phases' first days); the tasks of the five FRM phases; the unit rates; the species; the
future land uses and the handover record. Each tab saves its part alone; the engine checks the
whole plan first and names the task and field of any problem (nothing is saved then).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st
from babel.numbers import get_currency_name, list_currencies
from pydantic import BaseModel

from engine.core import i18n
from engine.core.types import SCALE, label
from engine.exercises.rehabilitation.design import (METHODS, PHASES, SPECIES_ROLES, STEPS,
                                                    UNITS, HandoverRecord, RehabilitationCosts,
                                                    RehabilitationPlan, RehabilitationSite,
                                                    TopsoilPlan)
from engine.exercises.rehabilitation.results import RehabilitationResult
from engine.exercises.rehabilitation.setup import (land_use_rows, land_uses_from_rows, part,
                                                   rate_rows, rates_from_rows, revised,
                                                   species_from_rows, species_rows, task_rows,
                                                   tasks_from_rows, with_phase_starts)
from ui import flipchart as flipchart_form
from ui import session
from ui.exercises import Desk
from ui.exercises.rehabilitation.charts import timeline_figure
from ui.exercises.rehabilitation.projector import projector_html
from ui.exercises.rehabilitation.texts import FACES, money, number, phase_name, share
from ui.session import n, t

LABELS = [f"label_{code}" for code in i18n.LANGUAGES]
STEP_TABS = ("site", "tasks", "rates", "species", "vote")
RATINGS = list(range(SCALE[0], SCALE[1] + 1))


def _key(desk: Desk, name: str) -> str:
    """A widget key that changes once its tab is saved, so the tab restarts from the store."""
    return desk.key(f"{name}|{st.session_state.get(desk.key('saved'), 0)}")


def _save(desk: Desk, build: Callable[[], RehabilitationPlan]) -> None:
    """Store the plan the engine builds (every tab then restarts from the store), or show why
    not and keep what was typed."""
    count = desk.key("saved")
    st.session_state[count] = st.session_state.get(count, 0) + 1
    if not desk.save(build):
        st.session_state[count] -= 1


# ---- set-up ------------------------------------------------------------------------------------

def design(desk: Desk) -> None:
    """The plan's parts, one tab each."""
    plan: RehabilitationPlan = desk.design
    tabs = st.tabs([t(f"rehabilitation.tab.{name}") for name in STEP_TABS])
    with tabs[0]:
        _site_tab(desk, plan)
    with tabs[1]:
        _tasks_tab(desk, plan)
    with tabs[2]:
        _rates_tab(desk, plan)
    with tabs[3]:
        _species_tab(desk, plan)
    with tabs[4]:
        _vote_tab(desk, plan)


def _currency_name(code: str) -> str:
    lang = session.lang()
    return f"{code} · {get_currency_name(code, locale=lang if lang in i18n.LANGUAGES else 'en')}"


def _site_tab(desk: Desk, plan: RehabilitationPlan) -> None:
    site, costs, topsoil = plan.site, plan.costs, plan.topsoil
    with st.form(_key(desk, "site_form"), enter_to_submit=False):
        st.markdown(f"**{t('rehabilitation.site')}**")
        left, middle, right = st.columns([2, 1, 1])
        name = left.text_input(t("rehabilitation.col.site"), site.name, key=_key(desk, "name"))
        area = middle.number_input(t("rehabilitation.col.area"), value=float(site.area),
                                   min_value=0.0, format="%g", key=_key(desk, "area"))
        area_unit = right.segmented_control(
            t("rehabilitation.area_unit"), ["ha", "m2"], default=site.area_unit, required=True,
            format_func=lambda unit: t(f"rehabilitation.area.{unit}"),
            key=_key(desk, "area_unit"))
        mineral = session.label_inputs("rehabilitation.mineral_in", site.mineral,
                                       _key(desk, "mineral"))
        state = session.label_inputs("rehabilitation.state_in", site.state, _key(desk, "state"))
        alluvial = st.toggle(t("rehabilitation.col.alluvial"), site.alluvial,
                             help=t("rehabilitation.alluvial_help"), key=_key(desk, "alluvial"))
        st.markdown(f"**{t('rehabilitation.day_costs_heading')}**")
        left, middle, right = st.columns(3)
        currencies = sorted(list_currencies())
        currency = left.selectbox(t("rehabilitation.col.currency"), currencies,
                                  index=currencies.index(costs.currency),
                                  format_func=_currency_name, key=_key(desk, "currency"))
        wage = middle.number_input(t("rehabilitation.col.wage"), value=float(costs.wage),
                                   min_value=0.0, format="%g", key=_key(desk, "wage"))
        equipment_day = right.number_input(t("rehabilitation.col.equipment_day"),
                                           value=float(costs.equipment_day), min_value=0.0,
                                           format="%g", key=_key(desk, "equipment_day"))
        starting = st.checkbox(t("rehabilitation.costs_starting"), costs.starting,
                               help=t("rehabilitation.starting_help"),
                               key=_key(desk, "costs_starting"))
        st.markdown(f"**{t('rehabilitation.topsoil_heading')}**")
        st.caption(t("rehabilitation.topsoil_explain"))
        cells = st.columns(4)
        topsoil_area = cells[0].number_input(t("rehabilitation.col.topsoil_area_m2"),
                                             value=float(topsoil.area), min_value=0.0,
                                             format="%g", key=_key(desk, "topsoil_area"))
        depth = cells[1].number_input(t("rehabilitation.col.topsoil_depth_m"),
                                      value=float(topsoil.depth), min_value=0.0, step=0.05,
                                      format="%g", key=_key(desk, "topsoil_depth"))
        mixed = cells[2].number_input(t("rehabilitation.col.mixed_share"),
                                      value=float(topsoil.mixed_share), min_value=0.0,
                                      max_value=1.0, step=0.05, format="%g",
                                      help=t("rehabilitation.mixed_share_help"),
                                      key=_key(desk, "mixed_share"))
        method = cells[3].selectbox(t("rehabilitation.col.method"), METHODS,
                                    index=METHODS.index(topsoil.method),
                                    format_func=lambda m: t(f"rehabilitation.method.{m}"),
                                    key=_key(desk, "topsoil_method"))
        st.markdown(f"**{t('rehabilitation.phase_starts')}**")
        columns = [*st.columns(3), *st.columns(3)]
        starts: dict[str, object] = {
            phase.phase: column.date_input(phase_name(phase.phase, desk.lang), phase.start,
                                           key=_key(desk, f"start_{phase.phase}"))
            for phase, column in zip(plan.phases, columns)}
        if st.form_submit_button(t("setup.save"), type="primary", key=_key(desk, "save_site")):
            _save(desk, lambda: revised(
                plan,
                site=part(RehabilitationSite, "site", {
                    "name": name, "area": area, "area_unit": area_unit, "mineral": mineral,
                    "state": state, "alluvial": alluvial}),
                costs=part(RehabilitationCosts, "costs", {
                    "currency": currency, "wage": wage, "equipment_day": equipment_day,
                    "starting": starting}),
                topsoil=part(TopsoilPlan, "topsoil", {
                    "area": topsoil_area, "depth": depth, "mixed_share": mixed,
                    "method": method}),
                phases=with_phase_starts(plan, starts)))


def _tasks_tab(desk: Desk, plan: RehabilitationPlan) -> None:
    lang = desk.lang
    here = f"label_{lang if lang in i18n.LANGUAGES else i18n.DEFAULT_LANGUAGE}"
    columns = ["phase", "id", *LABELS, "quantity", "unit", "depth", "opening", "species",
               "method", "who", "start", "end", "step"]
    frame = pd.DataFrame(task_rows(plan), columns=columns)
    for field in ("start", "end"):
        frame[field] = pd.to_datetime(frame[field]).dt.date
    species = {s.id: label(s.label, lang) for s in plan.species}
    st.caption(t("rehabilitation.tasks_explain"))
    with st.form(_key(desk, "tasks_form"), enter_to_submit=False):
        table = st.data_editor(
            frame, num_rows="dynamic", width="stretch", hide_index=True,
            key=_key(desk, "tasks"), height=min(900, 38 + 35 * (len(frame) + 1)),
            column_order=["phase", "id", here, "quantity", "unit", "depth", "opening",
                          "species", "method", "who", "start", "end", "step",
                          *(c for c in LABELS if c != here)],
            column_config={
                "phase": st.column_config.SelectboxColumn(
                    t("rehabilitation.col.phase"), options=PHASES, required=True,
                    format_func=lambda p: phase_name(str(p), lang), pinned=True),
                "id": st.column_config.TextColumn(t("setup.id"), required=True, pinned=True),
                **session.label_columns(width=220),
                "quantity": st.column_config.NumberColumn(t("rehabilitation.col.quantity"),
                                                          required=True, format="%g"),
                "unit": st.column_config.SelectboxColumn(
                    t("rehabilitation.col.unit"), options=UNITS, required=True,
                    format_func=lambda u: t(f"rehabilitation.unit.{u}"),
                    help=t("rehabilitation.unit_help")),
                "depth": st.column_config.NumberColumn(t("rehabilitation.col.depth"),
                                                       help=t("rehabilitation.depth_help"),
                                                       format="%g"),
                "opening": st.column_config.NumberColumn(t("rehabilitation.col.opening"),
                                                         help=t("rehabilitation.opening_help"),
                                                         format="%g"),
                "species": st.column_config.SelectboxColumn(
                    t("rehabilitation.col.species"), options=list(species),
                    format_func=lambda s: species.get(str(s), ""),
                    help=t("rehabilitation.species_help")),
                "method": st.column_config.SelectboxColumn(
                    t("rehabilitation.col.method"), options=METHODS, required=True,
                    format_func=lambda m: t(f"rehabilitation.method.{m}")),
                "who": st.column_config.TextColumn(t("rehabilitation.col.who"), required=True,
                                                   help=t("rehabilitation.who_help")),
                "start": st.column_config.DateColumn(t("rehabilitation.col.start"),
                                                     required=True, format="YYYY-MM-DD"),
                "end": st.column_config.DateColumn(t("rehabilitation.col.end"), required=True,
                                                   format="YYYY-MM-DD"),
                "step": st.column_config.SelectboxColumn(
                    t("rehabilitation.col.step"), options=STEPS, required=True,
                    format_func=lambda s: t(f"rehabilitation.step.{s}"),
                    help=t("rehabilitation.step_help"))})
        st.caption(t("rehabilitation.who_hint", groups=", ".join(
            group.id for group in desk.workshop.groups)))
        if st.form_submit_button(t("setup.save"), type="primary", key=_key(desk, "save_tasks")):
            _save(desk, lambda: tasks_from_rows(plan, session.records(table)))


def _rates_tab(desk: Desk, plan: RehabilitationPlan) -> None:
    st.caption(t("rehabilitation.rates_explain", currency=plan.costs.currency))
    with st.form(_key(desk, "rates_form"), enter_to_submit=False):
        table = st.data_editor(
            pd.DataFrame(rate_rows(plan), columns=["unit", "method", "person_days",
                                                   "equipment_days", "supplies", "starting"]),
            num_rows="dynamic", width="stretch", hide_index=True, key=_key(desk, "rates"),
            column_config={
                "unit": st.column_config.SelectboxColumn(
                    t("rehabilitation.col.unit"), options=UNITS, required=True, width=220,
                    format_func=lambda u: t(f"rehabilitation.rate_unit.{u}")),
                "method": st.column_config.SelectboxColumn(
                    t("rehabilitation.col.method"), options=METHODS, required=True, width=120,
                    format_func=lambda m: t(f"rehabilitation.method.{m}")),
                "person_days": st.column_config.NumberColumn(
                    t("rehabilitation.col.rate_person_days"), required=True, format="%g",
                    width=160),
                "equipment_days": st.column_config.NumberColumn(
                    t("rehabilitation.col.rate_equipment_days"), format="%g", width=170),
                "supplies": st.column_config.NumberColumn(
                    t("rehabilitation.col.rate_supplies"), format="%g", width=140),
                "starting": st.column_config.CheckboxColumn(
                    t("rehabilitation.col.starting"), help=t("rehabilitation.starting_help"))})
        if st.form_submit_button(t("setup.save"), type="primary", key=_key(desk, "save_rates")):
            _save(desk, lambda: rates_from_rows(plan, session.records(table)))


def _species_tab(desk: Desk, plan: RehabilitationPlan) -> None:
    st.caption(t("rehabilitation.species_explain"))
    with st.form(_key(desk, "species_form"), enter_to_submit=False):
        table = st.data_editor(
            pd.DataFrame(species_rows(plan), columns=["id", *LABELS, "role"]),
            num_rows="dynamic", width="stretch", hide_index=True, key=_key(desk, "species"),
            column_config={
                "id": st.column_config.TextColumn(t("setup.id"), required=True),
                **session.label_columns(width=300),
                "role": st.column_config.SelectboxColumn(
                    t("rehabilitation.col.role"), options=SPECIES_ROLES, required=True,
                    format_func=lambda r: t(f"rehabilitation.role.{r}"))})
        if st.form_submit_button(t("setup.save"), type="primary",
                                 key=_key(desk, "save_species")):
            _save(desk, lambda: species_from_rows(plan, session.records(table)))


def _vote_tab(desk: Desk, plan: RehabilitationPlan) -> None:
    handover = plan.handover
    with st.form(_key(desk, "vote_form"), enter_to_submit=False):
        st.markdown(f"**{t('rehabilitation.land_uses_heading')}**")
        st.caption(t("rehabilitation.land_uses_explain"))
        table = st.data_editor(
            pd.DataFrame(land_use_rows(plan), columns=["id", *LABELS, "pictogram"]),
            num_rows="dynamic", width="stretch", hide_index=True, key=_key(desk, "land_uses"),
            column_order=["pictogram", "id", *LABELS],
            column_config={"id": st.column_config.TextColumn(t("setup.id"), required=True),
                           **session.label_columns(),
                           "pictogram": st.column_config.TextColumn(
                               t("setup.pictogram"), help=t("setup.pictogram_help"))})
        st.markdown(f"**{t('rehabilitation.handover')}**")
        st.caption(t("rehabilitation.handover_explain"))
        left, right = st.columns(2)
        assessed_by = left.text_input(t("rehabilitation.col.assessed_by"),
                                      handover.assessed_by or "",
                                      help=t("rehabilitation.assessed_by_help"),
                                      key=_key(desk, "assessed_by"))
        assessed_on = right.date_input(t("rehabilitation.col.assessed_on"), handover.assessed_on,
                                       key=_key(desk, "assessed_on"))
        standard = left.text_input(t("rehabilitation.col.standard"), handover.standard or "",
                                   key=_key(desk, "standard"))
        referred_to = right.text_input(t("rehabilitation.col.referred_to"),
                                       handover.referred_to or "", key=_key(desk, "referred_to"))
        if st.form_submit_button(t("setup.save"), type="primary", key=_key(desk, "save_vote")):
            _save(desk, lambda: revised(
                land_uses_from_rows(plan, session.records(table)),
                handover=part(HandoverRecord, "handover", {
                    "assessed_by": assessed_by.strip() or None, "assessed_on": assessed_on,
                    "standard": standard.strip() or None,
                    "referred_to": referred_to.strip() or None})))


# ---- results -----------------------------------------------------------------------------------

def results(desk: Desk, result: BaseModel) -> None:
    """The plan's effort and cost, its timeline, tasks, quantities, the Whole Mine Cycle
    comparison, the mitigation hierarchy, the room's votes and the handover record."""
    assert isinstance(result, RehabilitationResult)
    plan: RehabilitationPlan = desk.design
    lang, currency = desk.lang, result.currency
    _starting_warning(result)
    totals = result.totals
    saving = result.whole_mine_cycle.saving
    with st.container(horizontal=True, gap="medium"):
        st.metric(t("rehabilitation.col.person_days"), number(totals.person_days, lang),
                  border=True)
        st.metric(t("rehabilitation.col.equipment_days"), number(totals.equipment_days, lang),
                  border=True)
        st.metric(t("rehabilitation.col.cost"), money(totals.cost, currency, lang), border=True)
        st.metric(t("rehabilitation.col.topsoil_m3"), number(totals.topsoil_m3, lang),
                  border=True)
        st.metric(t("rehabilitation.metric.saving"), money(saving.cost, currency, lang),
                  border=True)
    st.subheader(t("rehabilitation.by_phase", currency=currency), anchor=False)
    # The phases' dates and tasks are on the timeline below; this table keeps to the numbers.
    rows = [(phase_name(line.phase, lang), line) for line in result.phases]
    st.dataframe(pd.DataFrame([{
        t("rehabilitation.col.phase"): name,
        t("rehabilitation.col.person_days"): line.person_days,
        t("rehabilitation.col.equipment_days"): line.equipment_days,
        t("rehabilitation.col.cost"): line.cost,
        t("rehabilitation.col.topsoil_m3"): line.topsoil_m3}
        for name, line in [*rows, (t("rehabilitation.total"), totals)]]),
        hide_index=True, width="stretch", key=desk.key("phases"),
        column_config={t("rehabilitation.col.phase"): st.column_config.TextColumn(width=200),
                       **_number_columns(width=95)})
    st.plotly_chart(timeline_figure(plan, result, lang), width="stretch", theme=None,
                    key=desk.key("timeline"), config={"displayModeBar": False})
    st.caption(t("rehabilitation.timeline_note"))
    _tasks_table(desk, plan, result)
    _cycle(result, lang)
    _hierarchy(plan, result, lang)
    _votes(desk, plan, result)
    _handover(plan)


def _number_columns(width: int | None = None) -> dict[str, Any]:
    """Person-days, equipment-days, cost and topsoil to two decimals (``width`` in pixels)."""
    return {t(f"rehabilitation.col.{key}"): st.column_config.NumberColumn(format="%.2f",
                                                                          width=width)
            for key in ("person_days", "equipment_days", "cost", "topsoil_m3")}


def _starting_warning(result: RehabilitationResult) -> None:
    parts = ([t("rehabilitation.starting_costs")] if result.starting_costs else []) + [
        t("rehabilitation.starting_rate", unit=t(f"rehabilitation.unit.{unit}"),
          method=t(f"rehabilitation.method.{method}").lower())
        for unit, method in (name.split("/") for name in result.starting_rates)]
    if parts:
        st.warning(t("rehabilitation.starting_note", values="; ".join(parts)), icon="⚠️")


def _tasks_table(desk: Desk, plan: RehabilitationPlan, result: RehabilitationResult) -> None:
    lang = desk.lang
    names = {task.id: label(task.label, lang) for _, task in plan.tasks()}
    st.subheader(t("rehabilitation.tasks_heading"), anchor=False)
    st.dataframe(pd.DataFrame([{
        t("rehabilitation.col.phase"): phase_name(line.phase, lang),
        t("rehabilitation.col.task"): names[line.task],
        t("rehabilitation.col.quantity"): line.quantity,
        t("rehabilitation.col.unit"): t(f"rehabilitation.unit.{line.unit}"),
        t("rehabilitation.col.work"): f"{number(line.work, lang)} "
                                      f"{t(f'rehabilitation.work.{line.work_unit}')}",
        t("rehabilitation.col.method"): t(f"rehabilitation.method.{line.method}"),
        t("rehabilitation.col.who"): desk.name_of(line.who),
        t("rehabilitation.col.start"): line.start, t("rehabilitation.col.end"): line.end,
        t("rehabilitation.col.person_days"): line.person_days,
        t("rehabilitation.col.equipment_days"): line.equipment_days,
        t("rehabilitation.col.cost"): line.cost,
        t("rehabilitation.col.starting"): "⚠️" if line.starting_rate else ""}
        for line in result.tasks]), hide_index=True, width="stretch", key=desk.key("tasks"),
        height=min(900, 38 + 35 * (len(result.tasks) + 1)), column_config=_number_columns())
    amounts = result.quantities
    st.caption(t("rehabilitation.quantities_line", site=number(amounts.site_m2, lang),
                 pits=amounts.pits, pit_volume=number(amounts.pit_volume_m3, lang),
                 area=number(amounts.area_worked_m2, lang),
                 topsoil=number(amounts.topsoil_m3, lang),
                 handled=number(amounts.topsoil_handled_m3, lang)))


def _cycle(result: RehabilitationResult, lang: str) -> None:
    cycle = result.whole_mine_cycle
    st.subheader(t("rehabilitation.cycle_title"), anchor=False)
    st.caption(t("rehabilitation.cycle_note", volume=number(cycle.topsoil_m3, lang),
                 share=number(cycle.mixed_share, lang),
                 method=t(f"rehabilitation.method.{cycle.method}").lower()))
    st.dataframe(pd.DataFrame([{
        "": t(f"rehabilitation.cycle.{key}"),
        t("rehabilitation.col.topsoil_m3"): totals.topsoil_m3,
        t("rehabilitation.col.person_days"): totals.person_days,
        t("rehabilitation.col.equipment_days"): totals.equipment_days,
        t("rehabilitation.col.cost"): totals.cost}
        for key, totals in (("stored", cycle.stored), ("recovered", cycle.recovered),
                            ("saving", cycle.saving))]), hide_index=True, width="stretch",
        column_config={"": st.column_config.TextColumn(width="medium"), **_number_columns()})


def _hierarchy(plan: RehabilitationPlan, result: RehabilitationResult, lang: str) -> None:
    """Each step of the mitigation hierarchy with the tasks the plan places under it, a
    paragraph each: a long step (most tasks restore) wraps across the page."""
    names = {task.id: label(task.label, lang) for _, task in plan.tasks()}
    st.subheader(t("rehabilitation.hierarchy"), anchor=False)
    st.markdown("\n\n".join(
        f"**{t(f'rehabilitation.step.{step}')}** ({len(tasks)}): "
        + ("; ".join(session.plain(names[task]) for task in tasks) or t("rehabilitation.none"))
        for step, tasks in result.hierarchy.items()))


def _votes(desk: Desk, plan: RehabilitationPlan, result: RehabilitationResult) -> None:
    lang, votes, workshop = desk.lang, result.votes, desk.workshop
    st.subheader(t("rehabilitation.votes_title"), anchor=False)
    chosen = (label(plan.land_use(votes.chosen).label, lang) if votes.chosen
              else t("rehabilitation.no_choice"))
    st.markdown(t("rehabilitation.chosen", land_use=session.plain(chosen)) + "  \n"
                + n("rehabilitation.voters_line", votes.voters))
    option_names = {o.id: session.with_pictogram(o.pictogram, label(o.label, lang),
                                                 target="table") for o in plan.land_uses}
    groups = {g: label(workshop.group(g).label, lang) for g in votes.groups}
    st.dataframe(pd.DataFrame([{
        t("rehabilitation.col.land_use"): option_names[option.land_use],
        t("rehabilitation.whole_room"): option.votes,
        **{groups[g]: next(o.votes for o in shown.land_uses if o.land_use == option.land_use)
           for g, shown in votes.groups.items()}} for option in votes.land_uses]),
        hide_index=True, width="stretch", key=desk.key("land_use_votes"))
    st.markdown(f"**{t('rehabilitation.acceptability')}**")
    st.caption(t("rehabilitation.acceptable_rule"))
    rows = [(t("rehabilitation.whole_room"), votes.acceptability)] + [
        (groups[g], shown.acceptability) for g, shown in votes.groups.items()]
    st.dataframe(pd.DataFrame([{
        t("rehabilitation.col.group"): name, t("rehabilitation.col.voters"): found.voters,
        **{f"{FACES[rating]} {rating}": count for rating, count in zip(RATINGS, found.counts)},
        t("rehabilitation.col.mean"): found.mean,
        t("rehabilitation.col.acceptable_share"):
            share(found.acceptable_share, lang) if found.acceptable_share is not None else "",
        t("rehabilitation.col.accepts"):
            "" if found.accepts is None else "✓" if found.accepts else "✗"}
        for name, found in rows]), hide_index=True, width="stretch",
        key=desk.key("acceptability"))
    if votes.not_accepted_by:
        st.warning(t("rehabilitation.not_accepted", groups=", ".join(
            session.plain(groups[g]) for g in votes.not_accepted_by)), icon="⚠️")
    if votes.hidden_groups:
        st.info(n("results.hidden_groups", len(votes.hidden_groups),
                  threshold=workshop.small_group_threshold), icon="ℹ️")


def _handover(plan: RehabilitationPlan) -> None:
    handover = plan.handover
    st.subheader(t("rehabilitation.handover"), anchor=False)
    st.markdown("  \n".join(
        f"**{t(f'rehabilitation.col.{key}')}**: "
        + (session.plain(str(value)) if value is not None else t("rehabilitation.not_yet"))
        for key, value in (("assessed_by", handover.assessed_by),
                           ("assessed_on", handover.assessed_on),
                           ("standard", handover.standard),
                           ("referred_to", handover.referred_to))))


# ---- the projector and the flipchart -----------------------------------------------------------

def presenter(desk: Desk, result: BaseModel) -> None:
    """The plan in one line, the land-use vote and acceptability by group (``projector``)."""
    assert isinstance(result, RehabilitationResult)
    st.html(projector_html(desk.design, desk.room, result, desk.lang))


def flipchart(desk: Desk) -> None:
    """A group's agreed land use and rating, typed in from their flipchart as one proxy
    ballot."""
    plan: RehabilitationPlan = desk.design
    lang = desk.lang
    with st.form(desk.key("flipchart"), clear_on_submit=True):
        st.caption(t("rehabilitation.flipchart_explain"))
        tally = flipchart_form.who_agreed(desk)
        land_use = st.selectbox(t("rehabilitation.vote.land_use"),
                                [o.id for o in plan.land_uses],
                                format_func=lambda o: label(plan.land_use(o).label, lang),
                                key=desk.key("flipchart_land_use"))
        rating = st.segmented_control(t("rehabilitation.vote.acceptability"), RATINGS,
                                      format_func=lambda r: f"{FACES[r]} {r}",
                                      key=desk.key("flipchart_rating"))
        if st.form_submit_button(t("rehabilitation.flipchart_send"), type="primary",
                                 key=desk.key("flipchart_send")):
            flipchart_form.record(desk, tally,
                                  {"land_use": land_use, "acceptability": rating})
