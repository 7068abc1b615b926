"""What each group talks about: distinctive terms, hashtags, domains and mentions.

:func:`distinctive_terms` ranks, for each group (a network community, an account
group), the terms that characterise it against the rest of the case, by the weighted
log-odds ratio with an informative Dirichlet prior of Monroe, Colaresi & Quinn (2008,
"Fightin' Words", *Political Analysis* 16(4), §3.5.1). For group *i*, term *w*:

    δ_w = log((y_iw + α_w) / (n_i + α₀ − y_iw − α_w))
        − log((y_rw + α_w) / (n_r + α₀ − y_rw − α_w))
    σ²_w ≈ 1 / (y_iw + α_w) + 1 / (y_rw + α_w)
    z_w = δ_w / σ_w

where y_iw / y_rw are the term's counts in the group / the rest, n_i / n_r their
token totals, and the prior α_w = α₀ · y_w / n is the term's share of the whole case
scaled by α₀ (default: ``prior_size`` = 1,000 pseudo-tokens, capped at the case's own
token count). The z-score shrinks rare terms towards zero, so a term used twice by
one small group does not outrank one that the group uses far more than the rest; raw
counts would instead list the words everyone uses. Terms are ranked by z, positive z
only, after stop words and noise are removed (:mod:`civicnet.text.tokenize`).

``top_hashtags``, ``top_mentions`` and ``top_domains`` count per group (descending,
ties alphabetical). Domains come from the URLs written in the text, ``www.`` removed;
on Twitter these are mostly ``t.co`` short links unless the export expanded them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Hashable, Iterable
from urllib.parse import urlsplit

from civicnet.text.tokenize import count_terms

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"']+", re.IGNORECASE)


def _ranked(counter: Counter, n: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]


def log_odds_scores(
    groups: dict[Hashable, Counter], prior_size: float = 1000.0, min_count: int = 2, *, used_only: bool = False
) -> dict[Hashable, dict[str, float]]:
    """Monroe et al.'s z-scores of every term for every group against the rest.

    Parameters
    ----------
    groups : dict
        group → Counter of term counts.
    prior_size : float
        α₀, the weight of the case-wide prior in pseudo-tokens (capped at the case's
        token count).
    min_count : int
        Terms used fewer times than this in the whole case are left out.
    used_only : bool
        Score only the terms a group uses, for callers that keep positive scores: a term
        the group does not use scores below zero (its log-odds ratio is
        log((1 − p − n_i/(n + α₀)) / (1 − p + n_i/α₀)) < 0, p its share of the case),
        unless the group uses no term of the vocabulary at all (n_i = 0: every score is
        zero up to rounding), which still gets every term. Cost: the terms used instead
        of groups × vocabulary, which matters for networks of thousands of communities.

    Returns
    -------
    dict
        group → {term: z}.
    """
    total: Counter = Counter()
    for counts in groups.values():
        total.update(counts)
    vocab = {t: c for t, c in total.items() if c >= min_count}
    n = sum(vocab.values())
    if not n:
        return {key: {} for key in groups}
    if len(vocab) == 1:  # one term is all any group says: it tells no group apart (and log-odds divide by 0)
        return {key: {t: 0.0 for t in (counts if used_only else vocab) if t in vocab} for key, counts in groups.items()}
    a0 = min(prior_size, n)
    scores = {}
    for key, counts in groups.items():
        used = {t: vocab[t] for t in counts if t in vocab}
        n_i = sum(counts[t] for t in used)
        n_r = n - n_i
        group_scores = {}
        for term, y_w in (used if used_only and n_i else vocab).items():
            a_w = a0 * y_w / n
            y_i = counts.get(term, 0)
            y_r = y_w - y_i
            delta = math.log((y_i + a_w) / (n_i + a0 - y_i - a_w)) - math.log((y_r + a_w) / (n_r + a0 - y_r - a_w))
            group_scores[term] = delta / math.sqrt(1.0 / (y_i + a_w) + 1.0 / (y_r + a_w))
        scores[key] = group_scores
    return scores


def distinctive_terms(
    groups: dict[Hashable, list[str | None]],
    language: str | None = None,
    n: int = 10,
    *,
    prior_size: float = 1000.0,
    min_count: int = 2,
    hashtags: bool = True,
    mentions: bool = False,
) -> dict[Hashable, list[str]]:
    """The ``n`` terms that most distinguish each group from the rest of the case.

    Parameters
    ----------
    groups : dict
        group key → the texts of its messages.
    language : str or None
        ``"nl"``, ``"en"`` or None (both stop-word lists).
    n : int
        Terms per group.
    prior_size, min_count
        See :func:`log_odds_scores`.
    hashtags, mentions : bool
        Whether #hashtags and @handles count as terms (handles are left out by
        default: top_mentions lists them).

    Returns
    -------
    dict
        group key → up to ``n`` terms, most distinctive first (z > 0 only; ties by
        term). With a single group there is no "rest": its most frequent terms.
    """
    counts = {key: count_terms(texts, language, hashtags=hashtags, mentions=mentions) for key, texts in groups.items()}
    return distinctive_from_counts(counts, n, prior_size=prior_size, min_count=min_count)


def distinctive_from_counts(
    counts: dict[Hashable, Counter], n: int = 10, *, prior_size: float = 1000.0, min_count: int = 2
) -> dict[Hashable, list[str]]:
    """:func:`distinctive_terms` from term counts already made (group key → Counter).

    For callers that count once and use the counts twice (the case's top terms and its
    groups' distinctive terms): the texts are not tokenised again.
    """
    if len(counts) == 1:
        key, counter = next(iter(counts.items()))
        return {key: [t for t, _ in _ranked(counter, n)]}
    scores = log_odds_scores(counts, prior_size=prior_size, min_count=min_count, used_only=True)
    return {
        key: [t for t, z in sorted(s.items(), key=lambda kv: (-kv[1], kv[0])) if z > 0][:n]
        for key, s in scores.items()
    }


def _per_group(groups: dict[Hashable, Iterable[str | None]], n: int, extract) -> dict[Hashable, list[tuple[str, int]]]:
    return {key: _ranked(extract(texts), n) for key, texts in groups.items()}


def top_hashtags(groups: dict[Hashable, list[str | None]], n: int = 10) -> dict[Hashable, list[tuple[str, int]]]:
    """Most used #hashtags per group (lower-cased, with ``#``), with their counts."""
    def extract(texts):
        return Counter({t: c for t, c in count_terms(texts, None, mentions=False, keep_stopwords=True).items() if t[0] == "#"})

    return _per_group(groups, n, extract)


def top_mentions(groups: dict[Hashable, list[str | None]], n: int = 10) -> dict[Hashable, list[tuple[str, int]]]:
    """Most mentioned @handles per group (lower-cased, with ``@``; ``RT @x:`` and ``via @x`` not counted)."""
    def extract(texts):
        return Counter({t: c for t, c in count_terms(texts, None, hashtags=False, keep_stopwords=True).items() if t[0] == "@"})

    return _per_group(groups, n, extract)


def domain(url: str) -> str | None:
    """The host of a URL without ``www.``, lower-cased; None when there is none."""
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def top_domains(groups: dict[Hashable, list[str | None]], n: int = 10) -> dict[Hashable, list[tuple[str, int]]]:
    """Most linked web domains per group, from URLs written in the texts."""
    def extract(texts):
        counter: Counter = Counter()
        for text in texts:
            if text and ("http" in text or "www." in text):
                counter.update(d for d in (domain(u.rstrip(".,;:!?)")) for u in _URL.findall(text)) if d)
        return counter

    return _per_group(groups, n, extract)
