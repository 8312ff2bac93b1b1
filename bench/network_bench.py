"""Speed of the Net-Map analyses, printed as figures (not a test: these machines are noisy).

    python bench/network_bench.py [--actors 500] [--links 2000] [--seed 1] [--repeat 3]

Builds a seeded random map (a stakeholder map's design: links spread evenly over the five
layers; relationship links half synergy, 30 % conflict, 20 % neutral) and prints the median
time of: validating the map; each centrality of each scope; brokers, isolated actors and the
duty-bearer reach; balance and the conflict-block search (k = 2 and the best k ≤ 4); informal
power; the stakeholder grids; aggregating 30 participants' influence votes; a fresh layout and
an incremental one (one actor added); and ``analyse`` as a whole.

Against networkx, the reference, on the same graphs: each scope's ``centrality()`` (what the
app shows: the four centralities, brokers, isolated actors) beside networkx's four centrality
functions alone, and the eigenvector centrality (found directly on an undirected scope) beside
networkx's power iteration, with the ratios ours / networkx.

On a busy machine numpy's BLAS threads fight for the cores and the eigenvector and layout
figures jump tenfold; ``OPENBLAS_NUM_THREADS=1`` gives steadier ones.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine.core.records import HRBA_ROLES
from engine.exercises.network.design import ACTOR_KINDS, Actor, Link, NetworkMap
from engine.methods import network as net
from engine.methods.network import (LAYERS, SCOPES, aggregate_influence, analyse, balance,
                                    brokers, centrality, duty_bearer_reach, informal_power,
                                    isolated_actors, layout, network_graph, signed_blocks,
                                    stakeholder_classes)

SIGN_WEIGHTS = {"synergy": 0.5, "conflict": 0.3, "neutral": 0.2}


def random_map_data(actors: int, links: int, seed: int) -> dict:
    """A valid map's data: ``actors`` actors and ``links`` distinct links, all seeded."""
    rng = random.Random(seed)
    ids = [f"actor-{i:04d}" for i in range(actors)]
    people = [{"id": i, "label": {"en": f"Actor {n}", "fr": f"Acteur {n}"},
               "kind": rng.choice(ACTOR_KINDS), "hrba_role": rng.choice(HRBA_ROLES),
               "influence": rng.randint(0, 5), "interest": rng.randint(0, 5),
               "legitimacy": rng.random() < 0.5, "urgency": rng.random() < 0.3}
              for n, i in enumerate(ids)]
    made, seen = [], set()
    while len(made) < links:
        source, target = rng.sample(ids, 2)
        layer = rng.choice(LAYERS)
        key = (layer, *sorted((source, target))) if layer == "relationship" else (
            layer, source, target)
        if key in seen:
            continue
        seen.add(key)
        link = {"source": source, "target": target, "layer": layer}
        if layer == "relationship":
            link["sign"] = rng.choices(list(SIGN_WEIGHTS), weights=list(SIGN_WEIGHTS.values()))[0]
        made.append(link)
    return {"question": {"en": "Benchmark"}, "actors": people, "links": made}


def median_seconds(action, repeat: int) -> float:
    """The median wall time of ``repeat`` runs of ``action()``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def networkx_eigenvector(graph: nx.Graph) -> dict[str, float] | None:
    """networkx's power iteration on the linked actors, as the engine's undirected case reads
    them; None if it does not converge."""
    linked = graph.subgraph(n for n in graph if graph.degree(n) > 0).to_undirected(as_view=True)
    try:
        return nx.eigenvector_centrality(linked, max_iter=net.EIGENVECTOR_ITERATIONS)
    except nx.PowerIterationFailedConvergence:
        return None


def against_networkx(network: NetworkMap, repeat: int) -> None:
    """Ours beside networkx on each scope's graph, with the ratios ours / networkx."""
    print(f"\n{'scope':<14}{'centrality()':>14}{'networkx x4':>13}{'ratio':>7}"
          f"{'eigenvector':>13}{'networkx':>10}{'ratio':>7}")
    for scope in SCOPES:
        graph = network_graph(network, scope)
        ours = median_seconds(lambda s=scope: centrality(network, s), repeat)
        theirs = median_seconds(lambda g=graph: (
            nx.degree_centrality(g), nx.betweenness_centrality(g), nx.closeness_centrality(g),
            networkx_eigenvector(g)), repeat)
        line = f"{scope:<14}{ours * 1000:>11.1f} ms{theirs * 1000:>10.1f} ms{ours / theirs:>7.2f}"
        if not graph.is_directed():
            mine = median_seconds(lambda g=graph: net._eigenvector(g), repeat)
            power = median_seconds(lambda g=graph: networkx_eigenvector(g), repeat)
            line += f"{mine * 1000:>10.1f} ms{power * 1000:>7.1f} ms{mine / power:>7.2f}"
        print(line, flush=True)
    print()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=500)
    parser.add_argument("--links", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)

    data = random_map_data(args.actors, args.links, args.seed)
    network = NetworkMap.model_validate(data)
    rng = random.Random(args.seed)
    votes = [(actor.id, rng.randint(0, 5)) for _ in range(30) for actor in network.actors]
    positions = layout(network, seed=args.seed)
    newcomer = Actor(id="newcomer", label={"en": "Newcomer"})
    grown = NetworkMap(question=network.question, actors=[*network.actors, newcomer],
                       links=[*network.links, Link(source="newcomer",
                                                   target=network.actors[0].id, layer="money")])

    rows: list[tuple[str, float]] = []

    def timed(name: str, action, counted: bool = True) -> None:
        """Time and print one row; ``counted`` rows add up to the sum (others repeat work)."""
        seconds = median_seconds(action, args.repeat)
        if counted:
            rows.append((name, seconds))
        print(f"{name:<40} {seconds * 1000:>10.1f} ms{'' if counted else '  (not summed)'}",
              flush=True)

    print(f"{args.actors} actors, {args.links} links, seed {args.seed}, "
          f"median of {args.repeat} run(s)")
    timed("validate the map", lambda: NetworkMap.model_validate(data))
    for scope in SCOPES:
        graph = network_graph(network, scope)
        timed(f"{scope}: graph", lambda s=scope: network_graph(network, s))
        timed(f"{scope}: degree", lambda g=graph: nx.degree_centrality(g))
        if graph.is_directed():
            timed(f"{scope}: in/out degree", lambda g=graph: (nx.in_degree_centrality(g),
                                                              nx.out_degree_centrality(g)))
        timed(f"{scope}: betweenness", lambda g=graph: nx.betweenness_centrality(g))
        timed(f"{scope}: closeness", lambda g=graph: nx.closeness_centrality(g))
        timed(f"{scope}: eigenvector", lambda g=graph: net._eigenvector(g))
        timed(f"{scope}: brokers (own betweenness)", lambda s=scope: brokers(network, s), False)
        timed(f"{scope}: centrality() as a whole", lambda s=scope: centrality(network, s), False)
    timed("isolated actors", lambda: isolated_actors(network))
    timed("duty-bearer reach", lambda: duty_bearer_reach(network))
    timed("balance (incl. best 2-partition)", lambda: balance(network))
    timed("blocks, k = 2", lambda: signed_blocks(network, 2))
    timed("blocks, best k <= 4", lambda: signed_blocks(network, None), False)
    timed("informal power", lambda: informal_power(network))
    timed("Mendelow + salience", lambda: stakeholder_classes(network))
    ids = [actor.id for actor in network.actors]
    timed(f"influence votes ({len(votes)})", lambda: aggregate_influence(votes, ids))
    timed("layout, fresh", lambda: layout(network, seed=args.seed))
    timed("layout, one actor added", lambda: layout(grown, positions, seed=args.seed), False)
    parts = sum(seconds for _, seconds in rows)
    print(f"{'sum of the summed rows':<40} {parts * 1000:>10.1f} ms")
    whole = median_seconds(lambda: analyse(network), args.repeat)
    print(f"{'analyse() as a whole':<40} {whole * 1000:>10.1f} ms")
    fresh = dict(rows)["layout, fresh"]
    print(f"{'total: analyse() + fresh layout':<40} {(whole + fresh) * 1000:>10.1f} ms")
    against_networkx(network, args.repeat)
    blocks = signed_blocks(network, 2)
    result = balance(network)
    print(f"relationship layer: {result.signed_links} signed links, {len(blocks.unplaced)} "
          f"actors unplaced; frustration {result.frustration} (exact: {result.exact}); "
          f"triangles {result.triangles}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
