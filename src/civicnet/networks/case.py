"""The networks of a case, as one measure of its scope."""

from __future__ import annotations

from ..store.government import government_table
from ..store.scope import CaseScope, Relation, measure
from .build import build_network
from .result import NetworkResult, analyse_network

#: Community detection and the betweenness sample are seeded with this, so runs repeat.
SEED = 42


@measure(government_table)
def case_networks(scope: CaseScope, government_table: Relation) -> dict[str, NetworkResult]:
    """The case file's networks (``networks:``, in its order), built and analysed.

    Built without hashtags: the communities' terms are the case's distinctive terms
    (:func:`civicnet.analysis.content.case_content`), which need the communities first.
    ``government_table`` is the table the networks mark government accounts from.
    """
    case = scope.case
    return {kind: analyse_network(build_network(scope, kind, hashtags=False), method=case.community_method,
                                  seed=SEED, reach_threshold=case.reach_threshold)
            for kind in case.networks}
