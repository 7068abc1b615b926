"""The report's government message typology (METHOD.md §3, docs/typology.md).

Types, not mutually exclusive: ``neutral`` (neutral messages, press releases),
``personal`` (personal everyday messages), ``call`` (calls to action, community
building), ``nuancing`` (nuancing/correcting), ``webcare`` (answering, referring),
``humour``; an empty set means *none*.

:func:`classify_types` is the entry point; by default it applies the transparent
rule-based baseline of :mod:`~civicnet.text.typology.rules`.
"""

from __future__ import annotations

from civicnet.text.typology.rules import TYPES, classify_rules

__all__ = ["TYPES", "classify_types", "classify_rules"]


def classify_types(text: str | None, language: str | None = None) -> frozenset[str]:
    """The report's types of one government message.

    Parameters
    ----------
    text : str or None
        The message text.
    language : str or None
        ``"nl"``, ``"en"`` or None (Dutch and English markers both).

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
    return classify_rules(text, language)
