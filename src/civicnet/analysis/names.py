"""How a person reads an account: by its display name, with its handle beside it.

CONTRACT.md: wherever a person reads an account (factsheet, dashboard, inbox, comparison) it is
shown by its display name, with the handle beside it where there is one; a bare platform id
only when the platform gave no name. Under a labeller that replaces a citizen's identifier
(``--pseudonymise``) the citizen is shown by the pseudonym alone.

:func:`display_names` (a measure) reads the names the platforms gave; :class:`Names` is that
table, and :meth:`Names.who` the one place an account becomes what a reader sees:

>>> names = Names({"wijkagentLisse": "Wijkagent Lisse", "908997488433241": "Gemeente Deventer"},
...               handles=frozenset({"wijkagentLisse", "jan"}))
>>> names.who("wijkagentLisse")
{'name': 'Wijkagent Lisse', 'handle': '@wijkagentLisse'}
>>> names.who("908997488433241"), names.who("jan"), names.who("1000123")
({'name': 'Gemeente Deventer', 'handle': None}, {'name': '@jan', 'handle': None}, {'name': '1000123', 'handle': None})
>>> names.text("wijkagentLisse"), names.text("jan", label=lambda i: "anon-1" if i == "jan" else i)
('Wijkagent Lisse (@wijkagentLisse)', 'anon-1')
"""

from __future__ import annotations

from ..labels import Label, shown, shown_name
from ..store.scope import CaseScope, measure


class Names(dict):
    """Account identifier (handle, else the platform's account id) → the display name the platform
    gave, for the accounts of a case that have one; ``handles``: the identifiers that are handles."""

    def __init__(self, names: dict[str, str] | None = None, handles: frozenset[str] = frozenset()):
        super().__init__(names or {})
        self.handles = frozenset(handles)

    def who(self, identifier: str | None, label: Label | None = None) -> dict:
        """``{"name", "handle"}``: what a reader sees of an account (real ``identifier``) under ``label``.

        ``name`` is the display name (or the pseudonym of a replaced citizen; ``@handle`` or the
        bare id where the platform gave no name); ``handle`` is ``@handle`` beside a name, else None.
        """
        if identifier is None:
            return {"name": None, "handle": None}
        replaced = shown(label)(identifier)
        if replaced != identifier:
            return {"name": shown_name(label, identifier, self.get(identifier)) or replaced, "handle": None}
        handle = f"@{identifier}" if identifier in self.handles else None
        name = self.get(identifier)
        if name and name != identifier:
            return {"name": name, "handle": handle}
        return {"name": handle or identifier, "handle": None}

    def text(self, identifier: str | None, label: Label | None = None) -> str | None:
        """The account as one line of text: ``Name (@handle)``, ``Name``, ``@handle`` or the id."""
        w = self.who(identifier, label)
        return f"{w['name']} ({w['handle']})" if w["handle"] else w["name"]

    def shown_as(self, label: Label | None = None) -> dict[str, dict]:
        """Every known account by the identifier an output shows (``label``'s) → :meth:`who`."""
        show = shown(label)
        idents = set(self) | set(self.handles)
        return {show(i): self.who(i, label) for i in idents}


@measure()
def display_names(scope: CaseScope) -> Names:
    """The case's accounts: identifier (handle, else the platform's id) -> the display name the
    platform gave (where it gave one), and which identifiers are handles."""
    rows = scope.sql("SELECT coalesce(handle, id), nullif(trim(name), ''), handle IS NOT NULL FROM case_accounts")
    return Names({ident: name for ident, name, _ in rows if name},
                 handles=frozenset(ident for ident, _, is_handle in rows if is_handle))
