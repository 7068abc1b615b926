"""The webcare inbox: triage, routing, service levels and priority in one queue.

:func:`inbox` turns the case's citizen messages to government (:mod:`.intake`) into
the rows of CONTRACT.md's ``inbox.csv``/``inbox.json``, highest priority first::

    id, account, created_at, text, category, urgency, priority, route, reason,
    waiting_minutes, sla_due, sla_breached, answered_by, accounts, name

* open near-duplicates (:mod:`.duplicates`: the same or nearly the same message from
  several accounts, not yet answered) are **one item**, to be answered once: the first
  message stands for the group and ``accounts`` lists every sender (in order of
  arrival); an answered message stays an item of its own (closed, with its answer);
* ``category``/``urgency``: the shipped model with its safety rules (:mod:`.model`),
  or the rules alone (``method="rules"``);
* ``route``: the first rule of the routes file that fires, else its ``default_route``;
  without a routes file the shipped rules of the case's kind of organisation
  (:mod:`.organisation`); ``reason`` names the rule and the set;
* ``waiting_minutes``: minutes the item waited for a first government answer — until
  that answer when answered, until ``now`` when still open (one decimal; None
  without an arrival time);
* ``sla_due``/``sla_breached``: :mod:`.sla`;
* ``priority``/``reason``: :mod:`.priority`, in the reader's language (:mod:`.words`);
  closed (answered) items score 0;
* ``answered_by``: the first government account that answered (:mod:`.intake`);
* ``name``: the writer (``account``) as a person reads it, as the reason names accounts (``names``:
  the display name with the handle beside it; the pseudonym under pseudonymisation; the identifier
  without ``names``): the identifiers stay in ``account``/``accounts`` for scripts.

``now`` fixes the moment the queue is drawn up (:func:`default_now` when not given):
messages written after it have not arrived and answers after it do not count yet, so
a past ``now`` replays the inbox as it stood then. The rows depend only on the store,
the routes, the model, the network summary and ``now``: rerunning gives the same file.
"""

from __future__ import annotations

import csv
import json
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Callable

from ..case import Case
from ..labels import Labeller, identity, shown
from ..store.db import Store
from ..store.views import use_case
from ..text.stopwords import guess_language
from . import sla
from .classify import classify_rules
from .duplicates import groups
from .intake import intake
from .organisation import organisation_kind, shipped_routes
from .priority import Position, score
from .routes import Routes, Rule, load_routes
from .words import Words

COLUMNS = ("id", "account", "created_at", "text", "category", "urgency", "priority", "route", "reason",
           "waiting_minutes", "sla_due", "sla_breached", "answered_by", "accounts", "name")


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


def route(item: dict, routes: Routes, words: Words | None = None) -> tuple[str, str]:
    """(route, why) for a classified item: the first rule that fires, else the default."""
    words = words or Words("en")
    for rule in routes.rules:
        if matches(rule, item, routes):
            return rule.route, words("rule", rule=rule.name, route=rule.route)
    return routes.default_route, words("default_route", route=routes.default_route)


def _waited(item: dict, now: datetime) -> float | None:
    created = _aware(item["created_at"])
    if created is None:
        return None
    end = _aware(item["answered_at"]) or now
    minutes = (end - created).total_seconds() / 60
    return round(minutes, 1) if minutes >= 0 else None


def _triage(item: dict, c, routes: Routes, now: datetime, words: Words) -> dict:
    item.update(category=c.category, urgency=c.urgency, cues=list(c.cues), urgency_cues=list(c.urgency_cues),
                probability=c.probability)
    hours, level = sla.target_hours(routes, c.category, c.urgency)
    created = _aware(item["created_at"])
    due = sla.due(created, hours, c.urgency, routes)
    allowed = (due - created).total_seconds() / 60 if due is not None and created is not None else None
    item.update(target_hours=hours, target_level=level, sla_due=due, allowed_minutes=allowed,
                sla_breached=sla.breached(due, _aware(item["answered_at"]), now),
                waiting_minutes=_waited(item, now))
    item["route"], item["route_reason"] = route(item, routes, words)
    return item


def _row(item: dict, priority: float, parts: list[str], label, words: Words, route_set: str, said=None) -> dict:
    if item.get("answered_by") is not None:
        waited = item["waiting_minutes"]
        after = words("after", waited=words.minutes(waited)) if waited is not None else ""
        parts = [words("closed", who=(said or label)(item["answered_by"]), after=after)] + parts[:2]
        if item.get("sla_breached") is not None:
            parts.append(words("late") if item["sla_breached"] else words("in_time"))
        priority = 0.0
    text = item["text"]
    return {
        "id": label.message_id(item["id"]), "account": label(item["account"]) if item["account"] else None,
        "created_at": _iso(item["created_at"]), "text": label.text(text) if text else text,
        "category": item["category"], "urgency": item["urgency"], "priority": priority, "route": item["route"],
        "reason": _reason(parts + [item["route_reason"], route_set], label.text), "waiting_minutes": item["waiting_minutes"],
        "sla_due": _iso(item["sla_due"]), "sla_breached": item["sla_breached"],
        "answered_by": label(item["answered_by"]) if item["answered_by"] else None,
        "accounts": [label(a) for a in item["accounts"]],
        "name": (said or label)(item["account"]) if item["account"] else None,
    }


def _reason(parts: list[str], text_label) -> str:
    """The reason; under pseudonymisation the cues quoted from the text are masked as the text is."""
    reason = "; ".join(parts)
    return text_label(reason) if text_label else reason


def default_now(store: Store, case: Case, today: datetime | None = None) -> datetime:
    """"Now" when none is given (CONTRACT.md): the present for a case whose period is open or
    ends today or later; the end of the period (midnight after its last day, UTC) for a case in
    the past; without any period, the case's last message (the present when it has none)."""
    present = _aware(today) or datetime.now(timezone.utc)
    if case.period_end is not None:
        if case.period_end >= present.date():
            return present
        return datetime.combine(case.period_end + timedelta(days=1), time(0), timezone.utc)
    if case.period_start is not None:
        return present
    use_case(store, case.id)
    last = store.sql("SELECT max(created_at) FROM case_messages")[0][0]
    return min(_aware(last), present) if last is not None else present


def _routes(case: Case, routes, words: Words) -> tuple[Routes, str]:
    """The routes and the sentence saying which set applies."""
    if isinstance(routes, Routes):
        return routes, words("routes_file", file=routes.source or routes.organisation or "")
    if routes is not None:
        loaded = load_routes(routes)
        return loaded, words("routes_file", file=Path(routes).name)
    kind, how = organisation_kind(case)
    how = (words("how_case", value=case.organisation) if case.organisation else
           words("how_accounts") if kind != "general" else words("how_none"))
    return shipped_routes(kind), words("set", rules=words("shipped"), kind=words(f"kind_{kind}"), how=how)


def _merge(items: list[dict]) -> list[dict]:
    """One item per group of open near-duplicates (module docstring), in order of arrival.

    Answered messages stay items of their own (closed, each with its answer and response
    time: the record); the open ones that say the same thing become one item to answer once.
    """
    open_items = [i for i in items if i.get("answered_by") is None]
    heads: dict[int, dict] = {}
    for item, head in zip(open_items, groups([i["text"] for i in open_items])):
        merged = heads.setdefault(head, {**item, "accounts": [], "members": []})
        merged["members"].append(item["id"])
        if item["account"] and item["account"] not in merged["accounts"]:
            merged["accounts"].append(item["account"])
    closed = [{**i, "accounts": [i["account"]] if i["account"] else [], "members": [i["id"]]}
              for i in items if i.get("answered_by") is not None]
    return sorted([*heads.values(), *closed], key=lambda i: (i["created_at"] is None, i["created_at"] or datetime.min,
                                                             i["platform"], i["id"]))


def inbox(store: Store, case: Case, *, routes: Path | Routes | None = None, now: datetime | None = None,
          network: dict | None = None, label: Labeller | None = identity, lang: str | None = None,
          method: str = "model", model=None, names: Callable[[str], str] | None = None) -> list[dict]:
    """The case's inbox rows (CONTRACT.md "Webcare outputs"), highest priority first.

    Parameters
    ----------
    store, case
        the store holding the case's records (ingested) and the case.
    routes
        a routes file (``ROUTES.yaml``, see :mod:`.routes`), an already loaded
        :class:`~.routes.Routes`, or None for the shipped rules of the case's kind of
        organisation (:mod:`.organisation`). A broken file raises
        :class:`~.routes.RoutesFileError` (exit 1).
    now
        the moment the queue is drawn up (naive means UTC); default :func:`default_now`.
    network
        optional network summary (summary.json ``networks.NAME``, plus ``bridges``
        and ``nodes`` where available) for the sender-position factors.
    label
        how identifiers, message ids and texts are shown (a :class:`civicnet.labels.Labeller`,
        :func:`civicnet.reports.pseudonym.labeller`); None or :data:`~civicnet.labels.identity`: as they are.
    lang
        language of ``reason`` (``nl``/``en``); default the case's language.
    method, model
        ``"model"`` (default: the shipped model, or ``model``: an
        :class:`~.model.InboxModel` or a model file) or ``"rules"``.
    names
        optional: how the ``reason`` names an account (real identifier -> what a person reads,
        e.g. its display name with the handle: :meth:`civicnet.analysis.names.Names.text`);
        default the identifier as ``label`` shows it. The columns keep the identifiers.
    """
    label = shown(label)
    words = Words(lang or case.language)
    routes, route_set = _routes(case, routes, words)
    now = _aware(now) or default_now(store, case)
    items = _merge(intake(store, case, now))
    languages = [_language(i) for i in items]
    texts = [i["text"] for i in items]
    if method == "rules":
        found = [classify_rules(t, lang_) for t, lang_ in zip(texts, languages)]
    else:
        from .model import default_model, load

        chosen = load(model) if isinstance(model, (str, Path)) else (model or default_model())
        found = chosen.classify(texts, languages)
    position = Position(network)
    scored = []
    for item, c in zip(items, found):
        _triage(item, c, routes, now, words)
        said = names or label
        priority, parts = score(item, position, words, [said(a) for a in item["accounts"]],
                                [label.message_id(m) for m in item["members"]])
        scored.append((item, _row(item, priority, parts, label, words, route_set, said)))
    scored.sort(key=lambda pair: (-pair[1]["priority"], pair[0]["created_at"] is None,
                                  pair[0]["created_at"] or datetime.min, pair[0]["platform"], pair[0]["id"]))
    return [row for _, row in scored]


def _cell(value) -> str:
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return value


def write_inbox(rows: list[dict], out_dir: str | Path) -> tuple[Path, Path]:
    """Write ``inbox.csv`` and ``inbox.json`` (the same rows, in order) into ``out_dir``.

    CSV: empty cell for None, ``true``/``false`` for booleans, ``accounts`` joined by
    ``;``. JSON: an array of row objects with nulls. Returns both paths.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = out / "inbox.csv", out / "inbox.json"
    with open(csv_path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_cell(row[c]) for c in COLUMNS])
    json_path.write_text(json.dumps([{c: row[c] for c in COLUMNS} for row in rows], ensure_ascii=False, indent=1)
                         + "\n", encoding="utf-8")
    return csv_path, json_path
