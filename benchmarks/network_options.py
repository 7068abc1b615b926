"""igraph's options for betweenness and Leiden: time against error, to choose civicnet's defaults.

Usage::

    .venv/bin/python benchmarks/network_options.py [--sizes 10k,50k,250k] [--demo DIR]
        [--case CASE.yaml:STORE.duckdb ...] [--exact-seconds 60] [--until-stable-max-edges N]

Graphs: generated mention-like networks with planted groups (``--sizes`` nodes; 40 groups,
80 % of ties inside the group, about five ties per node with skewed attention, directed)
and, with ``--demo DIR`` (a ``civicnet demo --out DIR`` folder), the demo cases' main
networks as civicnet builds them, and with ``--case`` the main network of any case in a
store (the end-to-end benchmark's generated crisis cases: their skewed, loosely grouped
mention networks are harder for Leiden and for sampled betweenness than the planted ones).

Per graph it prints

* **betweenness** (``betweenness(directed=True, weights=None)``): exact where affordable (its
  time extrapolated from 32 sampled sources is at most ``--exact-seconds``), then the
  Brandes–Pich estimate from k sampled sources (seed 42, as civicnet draws them) for each k:
  wall and CPU seconds, Spearman rank correlation with exact over the accounts of non-zero
  exact betweenness (most accounts of a mention network have none: ties at zero would
  dominate a correlation over all), overlap of the top 10 and top 100 accounts, and the
  relative error of the top account's value. Where exact is not affordable, only time.
  (``--exact-seconds``: 60 by default.)
* **Leiden** (``community_leiden(objective_function="modularity", weights="weight")``,
  seeded) on the undirected, weight-collapsed graph, for ``n_iterations`` 1, 2, 3, 5 and
  -1 (until stable): seconds, modularity, number of communities, NMI with the
  until-stable partition and, on generated graphs, NMI with the planted groups.

CPU seconds are the process's (``time.process_time``); the load average is printed before
and after. Writes nothing; prints Markdown tables.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import igraph as ig
import numpy as np
from scipy.stats import spearmanr

from civicnet.networks import communities as C
from civicnet.networks.metrics import edge_graph, sample_size, undirected

SOURCES = (32, 64, 128, 256, 512)
ITERATIONS = (1, 2, 3, 5, -1)


def size(text: str) -> int:
    text = text.strip().lower()
    return int(float(text.rstrip("km")) * {"k": 1_000, "m": 1_000_000}.get(text[-1], 1))


def load() -> str:
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


def generated(n: int, groups: int = 40, ties: int = 5, inside: float = 0.8, seed: int = 7):
    """A directed planted-partition network of ``n`` nodes (ties from every node, skewed targets)."""
    rng = np.random.default_rng(seed)
    group = rng.integers(0, groups, n)
    members = [np.flatnonzero(group == g) for g in range(groups)]
    src = np.repeat(np.arange(n), ties)
    same = rng.random(src.size) < inside
    target_group = np.where(same, group[src], rng.integers(0, groups, src.size))
    dst = np.empty_like(src)
    for g in range(groups):
        pick = np.flatnonzero(target_group == g)
        ranks = np.minimum((rng.pareto(1.2, pick.size)).astype(np.int64), members[g].size - 1)  # skewed attention
        dst[pick] = members[g][ranks]
    keep = src != dst
    pairs = np.unique(np.column_stack([src[keep], dst[keep]]), axis=0)
    g = edge_graph(n, pairs[:, 0], pairs[:, 1], np.ones(len(pairs), dtype=np.int64), True)
    return g, group


def demo_networks(folder: Path):
    """(name, directed igraph graph) of each demo case's main network, built by civicnet."""
    data = folder / "data"
    for case_file in sorted(data.glob("*/case.yaml")):
        yield from case_networks(case_file, data / ".civicnet" / "store.duckdb")


def case_networks(case_file: Path, store_path: Path, allow_outside: bool = False):
    """(name, directed igraph graph) of a case's main network in a store, built by civicnet."""
    from civicnet.case import load_case
    from civicnet.networks import build_network
    from civicnet.networks.metrics import to_igraph
    from civicnet.store.db import Store

    case = load_case(case_file, allow_outside=allow_outside)
    with Store(store_path, read_only=True) as store, store.case(case) as scope:
        net = build_network(scope, case.networks[0], hashtags=False)
    yield f"{case.id} ({case.networks[0]}, {store_path.parent.name})", to_igraph(net)


def timed(fn):
    w, c = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w, time.process_time() - c


def top_overlap(a: np.ndarray, b: np.ndarray, k: int) -> float:
    k = min(k, a.size)
    return len(set(np.argsort(-a, kind="stable")[:k]) & set(np.argsort(-b, kind="stable")[:k])) / k if k else 1.0


def sampled(g: ig.Graph, k: int):
    """The Brandes–Pich estimate from ``k`` sources drawn as civicnet draws them, with its wall and CPU s."""
    n = g.vcount()
    chosen = np.sort(np.random.default_rng(42).choice(n, size=k, replace=False)).tolist()
    part, w, c = timed(lambda: np.asarray(g.betweenness(directed=True, weights=None, sources=chosen)))
    return part * (n / k), w, c


def betweenness_rows(name: str, g: ig.Graph, exact_seconds: float) -> list[str]:
    n, m = g.vcount(), g.ecount()
    rows = []
    exact = None
    probe = sampled(g, 32)[2] * n / 32 if n > 32 else 0.0
    if probe <= exact_seconds:
        exact, w, c = timed(lambda: np.asarray(g.betweenness(directed=True, weights=None)))
        rows.append(f"| {name} | {n:,} | {m:,} | exact | {w:.2f} | {c:.2f} | 1 | 1 | 1 | 0 |")
    civicnet_k = sample_size(g)
    for k in sorted(set(SOURCES) | {civicnet_k}):
        if k >= n:
            continue
        est, w, c = sampled(g, k)
        label = f"k = {k}" + (" (civicnet's)" if k == civicnet_k else "")
        if exact is None:
            rows.append(f"| {name} | {n:,} | {m:,} | {label} | {w:.2f} | {c:.2f} | – | – | – | – |")
            continue
        some = exact > 0
        rho = spearmanr(exact[some], est[some]).statistic if some.sum() > 2 and np.ptp(exact[some]) else float("nan")
        top = int(np.argmax(exact))
        err = abs(est[top] - exact[top]) / exact[top] if exact[top] else 0.0
        rows.append(f"| {name} | {n:,} | {m:,} | {label} | {w:.2f} | {c:.2f} | {'–' if np.isnan(rho) else f'{rho:.3f}'} | "
                    f"{top_overlap(exact, est, 10):.2f} | {top_overlap(exact, est, 100):.2f} | {err:.1%} |")
    return rows


def leiden_rows(name: str, g: ig.Graph, truth: np.ndarray | None, stable_max_edges: int) -> list[str]:
    ug = undirected(g)
    rows, parts = [], {}
    for it in ITERATIONS:
        if it == -1 and ug.ecount() > stable_max_edges:
            rows.append(f"| {name} | {ug.ecount():,} | until stable | (skipped: > {stable_max_edges:,} edges) | | | | |")
            continue
        def run():
            with C.seeded(42):
                return ug.community_leiden(objective_function="modularity", weights="weight", n_iterations=it)
        cl, w, c = timed(run)
        parts[it] = cl.membership
        q = ug.modularity(cl.membership, weights="weight")
        rows.append((it, w, c, q, len(cl), cl.membership))
    reference = parts.get(-1)
    out = []
    for row in rows:
        if isinstance(row, str):
            out.append(row)
            continue
        it, w, c, q, k, membership = row
        nmi = ig.compare_communities(reference, membership, method="nmi") if reference is not None else None
        planted = ig.compare_communities(truth.tolist(), membership, method="nmi") if truth is not None else None
        out.append(f"| {name} | {ug.ecount():,} | {'until stable' if it == -1 else it} | {w:.2f} | {c:.2f} | {q:.4f} | "
                   f"{k:,} | {'–' if nmi is None else f'{nmi:.3f}'} | {'–' if planted is None else f'{planted:.3f}'} |")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    ap.add_argument("--sizes", default="10k,50k,250k")
    ap.add_argument("--demo", type=Path, help="a `civicnet demo --out DIR` folder: also its main networks")
    ap.add_argument("--case", action="append", default=[], metavar="CASE.yaml:STORE.duckdb",
                    help="also this case's main network from this store (e.g. one `benchmarks/run e2e` built)")
    ap.add_argument("--exact-seconds", type=float, default=60.0,
                    help="compute exact betweenness where it should take at most this many CPU seconds")
    ap.add_argument("--until-stable-max-edges", type=int, default=1_500_000,
                    help="skip Leiden until stable above this many undirected edges")
    args = ap.parse_args()
    print(f"load before: {load()}")
    graphs = [(f"generated {size(s):,}", *generated(size(s))) for s in args.sizes.split(",") if s]
    if args.demo:
        graphs += [(name, g, None) for name, g in demo_networks(args.demo)]
    for spec in args.case:
        case_file, store_path = spec.split(":", 1)
        graphs += [(name, g, None) for name, g in case_networks(Path(case_file), Path(store_path), allow_outside=True)]
    between = ["| graph | nodes | edges | betweenness | wall s | CPU s | Spearman ρ | top-10 | top-100 | top account's error |",
               "|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"]
    leiden = ["| graph | undirected edges | n_iterations | wall s | CPU s | modularity | communities | NMI vs until stable | NMI vs planted |",
              "|---|---:|---|---:|---:|---:|---:|---:|---:|"]
    for name, g, truth in graphs:
        between += betweenness_rows(name, g, args.exact_seconds)
        leiden += leiden_rows(name, g, truth, args.until_stable_max_edges)
        print(f"  done: {name} (load {load()})", flush=True)
    print("\n" + "\n".join(between) + "\n\n" + "\n".join(leiden))
    print(f"\nload after: {load()}")


if __name__ == "__main__":
    main()
