"""What the case's messages say: the case's terms and the distinctive terms of each community.

The terms are counted in the store, in one pass over the case's messages, for the case and
per community of every network (:func:`civicnet.text.tokenize.count_terms_grouped`): each
network's membership (account → community, from its node table) is lent to DuckDB and joined
to the messages by author (handle, else account id: the ``ident`` of the government stage's
message table, :func:`civicnet.tactics._base.messages`, read instead of the store's), so the
texts never travel to Python.
Every community of a network is a group, also one whose members wrote nothing (an empty
count, as distinctive terms expect).
"""

from __future__ import annotations

from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from heapq import nsmallest

from ..labels import Label, shown
from ..networks.case import case_networks
from ..networks.result import NetworkResult
from ..store.scope import CaseScope, Relation, measure
from ..tactics._base import messages
from ..text.terms import distinctive_from_counts

#: Terms kept of the case's ranking (the word cloud draws from them), shown in the summary.
RANKED_TERMS, TOP_TERM_CANDIDATES, TOP_TERMS = 120, 30, 20
#: Distinctive terms per community.
COMMUNITY_TERMS = 10


@dataclass(frozen=True)
class Content:
    """The case's most used terms and each network's community terms.

    ``ranked_terms``: the case's :data:`RANKED_TERMS` most used terms with their counts, most
    used first (ties alphabetical, so runs repeat); ``community_terms``: network kind →
    community id → its distinctive terms (log-odds against the other communities).
    """

    ranked_terms: list[tuple[str, int]]
    community_terms: dict[str, dict[int, list[str]]]

    def top_terms(self, label: Label | None = None) -> list[str]:
        """The summary's top terms: the :data:`TOP_TERMS` most used of the first candidates; under a
        pseudonymising labeller no term names a citizen (:meth:`~civicnet.labels.Labeller.terms`)."""
        return shown(label).terms(term for term, _ in self.ranked_terms[:TOP_TERM_CANDIDATES])[:TOP_TERMS]

    def word_frequencies(self, label: Label | None = None) -> dict[str, int]:
        """The ranked terms without @handles (and, pseudonymised, none naming a citizen): the word cloud's."""
        allowed = set(shown(label).terms(term for term, _ in self.ranked_terms))
        return {term: n for term, n in self.ranked_terms if not term.startswith("@") and term in allowed}

    def terms_of(self, kind: str, label: Label | None = None) -> dict[int, list[str]]:
        """The community terms of network ``kind``, none naming a citizen when pseudonymised."""
        show = shown(label)
        return {c: show.terms(ts) for c, ts in self.community_terms.get(kind, {}).items()}


@measure(case_networks, messages)
def case_content(scope: CaseScope, case_networks: dict[str, NetworkResult], messages: Relation) -> Content:
    """The case's terms and its networks' community terms (module docstring)."""
    counts, per_network = community_counts(scope, case_networks, messages)
    terms = {kind: distinctive_from_counts(groups, n=COMMUNITY_TERMS) if groups else {}
             for kind, groups in per_network.items()}
    ranked = nsmallest(RANKED_TERMS, counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return Content(ranked_terms=ranked, community_terms=terms)


def community_counts(scope: CaseScope, networks: dict[str, NetworkResult],
                     messages: Relation) -> tuple[Counter, dict[str, dict]]:
    """The case's term counts, and per network: community id -> its members' term counts
    (``messages``: the case's counted messages with their author's ``ident``)."""
    communities = {}
    with ExitStack() as lent:
        tables = {}
        for kind, result in networks.items():
            nodes = result.nodes.select(["account", "community"])
            communities[kind] = [c for c in dict.fromkeys(nodes.column("community").to_pylist()) if c is not None]
            tables[kind] = lent.enter_context(scope.lend("content_members", nodes))
        joins = "".join(f" LEFT JOIN {t} g{i} ON g{i}.account = m.ident" for i, t in enumerate(tables.values()))
        keys = [f"g{i}.community AS c{i}" for i in range(len(tables))]
        source = f"""SELECT {", ".join(["m.text", *keys])} FROM {messages} m{joins} WHERE m.text IS NOT NULL"""
        counts, grouped = scope.count_terms(source, [f"c{i}" for i in range(len(tables))], scope.case.language)
    per_network = {kind: {c: groups.get(c, Counter()) for c in communities[kind]}
                   for kind, groups in zip(tables, grouped)}
    return counts, per_network
