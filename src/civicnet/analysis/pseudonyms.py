"""The pseudonymiser of a case: the one place a labeller is made from a store.

Citizens get stable salted pseudonyms (:mod:`civicnet.reports.pseudonym`); the case's
government accounts (by handle and by account id) keep their names, and the display names of
everyone else are hidden in texts. The salt is the store's: made on first use when the store
can be written, so that later runs on the same store give the same pseudonyms.
"""

from __future__ import annotations

import duckdb

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
    keep = {x for g in matched_government for x in (g.handle, g.account_id) if x}
    names = scope.arrow("SELECT coalesce(handle, id) AS ident, name FROM case_accounts WHERE name <> ''")
    return Pseudonymiser(salt, keep=keep,
                         names=dict(zip(names.column("ident").to_pylist(), names.column("name").to_pylist())))
