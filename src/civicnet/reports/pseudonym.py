"""Pseudonymisation: one labeller through which every output shows accounts, messages and texts.

Every output — ``civicnet run`` (summary.json, nodes.csv, edges.csv, network.gexf,
messages.csv, the factsheet), ``civicnet inbox`` and the dashboard (every API response and
download) — shows identifiers through one :class:`Labeller`, made by :func:`labeller`.
:data:`identity` shows everything as it is; a :class:`Pseudonymiser` (``--pseudonymise``)
replaces, for every citizen (docs/privacy.md):

* the account identifier (handle, account id, DID) by ``anon-`` and 10 hex digits of an
  HMAC-SHA256 over the account's shown identifier (its handle, else its id), keyed with a
  random salt kept in the store (table ``secret``) and never written out — so an account's
  DID, id and handle give one pseudonym, and one store gives the same pseudonyms on every run.
  Two of the case's accounts whose 10 digits are the same (40 bits: likely somewhere among a
  million accounts) both get 16 digits instead, so no two of its accounts share a pseudonym;
* the display name by that pseudonym;
* the id of a message by ``msg-`` and 16 hex digits of SHA-256 over the salt and the id (64 bits:
  no two of even tens of millions of messages share one)
  (a message id can be looked up on the platform, which names its author; Bluesky's AT URIs
  and Facebook's ``PAGEID_POSTID`` even embed the account);
* in texts: @mentions of any shape (dots, hyphens, underscores, ``@user@instance``, ``.@user``),
  DIDs, the account's handles and ids where they hold a digit, dot, hyphen or underscore
  (a domain handle also as the end of a host name: ``blog.jan.nl``), and in every link the
  host labels and path segments that are a citizen's handle or the user part of a fediverse
  handle (``github.com/user``, ``user.github.io``), the ids of citizens' messages in links to
  a platform, and display names (as whole words, in any case, when at least 4 characters
  long). A handle mentioned in a text counts as a citizen's for that whole text;
* terms (top terms, word cloud) that are such an identifier or a word of a citizen's name.

Government accounts (the case file's ``government:``) and public accounts (``public:``:
media, organisations, public figures) keep their names, and their messages their ids.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from typing import Iterable

from ..labels import Label, Labeller, identity  # noqa: F401  (one definition, kept importable from here)
from ..store import Store
from .pseudonym_text import _PSEUDONYM, _WORD, TextRewriting

__all__ = ["Label", "Labeller", "Pseudonymiser", "identity", "labeller", "store_salt"]

#: Hex digits of a pseudonym, and of one whose first :data:`DIGITS` another account of the case shares.
DIGITS, LONG_DIGITS = 10, 16
_MESSAGE_PSEUDONYM = re.compile(r"msg-[0-9a-f]{16}")
#: Hex digits of a message pseudonym.
MESSAGE_DIGITS = 16
MIN_NAME = 4


def store_salt(store: Store) -> bytes:
    """The store's pseudonymisation salt, created on first use."""
    rows = store.sql("SELECT value FROM secret WHERE name = 'pseudonym_salt'")
    if rows:
        return bytes.fromhex(rows[0][0])
    salt = secrets.token_hex(32)
    store.sql("INSERT INTO secret VALUES ('pseudonym_salt', ?) ON CONFLICT DO NOTHING", [salt])
    return bytes.fromhex(store.sql("SELECT value FROM secret WHERE name = 'pseudonym_salt'")[0][0])


def _name_key(name: str) -> str:
    return " ".join(_WORD.findall(name.casefold()))


class Pseudonymiser(TextRewriting, Labeller):
    """Pseudonyms for everyone but the kept (government and public) accounts; see the module docstring.

    Parameters
    ----------
    salt
        the store's salt (:func:`store_salt`).
    keep
        identifiers (handles, account ids) that stay as they are.
    names
        shown identifier → display name, for accounts known by nothing else.
    accounts
        ``(platform, id, handle, name)`` of the case's accounts: their ids, handles and
        names are recognised in texts, and an id or DID shows as its account's pseudonym.
    kept_names
        display names of the kept accounts (their words are never taken for a citizen's name).
    kept_messages
        ids of the kept accounts' messages; they stay, unless they embed a citizen's id.
    """

    active = True

    def __init__(self, salt: bytes, keep: Iterable[str] = (), names: dict[str, str] | None = None, *,
                 accounts: Iterable[tuple] = (), kept_names: Iterable[str] = (),
                 kept_messages: Iterable[str] = (), case_id: str | None = None):
        self._salt = salt
        self._salt_hex = salt.hex() + "\x1f"
        self.case_id = case_id
        self._keep = {k.lstrip("@").lower() for k in keep if k}
        self._keep |= {k.split("@", 1)[0] for k in self._keep if "@" in k}  # @local of a kept user@instance
        self._kept_words = {w for n in kept_names if n for w in _WORD.findall(n.casefold())}
        self._cache: dict[str, str] = {}
        self._texts: dict[str, str] = {}  # a text -> as shown (retweets repeat theirs), at most TEXTS_KEPT
        self._known: dict[str, str] = {}   # citizen id/handle (lower) -> shown identifier (lower)
        self._names: dict[str, str] = {}   # citizen name key -> shown identifier (lower)
        self._first_words: set[str] = set()
        self._name_prefixes: set[str] = set()  # every name key's first 1, 2, … words
        self._name_words: set[str] = set()
        self._max_words = 0
        self._instances: set[str] = set()
        rows = list(accounts) + [(None, None, ident, name) for ident, name in (names or {}).items()]
        for row in rows:  # a kept account's name is never taken for a citizen's
            if row[3] and {x.lstrip("@").lower() for x in row[1:3] if x} & self._keep:
                self._kept_words.update(_WORD.findall(row[3].casefold()))
        for row in rows:
            self._index(*row[:4])
        self._long = self._colliding()
        self._kept_messages = {m for m in kept_messages if m and not self._embeds_citizen(m)}
        self._kept_parts = {p for m in self._kept_messages for p in re.split(r"[_/]", m) if p}

    @classmethod
    def for_case(cls, store: Store, case, government=None) -> "Pseudonymiser":
        """The case's pseudonymiser: government and ``public:`` accounts kept, everyone else hidden.

        ``store``: a store or a case scope (anything with ``sql``); ``government``: the case's
        matched government accounts when already known.
        """
        from ..store.government import government_accounts, matching_accounts

        government = government_accounts(store, case) if government is None else government
        kept = {(g.platform, g.account_id) for g in government}
        for spec in case.public:
            kept |= {(p, i) for p, i, _, _ in matching_accounts(store, case.id, spec.handle, spec.platform)}
        accounts = cls.case_accounts(store, case.id)
        kept_rows = [a for a in accounts if (a[0], a[1]) in kept]
        keep = {s.handle for s in (*case.government, *case.public)} | {x for a in kept_rows for x in a[1:3] if x}
        messages: set[str] = set()
        if kept:  # one pass over the case's messages for every kept account
            pairs = sorted(kept)
            values = ", ".join(["(?, ?)"] * len(pairs))
            messages.update(r[0] for r in store.sql(
                f"""SELECT m.id FROM case_message c JOIN message m USING (platform, id)
                    JOIN (VALUES {values}) k(platform, account) ON m.platform = k.platform AND m.account = k.account
                    WHERE c.case_id = ?""", [x for pair in pairs for x in pair] + [case.id]))
        return cls(store_salt(store), keep=keep, accounts=accounts, kept_names=[a[3] for a in kept_rows],
                   kept_messages=messages, case_id=case.id)

    #: ``(platform, id, handle, name)`` of the case's accounts, then of the accounts it only mentions.
    CASE_ACCOUNTS = ("""SELECT a.platform, a.id, a.handle, a.name FROM case_account c
                        JOIN account a USING (platform, id) WHERE c.case_id = ?""",
                     """SELECT DISTINCT i.platform, i.target_account, i.target_handle, NULL
                        FROM case_interaction c JOIN interaction i USING (key)
                        WHERE c.case_id = ? AND i.target_handle IS NOT NULL""")

    @classmethod
    def case_accounts(cls, store: Store, case_id: str) -> list[tuple]:
        """The rows of :data:`CASE_ACCOUNTS` the index is built from."""
        return [row for query in cls.CASE_ACCOUNTS for row in store.sql(query, [case_id])]

    # -- building the index ------------------------------------------------------------

    def _index(self, platform, account_id, handle, name) -> None:
        shown = (handle or account_id or "").lstrip("@").lower()
        ids = {x.lstrip("@").lower() for x in (account_id, handle) if x}
        if not shown or ids & self._keep:
            return
        for key in ids:
            self._known.setdefault(key, shown)
            if "/" in key and len(key.rsplit("/", 1)[1]) >= MIN_NAME:  # LinkedIn in/slug: the slug alone
                self._known.setdefault(key.rsplit("/", 1)[1], shown)
            if "@" in key:
                user, instance = key.split("@", 1)
                self._instances.add(instance)
                if user not in self._keep:  # the user part alone: in links (github.com/user)
                    self._known.setdefault(user, shown)
        if platform == "mastodon" and account_id and ":" in account_id:
            self._instances.add(account_id.split(":", 1)[0].lower())
        key = _name_key(name or "")
        if len(key) >= MIN_NAME and key not in self._kept_words and not set(key.split()) <= self._kept_words:
            self._names.setdefault(key, shown)
            words = key.split()
            self._first_words.add(words[0])
            self._name_prefixes.update(" ".join(words[:k]) for k in range(1, len(words) + 1))
            self._max_words = max(self._max_words, len(words))
            self._name_words.update(w for w in words if len(w) >= MIN_NAME and w not in self._kept_words)

    def _colliding(self) -> set[str]:
        """The shown identifiers of the case's accounts whose pseudonyms of :data:`DIGITS` digits are
        another's too (they get :data:`LONG_DIGITS`)."""
        first: dict[str, str] = {}
        long: set[str] = set()
        for shown in set(self._known.values()):
            digits = self._digest(shown)[:DIGITS]
            other = first.setdefault(digits, shown)
            if other != shown:
                long |= {other, shown}
        self._cache.update((shown, "anon-" + digits) for digits, shown in first.items() if shown not in long)
        return long

    def _digest(self, shown: str) -> str:
        return hmac.new(self._salt, shown.encode("utf-8"), hashlib.sha256).hexdigest()

    def _embeds_citizen(self, message_id: str) -> bool:
        parts = re.split(r"[_/]", message_id.lower())
        return any(p in self._known for p in parts if p)

    # -- identifiers -------------------------------------------------------------------

    def _pseudonym(self, shown: str) -> str:
        cached = self._cache.get(shown)
        if cached is None:
            digits = LONG_DIGITS if shown in self._long else DIGITS
            cached = self._cache[shown] = "anon-" + self._digest(shown)[:digits]
        return cached

    def __call__(self, identifier: str | None) -> str | None:
        if identifier is None:
            return None
        key = identifier.lstrip("@").lower()
        if not key or key in self._keep or _PSEUDONYM.fullmatch(key):
            return identifier
        return self._pseudonym(self._known.get(key, key))

    def kept(self, identifier: str | None) -> bool:
        return identifier is not None and identifier.lstrip("@").lower() in self._keep

    def name(self, identifier: str | None, name: str | None) -> str | None:
        return name if self.kept(identifier) else self(identifier)

    def profile_url(self, identifier: str | None, url: str | None) -> str | None:
        return url if self.kept(identifier) else None

    def message_id(self, message_id: str | None) -> str | None:
        if not message_id or message_id in self._kept_messages or _MESSAGE_PSEUDONYM.fullmatch(message_id):
            return message_id
        return "msg-" + hashlib.sha256((self._salt_hex + message_id).encode("utf-8")).hexdigest()[:MESSAGE_DIGITS]

    def message_url(self, message_id: str | None, url: str | None) -> str | None:
        return url if message_id in self._kept_messages else None

    def key(self, key: str | None) -> str | None:
        """An interaction key as a salted digest: the key is an MD5 of the tie's fields, so anyone could
        test whether a given account made a tie; without the salt nobody can."""
        if not key:
            return key
        return hashlib.sha256((self._salt_hex + "tie\x1f" + key).encode("utf-8")).hexdigest()[:32]

    def real_message_id(self, store: Store, shown: str) -> str:
        if not _MESSAGE_PSEUDONYM.fullmatch(shown):
            return shown
        rows = store.sql(
            """SELECT m.id FROM case_message c JOIN message m USING (platform, id)
               WHERE c.case_id = ? AND 'msg-' || left(sha256(? || m.id), ?) = ? LIMIT 1""",
            [self.case_id, self._salt_hex, MESSAGE_DIGITS, shown])
        return rows[0][0] if rows else shown

    # -- terms (texts: .pseudonym_text) ------------------------------------------------

    def terms(self, terms: Iterable[str]) -> list[str]:
        out = []
        for term in terms:
            core = term.lstrip("@#").lower()
            if term.startswith("@") and core not in self._keep:
                continue
            if core in self._known or core in self._name_words or _name_key(core) in self._names:
                continue
            out.append(term)
        return out


def labeller(store: Store, case, pseudonymise: bool = True) -> Labeller:
    """The labeller of every output of a case: :data:`identity`, or the case's :class:`Pseudonymiser`."""
    return Pseudonymiser.for_case(store, case) if pseudonymise else identity

