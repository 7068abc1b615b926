"""What the platform collectors share: the page they yield, the job they get, times.

A platform module (mastodon, bluesky, x, facebook) has the same face:

``FORMAT``
    the importer format of what it writes (``mastodon``, ``bluesky``, ``twitter-v2``,
    ``facebook-graph``);
``client(spec, credentials, **kw) -> Client``
    the HTTP client with the platform's credential, rate-limit headers and error
    messages; raises ``CredentialsError`` when a required credential is missing;
``prepare(job)``
    looks up ids once (kept in ``state.resolved``) and sets ``state.source`` (the
    importer format and options of the parts);
``backfill(job) -> Iterator[Page]``
    the period, newest to oldest, from ``state.cursor``; each page carries the cursor
    after it; the iterator ends when the period (or the list) is exhausted;
``sweep(job) -> Iterator[Page]``
    what is new above ``state.newest`` (watch mode, and a rerun after the backfill).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from .cursors import State
from .http import Client
from .spec import CollectSpec

#: a Page field left as is
KEEP: Any = type("Keep", (), {"__repr__": lambda self: "KEEP"})()


@dataclass
class Page:
    """One response page to write, and what committing it changes in the state."""

    body: Any
    url: str
    items: int
    cursor: Any = KEEP
    newest: Any = KEEP
    write: bool = True


@dataclass
class Job:
    """One entry's collection run: the entry, its client and state, and now."""

    spec: CollectSpec
    client: Client
    state: State
    now: datetime

    def size(self, default: int, maximum: int) -> int:
        """The page size: the entry's ``page_size``, else ``default``, at most ``maximum``."""
        return max(1, min(self.spec.page_size or default, maximum))


def parse_time(value) -> datetime | None:
    """An API time stamp (ISO 8601 with ``Z``, ``+00:00`` or ``+0000``) as UTC, or None."""
    if not isinstance(value, str) or not value:
        return None
    text = value.strip().replace("Z", "+00:00")
    if len(text) > 5 and text[-5] in "+-" and text[-3] != ":":
        text = text[:-2] + ":" + text[-2:]
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        return None
    return when.replace(tzinfo=timezone.utc) if when.tzinfo is None else when.astimezone(timezone.utc)


def iso(when: datetime | None) -> str | None:
    return when.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ") if when else None


def period_flags(times: list[datetime], job: Job) -> tuple[bool, bool]:
    """(write, reached_start) for a page whose items have ``times`` (newest first).

    A page is not written when every item is after the period; the backfill has
    reached the start when the page's oldest item is before it.
    """
    if not times:
        return False, False
    start, end = job.spec.start_time(), job.spec.end_time()
    write = (end is None or min(times) < end) and (start is None or max(times) >= start)
    reached = start is not None and min(times) < start
    return write, reached


def detail(body) -> str:
    """The platform's own words from an error body (scrubbed by the client), shortened."""
    if isinstance(body, dict):
        err = body.get("error")
        if isinstance(err, dict):
            body = err.get("message") or err
        else:
            parts = [str(body[k]) for k in ("error", "message", "title", "detail", "reason") if body.get(k)]
            body = ": ".join(dict.fromkeys(parts)) or body
    text = " ".join(str(body).split())
    return text[:240]
