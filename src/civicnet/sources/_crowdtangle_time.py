"""CrowdTangle's and the Meta Content Library's dates: time zone names and offsets, day/month order."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from ..errors import RecordError
from ._dates import DateOrder
from ._map import parse_time

_OFFSETS = {
    "UTC": 0, "GMT": 0, "Z": 0, "WET": 0, "WEST": 1, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}
_ZONED = re.compile(r"^(.*\d)\s*([A-Za-z]{1,5}|[+-]\d{2}:?\d{2})$")


def ct_time(value: str | None, tz=None, what: str = "date", order: DateOrder | None = None) -> datetime | None:
    """A CrowdTangle time (``2021-02-02 09:10:01 EST``) in UTC; zone-less times in ``tz`` (else UTC)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if re.match(r"\d{4}-\d{2}-\d{2}T", text) or text.isdigit():
        dt = parse_time(text, what)
        if tz is not None and re.fullmatch(r"\d{4}-\d{2}-\d{2}T[\d:.]+", text):
            dt = datetime.fromisoformat(text).replace(tzinfo=tz).astimezone(timezone.utc)
        return dt
    m = _ZONED.match(text)
    if m:
        offset = _offset(m.group(2), what, text)
        naive = _naive(m.group(1).strip(), what, text, order)
        return (naive - offset).replace(tzinfo=timezone.utc)
    naive = _naive(text, what, text, order)
    if tz is not None:
        return naive.replace(tzinfo=tz).astimezone(timezone.utc)
    return naive.replace(tzinfo=timezone.utc)


def _offset(zone: str, what: str, text: str) -> timedelta:
    if zone[0] in "+-":
        digits = zone[1:].replace(":", "")
        delta = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return delta if zone[0] == "+" else -delta
    hours = _OFFSETS.get(zone.upper())
    if hours is None:
        raise RecordError(f"unknown time zone {zone!r} in {what}: {text[:40]!r}")
    return timedelta(hours=hours)


def _naive(text: str, what: str, original: str, order: DateOrder | None = None) -> datetime:
    if order is not None and order.formats:
        return order.parse(text, what)
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    local = (order or DateOrder(False, "default")).parse(text, what)
    if local is not None:
        return local
    raise RecordError(f"unparseable {what}: {original[:40]!r}")
