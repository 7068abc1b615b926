"""Which messages are addressed to a government account: one definition for every stage.

CONTRACT: a message is addressed to a government account when it mentions it, replies
to one of its messages, comments on its post, or is a post on its page. Tactics (the
questions of summary.json) and webcare (the inbox) both use :func:`addressed_ctes`.
"""

from __future__ import annotations


def addressed_ctes(gov: str, messages: str = "case_messages") -> str:
    """SQL for two CTEs, ``pages`` and ``addressed(platform, id, gov)``.

    ``gov`` names a table of government accounts with columns ``platform, id, handle``;
    ``messages`` the case's counted messages (the view ``case_messages``, or a table of the
    same rows with at least its columns: the tactics pass their scope's table, which DuckDB
    scans without joining the case's links to the store's messages again — at 1M messages
    under the analysis' memory limit, and beyond it without spilling that join three times).
    The query must define, before these, the CTEs ``gm(platform, id, account)`` (the
    government's messages, context included) and ``owner(platform, id)`` (the page
    owner assumed for a post to a page whose page is not recorded). A message may be
    addressed to several accounts (one row each); reposts are not filtered here.
    """
    return f"""
pages AS (SELECT platform, id, kind, coalesce(page, CASE WHEN kind = 'post_to_page' AND contains(id, '_')
                                                    THEN split_part(id, '_', 1) END) AS page
          FROM {messages} WHERE kind IN ('post', 'post_to_page')),
addressed AS (
    SELECT i.platform, i.message AS id, g.id AS gov
    FROM case_interactions i JOIN {gov} g ON g.platform = i.platform
     AND (i.target_account = g.id OR (i.target_account IS NULL AND lower(i.target_handle) = lower(g.handle)))
    WHERE i.kind IN ('mention', 'reply', 'comment') AND i.message IS NOT NULL
      -- the join again as a filter, which DuckDB applies before the case view's joins (2x less CPU)
      AND (i.target_account IN (SELECT id FROM {gov})
           OR (i.target_account IS NULL AND lower(i.target_handle) IN (SELECT lower(handle) FROM {gov})))
    UNION ALL
    SELECT m.platform, m.id, p.account FROM {messages} m JOIN gm p ON p.platform = m.platform AND p.id = m.parent
    WHERE m.kind IN ('reply', 'comment')
    UNION ALL
    SELECT m.platform, m.id, p.account FROM {messages} m JOIN gm p ON p.platform = m.platform AND p.id = m.root
    WHERE m.kind = 'comment'
    UNION ALL
    SELECT m.platform, m.id, g.id FROM pages m JOIN {gov} g ON g.platform = m.platform AND g.id = m.page
    UNION ALL
    SELECT m.platform, m.id, o.id FROM pages m JOIN owner o ON o.platform = m.platform
    WHERE m.page IS NULL AND m.kind = 'post_to_page'
)"""
