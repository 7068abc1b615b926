"""End-to-end benchmark: ``civicnet run`` on generated twarc2 cases, stage by stage.

Run through ``benchmarks/run e2e [--sizes 100k,1M[,5M]] [--repeat N]``; see
benchmarks/README.md. For each size it

1. generates a twarc2 file with planted structure once (``benchmarks/data/``, seeded):
   groups, government accounts that reach only half of them, and citizens' questions
   to government of which most are answered (``generate_twarc2.py --groups``);
2. runs :func:`civicnet.reports.run.run_case` in a child process on a fresh store
   (the work ``civicnet run`` does), with a progress callback that timestamps each
   stage ("run: ingest" … "run: pdf"): wall and CPU seconds (all threads of the child)
   and peak resident memory per stage (sampled every 5 ms), and the child's overall
   peak RSS from ``wait4``;
3. in the same run, the baselines: the stdlib ``json`` module merely parsing the same
   file; the **peer stack** on the same file (:func:`child_peer`: stdlib ``json``, a
   networkx ``DiGraph`` of who retweets, quotes, replies to and mentions whom, PageRank,
   Louvain and a GEXF file, as twarc-network users do), stage by stage; and (at 100k)
   the network steps with networkx next to civicnet's (``networks.py``), on the store the
   run left behind;
4. prints each stage of the run (wall, CPU, peak memory) as a ratio to the json parse and
   to the whole peer stack of the same invocation (:func:`ratio_table`).

The parent part (``bench``) uses the standard library only, as ``benchmarks/run``
runs under any Python 3; the children run in the project's venv. ``bench`` prints a
table and writes the measured section of ``benchmarks/E2E.md`` (between the
``e2e:begin``/``e2e:end`` markers; the analysis around it is kept).
"""

from __future__ import annotations

import json
import math
import os
import platform
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV_PY = ROOT / ".venv" / "bin" / "python"
STAGES = ("ingest", "networks", "government", "communities", "text", "messages", "summary", "tables", "factsheet", "pdf")
GROUPS, GOVERNMENT, QUESTIONS = 40, 3, 0.03
TWEETS_PER_ACCOUNT = 4  # crisis collections: a few tweets per account on average
BEGIN, END = "<!-- e2e:begin -->", "<!-- e2e:end -->"
JSON_BASELINE = "import json, sys\nfor line in open(sys.argv[1], 'rb'):\n    json.loads(line)\n"


# -- child: one timed run --------------------------------------------------------------------


def _rss_mb(children: list[str] | None = None) -> float:
    """Resident memory of this process plus its running children (the network stage's worker)."""
    pages = 0
    for pid in ["self"] + (_children() if children is None else children):
        try:
            with open(f"/proc/{pid}/statm") as fh:
                pages += int(fh.read().split()[1])
        except (OSError, IndexError, ValueError):  # the child ended meanwhile
            pass
    return pages * os.sysconf("SC_PAGE_SIZE") / 2**20


def _children() -> list[str]:
    """Running child processes of civicnet's own (the network worker). Other children are
    short forks (WeasyPrint's library lookup runs ``ldconfig``) whose copied-on-write pages
    would be counted twice."""
    pids = []
    for task in os.listdir("/proc/self/task"):
        try:
            with open(f"/proc/self/task/{task}/children") as fh:
                pids += fh.read().split()
        except OSError:
            pass
    ours = []
    for pid in pids:
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if b"civicnet" in fh.read():
                    ours.append(pid)
        except OSError:
            pass
    return ours


def _cpu() -> float:
    """CPU seconds of this process (all threads) and of its ended, waited-for children."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


class StageClock:
    """A progress callback that records wall, CPU and peak RSS between "run: X" calls."""

    def __init__(self):
        self.rows: list[dict] = []
        self.current: str | None = None
        self.peak = 0.0
        self.running = True
        threading.Thread(target=self._sample, daemon=True).start()

    def _sample(self) -> None:
        """Every 5 ms; the children are looked up every 100 ms (listing them costs more)."""
        n, children = 0, []
        while self.running:
            if n % 20 == 0:
                children = _children()
            self.peak = max(self.peak, _rss_mb(children))
            n += 1
            time.sleep(0.005)

    def __call__(self, description: str, completed: int, total) -> None:
        if not description.startswith("run: "):
            return
        now, cpu = time.perf_counter(), _cpu()
        if self.current is not None:
            self.rows.append({"stage": self.current, "wall": now - self.t0, "cpu": cpu - self.c0,
                              "peak_mb": max(self.peak, _rss_mb())})
        self.current = description[5:] if description != "run: done" else None
        self.t0, self.c0, self.peak = now, cpu, _rss_mb()


def child_run(case: str, out: str, store: str, result: str) -> None:
    """Run the case and write the stage timings as JSON to ``result``."""
    start, cpu0 = time.perf_counter(), time.process_time()
    from civicnet.reports.run import run_case

    clock = StageClock()
    imports = {"stage": "start", "wall": time.perf_counter() - start, "cpu": time.process_time() - cpu0,
               "peak_mb": _rss_mb()}
    run = run_case(case, out, store_path=store, progress=clock, allow_outside=True)  # the file is in benchmarks/data
    clock.running = False
    net = run.summary["networks"].get("mention", {})
    gov = run.summary["government"]
    facts = {"messages": run.summary["counts"]["messages"], "nodes": net.get("nodes"), "edges": net.get("edges"),
             "communities": len(net.get("communities", [])), "modularity": net.get("modularity"),
             "betweenness_method": net.get("betweenness_method"),
             "questions_received": gov["questions_received"], "questions_answered": gov["questions_answered"],
             "reached": len(gov["reached_communities"]), "unreached": len(gov["unreached_communities"]),
             "files_mb": {p.name: round(p.stat().st_size / 1e6, 1) for p in run.files}}
    Path(result).write_text(json.dumps({"stages": [imports] + clock.rows, "facts": facts}))


def child_peer(data: str, out: str, result: str) -> None:
    """The peer stack on a twarc2 file, stage by stage: what a twarc-network user runs.

    ``parse``: stdlib ``json`` over every line (a twarc2 page: ``data``, ``includes``), one
    line at a time, keeping of each tweet only its ties: from its author to the author of the
    tweet it retweets, quotes or replies to and to each account it mentions (as
    twarc-network reads a file); ``graph``: a networkx ``DiGraph`` of accounts (ids) with those
    ties weighted by count; ``pagerank``: ``nx.pagerank(weight="weight")``; ``louvain``:
    ``nx.community.louvain_communities`` on the undirected graph (seed 42); ``gexf``:
    ``nx.write_gexf`` with the PageRank and community of each node.
    """
    from collections import Counter

    import networkx as nx

    clock = StageClock()
    clock("run: parse", 0, 5)
    ties: Counter = Counter()
    accounts = set()
    with open(data, "rb") as fh:
        for line in fh:
            page = json.loads(line)
            authors = {t["id"]: t["author_id"] for t in page.get("includes", {}).get("tweets", [])}
            for t in page.get("data", []):
                authors[t["id"]] = t["author_id"]
            for t in page.get("data", []):
                src = t["author_id"]
                accounts.add(src)
                targets = [authors.get(r["id"]) for r in t.get("referenced_tweets", [])]
                targets += [m.get("id") for m in t.get("entities", {}).get("mentions", [])]
                for dst in targets:
                    if dst and dst != src:
                        ties[src, dst] += 1
    clock("run: graph", 1, 5)
    g = nx.DiGraph()
    g.add_nodes_from(sorted(accounts))  # a set's order changes with the hash seed; Louvain's result with it
    g.add_weighted_edges_from((src, dst, w) for (src, dst), w in ties.items())
    del ties, accounts
    clock("run: pagerank", 2, 5)
    rank = nx.pagerank(g, weight="weight")
    clock("run: louvain", 3, 5)
    groups = nx.community.louvain_communities(g.to_undirected(), weight="weight", seed=42)
    clock("run: gexf", 4, 5)
    for i, members in enumerate(groups):
        for node in members:
            g.nodes[node]["community"] = i
    nx.set_node_attributes(g, rank, "pagerank")
    nx.write_gexf(g, str(Path(out) / "peer.gexf"))
    clock("run: done", 5, 5)
    clock.running = False
    facts = {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "communities": len(groups)}
    Path(result).write_text(json.dumps({"stages": clock.rows, "facts": facts}))


def child_networkx(case: str, store: str, result: str) -> None:
    """civicnet's and networkx's network steps on the store a run left (``networks.py``)."""
    sys.path.insert(0, str(HERE))
    import networks as nb  # benchmarks/networks.py

    from civicnet.case import load_case
    from civicnet.store.db import Store

    case_obj = load_case(case, allow_outside=True)
    with Store(store) as st, tempfile.TemporaryDirectory() as tmp:
        nb.civicnet_steps("civicnet", st, case_obj, Path(tmp))
        nb.networkx_steps("networkx", st, case_obj, Path(tmp))
    rows = [{"suite": s, "step": n, "wall": w, "peak_mb": p, "cpu": c} for s, n, w, p, c in nb.Step.rows]
    Path(result).write_text(json.dumps(rows))


# -- parent ----------------------------------------------------------------------------------


def timed(cmd: list[str]) -> tuple[float, float, int, str]:
    """Run ``cmd``; (wall s, CPU s, peak RSS MB, stdout) of that child alone."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"{' '.join(cmd)} failed:\n{out[-4000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss // 1024, out


def ensure_file(n: int) -> Path:
    path = HERE / "data" / f"twarc2_planted_{n}.jsonl"
    if not path.exists():
        subprocess.run([str(VENV_PY), str(HERE / "generate_twarc2.py"), str(n), "--out", str(path),
                        "--accounts", str(max(200, n // TWEETS_PER_ACCOUNT)), "--groups", str(GROUPS), "--government", str(GOVERNMENT), "--questions", str(QUESTIONS)],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def write_case(folder: Path, data: Path) -> Path:
    roles = ("communications", "civil_servant", "senior_official")
    gov = "".join(f"  - {{handle: gov{j}_gemeente, role: {roles[j % 3]}, body: Gemeente Bench, level: local}}\n"
                  for j in range(GOVERNMENT))
    case = folder / "case.yaml"
    case.write_text(f"id: bench\ntitle: bench\nlanguage: nl\nsources:\n  - {{format: twitter-v2, path: {data}}}\n"
                    f"government:\n{gov}", encoding="utf-8")
    return case


def load() -> str:
    with open("/proc/loadavg") as fh:
        return " ".join(fh.read().split()[:3])


def one_run(n: int, data: Path, keep: Path | None) -> dict:
    """One end-to-end run in a child on a fresh store; the store is kept in ``keep`` if given."""
    with tempfile.TemporaryDirectory(dir=HERE / "data") as tmp:
        tmp = Path(tmp)
        case = write_case(tmp, data)
        result = tmp / "result.json"
        before = load()
        wall, cpu, rss, _ = timed([str(VENV_PY), str(Path(__file__)), "child", str(case), str(tmp / "out"),
                                   str(tmp / "store.duckdb"), str(result)])
        rec = json.loads(result.read_text())
        # wait4's peak is the largest single process; the stages' samples add the running worker
        rss = max([rss] + [round(st["peak_mb"]) for st in rec["stages"]])
        rec.update(n=n, wall=wall, cpu=cpu, rss_mb=rss, load=f"{before} → {load()}",
                   store_mb=round((tmp / "store.duckdb").stat().st_size / 1e6))
        if keep is not None:
            keep.mkdir(parents=True, exist_ok=True)
            shutil.copy(tmp / "store.duckdb", keep / "store.duckdb")
            shutil.copy(case, keep / "case.yaml")
        return rec


def networkx_baseline(keep: Path) -> list[dict]:
    result = keep / "networkx.json"
    timed([str(VENV_PY), str(Path(__file__)), "networkx", str(keep / "case.yaml"), str(keep / "store.duckdb"),
           str(result)])
    return json.loads(result.read_text())


def versions() -> str:
    code = ("import duckdb, igraph, pyarrow, networkx, weasyprint, platform, civicnet;"
            "print(f'Python {platform.python_version()}, DuckDB {duckdb.__version__}, igraph {igraph.__version__}, "
            "pyarrow {pyarrow.__version__}, networkx {networkx.__version__}, WeasyPrint {weasyprint.__version__}, "
            "civicnet {civicnet.__version__}')")
    return subprocess.run([str(VENV_PY), "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def machine() -> str:
    model = ""
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as fh:
        mem = int(fh.readline().split()[1]) / 2**20
    return f"{os.cpu_count()} cores ({model}, {platform.machine()}), {mem:.0f} GB RAM"


def stage_table(runs: list[dict]) -> list[str]:
    """Markdown rows: per size (best run by wall), each stage's wall / CPU s and peak MB."""
    lines = ["| stage | " + " | ".join(f"{r['n']:,} wall s | CPU s | peak MB" for r in runs) + " |",
             "|---|" + "---:|---:|---:|" * len(runs)]
    for stage in ("start",) + STAGES:
        cells = []
        for r in runs:
            row = next((s for s in r["stages"] if s["stage"] == stage), None)
            cells.append(f"{row['wall']:.2f} | {row['cpu']:.2f} | {row['peak_mb']:,.0f}" if row else "– | – | –")
        lines.append(f"| {stage if stage != 'start' else 'process start, imports'} | " + " | ".join(cells) + " |")
    lines.append("| **total (child)** | " + " | ".join(
        f"**{r['wall']:.1f}** | **{r['cpu']:.1f}** | **{r['rss_mb']:,}**" for r in runs) + " |")
    return lines


def exponent(runs: list[dict], a: int, b: int, key: str) -> float | None:
    ra = [r[key] for r in runs if r["n"] == a]
    rb = [r[key] for r in runs if r["n"] == b]
    if not ra or not rb:
        return None
    return math.log(min(rb) / min(ra)) / math.log(b / a)


def stage_exponents(ra: dict, rb: dict) -> list[tuple[str, float]]:
    """(stage, CPU-time exponent) between two runs of different sizes."""
    out = []
    for stage in STAGES:
        a = next((s["cpu"] for s in ra["stages"] if s["stage"] == stage), None)
        b = next((s["cpu"] for s in rb["stages"] if s["stage"] == stage), None)
        if a and b:
            out.append((stage, math.log(b / a) / math.log(rb["n"] / ra["n"])))
    return out


def report(runs: list[dict], baselines: dict, nx_rows: list[dict], failed: dict) -> list[str]:
    best = {}
    for r in runs:
        if r["n"] not in best or r["wall"] < best[r["n"]]["wall"]:
            best[r["n"]] = r
    chosen = [best[n] for n in sorted(best)]
    out = [f"Measured {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC on {machine()}.", f"Versions: {versions()}.", "",
           "Per stage, the fastest of the repeats by wall time (CPU = user + system of all threads of the child and of its worker process; "
           "peak MB = resident memory of the process and its worker process, sampled every 5 ms during the stage; total peak: the larger of that and `wait4`'s):", ""]
    out += stage_table(chosen)
    out += ["", "Every repeat (wall s / CPU s / peak MB; load average before → after):", ""]
    for r in runs:
        out.append(f"- {r['n']:,} tweets: {r['wall']:.1f} / {r['cpu']:.1f} / {r['rss_mb']:,} (load {r['load']}); "
                   f"store {r['store_mb']:,} MB; outputs (MB) {r['facts']['files_mb']}")
    for r in chosen:
        f = r["facts"]
        out.append(f"- {r['n']:,}: {f['messages']:,} messages, mention network {f['nodes']:,} nodes / {f['edges']:,} "
                   f"edges, {f['communities']} communities (modularity {f['modularity']:.3f}), betweenness "
                   f"{f['betweenness_method']!r}; questions {f['questions_received']:,} received, "
                   f"{f['questions_answered']:,} answered; communities reached {f['reached']}, not {f['unreached']}")
    for n, msg in failed.items():
        out.append(f"- {n:,}: **did not complete**: {msg}")
    sizes = sorted(best)
    for a, b in zip(sizes, sizes[1:]):  # each step up in size (issue 22 asks the one from 1M to 5M)
        ew, ec = exponent(runs, a, b, "wall"), exponent(runs, a, b, "cpu")
        out += ["", f"Cost exponent from {a:,} to {b:,} tweets (log(t2/t1)/log(n2/n1), fastest repeats): "
                    f"wall {ew:.2f}, CPU {ec:.2f} (1.00 = linear).", "",
                "Per stage (CPU seconds of the fastest repeats; fixed costs such as the PDF pull the total below 1): "
                + ", ".join(f"{st} {e:.2f}" for st, e in stage_exponents(best[a], best[b]))]
    out += ["", "Baseline: stdlib `json` merely parsing the same file (one child, one core):", "",
            "| tweets | file MB | json wall s | json CPU s | json peak MB | civicnet run wall s | ingest stage wall s |",
            "|---:|---:|---:|---:|---:|---:|---:|"]
    for n, (mb, w, c, rss) in sorted(baselines.items()):
        r = best.get(n)
        ing = next((s["wall"] for s in r["stages"] if s["stage"] == "ingest"), None) if r else None
        out.append(f"| {n:,} | {mb:,.0f} | {w:.1f} | {c:.1f} | {rss:,} | "
                   f"{r['wall']:.1f} | {ing:.1f} |" if r else f"| {n:,} | {mb:,.0f} | {w:.1f} | {c:.1f} | {rss:,} | – | – |")
    if nx_rows:
        out += ["", f"Baseline at {min(sizes):,} tweets: the network steps with civicnet (igraph) and networkx on the "
                    "store of that run (`networks.py` steps; networkx has no Leiden: Louvain; betweenness: civicnet "
                    "samples by its work budget, networkx k=256):", "",
                "| suite | step | wall s | CPU s | peak MB |", "|---|---|---:|---:|---:|"]
        for row in nx_rows:
            out.append(f"| {row['suite']} | {row['step']} | {row['wall']:.2f} | {row['cpu']:.2f} | {row['peak_mb']:,.0f} |")
        for suite in ("civicnet", "networkx"):
            rows = [x for x in nx_rows if x["suite"] == suite]
            out.append(f"| {suite} | **all steps** | **{sum(x['wall'] for x in rows):.1f}** | "
                       f"**{sum(x['cpu'] for x in rows):.1f}** | |")
    return out


def ratio_table(run: dict, json_base: tuple, peer: dict | None) -> list[str]:
    """Markdown rows: each stage of one run as a ratio to the json parse and to the whole peer stack."""
    _, jw, jc, jrss = json_base
    pw, pc, prss = (peer["wall"], peer["cpu"], peer["rss_mb"]) if peer else (None, None, None)

    def r(a, b):
        return f"{a / b:.2f}" if b else "–"

    lines = [f"| stage ({run['n']:,} tweets) | wall s | CPU s | peak MB | wall ÷ json | CPU ÷ json | peak ÷ json "
             "| wall ÷ peer | CPU ÷ peer | peak ÷ peer |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for st in run["stages"]:
        name = st["stage"] if st["stage"] != "start" else "process start, imports"
        lines.append(f"| {name} | {st['wall']:.2f} | {st['cpu']:.2f} | {st['peak_mb']:,.0f} | {r(st['wall'], jw)} | "
                     f"{r(st['cpu'], jc)} | {r(st['peak_mb'], jrss)} | {r(st['wall'], pw)} | {r(st['cpu'], pc)} | "
                     f"{r(st['peak_mb'], prss)} |")
    lines.append(f"| **civicnet run** | **{run['wall']:.1f}** | **{run['cpu']:.1f}** | **{run['rss_mb']:,}** | "
                 f"**{r(run['wall'], jw)}** | **{r(run['cpu'], jc)}** | **{r(run['rss_mb'], jrss)}** | "
                 f"**{r(run['wall'], pw)}** | **{r(run['cpu'], pc)}** | **{r(run['rss_mb'], prss)}** |")
    lines.append(f"| stdlib json parse | {jw:.2f} | {jc:.2f} | {jrss:,} | 1 | 1 | 1 | {r(jw, pw)} | {r(jc, pc)} | "
                 f"{r(jrss, prss)} |")
    if peer:
        for st in peer["stages"]:
            lines.append(f"| peer: {st['stage']} | {st['wall']:.2f} | {st['cpu']:.2f} | {st['peak_mb']:,.0f} | "
                         f"{r(st['wall'], jw)} | {r(st['cpu'], jc)} | {r(st['peak_mb'], jrss)} | {r(st['wall'], pw)} | "
                         f"{r(st['cpu'], pc)} | {r(st['peak_mb'], prss)} |")
        lines.append(f"| **peer stack** | **{pw:.1f}** | **{pc:.1f}** | **{prss:,}** | **{r(pw, jw)}** | **{r(pc, jc)}** "
                     f"| **{r(prss, jrss)}** | 1 | 1 | 1 |")
    return lines


def ratio_report(runs: list[dict], baselines: dict, peers: dict) -> list[str]:
    """Per size (fastest run by wall): the stage ratios to the json parse and the peer stack of this invocation."""
    best = {}
    for r in runs:
        if r["n"] not in best or r["wall"] < best[r["n"]]["wall"]:
            best[r["n"]] = r
    out = ["", "Ratios, in one invocation on the same file: each stage of `civicnet run` (the fastest repeat) to the "
               "stdlib `json` parse and to the whole peer stack (json parse + networkx DiGraph + PageRank + Louvain + "
               "GEXF write, as twarc-network users do: `e2e.py` `child_peer`); peak memory likewise:", ""]
    for n in sorted(best):
        if n not in baselines:
            continue
        out += ratio_table(best[n], baselines[n], peers.get(n)) + [""]
        if n in peers:
            f = peers[n]["facts"]
            out.append(f"- peer stack at {n:,}: {f['nodes']:,} accounts, {f['edges']:,} edges, {f['communities']:,} "
                       f"Louvain communities; load {peers[n]['load']}")
            out.append("")
    return out


def write_md(lines: list[str]) -> None:
    path = HERE / "E2E.md"
    text = path.read_text(encoding="utf-8") if path.exists() else f"# End-to-end benchmark\n\n{BEGIN}\n{END}\n"
    if BEGIN not in text:
        text += f"\n{BEGIN}\n{END}\n"
    head, rest = text.split(BEGIN, 1)
    tail = rest.split(END, 1)[1] if END in rest else ""
    path.write_text(head + BEGIN + "\n" + "\n".join(lines) + "\n" + END + tail, encoding="utf-8")


def peer_run(data: Path) -> dict:
    """The peer stack (:func:`child_peer`) on ``data`` in a child: its stages, wall, CPU and peak."""
    with tempfile.TemporaryDirectory(dir=HERE / "data") as tmp:
        result = Path(tmp) / "peer.json"
        before = load()
        wall, cpu, rss, _ = timed([str(VENV_PY), str(Path(__file__)), "peer", str(data), tmp, str(result)])
        rec = json.loads(result.read_text())
    rss = max([rss] + [round(st["peak_mb"]) for st in rec["stages"]])
    rec.update(wall=wall, cpu=cpu, rss_mb=rss, load=f"{before} → {load()}")
    return rec


def bench(sizes: list[int], repeat: int = 1, networkx: bool = True, write: bool = True, peer: bool = True) -> None:
    """Run the end-to-end benchmark for ``sizes`` (tweets) and report it."""
    print(f"machine: {machine()}; load average {load()}", flush=True)
    runs, baselines, failed, nx_rows, peers = [], {}, {}, [], {}
    for n in sizes:
        data = ensure_file(n)
        keep = HERE / "data" / f"e2e_store_{n}" if networkx and n == min(sizes) and n <= 200_000 else None
        for i in range(repeat):
            try:
                rec = one_run(n, data, keep if i == 0 else None)
            except SystemExit as exc:  # a failed child (e.g. out of memory): say so, go on
                failed[n] = str(exc).splitlines()[-1][:300]
                print(f"{n:,}: failed: {failed[n]}", flush=True)
                break
            runs.append(rec)
            stages = ", ".join(f"{s['stage']} {s['wall']:.1f}/{s['cpu']:.1f}s {s['peak_mb']:.0f}MB" for s in rec["stages"])
            print(f"{n:>9,} run {i + 1}: {rec['wall']:.1f} s wall, {rec['cpu']:.1f} s CPU, peak {rec['rss_mb']:,} MB "
                  f"(load {rec['load']})\n          {stages}", flush=True)
        w, c, rss, _ = timed([str(VENV_PY), "-c", JSON_BASELINE, str(data)])
        baselines[n] = (data.stat().st_size / 1e6, w, c, rss)
        print(f"{n:>9,} stdlib json parse: {w:.1f} s wall, {c:.1f} s CPU, {rss:,} MB", flush=True)
        if peer:
            peers[n] = peer_run(data)
            print(f"{n:>9,} peer stack: {peers[n]['wall']:.1f} s wall, {peers[n]['cpu']:.1f} s CPU, "
                  f"{peers[n]['rss_mb']:,} MB (load {peers[n]['load']})", flush=True)
        if keep is not None:
            nx_rows = networkx_baseline(keep)
            shutil.rmtree(keep, ignore_errors=True)
    lines = report(runs, baselines, nx_rows, failed) + ratio_report(runs, baselines, peers)
    print("\n".join(lines))
    if write:
        write_md(lines)
        print(f"\nwritten: {HERE / 'E2E.md'}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "child":
        child_run(*sys.argv[2:6])
    elif len(sys.argv) > 1 and sys.argv[1] == "peer":
        child_peer(*sys.argv[2:5])
    elif len(sys.argv) > 1 and sys.argv[1] == "networkx":
        child_networkx(*sys.argv[2:5])
    else:
        sys.exit("run through benchmarks/run e2e (see benchmarks/README.md)")
