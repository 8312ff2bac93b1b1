"""The stakeholder map's sheets of the workbook: actors, links and the power-interest grid.

**Actors**: one row per actor (kind, HRBA role, influence, interest, every centrality over all
links and over the flows, broker, isolated, Mendelow quadrant and salience class). **Links**: one
row per link. **Power-interest grid**: Mendelow's four quadrants with their actors. See
docs/network.md.
"""

from __future__ import annotations

from openpyxl.worksheet.worksheet import Worksheet

from engine.core import i18n
from engine.core.exercise import Exercise
from engine.core.records import Room
from engine.core.sheets import HEADING, NOTE, Book, CellValue, line, put, row, yes_no
from engine.core.types import label
from engine.exercises.network.design import NetworkMap
from engine.methods.network import LayerAnalysis, NetworkAnalysis, Scope, analyse

__all__ = ["network_sheets"]

# The Actors sheet: the scopes whose positions it gives, and each scope's measures.
ACTOR_SCOPES: dict[Scope, tuple[str, ...]] = {
    "all": ("links", "degree", "betweenness", "closeness", "eigenvector"),
    "flows": ("links", "degree", "in_degree", "out_degree", "betweenness", "closeness",
              "eigenvector")}
METRIC_FORMAT = "0.000"
# The power-interest grid as drawn: power high on top, interest high on the right.
GRID = (("high", ("keep_satisfied", "manage_closely")), ("low", ("monitor", "keep_informed")))


def network_sheets(book: Book, exercise: Exercise, room: Room) -> None:
    """The map's actors, links and power-interest grid."""
    network: NetworkMap = exercise.design
    found = analyse(network)
    _actors_sheet(book.sheet(book.t("excel.sheet.actors")), network, found, book.lang)
    _links_sheet(book.sheet(book.t("excel.sheet.links")), network, book.lang)
    _grid_sheet(book.sheet(book.t("excel.sheet.grid")), network, found, book.lang)


def _broker_text(scope: LayerAnalysis, actor_id: str, lang: str) -> str:
    """Whether the actor is a broker in ``scope``: no, yes, or a cut point (a gatekeeper)."""
    broker = next((b for b in scope.brokers if b.actor == actor_id), None)
    if broker is None:
        return yes_no(False, lang)
    return i18n.t("excel.network.cut_point" if broker.cut_point else "excel.yes", lang)


def _actors_sheet(sheet: Worksheet, network: NetworkMap, found: NetworkAnalysis,
                  lang: str) -> None:
    """One row per actor: who it is, what participants said, and its position in the map."""
    at = line(sheet, 1, label(network.question, lang), HEADING)
    at = line(sheet, at, i18n.t("excel.network.actors_note", lang), NOTE) + 1
    scopes = {layer.scope: layer for layer in found.layers if layer.scope in ACTOR_SCOPES}
    header = [i18n.t(f"excel.col.{key}", lang)
              for key in ("actor", "kind", "hrba_role", "influence", "interest")]
    header += [i18n.t("excel.col.metric_in", lang, metric=i18n.t(f"excel.metric.{metric}", lang),
                      scope=i18n.t(f"excel.scope.{scope}", lang))
               for scope, metrics in ACTOR_SCOPES.items() for metric in metrics]
    header += [i18n.t("excel.col.broker_in", lang, scope=i18n.t(f"excel.scope.{scope}", lang))
               for scope in ACTOR_SCOPES]
    header += [i18n.t(f"excel.col.{key}", lang) for key in ("isolated", "mendelow", "salience")]
    at = row(sheet, at, header, bold=True)
    sheet.freeze_panes = f"B{at}"
    classes = {item.actor: item for item in found.stakeholders}
    isolated = set(found.isolated)
    for index, actor in enumerate(network.actors):
        values: list[CellValue] = [label(actor.label, lang),
                                   i18n.t(f"excel.kind.{actor.kind}", lang),
                                   i18n.t(f"hrba.{actor.hrba_role}", lang), actor.influence,
                                   actor.interest]
        ratios = []  # the columns of normalised measures (not link counts), shown to 3 decimals
        for scope, metrics in ACTOR_SCOPES.items():
            position = scopes[scope].actors[index]
            for metric in metrics:
                values.append(getattr(position, metric))
                if metric != "links":
                    ratios.append(len(values))
        values += [_broker_text(scopes[scope], actor.id, lang) for scope in ACTOR_SCOPES]
        stakeholder = classes[actor.id]
        values += [yes_no(actor.id in isolated, lang),
                   i18n.t(f"excel.mendelow.{stakeholder.quadrant}", lang)
                   if stakeholder.quadrant else None,
                   i18n.t(f"excel.salience.{stakeholder.salience}", lang)
                   if stakeholder.salience else None]
        row(sheet, at, values)
        for column in ratios:
            sheet.cell(row=at, column=column).number_format = METRIC_FORMAT
        at += 1


def _links_sheet(sheet: Worksheet, network: NetworkMap, lang: str) -> None:
    """One row per link, in the map's order: its ends, layer, sign and note."""
    row(sheet, 1, [i18n.t(f"excel.col.{key}", lang)
                   for key in ("source", "target", "layer", "sign", "link_note")], bold=True)
    sheet.freeze_panes = "A2"
    for at, link in enumerate(network.links, start=2):
        row(sheet, at, [label(network.actor(link.source).label, lang),
                        label(network.actor(link.target).label, lang),
                        i18n.t(f"excel.layer.{link.layer}", lang),
                        i18n.t(f"excel.sign.{link.sign}", lang) if link.sign else None,
                        link.note or None])
    sheet.auto_filter.ref = sheet.dimensions


def _grid_sheet(sheet: Worksheet, network: NetworkMap, found: NetworkAnalysis,
                lang: str) -> None:
    """Mendelow's power-interest grid: high power on top, high interest on the right, each
    quadrant's actors listed under its name; then the actors without both scores."""
    at = line(sheet, 1, i18n.t("excel.grid.title", lang), HEADING)
    at = line(sheet, at, i18n.t("excel.grid.note", lang), NOTE) + 1
    sheet.freeze_panes = f"A{at}"
    by_quadrant: dict[str | None, list[str]] = {}
    for item in found.stakeholders:
        by_quadrant.setdefault(item.quadrant, []).append(
            label(network.actor(item.actor).label, lang))
    for power, quadrants in GRID:
        put(sheet, at, 1, i18n.t(f"excel.grid.power_{power}", lang), bold=True)
        for column, quadrant in enumerate(quadrants, start=2):
            put(sheet, at, column, i18n.t(f"excel.mendelow.{quadrant}", lang), bold=True)
            for offset, name in enumerate(by_quadrant.get(quadrant, []), start=1):
                put(sheet, at + offset, column, name)
        at += 1 + max(len(by_quadrant.get(quadrant, [])) for quadrant in quadrants) + 1
    row(sheet, at, [None, *(i18n.t(f"excel.grid.interest_{level}", lang)
                            for level in ("low", "high"))], bold=True)
    unplaced = by_quadrant.get(None, [])
    if unplaced:
        at += 2
        put(sheet, at, 1, i18n.t("excel.grid.unplaced", lang), bold=True)
        for offset, name in enumerate(unplaced):
            put(sheet, at + offset, 2, name)
