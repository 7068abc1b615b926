"""Twitter traffic of groups: who tweets, retweets, mentions and replies to whom.

A case gives its groups (hub accounts whose tweets get retweeted, and members), how
many tweets each group writes, and the moments the tweets fall on (traffic per day,
daily rhythm). :func:`chatter` hands the tweets out so every member tweets at least
once and activity is heavy-tailed, then walks through them in time order: a member
mostly retweets or mentions its own group's hubs, now and then another group's
(``cross``), so the mention/retweet network has the planted groups, loosely tied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Callable

from ._crowd import fill_slots
from ._rng import Rng
from ._text import Phrasebook
from ._time import CITIZEN_HOURS, at
from ._twitter import Tweet, TwitterCollection, TwUser

RECENT = 120


@dataclass
class Group:
    """One planted group; ``texts`` is the phrasebook prefix of its tweets."""

    name: str
    hubs: list[TwUser]
    members: list[TwUser]
    texts: str
    member_kinds: dict[str, float] = field(default_factory=lambda: {"repost": 0.5, "post": 0.2, "mention": 0.2, "reply": 0.1})
    hub_kinds: dict[str, float] = field(default_factory=lambda: {"post": 0.85, "repost": 0.1, "reply": 0.05})
    cross: float = 0.03
    hub_weight: float = 60.0
    originals: list[Tweet] = field(default_factory=list)

    @property
    def everyone(self) -> list[TwUser]:
        return self.hubs + self.members


def moments(rng: Rng, per_day: dict[date, int], hours: list[float] = CITIZEN_HOURS) -> list[datetime]:
    """Tweet times: ``per_day[d]`` moments on each day, following the daily rhythm."""
    out = [at(rng, day, hours) for day, n in per_day.items() for _ in range(n)]
    out.sort()
    return out


def chatter(rng: Rng, coll: TwitterCollection, book: Phrasebook, groups: list[Group], times: list[datetime],
            totals: dict[str, int], decorate: Callable[[str], str] = lambda t: t,
            alpha: float = 1.4) -> list[Tweet]:
    """Write ``totals[group]`` tweets per group at ``times`` (``sum(totals) == len(times)``)."""
    if sum(totals.values()) != len(times):
        raise ValueError("the group totals must add up to the number of moments")
    order = list(range(len(times)))
    rng.shuffle(order)
    plan: list[tuple[datetime, Group, TwUser]] = []
    start = 0
    weight_of: dict[str, float] = {}
    for g in groups:
        n = totals[g.name]
        slots = sorted(order[start:start + n])
        start += n
        weights = [g.hub_weight] * len(g.hubs) + rng.pareto_weights(len(g.members), alpha, cap=30)
        for u, w in zip(g.everyone, weights):
            weight_of[u.id] = w
        for i, user in fill_slots(rng, slots, g.everyone, weights):
            plan.append((times[i], g, user))
    plan.sort(key=lambda x: (x[0], x[2].id))
    hubs = {u.id for g in groups for u in g.hubs}
    out = []
    for moment, g, user in plan:
        out.append(_one(rng, coll, book, groups, g, user, moment, user.id in hubs, weight_of, decorate))
    return out


def _one(rng, coll, book, groups, g: Group, user: TwUser, moment, is_hub, weight_of, decorate) -> Tweet:
    kinds = g.hub_kinds if is_hub else g.member_kinds
    kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
    source = g
    if kind in ("repost", "reply", "mention") and rng.chance(g.cross):
        source = rng.choice([x for x in groups if x is not g] or [g])
    if kind in ("repost", "reply"):
        target = _target(rng, source, user, weight_of)
        if target is not None:
            if kind == "repost":
                return coll.retweet(user, target, moment)
            return coll.reply(user, target, moment, decorate(book.say(f"{g.texts}_reply")))
        kind = "post"
    if kind == "mention":
        hubs = [h for h in source.hubs if h.id != user.id]
        if hubs:
            hub = rng.choice(hubs)
            text = decorate(book.say(f"{g.texts}_mention", hub=f"@{hub.username}"))
            return _original(rng, coll, g, user, moment, text, is_hub)
    text = decorate(book.say(f"{g.texts}_post"))
    return _original(rng, coll, g, user, moment, text, is_hub)


def _original(rng, coll, g: Group, user, moment, text, is_hub) -> Tweet:
    t = coll.tweet(user, moment, text, like_count=int(rng.lognormal(25 if is_hub else 1.2, 1.0)))
    g.originals.append(t)
    if len(g.originals) > 4 * RECENT:
        del g.originals[: 2 * RECENT]
    return t


def _target(rng: Rng, g: Group, user: TwUser, weight_of) -> Tweet | None:
    recent = [t for t in g.originals[-RECENT:] if t.author.id != user.id]
    if not recent:
        return None
    n = len(recent)
    weights = [weight_of.get(t.author.id, 1.0) * (0.3 + i / n) for i, t in enumerate(recent)]
    return rng.choices(recent, weights=weights)[0]
