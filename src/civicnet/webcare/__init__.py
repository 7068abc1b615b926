"""Webcare: triage the flood of citizen messages to government (METHOD.md §5–§6).

The report's closing chapter ("De aanpak van de overdaad van socialemediaberichten")
asks for software that registers incoming messages, separates the wheat from the
chaff, prioritises them, routes them to the right department or civil servant and
keeps a record, while civil servants answer within their guidelines. This package:

* :mod:`.intake` — which messages are addressed to government, and which are answered;
* :mod:`.model` — category and urgency by the trained model (shipped as JSON, numpy
  only) with safety rules; :mod:`.classify` (+ :mod:`.lexicon`) — the transparent rules
  whose cues explain each decision; :mod:`.train` and :mod:`.evaluate` train and score
  them (``civicnet inbox train``/``evaluate``, :mod:`.workflow`);
* :mod:`.routes` — the organisation's routing rules and service levels (ROUTES.yaml);
  :mod:`.organisation` — the shipped rules per kind of organisation;
* :mod:`.duplicates` — the same message from several accounts, one item;
* :mod:`.sla` — due times in clock or business hours, breaches;
* :mod:`.priority` — the score and its reasons;
* :mod:`.inbox` — the queue (``inbox.csv``/``inbox.json``); :mod:`.run` — the command;
* :mod:`.words` — what a reader reads, in Dutch and English;
* :mod:`.reply_check` — a draft answer checked against the civil-service guidelines.
"""

from .classify import CATEGORIES, URGENCIES, Classification, classify, classify_rules
from .inbox import COLUMNS, default_now, inbox, write_inbox
from .intake import thread
from .organisation import organisation_kind, shipped_routes
from .reply_check import RULES, HouseStyle, reply_check
from .routes import Routes, RoutesFileError, default_routes, load_routes
from .run import run_inbox

__all__ = [
    "CATEGORIES", "URGENCIES", "Classification", "classify", "classify_rules", "COLUMNS", "default_now", "inbox",
    "write_inbox", "thread", "organisation_kind", "shipped_routes", "RULES", "HouseStyle", "reply_check", "Routes",
    "RoutesFileError", "default_routes", "load_routes", "run_inbox",
]
