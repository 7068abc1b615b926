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

* ``absent`` — no government messages, or government is *hardly visible* (the report's
  "niet of nauwelijks zichtbaar"): fewer than :data:`HARDLY_VISIBLE_MESSAGES` government
  messages making up less than :data:`HARDLY_VISIBLE_SHARE` of the case's messages (the
  earthquake case: a handful of government tweets among thousands);
* a group *takes part* when it sent at least :data:`MIN_GROUP_SHARE` of them;
* one group takes part → ``single_senior_official``, ``communications_department``
  or ``civil_servants``; two or more → ``combination`` (Benno L.: a police officer's
  28 tweets next to the municipality's and the probation service's).

Pronoun counts are messages (not words) with a first person singular, first person
plural or third-person self-reference, as :func:`civicnet.text.style.person_markers`
(the person markers of :func:`~civicnet.text.style.style_markers`) finds them (*ik, mij, mijn; wij, we, ons; de gemeente, het ministerie, de
minister…*), and messages naming the account's own body (third person).
"""

from __future__ import annotations

from ..store.scope import measure
from .accounts import GovAccount, government
from .markers import GovernmentMarkers, government_markers

MIN_GROUP_SHARE = 0.10
HARDLY_VISIBLE_MESSAGES = 10
HARDLY_VISIBLE_SHARE = 0.01
GROUP_OF_ROLE = {
    "senior_official": "senior", "politician": "senior",
    "organisation": "communications", "communications": "communications",
    "civil_servant": "civil_servant",
}
PATTERN_OF_GROUP = {
    "senior": "single_senior_official", "communications": "communications_department",
    "civil_servant": "civil_servants",
}


@measure(government, government_markers)
def voices(scope, government: list[GovAccount], government_markers: GovernmentMarkers) -> list[dict]:
    """Per government account: messages, role, group and pronoun use (counted messages), most
    messages first (ties in identifier order).

    Pronoun use comes from :func:`civicnet.text.style.person_markers` (counted in
    :func:`.markers.government_markers`); a message also counts as third person when it names
    the account's body.
    """
    accounts = [(g.ident, g.platform, g.account_id, g.role, g.body, g.level, g.source) for g in government]
    tally = government_markers.pronouns
    out = []
    for ident, platform, account_id, role, body, level, source in accounts:
        n, sing, plur, third = tally.get((platform, account_id), [0, 0, 0, 0])
        group, inferred = GROUP_OF_ROLE.get(role or ""), False
        if group is None:
            group, inferred = ("civil_servant" if sing > plur + third else "communications"), True
        out.append({
            "handle": ident, "platform": platform, "role": role, "body": body, "level": level, "source": source,
            "messages": n, "group": group, "group_inferred_from_pronouns": inferred,
            "pronouns": {"first_singular": sing, "first_plural": plur, "third_person": third},
        })
    out.sort(key=lambda v: -v["messages"])  # stable: ties stay in identifier order
    return out


def sender_pattern(voices: list[dict], case_messages: int | None = None) -> tuple[str, dict]:
    """The case's sender pattern and the evidence: group shares and the groups taking part.

    ``case_messages`` (all counted messages of the case) enables the *hardly visible* rule.
    """
    total = sum(v["messages"] for v in voices)
    if total == 0:
        return "absent", {"government_messages": 0, "group_shares": {}, "groups_taking_part": [],
                          "rule": "no government messages"}
    shares: dict[str, float] = {}
    for v in voices:
        shares[v["group"]] = shares.get(v["group"], 0) + v["messages"] / total
    taking_part = sorted((g for g, s in shares.items() if s >= MIN_GROUP_SHARE), key=lambda g: -shares[g])
    pattern = PATTERN_OF_GROUP[taking_part[0]] if len(taking_part) == 1 else "combination"
    rule = (f"groups with at least {MIN_GROUP_SHARE:.0%} of government messages: "
            + (", ".join(taking_part) or "none") + f" → {pattern}")
    share_of_case = total / case_messages if case_messages else None
    if share_of_case is not None and total < HARDLY_VISIBLE_MESSAGES and share_of_case < HARDLY_VISIBLE_SHARE:
        rule = (f"hardly visible: {total} government messages, {share_of_case:.2%} of {case_messages} "
                f"(the accounts alone would be {pattern}) → absent")
        pattern = "absent"
    return pattern, {
        "government_messages": total,
        "share_of_case_messages": round(share_of_case, 4) if share_of_case is not None else None,
        "group_shares": {g: round(s, 4) for g, s in sorted(shares.items(), key=lambda kv: -kv[1])},
        "groups_taking_part": taking_part,
        "rule": rule,
    }
