"""The stakeholder map as a plotly figure, readable at three metres.

Nodes are coloured by HRBA role and shaped by kind of actor, sized by influence (the Net-Map
"tower"); flows are drawn as lines styled by layer, relationships by sign: conflict dashed red,
synergy solid green, neutral dotted grey. Every style is also named in the legend, so colour is
never the only signal (Okabe–Ito palette).
"""

from __future__ import annotations

import plotly.graph_objects as go

from engine.core.types import label
from engine.exercises.network.design import NetworkMap
from ui.session import t, with_pictogram

ROLE_COLOURS = {"rights_holder": "#E69F00", "duty_bearer": "#0072B2", "other": "#999999"}
ROLE_SYMBOLS = {"rights_holder": "circle", "duty_bearer": "square", "other": "diamond"}
LAYER_STYLES = {
    "mineral": {"color": "#D55E00", "dash": "solid", "width": 3},
    "money": {"color": "#009E73", "dash": "solid", "width": 3},
    "information": {"color": "#56B4E9", "dash": "dot", "width": 2},
    "authority": {"color": "#0072B2", "dash": "dash", "width": 3},
}
SIGN_STYLES = {
    "conflict": {"color": "#CC3311", "dash": "dash", "width": 4},
    "synergy": {"color": "#009E73", "dash": "solid", "width": 4},
    "neutral": {"color": "#BBBBBB", "dash": "dot", "width": 2},
}


def network_figure(network: NetworkMap, positions: dict[str, tuple[float, float]], lang: str,
                   layers: list[str], font_size: int = 14) -> go.Figure:
    """The map with the chosen ``layers`` (flow layers and/or ``relationship``)."""
    figure = go.Figure()
    for layer in layers:
        styles = ({sign: SIGN_STYLES[sign] for sign in SIGN_STYLES} if layer == "relationship"
                  else {layer: LAYER_STYLES[layer]})
        for style_key, style in styles.items():
            links = [link for link in network.links if link.layer == layer
                     and (layer != "relationship" or link.sign == style_key)]
            if not links:
                continue
            xs, ys = [], []
            for link in links:
                (x0, y0), (x1, y1) = positions[link.source], positions[link.target]
                xs += [x0, x1, None]
                ys += [y0, y1, None]
            name = t(f"network.sign.{style_key}") if layer == "relationship" \
                else t(f"network.layer.{layer}")
            figure.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line=style, name=name,
                                        hoverinfo="skip"))
    for role in ROLE_COLOURS:
        actors = [a for a in network.actors if a.hrba_role == role]
        if not actors:
            continue
        figure.add_trace(go.Scatter(
            x=[positions[a.id][0] for a in actors], y=[positions[a.id][1] for a in actors],
            mode="markers+text", name=t(f"hrba.{role}"),
            marker={"size": [14 + 6 * (a.influence or 0) for a in actors],
                    "color": ROLE_COLOURS[role], "symbol": ROLE_SYMBOLS[role],
                    "line": {"color": "white", "width": 2}},
            text=[with_pictogram(None, label(a.label, lang), target="chart") for a in actors],
            textposition="top center", textfont={"size": font_size},
            hovertext=[f"{label(a.label, lang)} · {t('network.influence')}: "
                       f"{'—' if a.influence is None else a.influence}" for a in actors],
            hoverinfo="text", cliponaxis=False))
    figure.update_xaxes(visible=False)
    figure.update_yaxes(visible=False)
    figure.update_layout(height=820, plot_bgcolor="white", paper_bgcolor="white",
                         font={"size": font_size, "family": "Source Sans, sans-serif"},
                         margin={"l": 10, "r": 10, "t": 30, "b": 10},
                         legend={"orientation": "h", "y": -0.02})
    return figure
