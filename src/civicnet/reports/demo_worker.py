"""The helper process of ``civicnet demo``: it generates the next cases and prints the finished
cases' factsheets while the demo imports and analyses, so that both cores work. ``civicnet run``
uses it too, on a large case: the typology and style markers of government's messages are worked
out in it while the networks are built (:mod:`civicnet.tactics.beside`), and the sheet
is printed while the tables are written (:func:`~.outputs.write_outputs`).

``python -m civicnet.reports.demo_worker`` reads tasks from standard input, one JSON object per
line, and answers each in turn with one JSON line on standard output:

- ``{"generate": NAME, "out": DIR, "seed": N}`` → ``{"ok": CASE_YAML}``
  (:func:`civicnet.simulate.generate`);
- ``{"print": FOLDER, "candidates": [HTML, …]}`` → ``{"ok": INDEX}``
  (:func:`~.factsheet_pdf.print_factsheet`: FOLDER/factsheet.html and factsheet.pdf);
- ``{"government_text": {…}}`` → ``{"ok": {"types": …, "style": …, "pronouns": …}}``
  (:func:`civicnet.tactics.beside.work`: a large case's typology and style markers);
- ``{"warm": "print"}`` → ``{"ok": "print"}``: WeasyPrint imported (~1 s) before a sheet is handed
  over (:func:`~.factsheet_pdf.ready`), while the caller still works on the sheet;
- any failure → ``{"error": MESSAGE}``.

The demo's side is :class:`Helper`. The helper only saves time: a task it fails (or a helper
that cannot start or dies) is done again in the demo's own process, where an error is raised as
it would be without the helper.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..subprocesses import start_module


def main() -> None:
    for line in sys.stdin:
        try:
            answer = {"ok": _do(json.loads(line))}
        except Exception as exc:  # answered, and done again by the demo where it raises as it would alone
            answer = {"error": f"{type(exc).__name__}: {exc}"}
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def _do(task: dict) -> Any:
    if "warm" in task:
        if task["warm"] != "print":
            raise ValueError(f"nothing to warm up called {task['warm']!r}")
        from .factsheet_pdf import ready

        ready()
        return "print"
    if "government_text" in task:
        from ..tactics.beside import work

        return work(task["government_text"])
    if "generate" in task:
        from ..simulate import generate

        return str(generate(task["generate"], task["out"], seed=task["seed"]))
    from .factsheet_pdf import print_factsheet

    return print_factsheet(task["candidates"], Path(task["print"]))


class Helper:
    """The demo's side of the helper process: tasks go out in order and their answers come back
    in that order; :meth:`result` waits for one. Without a helper process (one CPU, or it cannot
    start) every task is done in this process when its result is asked for."""

    def __init__(self, use_process: bool = True):
        self.proc: subprocess.Popen | None = None
        if use_process and (os.cpu_count() or 1) >= 2:
            try:
                self.proc = start_module("civicnet.reports.demo_worker", stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                         encoding="utf-8")
            except OSError:
                self.proc = None
        self.sent = 0  # tasks sent to the process
        self.answers: list[dict | None] = []  # answers read, by task number (None: the process died)
        self.fallbacks: dict[int, Callable[[], Any]] = {}

    def submit(self, task: dict, fallback: Callable[[], Any]) -> int:
        """Hand ``task`` to the helper; ``fallback()`` does the same here. Returns the task's ticket."""
        ticket = len(self.fallbacks)
        self.fallbacks[ticket] = fallback
        if self.proc is not None:
            try:
                self.proc.stdin.write(json.dumps(task) + "\n")
                self.proc.stdin.flush()
                self.sent += 1
            except (BrokenPipeError, OSError):
                self._lost()
        return ticket

    def result(self, ticket: int) -> Any:
        """The task's result: the helper's answer, or ``fallback()``'s when the helper failed it."""
        while self.proc is not None and len(self.answers) <= ticket < self.sent:
            line = self.proc.stdout.readline()
            if not line:
                self._lost()
                break
            self.answers.append(json.loads(line))
        answer = self.answers[ticket] if ticket < len(self.answers) else None
        if answer is None or "ok" not in answer:
            return self.fallbacks[ticket]()
        return answer["ok"]

    def _lost(self) -> None:
        """The process is gone: every task not answered is done here."""
        self.answers += [None] * (len(self.fallbacks) - len(self.answers))
        self.close()

    def close(self, stop: bool = False) -> None:
        """End the helper process once its tasks are done; ``stop``: at once (the demo failed)."""
        if self.proc is None:
            return
        proc, self.proc = self.proc, None
        try:
            proc.stdin.close()
        except OSError:
            pass
        if stop:
            proc.kill()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        proc.stdout.close()

    def __enter__(self) -> Helper:
        return self

    def __exit__(self, kind, *exc) -> None:
        self.close(stop=kind is not None)


if __name__ == "__main__":
    main()
