"""``civicnet inbox CASE.yaml``: import the case, triage its inbox, write the files.

:func:`run_inbox` is the whole command as a library call; the CLI parses options,
calls it and prints :func:`summary_lines`.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from ..analysis import display_names, pseudonymiser
from ..case import Case, load_case
from ..store import Store, default_store_path, ingest_case
from .inbox import inbox, write_inbox
from .words import Words


def run_inbox(case_file, out_dir, *, routes=None, now: datetime | None = None, lang: str | None = None,
              pseudonymise: bool = False, store_path=None, model=None, progress=None,
              allow_outside: bool = False) -> dict:
    """Import the case (idempotent), triage its inbox and write ``inbox.csv``/``inbox.json``.

    ``case_file``: a case file's path, or a loaded :class:`~civicnet.case.Case`. ``allow_outside``: the case
    file may read sources outside its folder (:func:`~civicnet.case.load_case`).
    Returns ``{"rows", "csv", "json", "lang", "government", "who"}`` (``government``: the case file's
    government accounts, whose absence :func:`summary_lines` explains; ``who``: each row's account as a
    person reads it, by display name, for the printed queue — empty when pseudonymised).
    """
    case = case_file if isinstance(case_file, Case) else load_case(case_file, allow_outside=allow_outside)
    routes = Path(routes) if routes else None
    with Store(store_path or default_store_path(case.path)) as store:
        ingest_case(case, store, **({"progress": progress} if progress else {}))
        with store.case(case) as scope:
            label = pseudonymiser(scope) if pseudonymise else None
            people = display_names(scope)
            rows = inbox(scope, case, routes=routes, now=now, label=label, lang=lang, model=model,
                         names=lambda ident: people.text(ident, label))
    # the rows' accounts are the real identifiers unless pseudonymised; a pseudonym stays as it is
    who = {} if label is not None else {r["account"]: people.text(r["account"]) for r in rows if r["account"]}
    csv_path, json_path = write_inbox(rows, out_dir)
    return {"rows": rows, "csv": csv_path, "json": json_path, "lang": lang or case.language,
            "government": len(case.government), "who": who}


def summary_lines(result: dict, *, first: int = 20, quiet: bool = False) -> list[str]:
    """The lines the command prints: the first items with their reasons, then the totals."""
    words = Words(result["lang"])
    rows = result["rows"]
    lines = []
    if not quiet:
        who = result.get("who") or {}
        shown = rows[:first]
        cells = [(words.number(row["priority"]),
                  words.minutes(row["waiting_minutes"]) if row["waiting_minutes"] is not None else "—",
                  words.name(row["category"]), words.name(row["urgency"]), row["route"] or "",
                  words("sla_closed") if row["answered_by"] else words("sla_breached") if row["sla_breached"]
                  else (row["sla_due"] or "—")) for row in shown]
        # each column as wide as its widest cell among the lines shown (a category or route may be long)
        widths = [max((len(c[n]) for c in cells), default=0) for n in range(6)]
        for row, (priority, waiting, category, urgency, route, sla) in zip(shown, cells):
            text = " ".join((row["text"] or "").split())[:60]
            writer = who.get(row["account"]) or row["account"] or "?"
            lines.append(f"{priority:>{max(widths[0], 6)}}  {waiting:>{max(widths[1], 10)}}  {category:<{widths[2]}} "
                         f"{urgency:<{widths[3]}} {route:<{widths[4]}} {sla:<{widths[5]}} {writer}: {text}")
            lines.append(f"        {row['reason']}")
    opened = sum(1 for r in rows if not r["answered_by"])
    breached = sum(1 for r in rows if r["sla_breached"])
    lines.append(words("totals", n=len(rows), open=opened, breached=breached, answered=len(rows) - opened,
                       csv=result["csv"], json=result["json"]))
    if not rows and not result.get("government", 1):  # an empty inbox because nobody is government
        lines.append(words("no_government"))
    return lines
