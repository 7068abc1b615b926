"""The trainable typology classifier (scikit-learn), selected by option.

TF-IDF features — word uni- and bigrams plus character 2–5-grams within word
boundaries (robust to Dutch compounds and spelling variants) — and, in the
``hybrid`` variant, the six rule-based decisions of the codebook as extra binary
features; one logistic regression per type (one-vs-rest, ``class_weight="balanced"``,
``C=4``). A type is assigned when its probability is ≥ 0.5; ``neutral`` is kept only
when no other type is assigned (the codebook makes it exclusive). A message with content but no type above the
threshold is ``neutral``; one without content (fewer than two words besides links,
handles, hashtags and emoji) is *none*.

The default model is trained on the ``dev`` split of the shipped set on first use
(about a second) and kept in memory; :func:`train` fits one on your own labelled rows.
scikit-learn is imported here only, lazily; without it a
:class:`~civicnet.errors.MissingDependency` names the extra to install.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from civicnet.errors import MissingDependency
from civicnet.text.typology.rules import TYPES, classify_rules, content_words

THRESHOLD = 0.5


def _sklearn():
    try:
        import numpy as np
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion
    except ImportError as exc:  # the only optional import here
        raise MissingDependency("the trainable typology classifier (scikit-learn)", "text") from exc
    return np, sparse, TfidfVectorizer, LogisticRegression, FeatureUnion


@dataclass
class TypologyModel:
    """A fitted one-vs-rest classifier; :meth:`predict` gives label sets."""

    vectorizer: object
    classifiers: dict
    hybrid: bool
    language: str | None = "nl"
    constant: dict = field(default_factory=dict)

    def _features(self, texts: Sequence[str]):
        np, sparse, *_ = _sklearn()
        cleaned = [t or "" for t in texts]
        x = self.vectorizer.transform(cleaned)
        if not self.hybrid:
            return x
        rules = [classify_rules(t, self.language) for t in cleaned]
        extra = np.array([[1.0 if t in r else 0.0 for t in TYPES] for r in rules])
        return sparse.hstack([x, sparse.csr_matrix(extra)]).tocsr()

    def probabilities(self, texts: Sequence[str]) -> list[dict[str, float]]:
        """Per text, type → probability."""
        x = self._features(texts)
        columns = {}
        for t in TYPES:
            if t in self.constant:
                columns[t] = [self.constant[t]] * len(texts)
            else:
                columns[t] = list(self.classifiers[t].predict_proba(x)[:, 1])
        return [{t: float(columns[t][i]) for t in TYPES} for i in range(len(texts))]

    def predict(self, texts: Sequence[str]) -> list[frozenset[str]]:
        """Per text, the assigned types (empty set: none)."""
        result = []
        for text, probs in zip(texts, self.probabilities(texts)):
            if not text or len(content_words(text)) < 2:
                result.append(frozenset())
                continue
            chosen = {t for t, p in probs.items() if p >= THRESHOLD}
            if len(chosen) > 1:
                chosen.discard("neutral")
            if not chosen:  # a message with content is at least informing
                chosen = {"neutral"}
            result.append(frozenset(chosen))
        return result


def train(texts: Iterable[str], labels: Iterable[frozenset[str]], *, hybrid: bool = True, language: str | None = "nl") -> TypologyModel:
    """Fit the classifier on labelled messages.

    Parameters
    ----------
    texts : iterable of str
        Messages.
    labels : iterable of frozenset of str
        Their types (empty set: none).
    hybrid : bool
        Add the rule-based decisions as features (default) or use text features only.
    language : str or None
        Passed to the rules in the hybrid variant.

    Returns
    -------
    TypologyModel
    """
    np, sparse, TfidfVectorizer, LogisticRegression, FeatureUnion = _sklearn()
    texts, labels = [t or "" for t in texts], list(labels)
    vectorizer = FeatureUnion([
        ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True, lowercase=True)),
        ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True, lowercase=True)),
    ])
    vectorizer.fit(texts)
    model = TypologyModel(vectorizer=vectorizer, classifiers={}, hybrid=hybrid, language=language)
    x = model._features(texts)
    for t in TYPES:
        y = np.array([1 if t in lab else 0 for lab in labels])
        if y.min() == y.max():  # a type never (or always) present cannot be learnt
            model.constant[t] = float(y[0])
            continue
        clf = LogisticRegression(C=4.0, class_weight="balanced", max_iter=2000)
        clf.fit(x, y)
        model.classifiers[t] = clf
    return model


@lru_cache(maxsize=2)
def default_model(hybrid: bool = True) -> TypologyModel:
    """The model trained on the ``dev`` split of the shipped set (cached)."""
    from civicnet.text.typology.dataset import load_dev_set

    rows = load_dev_set("dev")
    return train([r["text"] for r in rows], [r["labels"] for r in rows], hybrid=hybrid)
