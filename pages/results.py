"""Results: the ranking by every method, whose priorities they are, agreement, and the downloads."""

import io

import pandas as pd
import streamlit as st

from engine.errors import EngineError
from engine.excel import export_workbook
from engine.model import label
from engine.prioritise import AGGREGATIONS, BASIC_WEIGHTINGS, QUADRANTS, results
from engine.workshop_file import dump_workshop
from ui import charts, session

workshop = session.start_facilitator_page("results.page_title")
lang = session.lang()
t = session.t

st.title(t("results.heading"))
excel = io.BytesIO()
export_workbook(workshop, excel, lang)
left, right = st.columns(2)
left.download_button(t("results.download_excel"), excel.getvalue(), icon=":material/download:",
                     file_name=f"{workshop.code}-{workshop.date}.xlsx", type="primary",
                     mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
right.download_button(t("results.download_file"), dump_workshop(workshop), icon=":material/save:",
                      file_name=f"{workshop.code}-{workshop.date}.json", mime="application/json")
if not workshop.exercises:
    st.info(t("run.no_exercises"))
    st.stop()

exercise = workshop.exercise(st.selectbox(
    t("presenter.exercise"), [e.id for e in workshop.exercises],
    format_func=lambda e: label(workshop.exercise(e).title, lang), key="results_exercise"))
aggregation = st.segmented_control(
    t("results.aggregation"), AGGREGATIONS[exercise.method], required=True,
    default=AGGREGATIONS[exercise.method][0], key=f"results_aggregation_{exercise.method}",
    format_func=lambda a: t("aggregation." + a), help=t("results.aggregation_help"))
weightings = [*BASIC_WEIGHTINGS, *(["custom"] if exercise.group_weights else [])]
weighting = st.radio(t("results.weighting"), weightings, horizontal=True, key="results_weighting",
                     format_func=lambda w: t("weighting." + w), help=t("results.weighting_help"))
try:
    result = results(workshop, exercise.id, weighting, aggregation)
except EngineError as error:
    session.show_error(error)
    st.stop()


def item_name(item_id: str) -> str:
    item = exercise.item(item_id)
    return session.with_pictogram(item.pictogram, label(item.label, lang), target="table")


def item_markdown(item_id: str) -> str:
    item = exercise.item(item_id)
    return session.with_pictogram(item.pictogram, label(item.label, lang))


def group_name(group_id: str) -> str:
    group = workshop.group(group_id)
    return session.with_pictogram(group.pictogram, label(group.label, lang), target="table")


def measures(row) -> dict:
    """The method's own numbers for one item, under translated column names."""
    if exercise.method == "tokens":
        return {t("results.beans"): row.beans, t("results.share"): row.share}
    if exercise.method == "importance-urgency":
        return {t("vote.importance"): row.importance, t("vote.urgency"): row.urgency,
                t("results.score"): row.score, t("results.quadrant"): t("quadrant." + row.quadrant)
                if row.quadrant else None}
    if exercise.method == "matrix":
        return {**{label(c.label, lang): row.criteria[c.id] for c in exercise.criteria},
                t("results.weighted_total"): row.score}
    return {t("aggregation." + aggregation): row.score}


st.caption(charts.weighting_note(result))
if result.group_weights:
    st.caption(t("results.custom_weights", weights=", ".join(
        f"{group_name(g)} × {w:g}" for g, w in result.group_weights.items())))
st.dataframe(pd.DataFrame([{t("results.rank"): row.rank, t("results.item"): item_name(row.item),
                            **measures(row)} for row in result.items]),
             hide_index=True, width="stretch", column_config={
                 t("results.share"): st.column_config.ProgressColumn(
                     t("results.share"), format="percent", min_value=0, max_value=1)})
if result.agreement:
    st.info(charts.agreement_text(result.agreement), icon=":material/handshake:")
st.plotly_chart(charts.result_figure(exercise, result, lang), width="stretch", key="results_chart",
                theme=None)
if exercise.method == "importance-urgency":
    st.subheader(t("results.action_list"))
    for quadrant in QUADRANTS:  # act now, plan, respond quickly, monitor
        in_quadrant = [row for row in result.items if row.quadrant == quadrant]
        if in_quadrant:
            lines = [f"{row.rank}. {item_markdown(row.item)}" for row in in_quadrant]
            st.markdown(f"**{t('quadrant.' + quadrant)}**  \n" + "  \n".join(lines))

st.subheader(t("results.by_group"))
if result.groups:
    by_group = pd.DataFrame({group_name(g): {item_name(r.item): r.rank for r in rows}
                             for g, rows in result.groups.items()})
    st.dataframe(by_group, width="stretch")
    st.caption(t("results.by_group_caption"))
    agreements = {group_name(g): charts.agreement_text(a) for g, a in result.group_agreement.items()
                  if a is not None}
    if agreements:
        st.dataframe(pd.Series(agreements, name=t("results.agreement")), width="stretch")
if result.hidden_groups:
    st.info(t("results.hidden_groups", count=len(result.hidden_groups),
              threshold=workshop.small_group_threshold), icon=":material/visibility_off:")

if result.divergence:
    st.subheader(t("results.divergence"))
    st.caption(t("results.divergence_caption"))
    st.dataframe(pd.DataFrame([{
        t("results.group_a"): group_name(d.group_a), t("results.group_b"): group_name(d.group_b),
        t("results.tau"): d.kendall_tau, t("results.rho"): d.spearman_rho,
        t("results.most_apart"): "; ".join(f"{item_name(i)} ({a:g} / {b:g})"
                                           for i, a, b in d.differences)}
        for d in sorted(result.divergence, key=lambda d: d.kendall_tau if d.kendall_tau is not None
                        else 2)]), hide_index=True, width="stretch")

if result.pairwise:
    st.subheader(t("results.pairwise_matrix"))
    st.caption(t("results.pairwise_caption"))
    st.plotly_chart(charts.pairwise_heatmap(exercise, result, lang), width="stretch",
                    key="pairwise_heatmap", theme=None)
