"""Worker process for :func:`~civicnet.networks.communities.start_detect`.

``python -m civicnet.networks.worker NETWORK.npz METHOD SEED`` reads a network's arrays
(``n``, ``src``, ``dst``, ``weight``, ``directed``), builds its undirected graph as
:func:`~civicnet.networks.result.analyse_network` does (:func:`~.metrics.undirected_of`), runs
:func:`~civicnet.networks.communities.detect` on it and writes the membership to
standard output as raw int64 values, which is how the parent reads it back.
"""

from __future__ import annotations

import sys

import numpy as np

from .communities import detect
from .metrics import undirected_of


def main(argv: list[str]) -> None:
    path, method, seed = argv
    with np.load(path) as arrays:  # the undirected graph straight from the arrays: no directed graph beside it
        ug = undirected_of(int(arrays["n"]), arrays["src"], arrays["dst"], arrays["weight"], bool(arrays["directed"]))
    membership = detect(ug, method, int(seed))
    sys.stdout.buffer.write(np.asarray(membership, dtype=np.int64).tobytes())


if __name__ == "__main__":
    main(sys.argv[1:])
