"""The rule features of the inbox model: which cue lexicons of :mod:`.lexicon` fire.

For every message: the number of cues found per lexicon (spam, threat, insult, rumour,
complaint, report, report topic words, praise, urgency), whether it asks something,
its Dutch tone, whether it has any content besides mentions, links and emoji, and the
category the rules alone give (:func:`civicnet.webcare.classify.classify_rules`), one
column per category. Counts are capped at 3 and divided by 3, so every column lies
between -1 and 1 like the TF-IDF blocks beside it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .classify import CATEGORIES, Classification, Cues, classify_rules, cue_counts, find_cues

LEXICONS = ("spam", "threat", "insult", "rumour", "complaint", "report", "report_weak", "praise", "urgent")
#: Column names, in the model's order.
RULE_FEATURES: tuple[str, ...] = (
    *(f"cues:{name}" for name in LEXICONS), "question", "tone", "no_content", *(f"rule:{c}" for c in CATEGORIES),
)


def rule_features(texts: Sequence[str | None], languages: Sequence[str | None] | None = None
                  ) -> tuple[np.ndarray, list[tuple[Cues, Classification]]]:
    """Features (texts × :data:`RULE_FEATURES`) and each text's cues and rule classification (for reasons)."""
    languages = list(languages) if languages is not None else [None] * len(texts)
    rows, rules = [], []
    for text, language in zip(texts, languages):
        cues = find_cues(text, language)
        counts = cue_counts(text, language, cues)
        rule = classify_rules(text, language, cues)
        rows.append([min(counts[name], 3) / 3.0 for name in LEXICONS]
                    + [counts["question"], counts["tone"], counts["no_content"]]
                    + [1.0 if rule.category == c else 0.0 for c in CATEGORIES])
        rules.append((cues, rule))
    return np.asarray(rows, dtype=np.float64).reshape(len(rows), len(RULE_FEATURES)), rules
