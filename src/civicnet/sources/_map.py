"""Small helpers every ``map_record`` uses: ids, times, numbers, text.

They keep absent values absent (``None``) and turn values that are present but
unusable into :class:`~civicnet.errors.RecordError`, so the record is skipped and
counted rather than stored with a guess.
"""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from ..errors import RecordError

_TWITTER_V1_TIME = "%a %b %d %H:%M:%S %z %Y"


def require_id(value, what: str = "id") -> str:
    """The record's id as text; a record without one cannot be stored."""
    if type(value) is str:  # the usual case first (the fast paths map millions)
        text = value.strip()
        if text:
            return text
        raise RecordError(f"no {what}")
    if value is None or isinstance(value, bool) or (isinstance(value, str) and not value.strip()):
        raise RecordError(f"no {what}")
    if isinstance(value, float):
        if not value.is_integer():
            raise RecordError(f"{what} is not an identifier: {value!r}")
        value = int(value)
    if not isinstance(value, (str, int)):
        raise RecordError(f"{what} has the wrong type ({type(value).__name__})")
    return str(value).strip()


def opt_id(value) -> str | None:
    """An optional id as text, or None."""
    if type(value) is str:
        return value.strip() or None
    if value is None or value == "" or isinstance(value, (bool, dict, list)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip() or None


def parse_time(value, what: str = "date") -> datetime | None:
    """A timestamp in UTC from ISO 8601, Twitter v1.1's format, RFC 2822 or epoch seconds.

    ``None`` or an empty string is absent (None); anything else that cannot be
    read is a RecordError.
    """
    if type(value) is str and value[-1:] == "Z" and value[:1].isdigit():
        try:  # the usual ISO 8601 in UTC (``2021-04-08T19:34:16.000Z``): what the general path gives
            return datetime.fromisoformat(value)
        except ValueError:
            pass
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        seconds = value / 1000 if value > 1e11 else value
        try:
            dt = datetime.fromtimestamp(seconds, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):
            raise RecordError(f"unparseable {what}: {value!r}") from None
    elif isinstance(value, str):
        dt = _parse_time_text(value.strip(), what)
    else:
        raise RecordError(f"{what} has the wrong type ({type(value).__name__})")
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone(timezone.utc)


def _parse_time_text(text: str, what: str) -> datetime:
    if text.isdigit():
        return parse_time(int(text), what)
    candidate = text.replace(" UTC", "+00:00").replace(" GMT", "+00:00")
    if re.fullmatch(r".*[+-]\d{4}", candidate) and "T" in candidate:
        candidate = candidate[:-2] + ":" + candidate[-2:]
    try:
        return datetime.fromisoformat(candidate)
    except ValueError:
        pass
    try:
        return datetime.strptime(text, _TWITTER_V1_TIME)
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    raise RecordError(f"unparseable {what}: {text[:60]!r}")


#: The largest count the store holds (a BIGINT).
MAX_COUNT = (1 << 63) - 1


def opt_int(value, what: str = "count") -> int | None:
    """An optional count; text like "1,234" is accepted. A value out of the store's range is a RecordError."""
    if type(value) is int and -MAX_COUNT <= value <= MAX_COUNT:
        return value
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise RecordError(f"{what} is not a number: {value!r}")
    if isinstance(value, float):
        if value != value:  # NaN
            return None
        if abs(value) > MAX_COUNT:
            raise RecordError(f"{what} out of range: {value!r}")
        value = int(value)
    elif isinstance(value, str):
        text = value.strip().replace(",", "").replace("_", "")
        if not text:
            return None
        try:
            number = float(text)
        except ValueError:
            raise RecordError(f"{what} is not a number: {value[:40]!r}") from None
        if not abs(number) <= MAX_COUNT:
            raise RecordError(f"{what} out of range: {value[:40]!r}")
        value = int(number)
    elif not isinstance(value, int):
        raise RecordError(f"{what} has the wrong type ({type(value).__name__})")
    if abs(value) > MAX_COUNT:
        raise RecordError(f"{what} out of range: {value}")
    return value


def opt_text(value) -> str | None:
    """Optional text; non-text values are refused."""
    if type(value) is str:
        return value
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise RecordError(f"text field has the wrong type ({type(value).__name__})")
    return value


def unescape(value: str | None) -> str | None:
    """Twitter and Facebook send some text HTML-escaped (``&amp;``); store it plain."""
    return html.unescape(value) if value else value


_MENTION = re.compile(r"(?<![\w@])@([A-Za-z0-9_]{1,30})(?![\w@])")


def text_mentions(text: str | None) -> list[str]:
    """@handles in a text, in order, once each (for sources without mention entities)."""
    if not text:
        return []
    seen: dict[str, None] = {}
    for handle in _MENTION.findall(text):
        seen.setdefault(handle, None)
    return list(seen)
