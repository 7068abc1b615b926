"""Generate a realistic twarc2 JSON Lines file for benchmarks (seeded, reproducible).

Each line is one API v2 search page as ``twarc2 search`` writes it: 100 tweets in
``data`` (originals, retweets, replies, quotes; Dutch-ish texts with @mentions,
hashtags and links), ``includes.users`` (authors, mentioned and referenced accounts)
and ``includes.tweets`` (the referenced tweets), ``meta`` and ``__twarc``.

Usage: ``python benchmarks/generate_twarc2.py N [--out PATH] [--seed S]``; the
default output is ``benchmarks/data/twarc2_N.jsonl`` (gitignored).
"""

from __future__ import annotations

import argparse
import json
import random
from datetime import datetime, timedelta, timezone
from pathlib import Path

WORDS = (
    "de het een en van in op te dat is voor met niet zijn er aan ook als bij nog maar om wijk "
    "gemeente politie buurt vandaag morgen straat verkeer melding dank vraag hulp brand afval "
    "parkeren fiets school raad wethouder burgemeester overlast veilig samen goed mooi weer"
).split()
TAGS = ["wijkagent", "gemeente", "veiligheid", "verkeer", "buurt", "112", "raad", "afval"]
SOURCES = ["Twitter for Android", "Twitter for iPhone", "Twitter Web App", "TweetDeck"]
URL = ("https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Cin_reply_to_user_id%2C"
       "referenced_tweets.id%2Creferenced_tweets.id.author_id%2Centities.mentions.username"
       "&tweet.fields=author_id%2Cconversation_id%2Ccreated_at%2Centities%2Cid%2Cin_reply_to_user_id"
       "%2Clang%2Cpublic_metrics%2Ctext%2Creferenced_tweets%2Creply_settings%2Csource&max_results=100")
START = datetime(2021, 3, 1, tzinfo=timezone.utc)


def iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.000Z")


class Generator:
    """Draws accounts and tweets from one seeded random stream."""

    def __init__(self, n_accounts: int, seed: int):
        self.rng = random.Random(seed)
        self.users = [self._user(i) for i in range(n_accounts)]
        self.by_id = {u["id"]: u for u in self.users}
        self.next_id = 1_370_000_000_000_000_000

    def _user(self, i: int) -> dict:
        r = self.rng
        handle = f"{r.choice(WORDS)}_{r.choice(WORDS)}{i}"
        return {
            "id": str(10_000_000 + i * 7919), "username": handle, "name": handle.replace("_", " ").title(),
            "created_at": iso(START - timedelta(days=r.randint(30, 4000))),
            "description": " ".join(r.choices(WORDS, k=r.randint(0, 16))), "verified": r.random() < 0.02,
            "protected": False, "location": r.choice(["Lisse", "Leiden", "Utrecht", "", "Nederland"]),
            "profile_image_url": f"https://pbs.twimg.com/profile_images/{r.getrandbits(60)}/a_normal.jpg",
            "url": "", "public_metrics": {"followers_count": r.randint(0, 20000), "following_count": r.randint(0, 3000),
                                          "tweet_count": r.randint(0, 90000), "listed_count": r.randint(0, 90)},
        }

    def _id(self) -> str:
        self.next_id += self.rng.randint(1, 10**9)
        return str(self.next_id)

    def tweet(self, when: datetime, author: dict, kind: str = "post", ref: dict | None = None) -> dict:
        r = self.rng
        mentioned = r.sample(self.users, r.choice([0, 0, 1, 1, 2, 3]))
        words = r.choices(WORDS, k=r.randint(6, 30))
        text = " ".join(["@" + u["username"] for u in mentioned] + words)
        text += f" #{r.choice(TAGS)} https://t.co/{r.getrandbits(40):x}"
        tid = self._id()
        t = {
            "id": tid, "author_id": author["id"], "created_at": iso(when), "conversation_id": tid,
            "lang": "nl", "source": r.choice(SOURCES), "reply_settings": "everyone", "possibly_sensitive": False,
            "edit_history_tweet_ids": [tid],
            "public_metrics": {"retweet_count": r.randint(0, 50), "reply_count": r.randint(0, 10),
                               "like_count": r.randint(0, 200), "quote_count": r.randint(0, 5)},
        }
        if kind == "repost":
            ref_author = self.by_id[ref["author_id"]]
            text = f"RT @{ref_author['username']}: {ref['text']}"[:140]
            mentioned = [ref_author]
            t["public_metrics"]["like_count"] = 0
        elif kind == "reply":
            t["in_reply_to_user_id"] = ref["author_id"]
            t["conversation_id"] = ref["conversation_id"]
        if kind != "post":
            t["referenced_tweets"] = [{"type": {"repost": "retweeted", "reply": "replied_to", "quote": "quoted"}[kind],
                                       "id": ref["id"]}]
        t["text"] = text
        entities = {"hashtags": [{"start": 0, "end": 5, "tag": r.choice(TAGS)}],
                    "urls": [{"start": 0, "end": 23, "url": "https://t.co/x", "expanded_url": "https://www.example.nl/",
                              "display_url": "example.nl"}]}
        if mentioned:
            entities["mentions"] = [{"start": 0, "end": 10, "username": u["username"], "id": u["id"]} for u in mentioned]
        t["entities"] = entities
        return t

    def page(self, n: int, when: datetime) -> dict:
        r = self.rng
        data, refs, users = [], {}, {}
        for _ in range(n):
            author = r.choice(self.users)
            kind = r.choices(["post", "repost", "reply", "quote"], [30, 45, 17, 8])[0]
            ref = None
            if kind != "post":
                ref = self.tweet(when - timedelta(minutes=r.randint(1, 600)), r.choice(self.users))
                refs[ref["id"]] = ref
            t = self.tweet(when, author, kind, ref)
            data.append(t)
            for tw in [t] + ([ref] if ref else []):
                for uid in [tw["author_id"]] + [m["id"] for m in tw["entities"].get("mentions", [])]:
                    users[uid] = None
            when -= timedelta(seconds=r.randint(1, 120))
        return {
            "data": data,
            "includes": {"users": [self.by_id[u] for u in users], "tweets": list(refs.values())},
            "meta": {"newest_id": data[0]["id"], "oldest_id": data[-1]["id"], "result_count": len(data),
                     "next_token": f"{r.getrandbits(120):x}"},
            "__twarc": {"url": URL + "&query=gemeente", "version": "2.12.0", "retrieved_at": iso(START)},
        }


def generate(n: int, out: Path, seed: int = 1) -> Path:
    """Write ``n`` tweets as twarc2 pages of 100 to ``out``."""
    gen = Generator(max(200, n // 20), seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    when = START + timedelta(days=90)
    with open(out, "w", encoding="utf-8") as fh:
        for start in range(0, n, 100):
            page = gen.page(min(100, n - start), when)
            when -= timedelta(hours=3)
            fh.write(json.dumps(page, ensure_ascii=False) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of tweets (in data)")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    out = args.out or Path(__file__).parent / "data" / f"twarc2_{args.n}.jsonl"
    print(generate(args.n, out, args.seed))


if __name__ == "__main__":
    main()
