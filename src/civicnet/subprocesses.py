"""Helper processes: ``python -m civicnet.<module>`` in a separate interpreter that imports this civicnet.

civicnet's workers (the twitter-v2 import's, community detection's, the demo's) are separate
interpreters started with :func:`start_module`, not ``multiprocessing``: that would run the
parent's ``__main__`` script again in every worker.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start_module(module: str, *args: str, **popen) -> subprocess.Popen:
    """Start ``python -m <module> ARGS…`` with this interpreter, this civicnet first on its path;
    ``popen``: :class:`subprocess.Popen`'s keywords (``stdin``, ``stdout``, ``stderr`` …).
    Raises :class:`OSError` when no process can be started."""
    if not sys.executable:
        raise OSError("no Python interpreter to start a worker with")
    package_root = str(Path(__file__).resolve().parents[1])
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [package_root, os.environ.get("PYTHONPATH")]))}
    return subprocess.Popen([sys.executable, "-m", module, *args], env=env, **popen)
