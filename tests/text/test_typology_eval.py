"""Typology: shipped dev set, evaluation with baselines and intervals, coding round trip, kappa."""

import csv
from pathlib import Path

import pytest

from civicnet.errors import InputError
from civicnet.text.typology import TYPES, classify_many
from civicnet.text.typology.dataset import format_labels, load_dev_set, parse_labels
from civicnet.text.typology.coding import coder_agreement, cohen_kappa, export_sample, import_labels
from civicnet.text.typology.evaluate import evaluate, format_report, keyword_baseline, score
from civicnet.text.typology.train import read_coded

DEV_SET = Path(__file__).resolve().parents[2] / "src" / "civicnet" / "text" / "data" / "typology_dev.csv"


def test_dev_set_is_large_split_and_covers_every_type():
    rows = load_dev_set()
    assert len(rows) >= 300
    test = load_dev_set("test")
    assert 0.25 <= len(test) / len(rows) <= 0.35
    assert not {r["id"] for r in test} & {r["id"] for r in load_dev_set("dev")}
    for t in TYPES:
        assert sum(t in r["labels"] for r in test) >= 10
    assert any(not r["labels"] for r in test)
    for r in rows:  # neutral is exclusive in the codebook
        assert "neutral" not in r["labels"] or r["labels"] == {"neutral"}


def test_labels_round_trip():
    assert parse_labels("call; personal") == {"call", "personal"}
    assert parse_labels("none") == frozenset() and parse_labels("") == frozenset()
    assert format_labels({"personal", "call"}) == "personal;call"
    assert format_labels(set()) == "none"
    with pytest.raises(InputError):
        parse_labels("sarcasm")


def test_scores_by_hand():
    gold = [frozenset({"call"}), frozenset({"neutral"}), frozenset(), frozenset({"call", "humour"})]
    pred = [frozenset({"call"}), frozenset({"call"}), frozenset(), frozenset({"humour"})]
    s = score(gold, pred)
    call = s["per_class"]["call"]
    assert (call["precision"], call["recall"], call["f1"], call["support"]) == (0.5, 0.5, 0.5, 2)
    assert s["per_class"]["humour"]["f1"] == 1.0 and s["per_class"]["neutral"]["f1"] == 0.0
    assert s["exact_match"] == 0.5
    classes = [*TYPES, "none"]
    assert s["confusion"][classes.index("neutral")][classes.index("call")] == 1
    assert s["confusion"][classes.index("none")][classes.index("none")] == 1
    # macro-F1 over the types present in the gold labels: call 0.5, humour 1.0, neutral 0.0
    assert s["macro_f1"] == round((0.5 + 1.0 + 0.0) / 3, 3)
    low, high = s["macro_f1_ci"]
    assert 0 <= low <= high <= 1


def test_model_and_rules_beat_both_baselines_on_the_held_out_split():
    rows = read_coded(DEV_SET)
    report = evaluate(rows)
    assert report["scored"] == "test split" and report["n"] == len(load_dev_set("test"))
    m = report["methods"]
    assert m["model"]["macro_f1"] > m["keyword"]["macro_f1"] + 0.15
    assert m["rules"]["macro_f1"] > m["keyword"]["macro_f1"] > m["majority"]["macro_f1"]
    text = format_report(report)
    assert "macro-F1" in text and "confusion" in text and "95 % CI" in text


def test_unknown_method():
    with pytest.raises(ValueError):
        classify_many(["x"], method="llm")


def test_keyword_baseline():
    assert keyword_baseline("Doe mee met de opschoondag!") == {"call"}
    assert keyword_baseline("👍") == frozenset()


def test_coding_round_trip(tmp_path):
    messages = [{"id": r["id"], "text": r["text"]} for r in load_dev_set("test")]
    out = tmp_path / "sample.csv"
    written = export_sample(messages, out, n=40, seed=3)
    assert written == 40
    with out.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [*rows[0]] == ["id", "text", "labels"] and all(r["labels"] == "" for r in rows)
    assert len({r["id"] for r in rows}) == 40
    assert export_sample(messages, tmp_path / "again.csv", n=40, seed=3) == 40
    assert (tmp_path / "again.csv").read_text() == out.read_text()  # reproducible
    gold = {r["id"]: r["labels"] for r in load_dev_set("test")}
    # coder A copies the gold labels; coder B disagrees on humour and leaves one row uncoded
    for name, change in (("a", lambda i, labs: labs), ("b", lambda i, labs: labs ^ {"humour"} if i % 4 == 0 else labs)):
        with (tmp_path / f"{name}.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "text", "labels"])
            for i, r in enumerate(rows):
                cell = "" if name == "b" and i == 0 else format_labels(change(i, set(gold[r["id"]])))
                writer.writerow([r["id"], r["text"], cell])
    coded = import_labels({"a": tmp_path / "a.csv", "b": tmp_path / "b.csv"})
    assert len(coded["a"]) == 40 and len(coded["b"]) == 39
    agreement = coder_agreement(coded["a"], coded["b"])
    assert agreement["n"] == 39
    assert agreement["kappa"]["webcare"] == 1.0
    assert agreement["kappa"]["humour"] < 1.0
    # coder A's file is a labels CSV that evaluate and train read
    report = evaluate(read_coded(tmp_path / "a.csv"), methods=("rules",))
    assert report["n"] == 40 and report["scored"] == "all rows"


def test_cohen_kappa_values():
    assert cohen_kappa([True, False, True, False], [True, False, True, False]) == 1.0
    assert cohen_kappa([True, True, False, False], [True, False, True, False]) == 0.0
    assert cohen_kappa([True, True], [True, True]) is None


def test_labels_csv_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("id,text\n1,hallo\n", encoding="utf-8")
    with pytest.raises(InputError, match="labels"):
        read_coded(bad)
    with pytest.raises(InputError, match="no such file"):
        read_coded(tmp_path / "missing.csv")
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("text,labels\nhallo daar,sarcasme\n", encoding="utf-8")
    with pytest.raises(InputError, match="line 2"):
        read_coded(wrong)
    ids_only = tmp_path / "ids.csv"
    ids_only.write_text("id,types\n1,call\n", encoding="utf-8")
    with pytest.raises(InputError, match="--messages"):
        read_coded(ids_only)
