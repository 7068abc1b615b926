"""The webcare inbox: triage, routing, service levels and priority in one queue.

:func:`inbox` turns the case's citizen messages to government (:mod:`.intake`) into
the rows of CONTRACT.md's ``inbox.csv``/``inbox.json``, highest priority first::

    id, account, created_at, text, category, urgency, priority, route, reason,
    waiting_minutes, sla_due, sla_breached, answered_by

* ``category``/``urgency``: :func:`civicnet.webcare.classify.classify`;
* ``route``: the first rule of the routes file that fires, else its
  ``default_route`` (no routes file: ``webcare``); ``reason`` names the rule;
* ``waiting_minutes``: minutes the item waited for a first government answer — until
  that answer when answered, until ``now`` when still open (one decimal; None
  without an arrival time);
* ``sla_due``/``sla_breached``: :mod:`.sla`;
* ``priority``/``reason``: :mod:`.priority`; closed (answered) items score 0;
* ``answered_by``: the first government account that answered (:mod:`.intake`).

``now`` fixes the moment the queue is drawn up (default: the clock): messages written
after it have not arrived and answers after it do not count yet, so a past ``now``
replays the inbox as it stood then. The rows depend only on the store, the routes
file, the network summary and ``now``: rerunning gives the same file.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, timezone
from pathlib import Path

from ..case import Case
from ..labels import Labeller, identity
from ..store.db import Store
from ..text.stopwords import guess_language
from . import sla
from .classify import classify
from .intake import intake
from .priority import Position, fmt_minutes, repeats, score
from .routes import Routes, Rule, default_routes, load_routes

COLUMNS = ("id", "account", "created_at", "text", "category", "urgency", "priority", "route", "reason",
           "waiting_minutes", "sla_due", "sla_breached", "answered_by")


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    if value.tzinfo is not None:
        value = value.astimezone(timezone.utc).replace(tzinfo=None)
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def _language(item: dict) -> str | None:
    lang = (item.get("language") or "").lower()[:2]
    return lang if lang in ("nl", "en") else guess_language(item.get("text"))


def matches(rule: Rule, item: dict, routes: Routes) -> bool:
    """Whether every condition of ``rule`` holds for a classified item."""
    if rule.category is not None and item["category"] not in rule.category:
        return False
    if rule.urgency is not None and item["urgency"] not in rule.urgency:
        return False
    if rule.account is not None and (item.get("account") or "").lstrip("@").lower() not in rule.account:
        return False
    if rule.keywords is not None and not rule.keywords.search(item.get("text") or ""):
        return False
    if rule.language is not None and _language(item) not in rule.language:
        return False
    if rule.hours is not None:
        created = item.get("created_at")
        if created is None or routes.business_hours is None:
            return False
        inside = sla.in_business_hours(created, routes.business_hours)
        if inside != (rule.hours == "business"):
            return False
    return True


def route(item: dict, routes: Routes) -> tuple[str, str]:
    """(route, why) for a classified item: the first rule that fires, else the default."""
    for rule in routes.rules:
        if matches(rule, item, routes):
            return rule.route, f"rule '{rule.name}' → {rule.route}"
    return routes.default_route, f"no rule fired → default route {routes.default_route}"


def _waited(item: dict, now: datetime) -> float | None:
    created = _aware(item["created_at"])
    if created is None:
        return None
    end = _aware(item["answered_at"]) or now
    minutes = (end - created).total_seconds() / 60
    return round(minutes, 1) if minutes >= 0 else None


def _triage(item: dict, routes: Routes, now: datetime) -> dict:
    c = classify(item["text"], _language(item))
    item.update(category=c.category, urgency=c.urgency, cues=list(c.cues), urgency_cues=list(c.urgency_cues))
    hours, level = sla.target_hours(routes, c.category, c.urgency)
    due = sla.due(_aware(item["created_at"]), hours, c.urgency, routes)
    created = _aware(item["created_at"])
    allowed = (due - created).total_seconds() / 60 if due is not None and created is not None else None
    item.update(target_hours=hours, target_level=level, sla_due=due, allowed_minutes=allowed,
                sla_breached=sla.breached(due, _aware(item["answered_at"]), now),
                waiting_minutes=_waited(item, now))
    item["route"], item["route_reason"] = route(item, routes)
    return item


def _row(item: dict, priority: float, parts: list[str], label) -> dict:
    if item.get("answered_by") is not None:
        waited = item["waiting_minutes"]
        after = f" after {fmt_minutes(waited)}" if waited is not None else ""
        parts = [f"closed: answered by {label(item['answered_by'])}{after}"] + parts[:2]
        if item.get("sla_breached") is not None:
            parts.append("answer came after the target" if item["sla_breached"] else "answered within the target")
        priority = 0.0
    text = item["text"]
    return {
        "id": label.message_id(item["id"]), "account": label(item["account"]) if item["account"] else None,
        "created_at": _iso(item["created_at"]), "text": label.text(text) if text else text,
        "category": item["category"], "urgency": item["urgency"], "priority": priority, "route": item["route"],
        "reason": "; ".join(parts + [item["route_reason"]]), "waiting_minutes": item["waiting_minutes"],
        "sla_due": _iso(item["sla_due"]), "sla_breached": item["sla_breached"],
        "answered_by": label(item["answered_by"]) if item["answered_by"] else None,
    }


def inbox(store: Store, case: Case, *, routes: Path | Routes | None = None, now: datetime | None = None,
          network: dict | None = None, label: Labeller = identity) -> list[dict]:
    """The case's inbox rows (CONTRACT.md "Webcare outputs"), highest priority first.

    Parameters
    ----------
    store, case
        the store holding the case's records (ingested) and the case.
    routes
        a routes file (``ROUTES.yaml``, see :mod:`.routes`), an already loaded
        :class:`~.routes.Routes`, or None for the defaults (everything to ``webcare``).
        A broken file raises :class:`~.routes.RoutesFileError` (exit 1).
    now
        the moment the queue is drawn up (naive means UTC); default the clock.
    network
        optional network summary (summary.json ``networks.NAME``, plus ``bridges``
        and ``nodes`` where available) for the sender-position factors.
    label
        how identifiers, message ids and texts are shown (a :class:`civicnet.labels.Labeller`,
        :func:`civicnet.reports.pseudonym.labeller`); default :data:`~civicnet.labels.identity`.
    """
    if routes is None:
        routes = default_routes()
    elif not isinstance(routes, Routes):
        routes = load_routes(routes)
    now = _aware(now) or datetime.now(timezone.utc)
    items = [_triage(item, routes, now) for item in intake(store, case, now)]
    position = Position(network)
    same = repeats(items)
    scored = []
    for n, item in enumerate(items):
        priority, parts = score(item, position, same.get(n, 1))
        scored.append((item, _row(item, priority, parts, label)))
    scored.sort(key=lambda pair: (-pair[1]["priority"], pair[0]["created_at"] is None,
                                  pair[0]["created_at"] or datetime.min, pair[0]["platform"], pair[0]["id"]))
    return [row for _, row in scored]


def write_inbox(rows: list[dict], out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``inbox.csv`` and ``inbox.json`` (the same rows, in order) into ``out_dir``.

    CSV: empty cell for None, ``true``/``false`` for booleans. JSON: an array of row
    objects with nulls. Returns both paths.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = out / "inbox.csv", out / "inbox.json"
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(["" if row[c] is None else ("true" if row[c] is True else "false" if row[c] is False
                                                         else row[c]) for c in COLUMNS])
    json_path.write_text(json.dumps([{c: row[c] for c in COLUMNS} for row in rows], ensure_ascii=False, indent=1)
                         + "\n", encoding="utf-8")
    return csv_path, json_path
