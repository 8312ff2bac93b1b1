"""Results after (or during) voting: ranking, per-group rankings, and the downloads."""

import io

import pandas as pd
import streamlit as st

from engine.excel import export_workbook
from engine.model import label
from engine.prioritise import WEIGHTINGS, results
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
weighting = st.radio(t("results.weighting"), WEIGHTINGS, horizontal=True, key="results_weighting",
                     format_func=lambda w: t("weighting." + w), help=t("results.weighting_help"))
result = results(workshop, exercise.id, weighting)


def item_name(item_id: str) -> str:
    item = exercise.item(item_id)
    return session.with_pictogram(item.pictogram, label(item.label, lang))


table = pd.DataFrame([{
    t("results.rank"): row.rank, t("results.item"): item_name(row.item),
    **({t("results.beans"): row.beans, t("results.share"): row.share}
       if exercise.method == "tokens" else
       {t("vote.importance"): row.importance, t("vote.urgency"): row.urgency,
        t("results.score"): row.score, t("results.quadrant"): t("quadrant." + row.quadrant)}),
} for row in result.items])
st.dataframe(table, hide_index=True, width="stretch", column_config={
    t("results.share"): st.column_config.ProgressColumn(t("results.share"), format="percent",
                                                        min_value=0, max_value=1)})
st.plotly_chart(charts.result_figure(exercise, result, lang), width="stretch", key="results_chart", theme=None)

st.subheader(t("results.by_group"))
if result.groups:
    st.dataframe(pd.DataFrame(
        {label(workshop.group(g).label, lang): {item_name(r.item): r.rank for r in rows}
         for g, rows in result.groups.items()}), width="stretch")
    st.caption(t("results.by_group_caption"))
if result.hidden_groups:
    st.info(t("results.hidden_groups", count=len(result.hidden_groups),
              threshold=workshop.small_group_threshold), icon=":material/visibility_off:")
