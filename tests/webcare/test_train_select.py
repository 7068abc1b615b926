"""Training the inbox model on the datasets layout: settings on dev, coders' topics, high urgency needs a cue."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.text.linear import LinearModel
from civicnet.webcare.classify import URGENCIES
from civicnet.webcare.evaluate import load_labelled
from civicnet.webcare.model import InboxModel, load, shipped_model
from civicnet.webcare.train import read_inbox_labels

LABELLED = Path(__file__).resolve().parents[2] / "src" / "civicnet" / "webcare" / "data" / "labelled"


def _layout(folder: Path) -> tuple[Path, Path, Path]:
    """The written dev set as train (three in four) and dev (every fourth), its test set as test, coders' topics."""
    folder.mkdir(parents=True, exist_ok=True)
    dev, test = load_labelled("dev"), load_labelled("test")
    rows = [("dev" if i % 4 == 0 else "train", r) for i, r in enumerate(dev)] + [("test", r) for r in test]
    topics = ["politiek", "verkeer_parkeren", "zorg_welzijn", "afval", ""]
    with (folder / "messages.csv").open("w", encoding="utf-8", newline="") as m, \
            (folder / "ids.csv").open("w", encoding="utf-8", newline="") as s, \
            (folder / "labels.csv").open("w", encoding="utf-8", newline="") as lab:
        wm, ws, wl = csv.writer(m), csv.writer(s), csv.writer(lab)
        wm.writerow(["id", "source", "platform", "addressed_to", "created_at", "text"])
        ws.writerow(["id", "source", "original_id", "author_kind", "split"])
        wl.writerow(["id", "category", "urgency", "topic"])
        for i, (part, r) in enumerate(rows):
            key = f"m{i:04d}"
            wm.writerow([key, "src6", "twitter", "gemeente", "", r["text"]])
            ws.writerow([key, "src6", str(i), "citizen", part])
            wl.writerow([key, r["category"], r["urgency"], topics[i % len(topics)]])
    return folder / "labels.csv", folder / "messages.csv", folder / "ids.csv"


def test_coders_topics_are_read_as_desk_codes(tmp_path):
    labels, messages, split = _layout(tmp_path / "inbox")
    rows = read_inbox_labels(labels, messages, split)
    assert {r["topic"] for r in rows} == {"communicatie", "verkeer", "zorg", "afval", None}


def test_settings_are_chosen_on_dev(tmp_path):
    pytest.importorskip("sklearn")
    labels, messages, split = _layout(tmp_path / "inbox")
    out = tmp_path / "inbox.json"
    result = CliRunner().invoke(main, ["inbox", "train", str(labels), "--messages", str(messages), "--split", str(split),
                                       "--features", "ngrams", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "dev-split macro-F1 (52 messages; settings chosen there)" in result.output
    assert "test split (115 messages)" in result.output
    model = load(out)
    selection = model.meta["selection"]
    assert model.meta["trained_on"]["messages"] == 156 and model.meta["trained_on"]["splits"] == ["train"]
    assert selection["method"] == "dev split" and len(selection["candidates"]) == 6
    assert round(selection["category"]["macro_f1"], 3) == max(round(c["macro_f1"], 3) for c in selection["candidates"])
    assert model.urgency_mode == selection["urgency"]["mode"]
    rules = selection["urgency_candidates"][0]
    assert rules["mode"] == "rules" and selection["urgency"]["rules_macro_f1"] == rules["macro_f1"]


def test_missing_local_texts_name_the_rebuild_command(tmp_path):
    labels, _, split = _layout(tmp_path / "inbox")
    missing = tmp_path / "datasets" / "local" / "inbox" / "messages.csv"
    result = CliRunner().invoke(main, ["inbox", "train", str(labels), "--messages", str(missing), "--split", str(split),
                                       "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and result.output.startswith("Error:") and "python datasets/extract.py" in result.output


def test_high_urgency_needs_a_danger_cue_or_a_threat():
    category = shipped_model().category
    width = category.width
    # an urgency model that always prefers high, then low
    always_high = LinearModel("inbox-urgency", "multinomial", list(URGENCIES), category.blocks, list(category.dense),
                              np.zeros((width, 3)), np.array([5.0, 0.0, 1.0]))
    model = InboxModel(category, always_high, "model", {})
    calm, danger, threat = model.classify(["@gemeente Wanneer gaat het zwembad weer open?",
                                           "@gemeente Er ligt een boom over de weg, auto's kunnen er niet langs!",
                                           "@gemeente Ik weet waar die wethouder woont"])
    assert calm.urgency == "low" and not calm.urgency_cues
    assert danger.urgency == "high" and danger.urgency_cues
    assert threat.urgency == "high" and threat.category == "abuse"
