"""crowdtangle: CrowdTangle historical-data CSV and Meta Content Library CSV."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from _social_helpers import counts, detected, gzipped, ingest, message

from civicnet.errors import InputError
from civicnet.sources import crowdtangle

# The column order of CrowdTangle's Facebook historical-data export (2021+).
CT_FACEBOOK = [
    "Page Name", "User Name", "Facebook Id", "Page Category", "Page Admin Top Country", "Page Description",
    "Page Created", "Likes at Posting", "Followers at Posting", "Post Created", "Post Created Date",
    "Post Created Time", "Type", "Total Interactions", "Likes", "Comments", "Shares", "Love", "Wow", "Haha", "Sad",
    "Angry", "Care", "Video Share Status", "Is Video Owner?", "Post Views", "Total Views",
    "Total Views For All Crossposts", "Video Length", "URL", "Message", "Link", "Final Link", "Image Text",
    "Link Text", "Description", "Sponsor Id", "Sponsor Name", "Sponsor Category",
    "Overperforming Score (weighted  —  Likes 1x Shares 1x Comments 1x Love 1x Wow 1x Haha 1x Sad 1x Angry 1x Care 1x )",
]
CT_INSTAGRAM = ["Account", "User Name", "Followers at Posting", "Post Created", "Post Created Date",
                "Post Created Time", "Type", "Likes", "Comments", "Views", "URL", "Link", "Photo", "Title", "Description"]
MCL_FACEBOOK = [
    "id", "creation_time", "modified_time", "text", "lang", "mcl_url", "multimedia", "is_branded_content",
    "content_type", "statistics.like_count", "statistics.love_count", "statistics.wow_count",
    "statistics.haha_count", "statistics.sad_count", "statistics.angry_count", "statistics.care_count",
    "statistics.comment_count", "statistics.reaction_count", "statistics.views", "statistics.share_count",
    "post_owner.type", "post_owner.id", "post_owner.name", "surface.type", "surface.id", "surface.name",
    "shared_post_id",
]


def write_csv(path: Path, header: list[str], rows: list[dict]) -> Path:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=header)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: row.get(k, "") for k in header})
    return path


def ct_row(number, **extra):
    row = {
        "Page Name": "Gemeente Utrecht", "User Name": "gemeenteutrecht", "Facebook Id": "100064",
        "Page Category": "GOVERNMENT_ORGANIZATION", "Page Admin Top Country": "NL",
        "Page Description": "Officiële pagina", "Page Created": "2010-03-15 12:00:00 CET",
        "Likes at Posting": "40,100", "Followers at Posting": "41,200",
        "Post Created": "2021-02-02 09:10:01 EST", "Post Created Date": "2021-02-02", "Post Created Time": "09:10:01",
        "Type": "Photo", "Total Interactions": "1,310", "Likes": "1,200", "Comments": "50", "Shares": "10",
        "Love": "30", "Wow": "5", "Haha": "2", "Sad": "1", "Angry": "0", "Care": "12",
        "URL": f"https://www.facebook.com/gemeenteutrecht/posts/{number}", "Message": "Afvalkalender 2021 staat online",
    }
    row.update(extra)
    return row


def test_crowdtangle_facebook_pages(tmp_path):
    rows = [
        ct_row(111),
        ct_row(112, Type="Status", URL="https://www.facebook.com/permalink.php?story_fbid=112&id=100064",
               **{"Post Created": "2021-07-01 10:00:00 CEST"}),
        ct_row(113, Type="Link", Likes="", Love="", Wow="", Haha="", Sad="", Angry="", Care="", Shares=""),
    ]
    path = write_csv(tmp_path / "ct.csv", CT_FACEBOOK, rows)
    assert detected(path) == "crowdtangle"
    store, [report] = ingest(tmp_path, [{"path": "ct.csv", "format": "crowdtangle"}])
    assert report.records_read == 3 and report.records_rejected == 0
    c = counts(store)
    assert c["messages"] == {"post": 3} and c["accounts"] == 1 and c["interactions"] == {}
    post = message(store, "100064_111")
    assert post["platform"] == "facebook" and post["account"] == "100064"
    assert str(post["created_at"]) == "2021-02-02 14:10:01"  # EST = UTC-5
    assert (post["like_count"], post["reply_count"], post["share_count"], post["has_media"]) == (1250, 50, 10, True)
    assert str(message(store, "100064_112")["created_at"]) == "2021-07-01 08:00:00"
    bare = message(store, "100064_113")
    assert bare["like_count"] is None and bare["share_count"] is None and bare["has_media"] is False
    account = store.sql("SELECT handle, name, followers, created_at, url FROM account")
    assert account == [(None, "Gemeente Utrecht", 41200, crowdtangle.ct_time("2010-03-15 11:00:00").replace(tzinfo=None),
                        "https://www.facebook.com/gemeenteutrecht")]


def test_crowdtangle_group_posts_gzip_and_timezone_option(tmp_path):
    header = ["Group Name" if h == "Page Name" else h for h in CT_FACEBOOK if h != "Post Created"]
    rows = [{**ct_row(0), "Group Name": "Wijk Oost", "Facebook Id": "555",
             "URL": "https://www.facebook.com/groups/555/permalink/777/", "Post Created Date": "2021-01-15",
             "Post Created Time": "12:00:00"}]
    gz = gzipped(write_csv(tmp_path / "groups.csv", header, rows))
    (tmp_path / "groups.csv").unlink()
    assert detected(gz) == "crowdtangle"
    store, _ = ingest(tmp_path, [{"path": gz.name, "format": "crowdtangle", "timezone": "Europe/Amsterdam"}])
    post = message(store, "555_777")
    assert post["kind"] == "group_post" and post["account"] is None
    assert str(post["created_at"]) == "2021-01-15 11:00:00"
    assert counts(store)["accounts"] == 0


def test_crowdtangle_instagram(tmp_path):
    rows = [{"Account": "Politie Utrecht", "User Name": "politie.utrecht", "Followers at Posting": "9000",
             "Post Created": "2021-03-01 18:00:00 UTC", "Type": "Album", "Likes": "300", "Comments": "12",
             "URL": "https://www.instagram.com/p/CLx1abc/", "Description": "Let op bij het fietsen #veilig"}]
    path = write_csv(tmp_path / "ig.csv", CT_INSTAGRAM, rows)
    assert detected(path) == "crowdtangle"
    store, _ = ingest(tmp_path, [{"path": "ig.csv", "format": "crowdtangle"}])
    post = message(store, "CLx1abc")
    assert (post["platform"], post["account"], post["like_count"], post["text"]) == (
        "instagram", "politie.utrecht", 300, "Let op bij het fietsen #veilig")
    assert store.sql("SELECT handle, followers FROM account") == [("politie.utrecht", 9000)]


def test_meta_content_library_facebook(tmp_path):
    base = {"creation_time": "2024-01-10T08:30:00", "lang": "nl", "text": "Werkzaamheden A2", "multimedia": "",
            "statistics.reaction_count": "40", "statistics.comment_count": "7", "statistics.share_count": "3",
            "post_owner.type": "PAGE", "post_owner.id": "900", "post_owner.name": "Rijkswaterstaat",
            "surface.type": "PAGE", "surface.id": "900", "mcl_url": "https://www.facebook.com/900/posts/1"}
    rows = [
        {**base, "id": "m1", "multimedia": "[{'type': 'photo'}]"},
        {**base, "id": "m2", "post_owner.id": "901", "post_owner.name": "Burger", "post_owner.type": "USER",
         "statistics.reaction_count": "", "statistics.like_count": "2", "statistics.love_count": "1"},
        {**base, "id": "m3", "surface.type": "GROUP", "surface.id": "777", "post_owner.id": "902"},
        {**base, "id": "m4", "shared_post_id": "m1"},
    ]
    path = write_csv(tmp_path / "mcl.csv", MCL_FACEBOOK, rows)
    assert detected(path) == "crowdtangle"
    store, [report] = ingest(tmp_path, [{"path": "mcl.csv", "format": "crowdtangle"}])
    assert report.records_rejected == 0
    assert counts(store)["messages"] == {"post": 1, "post_to_page": 1, "group_post": 1, "repost": 1}
    m1 = message(store, "m1")
    assert (m1["like_count"], m1["reply_count"], m1["share_count"], m1["has_media"], m1["language"]) == (
        40, 7, 3, True, "nl")
    assert message(store, "m2")["like_count"] == 3 and message(store, "m2")["has_media"] is False
    assert message(store, "m4")["parent"] == "m1"
    assert counts(store)["accounts"] == 3


def test_meta_content_library_instagram(tmp_path):
    header = ["id", "creation_time", "text", "post_owner.id", "post_owner.name", "post_owner.username",
              "statistics.like_count", "statistics.comment_count"]
    rows = [{"id": "ig1", "creation_time": "2024-02-01T10:00:00+00:00", "text": "Open dag", "post_owner.id": "55",
             "post_owner.name": "Gemeente", "post_owner.username": "gemeente", "statistics.like_count": "12",
             "statistics.comment_count": "1"}]
    write_csv(tmp_path / "mcl_ig.csv", header, rows)
    store, _ = ingest(tmp_path, [{"path": "mcl_ig.csv", "format": "crowdtangle"}])
    post = message(store, "ig1")
    assert (post["platform"], post["account"], post["like_count"]) == ("instagram", "55", 12)
    assert store.sql("SELECT handle FROM account") == [("gemeente",)]


def test_bad_rows_are_counted(tmp_path):
    rows = [ct_row(1), ct_row(2, URL=""), ct_row(3, **{"Post Created": "2021-02-02 09:10:01 XYZ"}),
            ct_row(4, Likes="veel")]
    write_csv(tmp_path / "ct.csv", CT_FACEBOOK, rows)
    store, [report] = ingest(tmp_path, [{"path": "ct.csv", "format": "crowdtangle"}])
    assert report.records_read == 4 and report.records_rejected == 3
    assert counts(store)["messages"] == {"post": 1}


def test_unknown_timezone_option_is_an_input_error(tmp_path):
    write_csv(tmp_path / "ct.csv", CT_FACEBOOK, [ct_row(1)])
    with pytest.raises(InputError):
        ingest(tmp_path, [{"path": "ct.csv", "format": "crowdtangle", "timezone": "Mars/Olympus"}])


@pytest.mark.parametrize("content", [
    b"", b'"Page Name","User Name","Facebook Id","Post Created","URL","Total Interactions"\n',
    b"a,b,c\n1,2,3\n", b"\x00\x01\x02\x03", b'"Page Name","Facebook Id","Post Created","URL"\n"x","1","2021-01-01","u",extra,fields\n',
])
def test_unreadable_files(tmp_path, content):
    (tmp_path / "bad.csv").write_bytes(content)
    with pytest.raises(InputError):  # the last: its one row is rejected (extra fields), so every record is
        ingest(tmp_path, [{"path": "bad.csv", "format": "crowdtangle"}])


def test_detect_headers():
    assert crowdtangle.family_of(CT_FACEBOOK) == "crowdtangle"
    assert crowdtangle.family_of(CT_INSTAGRAM) == "crowdtangle"
    assert crowdtangle.family_of(MCL_FACEBOOK) == "mcl"
    assert crowdtangle.family_of(["id", "thread_id", "body", "author", "timestamp"]) is None
