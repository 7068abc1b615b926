"""The triage classifiers: the rules, the shipped model with its safety rules, evaluation and training."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.errors import InputError
from civicnet.webcare import CATEGORIES, classify, classify_rules
from civicnet.webcare.evaluate import evaluate, keyword_baseline, load_labelled, score
from civicnet.webcare.model import load, shipped_model
from civicnet.webcare.train import read_inbox_labels

LABELLED = Path(__file__).resolve().parents[2] / "src" / "civicnet" / "webcare" / "data" / "labelled"


@pytest.mark.parametrize("text, category, urgency", [
    ("@gemeente Wanneer wordt het grofvuil opgehaald?", "question", "normal"),
    ("@gemeente Mijn container is al twee weken niet geleegd. Belachelijk!", "complaint", "normal"),
    ("@gemeente De lantaarnpaal bij de school is kapot", "report", "normal"),
    ("@gemeente Er is brand in de container achter de flat!", "report", "high"),
    ("@gemeente Na de beving zit er een scheur in onze gevel", "report", "high"),
    ("@gemeente Bedankt voor de snelle hulp, top!", "praise", "low"),
    ("@gemeente Ik hoor dat het zwembad dicht gaat, klopt dat?", "rumour", "normal"),
    ("@gemeente Stelletje idioten", "abuse", "low"),
    ("@gemeente Ik weet waar die wethouder woont", "abuse", "high"),
    ("@gemeente GRATIS iPhone winnen? Klik hier", "noise", "low"),
    ("@gemeente @politie https://t.co/x 😂", "noise", "low"),
    ("", "noise", "low"),
    ("@gemeente Is the road to the station open again?", "question", "normal"),
])
def test_rule_examples(text, category, urgency):
    c = classify_rules(text)
    assert (c.category, c.urgency) == (category, urgency)


def test_negated_urgency_and_cues():
    assert classify_rules("@gemeente Er is geen gevaar, de boom ligt in het gras").urgency != "high"
    assert classify_rules("@rws Is de dijk nog wel veilig?").urgency == "high"
    assert classify_rules("@rws de brug is niet veilig meer").urgency == "high"  # 'niet veilig' stays urgent
    c = classify_rules("@gemeente Gaslucht in de Kerkstraat!")
    assert "gaslucht" in c.cues and "gaslucht" in c.urgency_cues


@pytest.mark.parametrize("text", [
    "@gemeente Er ligt een boom over de weg bij de Dorpsstraat, auto's kunnen er niet langs",
    "@gemeente Omgewaaide boom blokkeert het fietspad langs de Kanaalweg",
    "@gemeente Ik ruik gas in het trappenhuis van onze flat",
    "@gemeente Het water staat in de kelders, wateroverlast in de hele straat",
    "@gemeente Er staat een schuur in brand naast de speeltuin",
    "@politie Vechtpartij op het plein, er wordt iemand geslagen",
])
def test_danger_is_high_urgency_whatever_the_model_says(text):
    assert classify(text).urgency == "high"


def test_safety_rules_around_the_model():
    threat = classify("@gemeente Ik weet waar jij woont, wacht maar")
    assert (threat.category, threat.urgency) == ("abuse", "high")
    # an insult is never praise, even wrapped in thanks
    insult = classify("@gemeente Bedankt hoor, stelletje idioten")
    assert insult.category != "praise"
    empty = classify("@gemeente @politie https://t.co/x")
    assert (empty.category, empty.urgency) == ("noise", "low")
    assert classify("@gemeente Wanneer wordt het grofvuil opgehaald?").probability is not None


def test_labelled_sets():
    dev, test = load_labelled("dev"), load_labelled("test")
    assert (len(dev), len(test)) == (208, 115)
    for rows in (dev, test):
        assert {r["category"] for r in rows} == set(CATEGORIES)
    assert not {r["text"] for r in dev} & {r["text"] for r in test}


def test_score_by_hand():
    s = score(["a", "a", "b", "b"], ["a", "b", "b", "b"], ["a", "b"])
    assert s["accuracy"] == 0.75 and s["confusion"] == [[1, 1], [0, 2]]
    a = s["per_class"]["a"]
    assert (a["precision"], a["recall"], a["f1"], a["support"]) == (1.0, 0.5, 0.667, 2)
    assert s["per_class"]["b"]["precision"] == 0.667
    assert s["macro_f1"] == round((2 / 3 + 0.8) / 2, 3)


def test_keyword_baseline_is_a_plain_list():
    assert keyword_baseline("Stelletje idioten, wanneer?", ("question", "normal"))[0] == "abuse"
    assert keyword_baseline("Er is brand", ("question", "normal")) == ("question", "high")
    assert keyword_baseline("hallo", ("noise", "low")) == ("noise", "low")


def test_shipped_model_beats_the_baselines_on_the_held_out_set():
    report = evaluate(read_inbox_labels(LABELLED / "test.csv"))
    c, u = report["category"], report["urgency"]
    assert report["n"] == 115 and report["scored"] == "all rows"
    assert c["model"]["macro_f1"] >= c["keyword"]["macro_f1"] + 0.15
    assert c["model"]["macro_f1"] > c["majority"]["macro_f1"]
    assert u["model"]["macro_f1"] > u["keyword"]["macro_f1"]
    assert sum(map(sum, c["model"]["confusion"])) == 115
    lo, hi = c["model"]["macro_f1_ci"]
    assert lo <= c["model"]["macro_f1"] <= hi


def test_numpy_inference_equals_scikit_learn(tmp_path):
    pytest.importorskip("sklearn")
    from civicnet.text.linear import load_model
    from civicnet.text.linear_train import fit
    from civicnet.webcare.features import RULE_FEATURES, rule_features

    dev = load_labelled("dev")
    texts = [r["text"] for r in dev]
    dense, _ = rule_features(texts)
    fitted = fit("inbox-category", "multinomial", CATEGORIES, texts, [r["category"] for r in dev], dense, RULE_FEATURES)
    held = [r["text"] for r in load_labelled("test")]
    held_dense, _ = rule_features(held)
    expected = fitted.sklearn_probabilities(held, held_dense)
    saved = load_model(fitted.model.save(tmp_path / "c.json"), task="inbox-category", dense=RULE_FEATURES)
    got = saved.probabilities(held, held_dense)
    assert np.abs(got - expected).max() < 1e-6
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()


def _layout(folder: Path) -> tuple[Path, Path, Path]:
    """datasets/inbox layout: messages.csv, split.csv, labels.csv (id,category,urgency,topic)."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [("dev", i, r) for i, r in enumerate(load_labelled("dev"))] + [("test", i, r) for i, r in enumerate(load_labelled("test"))]
    with (folder / "messages.csv").open("w", encoding="utf-8", newline="") as m, \
            (folder / "split.csv").open("w", encoding="utf-8", newline="") as s, \
            (folder / "labels.csv").open("w", encoding="utf-8", newline="") as lab:
        wm, ws, wl = csv.writer(m), csv.writer(s), csv.writer(lab)
        wm.writerow(["id", "source", "platform", "addressed_to", "created_at", "text"])
        ws.writerow(["id", "split"])
        wl.writerow(["id", "category", "urgency", "topic"])
        for part, i, r in rows:
            key = f"{part}-{i:04d}"
            wm.writerow([key, "src1", "twitter", "gemeente", "2014-01-01T00:00:00Z", r["text"]])
            ws.writerow([key, "train" if part == "dev" else "test"])
            wl.writerow([key, r["category"], r["urgency"], ""])
    return folder / "labels.csv", folder / "messages.csv", folder / "split.csv"


def test_train_and_evaluate_commands(tmp_path):
    pytest.importorskip("sklearn")
    labels, messages, split = _layout(tmp_path / "inbox")
    doc = tmp_path / "webcare.md"
    doc.write_text("x\n<!-- BEGIN inbox-evaluation -->\nSTALE\n<!-- END inbox-evaluation -->\n", encoding="utf-8")
    out = tmp_path / "inbox.json"
    runner = CliRunner()
    result = runner.invoke(main, ["inbox", "train", str(labels), "--messages", str(messages), "--split", str(split),
                                  "--features", "ngrams", "--out", str(out), "--report", str(doc)])
    assert result.exit_code == 0, result.output
    assert "cross-validated macro-F1" in result.output and "test split (115 messages)" in result.output
    written = doc.read_text(encoding="utf-8")
    assert "STALE" not in written and "**Test split**, category, F1 per class" in written
    model = load(out)
    assert model.meta["trained_on"]["messages"] == 208 and model.urgency_mode in ("rules", "model")
    result = runner.invoke(main, ["inbox", "evaluate", str(labels), "--messages", str(messages), "--split", str(split),
                                  "--model", str(out)])
    assert result.exit_code == 0, result.output
    assert "messages scored: 115 (test split)" in result.output


def test_bad_labels_are_input_errors(tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("text,category,urgency\nhallo daar,vraagje,normal\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown category 'vraagje'"):
        read_inbox_labels(bad)
    result = CliRunner().invoke(main, ["inbox", "train", str(bad), "--out", str(tmp_path / "m.json")])
    assert result.exit_code == 1 and result.output.startswith("Error:") and "Traceback" not in result.output
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "civicnet.linear/1"}), encoding="utf-8")
    with pytest.raises(InputError, match="not a civicnet inbox model"):
        load(other)


def test_shipped_model_says_what_it_was_trained_on():
    meta = shipped_model().meta
    trained, selection = meta["trained_on"], meta["selection"]
    assert trained["source"].startswith("datasets/inbox/labels.csv") and trained["splits"] == ["train"]
    assert trained["messages"] == 217 and sum(trained["categories"].values()) == 217  # datasets/README.md: 217 train
    assert selection["method"] == "dev split" and selection["scored_messages"] == 53
    assert meta["extra"]["used"] == selection["category"]["extra"]


def test_routing_is_scored_against_coded_topics(tmp_path):
    labels = tmp_path / "labels.csv"
    rows = [("Wanneer wordt het grofvuil opgehaald in onze straat?", "question", "normal", "afval"),
            ("Hoe vraag ik een parkeervergunning aan voor bewoners?", "question", "normal", "verkeer"),
            ("Er ligt een boom over de weg bij de Dorpsstraat!", "report", "high", "veiligheid"),
            ("Hoe vraag ik een parkeervergunning aan voor bezoek?", "question", "normal", "afval")]
    with labels.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "category", "urgency", "topic"])
        writer.writerows(rows)
    report = evaluate(read_inbox_labels(labels))
    routing = report["routing"]
    assert routing["n"] == 4 and routing["accuracy"] == 0.75  # the last topic is coded wrong on purpose
    labels.write_text("text,category,urgency,topic\nhallo daar,noise,low,sport\n", encoding="utf-8")
    with pytest.raises(InputError, match="unknown topic 'sport'"):
        read_inbox_labels(labels)


@pytest.mark.parametrize("text, category", [
    ("Prachtige foto", "praise"),  # the model: report (0.19), a breached report on top of the queue
    ("Prachtige foto 👍", "praise"),
    ("Schitterend", "praise"),
])
def test_the_model_does_not_overrule_a_cue_with_words_it_has_never_seen(text, category):
    """A page's comments whose content words are none of them in the model's vocabulary (the
    real training set is replies to politicians and report forms), with a cue of the rules'
    lexicons: the rules decide, and the reason says why."""
    c = classify(text)
    assert c.category == category and c.probability is None
    assert c.cues[0] == "unknown_words"


def test_without_a_cue_or_with_known_words_the_model_decides():
    # no cue of the lexicons: the model, which does better there (cross-validation, docs/webcare.md)
    threat = classify("@gemeentezwolle die ambtenaar verdient een kogel")
    assert threat.category == "abuse" and threat.probability is not None
    known = classify("Wanneer wordt het grofvuil opgehaald?")
    assert known.probability is not None and "unknown_words" not in known.cues
