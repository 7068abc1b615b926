"""The trained typology model: numpy inference equals scikit-learn, the shipped model, train/evaluate commands."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.errors import InputError
from civicnet.text.linear import char_terms, load_model, normalise, word_terms
from civicnet.text.typology import TYPES, classify_many, classify_types, explain
from civicnet.text.typology.dataset import format_labels, load_dev_set
from civicnet.text.typology.model import RULE_FEATURES, load, rule_features, shipped_model

DEV_SET = Path(__file__).resolve().parents[2] / "src" / "civicnet" / "text" / "data" / "typology_dev.csv"


def test_analyzers_read_text_as_documented():
    text = normalise("@gemeente Kijk op https://x.nl/a?b=1 #A28 12:30 😉")
    assert text == "__lead_at__ __at__ kijk op __url__ a0 0 😉"
    assert word_terms("u kunt bellen?", (1, 2)) == ["u", "kunt", "bellen", "?", "u kunt", "kunt bellen", "bellen ?"]
    assert char_terms("je", (2, 5)) == [" j", "je", "e ", " je", "je ", " je "]


def test_numpy_inference_equals_scikit_learn(tmp_path):
    pytest.importorskip("sklearn")
    from civicnet.text.linear_train import fit

    rows = load_dev_set("dev")
    texts = [r["text"] for r in rows]
    y = np.array([[1 if t in r["labels"] else 0 for t in TYPES] for r in rows])
    dense, _ = rule_features(texts, "nl")
    fitted = fit("typology", "ovr", TYPES, texts, y, dense, RULE_FEATURES, C=4.0)
    held = [r["text"] for r in load_dev_set("test")] + ["", "👍", "Ik ben er!"]
    held_dense, _ = rule_features(held, "nl")
    expected = fitted.sklearn_probabilities(held, held_dense)
    assert np.abs(fitted.model.probabilities(held, held_dense) - expected).max() < 1e-12
    saved = load_model(fitted.model.save(tmp_path / "m.json"), task="typology", dense=RULE_FEATURES)
    got = saved.probabilities(held, held_dense)
    assert np.abs(got - expected).max() < 1e-6  # numbers are stored to 8 significant digits
    assert ((got >= 0.5) == (expected >= 0.5)).all()
    text = (tmp_path / "m.json").read_text(encoding="utf-8")
    assert json.loads(text)["format"] == "civicnet.linear/1" and "pickle" not in text


def test_sample_weights_reach_scikit_learn_unchanged():
    """``fit(sample_weight=…)`` fits what scikit-learn fits with those weights on the same matrix."""
    pytest.importorskip("sklearn")
    from sklearn.linear_model import LogisticRegression

    from civicnet.text.linear_train import _matrix, fit

    rows = load_dev_set("dev")
    texts = [r["text"] for r in rows]
    y = np.array([[1 if t in r["labels"] else 0 for t in TYPES] for r in rows])
    weights = np.where(np.arange(len(rows)) % 3 == 0, 4.0, 1.0)
    fitted = fit("typology", "ovr", TYPES, texts, y, None, (), C=2.0, sample_weight=weights)
    x = _matrix(fitted.vectorizers, [normalise(t) for t in texts], None, 0)
    i = TYPES.index("webcare")
    reference = LogisticRegression(C=2.0, class_weight="balanced", solver="newton-cg", max_iter=1000)
    reference.fit(x, y[:, i], sample_weight=weights)
    assert np.abs(fitted.model.coef[:, i] - reference.coef_[0]).max() < 1e-6
    unweighted = fit("typology", "ovr", TYPES, texts, y, None, (), C=2.0)
    assert np.abs(unweighted.model.coef[:, i] - fitted.model.coef[:, i]).max() > 1e-3  # the weights mattered


def test_shipped_model_is_the_default_and_plain_json():
    model = shipped_model()
    assert model.linear.task == "typology" and model.linear.kind == "ovr"
    assert set(model.thresholds) == set(TYPES)
    assert model.linear.meta["trained_on"]["messages"] > 0
    texts = ["Doe mee met de opschoondag! Meld je aan.", "https://t.co/abc", ""]
    assert classify_many(texts) == model.predict(texts)
    assert classify_types("https://t.co/abc") == frozenset()
    assert classify_types("Vanaf maandag is de Heereweg afgesloten voor werkzaamheden.", "nl") == {"neutral"}


def test_explain_names_markers_and_probabilities():
    text = "@jan Bedankt voor je melding, we hebben het doorgegeven aan de afdeling wegen. ^AB"
    why = explain(text, "nl")
    assert why["rules"] == ["webcare"]
    assert "bedankt voor je melding" in why["markers"]["webcare_strong"]
    assert set(why["probabilities"]) == set(TYPES) and set(why["thresholds"]) == set(TYPES)
    assert set(why["types"]) == classify_types(text, "nl")
    assert all(why["probabilities"][t] >= why["thresholds"][t] for t in why["types"] if len(why["types"]) > 1)


def test_damaged_or_foreign_model_files(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON model"):
        load(bad)
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "civicnet.linear/1", "task": "inbox-category"}), encoding="utf-8")
    with pytest.raises(InputError, match="not for 'typology'"):
        load(other)
    with pytest.raises(InputError, match="no such model"):
        load(tmp_path / "missing.json")


def _datasets_layout(folder: Path, n_train: int = 80) -> tuple[Path, Path, Path]:
    """The datasets/ layout: messages.csv, split.csv and labels.csv (id,types), from the shipped set."""
    rows = load_dev_set()
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "messages.csv").open("w", encoding="utf-8", newline="") as m, \
            (folder / "split.csv").open("w", encoding="utf-8", newline="") as s, \
            (folder / "labels.csv").open("w", encoding="utf-8", newline="") as lab:
        wm, ws, wl = csv.writer(m), csv.writer(s), csv.writer(lab)
        wm.writerow(["id", "source", "platform", "author_kind", "author", "created_at", "text"])
        ws.writerow(["id", "split"])
        wl.writerow(["id", "types"])
        train = [r for r in rows if r["split"] == "dev"][:n_train]
        test = [r for r in rows if r["split"] == "test"][:40]
        for part, chosen in (("train", train), ("test", test)):
            for r in chosen:
                wm.writerow([r["id"], "src1", "twitter", "government", "x", "2014-01-01T00:00:00Z", r["text"]])
                ws.writerow([r["id"], part])
                wl.writerow([r["id"], format_labels(r["labels"])])
    return folder / "labels.csv", folder / "messages.csv", folder / "split.csv"


def test_train_and_evaluate_commands_on_the_datasets_layout(tmp_path):
    pytest.importorskip("sklearn")
    labels, messages, split = _datasets_layout(tmp_path / "typology")
    doc = tmp_path / "typology.md"
    doc.write_text("# t\n<!-- BEGIN typology-evaluation -->\nSTALE\n<!-- END typology-evaluation -->\nend\n", encoding="utf-8")
    runner = CliRunner()
    out = tmp_path / "model.json"
    result = runner.invoke(main, ["typology", "train", str(labels), "--messages", str(messages), "--split", str(split),
                                  "--out", str(out), "--report", str(doc)])
    assert result.exit_code == 0, result.output
    assert "cross-validated macro-F1" in result.output and "test split (40 messages)" in result.output
    written = doc.read_text(encoding="utf-8")
    assert "STALE" not in written and "| model |" in written and written.endswith("end\n")
    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    assert meta["trained_on"]["messages"] == 80 and meta["trained_on"]["splits"] == ["train", "dev"]
    result = runner.invoke(main, ["typology", "evaluate", str(labels), "--messages", str(messages), "--split", str(split),
                                  "--model", str(out)])
    assert result.exit_code == 0, result.output
    assert "messages scored: 40 (test split)" in result.output and "keyword" in result.output


def test_train_command_bad_input_is_one_line(tmp_path):
    labels = tmp_path / "labels.csv"
    labels.write_text("id,text,labels\n1,Hallo daar allemaal,personal\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["typology", "train", str(labels), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and "code at least 30" in result.output
    assert "Traceback" not in result.output


def test_inference_needs_no_scikit_learn():
    import subprocess
    import sys

    code = ("import sys; sys.modules['sklearn'] = None; sys.modules['scipy'] = None\n"
            "from civicnet.text.typology import classify_many\n"
            "from civicnet.webcare import classify\n"
            "print(sorted(classify_many(['Doe mee met de opschoondag! Meld je aan.'])[0]), classify('@g Wanneer is het spreekuur?').category)\n"
            "from civicnet.text.typology.train import train\n"
            "from civicnet.errors import MissingDependency\n"
            "rows = [{'text': 'Hallo daar allemaal', 'labels': frozenset({'personal'}), 'split': None}] * 40\n"
            "try:\n    train(rows)\nexcept MissingDependency as e:\n    print('hint:', e)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "question" in done.stdout and "pip install 'civicnet[text]'" in done.stdout


def test_a_teams_own_model_by_environment(tmp_path, monkeypatch):
    from importlib import resources

    from civicnet.text.typology.model import ENV, default_model

    data = json.loads(resources.files("civicnet.text.typology").joinpath("data", "typology-model.json").read_text("utf-8"))
    data["meta"]["trained_on"]["source"] = "our coded messages"
    data["thresholds"] = {t: 2.0 for t in TYPES}  # no probability reaches them: only the most likely type
    ours = tmp_path / "ours.json"
    ours.write_text(json.dumps(data), encoding="utf-8")
    monkeypatch.setenv(ENV, str(ours))
    assert default_model().linear.meta["trained_on"]["source"] == "our coded messages"
    assert len(classify_types("Doe mee met de opschoondag! Meld je aan. Ik heb er zin in!", "nl")) == 1
    monkeypatch.setenv(ENV, str(tmp_path / "missing.json"))
    with pytest.raises(InputError, match="no such model file"):
        classify_types("Doe mee met de opschoondag!", "nl")
