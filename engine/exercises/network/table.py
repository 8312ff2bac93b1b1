"""The stakeholder map's analysis as aligned text (``python -m engine network FILE``)."""

from __future__ import annotations

from collections.abc import Callable

from engine.core.tables import aligned, whole
from engine.core.types import label
from engine.exercises.network.design import NetworkMap
from engine.methods.network import NetworkAnalysis, SignedLink

__all__ = ["network_table"]

TEXT_COLUMNS = ("actor", "kind", "role", "broker", "isolated", "quadrant")


def network_table(exercise_id: str, network: NetworkMap, found: NetworkAnalysis, lang: str
                  ) -> str:
    """The analysis as text: one row per actor (positions over all links, direction ignored),
    then the relationship layer's balance and blocks, then the rights holders no channel
    connects to a duty bearer."""
    def name(actor_id: str) -> str:
        return label(network.actor(actor_id).label, lang)

    scope = found.layers[-1]  # "all": every link, direction ignored
    brokers = {broker.actor: broker for broker in scope.brokers}
    isolated = set(found.isolated)
    quadrants = {row.actor: row.quadrant for row in found.stakeholders}
    header = ["actor", "kind", "role", "influence", "interest", "degree", "betweenness", "broker",
              "isolated", "quadrant"]
    rows = [[name(actor.id), actor.kind, actor.hrba_role, whole(actor.influence),
             whole(actor.interest), f"{position.degree:.2f}", f"{position.betweenness:.2f}",
             ("cut point" if brokers[actor.id].cut_point else "yes") if actor.id in brokers
             else "", "yes" if actor.id in isolated else "", quadrants[actor.id] or "-"]
            for actor, position in zip(network.actors, scope.actors)]
    lines = aligned(header, rows, TEXT_COLUMNS)
    counts = ", ".join(f"{layer} {count}" for layer, count in found.links.items())
    title = (f"{exercise_id}: {label(network.question, lang)} ({found.actors} actors; "
             f"links: {counts}; degree and betweenness over all links, direction ignored)")
    return "\n".join([title, *lines, "", *_balance_lines(found, name), *_reach_lines(found, name)])


def _balance_lines(found: NetworkAnalysis, name: Callable[[str], str]) -> list[str]:
    """Balance, the blocks (and the numbers of blocks tried), whether the split is perfectly
    balanced, and the links that break it."""
    balance, blocks = found.balance, found.blocks
    triangles = (f"{balance.balanced_triangles} of {balance.triangles} triangles balanced"
                 if balance.triangles else "no signed triangles")
    lines = [f"balance: {'balanced' if balance.balanced else 'not balanced'} "
             f"({balance.signed_links} signed links, {balance.neutral_links} neutral; {triangles}; "
             f"frustration {balance.frustration}{'' if balance.exact else ', best found'})"]
    if blocks.chosen == "automatic":
        tried = "; ".join(f"{trial.k} {'block' if trial.k == 1 else 'blocks'}: {trial.error}"
                          f"{'' if trial.exact else ' (best found)'}" for trial in blocks.tried)
        lines.append(f"blocks tried, with the links each breaks at best: {tried}; kept "
                     f"{blocks.k}, the fewest blocks that break the fewest links")
    split = f"{blocks.k} {'block' if blocks.k == 1 else 'blocks'}"
    if blocks.balanced:
        lines.append(f"blocks: {split}, perfectly balanced (no conflict inside a block, no "
                     f"synergy between blocks)")
    else:
        proof = "the fewest possible" if blocks.exact else "the fewest found, not proved the fewest"
        lines.append(f"blocks: no split into {split} is perfectly balanced; the best breaks "
                     f"{blocks.error} {'link' if blocks.error == 1 else 'links'} ({proof})")
    for index, block in enumerate(blocks.blocks, start=1):
        lines.append(f"block {index}: " + ", ".join(name(actor) for actor in block))
    if blocks.unplaced:
        lines.append("no signed link: " + ", ".join(name(actor) for actor in blocks.unplaced))
    frustrated = blocks.frustrated
    lines.append("frustrated links: " + ("; ".join(_signed(link, name) for link in frustrated)
                                          if frustrated else "none"))
    return lines


def _signed(link: SignedLink, name: Callable[[str], str]) -> str:
    where = "inside a block" if link.sign == "conflict" else "between blocks"
    return f"{name(link.source)} – {name(link.target)} ({link.sign} {where})"


def _reach_lines(found: NetworkAnalysis, name: Callable[[str], str]) -> list[str]:
    """The rights holders with no path to a duty bearer, and the layers searched."""
    reach = found.duty_bearer_reach
    layers = ", ".join(reach.layers)
    if not reach.duty_bearers:
        return [f"HRBA reach ({layers}): the map has no duty bearer"]
    unreached = ", ".join(name(actor) for actor in reach.unreached) or "none"
    return [f"HRBA reach ({layers}; conflicts not counted): rights holders with no path to a "
            f"duty bearer: {unreached}"]
