"""What the case's records are and where they came from: limits, provenance, top messages.

Measures of a case's scope: :func:`record_facts` (the store's own figures behind the
factsheet's limitations, as ``civicnet info`` gives them), :func:`provenance` (every import
of the case), :func:`top_messages` (the messages with the most likes, shares and comments,
by :mod:`civicnet.tactics.engagement`, the figures the case's totals sum) and
:func:`display_names` (how a person reads an account).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

from .. import __version__
from ..store.import_warnings import ImportWarning, case_warnings, government_warnings
from ..store.info import message_facts
from ..store.ingest import import_reports
from ..store.scope import CaseScope, measure
from ..tactics.engagement import engagement, top_by

#: Messages listed per top list.
TOP_MESSAGES = 5


@dataclass(frozen=True)
class RecordFacts:
    """What the data cannot show, as figures: context messages stored (parents that came along
    but are not counted), counted messages without an author, records rejected at import, and
    the import warnings of the case's files and the case file's government entries found in no account
    (each says itself in nl or en: ``w.text(lang)``)."""

    context_messages: int
    messages_without_author: int
    records_rejected: int
    warnings: list[ImportWarning] = field(default_factory=list)


@dataclass(frozen=True)
class Provenance:
    """Where the case's records come from: every import (``path``, ``format``, ``sha256``,
    ``records_read``, ``records_rejected``; paths as recorded), the civicnet version and when
    the analysis was made (ISO 8601, UTC, seconds)."""

    imports: list[dict]
    civicnet_version: str = __version__
    generated_at: str = field(default_factory=lambda: datetime.now(timezone.utc).isoformat(timespec="seconds"))


@dataclass(frozen=True)
class TopMessages:
    """The case's counted messages with the most likes, shares (``reposted``) and comments
    (:mod:`civicnet.tactics.engagement`), each ``{id, account, n, text}`` (``account``: the author's
    identifier; ``text`` "" when absent), highest first."""

    liked: list[dict]
    reposted: list[dict]
    commented: list[dict] = field(default_factory=list)


@measure()
def record_facts(scope: CaseScope) -> RecordFacts:
    """The figures behind the factsheet's limitations (:class:`RecordFacts`)."""
    facts = message_facts(scope, scope.case.id)
    rejected = sum(i["records_rejected"] for i in import_reports(scope, scope.case.id))
    return RecordFacts(facts["context_messages"], facts["messages_without_author"], rejected,
                       case_warnings(scope, scope.case.id) + government_warnings(scope, scope.case))


@measure()
def provenance(scope: CaseScope) -> Provenance:
    """The case's imports, oldest first (:class:`Provenance`)."""
    keys = ("path", "format", "sha256", "records_read", "records_rejected")
    return Provenance([{k: imp[k] for k in keys} for imp in import_reports(scope, scope.case.id)])


@measure(engagement)
def top_messages(scope: CaseScope, engagement) -> TopMessages:
    """The :data:`TOP_MESSAGES` most liked, shared and commented counted messages."""
    return TopMessages(*(top_by(scope, engagement, column, TOP_MESSAGES) for column in ("likes", "shares", "comments")))
