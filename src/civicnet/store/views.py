"""A case's records as temporary views, so every stage queries the same definitions.

After :func:`use_case`, the connection has:

``case_messages``
    the case's counted messages: returned by the collection (not context-only),
    latest version of edited messages, each (platform, id) once;
``case_all_messages``
    the case's messages including context-only ones (parents shown, not counted),
    with a ``collected`` column;
``case_interactions``
    the case's interactions whose carrying message is counted, plus those without
    a carrying message (likes, follows), with ``target`` = the target account id,
    or ``@handle`` when the target is known only by handle;
``case_accounts``
    accounts seen in the case's files.
"""

from __future__ import annotations

from .db import Store


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def use_case(store: Store, case_id: str) -> None:
    """Create (or replace) the case views on the store's connection."""
    cid = _quote(case_id)
    store.sql(
        f"""
        CREATE OR REPLACE TEMP VIEW case_all_messages AS
        SELECT m.*, c.collected FROM case_message c JOIN message m USING (platform, id)
        WHERE c.case_id = {cid}
        """
    )
    store.sql(
        """
        CREATE OR REPLACE TEMP VIEW case_messages AS
        SELECT * EXCLUDE (collected) FROM case_all_messages WHERE collected
        """
    )
    # Interactions without a carrier, then those whose carrier is counted (a semi-join): the
    # same rows as "message IS NULL OR EXISTS (…)", which DuckDB runs at twice the cost.
    store.sql(
        f"""
        CREATE OR REPLACE TEMP VIEW case_interactions AS
        SELECT i.*, coalesce(i.target_account, '@' || i.target_handle) AS target
        FROM case_interaction c JOIN interaction i USING (key)
        WHERE c.case_id = {cid} AND i.message IS NULL
        UNION ALL
        SELECT i.*, coalesce(i.target_account, '@' || i.target_handle) AS target
        FROM case_interaction c JOIN interaction i USING (key)
        SEMI JOIN (SELECT platform, id FROM case_message WHERE case_id = {cid} AND collected) cm
          ON cm.platform = i.platform AND cm.id = i.message
        WHERE c.case_id = {cid}
        """
    )
    store.sql(
        f"""
        CREATE OR REPLACE TEMP VIEW case_accounts AS
        SELECT a.* FROM case_account c JOIN account a USING (platform, id) WHERE c.case_id = {cid}
        """
    )
