"""Which accounts speak for government in a case, and which others might.

Three sources, in order of authority:

1. the case file's ``government:`` entries (matched by
   :func:`civicnet.store.government.government_accounts`);
2. the shipped registry of known Dutch government accounts
   (``tactics/data/registry.yaml``): an entry that matches an account of the case makes
   it a government account, with the registry's role, body and level; a case-file entry
   for the same account wins field by field (the case extends the registry). Entries of
   office holders carry ``valid_from``/``valid_until`` and match only cases whose period
   overlaps;
3. heuristics (:func:`suggest_government`) that only *suggest* accounts, with the
   evidence, for a person to add to the case file. They never make an account
   government on their own.

On a case's scope these are the measures :func:`government` (the accounts with their
roles) and :func:`suggested_government`; the SQL of every stage joins the one table of
government accounts, :func:`civicnet.store.government.government_table`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

import pyarrow as pa
import yaml

from ..store.government import government_table, matched_government
from ..store.scope import Relation, measure
from ._base import messages, period

#: Roles that speak for the organisation as a whole (the report's communications department).
ORGANISATION_ROLES = ("organisation", "communications")


@dataclass(frozen=True)
class GovAccount:
    """A government account of a case.

    ``ident`` is how outputs name the account: its handle, or on platforms without
    handles its account id (CONTRACT.md, nodes.csv). ``source`` is ``case_file`` or
    ``registry``.
    """

    platform: str
    account_id: str
    ident: str
    handle: str | None
    name: str | None
    role: str | None
    body: str | None
    level: str | None
    source: str


@lru_cache(maxsize=1)
def registry() -> dict:
    """The shipped registry: ``{"accounts": [...], "domains": [...]}``."""
    text = resources.files("civicnet.tactics").joinpath("data/registry.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return {"accounts": list(data.get("accounts") or []), "domains": list(data.get("domains") or [])}


def official_domains() -> tuple[str, ...]:
    """Government web domains: the registry's ``domains`` plus every entry's ``domain``."""
    reg = registry()
    found = {d.lower() for d in reg["domains"]}
    found |= {str(a["domain"]).lower() for a in reg["accounts"] if a.get("domain")}
    return tuple(sorted(found))


def _registry_table(start: date | None, end: date | None) -> pa.Table:
    rows = []
    for entry in registry()["accounts"]:
        valid_from, valid_until = entry.get("valid_from"), entry.get("valid_until")
        if valid_until and start and start > valid_until:
            continue
        if valid_from and end and end < valid_from:
            continue
        rows.append(entry)
    cols = ("platform", "handle", "name", "role", "body", "level")
    return pa.table({c: pa.array([None if r.get(c) is None else str(r[c]) for r in rows], pa.string()) for c in cols})


_REGISTRY_MATCHES = """
    SELECT DISTINCT ON (platform, id) * FROM (
        SELECT a.platform, a.id, a.handle, a.name, r.role, r.body, r.level
        FROM case_accounts a JOIN {entries} r
          ON r.platform = a.platform AND lower(a.handle) = lower(r.handle)
        UNION ALL
        SELECT a.platform, a.id, a.handle, a.name, r.role, r.body, r.level
        FROM case_accounts a JOIN {entries} r
          ON r.platform = a.platform AND a.name = r.name AND r.handle IS NULL AND a.handle IS NULL)
    ORDER BY platform, id
"""


@measure(period)
def registry_matches(scope, period: tuple[date | None, date | None]) -> list[tuple]:
    """Accounts of the case that a registry entry names, ``(platform, id, handle, name, role, body,
    level)``: by handle (any case), or by name when neither has a handle, among the entries valid
    in the case period (:func:`~civicnet.tactics.period`). Two equality joins: one join on platform
    with both conditions ORed compared every account with every entry (0.4 s on 250k accounts)."""
    with scope.lend("registry_entries", _registry_table(*period)) as entries:
        return scope.sql(scope.fill(_REGISTRY_MATCHES, entries=entries))


def _with_roles(matched: list, matches: list[tuple]) -> list[GovAccount]:
    """The case file's accounts with role, body and level filled from the registry matches, by ident."""
    reg = {(p, i): (role, body, level) for p, i, _, _, role, body, level in matches}
    found: dict[tuple[str, str], GovAccount] = {}
    for g in matched:
        r_role, r_body, r_level = reg.get((g.platform, g.account_id), (None, None, None))
        found[(g.platform, g.account_id)] = GovAccount(
            g.platform, g.account_id, g.handle or g.account_id, g.handle, g.name,
            g.role or r_role, g.body or r_body, g.level or r_level, "case_file",
        )
    # Registry-only matches are never added silently: every stage (networks, counts,
    # tables) must agree on who is government, and only the case file says so. They
    # are offered by suggest_government instead.
    return sorted(found.values(), key=lambda g: (g.ident.lower(), g.platform))


@measure(matched_government, registry_matches)
def government(scope, matched_government: list, registry_matches: list[tuple]) -> list[GovAccount]:
    """The case's government accounts: the case file's, with role, body and level filled from
    the shipped registry where the case file leaves them out. Sorted by ident."""
    return _with_roles(matched_government, registry_matches)


def case_government(scope, *, use_registry: bool = True) -> list[GovAccount]:
    """:func:`government` on ``scope``; with ``use_registry=False`` the case file's entries alone."""
    return government(scope) if use_registry else _with_roles(matched_government(scope), [])


# -- suggestions ------------------------------------------------------------------------------

#: (pattern, suggested role, what it means) — tried on handle, name, description and url.
SUGGESTION_RULES: tuple[tuple[str, str, str], ...] = (
    (r"\b(?:wijkagent|politieagent|hoofdagent|buurtagent|boa)\w*|\bhandhav\w+", "civil_servant",
     "police officer or enforcement officer"),
    (r"\b(?:burgemeester|minister|staatssecretaris|wethouder|gedeputeerde|dijkgraaf|commissaris van de koning)\b",
     "senior_official", "office holder"),
    (r"\b(?:raadslid|gemeenteraadslid|kamerlid|statenlid|fractievoorzitter)\b", "politician", "elected politician"),
    (r"\b(?:woordvoerder|webcare|communicatieadviseur|afdeling communicatie)\b", "communications", "communications staff"),
    (r"\b(?:ambtenaar|beleidsadviseur|beleidsmedewerker|projectleider gemeente)\b", "civil_servant", "civil servant"),
    (r"\b(?:gemeente|ministerie|politie|provincie|waterschap|rijkswaterstaat|brandweer|veiligheidsregio"
     r"|rijksoverheid|openbaar ministerie|reclassering)\b", "organisation", "government body named"),
)
#: Domains in a description or profile url that point at government.
DOMAIN_RULE = r"(?:[a-z0-9-]+\.)*(?:overheid\.nl|rijksoverheid\.nl|politie\.nl|gemeente[a-z0-9-]*\.nl|[a-z0-9-]+\.gov(?:\.[a-z]{2})?)\b"
_BODY = re.compile(
    r"\b(gemeente|provincie|waterschap|politie|ministerie van)\s+([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)"
)


def _suggestion(row: tuple) -> dict:
    platform, account_id, handle, name, description, url, messages = row
    fields = {"handle": handle, "name": name, "description": description, "url": url}
    evidence, role = [], None
    for pattern, suggested, meaning in SUGGESTION_RULES:
        for field_name, value in fields.items():
            m = re.search(pattern, (value or "").lower())
            if m:
                evidence.append(f"{field_name} contains {m.group(0)!r} ({meaning})")
                role = role or suggested
                break
    for field_name, value in fields.items():
        m = re.search(DOMAIN_RULE, (value or "").lower())
        if m:
            evidence.append(f"{field_name} names the government domain {m.group(0)!r}")
            role = role or "organisation"
    body = None
    for value in (name, description):
        m = _BODY.search(value or "")
        if m:
            body = f"{m.group(1).capitalize()} {m.group(2)}"
            break
    return {
        "platform": platform, "account_id": account_id, "handle": handle or account_id, "name": name,
        "suggested_role": role, "suggested_body": body, "messages": int(messages), "evidence": evidence,
    }


#: How many suggestions the case's analysis keeps (the factsheet's evidence lists them).
SUGGESTIONS = 25

# The accounts that look like government first, then the counted messages of those alone (counting
# every account's messages first took 1.0 CPU s at 1M messages, this 0.2).
_SUGGEST = """
    WITH a AS (SELECT a.platform, a.id, a.handle, a.name, a.description, a.url FROM case_accounts a
               WHERE NOT EXISTS (SELECT 1 FROM {government_table} g WHERE g.platform = a.platform AND g.id = a.id)
                 AND regexp_matches(lower(concat_ws(' ', a.handle, a.name, a.description, a.url)), ?)),
    n AS (SELECT m.platform, m.account AS id, count(*) AS messages FROM {messages} m
          WHERE EXISTS (SELECT 1 FROM a WHERE a.platform = m.platform AND a.id = m.account) GROUP BY ALL)
    SELECT a.platform, a.id, a.handle, a.name, a.description, a.url, coalesce(n.messages, 0) AS messages
    FROM a LEFT JOIN n USING (platform, id)
    ORDER BY messages DESC, lower(coalesce(a.handle, a.name, a.id))
"""


def suggest_government(scope, limit: int | None = 200) -> list[dict]:
    """Accounts of the case that look like government but are not named as such.

    Suggestions only: add them to the case file's ``government:`` list to count them.
    Each is ``{platform, account_id, handle, name, suggested_role, suggested_body,
    messages, evidence}``; ``evidence`` says which field matched which rule
    (:data:`SUGGESTION_RULES`, :data:`DOMAIN_RULE`). Most active accounts first.
    """
    return _suggest(scope, government_table(scope), messages(scope), registry_matches(scope),
                    matched_government(scope), limit)


@measure(government_table, messages, registry_matches, matched_government)
def suggested_government(scope, government_table: Relation, messages: Relation, registry_matches: list[tuple],
                         matched_government: list) -> list[dict]:
    """The :data:`SUGGESTIONS` most active accounts :func:`suggest_government` suggests."""
    return _suggest(scope, government_table, messages, registry_matches, matched_government, SUGGESTIONS)


def _suggest(scope, table: Relation, counted: Relation, matches: list[tuple], matched: list,
             limit: int | None) -> list[dict]:
    words = "|".join(f"(?:{p})" for p, _, _ in SUGGESTION_RULES) + "|" + DOMAIN_RULE
    limit_sql = f" LIMIT {int(limit)}" if limit else ""
    rows = scope.sql(scope.fill(_SUGGEST, government_table=table, messages=counted) + limit_sql, [words])
    suggestions = [_suggestion(r) for r in rows]
    named = {(s["platform"], s["account_id"]) for s in suggestions}
    gov = {(g.platform, g.account_id) for g in matched}
    for platform, account_id, handle, name, role, body, _level in matches:
        if (platform, account_id) in gov:
            continue
        if (platform, account_id) in named:
            entry = next(s for s in suggestions if (s["platform"], s["account_id"]) == (platform, account_id))
            entry["evidence"].insert(0, "listed in the shipped registry of government accounts")
            entry["suggested_role"], entry["suggested_body"] = role, body
            continue
        suggestions.append({
            "platform": platform, "account_id": account_id, "handle": handle or account_id, "name": name,
            "suggested_role": role, "suggested_body": body, "messages": 0,
            "evidence": ["listed in the shipped registry of government accounts"],
        })
    return suggestions[:limit] if limit else suggestions
