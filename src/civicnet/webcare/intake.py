"""Which messages enter the inbox, and which the data show as answered.

**Intake.** Every counted message of the case (``case_messages``), not written by a
government account of the case file and not a repost, that is *addressed* to one:

* it mentions the account (a ``mention`` tie, by account id or by handle), or carries
  a ``reply``/``comment`` tie to it;
* it replies to or comments on one of its messages (``parent``), or is a comment on
  one of its posts (``root``);
* it is a post on its page: a ``post``/``post_to_page`` whose ``page`` is the account
  (Facebook records the page a post was placed on); a ``post_to_page`` without
  ``page`` belongs to the page its Graph API id names (``PAGEID_POSTID``), failing
  that to the case's only government account that wrote posts on that platform.

With ``now`` given, messages written after it have not arrived yet and are left out.

**Answers** (as the tactics' questions, CONTRACT.md): an item is answered by the first
government message (any government account of the case, context messages included)
that replies to it or comments on it (``parent`` is the item). On a platform without
reply links in the case (no ``reply`` with a ``parent``: hand-collected LinkedIn
groups, flat comment threads) a government comment under it (``root`` is the item)
or a later government message in the same thread (same ``root``) that mentions its
author answers it too. With ``now`` given, answers after it do not count.

The account identifier is the handle, or on platforms without handles the account id
(CONTRACT.md, nodes.csv).
"""

from __future__ import annotations

from datetime import datetime

import pyarrow as pa

from ..store.addressed import addressed_ctes
from ..case import Case
from ..store.db import Store
from ..store.government import government_accounts
from ..store.views import use_case

_GOV = """
CREATE OR REPLACE TEMP TABLE webcare_gov AS
SELECT b.platform, b.id, coalesce(a.handle, b.id) AS ident, a.handle
FROM webcare_gov_batch b LEFT JOIN account a USING (platform, id)
"""

_ITEMS = """
CREATE OR REPLACE TEMP TABLE webcare_items AS
WITH gm AS (SELECT m.platform, m.id, m.account FROM case_all_messages m
            JOIN webcare_gov g ON g.platform = m.platform AND g.id = m.account),
owner AS (SELECT m.platform, min(m.account) AS id FROM case_messages m
          JOIN webcare_gov g ON g.platform = m.platform AND g.id = m.account
          WHERE m.kind = 'post' GROUP BY m.platform HAVING count(DISTINCT m.account) = 1),
{addressed}
SELECT m.platform, m.id, m.account AS account_id, coalesce(a.handle, m.account) AS account, a.handle,
       m.created_at, m.text, m.language, m.kind, m.parent, coalesce(m.root, m.id) AS thread,
       list(DISTINCT g.ident ORDER BY g.ident) AS addressed_to
FROM case_messages m JOIN addressed t USING (platform, id)
JOIN webcare_gov g ON g.platform = m.platform AND g.id = t.gov
LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account
WHERE m.kind <> 'repost'
  AND NOT EXISTS (SELECT 1 FROM webcare_gov x WHERE x.platform = m.platform AND x.id = m.account)
  AND (?::TIMESTAMP IS NULL OR m.created_at IS NULL OR m.created_at <= ?::TIMESTAMP)
GROUP BY ALL
""".replace("{addressed}", addressed_ctes("webcare_gov"))

_ANSWERS = """
CREATE OR REPLACE TEMP TABLE webcare_answers AS
WITH g AS (SELECT m.platform, m.id, gv.ident, m.created_at, m.kind, m.parent, m.root, coalesce(m.root, m.id) AS thread
           FROM case_all_messages m JOIN webcare_gov gv ON gv.platform = m.platform AND gv.id = m.account
           WHERE ?::TIMESTAMP IS NULL OR m.created_at <= ?::TIMESTAMP),
flat AS (SELECT platform FROM case_all_messages GROUP BY platform
         HAVING count(*) FILTER (WHERE kind = 'reply' AND parent IS NOT NULL) = 0),
cand AS (
    SELECT q.platform, q.id, g.id AS answer_id, g.ident AS answered_by, g.created_at AS a_at
    FROM webcare_items q JOIN g ON g.platform = q.platform AND g.parent = q.id
    WHERE g.kind IN ('reply', 'comment')
    UNION ALL
    SELECT q.platform, q.id, g.id, g.ident, g.created_at
    FROM webcare_items q JOIN g ON g.platform = q.platform AND g.root = q.id AND g.id <> q.id
    WHERE q.platform IN (SELECT platform FROM flat) AND g.kind IN ('comment', 'reply')
      AND g.created_at >= q.created_at
    UNION ALL
    SELECT q.platform, q.id, g.id, g.ident, g.created_at
    FROM webcare_items q JOIN g ON g.platform = q.platform AND g.thread = q.thread AND g.id <> q.id
    JOIN case_interactions i ON i.platform = g.platform AND i.message = g.id AND i.kind = 'mention'
     AND (i.target_account = q.account_id OR (i.target_account IS NULL AND lower(i.target_handle) = lower(q.handle)))
    WHERE q.platform IN (SELECT platform FROM flat) AND g.created_at > q.created_at
)
SELECT platform, id, answer_id, answered_by, a_at AS answered_at FROM cand
QUALIFY row_number() OVER (PARTITION BY platform, id ORDER BY a_at NULLS LAST, answer_id) = 1
"""

COLUMNS = ("platform", "id", "account_id", "account", "created_at", "text", "language", "kind", "parent",
           "thread", "addressed_to", "answer_id", "answered_by", "answered_at")


def _naive(now: datetime | None) -> datetime | None:
    if now is None or now.tzinfo is None:
        return now
    from datetime import timezone

    return now.astimezone(timezone.utc).replace(tzinfo=None)


def install_government(store: Store, case: Case) -> int:
    """Fill the temp table ``webcare_gov`` (platform, id, ident, handle); returns how many."""
    use_case(store, case.id)
    gov = government_accounts(store, case)
    table = pa.table({"platform": pa.array([g.platform for g in gov], pa.string()),
                      "id": pa.array([g.account_id for g in gov], pa.string())})
    store.con.register("webcare_gov_batch", table)
    try:
        store.sql(_GOV)
    finally:
        store.con.unregister("webcare_gov_batch")
    return len(gov)


def intake(store: Store, case: Case, now: datetime | None = None) -> list[dict]:
    """The case's inbox items with their first government answer (module docstring).

    Each is a dict of :data:`COLUMNS`; times are naive UTC datetimes as stored.
    Ordered by arrival, then platform and id.
    """
    install_government(store, case)
    cutoff = _naive(now)
    store.sql(_ITEMS, [cutoff, cutoff])
    store.sql(_ANSWERS, [cutoff, cutoff])
    rows = store.sql(
        """
        SELECT q.platform, q.id, q.account_id, q.account, q.created_at, q.text, q.language, q.kind, q.parent,
               q.thread, q.addressed_to, a.answer_id, a.answered_by, a.answered_at
        FROM webcare_items q LEFT JOIN webcare_answers a USING (platform, id)
        ORDER BY q.created_at NULLS LAST, q.platform, q.id
        """
    )
    return [dict(zip(COLUMNS, r)) for r in rows]


def thread(store: Store, case: Case, item_id: str, platform: str | None = None) -> list[dict]:
    """The thread around an item: every stored message of its thread, oldest first.

    Context-only messages (parents that came along) are included. Each is
    ``{platform, id, account, created_at, kind, parent, text, is_government}``.
    """
    install_government(store, case)
    rows = store.sql(
        """
        WITH q AS (SELECT platform, coalesce(root, id) AS thread FROM case_all_messages
                   WHERE id = ? AND (?::VARCHAR IS NULL OR platform = ?) LIMIT 1)
        SELECT m.platform, m.id, coalesce(a.handle, m.account), m.created_at, m.kind, m.parent, m.text,
               EXISTS (SELECT 1 FROM webcare_gov g WHERE g.platform = m.platform AND g.id = m.account)
        FROM case_all_messages m JOIN q ON q.platform = m.platform AND coalesce(m.root, m.id) = q.thread
        LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account
        ORDER BY m.created_at NULLS LAST, m.id
        """,
        [item_id, platform, platform],
    )
    keys = ("platform", "id", "account", "created_at", "kind", "parent", "text", "is_government")
    return [dict(zip(keys, r)) for r in rows]
