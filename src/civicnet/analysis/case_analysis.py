"""One explicit analysis of a case: :func:`analyse_case` gives a :class:`CaseAnalysis`.

Every figure civicnet shows is computed here, once, by a measure of the case's scope
(:mod:`civicnet.store.scope`), and every output is a pure function of the result: the
summary.json dict (:attr:`CaseAnalysis.summary`, :mod:`civicnet.reports.summary`), the
factsheet (:mod:`civicnet.reports.factsheet`), the tables (:mod:`civicnet.reports.tables`),
the cross-case comparison (:mod:`civicnet.reports.comparison`) and the dashboard
(:mod:`civicnet.web`). The analysis keeps no reference to the store: it is plain data
(Python values, Arrow tables, igraph graphs) and stays valid after the scope is closed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pyarrow as pa

from ..case import Case
from ..labels import Label
from ..networks.case import case_networks, network_analyses
from ..networks.result import NetworkResult
from ..progress import Progress, silent
from ..store.scope import CaseScope, measure
from ..tactics import (GovernmentFacts, case_counts, case_platforms, peak_details, peaks, reach_of, timeline,
                       timeline_slots, timeline_unit)
from ..tactics.accounts import suggested_government
from ..tactics.beside import government_text
from ..tactics.content import types
from ..tactics.markers import government_markers
from ..tactics.government import account_facts, assemble, core_facts, government_messages
from ..tactics.table import MessageRows, message_rows
from .ambassadors import case_ambassadors
from .content import Content, case_content
from .groups import group_messages
from .pseudonyms import pseudonymiser
from .names import Names, display_names
from .platforms import PlatformFacts, platform_facts
from .records import Provenance, RecordFacts, TopMessages, provenance, record_facts, top_messages

if TYPE_CHECKING:
    from ..reports.pseudonym import Pseudonymiser

#: The stages :func:`analyse_case` reports through its progress callback, in order: ``networks``
#: builds the networks, starts detecting their communities (in a worker process on a large network)
#: and computes their node metrics; ``government`` computes government's facts that need no network
#: (types, style, questions, timing…) while the communities are detected; ``communities`` waits for
#: them (and computes reach); ``text`` the case's terms and government's reach per group.
STAGES = ("networks", "government", "communities", "text", "messages")


@dataclass(frozen=True)
class CaseAnalysis:
    """Everything civicnet computes for a case; every output is a pure function of it.

    Attributes
    ----------
    case
        the case file.
    counts, timeline, peaks
        CONTRACT.md ``counts``, ``timeline`` (per day) and ``peaks``; ``timeline_unit`` and
        ``timeline_slots``: the timeline per hour for short cases (the dashboard's).
    networks
        network kind → :class:`~civicnet.networks.NetworkResult`, in the case file's order
        (the first is the main network: :attr:`main_network`).
    content
        the case's terms and the distinctive terms of each community (:class:`Content`).
    government
        government's role (:class:`~civicnet.tactics.GovernmentFacts`; ``.summary`` is
        CONTRACT.md's ``government``).
    top_messages
        the most liked and reposted messages (:class:`TopMessages`).
    message_rows
        messages.csv's rows (real identifiers) in a temporary Arrow file of their own
        (:class:`~civicnet.tactics.table.MessageRows`, removed with the analysis): not held in
        memory; :attr:`messages` reads them as an Arrow table.
    records, provenance
        the figures behind the limitations (:class:`RecordFacts`) and every import with the
        moment of the analysis (:class:`Provenance`).
    pseudonymiser
        the labeller that pseudonymises citizens in outputs (None on a read-only store
        without a salt): :meth:`label`.
    names
        account identifier -> display name, where the platform gave one (:class:`Names`: also
        which identifiers are handles, and :meth:`Names.who`, how a person reads an account).
    platforms
        the platforms of the case's counted messages, sorted.
    ambassadors
        network kind → unreached community id → its candidate ambassadors, best first
        (:mod:`civicnet.analysis.ambassadors`).
    group_messages
        group id of the main network -> messages of its most central members
        (:func:`~civicnet.analysis.groups.group_messages`).
    per_platform
        the case per platform where it spans several (:class:`~civicnet.analysis.platforms.PlatformFacts`,
        in the order of ``platforms``); empty for a case on one platform.
    """

    case: Case
    counts: dict
    timeline: list[dict]
    peaks: list[str]
    timeline_unit: str
    timeline_slots: list[dict]
    networks: dict[str, NetworkResult]
    content: Content
    government: GovernmentFacts
    top_messages: TopMessages
    message_rows: MessageRows
    records: RecordFacts
    provenance: Provenance
    pseudonymiser: "Pseudonymiser | None" = field(default=None, repr=False, compare=False)
    names: Names = field(default_factory=Names, repr=False, compare=False)
    platforms: tuple[str, ...] = ()
    ambassadors: dict = field(default_factory=dict, repr=False, compare=False)
    per_platform: tuple[PlatformFacts, ...] = ()
    group_messages: dict[int, list[dict]] = field(default_factory=dict)

    @property
    def messages(self) -> pa.Table:
        """messages.csv as an Arrow table (real identifiers), read from :attr:`message_rows` on each
        access: keep the table while you need it, or stream the rows with ``message_rows.batches()``."""
        return self.message_rows.table()

    @property
    def main_network(self) -> NetworkResult | None:
        """The case's main network (the first of its ``networks:``)."""
        return self.networks.get(self.case.networks[0])

    @property
    def summary(self) -> dict:
        """summary.json as a dict (identifiers as they are): :func:`civicnet.reports.summary.summary_json`."""
        from ..reports.summary import summary_json

        return summary_json(self)

    def label(self, pseudonymise: bool) -> Label | None:
        """The labeller outputs go through: the pseudonymiser, or None (identifiers as they are)."""
        if not pseudonymise:
            return None
        if self.pseudonymiser is None:
            from ..errors import StoreError

            raise StoreError(f"case {self.case.id}: its store has no pseudonym salt and was opened read-only; "
                             "analyse it once on a writable store (civicnet run --pseudonymise)")
        return self.pseudonymiser


@measure(case_networks, case_content, core_facts, account_facts, suggested_government, timeline_unit, peak_details,
         government_messages)
def government_role(scope: CaseScope, case_networks: dict[str, NetworkResult], case_content: Content, core_facts: dict,
                    account_facts: list[dict], suggested_government: list[dict], timeline_unit: str,
                    peak_details: dict, government_messages: list[dict]) -> GovernmentFacts:
    """Government's role (:func:`civicnet.tactics.government_facts`), with reach from the case's main
    network and its community terms."""
    main = scope.case.networks[0]
    reach = reach_of(case_networks.get(main), case_content.community_terms.get(main, {}))
    return assemble(core_facts, account_facts, suggested_government, timeline_unit, peak_details, government_messages,
                    reach)


#: The measures of :func:`government_role` that need no network: :func:`analyse_case` computes them
#: while the network's communities are detected in a worker process.
GOVERNMENT_ALONE = (core_facts, account_facts, suggested_government, timeline_unit, peak_details, government_messages)


def analyse_case(scope: CaseScope, progress: Progress = silent) -> CaseAnalysis:
    """Analyse the case on ``scope``: every measure, in dependency order, as one :class:`CaseAnalysis`.

    ``progress`` is called with ``analyse: <stage>`` before each of :data:`STAGES` and
    ``analyse: done`` at the end.
    """
    def stage(n: int) -> None:
        progress(f"analyse: {STAGES[n]}", n, len(STAGES))

    stage(0)
    typing = government_text(scope)  # a large case's typology and style, in a helper while the networks are built
    pending = {}
    try:
        pending = network_analyses(scope)
        stage(1)
        types(scope)  # the helper's answer first: it ends before the government stage's statements
        government_markers(scope)
        for part in GOVERNMENT_ALONE:  # while the communities are detected
            part(scope)
    except BaseException:
        typing.cancel()  # no helper or worker process outlives a failed analysis
        for analysis in pending.values():
            analysis.cancel()
        raise
    stage(2)
    networks = case_networks(scope)
    stage(3)
    content = case_content(scope)
    government = government_role(scope)
    stage(4)
    facts = dict(
        case=scope.case, counts=case_counts(scope), timeline=timeline(scope), peaks=peaks(scope),
        timeline_unit=timeline_unit(scope), timeline_slots=timeline_slots(scope), networks=networks,
        content=content, government=government, top_messages=top_messages(scope),
        records=record_facts(scope), provenance=provenance(scope), pseudonymiser=pseudonymiser(scope),
        names=display_names(scope), platforms=case_platforms(scope), ambassadors=case_ambassadors(scope),
        per_platform=platform_facts(scope), group_messages=group_messages(scope),
    )
    # messages.csv's rows go to a file of their own (DuckDB sorts them within its limit): never held
    analysis = CaseAnalysis(message_rows=message_rows(scope), **facts)
    progress("analyse: done", len(STAGES), len(STAGES))
    return analysis
