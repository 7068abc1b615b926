"""The factsheet's limitations read the same three figures ``civicnet info`` gives (record_facts), then the
import warnings."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from civicnet.analysis import record_facts
from civicnet.reports.factsheet import _limits
from civicnet.reports.i18n import Catalogue
from civicnet.store import Store
from civicnet.store.info import case_info


def _expected(store: Store, case, lang: str) -> list[str]:
    """The limits as they were built from case_info."""
    t = Catalogue(lang)
    info = case_info(store, case)
    limits = [t("limit_likes")]
    if info["context_messages"]:
        limits.insert(0, t("limit_context"))
    if info["messages_without_author"]:
        limits.append(t("limit_authors", count=info["messages_without_author"]))
    rejected = sum(i["records_rejected"] for i in info["imports"])
    if rejected:
        limits.append(t("limit_rejected", count=rejected))
    if rejected > 0.01 * 10:  # the import read 10 records: over 1 % rejected is a warning (CONTRACT)
        share = {"en": f"{rejected} of 10 records rejected ({100 * rejected // 10}%)",
                 "nl": f"{rejected} van 10 records afgewezen ({100 * rejected // 10} %)"}[lang]
        limits.append(share)
    return limits


def _store(path, messages: list[tuple], rejected: int) -> Store:
    """A store holding case ``c``'s messages (id, account, collected) and one import."""
    store = Store(path)
    for mid, account, collected in messages:
        store.sql("INSERT INTO message (platform, id, account, kind) VALUES ('x', ?, ?, 'post')", [mid, account])
        store.sql("INSERT INTO case_message VALUES ('c', 'x', ?, ?)", [mid, collected])
    store.sql("INSERT INTO case_message VALUES ('c', 'x', 'no-such-message', false)")  # not counted: no message
    store.sql("INSERT INTO message (platform, id, account, kind) VALUES ('x', 'other-case', NULL, 'post')")
    store.sql("""INSERT INTO import (case_id, path, format, format_detected, sha256, size_bytes, imported_at,
                 records_read, records_rejected, messages_added, accounts_added, interactions_added)
                 VALUES ('c', 'f.json', 'twitter-v2', true, '0', 1, now(), 10, ?, 3, 2, 0)""", [rejected])
    return store


@pytest.mark.parametrize("messages, rejected", [
    ([("1", "a", True), ("2", None, True), ("3", None, True), ("4", "b", False)], 2),
    ([("1", "a", True), ("2", "b", True)], 0),
])
def test_limits_are_those_of_case_info(tmp_path, messages, rejected):
    case = SimpleNamespace(id="c", title="C", path=tmp_path / "c.yaml")
    with _store(tmp_path / "s.duckdb", messages, rejected) as store, store.case(case) as scope:
        analysis = SimpleNamespace(records=record_facts(scope))
        for lang in ("en", "nl"):
            got, expected = _limits(analysis, lang), _expected(store, case, lang)
            assert got[:-1] == expected[:-1] if rejected else got == expected
            if rejected:
                assert got[-1].startswith("f.json: ") and expected[-1] in got[-1]
