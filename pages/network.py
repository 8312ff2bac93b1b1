"""The stakeholder network map (Net-Map, guide 1.1, 2.2, 3.3): build it with the room, analyse it.

The steps follow Net-Map's order: the question, the actors, the links one type at a time, each
actor's goal and influence, then the map and what the analysis finds.
"""

import pandas as pd
import streamlit as st

from engine import i18n
from engine.errors import EngineError
from engine.model import HRBA_ROLES, label
from engine.network import ACTOR_KINDS, LAYERS, SIGNS, STARTER_ACTORS, analyse, layout
from engine.setup import actor_rows, link_rows, network_from_rows, revise
from ui import session
from ui.network_chart import network_figure

workshop = session.start_facilitator_page("network.page_title")
store = session.store()
lang = session.lang()
t = session.t
network = workshop.network

st.title(t("network.heading"))
st.caption(t("network.explain"))


def save(question: dict, actors: list[dict], links: list[dict]) -> None:
    """Validate the whole map and store it with the workshop; nothing half-saved."""
    try:
        mapped = network_from_rows(question, actors, links)
        store.save_setup(revise(workshop.settings(), network=mapped),
                         [e.definition() for e in workshop.exercises])
    except EngineError as error:
        session.show_error(error)
    else:
        st.toast(t("setup.saved"), icon=":material/check:")
        st.rerun()



actors = actor_rows(network.actors if network else [])
question = dict(network.question) if network else {}
steps = st.tabs([t("network.step_actors"), t("network.step_links"), t("network.step_influence"),
                 t("network.step_map")])

with steps[0], st.form("network_actors"):
    left, right = st.columns(2)
    question_en = left.text_input(t("network.question_in", language="English"),
                                  question.get("en", ""))
    question_fr = right.text_input(t("network.question_in", language="Français"),
                                   question.get("fr", ""))
    starter = not actors and st.checkbox(t("network.use_starter"), value=True)
    table = st.data_editor(
        pd.DataFrame(actors or actor_rows(STARTER_ACTORS if starter else []),
                     columns=["id", *[f"label_{c}" for c in i18n.LANGUAGES], "kind", "hrba_role"]),
        num_rows="dynamic", width="stretch", hide_index=True, key="actors_editor",
        column_order=["id", *[f"label_{c}" for c in i18n.LANGUAGES], "kind", "hrba_role"],
        column_config={
            "id": st.column_config.TextColumn(t("setup.id"), required=True),
            **session.label_columns(),
            "kind": st.column_config.SelectboxColumn(t("network.kind"), options=ACTOR_KINDS,
                                                     format_func=lambda k: t(f"network.kind.{k}")),
            "hrba_role": st.column_config.SelectboxColumn(t("setup.hrba_role"), options=HRBA_ROLES,
                                                          format_func=lambda r: t(f"hrba.{r}"))})
    if st.form_submit_button(t("setup.save"), type="primary", key="save_actors"):
        # The table shows only names and roles; keep each actor's other fields as they were.
        kept = {row["id"]: row for row in actors}
        rows = [{**kept.get(row["id"], {}), **row} for row in table.to_dict("records")]
        save({k: v for k, v in {"en": question_en, "fr": question_fr}.items() if v.strip()},
             rows, link_rows(network))

if network is None:
    st.stop()

actor_ids = [a.id for a in network.actors]
with steps[1], st.form("network_links"):
    st.caption(t("network.links_explain"))
    table = st.data_editor(
        pd.DataFrame(link_rows(network), columns=["source", "target", "layer", "sign", "note"]),
        num_rows="dynamic", width="stretch", hide_index=True, key="links_editor",
        column_config={
            "source": st.column_config.SelectboxColumn(
                t("network.source"), options=actor_ids, required=True,
                format_func=lambda a: label(network.actor(a).label, lang)),
            "target": st.column_config.SelectboxColumn(
                t("network.target"), options=actor_ids, required=True,
                format_func=lambda a: label(network.actor(a).label, lang)),
            "layer": st.column_config.SelectboxColumn(
                t("network.layer"), options=LAYERS, required=True,
                format_func=lambda layer: t(f"network.layer.{layer}")),
            "sign": st.column_config.SelectboxColumn(
                t("network.sign"), options=SIGNS, format_func=lambda s: t(f"network.sign.{s}")),
            "note": st.column_config.TextColumn(t("network.note"))})
    if st.form_submit_button(t("setup.save"), type="primary", key="save_links"):
        save(network.question, actor_rows(network.actors), table.to_dict("records"))

if workshop.network_proposals:
    st.subheader(t("proposals.heading"))
    for proposal in workshop.network_proposals:
        if proposal.actor is not None:
            what = t("network.proposed_actor", actor=session.plain(label(proposal.actor.label, lang)))
        else:
            link = proposal.link
            what = t("network.proposed_link", source=label(network.actor(link.source).label, lang),
                     target=label(network.actor(link.target).label, lang),
                     layer=t(f"network.sign.{link.sign}") if link.sign
                     else t(f"network.layer.{link.layer}"))
        with st.container(border=True, horizontal=True, vertical_alignment="center",
                          horizontal_alignment="distribute"):
            st.markdown(t("network.proposal_line", what=what,
                          group=label(workshop.group(proposal.proposed_by).label, lang)))
            for approve, text, icon in ((True, "proposals.approve", ":material/check:"),
                                        (False, "proposals.reject", ":material/close:")):
                if st.button(t(text), key=f"review_network|{proposal.id}|{approve}", icon=icon):
                    try:
                        store.review_network_proposal(workshop.code, proposal.id, approve)
                    except EngineError as error:
                        session.show_error(error)
                    else:
                        st.rerun()

with steps[2]:
    session.open_to_phones_toggle(t("network.open_to_phones"), workshop.code, "network",
                                  workshop.network_open)
    summary = [s for s in workshop.influence_summary() if s.votes]
    if summary:
        st.markdown(f"**{t('network.phone_scores')}**")
        st.dataframe(pd.DataFrame([{
            t("network.actor"): label(network.actor(s.actor).label, lang),
            t("network.votes"): s.votes, t("network.median"): s.median,
            t("network.spread"): f"{s.q1:g}–{s.q3:g}"} for s in summary]),
            hide_index=True, width="stretch")
        if st.button(t("network.use_medians"), key="use_medians"):
            medians = workshop.influence_towers()
            rows = [{**row, "influence": medians.get(row["id"], row["influence"])}
                    for row in actor_rows(network.actors)]
            save(network.question, rows, link_rows(network))

with steps[2], st.form("network_influence"):
    st.caption(t("network.influence_explain"))
    table = st.data_editor(
        pd.DataFrame(actor_rows(network.actors)), width="stretch", hide_index=True,
        key="influence_editor", disabled=["id", *[f"label_{c}" for c in i18n.LANGUAGES]],
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
    if st.form_submit_button(t("setup.save"), type="primary", key="save_influence"):
        save(network.question, table.to_dict("records"), link_rows(network))

with steps[3]:
    shown_layers = st.pills(t("network.layers_shown"), LAYERS, selection_mode="multi",
                            default=list(LAYERS), key="network_layers",
                            format_func=lambda layer: t(f"network.layer.{layer}"))
    # Keep actors where the room last saw them: only new actors are placed.
    positions = layout(network, st.session_state.get("network_positions"), seed=0)
    st.session_state["network_positions"] = positions
    figure = network_figure(network, positions, lang, shown_layers or [])
    st.plotly_chart(figure, width="stretch", theme=None, key="network_figure")
    st.download_button(t("network.download_html"), figure.to_html(include_plotlyjs=True),
                       file_name=f"{workshop.code}-network.html", mime="text/html",
                       icon=":material/download:")
    analysis = analyse(network)
    name = {a.id: session.with_pictogram(None, label(a.label, lang), target="table")
            for a in network.actors}
    all_links = next(layer for layer in analysis.layers if layer.scope == "all")
    st.subheader(t("network.findings"))
    findings = [
        (t("network.brokers"), [name[b.actor] for b in all_links.brokers]),
        (t("network.unreached"), [name[a] for a in analysis.duty_bearer_reach.unreached]),
        (t("network.isolated"), [name[a] for a in analysis.isolated]),
        (t("network.informal_power"), [name[g.actor] for g in analysis.informal_power.actors]),
    ]
    for heading, actors_found in findings:
        st.markdown(f"**{heading}**: " + (", ".join(actors_found) if actors_found
                                           else t("network.none")))
    balance = analysis.balance
    st.markdown(t("network.balance_text", balanced=t("network.yes") if balance.balanced
                  else t("network.no"), balanced_triangles=balance.balanced_triangles,
                  triangles=balance.triangles, frustrated=len(balance.frustrated)))
    if analysis.blocks.blocks:
        st.markdown(f"**{t('network.blocks')}**: " + " | ".join(
            ", ".join(name[a] for a in block) for block in analysis.blocks.blocks if block))
    st.dataframe(pd.DataFrame([{
        t("network.actor"): name[c.actor], t("network.degree"): c.degree,
        t("network.betweenness"): c.betweenness, t("network.closeness"): c.closeness,
        t("network.eigenvector"): c.eigenvector} for c in all_links.actors]),
        hide_index=True, width="stretch")
    st.subheader(t("network.grid"))
    st.dataframe(pd.DataFrame([{
        t("network.actor"): name[s.actor], t("network.power_score"): s.power,
        t("network.interest"): s.interest,
        t("network.quadrant"): t(f"network.quadrant.{s.quadrant}") if s.quadrant else "",
        t("network.salience"): t(f"network.salience.{s.salience}") if s.salience else ""}
        for s in analysis.stakeholders]), hide_index=True, width="stretch")
