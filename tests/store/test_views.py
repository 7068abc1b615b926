"""The case views: which interactions a case counts."""

from __future__ import annotations

from types import SimpleNamespace

from civicnet.model import Account, Interaction, Message
from civicnet.store.db import Store
from civicnet.store.views import VIEWS, use_case


def test_case_interactions_keep_counted_carriers_and_carrier_less_ties(tmp_path):
    accounts = [Account(platform="x", id=a, handle=a) for a in ("a", "b", "c")]
    with Store(tmp_path / "s.duckdb") as store:
        store.write("one", accounts, [Message(platform="x", id="m1", account="a"),
                                      Message(platform="x", id="ctx", account="b", collected=False)], [
            Interaction(platform="x", kind="mention", source_account="a", target_account="b", message="m1"),
            Interaction(platform="x", kind="mention", source_account="b", target_account="c", message="ctx"),
            Interaction(platform="x", kind="like", source_account="c", target_account="a", target_message="m1"),
            Interaction(platform="x", kind="follow", source_account="b", target_handle="Zed"),
        ])
        # m2 is counted in another case only: its mention is not this case's
        store.write("two", accounts, [Message(platform="x", id="m2", account="c")],
                    [Interaction(platform="x", kind="mention", source_account="c", target_account="b", message="m2")])
        store.write("one", [], [Message(platform="x", id="m2", account="c", collected=False)],
                    [Interaction(platform="x", kind="mention", source_account="c", target_account="b", message="m2")])
        with store.case(SimpleNamespace(id="one")) as scope:
            rows = scope.sql("SELECT kind, source_account, target FROM case_interactions ORDER BY ALL")
        use_case(store, "one")  # the same views on the store's own connection (for the webcare inbox)
        assert store.sql("SELECT kind, source_account, target FROM case_interactions ORDER BY ALL") == rows
    assert rows == [("follow", "b", "@Zed"), ("like", "c", "a"), ("mention", "a", "b")]
    assert VIEWS == ("case_all_messages", "case_messages", "case_interactions", "case_accounts")
