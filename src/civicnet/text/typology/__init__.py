"""The report's government message typology (METHOD.md §3, docs/typology.md).

Types, not mutually exclusive: ``neutral`` (neutral messages, press releases),
``personal`` (personal everyday messages), ``call`` (calls to action, community
building), ``nuancing`` (nuancing/correcting), ``webcare`` (answering, referring),
``humour``; an empty set means *none*.

Methods, chosen by ``method=``:

* ``"rules"`` (default) — the transparent codebook rules of
  :mod:`~civicnet.text.typology.rules`;
* ``"trained"`` — TF-IDF + one-vs-rest logistic regression
  (:mod:`~civicnet.text.typology.model`, needs scikit-learn), trained on the shipped
  development split unless you pass your own ``model``;
* ``"hybrid"`` — the trained model with the rule decisions as extra features.

Evaluation, the coders' round trip and Cohen's kappa are in
:mod:`~civicnet.text.typology.evaluate`.
"""

from __future__ import annotations

from collections.abc import Iterable

from civicnet.text.typology.rules import TYPES, classify_rules

__all__ = ["TYPES", "METHODS", "classify_types", "classify_many", "classify_rules"]

METHODS: tuple[str, ...] = ("rules", "trained", "hybrid")


def _model(method: str, model):
    if model is not None:
        return model
    from civicnet.text.typology.model import default_model

    return default_model(hybrid=(method == "hybrid"))


def classify_many(
    texts: Iterable[str | None], language: str | None = None, *, method: str = "rules", model=None
) -> list[frozenset[str]]:
    """Classify many messages at once (the trained methods predict in one batch).

    Parameters
    ----------
    texts : iterable of str or None
        Messages.
    language : str or None
        ``"nl"``, ``"en"`` or None.
    method : {"rules", "trained", "hybrid"}
        See the module docstring.
    model : TypologyModel, optional
        A model from :func:`civicnet.text.typology.model.train` for the trained methods.

    Returns
    -------
    list of frozenset of str
    """
    texts = list(texts)
    if method == "rules":
        return [classify_rules(t, language) for t in texts]
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    return _model(method, model).predict([t or "" for t in texts])


def classify_types(
    text: str | None, language: str | None = None, *, method: str = "rules", model=None
) -> frozenset[str]:
    """The report's types of one government message.

    Parameters
    ----------
    text : str or None
        The message text.
    language : str or None
        ``"nl"``, ``"en"`` or None (Dutch and English markers both).
    method : {"rules", "trained", "hybrid"}
        See the module docstring; ``"rules"`` by default.
    model : TypologyModel, optional
        For the trained methods.

    Returns
    -------
    frozenset of str
        Subset of ``{"neutral", "personal", "call", "nuancing", "webcare", "humour"}``;
        empty means *none* (written ``none`` in messages.csv).

    Examples
    --------
    >>> sorted(classify_types("Doe mee met de Deventer opschoondag! Meld je aan via deventer.nl"))
    ['call']
    """
    if method == "rules":
        return classify_rules(text, language)
    return classify_many([text], language, method=method, model=model)[0]
