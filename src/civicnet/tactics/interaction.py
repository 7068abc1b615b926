"""One-way or two-way: how government and citizens interact (METHOD.md §3, report 6.5).

Figures, all over the case's counted messages and interactions:

``government_replies``
    government messages that are replies or comments, and their share;
``citizens_addressing_government``
    distinct non-government accounts that addressed a government account (mention,
    reply, comment, post to its page; not reposts): the *addressed* rule of
    :mod:`.answers`;
``citizens_addressed_by_government``
    distinct non-government accounts a government message mentions, replies to or
    comments on;
``reciprocity``
    share of the citizens addressing government whom government addressed back;
``threads``
    conversations (a message's ``root``, else its own id) with at least one
    non-government message, and how many of those government took part in;
``citizen_reactions``
    replies/comments by citizens to government messages, named likes of government
    messages (like interactions) and the platforms' like counts on government messages
    (where given), reposts and quotes of government messages: likes vs replies is the
    report's "pats on the back vs real discussion" (``likes_per_reply`` takes the larger
    of named likes and like counts);
``government_to_government``
    share of government's ties (mentions, replies, comments, reposts, quotes) that go
    to other government accounts (working together inside government).

``mode``: ``absent`` without government messages; ``two-way`` when at least
:data:`TWO_WAY_SHARE` of government messages are replies/comments and government
addressed back at least one citizen who addressed it; else ``one-way``.
"""

from __future__ import annotations

from ..store.government import government_table
from ..store.scope import Relation, measure
from ._base import all_messages, messages
from .answers import addressed

TWO_WAY_SHARE = 0.10

# ``gov_ties`` is materialised: ``outbound`` reads its mentions, replies and comments, so
# the case's interactions are joined with the government accounts once, not twice. Its
# ``IN`` repeats the join as a filter DuckDB applies before the case view's own joins
# (0.35 CPU s at 1M instead of 1.0).
_SQL = """
WITH gm AS (SELECT platform, id, account FROM {all_messages} WHERE is_gov),
gov_ties AS MATERIALIZED (
    SELECT i.platform, i.kind, i.target_account, i.target_handle FROM case_interactions i
    JOIN {government_table} g ON g.platform = i.platform AND g.id = i.source_account
    WHERE i.kind IN ('mention', 'reply', 'comment', 'repost', 'quote') AND i.source_account IN (SELECT id FROM {government_table})),
inbound AS (SELECT DISTINCT m.platform, m.account FROM {addressed} a JOIN {messages} m USING (platform, id)
            WHERE m.account IS NOT NULL),
outbound AS (
    SELECT DISTINCT platform, target AS account FROM (
        SELECT platform, target_account AS target FROM gov_ties
        WHERE kind IN ('mention', 'reply', 'comment') AND target_account IS NOT NULL
        UNION ALL
        SELECT m.platform, p.account FROM {messages} m JOIN {all_messages} p
          ON p.platform = m.platform AND p.id = m.parent
        WHERE m.is_gov AND m.kind IN ('reply', 'comment') AND p.account IS NOT NULL)
    WHERE (platform, target) NOT IN (SELECT platform, id FROM {government_table})),
threads AS (SELECT platform, coalesce(root, id) AS thread, bool_or(is_gov) AS gov, bool_or(NOT is_gov) AS cit
            FROM {messages} GROUP BY ALL)
SELECT
    (SELECT count(*) FROM {messages} WHERE is_gov),
    (SELECT count(*) FROM {messages} WHERE is_gov AND kind IN ('reply', 'comment')),
    (SELECT count(*) FROM inbound),
    (SELECT count(*) FROM outbound),
    (SELECT count(*) FROM inbound JOIN outbound USING (platform, account)),
    (SELECT count(*) FROM threads WHERE cit),
    (SELECT count(*) FROM threads WHERE cit AND gov),
    (SELECT count(*) FROM {messages} m JOIN gm ON gm.platform = m.platform AND gm.id = m.parent
     WHERE NOT m.is_gov AND m.kind IN ('reply', 'comment')),
    (SELECT count(*) FROM case_interactions i JOIN gm ON gm.platform = i.platform AND gm.id = i.target_message
     WHERE i.kind = 'like'),
    (SELECT sum(like_count) FROM {messages} WHERE is_gov),
    (SELECT count(*) FROM {messages} m JOIN gm ON gm.platform = m.platform AND gm.id = m.parent
     WHERE NOT m.is_gov AND m.kind IN ('repost', 'quote')),
    (SELECT count(*) FROM gov_ties),
    (SELECT count(*) FROM gov_ties t JOIN {government_table} g ON g.platform = t.platform
      AND (g.id = t.target_account OR (t.target_account IS NULL AND lower(g.handle) = lower(t.target_handle))))
"""


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@measure(government_table, all_messages, messages, addressed)
def interaction(scope, government_table: Relation, all_messages: Relation, messages: Relation,
                addressed: Relation) -> dict:
    """The interaction figures of the module docstring."""
    query = scope.fill(_SQL, government_table=government_table, all_messages=all_messages, messages=messages,
                       addressed=addressed)
    (gov, gov_replies, inbound, outbound, both, threads, gov_threads, cit_replies, named_likes, like_counts,
     cit_reposts, gov_ties, gov_gov) = (v if v is None else int(v) for v in scope.sql(query)[0])
    reply_share = _share(gov_replies, gov)
    if not gov:
        mode = "absent"
    elif (reply_share or 0) >= TWO_WAY_SHARE and both > 0:
        mode = "two-way"
    else:
        mode = "one-way"
    return {
        "mode": mode,
        "government_messages": gov,
        "government_replies": gov_replies,
        "government_reply_share": reply_share,
        "citizens_addressing_government": inbound,
        "citizens_addressed_by_government": outbound,
        "citizens_both_ways": both,
        "reciprocity": _share(both, inbound),
        "threads_with_citizens": threads,
        "threads_with_government": gov_threads,
        "thread_participation_share": _share(gov_threads, threads),
        "citizen_reactions": {
            "replies_and_comments": cit_replies, "named_likes": named_likes,
            "platform_like_counts": like_counts, "reposts_and_quotes": cit_reposts,
            "likes_per_reply": round(max(named_likes, like_counts or 0) / cit_replies, 2) if cit_replies else None,
        },
        "government_to_government_share": _share(gov_gov, gov_ties),
    }
