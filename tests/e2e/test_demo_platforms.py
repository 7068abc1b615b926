"""The vacant-lots case per platform (summary.json ``platforms``), checked against the written tables.

The case spans the LinkedIn group and #blt020 on Twitter: each platform's figures are counted
here from messages.csv, and its network part from nodes.csv/edges.csv (every tie joins two
accounts of one platform, so the parts hold every account and tie of the main network).
"""

from __future__ import annotations

from collections import Counter

from _e2e_helpers import NAMES


def _bool(value: str) -> bool:
    return value.lower() == "true"


def test_each_platform_is_counted_apart(demo_runs):
    run = demo_runs["leegstand-ondertussen"]
    platforms = {p["platform"]: p for p in run.summary["platforms"]}
    assert set(platforms) == {"linkedin", "twitter"}
    for name, p in platforms.items():
        rows = [m for m in run.messages if m["platform"] == name]
        gov = Counter(m["account"] for m in rows if _bool(m["is_government"]))
        assert p["messages"] == len(rows)
        assert p["participants"] == len({m["account"] for m in rows if m["account"]})
        assert p["government_messages"] == sum(gov.values())
        assert [(w["account"], w["messages"]) for w in p["government_accounts"]][:3] == gov.most_common(3)
    # the report's split: three civil servants write three quarters of #blt020
    twitter = platforms["twitter"]
    top3 = sum(w["messages"] for w in twitter["government_accounts"][:3])
    assert round(top3 / twitter["messages"], 2) == 0.75


def test_the_platform_networks_cut_the_main_network_without_loss(demo_runs):
    run = demo_runs["leegstand-ondertussen"]
    main = run.summary["networks"][run.main]
    parts = [p["network"] for p in run.summary["platforms"]]
    assert sum(p["nodes"] for p in parts) == main["nodes"] == len(run.nodes)
    assert sum(p["edges"] for p in parts) == main["edges"] == len(run.edges)
    # every listed group of the main network lies on exactly one platform
    listed = [c["id"] for c in main["communities"]]
    found = sorted(c for p in parts for c in p["communities"])
    assert found == sorted(listed)


def test_a_case_on_one_platform_has_no_platforms_field(demo_runs):
    for name in ("wijkagent-lisse", "ocw"):
        assert name in NAMES and "platforms" not in demo_runs[name].summary
