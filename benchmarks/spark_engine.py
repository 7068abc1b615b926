"""`benchmarks/run spark`: the spark engine against the DuckDB engine (issue 23).

First the demo cases (``--demo``, default on): the eight cases ``civicnet demo`` makes, each
run with ``civicnet run --no-pdf`` once per engine, each engine on its own fresh store (so the
spark run reads the export files on Spark); printed as a table case × file × equal.

Then, for each size (100k and 1M tweets by default), the planted twarc2 file of
``benchmarks/run e2e``: ``civicnet run --no-pdf`` once per engine in a child process, as a
user runs it, each on a fresh store — the import is part of the run (the DuckDB engine's
import into the store; the spark engine's import on Spark). Printed per size and engine:
wall and CPU seconds; the peak memory of the process tree (Spark's JVM included: the sum of
the RSS of the run's processes, sampled every 0.2 s); for the spark engine the seconds until
its import had written the case's Parquet tables (the rest of the wall time is the analysis
and the outputs); whether summary.json (apart from ``generated_at``), nodes.csv, edges.csv
and messages.csv are identical (PageRank compared to a relative 1e-9 where the bytes differ:
igraph's PageRank varies in its last digits between two runs of the same engine too); and
the aggregated account graph the driver analyses (accounts and edges of the main network,
and per million messages). The machine's load is printed with
each run: the machine is shared, so note it.
"""

from __future__ import annotations

import csv
import json
import math
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from e2e import ensure_file, load, write_case

HERE = Path(__file__).resolve().parent
CIVICNET = HERE.parent / ".venv" / "bin" / "civicnet"
SAME_BYTES = ("nodes.csv", "edges.csv", "messages.csv")


def _tree(root: int) -> dict[int, tuple[int, int]]:
    """pid -> (RSS bytes, CPU ticks) of ``root`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        stats[int(entry)] = (int(fields[21]) * PAGE, int(fields[11]) + int(fields[12]))
    found, todo = {}, [root]
    while todo:
        pid = todo.pop()
        if pid in stats:
            found[pid] = stats[pid]
        todo.extend(children.get(pid, []))
    return found


PAGE = os.sysconf("SC_PAGE_SIZE")
TICK = os.sysconf("SC_CLK_TCK")


def run_engine(case: Path, out: Path, engine: str, store: Path) -> dict:
    """`civicnet run` of ``case`` on ``engine`` with the store ``store``: wall, CPU seconds and peak tree RSS."""
    start, started = time.perf_counter(), time.time()
    proc = subprocess.Popen([str(CIVICNET), "run", str(case), "--out", str(out), "--no-pdf", "-q", "--allow-outside",
                             "--engine", engine, "--store", str(store)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak, cpu, done = [0.0], {}, threading.Event()

    def sample() -> None:
        while not done.is_set():
            tree = _tree(proc.pid)
            peak[0] = max(peak[0], sum(rss for rss, _ in tree.values()) / 1e6)
            cpu.update({pid: ticks for pid, (_, ticks) in tree.items()})
            time.sleep(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, status, usage = os.wait4(proc.pid, 0)
    done.set()
    sampler.join()
    output = proc.stdout.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status):
        sys.exit(f"civicnet run --engine {engine} failed:\n{output[-4000:]}")
    # CPU of the whole tree: the run's own (wait4), and what the samples saw of its children (the
    # JVM, Spark's Python workers), whichever is more (a child the run waited for is in both)
    seen = sum(cpu.values()) / TICK
    # the spark engine's import ends when its Parquet tables are written (beside the store)
    written = [f.stat().st_mtime for f in (store.parent / "spark").rglob("*") if f.is_file()]
    return {"wall": time.perf_counter() - start, "cpu": max(usage.ru_utime + usage.ru_stime, seen), "rss": peak[0],
            "import": max(written) - started if written else None}


def _summary(path: Path) -> dict:
    summary = json.loads(path.read_text(encoding="utf-8"))
    summary["provenance"].pop("generated_at", None)
    return summary


def _close(x, y) -> bool:
    """``x`` equals ``y``, every ``pagerank`` to a relative 1e-9: igraph's PageRank differs in its
    last digits from run to run on either engine (parallel sums; docs/api.md)."""
    if isinstance(x, dict) and isinstance(y, dict):
        return x.keys() == y.keys() and all(
            math.isclose(float(x[k]), float(y[k]), rel_tol=1e-9) if k == "pagerank" and x[k] not in (None, "")
            else _close(x[k], y[k]) for k in x)
    if isinstance(x, list) and isinstance(y, list):
        return len(x) == len(y) and all(_close(a, b) for a, b in zip(x, y))
    return x == y


def _nodes(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def same_outputs(a: Path, b: Path) -> tuple[list[str], list[str]]:
    """(outputs that differ, outputs equal only with PageRank to 1e-9) between folders ``a`` and ``b``."""
    differ, rounded = [], []
    if _summary(a / "summary.json") != _summary(b / "summary.json"):
        same = _close(_summary(a / "summary.json"), _summary(b / "summary.json"))
        (rounded if same else differ).append("summary.json")
    for name in SAME_BYTES:
        if (a / name).read_bytes() != (b / name).read_bytes():
            same = name == "nodes.csv" and _close(_nodes(a / name), _nodes(b / name))
            (rounded if same else differ).append(name)
    return differ, rounded


def compare(a: Path, b: Path) -> dict[str, str]:
    """Each compared output of folders ``a`` and ``b``: ``yes``, ``yes (PageRank to 1e-9)`` or ``NO``."""
    differ, rounded = same_outputs(a, b)
    return {name: "NO" if name in differ else "yes (PageRank to 1e-9)" if name in rounded else "yes"
            for name in ("summary.json", *SAME_BYTES)}


def _venv(code: str, *args: str) -> str:
    """What ``code`` prints, run by the project's Python (this script may run on another)."""
    return subprocess.run([str(CIVICNET.parent / "python"), "-c", code, *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def demo() -> bool:
    """The eight demo cases on both engines: a table case × file × equal; True when all are equal."""
    print(f"{'demo case':<22} {'file':<13} {'equal':<24} | {'duckdb s':>8} {'spark s':>8} | {'load':>14}")
    equal = True
    for name in _venv("from civicnet.simulate import CASES; print(' '.join(CASES))").split():
        with tempfile.TemporaryDirectory(prefix="civicnet-spark-demo-") as tmp:
            case = Path(_venv("import sys; from civicnet.simulate import generate; "
                              "print(generate(sys.argv[1], sys.argv[2], seed=2014))", name, tmp))
            before, times, outs = load(), {}, {}
            for engine in ("duckdb", "spark"):
                outs[engine] = Path(tmp) / f"out-{engine}"
                times[engine] = run_engine(case, outs[engine], engine, Path(tmp) / f"{engine}.duckdb")["wall"]
            for i, (file, said) in enumerate(compare(outs["duckdb"], outs["spark"]).items()):
                equal = equal and said != "NO"
                timing = f"{times['duckdb']:>8.1f} {times['spark']:>8.1f} | {before:>14}" if i == 0 else ""
                print(f"{name if i == 0 else '':<22} {file:<13} {said:<24} | {timing}", flush=True)
    print(f"all demo cases equal: {'yes' if equal else 'NO'}\n")
    return equal


def bench(sizes: list[int], demo_cases: bool = True) -> None:
    if demo_cases:
        demo()
    if not sizes:
        return
    print(f"{'tweets':>9} {'engine':>7} | {'wall s':>7} {'cpu s':>7} {'peak MB':>8} {'import s':>9} | {'load':>14}")
    graphs = []
    for n in sizes:
        data = ensure_file(n)
        with tempfile.TemporaryDirectory(prefix="civicnet-spark-bench-") as tmp:
            case = write_case(Path(tmp), data)
            outs = {}
            for engine in ("duckdb", "spark"):
                outs[engine] = Path(tmp) / f"out-{engine}"
                before = load()
                r = run_engine(case, outs[engine], engine, Path(tmp) / f"{engine}.duckdb")
                imported = f"{r['import']:>9.1f}" if r["import"] is not None else f"{'':>9}"
                print(f"{n:>9} {engine:>7} | {r['wall']:>7.1f} {r['cpu']:>7.1f} {r['rss']:>8.0f} {imported} | {before:>14}",
                      flush=True)
            differ, rounded = same_outputs(outs["duckdb"], outs["spark"])
            said = "yes" if not differ else "NO: " + ", ".join(differ)
            if rounded:
                said += f" ({', '.join(rounded)}: equal with PageRank to a relative 1e-9)"
            print(f"{'':>9} {'':>7}   identical outputs: {said}")
            summary = _summary(outs["spark"] / "summary.json")
            kind = next(iter(summary["networks"]))
            net, messages = summary["networks"][kind], summary["counts"]["messages"]
            graphs.append((n, messages, kind, net["nodes"], net["edges"]))
    print("\naggregated account graph on the driver (main network)")
    print(f"{'tweets':>9} {'messages':>9} {'network':>8} {'accounts':>9} {'edges':>9} | "
          f"{'accounts/M msgs':>15} {'edges/M msgs':>13}")
    for n, messages, kind, nodes, edges in graphs:
        print(f"{n:>9} {messages:>9} {kind:>8} {nodes:>9} {edges:>9} | "
              f"{nodes / messages * 1e6:>15.0f} {edges / messages * 1e6:>13.0f}")
