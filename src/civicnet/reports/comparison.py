"""One table across cases: the report's chapter 6 comparison, a pure function of the analyses.

:func:`comparison_table` takes the :class:`~civicnet.analysis.CaseAnalysis` of several cases
and returns one flat row per case, in the order given, with plain machine-readable values
(codes, numbers, shares 0–1, ISO dates): what ``comparison.csv`` holds (:func:`write_comparison_csv`).
:func:`comparison_html` shows the same rows as a person compares the cases, the way the report's
chapter 6 reads: a few columns, each a tactic (who spoke, what, when, whom it reached, whether it
answered), percentages and translated labels.

CSV columns (docs/tactics.md "Cross-case comparison"): ``case, title, level, platforms,
period_start, period_end, messages, participants, government_messages, government_share,
government_accounts, sender_pattern, main_type, main_timing, proactive, active, reactive, peaks,
communities, reached_communities, questions_received, questions_answered, answer_rate,
median_response_minutes, posts_to_page, posts_to_page_answered, interaction,
government_reply_share, goal, ladder_rung``.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import TYPE_CHECKING

import jinja2

from .. import __version__
from ..text.typology import TYPES
from .i18n import Catalogue
from .summary import case_block

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

COLUMNS = (
    "case", "title", "level", "platforms", "period_start", "period_end", "messages", "participants",
    "government_messages", "government_share", "government_accounts", "sender_pattern", "main_type", "main_timing",
    "proactive", "active", "reactive", "peaks", "communities", "reached_communities", "questions_received",
    "questions_answered", "answer_rate", "median_response_minutes", "posts_to_page", "posts_to_page_answered",
    "interaction", "government_reply_share", "goal", "ladder_rung",
)


def _main(counts: dict, order: tuple[str, ...]) -> str | None:
    present = [(n, -order.index(k), k) for k, n in counts.items() if n and k in order]
    return max(present)[2] if present else None


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def comparison_row(a: "CaseAnalysis") -> dict:
    """One case's row (module docstring): machine-readable values."""
    gov, counts = a.government.summary, a.counts
    timing = gov["timing"]
    reached, unreached = gov["reached_communities"], gov["unreached_communities"]
    received, answered = gov["questions_received"], gov["questions_answered"]
    days = a.timeline
    period = case_block(a.case, days[0]["date"] if days else None, days[-1]["date"] if days else None)["period"]
    strategy, interaction, page = a.government.strategy, a.government.interaction, a.government.page_posts or {}
    return {
        "case": a.case.id, "title": a.case.title, "level": a.case.level, "platforms": ";".join(a.platforms),
        "period_start": period["start"], "period_end": period["end"],
        "messages": counts["messages"], "participants": counts["participants"],
        "government_messages": counts["government_messages"],
        "government_share": _share(counts["government_messages"], counts["messages"]),
        "government_accounts": sum(1 for g in gov["accounts"] if g["messages"]),
        "sender_pattern": gov["sender_pattern"],
        "main_type": _main(gov["message_types"], (*TYPES, "none")),
        "main_timing": _main(timing, ("proactive", "active", "reactive")),
        "proactive": timing["proactive"], "active": timing["active"], "reactive": timing["reactive"],
        "peaks": len(a.peaks), "communities": len(reached) + len(unreached), "reached_communities": len(reached),
        "questions_received": received, "questions_answered": answered, "answer_rate": _share(answered, received),
        "median_response_minutes": gov["median_response_minutes"],
        "posts_to_page": page.get("received", 0), "posts_to_page_answered": page.get("answered", 0),
        "interaction": interaction.get("mode"), "government_reply_share": interaction.get("government_reply_share"),
        "goal": (strategy.get("goals") or {}).get("main"), "ladder_rung": strategy["ladder"]["rung"],
    }


def comparison_table(analyses: list["CaseAnalysis"]) -> list[dict]:
    """One row per case (module docstring), in the order given."""
    return [comparison_row(a) for a in analyses]


def write_comparison_csv(path: Path, rows: list[dict]) -> None:
    """The comparison as CSV: the machine-readable columns, a header even without rows."""
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(COLUMNS))
        writer.writeheader()
        for row in rows:
            writer.writerow({k: "" if row.get(k) is None else row[k] for k in COLUMNS})


def readable_rows(rows: list[dict], lang: str) -> list[dict]:
    """The rows as a person reads them: translated labels, formatted figures (one dict per case)."""
    t = Catalogue(lang)
    out = []
    for r in rows:
        platforms = [t.code("platform", p) for p in (r["platforms"] or "").split(";") if p]
        answers = (t("cmp_answers_value", answered=t.number(r["questions_answered"]),
                     received=t.number(r["questions_received"]), rate=t.percent(r["answer_rate"]))
                   if r["questions_received"] else t("none"))
        out.append({
            "case": r["case"], "title": r["title"], "level": t.code("level", r["level"], ""),
            "platforms": ", ".join(platforms), "period": t.period(r["period_start"], r["period_end"]),
            "messages": t.number(r["messages"]), "participants": t.number(r["participants"]),
            "government_share": t.percent(r["government_share"]),
            "sender_pattern": t.code("pattern", r["sender_pattern"]),
            "main_type": t.code("type", r["main_type"], t("none")),
            "main_timing": t.code("timing", r["main_timing"], t("none")),
            "peaks": t.number(r["peaks"]),
            "reach": (t("cmp_reach_value", reached=t.number(r["reached_communities"]), total=t.number(r["communities"]))
                      if r["communities"] else t.na()),
            "answers": answers, "response": t.duration(r["median_response_minutes"]),
            "interaction": t.code("mode", r["interaction"], t.na()),
            "ladder": t.code("rung", r["ladder_rung"], t("none")),
        })
    return out


#: The columns of the comparison a person reads, in order (catalogue ``cmp_<key>``).
READABLE = ("messages", "participants", "government_share", "sender_pattern", "main_type", "main_timing", "peaks",
            "reach", "answers", "response", "interaction", "ladder")


def comparison_html(rows: list[dict], lang: str, *, links: dict[str, str] | None = None) -> str:
    """comparison.html: the rows as a person compares them (``links``: case id -> its factsheet)."""
    env = jinja2.Environment(loader=jinja2.PackageLoader("civicnet.reports", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    return env.get_template("comparison.html.j2").render(
        lang=lang, t=Catalogue(lang), version=__version__, rows=readable_rows(rows, lang), columns=READABLE,
        links=links or {})
