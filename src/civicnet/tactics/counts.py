"""The case's numbers and its timeline (CONTRACT.md ``counts``, ``timeline``).

Counts follow CONTRACT.md: ``messages`` are the counted messages of the case (the
collection returned them; context-only messages, duplicates and older versions of
edited messages are left out by the ``case_messages`` view); ``posts`` are posts,
posts to a page and group posts; ``posts_to_page`` the posts by others on a page of the
case (kind ``post_to_page``; also in ``posts``); ``likes`` and ``shares`` the sums of
:mod:`.engagement` (None where the source has neither a listing nor a count);
``mentions`` counts mention interactions; ``participants`` are distinct authors of
counted messages; ``followers`` the followers (or page likes) of the case's ``focus:``
accounts where the source gives them (:func:`focus_followers`), else None.

Peaks are :mod:`.peaks`.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from ..store.scope import Relation, measure
from ._base import messages, period
from .engagement import engagement_totals

#: A case whose period spans at most this many days is best shown per hour.
SHORT_CASE_DAYS = 2

_COUNTS = """
    SELECT count(*),
           count(*) FILTER (WHERE kind IN ('post', 'post_to_page', 'group_post')),
           count(*) FILTER (WHERE kind = 'post_to_page'),
           count(*) FILTER (WHERE kind = 'comment'),
           count(*) FILTER (WHERE kind = 'reply'),
           count(*) FILTER (WHERE kind = 'repost'),
           count(*) FILTER (WHERE kind = 'quote'),
           count(DISTINCT (platform, account)) FILTER (WHERE account IS NOT NULL),
           count(*) FILTER (WHERE is_gov)
    FROM {messages}
"""


#: The followers of the focus accounts: by handle (case-insensitive, without ``@``), or on
#: platforms without handles by account id or exact name, as ``government:`` entries match.
_FOCUS_FOLLOWERS = """
    SELECT sum(followers)::BIGINT FROM case_accounts a
    WHERE followers IS NOT NULL AND EXISTS (
        SELECT 1 FROM (SELECT unnest(?::VARCHAR[]) AS f) WHERE lower(a.handle) = lower(ltrim(f, '@'))
               OR (a.handle IS NULL AND (a.id = f OR a.name = f)))
"""


@measure()
def focus_followers(scope) -> int | None:
    """Followers (or page likes) of the case's ``focus:`` accounts, summed over those the source
    gives them for; None when it gives them for none (or the case names no focus)."""
    if not scope.case.focus:
        return None
    (total,) = scope.sql(_FOCUS_FOLLOWERS, [list(scope.case.focus)])[0]
    return None if total is None else int(total)


@measure(messages)
def case_platforms(scope, messages: Relation) -> tuple[str, ...]:
    """The platforms of the case's counted messages, sorted (what the factsheet's numbers are about)."""
    return tuple(p for (p,) in scope.sql(f"SELECT DISTINCT platform FROM {messages} ORDER BY platform"))


@measure(messages, engagement_totals, focus_followers)
def case_counts(scope, messages: Relation, engagement_totals: dict, focus_followers: int | None) -> dict:
    """CONTRACT.md ``counts`` for the case, in its order."""
    row = scope.sql(scope.fill(_COUNTS, messages=messages))[0]
    (mentions,) = scope.sql("SELECT count(*) FROM case_interactions WHERE kind = 'mention'")[0]
    n_messages, posts, to_page, comments, replies, reposts, quotes, participants, gov = row
    return {
        "messages": n_messages, "posts": posts, "posts_to_page": to_page, "comments": comments,
        "replies": replies, "reposts": reposts, "quotes": quotes, "likes": engagement_totals["likes"],
        "shares": engagement_totals["shares"], "mentions": mentions, "participants": participants,
        "government_messages": gov, "followers": focus_followers,
    }


@measure(period)
def timeline_unit(scope, period: tuple[date | None, date | None]) -> str:
    """``"hour"`` for short cases (period of at most :data:`SHORT_CASE_DAYS` days), else ``"day"``."""
    start, end = period
    if start is None:
        return "day"
    return "hour" if (end - start).days + 1 <= SHORT_CASE_DAYS else "day"


_SLOTS = """
    WITH slots AS (SELECT range AS t FROM range(?::TIMESTAMP, ?::TIMESTAMP, INTERVAL {step})),
    c AS (SELECT date_trunc('{trunc}', created_at) AS t, count(*) AS n, count(*) FILTER (WHERE is_gov) AS g
          FROM {messages} WHERE created_at IS NOT NULL GROUP BY 1)
    SELECT slots.t, coalesce(c.n, 0), coalesce(c.g, 0) FROM slots LEFT JOIN c USING (t) ORDER BY slots.t
"""


def timeline_rows(scope, messages: Relation, span: tuple[date | None, date | None], unit: str = "day") -> list[dict]:
    """Messages and government messages per day (or hour) of the period ``span``, quiet ones included.

    Messages dated outside the period are not on the timeline. With ``unit="hour"`` every
    hour of the period gets a row, with an extra ``"hour"`` key (``YYYY-MM-DDTHH:00Z``)
    next to ``"date"``.
    """
    if unit not in ("day", "hour"):
        raise ValueError("unit must be 'day' or 'hour'")
    start, end = span
    if start is None:
        return []
    query = scope.fill(_SLOTS.replace("{step}", "1 DAY" if unit == "day" else "1 HOUR").replace("{trunc}", unit),
                       messages=messages)
    rows = scope.sql(query, [datetime.combine(start, datetime.min.time()),
                             datetime.combine(end + timedelta(days=1), datetime.min.time())])
    out = []
    for t, n, g in rows:
        row = {"date": t.date().isoformat(), "messages": int(n), "government_messages": int(g)}
        if unit == "hour":
            row["hour"] = t.strftime("%Y-%m-%dT%H:00Z")
        out.append(row)
    return out


@measure(messages, period)
def timeline(scope, messages: Relation, period: tuple[date | None, date | None]) -> list[dict]:
    """CONTRACT.md ``timeline``: messages and government messages per day of the period, quiet
    days included. The period is the case file's, else first to last message day."""
    return timeline_rows(scope, messages, period, "day")


@measure(messages, period, timeline_unit, timeline)
def timeline_slots(scope, messages: Relation, period: tuple, timeline_unit: str, timeline: list[dict]) -> list[dict]:
    """The timeline in the case's unit (:func:`timeline_unit`): per hour for short cases, else per day."""
    return timeline if timeline_unit == "day" else timeline_rows(scope, messages, period, "hour")
