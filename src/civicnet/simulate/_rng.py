"""A seeded random source with the draws the generators need.

Every case draws from its own :class:`Rng`, seeded from the user's seed and the case
name, so one seed gives byte-identical files whatever else runs. Besides Python's
``random.Random`` draws it offers heavy-tailed activity weights, exact integer splits
of a total, weighted sampling without replacement and unique platform ids.
"""

from __future__ import annotations

import bisect
import itertools
import math
import random
from typing import Sequence, TypeVar

T = TypeVar("T")


class Rng:
    """Deterministic draws for one case (``random.Random`` seeded by text)."""

    def __init__(self, seed: int, name: str):
        self.r = random.Random(f"civicnet.simulate:{seed}:{name}")
        self._used_ids: set[str] = set()

    # -- plain draws ----------------------------------------------------------------------

    def random(self) -> float:
        return self.r.random()

    def chance(self, p: float) -> bool:
        return self.r.random() < p

    def randint(self, a: int, b: int) -> int:
        return self.r.randint(a, b)

    def choice(self, seq: Sequence[T]) -> T:
        return seq[self.r.randrange(len(seq))]

    def choices(self, seq: Sequence[T], weights: Sequence[float] | None = None, k: int = 1) -> list[T]:
        return self.r.choices(seq, weights=weights, k=k)

    def sample(self, seq: Sequence[T], k: int) -> list[T]:
        return self.r.sample(list(seq), k)

    def shuffle(self, items: list) -> None:
        self.r.shuffle(items)

    def lognormal(self, median: float, sigma: float) -> float:
        return median * math.exp(self.r.gauss(0.0, sigma))

    # -- heavy tails and exact totals -----------------------------------------------------

    def pareto_weights(self, n: int, alpha: float = 1.5, cap: float = 40.0) -> list[float]:
        """``n`` activity weights from a Pareto law (cut at ``cap``): a few very active, most seldom."""
        return [min(cap, self.r.paretovariate(alpha)) for _ in range(n)]

    def split(self, total: int, weights: Sequence[float], minimum: int = 0,
              maximum: int | None = None) -> list[int]:
        """Integers proportional to ``weights`` summing exactly to ``total``.

        Each share is at least ``minimum`` and at most ``maximum`` (when given);
        raises ValueError when the bounds make the total impossible.
        """
        n = len(weights)
        if n == 0:
            if total:
                raise ValueError("cannot split a non-zero total over nothing")
            return []
        if total < minimum * n or (maximum is not None and total > maximum * n):
            raise ValueError(f"cannot split {total} over {n} shares within [{minimum}, {maximum}]")
        shares = [minimum] * n
        rest = total - minimum * n
        wsum = float(sum(weights)) or 1.0
        raw = [rest * w / wsum for w in weights]
        for i, x in enumerate(raw):
            shares[i] += int(x)
        if maximum is not None:
            shares = [min(s, maximum) for s in shares]
        left = total - sum(shares)
        order = sorted(range(n), key=lambda i: (-(raw[i] - int(raw[i])), i))
        cycle = itertools.cycle(order)
        guard = 0
        while left > 0:
            i = next(cycle)
            if maximum is None or shares[i] < maximum:
                shares[i] += 1
                left -= 1
            guard += 1
            if guard > 10 * n + 10 * total:
                raise ValueError("cannot place the remainder within the bounds")
        return shares

    def weighted_pick(self, items: Sequence[T], weights: Sequence[float], k: int) -> list[T]:
        """``k`` draws with replacement, fast for many draws (cumulative weights)."""
        cum = list(itertools.accumulate(weights))
        top = cum[-1]
        r = self.r.random
        return [items[bisect.bisect_right(cum, r() * top)] for _ in range(k)]

    def weighted_sample(self, items: Sequence[T], weights: Sequence[float], k: int) -> list[T]:
        """``k`` distinct items, each drawn with probability growing with its weight.

        Efraimidis & Spirakis (2006): key = u^(1/w), keep the ``k`` largest keys.
        """
        if k >= len(items):
            return list(items)
        r = self.r.random
        keyed = [(r() ** (1.0 / w), i) for i, w in enumerate(weights) if w > 0]
        keyed.sort(reverse=True)
        return [items[i] for _, i in keyed[:k]]

    # -- identifiers ----------------------------------------------------------------------

    def unique_digits(self, digits: int, prefix: str = "") -> str:
        """A fresh id of ``digits`` digits (after ``prefix``), never given out twice."""
        while True:
            body = str(self.r.randrange(10 ** (digits - 1), 10 ** digits))
            value = prefix + body[len(prefix):] if prefix else body
            if value not in self._used_ids:
                self._used_ids.add(value)
                return value

    def claim(self, value: str) -> bool:
        """Reserve an id chosen elsewhere; False when it was taken already."""
        if value in self._used_ids:
            return False
        self._used_ids.add(value)
        return True
