"""Citizens' questions to government and government's answers (CONTRACT.md, "question").

A **question** is a counted message, not by a government account and not a repost,

* *addressed* to a government account: it mentions one (a ``mention`` interaction
  whose target is the account, by id or handle), replies to or comments on a message
  of one (``parent``), comments on a post of one (``root``, comments only), carries a
  ``reply``/``comment`` tie to one, or is a post on the page of one (a ``post`` or
  ``post_to_page`` whose ``page`` is the account; for a ``post_to_page`` without
  ``page``, the id prefix before ``_`` as in Graph API ids, failing that the case's
  ``focus`` government account on that platform, failing that the only government
  account that wrote posts there);
* and *asking* something: :func:`civicnet.text.questions.is_question` (question mark,
  or a Dutch/English interrogative opening), in the message's language where the
  platform gives it, else Dutch and English both.

A question is **answered** when a government account (any, not only the one
addressed) replies to it or comments on it (a message whose ``parent`` is the
question). On a platform without reply links in the case (no ``reply`` message with a
``parent`` on that platform: hand-collected LinkedIn groups, flat comment threads) it
is also answered by a government comment under it (``root`` is the question) or by a
government message in the same thread (same ``root``) that mentions the question's
author, after the question and within the case period. The **first** such answer
gives ``answered_by`` (its account's identifier), ``answer_id`` and
``response_minutes`` (minutes from question to answer, one decimal; NULL when a
timestamp is missing or the clocks disagree).

``kind_of_question`` (the report found government answers short practical questions
and leaves critical or political ones): ``critical`` when the text carries a marker of
criticism or politics (:data:`CRITICAL_MARKERS`: *waarom*, *schande*, *beleid*,
*schadevergoeding*, *why*, *policy*…) or argues at length (more than
:data:`LONG_QUESTION_WORDS` words); otherwise ``practical``.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

import pyarrow as pa

from ..store.addressed import addressed_ctes
from ..store.government import government_table
from ..store.scope import Relation, measure
from ..text.questions import is_question
from ._base import all_messages, iso_utc, messages, period, period_end_exclusive

LONG_QUESTION_WORDS = 40
CRITICAL_MARKERS = re.compile(
    r"\b(?:waarom|hoezo|schande\w*|belachelijk\w*|onzin|bespottelijk|absurd|woedend|boos|kwaad|walgelijk"
    r"|politiek\w*|minister\w*|kabinet|regering|beleid\w*|verantwoordelijk\w*|verantwoording|schadevergoeding\w*"
    r"|compensatie|excuses|eindelijk|nog steeds|nooit|leugen\w*|liegen|gelogen|stop\w*|protest\w*|klacht\w*"
    r"|hoe kan het|hoe is het mogelijk|why|shame\w*|ridiculous|disgrace\w*|outrage\w*|policy|policies|government"
    r"|responsib\w+|compensation|apolog\w+|still|never|lie|lies|lying)\b",
    re.IGNORECASE,
)
_WORDS = re.compile(r"\w+", re.UNICODE)


def kind_of_question(text: str | None) -> str:
    """``critical`` or ``practical`` (module docstring)."""
    text = text or ""
    if CRITICAL_MARKERS.search(text) or len(_WORDS.findall(text)) > LONG_QUESTION_WORDS:
        return "critical"
    return "practical"


_ADDRESSED = """
WITH gm AS (SELECT platform, id, account FROM {all_messages} WHERE is_gov),
focus AS (SELECT g.platform, g.id FROM {government_table} g
          WHERE lower(g.ident) IN (SELECT lower(unnest(?::VARCHAR[])))),
posters AS (SELECT DISTINCT platform, account AS id FROM {messages} WHERE is_gov AND kind = 'post'),
owner AS (SELECT platform, min(id) AS id FROM (SELECT * FROM focus UNION ALL
                                                 SELECT * FROM posters WHERE platform NOT IN (SELECT platform FROM focus))
          GROUP BY platform HAVING count(DISTINCT id) = 1),
{addressed},
to_gov AS (SELECT t.platform, t.id, list(DISTINCT g.ident ORDER BY g.ident) AS addressed_to
           FROM addressed t JOIN {government_table} g ON g.platform = t.platform AND g.id = t.gov GROUP BY ALL)
SELECT m.platform, m.id, m.text, m.language, t.addressed_to
FROM to_gov t JOIN {messages} m USING (platform, id)
WHERE NOT m.is_gov AND m.kind <> 'repost'
""".replace("{addressed}", addressed_ctes("{government_table}", "{messages}"))

#: Platforms without reply links in the case (no ``reply`` message with a ``parent``).
_FLAT = """SELECT platform FROM {all_messages} GROUP BY platform
           HAVING count(*) FILTER (WHERE kind = 'reply' AND parent IS NOT NULL) = 0 ORDER BY platform"""

_ANSWERS = """
WITH q AS (SELECT q.platform, q.id, m.account, m.created_at, coalesce(m.root, m.id) AS thread, a.handle
           FROM {questions} q JOIN {messages} m USING (platform, id)
           LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account),
g AS (SELECT platform, id, ident, created_at, kind, parent, root, coalesce(root, id) AS thread
      FROM {all_messages} WHERE is_gov),
flat AS (SELECT unnest(?::VARCHAR[]) AS platform),
cand AS (
    SELECT q.platform, q.id, g.id AS answer_id, g.ident AS answered_by, g.created_at AS a_at, q.created_at AS q_at,
           'reply' AS how
    FROM q JOIN g ON g.platform = q.platform AND g.parent = q.id
    WHERE g.kind IN ('reply', 'comment')
    {thread_rules}
)
SELECT platform, id, answer_id, answered_by, a_at AS answered_at, how,
       CASE WHEN a_at >= q_at THEN round(date_diff('second', q_at, a_at) / 60.0, 1) END AS response_minutes
FROM cand
QUALIFY row_number() OVER (PARTITION BY platform, id ORDER BY a_at NULLS LAST, answer_id) = 1
"""

#: The answers on platforms without reply links (``flat``): only there, so a case
#: without such platforms does not join the interactions for them (1 CPU s at 1M).
_THREAD_RULES = """
    UNION ALL
    SELECT q.platform, q.id, g.id, g.ident, g.created_at, q.created_at, 'comment_under'
    FROM q JOIN g ON g.platform = q.platform AND g.root = q.id AND g.id <> q.id
    WHERE q.platform IN (SELECT platform FROM flat) AND g.kind IN ('comment', 'reply') AND g.created_at >= q.created_at
    UNION ALL
    SELECT q.platform, q.id, g.id, g.ident, g.created_at, q.created_at, 'mention_in_thread'
    FROM q JOIN g ON g.platform = q.platform AND g.thread = q.thread AND g.id <> q.id
    JOIN case_interactions i ON i.platform = g.platform AND i.message = g.id AND i.kind = 'mention'
     AND (i.target_account = q.account OR (i.target_account IS NULL AND lower(i.target_handle) = lower(q.handle)))
    WHERE q.platform IN (SELECT platform FROM flat) AND g.created_at > q.created_at
      AND (?::TIMESTAMP IS NULL OR g.created_at < ?::TIMESTAMP)"""


@measure(government_table, all_messages, messages)
def addressed(scope, government_table: Relation, all_messages: Relation, messages: Relation) -> Relation:
    """Citizens' counted messages (not reposts) addressed to a government account: ``platform, id,
    text, language, addressed_to`` (the government identifiers, sorted)."""
    query = scope.fill(_ADDRESSED, government_table=government_table, all_messages=all_messages, messages=messages)
    return scope.table("addressed", query, [list(scope.case.focus)])


@measure(addressed)
def questions(scope, addressed: Relation) -> Relation:
    """The addressed messages that ask something: ``platform, id, kind_of_question, addressed_to``."""
    rows = scope.sql(f"SELECT platform, id, text, language, addressed_to FROM {addressed}")
    asks = lru_cache(maxsize=None)(is_question)  # identical texts (copied, templated) tested once
    kept = [r for r in rows if asks(r[2], r[3])]
    table = pa.table({
        "platform": pa.array([r[0] for r in kept], pa.string()),
        "id": pa.array([r[1] for r in kept], pa.string()),
        "kind_of_question": pa.array([kind_of_question(r[2]) for r in kept], pa.string()),
        "addressed_to": pa.array([r[4] for r in kept], pa.list_(pa.string())),
    })
    with scope.lend("question_rows", table) as batch:
        return scope.table("questions", f"SELECT * FROM {batch}")


@measure(questions, messages, all_messages, period)
def answers(scope, questions: Relation, messages: Relation, all_messages: Relation,
            period: tuple[date | None, date | None]) -> Relation:
    """The first government answer of each question: ``platform, id, answer_id, answered_by,
    answered_at, how, response_minutes`` (module docstring)."""
    tables = {"questions": questions, "messages": messages, "all_messages": all_messages}
    flat = [p for (p,) in scope.sql(scope.fill(_FLAT, all_messages=all_messages))]
    if flat:
        end = period_end_exclusive(period)
        return scope.table("answers", scope.fill(_ANSWERS.replace("{thread_rules}", _THREAD_RULES), **tables),
                           [flat, end, end])
    return scope.table("answers", scope.fill(_ANSWERS.replace("{thread_rules}", ""), **tables), [flat])


_QUESTION_LIST = """
    SELECT q.platform, q.id, m.ident, m.created_at, m.text, q.addressed_to, a.answered_by, a.answer_id,
           a.response_minutes, q.kind_of_question
    FROM {questions} q JOIN {messages} m USING (platform, id)
    LEFT JOIN {answers} a USING (platform, id)
    ORDER BY m.created_at NULLS LAST, q.platform, q.id
"""


@measure(questions, answers, messages)
def question_list(scope, questions: Relation, answers: Relation, messages: Relation) -> list[dict]:
    """Every question of the case, oldest first, with its first government answer.

    Each is ``{platform, id, account, created_at, text, addressed_to, answered_by,
    answer_id, response_minutes, kind_of_question}``; ``account`` is the asker's
    handle (or account id where the platform has no handles); ``answered_by``,
    ``answer_id`` and ``response_minutes`` are None when unanswered.
    """
    rows = scope.sql(scope.fill(_QUESTION_LIST, questions=questions, answers=answers, messages=messages))
    keys = ("platform", "id", "account", "created_at", "text", "addressed_to", "answered_by", "answer_id",
            "response_minutes", "kind_of_question")
    out = []
    for row in rows:
        d = dict(zip(keys, row))
        d["created_at"] = iso_utc(d["created_at"])
        d["addressed_to"] = list(d["addressed_to"] or [])
        d["response_minutes"] = float(d["response_minutes"]) if d["response_minutes"] is not None else None
        out.append(d)
    return out


_PAGE_POSTS = """
WITH p AS (SELECT platform, id, created_at FROM {messages} WHERE kind = 'post_to_page' AND NOT is_gov),
g AS (SELECT platform, id, created_at, parent, root FROM {all_messages}
      WHERE is_gov AND kind IN ('comment', 'reply')),
first AS (SELECT p.platform, p.id, min(g.created_at) AS answered_at, any_value(p.created_at) AS posted
          FROM p JOIN g ON g.platform = p.platform AND (g.parent = p.id OR g.root = p.id) GROUP BY ALL)
SELECT (SELECT count(*) FROM p), count(*),
       median(CASE WHEN answered_at >= posted THEN date_diff('second', posted, answered_at) / 60.0 END)
FROM first
"""


@measure(messages, all_messages)
def page_posts(scope, messages: Relation, all_messages: Relation) -> dict:
    """Posts by others on a page of the case (``post_to_page``) and how many government answered.

    ``answered``: a government account commented or replied under the post (in its thread);
    ``median_response_minutes``: from post to the first such answer (one decimal). Every post to
    the page counts, whether it asks something or not (a question among them is also a question).
    """
    received, answered, minutes = scope.sql(scope.fill(_PAGE_POSTS, messages=messages, all_messages=all_messages))[0]
    return {"received": int(received), "answered": int(answered),
            "answer_rate": round(answered / received, 4) if received else None,
            "median_response_minutes": None if minutes is None else round(float(minutes), 1)}
