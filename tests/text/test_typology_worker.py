"""classify_beside: half the texts in a worker process, the same types as one classify_many call."""

import pytest

from civicnet import subprocesses

REAL_START = subprocesses.start_module
from civicnet.text.linear import CHUNK
from civicnet.text.typology import classify_many
from civicnet.text.typology import worker
from civicnet.text.typology.dataset import load_dev_set


@pytest.fixture(scope="module")
def texts():
    """2,200 distinct texts: the development set's messages numbered, a few empty ones among them."""
    dev = [row["text"] for row in load_dev_set()]
    numbered = [f"{dev[i % len(dev)]} ({i})" for i in range(2195)]
    return numbered[:1000] + [None, "", "ok", None, "Bel ons!"] + numbered[1000:]


@pytest.fixture(scope="module")
def whole(texts):
    return classify_many(texts, "nl")


def test_where_the_texts_are_cut():
    assert worker.split_at(worker.MIN_TEXTS - 1) == 0
    assert worker.split_at(6230) == 2 * CHUNK  # 3,115 is nearer 4,000 than 2,000
    assert worker.split_at(28_000) == 7 * CHUNK
    assert all(worker.split_at(n) % CHUNK == 0 and worker.split_at(n) < n for n in range(worker.MIN_TEXTS, 30_000, 997))


def test_the_same_types_as_one_call(texts, whole, monkeypatch):
    started = []

    def spy(module, *args, **popen):
        started.append(module)
        return REAL_START(module, *args, **popen)

    monkeypatch.setattr(worker, "MIN_TEXTS", 2000)
    monkeypatch.setattr(subprocesses, "start_module", spy)
    assert worker.classify_beside(texts, "nl") == whole
    assert started == ["civicnet.text.typology.worker"]
    assert {t for kinds in whole for t in kinds} >= {"neutral", "call", "webcare"}


def test_a_failing_worker_leaves_the_work_here(texts, whole, monkeypatch):
    monkeypatch.setattr(worker, "MIN_TEXTS", 2000)

    def broken(module, *args, **popen):
        return REAL_START("civicnet.no_such_module", *args, **popen)

    monkeypatch.setattr(subprocesses, "start_module", broken)
    assert worker.classify_beside(texts, "nl") == whole

    def none(module, *args, **popen):
        raise OSError("no interpreter")

    monkeypatch.setattr(subprocesses, "start_module", none)
    assert worker.classify_beside(texts, "nl") == whole
