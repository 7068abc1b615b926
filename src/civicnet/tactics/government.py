"""Government's role in a case: the CONTRACT ``government`` object and the factsheet's details.

:func:`government_facts` gathers everything about government's role in a
:class:`GovernmentFacts`: ``summary`` is CONTRACT.md's ``government`` object exactly, the
other fields what the factsheet shows beyond it, each figure with the rule that produced it
(see docs/tactics.md). The figures come from the scope's measures: government accounts
(:mod:`.accounts`), peaks (:mod:`.counts`), questions and answers (:mod:`.answers`), timing
(:mod:`.timing`), types and style (:mod:`.content`), sender pattern (:mod:`.sender`),
interaction (:mod:`.interaction`) and, from the main network (a :class:`GroupReach`, made
by :func:`reach_of` from a :class:`~civicnet.networks.NetworkResult`), reach.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from statistics import median

from ..store.government import government_table
from ..store.scope import Relation, measure
from ..text.questions import is_question
from . import content as C, sender, strategy, timing as T
from ._base import messages
from .accounts import GovAccount, government, suggested_government
from .answers import page_posts, question_list
from .counts import timeline_unit
from .peaks import peak_details, peaks
from .interaction import interaction

MAX_UNANSWERED_LISTED = 200
MAX_GOVERNMENT_MESSAGES_LISTED = 500


@dataclass(frozen=True)
class GroupReach:
    """What government's facts read from the main network: which groups it reached.

    ``reached``/``unreached``: community ids (the summary's communities: government-only
    communities left out); ``largest_unreached``: ``{id, size, top_terms, top_accounts}`` of
    the largest unreached community (None when every group is reached); ``membership``:
    account identifier → community id (for the answer rate per group).
    """

    reached: list[int] = field(default_factory=list)
    unreached: list[int] = field(default_factory=list)
    largest_unreached: dict | None = None
    membership: dict[str, int] = field(default_factory=dict)

    def facts(self) -> dict:
        """The ``reach`` entry of the details."""
        return {
            "reached": len(self.reached), "total": len(self.reached) + len(self.unreached),
            "reached_communities": list(self.reached), "unreached_communities": list(self.unreached),
            "largest_unreached": copy.deepcopy(self.largest_unreached),
        }


def reach_of(result, terms: dict[int, list[str]] | None = None) -> GroupReach:
    """The :class:`GroupReach` of an analysed network (:class:`~civicnet.networks.NetworkResult`),
    with ``terms`` (community id → top terms) for the largest unreached community."""
    if result is None:
        return GroupReach()
    r = result.reach
    listed = [c for c in r.considered if r.communities[c].members]
    reached = [c for c in listed if r.communities[c].reached]
    unreached = [c for c in listed if not r.communities[c].reached]
    largest = max(unreached, key=lambda c: (r.communities[c].size, -c), default=None)
    big = None
    if largest is not None:
        big = {"id": largest, "size": r.communities[largest].size, "top_terms": list((terms or {}).get(largest, [])),
               "top_accounts": result.community_top_accounts().get(largest, [])}
    return GroupReach(reached, unreached, big, dict(zip(result.net.ids, result.community.tolist())))


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


_EXTRA_FACTS = """
    SELECT (SELECT count(*) FROM {messages} WHERE NOT is_gov AND kind IN ('post_to_page', 'group_post')),
           (SELECT count(*) FROM {messages} WHERE NOT is_gov AND kind = 'group_post'),
           (SELECT count(DISTINCT (platform, account)) FILTER (WHERE account IS NOT NULL) FROM {messages}),
           (SELECT count(*) FROM {messages}),
           (SELECT sum(a.followers) FROM {government_table} g JOIN account a ON a.platform = g.platform AND a.id = g.id),
           (SELECT sum(share_count) FROM {messages} WHERE is_gov),
           (SELECT count(DISTINCT lower(tag)) FROM (SELECT unnest(regexp_extract_all(text, '#(\\w+)', 1)) AS tag
                                                     FROM {messages} WHERE is_gov)),
           (SELECT count(*) FROM {timing} t JOIN {types} y USING (platform, id)
            WHERE t.label = 'reactive' AND list_contains(y.types, 'nuancing')),
           (SELECT count(DISTINCT ident) FROM {messages} WHERE is_gov)
"""
_CONSULTED = """
    SELECT g.text, g.language FROM {messages} g
    WHERE g.is_gov AND EXISTS (SELECT 1 FROM {messages} c WHERE c.platform = g.platform
                               AND c.parent = g.id AND NOT c.is_gov AND c.kind IN ('reply', 'comment'))
"""


@measure(messages, government_table, T.timing, C.types)
def extra_facts(scope, messages: Relation, government_table: Relation, timing: Relation, types: Relation) -> dict:
    """Counts the strategies and Mergel's indicators read: citizens' posts, participants, followers,
    shares, hashtags, reactive nuancing, active accounts and consultations."""
    row = scope.sql(scope.fill(_EXTRA_FACTS, messages=messages, government_table=government_table, timing=timing,
                               types=types))[0]
    asked = scope.sql(scope.fill(_CONSULTED, messages=messages))
    keys = ("citizen_posts", "citizen_group_posts", "participants", "messages", "followers", "share_counts", "government_hashtags",
            "reactive_nuancing", "active_accounts")
    facts = {k: (None if v is None else int(v)) for k, v in zip(keys, row)}
    facts["consultations"] = sum(1 for text, lang in asked if is_question(text, lang))
    return facts


_GOVERNMENT_MESSAGES = """
    SELECT m.id, m.ident, strftime(m.created_at, '%Y-%m-%dT%H:%M:%SZ'), m.kind, m.text, y.types, t.label, t.reason
    FROM {messages} m LEFT JOIN {types} y USING (platform, id)
    LEFT JOIN {timing} t USING (platform, id)
    WHERE m.is_gov ORDER BY m.created_at NULLS LAST, m.id LIMIT {limit}
"""


@measure(messages, C.types, T.timing)
def government_messages(scope, messages: Relation, types: Relation, timing: Relation) -> list[dict]:
    """Government's counted messages (the first :data:`MAX_GOVERNMENT_MESSAGES_LISTED`), oldest first,
    each with its types and timing label and rule."""
    query = _GOVERNMENT_MESSAGES.replace("{limit}", str(int(MAX_GOVERNMENT_MESSAGES_LISTED)))
    rows = scope.sql(scope.fill(query, messages=messages, types=types, timing=timing))
    keys = ("id", "account", "created_at", "kind", "text", "types", "timing", "timing_rule")
    return [dict(zip(keys, row), types=list(row[5] or [])) for row in rows]


@measure(government, sender.voices, peaks, question_list, T.timing, C.message_types, interaction, C.elsewhere,
         extra_facts, page_posts)
def core_facts(scope, government: list[GovAccount], voices: list[dict], peaks: list[str], question_list: list[dict],
               timing: Relation, message_types: dict, interaction: dict, elsewhere: dict, extra_facts: dict,
               page_posts: dict) -> dict:
    """The case's facts about government that do not depend on the network."""
    pattern, pattern_evidence = sender.sender_pattern(voices, extra_facts["messages"])
    stats = _question_stats(question_list)
    return {
        "accounts": government, "voices": voices, "peaks": peaks, "questions": question_list,
        "sender_pattern": pattern, "sender_evidence": pattern_evidence,
        "government_messages": sum(v["messages"] for v in voices),
        "message_types": message_types, "timing": T.timing_counts(scope, timing),
        "timing_reasons": T.timing_reasons(scope, timing),
        "questions_received": stats["received"], "questions_answered": stats["answered"],
        "median_response_minutes": stats["median_response_minutes"], "question_stats": stats,
        "by_kind": stats["by_kind"], "critical_answered": stats["by_kind"]["critical"]["answered"],
        "interaction": interaction, "elsewhere": elsewhere, "page_posts": page_posts,
        **extra_facts,
    }


@measure(sender.voices, C.types, messages, C.style)
def account_facts(scope, voices: list[dict], types: Relation, messages: Relation, style: dict) -> list[dict]:
    """Per government account: its voice (:func:`.sender.voices`) with its message types and style."""
    accounts = []
    for v in voices:
        per = dict(v)
        per["message_types"] = C.type_counts(scope, types, messages, v["handle"]) if v["messages"] else None
        per["style"] = style.get(v["handle"])
        accounts.append(per)
    return accounts


@dataclass(frozen=True)
class GovernmentFacts:
    """Government's role in a case. ``summary`` is CONTRACT.md's ``government`` object; the
    other fields are what the factsheet shows beyond it (:meth:`details`: all as one dict).
    ``page_posts``: posts by others on a page of the case and how many government answered
    (:func:`~civicnet.tactics.answers.page_posts`). The conclusions in words are the reports'
    (:func:`civicnet.reports.conclusions.conclusions`), from these figures."""

    summary: dict
    accounts: list[dict]
    sender: dict
    suggested_accounts: list[dict]
    timeline_unit: str
    peaks: dict
    timing: dict
    questions: dict
    government_messages: list[dict]
    interaction: dict
    elsewhere: dict
    reach: dict
    strategy: dict
    effectiveness: dict
    page_posts: dict = field(default_factory=dict)

    def details(self) -> dict:
        """Every field as one plain dict (a copy)."""
        return copy.deepcopy({name: getattr(self, name) for name in self.__dataclass_fields__})


def government_facts(scope, reach: GroupReach | None = None) -> GovernmentFacts:
    """Government's role in the case on ``scope``, with reach from the main network (none: empty lists)."""
    return assemble(core_facts(scope), account_facts(scope), suggested_government(scope), timeline_unit(scope),
                    peak_details(scope), government_messages(scope), reach or GroupReach())


def assemble(core: dict, accounts: list[dict], suggested: list[dict], unit: str, peak_rule: dict,
             listed: list[dict], reach: GroupReach) -> GovernmentFacts:
    """The :class:`GovernmentFacts` from the scope's measures and the main network's reach (pure)."""
    f = copy.deepcopy({k: v for k, v in core.items() if k != "questions"})
    f["questions"] = [dict(q, addressed_to=list(q["addressed_to"])) for q in core["questions"]]
    f["reach"] = reach.facts()
    f["strategies"] = strategy.strategies(f)
    f["ladder"] = strategy.ladder(f, f["strategies"])
    qs, stats = f["questions"], f["question_stats"]
    unanswered = [q for q in qs if q["answer_id"] is None]
    placed = f["strategies"]
    return GovernmentFacts(
        summary=_summary_from(f),
        accounts=copy.deepcopy(accounts),
        sender={"pattern": f["sender_pattern"], **f["sender_evidence"]},
        suggested_accounts=copy.deepcopy(suggested),
        timeline_unit=unit,
        peaks=copy.deepcopy(peak_rule),
        timing={"counts": f["timing"], "by_rule": f["timing_reasons"],
                "windows_hours": {"pre_peak": T.PRE_PEAK_HOURS, "quiet": T.QUIET_WINDOW_HOURS}},
        questions={
            **{k: stats[k] for k in ("received", "answered", "answer_rate", "median_response_minutes",
                                     "response_minutes", "by_kind")},
            "by_group": (_rates_by(qs, lambda q: reach.membership.get(q["account"])) if reach.membership else []),
            "by_addressee": _rates_by(qs, lambda q: ";".join(q["addressed_to"])),
            "unanswered_total": len(unanswered),
            "unanswered": unanswered[:MAX_UNANSWERED_LISTED],
        },
        government_messages=copy.deepcopy(listed),
        interaction=f["interaction"],
        elsewhere=f["elsewhere"],
        reach=f["reach"],
        strategy={"strategies": placed, "goals": strategy.goals(f, placed), "ladder": f["ladder"],
                  "roles": strategy.roles(f)},
        effectiveness=strategy.mergel(f),
        page_posts=dict(f["page_posts"]),
    )


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


def government_summary(scope, reach: GroupReach | None = None) -> dict:
    """CONTRACT.md's ``government`` object (:attr:`GovernmentFacts.summary`); without ``reach`` the
    community lists are empty."""
    return government_facts(scope, reach).summary


def government_details(scope, reach: GroupReach | None = None) -> dict:
    """Everything about government's role the factsheet shows (:meth:`GovernmentFacts.details`)."""
    return government_facts(scope, reach).details()
