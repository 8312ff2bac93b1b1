"""The stakeholder network map on screen (Net-Map; guide 1.1, 2.2, 3.3).

The design follows Net-Map's order: the question and the actors, the links one type at a time,
each actor's goal and influence; the results draw the map and say what the analysis finds.
Phones rate each actor's influence (0–5) and propose actors and links.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from pydantic import BaseModel

from engine.core import i18n, limits
from engine.core.records import HRBA_ROLES
from engine.core.types import label
from engine.exercises.network import MapResult
from engine.exercises.network.design import ACTOR_KINDS, NetworkMap
from engine.exercises.network.setup import actor_rows, link_rows, network_from_rows
from engine.methods.network import LAYERS, SIGNS, layout
from ui import session
from ui.charts import PROJECTOR_FONT
from ui.exercises import Desk, Phone, Screens
from ui.exercises.network.charts import network_figure
from ui.session import t

SENT = "✅"
LABELS = [f"label_{c}" for c in i18n.LANGUAGES]


# ---- the phone ---------------------------------------------------------------------------------

def phone(ctx: Phone) -> None:
    """Rate each actor's influence, and propose an actor or a link for the map."""
    _influence(ctx)
    with st.expander(t("vote.propose_to_map")):
        _propose(ctx)


def _influence(ctx: Phone) -> None:
    """Net-Map's influence towers from a phone: 0 (none) to 5 for each actor of the map."""
    network: NetworkMap = ctx.design
    state = ctx.state()
    if "scores" not in state:
        mine: dict[str, int] = {}
        for ballot in ctx.mine():
            mine.update(ballot.answer.influence)
        state["scores"] = mine
    st.caption(t("vote.influence_hint"))
    scores = {}
    for actor in network.actors:
        scores[actor.id] = st.segmented_control(
            session.plain(label(actor.label, ctx.lang)), list(range(6)),
            key=f"influence|{actor.id}", default=state["scores"].get(actor.id), width="stretch")
    rated = {actor: score for actor, score in scores.items() if score is not None}
    ctx.show_refusal()
    if state.get("sent") == rated:
        st.success(t("vote.influence_thanks"), icon=SENT)
    else:
        st.button(t("vote.influence_send"), type="primary", width="stretch", disabled=not rated,
                  key="influence_submit", on_click=_send, args=(ctx, rated))


def _send(ctx: Phone, rated: dict[str, int]) -> None:
    state = ctx.state()
    if ctx.send({"influence": rated}):
        state["scores"].update(rated)
        state["sent"] = rated
        ctx.finish()


def _propose(ctx: Phone) -> None:
    """Suggest an actor, or a link between two actors, for the facilitator to approve. Nothing
    is chosen for the participant: no actor, no kind of link, until they pick one."""
    network: NetworkMap = ctx.design
    actors = {a.id: label(a.label, ctx.lang) for a in network.actors}
    if ctx.revealed("propose_actor", t("vote.propose_actor_open")):
        with st.form("propose_actor", clear_on_submit=True, enter_to_submit=False):
            name = st.text_input(t("vote.propose_actor"), max_chars=limits.LABEL_CHARS,
                                 key="proposed_actor")
            if st.form_submit_button(t("vote.propose_send"), key="propose_actor_submit") \
                    and ctx.propose({"actor_label": name}):
                st.success(t("vote.proposal_sent"), icon=SENT)
            ctx.show_refusal()
    if not ctx.revealed("propose_link", t("vote.propose_link")):
        return
    with st.form("propose_link", clear_on_submit=True, enter_to_submit=False):
        source = st.selectbox(t("network.source"), list(actors), format_func=actors.__getitem__,
                              index=None, key="proposed_source")
        target = st.selectbox(t("network.target"), list(actors), format_func=actors.__getitem__,
                              index=None, key="proposed_target")
        layer = st.selectbox(t("network.layer"), LAYERS, index=None, key="proposed_layer",
                             format_func=lambda item: t(f"network.layer.{item}"))
        sign = st.selectbox(t("network.sign"), SIGNS, index=None, key="proposed_sign",
                            format_func=lambda item: t(f"network.sign.{item}"))
        if st.form_submit_button(t("vote.propose_send"), key="propose_link_submit"):
            link: dict[str, Any] = {"source": source, "target": target, "layer": layer}
            if layer == "relationship":
                link["sign"] = sign
            if ctx.propose({"link": link}):
                st.success(t("vote.proposal_sent"), icon=SENT)
            ctx.show_refusal()


# ---- the facilitator ---------------------------------------------------------------------------

def design(desk: Desk) -> None:
    """Net-Map's steps: the question and actors, the links, and each actor's influence."""
    network: NetworkMap = desk.design
    lang = desk.lang
    actors = actor_rows(network.actors)

    def save(question: dict[str, str], actor_table: list[dict[str, Any]],
             links: list[dict[str, Any]]) -> None:
        desk.save(lambda: network_from_rows(question, actor_table, links))

    steps = st.tabs([t("network.step_actors"), t("network.step_links"),
                     t("network.step_influence")])
    with steps[0], st.form(desk.key("network_actors"), enter_to_submit=False):
        question = session.label_inputs("network.question_in", network.question,
                                        desk.key("question"))
        table = st.data_editor(
            pd.DataFrame(actors, columns=["id", *LABELS, "kind", "hrba_role"]),
            num_rows="dynamic", width="stretch", hide_index=True, key=desk.key("actors_editor"),
            column_order=["id", *LABELS, "kind", "hrba_role"],
            column_config={
                "id": st.column_config.TextColumn(t("setup.id"), required=True),
                **session.label_columns(),
                "kind": st.column_config.SelectboxColumn(
                    t("network.kind"), options=ACTOR_KINDS,
                    format_func=lambda k: t(f"network.kind.{k}")),
                "hrba_role": st.column_config.SelectboxColumn(
                    t("setup.hrba_role"), options=HRBA_ROLES,
                    format_func=lambda r: t(f"hrba.{r}"))})
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_actors")):
            # The table shows only names and roles; keep each actor's other fields as they were.
            kept = {row["id"]: row for row in actors}
            rows = [{**kept.get(row["id"], {}), **row} for row in session.records(table)]
            save(question, rows, link_rows(network))

    actor_ids = [a.id for a in network.actors]
    with steps[1], st.form(desk.key("network_links"), enter_to_submit=False):
        st.caption(t("network.links_explain"))
        table = st.data_editor(
            pd.DataFrame(link_rows(network), columns=["source", "target", "layer", "sign", "note"]),
            num_rows="dynamic", width="stretch", hide_index=True, key=desk.key("links_editor"),
            column_config={
                "source": st.column_config.SelectboxColumn(
                    t("network.source"), options=actor_ids, required=True,
                    format_func=lambda a: label(network.actor(str(a)).label, lang)),
                "target": st.column_config.SelectboxColumn(
                    t("network.target"), options=actor_ids, required=True,
                    format_func=lambda a: label(network.actor(str(a)).label, lang)),
                "layer": st.column_config.SelectboxColumn(
                    t("network.layer"), options=LAYERS, required=True,
                    format_func=lambda layer: t(f"network.layer.{layer}")),
                "sign": st.column_config.SelectboxColumn(
                    t("network.sign"), options=SIGNS,
                    format_func=lambda s: t(f"network.sign.{s}")),
                "note": st.column_config.TextColumn(t("network.note"))})
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_links")):
            save(network.question, actor_rows(network.actors), session.records(table))

    with steps[2]:
        _influence_step(desk, network, save)


def _influence_step(desk: Desk, network: NetworkMap, save: Any) -> None:
    """The phones' influence scores (median and spread), the button that adopts their medians,
    and each actor's goal, influence, interest and salience, typed in."""
    lang = desk.lang
    found = session.live(desk.code).result(desk.exercise.id)
    assert isinstance(found, MapResult)
    summary = [s for s in found.analysis.influence or [] if s.votes]
    if summary:
        st.markdown(f"**{t('network.phone_scores')}**")
        st.dataframe(pd.DataFrame([{
            t("network.actor"): label(network.actor(s.actor).label, lang),
            t("network.votes"): s.votes, t("network.median"): s.median,
            t("network.spread"): f"{s.q1:g}–{s.q3:g}"} for s in summary]),
            hide_index=True, width="stretch")
        if st.button(t("network.use_medians"), key=desk.key("use_medians")):
            towers = found.influence_towers()
            rows = [{**row, "influence": towers.get(row["id"], row["influence"])}
                    for row in actor_rows(network.actors)]
            save(network.question, rows, link_rows(network))
    with st.form(desk.key("network_influence"), enter_to_submit=False):
        st.caption(t("network.influence_explain"))
        table = st.data_editor(
            pd.DataFrame(actor_rows(network.actors)), width="stretch", hide_index=True,
            key=desk.key("influence_editor"), disabled=["id", *LABELS],
            column_order=["id", f"label_{lang if lang in i18n.LANGUAGES else 'en'}", "goal",
                          "influence", "interest", "power", "legitimacy", "urgency"],
            column_config={
                "goal": st.column_config.TextColumn(t("network.goal")),
                "influence": st.column_config.NumberColumn(t("network.influence"), min_value=0,
                                                           max_value=5, step=1),
                "interest": st.column_config.NumberColumn(t("network.interest"), min_value=0,
                                                          max_value=5, step=1),
                "power": st.column_config.CheckboxColumn(t("network.power")),
                "legitimacy": st.column_config.CheckboxColumn(t("network.legitimacy")),
                "urgency": st.column_config.CheckboxColumn(t("network.urgency"))})
        if st.form_submit_button(t("setup.save"), type="primary", key=desk.key("save_influence")):
            save(network.question, session.records(table), link_rows(network))


def _figure(desk: Desk, layers: list[str], font_size: int) -> Any:
    """The map, actors kept where the room last saw them (only new actors are placed)."""
    network: NetworkMap = desk.design
    key = desk.key("positions")
    positions = layout(network, st.session_state.get(key), seed=0)
    st.session_state[key] = positions
    return network_figure(network, positions, desk.lang, layers, font_size)


def results(desk: Desk, result: BaseModel) -> None:
    """The map, and what the analysis finds: brokers, isolated actors, blocks, the grid."""
    assert isinstance(result, MapResult)
    network: NetworkMap = desk.design
    analysis = result.analysis
    lang = desk.lang
    shown_layers = st.pills(t("network.layers_shown"), LAYERS, selection_mode="multi",
                            default=list(LAYERS), key=desk.key("network_layers"),
                            format_func=lambda layer: t(f"network.layer.{layer}"))
    figure = _figure(desk, list(shown_layers or []), 14)
    st.plotly_chart(figure, width="stretch", theme=None, key=desk.key("network_figure"))
    st.download_button(t("network.download_html"), figure.to_html(include_plotlyjs=True),
                       file_name=f"{desk.code}-{desk.exercise.id}.html", mime="text/html",
                       icon=":material/download:")
    name = {a.id: session.with_pictogram(None, label(a.label, lang), target="table")
            for a in network.actors}
    all_links = next(layer for layer in analysis.layers if layer.scope == "all")
    st.subheader(t("network.findings"), anchor=False)
    findings = [
        (t("network.brokers"), [name[b.actor] for b in all_links.brokers]),
        (t("network.unreached"), [name[a] for a in analysis.duty_bearer_reach.unreached]),
        (t("network.isolated"), [name[a] for a in analysis.isolated]),
        (t("network.informal_power"), [name[g.actor] for g in analysis.informal_power.actors]),
    ]
    for heading, actors_found in findings:
        st.markdown(f"**{heading}**: " + (session.plain(", ".join(actors_found)) if actors_found
                                           else t("network.none")))
    balance = analysis.balance
    st.markdown(t("network.balance_text", balanced=t("network.yes") if balance.balanced
                  else t("network.no"), balanced_triangles=balance.balanced_triangles,
                  triangles=balance.triangles, frustrated=len(balance.frustrated)))
    if analysis.blocks.blocks:
        st.markdown(f"**{t('network.blocks')}**: " + " | ".join(
            session.plain(", ".join(name[a] for a in block))
            for block in analysis.blocks.blocks if block))
    st.dataframe(pd.DataFrame([{
        t("network.actor"): name[c.actor], t("network.degree"): c.degree,
        t("network.betweenness"): c.betweenness, t("network.closeness"): c.closeness,
        t("network.eigenvector"): c.eigenvector} for c in all_links.actors]),
        hide_index=True, width="stretch")
    st.subheader(t("network.grid"), anchor=False)
    st.dataframe(pd.DataFrame([{
        t("network.actor"): name[s.actor], t("network.power_score"): s.power,
        t("network.interest"): s.interest,
        t("network.quadrant"): t(f"network.quadrant.{s.quadrant}") if s.quadrant else "",
        t("network.salience"): t(f"network.salience.{s.salience}") if s.salience else ""}
        for s in analysis.stakeholders]), hide_index=True, width="stretch")


def presenter(desk: Desk, result: BaseModel) -> None:
    """The whole map, every layer, as the projector shows it."""
    figure = _figure(desk, list(LAYERS), PROJECTOR_FONT).update_layout(height=None)
    st.plotly_chart(figure, width="stretch", height="stretch", config={"displayModeBar": False},
                    key="live_network", theme=None)


SCREENS = Screens(kind="network", phone=phone, presenter=presenter, design=design,
                  results=results)
