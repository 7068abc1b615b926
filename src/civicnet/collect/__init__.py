"""Live collection: Mastodon, Bluesky, X and a page's own Facebook feed, once or watching.

A case file's ``collect:`` entries name what to collect; :func:`collect` fetches it
politely (rate limits, backoff, pacing, a clear user agent), writes the raw API
responses as gzip JSON Lines into ``data/collected/<name>/`` next to the case file,
resumes from saved cursors after an interruption, records every run in a manifest,
and imports through the same path as exported files. See docs/collect.md.

Public API::

    parse_collect(case) -> list[CollectSpec]
    collect(case, *, watch=False, interval=300, progress=..., stop=None, transport=None,
            store=None, clock=None, env=None, ingest=True) -> CollectReport
    with_collected(case) -> Case            # the case with its collected parts as sources
    collected_sources(case) -> list[SourceSpec]
    check_credentials(case=None, *, env=None, transport=None) -> list[CredentialCheck]
"""

from .check import CredentialCheck, check_credentials
from .http import USER_AGENT, Clock
from .plan import COLLECTED_DIR, collected_sources, folder_of, with_collected
from .run import DEFAULT_INTERVAL, MIN_INTERVAL, CollectReport, EntryReport, collect
from .spec import CollectSpec, parse_collect

__all__ = [
    "COLLECTED_DIR", "Clock", "CollectReport", "CollectSpec", "CredentialCheck", "DEFAULT_INTERVAL", "EntryReport",
    "MIN_INTERVAL", "USER_AGENT", "check_credentials", "collect", "collected_sources", "folder_of", "parse_collect",
    "with_collected",
]
