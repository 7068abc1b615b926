"""What government says and how: message types, style markers, links elsewhere.

* **Types** — :func:`civicnet.text.typology.classify_types` of every counted
  government message (the report's six types; none of them → ``none``), computed in
  bulk: each distinct text once, one model batch per language (:func:`classify_each`). A message may
  have several types, so the type counts can add up to more than the messages.
* **Style** per account (METHOD.md §3 style markers): the text package's
  :func:`civicnet.text.style.style_profile` over the account's messages — person
  ("I", "we", third person), formal *u* or informal *je/jij*, imperatives, length,
  links, media (where the platform says), emoticons and emoji, questions.
* **Elsewhere** — whether government moved the conversation to its own channels: the
  share of government messages linking to an official domain (the registry's
  ``domains`` and each entry's ``domain``, with subdomains) or referring readers to
  another channel (:data:`REFERRAL`: *kijk op*, *bel*, *mail*, *neem contact op*, *het
  loket*, *persbericht*…). Shortened links (t.co, bit.ly) cannot be followed offline
  and count as links, not as official ones. The verdict ``moved_elsewhere`` is true
  when at least :data:`MOVED_SHARE` of government messages (or of its replies, when it
  replied) link to an official domain or refer elsewhere.
"""

from __future__ import annotations

import pyarrow as pa

from ..store.scope import Relation, measure
from ..text.typology import TYPES, classify_many
from ._base import messages
from .accounts import official_domains
from .beside import GovernmentText, government_text
from .markers import GovernmentMarkers, government_markers

MOVED_SHARE = 0.25
REFERRAL = (
    r"\b(kijk op|zie ook|meer info\w*|meer informatie|lees meer|lees verder|bel\b|bellen|mail\b|e-mail|"
    r"neem contact op|contactformulier|het loket|via de website|op onze website|persbericht|kamerbrief|"
    r"nieuwsbericht|see|more info|read more|call us|contact us|press release)"
)
DOMAIN_RE = r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|gov|be|info|co|ly))(?:[/?#\s]|$)"


@measure(government_text)
def types(scope, government_text: GovernmentText) -> Relation:
    """Each counted government message's types: ``platform, id, types`` (type names in the
    report's order; empty = none; worked out beside the networks on a large case: :mod:`.beside`)."""
    found_types = government_text.types()
    rows = government_text.rows
    table = pa.table({"platform": rows.column("platform"), "id": rows.column("id"),
                      "types": pa.array(found_types, pa.list_(pa.string()))})
    with scope.lend("type_rows", table) as batch:
        return scope.table("types", f"SELECT * FROM {batch}")


def classify_each(texts: list[str | None], languages: list[str | None]) -> list[list[str]]:
    """The types of each text in the report's order (:func:`civicnet.text.typology.classify_types`
    of ``(text, language)``): each distinct pair classified once, one model batch per language."""
    distinct: dict[str | None, dict[str | None, None]] = {}
    for text, language in zip(texts, languages):
        distinct.setdefault(language, {})[text] = None
    found: dict[tuple, list[str]] = {}
    for language, group in distinct.items():
        batch = list(group)
        for text, kinds in zip(batch, classify_many(batch, language)):
            found[text, language] = [t for t in TYPES if t in kinds]  # the report's order
    return [found[pair] for pair in zip(texts, languages)]


_TYPE_COUNTS = """
    SELECT coalesce(t.type, 'none'), count(*) FROM (
        SELECT platform, id, unnest(CASE WHEN array_length(types) = 0 THEN [NULL] ELSE types END) AS type
        FROM {types}) t
    JOIN {messages} m USING (platform, id) {where}
    GROUP BY 1
"""


def type_counts(scope, types: Relation, messages: Relation, account: str | None = None) -> dict:
    """CONTRACT ``message_types``: messages per type, ``none`` for messages of no type (of one
    account's messages, by identifier, when ``account`` is given)."""
    query = scope.fill(_TYPE_COUNTS.replace("{where}", "WHERE m.ident = ?" if account is not None else ""),
                       types=types, messages=messages)
    found = dict(scope.sql(query, [account] if account is not None else None))
    return {name: int(found.get(name, 0)) for name in (*TYPES, "none")}


@measure(types, messages)
def message_types(scope, types: Relation, messages: Relation) -> dict:
    """CONTRACT ``message_types`` of the case's government messages."""
    return type_counts(scope, types, messages)


@measure(government_markers)
def style(scope, government_markers: GovernmentMarkers) -> dict[str, dict]:
    """Style markers per government account identifier: :func:`civicnet.text.style.style_profile`
    over the account's counted messages (shares of messages with each marker, mean length,
    dominant voice, form of address), found with the pronouns (:func:`.markers.government_markers`)."""
    return government_markers.style


_ELSEWHERE = f"""
    WITH g AS (SELECT id, kind, lower(coalesce(text, '')) AS t FROM {{messages}} WHERE is_gov),
    d AS (SELECT id, unnest(regexp_extract_all(t, '{DOMAIN_RE}', 1)) AS domain FROM g),
    off AS (SELECT DISTINCT d.id FROM d, unnest(?::VARCHAR[]) AS o(dom)
            WHERE d.domain = o.dom OR d.domain LIKE '%.' || o.dom),
    x AS (SELECT g.id, g.kind IN ('reply', 'comment') AS is_reply,
                 EXISTS (SELECT 1 FROM d WHERE d.id = g.id) OR regexp_matches(g.t, 'https?://') AS has_link,
                 g.id IN (SELECT id FROM off) AS official,
                 regexp_matches(g.t, '{REFERRAL}') AS referral
          FROM g)
    SELECT count(*), count(*) FILTER (WHERE has_link), count(*) FILTER (WHERE official),
           count(*) FILTER (WHERE referral), count(*) FILTER (WHERE official OR referral),
           count(*) FILTER (WHERE is_reply), count(*) FILTER (WHERE is_reply AND (official OR referral))
    FROM x
"""
_TOP_DOMAINS = f"""
    SELECT domain, count(DISTINCT id) FROM (
        SELECT id, unnest(regexp_extract_all(lower(coalesce(text, '')), '{DOMAIN_RE}', 1)) AS domain
        FROM {{messages}} WHERE is_gov) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10
"""


@measure(messages)
def elsewhere(scope, messages: Relation) -> dict:
    """Links to government's own sites and referrals to other channels (module docstring)."""
    domains = list(official_domains())
    rows = scope.sql(scope.fill(_ELSEWHERE, messages=messages), [domains])[0]
    total, link, official, referral, either, replies, replies_either = (int(v) for v in rows)
    top = scope.sql(scope.fill(_TOP_DOMAINS, messages=messages))
    share = either / total if total else None
    reply_share = replies_either / replies if replies else None
    moved = bool((share or 0) >= MOVED_SHARE or (reply_share or 0) >= MOVED_SHARE) if total else False
    return {
        "government_messages": total, "with_link": link, "with_official_link": official,
        "with_referral": referral, "official_link_or_referral_share": _r(share),
        "replies": replies, "replies_referring_elsewhere_share": _r(reply_share),
        "moved_elsewhere": moved, "top_domains": [{"domain": d, "messages": int(n)} for d, n in top],
    }


def _r(value: float | None) -> float | None:
    return round(value, 4) if value is not None else None
