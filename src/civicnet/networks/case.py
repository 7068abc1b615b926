"""The networks of a case, as measures of its scope.

:func:`network_analyses` builds the case's networks, starts detecting their communities
(in a worker process on a large network) and computes their node metrics;
:func:`case_networks` waits for the communities and gives the results. Between the two,
:func:`civicnet.analysis.analyse_case` computes the government stage, so that it runs
while the worker detects communities.
"""

from __future__ import annotations

from ..store.government import government_table
from ..store.scope import CaseScope, Relation, measure
from ..tactics._base import all_messages
from .build import build_network
from .result import NetworkResult, PendingAnalysis, start_analysis

#: Community detection and the betweenness sample are seeded with this, so runs repeat.
SEED = 42


@measure(government_table, all_messages)
def network_analyses(scope: CaseScope, government_table: Relation, all_messages: Relation) -> dict[str, PendingAnalysis]:
    """The case file's networks (``networks:``, in its order), built, with their node metrics, their
    communities being detected (:func:`~civicnet.networks.result.start_analysis`).

    Built without hashtags: the communities' terms are the case's distinctive terms
    (:func:`civicnet.analysis.content.case_content`), which need the communities first.
    ``government_table`` is the table the networks mark government accounts from; ``all_messages``
    the table of the case's messages they read (:func:`~civicnet.networks.build.build_network`: the
    government stage reads it too, so it is made here, once).
    """
    case = scope.case
    return {kind: start_analysis(build_network(scope, kind, hashtags=False), method=case.community_method,
                                 seed=SEED, reach_threshold=case.reach_threshold)
            for kind in case.networks}


@measure(network_analyses)
def case_networks(scope: CaseScope, network_analyses: dict[str, PendingAnalysis]) -> dict[str, NetworkResult]:
    """The case file's networks (``networks:``, in its order), built and analysed
    (:func:`~civicnet.networks.result.analyse_network`)."""
    return {kind: pending.finish() for kind, pending in network_analyses.items()}
