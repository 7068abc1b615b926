"""The pseudonymiser of a case, as a measure of its scope (:func:`civicnet.reports.pseudonym.labeller`
makes the same one from a store).

Citizens get stable salted pseudonyms (:mod:`civicnet.reports.pseudonym`, docs/privacy.md);
the case's government and ``public:`` accounts keep their names, and everyone else's
identifiers, names and message ids are hidden in every output. The salt is the store's: made
on first use when the store can be written, so that later runs on the same store give the
same pseudonyms.
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
    if not salt:
        return None
    return Pseudonymiser.for_case(scope, scope.case, government=matched_government)
