"""The case's candidate ambassadors, as a measure of its scope (:func:`case_ambassadors`).

:mod:`civicnet.networks.ambassadors` ranks the candidates from a network alone; the case adds
what only its messages and accounts know:

* **spam by duplicates** — an account with at least :data:`DUPLICATE_MIN` messages of its own
  (reposts not counted) of which at least :data:`DUPLICATE_SHARE` repeat one of its other
  messages (the same text, case, spacing and links aside) is left out;
* **what kind of account** (``role``) — ``media`` when its display name or profile description
  holds a word of :data:`MEDIA_WORDS` (nieuws, krant, dagblad, omroep, radio…),
  ``organisation`` for a word of :data:`ORGANISATION_WORDS` (stichting, vereniging,
  officieel account…), else ``public`` when the case file names it under ``public:``, else
  None: a person, as far as civicnet can tell. The words are whole words, in any case. This is
  a mark for the reader, not a judgement of who may be named: under ``--pseudonymise`` only the
  case file's ``government:`` and ``public:`` accounts keep their names (docs/privacy.md), so a
  local newspaper the case file does not list shows as "media account" with its pseudonym;
* **one of its messages** — its most liked message of the case that is not a repost (earliest
  first on equal likes), for the factsheet.
"""

from __future__ import annotations

import re

import numpy as np

from ..networks.ambassadors import Candidate
from ..networks.case import case_networks
from ..networks.result import NetworkResult
from ..store.scope import CaseScope, Relation, measure
from ..tactics._base import messages as case_message_table

#: Fewest own messages before an account can be judged by its duplicates.
DUPLICATE_MIN = 5
#: Share of an account's messages that repeat another of its messages, from which it is spam.
DUPLICATE_SHARE = 0.8
MEDIA_WORDS = ("nieuws", "news", "krant", "dagblad", "courant", "omroep", "radio", "tv", "televisie", "redactie",
               "media", "journaal", "nieuwsblad", "magazine", "newspaper", "broadcaster")
ORGANISATION_WORDS = ("stichting", "vereniging", "foundation", "association", "officieel account", "official account",
                      "organisatie", "organisation", "organization", "bedrijf", "company", "bond", "federatie",
                      "coöperatie", "platform voor", "wijkraad", "bewonerscommissie")
_MEDIA = re.compile(r"\b(?:" + "|".join(map(re.escape, MEDIA_WORDS)) + r")\b", re.I)
_ORGANISATION = re.compile(r"\b(?:" + "|".join(map(re.escape, ORGANISATION_WORDS)) + r")\b", re.I)
_NODE = "coalesce(a.handle, a.id)"
_NORMAL = r"lower(trim(regexp_replace(m.text, '(https?://\S+|\s+)', ' ', 'g')))"


def role_of(name: str | None, description: str | None, public: bool) -> str | None:
    """``media``, ``organisation``, ``public`` or None (module docstring).

    >>> role_of("Omroep West", "Nieuws uit Den Haag en omstreken", False), role_of("Jan", "Leidenaar", True)
    ('media', 'public')
    >>> role_of("Buurtvereniging Noord", "Officieel account van de vereniging", False), role_of("Jan", "", False)
    ('organisation', None)
    """
    text = f"{name or ''} \n {description or ''}"
    if _MEDIA.search(text):
        return "media"
    if _ORGANISATION.search(text):
        return "organisation"
    return "public" if public else None


#: The case's counted messages of the case's accounts, with the author's node identifier ``ident``
#: (its handle, else its account id): ``{messages}`` is the scope's message table
#: (:func:`civicnet.tactics._base.messages`), whose ``ident`` is that identifier.
_OWN = """SELECT m.* FROM {messages} m SEMI JOIN case_accounts a ON a.platform = m.platform AND a.id = m.account"""


def duplicate_spam(scope: CaseScope, messages: Relation | None = None) -> set[str]:
    """Node identifiers of accounts whose own messages are mostly duplicates (module docstring).

    Only the texts of accounts with at least :data:`DUPLICATE_MIN` own messages are normalised
    (the regular expression is most of the cost; most accounts of a crisis have fewer).
    ``messages``: the scope's message table (:data:`_OWN`; by default the scope's measure)."""
    messages = case_message_table(scope) if messages is None else messages
    rows = scope.sql(f"""
        WITH own AS (SELECT m.ident, m.text FROM ({scope.fill(_OWN, messages=messages)}) m
                     WHERE m.kind <> 'repost' AND m.text IS NOT NULL),
        busy AS (SELECT ident FROM own GROUP BY 1 HAVING count(*) >= ?)
        SELECT ident, count(*), count(DISTINCT {_NORMAL}) FROM own m SEMI JOIN busy USING (ident)
        GROUP BY 1""", [DUPLICATE_MIN])
    return {ident for ident, n, distinct in rows if (n - distinct) >= DUPLICATE_SHARE * n}


def _accounts(scope: CaseScope, idents: list[str]) -> dict[str, tuple]:
    rows = scope.sql(f"SELECT {_NODE}, name, description FROM case_accounts a WHERE {_NODE} IN (SELECT unnest(?))",
                     [idents])
    return {ident: (name, description) for ident, name, description in rows}


def _messages(scope: CaseScope, idents: list[str], messages: Relation) -> dict[str, dict]:
    rows = scope.sql(f"""
        SELECT ident, id, text, likes FROM (
            SELECT m.ident, m.id, m.text, m.like_count AS likes,
                   row_number() OVER (PARTITION BY m.ident ORDER BY coalesce(m.like_count, 0) DESC, m.created_at, m.id) AS n
            FROM ({scope.fill(_OWN, messages=messages)}) m
            WHERE m.kind <> 'repost' AND trim(coalesce(m.text, '')) <> '' AND m.ident IN (SELECT unnest(?)))
        WHERE n = 1""", [idents])
    return {ident: {"id": mid, "text": text, "likes": likes} for ident, mid, text, likes in rows}


def _public(scope: CaseScope) -> set[str]:
    return {p.handle.lower() for p in scope.case.public}


def candidates(scope: CaseScope, result: NetworkResult, spam: set[str],
               messages: Relation | None = None) -> dict[int, list[Candidate]]:
    """The network's candidates, with the case's spam left out and each one's role and message
    (``messages``: the scope's message table, :data:`_OWN`; by default the scope's measure)."""
    ids = result.net.ids
    excluded = np.fromiter((i in spam for i in ids), dtype=bool, count=len(ids))
    found = result.ambassadors(excluded=excluded)
    chosen = sorted({ids[c.ambassador.node] for lst in found.values() for c in lst})
    if not chosen:
        return found
    messages = case_message_table(scope) if messages is None else messages
    accounts, chosen_messages, public = _accounts(scope, chosen), _messages(scope, chosen, messages), _public(scope)
    out = {}
    for group, lst in found.items():
        out[group] = []
        for c in lst:
            ident = ids[c.ambassador.node]
            name, description = accounts.get(ident, (None, None))
            role = role_of(name, description, ident.lower() in public)
            out[group].append(Candidate(c.ambassador, role=role, message=chosen_messages.get(ident)))
    return out


@measure(case_networks, case_message_table)
def case_ambassadors(scope: CaseScope, case_networks: dict[str, NetworkResult],
                     messages: Relation) -> dict[str, dict[int, list[Candidate]]]:
    """Network kind → unreached community id → its candidate ambassadors, best first."""
    spam = duplicate_spam(scope, messages)
    return {kind: candidates(scope, result, spam, messages) for kind, result in case_networks.items()}
