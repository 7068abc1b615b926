"""Benchmark: format detection of a 1 GB twarc2 file takes under a second, in bounded memory.

    .venv/bin/python benchmarks/detection.py [--gb 1] [--keep]

Generates (once, in a temporary folder unless --keep puts it in benchmarks/data/) a twarc2
JSON Lines file of about ``--gb`` GB: the same search page of 100 tweets with expansions
(``includes.users``, ``includes.tweets``) on every line, each line ~0.5 MB, as ``twarc2
search`` writes them; and a pretty-printed v1.1 search response (one JSON document of
~40 MB whose top-level object ends only at its end). For each it runs, in a child process,
``civicnet.sources.detect`` and prints the format found, the seconds detection took and
the child's peak resident memory (``VmHWM``, since it was started), next to the peak of a
child that only imports civicnet (the memory of the interpreter and its libraries).

Results: benchmarks/RESULTS.md, "Detection".
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = HERE.parent / ".venv" / "bin" / "python"
CHILD = """
import sys, time
from civicnet import sources
t = time.perf_counter()
fmt = sources.detect(sources.SourceFile(sys.argv[1])) if len(sys.argv) > 1 else "-"
secs = time.perf_counter() - t
hwm = next(int(l.split()[1]) for l in open("/proc/self/status") if l.startswith("VmHWM:"))
print(fmt, secs, hwm / 1024)
"""


def _page(rng: random.Random, n: int) -> dict:
    users = [{"id": str(10_000 + u), "username": f"gebruiker_{u}", "name": f"Gebruiker {u}",
              "description": "Inwoner van Groningen. " * 4, "created_at": "2012-03-04T05:06:07.000Z",
              "public_metrics": {"followers_count": rng.randrange(5000), "following_count": rng.randrange(900),
                                 "tweet_count": rng.randrange(40000), "listed_count": 3}} for u in range(100)]
    tweets = []
    for i in range(100):
        tid = str(1_500_000_000_000_000_000 + n * 100 + i)
        author = users[rng.randrange(100)]["id"]
        mention = users[rng.randrange(100)]
        tweets.append({
            "id": tid, "author_id": author, "conversation_id": tid, "lang": "nl",
            "created_at": "2022-05-28T20:12:00.000Z", "edit_history_tweet_ids": [tid],
            "text": f"@{mention['username']} " + "De aardbeving was weer goed te voelen in Loppersum. " * 4,
            "entities": {"mentions": [{"start": 0, "end": 12, "username": mention["username"], "id": mention["id"]}],
                         "hashtags": [{"start": 40, "end": 51, "tag": "aardbeving"}]},
            "public_metrics": {"like_count": rng.randrange(50), "retweet_count": rng.randrange(20),
                               "reply_count": 1, "quote_count": 0},
            "context_annotations": [{"domain": {"id": "10", "name": "Person", "description": "x" * 80},
                                     "entity": {"id": "799022225751871488", "name": "Groningen"}}] * 3,
        })
    return {"data": tweets, "includes": {"users": users, "tweets": tweets[:20]},
            "meta": {"result_count": 100, "newest_id": tweets[0]["id"], "oldest_id": tweets[-1]["id"]},
            "__twarc": {"url": "https://api.twitter.com/2/tweets/search/recent?query=aardbeving",
                        "version": "2.14.0", "retrieved_at": "2022-05-28T20:15:00+00:00"}}


def twarc2_file(path: Path, gb: float) -> Path:
    rng = random.Random(2014)
    line = (json.dumps(_page(rng, 0), ensure_ascii=False) + "\n").encode("utf-8")
    count = int(gb * 1e9 // len(line)) + 1
    with open(path, "wb") as fh:
        for _ in range(count):
            fh.write(line)
    return path


def v1_search_document(path: Path, statuses: int = 40_000) -> Path:
    rng = random.Random(7)
    items = [{"created_at": "Sat May 28 20:12:00 +0000 2022", "id": 10**18 + i, "id_str": str(10**18 + i),
              "full_text": "Wat een klap weer in Loppersum! " * 4, "lang": "nl",
              "user": {"id": 10 + i % 900, "id_str": str(10 + i % 900), "screen_name": f"inwoner{i % 900}",
                       "name": "Inwoner", "followers_count": rng.randrange(999), "friends_count": 5,
                       "created_at": "Sun Feb 13 13:36:59 +0000 2011", "description": "Groningen " * 10},
              "entities": {"user_mentions": [], "hashtags": [{"text": "aardbeving", "indices": [0, 11]}]},
              "favorite_count": 1, "retweet_count": 0} for i in range(statuses)]
    path.write_text(json.dumps({"statuses": items, "search_metadata": {"count": statuses}}, indent=2))
    return path


def measure(path: Path | None) -> tuple[str, float, float]:
    """(format, detection seconds, the child's peak RSS in MB) of one detection."""
    proc = subprocess.run([str(PYTHON), "-c", CHILD] + ([str(path)] if path else []), capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(proc.stderr)
    fmt, secs, peak = proc.stdout.split()
    return fmt, float(secs), float(peak)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--gb", type=float, default=1.0)
    parser.add_argument("--keep", action="store_true", help="write the files to benchmarks/data/ and keep them")
    args = parser.parse_args()
    folder = HERE / "data" if args.keep else Path(tempfile.mkdtemp(prefix="civicnet-detect-"))
    folder.mkdir(exist_ok=True)
    files = [twarc2_file(folder / f"detect_twarc2_{args.gb:g}GB.jsonl", args.gb),
             v1_search_document(folder / "detect_v1_search_pretty.json")]
    _, _, base = measure(None)
    print(f"load average {os.getloadavg()[0]:.2f}; a child that only imports civicnet: {base:.0f} MB")
    print(f"{'file':40} {'size':>9} {'format':>11} {'detect s':>9} {'peak MB':>8} {'over base':>9}")
    for f in files:
        fmt, secs, peak = measure(f)
        print(f"{f.name:40} {f.stat().st_size / 1e6:8.0f}M {fmt:>11} {secs:9.3f} {peak:8.0f} {peak - base:9.0f}")
    if not args.keep:
        for f in files:
            f.unlink()
        folder.rmdir()


if __name__ == "__main__":
    main()
