"""The truths a generator plants, kept while it writes: planted.json.

Every message, like, mention and follow tie a generator writes into an export file
is also recorded here in CONTRACT terms (kinds, authors, parents), together with the
planted group of each account, the government accounts and the planted questions and
their answers. :meth:`Ledger.planted` turns this into the ``planted.json`` a test
compares with what the importers and the analysis find.
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


@dataclass
class Acct:
    platform: str
    id: str
    ident: str
    name: str | None
    gov: bool = False
    role: str | None = None
    group: str | None = None


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
                gov: bool = False, role: str | None = None, group: str | None = None) -> Acct:
        key = (platform, id)
        if key not in self.accounts:
            self.accounts[key] = Acct(platform, id, ident, name, gov, role, group)
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

    def counts(self, platform: str | None = None) -> dict:
        msgs = [m for m in self.messages if platform is None or m.platform == platform]
        kinds = Counter(m.kind for m in msgs)
        return {
            "messages": len(msgs),
            "posts": sum(kinds[k] for k in POST_KINDS),
            "comments": kinds["comment"],
            "replies": kinds["reply"],
            "reposts": kinds["repost"],
            "quotes": kinds["quote"],
            "likes": self.total("likes", platform),
            "mentions": self.total("mentions", platform),
            "participants": len({(m.platform, m.author) for m in msgs}),
            "government_messages": sum(1 for m in msgs if m.gov),
        }

    def daily(self) -> dict[str, int]:
        days = Counter(m.created.date().isoformat() for m in self.messages)
        return dict(sorted(days.items()))

    def peaks(self) -> list[str]:
        """Days above median + 3 × MAD of the daily counts (days without messages count 0)."""
        days = self.daily()
        if not days:
            return []
        from datetime import date, timedelta

        first, last = date.fromisoformat(min(days)), date.fromisoformat(max(days))
        series = {(first + timedelta(n)).isoformat(): 0 for n in range((last - first).days + 1)}
        series.update(days)
        values = list(series.values())
        med = statistics.median(values)
        mad = statistics.median(abs(v - med) for v in values)
        limit = med + 3 * max(mad, 1)
        hits = [(v, d) for d, v in series.items() if v > limit]
        return [d for v, d in sorted(hits, key=lambda x: (-x[0], x[1]))]

    def planted(self, **more) -> dict:
        platforms = sorted({m.platform for m in self.messages})
        gov = [a for a in self.accounts.values() if a.gov]
        kinds = Counter(m.kind for m in self.messages)
        out = {
            "case": self.case_id,
            "counts": self.counts(),
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
            "daily_messages": self.daily(),
            "peaks": self.peaks(),
            "peak_rule": "days whose message count (UTC dates) exceeds median + 3 x MAD over the case's days",
        }
        if len(platforms) > 1:
            out["by_platform"] = {p: self.counts(p) for p in platforms}
        out.update(more)
        return out
