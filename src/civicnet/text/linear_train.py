"""Training the linear text classifiers of :mod:`civicnet.text.linear` (scikit-learn).

Only training needs scikit-learn (``pip install 'civicnet[text]'``); the result is a
:class:`~civicnet.text.linear.LinearModel`, saved as JSON and applied with numpy.

* :func:`fit` — one model: TF-IDF word 1–2-grams and character 2–5-grams (scikit-learn's
  ``TfidfVectorizer`` over civicnet's own analyzers, so training and the numpy
  inference read a text the same way) plus the dense rule features, and logistic
  regression (``class_weight="balanced"``): one binary model per class (``ovr``,
  multi-label tasks) or one softmax model (``multinomial``, one class per text).
* :func:`tune` — the regularisation ``C`` from a small grid and, for ``ovr`` models,
  a decision threshold per class, both chosen on out-of-fold predictions of a
  stratified k-fold cross-validation over the training rows only. The rows a model is
  scored on are never seen here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

import numpy as np

from civicnet.errors import MissingDependency
from civicnet.text.linear import ANALYZERS, LinearModel, TfidfBlock, normalise

#: (name, analyzer, n-gram range, min_df, max_features) of the TF-IDF blocks.
BLOCKS = (("words", "words", (1, 2), 2, 10000), ("chars", "chars", (2, 5), 2, 20000))
C_GRID = (0.5, 1.0, 2.0, 4.0, 8.0, 16.0)
THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.1, 0.91, 0.05))
FOLDS = 5


def _sklearn():
    try:
        from scipy import sparse
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:  # the only optional import of training
        raise MissingDependency("training a classifier (scikit-learn)", "text") from exc
    return sparse, TfidfVectorizer, LogisticRegression


@dataclass
class Fitted:
    """A fitted model with its scikit-learn parts (to compare numpy inference against)."""

    model: LinearModel
    vectorizers: list
    estimators: list

    def sklearn_probabilities(self, texts: Sequence[str], dense: np.ndarray | None = None) -> np.ndarray:
        """Probabilities as scikit-learn computes them (for tests and checks)."""
        x = _matrix(self.vectorizers, [normalise(t) for t in texts], dense, len(self.model.dense))
        if self.model.kind == "ovr":
            return np.column_stack([e.predict_proba(x)[:, 1] if e is not None else
                                    np.full(len(texts), 1 / (1 + np.exp(-self.model.intercept[i])))
                                    for i, e in enumerate(self.estimators)])
        return self.estimators[0].predict_proba(x)


def _matrix(vectorizers, normalised, dense, width):
    sparse, *_ = _sklearn()
    parts = [v.transform(normalised) for v in vectorizers]
    if width:
        parts.append(sparse.csr_matrix(np.asarray(dense, dtype=np.float64)))
    return sparse.hstack(parts).tocsr()


def fit(task: str, kind: str, classes: Sequence[str], texts: Sequence[str], y, dense: np.ndarray | None = None,
        dense_names: Sequence[str] = (), *, C: float = 4.0, meta: dict | None = None,
        sample_weight: Sequence[float] | None = None) -> Fitted:
    """Fit one model.

    Parameters
    ----------
    task : str
        The task the model is for (checked when it is loaded).
    kind : {"ovr", "multinomial"}
    classes : sequence of str
    texts : sequence of str
    y : array-like
        ``ovr``: a 0/1 matrix (texts × classes); ``multinomial``: one class name per text.
    dense, dense_names
        The rule features (texts × names) and their names.
    C : float
        Inverse regularisation strength.
    sample_weight : sequence of float, optional
        A weight per text (multiplies the balanced class weights), e.g. to weigh the
        messages of the kind of sender the model is for more than the rest.
    """
    sparse, TfidfVectorizer, LogisticRegression = _sklearn()
    normalised = [normalise(t) for t in texts]
    vectorizers, blocks = [], []
    for name, analyzer, ngrams, min_df, max_features in BLOCKS:
        v = TfidfVectorizer(analyzer=partial(ANALYZERS[analyzer], ngram_range=ngrams), sublinear_tf=True,
                            min_df=min(min_df, max(1, len(texts) // 20)), max_features=max_features, dtype=np.float64)
        v.fit(normalised)
        vectorizers.append(v)
        blocks.append(TfidfBlock(name, analyzer, ngrams, {t: int(i) for t, i in v.vocabulary_.items()},
                                 np.asarray(v.idf_, dtype=np.float64)))
    x = _matrix(vectorizers, normalised, dense, len(dense_names))
    weights = None if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    estimators = []
    if kind == "ovr":
        y = np.asarray(y)
        coef, intercept = np.zeros((x.shape[1], len(classes))), np.zeros(len(classes))
        for i in range(len(classes)):
            if y[:, i].min() == y[:, i].max():  # never (or always) present: a constant
                intercept[i] = 20.0 if y[0, i] else -20.0
                estimators.append(None)
                continue
            e = LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=1000).fit(x, y[:, i], sample_weight=weights)
            coef[:, i], intercept[i] = e.coef_[0], e.intercept_[0]
            estimators.append(e)
    else:
        e = LogisticRegression(C=C, class_weight="balanced", solver="newton-cg", max_iter=1000).fit(x, list(y), sample_weight=weights)
        missing = sorted(set(classes) - set(map(str, e.classes_)))
        if missing:
            raise ValueError(f"no training rows for class(es) {', '.join(missing)}")
        estimators.append(e)
        classes = [str(c) for c in e.classes_]  # scikit-learn's order, as predict_proba gives it
        if len(classes) == 2:  # scikit-learn keeps one row: softmax of (0, s) is the logistic of s
            coef = np.column_stack([np.zeros(x.shape[1]), e.coef_[0]])
            intercept = np.array([0.0, e.intercept_[0]])
        else:
            coef, intercept = e.coef_.T.copy(), e.intercept_.copy()
    model = LinearModel(task, kind, list(classes), blocks, list(dense_names), coef, intercept, {}, dict(meta or {}))
    return Fitted(model, vectorizers, estimators)


def _folds(y, kind: str, k: int, seed: int) -> list[np.ndarray]:
    """Stratified folds: by class (multinomial) or by label set (ovr)."""
    keys = [tuple(row) for row in np.asarray(y)] if kind == "ovr" else list(y)
    rng = np.random.default_rng(seed)
    fold_of = np.empty(len(keys), dtype=int)
    groups: dict = {}
    for i, key in enumerate(keys):
        groups.setdefault(key, []).append(i)
    start = 0
    for key in sorted(groups, key=str):
        members = np.asarray(groups[key])
        rng.shuffle(members)
        fold_of[members] = (np.arange(len(members)) + start) % k
        start += len(members)
    return [np.flatnonzero(fold_of == f) for f in range(k)]


def out_of_fold(task, kind, classes, texts, y, dense, dense_names, C: float, k: int = FOLDS, seed: int = 7,
                extra: tuple | None = None) -> np.ndarray:
    """Out-of-fold probabilities (texts × classes) of k-fold cross-validation.

    ``extra`` — ``(texts, y, dense)`` of further labelled rows — joins the training part
    of every fold and is never held out (rows from elsewhere that only help to learn).
    """
    texts = list(texts)
    y_arr = np.asarray(y) if kind == "ovr" else np.asarray(list(y), dtype=object)
    dense_arr = None if dense is None else np.asarray(dense, dtype=np.float64)
    probs = np.zeros((len(texts), len(classes)))
    for held in _folds(y_arr, kind, k, seed):
        keep = np.setdiff1d(np.arange(len(texts)), held)
        fold_texts, fold_y = [texts[i] for i in keep], y_arr[keep]
        fold_dense = None if dense_arr is None else dense_arr[keep]
        if extra is not None:
            fold_texts, fold_y, fold_dense = join_rows((fold_texts, fold_y, fold_dense), extra, kind)
        fitted = fit(task, kind, classes, fold_texts, fold_y, fold_dense, dense_names, C=C)
        p = fitted.model.probabilities([texts[i] for i in held], None if dense_arr is None else dense_arr[held])
        order = [fitted.model.classes.index(c) for c in classes]
        probs[held] = p[:, order]
    return probs


def join_rows(first: tuple, second: tuple, kind: str) -> tuple:
    """``(texts, y, dense)`` of two sets of labelled rows, one after the other."""
    texts = list(first[0]) + list(second[0])
    if kind == "ovr":
        y = np.vstack([np.asarray(first[1]), np.asarray(second[1])])
    else:
        y = np.asarray(list(first[1]) + list(second[1]), dtype=object)
    dense = None if first[2] is None else np.vstack([np.asarray(first[2]), np.asarray(second[2])])
    return texts, y, dense


def _f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float(np.sum(gold & pred))
    denominator = float(np.sum(gold) + np.sum(pred))
    return 2 * tp / denominator if denominator else 0.0


def best_thresholds(probs: np.ndarray, y: np.ndarray, classes: Sequence[str]) -> dict[str, float]:
    """Per class, the threshold of :data:`THRESHOLDS` with the highest F1 (ties: closest to 0.5)."""
    y = np.asarray(y).astype(bool)
    out = {}
    for i, c in enumerate(classes):
        scored = [(_f1(y[:, i], probs[:, i] >= t), -abs(t - 0.5), t) for t in THRESHOLDS]
        out[c] = float(max(scored)[2])
    return out


def macro_f1(probs: np.ndarray, y, kind: str, classes: Sequence[str], thresholds: dict | None = None) -> float:
    """Macro-F1 of out-of-fold probabilities (thresholds for ``ovr``; argmax for ``multinomial``)."""
    if kind == "ovr":
        y = np.asarray(y).astype(bool)
        return float(np.mean([_f1(y[:, i], probs[:, i] >= (thresholds or {}).get(c, 0.5))
                              for i, c in enumerate(classes)]))
    gold = np.asarray(list(y), dtype=object)
    pred = np.asarray(classes, dtype=object)[probs.argmax(axis=1)]
    return float(np.mean([_f1(gold == c, pred == c) for c in classes if np.any(gold == c)]))


def tune(task, kind, classes, texts, y, dense=None, dense_names=(), *, grid: Sequence[float] = C_GRID,
         k: int = FOLDS, progress=None, extra: tuple | None = None) -> dict:
    """Choose ``C`` (and the ``ovr`` thresholds) by k-fold cross-validation on these rows
    (``extra`` rows join every fold's training part, see :func:`out_of_fold`).

    Returns ``{"C", "thresholds", "cv_macro_f1", "grid": {C: macro-F1}}``.
    """
    results = {}
    for n, C in enumerate(grid):
        if progress:
            progress("cross-validating", n, len(grid))
        probs = out_of_fold(task, kind, classes, texts, y, dense, dense_names, C, k, extra=extra)
        thresholds = best_thresholds(probs, y, classes) if kind == "ovr" else {}
        results[C] = (macro_f1(probs, y, kind, classes, thresholds), thresholds)
    best = max(results, key=lambda c: (round(results[c][0], 4), -abs(np.log(c / 4.0))))
    return {"C": best, "thresholds": results[best][1], "cv_macro_f1": round(results[best][0], 3),
            "grid": {str(c): round(v[0], 3) for c, v in results.items()}, "folds": k}
