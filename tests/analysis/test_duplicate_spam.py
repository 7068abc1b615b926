"""duplicate_spam: accounts whose own messages mostly repeat one another, as the module docstring says."""

import re
import sys
from pathlib import Path

from civicnet.analysis.ambassadors import DUPLICATE_MIN, DUPLICATE_SHARE, duplicate_spam
from civicnet.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tactics"))
from _tactics_planted import Builder, case, t  # noqa: E402


def reference(messages: list[tuple[str, str, str | None]]) -> set[str]:
    """The rule computed by hand: own messages (no reposts, with text), normalised (links and
    spacing aside, any case); at least DUPLICATE_MIN of them, DUPLICATE_SHARE repeating another."""
    own: dict[str, list[str]] = {}
    for handle, kind, text in messages:
        if kind != "repost" and text is not None:
            own.setdefault(handle, []).append(re.sub(r"(https?://\S+|\s+)", " ", text).strip().lower())
    return {h for h, texts in own.items() if len(texts) >= DUPLICATE_MIN
            and len(texts) - len(set(texts)) >= DUPLICATE_SHARE * len(texts)}


def test_spam_by_duplicates(tmp_path):
    b = Builder("twitter")
    plan = {
        "spammer": ["Koop nu! https://a.nl/1", "koop  NU! https://b.nl/2", "Koop nu!", "KOOP NU! http://c.nl",
                    "koop nu!", "Koop nu!\n", "Iets anders"],          # 7 own, 5 repeats: 71 % < 80 %
        "bot": ["Zelfde tekst"] * 6,                                    # 6 own, 5 repeats: 83 %
        "short": ["Hallo"] * 4,                                         # 4 own: too few to judge
        "talker": [f"Bericht nummer {i}" for i in range(8)],            # all distinct
        "reposter": ["Hallo"] * 2,                                      # + 6 reposts below (not own)
    }
    rows = []
    for i, (handle, texts) in enumerate(plan.items()):
        b.account(f"a{i}", handle)
        for k, text in enumerate(texts):
            b.msg(f"a{i}", t(1 + k % 20, 9, i), text)
            rows.append((handle, "post", text))
    first = b.msg("a3", t(2), "Origineel")
    rows.append(("talker", "post", "Origineel"))
    for k in range(6):
        b.msg("a4", t(3, 10, k), "RT Origineel", kind="repost", parent=first)
        rows.append(("reposter", "repost", "RT Origineel"))
    b.msg("a2", t(4), None)
    rows.append(("short", "post", None))
    with Store(tmp_path / "s.duckdb") as store:
        b.write(store, "spam")
        with store.case(case(tmp_path, "spam", [])) as scope:
            found = duplicate_spam(scope)
    assert found == reference(rows) == {"bot"}
