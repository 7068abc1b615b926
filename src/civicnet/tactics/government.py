"""Government's role in a case: the CONTRACT ``government`` object and the factsheet's details.

:func:`government_summary` returns CONTRACT.md's ``government`` object exactly;
:func:`government_details` everything beyond it that the factsheet shows, each figure
with the rule that produced it (see docs/tactics.md). Both run the same analysis
(:func:`analyse`): government accounts (:mod:`.accounts`), peaks (:mod:`.counts`),
questions and answers (:mod:`.answers`), timing (:mod:`.timing`), types and style
(:mod:`.content`), sender pattern (:mod:`.sender`), interaction (:mod:`.interaction`)
and, from the main network's summary that the caller passes in, reach.
"""

from __future__ import annotations

import copy
from statistics import median

from ..case import Case
from ..store.db import Store
from ..text.questions import is_question
from . import answers as Q, content, interaction as inter, sender, strategy, timing
from .accounts import suggest_government
from .conclusions import conclusions
from .counts import peak_details, peaks, timeline_unit
from ._base import prepare
from ._fresh import is_fresh, recall, remember

MAX_UNANSWERED_LISTED = 200
MAX_GOVERNMENT_MESSAGES_LISTED = 500


def communities_of(networks: dict | None) -> list[dict]:
    """The communities of a CONTRACT ``networks.NAME`` object (or of the first network of a
    ``networks`` mapping); empty when None."""
    if not networks:
        return []
    if "communities" not in networks:
        first = next((v for v in networks.values() if isinstance(v, dict) and "communities" in v), None)
        networks = first or {}
    return list(networks.get("communities") or [])


def reach(networks: dict | None) -> dict:
    """Reached and unreached community ids, and the largest unreached community."""
    comms = communities_of(networks)
    reached = [c["id"] for c in comms if c.get("reached_by_government")]
    unreached = [c for c in comms if not c.get("reached_by_government")]
    largest = max(unreached, key=lambda c: (c.get("size") or 0, -c["id"]), default=None)
    return {
        "reached": len(reached), "total": len(comms), "reached_communities": reached,
        "unreached_communities": [c["id"] for c in unreached],
        "largest_unreached": None if largest is None else {
            "id": largest["id"], "size": largest.get("size"), "top_terms": list(largest.get("top_terms") or []),
            "top_accounts": list(largest.get("top_accounts") or []),
        },
    }


def _question_stats(qs: list[dict]) -> dict:
    answered = [q for q in qs if q["answer_id"] is not None]
    minutes = sorted(q["response_minutes"] for q in answered if q["response_minutes"] is not None)
    by_kind = {}
    for kind in ("practical", "critical"):
        of_kind = [q for q in qs if q["kind_of_question"] == kind]
        n_ans = sum(1 for q in of_kind if q["answer_id"] is not None)
        by_kind[kind] = {"received": len(of_kind), "answered": n_ans,
                         "answer_rate": round(n_ans / len(of_kind), 4) if of_kind else None}
    return {
        "received": len(qs), "answered": len(answered),
        "answer_rate": round(len(answered) / len(qs), 4) if qs else None,
        "median_response_minutes": round(median(minutes), 1) if minutes else None,
        "response_minutes": _distribution(minutes),
        "by_kind": by_kind,
    }


def _distribution(minutes: list[float]) -> dict:
    if not minutes:
        return {"min": None, "p25": None, "median": None, "p75": None, "max": None,
                "within_1h": 0, "within_24h": 0, "later": 0}

    def q(p: float) -> float:
        return round(minutes[min(len(minutes) - 1, int(p * (len(minutes) - 1) + 0.5))], 1)

    return {"min": minutes[0], "p25": q(0.25), "median": round(median(minutes), 1), "p75": q(0.75), "max": minutes[-1],
            "within_1h": sum(1 for m in minutes if m <= 60), "within_24h": sum(1 for m in minutes if 60 < m <= 1440),
            "later": sum(1 for m in minutes if m > 1440)}


def _rates_by(qs: list[dict], key) -> list[dict]:
    groups: dict = {}
    for q in qs:
        g = groups.setdefault(key(q), [0, 0])
        g[0] += 1
        g[1] += q["answer_id"] is not None
    rows = [{"group": k, "received": n, "answered": a, "answer_rate": round(a / n, 4)} for k, (n, a) in groups.items()]
    return sorted(rows, key=lambda r: (-r["received"], str(r["group"])))


def _extra_facts(store: Store) -> dict:
    row = store.sql(
        """
        SELECT (SELECT count(*) FROM tactics_messages WHERE NOT is_gov AND kind IN ('post_to_page', 'group_post')),
               (SELECT count(*) FROM tactics_messages WHERE NOT is_gov AND kind = 'group_post'),
               (SELECT count(DISTINCT (platform, account)) FILTER (WHERE account IS NOT NULL) FROM tactics_messages),
               (SELECT count(*) FROM tactics_messages),
               (SELECT sum(a.followers) FROM tactics_gov g JOIN account a ON a.platform = g.platform AND a.id = g.id),
               (SELECT sum(share_count) FROM tactics_messages WHERE is_gov),
               (SELECT count(DISTINCT lower(tag)) FROM (SELECT unnest(regexp_extract_all(text, '#(\\w+)', 1)) AS tag
                                                         FROM tactics_messages WHERE is_gov)),
               (SELECT count(*) FROM tactics_timing t JOIN tactics_types y USING (platform, id)
                WHERE t.label = 'reactive' AND list_contains(y.types, 'nuancing')),
               (SELECT count(DISTINCT ident) FROM tactics_messages WHERE is_gov)
        """
    )[0]
    asked = store.sql(
        """SELECT g.text, g.language FROM tactics_messages g
           WHERE g.is_gov AND EXISTS (SELECT 1 FROM tactics_messages c WHERE c.platform = g.platform
                                      AND c.parent = g.id AND NOT c.is_gov AND c.kind IN ('reply', 'comment'))"""
    )
    keys = ("citizen_posts", "citizen_group_posts", "participants", "messages", "followers", "share_counts", "government_hashtags",
            "reactive_nuancing", "active_accounts")
    facts = {k: (None if v is None else int(v)) for k, v in zip(keys, row)}
    facts["consultations"] = sum(1 for text, lang in asked if is_question(text, lang))
    return facts


def government_messages(store: Store, limit: int = MAX_GOVERNMENT_MESSAGES_LISTED) -> list[dict]:
    """Government's counted messages, oldest first, each with its types and timing label and rule."""
    rows = store.sql(
        f"""
        SELECT m.id, m.ident, strftime(m.created_at, '%Y-%m-%dT%H:%M:%SZ'), m.kind, m.text, y.types, t.label, t.reason
        FROM tactics_messages m LEFT JOIN tactics_types y USING (platform, id)
        LEFT JOIN tactics_timing t USING (platform, id)
        WHERE m.is_gov ORDER BY m.created_at NULLS LAST, m.id LIMIT {int(limit)}
        """
    )
    keys = ("id", "account", "created_at", "kind", "text", "types", "timing", "timing_rule")
    return [dict(zip(keys, row), types=list(row[5] or [])) for row in rows]


def _core(store: Store, case: Case) -> dict:
    """The case's facts that do not depend on the network (computed once per case state)."""
    peak_days = peaks(store, case)
    accounts = prepare(store, case)
    hit = recall(store, case, "core_facts")
    if hit is not None and all(is_fresh(store, case, s) for s in ("questions", "types", "timing")):
        return hit
    qs = Q.questions(store, case)  # fills tactics_addressed, tactics_questions, tactics_answers
    timing.label_messages(store, case, peak_days)
    content.classify(store, case)
    voices = sender.account_voices(store)
    extra = _extra_facts(store)
    pattern, pattern_evidence = sender.sender_pattern(voices, extra["messages"])
    stats = _question_stats(qs)
    facts = {
        "accounts": accounts, "voices": voices, "peaks": peak_days, "questions": qs,
        "sender_pattern": pattern, "sender_evidence": pattern_evidence,
        "government_messages": sum(v["messages"] for v in voices),
        "message_types": content.type_counts(store), "timing": timing.timing_counts(store),
        "timing_reasons": timing.timing_reasons(store),
        "questions_received": stats["received"], "questions_answered": stats["answered"],
        "median_response_minutes": stats["median_response_minutes"], "question_stats": stats,
        "by_kind": stats["by_kind"], "critical_answered": stats["by_kind"]["critical"]["answered"],
        "interaction": inter.interaction(store), "elsewhere": content.elsewhere(store),
        **extra,
    }
    remember(store, case, "core_facts", facts)
    return facts


def analyse(store: Store, case: Case, networks: dict | None = None) -> dict:
    """Run the whole analysis (once per case state); the facts every output of this module is cut from.

    Returns a fresh copy each time, so callers may change what they get.
    """
    core = _core(store, case)
    facts = {k: v for k, v in core.items() if k != "questions"}
    facts = copy.deepcopy(facts)
    facts["questions"] = [dict(q, addressed_to=list(q["addressed_to"])) for q in core["questions"]]
    facts["reach"] = reach(networks)
    facts["strategies"] = strategy.strategies(facts)
    facts["ladder"] = strategy.ladder(facts, facts["strategies"])
    return facts


def _summary_from(facts: dict) -> dict:
    return {
        "accounts": [{"handle": v["handle"], "role": v["role"], "body": v["body"], "messages": v["messages"]}
                     for v in facts["voices"]],
        "sender_pattern": facts["sender_pattern"],
        "message_types": facts["message_types"],
        "questions_received": facts["questions_received"],
        "questions_answered": facts["questions_answered"],
        "median_response_minutes": facts["median_response_minutes"],
        "timing": facts["timing"],
        "reached_communities": facts["reach"]["reached_communities"],
        "unreached_communities": facts["reach"]["unreached_communities"],
    }


def government_summary(store: Store, case: Case, networks: dict | None = None) -> dict:
    """CONTRACT.md's ``government`` object.

    ``networks`` is the main network's summary (CONTRACT ``networks.NAME``, whose
    communities carry ``reached_by_government``); without it the community lists are
    empty.
    """
    return _summary_from(analyse(store, case, networks))


def government_details(store: Store, case: Case, networks: dict | None = None,
                       communities: dict[str, int] | None = None) -> dict:
    """Everything about government's role the factsheet shows beyond the contract.

    Parameters
    ----------
    networks : dict, optional
        the main network's summary (CONTRACT ``networks.NAME``) for reach.
    communities : dict, optional
        account identifier → community id (nodes.csv's ``account`` and ``community``)
        for the answer rate per group; without it that table is empty.
    """
    f = analyse(store, case, networks)
    styles = content.style(store)
    accounts = []
    for v in f["voices"]:
        per = dict(v)
        per["message_types"] = content.type_counts(store, v["handle"]) if v["messages"] else None
        per["style"] = styles.get(v["handle"])
        accounts.append(per)
    qs, stats = f["questions"], f["question_stats"]
    unanswered = [q for q in qs if q["answer_id"] is None]
    placed = f["strategies"]
    return {
        "summary": _summary_from(f),
        "accounts": accounts,
        "sender": {"pattern": f["sender_pattern"], **f["sender_evidence"]},
        "suggested_accounts": suggest_government(store, case, limit=25),
        "timeline_unit": timeline_unit(store, case),
        "peaks": peak_details(store, case),
        "timing": {"counts": f["timing"], "by_rule": f["timing_reasons"],
                   "windows_hours": {"pre_peak": timing.PRE_PEAK_HOURS, "quiet": timing.QUIET_WINDOW_HOURS}},
        "questions": {
            **{k: stats[k] for k in ("received", "answered", "answer_rate", "median_response_minutes",
                                     "response_minutes", "by_kind")},
            "by_group": _rates_by(qs, lambda q: (communities or {}).get(q["account"])) if communities else [],
            "by_addressee": _rates_by(qs, lambda q: ";".join(q["addressed_to"])),
            "unanswered_total": len(unanswered),
            "unanswered": unanswered[:MAX_UNANSWERED_LISTED],
        },
        "government_messages": government_messages(store),
        "interaction": f["interaction"],
        "elsewhere": f["elsewhere"],
        "reach": f["reach"],
        "strategy": {
            "strategies": placed, "goals": strategy.goals(f, placed), "ladder": f["ladder"],
            "roles": strategy.roles(f),
        },
        "effectiveness": strategy.mergel(f),
        "conclusions": conclusions(f),
    }
