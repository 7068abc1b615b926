"""Marking a network's nodes: government accounts, who was in contact with government, who engaged, who addressed it.

Runs inside :func:`~civicnet.networks.build.build_network` while its temporary node
table (node index, platform, account id, handle of handle-only nodes) exists. Government
accounts are those of the scope's :func:`~civicnet.store.government.government_table`,
plus handle-only nodes (mentioned, never seen as accounts) whose handle a case-file entry
names.

One pass over the case's interactions and messages (the scope's table of them,
:func:`civicnet.tactics._base.all_messages`, whose ``is_gov`` marks the messages of the
government accounts) keeps what touches government;
the flags follow CONTRACT.md ("Reach"):

``contact``
    government reached the account actively: a government account addressed it (a
    mention, a reply to or comment on its message, an answer on its post to the page —
    also a government repost of its message, whose "RT @x" mentions it) or it spread a
    government message (repost, quote);
``audience``
    engaged with government in any way: ``contact``, ``addressed_government``, or it
    commented on, replied to or liked a government message (on a government's own page
    nearly every commenter, which is why it is not reach);
``addressed_government``
    it addressed a government account: mention, reply, comment, a post on its page;
    reposts excluded, with the ``RT @x`` mentions they carry.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyarrow as pa

from ..store.government import government_table
from ..store.scope import CaseScope, Relation

if TYPE_CHECKING:
    from .build import Network


def _indices(scope: CaseScope, query: str, n: int) -> np.ndarray:
    flags = np.zeros(n, dtype=bool)
    idx = scope.arrow(query).column(0).to_numpy()
    flags[idx.astype(np.int64)] = True
    return flags


_GOV = """
    SELECT platform, id AS acc, NULL::VARCHAR AS h FROM {government_table}
    UNION
    SELECT n.platform, NULL, n.h FROM {nodes} n JOIN {handles} g
      ON n.h = g.h AND (g.platform IS NULL OR g.platform = n.platform)
"""


def mark_government(scope: CaseScope, net: "Network", nodes: Relation, messages: str) -> None:
    """Government accounts, and who was in contact with government, engaged with it or addressed it
    (``messages``: the case's messages, context included, with ``collected`` and ``is_gov``)."""
    specs = scope.case.government
    handles = pa.table({"platform": pa.array([s.platform for s in specs], pa.string()),
                        "h": pa.array([s.handle.lower() for s in specs], pa.string())})
    n = net.n_nodes
    # government by account id (platform, acc), or a handle-only node matching a case-file handle
    with scope.lend("net_gov_handles", handles) as named, \
            scope.temporary("net_gov", scope.fill(_GOV, government_table=government_table(scope), nodes=nodes,
                                                  handles=named)) as gov:
        net.is_government = _indices(scope, scope.fill(f"SELECT idx FROM {{nodes}} n WHERE {_IS_GOV('n.platform', 'n.acc', 'n.h')}",
                                                        nodes=nodes, gov=gov), n)
        # one pass over the case's interactions and messages, keeping what touches government
        with scope.temporary("net_gov_msg", scope.fill(_GOV_MESSAGES, messages=messages)) as gov_msg, \
                scope.temporary("net_gov_i", scope.fill(_GOV_INTERACTIONS, gov=gov, gov_msg=gov_msg)) as gov_i, \
                scope.temporary("net_gov_m", scope.fill(_GOV_REPLIES, gov=gov, gov_msg=gov_msg,
                                                        messages=messages)) as gov_m, \
                scope.temporary("net_gov_p", scope.fill(_GOV_ANSWERED, messages=messages)) as gov_p:
            parts = {"nodes": nodes, "gov_i": gov_i, "gov_m": gov_m, "gov_p": gov_p}
            net.contact = _indices(scope, scope.fill(_to_nodes(_CONTACT_SQL), **parts), n)
            net.addressed_government = _indices(scope, scope.fill(_to_nodes(_INBOUND_SQL), **parts), n)
            net.audience = (net.contact | net.addressed_government
                            | _indices(scope, scope.fill(_to_nodes(_ENGAGED_SQL), **parts), n))


def _IS_GOV(platform: str, acc: str, handle: str) -> str:
    """SQL condition: the account (by id, else by lower-cased handle) is a government account (``{gov}``)."""
    return (f"(({platform}, {acc}) IN (SELECT platform, acc FROM {{gov}} WHERE acc IS NOT NULL) "
            f"OR ({acc} IS NULL AND ({platform}, lower({handle})) IN "
            f"(SELECT platform, h FROM {{gov}} WHERE h IS NOT NULL)))")


def _to_nodes(ends_sql: str) -> str:
    """Node indices (of ``{nodes}``) of the accounts (platform, acc, handle) a query returns."""
    return f"""
        WITH e AS ({ends_sql})
        SELECT n.idx FROM {{nodes}} n JOIN e ON n.platform = e.platform AND n.acc = e.acc
        UNION
        SELECT n.idx FROM {{nodes}} n JOIN e ON e.acc IS NULL AND n.platform = e.platform AND n.h = lower(e.handle)
    """


_GOV_IDS = "(SELECT platform, acc FROM {gov} WHERE acc IS NOT NULL)"

#: Government messages (context included): those whose author is a government account of the case.
_GOV_MESSAGES = "SELECT platform, id FROM {messages} WHERE is_gov"
#: Interactions from, to, or about government messages (with whether their carrier is a
#: repost, looked up only for those few).
_GOV_INTERACTIONS = f"""
    WITH hit AS (
        SELECT i.platform, i.kind, i.source_account, i.target_account, i.target_handle, i.message,
               g1.acc IS NOT NULL AS from_gov, (g2.acc IS NOT NULL OR g3.h IS NOT NULL) AS to_gov,
               gm.id IS NOT NULL AS on_gov_msg
        FROM case_interactions i
        LEFT JOIN {_GOV_IDS} g1 ON g1.platform = i.platform AND g1.acc = i.source_account
        LEFT JOIN {_GOV_IDS} g2 ON g2.platform = i.platform AND g2.acc = i.target_account
        LEFT JOIN (SELECT platform, h FROM {{gov}} WHERE h IS NOT NULL) g3
               ON i.target_account IS NULL AND g3.platform = i.platform AND g3.h = lower(i.target_handle)
        LEFT JOIN {{gov_msg}} gm ON gm.platform = i.platform AND gm.id = i.target_message
        WHERE g1.acc IS NOT NULL OR g2.acc IS NOT NULL OR g3.h IS NOT NULL OR gm.id IS NOT NULL
    )
    SELECT hit.* EXCLUDE (message), coalesce(r.kind = 'repost', false) AS in_repost
    FROM hit LEFT JOIN message r ON r.platform = hit.platform AND r.id = hit.message
"""
#: Messages answering government messages (``how = 'child'``) or posted on a government page (``'page'``).
_GOV_REPLIES = f"""
    SELECT m.platform, m.account, m.kind, 'child' AS how FROM {{messages}} m
    JOIN {{gov_msg}} g ON g.platform = m.platform AND g.id = m.parent WHERE m.collected AND m.account IS NOT NULL
    UNION ALL
    SELECT m.platform, m.account, m.kind, 'page' FROM {{messages}} m
    JOIN {_GOV_IDS} g ON g.platform = m.platform AND g.acc = m.page
    WHERE m.collected AND m.kind = 'post_to_page' AND m.account IS NOT NULL
"""
#: Authors of the messages a government message replies to or comments on (their post to the
#: page included): government addressed them, also where the platform gave no tie for it.
_GOV_ANSWERED = """
    SELECT p.platform, p.account FROM {messages} g
    JOIN {messages} p ON p.platform = g.platform AND p.id = g.parent
    WHERE g.is_gov AND g.kind IN ('reply', 'comment') AND p.account IS NOT NULL
"""

#: Contact: addressed by a government account (mention, reply, comment; a government repost's
#: "RT @x" mention counts), or spread a government message (repost, quote).
_CONTACT_SQL = """
    SELECT platform, target_account AS acc, target_handle AS handle FROM {gov_i}
    WHERE kind IN ('mention', 'reply', 'comment') AND from_gov
    UNION ALL
    SELECT platform, account, NULL FROM {gov_p}
    UNION ALL
    SELECT platform, source_account, NULL FROM {gov_i}
    WHERE kind IN ('repost', 'quote') AND source_account IS NOT NULL AND (to_gov OR on_gov_msg)
    UNION ALL
    SELECT platform, account, NULL FROM {gov_m} WHERE how = 'child' AND kind IN ('repost', 'quote')
"""

#: Engaged beyond contact: commented on, replied to or liked a government message.
_ENGAGED_SQL = """
    SELECT platform, source_account AS acc, NULL AS handle FROM {gov_i}
    WHERE kind IN ('reply', 'comment', 'like') AND source_account IS NOT NULL AND (to_gov OR on_gov_msg)
    UNION ALL
    SELECT platform, account, NULL FROM {gov_m} WHERE how = 'child' AND kind IN ('reply', 'comment')
"""

#: Inbound: addressed a government account (mention, reply, comment, a post on its page).
#: Reposts are excluded, with the mentions they carry (a retweet's "RT @gov" is not the
#: retweeter addressing it).
_INBOUND_SQL = """
    SELECT platform, source_account AS acc, NULL AS handle FROM {gov_i}
    WHERE kind IN ('mention', 'reply', 'comment') AND source_account IS NOT NULL AND to_gov AND NOT in_repost
    UNION ALL
    SELECT platform, account, NULL FROM {gov_m} WHERE kind IN ('reply', 'comment', 'post_to_page')
"""
