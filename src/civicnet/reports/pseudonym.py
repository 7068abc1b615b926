"""Stable salted pseudonyms for private citizens in everything exported.

Government and organisation accounts stay named; every other account identifier is
replaced by ``anon-`` and 10 hex digits of an HMAC-SHA256 over the identifier, keyed
with a random salt kept in the store (table ``secret``), never in outputs. The same
store gives the same pseudonyms on every run, so tables and factsheets of one
workspace can be joined; another store gives other pseudonyms.

Inside message texts, ``@handles`` and display names of pseudonymised accounts are
replaced too.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Iterable

from ..labels import Label, identity  # noqa: F401  (one definition, kept importable from here)
from ..store import Store

_HANDLE = re.compile(r"(?<![\w@])@([A-Za-z0-9_.]{1,64})")


def store_salt(store: Store) -> bytes:
    """The store's pseudonymisation salt, created on first use."""
    rows = store.sql("SELECT value FROM secret WHERE name = 'pseudonym_salt'")
    if rows:
        return bytes.fromhex(rows[0][0])
    salt = secrets.token_hex(32)
    store.sql("INSERT INTO secret VALUES ('pseudonym_salt', ?) ON CONFLICT DO NOTHING", [salt])
    return bytes.fromhex(store.sql("SELECT value FROM secret WHERE name = 'pseudonym_salt'")[0][0])


class Pseudonymiser:
    """Maps account identifiers (and names in texts) to pseudonyms, keeping named ones."""

    def __init__(self, salt: bytes, keep: Iterable[str] = (), names: dict[str, str] | None = None):
        self._salt = salt
        self._keep = {k.lower() for k in keep if k}
        self._names = {ident: name for ident, name in (names or {}).items() if name and len(name) >= 4}
        self._cache: dict[str, str] = {}
        self._name_pattern = None

    def __call__(self, identifier: str | None) -> str | None:
        if identifier is None:
            return None
        key = identifier.lstrip("@")
        if key.lower() in self._keep:
            return identifier
        cached = self._cache.get(key)
        if cached is None:
            digest = hmac.new(self._salt, key.lower().encode("utf-8"), hashlib.sha256).hexdigest()
            cached = self._cache[key] = "anon-" + digest[:10]
        return cached

    def text(self, text: str | None) -> str | None:
        """The text with @handles and display names of pseudonymised accounts replaced."""
        if not text:
            return text
        text = _HANDLE.sub(lambda m: "@" + self(m.group(1)), text)
        if self._names:
            if self._name_pattern is None:
                hidden = sorted(
                    (name for ident, name in self._names.items() if self(ident) != ident),
                    key=len, reverse=True,
                )
                self._by_name = {name: self(ident) for ident, name in self._names.items() if name in hidden}
                self._name_pattern = re.compile("|".join(re.escape(n) for n in hidden)) if hidden else False
            if self._name_pattern:
                text = self._name_pattern.sub(lambda m: self._by_name[m.group(0)], text)
        return text
