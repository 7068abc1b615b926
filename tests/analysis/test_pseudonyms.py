"""The case's pseudonymiser builds its index on first use and labels as one built at once."""

import copy
import pickle
import hashlib
import hmac
import threading

from civicnet.analysis.pseudonyms import DeferredPseudonymiser
from civicnet.labels import hides_text
from civicnet.reports.pseudonym import Pseudonymiser

SALT = b"salt"
ARGS = dict(keep={"gemeenteDeventer"}, names={"jan_burger": "Jan de Burger"},
            accounts=[("twitter", "123456", "piet.k", "Piet Klaassen"), ("bluesky", "did:plc:abc", "an.bsky.social", None)],
            kept_names=["Gemeente Deventer"], kept_messages=["99_1", "123456_7"], case_id="c")
TEXT = ("@jan_burger en Piet Klaassen vragen @gemeenteDeventer: zie https://twitter.com/piet.k/status/1 "
        "en did:plc:abc, Jan de Burger")


def anon(identifier: str) -> str:
    """The pseudonym computed independently: anon- and 10 hex digits of HMAC-SHA256 over the identifier."""
    return "anon-" + hmac.new(SALT, identifier.encode(), hashlib.sha256).hexdigest()[:10]


def test_labels_as_the_pseudonymiser_built_at_once():
    now, later = Pseudonymiser(SALT, **ARGS), DeferredPseudonymiser(SALT, **ARGS)
    assert "_known" not in later.__dict__ and later.case_id == "c" and hides_text(later)
    assert later("piet.k") == now("piet.k") == anon("piet.k")
    assert later("gemeenteDeventer") == "gemeenteDeventer"
    assert later.text(TEXT) == now.text(TEXT) and "Klaassen" not in later.text(TEXT)
    assert later.message_id("123456_7") == now.message_id("123456_7")
    assert later.message_id("99_1") == "99_1"
    assert later.name("jan_burger", "Jan de Burger") == now.name("jan_burger", "Jan de Burger")


def test_built_once_when_threads_ask_together():
    later = DeferredPseudonymiser(SALT, **ARGS)
    results = []
    threads = [threading.Thread(target=lambda: results.append(later("piet.k"))) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [anon("piet.k")] * 8


def test_copies_label_the_same_built_or_not():
    unbuilt, built = DeferredPseudonymiser(SALT, **ARGS), DeferredPseudonymiser(SALT, **ARGS)
    built("x")
    for original in (unbuilt, built):
        twins = (copy.copy(original), copy.deepcopy(original), pickle.loads(pickle.dumps(original)))
        assert [twin("piet.k") for twin in twins] == [anon("piet.k")] * 3


def _store_with_case(tmp_path):
    from civicnet.model import Account, Interaction, Message
    from civicnet.store.db import Store

    store = Store(tmp_path / "s.duckdb")
    accounts = [Account(platform="twitter", id="1", handle="gemeenteDeventer", name="Gemeente Deventer"),
                Account(platform="twitter", id="2", handle="piet.k", name="Piet Klaassen"),
                Account(platform="twitter", id="3", handle="an_b")]
    messages = [Message(platform="twitter", id="m1", account="2", text="@gemeenteDeventer @jan_burger help"),
                Message(platform="twitter", id="m2", account="1", text="@piet.k graag gedaan")]
    ties = [Interaction(platform="twitter", kind="mention", source_account="2", target_handle="jan_burger", message="m1"),
            Interaction(platform="twitter", kind="mention", source_account="1", target_account="2",
                        target_handle="piet.k", message="m2")]
    store.write("c", accounts, messages, ties)
    return store


def test_the_case_account_rows_wait_as_arrow_and_give_the_same_rows(tmp_path):
    """On a scope the account rows are held as Arrow until the index is built; they are the rows the
    store gives as tuples (the case's accounts, then the accounts it only mentions, by hand below),
    and the pseudonymiser labels as one built at once from the store."""
    from types import SimpleNamespace

    from civicnet.analysis.pseudonyms import ArrowRows

    case = SimpleNamespace(id="c", government=[SimpleNamespace(handle="gemeenteDeventer", platform="twitter")],
                           public=[])
    with _store_with_case(tmp_path) as store, store.case(case) as scope:
        rows = DeferredPseudonymiser.case_accounts(scope, "c")
        assert isinstance(rows, ArrowRows) and len(rows) == 5
        assert sorted(rows, key=str) == sorted([
            ("twitter", "1", "gemeenteDeventer", "Gemeente Deventer"), ("twitter", "2", "piet.k", "Piet Klaassen"),
            ("twitter", "3", "an_b", None), ("twitter", None, "jan_burger", None), ("twitter", "2", "piet.k", None),
        ], key=str)
        assert list(rows) == Pseudonymiser.case_accounts(store, "c")
        salt = b"0" * 16
        now = Pseudonymiser(salt, keep={"gemeenteDeventer"}, accounts=Pseudonymiser.case_accounts(store, "c"),
                            kept_names=["Gemeente Deventer"], kept_messages=["m2"], case_id="c")
        later = DeferredPseudonymiser(salt, keep={"gemeenteDeventer"}, accounts=rows,
                                      kept_names=["Gemeente Deventer"], kept_messages=["m2"], case_id="c")
        text = "Piet Klaassen, @jan_burger en @an_b schreven @gemeenteDeventer"
        assert later.text(text) == now.text(text) and "Klaassen" not in later.text(text)
        assert [later(x) for x in ("piet.k", "2", "jan_burger", "gemeenteDeventer")] == \
               [now(x) for x in ("piet.k", "2", "jan_burger", "gemeenteDeventer")]
