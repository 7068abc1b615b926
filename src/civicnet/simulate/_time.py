"""Time in the generated cases: Dutch daily rhythm, reply delays, platform formats.

People post on Dutch local time (CET, CEST in summer) and the files hold UTC, as the
platforms deliver it. The summer-time rule is computed here (EU rule since 1996: last
Sunday of March to last Sunday of October, 01:00 UTC) so no time-zone database is
needed and the output is the same on every machine.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

from ._rng import Rng

UTC = timezone.utc

#: Relative activity per local hour for citizens (low at night, peaks at breakfast,
#: lunch and in the evening).
CITIZEN_HOURS = [2, 1, 0.5, 0.3, 0.3, 0.6, 2, 5, 7, 7, 7, 7, 8, 8, 7, 7, 7, 7, 8, 9, 10, 10, 8, 5]
#: Office hours, for organisations and civil servants at work.
OFFICE_HOURS = [0, 0, 0, 0, 0, 0, 0.2, 2, 8, 10, 10, 9, 6, 8, 9, 9, 8, 5, 1, 0.5, 0.5, 0.3, 0.1, 0]
#: A public figure posting early, at noon and at night.
FIGURE_HOURS = [0.5, 0.2, 0, 0, 0, 0, 1, 5, 6, 4, 3, 3, 5, 3, 3, 3, 3, 4, 5, 6, 7, 7, 5, 2]


def _last_sunday(year: int, month: int) -> date:
    d = date(year, month + 1, 1) - timedelta(days=1) if month < 12 else date(year, 12, 31)
    return d - timedelta(days=(d.weekday() + 1) % 7)


def utc_offset_hours(day: date) -> int:
    """+2 on Dutch summer-time days, +1 otherwise (the switch is taken at midnight)."""
    start, end = _last_sunday(day.year, 3), _last_sunday(day.year, 10)
    return 2 if start <= day < end else 1


def local_to_utc(day: date, seconds_of_day: int) -> datetime:
    """A Dutch local wall-clock time on ``day`` as an aware UTC datetime."""
    local = datetime(day.year, day.month, day.day, tzinfo=UTC) + timedelta(seconds=seconds_of_day)
    return local - timedelta(hours=utc_offset_hours(day))


def local_hour(moment: datetime) -> int:
    return (moment + timedelta(hours=utc_offset_hours(moment.date()))).hour


def days_between(start: date, end: date) -> list[date]:
    """Every day from ``start`` to ``end`` inclusive."""
    return [start + timedelta(days=n) for n in range((end - start).days + 1)]


def at(rng: Rng, day: date, hours: list[float] = CITIZEN_HOURS) -> datetime:
    """A moment on ``day`` drawn from a daily rhythm (local hours), in UTC."""
    hour = rng.choices(range(24), weights=hours)[0]
    return local_to_utc(day, hour * 3600 + rng.randint(0, 3599))


def after(rng: Rng, moment: datetime, median_minutes: float, sigma: float = 1.0,
          night_shift: bool = True, limit: datetime | None = None) -> datetime:
    """A reaction some (log-normal) time after ``moment``, pushed out of the night.

    Reactions falling between 01:00 and 06:59 local time move to the next morning
    most of the time; with ``limit`` the result never passes it (but never precedes
    ``moment`` either).
    """
    seconds = max(20, int(rng.lognormal(median_minutes * 60, sigma)))
    out = moment + timedelta(seconds=seconds)
    if night_shift and 1 <= local_hour(out) <= 6 and rng.chance(0.85):
        morning = local_to_utc(out.date() + timedelta(days=0 if local_hour(out) < 12 else 1), 7 * 3600)
        out = max(out, morning + timedelta(seconds=rng.randint(0, 3 * 3600)))
    if limit is not None and out > limit:
        out = max(moment + timedelta(seconds=1), limit - timedelta(seconds=rng.randint(0, 3600)))
    return out


def after_minutes(moment: datetime, minutes: int) -> datetime:
    """Exactly ``minutes`` whole minutes later (planted answers: response time is exact)."""
    return moment + timedelta(minutes=minutes)


def facebook_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+0000")


def twitter_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def iso_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
