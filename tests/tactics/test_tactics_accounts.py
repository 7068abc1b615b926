"""The shipped registry of Dutch government accounts and the heuristic suggestions."""

from datetime import date

from civicnet.case import GOV_LEVELS, ROLES
from civicnet.tactics import case_government, registry, suggest_government
from civicnet.store import Store
from civicnet.tactics.accounts import official_domains


def test_registry_entries_are_complete_and_valid():
    reg = registry()
    assert len(reg["accounts"]) >= 25
    seen = set()
    for entry in reg["accounts"]:
        assert entry["platform"] in ("twitter", "facebook", "linkedin", "mastodon", "bluesky", "instagram")
        assert entry.get("handle") or entry.get("name"), entry
        assert entry["role"] in ROLES and entry["level"] in GOV_LEVELS, entry
        assert entry["body"] and entry["source"].startswith("https://"), entry
        key = (entry["platform"], (entry.get("handle") or entry.get("name")).lower())
        assert key not in seen, key
        seen.add(key)
        for bound in ("valid_from", "valid_until"):
            assert bound not in entry or isinstance(entry[bound], date)
    handles = {e.get("handle") for e in reg["accounts"]}
    assert {"Rijksoverheid", "politie", "MinOCW", "Rijkswaterstaat", "gemeentedeventer"} <= handles


def test_official_domains_include_entry_domains():
    domains = official_domains()
    assert {"overheid.nl", "rijksoverheid.nl", "politie.nl", "deventer.nl", "defensie.nl"} <= set(domains)


def test_case_file_and_registry_accounts(tw):
    scope, case, _ = tw
    found = {g.ident: g for g in case_government(scope)}
    # The case file names the accounts; the registry fills in what it leaves out.
    assert set(found) == {"gemeentedeventer", "wijkagentDev", "burgemeesterDev"}
    assert found["gemeentedeventer"].source == "case_file" and found["gemeentedeventer"].role == "organisation"
    assert found["wijkagentDev"].source == "case_file" and found["wijkagentDev"].body == "Politie Oost-Nederland"
    bare = {g.ident: g for g in case_government(scope, use_registry=False)}
    assert set(bare) == set(found) and bare["gemeentedeventer"].role is None


def test_registry_accounts_are_suggested_never_added(tmp_path):
    import _tactics_planted as P

    store = Store(tmp_path / "s.duckdb")
    b = P.Builder("twitter")
    b.account("g", "gemeentedeventer")
    b.msg(b.account("c", "burger"), P.t(3, 9), "Hallo", id="m1")
    b.write(store, "reg")
    case = P.case(tmp_path, "reg", [])
    with store.case(case) as scope:
        assert case_government(scope) == []
        suggestion = {s["handle"]: s for s in suggest_government(scope)}["gemeentedeventer"]
    assert suggestion["suggested_role"] == "organisation"
    assert suggestion["evidence"][0] == "listed in the shipped registry of government accounts"


def test_case_file_entry_without_role_takes_the_registry_role(planted, tmp_path):
    import _tactics_planted as P

    store, _ = planted
    case = P.case(tmp_path, "twitter-planted", [{"handle": "gemeentedeventer", "body": "Deventer (case file)"}])
    with store.case(case) as scope:
        g = {a.ident: a for a in case_government(scope)}["gemeentedeventer"]
    assert (g.source, g.role, g.body, g.level) == ("case_file", "organisation", "Deventer (case file)", "local")


def test_suggestions_only_suggest(tw):
    scope, case, _ = tw
    suggestions = {s["handle"]: s for s in suggest_government(scope)}
    assert set(suggestions) == {"PolitieLisse", "jan"}  # not the case-file accounts, not citizens
    politie = suggestions["PolitieLisse"]
    assert politie["suggested_role"] == "organisation" and politie["suggested_body"] == "Politie Lisse"
    assert "name contains 'politie' (government body named)" in politie["evidence"]
    jan = suggestions["jan"]
    assert jan["suggested_role"] == "civil_servant"
    assert any("beleidsadviseur" in e for e in jan["evidence"])
    # suggesting changed nothing: they are still not government
    assert "PolitieLisse" not in {g.ident for g in case_government(scope)}


def test_domain_suggestion(tmp_path):
    import _tactics_planted as P
    from civicnet.store import Store

    store = Store(tmp_path / "s.duckdb")
    b = P.Builder("mastodon")
    b.account("7", "info", name="Informatiepunt", url="https://social.overheid.nl/@info")
    b.account("8", "piet", name="Piet", description="Ik fiets graag")
    b.write(store, "m")
    case = P.case(tmp_path, "m", [])
    with store.case(case) as scope:
        (s,) = suggest_government(scope)
    assert s["handle"] == "info" and s["suggested_role"] == "organisation"
    assert s["evidence"] == ["url names the government domain 'social.overheid.nl'"]
