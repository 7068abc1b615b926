"""The explicit analysis of a case: measures on a scope, gathered in one :class:`CaseAnalysis`.

::

    with store.case(case) as scope:
        analysis = analyse_case(scope)
    analysis.summary                 # summary.json
    analysis.networks["mention"]     # NetworkResult

Modules: :mod:`.case_analysis` (:class:`CaseAnalysis`, :func:`analyse_case`), :mod:`.content`
(terms), :mod:`.records` (limits, provenance, top messages), :mod:`.names` (how a person reads
an account), :mod:`.pseudonyms` (the case's pseudonymiser), :mod:`.platforms` (the case per platform), :mod:`.groups` (each group's
central messages).
"""

from .case_analysis import STAGES, CaseAnalysis, analyse_case, government_role
from .content import Content, case_content
from .groups import group_messages
from .pseudonyms import pseudonymiser
from .names import Names, display_names
from .platforms import PlatformFacts, platform_facts
from .records import Provenance, RecordFacts, TopMessages, provenance, record_facts, top_messages

__all__ = [
    "STAGES", "CaseAnalysis", "Content", "Names", "PlatformFacts", "Provenance", "RecordFacts", "TopMessages", "analyse_case",
    "case_content", "display_names", "government_role", "group_messages", "platform_facts", "provenance", "pseudonymiser", "record_facts", "top_messages",
]
