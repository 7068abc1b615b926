"""Ambassadors: recall and precision at 5 on planted cases, and the time they add on a large network.

Usage::

    .venv/bin/python benchmarks/ambassadors.py [--seeds 10] [--sizes 60,150,400] [--noise 0.03,0.06]
        [--big 0]

1. For every size, noise level and seed: a case of :func:`civicnet.simulate.planted_bridges.planted_case`
   (two reached groups, three unreached ones), analysed as civicnet analyses a network (Leiden,
   reach); per unreached group (found as the community holding most of the planted group) the
   ambassadors' top 5 against the planted bridges: recall at 5 (planted bridges in the top 5 /
   planted bridges), precision at 5 (planted bridges in the top 5 / accounts in it), and how many
   decoys made a top 5. Prints one row per size and noise level (means over seeds and groups).
2. With ``--big N``: a planted case of about N accounts (50 groups), and the seconds
   :func:`~civicnet.networks.ambassadors.find_ambassadors` takes on it (one run; the machine is shared).

Writes nothing.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from civicnet.networks import analyse_network
from civicnet.networks.ambassadors import find_ambassadors
from civicnet.networks.reach import compute_reach
from civicnet.simulate.planted_bridges import planted_case


def evaluate(seed: int, size: int, noise: float) -> list[tuple[float, float, int]]:
    """(recall, precision, decoys) at 5 for each unreached planted group of one case."""
    p = planted_case(seed=seed, reached=2, unreached=3, size=size, noise=noise)
    res = analyse_network(p.net)
    found = find_ambassadors(p.net, res.community, res.reach)
    index = {x: i for i, x in enumerate(p.net.ids)}
    rows = []
    for group, bridges in p.bridges.items():
        comm = int(np.bincount(res.community[[index[m] for m in p.groups[group]]]).argmax())
        top = {p.net.ids[a.node] for a in found.get(comm, [])}
        hits = len(top & set(bridges))
        rows.append((hits / len(bridges), hits / len(top) if top else 0.0, len(top & set(p.decoys))))
    return rows


def timing(accounts: int) -> None:
    size = max(accounts // 50, 10)
    t = time.perf_counter()
    p = planted_case(seed=1, reached=5, unreached=45, size=size, per_member=2)
    print(f"generated {p.net.n_nodes:,} accounts, {p.net.n_edges:,} ties in {time.perf_counter() - t:.1f} s")
    rng = np.random.default_rng(0)
    community = np.zeros(p.net.n_nodes, dtype=np.int64)
    index = {x: i for i, x in enumerate(p.net.ids)}
    for c, members in enumerate(sorted(p.groups.values(), key=len, reverse=True), 1):
        community[[index[m] for m in members]] = c
    community[community == 0] = rng.integers(1, 51, int((community == 0).sum()))
    reach = compute_reach(p.net, community, np.zeros(p.net.n_nodes))
    t = time.perf_counter()
    found = find_ambassadors(p.net, community, reach)
    print(f"find_ambassadors: {time.perf_counter() - t:.2f} s for {len(reach.unreached)} unreached groups, "
          f"{sum(map(len, found.values()))} candidates")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=10)
    ap.add_argument("--sizes", default="60,150,400")
    ap.add_argument("--noise", default="0.03,0.06")
    ap.add_argument("--big", type=int, default=0)
    args = ap.parse_args()
    print("| accounts per group | noise | groups | recall@5 | precision@5 | decoys in a top 5 |")
    print("|---|---|---|---|---|---|")
    for size in map(int, args.sizes.split(",")):
        for noise in map(float, args.noise.split(",")):
            rows = np.array([r for s in range(args.seeds) for r in evaluate(s, size, noise)])
            print(f"| {size} | {noise:.2f} | {len(rows)} | {rows[:, 0].mean():.2f} (min {rows[:, 0].min():.2f}) "
                  f"| {rows[:, 1].mean():.2f} | {int(rows[:, 2].sum())} |")
    if args.big:
        timing(args.big)


if __name__ == "__main__":
    main()
