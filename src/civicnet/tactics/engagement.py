"""Likes, shares and comments of the case's messages: one figure per message, summed once.

CONTRACT.md ``counts.likes`` and ``counts.shares``, and the ``top_liked``, ``top_reposted`` and
``top_commented`` lists, all read the one table :func:`engagement` makes, so the total on a
factsheet can never be smaller than a message listed beside it.

Per counted message that is not itself a repost (a retweet carries its original's counts):

``likes``
    on a platform whose source lists who liked (``like`` interactions on its messages:
    Facebook reactions with names, Mastodon ``favourited_by``…): the likes listed for the
    message, or its like count when that is higher (a listing cut off after its first
    page); a message without a listed like counts 0 there (Facebook comments carry only a
    ``like_count``: the report counts the likes of posts). On a platform whose source lists
    none: the platform's like count;
``shares``
    the platform's share count (Facebook ``shares.count``, the retweet/reblog/repost count),
    or the reposts the collection holds of it (``repost`` interactions) when those are more;
``comments``
    the counted comments and replies under it (whose ``parent`` is the message, or whose
    thread ``root`` it is), or the platform's reply/comment count when that is higher.

A platform *has* likes when the source lists any like on a counted message of it or gives
any like count there; the same for shares. On a platform without, the message's figure is
None (null), never 0: a Graph API export without ``shares`` says nothing about sharing.
(CONTRACT.md: "like interactions where the source lists them, else the sum of the
platform's like counts"; per message, so that a listing cut off never makes the case's
total smaller than one message's count.)
The case's ``likes`` (``shares``) is the sum over its messages, None when no platform of the
case has them.
"""

from __future__ import annotations

from ..store.scope import Relation, measure
from ._base import messages

_ENGAGEMENT = """
WITH m AS (SELECT platform, id, ident, created_at, kind, like_count, share_count, reply_count
           FROM {messages} WHERE kind <> 'repost'),
listed AS (
    SELECT i.platform, i.target_message AS id, count(*) FILTER (WHERE i.kind = 'like') AS likes,
           count(*) FILTER (WHERE i.kind = 'repost') AS shares
    FROM case_interactions i
    WHERE i.kind IN ('like', 'repost') AND i.target_message IS NOT NULL GROUP BY ALL
),
under AS (
    SELECT platform, parent AS id, id AS child FROM {messages} WHERE kind IN ('comment', 'reply') AND parent IS NOT NULL
    UNION
    SELECT platform, root, id FROM {messages} WHERE kind IN ('comment', 'reply') AND root IS NOT NULL AND root <> id
),
children AS (SELECT platform, id, count(*) AS n FROM under GROUP BY ALL),
joined AS (
    SELECT m.*, coalesce(l.likes, 0) AS listed_likes, coalesce(l.shares, 0) AS listed_shares,
           coalesce(c.n, 0) AS listed_comments
    FROM m LEFT JOIN listed l USING (platform, id) LEFT JOIN children c USING (platform, id)
),
has AS (
    SELECT platform, bool_or(listed_likes > 0) AS lists_likes, bool_or(like_count IS NOT NULL) AS counts_likes,
           bool_or(share_count IS NOT NULL OR listed_shares > 0) AS has_shares
    FROM joined GROUP BY platform
)
SELECT j.platform, j.id, j.ident, j.created_at,
       CASE WHEN h.lists_likes THEN CASE WHEN j.listed_likes > 0 THEN greatest(j.listed_likes, coalesce(j.like_count, 0))
                                         ELSE 0 END
            WHEN h.counts_likes THEN coalesce(j.like_count, 0) END::BIGINT AS likes,
       CASE WHEN h.has_shares THEN greatest(j.listed_shares, coalesce(j.share_count, 0)) END::BIGINT AS shares,
       greatest(j.listed_comments, coalesce(j.reply_count, 0))::BIGINT AS comments
FROM joined j JOIN has h USING (platform)
"""


@measure(messages)
def engagement(scope, messages: Relation) -> Relation:
    """Per counted message (reposts left out): ``platform, id, ident, created_at, likes, shares,
    comments`` (module docstring; ``likes``/``shares`` NULL on a platform without them)."""
    return scope.table("engagement", scope.fill(_ENGAGEMENT, messages=messages))


@measure(engagement)
def engagement_totals(scope, engagement: Relation) -> dict:
    """The case's ``likes`` and ``shares`` (None when no platform of the case has them)."""
    likes, shares = scope.sql(f"SELECT sum(likes), sum(shares) FROM {engagement}")[0]
    return {"likes": None if likes is None else int(likes), "shares": None if shares is None else int(shares)}


_TOP = """
    WITH top AS (SELECT platform, id, ident, {column} AS n, created_at FROM {engagement}
                 WHERE {column} > 0 AND (?::VARCHAR IS NULL OR platform = ?) ORDER BY {column} DESC, created_at, id LIMIT {limit})
    SELECT t.id, t.ident, t.n, m.text
    FROM top t JOIN message m ON m.platform = t.platform AND m.id = t.id
    ORDER BY t.n DESC, t.created_at, t.id
"""


def top_by(scope, engagement: Relation, column: str, limit: int, platform: str | None = None) -> list[dict]:
    """The ``limit`` counted messages with the most ``likes``, ``shares`` or ``comments``, highest first
    (ties: oldest, then id): ``{id, account, n, text}`` (``account``: the author's identifier); of
    one ``platform`` only when given."""
    if column not in ("likes", "shares", "comments"):
        raise ValueError(f"no engagement column {column!r}")
    query = _TOP.replace("{column}", column).replace("{limit}", str(int(limit)))
    rows = scope.sql(scope.fill(query, engagement=engagement), [platform, platform])
    return [{"id": i, "account": acc, "n": int(n), "text": t or ""} for i, acc, n, t in rows]
