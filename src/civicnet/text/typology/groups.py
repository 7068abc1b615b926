"""The evaluation per group of messages (``civicnet typology evaluate --by COLUMN``).

A column of the split file (or of the labels file) puts each message in a group — in
``datasets/typology/ids.csv`` the ``batch`` it was coded in or its ``author_kind``
(government, police, politician) — and :func:`~.evaluate.evaluate` is run on the scored
messages of each group in turn. Every group is scored against the same training rows
(the majority baseline's label set comes from all of them), so a group's figures are
the overall evaluation restricted to its messages. ``join`` counts several values as one
group (``government+police``).
"""

from __future__ import annotations

from collections.abc import Sequence

from civicnet.errors import InputError
from civicnet.text import scoring
from civicnet.text.labelled import read_csv
from civicnet.text.typology.evaluate import METHODS, evaluate
from civicnet.text.typology.rules import TYPES


def read_groups(path, column: str, join: Sequence[str] = ()) -> dict[str, str]:
    """``{id: group}`` from ``column`` of the CSV at ``path``; the values of a ``join`` item
    (``"government+police"``) become that one group."""
    merged = {value: name for name in join for value in name.split("+")}
    groups = {}
    for number, row in enumerate(read_csv(path, ("id", column)), start=2):
        value = (row[column] or "").strip()
        if not value:
            raise InputError(f"{path} (line {number}): empty {column}; give every message a {column}")
        groups[(row["id"] or "").strip()] = merged.get(value, value)
    return groups


def evaluate_groups(rows: Sequence[dict], groups: dict[str, str], *, source: str = "", language: str | None = "nl",
                    model=None, methods: Sequence[str] = METHODS, on: str = "test") -> dict[str, dict]:
    """:func:`~.evaluate.evaluate` on the ``on`` split of each group: ``{group: report}``, groups sorted.

    Raises
    ------
    InputError
        A scored row whose id has no group in ``groups`` (``source`` names that file).
    """
    rows = list(rows)
    has_split = any(r.get("split") for r in rows)
    scored = [r for r in rows if r.get("split") == on] if has_split else rows
    missing = next((r["id"] for r in scored if r["id"] not in groups), None)
    if missing is not None:
        raise InputError(f"{source or 'groups'}: id {missing!r} has no group; add it to that file")
    return {name: evaluate(rows, language=language, model=model, methods=methods, on=on,
                           scored_ids={r["id"] for r in scored if groups[r["id"]] == name})
            for name in sorted({groups[r["id"]] for r in scored})}


def groups_lines(reports: dict[str, dict], column: str) -> list[str]:
    """Plain text: per group its size and macro-F1 of each method (for the CLI to print)."""
    lines = [f"per {column} ({next(iter(reports.values()))['scored'] if reports else 'no messages'}):"]
    for name, report in reports.items():
        scores = ", ".join(f"{m} {s['macro_f1']:.3f}" for m, s in report["methods"].items())
        lines.append(f"  {name}: {report['n']} messages; macro-F1 {scores}")
    return lines


def groups_markdown(reports: dict[str, dict], column: str, data: str = "") -> str:
    """The tables per group as Markdown for docs/typology.md (between its markers)."""
    scored = next(iter(reports.values()))["scored"] if reports else "no messages"
    out = [f"Data: {data}; {scored}, per `{column}`" + (" (" + ", ".join(
        f"{name} {r['n']}" for name, r in reports.items()) + " messages)." if reports else ".")]
    for name, report in reports.items():
        out += ["", f"**{column} {name}** ({report['n']} messages), F1 per type; macro-F1 with its 95 % "
                    "bootstrap interval:", "", scoring.methods_table(report["methods"], TYPES)]
    return "\n".join(out) + "\n"
