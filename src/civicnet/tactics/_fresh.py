"""Computing derived tables once per case state.

Derived temp tables (questions, answers, types, timing) and the government account
list are expensive on large cases. :func:`is_fresh`/:func:`mark_fresh` remember, per
store, the case :func:`fingerprint` each stage was last computed for: the case id, the
case-file settings that matter (government entries, focus, period), the number of the
case's messages (all and counted), interactions and accounts, and the last import. A
new import, new records or another case in between make a stage stale, and it is
computed again. :func:`recall`/:func:`remember` do the same for values.
"""

from __future__ import annotations

import weakref

from ..case import Case
from ..store.db import Store

_FRESH: "weakref.WeakKeyDictionary[Store, dict[str, tuple]]" = weakref.WeakKeyDictionary()
_VALUES: "weakref.WeakKeyDictionary[Store, dict[str, tuple]]" = weakref.WeakKeyDictionary()


def fingerprint(store: Store, case: Case) -> tuple:
    """What the derived tables of ``case`` depend on (module docstring)."""
    counts = store.sql(
        """SELECT (SELECT count(*) FROM case_message WHERE case_id = ?),
                  (SELECT count(*) FILTER (WHERE collected) FROM case_message WHERE case_id = ?),
                  (SELECT count(*) FROM case_interaction WHERE case_id = ?),
                  (SELECT count(*) FROM case_account WHERE case_id = ?),
                  (SELECT coalesce(max(id), 0) FROM import)""",
        [case.id] * 4,
    )[0]
    return (case.id, repr(case.government), case.focus, case.period_start, case.period_end, tuple(counts))


def is_fresh(store: Store, case: Case, stage: str) -> bool:
    """True when ``stage`` was last computed on this store for this very case state."""
    return _FRESH.get(store, {}).get(stage) == fingerprint(store, case)


def mark_fresh(store: Store, case: Case, stage: str) -> None:
    _FRESH.setdefault(store, {})[stage] = fingerprint(store, case)


def recall(store: Store, case: Case, key: str):
    """The value remembered under ``key`` for this case state, or None."""
    hit = _VALUES.get(store, {}).get(key)
    return hit[1] if hit is not None and hit[0] == fingerprint(store, case) else None


def remember(store: Store, case: Case, key: str, value) -> None:
    _VALUES.setdefault(store, {})[key] = (fingerprint(store, case), value)
