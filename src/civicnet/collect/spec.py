"""The ``collect:`` entries of a case file, validated into :class:`CollectSpec`.

An entry names a platform, a kind of collection and what to collect::

    collect:
      - {platform: mastodon, kind: account, account: minbzk, instance: social.overheid.nl}
      - {platform: bluesky, kind: thread, post: "at://did:plc:…/app.bsky.feed.post/3k…"}
      - {platform: x, kind: search, query: "#aardbeving lang:nl", archive: true, max_pages: 20}
      - {platform: facebook, kind: page, account: "104983411234567"}

Every problem is one line naming the field (``collect[2].kind``) and what is expected,
raised as :class:`~civicnet.errors.CaseFileError`. See docs/collect.md.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from typing import Any
from urllib.parse import urlsplit

from ..case import Case
from ..errors import CaseFileError

PLATFORMS = ("mastodon", "bluesky", "x", "facebook")
_ALIASES = {"twitter": "x"}
KINDS = {
    "mastodon": ("account", "hashtag", "thread", "followers", "following"),
    "bluesky": ("account", "hashtag", "search", "thread", "followers", "following"),
    "x": ("search", "hashtag", "account", "mentions", "followers", "following"),
    "facebook": ("page",),
}
#: the field each kind needs
TARGET = {
    "account": "account", "followers": "account", "following": "account", "mentions": "account",
    "page": "account", "hashtag": "query", "search": "query", "thread": "post",
}
#: kinds that are a snapshot (a list or one thread), not a stream in time
SNAPSHOT_KINDS = ("followers", "following")
FACEBOOK_EDGES = ("feed", "posts", "visitor_posts")
DEFAULT_MAX_PAGES = 100
_KEYS = {
    "platform", "kind", "query", "account", "post", "instance", "period", "max_pages", "page_size",
    "pace", "archive", "edge", "name",
}
_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
_HOST = re.compile(r"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$")


@dataclass(frozen=True)
class CollectSpec:
    """One validated ``collect:`` entry."""

    index: int
    platform: str
    kind: str
    target: str
    name: str
    instance: str | None = None
    start: date | None = None
    end: date | None = None
    max_pages: int = DEFAULT_MAX_PAGES
    page_size: int | None = None
    pace: float | None = None
    archive: bool = False
    edge: str | None = None

    @property
    def where(self) -> str:
        """How messages name the entry: ``collect[2]``."""
        return f"collect[{self.index}]"

    @property
    def field(self) -> str:
        """The case-file field holding the target (``account``, ``query`` or ``post``)."""
        return TARGET[self.kind]

    @property
    def label(self) -> str:
        """A short human description: ``mastodon account minbzk@social.overheid.nl``."""
        at = f"@{self.instance}" if self.instance and "@" not in self.target else ""
        return f"{self.platform} {self.kind} {self.target}{at}"

    def identity(self) -> dict[str, Any]:
        """What the entry collects (without period and paging): the key of its saved state."""
        return {
            "platform": self.platform, "kind": self.kind, "target": self.target,
            "instance": self.instance, "archive": self.archive, "edge": self.edge,
        }

    def period(self) -> dict[str, str | None]:
        return {"start": self.start.isoformat() if self.start else None, "end": self.end.isoformat() if self.end else None}

    def start_time(self) -> datetime | None:
        """The period's first instant, UTC."""
        return datetime.combine(self.start, time(0), timezone.utc) if self.start else None

    def end_time(self) -> datetime | None:
        """The instant after the period's last day, UTC (the end date is included)."""
        return datetime.combine(self.end + timedelta(days=1), time(0), timezone.utc) if self.end else None

    def is_open(self, now: datetime) -> bool:
        """Whether new messages can still fall in the period (no end, or an end not yet passed)."""
        end = self.end_time()
        return self.kind not in SNAPSHOT_KINDS and (end is None or end > now)


def parse_collect(case: Case) -> list[CollectSpec]:
    """The validated ``collect:`` entries of a case (an empty list when it has none).

    Raises :class:`~civicnet.errors.CaseFileError` naming the field at fault.
    """
    entries = case.raw.get("collect") if isinstance(case.raw, dict) else None
    if entries is None:
        return []
    if not isinstance(entries, list):
        raise CaseFileError(case.path, "`collect` must be a list of {platform, kind, account|query|post}")
    specs = [_entry(case, n, entry) for n, entry in enumerate(entries, 1)]
    seen: dict[str, int] = {}
    for spec in specs:
        if spec.name in seen:
            raise CaseFileError(
                case.path,
                f"`{spec.where}.name`: collect[{seen[spec.name]}] already writes to data/collected/{spec.name}; "
                "give one of them another `name:`",
            )
        seen[spec.name] = spec.index
    return specs


def _entry(case: Case, n: int, entry: Any) -> CollectSpec:
    where = f"collect[{n}]"

    def fail(name: str, problem: str):
        raise CaseFileError(case.path, f"`{where}{'.' + name if name else ''}`{': ' if name else ' '}{problem}")

    if not isinstance(entry, dict):
        fail("", "must be a mapping {platform, kind, account|query|post}")
    unknown = sorted(set(map(str, entry)) - _KEYS)
    if unknown:
        fail(unknown[0], f"unknown field; known fields: {', '.join(sorted(_KEYS))}")
    platform = _text(entry, "platform", fail, required=True).lower()
    platform = _ALIASES.get(platform, platform)
    if platform not in PLATFORMS:
        fail("platform", f"must be one of {', '.join(PLATFORMS)}, not {platform!r}")
    kind = _text(entry, "kind", fail, required=True)
    if kind not in KINDS[platform]:
        fail("kind", f"{platform} collects {', '.join(KINDS[platform])}; not {kind!r}")
    key = TARGET[kind]
    for other in ("account", "query", "post"):
        if other != key and entry.get(other) is not None:
            fail(other, f"is not used by kind {kind}; give `{key}`")
    target = _text(entry, key, fail, required=True).strip()
    target = target.lstrip("#") if kind == "hashtag" else target.lstrip("@") if key == "account" else target
    if not target:
        fail(key, "must not be empty")
    instance = _instance(entry, platform, fail)
    start, end = _period(entry, case, fail)
    return CollectSpec(
        index=n, platform=platform, kind=kind, target=target,
        name=_name(entry, platform, kind, target, instance, fail),
        instance=instance, start=start, end=end,
        max_pages=_int(entry, "max_pages", fail) or DEFAULT_MAX_PAGES,
        page_size=_int(entry, "page_size", fail),
        pace=_pace(entry, fail),
        archive=_archive(entry, platform, kind, fail),
        edge=_edge(entry, platform, fail),
    )


def _text(entry: dict, key: str, fail, required: bool = False) -> str | None:
    value = entry.get(key)
    if value is None:
        if required:
            fail(key, "is required")
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        fail(key, "must be text")
    return value


def _int(entry: dict, key: str, fail) -> int | None:
    value = entry.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 100_000:
        fail(key, "must be a whole number from 1 to 100000")
    return value


def _pace(entry: dict, fail) -> float | None:
    value = entry.get("pace")
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 3600:
        fail("pace", "must be the seconds between two requests, from 0 to 3600")
    return float(value)


def _archive(entry: dict, platform: str, kind: str, fail) -> bool:
    value = entry.get("archive")
    if value is None:
        return False
    if not isinstance(value, bool):
        fail("archive", "must be true or false")
    if value and (platform != "x" or kind not in ("search", "hashtag")):
        fail("archive", "only applies to X search and hashtag entries (full-archive search)")
    return value


def _edge(entry: dict, platform: str, fail) -> str | None:
    value = _text(entry, "edge", fail)
    if value is None:
        return "feed" if platform == "facebook" else None
    if platform != "facebook" or value not in FACEBOOK_EDGES:
        fail("edge", f"only applies to facebook pages: one of {', '.join(FACEBOOK_EDGES)}")
    return value


def _instance(entry: dict, platform: str, fail) -> str | None:
    value = _text(entry, "instance", fail)
    if platform != "mastodon":
        if value is not None:
            fail("instance", "only applies to mastodon entries")
        return None
    if value is None:
        fail("instance", "is required for mastodon: the host name of the instance to ask, e.g. social.overheid.nl")
    raw = value.strip().lower()
    host = urlsplit(raw if "//" in raw else "//" + raw).hostname or ""
    if not _HOST.match(host):
        fail("instance", f"must be a host name like social.overheid.nl, not {value!r}")
    return host


def _period(entry: dict, case: Case, fail) -> tuple[date | None, date | None]:
    period = entry.get("period")
    if period is None:
        return case.period_start, case.period_end
    if not isinstance(period, dict):
        fail("period", "must be a mapping {start: YYYY-MM-DD, end: YYYY-MM-DD}")
    start, end = (_date(period.get(k), f"period.{k}", fail) for k in ("start", "end"))
    if start and end and end < start:
        fail("period.end", f"({end}) is before period.start ({start})")
    return start, end


def _date(value, name: str, fail) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    fail(name, f"must be a date YYYY-MM-DD, not {value!r}")


def _name(entry: dict, platform: str, kind: str, target: str, instance: str | None, fail) -> str:
    given = _text(entry, "name", fail)
    if given is not None:
        if not _NAME.match(given):
            fail("name", "must be lower-case letters, digits, '.', '_' or '-' (at most 80), a folder name")
        return given
    if instance and "@" not in target and "://" not in target:
        target = f"{target}@{instance}"
    slug = re.sub(r"[^a-z0-9]+", "-", target.lower()).strip("-")
    if len(slug) > 48 or not slug:
        slug = (slug[:40].rstrip("-") + "-" if slug else "") + hashlib.sha256(target.encode()).hexdigest()[:7]
    return f"{platform}-{kind}-{slug}"
