"""Who speaks for government: the report's five sender patterns, with the evidence.

Each government account belongs to a sender group:

* ``senior`` — role ``senior_official`` or ``politician`` (office holders on a
  personal title);
* ``communications`` — role ``organisation`` or ``communications`` (the
  communications department writing for the organisation, "we" or third person);
* ``civil_servant`` — role ``civil_servant`` (an individual civil servant, "I");
* an account without a role is placed by its pronoun use: more of its messages in the
  first person singular (*ik, mij, mijn, me; I, my*) than in the plural or third person
  → ``civil_servant``, else ``communications`` (the evidence says so).

The case's pattern, from the shares of counted government messages per group:

* ``absent`` — no government messages;
* a group *takes part* when it sent at least :data:`MIN_GROUP_SHARE` of them;
* one group takes part → ``single_senior_official``, ``communications_department``
  or ``civil_servants``; two or more → ``combination``.

Pronoun counts are messages (not words) with a first person singular, first person
plural (*wij, we, ons, onze; our, us*) or third-person self-reference (the account's
body named, or *de gemeente / het ministerie / de politie / de provincie*).
"""

from __future__ import annotations

from ..store.db import Store

MIN_GROUP_SHARE = 0.2
GROUP_OF_ROLE = {
    "senior_official": "senior", "politician": "senior",
    "organisation": "communications", "communications": "communications",
    "civil_servant": "civil_servant",
}
PATTERN_OF_GROUP = {
    "senior": "single_senior_official", "communications": "communications_department",
    "civil_servant": "civil_servants",
}
FIRST_SINGULAR = r"\b(ik|mij|mijn|me|i|my|mine)\b"
FIRST_PLURAL = r"\b(wij|we|ons|onze|our|us)\b"
THIRD_PERSON = r"\b(de gemeente|het ministerie|de politie|de provincie|het waterschap)\b"


def account_voices(store: Store) -> list[dict]:
    """Per government account: messages, role and pronoun use (counted messages)."""
    rows = store.sql(
        f"""
        SELECT g.ident, g.platform, g.role, g.body, g.level, g.source,
               count(m.id) AS messages,
               count(m.id) FILTER (WHERE regexp_matches(lower(m.text), '{FIRST_SINGULAR}')),
               count(m.id) FILTER (WHERE regexp_matches(lower(m.text), '{FIRST_PLURAL}')),
               count(m.id) FILTER (WHERE regexp_matches(lower(m.text), '{THIRD_PERSON}')
                                   OR (g.body IS NOT NULL AND contains(lower(m.text), lower(g.body))))
        FROM tactics_gov g LEFT JOIN tactics_messages m ON m.platform = g.platform AND m.account = g.id
        GROUP BY g.ident, g.platform, g.role, g.body, g.level, g.source ORDER BY messages DESC, lower(g.ident)
        """
    )
    out = []
    for ident, platform, role, body, level, source, n, sing, plur, third in rows:
        group, inferred = GROUP_OF_ROLE.get(role or ""), False
        if group is None:
            group, inferred = ("civil_servant" if sing > plur + third else "communications"), True
        out.append({
            "handle": ident, "platform": platform, "role": role, "body": body, "level": level, "source": source,
            "messages": int(n), "group": group, "group_inferred_from_pronouns": inferred,
            "pronouns": {"first_singular": int(sing), "first_plural": int(plur), "third_person": int(third)},
        })
    return out


def sender_pattern(voices: list[dict]) -> tuple[str, dict]:
    """The case's sender pattern and the evidence: group shares and the groups taking part."""
    total = sum(v["messages"] for v in voices)
    if total == 0:
        return "absent", {"government_messages": 0, "group_shares": {}, "groups_taking_part": [],
                          "rule": "no government messages"}
    shares: dict[str, float] = {}
    for v in voices:
        shares[v["group"]] = shares.get(v["group"], 0) + v["messages"] / total
    taking_part = sorted((g for g, s in shares.items() if s >= MIN_GROUP_SHARE), key=lambda g: -shares[g])
    pattern = PATTERN_OF_GROUP[taking_part[0]] if len(taking_part) == 1 else "combination"
    return pattern, {
        "government_messages": total,
        "group_shares": {g: round(s, 4) for g, s in sorted(shares.items(), key=lambda kv: -kv[1])},
        "groups_taking_part": taking_part,
        "rule": f"groups with at least {MIN_GROUP_SHARE:.0%} of government messages: "
                + (", ".join(taking_part) or "none") + f" → {pattern}",
    }
