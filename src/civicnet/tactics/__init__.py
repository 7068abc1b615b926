"""Government's role in a case: the report's tactics and strategies, measured the same way every time.

Each figure is a measure on a case's scope (:mod:`civicnet.store.scope`): call it with the
scope (``case_counts(scope)``), and it computes what it needs first, once per scope. Each
returns plain data shaped as CONTRACT.md's fields; docs/tactics.md documents every rule:

* :func:`messages` (:func:`all_messages`) — the scope table of the case's counted messages
  (context included) with ``is_gov`` and ``ident``, which the other measures query;
  :func:`period` — the case period;
* :func:`case_counts`, :func:`timeline` (:mod:`.counts`; likes and shares per message:
  :mod:`.engagement`), :func:`peaks`, :func:`peak_details` (:mod:`.peaks`, by prominence) —
  CONTRACT ``counts``, ``timeline``, ``peaks`` (and :func:`timeline_unit`,
  :func:`timeline_slots`: per hour for short cases; :func:`case_platforms`);
* :func:`question_list` — citizens' questions to government with their first answer;
* :func:`government_facts` — CONTRACT ``government`` (``.summary``) and the factsheet's
  evidence beyond it, with reach from the main network (:func:`reach_of`);
  :func:`government_summary`, :func:`government_details` — the same as plain dicts;
* :func:`messages_table` — messages.csv as an Arrow table (:func:`message_rows`: its rows spooled to a file);
* :func:`case_government`, :func:`suggest_government`, :func:`registry` — government
  accounts: case file plus shipped registry, and heuristic suggestions.
"""

from ._base import all_messages, messages, period
from .accounts import GovAccount, case_government, government, registry, suggest_government
from .answers import question_list
from .counts import case_counts, case_platforms, timeline, timeline_slots, timeline_unit
from .peaks import peak_details, peaks
from .government import (GovernmentFacts, GroupReach, government_details, government_facts, government_summary,
                         reach_of)
from .table import message_rows, messages_table

__all__ = [
    "GovAccount", "GovernmentFacts", "GroupReach", "all_messages", "case_counts", "case_government", "case_platforms",
    "government",
    "government_details", "government_facts", "government_summary", "messages", "message_rows", "messages_table", "peak_details",
    "peaks", "period", "question_list", "reach_of", "registry", "suggest_government", "timeline", "timeline_slots",
    "timeline_unit",
]
