"""How a reader sees numbers, shares, durations and dates, in Dutch or English: one place for all.

Every output a person reads (factsheet, comparison, dashboard, conclusions, CLI lines about a
case) formats its figures here, so one figure reads the same everywhere (CONTRACT.md,
"Language"):

========================  =====================  =====================
value                     ``nl``                 ``en``
========================  =====================  =====================
12556                     ``12.556``             ``12,556``
0.1349 (a share)          ``13 %``               ``13%``
0.0065 (a small share)    ``0,7 %``              ``0.7%``
1444 minutes              ``24,1 uur``           ``24.1 hours``
45 minutes                ``45 min``             ``45 min``
2014-02-13                ``13 februari 2014``   ``13 February 2014``
None (the source cannot   ``n.v.t.``             ``n/a``
have the figure)
========================  =====================  =====================

Durations under two hours are minutes, under two days hours (one decimal), else days (one
decimal). A share between 0 and 1 % keeps one decimal, so a small share never reads "0 %".
The space between a figure and its unit (``13 %``, ``24,1 uur``) is a no-break space
(U+00A0), so a line never ends between them.
This module imports nothing of civicnet: every layer may use it.

>>> number(12556, "nl"), percent(0.1349, "nl"), duration(1444, "nl"), day("2014-02-13", "nl")
('12.556', '13\xa0%', '24,1\xa0uur', '13 februari 2014')
>>> number(None, "en"), percent(0.0065, "en"), duration(1444, "en")
('n/a', '0.7%', '24.1\xa0hours')
"""

from __future__ import annotations

from datetime import date, datetime

LANGUAGES = ("nl", "en")
#: Between a figure and its unit: a no-break space.
NBSP = "\u00a0"

_NA = {"nl": "n.v.t.", "en": "n/a"}
_MONTHS = {
    "nl": ("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober",
           "november", "december"),
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
}
_SHORT_MONTHS = {
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
_UNITS = {
    "nl": {"minutes": "min", "hour": "uur", "hours": "uur", "day": "dag", "days": "dagen"},
    "en": {"minutes": "min", "hour": "hour", "hours": "hours", "day": "day", "days": "days"},
}


def _lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose from {', '.join(LANGUAGES)}")
    return lang


def not_applicable(lang: str) -> str:
    """What a figure the source cannot have reads: ``n.v.t.`` / ``n/a``."""
    return _NA[_lang(lang)]


def number(value: int | float | None, lang: str, decimals: int = 0) -> str:
    """A count or amount with the language's digit grouping and decimal mark (None: n.v.t./n/a)."""
    if value is None:
        return not_applicable(lang)
    text = f"{value:,.{decimals}f}"
    if _lang(lang) == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def percent(share: float | None, lang: str) -> str:
    """A share (0–1) as a whole percentage (one decimal below 1 %), ``13 %`` in Dutch, ``13%`` in English."""
    if share is None:
        return not_applicable(lang)
    value = share * 100
    decimals = 1 if 0 < abs(value) < 1 else 0
    text = number(value, lang, decimals)
    return f"{text}{NBSP}%" if _lang(lang) == "nl" else f"{text}%"


def duration(minutes: float | None, lang: str) -> str:
    """Minutes as a reader counts them: ``45 min``, ``24,1 uur``, ``3,5 dagen`` (None: n.v.t./n/a)."""
    if minutes is None:
        return not_applicable(lang)
    units = _UNITS[_lang(lang)]
    if minutes < 120:
        return f"{number(minutes, lang)}{NBSP}{units['minutes']}"
    if minutes < 48 * 60:
        hours = minutes / 60
        return f"{number(hours, lang, 1)}{NBSP}{units['hour'] if round(hours, 1) == 1 else units['hours']}"
    days = minutes / 1440
    return f"{number(days, lang, 1)}{NBSP}{units['day'] if round(days, 1) == 1 else units['days']}"


def day(value: str | date | datetime | None, lang: str) -> str:
    """A date as ``13 februari 2014`` / ``13 February 2014`` (an ISO string or a date; None: n.v.t./n/a)."""
    if value is None or value == "":
        return not_applicable(lang)
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {_MONTHS[_lang(lang)][value.month - 1]} {value.year}"


def short_day(value: str | date | datetime, lang: str) -> str:
    """A day on a chart's axis: ``13 feb`` / ``13 Feb``."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {_SHORT_MONTHS[_lang(lang)][value.month - 1]}"


def short_month(value: str | date | datetime, lang: str) -> str:
    """A month on the axis of a chart that spans years: ``mrt 2012`` / ``Mar 2012``."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{_SHORT_MONTHS[_lang(lang)][value.month - 1]} {value.year}"


def period(start: str | date | None, end: str | date | None, lang: str) -> str:
    """A period ``1 januari 2014 – 31 maart 2014`` (an open end reads n.v.t./n/a)."""
    return f"{day(start, lang)} – {day(end, lang)}"


def and_list(items: list[str], lang: str) -> str:
    """Items joined as a sentence joins them: ``a, b en c`` / ``a, b and c``."""
    items = [i for i in items if i]
    if len(items) < 2:
        return "".join(items)
    word = "en" if _lang(lang) == "nl" else "and"
    return f"{', '.join(items[:-1])} {word} {items[-1]}"
