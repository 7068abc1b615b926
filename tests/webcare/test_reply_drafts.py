"""The reply check measured on generated drafts with planted findings (figures in docs/webcare.md)."""

from __future__ import annotations

import _drafts as D
import pytest
from click.testing import CliRunner

from civicnet.cli import main
from civicnet.webcare import reply_check


def test_at_least_200_drafts_and_every_rule_planted():
    drafts = D.drafts()
    assert len(drafts) >= 200
    planted = {r for d in drafts for r in d["expected"]}
    assert planted == {"promise", "political", "phone", "email", "address", "licence_plate", "bsn", "person_name",
                       "informal_address", "no_signature"}


def test_precision_and_recall_per_rule():
    stats = D.measure(reply_check)
    for rule, s in stats.items():
        assert s["precision"] is None or s["precision"] >= 0.95, (rule, s)
        assert s["recall"] is None or s["recall"] >= 0.9, (rule, s)
    assert stats["promise"]["support"] >= 50 and stats["political"]["support"] >= 40


@pytest.mark.parametrize("sentence, rule", [
    ("Dat beloof ik u.", "promise"),
    ("We zorgen ervoor dat het goed komt.", "promise"),
    ("Het wordt uiterlijk vrijdag gerepareerd.", "promise"),
    ("U hoort binnen twee weken van ons.", "promise"),
    ("Eerlijk gezegd vind ik dit kabinetsbeleid niet verstandig.", "political"),
    ("Persoonlijk vind ik het besluit van de raad onterecht.", "political"),
])
def test_the_issues_forms(sentence, rule):
    assert rule in {f["rule"] for f in reply_check(f"Dank voor uw bericht. {sentence} ^PK")}


def test_explanations_follow_the_language():
    draft = "Dat beloof ik u. ^PK"
    assert reply_check(draft)[0]["message"].startswith("een belofte of termijn")
    assert reply_check(draft, lang="en")[0]["message"].startswith("a promise or deadline")
    result = CliRunner().invoke(main, ["reply-check", "--lang", "en", draft])
    assert result.exit_code == 0 and "a promise or deadline" in result.output
    assert "geen bevindingen" in CliRunner().invoke(main, ["reply-check", "Dank voor uw vraag. ^PK"]).output
