"""Classifying many messages on two cores: half in a worker process, half here.

:func:`classify_beside` gives exactly what :func:`civicnet.text.typology.classify_many` gives
for the same texts (the model's default, ``method="model"``): it cuts the texts at a multiple of
the linear model's chunk (:data:`civicnet.text.linear.CHUNK`), so every chunk the model scores
holds the same texts as in one call and the numbers are the same to the last bit (each text's
rule features, scores and decision depend on nothing else). The second part goes to
``python -m civicnet.text.typology.worker`` (JSON on standard input: ``{"language", "texts"}``;
on standard output: each text's type names), which runs while this process classifies the
first part. Below :data:`MIN_TEXTS` texts, or when no worker can be started or it fails, every
text is classified here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from typing import Sequence

from ..linear import CHUNK
from . import classify_many

#: Fewer texts than this are classified in this process alone (a worker costs about 0.3 CPU s
#: to start; 2,000 texts take about 1.4 s to classify).
MIN_TEXTS = 4000


def split_at(n: int) -> int:
    """Where :func:`classify_beside` cuts ``n`` texts: the multiple of the model's chunk nearest
    to the middle (0: not at all)."""
    if n < MIN_TEXTS:
        return 0
    k = max(1, round(n / 2 / CHUNK)) * CHUNK
    return k if k < n else 0


def classify_beside(texts: Sequence[str | None], language: str | None = None) -> list[frozenset[str]]:
    """:func:`~civicnet.text.typology.classify_many` of ``texts`` in ``language``, the second part in a
    worker process while this one classifies the first (module docstring)."""
    texts = list(texts)
    k = split_at(len(texts))
    if not k:
        return classify_many(texts, language)
    from ...subprocesses import start_module

    try:
        proc = start_module("civicnet.text.typology.worker", stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    except OSError:
        return classify_many(texts, language)
    payload = json.dumps({"language": language, "texts": texts[k:]}).encode("utf-8")
    answer: dict[str, bytes] = {}
    reader = threading.Thread(target=lambda: answer.update(out=proc.communicate(payload)[0]), daemon=True)
    reader.start()
    try:
        first = classify_many(texts[:k], language)
    except BaseException:
        proc.kill()
        reader.join()
        raise
    reader.join()
    rest = _answer(answer.get("out"), proc.returncode, len(texts) - k)
    if rest is None:  # the worker failed: classify its part here
        rest = classify_many(texts[k:], language)
    return first + rest


def _answer(out: bytes | None, returncode: int | None, n: int) -> list[frozenset[str]] | None:
    if returncode != 0 or out is None:
        return None
    try:
        found = json.loads(out)
    except ValueError:
        return None
    if not isinstance(found, list) or len(found) != n:
        return None
    return [frozenset(kinds) for kinds in found]


def main() -> None:
    """The worker: the texts of standard input classified, their type names on standard output."""
    job = json.loads(sys.stdin.buffer.read())
    found = classify_many(job["texts"], job["language"])
    sys.stdout.write(json.dumps([sorted(kinds) for kinds in found]))


if __name__ == "__main__":
    main()
