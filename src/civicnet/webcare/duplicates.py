"""Near-duplicates in the inbox: the same or nearly the same message from several accounts.

Two messages are near-duplicates when their sets of words (three or more letters,
lower case; @mentions, links, emoji, digits and punctuation left out) overlap by at
least :data:`THRESHOLD` (Jaccard: shared words / all words), and each has at least
:data:`MIN_WORDS` such words (shorter messages, *bedankt!*, are not called the same
message). Near-duplicates are joined transitively (a chain of near-duplicates is one
group). Candidates are found by prefix filtering on the rarest words of each message
(:func:`groups`), so a day of 10,000 messages is grouped without comparing every pair.

A campaign that sends one text from many accounts, or a message copied and passed on,
becomes one inbox item with all its senders: answered once, for all.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from civicnet.text._patterns import EMOJI, MENTION, URL

THRESHOLD = 0.8
MIN_WORDS = 4
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def words(text: str | None) -> frozenset[str]:
    """The word set compared (module docstring)."""
    if not text:
        return frozenset()
    return frozenset(w.lower() for w in _WORD.findall(EMOJI.sub(" ", MENTION.sub(" ", URL.sub(" ", text)))))


def _find(parent: list[int], i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def groups(texts: Sequence[str | None]) -> list[int]:
    """For each text, the index of the first text of its group (itself when it has no near-duplicate).

    Candidates by prefix filtering: with the words of every set ordered rarest first,
    two sets of Jaccard ≥ t share a word among the first ``|s| - ceil(t·|s|) + 1`` of
    each, so only sets sharing such a word are compared (no pair is missed).
    """
    sets = [words(t) for t in texts]
    frequency = Counter(w for s in sets for w in s)
    parent = list(range(len(texts)))
    buckets: dict[str, list[int]] = defaultdict(list)
    for i, s in enumerate(sets):
        if len(s) < MIN_WORDS:
            continue
        prefix = sorted(s, key=lambda w: (frequency[w], w))[:len(s) - math.ceil(THRESHOLD * len(s)) + 1]
        seen: set[int] = set()
        for w in prefix:
            for j in buckets[w]:
                if j in seen:
                    continue
                seen.add(j)
                if _similar(s, sets[j]) and _find(parent, i) != _find(parent, j):
                    a, b = sorted((_find(parent, i), _find(parent, j)))
                    parent[b] = a
            buckets[w].append(i)
    return [_find(parent, i) for i in range(len(texts))]


def _similar(a: frozenset[str], b: frozenset[str]) -> bool:
    small, large = sorted((len(a), len(b)))
    if small < THRESHOLD * large:  # Jaccard ≤ |smaller| / |larger|
        return False
    shared = len(a & b)
    return shared >= THRESHOLD * (len(a) + len(b) - shared)
