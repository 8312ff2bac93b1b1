"""The Leverage and Incentives Matrix (guide 3.1): design the instruments, score them, read them.

Four steps, as the guide runs a LIM consultation: the instruments (what change, what package,
for whom), their non-negotiable conditions, the weights of the composite score and scoring from
phones, then the results: ranked and gated instruments, the bubble chart, and disagreement.
"""

import pandas as pd
import streamlit as st

from engine import i18n
from engine.errors import EngineError
from engine.incentives import (CONDITION_STATES, CRITERIA, DEFAULT_WEIGHTS, KINDS,
                               STARTER_INSTRUMENTS, workshop_incentive_results)
from engine.model import label
from engine.prioritise import BASIC_WEIGHTINGS
from engine.setup import (condition_rows, flipchart_scores, incentive_matrix_from_rows,
                          instrument_rows)
from ui import flipchart, lim_charts, session

workshop = session.start_facilitator_page("lim.page_title")
store = session.store()
lang = session.lang()
t = session.t
lim = workshop.lim

st.title(t("lim.heading"))
st.caption(t("lim.explain"))


def save(instruments: list[dict], conditions: list[dict], weights: dict, open: bool) -> None:
    """Validate the whole matrix and store it with the workshop; nothing half-saved."""
    try:
        store.save_part(workshop.code, "lim",
                        incentive_matrix_from_rows(instruments, conditions, weights, open))
    except EngineError as error:
        session.show_error(error)
    else:
        st.toast(t("setup.saved"), icon=":material/check:")
        st.rerun()


instruments = instrument_rows(lim.instruments) if lim else []
conditions = condition_rows(lim.instruments) if lim else []
weights = (lim.weights if lim else DEFAULT_WEIGHTS).model_dump()
is_open = lim.open if lim else False
# A target is a stakeholder group, or an actor of the map when there is one.
targets = {g.id: label(g.label, lang) for g in workshop.groups}
if workshop.network:
    targets.update({a.id: label(a.label, lang) for a in workshop.network.actors})
def first_in_my_language(columns: list[str]) -> list[str]:
    """The columns in this language (and the others) first; other languages' texts at the end."""
    others = [c for c in columns if c.rsplit("_", 1)[-1] in i18n.LANGUAGES
              and not c.endswith(f"_{lang}")]
    return [c for c in columns if c not in others] + others


TWO_DECIMALS = st.column_config.NumberColumn(format="%.2f")
text_columns = [f"{field}_{code}" for field in ("objective", "package", "limitations")
                for code in i18n.LANGUAGES]

steps = st.tabs([t("lim.step_instruments"), t("lim.step_conditions"), t("lim.step_scoring"),
                 t("lim.step_results")])

with steps[0]:
    st.caption(t("lim.instruments_explain"))
    # Outside the form, so that ticking it redraws the table at once.
    starter = not instruments and st.checkbox(t("lim.use_starter"), value=True,
                                              key="lim_use_starter")
with steps[0], st.form("lim_instruments"):
    table = st.data_editor(
        pd.DataFrame(instruments or instrument_rows(STARTER_INSTRUMENTS if starter else []),
                     columns=["id", *[f"label_{c}" for c in i18n.LANGUAGES], "kind", "target",
                              *text_columns, "pictogram"]),
        num_rows="dynamic", width="stretch", hide_index=True, key="instruments_editor",
        column_order=first_in_my_language(["id", *[f"label_{c}" for c in i18n.LANGUAGES], "kind",
                                           "target", *text_columns, "pictogram"]),
        column_config={
            "id": st.column_config.TextColumn(t("setup.id"), required=True, help=t("setup.id_help")),
            **session.label_columns(),
            "kind": st.column_config.SelectboxColumn(t("lim.kind"), options=KINDS, required=True,
                                                     format_func=lambda k: t(f"lim.kind.{k}")),
            "target": st.column_config.SelectboxColumn(t("lim.target"), options=list(targets),
                                                       format_func=targets.get,
                                                       help=t("lim.target_help")),
            **{column: st.column_config.TextColumn(
                t(f"lim.{column.rsplit('_', 1)[0]}_in",
                  language=i18n.language_name(column.rsplit("_", 1)[1])),
                help=t(f"lim.{column.rsplit('_', 1)[0]}_help"), width="large")
               for column in text_columns},
            "pictogram": st.column_config.TextColumn(t("setup.pictogram"),
                                                     help=t("setup.pictogram_help"))})
    if st.form_submit_button(t("setup.save"), type="primary", key="save_instruments"):
        rows = table.to_dict("records")
        # The guide's instruments come with their conditions; a new matrix keeps them. Those of
        # an instrument deleted (or renamed) in the table go with it.
        ids = {row["id"] for row in rows}
        kept = [row for row in conditions or (condition_rows(STARTER_INSTRUMENTS) if starter
                                              else []) if row["instrument"] in ids]
        save(rows, kept, weights, is_open)

if lim is None:
    st.stop()

with steps[1], st.form("lim_conditions"):
    st.caption(t("lim.conditions_explain"))
    ids = [i.id for i in lim.instruments]
    table = st.data_editor(
        pd.DataFrame(conditions, columns=["instrument", "id",
                                          *[f"text_{c}" for c in i18n.LANGUAGES], "met"]),
        num_rows="dynamic", width="stretch", hide_index=True, key="conditions_editor",
        column_config={
            "instrument": st.column_config.SelectboxColumn(
                t("lim.instrument"), options=ids, required=True,
                format_func=lambda i: label(lim.instrument(i).label, lang)),
            "id": st.column_config.TextColumn(t("setup.id"), help=t("lim.condition_id_help")),
            **{f"text_{c}": st.column_config.TextColumn(
                t("lim.condition_in", language=i18n.language_name(c)), width="large")
               for c in i18n.LANGUAGES},
            "met": st.column_config.SelectboxColumn(t("lim.met"), options=CONDITION_STATES,
                                                    required=True,
                                                    format_func=lambda m: t(f"lim.condition.{m}"))})
    if st.form_submit_button(t("setup.save"), type="primary", key="save_conditions"):
        save(instruments, table.to_dict("records"), weights, is_open)

with steps[2]:
    session.open_to_phones_toggle(t("lim.open_to_phones"), workshop.code, "lim", lim.open)
    with st.form("lim_weights"):
        st.caption(t("lim.weights_explain"))
        columns = st.columns(3)
        # Leverage and effectiveness count for an instrument, risk against it (engine.Weights).
        bounds = {"leverage": (0.0, 100.0), "effectiveness": (0.0, 100.0), "risk": (-100.0, 0.0)}
        chosen = {name: columns[index].number_input(
            t(f"lim.weight.{name}"), *bounds[name], value=float(weights[name]), step=0.5,
            key=f"weight_{name}") for index, name in enumerate(weights)}
        if st.form_submit_button(t("setup.save"), type="primary", key="save_weights"):
            save(instruments, conditions, chosen, lim.open)

if lim.open:
    with steps[2].expander(t("lim.flipchart"), icon=":material/edit_note:"), \
            st.form("lim_flipchart", clear_on_submit=True):
        st.caption(t("lim.flipchart_explain"))
        group, people = flipchart.group_and_people(workshop, "lim")
        table = st.data_editor(
            pd.DataFrame([{"instrument": i.id, **dict.fromkeys(CRITERIA)} for i in lim.instruments]),
            hide_index=True, width="stretch", key="lim_flipchart_table", disabled=["instrument"],
            column_config={
                "instrument": st.column_config.SelectboxColumn(
                    t("lim.instrument"), options=[i.id for i in lim.instruments],
                    format_func=lambda i: label(lim.instrument(i).label, lang)),
                **{c: st.column_config.NumberColumn(t(f"lim.criterion.{c}"), min_value=1,
                                                    max_value=5, step=1) for c in CRITERIA}})
        if st.form_submit_button(t("lim.flipchart_send"), type="primary", key="lim_flipchart_send"):
            flipchart.record(workshop, "lim", group, people,
                             flipchart_scores(table.to_dict("records")))

weighting = steps[3].radio(t("results.weighting"), BASIC_WEIGHTINGS, horizontal=True,
                           key="lim_weighting", format_func=lambda w: t("weighting." + w),
                           help=t("results.weighting_help"))
try:
    result = workshop_incentive_results(workshop, weighting)
except EngineError as error:
    steps[3].error(error.message(lang))
    st.stop()

with steps[2]:
    st.markdown(f"**{t('lim.formula')}**")
    st.code(f"{result.formula.expression}\n{result.formula.normalisation}", language=None)
    st.caption(t("lim.formula_symbols"))

with steps[3]:
    name = {i.id: lim_charts.instrument_name(lim, i.id, lang, "table") for i in lim.instruments}
    st.caption(t("lim.voters_note", voters=result.voters, weighting=t("weighting." + weighting)))
    st.caption(lim_charts.formula_line(result))
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
            st.warning(t("lim.gated_line", instrument=lim_charts.instrument_name(
                lim, row.instrument, lang, "markdown"), conditions="; ".join(
                session.plain(label(c.text, lang)) for c in unmet if c.id in row.unmet_conditions)),
                icon=":material/block:")
        elif row.unranked == "no_scores":
            st.info(t("lim.unscored_line", instrument=lim_charts.instrument_name(
                lim, row.instrument, lang, "markdown")), icon=":material/hourglass_empty:")
    if result.bubbles:
        chart, key = st.columns([3, 1], vertical_alignment="center")
        chart.plotly_chart(lim_charts.bubble_figure(lim, result, lang), width="stretch",
                           theme=None, key="lim_bubbles")
        key.markdown("  \n".join(lim_charts.bubble_key(lim, result, lang)))
    st.subheader(t("lim.disagreement_heading"))
    lines = lim_charts.disagreement_lines(workshop, lim, result, lang)
    st.markdown("  \n".join(lines) if lines else t("lim.no_disagreement"))
    if result.disagreement:
        st.dataframe(pd.DataFrame([{
            t("lim.instrument"): name[d.instrument], t("lim.spread"): d.spread, t("lim.sd"): d.sd,
            **{lim_charts.group_name(workshop, g, lang): c for g, c in d.groups.items()}}
            for d in result.disagreement]).style.format(precision=2, na_rep=""),
            hide_index=True, width="stretch")
    if result.hidden_groups:
        st.info(t("results.hidden_groups", count=len(result.hidden_groups),
                  threshold=workshop.small_group_threshold), icon=":material/visibility_off:")
