"""Which stored accounts are the government accounts a case file names.

A case file's ``government:`` entry names an account by ``handle``: it matches the
account's handle (case-insensitive, without ``@``), or, on platforms without handles
(Facebook, LinkedIn), the account id or the exact display name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..case import Case
from .db import Store


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
