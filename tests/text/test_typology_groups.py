"""`civicnet typology evaluate --by COLUMN`: the evaluation per group of messages.

Expected figures are worked out by hand from the keyword list (docs/typology.md) and the
majority label set of the training rows."""

import csv
import re

import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.errors import InputError
from civicnet.text.typology.groups import evaluate_groups, read_groups
from civicnet.text.typology.train import read_coded

ROWS = [  # id, text, labels, split, kind
    ("r1", "Kom naar de markt", "call", "train", "government"),
    ("r2", "Doe mee en meld je aan", "call", "train", "politician"),
    ("r3", "Vanavond debat in de raad", "neutral", "train", "politician"),
    ("t1", "Haha wat een grap", "humour", "test", "government"),
    ("t2", "Doe mee met de opschoondag", "call", "test", "government"),
    ("t3", "Ik ben blij met het debat", "personal", "test", "politician"),
    ("t4", "Dat klopt niet, lees het rapport", "nuancing", "test", "politician"),
    ("t5", "Bedankt voor je melding", "webcare", "test", "police"),
    ("t6", "Het park gaat morgen open", "neutral", "test", "politician"),
]


@pytest.fixture
def coded(tmp_path):
    path = tmp_path / "coded.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "labels", "split", "kind"])
        writer.writerows(ROWS)
    return path


def test_each_group_is_scored_on_its_own_messages_with_the_common_majority(coded):
    rows = read_coded(coded)
    reports = evaluate_groups(rows, read_groups(coded, "kind", ["government+police"]), methods=("majority", "keyword"))
    assert list(reports) == ["government+police", "politician"]
    public, politician = reports["government+police"], reports["politician"]
    assert (public["n"], politician["n"]) == (3, 3)
    # keyword: t1 humour, t2 call, t5 webcare all right; t3 personal, t4 nuancing right, t6 (neutral) gets nothing
    assert public["methods"]["keyword"]["macro_f1"] == 1.0
    assert politician["methods"]["keyword"]["macro_f1"] == round(2 / 3, 3)
    # majority: `call` (2 of 3 training rows) for every message; call F1 in the first group 2·(1/3·1)/(1/3+1) = 0.5
    assert public["majority"] == politician["majority"] == "call"
    assert public["methods"]["majority"]["macro_f1"] == round(0.5 / 3, 3)
    assert politician["methods"]["majority"]["macro_f1"] == 0.0


def test_without_join_every_value_is_a_group(coded):
    reports = evaluate_groups(read_coded(coded), read_groups(coded, "kind"), methods=("keyword",))
    assert {name: r["n"] for name, r in reports.items()} == {"government": 2, "police": 1, "politician": 3}


def test_a_message_without_a_group_is_an_input_error(coded, tmp_path):
    groups = tmp_path / "groups.csv"
    groups.write_text("id,kind\nt1,government\n", encoding="utf-8")
    with pytest.raises(InputError, match="id 't2' has no group"):
        evaluate_groups(read_coded(coded), read_groups(groups, "kind"), source=str(groups))


def test_evaluate_by_on_the_command_line(coded, tmp_path):
    doc = tmp_path / "doc.md"
    doc.write_text("# Scores\n\n<!-- BEGIN typology-by-kind -->\nold\n<!-- END typology-by-kind -->\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["typology", "evaluate", str(coded), "--by", "kind",
                                       "--join", "government+police", "--report", str(doc)])
    assert result.exit_code == 0, result.output
    line = re.search(r"government\+police: 3 messages; macro-F1 majority ([\d.]+), keyword ([\d.]+), rules", result.output)
    assert line and line.groups() == ("0.167", "1.000")
    assert re.search(r"politician: 3 messages; macro-F1 majority 0.000, keyword 0.667", result.output)
    written = doc.read_text(encoding="utf-8")
    assert "old" not in written and "**kind government+police** (3 messages)" in written
    assert "| keyword | 0.00 | 1.00 | 0.00 | 1.00 | 0.00 | 0.00 | **0.67**" in written  # politicians: neutral missed


def test_evaluate_by_bad_input_and_usage(coded):
    runner = CliRunner()
    missing = runner.invoke(main, ["typology", "evaluate", str(coded), "--by", "sender"])
    assert missing.exit_code == 1 and "missing column(s) sender" in missing.output
    assert "Traceback" not in missing.output
    usage = runner.invoke(main, ["typology", "evaluate", str(coded), "--join", "government+police"])
    assert usage.exit_code == 2 and "--join needs --by" in usage.output
