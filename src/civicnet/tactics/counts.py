"""The case's numbers, its timeline and its peaks (CONTRACT.md ``counts``, ``timeline``, ``peaks``).

Counts follow CONTRACT.md: ``messages`` are the counted messages of the case (the
collection returned them; context-only messages, duplicates and older versions of
edited messages are left out by the ``case_messages`` view); ``posts`` are posts,
posts to a page and group posts; ``likes`` and ``mentions`` count interactions of that
kind (likes only where the source names who liked, never the platforms' like counts);
``participants`` are distinct authors of counted messages.

Peaks
-----
A day is a peak when its message count ``x`` satisfies all of

* ``x > median + K · s`` with ``K = 3``, where ``median`` is the median daily count over
  every day of the period (quiet days count as 0) and ``s`` the robust spread:
  ``s = 1.4826 · MAD`` (the median absolute deviation, scaled so that it estimates the
  standard deviation of normally distributed counts); when MAD is 0 (more than half of
  the days share one count, typical of quiet cases) ``s = 1.2533 · mean absolute
  deviation from the median`` (the same consistency scaling for the mean deviation);
  when that is 0 too, no day stands out;
* ``x ≥ MIN_PEAK_MESSAGES`` (10): a quiet case whose busiest day has 3 messages has
  no peaks.

Peaks are listed most prominent first: highest robust score ``(x - median) / s``, which
for one case orders by count; ties by date.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from statistics import median

from ..store.scope import Relation, measure
from ._base import messages, period

#: Peak rule constants (see the module docstring).
PEAK_K = 3.0
MIN_PEAK_MESSAGES = 10
MAD_SCALE = 1.4826
MEAN_AD_SCALE = 1.2533
#: A case whose period spans at most this many days is best shown per hour.
SHORT_CASE_DAYS = 2

_COUNTS = """
    SELECT count(*),
           count(*) FILTER (WHERE kind IN ('post', 'post_to_page', 'group_post')),
           count(*) FILTER (WHERE kind = 'comment'),
           count(*) FILTER (WHERE kind = 'reply'),
           count(*) FILTER (WHERE kind = 'repost'),
           count(*) FILTER (WHERE kind = 'quote'),
           count(DISTINCT (platform, account)) FILTER (WHERE account IS NOT NULL),
           count(*) FILTER (WHERE is_gov)
    FROM {messages}
"""


@measure(messages)
def case_counts(scope, messages: Relation) -> dict:
    """CONTRACT.md ``counts`` for the case."""
    row = scope.sql(scope.fill(_COUNTS, messages=messages))[0]
    likes, mentions = scope.sql(
        """SELECT count(*) FILTER (WHERE kind = 'like'), count(*) FILTER (WHERE kind = 'mention')
           FROM case_interactions WHERE kind IN ('like', 'mention')"""
    )[0]
    n_messages, posts, comments, replies, reposts, quotes, participants, gov = row
    return {
        "messages": n_messages, "posts": posts, "comments": comments, "replies": replies,
        "reposts": reposts, "quotes": quotes, "likes": likes, "mentions": mentions,
        "participants": participants, "government_messages": gov,
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


def baseline(counts: list[int]) -> dict:
    """The robust baseline of a series of counts: median, MAD, spread and peak threshold."""
    if not counts:
        return {"median": None, "mad": None, "spread": None, "spread_method": None, "threshold": None}
    med = median(counts)
    deviations = [abs(x - med) for x in counts]
    mad = median(deviations)
    if mad > 0:
        spread, method = MAD_SCALE * mad, "1.4826 * MAD"
    else:
        spread, method = MEAN_AD_SCALE * sum(deviations) / len(deviations), "1.2533 * mean absolute deviation (MAD = 0)"
    threshold = med + PEAK_K * spread if spread > 0 else None
    return {"median": med, "mad": mad, "spread": spread, "spread_method": method, "threshold": threshold}


def detect_peaks(series: list[tuple[str, int]], min_count: int = MIN_PEAK_MESSAGES) -> list[str]:
    """Labels of the series' peaks (module docstring rule), most prominent first."""
    base = baseline([n for _, n in series])
    if base["threshold"] is None:
        return []
    hits = [(label, n) for label, n in series if n > base["threshold"] and n >= min_count]
    hits.sort(key=lambda item: (-(item[1] - base["median"]) / base["spread"], item[0]))
    return [label for label, _ in hits]


@measure(timeline)
def peaks(scope, timeline: list[dict]) -> list[str]:
    """CONTRACT.md ``peaks``: the days that stand out from the case's own baseline."""
    return detect_peaks([(d["date"], d["messages"]) for d in timeline])


@measure(timeline)
def peak_details(scope, timeline: list[dict]) -> dict:
    """The peak rule applied to the case: baseline figures, the days found, case events."""
    return describe_peaks(timeline, scope.case.events)


def describe_peaks(days: list[dict], case_events=(), min_count: int = MIN_PEAK_MESSAGES) -> dict:
    """The peak rule applied to a daily timeline: baseline figures, the days found, the events on them."""
    base = baseline([d["messages"] for d in days])
    found = detect_peaks([(d["date"], d["messages"]) for d in days], min_count)
    by_day = {d["date"]: d for d in days}
    events = []
    for event in case_events:
        day = by_day.get(event.date.isoformat(), {})
        events.append({
            "date": event.date.isoformat(), "label": event.label, "messages": day.get("messages"),
            "government_messages": day.get("government_messages"), "is_peak": event.date.isoformat() in found,
        })
    return {
        "method": f"day count > median + {PEAK_K:g} * spread and >= {min_count} messages",
        **base, "min_messages": min_count, "peaks": [{"date": p, "messages": by_day[p]["messages"]} for p in found],
        "events": events,
    }
