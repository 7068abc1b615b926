"""Where the analysis stages spend CPU and memory, measure by measure, on an imported store.

    .venv/bin/python benchmarks/analysis_profile.py CASE.yaml STORE.duckdb [--limit-mib N]
        [--out DIR] [--json FILE] [--tracemalloc] [--pdf]

Runs :func:`civicnet.analyse` on a store the case was imported into already (the import is
skipped: same files), then :func:`civicnet.write_outputs` (without the PDF unless ``--pdf``),
in this process, and records:

* per stage (``run: networks`` …): wall and CPU seconds (all threads), peak resident memory
  (this process and its children, the network worker), DuckDB's spilled bytes (the store's
  temporary folder sampled, and ``duckdb_temporary_files()`` at the stage's end);
* per measure (:meth:`civicnet.store.scope.CaseScope.measure`): its own wall and CPU seconds
  (its inputs' excluded) and the peak resident memory while it ran;
* every call of :func:`civicnet.store.db.widen_memory_limit`, with the measure that ran out of
  memory under the analysis limit;
* with ``--tracemalloc``: Python's traced peak per stage;
* ``--limit-mib``: the analysis limit set lower (``store.db.ANALYSIS_MEMORY``), a quick way to see
  at 1M which statement a 5× larger case runs out of memory in.

A sampling thread reads the resident memory every 20 ms. The figures are printed as a table and
written as JSON (``--json``).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import threading
import time
import tracemalloc
from pathlib import Path


def _rss_mb() -> float:
    """Resident memory of this process and its children (one level: the network worker)."""
    total = 0
    pids = [str(os.getpid())]
    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as fh:
            pids += fh.read().split()
    except OSError:
        pass
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm") as fh:
                total += int(fh.read().split()[1])
        except OSError:
            pass
    return total * os.sysconf("SC_PAGE_SIZE") / 2**20


def _cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def _dir_mb(path: Path) -> float:
    try:
        return sum(e.stat().st_size for e in os.scandir(path) if e.is_file()) / 2**20
    except OSError:
        return 0.0


class Sampler:
    """RSS and the temporary folder's size every 20 ms; peaks per stage and per running measure."""

    def __init__(self, tmp: Path):
        self.tmp = tmp
        self.peak = 0.0
        self.spill = 0.0
        self.running = True
        self.marks: list[float] = []  # peaks of the measures now running (innermost last)
        self.series: list[tuple[float, float, float]] = []
        self.t0 = time.perf_counter()
        threading.Thread(target=self._run, daemon=True).start()

    def _run(self) -> None:
        n = 0
        while self.running:
            rss = _rss_mb()
            spill = _dir_mb(self.tmp) if n % 5 == 0 else self.spill
            self.peak = max(self.peak, rss)
            self.spill = max(self.spill, spill)
            for i, m in enumerate(self.marks):
                self.marks[i] = max(m, rss)
            if n % 25 == 0:
                self.series.append((round(time.perf_counter() - self.t0, 1), round(rss), round(spill)))
            n += 1
            time.sleep(0.02)


def instrument(sampler: Sampler, measures: list[dict], widened: list[dict]):
    """Wrap CaseScope.measure and widen_memory_limit to record what they do."""
    from civicnet.store import db, scope as scope_mod

    original = scope_mod.CaseScope.measure
    stack: list[dict] = []

    def measure(self, m):
        if m in self._values:
            return self._values[m]
        rec = {"measure": m.name, "child_wall": 0.0, "child_cpu": 0.0}
        stack.append(rec)
        sampler.marks.append(_rss_mb())
        w0, c0 = time.perf_counter(), _cpu()
        try:
            return original(self, m)
        finally:
            wall, cpu = time.perf_counter() - w0, _cpu() - c0
            peak = sampler.marks.pop()
            stack.pop()
            if stack:
                stack[-1]["child_wall"] += wall
                stack[-1]["child_cpu"] += cpu
            rec.update(wall=wall - rec.pop("child_wall"), cpu=cpu - rec.pop("child_cpu"), peak_mb=round(peak))
            measures.append(rec)

    widen = db.widen_memory_limit

    def widen_logged(con):
        changed = widen(con)
        widened.append({"measure": stack[-1]["measure"] if stack else None, "changed": changed,
                        "limit": con.execute("SELECT current_setting('memory_limit')").fetchall()[0][0]})
        return changed

    scope_mod.CaseScope.measure = measure
    db.widen_memory_limit = widen_logged


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("case")
    parser.add_argument("store")
    parser.add_argument("--limit-mib", type=int)
    parser.add_argument("--out")
    parser.add_argument("--json")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--pdf", action="store_true")
    args = parser.parse_args()

    from civicnet import analyse, load_case, write_outputs
    from civicnet.store import db

    if args.limit_mib:
        db.ANALYSIS_MEMORY = args.limit_mib << 20
    sampler = Sampler(Path(args.store + ".tmp"))
    measures: list[dict] = []
    widened: list[dict] = []
    instrument(sampler, measures, widened)
    stages: list[dict] = []
    state = {"stage": None, "t0": 0.0, "c0": 0.0}
    if args.tracemalloc:
        tracemalloc.start()

    def progress(description: str, done, total) -> None:
        if not description.startswith("run: ") and not description.startswith(("analyse: ", "write: ")):
            return
        name = description.split(": ", 1)[1]
        if name == "done" and state["stage"] is None:
            return
        now, cpu = time.perf_counter(), _cpu()
        if state["stage"] is not None:
            rec = {"stage": state["stage"], "wall": now - state["t0"], "cpu": cpu - state["c0"],
                   "peak_mb": round(max(sampler.peak, _rss_mb())), "spill_mb": round(sampler.spill)}
            if args.tracemalloc:
                rec["traced_peak_mb"] = round(tracemalloc.get_traced_memory()[1] / 2**20)
                tracemalloc.reset_peak()
            stages.append(rec)
        state.update(stage=None if name == "done" else name, t0=now, c0=cpu)
        sampler.peak, sampler.spill = _rss_mb(), 0.0

    case = load_case(args.case, allow_outside=True)
    t0, c0 = time.perf_counter(), _cpu()
    analysis = analyse(case, args.store, progress=progress)
    progress("analyse: done", 0, 0)
    out = args.out or tempfile.mkdtemp(prefix="big5-out-")
    write_outputs(analysis, out, pdf=args.pdf, progress=progress)
    progress("write: done", 0, 0)
    total = {"wall": time.perf_counter() - t0, "cpu": _cpu() - c0,
             "maxrss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}
    sampler.running = False
    with open("/proc/loadavg") as fh:
        load = " ".join(fh.read().split()[:3])
    report = {"load_after": load, "limit_mib": args.limit_mib, "total": total, "stages": stages,
              "widened": widened, "measures": sorted(measures, key=lambda r: -r["cpu"]), "series": sampler.series}
    print(f"load {load}; total wall {total['wall']:.1f} s, CPU {total['cpu']:.1f} s, maxrss {total['maxrss_mb']} MB")
    for s in stages:
        print(f"  {s['stage']:<12} wall {s['wall']:7.2f}  CPU {s['cpu']:7.2f}  peak {s['peak_mb']:6} MB  spilled {s['spill_mb']} MB"
              + (f"  traced {s['traced_peak_mb']} MB" if "traced_peak_mb" in s else ""))
    print("widened:", widened or "never")
    print("measures by own CPU:")
    for r in report["measures"][:25]:
        print(f"  {r['measure']:<28} wall {r['wall']:6.2f}  CPU {r['cpu']:6.2f}  peak {r['peak_mb']:6} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=1))


if __name__ == "__main__":
    sys.exit(main())
