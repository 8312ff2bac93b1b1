"""Network measures of a Net-Map: what the structure of actors, flows and relationships shows.

The guide (sections 1.1, 2.2 and 3.3) asks a CSO to map the whole ASM system — diggers, women
crushers, buyers, exporters, chiefs, government agencies, protected-area managers, large-scale
miners, farmers and herders — as rights holders and duty bearers, with the flows of minerals,
money, information and authority between them. Workshops do this as a Net-Map (Schiffer & Hauck
2010): actors on cards, one colour of arrow per kind of link, an influence tower of 0–5 per actor.

The analyses read any map whose actors and links have the attributes of ``Actor`` and ``Link``
(the stakeholder-map exercise's models do; ``plain_map`` builds one for examples and tests):
they know nothing of workshops.

Conventions
-----------
- A map has five *layers*. Four are flows and directed: ``mineral``, ``money``, ``information``
  and ``authority`` (an arrow from who sends, pays, tells or commands to who receives). The fifth,
  ``relationship``, is undirected and signed: ``synergy`` (+), ``conflict`` (−) or ``neutral``.
- Measures are computed per *scope*: one layer, ``flows`` (the four flow layers merged into one
  directed graph: a→b if any flow goes from a to b) or ``all`` (every link, direction ignored).
  Parallel links are merged: the graphs are simple and unweighted.
- Centralities are normalised as networkx normalises them, so they can be checked against it.
- Everything returned is a plain pydantic model: ``model_dump(mode="json")`` is the JSON the
  command line prints. Actors are always listed in the map's order; ties keep that order.
- Functions that search (blocks, layout) take a ``seed``: the same map and seed give the same
  answer.

References
----------
.. [1] Schiffer, E. & Hauck, J. (2010). Net-Map: collecting social network data and facilitating
   network learning through participatory influence network mapping. Field Methods 22(3),
   231–249. https://doi.org/10.1177/1525822X10374798
"""

from __future__ import annotations

import math
import numbers
import random
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal, Protocol

import networkx as nx
import numpy as np
from pydantic import BaseModel, Field

__all__ = [
    # the map
    "FLOW_LAYERS", "LAYERS", "SIGNS", "SCOPES", "INFLUENCE", "CLAIM_LAYERS",
    "MENDELOW_QUADRANTS", "SALIENCE_CLASSES", "SALIENCE_GROUPS", "Actor", "Link", "Map",
    "NetworkError", "PlainActor", "PlainLink", "PlainMap", "plain_map",
    # results
    "ActorCentrality", "Broker", "LayerAnalysis", "DutyBearerReach", "SignedLink", "Balance",
    "BlockTrial", "BlockPartition", "RankGap", "InformalPower", "StakeholderClass",
    "InfluenceSummary", "NetworkAnalysis",
    # analyses
    "network_graph", "centrality", "brokers", "isolated_actors", "duty_bearer_reach", "balance",
    "signed_blocks", "informal_power", "mendelow_quadrant", "salience", "stakeholder_classes",
    "aggregate_influence", "layout", "analyse",
]

Layer = Literal["mineral", "money", "information", "authority", "relationship"]
Scope = Literal["mineral", "money", "information", "authority", "flows", "relationship", "all"]
Sign = Literal["conflict", "neutral", "synergy"]
Measure = Literal["degree", "betweenness", "closeness", "eigenvector"]
Position = tuple[float, float]

FLOW_LAYERS: tuple[Layer, ...] = ("mineral", "money", "information", "authority")
LAYERS: tuple[Layer, ...] = (*FLOW_LAYERS, "relationship")
SIGNS: tuple[Sign, ...] = ("conflict", "neutral", "synergy")
SCOPES: tuple[Scope, ...] = (*FLOW_LAYERS, "flows", "relationship", "all")
INFLUENCE = (0, 5)  # an influence tower (and an interest score) is 0 (none) … 5 (very high)
MIDPOINT = (INFLUENCE[0] + INFLUENCE[1]) / 2  # 2.5: strictly above is "high" (Mendelow grid)
MENDELOW_QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")
SALIENCE_CLASSES = ("dormant", "discretionary", "demanding", "dominant", "dangerous", "dependent",
                    "definitive", "non_stakeholder")
SALIENCE_GROUPS = ("latent", "expectant", "definitive", "non_stakeholder")
# The channels a rights claim travels.
CLAIM_LAYERS: tuple[Layer, ...] = ("information", "authority", "relationship")
MAX_BLOCKS = 4
EXACT_LIMIT = 16        # signed actors up to which blocks are searched exhaustively
SEARCH_BUDGET = 200_000  # branch-and-bound nodes before an "exact" search gives up
EIGENVECTOR_ITERATIONS = 1000


class NetworkError(ValueError):
    """A request the analyses cannot answer (an unknown scope, a bad vote), as a catalogue key
    and its parameters, for the caller to say in the reader's language."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


# ------------------------------------------------------------------------------------------------
# What the analyses read: any map whose actors and links have these attributes


class Actor(Protocol):
    """An actor as the analyses read it: its id, its HRBA role, its influence tower and interest
    (0–5, or None) and the three salience attributes (ticked, not, or None)."""

    @property
    def id(self) -> str: ...
    @property
    def hrba_role(self) -> str: ...
    @property
    def influence(self) -> int | None: ...
    @property
    def interest(self) -> int | None: ...
    @property
    def power(self) -> bool | None: ...
    @property
    def legitimacy(self) -> bool | None: ...
    @property
    def urgency(self) -> bool | None: ...


class Link(Protocol):
    """A link as the analyses read it: its ends, its layer and (relationships only) its sign."""

    @property
    def source(self) -> str: ...
    @property
    def target(self) -> str: ...
    @property
    def layer(self) -> str: ...
    @property
    def sign(self) -> str | None: ...


class Map(Protocol):
    """A map as the analyses read it: its actors and links, in order."""

    @property
    def actors(self) -> Sequence[Actor]: ...
    @property
    def links(self) -> Sequence[Link]: ...


@dataclass(frozen=True)
class PlainActor:
    """The simplest ``Actor``: for examples, tests and callers without a map model."""

    id: str
    hrba_role: str = "other"
    influence: int | None = None
    interest: int | None = None
    power: bool | None = None
    legitimacy: bool | None = None
    urgency: bool | None = None


@dataclass(frozen=True)
class PlainLink:
    """The simplest ``Link``."""

    source: str
    target: str
    layer: str
    sign: str | None = None


@dataclass(frozen=True)
class PlainMap:
    """The simplest ``Map``."""

    actors: Sequence[PlainActor] = field(default_factory=tuple)
    links: Sequence[PlainLink] = field(default_factory=tuple)


def plain_map(actors: Iterable[str], links: Iterable[tuple[str, str, str, str | None]],
              roles: Mapping[str, str] | None = None) -> PlainMap:
    """A map from actor ids (with their HRBA roles, ``other`` if not given) and
    ``(source, target, layer, sign)`` links: ``plain_map("ab", [("a", "b", "money", None)])``."""
    roles = roles or {}
    return PlainMap(tuple(PlainActor(a, roles.get(a, "other")) for a in actors),
                    tuple(PlainLink(*link) for link in links))


# ------------------------------------------------------------------------------------------------
# Results


class ActorCentrality(BaseModel):
    """One actor's position in one scope. Directed scopes have in/out degree; others ``None``."""

    actor: str
    links: int = Field(description="Links in the scope's simple graph (in + out when directed).")
    degree: float
    in_degree: float | None = None
    out_degree: float | None = None
    betweenness: float
    closeness: float
    eigenvector: float


class Broker(BaseModel):
    """An actor many shortest paths pass through; ``cut_point`` if removing it splits the map."""

    actor: str
    betweenness: float
    cut_point: bool


class LayerAnalysis(BaseModel):
    """Centralities, brokers and isolated actors of one scope."""

    scope: Scope
    directed: bool
    links: int
    density: float
    eigenvector_on: Literal["directed", "undirected"]
    actors: list[ActorCentrality]
    brokers: list[Broker]
    isolated: list[str]


class DutyBearerReach(BaseModel):
    """Which rights holders have a channel to a duty bearer, and through whom.

    ``paths`` gives, for each rights holder that has one, a shortest path from it to its nearest
    duty bearer (ending at the duty bearer); ``unreached`` lists those with none.
    """

    layers: list[Layer]
    include_conflict: bool
    duty_bearers: list[str]
    unreached: list[str]
    paths: dict[str, list[str]]


class SignedLink(BaseModel):
    """A relationship link with a sign: its position in the map's links and its ends."""

    index: int
    source: str
    target: str
    sign: Literal["conflict", "synergy"]


class BlockTrial(BaseModel):
    """One number of blocks tried: the least error found with at most ``k`` blocks, and whether
    the search proved that no partition into at most ``k`` blocks does better."""

    k: int
    error: int
    exact: bool


class BlockPartition(BaseModel):
    """Actors with signed links split into at most ``k`` blocks (Doreian & Mrvar 1996).

    ``error`` = ``negative_inside`` + ``positive_between``: the links that break balance, which
    ``frustrated`` lists. ``balanced`` is true when no link does (``error`` 0); otherwise no
    partition into ``k`` blocks is perfectly balanced, and ``error`` is the smallest number of
    broken links found. ``exact`` says the search proved no partition has a lower error.
    ``unplaced`` are actors without any conflict or synergy link, who belong to no block.
    ``chosen`` is ``"given"`` when ``k`` was asked for, ``"automatic"`` when it was chosen from
    ``tried`` (each number of blocks tried, with its least error: its frustration).
    """

    k: int
    blocks: list[list[str]]
    error: int
    negative_inside: int
    positive_between: int
    frustrated: list[SignedLink]
    exact: bool
    unplaced: list[str]
    balanced: bool
    chosen: Literal["given", "automatic"]
    tried: list[BlockTrial]


class Balance(BaseModel):
    """Structural balance of the relationship layer (Cartwright & Harary 1956).

    ``camps`` are the two camps when the map is balanced (else empty). ``frustration`` is the
    line index of balance: the fewest links whose sign must change to make it balanced, and
    ``frustrated`` one such set, from the best two-block partition found.
    """

    signed_links: int
    neutral_links: int
    balanced: bool
    camps: list[list[str]]
    triangles: int
    balanced_triangles: int
    triangle_balance: float | None
    frustration: int
    frustrated: list[SignedLink]
    exact: bool


class RankGap(BaseModel):
    """An actor whose rated influence and structural position disagree.

    Ranks are 1 = highest; tied actors share the mean of their ranks. ``gap`` is the centrality
    rank minus the influence rank: positive when rated more influential than its position shows.
    """

    actor: str
    influence: int
    influence_rank: float
    centrality: float
    centrality_rank: float
    gap: float
    direction: Literal["influence_exceeds_position", "position_exceeds_influence"]


class InformalPower(BaseModel):
    """Rated influence against a centrality: the agreement overall, and the actors far apart."""

    measure: Measure
    scope: Scope
    threshold: float
    rated: int
    spearman: float | None
    actors: list[RankGap]


class StakeholderClass(BaseModel):
    """An actor on the Mendelow grid and in the Mitchell–Agle–Wood salience typology."""

    actor: str
    power: int | None
    interest: int | None
    quadrant: str | None
    salience: str | None
    salience_group: str | None


class InfluenceSummary(BaseModel):
    """Participants' influence votes for one actor: median and interquartile range."""

    actor: str
    votes: int
    median: float | None
    q1: float | None
    q3: float | None
    iqr: float | None


class NetworkAnalysis(BaseModel):
    """Everything the app and ``python -m engine network`` show about one map."""

    question: dict[str, str]
    actors: int
    links: dict[str, int]
    layers: list[LayerAnalysis]
    isolated: list[str]
    duty_bearer_reach: DutyBearerReach
    balance: Balance
    blocks: BlockPartition
    informal_power: InformalPower
    stakeholders: list[StakeholderClass]
    influence: list[InfluenceSummary] | None = None


# ------------------------------------------------------------------------------------------------
# Graphs and centralities


def _check_scope(scope: str) -> None:
    if scope not in SCOPES:
        raise NetworkError("network.unknown_scope", scope=scope, scopes=", ".join(SCOPES))


def network_graph(network: Map, scope: Scope = "flows") -> nx.Graph[str]:
    """The map's graph for one scope: every actor a node, every link of the scope an edge.

    Flow layers and ``flows`` give a ``DiGraph``; ``relationship`` and ``all`` a ``Graph``.
    Parallel links (the same pair in several flow layers) become one edge.

    Raises
    ------
    NetworkError
        ``network.unknown_scope`` for a scope not in ``SCOPES``.
    """
    _check_scope(scope)
    directed = scope in FLOW_LAYERS or scope == "flows"
    if scope == "flows":
        layers = set(FLOW_LAYERS)
    elif scope == "all":
        layers = set(LAYERS)
    else:
        layers = {scope}
    graph: nx.Graph[str] = nx.DiGraph() if directed else nx.Graph()
    graph.add_nodes_from(actor.id for actor in network.actors)
    graph.add_edges_from((link.source, link.target) for link in network.links
                         if link.layer in layers)
    return graph


def centrality(network: Map, scope: Scope = "flows", *, broker_threshold: float = 0.1,
               broker_top: int | None = None) -> LayerAnalysis:
    """Degree, betweenness, closeness and eigenvector centrality of every actor in one scope.

    Parameters
    ----------
    network : Map
        Any map: its actors and links (see ``Map``).
    scope : str, default "flows"
        One of ``SCOPES``.
    broker_threshold, broker_top
        Passed to the broker rule (see ``brokers``).

    Returns
    -------
    LayerAnalysis
        One ``ActorCentrality`` per actor, in the map's order, plus brokers and isolated actors.

    Raises
    ------
    NetworkError
        ``network.unknown_scope``; ``network.no_convergence`` if the directed eigenvector's
        power iteration does not converge in 1000 steps (it is shifted, so it does on
        strongly connected maps).

    Notes
    -----
    All values are networkx's, with its normalisation:

    - degree: links / (n − 1); in directed scopes in + out, so it can exceed 1; in- and
      out-degree likewise. A map of one actor scores 0 (networkx says 1).
    - betweenness (Brandes 2001): the share of shortest paths between other pairs that pass
      through the actor, over (n − 1)(n − 2) ordered pairs when directed, half that otherwise.
    - closeness (Freeman 1978) with the Wasserman–Faust correction for unreachable actors. In a
      directed scope networkx measures *incoming* distance: how easily the others reach the
      actor (who is told, who is paid), not how easily it reaches them.
    - eigenvector (Bonacich 1972), Euclidean norm 1, computed among actors with at least one
      link (isolated actors score 0). The directed version (in-links, like networkx) is only
      well-defined when every linked actor can reach every other along the arrows (strongly
      connected); otherwise — most Net-Maps, whose minerals flow one way — it is computed on
      the undirected version. ``eigenvector_on`` says which was used. On the undirected version
      the value networkx's power iteration converges to is computed directly (an eigen-
      decomposition), which is also fast on maps of separate groups. As with networkx, on a map
      of separate groups only the group with the largest leading eigenvalue scores above 0.

    References
    ----------
    .. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality. Journal of
       Mathematical Sociology 25(2), 163–177. https://doi.org/10.1080/0022250X.2001.9990249
    .. [2] Freeman, L. C. (1978). Centrality in social networks: conceptual clarification.
       Social Networks 1(3), 215–239. https://doi.org/10.1016/0378-8733(78)90021-7
    .. [3] Bonacich, P. (1972). Factoring and weighting approaches to status scores and clique
       identification. Journal of Mathematical Sociology 2(1), 113–120.
       https://doi.org/10.1080/0022250X.1972.9989806

    Examples
    --------
    In a path a → b → c, only b lies between two others, on one of the two ordered pairs'
    paths:

    >>> m = plain_map("abc", [("a", "b", "money", None), ("b", "c", "money", None)])
    >>> [a.betweenness for a in centrality(m, "money").actors]
    [0.0, 0.5, 0.0]
    """
    graph = network_graph(network, scope)
    directed = graph.is_directed()
    degree = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    if directed and len(graph) > 1:
        in_degree = nx.in_degree_centrality(graph)
        out_degree = nx.out_degree_centrality(graph)
    else:
        in_degree = out_degree = dict.fromkeys(graph, 0.0)
    between = nx.betweenness_centrality(graph)
    closeness = nx.closeness_centrality(graph)
    eigenvector, eigenvector_on = _eigenvector(graph)
    rows = [ActorCentrality(
        actor=node, links=graph.degree(node), degree=degree[node],
        in_degree=in_degree[node] if directed else None,
        out_degree=out_degree[node] if directed else None,
        betweenness=between[node], closeness=closeness[node], eigenvector=eigenvector[node])
        for node in graph]
    return LayerAnalysis(
        scope=scope, directed=directed, links=graph.number_of_edges(), density=nx.density(graph),
        eigenvector_on=eigenvector_on, actors=rows,
        brokers=_brokers(graph, between, broker_threshold, broker_top),
        isolated=[node for node in graph if graph.degree(node) == 0])


def _eigenvector(graph: nx.Graph[str]
                 ) -> tuple[dict[str, float], Literal["directed", "undirected"]]:
    """Eigenvector centrality among linked actors, directed only when strongly connected."""
    scores = dict.fromkeys(graph, 0.0)
    linked = graph.subgraph(node for node in graph if graph.degree(node) > 0)
    directed = (isinstance(linked, nx.DiGraph) and len(linked) > 1
                and nx.is_strongly_connected(linked))
    if len(linked) == 0:
        return scores, "directed" if graph.is_directed() else "undirected"
    if directed:
        try:
            scores.update(nx.eigenvector_centrality(linked, max_iter=EIGENVECTOR_ITERATIONS))
        except nx.PowerIterationFailedConvergence:
            raise NetworkError("network.no_convergence", measure="eigenvector",
                               iterations=EIGENVECTOR_ITERATIONS) from None
        return scores, "directed"
    scores.update(_symmetric_eigenvector(linked.to_undirected(as_view=True)))
    return scores, "undirected"


def _symmetric_eigenvector(graph: nx.Graph[str]) -> dict[str, float]:
    """Where networkx's power iteration converges on an undirected graph, found directly.

    networkx iterates x ← (A + I)x from the all-ones vector; on a symmetric A that converges to
    the all-ones vector's projection onto the eigenspace of A's largest eigenvalue (the shift
    makes that eigenvalue strictly the largest in size), normalised. That eigenspace is spanned
    by the leading eigenvectors of the connected groups whose own largest eigenvalue is the
    overall one; each group's is found by an eigendecomposition of its own. On a map split into
    groups with similar leading eigenvalues the iteration crawls (seconds at 500 actors); this
    gives the same answer at once.
    """
    nodes = list(graph)
    position = {node: i for i, node in enumerate(nodes)}
    # weight=None: every link counts 1 (networkx documents None; types-networkx allows str only).
    adjacency = nx.to_numpy_array(graph, nodelist=nodes, weight=None)  # type: ignore[call-overload]
    groups = []
    for component in nx.connected_components(graph):
        rows = np.array(sorted(position[node] for node in component))
        if len(rows) == 2:  # one link: eigenvalue 1, both ends equal
            groups.append((1.0, rows, np.full(2, 0.5 ** 0.5)))
            continue
        values, vectors = np.linalg.eigh(adjacency[np.ix_(rows, rows)])
        groups.append((float(values[-1]), rows, np.abs(vectors[:, -1])))  # connected: simple
    top = max(value for value, _, _ in groups)
    x = np.zeros(len(nodes))
    for value, rows, leading in groups:
        if value >= top - 1e-9 * max(1.0, top):
            x[rows] = leading * leading.sum()  # the all-ones vector's projection on it
    x /= np.linalg.norm(x)
    return {node: float(value) for node, value in zip(nodes, x)}


def brokers(network: Map, scope: Scope = "flows", threshold: float = 0.1,
            top: int | None = None) -> list[Broker]:
    """Actors that sit between others: normalised betweenness at least ``threshold``.

    Parameters
    ----------
    network : Map
        Any map: its actors and links (see ``Map``).
    scope : str, default "flows"
    threshold : float, default 0.1
        The least normalised betweenness (Brandes 2001) of a broker: 0.1 means at least one in
        ten shortest paths between other actors passes through it. Zero never qualifies.
    top : int, optional
        Keep at most this many, the highest first.

    Returns
    -------
    list of Broker
        Highest betweenness first (ties in the map's order). ``cut_point`` is true when the
        actor is an articulation point of the scope's undirected graph: without it, some actors
        would have no link at all to others — a gatekeeper, not just a short cut.

    References
    ----------
    .. [1] Brandes, U. (2001). https://doi.org/10.1080/0022250X.2001.9990249

    Examples
    --------
    Two triangles sharing one actor (a bow-tie): every path from one side to the other goes
    through the knot, and it alone is a broker.

    >>> m = plain_map("abkcd", [(s, t, "relationship", "synergy")
    ...                         for s, t in ("ab", "ak", "bk", "kc", "kd", "cd")])
    >>> [(b.actor, round(b.betweenness, 3), b.cut_point) for b in brokers(m, "relationship")]
    [('k', 0.667, True)]
    """
    graph = network_graph(network, scope)
    return _brokers(graph, nx.betweenness_centrality(graph), threshold, top)


def _brokers(graph: nx.Graph[str], between: dict[str, float], threshold: float,
             top: int | None) -> list[Broker]:
    order = {node: index for index, node in enumerate(graph)}
    chosen = sorted((node for node in graph if between[node] > 0 and between[node] >= threshold),
                    key=lambda node: (-between[node], order[node]))
    if top is not None:
        chosen = chosen[:top]
    cuts = set(nx.articulation_points(graph.to_undirected(as_view=True))) if chosen else set()
    return [Broker(actor=node, betweenness=between[node], cut_point=node in cuts)
            for node in chosen]


def isolated_actors(network: Map, scope: Scope | None = None) -> list[str]:
    """Actors with no link in ``scope``; with ``scope=None``, no link of any kind at all."""
    graph = network_graph(network, "all" if scope is None else scope)
    return [node for node in graph if graph.degree(node) == 0]


# ------------------------------------------------------------------------------------------------
# Human-rights-based approach: can rights holders reach a duty bearer?


def duty_bearer_reach(network: Map, layers: Sequence[Layer] = CLAIM_LAYERS,
                      include_conflict: bool = False) -> DutyBearerReach:
    """Which rights holders have no channel, direct or through others, to any duty bearer.

    In a human-rights-based approach (guide 2.1.1) rights holders must be able to *claim* their
    rights from duty bearers. A claim needs a channel; this finds who has none.

    Parameters
    ----------
    network : Map
        Any map: its actors and links (see ``Map``).
    layers : sequence of str, default ("information", "authority", "relationship")
        The layers a claim can travel along. Mineral and money flows are left out by default:
        selling gold to someone, or paying them, is not a way of claiming a right.
    include_conflict : bool, default False
        Whether a ``conflict`` relationship counts as a channel. By default it does not: an
        open dispute is contact, but not a channel through which a claim is heard.

    Returns
    -------
    DutyBearerReach

    Notes
    -----
    A path may pass through intermediaries (diggers → chief → local government): in ASM, claims
    often travel that way, and the path shows who holds the door. Direction is ignored: an
    arrow records who sends, and a channel carries words both ways (a rights holder can answer
    the extension officer who visits). Only ``rights_holder`` actors are checked; if the map has
    no duty bearer at all, every rights holder is unreached.
    """
    for layer in layers:
        if layer not in LAYERS:
            raise NetworkError("network.unknown_scope", scope=layer, scopes=", ".join(LAYERS))
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(actor.id for actor in network.actors)
    graph.add_edges_from(
        (link.source, link.target) for link in network.links
        if link.layer in layers and (include_conflict or link.sign != "conflict"))
    bearers = [actor.id for actor in network.actors if actor.hrba_role == "duty_bearer"]
    holders = [actor.id for actor in network.actors if actor.hrba_role == "rights_holder"]
    found = nx.multi_source_dijkstra_path(graph, bearers) if bearers else {}
    return DutyBearerReach(
        layers=list(layers), include_conflict=include_conflict, duty_bearers=bearers,
        unreached=[actor for actor in holders if actor not in found],
        paths={actor: found[actor][::-1] for actor in holders if actor in found})


# ------------------------------------------------------------------------------------------------
# Signed relationships: balance and conflict blocks


class _Signed:
    """The relationship layer as a signed graph over the actors that have a signed link."""

    def __init__(self, network: Map) -> None:
        self.links = [(index, link) for index, link in enumerate(network.links)
                      if link.layer == "relationship" and link.sign != "neutral"]
        self.neutral = sum(1 for link in network.links
                           if link.layer == "relationship" and link.sign == "neutral")
        involved = {end for _, link in self.links for end in (link.source, link.target)}
        self.actors = [actor.id for actor in network.actors if actor.id in involved]
        self.unplaced = [actor.id for actor in network.actors if actor.id not in involved]
        position = {actor: i for i, actor in enumerate(self.actors)}
        self.edges = [(position[link.source], position[link.target],
                       1 if link.sign == "synergy" else -1) for _, link in self.links]
        self.adjacency: list[list[tuple[int, int]]] = [[] for _ in self.actors]
        for u, v, sign in self.edges:
            self.adjacency[u].append((v, sign))
            self.adjacency[v].append((u, sign))

    def cost(self, assign: Sequence[int]) -> tuple[int, int]:
        """(negative links inside blocks, positive links between blocks)."""
        inside = sum(1 for u, v, s in self.edges if s < 0 and assign[u] == assign[v])
        between = sum(1 for u, v, s in self.edges if s > 0 and assign[u] != assign[v])
        return inside, between

    def frustrated(self, assign: Sequence[int]) -> list[SignedLink]:
        return [SignedLink(index=index, source=link.source, target=link.target,
                           sign="synergy" if s > 0 else "conflict")
                for (index, link), (u, v, s) in zip(self.links, self.edges)
                if (s < 0) == (assign[u] == assign[v])]

    def two_colouring(self) -> list[int] | None:
        """A balanced split (Harary 1953) by breadth-first colouring, or None if there is none.

        Each connected part's first actor (in the map's order) goes to camp 0.
        """
        colour = [-1] * len(self.actors)
        for start in range(len(self.actors)):
            if colour[start] >= 0:
                continue
            colour[start] = 0
            queue = [start]
            for u in queue:
                for v, sign in self.adjacency[u]:
                    want = colour[u] if sign > 0 else 1 - colour[u]
                    if colour[v] < 0:
                        colour[v] = want
                        queue.append(v)
                    elif colour[v] != want:
                        return None
        return colour

    def triangles(self) -> tuple[int, int]:
        """(triangles of signed links, those among them with an even number of conflicts)."""
        signs = {}
        neighbours: list[set[int]] = [set() for _ in self.actors]
        for u, v, s in self.edges:
            signs[(u, v)] = signs[(v, u)] = s
            neighbours[u].add(v)
            neighbours[v].add(u)
        total = balanced = 0
        for u, v, s in self.edges:
            a, b = min(u, v), max(u, v)
            for w in neighbours[a] & neighbours[b]:
                if w > b:
                    total += 1
                    balanced += s * signs[(a, w)] * signs[(b, w)] > 0
        return total, balanced


def balance(network: Map, seed: int = 0) -> Balance:
    """Is the relationship layer structurally balanced, and how far from it is it?

    Synergy links are positive, conflict links negative; **neutral links are treated as absent**
    (no tie), and so are actors without a signed link.

    Parameters
    ----------
    network : Map
        Any map: its actors and links (see ``Map``).
    seed : int, default 0
        Seeds the local search used above ``EXACT_LIMIT`` signed actors.

    Returns
    -------
    Balance

    Notes
    -----
    A signed graph is balanced when its actors split into two camps (one may be empty) with
    only synergy inside each and only conflict between them; equivalently, every cycle has an
    even number of conflicts (Cartwright & Harary 1956). With several unconnected groups the
    split is not unique: each group's side is arbitrary (its first actor goes to the first camp).

    ``triangle_balance`` is the share of triangles of signed links whose product of signs is
    positive (+++ or +−−), ``None`` with no triangle. ``frustration`` is the line index of
    balance (Harary 1959): the fewest links that, flipped, would leave the map balanced — the
    error of the best two-block partition (see ``signed_blocks``); ``frustrated`` are those
    links. Several sets of links can be equally small: one is shown.

    References
    ----------
    .. [1] Cartwright, D. & Harary, F. (1956). Structural balance: a generalization of Heider's
       theory. Psychological Review 63(5), 277–293. https://doi.org/10.1037/h0046049
    .. [2] Harary, F. (1953). On the notion of balance of a signed graph. Michigan Mathematical
       Journal 2(2), 143–146. https://doi.org/10.1307/mmj/1028989917

    Examples
    --------
    Two friends who both fight a third are balanced; if they fought each other, they would not.

    >>> m = plain_map("abc", [("a", "b", "relationship", "synergy"),
    ...                       ("a", "c", "relationship", "conflict"),
    ...                       ("b", "c", "relationship", "conflict")])
    >>> result = balance(m)
    >>> result.balanced, result.camps
    (True, [['a', 'b'], ['c']])
    """
    signed = _Signed(network)
    total, balanced_total = signed.triangles()
    colouring = signed.two_colouring()
    if colouring is not None:
        camps = [[actor for actor, camp in zip(signed.actors, colouring) if camp == side]
                 for side in (0, 1)]
        frustration, frustrated, exact = 0, [], True
    else:
        camps = []
        assign, exact = _best_partition(signed, 2, seed)
        frustrated = signed.frustrated(assign)
        frustration = len(frustrated)
    return Balance(signed_links=len(signed.edges), neutral_links=signed.neutral,
                   balanced=colouring is not None, camps=camps, triangles=total,
                   balanced_triangles=balanced_total,
                   triangle_balance=balanced_total / total if total else None,
                   frustration=frustration, frustrated=frustrated, exact=exact)


def signed_blocks(network: Map, k: int | None = 2, seed: int = 0,
                  restarts: int = 20) -> BlockPartition:
    """Split the actors with signed links into blocks with conflict between and synergy within.

    Parameters
    ----------
    network : Map
        Any map: its actors and links (see ``Map``).
    k : int or None, default 2
        At most this many blocks (1–4; blocks may stay empty). ``None`` tries 1 to 4 and keeps
        the fewest blocks that reach the lowest error (a further block is worth it only if it
        breaks fewer links); ``tried`` reports each one's error.
    seed : int, default 0
        Seeds the random starts of the local search.
    restarts : int, default 20
        Random starts of the local search.

    Returns
    -------
    BlockPartition
        Blocks in the order of their first actor in the map, members in the map's order.

    Raises
    ------
    NetworkError
        ``network.bad_blocks`` for ``k`` outside 1–4.

    Notes
    -----
    The criterion is Doreian & Mrvar's (1996) with equal weights: the number of conflict links
    inside blocks plus synergy links between blocks. Neutral links are absent.

    The least error for a number of blocks is the map's *frustration* for it; with two blocks
    it is the line index of balance (Harary 1959). A partition with error 0 is perfectly
    balanced (two blocks: Cartwright & Harary 1956; more: clusterable, Davis 1967).

    Up to ``EXACT_LIMIT`` (16) actors with signed links, a branch-and-bound search over all
    partitions (each actor in turn placed in each block, the blocks' order fixed so no partition
    is visited twice, a branch dropped when its links so far plus each remaining actor's least
    cost against the placed ones cannot beat the best) proves the optimum; it starts from the
    local search's answer and gives up after ``SEARCH_BUDGET`` steps (``exact`` is then false).
    Beyond that, only the local search runs: from the balance colouring and ``restarts`` seeded
    random starts, move single actors to the block that lowers the error most, and when no move
    helps, swap two linked actors in different blocks (the Kernighan–Lin move: swapping unlinked
    actors never helps once no single move does), until neither helps. A partition with a single
    broken link is proved the best at any size when no partition can have none: with two
    blocks, when the balance colouring fails; with more, when a conflict joins two actors that a
    chain of synergies also joins (they cannot be in different blocks without breaking a synergy).

    References
    ----------
    .. [1] Doreian, P. & Mrvar, A. (1996). A partitioning approach to structural balance.
       Social Networks 18(2), 149–168. https://doi.org/10.1016/0378-8733(95)00259-6
    .. [2] Kernighan, B. W. & Lin, S. (1970). An efficient heuristic procedure for partitioning
       graphs. Bell System Technical Journal 49(2), 291–307.
       https://doi.org/10.1002/j.1538-7305.1970.tb01770.x
    .. [3] Davis, J. A. (1967). Clustering and structural balance in graphs. Human Relations
       20(2), 181–187. https://doi.org/10.1177/001872676702000206
    .. [4] Harary, F. (1959). On the measurement of structural balance. Behavioral Science 4(4),
       316–323. https://doi.org/10.1002/bs.3830040405

    Examples
    --------
    A triangle of three conflicts cannot be balanced in two blocks (one conflict stays inside),
    but three blocks separate everyone:

    >>> m = plain_map("abc", [(s, t, "relationship", "conflict") for s, t in ("ab", "bc", "ac")])
    >>> signed_blocks(m, 2).error, signed_blocks(m, 3).error
    (1, 0)
    """
    if k is not None and (isinstance(k, bool) or not isinstance(k, int)
                          or not 1 <= k <= MAX_BLOCKS):
        raise NetworkError("network.bad_blocks", k=k, most=MAX_BLOCKS)
    signed = _Signed(network)
    found: list[tuple[int, int, list[int], bool]] = []
    for blocks in ([k] if k is not None else range(1, MAX_BLOCKS + 1)):
        assign, exact = _best_partition(signed, blocks, seed, restarts)
        found.append((sum(signed.cost(assign)), blocks, assign, exact))
    # A partition into fewer blocks is one into more (blocks may stay empty), so an error
    # proved least for some number of blocks bounds every smaller number from below: reaching
    # it proves those optimal too.
    tried = [BlockTrial(k=blocks, error=error, exact=error == 0 or any(
                 proved and more >= blocks and least == error
                 for least, more, _, proved in found))
             for error, blocks, _, _ in found]
    # The least error; of equal ones, the fewest blocks.
    error, blocks, assign, _ = min(found, key=lambda partition: partition[0])
    inside, between = signed.cost(assign)
    return BlockPartition(k=blocks, blocks=_blocks_of(signed.actors, assign), error=error,
                          negative_inside=inside, positive_between=between,
                          frustrated=signed.frustrated(assign),
                          exact=tried[[t.k for t in tried].index(blocks)].exact,
                          unplaced=signed.unplaced, balanced=error == 0,
                          chosen="given" if k is not None else "automatic", tried=tried)


def _blocks_of(actors: Sequence[str], assign: Sequence[int]) -> list[list[str]]:
    """Blocks as lists of actors, ordered by their first member."""
    blocks: dict[int, list[str]] = {}
    for actor, block in zip(actors, assign):
        blocks.setdefault(block, []).append(actor)
    return list(blocks.values())


def _best_partition(signed: _Signed, k: int, seed: int,
                    restarts: int = 20) -> tuple[list[int], bool]:
    """The best partition found into at most ``k`` blocks, and whether it is proven optimal."""
    n = len(signed.actors)
    if n == 0:
        return [], True
    assign = _local_search(signed, k, seed, restarts)
    error = sum(signed.cost(assign))
    if error == 0 or k == 1 or (error == 1 and not _can_be_balanced(signed, k)):
        return assign, True
    if n > EXACT_LIMIT:
        return assign, False
    return _branch_and_bound(signed, k, assign, error)


def _can_be_balanced(signed: _Signed, k: int) -> bool:
    """False when provably no partition into at most ``k`` (≥ 2) blocks has error 0: with two
    blocks, when the balance colouring fails; with more, when a conflict joins two actors of
    one synergy component. True means only "not ruled out"."""
    if k == 2:
        return signed.two_colouring() is not None
    component = list(range(len(signed.actors)))

    def root(u: int) -> int:
        while component[u] != u:
            component[u] = component[component[u]]
            u = component[u]
        return u

    for u, v, sign in signed.edges:
        if sign > 0:
            component[root(u)] = root(v)
    return all(root(u) != root(v) for u, v, sign in signed.edges if sign < 0)


def _local_search(signed: _Signed, k: int, seed: int, restarts: int) -> list[int]:
    """Doreian–Mrvar relocation with Kernighan–Lin swaps, from several seeded starts."""
    n = len(signed.actors)
    rng = random.Random(seed)
    starts = []
    colouring = signed.two_colouring() if k >= 2 else None
    if colouring is not None:
        starts.append(colouring)
    starts.append(_greedy_start(signed, k))
    starts += [[rng.randrange(k) for _ in range(n)] for _ in range(restarts)]
    best: list[int] = []  # set by the first start: its error is finite
    best_error = math.inf
    for start in starts:
        assign = _improve(signed, k, start)
        error = sum(signed.cost(assign))
        if error < best_error:
            best, best_error = assign, error
        if error == 0:
            break
    return best


def _greedy_start(signed: _Signed, k: int) -> list[int]:
    """Place actors one by one (the most linked first) in the block that costs least."""
    n = len(signed.actors)
    assign = [-1] * n
    order = sorted(range(n), key=lambda u: -len(signed.adjacency[u]))
    for u in order:
        costs = [0] * k
        for v, sign in signed.adjacency[u]:
            if assign[v] >= 0:
                for block in range(k):
                    costs[block] += (sign < 0) == (assign[v] == block)
        assign[u] = min(range(k), key=costs.__getitem__)
    return assign


def _improve(signed: _Signed, k: int, start: Sequence[int]) -> list[int]:
    """Relocate single actors, then swap linked pairs, while the error goes down."""
    n = len(signed.actors)
    assign = list(start)
    plus = [[0] * k for _ in range(n)]   # plus[u][b]: u's synergy links into block b
    minus = [[0] * k for _ in range(n)]  # minus[u][b]: u's conflict links into block b
    for u, v, sign in signed.edges:
        counts = plus if sign > 0 else minus
        counts[u][assign[v]] += 1
        counts[v][assign[u]] += 1

    def gain(u: int, to: int) -> int:  # change in error when u moves to block `to`
        at = assign[u]
        return minus[u][to] - minus[u][at] - plus[u][to] + plus[u][at]

    def move(u: int, to: int) -> None:
        at = assign[u]
        for v, sign in signed.adjacency[u]:
            counts = plus if sign > 0 else minus
            counts[v][at] -= 1
            counts[v][to] += 1
        assign[u] = to

    improved = k > 1
    while improved:
        improved = False
        for u in range(n):
            delta, to = min((gain(u, to), to) for to in range(k) if to != assign[u])
            if delta < 0:
                move(u, to)
                improved = True
        if improved:
            continue
        for u, v, sign in signed.edges:
            a, b = assign[u], assign[v]
            if a != b and gain(u, b) + gain(v, a) + (2 if sign > 0 else -2) < 0:
                move(u, b)
                move(v, a)
                improved = True
    return assign


def _branch_and_bound(signed: _Signed, k: int, incumbent: list[int],
                      incumbent_error: int) -> tuple[list[int], bool]:
    """The optimal partition into at most ``k`` blocks, or the incumbent if the budget runs out."""
    n = len(signed.actors)
    adjacency = signed.adjacency
    order = _search_order(signed)
    assign = [-1] * n
    # extra[v][b]: the error v's links to placed actors would add if v went to block b
    extra = [[0] * k for _ in range(n)]
    best_error, best_assign, steps = incumbent_error, list(incumbent), 0

    def place(v: int, block: int, sign_of_change: int) -> None:
        for w, sign in adjacency[v]:
            if assign[w] < 0:
                row = extra[w]
                if sign > 0:  # a synergy link costs in every block but v's
                    for b in range(k):
                        row[b] += sign_of_change
                    row[block] -= sign_of_change
                else:         # a conflict link costs only in v's block
                    row[block] += sign_of_change

    def search(depth: int, used: int, error: int) -> bool:
        nonlocal best_error, best_assign, steps
        steps += 1
        if steps > SEARCH_BUDGET:
            return False
        if depth == n:
            if error < best_error:
                best_error, best_assign = error, list(assign)
            return True
        open_blocks = min(used + 1, k)
        bound = error + sum(min(extra[v][:open_blocks]) for v in order[depth:])
        if bound >= best_error:
            return True
        v = order[depth]
        for block in sorted(range(open_blocks), key=extra[v].__getitem__):
            cost = extra[v][block]
            assign[v] = block
            place(v, block, 1)
            finished = search(depth + 1, max(used, block + 1), error + cost)
            place(v, block, -1)
            assign[v] = -1
            if not finished:
                return False
        return True

    finished = search(0, 0, 0)
    return best_assign, finished


def _search_order(signed: _Signed) -> list[int]:
    """Most-linked actor first, then always the one with most links to those already placed."""
    n = len(signed.actors)
    degree = [len(signed.adjacency[u]) for u in range(n)]
    placed_links = [0] * n
    order: list[int] = []
    left = set(range(n))
    while left:
        u = max(left, key=lambda x: (placed_links[x], degree[x], -x))
        order.append(u)
        left.remove(u)
        for v, _ in signed.adjacency[u]:
            placed_links[v] += 1
    return order


# ------------------------------------------------------------------------------------------------
# Informal power: rated influence against structural position


def informal_power(network: Map, measure: Measure = "degree", scope: Scope = "all",
                   threshold: float | None = None) -> InformalPower:
    """Actors whose influence tower and structural centrality disagree strongly.

    Parameters
    ----------
    network : Map
        Any map: its actors and links (see ``Map``).
    measure : {"degree", "betweenness", "closeness", "eigenvector"}, default "degree"
        The centrality compared with the influence towers. Degree (every link, any layer) is
        the default: on the small maps workshops draw, betweenness is zero for most actors, and
        ties carry no information.
    scope : str, default "all"
    threshold : float, optional
        The least rank gap flagged. Default: a third of the rated actors, at least 2.

    Returns
    -------
    InformalPower
        ``spearman`` is the rank correlation between influence and the centrality over the rated
        actors (Spearman 1904; ``None`` with fewer than three, or when either is constant), and
        ``actors`` the flagged ones, the largest gap first.

    Notes
    -----
    Only actors with an influence score take part. Both are ranked highest-first, tied actors
    sharing the mean of their ranks. ``gap`` = centrality rank − influence rank:

    - ``influence_exceeds_position`` (gap ≥ threshold): rated powerful but structurally
      peripheral — power through channels the map does not show (kinship, office, force):
      the Net-Map's "informal power".
    - ``position_exceeds_influence`` (gap ≤ −threshold): central in the links but rated weak —
      an overlooked broker, or power the participants do not see.

    References
    ----------
    .. [1] Schiffer, E. & Hauck, J. (2010). https://doi.org/10.1177/1525822X10374798
    .. [2] Spearman, C. (1904). The proof and measurement of association between two things.
       American Journal of Psychology 15(1), 72–101. https://doi.org/10.2307/1412159
    """
    graph = network_graph(network, scope)
    if measure == "degree":
        values = nx.degree_centrality(graph) if len(graph) > 1 else dict.fromkeys(graph, 0.0)
    elif measure == "betweenness":
        values = nx.betweenness_centrality(graph)
    elif measure == "closeness":
        values = nx.closeness_centrality(graph)
    elif measure == "eigenvector":
        values = _eigenvector(graph)[0]
    else:
        raise NetworkError("network.unknown_measure", measure=measure,
                           measures="degree, betweenness, closeness, eigenvector")
    return _informal_power(network, values, measure, scope, threshold)


def _informal_power(network: Map, values: Mapping[str, float], measure: Measure,
                    scope: Scope, threshold: float | None) -> InformalPower:
    rated = [(actor, actor.influence) for actor in network.actors if actor.influence is not None]
    if threshold is None:
        threshold = float(max(2, math.ceil(len(rated) / 3)))
    influence_ranks = _ranks([influence for _, influence in rated])
    centrality_ranks = _ranks([values[actor.id] for actor, _ in rated])
    gaps = []
    for (actor, influence), by_influence, by_position in zip(rated, influence_ranks,
                                                             centrality_ranks):
        gap = by_position - by_influence
        if len(rated) >= 3 and abs(gap) >= threshold:
            direction: Literal["influence_exceeds_position", "position_exceeds_influence"] = (
                "influence_exceeds_position" if gap > 0 else "position_exceeds_influence")
            gaps.append(RankGap(
                actor=actor.id, influence=influence, influence_rank=by_influence,
                centrality=values[actor.id], centrality_rank=by_position, gap=gap,
                direction=direction))
    gaps.sort(key=lambda row: -abs(row.gap))
    return InformalPower(measure=measure, scope=scope, threshold=threshold, rated=len(rated),
                         spearman=_pearson(influence_ranks, centrality_ranks) if len(rated) >= 3
                         else None, actors=gaps)


def _ranks(values: Sequence[float]) -> list[float]:
    """Ranks, 1 for the highest; ties share the mean of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: -values[i])
    ranks = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and math.isclose(values[order[end + 1]], values[order[start]]):
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _pearson(x: Sequence[float], y: Sequence[float]) -> float | None:
    if len(set(x)) < 2 or len(set(y)) < 2:
        return None
    return statistics.correlation(x, y)


# ------------------------------------------------------------------------------------------------
# Stakeholder classifications


def mendelow_quadrant(power: float | None, interest: float | None) -> str | None:
    """The Mendelow (1981) power–interest quadrant of a stakeholder scored 0–5 on each.

    A score is *high* when strictly above the scale's midpoint, 2.5 — so on whole-number towers
    3, 4 and 5 are high. A median of exactly 2.5 counts as low.

    ========  ========  ==================
    power     interest  quadrant
    ========  ========  ==================
    high      high      ``manage_closely``
    high      low       ``keep_satisfied``
    low       high      ``keep_informed``
    low       low       ``monitor``
    ========  ========  ==================

    ``None`` when either score is missing.

    References
    ----------
    .. [1] Mendelow, A. (1981). Environmental scanning: the impact of the stakeholder concept.
       Proceedings of the Second International Conference on Information Systems (ICIS 1981),
       Cambridge, MA, 407–418. https://aisel.aisnet.org/icis1981/20

    Examples
    --------
    >>> mendelow_quadrant(5, 1), mendelow_quadrant(2, 4)
    ('keep_satisfied', 'keep_informed')
    """
    if power is None or interest is None:
        return None
    high_power, high_interest = power > MIDPOINT, interest > MIDPOINT
    if high_power:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


def salience(power: bool | None, legitimacy: bool | None,
             urgency: bool | None) -> tuple[str, str] | None:
    """The Mitchell–Agle–Wood (1997) salience class and group of a stakeholder.

    ==========  ==========  =======  =================  ===================
    power       legitimacy  urgency  class              group
    ==========  ==========  =======  =================  ===================
    yes         no          no       ``dormant``        ``latent``
    no          yes         no       ``discretionary``  ``latent``
    no          no          yes      ``demanding``      ``latent``
    yes         yes         no       ``dominant``       ``expectant``
    yes         no          yes      ``dangerous``      ``expectant``
    no          yes         yes      ``dependent``      ``expectant``
    yes         yes         yes      ``definitive``     ``definitive``
    no          no          no       ``non_stakeholder`` ``non_stakeholder``
    ==========  ==========  =======  =================  ===================

    An attribute that is ``None`` (not assessed) counts as absent; if none of the three was
    assessed, the answer is ``None`` rather than "non-stakeholder".

    References
    ----------
    .. [1] Mitchell, R. K., Agle, B. R. & Wood, D. J. (1997). Toward a theory of stakeholder
       identification and salience: defining the principle of who and what really counts.
       Academy of Management Review 22(4), 853–886. https://doi.org/10.5465/amr.1997.9711022105

    Examples
    --------
    >>> salience(True, False, True)
    ('dangerous', 'expectant')
    """
    if power is None and legitimacy is None and urgency is None:
        return None
    key = (bool(power), bool(legitimacy), bool(urgency))
    kind = {(True, False, False): "dormant", (False, True, False): "discretionary",
            (False, False, True): "demanding", (True, True, False): "dominant",
            (True, False, True): "dangerous", (False, True, True): "dependent",
            (True, True, True): "definitive", (False, False, False): "non_stakeholder"}[key]
    group = {0: "non_stakeholder", 1: "latent", 2: "expectant", 3: "definitive"}[sum(key)]
    return kind, group


def stakeholder_classes(network: Map) -> list[StakeholderClass]:
    """Every actor's Mendelow quadrant (power = influence tower) and MAW salience.

    When an actor's ``power`` attribute was not ticked either way, an influence tower above the
    midpoint (3–5) counts as power for the salience typology, and 0–2 as none.
    """
    rows = []
    for actor in network.actors:
        power = actor.power
        if power is None and actor.influence is not None:
            power = actor.influence > MIDPOINT
        classes = salience(power, actor.legitimacy, actor.urgency)
        rows.append(StakeholderClass(
            actor=actor.id, power=actor.influence, interest=actor.interest,
            quadrant=mendelow_quadrant(actor.influence, actor.interest),
            salience=classes[0] if classes else None,
            salience_group=classes[1] if classes else None))
    return rows


# ------------------------------------------------------------------------------------------------
# Participants' influence votes


def aggregate_influence(votes: Iterable[tuple[str, int]],
                        actors: Iterable[str] | None = None) -> list[InfluenceSummary]:
    """Median and interquartile range of many participants' 0–5 influence votes per actor.

    Parameters
    ----------
    votes : iterable of (actor id, score)
        One pair per participant and actor, scores whole numbers 0–5.
    actors : iterable of str, optional
        The known actors, in the order to report them: every one is listed (with ``votes=0``
        and ``None`` statistics if nobody voted on it), and a vote for any other is refused.
        Without it, the actors voted on are listed in order of their first vote.

    Returns
    -------
    list of InfluenceSummary

    Raises
    ------
    NetworkError
        ``network.bad_vote`` for a score that is not a whole number 0–5, ``network.unknown_actor``
        for a vote on an actor not in ``actors``; both name the vote's position.

    Notes
    -----
    Quartiles are interpolated linearly between order statistics (Hyndman & Fan 1996, type 7;
    numpy's and spreadsheets' default), so one vote has IQR 0. A wide IQR (2 or more on a 0–5
    scale) says the room disagrees: worth discussing before building the tower.

    References
    ----------
    .. [1] Hyndman, R. J. & Fan, Y. (1996). Sample quantiles in statistical packages. The
       American Statistician 50(4), 361–365. https://doi.org/10.1080/00031305.1996.10473566

    Examples
    --------
    >>> [(s.median, s.iqr) for s in aggregate_influence([("chiefs", 5), ("chiefs", 3),
    ...                                                   ("chiefs", 4)])]
    [(4.0, 1.0)]
    """
    known = None
    if actors is not None:
        known = list(actors)
    scores: dict[str, list[int]] = {actor: [] for actor in known} if known is not None else {}
    for index, vote in enumerate(votes):
        actor, score = vote
        if isinstance(score, bool) or not isinstance(score, numbers.Integral) \
                or not INFLUENCE[0] <= score <= INFLUENCE[1]:
            raise NetworkError("network.bad_vote", index=index, actor=actor, score=score)
        if known is not None and actor not in scores:
            raise NetworkError("network.unknown_actor", index=index, actor=actor)
        scores.setdefault(actor, []).append(score)
    summaries = []
    for actor, given in scores.items():
        if not given:
            summaries.append(InfluenceSummary(actor=actor, votes=0, median=None, q1=None, q3=None,
                                              iqr=None))
            continue
        q1, _, q3 = statistics.quantiles(given, n=4, method="inclusive") if len(given) > 1 \
            else (given[0],) * 3
        summaries.append(InfluenceSummary(actor=actor, votes=len(given),
                                          median=float(statistics.median(given)), q1=float(q1),
                                          q3=float(q3), iqr=float(q3 - q1)))
    return summaries


# ------------------------------------------------------------------------------------------------
# Layout


def layout(network: Map, previous_positions: Mapping[str, Sequence[float]] | None = None,
           seed: int = 0, iterations: int = 50) -> dict[str, Position]:
    """x, y for every actor: a force-directed drawing that keeps actors already drawn in place.

    Parameters
    ----------
    network : Map
        Any map: its actors and links (see ``Map``).
    previous_positions : mapping of actor id to (x, y), optional
        Where actors were on the last drawing. Those still on the map stay exactly there;
        positions of actors no longer on the map are ignored.
    seed : int, default 0
    iterations : int, default 50

    Returns
    -------
    dict of actor id to (x, y)
        In the map's actor order. A fresh layout (no previous positions) is centred on (0, 0)
        with its largest coordinate 1, as networkx's ``spring_layout`` gives.

    Notes
    -----
    Fruchterman–Reingold (1991) on every link of every layer, direction ignored, as networkx's
    ``spring_layout`` computes it with fixed nodes, but in numpy for any size (networkx switches
    to a scipy-only method from 500 nodes). A new actor starts at the centre of its
    already-placed neighbours (plus a small seeded jitter), or at a random point of the drawing
    if it has none, and then settles; the old ones do not move, so the projected map stays put
    when a card is added.

    References
    ----------
    .. [1] Fruchterman, T. M. J. & Reingold, E. M. (1991). Graph drawing by force-directed
       placement. Software: Practice and Experience 21(11), 1129–1164.
       https://doi.org/10.1002/spe.4380211102
    """
    ids = [actor.id for actor in network.actors]
    index = {actor: i for i, actor in enumerate(ids)}
    previous = {actor: (float(xy[0]), float(xy[1]))
                for actor, xy in (previous_positions or {}).items() if actor in index}
    if all(actor in previous for actor in ids):
        return {actor: previous[actor] for actor in ids}
    if len(ids) == 1:
        return {ids[0]: (0.0, 0.0)}
    rng = np.random.default_rng(seed)
    adjacency = np.zeros((len(ids), len(ids)))
    for link in network.links:
        u, v = index[link.source], index[link.target]
        adjacency[u, v] = adjacency[v, u] = 1.0
    if previous:
        pos, size = _start_around(previous, index, adjacency, rng)
    else:
        pos, size = rng.random((len(ids), 2)), 1.0
    fixed = np.array([actor in previous for actor in ids])
    pos = _fruchterman_reingold(adjacency, pos, fixed, size / math.sqrt(len(ids)), iterations,
                                size)
    if not previous:  # centred, largest coordinate 1, as networkx's rescale_layout
        pos -= pos.mean(axis=0)
        pos /= max(np.abs(pos).max(), 1e-12)
    placed = {actor: (float(pos[i, 0]), float(pos[i, 1])) for i, actor in enumerate(ids)}
    placed.update(previous)
    return {actor: placed[actor] for actor in ids}


def _start_around(previous: dict[str, Position], index: dict[str, int], adjacency: np.ndarray,
                  rng: np.random.Generator) -> tuple[np.ndarray, float]:
    """Starting positions: old actors where they were, new ones amid their placed neighbours.

    New actors are placed in waves (a newcomer linked only to another newcomer waits for it);
    one with no placed neighbour at all starts at a random point of the drawing. Returns the
    positions and the drawing's size.
    """
    n = len(index)
    placed_xy = np.array(list(previous.values()))
    low, high = placed_xy.min(axis=0), placed_xy.max(axis=0)
    size = float(max(np.max(high - low), np.max(np.abs(placed_xy)))) or 1.0
    jitter = 0.1 * size / math.sqrt(n)
    pos = np.zeros((n, 2))
    placed = np.zeros(n, dtype=bool)
    for actor, xy in previous.items():
        pos[index[actor]] = xy
        placed[index[actor]] = True
    while True:
        ready = [i for i in np.flatnonzero(~placed) if (adjacency[i] * placed).any()]
        if not ready:
            break
        for i in ready:
            pos[i] = pos[(adjacency[i] > 0) & placed].mean(axis=0) + rng.normal(0, jitter, 2)
        placed[ready] = True
    for i in np.flatnonzero(~placed):
        pos[i] = low + rng.random(2) * np.maximum(high - low, size / math.sqrt(n))
    return pos, size


def _fruchterman_reingold(adjacency: np.ndarray, pos: np.ndarray, fixed: np.ndarray, k: float,
                          iterations: int, extent: float) -> np.ndarray:
    """Force-directed placement (dense), as networkx's ``_fruchterman_reingold``.

    The first step is at most a tenth of the drawing's ``extent`` (networkx uses the current
    spread, which is tiny when one new actor joins one fixed one), cooling linearly to zero.
    """
    pos = pos.copy()
    moving = np.flatnonzero(~fixed)  # only these rows of the forces are needed
    adjacency = adjacency[moving]
    temperature = max(float(np.ptp(pos[:, 0])), float(np.ptp(pos[:, 1])), extent) * 0.1
    cooling = temperature / (iterations + 1)
    for _ in range(iterations):
        delta = pos[moving, np.newaxis, :] - pos[np.newaxis, :, :]
        distance = np.clip(np.linalg.norm(delta, axis=-1), 0.01, None)
        force = k * k / distance ** 2 - adjacency * distance / k
        displacement = np.einsum("ijk,ij->ik", delta, force)
        length = np.linalg.norm(displacement, axis=-1)
        length = np.where(length < 0.01, 0.1, length)
        step = displacement * (temperature / length)[:, np.newaxis]
        pos[moving] += step
        temperature -= cooling
        if np.linalg.norm(step) / len(pos) < 1e-4:
            break
    return pos


# ------------------------------------------------------------------------------------------------
# Everything at once


def analyse(network: Map, votes: Iterable[tuple[str, int]] | None = None, seed: int = 0,
            blocks_k: int | None = 2) -> NetworkAnalysis:
    """Every analysis of a map, as the app and the command line show it.

    Parameters
    ----------
    network : Map
        Any map: its actors and links (see ``Map``).
    votes : iterable of (actor id, score), optional
        Participants' influence votes; summarised with ``aggregate_influence`` when given.
    seed : int, default 0
        Seeds the block search.
    blocks_k : int or None, default 2
        Blocks for ``signed_blocks`` (``None``: the best number from 1 to 4).

    Returns
    -------
    NetworkAnalysis
        Centralities for every scope in ``SCOPES`` order; actors with no link at all; the duty
        bearer reach over the default claim layers; balance; blocks; informal power by degree
        over all links; Mendelow and salience classes; influence summaries if votes were given.
        ``question`` is the map's question when it has one (a stakeholder-map design does),
        else empty: the analyses read only actors and links.
    """
    links: dict[str, int] = {layer: sum(1 for link in network.links if link.layer == layer)
                             for layer in LAYERS}
    layers = [centrality(network, scope) for scope in SCOPES]
    return NetworkAnalysis(
        question=dict(getattr(network, "question", None) or {}), actors=len(network.actors),
        links=links, layers=layers,
        isolated=layers[SCOPES.index("all")].isolated, duty_bearer_reach=duty_bearer_reach(network),
        balance=balance(network, seed=seed), blocks=signed_blocks(network, blocks_k, seed=seed),
        informal_power=_informal_power(
            network, {row.actor: row.degree for row in layers[SCOPES.index("all")].actors},
            "degree", "all", None),
        stakeholders=stakeholder_classes(network),
        influence=None if votes is None
        else aggregate_influence(votes, [actor.id for actor in network.actors]))
