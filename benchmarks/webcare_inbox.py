"""Benchmark: triage a day's inbox of N citizen messages (default 10,000).

Writes a twarc2 file of N tweets addressed to @gemeentevb (each text two sentences of
the labelled webcare set and a street, so texts differ as a real day's do; one in ten
repeats another message from another account; one in five is answered by a government
reply), ingests it, and times ``civicnet.webcare.inbox`` with the shipped model and the
shipped municipal routes (no routes file), and — the baseline in the same run — with
the rules alone (``method="rules"``). Prints both times (wall and this process's CPU,
which a busy shared machine disturbs less) and their ratio in CPU time.

    .venv/bin/python benchmarks/webcare_inbox.py [N]
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from civicnet.case import load_case
from civicnet.store import Store, ingest_case
from civicnet.webcare import inbox
from civicnet.webcare.evaluate import load_labelled

STREETS = ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsplein", "Beukenlaan", "Marktplein", "Schoolstraat",
           "Julianalaan", "Nieuwstraat", "Havenkade", "Parkweg", "Lindenlaan"]


def _text(texts: list[str], rng: random.Random) -> str:
    first, second = rng.choice(texts).split(" ", 1)[-1], rng.choice(texts).split(" ", 1)[-1]
    return f"{first} {second.split('.')[0]}. ({rng.choice(STREETS)} {rng.randrange(1, 200)})"


def tweets(n: int, rng: random.Random) -> list[dict]:
    texts = [r["text"] for r in load_labelled("dev") + load_labelled("test")]
    start = datetime(2014, 3, 3, 0, 0, tzinfo=timezone.utc)
    out: list[dict] = []
    for i in range(n):
        when = start + timedelta(seconds=rng.randrange(86400))
        tid, uid = str(10_000_000 + i), str(1000 + rng.randrange(n // 2))
        repeat = out and rng.random() < 0.1
        text = rng.choice([t for t in out[-50:] if t["author_id"] != "900"])["text"] if repeat else "@gemeentevb " + _text(texts, rng)
        out.append({"id": tid, "author_id": uid, "created_at": when.strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                    "text": text, "conversation_id": tid,
                    "entities": {"mentions": [{"start": 0, "end": 12, "username": "gemeentevb", "id": "900"}]}})
        if rng.random() < 0.2:
            out.append({"id": tid + "9", "author_id": "900", "text": "Dank voor uw bericht. ^PK", "conversation_id": tid,
                        "created_at": (when + timedelta(minutes=rng.randrange(5, 300))).strftime("%Y-%m-%dT%H:%M:%S.000Z"),
                        "referenced_tweets": [{"type": "replied_to", "id": tid}], "in_reply_to_user_id": uid})
    return out


def main(n: int = 10_000) -> None:
    rng = random.Random(7)
    tmp = Path(tempfile.mkdtemp())
    data = tweets(n, rng)
    users = [{"id": "900", "username": "gemeentevb"}] + [{"id": str(1000 + k), "username": f"burger{k}"} for k in range(n // 2)]
    with open(tmp / "day.jsonl", "w", encoding="utf-8") as fh:
        for k in range(0, len(data), 500):
            fh.write(json.dumps({"data": data[k:k + 500], "includes": {"users": users if k == 0 else []},
                                 "__twarc": {"url": "https://api.twitter.com/2/tweets/search/recent"}}) + "\n")
    (tmp / "case.yaml").write_text("id: bench\ntitle: bench\nsources: [{format: twitter-v2, path: day.jsonl}]\n"
                                   "government: [{handle: gemeentevb}]\n", encoding="utf-8")
    case = load_case(tmp / "case.yaml")
    store = Store(tmp / "store.duckdb")
    t = time.perf_counter()
    ingest_case(case, store)
    ingested = time.perf_counter() - t
    now = datetime(2014, 3, 4, tzinfo=timezone.utc)
    times, cpu = {}, {}
    for method in ("rules", "model"):
        t, c = time.perf_counter(), time.process_time()
        rows = inbox(store, case, now=now, method=method)
        times[method], cpu[method] = time.perf_counter() - t, time.process_time() - c
    answered = sum(r["answered_by"] is not None for r in rows)
    grouped = sum(len(r["accounts"]) > 1 for r in rows)
    print(f"{n} messages, {len(rows)} inbox items ({grouped} with several accounts, {answered} answered): "
          f"ingest {ingested:.1f} s, triage with the model {times['model']:.1f} s wall ({cpu['model']:.1f} s CPU), "
          f"with the rules alone {times['rules']:.1f} s wall ({cpu['rules']:.1f} s CPU, the baseline); "
          f"model/rules {cpu['model'] / cpu['rules']:.2f} in CPU time")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
