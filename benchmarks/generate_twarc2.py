"""Generate a realistic twarc2 JSON Lines file for benchmarks (seeded, reproducible).

Each line is one API v2 search page as ``twarc2 search`` writes it: 100 tweets in
``data`` (originals, retweets, replies, quotes; Dutch-ish texts with @mentions,
hashtags and links), ``includes.users`` (authors, mentioned and referenced accounts)
and ``includes.tweets`` (the referenced tweets), ``meta`` and ``__twarc``.

Usage: ``python benchmarks/generate_twarc2.py N [--out PATH] [--seed S]``; the
default output is ``benchmarks/data/twarc2_N.jsonl`` (gitignored).

Planted structure (only with ``--groups K``; without it the output is byte for byte
what it always was): accounts fall into K groups and 80 % of mentions, replies,
retweets and quotes stay inside the author's group; ``--government G`` adds G
government accounts (handles ``gov<j>_gemeente``, listed by :func:`government_handles`)
that post, mention, reply to and are retweeted by the first half of the groups only
(the other half never meets them); ``--questions F`` makes a share F of the tweets in
those groups a question to a government account, of which ``--answered A`` get a
government reply in the same page. :func:`planted_groups` says which groups are reached.
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


QUESTIONS = ("waar kan ik melden dat {w} kapot is?", "wanneer wordt de {w} weer opgeruimd?",
             "hoe lang duurt het nog voor de {w} open is?", "kunt u iets doen aan de {w} in onze straat?")
ANSWERS = ("dank voor uw vraag, we sturen iemand langs bij de {w}", "dat kunt u melden via de app, groet team",
           "we pakken de {w} morgen op, excuses voor het wachten")


def government_handles(n: int) -> list[str]:
    """Handles of the ``n`` planted government accounts."""
    return [f"gov{j}_gemeente" for j in range(n)]


def planted_groups(groups: int) -> tuple[list[int], list[int]]:
    """(groups the government reaches, groups it never meets)."""
    half = (groups + 1) // 2
    return list(range(half)), list(range(half, groups))


class PlantedGenerator(Generator):
    """A :class:`Generator` with groups, government accounts and answered questions."""

    def __init__(self, n_accounts: int, seed: int, groups: int, government: int = 0,
                 questions: float = 0.0, answered: float = 0.6):
        super().__init__(n_accounts, seed)
        self.groups = groups
        self.members = [self.users[g::groups] for g in range(groups)]
        self.group_of = {u["id"]: i % groups for i, u in enumerate(self.users)}
        self.gov = [self._gov(j, h) for j, h in enumerate(government_handles(government))]
        self.by_id.update((u["id"], u) for u in self.gov)
        reached, _ = planted_groups(groups)
        self.reached = set(reached)
        self.served = [u for g in reached for u in self.members[g]]
        self.questions, self.answered = questions, answered

    def _gov(self, j: int, handle: str) -> dict:
        user = self._user(0)
        user.update(id=str(9_000_000 + j), username=handle, name=f"Gemeente Bench {j}", verified=True)
        self.group_of[user["id"]] = None
        return user

    def _near(self, author: dict) -> dict:
        """Someone the author would address: a group mate (80 %), else anyone."""
        r = self.rng
        group = self.group_of.get(author["id"])
        if group is None:
            return r.choice(self.served)
        if self.gov and group in self.reached and r.random() < 0.05:
            return r.choice(self.gov)
        return r.choice(self.members[group]) if r.random() < 0.8 else r.choice(self.users)

    def tweet(self, when: datetime, author: dict, kind: str = "post", ref: dict | None = None) -> dict:
        t = super().tweet(when, author, kind, ref)
        if kind == "post" or kind == "quote":  # replace the random mentions by planted ones
            mentioned = list({u["id"]: u for u in (self._near(author) for _ in t["entities"].get("mentions", []))}.values())
            words = t["text"].split(" ")
            words = [w for w in words if not w.startswith("@")]
            t["text"] = " ".join(["@" + u["username"] for u in mentioned] + words)
            if mentioned:
                t["entities"]["mentions"] = [{"start": 0, "end": 10, "username": u["username"], "id": u["id"]}
                                             for u in mentioned]
        return t

    def _question(self, when: datetime, author: dict) -> dict:
        r = self.rng
        gov = r.choice(self.gov)
        t = super().tweet(when, author)
        t["text"] = f"@{gov['username']} " + r.choice(QUESTIONS).format(w=r.choice(WORDS))
        t["entities"] = {"mentions": [{"start": 0, "end": 10, "username": gov["username"], "id": gov["id"]}]}
        return t

    def _answer(self, question: dict) -> dict:
        r = self.rng
        gov_id = question["entities"]["mentions"][0]["id"]
        asked = datetime.strptime(question["created_at"], "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=timezone.utc)
        t = super().tweet(asked + timedelta(minutes=r.randint(5, 900)), self.by_id[gov_id], "reply", question)
        asker = self.by_id[question["author_id"]]
        t["text"] = f"@{asker['username']} " + r.choice(ANSWERS).format(w=r.choice(WORDS))
        t["entities"] = {"mentions": [{"start": 0, "end": 10, "username": asker["username"], "id": asker["id"]}]}
        return t

    def page(self, n: int, when: datetime) -> dict:
        r = self.rng
        data, refs, users = [], {}, {}
        while len(data) < n:
            author = r.choice(self.gov) if self.gov and r.random() < 0.02 else r.choice(self.users)
            group = self.group_of[author["id"]]
            if self.gov and group in self.reached and r.random() < self.questions:
                q = self._question(when, author)
                data.append(q)
                if len(data) < n and r.random() < self.answered:
                    data.append(self._answer(q))
            else:
                kind = r.choices(["post", "repost", "reply", "quote"], [30, 45, 17, 8])[0]
                ref = None
                if kind != "post":
                    ref = self.tweet(when - timedelta(minutes=r.randint(1, 600)), self._near(author))
                    refs[ref["id"]] = ref
                data.append(self.tweet(when, author, kind, ref))
            when -= timedelta(seconds=r.randint(1, 120))
        for t in data + list(refs.values()):
            for uid in [t["author_id"]] + [m["id"] for m in t["entities"].get("mentions", [])]:
                users[uid] = None
        return {
            "data": data,
            "includes": {"users": [self.by_id[u] for u in users], "tweets": list(refs.values())},
            "meta": {"newest_id": data[0]["id"], "oldest_id": data[-1]["id"], "result_count": len(data),
                     "next_token": f"{r.getrandbits(120):x}"},
            "__twarc": {"url": URL + "&query=gemeente", "version": "2.12.0", "retrieved_at": iso(START)},
        }


def generate(n: int, out: Path, seed: int = 1, *, groups: int = 0, government: int = 0,
             questions: float = 0.0, answered: float = 0.6, accounts: int | None = None) -> Path:
    """Write ``n`` tweets as twarc2 pages of 100 to ``out`` (planted structure with ``groups``).

    ``accounts`` defaults to one per 20 tweets (at least 200).
    """
    n_accounts = accounts or max(200, n // 20)
    if groups:
        gen = PlantedGenerator(n_accounts, seed, groups, government, questions, answered)
    else:
        gen = Generator(n_accounts, seed)
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
    parser.add_argument("--groups", type=int, default=0, help="planted groups (0: no planted structure)")
    parser.add_argument("--government", type=int, default=0, help="planted government accounts (needs --groups)")
    parser.add_argument("--questions", type=float, default=0.0, help="share of reached groups' tweets that ask government")
    parser.add_argument("--answered", type=float, default=0.6, help="share of those questions government answers")
    parser.add_argument("--accounts", type=int, help="number of accounts (default: one per 20 tweets, at least 200)")
    args = parser.parse_args()
    if (args.government or args.questions) and not args.groups:
        parser.error("--government and --questions need --groups")
    out = args.out or Path(__file__).parent / "data" / f"twarc2_{args.n}.jsonl"
    print(generate(args.n, out, args.seed, groups=args.groups, government=args.government,
                   questions=args.questions, answered=args.answered, accounts=args.accounts))


if __name__ == "__main__":
    main()
