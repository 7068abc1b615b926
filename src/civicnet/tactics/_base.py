"""The message tables every tactic queries, and the case period.

Two measures on the case's scope (:mod:`civicnet.store.scope`):

:func:`all_messages`
    a table of the case's messages, context included (without the columns no tactic
    reads: ``quote_count``, ``url``, ``edit_group``), with ``is_gov``
    (the author is a government account of the case), ``ident`` (the author's handle, or
    account id where the platform has no handles: CONTRACT.md's account identifier) and
    ``collected``;
:func:`messages`
    a view of its counted rows (``collected``), without ``collected``.

The table is filled once per scope: as views over the case views, every query of the
package joined every message with the government and account tables again (on 1M
messages 0.55 CPU s per full scan against 0.08 from the table).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..store.government import government_table
from ..store.scope import Relation, measure

#: The message columns no tactic reads (``url`` alone is ~100 MB at 1M) are left out.
_ALL_MESSAGES = """
    SELECT m.* EXCLUDE (quote_count, url, edit_group), g.id IS NOT NULL AS is_gov,
           coalesce(a.handle, m.account) AS ident
    FROM case_all_messages m
    LEFT JOIN {government_table} g ON g.platform = m.platform AND g.id = m.account
    LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account
"""


@measure(government_table)
def all_messages(scope, government_table: Relation) -> Relation:
    """The case's messages, context included, with ``is_gov`` and ``ident`` (module docstring)."""
    return scope.table("all_messages", scope.fill(_ALL_MESSAGES, government_table=government_table))


@measure(all_messages)
def messages(scope, all_messages: Relation) -> Relation:
    """The case's counted messages, with ``is_gov`` and ``ident`` (module docstring)."""
    return scope.view("messages", f"SELECT * EXCLUDE (collected) FROM {all_messages} WHERE collected")


@measure(messages)
def period(scope, messages: Relation) -> tuple[date | None, date | None]:
    """The case period: the case file's, else the first and last day of its counted messages."""
    case = scope.case
    lo, hi = scope.sql(f"SELECT min(created_at)::DATE, max(created_at)::DATE FROM {messages}")[0]
    return case.period_start or lo, case.period_end or hi


def period_end_exclusive(span: tuple[date | None, date | None]) -> datetime | None:
    """The first instant after the case period (None when the case has no messages)."""
    _, end = span
    return datetime.combine(end + timedelta(days=1), datetime.min.time()) if end else None


def iso_utc(value: datetime | None) -> str | None:
    """``YYYY-MM-DDTHH:MM:SSZ`` for a stored (naive UTC) timestamp."""
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if value else None
