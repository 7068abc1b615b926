"""The dashboard's network on one platform of a case that spans two (the factsheet's block per
platform): the twarc2 page of conftest plus a real-format Mastodon timeline page."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .conftest import A, B, client_for, write_case

pytest.importorskip("fastapi")

MASTODON = Path(__file__).parents[1] / "fixtures" / "mastodon_overheid_statuses.json"


def write_two_platform_case(folder: Path) -> Path:
    """conftest's case with a Mastodon timeline page as a second source; return the case file."""
    case = write_case(folder)
    shutil.copy(MASTODON, folder / "overheid.json")
    case.write_text(case.read_text(encoding="utf-8").replace(
        "sources:\n", "sources:\n  - {format: mastodon, path: overheid.json}\n"), encoding="utf-8")
    return case


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    from civicnet.web import create_app

    return client_for(create_app([write_two_platform_case(tmp_path_factory.mktemp("twoplatforms"))], max_nodes=2000))


def _ids(net):
    return {n["id"] for n in net["nodes"]}


def test_the_whole_network_lists_its_platforms_and_each_part_holds_its_own_accounts(client):
    whole = client.get("/api/cases/brug/network").json()
    assert whole["platform"] is None
    assert whole["platforms"] == ["twitter", "mastodon"]  # most accounts first: 13 on twitter
    tw = client.get("/api/cases/brug/network", params={"platform": "twitter"}).json()
    ma = client.get("/api/cases/brug/network", params={"platform": "mastodon"}).json()
    assert (tw["platform"], ma["platform"]) == ("twitter", "mastodon")
    assert tw["platforms"] == ma["platforms"] == whole["platforms"]
    # accounts belong to one platform and no tie crosses platforms: the parts split the whole
    assert _ids(tw) == {h for _, h in A + B} | {"gemeenteX"}
    assert ma["nodes_total"] > 0 and not (_ids(tw) & _ids(ma))
    assert _ids(tw) | _ids(ma) == _ids(whole)
    assert tw["nodes_total"] + ma["nodes_total"] == whole["nodes_total"]
    assert tw["edges_total"] + ma["edges_total"] == whole["edges_total"]
    # the groups stay the whole network's: the twitter part keeps the two groups of the brug case
    groups = {frozenset(n["id"] for n in tw["nodes"] if n["community"] == c["id"]) for c in tw["communities"]}
    assert groups == {frozenset(h for _, h in A) | {"gemeenteX"}, frozenset(h for _, h in B)}
    for s, t, _, _ in tw["edges"]:
        assert 0 <= s < tw["nodes_shown"] and 0 <= t < tw["nodes_shown"]


def test_search_neighbourhood_ambassadors_and_group_messages_stay_on_the_platform(client):
    ma = client.get("/api/cases/brug/network", params={"platform": "mastodon"}).json()
    assert client.get("/api/cases/brug/network/search", params={"q": "a1", "platform": "mastodon"}).json()["total"] == 0
    hit = client.get("/api/cases/brug/network/search", params={"q": "a1", "platform": "twitter"}).json()
    assert hit["items"][0]["id"] == "a1"
    near = client.get("/api/cases/brug/network/neighbourhood", params={"account": "a1", "platform": "twitter"}).json()
    assert {n["id"] for n in near["nodes"]} <= {h for _, h in A} | {"gemeenteX"}
    gone = client.get("/api/cases/brug/network/neighbourhood", params={"account": "a1", "platform": "mastodon"})
    assert gone.status_code == 404
    # the unreached groups (with their candidates) are each part's own: B on twitter, the other on mastodon
    def unreached(platform=None):
        r = client.get("/api/cases/brug/network/ambassadors", params={"platform": platform} if platform else {})
        assert r.status_code == 200
        return {g["community"] for g in r.json()["groups"]}

    tw = client.get("/api/cases/brug/network", params={"platform": "twitter"}).json()
    b_group = next(n["community"] for n in tw["nodes"] if n["id"] == B[0][1])
    assert unreached("twitter") == {b_group}
    assert unreached("mastodon") <= {c["id"] for c in ma["communities"]} and unreached("mastodon")
    assert unreached() == unreached("twitter") | unreached("mastodon")
    group = ma["communities"][0]["id"]
    page = client.get("/api/cases/brug/messages",
                      params={"community": group, "network": "mention", "platform": "mastodon", "limit": 500}).json()
    assert page["total"] > 0 and {m["platform"] for m in page["items"]} == {"mastodon"}


def test_a_platform_the_network_does_not_have_is_a_404_naming_those_it_has(client):
    r = client.get("/api/cases/brug/network", params={"platform": "facebook"})
    assert r.status_code == 404
    message = r.json()["error"]["message"]
    assert "facebook" in message and "twitter, mastodon" in message
    assert client.get("/api/cases/brug/network", params={"platform": "x" * 41}).status_code == 422


def test_pseudonymised_a_platforms_part_shows_no_citizen(tmp_path):
    from civicnet.web import create_app

    hidden = client_for(create_app([write_two_platform_case(tmp_path)], pseudonymise=True))
    for platform in ("twitter", "mastodon"):
        for path in ("/network", "/network/ambassadors"):
            body = hidden.get("/api/cases/brug" + path, params={"platform": platform}).text
            assert '"a1"' not in body and '"b2"' not in body and "A1" not in body, (platform, path)
        assert "gemeenteX" in hidden.get("/api/cases/brug/network", params={"platform": "twitter"}).text
