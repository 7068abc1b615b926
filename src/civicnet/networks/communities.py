"""Communities: Leiden (default), Louvain or Clauset–Newman–Moore on the undirected network.

All methods run on the undirected, weight-collapsed network (a tie both ways is one
edge whose weight is the sum) and maximise modularity:

``leiden``
    igraph ``community_leiden(objective_function="modularity", weights="weight",
    n_iterations=-1)`` (iterate until the partition no longer changes) up to
    :data:`LEIDEN_UNTIL_STABLE_MAX` edges; above that ``n_iterations=2`` (igraph's
    default: on a 900k-edge mention network it reaches modularity 0.826 in a ninth of the
    time iterating to stability takes for 0.828). Measured by
    ``benchmarks/network_options.py`` (docs/networks.md): two iterations leave a partition
    with NMI 0.93 to the stable one on the 352k-edge Timmermans co-comment network and 0.97 on
    the 220k-tweet benchmark's 289k-edge mention network, five or more 0.996–1; iterating
    until stable cost 0.2 and 1.1 CPU s there, in the worker process beside the metrics
    and the government stage: hence until stable up to 500,000 edges (it was 200,000);
``louvain``
    igraph ``community_multilevel(weights="weight")``;
``clauset-newman-moore``
    igraph ``community_fastgreedy(weights="weight").as_clustering()`` (cut at maximum
    modularity), the algorithm NodeXL uses.

Runs repeat: igraph draws its random numbers from a ``random.Random(seed)`` set with
``igraph.set_random_number_generator`` for the call (and restored afterwards).

Community ids are 1..k by size, largest first; equal sizes are ordered by their
smallest member identifier. Every node gets an id, isolated accounts included (each
is its own community).

On a large network :func:`start_detect` runs the detection in a worker process
(:mod:`.worker`) while the caller computes the node metrics: igraph holds the GIL while
it computes, so a thread would not run alongside. The worker builds the same undirected
graph from the network's arrays (same igraph calls, same edge order) and seeds the same
generator, so its membership is the one :func:`detect` gives in-process; if it cannot
start or fails, the detection runs in-process instead.
"""

from __future__ import annotations

import os
import random
import subprocess
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import igraph as ig
import numpy as np

from ..errors import InputError
from ..subprocesses import start_module

if TYPE_CHECKING:
    from .build import Network

METHODS = ("leiden", "louvain", "clauset-newman-moore")
LEIDEN_UNTIL_STABLE_MAX = 500_000
#: Networks with at least this many (undirected) edges detect communities in a separate
#: process; below, starting one (about a second) costs more than it saves.
SEPARATE_PROCESS_MIN_EDGES = 200_000


class seeded:
    """Context manager: igraph draws from ``random.Random(seed)`` inside the block."""

    def __init__(self, seed: int):
        self.seed = seed

    def __enter__(self):
        ig.set_random_number_generator(random.Random(self.seed))
        return self

    def __exit__(self, *exc):
        ig.set_random_number_generator(random)


def detect(ug: ig.Graph, method: str = "leiden", seed: int = 42) -> list[int]:
    """Membership (0-based, igraph's own numbering) of every node."""
    if method not in METHODS:
        raise InputError(f"unknown community method {method!r}; choose from {', '.join(METHODS)}")
    if ug.vcount() == 0:
        return []
    if ug.ecount() == 0:
        return list(range(ug.vcount()))
    with seeded(seed):
        if method == "leiden":
            iterations = -1 if ug.ecount() <= LEIDEN_UNTIL_STABLE_MAX else 2
            clustering = ug.community_leiden(objective_function="modularity", weights="weight", n_iterations=iterations)
        elif method == "louvain":
            clustering = ug.community_multilevel(weights="weight")
        else:
            clustering = ug.community_fastgreedy(weights="weight").as_clustering()
    return list(clustering.membership)


class Detection:
    """Communities being detected for a network; :meth:`result` gives what :func:`detect` gives."""

    def __init__(self, method: str, seed: int, worker: subprocess.Popen | None = None,
                 folder: tempfile.TemporaryDirectory | None = None):
        self.method, self.seed = method, seed
        self.worker, self.folder = worker, folder

    def result(self, ug: ig.Graph) -> list[int]:
        """The membership on ``ug``, the network's undirected graph: the worker's when it
        finished well, else detected here and now."""
        if self.worker is not None:
            out, _ = self.worker.communicate()
            self.folder.cleanup()
            ok = self.worker.returncode == 0 and len(out) == 8 * ug.vcount()
            self.worker = None
            if ok:
                return np.frombuffer(out, dtype=np.int64).tolist()
        return detect(ug, self.method, self.seed)

    def cancel(self) -> None:
        """Stop the worker, if one is running, and remove its files (the analysis failed meanwhile)."""
        if self.worker is not None:
            self.worker.kill()
            self.worker.communicate()
            self.folder.cleanup()
            self.worker = None


def start_detect(net: "Network", method: str = "leiden", seed: int = 42, *,
                 min_edges: int = SEPARATE_PROCESS_MIN_EDGES) -> Detection:
    """Start :func:`detect` on the network's undirected graph (``undirected(to_igraph(net))``).

    With at least ``min_edges`` edges and more than one CPU a worker process builds that
    graph from the network's arrays and detects there, while the caller goes on;
    otherwise the detection runs in-process when the result is asked for.
    """
    if method not in METHODS:
        raise InputError(f"unknown community method {method!r}; choose from {', '.join(METHODS)}")
    if net.n_edges < min_edges or (os.cpu_count() or 1) < 2:
        return Detection(method, seed)
    folder = tempfile.TemporaryDirectory(prefix="civicnet-")
    path = Path(folder.name) / "network.npz"
    np.savez(path, n=net.n_nodes, src=net.src, dst=net.dst, weight=net.weight, directed=net.directed)
    try:
        worker = start_module("civicnet.networks.worker", str(path), method, str(seed),
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    except OSError:
        folder.cleanup()
        return Detection(method, seed)
    return Detection(method, seed, worker, folder)


def renumber(membership: list[int] | np.ndarray, ids: list[str]) -> np.ndarray:
    """Community ids 1..k: largest first, ties by the smallest member identifier."""
    member = np.asarray(membership, dtype=np.int64)
    if member.size == 0:
        return member
    sizes = np.bincount(member)
    # Smallest identifier per community: nodes sorted by identifier, first seen wins.
    order = sorted(range(len(ids)), key=ids.__getitem__)
    first_rank = np.full(sizes.size, len(ids), dtype=np.int64)
    ranks = np.empty(len(ids), dtype=np.int64)
    ranks[np.asarray(order, dtype=np.int64)] = np.arange(len(ids))
    np.minimum.at(first_rank, member, ranks)
    present = np.flatnonzero(sizes)
    ranked = sorted(present.tolist(), key=lambda c: (-sizes[c], first_rank[c]))
    new = np.zeros(sizes.size, dtype=np.int64)
    new[np.asarray(ranked, dtype=np.int64)] = np.arange(1, len(ranked) + 1)
    return new[member]


def modularity(ug: ig.Graph, community: np.ndarray) -> float | None:
    """Modularity of the partition on the undirected weighted network (None without edges)."""
    if ug.ecount() == 0:
        return None
    return float(ug.modularity((community - 1).tolist(), weights="weight"))
