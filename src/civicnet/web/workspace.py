"""The dashboard's view of the store: the served cases, their analyses, a store per request.

At start-up every case is imported into its store (idempotent: unchanged files are
skipped) and, in pseudonymised mode, the store's salt is created. After that the
dashboard **holds no connection between requests**: every request opens the store
read-only for itself (:meth:`Workspace.scope`: the case's scope on it, with the case
views; 15–45 ms on a 26 MB store) and closes it when done. DuckDB lets one process write a
store or several read it, so ``civicnet ingest`` and ``collect`` run beside the dashboard:
they wait for a request in progress (``CIVICNET_LOCK_WAIT``), and a request that meets them
writing waits up to :data:`READ_WAIT` seconds, then answers 503 "being written"
(docs/dashboard.md, "Beside ingest and collect").

What the dashboard shows of a case is its :class:`~civicnet.analysis.CaseAnalysis`, computed
once per case (:meth:`Workspace.analysis`): the overview, the main network, the timeline and
the downloads are the same figures as the factsheet's. Networks of another kind or of a
period are analysed on request and kept in a small least-recently-used cache; a per-key lock
makes concurrent requests for the same value wait for one computation instead of repeating it.
Every cached value belongs to a version of its store file (size and modification time, and
its WAL's): when ``ingest`` has changed the store, the analysis is made again from what it
holds now.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Iterator

from ..case import Case, load_case
from ..errors import InputError, StoreLocked
from ..labels import Label, shown
from ..progress import Progress, silent
from ..reports.pseudonym import store_salt
from ..store import Store, default_store_path, ingest_case
from ..store.scope import CaseScope

if TYPE_CHECKING:
    from ..analysis import CaseAnalysis

CACHE_SIZE = 12
#: Seconds a request waits for a store that ``ingest`` or ``collect`` is writing, before it answers 503.
READ_WAIT = 5.0


class StoreBusy(StoreLocked):
    """The store is being written by another program (the dashboard answers 503)."""


@dataclass
class CaseEntry:
    """A served case: its file, its store, and (once known) how identifiers are shown."""

    case: Case
    store_path: Path
    pseudonymise: bool
    _accounts: dict | None = field(default=None, repr=False)
    _version: tuple | None = field(default=None, repr=False)


class Workspace:
    """The cases served by one dashboard, read from their stores one request at a time."""

    def __init__(self, case_paths: list[Path], *, pseudonymise: bool = False,
                 store_path: str | Path | None = None, progress: Progress = silent, allow_outside: bool = False):
        if not case_paths:
            raise InputError("no case file given; name at least one CASE.yaml")
        self.pseudonymise = pseudonymise
        self.cases: dict[str, CaseEntry] = {}
        for path in case_paths:
            case = load_case(path, allow_outside=allow_outside)
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
        """The case's scope on its store, opened read-only for this request only (module docstring)."""
        entry = self.entry(case_id)
        self._refresh(entry)
        try:
            store = Store(entry.store_path, read_only=True, lock_wait=READ_WAIT)
        except StoreLocked as exc:
            raise StoreBusy(f"the store of case {case_id!r} is being written (civicnet ingest or collect is "
                            f"adding to it); try again in a moment ({exc})") from None
        with store, store.case(entry.case) as scope:
            yield entry, scope

    def analysis(self, case_id: str) -> "CaseAnalysis":
        """The case's analysis, computed once and kept while the dashboard runs."""
        from ..analysis import analyse_case

        def compute():
            with self.scope(case_id) as (_, scope):
                return analyse_case(scope)

        return self.cached(("analysis", case_id), compute, keep=True)

    def close(self) -> None:
        """Nothing is held between requests (kept for callers that close a workspace)."""

    # -- versions of the store -----------------------------------------------------------

    @staticmethod
    def version(path: Path) -> tuple:
        """The store file's version: size and modification time of the file and its WAL."""
        out = []
        for p in (path, path.with_name(path.name + ".wal")):
            try:
                st = p.stat()
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)

    def _refresh(self, entry: CaseEntry) -> tuple:
        """Forget what was read from an older version of the entry's store."""
        now = self.version(entry.store_path)
        if entry._version != now:
            with self._lock:
                entry._accounts = None
                entry._version = now
        return now

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
        evicted (the cases' analyses) while its store stays as it is; otherwise one of the
        :data:`CACHE_SIZE` most recent. A key whose second part is a served case id holds for the
        current version of that case's store only (``ingest`` beside the dashboard makes it stale).
        """
        if len(key) > 1 and key[1] in self.cases:
            key = key + (self._refresh(self.cases[key[1]]),)
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
                    for old in [k for k in self._kept if k[:-1] == key[:-1]]:  # an older store's
                        del self._kept[old]
                    self._kept[key] = value
                else:
                    self._cache[key] = value
                    while len(self._cache) > CACHE_SIZE:
                        old, _ = self._cache.popitem(last=False)
                        self._key_locks.pop(old, None)
                self._key_locks.pop(key, None)
        return value
