"""One table across cases: the report's chapter 6 comparison, a pure function of the analyses.

:func:`comparison_table` takes the :class:`~civicnet.analysis.CaseAnalysis` of several cases
and returns one flat row per case, in the order given, with plain values ready for a CSV or
an HTML table (:func:`write_comparison_csv`).

Columns: ``case, title, level, period, messages, participants, government_messages,
government_share, government_accounts, sender_pattern, main_type, message_types,
main_timing, proactive, active, reactive, peaks, communities, reached_communities,
reach, interaction, government_reply_share, questions_received, questions_answered,
answer_rate, median_response_minutes, strategies, ladder_rung``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

from ..text.typology import TYPES
from .summary import case_block

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

COLUMNS = (
    "case", "title", "level", "period", "messages", "participants", "government_messages", "government_share",
    "government_accounts", "sender_pattern", "main_type", "message_types", "main_timing", "proactive", "active",
    "reactive", "peaks", "communities", "reached_communities", "reach", "interaction", "government_reply_share",
    "questions_received", "questions_answered", "answer_rate", "median_response_minutes", "strategies", "ladder_rung",
)


def _main(counts: dict, order: tuple[str, ...]) -> str | None:
    present = [(n, -order.index(k), k) for k, n in counts.items() if n and k in order]
    return max(present)[2] if present else None


def _period(a: "CaseAnalysis") -> str:
    days = a.timeline
    period = case_block(a.case, days[0]["date"] if days else None, days[-1]["date"] if days else None)["period"]
    return f"{period['start'] or '?'} – {period['end'] or '?'}"


def comparison_row(a: "CaseAnalysis") -> dict:
    """One case's row (module docstring)."""
    gov, counts = a.government.summary, a.counts
    types, timing = gov["message_types"], gov["timing"]
    reached, unreached = gov["reached_communities"], gov["unreached_communities"]
    n_comm = len(reached) + len(unreached)
    received, answered = gov["questions_received"], gov["questions_answered"]
    messages, gov_messages = counts["messages"], counts["government_messages"]
    strategy, interaction = a.government.strategy, a.government.interaction
    return {
        "case": a.case.id, "title": a.case.title, "level": a.case.level, "period": _period(a),
        "messages": messages, "participants": counts["participants"], "government_messages": gov_messages,
        "government_share": round(gov_messages / messages, 4) if messages else None,
        "government_accounts": sum(1 for g in gov["accounts"] if g["messages"]),
        "sender_pattern": gov["sender_pattern"],
        "main_type": _main(types, (*TYPES, "none")),
        "message_types": ", ".join(f"{k} {types[k]}" for k in (*TYPES, "none") if types.get(k)),
        "main_timing": _main(timing, ("proactive", "active", "reactive")),
        "proactive": timing["proactive"], "active": timing["active"], "reactive": timing["reactive"],
        "peaks": len(a.peaks),
        "communities": n_comm, "reached_communities": len(reached),
        "reach": f"{len(reached)} of {n_comm}" if n_comm else None,
        "interaction": interaction.get("mode"), "government_reply_share": interaction.get("government_reply_share"),
        "questions_received": received, "questions_answered": answered,
        "answer_rate": round(answered / received, 4) if received else None,
        "median_response_minutes": gov["median_response_minutes"],
        "strategies": "; ".join(s["name"] for s in strategy["strategies"] if s["present"]) or None,
        "ladder_rung": strategy["ladder"]["rung"],
    }


def comparison_table(analyses: list["CaseAnalysis"]) -> list[dict]:
    """One row per case (module docstring), in the order given."""
    return [comparison_row(a) for a in analyses]


def write_comparison_csv(path: Path, rows: list[dict]) -> None:
    """The comparison as CSV (lists joined with ``;``, mappings as ``key=value;…``)."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        if not rows:
            return
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: _cell(v) for k, v in row.items()})


def _cell(value):
    if isinstance(value, (list, tuple)):
        return ";".join(map(str, value))
    if isinstance(value, dict):
        return ";".join(f"{k}={v}" for k, v in value.items())
    return value
