"""counts, timeline and peaks on planted cases (CONTRACT.md definitions)."""

import json

import pytest

import _tactics_planted as P
from civicnet.case import parse_case
from civicnet.store import Store, ingest_case
from civicnet.tactics import case_counts, peak_details, peaks, timeline, timeline_slots, timeline_unit
from civicnet.tactics import messages, period
from civicnet.tactics.counts import timeline_rows
from civicnet.tactics.peaks import baseline, candidates, detect_peaks, find_peaks, prominence


def test_counts_follow_the_contract(tw):
    scope, case, _ = tw
    counts = case_counts(scope)
    # 1 opening call + 34 background posts (17 days x 2) + 38 + 23 burst posts + 4 questions/praise posts
    # (q1, q3, praise, dup1 once, e2: the edited question once) + 3 government posts + 2 agent posts + 2 peak-day posts
    assert counts == {
        "messages": 114, "posts": 107, "posts_to_page": 0, "comments": 0, "replies": 5, "reposts": 2, "quotes": 0,
        "likes": 100,  # the park post: 3 named likes, but the platform counted 100 (the listing is partial)
        "shares": 2,  # two reposts in the collection (of the park post and of a citizen); no share counts
        "mentions": 9,  # the context-only message and the older edit carry none that count
        "participants": 33,  # 30 citizens + 3 government accounts; the suggested accounts wrote nothing
        "government_messages": 11,
        "followers": None,  # the case names no focus account
    }
    assert list(counts) == ["messages", "posts", "posts_to_page", "comments", "replies", "reposts", "quotes", "likes",
                            "shares", "mentions", "participants", "government_messages", "followers"]


def test_context_duplicate_and_edit_are_counted_once(tw):
    scope, case, _ = tw
    case_counts(scope)
    ids = {r[0] for r in scope.sql("SELECT id FROM case_messages")}
    assert "ctx1" not in ids  # context only
    assert "dup1" in ids and "e2" in ids and "e1" not in ids
    assert scope.sql("SELECT count(*) FROM case_messages WHERE id = 'dup1'")[0][0] == 1


def test_timeline_has_every_day_with_zeros(tw):
    scope, case, _ = tw
    days = timeline(scope)
    assert [d["date"] for d in days] == [P.day(n) for n in range(1, 21)]
    assert sum(d["messages"] for d in days) == 114
    assert sum(d["government_messages"] for d in days) == 11
    by_day = {d["date"]: d for d in days}
    assert by_day["2014-02-10"] == {"date": "2014-02-10", "messages": 42, "government_messages": 2}
    assert by_day["2014-02-12"] == {"date": "2014-02-12", "messages": 0, "government_messages": 0}
    assert by_day["2014-02-13"] == {"date": "2014-02-13", "messages": 1, "government_messages": 1}
    assert set(days[0]) == {"date", "messages", "government_messages"}


def test_hourly_timeline(planted):
    store, cases = planted
    case, _ = cases["facebook"]  # a two-day period: shown per hour
    with store.case(case) as scope:
        assert timeline_unit(scope) == "hour"
        hours = timeline_slots(scope)
        assert len(hours) == 48
        assert hours[8] == {"date": "2014-03-10", "hour": "2014-03-10T08:00Z", "messages": 1, "government_messages": 0}
        assert hours[9]["government_messages"] == 1
        assert sum(h["messages"] for h in hours) == 7
        daily = timeline(scope)  # summary.json keeps the days
        assert len(daily) == 2 and sum(d["messages"] for d in daily) == 7
        with pytest.raises(ValueError):
            timeline_rows(scope, messages(scope), period(scope), unit="week")


def test_planted_peaks_most_prominent_first(tw):
    scope, case, _ = tw
    assert peaks(scope) == ["2014-02-10", "2014-02-15"]
    details = peak_details(scope)
    days = [d["messages"] for d in timeline(scope)]
    quiet = sorted(n for n in days if n not in (42, 25))  # the baseline of the last round leaves the peaks out
    mid = (quiet[len(quiet) // 2 - 1] + quiet[len(quiet) // 2]) / 2 if len(quiet) % 2 == 0 else quiet[len(quiet) // 2]
    assert details["median"] == mid
    assert details["threshold"] == pytest.approx(mid + 3 * details["spread"])
    assert [p["messages"] for p in details["peaks"]] == [42, 25]


def test_a_held_out_storm_has_its_secondary_peak():
    """Seven storm days (issue 18). Against the other six days, the 508 day (median 184.5, MAD 68,
    spread 100.8) stands out: 508 > 184.5 + 3 x 100.8 = 486.9 and its prominence 508 - 150 = 358
    >= 302.5; the 1005 day against its six others (the same median and spread) too."""
    counts = [103, 1005, 330, 150, 508, 219, 130]
    series = [(f"2014-01-{n + 1:02d}", c) for n, c in enumerate(counts)]
    assert candidates(counts) == [1, 4]  # 330 and 219 lie on slopes
    assert [prominence(counts, i) for i in (1, 4)] == [1005, 358]
    found, base = find_peaks(series)
    assert [(p["label"], p["prominence"]) for p in found] == [("2014-01-02", 1005), ("2014-01-05", 358)]
    assert base["median"] == 150  # the last round: 103, 330, 150, 219, 130
    assert detect_peaks(series) == ["2014-01-02", "2014-01-05"]


def test_a_storm_is_one_peak_and_each_quake_another():
    """The days after a quake lie on its slope (one peak per storm); a second, smaller quake weeks
    later is a peak of its own. Quiet days 40 +- 8 (median 40, MAD 3: level about 53)."""
    quiet = [40, 45, 35, 40, 48, 32, 40, 43, 37, 40]
    counts = quiet * 2 + [410, 95, 41] + quiet * 3 + [947, 466, 148, 99] + quiet
    series = [(str(n), c) for n, c in enumerate(counts)]
    assert detect_peaks(series) == ["53", "20"]  # the big quake first, then the smaller one


def test_the_first_day_can_be_a_peak():
    """Benno L.: the storm starts on day one. Against the other six days (median 859, MAD 415,
    spread 615.3: level 2704.8) the first day stands out; against all seven it would not
    (median 1009, spread 768: level 3313)."""
    counts = [3294, 2336, 1321, 1009, 709, 491, 322]
    assert detect_peaks([(str(n), c) for n, c in enumerate(counts)]) == ["0"]


def test_quiet_case_has_no_peak():
    # one busy day of 3 messages among quiet days: above median + 3 MAD, but under the minimum
    series = [(f"d{i}", 0) for i in range(20)] + [("busy", 3)]
    assert detect_peaks(series) == []
    assert detect_peaks(series, min_count=3) == ["busy"]


def test_baseline_uses_mean_deviation_when_mad_is_zero():
    counts = [0] * 19 + [30]
    base = baseline(counts)
    assert base["median"] == 0 and base["mad"] == 0
    assert base["spread"] == pytest.approx(1.2533 * 30 / 20)
    assert detect_peaks([(str(i), n) for i, n in enumerate(counts)]) == ["19"]
    assert detect_peaks([("a", 5), ("b", 5)]) == []  # no spread at all: nothing stands out


def test_events_are_shown_on_the_timeline(tmp_path):
    store = Store(tmp_path / "s.duckdb")
    b = P.Builder("twitter")
    people = P.citizens(b, 5)
    P.background(b, people, range(1, 11), 1)
    P.burst(b, people, 5, 30)
    b.write(store, "quake")
    case = parse_case({"id": "quake", "title": "q", "sources": ["x.jsonl"],
                       "events": [{"date": "2014-02-05", "label": "Beving Garrelsweer"}]}, tmp_path / "q.yaml")
    with store.case(case) as scope:
        details = peak_details(scope)
        assert details["events"] == [{"date": "2014-02-05", "label": "Beving Garrelsweer", "messages": 31,
                                      "government_messages": 0, "is_peak": True}]
        # no period in the case file: first to last message day
        assert [d["date"] for d in timeline(scope)][0] == "2014-02-01"
        assert len(timeline(scope)) == 10


def _tweet(tid, author, text, created, **extra):
    return {"id": tid, "author_id": author, "text": text, "created_at": created,
            "edit_history_tweet_ids": extra.pop("history", [tid]), **extra}


def test_counts_after_ingesting_twarc2_pages(tmp_path):
    """Real twarc2 page shape: includes.tweets are context, an edited tweet counts once,
    a page imported twice counts once."""
    users = [{"id": "1", "username": "Rijkswaterstaat", "name": "Rijkswaterstaat"},
             {"id": "2", "username": "anna", "name": "Anna"}, {"id": "3", "username": "bob", "name": "Bob"}]
    q = _tweet("10", "2", "@Rijkswaterstaat Is de A12 weer open?", "2014-02-03T09:00:00.000Z",
               entities={"mentions": [{"start": 0, "end": 16, "username": "Rijkswaterstaat", "id": "1"}]})
    answer = _tweet("11", "1", "@anna Ja, sinds 10.00 uur is de A12 weer open.", "2014-02-03T09:30:00.000Z",
                    referenced_tweets=[{"type": "replied_to", "id": "10"}], in_reply_to_user_id="2",
                    conversation_id="10",
                    entities={"mentions": [{"start": 0, "end": 5, "username": "anna", "id": "2"}]})
    old = _tweet("20", "3", "Filee op de A2", "2014-02-03T10:00:00.000Z", history=["20", "21"])
    new = _tweet("21", "3", "File op de A2", "2014-02-03T10:01:00.000Z", history=["20", "21"])
    context = _tweet("5", "3", "@Rijkswaterstaat Waarom staat er altijd file?", "2014-02-02T09:00:00.000Z")
    page = {"data": [q, answer, old, new], "includes": {"users": users, "tweets": [context]},
            "meta": {"result_count": 4}, "__twarc": {"url": "https://api.twitter.com/2/tweets/search/all", "version": "2.14.0"}}
    path = tmp_path / "tweets.jsonl"
    path.write_text(json.dumps(page) + "\n")
    (tmp_path / "again.jsonl").write_text(json.dumps(page) + "\n" + "\n")  # same records, another file
    case = parse_case({"id": "rws", "title": "RWS", "government": ["Rijkswaterstaat"], "sources": [{"path": "tweets.jsonl", "format": "twitter-v2"},
                                                                {"path": "again.jsonl", "format": "twitter-v2"}]},
                      tmp_path / "case.yaml")
    store = Store(tmp_path / "s.duckdb")
    ingest_case(case, store)
    with store.case(case) as scope:
        counts = case_counts(scope)
    assert counts["messages"] == 3  # q, answer, the edited tweet once; the context tweet not
    assert counts["replies"] == 1 and counts["posts"] == 2
    assert counts["government_messages"] == 1  # @Rijkswaterstaat, named by the case file
    assert counts["mentions"] == 2
    # fetched without public_metrics and no likes listed: the source has no like or share figure
    assert counts["likes"] is None and counts["shares"] is None
    assert counts["participants"] == 3
