"""The real-export corpus (tests/fixtures/real, provenance in tests/fixtures/README.md): every file is
detected without ``format:`` and imports with the figures an independent reference computes
(tests/sources/_reference.py: plain json/csv/xml reading following CONTRACT.md's definitions)."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
import _reference as ref  # noqa: E402

from civicnet import sources  # noqa: E402
from civicnet.case import parse_case  # noqa: E402
from civicnet.networks import build_network  # noqa: E402
from civicnet.sources import SourceFile  # noqa: E402
from civicnet.store.db import Store  # noqa: E402
from civicnet.store.ingest import ingest_case  # noqa: E402

REAL = Path(__file__).resolve().parents[1] / "fixtures" / "real"

#: file -> (format it must be detected as, source options beyond the path, reference, warning kinds expected)
CORPUS = {
    "twarc2_search_brexit.jsonl": ("twitter-v2", {}, ref.twitter_v2, []),
    "twarc2_search_kpop.jsonl": ("twitter-v2", {}, ref.twitter_v2, []),
    "twarc2_search_media.jsonl": ("twitter-v2", {}, ref.twitter_v2, []),
    "twarc2_timeline_withheld_TRIMMED.jsonl": ("twitter-v2", {}, ref.twitter_v2, []),
    "twarc2_flattened_TRIMMED.jsonl": ("twitter-v2", {}, ref.twitter_v2, []),
    "twarc2_stream_interrupted.jsonl": ("twitter-v2", {}, ref.twitter_v2, ["rejected"]),
    "twarc_csv_kpop.csv": ("csv", {}, ref.twarc_csv, []),
    "v1_user_timeline_twitter.json": ("twitter-v1", {}, ref.twitter_v1, []),
    "v1_search_tweepy.json": ("twitter-v1", {}, ref.twitter_v1, []),
    "v1_home_timeline.json": ("twitter-v1", {}, ref.twitter_v1, []),
    "v1_retweets_of_status.json": ("twitter-v1", {}, ref.twitter_v1, []),
    "v1_list_timeline.json": ("twitter-v1", {}, ref.twitter_v1, []),
    "mastodon_account_statuses_fosstodon.jsonl": ("mastodon", {}, ref.mastodon, []),
    "mastodon_status_context.json": ("mastodon", {}, ref.mastodon, []),
    "mastodon_tag_timeline_ichbinhanna_TRIMMED.jsonl": ("mastodon", {}, ref.mastodon, []),
    "mastodon_public_timeline.json": ("mastodon", {"instance": "fosstodon.org"},
                                      lambda p: ref.mastodon(p, "fosstodon.org"), []),
    "bluesky_searchPosts.json": ("bluesky", {}, ref.bluesky, []),
    "bluesky_searchPosts_2.json": ("bluesky", {}, ref.bluesky, []),
    "bluesky_getAuthorFeed.json": ("bluesky", {}, ref.bluesky, []),
    "bluesky_getTimeline.json": ("bluesky", {}, ref.bluesky, []),
    "bluesky_getListFeed.json": ("bluesky", {}, ref.bluesky, []),
    "bluesky_getPostThread.json": ("bluesky", {}, ref.bluesky, []),
    # Graph API default fields and a person's comments read without the page's token: no `from`, no author
    "facebook_page_feed.jsonl": ("facebook-graph", {}, ref.facebook, ["anonymous"]),
    "facebook_group_feed.jsonl": ("facebook-graph", {"group": True}, lambda p: ref.facebook(p, group=True),
                                  ["anonymous"]),
    "facebook_comments.jsonl": ("facebook-graph", {}, ref.facebook, ["anonymous"]),
    "bluesky_getLikes.json": ("bluesky", {}, ref.bluesky, []),
    "gexf_les_miserables_gephi.gexf": ("gexf", {}, ref.network_file, []),
    "gexf_celegans.gexf": ("gexf", {}, ref.network_file, []),
    "graphml_miserables.graphml": ("graphml", {}, ref.network_file, []),
    "nodexl_edges_dutch_excel.csv": ("nodexl", {}, ref.nodexl_csv, []),
}


def figures(path: Path, options: dict, tmp_path: Path):
    tmp_path.mkdir(parents=True, exist_ok=True)
    case = parse_case({"id": "real", "title": "real", "sources": [{"path": path.name, **options}]}, tmp_path / "c.yaml")
    (tmp_path / path.name).write_bytes(path.read_bytes())
    with Store(tmp_path / "store.duckdb") as store:
        [report] = ingest_case(case, store)
        scope = store.case(case)
        kinds = Counter(dict(scope.sql("SELECT kind, count(*) FROM case_messages GROUP BY 1")))
        participants = scope.sql("SELECT count(DISTINCT account) FROM case_messages WHERE account IS NOT NULL")[0][0]
        ties = Counter(dict(scope.sql("SELECT kind, count(*) FROM case_interactions GROUP BY 1")))
        net = build_network(scope, "mention")
        scope.close()
        edges = {(net.ids[s].lower(), net.ids[t].lower()): int(w) for s, t, w in zip(net.src, net.dst, net.weight)}
    return report, kinds, participants, ties, edges


@pytest.mark.parametrize("name", CORPUS)
def test_detected_without_format(name):
    assert sources.detect(SourceFile(REAL / name)) == CORPUS[name][0]


@pytest.mark.parametrize("name", CORPUS)
def test_imports_with_the_reference_figures(tmp_path, name):
    fmt, options, reference, warnings = CORPUS[name]
    report, kinds, participants, ties, edges = figures(REAL / name, options, tmp_path)
    expected = reference(REAL / name)
    assert (report.format, report.format_detected) == (fmt, True)
    assert [w.kind for w in report.warnings] == warnings
    assert kinds == expected.kinds
    assert participants == len(expected.participants)
    assert ties == expected.ties
    assert edges == expected.network()


def test_corpus_is_complete():
    """Every file of tests/fixtures/real is in the corpus or a file of another kind (below)."""
    files = {p.name for p in REAL.iterdir() if p.suffix in (".json", ".jsonl", ".csv", ".gexf", ".graphml")}
    assert files == set(CORPUS) | set(OTHER_KIND) | {"mastodon_reblogged_by.json"}
    assert len(CORPUS) + len(OTHER_KIND) + 1 >= 25


# -- files of another kind (issue 16): they say what they hold and how to use them --------------------

OTHER_KIND = {
    "twarc2_users_lookup.jsonl": ("twitter-v2", 96, "relation: followers"),
    "bluesky_getProfiles.json": ("bluesky", 25, "getFollows"),
}


@pytest.mark.parametrize("name", OTHER_KIND)
def test_users_lookup_says_what_it_holds_and_how_to_use_it(tmp_path, name):
    fmt, accounts, hint = OTHER_KIND[name]
    assert sources.detect(SourceFile(REAL / name)) == fmt
    report, kinds, participants, ties, edges = figures(REAL / name, {}, tmp_path)
    assert not kinds and not ties and not edges
    [warning] = report.warnings
    assert warning.kind == "accounts_only" and warning.values["accounts"] >= accounts
    assert hint in warning.text("en") and "accounts and no messages or ties" in warning.text("en")


def test_reblogged_by_list_with_and_without_the_status_it_belongs_to(tmp_path):
    """A Mastodon reblogged_by list: alone, accounts only (a warning says how to use it); with
    ``relation: reblogged_by`` and ``status:``, a repost tie from each account to that status."""
    name = "mastodon_reblogged_by.json"
    report, *_ = figures(REAL / name, {}, tmp_path / "alone")
    assert [w.kind for w in report.warnings] == ["accounts_only"]
    report, kinds, participants, ties, edges = figures(
        REAL / name, {"relation": "reblogged_by", "status": "109294719267373593"}, tmp_path / "with")
    assert report.warnings == [] and ties == {"repost": 40} and not kinds
