"""Choosing the typology model's settings: on the dev split, never on test; the decision rules."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.text.typology.dataset import format_labels, load_dev_set
from civicnet.text.typology.model import LEGACY_DECISION, decide_sets
from civicnet.text.typology.rules import TYPES

WRITTEN = Path(__file__).resolve().parents[2] / "src" / "civicnet" / "text" / "data" / "typology_dev.csv"


def _layout(folder: Path, scramble_test: bool = False) -> tuple[Path, Path, Path]:
    """datasets layout with train (100), dev (60) and test (40) rows of the shipped set."""
    rows = load_dev_set()
    parts = [("train", rows[:100]), ("dev", rows[100:160]), ("test", rows[160:200])]
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "messages.csv").open("w", encoding="utf-8", newline="") as m, \
            (folder / "ids.csv").open("w", encoding="utf-8", newline="") as s, \
            (folder / "labels.csv").open("w", encoding="utf-8", newline="") as lab:
        wm, ws, wl = csv.writer(m), csv.writer(s), csv.writer(lab)
        wm.writerow(["id", "text"])
        ws.writerow(["id", "source", "original_id", "author_kind", "split"])
        wl.writerow(["id", "types"])
        for part, chosen in parts:
            for i, r in enumerate(chosen):
                wm.writerow([r["id"], r["text"]])
                ws.writerow([r["id"], "src1", str(i), "government", part])
                labels = r["labels"]
                if scramble_test and part == "test":
                    labels = frozenset({TYPES[(TYPES.index(min(labels)) + 1) % 6]}) if labels else frozenset({"humour"})
                wl.writerow([r["id"], format_labels(labels)])
    return folder / "labels.csv", folder / "messages.csv", folder / "ids.csv"


def _train(folder: Path, *extra: str) -> tuple[object, Path]:
    labels, messages, split = _layout(folder, scramble_test="scrambled" in folder.name)
    out = folder / "model.json"
    result = CliRunner().invoke(main, ["typology", "train", str(labels), "--messages", str(messages), "--split", str(split),
                                       "--out", str(out), *extra])
    return result, out


def test_settings_are_chosen_on_dev_and_the_model_learns_from_train(tmp_path):
    pytest.importorskip("sklearn")
    result, out = _train(tmp_path / "plain", "--extra", str(WRITTEN))
    assert result.exit_code == 0, result.output
    assert "dev-split macro-F1" in result.output and "(60 messages; settings chosen there)" in result.output
    assert "test split (40 messages)" in result.output
    meta = json.loads(out.read_text(encoding="utf-8"))["meta"]
    assert meta["trained_on"]["messages"] == 100 and meta["trained_on"]["splits"] == ["train"]
    selection = meta["selection"]
    assert selection["method"] == "dev split" and selection["scored_messages"] == 60
    # 2 feature sets x with/without the extra rows x 6 values of C x 3 rules for personal
    assert len(selection["candidates"]) == 2 * 2 * 6 * 3
    assert round(selection["macro_f1"], 3) == max(round(c["macro_f1"], 3) for c in selection["candidates"])
    assert meta["extra"]["messages"] == 237 and meta["extra"]["used"] == selection["extra"]
    assert meta["decision"] == selection["decision"] and set(selection["thresholds"]) == set(TYPES)


def test_the_test_split_is_never_read_to_choose_or_fit(tmp_path):
    pytest.importorskip("sklearn")
    first, a = _train(tmp_path / "plain", "--features", "ngrams")
    second, b = _train(tmp_path / "scrambled", "--features", "ngrams")
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    first_model, second_model = (json.loads(path.read_text(encoding="utf-8")) for path in (a, b))
    assert first_model["meta"]["trained_on"].pop("source") != second_model["meta"]["trained_on"].pop("source")
    assert first_model == second_model  # other test labels, the same model (only the folder's name differs)


def test_missing_local_texts_name_the_rebuild_command(tmp_path):
    labels, _, split = _layout(tmp_path / "typology")
    missing = tmp_path / "datasets" / "local" / "typology" / "messages.csv"
    result = CliRunner().invoke(main, ["typology", "train", str(labels), "--messages", str(missing), "--split", str(split),
                                       "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.output.count("\n") == 1 and "python datasets/extract.py" in result.output


CUT = {t: 0.5 for t in TYPES}


def _probs(**values) -> np.ndarray:
    return np.array([[values.get(t, 0.1) for t in TYPES]])


def test_decision_rules_by_hand():
    text = ["Vanaf maandag is de Heereweg afgesloten."]
    # neutral beside another type: "compare" keeps whichever is relatively more likely, "drop" drops neutral
    assert decide_sets(text, _probs(neutral=0.9, call=0.6), CUT, [{}]) == [frozenset({"neutral"})]
    assert decide_sets(text, _probs(neutral=0.6, call=0.9), CUT, [{}]) == [frozenset({"call"})]
    assert decide_sets(text, _probs(neutral=0.9, call=0.6), CUT, [{}], neutral="drop") == [frozenset({"call"})]
    # nothing reaches its threshold: the most likely type relative to its threshold
    assert decide_sets(text, _probs(call=0.3, humour=0.2), {**CUT, "humour": 0.1}, [{}]) == [frozenset({"humour"})]
    # personal: "marker" only with a first-person or feeling marker; "own_voice" not in the
    # organisation's own voice unless in the first person singular; "any" always
    p = _probs(personal=0.8, neutral=0.4)
    assert decide_sets(text, p, CUT, [{}], personal="marker") == [frozenset({"neutral"})]
    assert decide_sets(text, p, CUT, [{"first_person": "ik"}], personal="marker") == [frozenset({"personal"})]
    assert decide_sets(text, p, CUT, [{"organisation_voice": "wij"}], personal="own_voice") == [frozenset({"neutral"})]
    assert decide_sets(text, p, CUT, [{"organisation_voice": "wij", "first_person": "ik"}],
                       personal="own_voice") == [frozenset({"personal"})]
    assert decide_sets(text, p, CUT, [{}], personal="own_voice") == [frozenset({"personal"})]
    assert decide_sets(text, p, CUT, [{"organisation_voice": "wij"}]) == [frozenset({"personal"})]
    # no content: none, whatever the probabilities
    assert decide_sets(["@jan 👍"], _probs(webcare=0.99), CUT, [{}]) == [frozenset()]


def test_model_files_without_decision_rules_keep_the_earlier_ones(tmp_path):
    from importlib import resources

    from civicnet.text.typology.model import load

    data = json.loads(resources.files("civicnet.text.typology").joinpath("data", "typology-model.json").read_text("utf-8"))
    del data["meta"]["decision"]
    old = tmp_path / "old.json"
    old.write_text(json.dumps(data), encoding="utf-8")
    assert load(old).decision == LEGACY_DECISION
