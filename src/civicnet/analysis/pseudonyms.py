"""The pseudonymiser of a case, as a measure of its scope (:func:`civicnet.reports.pseudonym.labeller`
makes the same one from a store).

Citizens get stable salted pseudonyms (:mod:`civicnet.reports.pseudonym`, docs/privacy.md);
the case's government and ``public:`` accounts keep their names, and everyone else's
identifiers, names and message ids are hidden in every output. The salt is the store's: made
on first use when the store can be written, so that later runs on the same store give the
same pseudonyms.

The measure reads what the pseudonymiser needs while the scope is open, but builds its index of
citizens' identifiers and names (a dictionary over every account of the case: seconds and hundreds
of megabytes at a million messages) only when a labelling method is first called
(:class:`DeferredPseudonymiser`): a run without ``--pseudonymise`` never needs it. Until then the
case's account rows are kept as an Arrow table (:class:`ArrowRows`: ~40 MB for the 0.5M rows of a
1M-tweet case, where Python tuples took ~140 MB).
"""

from __future__ import annotations

import threading
from typing import Iterator

import duckdb
import pyarrow as pa

from ..reports.pseudonym import Pseudonymiser, store_salt
from ..store.government import matched_government
from ..store.scope import CaseScope, measure


@measure(matched_government)
def pseudonymiser(scope: CaseScope, matched_government: list) -> Pseudonymiser | None:
    """The case's pseudonymiser; None on a read-only store that has no salt yet."""
    try:
        salt = store_salt(scope)
    except duckdb.Error:  # read-only, and no salt was made while it could be written
        return None
    if not salt:
        return None
    return DeferredPseudonymiser.for_case(scope, scope.case, government=matched_government)


class DeferredPseudonymiser(Pseudonymiser):
    """A :class:`~civicnet.reports.pseudonym.Pseudonymiser` whose index is built on first use.

    It takes the same arguments and labels exactly as the pseudonymiser made from them at once:
    the first lookup of an attribute the instance does not have yet (every labelling method reads
    the index) builds it with :meth:`Pseudonymiser.__init__` from the arguments kept until then.
    """

    @classmethod
    def case_accounts(cls, store, case_id: str) -> "ArrowRows | list[tuple]":
        """The account rows as :class:`ArrowRows` on a scope (tuples only when the index is built)."""
        if not hasattr(store, "arrow"):
            return super().case_accounts(store, case_id)
        names = ["platform", "id", "handle", "name"]
        parts = [store.arrow(q, [case_id]).rename_columns(names) for q in cls.CASE_ACCOUNTS]
        return ArrowRows(pa.concat_tables(parts, promote_options="permissive"))

    def __init__(self, salt: bytes, **kwargs):  # noqa: D107 (the arguments of Pseudonymiser)
        self.case_id = kwargs.get("case_id")
        self._pending = (salt, kwargs)
        self._building = threading.Lock()

    def __getstate__(self) -> dict:  # copies and pickles take a lock of their own
        return {k: v for k, v in self.__dict__.items() if k != "_building"}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state, _building=threading.Lock())

    def __getattr__(self, name: str):
        building = self.__dict__.get("_building")
        if building is None:  # not initialised (copy, pickle) or nothing deferred
            raise AttributeError(name)
        with building:
            pending = self.__dict__.pop("_pending", None)
            if pending is not None:
                Pseudonymiser.__init__(self, pending[0], **pending[1])
        if name in self.__dict__:
            return self.__dict__[name]
        raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")


class ArrowRows:
    """The rows of an Arrow table as tuples, made batch by batch while they are iterated."""

    def __init__(self, table: pa.Table):
        self.table = table

    def __len__(self) -> int:
        return self.table.num_rows

    def __iter__(self) -> Iterator[tuple]:
        for batch in self.table.to_batches(max_chunksize=65_536):
            yield from zip(*(column.to_pylist() for column in batch.columns))
