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
