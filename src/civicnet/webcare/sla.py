"""Service levels: when a first answer is due, and whether it came (or is) late.

A target is the routes file's ``service_levels`` entry for the item's category, or
``high_urgency`` when the urgency is high and that target is shorter. Without
``business_hours`` the target runs on the clock. With them it runs only inside the
working hours (local time of the given time zone; not on other days or holidays),
except high-urgency targets while ``high_urgency_on_clock`` is true (the default):
an emergency does not wait for Monday.

``sla_due`` = arrival + target; ``sla_breached`` = the first government answer came
after ``sla_due``, or, still unanswered, "now" is past it. No target (``null``) or no
arrival time: both are None.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from .routes import BusinessHours, Routes

#: Give up looking for working time after this many days (a misconfigured calendar).
MAX_DAYS = 3660


def target_hours(routes: Routes, category: str, urgency: str) -> tuple[float | None, str | None]:
    """(hours, which level) of the item's first-response target."""
    levels = routes.service_levels
    hours, name = levels.get(category), category
    urgent = levels.get("high_urgency")
    if urgency == "high" and urgent is not None and (hours is None or urgent < hours):
        hours, name = urgent, "high_urgency"
    return hours, (name if hours is not None else None)


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


def add_business_time(start: datetime, hours: float, bh: BusinessHours) -> datetime:
    """``start`` plus ``hours`` of working time under ``bh`` (returned in UTC)."""
    remaining = timedelta(hours=hours)
    local = _utc(start).astimezone(bh.timezone)
    day = local.date()
    for _ in range(MAX_DAYS):
        if day.weekday() in bh.days and day not in bh.holidays:
            open_at = datetime.combine(day, bh.start, bh.timezone)
            close_at = datetime.combine(day, bh.end, bh.timezone)
            begin = max(open_at, local)
            if begin < close_at:
                if begin + remaining <= close_at:
                    return (begin + remaining).astimezone(timezone.utc)
                remaining -= close_at - begin
        day += timedelta(days=1)
        local = datetime.combine(day, bh.start, bh.timezone)
    raise ValueError("business hours leave no working time within ten years")


def in_business_hours(when: datetime, bh: BusinessHours) -> bool:
    """Whether ``when`` falls inside the working hours."""
    local = _utc(when).astimezone(bh.timezone)
    return (local.weekday() in bh.days and local.date() not in bh.holidays
            and bh.start <= local.time() < bh.end)


def due(created: datetime | None, hours: float | None, urgency: str, routes: Routes) -> datetime | None:
    """When the first answer is due (UTC), or None without a target or arrival time."""
    if created is None or hours is None:
        return None
    bh = routes.business_hours
    if bh is None or (urgency == "high" and bh.high_urgency_on_clock):
        return _utc(created) + timedelta(hours=hours)
    return add_business_time(created, hours, bh)


def breached(sla_due: datetime | None, answered_at: datetime | None, now: datetime) -> bool | None:
    """Late answer, or no answer while ``now`` is past ``sla_due``; None without a due time."""
    if sla_due is None:
        return None
    moment = _utc(answered_at) if answered_at is not None else _utc(now)
    return moment > sla_due
