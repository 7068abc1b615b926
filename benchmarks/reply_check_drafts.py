"""The reply check on the generated drafts of tests/webcare/_drafts.py: precision and recall per rule.

    python benchmarks/reply_check_drafts.py                 # print the table
    python benchmarks/reply_check_drafts.py --write docs/webcare.md   # between its reply-check-drafts markers

Fast (a fraction of a second); `make models` runs it with --write.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "webcare"))

import _drafts as D  # noqa: E402

from civicnet.text.scoring import replace_section  # noqa: E402
from civicnet.webcare import RULES, reply_check  # noqa: E402


def table() -> str:
    stats = D.measure(reply_check)
    lines = [f"{len(D.drafts())} drafts (seed {D.SEED}); a rule counts once per draft.", "",
             "| rule | drafts with it planted | found | missed | false alarms | precision | recall |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for rule in RULES:
        s = stats.get(rule)
        if s is None:
            continue
        p = f"{s['precision']:.2f}" if s["precision"] is not None else "–"
        r = f"{s['recall']:.2f}" if s["recall"] is not None else "–"
        lines.append(f"| `{rule}` | {s['support']} | {s['tp']} | {s['fn']} | {s['fp']} | {p} | {r} |")
    held = D.held_out(reply_check)
    lines += ["", "Held-out sentences (`HELD_OUT`, framed as `Dank voor uw bericht. … ^PK`): "
              + "; ".join(f"`{rule}` {v['found']} of {v['planted']} found, {v['false_alarms']} false alarms on "
                          f"{v['negatives']} look-alikes" for rule, v in held.items()) + "."]
    missed = [s for v in held.values() for s in v["missed"]]
    if missed:
        lines.append("Missed: " + "; ".join(f"*{s}*" for s in missed) + ".")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, help="Markdown document with reply-check-drafts markers")
    args = parser.parse_args()
    text = table()
    if args.write:
        replace_section(args.write, "reply-check-drafts", text)
    print(text, end="")


if __name__ == "__main__":
    main()
