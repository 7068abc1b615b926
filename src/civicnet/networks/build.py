"""Building a case's network from the store: nodes, weighted edges, government marks.

:func:`build_network` runs the network kind's tie query (:mod:`.ties`) inside DuckDB,
aggregates the ties to one edge per account pair (weight = distinct carriers, kinds =
the set of reasons) and fetches the result as arrays: the graph is never built from
per-edge Python objects.

Node identifiers follow CONTRACT.md: the account's handle; on platforms without
handles (Facebook, LinkedIn) the platform account id; a target known only by its
handle is that handle (targets named only by handle are matched case-insensitively
and shown in the spelling that sorts first). An account whose handle is unknown is
its account id. When two accounts end up with the same identifier (two platforms, a
handle that moved), the later ones get `` [platform:id]`` appended so every node keeps
a unique identifier.

Besides the graph, a :class:`Network` carries each node's display name (the platform's
``account.name``; None where it gave none) and what reach needs from the store
(:mod:`.marks`): for every node whether government was in active contact with it,
whether it engaged with government content in any way, and whether it addressed
government; and, when asked for, the hashtags each node used (the default terms of a
community). It holds plain arrays and tables only, no reference to the store:
it stays valid after the scope it was built on is closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa

from ..errors import InputError
from ..store.scope import CaseScope, Relation
from . import ties as T
from .marks import mark_government

KINDS = tuple(T.KINDS)
DIRECTED = {"mention": True, "co-comment": False, "follow": True, "reply": True, "co-hashtag": False}


_NO_TAGS = pa.table({"node": pa.array([], pa.int64()), "tag": pa.array([], pa.string()),
                     "n": pa.array([], pa.int64())})


def _key(platform: str, account: str, handle: str) -> str:
    """SQL expression: the node key of an account given by id or, failing that, handle."""
    return (
        f"({platform} || '|' || CASE WHEN {account} IS NOT NULL THEN 'i|' || {account} "
        f"ELSE 'h|' || lower({handle}) END)"
    )


@dataclass
class Network:
    """A case's network as arrays, ready for igraph.

    Attributes
    ----------
    kind, directed
        the network kind (``mention``…) and whether ties have a direction.
    ids
        node identifiers (handle, or account id where platforms have no handles),
        unique, in node order.
    src, dst, weight
        edge endpoints (node indices) and weights, one edge per (ordered, for
        directed networks) pair; for undirected networks ``src < dst``.
    kind_codes, kind_labels
        each edge's set of reasons, dictionary-encoded: ``kind_labels[kind_codes[e]]``
        is e.g. ``"mention;repost"``.
    names
        per node: the display name the platform gave (None where it gave none).
    is_government, contact, audience, addressed_government
        per node: a government account of the case; in active contact with government
        (addressed by a government account, or spread a government message); engaged
        with government in any way (contact, addressing it, or a comment on or like of a
        government message); addressed government (mention, reply, comment, a post on
        its page; reposts excluded). Definitions: :mod:`.marks`.
    platforms
        per node: the platform of its account (every tie joins two accounts of one platform;
        empty for a network given as an edge list without them).
    hashtags
        (node index, hashtag, uses) table of the hashtags nodes used in counted messages
        (empty unless :func:`build_network` was asked for them).
    notes
        what a reader should know about how this network was built.
    """

    kind: str
    directed: bool
    ids: list[str]
    src: np.ndarray
    dst: np.ndarray
    weight: np.ndarray
    kind_codes: np.ndarray
    kind_labels: list[str]
    is_government: np.ndarray
    contact: np.ndarray
    audience: np.ndarray
    addressed_government: np.ndarray
    case_id: str = ""
    names: list[str | None] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    platforms: list[str] = field(default_factory=list)
    hashtags: pa.Table = field(default_factory=lambda: _NO_TAGS, repr=False)

    @property
    def n_nodes(self) -> int:
        return len(self.ids)

    @property
    def n_edges(self) -> int:
        return int(self.src.shape[0])

    def edge_kinds(self, e: int) -> str:
        return self.kind_labels[int(self.kind_codes[e])]


def build_network(scope: CaseScope, kind: str, *, window: float | None = None, max_tag_accounts: int = 500,
                  hashtags: bool = True) -> Network:
    """Build the network of ``kind`` of the case on ``scope``.

    Parameters
    ----------
    scope
        the case's scope on a store holding its imported records (``store.case(case)``).
    kind
        ``mention``, ``co-comment``, ``follow``, ``reply`` or ``co-hashtag``.
    window
        co-comment only: tie two commenters on a post only when their comments are at
        most this many seconds apart (None: any time).
    max_tag_accounts
        co-hashtag only: hashtags used by more accounts than this are left out.
    hashtags
        also read the hashtags each node used (:attr:`Network.hashtags`: the community
        terms of :meth:`~civicnet.networks.NetworkResult.summary` when it is given none).
    """
    if kind not in KINDS:
        raise InputError(f"unknown network {kind!r}; choose from {', '.join(KINDS)}")
    from ..tactics._base import all_messages  # here: the worker process imports this module without the tactics

    messages = str(all_messages(scope))  # the case's messages as a table, read from the store once per scope
    notes: list[str] = []
    if kind == "mention":
        ties_sql, actors_sql = T.mention(messages)
    elif kind == "follow":
        ties_sql, actors_sql = T.follow(messages)
    elif kind == "reply":
        ties_sql, actors_sql = T.reply(messages)
    elif kind == "co-comment":
        ties_sql, actors_sql = T.co_comment(messages, window)
        if window is not None:
            notes.append(f"co-comment ties only between comments at most {window:g} seconds apart")
    else:
        ties_sql, actors_sql = T.co_hashtag(messages, max_tag_accounts)
        dropped = scope.sql(T.dropped_tags(messages, max_tag_accounts))
        if dropped:
            shown = ", ".join(f"#{t} ({n})" for t, n in dropped[:10])
            notes.append(f"{len(dropped)} hashtag(s) used by more than {max_tag_accounts} accounts left out: {shown}")
    with scope.temporary("net_ties", _ties(ties_sql, T.KINDS[kind])) as ties, \
            scope.temporary("net_nodes", scope.fill(_NODES.replace("{actors}", actors_sql), ties=ties)) as nodes:
        ids, keys, names, platforms = _nodes(scope, nodes)
        net = _edges(scope, kind, ids, ties, nodes)
        net.names, net.platforms = names, platforms
        mark_government(scope, net, nodes, messages)
    net.case_id = scope.case.id
    net.notes = notes
    if hashtags:
        net.hashtags = node_hashtags(scope, keys, messages)
    return net


def _ties(ties_sql: str, kinds: tuple[str, ...]) -> str:
    """Both ends of every tie as a short key (``platform``, by handle?, account id or lower-cased
    handle: :data:`_NODES`), self-ties dropped."""
    bit = " ".join(f"WHEN '{k}' THEN {1 << n}" for n, k in enumerate(kinds))
    return f"""
        SELECT platform, s_id IS NULL AS s_byh, coalesce(s_id, lower(s_h)) AS s_k,
               t_id IS NULL AS t_byh, coalesce(t_id, lower(t_h)) AS t_k, coalesce(t_h, t_hint) AS t_hint,
               (CASE kind {bit} ELSE 0 END)::INTEGER AS kbit, carrier
        FROM ({ties_sql})
        WHERE coalesce(s_id, s_h) IS NOT NULL AND coalesce(t_id, t_h) IS NOT NULL
          -- no self-ties: the ends' keys differ (compared without building them)
          AND CASE WHEN s_id IS NOT NULL OR t_id IS NOT NULL THEN s_id IS DISTINCT FROM t_id
                   ELSE lower(s_h) <> lower(t_h) END
    """


#: The nodes with their identifiers: the ends of the ties (``{ties}``) and the actors (``{actors}``).
#: A node is keyed by (``platform``, ``byh``, ``k``): its account id (``byh`` false) or, for an end
#: known only by its handle, that handle lower-cased (``byh`` true) — short values, which DuckDB
#: groups and joins faster than the spelled-out key ``nkey`` (``platform|i|id`` or ``platform|h|handle``,
#: built for the nodes alone: identifiers that sort alike are ordered by it, and the hashtags join on it).
_NODES = """
    WITH ends AS (
        SELECT platform, s_byh AS byh, s_k AS k, NULL::VARCHAR AS hint FROM {ties}
        UNION ALL SELECT platform, t_byh, t_k, t_hint FROM {ties}
        UNION ALL SELECT platform, id IS NULL, id, NULL FROM ({actors})
    ),
    per AS (SELECT platform, byh, k, platform || CASE WHEN byh THEN '|h|' ELSE '|i|' END || k AS nkey,
                   CASE WHEN NOT byh THEN k END AS acc, min(hint) AS hint
            FROM ends GROUP BY platform, byh, k)
    SELECT (row_number() OVER (ORDER BY ident, nkey) - 1)::BIGINT AS idx, *
    FROM (SELECT per.platform, per.byh, per.k, per.nkey, per.acc, coalesce(a.handle, per.hint, per.acc) AS ident,
                 CASE WHEN per.acc IS NULL THEN split_part(per.nkey, '|', 3) END AS h,
                 nullif(trim(a.name), '') AS name
          FROM per LEFT JOIN account a ON a.platform = per.platform AND a.id = per.acc)
"""


def _nodes(scope: CaseScope, nodes: Relation) -> tuple[list[str], list[str], list[str | None], list[str]]:
    """Node identifiers (unique), node keys, display names and platforms, in node order."""
    tbl = scope.arrow(f"SELECT ident, platform, acc, nkey, name FROM {nodes} ORDER BY idx")
    ids = tbl.column("ident").to_pylist()
    if len(set(ids)) != len(ids):
        seen: set[str] = set()
        platforms, accs = tbl.column("platform").to_pylist(), tbl.column("acc").to_pylist()
        for n, ident in enumerate(ids):
            if ident in seen:
                ids[n] = f"{ident} [{platforms[n]}:{accs[n] or ident}]"
            seen.add(ids[n])
    return ids, tbl.column("nkey").to_pylist(), tbl.column("name").to_pylist(), tbl.column("platform").to_pylist()


def _edges(scope: CaseScope, kind: str, ids: list[str], ties: Relation, nodes: Relation) -> Network:
    """One edge per pair: weight = distinct carriers, kinds = the union of reasons (a bit mask).

    Ends are turned into node indices first, so the groupings run on integers; an
    undirected pair's weight counts each direction's carriers (as summing per direction would).
    """
    directed = DIRECTED[kind]
    s, t = ("a", "b") if directed else ("least(a, b)", "greatest(a, b)")
    tbl = scope.arrow(
        f"""
        WITH per_carrier AS (
            SELECT ns.idx AS a, nt.idx AS b, bit_or(kbit) AS mask
            FROM {ties} ti
            JOIN {nodes} ns ON ns.platform = ti.platform AND ns.byh = ti.s_byh AND ns.k = ti.s_k
            JOIN {nodes} nt ON nt.platform = ti.platform AND nt.byh = ti.t_byh AND nt.k = ti.t_k
            GROUP BY a, b, carrier
        )
        SELECT {s} AS s, {t} AS t, count(*) AS w, bit_or(mask) AS mask FROM per_carrier GROUP BY ALL ORDER BY s, t
        """
    )
    masks = _np(tbl, "mask")
    uniq, codes = np.unique(masks, return_inverse=True)
    names = T.KINDS[kind]
    labels = [";".join(sorted(k for n, k in enumerate(names) if int(m) >> n & 1)) for m in uniq.tolist()]
    n = len(ids)
    return Network(
        kind=kind, directed=directed, ids=ids, src=_np(tbl, "s"), dst=_np(tbl, "t"), weight=_np(tbl, "w"),
        kind_codes=codes.astype(np.int32).reshape(-1), kind_labels=labels,
        is_government=np.zeros(n, dtype=bool), contact=np.zeros(n, dtype=bool), audience=np.zeros(n, dtype=bool),
        addressed_government=np.zeros(n, dtype=bool), names=[None] * n,
    )


def _np(tbl: pa.Table, column: str) -> np.ndarray:
    return tbl.column(column).to_numpy().astype(np.int64, copy=False)


def node_hashtags(scope: CaseScope, keys: list[str], messages: str) -> pa.Table:
    """(node, tag, n): the hashtags each node (by node key, in node order) used in the case's counted messages
    (``messages``: the scope's table of them, :func:`civicnet.tactics._base.all_messages`)."""
    table = pa.table({"nkey": pa.array(keys, pa.string()), "idx": pa.array(np.arange(len(keys), dtype=np.int64))})
    with scope.lend("net_keys", table) as k:
        return scope.arrow(
            f"""
            SELECT k.idx AS node, h.tag, h.n FROM ({T.hashtag_uses(messages)}) h
            JOIN {k} k ON k.nkey = {_key('h.platform', 'h.id', 'NULL')}
            """
        )


def network_from_edges(ids: list[str], src, dst, weight=None, *, directed: bool = True, kinds=None,
                       kind: str = "mention", is_government=None, names=None) -> Network:
    """A :class:`Network` from an edge list given as arrays (for imported or generated graphs).

    Pairs are aggregated as :func:`build_network` does: one edge per (ordered, when
    directed) pair, weights summed, kinds joined; self-loops dropped. ``names``: each
    node's display name (None: none).
    """
    n = len(ids)
    src, dst = np.asarray(src, dtype=np.int64), np.asarray(dst, dtype=np.int64)
    weight = np.ones(src.size, dtype=np.int64) if weight is None else np.asarray(weight, dtype=np.int64)
    kinds = [kind] * src.size if kinds is None else list(kinds)
    keep = src != dst
    src, dst, weight = src[keep], dst[keep], weight[keep]
    kinds = [k for k, flag in zip(kinds, keep.tolist()) if flag]
    if not directed:
        src, dst = np.minimum(src, dst), np.maximum(src, dst)
    pair = src * max(n, 1) + dst
    uniq, inverse = np.unique(pair, return_inverse=True)
    sets: list[set[str]] = [set() for _ in range(uniq.size)]
    for e, k in zip(inverse.tolist(), kinds):
        sets[e].update(k.split(";"))
    labels = [";".join(sorted(s)) for s in sets]
    vocab = sorted(set(labels))
    code = {k: c for c, k in enumerate(vocab)}
    gov = np.zeros(n, dtype=bool) if is_government is None else np.asarray(is_government, dtype=bool)
    return Network(
        kind=kind, directed=directed, ids=list(ids), src=uniq // max(n, 1), dst=uniq % max(n, 1),
        weight=np.bincount(inverse, weights=weight, minlength=uniq.size).astype(np.int64),
        kind_codes=np.asarray([code[k] for k in labels], dtype=np.int32), kind_labels=vocab,
        is_government=gov, contact=np.zeros(n, dtype=bool), audience=np.zeros(n, dtype=bool),
        addressed_government=np.zeros(n, dtype=bool), names=list(names) if names is not None else [None] * n,
    )
