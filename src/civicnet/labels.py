"""The one seam through which every output shows identifiers: :class:`Labeller` and :data:`identity`.

A labeller shows an account identifier, a display name, a message id, a link and a text as
an output may show them. :data:`identity` shows everything as it is; the pseudonymising
labeller is :class:`civicnet.reports.pseudonym.Pseudonymiser` (``--pseudonymise``), made for
a case by :func:`civicnet.reports.pseudonym.labeller` (and, in an analysis, the
``pseudonymiser`` measure of :mod:`civicnet.analysis.pseudonyms`). Outputs take a labeller and
never ask which one they got: ``label.active`` says whether identifiers are replaced.

Where an API takes ``label=None`` (the analysis' outputs), None means :data:`identity`:
:func:`shown` turns either into the labeller to call, :func:`text_of` gives its texts,
:func:`hides_text` says whether it pseudonymises. This module imports nothing of civicnet,
so every layer (tactics, webcare, networks) may take a labeller.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional

#: ``label(identifier) -> shown identifier`` (None passes through).
Label = Callable[[Optional[str]], Optional[str]]


class Labeller:
    """Shows identifiers, names, message ids and texts in an output as they are.

    :data:`identity` is this labeller; :class:`Pseudonymiser` hides citizens. Every output
    calls it the same way, so "no pseudonyms" has one spelling.
    """

    #: True when identifiers are replaced (an output may then say so, or hide a search).
    active = False

    def __call__(self, identifier: str | None) -> str | None:
        """An account identifier (handle, or account id where there is no handle) as shown."""
        return identifier

    def kept(self, identifier: str | None) -> bool:
        """Whether the account keeps its identifier and name (always, here)."""
        return True

    def name(self, identifier: str | None, name: str | None) -> str | None:
        """The display name shown for an account."""
        return name

    def profile_url(self, identifier: str | None, url: str | None) -> str | None:
        return url

    def message_id(self, message_id: str | None) -> str | None:
        """A message id (also a ``parent`` or ``root``) as shown."""
        return message_id

    def message_url(self, message_id: str | None, url: str | None) -> str | None:
        return url

    def text(self, text: str | None) -> str | None:
        """A message text as shown."""
        return text

    def key(self, key: str | None) -> str | None:
        """An interaction's key (a digest of its fields: :func:`civicnet.columns.interaction_key`) as shown."""
        return key

    def terms(self, terms: Iterable[str]) -> list[str]:
        """The terms (top terms, word cloud) that may be shown."""
        return list(terms)

    def row(self, row: dict, *, accounts=(), messages=(), texts=(), names=()) -> dict:
        """A copy of ``row`` with its account, message-id, text and ``(name, account)`` columns as shown."""
        out = dict(row)
        for c in accounts:
            out[c] = self(out.get(c)) if out.get(c) else out.get(c)
        for c in messages:
            out[c] = self.message_id(out.get(c)) if out.get(c) else out.get(c)
        for c in texts:
            out[c] = self.text(out.get(c))
        for c, account in names:
            out[c] = self.name(row.get(account), out.get(c))
        return out

    def real_message_id(self, store, shown: str) -> str:
        """The stored id of a message id as shown (the dashboard's thread links)."""
        return shown


#: The labeller that shows everything as it is.
identity = Labeller()


def shown(label: "Label | None") -> "Labeller":
    """The labeller to call: ``label``, or :data:`identity` for ``None``.

    >>> shown(None)("wijkagentLisse")
    'wijkagentLisse'
    >>> shown(str.upper)("wijkagentLisse")
    'WIJKAGENTLISSE'
    """
    return identity if label is None else label


def text_of(label: "Label | None") -> Callable[[Optional[str]], Optional[str]]:
    """How message texts are shown under ``label``: its ``text`` method, else as they are.

    >>> text_of(None)("Dank @wijkagentLisse!")
    'Dank @wijkagentLisse!'
    """
    return getattr(label, "text", None) or identity.text


def hides_text(label: "Label | None") -> bool:
    """Whether ``label`` pseudonymises (rewrites texts too): a :class:`Labeller` that is ``active``."""
    if label is None:
        return False
    active = getattr(label, "active", None)
    return bool(active) if active is not None else getattr(label, "text", None) is not None


def shown_name(label: "Label | None", identifier: str | None, name: str | None) -> str | None:
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
