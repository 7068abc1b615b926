"""The Benno L. demo's ambassadors: the angry group's candidates are the accounts planted to tie
it to the local group (planted.json ``ambassadors``), each with a reason; every unreached group
has its list, every reached group an empty one."""

from __future__ import annotations

from _e2e_helpers import crosstab, home


def test_benno_angry_group_candidates_are_the_planted_bridges(demo_runs):
    run = demo_runs["benno-l"]
    table = crosstab(run)
    angry, local = home(table, "populair")[0], home(table, "lokaal")[0]
    by_id = {c["id"]: c for c in run.summary["networks"]["mention"]["communities"]}
    candidates = by_id[angry]["ambassadors"]
    planted = run.planted["ambassadors"]["populair"]
    assert 1 <= len(candidates) <= 5
    assert [c["account"] for c in candidates][:len(planted)] == sorted(
        planted, key=[c["account"] for c in candidates].index)  # the planted three come first
    for c in candidates:
        assert c["members_tied"] >= 3 and c["ties_to_reached"] >= 3 and c["reason"]
        assert c["reasons"]["en"] and c["reasons"]["nl"] == c["reason"]  # the case is Dutch
    site = next(c for c in candidates if c["account"] == "sleutelstad")
    assert site["role"] == "media" and site["community"] == local
    for c in by_id.values():
        assert (c["ambassadors"] == []) if c["reached_by_government"] else isinstance(c["ambassadors"], list)
