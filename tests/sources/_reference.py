"""Independent references for the real-export corpus: each format read with plain json/csv/xml code
written here, following CONTRACT.md's definitions — not civicnet's importers — into the figures a
case reports: counted messages by kind, participants, counted interactions by kind, and the mention
network's edges with their weights (or, for network files, their ties).

Definitions used (CONTRACT "Network definitions", "summary.json"): a message returned by the
collection is counted, a referenced one (twarc2 ``includes.tweets``, a v1.1 ``retweeted_status``,
a Mastodon ``reblog``, a Bluesky quoted view or feed reply context) is not, duplicates count once and
an edited tweet once (its latest version); participants are the distinct authors of counted messages;
the mention network ties a message's author to every account it mentions, reposts, replies to
(also when only the account replied to is named) or quotes, weight = the number of messages carrying
the tie, self-loops dropped. A node is named by its handle (lower case here), else its id.
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from lxml import etree


class Figures:
    """What a case reports about a file, built by a reference reader."""

    def __init__(self):
        self.kinds: Counter = Counter()
        self.participants: set = set()
        self.ties: Counter = Counter()  # counted interactions by kind
        self.edges: dict[tuple[str, str], set] = defaultdict(set)  # mention network: (a, b) -> carriers
        self.labels: dict[str, str] = {}  # account key -> handle

    def label(self, key: str) -> str:
        return (self.labels.get(key) or key).lower()

    def tie(self, source: str | None, target: str | None, carrier: str) -> None:
        if source and target and self.label(source) != self.label(target):
            self.edges[(source, target)].add(carrier)

    def network(self) -> dict[tuple[str, str], int]:
        out: Counter = Counter()
        for (a, b), carriers in self.edges.items():
            out[(self.label(a), self.label(b))] += len(carriers)
        return dict(out)


def _lines(path: Path) -> list:
    out = []
    for line in path.read_text(encoding="utf-8").split("\n"):  # not splitlines(): U+2028 occurs in texts
        if line.strip():
            try:
                out.append(json.loads(line))
            except json.JSONDecodeError:
                pass  # a cut-off line: a rejected record
    return out


# -- Twitter API v2 (twarc2 pages and flattened lines) -----------------------------------------------

_RT = re.compile(r"^RT @(\w+):")


def twitter_v2(path: Path) -> Figures:
    f = Figures()
    collected, context, by_handle, mention_handles = {}, {}, {}, {}
    for value in _lines(path):
        pages = [value] if "data" in value or "includes" in value else [{"data": [value]}]
        for page in pages:
            data = page.get("data") or []
            data = [data] if isinstance(data, dict) else data
            for u in (page.get("includes") or {}).get("users") or []:
                f.labels[u["id"]] = u["username"]
            for t in (page.get("includes") or {}).get("tweets") or []:
                context[t["id"]] = t
            for t in data:
                if "username" in t and "text" not in t:  # a users page
                    f.labels[t["id"]] = t["username"]
                    continue
                collected[t["id"]] = t
                for who in (t.get("author"), t.get("in_reply_to_user")):
                    if isinstance(who, dict):
                        f.labels[who["id"]] = who["username"]
                for ref in t.get("referenced_tweets") or []:
                    if "text" in ref:
                        context[ref["id"]] = ref
                        if isinstance(ref.get("author"), dict):
                            f.labels[ref["author"]["id"]] = ref["author"]["username"]
    by_handle = {h.lower(): i for i, h in f.labels.items()}
    counted = {}
    for t in collected.values():  # an edited tweet counts once: its latest version
        history = t.get("edit_history_tweet_ids") or [t["id"]]
        group = history[0] if len(history) > 1 else t["id"]
        if group not in counted or int(t["id"]) > int(counted[group]["id"]):
            counted[group] = t
    everything = {**context, **collected}
    for t in counted.values():
        author = t.get("author_id") or (t.get("author") or {}).get("id")
        refs = {r["type"]: r["id"] for r in t.get("referenced_tweets") or []}
        kind = ("repost" if "retweeted" in refs else "reply" if "replied_to" in refs or t.get("in_reply_to_user_id")
                else "quote" if "quoted" in refs else "post")
        f.kinds[kind] += 1
        if author:
            f.participants.add(author)
        targets = set()
        mentions = set()
        for m in (t.get("entities") or {}).get("mentions") or []:
            key = m.get("id") or by_handle.get(m["username"].lower()) or "@" + m["username"].lower()
            if m.get("id"):
                mention_handles.setdefault(m["id"], m["username"])
            mentions.add(key)
        f.ties["mention"] += len(mentions)
        targets |= mentions
        for kind_, ref_kind in (("repost", "retweeted"), ("reply", "replied_to"), ("quote", "quoted")):
            if ref_kind not in refs and not (kind_ == "reply" and t.get("in_reply_to_user_id") and "retweeted" not in refs):
                continue
            f.ties[kind_] += 1
            ref = everything.get(refs.get(ref_kind), {})
            target = ref.get("author_id") or (ref.get("author") or {}).get("id")
            if kind_ == "reply":
                target = t.get("in_reply_to_user_id") or target
            if kind_ == "repost" and target is None and _RT.match(t.get("text") or ""):
                handle = _RT.match(t["text"]).group(1).lower()
                target = by_handle.get(handle, "@" + handle)
            if target:
                targets.add(target)
        for target in targets:
            f.tie(author, target, t["id"])
    for key, handle in mention_handles.items():
        f.labels.setdefault(key, handle)
    f.labels.update({k: k[1:] for (_, b) in f.edges for k in (b,) if k.startswith("@")})
    return f


# -- Twitter API v1.1 ------------------------------------------------------------------------------


def twitter_v1(path: Path) -> Figures:
    f = Figures()
    value = json.loads(path.read_text(encoding="utf-8"))
    statuses = value["statuses"] if isinstance(value, dict) else value
    seen = {}
    for s in statuses:
        seen[s["id_str"]] = s
    for s in seen.values():
        for obj in (s, s.get("retweeted_status"), s.get("quoted_status")):
            if isinstance(obj, dict):
                f.labels[obj["user"]["id_str"]] = obj["user"]["screen_name"]
        for m in _v1_mentions(s):
            f.labels.setdefault(m["id_str"], m["screen_name"])
        if s.get("in_reply_to_user_id_str") and s.get("in_reply_to_screen_name"):
            f.labels.setdefault(s["in_reply_to_user_id_str"], s["in_reply_to_screen_name"])
    for s in seen.values():
        author, rt, quoted = s["user"]["id_str"], s.get("retweeted_status"), s.get("quoted_status")
        reply_to = s.get("in_reply_to_status_id_str")
        reply_user = s.get("in_reply_to_user_id_str")
        quoted_id = s.get("quoted_status_id_str") or (quoted or {}).get("id_str")
        kind = "repost" if rt else "reply" if reply_to or reply_user else "quote" if quoted_id else "post"
        f.kinds[kind] += 1
        f.participants.add(author)
        mentions = {m["id_str"] for m in _v1_mentions(s)}
        f.ties["mention"] += len(mentions)
        targets = set(mentions)
        if rt:
            f.ties["repost"] += 1
            targets.add(rt["user"]["id_str"])
        if not rt and (reply_to or reply_user):
            f.ties["reply"] += 1
            if reply_user:
                targets.add(reply_user)
        if quoted_id and not rt and quoted:
            f.ties["quote"] += 1
            targets.add(quoted["user"]["id_str"])
        for target in targets:
            f.tie(author, target, s["id_str"])
    return f


def _v1_mentions(s: dict) -> list:
    ext = s.get("extended_tweet") or {}
    return (ext.get("entities") or s.get("entities") or {}).get("user_mentions") or []


# -- Mastodon --------------------------------------------------------------------------------------


def mastodon(path: Path, instance: str | None = None) -> Figures:
    f = Figures()
    values = _lines(path) if path.suffix == ".jsonl" else [json.loads(path.read_text(encoding="utf-8"))]
    statuses = {}
    host = instance
    for value in values:
        items = value if isinstance(value, list) else value.get("ancestors", []) + value.get("descendants", [])
        for s in items:
            if host is None and "@" not in s["account"]["acct"]:
                host = urlsplit(s["account"]["url"]).hostname
            statuses[s["id"]] = s

    def handle(acct, url):
        return acct if "@" in acct else f"{acct}@{urlsplit(url).hostname or host}"

    def key(raw_id):  # ids are the serving instance's: civicnet prefixes them with its host
        return f"{host}:{raw_id}"

    for s in statuses.values():
        for obj in (s, s.get("reblog")):
            if obj:
                f.labels[key(obj["account"]["id"])] = handle(obj["account"]["acct"], obj["account"]["url"])
        for m in s.get("mentions") or []:
            f.labels.setdefault(key(m["id"]), handle(m["acct"], m["url"]))
    for s in statuses.values():
        author, reblog = key(s["account"]["id"]), s.get("reblog")
        kind = ("repost" if reblog else "reply" if s.get("in_reply_to_id") or s.get("in_reply_to_account_id")
                else "quote" if isinstance(s.get("quote"), dict) else "post")
        f.kinds[kind] += 1
        f.participants.add(author)
        mentions = {key(m["id"]) for m in s.get("mentions") or []}
        f.ties["mention"] += len(mentions)
        targets = set(mentions)
        if reblog:
            f.ties["repost"] += 1
            targets.add(key(reblog["account"]["id"]))
        elif s.get("in_reply_to_id") or s.get("in_reply_to_account_id"):
            f.ties["reply"] += 1
            if s.get("in_reply_to_account_id"):
                targets.add(key(s["in_reply_to_account_id"]))
        for target in targets:
            f.tie(author, target, s["id"])
    return f


# -- Bluesky ---------------------------------------------------------------------------------------


def _did(uri: str) -> str:
    return uri[5:].split("/", 1)[0]


def bluesky(path: Path) -> Figures:
    f = Figures()
    value = json.loads(path.read_text(encoding="utf-8"))
    counted = []  # (carrier id, author, record or None, reposted post or None)
    if "posts" in value:
        counted = [(p["uri"], p["author"], p["record"], None) for p in value["posts"]]
    elif "feed" in value:
        for item in value["feed"]:
            post = item["post"]
            reason = item.get("reason") or {}
            if reason.get("$type", "").endswith("#reasonRepost"):
                counted.append((f"repost:{reason['by']['did']}:{post['uri']}", reason["by"], None, post))
                f.labels[post["author"]["did"]] = post["author"]["handle"]
            else:
                counted.append((post["uri"], post["author"], post["record"], None))
            for ctx in (item.get("reply") or {}).values():
                if isinstance(ctx, dict) and "author" in ctx:
                    f.labels[ctx["author"]["did"]] = ctx["author"]["handle"]
    elif "thread" in value:
        stack, node = [value["thread"]], value["thread"].get("parent")
        while isinstance(node, dict) and "post" in node:
            counted.append((node["post"]["uri"], node["post"]["author"], node["post"]["record"], None))
            node = node.get("parent")
        while stack:
            node = stack.pop()
            if isinstance(node, dict) and "post" in node:
                counted.append((node["post"]["uri"], node["post"]["author"], node["post"]["record"], None))
                stack.extend(node.get("replies") or [])
    elif "likes" in value:
        for like in value["likes"]:
            f.ties["like"] += 1
        return f
    for _, author, record, _ in counted:
        f.labels[author["did"]] = author["handle"]
    for post in value.get("posts") or [item["post"] for item in value.get("feed") or []]:
        view = (post.get("embed") or {}).get("record") or {}
        view = view.get("record") if "recordWithMedia" in str((post.get("embed") or {}).get("$type")) else view
        if isinstance(view, dict) and isinstance(view.get("author"), dict) and "value" in view:
            f.labels.setdefault(view["author"]["did"], view["author"]["handle"])
    for carrier, author, record, reposted in counted:
        f.participants.add(author["did"])
        if reposted is not None:
            f.kinds["repost"] += 1
            f.ties["repost"] += 1
            f.tie(author["did"], reposted["author"]["did"], carrier)
            continue
        targets = set()
        mentions = set()
        text = (record.get("text") or "").encode()
        for facet in record.get("facets") or []:
            for feature in facet.get("features") or []:
                if feature.get("$type") == "app.bsky.richtext.facet#mention":
                    mentions.add(feature["did"])
                    written = text[facet["index"]["byteStart"]:facet["index"]["byteEnd"]].decode("utf-8", "ignore")
                    f.labels.setdefault(feature["did"], written.strip().lstrip("@"))
        f.ties["mention"] += len(mentions)
        targets |= mentions
        embed = record.get("embed") or {}
        inner = embed.get("record") if embed.get("$type") == "app.bsky.embed.record" else \
            (embed.get("record") or {}).get("record") if embed.get("$type") == "app.bsky.embed.recordWithMedia" else None
        quoted = (inner or {}).get("uri") if "/app.bsky.feed.post/" in str((inner or {}).get("uri")) else None
        if record.get("reply"):
            f.kinds["reply"] += 1
            f.ties["reply"] += 1
            targets.add(_did(record["reply"]["parent"]["uri"]))
        else:
            f.kinds["quote" if quoted else "post"] += 1
        if quoted:
            f.ties["quote"] += 1
            targets.add(_did(quoted))
        for target in targets:
            f.tie(author["did"], target, carrier)
    return f


# -- Facebook Graph API ----------------------------------------------------------------------------


def facebook(path: Path, group: bool = False) -> Figures:
    f = Figures()
    seen = {}
    for page in _lines(path):
        comments_of = re.search(r"/([\d_]+)/comments", (page.get("paging") or {}).get("next", "") or "")
        for item in page["data"]:
            link = item.get("permalink_url") or ""
            query = parse_qs(urlsplit(link).query)
            if "comment_id" in query:
                post = comments_of.group(1) if comments_of else None
                reply = "reply_comment_id" in query
                key = query["reply_comment_id" if reply else "comment_id"][0]
                seen[key] = "reply" if reply else "comment"
            else:
                seen[item["id"]] = "group_post" if group else "post"
            if item.get("from"):
                f.participants.add(item["from"]["id"])
    f.kinds.update(seen.values())
    return f


# -- network files ---------------------------------------------------------------------------------


def network_file(path: Path) -> Figures:
    """GEXF/GraphML: nodes are accounts, edges ties (kind ``mention`` when the file says none)."""
    f = Figures()
    tree = etree.parse(str(path))
    local = lambda el: etree.QName(el).localname  # noqa: E731
    label_keys = {k.get("id") for k in tree.iter() if isinstance(k.tag, str) and local(k) == "key"
                  and k.get("attr.name") == "label"}
    pairs = set()
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if local(el) == "node":
            label = el.get("label") or next((d.text for d in el if isinstance(d.tag, str) and local(d) == "data"
                                              and d.get("key") in label_keys), None)
            # a label that looks like a handle (letters, digits, _; not digits only) names the account
            f.labels[el.get("id")] = label if re.fullmatch(r"@?(?=\w*[A-Za-z_])\w{1,30}", label or "") else el.get("id")
        elif local(el) == "edge":
            pairs.add((el.get("source"), el.get("target")))
    for a, b in pairs:
        f.ties["mention"] += 1
        f.tie(a, b, f"{a}>{b}")
    return f


# -- tables ----------------------------------------------------------------------------------------


def nodexl_csv(path: Path, encoding: str = "cp1252", delimiter: str = ";") -> Figures:
    """A NodeXL Edges sheet as CSV: a tweet per Imported ID, one row per tie; ``Tweet`` rows tie nobody."""
    f = Figures()
    rows = list(csv.reader(path.read_text(encoding=encoding).splitlines(keepends=True), delimiter=delimiter))
    header = rows[1]
    tweets = {}
    for row in rows[2:]:
        r = dict(zip(header, row))
        author, target, relation = r["Vertex 1"], r["Vertex 2"], r["Relationship"]
        f.labels[author] = author
        f.labels[target] = target
        kind = ("repost" if r["Tweet"].startswith("RT @") else
                "reply" if r["In-Reply-To Tweet ID"] or relation == "Replies to" else "post")
        tweets[r["Imported ID"]] = max(tweets.get(r["Imported ID"], "post"), kind,
                                       key=["post", "quote", "reply", "repost"].index)
        f.participants.add(author)
        if relation != "Tweet":
            f.ties[{"Mentions": "mention", "Replies to": "reply"}[relation]] += 1
            f.tie(author, target, r["Imported ID"])
    f.kinds.update(tweets.values())
    return f


def twarc_csv(path: Path) -> Figures:
    """A twarc-csv table read as its layout says (the generic csv format's twarc-csv mapping)."""
    f = Figures()
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    authors = {r["id"]: r["author_id"] for r in rows}
    for r in rows:
        f.labels[r["author_id"]] = r["author.username"]
    for r in rows:
        author = r["author_id"]
        kind = ("repost" if r["referenced_tweets.retweeted.id"] else "reply" if r["referenced_tweets.replied_to.id"]
                else "quote" if r["referenced_tweets.quoted.id"] else "post")
        f.kinds[kind] += 1
        f.participants.add(author)
        parent = {"repost": r["referenced_tweets.retweeted.id"], "reply": r["referenced_tweets.replied_to.id"],
                  "quote": r["referenced_tweets.quoted.id"]}.get(kind)
        targets = set()
        parent_author = authors.get(parent) or r["in_reply_to_user_id"] or r["retweeted_user_id"] or r["quoted_user_id"]
        if kind != "post" and parent_author:
            f.ties[kind] += 1
            targets.add(parent_author)
        by_handle = {h.lower(): i for i, h in f.labels.items()}
        handles = list(dict.fromkeys(re.findall(r"(?<![\w@])@([A-Za-z0-9_]{1,30})(?![\w@])", r["text"])))
        f.ties["mention"] += len(handles)
        targets |= {by_handle.get(h.lower(), "@" + h.lower()) for h in handles}
        for target in targets:
            f.tie(author, target, r["id"])
    f.labels.update({k: k[1:] for (_, b) in f.edges for k in (b,) if k.startswith("@")})
    return f
