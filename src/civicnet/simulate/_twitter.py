"""Writing Twitter API v2 data as twarc2 saves it: search pages and following pages.

``twarc2 search --archive`` writes one API response per line:
``{"data": [tweet…], "includes": {"users": […], "tweets": […]}, "meta": …, "__twarc": …}``,
newest tweets first, 100 per page here. Referenced tweets (the original of a
retweet, the tweet replied to) come in ``includes.tweets``; mentioned users, authors
and users replied to in ``includes.users``. Tweet ids are snowflakes made from the
tweet's time, as Twitter's are. ``twarc2 following USER`` pages list the accounts a
user follows, with the user's id in ``__twarc.url``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import quote

import orjson

from ._ledger import Ledger, Msg
from ._rng import Rng
from ._time import twitter_time

TWITTER_EPOCH_MS = 1288834974657
TWARC_VERSION = "2.12.0"
RETRIEVED_AT = "2023-01-16T09:30:00+00:00"
_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,15})")
_HASHTAG = re.compile(r"(?<![\w#&])#(\w+)")
_TCO = re.compile(r"https://t\.co/[A-Za-z0-9]{10}")
TWEET_FIELDS = ("attachments,author_id,conversation_id,created_at,entities,id,in_reply_to_user_id,lang,"
                "public_metrics,referenced_tweets,text,edit_history_tweet_ids")


@dataclass(eq=False)
class TwUser:
    id: str
    username: str
    name: str
    description: str
    followers: int
    following: int
    tweet_count: int
    created: datetime
    listed: int = 0


@dataclass(eq=False)
class Tweet:
    id: str
    author: TwUser
    created: datetime
    text: str
    kind: str = "post"
    ref: "Tweet | None" = None
    conversation_id: str = ""
    urls: dict = field(default_factory=dict)
    like_count: int = 0
    retweets: int = 0
    replies: int = 0
    msg: Msg | None = None


class TwitterCollection:
    """The tweets a search returned, recorded in the ledger as they are made."""

    def __init__(self, ledger: Ledger, rng: Rng, query: str, start: datetime, end: datetime):
        self.ledger, self.rng = ledger, rng
        self.query, self.start, self.end = query, start, end
        self.users: dict[str, TwUser] = {}
        self.tweets: list[Tweet] = []
        self._ids: set[str] = set()

    def user(self, username: str, name: str, description: str = "", *, followers: int = 0,
             following: int = 0, tweet_count: int = 0, created: datetime | None = None,
             group: str | None = None, gov: bool = False, role: str | None = None) -> TwUser:
        if not 1 <= len(username) <= 15 or not username.replace("_", "").isalnum():
            raise ValueError(f"@{username} is not a valid Twitter handle (1-15 letters, digits, _)")
        if username.lower() in self.users:
            raise ValueError(f"user @{username} made twice")
        created = created or datetime(2009 + self.rng.randint(0, 4), self.rng.randint(1, 12),
                                      self.rng.randint(1, 28), self.rng.randint(6, 22), self.rng.randint(0, 59),
                                      tzinfo=timezone.utc)
        u = TwUser(self.rng.unique_digits(self.rng.choice((8, 9, 9, 10))), username, name, description,
                   followers, following, tweet_count, created, listed=followers // 60)
        self.users[username.lower()] = u
        self.ledger.account("twitter", u.id, username, name, gov=gov, role=role, group=group, followers=followers)
        return u

    def _id(self, created: datetime) -> str:
        ms = int(created.timestamp() * 1000)
        while True:
            value = str(((ms - TWITTER_EPOCH_MS) << 22) | (self.rng.randint(0, 1023) << 12) | self.rng.randint(0, 4095))
            if value not in self._ids:
                self._ids.add(value)
                return value

    def _add(self, t: Tweet) -> Tweet:
        acct = self.ledger.accounts[("twitter", t.author.id)]
        parent = t.ref.id if t.ref is not None else None
        t.msg = self.ledger.message(Msg("twitter", t.id, t.author.id, t.kind, t.created, t.text, parent, acct.gov))
        handles = {h.lower() for h in _MENTION.findall(t.text)}
        for h in handles:
            if h not in self.users:
                raise ValueError(f"tweet mentions unknown @{h}: {t.text!r}")
        self.ledger.add("mentions", "twitter", len(handles))
        self.tweets.append(t)
        return t

    def link(self, url: str) -> tuple[str, str]:
        """``(t.co link, url)``: a short link standing for ``url``, for the url entity."""
        alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        return "https://t.co/" + "".join(self.rng.choice(alphabet) for _ in range(10)), url

    def tweet(self, author: TwUser, created: datetime, text: str, urls: dict | None = None,
              like_count: int = 0) -> Tweet:
        tid = self._id(created)
        return self._add(Tweet(tid, author, created, text, "post", None, tid, dict(urls or {}), like_count))

    def retweet(self, author: TwUser, original: Tweet, created: datetime) -> Tweet:
        if original.kind == "repost":
            original = original.ref
        tid = self._id(created)
        text = f"RT @{original.author.username}: {original.text}"
        original.retweets += 1
        return self._add(Tweet(tid, author, created, text, "repost", original, tid, dict(original.urls)))

    def reply(self, author: TwUser, parent: Tweet, created: datetime, text: str, like_count: int = 0) -> Tweet:
        """A reply; ``text`` follows the ``@user`` of the account replied to."""
        if parent.kind == "repost":
            parent = parent.ref
        tid = self._id(created)
        full = f"@{parent.author.username} {text}"
        parent.replies += 1
        return self._add(Tweet(tid, author, created, full, "reply", parent, parent.conversation_id, {}, like_count))

    # -- writing --------------------------------------------------------------------------

    def write_search(self, path: Path, per_page: int = 100) -> None:
        tweets = sorted(self.tweets, key=lambda t: int(t.id), reverse=True)
        for t in tweets:  # the ledger keeps the public metrics as written (a retweet carries none)
            t.msg.likes = t.like_count if t.kind != "repost" else None
            t.msg.shares = t.retweets if t.kind != "repost" else None
        url = ("https://api.twitter.com/2/tweets/search/all?expansions=author_id%2Centities.mentions.username%2C"
               "in_reply_to_user_id%2Creferenced_tweets.id%2Creferenced_tweets.id.author_id"
               f"&tweet.fields={quote(TWEET_FIELDS, safe='')}&user.fields=created_at%2Cdescription%2Cid%2Cname%2C"
               f"public_metrics%2Cusername&max_results={per_page}&query={quote(self.query, safe='')}"
               f"&start_time={quote(twitter_time(self.start), safe='')}&end_time={quote(twitter_time(self.end), safe='')}")
        lines = []
        for i in range(0, len(tweets), per_page):
            chunk = tweets[i:i + per_page]
            lines.append(orjson.dumps(self._page(chunk, url, last=i + per_page >= len(tweets))))
        path.write_bytes(b"\n".join(lines) + b"\n")

    def _page(self, chunk: list[Tweet], url: str, last: bool) -> dict:
        refs: dict[str, Tweet] = {}
        users: dict[str, TwUser] = {}
        for t in chunk:
            users[t.author.id] = t.author
            if t.ref is not None:
                refs[t.ref.id] = t.ref
                users[t.ref.author.id] = t.ref.author
            for h in _MENTION.findall(t.text):
                u = self.users[h.lower()]
                users[u.id] = u
        meta = {"newest_id": chunk[0].id, "oldest_id": chunk[-1].id, "result_count": len(chunk)}
        if not last:
            meta["next_token"] = "b26v89c19zqg8o3f" + chunk[-1].id[-12:]
        return {
            "data": [self.tweet_json(t) for t in chunk],
            "includes": {"users": [user_json(u) for u in users.values()],
                         "tweets": [self.tweet_json(t) for t in refs.values()]},
            "meta": meta,
            "__twarc": {"url": url, "version": TWARC_VERSION, "retrieved_at": RETRIEVED_AT},
        }

    def tweet_json(self, t: Tweet) -> dict:
        entities: dict = {}
        mentions = [{"start": m.start(), "end": m.end(), "username": self.users[m.group(1).lower()].username,
                     "id": self.users[m.group(1).lower()].id} for m in _MENTION.finditer(t.text)]
        if mentions:
            entities["mentions"] = mentions
        tags = [{"start": m.start(), "end": m.end(), "tag": m.group(1)} for m in _HASHTAG.finditer(t.text)]
        if tags:
            entities["hashtags"] = tags
        urls = [{"start": m.start(), "end": m.end(), "url": m.group(0), "expanded_url": t.urls.get(m.group(0), m.group(0)),
                 "display_url": _display(t.urls.get(m.group(0), m.group(0)))} for m in _TCO.finditer(t.text)]
        if urls:
            entities["urls"] = urls
        out = {
            "id": t.id,
            "text": t.text,
            "author_id": t.author.id,
            "created_at": twitter_time(t.created),
            "conversation_id": t.conversation_id,
            "lang": "nl",
            "public_metrics": {
                "retweet_count": t.retweets if t.kind != "repost" else 0,
                "reply_count": t.replies if t.kind != "repost" else 0,
                "like_count": t.like_count if t.kind != "repost" else 0,
                "quote_count": 0,
            },
        }
        if entities:
            out["entities"] = entities
        if t.ref is not None:
            out["referenced_tweets"] = [{"type": "retweeted" if t.kind == "repost" else "replied_to", "id": t.ref.id}]
        if t.kind == "reply":
            out["in_reply_to_user_id"] = t.ref.author.id
        out["edit_history_tweet_ids"] = [t.id]
        return out

    def write_following(self, path: Path, follows: dict[str, list[TwUser]]) -> None:
        """twarc2 ``following`` pages: for each account id, the accounts it follows."""
        lines = []
        for uid, followed in follows.items():
            if not followed:
                continue
            url = (f"https://api.twitter.com/2/users/{uid}/following?max_results=1000"
                   "&user.fields=created_at%2Cdescription%2Cid%2Cname%2Cpublic_metrics%2Cusername")
            page = {"data": [user_json(u) for u in followed], "meta": {"result_count": len(followed)},
                    "__twarc": {"url": url, "version": TWARC_VERSION, "retrieved_at": RETRIEVED_AT}}
            lines.append(orjson.dumps(page))
            self.ledger.add("follows", "twitter", len({u.id for u in followed if u.id != uid}))
        path.write_bytes(b"\n".join(lines) + b"\n")


def user_json(u: TwUser) -> dict:
    return {
        "id": u.id,
        "username": u.username,
        "name": u.name,
        "description": u.description,
        "public_metrics": {"followers_count": u.followers, "following_count": u.following,
                           "tweet_count": u.tweet_count, "listed_count": u.listed},
        "created_at": twitter_time(u.created),
    }


def _display(url: str) -> str:
    bare = re.sub(r"^https?://(www\.)?", "", url)
    return bare if len(bare) <= 26 else bare[:25] + "…"
