"""A prioritisation on the facilitator's pages and the projector: set-up, results, flipchart."""

from __future__ import annotations

import html
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import BaseModel

from engine.core.exercise import ExerciseKind, References
from engine.core.types import SCALE, label
from engine.exercises.prioritisation.design import METHODS, Prioritisation
from engine.exercises.prioritisation.results import ExerciseResult
from engine.exercises.prioritisation.setup import (criteria_from_rows, criterion_rows,
                                                   group_weights_from, item_rows,
                                                   items_from_rows, new_prioritisation)
from engine.methods.scales import QUADRANTS
from ui import flipchart as flipchart_form
from ui import session
from ui.exercises import Desk
from ui.projected import Bar, one_page, ranking_html
from ui.exercises.prioritisation.charts import (agreement_text, pairwise_heatmap, result_figure,
                                                weighting_note)
from ui.session import n, t, with_pictogram

SCALE_VALUES = list(range(SCALE[0], SCALE[1] + 1))


def new_design(spec: ExerciseKind, lang: str, references: References) -> Prioritisation:
    """The method of a new prioritisation (chosen in the add form), with the starter items."""
    method = st.selectbox(t("setup.method"), METHODS, format_func=lambda m: t("method." + m),
                          key="new_prioritisation_method")
    return new_prioritisation(method)


def design(desk: Desk) -> None:
    """The exercise's question, items, method's settings, criteria and custom group weights."""
    exercise = desk.exercise
    current: Prioritisation = exercise.design
    voted = bool(exercise.ballots)
    with st.form(desk.key("design"), enter_to_submit=False):
        question = session.label_inputs("setup.question_in", current.question,
                                        desk.key("question"))
        left, right = st.columns(2)
        beans = left.number_input(t("setup.beans"), min_value=1, step=1, value=current.beans,
                                  disabled=voted or current.method != "tokens")
        if voted:
            st.caption(t("setup.items_locked"))
        pairs = right.number_input(t("setup.pairs_per_person"), min_value=1, step=1,
                                   value=current.pairs_per_person,
                                   disabled=current.method != "pairwise")
        items_table = st.data_editor(
            pd.DataFrame(item_rows(current.items)), num_rows="dynamic", width="stretch",
            hide_index=True, key=desk.key("items"),
            column_config={"id": st.column_config.TextColumn(t("setup.id"), required=True),
                           **session.label_columns(),
                           "pictogram": st.column_config.TextColumn(t("setup.pictogram")),
                           "proposed_by": st.column_config.TextColumn(t("setup.proposed_by"),
                                                                      disabled=True)})
        criteria_table = None
        scale = current.matrix_scale
        if current.method == "matrix":
            st.markdown(f"**{t('setup.matrix_scale')}**")
            low, high, step = st.columns(3)
            lowest = low.number_input(t("setup.scale_minimum"), min_value=0, max_value=100,
                                      step=1, value=scale.minimum, disabled=voted)
            highest = high.number_input(t("setup.scale_maximum"), min_value=0, max_value=100,
                                        step=1, value=scale.maximum, disabled=voted)
            halves = step.toggle(t("setup.scale_halves"), value=scale.step != 1,
                                 disabled=voted)
            st.markdown(f"**{t('setup.criteria')}**")
            criteria_table = st.data_editor(
                pd.DataFrame(criterion_rows(current.criteria)), num_rows="dynamic",
                width="stretch", hide_index=True, key=desk.key("criteria"),
                column_config={"id": st.column_config.TextColumn(t("setup.id"), required=True),
                               **session.label_columns(),
                               "weight": st.column_config.NumberColumn(t("setup.weight"),
                                                                       min_value=0.1),
                               "lower_is_better": st.column_config.CheckboxColumn(
                                   t("vote.lower_is_better"))})
        st.markdown(f"**{t('setup.group_weights')}**")
        st.caption(t("setup.group_weights_help"))
        weights_table = st.data_editor(
            pd.DataFrame({"weight": {g.id: current.group_weights.get(g.id)
                                     for g in desk.workshop.groups}}),
            width="stretch", key=desk.key("weights"),
            disabled=exercise.status != "draft",  # fixed once voting opens
            column_config={"_index": st.column_config.TextColumn(t("setup.groups"), disabled=True),
                           "weight": st.column_config.NumberColumn(t("setup.weight"),
                                                                   min_value=0.1)})
        if st.form_submit_button(t("setup.save_exercise"), type="primary",
                                 key=desk.key("save_design")):
            def build() -> Prioritisation:
                changes: dict[str, Any] = {
                    "question": question or None, "beans": beans, "pairs_per_person": pairs,
                    "items": [i.model_dump() for i in items_from_rows(
                        session.records(items_table))],
                    "group_weights": group_weights_from(
                        {str(group): weight for group, weight in weights_table["weight"].items()})}
                if criteria_table is not None:
                    changes["criteria"] = [c.model_dump() for c in criteria_from_rows(
                        session.records(criteria_table))]
                    changes["matrix_scale"] = {"minimum": lowest, "maximum": highest,
                                               "step": 0.5 if halves else 1}
                return Prioritisation.model_validate({**current.model_dump(), **changes})

            desk.save(build)


def _item_name(desk: Desk, item_id: str, target: str = "table") -> str:
    item = desk.design.item(item_id)
    return with_pictogram(item.pictogram, label(item.label, desk.lang), target=target)


def _group_name(desk: Desk, group_id: str) -> str:
    group = desk.workshop.group(group_id)
    return with_pictogram(group.pictogram, label(group.label, desk.lang), target="table")


def _measures(desk: Desk, result: ExerciseResult, row: Any) -> dict[str, Any]:
    """The method's own numbers for one item, under translated column names."""
    design: Prioritisation = desk.design
    if design.method == "tokens":
        return {t("results.beans"): row.beans, t("results.share"): row.share}
    if design.method == "importance-urgency":
        return {t("vote.importance"): row.importance, t("vote.urgency"): row.urgency,
                t("results.score"): row.score,
                t("results.quadrant"): t("quadrant." + row.quadrant) if row.quadrant else None}
    if design.method == "matrix":
        return {**{label(c.label, desk.lang): row.criteria[c.id] for c in design.criteria},
                t("results.weighted_total", minimum=f"{design.matrix_scale.minimum:g}",
                  maximum=f"{design.matrix_scale.maximum:g}"): row.score}
    return {t("aggregation." + result.aggregation): row.score}


def results(desk: Desk, result: BaseModel) -> None:
    """The ranking with the method's numbers, agreement, the action list by quadrant, each
    group's ranking, where groups diverge, and the pairwise matrix."""
    assert isinstance(result, ExerciseResult)
    design: Prioritisation = desk.design
    st.caption(weighting_note(result))
    if result.group_weights:
        st.caption(t("results.custom_weights", weights=", ".join(
            f"{_group_name(desk, g)} × {w:g}" for g, w in result.group_weights.items())))
    st.dataframe(pd.DataFrame([{t("results.rank"): row.rank,
                                t("results.item"): _item_name(desk, row.item),
                                **_measures(desk, result, row)} for row in result.items]),
                 hide_index=True, width="stretch", column_config={
                     t("results.share"): st.column_config.ProgressColumn(
                         t("results.share"), format="percent", min_value=0, max_value=1)})
    if result.agreement:
        st.info(agreement_text(result.agreement), icon=":material/handshake:")
    st.plotly_chart(result_figure(design, result, desk.lang), width="stretch",
                    key=desk.key("results_chart"), theme=None)
    if design.method == "importance-urgency":
        st.subheader(t("results.action_list"), anchor=False)
        for quadrant in QUADRANTS:  # act now, plan, respond quickly, monitor
            in_quadrant = [row for row in result.items if row.quadrant == quadrant]
            if in_quadrant:
                lines = [f"{row.rank}. {_item_name(desk, row.item, 'markdown')}"
                         for row in in_quadrant]
                st.markdown(f"**{t('quadrant.' + quadrant)}**  \n" + "  \n".join(lines))

    st.subheader(t("results.by_group"), anchor=False)
    if result.groups:
        by_group = pd.DataFrame({_group_name(desk, g): {_item_name(desk, r.item): r.rank
                                                        for r in rows}
                                 for g, rows in result.groups.items()})
        # The items as a named column, not the index: a table's every column has a header.
        st.dataframe(by_group.rename_axis(t("results.item")).reset_index(), width="stretch",
                     hide_index=True)
        st.caption(t("results.by_group_caption"))
        agreements = {_group_name(desk, g): agreement_text(a)
                      for g, a in result.group_agreement.items() if a is not None}
        if agreements:
            st.dataframe(pd.DataFrame({t("results.group"): list(agreements),
                                       t("results.agreement"): list(agreements.values())}),
                         width="stretch", hide_index=True)
    if result.hidden_groups:
        st.info(n("results.hidden_groups", len(result.hidden_groups),
                  threshold=desk.workshop.small_group_threshold),
                icon=":material/visibility_off:")
    if result.divergence:
        st.subheader(t("results.divergence"), anchor=False)
        st.caption(t("results.divergence_caption"))
        st.dataframe(pd.DataFrame([{
            t("results.group_a"): _group_name(desk, d.group_a),
            t("results.group_b"): _group_name(desk, d.group_b),
            t("results.tau"): d.kendall_tau, t("results.rho"): d.spearman_rho,
            t("results.most_apart"): "; ".join(f"{_item_name(desk, i)} ({a:g} / {b:g})"
                                               for i, a, b in d.differences)}
            for d in sorted(result.divergence, key=lambda d: d.kendall_tau
                            if d.kendall_tau is not None else 2)]),
            hide_index=True, width="stretch")
    if result.pairwise:
        st.subheader(t("results.pairwise_matrix"), anchor=False)
        st.caption(t("results.pairwise_caption"))
        st.plotly_chart(pairwise_heatmap(design, result, desk.lang), width="stretch",
                        key=desk.key("pairwise_heatmap"), theme=None)


def presenter(desk: Desk, result: BaseModel) -> None:
    """The ranking as bars, the top first, a page at a time; before the first vote, a line
    saying the ranking will come (not every item ranked first)."""
    assert isinstance(result, ExerciseResult)
    if not result.voters:
        st.html(f'<div class="projected">{html.escape(t("presenter.no_votes"))}</div>')
        return
    floor = min([0.0] + [row.score for row in result.items])  # Bradley–Terry can be negative
    longest = max(row.score - floor for row in result.items) or 1.0
    bars = [Bar(f"{row.rank}.", _item_name(desk, row.item), (row.score - floor) / longest,
                _projected_text(result, row)) for row in result.items]
    st.html(ranking_html(one_page(bars, desk.key("page"))))


def _projected_text(result: ExerciseResult, row: Any) -> str:
    """The number after a bar: the share of the beans (or of the points), the quadrant."""
    if row.quadrant is not None:
        return t("quadrant." + row.quadrant)
    return t("presenter.share", share=round(100 * row.share)) if row.share is not None else ""


def flipchart(desk: Desk) -> None:
    """A group's flipchart for people without phones: their agreed beans, ratings, order or
    scores, entered as one proxy ballot standing for as many people as agreed it."""
    design: Prioritisation = desk.design
    if design.method == "pairwise":
        st.info(t("proxy.not_pairwise"))
        return
    tally = flipchart_form.who_agreed(desk)
    answer = PROXY_INPUTS[design.method](desk, tally.people)
    if st.button(t("proxy.record"), type="primary", disabled=answer is None,
                 key=desk.key("proxy_record")):
        flipchart_form.record(desk, tally, answer)


def _proxy_beans(desk: Desk, people: int) -> dict[str, Any]:
    """A number box per item: the beans counted on the flipchart (``beans`` × people)."""
    design: Prioritisation = desk.design
    budget = design.beans * people
    counts = {item.id: st.number_input(_item_name(desk, item.id, "markdown"), min_value=0, step=1,
                                       key=desk.key(f"proxy|{item.id}"))
              for item in design.items}
    st.caption(t("proxy.beans_total", placed=sum(counts.values()), budget=budget))
    return {"method": "tokens", "beans": {i: n for i, n in counts.items() if n}}


def _proxy_ratings(desk: Desk, people: int) -> dict[str, Any] | None:
    """Importance and urgency, 1–5, for every item."""
    design: Prioritisation = desk.design
    ratings: dict[str, dict[str, int]] = {}
    for item in design.items:
        left, right = st.columns(2)
        importance = left.segmented_control(
            f"{_item_name(desk, item.id, 'markdown')} · {t('vote.importance')}", SCALE_VALUES,
            key=desk.key(f"proxy|{item.id}|importance"))
        urgency = right.segmented_control(t("vote.urgency"), SCALE_VALUES,
                                          key=desk.key(f"proxy|{item.id}|urgency"))
        if importance is not None and urgency is not None:
            ratings[item.id] = {"importance": importance, "urgency": urgency}
    if len(ratings) < len(design.items):
        return None
    return {"method": "importance-urgency", "ratings": ratings}


def _proxy_ranking(desk: Desk, people: int) -> dict[str, Any] | None:
    """The flipchart's order, every item once."""
    design: Prioritisation = desk.design
    order = st.multiselect(t("proxy.order"), [i.id for i in design.items],
                           format_func=lambda i: _item_name(desk, i), key=desk.key("proxy_order"))
    return {"method": "ranking", "order": order} if len(order) == len(design.items) else None


def _proxy_scores(desk: Desk, people: int) -> dict[str, Any] | None:
    """Every item's score on every criterion."""
    design: Prioritisation = desk.design
    values = design.matrix_scale.points()
    scores: dict[str, dict[str, float]] = {}
    for item in design.items:
        for criterion in design.criteria:
            score = st.segmented_control(
                f"{_item_name(desk, item.id, 'markdown')} · {label(criterion.label, desk.lang)}",
                values, key=desk.key(f"proxy|{item.id}|{criterion.id}"))
            if score is not None:
                scores.setdefault(item.id, {})[criterion.id] = score
    complete = all(len(scores.get(i.id, {})) == len(design.criteria) for i in design.items)
    return {"method": "matrix", "scores": scores} if complete else None


PROXY_INPUTS = {"tokens": _proxy_beans, "importance-urgency": _proxy_ratings,
                "ranking": _proxy_ranking, "matrix": _proxy_scores}
