"""A case's records as temporary views, so every stage queries the same definitions.

:func:`install` creates them on a connection; a :class:`~civicnet.store.scope.CaseScope`
installs them on its own cursor when it opens (``with store.case(case) as scope``), which
is how every stage of civicnet reads a case. The views are:

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


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def use_case(store, case_id: str) -> None:
    """Create (or replace) the case views on ``store``'s connection (or a scope's cursor).

    For callers that have not moved to scopes yet (the webcare inbox): a scope
    (:meth:`civicnet.store.db.Store.case`) installs the views on a cursor of its own instead
    of on the connection every other user shares.
    """
    install(store.con, case_id)


def install(con, case_id: str) -> None:
    """Create (or replace) the case views on the connection or cursor ``con``."""
    for statement in _VIEWS.values():
        con.execute(statement.replace("{cid}", _quote(case_id))).fetchall()


#: view name -> its statement (``{cid}``: the case id as an SQL literal).
_VIEWS = {
    "case_all_messages": """
        CREATE OR REPLACE TEMP VIEW case_all_messages AS
        SELECT m.*, c.collected FROM case_message c JOIN message m USING (platform, id)
        WHERE c.case_id = {cid}
    """,
    "case_messages": """
        CREATE OR REPLACE TEMP VIEW case_messages AS
        SELECT * EXCLUDE (collected) FROM case_all_messages WHERE collected
    """,
    # Interactions without a carrier, then those whose carrier is counted (a semi-join): the
    # same rows as "message IS NULL OR EXISTS (…)", which DuckDB runs at twice the cost.
    "case_interactions": """
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
    """,
    "case_accounts": """
        CREATE OR REPLACE TEMP VIEW case_accounts AS
        SELECT a.* FROM case_account c JOIN account a USING (platform, id) WHERE c.case_id = {cid}
    """,
}
#: The views every scope has.
VIEWS = tuple(_VIEWS)
