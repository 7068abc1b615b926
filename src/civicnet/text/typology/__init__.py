"""The report's government message typology (METHOD.md §3, docs/typology.md).

Types, not mutually exclusive: ``neutral`` (neutral messages, press releases),
``personal`` (personal everyday messages), ``call`` (calls to action, community
building), ``nuancing`` (nuancing/correcting), ``webcare`` (answering, referring),
``humour``; an empty set means *none*.

Methods, chosen by ``method=``:

* ``"model"`` (default) — the trained classifier (:mod:`~civicnet.text.typology.model`):
  word and character n-grams plus the rule markers, a linear model shipped as JSON
  and applied with numpy; pass ``model=`` (a model or a JSON path) for your own,
  trained with ``civicnet typology train`` (:mod:`~civicnet.text.typology.train`), or
  name its file in the environment variable ``CIVICNET_TYPOLOGY_MODEL``;
* ``"rules"`` — the transparent codebook rules of :mod:`~civicnet.text.typology.rules`.

:func:`explain` says why a message got its types: the markers of the rules that fired
and the model's probability per type. Evaluation: :mod:`~civicnet.text.typology.evaluate`;
the coders' round trip and Cohen's kappa: :mod:`~civicnet.text.typology.coding`.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from civicnet.text.typology.rules import TYPES, analyse, classify_rules

__all__ = ["TYPES", "METHODS", "classify_types", "classify_many", "classify_rules", "explain"]

METHODS: tuple[str, ...] = ("model", "rules")


def _model(model):
    from civicnet.text.typology import model as m

    if model is None:
        return m.default_model()
    if isinstance(model, (str, Path)):
        return m.load(model)
    return model


def classify_many(
    texts: Iterable[str | None], language: str | None = None, *, method: str = "model", model=None
) -> list[frozenset[str]]:
    """Classify many messages at once (the model predicts in one numpy batch).

    Parameters
    ----------
    texts : iterable of str or None
        Messages.
    language : str or None
        ``"nl"``, ``"en"`` or None.
    method : {"model", "rules"}
        See the module docstring.
    model : TypologyModel or path, optional
        Another model than the shipped one (``method="model"`` only).

    Returns
    -------
    list of frozenset of str
    """
    texts = list(texts)
    if method == "rules":
        return [classify_rules(t, language) for t in texts]
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")
    return _model(model).predict(texts, language)


def classify_types(
    text: str | None, language: str | None = None, *, method: str = "model", model=None
) -> frozenset[str]:
    """The report's types of one government message.

    Parameters
    ----------
    text : str or None
        The message text.
    language : str or None
        ``"nl"``, ``"en"`` or None (Dutch and English markers both).
    method : {"model", "rules"}
        See the module docstring; the shipped model by default.
    model : TypologyModel or path, optional
        Another model than the shipped one.

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


def explain(text: str | None, language: str | None = None, *, model=None) -> dict:
    """Why a message gets its types: ``{"types", "probabilities", "thresholds", "markers", "rules"}``.

    ``markers`` are the rule markers that fired (marker list → the words matched),
    ``rules`` the types the codebook rules alone give.

    Examples
    --------
    >>> explain("Doe mee met de opschoondag!")["markers"]["call"]
    'doe mee'
    """
    m = _model(model)
    probs = m.probabilities([text], language)
    rule_types, markers = analyse(text, language)
    return {"types": sorted(m.decide([text], probs, language)[0]), "rules": sorted(rule_types), "markers": markers,
            "probabilities": {t: round(float(p), 3) for t, p in zip(TYPES, probs[0])}, "thresholds": m.thresholds}
