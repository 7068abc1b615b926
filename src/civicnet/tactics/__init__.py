"""Government's role in a case: the report's tactics and strategies, measured the same way every time.

Public API (each returns plain data shaped as CONTRACT.md's fields; docs/tactics.md
documents every rule):

* :func:`case_counts`, :func:`timeline`, :func:`peaks` — CONTRACT ``counts``,
  ``timeline``, ``peaks`` (and :func:`timeline_unit` for short cases, per hour);
* :func:`questions` — citizens' questions to government with their first answer;
* :func:`government_summary` — CONTRACT ``government``; :func:`government_details` —
  the factsheet's evidence beyond it;
* :func:`messages_table` — messages.csv as an Arrow table;
* :func:`comparison_table` — one row per case across cases (chapter 6);
* :func:`case_government`, :func:`suggest_government`, :func:`registry` — government
  accounts: case file plus shipped registry, and heuristic suggestions.
"""

from .accounts import GovAccount, case_government, registry, suggest_government
from .compare import comparison_table
from .counts import case_counts, peak_details, peaks, timeline, timeline_unit
from .government import government_details, government_summary
from .answers import questions
from .table import messages_table

__all__ = [
    "GovAccount", "case_counts", "case_government", "comparison_table", "government_details",
    "government_summary", "messages_table", "peak_details", "peaks", "questions", "registry",
    "suggest_government", "timeline", "timeline_unit",
]
