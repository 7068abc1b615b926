"""When government speaks: each government message proactive, active or reactive.

The report (METHOD.md §3, 6.3) distinguishes proactive (before anything happens,
building a community), active (steady everyday communication) and reactive
(responding once a discussion or crisis runs). Each counted government message gets
one label by the first rule that fits:

reactive
    1. ``reply``: it is a reply or a comment;
    2. ``answer``: it answers a citizen's question (:mod:`.answers`);
    3. ``passes_on_citizen``: it is a repost or quote of a non-government message;
    4. ``peak_day``: it was sent on a peak day (:func:`.counts.peaks`): the
       discussion was running;
proactive
    5. ``before_topic``: it was sent before the case's first non-government message;
    6. ``before_peak``: it was sent in the :data:`PRE_PEAK_HOURS` hours before a peak day;
    7. ``quiet_window``: no non-government message in the :data:`QUIET_WINDOW_HOURS`
       hours before it;
active
    8. ``everyday``: otherwise (citizens were active in the window, no peak, not a
       response).

Messages without a timestamp get a label only from rules 1–3; otherwise they stay
unlabelled (``label`` None) and are not in the counts.
"""

from __future__ import annotations

from collections import Counter

from ..store.scope import Relation, measure
from ._base import all_messages, messages
from .answers import answers
from .peaks import peaks

PRE_PEAK_HOURS = 24
QUIET_WINDOW_HOURS = 72
LABELS = ("proactive", "active", "reactive")

_LABELS_SQL = f"""
WITH g AS (SELECT platform, id, created_at, kind, parent FROM {{messages}} WHERE is_gov),
cit AS (SELECT created_at FROM {{messages}} WHERE created_at IS NOT NULL AND NOT is_gov),
first AS (SELECT min(created_at) AS first_cit FROM cit),
ev AS (SELECT created_at AS t, 0 AS gov, NULL::VARCHAR AS platform, NULL::VARCHAR AS id FROM cit
       UNION ALL SELECT created_at, 1, platform, id FROM g WHERE created_at IS NOT NULL),
prev AS (SELECT platform, id, prev_at FROM (
             -- the latest citizen message strictly before each government message (ties: government first)
             SELECT platform, id, gov,
                    max(CASE WHEN gov = 0 THEN t END) OVER (ORDER BY t, gov DESC ROWS UNBOUNDED PRECEDING) AS prev_at
             FROM ev) WHERE gov = 1),
ans AS (SELECT DISTINCT platform, answer_id AS id FROM {{answers}}),
par AS (SELECT g.platform, g.id FROM g JOIN {{all_messages}} p ON p.platform = g.platform AND p.id = g.parent
        WHERE p.account IS NOT NULL AND NOT p.is_gov),
pk AS (SELECT unnest(?::DATE[]) AS d),
x AS (
    SELECT g.*, p.prev_at, first.first_cit, a.id IS NOT NULL AS answers, pa.id IS NOT NULL AS parent_citizen,
           g.created_at::DATE IN (SELECT d FROM pk) AS on_peak,
           EXISTS (SELECT 1 FROM pk WHERE g.created_at >= pk.d::TIMESTAMP - INTERVAL {PRE_PEAK_HOURS} HOUR
                   AND g.created_at < pk.d::TIMESTAMP) AS before_peak
    FROM g CROSS JOIN first LEFT JOIN prev p USING (platform, id) LEFT JOIN ans a USING (platform, id)
    LEFT JOIN par pa USING (platform, id)
)
SELECT platform, id, CASE
    WHEN kind IN ('reply', 'comment') THEN 'reply'
    WHEN answers THEN 'answer'
    WHEN kind IN ('repost', 'quote') AND parent_citizen THEN 'passes_on_citizen'
    WHEN created_at IS NULL THEN NULL
    WHEN on_peak THEN 'peak_day'
    WHEN first_cit IS NULL OR created_at < first_cit THEN 'before_topic'
    WHEN before_peak THEN 'before_peak'
    WHEN prev_at IS NULL OR created_at - prev_at > INTERVAL {QUIET_WINDOW_HOURS} HOUR THEN 'quiet_window'
    ELSE 'everyday' END AS reason
FROM x
"""

REASON_LABEL = {
    "reply": "reactive", "answer": "reactive", "passes_on_citizen": "reactive", "peak_day": "reactive",
    "before_topic": "proactive", "before_peak": "proactive", "quiet_window": "proactive", "everyday": "active",
}


@measure(messages, all_messages, answers, peaks)
def timing(scope, messages: Relation, all_messages: Relation, answers: Relation, peaks: list[str]) -> Relation:
    """Each counted government message's timing: ``platform, id, reason, label`` (module docstring)."""
    cases = " ".join(f"WHEN '{reason}' THEN '{label}'" for reason, label in REASON_LABEL.items())
    query = scope.fill(_LABELS_SQL, messages=messages, all_messages=all_messages, answers=answers)
    return scope.table("timing", f"SELECT *, CASE reason {cases} END AS label FROM ({query})", [peaks])


def timing_counts(scope, timing: Relation) -> dict:
    """``{proactive, active, reactive}`` counts of the :func:`timing` table."""
    counts = Counter(dict(scope.sql(f"SELECT label, count(*) FROM {timing} WHERE label IS NOT NULL GROUP BY 1")))
    return {label: int(counts.get(label, 0)) for label in LABELS}


def timing_reasons(scope, timing: Relation) -> dict:
    """How many government messages each rule labelled (``unlabelled``: no timestamp)."""
    rows = scope.sql(f"SELECT coalesce(reason, 'unlabelled'), count(*) FROM {timing} GROUP BY 1 ORDER BY 2 DESC, 1")
    return {reason: int(n) for reason, n in rows}
