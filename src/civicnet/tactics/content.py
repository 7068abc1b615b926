"""What government says and how: message types, style markers, links elsewhere.

* **Types** — :func:`civicnet.text.typology.classify_types` on every counted
  government message (the report's six types; none of them → ``none``). A message may
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

from ..case import Case
from ..store.db import Store
from ..text.style import style_profile
from ..text.typology import TYPES, classify_types
from ._fresh import is_fresh, mark_fresh
from .accounts import official_domains

MOVED_SHARE = 0.25
REFERRAL = (
    r"\b(kijk op|zie ook|meer info\w*|meer informatie|lees meer|lees verder|bel\b|bellen|mail\b|e-mail|"
    r"neem contact op|contactformulier|het loket|via de website|op onze website|persbericht|kamerbrief|"
    r"nieuwsbericht|see|more info|read more|call us|contact us|press release)"
)
DOMAIN_RE = r"(?:https?://)?(?:www\.)?((?:[a-z0-9-]+\.)+(?:nl|com|org|net|eu|gov|be|info|co|ly))(?:[/?#\s]|$)"


def classify(store: Store, case: Case) -> None:
    """Fill the temp table ``tactics_types`` (platform, id, types: type names in the report's order;
    empty = none) for the case prepared on the store, unless it is fresh."""
    if is_fresh(store, case, "types"):
        return
    rows = store.sql("SELECT platform, id, text, language FROM tactics_messages WHERE is_gov")
    types = []
    for _, _, text, language in rows:
        found = classify_types(text, language)
        types.append([t for t in TYPES if t in found])  # the report's order
    table = pa.table({
        "platform": pa.array([r[0] for r in rows], pa.string()),
        "id": pa.array([r[1] for r in rows], pa.string()),
        "types": pa.array(types, pa.list_(pa.string())),
    })
    store.con.register("tactics_types_batch", table)
    try:
        store.sql("CREATE OR REPLACE TEMP TABLE tactics_types AS SELECT * FROM tactics_types_batch")
    finally:
        store.con.unregister("tactics_types_batch")
    mark_fresh(store, case, "types")


def type_counts(store: Store, account: str | None = None) -> dict:
    """CONTRACT ``message_types``: messages per type, ``none`` for messages of no type."""
    where = "WHERE m.ident = ?" if account is not None else ""
    rows = store.sql(
        f"""
        SELECT coalesce(t.type, 'none'), count(*) FROM (
            SELECT platform, id, unnest(CASE WHEN len(types) = 0 THEN [NULL] ELSE types END) AS type
            FROM tactics_types) t
        JOIN tactics_messages m USING (platform, id) {where}
        GROUP BY 1
        """,
        [account] if account is not None else None,
    )
    found = dict(rows)
    return {name: int(found.get(name, 0)) for name in (*TYPES, "none")}


def style(store: Store) -> dict[str, dict]:
    """Style markers per government account identifier: :func:`civicnet.text.style.style_profile`
    over the account's counted messages (shares of messages with each marker, mean length,
    dominant voice, form of address)."""
    rows = store.sql("SELECT ident, text, has_media FROM tactics_messages WHERE is_gov ORDER BY ident, id")
    return style_profile(rows)


def elsewhere(store: Store) -> dict:
    """Links to government's own sites and referrals to other channels (module docstring)."""
    domains = list(official_domains())
    rows = store.sql(
        f"""
        WITH g AS (SELECT id, kind, lower(coalesce(text, '')) AS t FROM tactics_messages WHERE is_gov),
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
        """,
        [domains],
    )[0]
    total, link, official, referral, either, replies, replies_either = (int(v) for v in rows)
    top = store.sql(
        f"""SELECT domain, count(DISTINCT id) FROM (
               SELECT id, unnest(regexp_extract_all(lower(coalesce(text, '')), '{DOMAIN_RE}', 1)) AS domain
               FROM tactics_messages WHERE is_gov) GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10"""
    )
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
