"""How an output shows account identifiers and message texts: as they are, or through a labeller.

A **labeller** is any callable ``label(identifier) -> shown identifier``; a pseudonymiser
(:class:`civicnet.reports.pseudonym.Pseudonymiser`) is one, and also rewrites the names in
message texts through its ``text(text)`` method. Everywhere in civicnet "no pseudonyms" is
spelled ``label=None``: identifiers and texts are shown as they are. The analysis itself
always works on the real identifiers; a labeller is applied only on the way out.
"""

from __future__ import annotations

from typing import Callable, Optional

#: ``label(identifier) -> shown identifier`` (None passes through).
Label = Callable[[Optional[str]], Optional[str]]


def identity(identifier):
    """The identifier as it is."""
    return identifier


def shown(label: Label | None) -> Label:
    """The labeller to call: ``label``, or :func:`identity` for ``None``.

    >>> shown(None)("wijkagentLisse")
    'wijkagentLisse'
    >>> shown(str.upper)("wijkagentLisse")
    'WIJKAGENTLISSE'
    """
    return identity if label is None else label


def text_of(label: Label | None) -> Callable[[Optional[str]], Optional[str]]:
    """How message texts are shown under ``label``: its ``text`` method, else as they are.

    >>> text_of(None)("Dank @wijkagentLisse!")
    'Dank @wijkagentLisse!'
    """
    return getattr(label, "text", None) or identity


def hides_text(label: Label | None) -> bool:
    """Whether ``label`` rewrites message texts too (a pseudonymiser does)."""
    return getattr(label, "text", None) is not None


def shown_name(label: Label | None, identifier: str | None, name: str | None) -> str | None:
    """The display name an output shows for an account under ``label``.

    Its name as the platform gave it; an account whose identifier ``label`` replaces (a
    citizen under ``--pseudonymise``) is shown by that replacement instead, so no name
    leaks. A labeller with a ``name(identifier, name)`` method decides itself.

    >>> shown_name(None, "wijkagentLisse", "Wijkagent Lisse")
    'Wijkagent Lisse'
    >>> shown_name(lambda i: "anon-1" if i == "jan" else i, "jan", "Jan Jansen")
    'anon-1'
    """
    if label is None:
        return name
    decide = getattr(label, "name", None)
    if callable(decide):
        return decide(identifier, name)
    replaced = label(identifier)
    return name if replaced == identifier else replaced
