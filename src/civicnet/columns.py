"""Mapped records as rows and Arrow columns: how records travel from a mapper to the store.

A mapper appends **rows** — tuples in the field order of :class:`~civicnet.model.Account`,
:class:`~civicnet.model.Message` and :class:`~civicnet.model.Interaction` — to a :class:`Rows`.
A row's time is in UTC: an aware datetime, or a naive one meaning UTC (the twitter-v2 mapper's,
which Arrow converts in half the time of an aware one); the model's records get aware ones.
The row path turns them into the model's records (:meth:`Rows.mapped`); a fast path turns
many records' rows into one :class:`Batch` of Arrow record batches (:meth:`Rows.batch`) for
the one ingest (:mod:`civicnet.store.ingest`), which stages, merges and upserts them
(:mod:`civicnet.store.staging`). Either way an interaction is keyed by
:func:`interaction_key`, computed here and nowhere else.

Every batch carries an order key ``o`` (int64): the rows of a file sort by it as the file
gives them, so the store's rules — the last present value of a column wins, the first
interaction of a key wins — hold however the file was cut into batches.
"""

from __future__ import annotations

import hashlib
from dataclasses import fields
from datetime import datetime, timezone
from typing import Iterable, NamedTuple

import numpy as np
import pyarrow as pa

from .model import Account, Interaction, Mapped, Message

try:  # CPython's own MD5: the same digest as OpenSSL's, three times faster on a key's few bytes (no EVP set-up)
    from _md5 import md5 as _md5
except ImportError:  # pragma: no cover - a Python built without it
    _md5 = hashlib.md5
#: MD5 for short keys and fingerprints (:func:`interaction_key`; the fast path's account rows).
md5 = _md5

ACCOUNT_FIELDS = tuple(f.name for f in fields(Account))
MESSAGE_FIELDS = tuple(f.name for f in fields(Message))
INTERACTION_FIELDS = tuple(f.name for f in fields(Interaction))

#: What an import's records yielded (``ImportReport.yielded``): collected messages, account rows, ties,
#: and the collected messages without an author (no ``account``: :mod:`civicnet.store.import_warnings`).
YIELDED = ("messages", "accounts", "interactions", "anonymous")
_M_ACCOUNT, _M_COLLECTED = MESSAGE_FIELDS.index("account"), MESSAGE_FIELDS.index("collected")


def no_yield() -> dict[str, int]:
    """An import's :data:`YIELDED` counts before its first record."""
    return dict.fromkeys(YIELDED, 0)

_TYPES = {"followers": pa.int64(), "following": pa.int64(), "created_at": pa.timestamp("us"),
          "like_count": pa.int64(), "share_count": pa.int64(), "reply_count": pa.int64(),
          "quote_count": pa.int64(), "has_media": pa.bool_(), "collected": pa.bool_()}


def _schema(names: Iterable[str]) -> pa.Schema:
    return pa.schema([("o", pa.int64())] + [(n, _TYPES.get(n, pa.string())) for n in names])


#: The Arrow batches' schemas: ``o``, then the store table's columns (a message's ``collected``
#: goes to the case link; an interaction's ``key`` comes first, as in the store).
ACCOUNT_SCHEMA = _schema(ACCOUNT_FIELDS)
MESSAGE_SCHEMA = _schema(MESSAGE_FIELDS)
INTERACTION_SCHEMA = _schema(("key",) + INTERACTION_FIELDS)
#: The store tables a :class:`Batch` fills, in its order, with their schemas.
BATCH_TABLES = (("account", ACCOUNT_SCHEMA), ("message", MESSAGE_SCHEMA), ("interaction", INTERACTION_SCHEMA))

SEP = "\x1f"
#: Interaction kinds whose carrier message identifies the tie on its own.
ONE_PER_MESSAGE = frozenset({"reply", "comment", "repost", "quote"})

# positions in a message row (MESSAGE_FIELDS) that say whether a message holds anything
_M_ACCOUNT, _M_CREATED, _M_TEXT, _M_PARENT, _M_MEDIA = (
    MESSAGE_FIELDS.index(n) for n in ("account", "created_at", "text", "parent", "has_media"))
_A_CREATED, _I_CREATED = ACCOUNT_FIELDS.index("created_at"), INTERACTION_FIELDS.index("created_at")


def interaction_key(platform, kind, source_account, target_account, target_handle, target_message,
                    created_at=None, message=None) -> str:
    """The natural key that deduplicates interactions across files (an interaction row's fields).

    A reply, comment, repost or quote is identified by the message that carries it;
    a mention by that message and whom it mentions; a like or follow without a
    carrier by who, whom and which message. The target is its lower-cased handle
    when known (some sources name targets only by handle), else its id.
    """
    target = "@" + target_handle.lower() if target_handle else "#" + (target_account or "")
    if message:
        parts = [platform, kind, "m", message]
        if kind not in ONE_PER_MESSAGE:
            parts.append(target)
    else:
        parts = [platform, kind, "s", source_account or "", target, target_message or ""]
    return _md5(SEP.join(parts).encode("utf-8")).hexdigest()


def gives_nothing(accounts: int, interactions: int, messages: Iterable[tuple]) -> bool:
    """Whether a record gave only messages with nothing but an id (``messages``: their
    ``(account, created_at, text, parent, has_media)``): no author, time, text, parent or media,
    and no account or tie — an object of another format read as this one."""
    messages = list(messages)
    if accounts or interactions or not messages:
        return False
    return all(_only_an_id(*m) for m in messages)


def _only_an_id(account, created_at, text, parent, has_media) -> bool:
    """Whether a message holds nothing but its id: no author, time, text, parent or media."""
    return account is None and created_at is None and not (text or "").strip() and parent is None and not has_media


class Batch(NamedTuple):
    """One batch of mapped records as Arrow (schemas :data:`ACCOUNT_SCHEMA` …), with the bytes
    of the file it covers (for progress)."""

    accounts: pa.RecordBatch
    messages: pa.RecordBatch
    interactions: pa.RecordBatch
    size: int = 0

    def __len__(self) -> int:  # type: ignore[override]
        return self.accounts.num_rows + self.messages.num_rows + self.interactions.num_rows


class Rows:
    """The rows mappers append: ``accounts``, ``messages``, ``interactions`` (lists of tuples)."""

    __slots__ = ("accounts", "messages", "interactions")

    def __init__(self) -> None:
        self.accounts: list[tuple] = []
        self.messages: list[tuple] = []
        self.interactions: list[tuple] = []

    def __len__(self) -> int:
        return len(self.accounts) + len(self.messages) + len(self.interactions)

    def tally(self, yielded: dict[str, int]) -> None:
        """Add what these rows are to an import's ``yielded`` counts (:data:`YIELDED`)."""
        collected = anonymous = 0
        for row in self.messages:
            if row[_M_COLLECTED]:
                collected += 1
                anonymous += row[_M_ACCOUNT] is None
        yielded["messages"] += collected
        yielded["anonymous"] += anonymous
        yielded["accounts"] += len(self.accounts)
        yielded["interactions"] += len(self.interactions)

    def mark(self) -> tuple[int, int, int]:
        """Where the rows end now (for :meth:`undo` and :meth:`gives_nothing_since`)."""
        return len(self.accounts), len(self.messages), len(self.interactions)

    def undo(self, mark: tuple[int, int, int]) -> None:
        """Drop the rows appended since ``mark`` (a record that turned out to be rejected)."""
        del self.accounts[mark[0]:], self.messages[mark[1]:], self.interactions[mark[2]:]

    def gives_nothing_since(self, mark: tuple[int, int, int]) -> bool:
        """:func:`gives_nothing` of the rows appended since ``mark`` (its test, message by message)."""
        messages = self.messages
        if len(self.accounts) > mark[0] or len(self.interactions) > mark[2] or len(messages) == mark[1]:
            return False
        for i in range(mark[1], len(messages)):
            m = messages[i]
            if not _only_an_id(m[_M_ACCOUNT], m[_M_CREATED], m[_M_TEXT], m[_M_PARENT], m[_M_MEDIA]):
                return False
        return True

    def mapped(self) -> Mapped:
        """The rows as the model's records (a naive time, which a row holds in UTC, made aware)."""
        return Mapped([Account(*_aware(r, _A_CREATED)) for r in self.accounts],
                      [Message(*_aware(r, _M_CREATED)) for r in self.messages],
                      [Interaction(*_aware(r, _I_CREATED)) for r in self.interactions])

    def add(self, mapped: Mapped) -> None:
        """Append the model's records (importers that map to :class:`~civicnet.model.Mapped`)."""
        for records, out, names in ((mapped.accounts, self.accounts, ACCOUNT_FIELDS),
                                    (mapped.messages, self.messages, MESSAGE_FIELDS),
                                    (mapped.interactions, self.interactions, INTERACTION_FIELDS)):
            out.extend(tuple(getattr(r, n) for n in names) for r in records)

    def batch(self, first: int, size: int = 0) -> Batch:
        """The rows as Arrow, ordered from ``first`` on (accounts, then messages, then ties: each
        table sorts only within itself); interactions keyed by :func:`interaction_key`."""
        return Batch(_record_batch(self.accounts, ACCOUNT_SCHEMA, first),
                     _record_batch(self.messages, MESSAGE_SCHEMA, first),
                     _record_batch(self.interactions, INTERACTION_SCHEMA, first, interaction_keys(self.interactions)),
                     size)


def interaction_keys(rows: list[tuple]) -> list[str]:
    """:func:`interaction_key` of each interaction row. A tie its message identifies on its own (a reply,
    comment, repost or quote), with text fields, is hashed here without the call: the same key."""
    md5, one, keys = _md5, ONE_PER_MESSAGE, []
    append = keys.append
    for row in rows:
        platform, kind, _, target, handle, _, _, message = row
        if (type(kind) is str and kind in one and type(message) is str and message and type(platform) is str
                and (handle is None or type(handle) is str) and (target is None or type(target) is str)):
            append(md5(f"{platform}{SEP}{kind}{SEP}m{SEP}{message}".encode("utf-8")).hexdigest())
        else:
            append(interaction_key(*row))
    return keys


def _aware(row: tuple, at: int) -> tuple:
    """``row`` with its time at ``at`` aware (a naive one is in UTC)."""
    when = row[at]
    if type(when) is datetime and when.tzinfo is None:
        return row[:at] + (when.replace(tzinfo=timezone.utc),) + row[at + 1:]
    return row


def _record_batch(rows: list[tuple], schema: pa.Schema, first: int, keys: list | None = None) -> pa.RecordBatch:
    """Rows as one record batch of ``schema`` (aware datetimes become naive UTC, as the store keeps them)."""
    columns = list(zip(*rows)) if rows else [()] * (len(schema) - 1 - (keys is not None))
    if keys is not None:
        columns.insert(0, keys)
    arrays = [pa.array(np.arange(first, first + len(rows), dtype=np.int64))]
    arrays += [pa.array(column, type=f.type) for column, f in zip(columns, list(schema)[1:])]
    return pa.RecordBatch.from_arrays(arrays, schema=schema)
