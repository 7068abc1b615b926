"""Webcare: triage the flood of citizen messages to government (METHOD.md §5–§6).

The report's closing chapter ("De aanpak van de overdaad van socialemediaberichten")
asks for software that registers incoming messages, separates the wheat from the
chaff, prioritises them, routes them to the right department or civil servant and
keeps a record, while civil servants answer within their guidelines. This package:

* :mod:`.intake` — which messages are addressed to government, and which are answered;
* :mod:`.classify` (+ :mod:`.lexicon`) — category and urgency, by transparent rules;
  :mod:`.evaluate` measures them on a labelled set;
* :mod:`.routes` — the organisation's routing rules and service levels (ROUTES.yaml);
* :mod:`.sla` — due times in clock or business hours, breaches;
* :mod:`.priority` — the score and its reasons;
* :mod:`.inbox` — the queue (``inbox.csv``/``inbox.json``);
* :mod:`.reply_check` — a draft answer checked against the civil-service guidelines.
"""

from .classify import CATEGORIES, URGENCIES, Classification, classify
from .inbox import COLUMNS, inbox, write_inbox
from .intake import thread
from .reply_check import RULES, HouseStyle, reply_check
from .routes import Routes, RoutesFileError, default_routes, load_routes

__all__ = [
    "CATEGORIES", "URGENCIES", "Classification", "classify", "COLUMNS", "inbox", "write_inbox", "thread",
    "RULES", "HouseStyle", "reply_check", "Routes", "RoutesFileError", "default_routes", "load_routes",
]
