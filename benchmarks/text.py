"""Tokenising benchmark: civicnet.text.count_terms against a plain str.split count.

Usage::

    .venv/bin/python benchmarks/text.py [N_MESSAGES]

Builds N (default 1,000,000) Dutch/English social-media messages in memory from a
seeded generator (templates of government and citizen messages with URLs, @handles,
#hashtags, emoji and HTML entities), then times in the same run

1. the baseline: ``Counter(word for text in texts for word in text.split())``
   (no lower-casing, no URL, stop-word or noise handling);
2. ``count_terms(texts, "nl", engine="python")``: one compiled ``re`` pattern over
   joined batches, one process;
3. ``count_terms(texts, "nl", engine="duckdb")`` (the default for large inputs): the
   same pattern in DuckDB's RE2, on all cores DuckDB is given.

and prints messages per second for each. Run it on an otherwise idle machine.
"""

from __future__ import annotations

import os
import random
import sys
import time
from collections import Counter

from civicnet.text.tokenize import count_terms

TEMPLATES = [
    "RT @{h}: Let op! Vanavond is de {p} afgesloten voor werkzaamheden. Meer info: https://t.co/{u} #{t}",
    "@{h} Bedankt voor je melding. We hebben het doorgegeven aan de afdeling wegen ^AB",
    "Doe mee met de opschoondag in {p}! Meld je aan via https://www.deventer.nl/{u} &amp; help je buurt 💪",
    "Waarom duurt het zo lang voordat de {p} weer open is @{h}?? Dit is echt belachelijk #{t}",
    "Rustige nacht, ook wel eens lekker 😴 Straks cursus, zin in!",
    "Staatssecretaris Dekker opent vandaag de nieuwe school in {p}. Lees meer: https://t.co/{u}",
    "The bridge at {p} is open again. Thanks for your patience! via @{h}",
    "Het bericht dat de {p} een week dicht gaat klopt niet. Alleen dit weekend. #{t} #{t}2",
]
HANDLES = ["gemeenteDeventer", "Rijkswaterstaat", "wijkagentLisse", "politie", "ministerieOCW", "jan_de_vries"]
PLACES = ["A28", "Heereweg", "N201", "Brink", "Zwolle", "Lisse", "Kerkstraat"]
TAGS = ["Deventer", "A28", "blt020", "Lisse", "opschoondag", "werkzaamheden"]


def messages(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        template = TEMPLATES[rng.randrange(len(TEMPLATES))]
        out.append(template.format(h=rng.choice(HANDLES), p=rng.choice(PLACES), t=rng.choice(TAGS), u=f"x{i % 9973}"))
    return out


def timed(label: str, fn, n: int) -> float:
    start = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - start
    rate = n / seconds
    print(f"{label:<44} {seconds:8.2f} s  {rate:>12,.0f} messages/s  ({len(result):,} distinct terms)")
    return rate


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv and not argv[0].startswith("-") else 1_000_000
    texts = messages(n)
    chars = sum(map(len, texts))
    print(f"{n:,} messages, {chars / n:.0f} characters on average")
    base = timed("baseline: Counter(str.split)", lambda: Counter(w for t in texts for w in t.split()), n)
    py = timed("count_terms(engine='python')", lambda: count_terms(texts, "nl", engine="python"), n)
    db = timed("count_terms(engine='duckdb')", lambda: count_terms(texts, "nl", engine="duckdb"), n)
    print(f"relative to the str.split baseline: python engine {py / base:.2f}x, duckdb engine {db / base:.2f}x")
    print(f"cores available: {os.cpu_count()}")


if __name__ == "__main__":
    main(sys.argv[1:])
