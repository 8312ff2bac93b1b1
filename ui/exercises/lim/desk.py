"""The LIM on the facilitator's pages and the projector: design, results, flipchart.

The design follows a LIM consultation (guide 3.1): the instruments (what change, what package,
for whom), their non-negotiable conditions, and the weights of the composite score.
"""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import BaseModel

from engine.core import i18n
from engine.core.types import label
from engine.exercises.lim.design import CONDITION_STATES, CRITERIA, KINDS, IncentiveMatrix
from engine.exercises.lim.results import IncentiveResult, formula
from engine.exercises.lim.setup import (condition_rows, flipchart_scores,
                                        incentive_matrix_from_rows, instrument_rows)
from ui import flipchart as flipchart_form
from ui import session
from ui.exercises import Desk
from ui.exercises.lim.charts import (GATED_TAG, bubble_figure, bubble_key, disagreement_lines,
                                     formula_line, group_name, instrument_name)
from ui.projected import Bar, one_page, ranking_html
from ui.session import n, t

TWO_DECIMALS = st.column_config.NumberColumn(format="%.2f")
TEXT_FIELDS = ("objective", "package", "limitations")
# Leverage and effectiveness count for an instrument, risk against it (engine's Weights).
WEIGHT_BOUNDS = {"leverage": (0.0, 100.0), "effectiveness": (0.0, 100.0), "risk": (-100.0, 0.0)}


def _first_in_my_language(columns: list[str], lang: str) -> list[str]:
    """The columns in this language (and the others) first; other languages' texts at the end."""
    others = [c for c in columns if c.rsplit("_", 1)[-1] in i18n.LANGUAGES
              and not c.endswith(f"_{lang}")]
    return [c for c in columns if c not in others] + others


def design(desk: Desk) -> None:
    """Three steps: the instruments, their conditions, and the composite's weights."""
    lim: IncentiveMatrix = desk.design
    instruments = instrument_rows(lim.instruments)
    conditions = condition_rows(lim.instruments)
    weights = lim.weights.model_dump()

    def save(rows: list[dict[str, object]], condition_table: list[dict[str, object]],
             chosen: dict[str, float]) -> None:
        desk.save(lambda: incentive_matrix_from_rows(rows, condition_table, chosen))

    steps = st.tabs([t("lim.step_instruments"), t("lim.step_conditions"), t("lim.step_weights")])
    labels = [f"label_{c}" for c in i18n.LANGUAGES]
    text_columns = [f"{field}_{code}" for field in TEXT_FIELDS for code in i18n.LANGUAGES]
    targets = {g.id: label(g.label, desk.lang) for g in desk.workshop.groups}
    targets.update({thing: label(labels_of, desk.lang)
                    for thing, labels_of in desk.workshop.references().targets.items()})
    with steps[0], st.form(desk.key("instruments"), enter_to_submit=False):
        st.caption(t("lim.instruments_explain"))
        columns = ["id", *labels, "kind", "target", *text_columns, "pictogram"]
        table = st.data_editor(
            pd.DataFrame(instruments, columns=columns), num_rows="dynamic", width="stretch",
            hide_index=True, key=desk.key("instruments_editor"),
            column_order=_first_in_my_language(columns, desk.lang),
            column_config={
                "id": st.column_config.TextColumn(t("setup.id"), required=True,
                                                  help=t("setup.id_help")),
                **session.label_columns(),
                "kind": st.column_config.SelectboxColumn(
                    t("lim.kind"), options=KINDS, required=True,
                    format_func=lambda k: t(f"lim.kind.{k}")),
                "target": st.column_config.SelectboxColumn(
                    t("lim.target"), options=list(targets),
                    format_func=lambda target: targets.get(str(target), str(target)),
                    help=t("lim.target_help")),
                **{column: st.column_config.TextColumn(
                    t(f"lim.{column.rsplit('_', 1)[0]}_in",
                      language=i18n.language_name(column.rsplit("_", 1)[1])),
                    help=t(f"lim.{column.rsplit('_', 1)[0]}_help"), width="large")
                   for column in text_columns},
                "pictogram": st.column_config.TextColumn(t("setup.pictogram"),
                                                         help=t("setup.pictogram_help"))})
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_instruments")):
            rows = session.records(table)
            # The conditions of an instrument deleted (or renamed) in the table go with it.
            kept = {row["id"] for row in rows}
            save(rows, [row for row in conditions if row["instrument"] in kept], weights)

    with steps[1], st.form(desk.key("conditions"), enter_to_submit=False):
        st.caption(t("lim.conditions_explain"))
        ids = [i.id for i in lim.instruments]
        table = st.data_editor(
            pd.DataFrame(conditions, columns=["instrument", "id",
                                              *[f"text_{c}" for c in i18n.LANGUAGES], "met"]),
            num_rows="dynamic", width="stretch", hide_index=True,
            key=desk.key("conditions_editor"),
            column_config={
                "instrument": st.column_config.SelectboxColumn(
                    t("lim.instrument"), options=ids, required=True,
                    format_func=lambda i: label(lim.instrument(str(i)).label, desk.lang)),
                "id": st.column_config.TextColumn(t("setup.id"), help=t("lim.condition_id_help")),
                **{f"text_{c}": st.column_config.TextColumn(
                    t("lim.condition_in", language=i18n.language_name(c)), width="large")
                   for c in i18n.LANGUAGES},
                "met": st.column_config.SelectboxColumn(
                    t("lim.met"), options=CONDITION_STATES, required=True,
                    format_func=lambda m: t(f"lim.condition.{m}"))})
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_conditions")):
            save(instruments, session.records(table), weights)

    with steps[2], st.form(desk.key("weights"), enter_to_submit=False):
        st.caption(t("lim.weights_explain"))
        boxes = st.columns(3)
        chosen = {name: boxes[index].number_input(
            t(f"lim.weight.{name}"), *WEIGHT_BOUNDS[name], value=float(weights[name]), step=0.5,
            key=desk.key(f"weight_{name}")) for index, name in enumerate(weights)}
        st.code(f"{formula_line_text(lim)}", language=None)
        st.caption(t("lim.formula_symbols"))
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_weights")):
            save(instruments, conditions, chosen)


def formula_line_text(lim: IncentiveMatrix) -> str:
    """The composite's formula with the weights as stored."""
    found = formula(lim.weights)
    return f"{found.expression}\n{found.normalisation}"


def results(desk: Desk, result: BaseModel) -> None:
    """The ranking, the gated and unscored instruments, the bubble chart and disagreement."""
    assert isinstance(result, IncentiveResult)
    lim: IncentiveMatrix = desk.design
    lang = desk.lang
    name = {i.id: instrument_name(lim, i.id, lang, "table") for i in lim.instruments}
    st.caption(n("lim.voters_note", result.voters,
                 weighting=t("weighting." + result.weighting)))
    st.caption(formula_line(result))
    ranked = [row for row in result.instruments if row.rank is not None]
    st.dataframe(pd.DataFrame([{
        t("results.rank"): row.rank, t("lim.instrument"): name[row.instrument],
        t("lim.kind"): t(f"lim.kind.{row.kind}"),
        **{t(f"lim.criterion.{c}"): getattr(row, c) for c in CRITERIA},
        t("lim.criterion.risk"): row.risk, t("lim.criterion.composite"): row.composite,
        t("lim.voters"): row.voters} for row in ranked]), hide_index=True, width="stretch",
        column_config={t(f"lim.criterion.{c}"): TWO_DECIMALS
                       for c in (*CRITERIA, "risk", "composite")})
    for row in result.instruments:
        if row.unranked == "unmet_conditions":
            unmet = lim.instrument(row.instrument).conditions
            st.warning(t("lim.gated_line", instrument=instrument_name(
                lim, row.instrument, lang, "markdown"), conditions="; ".join(
                session.plain(label(c.text, lang)) for c in unmet
                if c.id in row.unmet_conditions)), icon=":material/block:")
        elif row.unranked == "no_scores":
            st.info(t("lim.unscored_line", instrument=instrument_name(
                lim, row.instrument, lang, "markdown")), icon=":material/hourglass_empty:")
    if result.bubbles:
        chart, key = st.columns([3, 1], vertical_alignment="center")
        chart.plotly_chart(bubble_figure(lim, result, lang), width="stretch", theme=None,
                           key=desk.key("bubbles"))
        key.markdown("  \n".join(bubble_key(lim, result, lang)))
    st.subheader(t("lim.disagreement_heading"), anchor=False)
    lines = disagreement_lines(desk.workshop, lim, result, lang)
    st.markdown("  \n".join(lines) if lines else t("lim.no_disagreement"))
    if result.disagreement:
        st.dataframe(pd.DataFrame([{
            t("lim.instrument"): name[d.instrument], t("lim.spread"): d.spread, t("lim.sd"): d.sd,
            **{group_name(desk.workshop, g, lang): c for g, c in d.groups.items()}}
            for d in result.disagreement]).style.format(precision=2, na_rep=""),
            hide_index=True, width="stretch")
    if result.hidden_groups:
        st.info(n("results.hidden_groups", len(result.hidden_groups),
                  threshold=desk.workshop.small_group_threshold),
                icon=":material/visibility_off:")


def presenter(desk: Desk, result: BaseModel) -> None:
    """The ranking by composite score as bars, a page at a time, and the formula; an
    instrument whose conditions are unmet is listed after the ranked ones, marked ×."""
    assert isinstance(result, IncentiveResult)
    lim: IncentiveMatrix = desk.design
    scored = [(row, row.composite) for row in result.instruments if row.composite is not None]
    if not scored:
        st.html(f'<div class="projected">{html.escape(t("presenter.no_scores"))}</div>')
        return
    floor = min([0.0] + [composite for _, composite in scored])  # a composite can be negative
    longest = max(composite - floor for _, composite in scored) or 1.0
    bars = [Bar(f"{row.rank}." if row.rank is not None else GATED_TAG,
                instrument_name(lim, row.instrument, desk.lang, "table")
                + ("" if row.rank is not None else f" {t('lim.gated_tag')}"),
                (composite - floor) / longest, f"{composite:.2f}") for row, composite in scored]
    st.html(ranking_html(one_page(bars, desk.key("page"))))
    st.html(f'<div class="projected">{html.escape(formula_line(result))}</div>')


def flipchart(desk: Desk) -> None:
    """A group's agreed scores, typed in from their flipchart as one proxy ballot."""
    lim: IncentiveMatrix = desk.design
    unscored: dict[str, int | None] = dict.fromkeys(CRITERIA, None)
    columns: dict[str, Any] = {
        "instrument": st.column_config.SelectboxColumn(
            t("lim.instrument"), options=[i.id for i in lim.instruments],
            format_func=lambda i: label(lim.instrument(str(i)).label, desk.lang)),
        **{c: st.column_config.NumberColumn(t(f"lim.criterion.{c}"), min_value=1, max_value=5,
                                            step=1) for c in CRITERIA}}
    with st.form(desk.key("flipchart"), clear_on_submit=True, enter_to_submit=False):
        st.caption(t("lim.flipchart_explain"))
        tally = flipchart_form.who_agreed(desk)
        table = st.data_editor(
            pd.DataFrame([{"instrument": i.id, **unscored} for i in lim.instruments]),
            hide_index=True, width="stretch", key=desk.key("flipchart_table"),
            disabled=["instrument"],
            column_config=columns)
        if st.form_submit_button(t("lim.flipchart_send"), type="primary",
                                 key=desk.key("flipchart_send")):
            flipchart_form.record(desk, tally, {"scores": flipchart_scores(
                session.records(table))})

