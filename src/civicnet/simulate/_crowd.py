"""Who writes what: spreading a case's messages over its people.

The report's figures fix totals (messages, participants); these helpers hand out
exactly that many messages so that every participant writes at least one and the
rest follow heavy-tailed activity weights, within the planted groups.
"""

from __future__ import annotations

from datetime import date
from typing import Sequence, TypeVar

from ._rng import Rng

T = TypeVar("T")
S = TypeVar("S")


def fill_slots(rng: Rng, slots: Sequence[S], people: Sequence[T], weights: Sequence[float]) -> list[tuple[S, T]]:
    """Pair every slot with a person: each person at least once, the rest by weight."""
    if len(slots) < len(people):
        raise ValueError(f"{len(slots)} messages cannot give {len(people)} people one each")
    order = list(range(len(slots)))
    rng.shuffle(order)
    who: list = [None] * len(slots)
    for person, i in zip(people, order[: len(people)]):
        who[i] = person
    extra = rng.weighted_pick(list(people), list(weights), len(slots) - len(people)) if len(slots) > len(people) else []
    for i, person in zip(order[len(people):], extra):
        who[i] = person
    return list(zip(slots, who))


def mix(rng: Rng, total: int, shares: dict[str, float]) -> dict[str, int]:
    """``total`` split over groups by ``shares`` (exact, deterministic)."""
    names = list(shares)
    return dict(zip(names, rng.split(total, [shares[n] for n in names])))


def spread_days(rng: Rng, days: Sequence[date], total: int, weights: Sequence[float] | None = None) -> list[date]:
    """``total`` days drawn from ``days`` (with repeats), sorted; ``weights`` shape the traffic."""
    counts = rng.split(total, weights or [1.0] * len(days))
    out: list[date] = []
    for day, n in zip(days, counts):
        out.extend([day] * n)
    return out
