"""The label catalogues: each key once (YAML keeps the last of a repeated key without a word), and
the same keys in Dutch and English."""

import re
from collections import Counter
from pathlib import Path

import pytest

LOCALE = Path(__file__).parents[2] / "src" / "civicnet" / "reports" / "locale"
KEY = re.compile(r"^([A-Za-z0-9_]+):", re.M)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_key_once(lang):
    keys = Counter(KEY.findall((LOCALE / f"{lang}.yaml").read_text(encoding="utf-8")))
    assert [k for k, n in keys.items() if n > 1] == []


def test_the_same_keys_in_both_languages():
    nl, en = (set(KEY.findall((LOCALE / f"{lang}.yaml").read_text(encoding="utf-8"))) for lang in ("nl", "en"))
    assert sorted(nl ^ en) == []
