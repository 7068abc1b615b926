"""Times of the twitter-v2 mapping: naive UTC for Twitter's own form, the same instant as parse_time.

The mapper gives a time in Twitter's form (``2021-04-08T19:34:16.000Z``) as a naive datetime in UTC
(Arrow converts it in half the time of an aware one); every other form goes through parse_time as
before. The expected instants here are written out by hand.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pyarrow as pa
import pytest

from civicnet.columns import Rows
from civicnet.errors import RecordError
from civicnet.sources import twitter_v2
from civicnet.sources._map import parse_time
from civicnet.sources.twitter_v2_map import _utc

UTC = timezone.utc


@pytest.mark.parametrize("text, instant", [
    ("2021-04-08T19:34:16.000Z", datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)),
    ("2021-04-08T19:34:16.250Z", datetime(2021, 4, 8, 19, 34, 16, 250_000, tzinfo=UTC)),
    ("2021-04-08T19:34:16Z", datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)),
    ("2021-04-08T21:34:16.000+02:00", datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)),
    ("2021-04-08T15:34:16-0400", datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)),
    ("Thu Apr 08 21:34:16 +0200 2021", datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)),
    ("1617910456", datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)),
])
def test_the_same_instant_in_utc(text, instant):
    got = _utc(text, "created_at")
    if got.tzinfo is None:  # naive: UTC
        assert text.endswith(".000Z") or text.endswith(".250Z")
        got = got.replace(tzinfo=UTC)
    assert got == instant and got.utcoffset() == timedelta(0)


@pytest.mark.parametrize("text", ["2021-02-30T19:34:16.000Z", "2021-04-08T25:34:16.000Z", "2021-04-08T19:34:16.+01Z",
                                  "yesterday at noon"])
def test_a_time_that_cannot_be_read_is_rejected_as_parse_time_rejects_it(text):
    with pytest.raises(RecordError, match="unparseable created_at"):
        _utc(text, "created_at")


@pytest.mark.parametrize("text", [
    "2021-04-08X19:34:16.000Z", "2021-04-08 19:34:16.000Z", "2021-04-08T19:34:16,000Z", "2021-04-08T19:34:16.000z",
    " 2021-04-08T19:34:16.000Z", "2021-04-08T19:34:16.000Z ", "2021-04-08T19:34:16.000+00:00", "2021-W14-4T19:34:16Z",
    "20210408T193416.000Z", "2021-04-08T19:34:16.0000Z", "2021-04-08T19:34:16.00Z", "0001-01-01T00:00:00.000Z",
    "9999-12-31T23:59:59.999Z", "2021-04-08T19:34:16.000Z\n", 1617910456, 1617910456000, 1617910456.5, True, [1]])
def test_odd_forms_as_parse_time_reads_them(text):
    """Whatever parse_time makes of a value, the mapper makes of it: the same instant, or the same error."""
    try:
        expected = parse_time(text, "created_at")
    except RecordError as exc:
        with pytest.raises(RecordError) as got:
            _utc(text, "created_at")
        assert str(got.value) == str(exc)
        return
    got = _utc(text, "created_at")
    assert (got.replace(tzinfo=UTC) if got.tzinfo is None else got) == expected


def test_absent_times_stay_absent():
    assert _utc(None, "created_at") is None and _utc("", "created_at") is None


def tweet(created_at: str) -> dict:
    return {"id": "1", "text": "hoi @gemeente", "author_id": "7", "created_at": created_at,
            "in_reply_to_user_id": "9", "referenced_tweets": [{"type": "replied_to", "id": "2"}]}


def test_the_row_path_gives_aware_utc_times_and_arrow_the_same_instants():
    """The row path's records keep the model's aware UTC times; the Arrow rows of a naive time in
    Twitter's form and of an aware time with an offset hold the same instant."""
    mapped = twitter_v2.map_record(tweet("2021-04-08T19:34:16.000Z"))
    expected = datetime(2021, 4, 8, 19, 34, 16, tzinfo=UTC)
    assert [m.created_at for m in mapped.messages] == [expected]
    assert mapped.interactions and all(i.created_at == expected and i.created_at.tzinfo is UTC for i in mapped.interactions)
    rows = Rows()
    rows.add(mapped)  # aware
    rows.add(twitter_v2.map_record(tweet("2021-04-08T21:34:16.000+02:00")))  # parse_time's aware
    naive = Rows()
    from civicnet.sources import map_into
    from civicnet.sources.twitter_v2_map import Context, map_rows
    from civicnet.sources.twitter_v2_types import to_struct
    assert map_into(map_rows, to_struct(tweet("2021-04-08T19:34:16.000Z")), Context(), naive) is None
    assert naive.messages[0][3] == datetime(2021, 4, 8, 19, 34, 16)  # naive, in UTC
    rows.messages += naive.messages
    rows.interactions += naive.interactions
    batch = rows.batch(0)
    stored = datetime(2021, 4, 8, 19, 34, 16)
    assert batch.messages.column("created_at").to_pylist() == [stored] * 3
    assert batch.interactions.column("created_at").to_pylist() == [stored] * len(rows.interactions)
    assert batch.messages.schema.field("created_at").type == pa.timestamp("us")
