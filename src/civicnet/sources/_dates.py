"""Dates as spreadsheets write them: day and month in either order, ``-``/``/``/``.``, 24 h or AM/PM.

A NodeXL export saved by a Dutch Excel says ``28/05/2022 20:12``, a US one
``5/28/2022 8:12 PM``, a German one ``28.05.2022 20:12``. Which number is the day is
decided once per file, in this order (CONTRACT "Real exports come from many locales";
docs/formats.md "Dates"):

1. the source's ``date_format:`` option (strptime formats), when given: only those;
2. the file's own values: the first value whose first number is above 12 means day
   first (``28/05/2022``), whose second number is above 12 month first (``5/28/2022``);
   rows are read ahead until one such value comes (at most :data:`LOOKAHEAD_ROWS`).
   Every value whose numbers say their order themselves is read so; the ambiguous ones
   (both numbers at most 12) in the file's order;
3. when every value is ambiguous (both numbers at most 12): a time with AM/PM means
   month first (only US-style files pair numeric dates with a 12-hour clock); else the
   case's language: ``nl`` → day first; ``en`` → month first for ``/``-separated dates
   (the US style) and day first for ``-`` and ``.`` (European styles, also in English).

ISO 8601 (``2022-05-28 20:12``) is always read as such. The order used, and why, is put
in the import report (:meth:`DateOrder.describe`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Callable, Iterable, Iterator, TypeVar

from ..errors import RecordError

T = TypeVar("T")

_NUMERIC = re.compile(
    r"^(?P<a>\d{1,2})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})"
    r"(?:[ T]+(?P<H>\d{1,2})[:.](?P<M>\d{2})(?:[:.](?P<S>\d{2})(?:[.,](?P<f>\d{1,6}))?)?"
    r"\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?)?)?$"
)
#: Rows read ahead at most to find a value that tells the order.
LOOKAHEAD_ROWS = 20_000


def numeric_date(text: str):
    """The regex match of a numeric local date (``28/05/2022 20:12``…), or None."""
    return _NUMERIC.match(text.strip()) if isinstance(text, str) else None


@dataclass
class DateOrder:
    """How a file's numeric dates are read: ``day_first`` True/False, or None (each value by itself)."""

    day_first: bool | None = None
    basis: str = "none"  # values | ampm | language | conflict | none | format
    example: str | None = None
    separator: str | None = None
    formats: tuple[str, ...] = ()  # the source's `date_format:` (then only these)

    def describe(self) -> dict:
        """What the import report says (rendered per language by the CLI and factsheet)."""
        if self.formats:
            return {"order": "format", "basis": "format", "example": " | ".join(self.formats)}
        order = {True: "day_first", False: "month_first", None: "mixed"}[self.day_first]
        return {"order": order, "basis": self.basis, "example": self.example}

    def parse(self, text: str, what: str) -> datetime | None:
        """A naive datetime from a numeric date, or None when ``text`` is not one (and no format is set)."""
        if self.formats:
            for fmt in self.formats:
                try:
                    return datetime.strptime(text.strip(), fmt)
                except ValueError:
                    continue
            raise RecordError(f"unparseable {what}: {text.strip()[:40]!r} (expected {' or '.join(self.formats)}, "
                              "the source's `date_format:`)",
                              fix="correct the source's `date_format:` to the form of the file's dates")
        m = numeric_date(text)
        if m is None:
            return None
        a, b = int(m["a"]), int(m["b"])
        day_first = self.day_first
        if a > 12 and b <= 12:
            day_first = True
        elif b > 12 and a <= 12:
            day_first = False
        elif day_first is None:
            raise RecordError(f"ambiguous {what}: {text.strip()[:40]!r} (day or month first?)",
                              fix=f"set `date_format: \"{suggest_format(text, True)}\"` (day first) or "
                                  f"`date_format: \"{suggest_format(text, False)}\"` (month first)")
        day, month = (a, b) if day_first else (b, a)
        return _build(m, day, month, text, what, day_first)


def _build(m, day: int, month: int, text: str, what: str, day_first: bool) -> datetime:
    year = int(m["y"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    hour, minute = int(m["H"] or 0), int(m["M"] or 0)
    second, fraction = int(m["S"] or 0), m["f"] or "0"
    ampm = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
    if ampm:
        if not 1 <= hour <= 12:
            raise RecordError(f"unparseable {what}: {text.strip()[:40]!r} (hour {hour} with {ampm.upper()})")
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    try:
        return datetime(year, month, day, hour, minute, second, int(fraction.ljust(6, "0")[:6]))
    except ValueError:
        order = "day first" if day_first else "month first"
        raise RecordError(f"unparseable {what}: {text.strip()[:40]!r} is no date (read {order})") from None


def suggest_format(text: str, day_first: bool) -> str:
    """The strptime format that reads a numeric local date (``28/05/2022 20:12`` → ``%d/%m/%Y %H:%M``)."""
    m = numeric_date(text)
    if m is None:
        return "%d-%m-%Y %H:%M"
    sep = m["sep"]
    date = sep.join(["%d", "%m"] if day_first else ["%m", "%d"]) + sep + ("%Y" if len(m["y"]) == 4 else "%y")
    if m["H"] is None:
        return date
    time = ("%I" if m["ampm"] else "%H") + ":%M" + (":%S" if m["S"] else "")
    return f"{date} {time}" + (" %p" if m["ampm"] else "")


class Evidence:
    """What a file's values say about the order of day and month."""

    def __init__(self):
        self.day_first_example: str | None = None
        self.month_first_example: str | None = None
        self.ampm = False
        self.separators: set[str] = set()
        self.first: str | None = None

    def add(self, value: Any) -> None:
        m = numeric_date(value) if isinstance(value, str) else None
        if m is None:
            return
        a, b = int(m["a"]), int(m["b"])
        self.first = self.first or value.strip()
        self.separators.add(m["sep"])
        self.ampm = self.ampm or bool(m["ampm"])
        if a > 12 and b <= 12 and self.day_first_example is None:
            self.day_first_example = value.strip()
        elif b > 12 and a <= 12 and self.month_first_example is None:
            self.month_first_example = value.strip()

    @property
    def decided(self) -> bool:
        return self.day_first_example is not None or self.month_first_example is not None

    def order(self, language: str) -> DateOrder:
        day, month = self.day_first_example, self.month_first_example
        sep = "/" if "/" in self.separators else (min(self.separators) if self.separators else None)
        if day and month:
            return DateOrder(None, "conflict", f"{day} / {month}", sep)
        if day or month:
            return DateOrder(bool(day), "values", day or month, sep)
        if self.first is None:
            return DateOrder(None, "none")
        if self.ampm:
            return DateOrder(False, "ampm", self.first, sep)
        if language == "en" and sep == "/":
            return DateOrder(False, "language", self.first, sep)
        return DateOrder(True, "language", self.first, sep)


def for_file(rows: Iterator[T], dates_of: Callable[[T], Iterable[Any]], source, formats: tuple[str, ...] = ()
             ) -> tuple[DateOrder, Iterator[T]]:
    """The order of a file's dates (its ``date_format:`` when given, else :func:`infer`), noted for the
    import report in ``source.notes["date_order"]``; and the rows again."""
    if formats:
        order = DateOrder(None, "format", formats=tuple(formats))
    else:
        order, rows = infer(rows, dates_of, source.language)
    if order.basis != "none":
        source.notes["date_order"] = order.describe()
    return order, rows


def infer(rows: Iterator[T], dates_of: Callable[[T], Iterable[Any]], language: str,
          lookahead: int = LOOKAHEAD_ROWS) -> tuple[DateOrder, Iterator[T]]:
    """The order of a file's dates from its rows, and the rows again (the ones read ahead first).

    Rows are read ahead only until one value tells the order (or ``lookahead`` rows).
    """
    evidence = Evidence()
    ahead: list[T] = []
    for row in rows:
        ahead.append(row)
        for value in dates_of(row):
            evidence.add(value)
        if evidence.decided or len(ahead) >= lookahead:
            break
    return evidence.order(language), itertools.chain(ahead, rows)
