"""What each group of the main network says: the messages of its most central members.

The report's factsheets show per group its words (:mod:`.content`: its distinctive terms)
and "messages of central accounts and of each group" (METHOD.md §2e). :func:`group_messages`
gives, per listed group of the case's main network, up to :data:`PER_GROUP` messages: the
most engaged message (likes + shares + comments, :mod:`civicnet.tactics.engagement`; ties:
oldest, then id) of each of its most central members (by PageRank, the order of
``top_accounts``), the most central member first; a member who wrote no message with text
(a repost carries no words of its own) is passed over.
"""

from __future__ import annotations

import pyarrow as pa

from ..networks.case import case_networks
from ..networks.result import NetworkResult
from ..store.scope import CaseScope, Relation, measure
from ..tactics._base import messages
from ..tactics.engagement import engagement

#: Messages shown per group (one each of its most central members).
PER_GROUP = 2

_BEST = """
    WITH best AS (
        SELECT g.community, g.rank, m.id, m.ident, m.text, m.created_at,
               coalesce(e.likes, 0) + coalesce(e.shares, 0) + coalesce(e.comments, 0) AS n
        FROM {messages} m
        JOIN {members} g ON g.ident = m.ident AND g.platform = m.platform
        LEFT JOIN {engagement} e ON e.platform = m.platform AND e.id = m.id
        WHERE m.kind <> 'repost' AND m.text IS NOT NULL AND trim(m.text) <> ''
        QUALIFY row_number() OVER (PARTITION BY g.community, g.rank ORDER BY n DESC, m.created_at, m.id) = 1
    )
    SELECT community, id, ident, text, n FROM best
    QUALIFY row_number() OVER (PARTITION BY community ORDER BY rank) <= ?
    ORDER BY community, rank
"""


@measure(messages, engagement, case_networks)
def group_messages(scope: CaseScope, messages: Relation, engagement: Relation,
                   case_networks: dict[str, NetworkResult]) -> dict[int, list[dict]]:
    """Group id of the main network -> its central members' messages, ``{id, account, text, n}``
    (``account``: the author's identifier; ``n``: likes + shares + comments), module docstring."""
    main = case_networks.get(scope.case.networks[0])
    if main is None or len(main.net.platforms) != main.net.n_nodes:
        return {}
    index = {ident: i for i, ident in enumerate(main.net.ids)}
    rows = [(ident, main.net.platforms[index[ident]], c, rank)
            for c, members in main.community_top_accounts().items() for rank, ident in enumerate(members)]
    if not rows:
        return {}
    idents, platforms, groups, ranks = zip(*rows)
    table = pa.table({"ident": list(idents), "platform": list(platforms), "community": list(groups),
                      "rank": list(ranks)})
    with scope.lend("group_members", table) as members:
        found = scope.sql(scope.fill(_BEST, messages=messages, engagement=engagement, members=members), [PER_GROUP])
    out: dict[int, list[dict]] = {}
    for c, message_id, ident, text, n in found:
        out.setdefault(int(c), []).append({"id": message_id, "account": ident, "text": text, "n": int(n)})
    return out
