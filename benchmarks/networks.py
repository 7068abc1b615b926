"""Network benchmark: a mention network from 1M generated tweets, and a networkx baseline.

Usage::

    .venv/bin/python benchmarks/networks.py [--tweets 1000000] [--accounts 600000]
        [--baseline-tweets 100000] [--no-baseline] [--workdir DIR]

Generates the interactions of ``--tweets`` tweets straight into a civicnet store with
SQL (no JSON, no importer: this measures the network stage), with community structure
(50 groups; 80 % of ties stay inside the group) and skewed activity and attention. Then
times each step of civicnet's network stage on it — build (DuckDB → arrays), igraph
graph, PageRank, Leiden, estimated betweenness (sampled sources), GEXF export —
with each step's seconds and peak resident memory (sampled every 5 ms). In the same run
it builds a ``--baseline-tweets`` case and runs the same steps with networkx (as 4CAT
and most peers do) and with civicnet, for comparison. Betweenness samples 256 sources on the baseline case
(both libraries) and, on the large case, as many as civicnet's work budget allows
(see ``civicnet.networks.metrics.sample_size``).

Prints a table; writes nothing outside ``--workdir`` (a temporary folder by default).
Target (issue 4): the 1M-tweet network steps together ≤ 10 s and ≤ 3 GB on 2 cores.
"""

from __future__ import annotations

import argparse
import gc
import os
import tempfile
import threading
import time
from pathlib import Path

from civicnet.case import load_case
from civicnet.networks import build_network
from civicnet.networks import communities as C
from civicnet.networks.metrics import betweenness, node_metrics, to_igraph, undirected
from civicnet.networks.reach import compute_reach
from civicnet.networks.result import NetworkResult
from civicnet.store.db import Store

GROUPS = 50


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class Step:
    """Times a block and samples the process's resident memory while it runs."""

    rows: list[tuple[str, str, float, float, float]] = []

    def __init__(self, suite: str, name: str):
        self.suite, self.name = suite, name

    def __enter__(self):
        gc.collect()
        self.peak = rss_mb()
        self.running = True
        self.thread = threading.Thread(target=self._sample, daemon=True)
        self.thread.start()
        self.t0 = time.perf_counter()
        self.c0 = time.process_time()
        return self

    def _sample(self):
        while self.running:
            self.peak = max(self.peak, rss_mb())
            time.sleep(0.005)

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.t0
        self.cpu = time.process_time() - self.c0
        self.running = False
        self.thread.join()
        self.peak = max(self.peak, rss_mb())
        Step.rows.append((self.suite, self.name, self.seconds, self.peak, self.cpu))
        print(f"  {self.suite:<16} {self.name:<38} {self.seconds:7.2f} s {self.cpu:7.2f} s {self.peak:7.0f} MB",
              flush=True)


def generate(workdir: Path, tweets: int, accounts: int, seed: float = 0.42):
    """A store and case holding ``tweets`` generated tweets and their interactions."""
    dummy = workdir / "generated.jsonl"
    dummy.write_text("", encoding="utf-8")
    case_path = workdir / f"bench-{tweets}.yaml"
    case_path.write_text(
        f"id: bench-{tweets}\ntitle: generated\nsources:\n  - {{format: twitter-v2, path: generated.jsonl}}\n"
        "government:\n  - {handle: u0}\n  - {handle: u1}\n  - {handle: u7}\n", encoding="utf-8")
    case = load_case(case_path)
    store = Store(workdir / f"bench-{tweets}.duckdb")
    con = store.con
    store.sql(f"SELECT setseed({seed})")
    n, a, g = tweets, accounts, GROUPS
    store.sql(f"""
        INSERT INTO account (platform, id, handle, name)
        SELECT 'twitter', i::VARCHAR, 'u' || i, 'User ' || i FROM range({a}) t(i)""")
    store.sql(f"INSERT INTO case_account SELECT '{case.id}', 'twitter', i::VARCHAR FROM range({a}) t(i)")
    # author: skewed activity; target: skewed attention, 80 % inside the author's group
    store.sql(f"""
        CREATE TEMP TABLE gen AS
        SELECT i, least({a} - 1, floor({a} * pow(random(), 1.6)))::BIGINT AS author, random() AS r_kind,
               random() AS r_in, pow(random(), 3.0) AS r_t, floor(random() * {g})::BIGINT AS other
        FROM range({n}) t(i)""")
    store.sql(f"""
        CREATE TEMP TABLE gen2 AS
        SELECT i, author,
               CASE WHEN r_kind < 0.4 THEN 'repost' WHEN r_kind < 0.6 THEN 'reply'
                    WHEN r_kind < 0.9 THEN 'mention' ELSE 'post' END AS kind,
               (floor(r_t * ({a} / {g} - 1)) * {g} + CASE WHEN r_in < 0.8 THEN author % {g} ELSE other END)::BIGINT AS target
        FROM gen""")
    store.sql(f"""
        INSERT INTO message (platform, id, account, created_at, text, language, kind)
        SELECT 'twitter', 'm' || i, author::VARCHAR, TIMESTAMP '2014-02-15' + INTERVAL (i) SECOND,
               CASE kind WHEN 'repost' THEN 'RT @u' || target || ': nieuws #groep' || (target % {g})
                         WHEN 'post' THEN 'gewoon een bericht #groep' || (author % {g})
                         ELSE '@u' || target || ' wat vind jij? #groep' || (author % {g}) END,
               'nl', CASE kind WHEN 'mention' THEN 'post' ELSE kind END
        FROM gen2""")
    store.sql(f"INSERT INTO case_message SELECT '{case.id}', 'twitter', 'm' || i, true FROM gen2")
    store.sql("""
        CREATE TEMP TABLE gen_i AS
        SELECT 'k' || i || 'm' AS key, 'twitter' AS platform, 'mention' AS kind, author::VARCHAR AS s,
               target::VARCHAR AS t, 'm' || i AS message FROM gen2 WHERE kind <> 'post'
        UNION ALL
        SELECT 'k' || i || 'x', 'twitter', kind, author::VARCHAR, target::VARCHAR, 'm' || i
        FROM gen2 WHERE kind IN ('repost', 'reply')""")
    store.sql("""INSERT INTO interaction (key, platform, kind, source_account, target_account, message)
                 SELECT key, platform, kind, s, t, message FROM gen_i""")
    store.sql(f"INSERT INTO case_interaction SELECT '{case.id}', key FROM gen_i")
    for t in ("gen", "gen2", "gen_i"):
        store.sql(f"DROP TABLE {t}")
    con.execute("CHECKPOINT").fetchall()
    return store, case


def civicnet_steps(suite: str, store: Store, case, workdir: Path) -> None:
    with Step(suite, "build (DuckDB → arrays)"), store.case(case) as scope:
        net = build_network(scope, "mention", hashtags=False)
    print(f"  {'':<22} {net.n_nodes:,} nodes, {net.n_edges:,} edges")
    with Step(suite, "igraph graph + undirected"):
        g = to_igraph(net)
        ug = undirected(g)
    with Step(suite, "pagerank"):
        g.pagerank(directed=True, weights="weight", damping=0.85)
    with Step(suite, "leiden (modularity, seeded)"):
        community = C.renumber(C.detect(ug, "leiden", 42), net.ids)
    with Step(suite, "betweenness (sampled sources)"):
        _, method = betweenness(g, seed=42, exact_work=0)
    print(f"  {'':<22} {method}")
    with Step(suite, "other metrics (degree, eigen, clust.)"):
        metrics = node_metrics(net, g, ug, seed=42, exact_work=0, sources=1)  # betweenness timed above
    metrics.betweenness_method = method
    with Step(suite, "reach + summary"):
        reach = compute_reach(net, community, metrics.betweenness, threshold=case.reach_threshold)
        res = NetworkResult(net, ug, metrics, community, C.modularity(ug, community), "leiden", {}, reach, 42)
        res.summary()
    with Step(suite, "GEXF export"):
        res.write_gexf(workdir / f"{suite}.gexf")
    print(f"  {'':<22} modularity {res.modularity:.3f}, {int(community.max())} communities, "
          f"GEXF {os.path.getsize(workdir / f'{suite}.gexf') / 2**20:.0f} MB")


def networkx_steps(suite: str, store: Store, case, workdir: Path) -> None:
    import networkx as nx

    with store.case(case) as scope:
        net = build_network(scope, "mention", hashtags=False)
    with Step(suite, "networkx DiGraph from edge list"):
        G = nx.DiGraph()
        G.add_nodes_from(range(net.n_nodes))
        G.add_weighted_edges_from(zip(net.src.tolist(), net.dst.tolist(), net.weight.tolist()))
    with Step(suite, "pagerank"):
        nx.pagerank(G, alpha=0.85, weight="weight")
    with Step(suite, "louvain (networkx has no Leiden)"):
        UG = G.to_undirected()
        nx.community.louvain_communities(UG, weight="weight", seed=42)
    with Step(suite, "betweenness (k=256 sampled sources)"):
        nx.betweenness_centrality(G, k=256, normalized=False, weight=None, seed=42)
    with Step(suite, "GEXF export"):
        nx.write_gexf(G, workdir / f"{suite}.gexf")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tweets", type=int, default=1_000_000)
    ap.add_argument("--accounts", type=int, default=600_000)
    ap.add_argument("--baseline-tweets", type=int, default=100_000)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--workdir", type=Path)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = args.workdir or Path(tmp)
        workdir.mkdir(parents=True, exist_ok=True)
        print(f"  {'suite':<16} {'step':<38} {'wall':>9} {'cpu':>9} {'peak RSS':>10}")
        print(f"cores: {os.cpu_count()}; generating {args.tweets:,} tweets ({args.accounts:,} accounts)…", flush=True)
        t0 = time.perf_counter()
        store, case = generate(workdir, args.tweets, args.accounts)
        print(f"  generated in {time.perf_counter() - t0:.1f} s", flush=True)
        big = f"civicnet {args.tweets // 1000}k"
        civicnet_steps(big, store, case, workdir)
        store.close()
        if not args.no_baseline:
            n = args.baseline_tweets
            small, small_case = generate(workdir, n, max(1, args.accounts * n // args.tweets))
            civicnet_steps(f"civicnet {n // 1000}k", small, small_case, workdir)
            networkx_steps(f"networkx {n // 1000}k", small, small_case, workdir)
            small.close()
        target = ("build (DuckDB → arrays)", "pagerank", "leiden (modularity, seeded)",
                  "betweenness (sampled sources)", "GEXF export")
        steps = [r for r in Step.rows if r[0] == big and r[1] in target]
        total, cpu = sum(r[2] for r in steps), sum(r[4] for r in steps)
        peak = max(r[3] for r in Step.rows if r[0] == big)
        print(f"\n{big}: build + pagerank + leiden + betweenness + GEXF = {total:.2f} s wall, {cpu:.2f} s CPU "
              f"(target ≤ 10 s); peak RSS {peak / 1024:.2f} GB (target ≤ 3 GB)")
        with open("/proc/loadavg") as fh:
            print(f"load average during the run (other processes share the cores): {fh.read().split()[:3]}")
        for suite in sorted({r[0] for r in Step.rows if r[0] != big}):
            rows = [r for r in Step.rows if r[0] == suite]
            print(f"{suite}: {sum(r[2] for r in rows):.2f} s wall, {sum(r[4] for r in rows):.2f} s CPU over its steps")


if __name__ == "__main__":
    main()
