"""The dashboard's view of the store: the served cases, their analyses, read-only scopes.

At start-up every case is imported into its store (idempotent: unchanged files are
skipped) and, in pseudonymised mode, the store's salt is created; then each store is
opened **read-only**, once, and shared. Every request works on a scope of its own
(:meth:`Workspace.scope`: a cursor of the shared connection with the case views, so
concurrent requests and two cases on one store never meet).

What the dashboard shows of a case is its :class:`~civicnet.analysis.CaseAnalysis`, computed
once per case (:meth:`Workspace.analysis`): the overview, the main network, the timeline and
the downloads are the same figures as the factsheet's. Networks of another kind or of a
period are analysed on request and kept in a small least-recently-used cache; a per-key lock
makes concurrent requests for the same value wait for one computation instead of repeating it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..case import Case, load_case
from ..errors import InputError
from ..labels import Label, shown
from ..progress import Progress, silent
from ..reports.pseudonym import store_salt
from ..store import Store, default_store_path, ingest_case
from ..store.scope import CaseScope

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

CACHE_SIZE = 12


@dataclass
class CaseEntry:
    """A served case: its file, its store, and (once known) how identifiers are shown."""

    case: Case
    store_path: Path
    pseudonymise: bool
    _accounts: dict | None = field(default=None, repr=False)


class Workspace:
    """The cases served by one dashboard and the read-only stores holding them."""

    def __init__(self, case_paths: list[Path], *, pseudonymise: bool = False,
                 store_path: str | Path | None = None, progress: Progress = silent):
        if not case_paths:
            raise InputError("no case file given; name at least one CASE.yaml")
        self.pseudonymise = pseudonymise
        self.cases: dict[str, CaseEntry] = {}
        for path in case_paths:
            case = load_case(path)
            if case.id in self.cases:
                raise InputError(f"{path}: case id {case.id!r} is served twice; give each case file once")
            where = Path(store_path) if store_path else default_store_path(case.path)
            self.cases[case.id] = CaseEntry(case, where.resolve(), pseudonymise)
        for n, entry in enumerate(self.cases.values()):
            progress(f"serve: importing {entry.case.id}", n, len(self.cases))
            with Store(entry.store_path) as store:
                ingest_case(entry.case, store)
                if pseudonymise:
                    store_salt(store)
        progress("serve: ready", len(self.cases), len(self.cases))
        self._stores: dict[Path, Store] = {}
        for entry in self.cases.values():
            if entry.store_path not in self._stores:
                self._stores[entry.store_path] = Store(entry.store_path, read_only=True)
        self._lock = threading.Lock()
        self._cache: OrderedDict = OrderedDict()
        self._kept: dict = {}
        self._key_locks: dict = {}

    # -- cases, scopes and analyses ---------------------------------------------------------

    def entry(self, case_id: str) -> CaseEntry:
        """The served case of that id; ``KeyError`` when there is none."""
        return self.cases[case_id]

    @contextmanager
    def scope(self, case_id: str) -> Iterator[tuple[CaseEntry, CaseScope]]:
        """The case's scope on its read-only store (a cursor of its own), for one request."""
        entry = self.entry(case_id)
        with self._lock:
            scope = self._stores[entry.store_path].case(entry.case)
        with scope:
            yield entry, scope

    def analysis(self, case_id: str) -> "CaseAnalysis":
        """The case's analysis, computed once and kept while the dashboard runs."""
        from ..analysis import analyse_case

        def compute():
            with self.scope(case_id) as (_, scope):
                return analyse_case(scope)

        return self.cached(("analysis", case_id), compute, keep=True)

    def close(self) -> None:
        for store in self._stores.values():
            store.close()
        self._stores.clear()

    # -- identifiers as shown ----------------------------------------------------------

    def label(self, entry: CaseEntry) -> Label:
        """How account identifiers are shown: as they are, or pseudonymised as in the factsheet."""
        return shown(self.analysis(entry.case.id).label(entry.pseudonymise))

    def account_index(self, entry: CaseEntry, scope: CaseScope) -> dict[str, str]:
        """Shown identifier → real identifier (handle, or account id without handle)."""
        if entry._accounts is None:
            label = self.label(entry)
            idents = scope.sql(
                """SELECT DISTINCT coalesce(a.handle, m.account) FROM case_all_messages m
                   LEFT JOIN account a ON a.platform = m.platform AND a.id = m.account
                   WHERE m.account IS NOT NULL
                   UNION SELECT coalesce(handle, id) FROM case_accounts"""
            )
            entry._accounts = {label(i): i for (i,) in idents if i is not None}
        return entry._accounts

    def add_accounts(self, entry: CaseEntry, shown_to_real: dict[str, str]) -> None:
        """Make more shown identifiers (network nodes known only by handle) resolvable."""
        if entry._accounts is not None:
            for shown_id, real in shown_to_real.items():
                entry._accounts.setdefault(shown_id, real)

    # -- cache -------------------------------------------------------------------------

    def cached(self, key: tuple, compute: Callable[[], object], *, keep: bool = False):
        """The cached value for ``key``, computing it once (other callers wait). ``keep``: never
        evicted (the cases' analyses); otherwise one of the :data:`CACHE_SIZE` most recent."""
        with self._lock:
            if key in self._kept:
                return self._kept[key]
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self._lock:
                if key in self._kept or key in self._cache:
                    return self._kept[key] if key in self._kept else self._cache[key]
            value = compute()
            with self._lock:
                if keep:
                    self._kept[key] = value
                else:
                    self._cache[key] = value
                    while len(self._cache) > CACHE_SIZE:
                        old, _ = self._cache.popitem(last=False)
                        self._key_locks.pop(old, None)
                self._key_locks.pop(key, None)
        return value
