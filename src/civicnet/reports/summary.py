"""summary.json (schema ``civicnet.summary/2``): every figure of the factsheet, machine-readable.

:func:`summary_json` is a pure function of a :class:`~civicnet.analysis.CaseAnalysis` (and
of the labeller identifiers are shown through); the factsheet is rendered from the same
dict. Field definitions are in docs/summary.md (and ../shared/CONTRACT.md).
"""

from __future__ import annotations

import copy
import json
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..case import Case
from ..disk import write_text
from ..labels import Label, shown, text_of

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

SCHEMA_VERSION = 2
SCHEMA_ID = f"civicnet.summary/{SCHEMA_VERSION}"


def schema(version: int = SCHEMA_VERSION) -> dict:
    """The JSON Schema shipped with the package for summary.json (``version`` 1 reads older files)."""
    text = resources.files("civicnet.reports").joinpath(f"schema/summary-{int(version)}.json").read_text("utf-8")
    return json.loads(text)


def validate(summary: dict) -> None:
    """Raise ``jsonschema.ValidationError`` when ``summary`` does not follow the schema it names
    (``civicnet.summary/2``; a version 1 file against the version 1 schema)."""
    import jsonschema

    version = 1 if summary.get("schema") == "civicnet.summary/1" else SCHEMA_VERSION
    jsonschema.validate(summary, schema(version))


def case_block(case: Case, first_day: str | None, last_day: str | None) -> dict:
    start = case.period_start.isoformat() if case.period_start else first_day
    end = case.period_end.isoformat() if case.period_end else last_day
    return {
        "id": case.id, "title": case.title, "level": case.level, "language": case.language,
        "period": {"start": start, "end": end},
    }


def summary_json(analysis: "CaseAnalysis", label: Label | None = None) -> dict:
    """summary.json of the analysis, account identifiers (and names in texts) shown through ``label``.

    The texts it writes itself (the ambassadors' ``reason``) are in the case's language, as the
    case's own words are, so the file is the same whatever ``--lang`` the sheet is read in; each
    ambassador's ``reasons`` has them in Dutch and English."""
    case, days = analysis.case, analysis.timeline
    networks = {kind: result.summary(label=label, top_terms=analysis.content.terms_of(kind, label),
                                     ambassadors=analysis.ambassadors.get(kind), lang=case.language)
                for kind, result in analysis.networks.items()}
    out = {
        "schema": SCHEMA_ID,
        "case": case_block(case, days[0]["date"] if days else None, days[-1]["date"] if days else None),
        "counts": dict(analysis.counts),
        "timeline": copy.deepcopy(analysis.timeline),
        "peaks": list(analysis.peaks),
        "networks": networks,
        "government": copy.deepcopy(analysis.government.summary),
        "content": {
            "top_terms": analysis.content.top_terms(label),
            "top_liked": top_messages(analysis.top_messages.liked, "likes", label),
            "top_reposted": top_messages(analysis.top_messages.reposted, "reposts", label),
            "top_commented": top_messages(analysis.top_messages.commented, "comments", label),
        },
        "provenance": {
            "sources": [dict(imp, path=_relative(imp["path"], case)) for imp in analysis.provenance.imports],
            "civicnet_version": analysis.provenance.civicnet_version,
            "generated_at": analysis.provenance.generated_at,
        },
    }
    if analysis.per_platform:
        out["platforms"] = [platform_block(p, analysis.case.networks[0], label) for p in analysis.per_platform]
    return out


def platform_block(facts, kind: str, label: Label | None = None) -> dict:
    """One platform of a case that spans several (``platforms[]``; :class:`~civicnet.analysis.PlatformFacts`):
    its figures, its government writers and top messages, and its part of the main network ``kind``."""
    show, net = shown(label), facts.network
    return {
        "platform": facts.platform, "messages": facts.messages, "participants": facts.participants,
        "government_messages": facts.government_messages,
        "government_accounts": [{"account": show(w["account"]), "messages": w["messages"]} for w in facts.writers],
        "network": None if net is None else {
            "kind": kind, "nodes": net.net.n_nodes, "edges": net.net.n_edges, "modularity": net.modularity,
            "communities": [c for c in net.reach.considered if net.reach.communities[c].members]},
        "top_liked": top_messages(facts.top.liked, "likes", label),
        "top_reposted": top_messages(facts.top.reposted, "reposts", label),
        "top_commented": top_messages(facts.top.commented, "comments", label),
    }


def top_messages(rows: list[dict], key: str, label: Label | None = None) -> list[dict]:
    """A top list (:class:`~civicnet.analysis.TopMessages`) as summary.json writes it, the count under ``key``."""
    show, text = shown(label), text_of(label)
    return [{"id": show.message_id(r["id"]), "account": show(r["account"]), key: r["n"], "text": text(r["text"]) or ""}
            for r in rows]


def write_summary(summary: dict, path: Path) -> None:
    """summary.json: indented, UTF-8, a newline at the end."""
    write_text(path, json.dumps(summary, indent=2, ensure_ascii=False, default=str) + "\n")  # an error names the file


def _relative(path: str, case: Case) -> str:
    try:
        return str(Path(path).resolve().relative_to(case.folder))
    except ValueError:
        return Path(path).name
