"""Which stored accounts are the government accounts a case file names.

A case file's ``government:`` entry names an account by ``handle``: it matches the
account's handle (case-insensitive, without ``@``), or, on platforms without handles
(Facebook, LinkedIn), the account id or the exact display name.

On a case's scope the same accounts are two measures every stage shares:
:func:`matched_government` (the list) and :func:`government_table` (the table the
stages' SQL joins: the one place the government accounts are loaded into DuckDB).
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa

from ..case import Case
from .db import Store
from .scope import Relation, measure


@dataclass(frozen=True)
class GovernmentAccount:
    platform: str
    account_id: str
    handle: str | None
    name: str | None
    spec_handle: str
    role: str | None
    body: str | None
    level: str | None


def government_accounts(store: Store, case: Case) -> list[GovernmentAccount]:
    """The case's government accounts found among the accounts of the case.

    Entries that match no account are left out (``unmatched_government`` lists them).
    """
    found: dict[tuple[str, str], GovernmentAccount] = {}
    for spec in case.government:
        for platform, account_id, handle, name in matching_accounts(store, case.id, spec.handle, spec.platform):
            found.setdefault(
                (platform, account_id),
                GovernmentAccount(platform, account_id, handle, name, spec.handle, spec.role, spec.body, spec.level),
            )
    return list(found.values())


def matching_accounts(store: Store, case_id: str, handle: str, platform: str | None = None) -> list[tuple]:
    """``(platform, id, handle, name)`` of the case's accounts a case file's ``handle`` names (module docstring)."""
    return store.sql(
        """
        SELECT a.platform, a.id, a.handle, a.name FROM case_account c JOIN account a USING (platform, id)
        WHERE c.case_id = ? AND (? IS NULL OR a.platform = ?)
          AND (lower(a.handle) = lower(?) OR (a.handle IS NULL AND (a.id = ? OR a.name = ?)))
        """,
        [case_id, platform, platform, handle, handle, handle],
    )


def unmatched_government(store: Store, case: Case) -> list[str]:
    """Handles of the case file's government entries that match no account of the case."""
    matched = {g.spec_handle for g in government_accounts(store, case)}
    return [spec.handle for spec in case.government if spec.handle not in matched]


def unseen_government(store: Store, case: Case) -> list[str]:
    """Handles of the case file's government entries found nowhere in the case's data: no account, and no
    tie naming the handle (an account that wrote nothing but is mentioned by handle alone is a government
    node of the networks: :mod:`civicnet.networks.marks`)."""
    unseen = []
    for handle in unmatched_government(store, case):
        spec = next(s for s in case.government if s.handle == handle)
        named = store.sql(
            """SELECT count(*) FROM case_interaction c JOIN interaction i USING (key)
               WHERE c.case_id = ? AND (? IS NULL OR i.platform = ?) AND lower(i.target_handle) = lower(?)""",
            [case.id, spec.platform, spec.platform, handle])[0][0]
        if not named:
            unseen.append(handle)
    return unseen


@measure()
def matched_government(scope) -> list[GovernmentAccount]:
    """The case file's government accounts found among the accounts of the case."""
    return government_accounts(scope, scope.case)


@measure(matched_government)
def government_table(scope, matched_government) -> Relation:
    """The government accounts as a table on the scope: ``platform, id, ident, handle``.

    ``ident`` is how outputs name the account: its handle, or on platforms without
    handles its account id (CONTRACT.md, nodes.csv).
    """
    rows = {"platform": [g.platform for g in matched_government], "id": [g.account_id for g in matched_government],
            "ident": [g.handle or g.account_id for g in matched_government],
            "handle": [g.handle for g in matched_government]}
    with scope.lend("government_rows", pa.table({k: pa.array(v, pa.string()) for k, v in rows.items()})) as batch:
        return scope.table("government", f"SELECT platform, id, ident, handle FROM {batch}")
