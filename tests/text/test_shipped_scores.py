"""The scores in docs/typology.md and docs/webcare.md are those of a fresh evaluation of the shipped models.

The real sets' texts are not committed (datasets/README.md): those checks run where
``datasets/local`` has been rebuilt (``python datasets/extract.py``) and are skipped
elsewhere (CI). The written sets are in the package, so their sections are always checked.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from civicnet.text.typology.evaluate import evaluate as evaluate_typology
from civicnet.text.typology.evaluate import report_markdown as typology_markdown
from civicnet.text.typology.groups import evaluate_groups, groups_markdown, read_groups
from civicnet.text.typology.model import shipped_model as typology_model
from civicnet.text.typology.train import read_coded
from civicnet.webcare.evaluate import evaluate as evaluate_inbox
from civicnet.webcare.evaluate import report_markdown as inbox_markdown
from civicnet.webcare.model import shipped_model as inbox_model
from civicnet.webcare.train import read_inbox_labels

ROOT = Path(__file__).resolve().parents[2]
LOCAL = ROOT / "datasets" / "local"
WRITTEN_TYPOLOGY = "src/civicnet/text/data/typology_dev.csv"
WRITTEN_INBOX = "src/civicnet/webcare/data/labelled/test.csv"


def _section(doc: str, name: str) -> str:
    text = (ROOT / "docs" / doc).read_text(encoding="utf-8")
    found = re.search(rf"<!-- BEGIN {name} -->\n(.*?)\n<!-- END {name} -->", text, re.DOTALL)
    assert found, f"docs/{doc} lacks the {name} markers"
    return found.group(1).strip()


def _real(pool: str) -> tuple[str, str, str]:
    messages = LOCAL / pool / "messages.csv"
    if not messages.is_file():
        pytest.skip(f"{messages.relative_to(ROOT)} is not there (texts are not committed): "
                    "rebuild it with `python datasets/extract.py`")
    return f"datasets/{pool}/labels.csv", f"datasets/local/{pool}/messages.csv", f"datasets/{pool}/ids.csv"


@pytest.fixture
def at_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # the reports name the files as `make models` passes them


def test_typology_real_dev_and_test_scores_match_the_docs(at_root):
    labels, messages, split = _real("typology")
    rows = read_coded(labels, messages, split)
    model = typology_model()
    meta = model.linear.meta
    assert meta["trained_on"]["source"] == f"{labels} + {messages}"
    test, dev = evaluate_typology(rows, model=model), evaluate_typology(rows, model=model, on="dev")
    assert dev["methods"]["model"]["macro_f1"] == round(meta["selection"]["macro_f1"], 3)
    test["data"] = meta["trained_on"]["source"]
    assert typology_markdown(test, model_meta=meta, dev=dev).strip() == _section("typology.md", "typology-evaluation")


@pytest.mark.parametrize("column, join", [("batch", ()), ("author_kind", ("government+police",))])
def test_typology_real_scores_per_group_match_the_docs(at_root, column, join):
    labels, messages, split = _real("typology")
    rows = read_coded(labels, messages, split)
    reports = evaluate_groups(rows, read_groups(split, column, join), model=typology_model())
    assert sum(r["n"] for r in reports.values()) == sum(r["split"] == "test" for r in rows)
    expected = groups_markdown(reports, column, f"{labels} + {messages}")
    assert expected.strip() == _section("typology.md", f"typology-by-{column.replace('_', '-')}")


def test_typology_written_test_scores_match_the_docs(at_root):
    report = evaluate_typology(read_coded(WRITTEN_TYPOLOGY))
    report["data"] = WRITTEN_TYPOLOGY
    assert typology_markdown(report, detail=False).strip() == _section("typology.md", "typology-written")


def test_inbox_real_dev_and_test_scores_match_the_docs(at_root):
    labels, messages, split = _real("inbox")
    rows = read_inbox_labels(labels, messages, split)
    model = inbox_model()
    meta = {**model.meta, "urgency_mode": model.urgency_mode}
    test, dev = evaluate_inbox(rows, model=model), evaluate_inbox(rows, model=model, on="dev")
    assert dev["category"]["model"]["macro_f1"] == round(meta["selection"]["category"]["macro_f1"], 3)
    test["data"] = meta["trained_on"]["source"]
    assert inbox_markdown(test, model_meta=meta, dev=dev).strip() == _section("webcare.md", "inbox-evaluation")


def test_inbox_written_test_scores_match_the_docs(at_root):
    report = evaluate_inbox(read_inbox_labels(WRITTEN_INBOX))
    report["data"] = WRITTEN_INBOX
    assert inbox_markdown(report, detail=False).strip() == _section("webcare.md", "inbox-written")
