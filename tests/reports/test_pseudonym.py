import hashlib
import hmac
import re

import pytest
import yaml

from civicnet.case import load_case
from civicnet.reports.pseudonym import Labeller, Pseudonymiser, identity, labeller, store_salt
from civicnet.store import Store, ingest_case

SALT = b"salt"


def anon(identifier: str, salt: bytes = SALT) -> str:
    """The pseudonym, computed independently: anon- and 10 hex digits of HMAC-SHA256."""
    return "anon-" + hmac.new(salt, identifier.lower().encode(), hashlib.sha256).hexdigest()[:10]


def test_stable_and_salted(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        salt = store_salt(store)
        assert store_salt(store) == salt
    with Store(tmp_path / "s.duckdb") as store:
        assert store_salt(store) == salt
    with Store(tmp_path / "other.duckdb") as store:
        other = store_salt(store)
    p, q = Pseudonymiser(salt), Pseudonymiser(other)
    assert p("jan_burger") == p("@jan_burger".lstrip("@")) == p("JAN_BURGER")
    assert p("jan_burger").startswith("anon-") and p("jan_burger") != q("jan_burger")


def test_government_stays_named_and_texts_are_rewritten():
    p = Pseudonymiser(b"salt", keep={"gemeenteDeventer"}, names={"jan_burger": "Jan de Burger"})
    assert p("gemeenteDeventer") == "gemeenteDeventer"
    text = p.text("@jan_burger vraagt @gemeenteDeventer: waar is Jan de Burger zijn fiets?")
    assert "jan_burger" not in text and "Jan de Burger" not in text
    assert "@gemeenteDeventer" in text and text.count(p("jan_burger")) == 2


def test_salt_is_not_in_pseudonym():
    p = Pseudonymiser(bytes.fromhex("ab" * 32))
    assert "abab" not in p("someone")


def test_identity_is_the_labeller_that_changes_nothing():
    assert isinstance(identity, Labeller) and not identity.active
    assert identity("jan") == "jan" and identity(None) is None
    assert identity.text("@jan zegt hoi") == "@jan zegt hoi"
    assert identity.message_id("at://did:plc:x/app.bsky.feed.post/1") == "at://did:plc:x/app.bsky.feed.post/1"
    assert identity.name("jan", "Jan B") == "Jan B" and identity.terms(["@jan", "brug"]) == ["@jan", "brug"]
    row = {"account": "jan", "id": "1", "text": "@jan"}
    assert identity.row(row, accounts=("account",), messages=("id",), texts=("text",)) == row


@pytest.mark.parametrize("handle", ["mo-elamrani.nl", "jan.de.vries.bsky.social", "anna_b-2", "Ömer_K"])
def test_a_handle_with_any_characters_is_replaced_whole(handle):
    p = Pseudonymiser(SALT, accounts=[("bluesky", "did:plc:abc", handle, None)])
    text = p.text(f"Vraag van @{handle}. Graag antwoord, @{handle}!")
    assert handle.lower() not in text.lower(), text
    assert text == f"Vraag van @{anon(handle)}. Graag antwoord, @{anon(handle)}!"


def test_fediverse_handles_are_replaced_whole_and_government_ones_kept():
    p = Pseudonymiser(SALT, keep={"gemeente@social.overheid.nl"},
                      accounts=[("mastodon", "mastodon.social:1", "jan@mastodon.social", None)])
    text = p.text("@jan@mastodon.social vraagt @gemeente@social.overheid.nl en @gemeente iets")
    assert text == f"@{anon('jan@mastodon.social')} vraagt @gemeente@social.overheid.nl en @gemeente iets"
    assert p("gemeente@social.overheid.nl") == "gemeente@social.overheid.nl"


def test_a_did_shows_as_its_accounts_pseudonym_everywhere():
    p = Pseudonymiser(SALT, accounts=[("bluesky", "did:plc:burger7x", "burger.bsky.social", "Mo Burger")])
    assert p("did:plc:burger7x") == p("burger.bsky.social") == anon("burger.bsky.social")
    text = p.text("zie did:plc:burger7x en https://bsky.app/profile/did:plc:burger7x/post/3kabc")
    assert "burger7x" not in text and anon("burger.bsky.social") in text


def test_message_ids_of_citizens_are_pseudonymised_and_government_ones_kept():
    p = Pseudonymiser(SALT, keep={"gemeente.bsky.social", "did:plc:gem", "1111"},
                      accounts=[("bluesky", "did:plc:burger7x", "burger.bsky.social", None),
                                ("facebook", "2222", None, "Piet Burger")],
                      kept_messages={"at://did:plc:gem/app.bsky.feed.post/1", "1111_5", "2222_6"})
    assert p.message_id("at://did:plc:gem/app.bsky.feed.post/1") == "at://did:plc:gem/app.bsky.feed.post/1"
    assert p.message_id("1111_5") == "1111_5"
    shown = p.message_id("at://did:plc:burger7x/app.bsky.feed.post/2")
    expected = "msg-" + hashlib.sha256(SALT.hex().encode() + b"\x1fat://did:plc:burger7x/app.bsky.feed.post/2").hexdigest()[:16]
    assert shown == expected
    # a government post on a citizen's page names the page: PAGEID_POSTID
    assert p.message_id("2222_6").startswith("msg-")
    assert p.message_id(None) is None and p.message_id(shown) == shown


def test_profile_and_post_urls_in_texts_lose_the_citizen():
    p = Pseudonymiser(SALT, keep={"gemeente"},
                      accounts=[("twitter", "123456789", "jan_b", "Jan B"),
                                ("linkedin", "in/marieke-van-dam-4b2a1c", None, "Marieke van Dam"),
                                ("mastodon", "mastodon.social:9", "piet@mastodon.social", None)],
                      kept_messages={"555555555"})
    text = p.text("https://twitter.com/jan_b/status/987654321 en https://x.com/gemeente/status/555555555 "
                  "en https://www.linkedin.com/in/marieke-van-dam-4b2a1c?trk=x en https://mastodon.social/@piet/112233445566")
    for gone in ("jan_b", "987654321", "marieke-van-dam", "@piet", "112233445566"):
        assert gone not in text, (gone, text)
    assert "https://x.com/gemeente/status/555555555" in text


def test_display_names_are_replaced_as_whole_words_not_inside_kept_names():
    p = Pseudonymiser(SALT, keep={"liekehoogeveen"},
                      accounts=[("twitter", "1", "liekehoogeveen", "Lieke Hoogeveen"),
                                ("twitter", "2", "lieke_b", "Lieke"), ("twitter", "3", "sk", "Sanne Kok")])
    text = p.text("Lieke Hoogeveen antwoordt SANNE KOK en sanne kok; Kokosnoot blijft")
    assert text == f"Lieke Hoogeveen antwoordt {anon('sk')} en {anon('sk')}; Kokosnoot blijft"


def test_terms_that_name_a_citizen_are_dropped():
    p = Pseudonymiser(SALT, keep={"gemeente"}, accounts=[("twitter", "1", "jan_b", "Jan Elamrani")])
    assert p.terms(["@jan_b", "@gemeente", "jan_b", "elamrani", "brug", "#brug"]) == ["@gemeente", "brug", "#brug"]


def test_a_pseudonym_is_never_pseudonymised_again():
    p = Pseudonymiser(SALT, accounts=[("twitter", "1", "jan_b", None)])
    once = p.text("@jan_b")
    assert p.text(once) == once and p(p("jan_b")) == p("jan_b")


def _case(tmp_path):
    page = {"data": [
        {"id": "1001", "author_id": "1", "text": "@gemeente waar is de brug? cc @mo-elamrani.nl", "created_at": "2014-03-01T10:00:00.000Z",
         "entities": {"mentions": [{"start": 0, "end": 9, "username": "gemeente", "id": "9"}]}},
        {"id": "1002", "author_id": "9", "text": "@jan_b maandag open", "created_at": "2014-03-01T11:00:00.000Z",
         "referenced_tweets": [{"type": "replied_to", "id": "1001"}], "in_reply_to_user_id": "1"},
        {"id": "1003", "author_id": "3", "text": "De NOS meldt het ook", "created_at": "2014-03-01T12:00:00.000Z"}],
        "includes": {"users": [{"id": "1", "username": "jan_b", "name": "Jan Burger"},
                               {"id": "9", "username": "gemeente", "name": "Gemeente X"},
                               {"id": "3", "username": "NOS", "name": "NOS"}]}}
    import json

    (tmp_path / "p.jsonl").write_text(json.dumps(page) + "\n", encoding="utf-8")
    (tmp_path / "case.yaml").write_text(yaml.safe_dump({
        "id": "c", "title": "C", "sources": [{"format": "twitter-v2", "path": "p.jsonl"}],
        "government": [{"handle": "gemeente"}], "public": ["NOS"]}), encoding="utf-8")
    return load_case(tmp_path / "case.yaml")


def test_labeller_for_a_case_keeps_government_and_public_accounts(tmp_path):
    case = _case(tmp_path)
    with Store(tmp_path / "s.duckdb") as store:
        ingest_case(case, store)
        assert labeller(store, case, pseudonymise=False) is identity
        label = labeller(store, case)
        salt = store_salt(store)
    assert label.active and label("gemeente") == "gemeente" and label("NOS") == "NOS"
    assert label("jan_b") == anon("jan_b", salt) and label("1") == anon("jan_b", salt)
    assert label.name("jan_b", "Jan Burger") == anon("jan_b", salt) and label.name("NOS", "NOS") == "NOS"
    assert label.message_id("1002") == "1002" and label.message_id("1001").startswith("msg-")
    text = label.text("@gemeente waar is de brug? cc @mo-elamrani.nl, zegt Jan Burger")
    assert text == f"@gemeente waar is de brug? cc @{anon('mo-elamrani.nl', salt)}, zegt {anon('jan_b', salt)}"
    assert re.fullmatch(r"anon-[0-9a-f]{10}", label("someone_else"))


def test_a_mention_after_a_dot_is_replaced():
    p = Pseudonymiser(SALT, accounts=[("twitter", "1", "Tayaustin01", None)])
    assert p.text(".@Tayaustin01 was great") == f".@{anon('tayaustin01')} was great"


def test_a_domain_handle_in_a_link_or_host_is_replaced():
    p = Pseudonymiser(SALT, accounts=[("bluesky", "did:plc:p", "posit.co", "Posit PBC")])
    text = p.text("Try positron.posit.co/download.html or https://posit.co/blog and https://www.posit.co")
    assert "posit.co" not in text, text


def test_a_citizens_username_in_any_link_is_replaced():
    p = Pseudonymiser(SALT, accounts=[("mastodon", "fosstodon.org:1", "schochastics@fosstodon.org", None),
                                      ("twitter", "2", "janb", None)])
    text = p.text("code: https://github.com/schochastics/timeless, https://schochastics.github.io/R4SNA/ "
                  "and https://example.org/janb/ but the word janb stays")
    assert "schochastics" not in text and "/janb/" not in text and "word janb stays" in text, text


def test_a_handle_mentioned_in_a_text_is_replaced_where_the_text_links_it():
    p = Pseudonymiser(SALT)
    text = p.text("Kampioenen van @ropensci.org! Lees ropensci.org/es/blog en @rotsinn op https://rotsinn.wordpress.com/")
    assert "ropensci.org" not in text and "rotsinn" not in text, text


def test_two_accounts_whose_pseudonyms_would_be_the_same_get_longer_ones():
    """40 bits collide somewhere among a million accounts: these two handles share their first 10 hex
    digits under this salt (found by trying), so both get 16 and stay apart; every other account keeps 10."""
    salt = bytes(32)
    assert anon("burger806844", salt) == anon("burger1020496", salt)
    p = Pseudonymiser(salt, accounts=[("x", "1", "burger806844", None), ("x", "2", "burger1020496", None),
                                      ("x", "3", "burger7", None)])
    first, second = p("burger806844"), p("@burger1020496")
    assert first != second and len(first) == len(second) == len("anon-") + 16
    assert first.startswith(anon("burger806844", salt)) and p("1") == first and p("2") == second
    assert p("burger7") == anon("burger7", salt)
    assert p(first) == first  # a pseudonym is not pseudonymised again, long or short
    assert p.text("@burger806844 en @burger1020496") == f"@{first} en @{second}"


def test_a_repeated_text_is_rewritten_once_and_the_memory_is_bounded(monkeypatch):
    import civicnet.reports.pseudonym_text as module

    monkeypatch.setattr(module, "TEXTS_KEPT", 2)
    p = Pseudonymiser(SALT, names={"jan_b": "Jan de Burger"})
    rewrites = []
    original = p._rewrite
    monkeypatch.setattr(p, "_rewrite", lambda text: rewrites.append(text) or original(text))
    retweet = "RT @jan_b: Jan de Burger zag de brand"
    shown = [p.text(retweet) for _ in range(3)]
    assert shown == [f"RT @{anon('jan_b')}: {anon('jan_b')} zag de brand"] * 3 and rewrites == [retweet]
    for text in ("een", "twee", "drie"):
        assert p.text(text) == text
    assert len(p._texts) <= 2


def test_a_display_name_written_as_hashtags_is_replaced():
    """A name whose words come as hashtags ("#ASTRO #아스트로" for the account "ASTRO 아스트로")."""
    p = Pseudonymiser(SALT, names={"astro_kr": "ASTRO 아스트로"})
    assert p.text("Kijk #ASTRO #아스트로 vandaag") == f"Kijk #{anon('astro_kr')} vandaag"
    assert p.text("#ASTRO en verder") == "#ASTRO en verder"  # one word of a two-word name is no name
