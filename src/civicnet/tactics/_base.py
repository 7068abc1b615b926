"""Shared set-up of the tactics queries: case views, government table, message views.

:func:`prepare` runs :func:`civicnet.store.views.use_case`, installs ``tactics_gov``
(:mod:`.accounts`) and two views every module of this package queries:

``tactics_messages``
    the case's counted messages (without the columns no tactic reads: ``reply_count``,
    ``quote_count``, ``url``, ``edit_group``) with ``is_gov`` (author is a government account),
    ``gov_role`` and ``ident`` (the author's handle, or account id where the platform
    has no handles: CONTRACT.md's account identifier);
``tactics_all_messages``
    the same over every stored message of the case, context included.

Derived temp tables are computed once per case state (:mod:`._fresh`). The two message
"views" are filled once per case state (``tactics_all_messages`` a temp table, and
``tactics_messages`` its counted rows): as views they joined every message
with the government and account tables again in each of the package's queries (on 1M
messages 0.55 CPU s per full scan against 0.08 from the table).
"""

from __future__ import annotations

import weakref
from datetime import date, datetime, timedelta

from ..case import Case
from ..store.db import Store
from ._fresh import fingerprint
from .accounts import GovAccount, install

#: store -> the case state and government table its message tables were filled for.
_MESSAGES: "weakref.WeakKeyDictionary[Store, tuple]" = weakref.WeakKeyDictionary()

#: The message columns no tactic reads (``url`` alone is ~100 MB at 1M) are left out.
_VIEW = """
    CREATE OR REPLACE TEMP TABLE {name} AS
    SELECT m.* EXCLUDE (reply_count, quote_count, url, edit_group), g.id IS NOT NULL AS is_gov, g.role AS gov_role,
           coalesce(a.handle, m.account) AS ident
    FROM {source} m
    LEFT JOIN tactics_gov g ON g.platform = m.platform AND g.id = m.account
    LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account
"""


def prepare(store: Store, case: Case) -> list[GovAccount]:
    """Create the case views, ``tactics_gov`` and the message views; return the government accounts."""
    accounts = install(store, case)
    state = (fingerprint(store, case), tuple(store.sql("SELECT * FROM tactics_gov ORDER BY ALL")))
    if _MESSAGES.get(store) != state:
        store.sql(_VIEW.format(name="tactics_all_messages", source="case_all_messages"))
        store.sql("CREATE OR REPLACE TEMP VIEW tactics_messages AS "  # case_messages' definition, on the table
                  "SELECT * EXCLUDE (collected) FROM tactics_all_messages WHERE collected")
        _MESSAGES[store] = state
    return accounts


def period(store: Store, case: Case) -> tuple[date | None, date | None]:
    """The case period: the case file's, else the first and last day of its counted messages
    (after :func:`prepare`: read from ``tactics_messages``, 20× cheaper than the case view)."""
    lo, hi = store.sql("SELECT min(created_at)::DATE, max(created_at)::DATE FROM tactics_messages")[0]
    return case.period_start or lo, case.period_end or hi


def period_end_exclusive(store: Store, case: Case) -> datetime | None:
    """The first instant after the case period (None when the case has no messages)."""
    _, end = period(store, case)
    return datetime.combine(end + timedelta(days=1), datetime.min.time()) if end else None


def iso_utc(value: datetime | None) -> str | None:
    """``YYYY-MM-DDTHH:MM:SSZ`` for a stored (naive UTC) timestamp."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None

