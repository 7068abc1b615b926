"""Top messages: most liked, reposted, replied; each group's most representative ones.

Works on plain message rows (dicts with at least ``id`` and ``text``, and the
platform counts ``like_count``, ``share_count``, ``reply_count`` where known), as a
store query or a test gives them; it does not read the store itself.

* :func:`top_messages` — the ``n`` messages with the highest count; messages whose
  count is unknown (None) are left out, never treated as 0; ties by id.
* :func:`representative_messages` — per group, the messages whose words are most
  typical of the group: the mean Monroe et al. z-score (see
  :mod:`civicnet.text.terms`) of the message's distinct terms, over messages with at
  least ``min_terms`` terms; exact duplicate texts (retweets) count once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable

from civicnet.text.terms import log_odds_scores
from civicnet.text.tokenize import tokenize

METRICS = {"likes": "like_count", "reposts": "share_count", "replies": "reply_count", "quotes": "quote_count"}


def top_messages(messages: Iterable[dict], by: str = "likes", n: int = 10) -> list[dict]:
    """The ``n`` messages with the most likes, reposts, replies or quotes.

    Parameters
    ----------
    messages : iterable of dict
        Rows with ``id`` and the count column.
    by : str
        ``"likes"``, ``"reposts"``, ``"replies"``, ``"quotes"`` or a column name.
    n : int
        How many.

    Returns
    -------
    list of dict
        The rows, highest count first (ties by id); rows with an unknown count are left out.
    """
    column = METRICS.get(by, by)
    known = [m for m in messages if m.get(column) is not None]
    return sorted(known, key=lambda m: (-m[column], str(m.get("id"))))[:n]


def representative_messages(
    groups: dict[Hashable, list[dict]], language: str | None = None, n: int = 3, *, min_terms: int = 3
) -> dict[Hashable, list[dict]]:
    """Per group, the messages most typical of the group's vocabulary.

    Parameters
    ----------
    groups : dict
        group → message rows (with ``text``).
    language : str or None
        ``"nl"``, ``"en"`` or None.
    n : int
        Messages per group.
    min_terms : int
        Messages with fewer distinct terms are not considered (a lone hashtag is not
        representative of anything).

    Returns
    -------
    dict
        group → up to ``n`` rows, most representative first (ties by id).
    """
    tokens = {key: [(m, set(tokenize(m.get("text"), language, emoji=False))) for m in rows] for key, rows in groups.items()}
    counts = {key: Counter(t for _, terms in pairs for t in terms) for key, pairs in tokens.items()}
    scores = log_odds_scores(counts, min_count=1) if len(counts) > 1 else {k: dict(c) for k, c in counts.items()}
    result = {}
    for key, pairs in tokens.items():
        seen, ranked = set(), []
        for message, terms in pairs:
            text = (message.get("text") or "").strip()
            if len(terms) < min_terms or text in seen:
                continue
            seen.add(text)
            ranked.append((sum(scores[key].get(t, 0.0) for t in terms) / len(terms), message))
        ranked.sort(key=lambda sm: (-sm[0], str(sm[1].get("id"))))
        result[key] = [m for _, m in ranked[:n]]
    return result
