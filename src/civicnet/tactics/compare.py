"""One table across cases: the report's chapter 6 comparison.

:func:`comparison_table` takes the summary.json dicts of several cases (each may carry
the output of :func:`.government.government_details` under the key
``"government_details"``; without it the interaction and strategy columns are None)
and returns one flat row per case, in the order given, with plain values ready for a
CSV or an HTML table.

Columns: ``case, title, level, period, messages, participants, government_messages,
government_share, government_accounts, sender_pattern, main_type, message_types,
main_timing, proactive, active, reactive, peaks, communities, reached_communities,
reach, interaction, government_reply_share, questions_received, questions_answered,
answer_rate, median_response_minutes, strategies, ladder_rung``.
"""

from __future__ import annotations

from ..text.typology import TYPES

COLUMNS = (
    "case", "title", "level", "period", "messages", "participants", "government_messages", "government_share",
    "government_accounts", "sender_pattern", "main_type", "message_types", "main_timing", "proactive", "active",
    "reactive", "peaks", "communities", "reached_communities", "reach", "interaction", "government_reply_share",
    "questions_received", "questions_answered", "answer_rate", "median_response_minutes", "strategies", "ladder_rung",
)


def _main(counts: dict, order: tuple[str, ...]) -> str | None:
    present = [(n, -order.index(k), k) for k, n in counts.items() if n and k in order]
    return max(present)[2] if present else None


def _row(summary: dict) -> dict:
    case, counts, gov = summary.get("case") or {}, summary.get("counts") or {}, summary.get("government") or {}
    details = summary.get("government_details") or {}
    types = gov.get("message_types") or {}
    timing = gov.get("timing") or {}
    reached, unreached = gov.get("reached_communities") or [], gov.get("unreached_communities") or []
    n_comm = len(reached) + len(unreached)
    period = case.get("period") or {}
    received, answered = gov.get("questions_received", 0), gov.get("questions_answered", 0)
    messages, gov_messages = counts.get("messages"), counts.get("government_messages")
    strategy = details.get("strategy") or {}
    interaction = details.get("interaction") or {}
    return {
        "case": case.get("id"), "title": case.get("title"), "level": case.get("level"),
        "period": f"{period.get('start') or '?'} – {period.get('end') or '?'}",
        "messages": messages, "participants": counts.get("participants"), "government_messages": gov_messages,
        "government_share": round(gov_messages / messages, 4) if messages else None,
        "government_accounts": sum(1 for a in gov.get("accounts") or [] if a.get("messages")),
        "sender_pattern": gov.get("sender_pattern"),
        "main_type": _main(types, (*TYPES, "none")),
        "message_types": ", ".join(f"{k} {types[k]}" for k in (*TYPES, "none") if types.get(k)),
        "main_timing": _main(timing, ("proactive", "active", "reactive")),
        "proactive": timing.get("proactive"), "active": timing.get("active"), "reactive": timing.get("reactive"),
        "peaks": len(summary.get("peaks") or []),
        "communities": n_comm, "reached_communities": len(reached),
        "reach": f"{len(reached)} of {n_comm}" if n_comm else None,
        "interaction": interaction.get("mode"), "government_reply_share": interaction.get("government_reply_share"),
        "questions_received": received, "questions_answered": answered,
        "answer_rate": round(answered / received, 4) if received else None,
        "median_response_minutes": gov.get("median_response_minutes"),
        "strategies": "; ".join(s["name"] for s in strategy.get("strategies") or [] if s.get("present")) or None
        if strategy else None,
        "ladder_rung": (strategy.get("ladder") or {}).get("rung") if strategy else None,
    }


def comparison_table(summaries: list[dict]) -> list[dict]:
    """One row per case (module docstring), in the order given."""
    return [_row(s) for s in summaries]
