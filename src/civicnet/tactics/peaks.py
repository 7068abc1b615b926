"""The days that stand out: peaks by prominence against the case's own robust baseline.

CONTRACT.md ``peaks``: days whose message count stands out from the case's baseline,
secondary peaks included (an earthquake case has a peak at each larger quake), most
prominent first. The rule, on the daily timeline (quiet days count as 0; one quiet day
of 0 is assumed just before and just after the period):

1. **Candidates** are local maxima: a day with more messages than the day before and at
   least as many as the day after (on a plateau, its first day).
2. **Prominence** of a candidate (as :func:`scipy.signal.peak_prominences` defines it):
   from the day, walk left until a day with *more* messages (or past the period's start)
   and take the lowest count on the way; the same to the right; the prominence is the
   day's count minus the higher of the two lows. A day on the slope of a bigger storm has
   little prominence; the top of a second storm, once the first has passed, has much.
3. **Baseline** of a candidate: the median ``m`` of the *other* days' counts (the candidate
   itself and the peaks already found left out) and their robust spread
   ``s = 1.4826 · MAD`` (the median absolute deviation, scaled to estimate a standard
   deviation); when MAD is 0 (more than half of the days share one count, typical of
   quiet cases) ``s = 1.2533 · mean absolute deviation from the median``; when that is 0
   too (the other days are all alike), ``s = 0``: any day above them stands out.
4. A candidate is a **peak** when its count ``x`` has ``x > m + K·s``, its prominence is at
   least ``K·s`` (``K = 3``) and ``x ≥ 10`` (:data:`MIN_PEAK_MESSAGES`: a quiet case whose
   busiest day has 3 messages has no peaks).
5. **Secondary peaks**: step 4 is repeated, the peaks found so far left out of every
   baseline, until it finds no new peak. A storm that fills most of a short period lifts the
   median and the spread; judged against the days that are left, a second storm stands out
   (a held-out storm of 103, 1005, 330, 150, 508, 219 and 130 messages has peaks on its 1005
   and 508 days; a week whose first day is its storm, 3294, 2336, 1321, 1009, 709, 491,
   322, has its peak on the first day).

In a long, quiet-then-stormy period (90 days) leaving one day out hardly moves the baseline:
the rule is then the familiar "more than three robust deviations above the median", plus a
prominence that keeps the slope of a storm from counting as peaks of its own.

Peaks are listed most prominent first (ties: higher count, then the earlier day).
"""

from __future__ import annotations

from statistics import median

import numpy as np

from ..store.scope import measure
from .counts import timeline

#: Peak rule constants (see the module docstring).
PEAK_K = 3.0
MIN_PEAK_MESSAGES = 10
MAD_SCALE = 1.4826
MEAN_AD_SCALE = 1.2533


def baseline(counts: list[int]) -> dict:
    """The robust baseline of a series of counts: median, MAD, spread and level threshold."""
    if not counts:
        return {"median": None, "mad": None, "spread": None, "spread_method": None, "threshold": None}
    med = median(counts)
    deviations = [abs(x - med) for x in counts]
    mad = median(deviations)
    if mad > 0:
        spread, method = MAD_SCALE * mad, "1.4826 * MAD"
    else:
        spread, method = MEAN_AD_SCALE * sum(deviations) / len(deviations), "1.2533 * mean absolute deviation (MAD = 0)"
    threshold = med + PEAK_K * spread if spread > 0 else None
    return {"median": med, "mad": mad, "spread": spread, "spread_method": method, "threshold": threshold}


def candidates(values: list[int]) -> list[int]:
    """Indices of the local maxima (rule 1), the series padded with a 0 on both sides."""
    padded = [0, *values, 0]
    return [i - 1 for i in range(1, len(padded) - 1) if padded[i] > padded[i - 1] and padded[i] >= padded[i + 1]]


def prominence(values: list[int], i: int) -> int:
    """The prominence of day ``i`` (rule 2), the series padded with a 0 on both sides."""
    x = values[i]
    lows = []
    for step in (-1, 1):
        low, j = x, i + step
        while 0 <= j < len(values) and values[j] <= x:
            low = min(low, values[j])
            j += step
        if not 0 <= j < len(values):  # walked past the period: the quiet day beyond it
            low = 0
        lows.append(low)
    return x - max(lows)


def find_peaks(series: list[tuple[str, int]], min_count: int = MIN_PEAK_MESSAGES) -> tuple[list[dict], dict]:
    """The peaks of a series of ``(label, count)`` (module docstring), most prominent first, each
    ``{label, messages, prominence}``; and the baseline of the days that are not peaks."""
    values = [n for _, n in series]
    found: dict[int, int] = {}
    prominent = {i: prominence(values, i) for i in candidates(values) if values[i] >= min_count}
    while True:
        rest = [k for k in range(len(values)) if k not in found]
        counts = np.asarray([values[k] for k in rest], dtype=float)
        where = {k: n for n, k in enumerate(rest)}
        overall = float(np.median(counts)) if counts.size else 0.0
        new = {}
        for i, p in prominent.items():
            # a day not above the median of all the others' days cannot be above their median without it
            if i in found or counts.size < 2 or values[i] <= overall:
                continue
            med, spread = _median_and_spread(np.delete(counts, where[i]))  # the other days
            if values[i] > med + PEAK_K * spread and p >= PEAK_K * spread and p > 0:  # spread 0: all alike
                new[i] = p
        if not new:
            break
        found.update(new)
    order = sorted(found, key=lambda i: (-found[i], -values[i], i))
    quiet = baseline([n for k, n in enumerate(values) if k not in found])
    return [{"label": series[i][0], "messages": values[i], "prominence": found[i]} for i in order], quiet


def _median_and_spread(counts: np.ndarray) -> tuple[float, float]:
    """:func:`baseline`'s median and spread, with numpy (called once per candidate and round)."""
    med = float(np.median(counts))
    deviations = np.abs(counts - med)
    mad = float(np.median(deviations))
    return med, (MAD_SCALE * mad if mad > 0 else MEAN_AD_SCALE * float(deviations.mean()))


def detect_peaks(series: list[tuple[str, int]], min_count: int = MIN_PEAK_MESSAGES) -> list[str]:
    """Labels of the series' peaks (module docstring), most prominent first."""
    return [p["label"] for p in find_peaks(series, min_count)[0]]


@measure(timeline)
def peaks(scope, timeline: list[dict]) -> list[str]:
    """CONTRACT.md ``peaks``: the days that stand out from the case's own baseline."""
    return detect_peaks([(d["date"], d["messages"]) for d in timeline])


@measure(timeline)
def peak_details(scope, timeline: list[dict]) -> dict:
    """The peak rule applied to the case: baseline figures, the days found, case events."""
    return describe_peaks(timeline, scope.case.events)


def describe_peaks(days: list[dict], case_events=(), min_count: int = MIN_PEAK_MESSAGES) -> dict:
    """The peak rule applied to a daily timeline: the baseline of the days that are not peaks, the days
    found with their prominence, and the case's events with whether each fell on a peak."""
    found, base = find_peaks([(d["date"], d["messages"]) for d in days], min_count)
    if not days:
        base = baseline([])
    by_day = {d["date"]: d for d in days}
    peak_days = {p["label"] for p in found}
    events = []
    for event in case_events:
        day = by_day.get(event.date.isoformat(), {})
        events.append({
            "date": event.date.isoformat(), "label": event.label, "messages": day.get("messages"),
            "government_messages": day.get("government_messages"), "is_peak": event.date.isoformat() in peak_days,
        })
    return {
        "method": (f"local maximum with count > median + {PEAK_K:g} * spread and prominence >= {PEAK_K:g} * spread "
                   f"of the other days (peaks found left out, repeated), and >= {min_count} messages"),
        **base, "min_messages": min_count,
        "peaks": [{"date": p["label"], "messages": p["messages"], "prominence": p["prominence"]} for p in found],
        "events": events,
    }
