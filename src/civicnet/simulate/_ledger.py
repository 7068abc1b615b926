"""The truths a generator plants, kept while it writes: planted.json.

Every message, like, mention and follow tie a generator writes into an export file
is also recorded here in CONTRACT terms (kinds, authors, parents, the like and share
figures written with each message), together with the planted group of each account,
the government accounts and the planted questions and their answers.
:meth:`Ledger.planted` turns this into the ``planted.json`` a test compares with what
the importers and the analysis find. The figures are computed here from what was
written, independently of civicnet's analysis: ``likes`` (named likes where an export names
who liked, else the like counts), ``shares`` (the share counts written; a platform without
any is null), ``followers`` of the focus accounts, and the peak days (:meth:`Ledger.peaks`).
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass
from datetime import datetime

POST_KINDS = ("post", "post_to_page", "group_post")


@dataclass
class Msg:
    platform: str
    id: str
    author: str
    kind: str
    created: datetime
    text: str
    parent: str | None = None
    gov: bool = False
    likes: int | None = None   # the like count written with it (None: the export has none)
    listed_likes: int = 0      # the likes written with it by name (who liked)
    shares: int | None = None  # the shares written with it (None: the export has none)


@dataclass
class Acct:
    platform: str
    id: str
    ident: str
    name: str | None
    gov: bool = False
    role: str | None = None
    group: str | None = None
    followers: int | None = None


class Ledger:
    """What one case's files contain, in CONTRACT terms."""

    def __init__(self, case_id: str):
        self.case_id = case_id
        self.accounts: dict[tuple[str, str], Acct] = {}
        self.messages: list[Msg] = []
        self.by_id: dict[tuple[str, str], Msg] = {}
        self.tally: Counter = Counter()  # (what, platform) -> number, for likes, mentions, follows
        self.questions: dict[str, dict | None] = {}

    # -- recording ------------------------------------------------------------------------

    def account(self, platform: str, id: str, ident: str, name: str | None = None, *,
                gov: bool = False, role: str | None = None, group: str | None = None,
                followers: int | None = None) -> Acct:
        key = (platform, id)
        if key not in self.accounts:
            self.accounts[key] = Acct(platform, id, ident, name, gov, role, group, followers)
        return self.accounts[key]

    def message(self, msg: Msg) -> Msg:
        key = (msg.platform, msg.id)
        if key in self.by_id:
            raise ValueError(f"message id {msg.id} written twice")
        self.by_id[key] = msg
        self.messages.append(msg)
        return msg

    def question(self, msg: Msg) -> None:
        """``msg`` is a planted question (unanswered until :meth:`answer`)."""
        self.questions.setdefault(msg.id, None)

    def answer(self, question: Msg, answer: Msg) -> None:
        """``answer`` (a government message) is the first answer to ``question``."""
        if self.questions.get(question.id) is not None:
            return
        minutes = (answer.created - question.created).total_seconds() / 60
        ident = self.accounts[(answer.platform, answer.author)].ident
        rounded = round(minutes, 2)
        self.questions[question.id] = {"answered_by": ident,
                                       "response_minutes": int(rounded) if rounded.is_integer() else rounded}

    def add(self, what: str, platform: str, n: int) -> None:
        """Count ``n`` interactions of kind ``what`` (``likes``, ``mentions``, ``follows``)."""
        self.tally[what, platform] += n

    def total(self, what: str, platform: str | None = None) -> int:
        return sum(n for (w, p), n in self.tally.items() if w == what and (platform is None or p == platform))

    # -- figures --------------------------------------------------------------------------

    def counts(self, platform: str | None = None, focus: tuple[str, ...] | None = None) -> dict:
        """CONTRACT ``counts`` of what was written (of one platform; ``followers`` when ``focus`` is given)."""
        msgs = [m for m in self.messages if platform is None or m.platform == platform]
        kinds = Counter(m.kind for m in msgs)
        out = {
            "messages": len(msgs),
            "posts": sum(kinds[k] for k in POST_KINDS),
            "posts_to_page": kinds["post_to_page"],
            "comments": kinds["comment"],
            "replies": kinds["reply"],
            "reposts": kinds["repost"],
            "quotes": kinds["quote"],
            "likes": _likes(msgs),
            "shares": _figure(msgs, "shares"),
            "mentions": self.total("mentions", platform),
            "participants": len({(m.platform, m.author) for m in msgs}),
            "government_messages": sum(1 for m in msgs if m.gov),
        }
        if focus is not None:
            out["followers"] = self.followers(focus)
        return out

    def followers(self, focus) -> int | None:
        """Followers of the focus accounts (by handle, or by id or name where there are no handles)."""
        wanted = {f.lstrip("@").lower() for f in focus}
        known = [a.followers for a in self.accounts.values()
                 if a.followers is not None and (a.ident.lower() in wanted or (a.name or "").lower() in wanted)]
        return sum(known) if known else None

    def daily(self) -> dict[str, int]:
        days = Counter(m.created.date().isoformat() for m in self.messages)
        return dict(sorted(days.items()))

    def peaks(self, start: str | None = None, end: str | None = None) -> list[str]:
        """The peak days by the documented rule (docs/tactics.md), written out plainly here.

        Over every day from ``start`` to ``end`` (default: first to last message day), quiet
        days as 0: a day is a peak when it is higher than the day before and not lower than
        the day after (a 0 assumed outside the period), has at least 10 messages, and, against
        the other days (the peaks found so far left out), more than median + 3 x spread and a
        prominence of at least 3 x spread; the spread is 1.4826 x MAD (else 1.2533 x the mean
        absolute deviation, which is 0 when the other days are all alike). Repeated until no new
        peak appears. Most prominent first.
        """
        days = self.daily()
        if not days:
            return []
        from datetime import date, timedelta

        first = date.fromisoformat(start or min(days))
        last = date.fromisoformat(end or max(days))
        labels = [(first + timedelta(n)).isoformat() for n in range((last - first).days + 1)]
        values = [days.get(d, 0) for d in labels]
        peaks: dict[int, int] = {}
        while True:
            new = {}
            for i, v in enumerate(values):
                before = values[i - 1] if i > 0 else 0
                after = values[i + 1] if i + 1 < len(values) else 0
                if i in peaks or not (v > before and v >= after and v >= 10):
                    continue
                rest = [x for k, x in enumerate(values) if k != i and k not in peaks]
                med = statistics.median(rest)
                mad = statistics.median(abs(x - med) for x in rest)
                spread = 1.4826 * mad if mad else 1.2533 * sum(abs(x - med) for x in rest) / len(rest)
                height = _prominence(values, i)
                if v > med + 3 * spread and height >= 3 * spread and height > 0:
                    new[i] = height
            if not new:
                break
            peaks.update(new)
        return [labels[i] for i in sorted(peaks, key=lambda i: (-peaks[i], -values[i], i))]

    def planted(self, focus: tuple[str, ...] = (), period: tuple[str, str] | None = None, **more) -> dict:
        platforms = sorted({m.platform for m in self.messages})
        gov = [a for a in self.accounts.values() if a.gov]
        kinds = Counter(m.kind for m in self.messages)
        out = {
            "case": self.case_id,
            "counts": self.counts(focus=tuple(focus)),
            "messages_by_kind": dict(sorted(kinds.items())),
            "government_accounts": sorted(
                ({"platform": a.platform, "id": a.id, "account": a.ident, "name": a.name, "role": a.role,
                  "messages": sum(1 for m in self.messages if m.platform == a.platform and m.author == a.id)}
                 for a in gov), key=lambda g: (g["platform"], g["account"])),
            "groups": {a.ident: a.group for a in sorted(self.accounts.values(), key=lambda a: a.ident) if a.group},
            "questions": dict(sorted(self.questions.items())),
            "questions_received": len(self.questions),
            "questions_answered": sum(1 for q in self.questions.values() if q),
            "follows": self.total("follows"),
            "like_interactions": self.total("likes"),
            "daily_messages": self.daily(),
            "peaks": self.peaks(*(period or (None, None))),
            "peak_rule": ("local maxima of the daily counts (UTC dates, the case's period) with >= 10 messages, "
                          "above median + 3 x spread and with a prominence >= 3 x spread, the spread estimated "
                          "again without the peaks found (docs/tactics.md)"),
        }
        if len(platforms) > 1:
            out["by_platform"] = {p: self.counts(p) for p in platforms}
        out.update(more)
        return out


def _likes(msgs: list[Msg]) -> int | None:
    """Likes: where a platform's export names who liked, the named likes (a message's count when its
    listing is shorter, none for messages without a listing); elsewhere the like counts written."""
    listing = {m.platform for m in msgs if m.listed_likes}
    counted = {m.platform for m in msgs if m.likes is not None} - listing
    if not listing and not counted:
        return None
    named = sum(max(m.listed_likes, m.likes or 0) for m in msgs if m.platform in listing and m.listed_likes)
    return named + sum(m.likes or 0 for m in msgs if m.platform in counted and m.kind != "repost")


def _figure(msgs: list[Msg], attr: str) -> int | None:
    """The sum of a figure over the messages (reposts carry none), over the platforms that have it."""
    platforms = {m.platform for m in msgs if getattr(m, attr) is not None}
    if not platforms:
        return None
    return sum(getattr(m, attr) or 0 for m in msgs if m.platform in platforms and m.kind != "repost")


def _prominence(values: list[int], i: int) -> int:
    """How far day ``i`` rises above the higher of the lowest days between it and a higher day on either side."""
    lows = []
    for step in (-1, 1):
        low, j = values[i], i + step
        while 0 <= j < len(values) and values[j] <= values[i]:
            low = min(low, values[j])
            j += step
        lows.append(low if 0 <= j < len(values) else 0)
    return values[i] - max(lows)
